// SPDX-License-Identifier: GPL-2.0
/*
 * Every kernel symbol iu.ko uses that is not exported is looked up here, once,
 * at module init; a missing one fails the load with its name.
 *
 * kallsyms_lookup_name() itself is not exported either: a kprobe registered on
 * it resolves its address, and the kprobe is removed at once.
 */
#include "internal.h"
#include <linux/kprobes.h>

struct iu_ksyms iu_ksyms;

#define SYM(field, name) { name, (void **)&iu_ksyms.field }
static const struct {
	const char *name;
	void **slot;
} iu_ksym_table[] = {
	SYM(exec_alloc, IU_KSYM_EXEC_ALLOC),
	SYM(exec_free, IU_KSYM_EXEC_FREE),
	SYM(set_memory_ro, "set_memory_ro"),
	SYM(set_memory_x, "set_memory_x"),
	SYM(vmalloc_range, IU_KSYM_VMALLOC_RANGE),
	SYM(x86_return_thunk, "x86_return_thunk"),
	SYM(bpf_arch_text_poke, "bpf_arch_text_poke"),
	SYM(bpf_user_rnd_init_once, "bpf_user_rnd_init_once"),
	SYM(bpf_snprintf, "bpf_snprintf"),	/* test runs format trace_printk with it */
	/* the BPF helpers of core/helpers.h (the services are iu.ko's own) */
#define IU_KSYM_BPF_(name, id, ksym, ...) { #ksym, &iu_helper_impl[IU_HELPER_IDX_##name] },
	IU_HELPER_TABLE(IU_KSYM_BPF_, IU_HELPER_IGNORE)
#undef IU_KSYM_BPF_
};
#undef SYM

typedef unsigned long (*kallsyms_lookup_name_t)(const char *name);

static kallsyms_lookup_name_t find_kallsyms_lookup_name(void)
{
	struct kprobe kp = { .symbol_name = "kallsyms_lookup_name" };
	kallsyms_lookup_name_t fn;
	int err;

	err = register_kprobe(&kp);
	if (err) {
		pr_err("cannot find kallsyms_lookup_name (register_kprobe: %d)\n", err);
		return NULL;
	}
	fn = (kallsyms_lookup_name_t)kp.addr;
	unregister_kprobe(&kp);
	return fn;
}

int iu_kallsyms_init(void)
{
	kallsyms_lookup_name_t lookup = find_kallsyms_lookup_name();
	unsigned int i;

	if (!lookup)
		return -ENOENT;
	for (i = 0; i < ARRAY_SIZE(iu_ksym_table); i++) {
		unsigned long addr = lookup(iu_ksym_table[i].name);

		if (!addr) {
			pr_err("kernel symbol %s not found\n", iu_ksym_table[i].name);
			return -ENOENT;
		}
		*iu_ksym_table[i].slot = (void *)addr;
	}
	return 0;
}
