// SPDX-License-Identifier: GPL-2.0
// Program declarations: each IU_KPROBE/IU_KRETPROBE/IU_TRACEPOINT emits a
// descriptor (struct iu_prog_desc) in a section named like libbpf's SEC name,
// and an entry point that builds the typed context and calls the program.
// The license, as for eBPF: IU_LICENSE("GPL").
//
// The context comes from the section, not from the program: a kprobe or
// kretprobe program takes `const iu::KprobeCtx &`, a tracepoint program
// `const iu::TracepointCtx<R> &` with R the generated record type of exactly
// the event it names; anything else is a compile error. Contexts are made
// only here (their constructors are private) and cannot be copied.
#pragma once

#include <iu/rt/abi.hpp>
#include <iu/rt/runtime.hpp>
#include <type_traits>

namespace iu::detail {

// Context<Ctx>: a program context type, its size in the kernel's context
// (what the descriptor declares) and the sections it belongs to. Specialised
// by kprobe.hpp and tracepoint.hpp only.
template <class Ctx>
struct Context {
	static constexpr bool valid = false;
	static constexpr u32 size = 0;
	template <usize N>
	static consteval bool fits(const char (&)[N])
	{
		return false;
	}
};

// Advance @p past @prefix if it starts with it.
consteval bool eat(const char *&p, const char *prefix)
{
	const char *q = p;
	while (*prefix)
		if (*q++ != *prefix++)
			return false;
	p = q;
	return true;
}

// Does @fn take exactly `const Ctx &` and return an integer? One overload per
// integer type, so that a function template (`int f(const auto &ctx)`) is
// deduced against the exact signature and instantiated with Ctx.
template <class Ctx, class F>
consteval bool takes(F &)
{
	return false;
}
#define IU_TAKES_(R)                                                                       \
	template <class Ctx>                                                               \
	consteval bool takes(R (&)(const Ctx &))                                           \
	{                                                                                  \
		return true;                                                               \
	}
IU_TAKES_(bool)
IU_TAKES_(char)
IU_TAKES_(signed char)
IU_TAKES_(unsigned char)
IU_TAKES_(short)
IU_TAKES_(unsigned short)
IU_TAKES_(int)
IU_TAKES_(unsigned int)
IU_TAKES_(long)
IU_TAKES_(unsigned long)
IU_TAKES_(long long)
IU_TAKES_(unsigned long long)
#undef IU_TAKES_

// The entry machinery: the only code that makes contexts (their friend).
// @call is a generic lambda calling the program; it is instantiated only
// for a program that takes this context (otherwise IU_PROGRAM_ has already
// said why, and nothing more needs to be reported).
struct Entry {
	template <class Ctx, bool Ok, class F>
	static u64 run(F call, void *raw)
	{
		if constexpr (Ok) {
			const Ctx ctx(raw);
			return static_cast<u64>(call(ctx));
		} else {
			return 0;
		}
	}
};

} // namespace iu::detail

// sec: the section ("kprobe/<symbol>", ...); fn: the program; Ctx: its
// context type; on: false when an error was already reported (no more noise);
// what, ctxname: for messages.
#define IU_PROGRAM_(sec, fn, Ctx, on, what, ctxname)                                       \
	static_assert(sizeof(#fn) <= IU_PROG_NAME_LEN,                                     \
		      "program name " #fn " is longer than 15 characters");                \
	static_assert(!(on) || ::iu::detail::takes<Ctx>(fn),                               \
		      what ": " #fn " must take `" ctxname "` and return an integer");      \
	static_assert(!(on) || ::iu::detail::Context<Ctx>::fits(sec),                      \
		      what ": the section " sec " does not belong to the context " ctxname); \
	extern "C" [[gnu::used]] ::iu::u64 __iu_entry_##fn(void *ctx)                      \
	{                                                                                  \
		return ::iu::detail::Entry::run<Ctx, (on) && ::iu::detail::takes<Ctx>(fn)>( \
			[](const auto &c) { return fn(c); }, ctx);                         \
	}                                                                                  \
	[[gnu::section(sec), gnu::used, gnu::retain]] const ::iu::rt::ProgDesc __iu_desc_##fn = {      \
		sizeof(::iu::rt::ProgDesc), IU_ABI_VERSION, __iu_entry_##fn, #fn, 0, IU_PROG_F_GUARDED,  \
		::iu::detail::Context<Ctx>::size, 0}

#define IU_LICENSE(text)                                                                   \
	extern "C" [[gnu::section("license"), gnu::used, gnu::retain]] const char _license[] = text
