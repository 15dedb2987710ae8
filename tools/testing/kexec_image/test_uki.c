// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_image_parse_uki() beyond its table of cases (test_cases.c): the
 * sections it describes, what is no UKI, the first profile's sections,
 * truncation, and the readers of .osrel and of the text sections.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

#define S "uki"

#define SH(i, field)	(UK_SEC(i) + (field))
#define UKI_BIT(sec)	(1U << (sec))
#define UK_ALL		((UKI_BIT(KEXEC_UKI_NR_SECTIONS) - 1) & \
			 ~UKI_BIT(KEXEC_UKI_PROFILE))

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
		{ KEXEC_UKI_CMDLINE, UK_I_CMDLINE, sizeof(UK_CMDLINE) - 1 },
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
	static const struct kx_patch p[] = {
		{ SH(UK_I_SPLASH, UK_VSIZE), 4, 0 },
		{ SH(UK_I_SPLASH, UK_RAW_SIZE), 4, 0 },
		{ SH(UK_I_SPLASH, UK_RAW_OFF), 4, 0x50000000 },
		{ SH(UK_I_DTB, UK_VSIZE), 4, 0 },
		{},
	};
	struct kexec_image_info info;
	struct buf b = make_uki();

	apply_patches(&b, p, ARRAY_SIZE(p));
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
	static const struct kx_uki_sec stub[] = {
		{ ".text", NULL, UK_SLOT }, { ".reloc", NULL, 0x10 },
		{ ".sbat", "sbat,1\n", 7 },
	};
	static const struct kx_uki_sec near[] = {
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
	gz.len = kx_build_gzip(gz.data, 0, 1);
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
	struct kx_uki_sec s[KEXEC_IMAGE_PE_MAX_SECTIONS + 1];
	struct kexec_image_info info;
	struct buf b;
	size_t i;
	int ret;

	s[0] = (struct kx_uki_sec){ ".linux", NULL, UK_SLOT };
	for (i = 1; i < ARRAY_SIZE(s); i++)
		s[i] = (struct kx_uki_sec){ ".bss", NULL, 0 };
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
	static const struct kx_uki_sec one[] = {
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
	struct kx_uki_sec s[] = {
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
	static const struct kx_uki_sec s[] = { { ".linux", NULL, UK_SLOT } };
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
	struct kx_uki_sec s[] = {
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
	static const struct kx_uki_sec s[] = { { ".linux", NULL, UK_SLOT } };
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
			   sizeof(UK_CMDLINE) - 3, S, "text-cmdline", "length");
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
