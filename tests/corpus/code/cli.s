# Interrupts off, and never on again.
	FUNC entry
	endbr64
	cli
	RET
	END entry
