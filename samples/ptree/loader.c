// SPDX-License-Identifier: GPL-2.0
/*
 * ptree's user program: load the ptree extension built for the running
 * kernel (ptree-$(uname -r).iu, or the file given), attach it, call getppid()
 * and check that what it read from task_struct is what the kernel says.
 */
#include <stdio.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <iu/libiu.h>
#include "../common/common.h"

int main(int argc, char **argv)
{
	char path[300], want[64];
	struct iu_program *prog;
	struct iu_object *obj;
	struct iu_link *link;
	struct utsname u;
	bool found;

	uname(&u);
	snprintf(path, sizeof(path), "%s", argc > 1 ? argv[1] : "");
	if (argc < 2)
		snprintf(path, sizeof(path), "ptree-%s.iu", u.release);
	obj = open_and_attach(path, "ptree", &prog, &link);
	if (!obj)
		return 1;
	snprintf(want, sizeof(want), "ptree: tgid %d parent %d", getpid(), getppid());
	iu_link__destroy(link);
	iu_object__close(obj);

	found = trace_has(want);
	if (found)
		printf("OK: task_struct read with %s's BTF layout matches getpid()/getppid()\n",
		       u.release);
	return found ? 0 : 1;
}
