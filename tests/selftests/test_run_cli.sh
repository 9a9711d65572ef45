#!/bin/sh
# iu-loader --test-run: a program run once on a context from the command line
# (--reg, --mem, --ctx), its outcome and captured output printed; nothing is
# attached and nothing reaches trace_pipe.
. "$(dirname "$0")/lib.sh"

ktap_print_header
ktap_set_plan 6
lsmod | grep -q '^iu ' || insmod "$IU_ROOT/module/iu.ko" || ktap_skip_all "cannot insmod iu.ko"
loader=$IU_ROOT/bin/iu-loader
tx5=$IU_ROOT/samples/tracex5/tracex5.iu
[ -x "$loader" ] && [ -f "$tx5" ] || ktap_skip_all "iu-loader or tracex5.iu not staged"

expect() { # DESCRIPTION WANT OUTPUT: OUTPUT holds the line WANT
	if printf '%s\n' "$3" | grep -qxF "$2"; then
		ktap_test_pass "$1"
	else
		ktap_test_fail "$1" "want line '$2' in: $3"
	fi
}

out=$("$loader" --test-run bpf_prog1 --reg di=9 "$tx5" 2>&1)
expect "tracex5 mmap (di=9): returned, one print" "mmap" "$out"

# a struct seccomp_data with args[2] = 512 (offset 32), args[0] = 1
dd if=/dev/zero of=/tmp/sd.bin bs=64 count=1 2>/dev/null
printf '\001' | dd of=/tmp/sd.bin bs=1 seek=16 conv=notrunc 2>/dev/null
printf '\000\002' | dd of=/tmp/sd.bin bs=1 seek=32 conv=notrunc 2>/dev/null
out=$("$loader" --test-run bpf_prog1 --reg di=1 --reg si=@mem --mem /tmp/sd.bin "$tx5" 2>&1)
line=$(printf '%s\n' "$out" | grep '^write(fd=1, buf=.*, size=512)$')
if [ -n "$line" ]; then
	ktap_test_pass "tracex5 write 512 through --mem and si=@mem"
else
	ktap_test_fail "tracex5 write 512 through --mem and si=@mem" "$out"
fi

# the same context as a file: pt_regs with di (offset 112) = 1 and no sd
dd if=/dev/zero of=/tmp/regs.bin bs=168 count=1 2>/dev/null
printf '\001' | dd of=/tmp/regs.bin bs=1 seek=112 conv=notrunc 2>/dev/null
out=$("$loader" --test-run bpf_prog1 --ctx /tmp/regs.bin "$tx5" 2>&1)
expect "--ctx: write with sd NULL is silent" "prints 0" "$out"

out=$("$loader" --test-run tr_spin --reg di=1 "$IU_TESTS/ext/test_run.iu" 2>&1)
if printf '%s\n' "$out" | grep -q '^outcome terminated: terminated after '; then
	ktap_test_pass "a runaway program: outcome terminated, with the reason"
else
	ktap_test_fail "a runaway program: outcome terminated, with the reason" "$out"
fi

dd if=/dev/zero of=/tmp/short.bin bs=100 count=1 2>/dev/null
out=$("$loader" --test-run bpf_prog1 --ctx /tmp/short.bin "$tx5" 2>&1)
rc=$?
if [ $rc -ne 0 ] && printf '%s\n' "$out" | grep -q 'its context is a struct pt_regs of 168 bytes, not 100'; then
	ktap_test_pass "a wrong context size is refused with the module's reason"
else
	ktap_test_fail "a wrong context size is refused with the module's reason" "exit $rc: $out"
fi

ktap_dmesg_clean "no kernel warnings"
ktap_finished
