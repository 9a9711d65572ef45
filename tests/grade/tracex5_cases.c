// SPDX-License-Identifier: GPL-2.0
/*
 * iu-grade-tracex5 FILE.iu: the test-run part of the tracex5 grade.
 *
 * Runs bpf_prog1 of FILE.iu once per case (IU_IOC_TEST_RUN, nothing
 * attached) on a __seccomp_filter context: pt_regs with di = the syscall
 * number and si = a test struct seccomp_data in argument memory (or NULL),
 * and compares what it printed with what the kernel's tracex5_kern.c prints
 * for that case. One line per graded item on stdout:
 *
 *	item<TAB>NAME<TAB>POINTS<TAB>MAX<TAB>REASON
 *
 * A case that is terminated by the budget or panics loses its point, with
 * the kernel's reason. Exit status 0 unless the file could not be tested.
 *
 * iu-grade-tracex5 --probe PROBE.iu: the runtime part's semantics
 * (tests/grade/probe_check.cpp built against the submission's
 * iu_rt/checked/probe_read_kernel.hpp).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <asm/ptrace.h>
#include <asm/unistd.h>
#include <linux/seccomp.h>

#include <iu/libiu.h>
#include <linux/iu.h>

static int silent_print(enum iu_print_level level, const char *fmt, va_list ap)
{
	if (level == IU_WARN)
		vfprintf(stderr, fmt, ap);
	return 0;
}

static void oneline(char *dst, size_t size, const char *s)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < size; i++)
		dst[i] = s[i] == '\n' ? '|' : (unsigned char)s[i] < ' ' || s[i] == 0x7f ? ' ' : s[i];
	dst[i] = 0;
}

/*
 * Every reason on one line, whatever it quotes: a panic message or a test
 * run's output is the extension's text, and a newline in it would start an
 * item line of its own (the hostile review forged items that way).
 */
static void item(const char *name, int ok, const char *reason)
{
	char r[768];

	oneline(r, sizeof(r), ok ? "" : reason);
	printf("item\t%s\t%d\t1\t%s\n", name, ok ? 1 : 0, r);
}

struct result {
	int ok;			/* ran and returned */
	char out[1024];
	char why[256];
};

static void run(struct iu_program *prog, int nr, unsigned long long size, int with_sd,
		struct result *r)
{
	struct seccomp_data sd = { .nr = nr, .args = { 1, 0x1000, size } };
	struct pt_regs regs = { .rdi = (unsigned int)nr };
	struct iu_test_run_opts o = { .sz = sizeof(o), .ctx = &regs, .ctx_size = sizeof(regs),
				      .out = r->out, .out_size = sizeof(r->out) };
	int err;

	if (with_sd) {
		regs.rsi = (unsigned long)&sd;
		o.mem = &sd;
		o.mem_size = sizeof(sd);
	}
	r->out[0] = r->why[0] = 0;
	r->ok = 0;
	err = iu_program__test_run(prog, &o);
	if (err)
		snprintf(r->why, sizeof(r->why), "test run refused: %s", strerror(-err));
	else if (o.outcome == IU_TEST_RUN_TERMINATED)
		snprintf(r->why, sizeof(r->why), "never finished: %s", o.reason);
	else if (o.outcome == IU_TEST_RUN_PANICKED)
		snprintf(r->why, sizeof(r->why), "%s", o.reason);
	else
		r->ok = 1;
}

/* One line "CALL(fd=1, buf=<any>, size=SIZE)\n". */
static int is_rw_line(const char *out, const char *call, unsigned long long size)
{
	char head[64], tail[64];
	size_t n = strlen(out), t;

	snprintf(head, sizeof(head), "%s(fd=1, buf=", call);
	snprintf(tail, sizeof(tail), ", size=%llu)\n", size);
	t = strlen(tail);
	return !strncmp(out, head, strlen(head)) && n > t && !strcmp(out + n - t, tail) &&
	       !strchr(out + strlen(head), '\n')[1];
}

/* A case: expected output @want (NULL: silent; "rw:" prefix: a read/write line). */
static void check(struct iu_program *prog, const char *name, int nr, unsigned long long size,
		  int with_sd, const char *call, const char *want)
{
	struct result r;
	char why[512], got[256];
	int ok;

	run(prog, nr, size, with_sd, &r);
	if (!r.ok) {
		item(name, 0, r.why);
		return;
	}
	if (call)
		ok = is_rw_line(r.out, call, size);
	else
		ok = !strcmp(r.out, want ? want : "");
	oneline(got, sizeof(got), r.out);
	if (call)
		snprintf(why, sizeof(why), "expected one line %s(fd=1, buf=..., size=%llu), got \"%s\"",
			 call, size, got);
	else if (want)
		snprintf(why, sizeof(why), "expected \"%.*s\", got \"%s\"", (int)strlen(want) - 1, want,
			 got);
	else
		snprintf(why, sizeof(why), "expected no output, got \"%s\"", got);
	item(name, ok, why);
}

static int probe_items(const char *path)
{
	unsigned long long q[4] = { 0x1111, 0x2222, 0x3333, 0x4444 };
	struct iu_program *prog;
	struct iu_object *obj;
	char out[256], got[256], why[512];
	struct pt_regs regs = { .rsi = (unsigned long)q };
	struct iu_test_run_opts o = { .sz = sizeof(o), .ctx = &regs, .ctx_size = sizeof(regs),
				      .mem = q, .mem_size = sizeof(q), .out = out,
				      .out_size = sizeof(out) };
	int err;

	obj = iu_object__open(path);
	prog = obj ? iu_object__find_program_by_name(obj, "probe_check") : NULL;
	if (!prog) {
		snprintf(why, sizeof(why), "the probe_read_kernel check did not load: %s",
			 strerror(errno));
		item("probe_read_kernel_reads", 0, why);
		item("probe_read_kernel_fault", 0, why);
		return 1;
	}
	err = iu_program__test_run(prog, &o);
	oneline(got, sizeof(got), out);
	snprintf(why, sizeof(why), "reading 32 bytes: %s \"%s\"",
		 err ? strerror(-err) : o.outcome ? o.reason : "got", got);
	item("probe_read_kernel_reads", !err && !o.outcome && !o.retval &&
	     !strcmp(out, "ok 1111 2222 3333 4444\n"), why);
	regs.rsi = 0;	/* a faulting read */
	o.mem = NULL;
	o.mem_size = 0;
	err = iu_program__test_run(prog, &o);
	oneline(got, sizeof(got), out);
	snprintf(why, sizeof(why), "reading NULL must fail with a negative errno: %s \"%s\"",
		 err ? strerror(-err) : o.outcome ? o.reason : "got", got);
	item("probe_read_kernel_fault", !err && !o.outcome && o.retval == 1 &&
	     !strncmp(out, "err -", 5), why);
	iu_object__close(obj);
	return 0;
}

int main(int argc, char **argv)
{
	struct iu_program *prog;
	struct iu_object *obj;
	char want[128], why[600];

	iu_set_print(silent_print);
	if (argc == 3 && !strcmp(argv[1], "--probe"))
		return probe_items(argv[2]);
	if (argc != 2) {
		fprintf(stderr, "usage: iu-grade-tracex5 FILE.iu | --probe PROBE.iu\n");
		return 2;
	}
	obj = iu_object__open(argv[1]);
	prog = obj ? iu_object__find_program_by_name(obj, "bpf_prog1") : NULL;
	if (!prog) {
		snprintf(why, sizeof(why), obj ? "no program bpf_prog1" : "iu.ko refused it: %s",
			 strerror(errno));
		item("loads", 0, why);
		return 1;
	}
	if (strcmp(iu_program__section_name(prog), "kprobe/__seccomp_filter")) {
		snprintf(why, sizeof(why), "bpf_prog1 is in section %s, not kprobe/__seccomp_filter",
			 iu_program__section_name(prog));
		item("loads", 0, why);
		return 1;
	}
	item("loads", 1, "");
	check(prog, "write_512_prints", __NR_write, 512, 1, "write", NULL);
	check(prog, "write_511_silent", __NR_write, 511, 1, NULL, NULL);
	check(prog, "read_128_silent", __NR_read, 128, 1, NULL, NULL);
	check(prog, "read_129_prints", __NR_read, 129, 1, "read", NULL);
	check(prog, "read_1024_prints", __NR_read, 1024, 1, "read", NULL);
	check(prog, "read_1025_silent", __NR_read, 1025, 1, NULL, NULL);
	check(prog, "mmap_prints", __NR_mmap, 0, 1, NULL, "mmap\n");
	snprintf(want, sizeof(want), "syscall=%d (one of get/set uid/pid/gid)\n", __NR_getuid);
	check(prog, "getuid_prints", __NR_getuid, 0, 1, NULL, want);
	snprintf(want, sizeof(want), "syscall=%d (one of get/set uid/pid/gid)\n", __NR_getsid);
	check(prog, "getsid_prints", __NR_getsid, 0, 1, NULL, want);
	check(prog, "below_getuid_silent", __NR_getuid - 1, 0, 1, NULL, NULL);
	check(prog, "above_getsid_silent", __NR_getsid + 1, 512, 1, NULL, NULL);
	{
		static const int others[] = { __NR_open, __NR_close, __NR_getpid, __NR_openat,
					      __NR_exit_group, 400 };
		struct result r;
		char got[256];
		size_t i;
		int ok = 1;

		for (i = 0; ok && i < sizeof(others) / sizeof(others[0]); i++) {
			run(prog, others[i], 512, 1, &r);
			ok = r.ok && !r.out[0];
		}
		oneline(got, sizeof(got), r.out);
		snprintf(why, sizeof(why), "syscall %d: %s", others[i - 1],
			 r.ok ? "printed" : r.why);
		if (r.ok)
			snprintf(why + strlen(why), sizeof(why) - strlen(why), " \"%s\"", got);
		item("other_syscalls_silent", ok, why);
	}
	/* bpf_probe_read_kernel's semantics: a faulting read (sd NULL, as the
	 * 6.1 syscall entry passes) leaves zeros, so nothing prints. */
	check(prog, "faulting_read_zeroes", __NR_write, 512, 0, NULL, NULL);
	iu_object__close(obj);
	return 0;
}
