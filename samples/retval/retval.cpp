// SPDX-License-Identifier: GPL-2.0
// retval: a kretprobe. On return from the getppid system call, print what it
// returned and the address of the probed function (bpf_get_func_ip).
#include <iu/iu.hpp>

static int on_return(const iu::KprobeCtx &ctx)
{
	iu::trace_printk("retval: getppid returned %ld to %u, func %lx\n", ctx.ret<iu::s64>(),
			 iu::current_tgid(), ctx.func_ip());
	return 0;
}

IU_KRETPROBE(__x64_sys_getppid, on_return);
IU_LICENSE("GPL");
