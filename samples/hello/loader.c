// SPDX-License-Identifier: GPL-2.0
/*
 * hello's user program: load hello.iu (or the file given), attach it to
 * syscalls/sys_enter_dup, call dup() and print what trace_pipe shows.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <iu/libiu.h>

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "hello.iu";
	struct iu_program *prog;
	struct iu_object *obj;
	struct iu_link *link;
	int i, err;

	obj = iu_object__open(path);
	if (!obj) {
		fprintf(stderr, "ERROR: loading %s failed: %s\n", path, strerror(errno));
		return 1;
	}
	prog = iu_object__find_program_by_name(obj, "iu_prog1");
	if (!prog) {
		fprintf(stderr, "ERROR: no program iu_prog1 in %s\n", path);
		iu_object__close(obj);
		return 1;
	}
	link = iu_program__attach(prog);
	if (!link) {
		fprintf(stderr, "ERROR: attaching iu_prog1 failed: %s\n", strerror(errno));
		iu_object__close(obj);
		return 1;
	}

	for (i = 0; i < 3; i++)
		close(dup(STDOUT_FILENO));
	err = iu_trace_pipe_stream(1000, stdout, NULL);

	iu_link__destroy(link);
	iu_object__close(obj);
	return err ? 1 : 0;
}
