// A large local array: its zero initialisation is a call to memset that the
// compiler makes by name, to iu_rt's memset in the same file.
#include <iu/iu.hpp>

static int localarray(const iu::KprobeCtx &ctx)
{
	iu::Array<iu::u32, 64> v{};

	for (iu::usize i = 0; i < v.size(); i += 3)
		v[i] = static_cast<iu::u32>(ctx.parm1() + i);
	iu::u32 s = 0;
	for (iu::usize i = 0; i < v.size(); i++)
		s += v[i];
	return static_cast<int>(s);
}

IU_KPROBE(__x64_sys_getppid, localarray);
IU_LICENSE("GPL");
