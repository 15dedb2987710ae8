// SPDX-License-Identifier: GPL-2.0
/*
 * The gzip member's test layout: kx_build_gzip() and the table of its
 * cases; see kexec_image_layouts.c.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kexec_image.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "kexec_image_layouts.h"

/**
 * kx_build_gzip() - a gzip member around an empty deflate stream
 * @buf: a zeroed buffer of %KX_BUF_LEN bytes
 * @flags: FLG: the optional fields (FEXTRA, FNAME, FCOMMENT, FHCRC) to
 *	write; other bits are written but add nothing
 * @isize: the trailer's ISIZE
 *
 * Return: the member's length, %GZ_LEN with %GZ_FNAME alone.
 */
size_t kx_build_gzip(u8 *buf, u8 flags, u32 isize)
{
	size_t at = 10;

	buf[0] = 0x1f;
	buf[1] = 0x8b;
	buf[2] = 8;						/* deflate */
	buf[3] = flags;
	put_unaligned_le32(0x5f5e0ff0, buf + 4);		/* mtime */
	buf[8] = 2;						/* xfl: best */
	buf[9] = 3;						/* os: Unix */
	if (flags & GZ_FEXTRA) {
		put_unaligned_le16(4, buf + at);
		memcpy(buf + at + 2, "KX\0\0", 4);
		at += 6;
	}
	if (flags & GZ_FNAME) {
		memcpy(buf + at, "vmlinux", 8);
		at += 8;
	}
	if (flags & GZ_FCOMMENT) {
		memcpy(buf + at, "c", 2);
		at += 2;
	}
	if (flags & GZ_FHCRC) {
		put_unaligned_le16(0xbeef, buf + at);
		at += 2;
	}
	buf[at++] = 0x03;					/* final fixed block */
	buf[at++] = 0x00;					/* end of block */
	put_unaligned_le32(0, buf + at);			/* CRC32 of nothing */
	put_unaligned_le32(isize, buf + at + 4);
	return at + 8;
}

/*
 * gzip members (RFC 1952) of ISIZE GZ_ISIZE; the variant is the flags
 * kx_build_gzip() writes, and so the member's length: 20 bytes without
 * optional fields, +6 FEXTRA, +8 FNAME, +2 FCOMMENT, +2 FHCRC.
 */
static const struct kx_case kx_gzip_cases[] = {
	{ "plain", {}, 0, 0, NULL },
	{ "ftext", {}, 0, 0, NULL, GZ_FTEXT },
	{ "fhcrc", {}, 0, 0, NULL, GZ_FHCRC },
	{ "fextra", {}, 0, 0, NULL, GZ_FEXTRA },
	{ "fname", {}, 0, 0, NULL, GZ_FNAME },
	{ "fcomment", {}, 0, 0, NULL, GZ_FCOMMENT },
	{ "all-flags", {}, 0, 0, NULL, 0x1f },
	{ "reserved-0x20", {}, 0, -EINVAL, "reserved bits", 0x20 },
	{ "reserved-0x80", {}, 0, -EINVAL, "flags 0x80", 0x80 },
	{ "fname-reserved-0x20", { P1(3, GZ_FNAME | 0x20) }, 0, -EINVAL,
	  "reserved", GZ_FNAME },
	{ "method-7", { P1(2, 7) }, 0, -EINVAL, "method 7 is not deflate" },
	{ "fname-method-7", { P1(2, 7) }, 0, -EINVAL, "method 7", GZ_FNAME },
	{ "no-magic", { P1(1, 0x8c) }, 0, -ENOEXEC, NULL },
	{ "minimal-cut-1", {}, 19, -EINVAL, "no room for data" },
	{ "fname-cut-1", {}, GZ_LEN - 1, -EINVAL, "no room", GZ_FNAME },
	{ "fextra-xlen-past", { P2(10, 0xffff) }, 0, -EINVAL,
	  "FEXTRA of 0xffff bytes", GZ_FEXTRA },
	{ "fextra-xlen-to-end", { P2(10, 4 + 10) }, 0, -EINVAL,
	  "no room for data", GZ_FEXTRA },
	{ "fextra-xlen-one-past", { P2(10, 4 + 11) }, 0, -EINVAL, "FEXTRA",
	  GZ_FEXTRA },
	/* FNAME's bytes read as FEXTRA's length */
	{ "fextra-over-fname", { P1(3, GZ_FEXTRA), P2(10, 0xffff) }, 0, -EINVAL,
	  "FEXTRA", GZ_FNAME },
	{ "fname-eats-data", { P1(17, 'x') }, 0, -EINVAL, "no room for data",
	  GZ_FNAME },
	{ "fhcrc-over-fname", { P1(3, GZ_FNAME | GZ_FHCRC) }, 0, -EINVAL,
	  "no room", GZ_FNAME },
	{ "fhcrc-cut", {}, 11, -EINVAL, "FHCRC at 0xa", GZ_FHCRC },
};

static size_t kx_gzip_build(u8 *buf, unsigned int variant, unsigned int run)
{
	return run ? 0 : kx_build_gzip(buf, variant, GZ_ISIZE);
}

const struct kx_table kx_gzip_table = {
	.name = "gzip",
	.format = KEXEC_IMAGE_FMT_GZIP,
	.parse = kexec_image_parse_gzip,
	.build = kx_gzip_build,
	.cases = kx_gzip_cases,
	.nr_cases = ARRAY_SIZE(kx_gzip_cases),
};
