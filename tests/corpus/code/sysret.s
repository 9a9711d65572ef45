# sysretq.
	FUNC entry
	endbr64
	sysretq
	END entry
