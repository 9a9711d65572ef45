// SPDX-License-Identifier: GPL-2.0
// ptree: reading internal kernel structs with types generated from the
// target kernel's BTF (scripts/btf-header -> <iu/vmlinux.hpp>). On getppid(),
// print the caller's tgid and its parent's tgid, read through task_struct:
// current->real_parent->tgid. Built once per kernel: layouts differ.
#include <iu/iu.hpp>
#include <iu/vmlinux.hpp>

using iu::kernel::task_struct;

static int ptree(const iu::KprobeCtx &)
{
	auto task = iu::current_task<task_struct>();
	auto tgid = iu::probe_read_kernel(IU_FIELD(task, task_struct, tgid));
	auto parent = iu::probe_read_kernel(IU_FIELD(task, task_struct, real_parent));
	if (tgid.is_err() || parent.is_err())
		return 0;
	auto ptgid = iu::probe_read_kernel(IU_FIELD(parent.value(), task_struct, tgid));
	if (ptgid.is_err())
		return 0;
	iu::trace_printk("ptree: tgid %d parent %d\n", tgid.value(), ptgid.value());
	return 0;
}

IU_KPROBE(__x64_sys_getppid, ptree);
IU_LICENSE("GPL");
