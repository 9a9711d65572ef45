#!/usr/bin/env bash
# scripts/tree-files (the file list of make assignment's and make grade's clean
# copies) where CI and users run them: a git checkout, a checkout owned by
# another user (CI runs as root; plain git refuses it as "dubious ownership"),
# and a tree that is not a git repository (an exported tarball, the student
# kit). In each the list is this tree's tracked files, and scripts/assignment
# builds its kit from it.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # description, command...
	local d=$1
	shift
	if "$@"; then echo "ok: $d"; else echo "FAIL: $d"; fail=1; fi
}
list() { "$1/scripts/tree-files" | tr '\0' '\n' | LC_ALL=C sort; }

# Whoever owns this checkout (CI runs as root on one it may not own).
g() { git -c safe.directory="$root" -C "$root" "$@"; }
if ! g rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	echo "FAIL: $root is not a git work tree: nothing to compare with"
	exit 1
fi
# The reference: what git tracks here (and has not been deleted).
g ls-files --cached | while IFS= read -r f; do [ -e "$root/$f" ] && echo "$f"; done |
	LC_ALL=C sort >"$tmp/want"
list "$root" >"$tmp/here"
check "git checkout: the tracked files ($(wc -l <"$tmp/want"))" cmp -s "$tmp/want" "$tmp/here"

# Not a git repository: the same files, copied.
mkdir "$tmp/plain"
tar -C "$root" -cf - -T "$tmp/want" | tar -C "$tmp/plain" -xf -
mkdir -p "$tmp/plain/build/junk" "$tmp/plain/certs"
echo built >"$tmp/plain/build/junk/x.o"
# A tree with its keys (make keygen's): never in a copy (a loader the grader
# compiles there could .incbin the signing key: the hostile review, round 4).
echo secret >"$tmp/plain/certs/iu_signing_key.pem"
echo public >"$tmp/plain/certs/iu_signing_cert.der"
list "$tmp/plain" >"$tmp/plain.list"
check "not a git repository: the same files, nothing under build/ and no keys in certs/" cmp -s "$tmp/want" "$tmp/plain.list"
check "... and scripts/assignment makes its kit there" \
	sh -c "'$tmp/plain/scripts/assignment' '$tmp/kit1' >/dev/null && test -s '$tmp/kit1/samples/tracex5/tracex5.cpp'"

# Another user's checkout (only root can make one here).
if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1; then
	mkdir "$tmp/foreign"
	tar -C "$root" -cf - -T "$tmp/want" | tar -C "$tmp/foreign" -xf -
	git -C "$tmp/foreign" init -q
	git -C "$tmp/foreign" add -A
	echo untracked >"$tmp/foreign/untracked.txt"
	chown -R nobody "$tmp/foreign"
	list "$tmp/foreign" >"$tmp/foreign.list"
	check "checkout owned by another user: its tracked files, not .git/ or untracked ones" \
		cmp -s "$tmp/want" "$tmp/foreign.list"
	check "... and scripts/assignment makes its kit there" \
		sh -c "'$tmp/foreign/scripts/assignment' '$tmp/kit2' >/dev/null && test -s '$tmp/kit2/samples/tracex5/loader.c'"
else
	echo "FAIL: not root (or no user nobody): cannot make a foreign-owned checkout"
	fail=1
fi
exit "$fail"
