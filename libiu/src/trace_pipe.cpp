// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
// Streaming trace_pipe for loaders, as samples/bpf's read_trace_pipe() does,
// but bounded in time.
#include "internal.hpp"

#include <fcntl.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

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
	while (!(stop && *stop)) {
		int timeout = 100;
		if (end >= 0) {
			long long left = end - now_ms();
			if (left <= 0)
				break;
			timeout = left < timeout ? int(left) : timeout;
		}
		pollfd p = {fd.get(), POLLIN, 0};
		int n = poll(&p, 1, timeout);
		if (n < 0 && errno != EINTR)
			return -errno;
		if (n <= 0)
			continue;
		ssize_t r = read(fd.get(), buf, sizeof(buf));
		if (r > 0) {
			fwrite(buf, 1, r, out);
			fflush(out);
		} else if (r < 0 && errno != EAGAIN && errno != EINTR) {
			return -errno;
		}
	}
	return 0;
}
