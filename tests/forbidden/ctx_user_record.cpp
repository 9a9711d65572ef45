// A tracepoint program describing the record itself: a struct of its own,
// larger than the event's record, with a reference member laid over the
// first argument and a mutable member written through the const context.
// Record types come only from the kernel's formats (generated headers), and
// IU_TRACEPOINT names the record from the event.
// iu-test-flags: -isystem %S/../../iu_rt/include -isystem %S/../../include/uapi
// iu-test-plugin-args: -fplugin-arg-iu-safe-trusted=%S/../../iu_rt/include
#include <iu/iu.hpp>
#include <iu/tp/syscalls.hpp>

struct MyRecord {
	iu::u64 header;
	iu::u64 &fd; // expect-error: ref-member
	mutable iu::u64 scratch;
	iu::u64 beyond[512];
};

static int on_dup(const iu::TracepointCtx<MyRecord> &)
{
	return 0;
}
IU_TRACEPOINT(syscalls, sys_enter_dup, on_dup); // expect-error: clang
IU_LICENSE("GPL");
