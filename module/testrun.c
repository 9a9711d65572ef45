// SPDX-License-Identifier: GPL-2.0
/*
 * IU_IOC_TEST_RUN: run a bound program once on a context the caller supplies
 * (what BPF_PROG_TEST_RUN does for other program types, and does not offer
 * for kprobes): a struct pt_regs image for kprobe kinds, the event's record
 * for tracepoints, with optional argument memory that the context's pointers
 * may refer to. It runs on the calling CPU with preemption disabled and in an
 * RCU read-side section, through the same invocation path as a hook
 * (iu_run_test, runtime.c), so budget, panics and stacks behave as in a hook.
 *
 * What the program prints is captured for the caller instead of going to
 * trace_pipe: every bpf_trace_printk call of an extension lands in
 * iu_trace_printk(), which looks at the invocation's frame (per CPU); only the
 * frame of a test run points at a capture buffer, so an extension nested in
 * an interrupt during the test run still prints to trace_pipe.
 */
#include "internal.h"
#include <linux/capability.h>
#include <linux/file.h>
#include <linux/kprobes.h>
#include <linux/preempt.h>
#include <linux/slab.h>
#include <linux/trace_events.h>
#include <linux/uaccess.h>
#include <asm/ptrace.h>

u64 (*iu_bpf_trace_printk)(u64, u64, u64, u64, u64) __ro_after_init;

/*
 * Formatted exactly as the kernel's bpf_trace_printk would (the kernel's own
 * bpf_snprintf: the same bpf_bprintf_prepare() checks and bstr_printf()), into
 * the capture buffer. Returns what bpf_trace_printk returns: the message's
 * length, or a negative errno for a format it refuses.
 */
static notrace long testrun_printk(struct iu_testrun *tr, const char *fmt, u32 fmt_size,
				   u64 a1, u64 a2, u64 a3)
{
	u64 args[3] = { a1, a2, a3 };
	u32 room;
	long n;

	/* bpf_trace_printk's own rule: the format is NUL-terminated within fmt_size */
	if (!fmt_size || strnlen(fmt, fmt_size) == fmt_size)
		return -EINVAL;
	room = tr->out_size - tr->out_len;	/* out_size >= 1: room for the NUL */
	n = iu_ksyms.bpf_snprintf((u64)(tr->out + tr->out_len), room, (u64)fmt, (u64)args,
				  sizeof(args));
	if (n <= 0)
		return n ? n : -EINVAL;
	n--;	/* bpf_snprintf counts the NUL */
	tr->nr_prints++;
	tr->out_true += n;
	tr->out_len = min_t(u32, tr->out_len + n, tr->out_size - 1);
	tr->out[tr->out_len] = 0;
	return n;
}
NOKPROBE_SYMBOL(testrun_printk);

notrace u64 iu_trace_printk(u64 fmt, u64 fmt_size, u64 a1, u64 a2, u64 a3)
{
	struct iu_testrun *tr = iu_current_testrun();

	if (likely(!tr))
		return iu_bpf_trace_printk(fmt, fmt_size, a1, a2, a3);
	return testrun_printk(tr, (const char *)fmt, (u32)fmt_size, a1, a2, a3);
}
NOKPROBE_SYMBOL(iu_trace_printk);

/* What can be judged from the struct alone. */
static int attr_check(const struct iu_test_run_attr *a, struct iu_load_log *log)
{
	if (a->flags || a->pad || a->log_level) {
		iu_log(log, "test run: flags, pad and log_level must be 0");
		return -EINVAL;
	}
	if (!a->ctx || !a->ctx_size) {
		iu_log(log, "test run: no context (ctx and ctx_size are required)");
		return -EINVAL;
	}
	if (!a->mem != !a->mem_size) {
		iu_log(log, "test run: mem and mem_size go together");
		return -EINVAL;
	}
	if (a->mem_size > IU_TEST_RUN_MEM_MAX) {
		iu_log(log, "test run: argument memory of %u bytes is larger than %u",
		       a->mem_size, IU_TEST_RUN_MEM_MAX);
		return -E2BIG;
	}
	if (!a->out != !a->out_size) {
		iu_log(log, "test run: out and out_size go together");
		return -EINVAL;
	}
	if (a->out_size > IU_TEST_RUN_OUT_MAX) {
		iu_log(log, "test run: output buffer of %u bytes is larger than %u",
		       a->out_size, IU_TEST_RUN_OUT_MAX);
		return -E2BIG;
	}
	return 0;
}

static int ctx_size_check(const struct iu_prog *prog, u32 size, struct iu_load_log *log)
{
	if (prog->kind == IU_PROG_TRACEPOINT) {
		if (size < prog->ctx_size || size > PERF_MAX_TRACE_SIZE) {
			iu_log(log, "test run: program %s reads a %u-byte record: a context of %u bytes is wrong (%u to %u)",
			       prog->name, prog->ctx_size, size, prog->ctx_size,
			       (u32)PERF_MAX_TRACE_SIZE);
			return -EINVAL;
		}
		return 0;
	}
	if (size != sizeof(struct pt_regs)) {
		iu_log(log, "test run: program %s is a %s: its context is a struct pt_regs of %zu bytes, not %u",
		       prog->name, prog->kind == IU_PROG_KPROBE ? "kprobe" : "kretprobe",
		       sizeof(struct pt_regs), size);
		return -EINVAL;
	}
	return 0;
}

/* Words of the context that point into the caller's memory point into the copy. */
static void rebase_pointers(void *ctx, u32 size, u64 umem, u32 mem_size, void *kmem)
{
	u64 *w = ctx;
	u32 i;

	for (i = 0; i < size / 8; i++)
		if (w[i] - umem < mem_size)
			w[i] = (u64)kmem + (w[i] - umem);
}

static notrace void run_once(struct iu_prog *prog, const void *ctx, struct iu_testrun *tr,
			     u32 *retval, u64 *ns)
{
	u64 start;

	rcu_read_lock();
	preempt_disable();
	tr->irq_ctx = iu_irq_ctx();
	start = ktime_get_mono_fast_ns();
	*retval = iu_run_test(ctx, prog, tr);
	*ns = ktime_get_mono_fast_ns() - start;
	preempt_enable();
	rcu_read_unlock();
}

static int test_run(struct iu_object *only, struct iu_test_run_attr *a, struct iu_load_log *log)
{
	static const struct pt_regs zero_regs;
	struct iu_testrun *tr = NULL;
	struct iu_prog *prog = NULL;
	struct bpf_prog *bp;
	void *ctx = NULL, *mem = NULL;
	int err;

	err = attr_check(a, log);
	if (err)
		return err;
	/* Outputs are ignored on input (a struct can be run again as it is). */
	a->retval = a->outcome = a->out_true_size = a->nr_prints = 0;
	a->duration_ns = 0;
	memset(a->reason, 0, sizeof(a->reason));
	/* bpf_prog_get() is not exported: ask for each type iu binds to */
	bp = bpf_prog_get_type_dev(a->prog_fd, BPF_PROG_TYPE_KPROBE, false);
	if (IS_ERR(bp) && PTR_ERR(bp) == -EINVAL)
		bp = bpf_prog_get_type_dev(a->prog_fd, BPF_PROG_TYPE_TRACEPOINT, false);
	if (IS_ERR(bp)) {
		iu_log(log, "test run: fd %d is not an open kprobe or tracepoint BPF program",
		       a->prog_fd);
		return PTR_ERR(bp);
	}
	prog = iu_prog_get_bound(bp, only);
	if (!prog) {
		iu_log(log, "test run: BPF program %u (%s) is not bound to an iu program%s",
		       bp->aux->id, bp->aux->name, only ? " of this handle's object" : "");
		err = -ENOENT;
		goto out;
	}
	err = ctx_size_check(prog, a->ctx_size, log);
	if (err)
		goto out;

	err = -ENOMEM;
	tr = kzalloc(sizeof(*tr), GFP_KERNEL);
	ctx = kzalloc(a->ctx_size, GFP_KERNEL);
	if (!tr || !ctx)
		goto out;
	tr->out_size = max_t(u32, a->out_size, 1);
	tr->out = kvzalloc(tr->out_size, GFP_KERNEL);
	if (!tr->out)
		goto out;
	err = -EFAULT;
	if (copy_from_user(ctx, u64_to_user_ptr(a->ctx), a->ctx_size))
		goto out;
	if (a->mem_size) {
		mem = kvmalloc(a->mem_size, GFP_KERNEL);
		if (!mem) {
			err = -ENOMEM;
			goto out;
		}
		if (copy_from_user(mem, u64_to_user_ptr(a->mem), a->mem_size))
			goto out;
		rebase_pointers(ctx, a->ctx_size, a->mem, a->mem_size, mem);
	}
	/* What the kernel puts in a record's first 8 bytes for BPF programs. */
	if (prog->kind == IU_PROG_TRACEPOINT && a->ctx_size >= sizeof(u64))
		*(const struct pt_regs **)ctx = &zero_regs;

	tr->outcome = IU_TEST_RUN_RETURNED;
	run_once(prog, ctx, tr, &a->retval, &a->duration_ns);
	a->outcome = tr->outcome;
	memcpy(a->reason, tr->reason, sizeof(a->reason));
	a->nr_prints = tr->nr_prints;
	a->out_true_size = tr->out_true + 1;
	err = 0;
	if (a->out_size && copy_to_user(u64_to_user_ptr(a->out), tr->out, tr->out_len + 1))
		err = -EFAULT;
out:
	if (prog)
		iu_prog_put_bound(prog);
	bpf_prog_put(bp);
	kvfree(mem);
	kfree(ctx);
	if (tr)
		kvfree(tr->out);
	kfree(tr);
	return err;
}

long iu_ioctl_test_run(struct iu_object *obj, struct iu_test_run_attr __user *uattr)
{
	struct iu_test_run_attr a;
	struct iu_load_log log;
	u32 usize;
	int err, cerr = 0;

	/* runs code: as loading does, whatever fd it comes through */
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	err = iu_copy_struct_in(&a, sizeof(a), uattr, IU_TEST_RUN_ATTR_SIZE_VER0);
	if (err)
		return err;
	usize = a.size;
	if (!a.log_buf != !a.log_size)
		return -EINVAL;
	err = iu_log_init(&log, a.log_size, 0);
	if (err)
		return err;
	err = test_run(obj, &a, &log);
	if (iu_log_copy_to_user(&log, a.log_buf))
		cerr = -EFAULT;
	a.log_true_size = log.true_len + 1;
	iu_log_free(&log);
	if (err) {
		if (put_user(a.log_true_size, &uattr->log_true_size))
			cerr = -EFAULT;
		return err;
	}
	if (copy_to_user(uattr, &a, min_t(u32, usize, sizeof(a))))
		return -EFAULT;
	return cerr;
}
