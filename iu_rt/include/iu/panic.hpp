// SPDX-License-Identifier: GPL-2.0
// Ending an invocation from a runtime check. The module unwinds to the hook
// (longjmp-like), returns the program type's default value, counts the panic
// and logs the message with the program's name.
#pragma once

#include <iu/rt/abi.hpp>

namespace iu {

template <usize N>
[[noreturn, gnu::cold, clang::no_sanitize("undefined")]] inline void panic(const char (&msg)[N])
{
	rt::iu_rt_panic(msg);
}

} // namespace iu
