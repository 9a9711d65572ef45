// SPDX-License-Identifier: GPL-2.0
/*
 * The machine-code check in the kernel: module/core/codecheck.c (shared,
 * unchanged, with iu-finalize, the tests and the fuzz target) on the file
 * just validated, before anything is mapped. It proves what the descriptor
 * flags only claim (every cycle crosses a fuel point, the stack fits,
 * control flow stays in the file, no privileged instruction), refuses a file
 * whose descriptors claim otherwise, and keeps the function names, so that a
 * terminated or panicked invocation can be reported as func+offset.
 */
#include "internal.h"
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/slab.h>

static void *cc_alloc(void *ctx, u64 size)
{
	if (size > INT_MAX)
		return NULL;
	return kvzalloc(size, GFP_KERNEL | __GFP_NOWARN);
}

static void cc_free(void *ctx, void *p)
{
	kvfree(p);
}

static const struct iu_cc_ops iu_cc_ops = {
	.sym_facts = iu_cc_helper_facts,
	.alloc = cc_alloc,
	.free = cc_free,
};

int iu_code_check(struct iu_codecheck *cc, const struct iu_elf *e, struct iu_load_log *log)
{
	ktime_t start = ktime_get();
	u32 i, fuel = 0, checks = 0;
	int err;

	err = iu_codecheck(cc, e, &iu_cc_ops, &log->log);
	if (err)
		return err;
	err = iu_codecheck_match_descs(cc, e, &log->log);
	if (err) {
		iu_codecheck_free(cc, &iu_cc_ops);
		return err;
	}
	for (i = 0; i < cc->nr_funcs; i++) {
		fuel += cc->funcs[i].nr_fuel_points;
		checks += cc->funcs[i].nr_stack_checks;
	}
	iu_log_info(log, "code: %u functions, %u instructions checked in %lld us: %u fuel points, %u stack checks, %u helper calls",
		    cc->nr_funcs, cc->nr_insns, ktime_us_delta(ktime_get(), start), fuel, checks,
		    cc->nr_pairs);
	return 0;
}

void iu_code_check_free(struct iu_codecheck *cc)
{
	iu_codecheck_free(cc, &iu_cc_ops);
}

void iu_code_where(const struct iu_object *obj, unsigned long ip, char *buf, size_t size)
{
	unsigned long off = ip - (unsigned long)obj->image;
	u32 lo = 0, hi = obj->nr_funcs;

	if (ip < (unsigned long)obj->image || off >= obj->image_size)
		goto unknown;
	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;
		const struct iu_func_name *f = &obj->funcs[mid];

		if (off < f->start)
			hi = mid;
		else if (off >= f->start + f->size)
			lo = mid + 1;
		else {
			snprintf(buf, size, "%s+0x%lx", f->name, off - (unsigned long)f->start);
			return;
		}
	}
unknown:
	snprintf(buf, size, "?");
}
