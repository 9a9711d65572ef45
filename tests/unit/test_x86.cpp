// SPDX-License-Identifier: GPL-2.0
// The allowlist decoder (module/core/x86.c) on hand-encoded instructions:
// lengths, control flow and stack effects from the Intel SDM encodings, and
// the refusal group of every refused class the brief names. Random byte
// streams in exactly-sized buffers check that it never reads past them
// (AddressSanitizer) and never reports an impossible length. The
// differential test against LLVM's disassembler is test_x86_diff.cpp.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

extern "C" {
#include "core/x86.h"
}

namespace {

using Bytes = std::vector<uint8_t>;

struct Decoded {
	enum iu_x86_status st;
	struct iu_x86_insn in;
	std::string why;
};

Decoded decode(const Bytes &b, uint64_t pc = 0x1000)
{
	// exactly sized heap copy
	std::unique_ptr<uint8_t[]> p(new uint8_t[b.size() ? b.size() : 1]);
	std::copy(b.begin(), b.end(), p.get());
	Decoded d{};
	const char *why = nullptr;
	d.st = iu_x86_decode(p.get(), b.size(), pc, &d.in, &why);
	d.why = why ? why : "";
	return d;
}

struct Ok {
	const char *what;
	Bytes bytes;
	enum iu_x86_flow flow;
	enum iu_x86_stack stack;
	int32_t delta;
};

// Accepted forms: whole buffer is one instruction.
const Ok accepted[] = {
	{"mov %rdi,%rax", {0x48, 0x89, 0xf8}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"mov 0x8(%rsp),%rax", {0x48, 0x8b, 0x44, 0x24, 0x08}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"mov %al,(%rdi)", {0x88, 0x07}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"movb $1,0x10(%rdi,%rcx,4)", {0xc6, 0x44, 0x8f, 0x10, 0x01}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"movl $imm32,disp32(%rip)", {0xc7, 0x05, 1, 2, 3, 4, 5, 6, 7, 8}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"movabs $imm64,%rsi", {0x48, 0xbe, 1, 2, 3, 4, 5, 6, 7, 8}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"mov $imm16,%ax", {0x66, 0xb8, 0x34, 0x12}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"mov $1,%r8b", {0x41, 0xb0, 0x01}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"movzbl (%rdi),%eax", {0x0f, 0xb6, 0x07}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"movswq %ax,%rax", {0x48, 0x0f, 0xbf, 0xc0}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"movslq %edi,%rax", {0x48, 0x63, 0xc7}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"lea 0x10(%rdi,%rsi,8),%rax", {0x48, 0x8d, 0x44, 0xf7, 0x10}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"lea (%r12,%r13),%rax", {0x4b, 0x8d, 0x04, 0x2c}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"lea (,%rdx,8),%ecx (no base: no access)", {0x8d, 0x0c, 0xd5, 0, 0, 0, 0}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"push %rbx", {0x53}, IU_X86_FALL, IU_X86_SP_DELTA, -8},
	{"push %r15", {0x41, 0x57}, IU_X86_FALL, IU_X86_SP_DELTA, -8},
	{"push %rsp", {0x54}, IU_X86_FALL, IU_X86_SP_DELTA, -8},
	{"push $imm8", {0x6a, 0x01}, IU_X86_FALL, IU_X86_SP_DELTA, -8},
	{"push $imm32", {0x68, 1, 2, 3, 4}, IU_X86_FALL, IU_X86_SP_DELTA, -8},
	{"push 8(%rdi)", {0xff, 0x77, 0x08}, IU_X86_FALL, IU_X86_SP_DELTA, -8},
	{"pop %rbx", {0x5b}, IU_X86_FALL, IU_X86_SP_DELTA, 8},
	{"pop %r12", {0x41, 0x5c}, IU_X86_FALL, IU_X86_SP_DELTA, 8},
	{"pop (%rdi)", {0x8f, 0x07}, IU_X86_FALL, IU_X86_SP_DELTA, 8},
	{"sub $0x18,%rsp", {0x48, 0x83, 0xec, 0x18}, IU_X86_FALL, IU_X86_SP_DELTA, -0x18},
	{"add $0x18,%rsp", {0x48, 0x83, 0xc4, 0x18}, IU_X86_FALL, IU_X86_SP_DELTA, 0x18},
	{"sub $0x1000,%rsp", {0x48, 0x81, 0xec, 0x00, 0x10, 0, 0}, IU_X86_FALL, IU_X86_SP_DELTA, -0x1000},
	{"add $-8,%rsp", {0x48, 0x83, 0xc4, 0xf8}, IU_X86_FALL, IU_X86_SP_DELTA, -8},
	{"lea -0x10(%rsp),%rsp", {0x48, 0x8d, 0x64, 0x24, 0xf0}, IU_X86_FALL, IU_X86_SP_DELTA, -0x10},
	{"lea 0x100(%rsp),%rsp", {0x48, 0x8d, 0xa4, 0x24, 0, 1, 0, 0}, IU_X86_FALL, IU_X86_SP_DELTA, 0x100},
	{"mov %rsp,%r11", {0x49, 0x89, 0xe3}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"cmp %rsp,%rax", {0x48, 0x39, 0xe0}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"and $0x7fff,%r11", {0x49, 0x81, 0xe3, 0xff, 0x7f, 0, 0}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"add %eax,%ecx", {0x01, 0xc1}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"adc $1,%al", {0x14, 0x01}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"sbb $imm32,%eax", {0x1d, 1, 2, 3, 4}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"xor %eax,%eax", {0x31, 0xc0}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"cmpb $0,(%rdi)", {0x80, 0x3f, 0x00}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"orw $imm16,(%rdi)", {0x66, 0x81, 0x0f, 0x34, 0x12}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"test %rdx,%rdx", {0x48, 0x85, 0xd2}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"test $0x80,%al", {0xa8, 0x80}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"testl $imm32,(%rdi)", {0xf7, 0x07, 1, 2, 3, 4}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"incq %r14", {0x49, 0xff, 0xc6}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"decb (%rdi)", {0xfe, 0x0f}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"neg %rax", {0x48, 0xf7, 0xd8}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"not %ecx", {0xf7, 0xd1}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"mul %rcx", {0x48, 0xf7, 0xe1}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"idivl (%rdi)", {0xf7, 0x3f}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"imul %rsi,%r12", {0x4c, 0x0f, 0xaf, 0xe6}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"imul $imm32,%rax,%rax", {0x48, 0x69, 0xc0, 1, 2, 3, 4}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"imul $imm8,%eax,%eax", {0x6b, 0xc0, 0x05}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"shr $3,%rax", {0x48, 0xc1, 0xe8, 0x03}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"sar %cl,%edx", {0xd3, 0xfa}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"rol $1,%al", {0xd0, 0xc0}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"shld $4,%rax,%rdx", {0x48, 0x0f, 0xa4, 0xc2, 0x04}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"shrd %cl,%rax,%rdx", {0x48, 0x0f, 0xad, 0xc2}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"bt %rax,%rdx", {0x48, 0x0f, 0xa3, 0xc2}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"bts $5,%eax", {0x0f, 0xba, 0xe8, 0x05}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"btr %ecx,%eax", {0x0f, 0xb3, 0xc8}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"btc $1,(%rdi)", {0x0f, 0xba, 0x3f, 0x01}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"bsf %rax,%rcx", {0x48, 0x0f, 0xbc, 0xc8}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"bsr %eax,%ecx", {0x0f, 0xbd, 0xc8}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"tzcnt %rdi,%rax", {0xf3, 0x48, 0x0f, 0xbc, 0xc7}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"lzcnt %edi,%eax", {0xf3, 0x0f, 0xbd, 0xc7}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"bswap %r9", {0x49, 0x0f, 0xc9}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"sete %al", {0x0f, 0x94, 0xc0}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"setne (%rdi)", {0x0f, 0x95, 0x07}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"cmovg %rsi,%rax", {0x48, 0x0f, 0x4f, 0xc6}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"cltq", {0x48, 0x98}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"cqto", {0x48, 0x99}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"cwtl", {0x98}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"xchg %rax,%rbx", {0x48, 0x93}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"xchg %eax,(%rdi)", {0x87, 0x07}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"clc", {0xf8}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"stc", {0xf9}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"cmc", {0xf5}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"nop", {0x90}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"xchg %ax,%ax", {0x66, 0x90}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"nopl (%rax)", {0x0f, 0x1f, 0x00}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"nopw 0(%rax,%rax)", {0x66, 0x0f, 0x1f, 0x44, 0, 0}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"nopl 0(%rax)", {0x0f, 0x1f, 0x80, 0, 0, 0, 0}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"nopw %cs:0(%rax,%rax)", {0x66, 0x2e, 0x0f, 0x1f, 0x84, 0, 0, 0, 0, 0}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"cs nopw (lld order)", {0x2e, 0x66, 0x0f, 0x1f, 0x04, 0x00}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"data16 x5 cs nopw (15 bytes)", {0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0, 0, 0, 0, 0},
	 IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"endbr64", {0xf3, 0x0f, 0x1e, 0xfa}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"pause", {0xf3, 0x90}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"lfence", {0x0f, 0xae, 0xe8}, IU_X86_FALL, IU_X86_SP_NONE, 0},
	{"int3", {0xcc}, IU_X86_TRAP, IU_X86_SP_NONE, 0},
	{"ud2", {0x0f, 0x0b}, IU_X86_TRAP, IU_X86_SP_NONE, 0},
	{"jne rel8", {0x75, 0xfe}, IU_X86_JCC, IU_X86_SP_NONE, 0},
	{"jbe rel32", {0x0f, 0x86, 0x10, 0, 0, 0}, IU_X86_JCC, IU_X86_SP_NONE, 0},
	{"jmp rel8", {0xeb, 0x00}, IU_X86_JMP, IU_X86_SP_NONE, 0},
	{"jmp rel32", {0xe9, 0xfb, 0xff, 0xff, 0xff}, IU_X86_JMP, IU_X86_SP_NONE, 0},
	{"call rel32", {0xe8, 0, 0, 0, 0}, IU_X86_CALL, IU_X86_SP_NONE, 0},
	{"ret", {0xc3}, IU_X86_RET, IU_X86_SP_NONE, 0},
};

// (one test over the table: a process per row would cost more than the rows)
TEST(X86, AcceptedFormsDecodeWithTheirLengthFlowAndStackEffect)
{
	for (const Ok &t : accepted) {
	SCOPED_TRACE(t.what);
	Decoded d = decode(t.bytes);
	EXPECT_EQ(d.st, IU_X86_OK) << t.what << ": " << d.why;
	EXPECT_EQ(d.in.len, t.bytes.size()) << t.what;
	EXPECT_EQ(d.in.flow, t.flow) << t.what;
	EXPECT_EQ(d.in.stack, t.stack) << t.what;
	EXPECT_EQ(d.in.sp_delta, t.delta) << t.what;
	// every proper prefix is truncated, never accepted
	for (size_t n = 0; n < t.bytes.size(); n++) {
		Bytes pre(t.bytes.begin(), t.bytes.begin() + n);
		Decoded p = decode(pre);
		EXPECT_EQ(p.st, IU_X86_TRUNCATED) << t.what << " cut at " << n;
		EXPECT_LE(p.in.len, n ? n : 1);
	}
	}
}

TEST(X86, BranchTargetsAndRipRelative)
{
	Decoded d = decode({0xeb, 0xfe}, 0x2000);	// jmp .
	ASSERT_EQ(d.st, IU_X86_OK);
	EXPECT_EQ(d.in.target, 0x2000u);
	d = decode({0x0f, 0x84, 0x00, 0x01, 0x00, 0x00}, 0x2000);
	EXPECT_EQ(d.in.target, 0x2000u + 6 + 0x100);
	d = decode({0xe8, 0xf0, 0xff, 0xff, 0xff}, 0x2000);
	EXPECT_EQ(d.in.target, 0x2000u + 5 - 0x10);
	// movl $imm32, disp(%rip): the displacement is relative to the end,
	// after the immediate
	d = decode({0xc7, 0x05, 0x10, 0, 0, 0, 1, 2, 3, 4}, 0x2000);
	ASSERT_EQ(d.st, IU_X86_OK);
	EXPECT_TRUE(d.in.rip_rel);
	EXPECT_EQ(d.in.rip_target, 0x2000u + 10 + 0x10);
	EXPECT_EQ(d.in.mem_size, 4);
	d = decode({0x4c, 0x8b, 0x1d, 0x00, 0x10, 0, 0}, 0x2000);	// mov G(%rip),%r11
	EXPECT_EQ(d.in.rip_target, 0x2000u + 7 + 0x1000);
	EXPECT_EQ(d.in.writes, 1u << IU_X86_R11);
	d = decode({0x48, 0x8d, 0x05, 0, 0, 0, 0}, 0x2000);	// lea: no access
	EXPECT_EQ(d.in.mem_size, 0);
	d = decode({0x0f, 0xb6, 0x05, 0, 0, 0, 0}, 0x2000);	// movzbl: 1 byte
	EXPECT_EQ(d.in.mem_size, 1);
}

TEST(X86, RegistersWritten)
{
	// mov $1,%ah writes rax (no REX); mov $1,%spl writes rsp (REX)
	Decoded d = decode({0xb4, 0x01});
	EXPECT_EQ(d.in.writes, 1u << IU_X86_RAX);
	EXPECT_EQ(d.in.stack, IU_X86_SP_NONE);
	d = decode({0x40, 0xb4, 0x01});
	EXPECT_EQ(d.in.stack, IU_X86_SP_OTHER);
	d = decode({0x48, 0xf7, 0xf1});	// div %rcx: rax, rdx
	EXPECT_EQ(d.in.writes, (1u << IU_X86_RAX) | (1u << IU_X86_RDX));
	d = decode({0x48, 0x87, 0xd9});	// xchg %rbx,%rcx
	EXPECT_EQ(d.in.writes, (1u << IU_X86_RBX) | (1u << IU_X86_RCX));
}

struct Bad {
	const char *what;
	Bytes bytes;
	const char *group;	// substring of the reason
};

const Bad refused[] = {
	{"mov %rax,%cr0", {0x0f, 0x22, 0xc0}, "privileged"},
	{"mov %cr0,%rax", {0x0f, 0x20, 0xc0}, "privileged"},
	{"mov %rax,%dr7", {0x0f, 0x23, 0xf8}, "privileged"},
	{"wrmsr", {0x0f, 0x30}, "privileged"},
	{"rdmsr", {0x0f, 0x32}, "privileged"},
	{"rdtsc", {0x0f, 0x31}, "privileged"},
	{"rdpmc", {0x0f, 0x33}, "privileged"},
	{"rdtscp", {0x0f, 0x01, 0xf9}, "privileged"},
	{"cpuid", {0x0f, 0xa2}, "privileged"},
	{"in %dx,%al", {0xec}, "port I/O"},
	{"out %al,$0x80", {0xe6, 0x80}, "port I/O"},
	{"insb", {0x6c}, "port I/O"},
	{"outsb", {0x6e}, "port I/O"},
	{"lgdt (%rax)", {0x0f, 0x01, 0x10}, "privileged"},
	{"lidt (%rax)", {0x0f, 0x01, 0x18}, "privileged"},
	{"sgdt (%rax)", {0x0f, 0x01, 0x00}, "privileged"},
	{"lldt %ax", {0x0f, 0x00, 0xd0}, "privileged"},
	{"ltr %ax", {0x0f, 0x00, 0xd8}, "privileged"},
	{"str %eax", {0x0f, 0x00, 0xc8}, "privileged"},
	{"smsw %eax", {0x0f, 0x01, 0xe0}, "privileged"},
	{"lmsw %ax", {0x0f, 0x01, 0xf0}, "privileged"},
	{"clts", {0x0f, 0x06}, "privileged"},
	{"invlpg (%rax)", {0x0f, 0x01, 0x38}, "privileged"},
	{"invd", {0x0f, 0x08}, "privileged"},
	{"wbinvd", {0x0f, 0x09}, "privileged"},
	{"swapgs", {0x0f, 0x01, 0xf8}, "privileged"},
	{"sysret", {0x48, 0x0f, 0x07}, "privileged"},
	{"iretq", {0x48, 0xcf}, "privileged"},
	{"syscall", {0x0f, 0x05}, "privileged"},
	{"sysenter", {0x0f, 0x34}, "privileged"},
	{"int $0x80", {0xcd, 0x80}, "software interrupt"},
	{"int1", {0xf1}, "software interrupt"},
	{"into", {0xce}, "software interrupt"},
	{"hlt", {0xf4}, "hlt"},
	{"cli", {0xfa}, "cli/sti"},
	{"sti", {0xfb}, "cli/sti"},
	{"pushf", {0x9c}, "pushf/popf"},
	{"popf", {0x9d}, "pushf/popf"},
	{"monitor", {0x0f, 0x01, 0xc8}, "privileged"},
	{"mwait", {0x0f, 0x01, 0xc9}, "privileged"},
	{"xsave (%rax)", {0x0f, 0xae, 0x20}, "privileged"},
	{"xrstor (%rax)", {0x0f, 0xae, 0x28}, "privileged"},
	{"fxsave (%rax)", {0x0f, 0xae, 0x00}, "privileged"},
	{"vmcall", {0x0f, 0x01, 0xc1}, "privileged"},
	{"vmptrld (%rax)", {0x0f, 0xc7, 0x30}, "privileged"},
	{"vmread", {0x0f, 0x78, 0xc0}, "privileged"},
	{"rdrand %eax", {0x0f, 0xc7, 0xf0}, "privileged"},
	{"cmpxchg16b", {0x48, 0x0f, 0xc7, 0x0f}, "allowlist"},
	{"fld1", {0xd9, 0xe8}, "x87"},
	{"fwait", {0x9b}, "x87"},
	{"movaps %xmm0,%xmm1", {0x0f, 0x28, 0xc8}, "MMX/SSE/AVX"},
	{"movups (%rdi),%xmm0", {0x0f, 0x10, 0x07}, "MMX/SSE/AVX"},
	{"movq %mm0,%mm1", {0x0f, 0x6f, 0xc8}, "MMX/SSE/AVX"},
	{"pxor %xmm0,%xmm0", {0x66, 0x0f, 0xef, 0xc0}, "MMX/SSE/AVX"},
	{"cmpps", {0x0f, 0xc2, 0xc1, 0x00}, "MMX/SSE/AVX"},
	{"0f 38 map (pshufb)", {0x66, 0x0f, 0x38, 0x00, 0xc1}, "MMX/SSE/AVX"},
	{"vzeroupper (VEX c5)", {0xc5, 0xf8, 0x77}, "VEX"},
	{"VEX c4", {0xc4, 0xe2, 0x79, 0x18, 0x07}, "VEX"},
	{"EVEX 62", {0x62, 0xf1, 0x7c, 0x48, 0x28, 0xc1}, "VEX"},
	{"XOP 8f /1", {0x8f, 0xe9, 0x78, 0x01, 0xc0}, "VEX"},
	{"mov %fs:0,%rax", {0x64, 0x48, 0x8b, 0x04, 0x25, 0, 0, 0, 0}, "fs/gs"},
	{"gs prefix", {0x65, 0x48, 0x8b, 0x07}, "fs/gs"},
	{"mov %ds,%eax", {0x8c, 0xd8}, "segment"},
	{"mov %eax,%ss", {0x8e, 0xd0}, "segment"},
	{"push %fs", {0x0f, 0xa0}, "segment"},
	{"lss", {0x0f, 0xb2, 0x07}, "segment"},
	{"ds prefix", {0x3e, 0x48, 0x8b, 0x07}, "segment"},
	{"ljmp *(%rax)", {0xff, 0x28}, "far"},
	{"lcall *(%rax)", {0xff, 0x18}, "far"},
	{"lret", {0xcb}, "far"},
	{"enter", {0xc8, 0x10, 0x00, 0x00}, "enter/leave"},
	{"leave", {0xc9}, "enter/leave"},
	{"movsb", {0xa4}, "string"},
	{"rep movsb", {0xf3, 0xa4}, "string"},
	{"rep stosq", {0xf3, 0x48, 0xab}, "string"},
	{"lodsb", {0xac}, "string"},
	{"scasb", {0xae}, "string"},
	{"cmpsb", {0xa6}, "string"},
	{"std", {0xfd}, "direction"},
	{"cld", {0xfc}, "direction"},
	{"lock incl (%rax)", {0xf0, 0xff, 0x00}, "lock"},
	{"moffs a1", {0xa1, 1, 2, 3, 4, 5, 6, 7, 8}, "absolute"},
	{"moffs a2", {0xa2, 1, 2, 3, 4, 5, 6, 7, 8}, "absolute"},
	{"mov 0x1000,%eax (SIB no base)", {0x8b, 0x04, 0x25, 0, 0x10, 0, 0}, "absolute"},
	{"mov 0(,%rax,8),%eax", {0x8b, 0x04, 0xc5, 0, 0, 0, 0}, "absolute"},
	{"SIB no base with REX.B", {0x41, 0x8b, 0x04, 0x25, 0, 0, 0, 0}, "absolute"},
	{"call *%rax", {0xff, 0xd0}, "indirect"},
	{"call *(%rax)", {0xff, 0x10}, "indirect"},
	{"jmp *%r11", {0x41, 0xff, 0xe3}, "indirect"},
	{"notrack jmp *%rax", {0x3e, 0xff, 0xe0}, "segment"},
	{"ret $8", {0xc2, 0x08, 0x00}, "ret imm16"},
	{"rep ret", {0xf3, 0xc3}, "prefix"},
	{"bnd jmp", {0xf2, 0xe9, 0, 0, 0, 0}, "f2"},
	{"addr32 mov", {0x67, 0x8b, 0x07}, "address-size"},
	{"jrcxz", {0xe3, 0x00}, "allowlist"},
	{"loop", {0xe2, 0xfe}, "allowlist"},
	{"xlat", {0xd7}, "allowlist"},
	{"cmpxchg", {0x0f, 0xb1, 0x0f}, "allowlist"},
	{"xadd", {0x0f, 0xc1, 0x07}, "allowlist"},
	{"popcnt", {0xf3, 0x0f, 0xb8, 0xc0}, "allowlist"},
	{"prefetch", {0x0f, 0x18, 0x0f}, "allowlist"},
	{"ud1", {0x0f, 0xb9, 0xc0}, "allowlist"},
	{"mfence", {0x0f, 0xae, 0xf0}, "allowlist"},
	{"endbr32", {0xf3, 0x0f, 0x1e, 0xfb}, "allowlist"},
	{"rdsspq (f3 0f 1e /1)", {0xf3, 0x48, 0x0f, 0x1e, 0xc8}, "allowlist"},
	{"nop /1 (hint)", {0x0f, 0x1f, 0x08}, "allowlist"},
	{"xbegin", {0xc7, 0xf8, 0, 0, 0, 0}, "transactional"},
	{"c6 /1", {0xc6, 0x08, 0x00}, "invalid"},
	{"shift /6", {0xc1, 0xf0, 0x01}, "invalid"},
	{"f7 /1", {0xf7, 0xc8, 0, 0, 0, 0}, "invalid"},
	{"ff /7", {0xff, 0xf8}, "invalid"},
	{"lea with a register", {0x48, 0x8d, 0xc0}, "invalid"},
	{"0x06 (push es)", {0x06}, "segment"},
	{"aaa (invalid in 64-bit)", {0x37}, "invalid"},
	{"REX then prefix", {0x48, 0x66, 0x89, 0xc0}, "REX"},
	{"two REX", {0x48, 0x48, 0x89, 0xc0}, "REX"},
	{"66 on jcc", {0x66, 0x74, 0x00}, "prefix"},
	{"66 on call", {0x66, 0xe8, 0, 0}, "prefix"},
	{"66 on push", {0x66, 0x50}, "prefix"},
	{"66 66 on mov", {0x66, 0x66, 0x89, 0xc0}, "prefix"},
	{"cs on mov", {0x2e, 0x8b, 0x07}, "segment"},
	{"f3 on mov", {0xf3, 0x89, 0xc0}, "prefix"},
	{"REX on pause", {0xf3, 0x48, 0x90}, "prefix"},
	{"REX on endbr64", {0xf3, 0x48, 0x0f, 0x1e, 0xfa}, "prefix"},
	{"sahf", {0x9e}, "allowlist"},
	{"far call 9a", {0x9a}, "far"},
	{"16 prefixes", Bytes(16, 0x66), "15 bytes"},
	{"15 prefixes + nop", [] { Bytes b(15, 0x66); b.push_back(0x90); return b; }(), "15 bytes"},
};

TEST(X86, RefusedFormsNameTheirGroup)
{
	for (const Bad &t : refused) {
	SCOPED_TRACE(t.what);
	Decoded d = decode(t.bytes);
	EXPECT_EQ(d.st, IU_X86_REFUSED) << t.what;
	EXPECT_NE(d.why.find(t.group), std::string::npos) << t.what << ": " << d.why;
	EXPECT_GE(d.in.len, 1);
	EXPECT_LE(d.in.len, std::min<size_t>(t.bytes.size(), IU_X86_MAX_INSN));
	}
}

// Writes to %rsp other than the tracked forms.
TEST(X86, OtherWritesToRspAreFlagged)
{
	const Bytes other[] = {
		{0x48, 0x89, 0xc4},		// mov %rax,%rsp
		{0x4c, 0x89, 0xdc},		// mov %r11,%rsp
		{0x48, 0x8b, 0x20},		// mov (%rax),%rsp
		{0x89, 0xc4},			// mov %eax,%esp
		{0x66, 0x89, 0xc4},		// mov %ax,%sp
		{0x48, 0x83, 0xe4, 0xf0},	// and $-16,%rsp
		{0x48, 0x29, 0xc4},		// sub %rax,%rsp
		{0x48, 0x01, 0xc4},		// add %rax,%rsp
		{0x83, 0xec, 0x08},		// sub $8,%esp
		{0x48, 0x8d, 0x24, 0x04},	// lea (%rsp,%rax),%rsp
		{0x4a, 0x8d, 0x24, 0x24},	// lea (%rsp,%r12),%rsp
		{0x48, 0x8d, 0x60, 0x08},	// lea 8(%rax),%rsp
		{0x48, 0x8d, 0x24, 0xe5, 0, 0, 0, 0},	// lea (,%riz,8)... no base,%rsp
		{0x48, 0x8d, 0x24, 0xc5, 8, 0, 0, 0},	// lea 8(,%rax,8),%rsp
		{0x8d, 0x64, 0x24, 0x08},	// lea 8(%rsp),%esp
		{0x5c},				// pop %rsp
		{0x48, 0x94},			// xchg %rax,%rsp
		{0x48, 0x87, 0x27},		// xchg %rsp,(%rdi)
		{0x48, 0xff, 0xc4},		// inc %rsp
		{0x48, 0xf7, 0xdc},		// neg %rsp
		{0x48, 0x0f, 0xcc},		// bswap %rsp
		{0x48, 0x0f, 0x44, 0xe0},	// cmove %rax,%rsp
		{0x48, 0xbc, 0, 0, 0, 0, 0, 0, 0, 0},	// movabs $0,%rsp
		{0x40, 0x0f, 0x94, 0xc4},	// sete %spl
		{0x48, 0xc1, 0xe4, 0x01},	// shl $1,%rsp
		{0x48, 0x63, 0xe0},		// movslq %eax,%rsp
		{0x48, 0x81, 0xec, 0x00, 0x00, 0x00, 0x80},	// sub $-2^31,%rsp (delta 2^31)
	};
	for (auto &b : other) {
		Decoded d = decode(b);
		ASSERT_EQ(d.st, IU_X86_OK) << testing::PrintToString(b);
		EXPECT_EQ(d.in.stack, IU_X86_SP_OTHER) << testing::PrintToString(b);
	}
}

// Never past the buffer (ASan), never longer than 15 or than the buffer.
TEST(X86, RandomStreamsStayInTheBuffer)
{
	std::mt19937_64 rng(12345);
	size_t ok = 0, refused = 0, truncated = 0;
	for (int round = 0; round < 2000; round++) {
		size_t n = 1 + rng() % 64;
		std::unique_ptr<uint8_t[]> buf(new uint8_t[n]);
		for (size_t i = 0; i < n; i++)
			buf[i] = rng();
		// bias towards prefixes and interesting opcodes
		if (round % 3 == 0)
			buf[0] = (const uint8_t[]){0x66, 0x48, 0x0f, 0xf3, 0x2e, 0x41}[rng() % 6];
		for (size_t off = 0; off < n; off++) {
			struct iu_x86_insn in;
			const char *why;
			auto st = iu_x86_decode(buf.get() + off, n - off, off, &in, &why);
			ASSERT_GE(in.len, 1);
			ASSERT_LE(in.len, std::min<size_t>(n - off, IU_X86_MAX_INSN));
			if (st == IU_X86_OK) {
				ok++;
				ASSERT_EQ(why, nullptr);
			} else {
				ASSERT_NE(why, nullptr);
				(st == IU_X86_REFUSED ? refused : truncated)++;
			}
		}
	}
	// the streams exercised all three outcomes
	EXPECT_GT(ok, 1000u);
	EXPECT_GT(refused, 1000u);
	EXPECT_GT(truncated, 100u);
}

} // namespace
