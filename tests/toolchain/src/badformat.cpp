// trace_printk's format is checked against its arguments at compile time.
#include <iu/iu.hpp>

static int badformat(const iu::KprobeCtx &ctx)
{
#if CASE == 1
	iu::trace_printk("%d %d %d %d\n", 1, 2, 3, 4);		// more than 3
#elif CASE == 2
	iu::trace_printk("%d\n", ctx.parm1());			// u64 for %d
#elif CASE == 3
	iu::trace_printk("%d %d\n", 1);				// conversions > arguments
#elif CASE == 4
	iu::trace_printk("%f\n", 1);				// unsupported conversion
#else
	iu::trace_printk("%lu %d %p\n", ctx.parm1(), 1, ctx.parm2<iu::KernelPtr<char>>());
#endif
	return 0;
}

IU_KPROBE(__x64_sys_getppid, badformat);
IU_LICENSE("GPL");
