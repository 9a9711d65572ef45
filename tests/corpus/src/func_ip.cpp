// SPDX-License-Identifier: GPL-2.0
// Corpus base: a kprobe program calling bpf_get_func_ip (kprobe kinds only).
// The section name "kprobe/__x64_sys_sched_getaffinity" has the length of
// "tracepoint/syscalls/sys_enter_read", so that iu-mutate can turn it into a
// tracepoint program in place: that file must be refused (EPERM).
#include <iu/iu.hpp>

static int fip_prog(const iu::KprobeCtx &ctx)
{
	iu::trace_printk("sched_getaffinity at %llx\n", ctx.func_ip());
	return 0;
}

IU_KPROBE(__x64_sys_sched_getaffinity, fip_prog);
IU_LICENSE("GPL");
