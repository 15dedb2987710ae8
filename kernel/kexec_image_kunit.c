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

static struct kunit_case kexec_image_test_cases[] = {
	KUNIT_CASE_PARAM(kexec_image_case_test, kx_gen_params),
	KUNIT_CASE_PARAM(kexec_image_notes_test, kx_note_gen_params),
	KUNIT_CASE(kexec_image_truncation_test),
	KUNIT_CASE(kexec_image_fields_test),
	KUNIT_CASE(kexec_image_zimage_notes_test),
	KUNIT_CASE(kexec_image_unwrap_plan_test),
	KUNIT_CASE(kexec_image_uki_test),
	KUNIT_CASE(kexec_image_uki_profiles_test),
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
