// SPDX-License-Identifier: GPL-2.0
/*
 * runaway's user program: attach one of runaway.iu's never-ending programs,
 * trigger it and report how iu.ko ended each invocation.
 *
 *   ./loader [FILE.iu] -p tick|sys|tp|spin [-n COUNT] [-d SECONDS] [-c CYCLES]
 *
 *   tick       keep every CPU busy for SECONDS (default 2; negative: until
 *              SIGTERM or SIGINT) with the tick probed; prints "attached"
 *              once the load is running
 *   sys, tp    call getppid() COUNT times (default 100) on every CPU
 *   spin       call getpgrp() COUNT times on every CPU
 *   -c CYCLES  instead: CYCLES times, attach, let every CPU trigger the program
 *              for a moment, and close the object while invocations are being
 *              terminated (default 0)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <iu/libiu.h>
#include "../common/common.h"

static const struct {
	const char *arg, *prog;
	long nr;
} kinds[] = {
	{ "tick", "runaway_tick", -1 },
	{ "sys", "runaway_sys", __NR_getppid },
	{ "tp", "runaway_tp", __NR_getppid },
	{ "spin", "runaway_spin", __NR_getpgrp },
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* Until SIGINT or SIGTERM, without the race of testing a flag before pause(). */
static void wait_for_signal(const sigset_t *old)
{
	while (!stop)
		sigsuspend(old);
}

static int cycle(const char *path, const char *name, long nr)
{
	struct iu_program *prog;
	struct iu_link *link;
	struct iu_object *obj = open_and_attach(path, name, &prog, &link);

	if (!obj)
		return -ENOENT;
	int err;

	if (nr < 0)
		start_busy_loops();
	else
		start_syscall_loops(nr);
	/* Invocations are being terminated on the CPUs once a few have been. */
	err = wait_for_runs(prog, 2 * sysconf(_SC_NPROCESSORS_ONLN), 60);
	/* The handle goes while CPUs are inside terminated invocations. */
	iu_link__destroy(link);
	iu_object__close(obj);
	stop_all();
	return err;
}

int main(int argc, char **argv)
{
	const char *path = "runaway.iu", *kind = NULL;
	long count = 100, seconds = 2, cycles = 0;
	struct iu_program *prog;
	struct iu_object *obj;
	struct iu_link *link;
	unsigned int k;
	int i, err;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-p") && i + 1 < argc)
			kind = argv[++i];
		else if (!strcmp(argv[i], "-n") && i + 1 < argc)
			count = atol(argv[++i]);
		else if (!strcmp(argv[i], "-d") && i + 1 < argc)
			seconds = atol(argv[++i]);
		else if (!strcmp(argv[i], "-c") && i + 1 < argc)
			cycles = atol(argv[++i]);
		else
			path = argv[i];
	}
	for (k = 0; kind && k < sizeof(kinds) / sizeof(kinds[0]); k++)
		if (!strcmp(kind, kinds[k].arg))
			break;
	if (!kind || k == sizeof(kinds) / sizeof(kinds[0])) {
		fprintf(stderr, "usage: %s [FILE.iu] -p tick|sys|tp|spin [-n COUNT] [-d SECONDS] [-c CYCLES]\n",
			argv[0]);
		return 2;
	}

	/* runs (wait_for_runs, print_stats) are BPF's statistics: on from here */
	if (enable_bpf_stats())
		fprintf(stderr, "warning: cannot enable BPF run-time stats\n");
	if (cycles) {
		for (i = 0; i < cycles; i++) {
			err = cycle(path, kinds[k].prog, kinds[k].nr);
			if (err) {
				fprintf(stderr, "ERROR: cycle %d: %s\n", i, strerror(-err));
				return 1;
			}
		}
		printf("%ld cycles of close-while-terminating done\n", cycles);
		return 0;
	}

	/* Signals are taken only inside sigsuspend(): none is lost. */
	sigset_t block, old;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &old);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	obj = open_and_attach(path, kinds[k].prog, &prog, &link);
	if (!obj)
		return 1;
	if (kinds[k].nr < 0) {
		start_busy_loops();
		printf("attached %s\n", kinds[k].prog);
		fflush(stdout);
		if (seconds < 0)
			wait_for_signal(&old);
		else
			sleep(seconds);
		stop_all();
	} else {
		trigger_syscall(kinds[k].nr, count);
	}
	iu_link__destroy(link);
	err = print_stats(prog);
	iu_object__close(obj);
	return err ? 1 : 0;
}
