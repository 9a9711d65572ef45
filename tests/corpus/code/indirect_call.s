# An indirect call.
	FUNC entry
	endbr64
	call *(%rdi)
	RET
	END entry
