# An irreducible cycle (two entries into the loop), one fuel point on one path only.
	FUNC entry
	endbr64
	test %rdi, %rdi
	jz 2f
1:	FUEL
	dec %rsi
2:	dec %rdi
	jnz 1b
	jmp 2b
	END entry
