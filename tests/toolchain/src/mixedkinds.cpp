// bpf_get_func_ip is for kprobes only: a file that also has a tracepoint
// program is refused (helpers are checked for every kind in the file).
#include <iu/iu.hpp>
#include <iu/tp/syscalls.hpp>

static int probe(const iu::KprobeCtx &ctx)
{
	return static_cast<int>(ctx.func_ip() & 1);
}

static int tp(const iu::TracepointCtx<iu::tp::syscalls::sys_enter_getppid> &)
{
	return 0;
}

IU_KPROBE(__x64_sys_getppid, probe);
IU_TRACEPOINT(syscalls, sys_enter_getppid, tp);
IU_LICENSE("GPL");
