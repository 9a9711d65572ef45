// SPDX-License-Identifier: GPL-2.0
// The runtime's checked part: iu::probe_read_kernel's body, written in the
// safe subset on the primitive iu::probe_read_kernel_raw (<iu/probe_raw.hpp>).
// iu-cc checks this file like a program's own code (iu_rt/include is
// trusted, iu_rt/checked is not: docs/safe-subset.md, "The runtime's checked
// part"), so nothing written here can break the kernel: the tracex5
// assignment has students write this body, and the grader signs it.
//
// The original bpf_probe_read_kernel's semantics: the bytes at src, or, when
// the read faults, an Error with the helper's negative errno.
#pragma once

#include <iu/probe_raw.hpp>
#include <iu/ptr.hpp>
#include <iu/result.hpp>

namespace iu_checked {

// The student kit has this body empty (scripts/kit-strip).
template <class T>
iu::Result<T> probe_read_kernel(iu::KernelPtr<T> src)
{
	iu::RawRead<T> r = iu::probe_read_kernel_raw(src);
	if (r.err < 0)
		return iu::Error{r.err};
	return r.value;
}

} // namespace iu_checked
