// SPDX-License-Identifier: GPL-2.0
/*
 * The riscv Image's test layout: kx_build_riscv() and the table of its
 * cases; see kexec_image_layouts.c.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kexec_image.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "kexec_image_layouts.h"

/**
 * kx_build_riscv() - an rv64 Image header, version 0.2, without EFI stub
 * @buf: a zeroed buffer of %KX_BUF_LEN bytes
 *
 * The header arch/riscv/kernel/head.S writes: a jump over the header,
 * text_offset 2 MiB, both magics.
 *
 * Return: the image's length, %RV_LEN.
 */
size_t kx_build_riscv(u8 *buf)
{
	put_unaligned_le32(0x0400006f, buf + RV_CODE0);	/* j 0x40 */
	put_unaligned_le64(RV_TEXT_OFFSET, buf + RV_TEXT);
	put_unaligned_le64(RV_IMAGE_SIZE, buf + RV_SIZE);
	put_unaligned_le32(RV_VERSION_0_2, buf + RV_VERSION);
	memcpy(buf + RV_MAGIC, "RISCV\0\0\0", 8);
	memcpy(buf + RV_MAGIC2, "RSC\x05", 4);
	return RV_LEN;
}

#ifdef CONFIG_KEXEC_IMAGE_RISCV
/* riscv Image: Documentation/arch/riscv/boot-image-header.rst. */
#define RV_P_TEXT(v)	P8(RV_TEXT, v)
#define RV_P_SIZE(v)	P8(RV_SIZE, v)
#define RV_P_FLAGS(v)	P8(RV_FLAGS, v)
#define RV_P_VERSION(v)	P4(RV_VERSION, v)
#define RV_NO_MAGIC	P8(RV_MAGIC, 0)
#define RV_NO_MAGIC2	P4(RV_MAGIC2, 0)
#define RV_2M		0x200000ULL

static const struct kx_case kx_riscv_cases[] = {
	{ "valid", {}, 0, 0, NULL },
	/* Which magic, by version: the old one up to 0.1, magic2 from 0.2. */
	{ "version-0.1-magic-only", { RV_P_VERSION(1), RV_NO_MAGIC2 }, 0, 0,
	  NULL },
	{ "version-0.0-magic-only", { RV_P_VERSION(0), RV_NO_MAGIC2 }, 0, 0,
	  NULL },
	{ "version-0.1-both-magics", { RV_P_VERSION(1) }, 0, 0, NULL },
	{ "version-0.2-magic2-only", { RV_NO_MAGIC }, 0, 0, NULL },
	{ "version-0.65535", { RV_P_VERSION(0xffff) }, 0, 0, NULL },
	{ "version-0.2-without-magic2", { RV_NO_MAGIC2 }, 0, -EINVAL,
	  "header version 0.2 lacks the RSC\\x05 magic2 at 0x38" },
	{ "version-0.3-without-magic2", { RV_P_VERSION(3), RV_NO_MAGIC2 }, 0,
	  -EINVAL, "header version 0.3 lacks" },
	{ "magic2-off-by-one", { P4(RV_MAGIC2, 0x06435352) }, 0, -EINVAL,
	  "lacks the RSC\\x05 magic2" },
	{ "version-0.1-magic2-only", { RV_P_VERSION(1), RV_NO_MAGIC }, 0,
	  -EINVAL, "header version 0.1 has RSC\\x05 but lacks the RISCV magic at 0x30" },
	{ "version-0.0-magic2-only", { RV_P_VERSION(0), RV_NO_MAGIC }, 0,
	  -EINVAL, "header version 0.0 has RSC\\x05" },
	{ "version-1.0", { RV_P_VERSION(0x10000) }, 0, -EOPNOTSUPP,
	  "header version 1.0: this kernel reads major version 0 only" },
	{ "version-max", { RV_P_VERSION(0xffffffff) }, 0, -EOPNOTSUPP,
	  "header version 65535.65535" },
	{ "no-magic", { RV_NO_MAGIC, RV_NO_MAGIC2 }, 0, -ENOEXEC,
	  "no RISCV magic at 0x30 nor RSC\\x05 at 0x38" },
	{ "magic-off-by-one", { P8(RV_MAGIC, 0x5743534952ULL), RV_NO_MAGIC2 },
	  0, -ENOEXEC, NULL },
	{ "magic-without-nuls", { P8(RV_MAGIC, 0x2020205643534952ULL),
	  RV_NO_MAGIC2 }, 0, -ENOEXEC, NULL },
	{ "arm64-magic", { RV_NO_MAGIC, P4(RV_MAGIC2, 0x644d5241) }, 0,
	  -ENOEXEC, NULL },
	/* The footprint: stated, past the header, under the cap. */
	{ "image-size-0", { RV_P_SIZE(0) }, 0, -EINVAL, "image_size 0" },
	{ "image-size-header-less-1", { RV_P_SIZE(0x3f) }, 0, -EINVAL,
	  "image_size 0x3f is smaller than the 0x40-byte header" },
	{ "image-size-header", { RV_P_SIZE(0x40) }, 0, 0, NULL },
	{ "image-size-cap", { RV_P_TEXT(0), RV_P_SIZE(KX_MAX) }, 0, 0, NULL },
	{ "image-size-cap-plus-1", { RV_P_TEXT(0), RV_P_SIZE(KX_MAX + 1) }, 0,
	  -EINVAL, "image_size 0x40000001 exceeds the 0x40000000 cap" },
	{ "image-size-max", { RV_P_SIZE(~0ULL) }, 0, -EINVAL, "cap" },
	/* text_offset: a multiple of 2 MiB, with image_size under the cap. */
	{ "text-offset-0", { RV_P_TEXT(0) }, 0, 0, NULL },
	{ "text-offset-4m", { RV_P_TEXT(2 * RV_2M) }, 0, 0, NULL },
	{ "text-offset-2m-less-1", { RV_P_TEXT(RV_2M - 1) }, 0, -EINVAL,
	  "text_offset 0x1fffff is not a multiple of the 2 MiB" },
	{ "text-offset-2m-plus-4k", { RV_P_TEXT(RV_2M + 0x1000) }, 0, -EINVAL,
	  "text_offset 0x201000 is not a multiple" },
	{ "text-offset-page", { RV_P_TEXT(0x1000) }, 0, -EINVAL,
	  "not a multiple" },
	{ "text-offset-plus-size-cap",
	  { RV_P_TEXT(RV_2M), RV_P_SIZE(KX_MAX - RV_2M) }, 0, 0, NULL },
	{ "text-offset-plus-size-cap-plus-1",
	  { RV_P_TEXT(RV_2M), RV_P_SIZE(KX_MAX - RV_2M + 1) }, 0, -EINVAL,
	  "text_offset 0x200000 + image_size 0x3fe00001 exceeds the 0x40000000 cap" },
	{ "text-offset-cap", { RV_P_TEXT(KX_MAX) }, 0, -EINVAL,
	  "text_offset 0x40000000 + image_size 0x10000 exceeds" },
	{ "text-offset-max", { RV_P_TEXT(~0ULL) }, 0, -EINVAL,
	  "text_offset 0xffffffffffffffff is not a multiple" },
	{ "text-offset-plus-size-overflows",
	  { RV_P_TEXT(~(RV_2M - 1)), RV_P_SIZE(RV_2M) }, 0, -EINVAL,
	  "text_offset 0xffffffffffe00000 + image_size 0x200000 overflows" },
	/* flags: bit 0 big-endian, refused; the rest reserved, kept. */
	{ "flags-be", { RV_P_FLAGS(1) }, 0, -EOPNOTSUPP,
	  "flags 0x1: a big-endian Image" },
	{ "flags-be-reserved", { RV_P_FLAGS(~0ULL) }, 0, -EOPNOTSUPP,
	  "flags 0xffffffffffffffff: a big-endian" },
	{ "flags-reserved-kept", { RV_P_FLAGS(~1ULL) }, 0, 0, NULL },
	/* A malformed header is -EINVAL, whatever its endianness. */
	{ "flags-be-image-size-0", { RV_P_FLAGS(1), RV_P_SIZE(0) }, 0, -EINVAL,
	  "image_size 0" },
	{ "flags-be-version-1.0", { RV_P_FLAGS(1), RV_P_VERSION(0x10000) }, 0,
	  -EOPNOTSUPP, "header version 1.0" },
	/* Cut: -EINVAL once a magic is whole, -ENOEXEC before. */
	{ "truncated-header", {}, 0x3f, -EINVAL,
	  "file of 0x3f bytes truncates the 0x40-byte header" },
	{ "truncated-to-magic", {}, 0x38, -EINVAL, "truncates" },
	{ "magic-not-visible", {}, 0x37, -ENOEXEC, NULL },
	{ "truncated-to-magic2", { RV_NO_MAGIC }, 0x3c, -EINVAL, "truncates" },
	{ "magic2-not-visible", { RV_NO_MAGIC }, 0x3b, -ENOEXEC, NULL },
	{ "header-only", {}, 0x40, 0, NULL },
};

static size_t kx_riscv_build(u8 *buf, unsigned int variant, unsigned int run)
{
	return run ? 0 : kx_build_riscv(buf);
}

const struct kx_table kx_riscv_table = {
	.name = "riscv",
	.format = KEXEC_IMAGE_FMT_RISCV,
	.parse = kexec_image_parse_riscv,
	.build = kx_riscv_build,
	.cases = kx_riscv_cases,
	.nr_cases = ARRAY_SIZE(kx_riscv_cases),
};
#endif /* CONFIG_KEXEC_IMAGE_RISCV */
