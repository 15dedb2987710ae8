// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel image formats accepted by kexec_file_load(2).
 *
 * Pure parsers for the arm64 Image, the x86 bzImage setup header, the arm
 * zImage header and extension table, EFI zboot, gzip members and ELF notes.
 * They fill one format-neutral struct kexec_image_info so that the arch
 * loaders hold machine knowledge only, and they compile unchanged in the
 * kernel and in the host harness under tools/testing/kexec_image, where
 * they are unit-tested and fuzzed under ASan and UBSan.
 *
 * Nothing here allocates, keeps state or trusts a field: each offset and
 * length is checked against the buffer before it is read, each sum goes
 * through check_add_overflow() and each size is capped.
 */

#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/kexec_image.h>
#include <linux/log2.h>
#include <linux/overflow.h>
#include <linux/string.h>
#include <linux/unaligned.h>

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

/* PE/COFF: "MZ" at 0, offset of "PE\0\0" at 0x3c. */
#define PE_OFFSET_OFF		0x3c
#define PE_MIN_OFFSET		0x40

/* x86 setup header (Documentation/arch/x86/boot.rst). */
#define X86_SETUP_SECTS		0x1f1
#define X86_SYSSIZE		0x1f4
#define X86_BOOT_FLAG		0x1fe
#define X86_JUMP		0x200
#define X86_HEADER		0x202
#define X86_VERSION		0x206
#define X86_LOADFLAGS		0x211
#define X86_INITRD_ADDR_MAX	0x22c
#define X86_KERNEL_ALIGNMENT	0x230
#define X86_RELOCATABLE		0x234
#define X86_MIN_ALIGNMENT	0x235
#define X86_XLOADFLAGS		0x236
#define X86_CMDLINE_SIZE	0x238
#define X86_PAYLOAD_OFFSET	0x248
#define X86_PAYLOAD_LENGTH	0x24c
#define X86_PREF_ADDRESS	0x258
#define X86_INIT_SIZE		0x260
#define X86_HANDOVER_OFFSET	0x264
#define X86_KERNEL_INFO_OFFSET	0x268
#define X86_BOOT_FLAG_MAGIC	0xaa55
#define X86_HDRS_MAGIC		0x53726448	/* "HdrS" */
#define X86_SHORT_JUMP		0xeb
#define X86_SECTOR		512
#define X86_DEFAULT_SECTS	4
#define X86_XLF_HANDOVER_32	BIT(2)
#define X86_XLF_HANDOVER_64	BIT(3)
#define X86_HANDOVER_64_SKIP	0x200
#define X86_KINFO_MAGIC		0x506f544c	/* "LToP" */
#define X86_KINFO_HEADER_LEN	12

/* arm zImage header (arch/arm/boot/compressed/head.S). */
#define ZIMAGE_MAGIC_OFF	0x24
#define ZIMAGE_START		0x28
#define ZIMAGE_END		0x2c
#define ZIMAGE_ENDIAN_FLAG	0x30
#define ZIMAGE_MAGIC2_OFF	0x34
#define ZIMAGE_TABLE_OFF	0x38
#define ZIMAGE_HEADER_LEN	0x3c
#define ZIMAGE_MAGIC		0x016f2818
#define ZIMAGE_MAGIC2		0x45454545
#define ZIMAGE_FLAG_LE		0x04030201
#define ZIMAGE_FLAG_BE		0x01020304
#define ZIMAGE_TAG_HEADER_WORDS	2
#define ZIMAGE_KLSZ_MIN_WORDS	4
#define ZIMAGE_KLSZ_FULL_WORDS	6
#define ZIMAGE_NOTE_WORDS	4

/* EFI zboot header (drivers/firmware/efi/libstub/zboot-header.S). */
#define ZBOOT_TYPE_OFF		0x04
#define ZBOOT_PAYLOAD_OFF	0x08
#define ZBOOT_PAYLOAD_SIZE	0x0c
#define ZBOOT_COMP_TYPE		0x18
#define ZBOOT_HEADER_LEN	0x40
#define ZBOOT_SIZE_WORD		4

/* gzip member header and trailer (RFC 1952). */
#define GZIP_HEADER_LEN		10
#define GZIP_TRAILER_LEN	8
#define GZIP_MIN_DEFLATE	2	/* one empty final stored block */
#define GZIP_CM_DEFLATE		8
#define GZIP_FHCRC		BIT(1)
#define GZIP_FEXTRA		BIT(2)
#define GZIP_FNAME		BIT(3)
#define GZIP_FCOMMENT		BIT(4)
#define GZIP_FRESERVED		0xe0

#define NOTE_HEADER_LEN		12

/* True when [off, off + n) lies inside a buffer of @len bytes. */
static bool fits(size_t len, size_t off, size_t n)
{
	return off <= len && n <= len - off;
}

static __printf(3, 4)
int reject(struct kexec_image_info *info, int err, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	vsnprintf(info->reason, sizeof(info->reason), fmt, args);
	va_end(args);
	info->error = err;
	return err;
}

static void start_info(struct kexec_image_info *info)
{
	memset(info, 0, sizeof(*info));
}

/* Records a PE header reachable from 0x3c; its absence is not an error. */
static void find_pe_header(const u8 *b, size_t len,
			   struct kexec_image_info *info)
{
	u32 off;

	if (len < PE_MIN_OFFSET || b[0] != 'M' || b[1] != 'Z')
		return;
	off = get_unaligned_le32(b + PE_OFFSET_OFF);
	if (off < PE_MIN_OFFSET || !fits(len, off, 6) ||
	    memcmp(b + off, "PE\0\0", 4))
		return;
	info->has_pe = true;
	info->pe_offset = off;
	info->pe_machine = get_unaligned_le16(b + off + 4);
}

/* ---- arm64 Image ---- */

/*
 * Works on unsigned long long copies: u64 is unsigned long on some hosts,
 * and the reasons must print the same in the kernel and in the tools.
 */
static int arm64_check_layout(struct kexec_image_info *info)
{
	unsigned long long text = info->text_offset, size = info->image_size;
	unsigned long long end;

	if (!size)
		return reject(info, -EINVAL,
			      "image_size 0: a pre-3.17 Image does not state its memory footprint");
	if (check_add_overflow(text, size, &end))
		return reject(info, -EINVAL,
			      "text_offset 0x%llx + image_size 0x%llx overflows",
			      text, size);
	if (size < ARM64_HEADER_LEN)
		return reject(info, -EINVAL,
			      "image_size 0x%llx is smaller than the 0x%x-byte header",
			      size, ARM64_HEADER_LEN);
	if (size > KEXEC_IMAGE_MAX_SIZE)
		return reject(info, -EINVAL,
			      "image_size 0x%llx exceeds the 0x%llx cap",
			      size, KEXEC_IMAGE_MAX_SIZE);
	if (text > size)
		return reject(info, -EINVAL,
			      "text_offset 0x%llx lies beyond image_size 0x%llx",
			      text, size);
	if (text >= KEXEC_IMAGE_ARM64_ALIGN)
		return reject(info, -EINVAL,
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

	start_info(info);
	if (!fits(len, ARM64_MAGIC_OFF, 4) ||
	    get_unaligned_le32(b + ARM64_MAGIC_OFF) != ARM64_MAGIC)
		return reject(info, -ENOEXEC, "no ARM\\x64 magic at 0x38");
	info->format = KEXEC_IMAGE_FMT_ARM64;
	if (len < ARM64_HEADER_LEN)
		return reject(info, -EINVAL,
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
	find_pe_header(b, len, info);
	return 0;
}
EXPORT_SYMBOL_GPL(kexec_image_parse_arm64);

/* ---- x86 bzImage ---- */

/* End of the last setup-header field defined at each protocol version. */
static u32 x86_fields_end(u16 protocol)
{
	static const struct { u16 version; u16 end; } ends[] = {
		{ 0x020f, 0x26c }, { 0x020b, 0x268 }, { 0x020a, 0x264 },
		{ 0x0209, 0x258 }, { 0x0208, 0x250 }, { 0x0207, 0x248 },
		{ 0x0206, 0x23c }, { 0x0205, 0x235 }, { 0x0203, 0x230 },
		{ 0x0202, 0x22c }, { 0x0201, 0x226 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ends); i++)
		if (protocol >= ends[i].version)
			return ends[i].end;
	return 0x224;
}

static int x86_check_header_extent(const u8 *b, size_t len,
				   struct kexec_image_x86 *x86,
				   struct kexec_image_info *info)
{
	u32 need = x86_fields_end(x86->protocol);

	if (b[X86_JUMP] != X86_SHORT_JUMP)
		return reject(info, -EINVAL,
			      "byte 0x%02x at 0x200 is not a short jump (0xeb) over the setup header",
			      b[X86_JUMP]);
	x86->header_end = X86_HEADER + b[X86_JUMP + 1];
	if (x86->header_end > len)
		return reject(info, -EINVAL,
			      "setup header ends at 0x%x, beyond the file's 0x%zx bytes",
			      x86->header_end, len);
	if (x86->header_end < need)
		return reject(info, -EINVAL,
			      "setup header ends at 0x%x but protocol %u.%02u needs it to reach 0x%x",
			      x86->header_end, x86->protocol >> 8,
			      x86->protocol & 0xff, need);
	return 0;
}

/* Reads the fields that exist at the image's protocol version, only. */
static void x86_read_fields(const u8 *b, struct kexec_image_x86 *x86)
{
	u16 v = x86->protocol;

	x86->setup_sects = b[X86_SETUP_SECTS];
	x86->loadflags = b[X86_LOADFLAGS];
	if (v >= 0x0203)
		x86->initrd_addr_max = get_unaligned_le32(b + X86_INITRD_ADDR_MAX);
	if (v >= 0x0204)
		x86->syssize = get_unaligned_le32(b + X86_SYSSIZE);
	if (v >= 0x0205) {
		x86->kernel_alignment =
			get_unaligned_le32(b + X86_KERNEL_ALIGNMENT);
		x86->relocatable = b[X86_RELOCATABLE];
	}
	if (v >= 0x0206)
		x86->cmdline_size = get_unaligned_le32(b + X86_CMDLINE_SIZE);
	if (v >= 0x0208) {
		x86->payload_offset = get_unaligned_le32(b + X86_PAYLOAD_OFFSET);
		x86->payload_length = get_unaligned_le32(b + X86_PAYLOAD_LENGTH);
	}
	if (v >= 0x020a) {
		x86->min_alignment = b[X86_MIN_ALIGNMENT];
		x86->pref_address = get_unaligned_le64(b + X86_PREF_ADDRESS);
		x86->init_size = get_unaligned_le32(b + X86_INIT_SIZE);
	}
	if (v >= 0x020b)
		x86->handover_offset = get_unaligned_le32(b + X86_HANDOVER_OFFSET);
	if (v >= 0x020c)
		x86->xloadflags = get_unaligned_le16(b + X86_XLOADFLAGS);
	if (v >= 0x020f)
		x86->kernel_info_offset =
			get_unaligned_le32(b + X86_KERNEL_INFO_OFFSET);
}

static int x86_check_setup_size(size_t len, struct kexec_image_x86 *x86,
				struct kexec_image_info *info)
{
	u32 sects = x86->setup_sects ? x86->setup_sects : X86_DEFAULT_SECTS;
	u64 code;

	x86->setup_size = (sects + 1) * X86_SECTOR;
	if (x86->setup_size >= len)
		return reject(info, -EINVAL,
			      "setup_sects %u puts the protected-mode code at 0x%x, not inside the file's 0x%zx bytes",
			      x86->setup_sects, x86->setup_size, len);
	code = (u64)x86->syssize * 16;
	if (code > len - x86->setup_size)
		return reject(info, -EINVAL,
			      "syssize 0x%x (0x%llx bytes) exceeds the 0x%zx bytes after the setup code",
			      x86->syssize, (unsigned long long)code, len - x86->setup_size);
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
		return reject(info, -EINVAL,
			      "kernel_alignment 0x%x is not a power of two up to 1 GiB",
			      x86->kernel_alignment);
	if (v < 0x020a)
		return 0;
	if (x86->min_alignment >= 32 ||
	    BIT_ULL(x86->min_alignment) > x86->kernel_alignment)
		return reject(info, -EINVAL,
			      "min_alignment 2^%u exceeds kernel_alignment 0x%x",
			      x86->min_alignment, x86->kernel_alignment);
	if (x86->pref_address & (BIT_ULL(x86->min_alignment) - 1))
		return reject(info, -EINVAL,
			      "pref_address 0x%llx is not aligned to min_alignment 2^%u",
			      (unsigned long long)x86->pref_address, x86->min_alignment);
	return 0;
}

static int x86_check_payload(size_t code_len, struct kexec_image_x86 *x86,
			     struct kexec_image_info *info)
{
	u32 end;

	if (x86->protocol < 0x0208)
		return 0;
	if (!x86->payload_length)
		return reject(info, -EINVAL, "payload_length is 0");
	if (check_add_overflow(x86->payload_offset, x86->payload_length, &end))
		return reject(info, -EINVAL,
			      "payload_offset 0x%x + payload_length 0x%x overflows",
			      x86->payload_offset, x86->payload_length);
	if (end > code_len)
		return reject(info, -EINVAL,
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
		return reject(info, -EINVAL,
			      "init_size 0x%x is not between 1 and the 1 GiB cap",
			      x86->init_size);
	if (check_add_overflow(x86->pref_address, (u64)x86->init_size, &end))
		return reject(info, -EINVAL,
			      "pref_address 0x%llx + init_size 0x%x overflows",
			      (unsigned long long)x86->pref_address, x86->init_size);
	return 0;
}

static int x86_check_handover(size_t code_len, struct kexec_image_x86 *x86,
			      struct kexec_image_info *info)
{
	u64 entry = x86->handover_offset;

	if (x86->xloadflags & X86_XLF_HANDOVER_64)
		entry += X86_HANDOVER_64_SKIP;
	if (!(x86->xloadflags & (X86_XLF_HANDOVER_32 | X86_XLF_HANDOVER_64)))
		return 0;
	if (entry >= code_len)
		return reject(info, -EINVAL,
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
		return reject(info, -EINVAL,
			      "kernel_info_offset 0x%x lies beyond the 0x%zx bytes of protected-mode code",
			      x86->kernel_info_offset, code_len);
	if (get_unaligned_le32(code + off) != X86_KINFO_MAGIC)
		return reject(info, -EINVAL,
			      "kernel_info_offset 0x%x does not point at the LToP magic",
			      x86->kernel_info_offset);
	total = get_unaligned_le32(code + off + 8);
	if (total < X86_KINFO_HEADER_LEN || !fits(code_len, off, total))
		return reject(info, -EINVAL,
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

	start_info(info);
	if (!fits(len, X86_HEADER, 4) ||
	    get_unaligned_le16(b + X86_BOOT_FLAG) != X86_BOOT_FLAG_MAGIC ||
	    get_unaligned_le32(b + X86_HEADER) != X86_HDRS_MAGIC)
		return reject(info, -ENOEXEC,
			      "no 0xaa55 boot flag at 0x1fe and HdrS at 0x202");
	info->format = KEXEC_IMAGE_FMT_BZIMAGE;
	if (!fits(len, X86_VERSION, 2))
		return reject(info, -EINVAL,
			      "file of 0x%zx bytes truncates the protocol version at 0x206",
			      len);
	x86->protocol = get_unaligned_le16(b + X86_VERSION);
	if (x86->protocol >> 8 != 2)
		return reject(info, -EINVAL,
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
	find_pe_header(b, len, info);
	return 0;
}
EXPORT_SYMBOL_GPL(kexec_image_parse_bzimage);

/* ---- ELF notes ---- */

/**
 * kexec_note_iter_init() - start walking an area of ELF notes
 * @it: the iterator
 * @area: first byte of the area (4-byte aligned in its file)
 * @len: bytes in the area
 * @big_endian: whether the note headers are big-endian
 *
 * Elf32_Nhdr and Elf64_Nhdr share one 12-byte layout; name and descriptor
 * each start on a 4-byte boundary.
 */
void kexec_note_iter_init(struct kexec_note_iter *it, const void *area,
			  size_t len, bool big_endian)
{
	it->area = area;
	it->len = len;
	it->pos = 0;
	it->index = 0;
	it->big_endian = big_endian;
}
EXPORT_SYMBOL_GPL(kexec_note_iter_init);

static u32 note_word(const struct kexec_note_iter *it, const u8 *p)
{
	return it->big_endian ? get_unaligned_be32(p) : get_unaligned_le32(p);
}

/* @n rounded up to 4 bytes, or false if that does not fit in a size_t. */
static bool note_padded(u32 n, size_t *padded)
{
	if (check_add_overflow((size_t)n, (size_t)3, padded))
		return false;
	*padded &= ~(size_t)3;
	return true;
}

/**
 * kexec_note_next() - return the next note of the area
 * @it: the iterator, from kexec_note_iter_init()
 * @note: filled with the note; its pointers stay inside the area
 * @info: receives the reason when the area is malformed
 *
 * Return: 1 with a note, 0 at the end of the area, -EINVAL if the next
 * note does not fit in what is left of the area. After -EINVAL the
 * iterator stays where it was.
 */
int kexec_note_next(struct kexec_note_iter *it, struct kexec_note *note,
		    struct kexec_image_info *info)
{
	size_t left, name_len, desc_len, body;
	const u8 *p;

	if (it->pos >= it->len)
		return 0;
	left = it->len - it->pos;
	p = it->area + it->pos;
	if (left < NOTE_HEADER_LEN)
		return reject(info, -EINVAL,
			      "note %u at 0x%zx: %zu trailing bytes are too short for a note header",
			      it->index, it->pos, left);
	note->namesz = note_word(it, p);
	note->descsz = note_word(it, p + 4);
	note->type = note_word(it, p + 8);
	left -= NOTE_HEADER_LEN;
	if (!note_padded(note->namesz, &name_len) || name_len > left)
		return reject(info, -EINVAL,
			      "note %u at 0x%zx: namesz 0x%x runs past the area's end",
			      it->index, it->pos, note->namesz);
	if (!note_padded(note->descsz, &desc_len) ||
	    check_add_overflow(name_len, desc_len, &body) || body > left)
		return reject(info, -EINVAL,
			      "note %u at 0x%zx: descsz 0x%x runs past the area's end",
			      it->index, it->pos, note->descsz);
	note->name = (const char *)p + NOTE_HEADER_LEN;
	note->desc = p + NOTE_HEADER_LEN + name_len;
	note->offset = it->pos;
	it->pos += NOTE_HEADER_LEN + body;
	it->index++;
	return 1;
}
EXPORT_SYMBOL_GPL(kexec_note_next);

/**
 * kexec_notes_check() - validate a whole area of ELF notes
 * @area: first byte of the area
 * @len: bytes in the area
 * @big_endian: whether the note headers are big-endian
 * @info: receives the reason when the area is malformed
 *
 * Return: the number of notes, or -EINVAL.
 */
int kexec_notes_check(const void *area, size_t len, bool big_endian,
		      struct kexec_image_info *info)
{
	struct kexec_note_iter it;
	struct kexec_note note;
	int ret;

	kexec_note_iter_init(&it, area, len, big_endian);
	while ((ret = kexec_note_next(&it, &note, info)) > 0)
		;
	return ret < 0 ? ret : (int)it.index;
}
EXPORT_SYMBOL_GPL(kexec_notes_check);

/**
 * kexec_image_notes() - start walking the notes an accepted image carries
 * @buf: the buffer @info was parsed from
 * @len: bytes in @buf
 * @info: a descriptor filled by a successful parse of @buf
 * @it: the iterator to initialise
 *
 * Return: true if the image has a notes area (only zImages, so far).
 */
bool kexec_image_notes(const void *buf, size_t len,
		       const struct kexec_image_info *info,
		       struct kexec_note_iter *it)
{
	const struct kexec_image_zimage *z = &info->zimage;

	if (info->error || info->format != KEXEC_IMAGE_FMT_ZIMAGE ||
	    !z->has_notes || !fits(len, z->notes_offset, z->notes_size))
		return false;
	kexec_note_iter_init(it, (const u8 *)buf + z->notes_offset,
			     z->notes_size, info->endian == KEXEC_IMAGE_BE);
	return true;
}
EXPORT_SYMBOL_GPL(kexec_image_notes);

/* ---- arm zImage ---- */

/*
 * "KLSZ": offset of the little-endian decompressed size word, bss size,
 * and since v5.x TEXT_OFFSET and the decompressor's malloc size.
 */
static int zimage_size_tag(const u8 *b, size_t size, size_t at, u32 words,
			   struct kexec_image_info *info)
{
	struct kexec_image_zimage *z = &info->zimage;
	const u8 *w = b + at + 8;

	if (z->has_size_tag)
		return reject(info, -EINVAL,
			      "extension table: second KLSZ tag at 0x%zx", at);
	if (words < ZIMAGE_KLSZ_MIN_WORDS)
		return reject(info, -EINVAL,
			      "extension table: KLSZ tag at 0x%zx has %u words, needs %u",
			      at, words, ZIMAGE_KLSZ_MIN_WORDS);
	z->has_size_tag = true;
	z->size_ptr = get_unaligned_le32(w);
	z->bss_size = get_unaligned_le32(w + 4);
	if (!fits(size, z->size_ptr, 4))
		return reject(info, -EINVAL,
			      "KLSZ size word offset 0x%x lies beyond the zImage's 0x%zx bytes",
			      z->size_ptr, size);
	z->decompressed_size = get_unaligned_le32(b + z->size_ptr);
	if (!z->decompressed_size ||
	    z->decompressed_size > KEXEC_IMAGE_MAX_SIZE)
		return reject(info, -EINVAL,
			      "decompressed size 0x%x is not between 1 and the 1 GiB cap",
			      z->decompressed_size);
	if (z->bss_size > KEXEC_IMAGE_MAX_SIZE)
		return reject(info, -EINVAL,
			      "KLSZ bss size 0x%x exceeds the 1 GiB cap",
			      z->bss_size);
	if (words < ZIMAGE_KLSZ_FULL_WORDS)
		return 0;
	info->text_offset = get_unaligned_le32(w + 8);
	info->has_text_offset = true;
	z->has_text_offset = true;
	z->malloc_size = get_unaligned_le32(w + 12);
	if (info->text_offset >= KEXEC_IMAGE_ZIMAGE_MAX_TEXT_OFFSET)
		return reject(info, -EINVAL,
			      "KLSZ text_offset 0x%llx is not below the 128 MiB the decompressor masks",
			      (unsigned long long)info->text_offset);
	return 0;
}

/* "NOTE": offset and size of an area of ELF notes inside the zImage. */
static int zimage_notes_tag(const u8 *b, size_t size, size_t at, u32 words,
			    struct kexec_image_info *info)
{
	struct kexec_image_zimage *z = &info->zimage;
	const u8 *w = b + at + 8;
	int count;

	if (z->has_notes)
		return reject(info, -EINVAL,
			      "extension table: second NOTE tag at 0x%zx", at);
	if (words < ZIMAGE_NOTE_WORDS)
		return reject(info, -EINVAL,
			      "extension table: NOTE tag at 0x%zx has %u words, needs %u",
			      at, words, ZIMAGE_NOTE_WORDS);
	z->notes_offset = get_unaligned_le32(w);
	z->notes_size = get_unaligned_le32(w + 4);
	if (z->notes_offset % 4)
		return reject(info, -EINVAL,
			      "NOTE offset 0x%x is not 4-byte aligned",
			      z->notes_offset);
	if (z->notes_size > KEXEC_IMAGE_MAX_NOTES_SIZE)
		return reject(info, -EINVAL,
			      "NOTE size 0x%x exceeds the 0x%x cap",
			      z->notes_size, KEXEC_IMAGE_MAX_NOTES_SIZE);
	if (!fits(size, z->notes_offset, z->notes_size))
		return reject(info, -EINVAL,
			      "NOTE area 0x%x+0x%x lies beyond the zImage's 0x%zx bytes",
			      z->notes_offset, z->notes_size, size);
	count = kexec_notes_check(b + z->notes_offset, z->notes_size,
				  info->endian == KEXEC_IMAGE_BE, info);
	if (count < 0)
		return count;
	z->notes_count = count;
	z->has_notes = true;
	return 0;
}

static int zimage_walk_table(const u8 *b, size_t size,
			     struct kexec_image_info *info)
{
	size_t at = info->zimage.table_offset, bytes;
	unsigned int n;
	u32 words, tag;
	int ret;

	for (n = 0; n < KEXEC_IMAGE_ZIMAGE_MAX_TAGS; n++) {
		if (!fits(size, at, 4))
			return reject(info, -EINVAL,
				      "extension table runs past the zImage's 0x%zx bytes at 0x%zx",
				      size, at);
		words = get_unaligned_le32(b + at);
		if (!words)
			return 0;
		if (words < ZIMAGE_TAG_HEADER_WORDS || words > size / 4)
			return reject(info, -EINVAL,
				      "extension table entry at 0x%zx: size of %u words is not a tag",
				      at, words);
		bytes = (size_t)words * 4;
		if (!fits(size, at, bytes))
			return reject(info, -EINVAL,
				      "extension table entry at 0x%zx: %u words run past the zImage's end",
				      at, words);
		tag = get_unaligned_le32(b + at + 4);
		ret = 0;
		if (tag == KEXEC_ZIMAGE_TAG_KRNL_SIZE)
			ret = zimage_size_tag(b, size, at, words, info);
		else if (tag == KEXEC_ZIMAGE_TAG_NOTES)
			ret = zimage_notes_tag(b, size, at, words, info);
		if (ret)
			return ret;
		at += bytes;
	}
	return reject(info, -EINVAL,
		      "extension table has no terminator within %u entries",
		      KEXEC_IMAGE_ZIMAGE_MAX_TAGS);
}

static int zimage_check_extent(size_t len, struct kexec_image_info *info)
{
	struct kexec_image_zimage *z = &info->zimage;

	if (z->end <= z->start)
		return reject(info, -EINVAL,
			      "end 0x%08x is not above start 0x%08x",
			      z->end, z->start);
	if (z->end - z->start > len)
		return reject(info, -EINVAL,
			      "end - start = 0x%x exceeds the file's 0x%zx bytes",
			      z->end - z->start, len);
	if (z->end - z->start < ZIMAGE_HEADER_LEN)
		return reject(info, -EINVAL,
			      "end - start = 0x%x is smaller than the 0x%x-byte header",
			      z->end - z->start, ZIMAGE_HEADER_LEN);
	return 0;
}

/* The endianness word is stored in the kernel's byte order. */
static void zimage_read_endian(const u8 *b, size_t len,
			       struct kexec_image_info *info)
{
	u32 flag;

	if (!fits(len, ZIMAGE_ENDIAN_FLAG, 4))
		return;
	flag = get_unaligned_le32(b + ZIMAGE_ENDIAN_FLAG);
	if (flag == ZIMAGE_FLAG_LE || flag == ZIMAGE_FLAG_BE) {
		info->zimage.has_endian_flag = true;
		info->endian = flag == ZIMAGE_FLAG_BE ? KEXEC_IMAGE_BE :
							KEXEC_IMAGE_LE;
	}
}

static int zimage_find_table(const u8 *b, size_t size,
			     struct kexec_image_info *info)
{
	struct kexec_image_zimage *z = &info->zimage;

	if (!fits(size, ZIMAGE_MAGIC2_OFF, 8) ||
	    get_unaligned_le32(b + ZIMAGE_MAGIC2_OFF) != ZIMAGE_MAGIC2)
		return 0;
	z->has_table = true;
	z->table_offset = get_unaligned_le32(b + ZIMAGE_TABLE_OFF);
	if (z->table_offset < ZIMAGE_HEADER_LEN || z->table_offset % 4 ||
	    z->table_offset >= size)
		return reject(info, -EINVAL,
			      "extension table offset 0x%x is not an aligned offset in 0x3c..0x%zx",
			      z->table_offset, size);
	return 0;
}

static void zimage_describe(struct kexec_image_info *info)
{
	struct kexec_image_zimage *z = &info->zimage;

	if (z->has_size_tag)
		info->image_size = (u64)z->decompressed_size + z->bss_size;
}

/**
 * kexec_image_parse_zimage() - describe an arm zImage
 * @buf: the whole file (the extension table sits near its end)
 * @len: bytes in @buf
 * @info: filled with the header and the tags we understand
 *
 * The magic, start, end and extension table words are stored
 * little-endian even in BE8 kernels (ZIMAGE_MAGIC() in vmlinux.lds.S);
 * only the endianness flag at 0x30 is in the kernel's byte order. Unknown
 * tags are skipped; the "KLSZ" size tag and our "NOTE" tag are checked.
 *
 * Return: 0, -ENOEXEC without the 0x016f2818 magic at 0x24, -EINVAL if
 * malformed.
 */
int kexec_image_parse_zimage(const void *buf, size_t len,
			     struct kexec_image_info *info)
{
	struct kexec_image_zimage *z = &info->zimage;
	const u8 *b = buf;
	int ret;

	start_info(info);
	if (!fits(len, ZIMAGE_MAGIC_OFF, 4) ||
	    get_unaligned_le32(b + ZIMAGE_MAGIC_OFF) != ZIMAGE_MAGIC)
		return reject(info, -ENOEXEC, "no 0x016f2818 magic at 0x24");
	info->format = KEXEC_IMAGE_FMT_ZIMAGE;
	if (!fits(len, ZIMAGE_END, 4))
		return reject(info, -EINVAL,
			      "file of 0x%zx bytes truncates start and end at 0x28",
			      len);
	z->start = get_unaligned_le32(b + ZIMAGE_START);
	z->end = get_unaligned_le32(b + ZIMAGE_END);
	ret = zimage_check_extent(len, info);
	if (ret)
		return ret;
	zimage_read_endian(b, len, info);
	ret = zimage_find_table(b, z->end - z->start, info);
	if (!ret && z->has_table)
		ret = zimage_walk_table(b, z->end - z->start, info);
	if (ret)
		return ret;
	zimage_describe(info);
	find_pe_header(b, len, info);
	return 0;
}
EXPORT_SYMBOL_GPL(kexec_image_parse_zimage);

/* ---- gzip ---- */

/* Skips a NUL-terminated FNAME or FCOMMENT field starting at *at. */
static int gzip_skip_string(const u8 *b, size_t len, size_t *at,
			    const char *what, struct kexec_image_info *info)
{
	const u8 *nul = memchr(b + *at, 0, len - *at);

	if (!nul)
		return reject(info, -EINVAL,
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
			return reject(info, -EINVAL,
				      "gzip FEXTRA length at 0x%zx lies beyond the member",
				      *at);
		xlen = get_unaligned_le16(b + *at);
		if (!fits(len, *at + 2, xlen))
			return reject(info, -EINVAL,
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
			return reject(info, -EINVAL,
				      "gzip FHCRC at 0x%zx lies beyond the member",
				      *at);
		*at += 2;
	}
	return 0;
}

/* Describes the gzip member that fills b[0..len); it starts at @base. */
static int gzip_member(const u8 *b, size_t len, size_t base,
		       struct kexec_image_info *info)
{
	struct kexec_image_gzip *gz = &info->gzip;
	size_t at = GZIP_HEADER_LEN, need;
	int ret;

	if (len < 2 || b[0] != 0x1f || b[1] != 0x8b)
		return reject(info, -ENOEXEC, "no gzip magic 1f 8b");
	if (len < GZIP_HEADER_LEN)
		return reject(info, -EINVAL,
			      "gzip member of 0x%zx bytes truncates its 10-byte header",
			      len);
	if (b[2] != GZIP_CM_DEFLATE)
		return reject(info, -EINVAL,
			      "gzip compression method %u is not deflate (8)",
			      b[2]);
	gz->flags = b[3];
	if (gz->flags & GZIP_FRESERVED)
		return reject(info, -EINVAL,
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
		return reject(info, -EINVAL,
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

	start_info(info);
	ret = gzip_member(buf, len, 0, info);
	if (ret != -ENOEXEC)
		info->format = KEXEC_IMAGE_FMT_GZIP;
	return ret;
}
EXPORT_SYMBOL_GPL(kexec_image_parse_gzip);

/* ---- EFI zboot ---- */

/* The compression type is a NUL-padded lower-case name such as "gzip". */
static int zboot_read_comp_type(const u8 *b, struct kexec_image_info *info)
{
	char *name = info->zboot.comp_type;
	unsigned int i;

	for (i = 0; i < KEXEC_IMAGE_COMP_NAME_LEN; i++) {
		u8 c = b[ZBOOT_COMP_TYPE + i];

		if (!c)
			break;
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-'))
			return reject(info, -EINVAL,
				      "compression type byte 0x%02x at 0x%x is not [a-z0-9_-]",
				      c, ZBOOT_COMP_TYPE + i);
		name[i] = c;
	}
	if (i == KEXEC_IMAGE_COMP_NAME_LEN)
		return reject(info, -EINVAL,
			      "compression type at 0x18 has no NUL within %u bytes",
			      KEXEC_IMAGE_COMP_NAME_LEN);
	if (!i)
		return reject(info, -EINVAL, "compression type at 0x18 is empty");
	return 0;
}

static int zboot_check_payload(size_t len, struct kexec_image_info *info)
{
	struct kexec_image_zboot *zb = &info->zboot;
	u32 end;

	if (!zb->payload_size)
		return reject(info, -EINVAL, "zboot payload size is 0");
	if (zb->payload_offset < ZBOOT_HEADER_LEN)
		return reject(info, -EINVAL,
			      "zboot payload offset 0x%x lies inside the 0x%x-byte header",
			      zb->payload_offset, ZBOOT_HEADER_LEN);
	if (check_add_overflow(zb->payload_offset, zb->payload_size, &end) ||
	    end > len)
		return reject(info, -EINVAL,
			      "zboot payload 0x%x+0x%x ends beyond the file's 0x%zx bytes",
			      zb->payload_offset, zb->payload_size, len);
	return 0;
}

/*
 * gzip carries the decompressed size as ISIZE; the other methods have it
 * appended after the payload (zboot-size-len in Makefile.zboot).
 */
static int zboot_decompressed_size(const u8 *b, size_t len,
				   struct kexec_image_info *info)
{
	struct kexec_image_zboot *zb = &info->zboot;
	size_t end = (size_t)zb->payload_offset + zb->payload_size;
	int ret;

	if (!strcmp(zb->comp_type, "gzip")) {
		ret = gzip_member(b + zb->payload_offset, zb->payload_size,
				  zb->payload_offset, info);
		if (ret == -ENOEXEC)
			return reject(info, -EINVAL,
				      "zboot payload at 0x%x lacks the gzip magic its type names",
				      zb->payload_offset);
		if (ret)
			return ret;
		zb->decompressed_size = info->gzip.isize;
	} else {
		if (!fits(len, end, ZBOOT_SIZE_WORD))
			return 0;
		zb->decompressed_size = get_unaligned_le32(b + end);
	}
	zb->has_decompressed_size = true;
	if (!zb->decompressed_size ||
	    zb->decompressed_size > KEXEC_IMAGE_MAX_SIZE)
		return reject(info, -EINVAL,
			      "zboot decompressed size 0x%x is not between 1 and the 1 GiB cap",
			      zb->decompressed_size);
	return 0;
}

/**
 * kexec_image_parse_zboot() - describe an EFI zboot image
 * @buf: the file's contents
 * @len: bytes in @buf
 * @info: filled with the payload's place, compression and, where the
 *	file states it, decompressed size
 *
 * The payload is described, never decompressed. A gzip payload's member
 * header is checked and described in @info->gzip.
 *
 * Return: 0, -ENOEXEC without "MZ" and "zimg", -EINVAL if malformed.
 */
int kexec_image_parse_zboot(const void *buf, size_t len,
			    struct kexec_image_info *info)
{
	struct kexec_image_zboot *zb = &info->zboot;
	const u8 *b = buf;
	int ret;

	start_info(info);
	if (!fits(len, ZBOOT_TYPE_OFF, 4) || b[0] != 'M' || b[1] != 'Z' ||
	    memcmp(b + ZBOOT_TYPE_OFF, "zimg", 4))
		return reject(info, -ENOEXEC, "no MZ and zimg signature");
	info->format = KEXEC_IMAGE_FMT_EFI_ZBOOT;
	info->endian = KEXEC_IMAGE_LE;
	if (len < ZBOOT_HEADER_LEN)
		return reject(info, -EINVAL,
			      "file of 0x%zx bytes truncates the 0x%x-byte zboot header",
			      len, ZBOOT_HEADER_LEN);
	zb->payload_offset = get_unaligned_le32(b + ZBOOT_PAYLOAD_OFF);
	zb->payload_size = get_unaligned_le32(b + ZBOOT_PAYLOAD_SIZE);
	ret = zboot_read_comp_type(b, info);
	if (!ret)
		ret = zboot_check_payload(len, info);
	if (!ret)
		ret = zboot_decompressed_size(b, len, info);
	if (ret)
		return ret;
	find_pe_header(b, len, info);
	if (!info->has_pe)
		return reject(info, -EINVAL,
			      "PE header offset 0x%x at 0x3c does not point at PE\\0\\0",
			      get_unaligned_le32(b + PE_OFFSET_OFF));
	return 0;
}
EXPORT_SYMBOL_GPL(kexec_image_parse_zboot);

/* ---- unwrapping: the plan both decompressors follow ---- */

static __printf(3, 4)
int reject_stream(struct kexec_image_stream *s, int err, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	vsnprintf(s->reason, sizeof(s->reason), fmt, args);
	va_end(args);
	s->error = err;
	return err;
}

/* The raw deflate data between a member's header and its trailer. */
static void stream_from_gzip(const struct kexec_image_gzip *gz,
			     struct kexec_image_stream *s)
{
	s->method = "gzip";
	s->offset = gz->offset + gz->data_offset;
	s->length = gz->length - GZIP_TRAILER_LEN - gz->data_offset;
	s->has_declared = true;
	s->declared = gz->isize;
	s->crc = gz->crc;
}

/**
 * kexec_image_unwrap_plan() - where the compressed stream of a wrapper lies
 * @info: a gzip or EFI zboot file as the core described it, without error
 * @s: filled with the stream's place in the file, its method and what the
 *	wrapper states about the output, or the reason for rejection
 *
 * The core has checked that the gzip member's header and trailer, or the
 * zboot payload, lie inside the file; what remains is the decompressor.
 * A zstd stream's size is settled by kexec_image_unwrap_zstd_size() once
 * the caller has read the frame header.
 *
 * Return: 0, -ENOEXEC if @info is not a wrapper, -EINVAL for a gzip
 * stream whose ISIZE is 0, -EOPNOTSUPP for a zboot compression other than
 * gzip and zstd.
 */
int kexec_image_unwrap_plan(const struct kexec_image_info *info,
			    struct kexec_image_stream *s)
{
	const struct kexec_image_zboot *zb = &info->zboot;

	memset(s, 0, sizeof(*s));
	if (info->error || (info->format != KEXEC_IMAGE_FMT_GZIP &&
			    info->format != KEXEC_IMAGE_FMT_EFI_ZBOOT))
		return reject_stream(s, -ENOEXEC,
				     "%s is not a gzip or EFI zboot wrapper",
				     kexec_image_format_name(info->format));
	s->wrapper = kexec_image_format_name(info->format);
	if (info->format == KEXEC_IMAGE_FMT_GZIP ||
	    !strcmp(zb->comp_type, "gzip")) {
		stream_from_gzip(&info->gzip, s);
		/* ISIZE is the size modulo 2^32, and no kernel is 4 GiB. */
		if (!s->declared)
			return reject_stream(s, -EINVAL,
					     "%s (%s) ISIZE 0 declares an empty kernel",
					     s->wrapper, s->method);
		return 0;
	}
	s->method = zb->comp_type;
	if (strcmp(zb->comp_type, "zstd"))
		return reject_stream(s, -EOPNOTSUPP,
				     "efi-zboot compression \"%s\": no decompressor for it (gzip, zstd)",
				     zb->comp_type);
	s->offset = zb->payload_offset;
	s->length = zb->payload_size;
	s->has_declared = zb->has_decompressed_size;
	s->declared = zb->decompressed_size;
	return 0;
}
EXPORT_SYMBOL_GPL(kexec_image_unwrap_plan);

/**
 * kexec_image_unwrap_zstd_size() - settle the output size of a zstd stream
 * @s: a zstd stream planned by kexec_image_unwrap_plan()
 * @frame_states_size: whether the frame header states its content size
 *	(zstd reading a pipe, as Makefile.zboot runs it, leaves it out)
 * @frame_size: that content size
 * @cap: the most the caller will decompress
 *
 * The word zboot appends after the payload and the frame's content size
 * must agree where both are there, and stay under @cap, before a buffer
 * of that size is allocated. On success @s->declared is the size.
 *
 * Return: 0, -EINVAL when neither states a size, they disagree or the
 * size is 0, -EFBIG past @cap.
 */
int kexec_image_unwrap_zstd_size(struct kexec_image_stream *s,
				 bool frame_states_size, u64 frame_size,
				 u64 cap)
{
	if (!frame_states_size) {
		if (!s->has_declared)
			return reject_stream(s, -EINVAL,
					     "%s (%s) states its decompressed size neither in the frame nor after the payload",
					     s->wrapper, s->method);
		frame_size = s->declared;
	} else if (s->has_declared && frame_size != s->declared) {
		return reject_stream(s, -EINVAL,
				     "%s (%s) declares %llu bytes after its payload, the frame says %llu",
				     s->wrapper, s->method,
				     (unsigned long long)s->declared,
				     (unsigned long long)frame_size);
	}
	if (!frame_size)
		return reject_stream(s, -EINVAL,
				     "%s (%s) declares 0 bytes: no kernel is empty",
				     s->wrapper, s->method);
	if (frame_size > cap)
		return reject_stream(s, -EFBIG,
				     "%s (%s) declares %llu bytes, past the cap of %llu",
				     s->wrapper, s->method,
				     (unsigned long long)frame_size,
				     (unsigned long long)cap);
	s->has_declared = true;
	s->declared = frame_size;
	return 0;
}
EXPORT_SYMBOL_GPL(kexec_image_unwrap_zstd_size);

/**
 * kexec_image_unwrap_check() - whether the output is what the wrapper said
 * @s: the stream as planned (and, for zstd, sized)
 * @out_len: bytes the decompressor produced
 * @out_crc: their CRC32 (IEEE 802.3, as gzip's trailer holds it); only
 *	looked at for gzip
 *
 * Return: 0, or -EINVAL when the size or the CRC32 disagrees.
 */
int kexec_image_unwrap_check(struct kexec_image_stream *s, u64 out_len,
			     u32 out_crc)
{
	if (out_len != s->declared)
		return reject_stream(s, -EINVAL,
				     "%s (%s) declares %llu bytes, its payload gives %llu",
				     s->wrapper, s->method,
				     (unsigned long long)s->declared,
				     (unsigned long long)out_len);
	if (!strcmp(s->method, "gzip") && out_crc != s->crc)
		return reject_stream(s, -EINVAL,
				     "%s (%s) CRC32 0x%08x does not match the data's 0x%08x",
				     s->wrapper, s->method, s->crc, out_crc);
	return 0;
}
EXPORT_SYMBOL_GPL(kexec_image_unwrap_check);

/**
 * kexec_image_unwrap_inner() - whether the unwrapped image may be loaded
 * @s: the stream it came from
 * @inner: the core's description of the output
 *
 * One level of wrapping is undone: an output that is itself a gzip or
 * EFI zboot file is refused.
 *
 * Return: 0, or -EINVAL for a wrapper inside a wrapper.
 */
int kexec_image_unwrap_inner(struct kexec_image_stream *s,
			     const struct kexec_image_info *inner)
{
	if (inner->format == KEXEC_IMAGE_FMT_GZIP ||
	    inner->format == KEXEC_IMAGE_FMT_EFI_ZBOOT)
		return reject_stream(s, -EINVAL,
				     "%s (%s) holds another %s: one level of wrapping is undone, not more",
				     s->wrapper, s->method,
				     kexec_image_format_name(inner->format));
	return 0;
}
EXPORT_SYMBOL_GPL(kexec_image_unwrap_inner);

/* ---- all formats ---- */

/**
 * kexec_image_probe() - recognise and describe any supported image
 * @buf: the file's contents
 * @len: bytes in @buf
 * @info: filled by the first parser that recognises @buf
 *
 * Formats are tried in a fixed order: EFI zboot, arm64 Image, x86
 * bzImage, arm zImage, gzip. zboot goes first because its "MZ" also
 * starts EFI-stub Images and bzImages; gzip last because its two-byte
 * magic is the weakest. The first parser that does not return -ENOEXEC
 * decides.
 *
 * Return: 0, -ENOEXEC if no format matches, or the deciding parser's error.
 */
int kexec_image_probe(const void *buf, size_t len,
		      struct kexec_image_info *info)
{
	static int (* const parsers[])(const void *, size_t,
				       struct kexec_image_info *) = {
		kexec_image_parse_zboot,
		kexec_image_parse_arm64,
		kexec_image_parse_bzimage,
		kexec_image_parse_zimage,
		kexec_image_parse_gzip,
	};
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(parsers); i++) {
		ret = parsers[i](buf, len, info);
		if (ret != -ENOEXEC)
			return ret;
	}
	start_info(info);
	return reject(info, -ENOEXEC,
		      "no EFI zboot, arm64 Image, x86 bzImage, arm zImage or gzip signature");
}
EXPORT_SYMBOL_GPL(kexec_image_probe);

/**
 * kexec_image_format_name() - short name of a format, as the tools print it
 * @format: the format
 *
 * Return: "arm64-image", "x86-bzimage", "arm-zimage", "efi-zboot", "gzip"
 * or "unknown".
 */
const char *kexec_image_format_name(enum kexec_image_format format)
{
	switch (format) {
	case KEXEC_IMAGE_FMT_ARM64:
		return "arm64-image";
	case KEXEC_IMAGE_FMT_BZIMAGE:
		return "x86-bzimage";
	case KEXEC_IMAGE_FMT_ZIMAGE:
		return "arm-zimage";
	case KEXEC_IMAGE_FMT_EFI_ZBOOT:
		return "efi-zboot";
	case KEXEC_IMAGE_FMT_GZIP:
		return "gzip";
	default:
		return "unknown";
	}
}
EXPORT_SYMBOL_GPL(kexec_image_format_name);
