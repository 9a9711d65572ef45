// SPDX-License-Identifier: GPL-2.0
// A kprobe program that tail-calls whatever is at index 0 of its prog array
// (the test puts a bound iu placeholder there) and counts what happened.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 1);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} progs SEC(".maps");

/* [0] calls, [1] the tail call did not happen (fell through) */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

static void count(__u32 k)
{
	__u64 *c = bpf_map_lookup_elem(&counts, &k);

	if (c)
		__sync_fetch_and_add(c, 1);
}

SEC("kprobe/__x64_sys_getpgid")
int tail_caller(void *ctx)
{
	count(0);
	bpf_tail_call(ctx, &progs, 0);
	count(1);
	return 0;
}

char _license[] SEC("license") = "GPL";
