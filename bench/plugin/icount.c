// SPDX-License-Identifier: GPL-2.0
/*
 * icount: a QEMU TCG plugin counting executed guest instructions, with marks
 * that guest code places around a measured region.
 *
 * Debian's QEMU 7.2 does not package <qemu-plugin.h>; the few declarations
 * used are below, as QEMU 7.2 defines them (plugin API version 1).
 *
 * Every guest instruction adds 1 to a counter (an inline add, no call). A mark
 * is the 7-byte no-op `nopl 0x4955XXXX(%rax)` (0f 1f 80 XX XX 55 49): when one
 * is translated, a callback is attached to it that writes "mark XXXX COUNT"
 * (XXXX in hex) to the output file. The difference of COUNT between two marks
 * is the number of guest instructions executed in between, by the whole
 * machine: run with one vCPU so that it is the measured code's (interrupts
 * that land in the region are counted too; the bench driver takes the
 * smallest of many slices). The count ignores caches, pipelines and every
 * other micro-architectural effect: it is the same on every host.
 *
 *   qemu-system-x86_64 -smp 1 -plugin /path/libicount.so,out=FILE ...
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QEMU_PLUGIN_EXPORT __attribute__((visibility("default")))
#define QEMU_PLUGIN_VERSION 1

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;

typedef struct qemu_info_t {
	const char *target_name;
	struct {
		int min;
		int cur;
	} version;
	bool system_emulation;
	union {
		struct {
			int smp_vcpus;
			int max_vcpus;
		} system;
	};
} qemu_info_t;

enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS, QEMU_PLUGIN_CB_R_REGS, QEMU_PLUGIN_CB_RW_REGS };
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };

typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void *userdata);
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu_index, void *userdata);
typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_vcpu_tb_trans_cb_t cb);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb, void *userdata);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb, size_t idx);
const void *qemu_plugin_insn_data(const struct qemu_plugin_insn *insn);
size_t qemu_plugin_insn_size(const struct qemu_plugin_insn *insn);
void qemu_plugin_register_vcpu_insn_exec_inline(struct qemu_plugin_insn *insn, enum qemu_plugin_op op,
						 void *ptr, uint64_t imm);
void qemu_plugin_register_vcpu_insn_exec_cb(struct qemu_plugin_insn *insn, qemu_plugin_vcpu_udata_cb_t cb,
					    enum qemu_plugin_cb_flags flags, void *userdata);

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

static uint64_t count;
static FILE *out;

static void on_mark(unsigned int vcpu, void *udata)
{
	(void)vcpu;
	fprintf(out, "mark %04x %llu\n", (unsigned int)(uintptr_t)udata, (unsigned long long)count);
	fflush(out);
}

static void on_tb(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t i, n = qemu_plugin_tb_n_insns(tb);

	(void)id;
	for (i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		const uint8_t *b = qemu_plugin_insn_data(insn);

		qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64, &count, 1);
		if (qemu_plugin_insn_size(insn) == 7 && b[0] == 0x0f && b[1] == 0x1f && b[2] == 0x80 &&
		    b[5] == 0x55 && b[6] == 0x49)
			qemu_plugin_register_vcpu_insn_exec_cb(insn, on_mark, QEMU_PLUGIN_CB_NO_REGS,
							       (void *)(uintptr_t)(b[3] | b[4] << 8));
	}
}

static void on_atexit(qemu_plugin_id_t id, void *udata)
{
	(void)id;
	(void)udata;
	fprintf(out, "total %llu\n", (unsigned long long)count);
	fclose(out);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc,
					   char **argv)
{
	const char *path = NULL;
	int i;

	for (i = 0; i < argc; i++)
		if (!strncmp(argv[i], "out=", 4))
			path = argv[i] + 4;
	if (!path || !info->system_emulation) {
		fprintf(stderr, "icount: usage: -plugin libicount.so,out=FILE (system emulation)\n");
		return -1;
	}
	if (info->system.smp_vcpus != 1)
		fprintf(stderr, "icount: %d vCPUs: counts are of the whole machine\n",
			info->system.smp_vcpus);
	out = fopen(path, "w");
	if (!out) {
		perror(path);
		return -1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_tb);
	qemu_plugin_register_atexit_cb(id, on_atexit, NULL);
	return 0;
}
