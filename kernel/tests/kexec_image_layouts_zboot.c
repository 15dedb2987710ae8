// SPDX-License-Identifier: GPL-2.0
/*
 * The EFI zboot image's test layout: kx_build_zboot() and the table of
 * its cases; see kexec_image_layouts.c.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kexec_image.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "kexec_image_layouts.h"

/**
 * kx_build_zboot() - an EFI zboot image of arm64
 * @buf: a zeroed buffer of %KX_BUF_LEN bytes
 * @comp: the compression type: "gzip" puts kx_build_gzip()'s member with
 *	FNAME and ISIZE %ZB_ISIZE in the payload; any other, %ZB_RAW_PAYLOAD
 *	bytes of zeros and the size word %ZB_ISIZE after them
 *
 * Return: the image's length, %ZB_LEN.
 */
size_t kx_build_zboot(u8 *buf, const char *comp)
{
	u32 size = ZB_RAW_PAYLOAD;

	memcpy(buf, "MZ", 2);
	memcpy(buf + 4, "zimg", 4);
	memcpy(buf + 0x18, comp, strnlen(comp, 31));
	put_unaligned_le32(0x818223cd, buf + 0x38);		/* LINUX_PE_MAGIC */
	put_unaligned_le32(ZB_PE, buf + 0x3c);
	memcpy(buf + ZB_PE, "PE\0\0", 4);
	put_unaligned_le16(0xaa64, buf + ZB_PE + 4);
	if (!strcmp(comp, "gzip"))
		size = kx_build_gzip(buf + ZB_PAYLOAD, GZ_FNAME, ZB_ISIZE);
	else
		put_unaligned_le32(ZB_ISIZE, buf + ZB_PAYLOAD + size);
	put_unaligned_le32(ZB_PAYLOAD, buf + 8);
	put_unaligned_le32(size, buf + 12);
	return ZB_LEN;
}

/*
 * EFI zboot (drivers/firmware/efi/libstub/zboot-header.S), its payload a
 * gzip member (KX_ZB_GZIP) or a zstd frame and its size word (KX_ZB_ZSTD).
 */
#define ZB_POFF(v)	P4(8, v)
#define ZB_PSIZE(v)	P4(12, v)
#define ZB_GZ_END	(ZB_PAYLOAD + GZ_LEN)
#define ZB_A8		0x6161616161616161ULL

static const struct kx_case kx_zboot_cases[] = {
	{ "valid", {}, 0, 0, NULL },
	{ "no-zimg", { P4(4, 0x676d697a + 1) }, 0, -ENOEXEC, "zimg" },
	{ "zimg-upper-case", { P1(4, 'Z') }, 0, -ENOEXEC, NULL },
	{ "no-mz", { P1(0, 'N') }, 0, -ENOEXEC, NULL },
	{ "comp-empty", { P1(0x18, 0) }, 0, -EINVAL, "is empty" },
	{ "comp-upper-case", { P1(0x18, 'G') }, 0, -EINVAL,
	  "byte 0x47 at 0x18" },
	{ "comp-not-terminated",
	  { P8(0x1c, ZB_A8), P8(0x24, ZB_A8), P8(0x2c, ZB_A8),
	    P4(0x34, 0x61616161) }, 0, -EINVAL, "no NUL within 32 bytes" },
	{ "comp-31-chars",
	  { P8(0x1c, ZB_A8), P8(0x24, ZB_A8), P8(0x2c, ZB_A8),
	    P4(0x34, 0x00616161) }, 0, -EINVAL, "decompressed size 0x0" },
	{ "payload-size-0", { ZB_PSIZE(0) }, 0, -EINVAL, "payload size is 0" },
	{ "payload-in-header", { ZB_POFF(0x3f) }, 0, -EINVAL,
	  "lies inside the 0x40-byte header" },
	{ "payload-to-file-end", { ZB_POFF(ZB_LEN - GZ_LEN) }, 0, -EINVAL,
	  "lacks the gzip magic" },
	{ "payload-past-end", { ZB_POFF(ZB_LEN - GZ_LEN + 1) }, 0, -EINVAL,
	  "ends beyond the file's 0x300 bytes" },
	{ "payload-sum-overflows", { ZB_POFF(0xfffffff0) }, 0, -EINVAL,
	  "ends beyond" },
	{ "payload-not-gzip", { P1(ZB_PAYLOAD, 0x1e) }, 0, -EINVAL,
	  "lacks the gzip magic" },
	{ "payload-magic-0", { P1(ZB_PAYLOAD, 0) }, 0, -EINVAL, "gzip magic" },
	{ "payload-gzip-bad-method", { P1(ZB_PAYLOAD + 2, 9) }, 0, -EINVAL,
	  "method 9" },
	{ "isize-0", { P4(ZB_GZ_END - 4, 0) }, 0, -EINVAL,
	  "decompressed size 0x0" },
	{ "isize-cap", { P4(ZB_GZ_END - 4, 0x40000000) }, 0, 0, NULL },
	{ "isize-cap-plus-1", { P4(ZB_GZ_END - 4, 0x40000001) }, 0, -EINVAL,
	  "1 GiB cap" },
	{ "no-pe", { P4(0x3c, 0x90) }, 0, -EINVAL, "PE header offset 0x90" },
	{ "pe-offset-max", { P4(0x3c, 0xffffffff) }, 0, -EINVAL, "PE header" },
	{ "truncated-header", {}, 0x3f, -EINVAL, "truncates the 0x40-byte" },
	{ "truncated-payload", {}, ZB_GZ_END - 1, -EINVAL, "ends beyond" },
	{ "truncated-signature", {}, 7, -ENOEXEC, NULL },
	{ "zstd-valid", {}, 0, 0, NULL, KX_ZB_ZSTD },
	{ "zstd-size-0", { P4(ZB_PAYLOAD + ZB_RAW_PAYLOAD, 0) }, 0, -EINVAL,
	  "decompressed size 0x0", KX_ZB_ZSTD },
	{ "zstd-no-size-word", {}, ZB_PAYLOAD + ZB_RAW_PAYLOAD + 3, 0, NULL,
	  KX_ZB_ZSTD },
};

static size_t kx_zboot_build(u8 *buf, unsigned int variant, unsigned int run)
{
	if (run)
		return 0;
	return kx_build_zboot(buf, variant == KX_ZB_ZSTD ? "zstd" : "gzip");
}

const struct kx_table kx_zboot_table = {
	.name = "zboot",
	.format = KEXEC_IMAGE_FMT_EFI_ZBOOT,
	.parse = kexec_image_parse_zboot,
	.build = kx_zboot_build,
	.cases = kx_zboot_cases,
	.nr_cases = ARRAY_SIZE(kx_zboot_cases),
};
