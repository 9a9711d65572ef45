// internal-name: iu::rt (the raw helper declarations) and iu::detail
// (unchecked building blocks) are iu_rt's internals, whatever way they are
// named. The raw bpf_trace_printk skips the format check (a %s of any
// address); StrAccess breaks Str's NUL invariant.
// iu-test-plugin-args: -Xclang -plugin-arg-iu-safe -Xclang trusted=%S/../../iu_rt/include
// iu-test-flags: -isystem %S/../../iu_rt/include -isystem %S/../../include/uapi
#include <iu/iu.hpp>

namespace raw = iu::rt;                 // expect-error: internal-name
using namespace iu::detail;             // expect-error: internal-name
using iu::rt::bpf_get_current_pid_tgid; // expect-error: internal-name

static int prog(const iu::KprobeCtx &ctx) {
	iu::rt::bpf_trace_printk("%s\n", 4, ctx.parm1(), 0, 0); // expect-error: internal-name
	iu::u64 id = bpf_get_current_pid_tgid();                // expect-error: internal-name
	iu::Str<8> s{};
	iu::detail::StrAccess::set_len(s, 100);                  // expect-error: internal-name
	iu::u64 arg = to_arg(5);                                 // expect-error: internal-name
	raw::iu_rt_panic("no");                                  // expect-error: internal-name
	return static_cast<int>(id + arg + s.len());
}

IU_KPROBE(__x64_sys_getppid, prog);

static int entry_again(const iu::KprobeCtx &) {
	// The generated entry point and descriptor are the runtime's too.
	return static_cast<int>(__iu_desc_prog.abi); // expect-error: internal-name
}
IU_KPROBE(__x64_sys_getpgrp, entry_again);
IU_LICENSE("GPL");
