// SPDX-License-Identifier: GPL-2.0
/*
 * The ELF loader: maps a validated extension into executable memory from the
 * kernel's module area, relocates it, points its speculation thunks at the
 * kernel's, and seals it: text read-only and executable, rodata and RELRO
 * read-only, data and bss writable and never executable. The file itself is
 * validated by the shared core (core/elf.c) before anything here runs.
 */
#include "internal.h"
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <asm/cpufeature.h>
#include <asm/nospec-branch.h>

void *iu_exec_alloc(size_t size)
{
	return iu_ksyms.exec_alloc(IU_EXEC_ALLOC_ARGS(size));
}

/* Permissions are reset by the allocator on free (VM_FLUSH_RESET_PERMS). */
void iu_exec_free(void *p)
{
	if (p)
		iu_ksyms.exec_free(p);
}

/* Make a page range read-only and executable. */
int iu_exec_protect(void *p, size_t size)
{
	int pages = PAGE_ALIGN(size) >> PAGE_SHIFT;
	int err;

	err = iu_ksyms.set_memory_ro((unsigned long)p, pages);
	if (!err)
		err = iu_ksyms.set_memory_x((unsigned long)p, pages);
	return err;
}

static bool write_jmp(u8 *at, const void *target)
{
	long rel = (long)target - (long)(at + 5);
	s32 rel32 = rel;

	if (rel != rel32)
		return false;
	at[0] = 0xe9;
	memcpy(at + 1, &rel32, sizeof(rel32));
	return true;
}

/*
 * The toolchain links generic thunks (a retpoline, a plain return) so that a
 * file runs anywhere; here they become jumps to what this kernel uses on this
 * CPU, as the kernel's own module loader does for module text.
 */
static void patch_thunks(u8 *img, const struct iu_elf *e, struct iu_load_log *log)
{
	if (e->thunks.indirect_thunk_r11 &&
	    !write_jmp(img + e->thunks.indirect_thunk_r11, __x86_indirect_thunk_r11))
		iu_log(log, "load: indirect-branch thunk out of reach; keeping the retpoline");
	if (e->thunks.return_thunk && cpu_feature_enabled(X86_FEATURE_RETHUNK) &&
	    !write_jmp(img + e->thunks.return_thunk, *iu_ksyms.x86_return_thunk))
		iu_log(log, "load: return thunk out of reach; keeping a plain return");
}

/*
 * Every helper call the code check found (struct iu_cc_pair: `mov G(%rip),
 * %r11` then `call`/`jmp __x86_indirect_thunk_r11`, in a helper stub or a
 * guard sequence) becomes a 7-byte nop and a direct call or jump to the
 * helper: the GOT slot G already holds its address. As the kernel's own
 * apply_retpolines() turns thunk calls into direct ones, this is a rewrite
 * of verified code into its equivalent, done before the text is sealed. A
 * target out of rel32 reach keeps the original pair.
 */
static void direct_helper_calls(u8 *img, const struct iu_codecheck *cc, struct iu_load_log *log)
{
	static const u8 nop7[7] = { 0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00 };
	u32 i, kept = 0;

	for (i = 0; i < cc->nr_pairs; i++) {
		const struct iu_cc_pair *p = &cc->pairs[i];
		u8 *at = img + p->off + 7;	/* the call or jump */
		u64 helper;
		long rel;

		memcpy(&helper, img + p->slot, sizeof(helper));
		rel = (long)helper - (long)(at + 5);
		if (rel != (s32)rel) {
			kept++;
			continue;
		}
		memcpy(img + p->off, nop7, sizeof(nop7));
		at[0] = p->kind == IU_CC_PAIR_TAIL ? 0xe9 : 0xe8;
		memcpy(at + 1, &(s32){ rel }, sizeof(s32));
	}
	if (kept)
		iu_log(log, "load: %u helper call(s) out of direct reach; kept through the GOT", kept);
}

/* The functions' names and extents, for func+offset in the error stream. */
static int keep_function_names(struct iu_object *obj, const struct iu_codecheck *cc)
{
	u32 i;

	obj->funcs = kvcalloc(cc->nr_funcs, sizeof(*obj->funcs), GFP_KERNEL);
	if (!obj->funcs)
		return -ENOMEM;
	for (i = 0; i < cc->nr_funcs; i++) {
		obj->funcs[i].start = cc->funcs[i].start;
		obj->funcs[i].size = cc->funcs[i].size;
		strscpy(obj->funcs[i].name, cc->funcs[i].name ?: "?", sizeof(obj->funcs[i].name));
	}
	obj->nr_funcs = cc->nr_funcs;
	return 0;
}

static int protect_image(u8 *img, const struct iu_elf *e)
{
	u64 covered = 0;
	u32 i;
	int err = 0;

	for (i = 0; i < e->nr_segs && !err; i++) {
		const struct iu_seg *s = &e->segs[i];
		u64 start = round_down(s->vaddr, PAGE_SIZE);
		u64 end = round_up(s->vaddr + s->memsz, PAGE_SIZE);
		unsigned long addr = (unsigned long)img + start;
		int pages = (end - start) >> PAGE_SHIFT;

		/* Pages between segments hold nothing: read-only. */
		if (start > covered)
			err = iu_ksyms.set_memory_ro((unsigned long)img + covered,
						     (start - covered) >> PAGE_SHIFT);
		covered = end;
		if (err)
			break;
		switch (s->prot) {
		case IU_SEG_TEXT:
			err = iu_exec_protect((void *)addr, end - start);
			break;
		case IU_SEG_RODATA:
		case IU_SEG_RELRO:
			err = iu_ksyms.set_memory_ro(addr, pages);
			break;
		case IU_SEG_DATA:
			break;
		}
	}
	return err;
}

int iu_load_image(struct iu_object *obj, const struct iu_elf *e, const struct iu_codecheck *cc,
		  struct iu_load_log *log, s64 *reloc_us)
{
	ktime_t start;
	u8 *img;
	u32 i;
	int err;

	img = iu_exec_alloc(e->image_size);
	if (!img) {
		iu_log(log, "load: cannot allocate %llu bytes of executable memory",
		       (unsigned long long)e->image_size);
		return -ENOMEM;
	}
	memset(img, 0, e->image_size);
	iu_elf_load(e, img);
	start = ktime_get();
	err = iu_elf_relocate(e, img, (u64)img, iu_helper_resolve, NULL, &log->log);
	*reloc_us = ktime_us_delta(ktime_get(), start);
	if (err)
		goto fail;
	patch_thunks(img, e, log);
	direct_helper_calls(img, cc, log);
	err = keep_function_names(obj, cc);
	if (err)
		goto fail;
	err = protect_image(img, e);
	if (err) {
		iu_log(log, "load: cannot set page permissions (%d)", err);
		goto fail;
	}
	obj->image = img;
	obj->image_size = e->image_size;
	for (i = 0; i < obj->nr_progs; i++)
		obj->progs[i].entry = (void *)(img + e->progs[i].entry);
	iu_log_info(log, "load: %u program(s), %llu bytes mapped, %u relocations", obj->nr_progs,
		    (unsigned long long)e->image_size, e->nr_rela);
	return 0;
fail:
	iu_exec_free(img);
	return err;
}

void iu_free_image(struct iu_object *obj)
{
	iu_exec_free(obj->image);
	obj->image = NULL;
}
