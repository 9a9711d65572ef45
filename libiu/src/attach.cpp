// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
// Attaching through the standard paths: a perf event (kprobe PMU or a
// tracepoint) plus a BPF_PERF_EVENT bpf_link, or PERF_EVENT_IOC_SET_BPF on
// kernels without such links. The kernel then runs the placeholder program,
// whose bpf_func is the native code.
#include "internal.hpp"

#include <bpf/bpf.h>
#include <fcntl.h>
#include <linux/perf_event.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>

namespace iu::lib {
namespace {

long perf_event_open(perf_event_attr *attr)
{
	return syscall(__NR_perf_event_open, attr, -1, 0, -1, PERF_FLAG_FD_CLOEXEC);
}

// A number from a sysfs/tracefs file ("6\n", or "config:0" for a bit).
bool read_number(const std::string &path, long &out, const char *prefix = nullptr)
{
	std::ifstream f(path);
	std::string s;
	if (!(f >> s))
		return false;
	if (prefix) {
		if (s.rfind(prefix, 0) != 0)
			return false;
		s = s.substr(strlen(prefix));
	}
	try {
		out = std::stol(s);
	} catch (...) {
		return false;
	}
	return true;
}

std::string tracefs()
{
	for (const char *p : {"/sys/kernel/tracing", "/sys/kernel/debug/tracing"}) {
		std::string events = std::string(p) + "/events";
		if (access(events.c_str(), F_OK) == 0)
			return p;
	}
	return "/sys/kernel/tracing";
}

// The size of an event's record as the kernel checks it at attach time (the
// end of the last field of its format), or 0 if the format cannot be read.
unsigned long record_size(const std::string &format)
{
	std::ifstream f(format);
	std::string line;
	unsigned long end = 0, off, size;
	while (std::getline(f, line)) {
		auto at = line.find("\toffset:");
		if (line.rfind("\tfield:", 0) == 0 && at != std::string::npos &&
		    sscanf(line.c_str() + at, "\toffset:%lu;\tsize:%lu;", &off, &size) == 2)
			end = off + size;
	}
	return end;
}

iu_link *attach_perf_event(const iu_program *prog, perf_event_attr &attr, const char *what,
			   const std::string &format = "")
{
	// One event (pid -1, cpu 0), as libbpf opens them: the BPF program hangs
	// off the trace event itself, so it runs on every CPU.
	int pfd = perf_event_open(&attr);
	if (pfd < 0) {
		int err = -errno;
		pr_warn("program %s: perf_event_open for %s failed: %s\n", prog->name.c_str(), what,
			strerror(-err));
		errno = -err;
		return nullptr;
	}
	auto link = std::make_unique<iu_link>();
	link->perf_fd = Fd(pfd);

	int lfd = bpf_link_create(prog->fd.get(), pfd, BPF_PERF_EVENT, nullptr);
	if (lfd >= 0) {
		link->link_fd = Fd(lfd);
	} else if (ioctl(pfd, PERF_EVENT_IOC_SET_BPF, prog->fd.get()) < 0) {
		int err = -errno;
		if (err == -EACCES && !format.empty())
			pr_warn("program %s: the kernel refused to attach it to %s (%s): the program reads %u bytes of its record, the event's record has %lu\n",
				prog->name.c_str(), what, strerror(-err), prog->ctx_size,
				record_size(format));
		else
			pr_warn("program %s: attaching to %s failed: %s\n", prog->name.c_str(),
				what, strerror(-err));
		errno = -err;
		return nullptr;
	}
	if (ioctl(pfd, PERF_EVENT_IOC_ENABLE, 0) < 0) {
		int err = -errno;
		pr_warn("program %s: enabling %s failed: %s\n", prog->name.c_str(), what,
			strerror(-err));
		errno = -err;
		return nullptr;
	}
	return link.release();
}

// A kprobe (or kretprobe) on @func + @offset through the kprobe PMU.
iu_link *attach_kprobe(const iu_program *prog, bool retprobe, const char *func, __u64 offset)
{
	if (!prog || !func || prog->kind == IU_PROG_TRACEPOINT) {
		errno = EINVAL;
		return nullptr;
	}
	long type, bit = 0;
	if (!read_number("/sys/bus/event_source/devices/kprobe/type", type)) {
		pr_warn("no kprobe PMU (/sys/bus/event_source/devices/kprobe)\n");
		errno = EOPNOTSUPP;
		return nullptr;
	}
	if (retprobe &&
	    !read_number("/sys/bus/event_source/devices/kprobe/format/retprobe", bit, "config:")) {
		errno = EOPNOTSUPP;
		return nullptr;
	}
	perf_event_attr attr{};
	attr.size = sizeof(attr);
	attr.type = type;
	attr.config = retprobe ? 1ULL << bit : 0;
	attr.config1 = reinterpret_cast<__u64>(func);	// kprobe_func
	attr.config2 = offset;				// probe_offset
	attr.disabled = 1;
	std::string what = std::string(retprobe ? "kretprobe " : "kprobe ") + func;
	if (offset) {
		char off[24];
		snprintf(off, sizeof(off), "+0x%llx", (unsigned long long)offset);
		what += off;
	}
	iu_link *link = attach_perf_event(prog, attr, what.c_str());
	if (!link && errno == EILSEQ)
		pr_warn("program %s: %s is not at an instruction boundary of %s\n",
			prog->name.c_str(), what.c_str(), func);
	return link;
}

} // namespace
} // namespace iu::lib

using namespace iu::lib;

extern "C" {

iu_link *iu_program__attach_kprobe(const iu_program *prog, bool retprobe, const char *func)
{
	return attach_kprobe(prog, retprobe, func, 0);
}

iu_link *iu_program__attach_tracepoint(const iu_program *prog, const char *category,
				       const char *name)
{
	return iu_program__attach_tracepoint_opts(prog, category, name, nullptr);
}

iu_link *iu_program__attach_tracepoint_opts(const iu_program *prog, const char *category,
					    const char *name, const iu_tracepoint_opts *opts)
{
	if (!prog || !category || !name || prog->kind != IU_PROG_TRACEPOINT ||
	    (opts && opts->sz < offsetof(iu_tracepoint_opts, other_event) + sizeof(bool))) {
		errno = EINVAL;
		return nullptr;
	}
	std::string event = std::string(category) + "/" + name;
	std::string own = prog->target + "/" + prog->tp_name;
	if (event != own && !(opts && opts->other_event)) {
		pr_warn("program %s reads the record of tracepoint %s, not %s (attach it there with iu_program__attach_tracepoint_opts() and .other_event if you mean it)\n",
			prog->name.c_str(), own.c_str(), event.c_str());
		errno = EINVAL;
		return nullptr;
	}
	std::string path = tracefs() + "/events/" + category + "/" + name + "/id";
	long id;
	if (!read_number(path, id)) {
		pr_warn("program %s: no tracepoint %s/%s (%s)\n", prog->name.c_str(), category,
			name, path.c_str());
		errno = ENOENT;
		return nullptr;
	}
	perf_event_attr attr{};
	attr.size = sizeof(attr);
	attr.type = PERF_TYPE_TRACEPOINT;
	attr.config = id;
	attr.sample_period = 1;
	attr.wakeup_events = 1;
	attr.disabled = 1;
	std::string what = "tracepoint " + event;
	return attach_perf_event(prog, attr, what.c_str(),
				 tracefs() + "/events/" + event + "/format");
}

iu_link *iu_program__attach(const iu_program *prog)
{
	if (!prog) {
		errno = EINVAL;
		return nullptr;
	}
	switch (prog->kind) {
	case IU_PROG_KPROBE:
		return attach_kprobe(prog, false, prog->target.c_str(), prog->offset);
	case IU_PROG_KRETPROBE:
		return attach_kprobe(prog, true, prog->target.c_str(), 0);
	case IU_PROG_TRACEPOINT:
		return iu_program__attach_tracepoint(prog, prog->target.c_str(), prog->tp_name.c_str());
	default:
		break;
	}
	errno = EINVAL;
	return nullptr;
}

int iu_link__pin(iu_link *link, const char *path)
{
	if (!link || !path)
		return -EINVAL;
	if (!link->link_fd)
		return -EOPNOTSUPP;	// attached with PERF_EVENT_IOC_SET_BPF: nothing to pin
	return bpf_obj_pin(link->link_fd.get(), path) ? -errno : 0;
}

int iu_link__destroy(iu_link *link)
{
	if (!link)
		return 0;
	if (link->perf_fd && !link->link_fd)
		ioctl(link->perf_fd.get(), PERF_EVENT_IOC_DISABLE, 0);
	delete link;
	return 0;
}

} // extern "C"
