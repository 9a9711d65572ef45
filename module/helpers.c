// SPDX-License-Identifier: GPL-2.0
/*
 * The helper table: which functions an extension may call, for which program
 * kinds, and what each resolves to. Like the verifier's get_func_proto(),
 * anything not listed for every program kind in a file is refused with a
 * message. docs/helpers.md documents the same table for users.
 *
 * BPF helpers resolve to the kernel's own implementations (the functions the
 * BPF JIT calls), so behaviour and trace output are identical to eBPF's.
 */
#include "internal.h"
#include <linux/trace_events.h>
#include <asm/ibt.h>

struct iu_helper {
	const char *name;
	void *impl;
	u32 kinds;
};

static struct iu_helper iu_helpers[] = {
#define HELPER(name, ksym, kinds)	{ #name, NULL, kinds },
	IU_HELPERS(HELPER)
#undef HELPER
#define SERVICE(name, kinds)		{ #name, name, kinds },
	IU_SERVICES(SERVICE)
#undef SERVICE
};

int __init iu_helpers_init(void)
{
	unsigned int i;

	for (i = 0; i < IU_NR_HELPERS; i++)
		iu_helpers[i].impl = iu_ksyms.helpers[i];
	for (i = 0; i < ARRAY_SIZE(iu_helpers); i++) {
		u32 insn;

		/* With IBT, an indirect call must land on ENDBR64. */
		if (!IS_ENABLED(CONFIG_X86_KERNEL_IBT))
			continue;
		if (copy_from_kernel_nofault(&insn, iu_helpers[i].impl, sizeof(insn)) ||
		    !is_endbr(insn)) {
			pr_err("helper %s cannot be called indirectly (no ENDBR64)\n",
			       iu_helpers[i].name);
			return -ENOENT;
		}
	}
	/* bpf_user_rnd_u32's per-CPU state, as bpf(BPF_PROG_LOAD) would do. */
	iu_ksyms.bpf_user_rnd_init_once();
	return 0;
}

static void kinds_str(u32 kinds, char *buf, size_t size)
{
	unsigned int k;
	size_t n = 0;

	buf[0] = 0;
	for (k = 0; k < IU_PROG_KIND_MAX; k++) {
		if (kinds & (1U << k))
			n += scnprintf(buf + n, size - n, "%s%s", n ? ", " : "",
				       iu_prog_kind_name(k));
	}
}

int iu_helper_resolve(void *ctx, const char *name, u32 kinds, u64 *addr,
		      struct iu_log *log)
{
	unsigned int i;
	char buf[64];

	for (i = 0; i < ARRAY_SIZE(iu_helpers); i++) {
		const struct iu_helper *h = &iu_helpers[i];

		if (strcmp(h->name, name))
			continue;
		if ((h->kinds & kinds) != kinds) {
			kinds_str(kinds & ~h->kinds, buf, sizeof(buf));
			iu_logf(log, "helpers: %s is not allowed in %s programs", name, buf);
			return -EPERM;
		}
		/*
		 * As bpf_get_trace_printk_proto(): a program that may print turns
		 * the bpf_trace_printk event on (again, if someone turned it off).
		 */
		if (!strcmp(name, "bpf_trace_printk") &&
		    trace_set_clr_event("bpf_trace", "bpf_trace_printk", 1))
			pr_warn_ratelimited("could not enable bpf_trace_printk events\n");
		*addr = (u64)h->impl;
		return 0;
	}
	iu_logf(log, "helpers: unknown function %s (not a helper iu provides; see docs/helpers.md)",
		name);
	return -ENOENT;
}
