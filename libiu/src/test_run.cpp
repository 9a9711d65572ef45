// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
// iu_program__test_run(): IU_IOC_TEST_RUN on the object's handle.
#include "internal.hpp"

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <algorithm>
#include <sys/ioctl.h>

namespace {

// libbpf's OPTS rules: a smaller struct (an older caller) reads as zero past
// its end; a larger one must be zero past ours.
bool opts_copy_in(const iu_test_run_opts *in, iu_test_run_opts *out)
{
	*out = iu_test_run_opts{};
	if (in->sz < offsetof(iu_test_run_opts, log_buf) + sizeof(char *))
		return false;
	const auto *b = reinterpret_cast<const unsigned char *>(in);
	for (size_t i = sizeof(*out); i < in->sz; i++)
		if (b[i])
			return false;
	std::memcpy(out, in, std::min(in->sz, sizeof(*out)));
	return true;
}

} // namespace

extern "C" {

int iu_program__test_run(const iu_program *prog, iu_test_run_opts *opts)
{
	iu_test_run_opts o;
	char log[512] = "";

	if (!prog || !opts || !opts_copy_in(opts, &o))
		return -EINVAL;
	iu_test_run_attr attr{};
	attr.size = sizeof(attr);
	attr.prog_fd = prog->fd.get();
	attr.ctx = reinterpret_cast<__u64>(o.ctx);
	attr.ctx_size = o.ctx_size;
	attr.mem = reinterpret_cast<__u64>(o.mem);
	attr.mem_size = o.mem_size;
	attr.out = reinterpret_cast<__u64>(o.out);
	attr.out_size = o.out_size;
	if (o.log_buf && o.log_size) {
		attr.log_buf = reinterpret_cast<__u64>(o.log_buf);
		attr.log_size = o.log_size;
	} else {
		attr.log_buf = reinterpret_cast<__u64>(log);
		attr.log_size = sizeof(log);
	}
	if (ioctl(prog->obj->handle.get(), IU_IOC_TEST_RUN, &attr)) {
		int err = -errno;
		const char *msg = reinterpret_cast<const char *>(attr.log_buf);

		pr_warn("test run of %s: %s%s%s", prog->name.c_str(), strerror(-err),
			msg[0] ? "\n" : "", msg);
		return err;
	}
	o.retval = attr.retval;
	o.outcome = attr.outcome;
	o.out_true_size = attr.out_true_size;
	o.nr_prints = attr.nr_prints;
	o.duration_ns = attr.duration_ns;
	static_assert(sizeof(o.reason) == sizeof(attr.reason));
	std::memcpy(o.reason, attr.reason, sizeof(o.reason));
	std::memcpy(opts, &o, std::min(opts->sz, sizeof(o)));
	opts->sz = o.sz;
	return 0;
}

} // extern "C"
