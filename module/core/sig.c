// SPDX-License-Identifier: GPL-2.0
/*
 * The signature trailer, in the kernel's module signature format (what
 * scripts/sign-file appends): content, PKCS#7 DER, struct module_signature,
 * then the marker string. Only the framing is parsed here; the kernel checks
 * the PKCS#7 itself (signing.c).
 */
#include "elf.h"

#define PKEY_ID_PKCS7	2

/* struct module_signature, read byte by byte (sig_len is big-endian). */
#define MODSIG_SIZE	12

int iu_sig_split(const void *data, u64 size, u64 *content_size, const void **sig,
		 u64 *sig_size, struct iu_log *log)
{
	const u64 marker_len = sizeof(IU_SIG_MARKER) - 1;
	const u8 *p = data;
	const u8 *ms;
	u64 len, sig_len;

	if (size < marker_len || memcmp(p + size - marker_len, IU_SIG_MARKER, marker_len)) {
		iu_logf(log, "signature: the file is not signed (no \"~Module signature appended~\" trailer); sign it with scripts/sign");
		return -ENODATA;
	}
	len = size - marker_len;
	if (len < MODSIG_SIZE) {
		iu_logf(log, "signature: truncated signature trailer");
		return -EBADMSG;
	}
	ms = p + len - MODSIG_SIZE;
	len -= MODSIG_SIZE;
	sig_len = ((u64)ms[8] << 24) | ((u64)ms[9] << 16) | ((u64)ms[10] << 8) | ms[11];
	if (ms[2] != PKEY_ID_PKCS7) {
		iu_logf(log, "signature: not a PKCS#7 signature (id type %u)", ms[2]);
		return -EBADMSG;
	}
	if (ms[0] || ms[1] || ms[3] || ms[4] || ms[5] || ms[6] || ms[7]) {
		iu_logf(log, "signature: malformed signature descriptor");
		return -EBADMSG;
	}
	if (!sig_len || sig_len >= len) {
		iu_logf(log, "signature: truncated file: the signature claims %llu bytes, %llu are left",
			(unsigned long long)sig_len, (unsigned long long)len);
		return -EBADMSG;
	}
	*content_size = len - sig_len;
	*sig = p + *content_size;
	*sig_size = sig_len;
	return 0;
}
