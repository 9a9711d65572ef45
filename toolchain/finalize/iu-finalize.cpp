// SPDX-License-Identifier: GPL-2.0
// iu-finalize: the last step before signing an extension.
//
//  1. Computes each program's worst-case stack use from the compiled code:
//     frame sizes from clang's .stack_sizes, the call graph by disassembling
//     the text with LLVM's x86 disassembler (direct calls and tail jumps;
//     indirect calls, which go through the retpoline thunk, may reach any
//     function whose address is taken in code or stored in data). A bound above
//     IU_STACK_LIMIT, or a frame above IU_FRAME_LIMIT, is refused. Recursion
//     has no static bound: such programs are marked recursive and rely on
//     the run-time stack checks alone.
//  2. Checks that every translation unit went through the iu-guard pass
//     (one byte each in .iu.guard), and writes the bounds and flags into the
//     program descriptors of the file to sign.
//  3. Validates the result with the same core iu.ko uses (module/core) and
//     checks every helper against the shared helper table, so that what gets
//     signed is what the module accepts.
//
// usage: iu-finalize --analysis LINKED_WITH_RELOCS.so --in LINKED.so --out OUT --units N
#include <fcntl.h>
#include <gelf.h>

#include "llvm/MC/MCAsmInfo.h"
#include "llvm/MC/MCContext.h"
#include "llvm/MC/MCDisassembler/MCDisassembler.h"
#include "llvm/MC/MCInst.h"
#include "llvm/MC/MCInstrAnalysis.h"
#include "llvm/MC/MCInstrInfo.h"
#include "llvm/MC/MCRegisterInfo.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/MCTargetOptions.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include <libelf.h>
#include <unistd.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

extern "C" {
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

struct Elf64 {
	int fd = -1;
	Elf *elf = nullptr;
	explicit Elf64(const std::string &path)
	{
		fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			die("%s: %s", path.c_str(), strerror(errno));
		elf = elf_begin(fd, ELF_C_READ_MMAP, nullptr);
		if (!elf || elf_kind(elf) != ELF_K_ELF)
			die("%s: not an ELF file", path.c_str());
	}
	~Elf64()
	{
		elf_end(elf);
		close(fd);
	}
	Elf64(const Elf64 &) = delete;
	Elf64 &operator=(const Elf64 &) = delete;

	struct Sec {
		size_t idx;
		GElf_Shdr sh;
		std::string name;
		Elf_Data *data;
	};
	std::vector<Sec> sections() const
	{
		size_t shstrndx;
		if (elf_getshdrstrndx(elf, &shstrndx))
			die("no section name table");
		std::vector<Sec> out;
		for (Elf_Scn *scn = nullptr; (scn = elf_nextscn(elf, scn));) {
			Sec s;
			s.idx = elf_ndxscn(scn);
			gelf_getshdr(scn, &s.sh);
			const char *n = elf_strptr(elf, shstrndx, s.sh.sh_name);
			s.name = n ? n : "";
			s.data = elf_getdata(scn, nullptr);
			out.push_back(s);
		}
		return out;
	}
};

struct Func {
	std::string name;
	uint64_t addr, size;
	std::optional<uint64_t> frame;	// from .stack_sizes
	std::set<size_t> callees;
	bool indirect = false;		// calls through the retpoline thunk
};

// LLVM's x86 disassembler: what an instruction transfers control to.
class Disassembler {
public:
	struct Insn {
		uint64_t size = 0;
		bool call = false, jump = false, indirect = false;
		std::optional<uint64_t> target;	// branch target or rip-relative address
		bool writes_r11 = false;	// %r11 carries the callee of the thunk
		bool lea_r11 = false;		// lea target(%rip), %r11
		bool load_r11 = false;		// mov target(%rip), %r11 (a GOT slot)
	};

	Disassembler()
	{
		LLVMInitializeX86TargetInfo();
		LLVMInitializeX86TargetMC();
		LLVMInitializeX86Disassembler();
		const std::string triple = "x86_64-unknown-linux-gnu";
		std::string err;
		const llvm::Target *t = llvm::TargetRegistry::lookupTarget(triple, err);
		if (!t)
			die("no x86 target in LLVM: %s", err.c_str());
		mri_.reset(t->createMCRegInfo(triple));
		llvm::MCTargetOptions opts;
		mai_.reset(t->createMCAsmInfo(*mri_, triple, opts));
		sti_.reset(t->createMCSubtargetInfo(triple, "", ""));
		mii_.reset(t->createMCInstrInfo());
		ctx_ = std::make_unique<llvm::MCContext>(llvm::Triple(triple), mai_.get(), mri_.get(),
							 sti_.get());
		dis_.reset(t->createMCDisassembler(*sti_, *ctx_));
		mia_.reset(t->createMCInstrAnalysis(mii_.get()));
		if (!dis_ || !mia_)
			die("cannot create the x86 disassembler");
		for (unsigned r = 1; r < mri_->getNumRegs(); r++)
			if (llvm::StringRef(mri_->getName(r)) == "R11")
				r11_ = r;
		if (!r11_)
			die("no R11 in LLVM's x86 register info");
	}

	Insn decode(const uint8_t *p, uint64_t len, uint64_t pc)
	{
		Insn out;
		llvm::MCInst inst;
		uint64_t size;
		if (dis_->getInstruction(inst, size, llvm::ArrayRef<uint8_t>(p, len), pc,
					 llvm::nulls()) != llvm::MCDisassembler::Success)
			return out;
		out.size = size;
		const llvm::MCInstrDesc &desc = mii_->get(inst.getOpcode());
		out.writes_r11 = desc.hasDefOfPhysReg(inst, r11_, *mri_);
		llvm::StringRef op = mii_->getName(inst.getOpcode());
		bool to_r11 = inst.getNumOperands() && inst.getOperand(0).isReg() &&
			      inst.getOperand(0).getReg() == r11_;
		out.lea_r11 = to_r11 && op == "LEA64r";
		out.load_r11 = to_r11 && op == "MOV64rm";
		out.call = mia_->isCall(inst);
		out.jump = !out.call && mia_->isBranch(inst);
		uint64_t t;
		if ((out.call || out.jump) && mia_->evaluateBranch(inst, pc, size, t))
			out.target = t;
		else if (out.call || out.jump || mia_->isIndirectBranch(inst))
			out.indirect = !mia_->isReturn(inst);
		else if (auto m = mia_->evaluateMemoryOperandAddress(inst, sti_.get(), pc, size))
			out.target = *m;
		return out;
	}

private:
	std::unique_ptr<llvm::MCRegisterInfo> mri_;
	std::unique_ptr<llvm::MCAsmInfo> mai_;
	std::unique_ptr<llvm::MCSubtargetInfo> sti_;
	std::unique_ptr<llvm::MCInstrInfo> mii_;
	std::unique_ptr<llvm::MCContext> ctx_;
	std::unique_ptr<llvm::MCDisassembler> dis_;
	std::unique_ptr<llvm::MCInstrAnalysis> mia_;
	unsigned r11_ = 0;
};

// Worst-case stack bytes needed by one program's call tree.
class StackAnalysis {
public:
	explicit StackAnalysis(const Elf64 &a);
	uint64_t depth_of(uint64_t entry, std::string &recursion);
	const std::map<uint64_t, uint64_t> &desc_entries() const { return desc_entries_; }

private:
	std::optional<size_t> func_at(uint64_t addr) const;
	uint64_t depth(size_t f, std::vector<size_t> &path, std::string &recursion);

	std::vector<Func> funcs_;
	std::map<uint64_t, uint64_t> desc_entries_;	// descriptor address -> entry
	std::vector<int> state_;
	std::vector<uint64_t> memo_;
};

StackAnalysis::StackAnalysis(const Elf64 &a)
{
	auto secs = a.sections();
	std::set<size_t> exec_secs;
	std::set<uint64_t> desc_addrs;
	for (auto &s : secs) {
		if (s.sh.sh_flags & SHF_EXECINSTR)
			exec_secs.insert(s.idx);
		for (auto p : {"kprobe/", "kretprobe/", "tracepoint/"})
			if (s.name.rfind(p, 0) == 0)
				desc_addrs.insert(s.sh.sh_addr);
	}

	// Functions, from .symtab.
	const Elf64::Sec *symtab = nullptr;
	for (auto &s : secs)
		if (s.sh.sh_type == SHT_SYMTAB)
			symtab = &s;
	if (!symtab)
		die("the analysis link has no .symtab");
	size_t nsyms = symtab->sh.sh_size / symtab->sh.sh_entsize;
	std::vector<GElf_Sym> syms(nsyms);
	for (size_t i = 0; i < nsyms; i++) {
		gelf_getsym(symtab->data, i, &syms[i]);
		if (GELF_ST_TYPE(syms[i].st_info) == STT_FUNC && syms[i].st_shndx &&
		    exec_secs.count(syms[i].st_shndx)) {
			const char *n = elf_strptr(a.elf, symtab->sh.sh_link, syms[i].st_name);
			funcs_.push_back({n ? n : "?", syms[i].st_value, syms[i].st_size, {}, {}, {}});
		}
	}
	std::sort(funcs_.begin(), funcs_.end(),
		  [](const Func &x, const Func &y) { return x.addr < y.addr; });
	funcs_.erase(std::unique(funcs_.begin(), funcs_.end(),
				 [](const Func &x, const Func &y) { return x.addr == y.addr; }),
		     funcs_.end());

	// Frame sizes: pairs of (address, ULEB128 size).
	for (auto &s : secs) {
		if (s.name != ".stack_sizes" || !s.data)
			continue;
		auto *p = static_cast<const uint8_t *>(s.data->d_buf);
		auto *end = p + s.data->d_size;
		while (p + 8 < end) {
			uint64_t addr, size = 0;
			memcpy(&addr, p, 8);
			p += 8;
			for (int shift = 0; p < end; shift += 7) {
				size |= uint64_t(*p & 0x7f) << shift;
				if (!(*p++ & 0x80))
					break;
			}
			if (auto f = func_at(addr); f && funcs_[*f].addr == addr)
				funcs_[*f].frame = size;
		}
	}

	// Functions whose address is stored in data (not the descriptors'
	// entry pointers, which only iu.ko calls): indirect-call targets.
	std::set<size_t> address_taken;
	for (auto &s : secs) {
		if (s.sh.sh_type != SHT_RELA || !(s.sh.sh_flags & SHF_ALLOC))
			continue;
		size_t n = s.sh.sh_size / s.sh.sh_entsize;
		for (size_t i = 0; i < n; i++) {
			GElf_Rela r;
			gelf_getrela(s.data, i, &r);
			if (GELF_R_TYPE(r.r_info) != R_X86_64_RELATIVE)
				continue;
			if (desc_addrs.count(r.r_offset - 8)) {
				desc_entries_[r.r_offset - 8] = r.r_addend;
				continue;
			}
			if (auto f = func_at(r.r_addend))
				address_taken.insert(*f);
		}
	}

	// Edges, from the code itself: every instruction of every function.
	Disassembler dis;
	for (auto &s : secs) {
		if (!(s.sh.sh_flags & SHF_EXECINSTR) || !s.data)
			continue;
		auto *bytes = static_cast<const uint8_t *>(s.data->d_buf);
		for (size_t fi = 0; fi < funcs_.size(); fi++) {
			Func &f = funcs_[fi];
			if (f.addr < s.sh.sh_addr || f.addr + f.size > s.sh.sh_addr + s.sh.sh_size)
				continue;
			// Pass 1: decode, and find the branch targets inside the function.
			std::vector<std::pair<uint64_t, Disassembler::Insn>> insns;
			std::set<uint64_t> labels;
			for (uint64_t pc = f.addr; pc < f.addr + f.size;) {
				Disassembler::Insn in = dis.decode(bytes + (pc - s.sh.sh_addr),
								   f.addr + f.size - pc, pc);
				if (!in.size)
					die("cannot decode the instruction at 0x%llx in %s",
					    (unsigned long long)pc, f.name.c_str());
				if (in.indirect && f.name != "__x86_indirect_thunk_r11")
					die("%s: indirect %s at 0x%llx (code must use the retpoline thunk)",
					    f.name.c_str(), in.call ? "call" : "jump",
					    (unsigned long long)pc);
				if (in.jump && in.target)
					labels.insert(*in.target);
				insns.emplace_back(pc, in);
				pc += in.size;
			}
			// Pass 2: edges. A call through the thunk goes where %r11 was
			// set, when that is known in the same basic block: a function
			// (lea) or a helper (a GOT load); otherwise anywhere.
			enum { R11_UNKNOWN, R11_FUNC, R11_HELPER } r11 = R11_UNKNOWN;
			size_t r11_func = 0;
			for (auto &[pc, in] : insns) {
				if (labels.count(pc))
					r11 = R11_UNKNOWN;
				auto target = in.target ? func_at(*in.target) : std::nullopt;
				if ((in.call || in.jump) && target) {
					// A call or jump to another function, or to this one's
					// start (recursion), is an edge; other targets inside
					// the function are its own control flow.
					if (*target != fi || *in.target == f.addr) {
						f.callees.insert(*target);
						if (funcs_[*target].name == "__x86_indirect_thunk_r11") {
							if (r11 == R11_FUNC)
								f.callees.insert(r11_func);
							else if (r11 == R11_UNKNOWN)
								f.indirect = true;
						}
					}
				} else if (in.lea_r11 && target && *in.target == funcs_[*target].addr) {
					r11 = R11_FUNC;
					r11_func = *target;
					address_taken.insert(*target);	// it may flow on
					continue;
				} else if (in.load_r11) {
					r11 = R11_HELPER;
					continue;
				} else if (target && *in.target == funcs_[*target].addr) {
					address_taken.insert(*target);	// lea of a function elsewhere
				}
				if (in.writes_r11 || in.call)
					r11 = R11_UNKNOWN;
			}
		}
	}
	for (auto &f : funcs_)
		if (f.indirect)
			f.callees.insert(address_taken.begin(), address_taken.end());
	state_.assign(funcs_.size(), 0);
	memo_.assign(funcs_.size(), 0);
}

std::optional<size_t> StackAnalysis::func_at(uint64_t addr) const
{
	auto it = std::upper_bound(funcs_.begin(), funcs_.end(), addr,
				   [](uint64_t a, const Func &f) { return a < f.addr; });
	if (it == funcs_.begin())
		return std::nullopt;
	--it;
	if (addr >= it->addr + std::max<uint64_t>(it->size, 1))
		return std::nullopt;
	return size_t(it - funcs_.begin());
}

// Thunks and other code without a .stack_sizes entry: what they push.
static uint64_t asm_frame(const Func &f)
{
	if (f.name == "__x86_indirect_thunk_r11")
		return 8;	// its internal call
	if (f.name == "__x86_return_thunk")
		return 0;
	die("no stack size recorded for %s (compile with -fstack-size-section)", f.name.c_str());
}

uint64_t StackAnalysis::depth(size_t f, std::vector<size_t> &path, std::string &recursion)
{
	if (state_[f] == 2)
		return memo_[f];
	if (state_[f] == 1) {
		if (recursion.empty()) {
			auto it = std::find(path.begin(), path.end(), f);
			for (; it != path.end(); ++it)
				recursion += funcs_[*it].name + " -> ";
			recursion += funcs_[f].name;
		}
		return 0;
	}
	state_[f] = 1;
	path.push_back(f);
	uint64_t deepest = 0;
	for (size_t c : funcs_[f].callees)
		deepest = std::max(deepest, depth(c, path, recursion));
	path.pop_back();
	state_[f] = 2;
	// The return address of the call into f, f's frame, its deepest callee.
	const Func &fn = funcs_[f];
	uint64_t frame = fn.frame ? *fn.frame : asm_frame(fn);
	if (frame > IU_FRAME_LIMIT)
		die("function %s has a %llu-byte stack frame, more than the %u allowed (use smaller locals)",
		    fn.name.c_str(), (unsigned long long)frame, IU_FRAME_LIMIT);
	memo_[f] = 8 + frame + deepest;
	return memo_[f];
}

uint64_t StackAnalysis::depth_of(uint64_t entry, std::string &recursion)
{
	auto f = func_at(entry);
	if (!f || funcs_[*f].addr != entry)
		die("entry point 0x%llx is not the start of a function", (unsigned long long)entry);
	std::vector<size_t> path;
	return depth(*f, path, recursion);
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

// Every undefined symbol is a helper allowed for every kind in the file,
// exactly as iu.ko decides (module/core/helpers.c).
int check_helper(void *, const char *name, uint32_t kinds, uint64_t *addr, struct iu_log *log)
{
	const iu_helper_info *h;
	int err = iu_helper_check(name, kinds, &h, log);
	*addr = 0;
	return err;
}

} // namespace

int main(int argc, char **argv)
{
	std::string analysis, in, out;
	uint64_t limit = IU_STACK_LIMIT;
	long units = -1;
	bool verbose = false;

	for (int i = 1; i < argc; i++) {
		std::string a = argv[i];
		auto next = [&]() -> std::string {
			if (i + 1 >= argc)
				die("%s needs an argument", a.c_str());
			return argv[++i];
		};
		if (a == "--analysis")
			analysis = next();
		else if (a == "--in")
			in = next();
		else if (a == "--out")
			out = next();
		else if (a == "--stack-limit")
			limit = std::stoull(next());
		else if (a == "--units")
			units = std::stol(next());
		else if (a == "-v")
			verbose = true;
		else
			die("unknown argument %s", a.c_str());
	}
	if (analysis.empty() || in.empty() || out.empty() || units < 1)
		die("usage: iu-finalize --analysis A.so --in B.so --out OUT --units N [--stack-limit N] [-v]");
	if (elf_version(EV_CURRENT) == EV_NONE)
		die("libelf too old");

	Elf64 a(analysis);
	StackAnalysis sa(a);

	// Every translation unit went through the iu-guard pass.
	uint64_t guarded = 0;
	for (auto &s : a.sections())
		if (s.name == ".iu.guard")
			guarded = s.sh.sh_size;
	if (guarded != uint64_t(units))
		die("%llu of %ld translation units carry the iu-guard checks (compile with -fpass-plugin=libiu_guard.so)",
		    (unsigned long long)guarded, units);

	size_t size;
	auto buf = read_file(in, size);
	auto *bytes = reinterpret_cast<uint8_t *>(buf.data());

	// The file to sign must have the analysed layout: same allocated sections.
	{
		Elf64 b(in);
		auto sa_secs = a.sections(), sb_secs = b.sections();
		std::map<std::string, GElf_Shdr> alloc_a;
		for (auto &s : sa_secs)
			if (s.sh.sh_flags & SHF_ALLOC)
				alloc_a[s.name] = s.sh;
		for (auto &s : sb_secs) {
			if (!(s.sh.sh_flags & SHF_ALLOC))
				continue;
			auto it = alloc_a.find(s.name);
			if (it == alloc_a.end() || it->second.sh_addr != s.sh.sh_addr ||
			    it->second.sh_size != s.sh.sh_size || it->second.sh_offset != s.sh.sh_offset)
				die("the two links differ in section %s", s.name.c_str());
		}
		// Patch each descriptor in place.
		for (auto &s : sb_secs) {
			bool is_desc = false;
			for (auto p : {"kprobe/", "kretprobe/", "tracepoint/"})
				is_desc |= s.name.rfind(p, 0) == 0;
			if (!is_desc)
				continue;
			if (s.sh.sh_size != sizeof(iu_prog_desc) || s.sh.sh_offset + s.sh.sh_size > size)
				die("section %s is not a program descriptor", s.name.c_str());
			iu_prog_desc d;
			memcpy(&d, bytes + s.sh.sh_offset, sizeof(d));
			auto e = sa.desc_entries().find(s.sh.sh_addr);
			if (e == sa.desc_entries().end())
				die("%s: no entry relocation", s.name.c_str());
			std::string recursion;
			uint64_t depth = sa.depth_of(e->second, recursion);
			d.flags = IU_PROG_F_GUARDED;
			if (!recursion.empty()) {
				d.flags |= IU_PROG_F_RECURSIVE;
				d.stack_size = IU_STACK_UNBOUNDED;
			} else if (depth > limit) {
				die("program %s needs %llu bytes of stack, more than the %llu allowed",
				    d.name, (unsigned long long)depth, (unsigned long long)limit);
			} else {
				d.stack_size = depth;
			}
			memcpy(bytes + s.sh.sh_offset, &d, sizeof(d));
			if (verbose && recursion.empty())
				fprintf(stderr, "iu-finalize: %-16s %-40s stack %llu bytes\n", d.name,
					s.name.c_str(), (unsigned long long)depth);
			else if (verbose)
				fprintf(stderr, "iu-finalize: %-16s %-40s recursive (%s): run-time stack checks only\n",
					d.name, s.name.c_str(), recursion.c_str());
		}
	}

	// What iu.ko will check, checked now.
	struct iu_log log = {log_to_stderr, nullptr};
	auto *e = new iu_elf;
	int err = iu_elf_parse(e, bytes, size, &log);
	if (!err) {
		std::vector<uint8_t> image(e->image_size);
		iu_elf_load(e, image.data());
		err = iu_elf_relocate(e, image.data(), 0, check_helper, nullptr, &log);
	}
	delete e;
	if (err)
		die("refusing to produce %s", out.c_str());

	std::ofstream o(out, std::ios::binary | std::ios::trunc);
	o.write(reinterpret_cast<const char *>(bytes), size);
	if (!o)
		die("%s: cannot write", out.c_str());
	return 0;
}
