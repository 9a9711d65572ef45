// SPDX-License-Identifier: GPL-2.0
/*
 * termination: shapes of endless code that once got past the toolchain
 * (irreducible cycles, side-effect-free loops that the optimiser may assume
 * finite, a loop in a callback lent to iu_rt, unbounded recursion), built by
 * iu-cc from ext/termination.cpp and run on real syscalls. Each invocation
 * must be ended by the time budget (or, for the recursion, by the stack
 * check), counted, and logged with the program's name; the syscall itself
 * returns its normal result; nothing falls off a function's end (that would
 * oops, which the harness's dmesg check reports).
 *
 * Nothing here is timed: the budget is iu.ko's; the test waits only for the
 * counters, with a generous bound.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <iu/libiu.h>
#include <linux/iu.h>

#include "kselftest_harness.h"
#include "iu_ksft.h"

#define CALLS 5

/* Whether dmesg has "iu: program NAME WHAT" (terminated, panicked: ...). */
static int logged(const char *name, const char *what)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "dmesg | grep -q 'iu: program %s %s'", name, what);
	return system(cmd) == 0;
}

FIXTURE(term) {
	struct iu_object *obj;
	int stats;	/* BPF_ENABLE_STATS: runs are the placeholder's run count */
};

FIXTURE_SETUP(term)
{
	char path[4200];

	self->stats = -1;
	snprintf(path, sizeof(path), "%s/ext/termination.iu", iu_tests());
	self->obj = iu_object__open(path);
	ASSERT_NE(NULL, self->obj) TH_LOG("iu_object__open(%s): %s", path, strerror(errno));
	self->stats = bpf_enable_stats(BPF_STATS_RUN_TIME);
	ASSERT_LE(0, self->stats) TH_LOG("BPF_ENABLE_STATS: %s", strerror(errno));
}

FIXTURE_TEARDOWN(term)
{
	iu_object__close(self->obj);
	if (self->stats >= 0)
		close(self->stats);
}

/*
 * Attach @name, make CALLS calls of @nr, which must return @want, then
 * check that every invocation (of this process's calls; the program sees
 * other processes' calls too) was ended: runs == ended (terminations or
 * panics), at least CALLS of them, and a log line saying how.
 */
static void run_ended(struct __test_metadata *_metadata, struct iu_object *obj,
		      const char *name, long nr, long want, int by_stack)
{
	struct iu_program *prog = iu_object__find_program_by_name(obj, name);
	struct iu_prog_stats st = { .size = sizeof(st) };
	struct iu_link *link;
	int i;

	ASSERT_NE(NULL, prog) TH_LOG("no program %s", name);
	link = iu_program__attach(prog);
	ASSERT_NE(NULL, link) TH_LOG("attach %s: %s", name, strerror(errno));
	for (i = 0; i < CALLS; i++)
		EXPECT_EQ(want, syscall(nr)) TH_LOG("%s: call %d returned something else", name, i);
	iu_link__destroy(link);
	ASSERT_EQ(0, iu_program__stats(prog, &st));
	EXPECT_LE(CALLS, st.runs);
	if (by_stack) {
		EXPECT_EQ(st.runs, st.panics) TH_LOG("%s: %llu runs, %llu panics", name,
						     (unsigned long long)st.runs,
						     (unsigned long long)st.panics);
		EXPECT_TRUE(logged(name, "panicked: stack overflow"));
	} else {
		EXPECT_EQ(st.runs, st.terminations)
			TH_LOG("%s: %llu runs, %llu terminations, %llu panics", name,
			       (unsigned long long)st.runs, (unsigned long long)st.terminations,
			       (unsigned long long)st.panics);
		EXPECT_TRUE(logged(name, "terminated"));
	}
}

TEST_F(term, irreducible_cycle_is_ended)
{
	run_ended(_metadata, self->obj, "irreducible", SYS_getuid, (long)getuid(), 0);
}

TEST_F(term, empty_endless_loop_is_ended)
{
	run_ended(_metadata, self->obj, "empty_loop", SYS_geteuid, (long)geteuid(), 0);
}

TEST_F(term, loop_in_a_lent_callback_is_ended)
{
	run_ended(_metadata, self->obj, "in_callback", SYS_getgid, (long)getgid(), 0);
}

TEST_F(term, unbounded_recursion_is_ended_by_the_stack_check)
{
	run_ended(_metadata, self->obj, "recursion", SYS_getegid, (long)getegid(), 1);
}

IU_KSFT_KERNEL_LOG_CLEAN()

int main(int argc, char **argv)
{
	iu_ksft_start("termination");
	if (iu_ksft_insert_module())
		return KSFT_FAIL;
	return test_harness_run(argc, argv);
}
