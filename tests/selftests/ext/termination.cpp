// SPDX-License-Identifier: GPL-2.0
// Shapes of never-ending code that once got past the toolchain (issue 13,
// class 6), each on its own syscall so that tests/selftests/termination.c
// can run them one at a time. Every one must be ended by the budget (or the
// stack check), never hang the CPU or run off its function's end.
#include <iu/iu.hpp>

// An irreducible cycle: two entries into the loop body (the goto and the
// loop head), so the loop is not a natural loop.
static int irreducible(const iu::KprobeCtx &ctx)
{
	iu::u64 n = ctx.parm1() | 1;
	iu::u64 acc = 0;

	if (n & 1)
		goto inside;
	for (;;) {
		acc += n;
inside:
		acc ^= acc << 1;
		if (acc == 0xdeadbeefdeadbeefULL && n == 0)
			break;
	}
	return static_cast<int>(acc);
}

// Side-effect-free and endless: C++ lets the compiler assume it ends
// (deleting it with the function's return) unless -fno-finite-loops.
static int empty_loop(const iu::KprobeCtx &)
{
	for (;;) {
	}
}

// A loop inside a callback lent to a trusted template (Array::with).
static int in_callback(const iu::KprobeCtx &ctx)
{
	iu::Array<iu::u64, 4> a{};
	a.with(ctx.parm1() & 3, [&](iu::u64 &v) {
		while (v != 2)	// 0, 1, 4, 13, ...: never 2 until it wraps
			v = v * 3 + 1;
	});
	return static_cast<int>(a[0]);
}

// Unbounded recursion with a frame: ended by the stack check.
static iu::u64 deep(iu::u64 x)
{
	iu::Array<iu::u64, 8> frame{};
	frame[x & 7] = x;
	return deep(x + 1) + frame[(x + 1) & 7];
}
static int recursion(const iu::KprobeCtx &ctx)
{
	return static_cast<int>(deep(ctx.parm1()));
}

IU_KPROBE(__x64_sys_getuid, irreducible);
IU_KPROBE(__x64_sys_geteuid, empty_loop);
IU_KPROBE(__x64_sys_getgid, in_callback);
IU_KPROBE(__x64_sys_getegid, recursion);
IU_LICENSE("GPL");
