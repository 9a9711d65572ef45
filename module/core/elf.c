// SPDX-License-Identifier: GPL-2.0
/*
 * Extension file validation and relocation, shared by iu.ko and user space.
 *
 * Every offset, size and index read from the file is checked before use with
 * overflow-safe arithmetic; nothing is dereferenced out of bounds even for a
 * hostile file (the fuzz target in tests/fuzz exercises this).
 */
#include "elf.h"

/* ELF constants (the core includes no system elf.h; see types.h). */
#define EI_CLASS	4
#define EI_DATA		5
#define EI_VERSION	6
#define EI_OSABI	7
#define ELFCLASS64	2
#define ELFDATA2LSB	1
#define EV_CURRENT	1
#define ELFOSABI_SYSV	0
#define ELFOSABI_GNU	3
#define ET_DYN		3
#define EM_X86_64	62

#define PT_NULL		0
#define PT_LOAD		1
#define PT_DYNAMIC	2
#define PT_NOTE		4
#define PT_GNU_STACK	0x6474e551
#define PT_GNU_RELRO	0x6474e552
#define PT_GNU_PROPERTY	0x6474e553
#define PF_X		1
#define PF_W		2
#define PF_R		4

#define SHT_NULL	0
#define SHT_PROGBITS	1
#define SHT_SYMTAB	2
#define SHT_STRTAB	3
#define SHT_RELA	4
#define SHT_HASH	5
#define SHT_DYNAMIC	6
#define SHT_NOTE	7
#define SHT_NOBITS	8
#define SHT_REL		9
#define SHT_DYNSYM	11
#define SHT_INIT_ARRAY	14
#define SHT_FINI_ARRAY	15
#define SHT_PREINIT_ARRAY 16
#define SHT_GNU_HASH	0x6ffffff6
#define SHF_WRITE	0x1
#define SHF_ALLOC	0x2
#define SHF_EXECINSTR	0x4
#define SHF_TLS		0x400
#define SHN_UNDEF	0
#define SHN_LORESERVE	0xff00

#define STB_GLOBAL	1
#define STT_NOTYPE	0
#define STT_FUNC	2

#define R_X86_64_NONE		0
#define R_X86_64_64		1
#define R_X86_64_GLOB_DAT	6
#define R_X86_64_JUMP_SLOT	7
#define R_X86_64_RELATIVE	8

#define ELF_R_SYM(i)	((u32)((i) >> 32))
#define ELF_R_TYPE(i)	((u32)(i))
#define ELF_ST_BIND(i)	((i) >> 4)
#define ELF_ST_TYPE(i)	((i) & 0xf)

static const u8 endbr64[4] = { 0xf3, 0x0f, 0x1e, 0xfa };

static const struct {
	const char *prefix;
	enum iu_prog_kind kind;
} prog_kinds[] = {
	{ "kprobe/", IU_PROG_KPROBE },
	{ "kretprobe/", IU_PROG_KRETPROBE },
	{ "tracepoint/", IU_PROG_TRACEPOINT },
};

/* libbpf section names (the part before '/') iu does not (yet) support. */
static const char *const unsupported_kinds[] = {
	"kprobe.multi", "kretprobe.multi", "kprobe.session", "uprobe",
	"uretprobe", "uprobe.multi", "uretprobe.multi", "usdt", "tp", "raw_tp",
	"raw_tracepoint", "raw_tp.w", "tp_btf", "fentry", "fexit", "fmod_ret",
	"fentry.s", "fexit.s", "lsm", "lsm.s", "iter", "iter.s", "perf_event",
	"xdp", "xdp.frags", "tc", "tcx", "netkit", "classifier", "action",
	"socket", "sk_skb", "sk_msg", "sk_lookup", "sk_reuseport", "sockops",
	"cgroup", "cgroup_skb", "flow_dissector", "lwt_in", "lwt_out",
	"lwt_xmit", "lwt_seg6local", "struct_ops", "syscall", "ksyscall",
	"kretsyscall", "freplace", "netfilter",
};

/* As the kernel's license_is_gpl_compatible(). */
static const char *const gpl_licenses[] = {
	"GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL",
	"Dual MIT/GPL", "Dual MPL/GPL",
};

void iu_logf(struct iu_log *log, const char *fmt, ...)
{
	va_list ap;

	if (!log || !log->vprintf)
		return;
	va_start(ap, fmt);
	log->vprintf(log->ctx, fmt, ap);
	va_end(ap);
}

#define refuse(log, err, fmt, ...) ({ iu_logf(log, fmt, ##__VA_ARGS__); (err); })

static bool range_ok(u64 off, u64 len, u64 size)
{
	u64 end;

	return !__builtin_add_overflow(off, len, &end) && end <= size;
}

static u64 page_down(u64 x)
{
	return x & ~(IU_PAGE_SIZE - 1);
}

/* Callers guarantee x is far below 2^64 (bounded by IU_MAX_IMAGE_SIZE). */
static u64 page_up(u64 x)
{
	return (x + IU_PAGE_SIZE - 1) & ~(IU_PAGE_SIZE - 1);
}

/* A NUL-terminated string at @off inside a table of @size bytes, or NULL. */
static const char *str_at(const char *tab, u64 size, u64 off)
{
	if (!tab || off >= size)
		return NULL;
	if (!memchr(tab + off, 0, size - off))
		return NULL;
	return tab + off;
}

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool is_ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/* Characters allowed in a word: identifier characters plus @extra. */
static bool word_ok(const char *s, u64 max, const char *extra)
{
	u64 n = 0;

	for (; *s; s++, n++) {
		if (!is_ident_char(*s) && !(extra && strchr(extra, *s)))
			return false;
	}
	return n > 0 && n <= max;
}

static const struct iu_seg *seg_of(const struct iu_elf *e, u64 addr, u64 len)
{
	u32 i;

	for (i = 0; i < e->nr_segs; i++) {
		const struct iu_seg *s = &e->segs[i];

		if (addr >= s->vaddr && range_ok(addr, len, s->vaddr + s->memsz))
			return s;
	}
	return NULL;
}

const char *iu_prog_kind_name(enum iu_prog_kind kind)
{
	switch (kind) {
	case IU_PROG_KPROBE: return "kprobe";
	case IU_PROG_KRETPROBE: return "kretprobe";
	case IU_PROG_TRACEPOINT: return "tracepoint";
	default: return "?";
	}
}

u32 iu_elf_kinds(const struct iu_elf *e)
{
	u32 i, kinds = 0;

	for (i = 0; i < e->nr_progs; i++)
		kinds |= 1U << e->progs[i].kind;
	return kinds;
}

static int parse_ehdr(struct iu_elf *e, struct iu_log *log)
{
	const struct iu_ehdr *h = e->ehdr;
	const u8 *id = h->e_ident;

	if (id[0] != 0x7f || id[1] != 'E' || id[2] != 'L' || id[3] != 'F')
		return refuse(log, -ENOEXEC, "elf: not an ELF file (bad magic)");
	if (id[EI_CLASS] != ELFCLASS64 || id[EI_DATA] != ELFDATA2LSB)
		return refuse(log, -ENOEXEC, "elf: not a 64-bit little-endian ELF file");
	if (id[EI_VERSION] != EV_CURRENT || h->e_version != EV_CURRENT)
		return refuse(log, -ENOEXEC, "elf: unknown ELF version");
	if (id[EI_OSABI] != ELFOSABI_SYSV && id[EI_OSABI] != ELFOSABI_GNU)
		return refuse(log, -ENOEXEC, "elf: unsupported OS ABI %u", id[EI_OSABI]);
	if (h->e_machine != EM_X86_64)
		return refuse(log, -ENOEXEC, "elf: machine %u is not x86-64", h->e_machine);
	if (h->e_type != ET_DYN)
		return refuse(log, -ENOEXEC,
			      "elf: type %u is not ET_DYN (link the extension with the iu toolchain)",
			      h->e_type);
	if (h->e_ehsize != sizeof(struct iu_ehdr) ||
	    h->e_phentsize != sizeof(struct iu_phdr) ||
	    h->e_shentsize != sizeof(struct iu_shdr))
		return refuse(log, -ENOEXEC, "elf: unexpected header entry sizes");
	if (!h->e_phnum || !range_ok(h->e_phoff, (u64)h->e_phnum * sizeof(struct iu_phdr), e->size))
		return refuse(log, -ENOEXEC, "elf: program headers missing or outside the file");
	if (!h->e_shnum || h->e_shnum >= SHN_LORESERVE ||
	    !range_ok(h->e_shoff, (u64)h->e_shnum * sizeof(struct iu_shdr), e->size))
		return refuse(log, -ENOEXEC, "elf: section headers missing or outside the file");
	if (h->e_phoff % 8 || h->e_shoff % 8)
		return refuse(log, -ENOEXEC, "elf: misaligned header tables");
	if (h->e_shstrndx == SHN_UNDEF || h->e_shstrndx >= h->e_shnum)
		return refuse(log, -ENOEXEC, "elf: bad section name table index");
	return 0;
}

static int parse_phdrs(struct iu_elf *e, struct iu_log *log)
{
	const struct iu_phdr *ph = (const void *)(e->data + e->ehdr->e_phoff);
	const struct iu_phdr *relro = NULL;
	u64 prev_end = 0;
	u32 i, nr_text = 0;

	for (i = 0; i < e->ehdr->e_phnum; i++) {
		const struct iu_phdr *p = &ph[i];
		struct iu_seg *s;
		u64 end;

		switch (p->p_type) {
		case PT_NULL:
		case PT_NOTE:
		case PT_DYNAMIC:
		case PT_GNU_PROPERTY:
			continue;
		case PT_GNU_STACK:
			if (p->p_flags & PF_X)
				return refuse(log, -ENOEXEC, "elf: executable stack requested");
			continue;
		case PT_GNU_RELRO:
			if (relro)
				return refuse(log, -ENOEXEC, "elf: more than one PT_GNU_RELRO");
			relro = p;
			continue;
		case PT_LOAD:
			break;
		default:
			return refuse(log, -ENOEXEC,
				      "elf: program header %u: unsupported type 0x%x (no interpreter, TLS or other segments are allowed)",
				      i, p->p_type);
		}

		if (e->nr_segs == IU_MAX_SEGS)
			return refuse(log, -E2BIG, "elf: more than %u loadable segments", IU_MAX_SEGS);
		if ((p->p_flags & (PF_W | PF_X)) == (PF_W | PF_X))
			return refuse(log, -ENOEXEC,
				      "elf: program header %u: segment is writable and executable", i);
		if (!(p->p_flags & PF_R) || (p->p_flags & ~(PF_R | PF_W | PF_X)))
			return refuse(log, -ENOEXEC, "elf: program header %u: bad flags 0x%x",
				      i, p->p_flags);
		if (p->p_align != IU_PAGE_SIZE || p->p_vaddr % IU_PAGE_SIZE != p->p_offset % IU_PAGE_SIZE)
			return refuse(log, -ENOEXEC,
				      "elf: program header %u: segment not aligned to 4096 bytes", i);
		if (!p->p_memsz || p->p_filesz > p->p_memsz)
			return refuse(log, -ENOEXEC, "elf: program header %u: bad segment sizes", i);
		if (!range_ok(p->p_offset, p->p_filesz, e->size))
			return refuse(log, -ENOEXEC,
				      "elf: program header %u: segment extends past the end of the file", i);
		if (!range_ok(p->p_vaddr, p->p_memsz, IU_MAX_IMAGE_SIZE))
			return refuse(log, -E2BIG,
				      "elf: program header %u: image larger than %llu bytes", i,
				      (unsigned long long)IU_MAX_IMAGE_SIZE);
		if (e->nr_segs && page_down(p->p_vaddr) < prev_end)
			return refuse(log, -ENOEXEC,
				      "elf: program header %u: segments overlap, share a page or are out of order",
				      i);
		end = p->p_vaddr + p->p_memsz;
		prev_end = page_up(end);

		s = &e->segs[e->nr_segs++];
		s->vaddr = p->p_vaddr;
		s->memsz = p->p_memsz;
		s->offset = p->p_offset;
		s->filesz = p->p_filesz;
		if (p->p_flags & PF_X) {
			s->prot = IU_SEG_TEXT;
			e->text_start = p->p_vaddr;
			e->text_end = end;
			nr_text++;
		} else {
			s->prot = (p->p_flags & PF_W) ? IU_SEG_DATA : IU_SEG_RODATA;
		}
	}

	if (nr_text != 1)
		return refuse(log, -ENOEXEC, "elf: expected exactly one executable segment, found %u",
			      nr_text);
	e->image_size = prev_end;

	if (relro) {
		for (i = 0; i < e->nr_segs; i++) {
			struct iu_seg *s = &e->segs[i];

			if (s->prot == IU_SEG_DATA && relro->p_vaddr == s->vaddr &&
			    range_ok(relro->p_vaddr, relro->p_memsz, IU_MAX_IMAGE_SIZE) &&
			    page_up(relro->p_vaddr + relro->p_memsz) == page_up(s->vaddr + s->memsz)) {
				s->prot = IU_SEG_RELRO;
				break;
			}
		}
		if (i == e->nr_segs)
			return refuse(log, -ENOEXEC,
				      "elf: PT_GNU_RELRO must cover exactly one writable segment");
	}
	return 0;
}

/* An allocated section must sit inside a segment whose protection fits it. */
static int check_alloc_section(struct iu_elf *e, u32 idx, const struct iu_shdr *sh,
			       const char *name, struct iu_log *log)
{
	const struct iu_seg *s;

	if (sh->sh_flags & SHF_TLS)
		return refuse(log, -ENOEXEC,
			      "elf: section %s: thread-local storage is not supported", name);
	switch (sh->sh_type) {
	case SHT_INIT_ARRAY:
	case SHT_FINI_ARRAY:
	case SHT_PREINIT_ARRAY:
		return refuse(log, -ENOEXEC,
			      "elf: section %s: static constructors and destructors are not supported",
			      name);
	case SHT_REL:
		return refuse(log, -ENOEXEC,
			      "elf: section %s: REL relocations are not supported (RELA only)", name);
	case SHT_PROGBITS:
	case SHT_NOBITS:
	case SHT_DYNSYM:
	case SHT_STRTAB:
	case SHT_RELA:
	case SHT_HASH:
	case SHT_GNU_HASH:
	case SHT_DYNAMIC:
	case SHT_NOTE:
		break;
	default:
		return refuse(log, -ENOEXEC, "elf: section %s: unsupported allocated section type 0x%x",
			      name, sh->sh_type);
	}
	if (!sh->sh_size)
		return 0;
	s = seg_of(e, sh->sh_addr, sh->sh_size);
	if (!s)
		return refuse(log, -ENOEXEC, "elf: section %u (%s) is outside every loadable segment",
			      idx, name);
	if (sh->sh_type != SHT_NOBITS &&
	    (sh->sh_offset - s->offset != sh->sh_addr - s->vaddr ||
	     !range_ok(sh->sh_addr - s->vaddr, sh->sh_size, s->filesz)))
		return refuse(log, -ENOEXEC, "elf: section %s does not match its segment's file layout",
			      name);
	if ((sh->sh_flags & SHF_EXECINSTR) && s->prot != IU_SEG_TEXT)
		return refuse(log, -ENOEXEC, "elf: section %s: code outside the executable segment",
			      name);
	if (!(sh->sh_flags & SHF_EXECINSTR) && s->prot == IU_SEG_TEXT)
		return refuse(log, -ENOEXEC, "elf: section %s: data inside the executable segment",
			      name);
	if ((sh->sh_flags & SHF_WRITE) && s->prot != IU_SEG_DATA && s->prot != IU_SEG_RELRO)
		return refuse(log, -ENOEXEC, "elf: section %s: writable data in a read-only segment",
			      name);
	return 0;
}

static int parse_symtab_link(struct iu_elf *e, const struct iu_shdr *sh, const char *what,
			     const char **strtab, u64 *strtab_size, struct iu_log *log)
{
	const struct iu_shdr *str;

	if (sh->sh_entsize != sizeof(struct iu_sym) || sh->sh_size % sizeof(struct iu_sym) ||
	    sh->sh_offset % 8)
		return refuse(log, -ENOEXEC, "elf: malformed %s", what);
	if (sh->sh_link >= e->shnum || e->shdrs[sh->sh_link].sh_type != SHT_STRTAB)
		return refuse(log, -ENOEXEC, "elf: %s has no string table", what);
	str = &e->shdrs[sh->sh_link];
	if (!str->sh_size || e->data[str->sh_offset + str->sh_size - 1] != 0)
		return refuse(log, -ENOEXEC, "elf: string table of %s is not terminated", what);
	*strtab = (const char *)e->data + str->sh_offset;
	*strtab_size = str->sh_size;
	return 0;
}

/* Find the thunks the toolchain linked in, by name, in .symtab. */
static int parse_thunks(struct iu_elf *e, const struct iu_shdr *sh, struct iu_log *log)
{
	const struct iu_sym *syms = (const void *)(e->data + sh->sh_offset);
	u64 i, n = sh->sh_size / sizeof(*syms);
	const char *strtab;
	u64 strtab_size;
	int err;

	err = parse_symtab_link(e, sh, ".symtab", &strtab, &strtab_size, log);
	if (err)
		return err;
	for (i = 1; i < n; i++) {
		const char *name = str_at(strtab, strtab_size, syms[i].st_name);
		u64 *slot;

		if (!name)
			return refuse(log, -ENOEXEC, "elf: .symtab entry %llu has a bad name",
				      (unsigned long long)i);
		if (!strcmp(name, "__x86_return_thunk"))
			slot = &e->thunks.return_thunk;
		else if (!strcmp(name, "__x86_indirect_thunk_r11"))
			slot = &e->thunks.indirect_thunk_r11;
		else
			continue;
		if (syms[i].st_shndx == SHN_UNDEF)
			continue;
		/* iu.ko writes a 5-byte jmp over it */
		if (syms[i].st_size < IU_THUNK_PATCH_SIZE)
			return refuse(log, -ENOEXEC, "elf: %s is shorter than the %u bytes patched at load",
				      name, IU_THUNK_PATCH_SIZE);
		if (syms[i].st_value < e->text_start ||
		    !range_ok(syms[i].st_value, IU_THUNK_PATCH_SIZE, e->text_end))
			return refuse(log, -ENOEXEC, "elf: %s is not inside the text", name);
		*slot = syms[i].st_value;
	}
	return 0;
}

bool iu_version_valid(const char *v)
{
	u32 i, digits = 0;
	u64 part = 0;

	for (i = 0; i < IU_VERSION_LEN; i++) {
		char c = v[i];

		if (c >= '0' && c <= '9') {
			part = part * 10 + (c - '0');
			if (part > 0xffffffffULL)
				return false;
			digits++;
			continue;
		}
		if (!digits || (c != '.' && c))
			return false;
		if (!c)
			return true;
		digits = 0;
		part = 0;
	}
	return false;	/* no NUL */
}

/* The next part of a valid version at *@v, advancing past its '.'. */
static u64 version_part(const char **v)
{
	u64 part = 0;

	while (**v >= '0' && **v <= '9')
		part = part * 10 + (*(*v)++ - '0');
	if (**v == '.')
		(*v)++;
	return part;
}

int iu_version_cmp(const char *a, const char *b)
{
	while (*a || *b) {
		u64 x = version_part(&a), y = version_part(&b);

		if (x != y)
			return x < y ? -1 : 1;
	}
	return 0;
}

/*
 * The toolchain note: one ELF note, name "iu", type IU_NOTE_TOOLCHAIN,
 * descriptor struct iu_note_toolchain, nothing else in the section; the
 * version valid and NUL-padded.
 */
static int parse_note(struct iu_elf *e, const struct iu_shdr *sh, struct iu_log *log)
{
	static const u8 name[4] = IU_NOTE_NAME;
	struct iu_note_toolchain d;
	const u8 *p;
	u32 hdr[3];
	u32 i, len;

	if (e->has_note)
		return refuse(log, -ENOEXEC, "elf: more than one %s section", IU_NOTE_SECTION);
	if (sh->sh_type != SHT_NOTE)
		return refuse(log, -ENOEXEC, "elf: %s is not a note section (SHT_NOTE)",
			      IU_NOTE_SECTION);
	if (sh->sh_size != sizeof(hdr) + sizeof(name) + sizeof(d))
		return refuse(log, -ENOEXEC, "elf: %s: %llu bytes, a toolchain note has %zu",
			      IU_NOTE_SECTION, (unsigned long long)sh->sh_size,
			      sizeof(hdr) + sizeof(name) + sizeof(d));
	p = e->data + sh->sh_offset;
	memcpy(hdr, p, sizeof(hdr));
	if (hdr[0] != sizeof(IU_NOTE_NAME) || hdr[1] != sizeof(d) || hdr[2] != IU_NOTE_TOOLCHAIN ||
	    memcmp(p + sizeof(hdr), name, sizeof(name)))
		return refuse(log, -ENOEXEC,
			      "elf: %s: not an \"iu\" toolchain note (name size %u, size %u, type %u)",
			      IU_NOTE_SECTION, hdr[0], hdr[1], hdr[2]);
	memcpy(&d, p + sizeof(hdr) + sizeof(name), sizeof(d));
	if (!iu_version_valid(d.version))
		return refuse(log, -ENOEXEC,
			      "elf: %s: the toolchain version is not of the form 1.2.3", IU_NOTE_SECTION);
	len = strlen(d.version);
	for (i = len; i < sizeof(d.version); i++)
		if (d.version[i])
			return refuse(log, -ENOEXEC, "elf: %s: bytes after the version are not zero",
				      IU_NOTE_SECTION);
	memcpy(e->toolchain, d.version, sizeof(e->toolchain));
	memcpy(e->policy, d.policy, sizeof(e->policy));
	e->has_note = true;
	return 0;
}

static int parse_license(struct iu_elf *e, const struct iu_shdr *sh, struct iu_log *log)
{
	const char *lic;
	u32 i;

	if (sh->sh_type != SHT_PROGBITS || !sh->sh_size)
		return refuse(log, -ENOEXEC, "elf: license section is not a NUL-terminated string");
	lic = (const char *)e->data + sh->sh_offset;
	if (!memchr(lic, 0, sh->sh_size))
		return refuse(log, -ENOEXEC, "elf: license section is not a NUL-terminated string");
	for (i = 0; i < sizeof(gpl_licenses) / sizeof(gpl_licenses[0]); i++) {
		if (!strcmp(lic, gpl_licenses[i])) {
			e->license = lic;
			return 0;
		}
	}
	return refuse(log, -EPERM,
		      "elf: license \"%s\" is not GPL-compatible (iu extensions call GPL-only kernel code)",
		      lic);
}

/*
 * A kprobe target: "<symbol>" or "<symbol>+<offset>" (libbpf's SEC names),
 * the offset in decimal or 0x hex. A return probe takes no offset (libbpf
 * refuses one too). Leading zeros are refused: libbpf would read them as
 * octal.
 */
static int parse_kprobe_target(const char *sec, const char *target, enum iu_prog_kind kind,
			       u32 *sym_len, u32 *offset, struct iu_log *log)
{
	const char *plus = strchr(target, '+');
	u64 len = plus ? (u64)(plus - target) : strlen(target);
	const char *s;
	u64 i, off = 0;
	u32 base = 10;

	for (i = 0; i < len; i++) {
		if (!is_ident_char(target[i]) && target[i] != '.')
			break;
	}
	if (!len || len > 255 || i < len)
		return refuse(log, -EINVAL, "elf: section %s: bad kernel symbol name \"%.*s\"", sec,
			      (int)(len > 255 ? 255 : len), target);
	*sym_len = len;
	if (!plus)
		return 0;
	if (kind == IU_PROG_KRETPROBE)
		return refuse(log, -EINVAL,
			      "elf: section %s: a kretprobe attaches to the function entry: no +offset",
			      sec);
	s = plus + 1;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (i = 0; s[i]; i++) {
		char c = s[i];
		u32 d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (base == 16 && c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (base == 16 && c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			break;
		off = off * base + d;
		if (off > 0xffffffffULL)
			return refuse(log, -EINVAL, "elf: section %s: offset %s is too large", sec,
				      plus + 1);
	}
	if (!i || s[i] || (base == 10 && s[0] == '0' && s[1]))
		return refuse(log, -EINVAL,
			      "elf: section %s: bad offset \"%s\" (decimal without leading zeros, or 0x hex)",
			      sec, plus + 1);
	*offset = off;
	return 0;
}

static int parse_prog(struct iu_elf *e, u32 idx, const struct iu_shdr *sh, const char *sec,
		      enum iu_prog_kind kind, const char *target, struct iu_log *log)
{
	struct iu_prog_desc d;
	struct iu_prog_info *p;
	u32 target_len, offset = 0;
	u64 i;
	int err;

	if (e->nr_progs == IU_MAX_PROGS)
		return refuse(log, -E2BIG, "elf: more than %u programs", IU_MAX_PROGS);
	if (kind == IU_PROG_TRACEPOINT) {
		const char *slash = strchr(target, '/');

		if (!slash || slash == target || !slash[1] || strchr(slash + 1, '/') ||
		    !word_ok(target, 255, "/"))
			return refuse(log, -EINVAL,
				      "elf: section %s: expected tracepoint/<category>/<name>", sec);
		target_len = slash - target;
	} else {
		err = parse_kprobe_target(sec, target, kind, &target_len, &offset, log);
		if (err)
			return err;
	}
	if (sh->sh_type != SHT_PROGBITS || !(sh->sh_flags & SHF_ALLOC) ||
	    (sh->sh_flags & SHF_EXECINSTR) || sh->sh_size < IU_PROG_DESC_SIZE_VER0 ||
	    sh->sh_addr % 8)
		return refuse(log, -ENOEXEC,
			      "elf: section %s is not an allocated, aligned program descriptor", sec);
	/* An older toolchain's shorter descriptor reads as zero past its end. */
	memset(&d, 0, sizeof(d));
	memcpy(&d, e->data + sh->sh_offset, sh->sh_size < sizeof(d) ? sh->sh_size : sizeof(d));
	if (d.size != sh->sh_size)
		return refuse(log, -ENOEXEC,
			      "elf: section %s: descriptor size %u does not match the section (%llu)",
			      sec, d.size, (unsigned long long)sh->sh_size);
	for (i = sizeof(d); i < sh->sh_size; i++) {
		if (e->data[sh->sh_offset + i])
			return refuse(log, -E2BIG,
				      "elf: section %s: descriptor has fields this kernel does not know",
				      sec);
	}
	if (d.reserved)
		return refuse(log, -E2BIG,
			      "elf: section %s: descriptor has fields this kernel does not know", sec);
	if (d.abi != IU_ABI_VERSION)
		return refuse(log, -ENOEXEC, "elf: section %s: ABI version %u, this module speaks %u",
			      sec, d.abi, IU_ABI_VERSION);
	if (!memchr(d.name, 0, sizeof(d.name)) || !word_ok(d.name, IU_PROG_NAME_LEN - 1, "."))
		return refuse(log, -EINVAL, "elf: section %s: bad program name", sec);
	if (d.flags & ~IU_PROG_F_ALL)
		return refuse(log, -EINVAL, "elf: section %s: unknown flags 0x%x", sec, d.flags);
	if (!(d.flags & IU_PROG_F_GUARDED))
		return refuse(log, -EINVAL,
			      "elf: program %s was built without termination and stack checks (build it with toolchain/iu-cc)",
			      d.name);
	/* What the code needs is proven by the code check (codecheck.c), which
	 * also compares it with these claims; here only the range. */
	if (d.stack_size > IU_STACK_SIZE - IU_STACK_CB_SIZE)
		return refuse(log, -E2BIG,
			      "elf: program %s: stack bound %u bytes is above the %u of its stack",
			      d.name, d.stack_size, IU_STACK_SIZE - IU_STACK_CB_SIZE);
	/* The kernel refuses to attach a tracepoint program to an event whose
	 * record is smaller than this (iu.ko makes sure the placeholder says so);
	 * without it nothing would bound what the code reads. */
	if (kind == IU_PROG_TRACEPOINT && !d.ctx_size)
		return refuse(log, -EINVAL,
			      "elf: program %s does not declare the size of the tracepoint record it reads (built by an older toolchain: rebuild it with toolchain/iu-cc)",
			      d.name);
	if (kind == IU_PROG_TRACEPOINT && d.ctx_size < IU_TP_HEADER_SIZE)
		return refuse(log, -EINVAL,
			      "elf: program %s: record size %u is smaller than a tracepoint record's %u-byte header",
			      d.name, d.ctx_size, IU_TP_HEADER_SIZE);
	if (kind == IU_PROG_TRACEPOINT && d.ctx_size > IU_TP_RECORD_MAX)
		return refuse(log, -E2BIG,
			      "elf: program %s: record size %u is above the largest tracepoint record (%u)",
			      d.name, d.ctx_size, IU_TP_RECORD_MAX);
	if (kind != IU_PROG_TRACEPOINT && d.ctx_size > IU_PT_REGS_SIZE)
		return refuse(log, -EINVAL,
			      "elf: program %s reads %u bytes of its context, a struct pt_regs has %u",
			      d.name, d.ctx_size, IU_PT_REGS_SIZE);
	for (i = 0; i < e->nr_progs; i++) {
		if (!strcmp(e->progs[i].sec_name, sec))
			return refuse(log, -EEXIST, "elf: duplicate program section %s", sec);
		if (!strcmp(e->progs[i].name, d.name))
			return refuse(log, -EEXIST, "elf: duplicate program name %s", d.name);
	}

	p = &e->progs[e->nr_progs++];
	p->shndx = idx;
	p->kind = kind;
	p->sec_name = sec;
	p->target = target;
	p->target_len = target_len;
	p->offset = offset;
	p->desc = sh->sh_addr;
	p->desc_size = sh->sh_size;
	memcpy(p->name, d.name, sizeof(p->name));
	p->stack_size = d.stack_size;
	p->flags = d.flags;
	p->ctx_size = d.ctx_size;
	return 0;
}

static int classify_section(struct iu_elf *e, u32 idx, const struct iu_shdr *sh,
			    const char *name, struct iu_log *log)
{
	u64 head;
	u32 k;

	for (k = 0; k < sizeof(prog_kinds) / sizeof(prog_kinds[0]); k++) {
		if (starts_with(name, prog_kinds[k].prefix))
			return parse_prog(e, idx, sh, name, prog_kinds[k].kind,
					  name + strlen(prog_kinds[k].prefix), log);
	}
	if (!strcmp(name, "license"))
		return parse_license(e, sh, log);
	if (!strcmp(name, IU_NOTE_SECTION))
		return parse_note(e, sh, log);
	if (!strcmp(name, ".maps") || !strcmp(name, "maps"))
		return refuse(log, -EOPNOTSUPP, "elf: maps are not supported by ABI version %u",
			      IU_ABI_VERSION);
	if (name[0] == '.')
		return 0;
	head = strchr(name, '/') ? (u64)(strchr(name, '/') - name) : strlen(name);
	for (k = 0; k < sizeof(prog_kinds) / sizeof(prog_kinds[0]); k++) {
		if (strlen(prog_kinds[k].prefix) == head + 1 &&
		    !strncmp(name, prog_kinds[k].prefix, head))
			return refuse(log, -EINVAL,
				      "elf: section %s: a program needs an attach target, as in %s<target>",
				      name, prog_kinds[k].prefix);
	}
	for (k = 0; k < sizeof(unsupported_kinds) / sizeof(unsupported_kinds[0]); k++) {
		if (strlen(unsupported_kinds[k]) == head && !strncmp(name, unsupported_kinds[k], head))
			return refuse(log, -EOPNOTSUPP,
				      "elf: section %s: program type not supported (kprobe, kretprobe and tracepoint are)",
				      name);
	}
	return 0;
}

static int parse_sections(struct iu_elf *e, struct iu_log *log)
{
	const struct iu_shdr *shstr;
	const struct iu_shdr *symtab = NULL, *dynsym_sh = NULL, *rela_sh = NULL;
	u32 i;
	int err;

	e->shdrs = (const void *)(e->data + e->ehdr->e_shoff);
	e->shnum = e->ehdr->e_shnum;

	/* Bounds of every section first: later passes index into them. */
	for (i = 0; i < e->shnum; i++) {
		const struct iu_shdr *sh = &e->shdrs[i];

		if (sh->sh_type != SHT_NOBITS && sh->sh_type != SHT_NULL &&
		    !range_ok(sh->sh_offset, sh->sh_size, e->size))
			return refuse(log, -ENOEXEC, "elf: section %u extends past the end of the file",
				      i);
		if (sh->sh_addralign & (sh->sh_addralign - 1))
			return refuse(log, -ENOEXEC, "elf: section %u: bad alignment", i);
	}
	shstr = &e->shdrs[e->ehdr->e_shstrndx];
	if (shstr->sh_type != SHT_STRTAB || !shstr->sh_size ||
	    e->data[shstr->sh_offset + shstr->sh_size - 1] != 0)
		return refuse(log, -ENOEXEC, "elf: bad section name table");
	e->shstrtab = (const char *)e->data + shstr->sh_offset;
	e->shstrtab_size = shstr->sh_size;

	for (i = 1; i < e->shnum; i++) {
		const struct iu_shdr *sh = &e->shdrs[i];
		const char *name = str_at(e->shstrtab, e->shstrtab_size, sh->sh_name);

		if (!name)
			return refuse(log, -ENOEXEC, "elf: section %u has a bad name", i);
		if (sh->sh_flags & SHF_ALLOC) {
			err = check_alloc_section(e, i, sh, name, log);
			if (err)
				return err;
		}
		switch (sh->sh_type) {
		case SHT_SYMTAB:
			symtab = sh;
			break;
		case SHT_DYNSYM:
			if (dynsym_sh)
				return refuse(log, -ENOEXEC, "elf: more than one .dynsym");
			dynsym_sh = sh;
			break;
		case SHT_RELA:
			if (!(sh->sh_flags & SHF_ALLOC))
				break;	/* static relocations kept by --emit-relocs */
			if (rela_sh)
				return refuse(log, -ENOEXEC,
					      "elf: more than one dynamic relocation section");
			rela_sh = sh;
			break;
		}
		err = classify_section(e, i, sh, name, log);
		if (err)
			return err;
	}

	if (!e->nr_progs)
		return refuse(log, -ENOENT,
			      "elf: no programs (no kprobe/, kretprobe/ or tracepoint/ section)");
	if (!e->license)
		return refuse(log, -EPERM, "elf: no license section");
	if (!e->has_note)
		return refuse(log, -ENOEXEC,
			      "elf: no %s toolchain note (the toolchain version and policy hash iu-finalize writes)",
			      IU_NOTE_SECTION);

	if (dynsym_sh) {
		err = parse_symtab_link(e, dynsym_sh, ".dynsym", &e->dynstr, &e->dynstr_size, log);
		if (err)
			return err;
		e->dynsym = (const void *)(e->data + dynsym_sh->sh_offset);
		e->nr_dynsym = dynsym_sh->sh_size / sizeof(struct iu_sym);
	}
	if (rela_sh && rela_sh->sh_size) {
		if (rela_sh->sh_entsize != sizeof(struct iu_rela) ||
		    rela_sh->sh_size % sizeof(struct iu_rela) || rela_sh->sh_offset % 8)
			return refuse(log, -ENOEXEC, "elf: malformed dynamic relocation section");
		if (!dynsym_sh || &e->shdrs[rela_sh->sh_link] != dynsym_sh)
			return refuse(log, -ENOEXEC, "elf: dynamic relocations without .dynsym");
		if (rela_sh->sh_size / sizeof(struct iu_rela) > IU_MAX_RELOCS)
			return refuse(log, -E2BIG, "elf: more than %u relocations", IU_MAX_RELOCS);
		e->rela = (const void *)(e->data + rela_sh->sh_offset);
		e->nr_rela = rela_sh->sh_size / sizeof(struct iu_rela);
	}
	if (symtab) {
		err = parse_thunks(e, symtab, log);
		if (err)
			return err;
	}
	return 0;
}

static int check_symbol(const struct iu_elf *e, u32 idx, const char **namep, struct iu_log *log)
{
	const struct iu_sym *s;
	const char *name;

	if (!idx || idx >= e->nr_dynsym)
		return refuse(log, -ENOEXEC, "elf: relocation refers to bad symbol %u", idx);
	s = &e->dynsym[idx];
	name = str_at(e->dynstr, e->dynstr_size, s->st_name);
	if (!name || !word_ok(name, 127, NULL))
		return refuse(log, -ENOEXEC, "elf: dynamic symbol %u has a bad name", idx);
	if (s->st_shndx != SHN_UNDEF)
		return refuse(log, -ENOEXEC,
			      "elf: relocation against defined symbol %s (link with -Bsymbolic and hidden visibility)",
			      name);
	if (ELF_ST_BIND(s->st_info) != STB_GLOBAL ||
	    (ELF_ST_TYPE(s->st_info) != STT_NOTYPE && ELF_ST_TYPE(s->st_info) != STT_FUNC))
		return refuse(log, -ENOEXEC,
			      "elf: undefined symbol %s must be a global function (weak and data references are refused)",
			      name);
	*namep = name;
	return 0;
}

/* Check every relocation now, so that relocating cannot fail halfway. */
static int check_relocs(struct iu_elf *e, struct iu_log *log)
{
	u32 i, j;

	for (i = 0; i < e->nr_rela; i++) {
		const struct iu_rela *r = &e->rela[i];
		u32 type = ELF_R_TYPE(r->r_info), sym = ELF_R_SYM(r->r_info);
		const struct iu_seg *s;
		const char *name;
		int err;

		if (!(i & 0xfff))
			iu_cond_resched();
		if (type == R_X86_64_NONE)
			continue;
		s = seg_of(e, r->r_offset, 8);
		if (!s || r->r_offset % 8)
			return refuse(log, -ENOEXEC,
				      "elf: relocation %u: target 0x%llx is outside the image or misaligned",
				      i, (unsigned long long)r->r_offset);
		if (s->prot == IU_SEG_TEXT)
			return refuse(log, -ENOEXEC,
				      "elf: relocation %u: text relocation at 0x%llx (build position-independent code)",
				      i, (unsigned long long)r->r_offset);
		if (s->prot == IU_SEG_RODATA)
			return refuse(log, -ENOEXEC,
				      "elf: relocation %u: target 0x%llx is in a read-only segment",
				      i, (unsigned long long)r->r_offset);

		for (j = 0; j < e->nr_progs; j++) {
			struct iu_prog_info *p = &e->progs[j];
			u64 entry_field = p->desc + __builtin_offsetof(struct iu_prog_desc, entry);

			if (r->r_offset + 8 <= p->desc || r->r_offset >= p->desc + p->desc_size)
				continue;
			if (r->r_offset != entry_field || type != R_X86_64_RELATIVE || p->entry_set)
				return refuse(log, -ENOEXEC,
					      "elf: relocation %u modifies the descriptor of %s", i,
					      p->name);
			p->entry = (u64)r->r_addend;
			p->entry_set = true;
		}

		switch (type) {
		case R_X86_64_RELATIVE:
			if (sym)
				return refuse(log, -ENOEXEC, "elf: relocation %u: RELATIVE with a symbol", i);
			if (r->r_addend < 0 || (u64)r->r_addend > e->image_size)
				return refuse(log, -ENOEXEC,
					      "elf: relocation %u: address 0x%llx is outside the image",
					      i, (unsigned long long)r->r_addend);
			break;
		case R_X86_64_GLOB_DAT:
		case R_X86_64_JUMP_SLOT:
		case R_X86_64_64:
			err = check_symbol(e, sym, &name, log);
			if (err)
				return err;
			if (r->r_addend)
				return refuse(log, -ENOEXEC,
					      "elf: relocation %u: nonzero addend against %s", i, name);
			break;
		default:
			return refuse(log, -ENOEXEC,
				      "elf: relocation %u: unsupported type %u at 0x%llx (RELATIVE, GLOB_DAT, JUMP_SLOT and 64 are)",
				      i, type, (unsigned long long)r->r_offset);
		}
	}
	return 0;
}

static bool overlap(u64 a, u64 alen, u64 b, u64 blen)
{
	return a < b + blen && b < a + alen;
}

/* The bytes patched over a thunk must belong to that thunk alone. */
static int check_thunk(const struct iu_elf *e, u64 at, u64 other, const char *name,
		       struct iu_log *log)
{
	u32 i;

	if (!at)
		return 0;
	if (other && overlap(at, IU_THUNK_PATCH_SIZE, other, IU_THUNK_PATCH_SIZE))
		return refuse(log, -ENOEXEC, "elf: %s overlaps the other thunk", name);
	for (i = 0; i < e->nr_progs; i++) {
		if (overlap(at, IU_THUNK_PATCH_SIZE, e->progs[i].entry, sizeof(endbr64)))
			return refuse(log, -ENOEXEC, "elf: %s overlaps the entry point of %s", name,
				      e->progs[i].name);
	}
	return 0;
}

static int check_entries(struct iu_elf *e, struct iu_log *log)
{
	u32 i;
	int err;

	for (i = 0; i < e->nr_progs; i++) {
		struct iu_prog_info *p = &e->progs[i];
		const struct iu_seg *s;

		if (!p->entry_set)
			return refuse(log, -ENOEXEC, "elf: program %s has no entry point", p->name);
		if (p->entry < e->text_start || !range_ok(p->entry, sizeof(endbr64), e->text_end))
			return refuse(log, -ENOEXEC, "elf: entry point of %s is outside the text",
				      p->name);
		s = seg_of(e, p->entry, sizeof(endbr64));
		if (!s || !range_ok(p->entry - s->vaddr, sizeof(endbr64), s->filesz) ||
		    memcmp(e->data + s->offset + (p->entry - s->vaddr), endbr64, sizeof(endbr64)))
			return refuse(log, -ENOEXEC,
				      "elf: entry point of %s does not start with ENDBR64 (build with -fcf-protection=branch)",
				      p->name);
	}
	err = check_thunk(e, e->thunks.return_thunk, e->thunks.indirect_thunk_r11,
			  "__x86_return_thunk", log);
	if (!err)
		err = check_thunk(e, e->thunks.indirect_thunk_r11, e->thunks.return_thunk,
				  "__x86_indirect_thunk_r11", log);
	return err;
}

int iu_elf_parse(struct iu_elf *e, const void *data, u64 size, struct iu_log *log)
{
	int err;

	memset(e, 0, sizeof(*e));
	e->data = data;
	e->size = size;
	if (size > IU_MAX_FILE_SIZE)
		return refuse(log, -E2BIG, "elf: file larger than %llu bytes",
			      (unsigned long long)IU_MAX_FILE_SIZE);
	if (size < sizeof(struct iu_ehdr) || ((unsigned long)data % 8))
		return refuse(log, -ENOEXEC, "elf: file too small or misaligned in memory");
	e->ehdr = data;

	err = parse_ehdr(e, log);
	if (!err)
		err = parse_phdrs(e, log);
	if (!err)
		err = parse_sections(e, log);
	if (!err)
		err = check_relocs(e, log);
	if (!err)
		err = check_entries(e, log);
	return err;
}

void iu_elf_load(const struct iu_elf *e, u8 *image)
{
	u32 i;

	for (i = 0; i < e->nr_segs; i++)
		memcpy(image + e->segs[i].vaddr, e->data + e->segs[i].offset, e->segs[i].filesz);
}

int iu_elf_check_symbols(const struct iu_elf *e, iu_resolve_fn resolve, void *resolve_ctx,
			 struct iu_log *log)
{
	u32 i, kinds = iu_elf_kinds(e);
	u64 unused;
	int err;

	/* Every undefined symbol must be an allowed helper, used or not. */
	for (i = 1; i < e->nr_dynsym; i++) {
		const struct iu_sym *s = &e->dynsym[i];
		const char *name = str_at(e->dynstr, e->dynstr_size, s->st_name);

		if (s->st_shndx != SHN_UNDEF)
			continue;
		if (!name || !word_ok(name, 127, NULL))
			return refuse(log, -ENOEXEC, "elf: dynamic symbol %u has a bad name", i);
		err = resolve(resolve_ctx, name, kinds, &unused, log);
		if (err)
			return err;
	}
	return 0;
}

int iu_elf_relocate(const struct iu_elf *e, u8 *image, u64 base, iu_resolve_fn resolve,
		    void *resolve_ctx, struct iu_log *log)
{
	u32 i, kinds = iu_elf_kinds(e);
	int err;

	err = iu_elf_check_symbols(e, resolve, resolve_ctx, log);
	if (err)
		return err;

	for (i = 0; i < e->nr_rela; i++) {
		const struct iu_rela *r = &e->rela[i];
		u32 type = ELF_R_TYPE(r->r_info);
		const char *name;
		u64 val;

		if (!(i & 0xfff))
			iu_cond_resched();
		switch (type) {
		case R_X86_64_NONE:
			continue;
		case R_X86_64_RELATIVE:
			val = base + (u64)r->r_addend;
			break;
		default:	/* symbol types, checked by iu_elf_parse() */
			name = e->dynstr + e->dynsym[ELF_R_SYM(r->r_info)].st_name;
			err = resolve(resolve_ctx, name, kinds, &val, log);
			if (err)
				return err;
			break;
		}
		memcpy(image + r->r_offset, &val, sizeof(val));
	}
	return 0;
}
