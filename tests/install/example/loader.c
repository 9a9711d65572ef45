// SPDX-License-Identifier: GPL-2.0
/*
 * The user program of the out-of-tree example, built against an installed
 * libiu (its headers, <linux/iu.h>, pkg-config or the CMake package):
 *
 *   loader FILE.iu
 *
 * loads FILE.iu, attaches on_getppid, calls getppid() CALLS times, and
 * succeeds if the program's counters show those runs and the trace buffer
 * has its line for this process. Runs are the placeholder's BPF statistics,
 * counted while they are enabled: it enables them (BPF_ENABLE_STATS).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <iu/libiu.h>
#include <linux/bpf.h>
#include <linux/iu.h>

#define CALLS 5

static int trace_has(const char *want)
{
	FILE *f = fopen("/sys/kernel/tracing/trace", "r");
	char line[512];
	int found = 0;

	while (f && !found && fgets(line, sizeof(line), f))
		found = strstr(line, want) != NULL;
	if (f)
		fclose(f);
	return found;
}

/* On while the returned fd is open (until the process exits). */
static int enable_bpf_stats(void)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.enable_stats.type = BPF_STATS_RUN_TIME;
	return syscall(__NR_bpf, BPF_ENABLE_STATS, &attr, sizeof(attr));
}

int main(int argc, char **argv)
{
	struct iu_prog_stats stats;
	struct iu_program *prog;
	struct iu_object *obj;
	struct iu_link *link;
	struct timespec tick = { 0, 50 * 1000 * 1000 };
	char want[64];
	int i, err, found = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: %s FILE.iu\n", argv[0]);
		return 2;
	}
	if (enable_bpf_stats() < 0) {
		fprintf(stderr, "ERROR: BPF_ENABLE_STATS: %s\n", strerror(errno));
		return 1;
	}
	obj = iu_object__open(argv[1]);
	if (!obj) {
		fprintf(stderr, "ERROR: opening %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	prog = iu_object__find_program_by_name(obj, "on_getppid");
	link = prog ? iu_program__attach(prog) : NULL;
	if (!link) {
		fprintf(stderr, "ERROR: on_getppid: %s\n", prog ? strerror(errno) : "no such program");
		iu_object__close(obj);
		return 1;
	}
	for (i = 0; i < CALLS; i++)
		syscall(SYS_getppid);

	err = iu_program__stats(prog, &stats);
	if (err)
		fprintf(stderr, "ERROR: stats: %s\n", strerror(-err));
	else
		printf("on_getppid: runs=%llu panics=%llu terminations=%llu\n",
		       (unsigned long long)stats.runs, (unsigned long long)stats.panics,
		       (unsigned long long)stats.terminations);

	/* The line is in the buffer once getppid() returned; poll all the same. */
	snprintf(want, sizeof(want), "iu-example: getppid from pid %d", getpid());
	for (i = 0; i < 200 && !(found = trace_has(want)); i++)
		nanosleep(&tick, NULL);
	printf("%s \"%s\" in the trace\n", found ? "found" : "ERROR: no", want);

	iu_link__destroy(link);
	iu_object__close(obj);
	if (err || stats.runs < CALLS || stats.panics || stats.terminations) {
		fprintf(stderr, "ERROR: want %d runs without panics or terminations\n", CALLS);
		return 1;
	}
	return found ? 0 : 1;
}
