// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_file_load(2) image formats: gzip members (RFC 1952).
 *
 * A kernel compressed whole with gzip, as distributions ship arm64 and
 * riscv vmlinuz, and the payload of a gzip EFI zboot image.
 *
 * Like every parser under kernel/kexec_image*.c it allocates nothing, keeps
 * no state and trusts no field, and it compiles unchanged in the host
 * harness under tools/testing/kexec_image.
 */

#include <kunit/visibility.h>
#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/kexec_image.h>
#include <linux/overflow.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "kexec_image_internal.h"

/* gzip member header and trailer (RFC 1952). */
#define GZIP_HEADER_LEN		10
#define GZIP_MIN_DEFLATE	2	/* one empty final stored block */
#define GZIP_CM_DEFLATE		8
#define GZIP_FHCRC		BIT(1)
#define GZIP_FEXTRA		BIT(2)
#define GZIP_FNAME		BIT(3)
#define GZIP_FCOMMENT		BIT(4)
#define GZIP_FRESERVED		0xe0

/* Skips a NUL-terminated FNAME or FCOMMENT field starting at *at. */
static int gzip_skip_string(const u8 *b, size_t len, size_t *at,
			    const char *what, struct kexec_image_info *info)
{
	const u8 *nul = memchr(b + *at, 0, len - *at);

	if (!nul)
		return kexec_image_reject(info, -EINVAL,
					  "gzip %s at 0x%zx has no NUL before the member's end",
					  what, *at);
	*at = nul - b + 1;
	return 0;
}

/* Walks the optional header fields that FLG announces, in RFC order. */
static int gzip_walk_header(const u8 *b, size_t len, size_t *at,
			    struct kexec_image_gzip *gz,
			    struct kexec_image_info *info)
{
	int ret;

	if (gz->flags & GZIP_FEXTRA) {
		size_t xlen;

		if (!fits(len, *at, 2))
			return kexec_image_reject(info, -EINVAL,
						  "gzip FEXTRA length at 0x%zx lies beyond the member",
						  *at);
		xlen = get_unaligned_le16(b + *at);
		if (!fits(len, *at + 2, xlen))
			return kexec_image_reject(info, -EINVAL,
						  "gzip FEXTRA of 0x%zx bytes runs past the member",
						  xlen);
		*at += 2 + xlen;
	}
	if (gz->flags & GZIP_FNAME) {
		gz->name_offset = *at;
		ret = gzip_skip_string(b, len, at, "FNAME", info);
		if (ret)
			return ret;
	}
	if (gz->flags & GZIP_FCOMMENT) {
		ret = gzip_skip_string(b, len, at, "FCOMMENT", info);
		if (ret)
			return ret;
	}
	if (gz->flags & GZIP_FHCRC) {
		if (!fits(len, *at, 2))
			return kexec_image_reject(info, -EINVAL,
						  "gzip FHCRC at 0x%zx lies beyond the member",
						  *at);
		*at += 2;
	}
	return 0;
}

/**
 * kexec_image_gzip_member() - describe the gzip member that fills a buffer
 * @b: the member's first byte
 * @len: bytes from @b to the member's end (its trailer included)
 * @base: offset of @b in the file, for the reasons and info->gzip
 * @info: gets info->gzip, or the reason for rejection
 *
 * Shared with the EFI zboot parser, whose payload is one such member.
 *
 * Return: 0, -ENOEXEC without the gzip magic, -EINVAL if malformed.
 */
int kexec_image_gzip_member(const u8 *b, size_t len, size_t base,
			    struct kexec_image_info *info)
{
	struct kexec_image_gzip *gz = &info->gzip;
	size_t at = GZIP_HEADER_LEN, need;
	int ret;

	if (len < 2 || b[0] != 0x1f || b[1] != 0x8b)
		return kexec_image_reject(info, -ENOEXEC, "no gzip magic 1f 8b");
	if (len < GZIP_HEADER_LEN)
		return kexec_image_reject(info, -EINVAL,
					  "gzip member of 0x%zx bytes truncates its 10-byte header",
					  len);
	if (b[2] != GZIP_CM_DEFLATE)
		return kexec_image_reject(info, -EINVAL,
					  "gzip compression method %u is not deflate (8)",
					  b[2]);
	gz->flags = b[3];
	if (gz->flags & GZIP_FRESERVED)
		return kexec_image_reject(info, -EINVAL,
					  "gzip flags 0x%02x set reserved bits 0xe0",
					  gz->flags);
	gz->mtime = get_unaligned_le32(b + 4);
	gz->xfl = b[8];
	gz->os = b[9];
	ret = gzip_walk_header(b, len, &at, gz, info);
	if (ret)
		return ret;
	need = GZIP_MIN_DEFLATE + GZIP_TRAILER_LEN;
	if (!fits(len, at, need))
		return kexec_image_reject(info, -EINVAL,
					  "gzip header ends at 0x%zx, leaving no room for data and the 8-byte trailer in 0x%zx bytes",
					  at, len);
	gz->present = true;
	gz->offset = base;
	gz->length = len;
	gz->data_offset = at;
	gz->crc = get_unaligned_le32(b + len - GZIP_TRAILER_LEN);
	gz->isize = get_unaligned_le32(b + len - 4);
	return 0;
}

/**
 * kexec_image_parse_gzip() - describe a buffer holding one gzip member
 * @buf: the file's contents
 * @len: bytes in @buf; the member is taken to end at the buffer's end
 * @info: filled with the member's header, or the reason for rejection
 *
 * The optional FEXTRA, FNAME, FCOMMENT and FHCRC fields are walked within
 * the buffer; nothing is decompressed. ISIZE is the last 4 bytes.
 *
 * Return: 0, -ENOEXEC without the 1f 8b magic, -EINVAL if malformed.
 */
int kexec_image_parse_gzip(const void *buf, size_t len,
			   struct kexec_image_info *info)
{
	int ret;

	kexec_image_start(info);
	ret = kexec_image_gzip_member(buf, len, 0, info);
	if (ret != -ENOEXEC)
		info->format = KEXEC_IMAGE_FMT_GZIP;
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(kexec_image_parse_gzip);
