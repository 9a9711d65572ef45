# xsave.
	FUNC entry
	endbr64
	xsave (%rdi)
	RET
	END entry
