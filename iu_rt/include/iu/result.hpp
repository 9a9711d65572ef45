// SPDX-License-Identifier: GPL-2.0
// Rust-style Option and Result: no exceptions, no null, explicit handling.
// Taking the value of an empty Option or an Err panics the invocation.
//
// Both hold values, never references (there is no Option<T &>: a reference
// holder could be kept past what it refers to). value() lends the held value
// for as long as the Option lives; copy it to keep it longer. Neither can be
// assigned to: a lent value then stays what it was (and of its type: Result
// keeps the value and the error in one storage) for as long as the lender
// lives; make a new one instead.
#pragma once

#include <iu/panic.hpp>
#include <iu/safety.hpp>
#include <iu/types.hpp>
#include <type_traits>
#include <utility>

namespace iu {

struct NoneType {
	explicit constexpr NoneType(int) {}
};
inline constexpr NoneType None{0};

namespace detail {
// A callable iu_rt calls directly: a lambda or another class with operator(),
// never a function reference (that would be an indirect call).
template <class F>
concept Callable = std::is_class_v<std::remove_cvref_t<F>>;
} // namespace detail

template <class T>
class [[nodiscard]] IU_OPAQUE IU_VALUE(0) Option {
	static_assert(!std::is_reference_v<T>, "Option holds values, not references");
	static_assert(std::is_trivially_copyable_v<T>, "Option<T> holds plain values");

public:
	constexpr Option() : has_(false) {}
	constexpr Option(NoneType) : has_(false) {}
	constexpr Option(const T &v) : has_(true), v_(v) {}
	constexpr Option(const Option &) = default;
	Option &operator=(const Option &) = delete;

	constexpr bool is_some() const { return has_; }
	constexpr bool is_none() const { return !has_; }
	constexpr explicit operator bool() const { return has_; }

	constexpr const T &value() const [[clang::lifetimebound]]
	{
		if (!has_)
			panic("Option::value() on None");
		return v_.v;
	}
	constexpr T value_or(const T &dflt) const { return has_ ? v_.v : dflt; }

	template <detail::Callable F>
	constexpr auto map(F f) const -> Option<decltype(f(std::declval<const T &>()))>
	{
		if (!has_)
			return None;
		return f(v_.v);
	}

private:
	bool has_;
	// None zero-fills the storage: no byte of an Option is left uninitialised.
	union Storage {
		constexpr Storage() : raw{} {}
		constexpr Storage(const T &x) : v(x) {}
		unsigned char raw[sizeof(T)];
		T v;
	} v_;
};

// Errors are negative errno values, as BPF helpers return them.
struct Error {
	s64 code;
};

template <class T>
class [[nodiscard]] IU_OPAQUE IU_VALUE(0) Result {
	static_assert(!std::is_reference_v<T>, "Result holds values, not references");
	static_assert(std::is_trivially_copyable_v<T>, "Result<T> holds plain values");

public:
	constexpr Result(const T &v) : ok_(true), v_(v) {}
	constexpr Result(Error e) : ok_(false), v_(e) {}
	constexpr Result(const Result &) = default;
	Result &operator=(const Result &) = delete;

	constexpr bool is_ok() const { return ok_; }
	constexpr bool is_err() const { return !ok_; }
	constexpr explicit operator bool() const { return ok_; }

	constexpr const T &value() const [[clang::lifetimebound]]
	{
		if (!ok_)
			panic("Result::value() on an error");
		return v_.v;
	}
	constexpr T value_or(const T &dflt) const { return ok_ ? v_.v : dflt; }
	constexpr s64 error() const { return ok_ ? 0 : v_.e.code; }
	constexpr Option<T> ok() const { return ok_ ? Option<T>(v_.v) : Option<T>(None); }

	template <detail::Callable F>
	constexpr auto map(F f) const -> Result<decltype(f(std::declval<const T &>()))>
	{
		if (!ok_)
			return v_.e;
		return f(v_.v);
	}

private:
	bool ok_;
	// An error zero-fills the storage before it records the code.
	union Storage {
		constexpr Storage(const T &x) : v(x) {}
		constexpr Storage(Error x) : raw{} { e = x; }
		unsigned char raw[sizeof(T) > sizeof(Error) ? sizeof(T) : sizeof(Error)];
		T v;
		Error e;
	} v_;
};

// Result<void>: success or an error code.
template <>
class [[nodiscard]] IU_OPAQUE Result<void> {
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
