/* SPDX-License-Identifier: GPL-2.0 */
/*
 * An allowlist decoder of x86-64 machine code (64-bit mode only), for the code
 * check of iu extensions (codecheck.h, docs/codecheck.md).
 *
 * It decodes exactly the general-purpose integer instructions iu accepts (what
 * clang-16 emits for kernel-model code) and refuses everything else with a
 * reason naming the group (privileged, x87, SSE/AVX, string, ...). It never
 * reads past the buffer it is given, allocates nothing and keeps no state, so
 * that it runs unchanged in iu.ko and in user space.
 */
#ifndef _IU_CORE_X86_H
#define _IU_CORE_X86_H

#include "types.h"

#define IU_X86_MAX_INSN		15	/* architectural limit */
#define IU_X86_NOREG		0xff	/* no base / index register */

/* General-purpose register numbers (ModRM/SIB numbering, REX bits included). */
enum {
	IU_X86_RAX, IU_X86_RCX, IU_X86_RDX, IU_X86_RBX,
	IU_X86_RSP, IU_X86_RBP, IU_X86_RSI, IU_X86_RDI,
	IU_X86_R8, IU_X86_R9, IU_X86_R10, IU_X86_R11,
	IU_X86_R12, IU_X86_R13, IU_X86_R14, IU_X86_R15,
};

/* Legacy prefixes seen (bit mask). */
#define IU_X86_PFX_66		(1U << 0)	/* operand size (possibly repeated, in nops) */
#define IU_X86_PFX_F3		(1U << 1)	/* only in pause, endbr64, tzcnt, lzcnt */
#define IU_X86_PFX_CS		(1U << 2)	/* only in 0f 1f nops (assembler padding) */

/* Control flow of one instruction. */
enum iu_x86_flow {
	IU_X86_FALL,	/* to the next instruction only */
	IU_X86_JCC,	/* to @target or the next instruction */
	IU_X86_JMP,	/* to @target only (jmp rel8/rel32) */
	IU_X86_CALL,	/* call rel32 to @target, then the next instruction */
	IU_X86_RET,	/* c3 */
	IU_X86_TRAP,	/* int3, ud2: never continues */
};

/* Effect on %rsp. */
enum iu_x86_stack {
	IU_X86_SP_NONE,		/* does not write %rsp */
	IU_X86_SP_DELTA,	/* %rsp += @sp_delta (push, pop, add/sub $imm, lea d(%rsp)) */
	IU_X86_SP_OTHER,	/* writes %rsp in any other way: the check refuses it */
};

/* Instruction classes the check cares about; everything else is IU_X86_C_PLAIN. */
enum iu_x86_class {
	IU_X86_C_PLAIN,
	IU_X86_C_NOP,		/* 90, 66 90, 0f 1f /0 (with 66/2e prefixes), pause */
	IU_X86_C_ENDBR64,
	IU_X86_C_LFENCE,
};

struct iu_x86_insn {
	u64 pc;			/* where it was decoded (the caller's address space) */
	u8 len;			/* bytes; on refusal, the bytes examined */
	u8 nr_prefixes;		/* legacy prefix bytes */
	u8 prefixes;		/* IU_X86_PFX_* */
	u8 rex;			/* the REX byte, 0 if none */
	u8 map;			/* 0: one-byte opcodes, 1: 0f xx */
	u8 opcode;
	u8 opsize;		/* operand size in bytes: 1, 2, 4 or 8 */
	u8 cls;			/* enum iu_x86_class */

	bool has_modrm, has_sib;
	u8 modrm, mod, reg, rm;	/* reg and rm with their REX bits (rm: register when mod == 3) */
	u8 sib, scale, index, base;	/* index/base: register or IU_X86_NOREG */
	bool mem;		/* the ModRM operand is memory */
	bool rip_rel;		/* ... rip-relative: @rip_target */
	u8 mem_size;		/* bytes the memory operand accesses (0: lea, nop) */
	u8 disp_size, imm_size;
	s32 disp;
	s64 imm;		/* sign-extended as the instruction uses it */
	u64 rip_target;		/* pc + len + disp */

	enum iu_x86_flow flow;
	u64 target;		/* branch target: pc + len + rel */

	enum iu_x86_stack stack;
	s32 sp_delta;
	u16 writes;		/* general-purpose registers written (bit n = register n) */
};

enum iu_x86_status {
	IU_X86_OK = 0,
	IU_X86_REFUSED,		/* not an instruction iu accepts: @why says which group */
	IU_X86_TRUNCATED,	/* the buffer ends inside the instruction */
};

/*
 * Decode the instruction at @code (@avail bytes readable), located at @pc.
 * On IU_X86_OK, @insn describes it; otherwise *@why (static text) says why
 * it is refused and insn->len is the number of bytes examined (>= 1).
 */
enum iu_x86_status iu_x86_decode(const u8 *code, u64 avail, u64 pc, struct iu_x86_insn *insn,
				 const char **why);

#endif /* _IU_CORE_X86_H */
