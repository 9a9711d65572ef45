# An indirect jump.
	FUNC entry
	endbr64
	jmp *%rdi
	END entry
