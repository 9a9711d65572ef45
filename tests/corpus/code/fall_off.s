# Falls off the end of the function into the next.
	FUNC entry
	endbr64
	mov %rdi, %rax
	END entry
	FUNC next
	RET
	END next
