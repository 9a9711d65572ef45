#!/bin/sh
# Run-time failures end the invocation, never the kernel: an out-of-bounds
# index, runaway recursion (the stack check), division by zero and signed
# overflow each panic the invocation with a logged message naming the
# program, and every invocation is counted.
. "$(dirname "$0")/lib.sh"

ktap_print_header
ktap_set_plan 9
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

ktap_dmesg_clean "no kernel warnings"
ktap_finished
