// SPDX-License-Identifier: GPL-2.0
// trace_printk: bpf_trace_printk with its format checked at compile time.
//
//   iu::trace_printk("pid %u opened fd %d\n", pid, fd);
//
// The format must be a string literal; at most three arguments; each
// conversion must match its argument's type:
//   %d %i            signed integer of at most 32 bits
//   %u %x %X         unsigned integer of at most 32 bits
//   %ld %li %lld %lli      signed integer of at most 64 bits
//   %lu %lx %lX %llu %llx %llX   unsigned integer of at most 64 bits
//   %c               char
//   %p               iu::KernelPtr / iu::UserPtr (printed hashed, as eBPF)
//   %s               a string literal or an iu::Str (NUL-terminated by
//                    construction), or a char array / iu::Array<char, N>,
//                    which is checked for a NUL at run time: without one
//                    the invocation panics instead of printing the stack
//                    bytes that follow it
//   %%               a literal percent sign
// Flags "0+- " and a width may precede a conversion, as bpf_trace_printk
// accepts. A mistake is a compile error that names the rule broken.
#pragma once

#include <concepts>
#include <iu/array.hpp>
#include <iu/panic.hpp>
#include <iu/ptr.hpp>
#include <iu/rt/abi.hpp>
#include <iu/str.hpp>
#include <type_traits>

namespace iu {

namespace detail {

enum class Conv { Signed32, Unsigned32, Signed64, Unsigned64, Char, Ptr, Str };

template <class T>
inline constexpr bool is_ptr_v = false;
template <class T>
inline constexpr bool is_ptr_v<KernelPtr<T>> = true;
template <class T>
inline constexpr bool is_ptr_v<UserPtr<T>> = true;

template <class T>
inline constexpr bool is_str_v = false;
template <usize N>
inline constexpr bool is_str_v<char[N]> = true;
template <usize N>
inline constexpr bool is_str_v<const char[N]> = true;
template <usize N>
inline constexpr bool is_str_v<Array<char, N>> = true;
template <usize N>
inline constexpr bool is_str_v<Str<N>> = true;

// A char array given for %s must hold its NUL: the kernel reads up to one.
// (For a string literal the loop folds away.)
template <usize N>
inline u64 nul_terminated(const char (&a)[N])
{
	for (usize i = 0; i < N; i++)
		if (a[i] == 0)
			return reinterpret_cast<u64>(&a[0]);
	::iu::panic("trace_printk: %s argument is not NUL-terminated");
}

template <class T>
consteval bool arg_matches(Conv c)
{
	using U = std::remove_cvref_t<T>;
	constexpr bool integral = std::is_integral_v<U> && !std::is_same_v<U, bool> &&
				  !std::is_same_v<U, char>;
	switch (c) {
	case Conv::Signed32:
		return integral && std::is_signed_v<U> && sizeof(U) <= 4;
	case Conv::Unsigned32:
		return integral && std::is_unsigned_v<U> && sizeof(U) <= 4;
	case Conv::Signed64:
		return integral && std::is_signed_v<U> && sizeof(U) <= 8;
	case Conv::Unsigned64:
		return integral && std::is_unsigned_v<U> && sizeof(U) <= 8;
	case Conv::Char:
		return std::is_same_v<U, char>;
	case Conv::Ptr:
		return is_ptr_v<U>;
	case Conv::Str:
		return is_str_v<std::remove_reference_t<T>> || is_str_v<U>;
	}
	return false;
}

// Not constexpr: reaching one of these in a consteval check is the error,
// and the compiler names it in its diagnostic.
void trace_printk_error_too_many_arguments_at_most_3();
void trace_printk_error_more_conversions_than_arguments();
void trace_printk_error_more_arguments_than_conversions();
void trace_printk_error_unsupported_conversion();
void trace_printk_error_argument_type_does_not_match_conversion();
void trace_printk_error_format_must_end_in_a_conversion_or_text();

template <class... Args>
consteval void check_format(const char *f, usize n)
{
	constexpr Conv none = Conv::Str;
	Conv convs[3] = {none, none, none};
	usize nconv = 0;

	if (sizeof...(Args) > 3)
		trace_printk_error_too_many_arguments_at_most_3();
	for (usize i = 0; i + 1 < n; i++) {
		if (f[i] != '%')
			continue;
		i++;
		if (i + 1 >= n)
			trace_printk_error_format_must_end_in_a_conversion_or_text();
		if (f[i] == '%')
			continue;
		while (f[i] == '0' || f[i] == '+' || f[i] == '-' || f[i] == ' ')
			i++;
		while (f[i] >= '0' && f[i] <= '9')
			i++;
		int longs = 0;
		while (f[i] == 'l' && longs < 2) {
			longs++;
			i++;
		}
		Conv c;
		switch (f[i]) {
		case 'd':
		case 'i':
			c = longs ? Conv::Signed64 : Conv::Signed32;
			break;
		case 'u':
		case 'x':
		case 'X':
			c = longs ? Conv::Unsigned64 : Conv::Unsigned32;
			break;
		case 'c':
			if (longs)
				trace_printk_error_unsupported_conversion();
			c = Conv::Char;
			break;
		case 'p':
			if (longs)
				trace_printk_error_unsupported_conversion();
			c = Conv::Ptr;
			break;
		case 's':
			if (longs)
				trace_printk_error_unsupported_conversion();
			c = Conv::Str;
			break;
		default:
			trace_printk_error_unsupported_conversion();
			c = none;
		}
		if (nconv == 3)
			trace_printk_error_too_many_arguments_at_most_3();
		convs[nconv++] = c;
	}
	if (nconv > sizeof...(Args))
		trace_printk_error_more_conversions_than_arguments();
	if (nconv < sizeof...(Args))
		trace_printk_error_more_arguments_than_conversions();
	usize k = 0;
	bool ok = true;
	((ok = ok && arg_matches<Args>(convs[k++])), ...);
	if (!ok)
		trace_printk_error_argument_type_does_not_match_conversion();
}

template <class T>
u64 to_arg(const T &v)
{
	using U = std::remove_cvref_t<T>;
	if constexpr (is_ptr_v<U>)
		return v.addr();
	else if constexpr (std::is_array_v<std::remove_reference_t<T>>)
		return nul_terminated(v);
	else if constexpr (is_str_v<U> && requires { v.chars(); })
		return reinterpret_cast<u64>(&v.chars().elems_[0]);	// Str: always terminated
	else if constexpr (is_str_v<U>)
		return nul_terminated(v.elems_);			// Array<char, N>
	else
		return static_cast<u64>(v);
}

} // namespace detail

// A format string literal checked against the argument types.
template <class... Args>
struct FormatString {
	template <usize N>
	consteval FormatString(const char (&s)[N]) : str(s), size(N)
	{
		detail::check_format<Args...>(s, N);
	}
	const char *str;
	u32 size;
};

template <class... Args>
inline long trace_printk(FormatString<std::type_identity_t<const Args &>...> fmt,
			 const Args &...args)
{
	u64 a[3] = {0, 0, 0};
	usize i = 0;
	((a[i++] = detail::to_arg(args)), ...);
	return rt::bpf_trace_printk(fmt.str, fmt.size, a[0], a[1], a[2]);
}

} // namespace iu
