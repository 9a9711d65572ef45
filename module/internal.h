/* SPDX-License-Identifier: GPL-2.0 */
/*
 * iu.ko internals: the objects a LOAD creates and the interfaces between the
 * module's files (one concern each, as kernel/module/ does).
 */
#ifndef _IU_INTERNAL_H
#define _IU_INTERNAL_H

#define pr_fmt(fmt) "iu: " fmt

#include <linux/types.h>
#include <linux/list.h>
#include <linux/refcount.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/ratelimit.h>
#include <linux/bpf.h>
#include <linux/iu.h>
#include "compat.h"
#include "core/elf.h"
#include "core/codecheck.h"
#include "core/helpers.h"

/* ---- load log (log.c): a verifier-style text log for the user ---- */
struct iu_load_log {
	struct iu_log log;	/* what the core and the loader write to */
	char *buf;
	u32 size;		/* bytes the user can take, NUL included */
	u32 len;		/* bytes kept */
	u32 true_len;		/* bytes needed, NUL excluded */
	u32 level;
};

int iu_log_init(struct iu_load_log *l, u32 size, u32 level);
void iu_log_free(struct iu_load_log *l);
__printf(2, 3) void iu_log(struct iu_load_log *l, const char *fmt, ...);
/* Progress messages, kept only at log_level >= 1. */
#define iu_log_info(l, fmt, ...)					\
	do { if ((l)->level >= 1) iu_log(l, fmt, ##__VA_ARGS__); } while (0)
int iu_log_copy_to_user(struct iu_load_log *l, u64 ubuf);

int iu_copy_struct_in(void *dst, size_t size, void __user *src, size_t min);

/* ---- non-exported kernel symbols (kallsyms.c, resolved once at init) ---- */
struct iu_ksyms {
	iu_exec_alloc_t exec_alloc;
	void (*exec_free)(void *ptr);
	int (*set_memory_ro)(unsigned long addr, int numpages);
	int (*set_memory_x)(unsigned long addr, int numpages);
	void *(*vmalloc_range)(unsigned long size, unsigned long align,
			       unsigned long start, unsigned long end, gfp_t gfp,
			       pgprot_t prot, unsigned long vm_flags, int node,
			       const void *caller);
	void (**x86_return_thunk)(void);
	int (*bpf_arch_text_poke)(void *ip, enum bpf_text_poke_type t, void *old_addr,
				  void *new_addr);
	void (*bpf_user_rnd_init_once)(void);
	u64 (*bpf_snprintf)(u64 str, u64 str_size, u64 fmt, u64 data, u64 data_len);
};
extern struct iu_ksyms iu_ksyms;
int iu_kallsyms_init(void);

/*
 * A frameless program runs on the hook's own stack, entered by the JIT
 * image's jump with nothing in between, as an eBPF program is: the code check
 * proved that nothing reachable from its entry needs an invocation frame (no
 * fuel point, stack check or iu service call: it cannot be ended early, and
 * ends by itself within IU_SEGMENT_LIMIT instructions), that it does not
 * recurse, and that its own stack (return address included) is at most
 * IU_FRAMELESS_STACK bytes, eBPF's MAX_BPF_STACK. Helpers it calls use the
 * kernel stack as they do under eBPF.
 */
#define IU_FRAMELESS_STACK	512

/* ---- signatures (signing.c) ---- */
int iu_signing_init(void);
void iu_signing_exit(void);
int iu_verify_signature(const void *data, u64 size, u64 *content_size,
			struct iu_load_log *log);
/* The trusted key's description ("signer: key id"), for listings. */
void iu_signing_describe(char *buf, size_t size);
/* The file's toolchain note against the min_toolchain parameter. */
int iu_check_toolchain(const struct iu_elf *e, struct iu_load_log *log);

/* ---- helpers (helpers.c) ---- */
/* What each entry of core/helpers.h resolves to, by table index: iu.ko's
 * services statically, the BPF helpers filled in by iu_kallsyms_init(). */
extern void *iu_helper_impl[IU_NR_HELPERS];
int iu_helpers_init(void);
int iu_helper_resolve(void *ctx, const char *name, u32 kinds, u64 *addr,
		      struct iu_log *log);

/* ---- objects ---- */
/* Per-CPU counters of a program (summed for debugfs and IU_IOC_PROG_STATS). */
struct iu_pcpu_stats {
	u64 runs;		/* sums only: the placeholder's BPF run count */
	u64 missed;		/* nesting too deep on this CPU */
	u64 terminations;	/* ended by the time budget */
	u64 panics;		/* ended by a run-time check */
	u64 max_term_ns;	/* longest terminated invocation */
};

struct iu_object;

struct iu_prog {
	struct iu_object *obj;
	struct bpf_prog *bpf;		/* placeholder; referenced while held */
	u64 (*entry)(void *ctx);	/* native entry point */
	void *stub;			/* the JIT image's patch site jumps here */
	struct iu_pcpu_stats __percpu *stats;
	enum iu_prog_kind kind;
	u32 retval;			/* safe default when stopped */
	u32 ctx_size;			/* bytes of the context the code reads */
	/* From the code check (iu_prog_set_entry): the patch site jumps
	 * straight to the native entry (frameless), or to the stub and
	 * iu_run(); fuel: iu_run() starts the budget clock. */
	bool frameless;
	bool fuel;
	bool bound;
	struct ratelimit_state log_rs;	/* panics and terminations, per program */
	char name[IU_PROG_NAME_LEN];
	char *sec_name;
};

struct iu_object {
	refcount_t ref;			/* handle files + pin */
	u32 id;
	bool pinned;			/* under iu_objects_lock */
	struct list_head node;		/* iu_objects */
	u8 *image;			/* mapped extension, image_size bytes */
	u64 image_size;
	char signer[64];		/* the key that verified its signature */
	char toolchain[64];		/* from the signed note, NUL-terminated */
	u8 policy[32];			/* ditto: SHA-256 of the safe-subset policy */
	/* the file's functions, for saying where an invocation ended */
	struct iu_func_name *funcs;
	u32 nr_funcs;
	void *stubs;			/* the trampolines, a page or more */
	bool stubs_leaked;		/* unpatching failed: nothing may be freed */
	u32 nr_progs;
	struct iu_prog progs[];
};

struct iu_func_name {
	u64 start, size;		/* image offsets */
	char name[48];
};

/* codecheck.c: the machine-code check (module/core/codecheck.c) in the kernel */
int iu_code_check(struct iu_codecheck *cc, const struct iu_elf *e, struct iu_load_log *log);
void iu_code_check_free(struct iu_codecheck *cc);
/* "func+0xoff" of image address @ip into @buf, or "?" */
void iu_code_where(const struct iu_object *obj, unsigned long ip, char *buf, size_t size);

/* loader.c: the ELF loader (map, relocate, rewrite helper calls, protect) */
/* @reloc_us: time spent relocating, for the load log */
int iu_load_image(struct iu_object *obj, const struct iu_elf *e, const struct iu_codecheck *cc,
		  struct iu_load_log *log, s64 *reloc_us);
void iu_free_image(struct iu_object *obj);
void *iu_exec_alloc(size_t size);
void iu_exec_free(void *p);
int iu_exec_protect(void *p, size_t size);

/* bind.c: placeholder BPF programs */
int iu_bind_take(struct iu_prog *prog, int fd, struct iu_load_log *log);
int iu_bind_install(struct iu_object *obj, struct iu_load_log *log);
void iu_bind_release(struct iu_object *obj);

/* object.c: lifetime, ids, the handle fd */
struct file *iu_object_load(const struct iu_load_attr *attr,
			    struct iu_load_log *log, u32 *id);
void iu_object_pin(struct file *handle);
int iu_object_unload_pinned(u32 id);
int iu_object_info(struct iu_obj_info *info);
/* @obj: a handle's object; NULL: the object stats->obj_id names */
long iu_ioctl_prog_stats(struct iu_object *obj, struct iu_prog_stats __user *ustats);
bool iu_prog_is_bound(const struct bpf_prog *bp);
void iu_objects_exit(void);
struct seq_file;
void iu_objects_show(struct seq_file *m);
void iu_objects_show_identity(struct seq_file *m);

/* runtime.c + entry.S: invocation of native code */
int iu_runtime_init(void);
void iu_runtime_exit(void);
unsigned int iu_run(const void *ctx, struct iu_prog *prog);

/*
 * testrun.c: IU_IOC_TEST_RUN. One test run in progress on a CPU; its frame
 * (runtime.c) points at it, so that trace_printk from that invocation (not
 * from one nested in an interrupt) is captured and the way it ended recorded.
 */
struct iu_testrun {
	char *out;			/* capture buffer, out_size bytes */
	u32 out_size;
	u32 out_len;			/* bytes kept, NUL excluded */
	u32 out_true;			/* bytes needed, NUL excluded */
	u32 nr_prints;
	u32 outcome;			/* enum iu_test_run_outcome */
	unsigned int irq_ctx;		/* iu_irq_ctx() of the run */
	char reason[128];
};
/*
 * The interrupt context an invocation runs in (NMI, hard IRQ, serving a
 * softirq, or none): a program that runs in an interrupt taken during a test
 * run is not part of it.
 */
static __always_inline unsigned int iu_irq_ctx(void)
{
	return preempt_count() & (NMI_MASK | HARDIRQ_MASK | SOFTIRQ_OFFSET);
}
/* iu_run() for a test run, on a frame that points at @tr */
unsigned int iu_run_test(const void *ctx, struct iu_prog *prog, struct iu_testrun *tr);
/* The test run the current invocation belongs to, or NULL. */
struct iu_testrun *iu_current_testrun(void);
long iu_ioctl_test_run(struct iu_object *obj, struct iu_test_run_attr __user *uattr);
/* the bpf_trace_printk helper extensions call (helpers.c installs it) */
u64 iu_trace_printk(u64 fmt, u64 fmt_size, u64 a1, u64 a2, u64 a3);
extern u64 (*iu_bpf_trace_printk)(u64, u64, u64, u64, u64);
/* object.c: the bound program whose placeholder is @bp, its object referenced */
struct iu_prog *iu_prog_get_bound(const struct bpf_prog *bp, struct iu_object *only);
void iu_prog_put_bound(struct iu_prog *prog);
/* How @prog is entered, from what the code check proved of it. */
void iu_prog_set_entry(struct iu_prog *prog, const struct iu_cc_prog *cp);
/* runtime services called by extension code (core/helpers.h, which has
 * their prototypes and checks them in helpers.c) */
void __noreturn iu_rt_panic(const char *msg);
void __noreturn iu_rt_stack_overflow(void);
/* entry.S: the fuel point's slow path, preserving all registers but %r11
 * and the flags; it calls iu_tick(). */
void iu_rt_tick(void);
void iu_tick(unsigned long ip);

/* debugfs.c */
void iu_debugfs_init(void);
void iu_debugfs_exit(void);

#endif /* _IU_INTERNAL_H */
