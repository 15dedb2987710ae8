// SPDX-License-Identifier: GPL-2.0
/*
 * x86 bzImage setup header: Documentation/arch/x86/boot.rst.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

#define S "bzimage"

/* Every version parses with a header that ends at its last field. */
static void test_versions(void)
{
	struct kexec_image_info info;
	uint16_t v;
	char name[64];

	for (v = 0x0200; v <= 0x020f; v++) {
		struct buf b = make_bzimage(v);
		size_t end = kx_bzimage_fields_end(v);
		int ret;

		snprintf(name, sizeof(name), "protocol-2.%02u", v & 0xff);
		ret = kexec_image_parse_bzimage(b.data, b.len, &info);
		if (expect(ret == 0, S, name, info.reason)) {
			expect_u64(info.x86.protocol, v, S, name, "protocol");
			expect_u64(info.x86.header_end, end, S, name,
				   "header_end");
			expect_u64(info.x86.kernel_alignment,
				   v >= 0x0205 ? 0x200000 : 0, S, name,
				   "kernel_alignment");
			expect_u64(info.x86.init_size,
				   v >= 0x020a ? 0x100000 : 0, S, name,
				   "init_size");
			expect_u64(info.x86.xloadflags, v >= 0x020c ? 0x0b : 0,
				   S, name, "xloadflags");
		}
		snprintf(name, sizeof(name), "protocol-2.%02u-header-short",
			 v & 0xff);
		b.data[0x201]--;
		ret = kexec_image_parse_bzimage(b.data, b.len, &info);
		expect(ret == -EINVAL && strstr(info.reason, "needs it"), S,
		       name, info.reason);
		buf_free(&b);
	}
}

static void test_valid_fields(const struct buf *b)
{
	struct kexec_image_info info;
	const struct kexec_image_x86 *x = &info.x86;
	const char *n = "valid-fields";

	if (!expect(!kexec_image_parse_bzimage(b->data, b->len, &info), S, n,
		    info.reason))
		return;
	expect_u64(info.format, KEXEC_IMAGE_FMT_BZIMAGE, S, n, "format");
	expect_u64(info.load_align, 0x200000, S, n, "load_align");
	expect_u64(info.image_size, 0x100000, S, n, "image_size");
	expect_u64(x->setup_size, BZ_SETUP, S, n, "setup_size");
	expect_u64(x->relocatable, 1, S, n, "relocatable");
	expect_u64(x->min_alignment, 21, S, n, "min_alignment");
	expect_u64(x->pref_address, 0x1000000, S, n, "pref_address");
	expect_u64(x->payload_offset, 0x100, S, n, "payload_offset");
	expect_u64(x->payload_length, 0x1000, S, n, "payload_length");
	expect_u64(x->cmdline_size, 0x7ff, S, n, "cmdline_size");
	expect_u64(x->handover_offset, 0x190, S, n, "handover_offset");
	expect_u64(x->kernel_info_offset, BZ_KINFO, S, n, "kernel_info");
}

/* Debian's amd64 6.12 kernel, as hexdump shows its setup header. */
static void test_debian(void)
{
	struct buf b = sample_load("debian-x86_64");
	struct kexec_image_info info;
	const struct kexec_image_x86 *x = &info.x86;
	const char *n = "debian";

	if (!expect(b.data, S, "debian-sample", "sample missing"))
		return;
	if (expect(!kexec_image_parse_bzimage(b.data, b.len, &info), S, n,
		   info.reason)) {
		expect_u64(x->protocol, 0x020f, S, n, "protocol");
		expect_u64(x->setup_sects, 0x27, S, n, "setup_sects");
		expect_u64(x->kernel_alignment, 0x200000, S, n, "alignment");
		expect_u64(x->relocatable, 1, S, n, "relocatable");
		expect_u64(x->min_alignment, 21, S, n, "min_alignment");
		expect_u64(x->xloadflags, 0x7f, S, n, "xloadflags");
		expect_u64(x->pref_address, 0x1000000, S, n, "pref_address");
		expect_u64(x->init_size, 0x37ee000, S, n, "init_size");
		expect_u64(x->payload_offset, 0x2cc, S, n, "payload_offset");
		expect_u64(x->payload_length, 0xb4a230, S, n, "payload_length");
		expect_u64(x->cmdline_size, 0x7ff, S, n, "cmdline_size");
		expect_u64(x->kernel_info_offset, 0xb7de9c, S, n, "kernel_info");
		expect_u64(info.has_pe, 1, S, n, "has_pe");
		expect_u64(info.pe_machine, 0x8664, S, n, "pe_machine");
	}
	run_truncations(S "-debian", kexec_image_parse_bzimage, &b, 0x400,
			0x206);
	buf_free(&b);
}

void test_bzimage(void)
{
	struct buf base = make_bzimage(0x020f);

	run_truncations(S, kexec_image_parse_bzimage, &base, BZ_SETUP + 16,
			0x206);
	test_versions();
	test_valid_fields(&base);
	test_debian();
	buf_free(&base);
}
