// SPDX-License-Identifier: GPL-2.0
// runaway: programs that never finish on their own. The verifier would never
// let eBPF do this; iu lets them run and ends each invocation when its time
// budget (iu.ko's budget_us) is spent, returning the hook's default value.
//
//   runaway_tick  kprobe on update_process_times: the scheduler tick, in
//                 hard-IRQ context with interrupts off
//   runaway_sys   kprobe on the getppid system call
//   runaway_tp    tracepoint syscalls/sys_enter_getppid
//   runaway_spin  kprobe on the getpgrp system call, spinning on cpu_relax()
#include <iu/iu.hpp>
#include <iu/tp/syscalls.hpp>

// A long computation whose trip count comes from the context: nothing can
// fold it away, and it would run for centuries.
static int churn(iu::u64 seed)
{
	iu::u64 n = seed | (1ULL << 63);
	iu::u64 acc = 1;

	for (iu::u64 i = 0; i < n; i++)
		acc = acc * 6364136223846793005ULL + i;
	return static_cast<int>(acc);
}

static int runaway_tick(const iu::KprobeCtx &ctx)
{
	return churn(ctx.parm1());
}

static int runaway_sys(const iu::KprobeCtx &ctx)
{
	return churn(ctx.parm1());
}

static int runaway_tp(const iu::TracepointCtx<iu::tp::syscalls::sys_enter_getppid> &ctx)
{
	return churn(static_cast<iu::u64>(ctx->syscall_nr));
}

static int runaway_spin(const iu::KprobeCtx &)
{
	for (;;)
		iu::cpu_relax();
}

IU_KPROBE(update_process_times, runaway_tick);
IU_KPROBE(__x64_sys_getppid, runaway_sys);
IU_TRACEPOINT(syscalls, sys_enter_getppid, runaway_tp);
IU_KPROBE(__x64_sys_getpgrp, runaway_spin);
IU_LICENSE("GPL");
