// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_file_load(2) image formats: the arm64 Image header.
 *
 * Documentation/arch/arm64/booting.rst defines the header; the arm64
 * loader (arch/arm64/kernel/kexec_image.c) judges what it describes
 * against this CPU.
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
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "kexec_image_internal.h"

/* arm64 Image header (Documentation/arch/arm64/booting.rst). */
#define ARM64_TEXT_OFFSET	0x08
#define ARM64_IMAGE_SIZE	0x10
#define ARM64_FLAGS		0x18
#define ARM64_MAGIC_OFF		0x38
#define ARM64_HEADER_LEN	0x40
#define ARM64_MAGIC		0x644d5241	/* "ARM\x64" */
#define ARM64_FLAG_BE		0x1
#define ARM64_FLAG_PAGE_SHIFT	1
#define ARM64_FLAG_PAGE_MASK	0x3
#define ARM64_FLAG_PHYS_ANY	0x8

/*
 * The offsets above are those of struct arm64_image_header (asm/image.h),
 * which only arm64 can include: this parser is also built by KUnit on any
 * architecture and by the host harness. Where the struct is at hand, the
 * build proves the two agree.
 */
#ifdef CONFIG_ARM64
#include <asm/image.h>

#define ARM64_AT(off, field) \
	static_assert((off) == offsetof(struct arm64_image_header, field))
ARM64_AT(ARM64_TEXT_OFFSET, text_offset);
ARM64_AT(ARM64_IMAGE_SIZE, image_size);
ARM64_AT(ARM64_FLAGS, flags);
ARM64_AT(ARM64_MAGIC_OFF, magic);
static_assert(sizeof(struct arm64_image_header) == ARM64_HEADER_LEN);
static_assert(BIT(ARM64_IMAGE_FLAG_BE_SHIFT) == ARM64_FLAG_BE);
static_assert(ARM64_FLAG_PAGE_SHIFT == ARM64_IMAGE_FLAG_PAGE_SIZE_SHIFT);
static_assert(ARM64_FLAG_PAGE_MASK == ARM64_IMAGE_FLAG_PAGE_SIZE_MASK);
static_assert(BIT(ARM64_IMAGE_FLAG_PHYS_BASE_SHIFT) == ARM64_FLAG_PHYS_ANY);
#endif

/*
 * Works on unsigned long long copies: u64 is unsigned long on some hosts,
 * and the reasons must print the same in the kernel and in the tools.
 */
static int arm64_check_layout(struct kexec_image_info *info)
{
	unsigned long long text = info->text_offset, size = info->image_size;
	unsigned long long end;

	if (!size)
		return kexec_image_reject(info, -EINVAL,
					  "image_size 0: a pre-3.17 Image does not state its memory footprint");
	if (check_add_overflow(text, size, &end))
		return kexec_image_reject(info, -EINVAL,
					  "text_offset 0x%llx + image_size 0x%llx overflows",
					  text, size);
	if (size < ARM64_HEADER_LEN)
		return kexec_image_reject(info, -EINVAL,
					  "image_size 0x%llx is smaller than the 0x%x-byte header",
					  size, ARM64_HEADER_LEN);
	if (size > KEXEC_IMAGE_MAX_SIZE)
		return kexec_image_reject(info, -EINVAL,
					  "image_size 0x%llx exceeds the 0x%llx cap",
					  size, KEXEC_IMAGE_MAX_SIZE);
	if (text > size)
		return kexec_image_reject(info, -EINVAL,
					  "text_offset 0x%llx lies beyond image_size 0x%llx",
					  text, size);
	if (text >= KEXEC_IMAGE_ARM64_ALIGN)
		return kexec_image_reject(info, -EINVAL,
					  "text_offset 0x%llx is not below the 2 MiB alignment unit",
					  text);
	return 0;
}

static void arm64_decode_flags(struct kexec_image_info *info)
{
	static const u32 page_sizes[] = { 0, 0x1000, 0x4000, 0x10000 };
	u64 flags = info->flags;

	info->endian = (flags & ARM64_FLAG_BE) ? KEXEC_IMAGE_BE : KEXEC_IMAGE_LE;
	info->page_size = page_sizes[(flags >> ARM64_FLAG_PAGE_SHIFT) &
				     ARM64_FLAG_PAGE_MASK];
	info->placement = (flags & ARM64_FLAG_PHYS_ANY) ?
		KEXEC_IMAGE_PLACE_ANYWHERE : KEXEC_IMAGE_PLACE_NEAR_BASE;
}

/**
 * kexec_image_parse_arm64() - describe an arm64 Image
 * @buf: the file's contents
 * @len: bytes in @buf
 * @info: filled with the header's fields, or the reason for rejection
 *
 * All header fields are little-endian whatever the kernel's endianness.
 * Reserved flag bits are kept in @info->flags for the arch loader to judge.
 *
 * Return: 0, -ENOEXEC without the ARM\x64 magic, -EINVAL if malformed.
 */
int kexec_image_parse_arm64(const void *buf, size_t len,
			    struct kexec_image_info *info)
{
	const u8 *b = buf;
	int ret;

	kexec_image_start(info);
	if (!fits(len, ARM64_MAGIC_OFF, 4) ||
	    get_unaligned_le32(b + ARM64_MAGIC_OFF) != ARM64_MAGIC)
		return kexec_image_reject(info, -ENOEXEC, "no ARM\\x64 magic at 0x38");
	info->format = KEXEC_IMAGE_FMT_ARM64;
	if (len < ARM64_HEADER_LEN)
		return kexec_image_reject(info, -EINVAL,
					  "file of 0x%zx bytes truncates the 0x%x-byte header",
					  len, ARM64_HEADER_LEN);

	info->text_offset = get_unaligned_le64(b + ARM64_TEXT_OFFSET);
	info->has_text_offset = true;
	info->image_size = get_unaligned_le64(b + ARM64_IMAGE_SIZE);
	info->flags = get_unaligned_le64(b + ARM64_FLAGS);
	info->load_align = KEXEC_IMAGE_ARM64_ALIGN;
	arm64_decode_flags(info);
	ret = arm64_check_layout(info);
	if (ret)
		return ret;
	kexec_image_find_pe(b, len, info);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(kexec_image_parse_arm64);
