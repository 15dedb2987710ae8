// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_file_load() for 32-bit ARM: the loaders and what they leave behind.
 */

#include <linux/kexec.h>
#include <linux/of_kexec.h>

const struct kexec_file_ops * const kexec_file_loaders[] = {
	&kexec_zimage_ops,
	NULL
};

int arch_kimage_file_post_load_cleanup(struct kimage *image)
{
	of_kexec_free_segments(image, &image->arch.dtb);
	return kexec_image_post_load_cleanup_default(image);
}
