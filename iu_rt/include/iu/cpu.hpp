// SPDX-License-Identifier: GPL-2.0
// Busy-wait hint: the body of a spin loop (the loop itself is still bounded
// by the time budget like any other).
#pragma once

namespace iu {

inline void cpu_relax()
{
	asm volatile("pause" ::: "memory");
}

} // namespace iu
