// Programs on generated records and the kprobe context, as iu_rt means them
// to be written: fields by name, a generic program instantiated with its
// section's context, raw_syscalls' argument array.
// iu-test-flags: -isystem %S/../../../iu_rt/include -isystem %S/../../../include/uapi
// iu-test-plugin-args: -fplugin-arg-iu-safe-trusted=%S/../../../iu_rt/include
#include <iu/iu.hpp>
#include <iu/tp/syscalls.hpp>

static int on_openat(const iu::TracepointCtx<iu::tp::syscalls::sys_enter_openat> &ctx)
{
	const auto &rec = ctx.fields();
	return static_cast<int>(rec.flags + ctx->mode);
}

static int any_dup(const auto &ctx)
{
	return static_cast<int>(ctx->fildes);
}

static iu::u64 on_raw(const iu::TracepointCtx<iu::tp::raw_syscalls::sys_enter> &ctx)
{
	iu::u64 sum = 0;
	for (iu::usize i = 0; i < ctx->args.size(); i++)
		sum += ctx->args[i];
	return sum + static_cast<iu::u64>(ctx->id);
}

static int on_open(const iu::KprobeCtx &ctx)
{
	return static_cast<int>(ctx.parm2());
}

IU_TRACEPOINT(syscalls, sys_enter_openat, on_openat);
IU_TRACEPOINT(syscalls, sys_enter_dup, any_dup);
IU_TRACEPOINT(raw_syscalls, sys_enter, on_raw);
IU_KPROBE(do_sys_openat2, on_open);
IU_LICENSE("GPL");
