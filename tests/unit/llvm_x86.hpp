// SPDX-License-Identifier: GPL-2.0
// LLVM's x86 disassembler (the MC layer iu-finalize also uses), as the
// reference the allowlist decoder is compared with: instruction length,
// branch target and opcode name. Compiled with LLVM's flags (no exceptions).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace iu_test {

struct LlvmInsn {
	bool ok = false;
	uint64_t size = 0;
	bool branch = false;	// a direct call or jump with @target
	uint64_t target = 0;
	std::string name;	// e.g. MOV64rr, JCC_1
};

class LlvmX86 {
public:
	LlvmX86();
	~LlvmX86();
	LlvmInsn decode(const uint8_t *p, uint64_t len, uint64_t pc) const;

private:
	struct Impl;
	std::unique_ptr<Impl> impl_;
};

// Is @name (an LLVM opcode name) one of the instructions iu allows?
bool llvm_name_allowed(const std::string &name);

} // namespace iu_test
