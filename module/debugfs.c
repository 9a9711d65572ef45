// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/debug/iu/programs: every bound program and its counters;
 * /sys/kernel/debug/iu/objects: every object's signer, toolchain and policy.
 */
#include "internal.h"
#include <linux/debugfs.h>
#include <linux/seq_file.h>

static struct dentry *iu_debugfs_dir;

static int programs_show(struct seq_file *m, void *unused)
{
	iu_objects_show(m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(programs);

static int objects_show(struct seq_file *m, void *unused)
{
	iu_objects_show_identity(m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(objects);

void __init iu_debugfs_init(void)
{
	iu_debugfs_dir = debugfs_create_dir("iu", NULL);
	debugfs_create_file("programs", 0400, iu_debugfs_dir, NULL, &programs_fops);
	debugfs_create_file("objects", 0400, iu_debugfs_dir, NULL, &objects_fops);
}

void iu_debugfs_exit(void)
{
	debugfs_remove_recursive(iu_debugfs_dir);
}
