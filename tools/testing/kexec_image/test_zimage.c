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
#define MAX KEXEC_IMAGE_MAX_SIZE
#define W(o, v) { (o), 4, (v) }
#define START(v) W(0x28, v)
#define END(v) W(0x2c, v)
#define TABLE(v) W(0x38, v)
#define T(i, v) W(ZI_TABLE + 4 * (i), v)	/* table word i */
#define N(i, v) W(ZI_NOTES + 4 * (i), v)	/* notes word i */
/* Debian's armmp zImage, as hexdump shows it. */
#define DEBIAN_ARM_START	0
#define DEBIAN_ARM_END		0x532200
#define DEBIAN_ARM_TABLE	0xd4f0
#define DEBIAN_ARM_DECOMP	0x13a10b4
#define DEBIAN_ARM_BSS		0x5e4d4

#define KLSZ KEXEC_ZIMAGE_TAG_KRNL_SIZE
#define NOTE KEXEC_ZIMAGE_TAG_NOTES

static const struct image_case cases[] = {
	{ "valid", {}, 0, 0, NULL },
	{ "magic", { W(0x24, 0x016f2819) }, 0, -ENOEXEC, "0x016f2818" },
	{ "magic-byte-swapped", { W(0x24, 0x18286f01) }, 0, -ENOEXEC, NULL },
	{ "end-equals-start", { START(0x1000), END(0x1000) }, 0, -EINVAL,
	  "end 0x00001000 is not above start 0x00001000" },
	{ "end-below-start", { START(0x1000), END(0x800) }, 0, -EINVAL,
	  "not above start" },
	{ "size-equals-file", { START(0x80008000), END(0x8000a000) }, 0, 0,
	  NULL },
	{ "size-file-plus-1", { END(ZI_LEN + 1) }, 0, -EINVAL,
	  "end - start = 0x2001 exceeds the file's 0x2000 bytes" },
	{ "size-max", { START(0), END(0xffffffff) }, 0, -EINVAL, "exceeds" },
	{ "size-below-header", { END(0x3b), TABLE(0) }, 0, -EINVAL,
	  "smaller than the 0x3c-byte header" },
	{ "no-endian-flag", { W(0x30, 0), T(9, 0) }, 0, 0, NULL },
	{ "no-table", { W(0x34, 0) }, 0, 0, NULL },
	{ "table-in-header", { TABLE(0x38) }, 0, -EINVAL,
	  "extension table offset 0x38" },
	{ "table-misaligned", { TABLE(ZI_TABLE + 2) }, 0, -EINVAL,
	  "extension table offset" },
	{ "table-at-end", { TABLE(ZI_LEN) }, 0, -EINVAL, "extension table" },
	{ "table-max", { TABLE(0xfffffffc) }, 0, -EINVAL, "extension table" },
	{ "table-at-last-word", { TABLE(ZI_LEN - 4) }, 0, 0, NULL },
	{ "table-runs-past", { TABLE(ZI_LEN - 4), W(ZI_LEN - 4, 1) }, 0,
	  -EINVAL, "size of 1 words is not a tag" },
	{ "entry-size-1", { T(0, 1) }, 0, -EINVAL, "size of 1 words" },
	{ "entry-size-huge", { T(0, 0x40000000) }, 0, -EINVAL, "not a tag" },
	{ "entry-size-max", { T(0, 0xffffffff) }, 0, -EINVAL, "not a tag" },
	{ "entry-past-end", { TABLE(ZI_LEN - 8), W(ZI_LEN - 8, 3) }, 0,
	  -EINVAL, "3 words run past" },
	{ "no-terminator-at-end", { TABLE(ZI_LEN - 8), W(ZI_LEN - 8, 2) }, 0,
	  -EINVAL, "runs past the zImage's 0x2000 bytes" },
	{ "unknown-tag-skipped", { T(1, 0x12345678) }, 0, 0, NULL },
	{ "klsz-3-words", { T(0, 3) }, 0, -EINVAL, "KLSZ tag at 0x100 has 3" },
	{ "klsz-4-words", { T(0, 4), T(4, 2), T(5, 0) }, 0, 0, NULL },
	{ "klsz-size-word-last", { T(2, ZI_LEN - 4), W(ZI_LEN - 4, 0x1000) }, 0,
	  0, NULL },
	{ "klsz-size-word-past", { T(2, ZI_LEN - 3) }, 0, -EINVAL,
	  "size word offset 0x1ffd lies beyond" },
	{ "klsz-size-word-max", { T(2, 0xffffffff) }, 0, -EINVAL, "lies beyond" },
	{ "decompressed-0", { W(ZI_SIZE_WORD, 0) }, 0, -EINVAL,
	  "decompressed size 0x0" },
	{ "decompressed-cap", { W(ZI_SIZE_WORD, MAX) }, 0, 0, NULL },
	{ "decompressed-cap-plus-1", { W(ZI_SIZE_WORD, MAX + 1) }, 0, -EINVAL,
	  "decompressed size 0x40000001" },
	{ "bss-cap", { T(3, MAX) }, 0, 0, NULL },
	{ "bss-cap-plus-1", { T(3, MAX + 1) }, 0, -EINVAL, "bss size" },
	{ "text-offset-128m-less-1", { T(4, 0x7ffffff) }, 0, 0, NULL },
	{ "text-offset-128m", { T(4, 0x8000000) }, 0, -EINVAL,
	  "text_offset 0x8000000" },
	{ "klsz-twice", { T(7, KLSZ), T(6, 4), T(8, ZI_SIZE_WORD) }, 0,
	  -EINVAL, "second KLSZ" },
	{ "note-3-words", { T(6, 3) }, 0, -EINVAL, "NOTE tag at 0x118 has 3" },
	/* A later NOTE entry may grow: words past the size are skipped. */
	{ "note-5-words", { T(6, 5), T(10, 1) }, 0, 0, NULL },
	{ "note-5-words-then-klsz-again", { T(6, 5), T(10, 1), T(11, 4),
	  T(12, KLSZ), T(13, ZI_SIZE_WORD) }, 0, -EINVAL, "second KLSZ" },
	{ "note-misaligned", { T(8, ZI_NOTES + 2) }, 0, -EINVAL,
	  "NOTE offset 0x202 is not 4-byte aligned" },
	{ "note-size-cap", { T(9, KEXEC_IMAGE_MAX_NOTES_SIZE + 1) }, 0, -EINVAL,
	  "exceeds the 0x10000 cap" },
	{ "note-area-ends-at-end", { T(8, ZI_LEN - ZI_NOTES_SIZE) }, 0, 0,
	  NULL },
	{ "note-area-past", { T(8, ZI_LEN - ZI_NOTES_SIZE + 4) }, 0, -EINVAL,
	  "lies beyond" },
	{ "note-area-wraps", { T(8, 0xfffffffc), T(9, 8) }, 0, -EINVAL,
	  "lies beyond" },
	{ "note-area-empty", { T(9, 0) }, 0, 0, NULL },
	{ "note-area-first-only", { T(9, 24) }, 0, 0, NULL },
	{ "note-area-cut", { T(9, 40) }, 0, -EINVAL, "note 1 at 0x18" },
	{ "note-bad-namesz", { N(0, 0x100) }, 0, -EINVAL,
	  "note 0 at 0x0: namesz 0x100" },
	{ "note-bad-descsz", { N(7, 0x1000) }, 0, -EINVAL,
	  "note 1 at 0x18: descsz 0x1000" },
	{ "note-twice", { T(10, 4), T(11, NOTE), T(12, ZI_NOTES), T(13, 0),
	  T(14, 0) }, 0, -EINVAL, "second NOTE" },
	{ "truncated-start-end", {}, 0x2f, -EINVAL, "truncates start and end" },
	{ "truncated-magic", {}, 0x27, -ENOEXEC, NULL },
	{ "truncated-file", {}, ZI_LEN - 1, -EINVAL, "exceeds the file's" },
};

/* Without the flag a BE8 kernel's notes are read little-endian. */
static const struct image_case be_cases[] = {
	{ "no-endian-flag-notes", { W(0x30, 0) }, 0, -EINVAL,
	  "namesz 0x6000000" },
	{ "flag-read-le", { { 0x30, 4, 0x04030201 } }, 0, -EINVAL,
	  "namesz 0x6000000" },
};

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

	run_cases(S, kexec_image_parse_zimage, &le, cases,
		  ARRAY_SIZE(cases));
	run_cases(S "-be", kexec_image_parse_zimage, &be, cases,
		  ARRAY_SIZE(cases));
	run_cases(S "-be", kexec_image_parse_zimage, &be, be_cases,
		  ARRAY_SIZE(be_cases));
	run_truncations(S, kexec_image_parse_zimage, &le, 0x40, 0x28);
	check_fields(&le, false, "valid-le");
	check_fields(&be, true, "valid-be");
	test_tag_bound(&le);
	test_optional_parts(&le);
	test_debian();
	buf_free(&le);
	buf_free(&be);
}
