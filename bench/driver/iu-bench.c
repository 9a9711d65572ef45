// SPDX-License-Identifier: GPL-2.0
/*
 * iu-bench: the guest side of `make bench` (bench/README.md).
 *
 *   iu-bench [-r ROUNDS] [-s SLICES] GROUP...
 *
 * A group is a workload and its variants (no probe, the floor, eBPF, iu), all
 * measured in this process: each round attaches every variant in turn (the
 * order rotates from round to round), runs one warm-up slice and SLICES
 * measured slices of the workload, and detaches. Every measured slice is one
 * line on stdout
 *
 *   slice GROUP VARIANT ROUND ITERS NS
 *
 * bracketed by the two marks bench/plugin/icount.c recognises, so that the
 * host pairs the n-th line with the n-th pair of marks (the guest
 * instruction count of the slice). The host (bench/report) does the
 * arithmetic: nothing here asserts anything about time.
 *
 * Groups: kprobe tp hash fib load term (this process), tracex5 (forks a
 * child that installs an allow-all seccomp filter, as tracex5 does).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include <iu/libiu.h>

/* nopl 0x4955000N(%rax): a no-op the plugin counts at (bench/plugin). */
#define MARK_START() asm volatile(".byte 0x0f,0x1f,0x80,0x01,0x00,0x55,0x49" ::: "memory")
#define MARK_STOP() asm volatile(".byte 0x0f,0x1f,0x80,0x02,0x00,0x55,0x49" ::: "memory")

static int rounds = 5, slices = 20;
static const char *dir = ".";	/* where bench.iu and the rest are */

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "iu-bench: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	exit(1);
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* ------------------------------------------------------------ variants */

enum kind { NONE, KMOD, EBPF, IU };

struct variant {
	const char *name;
	enum kind kind;
	struct bpf_program *bprog;	/* EBPF */
	struct iu_program *iprog;	/* IU */
	struct bpf_link *blink;
	struct iu_link *ilink;
};

static void attach(struct variant *v)
{
	char cmd[512];

	switch (v->kind) {
	case NONE:
		break;
	case KMOD:
		snprintf(cmd, sizeof(cmd), "insmod %s/iu_bench_kprobe.ko", dir);
		if (system(cmd))
			die("%s failed", cmd);
		break;
	case EBPF:
		v->blink = bpf_program__attach(v->bprog);
		if (!v->blink)
			die("attaching eBPF %s: %s", bpf_program__name(v->bprog), strerror(errno));
		break;
	case IU:
		v->ilink = iu_program__attach(v->iprog);
		if (!v->ilink)
			die("attaching iu %s: %s", iu_program__name(v->iprog), strerror(errno));
		break;
	}
}

static void detach(struct variant *v)
{
	switch (v->kind) {
	case NONE:
		break;
	case KMOD:
		if (system("rmmod iu_bench_kprobe"))
			die("rmmod iu_bench_kprobe failed");
		break;
	case EBPF:
		bpf_link__destroy(v->blink);
		v->blink = NULL;
		break;
	case IU:
		iu_link__destroy(v->ilink);
		v->ilink = NULL;
		break;
	}
}

/* ------------------------------------------------------------ workloads */

static void __attribute__((noinline)) loop_getppid(int n)
{
	for (int i = 0; i < n; i++)
		syscall(SYS_getppid);
}

#define LOOP(name)							\
	static void __attribute__((noinline)) loop_##name(int n)	\
	{								\
		for (int i = 0; i < n; i++)				\
			syscall(SYS_##name);				\
	}
LOOP(getuid)
LOOP(getgid)

static void __attribute__((noinline)) loop_getpid(int n)
{
	for (int i = 0; i < n; i++)
		syscall(SYS_getpid);
}

static void slice(const char *group, const struct variant *v, int round, void (*fn)(int), int n)
{
	long long t0, t1;

	MARK_START();
	t0 = now_ns();
	fn(n);
	t1 = now_ns();
	MARK_STOP();
	printf("slice %s %s %d %d %lld\n", group, v->name, round, n, t1 - t0);
}

static void run_group(const char *group, struct variant *vs, int nv, void (*fn)(int), int n)
{
	for (int r = 0; r < rounds; r++) {
		for (int k = 0; k < nv; k++) {
			struct variant *v = &vs[(k + r) % nv];

			attach(v);
			fn(n);	/* warm-up */
			for (int s = 0; s < slices; s++)
				slice(group, v, r, fn, n);
			detach(v);
		}
	}
	fflush(stdout);
}

/* ------------------------------------------------------------ objects */

static struct bpf_object *bobj;
static struct iu_object *iobj;

static struct bpf_object *open_bpf(const char *path)
{
	struct bpf_object *o = bpf_object__open_file(path, NULL);

	if (!o)
		die("opening %s: %s", path, strerror(errno));
	if (bpf_object__load(o))
		die("loading %s: %s", path, strerror(errno));
	return o;
}

static struct iu_object *open_iu(const char *path)
{
	struct iu_object *o = iu_object__open(path);

	if (!o)
		die("loading %s: %s", path, strerror(errno));
	return o;
}

static void load_objects(void)
{
	char p[512];

	if (bobj)
		return;
	snprintf(p, sizeof(p), "%s/bench_kern.o", dir);
	bobj = open_bpf(p);
	snprintf(p, sizeof(p), "%s/bench.iu", dir);
	iobj = open_iu(p);
}

static struct bpf_program *bprog(struct bpf_object *o, const char *name)
{
	struct bpf_program *p = bpf_object__find_program_by_name(o, name);

	if (!p)
		die("no eBPF program %s", name);
	return p;
}

static struct iu_program *iprog(struct iu_object *o, const char *name)
{
	struct iu_program *p = iu_object__find_program_by_name(o, name);

	if (!p)
		die("no iu program %s", name);
	return p;
}

/* no probe, [floor,] eBPF and iu programs of the same name */
static void pair_group(const char *group, const char *prog, bool floor, void (*fn)(int), int n)
{
	struct variant vs[4];
	int nv = 0;

	load_objects();
	memset(vs, 0, sizeof(vs));
	vs[nv++] = (struct variant){ .name = "none", .kind = NONE };
	if (floor)
		vs[nv++] = (struct variant){ .name = "kmod", .kind = KMOD };
	vs[nv++] = (struct variant){ .name = "ebpf", .kind = EBPF, .bprog = bprog(bobj, prog) };
	vs[nv++] = (struct variant){ .name = "iu", .kind = IU, .iprog = iprog(iobj, prog) };
	run_group(group, vs, nv, fn, n);
}

static void install_accept_all_seccomp(void)
{
	struct sock_filter filter[] = {
		BPF_STMT(BPF_RET + BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = 1, .filter = filter };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || prctl(PR_SET_SECCOMP, 2, &prog))
		die("seccomp: %s", strerror(errno));
}

/* tracex5 as samples/tracex5 has it: the eBPF version with its program array
 * filled, the iu port; falling through (getpid: no tail call taken, nothing
 * printed) and printing (getppid, "one of get/set uid/pid/gid"). */
static void tracex5_group(void)
{
	struct variant vs[3];
	struct bpf_program *p;
	struct bpf_object *bo;
	struct iu_object *io;
	char path[512];
	int map_fd, key, fd;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid > 0) {
		int st;

		if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
			die("tracex5 group failed");
		return;
	}
	snprintf(path, sizeof(path), "%s/tracex5_kern.o", dir);
	bo = open_bpf(path);
	map_fd = bpf_object__find_map_fd_by_name(bo, "progs");
	if (map_fd < 0)
		die("tracex5_kern.o: no progs map");
	bpf_object__for_each_program(p, bo) {
		if (sscanf(bpf_program__section_name(p), "kprobe/%d", &key) != 1)
			continue;
		fd = bpf_program__fd(p);
		if (bpf_map_update_elem(map_fd, &key, &fd, BPF_ANY))
			die("tracex5: filling the program array: %s", strerror(errno));
	}
	snprintf(path, sizeof(path), "%s/tracex5.iu", dir);
	io = open_iu(path);
	install_accept_all_seccomp();
	memset(vs, 0, sizeof(vs));
	vs[0] = (struct variant){ .name = "none", .kind = NONE };
	vs[1] = (struct variant){ .name = "ebpf", .kind = EBPF, .bprog = bprog(bo, "bpf_prog1") };
	vs[2] = (struct variant){ .name = "iu", .kind = IU, .iprog = iprog(io, "bpf_prog1") };
	run_group("tracex5-fallthrough", vs, 3, loop_getpid, 200);
	run_group("tracex5-print", vs, 3, loop_getppid, 100);
	exit(0);
}

/* Load time: open + load (+ bind) and close, of a small object (tracex5) and
 * a larger one (bench: five programs, three with loops the verifier walks). */
static void load_one(const char *group, const char *variant, int r, const char *path, bool iu)
{
	long long t0, t1;

	MARK_START();
	t0 = now_ns();
	if (iu) {
		struct iu_object *o = open_iu(path);

		t1 = now_ns();
		MARK_STOP();
		iu_object__close(o);
	} else {
		struct bpf_object *o = open_bpf(path);

		t1 = now_ns();
		MARK_STOP();
		bpf_object__close(o);
	}
	printf("slice %s %s %d 1 %lld\n", group, variant, r, t1 - t0);
}

static void load_group(void)
{
	char si[512], sb[512], li[512], lb[512];
	int n = slices < 5 ? slices : 5;

	snprintf(si, sizeof(si), "%s/tracex5.iu", dir);
	snprintf(sb, sizeof(sb), "%s/tracex5_kern.o", dir);
	snprintf(li, sizeof(li), "%s/bench.iu", dir);
	snprintf(lb, sizeof(lb), "%s/bench_kern.o", dir);
	for (int r = 0; r < rounds; r++) {
		for (int s = 0; s < n; s++) {
			load_one("load-small", "ebpf", r, sb, false);
			load_one("load-small", "iu", r, si, true);
			load_one("load-large", "ebpf", r, lb, false);
			load_one("load-large", "iu", r, li, true);
		}
	}
	fflush(stdout);
}

/* Termination: a never-ending program (samples/runaway's runaway_sys on
 * getppid) under a 1 ms budget; each getppid is one invocation ended by the
 * budget. One line per invocation: "term BUDGET_NS NS" (the whole syscall,
 * from user space). */
static void term_group(void)
{
	const char *param = "/sys/module/iu/parameters/budget_us";
	struct iu_object *o;
	struct iu_link *l;
	char path[512], old[32] = "";
	FILE *f;
	int n = rounds * slices;

	f = fopen(param, "r");
	if (!f || !fgets(old, sizeof(old), f))
		die("%s: %s", param, strerror(errno));
	fclose(f);
	f = fopen(param, "w");
	if (!f || fprintf(f, "1000\n") < 0 || fclose(f))
		die("%s: cannot set the budget", param);
	snprintf(path, sizeof(path), "%s/runaway.iu", dir);
	o = open_iu(path);
	l = iu_program__attach(iprog(o, "runaway_sys"));
	if (!l)
		die("attaching runaway_sys: %s", strerror(errno));
	for (int i = 0; i < n; i++) {
		long long t0 = now_ns();

		syscall(SYS_getppid);
		printf("term 1000000 %lld\n", now_ns() - t0);
	}
	iu_link__destroy(l);
	iu_object__close(o);
	f = fopen(param, "w");
	if (f) {
		fputs(old, f);
		fclose(f);
	}
	fflush(stdout);
}

static int quiet(enum libbpf_print_level level, const char *fmt, va_list args)
{
	return level == LIBBPF_WARN ? vfprintf(stderr, fmt, args) : 0;
}

int main(int argc, char **argv)
{
	int opt;

	while ((opt = getopt(argc, argv, "r:s:d:")) != -1) {
		switch (opt) {
		case 'r': rounds = atoi(optarg); break;
		case 's': slices = atoi(optarg); break;
		case 'd': dir = optarg; break;
		default: die("usage: iu-bench [-r ROUNDS] [-s SLICES] [-d DIR] GROUP...");
		}
	}
	libbpf_set_print(quiet);
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int i = optind; i < argc; i++) {
		const char *g = argv[i];

		if (!strcmp(g, "kprobe"))
			pair_group("kprobe-empty", "empty_kprobe", true, loop_getppid, 200);
		else if (!strcmp(g, "tp"))
			pair_group("tp-empty", "empty_tp", false, loop_getppid, 200);
		else if (!strcmp(g, "hash"))
			pair_group("hash-1k", "hash_kprobe", false, loop_getuid, 20);
		else if (!strcmp(g, "fib"))
			pair_group("fib-15", "fib_kprobe", false, loop_getgid, 5);
		else if (!strcmp(g, "tracex5"))
			tracex5_group();
		else if (!strcmp(g, "load"))
			load_group();
		else if (!strcmp(g, "term"))
			term_group();
		else
			die("unknown group %s", g);
	}
	return 0;
}
