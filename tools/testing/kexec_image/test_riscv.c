// SPDX-License-Identifier: GPL-2.0
/*
 * riscv Image: Documentation/arch/riscv/boot-image-header.rst.
 */
#include <errno.h>
#include <string.h>

#include "harness.h"

#define S "riscv"
/* IMAGE_FILE_MACHINE_RISCV64, in an EFI-stub Image's PE header. */
#define RV_PE_MACHINE	0x5064

static void test_valid_fields(const struct buf *base)
{
	struct kexec_image_info info;

	if (!expect(!kexec_image_parse_riscv(base->data, base->len, &info),
		    S, "valid-fields", info.reason))
		return;
	expect_u64(info.format, KEXEC_IMAGE_FMT_RISCV, S, "valid", "format");
	expect_u64(info.endian, KEXEC_IMAGE_LE, S, "valid", "endian");
	expect_u64(info.image_size, RV_IMAGE_SIZE, S, "valid", "image_size");
	expect_u64(info.text_offset, RV_TEXT_OFFSET, S, "valid", "text_offset");
	expect_u64(info.has_text_offset, 1, S, "valid", "has_text_offset");
	expect_u64(info.load_align, 0x200000, S, "valid", "load_align");
	expect_u64(info.flags, 0, S, "valid", "flags");
	expect_u64(info.riscv.version_major, 0, S, "valid", "version_major");
	expect_u64(info.riscv.version_minor, 2, S, "valid", "version_minor");
	expect_u64(info.riscv.has_magic, 1, S, "valid", "has_magic");
	expect_u64(info.riscv.has_magic2, 1, S, "valid", "has_magic2");
	expect_u64(info.has_pe, 0, S, "valid", "has_pe");
}

/* What is recorded of the version and the magics it was told by. */
static void test_versions(const struct buf *base)
{
	static const struct {
		const char *name;
		uint32_t version;
		bool magic, magic2;
	} v[] = {
		{ "version-0.1", 0x1, true, false },
		{ "version-0.2-both", 0x2, true, true },
		{ "version-0.2-magic2", 0x2, false, true },
		{ "version-0.9-magic2", 0x9, false, true },
	};
	struct kexec_image_info info;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(v); i++) {
		struct buf b = buf_copy(base, base->len);
		int ret;

		put_le(b.data + RV_VERSION, 4, v[i].version);
		if (!v[i].magic)
			memset(b.data + RV_MAGIC, 0, 8);
		if (!v[i].magic2)
			memset(b.data + RV_MAGIC2, 0, 4);
		ret = kexec_image_parse_riscv(b.data, b.len, &info);
		buf_free(&b);
		if (!expect(ret == 0, S, v[i].name, info.reason))
			continue;
		expect_u64(info.riscv.version_minor, v[i].version, S,
			   v[i].name, "version_minor");
		expect_u64(info.riscv.has_magic, v[i].magic, S, v[i].name,
			   "has_magic");
		expect_u64(info.riscv.has_magic2, v[i].magic2, S, v[i].name,
			   "has_magic2");
	}
}

/* Reserved flag bits are kept for the loader; bit 0 alone decides. */
static void test_flags(const struct buf *base)
{
	static const uint64_t kept[] = { 0x2, 0x80, 0x8000000000000000ULL,
					 0xfffffffffffffffeULL };
	struct kexec_image_info info;
	char name[40];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(kept); i++) {
		struct buf b = buf_copy(base, base->len);
		int ret;

		snprintf(name, sizeof(name), "flags-0x%llx",
			 (unsigned long long)kept[i]);
		put_le(b.data + RV_FLAGS, 8, kept[i]);
		ret = kexec_image_parse_riscv(b.data, b.len, &info);
		buf_free(&b);
		if (!expect(ret == 0, S, name, info.reason))
			continue;
		expect_u64(info.flags, kept[i], S, name, "flags");
		expect_u64(info.endian, KEXEC_IMAGE_LE, S, name, "endian");
	}
}

/*
 * An EFI-stub Image as head.S lays it out: "MZ" (c.li s4,-13) then a
 * jump, and the PE header where res3 at 0x3c points.
 */
static void test_pe(const struct buf *base)
{
	static const struct {
		const char *name;
		uint32_t pe_offset;
		bool has_pe;
	} pe[] = {
		{ "pe-at-0x40", 0x40, true },
		{ "pe-at-end-less-6", RV_LEN - 6, true },
		{ "pe-at-end-less-5", RV_LEN - 5, false },
		{ "pe-offset-inside-header", 0x3c, false },
		{ "pe-offset-beyond-file", 0x10000, false },
		{ "pe-offset-max", 0xffffffff, false },
	};
	struct kexec_image_info info;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(pe); i++) {
		struct buf b = buf_copy(base, base->len);
		int ret;

		memcpy(b.data, "MZ", 2);
		put_le(b.data + 2, 4, 0x0400006f);	/* j */
		put_le(b.data + RV_PE_OFFSET, 4, pe[i].pe_offset);
		if (pe[i].pe_offset <= RV_LEN - 6) {
			memcpy(b.data + pe[i].pe_offset, "PE\0\0", 4);
			put_le(b.data + pe[i].pe_offset + 4, 2, RV_PE_MACHINE);
		}
		ret = kexec_image_parse_riscv(b.data, b.len, &info);
		buf_free(&b);
		if (!expect(ret == 0, S, pe[i].name, info.reason))
			continue;
		expect_u64(info.has_pe, pe[i].has_pe, S, pe[i].name, "has_pe");
		if (pe[i].has_pe) {
			expect_u64(info.pe_offset, pe[i].pe_offset, S,
				   pe[i].name, "pe_offset");
			expect_u64(info.pe_machine, RV_PE_MACHINE, S,
				   pe[i].name, "pe_machine");
		}
	}
}

/* A refused Image still says what it is, and the errno is recorded. */
static void test_refused_fields(const struct buf *base)
{
	struct buf b = buf_copy(base, base->len);
	struct kexec_image_info info;
	int ret;

	put_le(b.data + RV_FLAGS, 8, 1);
	ret = kexec_image_parse_riscv(b.data, b.len, &info);
	expect(ret == -EOPNOTSUPP && info.error == ret, S, "be-refused",
	       info.reason);
	expect_u64(info.endian, KEXEC_IMAGE_BE, S, "be-refused", "endian");
	expect_u64(info.format, KEXEC_IMAGE_FMT_RISCV, S, "be-refused",
		   "format");
	buf_free(&b);
}

/* The arm64 parser does not take a riscv Image, nor the other way round. */
static void test_not_arm64(const struct buf *base)
{
	struct buf a = make_arm64();
	struct kexec_image_info info;

	expect(kexec_image_parse_arm64(base->data, base->len, &info) ==
	       -ENOEXEC, S, "not-arm64", info.reason);
	expect(kexec_image_parse_riscv(a.data, a.len, &info) == -ENOEXEC, S,
	       "arm64-not-riscv", info.reason);
	buf_free(&a);
}

void test_riscv(void)
{
	struct buf base = make_riscv(), m2 = make_riscv();

	run_truncations(S, kexec_image_parse_riscv, &base, 0x40, 0x38);
	/* Without the old magic the Image is told from 0x3c bytes on. */
	memset(m2.data + RV_MAGIC, 0, 8);
	run_truncations(S "-magic2", kexec_image_parse_riscv, &m2, 0x40, 0x3c);
	test_valid_fields(&base);
	test_versions(&base);
	test_flags(&base);
	test_pe(&base);
	test_refused_fields(&base);
	test_not_arm64(&base);
	buf_free(&m2);
	buf_free(&base);
}
