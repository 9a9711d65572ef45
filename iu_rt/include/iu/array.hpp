// SPDX-License-Identifier: GPL-2.0
// Fixed-size arrays with bounds-checked access: indexing out of range panics
// the invocation; get() returns an Option copy instead, and with() lends an
// element to a callback.
//
//   iu::Array<u64, 4> a{};
//   a[i] += 1;                              // panics if i >= 4
//   u64 v = a.get(i).value_or(0);           // a copy, or the default
//   a.with(i, [&](u64 &slot) { slot++; });  // false if i >= 4
//   for (u64 &x : a) x = 0;                 // range-for
//
// Element references (a[i], iu::at(arr, i)) borrow from the array
// ([[clang::lifetimebound]]); iu-safe accepts them only where the array
// outlives the reference. Iterators are internal: range-for uses them, user
// code cannot name or keep them.
#pragma once

#include <iu/panic.hpp>
#include <iu/result.hpp>
#include <iu/safety.hpp>
#include <iu/types.hpp>

namespace iu {

template <class T, usize N>
struct IU_VALUE(0) Array {
	static_assert(N > 0, "zero-length arrays are not supported");
	static_assert(!std::is_reference_v<T>);

	T elems_[N];	// public so that Array is an aggregate: Array<int, 3> a{1, 2, 3}

	static constexpr usize size() { return N; }

	constexpr T &operator[](usize i) [[clang::lifetimebound]]
	{
		if (i >= N)
			panic("array index out of bounds");
		return elems_[i];
	}
	constexpr const T &operator[](usize i) const [[clang::lifetimebound]]
	{
		if (i >= N)
			panic("array index out of bounds");
		return elems_[i];
	}

	// A copy of element i, or None.
	constexpr Option<T> get(usize i) const { return i < N ? Option<T>(elems_[i]) : None; }

	// Calls f(element i) if i is in range; returns whether it did. The
	// element is lent to f for the call only.
	template <detail::Callable F>
	constexpr bool with(usize i, F &&f)
	{
		if (i >= N)
			return false;
		f(elems_[i]);
		return true;
	}
	template <detail::Callable F>
	constexpr bool with(usize i, F &&f) const
	{
		if (i >= N)
			return false;
		f(elems_[i]);
		return true;
	}

	constexpr void fill(const T &v)
	{
		for (usize i = 0; i < N; i++)
			elems_[i] = v;
	}

private:
	template <class A>
	class Iter {
	public:
		constexpr auto &operator*() const [[clang::lifetimebound]] { return (*a_)[i_]; }
		constexpr Iter &operator++() [[clang::lifetimebound]]
		{
			i_++;
			return *this;
		}
		constexpr bool operator!=(const Iter &o) const { return i_ != o.i_; }

	private:
		friend struct Array;
		constexpr Iter(A *a, usize i) : a_(a), i_(i) {}
		A *a_;
		usize i_;
	};

public:
	// For range-for only (iu-safe refuses keeping an iterator).
	constexpr Iter<Array> begin() [[clang::lifetimebound]] { return {this, 0}; }
	constexpr Iter<Array> end() [[clang::lifetimebound]] { return {this, N}; }
	constexpr Iter<const Array> begin() const [[clang::lifetimebound]] { return {this, 0}; }
	constexpr Iter<const Array> end() const [[clang::lifetimebound]] { return {this, N}; }
};

// Bounds-checked element of a built-in array (such as the fields of kernel
// uapi structs): iu::at(sd.args, 2).
template <class T, usize N>
constexpr T &at(T (&a)[N] [[clang::lifetimebound]], usize i)
{
	if (i >= N)
		panic("array index out of bounds");
	return a[i];
}

} // namespace iu
