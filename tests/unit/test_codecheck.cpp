// SPDX-License-Identifier: GPL-2.0
// The machine-code check (module/core/codecheck.c) on fixtures built from
// hand-written assembly (fixture.hpp): for each rule, files that satisfy it
// with the facts it must report (derived by hand from the rules in
// docs/codecheck.md), and hostile files that break it, refused with the
// expected message.
#include <gtest/gtest.h>

#include <sstream>

#include "fixture.hpp"
#include "harness.hpp"

using namespace iu_test;

namespace {

constexpr uint64_t H = IU_HELPER_STACK;

CheckOutcome check(const std::string &body, const std::vector<ProgSpec> &progs = {ProgSpec{}})
{
	return run_codecheck(build_fixture(body, progs));
}

// Refused by the code check (not by the file check) with @msg in the log.
void expect_refused(const std::string &body, const std::string &msg,
		    const std::vector<ProgSpec> &progs = {ProgSpec{}})
{
	CheckOutcome o = check(body, progs);
	ASSERT_EQ(o.parse_err, 0) << o.log;
	EXPECT_EQ(o.err, -ENOEXEC) << body;
	EXPECT_TRUE(o.has(msg)) << "expected \"" << msg << "\", got:\n" << o.log;
	EXPECT_TRUE(o.has("code: ")) << o.log;
	// exactly one line
	EXPECT_EQ(std::count(o.log.begin(), o.log.end(), '\n'), 1) << o.log;
}

uint64_t addr_of(const Bytes &file, const std::string &name)
{
	for (auto &f : text_functions(file))
		if (f.name == name)
			return f.addr;
	throw std::runtime_error(name + " not found");
}

const char *minimal = R"(
	FUNC entry
	endbr64
	xor %eax,%eax
	RET
	END entry
)";

// ---- accepted files and their facts ----

TEST(CodeCheck, MinimalProgram)
{
	CheckOutcome o = check(minimal);
	ASSERT_TRUE(o.ok()) << o.log;
	const iu_cc_func *f = o.func("entry");
	ASSERT_TRUE(f);
	EXPECT_EQ(f->nr_insns, 4u);		// endbr64, xor, jmp, int3
	EXPECT_EQ(f->frame, 0u);
	EXPECT_EQ(f->need, H);			// an interrupt at depth 0
	EXPECT_EQ(f->T, 3u);			// endbr64, xor, jmp
	EXPECT_EQ(f->A, IU_CC_NOPATH);
	EXPECT_EQ(f->B, IU_CC_NOPATH);
	EXPECT_EQ(f->I, IU_CC_NOPATH);
	EXPECT_TRUE(f->flags & IU_CC_FN_RETURNS);
	ASSERT_EQ(o.progs.size(), 1u);
	EXPECT_EQ(o.progs[0].need, H);
	EXPECT_EQ(o.names[o.progs[0].func], "entry");
	// nothing asks for the invocation's frame: iu.ko may enter it directly
	EXPECT_FALSE(o.progs[0].fuel);
	EXPECT_FALSE(o.progs[0].services);
	EXPECT_FALSE(o.progs[0].recursive);
	// the thunks are recognized
	const iu_cc_func *rt = o.func("__x86_return_thunk"), *it = o.func("__x86_indirect_thunk_r11");
	ASSERT_TRUE(rt && it);
	EXPECT_TRUE(rt->flags & IU_CC_FN_RETURN_THUNK);
	EXPECT_TRUE(it->flags & IU_CC_FN_INDIRECT_THUNK);
	EXPECT_TRUE(o.pairs.empty());
}

TEST(CodeCheck, HelperCallPairIsReported)
{
	Bytes file = build_fixture(R"(
	FUNC entry
	endbr64
	push %rbx
	mov %rdi,%rbx
	HCALL bpf_ktime_get_ns
	pop %rbx
	RET
	END entry
)");
	CheckOutcome o = run_codecheck(file);
	ASSERT_TRUE(o.ok()) << o.log;
	const iu_cc_func *f = o.func("entry");
	EXPECT_EQ(f->frame, 8u);
	EXPECT_EQ(f->need, 8 + 8 + H);		// the helper call at depth 8
	EXPECT_EQ(f->nr_helper_calls, 1u);
	ASSERT_EQ(o.pairs.size(), 1u);
	EXPECT_EQ(o.pair_syms[0], "bpf_ktime_get_ns");
	EXPECT_EQ(o.pairs[0].kind, IU_CC_PAIR_CALL);
	// endbr64 (4) push (1) mov (3): the pair's mov
	EXPECT_EQ(o.pairs[0].off, addr_of(file, "entry") + 8);
	EXPECT_EQ(o.pairs[0].facts, IU_CC_SYM_KNOWN);
	// a BPF helper is not an iu service
	EXPECT_FALSE(o.progs[0].services);
	// endbr push mov [pair] pop jmp: 6 instructions, the pair counting 2
	EXPECT_EQ(f->T, 7u);
}

TEST(CodeCheck, HelperTailCallIsAReturn)
{
	CheckOutcome o = check(R"(
	FUNC entry
	endbr64
	HTAIL bpf_get_smp_processor_id
	int3
	END entry
)");
	ASSERT_TRUE(o.ok()) << o.log;
	ASSERT_EQ(o.pairs.size(), 1u);
	EXPECT_EQ(o.pairs[0].kind, IU_CC_PAIR_TAIL);
	EXPECT_EQ(o.func("entry")->need, 8 + H);
	EXPECT_TRUE(o.func("entry")->flags & IU_CC_FN_RETURNS);
}

TEST(CodeCheck, NoreturnHelperAndFunction)
{
	CheckOutcome o = check(R"(
	FUNC dies
	HCALL iu_rt_panic
	int3
	END dies
	FUNC entry
	endbr64
	test %rdi,%rdi
	je 1f
	call dies
	int3
1:	RET
	END entry
)");
	ASSERT_TRUE(o.ok()) << o.log;
	EXPECT_FALSE(o.func("dies")->flags & IU_CC_FN_RETURNS);
	EXPECT_TRUE(o.func("entry")->flags & IU_CC_FN_RETURNS);
	// call dies at depth 0: 8 + need(dies) = 8 + 8 + H
	EXPECT_EQ(o.func("entry")->need, 8 + 8 + H);
	// a callee's service call (iu_rt_panic ends the invocation) counts for
	// its caller, without any fuel point
	EXPECT_TRUE(o.func("dies")->flags & IU_CC_FN_REACHES_SERVICE);
	EXPECT_TRUE(o.func("entry")->flags & IU_CC_FN_REACHES_SERVICE);
	EXPECT_TRUE(o.progs[0].services);
	EXPECT_FALSE(o.progs[0].fuel);
}

TEST(CodeCheck, LoopWithFuelPoint)
{
	CheckOutcome o = check(R"(
	FUNC entry
	endbr64
	mov $10,%ecx
1:	FUEL
	dec %ecx
	jne 1b
	RET
	END entry
)");
	ASSERT_TRUE(o.ok()) << o.log;
	const iu_cc_func *f = o.func("entry");
	EXPECT_EQ(f->nr_fuel_points, 1u);
	EXPECT_EQ(f->T, IU_CC_NOPATH);		// every path crosses the fuel point
	EXPECT_EQ(f->A, 3u);			// endbr64, mov, the fuel point
	EXPECT_EQ(f->I, 3u);			// dec, jne, the fuel point
	EXPECT_EQ(f->B, 3u);			// dec, jne, jmp
	EXPECT_EQ(f->need, 8 + H);		// the tick call
	ASSERT_EQ(o.pairs.size(), 1u);
	EXPECT_EQ(o.pairs[0].kind, IU_CC_PAIR_FUEL);
	EXPECT_EQ(o.pair_syms[0], "iu_rt_tick");
	EXPECT_EQ(o.pairs[0].facts, IU_CC_SYM_KNOWN | IU_CC_SYM_TICK | IU_CC_SYM_SERVICE);
	EXPECT_TRUE(o.progs[0].fuel);
	EXPECT_TRUE(o.progs[0].services);
}

const char *recursion = R"(
	FUNC rec
	endbr64
	STACK_CHECK %ROOM%
	FUEL
	test %rdi,%rdi
	je 1f
	dec %rdi
	call rec
1:	RET
	END rec
	FUNC entry
	endbr64
	mov $5,%edi
	call rec
	RET
	END entry
)";

std::string with_room(uint32_t room)
{
	std::string s = recursion;
	s.replace(s.find("%ROOM%"), 6, std::to_string(room));
	return s;
}

TEST(CodeCheck, RecursionWithStackCheckAndFuel)
{
	CheckOutcome o = check(with_room(8000));
	ASSERT_TRUE(o.ok()) << o.log;
	const iu_cc_func *rec = o.func("rec"), *entry = o.func("entry");
	EXPECT_TRUE(rec->flags & IU_CC_FN_RECURSIVE);
	EXPECT_FALSE(entry->flags & IU_CC_FN_RECURSIVE);
	EXPECT_EQ(rec->nr_stack_checks, 1u);
	// unchecked in rec: endbr64 (H) and the check's own overflow call (8 + H)
	EXPECT_EQ(rec->need, 8 + H);
	EXPECT_EQ(entry->need, 8 + rec->need);
	EXPECT_EQ(o.progs[0].need, 8 + 8 + H);
	size_t kinds[4] = {};
	for (auto &p : o.pairs)
		kinds[p.kind]++;
	EXPECT_EQ(kinds[IU_CC_PAIR_STACK_CHECK], 1u);
	EXPECT_EQ(kinds[IU_CC_PAIR_FUEL], 1u);
	// entry has no guard of its own: its callee's count
	EXPECT_TRUE(entry->flags & IU_CC_FN_REACHES_FUEL);
	EXPECT_TRUE(o.progs[0].fuel && o.progs[0].services && o.progs[0].recursive);
}

TEST(CodeCheck, StackCheckRoomIsExactlyEnough)
{
	// the recursive call needs 8 + need(rec) = 8 + 8 + H bytes; the fuel
	// point's tick call 8 + H
	EXPECT_TRUE(check(with_room(8 + 8 + H)).ok());
	CheckOutcome o = check(with_room(8 + 8 + H - 1));
	EXPECT_EQ(o.err, -ENOEXEC);
	EXPECT_TRUE(o.has("needs 6160 bytes of stack, the stack check before it proves 6159")) << o.log;
}

TEST(CodeCheck, TailCallAndLocalJumps)
{
	CheckOutcome o = check(R"(
	FUNC other
	sub $0x20,%rsp
	movq $0,(%rsp)
	add $0x20,%rsp
	RET
	END other
	FUNC entry
	endbr64
	test %edi,%edi
	jne 1f
	xor %eax,%eax
	jmp 2f
1:	mov $1,%eax
2:	jmp other
	int3
	END entry
)");
	ASSERT_TRUE(o.ok()) << o.log;
	EXPECT_EQ(o.func("other")->frame, 0x20u);
	EXPECT_EQ(o.func("other")->need, 0x20 + H);
	EXPECT_EQ(o.func("entry")->need, 0x20 + H);	// the tail call: need(other)
	// longest: endbr test jne xor jmp jmp(other) + sub movq add jmp = 10
	EXPECT_EQ(o.func("entry")->T, 10u);
}

TEST(CodeCheck, StackEffectsTracked)
{
	CheckOutcome o = check(R"(
	FUNC entry
	endbr64
	push %rbp
	push %rbx
	lea -0x40(%rsp),%rsp
	sub $0x100,%rsp
	pushq $1
	pushq 8(%rsp)
	popq (%rdi)
	pop %rax
	add $0x100,%rsp
	lea 0x40(%rsp),%rsp
	pop %rbx
	pop %rbp
	RET
	END entry
)");
	ASSERT_TRUE(o.ok()) << o.log;
	EXPECT_EQ(o.func("entry")->frame, 16u + 0x40 + 0x100 + 16);
}

TEST(CodeCheck, PaddingAndAliases)
{
	CheckOutcome o = check(R"(
	.section .text.both,"ax",@progbits
	.p2align 4
	.type a,@function
a:
	endbr64
	RET
	.size a, .-a
	.p2align 5, 0x90
	.type entry,@function
	.type alias,@function
entry:
alias:
	endbr64
	call a
	RET
	.size entry, .-entry
	.size alias, .-entry
	.byte 0x66, 0x90, 0x0f, 0x1f, 0x00, 0xcc
)");
	ASSERT_TRUE(o.ok()) << o.log;
	EXPECT_TRUE(o.func("a"));
	EXPECT_TRUE(o.func("entry") || o.func("alias"));
}

TEST(CodeCheck, ExponentialCallTreeWithFuelInTheLeaf)
{
	// f0 calls f1 four times ... f9 is the leaf: 4^9 leaf calls
	std::ostringstream s;
	s << "\tFUNC f9\n\tFUEL\n\tinc %eax\n\tRET\n\tEND f9\n";
	for (int i = 8; i >= 0; i--)
		s << "\tFUNC f" << i << "\n\tcall f" << i + 1 << "\n\tcall f" << i + 1 << "\n\tcall f"
		  << i + 1 << "\n\tcall f" << i + 1 << "\n\tRET\n\tEND f" << i << "\n";
	s << "\tFUNC entry\n\tendbr64\n\tcall f0\n\tRET\n\tEND entry\n";
	CheckOutcome o = check(s.str());
	ASSERT_TRUE(o.ok()) << o.log;
	// f9: A = fuel (1); B = inc, jmp (2); I none; T none
	EXPECT_EQ(o.func("f9")->A, 1u);
	EXPECT_EQ(o.func("f9")->B, 2u);
	EXPECT_EQ(o.func("f9")->T, IU_CC_NOPATH);
	// f8: between the leaves' fuel points: B(f9) + call + A(f9) = 2 + 1 + 1
	EXPECT_EQ(o.func("f8")->I, 4u);
	EXPECT_EQ(o.func("f8")->A, 2u);	// call, fuel
	EXPECT_EQ(o.func("f8")->B, 3u);	// B(f9), jmp
	EXPECT_EQ(o.func("entry")->A, 12u);	// endbr64, 10 calls, fuel
}

// ---- refused: control flow ----

TEST(CodeCheck, JmpSelfIsALoopWithoutFuel)
{
	expect_refused(R"(
	FUNC entry
	endbr64
1:	jmp 1b
	END entry
)", "entry+0x4: eb fe: loop without a fuel point");
}

TEST(CodeCheck, IrreducibleLoopWithoutFuel)
{
	expect_refused(R"(
	FUNC entry
	endbr64
	test %edi,%edi
	je 2f
1:	inc %eax
2:	dec %edi
	jne 1b
	RET
	END entry
)", "loop without a fuel point");
	// the same with a fuel point on the cycle
	EXPECT_TRUE(check(R"(
	FUNC entry
	endbr64
	test %edi,%edi
	je 2f
1:	inc %eax
2:	FUEL
	dec %edi
	jne 1b
	RET
	END entry
)").ok());
}

TEST(CodeCheck, ClearingCr0WpIsRefused)
{
	expect_refused(R"(
	FUNC entry
	endbr64
	mov %cr0,%rax
	and $~0x10000,%rax
	mov %rax,%cr0
	RET
	END entry
)", "entry+0x4: 0f 20 c0: privileged/system instruction");
}

// The reason for the check: a hand-made file signed with the project key
// passes the signature and the file checks, as iu.ko does them today; the
// code check refuses it.
TEST(CodeCheck, SignedHostileFilesAreRefusedByTheCodeCheckOnly)
{
	const char *hostile[] = {R"(
	FUNC entry
	endbr64
	mov %cr0,%rax
	and $~0x10000,%rax
	mov %rax,%cr0
	RET
	END entry
)", R"(
	FUNC entry
	endbr64
1:	jmp 1b
	END entry
)"};
	for (const char *body : hostile) {
		Bytes signed_file = sign_fixture(build_fixture(body));
		// Past the signature, the file checks and relocation: only the code
		// check, the stage iu.ko runs next, refuses it.
		Outcome o = load_like_the_module(signed_file);
		ASSERT_EQ(o.stage, "code") << o.log;
		EXPECT_EQ(o.err, -ENOEXEC);
		EXPECT_TRUE(o.log.find("privileged/system instruction") != std::string::npos ||
			    o.log.find("loop without a fuel point") != std::string::npos) << o.log;
	}
}

TEST(CodeCheck, PlainRetIsRefused)
{
	expect_refused("\tFUNC entry\n\tendbr64\n\tret\n\tint3\n\tEND entry\n",
		       "entry+0x4: c3: return without the return thunk");
}

TEST(CodeCheck, IndirectCallIsRefused)
{
	expect_refused("\tFUNC entry\n\tendbr64\n\tcall *%rax\n\tRET\n\tEND entry\n",
		       "ff d0: indirect call or jump");
}

TEST(CodeCheck, ThunkOutsideAPairIsRefused)
{
	expect_refused(R"(
	FUNC entry
	endbr64
	mov %rdi,%r11
	call __x86_indirect_thunk_r11
	RET
	END entry
)", "use of __x86_indirect_thunk_r11 outside a helper call");
	// a pair split by an instruction: the mov alone reads the GOT
	expect_refused(R"(
	FUNC entry
	endbr64
	mov bpf_ktime_get_ns@GOTPCREL(%rip),%r11
	nop
	call __x86_indirect_thunk_r11
	RET
	END entry
)", "GOT access outside a helper call");
	// and a jump to the call of a pair
	expect_refused(R"(
	FUNC entry
	endbr64
	test %edi,%edi
	jne 1f
	HCALL bpf_ktime_get_ns
	RET
1:	mov %rdi,%r11
	jmp entry+0xf
	END entry
)", "branch into a guard sequence or helper call");
}

TEST(CodeCheck, GotAccessOutsideAPairIsRefused)
{
	expect_refused(R"(
	FUNC entry
	endbr64
	mov bpf_ktime_get_ns@GOTPCREL(%rip),%rax
	RET
	END entry
)", "48 8b 05");
	expect_refused(R"(
	FUNC entry
	endbr64
	mov bpf_ktime_get_ns@GOTPCREL(%rip),%rax
	RET
	END entry
)", "GOT access outside a helper call");
}

TEST(CodeCheck, UnknownHelperIsRefused)
{
	// link-time undefined symbols are allowed by the linker; the check asks
	// the facts callback
	expect_refused("\tFUNC entry\n\tendbr64\n\tHCALL not_a_helper\n\tRET\n\tEND entry\n",
		       "helper call to a symbol the module does not provide");
}

TEST(CodeCheck, RipRelativeIntoTextOrOutsideIsRefused)
{
	expect_refused("\tFUNC entry\n\tendbr64\n\tlea entry(%rip),%rax\n\tRET\n\tEND entry\n",
		       "rip-relative operand pointing into the text");
	expect_refused(R"(
	FUNC entry
	endbr64
	.byte 0x48, 0x8b, 0x05
	.long 0x7fff0000
	RET
	END entry
)", "rip-relative operand outside the image");
	// into rodata: fine
	EXPECT_TRUE(check(R"(
	.section .rodata.x,"a",@progbits
	.p2align 3
x:	.quad 42
	FUNC entry
	endbr64
	mov x(%rip),%rax
	lea x+8(%rip),%rcx
	RET
	END entry
)").ok());
}

TEST(CodeCheck, ConditionalJumpOutOfTheFunction)
{
	expect_refused(R"(
	FUNC other
	RET
	END other
	FUNC entry
	endbr64
	test %edi,%edi
	je other
	RET
	END entry
)", "conditional jump out of the function");
}

TEST(CodeCheck, JumpIntoAnotherFunction)
{
	expect_refused(R"(
	FUNC other
	xor %eax,%eax
	RET
	END other
	FUNC entry
	endbr64
	jmp other+2
	int3
	END entry
)", "branch to the inside of another function");
	expect_refused(R"(
	FUNC other
	xor %eax,%eax
	RET
	END other
	FUNC entry
	endbr64
	call other+2
	RET
	END entry
)", "branch to the inside of another function");
}

TEST(CodeCheck, BranchIntoAnInstruction)
{
	expect_refused(R"(
	FUNC entry
	endbr64
	test %edi,%edi
	je 1f+1
1:	mov $0x90909090,%eax
	RET
	END entry
)", "branch into the middle of an instruction");
}

TEST(CodeCheck, BranchIntoAGuardSequence)
{
	expect_refused(R"(
	FUNC entry
	endbr64
	test %edi,%edi
	jne 2f
1:	FUEL
	RET
2:	jmp 1b+3
	END entry
)", "branch into a guard sequence or helper call");
}

TEST(CodeCheck, TrapRules)
{
	expect_refused("\tFUNC entry\n\tendbr64\n\txor %eax,%eax\n\tint3\n\tEND entry\n",
		       "cc: trap reachable by falling through");
	expect_refused(R"(
	FUNC entry
	endbr64
	test %edi,%edi
	je 1f
	RET
1:	ud2
	END entry
)", "0f 0b: branch to a trap");
	expect_refused(R"(
	FUNC f
	int3
	END f
	FUNC entry
	endbr64
	RET
	END entry
)", "f+0x0: cc: function starts with a trap");
}

TEST(CodeCheck, FallingOffTheEnd)
{
	expect_refused("\tFUNC entry\n\tendbr64\n\txor %eax,%eax\n\tEND entry\n",
		       "entry+0x4: 31 c0: execution falls off the end of the function");
	// a call that returns, last
	expect_refused(R"(
	FUNC f
	RET
	END f
	FUNC entry
	endbr64
	call f
	END entry
)", "execution falls off the end of the function");
}

TEST(CodeCheck, InstructionStraddlingTheEnd)
{
	expect_refused(R"(
	.section .text.e,"ax",@progbits
	.type entry,@function
entry:
	endbr64
	RET
	mov $1,%eax
	.size entry, .-entry-2
	.byte 0xcc
)", "instruction straddles the end of the function");
}

TEST(CodeCheck, CodeOutsideFunctions)
{
	expect_refused(R"(
	FUNC entry
	endbr64
	RET
	END entry
	xor %eax,%eax
)", "(padding)");
}

TEST(CodeCheck, OverlappingFunctions)
{
	expect_refused(R"(
	.section .text.e,"ax",@progbits
	.type entry,@function
	.type inner,@function
entry:
	endbr64
inner:
	RET
	.size entry, .-entry
	.size inner, .-inner
)", "overlap");
}

TEST(CodeCheck, EntryNotAFunctionStart)
{
	ProgSpec p;
	p.entry = "inside";
	expect_refused(R"(
	FUNC f
	endbr64
	jmp inside
inside:
	endbr64
	RET
	END f
)", "entry point of prog is not the start of a function", {p});
}

TEST(CodeCheck, NoSymtab)
{
	CheckOutcome o = run_codecheck(build_fixture(minimal, {ProgSpec{}}, true, {"--strip-all"}));
	ASSERT_EQ(o.parse_err, 0) << o.log;
	EXPECT_EQ(o.err, -ENOEXEC);
	EXPECT_TRUE(o.has("no .symtab")) << o.log;
}

TEST(CodeCheck, ThunkWithOtherBytes)
{
	CheckOutcome o = run_codecheck(build_fixture(R"(
	.section .text.t,"ax",@progbits
	.globl __x86_return_thunk
	.hidden __x86_return_thunk
	.type __x86_return_thunk,@function
__x86_return_thunk:
	ret
	int3
	int3
	int3
	nop
	.size __x86_return_thunk, .-__x86_return_thunk
	FUNC entry
	endbr64
	RET
	END entry
)", {ProgSpec{}}, false));
	ASSERT_EQ(o.parse_err, 0) << o.log;
	EXPECT_EQ(o.err, -ENOEXEC);
	EXPECT_TRUE(o.has("__x86_return_thunk: c3 cc cc cc 90: not the expected thunk")) << o.log;
}

// ---- refused: guard sequences ----

TEST(CodeCheck, FuelPointCallingAnotherService)
{
	expect_refused(R"(
	FUNC entry
	endbr64
1:	mov %rsp,%r11
	or $0x7fff,%r11
	decq -0x3f(%r11)
	jns 2f
	mov bpf_ktime_get_ns@GOTPCREL(%rip),%r11
	call __x86_indirect_thunk_r11
2:	jmp 1b
	END entry
)", "fuel point that does not call iu_rt_tick");
}

TEST(CodeCheck, StackCheckRules)
{
	expect_refused("\tFUNC entry\n\tendbr64\n\tSTACK_CHECK 0\n\tRET\n\tEND entry\n",
		       "stack check point proving no room");
	expect_refused(R"(
	FUNC entry
	endbr64
	mov %rsp,%r11
	and $0x7fff,%r11
	.byte 0x49, 0x81, 0xfb
	.long 100
	jae 1f
	mov iu_rt_tick@GOTPCREL(%rip),%r11
	call __x86_indirect_thunk_r11
1:	RET
	END entry
)", "stack check point that does not call iu_rt_stack_overflow");
}

// ---- refused: the stack ----

TEST(CodeCheck, DepthDiffersBetweenPaths)
{
	expect_refused(R"(
	FUNC entry
	endbr64
	test %edi,%edi
	je 1f
	push %rax
1:	pop %rax
	RET
	END entry
)", "stack depth");
}

TEST(CodeCheck, StackRules)
{
	expect_refused("\tFUNC entry\n\tendbr64\n\tpush %rax\n\tRET\n\tEND entry\n",
		       "return with a nonzero stack depth");
	expect_refused("\tFUNC entry\n\tendbr64\n\tpop %rax\n\tRET\n\tEND entry\n",
		       "pops above the function's entry stack pointer");
	expect_refused("\tFUNC entry\n\tendbr64\n\tsub $0x1008,%rsp\n\tadd $0x1008,%rsp\n\tRET\n\tEND entry\n",
		       "stack frame larger than IU_FRAME_LIMIT");
	expect_refused("\tFUNC entry\n\tendbr64\n\tmov %rax,%rsp\n\tRET\n\tEND entry\n",
		       "48 89 c4: writes %rsp other than");
	expect_refused("\tFUNC entry\n\tendbr64\n\tand $-16,%rsp\n\tRET\n\tEND entry\n",
		       "writes %rsp other than");
	expect_refused(R"(
	FUNC other
	RET
	END other
	FUNC entry
	endbr64
	push %rax
	jmp other
	END entry
)", "tail call with a nonzero stack depth");
	// 4096 exactly is allowed
	EXPECT_TRUE(check("\tFUNC entry\n\tendbr64\n\tsub $0x1000,%rsp\n\tadd $0x1000,%rsp\n\tRET\n\tEND entry\n").ok());
}

TEST(CodeCheck, ProgramStackTooDeep)
{
	// n levels of 4000-byte frames below the entry, then a leaf
	auto chain = [](int n) {
		std::ostringstream s;
		s << "\tFUNC f" << n << "\n\tRET\n\tEND f" << n << "\n";
		for (int i = n - 1; i >= 0; i--)
			s << "\tFUNC f" << i << "\n\tsub $4000,%rsp\n\tcall f" << i + 1
			  << "\n\tadd $4000,%rsp\n\tRET\n\tEND f" << i << "\n";
		s << "\tFUNC entry\n\tendbr64\n\tcall f0\n\tRET\n\tEND entry\n";
		return s.str();
	};
	// need(entry) = 8 + n * (4000 + 8) + H; + 8 must fit in 32704
	CheckOutcome o = check(chain(7));
	EXPECT_EQ(o.err, -ENOEXEC);
	uint64_t need = 8 + 7 * (4000 + 8) + H;
	EXPECT_TRUE(o.has("program prog needs " + std::to_string(need + 8) + " bytes of stack")) << o.log;
	o = check(chain(6));
	ASSERT_TRUE(o.ok()) << o.log;
	EXPECT_EQ(o.progs[0].need, 8 + 6 * (4000 + 8) + H);
}

TEST(CodeCheck, RecursionWithoutStackCheck)
{
	expect_refused(R"(
	FUNC rec
	FUEL
	test %rdi,%rdi
	je 1f
	dec %rdi
	call rec
1:	RET
	END rec
	FUNC entry
	endbr64
	call rec
	RET
	END entry
)", "recursion without a stack check: rec -> rec");
	expect_refused(R"(
	FUNC b
	FUEL
	call a
	RET
	END b
	FUNC a
	FUEL
	test %rdi,%rdi
	je 1f
	call b
1:	RET
	END a
	FUNC entry
	endbr64
	call a
	RET
	END entry
)", "a+0x21: recursion without a stack check: b -> a -> b");
}

// ---- refused: termination ----

TEST(CodeCheck, RecursionWithoutFuel)
{
	expect_refused(R"(
	FUNC rec
	STACK_CHECK 8000
	test %rdi,%rdi
	je 1f
	dec %rdi
	call rec
1:	RET
	END rec
	FUNC entry
	endbr64
	call rec
	RET
	END entry
)", "rec+0x27: e8");
	expect_refused(R"(
	FUNC rec
	STACK_CHECK 8000
	test %rdi,%rdi
	je 1f
	dec %rdi
	call rec
1:	RET
	END rec
	FUNC entry
	endbr64
	call rec
	RET
	END entry
)", "recursive call not dominated by a fuel point");
	// a fuel point on one path only does not dominate
	expect_refused(R"(
	FUNC rec
	STACK_CHECK 8000
	test %rsi,%rsi
	je 2f
	FUEL
2:	test %rdi,%rdi
	je 1f
	dec %rdi
	call rec
1:	RET
	END rec
	FUNC entry
	endbr64
	call rec
	RET
	END entry
)", "recursive call not dominated by a fuel point");
	// tail recursion counts
	expect_refused(R"(
	FUNC rec
	test %rdi,%rdi
	je 1f
	dec %rdi
	jmp rec
1:	RET
	END rec
	FUNC entry
	endbr64
	call rec
	RET
	END entry
)", "loop without a fuel point");
}

TEST(CodeCheck, ExponentialCallTreeWithoutFuel)
{
	std::ostringstream s;
	s << "\tFUNC f9\n\tinc %eax\n\tRET\n\tEND f9\n";
	for (int i = 8; i >= 0; i--)
		s << "\tFUNC f" << i << "\n\tcall f" << i + 1 << "\n\tcall f" << i + 1 << "\n\tcall f"
		  << i + 1 << "\n\tcall f" << i + 1 << "\n\tRET\n\tEND f" << i << "\n";
	s << "\tFUNC entry\n\tendbr64\n\tcall f0\n\tRET\n\tEND entry\n";
	CheckOutcome o = check(s.str());
	EXPECT_EQ(o.err, -ENOEXEC);
	// T(f9) = 2; T(fi) = 4 * (1 + T(fi+1)) + 1: T(f2) = 60073 fits,
	// T(f1) = 240297 does not
	EXPECT_TRUE(o.has("f1: 240297 instructions from entry to return without a fuel point")) << o.log;
}

TEST(CodeCheck, LongStraightLine)
{
	CheckOutcome o = check(R"(
	FUNC entry
	endbr64
	.rept 65534
	inc %eax
	.endr
	RET
	END entry
)");
	// endbr64 + 65534 + jmp = 65536: at the limit
	ASSERT_TRUE(o.ok()) << o.log;
	EXPECT_EQ(o.func("entry")->T, 65536u);
	o = check(R"(
	FUNC entry
	endbr64
	.rept 65535
	inc %eax
	.endr
	RET
	END entry
)");
	EXPECT_EQ(o.err, -ENOEXEC);
	EXPECT_TRUE(o.has("65537 instructions from entry to return")) << o.log;
}

// The check is roughly linear: work per byte of text stays bounded as the
// program grows (counted work units, not time).
TEST(CodeCheck, WorkIsLinear)
{
	auto program = [](int n) {
		std::ostringstream s;
		for (int i = 0; i < n; i++)
			s << "\tFUNC g" << i << "\n\tpush %rbx\n1:\tFUEL\n\tdec %ecx\n\tjne 1b\n"
			  << "\tHCALL bpf_ktime_get_ns\n\tpop %rbx\n\tRET\n\tEND g" << i << "\n";
		s << "\tFUNC entry\n\tendbr64\n";
		for (int i = 0; i < n; i++)
			s << "\tcall g" << i << "\n";
		s << "\tRET\n\tEND entry\n";
		return s.str();
	};
	CheckOutcome small = check(program(100)), big = check(program(3000));
	ASSERT_TRUE(small.ok()) << small.log;
	ASSERT_TRUE(big.ok()) << big.log;
	double per_small = double(small.work) / small.nr_insns, per_big = double(big.work) / big.nr_insns;
	EXPECT_LT(per_big, per_small * 1.5) << small.work << " " << big.work;
}

TEST(CodeCheck, AllocationFailureIsClean)
{
	// every allocation fails in turn: -ENOMEM, nothing leaked
	Bytes file = build_fixture(with_room(8000));
	for (int fail_at = 0; fail_at < 12; fail_at++) {
		struct Ctx {
			int n = 0, fail_at = 0;
			long live = 0;
		} ctx{0, fail_at, 0};
		iu_cc_ops ops{iu_cc_helper_facts,
			      [](void *c, u64 size) -> void * {
				      auto *x = static_cast<Ctx *>(c);
				      if (x->n++ == x->fail_at)
					      return nullptr;
				      x->live++;
				      return calloc(1, size);
			      },
			      [](void *c, void *p) {
				      static_cast<Ctx *>(c)->live--;
				      free(p);
			      },
			      &ctx};
		CheckOutcome o = run_codecheck(file, &ops);
		if (ctx.n <= fail_at) {
			EXPECT_TRUE(o.ok()) << o.log;
			EXPECT_EQ(ctx.live, 0);
			break;
		}
		EXPECT_EQ(o.err, -ENOMEM) << fail_at << ": " << o.log;
		EXPECT_TRUE(o.has("out of memory"));
		EXPECT_EQ(ctx.live, 0) << fail_at;
	}
}

} // namespace
