// SPDX-License-Identifier: GPL-2.0
// hello: a tracepoint program on syscalls/sys_enter_dup that prints the PID
// of the task calling dup(), as the original inner-unikernel sample does,
// and the descriptor it duplicates (the record's own field, by its name).
#include <iu/iu.hpp>
#include <iu/tp/syscalls.hpp>

static int iu_prog1(const iu::TracepointCtx<iu::tp::syscalls::sys_enter_dup> &ctx)
{
	iu::u32 pid = iu::current_pid();

	iu::trace_printk("C++ triggered from PID %u: dup(%llu).\n", pid, ctx->fildes);
	return 0;
}

IU_TRACEPOINT(syscalls, sys_enter_dup, iu_prog1);
IU_LICENSE("GPL");
