# hlt.
	FUNC entry
	endbr64
	hlt
	RET
	END entry
