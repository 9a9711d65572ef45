#!/usr/bin/env bash
# `make demo` as a new user sees it: scripts/demo with an empty VM directory
# (a fresh clone's build/vm: no cached images, no earlier logs, so scripts/vm
# takes its default log path), for the kernel the Makefile's KDIR names.
# Passes if the demo exits 0, its output shows tracex5's trace_pipe lines with
# no blank lines between them, the workload's own chatter (dd's record counts)
# is kept apart (prefixed, after the trace; the guest command's stdout and
# stderr share one serial line), the default console log was written, and
# nothing failed without a word.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
vmdir=$tmp/vm	# does not exist yet, as in a fresh clone

kdir=$("$root/scripts/kernels" --kdir)
[ -n "$kdir" ] || { echo "FAIL: no kernel build directory (scripts/kernels --kdir)"; exit 1; }
rc=0
IU_VM_DIR=$vmdir IU_DEMO_SECONDS=3 "$root/scripts/demo" "$kdir" >"$tmp/out" 2>"$tmp/err" || rc=$?
fail=0
check() { # description, command...
	local d=$1
	shift
	if "$@"; then echo "ok: $d"; else echo "FAIL: $d"; fail=1; fi
}
check "scripts/demo exits 0 (got $rc)" test "$rc" -eq 0
check "no internal error" sh -c "! grep -q 'internal error' '$tmp/err'"
n=$(grep -c 'bpf_trace_printk: ' "$tmp/out" || true)
check "trace_pipe lines shown ($n)" test "$n" -gt 0
check "the mmap line is among them" grep -q 'bpf_trace_printk: mmap$' "$tmp/out"
check "no blank lines in the output" sh -c "! grep -qx '' '$tmp/out'"
check "dd's record counts appear only as prefixed workload lines" \
	sh -c "! grep 'records in' '$tmp/out' | grep -qv '^workload (dd): '"
check "dd's record counts are shown" grep -q '^workload (dd): .*records in' "$tmp/out"
last_trace=$(grep -n 'bpf_trace_printk: ' "$tmp/out" | tail -n1 | cut -d: -f1)
first_dd=$(grep -n '^workload (dd): ' "$tmp/out" | head -n1 | cut -d: -f1)
check "... after the trace lines, not among them" test "${first_dd:-0}" -gt "${last_trace:-0}"
logs=$(find "$vmdir" -maxdepth 1 -name '*.log' | wc -l)
check "scripts/vm wrote its default console log in the empty directory ($logs)" test "$logs" -eq 1
if [ "$fail" -ne 0 ]; then
	echo "--- stdout"; cat "$tmp/out"; echo "--- stderr"; cat "$tmp/err"
fi
exit "$fail"
