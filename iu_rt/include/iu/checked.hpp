// SPDX-License-Identifier: GPL-2.0
// Checked integer arithmetic: the checked_* forms return None on overflow,
// the plain forms panic (Rust's debug-mode semantics, always on).
#pragma once

#include <concepts>
#include <iu/panic.hpp>
#include <iu/result.hpp>

namespace iu {

template <std::integral T>
constexpr Option<T> checked_add(T a, T b)
{
	T r;
	return __builtin_add_overflow(a, b, &r) ? Option<T>(None) : Option<T>(r);
}
template <std::integral T>
constexpr Option<T> checked_sub(T a, T b)
{
	T r;
	return __builtin_sub_overflow(a, b, &r) ? Option<T>(None) : Option<T>(r);
}
template <std::integral T>
constexpr Option<T> checked_mul(T a, T b)
{
	T r;
	return __builtin_mul_overflow(a, b, &r) ? Option<T>(None) : Option<T>(r);
}
template <std::integral T>
constexpr Option<T> checked_div(T a, T b)
{
	if (b == 0 || (std::is_signed_v<T> && a == limits<T>::min() && b == T(-1)))
		return None;
	return a / b;
}

template <std::integral T>
constexpr T add(T a, T b)
{
	T r;
	if (__builtin_add_overflow(a, b, &r))
		panic("integer overflow in add");
	return r;
}
template <std::integral T>
constexpr T sub(T a, T b)
{
	T r;
	if (__builtin_sub_overflow(a, b, &r))
		panic("integer overflow in sub");
	return r;
}
template <std::integral T>
constexpr T mul(T a, T b)
{
	T r;
	if (__builtin_mul_overflow(a, b, &r))
		panic("integer overflow in mul");
	return r;
}
template <std::integral T>
constexpr T div(T a, T b)
{
	if (b == 0)
		panic("division by zero");
	if (std::is_signed_v<T> && a == limits<T>::min() && b == T(-1))
		panic("integer overflow in div");
	return a / b;
}

} // namespace iu
