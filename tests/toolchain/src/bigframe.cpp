// A frame above IU_FRAME_LIMIT (4096 bytes) is refused before signing.
#include <iu/iu.hpp>

static int bigframe(const iu::KprobeCtx &ctx)
{
	iu::Array<iu::u64, 1024> t{};
	for (iu::u64 i = 0; i < t.size(); i++)
		t[i] = ctx.parm1() + i;
	return static_cast<int>(t[ctx.parm2() % t.size()]);
}

IU_KPROBE(__x64_sys_getppid, bigframe);
IU_LICENSE("GPL");
