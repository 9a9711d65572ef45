// SPDX-License-Identifier: GPL-2.0
// test_run's extension: one program of each kind whose output depends only
// on its context, plus one that never ends, one that panics, and one with a
// large local array. They are run
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

// parm1: a seed. 64 pseudo-random 16-bit values in a local array (256 bytes,
// zero-initialised first: a call to iu_rt's memset, direct), sorted by
// insertion; -1 if the result is not in order, else the smallest value in the
// low 16 bits and the largest in the high 16.
static int tr_sort(const iu::KprobeCtx &ctx)
{
	iu::Array<iu::u32, 64> v{};
	iu::u64 x = ctx.parm1();

	for (iu::usize i = 0; i < v.size(); i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		v[i] = static_cast<iu::u32>(x >> 48);
	}
	for (iu::usize i = 1; i < v.size(); i++) {
		iu::u32 e = v[i];
		iu::usize j = i;
		for (; j > 0 && v[j - 1] > e; j--)
			v[j] = v[j - 1];
		v[j] = e;
	}
	for (iu::usize i = 1; i < v.size(); i++)
		if (v[i - 1] > v[i])
			return -1;
	return static_cast<int>(v[0] | (v[63] << 16));
}

// The tick (hard IRQ): counts per CPU and prints; frameless (no loop, no iu
// service: the index is masked, so no bounds panic). tr_wait_ticks, test-run
// in task context with preemption off, waits until its own CPU has ticked
// (or the budget ends it): so an interrupt that ran tr_tick came inside the
// run, and what tr_tick printed then is not the run's output.
static iu::Array<iu::u64, 64> ticks{};

static int tr_tick(const iu::KprobeCtx &)
{
	iu::u32 cpu = iu::smp_processor_id() & 63;

	ticks[cpu] = ticks[cpu] + 1;
	iu::trace_printk("tr_tick cpu %u\n", cpu);
	return 0;
}

static int tr_wait_ticks(const iu::KprobeCtx &)
{
	iu::u32 cpu = iu::smp_processor_id() & 63;
	iu::u64 start = ticks[cpu];

	iu::trace_printk("wait start\n");
	while (ticks[cpu] == start)
		iu::cpu_relax();
	iu::trace_printk("wait saw ticks\n");
	return 1;
}

IU_KPROBE(__x64_sys_getppid, tr_kprobe);
IU_KRETPROBE(__x64_sys_getppid, tr_kretprobe);
IU_TRACEPOINT(syscalls, sys_enter_dup, tr_tp);
IU_KPROBE(__x64_sys_getpgrp, tr_spin);
IU_KPROBE(__x64_sys_getpid, tr_panic);
IU_KPROBE(__x64_sys_getsid, tr_sort);
IU_KPROBE(update_process_times, tr_tick);
IU_KPROBE(__x64_sys_getpgid, tr_wait_ticks);
IU_LICENSE("GPL");
