// SPDX-License-Identifier: GPL-2.0
// bpf_probe_read_kernel as a value: the primitive under iu::probe_read_kernel,
// which the runtime's checked part (iu_rt/checked/probe_read_kernel.hpp,
// checked like a program's own code) builds on.
//
//   iu::RawRead<T> r = iu::probe_read_kernel_raw(src);
//   r.err     0, or the helper's negative errno
//   r.value   the sizeof(T) bytes at src; all zero when the read failed
//
// The bytes are read into a T of its own (a complete object, never one the
// caller lends: a reference could be a base or [[no_unique_address]]
// subobject whose tail another object shares), through the kernel's
// fault-tolerant copy, and handed out as a value. Any bytes are a valid T:
// T must be plain data (IU_PLAIN_DATA, checked by iu-safe), so the result
// gives a program nothing that an integer it computed would not.
#pragma once

#include <iu/ptr.hpp>
#include <iu/rt/abi.hpp>
#include <iu/safety.hpp>
#include <type_traits>

namespace iu {

namespace detail {
template <class T>
concept Plain = std::is_trivially_copyable_v<T> && !std::is_pointer_v<T> &&
		!std::is_reference_v<T> && !std::is_polymorphic_v<T> &&
		!std::is_const_v<T> && !std::is_volatile_v<T>;
} // namespace detail

template <detail::Plain T>
struct IU_PLAIN_DATA(0) RawRead {
	T value;
	long err;
};

template <detail::Plain T>
IU_PLAIN_DATA(0) inline RawRead<T> probe_read_kernel_raw(KernelPtr<T> src)
{
	RawRead<T> r{};
	r.err = rt::bpf_probe_read_kernel(__builtin_addressof(r.value), sizeof(T), src.addr());
	return r;
}

} // namespace iu
