/* SPDX-License-Identifier: GPL-2.0 */
/* The certificate that signs extensions (DER), embedded at build time. */
#include <linux/init.h>

#ifndef IU_CERT_PATH
#error "IU_CERT is not set: build through the top-level Makefile"
#endif

	__INITRODATA
	.align 8
	.globl iu_cert
iu_cert:
	.incbin IU_CERT_PATH
	.globl iu_cert_end
iu_cert_end:
