# rep stosb: a loop in one instruction that no fuel point bounds.
	FUNC entry
	endbr64
	mov $-1, %rcx
	rep stosb
	RET
	END entry
