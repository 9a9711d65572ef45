// SPDX-License-Identifier: GPL-2.0
// Ending an invocation from a runtime check. The module unwinds to the hook
// (longjmp-like), returns the program type's default value, counts the panic
// and logs the message with the program's name.
#pragma once

#include <iu/rt/abi.hpp>

namespace iu {

// The message is meant to be a string literal; a char array of the
// program's without a NUL at its end is replaced (the module would print up
// to 200 bytes of whatever follows it, and reads messages only from the
// extension's own image anyway). For a literal the test folds away.
template <usize N>
[[noreturn, gnu::cold, clang::no_sanitize("undefined")]] inline void panic(const char (&msg)[N])
{
	if (msg[N - 1] != '\0')
		rt::iu_rt_panic("panic: message is not NUL-terminated");
	rt::iu_rt_panic(msg);
}

} // namespace iu
