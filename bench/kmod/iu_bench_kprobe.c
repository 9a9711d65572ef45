// SPDX-License-Identifier: GPL-2.0
/*
 * The floor of `make bench`: a plain kprobe with an empty handler on the
 * getppid system call, the cost of reaching a probe at all (no perf event,
 * no BPF dispatch).
 */
#include <linux/kprobes.h>
#include <linux/module.h>

static int empty_pre(struct kprobe *p, struct pt_regs *regs)
{
	return 0;
}

static struct kprobe kp = {
	.symbol_name = "__x64_sys_getppid",
	.pre_handler = empty_pre,
};

static int __init iu_bench_init(void)
{
	return register_kprobe(&kp);
}

static void __exit iu_bench_exit(void)
{
	unregister_kprobe(&kp);
}

module_init(iu_bench_init);
module_exit(iu_bench_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("iu bench: an empty kprobe handler (the floor)");
