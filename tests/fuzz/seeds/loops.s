# SPDX-License-Identifier: GPL-2.0
# Fuzz seed: a program the code check accepts (loops with fuel points,
# helper calls, a tail call, a noreturn helper).
	.include "fixture-prelude.s"
	.include "rt-thunks.s"
	FUNC leaf
	push %rbx
	mov %rdi,%rbx
1:	FUEL
	dec %rbx
	jne 1b
	HCALL bpf_ktime_get_ns
	pop %rbx
	RET
	END leaf
	FUNC dies
	HCALL iu_rt_panic
	int3
	END dies
	FUNC entry
	endbr64
	sub $0x20,%rsp
	movq $0,8(%rsp)
	test %rdi,%rdi
	je 2f
	call leaf
	add $0x20,%rsp
	jmp leaf
2:	call dies
	int3
	END entry
	.section "kprobe/do_sys_open","aw",@progbits
	.p2align 3
	.long 40, 1
	.quad entry
	.asciz "prog"
	.zero 11
	.long 0, 2
	.section license,"a",@progbits
	.asciz "GPL"
