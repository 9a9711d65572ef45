// SPDX-License-Identifier: GPL-2.0
// An extension of a project outside the iu tree, built against an installed
// iu only: a tracepoint program on syscalls/sys_enter_getppid that prints
// which task called getppid().
#include <iu/iu.hpp>
#include <iu/tp/syscalls.hpp>

static int on_getppid(const iu::TracepointCtx<iu::tp::syscalls::sys_enter_getppid> &)
{
	iu::trace_printk("iu-example: getppid from pid %u\n", iu::current_pid());
	return 0;
}

IU_TRACEPOINT(syscalls, sys_enter_getppid, on_getppid);
IU_LICENSE("GPL");
