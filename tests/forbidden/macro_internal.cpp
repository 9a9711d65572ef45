// macro: iu_rt's macros expand to trusted tokens, so user code may invoke
// only the public ones, and the program macros only with plain names. The
// hostile review called IU_PROGRAM_ directly with a context type and a check
// flag that changed with the scope they were expanded in (sizeof(__func__)):
// the static checks saw a tracepoint record, the entry ran a KprobeCtx over
// it and read past the record.
// iu-test-plugin-args: -Xclang -plugin-arg-iu-safe -Xclang trusted=%S/../../iu_rt/include
// iu-test-flags: -isystem %S/../../iu_rt/include -isystem %S/../../include/uapi
#include <iu/iu.hpp>
#include <iu/tp/syscalls.hpp>
#include <type_traits>

#define IN_FN (sizeof(__func__) > 1)
using Small = iu::TracepointCtx<iu::tp::syscalls::sys_enter_getppid>;
template <bool InFn>
using Pick = std::conditional_t<InFn, iu::KprobeCtx, Small>;

static int f(const iu::KprobeCtx &ctx)
{
	return static_cast<int>(ctx.regs().r15);
}
// expect-error@+1: macro
IU_PROGRAM_("tracepoint/syscalls/sys_enter_getppid", f, Pick<IN_FN>, IN_FN, "x", "y");

static int e(const iu::KprobeCtx &) { return 0; }
#define MY_PROGRAM(sec, fn) IU_PROGRAM_(sec, fn, iu::KprobeCtx, true, "x", "y")
MY_PROGRAM("kprobe/__x64_sys_getpgrp", e); // expect-error: macro

static int g(const iu::KprobeCtx &) { return 0; }
static int h(const iu::KprobeCtx &) { return 0; }
static int k(const iu::KprobeCtx &) { return 0; }
#define G g
IU_KPROBE(__x64_sys_getsid, G); // expect-error: macro
IU_KRETPROBE(__x64_sys_getpgid, (h)); // expect-error: macro, clang
IU_KPROBE(__x64_sys_getppid+4, k);	// symbol+offset: fine
IU_LICENSE("GPL");
