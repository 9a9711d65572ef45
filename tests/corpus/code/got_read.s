# Reads a helper address out of the GOT (a kernel pointer) into data.
	FUNC entry
	endbr64
	mov bpf_get_current_pid_tgid@GOTPCREL(%rip), %rax
	RET
	END entry
