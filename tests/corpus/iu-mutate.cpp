// SPDX-License-Identifier: GPL-2.0
// iu-mutate: the refusal corpus of iu.ko.
//
// From valid, unsigned extensions (built by toolchain/iu-cc --no-sign), writes
// one file per refusal case, each with one small, named mutation, signs it
// with the trusted key (so that iu.ko gets past the signature and reaches the
// check the case is about) and describes every case in a manifest that the
// host unit tests (tests/unit) and the guest test (tests/selftests) consume.
//
//   iu-mutate --out DIR --sign-file SIGN_FILE --key KEY.pem --cert CERT.der
//             --other-key KEY.pem --other-cert CERT.der [--cases-header FILE]
//             NAME=UNSIGNED.so...
//
// Bases used: hello, tracex5, two_progs, kretprobe, func_ip. The ELF is read
// with the system's <elf.h>, never with the code under test (module/core).
//
// DIR/manifest.tsv, one case per line, tab-separated ('#' lines are comments):
//   name          [a-z0-9_]+, also the file name without ".iu"
//   file          the file, relative to DIR
//   stage         who refuses it: sig (iu_sig_split), pkcs7 (the signature
//                 check against the trusted key), parse (iu_elf_parse),
//                 reloc (iu_elf_relocate: helper resolution), ok (accepted)
//   errno         ENOEXEC, EPERM, ... or 0 for ok
//   log           a substring of the load log (log_level 0), "-" for none
//   placeholders  kind:name,... one BPF placeholder per program, in file
//                 order (kprobe and kretprobe: BPF_PROG_TYPE_KPROBE,
//                 tracepoint: BPF_PROG_TYPE_TRACEPOINT), "-" for none
//   description   what was changed
#include <elf.h>
#include <fcntl.h>
#include <linux/iu.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

extern char **environ;

namespace {

using Bytes = std::vector<uint8_t>;

std::string fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
std::string fmt(const char *f, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, f);
	vsnprintf(buf, sizeof(buf), f, ap);
	va_end(ap);
	return buf;
}

struct Error : std::runtime_error {
	using std::runtime_error::runtime_error;
};

[[noreturn]] void fail(const std::string &what)
{
	throw Error(what);
}

Bytes read_file(const std::string &path)
{
	std::ifstream in(path, std::ios::binary);
	if (!in)
		fail(path + ": cannot read");
	return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_file(const std::string &path, const Bytes &b)
{
	std::ofstream o(path, std::ios::binary | std::ios::trunc);
	o.write(reinterpret_cast<const char *>(b.data()), b.size());
	if (!o)
		fail(path + ": cannot write");
}

constexpr uint64_t page_up(uint64_t x)
{
	return (x + 4095) & ~uint64_t(4095);
}

// An ELF64 file being edited in place. Every accessor checks its bounds and
// every lookup fails loudly, so that a toolchain change that moves what a
// mutation relies on breaks the build instead of producing a wrong case.
class Elf {
public:
	explicit Elf(Bytes bytes) : b(std::move(bytes))
	{
		if (b.size() < sizeof(Elf64_Ehdr) || memcmp(b.data(), ELFMAG, SELFMAG) ||
		    b[EI_CLASS] != ELFCLASS64)
			fail("base is not an ELF64 file");
	}

	Bytes b;

	template <class T> T &at(uint64_t off)
	{
		if (off > b.size() || sizeof(T) > b.size() - off)
			fail(fmt("offset 0x%llx outside the file", (unsigned long long)off));
		return *reinterpret_cast<T *>(b.data() + off);
	}
	Elf64_Ehdr &eh() { return at<Elf64_Ehdr>(0); }

	// ---- program headers
	int phnum() { return eh().e_phnum; }
	Elf64_Phdr &ph(int i) { return at<Elf64_Phdr>(eh().e_phoff + uint64_t(i) * sizeof(Elf64_Phdr)); }
	int ph_find(const std::function<bool(Elf64_Phdr &)> &pred, const char *what)
	{
		for (int i = 0; i < phnum(); i++)
			if (pred(ph(i)))
				return i;
		fail(fmt("no %s program header", what));
	}
	int ph_type(uint32_t type) {
		return ph_find([&](Elf64_Phdr &p) { return p.p_type == type; }, "such");
	}
	int ph_text()
	{
		return ph_find([](Elf64_Phdr &p) { return p.p_type == PT_LOAD && (p.p_flags & PF_X); },
			       "executable PT_LOAD");
	}
	int ph_rodata()
	{
		return ph_find([](Elf64_Phdr &p) { return p.p_type == PT_LOAD && p.p_flags == PF_R; },
			       "read-only PT_LOAD");
	}
	// The writable PT_LOAD that PT_GNU_RELRO covers.
	int ph_relro_load()
	{
		uint64_t v = ph(ph_type(PT_GNU_RELRO)).p_vaddr;
		return ph_find([&](Elf64_Phdr &p) { return p.p_type == PT_LOAD && p.p_vaddr == v; },
			       "RELRO PT_LOAD");
	}
	// The writable PT_LOAD after the RELRO one (the data segment).
	int ph_data_load()
	{
		uint64_t v = ph(ph_type(PT_GNU_RELRO)).p_vaddr;
		return ph_find([&](Elf64_Phdr &p) {
			return p.p_type == PT_LOAD && (p.p_flags & PF_W) && p.p_vaddr != v;
		}, "data PT_LOAD");
	}
	uint64_t image_size()
	{
		uint64_t end = 0;
		for (int i = 0; i < phnum(); i++)
			if (ph(i).p_type == PT_LOAD)
				end = std::max(end, ph(i).p_vaddr + ph(i).p_memsz);
		return page_up(end);
	}

	// ---- sections
	int shnum() { return eh().e_shnum; }
	Elf64_Shdr &sh(int i) { return at<Elf64_Shdr>(eh().e_shoff + uint64_t(i) * sizeof(Elf64_Shdr)); }
	uint64_t shstr_off(int i) { return sh(eh().e_shstrndx).sh_offset + sh(i).sh_name; }
	std::string name(int i) { return reinterpret_cast<const char *>(&at<char>(shstr_off(i))); }
	int sec(const std::string &n)
	{
		for (int i = 1; i < shnum(); i++)
			if (name(i) == n)
				return i;
		fail("no section " + n);
	}
	int sec_type(uint32_t type)
	{
		for (int i = 1; i < shnum(); i++)
			if (sh(i).sh_type == type)
				return i;
		fail(fmt("no section of type %u", type));
	}
	static bool is_prog_sec(const std::string &n)
	{
		for (auto p : {"kprobe/", "kretprobe/", "tracepoint/"})
			if (n.rfind(p, 0) == 0)
				return true;
		return false;
	}
	std::vector<int> prog_secs()
	{
		std::vector<int> out;
		for (int i = 1; i < shnum(); i++)
			if (is_prog_sec(name(i)))
				out.push_back(i);
		if (out.empty())
			fail("no program descriptor section");
		return out;
	}
	iu_prog_desc &desc(int s) { return at<iu_prog_desc>(sh(s).sh_offset); }

	// Rename section @i in place (the new name must not be longer), making
	// sure no other section name shares the bytes that change.
	void rename(int i, const std::string &to)
	{
		std::string from = name(i);
		if (to.size() > from.size())
			fail("rename " + from + " -> " + to + ": longer name");
		uint64_t start = sh(i).sh_name, end = start + from.size();
		for (int j = 0; j < shnum(); j++)
			if (j != i && sh(j).sh_name >= start && sh(j).sh_name <= end && j)
				fail("rename " + from + ": name shared with section " + std::to_string(j));
		memcpy(&at<char>(shstr_off(i)), to.c_str(), to.size() + 1);
	}

	// File offset of image address @addr (inside a PT_LOAD's file bytes).
	uint64_t off_of(uint64_t addr, uint64_t len)
	{
		for (int i = 0; i < phnum(); i++) {
			auto &p = ph(i);
			if (p.p_type == PT_LOAD && addr >= p.p_vaddr && addr + len <= p.p_vaddr + p.p_filesz)
				return p.p_offset + (addr - p.p_vaddr);
		}
		fail(fmt("address 0x%llx is not in the file", (unsigned long long)addr));
	}

	// ---- dynamic relocations and symbols
	int nrela() { return sh(sec(".rela.dyn")).sh_size / sizeof(Elf64_Rela); }
	Elf64_Rela &rela(int i)
	{
		if (i < 0 || i >= nrela())
			fail("no relocation " + std::to_string(i));
		return at<Elf64_Rela>(sh(sec(".rela.dyn")).sh_offset + uint64_t(i) * sizeof(Elf64_Rela));
	}
	int ndynsym() { return sh(sec(".dynsym")).sh_size / sizeof(Elf64_Sym); }
	Elf64_Sym &dynsym(int i)
	{
		if (i < 0 || i >= ndynsym())
			fail("no dynamic symbol " + std::to_string(i));
		return at<Elf64_Sym>(sh(sec(".dynsym")).sh_offset + uint64_t(i) * sizeof(Elf64_Sym));
	}
	uint64_t dynstr_off(int sym) { return sh(sec(".dynstr")).sh_offset + dynsym(sym).st_name; }
	std::string dynsym_name(int i) { return reinterpret_cast<const char *>(&at<char>(dynstr_off(i))); }
	int dynsym_by_name(const std::string &n)
	{
		for (int i = 1; i < ndynsym(); i++)
			if (dynsym_name(i) == n)
				return i;
		fail("no dynamic symbol " + n);
	}
	// The index of the relocation of @type (against symbol @sym if given).
	int rela_find(uint32_t type, const std::string &sym = "")
	{
		for (int i = 0; i < nrela(); i++) {
			auto &r = rela(i);
			if (ELF64_R_TYPE(r.r_info) != type)
				continue;
			if (sym.empty() || dynsym_name(ELF64_R_SYM(r.r_info)) == sym)
				return i;
		}
		fail(fmt("no relocation of type %u %s", type, sym.c_str()));
	}
	// The R_X86_64_RELATIVE of the entry of the descriptor in section @s.
	int entry_rela(int s)
	{
		uint64_t field = sh(s).sh_addr + offsetof(iu_prog_desc, entry);
		for (int i = 0; i < nrela(); i++)
			if (rela(i).r_offset == field && ELF64_R_TYPE(rela(i).r_info) == R_X86_64_RELATIVE)
				return i;
		fail("no entry relocation for " + name(s));
	}
	Elf64_Sym &symtab_sym(const std::string &n)
	{
		int s = sec(".symtab");
		uint64_t str = sh(sh(s).sh_link).sh_offset;
		for (uint64_t i = 1; i < sh(s).sh_size / sizeof(Elf64_Sym); i++) {
			auto &sym = at<Elf64_Sym>(sh(s).sh_offset + i * sizeof(Elf64_Sym));
			if (n == reinterpret_cast<const char *>(&at<char>(str + sym.st_name)))
				return sym;
		}
		fail("no .symtab symbol " + n);
	}
};

// "kind:name,..." of the programs of a (valid) file, in section order.
std::string placeholders_of(Elf &e)
{
	std::string out;
	for (int s : e.prog_secs()) {
		std::string n = e.name(s);
		std::string kind = n.substr(0, n.find('/'));
		auto &d = e.desc(s);
		if (!memchr(d.name, 0, sizeof(d.name)))
			fail("unterminated program name in " + n);
		out += (out.empty() ? "" : ",") + kind + ":" + d.name;
	}
	return out;
}

// ---- the signature trailer (scripts/sign-file's module signature format)
constexpr char kMarker[] = "~Module signature appended~\n";
constexpr size_t kMarkerLen = sizeof(kMarker) - 1;
constexpr size_t kModsigLen = 12;	// struct module_signature

struct Trailer {
	size_t modsig;		// offset of struct module_signature
	size_t sig;		// offset of the PKCS#7 blob
	uint32_t sig_len;
};

Trailer trailer(const Bytes &b)
{
	if (b.size() < kMarkerLen + kModsigLen ||
	    memcmp(b.data() + b.size() - kMarkerLen, kMarker, kMarkerLen))
		fail("not a signed file");
	Trailer t;
	t.modsig = b.size() - kMarkerLen - kModsigLen;
	const uint8_t *ms = b.data() + t.modsig;
	t.sig_len = uint32_t(ms[8]) << 24 | uint32_t(ms[9]) << 16 | uint32_t(ms[10]) << 8 | ms[11];
	if (t.sig_len > t.modsig)
		fail("bad signature length");
	t.sig = t.modsig - t.sig_len;
	return t;
}

void set_sig_len(Bytes &b, size_t modsig, uint32_t len)
{
	b[modsig + 8] = len >> 24;
	b[modsig + 9] = len >> 16;
	b[modsig + 10] = len >> 8;
	b[modsig + 11] = len;
}

// ---- cases
enum class Sign { Trusted, Other, None, Sha1, Sha224 };

struct Case {
	std::string name, base, stage, err, log, desc;
	// Edits the unsigned content; returns the expected log text when it
	// depends on the file (indices, addresses), "" to keep @log.
	std::function<std::string(Elf &)> mutate;
	// Edits the signed file.
	std::function<void(Bytes &)> post;
	Sign sign = Sign::Trusted;
	std::string placeholders;	// "" = those of the base
};

std::vector<Case> cases()
{
	std::vector<Case> v;
	auto add = [&](Case c) { v.push_back(std::move(c)); };
	auto parse = [&](std::string name, std::string base, std::string err, std::string log,
			 std::string desc, std::function<std::string(Elf &)> m) {
		add({name, base, "parse", err, log, desc, m, nullptr, Sign::Trusted, ""});
	};
	auto ok = [&](std::string name, std::string base, std::string desc,
		      std::function<std::string(Elf &)> m = nullptr) {
		add({name, base, "ok", "0", "-", desc, m, nullptr, Sign::Trusted, ""});
	};

	// ---------------------------------------------------------------- valid
	ok("ok_hello", "hello", "samples/hello as built (tracepoint)");
	ok("ok_tracex5", "tracex5", "samples/tracex5 as built (kprobe)");
	ok("ok_two_progs", "two_progs", "two tracepoint programs, a data segment");
	ok("ok_kretprobe", "kretprobe", "a kretprobe calling bpf_get_func_ip");
	ok("ok_func_ip", "func_ip", "a kprobe calling bpf_get_func_ip");

	// ---------------------------------------------------------- machine code
	// Hand-written assembly (tests/corpus/code/*.s, built by iu-fixture),
	// signed with the project key: every check but the code check passes,
	// which refuses each for its reason (docs/codecheck.md).
	auto code = [&](std::string name, std::string log, std::string desc) {
		add({"code_" + name, "code_" + name, "code", "ENOEXEC", log, desc, nullptr, nullptr,
		     Sign::Trusted, ""});
	};
	code("cr0", "0f 20 c0: privileged/system instruction", "mov %cr0 (to clear WP)");
	code("msr", "0f 32: privileged/system instruction", "rdmsr");
	code("port_io", "ec: privileged/system instruction (port I/O)", "in %dx,%al");
	code("lgdt", "0f 01 17: privileged/system instruction", "lgdt (descriptor tables)");
	code("cli", "fa: privileged/system instruction (cli/sti)", "cli");
	code("popf", "9d: privileged/system instruction (pushf/popf)", "popfq");
	code("hlt", "f4: privileged/system instruction (hlt)", "hlt");
	code("swapgs", "0f 01 f8: privileged/system instruction", "swapgs");
	code("sysret", "48 0f 07: privileged/system instruction", "sysretq");
	code("syscall", "0f 05: privileged/system instruction", "syscall");
	code("int_n", "cd: privileged/system instruction (software interrupt)", "int $0x80");
	code("fpu", "d9: x87 floating-point instruction", "fldz");
	code("sse", "0f 57: MMX/SSE/AVX instruction", "xorps");
	code("avx", "VEX/EVEX/XOP-encoded instruction (AVX)", "vpxor (VEX)");
	code("xsave", "0f ae 27: privileged/system instruction", "xsave");
	code("string_op", "f3 aa: string instruction", "rep stosb with rcx = -1");
	code("jmp_self", "eb fe: loop without a fuel point", "jmp . on the entry, flags GUARDED");
	code("loop_no_fuel", "loop without a fuel point", "a counted loop without a fuel point");
	code("irreducible", "loop without a fuel point", "an irreducible cycle, fuel on one path only");
	code("exponential", "without a fuel point (IU_SEGMENT_LIMIT is 65536)",
	     "no loop, no recursion: 8^6 calls (the bounded-work rule)");
	code("recursion_no_check", "recursion without a stack check: entry -> entry",
	     "recursion with fuel but no stack check");
	code("fall_off", "execution falls off the end of the function", "falls into the next function");
	code("indirect_jmp", "ff e7: indirect call or jump", "jmp *%rdi");
	code("indirect_call", "ff 17: indirect call or jump", "call *(%rdi)");
	code("mid_insn", "eb 01: branch into the middle of an instruction", "jmp into an instruction");
	code("outside", "branch out of the text", "call past the file (into a kernel function's middle)");
	code("thunk_misuse", "use of __x86_indirect_thunk_r11 outside a helper call",
	     "the retpoline thunk with a register of its own");
	code("got_read", "GOT access outside a helper call", "reads a helper address from the GOT");
	code("plain_ret", "c3: return without the return thunk", "ret (no return thunk)");
	code("rsp_write", "48 89 fc: writes %rsp other than by push/pop", "mov %rdi,%rsp");

	// ---------------------------------------------------------------- signature
	add({"sig_unsigned", "hello", "sig", "ENODATA", "signature: the file is not signed",
	     "no signature at all", nullptr, nullptr, Sign::None, ""});
	add({"sig_marker_cut", "hello", "sig", "ENODATA", "signature: the file is not signed",
	     "signed, then the last byte (of the marker) cut", nullptr,
	     [](Bytes &b) { b.pop_back(); }, Sign::Trusted, ""});
	add({"sig_truncated", "hello", "sig", "EBADMSG",
	     "signature: truncated file: the signature claims",
	     "signed, then cut in the middle of the signature: only its second half, the "
	     "descriptor and the marker are left", nullptr,
	     [](Bytes &b) {
		     Trailer t = trailer(b);
		     b.erase(b.begin(), b.begin() + t.sig + t.sig_len / 2);
	     }, Sign::Trusted, ""});
	add({"sig_trailer_short", "hello", "sig", "EBADMSG",
	     "signature: truncated signature trailer",
	     "the marker preceded by 11 bytes (a trailer needs 12)", nullptr,
	     [](Bytes &b) { b.erase(b.begin(), b.end() - kMarkerLen - 11); }, Sign::Trusted, ""});
	add({"sig_zero_length", "hello", "sig", "EBADMSG",
	     "signature: truncated file: the signature claims 0 bytes",
	     "signature length field set to 0", nullptr,
	     [](Bytes &b) { set_sig_len(b, trailer(b).modsig, 0); }, Sign::Trusted, ""});
	add({"sig_bad_id_type", "hello", "sig", "EBADMSG",
	     "signature: not a PKCS#7 signature (id type 1)",
	     "trailer id_type PKEY_ID_PKCS7 (2) -> PKEY_ID_PGP (1)", nullptr,
	     [](Bytes &b) { b[trailer(b).modsig + 2] = 1; }, Sign::Trusted, ""});
	add({"sig_bad_descriptor", "hello", "sig", "EBADMSG",
	     "signature: malformed signature descriptor",
	     "trailer algo byte 0 -> 1", nullptr,
	     [](Bytes &b) { b[trailer(b).modsig + 0] = 1; }, Sign::Trusted, ""});
	add({"sig_pkcs7_cut", "hello", "pkcs7", "EBADMSG",
	     "signature: the PKCS#7 data is malformed or truncated",
	     "PKCS#7 blob cut to half its length (length field updated)", nullptr,
	     [](Bytes &b) {
		     Trailer t = trailer(b);
		     uint32_t half = t.sig_len / 2;
		     b.erase(b.begin() + t.sig + half, b.begin() + t.modsig);
		     set_sig_len(b, t.modsig - (t.sig_len - half), half);
	     }, Sign::Trusted, ""});
	add({"sig_pkcs7_garbage", "hello", "pkcs7", "EBADMSG",
	     "signature: the PKCS#7 data is malformed or truncated",
	     "first DER byte of the PKCS#7 blob 0x30 (SEQUENCE) -> 0x31", nullptr,
	     [](Bytes &b) {
		     Trailer t = trailer(b);
		     if (b[t.sig] != 0x30)
			     fail("PKCS#7 does not start with a SEQUENCE");
		     b[t.sig] = 0x31;
	     }, Sign::Trusted, ""});
	add({"sig_tampered", "hello", "pkcs7", "EKEYREJECTED",
	     "signature: does not match the content: the file was modified after signing",
	     "signed, then one code byte (entry point + 5) flipped", nullptr,
	     [](Bytes &b) {
		     Elf e(Bytes(b.begin(), b.begin() + trailer(b).sig));
		     int s = e.prog_secs()[0];
		     uint64_t entry = e.rela(e.entry_rela(s)).r_addend;
		     b[e.off_of(entry + 5, 1)] ^= 0x01;
	     }, Sign::Trusted, ""});
	add({"sig_tampered_header", "hello", "pkcs7", "EKEYREJECTED",
	     "signature: does not match the content: the file was modified after signing",
	     "signed, then the ELF header's e_flags changed (a field iu ignores)", nullptr,
	     [](Bytes &b) { b[offsetof(Elf64_Ehdr, e_flags)] ^= 0x80; }, Sign::Trusted, ""});
	add({"sig_wrong_key", "hello", "pkcs7", "ENOKEY",
	     "signature: not signed by the key this module trusts (wrong key)",
	     "signed with a throwaway key generated at build time", nullptr, nullptr, Sign::Other,
	     ""});
	// Digests weaker than SHA-256, by the trusted key: refused before the
	// kernel verifies them (it would accept SHA-1).
	add({"sig_sha1", "hello", "pkcs7", "ENOPKG",
	     "signature: digest algorithm sha1 (1.3.14.3.2.26) is weaker than SHA-256",
	     "signed by the trusted key with sign-file sha1", nullptr, nullptr, Sign::Sha1, ""});
	add({"sig_sha224", "hello", "pkcs7", "ENOPKG",
	     "signature: digest algorithm sha224 (2.16.840.1.101.3.4.2.4) is weaker than SHA-256",
	     "signed by the trusted key with sign-file sha224", nullptr, nullptr, Sign::Sha224, ""});

	// ---------------------------------------------------------------- ELF header
	parse("elf_bad_magic", "hello", "ENOEXEC", "elf: not an ELF file (bad magic)",
	      "e_ident \"\\177ELF\" -> \"\\177ELG\"", [](Elf &e) { e.eh().e_ident[3] = 'G'; return ""; });
	parse("elf_class32", "hello", "ENOEXEC", "elf: not a 64-bit little-endian ELF file",
	      "EI_CLASS ELFCLASS64 -> ELFCLASS32", [](Elf &e) { e.eh().e_ident[EI_CLASS] = ELFCLASS32; return ""; });
	parse("elf_big_endian", "hello", "ENOEXEC", "elf: not a 64-bit little-endian ELF file",
	      "EI_DATA ELFDATA2LSB -> ELFDATA2MSB", [](Elf &e) { e.eh().e_ident[EI_DATA] = ELFDATA2MSB; return ""; });
	parse("elf_bad_version", "hello", "ENOEXEC", "elf: unknown ELF version",
	      "e_version 1 -> 2", [](Elf &e) { e.eh().e_version = 2; return ""; });
	parse("elf_osabi", "hello", "ENOEXEC", "elf: unsupported OS ABI 9",
	      "EI_OSABI -> ELFOSABI_FREEBSD (9)", [](Elf &e) { e.eh().e_ident[EI_OSABI] = ELFOSABI_FREEBSD; return ""; });
	parse("elf_wrong_machine", "hello", "ENOEXEC", "elf: machine 183 is not x86-64",
	      "e_machine EM_X86_64 -> EM_AARCH64", [](Elf &e) { e.eh().e_machine = EM_AARCH64; return ""; });
	parse("elf_type_rel", "hello", "ENOEXEC", "elf: type 1 is not ET_DYN",
	      "e_type ET_DYN -> ET_REL", [](Elf &e) { e.eh().e_type = ET_REL; return ""; });
	parse("elf_type_exec", "hello", "ENOEXEC", "elf: type 2 is not ET_DYN",
	      "e_type ET_DYN -> ET_EXEC", [](Elf &e) { e.eh().e_type = ET_EXEC; return ""; });
	parse("elf_phentsize", "hello", "ENOEXEC", "elf: unexpected header entry sizes",
	      "e_phentsize 56 -> 64", [](Elf &e) { e.eh().e_phentsize = 64; return ""; });
	parse("elf_phdrs_outside", "hello", "ENOEXEC",
	      "elf: program headers missing or outside the file",
	      "e_phoff -> the last 8-byte boundary of the file",
	      [](Elf &e) { e.eh().e_phoff = (e.b.size() - 8) & ~7ULL; return ""; });
	parse("elf_no_phdrs", "hello", "ENOEXEC", "elf: program headers missing or outside the file",
	      "e_phnum -> 0", [](Elf &e) { e.eh().e_phnum = 0; return ""; });
	parse("elf_shdrs_outside", "hello", "ENOEXEC",
	      "elf: section headers missing or outside the file",
	      "e_shoff -> e_shoff + 64 (the table ends past the file)",
	      [](Elf &e) { e.eh().e_shoff += 64; return ""; });
	parse("elf_phoff_misaligned", "hello", "ENOEXEC", "elf: misaligned header tables",
	      "e_phoff 64 -> 68", [](Elf &e) { e.eh().e_phoff += 4; return ""; });
	parse("elf_bad_shstrndx", "hello", "ENOEXEC", "elf: bad section name table index",
	      "e_shstrndx -> e_shnum", [](Elf &e) { e.eh().e_shstrndx = e.eh().e_shnum; return ""; });

	// ---------------------------------------------------------------- program headers
	parse("ph_wx", "hello", "ENOEXEC", "", "text PT_LOAD R+X -> R+W+X", [](Elf &e) {
		int i = e.ph_text();
		e.ph(i).p_flags |= PF_W;
		return fmt("elf: program header %d: segment is writable and executable", i);
	});
	parse("ph_two_exec", "hello", "ENOEXEC",
	      "elf: expected exactly one executable segment, found 2",
	      "rodata PT_LOAD R -> R+X (two executable segments)",
	      [](Elf &e) { e.ph(e.ph_rodata()).p_flags |= PF_X; return ""; });
	parse("ph_no_exec", "hello", "ENOEXEC",
	      "elf: expected exactly one executable segment, found 0", "text PT_LOAD R+X -> R",
	      [](Elf &e) { e.ph(e.ph_text()).p_flags &= ~PF_X; return ""; });
	parse("ph_not_readable", "hello", "ENOEXEC", "", "rodata PT_LOAD R -> no flags", [](Elf &e) {
		int i = e.ph_rodata();
		e.ph(i).p_flags = 0;
		return fmt("elf: program header %d: bad flags 0x0", i);
	});
	parse("ph_align", "hello", "ENOEXEC", "", "text PT_LOAD p_align 4096 -> 16", [](Elf &e) {
		int i = e.ph_text();
		e.ph(i).p_align = 16;
		return fmt("elf: program header %d: segment not aligned to 4096 bytes", i);
	});
	parse("ph_filesz_gt_memsz", "hello", "ENOEXEC", "", "rodata PT_LOAD p_filesz = p_memsz + 1",
	      [](Elf &e) {
		      int i = e.ph_rodata();
		      e.ph(i).p_filesz = e.ph(i).p_memsz + 1;
		      return fmt("elf: program header %d: bad segment sizes", i);
	      });
	parse("ph_out_of_order", "hello", "ENOEXEC", "",
	      "rodata and RELRO PT_LOAD entries swapped (descending addresses)", [](Elf &e) {
		      int a = e.ph_rodata(), b = e.ph_relro_load();
		      std::swap(e.ph(a), e.ph(b));
		      return fmt("elf: program header %d: segments overlap, share a page or are out of order",
				 std::max(a, b));
	      });
	parse("ph_overlap", "hello", "ENOEXEC", "",
	      "RELRO PT_LOAD p_vaddr -> the rodata segment's page", [](Elf &e) {
		      int i = e.ph_relro_load();
		      e.ph(i).p_vaddr = e.ph(i).p_paddr = e.ph(e.ph_rodata()).p_vaddr;
		      return fmt("elf: program header %d: segments overlap, share a page or are out of order", i);
	      });
	parse("ph_past_eof", "hello", "ENOEXEC", "",
	      "RELRO PT_LOAD p_filesz/p_memsz -> 4096 bytes past the end of the file", [](Elf &e) {
		      int i = e.ph_relro_load();
		      e.ph(i).p_filesz = e.ph(i).p_memsz = e.b.size() - e.ph(i).p_offset + 4096;
		      return fmt("elf: program header %d: segment extends past the end of the file", i);
	      });
	add({"ph_image_too_big", "hello", "parse", "E2BIG", "",
	     "RELRO PT_LOAD p_vaddr += 16 MiB", [](Elf &e) {
		     int i = e.ph_relro_load();
		     e.ph(i).p_vaddr += 16 << 20;
		     return fmt("elf: program header %d: image larger than 16777216 bytes", i);
	     }, nullptr, Sign::Trusted, ""});
	parse("ph_interp", "hello", "ENOEXEC", "", "PT_GNU_RELRO -> PT_INTERP", [](Elf &e) {
		int i = e.ph_type(PT_GNU_RELRO);
		e.ph(i).p_type = PT_INTERP;
		return fmt("elf: program header %d: unsupported type 0x3", i);
	});
	parse("ph_tls", "hello", "ENOEXEC", "", "PT_GNU_RELRO -> PT_TLS", [](Elf &e) {
		int i = e.ph_type(PT_GNU_RELRO);
		e.ph(i).p_type = PT_TLS;
		return fmt("elf: program header %d: unsupported type 0x7", i);
	});
	parse("ph_exec_stack", "hello", "ENOEXEC", "elf: executable stack requested",
	      "PT_GNU_RELRO -> PT_GNU_STACK with R+W+X", [](Elf &e) {
		      int i = e.ph_type(PT_GNU_RELRO);
		      e.ph(i).p_type = PT_GNU_STACK;
		      e.ph(i).p_flags = PF_R | PF_W | PF_X;
		      return "";
	      });
	parse("ph_relro_rodata", "hello", "ENOEXEC",
	      "elf: PT_GNU_RELRO must cover exactly one writable segment",
	      "PT_GNU_RELRO p_vaddr -> the read-only segment", [](Elf &e) {
		      auto &r = e.ph(e.ph_type(PT_GNU_RELRO));
		      r.p_vaddr = r.p_paddr = e.ph(e.ph_rodata()).p_vaddr;
		      return "";
	      });

	// ---------------------------------------------------------------- sections
	parse("sec_outside_segments", "hello", "ENOEXEC", "", ".rodata sh_addr -> 0x9000 (no segment)",
	      [](Elf &e) {
		      int s = e.sec(".rodata");
		      e.sh(s).sh_addr = 0x9000;
		      return fmt("elf: section %d (.rodata) is outside every loadable segment", s);
	      });
	parse("sec_file_layout", "hello", "ENOEXEC",
	      "elf: section .rodata does not match its segment's file layout", ".rodata sh_offset += 1",
	      [](Elf &e) { e.sh(e.sec(".rodata")).sh_offset += 1; return ""; });
	parse("sec_init_array", "hello", "ENOEXEC",
	      "elf: section .rodata: static constructors and destructors are not supported",
	      ".rodata sh_type -> SHT_INIT_ARRAY",
	      [](Elf &e) { e.sh(e.sec(".rodata")).sh_type = SHT_INIT_ARRAY; return ""; });
	parse("sec_preinit_array", "hello", "ENOEXEC",
	      "elf: section .rodata: static constructors and destructors are not supported",
	      ".rodata sh_type -> SHT_PREINIT_ARRAY",
	      [](Elf &e) { e.sh(e.sec(".rodata")).sh_type = SHT_PREINIT_ARRAY; return ""; });
	parse("sec_tls", "hello", "ENOEXEC",
	      "elf: section .rodata: thread-local storage is not supported", ".rodata sh_flags |= SHF_TLS",
	      [](Elf &e) { e.sh(e.sec(".rodata")).sh_flags |= SHF_TLS; return ""; });
	parse("sec_bad_type", "hello", "ENOEXEC",
	      "elf: section .note.gnu.property: unsupported allocated section type 0x6fffffff",
	      ".note.gnu.property sh_type -> SHT_GNU_versym",
	      [](Elf &e) { e.sh(e.sec(".note.gnu.property")).sh_type = SHT_GNU_versym; return ""; });
	parse("sec_code_outside_text", "hello", "ENOEXEC",
	      "elf: section .rodata: code outside the executable segment",
	      ".rodata sh_flags |= SHF_EXECINSTR",
	      [](Elf &e) { e.sh(e.sec(".rodata")).sh_flags |= SHF_EXECINSTR; return ""; });
	parse("sec_data_in_text", "hello", "ENOEXEC",
	      "elf: section .text: data inside the executable segment",
	      ".text sh_flags &= ~SHF_EXECINSTR",
	      [](Elf &e) { e.sh(e.sec(".text")).sh_flags &= ~uint64_t(SHF_EXECINSTR); return ""; });
	parse("sec_writable_rodata", "hello", "ENOEXEC",
	      "elf: section .rodata: writable data in a read-only segment", ".rodata sh_flags |= SHF_WRITE",
	      [](Elf &e) { e.sh(e.sec(".rodata")).sh_flags |= SHF_WRITE; return ""; });
	parse("sec_past_eof", "hello", "ENOEXEC", "", ".symtab sh_offset -> the end of the file",
	      [](Elf &e) {
		      int s = e.sec(".symtab");
		      e.sh(s).sh_offset = e.b.size();
		      return fmt("elf: section %d extends past the end of the file", s);
	      });
	// The message is the generic one: SHT_REL is not an allowed allocated
	// type, so the "REL relocations" refusal after it is never reached.
	parse("sec_alloc_rel", "hello", "ENOEXEC",
	      "elf: section .rela.dyn: REL relocations are not supported (RELA only)",
	      ".rela.dyn sh_type SHT_RELA -> SHT_REL",
	      [](Elf &e) { e.sh(e.sec(".rela.dyn")).sh_type = SHT_REL; return ""; });
	parse("sec_two_dynsym", "hello", "ENOEXEC", "elf: more than one .dynsym",
	      ".symtab sh_type SHT_SYMTAB -> SHT_DYNSYM",
	      [](Elf &e) { e.sh(e.sec(".symtab")).sh_type = SHT_DYNSYM; return ""; });
	parse("sec_two_rela", "hello", "ENOEXEC", "elf: more than one dynamic relocation section",
	      ".hash sh_type SHT_HASH -> SHT_RELA (before .rela.dyn)",
	      [](Elf &e) { e.sh(e.sec(".hash")).sh_type = SHT_RELA; return ""; });
	parse("sec_bad_shstrtab", "hello", "ENOEXEC", "elf: bad section name table",
	      "last byte of .shstrtab NUL -> 'x'", [](Elf &e) {
		      auto &s = e.sh(e.eh().e_shstrndx);
		      e.at<char>(s.sh_offset + s.sh_size - 1) = 'x';
		      return "";
	      });
	parse("sec_bad_name", "hello", "ENOEXEC", "", ".text sh_name -> the size of .shstrtab",
	      [](Elf &e) {
		      int s = e.sec(".text");
		      e.sh(s).sh_name = e.sh(e.eh().e_shstrndx).sh_size;
		      return fmt("elf: section %d has a bad name", s);
	      });
	parse("sec_bad_align", "hello", "ENOEXEC", "", ".rodata sh_addralign -> 3", [](Elf &e) {
		int s = e.sec(".rodata");
		e.sh(s).sh_addralign = 3;
		return fmt("elf: section %d: bad alignment", s);
	});

	// ---------------------------------------------------------------- relocations
	const std::string pid = "bpf_get_current_pid_tgid";
	auto glob = [pid](Elf &e) { return e.rela_find(R_X86_64_GLOB_DAT, pid); };
	parse("rel_text", "hello", "ENOEXEC", "",
	      "GLOB_DAT of bpf_get_current_pid_tgid -> r_offset in the text", [glob](Elf &e) {
		      int i = glob(e);
		      uint64_t at = (e.ph(e.ph_text()).p_vaddr + 7) & ~7ULL;
		      e.rela(i).r_offset = at;
		      return fmt("elf: relocation %d: text relocation at 0x%llx", i, (unsigned long long)at);
	      });
	parse("rel_rodata", "hello", "ENOEXEC", "",
	      "GLOB_DAT of bpf_get_current_pid_tgid -> r_offset in the read-only segment",
	      [glob](Elf &e) {
		      int i = glob(e);
		      uint64_t at = e.ph(e.ph_rodata()).p_vaddr;
		      e.rela(i).r_offset = at;
		      return fmt("elf: relocation %d: target 0x%llx is in a read-only segment", i,
				 (unsigned long long)at);
	      });
	parse("rel_unknown_type", "hello", "ENOEXEC", "",
	      "GLOB_DAT of bpf_get_current_pid_tgid -> R_X86_64_PC32", [glob](Elf &e) {
		      int i = glob(e);
		      auto &r = e.rela(i);
		      r.r_info = ELF64_R_INFO(ELF64_R_SYM(r.r_info), R_X86_64_PC32);
		      return fmt("elf: relocation %d: unsupported type 2 at 0x%llx", i,
				 (unsigned long long)r.r_offset);
	      });
	parse("rel_tls_type", "hello", "ENOEXEC", "",
	      "GLOB_DAT of bpf_get_current_pid_tgid -> R_X86_64_DTPMOD64", [glob](Elf &e) {
		      int i = glob(e);
		      auto &r = e.rela(i);
		      r.r_info = ELF64_R_INFO(ELF64_R_SYM(r.r_info), R_X86_64_DTPMOD64);
		      return fmt("elf: relocation %d: unsupported type 16 at 0x%llx", i,
				 (unsigned long long)r.r_offset);
	      });
	parse("rel_relative_oob", "hello", "ENOEXEC", "",
	      "GLOB_DAT of bpf_get_current_pid_tgid -> RELATIVE, addend = image size + 8",
	      [glob](Elf &e) {
		      int i = glob(e);
		      auto &r = e.rela(i);
		      r.r_info = ELF64_R_INFO(0, R_X86_64_RELATIVE);
		      r.r_addend = e.image_size() + 8;
		      return fmt("elf: relocation %d: address 0x%llx is outside the image", i,
				 (unsigned long long)r.r_addend);
	      });
	parse("rel_relative_negative", "hello", "ENOEXEC", "",
	      "GLOB_DAT of bpf_get_current_pid_tgid -> RELATIVE, addend = -16", [glob](Elf &e) {
		      int i = glob(e);
		      auto &r = e.rela(i);
		      r.r_info = ELF64_R_INFO(0, R_X86_64_RELATIVE);
		      r.r_addend = -16;
		      return fmt("elf: relocation %d: address 0xfffffffffffffff0 is outside the image", i);
	      });
	// The file's checks accept it (the largest addend allowed); the code
	// check then finds the helper call going through a slot that no longer
	// names a helper.
	add({"edge_relative_image_end", "hello", "code", "ENOEXEC",
	     "not a GOT slot (no symbol relocation there)",
	     "GLOB_DAT of bpf_get_current_pid_tgid -> RELATIVE, addend = image size (the largest the file check allows)",
	     [glob](Elf &e) {
		     auto &r = e.rela(glob(e));
		     r.r_info = ELF64_R_INFO(0, R_X86_64_RELATIVE);
		     r.r_addend = e.image_size();
		     return "";
	     }, nullptr, Sign::Trusted, ""});
	parse("rel_relative_symbol", "hello", "ENOEXEC", "",
	      "GLOB_DAT of bpf_get_current_pid_tgid -> RELATIVE keeping the symbol", [glob](Elf &e) {
		      int i = glob(e);
		      auto &r = e.rela(i);
		      r.r_info = ELF64_R_INFO(ELF64_R_SYM(r.r_info), R_X86_64_RELATIVE);
		      return fmt("elf: relocation %d: RELATIVE with a symbol", i);
	      });
	parse("rel_outside_image", "hello", "ENOEXEC", "",
	      "GLOB_DAT of bpf_get_current_pid_tgid -> r_offset 0x100000", [glob](Elf &e) {
		      int i = glob(e);
		      e.rela(i).r_offset = 0x100000;
		      return fmt("elf: relocation %d: target 0x100000 is outside the image or misaligned", i);
	      });
	parse("rel_misaligned", "hello", "ENOEXEC", "",
	      "GLOB_DAT of bpf_get_current_pid_tgid: r_offset += 4", [glob](Elf &e) {
		      int i = glob(e);
		      e.rela(i).r_offset += 4;
		      return fmt("elf: relocation %d: target 0x%llx is outside the image or misaligned", i,
				 (unsigned long long)e.rela(i).r_offset);
	      });
	parse("rel_segment_end", "two_progs", "ENOEXEC", "",
	      "GLOB_DAT of bpf_get_current_pid_tgid -> r_offset = end of the RELRO segment",
	      [glob](Elf &e) {
		      int i = glob(e);
		      auto &p = e.ph(e.ph_relro_load());
		      e.rela(i).r_offset = p.p_vaddr + p.p_memsz;
		      if (e.rela(i).r_offset % 8)
			      fail("RELRO segment end not 8-byte aligned");
		      return fmt("elf: relocation %d: target 0x%llx is outside the image or misaligned", i,
				 (unsigned long long)e.rela(i).r_offset);
	      });
	add({"edge_rel_segment_end", "two_progs", "code", "ENOEXEC",
	     "not a GOT slot (no symbol relocation there)",
	     "GLOB_DAT of bpf_get_current_pid_tgid -> r_offset = end of the RELRO segment - 8 (the last the file check allows)",
	     [glob](Elf &e) {
		     auto &p = e.ph(e.ph_relro_load());
		     e.rela(glob(e)).r_offset = p.p_vaddr + p.p_memsz - 8;
		     return "";
	     }, nullptr, Sign::Trusted, ""});
	parse("rel_addend", "hello", "ENOEXEC", "",
	      "GLOB_DAT of bpf_get_current_pid_tgid: addend 0 -> 8", [glob, pid](Elf &e) {
		      int i = glob(e);
		      e.rela(i).r_addend = 8;
		      return fmt("elf: relocation %d: nonzero addend against %s", i, pid.c_str());
	      });
	parse("rel_bad_symbol", "hello", "ENOEXEC", "",
	      "GLOB_DAT of bpf_get_current_pid_tgid: symbol index -> number of .dynsym entries",
	      [glob](Elf &e) {
		      auto &r = e.rela(glob(e));
		      r.r_info = ELF64_R_INFO(e.ndynsym(), R_X86_64_GLOB_DAT);
		      return fmt("elf: relocation refers to bad symbol %d", e.ndynsym());
	      });
	parse("rel_symbol_zero", "hello", "ENOEXEC", "elf: relocation refers to bad symbol 0",
	      "GLOB_DAT of bpf_get_current_pid_tgid: symbol index -> 0", [glob](Elf &e) {
		      e.rela(glob(e)).r_info = ELF64_R_INFO(0, R_X86_64_GLOB_DAT);
		      return "";
	      });
	parse("rel_defined_symbol", "hello", "ENOEXEC",
	      "elf: relocation against defined symbol bpf_get_current_pid_tgid",
	      ".dynsym bpf_get_current_pid_tgid: st_shndx UNDEF -> .text", [pid](Elf &e) {
		      e.dynsym(e.dynsym_by_name(pid)).st_shndx = e.sec(".text");
		      return "";
	      });
	parse("rel_weak_undefined", "hello", "ENOEXEC",
	      "elf: undefined symbol bpf_get_current_pid_tgid must be a global function",
	      ".dynsym bpf_get_current_pid_tgid: STB_GLOBAL -> STB_WEAK", [pid](Elf &e) {
		      auto &s = e.dynsym(e.dynsym_by_name(pid));
		      s.st_info = ELF64_ST_INFO(STB_WEAK, ELF64_ST_TYPE(s.st_info));
		      return "";
	      });
	parse("rel_data_symbol", "hello", "ENOEXEC",
	      "elf: undefined symbol bpf_get_current_pid_tgid must be a global function",
	      ".dynsym bpf_get_current_pid_tgid: STT_NOTYPE -> STT_OBJECT", [pid](Elf &e) {
		      auto &s = e.dynsym(e.dynsym_by_name(pid));
		      s.st_info = ELF64_ST_INFO(ELF64_ST_BIND(s.st_info), STT_OBJECT);
		      return "";
	      });
	parse("rel_symbol_bad_name", "hello", "ENOEXEC", "",
	      ".dynsym bpf_get_current_pid_tgid: st_name -> the size of .dynstr", [pid](Elf &e) {
		      int i = e.dynsym_by_name(pid);
		      e.dynsym(i).st_name = e.sh(e.sec(".dynstr")).sh_size;
		      return fmt("elf: dynamic symbol %d has a bad name", i);
	      });
	parse("rel_no_dynsym", "hello", "ENOEXEC", "elf: dynamic relocations without .dynsym",
	      ".rela.dyn sh_link -> 0", [](Elf &e) { e.sh(e.sec(".rela.dyn")).sh_link = 0; return ""; });
	parse("rel_bad_entsize", "hello", "ENOEXEC", "elf: malformed dynamic relocation section",
	      ".rela.dyn sh_entsize 24 -> 16",
	      [](Elf &e) { e.sh(e.sec(".rela.dyn")).sh_entsize = 16; return ""; });
	parse("rel_dynsym_no_strtab", "hello", "ENOEXEC", "elf: .dynsym has no string table",
	      ".dynsym sh_link -> 0", [](Elf &e) { e.sh(e.sec(".dynsym")).sh_link = 0; return ""; });
	add({"rel_undefined_nonhelper", "hello", "reloc", "ENOENT",
	     "helpers: unknown function kallsyms_lookup_name",
	     ".dynstr \"bpf_get_current_pid_tgid\" -> \"kallsyms_lookup_name\" (in place, NUL-padded)",
	     [pid](Elf &e) {
		     auto &c = e.at<char>(e.dynstr_off(e.dynsym_by_name(pid)));
		     char *p = &c;
		     memset(p, 0, pid.size());
		     memcpy(p, "kallsyms_lookup_name", 20);
		     return "";
	     }, nullptr, Sign::Trusted, ""});
	add({"rel_helper_kind", "func_ip", "reloc", "EPERM",
	     "helpers: bpf_get_func_ip is not allowed in tracepoint programs",
	     "section kprobe/__x64_sys_sched_getaffinity -> tracepoint/syscalls/sys_enter_read: a "
	     "tracepoint program calling bpf_get_func_ip",
	     [](Elf &e) {
		     int s = e.prog_secs()[0];
		     std::string to = "tracepoint/syscalls/sys_enter_read";
		     if (e.name(s).size() != to.size())
			     fail("func_ip: section name length changed");
		     e.rename(s, to);
		     return "";
	     }, nullptr, Sign::Trusted, "tracepoint:fip_prog"});

	// ---------------------------------------------------------------- programs
	parse("prog_none", "hello", "ENOENT",
	      "elf: no programs (no kprobe/, kretprobe/ or tracepoint/ section)",
	      "descriptor section tracepoint/... -> Tracepoint/... (not a program section)",
	      [](Elf &e) {
		      int s = e.prog_secs()[0];
		      std::string n = e.name(s);
		      n[0] = 'T';
		      e.rename(s, n);
		      return "";
	      });
	parse("prog_dup_section", "two_progs", "EEXIST", "",
	      "second descriptor section's sh_name -> the first's", [](Elf &e) {
		      auto p = e.prog_secs();
		      e.sh(p[1]).sh_name = e.sh(p[0]).sh_name;
		      return "elf: duplicate program section " + e.name(p[0]);
	      });
	parse("prog_dup_name", "two_progs", "EEXIST", "",
	      "second descriptor's name -> the first's", [](Elf &e) {
		      auto p = e.prog_secs();
		      memcpy(e.desc(p[1]).name, e.desc(p[0]).name, IU_PROG_NAME_LEN);
		      return std::string("elf: duplicate program name ") + e.desc(p[0]).name;
	      });
	parse("desc_size", "hello", "ENOEXEC", "", "descriptor size 48 -> 56", [](Elf &e) {
		int s = e.prog_secs()[0];
		if (e.desc(s).size != 48)
			fail("the descriptor is not 48 bytes");
		e.desc(s).size = 56;
		return "elf: section " + e.name(s) + ": descriptor size 56 does not match the section (48)";
	});
	parse("desc_short", "hello", "ENOEXEC", "",
	      "descriptor section sh_size 48 -> 32 (and size field)", [](Elf &e) {
		      int s = e.prog_secs()[0];
		      e.sh(s).sh_size = 32;
		      e.desc(s).size = 32;
		      return "elf: section " + e.name(s) + " is not an allocated, aligned program descriptor";
	      });
	// An older toolchain's 40-byte descriptor (IU_PROG_DESC_SIZE_VER0): no
	// ctx_size, which reads as 0. The 8 bytes stay in the segment, outside
	// the section.
	auto ver0_desc = [](Elf &e, int s) {
		e.sh(s).sh_size = IU_PROG_DESC_SIZE_VER0;
		e.desc(s).size = IU_PROG_DESC_SIZE_VER0;
		return s;
	};
	ok("ok_desc_ver0_kprobe", "tracex5",
	   "descriptor shrunk to 40 bytes (an older toolchain): a kprobe without ctx_size",
	   [ver0_desc](Elf &e) { ver0_desc(e, e.prog_secs()[0]); return ""; });
	parse("desc_ver0_tracepoint", "hello", "EINVAL",
	      "elf: program iu_prog1 does not declare the size of the tracepoint record it reads",
	      "descriptor shrunk to 40 bytes (an older toolchain): a tracepoint without ctx_size",
	      [ver0_desc](Elf &e) { ver0_desc(e, e.prog_secs()[0]); return ""; });
	parse("desc_no_ctx_size", "hello", "EINVAL",
	      "elf: program iu_prog1 does not declare the size of the tracepoint record it reads",
	      "descriptor ctx_size -> 0 (tracepoint)", [](Elf &e) {
		      auto &d = e.desc(e.prog_secs()[0]);
		      if (!d.ctx_size)
			      fail("the base declares no record size");
		      d.ctx_size = 0;
		      return "";
	      });
	parse("desc_ctx_in_header", "hello", "EINVAL",
	      "elf: program iu_prog1: record size 7 is smaller than a tracepoint record's 8-byte header",
	      "descriptor ctx_size -> 7 (tracepoint)", [](Elf &e) {
		      e.desc(e.prog_secs()[0]).ctx_size = 7;
		      return "";
	      });
	add({"desc_ctx_too_big", "hello", "parse", "E2BIG",
	     "elf: program iu_prog1: record size 8193 is above the largest tracepoint record (8192)",
	     "descriptor ctx_size -> 8193 (tracepoint; PERF_MAX_TRACE_SIZE is 8192)", [](Elf &e) {
		     e.desc(e.prog_secs()[0]).ctx_size = 8193;
		     return "";
	     }, nullptr, Sign::Trusted, ""});
	parse("desc_ctx_past_pt_regs", "tracex5", "EINVAL",
	      "elf: program bpf_prog1 reads 169 bytes of its context, a struct pt_regs has 168",
	      "descriptor ctx_size -> 169 (kprobe; a struct pt_regs is 168 bytes)", [](Elf &e) {
		      auto &d = e.desc(e.prog_secs()[0]);
		      if (d.ctx_size != 168)
			      fail("the kprobe base does not declare 168 bytes");
		      d.ctx_size = 169;
		      return "";
	      });
	add({"desc_reserved", "hello", "parse", "E2BIG", "",
	     "descriptor reserved -> 1 (a field this module does not know)", [](Elf &e) {
		     int s = e.prog_secs()[0];
		     e.desc(s).reserved = 1;
		     return "elf: section " + e.name(s) + ": descriptor has fields this kernel does not know";
	     }, nullptr, Sign::Trusted, ""});
	auto grow_desc = [](Elf &e, bool zero) {
		// A newer toolchain's 56-byte descriptor: the section and its
		// segment grow by 8 bytes over what follows in the file.
		int s = e.prog_secs()[0];
		auto &sh = e.sh(s);
		auto &p = e.ph(e.ph_relro_load());
		if (sh.sh_addr + sh.sh_size != p.p_vaddr + p.p_filesz || p.p_filesz != p.p_memsz)
			fail("the descriptor does not end its segment");
		uint64_t tail = sh.sh_offset + sh.sh_size;
		uint64_t bytes = e.at<uint64_t>(tail);
		if (zero)
			e.at<uint64_t>(tail) = 0;
		else if (!bytes)
			fail("the bytes after the descriptor are zero");
		sh.sh_size += 8;
		e.desc(s).size += 8;
		p.p_filesz += 8;
		p.p_memsz += 8;
		return s;
	};
	add({"desc_unknown_tail", "hello", "parse", "E2BIG", "",
	     "descriptor grown to 56 bytes (section and segment too) with a nonzero tail",
	     [grow_desc](Elf &e) {
		     int s = grow_desc(e, false);
		     return "elf: section " + e.name(s) + ": descriptor has fields this kernel does not know";
	     }, nullptr, Sign::Trusted, ""});
	ok("ok_desc_zero_tail", "hello",
	   "descriptor grown to 56 bytes (section and segment too) with a zero tail (a newer toolchain)",
	   [grow_desc](Elf &e) { grow_desc(e, true); return ""; });
	parse("desc_unknown_flags", "hello", "EINVAL", "", "descriptor flags |= 1 << 31 (a bit no ABI defines)",
	      [](Elf &e) {
		      int s = e.prog_secs()[0];
		      if (IU_PROG_F_ALL & (1U << 31))
			      fail("bit 31 is a known flag now");
		      e.desc(s).flags |= 1U << 31;
		      return "elf: section " + e.name(s) + fmt(": unknown flags 0x%x", e.desc(s).flags);
	      });
	parse("desc_unguarded", "hello", "EINVAL",
	      "elf: program iu_prog1 was built without termination and stack checks",
	      "descriptor flags &= ~IU_PROG_F_GUARDED", [](Elf &e) {
		      auto &d = e.desc(e.prog_secs()[0]);
		      if (!(d.flags & IU_PROG_F_GUARDED))
			      fail("the base is not guarded");
		      d.flags &= ~IU_PROG_F_GUARDED;
		      return "";
	      });
	add({"desc_recursive_claim", "hello", "code", "EINVAL",
	     "code: program iu_prog1: its descriptor says stack",
	     "descriptor flags |= IU_PROG_F_RECURSIVE on a program that does not recurse", [](Elf &e) {
		     e.desc(e.prog_secs()[0]).flags |= IU_PROG_F_RECURSIVE;
		     return "";
	     }, nullptr, Sign::Trusted, ""});
	add({"desc_stack_claim", "hello", "code", "EINVAL",
	     "code: program iu_prog1: its descriptor says stack",
	     "descriptor stack_size -= 8: less than the code needs", [](Elf &e) {
		     e.desc(e.prog_secs()[0]).stack_size -= 8;
		     return "";
	     }, nullptr, Sign::Trusted, ""});
	add({"desc_stack_too_big", "hello", "parse", "E2BIG", "",
	     "descriptor stack_size -> its stack + 1", [](Elf &e) {
		     uint32_t room = IU_STACK_SIZE - IU_STACK_CB_SIZE;
		     e.desc(e.prog_secs()[0]).stack_size = room + 1;
		     return fmt("elf: program iu_prog1: stack bound %u bytes is above the %u of its stack",
				room + 1, room);
	     }, nullptr, Sign::Trusted, ""});
	parse("desc_abi", "hello", "ENOEXEC", "", "descriptor abi 1 -> 2", [](Elf &e) {
		int s = e.prog_secs()[0];
		e.desc(s).abi = 2;
		return "elf: section " + e.name(s) + ": ABI version 2, this module speaks 1";
	});
	parse("desc_bad_name", "hello", "EINVAL", "", "program name iu_prog1 -> iu-prog1", [](Elf &e) {
		int s = e.prog_secs()[0];
		char *n = e.desc(s).name;
		char *u = strchr(n, '_');
		if (!u)
			fail("no '_' in the program name");
		*u = '-';
		return "elf: section " + e.name(s) + ": bad program name";
	});
	parse("desc_name_unterminated", "hello", "EINVAL", "",
	      "program name -> 16 letters, no NUL", [](Elf &e) {
		      int s = e.prog_secs()[0];
		      memset(e.desc(s).name, 'a', IU_PROG_NAME_LEN);
		      return "elf: section " + e.name(s) + ": bad program name";
	      });
	parse("desc_empty_name", "hello", "EINVAL", "", "program name -> \"\"", [](Elf &e) {
		int s = e.prog_secs()[0];
		memset(e.desc(s).name, 0, IU_PROG_NAME_LEN);
		return "elf: section " + e.name(s) + ": bad program name";
	});
	parse("desc_not_alloc", "hello", "ENOEXEC", "",
	      "descriptor section sh_flags &= ~SHF_ALLOC", [](Elf &e) {
		      int s = e.prog_secs()[0];
		      e.sh(s).sh_flags &= ~uint64_t(SHF_ALLOC);
		      return "elf: section " + e.name(s) + " is not an allocated, aligned program descriptor";
	      });
	parse("desc_entry_outside_text", "hello", "ENOEXEC",
	      "elf: entry point of iu_prog1 is outside the text",
	      "entry relocation addend -> the start of the read-only segment", [](Elf &e) {
		      e.rela(e.entry_rela(e.prog_secs()[0])).r_addend = e.ph(e.ph_rodata()).p_vaddr;
		      return "";
	      });
	parse("desc_entry_no_endbr", "hello", "ENOEXEC",
	      "elf: entry point of iu_prog1 does not start with ENDBR64",
	      "entry relocation addend += 4 (past the ENDBR64)", [](Elf &e) {
		      auto &r = e.rela(e.entry_rela(e.prog_secs()[0]));
		      static const uint8_t endbr64[4] = {0xf3, 0x0f, 0x1e, 0xfa};
		      if (memcmp(&e.at<uint8_t>(e.off_of(r.r_addend, 4)), endbr64, 4))
			      fail("the entry does not start with ENDBR64");
		      r.r_addend += 4;
		      return "";
	      });
	parse("desc_extra_reloc", "hello", "ENOEXEC", "",
	      "GLOB_DAT of bpf_get_current_pid_tgid -> r_offset = the descriptor's name",
	      [glob](Elf &e) {
		      int i = glob(e), s = e.prog_secs()[0];
		      e.rela(i).r_offset = e.sh(s).sh_addr + offsetof(iu_prog_desc, name);
		      return fmt("elf: relocation %d modifies the descriptor of iu_prog1", i);
	      });
	parse("desc_second_entry_reloc", "hello", "ENOEXEC", "",
	      "GLOB_DAT of bpf_get_current_pid_tgid -> a second RELATIVE on the descriptor's entry",
	      [glob](Elf &e) {
		      int s = e.prog_secs()[0];
		      auto &entry = e.rela(e.entry_rela(s));
		      int i = glob(e);
		      if (i < e.entry_rela(s))
			      fail("the entry relocation is not first");
		      e.rela(i) = entry;
		      return fmt("elf: relocation %d modifies the descriptor of iu_prog1", i);
	      });
	parse("desc_no_entry", "hello", "ENOEXEC", "elf: program iu_prog1 has no entry point",
	      "entry relocation type RELATIVE -> NONE", [](Elf &e) {
		      e.rela(e.entry_rela(e.prog_secs()[0])).r_info = ELF64_R_INFO(0, R_X86_64_NONE);
		      return "";
	      });

	// --------------------------------------------------------- toolchain note
	auto note = [](Elf &e) -> uint8_t * {
		auto &s = e.sh(e.sec(IU_NOTE_SECTION));
		if (s.sh_size != 16 + sizeof(iu_note_toolchain))
			fail("the toolchain note is not 80 bytes");
		return &e.at<uint8_t>(s.sh_offset);
	};
	parse("note_missing", "hello", "ENOEXEC", "elf: no .note.iu toolchain note",
	      "section .note.iu -> .note.ix", [](Elf &e) {
		      e.rename(e.sec(IU_NOTE_SECTION), ".note.ix");
		      return "";
	      });
	parse("note_missing_code", "code_jmp_self", "ENOEXEC", "elf: no .note.iu toolchain note",
	      "a hand-written file without the note (section renamed)", [](Elf &e) {
		      e.rename(e.sec(IU_NOTE_SECTION), ".note.ix");
		      return "";
	      });
	parse("note_not_note", "hello", "ENOEXEC", "elf: .note.iu is not a note section (SHT_NOTE)",
	      ".note.iu sh_type SHT_NOTE -> SHT_PROGBITS", [](Elf &e) {
		      e.sh(e.sec(IU_NOTE_SECTION)).sh_type = SHT_PROGBITS;
		      return "";
	      });
	parse("note_bad_type", "hello", "ENOEXEC",
	      "elf: .note.iu: not an \"iu\" toolchain note (name size 3, size 64, type 2)",
	      "note type IU_NOTE_TOOLCHAIN -> 2", [note](Elf &e) {
		      note(e)[8] = 2;
		      return "";
	      });
	parse("note_bad_version", "hello", "ENOEXEC",
	      "elf: .note.iu: the toolchain version is not of the form 1.2.3",
	      "the version's first character -> 'x'", [note](Elf &e) {
		      note(e)[16] = 'x';
		      return "";
	      });
	parse("note_version_tail", "hello", "ENOEXEC",
	      "elf: .note.iu: bytes after the version are not zero",
	      "the version's last padding byte -> 'x'", [note](Elf &e) {
		      note(e)[16 + IU_VERSION_LEN - 1] = 'x';
		      return "";
	      });

	// ---------------------------------------------------------------- license
	parse("lic_missing", "hello", "EPERM", "elf: no license section",
	      "section license -> licence", [](Elf &e) { e.rename(e.sec("license"), "licence"); return ""; });
	auto lic = [](Elf &e, const char *from, const char *to) {
		auto &s = e.sh(e.sec("license"));
		if (s.sh_size != strlen(from) + 1 || strcmp(&e.at<char>(s.sh_offset), from))
			fail(std::string("license is not ") + from);
		memcpy(&e.at<char>(s.sh_offset), to, strlen(from) + 1);
	};
	parse("lic_non_gpl", "hello", "EPERM", "elf: license \"MIT\" is not GPL-compatible",
	      "license \"GPL\" -> \"MIT\"", [lic](Elf &e) { lic(e, "GPL", "MIT"); return ""; });
	parse("lic_unterminated", "hello", "ENOEXEC",
	      "elf: license section is not a NUL-terminated string", "license \"GPL\\0\" -> \"GPLv\"",
	      [lic](Elf &e) { lic(e, "GPL", "GPLv"); return ""; });

	// ---------------------------------------------------------------- section kinds
	parse("maps_section", "hello", "EOPNOTSUPP", "elf: maps are not supported by ABI version 1",
	      "section .rodata -> .maps", [](Elf &e) { e.rename(e.sec(".rodata"), ".maps"); return ""; });
	parse("maps_legacy", "hello", "EOPNOTSUPP", "elf: maps are not supported by ABI version 1",
	      "section .rodata -> maps", [](Elf &e) { e.rename(e.sec(".rodata"), "maps"); return ""; });
	auto rename_prog = [](std::string to) {
		return [to](Elf &e) { e.rename(e.prog_secs()[0], to); return std::string(); };
	};
	parse("type_xdp", "hello", "EOPNOTSUPP",
	      "elf: section xdp: program type not supported (kprobe, kretprobe and tracepoint are)",
	      "descriptor section -> xdp", rename_prog("xdp"));
	parse("type_uprobe", "hello", "EOPNOTSUPP", "elf: section uprobe/x: program type not supported",
	      "descriptor section -> uprobe/x", rename_prog("uprobe/x"));
	parse("type_tp_short", "hello", "EOPNOTSUPP",
	      "elf: section tp/syscalls/sys_enter_dup: program type not supported",
	      "descriptor section -> tp/syscalls/sys_enter_dup (libbpf's short form)",
	      rename_prog("tp/syscalls/sys_enter_dup"));
	parse("type_fentry", "tracex5", "EOPNOTSUPP",
	      "elf: section fentry/__seccomp_filter: program type not supported",
	      "descriptor section kprobe/__seccomp_filter -> fentry/__seccomp_filter",
	      rename_prog("fentry/__seccomp_filter"));
	parse("kprobe_no_target", "tracex5", "EINVAL",
	      "elf: section kprobe: a program needs an attach target, as in kprobe/<target>",
	      "descriptor section kprobe/__seccomp_filter -> kprobe", rename_prog("kprobe"));
	parse("kprobe_empty_target", "tracex5", "EINVAL",
	      "elf: section kprobe/: bad kernel symbol name \"\"",
	      "descriptor section kprobe/__seccomp_filter -> kprobe/", rename_prog("kprobe/"));
	parse("kprobe_bad_symbol", "tracex5", "EINVAL",
	      "elf: section kprobe/__seccomp-filter: bad kernel symbol name \"__seccomp-filter\"",
	      "descriptor section kprobe/__seccomp_filter -> kprobe/__seccomp-filter",
	      rename_prog("kprobe/__seccomp-filter"));
	// kprobe/<symbol>+<offset>, libbpf's form: decimal or 0x hex, at most 32 bits.
	ok("ok_kprobe_offset", "tracex5", "descriptor section kprobe/__seccomp_filter -> kprobe/__seccomp+0x1f",
	   rename_prog("kprobe/__seccomp+0x1f"));
	ok("ok_kprobe_offset_dec", "tracex5", "descriptor section kprobe/__seccomp_filter -> kprobe/x+4294967295",
	   rename_prog("kprobe/x+4294967295"));
	parse("kprobe_offset_empty", "tracex5", "EINVAL", "elf: section kprobe/__seccomp+: bad offset \"\"",
	      "descriptor section kprobe/__seccomp_filter -> kprobe/__seccomp+", rename_prog("kprobe/__seccomp+"));
	parse("kprobe_offset_bad_digit", "tracex5", "EINVAL",
	      "elf: section kprobe/__seccomp+0x1g: bad offset \"0x1g\"",
	      "descriptor section kprobe/__seccomp_filter -> kprobe/__seccomp+0x1g",
	      rename_prog("kprobe/__seccomp+0x1g"));
	parse("kprobe_offset_octal", "tracex5", "EINVAL",
	      "elf: section kprobe/__seccomp+010: bad offset \"010\" (decimal without leading zeros, or 0x hex)",
	      "descriptor section kprobe/__seccomp_filter -> kprobe/__seccomp+010 (libbpf reads octal)",
	      rename_prog("kprobe/__seccomp+010"));
	parse("kprobe_offset_twice", "tracex5", "EINVAL", "elf: section kprobe/__seccomp+1+2: bad offset \"1+2\"",
	      "descriptor section kprobe/__seccomp_filter -> kprobe/__seccomp+1+2",
	      rename_prog("kprobe/__seccomp+1+2"));
	parse("kprobe_offset_too_large", "tracex5", "EINVAL",
	      "elf: section kprobe/x+4294967296: offset 4294967296 is too large",
	      "descriptor section kprobe/__seccomp_filter -> kprobe/x+4294967296",
	      rename_prog("kprobe/x+4294967296"));
	parse("kprobe_offset_no_symbol", "tracex5", "EINVAL",
	      "elf: section kprobe/+5: bad kernel symbol name \"\"",
	      "descriptor section kprobe/__seccomp_filter -> kprobe/+5", rename_prog("kprobe/+5"));
	parse("kretprobe_offset", "kretprobe", "EINVAL",
	      "elf: section kretprobe/do_sys_open+4: a kretprobe attaches to the function entry: no +offset",
	      "descriptor section kretprobe/do_sys_openat2 -> kretprobe/do_sys_open+4",
	      rename_prog("kretprobe/do_sys_open+4"));
	parse("kretprobe_no_target", "kretprobe", "EINVAL",
	      "elf: section kretprobe: a program needs an attach target, as in kretprobe/<target>",
	      "descriptor section kretprobe/do_sys_openat2 -> kretprobe", rename_prog("kretprobe"));
	parse("tracepoint_no_target", "hello", "EINVAL",
	      "elf: section tracepoint: a program needs an attach target, as in tracepoint/<target>",
	      "descriptor section -> tracepoint", rename_prog("tracepoint"));
	parse("tracepoint_one_level", "hello", "EINVAL",
	      "elf: section tracepoint/sys_enter_dup: expected tracepoint/<category>/<name>",
	      "descriptor section -> tracepoint/sys_enter_dup", rename_prog("tracepoint/sys_enter_dup"));

	// ---------------------------------------------------------------- thunks
	parse("thunk_outside_text", "hello", "ENOEXEC",
	      "elf: __x86_return_thunk is not inside the text",
	      ".symtab __x86_return_thunk -> the start of the read-only segment", [](Elf &e) {
		      e.symtab_sym("__x86_return_thunk").st_value = e.ph(e.ph_rodata()).p_vaddr;
		      return "";
	      });
	parse("thunk_text_end", "hello", "ENOEXEC",
	      "elf: __x86_indirect_thunk_r11 is not inside the text",
	      ".symtab __x86_indirect_thunk_r11 -> 4 bytes before the end of the text", [](Elf &e) {
		      auto &t = e.ph(e.ph_text());
		      e.symtab_sym("__x86_indirect_thunk_r11").st_value = t.p_vaddr + t.p_memsz - 4;
		      return "";
	      });
	// What the loader does with the thunks it finds: it overwrites their
	// first 5 bytes with a jmp. docs/abi.md 1.6 requires them to be "at
	// least 5 bytes long"; a patch may not destroy an entry point's ENDBR64
	// nor the other thunk (found by tests/fuzz with IU_FUZZ_STRICT=1, now
	// checked by the core).
	parse("thunk_short", "hello", "ENOEXEC", "__x86_return_thunk",
	      ".symtab __x86_return_thunk st_size 5 -> 1 (the 5-byte patch would cover what follows)",
	      [](Elf &e) {
		      auto &t = e.symtab_sym("__x86_return_thunk");
		      if (t.st_size < 5)
			      fail("return thunk already shorter than 5 bytes");
		      t.st_size = 1;
		      return "";
	      });
	parse("thunk_over_entry", "hello", "ENOEXEC", "__x86_indirect_thunk_r11",
	      ".symtab __x86_indirect_thunk_r11 -> the entry point of iu_prog1 (the patch would replace its ENDBR64)",
	      [](Elf &e) {
		      uint64_t entry = e.rela(e.entry_rela(e.prog_secs()[0])).r_addend;
		      e.symtab_sym("__x86_indirect_thunk_r11").st_value = entry;
		      return "";
	      });
	parse("thunks_overlap", "hello", "ENOEXEC", "__x86_return_thunk",
	      ".symtab __x86_return_thunk -> __x86_indirect_thunk_r11 + 4 (the two patches would overlap)",
	      [](Elf &e) {
		      uint64_t r11 = e.symtab_sym("__x86_indirect_thunk_r11").st_value;
		      e.symtab_sym("__x86_return_thunk").st_value = r11 + 4;
		      return "";
	      });
	return v;
}

// ---- signing
void run(const std::vector<std::string> &argv)
{
	std::vector<char *> a;
	for (auto &s : argv)
		a.push_back(const_cast<char *>(s.c_str()));
	a.push_back(nullptr);
	pid_t pid;
	int err = posix_spawn(&pid, a[0], nullptr, nullptr, a.data(), environ);
	if (err)
		fail(argv[0] + ": " + strerror(err));
	int status;
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
		fail(argv[0] + " failed on " + argv[argv.size() - 2]);
}

struct Options {
	std::string out, sign_file, key, cert, other_key, other_cert, cases_header;
	std::map<std::string, std::string> bases;
};

bool name_ok(const std::string &n)
{
	if (n.empty())
		return false;
	for (char c : n)
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
			return false;
	return true;
}

void check_field(const std::string &f, const std::string &what)
{
	if (f.empty() || f.find_first_of("\t\n") != std::string::npos)
		fail("bad manifest field " + what + ": '" + f + "'");
}

int generate(const Options &o)
{
	std::map<std::string, Bytes> bases;
	for (auto &[name, path] : o.bases)
		bases[name] = read_file(path);
	mkdir(o.out.c_str(), 0755);

	std::string manifest =
		"# iu refusal corpus (tests/corpus/iu-mutate.cpp); one case per line:\n"
		"# name\tfile\tstage\terrno\tlog\tplaceholders\tdescription\n";
	std::string header = "/* Generated by iu-mutate: one variant per manifest case. */\n";
	std::set<std::string> names;
	int n = 0;
	for (Case c : cases()) {
		try {
			if (!name_ok(c.name) || !names.insert(c.name).second)
				fail("bad or duplicate case name");
			auto it = bases.find(c.base);
			if (it == bases.end())
				fail("no base " + c.base + " given");
			Elf e(it->second);
			if (c.placeholders.empty())
				c.placeholders = placeholders_of(e);
			if (c.mutate) {
				std::string log = c.mutate(e);
				if (!log.empty())
					c.log = log;
				if (e.b == it->second)
					fail("the mutation changed nothing");
			}
			std::string file = c.name + ".iu", path = o.out + "/" + file;
			Bytes out = e.b;
			if (c.sign != Sign::None) {
				std::string tmp = path + ".unsigned";
				write_file(tmp, e.b);
				bool other = c.sign == Sign::Other;
				const char *digest = c.sign == Sign::Sha1     ? "sha1"
						     : c.sign == Sign::Sha224 ? "sha224"
									      : "sha256";
				run({o.sign_file, digest, other ? o.other_key : o.key,
				     other ? o.other_cert : o.cert, tmp, path});
				unlink(tmp.c_str());
				out = read_file(path);
				if (c.post) {
					Bytes before = out;
					c.post(out);
					if (out == before)
						fail("the post-signing mutation changed nothing");
				}
			}
			write_file(path, out);
			for (auto *f : {&c.name, &file, &c.stage, &c.err, &c.log, &c.placeholders, &c.desc})
				check_field(*f, c.name);
			manifest += c.name + "\t" + file + "\t" + c.stage + "\t" + c.err + "\t" + c.log +
				    "\t" + c.placeholders + "\t" + c.desc + "\n";
			header += "CORPUS_CASE(" + c.name + ")\n";
			n++;
		} catch (const Error &err) {
			fprintf(stderr, "iu-mutate: case %s (base %s): %s\n", c.name.c_str(),
				c.base.c_str(), err.what());
			return 1;
		}
	}
	write_file(o.out + "/manifest.tsv", Bytes(manifest.begin(), manifest.end()));
	if (!o.cases_header.empty()) {
		std::string dir = o.cases_header.substr(0, o.cases_header.rfind('/'));
		mkdir(dir.c_str(), 0755);
		write_file(o.cases_header, Bytes(header.begin(), header.end()));
	}
	fprintf(stderr, "iu-mutate: %d cases in %s\n", n, o.out.c_str());
	return 0;
}

} // namespace

int main(int argc, char **argv)
{
	Options o;
	for (int i = 1; i < argc; i++) {
		std::string a = argv[i];
		auto next = [&]() -> std::string {
			if (i + 1 >= argc) {
				fprintf(stderr, "iu-mutate: %s needs an argument\n", a.c_str());
				exit(2);
			}
			return argv[++i];
		};
		if (a == "--out")
			o.out = next();
		else if (a == "--sign-file")
			o.sign_file = next();
		else if (a == "--key")
			o.key = next();
		else if (a == "--cert")
			o.cert = next();
		else if (a == "--other-key")
			o.other_key = next();
		else if (a == "--other-cert")
			o.other_cert = next();
		else if (a == "--cases-header")
			o.cases_header = next();
		else if (auto eq = a.find('='); eq != std::string::npos && a[0] != '-')
			o.bases[a.substr(0, eq)] = a.substr(eq + 1);
		else {
			fprintf(stderr, "iu-mutate: unknown argument %s\n", a.c_str());
			return 2;
		}
	}
	if (o.out.empty() || o.sign_file.empty() || o.key.empty() || o.cert.empty() ||
	    o.other_key.empty() || o.other_cert.empty() || o.bases.empty()) {
		fprintf(stderr, "usage: iu-mutate --out DIR --sign-file F --key K --cert C "
				"--other-key K --other-cert C [--cases-header H] NAME=FILE...\n");
		return 2;
	}
	try {
		return generate(o);
	} catch (const Error &e) {
		fprintf(stderr, "iu-mutate: %s\n", e.what());
		return 1;
	}
}
