# The retpoline thunk with a register the code loaded itself (not a GOT slot).
	FUNC entry
	endbr64
	mov %rdi, %r11
	call __x86_indirect_thunk_r11
	RET
	END entry
