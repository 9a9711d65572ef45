# Loads a descriptor table.
	FUNC entry
	endbr64
	lgdt (%rdi)
	RET
	END entry
