// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the extension-file core (module/core), built with
 * clang-16 -fsanitize=fuzzer,address,undefined.
 *
 * Each input goes through what iu.ko does with a file: iu_sig_split(), then
 * iu_elf_parse() on the signed content (on the whole input when there is no
 * well-formed trailer, so that the ELF checks are reached without a valid
 * trailer), and for an accepted file iu_elf_load() and iu_elf_relocate()
 * into an image of image_size bytes with a resolver checking the helper
 * table. The input sits in a heap buffer of exactly its size, so ASan
 * reports any read past the file; the image is exactly image_size bytes.
 *
 * Beyond crashes, an accepted file must satisfy what the module relies on
 * (check_accepted): a violation aborts, and libFuzzer reports it as a crash.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/elf.h"
#include "core/helpers.h"

/* As module/helpers.c: the helper table decides (the same core function). */
static int resolve(void *ctx, const char *name, u32 kinds, u64 *addr, struct iu_log *log)
{
	const struct iu_helper_info *h;
	int err = iu_helper_check(name, kinds, &h, log);

	(void)ctx;
	if (!err)
		*addr = 0xffffffff81000000ULL + 0x1000 * (h - iu_helper_table + 1);
	return err;
}

/* Format every message, as the kernel's log does: %s arguments are read
 * (ASan checks them), a bad format or argument shows here. */
static void log_vprintf(void *ctx, const char *fmt, va_list ap)
{
	char line[256];

	(void)ctx;
	vsnprintf(line, sizeof(line), fmt, ap);
	if (getenv("IU_FUZZ_VERBOSE"))
		fprintf(stderr, "log: %s\n", line);
}

#define check(cond)								\
	do {									\
		if (!(cond)) {							\
			fprintf(stderr, "fuzz_core: accepted file violates: %s (%s:%d)\n", \
				#cond, __FILE__, __LINE__);			\
			abort();						\
		}								\
	} while (0)

static const u8 endbr64[4] = { 0xf3, 0x0f, 0x1e, 0xfa };

static const struct iu_seg *seg_at(const struct iu_elf *e, u64 addr, u64 len)
{
	u32 i;

	for (i = 0; i < e->nr_segs; i++)
		if (addr >= e->segs[i].vaddr && addr + len <= e->segs[i].vaddr + e->segs[i].memsz)
			return &e->segs[i];
	return NULL;
}

/* What iu.ko's loader and binder assume of a file iu_elf_parse() accepted. */
static void check_accepted(const struct iu_elf *e, u64 size)
{
	u32 i, j, text = 0;

	check(e->image_size > 0 && e->image_size <= IU_MAX_IMAGE_SIZE);
	check(e->image_size % IU_PAGE_SIZE == 0);
	check(e->nr_segs >= 1 && e->nr_segs <= IU_MAX_SEGS);
	for (i = 0; i < e->nr_segs; i++) {
		const struct iu_seg *s = &e->segs[i];

		check(s->memsz > 0 && s->filesz <= s->memsz);
		check(s->vaddr + s->memsz <= e->image_size);
		check(s->offset + s->filesz <= size);
		if (i)
			check(e->segs[i - 1].vaddr + e->segs[i - 1].memsz <= s->vaddr);
		if (s->prot == IU_SEG_TEXT) {
			text++;
			check(e->text_start == s->vaddr && e->text_end == s->vaddr + s->memsz);
		}
	}
	check(text == 1);
	check(e->license != NULL);
	check(e->nr_progs >= 1 && e->nr_progs <= IU_MAX_PROGS);
	for (i = 0; i < e->nr_progs; i++) {
		const struct iu_prog_info *p = &e->progs[i];
		const struct iu_seg *s;

		check(p->entry_set);
		check(p->entry >= e->text_start && p->entry + 4 <= e->text_end);
		s = seg_at(e, p->entry, 4);
		check(s && s->prot == IU_SEG_TEXT && p->entry + 4 <= s->vaddr + s->filesz);
		check(!memcmp(e->data + s->offset + (p->entry - s->vaddr), endbr64, 4));
		check(p->desc + p->desc_size <= e->image_size);
		check(memchr(p->name, 0, sizeof(p->name)) && p->name[0]);
		check(p->kind < IU_PROG_KIND_MAX);
		check(p->sec_name && p->target);
		for (j = 0; j < i; j++)
			check(strcmp(e->progs[j].name, p->name));
	}
	for (i = 0; i < e->nr_rela; i++) {
		const struct iu_rela *r = &e->rela[i];
		const struct iu_seg *s;

		if ((u32)r->r_info == 0)	/* R_X86_64_NONE */
			continue;
		s = seg_at(e, r->r_offset, 8);
		check(s && r->r_offset % 8 == 0);
		check(s->prot == IU_SEG_DATA || s->prot == IU_SEG_RELRO);
	}
	if (e->thunks.return_thunk)
		check(e->thunks.return_thunk >= e->text_start &&
		      e->thunks.return_thunk + 5 <= e->text_end);
	if (e->thunks.indirect_thunk_r11)
		check(e->thunks.indirect_thunk_r11 >= e->text_start &&
		      e->thunks.indirect_thunk_r11 + 5 <= e->text_end);
	/*
	 * A thunk the loader overwrites with a 5-byte jmp must not cover an
	 * entry point's ENDBR64, nor the other thunk (this fuzzer found the
	 * core did not check it).
	 */
	{
		const u64 t[2] = { e->thunks.return_thunk, e->thunks.indirect_thunk_r11 };

		for (j = 0; j < 2; j++) {
			if (!t[j])
				continue;
			for (i = 0; i < e->nr_progs; i++)
				check(t[j] + 5 <= e->progs[i].entry || e->progs[i].entry + 4 <= t[j]);
		}
		if (t[0] && t[1])
			check(t[0] + 5 <= t[1] || t[1] + 5 <= t[0]);
	}
}

/* Relocation changes only writable segments: text and rodata are the file's. */
static void check_relocated(const struct iu_elf *e, const u8 *image)
{
	u32 i;

	for (i = 0; i < e->nr_segs; i++) {
		const struct iu_seg *s = &e->segs[i];

		if (s->prot == IU_SEG_TEXT || s->prot == IU_SEG_RODATA)
			check(!memcmp(image + s->vaddr, e->data + s->offset, s->filesz));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct iu_elf e;
	struct iu_log log = { log_vprintf, NULL };
	u64 content = size, sig_size;
	const void *sig;
	u8 *buf, *image;

	buf = malloc(size ? size : 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	if (!iu_sig_split(buf, size, &content, &sig, &sig_size, &log)) {
		check(content > 0 && content < size);
		check((const u8 *)sig == buf + content && content + sig_size < size);
	} else {
		content = size;
	}
	if (!iu_elf_parse(&e, buf, content, &log)) {
		check_accepted(&e, content);
		image = calloc(1, e.image_size);
		if (image) {
			iu_elf_load(&e, image);
			if (!iu_elf_relocate(&e, image, 0xffffffffc0000000ULL, resolve, NULL, &log))
				check_relocated(&e, image);
			free(image);
		}
	}
	free(buf);
	return 0;
}
