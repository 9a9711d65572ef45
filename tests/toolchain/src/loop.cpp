// A loop whose trip count comes from the context: the guard pass puts a fuel
// check on its back-edge.
#include <iu/iu.hpp>

static int loop(const iu::KprobeCtx &ctx)
{
	iu::u64 acc = 1;
	for (iu::u64 i = 0; i < ctx.parm1(); i++)
		acc = acc * 6364136223846793005ULL + i;
	return static_cast<int>(acc);
}

IU_KPROBE(__x64_sys_getppid, loop);
IU_LICENSE("GPL");
