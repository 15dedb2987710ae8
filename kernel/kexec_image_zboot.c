// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_file_load(2) image formats: the EFI zboot header.
 *
 * drivers/firmware/efi/libstub/zboot-header.S lays out the header that
 * wraps a compressed kernel in a PE image.
 *
 * Like every parser under kernel/kexec_image*.c it allocates nothing, keeps
 * no state and trusts no field, and it compiles unchanged in the host
 * harness under tools/testing/kexec_image.
 */

#include <kunit/visibility.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/kexec_image.h>
#include <linux/overflow.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "kexec_image_internal.h"

/* EFI zboot header (drivers/firmware/efi/libstub/zboot-header.S). */
#define ZBOOT_TYPE_OFF		0x04
#define ZBOOT_PAYLOAD_OFF	0x08
#define ZBOOT_PAYLOAD_SIZE	0x0c
#define ZBOOT_COMP_TYPE		0x18
#define ZBOOT_HEADER_LEN	0x40
#define ZBOOT_SIZE_WORD		4

/* The compression type is a NUL-padded lower-case name such as "gzip". */
static int zboot_read_comp_type(const u8 *b, struct kexec_image_info *info)
{
	char *name = info->zboot.comp_type;
	unsigned int i;

	for (i = 0; i < KEXEC_IMAGE_COMP_NAME_LEN; i++) {
		u8 c = b[ZBOOT_COMP_TYPE + i];

		if (!c)
			break;
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-'))
			return kexec_image_reject(info, -EINVAL,
						  "compression type byte 0x%02x at 0x%x is not [a-z0-9_-]",
						  c, ZBOOT_COMP_TYPE + i);
		name[i] = c;
	}
	if (i == KEXEC_IMAGE_COMP_NAME_LEN)
		return kexec_image_reject(info, -EINVAL,
					  "compression type at 0x18 has no NUL within %u bytes",
					  KEXEC_IMAGE_COMP_NAME_LEN);
	if (!i)
		return kexec_image_reject(info, -EINVAL, "compression type at 0x18 is empty");
	return 0;
}

static int zboot_check_payload(size_t len, struct kexec_image_info *info)
{
	struct kexec_image_zboot *zb = &info->zboot;
	u32 end;

	if (!zb->payload_size)
		return kexec_image_reject(info, -EINVAL, "zboot payload size is 0");
	if (zb->payload_offset < ZBOOT_HEADER_LEN)
		return kexec_image_reject(info, -EINVAL,
					  "zboot payload offset 0x%x lies inside the 0x%x-byte header",
					  zb->payload_offset, ZBOOT_HEADER_LEN);
	if (check_add_overflow(zb->payload_offset, zb->payload_size, &end) ||
	    end > len)
		return kexec_image_reject(info, -EINVAL,
					  "zboot payload 0x%x+0x%x ends beyond the file's 0x%zx bytes",
					  zb->payload_offset, zb->payload_size, len);
	return 0;
}

/*
 * gzip carries the decompressed size as ISIZE; the other methods have it
 * appended after the payload (zboot-size-len in Makefile.zboot).
 */
static int zboot_decompressed_size(const u8 *b, size_t len,
				   struct kexec_image_info *info)
{
	struct kexec_image_zboot *zb = &info->zboot;
	size_t end = (size_t)zb->payload_offset + zb->payload_size;
	int ret;

	if (!strcmp(zb->comp_type, "gzip")) {
		ret = kexec_image_gzip_member(b + zb->payload_offset, zb->payload_size,
					      zb->payload_offset, info);
		if (ret == -ENOEXEC)
			return kexec_image_reject(info, -EINVAL,
						  "zboot payload at 0x%x lacks the gzip magic its type names",
						  zb->payload_offset);
		if (ret)
			return ret;
		zb->decompressed_size = info->gzip.isize;
	} else {
		if (!fits(len, end, ZBOOT_SIZE_WORD))
			return 0;
		zb->decompressed_size = get_unaligned_le32(b + end);
	}
	zb->has_decompressed_size = true;
	if (!zb->decompressed_size ||
	    zb->decompressed_size > KEXEC_IMAGE_MAX_SIZE)
		return kexec_image_reject(info, -EINVAL,
					  "zboot decompressed size 0x%x is not between 1 and the 1 GiB cap",
					  zb->decompressed_size);
	return 0;
}

/**
 * kexec_image_parse_zboot() - describe an EFI zboot image
 * @buf: the file's contents
 * @len: bytes in @buf
 * @info: filled with the payload's place, compression and, where the
 *	file states it, decompressed size
 *
 * The payload is described, never decompressed. A gzip payload's member
 * header is checked and described in @info->gzip.
 *
 * Return: 0, -ENOEXEC without "MZ" and "zimg", -EINVAL if malformed.
 */
int kexec_image_parse_zboot(const void *buf, size_t len,
			    struct kexec_image_info *info)
{
	struct kexec_image_zboot *zb = &info->zboot;
	const u8 *b = buf;
	int ret;

	kexec_image_start(info);
	if (!fits(len, ZBOOT_TYPE_OFF, 4) || b[0] != 'M' || b[1] != 'Z' ||
	    memcmp(b + ZBOOT_TYPE_OFF, "zimg", 4))
		return kexec_image_reject(info, -ENOEXEC, "no MZ and zimg signature");
	info->format = KEXEC_IMAGE_FMT_EFI_ZBOOT;
	info->endian = KEXEC_IMAGE_LE;
	if (len < ZBOOT_HEADER_LEN)
		return kexec_image_reject(info, -EINVAL,
					  "file of 0x%zx bytes truncates the 0x%x-byte zboot header",
					  len, ZBOOT_HEADER_LEN);
	zb->payload_offset = get_unaligned_le32(b + ZBOOT_PAYLOAD_OFF);
	zb->payload_size = get_unaligned_le32(b + ZBOOT_PAYLOAD_SIZE);
	ret = zboot_read_comp_type(b, info);
	if (!ret)
		ret = zboot_check_payload(len, info);
	if (!ret)
		ret = zboot_decompressed_size(b, len, info);
	if (ret)
		return ret;
	kexec_image_find_pe(b, len, info);
	if (!info->has_pe)
		return kexec_image_reject(info, -EINVAL,
					  "PE header offset 0x%x at 0x3c does not point at PE\\0\\0",
					  get_unaligned_le32(b + PE_OFFSET_OFF));
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(kexec_image_parse_zboot);
