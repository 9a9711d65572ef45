	.text
	.globl	__iu_entry_x
__iu_entry_x:
	movq	%cr0, %rax
	ret
