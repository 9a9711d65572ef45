// SPDX-License-Identifier: GPL-2.0
// Reading kernel and user memory that the extension does not own: through
// the kernel's fault-tolerant helpers, into values the extension does own.
//
//   iu::Result<seccomp_data> sd = iu::probe_read_kernel(iu::KernelPtr<seccomp_data>(addr));
//   if (sd.is_err()) ...            // sd.error() is the helper's -errno
#pragma once

#include <iu/array.hpp>
#include <iu/ptr.hpp>
#include <iu/result.hpp>
#include <iu/rt/abi.hpp>
#include <type_traits>

namespace iu {

namespace detail {
template <class T>
concept Plain = std::is_trivially_copyable_v<T> && !std::is_pointer_v<T>;
}

// bpf_probe_read_kernel: on failure the value is zero-filled and an Error
// with the helper's negative errno is returned.
template <detail::Plain T>
inline Result<T> probe_read_kernel(KernelPtr<T> src)
{
	T v;
	long err = rt::bpf_probe_read_kernel(&v, sizeof(T), src.addr());
	if (err < 0)
		return Error{err};
	return v;
}

// A pointer stored in kernel memory (a field of a kernel struct): read it as
// a KernelPtr, which can be followed with probe_read_kernel again.
//   KernelPtr<task_struct> parent = probe_read_kernel(IU_FIELD(task, task_struct, real_parent)).value();
template <class T>
inline Result<KernelPtr<T>> probe_read_kernel(KernelPtr<T *> src)
{
	u64 v;
	long err = rt::bpf_probe_read_kernel(&v, sizeof(v), src.addr());
	if (err < 0)
		return Error{err};
	return KernelPtr<T>(v);
}

template <detail::Plain T>
inline Result<T> probe_read_user(UserPtr<T> src)
{
	T v;
	long err = rt::bpf_probe_read_user(&v, sizeof(T), src.addr());
	if (err < 0)
		return Error{err};
	return v;
}

// A NUL-terminated string of at most N-1 characters; the Result holds the
// array, its length is what the helper returned (NUL included).
template <usize N>
struct Str {
	Array<char, N> chars;
	u32 len;
};

template <usize N>
inline Result<Str<N>> probe_read_kernel_str(KernelPtr<char> src)
{
	Str<N> s{};
	long n = rt::bpf_probe_read_kernel_str(&s.chars.elems_[0], N, src.addr());
	if (n < 0)
		return Error{n};
	s.len = static_cast<u32>(n);
	return s;
}

template <usize N>
inline Result<Str<N>> probe_read_user_str(UserPtr<char> src)
{
	Str<N> s{};
	long n = rt::bpf_probe_read_user_str(&s.chars.elems_[0], N, src.addr());
	if (n < 0)
		return Error{n};
	s.len = static_cast<u32>(n);
	return s;
}

} // namespace iu
