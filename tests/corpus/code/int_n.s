# int $0x80.
	FUNC entry
	endbr64
	int $0x80
	RET
	END entry
