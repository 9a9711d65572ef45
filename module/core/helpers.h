/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The helper allowlist, shared by iu.ko (which resolves the names) and the
 * toolchain (which refuses to sign a file the module would refuse).
 *
 *	IU_HELPER(name, kernel symbol, program kinds): BPF helpers, resolved to
 *		the kernel's own implementations;
 *	IU_SERVICE(name, program kinds): iu runtime services, implemented by iu.ko.
 *
 * Kinds are bit masks of enum iu_prog_kind. docs/helpers.md mirrors this.
 */
#define IU_KINDS_KPROBES ((1U << IU_PROG_KPROBE) | (1U << IU_PROG_KRETPROBE))
#define IU_KINDS_TRACING (IU_KINDS_KPROBES | (1U << IU_PROG_TRACEPOINT))

#define IU_HELPERS(IU_HELPER)							\
	IU_HELPER(bpf_trace_printk, bpf_trace_printk, IU_KINDS_TRACING)	\
	IU_HELPER(bpf_probe_read_kernel, bpf_probe_read_kernel, IU_KINDS_TRACING) \
	IU_HELPER(bpf_probe_read_kernel_str, bpf_probe_read_kernel_str, IU_KINDS_TRACING) \
	IU_HELPER(bpf_probe_read_user, bpf_probe_read_user, IU_KINDS_TRACING)	\
	IU_HELPER(bpf_probe_read_user_str, bpf_probe_read_user_str, IU_KINDS_TRACING) \
	IU_HELPER(bpf_get_current_pid_tgid, bpf_get_current_pid_tgid, IU_KINDS_TRACING) \
	IU_HELPER(bpf_get_current_uid_gid, bpf_get_current_uid_gid, IU_KINDS_TRACING) \
	IU_HELPER(bpf_get_current_comm, bpf_get_current_comm, IU_KINDS_TRACING) \
	IU_HELPER(bpf_ktime_get_ns, bpf_ktime_get_ns, IU_KINDS_TRACING)	\
	IU_HELPER(bpf_get_smp_processor_id, bpf_get_smp_processor_id, IU_KINDS_TRACING) \
	IU_HELPER(bpf_get_prandom_u32, bpf_user_rnd_u32, IU_KINDS_TRACING)	\
	IU_HELPER(bpf_get_func_ip, bpf_get_func_ip_kprobe, IU_KINDS_KPROBES)	\
	IU_HELPER(bpf_get_current_task, bpf_get_current_task, IU_KINDS_TRACING)

#define IU_SERVICES(IU_SERVICE)						\
	IU_SERVICE(iu_rt_panic, IU_KINDS_TRACING)				\
	IU_SERVICE(iu_rt_tick, IU_KINDS_TRACING)				\
	IU_SERVICE(iu_rt_stack_overflow, IU_KINDS_TRACING)
