// SPDX-License-Identifier: GPL-2.0
/*
 * The Unified Kernel Image's test layouts: kx_build_uki_of(), the UKIs
 * kx_build_uki() and kx_build_uki_profiles() build with it, and the table
 * of their cases; see kexec_image_layouts.c.
 */
#include <linux/align.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kexec_image.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "kexec_image_layouts.h"

/**
 * kx_build_uki_of() - a PE32+ file of x86-64 with sections @s
 * @buf: a zeroed buffer of %KX_BUF_LEN bytes
 * @s: the sections, in the table's order
 * @n: how many; up to 97 fit
 *
 * Each section's raw data is its virtual size rounded up to %UK_SLOT,
 * from the first %UK_SLOT boundary past the section table; a section of
 * virtual size 0 has none.
 *
 * Return: the file's length.
 */
size_t kx_build_uki_of(u8 *buf, const struct kx_uki_sec *s, unsigned int n)
{
	size_t at = ALIGN(UK_SEC(n), UK_SLOT), raw;
	unsigned int i;
	u8 *h;

	memcpy(buf, "MZ", 2);
	put_unaligned_le32(UK_PE, buf + 0x3c);
	memcpy(buf + UK_PE, "PE\0\0", 4);
	put_unaligned_le16(UK_MACHINE, buf + UK_PE + 4);
	put_unaligned_le16(n, buf + UK_COUNT);
	put_unaligned_le16(UK_OPT, buf + UK_OPT_SIZE);
	put_unaligned_le16(0x20b, buf + UK_PE + 24);		/* PE32+ */
	for (i = 0; i < n; i++) {
		h = buf + UK_SEC(i);
		raw = ALIGN(s[i].len, UK_SLOT);
		memcpy(h, s[i].name, strnlen(s[i].name, 8));
		put_unaligned_le32(s[i].len, h + UK_VSIZE);
		put_unaligned_le32(0x10000 * (i + 1), h + 12);	/* virtual_address */
		put_unaligned_le32(raw, h + UK_RAW_SIZE);
		put_unaligned_le32(raw ? at : 0, h + UK_RAW_OFF);
		if (s[i].data)
			memcpy(buf + at, s[i].data, s[i].len);
		else
			memset(buf + at, 0xcc, s[i].len);
		at += raw;
	}
	return at;
}

/**
 * kx_build_uki() - a UKI with every section but .profile
 * @buf: a zeroed buffer of %KX_BUF_LEN bytes
 *
 * Behind a stub's .text and .sbat, in the order of &enum uk_index.
 *
 * Return: the file's length, %UK_LEN.
 */
size_t kx_build_uki(u8 *buf)
{
	static const char sbat[] = "sbat,1,SBAT Version,sbat,1\n";
	static const char pcrsig[] = "{\"sha256\":[]}";
	static const char pcrpkey[] = "-----BEGIN PUBLIC KEY-----\n";
	static const char dtb[] = "\xd0\x0d\xfe\xed";
	static const struct kx_uki_sec s[UK_NR] = {
		[UK_I_TEXT] = { ".text", NULL, UK_SLOT },
		[UK_I_SBAT] = { ".sbat", sbat, sizeof(sbat) - 1 },
		[UK_I_OSREL] = { ".osrel", UK_OSREL, sizeof(UK_OSREL) - 1 },
		[UK_I_CMDLINE] = { ".cmdline", UK_CMDLINE,
				   sizeof(UK_CMDLINE) - 1 },
		[UK_I_UNAME] = { ".uname", UK_UNAME, sizeof(UK_UNAME) - 1 },
		[UK_I_LINUX] = { ".linux", NULL, UK_SLOT },
		[UK_I_INITRD] = { ".initrd", NULL, 0x80 },
		[UK_I_UCODE] = { ".ucode", NULL, 0x40 },
		[UK_I_DTB] = { ".dtb", dtb, sizeof(dtb) - 1 },
		[UK_I_SPLASH] = { ".splash", NULL, 0x20 },
		[UK_I_PCRSIG] = { ".pcrsig", pcrsig, sizeof(pcrsig) - 1 },
		[UK_I_PCRPKEY] = { ".pcrpkey", pcrpkey, sizeof(pcrpkey) - 1 },
	};

	return kx_build_uki_of(buf, s, UK_NR);
}

/**
 * kx_build_uki_profiles() - a UKI of two profiles
 * @buf: a zeroed buffer of %KX_BUF_LEN bytes
 *
 * Its %UK_P_NR sections are .text .linux .osrel .cmdline, shared; then
 * .profile .cmdline .dtb; then .profile .cmdline .uname .linux.
 *
 * Return: the file's length.
 */
size_t kx_build_uki_profiles(u8 *buf)
{
	static const char dtb[] = "\xd0\x0d\xfe\xed";
	static const struct kx_uki_sec s[UK_P_NR] = {
		{ ".text", NULL, UK_SLOT },
		{ ".linux", NULL, UK_SLOT },
		{ ".osrel", UK_OSREL, sizeof(UK_OSREL) - 1 },
		{ ".cmdline", "shared", 6 },
		{ ".profile", "ID=one\n", 7 },
		{ ".cmdline", "one", 3 },
		{ ".dtb", dtb, sizeof(dtb) - 1 },
		{ ".profile", "ID=two\n", 7 },
		{ ".cmdline", "two", 3 },
		{ ".uname", "two", 3 },
		{ ".linux", NULL, 0x80 },
	};

	return kx_build_uki_of(buf, s, UK_P_NR);
}

/*
 * Unified Kernel Images: what makes a PE file a UKI, and every refusal
 * with its whole reason, on kx_build_uki() (KX_UK_EVERY) or on
 * kx_build_uki_profiles() (KX_UK_PROFILES).
 */
#define UK_SH(i, field)	(UK_SEC(i) + (field))
#define UK_RENAME(i, name) P8(UK_SEC(i), name)
#define UK_LINUX	UK_NAME('.', 'l', 'i', 'n', 'u', 'x', 0, 0)
#define UK_CMDLINE_N	UK_NAME('.', 'c', 'm', 'd', 'l', 'i', 'n', 'e')
#define UK_INITRD	UK_NAME('.', 'i', 'n', 'i', 't', 'r', 'd', 0)
#define UK_SBAT		UK_NAME('.', 's', 'b', 'a', 't', 0, 0, 0)
#define UK_DATA_N	UK_NAME('.', 'd', 'a', 't', 'a', 0, 0, 0)
#define UK_NO_UKI	"no PE section table naming a UKI section"
#define UK_NO_LINUX	"UKI has no .linux section: no kernel to load"
#define UK_EMPTY_LINUX	"UKI section .linux is empty"
#define UK_P		KX_UK_PROFILES

static const struct kx_case kx_uki_cases[] = {
	{ "valid", {}, 0, 0, NULL },
	/* .linux: there, and not empty */
	{ "no-linux", { UK_RENAME(UK_I_LINUX, UK_NAME('.', 'l', 'i', 'n', 'u',
						       'z', 0, 0)) },
	  0, -EINVAL, UK_NO_LINUX },
	{ "linux-upper-case", { UK_RENAME(UK_I_LINUX, UK_NAME('.', 'L', 'I', 'N',
							      'U', 'X', 0, 0)) },
	  0, -EINVAL, UK_NO_LINUX },
	{ "linux-garbage-after-nul",
	  { UK_RENAME(UK_I_LINUX, UK_NAME('.', 'l', 'i', 'n', 'u', 'x', 0, 'x')) },
	  0, -EINVAL, UK_NO_LINUX },
	{ "linux-one-letter-more",
	  { UK_RENAME(UK_I_LINUX, UK_NAME('.', 'l', 'i', 'n', 'u', 'x', 'X', 0)) },
	  0, -EINVAL, UK_NO_LINUX },
	{ "linux-renamed-data", { UK_RENAME(UK_I_LINUX, UK_DATA_N) }, 0, -EINVAL,
	  UK_NO_LINUX },
	{ "linux-empty", { P4(UK_SH(UK_I_LINUX, UK_VSIZE), 0) }, 0, -EINVAL,
	  UK_EMPTY_LINUX },
	{ "linux-empty-no-raw-size",
	  { P4(UK_SH(UK_I_LINUX, UK_VSIZE), 0),
	    P4(UK_SH(UK_I_LINUX, UK_RAW_SIZE), 0) }, 0, -EINVAL,
	  UK_EMPTY_LINUX },
	{ "linux-no-raw-data",
	  { P4(UK_SH(UK_I_LINUX, UK_VSIZE), 0),
	    P4(UK_SH(UK_I_LINUX, UK_RAW_SIZE), 0),
	    P4(UK_SH(UK_I_LINUX, UK_RAW_OFF), 0) }, 0, -EINVAL,
	  UK_EMPTY_LINUX },
	/* every section's raw data in the file, no sum wrapping */
	{ "raw-past-end", { P4(UK_SH(UK_I_INITRD, UK_RAW_OFF), UK_LEN - 0x80) },
	  0, -EINVAL,
	  "PE section .initrd: raw data 0xf80+0x100 ends beyond the file's 0x1000 bytes" },
	{ "raw-off-max", { P4(UK_SH(UK_I_INITRD, UK_RAW_OFF), 0xffffffff) },
	  0, -EINVAL,
	  "PE section .initrd: raw data 0xffffffff+0x100 ends beyond the file's 0x1000 bytes" },
	{ "raw-size-max", { P4(UK_SH(UK_I_INITRD, UK_RAW_SIZE), 0xffffffff) },
	  0, -EINVAL,
	  "PE section .initrd: raw data 0xa00+0xffffffff ends beyond the file's 0x1000 bytes" },
	{ "raw-sum-wraps", { P4(UK_SH(UK_I_INITRD, UK_RAW_OFF), 0xffffff00) },
	  0, -EINVAL,
	  "PE section .initrd: raw data 0xffffff00+0x100 ends beyond the file's 0x1000 bytes" },
	{ "raw-past-end-stub-section", { P4(UK_SH(UK_I_TEXT, UK_RAW_SIZE), UK_LEN) },
	  0, -EINVAL,
	  "PE section .text: raw data 0x400+0x1000 ends beyond the file's 0x1000 bytes" },
	{ "linux-cut", {}, UK_DATA_AT(UK_I_LINUX) + UK_SLOT - 1, -EINVAL,
	  "PE section .linux: raw data 0x900+0x100 ends beyond the file's 0x9ff bytes" },
	{ "linux-raw-one-past-end",
	  { P4(UK_SH(UK_I_LINUX, UK_RAW_OFF), UK_LEN),
	    P4(UK_SH(UK_I_LINUX, UK_RAW_SIZE), UK_SLOT + 1) }, UK_LEN + UK_SLOT,
	  -EINVAL,
	  "PE section .linux: raw data 0x1000+0x101 ends beyond the file's 0x1100 bytes" },
	{ "linux-raw-off-wraps",
	  { P4(UK_SH(UK_I_LINUX, UK_RAW_OFF), 0xffffff80) }, 0, -EINVAL,
	  "PE section .linux: raw data 0xffffff80+0x100 ends beyond the file's 0x1000 bytes" },
	/* no byte of the file in two sections */
	{ "overlap",
	  { P4(UK_SH(UK_I_INITRD, UK_RAW_OFF), UK_DATA_AT(UK_I_LINUX) + 0x80) },
	  0, -EINVAL,
	  "PE sections .linux (0x900+0x100) and .initrd (0x980+0x100) overlap" },
	{ "overlap-by-one", { P4(UK_SH(UK_I_LINUX, UK_RAW_SIZE), UK_SLOT + 1) },
	  0, -EINVAL,
	  "PE sections .linux (0x900+0x101) and .initrd (0xa00+0x100) overlap" },
	{ "overlap-contained",
	  { P4(UK_SH(UK_I_UCODE, UK_RAW_OFF), UK_DATA_AT(UK_I_LINUX)),
	    P4(UK_SH(UK_I_UCODE, UK_RAW_SIZE), 0x40) }, 0, -EINVAL,
	  "PE sections .linux (0x900+0x100) and .ucode (0x900+0x40) overlap" },
	{ "overlap-stub-sections",
	  { P4(UK_SH(UK_I_SBAT, UK_RAW_OFF), UK_DATA + 0x10) }, 0, -EINVAL,
	  "PE sections .text (0x400+0x100) and .sbat (0x410+0x100) overlap" },
	{ "overlap-stub-and-uki-section",
	  { P4(UK_SH(UK_I_TEXT, UK_RAW_OFF), UK_DATA_AT(UK_I_OSREL) + 0x80),
	    P4(UK_SH(UK_I_TEXT, UK_RAW_SIZE), 0x80) }, 0, -EINVAL,
	  "PE sections .text (0x680+0x80) and .osrel (0x600+0x100) overlap" },
	{ "empty-inside-another",
	  { P4(UK_SH(UK_I_SPLASH, UK_VSIZE), 0),
	    P4(UK_SH(UK_I_SPLASH, UK_RAW_SIZE), 0),
	    P4(UK_SH(UK_I_SPLASH, UK_RAW_OFF), UK_DATA_AT(UK_I_LINUX)) },
	  0, 0, NULL },
	/* a UKI section holds its virtual size in the file */
	{ "vsize-over-raw", { P4(UK_SH(UK_I_CMDLINE, UK_VSIZE), UK_SLOT + 1) },
	  0, -EINVAL,
	  "UKI section .cmdline: virtual size 0x101 exceeds its 0x100 bytes in the file" },
	{ "vsize-equals-raw", { P4(UK_SH(UK_I_CMDLINE, UK_VSIZE), UK_SLOT) },
	  0, 0, NULL },
	{ "initrd-vsize-over-raw",
	  { P4(UK_SH(UK_I_INITRD, UK_VSIZE), UK_SLOT + 1) }, 0, -EINVAL,
	  "UKI section .initrd: virtual size 0x101 exceeds its 0x100 bytes in the file" },
	{ "initrd-vsize-equals-raw",
	  { P4(UK_SH(UK_I_INITRD, UK_VSIZE), UK_SLOT) }, 0, 0, NULL },
	{ "vsize-over-raw-stub-section",
	  { P4(UK_SH(UK_I_TEXT, UK_VSIZE), 0x10000) }, 0, 0, NULL },
	/* text sections up to 64 KiB, others are not text */
	{ "cmdline-at-cap",
	  { P4(UK_SH(UK_I_CMDLINE, UK_RAW_OFF), UK_LEN),
	    P4(UK_SH(UK_I_CMDLINE, UK_RAW_SIZE), 0x10000),
	    P4(UK_SH(UK_I_CMDLINE, UK_VSIZE), 0x10000) }, UK_LEN + 0x10000,
	  0, NULL },
	{ "cmdline-past-cap",
	  { P4(UK_SH(UK_I_CMDLINE, UK_RAW_OFF), UK_LEN),
	    P4(UK_SH(UK_I_CMDLINE, UK_RAW_SIZE), 0x10001),
	    P4(UK_SH(UK_I_CMDLINE, UK_VSIZE), 0x10001) }, UK_LEN + 0x10001,
	  -EINVAL, "UKI section .cmdline: 0x10001 bytes, past the cap of 0x10000" },
	{ "osrel-past-cap",
	  { P4(UK_SH(UK_I_OSREL, UK_RAW_OFF), UK_LEN),
	    P4(UK_SH(UK_I_OSREL, UK_RAW_SIZE), 0x10001),
	    P4(UK_SH(UK_I_OSREL, UK_VSIZE), 0x10001) }, UK_LEN + 0x10001,
	  -EINVAL, "UKI section .osrel: 0x10001 bytes, past the cap of 0x10000" },
	{ "uname-past-cap",
	  { P4(UK_SH(UK_I_UNAME, UK_RAW_OFF), UK_LEN),
	    P4(UK_SH(UK_I_UNAME, UK_RAW_SIZE), 0x10001),
	    P4(UK_SH(UK_I_UNAME, UK_VSIZE), 0x10001) }, UK_LEN + 0x10001,
	  -EINVAL, "UKI section .uname: 0x10001 bytes, past the cap of 0x10000" },
	{ "initrd-past-text-cap",
	  { P4(UK_SH(UK_I_INITRD, UK_RAW_OFF), UK_LEN),
	    P4(UK_SH(UK_I_INITRD, UK_RAW_SIZE), 0x10001),
	    P4(UK_SH(UK_I_INITRD, UK_VSIZE), 0x10001) }, UK_LEN + 0x10001,
	  0, NULL },
	/* the section table: in the file, at most 96 entries */
	{ "table-past-file", { P2(UK_COUNT, 96) }, 0, -EINVAL,
	  "PE section table of 96 entries at 0x188 runs past the file's 0x1000 bytes" },
	{ "table-cut", {}, UK_SEC(UK_NR) - 1, -EINVAL,
	  "PE section table of 12 entries at 0x188 runs past the file's 0x367 bytes" },
	{ "sections-97", { P2(UK_COUNT, 97) }, 0, -EINVAL,
	  "PE header declares 97 sections, more than 96" },
	{ "sections-max", { P2(UK_COUNT, 0xffff) }, 0, -EINVAL,
	  "PE header declares 65535 sections, more than 96" },
	{ "sections-0", { P2(UK_COUNT, 0) }, 0, -ENOEXEC, UK_NO_UKI },
	/* .text and .sbat make no UKI: .osrel, entry 2, does */
	{ "sections-1-text", { P2(UK_COUNT, 1) }, 0, -ENOEXEC, UK_NO_UKI },
	{ "sections-2-text-sbat", { P2(UK_COUNT, 2) }, 0, -ENOEXEC, UK_NO_UKI },
	{ "opt-hdr-past-file", { P2(UK_OPT_SIZE, 0xffff) }, 0, -ENOEXEC,
	  UK_NO_UKI },
	{ "no-pe-magic", { P4(UK_PE, 0) }, 0, -ENOEXEC, UK_NO_UKI },
	{ "pe-offset-max", { P4(0x3c, 0xffffffff) }, 0, -ENOEXEC, UK_NO_UKI },
	{ "no-mz", { P2(0, 0) }, 0, -ENOEXEC, UK_NO_UKI },
	/* once each in the shared part */
	{ "twice-shared", { UK_RENAME(UK_I_PCRPKEY, UK_INITRD) }, 0, -EINVAL,
	  "UKI section .initrd appears twice" },
	{ "twice-shared-sbat", { UK_RENAME(UK_I_PCRPKEY, UK_SBAT) }, 0, -EINVAL,
	  "UKI section .sbat appears twice" },
	{ "twice-shared-linux", { UK_RENAME(UK_I_DTB, UK_LINUX) }, 0, -EINVAL,
	  "UKI section .linux appears twice" },
	{ "twice-shared-cmdline", { UK_RENAME(UK_I_UNAME, UK_CMDLINE_N) }, 0,
	  -EINVAL, "UKI section .cmdline appears twice" },

	/* profiles: the first one is taken, the others only checked */
	{ "profiles-valid", {}, 0, 0, NULL, UK_P },
	{ "twice-first-profile", { UK_RENAME(6, UK_CMDLINE_N) }, 0, -EINVAL,
	  "UKI section .cmdline appears twice in the first profile", UK_P },
	{ "twice-shared-before-profiles", { UK_RENAME(2, UK_CMDLINE_N) }, 0,
	  -EINVAL, "UKI section .cmdline appears twice", UK_P },
	{ "twice-second-profile", { UK_RENAME(9, UK_CMDLINE_N) }, 0, 0, NULL,
	  UK_P },
	{ "second-profile-raw-past-end",
	  { P4(UK_SH(10, UK_RAW_OFF), 0xffffffff) }, 0, -EINVAL,
	  "PE section .linux: raw data 0xffffffff+0x100 ends beyond the file's 0xf00 bytes",
	  UK_P },
	{ "second-profile-overlap",
	  { P4(UK_SH(10, UK_RAW_OFF), UK_DATA_AT(1)) }, 0, -EINVAL,
	  "PE sections .linux (0x500+0x100) and .linux (0x500+0x100) overlap",
	  UK_P },
	{ "second-profile-vsize-over-raw",
	  { P4(UK_SH(10, UK_VSIZE), UK_SLOT + 1) }, 0, 0, NULL, UK_P },
	{ "linux-only-in-second-profile", { UK_RENAME(1, UK_DATA_N) }, 0,
	  -EINVAL, UK_NO_LINUX, UK_P },
	{ "linux-in-first-profile",
	  { UK_RENAME(1, UK_DATA_N), UK_RENAME(6, UK_LINUX) }, 0, 0, NULL,
	  UK_P },
	{ "first-profile-vsize-over-raw", { P4(UK_SH(5, UK_VSIZE), UK_SLOT + 1) },
	  0, -EINVAL,
	  "UKI section .cmdline: virtual size 0x101 exceeds its 0x100 bytes in the file",
	  UK_P },
};

static size_t kx_uki_build(u8 *buf, unsigned int variant, unsigned int run)
{
	if (run)
		return 0;
	return variant == KX_UK_PROFILES ? kx_build_uki_profiles(buf) :
					   kx_build_uki(buf);
}

const struct kx_table kx_uki_table = {
	.name = "uki",
	.format = KEXEC_IMAGE_FMT_UKI,
	.parse = kexec_image_parse_uki,
	.build = kx_uki_build,
	.cases = kx_uki_cases,
	.nr_cases = ARRAY_SIZE(kx_uki_cases),
	.whole_reason = true,
};
