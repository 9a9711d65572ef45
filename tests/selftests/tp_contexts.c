// SPDX-License-Identifier: GPL-2.0
/*
 * tp_contexts: tracepoint programs read the records the kernel describes,
 * and only events whose records are as large as theirs.
 *
 * tpctx.iu (tests/selftests/src/tpctx.cpp) has programs on syscall events,
 * built with <iu/tp/syscalls.hpp>; tpkern-<kver>.iu one on
 * sched/sched_process_fork, built with this kernel's <iu/tracepoints.hpp>.
 * Every expected value comes from this process (the fds and arguments it
 * passes, its pids, <sys/syscall.h>) or from the live kernel's event formats,
 * never from the generated headers.
 *
 * 1. Fields by name: each program prints what it read; the trace shows the
 *    arguments this process passed.
 * 2. libiu refuses to attach a program to an event other than its section's
 *    unless asked (.other_event).
 * 3. Asked, the kernel refuses an event whose record is smaller (EACCES),
 *    through libiu (which says why) and through the plain perf interface
 *    with the placeholder's fd (libiu's check is not the safety net).
 * 4. A program on an event whose record is larger runs, reading its own
 *    fields (the common prefix of every syscall record).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <linux/iu.h>
#include <linux/perf_event.h>
#include <iu/libiu.h>

#include "kselftest_harness.h"

#define TRACEFS "/sys/kernel/tracing"

static const char *env_or(const char *name, const char *dflt)
{
	const char *v = getenv(name);

	return v && *v ? v : dflt;
}

static bool inserted_module;

static void remove_module(void)
{
	if (inserted_module && syscall(SYS_delete_module, "iu", O_NONBLOCK))
		fprintf(stderr, "# rmmod iu: %s\n", strerror(errno));
}

static int insert_module(void)
{
	char ko[4200];
	int fd;

	if (!access(IU_DEVICE_PATH, F_OK))
		return 0;
	snprintf(ko, sizeof(ko), "%s/module/iu.ko", env_or("IU_ROOT", "/iu"));
	fd = open(ko, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || syscall(SYS_finit_module, fd, "", 0)) {
		ksft_print_msg("insmod %s: %s\n", ko, strerror(errno));
		return -1;
	}
	close(fd);
	inserted_module = true;
	atexit(remove_module);
	return 0;
}

/* libiu's messages, kept for the checks (and shown). */
static char messages[8192];

static int capture(enum iu_print_level level, const char *fmt, va_list ap)
{
	size_t n = strlen(messages);
	va_list aq;

	if (level == IU_DEBUG)
		return 0;
	va_copy(aq, ap);
	vfprintf(stderr, fmt, aq);
	va_end(aq);
	if (n < sizeof(messages) - 1)
		vsnprintf(messages + n, sizeof(messages) - n, fmt, ap);
	return 0;
}

/* The record size of @event as the kernel checks it at attach time: the end
 * of the last field of its format. 0 if unreadable. */
static unsigned int record_size(const char *event)
{
	unsigned int off, size, end = 0;
	char path[256], line[512];
	FILE *f;

	snprintf(path, sizeof(path), TRACEFS "/events/%s/format", event);
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		char *at = strstr(line, "\toffset:");

		if (!strncmp(line, "\tfield:", 7) && at &&
		    sscanf(at, "\toffset:%u;\tsize:%u;", &off, &size) == 2)
			end = off + size;
	}
	fclose(f);
	return end;
}

static void clear_trace(void)
{
	int fd = open(TRACEFS "/trace", O_WRONLY | O_TRUNC | O_CLOEXEC);

	if (fd >= 0)
		close(fd);
}

static bool trace_contains(const char *want)
{
	char line[1024];
	bool found = false;
	FILE *f = fopen(TRACEFS "/trace", "r");

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		found = strstr(line, want) != NULL;
	fclose(f);
	return found;
}

/*
 * Call @trigger until the trace buffer (not consumed) has a line containing
 * @want: the hook may need a moment to see the first call. False after 60 s,
 * a hang guard (guests run under emulation on shared hosts).
 */
static bool trigger_until(void (*trigger)(void *), void *arg, const char *want)
{
	time_t end = time(NULL) + 60;

	do {
		trigger(arg);
		if (trace_contains(want))
			return true;
		usleep(100 * 1000);
	} while (time(NULL) < end);
	return false;
}

static void do_dup(void *arg)
{
	close(dup(*(int *)arg));
}

static void do_pread(void *arg)
{
	char buf[16];

	if (pread(*(int *)arg, buf, 7, 3) < 0)
		perror("pread");
}

static void do_fork(void *arg)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	*(pid_t *)arg = pid;
}

FIXTURE(tp) {
	struct iu_object *obj;
	struct iu_program *dup, *pread, *getppid, *raw;
	int fd;		/* a file for the syscalls to name */
};

FIXTURE_SETUP(tp)
{
	char path[1024];

	snprintf(path, sizeof(path), "%.900s/tp/tpctx.iu", env_or("IU_TESTS", "/iu/tests"));
	iu_set_print(capture);
	messages[0] = 0;
	self->obj = iu_object__open(path);
	ASSERT_NE(NULL, self->obj) TH_LOG("open %s: %s", path, strerror(errno));
	self->dup = iu_object__find_program_by_name(self->obj, "tp_dup");
	self->pread = iu_object__find_program_by_name(self->obj, "tp_pread");
	self->getppid = iu_object__find_program_by_name(self->obj, "tp_getppid");
	self->raw = iu_object__find_program_by_name(self->obj, "tp_raw");
	ASSERT_TRUE(self->dup && self->pread && self->getppid && self->raw);
	self->fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, self->fd);
	/* A number no other test's dup() would print by chance. */
	ASSERT_LE(0, dup2(self->fd, 57));
	close(self->fd);
	self->fd = 57;
	clear_trace();
}

FIXTURE_TEARDOWN(tp)
{
	close(self->fd);
	iu_object__close(self->obj);
}

/* The declared record sizes are the live kernel's. */
TEST_F(tp, record_sizes_are_the_kernels)
{
	EXPECT_EQ(record_size("syscalls/sys_enter_dup"), iu_program__ctx_size(self->dup));
	EXPECT_EQ(record_size("syscalls/sys_enter_pread64"), iu_program__ctx_size(self->pread));
	EXPECT_EQ(record_size("syscalls/sys_enter_getppid"), iu_program__ctx_size(self->getppid));
	EXPECT_EQ(record_size("raw_syscalls/sys_enter"), iu_program__ctx_size(self->raw));
}

TEST_F(tp, fields_by_name)
{
	struct iu_link *l1, *l2, *l3;
	char want[128];

	l1 = iu_program__attach(self->dup);
	l2 = iu_program__attach(self->pread);
	l3 = iu_program__attach(self->raw);
	ASSERT_TRUE(l1 && l2 && l3) TH_LOG("%s", messages);

	snprintf(want, sizeof(want), "tpctx dup fildes=%d\n", self->fd);
	EXPECT_TRUE(trigger_until(do_dup, &self->fd, want)) TH_LOG("no \"%s\" in the trace", want);
	snprintf(want, sizeof(want), "tpctx pread64 fd=%d count=7 pos=3\n", self->fd);
	EXPECT_TRUE(trigger_until(do_pread, &self->fd, want)) TH_LOG("no \"%s\" in the trace", want);
	snprintf(want, sizeof(want), "tpctx raw pread64 fd=%d count=7 pos=3\n", self->fd);
	EXPECT_TRUE(trigger_until(do_pread, &self->fd, want)) TH_LOG("no \"%s\" in the trace", want);
	iu_link__destroy(l3);
	iu_link__destroy(l2);
	iu_link__destroy(l1);
}

TEST_F(tp, other_event_refused_by_libiu)
{
	struct iu_link *l = iu_program__attach_tracepoint(self->dup, "syscalls", "sys_enter_dup2");

	EXPECT_EQ(NULL, l);
	EXPECT_EQ(EINVAL, errno);
	EXPECT_NE(NULL, strstr(messages, "program tp_dup reads the record of tracepoint "
					 "syscalls/sys_enter_dup, not syscalls/sys_enter_dup2"))
		TH_LOG("messages: %s", messages);
	iu_link__destroy(l);
}

TEST_F(tp, smaller_record_refused_by_the_kernel)
{
	struct iu_tracepoint_opts opts = { .sz = sizeof(opts), .other_event = true };
	unsigned int small = record_size("syscalls/sys_enter_getppid");
	unsigned int mine = record_size("syscalls/sys_enter_dup");
	struct iu_link *l;
	char want[256];

	ASSERT_LT(small, mine) TH_LOG("getppid's record %u, dup's %u", small, mine);
	l = iu_program__attach_tracepoint_opts(self->dup, "syscalls", "sys_enter_getppid", &opts);
	EXPECT_EQ(NULL, l);
	EXPECT_EQ(EACCES, errno);
	snprintf(want, sizeof(want),
		 "program tp_dup: the kernel refused to attach it to tracepoint syscalls/sys_enter_getppid (Permission denied): the program reads %u bytes of its record, the event's record has %u",
		 mine, small);
	EXPECT_NE(NULL, strstr(messages, want)) TH_LOG("messages: %s\nwant: %s", messages, want);
	iu_link__destroy(l);
}

/* The same without libiu: the placeholder's fd on a plain perf event. */
TEST_F(tp, smaller_record_refused_without_libiu)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_TRACEPOINT,
		.size = sizeof(attr),
		.sample_period = 1,
		.wakeup_events = 1,
	};
	char path[256], id[32];
	int pfd, lfd, f;
	ssize_t n;

	snprintf(path, sizeof(path), TRACEFS "/events/syscalls/sys_enter_getppid/id");
	f = open(path, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, f);
	n = read(f, id, sizeof(id) - 1);
	close(f);
	ASSERT_LT(0, n);
	id[n] = 0;
	attr.config = strtoull(id, NULL, 10);
	pfd = syscall(__NR_perf_event_open, &attr, -1, 0, -1, PERF_FLAG_FD_CLOEXEC);
	ASSERT_LE(0, pfd) TH_LOG("perf_event_open: %s", strerror(errno));
	EXPECT_EQ(-1, ioctl(pfd, PERF_EVENT_IOC_SET_BPF, iu_program__fd(self->dup)));
	EXPECT_EQ(EACCES, errno);
	lfd = bpf_link_create(iu_program__fd(self->dup), pfd, BPF_PERF_EVENT, NULL);
	EXPECT_GT(0, lfd);
	EXPECT_EQ(EACCES, errno) TH_LOG("bpf_link_create: %s", strerror(errno));
	if (lfd >= 0)
		close(lfd);
	close(pfd);
}

/* tp_getppid reads only the syscall number: any syscall event has it. */
TEST_F(tp, larger_record_allowed_when_asked)
{
	struct iu_tracepoint_opts opts = { .sz = sizeof(opts), .other_event = true };
	struct iu_link *l;
	char want[128];

	ASSERT_LE(iu_program__ctx_size(self->getppid), record_size("syscalls/sys_enter_dup"));
	l = iu_program__attach_tracepoint_opts(self->getppid, "syscalls", "sys_enter_dup", &opts);
	ASSERT_NE(NULL, l) TH_LOG("%s", messages);
	snprintf(want, sizeof(want), "tpctx getppid-program nr=%d\n", __NR_dup);
	EXPECT_TRUE(trigger_until(do_dup, &self->fd, want)) TH_LOG("no \"%s\" in the trace", want);
	iu_link__destroy(l);
}

/* A tracepoint outside the syscalls, with this kernel's generated types. */
TEST(kernel_tracepoint)
{
	struct iu_program *prog;
	struct iu_object *obj;
	struct iu_link *link;
	struct utsname u;
	char path[1024], want[128];
	pid_t child = -1;

	ASSERT_EQ(0, uname(&u));
	snprintf(path, sizeof(path), "%.500s/tp/tpkern-%.200s.iu",
		 env_or("IU_TESTS", "/iu/tests"), u.release);
	if (access(path, R_OK))
		SKIP(return, "no %.900s (make modules-all builds it)", path);
	iu_set_print(capture);
	clear_trace();
	obj = iu_object__open(path);
	ASSERT_NE(NULL, obj) TH_LOG("open %s: %s", path, strerror(errno));
	prog = iu_object__find_program_by_name(obj, "tp_fork");
	ASSERT_NE(NULL, prog);
	EXPECT_EQ(record_size("sched/sched_process_fork"), iu_program__ctx_size(prog));
	link = iu_program__attach(prog);
	ASSERT_NE(NULL, link) TH_LOG("%s", messages);
	/* The line of one fork of ours: its child's pid is known after it. */
	for (int i = 0; i < 600; i++) {
		do_fork(&child);
		snprintf(want, sizeof(want), "tpkern fork %d -> %d (", getpid(), child);
		if (trace_contains(want))
			break;
		usleep(100 * 1000);
	}
	EXPECT_TRUE(trace_contains(want)) TH_LOG("no \"%s\" in the trace", want);
	iu_link__destroy(link);
	iu_object__close(obj);
}

int main(int argc, char **argv)
{
	if (insert_module())
		return KSFT_FAIL;
	return test_harness_run(argc, argv);
}
