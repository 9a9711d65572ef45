// SPDX-License-Identifier: GPL-2.0
// Fixed-size arrays with bounds-checked access: indexing out of range panics
// the invocation; get() returns an Option instead. Iteration is by index.
#pragma once

#include <iu/panic.hpp>
#include <iu/result.hpp>
#include <iu/types.hpp>

namespace iu {

template <class T, usize N>
struct Array {
	static_assert(N > 0, "zero-length arrays are not supported");

	T elems_[N];	// public so that Array is an aggregate: Array<int, 3> a{1, 2, 3}

	static constexpr usize size() { return N; }

	constexpr T &operator[](usize i)
	{
		if (i >= N)
			panic("array index out of bounds");
		return elems_[i];
	}
	constexpr const T &operator[](usize i) const
	{
		if (i >= N)
			panic("array index out of bounds");
		return elems_[i];
	}
	constexpr Option<T &> get(usize i) { return i < N ? Option<T &>(elems_[i]) : None; }
	constexpr Option<const T &> get(usize i) const
	{
		return i < N ? Option<const T &>(elems_[i]) : None;
	}

	constexpr void fill(const T &v)
	{
		for (usize i = 0; i < N; i++)
			elems_[i] = v;
	}

	template <class A>
	struct Iter {
		A *a;
		usize i;
		constexpr auto &operator*() const { return (*a)[i]; }
		constexpr Iter &operator++()
		{
			i++;
			return *this;
		}
		constexpr bool operator!=(const Iter &o) const { return i != o.i; }
	};
	constexpr Iter<Array> begin() { return {this, 0}; }
	constexpr Iter<Array> end() { return {this, N}; }
	constexpr Iter<const Array> begin() const { return {this, 0}; }
	constexpr Iter<const Array> end() const { return {this, N}; }
};

// Bounds-checked element of a built-in array (such as the fields of kernel
// uapi structs): iu::at(sd.args, 2).
template <class T, usize N>
constexpr T &at(T (&a)[N], usize i)
{
	if (i >= N)
		panic("array index out of bounds");
	return a[i];
}

} // namespace iu
