# popf (IF, AC, DF, TF from the stack).
	FUNC entry
	endbr64
	push %rdi
	popfq
	RET
	END entry
