// Fuel points amortised by the guard pass's unroll hint: a small counted loop
// is unrolled so that each fuel point covers several iterations; a loop with
// its own directive (#pragma nounroll) keeps it.
#include <iu/iu.hpp>

static iu::Array<iu::u8, 1024> data{};
static iu::u64 out;

static int hinted(const iu::KprobeCtx &ctx)
{
	iu::u64 h = 14695981039346656037ULL;
	for (iu::usize i = 0; i < data.size(); i++)
		h = (h ^ data[i]) * 1099511628211ULL;
	out = h;
	if (ctx.parm1() == 0)
		data[h & 1023] = 1;
	return 0;
}

static int kept(const iu::KprobeCtx &ctx)
{
	iu::u64 h = 14695981039346656037ULL;
#pragma nounroll
	for (iu::usize i = 0; i < data.size(); i++)
		h = (h ^ data[i]) * 1099511628211ULL;
	out = h;
	if (ctx.parm1() == 0)
		data[h & 1023] = 2;
	return 0;
}

IU_KPROBE(__x64_sys_getppid, hinted);
IU_KPROBE(__x64_sys_getpid, kept);
IU_LICENSE("GPL");
