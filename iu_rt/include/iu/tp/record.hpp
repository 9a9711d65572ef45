// SPDX-License-Identifier: GPL-2.0
// Tracepoint records as the kernel describes them. Every record type comes
// from a generator (toolchain/tp/tpgen.py) run on the kernel's own event
// formats (/sys/kernel/tracing/events/<system>/<event>/format), never from
// the program: <iu/tp/syscalls.hpp> (committed; the syscall events, alike on
// every supported kernel) and <iu/tracepoints.hpp> (per kernel, from
// scripts/tp-header, found through iu-cc --kernel-types).
//
// A record type iu::tp::<system>::<event> has every field of the event at the
// kernel's offset, integers by the kernel's size and signedness, fixed arrays
// as iu::Array, __data_loc/__rel_loc fields as their u32 locator. It has no
// reference, pointer or mutable member, cannot be constructed or copied (only
// read in place through iu::TracepointCtx), and its first 8 bytes are not a
// field: the common_* fields of the format are where the kernel puts a
// struct pt_regs pointer for BPF programs, which the verifier hides from eBPF
// as well.
//
// Trusted: the specialisations below are made only by generated headers
// (user code cannot specialise iu templates: the iu-safe trusted-decl rule).
#pragma once

#include <iu/array.hpp>
#include <iu/types.hpp>
#include <type_traits>

namespace iu::tp {

// A string as a template argument: Event<"syscalls", "sys_enter_dup">.
template <usize N>
struct Name {
	char s[N];
	consteval Name(const char (&v)[N])
	{
		for (usize i = 0; i < N; i++)
			s[i] = v[i];
	}
};

// How a field is represented (the generator's choice, recorded for checks).
enum class FieldKind : u8 {
	Integer,	// uN / sN / char, as the format's size and signedness say
	Array,		// iu::Array of integers: "type name[N]"
	String,		// "char name[N]": iu::Array<char, N>, for trace_printk's %s
			// (char's signedness is the kernel build's, not compared)
	DataLoc,	// __data_loc / __rel_loc: the u32 locator (offset | length << 16)
	Opaque,		// anything else (structs, odd sizes, misaligned): iu::Array<u8, size>
};

// One field of a record, as the compiler lays it out (offsetof, sizeof,
// is_signed of the member: not numbers copied from the format).
struct Field {
	const char *name;	// the kernel's field name
	u32 offset;
	u32 size;
	bool is_signed;
	FieldKind kind;
};

// One record type of a generated header, for code that walks them all (the
// tests that compare them with a live kernel's formats).
struct EventInfo {
	const char *system;
	const char *event;
	u32 size;
	const Field *fields;
	usize nr_fields;
};

// Record<R>: what is known about generated record type R. The primary
// template has no members; `is_record<R>` tells whether R is generated.
template <class R>
struct Record {
	static constexpr bool generated = false;
};

template <class R>
inline constexpr bool is_record = Record<R>::generated;

// Event<System, Name>::type is the record type of that tracepoint, if a
// generated header that has it was included.
template <Name System, Name Event_>
struct Event {
	static constexpr bool known = false;
};

namespace detail {

template <class T>
struct element {
	using type = T;
};
template <class T, usize N>
struct element<Array<T, N>> {
	using type = T;
};

// The signedness of a field's integers (of its elements, for arrays).
template <class T>
inline constexpr bool field_signed = std::is_signed_v<typename element<T>::type>;

consteval bool same(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

// A generated header's own check of a field against the format it came from.
template <class R>
consteval bool field_is(const char *name, u32 offset, u32 size, bool is_signed, FieldKind kind)
{
	for (usize i = 0; i < Record<R>::nr_fields; i++) {
		const Field &f = Record<R>::fields[i];
		if (same(f.name, name))
			return f.offset == offset && f.size == size && f.kind == kind &&
			       (f.is_signed == is_signed || kind == FieldKind::String);
	}
	return false;
}

} // namespace detail
} // namespace iu::tp

// For generated headers only.
// The members every record type has: no construction, no copies.
#define IU_TP_RECORD_(T)                                                                   \
	T() = delete;                                                                      \
	T(const T &) = delete;                                                             \
	T &operator=(const T &) = delete;                                                  \
	~T() = default

// One entry of Record<R>::fields, from the compiler's layout of member M.
#define IU_TP_FIELD_(R, M, kname, kind)                                                    \
	::iu::tp::Field                                                                    \
	{                                                                                  \
		kname, __builtin_offsetof(R, M), sizeof(R::M),                             \
			::iu::tp::detail::field_signed<decltype(R::M)>, ::iu::tp::FieldKind::kind \
	}

// The EventInfo of record type R.
#define IU_TP_EVENT_INFO_(R)                                                               \
	::iu::tp::EventInfo                                                                \
	{                                                                                  \
		::iu::tp::Record<R>::system, ::iu::tp::Record<R>::event,                   \
			::iu::tp::Record<R>::size, ::iu::tp::Record<R>::fields,            \
			::iu::tp::Record<R>::nr_fields                                     \
	}
