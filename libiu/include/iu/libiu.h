/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * libiu: the libbpf of iu extensions.
 *
 *	struct iu_object *obj = iu_object__open("tracex5.iu");
 *	struct iu_program *prog = iu_object__find_program_by_name(obj, "bpf_prog1");
 *	struct iu_link *link = iu_program__attach(prog);
 *	...
 *	iu_link__destroy(link);
 *	iu_object__close(obj);
 *
 * iu_object__open() verifies the file's shape, loads one placeholder BPF
 * program per extension program (bpf(BPF_PROG_LOAD), same type, GPL, named
 * after it) and has iu.ko verify the signature and bind the native code to
 * them through /dev/iu. There is no separate load step.
 *
 * Functions returning int return 0 or a negative errno. Functions returning a
 * pointer return NULL and set errno. Messages, including the module's load
 * log when it refuses a file, go to the print callback (stderr by default).
 */
#ifndef __LIBIU_H
#define __LIBIU_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <linux/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct iu_object;
struct iu_program;
struct iu_link;

enum iu_print_level {
	IU_WARN,
	IU_INFO,
	IU_DEBUG,
};

typedef int (*iu_print_fn_t)(enum iu_print_level level, const char *fmt, va_list args);

/* Set the print callback (NULL silences libiu); returns the previous one. */
iu_print_fn_t iu_set_print(iu_print_fn_t fn);

struct iu_object_open_opts {
	size_t sz;		/* sizeof(struct iu_object_open_opts) */
	bool pin;		/* keep the programs bound after close (IU_LOAD_PIN) */
	__u32 log_level;	/* module log detail: 0 errors, 1 also progress */
};

struct iu_object *iu_object__open(const char *path);
struct iu_object *iu_object__open_file(const char *path, const struct iu_object_open_opts *opts);
void iu_object__close(struct iu_object *obj);

const char *iu_object__name(const struct iu_object *obj);
/* The module's id of the loaded object (debugfs, iu-loader --unload). */
__u32 iu_object__id(const struct iu_object *obj);

struct iu_program *iu_object__find_program_by_name(const struct iu_object *obj,
						   const char *name);
/* Iterate: prev NULL gives the first program; NULL after the last. */
struct iu_program *iu_object__next_program(const struct iu_object *obj,
					   const struct iu_program *prev);
#define iu_object__for_each_program(pos, obj)                                      \
	for ((pos) = iu_object__next_program((obj), NULL); (pos) != NULL;          \
	     (pos) = iu_object__next_program((obj), (pos)))

/* Maps come with a later ABI version: always -ENOENT for now. */
int iu_object__find_map_fd_by_name(const struct iu_object *obj, const char *name);

const char *iu_program__name(const struct iu_program *prog);
const char *iu_program__section_name(const struct iu_program *prog);
/* A real BPF program fd (the placeholder), for bpftool, pinning, links. */
int iu_program__fd(const struct iu_program *prog);
/*
 * Bytes of its context the program reads: for a tracepoint program the size
 * of the record it was compiled against (the kernel refuses to attach it to
 * an event whose record is smaller); sizeof(struct pt_regs) for kprobes.
 */
__u32 iu_program__ctx_size(const struct iu_program *prog);

/*
 * The program's counters (struct iu_prog_stats from <linux/iu.h>): runs,
 * missed, terminations, panics, longest terminated run, BPF program id.
 */
struct iu_prog_stats;
int iu_program__stats(const struct iu_program *prog, struct iu_prog_stats *stats);

/*
 * Run the program once on a context you supply, on the calling CPU, as its
 * hook would (IU_IOC_TEST_RUN, docs/abi.md 2.5): nothing needs to be
 * attached, and what it prints comes back in @out instead of trace_pipe.
 *
 *	struct pt_regs regs = { .di = __NR_write, .si = (unsigned long)&sd };
 *	char out[256];
 *	struct iu_test_run_opts o = { .sz = sizeof(o), .ctx = &regs,
 *		.ctx_size = sizeof(regs), .mem = &sd, .mem_size = sizeof(sd),
 *		.out = out, .out_size = sizeof(out) };
 *	err = iu_program__test_run(prog, &o);	// o.retval, o.outcome, out
 *
 * @ctx: a struct pt_regs for kprobe and kretprobe programs, the event's
 * record for tracepoint programs (at least iu_program__ctx_size() bytes).
 * @mem: argument memory, copied into the kernel (at most
 * IU_TEST_RUN_MEM_MAX bytes); every 8-byte aligned word of the context
 * holding an address inside [mem, mem + mem_size) points at the copy.
 * Returns 0 when the program ran (however it ended: @outcome), or a negative
 * errno when the run was refused; the module's reason then goes to @log_buf
 * if given, and to the print callback.
 */
struct iu_test_run_opts {
	size_t sz;		/* sizeof(struct iu_test_run_opts) */
	const void *ctx;	/* in */
	__u32 ctx_size;
	__u32 mem_size;
	const void *mem;	/* in, optional */
	char *out;		/* in: buffer for the printed text, optional */
	__u32 out_size;
	__u32 log_size;
	char *log_buf;		/* in: buffer for a refusal's reason, optional */
	/* out */
	__u32 retval;		/* what the hook got */
	__u32 outcome;		/* IU_TEST_RUN_RETURNED, _TERMINATED, _PANICKED */
	__u32 out_true_size;	/* bytes the printed text needed, NUL included */
	__u32 nr_prints;	/* trace_printk calls */
	__u64 duration_ns;
	char reason[128];	/* why it was ended early, or "" */
};
int iu_program__test_run(const struct iu_program *prog, struct iu_test_run_opts *opts);

/* Attach as the section name says: kprobe/<sym>, kprobe/<sym>+<offset> (a
 * probe that many bytes into the function), kretprobe/<sym>,
 * tracepoint/<category>/<name>. iu_program__attach_kprobe() probes the entry
 * of @func_name. */
struct iu_link *iu_program__attach(const struct iu_program *prog);
struct iu_link *iu_program__attach_kprobe(const struct iu_program *prog, bool retprobe,
					  const char *func_name);
/*
 * A tracepoint program reads the record of the event it was compiled for
 * (its section): attaching it to another event is refused (EINVAL) unless
 * @opts->other_event says the caller means it. Either way the kernel refuses
 * (EACCES, explained in the message) an event whose record is smaller than
 * the program's (iu_program__ctx_size()).
 */
struct iu_tracepoint_opts {
	size_t sz;		/* sizeof(struct iu_tracepoint_opts) */
	bool other_event;	/* allow an event other than the section's */
};
struct iu_link *iu_program__attach_tracepoint(const struct iu_program *prog,
					      const char *category, const char *name);
struct iu_link *iu_program__attach_tracepoint_opts(const struct iu_program *prog,
						   const char *category, const char *name,
						   const struct iu_tracepoint_opts *opts);
/* Pin the attachment (a bpf_link) in bpffs so that it outlives the process. */
int iu_link__pin(struct iu_link *link, const char *path);
int iu_link__destroy(struct iu_link *link);

/*
 * For loaders: copy trace_pipe lines to @out until @duration_ms have passed
 * (negative: forever) or @stop (if not NULL) becomes true. Empty lines (what
 * a format ending in "\n" leaves after each message) are left out.
 */
int iu_trace_pipe_stream(int duration_ms, FILE *out, volatile bool *stop);

#ifdef __cplusplus
}
#endif

#endif /* __LIBIU_H */
