// SPDX-License-Identifier: GPL-2.0
/*
 * Allowlist x86-64 decoder (x86.h). The opcode switch below is the allowlist:
 * an opcode that does not appear in it is refused. Every byte is fetched
 * through fetch(), which checks the buffer and the 15-byte limit.
 */
#include "x86.h"

/* Why an encoding is refused: each names its group (docs/codecheck.md). */
#define R_PRIV		"privileged/system instruction"
#define R_IO		"privileged/system instruction (port I/O)"
#define R_INTN		"privileged/system instruction (software interrupt)"
#define R_PUSHF		"privileged/system instruction (pushf/popf)"
#define R_CLISTI	"privileged/system instruction (cli/sti)"
#define R_HLT		"privileged/system instruction (hlt)"
#define R_X87		"x87 floating-point instruction"
#define R_SIMD		"MMX/SSE/AVX instruction"
#define R_VEX		"VEX/EVEX/XOP-encoded instruction (AVX)"
#define R_SEG		"segment register or segment override"
#define R_FSGS		"fs/gs segment override"
#define R_FAR		"far jump, call or return"
#define R_ENTER		"enter/leave"
#define R_STRING	"string instruction (movs/stos/lods/scas/cmps/ins/outs)"
#define R_DF		"std/cld (direction flag)"
#define R_LOCK		"lock prefix"
#define R_ABS		"absolute memory operand (no base register)"
#define R_INDIRECT	"indirect call or jump"
#define R_RETIMM	"ret imm16"
#define R_ADDR32	"address-size prefix (67)"
#define R_REP		"repne/bnd prefix (f2)"
#define R_PREFIX	"prefix not allowed on this instruction"
#define R_REX		"REX prefix not immediately before the opcode"
#define R_TSX		"transactional memory instruction"
#define R_INVALID	"invalid or undefined encoding"
#define R_NOTALLOWED	"instruction not in the allowlist"
#define R_LONG		"instruction longer than 15 bytes"
#define R_TRUNC		"instruction runs past the end of the code"

enum { IMM_NONE, IMM_B, IMM_W, IMM_Z, IMM_V };
enum {
	W_NONE,
	W_RM,		/* the ModRM r/m operand, when it is a register */
	W_REG,		/* the ModRM reg operand */
	W_BOTH,		/* xchg */
	W_RAX,
	W_RDX,
	W_RAX_RDX,	/* mul/div */
	W_OPREG,	/* the register in the opcode's low bits (REX.B) */
	W_RAX_OPREG,	/* xchg %rax, r */
};
enum { MS_OP, MS_NONE, MS_1, MS_2, MS_4, MS_8 };

struct form {
	u8 modrm;	/* a ModRM byte follows (already fetched for groups) */
	u8 imm;		/* IMM_* */
	u8 byteop;	/* 8-bit operand size */
	u8 wr;		/* W_* */
	u8 ms;		/* MS_*: size of the memory access */
	u8 mem_only;	/* ModRM must name memory (lea) */
	u8 stack64;	/* push/pop: 64-bit operand, 66 refused */
	u8 rel;		/* branch displacement bytes (1 or 4) */
	u8 flow;	/* enum iu_x86_flow */
	u8 f3_ok;	/* the F3 prefix is part of the encoding */
	u8 no66;	/* the 66 prefix is refused */
	u8 nop;		/* a nop form: repeated 66 and 2e allowed */
};

struct dec {
	const u8 *code;
	u64 avail;
	u32 pos;
	struct iu_x86_insn *in;
	const char *why;
	enum iu_x86_status st;
};

static bool fetch(struct dec *d, u8 *b)
{
	if (d->pos >= IU_X86_MAX_INSN) {
		d->why = R_LONG;
		d->st = IU_X86_REFUSED;
		return false;
	}
	if (d->pos >= d->avail) {
		d->why = R_TRUNC;
		d->st = IU_X86_TRUNCATED;
		return false;
	}
	*b = d->code[d->pos++];
	return true;
}

static bool fetch_le(struct dec *d, u32 n, s64 *v)
{
	u64 x = 0;
	u32 i;
	u8 b;

	for (i = 0; i < n; i++) {
		if (!fetch(d, &b))
			return false;
		x |= (u64)b << (8 * i);
	}
	/* sign-extend */
	if (n < 8 && (x >> (8 * n - 1)) & 1)
		x |= ~0ULL << (8 * n);
	*v = (s64)x;
	return true;
}

#define REX_W(r)	(((r) >> 3) & 1)
#define REX_R(r)	(((r) >> 2) & 1)
#define REX_X(r)	(((r) >> 1) & 1)
#define REX_B(r)	((r) & 1)

/* The full register an 8-bit register number names (ah..bh without REX). */
static u8 byte_reg(u8 r, u8 rex)
{
	return (r >= 4 && r < 8 && !rex) ? r - 4 : r;
}

static const char *refuse(struct dec *d, const char *why)
{
	d->why = why;
	d->st = IU_X86_REFUSED;
	return why;
}

/* Opcodes with a ModRM byte whose reg field selects the operation. */
static bool is_group(u8 map, u8 op)
{
	if (map == 0)
		return op == 0x80 || op == 0x81 || op == 0x83 || op == 0x8f || op == 0xc0 ||
		       op == 0xc1 || op == 0xc6 || op == 0xc7 || (op >= 0xd0 && op <= 0xd3) ||
		       op == 0xf6 || op == 0xf7 || op == 0xfe || op == 0xff;
	/* 0f 00, 01, 20-23: refused, but whole in the message */
	return op == 0x1e || op == 0x1f || op == 0xae || op == 0xba || op == 0xc7 || op <= 0x01 ||
	       (op >= 0x20 && op <= 0x23);
}

/* One-byte opcode map. @grp is the ModRM reg field for group opcodes. */
static const char *form_map0(struct dec *d, u8 op, u8 grp, struct form *f)
{
	struct iu_x86_insn *in = d->in;

	if (op < 0x40 && (op & 7) < 6) {	/* add or adc sbb and sub xor cmp */
		bool cmp = (op >> 3) == 7;

		switch (op & 7) {
		case 0: f->modrm = 1; f->byteop = 1; f->wr = cmp ? W_NONE : W_RM; break;
		case 1: f->modrm = 1; f->wr = cmp ? W_NONE : W_RM; break;
		case 2: f->modrm = 1; f->byteop = 1; f->wr = cmp ? W_NONE : W_REG; break;
		case 3: f->modrm = 1; f->wr = cmp ? W_NONE : W_REG; break;
		case 4: f->imm = IMM_B; f->byteop = 1; f->wr = cmp ? W_NONE : W_RAX; break;
		case 5: f->imm = IMM_Z; f->wr = cmp ? W_NONE : W_RAX; break;
		}
		return NULL;
	}
	if (op >= 0x50 && op <= 0x57) {		/* push r */
		f->stack64 = 1;
		return NULL;
	}
	if (op >= 0x58 && op <= 0x5f) {		/* pop r */
		f->stack64 = 1;
		f->wr = W_OPREG;
		return NULL;
	}
	if (op >= 0x70 && op <= 0x7f) {		/* jcc rel8 */
		f->rel = 1; f->flow = IU_X86_JCC; f->no66 = 1;
		return NULL;
	}
	if (op >= 0x91 && op <= 0x97) {		/* xchg %rax, r */
		f->wr = W_RAX_OPREG;
		return NULL;
	}
	if (op >= 0xb0 && op <= 0xb7) {		/* mov $imm8, r8 */
		f->imm = IMM_B; f->byteop = 1; f->wr = W_OPREG;
		return NULL;
	}
	if (op >= 0xb8 && op <= 0xbf) {		/* mov $imm, r (movabs with REX.W) */
		f->imm = IMM_V; f->wr = W_OPREG;
		return NULL;
	}
	if (op >= 0xd8 && op <= 0xdf)
		return refuse(d, R_X87);

	switch (op) {
	case 0x06: case 0x07: case 0x0e: case 0x16: case 0x17: case 0x1e: case 0x1f:
		return refuse(d, R_SEG);
	case 0x27: case 0x2f: case 0x37: case 0x3f: case 0x60: case 0x61: case 0xd4:
	case 0xd5: case 0xd6: case 0x82:
		return refuse(d, R_INVALID);
	case 0x62: case 0xc4: case 0xc5:
		return refuse(d, R_VEX);
	case 0x63:				/* movsxd */
		f->modrm = 1; f->wr = W_REG; f->ms = MS_4;
		return NULL;
	case 0x68:				/* push $imm32 */
		f->imm = IMM_Z; f->stack64 = 1;
		return NULL;
	case 0x6a:				/* push $imm8 */
		f->imm = IMM_B; f->stack64 = 1;
		return NULL;
	case 0x69:				/* imul $imm, r/m, r */
		f->modrm = 1; f->imm = IMM_Z; f->wr = W_REG;
		return NULL;
	case 0x6b:
		f->modrm = 1; f->imm = IMM_B; f->wr = W_REG;
		return NULL;
	case 0x6c: case 0x6d: case 0x6e: case 0x6f:
		return refuse(d, R_IO);
	case 0x80: case 0x81: case 0x83:	/* ALU $imm, r/m */
		f->modrm = 1;
		f->byteop = op == 0x80;
		f->imm = op == 0x81 ? IMM_Z : IMM_B;
		f->wr = grp == 7 ? W_NONE : W_RM;
		return NULL;
	case 0x84: case 0x85:			/* test */
		f->modrm = 1; f->byteop = op == 0x84;
		return NULL;
	case 0x86: case 0x87:			/* xchg */
		f->modrm = 1; f->byteop = op == 0x86; f->wr = W_BOTH;
		return NULL;
	case 0x88: case 0x89:			/* mov r, r/m */
		f->modrm = 1; f->byteop = op == 0x88; f->wr = W_RM;
		return NULL;
	case 0x8a: case 0x8b:			/* mov r/m, r */
		f->modrm = 1; f->byteop = op == 0x8a; f->wr = W_REG;
		return NULL;
	case 0x8c: case 0x8e:
		return refuse(d, R_SEG);
	case 0x8d:				/* lea */
		f->modrm = 1; f->wr = W_REG; f->ms = MS_NONE; f->mem_only = 1;
		return NULL;
	case 0x8f:				/* pop r/m */
		if (grp)
			return refuse(d, R_VEX);	/* XOP */
		f->modrm = 1; f->stack64 = 1; f->wr = W_RM; f->ms = MS_8;
		return NULL;
	case 0x90:				/* nop, pause, xchg %rax, %r8 */
		if (in->prefixes & IU_X86_PFX_F3) {
			f->f3_ok = 1; f->no66 = 1;
			return NULL;
		}
		if (REX_B(in->rex))
			f->wr = W_RAX_OPREG;
		return NULL;
	case 0x98:				/* cbw cwde cdqe */
		f->wr = W_RAX;
		return NULL;
	case 0x99:				/* cwd cdq cqo */
		f->wr = W_RDX;
		return NULL;
	case 0x9a:
		return refuse(d, R_FAR);
	case 0x9b:
		return refuse(d, R_X87);
	case 0x9c: case 0x9d:
		return refuse(d, R_PUSHF);
	case 0xa0: case 0xa1: case 0xa2: case 0xa3:
		return refuse(d, R_ABS);
	case 0xa4: case 0xa5: case 0xa6: case 0xa7: case 0xaa: case 0xab: case 0xac:
	case 0xad: case 0xae: case 0xaf:
		return refuse(d, R_STRING);
	case 0xa8:				/* test $imm8, %al */
		f->imm = IMM_B; f->byteop = 1;
		return NULL;
	case 0xa9:
		f->imm = IMM_Z;
		return NULL;
	case 0xc0: case 0xc1: case 0xd0: case 0xd1: case 0xd2: case 0xd3:	/* shifts */
		if (grp == 6)
			return refuse(d, R_INVALID);
		f->modrm = 1;
		f->byteop = !(op & 1);
		f->imm = op <= 0xc1 ? IMM_B : IMM_NONE;
		f->wr = W_RM;
		return NULL;
	case 0xc2:
		return refuse(d, R_RETIMM);
	case 0xc3:
		f->flow = IU_X86_RET; f->no66 = 1;
		return NULL;
	case 0xc6: case 0xc7:			/* mov $imm, r/m */
		if (grp == 7)
			return refuse(d, R_TSX);
		if (grp)
			return refuse(d, R_INVALID);
		f->modrm = 1; f->byteop = op == 0xc6; f->imm = op == 0xc6 ? IMM_B : IMM_Z;
		f->wr = W_RM;
		return NULL;
	case 0xc8: case 0xc9:
		return refuse(d, R_ENTER);
	case 0xca: case 0xcb:
		return refuse(d, R_FAR);
	case 0xcf:
		return refuse(d, R_PRIV);	/* iret */
	case 0xcc:				/* int3 */
		f->flow = IU_X86_TRAP;
		return NULL;
	case 0xcd: case 0xce: case 0xf1:
		return refuse(d, R_INTN);
	case 0xd7: case 0xe0: case 0xe1: case 0xe2: case 0xe3: case 0x9e: case 0x9f:
		return refuse(d, R_NOTALLOWED);	/* xlat, loop*, jrcxz, sahf, lahf */
	case 0xe4: case 0xe5: case 0xe6: case 0xe7: case 0xec: case 0xed: case 0xee: case 0xef:
		return refuse(d, R_IO);
	case 0xe8:
		f->rel = 4; f->flow = IU_X86_CALL; f->no66 = 1;
		return NULL;
	case 0xe9:
		f->rel = 4; f->flow = IU_X86_JMP; f->no66 = 1;
		return NULL;
	case 0xea:
		return refuse(d, R_FAR);
	case 0xeb:
		f->rel = 1; f->flow = IU_X86_JMP; f->no66 = 1;
		return NULL;
	case 0xf4:
		return refuse(d, R_HLT);
	case 0xf5: case 0xf8: case 0xf9:	/* cmc clc stc */
		return NULL;
	case 0xfa: case 0xfb:
		return refuse(d, R_CLISTI);
	case 0xfc: case 0xfd:
		return refuse(d, R_DF);
	case 0xf6: case 0xf7:
		f->modrm = 1; f->byteop = op == 0xf6;
		switch (grp) {
		case 0: f->imm = op == 0xf6 ? IMM_B : IMM_Z; break;	/* test */
		case 1: return refuse(d, R_INVALID);
		case 2: case 3: f->wr = W_RM; break;			/* not neg */
		default: f->wr = op == 0xf6 ? W_RAX : W_RAX_RDX; break;	/* mul imul div idiv */
		}
		return NULL;
	case 0xfe:
		if (grp > 1)
			return refuse(d, R_INVALID);
		f->modrm = 1; f->byteop = 1; f->wr = W_RM;
		return NULL;
	case 0xff:
		switch (grp) {
		case 0: case 1:			/* inc dec */
			f->modrm = 1; f->wr = W_RM;
			return NULL;
		case 2: case 4:
			return refuse(d, R_INDIRECT);
		case 3: case 5:
			return refuse(d, R_FAR);
		case 6:				/* push r/m */
			f->modrm = 1; f->stack64 = 1; f->ms = MS_8;
			return NULL;
		default:
			return refuse(d, R_INVALID);
		}
	}
	return refuse(d, R_INVALID);
}

/* Two-byte (0f xx) opcode map. */
static const char *form_map1(struct dec *d, u8 op, u8 grp, struct form *f)
{
	struct iu_x86_insn *in = d->in;

	if (op >= 0x40 && op <= 0x4f) {		/* cmovcc */
		f->modrm = 1; f->wr = W_REG;
		return NULL;
	}
	if (op >= 0x80 && op <= 0x8f) {		/* jcc rel32 */
		f->rel = 4; f->flow = IU_X86_JCC; f->no66 = 1;
		return NULL;
	}
	if (op >= 0x90 && op <= 0x9f) {		/* setcc */
		f->modrm = 1; f->byteop = 1; f->wr = W_RM;
		return NULL;
	}
	if (op >= 0xc8 && op <= 0xcf) {		/* bswap */
		f->wr = W_OPREG; f->no66 = 1;
		return NULL;
	}
	if (op == 0x78 || op == 0x79)		/* vmread vmwrite */
		return refuse(d, R_PRIV);
	if (op == 0xc7)				/* cmpxchg8b/16b, rdrand, rdseed; vmptrld... */
		return refuse(d, grp >= 3 ? R_PRIV : R_NOTALLOWED);
	if ((op >= 0x10 && op <= 0x17) || (op >= 0x28 && op <= 0x2f) ||
	    (op >= 0x50 && op <= 0x7f) || (op >= 0xc2 && op <= 0xc6) || op >= 0xd0 ||
	    op == 0x0e || op == 0x0f || op == 0x38 || op == 0x3a)
		return refuse(d, R_SIMD);

	switch (op) {
	case 0x00: case 0x01: case 0x02: case 0x03: case 0x05: case 0x06: case 0x07:
	case 0x08: case 0x09: case 0x20: case 0x21: case 0x22: case 0x23: case 0x30:
	case 0x31: case 0x32: case 0x33: case 0x34: case 0x35: case 0x37: case 0xa2:
	case 0xaa:
		return refuse(d, R_PRIV);
	case 0x0b:				/* ud2 */
		f->flow = IU_X86_TRAP;
		return NULL;
	case 0x1e:				/* endbr64 */
		f->modrm = 1;
		if ((in->prefixes & IU_X86_PFX_F3) && in->modrm == 0xfa) {
			f->f3_ok = 1; f->no66 = 1;
			return NULL;
		}
		return refuse(d, R_NOTALLOWED);
	case 0x1f:				/* nop r/m */
		if (grp)
			return refuse(d, R_NOTALLOWED);
		f->modrm = 1; f->ms = MS_NONE; f->nop = 1;
		return NULL;
	case 0xa0: case 0xa1: case 0xa8: case 0xa9: case 0xb2: case 0xb4: case 0xb5:
		return refuse(d, R_SEG);
	case 0xa3:				/* bt r, r/m */
		f->modrm = 1;
		return NULL;
	case 0xab: case 0xb3: case 0xbb:	/* bts btr btc */
		f->modrm = 1; f->wr = W_RM;
		return NULL;
	case 0xa4: case 0xac:			/* shld shrd $imm */
		f->modrm = 1; f->imm = IMM_B; f->wr = W_RM;
		return NULL;
	case 0xa5: case 0xad:			/* shld shrd %cl */
		f->modrm = 1; f->wr = W_RM;
		return NULL;
	case 0xae:
		if (in->modrm == 0xe8)		/* lfence */
			return NULL;
		return refuse(d, (in->modrm >> 6) == 3 ? R_NOTALLOWED : R_PRIV);
	case 0xaf:				/* imul r/m, r */
		f->modrm = 1; f->wr = W_REG;
		return NULL;
	case 0xb6: case 0xbe:			/* movzx movsx r/m8 */
		f->modrm = 1; f->wr = W_REG; f->ms = MS_1;
		return NULL;
	case 0xb7: case 0xbf:			/* movzx movsx r/m16 */
		f->modrm = 1; f->wr = W_REG; f->ms = MS_2;
		return NULL;
	case 0xba:				/* bt bts btr btc $imm */
		if (grp < 4)
			return refuse(d, R_INVALID);
		f->modrm = 1; f->imm = IMM_B; f->wr = grp == 4 ? W_NONE : W_RM;
		return NULL;
	case 0xbc: case 0xbd:			/* bsf bsr, tzcnt lzcnt */
		f->modrm = 1; f->wr = W_REG; f->f3_ok = 1;
		return NULL;
	}
	return refuse(d, R_NOTALLOWED);
}

static void add_write(struct iu_x86_insn *in, u8 reg, bool byteop)
{
	in->writes |= 1U << (byteop ? byte_reg(reg, in->rex) : reg);
}

static enum iu_x86_status decode(struct dec *d, u64 pc)
{
	struct iu_x86_insn *in = d->in;
	struct form f = { 0 };
	u8 b, n66 = 0, op, grp = 0, opreg;
	s64 v;

	memset(in, 0, sizeof(*in));
	in->pc = pc;
	in->index = in->base = IU_X86_NOREG;

	/* legacy prefixes */
	for (;;) {
		if (!fetch(d, &b))
			return d->st;
		switch (b) {
		case 0x66: in->prefixes |= IU_X86_PFX_66; n66++; continue;
		case 0xf3:
			if (in->prefixes & IU_X86_PFX_F3)
				return refuse(d, R_PREFIX), d->st;
			in->prefixes |= IU_X86_PFX_F3;
			continue;
		case 0x2e:
			if (in->prefixes & IU_X86_PFX_CS)
				return refuse(d, R_PREFIX), d->st;
			in->prefixes |= IU_X86_PFX_CS;
			continue;
		case 0xf2: return refuse(d, R_REP), d->st;
		case 0x26: case 0x36: case 0x3e: return refuse(d, R_SEG), d->st;
		case 0x64: case 0x65: return refuse(d, R_FSGS), d->st;
		case 0xf0: return refuse(d, R_LOCK), d->st;
		case 0x67: return refuse(d, R_ADDR32), d->st;
		}
		break;
	}
	in->nr_prefixes = d->pos - 1;
	if (b >= 0x40 && b <= 0x4f) {
		in->rex = b;
		if (!fetch(d, &b))
			return d->st;
		switch (b) {
		case 0x66: case 0xf3: case 0xf2: case 0x2e: case 0x26: case 0x36: case 0x3e:
		case 0x64: case 0x65: case 0xf0: case 0x67:
			return refuse(d, R_REX), d->st;
		}
		if (b >= 0x40 && b <= 0x4f)
			return refuse(d, R_REX), d->st;
	}
	op = b;
	if (op == 0x0f) {
		in->map = 1;
		if (!fetch(d, &op))
			return d->st;
	}
	in->opcode = op;

	/* Group opcodes (and the few that match on the whole ModRM byte). */
	if (is_group(in->map, op)) {
		if (!fetch(d, &in->modrm))
			return d->st;
		in->has_modrm = true;
		grp = (in->modrm >> 3) & 7;
	}
	if ((in->map == 0 ? form_map0(d, op, grp, &f) : form_map1(d, op, grp, &f)))
		return d->st;

	/* prefixes this form does not take */
	if ((in->prefixes & IU_X86_PFX_F3) && !f.f3_ok)
		return refuse(d, R_PREFIX), d->st;
	if ((in->prefixes & IU_X86_PFX_CS) && !f.nop)
		return refuse(d, R_SEG), d->st;
	if (n66 > 1 && !f.nop)
		return refuse(d, R_PREFIX), d->st;
	if (n66 && (f.no66 || f.stack64))
		return refuse(d, R_PREFIX), d->st;
	if (n66 && f.byteop)
		return refuse(d, R_PREFIX), d->st;
	/* pause and endbr64 take no REX; tzcnt and lzcnt do */
	if (in->rex && (in->prefixes & IU_X86_PFX_F3) && !(in->map == 1 && (op == 0xbc || op == 0xbd)))
		return refuse(d, R_PREFIX), d->st;
	if (in->map == 1 && op == 0xae && (in->rex || n66))
		return refuse(d, R_PREFIX), d->st;

	if (f.byteop)
		in->opsize = 1;
	else if (f.stack64 || REX_W(in->rex))
		in->opsize = 8;
	else if (n66)
		in->opsize = 2;
	else
		in->opsize = 4;

	/* ModRM, SIB, displacement */
	if (f.modrm) {
		u8 rmlow;

		if (!in->has_modrm) {
			if (!fetch(d, &in->modrm))
				return d->st;
			in->has_modrm = true;
		}
		in->mod = in->modrm >> 6;
		in->reg = ((in->modrm >> 3) & 7) | (REX_R(in->rex) << 3);
		rmlow = in->modrm & 7;
		if (in->mod == 3) {
			if (f.mem_only)
				return refuse(d, R_INVALID), d->st;
			in->rm = rmlow | (REX_B(in->rex) << 3);
		} else {
			in->mem = true;
			in->rm = rmlow | (REX_B(in->rex) << 3);
			if (rmlow == 4) {
				if (!fetch(d, &in->sib))
					return d->st;
				in->has_sib = true;
				in->scale = 1 << (in->sib >> 6);
				in->index = ((in->sib >> 3) & 7) | (REX_X(in->rex) << 3);
				if (in->index == IU_X86_RSP)
					in->index = IU_X86_NOREG;
				if ((in->sib & 7) == 5 && in->mod == 0) {
					/* no base: only lea, which accesses nothing
					 * (clang's lea (,%rdx,8) multiplies) */
					if (!f.mem_only)
						return refuse(d, R_ABS), d->st;
					in->disp_size = 4;
				} else {
					in->base = (in->sib & 7) | (REX_B(in->rex) << 3);
				}
			} else if (rmlow == 5 && in->mod == 0) {
				in->rip_rel = true;
			} else {
				in->base = in->rm;
			}
			if (in->mod == 1)
				in->disp_size = 1;
			else if (in->mod == 2 || in->rip_rel)
				in->disp_size = 4;
			/* (mod 0 with a SIB without base set disp_size above) */
			if (in->disp_size) {
				if (!fetch_le(d, in->disp_size, &v))
					return d->st;
				in->disp = (s32)v;
			}
			switch (f.ms) {
			case MS_OP: in->mem_size = in->opsize; break;
			case MS_NONE: in->mem_size = 0; break;
			case MS_1: in->mem_size = 1; break;
			case MS_2: in->mem_size = 2; break;
			case MS_4: in->mem_size = 4; break;
			case MS_8: in->mem_size = 8; break;
			}
		}
	}

	/* immediate */
	switch (f.imm) {
	case IMM_B: in->imm_size = 1; break;
	case IMM_W: in->imm_size = 2; break;
	case IMM_Z: in->imm_size = in->opsize == 2 ? 2 : 4; break;
	case IMM_V: in->imm_size = in->opsize; break;
	}
	if (f.rel)
		in->imm_size = f.rel;
	if (in->imm_size && !fetch_le(d, in->imm_size, &in->imm))
		return d->st;

	in->len = d->pos;
	if (in->rip_rel)
		in->rip_target = pc + in->len + (s64)in->disp;
	in->flow = f.flow;
	if (f.rel)
		in->target = pc + in->len + (u64)in->imm;

	/* classes */
	if (in->map == 0 && op == 0x90 && !REX_B(in->rex))
		in->cls = IU_X86_C_NOP;		/* nop, xchg %ax,%ax, pause */
	else if (f.nop)
		in->cls = IU_X86_C_NOP;
	else if (in->map == 1 && op == 0x1e)
		in->cls = IU_X86_C_ENDBR64;
	else if (in->map == 1 && op == 0xae)
		in->cls = IU_X86_C_LFENCE;

	/* registers written */
	opreg = (op & 7) | (REX_B(in->rex) << 3);
	switch (f.wr) {
	case W_RM:
		if (!in->mem)
			add_write(in, in->rm, f.byteop);
		break;
	case W_REG:
		add_write(in, in->reg, f.byteop);
		break;
	case W_BOTH:
		add_write(in, in->reg, f.byteop);
		if (!in->mem)
			add_write(in, in->rm, f.byteop);
		break;
	case W_RAX: add_write(in, IU_X86_RAX, false); break;
	case W_RDX: add_write(in, IU_X86_RDX, false); break;
	case W_RAX_RDX:
		add_write(in, IU_X86_RAX, false);
		add_write(in, IU_X86_RDX, false);
		break;
	case W_OPREG: add_write(in, opreg, f.byteop); break;
	case W_RAX_OPREG:
		add_write(in, IU_X86_RAX, false);
		add_write(in, opreg, false);
		break;
	}

	/* the stack pointer */
	if (f.stack64) {
		bool pop = (in->map == 0 && (op == 0x8f || (op >= 0x58 && op <= 0x5f)));

		in->stack = IU_X86_SP_DELTA;
		in->sp_delta = pop ? 8 : -8;
		if (in->writes & (1U << IU_X86_RSP))
			in->stack = IU_X86_SP_OTHER;	/* pop %rsp */
	} else if (in->writes & (1U << IU_X86_RSP)) {
		in->stack = IU_X86_SP_OTHER;
		if (in->map == 0 && (op == 0x81 || op == 0x83) && REX_W(in->rex) && !in->mem &&
		    (grp == 0 || grp == 5)) {
			s64 delta = grp == 0 ? in->imm : -in->imm;

			if (delta >= -0x7fffffffLL && delta <= 0x7fffffffLL) {
				in->stack = IU_X86_SP_DELTA;
				in->sp_delta = (s32)delta;
			}
		} else if (in->map == 0 && op == 0x8d && REX_W(in->rex) &&
			   in->base == IU_X86_RSP && in->index == IU_X86_NOREG) {
			in->stack = IU_X86_SP_DELTA;
			in->sp_delta = in->disp;
		}
	}
	return IU_X86_OK;
}

enum iu_x86_status iu_x86_decode(const u8 *code, u64 avail, u64 pc, struct iu_x86_insn *insn,
				 const char **why)
{
	struct dec d = { .code = code, .avail = avail, .in = insn };
	enum iu_x86_status st;

	st = decode(&d, pc);
	if (st != IU_X86_OK) {
		insn->len = d.pos ? d.pos : 1;
		if (insn->len > avail)
			insn->len = avail;
		*why = d.why ? d.why : R_INVALID;
		return st;
	}
	*why = NULL;
	return IU_X86_OK;
}
