#!/bin/sh
# Bound programs through their life: bpftool and debugfs see them, BPF stats
# count native runs, an open handle keeps iu.ko in use, closing it under load
# on every CPU is safe, pinned objects outlive their loader until
# IU_IOC_UNLOAD or rmmod, and rmmod with bound programs unbinds them.
. "$(dirname "$0")/lib.sh"

ktap_print_header
ktap_set_plan 19
rmmod iu 2>/dev/null
insmod "$IU_ROOT/module/iu.ko" || ktap_skip_all "cannot insmod iu.ko"
loader=$IU_ROOT/bin/iu-loader
hello=$IU_ROOT/samples/hello/hello.iu
trigger="$IU_ROOT/samples/hello/loader -t"	# three dup() calls
programs=/sys/kernel/debug/iu/programs
runs_of() { awk -v o="$1" '$1 == o { print $6 }' $programs; }

sysctl -qw kernel.bpf_stats_enabled=1

# A loader in the background keeps one object bound until it is told to stop;
# everything below waits for what it says it has done, never for a time.
"$loader" -q "$hello" >/tmp/loader.out 2>&1 &
lpid=$!
attached() { grep -q '^attached iu_prog1 ' /tmp/loader.out; }
ktap_wait_for 120 attached || ktap_print_msg "the loader did not attach: $(cat /tmp/loader.out)"
obj=$(sed -n 's/^loaded hello.iu as object \([0-9]*\)$/\1/p' /tmp/loader.out)
ktap_test_result "debugfs lists the bound program" grep -q "^$obj .*iu_prog1 .*tracepoint/syscalls/sys_enter_dup" $programs
# Who signed it and what built it (the signed toolchain note), without
# debugfs (iu-loader --list: IU_IOC_OBJ_INFO) and in debugfs: the same.
listed=$("$loader" --list 2>&1 | awk -v o="$obj" '$1 == o && NF >= 5 { print $3, $4; exit }')
tc=${listed% *} pol=${listed#* }
if printf '%s\n' "$tc" | grep -Eq '^[0-9]+(\.[0-9]+)*$' &&
   printf '%s\n' "$pol" | grep -Eq '^[0-9a-f]{64}$' && [ "$pol" != "$(printf '%064d' 0)" ]; then
	ktap_test_pass "iu-loader --list shows toolchain $tc and policy $pol of object $obj"
else
	ktap_test_fail "iu-loader --list shows the toolchain and policy" "$("$loader" --list 2>&1)"
fi
ktap_test_result "debugfs objects shows the same toolchain, policy and a signer" \
	awk -v o="$obj" -v t="${tc:-x}" -v p="${pol:-x}" \
	'$1 == o && $4 == t && $5 == p && NF >= 6 { found = 1 } END { exit !found }' \
	/sys/kernel/debug/iu/objects
# hello calls one BPF helper, no loop, no iu service: the code check proves
# it needs no frame, and iu.ko enters it straight from the JIT image
entry=$(awk -v o="$obj" '$1 == o && $3 == "iu_prog1" { print $10 }' $programs)
if [ "$entry" = frameless ]; then
	ktap_test_pass "hello is entered frameless"
else
	ktap_test_fail "hello is entered frameless" "entry '$entry': $(cat $programs)"
fi
id=$(bpftool prog show 2>/dev/null | sed -n 's/^\([0-9]*\): tracepoint  name iu_prog1 .*/\1/p' | tail -n1)
if [ -n "$id" ]; then
	ktap_test_pass "bpftool lists the placeholder as iu_prog1 (id $id)"
else
	ktap_test_fail "bpftool lists the placeholder as iu_prog1" "$(bpftool prog show 2>&1)"
fi
before=$(runs_of "$obj")
$trigger
after=$(runs_of "$obj")
if [ "$((after - before))" -ge 3 ]; then
	ktap_test_pass "dup() runs the native code ($before -> $after runs)"
else
	ktap_test_fail "dup() runs the native code" "runs $before -> $after"
fi
cnt=$(bpftool prog show id "$id" 2>/dev/null | sed -n 's/.*run_cnt \([0-9]*\).*/\1/p')
if [ "${cnt:-0}" -ge "$after" ]; then
	ktap_test_pass "BPF stats count the native runs (run_cnt $cnt)"
else
	ktap_test_fail "BPF stats count the native runs" "run_cnt '$cnt', iu runs $after"
fi
if rmmod iu 2>/dev/null; then
	ktap_test_fail "rmmod is refused while a handle is open"
	insmod "$IU_ROOT/module/iu.ko"
else
	ktap_test_pass "rmmod is refused while a handle is open"
fi
kill -TERM $lpid
wait $lpid
ktap_test_result "the loader exits cleanly on SIGTERM" test $? -eq 0
ktap_test_result "closing the handle unbinds (gone from debugfs)" sh -c "! grep -q iu_prog1 $programs"

ktap_test_result "closing while every CPU is in the hook, 20 times" \
	sh -c "cd $IU_ROOT/samples/hello && ./loader -c 20"

# Pinning: object and attachment outlive the loader.
out=$("$loader" -p -q -d 0 "$hello" 2>&1)
obj=$(printf '%s\n' "$out" | sed -n 's/^loaded hello.iu as object \([0-9]*\)$/\1/p')
ktap_test_result "a pinned object stays bound after its loader exits" grep -q "^$obj .*iu_prog1" $programs
before=$(runs_of "$obj")
$trigger
after=$(runs_of "$obj")
if [ "${after:-0}" -gt "${before:-0}" ]; then
	ktap_test_pass "its pinned link still runs it ($before -> $after runs)"
else
	ktap_test_fail "its pinned link still runs it" "runs '$before' -> '$after': $out"
fi
ktap_test_result "iu-loader --unload unbinds the pinned object" "$loader" --unload "$obj"
ktap_test_result "... and debugfs no longer lists it" sh -c "! grep -q '^$obj ' $programs"
ktap_test_result "... and the hook still works (the placeholder runs)" sh -c "$trigger"
rm -f /sys/fs/bpf/iu/*

# rmmod with a pinned object bound: everything unbound, placeholder kept.
"$loader" -p -q -d 0 "$hello" >/dev/null 2>&1
link=$(ls /sys/fs/bpf/iu/ 2>/dev/null | head -n1)
ktap_test_result "rmmod with a pinned object bound" rmmod iu
pid=$(bpftool prog show 2>/dev/null | sed -n 's/^\([0-9]*\): tracepoint  name iu_prog1 .*/\1/p' | tail -n1)
c0=$(bpftool prog show id "$pid" 2>/dev/null | sed -n 's/.*run_cnt \([0-9]*\).*/\1/p')
$trigger
c1=$(bpftool prog show id "$pid" 2>/dev/null | sed -n 's/.*run_cnt \([0-9]*\).*/\1/p')
if [ -n "$link" ] && [ "${c1:-0}" -gt "${c0:-0}" ]; then
	ktap_test_pass "after rmmod the attached placeholder runs as plain BPF ($c0 -> $c1)"
else
	ktap_test_fail "after rmmod the attached placeholder runs as plain BPF" "link '$link', run_cnt '$c0' -> '$c1'"
fi
rm -f /sys/fs/bpf/iu/*
sysctl -qw kernel.bpf_stats_enabled=0

ktap_dmesg_clean "no kernel warnings"
ktap_finished
