# AVX (VEX).
	FUNC entry
	endbr64
	vpxor %ymm0, %ymm0, %ymm0
	RET
	END entry
