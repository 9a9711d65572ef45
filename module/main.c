// SPDX-License-Identifier: GPL-2.0
/*
 * iu: signed native kernel extensions bound to BPF programs.
 *
 * Module init and exit, and /dev/iu: a root-only misc device whose ioctls
 * (include/uapi/linux/iu.h) load, verify and bind extension files.
 */
#include "internal.h"
#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/capability.h>
#include <linux/uaccess.h>

/*
 * Who may do what (docs/abi.md, "Privilege"): loading runs native code in
 * ring 0 with no verifier between it and the kernel, which is what module
 * loading is, not what CAP_BPF grants for verified bytecode: every /dev/iu
 * operation needs CAP_SYS_ADMIN, checked at open and again at each ioctl (an
 * fd can be passed on). Any such caller may unload a pinned object whoever
 * loaded it, as root may remove anyone's bpffs pin. A handle fd is a
 * capability of its own: whoever holds it may read its counters.
 */
static bool iu_capable(void)
{
	return capable(CAP_SYS_ADMIN);
}

static int iu_open(struct inode *inode, struct file *file)
{
	return iu_capable() ? 0 : -EPERM;
}

/*
 * An extensible ioctl struct whose first field is its __u32 size: at least
 * @min bytes, at most a page, unknown trailing fields zero (else E2BIG, and
 * the size this module supports is written back, as perf_copy_attr does).
 * The size is read from user memory once; the copy's own size field is
 * overwritten with that value, so a racing writer cannot make them differ.
 */
int iu_copy_struct_in(void *dst, size_t size, void __user *src, size_t min)
{
	u32 usize;
	int err;

	if (get_user(usize, (u32 __user *)src))
		return -EFAULT;
	if (usize < min || usize > PAGE_SIZE)
		return -EINVAL;
	err = copy_struct_from_user(dst, size, src, usize);
	if (err == -E2BIG && put_user((u32)size, (u32 __user *)src))
		return -EFAULT;
	if (err)
		return err;
	*(u32 *)dst = usize;
	return 0;
}

/* What can be judged without reading the file: before anything is read. */
static int load_attr_check(const struct iu_load_attr *a)
{
	if (a->flags & ~IU_LOAD_FLAGS_ALL)
		return -EINVAL;
	/* unused inputs are zero */
	if (a->elf_fd < -1 || (a->elf_fd >= 0 && (a->elf_buf || a->elf_size)))
		return -EINVAL;
	if (!a->nr_maps && a->map_fds)
		return -EINVAL;
	/* the log is a unit: a buffer and its size, or neither; a level needs a buffer */
	if (!a->log_buf != !a->log_size || a->log_level > 1 || (a->log_level && !a->log_buf))
		return -EINVAL;
	return 0;
}

static long iu_ioctl_load(struct iu_load_attr __user *uattr)
{
	struct iu_load_attr attr;
	struct iu_load_log log;
	struct file *file;
	u32 id = 0;
	int fd, err;

	err = iu_copy_struct_in(&attr, sizeof(attr), uattr, IU_LOAD_ATTR_SIZE_VER0);
	if (err)
		return err;
	err = load_attr_check(&attr);
	if (err)
		return err;
	err = iu_log_init(&log, attr.log_size, attr.log_level);
	if (err)
		return err;

	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0) {
		iu_log_free(&log);
		return fd;
	}
	file = iu_object_load(&attr, &log, &id);
	err = IS_ERR(file) ? PTR_ERR(file) : 0;

	/* Results reach the user before the fd exists and before the object is
	 * pinned: a failed copy-out leaves nothing behind. */
	if (iu_log_copy_to_user(&log, attr.log_buf) ||
	    put_user(log.true_len + 1, &uattr->log_true_size) || put_user(id, &uattr->id))
		err = err ?: -EFAULT;
	iu_log_free(&log);
	if (err) {
		if (!IS_ERR(file))
			fput(file);
		put_unused_fd(fd);
		return err;
	}
	if (attr.flags & IU_LOAD_PIN)
		iu_object_pin(file);
	fd_install(fd, file);
	return fd;
}

static long iu_ioctl_obj_info(struct iu_obj_info __user *uinfo)
{
	struct iu_obj_info info;
	int err;

	err = iu_copy_struct_in(&info, sizeof(info), uinfo, IU_OBJ_INFO_SIZE_VER0);
	if (err)
		return err;
	if (info.pad)
		return -EINVAL;
	err = iu_object_info(&info);
	if (err)
		return err;
	return copy_to_user(uinfo, &info, min_t(u32, info.size, sizeof(info))) ? -EFAULT : 0;
}

static long iu_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *argp = (void __user *)arg;
	u32 id;

	if (!iu_capable())
		return -EPERM;
	if (_IOC_TYPE(cmd) != IU_IOC_MAGIC)
		return -ENOTTY;
	switch (_IOC_NR(cmd)) {
	case _IOC_NR(IU_IOC_LOAD):
		return iu_ioctl_load(argp);
	case _IOC_NR(IU_IOC_UNLOAD):
		if (get_user(id, (u32 __user *)argp))
			return -EFAULT;
		return iu_object_unload_pinned(id);
	case _IOC_NR(IU_IOC_PROG_STATS):
		return iu_ioctl_prog_stats(NULL, argp);
	case _IOC_NR(IU_IOC_OBJ_INFO):
		return iu_ioctl_obj_info(argp);
	case _IOC_NR(IU_IOC_TEST_RUN):
		return iu_ioctl_test_run(NULL, argp);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations iu_fops = {
	.owner = THIS_MODULE,
	.open = iu_open,
	.unlocked_ioctl = iu_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice iu_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "iu",
	.fops = &iu_fops,
	.mode = 0600,
};

static int __init iu_init(void)
{
	int err;

	err = iu_kallsyms_init();
	if (err)
		return err;
	err = iu_helpers_init();
	if (err)
		return err;
	err = iu_signing_init();
	if (err)
		return err;
	err = iu_runtime_init();
	if (err)
		goto out_signing;
	iu_debugfs_init();
	err = misc_register(&iu_dev);
	if (err)
		goto out_debugfs;
	return 0;

out_debugfs:
	iu_debugfs_exit();
	iu_runtime_exit();
out_signing:
	iu_signing_exit();
	return err;
}

static void __exit iu_exit(void)
{
	misc_deregister(&iu_dev);
	iu_debugfs_exit();
	iu_objects_exit();
	iu_runtime_exit();
	iu_signing_exit();
}

module_init(iu_init);
module_exit(iu_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("iu: signed native extensions for BPF hooks");
