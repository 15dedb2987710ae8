// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_image_parse_uki(): what makes a PE file a UKI, every refusal with
 * its errno and reason, the first profile's sections, truncation, and the
 * readers of .osrel and of the text sections.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

#define S "uki"

#define SH(i, field)	(UK_SEC(i) + (field))
#define UK_COUNT	(UK_PE + 6)	/* pe_hdr.sections */
#define UK_OPT_SIZE	(UK_PE + 20)	/* pe_hdr.opt_hdr_size */
#define UKI_BIT(sec)	(1U << (sec))
#define UK_ALL		((UKI_BIT(KEXEC_UKI_NR_SECTIONS) - 1) & \
			 ~UKI_BIT(KEXEC_UKI_PROFILE))

enum uk_base { UK_BASE_EVERY, UK_BASE_PROFILES };

struct uk_rename {
	int index;		/* in the base's section table; 0 ends the list */
	char name[9];		/* the 8 bytes of the new name, NUL-padded */
};

struct uk_case {
	const char *name;
	enum uk_base base;
	struct uk_rename rename[2];
	struct patch patches[MAX_PATCHES];
	size_t len;		/* 0: the base's length; more: zeros added */
	int err;
	const char *reason;	/* the whole reason, or NULL */
};

/* .text never needs renaming, so index 0 can end the rename list. */
static const struct uk_case cases[] = {
	{ "valid", UK_BASE_EVERY, {}, {}, 0, 0, NULL },
	/* .linux: there, and not empty */
	{ "no-linux", UK_BASE_EVERY, { { UK_I_LINUX, ".linuz" } }, {}, 0,
	  -EINVAL, "UKI has no .linux section: no kernel to load" },
	{ "linux-upper-case", UK_BASE_EVERY, { { UK_I_LINUX, ".LINUX" } }, {},
	  0, -EINVAL, "UKI has no .linux section: no kernel to load" },
	{ "linux-garbage-after-nul", UK_BASE_EVERY,
	  { { UK_I_LINUX, ".linux\0x" } }, {}, 0, -EINVAL,
	  "UKI has no .linux section: no kernel to load" },
	{ "linux-empty", UK_BASE_EVERY, {},
	  { { SH(UK_I_LINUX, UK_VSIZE), 4, 0 } }, 0, -EINVAL,
	  "UKI section .linux is empty" },
	{ "linux-no-raw-data", UK_BASE_EVERY, {},
	  { { SH(UK_I_LINUX, UK_VSIZE), 4, 0 },
	    { SH(UK_I_LINUX, UK_RAW_SIZE), 4, 0 },
	    { SH(UK_I_LINUX, UK_RAW_OFF), 4, 0 } }, 0, -EINVAL,
	  "UKI section .linux is empty" },
	/* every section's raw data in the file, no sum wrapping */
	{ "raw-past-end", UK_BASE_EVERY, {},
	  { { SH(UK_I_INITRD, UK_RAW_OFF), 4, UK_LEN - 0x80 } }, 0, -EINVAL,
	  "PE section .initrd: raw data 0xf80+0x100 ends beyond the file's 0x1000 bytes" },
	{ "raw-off-max", UK_BASE_EVERY, {},
	  { { SH(UK_I_INITRD, UK_RAW_OFF), 4, 0xffffffff } }, 0, -EINVAL,
	  "PE section .initrd: raw data 0xffffffff+0x100 ends beyond the file's 0x1000 bytes" },
	{ "raw-size-max", UK_BASE_EVERY, {},
	  { { SH(UK_I_INITRD, UK_RAW_SIZE), 4, 0xffffffff } }, 0, -EINVAL,
	  "PE section .initrd: raw data 0xa00+0xffffffff ends beyond the file's 0x1000 bytes" },
	{ "raw-sum-wraps", UK_BASE_EVERY, {},
	  { { SH(UK_I_INITRD, UK_RAW_OFF), 4, 0xffffff00 } }, 0, -EINVAL,
	  "PE section .initrd: raw data 0xffffff00+0x100 ends beyond the file's 0x1000 bytes" },
	{ "raw-past-end-stub-section", UK_BASE_EVERY, {},
	  { { SH(UK_I_TEXT, UK_RAW_SIZE), 4, UK_LEN } }, 0, -EINVAL,
	  "PE section .text: raw data 0x400+0x1000 ends beyond the file's 0x1000 bytes" },
	/* no byte of the file in two sections */
	{ "overlap", UK_BASE_EVERY, {},
	  { { SH(UK_I_INITRD, UK_RAW_OFF), 4, UK_DATA_AT(UK_I_LINUX) + 0x80 } },
	  0, -EINVAL,
	  "PE sections .linux (0x900+0x100) and .initrd (0x980+0x100) overlap" },
	{ "overlap-contained", UK_BASE_EVERY, {},
	  { { SH(UK_I_UCODE, UK_RAW_OFF), 4, UK_DATA_AT(UK_I_LINUX) },
	    { SH(UK_I_UCODE, UK_RAW_SIZE), 4, 0x40 } }, 0, -EINVAL,
	  "PE sections .linux (0x900+0x100) and .ucode (0x900+0x40) overlap" },
	{ "overlap-stub-sections", UK_BASE_EVERY, {},
	  { { SH(UK_I_SBAT, UK_RAW_OFF), 4, UK_DATA + 0x10 } }, 0, -EINVAL,
	  "PE sections .text (0x400+0x100) and .sbat (0x410+0x100) overlap" },
	{ "empty-inside-another", UK_BASE_EVERY, {},
	  { { SH(UK_I_SPLASH, UK_VSIZE), 4, 0 },
	    { SH(UK_I_SPLASH, UK_RAW_SIZE), 4, 0 },
	    { SH(UK_I_SPLASH, UK_RAW_OFF), 4, UK_DATA_AT(UK_I_LINUX) } },
	  0, 0, NULL },
	/* a UKI section holds its virtual size in the file */
	{ "vsize-over-raw", UK_BASE_EVERY, {},
	  { { SH(UK_I_CMDLINE, UK_VSIZE), 4, UK_SLOT + 1 } }, 0, -EINVAL,
	  "UKI section .cmdline: virtual size 0x101 exceeds its 0x100 bytes in the file" },
	{ "vsize-equals-raw", UK_BASE_EVERY, {},
	  { { SH(UK_I_CMDLINE, UK_VSIZE), 4, UK_SLOT } }, 0, 0, NULL },
	{ "vsize-over-raw-stub-section", UK_BASE_EVERY, {},
	  { { SH(UK_I_TEXT, UK_VSIZE), 4, 0x10000 } }, 0, 0, NULL },
	/* text sections up to 64 KiB, others are not text */
	{ "cmdline-at-cap", UK_BASE_EVERY, {},
	  { { SH(UK_I_CMDLINE, UK_RAW_OFF), 4, UK_LEN },
	    { SH(UK_I_CMDLINE, UK_RAW_SIZE), 4, 0x10000 },
	    { SH(UK_I_CMDLINE, UK_VSIZE), 4, 0x10000 } }, UK_LEN + 0x10000,
	  0, NULL },
	{ "cmdline-past-cap", UK_BASE_EVERY, {},
	  { { SH(UK_I_CMDLINE, UK_RAW_OFF), 4, UK_LEN },
	    { SH(UK_I_CMDLINE, UK_RAW_SIZE), 4, 0x10001 },
	    { SH(UK_I_CMDLINE, UK_VSIZE), 4, 0x10001 } }, UK_LEN + 0x10001,
	  -EINVAL, "UKI section .cmdline: 0x10001 bytes, past the cap of 0x10000" },
	{ "osrel-past-cap", UK_BASE_EVERY, {},
	  { { SH(UK_I_OSREL, UK_RAW_OFF), 4, UK_LEN },
	    { SH(UK_I_OSREL, UK_RAW_SIZE), 4, 0x10001 },
	    { SH(UK_I_OSREL, UK_VSIZE), 4, 0x10001 } }, UK_LEN + 0x10001,
	  -EINVAL, "UKI section .osrel: 0x10001 bytes, past the cap of 0x10000" },
	{ "uname-past-cap", UK_BASE_EVERY, {},
	  { { SH(UK_I_UNAME, UK_RAW_OFF), 4, UK_LEN },
	    { SH(UK_I_UNAME, UK_RAW_SIZE), 4, 0x10001 },
	    { SH(UK_I_UNAME, UK_VSIZE), 4, 0x10001 } }, UK_LEN + 0x10001,
	  -EINVAL, "UKI section .uname: 0x10001 bytes, past the cap of 0x10000" },
	{ "initrd-past-text-cap", UK_BASE_EVERY, {},
	  { { SH(UK_I_INITRD, UK_RAW_OFF), 4, UK_LEN },
	    { SH(UK_I_INITRD, UK_RAW_SIZE), 4, 0x10001 },
	    { SH(UK_I_INITRD, UK_VSIZE), 4, 0x10001 } }, UK_LEN + 0x10001,
	  0, NULL },
	/* the section table: in the file, at most 96 entries */
	{ "table-past-file", UK_BASE_EVERY, {}, { { UK_COUNT, 2, 96 } }, 0,
	  -EINVAL,
	  "PE section table of 96 entries at 0x188 runs past the file's 0x1000 bytes" },
	{ "table-cut", UK_BASE_EVERY, {}, {}, UK_SEC(UK_NR) - 1, -EINVAL,
	  "PE section table of 12 entries at 0x188 runs past the file's 0x367 bytes" },
	{ "sections-97", UK_BASE_EVERY, {}, { { UK_COUNT, 2, 97 } }, 0,
	  -EINVAL, "PE header declares 97 sections, more than 96" },
	{ "sections-max", UK_BASE_EVERY, {}, { { UK_COUNT, 2, 0xffff } }, 0,
	  -EINVAL, "PE header declares 65535 sections, more than 96" },
	{ "sections-0", UK_BASE_EVERY, {}, { { UK_COUNT, 2, 0 } }, 0,
	  -ENOEXEC, "no PE section table naming a UKI section" },
	{ "opt-hdr-past-file", UK_BASE_EVERY, {},
	  { { UK_OPT_SIZE, 2, 0xffff } }, 0, -ENOEXEC,
	  "no PE section table naming a UKI section" },
	{ "no-pe-magic", UK_BASE_EVERY, {}, { { UK_PE, 4, 0 } }, 0, -ENOEXEC,
	  "no PE section table naming a UKI section" },
	{ "pe-offset-max", UK_BASE_EVERY, {}, { { 0x3c, 4, 0xffffffff } }, 0,
	  -ENOEXEC, "no PE section table naming a UKI section" },
	{ "no-mz", UK_BASE_EVERY, {}, { { 0, 2, 0 } }, 0, -ENOEXEC,
	  "no PE section table naming a UKI section" },
	/* once each in the shared part */
	{ "twice-shared", UK_BASE_EVERY, { { UK_I_PCRPKEY, ".initrd" } }, {}, 0,
	  -EINVAL, "UKI section .initrd appears twice" },
	{ "twice-shared-sbat", UK_BASE_EVERY, { { UK_I_PCRPKEY, ".sbat" } }, {},
	  0, -EINVAL, "UKI section .sbat appears twice" },
	{ "twice-shared-linux", UK_BASE_EVERY, { { UK_I_DTB, ".linux" } }, {},
	  0, -EINVAL, "UKI section .linux appears twice" },

	/* profiles: the first one is taken, the others only checked */
	{ "profiles-valid", UK_BASE_PROFILES, {}, {}, 0, 0, NULL },
	{ "twice-first-profile", UK_BASE_PROFILES, { { 6, ".cmdline" } }, {},
	  0, -EINVAL, "UKI section .cmdline appears twice in the first profile" },
	{ "twice-shared-before-profiles", UK_BASE_PROFILES,
	  { { 2, ".cmdline" } }, {}, 0, -EINVAL,
	  "UKI section .cmdline appears twice" },
	{ "twice-second-profile", UK_BASE_PROFILES, { { 9, ".cmdline" } }, {},
	  0, 0, NULL },
	{ "second-profile-raw-past-end", UK_BASE_PROFILES, {},
	  { { SH(10, UK_RAW_OFF), 4, 0xffffffff } }, 0, -EINVAL,
	  "PE section .linux: raw data 0xffffffff+0x100 ends beyond the file's 0xf00 bytes" },
	{ "second-profile-overlap", UK_BASE_PROFILES, {},
	  { { SH(10, UK_RAW_OFF), 4, UK_DATA_AT(1) } }, 0, -EINVAL,
	  "PE sections .linux (0x500+0x100) and .linux (0x500+0x100) overlap" },
	{ "second-profile-vsize-over-raw", UK_BASE_PROFILES, {},
	  { { SH(10, UK_VSIZE), 4, UK_SLOT + 1 } }, 0, 0, NULL },
	{ "linux-only-in-second-profile", UK_BASE_PROFILES, { { 1, ".data" } },
	  {}, 0, -EINVAL, "UKI has no .linux section: no kernel to load" },
	{ "linux-in-first-profile", UK_BASE_PROFILES,
	  { { 1, ".data" }, { 6, ".linux" } }, {}, 0, 0, NULL },
	{ "first-profile-vsize-over-raw", UK_BASE_PROFILES, {},
	  { { SH(5, UK_VSIZE), 4, UK_SLOT + 1 } }, 0, -EINVAL,
	  "UKI section .cmdline: virtual size 0x101 exceeds its 0x100 bytes in the file" },
};

static struct buf uk_base(enum uk_base base)
{
	return base == UK_BASE_PROFILES ? make_uki_profiles() : make_uki();
}

static void rename_section(struct buf *b, const struct uk_rename *r)
{
	memcpy(b->data + UK_SEC(r->index), r->name, 8);
}

/* The case's file: renamed, patched, then cut or grown with zeros. */
static struct buf uk_case_file(const struct uk_case *c)
{
	struct buf b = uk_base(c->base), out;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(c->rename) && c->rename[i].index; i++)
		rename_section(&b, &c->rename[i]);
	apply_patches(&b, c->patches);
	out = buf_copy(&b, c->len ? c->len : b.len);
	buf_free(&b);
	return out;
}

static void run_uk_case(const struct uk_case *c)
{
	struct kexec_image_info info;
	struct buf b = uk_case_file(c);
	int ret = kexec_image_parse_uki(b.data, b.len, &info);

	buf_free(&b);
	if (ret != c->err || info.error != ret)
		fail(S, c->name, "returned %d (info->error %d), want %d: %s",
		     ret, info.error, c->err, info.reason);
	else if (!ret && info.reason[0])
		fail(S, c->name, "accepted with reason \"%s\"", info.reason);
	else if (ret && !info.reason[0])
		fail(S, c->name, "refused without a reason");
	else if (c->reason && strcmp(info.reason, c->reason))
		fail(S, c->name, "reason \"%s\", want \"%s\"", info.reason,
		     c->reason);
	else if (ret == -EINVAL && info.format != KEXEC_IMAGE_FMT_UKI)
		fail(S, c->name, "refused as %s, not as a UKI",
		     kexec_image_format_name(info.format));
	else if (ret == -ENOEXEC && info.format != KEXEC_IMAGE_FMT_UNKNOWN)
		fail(S, c->name, "not a UKI, yet format %s",
		     kexec_image_format_name(info.format));
	else
		pass();
}

static void expect_extent(const char *name, const struct kexec_image_info *info,
			  enum kexec_uki_section sec, uint32_t off,
			  uint32_t size)
{
	char what[64];

	snprintf(what, sizeof(what), "%s offset", kexec_uki_section_name(sec));
	expect_u64(info->uki.section[sec].offset, off, S, name, what);
	snprintf(what, sizeof(what), "%s size", kexec_uki_section_name(sec));
	expect_u64(info->uki.section[sec].size, size, S, name, what);
}

/* make_uki(): each section where the builder put it, at its virtual size. */
static void test_every_section(void)
{
	static const struct {
		enum kexec_uki_section sec;
		unsigned int index;
		uint32_t size;
	} want[] = {
		{ KEXEC_UKI_LINUX, UK_I_LINUX, UK_SLOT },
		{ KEXEC_UKI_INITRD, UK_I_INITRD, 0x80 },
		{ KEXEC_UKI_UCODE, UK_I_UCODE, 0x40 },
		{ KEXEC_UKI_CMDLINE, UK_I_CMDLINE, 0x14 },
		{ KEXEC_UKI_OSREL, UK_I_OSREL, 0x1a },
		{ KEXEC_UKI_UNAME, UK_I_UNAME, 0xc },
		{ KEXEC_UKI_DTB, UK_I_DTB, 4 },
		{ KEXEC_UKI_SPLASH, UK_I_SPLASH, 0x20 },
		{ KEXEC_UKI_PCRSIG, UK_I_PCRSIG, 0xd },
		{ KEXEC_UKI_PCRPKEY, UK_I_PCRPKEY, 0x1b },
		{ KEXEC_UKI_SBAT, UK_I_SBAT, 0x1b },
	};
	struct kexec_image_info info;
	struct buf b = make_uki();
	size_t i;

	expect_u64(b.len, UK_LEN, S, "every-section", "file length");
	if (!expect(kexec_image_parse_uki(b.data, b.len, &info) == 0, S,
		    "every-section", info.reason))
		goto out;
	expect_u64(info.format, KEXEC_IMAGE_FMT_UKI, S, "every-section", "format");
	expect_u64(info.endian, KEXEC_IMAGE_LE, S, "every-section", "endian");
	expect_u64(info.pe_machine, UK_MACHINE, S, "every-section", "pe_machine");
	expect_u64(info.uki.nr_sections, UK_NR, S, "every-section",
		   "nr_sections");
	expect_u64(info.uki.nr_profiles, 0, S, "every-section", "nr_profiles");
	expect_u64(info.uki.present, UK_ALL, S, "every-section", "present");
	for (i = 0; i < ARRAY_SIZE(want); i++)
		expect_extent("every-section", &info, want[i].sec,
			      UK_DATA_AT(want[i].index), want[i].size);
	/* probing finds it first, ahead of the other "MZ" formats */
	expect(kexec_image_probe(b.data, b.len, &info) == 0 &&
	       info.format == KEXEC_IMAGE_FMT_UKI, S, "probe", info.reason);
out:
	buf_free(&b);
}

/*
 * A section without raw data may point anywhere, as nothing is read
 * there; taken, it is empty at offset 0, inside any file.
 */
static void test_empty_section(void)
{
	static const struct patch p[] = {
		{ SH(UK_I_SPLASH, UK_VSIZE), 4, 0 },
		{ SH(UK_I_SPLASH, UK_RAW_SIZE), 4, 0 },
		{ SH(UK_I_SPLASH, UK_RAW_OFF), 4, 0x50000000 },
		{ SH(UK_I_DTB, UK_VSIZE), 4, 0 },
		{},
	};
	struct kexec_image_info info;
	struct buf b = make_uki();

	apply_patches(&b, p);
	if (expect(kexec_image_parse_uki(b.data, b.len, &info) == 0, S,
		   "empty-sections", info.reason)) {
		expect_u64(info.uki.present, UK_ALL, S, "empty-sections",
			   "present");
		expect_extent("empty-sections", &info, KEXEC_UKI_SPLASH, 0, 0);
		expect_extent("empty-sections", &info, KEXEC_UKI_DTB, 0, 0);
	}
	buf_free(&b);
}

static void test_names(void)
{
	static const char *const names[KEXEC_UKI_NR_SECTIONS] = {
		".linux", ".initrd", ".ucode", ".cmdline", ".osrel", ".uname",
		".dtb", ".splash", ".pcrsig", ".pcrpkey", ".sbat", ".profile",
	};
	unsigned int i;

	for (i = 0; i < KEXEC_UKI_NR_SECTIONS; i++)
		expect(!strcmp(kexec_uki_section_name(i), names[i]), S,
		       names[i], "section name differs");
	expect(!strcmp(kexec_uki_section_name(KEXEC_UKI_NR_SECTIONS), "?"),
	       S, "name-out-of-range", "a name past the last section");
	expect(!strcmp(kexec_uki_section_name(-1), "?"), S, "name-negative",
	       "a name for -1");
}

/* Files that are no UKI: -ENOEXEC, silently, the descriptor cleared. */
static void expect_not_uki(const char *name, const struct buf *b)
{
	struct kexec_image_info info;
	int ret = kexec_image_parse_uki(b->data, b->len, &info);

	if (ret != -ENOEXEC || info.error != ret || info.has_pe ||
	    info.format != KEXEC_IMAGE_FMT_UNKNOWN ||
	    strcmp(info.reason, "no PE section table naming a UKI section"))
		fail(S, name, "returned %d, format %s, has_pe %d: %s", ret,
		     kexec_image_format_name(info.format), info.has_pe,
		     info.reason);
	else
		pass();
}

static void test_recognition(void)
{
	static const struct uki_sec stub[] = {
		{ ".text", NULL, UK_SLOT }, { ".reloc", NULL, 0x10 },
		{ ".sbat", "sbat,1\n", 7 },
	};
	static const struct uki_sec near[] = {
		{ ".text", NULL, UK_SLOT }, { ".linuxx", NULL, UK_SLOT },
		{ ".Linux", NULL, UK_SLOT }, { "linux", NULL, UK_SLOT },
	};
	struct buf b = make_uki_of(stub, ARRAY_SIZE(stub));
	struct buf zero = buf_new(UK_LEN), none = buf_new(0);
	struct buf a = make_arm64(), zb = make_zboot("gzip");
	struct buf bz = make_bzimage(0x020f), gz = buf_new(64);

	expect_not_uki("stub-text-reloc-sbat", &b);
	buf_free(&b);
	b = make_uki_of(near, ARRAY_SIZE(near));
	expect_not_uki("names-near-linux", &b);
	expect_not_uki("zeros", &zero);
	expect_not_uki("empty", &none);
	expect_not_uki("arm64", &a);
	memcpy(a.data, "MZ", 2);
	expect_not_uki("arm64-mz-no-pe", &a);
	expect_not_uki("zboot", &zb);
	expect_not_uki("bzimage", &bz);
	gz.len = make_gzip(gz.data, 0, 1);
	expect_not_uki("gzip", &gz);
	buf_free(&b);
	buf_free(&zero);
	buf_free(&none);
	buf_free(&a);
	buf_free(&zb);
	buf_free(&bz);
	buf_free(&gz);
}

/* 96 entries are accepted, 97 are not, counted as the table has them. */
static void test_section_count(void)
{
	struct uki_sec s[KEXEC_IMAGE_PE_MAX_SECTIONS + 1];
	struct kexec_image_info info;
	struct buf b;
	size_t i;
	int ret;

	s[0] = (struct uki_sec){ ".linux", NULL, UK_SLOT };
	for (i = 1; i < ARRAY_SIZE(s); i++)
		s[i] = (struct uki_sec){ ".bss", NULL, 0 };
	b = make_uki_of(s, KEXEC_IMAGE_PE_MAX_SECTIONS);
	ret = kexec_image_parse_uki(b.data, b.len, &info);
	expect(ret == 0, S, "sections-96", info.reason);
	expect_u64(info.uki.nr_sections, 96, S, "sections-96", "nr_sections");
	buf_free(&b);
	b = make_uki_of(s, KEXEC_IMAGE_PE_MAX_SECTIONS + 1);
	ret = kexec_image_parse_uki(b.data, b.len, &info);
	expect(ret == -EINVAL &&
	       !strcmp(info.reason, "PE header declares 97 sections, more than 96"),
	       S, "sections-97-built", info.reason);
	buf_free(&b);
}

/* The first profile overrides the shared part; later ones are not taken. */
static void test_profiles(void)
{
	static const struct uki_sec one[] = {
		{ ".linux", NULL, UK_SLOT }, { ".cmdline", "shared", 6 },
		{ ".profile", "ID=only\n", 8 },
	};
	struct kexec_image_info info;
	struct buf b = make_uki_profiles();
	const char *t = (const char *)b.data;

	if (!expect(kexec_image_parse_uki(b.data, b.len, &info) == 0, S,
		    "profiles", info.reason))
		goto out;
	expect_u64(info.uki.nr_sections, UK_P_NR, S, "profiles", "nr_sections");
	expect_u64(info.uki.nr_profiles, 2, S, "profiles", "nr_profiles");
	expect_u64(info.uki.present,
		   UKI_BIT(KEXEC_UKI_LINUX) | UKI_BIT(KEXEC_UKI_OSREL) |
		   UKI_BIT(KEXEC_UKI_CMDLINE) | UKI_BIT(KEXEC_UKI_PROFILE) |
		   UKI_BIT(KEXEC_UKI_DTB), S, "profiles", "present");
	expect_extent("profiles", &info, KEXEC_UKI_LINUX, UK_DATA_AT(1), UK_SLOT);
	expect_extent("profiles", &info, KEXEC_UKI_OSREL, UK_DATA_AT(2),
		      sizeof(UK_OSREL) - 1);
	expect_extent("profiles", &info, KEXEC_UKI_PROFILE, UK_DATA_AT(4), 7);
	expect_extent("profiles", &info, KEXEC_UKI_CMDLINE, UK_DATA_AT(5), 3);
	expect_extent("profiles", &info, KEXEC_UKI_DTB, UK_DATA_AT(6), 4);
	expect(kexec_image_uki_text(b.data, &info, KEXEC_UKI_CMDLINE) == 3 &&
	       !memcmp(t + info.uki.section[KEXEC_UKI_CMDLINE].offset, "one", 3),
	       S, "profiles-cmdline", "the first profile's .cmdline is not taken");
	expect_u64(kexec_image_uki_text(b.data, &info, KEXEC_UKI_UNAME), 0, S,
		   "profiles-uname", "the second profile's .uname");
	buf_free(&b);

	b = make_uki_of(one, ARRAY_SIZE(one));
	if (!expect(kexec_image_parse_uki(b.data, b.len, &info) == 0, S,
		    "one-profile", info.reason))
		goto out;
	expect_u64(info.uki.nr_profiles, 1, S, "one-profile", "nr_profiles");
	expect_u64(info.uki.present, UKI_BIT(KEXEC_UKI_LINUX) |
		   UKI_BIT(KEXEC_UKI_CMDLINE) | UKI_BIT(KEXEC_UKI_PROFILE), S,
		   "one-profile", "present");
out:
	buf_free(&b);
}

/*
 * A prefix is no UKI until it holds the first table entry that names a
 * UKI section (-ENOEXEC), and malformed from there until it is whole
 * (-EINVAL): the table or some section's raw data is cut.
 */
static void expect_cut(const char *base, const struct buf *b, size_t len,
		       size_t recognised)
{
	struct buf cut = buf_copy(b, len);
	struct kexec_image_info info;
	int want = len < recognised ? -ENOEXEC : len < b->len ? -EINVAL : 0;
	int ret = kexec_image_parse_uki(cut.data, len, &info);
	char name[64];

	buf_free(&cut);
	snprintf(name, sizeof(name), "%s-cut-to-0x%zx", base, len);
	if (ret != want || info.error != ret || !ret != !info.reason[0])
		fail(S, name, "returned %d, want %d: %s", ret, want, info.reason);
	else
		pass();
}

static void truncate_uki(const char *base, const struct buf *b,
			 unsigned int nr, size_t recognised)
{
	size_t len, at;
	unsigned int i;

	for (len = 0; len <= UK_SEC(nr); len++)
		expect_cut(base, b, len, recognised);
	for (i = 0; i < nr; i++) {
		at = UK_DATA_AT(i);
		expect_cut(base, b, at, recognised);
		expect_cut(base, b, at + 1, recognised);
		expect_cut(base, b, at + UK_SLOT - 1, recognised);
		expect_cut(base, b, at + UK_SLOT, recognised);
	}
}

static void test_truncation(void)
{
	struct buf b = make_uki();

	/* .text and .sbat do not make a UKI; .osrel, entry 2, does */
	truncate_uki("every", &b, UK_NR, UK_SEC(UK_I_OSREL + 1));
	buf_free(&b);
	b = make_uki_profiles();
	truncate_uki("profiles", &b, UK_P_NR, UK_SEC(2));
	buf_free(&b);
}

struct osrel_case {
	const char *name;
	const char *text;
	size_t len;		/* 0: strlen(text) */
	size_t vsize;		/* 0: len; less cuts the section short */
	const char *id;
	const char *version_id;
};

#define LONG40 "0123456789012345678901234567890123456789"
#define LONG31 "0123456789012345678901234567890"

static const struct osrel_case osrel_cases[] = {
	{ "quoted", "ID=debian\nVERSION_ID=\"12\"\n", 0, 0, "debian", "12" },
	{ "unquoted", "VERSION_ID=12.5\nID=arch", 0, 0, "arch", "12.5" },
	{ "single-quotes", "ID='fedora'\nVERSION_ID='40'\n", 0, 0, "fedora",
	  "40" },
	{ "missing-keys", "NAME=Foo\nPRETTY_NAME=\"Foo 1\"\n", 0, 0, "", "" },
	{ "keys-not-at-line-start",
	  " ID=x\nXID=y\nVERSION_ID_LIKE=1\n#ID=z\nid=w\n", 0, 0, "", "" },
	{ "version-only", "VERSION_ID=7\n", 0, 0, "", "7" },
	{ "over-long", "ID=" LONG40 "\n", 0, 0, LONG31, "" },
	{ "over-long-quoted", "VERSION_ID=\"" LONG40 "\"", 0, 0, "", LONG31 },
	{ "non-printables", "ID=de\tbi\001an\r\nVERSION_ID=1\1772\xff\n",
	  0, 0, "debian", "12" },
	{ "nul-dropped", "ID=deb\0ian\n", 11, 0, "debian", "" },
	{ "empty-values", "ID=\nVERSION_ID=\"\"\n", 0, 0, "", "" },
	{ "one-quote", "ID=\"debian\n", 0, 0, "\"debian", "" },
	{ "mismatched-quotes", "ID='debian\"\n", 0, 0, "'debian\"", "" },
	{ "lone-quote", "ID=\"\n", 0, 0, "\"", "" },
	{ "last-wins", "ID=a\nID=b\n", 0, 0, "b", "" },
	{ "value-with-equals", "ID=a=b\n", 0, 0, "a=b", "" },
	{ "cut-by-vsize", "ID=debian\n", 0, 6, "deb", "" },
	{ "key-cut-by-vsize", "VERSION_ID=12\n", 0, 11, "", "" },
};

static void run_osrel_case(const struct osrel_case *c)
{
	size_t len = c->len ? c->len : strlen(c->text);
	struct uki_sec s[] = {
		{ ".linux", NULL, UK_SLOT }, { ".osrel", c->text, len },
	};
	struct kexec_image_info info;
	struct buf b = make_uki_of(s, ARRAY_SIZE(s));

	if (c->vsize)
		put_le(b.data + SH(1, UK_VSIZE), 4, c->vsize);
	if (kexec_image_parse_uki(b.data, b.len, &info)) {
		fail(S, c->name, "refused: %s", info.reason);
	} else {
		kexec_image_uki_osrel(b.data, b.len, &info);
		if (strcmp(info.uki.os_id, c->id) ||
		    strcmp(info.uki.version_id, c->version_id))
			fail(S, c->name, "ID \"%s\" VERSION_ID \"%s\", want \"%s\" \"%s\"",
			     info.uki.os_id, info.uki.version_id, c->id,
			     c->version_id);
		else
			pass();
	}
	buf_free(&b);
}

/* No .osrel: both fields cleared, whatever they held. */
static void test_osrel_absent(void)
{
	static const struct uki_sec s[] = { { ".linux", NULL, UK_SLOT } };
	struct kexec_image_info info;
	struct buf b = make_uki_of(s, ARRAY_SIZE(s));

	if (expect(kexec_image_parse_uki(b.data, b.len, &info) == 0, S,
		   "osrel-absent", info.reason)) {
		snprintf(info.uki.os_id, sizeof(info.uki.os_id), "junk");
		snprintf(info.uki.version_id, sizeof(info.uki.version_id), "junk");
		kexec_image_uki_osrel(b.data, b.len, &info);
		expect(!info.uki.os_id[0] && !info.uki.version_id[0], S,
		       "osrel-absent", "fields not cleared");
	}
	buf_free(&b);
}

struct text_case {
	const char *name;
	const char *text;
	size_t len;		/* 0: strlen(text) */
	size_t vsize;		/* 0: len */
	size_t want;
};

static const struct text_case text_cases[] = {
	{ "trailing-newline", "console=ttyS0 quiet\n", 0, 0, 19 },
	{ "trailing-white", "a b \t\r\n\n", 0, 0, 3 },
	{ "leading-white-kept", "  x", 0, 0, 3 },
	{ "first-nul-ends", "abc\0def", 7, 0, 3 },
	{ "white-before-nul", "ab \0cd", 6, 0, 2 },
	{ "nul-first", "\0abc", 4, 0, 0 },
	{ "all-white", " \t\r\n", 0, 0, 0 },
	{ "bounded-by-vsize", "abcdef", 0, 3, 3 },
	{ "empty-section", "", 0, 0, 0 },
};

static void run_text_case(const struct text_case *c)
{
	size_t len = c->len ? c->len : strlen(c->text);
	struct uki_sec s[] = {
		{ ".linux", NULL, UK_SLOT }, { ".cmdline", c->text, len },
		{ ".uname", c->text, len },
	};
	struct kexec_image_info info;
	struct buf b = make_uki_of(s, ARRAY_SIZE(s));
	size_t cmd, uname;

	if (c->vsize) {
		put_le(b.data + SH(1, UK_VSIZE), 4, c->vsize);
		put_le(b.data + SH(2, UK_VSIZE), 4, c->vsize);
	}
	if (kexec_image_parse_uki(b.data, b.len, &info)) {
		fail(S, c->name, "refused: %s", info.reason);
		buf_free(&b);
		return;
	}
	cmd = kexec_image_uki_text(b.data, &info, KEXEC_UKI_CMDLINE);
	uname = kexec_image_uki_text(b.data, &info, KEXEC_UKI_UNAME);
	if (cmd != c->want || uname != c->want)
		fail(S, c->name, ".cmdline %zu, .uname %zu bytes, want %zu",
		     cmd, uname, c->want);
	else
		pass();
	buf_free(&b);
}

static void test_text(void)
{
	static const struct uki_sec s[] = { { ".linux", NULL, UK_SLOT } };
	struct kexec_image_info info;
	struct buf b = make_uki();
	size_t i;

	for (i = 0; i < ARRAY_SIZE(text_cases); i++)
		run_text_case(&text_cases[i]);
	if (expect(kexec_image_parse_uki(b.data, b.len, &info) == 0, S,
		   "text-every-section", info.reason)) {
		expect_u64(kexec_image_uki_text(b.data, &info, KEXEC_UKI_UNAME),
			   sizeof(UK_UNAME) - 2, S, "text-uname", "length");
		expect_u64(kexec_image_uki_text(b.data, &info, KEXEC_UKI_CMDLINE),
			   sizeof(UK_CMDLINE) - 2, S, "text-cmdline", "length");
		/* every bit set: only the range check keeps 32 from shifting */
		info.uki.present = ~0U;
		expect_u64(kexec_image_uki_text(b.data, &info, 32), 0, S,
			   "text-out-of-range", "length");
		expect_u64(kexec_image_uki_text(b.data, &info,
						KEXEC_UKI_NR_SECTIONS), 0, S,
			   "text-past-last", "length");
	}
	buf_free(&b);
	b = make_uki_of(s, ARRAY_SIZE(s));
	if (expect(kexec_image_parse_uki(b.data, b.len, &info) == 0, S,
		   "text-absent", info.reason)) {
		expect_u64(kexec_image_uki_text(b.data, &info, KEXEC_UKI_CMDLINE),
			   0, S, "text-absent", ".cmdline");
		expect_u64(kexec_image_uki_text(b.data, &info, KEXEC_UKI_UNAME),
			   0, S, "text-absent", ".uname");
	}
	buf_free(&b);
}

void test_uki(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		run_uk_case(&cases[i]);
	test_every_section();
	test_empty_section();
	test_names();
	test_recognition();
	test_section_count();
	test_profiles();
	test_truncation();
	for (i = 0; i < ARRAY_SIZE(osrel_cases); i++)
		run_osrel_case(&osrel_cases[i]);
	test_osrel_absent();
	test_text();
}
