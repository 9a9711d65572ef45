# SPDX-License-Identifier: GPL-2.0
# Fuzz seed: recursion behind a stack check point and a fuel point.
	.include "fixture-prelude.s"
	.include "rt-thunks.s"
	FUNC rec
	endbr64
	STACK_CHECK 8000
	FUEL
	test %rdi,%rdi
	je 1f
	dec %rdi
	call rec
1:	RET
	END rec
	FUNC entry
	endbr64
	mov $5,%edi
	call rec
	HTAIL bpf_get_smp_processor_id
	int3
	END entry
	.section "tracepoint/syscalls/sys_enter_write","aw",@progbits
	.p2align 3
	.long 40, 1
	.quad entry
	.asciz "rec"
	.zero 12
	.long 0xffffffff, 3
	.section license,"a",@progbits
	.asciz "GPL"
