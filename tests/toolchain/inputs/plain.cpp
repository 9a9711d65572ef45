// A valid program that includes an allowed system header by <...>.
#include <cstdint>
#include <iu/iu.hpp>

static int plain(const iu::KprobeCtx &ctx)
{
	return static_cast<int>(ctx.parm1() & 0xff);
}

IU_KPROBE(__x64_sys_getppid, plain);
IU_LICENSE("GPL");
