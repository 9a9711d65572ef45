// init-self: an initialiser may not use the object it initialises. Members
// are initialised in declaration order and bases first, and a temporary is
// not zero-filled, so reading a member (or calling a member function, or
// capturing this) from an initialiser reads old stack bytes: the hostile
// review printed the stack canary and kernel addresses this way.
// iu-test-plugin-args: -Xclang -plugin-arg-iu-safe -Xclang trusted=%S/../../iu_rt/include
// iu-test-flags: -isystem %S/../../iu_rt/include -isystem %S/../../include/uapi
#include <iu/iu.hpp>

struct LaterMember {
	iu::u64 a = b; // expect-error: init-self
	iu::u64 b = 5;
};

struct InitList {
	iu::u64 a;
	iu::u64 b;
	InitList() : a(b + 0), b(5) {} // expect-error: init-self
};

struct SelfInit {
	iu::u64 a;
	SelfInit() : a(a) {} // expect-error: init-self
};

struct Base {
	iu::Array<iu::u64, 8> copy;
	explicit Base(const iu::Array<iu::u64, 8> &src) : copy(src) {}
};
struct FromMember : Base {
	iu::Array<iu::u64, 8> m{};
	FromMember() : Base(m) {} // expect-error: init-self
};

struct Delegating {
	iu::u64 a;
	iu::u64 b;
	explicit Delegating(iu::u64 v) : a(v), b(v) {}
	Delegating() : Delegating(b) {} // expect-error: init-self
};

struct LambdaThis {
	iu::Array<iu::u64, 4> a = [this] { return b; }(); // expect-error: init-self
	iu::Array<iu::u64, 4> b{};
};

struct Method {
	iu::u64 a = get(); // expect-error: init-self
	iu::u64 b = 1;
	iu::u64 get() const { return b; }
};

struct Tag {
	char s[8];
};
struct CopiesLater {
	Tag a = b; // expect-error: init-self
	Tag b{};
};

template <class T>
struct InTemplate {
	T a;
	T b;
	InTemplate() : a(b), b{} {} // expect-error: init-self
};

static int f(const iu::KprobeCtx &ctx)
{
	iu::u64 x = x + ctx.parm1(); // expect-error: init-self
	LaterMember l{};
	InitList i;
	SelfInit s;
	FromMember m;
	Delegating d;
	LambdaThis t;
	Method me;
	CopiesLater c;
	InTemplate<iu::u64> it;
	return static_cast<int>(x + l.a + i.a + s.a + m.copy[0] + d.a + t.a[0] + me.a + it.a +
				sizeof(c));
}
IU_KPROBE(__x64_sys_getppid, f);
IU_LICENSE("GPL");
