#!/bin/sh
# The grader's guest half (scripts/grade packs it as /iu/grade/run.sh): for
# each /iu/grade/NAME/ (tracex5.iu, probe.iu, loader, as scripts/grade built
# them; any may be missing), print item lines "GRADE<TAB>NAME<TAB>item<TAB>
# ITEM<TAB>POINTS<TAB>MAX<TAB>REASON":
#   - iu-grade-tracex5: test-run of every branch, and of the runtime part's
#     check (probe.iu);
#   - the student's loader against the eBPF tracex5 on the same workload
#     (its own dd), trace lines normalised as tests/selftests/samples.sh does;
#   - the kernel log since the submission started: any warning fails the run.
# Missing pieces score zero here; scripts/grade says why (it built them).
IU_ROOT=${IU_ROOT:-/iu}
cd "$IU_ROOT" || exit 1
insmod module/iu.ko || { echo "grade: cannot insmod iu.ko"; exit 1; }
bin=$IU_ROOT/bin
T=/sys/kernel/tracing
tab=$(printf '\t')
bad='BUG:|WARNING:|Oops|general protection fault|soft lockup|hard LOCKUP|RCU stall|detected stall|rcu: INFO:|blocked for more than|Call Trace|Kernel panic|kernel BUG'

normalise() {
	grep 'bpf_trace_printk: ' | sed -e 's/^.*\] \([^ ]*\) *[0-9.]*: bpf_trace_printk: /\1 /' \
		-e 's/^\(.\)./\1./' -e 's/[0-9a-f]\{16\}/<ptr>/g' | sort
}
clear_trace() { : >$T/trace; }
run_for() { # SECS CMD...: CMD under a hang guard
	secs=$1; shift
	if command -v timeout >/dev/null 2>&1; then timeout "$secs" "$@"; else "$@"; fi
}

# The reference: the kernel's own eBPF tracex5 on its workload.
clear_trace
(cd samples/tracex5/ebpf && run_for 120 ./tracex5 -d 2) >/tmp/ref.out 2>&1
normalise </tmp/ref.out >/tmp/ref.norm
echo "grade: reference eBPF tracex5 printed $(wc -l </tmp/ref.norm) lines"

# Two phases. First the grader's own checks of every submission (test-run of
# its extension: checked code), then the students' loaders, which run as
# root: nothing a loader does can come before or replace a line of the first
# phase (report.py takes the first line of each item). What a hostile loader
# can still claim is the loader phase's items (docs/grading.md, "Limits").
# item NAME POINTS MAX REASON, for the submission in $name
item() { printf 'GRADE\t%s\titem\t%s\t%s\t%s\t%s\n' "$name" "$1" "$2" "$3" "$4"; }
kernel_check() { # MARK: the first warning lines logged since MARK, on one line
	dmesg | sed -n "/$1/,\$p" | grep -E "$bad" | head -n 3 | tr '\t\n' '  '
}
for d in grade/*/; do
	d=${d%/}
	name=${d#grade/}
	mark="iu-grade: begin $name $$"
	echo "$mark" >/dev/kmsg

	if [ -f "$d/tracex5.iu" ]; then
		run_for 600 "$bin/iu-grade-tracex5" "$d/tracex5.iu" >/tmp/cases.out 2>/tmp/cases.err
		rc=$?
		sed -n "s/^item$tab/GRADE$tab$name${tab}item$tab/p" /tmp/cases.out
		[ $rc -eq 0 ] || echo "grade: $name: iu-grade-tracex5 exit $rc: $(head -c 400 /tmp/cases.err)"
	fi
	if [ -f "$d/probe.iu" ]; then
		run_for 120 "$bin/iu-grade-tracex5" --probe "$d/probe.iu" >/tmp/probe.out 2>&1
		sed -n "s/^item$tab/GRADE$tab$name${tab}item$tab/p" /tmp/probe.out
	fi
	kernel_check "$mark" >"/tmp/kernel.$name"
done

for d in grade/*/; do
	d=${d%/}
	name=${d#grade/}
	mark="iu-grade: loader $name $$"
	echo "$mark" >/dev/kmsg

	if [ -x "$d/loader" ] && [ -f "$d/tracex5.iu" ]; then
		clear_trace
		(cd "$d" && run_for 120 ./loader -d 2) >/tmp/loader.out 2>&1
		rc=$?
		normalise </tmp/loader.out >/tmp/loader.norm
		if [ $rc -eq 0 ]; then
			item loader_runs 1 1 ""
		else
			item loader_runs 0 1 "the loader exited with status $rc: $(tail -n 2 /tmp/loader.out | tr '\t\n' '  ' | cut -c1-200)"
		fi
		if [ -s /tmp/ref.norm ] && cmp -s /tmp/ref.norm /tmp/loader.norm; then
			item loader_trace 2 2 ""
		else
			item loader_trace 0 2 "trace differs from the eBPF tracex5 (ref $(wc -l </tmp/ref.norm) lines, got $(wc -l </tmp/loader.norm)): $(diff /tmp/ref.norm /tmp/loader.norm | grep '^[-+][^-+]' | head -n 4 | tr '\t\n' '  ' | cut -c1-300)"
		fi
	fi

	bad_lines="$(cat "/tmp/kernel.$name")$(kernel_check "$mark")"
	if [ -z "$bad_lines" ]; then
		item kernel_clean 1 1 ""
	else
		item kernel_clean 0 1 "kernel warning: $bad_lines"
	fi
	echo "GRADE${tab}$name${tab}done"
done
echo "grade: finished"
