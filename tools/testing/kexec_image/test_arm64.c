// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 Image: Documentation/arch/arm64/booting.rst.
 */
#include <errno.h>
#include <string.h>

#include "harness.h"

#define S "arm64"

static void test_flags(const struct buf *base)
{
	struct kexec_image_info info;
	char name[32];
	size_t i;

	for (i = 0; i < kx_nr_arm64_flag_cases; i++) {
		const struct kx_arm64_flags *f = &kx_arm64_flag_cases[i];
		struct buf b = buf_copy(base, base->len);
		int ret;

		snprintf(name, sizeof(name), "flags-0x%llx",
			 (unsigned long long)f->flags);
		put_le(b.data + 0x18, 8, f->flags);
		ret = kexec_image_parse_arm64(b.data, b.len, &info);
		buf_free(&b);
		if (!expect(ret == 0, S, name, "rejected"))
			continue;
		expect_u64(info.endian, f->endian, S, name, "endian");
		expect_u64(info.page_size, f->page_size, S, name, "page_size");
		expect_u64(info.placement, f->placement, S, name, "placement");
		expect_u64(info.flags, f->flags, S, name, "flags");
	}
}

/* PE header: "MZ" at 0, offset at 0x3c, "PE\0\0" and a machine there. */
static void test_pe(const struct buf *base)
{
	static const struct {
		const char *name;
		uint32_t pe_offset;
		size_t len;
		bool has_pe;
	} pe[] = {
		{ "pe-at-0x40", 0x40, A64_LEN, true },
		{ "pe-at-end-less-6", A64_LEN - 6, A64_LEN, true },
		{ "pe-at-end-less-5", A64_LEN - 5, A64_LEN, false },
		{ "pe-offset-inside-header", 0x3c, A64_LEN, false },
		{ "pe-offset-beyond-file", 0x10000, A64_LEN, false },
		{ "pe-offset-max", 0xffffffff, A64_LEN, false },
	};
	struct kexec_image_info info;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(pe); i++) {
		struct buf b = buf_copy(base, base->len);
		int ret;

		memcpy(b.data, "MZ", 2);
		put_le(b.data + 0x3c, 4, pe[i].pe_offset);
		if (pe[i].pe_offset <= A64_LEN - 6) {
			memcpy(b.data + pe[i].pe_offset, "PE\0\0", 4);
			put_le(b.data + pe[i].pe_offset + 4, 2, 0xaa64);
		}
		ret = kexec_image_parse_arm64(b.data, pe[i].len, &info);
		buf_free(&b);
		if (!expect(ret == 0, S, pe[i].name, "rejected"))
			continue;
		expect_u64(info.has_pe, pe[i].has_pe, S, pe[i].name, "has_pe");
		if (pe[i].has_pe)
			expect_u64(info.pe_machine, 0xaa64, S, pe[i].name,
				   "pe_machine");
	}
}

static void test_valid_fields(const struct buf *base)
{
	struct kexec_image_info info;

	if (!expect(!kexec_image_parse_arm64(base->data, base->len, &info),
		    S, "valid-fields", info.reason))
		return;
	expect_u64(info.format, KEXEC_IMAGE_FMT_ARM64, S, "valid", "format");
	expect_u64(info.image_size, A64_IMAGE_SIZE, S, "valid", "image_size");
	expect_u64(info.text_offset, 0, S, "valid", "text_offset");
	expect_u64(info.has_text_offset, 1, S, "valid", "has_text_offset");
	expect_u64(info.load_align, 0x200000, S, "valid", "load_align");
	expect_u64(info.has_pe, 0, S, "valid", "has_pe");
}

/* Debian's arm64 kernel: an EFI-stub Image, 4K pages, placed anywhere. */
static void test_debian(void)
{
	struct buf b = sample_load("debian-arm64");
	struct kexec_image_info info;

	if (!expect(b.data, S, "debian-sample", "sample missing"))
		return;
	if (expect(!kexec_image_parse_arm64(b.data, b.len, &info), S,
		   "debian", info.reason)) {
		expect_u64(info.image_size, 0x2010000, S, "debian",
			   "image_size");
		expect_u64(info.text_offset, 0, S, "debian", "text_offset");
		expect_u64(info.page_size, 0x1000, S, "debian", "page_size");
		expect_u64(info.endian, KEXEC_IMAGE_LE, S, "debian", "endian");
		expect_u64(info.placement, KEXEC_IMAGE_PLACE_ANYWHERE, S,
			   "debian", "placement");
		expect_u64(info.has_pe, 1, S, "debian", "has_pe");
		expect_u64(info.pe_machine, 0xaa64, S, "debian", "pe_machine");
	}
	run_truncations(S "-debian", kexec_image_parse_arm64, &b, 0x80, 0x3c);
	buf_free(&b);
}

void test_arm64(void)
{
	struct buf base = make_arm64();

	run_truncations(S, kexec_image_parse_arm64, &base, 0x40, 0x3c);
	test_valid_fields(&base);
	test_flags(&base);
	test_pe(&base);
	test_debian();
	buf_free(&base);
}
