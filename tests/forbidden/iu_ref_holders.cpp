// The real iu_rt hands out values and lends elements; what would keep a
// reference past its referent is refused: keeping an iterator, copying a
// context, binding a reference into a temporary Result/Option/Array,
// putting a capturing closure in an Option, taking a context by non-const
// reference.
// iu-test-plugin-args: -Xclang -plugin-arg-iu-safe -Xclang trusted=%S/../../iu_rt/include
// iu-test-flags: -isystem %S/../../iu_rt/include -isystem %S/../../include/uapi
#include <iu/iu.hpp>
using namespace iu;

static int misuse(const KprobeCtx &ctx) {
	Array<u64, 4> a{};
	auto it = a.begin();                 // expect-error: ref-holder
	decltype(a.end()) it2 = a.end();     // expect-error: ref-holder
	auto &&it3 = a.begin();              // expect-error: ref-holder, dangling-ref
	KprobeCtx copy = ctx;                // expect-error: ref-holder, clang
	u64 &e = Array<u64, 4>{}[1];         // expect-error: dangling-ref, -Wdangling
	const u64 &v = probe_read_kernel(KernelPtr<u64>(ctx.parm1())).value(); // expect-error: dangling-ref, -Wdangling
	u32 n = 0;
	// the Str lives in a temporary Result that dies before the loop body runs
	for (char c : probe_read_kernel_str<16>(KernelPtr<char>(ctx.parm2())).value().chars()) // expect-error: dangling-ref, -Wdangling
		n += static_cast<u32>(c != 0);
	auto f = [&n] { return n; };
	Option<decltype(f)> of(f);           // expect-error: ref-holder
	return static_cast<int>(*it + *it2 + *it3 + e + v + n + copy.parm1() + of.value()());
}

// A context taken by non-const reference could be assigned another one.
static int reseat(KprobeCtx &ctx) { // expect-error: ref-holder
	return static_cast<int>(ctx.parm1());
}

IU_KPROBE(__x64_sys_getppid, misuse);
IU_KPROBE(__x64_sys_getpgrp, reseat); // expect-error: clang
IU_LICENSE("GPL");
