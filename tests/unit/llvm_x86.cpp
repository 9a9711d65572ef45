// SPDX-License-Identifier: GPL-2.0
#include "llvm_x86.hpp"

#include <cstdio>
#include <cstdlib>
#include <regex>
#include <vector>

#include "llvm/MC/MCAsmInfo.h"
#include "llvm/MC/MCContext.h"
#include "llvm/MC/MCDisassembler/MCDisassembler.h"
#include "llvm/MC/MCInst.h"
#include "llvm/MC/MCInstrAnalysis.h"
#include "llvm/MC/MCInstrInfo.h"
#include "llvm/MC/MCRegisterInfo.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/MCTargetOptions.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

namespace iu_test {

struct LlvmX86::Impl {
	std::unique_ptr<llvm::MCRegisterInfo> mri;
	std::unique_ptr<llvm::MCAsmInfo> mai;
	std::unique_ptr<llvm::MCSubtargetInfo> sti;
	std::unique_ptr<llvm::MCInstrInfo> mii;
	std::unique_ptr<llvm::MCContext> ctx;
	std::unique_ptr<llvm::MCDisassembler> dis;
	std::unique_ptr<llvm::MCInstrAnalysis> mia;
};

LlvmX86::LlvmX86() : impl_(std::make_unique<Impl>())
{
	LLVMInitializeX86TargetInfo();
	LLVMInitializeX86TargetMC();
	LLVMInitializeX86Disassembler();
	const std::string triple = "x86_64-unknown-linux-gnu";
	std::string err;
	const llvm::Target *t = llvm::TargetRegistry::lookupTarget(triple, err);
	if (!t) {
		fprintf(stderr, "no x86 target in LLVM: %s\n", err.c_str());
		abort();
	}
	Impl &m = *impl_;
	m.mri.reset(t->createMCRegInfo(triple));
	llvm::MCTargetOptions opts;
	m.mai.reset(t->createMCAsmInfo(*m.mri, triple, opts));
	m.sti.reset(t->createMCSubtargetInfo(triple, "", ""));
	m.mii.reset(t->createMCInstrInfo());
	m.ctx = std::make_unique<llvm::MCContext>(llvm::Triple(triple), m.mai.get(), m.mri.get(),
						  m.sti.get());
	m.dis.reset(t->createMCDisassembler(*m.sti, *m.ctx));
	m.mia.reset(t->createMCInstrAnalysis(m.mii.get()));
	if (!m.dis || !m.mia)
		abort();
}

LlvmX86::~LlvmX86() = default;

LlvmInsn LlvmX86::decode(const uint8_t *p, uint64_t len, uint64_t pc) const
{
	LlvmInsn out;
	llvm::MCInst inst;
	uint64_t size;
	if (impl_->dis->getInstruction(inst, size, llvm::ArrayRef<uint8_t>(p, len), pc,
				       llvm::nulls()) != llvm::MCDisassembler::Success)
		return out;
	out.ok = true;
	out.size = size;
	out.name = impl_->mii->getName(inst.getOpcode()).str();
	uint64_t t;
	if ((impl_->mia->isCall(inst) || impl_->mia->isBranch(inst)) &&
	    impl_->mia->evaluateBranch(inst, pc, size, t)) {
		out.branch = true;
		out.target = t;
	}
	return out;
}

bool llvm_name_allowed(const std::string &name)
{
	// The allowlist of docs/codecheck.md in LLVM's opcode names.
	static const std::vector<std::regex> allowed = [] {
		std::vector<std::regex> v;
		for (const char *re : {
			     "(MOV|ADD|ADC|SUB|SBB|AND|OR|XOR|CMP|TEST|XCHG)(8|16|32|64)(rr|rm|mr|ri|mi|ar|i)[0-9a-zA-Z_]*",
			     "(INC|DEC|NEG|NOT|MUL|IMUL|DIV|IDIV)(8|16|32|64)(r|m)",
			     "IMUL(16|32|64)(rr|rm|rri|rmi|rri8|rmi8|rri32|rmi32)",
			     "(SHL|SHR|SAR|SAL|ROL|ROR|RCL|RCR)(8|16|32|64)(r1|m1|rCL|mCL|ri|mi)",
			     "(SHLD|SHRD)(16|32|64)(rri8|mri8|rrCL|mrCL)",
			     "(BT|BTS|BTR|BTC)(16|32|64)(rr|mr|ri8|mi8)",
			     "(BSF|BSR|TZCNT|LZCNT)(16|32|64)(rr|rm)",
			     "BSWAP(32|64)r", "SETCC(r|m)", "CMOV(16|32|64)(rr|rm)",
			     "CBW|CWDE|CDQE|CWD|CDQ|CQO|CLC|STC|CMC", "NOOP[A-Z]*r?",
			     "ENDBR64|PAUSE|LFENCE|INT3|TRAP|JCC_(1|4)|JMP_(1|4)|CALL64pcrel32|RET64",
			     "LEA(16|32|64)(_32)?r", "PUSH64(r|i8|i32|rmm|rmr)", "POP64(r|rmm|rmr)",
			     "MOV(SX|ZX)(16|32|64)(rr|rm)(8|16|32)?",
		     })
			v.emplace_back(re);
		return v;
	}();
	for (auto &re : allowed)
		if (std::regex_match(name, re))
			return true;
	return false;
}

} // namespace iu_test
