# Port I/O.
	FUNC entry
	endbr64
	mov $0x64, %dx
	inb %dx, %al
	RET
	END entry
