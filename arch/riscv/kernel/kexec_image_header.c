// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_file_load(2) image formats: the riscv Image header.
 *
 * Reads struct riscv_image_header (asm/image.h), which
 * Documentation/arch/riscv/boot-image-header.rst defines; the loader
 * beside it judges what it describes against this machine.
 *
 * Like every image-format parser it allocates nothing, keeps no state and
 * trusts no field, and it compiles unchanged in the host harness under
 * tools/testing/kexec_image, which provides asm/image.h as riscv declares
 * it. It lives here rather than beside the other parsers in kernel/
 * because the struct is riscv's own: its KUnit cases run on riscv.
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

#define RISCV_HEADER_LEN	sizeof(struct riscv_image_header)
#define RISCV_MAGIC_OFFSET	offsetof(struct riscv_image_header, magic)
#define RISCV_MAGIC2_OFFSET	offsetof(struct riscv_image_header, magic2)
/* The header version that brought magic2 and deprecated magic: 0.2. */
#define RISCV_MAGIC2_VERSION	2U

/* Whether @len bytes of @b hold @magic, @size bytes of it, at @off. */
static bool riscv_has(const u8 *b, size_t len, size_t off, const char *magic,
		      size_t size)
{
	return len >= off + size && !memcmp(b + off, magic, size);
}

/*
 * The version says which magic the Image carries: "RISCV\0\0\0" up to 0.1,
 * "RSC\x05" from 0.2 on, where the old one is deprecated and may go. A
 * magic the version disowns, or a version whose magic is missing, is a
 * header nobody wrote. A major version other than 0 is a layout this
 * parser cannot read, not a malformed one.
 */
static int riscv_check_version(struct kexec_image_info *info)
{
	const struct kexec_image_riscv *rv = &info->riscv;
	unsigned int major = rv->version_major, minor = rv->version_minor;

	if (major)
		return kexec_image_reject(info, -EOPNOTSUPP,
					  "header version %u.%u: this kernel reads major version 0 only",
					  major, minor);
	if (minor >= RISCV_MAGIC2_VERSION && !rv->has_magic2)
		return kexec_image_reject(info, -EINVAL,
					  "header version 0.%u lacks the RSC\\x05 magic2 at 0x%zx that 0.2 requires",
					  minor, RISCV_MAGIC2_OFFSET);
	if (minor < RISCV_MAGIC2_VERSION && !rv->has_magic)
		return kexec_image_reject(info, -EINVAL,
					  "header version 0.%u has RSC\\x05 but lacks the RISCV magic at 0x%zx that 0.%u requires",
					  minor, RISCV_MAGIC_OFFSET, minor);
	return 0;
}

/*
 * text_offset is where a boot loader puts the Image above the start of
 * DRAM (2 MiB on rv64, clear of the M-mode firmware; 0 for an M-mode
 * kernel), and image_size its footprint from there, bss included. The
 * kernel must start on a 2 MiB boundary (setup_vm() BUGs otherwise), so
 * text_offset must keep an aligned base aligned.
 *
 * Works on unsigned long long copies: u64 is unsigned long on some hosts,
 * and the reasons must print the same in the kernel and in the tools.
 */
static int riscv_check_layout(struct kexec_image_info *info)
{
	unsigned long long text = info->text_offset, size = info->image_size;
	unsigned long long end;

	if (!size)
		return kexec_image_reject(info, -EINVAL,
					  "image_size 0: the Image does not state its memory footprint");
	if (size < RISCV_HEADER_LEN)
		return kexec_image_reject(info, -EINVAL,
					  "image_size 0x%llx is smaller than the 0x%zx-byte header",
					  size, RISCV_HEADER_LEN);
	if (size > KEXEC_IMAGE_MAX_SIZE)
		return kexec_image_reject(info, -EINVAL,
					  "image_size 0x%llx exceeds the 0x%llx cap",
					  size, KEXEC_IMAGE_MAX_SIZE);
	if (text & (KEXEC_IMAGE_RISCV_ALIGN - 1))
		return kexec_image_reject(info, -EINVAL,
					  "text_offset 0x%llx is not a multiple of the 2 MiB kernel alignment",
					  text);
	if (check_add_overflow(text, size, &end))
		return kexec_image_reject(info, -EINVAL,
					  "text_offset 0x%llx + image_size 0x%llx overflows",
					  text, size);
	if (end > KEXEC_IMAGE_MAX_SIZE)
		return kexec_image_reject(info, -EINVAL,
					  "text_offset 0x%llx + image_size 0x%llx exceeds the 0x%llx cap",
					  text, size, KEXEC_IMAGE_MAX_SIZE);
	return 0;
}

/*
 * Every riscv kernel is little-endian (asm/image.h has no big-endian
 * header), so a big-endian Image is well formed but runs on no riscv
 * kernel's machine. The other flag bits are reserved: kept in @info->flags
 * for the loader, as refusing them would refuse future kernels.
 */
static int riscv_check_flags(struct kexec_image_info *info)
{
	u64 be = (info->flags >> RISCV_IMAGE_FLAG_BE_SHIFT) &
		 RISCV_IMAGE_FLAG_BE_MASK;

	if (be != RISCV_IMAGE_FLAG_BE)
		return 0;
	info->endian = KEXEC_IMAGE_BE;
	return kexec_image_reject(info, -EOPNOTSUPP,
				  "flags 0x%llx: a big-endian Image, and riscv kernels are little-endian only",
				  (unsigned long long)info->flags);
}

/*
 * The header's fields into @info. They are little-endian, though the
 * struct declares them as plain integers.
 */
static void riscv_read_header(const struct riscv_image_header *hdr,
			      struct kexec_image_info *info)
{
	u32 version = le32_to_cpu((__force __le32)hdr->version);

	info->riscv.version_major = version >> 16;
	info->riscv.version_minor = version & 0xffff;
	info->text_offset = le64_to_cpu((__force __le64)hdr->text_offset);
	info->has_text_offset = true;
	info->image_size = le64_to_cpu((__force __le64)hdr->image_size);
	info->flags = le64_to_cpu((__force __le64)hdr->flags);
	info->load_align = KEXEC_IMAGE_RISCV_ALIGN;
}

/**
 * kexec_image_parse_riscv() - describe a riscv Image
 * @buf: the file's contents
 * @len: bytes in @buf
 * @info: filled with the header's fields, or the reason for rejection
 *
 * The Image is told by either of its magics: "RISCV\0\0\0" at 0x30 (header
 * versions up to 0.1, deprecated since) or "RSC\x05" at 0x38 (0.2 on),
 * and must carry the one its version requires. All header fields are
 * little-endian. An EFI-stub Image is also a PE file: its PE header is
 * recorded for the signature check.
 *
 * Return: 0, -ENOEXEC without either magic, -EINVAL if malformed,
 * -EOPNOTSUPP for a big-endian Image or a header major version above 0.
 */
int kexec_image_parse_riscv(const void *buf, size_t len,
			    struct kexec_image_info *info)
{
	struct kexec_image_riscv *rv = &info->riscv;
	struct riscv_image_header hdr;
	int ret;

	kexec_image_start(info);
	rv->has_magic = riscv_has(buf, len, RISCV_MAGIC_OFFSET,
				  RISCV_IMAGE_MAGIC, sizeof(hdr.magic));
	rv->has_magic2 = riscv_has(buf, len, RISCV_MAGIC2_OFFSET,
				   RISCV_IMAGE_MAGIC2, sizeof(hdr.magic2));
	if (!rv->has_magic && !rv->has_magic2)
		return kexec_image_reject(info, -ENOEXEC,
					  "no RISCV magic at 0x%zx nor RSC\\x05 at 0x%zx",
					  RISCV_MAGIC_OFFSET, RISCV_MAGIC2_OFFSET);
	info->format = KEXEC_IMAGE_FMT_RISCV;
	if (len < RISCV_HEADER_LEN)
		return kexec_image_reject(info, -EINVAL,
					  "file of 0x%zx bytes truncates the 0x%zx-byte header",
					  len, RISCV_HEADER_LEN);

	/* A copy: @buf need not be aligned for the struct. */
	memcpy(&hdr, buf, sizeof(hdr));
	riscv_read_header(&hdr, info);
	ret = riscv_check_version(info);
	if (!ret)
		ret = riscv_check_layout(info);
	if (!ret)
		ret = riscv_check_flags(info);
	if (ret)
		return ret;
	kexec_image_find_pe(buf, len, info);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(kexec_image_parse_riscv);
