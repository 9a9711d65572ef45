// SPDX-License-Identifier: GPL-2.0
/*
 * libiu_attach: libiu's attach paths against real hooks.
 *
 * kprobe/<symbol>+<offset> (ext/libiu_attach.cpp): the program attached by
 * iu_program__attach() fires when the process opens files, and the pt_regs it
 * gets are those of a probe <offset> bytes into the function: on x86 a
 * kprobe handler sees ip = probed address + 1 (after the int3, also for
 * optimized probes, which set it so), compared with /proc/kallsyms. An offset
 * inside an instruction is refused by the kernel (EILSEQ) and reported.
 *
 * iu.ko is inserted from $IU_ROOT/module/iu.ko when /dev/iu is missing, and
 * the last test checks the kernel log (iu_ksft.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <iu/libiu.h>
#include <linux/iu.h>
#include <linux/openat2.h>

#include "kselftest_harness.h"
#include "iu_ksft.h"

#define FUNC		"do_sys_openat2"
#define OFFSET		7
#define TIMEOUT_MS	30000	/* generous: TCG guests on shared hosts are slow */

static unsigned long kallsyms(const char *name)
{
	char line[256], sym[200], type;
	unsigned long addr, found = 0;
	FILE *f = fopen("/proc/kallsyms", "r");

	while (f && !found && fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx %c %199s", &addr, &type, sym) == 3 && !strcmp(sym, name))
			found = addr;
	if (f)
		fclose(f);
	return found;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* The ip of the first "at_offset" line this process caused, or 0. */
static unsigned long traced_ip(void)
{
	const char *want = "libiu_attach: at_offset ip ";
	FILE *f = fopen("/sys/kernel/tracing/trace", "r");
	unsigned long ip, found = 0;
	char line[512];
	unsigned int tgid;

	while (f && !found && fgets(line, sizeof(line), f)) {
		char *p = strstr(line, want);

		if (p && sscanf(p + strlen(want), "%lx tgid %u", &ip, &tgid) == 2 &&
		    tgid == (unsigned int)getpid())
			found = ip;
	}
	if (f)
		fclose(f);
	return found;
}

/* Both ways into do_sys_openat2: open(2) and openat2(2). */
static void open_files(void)
{
	struct open_how how = { .flags = O_RDONLY };
	int fd = open("/dev/null", O_RDONLY);

	if (fd >= 0)
		close(fd);
	fd = syscall(SYS_openat2, AT_FDCWD, "/dev/null", &how, sizeof(how));
	if (fd >= 0)
		close(fd);
}

FIXTURE(attach) {
	struct iu_object *obj;
};

FIXTURE_SETUP(attach)
{
	char path[4200];

	snprintf(path, sizeof(path), "%s/ext/libiu_attach.iu", iu_tests());
	self->obj = iu_object__open(path);
	ASSERT_NE(NULL, self->obj) TH_LOG("iu_object__open(%s): %s", path, strerror(errno));
}

FIXTURE_TEARDOWN(attach)
{
	iu_object__close(self->obj);
}

TEST_F(attach, kprobe_at_offset_fires_there)
{
	struct iu_program *prog = iu_object__find_program_by_name(self->obj, "at_offset");
	unsigned long func = kallsyms(FUNC), ip = 0;
	struct iu_prog_stats st;
	struct iu_link *link;
	long long end;
	/* runs are the placeholder's BPF statistics: counted while enabled */
	int stats = bpf_enable_stats(BPF_STATS_RUN_TIME);

	ASSERT_LE(0, stats) TH_LOG("BPF_ENABLE_STATS: %s", strerror(errno));
	ASSERT_NE(NULL, prog);
	ASSERT_STREQ("kprobe/" FUNC "+7", iu_program__section_name(prog));
	ASSERT_NE(0, func) TH_LOG("no %s in /proc/kallsyms", FUNC);
	link = iu_program__attach(prog);
	ASSERT_NE(NULL, link) TH_LOG("iu_program__attach: %s", strerror(errno));
	for (end = now_ms() + TIMEOUT_MS; !ip && now_ms() < end;) {
		open_files();
		ip = traced_ip();
		if (!ip)
			usleep(20 * 1000);
	}
	iu_link__destroy(link);
	ASSERT_NE(0, ip) TH_LOG("no trace line from at_offset within %d ms", TIMEOUT_MS);
	EXPECT_EQ(func + OFFSET + 1, ip)
		TH_LOG("%s is at %lx: ip %lx is %s+%ld, want +%d (+1 for the int3)", FUNC, func, ip,
		       FUNC, (long)(ip - func), OFFSET);
	ASSERT_EQ(0, iu_program__stats(prog, &st));
	EXPECT_LE(1, st.runs);
	EXPECT_EQ(0, st.panics);
	close(stats);
}

TEST_F(attach, kprobe_inside_an_instruction_is_refused)
{
	struct iu_program *prog = iu_object__find_program_by_name(self->obj, "mid_insn");
	struct iu_link *link;

	ASSERT_NE(NULL, prog);
	ASSERT_STREQ("kprobe/" FUNC "+6", iu_program__section_name(prog));
	errno = 0;
	link = iu_program__attach(prog);
	EXPECT_EQ(NULL, link);
	EXPECT_EQ(EILSEQ, errno) TH_LOG("errno %d (%s)", errno, strerror(errno));
	iu_link__destroy(link);
}

IU_KSFT_KERNEL_LOG_CLEAN()

int main(int argc, char **argv)
{
	iu_ksft_start("libiu_attach");
	if (iu_ksft_insert_module())
		return KSFT_FAIL;
	return test_harness_run(argc, argv);
}
