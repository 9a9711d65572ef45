// SPDX-License-Identifier: GPL-2.0
// The native program the bind test places in a prog array: it prints a line
// that the test looks for, so that running it (or not) is visible.
#include <iu/iu.hpp>

static int bind_target(const iu::KprobeCtx &)
{
	iu::trace_printk("iu bind_target ran natively\n");
	return 0;
}

IU_KPROBE(__x64_sys_getsid, bind_target);
IU_LICENSE("GPL");
