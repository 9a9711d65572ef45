// plain-data / bit-cast: raw bytes (from kernel or user memory, or another
// object's representation) may only become plain data: integers,
// enumerations, and arrays or structs of them. Never a type holding a
// pointer or reference (a forged pointer), a closure, or an iu_rt type with
// invariants (iu::opaque: Str must stay NUL-terminated); and bit_cast may not
// read padding (old stack bytes).
// iu-test-plugin-args: -Xclang -plugin-arg-iu-safe -Xclang trusted=%S/../../iu_rt/include
// A T that is not plain data reaches the runtime's checked part too (the
// body of iu::probe_read_kernel, checked like this file), whose
// instantiation for it is refused there as well: it reads the T with
// iu::probe_read_kernel_raw, keeps it in a RawRead and returns a Result.
// expect-error-in ../../iu_rt/checked/probe_read_kernel.hpp: plain-data, ref-holder, ref-return
// iu-test-flags: -isystem %S/../../iu_rt/include -isystem %S/../../include/uapi
#include <bit>
#include <initializer_list>
#include <iu/iu.hpp>
using namespace iu;

struct WithStr {
	u32 pid;
	Str<8> name;
};
struct WithLambda {
	u64 a;
	decltype([] { return 1; }) f;
};
struct WithPtr {
	u64 a;
	int *p; // expect-error: raw-pointer
};
struct Padded {
	u8 tag;
	u64 value;
};

static int reads(const KprobeCtx &ctx) {
	KernelPtr<u8> at(ctx.parm1());
	auto a = probe_read_kernel(KernelPtr<std::initializer_list<int>>(at.addr())); // expect-error: plain-data, ref-holder
	auto b = probe_read_user(UserPtr<Str<8>>(ctx.parm2()));            // expect-error: plain-data
	auto c = probe_read_kernel(KernelPtr<Option<u32>>(at.addr()));     // expect-error: plain-data
	auto d = probe_read_kernel(KernelPtr<WithStr>(at.addr()));         // expect-error: plain-data
	auto e = probe_read_kernel(KernelPtr<WithLambda>(at.addr()));      // expect-error: plain-data
	auto f = probe_read_kernel(KernelPtr<WithPtr>(at.addr()));         // expect-error: plain-data, ref-holder
	return a.is_ok() + b.is_ok() + c.is_ok() + d.is_ok() + e.is_ok() + f.is_ok();
}

static int casts(const KprobeCtx &ctx) {
	u64 raw = ctx.parm1();
	auto s = std::bit_cast<Str<4>>(raw);                   // expect-error: bit-cast
	u64 o = std::bit_cast<u64>(Array<u32, 2>{});           // (plain: fine)
	u64 leak = std::bit_cast<Array<u64, 2>>(Padded{1, 2})[0]; // expect-error: bit-cast
	u64 opt = std::bit_cast<Array<u64, 2>>(Option<u64>(raw))[1]; // expect-error: bit-cast
	int x = 1;
	auto cl = [x] { return x; };
	u32 bits = std::bit_cast<u32>(cl);                     // expect-error: bit-cast
	return static_cast<int>(s.len() + o + leak + opt + bits);
}

IU_KPROBE(__x64_sys_getppid, reads);
IU_KPROBE(__x64_sys_getpgrp, casts);
IU_LICENSE("GPL");
