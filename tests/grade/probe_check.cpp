// SPDX-License-Identifier: GPL-2.0
// The grader's check of iu::probe_read_kernel (the body students write in
// iu_rt/checked/probe_read_kernel.hpp), built with iu-cc against the
// submission's copy of the tree and run through test-run: parm2 points at
// 32 bytes of argument memory, or at nothing. The original
// bpf_probe_read_kernel's semantics: the bytes on success; on a fault an
// error (negative errno) and no data.
#include <iu/iu.hpp>

struct Quad {
	iu::u64 v[4];
};

static int probe_check(const iu::KprobeCtx &ctx)
{
	iu::Result<Quad> q = iu::probe_read_kernel(ctx.parm2<iu::KernelPtr<Quad>>());

	if (q.is_err()) {
		iu::trace_printk("err %ld\n", q.error());
		return 1;
	}
	Quad v = q.value();
	iu::trace_printk("ok %llx %llx", iu::at(v.v, 0), iu::at(v.v, 1));
	iu::trace_printk(" %llx %llx\n", iu::at(v.v, 2), iu::at(v.v, 3));
	return 0;
}

IU_KPROBE(__seccomp_filter, probe_check);
IU_LICENSE("GPL");
