// SPDX-License-Identifier: GPL-2.0
/*
 * The arm64 Image's test layout: kx_build_arm64() and the table of its
 * cases; see kexec_image_layouts.c.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kexec_image.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "kexec_image_layouts.h"

/**
 * kx_build_arm64() - an arm64 Image header: 4K pages, placed anywhere
 * @buf: a zeroed buffer of %KX_BUF_LEN bytes
 *
 * Return: the image's length, %A64_LEN.
 */
size_t kx_build_arm64(u8 *buf)
{
	put_unaligned_le64(0, buf + 0x08);		/* text_offset */
	put_unaligned_le64(A64_IMAGE_SIZE, buf + 0x10);	/* image_size */
	put_unaligned_le64(0xa, buf + 0x18);		/* 4K, anywhere */
	memcpy(buf + 0x38, "ARM\x64", 4);
	return A64_LEN;
}

#ifdef CONFIG_KEXEC_IMAGE_ARM64
/* arm64 Image: Documentation/arch/arm64/booting.rst. */
#define A64_TEXT(v)	P8(0x08, v)
#define A64_SIZE(v)	P8(0x10, v)
#define A64_FLAGS(v)	P8(0x18, v)

static const struct kx_case kx_arm64_cases[] = {
	{ "valid", {}, 0, 0, NULL },
	{ "magic-off-by-one", { P4(0x38, 0x644d5242) }, 0, -ENOEXEC, "ARM" },
	{ "magic-at-0x3c", { P4(0x38, 0), P4(0x3c, 0x644d5241) }, 0, -ENOEXEC,
	  NULL },
	{ "image-size-0", { A64_SIZE(0) }, 0, -EINVAL, "image_size 0" },
	{ "image-size-header-less-1", { A64_SIZE(0x3f) }, 0, -EINVAL,
	  "smaller than the 0x40-byte header" },
	{ "image-size-header", { A64_SIZE(0x40) }, 0, 0, NULL },
	{ "image-size-cap", { A64_SIZE(KX_MAX) }, 0, 0, NULL },
	{ "image-size-cap-plus-1", { A64_SIZE(KX_MAX + 1) }, 0, -EINVAL, "cap" },
	{ "image-size-max", { A64_SIZE(~0ULL) }, 0, -EINVAL, "cap" },
	{ "text-offset-2m-less-1", { A64_TEXT(0x1fffff), A64_SIZE(0x400000) },
	  0, 0, NULL },
	{ "text-offset-2m", { A64_TEXT(0x200000), A64_SIZE(0x400000) }, 0,
	  -EINVAL, "text_offset 0x200000 is not below the 2 MiB" },
	{ "text-offset-equals-image-size", { A64_TEXT(0x10000) }, 0, 0, NULL },
	{ "text-offset-beyond-image-size", { A64_TEXT(0x10001) }, 0, -EINVAL,
	  "text_offset 0x10001 lies beyond image_size 0x10000" },
	{ "text-offset-max", { A64_TEXT(~0ULL), A64_SIZE(KX_MAX) }, 0, -EINVAL,
	  "+ image_size 0x40000000 overflows" },
	{ "text-offset-max-image-size-64k", { A64_TEXT(~0ULL) }, 0, -EINVAL,
	  "text_offset 0xffffffffffffffff + image_size 0x10000 overflows" },
	{ "text-offset-plus-size-overflows",
	  { A64_TEXT(0xfffffffffffff000ULL), A64_SIZE(0x2000) }, 0, -EINVAL,
	  "text_offset 0xfffffffffffff000 + image_size 0x2000 overflows" },
	{ "text-offset-0x80000", { A64_TEXT(0x80000) }, 0, -EINVAL,
	  "lies beyond image_size" },
	{ "reserved-flags-kept", { A64_FLAGS(0xf0) }, 0, 0, NULL },
	{ "truncated-header", {}, 0x3f, -EINVAL, "truncates the 0x40-byte" },
	{ "magic-not-visible", {}, 0x3b, -ENOEXEC, NULL },
};

static size_t kx_arm64_build(u8 *buf, unsigned int variant, unsigned int run)
{
	return run ? 0 : kx_build_arm64(buf);
}

const struct kx_table kx_arm64_table = {
	.name = "arm64",
	.format = KEXEC_IMAGE_FMT_ARM64,
	.parse = kexec_image_parse_arm64,
	.build = kx_arm64_build,
	.cases = kx_arm64_cases,
	.nr_cases = ARRAY_SIZE(kx_arm64_cases),
};

/* Every value of each flag field (booting.rst), and all of them at once. */
const struct kx_arm64_flags kx_arm64_flag_cases[] = {
	{ 0x0, KEXEC_IMAGE_LE, 0, KEXEC_IMAGE_PLACE_NEAR_BASE },
	{ 0x1, KEXEC_IMAGE_BE, 0, KEXEC_IMAGE_PLACE_NEAR_BASE },
	{ 0x2, KEXEC_IMAGE_LE, 0x1000, KEXEC_IMAGE_PLACE_NEAR_BASE },
	{ 0x4, KEXEC_IMAGE_LE, 0x4000, KEXEC_IMAGE_PLACE_NEAR_BASE },
	{ 0x6, KEXEC_IMAGE_LE, 0x10000, KEXEC_IMAGE_PLACE_NEAR_BASE },
	{ 0x8, KEXEC_IMAGE_LE, 0, KEXEC_IMAGE_PLACE_ANYWHERE },
	{ 0xf, KEXEC_IMAGE_BE, 0x10000, KEXEC_IMAGE_PLACE_ANYWHERE },
};

const unsigned int kx_nr_arm64_flag_cases = ARRAY_SIZE(kx_arm64_flag_cases);
#endif /* CONFIG_KEXEC_IMAGE_ARM64 */
