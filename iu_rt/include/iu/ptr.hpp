// SPDX-License-Identifier: GPL-2.0
// Addresses an extension may hold but never dereference: kernel and user
// addresses are only read through the probe_read helpers (probe.hpp), which
// fault safely. They print with %p.
#pragma once

#include <iu/types.hpp>
#include <type_traits>

namespace iu {

template <class T>
class KernelPtr {
	static_assert(!std::is_reference_v<T>, "KernelPtr<T>: T is the pointee type");

public:
	constexpr KernelPtr() : addr_(0) {}
	constexpr explicit KernelPtr(u64 addr) : addr_(addr) {}
	constexpr u64 addr() const { return addr_; }
	constexpr bool is_null() const { return addr_ == 0; }
	// The address of element @i of an array starting here (not dereferenced).
	constexpr KernelPtr at(u64 i) const { return KernelPtr(addr_ + i * sizeof(T)); }

private:
	u64 addr_;
};

template <class T>
class UserPtr {
	static_assert(!std::is_reference_v<T>, "UserPtr<T>: T is the pointee type");

public:
	constexpr UserPtr() : addr_(0) {}
	constexpr explicit UserPtr(u64 addr) : addr_(addr) {}
	constexpr u64 addr() const { return addr_; }
	constexpr bool is_null() const { return addr_ == 0; }
	constexpr UserPtr at(u64 i) const { return UserPtr(addr_ + i * sizeof(T)); }

private:
	u64 addr_;
};

// The address of a member of the object at @p, as a typed pointer:
//   KernelPtr<u32> nr = IU_FIELD(task, struct task_struct, pid);
#define IU_FIELD(p, type, member)                                                          \
	(::iu::detail::field_ptr<__typeof__(static_cast<type *>(nullptr)->member)>(        \
		(p), __builtin_offsetof(type, member)))

namespace detail {
template <class M, template <class> class P, class T>
constexpr P<M> field_ptr(P<T> p, u64 off)
{
	return P<M>(p.addr() + off);
}
} // namespace detail

} // namespace iu
