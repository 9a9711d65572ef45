// SPDX-License-Identifier: GPL-2.0
/*
 * Running native code: the bpf_func of every bound program leads here.
 *
 * Each invocation runs on a dedicated per-CPU stack, one per nesting level
 * (an extension in task context can be interrupted by one in hard-IRQ or NMI
 * context), allocated like the kernel's own VMAP stacks: vmalloc'ed, aligned
 * to their size, with unmapped guard space below. The alignment lets guarded
 * code find the stack's control block (struct iu_stack_cb) from %rsp alone.
 *
 * An invocation ends early (panic, stack overflow, past its time budget) only
 * from a service that extension code calls at a safe point (iu_rt's run-time
 * checks, or the fuel and stack checks of the iu-guard pass), never inside a
 * kernel helper: iu_end() counts and logs it and resumes the hook
 * (longjmp-like) with the program's safe default value.
 */
#include "internal.h"
#include <linux/kprobes.h>
#include <linux/moduleparam.h>
#include <linux/preempt.h>
#include <linux/vmalloc.h>
#include <asm/msr.h>
#include <asm/tsc.h>

#define IU_NEST_MAX		4
/* Checks between two looks at the clock (iu_rt_tick). */
#define IU_FUEL_QUANTUM		1024

/*
 * The time budget of one invocation. 10 ms is three orders of magnitude above
 * what verified eBPF programs take (microseconds; a 1M-instruction program
 * runs in a few ms), so ports never hit it; it is far below every kernel
 * lockup detector (hard lockup 10 s, soft lockup 20 s, RCU stall 21 s); and
 * a runaway in a hook with interrupts off costs at most a few scheduler ticks.
 */
static unsigned int budget_us = 10000;
module_param(budget_us, uint, 0644);
MODULE_PARM_DESC(budget_us, "time budget of one invocation, in microseconds (default 10000)");

static_assert(sizeof(struct iu_stack_cb) <= IU_STACK_CB_SIZE);

struct iu_frame {
	struct iu_prog *prog;
	unsigned long kernel_sp;	/* where iu_resume continues */
	struct iu_stack_cb *cb;
	u64 start;			/* TSC at entry */
	struct iu_testrun *tr;		/* IU_IOC_TEST_RUN's, or NULL */
};

struct iu_cpu {
	unsigned int depth;
	struct iu_frame frames[IU_NEST_MAX];
	void *stacks[IU_NEST_MAX];
};

static DEFINE_PER_CPU(struct iu_cpu, iu_cpus);

u64 iu_call_native(const void *ctx, u64 (*entry)(void *ctx), void *stack_top,
		   unsigned long *kernel_sp);
/* Does not return; not declared __noreturn so that unreachable() after it
 * tells objtool so (it cannot see that an asm function never returns). */
void iu_longjmp(unsigned long kernel_sp, u64 retval);

/*
 * Everything an invocation runs through is notrace and NOKPROBE_SYMBOL (the
 * assembly in entry.S too): a function-graph or kretprobe return hook on a
 * frame that iu_end() abandons would never be unwound, and tracing the hot
 * path would recurse into BPF programs bound to iu.
 */
static __always_inline unsigned int __iu_run(const void *ctx, struct iu_prog *prog,
					     struct iu_testrun *tr)
{
	/* The stack is per CPU: no migration, no preemption while on it.
	 * Every hook iu binds to already runs non-preemptible; leaving the
	 * count alone keeps trace output identical to eBPF's. */
	bool preemptible = preemptible();
	struct iu_stack_cb *cb;
	struct iu_cpu *c;
	struct iu_frame *f;
	unsigned int depth;
	u64 ret;

	if (unlikely(preemptible))
		preempt_disable_notrace();
	c = this_cpu_ptr(&iu_cpus);
	depth = c->depth;
	if (unlikely(depth >= IU_NEST_MAX)) {
		this_cpu_inc(prog->stats->missed);
		ret = prog->retval;
		goto out;
	}
	/* Claim the level before filling it: an NMI may nest right here. */
	WRITE_ONCE(c->depth, depth + 1);
	barrier();
	cb = c->stacks[depth] + IU_STACK_SIZE - IU_STACK_CB_SIZE;
	f = &c->frames[depth];
	f->prog = prog;
	f->tr = tr;
	f->cb = cb;
	/* Only fuel points read the fuel and the clock (iu_tick): code that
	 * reaches none (code check, iu_prog_set_entry) skips both. */
	if (prog->fuel) {
		cb->fuel = IU_FUEL_QUANTUM;
		f->start = rdtsc();
	}
	ret = iu_call_native(ctx, prog->entry, cb, &f->kernel_sp);
	f->prog = NULL;
	barrier();
	WRITE_ONCE(c->depth, depth);
out:
	if (unlikely(preemptible))
		preempt_enable_notrace();
	return ret;
}

notrace unsigned int iu_run(const void *ctx, struct iu_prog *prog)
{
	return __iu_run(ctx, prog, NULL);
}
NOKPROBE_SYMBOL(iu_run);

/* The same path, for IU_IOC_TEST_RUN (testrun.c): the frame points at @tr. */
notrace unsigned int iu_run_test(const void *ctx, struct iu_prog *prog, struct iu_testrun *tr)
{
	return __iu_run(ctx, prog, tr);
}
NOKPROBE_SYMBOL(iu_run_test);

notrace struct iu_testrun *iu_current_testrun(void)
{
	struct iu_cpu *c = this_cpu_ptr(&iu_cpus);
	unsigned int depth = READ_ONCE(c->depth);
	struct iu_testrun *tr = depth ? c->frames[depth - 1].tr : NULL;

	/* A frameless program pushes no frame: one that runs in an interrupt
	 * taken during a test run finds the run's frame on top. What it prints
	 * is its own (trace_pipe), not the run's. */
	if (tr && tr->irq_ctx != iu_irq_ctx())
		return NULL;
	return tr;
}
NOKPROBE_SYMBOL(iu_current_testrun);

/*
 * Frameless (internal.h): nothing reachable from the entry needs iu_run()'s
 * frame, the code cannot recurse and its own stack fits what eBPF allows;
 * proven by the code check here, in iu.ko, not read from the file.
 */
void iu_prog_set_entry(struct iu_prog *prog, const struct iu_cc_prog *cp)
{
	prog->fuel = cp->fuel;
	prog->frameless = !cp->services && !cp->recursive && !cp->fuel &&
			  cp->need + 8 <= IU_HELPER_STACK + IU_FRAMELESS_STACK;
}

static notrace struct iu_frame *current_frame(void)
{
	struct iu_cpu *c = this_cpu_ptr(&iu_cpus);

	/* Only extension code calls the services, and only inside an invocation. */
	BUG_ON(!c->depth || !c->frames[c->depth - 1].prog);
	return &c->frames[c->depth - 1];
}
NOKPROBE_SYMBOL(current_frame);

/* Length of the string at @p if it lies inside the extension, else 0. */
static notrace size_t image_strnlen(const struct iu_object *obj, const char *p, size_t max)
{
	unsigned long a = (unsigned long)p, img = (unsigned long)obj->image;

	if (a < img || a - img >= obj->image_size)
		return 0;
	return strnlen(p, min_t(size_t, max, obj->image_size - (a - img)));
}

/*
 * Time since entry. The TSC, not sched_clock(): it costs a few cycles at
 * entry, and sched_clock() falls back to jiffies (4 ms steps) where the TSC is
 * not trusted for it, as in emulated guests. The frame never leaves its CPU.
 */
static notrace u64 elapsed_ns(const struct iu_frame *f)
{
	return mul_u64_u32_div(rdtsc() - f->start, USEC_PER_SEC, tsc_khz);
}

enum iu_end_reason { IU_END_PANIC, IU_END_STACK, IU_END_BUDGET };

/* @ip: where in the extension it ended (a return address into its code). */
static notrace void __noreturn iu_end(struct iu_frame *f, enum iu_end_reason why, const char *msg,
				      unsigned long ip)
{
	struct iu_prog *prog = f->prog;
	char where[64];
	u64 ns;
	size_t len;

	struct iu_testrun *tr = f->tr;

	switch (why) {
	case IU_END_PANIC:
		this_cpu_inc(prog->stats->panics);
		len = image_strnlen(prog->obj, msg, 200);
		if (tr) {	/* the caller gets the reason instead of the log */
			iu_code_where(prog->obj, ip, where, sizeof(where));
			tr->outcome = IU_TEST_RUN_PANICKED;
			snprintf(tr->reason, sizeof(tr->reason), "panicked: %.*s (at %s)",
				 (int)len, msg, where);
		} else if (__ratelimit(&prog->log_rs)) {
			iu_code_where(prog->obj, ip, where, sizeof(where));
			pr_err("program %s panicked: %.*s (at %s)\n", prog->name, (int)len, msg, where);
		}
		break;
	case IU_END_STACK:
		this_cpu_inc(prog->stats->panics);
		if (tr) {
			iu_code_where(prog->obj, ip, where, sizeof(where));
			tr->outcome = IU_TEST_RUN_PANICKED;
			snprintf(tr->reason, sizeof(tr->reason),
				 "panicked: stack overflow (fewer than %u bytes left, at %s)",
				 IU_STACK_RESERVE, where);
		} else if (__ratelimit(&prog->log_rs)) {
			iu_code_where(prog->obj, ip, where, sizeof(where));
			pr_err("program %s panicked: stack overflow (fewer than %u bytes left, at %s)\n",
			       prog->name, IU_STACK_RESERVE, where);
		}
		break;
	case IU_END_BUDGET:
		ns = elapsed_ns(f);
		this_cpu_inc(prog->stats->terminations);
		if (ns > this_cpu_read(prog->stats->max_term_ns))
			this_cpu_write(prog->stats->max_term_ns, ns);
		if (tr) {
			iu_code_where(prog->obj, ip, where, sizeof(where));
			tr->outcome = IU_TEST_RUN_TERMINATED;
			snprintf(tr->reason, sizeof(tr->reason),
				 "terminated after %llu us (budget %u us) at %s",
				 div_u64(ns, 1000), READ_ONCE(budget_us), where);
		} else if (__ratelimit(&prog->log_rs)) {
			iu_code_where(prog->obj, ip, where, sizeof(where));
			pr_warn("program %s terminated after %llu us (budget %u us) at %s\n",
				prog->name, div_u64(ns, 1000), READ_ONCE(budget_us), where);
		}
		break;
	}
	iu_longjmp(f->kernel_sp, prog->retval);
	unreachable();
}
NOKPROBE_SYMBOL(iu_end);

/* iu_rt's runtime checks end here: bounds, arithmetic, explicit panics. */
notrace void __noreturn iu_rt_panic(const char *msg)
{
	iu_end(current_frame(), IU_END_PANIC, msg, (unsigned long)__builtin_return_address(0));
}
NOKPROBE_SYMBOL(iu_rt_panic);

/* Guarded code found fewer than IU_STACK_RESERVE bytes below its frame. */
notrace void __noreturn iu_rt_stack_overflow(void)
{
	iu_end(current_frame(), IU_END_STACK, NULL, (unsigned long)__builtin_return_address(0));
}
NOKPROBE_SYMBOL(iu_rt_stack_overflow);

/* Guarded code ran out of fuel (from iu_rt_tick in entry.S, which saves the
 * registers the fuel point does not clobber): end the invocation or give it
 * more. @ip is the fuel point's return address. */
notrace void iu_tick(unsigned long ip)
{
	struct iu_frame *f = current_frame();

	if (elapsed_ns(f) > (u64)READ_ONCE(budget_us) * NSEC_PER_USEC)
		iu_end(f, IU_END_BUDGET, NULL, ip);
	f->cb->fuel = IU_FUEL_QUANTUM;
}
NOKPROBE_SYMBOL(iu_tick);

int __init iu_runtime_init(void)
{
	unsigned int cpu, lvl;

	for_each_possible_cpu(cpu) {
		struct iu_cpu *c = per_cpu_ptr(&iu_cpus, cpu);

		for (lvl = 0; lvl < IU_NEST_MAX; lvl++) {
			c->stacks[lvl] = iu_ksyms.vmalloc_range(IU_STACK_SIZE, IU_STACK_SIZE,
					VMALLOC_START, VMALLOC_END,
					GFP_KERNEL | __GFP_ZERO, PAGE_KERNEL, 0,
					cpu_to_node(cpu), __builtin_return_address(0));
			if (!c->stacks[lvl]) {
				iu_runtime_exit();
				return -ENOMEM;
			}
		}
	}
	return 0;
}

void iu_runtime_exit(void)
{
	unsigned int cpu, lvl;

	for_each_possible_cpu(cpu) {
		struct iu_cpu *c = per_cpu_ptr(&iu_cpus, cpu);

		for (lvl = 0; lvl < IU_NEST_MAX; lvl++) {
			vfree(c->stacks[lvl]);
			c->stacks[lvl] = NULL;
		}
	}
}
