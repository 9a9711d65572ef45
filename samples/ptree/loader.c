// SPDX-License-Identifier: GPL-2.0
/*
 * ptree's user program: load the ptree extension built for the running
 * kernel (ptree-$(uname -r).iu, or the file given), attach it, call getppid()
 * and check that what it read from task_struct is what the kernel says.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <iu/libiu.h>

int main(int argc, char **argv)
{
	char path[300], line[512], want[64];
	struct iu_program *prog;
	struct iu_object *obj;
	struct iu_link *link;
	struct utsname u;
	int found = 0;
	FILE *f;

	uname(&u);
	snprintf(path, sizeof(path), "%s", argc > 1 ? argv[1] : "");
	if (argc < 2)
		snprintf(path, sizeof(path), "ptree-%s.iu", u.release);
	obj = iu_object__open(path);
	if (!obj) {
		fprintf(stderr, "ERROR: loading %s failed: %s\n", path, strerror(errno));
		return 1;
	}
	prog = iu_object__find_program_by_name(obj, "ptree");
	link = prog ? iu_program__attach(prog) : NULL;
	if (!link) {
		fprintf(stderr, "ERROR: attaching ptree failed: %s\n", strerror(errno));
		iu_object__close(obj);
		return 1;
	}
	snprintf(want, sizeof(want), "ptree: tgid %d parent %d", getpid(), getppid());
	iu_link__destroy(link);

	f = fopen("/sys/kernel/tracing/trace", "r");
	while (f && fgets(line, sizeof(line), f))
		if (strstr(line, want)) {
			fputs(line, stdout);
			found = 1;
		}
	if (f)
		fclose(f);
	iu_object__close(obj);
	if (!found) {
		fprintf(stderr, "ERROR: no \"%s\" in the trace\n", want);
		return 1;
	}
	printf("OK: task_struct read with %s's BTF layout matches getpid()/getppid()\n", u.release);
	return 0;
}
