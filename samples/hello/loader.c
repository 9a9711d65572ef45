// SPDX-License-Identifier: GPL-2.0
/*
 * hello's user program: load hello.iu (or the file given), attach it to
 * syscalls/sys_enter_dup, call dup() and print what trace_pipe shows.
 *
 *   ./loader [FILE.iu] [-c CYCLES] [-t]
 *
 * -t: only call dup() three times (trigger whatever is attached) and exit.
 * -c CYCLES: instead, CYCLES times: load and attach, have every CPU call
 * dup() in a loop, and close the object while they do (unbinding under load).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <iu/libiu.h>
#include "../common/common.h"

int main(int argc, char **argv)
{
	const char *path = "hello.iu";
	struct iu_program *prog;
	struct iu_object *obj;
	struct iu_link *link;
	long cycles = 0;
	int i, err;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-c") && i + 1 < argc) {
			cycles = atol(argv[++i]);
		} else if (!strcmp(argv[i], "-t")) {
			for (i = 0; i < 3; i++)
				close(dup(STDOUT_FILENO));
			return 0;
		} else {
			path = argv[i];
		}
	}

	/* wait_for_runs reads runs, BPF's statistics: on while cycling */
	if (cycles && enable_bpf_stats())
		fprintf(stderr, "warning: cannot enable BPF run-time stats\n");
	for (i = 0; i < cycles; i++) {
		obj = open_and_attach(path, "iu_prog1", &prog, &link);
		if (!obj)
			return 1;
		start_syscall_loops(__NR_dup);
		/* Every CPU's loop is calling dup() once the program has run a few
		 * times per CPU; then close while they keep doing so. */
		err = wait_for_runs(prog, 4 * sysconf(_SC_NPROCESSORS_ONLN), 60);
		iu_link__destroy(link);
		iu_object__close(obj);	/* while every CPU is in the hook */
		stop_all();
		if (err)
			return 1;
	}
	if (cycles) {
		printf("%ld cycles of close-under-load done\n", cycles);
		return 0;
	}

	obj = open_and_attach(path, "iu_prog1", &prog, &link);
	if (!obj)
		return 1;
	for (i = 0; i < 3; i++)
		close(dup(STDOUT_FILENO));
	err = iu_trace_pipe_stream(1000, stdout, NULL);

	iu_link__destroy(link);
	iu_object__close(obj);
	return err ? 1 : 0;
}
