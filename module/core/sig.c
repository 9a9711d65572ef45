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

/*
 * The digest algorithms of the PKCS#7 signature, read from its DER before
 * the kernel verifies it (verify_pkcs7_signature() accepts any digest the
 * kernel has, SHA-1 among them). Only what is needed is walked:
 *
 *   ContentInfo ::= SEQUENCE { contentType OID (signedData),
 *                              content [0] EXPLICIT SignedData }
 *   SignedData ::= SEQUENCE { version INTEGER,
 *                             digestAlgorithms SET OF AlgorithmIdentifier,
 *                             encapContentInfo SEQUENCE,
 *                             certificates [0] IMPLICIT OPTIONAL,
 *                             crls [1] IMPLICIT OPTIONAL,
 *                             signerInfos SET OF SignerInfo }
 *   SignerInfo ::= SEQUENCE { version INTEGER,
 *                             sid IssuerAndSerialNumber | [0] SubjectKeyIdentifier,
 *                             digestAlgorithm AlgorithmIdentifier,
 *                             signedAttrs [0] IMPLICIT OPTIONAL,
 *                             signatureAlgorithm AlgorithmIdentifier,
 *                             signature OCTET STRING,
 *                             unsignedAttrs [1] IMPLICIT OPTIONAL }
 *
 * DER only (definite lengths, one-byte tags): what sign-file and openssl
 * write. Every AlgorithmIdentifier named must be in the tables below.
 */
struct der {
	const u8 *p;
	u64 len;
};

#define DER_INTEGER	0x02
#define DER_OCTET	0x04
#define DER_OID		0x06
#define DER_SEQ		0x30
#define DER_SET		0x31
#define DER_CTX0	0xa0	/* [0] constructed */
#define DER_CTX1	0xa1
#define DER_CTX0_PRIM	0x80	/* [0] primitive (subjectKeyIdentifier) */

/* The next element of @in: its tag and contents. */
static bool der_next(struct der *in, u8 *tag, struct der *val)
{
	u64 len, hdr = 2;
	u32 i, n;

	if (in->len < 2 || (in->p[0] & 0x1f) == 0x1f)
		return false;
	*tag = in->p[0];
	len = in->p[1];
	if (len & 0x80) {
		n = len & 0x7f;
		if (!n || n > 4 || in->len < 2 + n)
			return false;	/* indefinite, or absurdly long */
		for (len = 0, i = 0; i < n; i++)
			len = len << 8 | in->p[2 + i];
		hdr += n;
	}
	if (len > in->len - hdr)
		return false;
	val->p = in->p + hdr;
	val->len = len;
	in->p += hdr + len;
	in->len -= hdr + len;
	return true;
}

static bool der_expect(struct der *in, u8 tag, struct der *val)
{
	u8 t;

	return der_next(in, &t, val) && t == tag;
}

/* An optional element: taken if it is next and of @tag. */
static bool der_optional(struct der *in, u8 tag, struct der *val)
{
	struct der save = *in;

	if (in->len && in->p[0] == tag)
		return der_expect(in, tag, val);
	*in = save;
	return false;
}

struct der_oid {
	const char *name;
	u8 len;
	u8 der[11];
};

#define OID(n, ...) { n, sizeof((u8[]){ __VA_ARGS__ }), { __VA_ARGS__ } }

static const struct der_oid oid_signed_data =
	OID("signedData", 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02);

/* Accepted digests: the SHA-2 family from SHA-256 up. */
static const struct der_oid good_digests[] = {
	OID("sha256", 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01),
	OID("sha384", 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02),
	OID("sha512", 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03),
};

/* Named only to say what was refused. */
static const struct der_oid weak_digests[] = {
	OID("md4", 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x04),
	OID("md5", 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x05),
	OID("sha1", 0x2b, 0x0e, 0x03, 0x02, 0x1a),
	OID("sha224", 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x04),
};

/* Accepted signature algorithms: RSA, or RSA/ECDSA bound to an accepted digest. */
static const struct der_oid good_sig_algos[] = {
	OID("rsaEncryption", 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01),
	OID("sha256WithRSAEncryption", 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b),
	OID("sha384WithRSAEncryption", 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c),
	OID("sha512WithRSAEncryption", 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0d),
	OID("ecdsa-with-SHA256", 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02),
	OID("ecdsa-with-SHA384", 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03),
	OID("ecdsa-with-SHA512", 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x04),
};

static const struct der_oid *oid_find(const struct der *oid, const struct der_oid *tab, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		if (oid->len == tab[i].len && !memcmp(oid->p, tab[i].der, tab[i].len))
			return &tab[i];
	return NULL;
}

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Appends ".v" (or "v" first) to @buf of @size at *@at, if it fits. */
static void put_arc(char *buf, u32 size, u32 *at, u64 v, bool dot)
{
	char digits[21];
	u32 n = 0;

	do {
		digits[n++] = '0' + v % 10;
		v /= 10;
	} while (v);
	if (*at + dot + n + 1 > size)
		return;
	if (dot)
		buf[(*at)++] = '.';
	while (n)
		buf[(*at)++] = digits[--n];
	buf[*at] = 0;
}

/* Dotted notation of @oid into @buf (at least 2 bytes), for the log. */
static void oid_format(const struct der *oid, char *buf, u32 size)
{
	u64 v = 0;
	u32 i, at = 0;
	bool first = true;

	buf[0] = 0;
	for (i = 0; i < oid->len; i++) {
		v = v << 7 | (oid->p[i] & 0x7f);
		if (oid->p[i] & 0x80) {
			if (v >> 50)
				break;
			continue;
		}
		if (first) {
			put_arc(buf, size, &at, v < 80 ? v / 40 : 2, false);
			put_arc(buf, size, &at, v < 80 ? v % 40 : v - 80, true);
		} else {
			put_arc(buf, size, &at, v, true);
		}
		first = false;
		v = 0;
	}
	if (!buf[0]) {
		buf[0] = '?';
		buf[1] = 0;
	}
}

#define malformed(log, what) \
	({ iu_logf(log, "signature: the PKCS#7 data is malformed or truncated (%s)", what); -EBADMSG; })

/* An AlgorithmIdentifier: SEQUENCE { OID, parameters OPTIONAL }. */
static int check_algo(struct der *in, bool digest, const char **name, struct iu_log *log)
{
	struct der alg, oid;
	const struct der_oid *o;
	char dotted[64];

	if (!der_expect(in, DER_SEQ, &alg) || !der_expect(&alg, DER_OID, &oid) || !oid.len)
		return malformed(log, "algorithm identifier");
	o = digest ? oid_find(&oid, good_digests, ARRAY_LEN(good_digests))
		   : oid_find(&oid, good_sig_algos, ARRAY_LEN(good_sig_algos));
	if (o) {
		*name = o->name;
		return 0;
	}
	oid_format(&oid, dotted, sizeof(dotted));
	if (!digest) {
		iu_logf(log, "signature: signature algorithm %s is not accepted (RSA, or RSA/ECDSA with SHA-256, SHA-384 or SHA-512)",
			dotted);
		return -ENOPKG;
	}
	o = oid_find(&oid, weak_digests, ARRAY_LEN(weak_digests));
	if (o)
		iu_logf(log, "signature: digest algorithm %s (%s) is weaker than SHA-256: sign with sha256, sha384 or sha512",
			o->name, dotted);
	else
		iu_logf(log, "signature: digest algorithm %s is not accepted: sign with sha256, sha384 or sha512",
			dotted);
	return -ENOPKG;
}

int iu_sig_check_algos(const void *sig, u64 sig_size, struct iu_sig_info *info,
		       struct iu_log *log)
{
	struct der in = { sig, sig_size }, ci, oid, content, sd, set, x, si, sid;
	const char *name;
	u8 tag;
	int err;

	memset(info, 0, sizeof(*info));
	if (!der_expect(&in, DER_SEQ, &ci) || in.len)
		return malformed(log, "not one DER SEQUENCE");
	if (!der_expect(&ci, DER_OID, &oid) ||
	    oid.len != oid_signed_data.len || memcmp(oid.p, oid_signed_data.der, oid.len))
		return malformed(log, "not PKCS#7 signedData");
	if (!der_expect(&ci, DER_CTX0, &content) || !der_expect(&content, DER_SEQ, &sd))
		return malformed(log, "no SignedData");
	if (!der_expect(&sd, DER_INTEGER, &x))
		return malformed(log, "SignedData version");
	if (!der_expect(&sd, DER_SET, &set))
		return malformed(log, "digestAlgorithms");
	if (!set.len)
		return malformed(log, "no digest algorithm");
	while (set.len) {
		err = check_algo(&set, true, &name, log);
		if (err)
			return err;
	}
	if (!der_expect(&sd, DER_SEQ, &x))
		return malformed(log, "encapContentInfo");
	der_optional(&sd, DER_CTX0, &x);	/* certificates */
	der_optional(&sd, DER_CTX1, &x);	/* crls */
	if (!der_expect(&sd, DER_SET, &set) || !set.len)
		return malformed(log, "no signerInfos");
	while (set.len) {
		if (!der_expect(&set, DER_SEQ, &si))
			return malformed(log, "SignerInfo");
		if (!der_expect(&si, DER_INTEGER, &x))
			return malformed(log, "SignerInfo version");
		if (!der_next(&si, &tag, &sid) || (tag != DER_SEQ && tag != DER_CTX0_PRIM))
			return malformed(log, "SignerInfo sid");
		err = check_algo(&si, true, &name, log);
		if (err)
			return err;
		if (!info->nr_signers) {
			info->digest = name;
			info->sid_is_skid = tag == DER_CTX0_PRIM;
			if (info->sid_is_skid) {
				info->sid = sid.p;
				info->sid_len = sid.len;
			} else {
				/* IssuerAndSerialNumber: the serial */
				struct der issuer, serial;

				if (!der_expect(&sid, DER_SEQ, &issuer) ||
				    !der_expect(&sid, DER_INTEGER, &serial))
					return malformed(log, "SignerInfo issuerAndSerialNumber");
				info->sid = serial.p;
				info->sid_len = serial.len;
			}
		}
		der_optional(&si, DER_CTX0, &x);	/* signedAttrs */
		err = check_algo(&si, false, &name, log);
		if (err)
			return err;
		if (!der_expect(&si, DER_OCTET, &x) || !x.len)
			return malformed(log, "SignerInfo signature");
		info->nr_signers++;
	}
	if (sd.len)
		return malformed(log, "data after signerInfos");
	return 0;
}
