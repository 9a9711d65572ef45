# A system call from kernel code.
	FUNC entry
	endbr64
	syscall
	RET
	END entry
