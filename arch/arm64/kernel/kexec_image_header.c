// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_file_load(2) image formats: the arm64 Image header.
 *
 * Reads struct arm64_image_header (asm/image.h), which
 * Documentation/arch/arm64/booting.rst defines; the loader beside it
 * (kexec_image.c) judges what it describes against this CPU.
 *
 * Like every image-format parser it allocates nothing, keeps no state and
 * trusts no field, and it compiles unchanged in the host harness under
 * tools/testing/kexec_image, which provides asm/image.h as arm64 declares
 * it. It lives here rather than beside the other parsers in kernel/
 * because the struct is arm64's own: its KUnit cases run on arm64.
 */

#include <kunit/visibility.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/kexec_image.h>
#include <linux/overflow.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/types.h>
#include <asm/byteorder.h>
#include <asm/image.h>

#define ARM64_HEADER_LEN	sizeof(struct arm64_image_header)
#define ARM64_MAGIC_OFFSET	offsetof(struct arm64_image_header, magic)

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
					  "image_size 0x%llx is smaller than the 0x%zx-byte header",
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
	/* Field value 0 leaves the page size unspecified: 0 here too. */
	static const u32 page_sizes[] = {
		[ARM64_IMAGE_FLAG_PAGE_SIZE_4K] = 0x1000,
		[ARM64_IMAGE_FLAG_PAGE_SIZE_16K] = 0x4000,
		[ARM64_IMAGE_FLAG_PAGE_SIZE_64K] = 0x10000,
	};
	u64 flags = info->flags;
	bool be = arm64_image_flag_field(flags, ARM64_IMAGE_FLAG_BE) ==
		  ARM64_IMAGE_FLAG_BE;
	bool anywhere = arm64_image_flag_field(flags, ARM64_IMAGE_FLAG_PHYS_BASE) ==
			ARM64_IMAGE_FLAG_PHYS_BASE;

	info->endian = be ? KEXEC_IMAGE_BE : KEXEC_IMAGE_LE;
	info->page_size =
		page_sizes[arm64_image_flag_field(flags, ARM64_IMAGE_FLAG_PAGE_SIZE)];
	info->placement = anywhere ? KEXEC_IMAGE_PLACE_ANYWHERE :
				     KEXEC_IMAGE_PLACE_NEAR_BASE;
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
	struct arm64_image_header hdr;
	int ret;

	kexec_image_start(info);
	if (len < ARM64_MAGIC_OFFSET + sizeof(hdr.magic) ||
	    memcmp((const u8 *)buf + ARM64_MAGIC_OFFSET, ARM64_IMAGE_MAGIC,
		   sizeof(hdr.magic)))
		return kexec_image_reject(info, -ENOEXEC,
					  "no ARM\\x64 magic at 0x%zx",
					  ARM64_MAGIC_OFFSET);
	info->format = KEXEC_IMAGE_FMT_ARM64;
	if (len < sizeof(hdr))
		return kexec_image_reject(info, -EINVAL,
					  "file of 0x%zx bytes truncates the 0x%zx-byte header",
					  len, sizeof(hdr));

	/* A copy: @buf need not be aligned for the struct. */
	memcpy(&hdr, buf, sizeof(hdr));
	info->text_offset = le64_to_cpu(hdr.text_offset);
	info->has_text_offset = true;
	info->image_size = le64_to_cpu(hdr.image_size);
	info->flags = le64_to_cpu(hdr.flags);
	info->load_align = KEXEC_IMAGE_ARM64_ALIGN;
	arm64_decode_flags(info);
	ret = arm64_check_layout(info);
	if (ret)
		return ret;
	kexec_image_find_pe(buf, len, info);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(kexec_image_parse_arm64);
