// The real iu_rt used as intended: values out (Array::get, Option, Result),
// elements lent (a[i] on a named array, Array::with, range-for), plain data
// read through probe reads, strings printed with %s, contexts by const
// reference, programs declared with the trusted macros, lambdas passed to
// iu_rt templates.
// iu-test-plugin-args: -Xclang -plugin-arg-iu-safe -Xclang trusted=%S/../../../iu_rt/include
// iu-test-flags: -isystem %S/../../../iu_rt/include -isystem %S/../../../include/uapi
#include <bit>
#include <iu/iu.hpp>
#include <iu/linux.hpp>
#include <iu/tp/syscalls.hpp>
using namespace iu;

struct Sample {
	u32 pid = 0;
	u32 count = 0;
	Array<u64, 2> args{};
};
enum class Kind : u8 { Read, Write };
struct Raw {
	u64 a;
	u32 b;
	Kind k;
	bool f;
	u8 pad[2];
};

static int prog(const KprobeCtx &ctx) {
	Array<u64, 4> hist{};
	u64 &slot = hist[ctx.parm1() % hist.size()];  // into a named array
	slot += 1;
	u64 copy = hist.get(7).value_or(0);          // a copy, or the default
	hist.with(1, [&](u64 &v) { v += copy; });     // lent to a callback
	for (u64 &v : hist)
		v *= 2;
	u64 total = 0;
	for (u64 v : hist)
		total += v;
	Option<u64> half = checked_div(total, u64{2});
	const u64 &h = half.value();                 // borrows from a named Option
	auto doubled = half.map([](const u64 &v) { return v * 2; });

	Result<seccomp_data> sd = probe_read_kernel(ctx.parm2<KernelPtr<seccomp_data>>());
	seccomp_data data = sd.value_or(seccomp_data{});
	const seccomp_data &d = sd.is_ok() ? sd.value() : data;
	u64 arg2 = at(data.args, 2);
	auto raw = probe_read_user(UserPtr<Raw>(ctx.parm3()));
	auto sample = probe_read_kernel(KernelPtr<Sample>(ctx.parm4()));

	Str<16> comm = current_comm();
	auto name = probe_read_user_str<32>(ctx.parm5<UserPtr<char>>());
	char first = comm[0];
	char greeting[6] = {'h', 'e', 'l', 'l', 'o', 0};
	trace_printk("%s %s\n", comm, greeting);      // the char array is checked at run time
	if (name.is_ok())
		trace_printk("name %s (%u)\n", name.value(), name.value().len());
	const pt_regs &regs = ctx.regs();
	u64 bits = std::bit_cast<u64>(Array<u32, 2>{{1, 2}});
	return static_cast<int>(h + doubled.value_or(0) + d.nr + arg2 + raw.is_ok() +
				sample.is_ok() + static_cast<u64>(first) + regs.rdi + bits);
}

static int on_dup(const TracepointCtx<tp::syscalls::sys_enter_dup> &ctx) {
	u64 fd = ctx->fildes;
	const tp::syscalls::sys_enter_dup &rec = ctx.fields();
	trace_printk("fd %lu nr %d\n", fd, rec.syscall_nr);
	return 0;
}

IU_KPROBE(__x64_sys_getppid, prog);
IU_TRACEPOINT(syscalls, sys_enter_dup, on_dup);
IU_LICENSE("GPL");
