/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every difference between the supported kernel lines (6.1 and 6.12) lives
 * here, so that the rest of the module reads as if there were one kernel.
 */
#ifndef _IU_COMPAT_H
#define _IU_COMPAT_H

#include <linux/version.h>

/*
 * Executable memory: module_alloc()/module_memfree() up to 6.9, then the
 * execmem allocator (6.10+). Both hand out RW+NX memory in the module area,
 * within rel32 reach of kernel and module text, and free it with its
 * permissions reset (VM_FLUSH_RESET_PERMS).
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 10, 0)
#define IU_KSYM_EXEC_ALLOC	"execmem_alloc"
#define IU_KSYM_EXEC_FREE	"execmem_free"
#define IU_EXEC_ALLOC_ARGS(size)	0 /* EXECMEM_MODULE_TEXT */, (size)
typedef void *(*iu_exec_alloc_t)(int type, size_t size);
/* Allocation profiling renamed the vmalloc entry point (6.10). */
#define IU_KSYM_VMALLOC_RANGE	"__vmalloc_node_range_noprof"
#else
#define IU_KSYM_EXEC_ALLOC	"module_alloc"
#define IU_KSYM_EXEC_FREE	"module_memfree"
#define IU_EXEC_ALLOC_ARGS(size)	(size)
typedef void *(*iu_exec_alloc_t)(unsigned long size);
#define IU_KSYM_VMALLOC_RANGE	"__vmalloc_node_range"
#endif

/* The sleepable flag moved from bpf_prog_aux to bpf_prog in 6.9. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 9, 0)
#define iu_bpf_prog_sleepable(bp)	((bp)->sleepable)
#else
#define iu_bpf_prog_sleepable(bp)	((bp)->aux->sleepable)
#endif

#endif /* _IU_COMPAT_H */
