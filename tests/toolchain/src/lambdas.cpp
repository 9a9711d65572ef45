// Behaviour passed around as lambdas and function objects, into iu_rt's
// templates and user templates: every call must still be direct
// (run-api-tests looks for indirect calls in the IR).
#include <iu/iu.hpp>

template <class F>
static iu::u64 apply_twice(F &&f, iu::u64 x)
{
	return f(f(x));
}

struct Mix {
	iu::u64 k = 3;
	iu::u64 operator()(iu::u64 x) const { return x * k + 1; }
};

[[gnu::noinline]] static iu::u64 step(iu::u64 x)
{
	return x ^ (x >> 3);
}

static int lambdas(const iu::KprobeCtx &ctx)
{
	iu::Array<iu::u64, 8> a{};
	iu::u64 seed = ctx.parm1();
	for (iu::u64 &v : a)
		v = seed++;
	a.with(seed % 8, [&](iu::u64 &v) { v = step(v); });
	auto sq = [](iu::u64 x) { return x * x; };
	iu::u64 t = apply_twice(sq, seed) + apply_twice(Mix{}, seed);
	auto m = iu::checked_add(t, seed).map([](const iu::u64 &v) { return step(v); });
	return static_cast<int>(m.value_or(0) + a[seed % 8]);
}

IU_KPROBE(__x64_sys_getppid, lambdas);
IU_LICENSE("GPL");
