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
// First it adds the toolchain note (docs/abi.md 1.10) that iu.ko requires:
// a non-allocated SHT_NOTE section .note.iu with the toolchain's version
// (IU_TOOLCHAIN_VERSION, from VERSION) and the policy hash iu-cc gives it
// (toolchain/policy.cmake computes it at build time), appended after the
// linked file's content with a new section name table and section header
// table, so that nothing mapped moves.
//
// usage: iu-finalize --policy HEX64 --in LINKED.so --out OUT [-v]
#include <elf.h>

#include <cctype>
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

std::vector<uint8_t> read_file(const std::string &path)
{
	std::ifstream in(path, std::ios::binary);
	if (!in)
		die("%s: cannot read", path.c_str());
	return std::vector<uint8_t>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::vector<uint64_t> aligned_copy(const std::vector<uint8_t> &bytes, size_t &size)
{
	size = bytes.size();
	std::vector<uint64_t> aligned((size + 7) / 8);	// the core wants 8-byte alignment
	memcpy(aligned.data(), bytes.data(), size);
	return aligned;
}

template <typename T> T get(const std::vector<uint8_t> &b, uint64_t off)
{
	T v;
	if (off > b.size() || b.size() - off < sizeof(T))
		die("the linked file is truncated");
	memcpy(&v, b.data() + off, sizeof(T));
	return v;
}

template <typename T> void append(std::vector<uint8_t> &b, const T &v)
{
	const auto *p = reinterpret_cast<const uint8_t *>(&v);
	b.insert(b.end(), p, p + sizeof(T));
}

void pad(std::vector<uint8_t> &b, size_t align)
{
	b.resize((b.size() + align - 1) / align * align, 0);
}

// The toolchain note, appended: note, section names, section headers.
void add_note(std::vector<uint8_t> &b, const uint8_t policy[32])
{
	auto eh = get<Elf64_Ehdr>(b, 0);
	if (memcmp(eh.e_ident, ELFMAG, SELFMAG) || eh.e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh.e_shentsize != sizeof(Elf64_Shdr) || !eh.e_shnum || eh.e_shnum >= SHN_LORESERVE - 1 ||
	    eh.e_shstrndx >= eh.e_shnum)
		die("the linked file is not a 64-bit ELF with section headers");
	std::vector<Elf64_Shdr> sh(eh.e_shnum);
	for (unsigned i = 0; i < eh.e_shnum; i++)
		sh[i] = get<Elf64_Shdr>(b, eh.e_shoff + i * sizeof(Elf64_Shdr));
	Elf64_Shdr &names = sh[eh.e_shstrndx];
	if (names.sh_offset > b.size() || b.size() - names.sh_offset < names.sh_size)
		die("the linked file's section name table is outside it");
	std::vector<uint8_t> strtab(b.begin() + names.sh_offset,
				    b.begin() + names.sh_offset + names.sh_size);
	for (unsigned i = 0; i < eh.e_shnum; i++)
		if (sh[i].sh_name < strtab.size() &&
		    !strncmp(reinterpret_cast<const char *>(&strtab[sh[i].sh_name]), IU_NOTE_SECTION,
			     strtab.size() - sh[i].sh_name))
			die("the linked file already has a %s section", IU_NOTE_SECTION);

	// The old section header table is dropped when it ends the file (lld
	// puts it last); the old name table stays, unreferenced.
	if (eh.e_shoff + eh.e_shnum * sizeof(Elf64_Shdr) == b.size())
		b.resize(eh.e_shoff);
	pad(b, 4);
	uint64_t note_off = b.size();
	append(b, uint32_t(sizeof(IU_NOTE_NAME)));
	append(b, uint32_t(sizeof(iu_note_toolchain)));
	append(b, uint32_t(IU_NOTE_TOOLCHAIN));
	b.insert(b.end(), IU_NOTE_NAME, IU_NOTE_NAME + sizeof(IU_NOTE_NAME));
	pad(b, 4);
	iu_note_toolchain d{};
	static_assert(sizeof(IU_TOOLCHAIN_VERSION) <= sizeof(d.version), "version too long");
	memcpy(d.version, IU_TOOLCHAIN_VERSION, sizeof(IU_TOOLCHAIN_VERSION));
	memcpy(d.policy, policy, sizeof(d.policy));
	append(b, d);
	uint64_t note_size = b.size() - note_off;

	uint32_t note_name = strtab.size();
	strtab.insert(strtab.end(), IU_NOTE_SECTION, IU_NOTE_SECTION + sizeof(IU_NOTE_SECTION));
	names.sh_offset = b.size();
	names.sh_size = strtab.size();
	b.insert(b.end(), strtab.begin(), strtab.end());

	Elf64_Shdr note{};
	note.sh_name = note_name;
	note.sh_type = SHT_NOTE;
	note.sh_offset = note_off;
	note.sh_size = note_size;
	note.sh_addralign = 4;
	sh.push_back(note);
	pad(b, 8);
	eh.e_shoff = b.size();
	eh.e_shnum = sh.size();
	for (auto &s : sh)
		append(b, s);
	memcpy(b.data(), &eh, sizeof(eh));
}

bool parse_policy(const std::string &hex, uint8_t out[32])
{
	if (hex.size() != 64)
		return false;
	for (size_t i = 0; i < 32; i++) {
		unsigned v;
		if (!isxdigit((unsigned char)hex[2 * i]) || !isxdigit((unsigned char)hex[2 * i + 1]) ||
		    sscanf(hex.c_str() + 2 * i, "%2x", &v) != 1)
			return false;
		out[i] = v;
	}
	return true;
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
	std::string in, out, policy_hex;
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
		else if (a == "--policy")
			policy_hex = next();
		else if (a == "-v")
			verbose = true;
		else
			die("unknown argument %s", a.c_str());
	}
	if (in.empty() || out.empty() || policy_hex.empty())
		die("usage: iu-finalize --policy HEX64 --in LINKED.so --out OUT [-v]");
	uint8_t policy[32];
	if (!parse_policy(policy_hex, policy))
		die("--policy %s: not 64 hex digits (a SHA-256)", policy_hex.c_str());

	std::vector<uint8_t> linked = read_file(in);
	add_note(linked, policy);
	size_t size;
	auto buf = aligned_copy(linked, size);
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
	if (verbose)
		fprintf(stderr, "iu-finalize: toolchain %s, policy %s\n", e.toolchain, policy_hex.c_str());
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
