// SPDX-License-Identifier: GPL-2.0
/*
 * Running native code: the bpf_func of every bound program leads here.
 *
 * Each invocation runs on a dedicated per-CPU stack, one per nesting level
 * (an extension in task context can be interrupted by one in hard-IRQ or NMI
 * context), allocated like the kernel's own VMAP stacks: vmalloc'ed, aligned
 * to their size, with unmapped guard space below. The frame records where to
 * resume if the invocation has to end early (panic, watchdog), so that the
 * hook always gets the program type's safe default value back.
 */
#include "internal.h"
#include <linux/vmalloc.h>
#include <linux/preempt.h>

#define IU_NEST_MAX		4
#define IU_STACK_SIZE		(32 * 1024)
/* Kept free at the top of each stack for the runtime's own use. */
#define IU_STACK_TOP_RESERVE	64

struct iu_frame {
	struct iu_prog *prog;
	unsigned long kernel_sp;	/* where iu_resume continues */
};

struct iu_cpu {
	unsigned int depth;
	struct iu_frame frames[IU_NEST_MAX];
	void *stacks[IU_NEST_MAX];
};

static DEFINE_PER_CPU(struct iu_cpu, iu_cpus);

u64 iu_call_native(const void *ctx, u64 (*entry)(void *ctx), void *stack_top,
		   unsigned long *kernel_sp);
void __noreturn iu_longjmp(unsigned long kernel_sp, u64 retval);

unsigned int iu_run(const void *ctx, struct iu_prog *prog)
{
	/* The stack is per CPU: no migration, no preemption while on it.
	 * Every hook iu binds to already runs non-preemptible; leaving the
	 * count alone keeps trace output identical to eBPF's. */
	bool preemptible = preemptible();
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
	f = &c->frames[depth];
	f->prog = prog;
	ret = iu_call_native(ctx, prog->entry,
			     c->stacks[depth] + IU_STACK_SIZE - IU_STACK_TOP_RESERVE,
			     &f->kernel_sp);
	f->prog = NULL;
	barrier();
	WRITE_ONCE(c->depth, depth);
	this_cpu_inc(prog->stats->runs);
out:
	if (unlikely(preemptible))
		preempt_enable_notrace();
	return ret;
}

static struct iu_frame *current_frame(void)
{
	struct iu_cpu *c = this_cpu_ptr(&iu_cpus);

	return c->depth ? &c->frames[c->depth - 1] : NULL;
}

/* Length of the string at @p if it lies inside the extension, else 0. */
static size_t image_strnlen(const struct iu_object *obj, const char *p, size_t max)
{
	unsigned long a = (unsigned long)p, img = (unsigned long)obj->image;

	if (a < img || a - img >= obj->image_size)
		return 0;
	return strnlen(p, min_t(size_t, max, obj->image_size - (a - img)));
}

/* iu_rt's runtime checks end here: bounds, arithmetic, explicit panics. */
void __noreturn iu_rt_panic(const char *msg)
{
	struct iu_frame *f = current_frame();
	struct iu_prog *prog;
	size_t len;

	/* Only extension code calls this, and only inside an invocation. */
	BUG_ON(!f || !f->prog);
	prog = f->prog;
	this_cpu_inc(prog->stats->panics);
	len = image_strnlen(prog->obj, msg, 200);
	pr_err_ratelimited("program %s panicked: %.*s\n", prog->name, (int)len, msg);
	iu_longjmp(f->kernel_sp, prog->retval);
}

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
