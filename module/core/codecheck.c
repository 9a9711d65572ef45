// SPDX-License-Identifier: GPL-2.0
/*
 * The machine-code check (codecheck.h, docs/codecheck.md).
 *
 * Passes, each linear (or n log n for the sorts) in the text:
 *   1. functions from .symtab, the two thunks, the GOT slots (relocations);
 *   2. decode every function into nodes: one per instruction, helper-call
 *      pair or guard sequence (stack check point, fuel point); padding;
 *   3. resolve branch targets, then which code is reachable and which
 *      functions return (an incremental worklist over all functions);
 *   4. per function: stack depth, guaranteed room g(p), F1 (the CFG minus
 *      fuel points is acyclic, giving a topological order);
 *   5. call graph: strongly connected components (F2), the graph of calls
 *      at unchecked points (acyclic; need(f) in post-order), the stack rule,
 *      then the work between fuel points (F3) callees first.
 * Nothing recurses: every graph walk keeps its own stack in an array.
 */
#include "codecheck.h"
#include "helpers.h"

#define SHT_SYMTAB		2
#define SHT_STRTAB		3
#define SHN_UNDEF		0
#define SHN_LORESERVE		0xff00
#define STT_FUNC		2
#define R_X86_64_NONE		0
#define R_X86_64_64		1
#define R_X86_64_GLOB_DAT	6
#define R_X86_64_JUMP_SLOT	7
#define ELF_R_SYM(i)		((u32)((i) >> 32))
#define ELF_R_TYPE(i)		((u32)(i))

/* Keeps each pass's frame its own (frames stay small, kernel style). */
#define CC_NOINLINE		__attribute__((__noinline__))

#define NONE			0xffffffffU
#define DEPTH_UNSET		(-0x7fffffff - 1)
#define GK_UNSET		0x7fffffff	/* not visited */
#define GK_UNKNOWN		(-0x7fffffff)	/* a path without a stack check */
#define SAT			(1ULL << 40)	/* instruction counts saturate here */
#define MAX_NAME		255

#define STACK_MASK		(IU_STACK_SIZE - 1)
#define FUEL_DISP		(-(IU_STACK_CB_SIZE - 1))	/* iu_stack_cb.fuel from rsp|MASK */
#define STACK_CHECK_LEN		31
#define FUEL_POINT_LEN		28
#define PAIR_LEN		12
#define COST_GUARD		4	/* instructions a guard sequence runs when it passes */
#define COST_PAIR		2

_Static_assert(STACK_MASK == 0x7fff && FUEL_DISP == -0x3f, "guard sequences encode these");

enum { N_INSN, N_STACK_CHECK, N_FUEL, N_PAIR };
enum {
	F_FALL,		/* next node only */
	F_JCC,		/* local target and next */
	F_JMP,		/* local target */
	F_CALL,		/* function @target, then next if it returns */
	F_TAIL,		/* jmp to function @target */
	F_RET,		/* jmp __x86_return_thunk */
	F_TRAP,
	F_HCALL,	/* helper call (pair @target), then next unless NORETURN */
	F_HTAIL,	/* helper tail call */
};

#define NF_TARGET	0x01	/* a local branch targets it */
#define NF_REACHED	0x02
#define NF_BLOCKED	0x04	/* a call waiting for its callee to return */
#define NF_NOFUEL	0x08	/* reachable from the entry without a fuel point */
#define NF_GREY		0x10	/* DFS: on the stack */
#define NF_BLACK	0x20	/* DFS: done */

struct node {
	u64 addr;		/* image offset; in the fill pass, the raw target */
	u64 dE, dF;		/* F3: instructions since the entry / the last fuel point */
	u32 off;		/* image offset */
	u32 target;		/* node (F_JCC, F_JMP), function (F_CALL, F_TAIL), pair */
	u32 next_blocked;	/* the callee's list of calls waiting for it to return */
	s32 depth;		/* stack depth on entry to the node */
	s32 delta;		/* its stack effect */
	s32 gk;			/* free bytes below the function's entry %rsp, as proven */
	s32 kval;		/* a stack check point: R + its depth */
	u16 room;		/* R of a stack check point */
	u8 len, kind, flow, flags;
};

struct fn {
	u64 start, end;
	const char *name;
	u32 sym;		/* .symtab index (orders aliases) */
	u32 first, nr;		/* its nodes */
	u32 flags;		/* IU_CC_FN_* */
	u32 blocked;		/* calls waiting for it to return */
	u32 index, low, cursor, scc;	/* Tarjan; also the unchecked-call DFS */
	u8 onstack, color;
	u32 nr_checks, nr_fuel, nr_hcalls;
	u32 nord;		/* nodes in its slice of topo[] */
	u32 frame;
	u64 need;
	u64 T, A, B, I;
};

struct slot {
	u64 off;
	u32 type, sym;
};

struct ck {
	const struct iu_elf *e;
	const struct iu_cc_ops *ops;
	struct iu_log *log;
	const u8 *text;		/* file bytes of the text segment */
	u64 tstart, tend;
	const char *strtab;
	u64 strsz;
	struct fn *fns;
	u32 nfns;
	struct node *nodes;
	u32 nnodes;
	struct slot *slots;
	u32 nslots;
	struct iu_cc_pair *pairs;
	u32 npairs;
	u32 *stk, *aux;		/* scratch: max(nnodes, nfns) + 1 entries each */
	u32 *topo;		/* per function (at its first node): F1's post-order */
	u32 *order;		/* SCCs, callees first */
	u64 work;
	u32 ret_thunk, ind_thunk;	/* function indices or NONE */
};

static const u8 ret_thunk_bytes[] = { 0xc3, 0xcc, 0xcc, 0xcc, 0xcc };
static const u8 ind_thunk_bytes[] = {
	0xe8, 0x07, 0x00, 0x00, 0x00,	/* call 1f */
	0xf3, 0x90,			/* 2: pause */
	0x0f, 0xae, 0xe8,		/* lfence */
	0xeb, 0xf9,			/* jmp 2b */
	0x4c, 0x89, 0x1c, 0x24,		/* 1: mov %r11,(%rsp) */
	0xc3,				/* ret */
	0xcc,				/* int3 */
};

/* ---- small utilities ---- */

static void tick(struct ck *c)
{
	if (!(++c->work & 0xfff))
		iu_cond_resched();
}

static void *zalloc(struct ck *c, u64 n, u64 size)
{
	u64 bytes;

	if (!n)
		n = 1;
	if (__builtin_mul_overflow(n, size, &bytes) || bytes > (1ULL << 32))
		return NULL;
	return c->ops->alloc(c->ops->ctx, bytes);
}

static void zfree(struct ck *c, void *p)
{
	if (p)
		c->ops->free(c->ops->ctx, p);
}

static int nomem(struct ck *c)
{
	iu_logf(c->log, "code: out of memory");
	return -ENOMEM;
}

static u64 sadd(u64 a, u64 b)
{
	if (a == IU_CC_NOPATH || b == IU_CC_NOPATH)
		return IU_CC_NOPATH;
	return a + b >= SAT ? SAT : a + b;
}

static u64 smax(u64 a, u64 b)
{
	if (a == IU_CC_NOPATH)
		return b;
	if (b == IU_CC_NOPATH)
		return a;
	return a > b ? a : b;
}

static u32 rd32(const u8 *p) { return p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24; }

/* Heap sort (no recursion, no libc): @less on indices into an array the
 * caller swaps with @swap. */
static void hsort(void *ctx, u32 n, bool (*lt)(void *ctx, u32 a, u32 b),
		  void (*xch)(void *ctx, u32 a, u32 b))
{
	u32 start, end, root, child;

	if (n < 2)
		return;
	for (start = n / 2; start-- > 0;) {
		for (root = start; (child = 2 * root + 1) < n; root = child) {
			if (child + 1 < n && lt(ctx, child, child + 1))
				child++;
			if (!lt(ctx, root, child))
				break;
			xch(ctx, root, child);
		}
	}
	for (end = n - 1; end > 0; end--) {
		xch(ctx, 0, end);
		for (root = 0; (child = 2 * root + 1) < end; root = child) {
			if (child + 1 < end && lt(ctx, child, child + 1))
				child++;
			if (!lt(ctx, root, child))
				break;
			xch(ctx, root, child);
		}
	}
}

static bool fn_less(void *ctx, u32 a, u32 b)
{
	struct fn *f = ((struct ck *)ctx)->fns;

	return f[a].start < f[b].start || (f[a].start == f[b].start && f[a].sym < f[b].sym);
}

static void fn_swap(void *ctx, u32 a, u32 b)
{
	struct fn *f = ((struct ck *)ctx)->fns, t = f[a];

	f[a] = f[b];
	f[b] = t;
}

static bool slot_less(void *ctx, u32 a, u32 b)
{
	struct slot *s = ((struct ck *)ctx)->slots;

	return s[a].off < s[b].off;
}

static void slot_swap(void *ctx, u32 a, u32 b)
{
	struct slot *s = ((struct ck *)ctx)->slots, t = s[a];

	s[a] = s[b];
	s[b] = t;
}

/* "4c 8b 1d 00 10 00 00" of at most 16 bytes, into @buf (>= 52 bytes). */
static const char *hex(char *buf, const u8 *p, u32 len)
{
	static const char digits[] = "0123456789abcdef";
	u32 i, n = len > 16 ? 16 : len;
	char *o = buf;

	for (i = 0; i < n; i++) {
		if (i)
			*o++ = ' ';
		*o++ = digits[p[i] >> 4];
		*o++ = digits[p[i] & 15];
	}
	if (n < len) {
		*o++ = ' ';
		*o++ = '.';
		*o++ = '.';
		*o++ = '.';
	}
	*o = 0;
	return buf;
}

static const u8 *text_at(const struct ck *c, u64 addr)
{
	return c->text + (addr - c->tstart);
}

/* "code: f+0x12: 0f 01 f8: reason" */
static int refuse_at(struct ck *c, const struct fn *f, u64 addr, u32 len, const char *why)
{
	char b[56];

	if (addr + len > c->tend)
		len = c->tend - addr;
	iu_logf(c->log, "code: %.128s+0x%llx: %s: %s", f ? f->name : "(padding)",
		(unsigned long long)(f ? addr - f->start : addr), hex(b, text_at(c, addr), len), why);
	return -ENOEXEC;
}

static int refuse_node(struct ck *c, const struct fn *f, const struct node *n, const char *why)
{
	return refuse_at(c, f, n->addr, n->len, why);
}

static const struct iu_seg *seg_of(const struct iu_elf *e, u64 addr, u64 len)
{
	u32 i;

	for (i = 0; i < e->nr_segs; i++) {
		const struct iu_seg *s = &e->segs[i];

		if (addr >= s->vaddr && addr - s->vaddr <= s->memsz && len <= s->memsz - (addr - s->vaddr))
			return s;
	}
	return NULL;
}

/* The function starting at @addr, or NONE. */
static u32 fn_at(const struct ck *c, u64 addr)
{
	u32 lo = 0, hi = c->nfns;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (c->fns[mid].start < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->nfns && c->fns[lo].start == addr ? lo : NONE;
}

/* The node of @f containing @addr (inside the function), or NONE. */
static u32 node_at(const struct ck *c, const struct fn *f, u64 addr)
{
	u32 lo = f->first, hi = f->first + f->nr;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (c->nodes[mid].addr + c->nodes[mid].len <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < f->first + f->nr && c->nodes[lo].addr <= addr ? lo : NONE;
}

/* First slot with off >= @addr. */
static u32 slot_lb(const struct ck *c, u64 addr)
{
	u32 lo = 0, hi = c->nslots;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (c->slots[mid].off < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool is_sym_reloc(u32 type)
{
	return type == R_X86_64_64 || type == R_X86_64_GLOB_DAT || type == R_X86_64_JUMP_SLOT;
}

/* Does [addr, addr + len) touch a slot relocated against a symbol (the GOT)? */
static bool touches_got(const struct ck *c, u64 addr, u64 len)
{
	u32 i = slot_lb(c, addr >= 7 ? addr - 7 : 0);

	for (; i < c->nslots && c->slots[i].off < addr + len; i++)
		if (c->slots[i].off + 8 > addr && is_sym_reloc(c->slots[i].type))
			return true;
	return false;
}

/* ---- pass 1: functions, thunks, slots ---- */

static bool name_ok(const char *s, u64 room)
{
	u64 n;

	for (n = 0; n < room && s[n]; n++)
		if (s[n] < 0x21 || s[n] > 0x7e || n >= MAX_NAME)
			return false;
	return n > 0 && n < room;
}

static CC_NOINLINE int load_functions(struct ck *c)
{
	const struct iu_elf *e = c->e;
	const struct iu_shdr *symtab = NULL, *str;
	const u8 *base;
	u32 i, nsyms, nf = 0, pass, out;

	for (i = 0; i < e->shnum; i++) {
		if (e->shdrs[i].sh_type != SHT_SYMTAB)
			continue;
		if (symtab) {
			iu_logf(c->log, "code: more than one .symtab");
			return -ENOEXEC;
		}
		symtab = &e->shdrs[i];
	}
	if (!symtab) {
		iu_logf(c->log, "code: no .symtab (the check needs the function symbols: do not strip the file)");
		return -ENOEXEC;
	}
	if (symtab->sh_entsize != sizeof(struct iu_sym) || symtab->sh_size % sizeof(struct iu_sym) ||
	    symtab->sh_size / sizeof(struct iu_sym) > (1U << 24) || symtab->sh_link >= e->shnum ||
	    e->shdrs[symtab->sh_link].sh_type != SHT_STRTAB) {
		iu_logf(c->log, "code: malformed .symtab");
		return -ENOEXEC;
	}
	str = &e->shdrs[symtab->sh_link];
	if (!str->sh_size || e->data[str->sh_offset + str->sh_size - 1]) {
		iu_logf(c->log, "code: .strtab is not terminated");
		return -ENOEXEC;
	}
	c->strtab = (const char *)e->data + str->sh_offset;
	c->strsz = str->sh_size;
	base = e->data + symtab->sh_offset;
	nsyms = symtab->sh_size / sizeof(struct iu_sym);

	/* count, then fill */
	for (pass = 0; pass < 2; pass++) {
		out = 0;
		for (i = 1; i < nsyms; i++) {
			struct iu_sym s;
			const char *name;

			memcpy(&s, base + (u64)i * sizeof(s), sizeof(s));
			if ((s.st_info & 0xf) != STT_FUNC || !s.st_size || s.st_shndx == SHN_UNDEF)
				continue;
			if (!pass) {
				if (s.st_name >= c->strsz || !name_ok(c->strtab + s.st_name, c->strsz - s.st_name)) {
					iu_logf(c->log, "code: .symtab entry %u: bad function name", i);
					return -ENOEXEC;
				}
				name = c->strtab + s.st_name;
				if (s.st_shndx >= SHN_LORESERVE || s.st_value < c->tstart ||
				    s.st_value >= c->tend || s.st_size > c->tend - s.st_value) {
					iu_logf(c->log, "code: function %.128s is not inside the text", name);
					return -ENOEXEC;
				}
				nf++;
				continue;
			}
			c->fns[out].start = s.st_value;
			c->fns[out].end = s.st_value + s.st_size;
			c->fns[out].name = c->strtab + s.st_name;
			c->fns[out].sym = i;
			out++;
		}
		if (!pass) {
			if (!nf) {
				iu_logf(c->log, "code: no function symbols in .symtab");
				return -ENOEXEC;
			}
			c->fns = zalloc(c, nf, sizeof(*c->fns));
			if (!c->fns)
				return nomem(c);
			c->nfns = nf;
		}
	}

	hsort(c, c->nfns, fn_less, fn_swap);
	/* merge aliases, refuse overlaps */
	out = 0;
	for (i = 0; i < c->nfns; i++) {
		struct fn *f = &c->fns[i];

		tick(c);
		if (out && c->fns[out - 1].start == f->start) {
			if (c->fns[out - 1].end != f->end) {
				iu_logf(c->log, "code: aliases %.128s and %.128s have different sizes",
					c->fns[out - 1].name, f->name);
				return -ENOEXEC;
			}
			continue;
		}
		if (out && c->fns[out - 1].end > f->start) {
			iu_logf(c->log, "code: functions %.128s and %.128s overlap",
				c->fns[out - 1].name, f->name);
			return -ENOEXEC;
		}
		c->fns[out++] = *f;
	}
	c->nfns = out;
	for (i = 0; i < c->nfns; i++)
		c->fns[i].blocked = NONE;
	return 0;
}

static int find_thunk(struct ck *c, u64 addr, const char *name, const u8 *bytes, u32 len,
		      u32 flag, u32 *idx)
{
	u32 i;

	*idx = NONE;
	if (!addr)
		return 0;
	i = fn_at(c, addr);
	if (i == NONE) {
		iu_logf(c->log, "code: %s is not a function symbol of the text", name);
		return -ENOEXEC;
	}
	if (c->fns[i].end - c->fns[i].start != len || memcmp(text_at(c, addr), bytes, len)) {
		char b[56];

		iu_logf(c->log, "code: %s: %s: not the expected thunk (the bytes iu_rt links)", name,
			hex(b, text_at(c, addr), c->fns[i].end - c->fns[i].start));
		return -ENOEXEC;
	}
	c->fns[i].flags |= flag | IU_CC_FN_RETURNS;
	*idx = i;
	return 0;
}

static int load_slots(struct ck *c)
{
	const struct iu_elf *e = c->e;
	u32 i, n = 0;

	for (i = 0; i < e->nr_rela; i++)
		if (ELF_R_TYPE(e->rela[i].r_info) != R_X86_64_NONE)
			n++;
	c->slots = zalloc(c, n, sizeof(*c->slots));
	if (!c->slots)
		return nomem(c);
	for (i = 0; i < e->nr_rela; i++) {
		const struct iu_rela *r = &e->rela[i];

		tick(c);
		if (ELF_R_TYPE(r->r_info) == R_X86_64_NONE)
			continue;
		c->slots[c->nslots].off = r->r_offset;
		c->slots[c->nslots].type = ELF_R_TYPE(r->r_info);
		c->slots[c->nslots].sym = ELF_R_SYM(r->r_info);
		c->nslots++;
	}
	hsort(c, c->nslots, slot_less, slot_swap);
	return 0;
}

/* ---- pass 2: decoding ---- */

/*
 * Is @g a GOT slot (8-byte aligned, in RELRO, exactly one GLOB_DAT/JUMP_SLOT/64
 * relocation against an undefined symbol)? Sets the symbol's name.
 */
static const char *got_slot(const struct ck *c, u64 g, const char **sym)
{
	const struct iu_seg *s = seg_of(c->e, g, 8);
	u32 i;

	if (g % 8 || !s || s->prot != IU_SEG_RELRO)
		return "not a GOT slot (an 8-byte aligned, relocated slot of the RELRO segment)";
	i = slot_lb(c, g);
	if (i >= c->nslots || c->slots[i].off != g || !is_sym_reloc(c->slots[i].type))
		return "not a GOT slot (no symbol relocation there)";
	if (i + 1 < c->nslots && c->slots[i + 1].off == g)
		return "GOT slot with more than one relocation";
	/* iu_elf_parse() checked the symbol: undefined, with a valid name */
	*sym = c->e->dynstr + c->e->dynsym[c->slots[i].sym].st_name;
	return NULL;
}

struct match {
	u32 kind, len, room;
	u64 slot;
	const char *sym;
	u32 facts;
	bool tail;
};

/* The helper call inside a guard or pair: mov G(%rip),%r11 at @p (7 bytes),
 * call/jmp at @p + 7. */
static const char *match_call(struct ck *c, u64 addr, const u8 *p, struct match *m)
{
	u64 after = addr + 12;
	const char *why;

	m->slot = addr + 7 + (s64)(s32)rd32(p + 3);
	if (c->ind_thunk == NONE ||
	    after + (s64)(s32)rd32(p + 8) != c->fns[c->ind_thunk].start)
		return "";	/* not a pair */
	m->tail = p[7] == 0xe9;
	why = got_slot(c, m->slot, &m->sym);
	if (why)
		return why;
	m->facts = c->ops->sym_facts(c->ops->ctx, m->sym);
	if (!(m->facts & IU_CC_SYM_KNOWN))
		return "helper call to a symbol the module does not provide";
	return NULL;
}

/*
 * Recognize a guard sequence or helper pair at @addr. Returns NULL and sets
 * m->kind (N_INSN when nothing matched), or a refusal.
 */
static const char *match_guard(struct ck *c, u64 addr, u64 avail, struct match *m)
{
	static const u8 chk[] = { 0x49, 0x89, 0xe3, 0x49, 0x81, 0xe3, 0xff, 0x7f, 0x00, 0x00,
				  0x49, 0x81, 0xfb };
	static const u8 chk2[] = { 0x73, 0x0c, 0x4c, 0x8b, 0x1d };
	static const u8 fuel[] = { 0x49, 0x89, 0xe3, 0x49, 0x81, 0xcb, 0xff, 0x7f, 0x00, 0x00,
				   0x49, 0xff, 0x4b, 0xc1, 0x79, 0x0c, 0x4c, 0x8b, 0x1d };
	static const u8 mov[] = { 0x4c, 0x8b, 0x1d };
	const u8 *p = text_at(c, addr);
	const char *why;

	memset(m, 0, sizeof(*m));
	m->kind = N_INSN;
	if (avail >= STACK_CHECK_LEN && !memcmp(p, chk, sizeof(chk)) &&
	    !memcmp(p + 17, chk2, sizeof(chk2)) && p[26] == 0xe8) {
		s32 room = (s32)rd32(p + 13);

		why = match_call(c, addr + 19, p + 19, m);
		if (why)
			return *why ? why : "stack check point whose call is not to __x86_indirect_thunk_r11";
		if (!(m->facts & IU_CC_SYM_OVERFLOW))
			return "stack check point that does not call iu_rt_stack_overflow";
		if (room < 1 || room > STACK_MASK)
			return "stack check point proving no room (R must be 1..IU_STACK_SIZE-1)";
		m->kind = N_STACK_CHECK;
		m->len = STACK_CHECK_LEN;
		m->room = room;
		return NULL;
	}
	if (avail >= FUEL_POINT_LEN && !memcmp(p, fuel, sizeof(fuel)) && p[23] == 0xe8) {
		why = match_call(c, addr + 16, p + 16, m);
		if (why)
			return *why ? why : "fuel point whose call is not to __x86_indirect_thunk_r11";
		if (!(m->facts & IU_CC_SYM_TICK))
			return "fuel point that does not call iu_rt_tick";
		m->kind = N_FUEL;
		m->len = FUEL_POINT_LEN;
		return NULL;
	}
	if (avail >= PAIR_LEN && !memcmp(p, mov, sizeof(mov)) && (p[7] == 0xe8 || p[7] == 0xe9)) {
		why = match_call(c, addr, p, m);
		if (why && !*why)
			return NULL;	/* an ordinary mov: the GOT rule refuses it */
		if (why)
			return why;
		m->kind = N_PAIR;
		m->len = PAIR_LEN;
	}
	return NULL;
}

/* The rip-relative operand rule. */
static const char *check_rip(const struct ck *c, const struct iu_x86_insn *in)
{
	u64 t = in->rip_target, len = in->mem_size ? in->mem_size : 1;
	const struct iu_seg *s = seg_of(c->e, t, in->mem_size);

	if (!s)
		return "rip-relative operand outside the image";
	if (s->prot == IU_SEG_TEXT)
		return "rip-relative operand pointing into the text";
	if (touches_got(c, t, len))
		return "GOT access outside a helper call";
	return NULL;
}

/* Decode @f into nodes (when @fill) or count them. */
static int sweep(struct ck *c, struct fn *f, bool fill)
{
	u64 addr = f->start;
	u32 n = 0;

	while (addr < f->end) {
		struct node *nd = fill ? &c->nodes[f->first + n] : NULL;
		struct iu_x86_insn in;
		struct match m;
		const char *why;

		tick(c);
		why = match_guard(c, addr, f->end - addr, &m);
		if (why)
			return refuse_at(c, f, addr, m.kind == N_INSN ? 12 : m.len, why);
		if (m.kind != N_INSN) {
			if (fill) {
				struct iu_cc_pair *pr = &c->pairs[c->npairs];

				pr->off = addr + (m.kind == N_STACK_CHECK ? 19 : m.kind == N_FUEL ? 16 : 0);
				pr->slot = m.slot;
				pr->sym = m.sym;
				pr->facts = m.facts;
				pr->kind = m.kind == N_STACK_CHECK ? IU_CC_PAIR_STACK_CHECK :
					   m.kind == N_FUEL ? IU_CC_PAIR_FUEL :
					   m.tail ? IU_CC_PAIR_TAIL : IU_CC_PAIR_CALL;
				nd->addr = addr;
				nd->len = m.len;
				nd->kind = m.kind;
				nd->room = m.room;
				nd->target = c->npairs++;
				nd->flow = m.kind != N_PAIR ? F_FALL : m.tail ? F_HTAIL : F_HCALL;
				if (m.kind == N_STACK_CHECK)
					f->nr_checks++;
				else if (m.kind == N_FUEL)
					f->nr_fuel++;
				else
					f->nr_hcalls++;
			} else {
				c->npairs++;
			}
			addr += m.len;
			n++;
			continue;
		}

		switch (iu_x86_decode(text_at(c, addr), f->end - addr, addr, &in, &why)) {
		case IU_X86_OK:
			break;
		case IU_X86_TRUNCATED:
			return refuse_at(c, f, addr, in.len, "instruction straddles the end of the function");
		default:
			return refuse_at(c, f, addr, in.len, why);
		}
		if (in.stack == IU_X86_SP_OTHER)
			return refuse_at(c, f, addr, in.len,
					 "writes %rsp other than by push/pop, add/sub $imm or lea d(%rsp)");
		if (in.flow == IU_X86_RET)
			return refuse_at(c, f, addr, in.len, "return without the return thunk");
		if (in.rip_rel) {
			why = check_rip(c, &in);
			if (why)
				return refuse_at(c, f, addr, in.len, why);
		}
		if (fill) {
			nd->addr = addr;
			nd->len = in.len;
			nd->kind = N_INSN;
			nd->delta = in.stack == IU_X86_SP_DELTA ? in.sp_delta : 0;
			switch (in.flow) {
			case IU_X86_JCC: nd->flow = F_JCC; break;
			case IU_X86_JMP: nd->flow = F_JMP; break;
			case IU_X86_CALL: nd->flow = F_CALL; break;
			case IU_X86_TRAP: nd->flow = F_TRAP; break;
			default: nd->flow = F_FALL; break;
			}
			/* the raw target until resolve() */
			nd->dE = in.target;
		}
		addr += in.len;
		n++;
	}
	if (!fill)
		f->nr = n;
	return 0;
}

/* Bytes of the text outside every function: int3 or nops only. */
static int check_padding(struct ck *c, u64 from, u64 to)
{
	while (from < to) {
		struct iu_x86_insn in;
		const char *why;

		tick(c);
		if (*text_at(c, from) == 0xcc) {
			from++;
			continue;
		}
		if (iu_x86_decode(text_at(c, from), to - from, from, &in, &why) != IU_X86_OK ||
		    in.cls != IU_X86_C_NOP || in.rip_rel)
			return refuse_at(c, NULL, from, in.len > to - from ? to - from : in.len,
					 "code outside every function (padding must be int3 or nops)");
		from += in.len;
	}
	return 0;
}

static CC_NOINLINE int decode_all(struct ck *c)
{
	u64 total = 0, prev = c->tstart;
	u32 i;
	int err;

	for (i = 0; i < c->nfns; i++) {
		struct fn *f = &c->fns[i];

		err = check_padding(c, prev, f->start);
		if (err)
			return err;
		prev = f->end;
		f->first = total;
		if (f->flags & (IU_CC_FN_RETURN_THUNK | IU_CC_FN_INDIRECT_THUNK))
			continue;
		err = sweep(c, f, false);
		if (err)
			return err;
		total += f->nr;
	}
	err = check_padding(c, prev, c->tend);
	if (err)
		return err;
	c->nnodes = total;
	c->nodes = zalloc(c, total, sizeof(*c->nodes));
	c->pairs = zalloc(c, c->npairs, sizeof(*c->pairs));
	c->stk = zalloc(c, (total > c->nfns ? total : c->nfns) + 1, sizeof(u32));
	c->aux = zalloc(c, (total > c->nfns ? total : c->nfns) + 1, sizeof(u32));
	c->order = zalloc(c, c->nfns, sizeof(u32));
	c->topo = zalloc(c, total, sizeof(u32));
	if (!c->nodes || !c->pairs || !c->stk || !c->aux || !c->order || !c->topo)
		return nomem(c);
	c->npairs = 0;
	for (i = 0; i < c->nfns; i++) {
		if (c->fns[i].flags & (IU_CC_FN_RETURN_THUNK | IU_CC_FN_INDIRECT_THUNK))
			continue;
		err = sweep(c, &c->fns[i], true);
		if (err)
			return err;
	}
	for (i = 0; i < c->nnodes; i++) {
		c->nodes[i].off = c->nodes[i].addr;
		c->nodes[i].depth = DEPTH_UNSET;
		c->nodes[i].gk = GK_UNSET;
		c->nodes[i].next_blocked = NONE;
	}
	return 0;
}

/* ---- pass 3: targets, reachability, returns ---- */

static int resolve(struct ck *c, struct fn *f)
{
	u32 i;

	for (i = f->first; i < f->first + f->nr; i++) {
		struct node *n = &c->nodes[i];
		u64 t = n->dE;
		u32 j;

		n->dE = 0;
		if (n->kind != N_INSN || (n->flow != F_JCC && n->flow != F_JMP && n->flow != F_CALL))
			continue;
		tick(c);
		if (t >= f->start && t < f->end && !(n->flow == F_CALL && t == f->start)) {
			j = node_at(c, f, t);
			if (j == NONE || c->nodes[j].addr != t)
				return refuse_node(c, f, n, j != NONE && c->nodes[j].kind != N_INSN ?
						   "branch into a guard sequence or helper call" :
						   "branch into the middle of an instruction");
			if (n->flow == F_CALL)
				return refuse_node(c, f, n, "call to the inside of a function");
			n->target = j;
			c->nodes[j].flags |= NF_TARGET;
			continue;
		}
		if (n->flow == F_JCC)
			return refuse_node(c, f, n, "conditional jump out of the function");
		j = fn_at(c, t);
		if (j == NONE)
			return refuse_node(c, f, n, t >= c->tstart && t < c->tend ?
					   "branch to the inside of another function" :
					   "branch out of the text");
		if (j == c->ind_thunk)
			return refuse_node(c, f, n,
					   "use of __x86_indirect_thunk_r11 outside a helper call");
		if (j == c->ret_thunk) {
			if (n->flow == F_CALL)
				return refuse_node(c, f, n, "call to __x86_return_thunk");
			n->flow = F_RET;
			continue;
		}
		n->flow = n->flow == F_CALL ? F_CALL : F_TAIL;
		n->target = j;
	}
	return 0;
}

/* Do control and the stack come back after node @n (a call)? */
static bool call_returns(const struct ck *c, const struct node *n)
{
	switch (n->flow) {
	case F_CALL:
		return c->fns[n->target].flags & IU_CC_FN_RETURNS;
	case F_HCALL:
		return !(c->pairs[n->target].facts & IU_CC_SYM_NORETURN);
	case F_FALL:
		return true;	/* guards too: their service call is part of them */
	}
	return false;
}

/* Successors of node @i in @f, with the facts known now. */
static u32 succs(const struct ck *c, const struct fn *f, u32 i, u32 out[2])
{
	const struct node *n = &c->nodes[i];
	u32 k = 0;
	bool next = false;

	switch (n->flow) {
	case F_FALL:
	case F_CALL:
	case F_HCALL:
		next = call_returns(c, n);
		break;
	case F_JCC:
		next = true;
		out[k++] = n->target;
		break;
	case F_JMP:
		out[k++] = n->target;
		break;
	}
	if (next && i + 1 < f->first + f->nr)
		out[k++] = i + 1;
	return k;
}

static void mark_returns(struct ck *c, u32 fi, u32 *wl, u32 *nwl);

static void reach(struct ck *c, u32 i, u32 *wl, u32 *nwl)
{
	if (c->nodes[i].flags & NF_REACHED)
		return;
	c->nodes[i].flags |= NF_REACHED;
	wl[(*nwl)++] = i;
}

/* Function @fi returns: release the calls that waited for it. */
static void mark_returns(struct ck *c, u32 fi, u32 *wl, u32 *nwl)
{
	struct fn *g = &c->fns[fi];
	u32 b;

	if (g->flags & IU_CC_FN_RETURNS)
		return;
	g->flags |= IU_CC_FN_RETURNS;
	for (b = g->blocked; b != NONE; b = c->nodes[b].next_blocked) {
		/* a blocked call or tail jump; its function is in aux[] */
		c->nodes[b].flags &= ~NF_BLOCKED;
		wl[(*nwl)++] = b;	/* processed again, now passable */
	}
	g->blocked = NONE;
}

/*
 * Reachable code of every function from its entry, and which functions
 * return, together: a call passes only once its callee is known to return.
 * Each node enters the worklist when reached and at most once more when
 * its callee turns out to return (after it left the list): linear, and
 * never more than nnodes entries pending.
 */
static CC_NOINLINE void reachability(struct ck *c)
{
	u32 *wl = c->stk, nwl = 0, i, fi;
	u32 *fn_of = c->aux;

	for (fi = 0; fi < c->nfns; fi++) {
		struct fn *f = &c->fns[fi];

		for (i = f->first; i < f->first + f->nr; i++)
			fn_of[i] = fi;
	}
	/* the worklist holds each node at most twice: size it so */
	for (fi = 0; fi < c->nfns; fi++)
		if (c->fns[fi].nr)
			reach(c, c->fns[fi].first, wl, &nwl);
	while (nwl) {
		u32 k, s[2], ns;
		struct node *n;
		struct fn *f;

		i = wl[--nwl];
		n = &c->nodes[i];
		fi = fn_of[i];
		f = &c->fns[fi];
		tick(c);
		if ((n->flow == F_CALL || n->flow == F_TAIL) &&
		    !(c->fns[n->target].flags & IU_CC_FN_RETURNS)) {
			if (!(n->flags & NF_BLOCKED)) {
				n->flags |= NF_BLOCKED;
				n->next_blocked = c->fns[n->target].blocked;
				c->fns[n->target].blocked = i;
			}
			continue;
		}
		switch (n->flow) {
		case F_RET:
		case F_TAIL:
			mark_returns(c, fi, wl, &nwl);
			continue;
		case F_HTAIL:
			if (!(c->pairs[n->target].facts & IU_CC_SYM_NORETURN))
				mark_returns(c, fi, wl, &nwl);
			continue;
		}
		ns = succs(c, f, i, s);
		for (k = 0; k < ns; k++)
			reach(c, s[k], wl, &nwl);
	}
}

static bool falls_through(const struct ck *c, const struct node *n)
{
	switch (n->flow) {
	case F_FALL:
	case F_JCC:
	case F_CALL:
	case F_HCALL:
		return call_returns(c, n);
	}
	return false;
}

/* Traps only where nothing falls into them; nothing falls off the end. */
static int check_layout(struct ck *c, struct fn *f)
{
	u32 i;

	for (i = f->first; i < f->first + f->nr; i++) {
		const struct node *n = &c->nodes[i];

		if (n->flow == F_TRAP &&
		    (i == f->first || (n->flags & NF_TARGET) || falls_through(c, &c->nodes[i - 1])))
			return refuse_node(c, f, n, i == f->first ? "function starts with a trap" :
					   (n->flags & NF_TARGET) ? "branch to a trap" :
					   "trap reachable by falling through");
	}
	if (f->nr) {
		const struct node *last = &c->nodes[f->first + f->nr - 1];

		if ((last->flags & NF_REACHED) && falls_through(c, last))
			return refuse_node(c, f, last, "execution falls off the end of the function");
	}
	return 0;
}

/* ---- pass 4: per function ---- */

static CC_NOINLINE int stack_depth(struct ck *c, struct fn *f)
{
	u32 *st = c->stk, ns = 0, i, k, s[2], cnt;

	if (!f->nr)
		return 0;
	c->nodes[f->first].depth = 0;
	st[ns++] = f->first;
	while (ns) {
		struct node *n;
		s64 out;

		i = st[--ns];
		n = &c->nodes[i];
		tick(c);
		out = (s64)n->depth - n->delta;	/* depth grows as %rsp goes down */
		if (out < 0 || out > IU_FRAME_LIMIT)
			return refuse_node(c, f, n, out < 0 ?
					   "pops above the function's entry stack pointer" :
					   "stack frame larger than IU_FRAME_LIMIT (4096 bytes)");
		if ((u32)out > f->frame)
			f->frame = out;
		if ((n->flow == F_RET || n->flow == F_TAIL || n->flow == F_HTAIL) && n->depth)
			return refuse_node(c, f, n, n->flow == F_TAIL ?
					   "tail call with a nonzero stack depth" :
					   "return with a nonzero stack depth");
		cnt = succs(c, f, i, s);
		for (k = 0; k < cnt; k++) {
			struct node *m = &c->nodes[s[k]];

			if (m->depth == DEPTH_UNSET) {
				m->depth = out;
				st[ns++] = s[k];
			} else if (m->depth != out) {
				iu_logf(c->log, "code: %.128s+0x%llx: stack depth %d on one path, %d on another",
					f->name, (unsigned long long)(m->addr - f->start), m->depth, (int)out);
				return -ENOEXEC;
			}
		}
	}
	return 0;
}

static bool gk_less(void *ctx, u32 a, u32 b)
{
	struct ck *c = ctx;

	return c->nodes[c->aux[a]].kval < c->nodes[c->aux[b]].kval;
}

static void gk_swap(void *ctx, u32 a, u32 b)
{
	struct ck *c = ctx;
	u32 t = c->aux[a];

	c->aux[a] = c->aux[b];
	c->aux[b] = t;
}

/* BFS assigning @val to unassigned nodes from @from's successors (or @from itself). */
static void gk_spread(struct ck *c, struct fn *f, u32 from, bool self, s32 val)
{
	u32 *st = c->stk, ns = 0, k, s[2], cnt;

	if (self) {
		c->nodes[from].gk = val;
		st[ns++] = from;
	} else {
		cnt = succs(c, f, from, s);
		for (k = 0; k < cnt; k++)
			if (c->nodes[s[k]].gk == GK_UNSET) {
				c->nodes[s[k]].gk = val;
				st[ns++] = s[k];
			}
	}
	while (ns) {
		u32 i = st[--ns];

		tick(c);
		if (c->nodes[i].kind == N_STACK_CHECK)
			continue;	/* it proves its own value onward */
		cnt = succs(c, f, i, s);
		for (k = 0; k < cnt; k++)
			if (c->nodes[s[k]].gk == GK_UNSET) {
				c->nodes[s[k]].gk = val;
				st[ns++] = s[k];
			}
	}
}

/*
 * gk(p): the least, over the paths from the entry, of R + depth at the last
 * stack check point (GK_UNKNOWN when a path has none): then g(p) = gk - depth.
 * Sources in increasing order, each spread to what is still unassigned.
 */
static void room(struct ck *c, struct fn *f)
{
	u32 i, nchk = 0;

	if (!f->nr)
		return;
	gk_spread(c, f, f->first, true, GK_UNKNOWN);
	for (i = f->first; i < f->first + f->nr; i++) {
		struct node *n = &c->nodes[i];

		if (n->kind == N_STACK_CHECK && (n->flags & NF_REACHED)) {
			n->kval = (s32)n->room + n->depth;
			c->aux[nchk++] = i;
		}
	}
	hsort(c, nchk, gk_less, gk_swap);
	for (i = 0; i < nchk; i++)
		gk_spread(c, f, c->aux[i], false, c->nodes[c->aux[i]].kval);
}

/*
 * F1: the CFG of reachable nodes without the edges out of fuel points is
 * acyclic. Iterative DFS; topo[] (the function's slice) receives the nodes
 * in post-order, f->nord of them.
 */
static CC_NOINLINE int fuel_acyclic(struct ck *c, struct fn *f)
{
	u32 *st = c->stk, ns = 0, i, root;

	f->nord = 0;
	for (root = f->first; root < f->first + f->nr; root++) {
		if (!(c->nodes[root].flags & NF_REACHED) || (c->nodes[root].flags & (NF_GREY | NF_BLACK)))
			continue;
		c->nodes[root].flags |= NF_GREY;
		c->nodes[root].dF = 0;	/* cursor: successors done */
		st[ns++] = root;
		while (ns) {
			struct node *n;
			u32 s[2], cnt;

			i = st[ns - 1];
			n = &c->nodes[i];
			tick(c);
			cnt = n->kind == N_FUEL ? 0 : succs(c, f, i, s);
			if (n->dF < cnt) {
				u32 j = s[n->dF++];
				struct node *m = &c->nodes[j];

				if (m->flags & NF_GREY) {
					char b[56];

					iu_logf(c->log, "code: %.128s+0x%llx: %s: loop without a fuel point (back edge from +0x%llx)",
						f->name, (unsigned long long)(m->addr - f->start),
						hex(b, text_at(c, m->addr), m->len),
						(unsigned long long)(n->addr - f->start));
					return -ENOEXEC;
				}
				if (!(m->flags & NF_BLACK)) {
					m->flags |= NF_GREY;
					m->dF = 0;
					st[ns++] = j;
				}
				continue;
			}
			n->flags = (n->flags & ~NF_GREY) | NF_BLACK;
			c->topo[f->first + f->nord++] = i;
			ns--;
		}
	}
	return 0;
}

/* Nodes reachable from the entry without a fuel point of this function (F2). */
static void fuel_free(struct ck *c, struct fn *f)
{
	u32 *st = c->stk, ns = 0;

	if (!f->nr)
		return;
	c->nodes[f->first].flags |= NF_NOFUEL;
	st[ns++] = f->first;
	while (ns) {
		u32 i = st[--ns], s[2], cnt, k;

		tick(c);
		if (c->nodes[i].kind == N_FUEL)
			continue;
		cnt = succs(c, f, i, s);
		for (k = 0; k < cnt; k++)
			if (!(c->nodes[s[k]].flags & NF_NOFUEL)) {
				c->nodes[s[k]].flags |= NF_NOFUEL;
				st[ns++] = s[k];
			}
	}
}

/* ---- pass 5: the call graph ---- */

static bool is_call(const struct node *n)
{
	return (n->flow == F_CALL || n->flow == F_TAIL) && (n->flags & NF_REACHED);
}

/* Tarjan's SCCs, iteratively; c->order gets functions callees first. */
static CC_NOINLINE void sccs(struct ck *c)
{
	u32 *st = c->stk, *cs = c->aux, ns = 0, ncs = 0, idx = 1, nord = 0, root, nscc = 0;

	for (root = 0; root < c->nfns; root++) {
		if (c->fns[root].index)
			continue;
		c->fns[root].index = c->fns[root].low = idx++;
		c->fns[root].cursor = c->fns[root].first;
		c->fns[root].onstack = 1;
		st[ns++] = root;
		cs[ncs++] = root;
		while (ncs) {
			u32 v = cs[ncs - 1];
			struct fn *f = &c->fns[v];

			tick(c);
			if (f->cursor < f->first + f->nr) {
				struct node *n = &c->nodes[f->cursor++];
				struct fn *g;

				if (!is_call(n))
					continue;
				g = &c->fns[n->target];
				if (!g->index) {
					g->index = g->low = idx++;
					g->cursor = g->first;
					g->onstack = 1;
					st[ns++] = n->target;
					cs[ncs++] = n->target;
				} else if (g->onstack && g->index < f->low) {
					f->low = g->index;
				}
				continue;
			}
			ncs--;
			if (ncs && f->low < c->fns[cs[ncs - 1]].low)
				c->fns[cs[ncs - 1]].low = f->low;
			if (f->low == f->index) {
				u32 w, size = 0, first = nord;

				do {
					w = st[--ns];
					c->fns[w].onstack = 0;
					c->fns[w].scc = nscc;
					c->order[nord++] = w;
					size++;
				} while (w != v);
				/* cyclic: more than one member, or a call to itself */
				for (w = first; w < nord; w++) {
					struct fn *m = &c->fns[c->order[w]];
					u32 i;

					if (size > 1) {
						m->flags |= IU_CC_FN_RECURSIVE;
						continue;
					}
					for (i = m->first; i < m->first + m->nr; i++)
						if (is_call(&c->nodes[i]) &&
						    c->nodes[i].target == c->order[w])
							m->flags |= IU_CC_FN_RECURSIVE;
				}
				nscc++;
			}
		}
	}
}

/* F2: in a cyclic SCC, every call to a member is dominated by a fuel point. */
static int check_f2(struct ck *c, struct fn *f)
{
	u32 i;

	if (!(f->flags & IU_CC_FN_RECURSIVE))
		return 0;
	for (i = f->first; i < f->first + f->nr; i++) {
		const struct node *n = &c->nodes[i];

		if (is_call(n) && c->fns[n->target].scc == f->scc && (n->flags & NF_NOFUEL))
			return refuse_node(c, f, n, "recursive call not dominated by a fuel point");
	}
	return 0;
}

static bool unchecked(const struct node *n)
{
	return n->gk == GK_UNKNOWN;
}

/* Stack a point needs below its %rsp (the callee's need for calls). */
static u64 callneed(const struct ck *c, const struct node *n)
{
	switch (n->flow) {
	case F_CALL:
		return 8 + c->fns[n->target].need;
	case F_TAIL:
		return c->fns[n->target].need;
	case F_HCALL:
	case F_HTAIL:
		return 8 + IU_HELPER_STACK;
	}
	if (n->kind == N_STACK_CHECK || n->kind == N_FUEL)
		return 8 + IU_HELPER_STACK;	/* their service call */
	return IU_HELPER_STACK;		/* an interrupt or exception, here */
}

static void compute_need(struct ck *c, struct fn *f)
{
	u32 i;

	f->need = 0;
	for (i = f->first; i < f->first + f->nr; i++) {
		const struct node *n = &c->nodes[i];
		u64 v;

		if (!(n->flags & NF_REACHED) || !unchecked(n))
			continue;
		v = (u64)n->depth + callneed(c, n);
		if (v > f->need)
			f->need = v < SAT ? v : SAT;
	}
}

/*
 * Calls at unchecked points form an acyclic graph (else: recursion without a
 * stack check); need() in post-order over it.
 */
static CC_NOINLINE int unchecked_calls(struct ck *c)
{
	u32 *st = c->stk, ns = 0, root, i;

	for (i = 0; i < c->nfns; i++)
		c->fns[i].color = 0;
	for (root = 0; root < c->nfns; root++) {
		if (c->fns[root].color)
			continue;
		c->fns[root].color = 1;
		c->fns[root].cursor = c->fns[root].first;
		st[ns++] = root;
		while (ns) {
			struct fn *f = &c->fns[st[ns - 1]];

			tick(c);
			if (f->cursor < f->first + f->nr) {
				struct node *n = &c->nodes[f->cursor++];
				struct fn *g;

				if (!is_call(n) || !unchecked(n))
					continue;
				g = &c->fns[n->target];
				if (g->color == 1) {
					char path[200];
					u32 k = ns, len = 0, from;

					/* the cycle: g ... f on the stack, then g */
					while (k > 0 && st[k - 1] != n->target)
						k--;
					from = k - 1;
					path[0] = 0;
					for (k = from; k < ns && len < sizeof(path) - 80; k++) {
						const char *nm = c->fns[st[k]].name;
						u32 l = strlen(nm);

						if (l > 60)
							l = 60;
						memcpy(path + len, nm, l);
						len += l;
						memcpy(path + len, " -> ", 4);
						len += 4;
					}
					if (k < ns) {
						memcpy(path + len, "... -> ", 7);
						len += 7;
					}
					path[len] = 0;
					iu_logf(c->log, "code: %.128s+0x%llx: recursion without a stack check: %s%.60s",
						f->name, (unsigned long long)(n->addr - f->start), path, g->name);
					return -ENOEXEC;
				}
				if (!g->color) {
					g->color = 1;
					g->cursor = g->first;
					st[ns++] = n->target;
				}
				continue;
			}
			compute_need(c, f);
			f->color = 2;
			ns--;
		}
	}
	return 0;
}

/* Where the room is proven, the point must fit in it. */
static int check_room(struct ck *c, struct fn *f)
{
	u32 i;

	for (i = f->first; i < f->first + f->nr; i++) {
		const struct node *n = &c->nodes[i];
		s64 g;
		u64 need;

		if (!(n->flags & NF_REACHED) || unchecked(n))
			continue;
		g = (s64)n->gk - n->depth;
		need = callneed(c, n);
		if (g < 0 || (u64)g < need) {
			iu_logf(c->log, "code: %.128s+0x%llx: needs %llu bytes of stack, the stack check before it proves %lld",
				f->name, (unsigned long long)(n->addr - f->start),
				(unsigned long long)need, (long long)g);
			return -ENOEXEC;
		}
	}
	return 0;
}

/*
 * F3 for @f, with its callees' summaries (callees in the same cyclic SCC:
 * their B counts 0, see docs/codecheck.md; their T and A are from the
 * previous round). topo[] holds the post-order from F1.
 */
static CC_NOINLINE void segments(struct ck *c, struct fn *f)
{
	u32 i, k, s[2], cnt;
	u64 T = IU_CC_NOPATH, A = IU_CC_NOPATH, B = IU_CC_NOPATH, I = IU_CC_NOPATH;

	if (!f->nr)
		goto out;
	for (i = f->first; i < f->first + f->nr; i++) {
		c->nodes[i].dE = IU_CC_NOPATH;
		c->nodes[i].dF = IU_CC_NOPATH;
	}
	for (i = f->first; i < f->first + f->nr; i++) {
		struct node *n = &c->nodes[i];

		if (n->kind != N_FUEL || !(n->flags & NF_REACHED))
			continue;
		cnt = succs(c, f, i, s);
		for (k = 0; k < cnt; k++)
			c->nodes[s[k]].dF = smax(c->nodes[s[k]].dF, 0);
	}
	c->nodes[f->first].dE = 0;
	/* reverse post-order of F1's DFS: a topological order */
	for (k = f->nord; k-- > 0;) {
		struct node *n;
		u64 oE, oF;
		u32 j;

		i = c->topo[f->first + k];
		n = &c->nodes[i];
		tick(c);
		switch (n->kind) {
		case N_FUEL:
			A = smax(A, sadd(n->dE, 1));
			I = smax(I, sadd(n->dF, 1));
			continue;	/* its successor starts a segment (set above) */
		case N_STACK_CHECK:
			oE = sadd(n->dE, COST_GUARD);
			oF = sadd(n->dF, COST_GUARD);
			break;
		default:
			oE = sadd(n->dE, n->kind == N_PAIR ? COST_PAIR : 1);
			oF = sadd(n->dF, n->kind == N_PAIR ? COST_PAIR : 1);
			break;
		}
		if (n->flow == F_CALL || n->flow == F_TAIL) {
			const struct fn *g = &c->fns[n->target];
			bool same = g->scc == f->scc && (f->flags & IU_CC_FN_RECURSIVE);
			/* a member of the same recursion: only this frame's part
			 * of the unwinding counts (docs/codecheck.md) */
			u64 gB = !same ? g->B : (g->flags & IU_CC_FN_RETURNS) ? 0 : IU_CC_NOPATH;

			A = smax(A, sadd(oE, g->A));
			I = smax(I, sadd(oF, g->A));
			oE = sadd(oE, g->T);
			oF = smax(sadd(oF, g->T), gB);
		}
		switch (n->flow) {
		case F_RET:
		case F_TAIL:
			T = smax(T, oE);
			B = smax(B, oF);
			continue;
		case F_HTAIL:
			if (!(c->pairs[n->target].facts & IU_CC_SYM_NORETURN)) {
				T = smax(T, oE);
				B = smax(B, oF);
			}
			continue;
		}
		cnt = succs(c, f, i, s);
		for (j = 0; j < cnt; j++) {
			struct node *m = &c->nodes[s[j]];

			m->dE = smax(m->dE, oE);
			m->dF = smax(m->dF, oF);
		}
	}
out:
	f->T = T;
	f->A = A;
	f->B = B;
	f->I = I;
}

static int check_segments(struct ck *c, const struct fn *f)
{
	static const char *const what[] = {
		"entry to return", "entry to the first fuel point", "last fuel point to return",
		"fuel point to fuel point",
	};
	const u64 v[4] = { f->T, f->A, f->B, f->I };
	u32 k;

	for (k = 0; k < 4; k++) {
		if (v[k] != IU_CC_NOPATH && v[k] > IU_SEGMENT_LIMIT) {
			iu_logf(c->log, "code: %.128s: %s%llu instructions from %s without a fuel point (IU_SEGMENT_LIMIT is %u)",
				f->name, v[k] >= SAT ? "over " : "", (unsigned long long)v[k], what[k],
				IU_SEGMENT_LIMIT);
			return -ENOEXEC;
		}
	}
	return 0;
}

static bool is_thunk(const struct fn *f)
{
	return f->flags & (IU_CC_FN_RETURN_THUNK | IU_CC_FN_INDIRECT_THUNK);
}

static CC_NOINLINE int per_function(struct ck *c)
{
	u32 fi;
	int err;

	for (fi = 0; fi < c->nfns; fi++) {
		struct fn *f = &c->fns[fi];
		if (is_thunk(f))
			continue;
		err = check_layout(c, f);
		if (!err)
			err = stack_depth(c, f);
		if (err)
			return err;
		room(c, f);
		err = fuel_acyclic(c, f);
		if (err)
			return err;
		fuel_free(c, f);
	}
	return 0;
}

/* ---- the whole check ---- */

static CC_NOINLINE int run(struct ck *c, struct iu_codecheck *cc)
{
	const struct iu_elf *e = c->e;
	u32 i, fi;
	int err;

	for (i = 0; i < e->nr_segs; i++) {
		if (e->segs[i].prot != IU_SEG_TEXT)
			continue;
		if (e->segs[i].filesz != e->segs[i].memsz) {
			iu_logf(c->log, "code: the text segment has bytes that are not in the file");
			return -ENOEXEC;
		}
		c->text = e->data + e->segs[i].offset;
		c->tstart = e->segs[i].vaddr;
		c->tend = e->segs[i].vaddr + e->segs[i].memsz;
	}
	if (!c->text || c->tend > 0xffffffffULL) {
		iu_logf(c->log, "code: no text segment");
		return -ENOEXEC;
	}
	err = load_functions(c);
	if (!err)
		err = find_thunk(c, e->thunks.return_thunk, "__x86_return_thunk", ret_thunk_bytes,
				 sizeof(ret_thunk_bytes), IU_CC_FN_RETURN_THUNK, &c->ret_thunk);
	if (!err)
		err = find_thunk(c, e->thunks.indirect_thunk_r11, "__x86_indirect_thunk_r11",
				 ind_thunk_bytes, sizeof(ind_thunk_bytes), IU_CC_FN_INDIRECT_THUNK,
				 &c->ind_thunk);
	if (!err)
		err = load_slots(c);
	if (!err)
		err = decode_all(c);
	for (fi = 0; !err && fi < c->nfns; fi++)
		err = resolve(c, &c->fns[fi]);
	if (err)
		return err;
	reachability(c);
	err = per_function(c);
	if (err)
		return err;
	sccs(c);
	for (fi = 0; !err && fi < c->nfns; fi++)
		err = check_f2(c, &c->fns[fi]);
	if (!err)
		err = unchecked_calls(c);
	for (fi = 0; !err && fi < c->nfns; fi++)
		err = check_room(c, &c->fns[fi]);
	if (err)
		return err;

	/* F3, SCC by SCC, callees first; cyclic SCCs twice (T and A first) */
	for (fi = 0; fi < c->nfns; fi++)
		c->fns[fi].T = c->fns[fi].A = c->fns[fi].B = c->fns[fi].I = IU_CC_NOPATH;
	for (i = 0; i < c->nfns;) {
		u32 j = i, k, round;
		u32 scc = c->fns[c->order[i]].scc;

		while (j < c->nfns && c->fns[c->order[j]].scc == scc)
			j++;
		for (round = 0; round < 2; round++) {
			for (k = i; k < j; k++)
				if (!is_thunk(&c->fns[c->order[k]]))
					segments(c, &c->fns[c->order[k]]);
			if (!(c->fns[c->order[i]].flags & IU_CC_FN_RECURSIVE))
				break;
		}
		for (k = i; k < j && !err; k++)
			if (!is_thunk(&c->fns[c->order[k]]))
				err = check_segments(c, &c->fns[c->order[k]]);
		if (err)
			return err;
		i = j;
	}

	/* which functions reach recursion, fuel points, services: callees
	 * first, so one pass (a cycle reaches recursion and, F2, a fuel point
	 * in each member). Every node of a function counts, reached or not. */
	for (i = 0; i < c->nfns; i++) {
		const u32 up = IU_CC_FN_REACHES_RECURSION | IU_CC_FN_REACHES_FUEL |
			       IU_CC_FN_REACHES_SERVICE;
		struct fn *f = &c->fns[c->order[i]];
		u32 k;

		tick(c);
		if (f->flags & IU_CC_FN_RECURSIVE)
			f->flags |= IU_CC_FN_REACHES_RECURSION;
		if (f->nr_fuel)
			f->flags |= IU_CC_FN_REACHES_FUEL | IU_CC_FN_REACHES_SERVICE;
		if (f->nr_checks)
			f->flags |= IU_CC_FN_REACHES_SERVICE;
		for (k = f->first; k < f->first + f->nr; k++) {
			const struct node *n = &c->nodes[k];

			if (n->kind != N_INSN && (c->pairs[n->target].facts & IU_CC_SYM_SERVICE))
				f->flags |= IU_CC_FN_REACHES_SERVICE;
			if (is_call(n))
				f->flags |= c->fns[n->target].flags & up;
		}
	}

	/* programs */
	for (i = 0; i < e->nr_progs; i++) {
		const struct iu_prog_info *p = &e->progs[i];

		fi = fn_at(c, p->entry);
		if (fi == NONE || is_thunk(&c->fns[fi])) {
			iu_logf(c->log, "code: entry point of %s is not the start of a function", p->name);
			return -ENOEXEC;
		}
		if (c->fns[fi].need + 8 > IU_STACK_SIZE - IU_STACK_CB_SIZE) {
			iu_logf(c->log, "code: program %s needs %llu bytes of stack without a stack check, more than the %u of its stack",
				p->name, (unsigned long long)c->fns[fi].need + 8,
				IU_STACK_SIZE - IU_STACK_CB_SIZE);
			return -ENOEXEC;
		}
		cc->progs[i].func = fi;
		cc->progs[i].need = c->fns[fi].need;
		cc->progs[i].recursive = !!(c->fns[fi].flags & IU_CC_FN_REACHES_RECURSION);
		cc->progs[i].fuel = !!(c->fns[fi].flags & IU_CC_FN_REACHES_FUEL);
		cc->progs[i].services = !!(c->fns[fi].flags & IU_CC_FN_REACHES_SERVICE);
	}
	cc->nr_progs = e->nr_progs;
	return 0;
}

int iu_codecheck(struct iu_codecheck *cc, const struct iu_elf *e, const struct iu_cc_ops *ops,
		 struct iu_log *log)
{
	struct ck *ckp;
	u32 i;
	int err;

	memset(cc, 0, sizeof(*cc));
	/* the state lives on the heap: small frames */
	ckp = ops->alloc(ops->ctx, sizeof(*ckp));
	if (!ckp) {
		iu_logf(log, "code: out of memory");
		return -ENOMEM;
	}
	ckp->e = e;
	ckp->ops = ops;
	ckp->log = log;
	ckp->ret_thunk = NONE;
	ckp->ind_thunk = NONE;
	err = run(ckp, cc);
	if (!err) {
		cc->funcs = zalloc(ckp, ckp->nfns, sizeof(*cc->funcs));
		if (!cc->funcs)
			err = nomem(ckp);
	}
	if (!err) {
		for (i = 0; i < ckp->nfns; i++) {
			const struct fn *f = &ckp->fns[i];
			struct iu_cc_func *o = &cc->funcs[i];

			o->start = f->start;
			o->size = f->end - f->start;
			o->name = f->name;
			o->flags = f->flags;
			o->nr_insns = f->nr;
			o->nr_stack_checks = f->nr_checks;
			o->nr_fuel_points = f->nr_fuel;
			o->nr_helper_calls = f->nr_hcalls;
			o->frame = f->frame;
			o->need = is_thunk(f) ? 0 : f->need;
			o->T = is_thunk(f) ? IU_CC_NOPATH : f->T;
			o->A = is_thunk(f) ? IU_CC_NOPATH : f->A;
			o->B = is_thunk(f) ? IU_CC_NOPATH : f->B;
			o->I = is_thunk(f) ? IU_CC_NOPATH : f->I;
		}
		cc->nr_funcs = ckp->nfns;
		cc->pairs = ckp->pairs;
		cc->nr_pairs = ckp->npairs;
		ckp->pairs = NULL;
		cc->nr_insns = ckp->nnodes;
	}
	cc->work = ckp->work;
	zfree(ckp, ckp->fns);
	zfree(ckp, ckp->nodes);
	zfree(ckp, ckp->slots);
	zfree(ckp, ckp->pairs);
	zfree(ckp, ckp->stk);
	zfree(ckp, ckp->aux);
	zfree(ckp, ckp->order);
	zfree(ckp, ckp->topo);
	ops->free(ops->ctx, ckp);
	if (err)
		iu_codecheck_free(cc, ops);
	return err;
}

int iu_codecheck_match_descs(const struct iu_codecheck *cc, const struct iu_elf *e,
			     struct iu_log *log)
{
	u32 i;

	for (i = 0; i < e->nr_progs && i < cc->nr_progs; i++) {
		const struct iu_prog_info *p = &e->progs[i];
		const struct iu_cc_prog *q = &cc->progs[i];

		if (p->stack_size != iu_cc_desc_stack(q) || p->flags != iu_cc_desc_flags(q)) {
			iu_logf(log, "code: program %s: its descriptor says stack %u bytes, flags 0x%x; the code needs %u bytes, flags 0x%x",
				p->name, p->stack_size, p->flags, iu_cc_desc_stack(q),
				iu_cc_desc_flags(q));
			return -EINVAL;
		}
	}
	return 0;
}

u32 iu_cc_helper_facts(void *ctx, const char *name)
{
	const struct iu_helper_info *h = iu_helper_find(name);
	u32 facts;

	(void)ctx;
	if (!h)
		return 0;
	facts = IU_CC_SYM_KNOWN;
	if (h->flags & IU_HF_NORETURN)
		facts |= IU_CC_SYM_NORETURN;
	if (!strcmp(name, "iu_rt_stack_overflow"))
		facts |= IU_CC_SYM_OVERFLOW;
	if (!strcmp(name, "iu_rt_tick"))
		facts |= IU_CC_SYM_TICK;
	if (!h->ksym)
		facts |= IU_CC_SYM_SERVICE;
	return facts;
}

void iu_codecheck_free(struct iu_codecheck *cc, const struct iu_cc_ops *ops)
{
	if (cc->funcs)
		ops->free(ops->ctx, cc->funcs);
	if (cc->pairs)
		ops->free(ops->ctx, cc->pairs);
	cc->funcs = NULL;
	cc->pairs = NULL;
	cc->nr_funcs = cc->nr_pairs = 0;
}
