// SPDX-License-Identifier: GPL-2.0
#include "x86_diff.hpp"

#include <cstdio>

#include "llvm_x86.hpp"

extern "C" {
#include "core/x86.h"
}

namespace iu_test {

namespace {

const LlvmX86 &llvm_x86()
{
	static const LlvmX86 d;
	return d;
}

std::string hexbytes(const uint8_t *p, uint64_t n)
{
	std::string s;
	char b[4];
	for (uint64_t i = 0; i < n && i < 15; i++) {
		snprintf(b, sizeof(b), "%s%02x", i ? " " : "", p[i]);
		s += b;
	}
	return s;
}

} // namespace

std::string diff_one(const uint8_t *p, uint64_t len, uint64_t pc, DiffStats *st)
{
	struct iu_x86_insn in;
	const char *why;
	enum iu_x86_status s = iu_x86_decode(p, len, pc, &in, &why);
	if (s != IU_X86_OK) {
		if (st)
			st->refused++;
		return "";
	}
	if (st)
		st->accepted++;
	LlvmInsn l = llvm_x86().decode(p, len, pc);
	char where[32];
	snprintf(where, sizeof(where), "0x%llx", (unsigned long long)pc);
	std::string at = std::string(where) + ": " + hexbytes(p, in.len) + ": ";
	if (!l.ok)
		return at + "accepted, LLVM cannot decode it\n";
	if (l.size != in.len)
		return at + "length " + std::to_string(in.len) + ", LLVM " + std::to_string(l.size) +
		       " (" + l.name + ")\n";
	if (!llvm_name_allowed(l.name))
		return at + "accepted, LLVM says " + l.name + " (not in the allowlist)\n";
	bool ours = in.flow == IU_X86_JCC || in.flow == IU_X86_JMP || in.flow == IU_X86_CALL;
	if (ours != l.branch)
		return at + "branch: ours " + std::to_string(ours) + ", LLVM " + std::to_string(l.branch) +
		       " (" + l.name + ")\n";
	if (ours) {
		if (st)
			st->branches++;
		if (in.target != l.target)
			return at + "branch target differs from LLVM's (" + l.name + ")\n";
	}
	return "";
}

std::string diff_linear(const uint8_t *code, uint64_t len, uint64_t addr, DiffStats *st)
{
	std::string out;
	uint64_t off = 0;
	while (off < len) {
		out += diff_one(code + off, len - off, addr + off, st);
		struct iu_x86_insn in;
		const char *why;
		uint64_t step;
		if (iu_x86_decode(code + off, len - off, addr + off, &in, &why) == IU_X86_OK) {
			step = in.len;
		} else {
			LlvmInsn l = llvm_x86().decode(code + off, len - off, addr + off);
			step = l.ok ? l.size : 1;
		}
		off += step;
	}
	return out;
}

} // namespace iu_test
