// SPDX-License-Identifier: GPL-2.0
/*
 * load_refusals: what iu.ko refuses through IU_IOC_LOAD, and how.
 *
 * 1. Every case of the refusal corpus (tests/corpus, staged at
 *    $IU_TESTS/corpus/manifest.tsv): real placeholder BPF programs as the
 *    manifest says, IU_IOC_LOAD with the file's fd, a log buffer and log
 *    level 0; the ioctl must fail with the manifest's errno and log its text
 *    (or succeed, for the valid files). One kselftest variant per case,
 *    generated from the manifest at build time (corpus_cases.h).
 * 2. The interface's own refusals: placeholders of the wrong type or name,
 *    placeholders that read less of a tracepoint record than the program,
 *    wrong counts, non-BPF fds, a program bound twice, maps, flags, attr
 *    sizes, fds that are no regular file, the log buffer, a caller without
 *    CAP_BPF/CAP_SYS_ADMIN; and what must work: loads from a buffer, larger
 *    attrs with a zero tail, pinning.
 * 3. The signed identity: IU_IOC_OBJ_INFO's signer, toolchain and policy
 *    (against the file's own note), the load log's times, min_toolchain.
 * 4. The kernel log has no new warnings.
 *
 * iu.ko is inserted from $IU_ROOT/module/iu.ko when /dev/iu is missing and
 * removed at the end in that case.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <elf.h>

#include <bpf/bpf.h>
#include <linux/capability.h>
#include <linux/iu.h>

#include "kselftest_harness.h"
#include "iu_ksft.h"

/* ------------------------------------------------------------------ setup */

static char corpus_dir[4096];

struct row {
	char *name, *file, *stage, *err, *log, *placeholders, *desc;
};
static struct row rows[512];
static int nrows;

static void load_manifest(void)
{
	const char *tests = getenv("IU_TESTS");
	char path[4200], *text, *line, *save;
	FILE *f;
	long n;

	if (tests && *tests)
		snprintf(corpus_dir, sizeof(corpus_dir), "%s/corpus", tests);
	else
		snprintf(corpus_dir, sizeof(corpus_dir), "%s/tests/corpus", iu_root());
	snprintf(path, sizeof(path), "%s/manifest.tsv", corpus_dir);
	f = fopen(path, "r");
	if (!f) {
		ksft_print_msg("no manifest %s: %s\n", path, strerror(errno));
		return;
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	text = calloc(1, n + 1);
	if (!text || fread(text, 1, n, f) != (size_t)n) {
		fclose(f);
		return;
	}
	fclose(f);
	for (line = strtok_r(text, "\n", &save); line && nrows < 512;
	     line = strtok_r(NULL, "\n", &save)) {
		char *fields[7], *p = line;
		int i;

		if (line[0] == '#')
			continue;
		for (i = 0; i < 7 && p; i++)
			fields[i] = strsep(&p, "\t");
		if (i != 7 || !fields[6]) {
			ksft_print_msg("manifest: bad line %s\n", line);
			continue;
		}
		rows[nrows++] = (struct row){ fields[0], fields[1], fields[2], fields[3],
					      fields[4], fields[5], fields[6] };
	}
}

static const struct row *find_row(const char *name)
{
	int i;

	for (i = 0; i < nrows; i++)
		if (!strcmp(rows[i].name, name))
			return &rows[i];
	return NULL;
}

static const struct {
	const char *name;
	int value;
} errnos[] = {
	{ "0", 0 }, { "EPERM", EPERM }, { "ENOENT", ENOENT }, { "EBADF", EBADF },
	{ "ENOMEM", ENOMEM }, { "EEXIST", EEXIST }, { "EINVAL", EINVAL }, { "E2BIG", E2BIG },
	{ "ENOEXEC", ENOEXEC }, { "ENODATA", ENODATA }, { "EBADMSG", EBADMSG },
	{ "EOPNOTSUPP", EOPNOTSUPP }, { "ENOKEY", ENOKEY }, { "EKEYREJECTED", EKEYREJECTED },
	{ "ENOPKG", ENOPKG }, { "EFBIG", EFBIG }, { "ENOTTY", ENOTTY },
};

static int errno_value(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(errnos) / sizeof(errnos[0]); i++)
		if (!strcmp(errnos[i].name, name))
			return errnos[i].value;
	return -1;
}

static const char *errno_name(int value)
{
	size_t i;

	for (i = 0; i < sizeof(errnos) / sizeof(errnos[0]); i++)
		if (errnos[i].value == value)
			return errnos[i].name;
	return "?";
}

/* ------------------------------------------------------------ primitives */

/* The record size of tracepoint @event as the kernel checks it at attach
 * time: the end of the last field of its format. 0 if unreadable. */
static unsigned int record_size(const char *event)
{
	unsigned int off, size, end = 0;
	char path[256], line[512];
	FILE *f;

	snprintf(path, sizeof(path), "/sys/kernel/tracing/events/%s/format", event);
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

/* "kind:name,..." -> placeholder fds; returns how many, or -1. */
static int placeholders(const char *spec, __u32 *fds, int max)
{
	char buf[512], *p = buf, *item;
	int n = 0;

	if (!strcmp(spec, "-"))
		return 0;
	snprintf(buf, sizeof(buf), "%s", spec);
	while ((item = strsep(&p, ",")) && n < max) {
		char *name = strchr(item, ':');
		enum bpf_prog_type type;
		int fd;

		if (!name)
			return -1;
		*name++ = 0;
		type = !strcmp(item, "tracepoint") ? BPF_PROG_TYPE_TRACEPOINT : BPF_PROG_TYPE_KPROBE;
		fd = placeholder(type, name);
		if (fd < 0)
			return -1;
		fds[n++] = fd;
	}
	return n;
}

static int open_case(const char *name)
{
	const struct row *r = find_row(name);
	char path[4400];

	if (!r)
		return -1;
	snprintf(path, sizeof(path), "%s/%s", corpus_dir, r->file);
	return open(path, O_RDONLY | O_CLOEXEC);
}

static void *read_case(const char *name, size_t *size)
{
	int fd = open_case(name);
	struct stat st;
	void *buf;

	if (fd < 0 || fstat(fd, &st))
		return NULL;
	buf = malloc(st.st_size);
	if (buf && read(fd, buf, st.st_size) != st.st_size) {
		free(buf);
		buf = NULL;
	}
	close(fd);
	*size = st.st_size;
	return buf;
}

struct load {
	struct iu_load_attr attr;
	char log[16384];
	int ret;	/* the ioctl's return */
	int err;	/* its errno when it failed */
};

static void load_init(struct load *l, int elf_fd, const __u32 *fds, __u32 n)
{
	memset(l, 0, sizeof(*l));
	l->attr.size = sizeof(l->attr);
	l->attr.elf_fd = elf_fd;
	l->attr.prog_fds = (__u64)(unsigned long)fds;
	l->attr.nr_progs = n;
	l->attr.log_buf = (__u64)(unsigned long)l->log;
	l->attr.log_size = sizeof(l->log);
}

static int load_run(int dev, struct load *l)
{
	l->ret = ioctl(dev, IU_IOC_LOAD, &l->attr);
	l->err = l->ret < 0 ? errno : 0;
	return l->ret;
}

static int open_dev(void)
{
	return open(IU_DEVICE_PATH, O_RDWR | O_CLOEXEC);
}

/* A diagnostic line. Tests run in forked children that end with _exit():
 * unbuffered stderr, so that nothing is lost. */

/* The first line of a log, for messages. */
static const char *first_line(const char *log)
{
	static char line[512];

	snprintf(line, sizeof(line), "%.*s", (int)strcspn(log, "\n"), log);
	return line;
}

/* ----------------------------------------------------------- the corpus */

FIXTURE(corpus) {
	int dev;
	__u32 fds[16];
	int nfds;
	const struct row *row;
};

FIXTURE_VARIANT(corpus) {
	const char *name;
};

#define CORPUS_CASE(n) FIXTURE_VARIANT_ADD(corpus, n) { .name = #n };
#include "corpus_cases.h"
#undef CORPUS_CASE

FIXTURE_SETUP(corpus)
{
	self->dev = -1;
	self->row = find_row(variant->name);
	ASSERT_NE(NULL, self->row) TH_LOG("%s is not in the staged manifest", variant->name);
	self->dev = open_dev();
	ASSERT_LE(0, self->dev) TH_LOG("open %s: %s", IU_DEVICE_PATH, strerror(errno));
	self->nfds = placeholders(self->row->placeholders, self->fds, 16);
	ASSERT_LE(0, self->nfds) TH_LOG("placeholders %s: %s", self->row->placeholders,
					strerror(errno));
}

FIXTURE_TEARDOWN(corpus)
{
	int i;

	for (i = 0; i < self->nfds; i++)
		close(self->fds[i]);
	if (self->dev >= 0)
		close(self->dev);
}

TEST_F(corpus, load)
{
	const struct row *r = self->row;
	int want = errno_value(r->err);
	struct load l;
	int fd;

	ASSERT_LE(0, want) TH_LOG("unknown errno %s", r->err);
	fd = open_case(r->name);
	ASSERT_LE(0, fd) TH_LOG("%s: %s", r->file, strerror(errno));
	load_init(&l, fd, self->fds, self->nfds);
	load_run(self->dev, &l);
	close(fd);
	/* What this kernel said, for the record. */
	note("%s: %s %s \"%s\"\n", r->name, r->stage,
		       l.ret >= 0 ? "loaded" : errno_name(l.err), first_line(l.log));
	if (want == 0) {
		ASSERT_LE(0, l.ret) TH_LOG("%s refused: %s, log: %s", r->name, strerror(l.err), l.log);
		EXPECT_EQ(0, l.log[0]) TH_LOG("log of an accepted file at level 0: %s", l.log);
		EXPECT_NE(0, l.attr.id);
		close(l.ret);
		return;
	}
	ASSERT_EQ(-1, l.ret) TH_LOG("%s (%s) was accepted", r->name, r->desc);
	EXPECT_EQ(want, l.err) TH_LOG("errno %s (%s), want %s; log: %s", errno_name(l.err),
				      strerror(l.err), r->err, l.log);
	EXPECT_NE(NULL, strstr(l.log, r->log)) TH_LOG("log \"%s\" lacks \"%s\"", l.log, r->log);
	/* The whole log fits: its true size is what was written, NUL included. */
	EXPECT_EQ(strlen(l.log) + 1, l.attr.log_true_size);
}

/* The staged manifest is the one this test was built from. */
TEST(manifest_matches_build)
{
	static const char *const built[] = {
#define CORPUS_CASE(n) #n,
#include "corpus_cases.h"
#undef CORPUS_CASE
	};
	size_t i;

	ASSERT_LT(50, nrows);
	ASSERT_EQ(sizeof(built) / sizeof(built[0]), (size_t)nrows);
	for (i = 0; i < sizeof(built) / sizeof(built[0]); i++) {
		if (!find_row(built[i]))
			note("%s is not in the staged manifest\n", built[i]);
		EXPECT_NE(NULL, find_row(built[i]));
	}
}

/* ------------------------------------------------------- the interface */

/*
 * A kselftest fixture for the interface tests: /dev/iu, the valid hello
 * (tracepoint iu_prog1) and tracex5 (kprobe bpf_prog1) files, and hello's
 * placeholder.
 */
FIXTURE(iface) {
	int dev, hello, tracex5;
	__u32 tp;	/* BPF_PROG_TYPE_TRACEPOINT "iu_prog1" */
};

FIXTURE_SETUP(iface)
{
	self->dev = open_dev();
	ASSERT_LE(0, self->dev) TH_LOG("open %s: %s", IU_DEVICE_PATH, strerror(errno));
	self->hello = open_case("ok_hello");
	ASSERT_LE(0, self->hello);
	self->tracex5 = open_case("ok_tracex5");
	ASSERT_LE(0, self->tracex5);
	self->tp = placeholder(BPF_PROG_TYPE_TRACEPOINT, "iu_prog1");
	ASSERT_LE(0, (int)self->tp) TH_LOG("bpf_prog_load: %s", strerror(errno));
}

FIXTURE_TEARDOWN(iface)
{
	close(self->tp);
	close(self->tracex5);
	close(self->hello);
	close(self->dev);
}

/* Loads @l, expects errno @want and @text (unless NULL) in the log. */
#define EXPECT_REFUSED(l, want, text)							\
	do {										\
		const char *__text = (text);						\
		load_run(self->dev, (l));						\
		ASSERT_EQ(-1, (l)->ret) TH_LOG("accepted");				\
		EXPECT_EQ(want, (l)->err) TH_LOG("errno %s (%s), log: %s",		\
						 errno_name((l)->err), strerror((l)->err), (l)->log); \
		if (__text)								\
			EXPECT_NE(NULL, strstr((l)->log, __text))			\
				TH_LOG("log \"%s\" lacks \"%s\"", (l)->log, __text);	\
		note("%s \"%s\"\n", errno_name((l)->err), first_line((l)->log));	\
	} while (0)

TEST_F(iface, valid_load_and_close)
{
	struct load l;

	load_init(&l, self->hello, &self->tp, 1);
	l.attr.log_level = 1;
	ASSERT_LE(0, load_run(self->dev, &l)) TH_LOG("%s: %s", strerror(l.err), l.log);
	EXPECT_NE(0, l.attr.id);
	EXPECT_NE(NULL, strstr(l.log, "signature: good")) TH_LOG("%s", l.log);
	EXPECT_NE(NULL, strstr(l.log, "bound")) TH_LOG("%s", l.log);
	EXPECT_EQ(strlen(l.log) + 1, l.attr.log_true_size);
	EXPECT_EQ(FD_CLOEXEC, fcntl(l.ret, F_GETFD) & FD_CLOEXEC);
	EXPECT_EQ(0, close(l.ret));
}

/* A tracepoint placeholder for a kprobe program. */
TEST_F(iface, placeholder_wrong_type)
{
	__u32 fd = placeholder(BPF_PROG_TYPE_TRACEPOINT, "bpf_prog1");
	struct load l;

	ASSERT_LE(0, (int)fd);
	load_init(&l, self->tracex5, &fd, 1);
	EXPECT_REFUSED(&l, EINVAL, "is not a BPF program of type BPF_PROG_TYPE_KPROBE");
	close(fd);
}

/* And a kprobe placeholder for a tracepoint program. */
TEST_F(iface, placeholder_wrong_type_tp)
{
	__u32 fd = placeholder(BPF_PROG_TYPE_KPROBE, "iu_prog1");
	struct load l;

	ASSERT_LE(0, (int)fd);
	load_init(&l, self->hello, &fd, 1);
	EXPECT_REFUSED(&l, EINVAL, "is not a BPF program of type BPF_PROG_TYPE_TRACEPOINT");
	close(fd);
}

TEST_F(iface, placeholder_wrong_name)
{
	__u32 fd = placeholder(BPF_PROG_TYPE_TRACEPOINT, "iu_prog2");
	struct load l;

	ASSERT_LE(0, (int)fd);
	load_init(&l, self->hello, &fd, 1);
	EXPECT_REFUSED(&l, EINVAL, "bind: program iu_prog1: the placeholder is named \"iu_prog2\"");
	close(fd);
}

/*
 * hello's iu_prog1 reads sys_enter_dup's record: a placeholder must have read
 * as far (its max_ctx_offset), or the kernel would attach it to smaller
 * records. The size is the live kernel's, from the event's format.
 */
TEST_F(iface, placeholder_reads_less_than_the_record)
{
	unsigned int size = record_size("syscalls/sys_enter_dup");
	char want[160];
	__u32 fd;
	struct load l;

	ASSERT_LT(8, size) TH_LOG("no format for syscalls/sys_enter_dup");
	fd = placeholder_reaching(BPF_PROG_TYPE_TRACEPOINT, "iu_prog1", size - 1);
	ASSERT_LE(0, (int)fd) TH_LOG("bpf_prog_load: %s", strerror(errno));
	load_init(&l, self->hello, &fd, 1);
	snprintf(want, sizeof(want),
		 "bind: program iu_prog1 reads %u bytes of its tracepoint record, but its placeholder BPF program only %u",
		 size, size - 1);
	EXPECT_REFUSED(&l, EINVAL, want);
	close(fd);
}

/* A placeholder that reads nothing: what any BPF loader would make. */
TEST_F(iface, placeholder_reads_nothing)
{
	__u32 fd = placeholder_reaching(BPF_PROG_TYPE_TRACEPOINT, "iu_prog1", 0);
	struct load l;

	ASSERT_LE(0, (int)fd);
	load_init(&l, self->hello, &fd, 1);
	EXPECT_REFUSED(&l, EINVAL, "its placeholder BPF program only 0");
	close(fd);
}

/* And one that read exactly the record: bound. */
TEST_F(iface, placeholder_reads_the_record)
{
	unsigned int size = record_size("syscalls/sys_enter_dup");
	__u32 fd;
	struct load l;

	ASSERT_LT(8, size);
	fd = placeholder_reaching(BPF_PROG_TYPE_TRACEPOINT, "iu_prog1", size);
	ASSERT_LE(0, (int)fd) TH_LOG("bpf_prog_load: %s", strerror(errno));
	load_init(&l, self->hello, &fd, 1);
	ASSERT_LE(0, load_run(self->dev, &l)) TH_LOG("%s: %s", strerror(l.err), l.log);
	EXPECT_EQ(0, close(l.ret));
	close(fd);
}

TEST_F(iface, too_many_placeholders)
{
	__u32 fds[2] = { self->tp, placeholder(BPF_PROG_TYPE_TRACEPOINT, "iu_prog1") };
	struct load l;

	ASSERT_LE(0, (int)fds[1]);
	load_init(&l, self->hello, fds, 2);
	EXPECT_REFUSED(&l, EINVAL, "load: the file has 1 program(s), 2 placeholder(s) given");
	close(fds[1]);
}

TEST_F(iface, no_placeholders)
{
	struct load l;

	load_init(&l, self->hello, NULL, 0);
	EXPECT_REFUSED(&l, EINVAL, "load: no placeholder programs given (nr_progs is 0)");
}

/* More placeholders than any file may have: refused before the file is read
 * (the fd is a pipe, which reading would refuse with another message). */
TEST_F(iface, placeholders_above_max)
{
	struct load l;
	int p[2];

	ASSERT_EQ(0, pipe(p));
	load_init(&l, p[0], NULL, 65);
	EXPECT_REFUSED(&l, E2BIG, "load: 65 placeholders given, a file has at most 64 programs");
	close(p[0]);
	close(p[1]);
}

/* A regular file's fd where a BPF program's is expected. The message is the
 * wrong-type one: the kernel's bpf_prog_get_type_dev() says EINVAL for both. */
TEST_F(iface, placeholder_not_bpf)
{
	__u32 fd = self->hello;
	struct load l;

	load_init(&l, self->hello, &fd, 1);
	EXPECT_REFUSED(&l, EINVAL, "is not a BPF program of type BPF_PROG_TYPE_TRACEPOINT");
}

TEST_F(iface, placeholder_closed_fd)
{
	__u32 fd = 1000;
	struct load l;

	ASSERT_EQ(-1, fcntl(fd, F_GETFD));
	load_init(&l, self->hello, &fd, 1);
	EXPECT_REFUSED(&l, EBADF, "fd 1000 is not an open BPF program");
}

/* A placeholder stays taken while its object lives, and is free after. */
TEST_F(iface, bound_twice)
{
	struct load a, b;

	load_init(&a, self->hello, &self->tp, 1);
	ASSERT_LE(0, load_run(self->dev, &a)) TH_LOG("%s", a.log);
	load_init(&b, self->hello, &self->tp, 1);
	EXPECT_REFUSED(&b, EINVAL, "is already bound to native code");
	close(a.ret);
	load_init(&b, self->hello, &self->tp, 1);
	ASSERT_LE(0, load_run(self->dev, &b)) TH_LOG("after closing the first: %s", b.log);
	close(b.ret);
}

/* A refusal after the placeholders were taken (helper resolution) gives them back. */
TEST_F(iface, released_after_refusal)
{
	int fd = open_case("rel_undefined_nonhelper");
	struct load l;

	ASSERT_LE(0, fd);
	load_init(&l, fd, &self->tp, 1);
	EXPECT_REFUSED(&l, ENOENT, "unknown function kallsyms_lookup_name");
	close(fd);
	load_init(&l, self->hello, &self->tp, 1);
	ASSERT_LE(0, load_run(self->dev, &l)) TH_LOG("%s", l.log);
	close(l.ret);
}

TEST_F(iface, maps_given)
{
	__u32 map = 0;
	struct load l;

	load_init(&l, self->hello, &self->tp, 1);
	l.attr.map_fds = (__u64)(unsigned long)&map;
	l.attr.nr_maps = 1;
	EXPECT_REFUSED(&l, EINVAL, "load: 1 map(s) given: ABI version 1 has no maps");
}

TEST_F(iface, unknown_flag)
{
	struct load l;

	load_init(&l, self->hello, &self->tp, 1);
	l.attr.flags = 1U << 31;
	memset(l.log, 'x', 64);
	l.attr.log_true_size = 12345;
	EXPECT_REFUSED(&l, EINVAL, NULL);
	/* Refused before anything was logged or reported. */
	EXPECT_EQ('x', l.log[0]);
	EXPECT_EQ(12345, l.attr.log_true_size);
}

TEST_F(iface, attr_too_small)
{
	struct load l;
	__u32 sizes[] = { 0, 4, IU_LOAD_ATTR_SIZE_VER0 - 8, IU_LOAD_ATTR_SIZE_VER0 - 1 };
	size_t i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		load_init(&l, self->hello, &self->tp, 1);
		l.attr.size = sizes[i];
		EXPECT_REFUSED(&l, EINVAL, NULL);
	}
}

TEST_F(iface, attr_larger_than_a_page)
{
	struct load l;

	load_init(&l, self->hello, &self->tp, 1);
	l.attr.size = getpagesize() + 8;
	EXPECT_REFUSED(&l, EINVAL, NULL);
}

/* A newer caller's bigger struct: fine with a zero tail, E2BIG otherwise. */
TEST_F(iface, attr_larger)
{
	struct {
		struct iu_load_attr attr;
		__u64 tail[2];
	} big;
	char log[1024];
	int fd;

	memset(&big, 0, sizeof(big));
	big.attr.size = sizeof(big);
	big.attr.elf_fd = self->hello;
	big.attr.prog_fds = (__u64)(unsigned long)&self->tp;
	big.attr.nr_progs = 1;
	big.attr.log_buf = (__u64)(unsigned long)log;
	big.attr.log_size = sizeof(log);
	big.tail[1] = 1;
	EXPECT_EQ(-1, ioctl(self->dev, IU_IOC_LOAD, &big));
	EXPECT_EQ(E2BIG, errno);
	big.tail[1] = 0;
	fd = ioctl(self->dev, IU_IOC_LOAD, &big);
	ASSERT_LE(0, fd) TH_LOG("zero tail: %s, %s", strerror(errno), log);
	close(fd);
}

/* The oldest size, exactly: accepted. */
TEST_F(iface, attr_size_ver0)
{
	struct load l;

	load_init(&l, self->hello, &self->tp, 1);
	l.attr.size = IU_LOAD_ATTR_SIZE_VER0;
	ASSERT_LE(0, load_run(self->dev, &l)) TH_LOG("%s: %s", strerror(l.err), l.log);
	close(l.ret);
}

TEST_F(iface, load_from_buffer)
{
	char info[4096], path[64];
	struct load l;
	size_t size;
	void *buf = read_case("ok_hello", &size);
	int fd;
	ssize_t n;

	ASSERT_NE(NULL, buf);
	load_init(&l, -1, &self->tp, 1);
	l.attr.elf_buf = (__u64)(unsigned long)buf;
	l.attr.elf_size = size;
	ASSERT_LE(0, load_run(self->dev, &l)) TH_LOG("%s: %s", strerror(l.err), l.log);
	/* A handle: its fdinfo names the object. */
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", l.ret);
	fd = open(path, O_RDONLY);
	ASSERT_LE(0, fd);
	n = read(fd, info, sizeof(info) - 1);
	ASSERT_LT(0, n);
	info[n] = 0;
	close(fd);
	EXPECT_NE(NULL, strstr(info, "iu_id:")) TH_LOG("%s", info);
	EXPECT_NE(NULL, strstr(info, "iu_prog1")) TH_LOG("%s", info);
	close(l.ret);
	free(buf);
}

/* The buffer path runs the same checks: a refused file from memory. */
TEST_F(iface, load_from_buffer_refused)
{
	struct load l;
	size_t size;
	void *buf = read_case("sig_tampered", &size);

	ASSERT_NE(NULL, buf);
	load_init(&l, -1, &self->tp, 1);
	l.attr.elf_buf = (__u64)(unsigned long)buf;
	l.attr.elf_size = size;
	EXPECT_REFUSED(&l, EKEYREJECTED, "signature: does not match the content");
	free(buf);
}

TEST_F(iface, no_file)
{
	struct load l;

	load_init(&l, -1, &self->tp, 1);
	EXPECT_REFUSED(&l, EINVAL, "read: no file given (elf_fd, or elf_buf and elf_size)");
}

TEST_F(iface, elf_fd_closed)
{
	struct load l;

	load_init(&l, 1001, &self->tp, 1);
	EXPECT_REFUSED(&l, EBADF, "read: fd 1001 is not open");
}

TEST_F(iface, elf_fd_pipe)
{
	struct load l;
	int p[2];

	ASSERT_EQ(0, pipe(p));
	load_init(&l, p[0], &self->tp, 1);
	EXPECT_REFUSED(&l, EINVAL, "is not a regular file open for reading");
	close(p[0]);
	close(p[1]);
}

TEST_F(iface, elf_fd_write_only)
{
	char path[4400];
	struct load l;
	int fd;

	snprintf(path, sizeof(path), "%s/ok_hello.iu", corpus_dir);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	load_init(&l, fd, &self->tp, 1);
	EXPECT_REFUSED(&l, EINVAL, "is not a regular file open for reading");
	close(fd);
}

TEST_F(iface, empty_file)
{
	struct load l;
	int fd = open("/tmp", O_TMPFILE | O_RDWR, 0600);

	ASSERT_LE(0, fd);
	load_init(&l, fd, &self->tp, 1);
	EXPECT_REFUSED(&l, EINVAL, "read: file size 0 is not between 1 and");
	close(fd);
}

/* log_true_size is the whole log's size; a short buffer gets a truncated,
 * NUL-terminated prefix and the same true size. */
TEST_F(iface, log_sizes)
{
	int fd = open_case("elf_bad_magic");
	char full[sizeof(((struct load *)0)->log)], small[16];
	struct load l;
	size_t len;
	__u32 sizes[] = { 1, 2, 10, 16 };
	size_t i;

	ASSERT_LE(0, fd);
	load_init(&l, fd, &self->tp, 1);
	EXPECT_REFUSED(&l, ENOEXEC, "elf: not an ELF file (bad magic)");
	snprintf(full, sizeof(full), "%s", l.log);
	len = strlen(full);
	EXPECT_EQ(len + 1, l.attr.log_true_size);
	ASSERT_LT(16, len);
	EXPECT_EQ('\n', full[len - 1]);

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t got;

		memset(small, 'x', sizeof(small));
		load_init(&l, fd, &self->tp, 1);
		l.attr.log_buf = (__u64)(unsigned long)small;
		l.attr.log_size = sizes[i];
		load_run(self->dev, &l);
		EXPECT_EQ(ENOEXEC, l.err);
		EXPECT_EQ(len + 1, l.attr.log_true_size) TH_LOG("log_size %u", sizes[i]);
		got = strnlen(small, sizes[i]);
		ASSERT_LT(got, sizes[i]) TH_LOG("not NUL-terminated with log_size %u", sizes[i]);
		/* Nothing written past the buffer. */
		if (sizes[i] < sizeof(small))
			EXPECT_EQ('x', small[sizes[i]]);
		/* A prefix of the full log (the kept part of a line ends in '\n'). */
		if (got)
			EXPECT_EQ(0, strncmp(small, full, got - 1)) TH_LOG("\"%s\"", small);
	}
	/* No buffer: the true size is still reported. */
	load_init(&l, fd, &self->tp, 1);
	l.attr.log_buf = 0;
	l.attr.log_size = 0;
	load_run(self->dev, &l);
	EXPECT_EQ(ENOEXEC, l.err);
	EXPECT_EQ(len + 1, l.attr.log_true_size);
	close(fd);
}

/* Pinned objects outlive their handle until IU_IOC_UNLOAD. */
TEST_F(iface, pin_and_unload)
{
	struct load l, again;
	__u32 id, bogus = 0xfffffff0;

	EXPECT_EQ(-1, ioctl(self->dev, IU_IOC_UNLOAD, &bogus));
	EXPECT_EQ(ENOENT, errno);
	load_init(&l, self->hello, &self->tp, 1);
	l.attr.flags = IU_LOAD_PIN;
	ASSERT_LE(0, load_run(self->dev, &l)) TH_LOG("%s", l.log);
	id = l.attr.id;
	close(l.ret);
	load_init(&again, self->hello, &self->tp, 1);
	EXPECT_REFUSED(&again, EINVAL, "is already bound to native code");
	ASSERT_EQ(0, ioctl(self->dev, IU_IOC_UNLOAD, &id)) TH_LOG("%s", strerror(errno));
	EXPECT_EQ(-1, ioctl(self->dev, IU_IOC_UNLOAD, &id));
	EXPECT_EQ(ENOENT, errno);
	load_init(&again, self->hello, &self->tp, 1);
	ASSERT_LE(0, load_run(self->dev, &again)) TH_LOG("%s", again.log);
	close(again.ret);
}

TEST_F(iface, unknown_ioctl)
{
	int arg = 0;

	EXPECT_EQ(-1, ioctl(self->dev, _IOWR(IU_IOC_MAGIC, 99, int), &arg));
	EXPECT_EQ(ENOTTY, errno);
	EXPECT_EQ(-1, ioctl(self->dev, _IOWR('x', 1, struct iu_load_attr), &arg));
	EXPECT_EQ(ENOTTY, errno);
}

/*
 * Loading native code is module-loading power: CAP_BPF and CAP_PERFMON, what
 * verified bytecode needs, are not enough without CAP_SYS_ADMIN (the test
 * runs in its own child).
 */
TEST_F(iface, cap_bpf_is_not_enough)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[2];
	struct iu_obj_info info = { .size = sizeof(info) };
	struct load l;

	ASSERT_EQ(0, syscall(SYS_capget, &hdr, data));
	ASSERT_NE(0, data[CAP_TO_INDEX(CAP_BPF)].effective & CAP_TO_MASK(CAP_BPF));
	ASSERT_NE(0, data[CAP_TO_INDEX(CAP_PERFMON)].effective & CAP_TO_MASK(CAP_PERFMON));
	data[CAP_TO_INDEX(CAP_SYS_ADMIN)].effective &= ~CAP_TO_MASK(CAP_SYS_ADMIN);
	data[CAP_TO_INDEX(CAP_SYS_ADMIN)].permitted &= ~CAP_TO_MASK(CAP_SYS_ADMIN);
	ASSERT_EQ(0, syscall(SYS_capset, &hdr, data)) TH_LOG("capset: %s", strerror(errno));

	/* root's uid still passes the 0600 mode; iu's own check refuses. */
	EXPECT_EQ(-1, open_dev());
	EXPECT_EQ(EPERM, errno);
	/* An fd opened while privileged does not help. */
	load_init(&l, self->hello, &self->tp, 1);
	EXPECT_REFUSED(&l, EPERM, NULL);
	EXPECT_EQ(0, l.log[0]) TH_LOG("nothing is logged for an unprivileged caller");
	EXPECT_EQ(-1, ioctl(self->dev, IU_IOC_OBJ_INFO, &info));
	EXPECT_EQ(EPERM, errno);
}

/* Inputs the module does not use must be zero; the log is one unit. */
TEST_F(iface, unused_inputs_and_log_unit)
{
	__u32 map = 0;
	struct load l;
	int i;

	for (i = 0; i < 7; i++) {
		load_init(&l, self->hello, &self->tp, 1);
		switch (i) {
		case 0: l.attr.elf_buf = 4096; break;		/* with elf_fd */
		case 1: l.attr.elf_size = 10; break;
		case 2: l.attr.map_fds = (__u64)(unsigned long)&map; break;	/* nr_maps 0 */
		case 3: l.attr.elf_fd = -2; break;
		case 4: l.attr.log_size = 0; break;		/* a buffer without a size */
		case 5: l.attr.log_buf = 0; break;		/* a size without a buffer */
		case 6: l.attr.log_level = 2; break;
		}
		memset(l.log, 'x', 16);
		EXPECT_REFUSED(&l, EINVAL, NULL);
		EXPECT_EQ('x', l.log[0]) TH_LOG("case %d: refused before anything was logged", i);
	}
	load_init(&l, self->hello, &self->tp, 1);
	l.attr.log_buf = 0;
	l.attr.log_size = 0;
	l.attr.log_level = 1;			/* a level without a buffer */
	EXPECT_REFUSED(&l, EINVAL, NULL);
}

/* E2BIG says which size this module supports (as perf_event_open does). */
TEST_F(iface, e2big_reports_size)
{
	struct {
		struct iu_load_attr attr;
		__u64 tail;
	} big;

	memset(&big, 0, sizeof(big));
	big.attr.size = sizeof(big);
	big.attr.elf_fd = self->hello;
	big.attr.prog_fds = (__u64)(unsigned long)&self->tp;
	big.attr.nr_progs = 1;
	big.tail = 1;
	EXPECT_EQ(-1, ioctl(self->dev, IU_IOC_LOAD, &big));
	EXPECT_EQ(E2BIG, errno);
	EXPECT_EQ(sizeof(struct iu_load_attr), big.attr.size);
}

/*
 * A pinned load whose results cannot be copied back (the attr is in a
 * read-only page) fails with EFAULT and leaves nothing behind: no pinned
 * object, the placeholder free to bind again.
 */
TEST_F(iface, pin_needs_results_delivered)
{
	struct iu_obj_info info = { .size = sizeof(info) };
	struct iu_load_attr *ro;
	struct load again;
	long page = getpagesize();

	ro = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, ro);
	memset(ro, 0, sizeof(*ro));
	ro->size = sizeof(*ro);
	ro->flags = IU_LOAD_PIN;
	ro->elf_fd = self->hello;
	ro->prog_fds = (__u64)(unsigned long)&self->tp;
	ro->nr_progs = 1;
	ASSERT_EQ(0, mprotect(ro, page, PROT_READ));
	EXPECT_EQ(-1, ioctl(self->dev, IU_IOC_LOAD, ro));
	EXPECT_EQ(EFAULT, errno);
	munmap(ro, page);
	EXPECT_EQ(-1, ioctl(self->dev, IU_IOC_OBJ_INFO, &info)) TH_LOG("object %u left", info.id);
	EXPECT_EQ(ENOENT, errno);
	load_init(&again, self->hello, &self->tp, 1);
	ASSERT_LE(0, load_run(self->dev, &again)) TH_LOG("%s", again.log);
	close(again.ret);
}

/* Listing without debugfs: every object, its programs' names and counters. */
TEST_F(iface, obj_info_and_stats_by_id)
{
	struct iu_obj_info info = { .size = sizeof(info) };
	struct iu_prog_stats st = { .size = sizeof(st) };
	__u32 kp = placeholder(BPF_PROG_TYPE_KPROBE, "bpf_prog1");
	struct load a, b;
	__u32 first, seen = 0, id;

	ASSERT_LE(0, (int)kp);
	load_init(&a, self->hello, &self->tp, 1);
	ASSERT_LE(0, load_run(self->dev, &a)) TH_LOG("%s", a.log);
	load_init(&b, self->tracex5, &kp, 1);
	b.attr.flags = IU_LOAD_PIN;
	ASSERT_LE(0, load_run(self->dev, &b)) TH_LOG("%s", b.log);
	close(b.ret);	/* pinned: stays */

	ASSERT_EQ(0, ioctl(self->dev, IU_IOC_OBJ_INFO, &info)) TH_LOG("%s", strerror(errno));
	first = info.id;
	for (;;) {
		if (info.id == a.attr.id) {
			seen |= 1;
			EXPECT_EQ(0, info.flags);
		} else if (info.id == b.attr.id) {
			seen |= 2;
			EXPECT_EQ(IU_OBJ_PINNED, info.flags);
		}
		EXPECT_EQ(1, info.nr_progs);
		EXPECT_NE(0, info.signer[0]);
		if (!info.next_id)
			break;
		EXPECT_LT(info.id, info.next_id);
		id = info.next_id;
		memset(&info, 0, sizeof(info));
		info.size = sizeof(info);
		info.id = id;
		ASSERT_EQ(0, ioctl(self->dev, IU_IOC_OBJ_INFO, &info));
	}
	EXPECT_EQ(3, seen) TH_LOG("first %u", first);

	st.obj_id = b.attr.id;
	ASSERT_EQ(0, ioctl(self->dev, IU_IOC_PROG_STATS, &st)) TH_LOG("%s", strerror(errno));
	EXPECT_STREQ("bpf_prog1", st.name);
	EXPECT_STREQ("kprobe/__seccomp_filter", st.section);
	st.index = 1;
	EXPECT_EQ(-1, ioctl(self->dev, IU_IOC_PROG_STATS, &st));
	EXPECT_EQ(ENOENT, errno);
	st.index = 0;
	st.obj_id = 0x7ffffff0;
	EXPECT_EQ(-1, ioctl(self->dev, IU_IOC_PROG_STATS, &st));
	EXPECT_EQ(ENOENT, errno);
	/* On a handle, the object is the handle's own. */
	EXPECT_EQ(-1, ioctl(a.ret, IU_IOC_PROG_STATS, &st));
	EXPECT_EQ(EINVAL, errno);
	st.obj_id = 0;
	ASSERT_EQ(0, ioctl(a.ret, IU_IOC_PROG_STATS, &st));
	EXPECT_STREQ("iu_prog1", st.name);
	EXPECT_EQ(a.attr.id, st.obj_id);

	info.id = 0x7ffffff0;
	EXPECT_EQ(-1, ioctl(self->dev, IU_IOC_OBJ_INFO, &info));
	EXPECT_EQ(ENOENT, errno);
	info.id = 0;
	info.pad = 1;
	EXPECT_EQ(-1, ioctl(self->dev, IU_IOC_OBJ_INFO, &info));
	EXPECT_EQ(EINVAL, errno);

	id = b.attr.id;
	EXPECT_EQ(0, ioctl(self->dev, IU_IOC_UNLOAD, &id));
	close(a.ret);
	close(kp);
}

/* ----------------------------------------- signed identity and toolchain */

/*
 * The toolchain note of a corpus file, read here with <elf.h> (not with the
 * core under test): the section IU_NOTE_SECTION's descriptor.
 */
static int read_note(const char *name, struct iu_note_toolchain *out)
{
	size_t size;
	unsigned char *b = read_case(name, &size);
	const Elf64_Ehdr *eh = (const void *)b;
	const Elf64_Shdr *sh, *names;
	int i, found = -1;

	if (!b || size < sizeof(*eh) || eh->e_shoff + eh->e_shnum * sizeof(*sh) > size)
		goto out;
	sh = (const void *)(b + eh->e_shoff);
	names = &sh[eh->e_shstrndx];
	for (i = 0; i < eh->e_shnum; i++) {
		const char *n = (const char *)b + names->sh_offset + sh[i].sh_name;

		if (!strcmp(n, IU_NOTE_SECTION) && sh[i].sh_size == 16 + sizeof(*out) &&
		    sh[i].sh_offset + sh[i].sh_size <= size) {
			memcpy(out, b + sh[i].sh_offset + 16, sizeof(*out));
			found = 0;
		}
	}
out:
	free(b);
	return found;
}

/* Writes @val to iu.ko's min_toolchain parameter; the write's errno or 0. */
static int set_min_toolchain(const char *val)
{
	int fd = open("/sys/module/iu/parameters/min_toolchain", O_WRONLY | O_CLOEXEC);
	int err = 0;

	if (fd < 0)
		return errno;
	if (write(fd, val, strlen(val)) < 0)
		err = errno;
	close(fd);
	return err;
}

/* IU_IOC_OBJ_INFO shows the signer, and the note's toolchain and policy. */
TEST_F(iface, obj_info_signer_toolchain_policy)
{
	struct iu_obj_info info = { .size = sizeof(info) };
	struct iu_note_toolchain note;
	static const __u8 zero[32];
	struct load l;
	__u32 id;

	ASSERT_EQ(0, read_note("ok_hello", &note)) TH_LOG("ok_hello has no %s", IU_NOTE_SECTION);
	load_init(&l, self->hello, &self->tp, 1);
	ASSERT_LE(0, load_run(self->dev, &l)) TH_LOG("%s", l.log);
	for (id = 0;; id = info.next_id) {
		memset(&info, 0, sizeof(info));
		info.size = sizeof(info);
		info.id = id;
		ASSERT_EQ(0, ioctl(self->dev, IU_IOC_OBJ_INFO, &info)) TH_LOG("%s", strerror(errno));
		if (info.id == l.attr.id || !info.next_id)
			break;
	}
	ASSERT_EQ(l.attr.id, info.id);
	EXPECT_STREQ(note.version, info.toolchain);
	EXPECT_STREQ(IU_VERSION_STRING, info.toolchain) TH_LOG("VERSION is " IU_VERSION_STRING);
	EXPECT_EQ(0, memcmp(note.policy, info.policy, sizeof(info.policy)));
	EXPECT_NE(0, memcmp(zero, info.policy, sizeof(info.policy))) TH_LOG("policy hash is zero");
	EXPECT_NE(0, info.signer[0]);
	EXPECT_NE(NULL, memchr(info.signer, 0, sizeof(info.signer)));
	note("object %u: toolchain %s, signer \"%s\"\n", info.id, info.toolchain, info.signer);
	close(l.ret);
}

/* The load log at level 1: the toolchain, the policy and the time spent. */
TEST_F(iface, load_log_times_and_toolchain)
{
	struct load l;
	const char *t;

	load_init(&l, self->hello, &self->tp, 1);
	l.attr.log_level = 1;
	ASSERT_LE(0, load_run(self->dev, &l)) TH_LOG("%s", l.log);
	EXPECT_NE(NULL, strstr(l.log, "toolchain: " IU_VERSION_STRING ", policy ")) TH_LOG("%s", l.log);
	EXPECT_NE(NULL, strstr(l.log, "signature: good (")) TH_LOG("%s", l.log);
	EXPECT_NE(NULL, strstr(l.log, ", sha256, signer ")) TH_LOG("%s", l.log);
	t = strstr(l.log, "load: time (us): signature ");
	EXPECT_NE(NULL, t) TH_LOG("%s", l.log);
	if (t)
		note("hello: %s\n", first_line(t));
	t = strstr(l.log, "code: ");
	if (t)
		note("hello: %s\n", first_line(t));
	close(l.ret);
}

/*
 * min_toolchain: files from an older toolchain are refused, before the code
 * check; the parameter takes versions only; empty is no minimum.
 */
TEST_F(iface, min_toolchain)
{
	__u32 kp = placeholder(BPF_PROG_TYPE_KPROBE, "prog");
	int fixture = open_case("code_jmp_self");
	char want[160];
	struct load l;

	ASSERT_LE(0, (int)kp);
	ASSERT_LE(0, fixture);
	EXPECT_EQ(EINVAL, set_min_toolchain("1.x"));
	EXPECT_EQ(EINVAL, set_min_toolchain("1..2"));
	EXPECT_EQ(EINVAL, set_min_toolchain("123456789012345678901234567890123"));

	ASSERT_EQ(0, set_min_toolchain("99.0"));
	load_init(&l, self->hello, &self->tp, 1);
	snprintf(want, sizeof(want),
		 "toolchain: built by toolchain %s, older than min_toolchain 99.0", IU_VERSION_STRING);
	EXPECT_REFUSED(&l, EPERM, want);

	/* the numeric order: 0.1.0 passes 0.0.10, a fixture's 0.0.0 does not */
	EXPECT_EQ(0, set_min_toolchain("0.0.10\n"));
	load_init(&l, self->hello, &self->tp, 1);
	EXPECT_LE(0, load_run(self->dev, &l)) TH_LOG("%s", l.log);
	if (l.ret >= 0)
		close(l.ret);
	load_init(&l, fixture, &kp, 1);
	EXPECT_REFUSED(&l, EPERM, "toolchain: built by toolchain 0.0.0, older than min_toolchain 0.0.10");

	/* exactly this version passes */
	EXPECT_EQ(0, set_min_toolchain(IU_VERSION_STRING));
	load_init(&l, self->hello, &self->tp, 1);
	EXPECT_LE(0, load_run(self->dev, &l)) TH_LOG("%s", l.log);
	if (l.ret >= 0)
		close(l.ret);

	/* empty: any toolchain again (the fixture reaches the code check) */
	EXPECT_EQ(0, set_min_toolchain("\n"));
	load_init(&l, fixture, &kp, 1);
	EXPECT_REFUSED(&l, ENOEXEC, "loop without a fuel point");
	set_min_toolchain("");
	close(fixture);
	close(kp);
}

IU_KSFT_KERNEL_LOG_CLEAN()

int main(int argc, char **argv)
{
	iu_ksft_start("load_refusals");
	load_manifest();
	if (iu_ksft_insert_module())
		return KSFT_FAIL;
	return test_harness_run(argc, argv);
}
