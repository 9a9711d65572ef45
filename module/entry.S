/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Switching to and from native extension code. Nothing here can be kprobed
 * (_ASM_NOKPROBE); ftrace never patches assembly.
 *
 * iu_call_native() saves the callee-saved registers and the kernel stack
 * pointer, moves to the per-CPU extension stack and calls the entry point.
 * An invocation that must end early (panic, stack overflow, time budget)
 * continues at iu_resume with %rsp set back to the saved kernel stack pointer
 * and the return value in %rax: iu_longjmp, the longjmp of the runtime.
 */
#include <linux/linkage.h>
#include <asm/asm.h>
#include <asm/nospec-branch.h>
#include <linux/objtool.h>

	.text

/*
 * u64 iu_call_native(const void *ctx, u64 (*entry)(void *ctx),
 *		      void *stack_top, unsigned long *kernel_sp)
 */
SYM_FUNC_START(iu_call_native)
	push	%rbp
	mov	%rsp, %rbp
	push	%rbx
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	mov	%rsp, (%rcx)
	mov	%rdx, %rsp
	CALL_NOSPEC rsi
	lea	-40(%rbp), %rsp
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbx
	pop	%rbp
	RET
SYM_FUNC_END(iu_call_native)
_ASM_NOKPROBE(iu_call_native)

/*
 * %rsp = saved kernel stack pointer, %rax = return value. Reached only by
 * iu_longjmp's jump, never called: objtool's frame model does not apply.
 */
SYM_FUNC_START(iu_resume)
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbx
	pop	%rbp
	RET
SYM_FUNC_END(iu_resume)
STACK_FRAME_NON_STANDARD iu_resume
_ASM_NOKPROBE(iu_resume)

/* void iu_longjmp(unsigned long kernel_sp, u64 retval) */
SYM_FUNC_START(iu_longjmp)
	mov	%rsi, %rax
	mov	%rdi, %rsp
	jmp	iu_resume
SYM_FUNC_END(iu_longjmp)
STACK_FRAME_NON_STANDARD iu_longjmp
_ASM_NOKPROBE(iu_longjmp)

/*
 * void iu_rt_tick(void): the slow path of a fuel point (toolchain/guard,
 * docs/codecheck.md). The inline sequence clobbers only %r11 and the flags,
 * so every other caller-saved register is preserved here around the C part,
 * iu_tick() (the kernel's 8-byte stack alignment needs nothing more). It
 * returns, or iu_tick() ends the invocation and never comes back.
 */
SYM_FUNC_START(iu_rt_tick)
	push	%rax
	push	%rcx
	push	%rdx
	push	%rsi
	push	%rdi
	push	%r8
	push	%r9
	push	%r10
	mov	64(%rsp), %rdi		/* iu_tick(the fuel point's return address) */
	call	iu_tick
	pop	%r10
	pop	%r9
	pop	%r8
	pop	%rdi
	pop	%rsi
	pop	%rdx
	pop	%rcx
	pop	%rax
	RET
SYM_FUNC_END(iu_rt_tick)
_ASM_NOKPROBE(iu_rt_tick)
