// Contexts are made only by the entry point and cannot outlive it: no
// constructing one, no copies (a copy kept in a global would point into a
// record that is gone after the invocation), no copies of records either.
// iu-test-flags: -isystem %S/../../iu_rt/include -isystem %S/../../include/uapi
// iu-test-plugin-args: -fplugin-arg-iu-safe-trusted=%S/../../iu_rt/include
#include <iu/iu.hpp>
#include <iu/tp/syscalls.hpp>

using DupCtx = iu::TracepointCtx<iu::tp::syscalls::sys_enter_dup>;

static int copies(const iu::KprobeCtx &ctx)
{
	iu::KprobeCtx copy = ctx; // expect-error: clang, ref-holder
	return static_cast<int>(copy.parm1());
}
IU_KPROBE(do_sys_openat2, copies);

static int record_copy(const DupCtx &ctx)
{
	auto rec = ctx.fields(); // expect-error: clang
	iu::tp::syscalls::sys_enter_dup made{}; // expect-error: clang
	return 0;
}
IU_TRACEPOINT(syscalls, sys_enter_dup, record_copy);

static int forged(const DupCtx &ctx)
{
	DupCtx other(ctx.fields()); // expect-error: clang, ref-holder
	iu::KprobeCtx regs(nullptr); // expect-error: clang, raw-pointer, ref-holder
	return 0;
}
IU_TRACEPOINT(syscalls, sys_enter_dup, forged);
IU_LICENSE("GPL");
