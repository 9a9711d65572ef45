// SPDX-License-Identifier: GPL-2.0
// The differential check of the allowlist decoder against LLVM's: where
// ours accepts, LLVM decodes the same length, an allowed opcode and the same
// branch target. Used on every function of every code-check fixture (from
// build_fixture), on the samples' text and on random byte streams.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace iu_test {

struct DiffStats {
	uint64_t accepted = 0, refused = 0, branches = 0;
};

// Linear sweep over @code (at @addr), ours and LLVM's instruction by
// instruction (LLVM's length past a refusal). Returns "" or the mismatches.
std::string diff_linear(const uint8_t *code, uint64_t len, uint64_t addr, DiffStats *st = nullptr);

// One decode at @p: "" or the mismatch.
std::string diff_one(const uint8_t *p, uint64_t len, uint64_t pc, DiffStats *st = nullptr);

} // namespace iu_test
