// SPDX-License-Identifier: GPL-2.0
/*
 * Binding native code to placeholder BPF programs.
 *
 * libiu loads one ordinary BPF program per extension program (same type, GPL,
 * named after it) through bpf(BPF_PROG_LOAD), so every standard attach path,
 * bpftool and bpf stats see a real program. Binding patches the 5-byte nop
 * the x86 JIT leaves at the start of every program (after ENDBR64 under IBT;
 * the site BPF trampolines use for fentry/fexit) into a jump to a small
 * per-program trampoline that calls iu_run() with the program; unbinding puts
 * the nop back. The kernel's own bpf_arch_text_poke() does both, under
 * text_mutex, with the int3 protocol that is safe while other CPUs run the
 * code. bpf_func itself never changes, which is what keeps the rest of the
 * kernel safe:
 *
 *  - a tail call into a bound placeholder (a prog array of the same type
 *    accepts it) enters the JIT image at bpf_func + X86_TAIL_CALL_OFFSET,
 *    past the patched site, and runs the placeholder's own verified code
 *    ("r0 = 0; exit"): harmless;
 *  - BPF_OBJ_GET_INFO_BY_FD copies jited_len bytes from bpf_func with no lock
 *    and may sleep on the user's pages: it always reads the JIT image, which
 *    lives as long as the program, never a trampoline iu.ko frees;
 *  - a BPF trampoline (fentry/fexit on the placeholder) finds the site taken
 *    and is refused by the kernel (-EBUSY) instead of overwriting it.
 *
 * The reference taken here is held while bound, so the JIT image outlives
 * the patch.
 */
#include "internal.h"
#include <linux/filter.h>
#include <asm/ibt.h>
#include <linux/trace_events.h>

/*
 *	movabs	$prog, %rsi
 *	jmp	iu_run
 *	int3
 * Reached by a direct jump from the JIT image: no ENDBR64 needed.
 */
#define IU_STUB_SPACING	32
#define IU_STUB_SIZE	16
#define IU_PATCH_SIZE	5	/* X86_PATCH_SIZE */

static enum bpf_prog_type bpf_type_of(enum iu_prog_kind kind)
{
	return kind == IU_PROG_TRACEPOINT ? BPF_PROG_TYPE_TRACEPOINT : BPF_PROG_TYPE_KPROBE;
}

static const char *bpf_type_name(enum bpf_prog_type type)
{
	return type == BPF_PROG_TYPE_TRACEPOINT ? "BPF_PROG_TYPE_TRACEPOINT" :
						  "BPF_PROG_TYPE_KPROBE";
}

/* The JIT's patch site: a 5-byte nop at the start, after ENDBR64 under IBT. */
static bool patch_site_free(const struct bpf_prog *bp)
{
	static const u8 nop5[IU_PATCH_SIZE] = { 0x0f, 0x1f, 0x44, 0x00, 0x00 };
	const u8 *ip = (const u8 *)bp->bpf_func;
	u8 head[4 + IU_PATCH_SIZE];
	u32 endbr;

	if (copy_from_kernel_nofault(head, ip, sizeof(head)))
		return false;
	memcpy(&endbr, head, sizeof(endbr));
	if (is_endbr(endbr))
		return !memcmp(head + 4, nop5, IU_PATCH_SIZE);
	return !memcmp(head, nop5, IU_PATCH_SIZE);
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
	if (!patch_site_free(bp)) {
		iu_log(log, "bind: program %s: BPF program %u has no free patch site (a BPF trampoline is attached to it?)",
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

static bool write_stub(u8 *p, struct iu_prog *prog)
{
	long rel = (long)stub_target() - (long)(p + 15);
	s32 rel32 = rel;
	u64 arg = (u64)prog;

	if (rel != rel32)
		return false;
	p[0] = 0x48;
	p[1] = 0xbe;
	memcpy(p + 2, &arg, 8);
	p[10] = 0xe9;
	memcpy(p + 11, &rel32, 4);
	p[15] = 0xcc;
	return true;
}

static int poke(struct iu_prog *prog, void *old, void *new)
{
	return iu_ksyms.bpf_arch_text_poke((void *)prog->bpf->bpf_func, BPF_MOD_JUMP, old, new);
}

int iu_bind_install(struct iu_object *obj, struct iu_load_log *log)
{
	size_t size = PAGE_ALIGN(obj->nr_progs * IU_STUB_SPACING);
	u8 *page;
	u32 i, done;
	int err;

	page = iu_exec_alloc(size);
	if (!page)
		return -ENOMEM;
	memset(page, 0xcc, size);
	for (i = 0; i < obj->nr_progs; i++) {
		struct iu_prog *prog = &obj->progs[i];
		u8 *stub = page + i * IU_STUB_SPACING;

		if (!write_stub(stub, prog)) {
			iu_log(log, "bind: program %s: cannot place its trampoline", prog->name);
			iu_exec_free(page);
			return -ERANGE;
		}
		/* A frameless program is jumped to directly (internal.h). */
		prog->stub = prog->frameless ? (void *)prog->entry : stub;
	}
	err = iu_exec_protect(page, size);
	if (err) {
		iu_exec_free(page);
		return err;
	}
	obj->stubs = page;

	/* Code and data are complete before any CPU can reach them (the poke
	 * itself serialises every CPU, text_poke_bp's sync_core IPIs). */
	smp_wmb();
	for (done = 0; done < obj->nr_progs; done++) {
		struct iu_prog *prog = &obj->progs[done];

		err = poke(prog, NULL, prog->stub);
		if (err) {
			iu_log(log, "bind: program %s: cannot patch BPF program %u (%d)", prog->name,
			       prog->bpf->aux->id, err);
			break;
		}
		prog->bound = true;
	}
	return err;
}

/* Unbind, wait for running invocations, drop the placeholders. */
void iu_bind_release(struct iu_object *obj)
{
	bool any = false;
	u32 i;

	for (i = 0; i < obj->nr_progs; i++) {
		struct iu_prog *prog = &obj->progs[i];

		if (prog->bound) {
			int err = poke(prog, prog->stub, NULL);

			/* Only iu.ko patches a site it holds: nothing else can
			 * have changed it. Keep the page rather than free code
			 * that may still be reached. */
			if (WARN_ONCE(err, "iu: cannot unpatch BPF program %u (%d)\n",
				      prog->bpf->aux->id, err))
				obj->stubs_leaked = true;
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
			if (!obj->stubs_leaked)
				bpf_prog_put(obj->progs[i].bpf);
			obj->progs[i].bpf = NULL;
		}
	}
	if (obj->stubs && !obj->stubs_leaked)
		iu_exec_free(obj->stubs);
	obj->stubs = NULL;
}
