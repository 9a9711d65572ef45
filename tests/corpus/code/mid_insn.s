# A jump into the middle of an instruction.
	FUNC entry
	endbr64
	jmp 1f + 1
1:	mov $0x90909090, %eax
	RET
	END entry
