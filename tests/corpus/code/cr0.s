# Clears CR0.WP, the first thing an attacker with ring 0 does.
	FUNC entry
	endbr64
	mov %cr0, %rax
	and $~0x10000, %rax
	mov %rax, %cr0
	RET
	END entry
