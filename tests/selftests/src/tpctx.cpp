// SPDX-License-Identifier: GPL-2.0
// tp_contexts' extension: tracepoint programs reading syscall records by the
// fields' names (<iu/tp/syscalls.hpp>), for attach tests on other events.
//
//   tp_dup      syscalls/sys_enter_dup (24-byte record): dup's fildes
//   tp_pread    syscalls/sys_enter_pread64: fd, count and pos
//   tp_getppid  syscalls/sys_enter_getppid (no arguments: 12 bytes)
//   tp_raw      raw_syscalls/sys_enter: the number and the argument array
#include <iu/iu.hpp>
#include <iu/tp/syscalls.hpp>

static int tp_dup(const iu::TracepointCtx<iu::tp::syscalls::sys_enter_dup> &ctx)
{
	iu::trace_printk("tpctx dup fildes=%llu\n", ctx->fildes);
	return 0;
}

static int tp_pread(const iu::TracepointCtx<iu::tp::syscalls::sys_enter_pread64> &ctx)
{
	iu::trace_printk("tpctx pread64 fd=%llu count=%llu pos=%llu\n", ctx->fd, ctx->count,
			 ctx->pos);
	return 0;
}

static int tp_getppid(const iu::TracepointCtx<iu::tp::syscalls::sys_enter_getppid> &ctx)
{
	iu::trace_printk("tpctx getppid-program nr=%d\n", ctx->syscall_nr);
	return 0;
}

// Every syscall of the system: only pread64 (17 on x86-64) is printed.
static int tp_raw(const iu::TracepointCtx<iu::tp::raw_syscalls::sys_enter> &ctx)
{
	if (ctx->id == 17)
		iu::trace_printk("tpctx raw pread64 fd=%llu count=%llu pos=%llu\n", ctx->args[0],
				 ctx->args[2], ctx->args[3]);
	return 0;
}

IU_TRACEPOINT(syscalls, sys_enter_dup, tp_dup);
IU_TRACEPOINT(syscalls, sys_enter_pread64, tp_pread);
IU_TRACEPOINT(syscalls, sys_enter_getppid, tp_getppid);
IU_TRACEPOINT(raw_syscalls, sys_enter, tp_raw);
IU_LICENSE("GPL");
