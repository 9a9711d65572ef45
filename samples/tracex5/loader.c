// SPDX-License-Identifier: GPL-2.0
/*
 * tracex5's user program, as the kernel's samples/bpf/tracex5_user.c: load
 * tracex5.iu (or the file given), attach bpf_prog1 to __seccomp_filter,
 * install an allow-all seccomp filter, run dd and stream trace_pipe.
 *
 * There is no program array to fill: the per-syscall handlers are plain
 * function calls inside the extension.
 *
 *   ./loader [FILE.iu] [-d SECONDS]     (default 2 seconds; -1: until Ctrl-C)
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>

#include <iu/libiu.h>

#define ARRAY_SIZE(x) (sizeof(x) / sizeof((x)[0]))

static volatile bool stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = true;
}

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

int main(int argc, char **argv)
{
	const char *path = "tracex5.iu";
	struct iu_program *prog;
	struct iu_object *obj;
	struct iu_link *link;
	int i, seconds = 2, err;
	FILE *f;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-d") && i + 1 < argc)
			seconds = atoi(argv[++i]);
		else
			path = argv[i];
	}

	/* assignment: begin open-attach (make assignment removes this part) */
	obj = iu_object__open(path);
	if (!obj) {
		fprintf(stderr, "ERROR: loading %s failed: %s\n", path, strerror(errno));
		return 1;
	}
	prog = iu_object__find_program_by_name(obj, "bpf_prog1");
	if (!prog) {
		fprintf(stderr, "ERROR: finding a prog in obj file failed\n");
		iu_object__close(obj);
		return 1;
	}
	link = iu_program__attach(prog);
	if (!link) {
		fprintf(stderr, "ERROR: attaching bpf_prog1 failed: %s\n", strerror(errno));
		iu_object__close(obj);
		return 1;
	}
	/* assignment: end */

	install_accept_all_seccomp();

	/* The workload, as the original, then the trace it caused (streamed for
	 * SECONDS more); dd's own output (its record counts) is kept apart and
	 * shown after the trace. */
	f = popen("dd if=/dev/zero of=/dev/null count=5 2>&1", "r");
	char dd_out[1024] = "";
	size_t dd_len = f ? fread(dd_out, 1, sizeof(dd_out) - 1, f) : 0;

	dd_out[dd_len] = 0;
	if (f)
		pclose(f);

	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	err = iu_trace_pipe_stream(seconds < 0 ? -1 : seconds * 1000, stdout, &stop);
	for (char *line = strtok(dd_out, "\n"); line; line = strtok(NULL, "\n"))
		fprintf(stderr, "workload (dd): %s\n", line);

	iu_link__destroy(link);
	iu_object__close(obj);
	return err ? 1 : 0;
}
