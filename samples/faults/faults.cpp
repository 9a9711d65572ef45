// SPDX-License-Identifier: GPL-2.0
// faults: programs that fail at run time, each ended cleanly by iu instead of
// taking the kernel down. Each hooks a different system call so a test can
// trigger one at a time.
//
//   oob        kprobe on getppid: indexes an array out of bounds (panic)
//   recurse    kprobe on getpgrp: recursion without end (stack overflow)
//   divide     kprobe on getsid: divides by zero (undefined behaviour check)
//   overflow   kprobe on getpgid: signed overflow in checked arithmetic
//   nostr      kprobe on getresgid: %s of a char array without a NUL (panic,
//              instead of printing the stack bytes that follow it)
//   goodstr    kprobe on getresuid: the same with a NUL, and the task's comm
//              (an iu::Str): printed, no panic
#include <iu/iu.hpp>

static int oob(const iu::KprobeCtx &)
{
	iu::Array<iu::u32, 4> a{};

	// pid >= 1: always past the end
	return static_cast<int>(a[iu::current_pid() + 4]);
}

// Not a tail call, not an accumulator: the compiler cannot turn it into a loop.
static iu::u64 deep(iu::u64 n)
{
	iu::Array<iu::u64, 16> frame{};

	frame[n % 16] = n;
	if (n == 0)
		return frame[0];
	iu::u64 r = deep(n - 1);
	frame[r % 16] ^= r;
	return frame[n % 16];
}

static int recurse(const iu::KprobeCtx &ctx)
{
	return static_cast<int>(deep(ctx.parm1() | (1ULL << 40)));
}

static int divide(const iu::KprobeCtx &ctx)
{
	iu::u64 zero = ctx.parm1() & 0;	// not a constant the compiler can see through
	return static_cast<int>(iu::current_pid() / (zero + (ctx.parm2() & 0)));
}

static int overflow(const iu::KprobeCtx &)
{
	iu::s32 big = 0x7fffff00 + static_cast<iu::s32>(iu::current_pid() & 0xff);
	return iu::mul(big, 2);
}

// Filled at run time, so the check cannot be folded away: no NUL in it.
static int nostr(const iu::KprobeCtx &ctx)
{
	char tag[4] = {'i', 'u', '-', static_cast<char>('0' + (ctx.parm1() & 7))};

	iu::trace_printk("nostr %s\n", tag);
	return 0;
}

static int goodstr(const iu::KprobeCtx &ctx)
{
	char tag[5] = {'i', 'u', '-', static_cast<char>('0' + (ctx.parm1() & 7)), 0};

	iu::trace_printk("goodstr %s %s\n", iu::current_comm(), tag);
	return 0;
}

IU_KPROBE(__x64_sys_getppid, oob);
IU_KPROBE(__x64_sys_getpgrp, recurse);
IU_KPROBE(__x64_sys_getsid, divide);
IU_KPROBE(__x64_sys_getpgid, overflow);
IU_KPROBE(__x64_sys_getresgid, nostr);
IU_KPROBE(__x64_sys_getresuid, goodstr);
IU_LICENSE("GPL");
