// An Array indexed by a full u64 from a register: bounds-checked by iu_rt
// (a panic), and built (-fsanitize=bounds once added local-bounds traps, a
// ud2 the machine-code check refuses as a branch target).
#include <iu/iu.hpp>
static int f(const iu::KprobeCtx &ctx)
{
	iu::Array<iu::u64, 8> a{};
	a[ctx.parm1() & 7] = 3;
	return static_cast<int>(a[ctx.parm2()]);
}
IU_KPROBE(__x64_sys_getppid, f);
IU_LICENSE("GPL");
