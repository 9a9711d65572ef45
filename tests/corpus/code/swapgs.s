# swapgs.
	FUNC entry
	endbr64
	swapgs
	RET
	END entry
