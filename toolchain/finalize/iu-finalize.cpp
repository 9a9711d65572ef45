// SPDX-License-Identifier: GPL-2.0
// iu-finalize: the last step before signing an extension.
//
// It runs, on the linked file, exactly what iu.ko will run on it, with the
// same code (module/core): the file's validation, the helper allowlist for
// the file's program kinds, and the machine-code check (docs/codecheck.md),
// which proves from the code that every cycle crosses a fuel point, that the
// stack the programs need fits, and that control flow stays within the
// file's functions. From that proof it writes each program descriptor's
// stack_size and flags (what iu.ko compares with its own proof), then checks
// the patched file once more. What it refuses is never signed.
//
// usage: iu-finalize --in LINKED.so --out OUT [-v]
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

extern "C" {
#include "core/codecheck.h"
#include "core/elf.h"
#include "core/helpers.h"
}

namespace {

[[noreturn]] void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("iu-finalize: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

std::vector<uint64_t> read_file(const std::string &path, size_t &size)
{
	std::ifstream in(path, std::ios::binary);
	if (!in)
		die("%s: cannot read", path.c_str());
	std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
	size = bytes.size();
	std::vector<uint64_t> aligned((size + 7) / 8);	// the core wants 8-byte alignment
	memcpy(aligned.data(), bytes.data(), size);
	return aligned;
}

void log_to_stderr(void *, const char *fmt, va_list ap)
{
	fputs("iu-finalize: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int check_helper(void *, const char *name, uint32_t kinds, uint64_t *addr, struct iu_log *log)
{
	const struct iu_helper_info *h;
	int err = iu_helper_check(name, kinds, &h, log);

	if (!err)
		*addr = 0;
	return err;
}

void *cc_alloc(void *, u64 size)
{
	return calloc(1, size);
}

void cc_free(void *, void *p)
{
	free(p);
}

const struct iu_cc_ops cc_ops = {iu_cc_helper_facts, cc_alloc, cc_free, nullptr};

// Everything iu.ko checks before it maps a file, in its order.
struct Checked {
	iu_elf elf{};
	struct iu_codecheck cc{};
	bool have_cc = false;
	~Checked()
	{
		if (have_cc)
			iu_codecheck_free(&cc, &cc_ops);
	}
};

int check(Checked &c, uint8_t *bytes, size_t size, bool descs, struct iu_log *log)
{
	int err = iu_elf_parse(&c.elf, bytes, size, log);
	if (err)
		return err;
	std::vector<uint8_t> image(c.elf.image_size);
	iu_elf_load(&c.elf, image.data());
	err = iu_elf_relocate(&c.elf, image.data(), 0, check_helper, nullptr, log);
	if (err)
		return err;
	err = iu_codecheck(&c.cc, &c.elf, &cc_ops, log);
	if (err)
		return err;
	c.have_cc = true;
	return descs ? iu_codecheck_match_descs(&c.cc, &c.elf, log) : 0;
}

} // namespace

int main(int argc, char **argv)
{
	std::string in, out;
	bool verbose = false;

	for (int i = 1; i < argc; i++) {
		std::string a = argv[i];
		auto next = [&]() -> std::string {
			if (i + 1 >= argc)
				die("%s needs an argument", a.c_str());
			return argv[++i];
		};
		if (a == "--in")
			in = next();
		else if (a == "--out")
			out = next();
		else if (a == "-v")
			verbose = true;
		else
			die("unknown argument %s", a.c_str());
	}
	if (in.empty() || out.empty())
		die("usage: iu-finalize --in LINKED.so --out OUT [-v]");

	size_t size;
	auto buf = read_file(in, size);
	auto *bytes = reinterpret_cast<uint8_t *>(buf.data());
	struct iu_log log = {log_to_stderr, nullptr};

	// 1. The proof, on the file as linked.
	auto first = std::make_unique<Checked>();
	if (check(*first, bytes, size, false, &log))
		die("refusing to produce %s", out.c_str());

	// 2. What it proved goes into the descriptors.
	const iu_elf &e = first->elf;
	for (u32 i = 0; i < e.nr_progs; i++) {
		const iu_prog_info &p = e.progs[i];
		const iu_shdr &sh = e.shdrs[p.shndx];
		const iu_cc_prog &q = first->cc.progs[i];
		iu_prog_desc d;

		if (sh.sh_offset + sizeof(d) > size)
			die("section %s is not a program descriptor", p.sec_name);
		memcpy(&d, bytes + sh.sh_offset, sizeof(d));
		d.stack_size = iu_cc_desc_stack(&q);
		d.flags = iu_cc_desc_flags(&q);
		memcpy(bytes + sh.sh_offset, &d, sizeof(d));
		if (verbose)
			fprintf(stderr, "iu-finalize: %-16s %-40s stack %u bytes%s\n", p.name, p.sec_name,
				d.stack_size, q.recursive ? ", recursive (stack checks)" : "");
	}
	if (verbose) {
		const struct iu_codecheck &cc = first->cc;
		u32 fuel = 0, checks = 0, calls = 0;
		for (u32 i = 0; i < cc.nr_funcs; i++) {
			fuel += cc.funcs[i].nr_fuel_points;
			checks += cc.funcs[i].nr_stack_checks;
			calls += cc.funcs[i].nr_helper_calls;
		}
		fprintf(stderr, "iu-finalize: %u functions, %u instructions: %u fuel points, %u stack checks, %u helper calls\n",
			cc.nr_funcs, cc.nr_insns, fuel, checks, calls);
	}
	first.reset();

	// 3. The file to sign passes everything, its claims included.
	auto final = std::make_unique<Checked>();
	if (check(*final, bytes, size, true, &log))
		die("refusing to produce %s", out.c_str());

	std::ofstream o(out, std::ios::binary | std::ios::trunc);
	o.write(reinterpret_cast<const char *>(bytes), size);
	if (!o)
		die("%s: cannot write", out.c_str());
	return 0;
}
