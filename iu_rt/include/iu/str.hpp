// SPDX-License-Identifier: GPL-2.0
// A NUL-terminated string of at most N-1 characters, made only by iu_rt
// (probe_read_*_str, current_comm) and always NUL-terminated: trace_printk
// prints it with %s without checking. Extensions read it, never write it.
#pragma once

#include <iu/array.hpp>
#include <iu/safety.hpp>
#include <iu/types.hpp>

namespace iu {

namespace detail {
struct StrAccess;
}

template <usize N>
class IU_OPAQUE Str {
	static_assert(N > 0, "a string needs room for its NUL");

public:
	constexpr Str() = default;	// the empty string

	// What the helper that made it returned: the length including the NUL.
	constexpr u32 len() const { return len_; }
	static constexpr usize capacity() { return N; }
	// Character i (bounds-checked; the NUL and what follows it read as 0).
	constexpr char operator[](usize i) const { return chars_[i]; }
	constexpr const Array<char, N> &chars() const [[clang::lifetimebound]] { return chars_; }

private:
	friend struct detail::StrAccess;
	Array<char, N> chars_{};
	u32 len_ = 0;
};

namespace detail {
// How iu_rt fills a Str: the helper writes at most N bytes, NUL included.
struct StrAccess {
	template <usize N>
	static char *buf(Str<N> &s) { return &s.chars_.elems_[0]; }
	template <usize N>
	static void set_len(Str<N> &s, u32 n) { s.len_ = n; }
	// The helper ran out of room or failed: keep the invariant anyway.
	template <usize N>
	static void terminate(Str<N> &s) { s.chars_.elems_[N - 1] = 0; }
};
} // namespace detail

} // namespace iu
