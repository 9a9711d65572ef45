# Reads an MSR.
	FUNC entry
	endbr64
	mov $0xc0000082, %ecx
	rdmsr
	RET
	END entry
