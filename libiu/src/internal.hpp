// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
// libiu internals: the C API's opaque structs and shared helpers.
#pragma once

#include <iu/libiu.h>
#include <linux/iu.h>

extern "C" {
#include "core/elf.h"	// the file's shape, as iu.ko reads it
}

#include <string>
#include <utility>
#include <vector>

namespace iu::lib {

// A file descriptor that closes itself.
class Fd {
public:
	Fd() = default;
	explicit Fd(int fd) : fd_(fd) {}
	Fd(Fd &&o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
	Fd &operator=(Fd &&o) noexcept;
	Fd(const Fd &) = delete;
	Fd &operator=(const Fd &) = delete;
	~Fd();
	int get() const { return fd_; }
	explicit operator bool() const { return fd_ >= 0; }

private:
	int fd_ = -1;
};

__attribute__((format(printf, 2, 3))) void pr(iu_print_level level, const char *fmt, ...);
#define pr_warn(fmt, ...) ::iu::lib::pr(IU_WARN, "libiu: " fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...) ::iu::lib::pr(IU_INFO, "libiu: " fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...) ::iu::lib::pr(IU_DEBUG, "libiu: " fmt, ##__VA_ARGS__)

} // namespace iu::lib

struct iu_program {
	iu_object *obj;
	__u32 index;		// in file order
	std::string name;
	std::string sec_name;
	iu_prog_kind kind;
	std::string target;	// kprobes: the symbol; tracepoints: the category
	std::string tp_name;	// tracepoints: the name
	__u32 offset = 0;	// kprobes: the "+offset" of the section name
	__u32 ctx_size = 0;	// bytes of its context the code reads (descriptor)
	iu::lib::Fd fd;		// the placeholder BPF program
};

struct iu_object {
	std::string path;
	std::string name;
	std::vector<iu_program> progs;
	iu::lib::Fd handle;	// from IU_IOC_LOAD: programs bound while open
	__u32 id = 0;
};

struct iu_link {
	iu::lib::Fd perf_fd;
	iu::lib::Fd link_fd;	// a bpf_link when the kernel has BPF_PERF_EVENT links
};
