// SPDX-License-Identifier: GPL-2.0
/*
 * Extension signatures: PKCS#7 in the kernel's module signature format,
 * checked against a keyring of iu's own that holds only the certificate
 * embedded at build time. Nothing in a file is trusted before this passes.
 */
#include "internal.h"
#include <linux/key.h>
#include <linux/cred.h>
#include <linux/verification.h>
#include <keys/asymmetric-type.h>

extern const u8 iu_cert[], iu_cert_end[];

static struct key *iu_keyring;
static char iu_signer[64];	/* the embedded certificate's key description */

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
	strscpy(iu_signer, key_ref_to_ptr(key)->description, sizeof(iu_signer));
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
	const void *sig;
	u64 sig_size;
	int err;

	err = iu_sig_split(data, size, content_size, &sig, &sig_size, &log->log);
	if (err)
		return err;
	err = verify_pkcs7_signature(data, *content_size, sig, sig_size, iu_keyring,
				     VERIFYING_MODULE_SIGNATURE, NULL, NULL);
	switch (err) {
	case 0:
		iu_log_info(log, "signature: good (%llu signed bytes)",
			    (unsigned long long)*content_size);
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
