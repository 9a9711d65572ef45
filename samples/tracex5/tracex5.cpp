// SPDX-License-Identifier: GPL-2.0
// tracex5: the kernel's samples/bpf/tracex5_kern.c as an iu extension.
//
// A kprobe on __seccomp_filter. The eBPF original tail-calls into one program
// per syscall (write, read, mmap) through a BPF_MAP_TYPE_PROG_ARRAY; here they
// are ordinary functions, and the fall-through is what runs when the tail
// call finds no program. Format strings are the original's.
#include <iu/iu.hpp>
#include <iu/linux.hpp>

// struct seccomp_data, read as bpf_probe_read_kernel does: a failed read
// leaves it zero-filled (on 6.1 the x86 syscall entry passes sd == NULL).
static seccomp_data read_seccomp_data(const iu::KprobeCtx &ctx)
{
	return iu::probe_read_kernel(ctx.parm2<iu::KernelPtr<seccomp_data>>()).value_or(seccomp_data{});
}

static int sys_write(const iu::KprobeCtx &ctx)
{
	seccomp_data sd = read_seccomp_data(ctx);

	if (iu::at(sd.args, 2) == 512)
		iu::trace_printk("write(fd=%d, buf=%p, size=%d)\n", static_cast<int>(iu::at(sd.args, 0)),
				 iu::UserPtr<char>(iu::at(sd.args, 1)),
				 static_cast<int>(iu::at(sd.args, 2)));
	return 0;
}

static int sys_read(const iu::KprobeCtx &ctx)
{
	seccomp_data sd = read_seccomp_data(ctx);

	if (iu::at(sd.args, 2) > 128 && iu::at(sd.args, 2) <= 1024)
		iu::trace_printk("read(fd=%d, buf=%p, size=%d)\n", static_cast<int>(iu::at(sd.args, 0)),
				 iu::UserPtr<char>(iu::at(sd.args, 1)),
				 static_cast<int>(iu::at(sd.args, 2)));
	return 0;
}

static int sys_mmap(const iu::KprobeCtx &)
{
	iu::trace_printk("mmap\n");
	return 0;
}

static int bpf_prog1(const iu::KprobeCtx &ctx)
{
	int sc_nr = ctx.parm1<int>();

	// what the tail calls did
	switch (sc_nr) {
	case __NR_write:
		return sys_write(ctx);
	case __NR_read:
		return sys_read(ctx);
	case __NR_mmap:
		return sys_mmap(ctx);
	}

	// fall through -> unknown syscall
	if (sc_nr >= __NR_getuid && sc_nr <= __NR_getsid)
		iu::trace_printk("syscall=%d (one of get/set uid/pid/gid)\n", sc_nr);
	return 0;
}

IU_KPROBE(__seccomp_filter, bpf_prog1);
IU_LICENSE("GPL");
