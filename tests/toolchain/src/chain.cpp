// A call chain with frames the compiler cannot merge: the bound must be the
// sum along entry -> a -> b (+ return addresses), as llvm-readobj reports.
#include <iu/iu.hpp>

[[gnu::noinline]] static iu::u64 b(iu::u64 x)
{
	iu::Array<iu::u64, 12> t{};
	for (iu::u64 i = 0; i < t.size(); i++)
		t[i] = x * i;
	return t[x % t.size()];
}

[[gnu::noinline]] static iu::u64 a(iu::u64 x)
{
	iu::Array<iu::u64, 6> t{};
	t[x % t.size()] = b(x);
	return t[(x * 3) % t.size()] + 1;
}

static int chain(const iu::KprobeCtx &ctx)
{
	return static_cast<int>(a(ctx.parm1()));
}

IU_KPROBE(__x64_sys_getppid, chain);
IU_LICENSE("GPL");
