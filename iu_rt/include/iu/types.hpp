// SPDX-License-Identifier: GPL-2.0
// Fixed-size integer names used across iu_rt and extensions.
#pragma once

#include <cstddef>
#include <cstdint>

namespace iu {

using u8 = std::uint8_t;
using u16 = std::uint16_t;
using u32 = std::uint32_t;
using u64 = std::uint64_t;
using s8 = std::int8_t;
using s16 = std::int16_t;
using s32 = std::int32_t;
using s64 = std::int64_t;
using usize = std::size_t;

// Integer limits (std::numeric_limits drags in long double, which the
// kernel code model (-mgeneral-regs-only) does not allow).
template <class T>
struct limits {
	static_assert(__is_integral(T));
	static constexpr bool is_signed = T(-1) < T(0);
	static constexpr T max()
	{
		return is_signed ? T((T(1) << (sizeof(T) * 8 - 2)) - 1 + (T(1) << (sizeof(T) * 8 - 2)))
				 : T(~T(0));
	}
	static constexpr T min() { return is_signed ? T(-max() - 1) : T(0); }
};

} // namespace iu
