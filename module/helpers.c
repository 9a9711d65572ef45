// SPDX-License-Identifier: GPL-2.0
/*
 * Resolving the helper table (core/helpers.h): which functions an extension
 * may call, for which program kinds, and what each resolves to. Like the
 * verifier's get_func_proto(), anything not listed for every program kind in
 * a file is refused with a message (iu_helper_check()).
 *
 * BPF helpers resolve to the kernel's own implementations (the functions the
 * BPF JIT calls; kallsyms.c looks them up), so behaviour and trace output are
 * identical to eBPF's. iu's services are this module's own functions.
 */
#include "internal.h"
#include <linux/trace_events.h>
#include <asm/ibt.h>

/*
 * The services have the table's prototypes (a redeclaration that does not
 * match is a compile error), and the table's IU_HF_NORETURN exactly when they
 * are __noreturn: the machine-code check trusts that flag to end a path.
 * GCC, which builds the kernel and its modules, gives a noreturn function a
 * volatile-qualified type, so its type matches the plain prototype only if it
 * returns.
 */
#define IU_SVC_DECL_(name, id, kinds, flags, ret, args)	ret name args;
IU_HELPER_TABLE(IU_HELPER_IGNORE, IU_SVC_DECL_)
#undef IU_SVC_DECL_
#ifndef __clang__
#define IU_SVC_NORETURN_(name, id, kinds, flags, ret, args)				\
	static_assert(__builtin_types_compatible_p(typeof(&name), ret (*) args) ==	\
		      !((flags) & IU_HF_NORETURN), #name ": __noreturn and IU_HF_NORETURN differ");
IU_HELPER_TABLE(IU_HELPER_IGNORE, IU_SVC_NORETURN_)
#undef IU_SVC_NORETURN_
#endif

#define IU_SVC_IMPL_(name, ...)	[IU_HELPER_IDX_##name] = (void *)name,
void *iu_helper_impl[IU_NR_HELPERS] __ro_after_init = {
	IU_HELPER_TABLE(IU_HELPER_IGNORE, IU_SVC_IMPL_)
};
#undef IU_SVC_IMPL_

int __init iu_helpers_init(void)
{
	unsigned int i;

	for (i = 0; i < IU_NR_HELPERS; i++) {
		u32 insn;

		if (!iu_helper_impl[i]) {	/* kallsyms.c fills in the BPF helpers */
			pr_err("helper %s has no implementation\n", iu_helper_table[i].name);
			return -ENOENT;
		}
		/* With IBT, an indirect call must land on ENDBR64. */
		if (!IS_ENABLED(CONFIG_X86_KERNEL_IBT))
			continue;
		if (copy_from_kernel_nofault(&insn, iu_helper_impl[i], sizeof(insn)) ||
		    !is_endbr(insn)) {
			pr_err("helper %s cannot be called indirectly (no ENDBR64)\n",
			       iu_helper_table[i].name);
			return -ENOENT;
		}
	}
	/*
	 * bpf_trace_printk goes through iu_trace_printk (testrun.c), which
	 * calls the kernel's unless the invocation is a test run, whose
	 * output it captures for the caller instead (IU_IOC_TEST_RUN).
	 */
	iu_bpf_trace_printk = iu_helper_impl[IU_HELPER_IDX_bpf_trace_printk];
	iu_helper_impl[IU_HELPER_IDX_bpf_trace_printk] = (void *)iu_trace_printk;
	/* bpf_user_rnd_u32's per-CPU state, as bpf(BPF_PROG_LOAD) would do. */
	iu_ksyms.bpf_user_rnd_init_once();
	return 0;
}

int iu_helper_resolve(void *ctx, const char *name, u32 kinds, u64 *addr,
		      struct iu_log *log)
{
	const struct iu_helper_info *h;
	int err;

	err = iu_helper_check(name, kinds, &h, log);
	if (err)
		return err;
	/*
	 * As bpf_get_trace_printk_proto(): a program that may print turns
	 * the bpf_trace_printk event on (again, if someone turned it off).
	 */
	if (h->id == IU_HELPER_ID_bpf_trace_printk &&
	    trace_set_clr_event("bpf_trace", "bpf_trace_printk", 1))
		pr_warn_ratelimited("could not enable bpf_trace_printk events\n");
	*addr = (u64)iu_helper_impl[h - iu_helper_table];
	return 0;
}
