// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
// Opening an extension: read its programs with the core iu.ko validates files
// with (module/core: iu_sig_split, iu_elf_parse), load a placeholder BPF
// program for each (libbpf), and have iu.ko verify and bind (/dev/iu).
#include "internal.hpp"

#include <bpf/bpf.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <algorithm>
#include <cstring>
#include <iterator>
#include <memory>

namespace iu::lib {

Fd &Fd::operator=(Fd &&o) noexcept
{
	if (this != &o) {
		if (fd_ >= 0)
			close(fd_);
		fd_ = std::exchange(o.fd_, -1);
	}
	return *this;
}

Fd::~Fd()
{
	if (fd_ >= 0)
		close(fd_);
}

namespace {

int default_print(iu_print_level level, const char *fmt, va_list ap)
{
	if (level == IU_DEBUG)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

iu_print_fn_t print_fn = default_print;

// The core's messages, as libiu warnings about the file.
struct FileLog {
	iu_print_level level;
	const std::string *path;
	static void vprintf(void *ctx, const char *fmt, va_list ap)
	{
		auto *l = static_cast<FileLog *>(ctx);
		char line[512];
		vsnprintf(line, sizeof(line), fmt, ap);
		pr(l->level, "libiu: %s: %s\n", l->path->c_str(), line);
	}
};

// The whole file, 8-byte aligned as the core wants it.
int read_all(int fd, const std::string &path, std::vector<uint64_t> &buf, size_t &size)
{
	struct stat st;
	if (fstat(fd, &st))
		return -errno;
	// As iu.ko: the largest file plus room for the signature.
	if (!S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    uint64_t(st.st_size) > IU_MAX_FILE_SIZE + (1 << 20)) {
		pr_warn("%s: not a regular file of 1 to %llu bytes\n", path.c_str(),
			(unsigned long long)IU_MAX_FILE_SIZE + (1 << 20));
		return -EINVAL;
	}
	size = st.st_size;
	buf.assign((size + 7) / 8, 0);
	for (size_t done = 0; done < size;) {
		ssize_t n = pread(fd, reinterpret_cast<char *>(buf.data()) + done, size - done, done);
		if (n <= 0) {
			int err = n < 0 ? -errno : -EIO;
			pr_warn("%s: read failed: %s\n", path.c_str(), strerror(-err));
			return err;
		}
		done += n;
	}
	return 0;
}

// The programs, in file order (the order IU_IOC_LOAD expects), as iu.ko
// will see them. The signature is iu.ko's to judge: a file whose trailer is
// missing or malformed is read whole, and the module refuses it with its
// own message.
int parse_programs(iu_object &obj, int fd)
{
	std::vector<uint64_t> buf;
	size_t size = 0;
	int err = read_all(fd, obj.path, buf, size);
	if (err)
		return err;
	const void *data = buf.data(), *sig;
	u64 content_size, sig_size;
	FileLog quiet{IU_DEBUG, &obj.path}, loud{IU_WARN, &obj.path};
	iu_log qlog{FileLog::vprintf, &quiet}, log{FileLog::vprintf, &loud};
	if (iu_sig_split(data, size, &content_size, &sig, &sig_size, &qlog))
		content_size = size;
	auto e = std::make_unique<iu_elf>();
	err = iu_elf_parse(e.get(), data, content_size, &log);
	if (err)
		return err;
	for (u32 i = 0; i < e->nr_progs; i++) {
		const iu_prog_info &pi = e->progs[i];
		iu_program p;
		p.obj = &obj;
		p.index = i;
		p.name = pi.name;
		p.sec_name = pi.sec_name;
		p.kind = pi.kind;
		p.target.assign(pi.target, pi.target_len);
		if (pi.kind == IU_PROG_TRACEPOINT)
			p.tp_name = pi.target + pi.target_len + 1;
		p.offset = pi.offset;
		p.ctx_size = pi.ctx_size;
		obj.progs.push_back(std::move(p));
	}
	return 0;
}

// The program the native code is bound to: "r0 = 0; exit", GPL. A
// tracepoint placeholder first reads the last byte of the record the program
// declares (ctx_size), so that the verifier records that size as the
// program's max_ctx_offset: the kernel then refuses to attach it to events
// whose record is smaller (docs/abi.md, 1.4.1; iu.ko checks it is so).
int load_placeholder(iu_program &p)
{
	const struct bpf_insn read_last = {
		0x71 /* BPF_LDX | BPF_MEM | BPF_B */, 0 /* r0 */, 1 /* r1: ctx */,
		static_cast<__s16>(p.ctx_size - 1), 0};
	const struct bpf_insn ret0[] = {
		{0xb7 /* BPF_ALU64 | BPF_MOV | BPF_K */, 0 /* r0 */, 0, 0, 0},
		{0x95 /* BPF_JMP | BPF_EXIT */, 0, 0, 0, 0},
	};
	std::vector<bpf_insn> insns;
	// The first 8 bytes are hidden from BPF programs (and never a field).
	bool reads = p.kind == IU_PROG_TRACEPOINT && p.ctx_size > 8;
	if (reads && p.ctx_size > 0x8000) {
		pr_warn("program %s: record size %u is too large\n", p.name.c_str(), p.ctx_size);
		return -E2BIG;
	}
	if (reads)
		insns.push_back(read_last);
	insns.insert(insns.end(), std::begin(ret0), std::end(ret0));
	auto type = p.kind == IU_PROG_TRACEPOINT ? BPF_PROG_TYPE_TRACEPOINT : BPF_PROG_TYPE_KPROBE;
	int fd = bpf_prog_load(type, p.name.c_str(), "GPL", insns.data(), insns.size(), nullptr);
	if (fd < 0) {
		int err = -errno;
		pr_warn("program %s: cannot load its placeholder BPF program: %s\n", p.name.c_str(),
			strerror(-err));
		return err;
	}
	p.fd = Fd(fd);
	return 0;
}

void print_kernel_log(const std::vector<char> &log, iu_print_level level)
{
	const char *p = log.data();
	while (*p) {
		const char *nl = strchr(p, '\n');
		int len = nl ? int(nl - p) : int(strlen(p));
		pr(level, "iu.ko: %.*s\n", len, p);
		p += len + (nl ? 1 : 0);
	}
}

int bind(iu_object &obj, int elf_fd, const iu_object_open_opts *opts)
{
	Fd dev(open(IU_DEVICE_PATH, O_RDWR | O_CLOEXEC));
	if (!dev) {
		int err = -errno;
		pr_warn("cannot open %s: %s%s\n", IU_DEVICE_PATH, strerror(-err),
			err == -ENOENT ? " (is iu.ko loaded? insmod module/iu.ko)" : "");
		return err;
	}
	std::vector<__u32> fds;
	for (auto &p : obj.progs)
		fds.push_back(p.fd.get());
	std::vector<char> log(64 * 1024, 0);
	iu_load_attr attr{};
	attr.size = sizeof(attr);
	attr.flags = opts && opts->pin ? IU_LOAD_PIN : 0;
	attr.elf_fd = elf_fd;
	attr.prog_fds = reinterpret_cast<__u64>(fds.data());
	attr.nr_progs = fds.size();
	attr.log_buf = reinterpret_cast<__u64>(log.data());
	attr.log_size = log.size();
	attr.log_level = opts ? opts->log_level : 0;
	int fd = ioctl(dev.get(), IU_IOC_LOAD, &attr);
	if (fd < 0) {
		int err = -errno;
		pr_warn("%s: iu.ko refused the file: %s\n", obj.path.c_str(), strerror(-err));
		print_kernel_log(log, IU_WARN);
		return err;
	}
	print_kernel_log(log, IU_INFO);
	obj.handle = Fd(fd);
	obj.id = attr.id;
	return 0;
}

} // namespace

void pr(iu_print_level level, const char *fmt, ...)
{
	if (!print_fn)
		return;
	va_list ap;
	va_start(ap, fmt);
	print_fn(level, fmt, ap);
	va_end(ap);
}

} // namespace iu::lib

using namespace iu::lib;

extern "C" {

iu_print_fn_t iu_set_print(iu_print_fn_t fn)
{
	return std::exchange(print_fn, fn);
}

iu_object *iu_object__open_file(const char *path, const iu_object_open_opts *opts)
{
	if (!path || (opts && opts->sz < offsetof(iu_object_open_opts, log_level) + sizeof(__u32))) {
		errno = EINVAL;
		return nullptr;
	}
	auto obj = std::make_unique<iu_object>();
	obj->path = path;
	const char *slash = strrchr(path, '/');
	obj->name = slash ? slash + 1 : path;

	Fd fd(open(path, O_RDONLY | O_CLOEXEC));
	if (!fd) {
		int err = errno;
		pr_warn("cannot open %s: %s\n", path, strerror(err));
		errno = err;
		return nullptr;
	}
	int err = parse_programs(*obj, fd.get());
	for (size_t i = 0; !err && i < obj->progs.size(); i++)
		err = load_placeholder(obj->progs[i]);
	if (!err)
		err = bind(*obj, fd.get(), opts);
	if (err) {
		errno = -err;
		return nullptr;
	}
	// Programs point back at their object: fix up after the vector settled.
	for (auto &p : obj->progs)
		p.obj = obj.get();
	return obj.release();
}

iu_object *iu_object__open(const char *path)
{
	return iu_object__open_file(path, nullptr);
}

void iu_object__close(iu_object *obj)
{
	delete obj;
}

const char *iu_object__name(const iu_object *obj)
{
	return obj ? obj->name.c_str() : nullptr;
}

__u32 iu_object__id(const iu_object *obj)
{
	return obj ? obj->id : 0;
}

iu_program *iu_object__find_program_by_name(const iu_object *obj, const char *name)
{
	if (obj && name) {
		for (auto &p : obj->progs)
			if (p.name == name)
				return const_cast<iu_program *>(&p);
	}
	errno = ENOENT;
	return nullptr;
}

iu_program *iu_object__next_program(const iu_object *obj, const iu_program *prev)
{
	if (!obj || obj->progs.empty())
		return nullptr;
	if (!prev)
		return const_cast<iu_program *>(&obj->progs.front());
	size_t i = prev - obj->progs.data();
	return i + 1 < obj->progs.size() ? const_cast<iu_program *>(&obj->progs[i + 1]) : nullptr;
}

int iu_object__find_map_fd_by_name(const iu_object *, const char *)
{
	return -ENOENT;
}

const char *iu_program__name(const iu_program *prog)
{
	return prog ? prog->name.c_str() : nullptr;
}

const char *iu_program__section_name(const iu_program *prog)
{
	return prog ? prog->sec_name.c_str() : nullptr;
}

int iu_program__stats(const iu_program *prog, iu_prog_stats *stats)
{
	if (!prog || !stats)
		return -EINVAL;
	*stats = iu_prog_stats{};
	stats->size = sizeof(*stats);
	stats->index = prog->index;
	return ioctl(prog->obj->handle.get(), IU_IOC_PROG_STATS, stats) ? -errno : 0;
}

__u32 iu_program__ctx_size(const iu_program *prog)
{
	return prog ? prog->ctx_size : 0;
}

int iu_program__fd(const iu_program *prog)
{
	return prog ? prog->fd.get() : -EINVAL;
}

} // extern "C"
