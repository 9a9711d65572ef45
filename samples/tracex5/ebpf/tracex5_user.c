// SPDX-License-Identifier: GPL-2.0
/*
 * The eBPF reference: samples/bpf/tracex5_user.c of Linux 6.1 with libbpf,
 * reading trace_pipe for a bounded time (-d SECONDS, default 2) instead of
 * forever, so that tests can compare its output with the iu port's.
 */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#define ARRAY_SIZE(x) (sizeof(x) / sizeof((x)[0]))

static void install_accept_all_seccomp(void)
{
	struct sock_filter filter[] = {
		BPF_STMT(BPF_RET+BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {
		.len = (unsigned short)ARRAY_SIZE(filter),
		.filter = filter,
	};
	if (prctl(PR_SET_SECCOMP, 2, &prog))
		perror("prctl");
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void read_trace_pipe(int seconds)
{
	long long end = now_ms() + seconds * 1000LL;
	char buf[4096];
	int fd = open("/sys/kernel/tracing/trace_pipe", O_RDONLY | O_NONBLOCK);

	if (fd < 0)
		fd = open("/sys/kernel/debug/tracing/trace_pipe", O_RDONLY | O_NONBLOCK);
	if (fd < 0) {
		perror("trace_pipe");
		return;
	}
	/* What is already in the buffer is always read, however late. */
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t n;

		if (poll(&p, 1, 100) <= 0) {
			if (seconds >= 0 && now_ms() >= end)
				break;
			continue;
		}
		n = read(fd, buf, sizeof(buf));
		if (n > 0) {
			fwrite(buf, 1, n, stdout);
			fflush(stdout);
		}
	}
	close(fd);
}

int main(int ac, char **argv)
{
	struct bpf_link *link = NULL;
	struct bpf_program *prog;
	struct bpf_object *obj;
	int key, fd, progs_fd, seconds = 2;
	const char *section;
	char filename[256];
	FILE *f;

	if (ac > 2 && !strcmp(argv[1], "-d"))
		seconds = atoi(argv[2]);

	snprintf(filename, sizeof(filename), "%s_kern.o", argv[0]);
	obj = bpf_object__open_file(filename, NULL);
	if (libbpf_get_error(obj)) {
		fprintf(stderr, "ERROR: opening BPF object file failed\n");
		return 1;
	}

	prog = bpf_object__find_program_by_name(obj, "bpf_prog1");
	if (!prog) {
		printf("finding a prog in obj file failed\n");
		goto cleanup;
	}

	/* load BPF program */
	if (bpf_object__load(obj)) {
		fprintf(stderr, "ERROR: loading BPF object file failed\n");
		goto cleanup;
	}

	link = bpf_program__attach(prog);
	if (libbpf_get_error(link)) {
		fprintf(stderr, "ERROR: bpf_program__attach failed\n");
		link = NULL;
		goto cleanup;
	}

	progs_fd = bpf_object__find_map_fd_by_name(obj, "progs");
	if (progs_fd < 0) {
		fprintf(stderr, "ERROR: finding a map in obj file failed\n");
		goto cleanup;
	}

	bpf_object__for_each_program(prog, obj) {
		section = bpf_program__section_name(prog);
		/* register only syscalls to PROG_ARRAY */
		if (sscanf(section, "kprobe/%d", &key) != 1)
			continue;

		fd = bpf_program__fd(prog);
		bpf_map_update_elem(progs_fd, &key, &fd, BPF_ANY);
	}

	install_accept_all_seccomp();

	/* The workload, then the trace it caused; dd's own output (its record
	 * counts) is kept apart and shown after the trace, as iu's loader does. */
	f = popen("dd if=/dev/zero of=/dev/null count=5 2>&1", "r");
	char dd_out[1024] = "";
	size_t dd_len = f ? fread(dd_out, 1, sizeof(dd_out) - 1, f) : 0;

	dd_out[dd_len] = 0;
	if (f)
		pclose(f);

	read_trace_pipe(seconds);
	for (char *line = strtok(dd_out, "\n"); line; line = strtok(NULL, "\n"))
		fprintf(stderr, "workload (dd): %s\n", line);

cleanup:
	bpf_link__destroy(link);
	bpf_object__close(obj);
	return 0;
}
