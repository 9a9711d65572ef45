// Option and Result cannot be assigned to: value() lends the held value for
// as long as its lender lives, and an assignment would change it under the
// reference (Result keeps value and error in one storage: the hostile review
// turned a lent Str<4> into the error code's bytes, with no NUL, and printed
// it with %s into the stack).
// iu-test-plugin-args: -Xclang -plugin-arg-iu-safe -Xclang trusted=%S/../../iu_rt/include
// iu-test-flags: -isystem %S/../../iu_rt/include -isystem %S/../../include/uapi
#include <iu/iu.hpp>
#include <utility>

static int f(const iu::KprobeCtx &ctx)
{
	iu::Result<iu::Str<4>> r = iu::Str<4>{};
	const iu::Str<4> &s = r.value();
	r = iu::Error{static_cast<iu::s64>(ctx.parm1())}; // expect-error: clang
	iu::Option<iu::u64> o = ctx.parm2();
	const iu::u64 &v = o.value();
	o = iu::None; // expect-error: clang
	iu::Option<iu::u64> p = o;	// a copy: fine
	std::swap(o, p); // expect-error: clang
	iu::trace_printk("%s %llu\n", s, v);
	return 0;
}
IU_KPROBE(__x64_sys_getppid, f);
IU_LICENSE("GPL");
