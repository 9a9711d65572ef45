// SPDX-License-Identifier: GPL-2.0
// Kernel types without bindgen: the kernel's uapi C headers, included as C++
// (their layouts are the kernel's ABI). For internal kernel structs, generate
// a header from the target kernel's BTF with scripts/btf-header.
#pragma once

#include <asm/unistd.h>
#include <linux/ptrace.h>
#include <linux/seccomp.h>
#include <linux/types.h>
