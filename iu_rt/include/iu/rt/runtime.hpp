// SPDX-License-Identifier: GPL-2.0
// What the compiler expects to link against, provided inside every extension
// so that its only undefined symbols are helpers: mem* functions, the
// handlers of the undefined-behaviour checks (they panic), C++ ABI stubs, and
// generic speculation thunks that iu.ko re-points at the kernel's own.
// Definitions are weak/COMDAT so that several translation units may include
// this header.
#pragma once

#include <iu/rt/abi.hpp>

// Not checked for undefined behaviour themselves: the handlers would call
// themselves after the panic call (which never returns).
#define IU_RT_WEAK                                                                         \
	extern "C" [[gnu::weak, gnu::visibility("hidden"), clang::no_sanitize("undefined")]]

// Plain loops, a word at a time: no string instructions (the code check
// refuses them: a `rep movsb` with a huge count is a loop no fuel point
// bounds), and like every loop they carry a fuel point. (clang does not
// turn the body of a function named memcpy or memset back into a call.)
typedef iu::u64 __attribute__((may_alias, aligned(1))) iu_rt_word;

IU_RT_WEAK void *memcpy(void *dst, const void *src, iu::usize n)
{
	unsigned char *d = static_cast<unsigned char *>(dst);
	const unsigned char *s = static_cast<const unsigned char *>(src);

	for (; n >= 8; n -= 8, d += 8, s += 8)
		*reinterpret_cast<iu_rt_word *>(d) = *reinterpret_cast<const iu_rt_word *>(s);
	for (; n; n--)
		*d++ = *s++;
	return dst;
}

IU_RT_WEAK void *memmove(void *dst, const void *src, iu::usize n)
{
	unsigned char *d = static_cast<unsigned char *>(dst);
	const unsigned char *s = static_cast<const unsigned char *>(src);

	if (reinterpret_cast<iu::u64>(d) <= reinterpret_cast<iu::u64>(s) ||
	    reinterpret_cast<iu::u64>(d) >= reinterpret_cast<iu::u64>(s) + n) {
		for (; n >= 8; n -= 8, d += 8, s += 8)
			*reinterpret_cast<iu_rt_word *>(d) = *reinterpret_cast<const iu_rt_word *>(s);
		for (; n; n--)
			*d++ = *s++;
	} else {
		for (; n >= 8; n -= 8)
			*reinterpret_cast<iu_rt_word *>(d + n - 8) =
				*reinterpret_cast<const iu_rt_word *>(s + n - 8);
		for (; n; n--)
			d[n - 1] = s[n - 1];
	}
	return dst;
}

IU_RT_WEAK void *memset(void *dst, int c, iu::usize n)
{
	unsigned char *d = static_cast<unsigned char *>(dst);
	iu::u64 w = 0x0101010101010101ULL * static_cast<unsigned char>(c);

	for (; n >= 8; n -= 8, d += 8)
		*reinterpret_cast<iu_rt_word *>(d) = w;
	for (; n; n--)
		*d++ = static_cast<unsigned char>(c);
	return dst;
}

IU_RT_WEAK int memcmp(const void *a, const void *b, iu::usize n)
{
	const unsigned char *x = static_cast<const unsigned char *>(a);
	const unsigned char *y = static_cast<const unsigned char *>(b);
	for (iu::usize i = 0; i < n; i++) {
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	}
	return 0;
}

// -fsanitize=... -fsanitize-minimal-runtime: undefined behaviour panics.
#define IU_RT_UBSAN(kind, msg)                                                             \
	IU_RT_WEAK [[noreturn]] void __ubsan_handle_##kind##_minimal()                     \
	{                                                                                  \
		iu::rt::iu_rt_panic("undefined behaviour: " msg);                          \
	}                                                                                  \
	IU_RT_WEAK [[noreturn]] void __ubsan_handle_##kind##_minimal_abort()               \
	{                                                                                  \
		iu::rt::iu_rt_panic("undefined behaviour: " msg);                          \
	}
IU_RT_UBSAN(add_overflow, "signed integer overflow in +")
IU_RT_UBSAN(sub_overflow, "signed integer overflow in -")
IU_RT_UBSAN(mul_overflow, "signed integer overflow in *")
IU_RT_UBSAN(negate_overflow, "signed integer overflow in negation")
IU_RT_UBSAN(divrem_overflow, "division by zero or overflow in / or %")
IU_RT_UBSAN(shift_out_of_bounds, "shift out of bounds")
IU_RT_UBSAN(out_of_bounds, "array index out of bounds")
IU_RT_UBSAN(builtin_unreachable, "unreachable code reached")
IU_RT_UBSAN(missing_return, "function ended without returning a value")
IU_RT_UBSAN(vla_bound_not_positive, "variable-length array bound")
IU_RT_UBSAN(load_invalid_value, "invalid bool or enum value")
IU_RT_UBSAN(invalid_builtin, "invalid argument to a builtin")
#undef IU_RT_UBSAN

// C++ ABI: a pure virtual call or a deleting destructor cannot happen in a
// correct program (there is no heap); if it does, it panics.
IU_RT_WEAK [[noreturn]] void __cxa_pure_virtual()
{
	iu::rt::iu_rt_panic("pure virtual function called");
}
// (The toolchain's version script keeps these out of the dynamic symbols.)
[[gnu::weak, clang::no_sanitize("undefined")]] void operator delete(void *, iu::usize) noexcept
{
	iu::rt::iu_rt_panic("operator delete called");
}
[[gnu::weak, clang::no_sanitize("undefined")]] void operator delete(void *) noexcept
{
	iu::rt::iu_rt_panic("operator delete called");
}

// Generic thunks for -mretpoline-external-thunk and
// -mfunction-return=thunk-extern. They are correct on any CPU; iu.ko replaces
// their first bytes with a jump to the kernel's CPU-specific versions.
asm(R"(
	.pushsection .text.__x86_indirect_thunk_r11,"axG",@progbits,__x86_indirect_thunk_r11,comdat
	.globl __x86_indirect_thunk_r11
	.hidden __x86_indirect_thunk_r11
	.type __x86_indirect_thunk_r11, @function
	.p2align 4
__x86_indirect_thunk_r11:
	call 1f
2:	pause
	lfence
	jmp 2b
1:	mov %r11, (%rsp)
	ret
	int3
	.size __x86_indirect_thunk_r11, . - __x86_indirect_thunk_r11
	.popsection

	.pushsection .text.__x86_return_thunk,"axG",@progbits,__x86_return_thunk,comdat
	.globl __x86_return_thunk
	.hidden __x86_return_thunk
	.type __x86_return_thunk, @function
	.p2align 4
__x86_return_thunk:
	ret
	int3
	int3
	int3
	int3
	.size __x86_return_thunk, . - __x86_return_thunk
	.popsection
)");

#undef IU_RT_WEAK
