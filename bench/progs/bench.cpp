// SPDX-License-Identifier: GPL-2.0
// The iu side of `make bench` (bench/README.md). Each program has its eBPF
// counterpart in bench_kern.c; the driver attaches one at a time. The
// real-work programs have hooks of their own (one program per section).
#include <iu/iu.hpp>
#include <iu/tp/syscalls.hpp>

// Dispatch: nothing but the cost of getting there.
static int empty_kprobe(const iu::KprobeCtx &)
{
	return 0;
}

static int empty_tp(const iu::TracepointCtx<iu::tp::syscalls::sys_enter_getppid> &)
{
	return 0;
}

// Real work: FNV-1a over a kilobyte per event. The data and the result are
// globals (as eBPF's are maps), and the program stores to the data under a
// condition the compiler cannot decide (the context pointer is never null),
// so that it cannot fold the hash at compile time.
static iu::Array<iu::u8, 1024> hash_data{};
static iu::u64 hash_out;

static int hash_kprobe(const iu::KprobeCtx &ctx)
{
	iu::u64 h = 14695981039346656037ULL;

	for (iu::usize i = 0; i < hash_data.size(); i++)
		h = (h ^ hash_data[i]) * 1099511628211ULL;
	hash_out = h;
	if (ctx.parm1() == 0)
		hash_data[h & 1023] = 1;
	return 0;
}

// Real work: a recursive algorithm (naive Fibonacci of 15: 1973 calls), which
// eBPF can only write as an explicit-stack loop (bench_kern.c).
static iu::u32 fib(iu::u32 n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static iu::u32 fib_n = 15;
static iu::u32 fib_out;

static int fib_kprobe(const iu::KprobeCtx &ctx)
{
	fib_out = fib(fib_n);
	if (ctx.parm1() == 0)	// never: only so that fib_n is not a constant
		fib_n = 1;
	return 0;
}

IU_KPROBE(__x64_sys_getppid, empty_kprobe);
IU_TRACEPOINT(syscalls, sys_enter_getppid, empty_tp);
IU_KPROBE(__x64_sys_getuid, hash_kprobe);
IU_KPROBE(__x64_sys_getgid, fib_kprobe);
IU_LICENSE("GPL");
