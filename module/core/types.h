/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The only environment the extension-file core (elf.c, sig.c) sees: fixed-size
 * integers, errno values, mem* functions and va_list. In the kernel they come
 * from kernel headers; in user space (host tests, fuzzing, the toolchain's
 * post-link check) from libc. Nothing else may be included by the core.
 */
#ifndef _IU_CORE_TYPES_H
#define _IU_CORE_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/stdarg.h>
#include <linux/sched.h>	/* cond_resched() */
#define iu_cond_resched()	cond_resched()
#else
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <string.h>
#include <errno.h>
#include <stdarg.h>
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;
#define iu_cond_resched()	do { } while (0)
#endif

#endif /* _IU_CORE_TYPES_H */
