// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the kexec_file_load() image parsers in kexec_image*.c.
 *
 * Each case builds a valid synthetic image of one format, patches one or
 * two header fields to the edge of a rule (the limit, then one past),
 * optionally truncates it, and checks the errno and the reason. The host
 * harness in tools/testing/kexec_image runs the same parsers under ASan,
 * UBSan and libFuzzer; this suite checks them as the kernel builds them.
 */

#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kexec_image.h>
#include <linux/module.h>
#include <linux/sizes.h>
#include <linux/string.h>
#include <linux/unaligned.h>

enum kx_base {
	KX_ARM64,
	KX_BZIMAGE,
	KX_ZIMAGE,
	KX_ZIMAGE_BE,
	KX_ZBOOT,
	KX_GZIP,
	KX_UKI,
};

/* Layout of the synthetic images. */
#define A64_LEN		0x1000
#define A64_IMAGE_SIZE	0x10000
#define BZ_SETUP	0x400
#define BZ_CODE		0x2000
#define BZ_LEN		(BZ_SETUP + BZ_CODE)
#define BZ_KINFO	0x1800
#define ZI_LEN		0x2000
#define ZI_TABLE	0x100
#define ZI_NOTES	0x200
#define ZI_NOTES_SIZE	48
#define ZI_SIZE_WORD	0x1ff0
#define ZI_DECOMP	0x400000
#define ZI_BSS		0x10000
#define ZB_LEN		0x300
#define ZB_PAYLOAD	0x100
#define ZB_PE		0x80
#define ZB_ISIZE	0x123456
#define GZ_LEN		64
/* UKI: PE header at KU_PE, table after a KU_OPT-byte optional header. */
#define KU_PE		0x80
#define KU_OPT		0xf0
#define KU_COUNT	(KU_PE + 6)
#define KU_SEC(i)	(KU_PE + 24 + KU_OPT + 40 * (i))
#define KU_VSIZE(i)	(KU_SEC(i) + 8)
#define KU_RAW(i)	(KU_SEC(i) + 16)
#define KU_OFF(i)	(KU_SEC(i) + 20)
#define KU_SLOT		0x100
#define KU_NR		6		/* sections of the standard UKI */
#define KU_INITRD	4		/* its .initrd and .linux, last */
#define KU_LINUX	5
#define KU_LEN		0x900
#define KU_OSREL	"ID=debian\nVERSION_ID=\"12\"\n"
#define KU_CMDLINE	"console=ttyS0 quiet\r\n"
/* Section names as the little-endian u64 of their 8 bytes. */
#define KU_NAME_CMDLINE	0x656e696c646d632eULL	/* ".cmdline" */
#define KU_NAME_SBAT	0x000000746162732eULL	/* ".sbat" */
#define KU_NAME_DATA	0x000000617461642eULL	/* ".data" */
#define KU_NAME_LINUXX	0x005878756e696c2eULL	/* ".linuxX" */

struct kx_patch {
	u32 off;
	u8 width;		/* 1, 2, 4 or 8; 0 ends the list */
	u64 val;
};

struct kx_case {
	const char *name;
	enum kx_base base;
	struct kx_patch patch[4];
	size_t len;		/* 0: the whole image */
	int err;
	const char *reason;	/* substring of the reason, or NULL */
};

static void put_le(u8 *p, unsigned int width, u64 val)
{
	unsigned int i;

	for (i = 0; i < width; i++)
		p[i] = val >> (8 * i);
}

static void put_word(u8 *p, bool be, u32 val)
{
	if (be)
		put_unaligned_be32(val, p);
	else
		put_unaligned_le32(val, p);
}

static size_t build_arm64(u8 *b)
{
	put_le(b + 0x10, 8, A64_IMAGE_SIZE);
	put_le(b + 0x18, 8, 0xa);
	memcpy(b + 0x38, "ARM\x64", 4);
	return A64_LEN;
}

static size_t build_bzimage(u8 *b)
{
	u8 *code = b + BZ_SETUP;

	b[0x1f1] = BZ_SETUP / 512 - 1;
	put_le(b + 0x1f4, 4, BZ_CODE / 16);
	put_le(b + 0x1fe, 2, 0xaa55);
	b[0x200] = 0xeb;
	b[0x201] = 0x26c - 0x202;
	memcpy(b + 0x202, "HdrS", 4);
	put_le(b + 0x206, 2, 0x020f);
	b[0x211] = 0x01;
	put_le(b + 0x230, 4, 0x200000);
	b[0x234] = 1;
	b[0x235] = 21;
	put_le(b + 0x236, 2, 0x0b);
	put_le(b + 0x238, 4, 0x7ff);
	put_le(b + 0x248, 4, 0x100);
	put_le(b + 0x24c, 4, 0x1000);
	put_le(b + 0x258, 8, 0x1000000);
	put_le(b + 0x260, 4, 0x100000);
	put_le(b + 0x264, 4, 0x190);
	put_le(b + 0x268, 4, BZ_KINFO);
	memcpy(code + BZ_KINFO, "LToP", 4);
	put_le(code + BZ_KINFO + 4, 4, 0x10);
	put_le(code + BZ_KINFO + 8, 4, 0x20);
	return BZ_LEN;
}

static size_t build_note(u8 *p, bool be, const char *name, u32 type,
			 const char *desc, u32 descsz)
{
	u32 namesz = strlen(name) + 1;
	size_t at = 12;

	put_word(p, be, namesz);
	put_word(p + 4, be, descsz);
	put_word(p + 8, be, type);
	memcpy(p + at, name, namesz);
	at += ALIGN(namesz, 4);
	memcpy(p + at, desc, descsz);
	return at + ALIGN(descsz, 4);
}

static size_t build_zimage(u8 *b, bool be)
{
	static const u32 table[] = {
		6, KEXEC_ZIMAGE_TAG_KRNL_SIZE, ZI_SIZE_WORD, ZI_BSS, 0x8000,
		0x10000, 4, KEXEC_ZIMAGE_TAG_NOTES, ZI_NOTES, ZI_NOTES_SIZE, 0,
	};
	unsigned int i;
	size_t at;

	put_le(b + 0x24, 4, 0x016f2818);
	put_le(b + 0x2c, 4, ZI_LEN);
	put_word(b + 0x30, be, 0x04030201);
	put_le(b + 0x34, 4, 0x45454545);
	put_le(b + 0x38, 4, ZI_TABLE);
	for (i = 0; i < ARRAY_SIZE(table); i++)
		put_le(b + ZI_TABLE + 4 * i, 4, table[i]);
	at = build_note(b + ZI_NOTES, be, "Linux", 1, "\x12\x34\x56\x78", 4);
	build_note(b + ZI_NOTES + at, be, "Xen", 0x10, "abcde", 5);
	put_le(b + ZI_SIZE_WORD, 4, ZI_DECOMP);
	return ZI_LEN;
}

/* A gzip member with FNAME around an empty deflate stream. */
static size_t build_gzip(u8 *p, u32 isize)
{
	static const u8 head[] = { 0x1f, 0x8b, 8, 0x08, 0, 0, 0, 0, 2, 3 };

	memcpy(p, head, sizeof(head));
	memcpy(p + 10, "vmlinux", 8);
	p[18] = 0x03;
	p[19] = 0x00;
	put_le(p + 20, 4, 0);
	put_le(p + 24, 4, isize);
	return 28;
}

static size_t build_zboot(u8 *b)
{
	size_t size = build_gzip(b + ZB_PAYLOAD, ZB_ISIZE);

	memcpy(b, "MZ", 2);
	memcpy(b + 4, "zimg", 4);
	put_le(b + 8, 4, ZB_PAYLOAD);
	put_le(b + 12, 4, size);
	memcpy(b + 0x18, "gzip", 4);
	put_le(b + 0x3c, 4, ZB_PE);
	memcpy(b + ZB_PE, "PE\0\0", 4);
	put_le(b + ZB_PE + 4, 2, 0xaa64);
	return ZB_LEN;
}

struct ku_sec {
	const char *name;
	const char *data;	/* NULL: @len bytes of 0xcc */
	u32 len;
};

/* A PE file with sections @s, each in its own KU_SLOT after the table. */
static size_t build_uki_of(u8 *b, const struct ku_sec *s, unsigned int n)
{
	size_t at = ALIGN(KU_SEC(n), KU_SLOT);
	unsigned int i;
	u8 *h;

	memcpy(b, "MZ", 2);
	put_le(b + 0x3c, 4, KU_PE);
	memcpy(b + KU_PE, "PE\0\0", 4);
	put_le(b + KU_PE + 4, 2, 0x8664);
	put_le(b + KU_COUNT, 2, n);
	put_le(b + KU_PE + 20, 2, KU_OPT);
	put_le(b + KU_PE + 24, 2, 0x20b);
	for (i = 0; i < n; i++) {
		h = b + KU_SEC(i);
		memcpy(h, s[i].name, strlen(s[i].name));
		put_le(h + 8, 4, s[i].len);
		put_le(h + 12, 4, 0x10000 * (i + 1));
		put_le(h + 16, 4, KU_SLOT);
		put_le(h + 20, 4, at);
		if (s[i].data)
			memcpy(b + at, s[i].data, s[i].len);
		else
			memset(b + at, 0xcc, s[i].len);
		at += KU_SLOT;
	}
	return at;
}

/* A stub's .text, three text sections, .initrd, and .linux last. */
static size_t build_uki(u8 *b)
{
	static const struct ku_sec s[KU_NR] = {
		{ ".text", NULL, KU_SLOT },
		{ ".osrel", KU_OSREL, sizeof(KU_OSREL) - 1 },
		{ ".cmdline", KU_CMDLINE, sizeof(KU_CMDLINE) - 1 },
		{ ".uname", "6.12.0", 6 },
		[KU_INITRD] = { ".initrd", NULL, 0x80 },
		[KU_LINUX] = { ".linux", NULL, KU_SLOT },
	};

	return build_uki_of(b, s, KU_NR);
}

static size_t build(enum kx_base base, u8 *b)
{
	switch (base) {
	case KX_ARM64:
		return build_arm64(b);
	case KX_BZIMAGE:
		return build_bzimage(b);
	case KX_ZIMAGE:
		return build_zimage(b, false);
	case KX_ZIMAGE_BE:
		return build_zimage(b, true);
	case KX_ZBOOT:
		return build_zboot(b);
	case KX_UKI:
		return build_uki(b);
	default:
		return build_gzip(b, 0x1000);
	}
}

typedef int (*kx_parse_fn)(const void *buf, size_t len,
			  struct kexec_image_info *info);

static kx_parse_fn parser(enum kx_base base)
{
	switch (base) {
	case KX_ARM64:
		return kexec_image_parse_arm64;
	case KX_BZIMAGE:
		return kexec_image_parse_bzimage;
	case KX_ZIMAGE:
	case KX_ZIMAGE_BE:
		return kexec_image_parse_zimage;
	case KX_ZBOOT:
		return kexec_image_parse_zboot;
	case KX_UKI:
		return kexec_image_parse_uki;
	default:
		return kexec_image_parse_gzip;
	}
}

/* Largest synthetic image (a UKI with .cmdline past its cap), so one buffer fits all. */
#define KX_BUF_LEN	(KU_LEN + KEXEC_IMAGE_UKI_MAX_TEXT + 1)

#define P1(o, v) { (o), 1, (v) }
#define P2(o, v) { (o), 2, (v) }
#define P4(o, v) { (o), 4, (v) }
#define P8(o, v) { (o), 8, (v) }
#define KX_MAX KEXEC_IMAGE_MAX_SIZE

static const struct kx_case kx_cases[] = {
	/* arm64 Image */
	{ "arm64 valid", KX_ARM64, {}, 0, 0, NULL },
	{ "arm64 no magic", KX_ARM64, { P4(0x38, 0x644d5242) }, 0, -ENOEXEC },
	{ "arm64 image_size 0", KX_ARM64, { P8(0x10, 0) }, 0, -EINVAL,
	  "image_size 0" },
	{ "arm64 image_size 0x3f", KX_ARM64, { P8(0x10, 0x3f) }, 0, -EINVAL,
	  "smaller than" },
	{ "arm64 image_size 0x40", KX_ARM64, { P8(0x10, 0x40) }, 0, 0 },
	{ "arm64 image_size cap", KX_ARM64, { P8(0x10, KX_MAX) }, 0, 0 },
	{ "arm64 image_size cap+1", KX_ARM64, { P8(0x10, KX_MAX + 1) }, 0,
	  -EINVAL, "cap" },
	{ "arm64 text_offset 2M-1", KX_ARM64,
	  { P8(0x08, 0x1fffff), P8(0x10, 0x400000) }, 0, 0 },
	{ "arm64 text_offset 2M", KX_ARM64,
	  { P8(0x08, 0x200000), P8(0x10, 0x400000) }, 0, -EINVAL,
	  "not below the 2 MiB" },
	{ "arm64 text_offset > image_size", KX_ARM64, { P8(0x08, 0x10001) }, 0,
	  -EINVAL, "text_offset 0x10001 lies beyond image_size 0x10000" },
	{ "arm64 text_offset max", KX_ARM64, { P8(0x08, ~0ULL) }, 0, -EINVAL,
	  "text_offset 0xffffffffffffffff + image_size 0x10000 overflows" },
	{ "arm64 truncated header", KX_ARM64, {}, 0x3f, -EINVAL, "truncates" },
	{ "arm64 magic cut", KX_ARM64, {}, 0x3b, -ENOEXEC },

	/* x86 bzImage */
	{ "bzimage valid", KX_BZIMAGE, {}, 0, 0 },
	{ "bzimage boot flag", KX_BZIMAGE, { P2(0x1fe, 0xaa56) }, 0, -ENOEXEC },
	{ "bzimage HdrS", KX_BZIMAGE, { P1(0x202, 'h') }, 0, -ENOEXEC },
	{ "bzimage protocol 3.00", KX_BZIMAGE, { P2(0x206, 0x0300) }, 0,
	  -EINVAL, "not a 2.xx" },
	{ "bzimage jump", KX_BZIMAGE, { P1(0x200, 0xe9) }, 0, -EINVAL,
	  "short jump" },
	{ "bzimage header short", KX_BZIMAGE, { P1(0x201, 0x69) }, 0, -EINVAL,
	  "needs it to reach 0x26c" },
	{ "bzimage setup fills file", KX_BZIMAGE, { P1(0x1f1, 17) }, 0, -EINVAL,
	  "not inside the file" },
	{ "bzimage syssize+1", KX_BZIMAGE, { P4(0x1f4, BZ_CODE / 16 + 1) }, 0,
	  -EINVAL, "syssize" },
	{ "bzimage kernel_alignment 0", KX_BZIMAGE, { P4(0x230, 0) }, 0,
	  -EINVAL, "power of two" },
	{ "bzimage kernel_alignment 3", KX_BZIMAGE,
	  { P4(0x230, 3), P1(0x235, 0) }, 0, -EINVAL, "power of two" },
	{ "bzimage kernel_alignment 2G", KX_BZIMAGE, { P4(0x230, 0x80000000) },
	  0, -EINVAL, "1 GiB" },
	{ "bzimage min_alignment 22", KX_BZIMAGE, { P1(0x235, 22) }, 0,
	  -EINVAL, "min_alignment 2^22" },
	{ "bzimage min_alignment 32", KX_BZIMAGE, { P1(0x235, 32) }, 0,
	  -EINVAL, "min_alignment" },
	{ "bzimage pref_address misaligned", KX_BZIMAGE,
	  { P8(0x258, 0x1100000) }, 0, -EINVAL, "not aligned" },
	{ "bzimage payload fills code", KX_BZIMAGE,
	  { P4(0x248, 0), P4(0x24c, BZ_CODE) }, 0, 0 },
	{ "bzimage payload one past", KX_BZIMAGE,
	  { P4(0x248, 1), P4(0x24c, BZ_CODE) }, 0, -EINVAL, "ends beyond" },
	{ "bzimage payload overflow", KX_BZIMAGE,
	  { P4(0x248, 0xffffffff), P4(0x24c, 2) }, 0, -EINVAL, "overflows" },
	{ "bzimage payload_length 0", KX_BZIMAGE, { P4(0x24c, 0) }, 0, -EINVAL,
	  "payload_length is 0" },
	{ "bzimage init_size 0", KX_BZIMAGE, { P4(0x260, 0) }, 0, -EINVAL,
	  "init_size" },
	{ "bzimage init_size cap+1", KX_BZIMAGE, { P4(0x260, KX_MAX + 1) }, 0,
	  -EINVAL, "init_size" },
	{ "bzimage pref+init overflow", KX_BZIMAGE,
	  { P8(0x258, 0xffffffffffe00000ULL), P4(0x260, 0x200000) }, 0, -EINVAL,
	  "overflows" },
	{ "bzimage handover past", KX_BZIMAGE, { P4(0x264, BZ_CODE - 0x200) },
	  0, -EINVAL, "handover_offset" },
	{ "bzimage kernel_info magic", KX_BZIMAGE, { P4(0x268, BZ_KINFO + 4) },
	  0, -EINVAL, "LToP" },
	{ "bzimage truncated header", KX_BZIMAGE, {}, 0x26b, -EINVAL,
	  "beyond the file" },
	{ "bzimage truncated code", KX_BZIMAGE, {}, BZ_LEN - 1, -EINVAL,
	  "syssize" },

	/* arm zImage */
	{ "zimage valid", KX_ZIMAGE, {}, 0, 0 },
	{ "zimage be valid", KX_ZIMAGE_BE, {}, 0, 0 },
	{ "zimage no magic", KX_ZIMAGE, { P4(0x24, 0) }, 0, -ENOEXEC },
	{ "zimage end = start", KX_ZIMAGE, { P4(0x2c, 0) }, 0, -EINVAL,
	  "not above start" },
	{ "zimage size > file", KX_ZIMAGE, { P4(0x2c, ZI_LEN + 1) }, 0,
	  -EINVAL, "exceeds the file" },
	{ "zimage no table", KX_ZIMAGE, { P4(0x34, 0) }, 0, 0 },
	{ "zimage table misaligned", KX_ZIMAGE, { P4(0x38, ZI_TABLE + 2) }, 0,
	  -EINVAL, "extension table offset" },
	{ "zimage tag size 1", KX_ZIMAGE, { P4(ZI_TABLE, 1) }, 0, -EINVAL,
	  "not a tag" },
	{ "zimage tag size max", KX_ZIMAGE, { P4(ZI_TABLE, 0xffffffff) }, 0,
	  -EINVAL, "not a tag" },
	{ "zimage KLSZ 3 words", KX_ZIMAGE, { P4(ZI_TABLE, 3) }, 0, -EINVAL,
	  "has 3 words" },
	{ "zimage size word past", KX_ZIMAGE, { P4(ZI_TABLE + 8, ZI_LEN - 3) },
	  0, -EINVAL, "lies beyond" },
	{ "zimage decompressed 0", KX_ZIMAGE, { P4(ZI_SIZE_WORD, 0) }, 0,
	  -EINVAL, "decompressed size 0x0" },
	{ "zimage decompressed cap+1", KX_ZIMAGE,
	  { P4(ZI_SIZE_WORD, KX_MAX + 1) }, 0, -EINVAL, "1 GiB" },
	{ "zimage text_offset 128M", KX_ZIMAGE,
	  { P4(ZI_TABLE + 16, 0x8000000) }, 0, -EINVAL, "128 MiB" },
	{ "zimage notes misaligned", KX_ZIMAGE,
	  { P4(ZI_TABLE + 32, ZI_NOTES + 2) }, 0, -EINVAL, "4-byte aligned" },
	{ "zimage notes past", KX_ZIMAGE, { P4(ZI_TABLE + 32, ZI_LEN - 44) },
	  0, -EINVAL, "lies beyond" },
	{ "zimage notes cut", KX_ZIMAGE, { P4(ZI_TABLE + 36, 40) }, 0, -EINVAL,
	  "note 1 at 0x18" },
	/* A later NOTE entry may grow: words past the size are skipped. */
	{ "zimage NOTE 5 words", KX_ZIMAGE,
	  { P4(ZI_TABLE + 24, 5), P4(ZI_TABLE + 40, 1) }, 0, 0 },
	{ "zimage be notes read le", KX_ZIMAGE_BE, { P4(0x30, 0) }, 0, -EINVAL,
	  "namesz 0x6000000" },
	{ "zimage truncated", KX_ZIMAGE, {}, 0x2f, -EINVAL, "truncates" },

	/* EFI zboot */
	{ "zboot valid", KX_ZBOOT, {}, 0, 0 },
	{ "zboot no zimg", KX_ZBOOT, { P1(4, 'Z') }, 0, -ENOEXEC },
	{ "zboot comp empty", KX_ZBOOT, { P1(0x18, 0) }, 0, -EINVAL, "empty" },
	{ "zboot comp bad byte", KX_ZBOOT, { P1(0x18, 'G') }, 0, -EINVAL,
	  "byte 0x47" },
	{ "zboot payload 0", KX_ZBOOT, { P4(12, 0) }, 0, -EINVAL, "size is 0" },
	{ "zboot payload past", KX_ZBOOT, { P4(8, ZB_LEN - 27) }, 0, -EINVAL,
	  "ends beyond" },
	{ "zboot payload overflow", KX_ZBOOT, { P4(8, 0xfffffff0) }, 0,
	  -EINVAL, "ends beyond" },
	{ "zboot payload not gzip", KX_ZBOOT, { P1(ZB_PAYLOAD, 0) }, 0, -EINVAL,
	  "gzip magic" },
	{ "zboot no PE", KX_ZBOOT, { P4(0x3c, 0x90) }, 0, -EINVAL, "PE" },
	{ "zboot truncated", KX_ZBOOT, {}, 0x3f, -EINVAL, "truncates" },

	/* gzip */
	{ "gzip valid", KX_GZIP, {}, 0, 0 },
	{ "gzip method 7", KX_GZIP, { P1(2, 7) }, 0, -EINVAL, "method 7" },
	{ "gzip reserved flag", KX_GZIP, { P1(3, 0x28) }, 0, -EINVAL,
	  "reserved" },
	{ "gzip FEXTRA past", KX_GZIP, { P1(3, 0x04), P2(10, 0xffff) }, 0,
	  -EINVAL, "FEXTRA" },
	{ "gzip FHCRC eats data", KX_GZIP, { P1(3, 0x0a) }, 0, -EINVAL,
	  "no room" },
	{ "gzip no trailer room", KX_GZIP, {}, 27, -EINVAL, "no room" },

	/* Unified Kernel Image */
	{ "uki valid", KX_UKI, {}, 0, 0 },
	{ "uki no PE magic", KX_UKI, { P4(KU_PE, 0) }, 0, -ENOEXEC,
	  "naming a UKI section" },
	{ "uki only .text", KX_UKI, { P2(KU_COUNT, 1) }, 0, -ENOEXEC,
	  "naming a UKI section" },
	{ "uki .sbat is no UKI", KX_UKI,
	  { P2(KU_COUNT, 2), P8(KU_SEC(1), KU_NAME_SBAT) }, 0, -ENOEXEC },
	{ "uki optional header past file", KX_UKI, { P2(KU_PE + 20, 0xffff) },
	  0, -ENOEXEC },
	{ "uki 96 sections", KX_UKI, { P2(KU_COUNT, 96) }, 0, -EINVAL,
	  "runs past the file" },
	{ "uki 97 sections", KX_UKI, { P2(KU_COUNT, 97) }, 0, -EINVAL,
	  "more than 96" },
	{ "uki table cut", KX_UKI, {}, KU_SEC(KU_NR) - 1, -EINVAL,
	  "runs past the file" },
	{ "uki cut inside .linux", KX_UKI, {}, KU_LEN - 1, -EINVAL,
	  "PE section .linux: raw data 0x800+0x100 ends beyond the file's 0x8ff bytes" },
	{ "uki .linux raw one past", KX_UKI, { P4(KU_RAW(KU_LINUX), 0x101) },
	  0, -EINVAL, "ends beyond the file" },
	{ "uki .linux raw offset wraps", KX_UKI,
	  { P4(KU_OFF(KU_LINUX), 0xffffff80) }, 0, -EINVAL, "ends beyond" },
	{ "uki .initrd overlaps .linux", KX_UKI,
	  { P4(KU_RAW(KU_INITRD), 0x101) }, 0, -EINVAL,
	  "PE sections .initrd (0x700+0x101) and .linux (0x800+0x100) overlap" },
	{ "uki .text overlaps .osrel", KX_UKI, { P4(KU_OFF(0), 0x380) }, 0,
	  -EINVAL, "overlap" },
	{ "uki .initrd vsize = raw", KX_UKI,
	  { P4(KU_VSIZE(KU_INITRD), KU_SLOT) }, 0, 0 },
	{ "uki .initrd vsize > raw", KX_UKI,
	  { P4(KU_VSIZE(KU_INITRD), KU_SLOT + 1) }, 0, -EINVAL,
	  "virtual size 0x101 exceeds its 0x100 bytes" },
	{ "uki .cmdline at its cap", KX_UKI,
	  { P4(KU_VSIZE(2), 0x10000), P4(KU_RAW(2), 0x10000),
	    P4(KU_OFF(2), KU_LEN) }, KU_LEN + 0x10000, 0 },
	{ "uki .cmdline past its cap", KX_UKI,
	  { P4(KU_VSIZE(2), 0x10001), P4(KU_RAW(2), 0x10001),
	    P4(KU_OFF(2), KU_LEN) }, KU_LEN + 0x10001, -EINVAL,
	  "0x10001 bytes, past the cap of 0x10000" },
	{ "uki .cmdline twice", KX_UKI, { P8(KU_SEC(3), KU_NAME_CMDLINE) }, 0,
	  -EINVAL, "UKI section .cmdline appears twice" },
	{ "uki no .linux", KX_UKI, { P8(KU_SEC(KU_LINUX), KU_NAME_DATA) }, 0,
	  -EINVAL, "no .linux" },
	{ "uki .linuxX is no .linux", KX_UKI,
	  { P8(KU_SEC(KU_LINUX), KU_NAME_LINUXX) }, 0, -EINVAL, "no .linux" },
	{ "uki .linux empty", KX_UKI, { P4(KU_VSIZE(KU_LINUX), 0) }, 0,
	  -EINVAL, ".linux is empty" },
	{ "uki .linux without raw data", KX_UKI,
	  { P4(KU_VSIZE(KU_LINUX), 0), P4(KU_RAW(KU_LINUX), 0) }, 0, -EINVAL,
	  ".linux is empty" },
};

static void kx_case_desc(const struct kx_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(kx, kx_cases, kx_case_desc);

static void kexec_image_case_test(struct kunit *test)
{
	const struct kx_case *c = test->param_value;
	struct kexec_image_info *info;
	const struct kx_patch *p;
	kx_parse_fn parse;
	size_t len;
	u8 *buf;
	int ret;

	buf = kunit_kzalloc(test, KX_BUF_LEN, GFP_KERNEL);
	info = kunit_kzalloc(test, sizeof(*info), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_NOT_NULL(test, info);
	len = build(c->base, buf);
	for (p = c->patch; p < c->patch + ARRAY_SIZE(c->patch) && p->width; p++)
		put_le(buf + p->off, p->width, p->val);
	if (c->len)
		len = c->len;

	parse = parser(c->base);
	ret = parse(buf, len, info);
	KUNIT_EXPECT_EQ_MSG(test, ret, c->err, "reason: %s", info->reason);
	KUNIT_EXPECT_EQ(test, info->error, ret);
	if (ret)
		KUNIT_EXPECT_NE(test, info->reason[0], 0);
	if (c->reason)
		KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(info->reason, c->reason),
					  "reason \"%s\" lacks \"%s\"",
					  info->reason, c->reason);
}

/*
 * Every prefix of every image is refused with a reason until it holds all
 * that its format checks, and accepted from there on.
 */
static void kexec_image_truncation_test(struct kunit *test)
{
	static const struct {
		enum kx_base base;
		size_t min_len;
	} bases[] = {
		{ KX_ARM64, 0x40 }, { KX_BZIMAGE, BZ_LEN }, { KX_ZIMAGE, ZI_LEN },
		{ KX_ZBOOT, ZB_PAYLOAD + 28 }, { KX_GZIP, 28 },
		{ KX_UKI, KU_LEN },
	};
	struct kexec_image_info *info;
	unsigned int i;
	size_t len, full;
	u8 *buf;
	int ret;

	buf = kunit_kzalloc(test, KX_BUF_LEN, GFP_KERNEL);
	info = kunit_kzalloc(test, sizeof(*info), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_NOT_NULL(test, info);
	for (i = 0; i < ARRAY_SIZE(bases); i++) {
		memset(buf, 0, KX_BUF_LEN);
		full = build(bases[i].base, buf);
		for (len = 0; len <= full; len++) {
			ret = kexec_image_probe(buf, len, info);
			if (len >= bases[i].min_len) {
				KUNIT_EXPECT_EQ_MSG(test, ret, 0,
						    "base %u cut to %zu: %s", i,
						    len, info->reason);
				continue;
			}
			KUNIT_EXPECT_TRUE_MSG(test, ret == -ENOEXEC ||
					      ret == -EINVAL,
					      "base %u cut to %zu: %d", i, len,
					      ret);
			KUNIT_EXPECT_NE(test, info->reason[0], 0);
		}
	}
}

static void kexec_image_fields_test(struct kunit *test)
{
	struct kexec_image_info *info;
	u8 *buf;

	buf = kunit_kzalloc(test, KX_BUF_LEN, GFP_KERNEL);
	info = kunit_kzalloc(test, sizeof(*info), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_NOT_NULL(test, info);

	KUNIT_ASSERT_EQ(test, kexec_image_probe(buf, build_arm64(buf), info), 0);
	KUNIT_EXPECT_EQ(test, info->format, KEXEC_IMAGE_FMT_ARM64);
	KUNIT_EXPECT_EQ(test, info->image_size, A64_IMAGE_SIZE);
	KUNIT_EXPECT_EQ(test, info->page_size, 0x1000);
	KUNIT_EXPECT_EQ(test, info->placement, KEXEC_IMAGE_PLACE_ANYWHERE);
	KUNIT_EXPECT_EQ(test, info->load_align, 0x200000);

	memset(buf, 0, KX_BUF_LEN);
	KUNIT_ASSERT_EQ(test, kexec_image_probe(buf, build_bzimage(buf), info),
			0);
	KUNIT_EXPECT_EQ(test, info->format, KEXEC_IMAGE_FMT_BZIMAGE);
	KUNIT_EXPECT_EQ(test, info->x86.protocol, 0x020f);
	KUNIT_EXPECT_EQ(test, info->x86.setup_size, BZ_SETUP);
	KUNIT_EXPECT_EQ(test, info->x86.payload_length, 0x1000);
	KUNIT_EXPECT_EQ(test, info->load_align, 0x200000);
	KUNIT_EXPECT_EQ(test, info->image_size, 0x100000);

	memset(buf, 0, KX_BUF_LEN);
	KUNIT_ASSERT_EQ(test, kexec_image_probe(buf, build_zboot(buf), info),
			0);
	KUNIT_EXPECT_EQ(test, info->format, KEXEC_IMAGE_FMT_EFI_ZBOOT);
	KUNIT_EXPECT_STREQ(test, info->zboot.comp_type, "gzip");
	KUNIT_EXPECT_EQ(test, info->zboot.decompressed_size, ZB_ISIZE);
	KUNIT_EXPECT_EQ(test, info->gzip.data_offset, 18);
}

/* The unwrap plan kexec_unwrap() and kexec-image-info --unwrap follow. */
static void kexec_image_unwrap_plan_test(struct kunit *test)
{
	struct kexec_image_stream *s;
	struct kexec_image_info *info;
	u8 *buf;

	buf = kunit_kzalloc(test, KX_BUF_LEN, GFP_KERNEL);
	info = kunit_kzalloc(test, sizeof(*info), GFP_KERNEL);
	s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_NOT_NULL(test, info);
	KUNIT_ASSERT_NOT_NULL(test, s);

	/* zboot's gzip member: the deflate data between header and trailer. */
	build_zboot(buf);
	put_le(buf + ZB_PAYLOAD + 20, 4, 0xcafef00d);
	KUNIT_ASSERT_EQ(test, kexec_image_probe(buf, ZB_LEN, info), 0);
	KUNIT_ASSERT_EQ(test, kexec_image_unwrap_plan(info, s), 0);
	KUNIT_EXPECT_STREQ(test, s->wrapper, "efi-zboot");
	KUNIT_EXPECT_STREQ(test, s->method, "gzip");
	KUNIT_EXPECT_EQ(test, s->offset, ZB_PAYLOAD + 18);
	KUNIT_EXPECT_EQ(test, s->length, 2);
	KUNIT_EXPECT_EQ(test, s->declared, ZB_ISIZE);
	KUNIT_EXPECT_EQ(test, s->crc, 0xcafef00d);
	KUNIT_EXPECT_EQ(test, kexec_image_unwrap_check(s, ZB_ISIZE, 0xcafef00d), 0);
	KUNIT_EXPECT_EQ(test, kexec_image_unwrap_check(s, ZB_ISIZE, 0), -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, strstr(s->reason, "CRC32 0xcafef00d"));
	KUNIT_EXPECT_EQ(test, kexec_image_unwrap_check(s, 1, 0xcafef00d), -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, strstr(s->reason, "its payload gives 1"));

	/* An unknown zboot method, its size word after the payload. */
	memcpy(buf + 0x18, "lzma", 4);
	put_le(buf + ZB_PAYLOAD + 28, 4, ZB_ISIZE);
	KUNIT_ASSERT_EQ(test, kexec_image_probe(buf, ZB_LEN, info), 0);
	KUNIT_EXPECT_EQ(test, kexec_image_unwrap_plan(info, s), -EOPNOTSUPP);
	KUNIT_EXPECT_NOT_NULL(test, strstr(s->reason, "\"lzma\": no decompressor"));

	/* zstd: the size word and the frame's content size must agree. */
	s->wrapper = "efi-zboot";
	s->method = "zstd";
	s->has_declared = true;
	s->declared = 0x1000;
	KUNIT_EXPECT_EQ(test, kexec_image_unwrap_zstd_size(s, true, 0x1001, SZ_1M),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, kexec_image_unwrap_zstd_size(s, false, 0, 0xfff),
			-EFBIG);
	KUNIT_EXPECT_EQ(test, kexec_image_unwrap_zstd_size(s, true, 0x1000, 0x1000),
			0);
	s->has_declared = false;
	KUNIT_EXPECT_EQ(test, kexec_image_unwrap_zstd_size(s, false, 0, SZ_1M),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, kexec_image_unwrap_zstd_size(s, true, 0x2000, SZ_1M),
			0);
	KUNIT_EXPECT_EQ(test, s->declared, 0x2000);
	/* An empty output is refused before anything is allocated for it. */
	s->has_declared = false;
	KUNIT_EXPECT_EQ(test, kexec_image_unwrap_zstd_size(s, true, 0, SZ_1M),
			-EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, strstr(s->reason, "declares 0 bytes"));
	s->has_declared = true;
	s->declared = 0;
	KUNIT_EXPECT_EQ(test, kexec_image_unwrap_zstd_size(s, false, 0, SZ_1M),
			-EINVAL);

	/* A gzip ISIZE of 0 is refused when the stream is planned. */
	KUNIT_ASSERT_EQ(test, kexec_image_probe(buf, build_gzip(buf, 0), info),
			0);
	KUNIT_EXPECT_EQ(test, kexec_image_unwrap_plan(info, s), -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, strstr(s->reason, "ISIZE 0"));

	/* One level: a wrapper inside is refused, an Image is not. */
	info->format = KEXEC_IMAGE_FMT_GZIP;
	KUNIT_EXPECT_EQ(test, kexec_image_unwrap_inner(s, info), -EINVAL);
	info->format = KEXEC_IMAGE_FMT_ARM64;
	KUNIT_EXPECT_EQ(test, kexec_image_unwrap_inner(s, info), 0);
	KUNIT_EXPECT_EQ(test, kexec_image_unwrap_plan(info, s), -ENOEXEC);
}

static void kexec_image_zimage_notes_test(struct kunit *test)
{
	struct kexec_image_info *info;
	struct kexec_note_iter it;
	struct kexec_note note;
	unsigned int i;
	size_t len;
	bool be;
	u8 *buf;

	buf = kunit_kzalloc(test, KX_BUF_LEN, GFP_KERNEL);
	info = kunit_kzalloc(test, sizeof(*info), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_NOT_NULL(test, info);
	for (i = 0; i < 2; i++) {
		be = i;
		memset(buf, 0, KX_BUF_LEN);
		len = build_zimage(buf, be);
		KUNIT_ASSERT_EQ(test, kexec_image_parse_zimage(buf, len, info), 0);
		KUNIT_EXPECT_EQ(test, info->endian,
				be ? KEXEC_IMAGE_BE : KEXEC_IMAGE_LE);
		KUNIT_EXPECT_EQ(test, info->image_size, ZI_DECOMP + ZI_BSS);
		KUNIT_EXPECT_EQ(test, info->text_offset, 0x8000);
		KUNIT_EXPECT_EQ(test, info->zimage.notes_count, 2);
		KUNIT_ASSERT_TRUE(test, kexec_image_notes(buf, ZI_LEN, info,
							  &it));
		KUNIT_ASSERT_EQ(test, kexec_note_next(&it, &note, info), 1);
		KUNIT_EXPECT_EQ(test, note.namesz, 6);
		KUNIT_EXPECT_STREQ(test, note.name, "Linux");
		KUNIT_EXPECT_EQ(test, note.type, 1);
		KUNIT_EXPECT_EQ(test, note.descsz, 4);
		KUNIT_ASSERT_EQ(test, kexec_note_next(&it, &note, info), 1);
		KUNIT_EXPECT_STREQ(test, note.name, "Xen");
		KUNIT_EXPECT_EQ(test, note.descsz, 5);
		KUNIT_EXPECT_EQ(test, memcmp(note.desc, "abcde", 5), 0);
		KUNIT_EXPECT_EQ(test, kexec_note_next(&it, &note, info), 0);
	}
}

struct kx_note_case {
	const char *name;
	u32 words[6];
	size_t len;
	int count;		/* notes, or -EINVAL */
};

static const struct kx_note_case kx_note_cases[] = {
	{ "empty area", {}, 0, 0 },
	{ "one empty note", { 0, 0, 7 }, 12, 1 },
	{ "name padded", { 5, 0, 1, 0, 0 }, 20, 1 },
	{ "name unpadded", { 5, 0, 1, 0, 0 }, 17, -EINVAL },
	{ "desc exactly fits", { 0, 8, 1, 0, 0 }, 20, 1 },
	{ "desc one word past", { 0, 12, 1, 0, 0 }, 20, -EINVAL },
	{ "namesz max", { 0xffffffff, 0, 1 }, 12, -EINVAL },
	{ "namesz pad wraps", { 0xfffffffd, 0, 1 }, 12, -EINVAL },
	{ "descsz max", { 0, 0xffffffff, 1 }, 12, -EINVAL },
	{ "trailing 4 bytes", { 0, 0, 7, 0 }, 16, -EINVAL },
	{ "header cut", { 0, 0 }, 8, -EINVAL },
};

static void kx_note_desc(const struct kx_note_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(kx_note, kx_note_cases, kx_note_desc);

static void kexec_image_notes_test(struct kunit *test)
{
	const struct kx_note_case *c = test->param_value;
	struct kexec_image_info *info;
	unsigned int i;
	u8 *area;

	info = kunit_kzalloc(test, sizeof(*info), GFP_KERNEL);
	area = kunit_kzalloc(test, sizeof(c->words), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, info);
	KUNIT_ASSERT_NOT_NULL(test, area);
	for (i = 0; i < ARRAY_SIZE(c->words); i++)
		put_unaligned_le32(c->words[i], area + 4 * i);
	KUNIT_EXPECT_EQ_MSG(test, kexec_notes_check(area, c->len, false, info),
			    c->count, "reason: %s", info->reason);
}

/* What kexec_unwrap_uki() takes out of a UKI, as the parser describes it. */
static void kexec_image_uki_test(struct kunit *test)
{
	struct kexec_image_info *info;
	u8 *buf;
	size_t len;

	buf = kunit_kzalloc(test, KX_BUF_LEN, GFP_KERNEL);
	info = kunit_kzalloc(test, sizeof(*info), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_NOT_NULL(test, info);
	len = build_uki(buf);
	KUNIT_ASSERT_EQ(test, kexec_image_probe(buf, len, info), 0);
	KUNIT_EXPECT_EQ(test, info->format, KEXEC_IMAGE_FMT_UKI);
	KUNIT_EXPECT_STREQ(test, kexec_image_format_name(info->format), "uki");
	KUNIT_EXPECT_EQ(test, info->uki.nr_sections, KU_NR);
	KUNIT_EXPECT_EQ(test, info->uki.nr_profiles, 0);
	KUNIT_EXPECT_EQ(test, info->uki.present,
			BIT(KEXEC_UKI_LINUX) | BIT(KEXEC_UKI_INITRD) |
			BIT(KEXEC_UKI_CMDLINE) | BIT(KEXEC_UKI_OSREL) |
			BIT(KEXEC_UKI_UNAME));
	KUNIT_EXPECT_EQ(test, info->uki.section[KEXEC_UKI_LINUX].offset, 0x800);
	KUNIT_EXPECT_EQ(test, info->uki.section[KEXEC_UKI_LINUX].size, KU_SLOT);
	KUNIT_EXPECT_EQ(test, info->uki.section[KEXEC_UKI_INITRD].offset, 0x700);
	KUNIT_EXPECT_EQ(test, info->uki.section[KEXEC_UKI_INITRD].size, 0x80);

	/* Text ends at its NUL and without trailing white space. */
	KUNIT_EXPECT_EQ(test, kexec_image_uki_text(buf, info, KEXEC_UKI_CMDLINE),
			strlen("console=ttyS0 quiet"));
	KUNIT_EXPECT_EQ(test, kexec_image_uki_text(buf, info, KEXEC_UKI_UNAME), 6);
	KUNIT_EXPECT_EQ(test, kexec_image_uki_text(buf, info, KEXEC_UKI_DTB), 0);
	KUNIT_EXPECT_EQ(test, kexec_image_uki_text(buf, info,
						   KEXEC_UKI_NR_SECTIONS), 0);
	kexec_image_uki_osrel(buf, len, info);
	KUNIT_EXPECT_STREQ(test, info->uki.os_id, "debian");
	KUNIT_EXPECT_STREQ(test, info->uki.version_id, "12");
	KUNIT_EXPECT_STREQ(test, kexec_uki_section_name(KEXEC_UKI_LINUX),
			   ".linux");
	KUNIT_EXPECT_STREQ(test, kexec_uki_section_name(KEXEC_UKI_NR_SECTIONS),
			   "?");
}

/*
 * A multi-profile UKI: the shared sections, overridden by the first
 * profile's; the later profiles' sections are checked against the file but
 * never taken, so a section twice there is no error.
 */
static void kexec_image_uki_profiles_test(struct kunit *test)
{
	static const struct ku_sec s[] = {
		{ ".text", NULL, KU_SLOT },
		{ ".linux", NULL, KU_SLOT },
		{ ".cmdline", "shared", 6 },
		{ ".profile", "ID=one\n", 7 },
		{ ".cmdline", "one", 3 },
		{ ".profile", "ID=two\n", 7 },
		{ ".cmdline", "two", 3 },
		{ ".cmdline", "two again", 9 },
		{ ".linux", NULL, 0x80 },
	};
	struct kexec_image_info *info;
	size_t len, first_cmdline;
	u8 *buf;

	buf = kunit_kzalloc(test, KX_BUF_LEN, GFP_KERNEL);
	info = kunit_kzalloc(test, sizeof(*info), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_NOT_NULL(test, info);
	len = build_uki_of(buf, s, ARRAY_SIZE(s));
	KUNIT_ASSERT_EQ_MSG(test, kexec_image_parse_uki(buf, len, info), 0,
			    "reason: %s", info->reason);
	KUNIT_EXPECT_EQ(test, info->uki.nr_profiles, 2);
	KUNIT_EXPECT_EQ(test, info->uki.section[KEXEC_UKI_LINUX].size, KU_SLOT);
	KUNIT_ASSERT_EQ(test, kexec_image_uki_text(buf, info, KEXEC_UKI_CMDLINE),
			3);
	first_cmdline = info->uki.section[KEXEC_UKI_CMDLINE].offset;
	KUNIT_EXPECT_EQ(test, memcmp(buf + first_cmdline, "one", 3), 0);

	/* The second profile's .profile renamed: .cmdline twice in the first. */
	put_le(buf + KU_SEC(5), 8, KU_NAME_CMDLINE);
	KUNIT_EXPECT_EQ(test, kexec_image_parse_uki(buf, len, info), -EINVAL);
	KUNIT_EXPECT_NOT_NULL_MSG(test,
				  strstr(info->reason, "appears twice in the first profile"),
				  "reason: %s", info->reason);

	/* A later profile's section must still lie in the file. */
	memset(buf, 0, KX_BUF_LEN);
	len = build_uki_of(buf, s, ARRAY_SIZE(s));
	KUNIT_EXPECT_EQ(test, kexec_image_parse_uki(buf, len - 1, info), -EINVAL);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(info->reason, "ends beyond the file"),
				  "reason: %s", info->reason);
}

#ifdef CONFIG_KEXEC_IMAGE_ELF
/*
 * ELF: an x86-64 vmlinux in small, as the host harness's make_elf() lays
 * it out: four PT_LOADs (text, data, percpu, init with bss), then a
 * PT_NOTE whose notes lie in the text's file bytes; the file ends with
 * the last PT_LOAD's bytes.
 */
#define EL_LEN		0x1000
#define EL_PH(i)	(0x40 + 56 * (i))
#define EL_TYPE(i)	(EL_PH(i) + 0)
#define EL_OFF(i)	(EL_PH(i) + 8)
#define EL_PADDR(i)	(EL_PH(i) + 24)
#define EL_FILESZ(i)	(EL_PH(i) + 32)
#define EL_MEMSZ(i)	(EL_PH(i) + 40)
#define EL_ALIGN(i)	(EL_PH(i) + 48)
#define EL_NOTE_PH	4
#define EL_PHNUM	5
#define EL_BASE		0x1000000
#define EL_HIGH		0x1610000
#define EL_SPAN		(EL_HIGH - EL_BASE)
#define EL_ENTRY	(EL_BASE + 0x40)
#define EL_NOTES	0x600
#define EL_NOTES_SIZE	0x88
#define EL_ENTRY_DESC	0x664		/* the 8-byte PHYS32_ENTRY */
#define EL_RELOC	0x66c		/* the PHYS32_RELOC note, last */
#define EL_RELOC_DESC	(EL_RELOC + 16)

struct kx_elf_note {
	const char *name;
	u32 type;
	const char *desc;
	u32 descsz;
};

#define KX_ID		{ "GNU", 3, "kexec-elf-build-id01", 20 }
#define KX_LINUX	{ "Linux", 0x101, "\0\0\0\0", 4 }
#define KX_OS		{ "Xen", 6, "linux", 6 }
#define KX_ENTRY	{ "Xen", 18, "\x40\0\0\x01\0\0\0\0", 8 }
#define KX_ENTRY4	{ "Xen", 18, "\x40\0\0\x01", 4 }
#define KX_RELOC	{ "Xen", 19, "\0\0\x20\0\0\0\0\x01\xff\xff\xff\x3f", 12 }
#define KX_ZEROS	"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0" \
			"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0" \
			"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"

static const struct kx_elf_note kx_elf_std[] = {
	KX_ID, KX_LINUX, KX_OS, KX_ENTRY, KX_RELOC,
};

static const struct kx_elf_note kx_elf_entry4[] = { KX_ID, KX_ENTRY4, KX_RELOC };

static const struct kx_elf_note kx_elf_entry5[] = {
	KX_ID, { "Xen", 18, KX_ZEROS, 5 }, KX_RELOC,
};

static const struct kx_elf_note kx_elf_entry_twice[] = {
	KX_ID, KX_ENTRY, KX_RELOC, KX_ENTRY4,
};

static const struct kx_elf_note kx_elf_reloc16[] = {
	KX_ID, KX_ENTRY, { "Xen", 19, KX_ZEROS, 16 },
};

static const struct kx_elf_note kx_elf_reloc_twice[] = {
	KX_ID, KX_RELOC, KX_ENTRY, { "Xen", 19, "", 0 },
};

static const struct kx_elf_note kx_elf_id64[] = {
	{ "GNU", 3, KX_ZEROS, 64 }, KX_ENTRY, KX_RELOC,
};

static const struct kx_elf_note kx_elf_id65[] = {
	{ "GNU", 3, KX_ZEROS, 65 }, KX_ENTRY, KX_RELOC,
};

static const struct kx_elf_note kx_elf_not_judged[] = {
	KX_ID, { "XEN", 18, KX_ZEROS, 5 }, { "GNU", 18, KX_ZEROS, 5 },
	{ "Xen", 3, KX_ZEROS, 65 }, { "Xen", 17, KX_ZEROS, 13 }, KX_ENTRY,
	KX_RELOC,
};

static size_t build_elf_note(u8 *p, const struct kx_elf_note *n)
{
	u32 namesz = strlen(n->name) + 1;
	size_t at = 12 + ALIGN(namesz, 4);

	put_le(p, 4, namesz);
	put_le(p + 4, 4, n->descsz);
	put_le(p + 8, 4, n->type);
	memcpy(p + 12, n->name, namesz);
	memcpy(p + at, n->desc, n->descsz);
	return at + ALIGN(n->descsz, 4);
}

static size_t build_elf_notes(u8 *b, const struct kx_elf_note *n,
			      unsigned int nr)
{
	static const struct {
		u32 flags;
		u64 offset, paddr, filesz, memsz, align;
	} loads[] = {
		{ 5, 0x200, EL_BASE, 0x600, 0x600, 0x200000 },
		{ 6, 0x800, 0x1200000, 0x400, 0x400, 0x200000 },
		{ 6, 0xc00, 0x1400000, 0x200, 0x200, 0x1000 },
		{ 7, 0xe00, 0x1600000, 0x200, 0x10000, 0x200000 },
	};
	size_t at = EL_NOTES;
	unsigned int i;

	memcpy(b, "\177ELF\2\1\1", 7);
	put_le(b + 16, 2, 2);				/* ET_EXEC */
	put_le(b + 18, 2, 62);				/* EM_X86_64 */
	put_le(b + 20, 4, 1);
	put_le(b + 24, 8, 0xffffffff81000000ULL);
	put_le(b + 32, 8, EL_PH(0));
	put_le(b + 52, 2, 64);
	put_le(b + 54, 2, 56);
	put_le(b + 56, 2, EL_PHNUM);
	for (i = 0; i < ARRAY_SIZE(loads); i++) {
		put_le(b + EL_TYPE(i), 4, 1);		/* PT_LOAD */
		put_le(b + EL_PH(i) + 4, 4, loads[i].flags);
		put_le(b + EL_OFF(i), 8, loads[i].offset);
		put_le(b + EL_PADDR(i), 8, loads[i].paddr);
		put_le(b + EL_FILESZ(i), 8, loads[i].filesz);
		put_le(b + EL_MEMSZ(i), 8, loads[i].memsz);
		put_le(b + EL_ALIGN(i), 8, loads[i].align);
	}
	for (i = 0; i < nr; i++)
		at += build_elf_note(b + at, &n[i]);
	put_le(b + EL_TYPE(EL_NOTE_PH), 4, 4);		/* PT_NOTE */
	put_le(b + EL_OFF(EL_NOTE_PH), 8, EL_NOTES);
	put_le(b + EL_FILESZ(EL_NOTE_PH), 8, at - EL_NOTES);
	put_le(b + EL_MEMSZ(EL_NOTE_PH), 8, at - EL_NOTES);
	put_le(b + EL_ALIGN(EL_NOTE_PH), 8, 4);
	return EL_LEN;
}

static size_t build_elf(u8 *b)
{
	return build_elf_notes(b, kx_elf_std, ARRAY_SIZE(kx_elf_std));
}

struct kx_elf_case {
	const char *name;
	const struct kx_elf_note *notes;	/* NULL: build_elf()'s */
	unsigned int nr_notes;
	struct kx_patch patch[4];
	size_t len;		/* 0: the whole file */
	int err;
	const char *reason;	/* substring of the reason, or NULL */
};

static const struct kx_elf_case kx_elf_cases[] = {
	{ "elf valid", NULL, 0, {}, 0, 0 },
	/* e_ident and the header */
	{ "elf no magic", NULL, 0, { P1(1, 'e') }, 0, -ENOEXEC },
	{ "elf e_ident cut", NULL, 0, {}, 15, -ENOEXEC },
	{ "elf header cut", NULL, 0, {}, 63, -EINVAL,
	  "file of 0x3f bytes truncates the 0x40-byte ELF64 header" },
	{ "elf ELFCLASS32", NULL, 0, { P1(4, 1) }, 0, -EOPNOTSUPP,
	  "EI_CLASS 1 (ELFCLASS32)" },
	{ "elf EI_CLASS 3", NULL, 0, { P1(4, 3) }, 0, -EINVAL,
	  "EI_CLASS 3 is neither" },
	{ "elf ELFDATA2MSB", NULL, 0, { P1(5, 2) }, 0, -EOPNOTSUPP,
	  "EI_DATA 2 (ELFDATA2MSB)" },
	{ "elf EI_DATA 3", NULL, 0, { P1(5, 3) }, 0, -EINVAL,
	  "EI_DATA 3 is neither" },
	{ "elf EI_VERSION 2", NULL, 0, { P1(6, 2) }, 0, -EINVAL,
	  "EI_VERSION 2 is not EV_CURRENT" },
	{ "elf ET_DYN", NULL, 0, { P2(16, 3) }, 0, -EOPNOTSUPP,
	  "e_type 3 is not ET_EXEC" },
	{ "elf e_phentsize 55", NULL, 0, { P2(54, 55) }, 0, -EINVAL,
	  "e_phentsize 55" },
	{ "elf e_phentsize 57", NULL, 0, { P2(54, 57) }, 0, -EINVAL,
	  "e_phentsize 57" },
	{ "elf e_phnum 0", NULL, 0, { P2(56, 0) }, 0, -EINVAL, "e_phnum 0" },
	{ "elf e_phnum 65", NULL, 0, { P2(56, 65) }, 0, -EFBIG,
	  "e_phnum 65 exceeds the cap of 64" },
	{ "elf table at file end", NULL, 0, { P8(32, EL_LEN - 0x118) }, 0,
	  -EINVAL, "no PT_LOAD among the 5 program headers" },
	{ "elf table one past", NULL, 0, { P8(32, EL_LEN - 0x117) }, 0, -EINVAL,
	  "program headers 0xee9+0x118 run past" },
	{ "elf table offset wraps", NULL, 0, { P8(32, ~0ULL) }, 0, -EINVAL,
	  "program headers 0xffffffffffffffff+0x118 run past" },
	/* PT_LOAD */
	{ "elf load cut", NULL, 0, {}, EL_LEN - 1, -EINVAL,
	  "phdr 3 (PT_LOAD): p_offset 0xe00 + p_filesz 0x200 runs past the file's 0xfff bytes" },
	{ "elf load filesz one past", NULL, 0, { P8(EL_FILESZ(3), 0x201) }, 0,
	  -EINVAL, "p_filesz 0x201 runs past" },
	{ "elf load offset wraps", NULL, 0, { P8(EL_OFF(0), ~0ULL - 0xff) }, 0,
	  -EINVAL, "p_offset 0xffffffffffffff00 + p_filesz 0x600 runs past" },
	{ "elf load filesz = memsz", NULL, 0, { P8(EL_MEMSZ(3), 0x200) }, 0, 0 },
	{ "elf load memsz < filesz", NULL, 0, { P8(EL_MEMSZ(3), 0x1ff) }, 0,
	  -EINVAL, "p_filesz 0x200 exceeds p_memsz 0x1ff" },
	{ "elf load memsz 0", NULL, 0,
	  { P8(EL_FILESZ(3), 0), P8(EL_MEMSZ(3), 0) }, 0, -EINVAL,
	  "phdr 3 (PT_LOAD): p_memsz is 0" },
	{ "elf load end 2^64", NULL, 0,
	  { P8(EL_PADDR(3), 0xffffffffffff0000ULL) }, 0, -EINVAL,
	  "p_paddr 0xffffffffffff0000 + p_memsz 0x10000 overflows" },
	{ "elf load end 2^64-1", NULL, 0,
	  { P8(EL_PADDR(3), 0xffffffffffff0000ULL), P8(EL_MEMSZ(3), 0xffff) },
	  0, -EFBIG, "past the 0x40000000 cap" },
	{ "elf load align 0", NULL, 0, { P8(EL_ALIGN(2), 0) }, 0, 0 },
	{ "elf load align 3", NULL, 0, { P8(EL_ALIGN(2), 3) }, 0, -EINVAL,
	  "p_align 0x3 is neither 0 nor a power of two" },
	{ "elf loads adjacent", NULL, 0, { P8(EL_PADDR(1), 0x1000600) }, 0, 0 },
	{ "elf loads overlap", NULL, 0, { P8(EL_PADDR(1), 0x10005ff) }, 0,
	  -EINVAL, "overlaps the previous PT_LOAD, which ends at 0x1000600" },
	{ "elf loads descend", NULL, 0, { P8(EL_PADDR(1), EL_BASE - 1) }, 0,
	  -EINVAL, "p_paddr 0xffffff is below the previous PT_LOAD's 0x1000000" },
	{ "elf no PT_LOAD", NULL, 0,
	  { P4(EL_TYPE(0), 0), P4(EL_TYPE(1), 0), P4(EL_TYPE(2), 0),
	    P4(EL_TYPE(3), 0) }, 0, -EINVAL, "no PT_LOAD" },
	{ "elf span at cap", NULL, 0,
	  { P8(EL_MEMSZ(3), 0x3fa00000), P4(EL_RELOC_DESC + 8, 0xffffffff) },
	  0, 0 },
	{ "elf span past cap", NULL, 0,
	  { P8(EL_MEMSZ(3), 0x3fa00001), P4(EL_RELOC_DESC + 8, 0xffffffff) },
	  0, -EFBIG, "0x40000001 bytes, past the 0x40000000 cap" },
	/* PT_NOTE */
	{ "elf notes at file end", NULL, 0,
	  { P8(EL_OFF(EL_NOTE_PH), EL_LEN - 0x84),
	    P8(EL_FILESZ(EL_NOTE_PH), 0x84) }, 0, 0 },
	{ "elf notes one past", NULL, 0,
	  { P8(EL_OFF(EL_NOTE_PH), EL_LEN - EL_NOTES_SIZE + 1) }, 0, -EINVAL,
	  "phdr 4 (PT_NOTE): p_offset 0xf79 + p_filesz 0x88 runs past" },
	{ "elf notes size wraps", NULL, 0, { P8(EL_FILESZ(EL_NOTE_PH), ~0ULL) },
	  0, -EINVAL, "p_filesz 0xffffffffffffffff runs past" },
	{ "elf notes cut", NULL, 0,
	  { P8(EL_FILESZ(EL_NOTE_PH), EL_NOTES_SIZE - 1) }, 0, -EINVAL,
	  "phdr 4 (PT_NOTE): note 4 at 0x6c: descsz 0xc runs past" },
	{ "elf notes trailing", NULL, 0,
	  { P8(EL_FILESZ(EL_NOTE_PH), EL_NOTES_SIZE + 4) }, 0, -EINVAL,
	  "note 5 at 0x88: 4 trailing bytes" },
	/* XEN_ELFNOTE_PHYS32_ENTRY */
	{ "elf entry 4 bytes", kx_elf_entry4, ARRAY_SIZE(kx_elf_entry4), {}, 0, 0 },
	{ "elf entry 5 bytes", kx_elf_entry5, ARRAY_SIZE(kx_elf_entry5), {}, 0, -EINVAL,
	  "XEN_ELFNOTE_PHYS32_ENTRY of 5 bytes, not 4 or 8" },
	{ "elf entry 2^32", NULL, 0, { P8(EL_ENTRY_DESC, 0x100000000ULL) }, 0,
	  -EINVAL, "0x100000000 is not a 32-bit address" },
	{ "elf entry twice", kx_elf_entry_twice, ARRAY_SIZE(kx_elf_entry_twice), {}, 0, -EINVAL,
	  "note 3: a second XEN_ELFNOTE_PHYS32_ENTRY" },
	{ "elf entry at low", NULL, 0, { P8(EL_ENTRY_DESC, EL_BASE) }, 0, 0 },
	{ "elf entry below low", NULL, 0, { P8(EL_ENTRY_DESC, EL_BASE - 1) },
	  0, -EINVAL, "0xffffff is outside the loaded image" },
	{ "elf entry last text byte", NULL, 0,
	  { P8(EL_ENTRY_DESC, 0x10005ff) }, 0, 0 },
	{ "elf entry past text", NULL, 0, { P8(EL_ENTRY_DESC, 0x1000600) }, 0,
	  -EINVAL, "0x1000600 is outside the loaded image" },
	{ "elf entry last file byte", NULL, 0,
	  { P8(EL_ENTRY_DESC, 0x16001ff) }, 0, 0 },
	{ "elf entry in bss", NULL, 0, { P8(EL_ENTRY_DESC, 0x1600200) }, 0,
	  -EINVAL, "0x1600200 is outside the loaded image" },
	/* XEN_ELFNOTE_PHYS32_RELOC */
	{ "elf reloc 16 bytes", kx_elf_reloc16, ARRAY_SIZE(kx_elf_reloc16), {}, 0, -EINVAL,
	  "XEN_ELFNOTE_PHYS32_RELOC of 16 bytes, not 0, 4, 8 or 12" },
	{ "elf reloc twice", kx_elf_reloc_twice, ARRAY_SIZE(kx_elf_reloc_twice), {}, 0, -EINVAL,
	  "note 3: a second XEN_ELFNOTE_PHYS32_RELOC" },
	{ "elf reloc align 1", NULL, 0, { P4(EL_RELOC_DESC, 1) }, 0, 0 },
	{ "elf reloc align 0", NULL, 0, { P4(EL_RELOC_DESC, 0) }, 0, -EINVAL,
	  "align 0x0 is not a power of two" },
	{ "elf reloc align 3", NULL, 0, { P4(EL_RELOC_DESC, 3) }, 0, -EINVAL,
	  "align 0x3 is not a power of two" },
	{ "elf reloc min above max", NULL, 0,
	  { P4(EL_RELOC_DESC + 4, 0x40000000) }, 0, -EINVAL,
	  "min 0x40000000 is above max 0x3fffffff: empty window" },
	{ "elf reloc window exact", NULL, 0,
	  { P4(EL_RELOC_DESC + 8, EL_BASE + EL_SPAN - 1) }, 0, 0 },
	{ "elf reloc window one short", NULL, 0,
	  { P4(EL_RELOC_DESC + 8, EL_BASE + EL_SPAN - 2) }, 0, -EINVAL,
	  "window 0x1000000-0x160fffe is smaller than the image's 0x610000 bytes: empty window" },
	/* NT_GNU_BUILD_ID, and the notes that are not judged */
	{ "elf build ID 64", kx_elf_id64, ARRAY_SIZE(kx_elf_id64), {}, 0, 0 },
	{ "elf build ID 65", kx_elf_id65, ARRAY_SIZE(kx_elf_id65), {}, 0, -EINVAL,
	  "NT_GNU_BUILD_ID of 65 bytes exceeds the 64-byte cap" },
	{ "elf other notes", kx_elf_not_judged, ARRAY_SIZE(kx_elf_not_judged), {}, 0, 0 },
};

static void kx_elf_case_desc(const struct kx_elf_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(kx_elf, kx_elf_cases, kx_elf_case_desc);

static void kexec_image_elf_case_test(struct kunit *test)
{
	const struct kx_elf_case *c = test->param_value;
	struct kexec_image_info *info;
	const struct kx_patch *p;
	size_t len;
	u8 *buf;
	int ret;

	buf = kunit_kzalloc(test, KX_BUF_LEN, GFP_KERNEL);
	info = kunit_kzalloc(test, sizeof(*info), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_NOT_NULL(test, info);
	len = c->notes ? build_elf_notes(buf, c->notes, c->nr_notes) :
			 build_elf(buf);
	for (p = c->patch; p < c->patch + ARRAY_SIZE(c->patch) && p->width; p++)
		put_le(buf + p->off, p->width, p->val);
	if (c->len)
		len = c->len;

	ret = kexec_image_parse_elf(buf, len, info);
	KUNIT_EXPECT_EQ_MSG(test, ret, c->err, "reason: %s", info->reason);
	KUNIT_EXPECT_EQ(test, info->error, ret);
	KUNIT_EXPECT_EQ(test, info->format, ret == -ENOEXEC ?
			KEXEC_IMAGE_FMT_UNKNOWN : KEXEC_IMAGE_FMT_ELF);
	if (ret)
		KUNIT_EXPECT_NE(test, info->reason[0], 0);
	if (c->reason)
		KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(info->reason, c->reason),
					  "reason \"%s\" lacks \"%s\"",
					  info->reason, c->reason);
}

/* Every prefix of the file is refused, up to its last PT_LOAD byte. */
static void kexec_image_elf_truncation_test(struct kunit *test)
{
	struct kexec_image_info *info;
	size_t len;
	u8 *buf;
	int ret;

	buf = kunit_kzalloc(test, KX_BUF_LEN, GFP_KERNEL);
	info = kunit_kzalloc(test, sizeof(*info), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_NOT_NULL(test, info);
	build_elf(buf);
	for (len = 0; len < EL_LEN; len++) {
		ret = kexec_image_probe(buf, len, info);
		KUNIT_EXPECT_EQ_MSG(test, ret, len < 16 ? -ENOEXEC : -EINVAL,
				    "cut to 0x%zx: %s", len, info->reason);
		KUNIT_EXPECT_NE(test, info->reason[0], 0);
	}
	KUNIT_EXPECT_EQ(test, kexec_image_probe(buf, EL_LEN, info), 0);
}

/* build_elf() as described, and the probe and the format's name. */
static void kexec_image_elf_fields_test(struct kunit *test)
{
	struct kexec_image_info *info;
	const struct kexec_image_elf *e;
	u8 *buf;

	buf = kunit_kzalloc(test, KX_BUF_LEN, GFP_KERNEL);
	info = kunit_kzalloc(test, sizeof(*info), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_NOT_NULL(test, info);
	e = &info->elf;
	KUNIT_ASSERT_EQ(test, kexec_image_probe(buf, build_elf(buf), info), 0);
	KUNIT_EXPECT_EQ(test, info->format, KEXEC_IMAGE_FMT_ELF);
	KUNIT_EXPECT_STREQ(test, kexec_image_format_name(info->format), "elf");
	KUNIT_EXPECT_EQ(test, info->endian, KEXEC_IMAGE_LE);
	KUNIT_EXPECT_EQ(test, info->image_size, EL_SPAN);
	KUNIT_EXPECT_EQ(test, info->load_align, 0x200000);
	KUNIT_EXPECT_EQ(test, e->machine, 62);
	KUNIT_EXPECT_EQ(test, e->phnum, EL_PHNUM);
	KUNIT_EXPECT_EQ(test, e->entry, 0xffffffff81000000ULL);
	KUNIT_EXPECT_EQ(test, e->nr_loads, 4);
	KUNIT_EXPECT_EQ(test, e->load[3].offset, 0xe00);
	KUNIT_EXPECT_EQ(test, e->load[3].paddr, 0x1600000);
	KUNIT_EXPECT_EQ(test, e->load[3].filesz, 0x200);
	KUNIT_EXPECT_EQ(test, e->load[3].memsz, 0x10000);
	KUNIT_EXPECT_EQ(test, e->load[3].align, 0x200000);
	KUNIT_EXPECT_EQ(test, e->load[3].flags, 7);
	KUNIT_EXPECT_EQ(test, e->low, EL_BASE);
	KUNIT_EXPECT_EQ(test, e->high, EL_HIGH);
	KUNIT_EXPECT_EQ(test, e->nr_note_areas, 1);
	KUNIT_EXPECT_EQ(test, e->note_area[0].offset, EL_NOTES);
	KUNIT_EXPECT_EQ(test, e->note_area[0].size, EL_NOTES_SIZE);
	KUNIT_EXPECT_EQ(test, e->nr_notes, 5);
	KUNIT_EXPECT_TRUE(test, e->has_pvh_entry);
	KUNIT_EXPECT_EQ(test, e->pvh_entry, EL_ENTRY);
	KUNIT_EXPECT_TRUE(test, e->has_reloc);
	KUNIT_EXPECT_EQ(test, e->reloc_words, 3);
	KUNIT_EXPECT_EQ(test, e->reloc_align, 0x200000);
	KUNIT_EXPECT_EQ(test, e->reloc_min, 0x1000000);
	KUNIT_EXPECT_EQ(test, e->reloc_max, 0x3fffffff);
	KUNIT_EXPECT_EQ(test, e->build_id_len, 20);
	KUNIT_EXPECT_EQ(test, memcmp(e->build_id, "kexec-elf-build-id01", 20), 0);
}

/*
 * The window with elfnote.h's defaults for what the PHYS32_RELOC note
 * leaves out: align from the note, else the largest p_align of 4K or
 * more, else 2 MiB; min 0; max 4 GiB - 1. Without the note the defaults
 * are filled in too, has_reloc false.
 */
static void kexec_image_elf_window_test(struct kunit *test)
{
	static const struct {
		int words;		/* -1: no PHYS32_RELOC note */
		u64 p_align;		/* of the data PT_LOAD */
		u64 align, min, max;
	} w[] = {
		{ 3, 0x200000, 0x200000, 0x1000000, 0x3fffffff },
		{ 2, 0x200000, 0x200000, 0x1000000, 0xffffffff },
		{ 1, 0x200000, 0x200000, 0, 0xffffffff },
		{ 0, 0x200000, 0x200000, 0, 0xffffffff },
		{ 0, 0x400000, 0x400000, 0, 0xffffffff },
		{ -1, 0x200000, 0x200000, 0, 0xffffffff },
		{ -1, 0x400000, 0x400000, 0, 0xffffffff },
	};
	struct kexec_image_info *info;
	unsigned int i, j;
	size_t len;
	u8 *buf;

	buf = kunit_kzalloc(test, KX_BUF_LEN, GFP_KERNEL);
	info = kunit_kzalloc(test, sizeof(*info), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_NOT_NULL(test, info);
	for (i = 0; i < ARRAY_SIZE(w); i++) {
		memset(buf, 0, KX_BUF_LEN);
		len = build_elf_notes(buf, kx_elf_std,
				      ARRAY_SIZE(kx_elf_std) - (w[i].words < 0));
		if (w[i].words >= 0) {
			put_le(buf + EL_RELOC + 4, 4, 4 * w[i].words);
			put_le(buf + EL_FILESZ(EL_NOTE_PH), 8,
			       EL_NOTES_SIZE - 12 + 4 * w[i].words);
		}
		put_le(buf + EL_ALIGN(1), 8, w[i].p_align);
		KUNIT_ASSERT_EQ_MSG(test, kexec_image_parse_elf(buf, len, info), 0,
				    "case %u: %s", i, info->reason);
		KUNIT_EXPECT_EQ(test, info->elf.has_reloc, w[i].words >= 0);
		KUNIT_EXPECT_EQ(test, info->elf.reloc_words,
				w[i].words >= 0 ? w[i].words : 0);
		KUNIT_EXPECT_EQ_MSG(test, info->elf.reloc_align, w[i].align,
				    "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, info->elf.reloc_min, w[i].min,
				    "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, info->elf.reloc_max, w[i].max,
				    "case %u", i);
	}

	/* p_align all below 4K: 2 MiB; exactly 4K: 4K */
	for (j = 0; j < 2; j++) {
		memset(buf, 0, KX_BUF_LEN);
		len = build_elf_notes(buf, kx_elf_std,
				      ARRAY_SIZE(kx_elf_std) - 1);
		for (i = 0; i < 4; i++)
			put_le(buf + EL_ALIGN(i), 8, j ? 0x1000 : 0x800);
		KUNIT_ASSERT_EQ(test, kexec_image_parse_elf(buf, len, info), 0);
		KUNIT_EXPECT_EQ(test, info->elf.reloc_align,
				j ? 0x1000 : 0x200000);
	}
}

/* The caps on program headers, PT_LOADs and PT_NOTEs, from a table at the end. */
static void kexec_image_elf_caps_test(struct kunit *test)
{
	static const struct {
		u32 type;		/* of the extra program headers */
		unsigned int extra;
		int err;
	} caps[] = {
		{ 0, 64 - EL_PHNUM, 0 }, { 0, 65 - EL_PHNUM, -EFBIG },
		{ 1, 8 - 4, 0 }, { 1, 9 - 4, -EFBIG },
		{ 4, 4 - 1, 0 }, { 4, 5 - 1, -EFBIG },
	};
	struct kexec_image_info *info;
	unsigned int i, k;
	u8 *buf, *ph;
	size_t len;

	buf = kunit_kzalloc(test, KX_BUF_LEN, GFP_KERNEL);
	info = kunit_kzalloc(test, sizeof(*info), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_NOT_NULL(test, info);
	for (i = 0; i < ARRAY_SIZE(caps); i++) {
		memset(buf, 0, KX_BUF_LEN);
		build_elf(buf);
		memcpy(buf + EL_LEN, buf + EL_PH(0), 56 * EL_PHNUM);
		put_le(buf + 32, 8, EL_LEN);
		put_le(buf + 56, 2, EL_PHNUM + caps[i].extra);
		for (k = 0; k < caps[i].extra; k++) {
			ph = buf + EL_LEN + 56 * (EL_PHNUM + k);
			put_le(ph, 4, caps[i].type);
			if (caps[i].type == 1) {
				put_le(ph + 24, 8, 0x1700000 + 0x10000 * k);
				put_le(ph + 40, 8, 0x1000);
			}
		}
		len = EL_LEN + 56 * (EL_PHNUM + caps[i].extra);
		KUNIT_EXPECT_EQ_MSG(test, kexec_image_parse_elf(buf, len, info),
				    caps[i].err, "case %u: %s", i, info->reason);
	}
}
#endif /* CONFIG_KEXEC_IMAGE_ELF */

static struct kunit_case kexec_image_test_cases[] = {
	KUNIT_CASE_PARAM(kexec_image_case_test, kx_gen_params),
	KUNIT_CASE_PARAM(kexec_image_notes_test, kx_note_gen_params),
	KUNIT_CASE(kexec_image_truncation_test),
	KUNIT_CASE(kexec_image_fields_test),
	KUNIT_CASE(kexec_image_zimage_notes_test),
	KUNIT_CASE(kexec_image_unwrap_plan_test),
	KUNIT_CASE(kexec_image_uki_test),
	KUNIT_CASE(kexec_image_uki_profiles_test),
#ifdef CONFIG_KEXEC_IMAGE_ELF
	KUNIT_CASE_PARAM(kexec_image_elf_case_test, kx_elf_gen_params),
	KUNIT_CASE(kexec_image_elf_truncation_test),
	KUNIT_CASE(kexec_image_elf_fields_test),
	KUNIT_CASE(kexec_image_elf_window_test),
	KUNIT_CASE(kexec_image_elf_caps_test),
#endif
	{}
};

static struct kunit_suite kexec_image_test_suite = {
	.name = "kexec_image",
	.test_cases = kexec_image_test_cases,
};

kunit_test_suite(kexec_image_test_suite);

MODULE_DESCRIPTION("KUnit tests for the kexec_file_load() image parsers");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
