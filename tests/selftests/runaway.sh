#!/bin/sh
# Timely termination: programs that never finish, on a hook with interrupts
# off (the scheduler tick), on a system call kprobe and on a tracepoint,
# triggered on every CPU. Every invocation ends (iu's counters, BPF's run
# counts and the number of triggers agree: exact), the guest stays usable,
# and closing the handle while invocations are being ended is safe.
#
# How long after its budget an invocation really ends is a benchmark figure
# (make bench), not something a test can assert here: under QEMU's TCG on a
# shared host, a vCPU thread can be off the host CPU for many milliseconds,
# which the guest sees as time spent in the program. The longest invocation
# is printed for the record and only held to a bound that no scheduling delay
# reaches and every lockup detector is far above: one second.
. "$(dirname "$0")/lib.sh"

budget=2000		# us
bound=1000000		# us: a hang guard, not a latency target (see above)

ktap_print_header
ktap_set_plan 15
rmmod iu 2>/dev/null
insmod "$IU_ROOT/module/iu.ko" budget_us=$budget || ktap_skip_all "cannot insmod iu.ko"
cd "$IU_ROOT/samples/runaway" || ktap_skip_all "no runaway sample"
ncpu=$(grep -c ^processor /proc/cpuinfo)

field() { printf '%s\n' "$1" | sed -n "s/.* $2=\([0-9]*\).*/\1/p"; }

# check NAME OUTPUT EXPECTED_RUNS: all ended by the budget, counted twice.
check() {
	runs=$(field "$2" runs) term=$(field "$2" terminations) cnt=$(field "$2" bpf_run_cnt)
	max=$(field "$2" max_term_us)
	ktap_print_msg "$2"
	if [ -n "$runs" ] && [ "$runs" -gt 0 ] && [ "$term" = "$runs" ] && [ "$cnt" = "$runs" ] &&
		{ [ -z "$3" ] || [ "$runs" = "$3" ]; }; then
		ktap_test_pass "$1: every invocation terminated ($term of ${3:-$runs}, BPF run_cnt $cnt)"
	else
		ktap_test_fail "$1: every invocation terminated" "expected ${3:-any} runs: $2"
	fi
	if [ -n "$max" ] && [ "$max" -le $bound ]; then
		ktap_test_pass "$1: every invocation ended within a second (longest ${max} us, budget $budget us)"
	else
		ktap_test_fail "$1: every invocation ended within a second" "$2"
	fi
}

out=$(./loader -p sys -n 50 2>&1)
check "kprobe on getppid" "$out" $((50 * ncpu))
out=$(./loader -p tp -n 50 2>&1)
check "tracepoint sys_enter_getppid" "$out" $((50 * ncpu))
out=$(./loader -p spin -n 50 2>&1)
check "kprobe on getpgrp, spinning on pause" "$out" $((50 * ncpu))

# The tick runs with interrupts off: no timer can preempt the program there,
# the fuel checks alone end it. Every CPU is kept busy so that every CPU ticks.
./loader -p tick -d -1 >/tmp/tick.out 2>&1 &
tpid=$!
attached() { grep -q '^attached runaway_tick' /tmp/tick.out; }
ktap_wait_for 120 attached || ktap_print_msg "the tick loader did not attach: $(cat /tmp/tick.out)"
start=$(cut -d' ' -f1 /proc/uptime)
ls -R /iu >/dev/null && dd if=/dev/zero of=/dev/null bs=4k count=256 2>/dev/null
rc=$?
end=$(cut -d' ' -f1 /proc/uptime)
ktap_test_result "a shell command completes meanwhile (${start}s -> ${end}s)" test $rc -eq 0
kill -TERM $tpid
wait $tpid
out=$(cat /tmp/tick.out)
check "kprobe on update_process_times (IRQs off, every CPU)" "$out" ""
ticks_cpu=$(dmesg | grep -c 'program runaway_tick terminated')
ktap_test_result "terminations are logged with the program's name" test "$ticks_cpu" -gt 0

# 1000 in a row.
echo 500 >/sys/module/iu/parameters/budget_us
budget=500
out=$(./loader -p sys -n $((1000 / ncpu)) 2>&1)
check "1000 terminations in a row" "$out" $((1000 / ncpu * ncpu))
echo 2000 >/sys/module/iu/parameters/budget_us

ktap_test_result "closing the handle while syscall invocations are being terminated (10x)" \
	./loader -p sys -c 10
ktap_test_result "closing the handle while tick invocations are being terminated (5x)" \
	./loader -p tick -c 5

ktap_dmesg_clean "no kernel warnings"
ktap_finished
