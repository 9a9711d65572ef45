// SPDX-License-Identifier: GPL-2.0
// Corpus base: a kretprobe program (the kretprobe kind, bpf_get_func_ip).
#include <iu/iu.hpp>

static int kret_prog(const iu::KprobeCtx &ctx)
{
	iu::trace_printk("openat2 returned %lld at %llx\n", ctx.ret<iu::s64>(), ctx.func_ip());
	return 0;
}

IU_KRETPROBE(do_sys_openat2, kret_prog);
IU_LICENSE("GPL v2");
