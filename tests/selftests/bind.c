// SPDX-License-Identifier: GPL-2.0
/*
 * bind: what binding native code to a placeholder must not break in the rest
 * of the kernel.
 *
 * 1. A bound placeholder is an ordinary KPROBE program, so a prog array of
 *    that type accepts it, and the x86 JIT enters tail calls at bpf_func +
 *    X86_TAIL_CALL_OFFSET. An eBPF program tail-calls one: the tail call
 *    happens, runs the placeholder's own code (the native code does not run,
 *    nothing crashes), before and after the object is unbound; the same
 *    program attached to its own hook does run natively.
 * 2. BPF_OBJ_GET_INFO_BY_FD copies the JIT image from bpf_func with no lock:
 *    it runs in a loop on a placeholder that is bound and unbound forty
 *    times meanwhile.
 * 3. No kernel warning.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>

#include <bpf/libbpf.h>
#include <iu/libiu.h>

#include "kselftest_harness.h"
#include "iu_ksft.h"

static char target_iu[4200], tailcall_o[4200];

static long trace_count(const char *needle)
{
	FILE *f = fopen("/sys/kernel/tracing/trace", "r");
	char line[512];
	long n = 0;

	while (f && fgets(line, sizeof(line), f))
		n += !!strstr(line, needle);
	if (f)
		fclose(f);
	return n;
}

static void clear_trace(void)
{
	int fd = open("/sys/kernel/tracing/trace", O_WRONLY | O_TRUNC | O_CLOEXEC);

	if (fd >= 0)
		close(fd);
}

static __u64 count_of(int map_fd, __u32 key)
{
	__u64 v = 0;

	bpf_map_lookup_elem(map_fd, &key, &v);
	return v;
}

static __u64 runs_of(const struct iu_program *prog)
{
	struct iu_prog_stats st;

	return iu_program__stats(prog, &st) ? ~0ULL : st.runs;
}

TEST(tail_call_into_bound_placeholder)
{
	struct bpf_object *bobj;
	struct bpf_program *caller;
	struct bpf_link *blink;
	struct iu_object *obj;
	struct iu_program *prog;
	struct iu_link *link;
	int progs, counts, ph, i;
	__u32 key = 0;
	__u64 runs0;
	/* runs are the placeholder's BPF statistics: counted while enabled */
	int stats = bpf_enable_stats(BPF_STATS_RUN_TIME);

	ASSERT_LE(0, stats) TH_LOG("BPF_ENABLE_STATS: %s", strerror(errno));
	obj = iu_object__open(target_iu);
	ASSERT_NE(NULL, obj) TH_LOG("open %s: %s", target_iu, strerror(errno));
	prog = iu_object__find_program_by_name(obj, "bind_target");
	ASSERT_NE(NULL, prog);
	ph = iu_program__fd(prog);

	bobj = bpf_object__open_file(tailcall_o, NULL);
	ASSERT_EQ(0, libbpf_get_error(bobj)) TH_LOG("open %s", tailcall_o);
	ASSERT_EQ(0, bpf_object__load(bobj));
	progs = bpf_object__find_map_fd_by_name(bobj, "progs");
	counts = bpf_object__find_map_fd_by_name(bobj, "counts");
	ASSERT_LE(0, progs);
	ASSERT_LE(0, counts);
	/* The kernel takes the bound placeholder into the prog array. */
	ASSERT_EQ(0, bpf_map_update_elem(progs, &key, &ph, BPF_ANY))
		TH_LOG("prog array update: %s", strerror(errno));
	caller = bpf_object__find_program_by_name(bobj, "tail_caller");
	ASSERT_NE(NULL, caller);
	blink = bpf_program__attach(caller);
	ASSERT_EQ(0, libbpf_get_error(blink)) TH_LOG("attach tail_caller");

	clear_trace();
	runs0 = runs_of(prog);
	for (i = 0; i < 50; i++)
		syscall(SYS_getpgid, 0);
	EXPECT_LE(50, count_of(counts, 0));
	/* The tail call was taken every time (the caller did not fall
	 * through), into the placeholder's own code: no native run. */
	EXPECT_EQ(0, count_of(counts, 1));
	EXPECT_EQ(runs0, runs_of(prog));
	EXPECT_EQ(0, trace_count("bind_target ran natively"));

	/* It is bound: on its own hook the native code runs. */
	link = iu_program__attach(prog);
	ASSERT_NE(NULL, link);
	for (i = 0; i < 5; i++)
		syscall(SYS_getsid, 0);
	EXPECT_LE(runs0 + 5, runs_of(prog));
	EXPECT_LE(5, trace_count("bind_target ran natively"));
	iu_link__destroy(link);

	/* Unbound while still in the prog array: tail calls still land. */
	iu_object__close(obj);
	for (i = 0; i < 50; i++)
		syscall(SYS_getpgid, 0);
	EXPECT_LE(100, count_of(counts, 0));
	EXPECT_EQ(0, count_of(counts, 1));

	bpf_link__destroy(blink);
	bpf_object__close(bobj);
	close(stats);
}

struct info_loop {
	int fd;
	volatile bool stop;
	long ok, failed;
};

static void *get_info_loop(void *arg)
{
	struct info_loop *l = arg;
	static unsigned char buf[4096];

	while (!l->stop) {
		struct bpf_prog_info info = {};
		__u32 len = sizeof(info);

		info.jited_prog_insns = (__u64)(unsigned long)buf;
		info.jited_prog_len = sizeof(buf);
		if (bpf_obj_get_info_by_fd(l->fd, &info, &len))
			l->failed++;
		else
			l->ok++;
	}
	return NULL;
}

static int bind_once(int dev, int elf_fd, __u32 ph)
{
	struct iu_load_attr attr = {
		.size = sizeof(attr),
		.elf_fd = elf_fd,
		.prog_fds = (__u64)(unsigned long)&ph,
		.nr_progs = 1,
	};

	return ioctl(dev, IU_IOC_LOAD, &attr);
}

TEST(get_info_during_bind_unbind)
{
	struct info_loop l = {};
	pthread_t t;
	int dev, elf, i, h;

	l.fd = placeholder(BPF_PROG_TYPE_KPROBE, "bind_target");
	ASSERT_LE(0, l.fd) TH_LOG("placeholder: %s", strerror(errno));
	dev = open(IU_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, dev);
	elf = open(target_iu, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, elf);
	ASSERT_EQ(0, pthread_create(&t, NULL, get_info_loop, &l));
	for (i = 0; i < 40; i++) {
		h = bind_once(dev, elf, l.fd);
		EXPECT_LE(0, h) TH_LOG("bind %d: %s", i, strerror(errno));
		if (h >= 0)
			close(h);	/* unbinds */
	}
	l.stop = true;
	pthread_join(t, NULL);
	note("%ld BPF_OBJ_GET_INFO_BY_FD calls meanwhile, %ld failed\n", l.ok, l.failed);
	EXPECT_LT(0, l.ok);
	EXPECT_EQ(0, l.failed);
	close(elf);
	close(dev);
	close(l.fd);
}

IU_KSFT_KERNEL_LOG_CLEAN()

int main(int argc, char **argv)
{
	iu_ksft_start("bind");
	snprintf(target_iu, sizeof(target_iu), "%s/bind.d/target.iu", iu_tests());
	snprintf(tailcall_o, sizeof(tailcall_o), "%s/bind.d/tailcall.bpf.o", iu_tests());
	if (iu_ksft_insert_module())
		return KSFT_FAIL;
	return test_harness_run(argc, argv);
}
