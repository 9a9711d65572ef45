// SPDX-License-Identifier: GPL-2.0
// test_run's extension: one program of each kind whose output depends only
// on its context, plus one that never ends and one that panics. They are run
// by IU_IOC_TEST_RUN only, never attached.
#include <iu/iu.hpp>
#include <iu/tp/syscalls.hpp>

struct Pair {
	iu::u64 a;
	iu::u64 b;
};

// parm1: a number to echo; parm2: a kernel pointer to a Pair (the test's
// argument memory), or anything that faults.
static int tr_kprobe(const iu::KprobeCtx &ctx)
{
	iu::Result<Pair> p = iu::probe_read_kernel(ctx.parm2<iu::KernelPtr<Pair>>());

	if (p.is_err())
		iu::trace_printk("kprobe di=%llu fault %ld\n", ctx.parm1(), p.error());
	else
		iu::trace_printk("kprobe di=%llu a=%llu b=%llu\n", ctx.parm1(), p.value().a,
				 p.value().b);
	return static_cast<int>(ctx.parm1() + 1);
}

static int tr_kretprobe(const iu::KprobeCtx &ctx)
{
	iu::trace_printk("kretprobe ret=%ld\n", ctx.ret<iu::s64>());
	return 7;
}

static int tr_tp(const iu::TracepointCtx<iu::tp::syscalls::sys_enter_dup> &ctx)
{
	iu::trace_printk("tracepoint nr=%d fildes=%llu\n", ctx->syscall_nr, ctx->fildes);
	return 3;
}

static int tr_spin(const iu::KprobeCtx &ctx)
{
	iu::trace_printk("spin %llu\n", ctx.parm1());
	for (;;)
		iu::cpu_relax();
}

static int tr_panic(const iu::KprobeCtx &ctx)
{
	iu::Array<iu::u32, 4> v{};

	v[2] = 3;
	return static_cast<int>(v[static_cast<iu::u32>(ctx.parm1())]);
}

IU_KPROBE(__x64_sys_getppid, tr_kprobe);
IU_KRETPROBE(__x64_sys_getppid, tr_kretprobe);
IU_TRACEPOINT(syscalls, sys_enter_dup, tr_tp);
IU_KPROBE(__x64_sys_getpgrp, tr_spin);
IU_KPROBE(__x64_sys_getpid, tr_panic);
IU_LICENSE("GPL");
