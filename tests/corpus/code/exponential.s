# No loop, no recursion, no fuel point: six levels of functions each calling
# the next eight times, 8^6 calls from one invocation (the bounded-work rule).
	FUNC entry
	endbr64
	push %rax
	.rept 8
	call f1
	.endr
	pop %rax
	RET
	END entry
	FUNC f1
	push %rax
	.rept 8
	call f2
	.endr
	pop %rax
	RET
	END f1
	FUNC f2
	push %rax
	.rept 8
	call f3
	.endr
	pop %rax
	RET
	END f2
	FUNC f3
	push %rax
	.rept 8
	call f4
	.endr
	pop %rax
	RET
	END f3
	FUNC f4
	push %rax
	.rept 8
	call f5
	.endr
	pop %rax
	RET
	END f4
	FUNC f5
	push %rax
	.rept 8
	inc %rdi
	.endr
	pop %rax
	RET
	END f5
