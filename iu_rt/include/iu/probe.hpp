// SPDX-License-Identifier: GPL-2.0
// Reading kernel and user memory that the extension does not own: through
// the kernel's fault-tolerant helpers, into values the extension does own.
//
//   iu::Result<seccomp_data> sd = iu::probe_read_kernel(iu::KernelPtr<seccomp_data>(addr));
//   if (sd.is_err()) ...            // sd.error() is the helper's -errno
//
// The bytes read can be anything, so the value read must be plain data
// (IU_PLAIN_DATA, checked by iu-safe): integers, enumerations and arrays or
// structs of them; never a pointer, a reference, a type holding one (a
// context, an iterator, std::initializer_list, a closure) or an iu_rt type
// with invariants (Str, Option).
#pragma once

#include <iu/array.hpp>
#include <iu/probe_raw.hpp>
#include <iu/ptr.hpp>
#include <iu/result.hpp>
#include <iu/rt/abi.hpp>
#include <iu/safety.hpp>
#include <iu/str.hpp>
#include <type_traits>

// Its body is the runtime's checked part (checked like a program; the
// tracex5 assignment has students write it). Included here, at file scope,
// by its path next to this directory: iu_rt/checked is not an include
// directory, and a program cannot put another file in its place.
#include "../../checked/probe_read_kernel.hpp"

namespace iu {

// bpf_probe_read_kernel: on failure an Error with the helper's negative
// errno (iu_rt/checked/probe_read_kernel.hpp).
//
// The one place where trusted code names an entity the checked part
// declares, so the name must be what it seems: a function of exactly this
// type. Spelled as a plain call, `iu_checked::probe_read_kernel(src)` would
// also compile if the checked part made the name a type (`using
// probe_read_kernel = Evil &;`: a cast of src in trusted code, the hostile
// review's round 4), a variable with an operator(), or an overload set.
// decltype of the template-id is the function type only for one function
// template specialisation; anything else fails here or does not compile.
template <detail::Plain T>
IU_PLAIN_DATA(0) inline Result<T> probe_read_kernel(KernelPtr<T> src)
{
	static_assert(std::is_same_v<decltype(iu_checked::probe_read_kernel<T>), Result<T>(KernelPtr<T>)>,
		      "iu_rt/checked/probe_read_kernel.hpp must define exactly one "
		      "`template <class T> iu::Result<T> probe_read_kernel(iu::KernelPtr<T>)` "
		      "in namespace iu_checked");
	return iu_checked::probe_read_kernel<T>(src);
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
IU_PLAIN_DATA(0) inline Result<T> probe_read_user(UserPtr<T> src)
{
	T v;
	long err = rt::bpf_probe_read_user(__builtin_addressof(v), sizeof(T), src.addr());
	if (err < 0)
		return Error{err};
	return v;
}

// A NUL-terminated string of at most N-1 characters; Str::len() is what the
// helper returned (NUL included).
template <usize N>
inline Result<Str<N>> probe_read_kernel_str(KernelPtr<char> src)
{
	Str<N> s{};
	long n = rt::bpf_probe_read_kernel_str(detail::StrAccess::buf(s), N, src.addr());
	if (n < 0)
		return Error{n};
	detail::StrAccess::terminate(s);
	detail::StrAccess::set_len(s, static_cast<u32>(n));
	return s;
}

template <usize N>
inline Result<Str<N>> probe_read_user_str(UserPtr<char> src)
{
	Str<N> s{};
	long n = rt::bpf_probe_read_user_str(detail::StrAccess::buf(s), N, src.addr());
	if (n < 0)
		return Error{n};
	detail::StrAccess::terminate(s);
	detail::StrAccess::set_len(s, static_cast<u32>(n));
	return s;
}

} // namespace iu
