// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_file_load() for 32-bit ARM: the loaders and what they leave behind.
 */

#include <linux/kexec.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

const struct kexec_file_ops * const kexec_file_loaders[] = {
	&kexec_zimage_ops,
	NULL
};

int arch_kimage_file_post_load_cleanup(struct kimage *image)
{
	kvfree(image->arch.dtb);
	image->arch.dtb = NULL;

	vfree(image->elf_headers);
	image->elf_headers = NULL;
	image->elf_headers_sz = 0;

	return kexec_image_post_load_cleanup_default(image);
}
