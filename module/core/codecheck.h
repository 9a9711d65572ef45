/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The machine-code check of iu extension files (docs/codecheck.md).
 *
 * On a file iu_elf_parse() accepted, it decodes every function of the text
 * with the allowlist decoder (x86.h) and proves, from the code alone:
 * control flow stays on instruction boundaries of the file's functions, the
 * only indirect transfers are helper calls through the GOT, no privileged or
 * otherwise refused instruction exists, %rsp changes only in tracked ways,
 * every loop and recursion crosses a fuel point with bounded work between
 * fuel points, and the stack the code needs (with stack checks where it
 * recurses) fits its stack. It refuses with one line
 *	code: <func>+0x<off>: <hex bytes>: <reason>
 * through @log, and otherwise returns what the loader needs: the functions,
 * their facts, the helper-call pairs (to be rewritten) and each program's
 * stack need.
 *
 * Like elf.c it is shared, unchanged, by iu.ko and user space; it allocates
 * through the caller's callbacks only, uses no recursion and calls
 * iu_cond_resched() as it goes.
 */
#ifndef _IU_CORE_CODECHECK_H
#define _IU_CORE_CODECHECK_H

#include "elf.h"
#include "x86.h"

/* Facts about an undefined symbol a GOT slot is relocated against. */
#define IU_CC_SYM_KNOWN		(1U << 0)	/* a helper or service the module provides */
#define IU_CC_SYM_NORETURN	(1U << 1)	/* a call to it does not return */
#define IU_CC_SYM_TICK		(1U << 2)	/* iu_rt_tick: the fuel service */
#define IU_CC_SYM_OVERFLOW	(1U << 3)	/* iu_rt_stack_overflow */
#define IU_CC_SYM_SERVICE	(1U << 4)	/* an iu.ko service (iu_rt_*), not a BPF helper:
						 * it runs on the invocation's frame */

struct iu_cc_ops {
	/* IU_CC_SYM_* of undefined symbol @name (0: unknown, refused) */
	u32 (*sym_facts)(void *ctx, const char *name);
	/* @size zeroed bytes, or NULL; @size is never 0 */
	void *(*alloc)(void *ctx, u64 size);
	void (*free)(void *ctx, void *p);
	void *ctx;
};

/* No path of that kind exists (T/A/B/I below). */
#define IU_CC_NOPATH		(~0ULL)

/* iu_cc_func.flags */
#define IU_CC_FN_RETURN_THUNK	(1U << 0)	/* __x86_return_thunk (not checked as code) */
#define IU_CC_FN_INDIRECT_THUNK	(1U << 1)	/* __x86_indirect_thunk_r11 (likewise) */
#define IU_CC_FN_RETURNS	(1U << 2)	/* some path returns */
#define IU_CC_FN_RECURSIVE	(1U << 3)	/* in a cycle of the call graph */
#define IU_CC_FN_REACHES_RECURSION (1U << 4)	/* it or a function it calls is recursive */
#define IU_CC_FN_REACHES_FUEL	(1U << 5)	/* it or a function it calls has a fuel point */
#define IU_CC_FN_REACHES_SERVICE (1U << 6)	/* it or a function it calls has a fuel point,
						 * a stack check or an iu service call */

struct iu_cc_func {
	u64 start, size;	/* image offset and bytes */
	const char *name;	/* in the file's .strtab */
	u32 flags;		/* IU_CC_FN_* */
	u32 nr_insns;		/* nodes: an instruction, helper pair or guard sequence */
	u32 nr_stack_checks, nr_fuel_points, nr_helper_calls;
	u32 frame;		/* largest depth below the entry %rsp, bytes */
	u64 need;		/* stack from the entry %rsp that it and its callees use
				 * where no stack check covers them, bytes */
	/* Most instructions (IU_CC_NOPATH: no such path), callees included:
	 * T entry -> return with no fuel point, A entry -> first fuel point,
	 * B fuel point -> return, I fuel point -> next fuel point. */
	u64 T, A, B, I;
};

/* A helper call: `mov G(%rip),%r11` (7 bytes) then `call`/`jmp`
 * __x86_indirect_thunk_r11 (5 bytes). */
enum iu_cc_pair_kind {
	IU_CC_PAIR_CALL,	/* a call, in the code */
	IU_CC_PAIR_TAIL,	/* a tail call (jmp): a return */
	IU_CC_PAIR_STACK_CHECK,	/* the call inside a stack check point */
	IU_CC_PAIR_FUEL,	/* the call inside a fuel point */
};

struct iu_cc_pair {
	u64 off;		/* image offset of the mov; the call is at off + 7 */
	u64 slot;		/* image offset of the GOT slot G */
	const char *sym;	/* the undefined symbol (in .dynstr) */
	u32 facts;		/* IU_CC_SYM_* */
	enum iu_cc_pair_kind kind;
};

struct iu_cc_prog {
	u32 func;		/* index in funcs */
	u64 need;		/* stack bytes from its entry %rsp (return address excluded) */
	bool recursive;		/* its code reaches recursion (bounded by stack checks) */
	/* What the code can ask of its invocation, for iu.ko's entry (runtime.c):
	 * fuel: some fuel point is reachable (the budget clock is needed);
	 * services: some fuel point, stack check or iu service call is reachable
	 * (the per-CPU frame and stack are needed: without them the invocation
	 * cannot end early, and its own stack is need - IU_HELPER_STACK). */
	bool fuel;
	bool services;
};

/*
 * What a descriptor must say of the code the check proved (iu-finalize
 * writes it, iu.ko compares): stack_size = need(entry) + 8 (its return
 * address), IU_PROG_F_RECURSIVE = the entry reaches recursion, and
 * IU_PROG_F_GUARDED (the file went through the check).
 */
static inline u32 iu_cc_desc_stack(const struct iu_cc_prog *p)
{
	return (u32)(p->need + 8);
}

static inline u32 iu_cc_desc_flags(const struct iu_cc_prog *p)
{
	return IU_PROG_F_GUARDED | (p->recursive ? IU_PROG_F_RECURSIVE : 0);
}


struct iu_codecheck {
	struct iu_cc_func *funcs;	/* by address */
	u32 nr_funcs;
	struct iu_cc_pair *pairs;	/* by address */
	u32 nr_pairs;
	struct iu_cc_prog progs[IU_MAX_PROGS];	/* as iu_elf.progs */
	u32 nr_progs;
	u32 nr_insns;			/* all nodes decoded */
	u64 work;			/* units of work done (roughly linear in the text) */
};

/*
 * Check the code of @e (iu_elf_parse() accepted it; its data stays valid).
 * Returns 0 and fills @cc (release it with iu_codecheck_free()), or a
 * negative errno after logging why: -ENOEXEC refused code, -ENOMEM.
 */
int iu_codecheck(struct iu_codecheck *cc, const struct iu_elf *e, const struct iu_cc_ops *ops,
		 struct iu_log *log);

void iu_codecheck_free(struct iu_codecheck *cc, const struct iu_cc_ops *ops);

/* Refuse (-EINVAL, logged) a file whose descriptors claim anything else. */
int iu_codecheck_match_descs(const struct iu_codecheck *cc, const struct iu_elf *e,
			     struct iu_log *log);

/*
 * The facts of the helper table (helpers.h): every helper and service is
 * known; iu_rt_panic and iu_rt_stack_overflow do not return; iu_rt_tick and
 * iu_rt_stack_overflow are the fuel and overflow services. Usable as
 * iu_cc_ops.sym_facts. (Whether a helper is allowed for the file's program
 * kinds is checked when relocating.)
 */
u32 iu_cc_helper_facts(void *ctx, const char *name);

#endif /* _IU_CORE_CODECHECK_H */
