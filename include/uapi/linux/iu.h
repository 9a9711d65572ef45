/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * iu: signed native extensions bound to BPF programs.
 *
 * The user/kernel ABI: the /dev/iu ioctls and the structures of the extension
 * file format. docs/abi.md describes both; this header is the reference.
 */
#ifndef _UAPI_LINUX_IU_H
#define _UAPI_LINUX_IU_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define IU_DEVICE_PATH		"/dev/iu"

/* Version of the extension file format (struct iu_prog_desc::abi). */
#define IU_ABI_VERSION		1

/* ---------------------------------------------------------------------------
 * Extension file format
 * ------------------------------------------------------------------------- */

#define IU_PROG_NAME_LEN	16	/* as BPF_OBJ_NAME_LEN, NUL included */

/*
 * One program: the only content of an allocated section whose name is the
 * program's libbpf-style SEC name ("kprobe/<sym>", "kretprobe/<sym>",
 * "tracepoint/<category>/<name>"). @entry is the address of
 * "__u64 entry(void *ctx)" and carries an R_X86_64_RELATIVE relocation.
 * Extensible: @size says how much of it the file has (at least
 * IU_PROG_DESC_SIZE_VER0); fields past it read as zero, and bytes past the
 * fields a module knows must be zero.
 */
struct iu_prog_desc {
	__u32 size;		/* sizeof(struct iu_prog_desc) */
	__u32 abi;		/* IU_ABI_VERSION */
	__u64 entry;
	char name[IU_PROG_NAME_LEN];
	__u32 stack_size;	/* worst-case stack bytes, from the toolchain */
	__u32 flags;		/* IU_PROG_F_*; unknown bits are refused */
	/* end of IU_PROG_DESC_SIZE_VER0 */
	__u32 ctx_size;		/* bytes of the context the code may read: the size of
				 * the tracepoint record it was compiled against
				 * (required for tracepoints; the placeholder must
				 * have read as far, see docs/abi.md), at most
				 * sizeof(struct pt_regs) for kprobes (0: unknown) */
	__u32 reserved;		/* zero */
};
#define IU_PROG_DESC_SIZE_VER0	40	/* without ctx_size */

/*
 * The toolchain note (docs/abi.md 1.10): one SHT_NOTE section named
 * IU_NOTE_SECTION, not allocated, holding exactly one ELF note of name
 * IU_NOTE_NAME and type IU_NOTE_TOOLCHAIN whose descriptor is a
 * struct iu_note_toolchain. iu-finalize writes it; it is part of the signed
 * content, and iu.ko refuses a file without it.
 */
#define IU_NOTE_SECTION		".note.iu"
#define IU_NOTE_NAME		"iu"
#define IU_NOTE_TOOLCHAIN	1
#define IU_VERSION_LEN		32

struct iu_note_toolchain {
	char version[IU_VERSION_LEN];	/* the toolchain's version (VERSION):
					 * "[0-9]+(.[0-9]+)*", NUL-padded */
	__u8 policy[32];		/* SHA-256 of what defines the safe subset
					 * (checker, guard pass, iu-finalize, iu_rt
					 * headers, compile flags) */
};

/*
 * Descriptor claims that iu.ko proves from the code itself (its machine-code
 * check, docs/codecheck.md) and refuses when they disagree: stack_size is
 * what the entry and everything it calls need where no stack check covers
 * them, its return address included; RECURSIVE says the program's code
 * recurses (stack checks bound it); GUARDED says iu-finalize checked it
 * (required, so that an unchecked build is refused with a clear message).
 */
#define IU_PROG_F_RECURSIVE	(1U << 0)
#define IU_PROG_F_GUARDED	(1U << 1)
#define IU_PROG_F_ALL		(IU_PROG_F_RECURSIVE | IU_PROG_F_GUARDED)

/* ---------------------------------------------------------------------------
 * The run-time contract between guarded code and iu.ko
 *
 * Native code that carries a fuel point or stack check, or calls an iu
 * service, runs on per-CPU stacks of IU_STACK_SIZE bytes, aligned to their
 * size, so that code finds its stack's base and control block from %rsp
 * alone (other code is entered directly on the hook's stack:
 * docs/design.md, "Entering native code"). The toolchain instruments every function entry and loop
 * back-edge:
 *   - fuel: decrement iu_stack_cb.fuel; below zero, call iu_rt_tick(), which
 *     refills it, or ends the invocation once it has run past its budget;
 *   - stack (function entry): fewer than IU_STACK_RESERVE bytes left below
 *     %rsp calls iu_rt_stack_overflow(), which ends the invocation.
 * ------------------------------------------------------------------------- */
#define IU_STACK_SIZE		(32 * 1024)
#define IU_STACK_CB_SIZE	64		/* the control block, at the top */
/* Always free below a running function: helpers, interrupt entry, the end
 * path. A function passing its check can call one more function of at most
 * IU_FRAME_LIMIT bytes, whose own check then fails with room to spare. */
#define IU_STACK_RESERVE	(10 * 1024)
#define IU_FRAME_LIMIT		4096		/* largest frame of any function */

/*
 * What iu.ko's code check proves of the machine code (docs/codecheck.md):
 *   - IU_HELPER_STACK: stack bytes that kernel code entered from an extension
 *     may use below the extension's %rsp: a helper or runtime service it
 *     calls (below the return address), or an interrupt or exception taken
 *     at any of its instructions (hardware frame and entry code included).
 *     The check proves this much room at every instruction. 6 KiB: what the
 *     10 KiB IU_STACK_RESERVE leaves after one IU_FRAME_LIMIT frame.
 *   - IU_SEGMENT_LIMIT: most instructions on any path between two fuel
 *     points (or from the start of an invocation to the first one, or from
 *     the last one to its end), callees included. A path through k recursive
 *     frames unwinds in at most k * IU_SEGMENT_LIMIT instructions, and
 *     k <= IU_STACK_SIZE / 8.
 */
#define IU_HELPER_STACK		(IU_STACK_RESERVE - IU_FRAME_LIMIT)
#define IU_SEGMENT_LIMIT	65536

/* At the top IU_STACK_CB_SIZE bytes of the stack; the rest is reserved. */
struct iu_stack_cb {
	__s64 fuel;		/* code: decrement, below zero call iu_rt_tick() */
};

/* ---------------------------------------------------------------------------
 * /dev/iu ioctls
 *
 * Structures are extensible: the caller puts sizeof(struct) in @size; the
 * kernel accepts smaller (older) structs and larger ones whose extra bytes are
 * zero (copy_struct_from_user, as openat2 and clone3 do). Commands are matched
 * on type and number only, so the size encoded in the command may differ.
 * ------------------------------------------------------------------------- */

#define IU_IOC_MAGIC		0xb7

/* Keep the programs bound after the handle fd closes; IU_IOC_UNLOAD or
 * rmmod unbinds them. */
#define IU_LOAD_PIN		(1U << 0)
#define IU_LOAD_FLAGS_ALL	(IU_LOAD_PIN)

struct iu_load_attr {
	__u32 size;		/* in: sizeof(struct iu_load_attr) */
	__u32 flags;		/* in: IU_LOAD_* */
	__s32 elf_fd;		/* in: fd of the signed file, or -1 */
	__u32 elf_size;		/* in: bytes at @elf_buf when elf_fd is -1 */
	__aligned_u64 elf_buf;	/* in: the signed file when elf_fd is -1 */
	__aligned_u64 prog_fds;	/* in: __u32[nr_progs], one placeholder BPF
				 * program per program, in file order */
	__aligned_u64 map_fds;	/* in: __u32[nr_maps], in .maps order */
	__u32 nr_progs;
	__u32 nr_maps;
	__aligned_u64 log_buf;	/* in: buffer for the load log (may be 0) */
	__u32 log_size;		/* in: its size in bytes */
	__u32 log_level;	/* in: 0 errors only, 1 also what was loaded */
	__u32 log_true_size;	/* out: size the whole log needed, NUL included */
	__u32 id;		/* out: object id (debugfs, IU_IOC_UNLOAD) */
};
#define IU_LOAD_ATTR_SIZE_VER0	72

/*
 * Load, verify and bind. Returns a new handle fd (O_CLOEXEC): the native code
 * stays bound while it is open, unless IU_LOAD_PIN was given.
 */
#define IU_IOC_LOAD		_IOWR(IU_IOC_MAGIC, 1, struct iu_load_attr)

/* Unbind and free a pinned object, by the id IU_IOC_LOAD returned. */
#define IU_IOC_UNLOAD		_IOW(IU_IOC_MAGIC, 2, __u32)

/*
 * The counters of program @index (file order) of an object: on a handle fd
 * (its own object; @obj_id must be 0), or on /dev/iu for the object @obj_id.
 */
struct iu_prog_stats {
	__u32 size;		/* in: sizeof(struct iu_prog_stats) */
	__u32 index;		/* in */
	__u64 runs;		/* out: invocations, ended early or not, counted while
				 * BPF stats are on (the placeholder's run_cnt) */
	__u64 missed;		/* out: not run: nesting too deep on a CPU */
	__u64 terminations;	/* out: ended by the time budget */
	__u64 panics;		/* out: ended by a run-time check */
	__u64 max_term_ns;	/* out: longest terminated invocation */
	__u32 bpf_id;		/* out: the placeholder's BPF program id */
	__u32 obj_id;		/* in: on /dev/iu, the object (IU_IOC_OBJ_INFO) */
	/* since IU_PROG_STATS_SIZE_VER1 */
	char name[IU_PROG_NAME_LEN];	/* out */
	char section[64];	/* out: the section name, truncated, NUL-terminated */
};
#define IU_PROG_STATS_SIZE_VER0	56
#define IU_PROG_STATS_SIZE_VER1	136

#define IU_IOC_PROG_STATS	_IOWR(IU_IOC_MAGIC, 3, struct iu_prog_stats)

/*
 * On /dev/iu: one loaded object, for listing without debugfs: the one with
 * the lowest id at or above @id (0: the first). The answer says which one it
 * is and the id of the next (0 after the last), so that a caller walks every
 * object, and one unloaded meanwhile is simply skipped. ENOENT: none.
 */
#define IU_OBJ_PINNED		(1U << 0)

struct iu_obj_info {
	__u32 size;		/* in: sizeof(struct iu_obj_info) */
	__u32 id;		/* in: where to start; out: the object's id */
	__u32 next_id;		/* out: the next object's id, 0 if none */
	__u32 flags;		/* out: IU_OBJ_* */
	__u32 nr_progs;		/* out */
	__u32 pad;		/* must be 0 */
	char signer[64];	/* out: the key that verified its signature */
	char toolchain[64];	/* out: the toolchain that built it (signed note) */
	__u8 policy[32];	/* out: SHA-256 of the safe-subset policy it was checked with */
};
#define IU_OBJ_INFO_SIZE_VER0	184

#define IU_IOC_OBJ_INFO		_IOWR(IU_IOC_MAGIC, 4, struct iu_obj_info)

/*
 * Run a bound program once, on the calling CPU with preemption disabled (as
 * a hook does), on a context the caller supplies, as BPF_PROG_TEST_RUN does
 * for other program types. On /dev/iu, or on a handle fd (the program must
 * then belong to its object). docs/abi.md 2.5.
 *
 * @ctx/@ctx_size: for kprobe and kretprobe programs a struct pt_regs image
 * (exactly sizeof(struct pt_regs)); for tracepoint programs the event's
 * record, at least the program's ctx_size and at most 8192 bytes (its first 8
 * bytes are replaced with the pointer to a zeroed struct pt_regs that the
 * kernel puts there for BPF programs).
 *
 * @mem/@mem_size: optional argument memory, copied into a kernel buffer
 * (at most IU_TEST_RUN_MEM_MAX bytes). Every 8-byte aligned word of the
 * context whose value lies in [mem, mem + mem_size) is rewritten to the same
 * offset in that buffer: build the context with the user addresses you used,
 * and the program reads the copy (probe_read_kernel of a test seccomp_data).
 * Pointers inside the memory itself are not rewritten.
 *
 * @out/@out_size: what the program printed (trace_printk), in order, NUL
 * terminated, captured instead of going to trace_pipe; @out_true_size says
 * how many bytes all of it needed (NUL included) and @nr_prints how many
 * messages there were.
 */
#define IU_TEST_RUN_MEM_MAX	(64 * 1024)
#define IU_TEST_RUN_OUT_MAX	(64 * 1024)

enum iu_test_run_outcome {
	IU_TEST_RUN_RETURNED = 0,	/* the program returned @retval */
	IU_TEST_RUN_TERMINATED = 1,	/* ended by the time budget */
	IU_TEST_RUN_PANICKED = 2,	/* ended by a run-time check or its stack */
};

struct iu_test_run_attr {
	__u32 size;		/* in: sizeof(struct iu_test_run_attr) */
	__u32 flags;		/* in: 0 */
	__s32 prog_fd;		/* in: the placeholder BPF program, bound */
	__u32 ctx_size;		/* in: bytes at @ctx */
	__aligned_u64 ctx;	/* in: the context image */
	__aligned_u64 mem;	/* in: argument memory (user address), or 0 */
	__u32 mem_size;		/* in: its size, 0 with @mem 0 */
	__u32 out_size;		/* in: bytes at @out, 0 with @out 0 */
	__aligned_u64 out;	/* in: buffer for the printed text */
	__aligned_u64 log_buf;	/* in: why a run was refused (may be 0) */
	__u32 log_size;		/* in */
	__u32 log_level;	/* in: 0 */
	__u32 log_true_size;	/* out */
	__u32 retval;		/* out: what the hook got (the safe default if ended) */
	__u32 outcome;		/* out: enum iu_test_run_outcome */
	__u32 out_true_size;	/* out: bytes the printed text needed, NUL included */
	__u32 nr_prints;	/* out: trace_printk calls */
	__u32 pad;		/* must be 0 */
	__u64 duration_ns;	/* out: how long it ran */
	char reason[128];	/* out: why it was ended, or "" */
};
#define IU_TEST_RUN_ATTR_SIZE_VER0	224

#define IU_IOC_TEST_RUN		_IOWR(IU_IOC_MAGIC, 5, struct iu_test_run_attr)

#endif /* _UAPI_LINUX_IU_H */
