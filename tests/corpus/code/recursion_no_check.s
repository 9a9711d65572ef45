# Recursion with a fuel point but without a stack check.
	FUNC entry
	endbr64
	FUEL
	call entry
	RET
	END entry
