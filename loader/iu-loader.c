// SPDX-License-Identifier: GPL-2.0
/*
 * iu-loader: load a signed extension, attach every program as its section
 * says, and stream trace_pipe.
 *
 *   iu-loader [-d SECONDS] [-q] [-p] [-v] FILE.iu
 *   iu-loader --list             loaded objects (signer, toolchain, policy hash),
 *                                bound programs and their counters
 *   iu-loader --unload ID        unbind a pinned object
 *   iu-loader --test-run PROG [--ctx FILE] [--reg R=V]... [--mem FILE] FILE.iu
 *                                run PROG once on that context (IU_IOC_TEST_RUN)
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <stddef.h>
#include <sys/stat.h>
#include <unistd.h>
#include <asm/ptrace.h>

#include <bpf/bpf.h>
#include <iu/libiu.h>
#include <linux/iu.h>

#define MAX_LINKS 64

static volatile bool stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = true;
}

/* Until SIGINT or SIGTERM, without the race of testing a flag before pause(). */
static void wait_for_signal(void)
{
	sigset_t block, old;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &old);
	while (!stop)
		sigsuspend(&old);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: iu-loader [-d SECONDS] [-q] [-p] [-v] FILE.iu\n"
		"       iu-loader --list\n"
		"       iu-loader --unload ID\n"
		"  -d, --duration SECONDS  stay attached that long (default: until Ctrl-C or SIGTERM)\n"
		"  -q, --quiet             do not stream trace_pipe\n"
		"  -p, --pin               keep the programs bound and attached after exit:\n"
		"                          links are pinned under /sys/fs/bpf/iu/\n"
		"  -v, --verbose           show the module's load log\n"
		"       iu-loader --test-run PROG [--ctx FILE] [--reg R=V]... [--mem FILE] FILE.iu\n"
		"  --test-run PROG         run program PROG once, attached nowhere, on a context\n"
		"                          and print its return value, outcome and output\n"
		"  --ctx FILE              the context's bytes (pt_regs, or a tracepoint record;\n"
		"                          default: zeros of the program's context size)\n"
		"  --reg R=V               set pt_regs field R (di si dx cx r8 r9 ax ip sp ...) to V;\n"
		"                          V = @mem[+OFF] is the address of the argument memory\n"
		"  --mem FILE              argument memory, copied into the kernel for the run\n");
}

#define TR_MAX (64 * 1024)

static const struct { const char *name; size_t off; } regs_names[] = {
#define R(n, f) { n, offsetof(struct pt_regs, f) }
	R("r15", r15), R("r14", r14), R("r13", r13), R("r12", r12), R("bp", rbp), R("bx", rbx),
	R("r11", r11), R("r10", r10), R("r9", r9), R("r8", r8), R("ax", rax), R("cx", rcx),
	R("dx", rdx), R("si", rsi), R("di", rdi), R("orig_ax", orig_rax), R("ip", rip),
	R("cs", cs), R("flags", eflags), R("sp", rsp), R("ss", ss),
#undef R
};

static long read_whole(const char *path, void *buf, size_t max)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f) {
		fprintf(stderr, "iu-loader: %s: %s\n", path, strerror(errno));
		return -1;
	}
	n = fread(buf, 1, max, f);
	if (!feof(f) && fgetc(f) != EOF) {
		fprintf(stderr, "iu-loader: %s: larger than %zu bytes\n", path, max);
		fclose(f);
		return -1;
	}
	fclose(f);
	return (long)n;
}

struct test_run_args {
	const char *prog, *ctx_file, *mem_file;
	const char *regs[64];
	int nregs;
};

static const char *outcome_name(__u32 o)
{
	switch (o) {
	case IU_TEST_RUN_RETURNED: return "returned";
	case IU_TEST_RUN_TERMINATED: return "terminated";
	case IU_TEST_RUN_PANICKED: return "panicked";
	default: return "?";
	}
}

static int test_run(const char *path, const struct test_run_args *a)
{
	static unsigned char ctx[8192], mem[TR_MAX];
	static char out[TR_MAX];
	struct iu_test_run_opts o = { .sz = sizeof(o) };
	struct iu_program *prog;
	struct iu_object *obj;
	long ctx_size = 0, mem_size = 0;
	int i, err;

	obj = iu_object__open(path);
	if (!obj) {
		fprintf(stderr, "iu-loader: %s: %s\n", path, strerror(errno));
		return 1;
	}
	prog = iu_object__find_program_by_name(obj, a->prog);
	if (!prog) {
		fprintf(stderr, "iu-loader: %s: no program %s\n", path, a->prog);
		iu_object__close(obj);
		return 1;
	}
	if (a->mem_file && (mem_size = read_whole(a->mem_file, mem, sizeof(mem))) < 0)
		goto fail;
	if (a->ctx_file) {
		if ((ctx_size = read_whole(a->ctx_file, ctx, sizeof(ctx))) < 0)
			goto fail;
	} else {
		ctx_size = strncmp(iu_program__section_name(prog), "tracepoint/", 11) ?
			   (long)sizeof(struct pt_regs) : (long)iu_program__ctx_size(prog);
	}
	for (i = 0; i < a->nregs; i++) {
		const char *eq = strchr(a->regs[i], '=');
		size_t j, len = eq ? (size_t)(eq - a->regs[i]) : 0;
		unsigned long long v;

		for (j = 0; eq && j < sizeof(regs_names) / sizeof(regs_names[0]); j++)
			if (strlen(regs_names[j].name) == len && !strncmp(regs_names[j].name, a->regs[i], len))
				break;
		if (!eq || j == sizeof(regs_names) / sizeof(regs_names[0]) ||
		    regs_names[j].off + 8 > (size_t)ctx_size) {
			fprintf(stderr, "iu-loader: --reg %s: not a pt_regs field of this context\n",
				a->regs[i]);
			goto fail;
		}
		if (!strncmp(eq + 1, "@mem", 4))
			v = (unsigned long long)(unsigned long)mem +
			    (eq[5] == '+' ? strtoull(eq + 6, NULL, 0) : 0);
		else
			v = strtoull(eq + 1, NULL, 0);
		memcpy(ctx + regs_names[j].off, &v, sizeof(v));
	}
	o.ctx = ctx;
	o.ctx_size = (__u32)ctx_size;
	if (mem_size) {
		o.mem = mem;
		o.mem_size = (__u32)mem_size;
	}
	o.out = out;
	o.out_size = sizeof(out);
	err = iu_program__test_run(prog, &o);
	if (err) {
		fprintf(stderr, "iu-loader: test run of %s: %s\n", a->prog, strerror(-err));
		goto fail;
	}
	printf("retval %u\noutcome %s%s%s\nprints %u\n", o.retval, outcome_name(o.outcome),
	       o.reason[0] ? ": " : "", o.reason, o.nr_prints);
	fputs(out, stdout);
	iu_object__close(obj);
	return 0;
fail:
	iu_object__close(obj);
	return 1;
}

/*
 * Every loaded object: who signed it, the toolchain that built it and its
 * policy hash (the file's signed note). Returns -1 with errno on failure.
 */
static int list_objects(int fd)
{
	struct iu_obj_info info = { .size = sizeof(info) };
	__u32 next;
	int i;

	printf("%-4s %-5s %-10s %-64s %s\n", "obj", "progs", "toolchain", "policy", "signer");
	if (ioctl(fd, IU_IOC_OBJ_INFO, &info))
		return errno == ENOENT ? 0 : -1;
	for (;;) {
		printf("%-4u %-5u %-10.*s ", info.id, info.nr_progs, (int)sizeof(info.toolchain),
		       info.toolchain);
		for (i = 0; i < (int)sizeof(info.policy); i++)
			printf("%02x", info.policy[i]);
		printf(" %.*s\n", (int)sizeof(info.signer), info.signer);
		if (!info.next_id)
			return 0;
		next = info.next_id;
		memset(&info, 0, sizeof(info));
		info.size = sizeof(info);
		info.id = next;
		if (ioctl(fd, IU_IOC_OBJ_INFO, &info))
			return 0;	/* the rest were unloaded meanwhile */
	}
}

/* Every loaded object and its programs, from /dev/iu (no debugfs needed). */
static int list(void)
{
	struct iu_obj_info info = { .size = sizeof(info) };
	int fd = open(IU_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	__u32 i;

	if (fd < 0) {
		fprintf(stderr, "iu-loader: %s: %s%s\n", IU_DEVICE_PATH, strerror(errno),
			errno == ENOENT ? " (is iu.ko loaded?)" : "");
		return 1;
	}
	if (list_objects(fd)) {
		fprintf(stderr, "iu-loader: list: %s\n", strerror(errno));
		close(fd);
		return 1;
	}
	printf("\n");
	printf("%-4s %-4s %-16s %-6s %-32s %10s %8s %10s %8s\n", "obj", "prog", "name", "bpf_id",
	       "section", "runs", "missed", "terminated", "panics");
	if (ioctl(fd, IU_IOC_OBJ_INFO, &info)) {
		close(fd);
		if (errno == ENOENT)
			return 0;	/* nothing loaded */
		fprintf(stderr, "iu-loader: list: %s\n", strerror(errno));
		return 1;
	}
	for (;;) {
		for (i = 0; i < info.nr_progs; i++) {
			struct iu_prog_stats st = { .size = sizeof(st), .index = i, .obj_id = info.id };

			if (ioctl(fd, IU_IOC_PROG_STATS, &st))
				continue;	/* unloaded meanwhile */
			printf("%-4u %-4u %-16s %-6u %-32s %10llu %8llu %10llu %8llu%s\n", info.id, i,
			       st.name, st.bpf_id, st.section, (unsigned long long)st.runs,
			       (unsigned long long)st.missed, (unsigned long long)st.terminations,
			       (unsigned long long)st.panics, info.flags & IU_OBJ_PINNED ? " pinned" : "");
		}
		if (!info.next_id)
			break;
		__u32 next = info.next_id;

		memset(&info, 0, sizeof(info));
		info.size = sizeof(info);
		info.id = next;
		if (ioctl(fd, IU_IOC_OBJ_INFO, &info))
			break;	/* the rest were unloaded meanwhile */
	}
	close(fd);
	return 0;
}

static int unload(const char *arg)
{
	__u32 id = strtoul(arg, NULL, 0);
	int fd = open(IU_DEVICE_PATH, O_RDWR | O_CLOEXEC);

	if (fd < 0 || ioctl(fd, IU_IOC_UNLOAD, &id) < 0) {
		fprintf(stderr, "iu-loader: unload %u: %s\n", id, strerror(errno));
		return 1;
	}
	close(fd);
	return 0;
}

/* A pinned bpf_link keeps the attachment after this process exits. */
static void pin_link(struct iu_object *obj, struct iu_program *prog, struct iu_link *link)
{
	char path[256];
	int err;

	if (mkdir("/sys/fs/bpf/iu", 0700) && errno != EEXIST) {
		fprintf(stderr, "iu-loader: /sys/fs/bpf/iu: %s\n", strerror(errno));
		return;
	}
	snprintf(path, sizeof(path), "/sys/fs/bpf/iu/%u_%s", iu_object__id(obj),
		 iu_program__name(prog));
	err = iu_link__pin(link, path);
	if (err)
		fprintf(stderr, "iu-loader: pinning %s: %s\n", path, strerror(-err));
	else
		printf("pinned %s (iu-loader --unload %u, then rm it)\n", path, iu_object__id(obj));
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "duration", required_argument, NULL, 'd' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "pin", no_argument, NULL, 'p' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "list", no_argument, NULL, 'l' },
		{ "unload", required_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ "test-run", required_argument, NULL, 'T' },
		{ "ctx", required_argument, NULL, 'C' },
		{ "mem", required_argument, NULL, 'M' },
		{ "reg", required_argument, NULL, 'R' },
		{}
	};
	struct test_run_args tr = { 0 };
	struct iu_object_open_opts oopts = { .sz = sizeof(oopts) };
	struct iu_link *links[MAX_LINKS];
	struct iu_program *prog;
	struct iu_object *obj;
	int duration = -1, nlinks = 0, c, err = 0;
	bool quiet = false;

	while ((c = getopt_long(argc, argv, "d:qpvh", opts, NULL)) != -1) {
		switch (c) {
		case 'd': duration = atoi(optarg); break;
		case 'q': quiet = true; break;
		case 'p': oopts.pin = true; break;
		case 'v': oopts.log_level = 1; break;
		case 'l': return list();
		case 'u': return unload(optarg);
		case 'h': usage(stdout); return 0;
		case 'T': tr.prog = optarg; break;
		case 'C': tr.ctx_file = optarg; break;
		case 'M': tr.mem_file = optarg; break;
		case 'R':
			if (tr.nregs == (int)(sizeof(tr.regs) / sizeof(tr.regs[0]))) {
				usage(stderr);
				return 2;
			}
			tr.regs[tr.nregs++] = optarg;
			break;
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc - 1 || (!tr.prog && (tr.ctx_file || tr.mem_file || tr.nregs))) {
		usage(stderr);
		return 2;
	}
	if (tr.prog)
		return test_run(argv[optind], &tr);

	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	obj = iu_object__open_file(argv[optind], &oopts);
	if (!obj) {
		fprintf(stderr, "iu-loader: %s: %s\n", argv[optind], strerror(errno));
		return 1;
	}
	printf("loaded %s as object %u\n", iu_object__name(obj), iu_object__id(obj));
	iu_object__for_each_program(prog, obj) {
		struct iu_link *link;

		if (nlinks == MAX_LINKS)
			break;
		link = iu_program__attach(prog);
		if (!link) {
			fprintf(stderr, "iu-loader: attaching %s (%s): %s\n", iu_program__name(prog),
				iu_program__section_name(prog), strerror(errno));
			err = 1;
			goto out;
		}
		links[nlinks++] = link;
		printf("attached %s to %s\n", iu_program__name(prog), iu_program__section_name(prog));
		if (oopts.pin)
			pin_link(obj, prog, link);
	}
	fflush(stdout);

	if (!quiet)
		err = iu_trace_pipe_stream(duration < 0 ? -1 : duration * 1000, stdout, &stop) ? 1 : 0;
	else if (duration >= 0)
		sleep(duration);
	else
		wait_for_signal();
out:
	while (nlinks)
		iu_link__destroy(links[--nlinks]);
	iu_object__close(obj);
	return err;
}
