// SPDX-License-Identifier: GPL-2.0
// Program declarations: each IU_KPROBE/IU_KRETPROBE/IU_TRACEPOINT emits a
// descriptor (struct iu_prog_desc) in a section named like libbpf's SEC name,
// and an entry point that builds the typed context and calls the program.
// The license, as for eBPF: IU_LICENSE("GPL").
#pragma once

#include <iu/rt/abi.hpp>
#include <iu/rt/runtime.hpp>
#include <type_traits>

namespace iu::detail {

template <class R, class Ctx>
inline u64 invoke(R (&fn)(Ctx &), void *raw)
{
	static_assert(std::is_integral_v<R>, "a program returns an integer");
	std::remove_cvref_t<Ctx> ctx(raw);
	return static_cast<u64>(fn(ctx));
}

} // namespace iu::detail

#define IU_PROGRAM_(sec, fn)                                                               \
	static_assert(sizeof(#fn) <= IU_PROG_NAME_LEN,                                     \
		      "program name " #fn " is longer than 15 characters");                \
	extern "C" [[gnu::used]] ::iu::u64 __iu_entry_##fn(void *ctx)                      \
	{                                                                                  \
		return ::iu::detail::invoke(fn, ctx);                                      \
	}                                                                                  \
	[[gnu::section(sec), gnu::used, gnu::retain]] const ::iu::rt::ProgDesc __iu_desc_##fn = {      \
		sizeof(::iu::rt::ProgDesc), IU_ABI_VERSION, __iu_entry_##fn, #fn, 0, 0}

#define IU_LICENSE(text)                                                                   \
	extern "C" [[gnu::section("license"), gnu::used, gnu::retain]] const char _license[] = text
