// SPDX-License-Identifier: GPL-2.0
// Kprobe and kretprobe programs: the context is the probed function's
// registers (uapi struct pt_regs), read-only.
//
//   static int on_open(const iu::KprobeCtx &ctx) {
//           int dfd = ctx.parm1<int>();
//           iu::UserPtr<char> name = ctx.parm2<iu::UserPtr<char>>();
//           ...
//   }
//   IU_KPROBE(do_sys_openat2, on_open);
#pragma once

#include <asm/ptrace.h>
#include <iu/prog.hpp>
#include <iu/ptr.hpp>
#include <iu/rt/abi.hpp>
#include <iu/safety.hpp>
#include <type_traits>

namespace iu {

namespace detail {
template <class T>
inline constexpr bool is_addr_v = false;
template <class T>
inline constexpr bool is_addr_v<KernelPtr<T>> = true;
template <class T>
inline constexpr bool is_addr_v<UserPtr<T>> = true;

// What a register holds: an integer, or an address (never a reference to
// one: the register is copied into a by-value parameter here).
template <class T>
concept RegValue = std::is_integral_v<T> || is_addr_v<T>;

template <RegValue T>
constexpr T reg_as(u64 v)
{
	if constexpr (std::is_integral_v<T>)
		return static_cast<T>(v);
	else
		return T(v);	// KernelPtr / UserPtr
}
} // namespace detail

class IU_OPAQUE KprobeCtx {
public:
	KprobeCtx(const KprobeCtx &) = delete;
	KprobeCtx &operator=(const KprobeCtx &) = delete;

	// Arguments of the probed function, per the x86-64 calling convention.
	template <detail::RegValue T = u64> T parm1() const { return detail::reg_as<T>(r_->rdi); }
	template <detail::RegValue T = u64> T parm2() const { return detail::reg_as<T>(r_->rsi); }
	template <detail::RegValue T = u64> T parm3() const { return detail::reg_as<T>(r_->rdx); }
	template <detail::RegValue T = u64> T parm4() const { return detail::reg_as<T>(r_->rcx); }
	template <detail::RegValue T = u64> T parm5() const { return detail::reg_as<T>(r_->r8); }
	template <detail::RegValue T = u64> T parm6() const { return detail::reg_as<T>(r_->r9); }
	// The return value, in a kretprobe.
	template <detail::RegValue T = u64> T ret() const { return detail::reg_as<T>(r_->rax); }
	u64 ip() const { return r_->rip; }
	// The address of the probed function (bpf_get_func_ip).
	u64 func_ip() const { return rt::bpf_get_func_ip(r_); }
	u64 sp() const { return r_->rsp; }
	// The registers, read-only, for as long as the context is alive.
	const pt_regs &regs() const [[clang::lifetimebound]] { return *r_; }

private:
	// Only the entry point makes contexts, from the kernel's pointer.
	friend struct detail::Entry;
	explicit KprobeCtx(const void *raw) : r_(static_cast<const pt_regs *>(raw)) {}

	const pt_regs *r_;
};

namespace detail {
template <>
struct Context<KprobeCtx> {
	static constexpr bool valid = true;
	static constexpr u32 size = sizeof(pt_regs);
	template <usize N>
	static consteval bool fits(const char (&sec)[N])
	{
		const char *p = sec, *q = sec;
		return (eat(p, "kprobe/") && *p) || (eat(q, "kretprobe/") && *q);
	}
};
} // namespace detail

} // namespace iu

#define IU_KPROBE(symbol, fn)                                                              	IU_PROGRAM_("kprobe/" #symbol, fn, ::iu::KprobeCtx, true,                          		    "IU_KPROBE(" #symbol ", " #fn ")", "const iu::KprobeCtx &")
#define IU_KRETPROBE(symbol, fn)                                                           	IU_PROGRAM_("kretprobe/" #symbol, fn, ::iu::KprobeCtx, true,                       		    "IU_KRETPROBE(" #symbol ", " #fn ")", "const iu::KprobeCtx &")
