/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Validation, layout and relocation of iu extension files (docs/abi.md).
 *
 * This core is shared, unchanged, by iu.ko and by user space (unit tests, the
 * libFuzzer target and the toolchain's post-link check), so that what the
 * toolchain signs is exactly what the kernel accepts. It allocates nothing,
 * trusts no byte of the file and reports every refusal through @log.
 */
#ifndef _IU_CORE_ELF_H
#define _IU_CORE_ELF_H

#include "types.h"
#include <linux/iu.h>

#define IU_PAGE_SIZE		4096ULL
#define IU_MAX_IMAGE_SIZE	(16ULL << 20)	/* mapped bytes */
#define IU_MAX_FILE_SIZE	(64ULL << 20)
#define IU_MAX_PROGS		64
#define IU_MAX_SEGS		8
#define IU_MAX_RELOCS		(1U << 20)
#define IU_THUNK_PATCH_SIZE	5	/* jmp rel32 */
/* The common fields of every tracepoint record (struct trace_entry), where
 * the kernel puts a struct pt_regs pointer for BPF programs. */
#define IU_TP_HEADER_SIZE	8
/* The largest tracepoint record (the kernel's PERF_MAX_TRACE_SIZE) and the
 * kprobe context (sizeof(struct pt_regs) on x86-64); iu.ko checks both
 * against the kernel's own at build time. */
#define IU_TP_RECORD_MAX	8192
#define IU_PT_REGS_SIZE		168

/* ---- ELF64 structures (only what the core reads) ---- */
struct iu_ehdr {
	u8 e_ident[16];
	u16 e_type, e_machine;
	u32 e_version;
	u64 e_entry, e_phoff, e_shoff;
	u32 e_flags;
	u16 e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct iu_phdr {
	u32 p_type, p_flags;
	u64 p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

struct iu_shdr {
	u32 sh_name, sh_type;
	u64 sh_flags, sh_addr, sh_offset, sh_size;
	u32 sh_link, sh_info;
	u64 sh_addralign, sh_entsize;
};

struct iu_sym {
	u32 st_name;
	u8 st_info, st_other;
	u16 st_shndx;
	u64 st_value, st_size;
};

struct iu_rela {
	u64 r_offset, r_info;
	s64 r_addend;
};

/* ---- what the core understands ---- */
enum iu_prog_kind {
	IU_PROG_KPROBE,
	IU_PROG_KRETPROBE,
	IU_PROG_TRACEPOINT,
	IU_PROG_KIND_MAX,
};

/* Segment protections after loading. */
enum iu_seg_prot {
	IU_SEG_TEXT,	/* R+X */
	IU_SEG_RODATA,	/* R */
	IU_SEG_RELRO,	/* RW while relocating, then R */
	IU_SEG_DATA,	/* RW */
};

struct iu_seg {
	u64 vaddr, memsz, offset, filesz;
	enum iu_seg_prot prot;
};

struct iu_prog_info {
	u16 shndx;			/* descriptor section */
	enum iu_prog_kind kind;
	const char *sec_name;		/* NUL-terminated, inside the file */
	const char *target;		/* after the "kind/" prefix */
	u32 target_len;			/* kprobes: bytes of the symbol (before any
					 * "+offset"); tracepoints: of the category */
	u32 offset;			/* kprobes: the "+offset", else 0 */
	u64 desc;			/* image offset of the descriptor */
	u64 desc_size;			/* its size (the section's) */
	u64 entry;			/* image offset of the entry point */
	bool entry_set;
	char name[IU_PROG_NAME_LEN];
	u32 stack_size;
	u32 flags;
	u32 ctx_size;			/* bytes of the context the code reads */
};

/* Thunks the toolchain links into the text, re-pointed by the loader at the
 * kernel's own (CPU-specific) speculation thunks. Offsets; 0 = absent. */
struct iu_thunks {
	u64 return_thunk;
	u64 indirect_thunk_r11;
};

struct iu_elf {
	const u8 *data;
	u64 size;
	const struct iu_ehdr *ehdr;
	const struct iu_shdr *shdrs;
	u16 shnum;
	const char *shstrtab;
	u64 shstrtab_size;

	struct iu_seg segs[IU_MAX_SEGS];
	u32 nr_segs;
	u64 image_size;			/* page-rounded span of the segments */
	u64 text_start, text_end;	/* the single executable segment */

	const struct iu_sym *dynsym;
	u32 nr_dynsym;
	const char *dynstr;
	u64 dynstr_size;
	const struct iu_rela *rela;	/* allocated SHT_RELA section */
	u32 nr_rela;

	const char *license;
	struct iu_prog_info progs[IU_MAX_PROGS];
	u32 nr_progs;
	struct iu_thunks thunks;

	/* The toolchain note (IU_NOTE_SECTION): required. */
	bool has_note;
	char toolchain[IU_VERSION_LEN];	/* NUL-terminated version */
	u8 policy[32];
};

/* Messages go through printf-like @vprintf, one line per call, no newline. */
struct iu_log {
	void (*vprintf)(void *ctx, const char *fmt, va_list ap);
	void *ctx;
};

void iu_logf(struct iu_log *log, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Resolve undefined symbol @name for every program kind in @kinds (a bit
 * mask of 1 << enum iu_prog_kind) to an address. Returns 0, or a negative
 * errno after logging why.
 */
typedef int (*iu_resolve_fn)(void *ctx, const char *name, u32 kinds,
			     u64 *addr, struct iu_log *log);

/* Validate the ELF (signature already removed) and describe it in @e. */
int iu_elf_parse(struct iu_elf *e, const void *data, u64 size,
		 struct iu_log *log);

/* Copy the segments into @image (e->image_size bytes, already zeroed). */
void iu_elf_load(const struct iu_elf *e, u8 *image);

/* Every undefined symbol is a helper allowed for every program kind of the
 * file (iu_elf_relocate() checks it too, first). */
int iu_elf_check_symbols(const struct iu_elf *e, iu_resolve_fn resolve, void *resolve_ctx,
			 struct iu_log *log);

/* Apply the dynamic relocations to @image, mapped at address @base. */
int iu_elf_relocate(const struct iu_elf *e, u8 *image, u64 base,
		    iu_resolve_fn resolve, void *resolve_ctx,
		    struct iu_log *log);

/* Bit mask of the program kinds in the file. */
u32 iu_elf_kinds(const struct iu_elf *e);

const char *iu_prog_kind_name(enum iu_prog_kind kind);

/* A toolchain version: "[0-9]+(.[0-9]+)*", each part below 2^32, at most
 * IU_VERSION_LEN - 1 characters. */
bool iu_version_valid(const char *v);
/* <0, 0, >0 as @a is older than, the same as, newer than @b (both valid);
 * missing parts count as 0 ("1.2" == "1.2.0"). */
int iu_version_cmp(const char *a, const char *b);

/* ---- the appended signature (sig.c) ---- */
#define IU_SIG_MARKER		"~Module signature appended~\n"

/*
 * Split a signed file into the signed content and the PKCS#7 blob, in the
 * kernel's module signature format. Returns 0, -ENODATA when the file carries
 * no signature, or -EBADMSG when the trailer is malformed or truncated.
 */
int iu_sig_split(const void *data, u64 size, u64 *content_size,
		 const void **sig, u64 *sig_size, struct iu_log *log);

/* What iu_sig_check_algos() read from the PKCS#7 signature. */
struct iu_sig_info {
	const char *digest;	/* the first signer's: "sha256", "sha384", "sha512" */
	const u8 *sid;		/* its identifier: serial number (issuerAndSerialNumber)
				 * or subjectKeyIdentifier, inside the signature */
	u32 sid_len;
	bool sid_is_skid;
	u32 nr_signers;
};

/*
 * Refuse a PKCS#7 signature (the blob iu_sig_split() found) that names a
 * digest other than SHA-256, SHA-384 or SHA-512, in SignedData's
 * digestAlgorithms or in any SignerInfo, or a signature algorithm other than
 * RSA and RSA/ECDSA with those digests: -ENOPKG, or -EBADMSG when the DER is
 * malformed. Run before the kernel verifies the signature.
 */
int iu_sig_check_algos(const void *sig, u64 sig_size, struct iu_sig_info *info,
		       struct iu_log *log);

#endif /* _IU_CORE_ELF_H */
