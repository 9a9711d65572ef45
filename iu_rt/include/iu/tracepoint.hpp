// SPDX-License-Identifier: GPL-2.0
// Tracepoint programs: the context is the tracepoint's record, whose layout
// is in /sys/kernel/tracing/events/<category>/<name>/format. Describe it with
// a struct that starts with iu::TraceEntry, or use one defined here.
//
//   static int on_dup(const iu::TracepointCtx<iu::tp::SysEnter> &ctx) {
//           u64 fd = ctx->args[0];
//   }
//   IU_TRACEPOINT(syscalls, sys_enter_dup, on_dup);
#pragma once

#include <iu/array.hpp>
#include <iu/prog.hpp>

namespace iu {

// struct trace_entry: the common fields of every record.
struct TraceEntry {
	u16 type;
	u8 flags;
	u8 preempt_count;
	s32 pid;
};

template <class Fields>
class TracepointCtx {
	static_assert(std::is_trivially_copyable_v<Fields>);

public:
	explicit TracepointCtx(void *raw) : f_(static_cast<const Fields *>(raw)) {}
	const Fields &fields() const { return *f_; }
	const Fields *operator->() const { return f_; }

private:
	const Fields *f_;
};

namespace tp {

// syscalls/sys_enter_* (struct syscall_trace_enter).
struct SysEnter {
	TraceEntry common;
	s32 nr;
	Array<u64, 6> args;
};
static_assert(__builtin_offsetof(SysEnter, args) == 16);

// syscalls/sys_exit_* (struct syscall_trace_exit).
struct SysExit {
	TraceEntry common;
	s32 nr;
	s64 ret;
};
static_assert(__builtin_offsetof(SysExit, ret) == 16);

} // namespace tp
} // namespace iu

#define IU_TRACEPOINT(category, name, fn) IU_PROGRAM_("tracepoint/" #category "/" #name, fn)
