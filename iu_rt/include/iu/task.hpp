// SPDX-License-Identifier: GPL-2.0
// The current task and CPU, time and randomness (tracing programs).
#pragma once

#include <iu/ptr.hpp>
#include <iu/rt/abi.hpp>
#include <iu/str.hpp>

namespace iu {

// (tgid << 32) | pid, as bpf_get_current_pid_tgid.
inline u64 current_pid_tgid() { return rt::bpf_get_current_pid_tgid(); }
inline u32 current_pid() { return static_cast<u32>(rt::bpf_get_current_pid_tgid()); }
inline u32 current_tgid() { return static_cast<u32>(rt::bpf_get_current_pid_tgid() >> 32); }

// (gid << 32) | uid, as bpf_get_current_uid_gid.
inline u64 current_uid_gid() { return rt::bpf_get_current_uid_gid(); }
inline u32 current_uid() { return static_cast<u32>(rt::bpf_get_current_uid_gid()); }
inline u32 current_gid() { return static_cast<u32>(rt::bpf_get_current_uid_gid() >> 32); }

// The task's comm, NUL-terminated (TASK_COMM_LEN is 16); print it with %s.
inline Str<16> current_comm()
{
	Str<16> comm{};
	rt::bpf_get_current_comm(detail::StrAccess::buf(comm), 16);
	detail::StrAccess::terminate(comm);
	u32 n = 0;
	while (n < 15 && comm[n] != 0)
		n++;
	detail::StrAccess::set_len(comm, n + 1);
	return comm;
}

// The current task, for reading its fields with the BTF types of
// <iu/vmlinux.hpp> (scripts/btf-header): KernelPtr<iu::kernel::task_struct>.
template <class Task>
inline KernelPtr<Task> current_task()
{
	return KernelPtr<Task>(rt::bpf_get_current_task());
}

inline u64 ktime_get_ns() { return rt::bpf_ktime_get_ns(); }
inline u32 smp_processor_id() { return rt::bpf_get_smp_processor_id(); }
inline u32 prandom_u32() { return rt::bpf_get_prandom_u32(); }

} // namespace iu
