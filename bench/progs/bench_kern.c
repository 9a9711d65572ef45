// SPDX-License-Identifier: GPL-2.0
// The eBPF side of `make bench`: the same programs as bench.cpp, as eBPF
// writes them (the recursion as an explicit stack under bpf_loop).
#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

SEC("kprobe/__x64_sys_getppid")
int empty_kprobe(struct pt_regs *ctx)
{
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_getppid")
int empty_tp(void *ctx)
{
	return 0;
}

__u8 hash_data[1024];
__u64 hash_out;

SEC("kprobe/__x64_sys_getuid")
int hash_kprobe(struct pt_regs *ctx)
{
	__u64 h = 14695981039346656037ULL;

	for (int i = 0; i < 1024; i++)
		h = (h ^ hash_data[i]) * 1099511628211ULL;
	hash_out = h;
	return 0;
}

/* fib(n) by the recursion's own call tree, walked with an explicit stack.
 * The state is a global (a map value), not on the BPF stack: with constants
 * on the stack the 6.12 verifier follows every step of bpf_loop's callback
 * exactly and gives up at 1M instructions. (One vCPU in the bench; a real
 * program would use a per-CPU array.) */
struct fib_state {
	__u32 sp;
	__u32 sum;
	__u32 stack[32];
};

struct fib_state fib_st;
__u32 fib_n = 15;
__u32 fib_out;

static long fib_step(__u64 i, void *data)
{
	struct fib_state *s = &fib_st;
	__u32 n, sp = s->sp;

	if (sp == 0 || sp > 30)
		return 1;
	sp--;
	n = s->stack[sp & 31];
	if (n < 2) {
		s->sum += n;
	} else {
		s->stack[sp & 31] = n - 1;
		s->stack[(sp + 1) & 31] = n - 2;
		sp += 2;
	}
	s->sp = sp;
	return 0;
}

SEC("kprobe/__x64_sys_getgid")
int fib_kprobe(struct pt_regs *ctx)
{
	fib_st.sp = 1;
	fib_st.sum = 0;
	fib_st.stack[0] = fib_n;
	bpf_loop(1 << 16, fib_step, NULL, 0);
	fib_out = fib_st.sum;
	return 0;
}
