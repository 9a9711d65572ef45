// SPDX-License-Identifier: GPL-2.0
/*
 * The helper table (helpers.h) as data, shared by iu.ko and user space.
 */
#include "helpers.h"

#define IU_INFO_BPF_(name, id, ksym, kinds, flags, ret, args)	\
	{ #name, #ksym, #ret, #args, id, kinds, flags },
#define IU_INFO_SVC_(name, id, kinds, flags, ret, args)		\
	{ #name, NULL, #ret, #args, id, kinds, flags },
const struct iu_helper_info iu_helper_table[IU_NR_HELPERS] = {
	IU_HELPER_TABLE(IU_INFO_BPF_, IU_INFO_SVC_)
};
#undef IU_INFO_BPF_
#undef IU_INFO_SVC_

const struct iu_helper_info *iu_helper_find(const char *name)
{
	u32 i;

	for (i = 0; i < IU_NR_HELPERS; i++) {
		if (!strcmp(iu_helper_table[i].name, name))
			return &iu_helper_table[i];
	}
	return NULL;
}

/* "kprobe, tracepoint": the names of the kinds in @kinds, truncated to fit. */
static void kinds_str(u32 kinds, char *buf, size_t size)
{
	size_t n = 0;
	u32 k;

	buf[0] = 0;
	for (k = 0; k < IU_PROG_KIND_MAX; k++) {
		const char *name = iu_prog_kind_name(k);
		size_t len = strlen(name);

		if (!(kinds & (1U << k)))
			continue;
		if (n + 2 + len >= size)
			break;
		if (n) {
			memcpy(buf + n, ", ", 2);
			n += 2;
		}
		memcpy(buf + n, name, len + 1);
		n += len;
	}
}

int iu_helper_check(const char *name, u32 kinds, const struct iu_helper_info **info,
		    struct iu_log *log)
{
	const struct iu_helper_info *h = iu_helper_find(name);
	char buf[64];

	if (!h) {
		iu_logf(log, "helpers: unknown function %s (not a helper iu provides; see docs/helpers.md)",
			name);
		return -ENOENT;
	}
	if ((h->kinds & kinds) != kinds) {
		kinds_str(kinds & ~h->kinds, buf, sizeof(buf));
		iu_logf(log, "helpers: %s is not allowed in %s programs", name, buf);
		return -EPERM;
	}
	*info = h;
	return 0;
}
