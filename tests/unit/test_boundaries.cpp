// SPDX-License-Identifier: GPL-2.0
// Boundaries: tiny files, every truncation, every flipped byte, relocations
// at the very end of a segment, empty relocation tables, oversized files,
// resolver failures. All under AddressSanitizer: a read one byte past any
// file buffer fails the test even when the result is right.
#include <gtest/gtest.h>

#include <elf.h>

#include <functional>

#include "harness.hpp"

using namespace iu_test;

namespace {

const char *const kBases[] = {"hello", "tracex5", "two_progs", "kretprobe", "func_ip"};

Bytes base(const std::string &name)
{
	return read_file(std::string(IU_CORPUS_BASES) + "/" + name + ".so");
}

int parse(const Bytes &b, std::string *msg = nullptr)
{
	Buf buf(b);
	Log log;
	struct iu_elf e;
	int err = iu_elf_parse(&e, buf.data(), buf.size(), &log.log);
	if (msg)
		*msg = log.text;
	return err;
}

// Raw <elf.h> access to an unsigned base, for edits made by the tests.
struct Raw {
	Bytes b;
	Elf64_Ehdr &eh() { return *reinterpret_cast<Elf64_Ehdr *>(b.data()); }
	Elf64_Phdr &ph(int i) { return reinterpret_cast<Elf64_Phdr *>(b.data() + eh().e_phoff)[i]; }
	Elf64_Shdr &sh(int i) { return reinterpret_cast<Elf64_Shdr *>(b.data() + eh().e_shoff)[i]; }
	Elf64_Shdr &sec(const std::string &n)
	{
		const char *str = reinterpret_cast<const char *>(b.data() + sh(eh().e_shstrndx).sh_offset);
		for (int i = 1; i < eh().e_shnum; i++)
			if (n == str + sh(i).sh_name)
				return sh(i);
		throw std::runtime_error("no section " + n);
	}
	Elf64_Rela &rela(int i)
	{
		return reinterpret_cast<Elf64_Rela *>(b.data() + sec(".rela.dyn").sh_offset)[i];
	}
	int nrela() { return sec(".rela.dyn").sh_size / sizeof(Elf64_Rela); }
	int find_rela(uint32_t type)
	{
		for (int i = 0; i < nrela(); i++)
			if (ELF64_R_TYPE(rela(i).r_info) == type)
				return i;
		throw std::runtime_error("no such relocation");
	}
	Elf64_Phdr &relro_load()
	{
		uint64_t v = 0;
		for (int i = 0; i < eh().e_phnum; i++)
			if (ph(i).p_type == PT_GNU_RELRO)
				v = ph(i).p_vaddr;
		for (int i = 0; i < eh().e_phnum; i++)
			if (ph(i).p_type == PT_LOAD && ph(i).p_vaddr == v)
				return ph(i);
		throw std::runtime_error("no RELRO segment");
	}
};

TEST(Boundaries, BasesAreValid)
{
	for (auto *n : kBases) {
		std::string msg;
		EXPECT_EQ(parse(base(n), &msg), 0) << n << ": " << msg;
	}
}

TEST(Boundaries, FilesOf0To64Bytes)
{
	Bytes hello = base("hello");
	for (size_t n = 0; n <= 64; n++) {
		SCOPED_TRACE(n);
		Bytes prefix(hello.begin(), hello.begin() + n);
		for (const Bytes &b : {prefix, Bytes(n, 0), Bytes(n, 0xff)}) {
			std::string msg;
			EXPECT_EQ(parse(b, &msg), -ENOEXEC);
			EXPECT_FALSE(msg.empty());
			Buf buf(b);
			Log log;
			u64 cs;
			const void *sig;
			u64 ss;
			int err = iu_sig_split(buf.data(), buf.size(), &cs, &sig, &ss, &log.log);
			EXPECT_TRUE(err == -ENODATA || err == -EBADMSG) << err;
		}
	}
}

// Trailers made of nothing but the trailer.
TEST(Boundaries, BareTrailers)
{
	const std::string marker = "~Module signature appended~\n";
	auto split = [](const Bytes &b, std::string *msg) {
		Buf buf(b);
		Log log;
		u64 cs;
		const void *sig;
		u64 ss;
		int err = iu_sig_split(buf.data(), buf.size(), &cs, &sig, &ss, &log.log);
		*msg = log.text;
		return err;
	};
	std::string msg;
	Bytes b(marker.begin(), marker.end());
	EXPECT_EQ(split(b, &msg), -EBADMSG);
	EXPECT_NE(msg.find("truncated signature trailer"), std::string::npos) << msg;
	// 12 zero bytes: id_type 0.
	b.insert(b.begin(), 12, 0);
	EXPECT_EQ(split(b, &msg), -EBADMSG);
	EXPECT_NE(msg.find("not a PKCS#7 signature (id type 0)"), std::string::npos) << msg;
	// PKCS#7 id, length 1, nothing before it.
	b[2] = 2;
	b[11] = 1;
	EXPECT_EQ(split(b, &msg), -EBADMSG);
	EXPECT_NE(msg.find("the signature claims 1 bytes, 0 are left"), std::string::npos) << msg;
	// One byte of signature and no content: refused, content is never empty.
	b.insert(b.begin(), 0x30);
	EXPECT_EQ(split(b, &msg), -EBADMSG);
	EXPECT_NE(msg.find("the signature claims 1 bytes, 1 are left"), std::string::npos) << msg;
	// One byte of signature and one of content: the smallest split.
	b.insert(b.begin(), 0x7f);
	Buf buf(b);
	Log log;
	u64 cs;
	const void *sig;
	u64 ss;
	ASSERT_EQ(iu_sig_split(buf.data(), buf.size(), &cs, &sig, &ss, &log.log), 0) << log.text;
	EXPECT_EQ(cs, 1u);
	EXPECT_EQ(ss, 1u);
	EXPECT_EQ(static_cast<const uint8_t *>(sig), buf.data() + 1);
}

// No truncation of a valid file is accepted, signed or not.
TEST(Boundaries, EveryPrefixIsRefused)
{
	for (auto *n : kBases) {
		SCOPED_TRACE(n);
		Bytes b = base(n);
		for (size_t len = 0; len < b.size(); len++) {
			Buf buf(b.data(), len);
			struct iu_elf e;
			ASSERT_NE(iu_elf_parse(&e, buf.data(), len, nullptr), 0) << "prefix of " << len;
		}
	}
	for (auto &c : manifest()) {
		if (c.stage != "ok")
			continue;
		SCOPED_TRACE(c.name);
		Bytes b = read_file(c.path);
		for (size_t len = 0; len < b.size(); len++) {
			Buf buf(b.data(), len);
			u64 cs;
			const void *sig;
			u64 ss;
			if (iu_sig_split(buf.data(), len, &cs, &sig, &ss, nullptr))
				continue;
			struct iu_elf e;
			ASSERT_NE(iu_elf_parse(&e, buf.data(), cs, nullptr), 0) << "prefix of " << len;
		}
	}
}

// Every byte of every base inverted in turn: parse, and when accepted, load
// and relocate. Nothing may crash or read out of bounds, and what is accepted
// must still describe a consistent image.
TEST(Boundaries, EveryByteInverted)
{
	for (auto *n : kBases) {
		SCOPED_TRACE(n);
		Bytes b = base(n);
		Buf buf(b);
		size_t accepted = 0;
		for (size_t i = 0; i < b.size(); i++) {
			buf.data()[i] ^= 0xff;
			struct iu_elf e;
			if (!iu_elf_parse(&e, buf.data(), buf.size(), nullptr)) {
				accepted++;
				ASSERT_LE(e.image_size, IU_MAX_IMAGE_SIZE) << i;
				for (u32 p = 0; p < e.nr_progs; p++) {
					ASSERT_GE(e.progs[p].entry, e.text_start) << i;
					ASSERT_LE(e.progs[p].entry + 4, e.text_end) << i;
				}
				for (u32 s = 0; s < e.nr_segs; s++)
					ASSERT_LE(e.segs[s].vaddr + e.segs[s].memsz, e.image_size) << i;
				Bytes img(e.image_size, 0);
				iu_elf_load(&e, img.data());
				iu_elf_relocate(&e, img.data(), 0xffffffffc0000000ULL, Resolver::resolve,
						nullptr, nullptr);
			}
			buf.data()[i] ^= 0xff;
		}
		// Padding, .symtab names, code bytes... many flips are harmless.
		EXPECT_GT(accepted, 0u);
		EXPECT_LT(accepted, b.size());
	}
}

TEST(Boundaries, MisalignedBufferRefused)
{
	Bytes b = base("hello");
	Bytes shifted(b.size() + 1);
	memcpy(shifted.data() + 1, b.data(), b.size());
	Buf buf(shifted);
	Log log;
	struct iu_elf e;
	EXPECT_EQ(iu_elf_parse(&e, buf.data() + 1, b.size(), &log.log), -ENOEXEC);
	EXPECT_NE(log.text.find("misaligned in memory"), std::string::npos) << log.text;
}

// The size is checked before any byte is read: a 64-byte buffer claiming
// 64 MiB + 1 bytes is refused without ASan seeing an over-read.
TEST(Boundaries, OversizedFileRefusedBeforeReading)
{
	Buf buf(Bytes(64, 0));
	Log log;
	struct iu_elf e;
	EXPECT_EQ(iu_elf_parse(&e, buf.data(), (64ULL << 20) + 1, &log.log), -E2BIG);
	EXPECT_NE(log.text.find("file larger than 67108864 bytes"), std::string::npos) << log.text;
	// Exactly 64 MiB is not too large: refused for what it contains.
	Bytes big(64ULL << 20, 0);
	Log log2;
	EXPECT_EQ(iu_elf_parse(&e, big.data(), big.size(), &log2.log), -ENOEXEC);
	EXPECT_NE(log2.text.find("bad magic"), std::string::npos) << log2.text;
}

TEST(Boundaries, EmptyRelocationSection)
{
	Raw r{base("hello")};
	r.sec(".rela.dyn").sh_size = 0;
	std::string msg;
	EXPECT_EQ(parse(r.b, &msg), -ENOEXEC);
	EXPECT_NE(msg.find("program iu_prog1 has no entry point"), std::string::npos) << msg;
}

// Without relocations nothing is written, but every undefined symbol of
// .dynsym is still checked against the helper allowlist (used or not).
TEST(Boundaries, RelocateNothing)
{
	Bytes b = base("hello");
	Raw r{b};
	auto *dynsym = reinterpret_cast<Elf64_Sym *>(r.b.data() + r.sec(".dynsym").sh_offset);
	const char *dynstr = reinterpret_cast<const char *>(r.b.data() + r.sec(".dynstr").sh_offset);
	std::vector<std::string> undefined;
	for (size_t i = 1; i < r.sec(".dynsym").sh_size / sizeof(Elf64_Sym); i++)
		if (dynsym[i].st_shndx == SHN_UNDEF)
			undefined.push_back(dynstr + dynsym[i].st_name);
	ASSERT_FALSE(undefined.empty());

	Buf buf(b);
	struct iu_elf e;
	ASSERT_EQ(iu_elf_parse(&e, buf.data(), buf.size(), nullptr), 0);
	e.nr_rela = 0;
	Bytes img(e.image_size, 0), loaded;
	iu_elf_load(&e, img.data());
	loaded = img;
	Resolver res;
	EXPECT_EQ(iu_elf_relocate(&e, img.data(), 0x1000, Resolver::resolve, &res, nullptr), 0);
	std::vector<std::string> resolved;
	for (auto &c : res.calls)
		resolved.push_back(c.name);
	EXPECT_EQ(resolved, undefined);
	EXPECT_EQ(img, loaded);
}

// A relocation's 8 bytes may end exactly at the end of a segment, not beyond.
TEST(Boundaries, RelocationAtSegmentEnd)
{
	Raw r{base("two_progs")};
	Elf64_Phdr relro = r.relro_load();
	uint64_t end = relro.p_vaddr + relro.p_memsz;
	ASSERT_EQ(end % 8, 0u);
	int i = r.find_rela(R_X86_64_GLOB_DAT);
	uint32_t sym = ELF64_R_SYM(r.rela(i).r_info);
	const char *dynstr = reinterpret_cast<const char *>(r.b.data() + r.sec(".dynstr").sh_offset);
	auto *dynsym = reinterpret_cast<Elf64_Sym *>(r.b.data() + r.sec(".dynsym").sh_offset);
	std::string name = dynstr + dynsym[sym].st_name;

	r.rela(i).r_offset = end - 8;
	Buf buf(r.b);
	struct iu_elf e;
	Log log;
	ASSERT_EQ(iu_elf_parse(&e, buf.data(), buf.size(), &log.log), 0) << log.text;
	Bytes img(e.image_size, 0);
	iu_elf_load(&e, img.data());
	ASSERT_EQ(iu_elf_relocate(&e, img.data(), 0, Resolver::resolve, nullptr, &log.log), 0);
	uint64_t v;
	memcpy(&v, img.data() + end - 8, 8);
	EXPECT_EQ(v, Resolver::address_of(name));

	for (uint64_t at : {end, end - 4, end + 8}) {
		SCOPED_TRACE(at);
		r.rela(i).r_offset = at;
		std::string msg;
		EXPECT_EQ(parse(r.b, &msg), -ENOEXEC);
		EXPECT_NE(msg.find("is outside the image or misaligned"), std::string::npos) << msg;
	}
}

// RELATIVE addends: 0 and the image size are the limits.
TEST(Boundaries, RelativeAddendLimits)
{
	Raw r{base("hello")};
	int i = r.find_rela(R_X86_64_GLOB_DAT);
	r.rela(i).r_info = ELF64_R_INFO(0, R_X86_64_RELATIVE);
	Buf probe(base("hello"));
	struct iu_elf e;
	ASSERT_EQ(iu_elf_parse(&e, probe.data(), probe.size(), nullptr), 0);
	uint64_t size = e.image_size;
	for (int64_t addend : {int64_t(0), int64_t(size)}) {
		r.rela(i).r_addend = addend;
		EXPECT_EQ(parse(r.b), 0) << addend;
	}
	for (int64_t addend : {int64_t(-1), int64_t(size + 1), INT64_MIN, INT64_MAX}) {
		r.rela(i).r_addend = addend;
		std::string msg;
		EXPECT_EQ(parse(r.b, &msg), -ENOEXEC) << addend;
		EXPECT_NE(msg.find("is outside the image"), std::string::npos) << msg;
	}
}

// A resolver failure is returned as is.
TEST(Boundaries, ResolverErrorPropagates)
{
	Bytes b = base("tracex5");
	Buf buf(b);
	struct iu_elf e;
	ASSERT_EQ(iu_elf_parse(&e, buf.data(), buf.size(), nullptr), 0);
	Bytes img(e.image_size, 0);
	iu_elf_load(&e, img.data());
	int calls = 0;
	auto fail = [](void *ctx, const char *, u32, u64 *, struct iu_log *) {
		++*static_cast<int *>(ctx);
		return -EIO;
	};
	EXPECT_EQ(iu_elf_relocate(&e, img.data(), 0, fail, &calls, nullptr), -EIO);
	EXPECT_EQ(calls, 1);
}

TEST(Boundaries, KindNames)
{
	EXPECT_STREQ(iu_prog_kind_name(IU_PROG_KPROBE), "kprobe");
	EXPECT_STREQ(iu_prog_kind_name(IU_PROG_KRETPROBE), "kretprobe");
	EXPECT_STREQ(iu_prog_kind_name(IU_PROG_TRACEPOINT), "tracepoint");
	EXPECT_STREQ(iu_prog_kind_name(IU_PROG_KIND_MAX), "?");
}

} // namespace
