# SPDX-License-Identifier: GPL-2.0
# Assembler macros of the code-check fixtures (tests/unit/fixture.cpp) and
# the fuzz seeds (tests/fuzz/seeds): the exact sequences of docs/codecheck.md.
#   FUNC name ... END name     a function in its own section
#   RET                        jmp __x86_return_thunk; int3
#   STACK_CHECK room           the stack check point (31 bytes)
#   FUEL                       the fuel point (28 bytes)
#   HCALL sym / HTAIL sym      helper call / tail call through the GOT
	.macro FUNC name
	.section .text.\name,"ax",@progbits
	.p2align 4
	.type \name,@function
\name:
	.endm
	.macro END name
	.size \name, .-\name
	.endm
	.macro RET
	jmp __x86_return_thunk
	int3
	.endm
	.macro STACK_CHECK room
	mov %rsp,%r11
	and $0x7fff,%r11
	.byte 0x49, 0x81, 0xfb		# cmp $imm32,%r11, whatever the value
	.long \room
	jae .Lsc_end\@
	mov iu_rt_stack_overflow@GOTPCREL(%rip),%r11
	call __x86_indirect_thunk_r11
.Lsc_end\@:
	.endm
	.macro FUEL
	mov %rsp,%r11
	or $0x7fff,%r11
	decq -0x3f(%r11)
	jns .Lfuel_end\@
	mov iu_rt_tick@GOTPCREL(%rip),%r11
	call __x86_indirect_thunk_r11
.Lfuel_end\@:
	.endm
	.macro HCALL sym
	mov \sym@GOTPCREL(%rip),%r11
	call __x86_indirect_thunk_r11
	.endm
	.macro HTAIL sym
	mov \sym@GOTPCREL(%rip),%r11
	jmp __x86_indirect_thunk_r11
	.endm
# The toolchain note iu.ko requires (docs/abi.md 1.10). No toolchain built
# a hand-written fixture: version 0.0.0, a zero policy hash.
	.pushsection .note.iu,"",@note
	.p2align 2
	.long 3, 64, 1			# namesz, descsz, IU_NOTE_TOOLCHAIN
	.asciz "iu"
	.p2align 2
	.asciz "0.0.0"
	.zero 32 - 6
	.zero 32
	.popsection
