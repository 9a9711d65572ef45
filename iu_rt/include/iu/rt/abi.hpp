// SPDX-License-Identifier: GPL-2.0
// The raw interface to the module: helper functions resolved at load time
// (include/uapi/linux/iu.h, docs/helpers.md) and the program descriptor.
// Trusted: extension code never sees these declarations directly.
#pragma once

#include <linux/iu.h>
#include <iu/types.hpp>

namespace iu::rt {

extern "C" {
// BPF helpers: the kernel's own implementations, same semantics as eBPF.
long bpf_trace_printk(const char *fmt, u32 fmt_size, u64 a1, u64 a2, u64 a3);
long bpf_probe_read_kernel(void *dst, u32 size, u64 unsafe_ptr);
long bpf_probe_read_kernel_str(void *dst, u32 size, u64 unsafe_ptr);
long bpf_probe_read_user(void *dst, u32 size, u64 unsafe_ptr);
long bpf_probe_read_user_str(void *dst, u32 size, u64 unsafe_ptr);
u64 bpf_get_current_pid_tgid(void);
u64 bpf_get_current_uid_gid(void);
long bpf_get_current_comm(void *buf, u32 size);
u64 bpf_ktime_get_ns(void);
u32 bpf_get_smp_processor_id(void);
u32 bpf_get_prandom_u32(void);
u64 bpf_get_func_ip(const void *ctx);	// kprobe, kretprobe
u64 bpf_get_current_task(void);

// iu runtime services.
[[noreturn]] void iu_rt_panic(const char *msg);
}

// Mirror of struct iu_prog_desc with a typed entry pointer, so that the
// descriptor is a constant initializer (an address, relocated at load).
struct ProgDesc {
	u32 size;
	u32 abi;
	u64 (*entry)(void *ctx);
	char name[IU_PROG_NAME_LEN];
	u32 stack_size;
	u32 flags;
	u32 ctx_size;
	u32 reserved;
};
static_assert(sizeof(ProgDesc) == sizeof(iu_prog_desc));
static_assert(__builtin_offsetof(ProgDesc, ctx_size) == __builtin_offsetof(iu_prog_desc, ctx_size));
static_assert(__builtin_offsetof(ProgDesc, entry) == __builtin_offsetof(iu_prog_desc, entry));
static_assert(__builtin_offsetof(ProgDesc, name) == __builtin_offsetof(iu_prog_desc, name));
static_assert(__builtin_offsetof(ProgDesc, stack_size) ==
	      __builtin_offsetof(iu_prog_desc, stack_size));

} // namespace iu::rt
