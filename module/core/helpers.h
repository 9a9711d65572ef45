/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The helper table: every function an extension may call. This is the one
 * list; everything else comes from it:
 *	iu.ko resolves it (module/helpers.c, module/kallsyms.c) and refuses
 *	anything else (iu_helper_check());
 *	iu-finalize and the host tests check files with the same function;
 *	the machine-code check asks iu_helper_find() what a call does;
 *	iu_rt's declarations (iu_rt/include/iu/rt/helpers.hpp) are generated
 *	from it by toolchain/helpers/iu-helpers, and docs/helpers.md is checked
 *	against it (ctest -R helpers).
 *
 * One line per function, in one of two forms:
 *
 *	BPF(name, id, ksym, kinds, flags, ret, args)
 *		a BPF helper, resolved to the kernel's own implementation @ksym
 *		(the function the BPF JIT calls); @id is its enum bpf_func_id
 *		value (BPF_FUNC_<name without "bpf_">);
 *	SVC(name, id, kinds, flags, ret, args)
 *		an iu service, implemented by iu.ko under the same name; ids
 *		from IU_SERVICE_ID_BASE.
 *
 * @ret and @args are the C prototype extension code calls ("ret name args"),
 * in types that C and iu_rt's C++ both have (u32, u64, pointers). @kinds is a
 * mask of the program kinds allowed to call it (IU_KINDS_*), @flags IU_HF_*.
 * Ids are stable: never renumber or reuse one.
 *
 * Adding a helper: one line here, then its wrapper in iu_rt (which calls the
 * generated declaration), its line in docs/helpers.md, and
 * `cmake --build build/cmake --target iu-helpers-update` for helpers.hpp.
 */
#ifndef _IU_CORE_HELPERS_H
#define _IU_CORE_HELPERS_H

#include "elf.h"

#define IU_KINDS_KPROBES	((1U << IU_PROG_KPROBE) | (1U << IU_PROG_KRETPROBE))
#define IU_KINDS_TRACING	(IU_KINDS_KPROBES | (1U << IU_PROG_TRACEPOINT))

/* The function never returns: a call to it ends the path. */
#define IU_HF_NORETURN		(1U << 0)

#define IU_SERVICE_ID_BASE	0x10000

#define IU_HELPER_TABLE(BPF, SVC) \
	BPF(bpf_trace_printk, 6, bpf_trace_printk, IU_KINDS_TRACING, 0, long, (const char *fmt, u32 fmt_size, u64 a1, u64 a2, u64 a3)) \
	BPF(bpf_probe_read_kernel, 113, bpf_probe_read_kernel, IU_KINDS_TRACING, 0, long, (void *dst, u32 size, u64 unsafe_ptr)) \
	BPF(bpf_probe_read_kernel_str, 115, bpf_probe_read_kernel_str, IU_KINDS_TRACING, 0, long, (void *dst, u32 size, u64 unsafe_ptr)) \
	BPF(bpf_probe_read_user, 112, bpf_probe_read_user, IU_KINDS_TRACING, 0, long, (void *dst, u32 size, u64 unsafe_ptr)) \
	BPF(bpf_probe_read_user_str, 114, bpf_probe_read_user_str, IU_KINDS_TRACING, 0, long, (void *dst, u32 size, u64 unsafe_ptr)) \
	BPF(bpf_get_current_pid_tgid, 14, bpf_get_current_pid_tgid, IU_KINDS_TRACING, 0, u64, (void)) \
	BPF(bpf_get_current_uid_gid, 15, bpf_get_current_uid_gid, IU_KINDS_TRACING, 0, u64, (void)) \
	BPF(bpf_get_current_comm, 16, bpf_get_current_comm, IU_KINDS_TRACING, 0, long, (void *buf, u32 size)) \
	BPF(bpf_ktime_get_ns, 5, bpf_ktime_get_ns, IU_KINDS_TRACING, 0, u64, (void)) \
	BPF(bpf_get_smp_processor_id, 8, bpf_get_smp_processor_id, IU_KINDS_TRACING, 0, u32, (void)) \
	BPF(bpf_get_prandom_u32, 7, bpf_user_rnd_u32, IU_KINDS_TRACING, 0, u32, (void)) \
	BPF(bpf_get_func_ip, 173, bpf_get_func_ip_kprobe, IU_KINDS_KPROBES, 0, u64, (const void *ctx)) \
	BPF(bpf_get_current_task, 35, bpf_get_current_task, IU_KINDS_TRACING, 0, u64, (void)) \
	SVC(iu_rt_panic, 0x10000, IU_KINDS_TRACING, IU_HF_NORETURN, void, (const char *msg)) \
	SVC(iu_rt_tick, 0x10001, IU_KINDS_TRACING, 0, void, (void)) \
	SVC(iu_rt_stack_overflow, 0x10002, IU_KINDS_TRACING, IU_HF_NORETURN, void, (void))

/* For consumers that need only one of the two forms. */
#define IU_HELPER_IGNORE(...)

/* Index in iu_helper_table[] (IU_HELPER_IDX_<name>) and stable id (IU_HELPER_ID_<name>). */
#define IU_HELPER_ENUM_IDX_(name, ...)	IU_HELPER_IDX_##name,
enum {
	IU_HELPER_TABLE(IU_HELPER_ENUM_IDX_, IU_HELPER_ENUM_IDX_)
	IU_NR_HELPERS
};
#undef IU_HELPER_ENUM_IDX_

#define IU_HELPER_ENUM_ID_(name, id, ...)	IU_HELPER_ID_##name = id,
enum iu_helper_id {
	IU_HELPER_TABLE(IU_HELPER_ENUM_ID_, IU_HELPER_ENUM_ID_)
};
#undef IU_HELPER_ENUM_ID_

struct iu_helper_info {
	const char *name;
	const char *ksym;	/* the kernel function of a BPF helper; NULL: an iu service */
	const char *ret;	/* prototype: "<ret> <name><args>" */
	const char *args;
	u32 id;			/* enum iu_helper_id */
	u32 kinds;		/* bit mask of 1 << enum iu_prog_kind */
	u32 flags;		/* IU_HF_* */
};

extern const struct iu_helper_info iu_helper_table[IU_NR_HELPERS];

/* The entry named @name, or NULL. */
const struct iu_helper_info *iu_helper_find(const char *name);

/*
 * Whether a file whose programs are of @kinds (bit mask of 1 << enum
 * iu_prog_kind) may call @name: 0 and the entry in *@info, or -ENOENT (not a
 * helper) or -EPERM (not for every kind in @kinds), after logging why, as
 * the verifier's get_func_proto() refuses a call.
 */
int iu_helper_check(const char *name, u32 kinds, const struct iu_helper_info **info,
		    struct iu_log *log);

#endif /* _IU_CORE_HELPERS_H */
