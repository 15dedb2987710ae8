// SPDX-License-Identifier: GPL-2.0
/*
 * The arm zImage's test layout: kx_build_zimage() and the table of its
 * cases; see kexec_image_layouts.c.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kexec_image.h>
#include <linux/unaligned.h>

#include "kexec_image_layouts.h"

/**
 * kx_build_zimage() - an arm zImage with a KLSZ and a NOTE tag and two notes
 * @buf: a zeroed buffer of %KX_BUF_LEN bytes
 * @big_endian: a BE8 kernel's: the endianness flag and the notes in its
 *	byte order (the table words are little-endian in every zImage)
 *
 * Return: the image's length, %ZI_LEN.
 */
size_t kx_build_zimage(u8 *buf, bool big_endian)
{
	static const u32 table[] = {
		6, KEXEC_ZIMAGE_TAG_KRNL_SIZE, ZI_SIZE_WORD, ZI_BSS,
		0x8000,						/* TEXT_OFFSET */
		0x10000,					/* MALLOC_SIZE */
		4, KEXEC_ZIMAGE_TAG_NOTES, ZI_NOTES, ZI_NOTES_SIZE,
		0,						/* terminator */
	};
	unsigned int i;
	size_t at;

	put_unaligned_le32(0x016f2818, buf + 0x24);
	put_unaligned_le32(0, buf + 0x28);			/* start */
	put_unaligned_le32(ZI_LEN, buf + 0x2c);			/* end */
	kx_put_word(buf + 0x30, big_endian, 0x04030201);
	put_unaligned_le32(0x45454545, buf + 0x34);
	put_unaligned_le32(ZI_TABLE, buf + 0x38);
	for (i = 0; i < ARRAY_SIZE(table); i++)
		put_unaligned_le32(table[i], buf + ZI_TABLE + 4 * i);
	at = kx_put_note(buf + ZI_NOTES, big_endian, "Linux", 6, 1,
			 "\x12\x34\x56\x78", 4);
	kx_put_note(buf + ZI_NOTES + at, big_endian, "Xen", 4, 0x10, "abcde", 5);
	put_unaligned_le32(ZI_DECOMP, buf + ZI_SIZE_WORD);
	return ZI_LEN;
}

/*
 * arm zImage: Documentation/arch/arm/booting.rst, the header words in
 * arch/arm/boot/compressed/head.S and the extension table that
 * arch/arm/boot/compressed/vmlinux.lds.S builds, plus our NOTE tag. A
 * case runs on both byte orders unless its variant names one.
 */
#define ZI_START(v)	P4(0x28, v)
#define ZI_END(v)	P4(0x2c, v)
#define ZI_TAB(v)	P4(0x38, v)
#define ZI_T(i, v)	P4(ZI_TABLE + 4 * (i), v)	/* table word i */
#define ZI_N(i, v)	P4(ZI_NOTES + 4 * (i), v)	/* notes word i */
#define ZI_KLSZ		KEXEC_ZIMAGE_TAG_KRNL_SIZE
#define ZI_NOTE		KEXEC_ZIMAGE_TAG_NOTES

static const struct kx_case kx_zimage_cases[] = {
	{ "valid", {}, 0, 0, NULL },
	{ "magic", { P4(0x24, 0x016f2819) }, 0, -ENOEXEC, "0x016f2818" },
	{ "magic-0", { P4(0x24, 0) }, 0, -ENOEXEC, NULL },
	{ "magic-byte-swapped", { P4(0x24, 0x18286f01) }, 0, -ENOEXEC, NULL },
	{ "end-equals-start", { ZI_START(0x1000), ZI_END(0x1000) }, 0, -EINVAL,
	  "end 0x00001000 is not above start 0x00001000" },
	{ "end-0", { ZI_END(0) }, 0, -EINVAL, "not above start" },
	{ "end-below-start", { ZI_START(0x1000), ZI_END(0x800) }, 0, -EINVAL,
	  "not above start" },
	{ "size-equals-file", { ZI_START(0x80008000), ZI_END(0x8000a000) }, 0,
	  0, NULL },
	{ "size-file-plus-1", { ZI_END(ZI_LEN + 1) }, 0, -EINVAL,
	  "end - start = 0x2001 exceeds the file's 0x2000 bytes" },
	{ "size-max", { ZI_START(0), ZI_END(0xffffffff) }, 0, -EINVAL,
	  "exceeds" },
	{ "size-below-header", { ZI_END(0x3b), ZI_TAB(0) }, 0, -EINVAL,
	  "smaller than the 0x3c-byte header" },
	{ "no-endian-flag", { P4(0x30, 0), ZI_T(9, 0) }, 0, 0, NULL },
	{ "no-table", { P4(0x34, 0) }, 0, 0, NULL },
	{ "table-in-header", { ZI_TAB(0x38) }, 0, -EINVAL,
	  "extension table offset 0x38" },
	{ "table-misaligned", { ZI_TAB(ZI_TABLE + 2) }, 0, -EINVAL,
	  "extension table offset" },
	{ "table-at-end", { ZI_TAB(ZI_LEN) }, 0, -EINVAL, "extension table" },
	{ "table-max", { ZI_TAB(0xfffffffc) }, 0, -EINVAL, "extension table" },
	{ "table-at-last-word", { ZI_TAB(ZI_LEN - 4) }, 0, 0, NULL },
	{ "table-runs-past", { ZI_TAB(ZI_LEN - 4), P4(ZI_LEN - 4, 1) }, 0,
	  -EINVAL, "size of 1 words is not a tag" },
	{ "entry-size-1", { ZI_T(0, 1) }, 0, -EINVAL,
	  "size of 1 words is not a tag" },
	{ "entry-size-huge", { ZI_T(0, 0x40000000) }, 0, -EINVAL, "not a tag" },
	{ "entry-size-max", { ZI_T(0, 0xffffffff) }, 0, -EINVAL, "not a tag" },
	{ "entry-past-end", { ZI_TAB(ZI_LEN - 8), P4(ZI_LEN - 8, 3) }, 0,
	  -EINVAL, "3 words run past" },
	{ "no-terminator-at-end", { ZI_TAB(ZI_LEN - 8), P4(ZI_LEN - 8, 2) }, 0,
	  -EINVAL, "runs past the zImage's 0x2000 bytes" },
	{ "unknown-tag-skipped", { ZI_T(1, 0x12345678) }, 0, 0, NULL },
	{ "klsz-3-words", { ZI_T(0, 3) }, 0, -EINVAL,
	  "KLSZ tag at 0x100 has 3 words" },
	{ "klsz-4-words", { ZI_T(0, 4), ZI_T(4, 2), ZI_T(5, 0) }, 0, 0, NULL },
	{ "klsz-size-word-last", { ZI_T(2, ZI_LEN - 4), P4(ZI_LEN - 4, 0x1000) },
	  0, 0, NULL },
	{ "klsz-size-word-past", { ZI_T(2, ZI_LEN - 3) }, 0, -EINVAL,
	  "size word offset 0x1ffd lies beyond" },
	{ "klsz-size-word-max", { ZI_T(2, 0xffffffff) }, 0, -EINVAL,
	  "lies beyond" },
	{ "decompressed-0", { P4(ZI_SIZE_WORD, 0) }, 0, -EINVAL,
	  "decompressed size 0x0" },
	{ "decompressed-cap", { P4(ZI_SIZE_WORD, KX_MAX) }, 0, 0, NULL },
	{ "decompressed-cap-plus-1", { P4(ZI_SIZE_WORD, KX_MAX + 1) }, 0,
	  -EINVAL,
	  "decompressed size 0x40000001 is not between 1 and the 1 GiB cap" },
	{ "bss-cap", { ZI_T(3, KX_MAX) }, 0, 0, NULL },
	{ "bss-cap-plus-1", { ZI_T(3, KX_MAX + 1) }, 0, -EINVAL, "bss size" },
	{ "text-offset-128m-less-1", { ZI_T(4, 0x7ffffff) }, 0, 0, NULL },
	{ "text-offset-128m", { ZI_T(4, 0x8000000) }, 0, -EINVAL,
	  "text_offset 0x8000000 is not below the 128 MiB" },
	{ "klsz-twice", { ZI_T(7, ZI_KLSZ), ZI_T(6, 4), ZI_T(8, ZI_SIZE_WORD) },
	  0, -EINVAL, "second KLSZ" },
	{ "note-3-words", { ZI_T(6, 3) }, 0, -EINVAL, "NOTE tag at 0x118 has 3" },
	/* A later NOTE entry may grow: words past the size are skipped. */
	{ "note-5-words", { ZI_T(6, 5), ZI_T(10, 1) }, 0, 0, NULL },
	{ "note-5-words-then-klsz-again",
	  { ZI_T(6, 5), ZI_T(10, 1), ZI_T(11, 4), ZI_T(12, ZI_KLSZ),
	    ZI_T(13, ZI_SIZE_WORD) }, 0, -EINVAL, "second KLSZ" },
	{ "note-misaligned", { ZI_T(8, ZI_NOTES + 2) }, 0, -EINVAL,
	  "NOTE offset 0x202 is not 4-byte aligned" },
	{ "note-size-cap", { ZI_T(9, KEXEC_IMAGE_MAX_NOTES_SIZE + 1) }, 0,
	  -EINVAL, "exceeds the 0x10000 cap" },
	{ "note-area-ends-at-end", { ZI_T(8, ZI_LEN - ZI_NOTES_SIZE) }, 0, 0,
	  NULL },
	{ "note-area-past", { ZI_T(8, ZI_LEN - ZI_NOTES_SIZE + 4) }, 0, -EINVAL,
	  "lies beyond" },
	{ "note-area-wraps", { ZI_T(8, 0xfffffffc), ZI_T(9, 8) }, 0, -EINVAL,
	  "lies beyond" },
	{ "note-area-empty", { ZI_T(9, 0) }, 0, 0, NULL },
	{ "note-area-first-only", { ZI_T(9, 24) }, 0, 0, NULL },
	{ "note-area-cut", { ZI_T(9, 40) }, 0, -EINVAL, "note 1 at 0x18" },
	{ "note-bad-namesz", { ZI_N(0, 0x100) }, 0, -EINVAL,
	  "note 0 at 0x0: namesz 0x100" },
	{ "note-bad-descsz", { ZI_N(7, 0x1000) }, 0, -EINVAL,
	  "note 1 at 0x18: descsz 0x1000" },
	{ "note-twice",
	  { ZI_T(10, 4), ZI_T(11, ZI_NOTE), ZI_T(12, ZI_NOTES), ZI_T(13, 0),
	    ZI_T(14, 0) }, 0, -EINVAL, "second NOTE" },
	{ "truncated-start-end", {}, 0x2f, -EINVAL, "truncates start and end" },
	{ "truncated-magic", {}, 0x27, -ENOEXEC, NULL },
	{ "truncated-file", {}, ZI_LEN - 1, -EINVAL, "exceeds the file's" },
	/* Without the flag a BE8 kernel's notes are read little-endian. */
	{ "no-endian-flag-notes", { P4(0x30, 0) }, 0, -EINVAL,
	  "namesz 0x6000000", KX_ZI_BE },
	{ "flag-read-le", { P4(0x30, 0x04030201) }, 0, -EINVAL,
	  "namesz 0x6000000", KX_ZI_BE },
};

static size_t kx_zimage_build(u8 *buf, unsigned int variant, unsigned int run)
{
	if (variant == KX_ZI_BOTH && run < 2)
		return kx_build_zimage(buf, run);
	return run ? 0 : kx_build_zimage(buf, variant == KX_ZI_BE);
}

const struct kx_table kx_zimage_table = {
	.name = "zimage",
	.format = KEXEC_IMAGE_FMT_ZIMAGE,
	.parse = kexec_image_parse_zimage,
	.build = kx_zimage_build,
	.cases = kx_zimage_cases,
	.nr_cases = ARRAY_SIZE(kx_zimage_cases),
};
