# Moves the stack pointer somewhere else.
	FUNC entry
	endbr64
	mov %rdi, %rsp
	RET
	END entry
