// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include "common.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <linux/iu.h>

#define MAX_CHILDREN 256

static pid_t children[MAX_CHILDREN];
static int nr_children;

struct iu_object *open_and_attach(const char *path, const char *name,
				  struct iu_program **prog, struct iu_link **link)
{
	struct iu_object *obj = iu_object__open(path);

	if (!obj) {
		fprintf(stderr, "ERROR: loading %s failed: %s\n", path, strerror(errno));
		return NULL;
	}
	*prog = iu_object__find_program_by_name(obj, name);
	if (!*prog) {
		fprintf(stderr, "ERROR: no program %s in %s\n", name, path);
		iu_object__close(obj);
		return NULL;
	}
	*link = iu_program__attach(*prog);
	if (!*link) {
		fprintf(stderr, "ERROR: attaching %s failed: %s\n", name, strerror(errno));
		iu_object__close(obj);
		return NULL;
	}
	return obj;
}

bool trace_has(const char *want)
{
	FILE *f = fopen("/sys/kernel/tracing/trace", "r");
	char line[512];
	bool found = false;

	while (f && fgets(line, sizeof(line), f))
		if (strstr(line, want)) {
			fputs(line, stdout);
			found = true;
		}
	if (f)
		fclose(f);
	if (!found)
		fprintf(stderr, "ERROR: no \"%s\" in the trace\n", want);
	return found;
}

static void pin_to(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

/* Fork one child per online CPU running @fn(@arg) pinned there. */
static int spawn_per_cpu(void (*fn)(long, long), long a, long b)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	for (int cpu = 0; cpu < cpus && nr_children < MAX_CHILDREN; cpu++) {
		pid_t pid = fork();

		if (pid < 0)
			return -errno;
		if (pid == 0) {
			pin_to(cpu);
			fn(a, b);
			_exit(0);
		}
		children[nr_children++] = pid;
	}
	return 0;
}

static void call_n(long nr, long count)
{
	for (long i = 0; count < 0 || i < count; i++)
		syscall(nr);
}

static void spin(long a, long b)
{
	(void)a;
	(void)b;
	for (volatile unsigned long x = 0;; x++)
		;
}

static void wait_all(void)
{
	while (nr_children)
		waitpid(children[--nr_children], NULL, 0);
}

int trigger_syscall(long nr, long count)
{
	int err = spawn_per_cpu(call_n, nr, count);

	wait_all();
	return err;
}

int start_syscall_loops(long nr)
{
	return spawn_per_cpu(call_n, nr, -1);
}

int start_busy_loops(void)
{
	return spawn_per_cpu(spin, 0, 0);
}

void stop_all(void)
{
	for (int i = 0; i < nr_children; i++)
		kill(children[i], SIGKILL);
	wait_all();
}

int wait_for_runs(const struct iu_program *prog, unsigned long long min, int timeout_s)
{
	struct timespec start, now;
	struct iu_prog_stats st;
	int err;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		err = iu_program__stats(prog, &st);
		if (err)
			return err;
		if (st.runs >= min)
			return 0;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - start.tv_sec >= timeout_s) {
			fprintf(stderr, "ERROR: %s ran %llu times in %d s, expected %llu\n",
				iu_program__name(prog), (unsigned long long)st.runs, timeout_s, min);
			return -ETIMEDOUT;
		}
		usleep(10 * 1000);
	}
}

int enable_bpf_stats(void)
{
	/* Stays on while the fd is open, i.e. until this process exits. */
	int fd = bpf_enable_stats(BPF_STATS_RUN_TIME);

	return fd < 0 ? -errno : 0;
}

int print_stats(const struct iu_program *prog)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);
	struct iu_prog_stats st;
	int err = iu_program__stats(prog, &st);

	if (err) {
		fprintf(stderr, "stats of %s: %s\n", iu_program__name(prog), strerror(-err));
		return err;
	}
	if (bpf_obj_get_info_by_fd(iu_program__fd(prog), &info, &len))
		return -errno;
	printf("%s: runs=%llu terminations=%llu panics=%llu missed=%llu max_term_us=%llu "
	       "bpf_run_cnt=%llu bpf_avg_us=%llu\n",
	       iu_program__name(prog), (unsigned long long)st.runs,
	       (unsigned long long)st.terminations, (unsigned long long)st.panics,
	       (unsigned long long)st.missed, (unsigned long long)st.max_term_ns / 1000,
	       (unsigned long long)info.run_cnt,
	       info.run_cnt ? (unsigned long long)(info.run_time_ns / info.run_cnt / 1000) : 0ULL);
	fflush(stdout);
	return 0;
}
