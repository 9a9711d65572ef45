// SPDX-License-Identifier: GPL-2.0
// Fixtures for the machine-code check: hand-written assembly assembled with
// llvm-mc-16 and linked with ld.lld-16 and toolchain/iu.lds into the ELF shape
// iu-cc produces, with the thunks taken from iu_rt's runtime.hpp (so that the
// check's idea of them is tested against the real ones), program descriptors
// and a license. Plus a runner of iu_elf_parse() + iu_codecheck() that keeps
// what the check reported.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

extern "C" {
#include "core/codecheck.h"
}

namespace iu_test {

using Bytes = std::vector<uint8_t>;

struct ProgSpec {
	std::string entry = "entry";
	std::string section = "kprobe/do_sys_open";
	std::string name = "prog";
	uint32_t stack_size = 0;
	uint32_t flags = IU_PROG_F_GUARDED;
};

// Macros every fixture may use (defined before its body):
//   FUNC name ... END name     a function in its own section
//   RET                        jmp __x86_return_thunk; int3
//   STACK_CHECK room           the stack check point (31 bytes)
//   FUEL                       the fuel point (28 bytes)
//   HCALL sym / HTAIL sym      helper call / tail call through the GOT
const std::string &fixture_prelude();

// The thunk definitions of iu_rt/include/iu/rt/runtime.hpp (its asm block).
const std::string &rt_thunks_asm();

// Assemble and link; throws std::runtime_error with the tools' output.
Bytes build_fixture(const std::string &body, const std::vector<ProgSpec> &progs = {ProgSpec{}},
		    bool with_thunks = true, const std::vector<std::string> &ld_extra = {});

// @file signed with the project key (the kernel's sign-file), as iu-cc does.
Bytes sign_fixture(const Bytes &file);

struct CheckOutcome {
	int parse_err = 0;	// iu_elf_parse()
	int err = 0;		// iu_codecheck()
	std::string log;
	std::vector<iu_cc_func> funcs;
	std::vector<std::string> names;
	std::vector<iu_cc_pair> pairs;
	std::vector<std::string> pair_syms;
	std::vector<iu_cc_prog> progs;
	uint32_t nr_insns = 0;
	uint64_t work = 0;
	uint64_t text_start = 0, text_end = 0;
	bool ok() const { return !parse_err && !err; }
	bool has(const std::string &s) const { return log.find(s) != std::string::npos; }
	const iu_cc_func *func(const std::string &name) const;
};

// iu_elf_parse() then iu_codecheck() with the helper table's facts (or
// @facts), allocating through calloc/free with a count of live blocks
// (checked to be zero afterwards).
CheckOutcome run_codecheck(const Bytes &file, iu_cc_ops *ops = nullptr);

// All bytes of function symbols of the text of a linked file: (address,
// bytes) per function, read with libelf (not with the code under test).
struct TextFunc {
	std::string name;
	uint64_t addr;
	Bytes bytes;
};
std::vector<TextFunc> text_functions(const Bytes &file);

} // namespace iu_test
