/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the kexec_file_load(2) image-format parsers share among themselves.
 * Not an interface: the loaders include <linux/kexec_image.h> only.
 */
#ifndef _KERNEL_KEXEC_IMAGE_INTERNAL_H
#define _KERNEL_KEXEC_IMAGE_INTERNAL_H

#include <linux/compiler.h>
#include <linux/kexec_image.h>
#include <linux/pe.h>
#include <linux/stddef.h>
#include <linux/types.h>

/* PE/COFF: an MS-DOS header whose peaddr points at "PE\0\0" past it. */
#define PE_OFFSET_OFF		offsetof(struct mz_hdr, peaddr)
#define PE_MIN_OFFSET		sizeof(struct mz_hdr)

/* A gzip member ends in CRC32 and ISIZE (RFC 1952); the plan skips both. */
#define GZIP_TRAILER_LEN	8

/* True when [off, off + n) lies inside a buffer of @len bytes. */
static inline bool fits(size_t len, size_t off, size_t n)
{
	return off <= len && n <= len - off;
}

int kexec_image_gzip_member(const u8 *b, size_t len, size_t base,
			    struct kexec_image_info *info);

#endif /* _KERNEL_KEXEC_IMAGE_INTERNAL_H */
