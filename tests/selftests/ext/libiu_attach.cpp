// SPDX-License-Identifier: GPL-2.0
// Programs for tests/selftests/libiu_attach.c: kprobes at an offset into a
// function (libbpf's kprobe/<symbol>+<offset>). do_sys_openat2 starts alike
// on Debian's 6.1 and 6.12 kernels (no ENDBR64, it is never called
// indirectly): a 5-byte ftrace call, a 2-byte push, then more; instructions
// start at +5 and +7 on both (checked with kprobe_events on 6.1.0-57 and
// 6.12.117), +6 is inside the push.
#include <iu/iu.hpp>

static int at_offset(const iu::KprobeCtx &ctx)
{
	iu::trace_printk("libiu_attach: at_offset ip %lx tgid %u\n", ctx.ip(), iu::current_tgid());
	return 0;
}

static int mid_insn(const iu::KprobeCtx &)
{
	return 0;
}

IU_KPROBE(do_sys_openat2+7, at_offset);
IU_KPROBE(do_sys_openat2+6, mid_insn);
IU_LICENSE("GPL");
