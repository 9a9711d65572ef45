// SPDX-License-Identifier: GPL-2.0
/*
 * The load log: readable text for the user, in the spirit of the verifier
 * log. Lines are kept up to the user's buffer size; the true size needed is
 * reported so that a caller can retry with a bigger buffer.
 */
#include "internal.h"
#include <linux/slab.h>
#include <linux/uaccess.h>

#define IU_LOG_MAX	(1U << 20)

static void iu_log_vprintf(void *ctx, const char *fmt, va_list ap)
{
	struct iu_load_log *l = ctx;
	char line[256];
	int n;

	n = vscnprintf(line, sizeof(line), fmt, ap);
	if (n == sizeof(line) - 1)
		line[n - 1] = '~';	/* mark truncation */
	l->true_len += n + 1;
	if (!l->buf || l->len + 1 >= l->size)
		return;
	n = min_t(u32, n, l->size - l->len - 2);
	memcpy(l->buf + l->len, line, n);
	l->len += n;
	l->buf[l->len++] = '\n';
	l->buf[l->len] = 0;
}

int iu_log_init(struct iu_load_log *l, u32 size, u32 level)
{
	memset(l, 0, sizeof(*l));
	l->log.vprintf = iu_log_vprintf;
	l->log.ctx = l;
	l->level = level;
	l->size = min(size, IU_LOG_MAX);
	if (l->size) {
		l->buf = kvzalloc(l->size, GFP_KERNEL);
		if (!l->buf)
			return -ENOMEM;
	}
	return 0;
}

void iu_log_free(struct iu_load_log *l)
{
	kvfree(l->buf);
	l->buf = NULL;
}

void iu_log(struct iu_load_log *l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	iu_log_vprintf(l, fmt, ap);
	va_end(ap);
}

int iu_log_copy_to_user(struct iu_load_log *l, u64 ubuf)
{
	if (!l->buf || !ubuf)
		return 0;
	if (copy_to_user(u64_to_user_ptr(ubuf), l->buf, l->len + 1))
		return -EFAULT;
	return 0;
}
