/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the compiled guest tests (kselftest_harness.h) share: where the staged
 * tree is, iu.ko in and out, placeholder programs as libiu makes them, and
 * the last test of every binary: no kernel warning since it started.
 *
 *	#include "kselftest_harness.h"
 *	#include "iu_ksft.h"
 *	...tests...
 *	IU_KSFT_KERNEL_LOG_CLEAN()		(declared last: runs last)
 *	int main(int argc, char **argv)
 *	{
 *		iu_ksft_start("name");
 *		if (iu_ksft_insert_module())
 *			return KSFT_FAIL;
 *		return test_harness_run(argc, argv);
 *	}
 */
#ifndef _IU_KSFT_H
#define _IU_KSFT_H

#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <linux/iu.h>

#define note(fmt, ...) fprintf(stderr, "# " fmt, ##__VA_ARGS__)

static inline const char *iu_root(void)
{
	const char *r = getenv("IU_ROOT");

	return r && *r ? r : "/iu";
}

static inline const char *iu_tests(void)
{
	const char *t = getenv("IU_TESTS");

	return t && *t ? t : "/iu/tests";
}

static bool iu_ksft_inserted;
static int iu_ksft_kmsg = -1;

static inline void iu_ksft_remove_module(void)
{
	if (iu_ksft_inserted && syscall(SYS_delete_module, "iu", O_NONBLOCK)) {
		fprintf(stderr, "# rmmod iu: %s\n", strerror(errno));
		fflush(stdout);
		_exit(KSFT_FAIL);
	}
}

/* insmod $IU_ROOT/module/iu.ko unless /dev/iu exists; rmmod it at exit then. */
static inline int iu_ksft_insert_module(void)
{
	char ko[4200];
	int fd;

	if (!access(IU_DEVICE_PATH, F_OK))
		return 0;
	snprintf(ko, sizeof(ko), "%s/module/iu.ko", iu_root());
	fd = open(ko, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || syscall(SYS_finit_module, fd, "", 0)) {
		ksft_print_msg("insmod %s: %s\n", ko, strerror(errno));
		return -1;
	}
	close(fd);
	iu_ksft_inserted = true;
	atexit(iu_ksft_remove_module);
	return 0;
}

/*
 * "r0 = 0; exit", GPL, named like the program: what libiu loads. A
 * tracepoint placeholder first reads byte @reach - 1 of its record (none if
 * @reach is 0), so that the verifier sets its max_ctx_offset to @reach
 * (libiu reads as far as the file's record size; docs/abi.md 1.4.1).
 */
static inline int placeholder_reaching(enum bpf_prog_type type, const char *name, unsigned int reach)
{
	const struct bpf_insn insns[] = {
		{ .code = 0x71 /* BPF_LDX | BPF_MEM | BPF_B */, .dst_reg = 0, .src_reg = 1,
		  .off = (__s16)(reach - 1) },
		{ .code = 0xb7 /* BPF_ALU64 | BPF_MOV | BPF_K */ },
		{ .code = 0x95 /* BPF_JMP | BPF_EXIT */ },
	};

	return reach ? bpf_prog_load(type, name, "GPL", insns, 3, NULL) :
		       bpf_prog_load(type, name, "GPL", insns + 1, 2, NULL);
}

/* PERF_MAX_TRACE_SIZE: as far as any tracepoint record goes. */
#define MAX_RECORD 8192

/* What the refusal cases need: any tracepoint program binds to it. */
static inline int placeholder(enum bpf_prog_type type, const char *name)
{
	return placeholder_reaching(type, name, type == BPF_PROG_TYPE_TRACEPOINT ? MAX_RECORD : 0);
}

/*
 * A mark for humans reading the console, and a reader positioned after it:
 * the last test reads every record logged since (a shared file position;
 * the other tests never read it). The mark has its newline: a record
 * without one stays open for continuation, invisible to readers until the
 * next message.
 */
static inline void iu_ksft_start(const char *name)
{
	char mark[128];
	int fd;

	snprintf(mark, sizeof(mark), "iu-selftest: mark %d %s\n", (int)getpid(), name);
	fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		if (write(fd, mark, strlen(mark)) < 0)
			ksft_print_msg("cannot write to /dev/kmsg: %s\n", strerror(errno));
		close(fd);
	}
	iu_ksft_kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (iu_ksft_kmsg >= 0)
		lseek(iu_ksft_kmsg, 0, SEEK_END);
}

/* The host's list of kernel-log patterns (scripts/vm packs it), else a fallback. */
static inline void iu_ksft_bad_patterns(regex_t *re, int *n, int max)
{
	static const char *const fallback[] = {
		"BUG:", "WARNING:", "Oops", "general protection", "Call Trace", "kernel BUG",
		"UBSAN", "refcount_t:", "list_add corruption", "soft lockup",
	};
	char line[512];
	FILE *f = fopen("/etc/iu/bad-log-patterns", "r");
	size_t i;

	*n = 0;
	if (f) {
		while (*n < max && fgets(line, sizeof(line), f)) {
			line[strcspn(line, "\n")] = 0;
			if (line[0] && !regcomp(&re[*n], line, REG_EXTENDED | REG_NOSUB))
				(*n)++;
		}
		fclose(f);
		return;
	}
	for (i = 0; i < sizeof(fallback) / sizeof(fallback[0]); i++)
		if (!regcomp(&re[*n], fallback[i], REG_EXTENDED | REG_NOSUB))
			(*n)++;
}

/* Declared after every other test, so that it runs last. */
#define IU_KSFT_KERNEL_LOG_CLEAN()						\
FIXTURE(final) {};								\
FIXTURE_SETUP(final) {}								\
FIXTURE_TEARDOWN(final) {}							\
TEST_F(final, kernel_log_clean)							\
{										\
	char rec[8192];								\
	regex_t re[64];								\
	int n, i, records = 0, hits = 0;					\
	ssize_t len;								\
										\
	/* Every record since iu_ksft_start(), from /dev/kmsg. */		\
	ASSERT_LE(0, iu_ksft_kmsg) TH_LOG("/dev/kmsg was not readable at start"); \
	iu_ksft_bad_patterns(re, &n, 64);					\
	ASSERT_LT(0, n);							\
	for (;;) {								\
		char *msg, *end;						\
										\
		len = read(iu_ksft_kmsg, rec, sizeof(rec) - 1);			\
		if (len < 0 && errno == EPIPE) {				\
			note("kernel log records were overwritten before they were read\n"); \
			continue;						\
		}								\
		if (len < 0 && errno == EAGAIN)					\
			break;							\
		ASSERT_LT(0, len) TH_LOG("read /dev/kmsg: %s", strerror(errno)); \
		rec[len] = 0;							\
		/* "prio,seq,ts,flags;text\n" then " KEY=VALUE" lines */	\
		msg = strchr(rec, ';');						\
		if (!msg)							\
			continue;						\
		msg++;								\
		end = strchr(msg, '\n');					\
		if (end)							\
			*end = 0;						\
		records++;							\
		for (i = 0; i < n; i++) {					\
			if (!regexec(&re[i], msg, 0, NULL, 0)) {		\
				note("kernel: %s\n", msg);			\
				hits++;						\
				break;						\
			}							\
		}								\
	}									\
	note("%d kernel log records since the start\n", records);		\
	EXPECT_EQ(0, hits);							\
}

#endif /* _IU_KSFT_H */
