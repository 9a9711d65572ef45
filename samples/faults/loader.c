// SPDX-License-Identifier: GPL-2.0
/*
 * faults' user program: attach one of faults.iu's programs, trigger it and
 * report how iu.ko ended each invocation (a panic, counted and logged).
 *
 *   ./loader [FILE.iu] -p oob|recurse|divide|overflow|nostr|goodstr [-n COUNT]
 *
 * Each program hooks its own system call, called COUNT times (default 10)
 * on every CPU.
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

static const struct {
	const char *prog;
	long nr;
} kinds[] = {
	{ "oob", __NR_getppid },
	{ "recurse", __NR_getpgrp },
	{ "divide", __NR_getsid },
	{ "overflow", __NR_getpgid },
	{ "nostr", __NR_getresgid },
	{ "goodstr", __NR_getresuid },
};

int main(int argc, char **argv)
{
	const char *path = "faults.iu", *kind = NULL;
	struct iu_program *prog;
	struct iu_object *obj;
	struct iu_link *link;
	long count = 10;
	unsigned int k;
	int i, err;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-p") && i + 1 < argc)
			kind = argv[++i];
		else if (!strcmp(argv[i], "-n") && i + 1 < argc)
			count = atol(argv[++i]);
		else
			path = argv[i];
	}
	for (k = 0; kind && k < sizeof(kinds) / sizeof(kinds[0]); k++)
		if (!strcmp(kind, kinds[k].prog))
			break;
	if (!kind || k == sizeof(kinds) / sizeof(kinds[0])) {
		fprintf(stderr, "usage: %s [FILE.iu] -p oob|recurse|divide|overflow|nostr|goodstr "
			"[-n COUNT]\n",
			argv[0]);
		return 2;
	}
	if (enable_bpf_stats())
		fprintf(stderr, "warning: cannot enable BPF run-time stats\n");
	obj = open_and_attach(path, kinds[k].prog, &prog, &link);
	if (!obj)
		return 1;
	trigger_syscall(kinds[k].nr, count);
	iu_link__destroy(link);
	err = print_stats(prog);
	iu_object__close(obj);
	return err ? 1 : 0;
}
