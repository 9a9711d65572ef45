// SPDX-License-Identifier: GPL-2.0
// Corpus base: two tracepoint programs in one file (program order, duplicate
// names and sections), and a writable global so that the file has a data
// segment of its own (relocation boundary tests).
#include <iu/iu.hpp>
#include <iu/tp/syscalls.hpp>

static iu::u64 calls;

static int prog_b(const iu::TracepointCtx<iu::tp::syscalls::sys_enter_dup3> &ctx)
{
	calls = calls + 1;
	iu::trace_printk("dup3(%llu) from %u\n", ctx->oldfd, iu::current_pid());
	return 0;
}

static int prog_a(const iu::TracepointCtx<iu::tp::syscalls::sys_enter_dup2> &ctx)
{
	calls = calls + 1;
	iu::trace_printk("dup2(%llu)\n", ctx->oldfd);
	return 0;
}

// Declared b first: the program order is the order of the descriptor
// sections in the file, which the tests read from the file itself.
IU_TRACEPOINT(syscalls, sys_enter_dup3, prog_b);
IU_TRACEPOINT(syscalls, sys_enter_dup2, prog_a);
IU_LICENSE("Dual BSD/GPL");
