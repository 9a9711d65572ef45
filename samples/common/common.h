/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by the sample loaders: opening and attaching, triggering hooks on
 * every CPU, reporting. */
#ifndef _SAMPLES_COMMON_H
#define _SAMPLES_COMMON_H

#include <stdbool.h>
#include <iu/libiu.h>

/*
 * iu_object__open(@path), find program @name and attach it as its section
 * says; on failure print why (with ERROR:) and return NULL.
 */
struct iu_object *open_and_attach(const char *path, const char *name,
				  struct iu_program **prog, struct iu_link **link);

/*
 * Print the lines of the trace buffer (not consumed) that contain @want;
 * return whether there was one, or print an ERROR: line and return false.
 */
bool trace_has(const char *want);

/* Call syscall @nr @count times on each online CPU (one process per CPU). */
int trigger_syscall(long nr, long count);
/* Start one process per online CPU calling syscall @nr until stop_all(). */
int start_syscall_loops(long nr);
/* Start one busy process per online CPU (keeps the tick running). */
int start_busy_loops(void);
void stop_all(void);

/*
 * Wait until @prog has run at least @min times in all (the load started
 * before reached the hook), polling its counters; -ETIMEDOUT after
 * @timeout_s seconds, a hang guard to be chosen generously. Runs are
 * counted only while BPF stats are on (enable_bpf_stats()).
 */
int wait_for_runs(const struct iu_program *prog, unsigned long long min, int timeout_s);

/*
 * Print "NAME: runs=.. terminations=.. panics=.. missed=.. max_term_us=..
 * bpf_run_cnt=.. bpf_avg_us=.." from iu's counters and BPF stats
 * (enable_bpf_stats() first).
 */
int print_stats(const struct iu_program *prog);
int enable_bpf_stats(void);

#endif
