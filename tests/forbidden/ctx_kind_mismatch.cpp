// Contexts are tied to the section kind: a tracepoint program taking the
// kprobe context (pt_regs over a tracepoint record), a kprobe taking a
// tracepoint record, a tracepoint program taking another event's record,
// and a context taken by value.
// iu-test-flags: -isystem %S/../../iu_rt/include -isystem %S/../../include/uapi
// iu-test-plugin-args: -fplugin-arg-iu-safe-trusted=%S/../../iu_rt/include
#include <iu/iu.hpp>
#include <iu/tp/syscalls.hpp>

static int tp_as_kprobe(const iu::KprobeCtx &ctx)
{
	return static_cast<int>(ctx.parm1());
}
IU_TRACEPOINT(syscalls, sys_enter_getppid, tp_as_kprobe); // expect-error: clang

static int kprobe_as_tp(const iu::TracepointCtx<iu::tp::syscalls::sys_enter_openat> &ctx)
{
	return static_cast<int>(ctx->flags);
}
IU_KPROBE(do_sys_openat2, kprobe_as_tp); // expect-error: clang

// openat's record (48 bytes) on getppid's event (12 bytes)
static int other_event(const iu::TracepointCtx<iu::tp::syscalls::sys_enter_openat> &ctx)
{
	return static_cast<int>(ctx->mode);
}
IU_TRACEPOINT(syscalls, sys_enter_getppid, other_event); // expect-error: clang

static int by_value(iu::KprobeCtx) // expect-error: ref-holder
{
	return 0;
}
IU_KPROBE(do_sys_openat2, by_value); // expect-error: clang

// The internal macro, with a section that does not belong to the context.
static int internal(const iu::TracepointCtx<iu::tp::syscalls::sys_enter_dup> &)
{
	return 0;
}
// expect-error@+1: clang, macro
IU_PROGRAM_("tracepoint/syscalls/sys_enter_getppid", internal,
	    iu::TracepointCtx<iu::tp::syscalls::sys_enter_dup>, true, "IU_PROGRAM_", "ctx");
IU_LICENSE("GPL");
