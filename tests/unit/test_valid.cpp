// SPDX-License-Identifier: GPL-2.0
// Valid files: what iu_elf_parse describes and what iu_elf_load and
// iu_elf_relocate produce, against a model of the same file read with libelf
// (segments, sections, relocations and symbols), never against values taken
// from the code under test.
#include <gtest/gtest.h>

#include <gelf.h>
#include <libelf.h>

#include <map>
#include <optional>

#include "harness.hpp"

using namespace iu_test;

namespace {

// The file as libelf sees it.
struct Model {
	struct Seg {
		uint64_t vaddr, memsz, offset, filesz;
		uint32_t flags;
	};
	struct Sec {
		size_t idx;
		std::string name;
		GElf_Shdr sh;
	};
	struct Rel {
		uint64_t offset;
		uint32_t type, sym;
		int64_t addend;
	};
	Bytes raw;
	std::vector<Seg> loads;
	std::optional<Seg> relro;
	std::vector<Sec> secs;
	std::vector<Rel> rels;
	std::vector<std::string> dynsyms;
	std::map<std::string, uint64_t> symtab;	// defined symbols
	std::vector<Sec> progs;				// descriptor sections, in order

	explicit Model(Bytes file) : raw(std::move(file))
	{
		elf_version(EV_CURRENT);
		Elf *elf = elf_memory(reinterpret_cast<char *>(raw.data()), raw.size());
		if (!elf || elf_kind(elf) != ELF_K_ELF)
			throw std::runtime_error("libelf cannot read the file");
		size_t n, shstrndx;
		elf_getphdrnum(elf, &n);
		for (size_t i = 0; i < n; i++) {
			GElf_Phdr p;
			gelf_getphdr(elf, i, &p);
			Seg s{p.p_vaddr, p.p_memsz, p.p_offset, p.p_filesz, p.p_flags};
			if (p.p_type == PT_LOAD)
				loads.push_back(s);
			else if (p.p_type == PT_GNU_RELRO)
				relro = s;
		}
		elf_getshdrstrndx(elf, &shstrndx);
		for (Elf_Scn *scn = nullptr; (scn = elf_nextscn(elf, scn));) {
			Sec s;
			s.idx = elf_ndxscn(scn);
			gelf_getshdr(scn, &s.sh);
			s.name = elf_strptr(elf, shstrndx, s.sh.sh_name);
			secs.push_back(s);
			for (auto p : {"kprobe/", "kretprobe/", "tracepoint/"})
				if (s.name.rfind(p, 0) == 0)
					progs.push_back(s);
			Elf_Data *d = elf_getdata(scn, nullptr);
			if (s.sh.sh_type == SHT_RELA && (s.sh.sh_flags & SHF_ALLOC)) {
				for (size_t i = 0; i < s.sh.sh_size / s.sh.sh_entsize; i++) {
					GElf_Rela r;
					gelf_getrela(d, i, &r);
					rels.push_back({r.r_offset, uint32_t(GELF_R_TYPE(r.r_info)),
							uint32_t(GELF_R_SYM(r.r_info)), r.r_addend});
				}
			}
			if (s.sh.sh_type == SHT_DYNSYM || s.sh.sh_type == SHT_SYMTAB) {
				for (size_t i = 0; i < s.sh.sh_size / s.sh.sh_entsize; i++) {
					GElf_Sym sym;
					gelf_getsym(d, i, &sym);
					std::string nm = elf_strptr(elf, s.sh.sh_link, sym.st_name);
					if (s.sh.sh_type == SHT_DYNSYM)
						dynsyms.push_back(nm);
					else if (sym.st_shndx != SHN_UNDEF)
						symtab[nm] = sym.st_value;
				}
			}
		}
		elf_end(elf);
	}

	const Sec &sec(const std::string &name) const
	{
		for (auto &s : secs)
			if (s.name == name)
				return s;
		throw std::runtime_error("no section " + name);
	}
	uint64_t image_size() const
	{
		uint64_t end = 0;
		for (auto &s : loads)
			end = std::max(end, s.vaddr + s.memsz);
		return page_up(end);
	}
	iu_prog_desc desc(const Sec &s) const
	{
		iu_prog_desc d;
		memcpy(&d, raw.data() + s.sh.sh_offset, sizeof(d));
		return d;
	}
	// The image iu.ko should build at @base, computed from this model.
	Bytes image(uint64_t base) const
	{
		Bytes img(image_size(), 0);
		for (auto &s : loads)
			memcpy(img.data() + s.vaddr, raw.data() + s.offset, s.filesz);
		for (auto &r : rels) {
			uint64_t v;
			if (r.type == R_X86_64_NONE)
				continue;
			if (r.type == R_X86_64_RELATIVE)
				v = base + r.addend;
			else
				v = Resolver::address_of(dynsyms.at(r.sym));
			memcpy(img.data() + r.offset, &v, 8);
		}
		return img;
	}
};

uint64_t u64_at(const Bytes &b, uint64_t off)
{
	uint64_t v;
	memcpy(&v, b.data() + off, 8);
	return v;
}

std::vector<Case> valid_cases()
{
	std::vector<Case> out;
	for (auto &c : manifest())
		if (c.stage == "ok")
			out.push_back(c);
	return out;
}

class ValidFile : public ::testing::TestWithParam<Case> {
protected:
	void SetUp() override
	{
		file = read_file(GetParam().path);
		model.emplace(file);
		o = load_like_the_module(file, base);
		ASSERT_EQ(o.stage, "ok") << o.log;
		ASSERT_EQ(o.err, 0);
		e = o.elf.get();
	}
	void Segments();
	void ProgramsInSectionOrder();
	void ThunksAndLicense();
	void ImageIsTheModelsImage();
	void GotSlotsAndEntriesRelocated();
	void OnlyRelativeTargetsDependOnTheBase();	// relocating at two bases

	static constexpr uint64_t base = 0xffffffffa0200000ULL;
	Bytes file;
	std::optional<Model> model;
	Outcome o;
	const struct iu_elf *e = nullptr;
};

void ValidFile::Segments()
{
	ASSERT_EQ(e->nr_segs, model->loads.size());
	EXPECT_EQ(e->image_size, model->image_size());
	int text = 0;
	for (size_t i = 0; i < model->loads.size(); i++) {
		SCOPED_TRACE(i);
		auto &m = model->loads[i];
		auto &s = e->segs[i];
		EXPECT_EQ(s.vaddr, m.vaddr);
		EXPECT_EQ(s.memsz, m.memsz);
		EXPECT_EQ(s.offset, m.offset);
		EXPECT_EQ(s.filesz, m.filesz);
		enum iu_seg_prot want = IU_SEG_RODATA;
		if (m.flags & PF_X) {
			want = IU_SEG_TEXT;
			text++;
			EXPECT_EQ(e->text_start, m.vaddr);
			EXPECT_EQ(e->text_end, m.vaddr + m.memsz);
		} else if (m.flags & PF_W) {
			want = model->relro && model->relro->vaddr == m.vaddr ? IU_SEG_RELRO : IU_SEG_DATA;
		}
		EXPECT_EQ(s.prot, want);
	}
	EXPECT_EQ(text, 1);
}

void ValidFile::ProgramsInSectionOrder()
{
	ASSERT_FALSE(model->progs.empty());
	ASSERT_EQ(e->nr_progs, model->progs.size());
	uint32_t kinds = 0;
	for (size_t i = 0; i < model->progs.size(); i++) {
		SCOPED_TRACE(i);
		auto &s = model->progs[i];
		auto &p = e->progs[i];
		iu_prog_desc d = model->desc(s);
		std::string prefix = s.name.substr(0, s.name.find('/'));
		EXPECT_EQ(p.shndx, s.idx);
		EXPECT_EQ(std::string(p.sec_name), s.name);
		EXPECT_EQ(std::string(iu_prog_kind_name(p.kind)), prefix);
		std::string target = s.name.substr(prefix.size() + 1);
		EXPECT_EQ(std::string(p.target), target);
		// The attach target's parts: symbol and "+offset", or category and name.
		size_t sep = target.find(p.kind == IU_PROG_TRACEPOINT ? '/' : '+');
		EXPECT_EQ(std::string(p.target, p.target_len), target.substr(0, sep));
		EXPECT_EQ(p.offset, sep == std::string::npos || p.kind == IU_PROG_TRACEPOINT
					    ? 0 : std::stoul(target.substr(sep + 1), nullptr, 0));
		EXPECT_EQ(p.desc, s.sh.sh_addr);
		EXPECT_EQ(std::string(p.name), std::string(d.name));
		EXPECT_EQ(p.stack_size, d.stack_size);
		EXPECT_GT(p.stack_size, 0u) << "iu-finalize writes the stack bound";
		EXPECT_LE(p.stack_size, uint32_t(IU_STACK_SIZE - IU_STACK_CB_SIZE));
		EXPECT_EQ(p.flags, d.flags);
		// The entry: the function the toolchain named after the program.
		auto sym = model->symtab.find(std::string("__iu_entry_") + d.name);
		ASSERT_NE(sym, model->symtab.end());
		EXPECT_TRUE(p.entry_set);
		EXPECT_EQ(p.entry, sym->second);
		kinds |= 1U << p.kind;
	}
	EXPECT_EQ(iu_elf_kinds(e), kinds);
}

void ValidFile::ThunksAndLicense()
{
	auto thunk = [&](const char *n) {
		auto it = model->symtab.find(n);
		return it == model->symtab.end() ? 0 : it->second;
	};
	EXPECT_NE(thunk("__x86_return_thunk"), 0u);
	EXPECT_EQ(e->thunks.return_thunk, thunk("__x86_return_thunk"));
	EXPECT_EQ(e->thunks.indirect_thunk_r11, thunk("__x86_indirect_thunk_r11"));
	auto &lic = model->sec("license");
	EXPECT_EQ(std::string(e->license), std::string(reinterpret_cast<const char *>(
						   model->raw.data() + lic.sh.sh_offset)));
}

void ValidFile::ImageIsTheModelsImage()
{
	EXPECT_EQ(e->nr_rela, model->rels.size());
	EXPECT_EQ(e->nr_dynsym, model->dynsyms.size());
	Bytes want = model->image(base);
	ASSERT_EQ(o.image.size(), want.size());
	for (size_t i = 0; i < want.size(); i++)
		ASSERT_EQ(o.image[i], want[i]) << "first difference at image offset 0x" << std::hex << i;
}

void ValidFile::GotSlotsAndEntriesRelocated()
{
	size_t got = 0;
	for (auto &r : model->rels) {
		if (r.type != R_X86_64_GLOB_DAT && r.type != R_X86_64_JUMP_SLOT && r.type != R_X86_64_64)
			continue;
		uint64_t want = Resolver::address_of(model->dynsyms.at(r.sym));
		ASSERT_NE(want, 0u) << model->dynsyms.at(r.sym) << " is not a helper";
		EXPECT_EQ(u64_at(o.image, r.offset), want) << model->dynsyms.at(r.sym);
		got++;
	}
	EXPECT_GT(got, 0u) << "every base calls helpers";
	// Every program's descriptor holds base + its entry function.
	for (auto &s : model->progs) {
		iu_prog_desc d = model->desc(s);
		uint64_t entry = model->symtab.at(std::string("__iu_entry_") + d.name);
		EXPECT_EQ(u64_at(o.image, s.sh.sh_addr + offsetof(iu_prog_desc, entry)), base + entry)
			<< s.name;
		// and the bytes there are an ENDBR64, as copied from the file
		static const uint8_t endbr64[4] = {0xf3, 0x0f, 0x1e, 0xfa};
		EXPECT_EQ(memcmp(o.image.data() + entry, endbr64, 4), 0) << s.name;
	}
	// The resolver was asked for the kinds of the file's programs.
	uint32_t kinds = 0;
	for (auto &s : model->progs) {
		std::string k = s.name.substr(0, s.name.find('/'));
		kinds |= 1U << (k == "kprobe" ? IU_PROG_KPROBE : k == "kretprobe" ? IU_PROG_KRETPROBE
									     : IU_PROG_TRACEPOINT);
	}
	EXPECT_EQ(o.kinds_resolved, kinds);
}

// Relocating at two bases changes exactly the RELATIVE targets.
void ValidFile::OnlyRelativeTargetsDependOnTheBase()
{
	Outcome o2 = load_like_the_module(file, base + 0x10000000);
	ASSERT_EQ(o2.err, 0);
	ASSERT_EQ(o2.image.size(), o.image.size());
	std::vector<bool> relative(o.image.size());
	for (auto &r : model->rels)
		if (r.type == R_X86_64_RELATIVE)
			for (int k = 0; k < 8; k++)
				relative[r.offset + k] = true;
	for (size_t i = 0; i < o.image.size(); i++) {
		if (relative[i])
			continue;
		ASSERT_EQ(o.image[i], o2.image[i]) << "offset 0x" << std::hex << i;
	}
	for (auto &r : model->rels) {
		if (r.type == R_X86_64_RELATIVE) {
			EXPECT_EQ(u64_at(o2.image, r.offset) - u64_at(o.image, r.offset), 0x10000000u);
		}
	}
}

// One test per file (each CTest test is a process): every aspect in turn.
TEST_P(ValidFile, MatchesTheLibelfModel)
{
	{ SCOPED_TRACE("segments"); Segments(); }
	{ SCOPED_TRACE("programs"); ProgramsInSectionOrder(); }
	{ SCOPED_TRACE("thunks and license"); ThunksAndLicense(); }
	{ SCOPED_TRACE("image"); ImageIsTheModelsImage(); }
	{ SCOPED_TRACE("GOT and entries"); GotSlotsAndEntriesRelocated(); }
	{ SCOPED_TRACE("two bases"); OnlyRelativeTargetsDependOnTheBase(); }
}

INSTANTIATE_TEST_SUITE_P(Manifest, ValidFile, ::testing::ValuesIn(valid_cases()),
			 [](const ::testing::TestParamInfo<Case> &info) { return info.param.name; });

// Program order is section order, also when the source declares them the
// other way round (two_progs declares prog_b first).
TEST(ProgramOrder, TwoPrograms)
{
	const Case *c = find_case("ok_two_progs");
	ASSERT_NE(c, nullptr);
	Model m(read_file(c->path));
	Outcome o = load_like_the_module(m.raw);
	ASSERT_EQ(o.err, 0) << o.log;
	ASSERT_EQ(o.elf->nr_progs, 2u);
	ASSERT_EQ(m.progs.size(), 2u);
	EXPECT_LT(m.progs[0].idx, m.progs[1].idx);
	EXPECT_EQ(std::string(o.elf->progs[0].sec_name), m.progs[0].name);
	EXPECT_EQ(std::string(o.elf->progs[1].sec_name), m.progs[1].name);
	EXPECT_STRNE(o.elf->progs[0].name, o.elf->progs[1].name);
}

} // namespace
