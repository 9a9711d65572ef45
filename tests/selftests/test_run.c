// SPDX-License-Identifier: GPL-2.0
/*
 * test_run: IU_IOC_TEST_RUN (docs/abi.md 2.5) through libiu and the raw ioctl.
 *
 * - kprobe, kretprobe and tracepoint programs run once on a context built
 *   here: their return value, their printed text (captured, and absent from
 *   the trace buffer), argument memory that the context points into, a
 *   faulting probe_read_kernel (ext/test_run.cpp);
 * - a program that never ends is terminated by the budget, one that indexes
 *   out of bounds panics; both report why;
 * - refusals: a wrong context size, a BPF program not bound to iu, oversized
 *   memory, nonzero unused fields, a struct too large;
 * - unit tests of the samples through test-run: hello, and tracex5 on every
 *   branch (write 512/511, read 128/129/1024/1025, mmap, the ends of the
 *   getuid..getsid range and one past each, other syscalls, sd faulting).
 *
 * iu.ko is inserted from $IU_ROOT/module/iu.ko when /dev/iu is missing.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <asm/ptrace.h>
#include <asm/unistd.h>
#include <linux/bpf.h>
#include <linux/seccomp.h>

#include <bpf/bpf.h>
#include <iu/libiu.h>
#include <linux/iu.h>

#include "kselftest_harness.h"
#include "iu_ksft.h"

static struct iu_object *open_iu(const char *rel)
{
	char path[4200];

	snprintf(path, sizeof(path), "%s/%s", iu_root(), rel);
	return iu_object__open(path);
}

/* Does the (non-consuming) trace buffer hold @s? */
static int trace_has(const char *s)
{
	FILE *f = fopen("/sys/kernel/tracing/trace", "r");
	char line[1024];
	int found = 0;

	while (f && !found && fgets(line, sizeof(line), f))
		found = strstr(line, s) != NULL;
	if (f)
		fclose(f);
	return found;
}

struct run {
	struct iu_test_run_opts o;
	char out[4096];
	char log[1024];
	int err;
};

static void run_regs(struct run *r, const struct iu_program *prog, const struct pt_regs *regs,
		     const void *mem, __u32 mem_size)
{
	memset(r, 0, sizeof(*r));
	r->o.sz = sizeof(r->o);
	r->o.ctx = regs;
	r->o.ctx_size = sizeof(*regs);
	r->o.mem = mem;
	r->o.mem_size = mem_size;
	r->o.out = r->out;
	r->o.out_size = sizeof(r->out);
	r->o.log_buf = r->log;
	r->o.log_size = sizeof(r->log);
	r->err = iu_program__test_run(prog, &r->o);
}

FIXTURE(ext) {
	struct iu_object *obj;
	struct iu_program *kp, *krp, *tp, *spin, *panic, *sort;
};

FIXTURE_SETUP(ext)
{
	self->obj = open_iu("tests/ext/test_run.iu");
	ASSERT_NE(NULL, self->obj) TH_LOG("iu_object__open: %s", strerror(errno));
	self->kp = iu_object__find_program_by_name(self->obj, "tr_kprobe");
	self->krp = iu_object__find_program_by_name(self->obj, "tr_kretprobe");
	self->tp = iu_object__find_program_by_name(self->obj, "tr_tp");
	self->spin = iu_object__find_program_by_name(self->obj, "tr_spin");
	self->panic = iu_object__find_program_by_name(self->obj, "tr_panic");
	self->sort = iu_object__find_program_by_name(self->obj, "tr_sort");
	ASSERT_TRUE(self->kp && self->krp && self->tp && self->spin && self->panic && self->sort);
}

FIXTURE_TEARDOWN(ext)
{
	iu_object__close(self->obj);
}

TEST_F(ext, kprobe_reads_regs_and_memory)
{
	__u64 pair[2] = { 7, 9 };
	struct pt_regs regs = { .rdi = 41, .rsi = (unsigned long)pair };
	struct iu_prog_stats st;
	struct run r;

	run_regs(&r, self->kp, &regs, pair, sizeof(pair));
	ASSERT_EQ(0, r.err) TH_LOG("%s", r.log);
	EXPECT_EQ(IU_TEST_RUN_RETURNED, r.o.outcome);
	EXPECT_EQ(42, r.o.retval);
	EXPECT_STREQ("kprobe di=41 a=7 b=9\n", r.out);
	EXPECT_EQ(1, r.o.nr_prints);
	EXPECT_EQ(strlen(r.out) + 1, r.o.out_true_size);
	EXPECT_STREQ("", r.o.reason);
	ASSERT_EQ(0, iu_program__stats(self->kp, &st));
	/* runs are the hook's invocations (the placeholder's BPF run count):
	 * a test run is not one, and counts no run. */
	EXPECT_EQ(0, st.runs);
}

/* The address past the memory's end is not rewritten: the read faults,
 * leaving zeros and an error, as bpf_probe_read_kernel does. */
TEST_F(ext, kprobe_faulting_read)
{
	__u64 pair[2] = { 7, 9 };
	struct pt_regs regs = { .rdi = 5, .rsi = 8 };
	struct run r;

	run_regs(&r, self->kp, &regs, NULL, 0);
	ASSERT_EQ(0, r.err) TH_LOG("%s", r.log);
	EXPECT_EQ(IU_TEST_RUN_RETURNED, r.o.outcome);
	EXPECT_EQ(6, r.o.retval);
	EXPECT_EQ(0, strncmp(r.out, "kprobe di=5 fault -", 19)) TH_LOG("out: %s", r.out);
	regs.rsi = (unsigned long)pair + sizeof(pair);
	run_regs(&r, self->kp, &regs, pair, sizeof(pair));
	ASSERT_EQ(0, r.err) TH_LOG("%s", r.log);
	EXPECT_EQ(0, strncmp(r.out, "kprobe di=5 fault -", 19)) TH_LOG("out: %s", r.out);
}

TEST_F(ext, output_is_captured_not_traced)
{
	char marker[64];
	struct pt_regs regs = { .rdi = 1000000000ULL + getpid(), .rsi = 0 };
	struct run r;

	snprintf(marker, sizeof(marker), "kprobe di=%llu ", (unsigned long long)regs.rdi);
	run_regs(&r, self->kp, &regs, NULL, 0);
	ASSERT_EQ(0, r.err) TH_LOG("%s", r.log);
	EXPECT_EQ(0, strncmp(r.out, marker, strlen(marker))) TH_LOG("out: %s", r.out);
	EXPECT_FALSE(trace_has(marker)) TH_LOG("test-run output reached the trace buffer");
}

TEST_F(ext, output_truncated_reports_true_size)
{
	struct pt_regs regs = { .rdi = 12345, .rsi = 0 };
	char small[8];
	struct iu_test_run_opts o = { .sz = sizeof(o), .ctx = &regs, .ctx_size = sizeof(regs),
				      .out = small, .out_size = sizeof(small) };

	ASSERT_EQ(0, iu_program__test_run(self->kp, &o));
	EXPECT_STREQ("kprobe ", small);
	EXPECT_LT(sizeof(small), o.out_true_size);
}

TEST_F(ext, kretprobe)
{
	struct pt_regs regs = { .rax = (unsigned long)-5L };
	struct run r;

	run_regs(&r, self->krp, &regs, NULL, 0);
	ASSERT_EQ(0, r.err) TH_LOG("%s", r.log);
	EXPECT_EQ(IU_TEST_RUN_RETURNED, r.o.outcome);
	EXPECT_EQ(7, r.o.retval);
	EXPECT_STREQ("kretprobe ret=-5\n", r.out);
}

TEST_F(ext, tracepoint_record)
{
	unsigned char rec[24] = { 0 };
	int nr = 32;
	__u64 fildes = 77;
	char out[256];
	struct iu_test_run_opts o = { .sz = sizeof(o), .ctx = rec, .ctx_size = sizeof(rec),
				      .out = out, .out_size = sizeof(out) };

	ASSERT_EQ(sizeof(rec), iu_program__ctx_size(self->tp));
	memcpy(rec + 8, &nr, sizeof(nr));
	memcpy(rec + 16, &fildes, sizeof(fildes));
	ASSERT_EQ(0, iu_program__test_run(self->tp, &o));
	EXPECT_EQ(IU_TEST_RUN_RETURNED, o.outcome);
	EXPECT_EQ(3, o.retval);
	EXPECT_STREQ("tracepoint nr=32 fildes=77\n", out);
}

TEST_F(ext, runaway_is_terminated)
{
	struct pt_regs regs = { .rdi = 3 };
	struct iu_prog_stats st;
	struct run r;

	run_regs(&r, self->spin, &regs, NULL, 0);
	ASSERT_EQ(0, r.err) TH_LOG("%s", r.log);
	EXPECT_EQ(IU_TEST_RUN_TERMINATED, r.o.outcome);
	EXPECT_EQ(0, r.o.retval);
	EXPECT_STREQ("spin 3\n", r.out);
	EXPECT_EQ(0, strncmp(r.o.reason, "terminated after ", 17)) TH_LOG("reason: %s", r.o.reason);
	EXPECT_NE(NULL, strstr(r.o.reason, "tr_spin")) TH_LOG("reason: %s", r.o.reason);
	ASSERT_EQ(0, iu_program__stats(self->spin, &st));
	EXPECT_EQ(1, st.terminations);
}

TEST_F(ext, out_of_bounds_panics)
{
	struct pt_regs regs = { .rdi = 10 };
	struct run r;

	run_regs(&r, self->panic, &regs, NULL, 0);
	ASSERT_EQ(0, r.err) TH_LOG("%s", r.log);
	EXPECT_EQ(IU_TEST_RUN_PANICKED, r.o.outcome);
	EXPECT_EQ(0, strncmp(r.o.reason, "panicked: ", 10)) TH_LOG("reason: %s", r.o.reason);
	regs.rdi = 2;
	run_regs(&r, self->panic, &regs, NULL, 0);
	EXPECT_EQ(IU_TEST_RUN_RETURNED, r.o.outcome);
	EXPECT_EQ(3, r.o.retval);
}

static int cmp_u32(const void *a, const void *b)
{
	__u32 x = *(const __u32 *)a, y = *(const __u32 *)b;

	return x < y ? -1 : x > y;
}

/* A local array of 256 bytes: zero-initialised through iu_rt's memset (a
 * direct call), then sorted; checked against qsort of the same values. */
TEST_F(ext, large_local_array_sorts)
{
	__u64 seeds[] = { 0, 1, 12345, 0xdeadbeefcafeULL };

	for (unsigned int s = 0; s < sizeof(seeds) / sizeof(seeds[0]); s++) {
		struct pt_regs regs = { .rdi = seeds[s] };
		__u64 x = seeds[s];
		__u32 v[64];
		struct run r;

		for (int i = 0; i < 64; i++) {
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
			v[i] = (__u32)(x >> 48);
		}
		qsort(v, 64, sizeof(v[0]), cmp_u32);
		run_regs(&r, self->sort, &regs, NULL, 0);
		ASSERT_EQ(0, r.err) TH_LOG("%s", r.log);
		EXPECT_EQ(IU_TEST_RUN_RETURNED, r.o.outcome) TH_LOG("reason: %s", r.o.reason);
		EXPECT_EQ(v[0] | (v[63] << 16), r.o.retval) TH_LOG("seed %llu", (unsigned long long)seeds[s]);
	}
}

/* debugfs iu/programs' entry column of the program named @name. */
static int entry_of(const char *name, char *entry, size_t size)
{
	FILE *f = fopen("/sys/kernel/debug/iu/programs", "r");
	char line[512], n[64], e[32];
	int found = 0;

	while (f && !found && fgets(line, sizeof(line), f))
		if (sscanf(line, "%*u %*u %63s %*u %*s %*u %*u %*u %*u %31s", n, e) == 2 &&
		    !strcmp(n, name)) {
			snprintf(entry, size, "%s", e);
			found = 1;
		}
	if (f)
		fclose(f);
	return found;
}

#define BUDGET_PARAM "/sys/module/iu/parameters/budget_us"

static int read_budget(void)
{
	FILE *f = fopen(BUDGET_PARAM, "r");
	int v = -1;

	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

static int write_budget(int v)
{
	FILE *f = fopen(BUDGET_PARAM, "w");
	int ok = f && fprintf(f, "%d\n", v) > 0;

	return (f && !fclose(f) && ok) ? 0 : -1;
}

/*
 * A frameless program in a hard IRQ taken during a test run (the tick, on
 * the CPU that runs it) prints to the trace buffer, not into the run's
 * output. tr_wait_ticks returns 1 only after its CPU has ticked, so the
 * interrupt did happen inside the run; the budget is 5 s for this run (a
 * tick is due every few ms, but a busy host can hold the guest back).
 */
TEST_F(ext, interrupt_prints_are_not_captured)
{
	struct iu_program *tick = iu_object__find_program_by_name(self->obj, "tr_tick");
	struct iu_program *wait = iu_object__find_program_by_name(self->obj, "tr_wait_ticks");
	struct pt_regs regs = { 0 };
	struct iu_link *link;
	char entry[32] = "";
	struct run r;
	int budget;

	ASSERT_TRUE(tick && wait);
	ASSERT_TRUE(entry_of("tr_tick", entry, sizeof(entry)));
	/* framed, it would push a frame of its own and the case is not tested */
	ASSERT_STREQ("frameless", entry);
	budget = read_budget();
	ASSERT_LT(0, budget) TH_LOG("cannot read " BUDGET_PARAM);
	link = iu_program__attach(tick);
	ASSERT_NE(NULL, link) TH_LOG("attach tr_tick: %s", strerror(errno));
	ASSERT_EQ(0, write_budget(5000000));
	run_regs(&r, wait, &regs, NULL, 0);
	EXPECT_EQ(0, write_budget(budget));
	iu_link__destroy(link);
	ASSERT_EQ(0, r.err) TH_LOG("%s", r.log);
	EXPECT_EQ(IU_TEST_RUN_RETURNED, r.o.outcome) TH_LOG("reason: %s", r.o.reason);
	EXPECT_EQ(1, r.o.retval);
	EXPECT_STREQ("wait start\nwait saw ticks\n", r.out);
	EXPECT_TRUE(trace_has("tr_tick ")) TH_LOG("the tick's prints are not in the trace buffer");
}

/* ------------------------------------------------------------ refusals */

static int raw_test_run(int fd, struct iu_test_run_attr *a, char *log, size_t log_size)
{
	a->log_buf = (unsigned long)log;
	a->log_size = log_size;
	log[0] = 0;
	return ioctl(fd, IU_IOC_TEST_RUN, a) ? -errno : 0;
}

FIXTURE(refuse) {
	struct iu_object *obj;
	int dev, kp, tp;
	char log[1024];
	struct pt_regs regs;
	struct iu_test_run_attr a;
};

FIXTURE_SETUP(refuse)
{
	self->obj = open_iu("tests/ext/test_run.iu");
	ASSERT_NE(NULL, self->obj);
	self->dev = open(IU_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->dev);
	self->kp = iu_program__fd(iu_object__find_program_by_name(self->obj, "tr_kprobe"));
	self->tp = iu_program__fd(iu_object__find_program_by_name(self->obj, "tr_tp"));
	memset(&self->a, 0, sizeof(self->a));
	self->a.size = sizeof(self->a);
	self->a.prog_fd = self->kp;
	self->a.ctx = (unsigned long)&self->regs;
	self->a.ctx_size = sizeof(self->regs);
}

FIXTURE_TEARDOWN(refuse)
{
	close(self->dev);
	iu_object__close(self->obj);
}

#define EXPECT_REFUSED(err, want)                                                      \
	do {                                                                          \
		EXPECT_EQ(-(err), raw_test_run(self->dev, &self->a, self->log,        \
					       sizeof(self->log)));                   \
		EXPECT_NE(NULL, strstr(self->log, want)) TH_LOG("log: %s", self->log); \
	} while (0)

TEST_F(refuse, the_raw_ioctl_runs)
{
	EXPECT_EQ(0, raw_test_run(self->dev, &self->a, self->log, sizeof(self->log)))
		TH_LOG("log: %s", self->log);
	EXPECT_EQ(1, self->a.retval);
	EXPECT_EQ(1, self->a.nr_prints);
}

TEST_F(refuse, kprobe_context_size)
{
	self->a.ctx_size = sizeof(self->regs) - 8;
	EXPECT_REFUSED(EINVAL, "its context is a struct pt_regs of 168 bytes, not 160");
	self->a.ctx_size = sizeof(self->regs) + 8;
	EXPECT_REFUSED(EINVAL, "not 176");
}

TEST_F(refuse, tracepoint_context_size)
{
	self->a.prog_fd = self->tp;
	self->a.ctx_size = 16;
	EXPECT_REFUSED(EINVAL, "reads a 24-byte record: a context of 16 bytes is wrong");
	self->a.ctx_size = 9000;
	EXPECT_REFUSED(EINVAL, "a context of 9000 bytes is wrong");
}

TEST_F(refuse, unbound_program)
{
	struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	int fd = bpf_prog_load(BPF_PROG_TYPE_KPROBE, "tr_kprobe", "GPL", insns, 2, NULL);

	ASSERT_LE(0, fd) TH_LOG("bpf_prog_load: %s", strerror(errno));
	self->a.prog_fd = fd;
	EXPECT_REFUSED(ENOENT, "is not bound to an iu program");
	close(fd);
	self->a.prog_fd = self->dev;
	EXPECT_REFUSED(EINVAL, "is not an open kprobe or tracepoint BPF program");
}

TEST_F(refuse, oversized_memory)
{
	static char big[IU_TEST_RUN_MEM_MAX + 1];

	self->a.mem = (unsigned long)big;
	self->a.mem_size = sizeof(big);
	EXPECT_REFUSED(E2BIG, "argument memory of 65537 bytes is larger than 65536");
	self->a.mem_size = IU_TEST_RUN_MEM_MAX;
	EXPECT_EQ(0, raw_test_run(self->dev, &self->a, self->log, sizeof(self->log)));
	self->a.mem_size = 0;
	EXPECT_REFUSED(EINVAL, "mem and mem_size go together");
}

TEST_F(refuse, nonzero_unused_fields)
{
	self->a.flags = 1;
	EXPECT_REFUSED(EINVAL, "flags, pad and log_level must be 0");
	self->a.flags = 0;
	self->a.pad = 1;
	EXPECT_REFUSED(EINVAL, "flags, pad and log_level must be 0");
	self->a.pad = 0;
	self->a.log_level = 1;
	EXPECT_REFUSED(EINVAL, "flags, pad and log_level must be 0");
	self->a.log_level = 0;
	/* outputs are ignored on input: the struct runs again as it is */
	self->a.retval = 99;
	self->a.reason[100] = 'x';
	EXPECT_EQ(0, raw_test_run(self->dev, &self->a, self->log, sizeof(self->log)));
	EXPECT_EQ(1, self->a.retval);
	EXPECT_STREQ("", self->a.reason);
	self->a.ctx = 0;
	EXPECT_REFUSED(EINVAL, "no context");
}

TEST_F(refuse, struct_too_large)
{
	struct { struct iu_test_run_attr a; __u64 extra; } big = { .a = self->a, .extra = 1 };

	big.a.size = sizeof(big);
	EXPECT_EQ(-1, ioctl(self->dev, IU_IOC_TEST_RUN, &big));
	EXPECT_EQ(E2BIG, errno);
	EXPECT_EQ(IU_TEST_RUN_ATTR_SIZE_VER0, big.a.size);
	big.extra = 0;
	big.a.size = sizeof(big);
	EXPECT_EQ(0, ioctl(self->dev, IU_IOC_TEST_RUN, &big));
}

/* ------------------------------------------------------------ the samples */

TEST(hello)
{
	struct iu_object *obj;
	struct iu_program *prog;
	unsigned char rec[24] = { 0 };
	__u64 fildes = 5;
	char out[256], want[128];
	struct iu_test_run_opts o = { .sz = sizeof(o), .ctx = rec, .ctx_size = sizeof(rec),
				      .out = out, .out_size = sizeof(out) };

	obj = open_iu("samples/hello/hello.iu");
	ASSERT_NE(NULL, obj);
	prog = iu_object__find_program_by_name(obj, "iu_prog1");
	ASSERT_NE(NULL, prog);
	memcpy(rec + 16, &fildes, sizeof(fildes));
	ASSERT_EQ(0, iu_program__test_run(prog, &o));
	snprintf(want, sizeof(want), "C++ triggered from PID %d: dup(5).\n", getpid());
	EXPECT_STREQ(want, out);
	EXPECT_EQ(0, o.retval);
	iu_object__close(obj);
}

FIXTURE(tracex5) {
	struct iu_object *obj;
	struct iu_program *prog;
	struct seccomp_data sd;
	char out[1024];
};

FIXTURE_SETUP(tracex5)
{
	const char *iu = getenv("TRACEX5_IU");	/* another build of tracex5, if set */

	self->obj = open_iu(iu && *iu ? iu : "samples/tracex5/tracex5.iu");
	ASSERT_NE(NULL, self->obj);
	self->prog = iu_object__find_program_by_name(self->obj, "bpf_prog1");
	ASSERT_NE(NULL, self->prog);
}

FIXTURE_TEARDOWN(tracex5)
{
	iu_object__close(self->obj);
}

/* __seccomp_filter(nr, sd, ...) with sd pointing at a test seccomp_data
 * (size in args[2]), or at nothing (sd NULL, as 6.1's syscall entry). */
static int tx5(struct _test_data_tracex5 *self, int nr, __u64 size, int with_sd)
{
	struct pt_regs regs = { .rdi = (unsigned int)nr };
	struct iu_test_run_opts o = { .sz = sizeof(o), .ctx = &regs, .ctx_size = sizeof(regs),
				      .out = self->out, .out_size = sizeof(self->out) };

	memset(&self->sd, 0, sizeof(self->sd));
	self->sd.nr = nr;
	self->sd.args[0] = 1;
	self->sd.args[1] = 0x1000;
	self->sd.args[2] = size;
	if (with_sd) {
		regs.rsi = (unsigned long)&self->sd;
		o.mem = &self->sd;
		o.mem_size = sizeof(self->sd);
	}
	self->out[0] = 0;
	if (iu_program__test_run(self->prog, &o) || o.outcome != IU_TEST_RUN_RETURNED)
		return -1;
	return (int)o.nr_prints;
}

static int prints_rw(const char *out, const char *call, __u64 size)
{
	char head[64], tail[64];
	size_t n = strlen(out), t;

	snprintf(head, sizeof(head), "%s(fd=1, buf=", call);
	snprintf(tail, sizeof(tail), ", size=%llu)\n", (unsigned long long)size);
	t = strlen(tail);
	return !strncmp(out, head, strlen(head)) && n > t && !strcmp(out + n - t, tail);
}

TEST_F(tracex5, write_512_prints_511_not)
{
	ASSERT_EQ(1, tx5(self, __NR_write, 512, 1));
	EXPECT_TRUE(prints_rw(self->out, "write", 512)) TH_LOG("out: %s", self->out);
	EXPECT_EQ(0, tx5(self, __NR_write, 511, 1)) TH_LOG("out: %s", self->out);
	EXPECT_EQ(0, tx5(self, __NR_write, 513, 1)) TH_LOG("out: %s", self->out);
}

TEST_F(tracex5, read_bounds)
{
	EXPECT_EQ(0, tx5(self, __NR_read, 128, 1)) TH_LOG("out: %s", self->out);
	ASSERT_EQ(1, tx5(self, __NR_read, 129, 1));
	EXPECT_TRUE(prints_rw(self->out, "read", 129)) TH_LOG("out: %s", self->out);
	ASSERT_EQ(1, tx5(self, __NR_read, 1024, 1));
	EXPECT_TRUE(prints_rw(self->out, "read", 1024)) TH_LOG("out: %s", self->out);
	EXPECT_EQ(0, tx5(self, __NR_read, 1025, 1)) TH_LOG("out: %s", self->out);
}

TEST_F(tracex5, mmap)
{
	ASSERT_EQ(1, tx5(self, __NR_mmap, 0, 1));
	EXPECT_STREQ("mmap\n", self->out);
	ASSERT_EQ(1, tx5(self, __NR_mmap, 0, 0));
	EXPECT_STREQ("mmap\n", self->out);
}

TEST_F(tracex5, getuid_getsid_range)
{
	int nrs[] = { __NR_getuid, __NR_getsid };
	char want[80];

	int i;

	for (i = 0; i < 2; i++) {
		int nr = nrs[i];

		ASSERT_EQ(1, tx5(self, nr, 0, 1));
		snprintf(want, sizeof(want), "syscall=%d (one of get/set uid/pid/gid)\n", nr);
		EXPECT_STREQ(want, self->out);
	}
	EXPECT_EQ(0, tx5(self, __NR_getuid - 1, 0, 1)) TH_LOG("out: %s", self->out);
	EXPECT_EQ(0, tx5(self, __NR_getsid + 1, 0, 1)) TH_LOG("out: %s", self->out);
}

TEST_F(tracex5, other_syscalls_silent)
{
	int nrs[] = { __NR_open, __NR_close, __NR_getpid, __NR_openat, __NR_exit_group, 1000 };

	size_t i;

	for (i = 0; i < sizeof(nrs) / sizeof(nrs[0]); i++) {
		int nr = nrs[i];

		EXPECT_EQ(0, tx5(self, nr, 512, 1)) TH_LOG("nr %d: %s", nr, self->out);
	}
}

/* sd == NULL: the read faults, leaves zeros, and nothing prints. */
TEST_F(tracex5, faulting_sd_read_is_silent)
{
	EXPECT_EQ(0, tx5(self, __NR_write, 512, 0)) TH_LOG("out: %s", self->out);
	EXPECT_EQ(0, tx5(self, __NR_read, 512, 0)) TH_LOG("out: %s", self->out);
}

IU_KSFT_KERNEL_LOG_CLEAN()

int main(int argc, char **argv)
{
	iu_ksft_start("test_run");
	if (iu_ksft_insert_module())
		return KSFT_FAIL;
	return test_harness_run(argc, argv);
}
