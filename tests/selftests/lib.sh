# shellcheck shell=sh
# Helpers for iu's guest shell tests: KTAP output like the kernel's own
# tools/testing/selftests/kselftest/ktap_helpers.sh (same function names), plus
# a dmesg check. POSIX sh for busybox ash; source it, do not run it:
#
#   . "$(dirname "$0")/lib.sh"
#   ktap_print_header
#   ktap_set_plan 2
#   ktap_test_result "thing works" some_command args
#   ktap_dmesg_clean "no new kernel warnings"
#   ktap_finished
#
# Exit status (from ktap_finished / ktap_skip_all), kselftest convention:
# 0 all passed (skips allowed), 1 a failure or a plan mismatch, 4 all skipped.
# Not `set -e`: a failing check must report, not abort the test.

KSFT_PASS=0
KSFT_FAIL=1
KSFT_SKIP=4

KTAP_TESTNO=1
KTAP_CNT_PASS=0
KTAP_CNT_FAIL=0
KTAP_CNT_SKIP=0
KTAP_PLAN=

IU_ROOT=${IU_ROOT:-/iu}
# The host's list of kernel-log patterns (scripts/vm packs it here); a
# fallback for running a test by hand elsewhere.
IU_BAD_LOG_PATTERNS=${IU_BAD_LOG_PATTERNS:-/etc/iu/bad-log-patterns}

ktap_print_header() {
	echo "TAP version 13"
	# Mark where this test's kernel messages start (also shows in the console log).
	ktap_dmesg_mark
}

ktap_set_plan() {
	KTAP_PLAN=$1
	echo "1..$1"
}

ktap_skip_all() { # reason
	echo "1..0 # SKIP $*"
	exit "$KSFT_SKIP"
}

ktap_print_msg() { # diagnostics, one "# " line per input line
	printf '%s\n' "$*" | sed 's/^/# /'
}

__ktap_result() { # "ok"|"not ok" description [directive]
	printf '%s %d %s%s\n' "$1" "$KTAP_TESTNO" "$2" "${3:+ # $3}"
	KTAP_TESTNO=$((KTAP_TESTNO + 1))
}

ktap_test_pass() {
	__ktap_result ok "$1"
	KTAP_CNT_PASS=$((KTAP_CNT_PASS + 1))
}

ktap_test_skip() { # description [reason]
	__ktap_result ok "$1" "SKIP${2:+ $2}"
	KTAP_CNT_SKIP=$((KTAP_CNT_SKIP + 1))
}

ktap_test_fail() { # description [reason]
	[ -z "${2:-}" ] || ktap_print_msg "$2"
	__ktap_result "not ok" "$1"
	KTAP_CNT_FAIL=$((KTAP_CNT_FAIL + 1))
}

# ktap_test_result DESCRIPTION CMD [ARGS...]: ok if CMD succeeds; otherwise
# not ok, with CMD's output and status as diagnostics.
ktap_test_result() {
	__d=$1
	shift
	if __out=$("$@" 2>&1); then
		ktap_test_pass "$__d"
	else
		__rc=$?
		ktap_test_fail "$__d" "$(printf '%s\n(%s: exit %d)' "$__out" "$*" "$__rc" | sed '/^$/d')"
	fi
}

ktap_print_totals() {
	echo "# Totals: pass:$KTAP_CNT_PASS fail:$KTAP_CNT_FAIL xfail:0 xpass:0 skip:$KTAP_CNT_SKIP error:0"
}

ktap_finished() {
	ktap_print_totals
	__ran=$((KTAP_CNT_PASS + KTAP_CNT_FAIL + KTAP_CNT_SKIP))
	if [ -n "$KTAP_PLAN" ] && [ "$__ran" -ne "$KTAP_PLAN" ]; then
		echo "# Planned $KTAP_PLAN tests but ran $__ran"
		exit "$KSFT_FAIL"
	fi
	[ "$KTAP_CNT_FAIL" -eq 0 ] || exit "$KSFT_FAIL"
	[ "$KTAP_CNT_PASS" -gt 0 ] || [ "$KTAP_CNT_SKIP" -eq 0 ] || exit "$KSFT_SKIP"
	exit "$KSFT_PASS"
}

# ---- waiting for conditions
# ktap_wait_for SECS CMD [ARGS...]: run CMD every 0.1 s until it succeeds;
# fails (status 1) only if it still fails after SECS seconds of guest time.
# For conditions another process brings about (a line it writes, a program it
# binds): never a fixed sleep, never a first look that may come too early.
# SECS is a hang guard, not a measurement: make it generous.
ktap_wait_for() {
	__secs=$1
	shift
	__end=$(($(cut -d. -f1 /proc/uptime) + __secs))
	until "$@" >/dev/null 2>&1; do
		[ "$(cut -d. -f1 /proc/uptime)" -lt "$__end" ] || return 1
		sleep 0.1
	done
	return 0
}

# ---- kernel log
# ktap_dmesg_mark: write a unique line to the kernel log; ktap_dmesg_new prints
# what the kernel logged after the latest mark.
ktap_dmesg_mark() {
	IU_DMESG_MARK="iu-selftest: mark $$ $(basename "$0") $(cut -d' ' -f1 /proc/uptime)"
	echo "$IU_DMESG_MARK" >/dev/kmsg 2>/dev/null || IU_DMESG_MARK=
}

ktap_dmesg_new() {
	if [ -n "${IU_DMESG_MARK:-}" ]; then
		dmesg | awk -v m="$IU_DMESG_MARK" 'found { print } index($0, m) { found = 1 }'
	else
		dmesg
	fi
}

__ktap_bad_patterns() {
	if [ -r "$IU_BAD_LOG_PATTERNS" ]; then
		cat "$IU_BAD_LOG_PATTERNS"
	else
		printf '%s\n' 'BUG:' 'WARNING:' 'Oops' 'general protection' 'Call Trace' \
			'kernel BUG' 'UBSAN' 'refcount_t:' 'list_add corruption' 'soft lockup'
	fi
}

# ktap_dmesg_clean DESCRIPTION: not ok (with the lines) if the kernel logged a
# BUG/WARNING/oops/... since the last ktap_dmesg_mark.
ktap_dmesg_clean() {
	if [ -n "${IU_DMESG_MARK:-}" ] && ! dmesg | grep -qF "$IU_DMESG_MARK"; then
		ktap_test_fail "$1" "the test's mark is not in the kernel log: cannot tell what is new"
		return
	fi
	__pats=/tmp/iu-bad-patterns.$$
	__ktap_bad_patterns >"$__pats"
	__hits=$(ktap_dmesg_new | grep -E -f "$__pats")
	rm -f "$__pats"
	if [ -z "$__hits" ]; then
		ktap_test_pass "$1"
	else
		ktap_test_fail "$1" "$__hits"
	fi
}
