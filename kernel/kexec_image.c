// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_file_load(2) image formats: what every parser shares, and the probe.
 *
 * The parsers for the kernel image formats that kexec_file_load(2)
 * accepts fill one format-neutral struct kexec_image_info, so that the arch
 * loaders hold machine knowledge only. A format's parser is built only
 * into kernels whose architecture loads it (CONFIG_KEXEC_IMAGE_ARM64,
 * _RISCV, _BZIMAGE, _ELF, _ZIMAGE); the wrappers (gzip, EFI zboot), the ELF
 * note walker and the helpers below are shared. All of them compile
 * unchanged in the host harness under tools/testing/kexec_image, where
 * they are unit-tested and fuzzed under ASan and UBSan.
 *
 * Nothing here allocates, keeps state or trusts a field: each offset and
 * length is checked against the buffer before it is read, each sum goes
 * through check_add_overflow() and each size is capped.
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

/**
 * kexec_image_reject() - record why a parser refuses an image
 * @info: the descriptor being filled
 * @err: the errno the parser returns
 * @fmt: printf format of the reason: the field, its value and the rule
 *
 * Return: @err, so that a parser can "return kexec_image_reject(...)".
 */
int kexec_image_reject(struct kexec_image_info *info, int err,
		       const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	vsnprintf(info->reason, sizeof(info->reason), fmt, args);
	va_end(args);
	info->error = err;
	return err;
}

/**
 * kexec_image_start() - clear a descriptor before a parser fills it
 * @info: the descriptor
 */
void kexec_image_start(struct kexec_image_info *info)
{
	memset(info, 0, sizeof(*info));
}

/**
 * kexec_image_find_pe() - record a PE header reachable from offset 0x3c
 * @b: the file's contents
 * @len: bytes in @b
 * @info: gets has_pe, pe_offset and pe_machine when there is one
 *
 * An EFI-stub kernel carries one; its absence is not an error.
 */
void kexec_image_find_pe(const u8 *b, size_t len,
			 struct kexec_image_info *info)
{
	u32 off;

	if (len < PE_MIN_OFFSET || get_unaligned_le16(b) != MZ_MAGIC)
		return;
	off = get_unaligned_le32(b + PE_OFFSET_OFF);
	if (off < PE_MIN_OFFSET ||
	    !fits(len, off, offsetof(struct pe_hdr, sections)) ||
	    get_unaligned_le32(b + off) != PE_MAGIC)
		return;
	info->has_pe = true;
	info->pe_offset = off;
	info->pe_machine = get_unaligned_le16(b + off +
					      offsetof(struct pe_hdr, machine));
}

/* The formats kexec_image_probe() tries, in its order, as its reason names them. */
static const char probe_formats[] =
#ifdef CONFIG_KEXEC_IMAGE_UKI
	"UKI, "
#endif
	"EFI zboot"
#ifdef CONFIG_KEXEC_IMAGE_ARM64
	", arm64 Image"
#endif
#ifdef CONFIG_KEXEC_IMAGE_RISCV
	", riscv Image"
#endif
#ifdef CONFIG_KEXEC_IMAGE_BZIMAGE
	", x86 bzImage"
#endif
#ifdef CONFIG_KEXEC_IMAGE_ELF
	", ELF"
#endif
#ifdef CONFIG_KEXEC_IMAGE_ZIMAGE
	", arm zImage"
#endif
	" or gzip";

/**
 * kexec_image_probe() - recognise and describe any supported image
 * @buf: the file's contents
 * @len: bytes in @buf
 * @info: filled by the first parser that recognises @buf
 *
 * Formats are tried in a fixed order: UKI, EFI zboot, arm64 Image, riscv
 * Image, x86 bzImage, ELF, arm zImage, gzip, the UKI and the five after
 * zboot only where this kernel builds their parsers. The two PE wrappers go
 * first because their "MZ" also starts EFI-stub Images and bzImages (a UKI is
 * told by its sections, a zboot image by "zimg"); gzip last because its
 * two-byte magic is the weakest. The first parser that does not return
 * -ENOEXEC decides.
 *
 * Return: 0, -ENOEXEC if no format matches, or the deciding parser's error.
 */
int kexec_image_probe(const void *buf, size_t len,
		      struct kexec_image_info *info)
{
	static int (* const parsers[])(const void *, size_t,
				       struct kexec_image_info *) = {
#ifdef CONFIG_KEXEC_IMAGE_UKI
		kexec_image_parse_uki,
#endif
		kexec_image_parse_zboot,
#ifdef CONFIG_KEXEC_IMAGE_ARM64
		kexec_image_parse_arm64,
#endif
#ifdef CONFIG_KEXEC_IMAGE_RISCV
		kexec_image_parse_riscv,
#endif
#ifdef CONFIG_KEXEC_IMAGE_BZIMAGE
		kexec_image_parse_bzimage,
#endif
#ifdef CONFIG_KEXEC_IMAGE_ELF
		kexec_image_parse_elf,
#endif
#ifdef CONFIG_KEXEC_IMAGE_ZIMAGE
		kexec_image_parse_zimage,
#endif
		kexec_image_parse_gzip,
	};
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(parsers); i++) {
		ret = parsers[i](buf, len, info);
		if (ret != -ENOEXEC)
			return ret;
	}
	kexec_image_start(info);
	return kexec_image_reject(info, -ENOEXEC, "no %s signature",
				  probe_formats);
}
EXPORT_SYMBOL_IF_KUNIT(kexec_image_probe);

/**
 * kexec_image_format_name() - short name of a format, as the tools print it
 * @format: the format
 *
 * Return: "arm64-image", "riscv-image", "x86-bzimage", "arm-zimage",
 * "efi-zboot", "gzip", "uki", "elf" or "unknown".
 */
const char *kexec_image_format_name(enum kexec_image_format format)
{
	switch (format) {
	case KEXEC_IMAGE_FMT_ARM64:
		return "arm64-image";
	case KEXEC_IMAGE_FMT_RISCV:
		return "riscv-image";
	case KEXEC_IMAGE_FMT_BZIMAGE:
		return "x86-bzimage";
	case KEXEC_IMAGE_FMT_ZIMAGE:
		return "arm-zimage";
	case KEXEC_IMAGE_FMT_EFI_ZBOOT:
		return "efi-zboot";
	case KEXEC_IMAGE_FMT_GZIP:
		return "gzip";
	case KEXEC_IMAGE_FMT_UKI:
		return "uki";
	case KEXEC_IMAGE_FMT_ELF:
		return "elf";
	default:
		return "unknown";
	}
}
EXPORT_SYMBOL_IF_KUNIT(kexec_image_format_name);
