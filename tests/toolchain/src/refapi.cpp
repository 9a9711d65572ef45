// iu_rt's API refuses reference holders at compile time (run-api-tests builds
// each CASE and checks the message); CASE 0 is the correct use.
#include <iu/iu.hpp>

static int helper(int &v) { return v; }

static int refapi(const iu::KprobeCtx &ctx)
{
	iu::Array<int, 4> a{};
	int r = 0;
#if CASE == 1
	iu::Option<int &> o(r);			// no Option of a reference
#elif CASE == 2
	iu::u64 &p = ctx.parm1<iu::u64 &>();	// a reference to a by-value copy of the register
#elif CASE == 3
	iu::KernelPtr<int &> k;			// the pointee type, not a reference
#elif CASE == 4
	iu::Result<int &> res(r);
#elif CASE == 5
	a.get(0).value() = 5;			// get() is a copy: nothing to write through
#elif CASE == 6
	a.with(0, helper);			// a function value would be an indirect call
#elif CASE == 7
	iu::Array<int, 4>::Iter<iu::Array<int, 4>> it = a.begin();	// iterators are internal
#elif CASE == 8
	iu::trace_printk("%s\n", a);		// %s takes characters only
#elif CASE == 9
	iu::Str<16> s = iu::current_comm();
	s.chars()[0] = 'x';			// a Str is read-only: it stays NUL-terminated
#else
	a.with(0, [&](int &v) { v = static_cast<int>(ctx.parm1()); });
	r = a.get(0).value_or(0) + helper(a[1]);
#endif
	return r;
}

IU_KPROBE(__x64_sys_getppid, refapi);
IU_LICENSE("GPL");
