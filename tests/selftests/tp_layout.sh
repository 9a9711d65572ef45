#!/bin/sh
# The generated tracepoint record types against this kernel's own
# description of its events (/sys/kernel/tracing/events/*/*/format): every
# record of the committed <iu/tp/syscalls.hpp>, and every record of the
# <iu/tracepoints.hpp> generated for this kernel, field by field (offset,
# size, signedness, kind) and by record size. tp_layouts
# (src/tp_layouts.cpp) does the comparing, from the compiler's layout of the records.
. "$(dirname "$0")/lib.sh"

ktap_print_header
ktap_set_plan 2
here=$(dirname "$0")
[ -r /sys/kernel/tracing/events/syscalls/sys_enter_dup/format ] ||
	ktap_skip_all "no tracefs event formats"
ktap_test_result "<iu/tp/syscalls.hpp> matches this kernel's formats" "$here/tp_layouts"
k=$here/tp_layouts-$(uname -r)
if [ -x "$k" ]; then
	ktap_test_result "<iu/tracepoints.hpp> of $(uname -r) matches its formats" "$k"
else
	ktap_test_skip "<iu/tracepoints.hpp> of $(uname -r) matches its formats" "no $k (make modules-all builds it)"
fi
ktap_finished
