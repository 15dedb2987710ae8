// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_file_load(2) loader for the arm64 Image format.
 *
 * The header is read by the image-format parser beside it
 * (kexec_image_header.c); this file only decides whether this
 * machine can run the Image and where it goes: a 2 MiB aligned base, the
 * kernel text_offset bytes above it, a footprint of image_size bytes
 * (Documentation/arch/arm64/booting.rst). Every refusal of a recognised
 * Image logs one line naming the field, its value and the rule
 * (Documentation/admin-guide/kexec-file-images/arm64.rst).
 *
 * Copyright (C) 2018 Linaro Limited
 * Author: AKASHI Takahiro <takahiro.akashi@linaro.org>
 */

#define pr_fmt(fmt)	"kexec_file(Image): " fmt

#include <linux/err.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kexec.h>
#include <linux/kexec_image.h>
#include <linux/overflow.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <asm/cpufeature.h>
#include <asm/memory.h>

/* Flags bit 3 set: all of image_size must sit below 2^48 (booting.rst). */
#define IMAGE_PHYS_LIMIT_48BIT	(BIT_ULL(48) - 1)

static bool cpu_has_granule(u32 page_size)
{
	switch (page_size) {
	case SZ_4K:
		return system_supports_4kb_granule();
	case SZ_16K:
		return system_supports_16kb_granule();
	case SZ_64K:
		return system_supports_64kb_granule();
	default:
		return true;	/* 0: the Image does not say */
	}
}

/* Can this CPU, under this kernel, run the Image @info describes? */
static int image_check_machine(const struct kexec_image_info *info)
{
	bool be_image = info->endian == KEXEC_IMAGE_BE;

	if (!cpu_has_granule(info->page_size)) {
		pr_err("flags 0x%llx: the Image uses %uK pages, but this CPU has no %uK translation granule (ID_AA64MMFR0_EL1)\n",
		       info->flags, info->page_size / SZ_1K,
		       info->page_size / SZ_1K);
		return -EOPNOTSUPP;
	}
	if (be_image != IS_ENABLED(CONFIG_CPU_BIG_ENDIAN) &&
	    !system_supports_mixed_endian()) {
		pr_err("flags 0x%llx: a %s-endian Image on a %s-endian kernel needs mixed-endian support, which this CPU lacks\n",
		       info->flags, be_image ? "big" : "little",
		       be_image ? "little" : "big");
		return -EOPNOTSUPP;
	}
	/* kexec segments start on a page boundary of the running kernel. */
	if (!IS_ALIGNED(info->text_offset, PAGE_SIZE)) {
		pr_err("text_offset 0x%llx is not a multiple of this kernel's 0x%lx-byte page\n",
		       info->text_offset, PAGE_SIZE);
		return -EINVAL;
	}
	return 0;
}

/*
 * Parse and judge @buf. A file that is not an Image is refused silently,
 * so that other loaders can be probed; any other refusal logs one line.
 */
static int image_recognise(const char *buf, unsigned long len,
			   struct kexec_image_info *info)
{
	int ret = kexec_image_parse_arm64(buf, len, info);

	if (ret == -ENOEXEC)
		return ret;
	if (ret) {
		pr_err("%s\n", info->reason);
		return ret;
	}
	return image_check_machine(info);
}

/* The core's description is too large for the stack of every probe. */
static int image_probe(const char *kernel_buf, unsigned long kernel_len)
{
	struct kexec_image_info *info = kmalloc(sizeof(*info), GFP_KERNEL | __GFP_NOWARN);
	int ret;

	if (!info) {
		pr_err("allocating the %zu-byte image description failed\n",
		       sizeof(*info));
		return -ENOMEM;
	}
	ret = image_recognise(kernel_buf, kernel_len, info);
	kfree(info);
	return ret;
}

/*
 * The kernel segment spans the 2 MiB aligned base up to the end of the
 * footprint: text_offset, then image_size bytes or the whole file if that
 * is longer.
 */
static int image_kernel_buf(struct kimage *image, char *kernel,
			    unsigned long kernel_len,
			    const struct kexec_image_info *info,
			    struct kexec_buf *kbuf)
{
	u64 footprint = max_t(u64, info->image_size, kernel_len);

	memset(kbuf, 0, sizeof(*kbuf));
	kbuf->image = image;
	kbuf->buffer = kernel;
	kbuf->bufsz = kernel_len;
	kbuf->mem = KEXEC_BUF_MEM_UNKNOWN;
	kbuf->buf_align = info->load_align;
	kbuf->buf_min = 0;
	kbuf->buf_max = info->placement == KEXEC_IMAGE_PLACE_ANYWHERE ?
			IMAGE_PHYS_LIMIT_48BIT : ULONG_MAX;
	/* Bottom up: bit 3 clear asks for a base close to the start of DRAM. */
	kbuf->top_down = false;
	if (check_add_overflow(info->text_offset, footprint, &footprint)) {
		pr_err("text_offset 0x%llx + footprint of 0x%lx bytes overflows\n",
		       info->text_offset, kernel_len);
		return -EINVAL;
	}
	kbuf->memsz = footprint;
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
		ret = load_other_segments(image, kernel->mem, kernel->memsz,
					  initrd, initrd_len, cmdline);
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
			"kernel with room above it for the initrd, DTB and headers" :
			"kernel");
	}
	return ret;
}

static void *image_load(struct kimage *image,
			char *kernel, unsigned long kernel_len,
			char *initrd, unsigned long initrd_len,
			char *cmdline, unsigned long cmdline_len)
{
	struct kexec_image_info *info;
	struct kexec_segment *segment;
	struct kexec_buf kbuf;
	unsigned long nr = image->nr_segments;
	u64 text_offset;
	int ret;

	info = kmalloc(sizeof(*info), GFP_KERNEL | __GFP_NOWARN);
	if (!info) {
		pr_err("allocating the %zu-byte image description failed\n",
		       sizeof(*info));
		return ERR_PTR(-ENOMEM);
	}
	ret = image_recognise(kernel, kernel_len, info);
	if (!ret)
		ret = image_kernel_buf(image, kernel, kernel_len, info, &kbuf);
	text_offset = info->text_offset;
	kfree(info);
	if (!ret)
		ret = image_place(image, &kbuf, initrd, initrd_len, cmdline);
	if (ret)
		return ERR_PTR(ret);

	/* The file goes text_offset bytes above the aligned base. */
	segment = &image->segment[nr];
	segment->mem += text_offset;
	segment->memsz -= text_offset;
	image->start = segment->mem;

	kexec_dprintk("Loaded kernel at 0x%lx bufsz=0x%lx memsz=0x%lx\n",
		      segment->mem, kbuf.bufsz, segment->memsz);
	return NULL;
}

const struct kexec_file_ops kexec_image_ops = {
	.probe = image_probe,
	.load = image_load,
#ifdef CONFIG_KEXEC_IMAGE_VERIFY_SIG
	.verify_sig = kexec_kernel_verify_pe_sig,
#endif
};
