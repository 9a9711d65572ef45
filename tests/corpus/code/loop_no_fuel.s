# A loop no fuel point cuts.
	FUNC entry
	endbr64
1:	dec %rdi
	jnz 1b
	RET
	END entry
