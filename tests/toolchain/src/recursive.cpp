// Recursion has no static bound: accepted, flagged IU_PROG_F_RECURSIVE with
// IU_STACK_UNBOUNDED, and left to the run-time stack check.
#include <iu/iu.hpp>

static iu::u64 fib(iu::u64 n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static int recursive(const iu::KprobeCtx &ctx)
{
	return static_cast<int>(fib(ctx.parm1() % 20));
}

IU_KPROBE(__x64_sys_getppid, recursive);
IU_LICENSE("GPL");
