// SPDX-License-Identifier: GPL-2.0
#include "fixture.hpp"
#include "x86_diff.hpp"

#include <gelf.h>
#include <libelf.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace iu_test {

namespace {

std::string slurp(const std::string &path)
{
	std::ifstream in(path, std::ios::binary);
	if (!in)
		throw std::runtime_error(path + ": cannot read");
	return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Run argv, output to @out; returns the exit status.
int run(const std::vector<std::string> &argv, std::string &out)
{
	std::string cmd;
	for (auto &a : argv)
		cmd += "'" + a + "' ";
	cmd += "2>&1";
	FILE *p = popen(cmd.c_str(), "r");
	if (!p)
		throw std::runtime_error("popen failed");
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), p)) > 0)
		out.append(buf, n);
	int st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

struct TmpDir {
	std::string path;
	TmpDir()
	{
		char t[] = "/tmp/iu-fixture-XXXXXX";
		if (!mkdtemp(t))
			throw std::runtime_error("mkdtemp failed");
		path = t;
	}
	~TmpDir() { fs::remove_all(path); }
};

} // namespace

const std::string &rt_thunks_asm()
{
	static const std::string text = [] {
		std::string h = slurp(IU_RUNTIME_HPP);
		size_t at = h.find("__x86_indirect_thunk_r11,\"axG\"");
		size_t start = h.rfind("asm(R\"(", at);
		size_t end = h.find(")\");", at);
		if (at == std::string::npos || start == std::string::npos || end == std::string::npos)
			throw std::runtime_error("runtime.hpp: thunk asm block not found");
		return h.substr(start + 7, end - start - 7);
	}();
	return text;
}

const std::string &fixture_prelude()
{
	static const std::string text = slurp(IU_FIXTURE_PRELUDE);
	return text;
}

Bytes build_fixture(const std::string &body, const std::vector<ProgSpec> &progs, bool with_thunks,
		    const std::vector<std::string> &ld_extra)
{
	TmpDir dir;
	std::ostringstream s;
	s << fixture_prelude();
	if (with_thunks)
		s << rt_thunks_asm() << "\n";
	s << body << "\n";
	for (auto &p : progs) {
		s << "\t.section \"" << p.section << "\",\"aw\",@progbits\n\t.p2align 3\n"
		  << "\t.long 40\n\t.long " << IU_ABI_VERSION << "\n\t.quad " << p.entry << "\n"
		  << "\t.asciz \"" << p.name << "\"\n\t.zero " << (15 - p.name.size()) << "\n"
		  << "\t.long " << p.stack_size << "\n\t.long " << p.flags << "\n";
	}
	s << "\t.section license,\"a\",@progbits\n\t.asciz \"GPL\"\n";
	std::string src = dir.path + "/f.s", obj = dir.path + "/f.o", so = dir.path + "/f.so";
	std::ofstream(src) << s.str();
	std::string out;
	if (run({IU_LLVM_MC, "-triple=x86_64-linux-gnu", "-filetype=obj", "-o", obj, src}, out))
		throw std::runtime_error("llvm-mc: " + out + "\n--- source:\n" + s.str());
	std::vector<std::string> ld = {IU_LLD, "-shared", "-z", "now", "-z", "noexecstack", "-z",
				       "text", "-z", "max-page-size=4096", "--hash-style=sysv", "-T",
				       IU_LDS, "--version-script", IU_VER, obj, "-o", so};
	ld.insert(ld.end(), ld_extra.begin(), ld_extra.end());
	if (run(ld, out))
		throw std::runtime_error("ld.lld: " + out);
	std::string b = slurp(so);
	Bytes file(b.begin(), b.end());
	// every fixture is also a differential test of the decoder
	std::string diff;
	for (auto &f : text_functions(file))
		diff += diff_linear(f.bytes.data(), f.bytes.size(), f.addr);
	if (!diff.empty())
		throw std::runtime_error("decoder differs from LLVM's:\n" + diff);
	return file;
}

Bytes sign_fixture(const Bytes &file)
{
	TmpDir dir;
	std::string in = dir.path + "/in.so", out = dir.path + "/out.iu", log;
	std::ofstream(in, std::ios::binary).write(reinterpret_cast<const char *>(file.data()), file.size());
	if (run({IU_SIGN_FILE, "sha256", IU_SIGNING_KEY, IU_SIGNING_CERT_DER, in, out}, log))
		throw std::runtime_error("sign-file: " + log);
	std::string b = slurp(out);
	return Bytes(b.begin(), b.end());
}

namespace {

struct Alloc {
	long live = 0;
	static void *alloc(void *ctx, u64 size)
	{
		static_cast<Alloc *>(ctx)->live++;
		return calloc(1, size);
	}
	static void release(void *ctx, void *p)
	{
		static_cast<Alloc *>(ctx)->live--;
		free(p);
	}
};

void log_line(void *ctx, const char *fmt, va_list ap)
{
	char line[1024];
	vsnprintf(line, sizeof(line), fmt, ap);
	*static_cast<std::string *>(ctx) += std::string(line) + "\n";
}

} // namespace

const iu_cc_func *CheckOutcome::func(const std::string &name) const
{
	for (size_t i = 0; i < funcs.size(); i++)
		if (names[i] == name)
			return &funcs[i];
	return nullptr;
}

CheckOutcome run_codecheck(const Bytes &file, iu_cc_ops *ops_in)
{
	CheckOutcome o;
	// exactly sized, 8-byte aligned copy: ASan sees any over-read
	std::unique_ptr<uint8_t, decltype(&free)> buf(
		static_cast<uint8_t *>(aligned_alloc(8, (file.size() + 7) & ~size_t(7))), free);
	memcpy(buf.get(), file.data(), file.size());
	struct iu_log log{log_line, &o.log};
	struct iu_elf e;
	o.parse_err = iu_elf_parse(&e, buf.get(), file.size(), &log);
	if (o.parse_err)
		return o;
	o.text_start = e.text_start;
	o.text_end = e.text_end;
	Alloc a;
	iu_cc_ops ops{iu_cc_helper_facts, Alloc::alloc, Alloc::release, &a};
	if (ops_in) {
		ops = *ops_in;
	}
	struct iu_codecheck cc;
	o.err = iu_codecheck(&cc, &e, &ops, &log);
	o.work = cc.work;
	if (!o.err) {
		for (u32 i = 0; i < cc.nr_funcs; i++) {
			o.funcs.push_back(cc.funcs[i]);
			o.names.push_back(cc.funcs[i].name);
		}
		for (u32 i = 0; i < cc.nr_pairs; i++) {
			o.pairs.push_back(cc.pairs[i]);
			o.pair_syms.push_back(cc.pairs[i].sym);
		}
		for (u32 i = 0; i < cc.nr_progs; i++)
			o.progs.push_back(cc.progs[i]);
		o.nr_insns = cc.nr_insns;
		iu_codecheck_free(&cc, &ops);
	}
	for (auto &f : o.funcs)
		f.name = nullptr;	// points into the freed buffer
	for (auto &p : o.pairs)
		p.sym = nullptr;
	if (!ops_in && a.live)
		throw std::runtime_error("iu_codecheck leaked " + std::to_string(a.live) + " blocks");
	return o;
}

std::vector<TextFunc> text_functions(const Bytes &file)
{
	std::vector<TextFunc> out;
	Bytes copy = file;
	elf_version(EV_CURRENT);
	Elf *elf = elf_memory(reinterpret_cast<char *>(copy.data()), copy.size());
	if (!elf)
		throw std::runtime_error("libelf cannot read the file");
	Elf_Scn *scn = nullptr;
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		gelf_getshdr(scn, &sh);
		if (sh.sh_type != SHT_SYMTAB)
			continue;
		Elf_Data *d = elf_getdata(scn, nullptr);
		for (size_t i = 0; i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Sym sym;
			gelf_getsym(d, i, &sym);
			if (GELF_ST_TYPE(sym.st_info) != STT_FUNC || !sym.st_size || !sym.st_shndx)
				continue;
			Elf_Scn *ts = elf_getscn(elf, sym.st_shndx);
			GElf_Shdr tsh;
			gelf_getshdr(ts, &tsh);
			uint64_t off = tsh.sh_offset + (sym.st_value - tsh.sh_addr);
			if (off + sym.st_size > copy.size())
				throw std::runtime_error("function outside the file");
			out.push_back({elf_strptr(elf, sh.sh_link, sym.st_name), sym.st_value,
				       Bytes(copy.begin() + off, copy.begin() + off + sym.st_size)});
		}
	}
	elf_end(elf);
	return out;
}

} // namespace iu_test
