// SPDX-License-Identifier: GPL-2.0
/*
 * Binding native code to placeholder BPF programs.
 *
 * libiu loads one ordinary BPF program per extension program (same type, GPL,
 * named after it) through bpf(BPF_PROG_LOAD), so every standard attach path,
 * bpftool and bpf stats see a real program. Binding points the program's
 * bpf_func at a small per-program trampoline that calls iu_run() with the
 * program; unbinding puts the JIT image back. The reference taken here is
 * held while bound: the x86 JIT frees a program's image by deriving it from
 * bpf_func, so the original must be back before the last put.
 */
#include "internal.h"
#include <linux/filter.h>
#include <linux/trace_events.h>

/*
 *	endbr64				(an indirect call target under IBT)
 *	movabs	$prog, %rsi
 *	jmp	iu_run
 *	int3
 */
#define IU_STUB_SPACING	64
#define IU_STUB_SIZE	20

static enum bpf_prog_type bpf_type_of(enum iu_prog_kind kind)
{
	return kind == IU_PROG_TRACEPOINT ? BPF_PROG_TYPE_TRACEPOINT : BPF_PROG_TYPE_KPROBE;
}

static const char *bpf_type_name(enum bpf_prog_type type)
{
	return type == BPF_PROG_TYPE_TRACEPOINT ? "BPF_PROG_TYPE_TRACEPOINT" :
						  "BPF_PROG_TYPE_KPROBE";
}

/*
 * The context the code may read is bounded by what the kernel hands the
 * placeholder. A kprobe program gets a struct pt_regs. A tracepoint program
 * gets the event's record, and the kernel refuses to attach a program to an
 * event whose record ends before the program's max_ctx_offset (EACCES from
 * perf_event_set_bpf_prog; the end is trace_event_get_offsets(), the end of
 * the event's last field). The verifier sets max_ctx_offset from the
 * placeholder's own reads: libiu's placeholder reads the last byte of the
 * record the file declares, so the value is in place before the program can
 * be attached at all. A placeholder that read less would let the code run on
 * a record smaller than the one it was compiled for: refused. (iu.ko never
 * writes max_ctx_offset itself: a placeholder attached before it is bound
 * would have passed the attach check already.) The first 8 bytes are never
 * a field (the verifier hides them), so a record of 8 bytes needs nothing.
 */
static int check_ctx_size(const struct iu_prog *prog, const struct bpf_prog *bp,
			  struct iu_load_log *log)
{
	/* The bounds module/core checked the descriptor against. */
	BUILD_BUG_ON(IU_TP_RECORD_MAX != PERF_MAX_TRACE_SIZE);
	BUILD_BUG_ON(IU_PT_REGS_SIZE != sizeof(struct pt_regs));

	if (prog->kind == IU_PROG_TRACEPOINT && prog->ctx_size > IU_TP_HEADER_SIZE &&
	    bp->aux->max_ctx_offset < prog->ctx_size) {
		iu_log(log, "bind: program %s reads %u bytes of its tracepoint record, but its placeholder BPF program only %u: the kernel would attach it to smaller records (load the placeholder with libiu)",
		       prog->name, prog->ctx_size, bp->aux->max_ctx_offset);
		return -EINVAL;
	}
	return 0;
}

/* Called under iu_objects_lock, which also guards every prog->bpf. */
int iu_bind_take(struct iu_prog *prog, int fd, struct iu_load_log *log)
{
	enum bpf_prog_type type = bpf_type_of(prog->kind);
	struct bpf_prog *bp;
	int err = 0;

	bp = bpf_prog_get_type_dev(fd, type, false);
	if (IS_ERR(bp)) {
		/* the kernel says EINVAL for a wrong type and for a non-BPF fd */
		if (PTR_ERR(bp) == -EINVAL)
			iu_log(log, "bind: program %s: fd %d is not a BPF program of type %s",
			       prog->name, fd, bpf_type_name(type));
		else
			iu_log(log, "bind: program %s: fd %d is not an open BPF program", prog->name, fd);
		return PTR_ERR(bp);
	}
	if (!bp->jited) {
		iu_log(log, "bind: program %s: the placeholder is not JIT-compiled (net.core.bpf_jit_enable must be 1)",
		       prog->name);
		goto busy;
	}
	if (bp->aux->func_cnt || iu_bpf_prog_sleepable(bp)) {
		iu_log(log, "bind: program %s: the placeholder must be a plain, non-sleepable program",
		       prog->name);
		goto busy;
	}
	if (strncmp(bp->aux->name, prog->name, sizeof(bp->aux->name))) {
		iu_log(log, "bind: program %s: the placeholder is named \"%s\"", prog->name,
		       bp->aux->name);
		goto busy;
	}
	err = check_ctx_size(prog, bp, log);
	if (err)
		goto busy;
	if (iu_prog_is_bound(bp)) {
		iu_log(log, "bind: program %s: BPF program %u is already bound to native code",
		       prog->name, bp->aux->id);
		goto busy;
	}
	prog->bpf = bp;
	return 0;
busy:
	bpf_prog_put(bp);
	return err ? err : -EINVAL;
}

/* Where the stubs jump; hidden from the optimizer so that the relocation
 * names iu_run itself (objtool checks that such targets have ENDBR). */
static unsigned long stub_target(void)
{
	unsigned long target = (unsigned long)iu_run;

	OPTIMIZER_HIDE_VAR(target);
	return target;
}

static void write_stub(u8 *p, struct iu_prog *prog)
{
	static const u8 endbr64[4] = { 0xf3, 0x0f, 0x1e, 0xfa };
	s32 rel = (s32)(stub_target() - (unsigned long)(p + IU_STUB_SIZE - 1));
	u64 arg = (u64)prog;

	memcpy(p, endbr64, 4);
	p[4] = 0x48;
	p[5] = 0xbe;
	memcpy(p + 6, &arg, 8);
	p[14] = 0xe9;
	memcpy(p + 15, &rel, 4);
	p[19] = 0xcc;
}

int iu_bind_install(struct iu_object *obj, struct iu_load_log *log)
{
	u8 *page;
	u32 i;
	int err;

	if (obj->nr_progs > PAGE_SIZE / IU_STUB_SPACING) {
		iu_log(log, "bind: too many programs");
		return -E2BIG;
	}
	page = iu_exec_alloc(PAGE_SIZE);
	if (!page)
		return -ENOMEM;
	memset(page, 0xcc, PAGE_SIZE);
	for (i = 0; i < obj->nr_progs; i++) {
		struct iu_prog *prog = &obj->progs[i];
		u8 *stub = page + i * IU_STUB_SPACING;
		long rel = stub_target() - (unsigned long)(stub + IU_STUB_SIZE - 1);

		/* bpftool's "dump jited" copies jited_len bytes from bpf_func. */
		if (i * IU_STUB_SPACING + prog->bpf->jited_len > PAGE_SIZE || rel != (s32)rel) {
			iu_log(log, "bind: program %s: cannot place its trampoline", prog->name);
			iu_exec_free(page);
			return -ERANGE;
		}
		write_stub(stub, prog);
		prog->stub = stub;
	}
	err = iu_exec_protect(page, PAGE_SIZE);
	if (err) {
		iu_exec_free(page);
		return err;
	}
	obj->stubs = page;

	/* Code and data are complete before any CPU can reach them. */
	smp_wmb();
	for (i = 0; i < obj->nr_progs; i++) {
		struct iu_prog *prog = &obj->progs[i];

		prog->orig_bpf_func = prog->bpf->bpf_func;
		WRITE_ONCE(prog->bpf->bpf_func, (bpf_func_t)prog->stub);
		prog->bound = true;
	}
	return 0;
}

/* Unbind, wait for running invocations, drop the placeholders. */
void iu_bind_release(struct iu_object *obj)
{
	bool any = false;
	u32 i;

	for (i = 0; i < obj->nr_progs; i++) {
		struct iu_prog *prog = &obj->progs[i];

		if (prog->bound) {
			WRITE_ONCE(prog->bpf->bpf_func, prog->orig_bpf_func);
			prog->bound = false;
			any = true;
		}
	}
	/* Every run of a kprobe, tracepoint or perf_event program is inside
	 * an RCU read-side critical section (and iu_run() is non-preemptible). */
	if (any)
		synchronize_rcu();
	for (i = 0; i < obj->nr_progs; i++) {
		if (obj->progs[i].bpf) {
			bpf_prog_put(obj->progs[i].bpf);
			obj->progs[i].bpf = NULL;
		}
	}
	if (obj->stubs) {
		iu_exec_free(obj->stubs);
		obj->stubs = NULL;
	}
}
