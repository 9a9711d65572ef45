// SPDX-License-Identifier: GPL-2.0
/*
 * retval's user program: attach the kretprobe in retval.iu (or the file
 * given) to __x64_sys_getppid, call getppid() and check the trace: the value
 * the kernel returned, this process, and the probed function's address as
 * /proc/kallsyms gives it.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <iu/libiu.h>
#include "../common/common.h"

static unsigned long kallsyms(const char *name)
{
	char line[256], sym[200], type;
	unsigned long addr;
	FILE *f = fopen("/proc/kallsyms", "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx %c %199s", &addr, &type, sym) == 3 && !strcmp(sym, name)) {
			fclose(f);
			return addr;
		}
	if (f)
		fclose(f);
	return 0;
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "retval.iu";
	char want[128];
	struct iu_program *prog;
	struct iu_object *obj;
	struct iu_link *link;

	obj = open_and_attach(path, "on_return", &prog, &link);
	if (!obj)
		return 1;
	snprintf(want, sizeof(want), "retval: getppid returned %d to %d, func %lx", getppid(),
		 getpid(), kallsyms("__x64_sys_getppid"));
	iu_link__destroy(link);
	iu_object__close(obj);

	return trace_has(want) ? 0 : 1;
}
