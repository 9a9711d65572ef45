// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
// Streaming trace_pipe for loaders, as samples/bpf's read_trace_pipe() does,
// but bounded in time, and line by line without the empty lines that a
// format ending in "\n" leaves behind (bpf_trace_printk adds its own).
#include "internal.hpp"

#include <fcntl.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

namespace {

long long now_ms()
{
	timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

} // namespace

using namespace iu::lib;

extern "C" int iu_trace_pipe_stream(int duration_ms, FILE *out, volatile bool *stop)
{
	Fd fd;
	for (const char *p : {"/sys/kernel/tracing/trace_pipe", "/sys/kernel/debug/tracing/trace_pipe"}) {
		fd = Fd(open(p, O_RDONLY | O_NONBLOCK | O_CLOEXEC));
		if (fd)
			break;
	}
	if (!fd) {
		int err = -errno;
		pr_warn("cannot open trace_pipe (is tracefs mounted?): %s\n", strerror(-err));
		return err;
	}
	long long end = duration_ms < 0 ? -1 : now_ms() + duration_ms;
	char buf[4096];
	std::string pending;	// a line not complete yet
	auto emit = [&](bool all) {
		size_t start = 0, nl;
		while ((nl = pending.find('\n', start)) != std::string::npos) {
			if (nl > start)
				fwrite(pending.data() + start, 1, nl - start + 1, out);
			start = nl + 1;
		}
		pending.erase(0, start);
		if (all && !pending.empty()) {
			fputs(pending.c_str(), out);
			fputc('\n', out);
			pending.clear();
		}
		fflush(out);
	};
	// What was already in the buffer at the deadline is still read, however
	// late this process got to run: past the deadline, reading goes on while
	// data is there, for at most a bounded number of reads (a busy hook
	// could otherwise keep it going forever).
	int late_reads = 0;
	while (!(stop && *stop)) {
		int timeout = 100;
		if (end >= 0) {
			long long left = end - now_ms();
			timeout = left <= 0 ? 0 : left < timeout ? int(left) : timeout;
			if (left <= 0 && late_reads++ == 256)
				break;
		}
		pollfd p = {fd.get(), POLLIN, 0};
		int n = poll(&p, 1, timeout);
		if (n < 0 && errno != EINTR) {
			int err = -errno;
			emit(true);
			return err;
		}
		if (n <= 0) {
			if (end >= 0 && now_ms() >= end)
				break;
			continue;
		}
		ssize_t r = read(fd.get(), buf, sizeof(buf));
		if (r > 0) {
			pending.append(buf, r);
			emit(false);
		} else if (r < 0 && errno != EAGAIN && errno != EINTR) {
			int err = -errno;
			emit(true);
			return err;
		}
	}
	emit(true);
	return 0;
}
