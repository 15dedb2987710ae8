// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_file_load(2) image formats: the x86 bzImage setup header.
 *
 * Documentation/arch/x86/boot.rst defines the setup header; the x86_64
 * loader (arch/x86/kernel/kexec-bzimage64.c) places what it describes.
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
#include <linux/log2.h>
#include <linux/overflow.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include <asm/bootparam.h>

#include "kexec_image_internal.h"

/*
 * The setup header as struct setup_header (asm/bootparam.h, x86's UAPI)
 * lays it out, at its place in struct boot_params, which is also its
 * place in the file (Documentation/arch/x86/boot.rst). The header is
 * built by every x86 kernel, UML on x86 included, and by the host harness
 * from the same UAPI header. Fields are read with get_unaligned_le*():
 * the boot protocol is little-endian whatever the reader's byte order.
 */
#define X86_HDR			offsetof(struct boot_params, hdr)
#define X86_AT(field)		(X86_HDR + offsetof(struct setup_header, field))
#define X86_END(field)		(X86_HDR + offsetofend(struct setup_header, field))
#define X86_BOOT_FLAG_MAGIC	0xaa55
#define X86_HDRS_MAGIC		0x53726448	/* "HdrS" */
#define X86_SHORT_JUMP		0xeb
/* The short jump's target: the first byte after the setup header. */
#define X86_JUMP_FROM		(X86_AT(jump) + 2)
#define X86_SECTOR		512
#define X86_DEFAULT_SECTS	4
#define X86_HANDOVER_64_SKIP	0x200
#define X86_KINFO_MAGIC		0x506f544c	/* "LToP" */
#define X86_KINFO_HEADER_LEN	12

/* End of the last setup-header field defined at each protocol version. */
static u32 x86_fields_end(u16 protocol)
{
	static const struct { u16 version; u16 end; } ends[] = {
		{ 0x020f, X86_END(kernel_info_offset) },
		{ 0x020b, X86_END(handover_offset) },
		{ 0x020a, X86_END(init_size) },
		{ 0x0209, X86_END(setup_data) },
		{ 0x0208, X86_END(payload_length) },
		{ 0x0207, X86_END(hardware_subarch_data) },
		{ 0x0206, X86_END(cmdline_size) },
		{ 0x0205, X86_END(relocatable_kernel) },
		{ 0x0203, X86_END(initrd_addr_max) },
		{ 0x0202, X86_END(cmd_line_ptr) },
		{ 0x0201, X86_END(heap_end_ptr) },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ends); i++)
		if (protocol >= ends[i].version)
			return ends[i].end;
	return X86_END(bootsect_kludge);
}

static int x86_check_header_extent(const u8 *b, size_t len,
				   struct kexec_image_x86 *x86,
				   struct kexec_image_info *info)
{
	u32 need = x86_fields_end(x86->protocol);

	if (b[X86_AT(jump)] != X86_SHORT_JUMP)
		return kexec_image_reject(info, -EINVAL,
					  "byte 0x%02x at 0x200 is not a short jump (0xeb) over the setup header",
					  b[X86_AT(jump)]);
	x86->header_end = X86_JUMP_FROM + b[X86_AT(jump) + 1];
	if (x86->header_end > len)
		return kexec_image_reject(info, -EINVAL,
					  "setup header ends at 0x%x, beyond the file's 0x%zx bytes",
					  x86->header_end, len);
	if (x86->header_end < need)
		return kexec_image_reject(info, -EINVAL,
					  "setup header ends at 0x%x but protocol %u.%02u needs it to reach 0x%x",
					  x86->header_end, x86->protocol >> 8,
					  x86->protocol & 0xff, need);
	return 0;
}

/*
 * Reads the fields that exist at the image's protocol version, only, from
 * a copy of the setup header as far as the file has it: the rest of the
 * copy stays 0.
 */
static void x86_read_fields(const u8 *b, struct kexec_image_x86 *x86)
{
	size_t end = min_t(size_t, x86->header_end,
			   X86_HDR + sizeof(struct setup_header));
	struct setup_header hdr = {};
	u16 v = x86->protocol;

	memcpy(&hdr, b + X86_HDR, end - X86_HDR);
	x86->setup_sects = hdr.setup_sects;
	x86->loadflags = hdr.loadflags;
	if (v >= 0x0203)
		x86->initrd_addr_max = get_unaligned_le32(&hdr.initrd_addr_max);
	if (v >= 0x0204)
		x86->syssize = get_unaligned_le32(&hdr.syssize);
	if (v >= 0x0205) {
		x86->kernel_alignment = get_unaligned_le32(&hdr.kernel_alignment);
		x86->relocatable = hdr.relocatable_kernel;
	}
	if (v >= 0x0206)
		x86->cmdline_size = get_unaligned_le32(&hdr.cmdline_size);
	if (v >= 0x0208) {
		x86->payload_offset = get_unaligned_le32(&hdr.payload_offset);
		x86->payload_length = get_unaligned_le32(&hdr.payload_length);
	}
	if (v >= 0x020a) {
		x86->min_alignment = hdr.min_alignment;
		x86->pref_address = get_unaligned_le64(&hdr.pref_address);
		x86->init_size = get_unaligned_le32(&hdr.init_size);
	}
	if (v >= 0x020b)
		x86->handover_offset = get_unaligned_le32(&hdr.handover_offset);
	if (v >= 0x020c)
		x86->xloadflags = get_unaligned_le16(&hdr.xloadflags);
	if (v >= 0x020f)
		x86->kernel_info_offset =
			get_unaligned_le32(&hdr.kernel_info_offset);
}

static int x86_check_setup_size(size_t len, struct kexec_image_x86 *x86,
				struct kexec_image_info *info)
{
	u32 sects = x86->setup_sects ? x86->setup_sects : X86_DEFAULT_SECTS;
	u64 code;

	x86->setup_size = (sects + 1) * X86_SECTOR;
	if (x86->setup_size >= len)
		return kexec_image_reject(info, -EINVAL,
					  "setup_sects %u puts the protected-mode code at 0x%x, not inside the file's 0x%zx bytes",
					  x86->setup_sects, x86->setup_size, len);
	code = (u64)x86->syssize * 16;
	if (code > len - x86->setup_size)
		return kexec_image_reject(info, -EINVAL,
					  "syssize 0x%x (0x%llx bytes) exceeds the 0x%zx bytes after the setup code",
					  x86->syssize, (unsigned long long)code,
					  len - x86->setup_size);
	return 0;
}

static int x86_check_alignment(struct kexec_image_x86 *x86,
			       struct kexec_image_info *info)
{
	u16 v = x86->protocol;

	if (v < 0x0205)
		return 0;
	if (!is_power_of_2(x86->kernel_alignment) ||
	    x86->kernel_alignment > KEXEC_IMAGE_MAX_SIZE)
		return kexec_image_reject(info, -EINVAL,
					  "kernel_alignment 0x%x is not a power of two up to 1 GiB",
					  x86->kernel_alignment);
	if (v < 0x020a)
		return 0;
	if (x86->min_alignment >= 32 ||
	    BIT_ULL(x86->min_alignment) > x86->kernel_alignment)
		return kexec_image_reject(info, -EINVAL,
					  "min_alignment 2^%u exceeds kernel_alignment 0x%x",
					  x86->min_alignment, x86->kernel_alignment);
	if (x86->pref_address & (BIT_ULL(x86->min_alignment) - 1))
		return kexec_image_reject(info, -EINVAL,
					  "pref_address 0x%llx is not aligned to min_alignment 2^%u",
					  (unsigned long long)x86->pref_address,
					  x86->min_alignment);
	return 0;
}

static int x86_check_payload(size_t code_len, struct kexec_image_x86 *x86,
			     struct kexec_image_info *info)
{
	u32 end;

	if (x86->protocol < 0x0208)
		return 0;
	if (!x86->payload_length)
		return kexec_image_reject(info, -EINVAL, "payload_length is 0");
	if (check_add_overflow(x86->payload_offset, x86->payload_length, &end))
		return kexec_image_reject(info, -EINVAL,
					  "payload_offset 0x%x + payload_length 0x%x overflows",
					  x86->payload_offset, x86->payload_length);
	if (end > code_len)
		return kexec_image_reject(info, -EINVAL,
					  "payload 0x%x+0x%x ends beyond the 0x%zx bytes of protected-mode code",
					  x86->payload_offset, x86->payload_length, code_len);
	return 0;
}

static int x86_check_sizes(struct kexec_image_x86 *x86,
			   struct kexec_image_info *info)
{
	u64 end;

	if (x86->protocol < 0x020a)
		return 0;
	if (!x86->init_size || x86->init_size > KEXEC_IMAGE_MAX_SIZE)
		return kexec_image_reject(info, -EINVAL,
					  "init_size 0x%x is not between 1 and the 1 GiB cap",
					  x86->init_size);
	if (check_add_overflow(x86->pref_address, (u64)x86->init_size, &end))
		return kexec_image_reject(info, -EINVAL,
					  "pref_address 0x%llx + init_size 0x%x overflows",
					  (unsigned long long)x86->pref_address, x86->init_size);
	return 0;
}

static int x86_check_handover(size_t code_len, struct kexec_image_x86 *x86,
			      struct kexec_image_info *info)
{
	u64 entry = x86->handover_offset;

	if (x86->xloadflags & XLF_EFI_HANDOVER_64)
		entry += X86_HANDOVER_64_SKIP;
	if (!(x86->xloadflags & (XLF_EFI_HANDOVER_32 | XLF_EFI_HANDOVER_64)))
		return 0;
	if (entry >= code_len)
		return kexec_image_reject(info, -EINVAL,
					  "handover_offset 0x%x points beyond the 0x%zx bytes of protected-mode code",
					  x86->handover_offset, code_len);
	return 0;
}

/* kernel_info (2.15+) starts with "LToP", its header size and total size. */
static int x86_check_kernel_info(const u8 *code, size_t code_len,
				 struct kexec_image_x86 *x86,
				 struct kexec_image_info *info)
{
	size_t off = x86->kernel_info_offset;
	u32 total;

	if (x86->protocol < 0x020f)
		return 0;
	if (!fits(code_len, off, X86_KINFO_HEADER_LEN))
		return kexec_image_reject(info, -EINVAL,
					  "kernel_info_offset 0x%x lies beyond the 0x%zx bytes of protected-mode code",
					  x86->kernel_info_offset, code_len);
	if (get_unaligned_le32(code + off) != X86_KINFO_MAGIC)
		return kexec_image_reject(info, -EINVAL,
					  "kernel_info_offset 0x%x does not point at the LToP magic",
					  x86->kernel_info_offset);
	total = get_unaligned_le32(code + off + 8);
	if (total < X86_KINFO_HEADER_LEN || !fits(code_len, off, total))
		return kexec_image_reject(info, -EINVAL,
					  "kernel_info size_total 0x%x does not fit in the protected-mode code",
					  total);
	return 0;
}

static void x86_describe(struct kexec_image_info *info)
{
	info->endian = KEXEC_IMAGE_LE;
	info->load_align = info->x86.kernel_alignment;
	info->image_size = info->x86.init_size;
}

/**
 * kexec_image_parse_bzimage() - describe an x86 bzImage's setup header
 * @buf: the file's contents
 * @len: bytes in @buf
 * @info: filled with the setup header, or the reason for rejection
 *
 * Only fields defined at the image's boot protocol version are read; the
 * rest stay 0. Checks that the setup header, the protected-mode code, the
 * payload, the EFI handover entry and kernel_info all lie inside the file.
 *
 * Return: 0, -ENOEXEC without the 0xaa55 boot flag and "HdrS", -EINVAL if
 * malformed.
 */
int kexec_image_parse_bzimage(const void *buf, size_t len,
			      struct kexec_image_info *info)
{
	struct kexec_image_x86 *x86 = &info->x86;
	const u8 *b = buf;
	size_t code_len;
	int ret;

	kexec_image_start(info);
	if (!fits(len, X86_AT(header), 4) ||
	    get_unaligned_le16(b + X86_AT(boot_flag)) != X86_BOOT_FLAG_MAGIC ||
	    get_unaligned_le32(b + X86_AT(header)) != X86_HDRS_MAGIC)
		return kexec_image_reject(info, -ENOEXEC,
					  "no 0xaa55 boot flag at 0x1fe and HdrS at 0x202");
	info->format = KEXEC_IMAGE_FMT_BZIMAGE;
	if (!fits(len, X86_AT(version), 2))
		return kexec_image_reject(info, -EINVAL,
					  "file of 0x%zx bytes truncates the protocol version at 0x206",
					  len);
	x86->protocol = get_unaligned_le16(b + X86_AT(version));
	if (x86->protocol >> 8 != 2)
		return kexec_image_reject(info, -EINVAL,
					  "boot protocol 0x%04x is not a 2.xx version",
					  x86->protocol);
	ret = x86_check_header_extent(b, len, x86, info);
	if (ret)
		return ret;
	x86_read_fields(b, x86);
	ret = x86_check_setup_size(len, x86, info);
	if (!ret)
		ret = x86_check_alignment(x86, info);
	if (ret)
		return ret;
	code_len = len - x86->setup_size;
	ret = x86_check_payload(code_len, x86, info);
	if (!ret)
		ret = x86_check_sizes(x86, info);
	if (!ret)
		ret = x86_check_handover(code_len, x86, info);
	if (!ret)
		ret = x86_check_kernel_info(b + x86->setup_size, code_len, x86,
					    info);
	if (ret)
		return ret;
	x86_describe(info);
	kexec_image_find_pe(b, len, info);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(kexec_image_parse_bzimage);
