# x87: kernel code has no FPU context.
	FUNC entry
	endbr64
	fldz
	RET
	END entry
