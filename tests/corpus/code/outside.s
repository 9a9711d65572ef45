# A call to an address outside the file (the middle of a kernel helper).
	FUNC entry
	endbr64
	call entry + 0x100000
	RET
	END entry
