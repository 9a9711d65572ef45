#!/bin/sh
# The samples against real hooks and trace_pipe: hello prints its caller's
# PID from sys_enter_dup; tracex5 prints, normalised, the same multiset of
# lines as the kernel's eBPF tracex5 on the same workload; a tampered or
# unsigned tracex5.iu is refused with a message about its signature.
. "$(dirname "$0")/lib.sh"

ktap_print_header
ktap_set_plan 11
lsmod | grep -q '^iu ' || insmod "$IU_ROOT/module/iu.ko" || ktap_skip_all "cannot insmod iu.ko"
cd "$IU_ROOT/samples" || ktap_skip_all "no samples staged"

# hello: "<task>-<pid> [cpu] flags ts: bpf_trace_printk: C++ triggered from PID <pid>: dup(<fd>)."
# The loader calls dup(1): the fd is the record's fildes, read by its name.
out=$(cd hello && ./loader 2>&1)
line=$(printf '%s\n' "$out" | grep 'bpf_trace_printk: C++ triggered from PID' | head -n1)
if [ -n "$line" ]; then
	ktap_test_pass "hello prints from sys_enter_dup"
else
	ktap_test_fail "hello prints from sys_enter_dup" "$out"
fi
task_pid=$(printf '%s\n' "$line" | sed -n 's/^ *[^ ]*-\([0-9]*\) .*/\1/p')
said_pid=$(printf '%s\n' "$line" | sed -n 's/.*from PID \([0-9]*\): dup([0-9]*)\.$/\1/p')
if [ -n "$said_pid" ] && [ "$task_pid" = "$said_pid" ]; then
	ktap_test_pass "hello's PID is the calling task's ($said_pid)"
else
	ktap_test_fail "hello's PID is the calling task's" "task $task_pid, printed $said_pid: $line"
fi
said_fd=$(printf '%s\n' "$line" | sed -n 's/.*: dup(\([0-9]*\))\.$/\1/p')
if [ "$said_fd" = 1 ]; then
	ktap_test_pass "hello reads dup's argument from the record (fildes 1)"
else
	ktap_test_fail "hello reads dup's argument from the record" "printed fd '$said_fd', the loader dup'ed 1: $line"
fi

# retval: a kretprobe sees getppid's return value and the probed function.
ktap_test_result "retval: a kretprobe sees the return value and func_ip" sh -c "cd retval && ./loader"

# tracex5: iu port and eBPF reference on the same workload (their own dd).
# Normalised: task, pid, CPU and timestamp dropped; hashed pointers replaced;
# the flags kept (irqs-off, context, preempt and migrate depths) except
# need-resched, which is whatever the scheduler had pending at that instant.
normalise() {
	grep 'bpf_trace_printk: ' | sed -e 's/^.*\] \([^ ]*\) *[0-9.]*: bpf_trace_printk: /\1 /' \
		-e 's/^\(.\)./\1./' -e 's/[0-9a-f]\{16\}/<ptr>/g' | sort
}
clear_trace() { : >/sys/kernel/tracing/trace; }	# what earlier tests left unread
clear_trace
(cd tracex5 && ./loader -d 2) >/tmp/tracex5.iu.out 2>&1
iu_rc=$?
clear_trace
(cd tracex5/ebpf && ./tracex5 -d 2) >/tmp/tracex5.ebpf.out 2>&1
ebpf_rc=$?
normalise </tmp/tracex5.iu.out >/tmp/tracex5.iu.norm
normalise </tmp/tracex5.ebpf.out >/tmp/tracex5.ebpf.norm
ktap_test_result "tracex5 (iu) runs" test "$iu_rc" -eq 0
ktap_test_result "tracex5 (eBPF reference) runs" test "$ebpf_rc" -eq 0
if grep -q ' mmap$' /tmp/tracex5.iu.norm && grep -q 'syscall=' /tmp/tracex5.iu.norm; then
	ktap_test_pass "tracex5 (iu) prints mmap and get/set id lines"
else
	ktap_test_fail "tracex5 (iu) prints mmap and get/set id lines" "$(cat /tmp/tracex5.iu.out)"
fi
if cmp -s /tmp/tracex5.iu.norm /tmp/tracex5.ebpf.norm; then
	ktap_test_pass "tracex5: iu and eBPF print the same lines ($(wc -l </tmp/tracex5.iu.norm))"
else
	ktap_test_fail "tracex5: iu and eBPF print the same lines" \
		"$(diff /tmp/tracex5.ebpf.norm /tmp/tracex5.iu.norm)"
fi

# A file changed after signing, and one with no signature.
cp tracex5/tracex5.iu /tmp/tampered.iu
printf 'X' | dd of=/tmp/tampered.iu bs=1 seek=300 conv=notrunc 2>/dev/null
out=$(cd tracex5 && ./loader /tmp/tampered.iu -d 0 2>&1)
rc=$?
if [ $rc -ne 0 ] && printf '%s\n' "$out" | grep -q 'signature: does not match the content'; then
	ktap_test_pass "a tampered tracex5.iu is refused for its signature"
else
	ktap_test_fail "a tampered tracex5.iu is refused for its signature" "exit $rc: $out"
fi
size=$(wc -c <tracex5/tracex5.iu)
head -c $((size - 40)) tracex5/tracex5.iu >/tmp/unsigned.iu
out=$(cd tracex5 && ./loader /tmp/unsigned.iu -d 0 2>&1)
rc=$?
if [ $rc -ne 0 ] && printf '%s\n' "$out" | grep -q 'signature: the file is not signed'; then
	ktap_test_pass "an unsigned file is refused"
else
	ktap_test_fail "an unsigned file is refused" "exit $rc: $out"
fi

ktap_dmesg_clean "no kernel warnings"
ktap_finished
