// SPDX-License-Identifier: GPL-2.0
/*
 * Loaded objects: one per IU_IOC_LOAD, alive while a handle fd is open or it
 * is pinned. Creation runs the whole pipeline in order (read, verify the
 * signature, validate, take the placeholders, map, bind); destruction undoes
 * it in reverse after every running invocation has finished.
 */
#include "internal.h"
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/filter.h>
#include <linux/idr.h>
#include <linux/ktime.h>
#include <linux/fs.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

static DEFINE_MUTEX(iu_objects_lock);
static LIST_HEAD(iu_objects);
static DEFINE_IDR(iu_ids);
/* The object being built by the current LOAD, for iu_prog_is_bound(). */
static struct iu_object *iu_loading;

static void iu_object_free(struct iu_object *obj)
{
	u32 i;

	iu_bind_release(obj);
	if (obj->stubs_leaked) {
		/* A JIT image may still jump into this object: keep all of it. */
		pr_err("object %u kept in memory: a placeholder could not be unpatched\n", obj->id);
		return;
	}
	iu_free_image(obj);
	for (i = 0; i < obj->nr_progs; i++) {
		free_percpu(obj->progs[i].stats);
		kfree(obj->progs[i].sec_name);
	}
	kvfree(obj->funcs);
	kfree(obj);
}

/*
 * Freed under iu_objects_lock: until the placeholders are unbound and put, no
 * other LOAD may take them (iu_prog_is_bound() looks at the list).
 */
static void iu_object_destroy(struct iu_object *obj)
{
	mutex_lock(&iu_objects_lock);
	list_del(&obj->node);
	idr_remove(&iu_ids, obj->id);
	iu_object_free(obj);
	mutex_unlock(&iu_objects_lock);
}

static void iu_object_put(struct iu_object *obj)
{
	if (refcount_dec_and_test(&obj->ref))
		iu_object_destroy(obj);
}

/*
 * Runs are the placeholder's own BPF statistics: the kernel counts every
 * invocation of a BPF program while kernel.bpf_stats_enabled is 1 (or a
 * BPF_ENABLE_STATS fd is open), and nothing, on any path, while they are
 * off. iu.ko adds no counter of its own to the invocation (a frameless
 * program has no iu.ko code on its path at all).
 */
static u64 placeholder_runs(const struct bpf_prog *bp, int cpu)
{
	const struct bpf_prog_stats *st = per_cpu_ptr(bp->stats, cpu);
	unsigned int start;
	u64 cnt;

	do {
		start = u64_stats_fetch_begin(&st->syncp);
		cnt = u64_stats_read(&st->cnt);
	} while (u64_stats_fetch_retry(&st->syncp, start));
	return cnt;
}

static void prog_stats_sum(const struct iu_prog *p, struct iu_pcpu_stats *sum)
{
	int cpu;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		const struct iu_pcpu_stats *s = per_cpu_ptr(p->stats, cpu);

		if (p->bpf)
			sum->runs += placeholder_runs(p->bpf, cpu);
		sum->missed += READ_ONCE(s->missed);
		sum->terminations += READ_ONCE(s->terminations);
		sum->panics += READ_ONCE(s->panics);
		sum->max_term_ns = max(sum->max_term_ns, READ_ONCE(s->max_term_ns));
	}
}

static void prog_stats_fill(const struct iu_object *obj, struct iu_prog_stats *a)
{
	const struct iu_prog *p = &obj->progs[a->index];
	struct iu_pcpu_stats sum;

	prog_stats_sum(p, &sum);
	a->runs = sum.runs;
	a->missed = sum.missed;
	a->terminations = sum.terminations;
	a->panics = sum.panics;
	a->max_term_ns = sum.max_term_ns;
	a->bpf_id = p->bpf->aux->id;
	a->obj_id = obj->id;
	memcpy(a->name, p->name, sizeof(a->name));
	strscpy(a->section, p->sec_name, sizeof(a->section));
}

/*
 * IU_IOC_PROG_STATS: on a handle (@obj, obj_id 0) or on /dev/iu (@obj NULL,
 * the object obj_id, looked up and read under the lock that keeps it alive).
 */
long iu_ioctl_prog_stats(struct iu_object *obj, struct iu_prog_stats __user *ustats)
{
	struct iu_prog_stats a;
	u32 usize;
	int err;

	err = iu_copy_struct_in(&a, sizeof(a), ustats, IU_PROG_STATS_SIZE_VER0);
	if (err)
		return err;
	usize = a.size;
	if (obj && a.obj_id)
		return -EINVAL;
	mutex_lock(&iu_objects_lock);
	if (!obj)
		obj = a.obj_id ? idr_find(&iu_ids, a.obj_id) : NULL;
	if (!obj)
		err = -ENOENT;
	else if (a.index >= obj->nr_progs)
		err = -ENOENT;
	else
		prog_stats_fill(obj, &a);
	mutex_unlock(&iu_objects_lock);
	if (err)
		return err;
	return copy_to_user(ustats, &a, min_t(u32, usize, sizeof(a))) ? -EFAULT : 0;
}

static long iu_handle_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	if (_IOC_TYPE(cmd) != IU_IOC_MAGIC)
		return -ENOTTY;
	switch (_IOC_NR(cmd)) {
	case _IOC_NR(IU_IOC_PROG_STATS):
		return iu_ioctl_prog_stats(file->private_data, (void __user *)arg);
	case _IOC_NR(IU_IOC_TEST_RUN):
		return iu_ioctl_test_run(file->private_data, (void __user *)arg);
	default:
		return -ENOTTY;
	}
}

static int iu_handle_release(struct inode *inode, struct file *file)
{
	iu_object_put(file->private_data);
	return 0;
}

static void iu_handle_show_fdinfo(struct seq_file *m, struct file *file)
{
	struct iu_object *obj = file->private_data;
	u32 i;

	seq_printf(m, "iu_id:\t%u\n", obj->id);
	for (i = 0; i < obj->nr_progs; i++)
		seq_printf(m, "iu_prog:\t%s %s bpf_id %u\n", obj->progs[i].name,
			   obj->progs[i].sec_name, obj->progs[i].bpf->aux->id);
}

static const struct file_operations iu_handle_fops = {
	.owner = THIS_MODULE,
	.release = iu_handle_release,
	.unlocked_ioctl = iu_handle_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.show_fdinfo = iu_handle_show_fdinfo,
};

bool iu_prog_is_bound(const struct bpf_prog *bp)
{
	struct iu_object *obj;
	u32 i;

	lockdep_assert_held(&iu_objects_lock);
	list_for_each_entry(obj, &iu_objects, node) {
		for (i = 0; i < obj->nr_progs; i++)
			if (obj->progs[i].bpf == bp)
				return true;
	}
	for (i = 0; iu_loading && i < iu_loading->nr_progs; i++)
		if (iu_loading->progs[i].bpf == bp)
			return true;
	return false;
}

/*
 * IU_IOC_TEST_RUN: the bound program whose placeholder is @bp (of object
 * @only, if not NULL), with a reference on its object that keeps it bound
 * until iu_prog_put_bound(); NULL if there is none.
 */
struct iu_prog *iu_prog_get_bound(const struct bpf_prog *bp, struct iu_object *only)
{
	struct iu_object *obj;
	u32 i;

	mutex_lock(&iu_objects_lock);
	list_for_each_entry(obj, &iu_objects, node) {
		if (only && obj != only)
			continue;
		for (i = 0; i < obj->nr_progs; i++) {
			if (obj->progs[i].bpf != bp || !obj->progs[i].bound)
				continue;
			refcount_inc(&obj->ref);
			mutex_unlock(&iu_objects_lock);
			return &obj->progs[i];
		}
	}
	mutex_unlock(&iu_objects_lock);
	return NULL;
}

void iu_prog_put_bound(struct iu_prog *prog)
{
	iu_object_put(prog->obj);
}

/*
 * The whole file from an fd (kernel_read_file() would ask LSMs about an
 * unknown read type, which IPE warns about on 6.12). Everything after this
 * works on the copy, so later changes to the file cannot matter.
 */
static void *read_fd(int fd, size_t max, u64 *size, struct iu_load_log *log)
{
	struct file *file = fget(fd);
	void *buf = NULL;
	loff_t len, pos = 0;

	if (!file) {
		iu_log(log, "read: fd %d is not open", fd);
		return ERR_PTR(-EBADF);
	}
	if (!S_ISREG(file_inode(file)->i_mode) || !(file->f_mode & FMODE_READ)) {
		iu_log(log, "read: fd %d is not a regular file open for reading", fd);
		buf = ERR_PTR(-EINVAL);
		goto out;
	}
	len = i_size_read(file_inode(file));
	if (len <= 0 || len > max) {
		iu_log(log, "read: file size %lld is not between 1 and %zu bytes", len, max);
		buf = ERR_PTR(len <= 0 ? -EINVAL : -EFBIG);
		goto out;
	}
	buf = vmalloc(len);
	if (!buf) {
		buf = ERR_PTR(-ENOMEM);
		goto out;
	}
	while (pos < len) {
		ssize_t n = kernel_read(file, buf + pos, len - pos, &pos);

		if (n <= 0) {
			iu_log(log, "read: short read (%zd) at offset %lld", n, pos);
			vfree(buf);
			buf = ERR_PTR(n < 0 ? n : -EIO);
			goto out;
		}
	}
	*size = len;
out:
	fput(file);
	return buf;
}

/* The signed file, from an fd or a user buffer, into page-aligned memory. */
static void *read_file(const struct iu_load_attr *attr, u64 *size, struct iu_load_log *log)
{
	const size_t max = IU_MAX_FILE_SIZE + (1 << 20);	/* + signature */
	void *buf;

	if (attr->elf_fd >= 0)
		return read_fd(attr->elf_fd, max, size, log);
	if (!attr->elf_buf || !attr->elf_size || attr->elf_size > max) {
		iu_log(log, "read: no file given (elf_fd, or elf_buf and elf_size)");
		return ERR_PTR(-EINVAL);
	}
	buf = vmalloc(attr->elf_size);
	if (!buf)
		return ERR_PTR(-ENOMEM);
	if (copy_from_user(buf, u64_to_user_ptr(attr->elf_buf), attr->elf_size)) {
		vfree(buf);
		return ERR_PTR(-EFAULT);
	}
	*size = attr->elf_size;
	return buf;
}

static struct iu_object *object_alloc(const struct iu_elf *e)
{
	struct iu_object *obj;
	u32 i;

	obj = kzalloc(struct_size(obj, progs, e->nr_progs), GFP_KERNEL);
	if (!obj)
		return NULL;
	obj->nr_progs = e->nr_progs;
	INIT_LIST_HEAD(&obj->node);
	/* Who vouched for it and what built it (the signed note). The .iu
	 * keyring holds one key, so the key that verified it is that one. */
	iu_signing_describe(obj->signer, sizeof(obj->signer));
	BUILD_BUG_ON(sizeof(obj->toolchain) < sizeof(e->toolchain));
	memcpy(obj->toolchain, e->toolchain, sizeof(e->toolchain));
	memcpy(obj->policy, e->policy, sizeof(obj->policy));
	for (i = 0; i < e->nr_progs; i++) {
		struct iu_prog *p = &obj->progs[i];

		p->obj = obj;
		p->kind = e->progs[i].kind;
		p->ctx_size = e->progs[i].ctx_size;
		p->retval = 0;	/* tracing programs: "do nothing" */
		/* a noisy program does not hide another's messages */
		ratelimit_state_init(&p->log_rs, 5 * HZ, 10);
		memcpy(p->name, e->progs[i].name, sizeof(p->name));
		p->sec_name = kstrdup(e->progs[i].sec_name, GFP_KERNEL);
		p->stats = alloc_percpu(struct iu_pcpu_stats);
		if (!p->sec_name || !p->stats) {
			iu_object_free(obj);
			return NULL;
		}
	}
	return obj;
}

static int take_placeholders(struct iu_object *obj, const struct iu_load_attr *attr,
			     struct iu_load_log *log)
{
	u32 *fds;
	u32 i;
	int err = 0;

	fds = kcalloc(obj->nr_progs, sizeof(*fds), GFP_KERNEL);
	if (!fds)
		return -ENOMEM;
	if (copy_from_user(fds, u64_to_user_ptr(attr->prog_fds), obj->nr_progs * sizeof(*fds))) {
		kfree(fds);
		return -EFAULT;
	}
	for (i = 0; i < obj->nr_progs && !err; i++)
		err = iu_bind_take(&obj->progs[i], fds[i], log);
	kfree(fds);
	return err;
}

/*
 * Returns a file for a new handle, not yet installed in the fd table, so the
 * caller can still report results and back out.
 */
struct file *iu_object_load(const struct iu_load_attr *attr, struct iu_load_log *log, u32 *id)
{
	struct iu_elf *elf = NULL;
	struct iu_codecheck *cc = NULL;
	struct iu_object *obj = NULL;
	struct file *file;
	u64 size, content_size;
	s64 t_sig, t_parse, t_code, t_reloc = 0;
	ktime_t t;
	void *buf;
	u32 i;
	int err;

	/* What the caller says, before a byte of the file is read. */
	if (!attr->nr_progs) {
		iu_log(log, "load: no placeholder programs given (nr_progs is 0)");
		return ERR_PTR(-EINVAL);
	}
	if (attr->nr_progs > IU_MAX_PROGS) {
		iu_log(log, "load: %u placeholders given, a file has at most %u programs",
		       attr->nr_progs, IU_MAX_PROGS);
		return ERR_PTR(-E2BIG);
	}
	if (attr->nr_maps) {
		iu_log(log, "load: %u map(s) given: ABI version %u has no maps", attr->nr_maps,
		       IU_ABI_VERSION);
		return ERR_PTR(-EINVAL);
	}
	buf = read_file(attr, &size, log);
	if (IS_ERR(buf))
		return ERR_CAST(buf);
	t = ktime_get();
	err = iu_verify_signature(buf, size, &content_size, log);
	t_sig = ktime_us_delta(ktime_get(), t);
	if (err)
		goto out;
	elf = kmalloc(sizeof(*elf), GFP_KERNEL);
	err = -ENOMEM;
	if (!elf)
		goto out;
	t = ktime_get();
	err = iu_elf_parse(elf, buf, content_size, &log->log);
	t_parse = ktime_us_delta(ktime_get(), t);
	if (err)
		goto out;
	/* The signed toolchain note, against min_toolchain. */
	err = iu_check_toolchain(elf, log);
	if (err)
		goto out;
	err = iu_elf_check_symbols(elf, iu_helper_resolve, NULL, &log->log);
	if (err)
		goto out;
	/* The machine code itself (docs/codecheck.md): what the signature
	 * vouches for is checked again, not trusted. */
	cc = kzalloc(sizeof(*cc), GFP_KERNEL);
	err = -ENOMEM;
	if (!cc)
		goto out;
	t = ktime_get();
	err = iu_code_check(cc, elf, log);
	t_code = ktime_us_delta(ktime_get(), t);
	if (err) {
		kfree(cc);
		cc = NULL;
		goto out;
	}
	err = -EINVAL;
	if (attr->nr_progs != elf->nr_progs) {
		iu_log(log, "load: the file has %u program(s), %u placeholder(s) given",
		       elf->nr_progs, attr->nr_progs);
		goto out;
	}
	obj = object_alloc(elf);
	err = -ENOMEM;
	if (!obj)
		goto out;
	for (i = 0; i < obj->nr_progs; i++)
		iu_prog_set_entry(&obj->progs[i], &cc->progs[i]);

	mutex_lock(&iu_objects_lock);
	iu_loading = obj;
	err = take_placeholders(obj, attr, log);
	if (!err)
		err = iu_load_image(obj, elf, cc, log, &t_reloc);
	if (!err)
		err = iu_bind_install(obj, log);
	if (!err) {
		err = idr_alloc_cyclic(&iu_ids, obj, 1, INT_MAX, GFP_KERNEL);
		if (err > 0) {
			obj->id = err;
			err = 0;
		}
	}
	if (!err) {
		/* pinned by the caller once its results reached the user */
		refcount_set(&obj->ref, 1);
		list_add_tail(&obj->node, &iu_objects);
	} else {
		iu_object_free(obj);
		obj = NULL;
	}
	iu_loading = NULL;
	mutex_unlock(&iu_objects_lock);
	if (err)
		goto out;

	/* From here on the object is owned by the file. */
	file = anon_inode_getfile("iu-object", &iu_handle_fops, obj, O_RDWR);
	if (IS_ERR(file)) {
		iu_object_destroy(obj);
		obj = NULL;
		err = PTR_ERR(file);
		goto out;
	}
	*id = obj->id;
	iu_log_info(log, "load: object %u bound", obj->id);
	iu_log_info(log, "load: time (us): signature %lld, parse %lld, code check %lld, relocation %lld",
		    t_sig, t_parse, t_code, t_reloc);
	obj = NULL;
	err = 0;
out:
	if (obj)
		iu_object_free(obj);
	if (cc) {
		iu_code_check_free(cc);
		kfree(cc);
	}
	kfree(elf);
	vfree(buf);
	return err ? ERR_PTR(err) : file;
}

/* Keep the object bound after its handle closes (IU_LOAD_PIN). */
void iu_object_pin(struct file *handle)
{
	struct iu_object *obj = handle->private_data;

	mutex_lock(&iu_objects_lock);
	if (!obj->pinned) {
		obj->pinned = true;
		refcount_inc(&obj->ref);
	}
	mutex_unlock(&iu_objects_lock);
}

/* IU_IOC_OBJ_INFO: the object with the lowest id >= @info->id, and the next. */
int iu_object_info(struct iu_obj_info *info)
{
	struct iu_object *obj;
	int id = info->id ? info->id : 1, next;
	int err = 0;

	if (info->id > INT_MAX)
		return -ENOENT;
	mutex_lock(&iu_objects_lock);
	obj = idr_get_next(&iu_ids, &id);
	if (!obj) {
		err = -ENOENT;
		goto out;
	}
	next = id + 1;
	info->next_id = idr_get_next(&iu_ids, &next) ? next : 0;
	info->id = obj->id;
	info->flags = obj->pinned ? IU_OBJ_PINNED : 0;
	info->nr_progs = obj->nr_progs;
	memcpy(info->signer, obj->signer, sizeof(info->signer));
	memcpy(info->toolchain, obj->toolchain, sizeof(info->toolchain));
	memcpy(info->policy, obj->policy, sizeof(info->policy));
out:
	mutex_unlock(&iu_objects_lock);
	return err;
}

int iu_object_unload_pinned(u32 id)
{
	struct iu_object *obj;

	mutex_lock(&iu_objects_lock);
	obj = idr_find(&iu_ids, id);
	if (!obj || !obj->pinned) {
		mutex_unlock(&iu_objects_lock);
		return -ENOENT;
	}
	obj->pinned = false;
	mutex_unlock(&iu_objects_lock);
	iu_object_put(obj);
	return 0;
}

/* Module exit: handles hold module references, so only pinned objects remain. */
void iu_objects_exit(void)
{
	struct iu_object *obj, *tmp;

	mutex_lock(&iu_objects_lock);
	list_for_each_entry_safe(obj, tmp, &iu_objects, node) {
		list_del(&obj->node);
		idr_remove(&iu_ids, obj->id);
		iu_object_free(obj);
	}
	mutex_unlock(&iu_objects_lock);
	idr_destroy(&iu_ids);
}

void iu_objects_show(struct seq_file *m)
{
	struct iu_object *obj;
	u32 i;

	seq_puts(m, "obj prog name             bpf_id section                          runs       missed terminated panics entry\n");
	mutex_lock(&iu_objects_lock);
	list_for_each_entry(obj, &iu_objects, node) {
		for (i = 0; i < obj->nr_progs; i++) {
			struct iu_prog *p = &obj->progs[i];
			struct iu_pcpu_stats sum;

			prog_stats_sum(p, &sum);
			seq_printf(m, "%-3u %-4u %-16s %-6u %-32s %-10llu %-6llu %-10llu %-6llu %s\n",
				   obj->id, i, p->name, p->bpf->aux->id, p->sec_name, sum.runs,
				   sum.missed, sum.terminations, sum.panics,
				   p->frameless ? "frameless" : "framed");
		}
	}
	mutex_unlock(&iu_objects_lock);
}

/* debugfs "objects": who signed each object and what built it. */
void iu_objects_show_identity(struct seq_file *m)
{
	struct iu_object *obj;

	seq_puts(m, "obj progs pinned toolchain policy                                                           signer\n");
	mutex_lock(&iu_objects_lock);
	list_for_each_entry(obj, &iu_objects, node)
		seq_printf(m, "%-3u %-5u %-6s %-9s %32phN %s\n", obj->id, obj->nr_progs,
			   obj->pinned ? "yes" : "no", obj->toolchain, obj->policy, obj->signer);
	mutex_unlock(&iu_objects_lock);
}
