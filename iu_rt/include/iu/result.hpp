// SPDX-License-Identifier: GPL-2.0
// Rust-style Option and Result: no exceptions, no null, explicit handling.
// Taking the value of an empty Option or an Err panics the invocation.
#pragma once

#include <iu/panic.hpp>
#include <iu/types.hpp>
#include <type_traits>
#include <utility>

namespace iu {

struct NoneType {
	explicit constexpr NoneType(int) {}
};
inline constexpr NoneType None{0};

template <class T>
class [[nodiscard]] Option {
	static_assert(std::is_trivially_copyable_v<T>, "Option<T> holds plain values");

public:
	constexpr Option() : has_(false) {}
	constexpr Option(NoneType) : has_(false) {}
	constexpr Option(const T &v) : has_(true), v_(v) {}

	constexpr bool is_some() const { return has_; }
	constexpr bool is_none() const { return !has_; }
	constexpr explicit operator bool() const { return has_; }

	constexpr const T &value() const
	{
		if (!has_)
			panic("Option::value() on None");
		return v_.v;
	}
	constexpr T value_or(const T &dflt) const { return has_ ? v_.v : dflt; }

	template <class F>
	constexpr auto map(F f) const -> Option<decltype(f(std::declval<const T &>()))>
	{
		if (!has_)
			return None;
		return f(v_.v);
	}

private:
	bool has_;
	union Storage {
		constexpr Storage() : none() {}
		constexpr Storage(const T &x) : v(x) {}
		char none;
		T v;
	} v_;
};

// An optional reference (what Array::get returns).
template <class T>
class [[nodiscard]] Option<T &> {
public:
	constexpr Option() : p_(nullptr) {}
	constexpr Option(NoneType) : p_(nullptr) {}
	constexpr Option(T &r) : p_(&r) {}

	constexpr bool is_some() const { return p_ != nullptr; }
	constexpr bool is_none() const { return p_ == nullptr; }
	constexpr explicit operator bool() const { return p_ != nullptr; }

	constexpr T &value() const
	{
		if (!p_)
			panic("Option::value() on None");
		return *p_;
	}

private:
	T *p_;
};

// Errors are negative errno values, as BPF helpers return them.
struct Error {
	s64 code;
};

template <class T>
class [[nodiscard]] Result {
	static_assert(std::is_trivially_copyable_v<T>, "Result<T> holds plain values");

public:
	constexpr Result(const T &v) : ok_(true), v_(v) {}
	constexpr Result(Error e) : ok_(false), v_(e) {}

	constexpr bool is_ok() const { return ok_; }
	constexpr bool is_err() const { return !ok_; }
	constexpr explicit operator bool() const { return ok_; }

	constexpr const T &value() const
	{
		if (!ok_)
			panic("Result::value() on an error");
		return v_.v;
	}
	constexpr T value_or(const T &dflt) const { return ok_ ? v_.v : dflt; }
	constexpr s64 error() const { return ok_ ? 0 : v_.e.code; }
	constexpr Option<T> ok() const { return ok_ ? Option<T>(v_.v) : Option<T>(None); }

	template <class F>
	constexpr auto map(F f) const -> Result<decltype(f(std::declval<const T &>()))>
	{
		if (!ok_)
			return v_.e;
		return f(v_.v);
	}

private:
	bool ok_;
	union Storage {
		constexpr Storage(const T &x) : v(x) {}
		constexpr Storage(Error x) : e(x) {}
		T v;
		Error e;
	} v_;
};

// Result<void>: success or an error code.
template <>
class [[nodiscard]] Result<void> {
public:
	constexpr Result() : err_(0) {}
	constexpr Result(Error e) : err_(e.code) {}
	constexpr bool is_ok() const { return err_ == 0; }
	constexpr bool is_err() const { return err_ != 0; }
	constexpr explicit operator bool() const { return err_ == 0; }
	constexpr s64 error() const { return err_; }

private:
	s64 err_;
};

} // namespace iu
