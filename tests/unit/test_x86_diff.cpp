// SPDX-License-Identifier: GPL-2.0
// The allowlist decoder against LLVM's disassembler (x86_diff.hpp): every
// instruction of the built samples' and corpus bases' text (and of every
// code-check fixture, from build_fixture), a structured sweep of opcode x
// ModRM bytes under the prefixes that matter, and random byte streams.
// Where ours accepts, LLVM must agree on the length and the branch target
// and name an instruction of the allowlist.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>

#include "fixture.hpp"
#include "llvm_x86.hpp"
#include "x86_diff.hpp"

extern "C" {
#include "core/x86.h"
}

using namespace iu_test;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> built_files()
{
	std::vector<std::string> out;
	for (const char *dir : {IU_SOURCE_DIR "/samples", IU_CORPUS_BASES}) {
		if (!fs::exists(dir))
			continue;
		for (auto &e : fs::recursive_directory_iterator(dir)) {
			std::string p = e.path().string();
			// (code_*: the corpus' hand-written hostile bases, not compiled code)
			if (e.is_regular_file() && (p.ends_with(".iu") || p.ends_with(".so")) &&
			    !e.path().filename().string().starts_with("code_"))
				out.push_back(p);
		}
	}
	if (const char *extra = getenv("IU_X86_DIFF_FILES")) {
		std::string s = extra;
		for (size_t a = 0, b; a < s.size(); a = b + 1) {
			b = s.find(':', a);
			if (b == std::string::npos)
				b = s.size();
			if (b > a)
				out.push_back(s.substr(a, b - a));
		}
	}
	std::sort(out.begin(), out.end());
	return out;
}

Bytes slurp(const std::string &p)
{
	std::ifstream in(p, std::ios::binary);
	return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Compiled code contains nothing the decoder refuses (iu_rt's mem*
// functions are plain loops, not string instructions).
bool string_runtime(const std::string &)
{
	return false;
}

} // namespace

TEST(X86Diff, BuiltSamplesText)
{
	auto files = built_files();
	ASSERT_GE(files.size(), 5u) << "build the samples and the corpus bases first (make)";
	DiffStats st;
	std::map<std::string, size_t> refusals;
	for (auto &path : files) {
		for (auto &f : text_functions(slurp(path))) {
			std::string d = diff_linear(f.bytes.data(), f.bytes.size(), f.addr, &st);
			EXPECT_EQ(d, "") << path << " " << f.name;
			// what ours refuses in compiled code
			for (size_t off = 0; off < f.bytes.size();) {
				struct iu_x86_insn in;
				const char *why;
				if (iu_x86_decode(f.bytes.data() + off, f.bytes.size() - off, f.addr + off,
						  &in, &why) != IU_X86_OK) {
					refusals[f.name + ": " + why]++;
					EXPECT_TRUE(string_runtime(f.name))
						<< path << ": " << f.name << "+" << off << ": " << why;
				}
				off += in.len;
			}
		}
	}
	for (auto &[k, v] : refusals)
		printf("refused in built code: %s (%zu)\n", k.c_str(), v);
	printf("built code: %zu files, %llu instructions accepted, %llu branches compared\n",
	       files.size(), (unsigned long long)st.accepted, (unsigned long long)st.branches);
	EXPECT_GT(st.accepted, 500u);	// (a floor: the samples are small)
	EXPECT_GT(st.branches, 100u);
}

// Every one-byte and 0f opcode with every ModRM byte, under no prefix, 66,
// REX.W, REX.B|R|X, F3 and 2e: the bytes after the ModRM are fixed.
TEST(X86Diff, OpcodeModrmSweep)
{
	const std::vector<std::vector<uint8_t>> prefixes = {
		{}, {0x66}, {0x48}, {0x47}, {0xf3}, {0xf3, 0x48}, {0x66, 0x2e}, {0x66, 0x66, 0x2e}, {0x40},
	};
	const uint8_t tail[] = {0x24, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x80, 0x90, 0xa0};
	DiffStats st;
	std::string diffs;
	for (auto &pre : prefixes) {
		for (int map = 0; map < 2; map++) {
			for (int op = 0; op < 256; op++) {
				for (int modrm = 0; modrm < 256; modrm++) {
					std::vector<uint8_t> b = pre;
					if (map)
						b.push_back(0x0f);
					b.push_back(op);
					b.push_back(modrm);
					b.insert(b.end(), std::begin(tail), std::end(tail));
					diffs += diff_one(b.data(), b.size(), 0x10000, &st);
					if (diffs.size() > 4000)
						break;
				}
			}
		}
	}
	EXPECT_EQ(diffs, "");
	printf("sweep: %llu accepted, %llu refused\n", (unsigned long long)st.accepted,
	       (unsigned long long)st.refused);
	EXPECT_GT(st.accepted, 50000u);
}

TEST(X86Diff, RandomStreams)
{
	std::mt19937_64 rng(20261201);
	DiffStats st;
	std::string diffs;
	const uint8_t starts[] = {0x66, 0x48, 0x49, 0x4c, 0x0f, 0xf3, 0x2e, 0x41, 0x45};
	for (int i = 0; i < 300000 && diffs.size() < 4000; i++) {
		uint8_t b[16];
		for (auto &x : b)
			x = rng();
		if (i % 2)
			b[0] = starts[rng() % sizeof(starts)];
		if (i % 4 == 1)
			b[1] = 0x0f;
		size_t len = 1 + rng() % 16;
		diffs += diff_one(b, len, rng() & 0xffffffff, &st);
	}
	EXPECT_EQ(diffs, "");
	printf("random: %llu accepted, %llu refused\n", (unsigned long long)st.accepted,
	       (unsigned long long)st.refused);
	EXPECT_GT(st.accepted, 30000u);
}

// The fixtures are compared as they are built; here one with every
// instruction form of the allowlist the decoder tables test, as assembled by
// LLVM's own assembler.
TEST(X86Diff, AssemblerForms)
{
	Bytes file = build_fixture(R"(
	FUNC entry
	endbr64
	mov %rdi,%rax; mov 8(%rsp),%rax; mov %al,(%rdi); movb $1,0x10(%rdi,%rcx,4)
	movabs $0x123456789,%rsi; mov $0x1234,%ax; mov $1,%r8b; movzbl (%rdi),%eax
	movswq %ax,%rax; movslq %edi,%rax; lea 0x10(%rdi,%rsi,8),%rax; push %rbx; pop %rbx
	push $1; push $0x12345; push 8(%rdi); pop (%rdi); pop %rax; pop %rax; sub $0x18,%rsp; add $0x18,%rsp
	lea -0x10(%rsp),%rsp; lea 0x10(%rsp),%rsp; add %eax,%ecx; adc $1,%al; sbb $0x12345,%eax
	xor %eax,%eax; cmpb $0,(%rdi); orw $0x1234,(%rdi); test %rdx,%rdx; test $0x80,%al
	testl $0x12345,(%rdi); inc %r14; decb (%rdi); neg %rax; not %ecx; mul %rcx; idivl (%rdi)
	imul %rsi,%r12; imul $0x12345,%rax,%rax; imul $5,%eax,%eax; shr $3,%rax; sar %cl,%edx
	rol $1,%al; rcl $2,%ebx; shld $4,%rax,%rdx; shrd %cl,%rax,%rdx; bt %rax,%rdx; bts $5,%eax
	btr %ecx,%eax; btc $1,(%rdi); bsf %rax,%rcx; bsr %eax,%ecx; tzcnt %rdi,%rax; lzcnt %edi,%eax
	rep bsf %eax,%ecx; bswap %r9; sete %al; setne (%rdi); cmovg %rsi,%rax; cmovbe (%rdi),%ecx
	cltq; cqto; cwtl; cltd; cbtw; cwtd; xchg %rax,%rbx; xchg %eax,(%rdi); xchg %r8,%rax; clc; stc; cmc
	nop; xchg %ax,%ax; nopl (%rax); nopw 0(%rax,%rax); nopl 0(%rax); nopw %cs:0(%rax,%rax)
	pause; lfence; movl $1,x(%rip); movq $-1,x(%rip)
	.p2align 6
	RET
	END entry
	.data
x:	.long 0
)");
	CheckOutcome o = run_codecheck(file);
	EXPECT_TRUE(o.ok()) << o.log;
}

// The reference itself: LLVM names what the allowlist must exclude.
TEST(X86Diff, ReferenceSelfCheck)
{
	EXPECT_TRUE(llvm_name_allowed("MOV64rr"));
	EXPECT_TRUE(llvm_name_allowed("JCC_1"));
	for (const char *n : {"MOV64cr", "MOV64rc", "MOV64dr", "MOVSB", "MOV64ao32", "MOV64sr",
			      "CMPXCHG32rm", "INT", "PUSHF64", "CALL64r", "JMP64m", "LEAVE64", "STOSQ",
			      "RDMSR", "IN8rr", "CMPSB", "SCASB", "XADD32rm", "RETI64"})
		EXPECT_FALSE(llvm_name_allowed(n)) << n;
	// ours refuses what LLVM decodes as a privileged instruction
	const uint8_t cr0[] = {0x0f, 0x22, 0xc0};
	DiffStats st;
	EXPECT_EQ(diff_one(cr0, sizeof(cr0), 0, &st), "");
	EXPECT_EQ(st.refused, 1u);
}
