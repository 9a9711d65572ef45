#!/bin/sh
# Run-time failures end the invocation, never the kernel: an out-of-bounds
# index, runaway recursion (the stack check), division by zero, signed
# overflow and a %s argument without a NUL each panic the invocation with a
# logged message naming the program, and every invocation is counted. The
# same %s with a NUL prints and does not panic.
. "$(dirname "$0")/lib.sh"

ktap_print_header
ktap_set_plan 14
rmmod iu 2>/dev/null
insmod "$IU_ROOT/module/iu.ko" || ktap_skip_all "cannot insmod iu.ko"
cd "$IU_ROOT/samples/faults" || ktap_skip_all "no faults sample"
ncpu=$(grep -c ^processor /proc/cpuinfo)
n=20

field() { printf '%s\n' "$1" | sed -n "s/.* $2=\([0-9]*\).*/\1/p"; }

# fault PROGRAM LOG_MESSAGE
fault() {
	out=$(./loader -p "$1" -n $n 2>&1)
	ktap_print_msg "$out"
	runs=$(field "$out" runs) panics=$(field "$out" panics) cnt=$(field "$out" bpf_run_cnt)
	if [ "$runs" = $((n * ncpu)) ] && [ "$panics" = "$runs" ] && [ "$cnt" = "$runs" ]; then
		ktap_test_pass "$1: every invocation panicked cleanly ($panics of $runs)"
	else
		ktap_test_fail "$1: every invocation panicked cleanly" "expected $((n * ncpu)): $out"
	fi
	ktap_test_result "$1: logged as \"$2\"" sh -c "dmesg | grep -q 'iu: program $1 panicked: $2'"
}

fault oob "array index out of bounds"
fault recurse "stack overflow"
fault divide "undefined behaviour: division by zero"
fault overflow "integer overflow in mul"
: >/sys/kernel/tracing/trace	# what earlier tests left
fault nostr "trace_printk: %s argument is not NUL-terminated"
ktap_test_result "nostr: printed nothing" sh -c '! grep -q "bpf_trace_printk: nostr" /sys/kernel/tracing/trace'

out=$(./loader -p goodstr -n $n 2>&1)
ktap_print_msg "$out"
runs=$(field "$out" runs) panics=$(field "$out" panics)
if [ "$runs" = $((n * ncpu)) ] && [ "$panics" = 0 ]; then
	ktap_test_pass "goodstr: no invocation panicked ($runs runs)"
else
	ktap_test_fail "goodstr: no invocation panicked" "expected $((n * ncpu)) runs: $out"
fi
# The calls come from the loader's children: comm "loader", then the tag.
ktap_test_result "goodstr: printed the comm and the tag with %s" \
	sh -c 'grep -qE "bpf_trace_printk: goodstr loader iu-[0-7]\$" /sys/kernel/tracing/trace'

ktap_dmesg_clean "no kernel warnings"
ktap_finished
