// SPDX-License-Identifier: GPL-2.0
/*
 * x86 bzImage setup header: Documentation/arch/x86/boot.rst.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

#define S "bzimage"
#define MAX KEXEC_IMAGE_MAX_SIZE
#define U8(o, v) { (o), 1, (v) }
#define U16(o, v) { (o), 2, (v) }
#define U32(o, v) { (o), 4, (v) }
#define U64(o, v) { (o), 8, (v) }
#define KALIGN(v) U32(0x230, v)
#define MINALIGN(v) U8(0x235, v)
#define XLF(v) U16(0x236, v)
#define POFF(v) U32(0x248, v)
#define PLEN(v) U32(0x24c, v)
#define PREF(v) U64(0x258, v)
#define INIT(v) U32(0x260, v)
#define HANDOVER(v) U32(0x264, v)
#define KINFO(v) U32(0x268, v)
#define KINFO_TOTAL(v) U32(BZ_SETUP + BZ_KINFO + 8, v)

static const struct image_case cases[] = {
	{ "valid", {}, 0, 0, NULL },
	{ "boot-flag", { U16(0x1fe, 0xaa56) }, 0, -ENOEXEC, "0xaa55" },
	{ "hdrs", { U32(0x202, 0x53726449) }, 0, -ENOEXEC, "HdrS" },
	{ "protocol-1.xx", { U16(0x206, 0x0115) }, 0, -EINVAL,
	  "protocol 0x0115 is not a 2.xx" },
	{ "protocol-3.00", { U16(0x206, 0x0300) }, 0, -EINVAL, "not a 2.xx" },
	{ "protocol-future-2.ff", { U16(0x206, 0x02ff) }, 0, 0, NULL },
	{ "jump-not-short", { U8(0x200, 0xe9) }, 0, -EINVAL, "short jump" },
	{ "header-end-short", { U8(0x201, 0x69) }, 0, -EINVAL,
	  "ends at 0x26b but protocol 2.15 needs it to reach 0x26c" },
	{ "header-end-max", { U8(0x201, 0xff) }, 0, 0, NULL },
	{ "setup-sects-0-means-4",
	  { U8(0x1f1, 0), U32(0x1f4, 0x100), KINFO(BZ_SETUP + BZ_KINFO - 0xa00) },
	  0, 0, NULL },
	{ "setup-sects-fill-file", { U8(0x1f1, BZ_LEN / 512 - 1) }, 0,
	  -EINVAL, "not inside the file" },
	{ "setup-sects-max", { U8(0x1f1, 255) }, 0, -EINVAL,
	  "setup_sects 255" },
	{ "syssize-exact", { U32(0x1f4, BZ_CODE / 16) }, 0, 0, NULL },
	{ "syssize-plus-1", { U32(0x1f4, BZ_CODE / 16 + 1) }, 0, -EINVAL,
	  "syssize 0x201" },
	{ "syssize-max", { U32(0x1f4, 0xffffffff) }, 0, -EINVAL, "syssize" },
	{ "kernel-alignment-0", { KALIGN(0) }, 0, -EINVAL,
	  "kernel_alignment 0x0 is not a power of two" },
	{ "kernel-alignment-3", { KALIGN(3), MINALIGN(0) }, 0, -EINVAL,
	  "kernel_alignment 0x3" },
	{ "kernel-alignment-1", { KALIGN(1), MINALIGN(0) }, 0, 0, NULL },
	{ "kernel-alignment-1g", { KALIGN(0x40000000) }, 0, 0, NULL },
	{ "kernel-alignment-2g", { KALIGN(0x80000000) }, 0, -EINVAL,
	  "up to 1 GiB" },
	{ "kernel-alignment-2m-plus-1", { KALIGN(0x200001) }, 0, -EINVAL,
	  "not a power of two" },
	{ "min-alignment-0", { MINALIGN(0) }, 0, 0, NULL },
	{ "min-alignment-equal", { MINALIGN(21) }, 0, 0, NULL },
	{ "min-alignment-above", { MINALIGN(22) }, 0, -EINVAL,
	  "min_alignment 2^22 exceeds kernel_alignment 0x200000" },
	{ "min-alignment-31", { MINALIGN(31), KALIGN(0x40000000) }, 0, -EINVAL,
	  "min_alignment 2^31" },
	{ "min-alignment-32", { MINALIGN(32) }, 0, -EINVAL, "min_alignment" },
	{ "min-alignment-255", { MINALIGN(255) }, 0, -EINVAL, "min_alignment" },
	{ "pref-address-misaligned", { PREF(0x1100000) }, 0, -EINVAL,
	  "pref_address 0x1100000 is not aligned" },
	{ "pref-address-0", { PREF(0) }, 0, 0, NULL },
	{ "payload-length-0", { PLEN(0) }, 0, -EINVAL, "payload_length is 0" },
	{ "payload-fills-code", { POFF(0), PLEN(BZ_CODE) }, 0, 0, NULL },
	{ "payload-ends-at-code-end", { POFF(1), PLEN(BZ_CODE - 1) }, 0, 0,
	  NULL },
	{ "payload-one-past", { POFF(1), PLEN(BZ_CODE) }, 0, -EINVAL,
	  "ends beyond the 0x2000 bytes" },
	{ "payload-offset-beyond", { POFF(BZ_CODE), PLEN(1) }, 0, -EINVAL,
	  "ends beyond" },
	{ "payload-sum-overflows", { POFF(0xffffffff), PLEN(2) }, 0, -EINVAL,
	  "overflows" },
	{ "init-size-0", { INIT(0) }, 0, -EINVAL, "init_size 0x0" },
	{ "init-size-cap", { INIT(MAX) }, 0, 0, NULL },
	{ "init-size-cap-plus-1", { INIT(MAX + 1) }, 0, -EINVAL,
	  "init_size 0x40000001" },
	{ "pref-plus-init-overflows",
	  { PREF(0xffffffffffe00000ULL), INIT(0x200000) }, 0, -EINVAL,
	  "overflows" },
	{ "pref-plus-init-top", { PREF(0xffffffffffe00000ULL), INIT(0x1fffff) },
	  0, 0, NULL },
	{ "handover64-last", { HANDOVER(BZ_CODE - 0x201) }, 0, 0, NULL },
	{ "handover64-past", { HANDOVER(BZ_CODE - 0x200) }, 0, -EINVAL,
	  "handover_offset" },
	{ "handover32-last", { XLF(0x04), HANDOVER(BZ_CODE - 1) }, 0, 0, NULL },
	{ "handover32-past", { XLF(0x04), HANDOVER(BZ_CODE) }, 0, -EINVAL,
	  "handover_offset" },
	{ "handover-unused", { XLF(0x03), HANDOVER(0xffffffff) }, 0, 0, NULL },
	{ "handover64-max", { HANDOVER(0xffffffff) }, 0, -EINVAL,
	  "handover_offset 0xffffffff" },
	{ "kernel-info-beyond", { KINFO(BZ_CODE - 11) }, 0, -EINVAL,
	  "kernel_info_offset 0x1ff5 lies beyond" },
	{ "kernel-info-max", { KINFO(0xffffffff) }, 0, -EINVAL, "lies beyond" },
	{ "kernel-info-bad-magic", { KINFO(BZ_KINFO + 4) }, 0, -EINVAL,
	  "LToP" },
	{ "kernel-info-total-11", { KINFO_TOTAL(11) }, 0, -EINVAL,
	  "size_total 0xb" },
	{ "kernel-info-total-fills", { KINFO_TOTAL(BZ_CODE - BZ_KINFO) }, 0, 0,
	  NULL },
	{ "kernel-info-total-past", { KINFO_TOTAL(BZ_CODE - BZ_KINFO + 1) }, 0,
	  -EINVAL, "size_total" },
	{ "truncated-version", {}, 0x207, -EINVAL, "protocol version" },
	{ "truncated-header", {}, 0x26b, -EINVAL, "beyond the file's 0x26b" },
	{ "truncated-code", {}, BZ_SETUP, -EINVAL, "not inside the file" },
	{ "truncated-last-byte", {}, BZ_LEN - 1, -EINVAL, "syssize" },
};

/* Protocol 2.04 has no kernel_alignment: garbage there must be ignored. */
static const struct image_case old_cases[] = {
	{ "v2.04-ignores-2.05-fields", { KALIGN(3), U8(0x235, 99), PLEN(0),
	  INIT(0), HANDOVER(0xffffffff), KINFO(0xffffffff) }, 0, 0, NULL },
	{ "v2.04-syssize-checked", { U32(0x1f4, 0xffff) }, 0, -EINVAL,
	  "syssize" },
};

/* Every version parses with a header that ends at its last field. */
static void test_versions(void)
{
	struct kexec_image_info info;
	uint16_t v;
	char name[64];

	for (v = 0x0200; v <= 0x020f; v++) {
		struct buf b = make_bzimage(v);
		size_t end = bzimage_fields_end(v);
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
	struct buf base = make_bzimage(0x020f), old = make_bzimage(0x0204);

	run_cases(S, kexec_image_parse_bzimage, &base, cases,
		  ARRAY_SIZE(cases));
	run_cases(S, kexec_image_parse_bzimage, &old, old_cases,
		  ARRAY_SIZE(old_cases));
	run_truncations(S, kexec_image_parse_bzimage, &base, BZ_SETUP + 16,
			0x206);
	test_versions();
	test_valid_fields(&base);
	test_debian();
	buf_free(&base);
	buf_free(&old);
}
