// Includes a header from a -I directory with "...": it is user code, checked.
#include <iu/iu.hpp>
#include "helper.hpp"

static int uses_header(const iu::KprobeCtx &ctx)
{
	return peek(ctx.parm1());
}

IU_KPROBE(__x64_sys_getppid, uses_header);
IU_LICENSE("GPL");
