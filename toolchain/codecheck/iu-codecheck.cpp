// SPDX-License-Identifier: GPL-2.0
// iu-codecheck: run the machine-code check of iu.ko (module/core/codecheck.c)
// on an extension file, signed (.iu) or not (.so), and print what it proves:
// the functions with their frames, stack needs and fuel facts, each program's
// stack need, the helper calls, or the refusal.
//
//   iu-codecheck [-q] [-t] FILE
//     -q  only the verdict (and the refusal)
//     -t  also the time the check took (stderr)
// Exit status: 0 accepted, 1 refused, 2 usage or I/O error.
#include <chrono>
#include <cinttypes>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" {
#include "core/codecheck.h"
}

namespace {

void log_line(void *ctx, const char *fmt, va_list ap)
{
	auto *out = static_cast<std::string *>(ctx);
	char line[1024];
	vsnprintf(line, sizeof(line), fmt, ap);
	*out += line;
	*out += '\n';
}

void *cc_alloc(void *, u64 size) { return calloc(1, size); }
void cc_free(void *, void *p) { free(p); }

std::string count(u64 v)
{
	if (v == IU_CC_NOPATH)
		return "-";
	return std::to_string(v);
}

const char *pair_kind(enum iu_cc_pair_kind k)
{
	switch (k) {
	case IU_CC_PAIR_CALL: return "call";
	case IU_CC_PAIR_TAIL: return "tail";
	case IU_CC_PAIR_STACK_CHECK: return "stack-check";
	case IU_CC_PAIR_FUEL: return "fuel";
	}
	return "?";
}

struct Check {
	struct iu_cc_ops ops{iu_cc_helper_facts, cc_alloc, cc_free, nullptr};
	struct iu_codecheck cc{};
	bool done = false;
	~Check()
	{
		if (done)
			iu_codecheck_free(&cc, &ops);
	}
};

} // namespace

int main(int argc, char **argv)
{
	bool quiet = false, timing = false;
	const char *path = nullptr;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-q"))
			quiet = true;
		else if (!strcmp(argv[i], "-t"))
			timing = true;
		else if (argv[i][0] != '-' && !path)
			path = argv[i];
		else {
			fprintf(stderr, "usage: iu-codecheck [-q] [-t] FILE.iu|FILE.so\n");
			return 2;
		}
	}
	if (!path) {
		fprintf(stderr, "usage: iu-codecheck [-q] [-t] FILE.iu|FILE.so\n");
		return 2;
	}
	std::ifstream in(path, std::ios::binary);
	if (!in) {
		fprintf(stderr, "iu-codecheck: %s: cannot read\n", path);
		return 2;
	}
	// 8-byte aligned copy, as the module's vmalloc'ed one
	std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
	std::vector<uint64_t> buf((bytes.size() + 7) / 8 + 1);
	memcpy(buf.data(), bytes.data(), bytes.size());
	const u8 *data = reinterpret_cast<const u8 *>(buf.data());

	std::string log;
	struct iu_log lg{log_line, &log};
	u64 content = bytes.size(), sig_size;
	const void *sig;
	bool signed_file = iu_sig_split(data, bytes.size(), &content, &sig, &sig_size, &lg) == 0;
	if (!signed_file) {
		content = bytes.size();
		log.clear();
	}
	struct iu_elf e;
	if (iu_elf_parse(&e, data, content, &lg)) {
		printf("%s: refused by the file check\n%s", path, log.c_str());
		return 1;
	}

	Check ck;
	auto t0 = std::chrono::steady_clock::now();
	int err = iu_codecheck(&ck.cc, &e, &ck.ops, &lg);
	auto t1 = std::chrono::steady_clock::now();
	if (timing)
		fprintf(stderr, "iu-codecheck: %s: %" PRIu64 " text bytes, %.3f ms\n", path,
			e.text_end - e.text_start,
			std::chrono::duration<double, std::milli>(t1 - t0).count());
	if (err) {
		printf("%s: refused\n%s", path, log.c_str());
		return 1;
	}
	ck.done = true;
	const struct iu_codecheck &cc = ck.cc;
	printf("%s: accepted (%s), text 0x%" PRIx64 "-0x%" PRIx64 ", %u functions, %u nodes, %u helper calls\n",
	       path, signed_file ? "signed" : "unsigned", e.text_start, e.text_end, cc.nr_funcs,
	       cc.nr_insns, cc.nr_pairs);
	if (quiet)
		return 0;
	printf("%-10s %6s %6s %6s %6s %4s %4s %4s %8s %8s %8s %8s  %s\n", "start", "size",
	       "insns", "frame", "need", "chk", "fuel", "hlp", "T", "A", "B", "I", "function");
	for (u32 i = 0; i < cc.nr_funcs; i++) {
		const struct iu_cc_func &f = cc.funcs[i];
		std::string flags;
		if (f.flags & IU_CC_FN_RETURN_THUNK)
			flags += " [return thunk]";
		if (f.flags & IU_CC_FN_INDIRECT_THUNK)
			flags += " [indirect thunk]";
		if (f.flags & IU_CC_FN_RECURSIVE)
			flags += " [recursive]";
		if (!(f.flags & IU_CC_FN_RETURNS))
			flags += " [noreturn]";
		printf("0x%08" PRIx64 " %6" PRIu64 " %6u %6u %6" PRIu64 " %4u %4u %4u %8s %8s %8s %8s  %s%s\n",
		       f.start, f.size, f.nr_insns, f.frame, f.need, f.nr_stack_checks,
		       f.nr_fuel_points, f.nr_helper_calls, count(f.T).c_str(), count(f.A).c_str(),
		       count(f.B).c_str(), count(f.I).c_str(), f.name, flags.c_str());
	}
	for (u32 i = 0; i < cc.nr_progs; i++) {
		const struct iu_cc_prog &p = cc.progs[i];
		// what iu.ko's entry depends on (runtime.c, iu_prog_set_entry)
		const char *reaches = p.fuel ? "fuel points" : p.services ? "iu services" :
					       "no fuel point, stack check or iu service";
		printf("program %s: entry %s, needs %" PRIu64 " bytes of stack + 8 (of %u), descriptor says %u%s; reaches %s\n",
		       e.progs[i].name, cc.funcs[p.func].name, p.need,
		       IU_STACK_SIZE - IU_STACK_CB_SIZE, e.progs[i].stack_size,
		       (e.progs[i].flags & IU_PROG_F_RECURSIVE) ? " (recursive)" : "", reaches);
	}
	for (u32 i = 0; i < cc.nr_pairs; i++) {
		const struct iu_cc_pair &p = cc.pairs[i];
		printf("helper call 0x%" PRIx64 " %-11s %s (GOT slot 0x%" PRIx64 ")\n", p.off,
		       pair_kind(p.kind), p.sym, p.slot);
	}
	return 0;
}
