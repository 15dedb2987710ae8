// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_file_load(2) image formats: the arm zImage header and table.
 *
 * arch/arm/boot/compressed/head.S lays out the header and the extension
 * table; the ARM loader (arch/arm/kernel/kexec_zimage.c) places what they
 * describe.
 *
 * Like every parser under kernel/kexec_image*.c it allocates nothing, keeps
 * no state and trusts no field, and it compiles unchanged in the host
 * harness under tools/testing/kexec_image.
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
		return kexec_image_reject(info, -EINVAL,
					  "extension table: second KLSZ tag at 0x%zx", at);
	if (words < ZIMAGE_KLSZ_MIN_WORDS)
		return kexec_image_reject(info, -EINVAL,
					  "extension table: KLSZ tag at 0x%zx has %u words, needs %u",
					  at, words, ZIMAGE_KLSZ_MIN_WORDS);
	z->has_size_tag = true;
	z->size_ptr = get_unaligned_le32(w);
	z->bss_size = get_unaligned_le32(w + 4);
	if (!fits(size, z->size_ptr, 4))
		return kexec_image_reject(info, -EINVAL,
					  "KLSZ size word offset 0x%x lies beyond the zImage's 0x%zx bytes",
					  z->size_ptr, size);
	z->decompressed_size = get_unaligned_le32(b + z->size_ptr);
	if (!z->decompressed_size ||
	    z->decompressed_size > KEXEC_IMAGE_MAX_SIZE)
		return kexec_image_reject(info, -EINVAL,
					  "decompressed size 0x%x is not between 1 and the 1 GiB cap",
					  z->decompressed_size);
	if (z->bss_size > KEXEC_IMAGE_MAX_SIZE)
		return kexec_image_reject(info, -EINVAL,
					  "KLSZ bss size 0x%x exceeds the 1 GiB cap",
					  z->bss_size);
	if (words < ZIMAGE_KLSZ_FULL_WORDS)
		return 0;
	info->text_offset = get_unaligned_le32(w + 8);
	info->has_text_offset = true;
	z->has_text_offset = true;
	z->malloc_size = get_unaligned_le32(w + 12);
	if (info->text_offset >= KEXEC_IMAGE_ZIMAGE_MAX_TEXT_OFFSET)
		return kexec_image_reject(info, -EINVAL,
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
		return kexec_image_reject(info, -EINVAL,
					  "extension table: second NOTE tag at 0x%zx", at);
	if (words < ZIMAGE_NOTE_WORDS)
		return kexec_image_reject(info, -EINVAL,
					  "extension table: NOTE tag at 0x%zx has %u words, needs %u",
					  at, words, ZIMAGE_NOTE_WORDS);
	z->notes_offset = get_unaligned_le32(w);
	z->notes_size = get_unaligned_le32(w + 4);
	if (z->notes_offset % 4)
		return kexec_image_reject(info, -EINVAL,
					  "NOTE offset 0x%x is not 4-byte aligned",
					  z->notes_offset);
	if (z->notes_size > KEXEC_IMAGE_MAX_NOTES_SIZE)
		return kexec_image_reject(info, -EINVAL,
					  "NOTE size 0x%x exceeds the 0x%x cap",
					  z->notes_size, KEXEC_IMAGE_MAX_NOTES_SIZE);
	if (!fits(size, z->notes_offset, z->notes_size))
		return kexec_image_reject(info, -EINVAL,
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
			return kexec_image_reject(info, -EINVAL,
						  "extension table runs past the zImage's 0x%zx bytes at 0x%zx",
						  size, at);
		words = get_unaligned_le32(b + at);
		if (!words)
			return 0;
		if (words < ZIMAGE_TAG_HEADER_WORDS || words > size / 4)
			return kexec_image_reject(info, -EINVAL,
						  "extension table entry at 0x%zx: size of %u words is not a tag",
						  at, words);
		bytes = (size_t)words * 4;
		if (!fits(size, at, bytes))
			return kexec_image_reject(info, -EINVAL,
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
	return kexec_image_reject(info, -EINVAL,
				  "extension table has no terminator within %u entries",
				  KEXEC_IMAGE_ZIMAGE_MAX_TAGS);
}

static int zimage_check_extent(size_t len, struct kexec_image_info *info)
{
	struct kexec_image_zimage *z = &info->zimage;

	if (z->end <= z->start)
		return kexec_image_reject(info, -EINVAL,
					  "end 0x%08x is not above start 0x%08x",
					  z->end, z->start);
	if (z->end - z->start > len)
		return kexec_image_reject(info, -EINVAL,
					  "end - start = 0x%x exceeds the file's 0x%zx bytes",
					  z->end - z->start, len);
	if (z->end - z->start < ZIMAGE_HEADER_LEN)
		return kexec_image_reject(info, -EINVAL,
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
		return kexec_image_reject(info, -EINVAL,
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

	kexec_image_start(info);
	if (!fits(len, ZIMAGE_MAGIC_OFF, 4) ||
	    get_unaligned_le32(b + ZIMAGE_MAGIC_OFF) != ZIMAGE_MAGIC)
		return kexec_image_reject(info, -ENOEXEC, "no 0x016f2818 magic at 0x24");
	info->format = KEXEC_IMAGE_FMT_ZIMAGE;
	if (!fits(len, ZIMAGE_END, 4))
		return kexec_image_reject(info, -EINVAL,
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
	kexec_image_find_pe(b, len, info);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(kexec_image_parse_zimage);
