// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_file for arm64
 *
 * Copyright (C) 2018 Linaro Limited
 * Author: AKASHI Takahiro <takahiro.akashi@linaro.org>
 *
 * Most code is derived from arm64 port of kexec-tools
 */

#define pr_fmt(fmt) "kexec_file: " fmt

#include <linux/kernel.h>
#include <linux/kexec.h>
#include <linux/of_kexec.h>
#include <linux/sizes.h>
#include <linux/types.h>

const struct kexec_file_ops * const kexec_file_loaders[] = {
	&kexec_image_ops,
	NULL
};

int arch_kimage_file_post_load_cleanup(struct kimage *image)
{
	of_kexec_free_segments(image, &image->arch.dtb);
	return kexec_image_post_load_cleanup_default(image);
}

/**
 * load_other_segments() - add the elfcorehdr, initrd and DTB clear of the kernel
 * @image: the image being loaded
 * @kernel_load_addr: start of the kernel segment (its 2 MiB aligned base)
 * @kernel_size: bytes from @kernel_load_addr to the end of the kernel's footprint
 * @initrd: the initrd, or NULL
 * @initrd_len: bytes in @initrd
 * @cmdline: the next kernel's command line, or NULL
 *
 * arm64's rules for of_kexec_load_segments(): the initrd within the 32 GiB
 * window above the 1 GiB boundary below the kernel, the DTB 2 MiB aligned
 * so that it never crosses a 2 MiB boundary (booting.rst), the ELF core
 * headers 64 KiB aligned so that any page size maps them whole.
 *
 * Return: 0, or a negative errno with the image's segments as they were.
 */
int load_other_segments(struct kimage *image,
			unsigned long kernel_load_addr,
			unsigned long kernel_size,
			char *initrd, unsigned long initrd_len,
			char *cmdline)
{
	const struct of_kexec_rules rules = {
		.kernel_mem = kernel_load_addr,
		.kernel_size = kernel_size,
		.max_addr = ULONG_MAX,
		.initrd_window_align = SZ_1G,
		.initrd_window = 32ULL * SZ_1G,
		.dtb_align = SZ_2M,
		.dtb_top_down = true,
		.elfcorehdr_align = SZ_64K,
	};
	struct of_kexec_placed placed;
	int ret;

	ret = of_kexec_load_segments(image, &rules, initrd, initrd_len,
				     cmdline, &placed);
	if (ret)
		return ret;
	image->arch.dtb = placed.dtb;
	image->arch.dtb_mem = placed.dtb_mem;
	return 0;
}
