// SPDX-License-Identifier: GPL-2.0
/*
 * Extension signatures: PKCS#7 in the kernel's module signature format,
 * checked against a keyring of iu's own that holds only the certificate
 * embedded at build time. Nothing in a file is trusted before this passes.
 */
#include "internal.h"
#include <linux/key.h>
#include <linux/cred.h>
#include <linux/moduleparam.h>
#include <linux/spinlock.h>
#include <linux/verification.h>
#include <keys/asymmetric-type.h>

extern const u8 iu_cert[], iu_cert_end[];

static struct key *iu_keyring;
/* The embedded certificate's key description, as listings show it. */
static char iu_signer[sizeof_field(struct iu_obj_info, signer)];

/*
 * The asymmetric key type names an X.509 key "<subject CN>: <key id hex>";
 * where that does not fit, the subject is shortened, never the key id.
 */
static void shorten_description(char *buf, size_t size, const char *desc)
{
	const char *id = strrchr(desc, ' ');
	size_t subject, idlen;

	if (strlen(desc) < size || !id || id == desc || id[-1] != ':') {
		strscpy(buf, desc, size);
		return;
	}
	id++;
	idlen = strlen(id);
	subject = id - desc - 2;	/* before ": " */
	if (idlen + 3 >= size) {
		strscpy(buf, id, size);
		return;
	}
	subject = min(subject, size - idlen - 3);
	while (subject && desc[subject - 1] == ' ')
		subject--;
	snprintf(buf, size, "%.*s: %s", (int)subject, desc, id);
}

int __init iu_signing_init(void)
{
	key_ref_t key;

	iu_keyring = keyring_alloc(".iu", GLOBAL_ROOT_UID, GLOBAL_ROOT_GID,
				   current_cred(),
				   (KEY_POS_ALL & ~KEY_POS_SETATTR) | KEY_USR_VIEW |
				   KEY_USR_READ | KEY_USR_SEARCH,
				   KEY_ALLOC_NOT_IN_QUOTA, NULL, NULL);
	if (IS_ERR(iu_keyring)) {
		pr_err("cannot allocate the .iu keyring: %ld\n", PTR_ERR(iu_keyring));
		return PTR_ERR(iu_keyring);
	}
	key = key_create_or_update(make_key_ref(iu_keyring, 1), "asymmetric", NULL,
				   iu_cert, iu_cert_end - iu_cert,
				   (KEY_POS_ALL & ~KEY_POS_SETATTR) | KEY_USR_VIEW | KEY_USR_READ,
				   KEY_ALLOC_NOT_IN_QUOTA);
	if (IS_ERR(key)) {
		pr_err("cannot load the signing certificate: %ld\n", PTR_ERR(key));
		key_put(iu_keyring);
		return PTR_ERR(key);
	}
	shorten_description(iu_signer, sizeof(iu_signer), key_ref_to_ptr(key)->description);
	pr_info("trusting extensions signed by \"%s\"\n", key_ref_to_ptr(key)->description);
	key_ref_put(key);
	return 0;
}

void iu_signing_describe(char *buf, size_t size)
{
	strscpy(buf, iu_signer, size);
}

void iu_signing_exit(void)
{
	key_put(iu_keyring);
}

int iu_verify_signature(const void *data, u64 size, u64 *content_size,
			struct iu_load_log *log)
{
	struct iu_sig_info info;
	const void *sig;
	u64 sig_size;
	int err;

	err = iu_sig_split(data, size, content_size, &sig, &sig_size, &log->log);
	if (err)
		return err;
	/* The kernel accepts any digest it has: refuse the weak ones first. */
	err = iu_sig_check_algos(sig, sig_size, &info, &log->log);
	if (err)
		return err;
	err = verify_pkcs7_signature(data, *content_size, sig, sig_size, iu_keyring,
				     VERIFYING_MODULE_SIGNATURE, NULL, NULL);
	switch (err) {
	case 0:
		iu_log_info(log, "signature: good (%llu signed bytes, %s, signer %s %*phN)",
			    (unsigned long long)*content_size, info.digest,
			    info.sid_is_skid ? "key id" : "serial",
			    (int)min_t(u32, info.sid_len, 32), info.sid);
		return 0;
	case -ENOKEY:
		iu_log(log, "signature: not signed by the key this module trusts (wrong key)");
		break;
	case -EKEYREJECTED:
		iu_log(log, "signature: does not match the content: the file was modified after signing");
		break;
	case -EBADMSG:
		iu_log(log, "signature: the PKCS#7 data is malformed or truncated");
		break;
	case -ENOPKG:
		iu_log(log, "signature: unsupported signature or hash algorithm");
		break;
	default:
		iu_log(log, "signature: verification failed (%d)", err);
		break;
	}
	return err;
}

/*
 * min_toolchain: files whose signed toolchain note names an older version
 * are refused. Empty (the default): any version. Compared part by part,
 * numerically ("0.10" is newer than "0.9").
 */
static char iu_min_toolchain[IU_VERSION_LEN];
static DEFINE_SPINLOCK(iu_min_toolchain_lock);

static int min_toolchain_set(const char *val, const struct kernel_param *kp)
{
	char v[IU_VERSION_LEN] = {};
	size_t len;

	if (!val)	/* "min_toolchain" without "=" on the command line */
		return -EINVAL;
	len = strcspn(val, "\n");
	if (len >= sizeof(v))
		return -EINVAL;
	memcpy(v, val, len);
	if (len && !iu_version_valid(v))
		return -EINVAL;
	spin_lock(&iu_min_toolchain_lock);
	memcpy(iu_min_toolchain, v, sizeof(v));
	spin_unlock(&iu_min_toolchain_lock);
	return 0;
}

static int min_toolchain_get(char *buf, const struct kernel_param *kp)
{
	char v[IU_VERSION_LEN];

	spin_lock(&iu_min_toolchain_lock);
	memcpy(v, iu_min_toolchain, sizeof(v));
	spin_unlock(&iu_min_toolchain_lock);
	return scnprintf(buf, PAGE_SIZE, "%s\n", v);
}

static const struct kernel_param_ops min_toolchain_ops = {
	.set = min_toolchain_set,
	.get = min_toolchain_get,
};
module_param_cb(min_toolchain, &min_toolchain_ops, NULL, 0644);
MODULE_PARM_DESC(min_toolchain,
		 "refuse extensions built by a toolchain older than this version (e.g. 0.1.0; empty: any)");

int iu_check_toolchain(const struct iu_elf *e, struct iu_load_log *log)
{
	char min[IU_VERSION_LEN];

	spin_lock(&iu_min_toolchain_lock);
	memcpy(min, iu_min_toolchain, sizeof(min));
	spin_unlock(&iu_min_toolchain_lock);
	if (min[0] && iu_version_cmp(e->toolchain, min) < 0) {
		iu_log(log, "toolchain: built by toolchain %s, older than min_toolchain %s",
		       e->toolchain, min);
		return -EPERM;
	}
	iu_log_info(log, "toolchain: %s, policy %32phN", e->toolchain, e->policy);
	return 0;
}
