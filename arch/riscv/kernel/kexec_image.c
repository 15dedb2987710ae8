// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_file_load(2) loader for the riscv Image format.
 *
 * The header is read by the image-format parser beside it
 * (kexec_image_header.c); this file only decides whether this machine can
 * run the Image and where it goes: on a 2 MiB boundary, as low in free
 * System RAM (or in the crash kernel's region) as there is room for
 * image_size bytes or the whole file. text_offset says where a boot loader
 * would put the Image above the start of DRAM, clear of the firmware; a
 * kexec'd kernel goes to memory this kernel owns, so it is not used.
 * The initrd, the DTB and a crash kernel's ELF core headers go above the
 * kernel through of_kexec_load_segments(), as on arm and arm64; purgatory
 * checks the segments' digest and enters the kernel with a0 = hartid and
 * a1 = the DTB, as it does for the ELF loader. Every refusal of a
 * recognised Image logs one line
 * (Documentation/admin-guide/kexec-file-images/riscv.rst).
 */

#define pr_fmt(fmt)	"kexec_file(Image): " fmt

#include <linux/err.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kexec.h>
#include <linux/kexec_image.h>
#include <linux/minmax.h>
#include <linux/of_kexec.h>
#include <linux/pe.h>
#include <linux/sizes.h>
#include <linux/slab.h>

/* Can this kernel's machine run the Image @info describes? */
static int image_check_machine(const struct kexec_image_info *info)
{
	/* An EFI-stub kernel names its ISA: a 32-bit one cannot run here. */
	if (info->has_pe && info->pe_machine != IMAGE_FILE_MACHINE_RISCV64) {
		pr_err("PE machine 0x%x at 0x%x: this kernel starts RISCV64 (0x%x) Images only\n",
		       info->pe_machine, info->pe_offset,
		       IMAGE_FILE_MACHINE_RISCV64);
		return -EOPNOTSUPP;
	}
	return 0;
}

/*
 * Parse and judge @buf. A file that is not an Image is refused silently,
 * so that the ELF loader can be probed next; any other refusal logs one
 * line.
 */
static int image_recognise(const char *buf, unsigned long len,
			   struct kexec_image_info *info)
{
	int ret = kexec_image_parse_riscv(buf, len, info);

	if (ret == -ENOEXEC)
		return ret;
	if (ret) {
		pr_err("%s\n", info->reason);
		return ret;
	}
	return image_check_machine(info);
}

/* The core's description is too large for the stack of every probe. */
static struct kexec_image_info *image_info_alloc(void)
{
	struct kexec_image_info *info;

	info = kmalloc(sizeof(*info), GFP_KERNEL | __GFP_NOWARN);
	if (!info)
		pr_err("allocating the %zu-byte image description failed\n",
		       sizeof(*info));
	return info;
}

static int image_probe(const char *kernel_buf, unsigned long kernel_len)
{
	struct kexec_image_info *info = image_info_alloc();
	int ret;

	if (!info)
		return -ENOMEM;
	ret = image_recognise(kernel_buf, kernel_len, info);
	kfree(info);
	return ret;
}

/*
 * The kernel segment: image_size bytes from a 2 MiB boundary, or the whole
 * file if that is longer. The parser caps image_size; the file's length
 * is capped here, so that no sum with the footprint can overflow.
 */
static int image_kernel_buf(struct kimage *image, char *kernel,
			    unsigned long kernel_len,
			    const struct kexec_image_info *info,
			    struct kexec_buf *kbuf)
{
	if (kernel_len > KEXEC_IMAGE_MAX_SIZE) {
		pr_err("file of 0x%lx bytes exceeds the 0x%llx cap\n",
		       kernel_len, KEXEC_IMAGE_MAX_SIZE);
		return -EFBIG;
	}
	memset(kbuf, 0, sizeof(*kbuf));
	kbuf->image = image;
	kbuf->buffer = kernel;
	kbuf->bufsz = kernel_len;
	kbuf->memsz = max_t(u64, info->image_size, kernel_len);
	kbuf->mem = KEXEC_BUF_MEM_UNKNOWN;
	kbuf->buf_align = info->load_align;
	kbuf->buf_min = 0;
	kbuf->buf_max = ULONG_MAX;
	/* setup_vm() maps the kernel from where it runs: low memory is fine. */
	kbuf->top_down = false;
	return 0;
}

/*
 * Purgatory, anywhere above the kernel: it checks the segments' digest,
 * then jumps to @entry with the hart id and the DTB's address that
 * machine_kexec() hands it in a0 and a1. kexec_load_purgatory() makes
 * purgatory's entry the image's start.
 */
static int image_load_purgatory(struct kimage *image, unsigned long above,
				unsigned long entry)
{
	struct kexec_buf kbuf = {
		.image = image,
		.buf_min = above,
		.buf_max = ULONG_MAX,
		.mem = KEXEC_BUF_MEM_UNKNOWN,
		.top_down = true,
	};
	int ret;

	ret = kexec_load_purgatory(image, &kbuf);
	if (ret == -EADDRNOTAVAIL)
		return ret;	/* the caller tries the kernel one hole up */
	if (ret) {
		pr_err("loading purgatory failed: %d\n", ret);
		return ret;
	}
	kexec_dprintk("Loaded purgatory at 0x%lx\n", kbuf.mem);
	ret = kexec_purgatory_get_set_symbol(image, "riscv_kernel_entry",
					     &entry, sizeof(entry), false);
	if (ret)
		pr_err("setting purgatory's riscv_kernel_entry failed: %d\n", ret);
	return ret;
}

/*
 * The segments that go with the kernel at @kernel: riscv's rules for
 * of_kexec_load_segments() (anywhere above the kernel, the DTB and the
 * ELF core headers page aligned, as the ELF loader places them), then
 * purgatory. On failure the image's segments are as they were.
 */
static int image_load_other_segments(struct kimage *image,
				     const struct kexec_segment *kernel,
				     char *initrd, unsigned long initrd_len,
				     char *cmdline)
{
	const struct of_kexec_rules rules = {
		.kernel_mem = kernel->mem,
		.kernel_size = kernel->memsz,
		.max_addr = ULONG_MAX,
		.dtb_align = PAGE_SIZE,
		.dtb_top_down = true,
		.elfcorehdr_align = ELF_CORE_HEADER_ALIGN,
	};
	unsigned long nr = image->nr_segments;
	struct of_kexec_placed placed;
	int ret;

	ret = of_kexec_load_segments(image, &rules, initrd, initrd_len,
				     cmdline, &placed);
	if (ret)
		return ret;
	ret = image_load_purgatory(image, kernel->mem + kernel->memsz,
				   kernel->mem);
	if (ret) {
		image->nr_segments = nr;
		of_kexec_free_segments(image, &placed.dtb);
		return ret;
	}
	/* arch_kimage_file_post_load_cleanup() frees it. */
	image->arch.fdt = placed.dtb;
	return 0;
}

/*
 * Place the kernel, then the other segments clear of it. Where they find
 * no room (-EADDRNOTAVAIL, which nothing logged), drop the kernel segment
 * and try the next hole up; any other refusal was logged and ends the
 * search. When no hole is left, say so once.
 */
static int image_place(struct kimage *image, struct kexec_buf *kbuf,
		       char *initrd, unsigned long initrd_len, char *cmdline)
{
	unsigned long nr = image->nr_segments;
	struct kexec_segment *kernel;
	bool kernel_fitted = false;
	int ret;

	while ((ret = kexec_add_buffer(kbuf)) == 0) {
		kernel = &image->segment[nr];
		ret = image_load_other_segments(image, kernel, initrd,
						initrd_len, cmdline);
		if (ret != -EADDRNOTAVAIL)
			return ret;
		kernel_fitted = true;
		image->nr_segments = nr;
		kbuf->buf_min = kernel->mem + kernel->memsz;
		kbuf->mem = KEXEC_BUF_MEM_UNKNOWN;
	}
	if (ret == -EADDRNOTAVAIL) {
		kbuf->buf_min = 0;
		kexec_buf_report_no_hole(kbuf, kernel_fitted ?
			"kernel with room above it for the initrd, DTB, headers and purgatory" :
			"kernel");
	}
	return ret;
}

static void *image_load(struct kimage *image,
			char *kernel, unsigned long kernel_len,
			char *initrd, unsigned long initrd_len,
			char *cmdline, unsigned long cmdline_len)
{
	struct kexec_image_info *info = image_info_alloc();
	struct kexec_buf kbuf;
	int ret;

	if (!info)
		return ERR_PTR(-ENOMEM);
	ret = image_recognise(kernel, kernel_len, info);
	if (!ret)
		ret = image_kernel_buf(image, kernel, kernel_len, info, &kbuf);
	kfree(info);
	if (!ret)
		ret = image_place(image, &kbuf, initrd, initrd_len, cmdline);
	if (ret)
		return ERR_PTR(ret);

	kexec_dprintk("Loaded kernel at 0x%lx bufsz=0x%lx memsz=0x%lx\n",
		      kbuf.mem, kbuf.bufsz, kbuf.memsz);
	return NULL;
}

const struct kexec_file_ops image_kexec_ops = {
	.probe = image_probe,
	.load = image_load,
#ifdef CONFIG_KEXEC_IMAGE_VERIFY_SIG
	.verify_sig = kexec_kernel_verify_pe_sig,
#endif
};
