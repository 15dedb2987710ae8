// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the kexec_file_load() image parsers: those in
 * kexec_image*.c, and the arm64 and riscv Image parsers beside their
 * loaders (arch/{arm64,riscv}/kernel/kexec_image_header.c), whose cases
 * are built where each is, on arm64 and on riscv.
 *
 * Each format's table of cases (tests/kexec_image_layouts*.c, linked into
 * this module) builds a valid synthetic image, patches one or two header
 * fields to the edge of a rule (the limit, then one past), optionally
 * truncates it, and checks the errno and the reason. The host harness in
 * tools/testing/kexec_image runs the same tables on the same images under
 * ASan, UBSan and libFuzzer; this suite checks the parsers as the kernel
 * builds them, and what the tables do not: every prefix of each image, the
 * fields each parser describes, and the unwrap plan.
 */

#include <kunit/test.h>
#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/kexec_image.h>
#include <linux/module.h>
#include <linux/sizes.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "tests/kexec_image_layouts.h"

/* A zeroed image buffer of KX_BUF_LEN and a descriptor, both test-managed. */
static u8 *kx_test_buffers(struct kunit *test, struct kexec_image_info **info)
{
	u8 *buf = kunit_kzalloc(test, KX_BUF_LEN, GFP_KERNEL);

	*info = kunit_kzalloc(test, sizeof(**info), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_NOT_NULL(test, *info);
	return buf;
}

/* The next case of @t after @prev, for a table's parameterised test. */
static const void *kx_next(const struct kx_table *t, const void *prev,
			   char *desc)
{
	const struct kx_case *c = prev ? (const struct kx_case *)prev + 1 :
					 t->cases;

	if (c >= t->cases + t->nr_cases)
		return NULL;
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
	return c;
}

/* One case of @t, on each of its runs (a zImage's two byte orders). */
static void kx_run(struct kunit *test, const struct kx_table *t)
{
	const struct kx_case *c = test->param_value;
	struct kexec_image_info *info;
	unsigned int run = 0;
	size_t len;
	char *why;
	u8 *buf;
	int ret;

	buf = kunit_kmalloc(test, KX_BUF_LEN, GFP_KERNEL);
	info = kunit_kzalloc(test, sizeof(*info), GFP_KERNEL);
	why = kunit_kzalloc(test, KX_WHY_LEN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_NOT_NULL(test, info);
	KUNIT_ASSERT_NOT_NULL(test, why);
	len = kx_case_image(t, c, 0, buf);
	KUNIT_ASSERT_NE_MSG(test, len, 0, "no file for the case");
	do {
		ret = t->parse(buf, len, info);
		KUNIT_EXPECT_TRUE_MSG(test, kx_case_check(t, c, ret, info, why),
				      "run %u: %s", run, why);
		if (t == &kx_gzip_table && !ret) {
			KUNIT_EXPECT_EQ(test, info->gzip.flags, c->variant);
			KUNIT_EXPECT_EQ(test, info->gzip.isize, GZ_ISIZE);
			KUNIT_EXPECT_EQ(test, info->gzip.length, len);
		}
		len = kx_case_image(t, c, ++run, buf);
	} while (len);
}

#define KX_TABLE_TEST(fmt)						\
static const void *kx_##fmt##_params(const void *prev, char *desc)	\
{									\
	return kx_next(&kx_##fmt##_table, prev, desc);			\
}									\
									\
static void kexec_image_##fmt##_case_test(struct kunit *test)		\
{									\
	kx_run(test, &kx_##fmt##_table);				\
}

#ifdef CONFIG_KEXEC_IMAGE_ARM64
KX_TABLE_TEST(arm64)
#endif
#ifdef CONFIG_KEXEC_IMAGE_RISCV
KX_TABLE_TEST(riscv)
#endif
#ifdef CONFIG_KEXEC_IMAGE_BZIMAGE
KX_TABLE_TEST(bzimage)
#endif
KX_TABLE_TEST(zimage)
KX_TABLE_TEST(zboot)
KX_TABLE_TEST(gzip)
KX_TABLE_TEST(uki)
#ifdef CONFIG_KEXEC_IMAGE_ELF
KX_TABLE_TEST(elf)
#endif

static const void *kx_note_params(const void *prev, char *desc)
{
	const struct kx_note_case *c = prev ?
		(const struct kx_note_case *)prev + 1 : kx_note_cases;

	if (c >= kx_note_cases + kx_nr_note_cases)
		return NULL;
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
	return c;
}

/* The ELF note walker on one area, in both byte orders. */
static void kexec_image_notes_test(struct kunit *test)
{
	const struct kx_note_case *c = test->param_value;
	struct kexec_image_info *info;
	unsigned int be;
	char *why;
	u8 *area;

	info = kunit_kzalloc(test, sizeof(*info), GFP_KERNEL);
	area = kunit_kzalloc(test, sizeof(c->words), GFP_KERNEL);
	why = kunit_kzalloc(test, KX_WHY_LEN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, info);
	KUNIT_ASSERT_NOT_NULL(test, area);
	KUNIT_ASSERT_NOT_NULL(test, why);
	for (be = 0; be < 2; be++) {
		kx_note_area(area, c, be);
		KUNIT_EXPECT_TRUE_MSG(test,
				      kx_note_check(c, kexec_notes_check(area, c->len, be, info),
						    info, why),
				      "%s: %s", be ? "big-endian" : "little-endian", why);
	}
}

/*
 * Every prefix of every image is refused with a reason until it holds all
 * that its format checks, and accepted from there on.
 */
static void kexec_image_truncation_test(struct kunit *test)
{
	static const struct {
		const struct kx_table *t;
		unsigned int variant;
		size_t min_len;
	} bases[] = {
#ifdef CONFIG_KEXEC_IMAGE_ARM64
		{ &kx_arm64_table, 0, 0x40 },
#endif
#ifdef CONFIG_KEXEC_IMAGE_RISCV
		{ &kx_riscv_table, 0, 0x40 },
#endif
#ifdef CONFIG_KEXEC_IMAGE_BZIMAGE
		{ &kx_bzimage_table, 0, BZ_LEN },
#endif
		{ &kx_zimage_table, KX_ZI_LE, ZI_LEN },
		{ &kx_zboot_table, KX_ZB_GZIP, ZB_PAYLOAD + GZ_LEN },
		{ &kx_gzip_table, GZ_FNAME, GZ_LEN },
		{ &kx_uki_table, KX_UK_EVERY, UK_LEN },
	};
	struct kexec_image_info *info;
	unsigned int i;
	size_t len, full;
	u8 *buf;
	int ret;

	buf = kx_test_buffers(test, &info);
	for (i = 0; i < ARRAY_SIZE(bases); i++) {
		memset(buf, 0, KX_BUF_LEN);
		full = bases[i].t->build(buf, bases[i].variant, 0);
		for (len = 0; len <= full; len++) {
			ret = kexec_image_probe(buf, len, info);
			if (len >= bases[i].min_len) {
				KUNIT_EXPECT_EQ_MSG(test, ret, 0,
						    "%s cut to %zu: %s",
						    bases[i].t->name, len,
						    info->reason);
				continue;
			}
			KUNIT_EXPECT_TRUE_MSG(test, ret == -ENOEXEC ||
					      ret == -EINVAL,
					      "%s cut to %zu: %d",
					      bases[i].t->name, len, ret);
			KUNIT_EXPECT_NE(test, info->reason[0], 0);
		}
	}
}

#ifdef CONFIG_KEXEC_IMAGE_BZIMAGE
static void kexec_image_bzimage_fields_test(struct kunit *test)
{
	struct kexec_image_info *info;
	u8 *buf;

	buf = kx_test_buffers(test, &info);

	KUNIT_ASSERT_EQ(test, kexec_image_probe(buf,
						kx_build_bzimage(buf, 0x020f),
						info), 0);
	KUNIT_EXPECT_EQ(test, info->format, KEXEC_IMAGE_FMT_BZIMAGE);
	KUNIT_EXPECT_EQ(test, info->x86.protocol, 0x020f);
	KUNIT_EXPECT_EQ(test, info->x86.setup_size, BZ_SETUP);
	KUNIT_EXPECT_EQ(test, info->x86.payload_length, 0x1000);
	KUNIT_EXPECT_EQ(test, info->load_align, 0x200000);
	KUNIT_EXPECT_EQ(test, info->image_size, 0x100000);
}
#endif

#ifdef CONFIG_KEXEC_IMAGE_ARM64
static void kexec_image_arm64_fields_test(struct kunit *test)
{
	struct kexec_image_info *info;
	u8 *buf;

	buf = kx_test_buffers(test, &info);

	KUNIT_ASSERT_EQ(test, kexec_image_probe(buf, kx_build_arm64(buf), info),
			0);
	KUNIT_EXPECT_EQ(test, info->format, KEXEC_IMAGE_FMT_ARM64);
	KUNIT_EXPECT_EQ(test, info->image_size, A64_IMAGE_SIZE);
	KUNIT_EXPECT_EQ(test, info->page_size, 0x1000);
	KUNIT_EXPECT_EQ(test, info->placement, KEXEC_IMAGE_PLACE_ANYWHERE);
	KUNIT_EXPECT_EQ(test, info->load_align, 0x200000);
}

/* The flags decoded through asm/image.h's fields, on the shared cases. */
static void kexec_image_arm64_flags_test(struct kunit *test)
{
	const struct kx_arm64_flags *f;
	struct kexec_image_info *info;
	unsigned int i;
	size_t len;
	u8 *buf;

	buf = kx_test_buffers(test, &info);
	len = kx_build_arm64(buf);
	for (i = 0; i < kx_nr_arm64_flag_cases; i++) {
		f = &kx_arm64_flag_cases[i];
		put_unaligned_le64(f->flags, buf + 0x18);
		KUNIT_ASSERT_EQ_MSG(test, kexec_image_parse_arm64(buf, len, info),
				    0, "flags 0x%llx: %s", f->flags, info->reason);
		KUNIT_EXPECT_EQ_MSG(test, info->endian, f->endian,
				    "flags 0x%llx", f->flags);
		KUNIT_EXPECT_EQ_MSG(test, info->page_size, f->page_size,
				    "flags 0x%llx", f->flags);
		KUNIT_EXPECT_EQ_MSG(test, info->placement, f->placement,
				    "flags 0x%llx", f->flags);
		KUNIT_EXPECT_EQ_MSG(test, info->flags, f->flags,
				    "flags 0x%llx", f->flags);
	}
}
#endif

#ifdef CONFIG_KEXEC_IMAGE_RISCV
static void kexec_image_riscv_fields_test(struct kunit *test)
{
	struct kexec_image_info *info;
	u8 *buf;

	buf = kx_test_buffers(test, &info);

	KUNIT_ASSERT_EQ(test, kexec_image_probe(buf, kx_build_riscv(buf), info),
			0);
	KUNIT_EXPECT_EQ(test, info->format, KEXEC_IMAGE_FMT_RISCV);
	KUNIT_EXPECT_EQ(test, info->endian, KEXEC_IMAGE_LE);
	KUNIT_EXPECT_EQ(test, info->text_offset, RV_TEXT_OFFSET);
	KUNIT_EXPECT_EQ(test, info->image_size, RV_IMAGE_SIZE);
	KUNIT_EXPECT_EQ(test, info->load_align, 0x200000);
	KUNIT_EXPECT_EQ(test, info->riscv.version_major, 0);
	KUNIT_EXPECT_EQ(test, info->riscv.version_minor, 2);
	KUNIT_EXPECT_TRUE(test, info->riscv.has_magic);
	KUNIT_EXPECT_TRUE(test, info->riscv.has_magic2);
	KUNIT_EXPECT_FALSE(test, info->has_pe);
}
#endif

static void kexec_image_zboot_fields_test(struct kunit *test)
{
	struct kexec_image_info *info;
	u8 *buf;

	buf = kx_test_buffers(test, &info);

	KUNIT_ASSERT_EQ(test, kexec_image_probe(buf, kx_build_zboot(buf, "gzip"),
						info), 0);
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
	kx_build_zboot(buf, "gzip");
	put_unaligned_le32(0xcafef00d, buf + ZB_PAYLOAD + GZ_LEN - 8);
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
	put_unaligned_le32(ZB_ISIZE, buf + ZB_PAYLOAD + GZ_LEN);
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
	memset(buf, 0, KX_BUF_LEN);
	KUNIT_ASSERT_EQ(test, kexec_image_probe(buf,
						kx_build_gzip(buf, GZ_FNAME, 0),
						info), 0);
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

	buf = kx_test_buffers(test, &info);
	for (i = 0; i < 2; i++) {
		be = i;
		memset(buf, 0, KX_BUF_LEN);
		len = kx_build_zimage(buf, be);
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

/* What kexec_unwrap_uki() takes out of a UKI, as the parser describes it. */
static void kexec_image_uki_test(struct kunit *test)
{
	struct kexec_image_info *info;
	u8 *buf;
	size_t len;

	buf = kx_test_buffers(test, &info);
	len = kx_build_uki(buf);
	KUNIT_ASSERT_EQ(test, kexec_image_probe(buf, len, info), 0);
	KUNIT_EXPECT_EQ(test, info->format, KEXEC_IMAGE_FMT_UKI);
	KUNIT_EXPECT_STREQ(test, kexec_image_format_name(info->format), "uki");
	KUNIT_EXPECT_EQ(test, info->uki.nr_sections, UK_NR);
	KUNIT_EXPECT_EQ(test, info->uki.nr_profiles, 0);
	/* every section kx_build_uki() writes, none but .profile missing */
	KUNIT_EXPECT_EQ(test, info->uki.present,
			GENMASK(KEXEC_UKI_NR_SECTIONS - 1, 0) &
			~BIT(KEXEC_UKI_PROFILE));
	KUNIT_EXPECT_EQ(test, info->uki.section[KEXEC_UKI_LINUX].offset,
			UK_DATA_AT(UK_I_LINUX));
	KUNIT_EXPECT_EQ(test, info->uki.section[KEXEC_UKI_LINUX].size, UK_SLOT);
	KUNIT_EXPECT_EQ(test, info->uki.section[KEXEC_UKI_INITRD].offset,
			UK_DATA_AT(UK_I_INITRD));
	KUNIT_EXPECT_EQ(test, info->uki.section[KEXEC_UKI_INITRD].size, 0x80);

	/* Text ends at its NUL and without trailing white space. */
	KUNIT_EXPECT_EQ(test, kexec_image_uki_text(buf, info, KEXEC_UKI_CMDLINE),
			strlen("console=ttyS0 quiet"));
	KUNIT_EXPECT_EQ(test, kexec_image_uki_text(buf, info, KEXEC_UKI_UNAME),
			strlen("6.12.0-test"));
	KUNIT_EXPECT_EQ(test, kexec_image_uki_text(buf, info, KEXEC_UKI_PROFILE),
			0);
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
	static const struct kx_uki_sec s[] = {
		{ ".text", NULL, UK_SLOT },
		{ ".linux", NULL, UK_SLOT },
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

	buf = kx_test_buffers(test, &info);
	len = kx_build_uki_of(buf, s, ARRAY_SIZE(s));
	KUNIT_ASSERT_EQ_MSG(test, kexec_image_parse_uki(buf, len, info), 0,
			    "reason: %s", info->reason);
	KUNIT_EXPECT_EQ(test, info->uki.nr_profiles, 2);
	KUNIT_EXPECT_EQ(test, info->uki.section[KEXEC_UKI_LINUX].size, UK_SLOT);
	KUNIT_ASSERT_EQ(test, kexec_image_uki_text(buf, info, KEXEC_UKI_CMDLINE),
			3);
	first_cmdline = info->uki.section[KEXEC_UKI_CMDLINE].offset;
	KUNIT_EXPECT_EQ(test, memcmp(buf + first_cmdline, "one", 3), 0);

	/* The second profile's .profile renamed: .cmdline twice in the first. */
	memcpy(buf + UK_SEC(5), ".cmdline", 8);
	KUNIT_EXPECT_EQ(test, kexec_image_parse_uki(buf, len, info), -EINVAL);
	KUNIT_EXPECT_NOT_NULL_MSG(test,
				  strstr(info->reason, "appears twice in the first profile"),
				  "reason: %s", info->reason);

	/* A later profile's section must still lie in the file. */
	memset(buf, 0, KX_BUF_LEN);
	len = kx_build_uki_of(buf, s, ARRAY_SIZE(s));
	KUNIT_EXPECT_EQ(test, kexec_image_parse_uki(buf, len - 1, info), -EINVAL);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(info->reason, "ends beyond the file"),
				  "reason: %s", info->reason);
}

#ifdef CONFIG_KEXEC_IMAGE_ELF
#define EL_AT(i, field)	(EL_PH(i) + (field))

/* Every prefix of the file is refused, up to its last PT_LOAD byte. */
static void kexec_image_elf_truncation_test(struct kunit *test)
{
	struct kexec_image_info *info;
	size_t len;
	u8 *buf;
	int ret;

	buf = kx_test_buffers(test, &info);
	kx_build_elf(buf);
	for (len = 0; len < EL_LEN; len++) {
		ret = kexec_image_probe(buf, len, info);
		KUNIT_EXPECT_EQ_MSG(test, ret, len < 16 ? -ENOEXEC : -EINVAL,
				    "cut to 0x%zx: %s", len, info->reason);
		KUNIT_EXPECT_NE(test, info->reason[0], 0);
	}
	KUNIT_EXPECT_EQ(test, kexec_image_probe(buf, EL_LEN, info), 0);
}

/* kx_build_elf() as described, and the probe and the format's name. */
static void kexec_image_elf_fields_test(struct kunit *test)
{
	struct kexec_image_info *info;
	const struct kexec_image_elf *e;
	u8 *buf;

	buf = kx_test_buffers(test, &info);
	e = &info->elf;
	KUNIT_ASSERT_EQ(test, kexec_image_probe(buf, kx_build_elf(buf), info), 0);
	KUNIT_EXPECT_EQ(test, info->format, KEXEC_IMAGE_FMT_ELF);
	KUNIT_EXPECT_STREQ(test, kexec_image_format_name(info->format), "elf");
	KUNIT_EXPECT_EQ(test, info->endian, KEXEC_IMAGE_LE);
	KUNIT_EXPECT_EQ(test, info->image_size, EL_SPAN);
	KUNIT_EXPECT_EQ(test, info->load_align, 0x200000);
	KUNIT_EXPECT_EQ(test, e->machine, 62);
	KUNIT_EXPECT_EQ(test, e->phnum, EL_PHNUM);
	KUNIT_EXPECT_EQ(test, e->entry, EL_E_ENTRY);
	KUNIT_EXPECT_EQ(test, e->nr_loads, EL_NR_LOADS);
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
	KUNIT_EXPECT_EQ(test, e->nr_notes, EL_NR_NOTES);
	KUNIT_EXPECT_TRUE(test, e->has_pvh_entry);
	KUNIT_EXPECT_EQ(test, e->pvh_entry, EL_ENTRY);
	KUNIT_EXPECT_TRUE(test, e->has_reloc);
	KUNIT_EXPECT_EQ(test, e->reloc_words, 3);
	KUNIT_EXPECT_EQ(test, e->reloc_align, EL_RELOC_ALIGN);
	KUNIT_EXPECT_EQ(test, e->reloc_min, EL_RELOC_MIN);
	KUNIT_EXPECT_EQ(test, e->reloc_max, EL_RELOC_MAX);
	KUNIT_EXPECT_EQ(test, e->build_id_len, EL_BUILD_ID_LEN);
	KUNIT_EXPECT_EQ(test, memcmp(e->build_id, "kexec-elf-build-id01",
				     EL_BUILD_ID_LEN), 0);
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

	buf = kx_test_buffers(test, &info);
	for (i = 0; i < ARRAY_SIZE(w); i++) {
		memset(buf, 0, KX_BUF_LEN);
		len = kx_build_elf_notes(buf, kx_elf_std_notes,
					 EL_NR_NOTES - (w[i].words < 0));
		if (w[i].words >= 0) {
			put_unaligned_le32(4 * w[i].words, buf + EL_NOTE_RELOC + 4);
			put_unaligned_le64(EL_NOTES_SIZE - 12 + 4 * w[i].words,
					   buf + EL_AT(EL_PH_NOTE, EL_P_FILESZ));
		}
		put_unaligned_le64(w[i].p_align, buf + EL_AT(1, EL_P_ALIGN));
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
		len = kx_build_elf_notes(buf, kx_elf_std_notes, EL_NR_NOTES - 1);
		for (i = 0; i < EL_NR_LOADS; i++)
			put_unaligned_le64(j ? 0x1000 : 0x800,
					   buf + EL_AT(i, EL_P_ALIGN));
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

	buf = kx_test_buffers(test, &info);
	for (i = 0; i < ARRAY_SIZE(caps); i++) {
		memset(buf, 0, KX_BUF_LEN);
		kx_build_elf(buf);
		memcpy(buf + EL_LEN, buf + EL_PHOFF, EL_PHENT * EL_PHNUM);
		put_unaligned_le64(EL_LEN, buf + 32);		/* e_phoff */
		put_unaligned_le16(EL_PHNUM + caps[i].extra, buf + 56);
		for (k = 0; k < caps[i].extra; k++) {
			ph = buf + EL_LEN + EL_PHENT * (EL_PHNUM + k);
			put_unaligned_le32(caps[i].type, ph + EL_P_TYPE);
			if (caps[i].type == 1) {
				put_unaligned_le64(0x1700000 + 0x10000 * k,
						   ph + EL_P_PADDR);
				put_unaligned_le64(0x1000, ph + EL_P_MEMSZ);
			}
		}
		len = EL_LEN + EL_PHENT * (EL_PHNUM + caps[i].extra);
		KUNIT_EXPECT_EQ_MSG(test, kexec_image_parse_elf(buf, len, info),
				    caps[i].err, "case %u: %s", i, info->reason);
	}
}
#endif /* CONFIG_KEXEC_IMAGE_ELF */

static struct kunit_case kexec_image_test_cases[] = {
#ifdef CONFIG_KEXEC_IMAGE_ARM64
	KUNIT_CASE_PARAM(kexec_image_arm64_case_test, kx_arm64_params),
#endif
#ifdef CONFIG_KEXEC_IMAGE_RISCV
	KUNIT_CASE_PARAM(kexec_image_riscv_case_test, kx_riscv_params),
#endif
#ifdef CONFIG_KEXEC_IMAGE_BZIMAGE
	KUNIT_CASE_PARAM(kexec_image_bzimage_case_test, kx_bzimage_params),
#endif
	KUNIT_CASE_PARAM(kexec_image_zimage_case_test, kx_zimage_params),
	KUNIT_CASE_PARAM(kexec_image_zboot_case_test, kx_zboot_params),
	KUNIT_CASE_PARAM(kexec_image_gzip_case_test, kx_gzip_params),
	KUNIT_CASE_PARAM(kexec_image_uki_case_test, kx_uki_params),
	KUNIT_CASE_PARAM(kexec_image_notes_test, kx_note_params),
	KUNIT_CASE(kexec_image_truncation_test),
#ifdef CONFIG_KEXEC_IMAGE_ARM64
	KUNIT_CASE(kexec_image_arm64_fields_test),
	KUNIT_CASE(kexec_image_arm64_flags_test),
#endif
#ifdef CONFIG_KEXEC_IMAGE_RISCV
	KUNIT_CASE(kexec_image_riscv_fields_test),
#endif
	KUNIT_CASE(kexec_image_zboot_fields_test),
#ifdef CONFIG_KEXEC_IMAGE_BZIMAGE
	KUNIT_CASE(kexec_image_bzimage_fields_test),
#endif
	KUNIT_CASE(kexec_image_zimage_notes_test),
	KUNIT_CASE(kexec_image_unwrap_plan_test),
	KUNIT_CASE(kexec_image_uki_test),
	KUNIT_CASE(kexec_image_uki_profiles_test),
#ifdef CONFIG_KEXEC_IMAGE_ELF
	KUNIT_CASE_PARAM(kexec_image_elf_case_test, kx_elf_params),
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
