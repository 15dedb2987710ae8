// SPDX-License-Identifier: GPL-2.0
/*
 * arm zImage: Documentation/arch/arm/booting.rst, the header words in
 * arch/arm/boot/compressed/head.S and the extension table that
 * arch/arm/boot/compressed/vmlinux.lds.S builds, plus our NOTE tag.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

#define S "zimage"
/* Debian's armmp zImage, as hexdump shows it. */
#define DEBIAN_ARM_START	0
#define DEBIAN_ARM_END		0x532200
#define DEBIAN_ARM_TABLE	0xd4f0
#define DEBIAN_ARM_DECOMP	0x13a10b4
#define DEBIAN_ARM_BSS		0x5e4d4

/* 31 unknown tags and the terminator fit the walk; 32 do not. */
static void test_tag_bound(const struct buf *base)
{
	static const unsigned int counts[] = { 31, 32 };
	struct kexec_image_info info;
	unsigned int i, k;
	char name[64];

	for (k = 0; k < 2; k++) {
		struct buf b = buf_copy(base, base->len);
		int ret;

		put_le(b.data + 0x38, 4, 0x400);
		for (i = 0; i < counts[k]; i++) {
			put_le(b.data + 0x400 + 8 * i, 4, 2);
			put_le(b.data + 0x404 + 8 * i, 4, 0x41414141);
		}
		put_le(b.data + 0x400 + 8 * i, 4, 0);
		ret = kexec_image_parse_zimage(b.data, b.len, &info);
		buf_free(&b);
		snprintf(name, sizeof(name), "%u-unknown-tags", counts[k]);
		if (counts[k] < KEXEC_IMAGE_ZIMAGE_MAX_TAGS)
			expect(ret == 0, S, name, info.reason);
		else
			expect(ret == -EINVAL &&
			       strstr(info.reason, "no terminator"), S, name,
			       info.reason);
	}
}

static void check_fields(const struct buf *b, bool be, const char *n)
{
	struct kexec_image_info info;
	const struct kexec_image_zimage *z = &info.zimage;
	struct kexec_note_iter it;
	struct kexec_note note;

	if (!expect(!kexec_image_parse_zimage(b->data, b->len, &info), S, n,
		    info.reason))
		return;
	expect_u64(info.format, KEXEC_IMAGE_FMT_ZIMAGE, S, n, "format");
	expect_u64(info.endian, be ? KEXEC_IMAGE_BE : KEXEC_IMAGE_LE, S, n,
		   "endian");
	expect_u64(z->start, 0, S, n, "start");
	expect_u64(z->end, ZI_LEN, S, n, "end");
	expect_u64(z->table_offset, ZI_TABLE, S, n, "table_offset");
	expect_u64(z->decompressed_size, ZI_DECOMP, S, n, "decompressed");
	expect_u64(z->bss_size, ZI_BSS, S, n, "bss_size");
	expect_u64(info.image_size, ZI_DECOMP + ZI_BSS, S, n, "image_size");
	expect_u64(info.text_offset, 0x8000, S, n, "text_offset");
	expect_u64(z->malloc_size, 0x10000, S, n, "malloc_size");
	expect_u64(z->notes_offset, ZI_NOTES, S, n, "notes_offset");
	expect_u64(z->notes_size, ZI_NOTES_SIZE, S, n, "notes_size");
	expect_u64(z->notes_count, 2, S, n, "notes_count");
	if (!expect(kexec_image_notes(b->data, b->len, &info, &it), S, n,
		    "kexec_image_notes found no notes"))
		return;
	if (expect(kexec_note_next(&it, &note, &info) == 1, S, n, "note 0")) {
		expect(note.namesz == 6 && !memcmp(note.name, "Linux", 6), S,
		       n, "note 0 name");
		expect_u64(note.type, 1, S, n, "note 0 type");
		expect(note.descsz == 4 &&
		       !memcmp(note.desc, "\x12\x34\x56\x78", 4), S, n,
		       "note 0 desc");
	}
	if (expect(kexec_note_next(&it, &note, &info) == 1, S, n, "note 1")) {
		expect(!memcmp(note.name, "Xen", 4), S, n, "note 1 name");
		expect(note.descsz == 5 && !memcmp(note.desc, "abcde", 5), S,
		       n, "note 1 desc");
	}
	expect(kexec_note_next(&it, &note, &info) == 0, S, n, "notes end");
}

static void test_optional_parts(const struct buf *base)
{
	struct kexec_image_info info;
	struct kexec_note_iter it;
	struct buf b = buf_copy(base, base->len);

	put_le(b.data + 0x34, 4, 0);	/* no 0x45454545: a pre-table zImage */
	if (expect(!kexec_image_parse_zimage(b.data, b.len, &info), S,
		   "no-table-fields", info.reason)) {
		expect_u64(info.zimage.has_table, 0, S, "no-table", "has_table");
		expect_u64(info.zimage.has_size_tag, 0, S, "no-table", "size");
		expect_u64(info.image_size, 0, S, "no-table", "image_size");
		expect(!kexec_image_notes(b.data, b.len, &info, &it), S,
		       "no-table", "notes without a table");
	}
	put_le(b.data + 0x34, 4, 0x45454545);
	put_le(b.data + ZI_TABLE, 4, 4);	/* KLSZ of 4 words */
	put_le(b.data + ZI_TABLE + 16, 4, 0);
	if (expect(!kexec_image_parse_zimage(b.data, b.len, &info), S,
		   "klsz-4-fields", info.reason)) {
		expect_u64(info.has_text_offset, 0, S, "klsz-4", "text_offset");
		expect_u64(info.zimage.has_notes, 0, S, "klsz-4", "has_notes");
		expect_u64(info.zimage.decompressed_size, ZI_DECOMP, S,
			   "klsz-4", "decompressed_size");
	}
	buf_free(&b);
}

/*
 * Debian's armmp zImage: the header, the extension table after the
 * decompressor's code and the size word at the end of its piggy data.
 */
static void test_debian(void)
{
	struct buf b = sample_load("debian-arm");
	struct kexec_image_info info;
	const char *n = "debian";

	if (!expect(b.data, S, "debian-sample", "sample missing"))
		return;
	if (expect(!kexec_image_parse_zimage(b.data, b.len, &info), S, n,
		   info.reason)) {
		expect_u64(info.endian, KEXEC_IMAGE_LE, S, n, "endian");
		expect_u64(info.zimage.has_endian_flag, 1, S, n, "endian flag");
		expect_u64(info.zimage.start, DEBIAN_ARM_START, S, n, "start");
		expect_u64(info.zimage.end, DEBIAN_ARM_END, S, n, "end");
		expect_u64(info.zimage.table_offset, DEBIAN_ARM_TABLE, S, n,
			   "table_offset");
		expect_u64(info.zimage.decompressed_size, DEBIAN_ARM_DECOMP, S,
			   n, "decompressed_size");
		expect_u64(info.zimage.bss_size, DEBIAN_ARM_BSS, S, n, "bss");
		expect_u64(info.text_offset, 0x208000, S, n, "text_offset");
		expect_u64(info.zimage.has_notes, 0, S, n, "has_notes");
		expect_u64(info.has_pe, 1, S, n, "has_pe");
	}
	run_truncations(S "-debian", kexec_image_parse_zimage, &b, 0x100,
			0x28);
	buf_free(&b);
}

void test_zimage(void)
{
	struct buf le = make_zimage(false), be = make_zimage(true);

	run_truncations(S, kexec_image_parse_zimage, &le, 0x40, 0x28);
	check_fields(&le, false, "valid-le");
	check_fields(&be, true, "valid-be");
	test_tag_bound(&le);
	test_optional_parts(&le);
	test_debian();
	buf_free(&le);
	buf_free(&be);
}
