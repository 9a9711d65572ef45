#!/bin/sh
# The runtime cannot be traced into trouble: every function an invocation
# runs through (the entry, the services, the longjmp-like end) refuses
# kprobes and kretprobes and is not in ftrace's list, while an ordinary iu.ko
# function accepts them (so the check can fail). Then function_graph and a
# kretprobe on the kernel functions around an invocation stay on while
# invocations are terminated and panic: every one ends, the kernel log stays
# clean.
. "$(dirname "$0")/lib.sh"

# What an invocation runs through; static ones may be inlined (then there is
# nothing to probe, which the test says).
runtime="iu_run iu_call_native iu_resume iu_longjmp iu_rt_tick iu_tick iu_end iu_rt_panic iu_rt_stack_overflow current_frame"
# Must exist as symbols: the entry, the services, the switch.
required="iu_run iu_call_native iu_resume iu_longjmp iu_rt_tick iu_tick iu_rt_panic iu_rt_stack_overflow"
control=iu_bind_take	# an ordinary (load-time) function of iu.ko

T=/sys/kernel/tracing
ktap_print_header
ktap_set_plan $(( $(echo $runtime | wc -w) * 2 + 5 ))
rmmod iu 2>/dev/null
insmod "$IU_ROOT/module/iu.ko" budget_us=2000 || ktap_skip_all "cannot insmod iu.ko"
echo > $T/kprobe_events

in_kallsyms() { grep -q " [tT] $1	\[iu\]" /proc/kallsyms; }
probe_refused() { # SYMBOL TYPE(p|r)
	if echo "$2:iutest/x $1" >> $T/kprobe_events 2>/dev/null; then
		echo "-:iutest/x" >> $T/kprobe_events
		return 1
	fi
	return 0
}

for s in $runtime; do
	if ! in_kallsyms "$s"; then
		case " $required " in
		*" $s "*) ktap_test_fail "$s exists (it is part of the runtime's ABI)" ;;
		*) ktap_test_pass "$s: inlined, nothing to probe" ;;
		esac
		ktap_test_pass "$s: inlined, nothing to trace"
		continue
	fi
	if probe_refused "$s" p && probe_refused "$s" r; then
		ktap_test_pass "$s refuses kprobes and kretprobes"
	else
		ktap_test_fail "$s refuses kprobes and kretprobes" "a probe on $s was accepted"
	fi
	if grep -qw "^$s" $T/available_filter_functions; then
		ktap_test_fail "$s cannot be function-traced" "listed in available_filter_functions"
	else
		ktap_test_pass "$s cannot be function-traced"
	fi
done

# The control: the same operations succeed on an ordinary function.
if in_kallsyms $control && ! probe_refused $control r; then
	ktap_test_pass "control: $control accepts a kretprobe"
else
	ktap_test_fail "control: $control accepts a kretprobe"
fi
ktap_test_result "control: $control is in ftrace's list" grep -qw "^$control" $T/available_filter_functions

# Hooks on what surrounds an invocation, on while it is ended early: a
# kretprobe on the syscall whose kprobe runs the program (its return address
# is replaced in a frame below iu_run's; the kernel's own BPF runners,
# trace_call_bpf and perf_trace_run_bpf_submit, are not probe-able), and
# function_graph on the syscalls, the tracepoint runner and a helper.
setup_ok=1
echo 'r:iutest/tcb_ret __x64_sys_getppid' >> $T/kprobe_events || setup_ok=0
echo 1 > $T/events/iutest/tcb_ret/enable || setup_ok=0
# (one name per write: one the kernel cannot trace fails the whole write)
traced=0
for f in __x64_sys_getppid __x64_sys_getpgrp bpf_trace_printk perf_trace_run_bpf_submit; do
	echo "$f" >> $T/set_ftrace_filter 2>/dev/null && traced=$((traced + 1))
done
[ "$traced" -ge 1 ] || setup_ok=0
echo function_graph > $T/current_tracer || setup_ok=0
tracer=$(cat $T/current_tracer)
out_sys=$(cd "$IU_ROOT/samples/runaway" && ./loader -p sys -n 30 2>&1)
out_tp=$(cd "$IU_ROOT/samples/runaway" && ./loader -p tp -n 30 2>&1)
out_rec=$(cd "$IU_ROOT/samples/faults" && ./loader -p recurse -n 10 2>&1)
out_oob=$(cd "$IU_ROOT/samples/faults" && ./loader -p oob -n 10 2>&1)
fired=$(grep -c 'tcb_ret:' $T/trace)
echo nop > $T/current_tracer
echo > $T/set_ftrace_filter
echo 0 > $T/events/iutest/tcb_ret/enable
echo '-:iutest/tcb_ret' >> $T/kprobe_events
: > $T/trace
ktap_print_msg "$out_sys" "$out_tp" "$out_rec" "$out_oob"
# ended OUTPUT COUNTER: runs > 0 and every run ended that way
ended() {
	runs=$(printf '%s\n' "$1" | sed -n "s/.* runs=\([0-9]*\) .*/\1/p")
	n=$(printf '%s\n' "$1" | sed -n "s/.* $2=\([0-9]*\).*/\1/p")
	[ -n "$runs" ] && [ "$runs" -gt 0 ] && [ "$runs" = "$n" ]
}
if [ "$setup_ok" = 1 ] && [ "$tracer" = function_graph ] && [ "$fired" -gt 0 ] &&
	ended "$out_sys" terminations &&
	ended "$out_tp" terminations; then
	ktap_test_pass "terminations under function_graph and a kretprobe on the probed syscall ($fired returns seen, $traced functions graph-traced)"
else
	ktap_test_fail "terminations under function_graph and a kretprobe on the probed syscall" \
		"setup ok: $setup_ok ($traced functions graph-traced), tracer '$tracer', kretprobe fired $fired times: $out_sys $out_tp"
fi
if ended "$out_rec" panics && ended "$out_oob" panics; then
	ktap_test_pass "stack overflows and bounds panics under the same hooks"
else
	ktap_test_fail "stack overflows and bounds panics under the same hooks" "$out_rec $out_oob"
fi
ktap_dmesg_clean "no kernel warnings"
rmmod iu
ktap_finished
