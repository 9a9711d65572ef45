// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the extension-file core (module/core), built with
 * clang-16 -fsanitize=fuzzer,address,undefined.
 *
 * Each input goes through what iu.ko does with a file: iu_sig_split() and
 * the PKCS#7 walk of iu_sig_check_algos() on the signature, then
 * iu_elf_parse() on the signed content (on the whole input when there is no
 * well-formed trailer, so that the ELF checks are reached without a valid
 * trailer), and for an accepted file iu_elf_load() and iu_elf_relocate()
 * into an image of image_size bytes with a resolver checking the helper
 * table. The input sits in a heap buffer of exactly its size, so ASan
 * reports any read past the file; the image is exactly image_size bytes.
 *
 * Beyond crashes, an accepted file must satisfy what the module relies on
 * (check_accepted): a violation aborts, and libFuzzer reports it as a crash.
 *
 * The machine-code check (codecheck.c) runs on every file iu_elf_parse()
 * accepts, with allocations through calloc (counted: none may leak), and
 * what it accepts must hold what the loader relies on (check_code). The
 * decoder (x86.c) also decodes the raw input as an instruction stream from
 * every offset of its first 4 KiB.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codecheck.h"
#include "core/elf.h"
#include "core/helpers.h"
#include "core/x86.h"

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

static long live_blocks;

static void *cc_alloc(void *ctx, u64 size)
{
	(void)ctx;
	live_blocks++;
	return calloc(1, size);
}

static void cc_free(void *ctx, void *p)
{
	(void)ctx;
	live_blocks--;
	free(p);
}

/* What the loader relies on in a file the code check accepted. */
static void check_code(const struct iu_elf *e, const struct iu_codecheck *cc)
{
	const u8 *text = NULL;
	u32 i;

	for (i = 0; i < e->nr_segs; i++)
		if (e->segs[i].prot == IU_SEG_TEXT)
			text = e->data + e->segs[i].offset;
	check(text && cc->nr_funcs > 0);
	for (i = 0; i < cc->nr_funcs; i++) {
		const struct iu_cc_func *f = &cc->funcs[i];

		check(f->start >= e->text_start && f->size && f->start + f->size <= e->text_end);
		if (i)
			check(cc->funcs[i - 1].start + cc->funcs[i - 1].size <= f->start);
		check(f->frame <= IU_FRAME_LIMIT);
		check(f->T == IU_CC_NOPATH || f->T <= IU_SEGMENT_LIMIT);
		check(f->A == IU_CC_NOPATH || f->A <= IU_SEGMENT_LIMIT);
		check(f->B == IU_CC_NOPATH || f->B <= IU_SEGMENT_LIMIT);
		check(f->I == IU_CC_NOPATH || f->I <= IU_SEGMENT_LIMIT);
	}
	/* each pair is the exact mov + call/jmp the module rewrites */
	for (i = 0; i < cc->nr_pairs; i++) {
		const struct iu_cc_pair *p = &cc->pairs[i];
		const u8 *b;

		check(p->off >= e->text_start && p->off + 12 <= e->text_end);
		b = text + (p->off - e->text_start);
		check(b[0] == 0x4c && b[1] == 0x8b && b[2] == 0x1d);
		check(b[7] == 0xe8 || (b[7] == 0xe9 && p->kind == IU_CC_PAIR_TAIL));
		check(p->slot % 8 == 0 && p->slot + 8 <= e->image_size);
		check(p->facts & IU_CC_SYM_KNOWN);
		if (i)
			check(cc->pairs[i - 1].off + 12 <= p->off);
	}
	check(cc->nr_progs == e->nr_progs);
	for (i = 0; i < cc->nr_progs; i++) {
		const struct iu_cc_func *f = &cc->funcs[cc->progs[i].func];

		check(cc->progs[i].func < cc->nr_funcs);
		check(f->start == e->progs[i].entry);
		check(cc->progs[i].need + 8 <= IU_STACK_SIZE - IU_STACK_CB_SIZE);
	}
}

/* The decoder never reads past its buffer nor reports an impossible length. */
static void decode_stream(const u8 *buf, size_t size)
{
	size_t off, n = size < 4096 ? size : 4096;

	for (off = 0; off < n; off++) {
		struct iu_x86_insn in;
		const char *why;
		enum iu_x86_status st = iu_x86_decode(buf + off, n - off, off, &in, &why);

		check(in.len >= 1 && in.len <= IU_X86_MAX_INSN && in.len <= n - off);
		check((st == IU_X86_OK) == (why == NULL));
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
		struct iu_sig_info info;

		check(content > 0 && content < size);
		check((const u8 *)sig == buf + content && content + sig_size < size);
		/* the PKCS#7 walk: an accepted signature names what it read */
		if (!iu_sig_check_algos(sig, sig_size, &info, &log)) {
			check(info.nr_signers > 0 && info.digest);
			check(info.sid >= (const u8 *)sig &&
			      info.sid + info.sid_len <= (const u8 *)sig + sig_size);
		}
	} else {
		content = size;
	}
	decode_stream(buf, size);
	if (!iu_elf_parse(&e, buf, content, &log)) {
		struct iu_cc_ops ops = { iu_cc_helper_facts, cc_alloc, cc_free, NULL };
		struct iu_codecheck cc;

		check_accepted(&e, content);
		if (!iu_codecheck(&cc, &e, &ops, &log)) {
			check_code(&e, &cc);
			iu_codecheck_free(&cc, &ops);
		}
		check(live_blocks == 0);
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
