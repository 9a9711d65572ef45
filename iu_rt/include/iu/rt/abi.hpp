// SPDX-License-Identifier: GPL-2.0
// The raw interface to the module: helper functions resolved at load time
// (generated from the helper table: <iu/rt/helpers.hpp>, docs/helpers.md) and
// the program descriptor (include/uapi/linux/iu.h).
// Trusted: extension code never sees these declarations directly.
#pragma once

#include <linux/iu.h>
#include <iu/rt/helpers.hpp>
#include <iu/types.hpp>

namespace iu::rt {

// Mirror of struct iu_prog_desc with a typed entry pointer, so that the
// descriptor is a constant initializer (an address, relocated at load).
struct ProgDesc {
	u32 size;
	u32 abi;
	u64 (*entry)(void *ctx);
	char name[IU_PROG_NAME_LEN];
	u32 stack_size;
	u32 flags;
	u32 ctx_size;
	u32 reserved;
};
static_assert(sizeof(ProgDesc) == sizeof(iu_prog_desc));
static_assert(__builtin_offsetof(ProgDesc, ctx_size) == __builtin_offsetof(iu_prog_desc, ctx_size));
static_assert(__builtin_offsetof(ProgDesc, entry) == __builtin_offsetof(iu_prog_desc, entry));
static_assert(__builtin_offsetof(ProgDesc, name) == __builtin_offsetof(iu_prog_desc, name));
static_assert(__builtin_offsetof(ProgDesc, stack_size) ==
	      __builtin_offsetof(iu_prog_desc, stack_size));

} // namespace iu::rt
