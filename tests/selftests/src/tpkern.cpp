// SPDX-License-Identifier: GPL-2.0
// tp_contexts' per-kernel extension: a tracepoint outside the syscalls,
// with the record type of the kernel it is built for (<iu/tracepoints.hpp>,
// scripts/tp-header; iu-cc --kernel-types).
#include <iu/iu.hpp>
#include <iu/tracepoints.hpp>

static int tp_fork(const iu::TracepointCtx<iu::tp::sched::sched_process_fork> &ctx)
{
	iu::trace_printk("tpkern fork %d -> %d (%s)\n", ctx->parent_pid, ctx->child_pid,
			 ctx->child_comm);
	return 0;
}

IU_TRACEPOINT(sched, sched_process_fork, tp_fork);
IU_LICENSE("GPL");
