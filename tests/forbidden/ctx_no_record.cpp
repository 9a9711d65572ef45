// A tracepoint whose record type was not generated (here: the header of the
// kernel's tracepoints is not included): an error that says how to make one.
// iu-test-flags: -isystem %S/../../iu_rt/include -isystem %S/../../include/uapi
// iu-test-plugin-args: -fplugin-arg-iu-safe-trusted=%S/../../iu_rt/include
#include <iu/iu.hpp>

static int on_switch(const auto &)
{
	return 0;
}
IU_TRACEPOINT(sched, sched_switch, on_switch); // expect-error: clang
IU_LICENSE("GPL");
