// SPDX-License-Identifier: GPL-2.0
// Tracepoint programs: the context is the event's record, read in place,
// with the record type the kernel's own format of that event describes
// (generated: <iu/tp/record.hpp>). IU_TRACEPOINT names the event and so the
// record type; the program must take exactly that context.
//
//   #include <iu/tp/syscalls.hpp>
//   static int on_dup(const iu::TracepointCtx<iu::tp::syscalls::sys_enter_dup> &ctx) {
//           iu::u64 fd = ctx->fildes;
//           ...
//   }
//   IU_TRACEPOINT(syscalls, sys_enter_dup, on_dup);
//
// Syscall events are in <iu/tp/syscalls.hpp>; every event of one kernel is
// in that kernel's <iu/tracepoints.hpp> (scripts/tp-header KVER DIR, then
// iu-cc --kernel-types DIR). The file records the record's size, and the
// kernel refuses to attach the program to an event whose record is smaller.
#pragma once

#include <iu/prog.hpp>
#include <iu/safety.hpp>
#include <iu/tp/record.hpp>

namespace iu {

template <class R>
class IU_OPAQUE TracepointCtx {
	static_assert(tp::is_record<R>,
		      "iu::TracepointCtx<R>: R must be a record type generated from the kernel's "
		      "event format (iu::tp::<system>::<event> from <iu/tp/syscalls.hpp> or "
		      "<iu/tracepoints.hpp>), not a type of the program's own");

public:
	TracepointCtx(const TracepointCtx &) = delete;
	TracepointCtx &operator=(const TracepointCtx &) = delete;

	// The record, read-only, for as long as the context is alive.
	const R &fields() const [[clang::lifetimebound]] { return *r_; }
	const R *operator->() const [[clang::lifetimebound]] { return r_; }

private:
	// Only the entry point makes contexts, from the kernel's pointer.
	friend struct detail::Entry;
	explicit TracepointCtx(const void *raw) : r_(static_cast<const R *>(raw)) {}

	const R *r_;
};

namespace detail {

template <class R>
consteval u32 record_size()
{
	if constexpr (tp::is_record<R>)
		return tp::Record<R>::size;
	else
		return 0;
}

template <class R>
struct Context<TracepointCtx<R>> {
	static constexpr bool valid = tp::is_record<R>;
	static constexpr u32 size = record_size<R>();
	// "tracepoint/<system>/<event>" of R, and nothing else.
	template <usize N>
	static consteval bool fits(const char (&sec)[N])
	{
		if constexpr (tp::is_record<R>) {
			const char *p = sec;
			return eat(p, "tracepoint/") && eat(p, tp::Record<R>::system) &&
			       eat(p, "/") && eat(p, tp::Record<R>::event) && !*p;
		} else {
			return false;
		}
	}
};

template <tp::Name S, tp::Name E>
struct record_of {
	struct None {
	};
	using type = None;
};
template <tp::Name S, tp::Name E>
	requires(tp::Event<S, E>::known)
struct record_of<S, E> {
	using type = typename tp::Event<S, E>::type;
};

} // namespace detail
} // namespace iu

#define IU_TRACEPOINT(category, name, fn)                                                  \
	static_assert(::iu::tp::Event<#category, #name>::known,                            \
		      "IU_TRACEPOINT(" #category ", " #name ", " #fn "): no record type for "      \
		      "the tracepoint " #category "/" #name ". Syscall events are in "             \
		      "<iu/tp/syscalls.hpp>; for other events include <iu/tracepoints.hpp>, "     \
		      "generated for the target kernel by scripts/tp-header KVER DIR "             \
		      "(build with iu-cc --kernel-types DIR)");                                    \
	using __iu_ctx_##fn = ::iu::TracepointCtx<::iu::detail::record_of<#category, #name>::type>; \
	IU_PROGRAM_("tracepoint/" #category "/" #name, fn, __iu_ctx_##fn,                  \
		    (::iu::tp::Event<#category, #name>::known),                                \
		    "IU_TRACEPOINT(" #category ", " #name ", " #fn ")",                          \
		    "const iu::TracepointCtx<iu::tp::" #category "::" #name "> &")
