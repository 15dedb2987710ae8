// SPDX-License-Identifier: GPL-2.0
/*
 * EFI zboot (drivers/firmware/efi/libstub/zboot-header.S) and gzip
 * members (RFC 1952).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

#define W(o, v) { (o), 4, (v) }
#define B(o, v) { (o), 1, (v) }
#define POFF(v) W(8, v)
#define PSIZE(v) W(12, v)

/* Length of the gzip member make_zboot() puts in its payload. */
#define ZB_GZ_LEN (10 + 8 + 2 + 8)
#define ZB_GZ_END (ZB_PAYLOAD + ZB_GZ_LEN)

static const struct image_case zboot_cases[] = {
	{ "valid", {}, 0, 0, NULL },
	{ "no-zimg", { W(4, 0x676d697a + 1) }, 0, -ENOEXEC, "zimg" },
	{ "no-mz", { B(0, 'N') }, 0, -ENOEXEC, NULL },
	{ "comp-empty", { B(0x18, 0) }, 0, -EINVAL, "is empty" },
	{ "comp-upper-case", { B(0x18, 'G') }, 0, -EINVAL,
	  "byte 0x47 at 0x18" },
	{ "comp-not-terminated", { { 0x1c, 8, 0x6161616161616161ULL },
	  { 0x24, 8, 0x6161616161616161ULL }, { 0x2c, 8, 0x6161616161616161ULL },
	  W(0x34, 0x61616161) }, 0, -EINVAL, "no NUL within 32 bytes" },
	{ "comp-31-chars", { { 0x1c, 8, 0x6161616161616161ULL },
	  { 0x24, 8, 0x6161616161616161ULL }, { 0x2c, 8, 0x6161616161616161ULL },
	  W(0x34, 0x00616161) }, 0, -EINVAL, "decompressed size 0x0" },
	{ "payload-size-0", { PSIZE(0) }, 0, -EINVAL, "payload size is 0" },
	{ "payload-in-header", { POFF(0x3f) }, 0, -EINVAL,
	  "lies inside the 0x40-byte header" },
	{ "payload-to-file-end", { POFF(ZB_LEN - ZB_GZ_LEN) }, 0, -EINVAL,
	  "lacks the gzip magic" },
	{ "payload-past-end", { POFF(ZB_LEN - ZB_GZ_LEN + 1) }, 0, -EINVAL,
	  "ends beyond the file's 0x300 bytes" },
	{ "payload-sum-overflows", { POFF(0xfffffff0) }, 0, -EINVAL,
	  "ends beyond" },
	{ "payload-not-gzip", { B(ZB_PAYLOAD, 0x1e) }, 0, -EINVAL,
	  "lacks the gzip magic" },
	{ "payload-gzip-bad-method", { B(ZB_PAYLOAD + 2, 9) }, 0, -EINVAL,
	  "method 9" },
	{ "isize-0", { W(ZB_GZ_END - 4, 0) }, 0, -EINVAL,
	  "decompressed size 0x0" },
	{ "isize-cap", { W(ZB_GZ_END - 4, 0x40000000) }, 0, 0, NULL },
	{ "isize-cap-plus-1", { W(ZB_GZ_END - 4, 0x40000001) }, 0, -EINVAL,
	  "1 GiB cap" },
	{ "no-pe", { W(0x3c, 0x90) }, 0, -EINVAL, "PE header offset 0x90" },
	{ "pe-offset-max", { W(0x3c, 0xffffffff) }, 0, -EINVAL, "PE header" },
	{ "truncated-header", {}, 0x3f, -EINVAL, "truncates the 0x40-byte" },
	{ "truncated-payload", {}, ZB_GZ_END - 1, -EINVAL, "ends beyond" },
	{ "truncated-signature", {}, 7, -ENOEXEC, NULL },
};

static const struct image_case zstd_cases[] = {
	{ "zstd-valid", {}, 0, 0, NULL },
	{ "zstd-size-0", { W(ZB_PAYLOAD + ZB_RAW_PAYLOAD, 0) }, 0, -EINVAL,
	  "decompressed size 0x0" },
	{ "zstd-no-size-word", {}, ZB_PAYLOAD + ZB_RAW_PAYLOAD + 3, 0, NULL },
};

static void check_zboot_fields(void)
{
	struct buf gz = make_zboot("gzip"), zs = make_zboot("zstd");
	struct kexec_image_info info;
	const struct kexec_image_zboot *z = &info.zboot;
	const char *n = "zboot-gzip-fields";

	if (expect(!kexec_image_parse_zboot(gz.data, gz.len, &info), "zboot", n,
		   info.reason)) {
		expect_u64(info.format, KEXEC_IMAGE_FMT_EFI_ZBOOT, "zboot", n,
			   "format");
		expect(!strcmp(z->comp_type, "gzip"), "zboot", n, "comp_type");
		expect_u64(z->payload_offset, ZB_PAYLOAD, "zboot", n, "offset");
		expect_u64(z->payload_size, ZB_GZ_LEN, "zboot", n, "size");
		expect_u64(z->decompressed_size, ZB_ISIZE, "zboot", n, "isize");
		expect_u64(info.gzip.present, 1, "zboot", n, "gzip.present");
		expect_u64(info.gzip.offset, ZB_PAYLOAD, "zboot", n, "gz offset");
		expect_u64(info.gzip.data_offset, 18, "zboot", n, "gz data");
		expect_u64(info.pe_machine, 0xaa64, "zboot", n, "pe_machine");
	}
	n = "zboot-zstd-fields";
	if (expect(!kexec_image_parse_zboot(zs.data, zs.len, &info), "zboot", n,
		   info.reason)) {
		expect(!strcmp(z->comp_type, "zstd"), "zboot", n, "comp_type");
		expect_u64(z->has_decompressed_size, 1, "zboot", n, "has size");
		expect_u64(z->decompressed_size, ZB_ISIZE, "zboot", n, "size");
		expect_u64(info.gzip.present, 0, "zboot", n, "gzip.present");
	}
	n = "zboot-zstd-no-size";
	if (expect(!kexec_image_parse_zboot(zs.data, ZB_PAYLOAD + 0x83, &info),
		   "zboot", n, info.reason))
		expect_u64(z->has_decompressed_size, 0, "zboot", n, "has size");
	buf_free(&gz);
	buf_free(&zs);
}

struct gzip_case {
	const char *name;
	uint8_t flags;
	int cut;		/* bytes cut from the member's end */
	struct patch patches[3];
	int err;
	const char *reason;
};

static const struct gzip_case gzip_cases[] = {
	{ "plain", 0, 0, {}, 0, NULL },
	{ "ftext", 0x01, 0, {}, 0, NULL },
	{ "fhcrc", 0x02, 0, {}, 0, NULL },
	{ "fextra", 0x04, 0, {}, 0, NULL },
	{ "fname", 0x08, 0, {}, 0, NULL },
	{ "fcomment", 0x10, 0, {}, 0, NULL },
	{ "all-flags", 0x1f, 0, {}, 0, NULL },
	{ "reserved-0x20", 0x20, 0, {}, -EINVAL, "reserved bits" },
	{ "reserved-0x80", 0x80, 0, {}, -EINVAL, "flags 0x80" },
	{ "method-7", 0, 0, { B(2, 7) }, -EINVAL, "method 7 is not deflate" },
	{ "no-magic", 0, 0, { B(1, 0x8c) }, -ENOEXEC, NULL },
	{ "minimal-cut-1", 0, 1, {}, -EINVAL, "no room for data" },
	{ "fextra-xlen-past", 0x04, 0, { { 10, 2, 0xffff } }, -EINVAL,
	  "FEXTRA of 0xffff bytes" },
	{ "fextra-xlen-to-end", 0x04, 0, { { 10, 2, 4 + 10 } }, -EINVAL,
	  "no room for data" },
	{ "fextra-xlen-one-past", 0x04, 0, { { 10, 2, 4 + 11 } }, -EINVAL,
	  "FEXTRA" },
	{ "fname-eats-data", 0x08, 0, { B(17, 'x') }, -EINVAL,
	  "no room for data" },
	{ "fhcrc-cut", 0x02, 11, {}, -EINVAL, "FHCRC at 0xa" },
};

/* An FNAME without its NUL runs to the member's end: the walk must stop. */
static void test_gzip_strings(void)
{
	uint8_t m[64];
	struct kexec_image_info info;
	size_t len = make_gzip(m, 0x08, 1);
	struct buf b;
	int ret;

	memset(m + 10, 'x', len - 10);
	b = buf_new(len);
	memcpy(b.data, m, len);
	ret = kexec_image_parse_gzip(b.data, b.len, &info);
	expect(ret == -EINVAL && strstr(info.reason, "FNAME at 0xa has no NUL"),
	       "gzip", "fname-unterminated", info.reason);
	b.data[3] = 0x10;
	ret = kexec_image_parse_gzip(b.data, b.len, &info);
	expect(ret == -EINVAL && strstr(info.reason, "FCOMMENT"), "gzip",
	       "fcomment-unterminated", info.reason);
	buf_free(&b);
}

static void test_gzip_cases(void)
{
	struct kexec_image_info info;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(gzip_cases); i++) {
		const struct gzip_case *c = &gzip_cases[i];
		struct buf b = buf_new(64);
		struct image_case ic = { c->name, {}, 0, c->err, c->reason };

		b.len = make_gzip(b.data, c->flags, 0x1000) - c->cut;
		memcpy(ic.patches, c->patches, sizeof(c->patches));
		if (run_case("gzip", kexec_image_parse_gzip, &b, &ic, &info) &&
		    !c->err) {
			expect_u64(info.gzip.flags, c->flags, "gzip", c->name,
				   "flags");
			expect_u64(info.gzip.isize, 0x1000, "gzip", c->name,
				   "isize");
			expect_u64(info.gzip.length, b.len, "gzip", c->name,
				   "length");
		}
		buf_free(&b);
	}
}

void test_zboot(void)
{
	struct buf gz = make_zboot("gzip"), zs = make_zboot("zstd");

	run_cases("zboot", kexec_image_parse_zboot, &gz, zboot_cases,
		  ARRAY_SIZE(zboot_cases));
	run_cases("zboot", kexec_image_parse_zboot, &zs, zstd_cases,
		  ARRAY_SIZE(zstd_cases));
	run_truncations("zboot", kexec_image_parse_zboot, &gz, 0x48, 8);
	check_zboot_fields();
	buf_free(&gz);
	buf_free(&zs);
}

void test_gzip(void)
{
	struct buf b = buf_new(64);
	struct kexec_image_info info;
	size_t len = make_gzip(b.data, 0x1f, 7);

	test_gzip_cases();
	test_gzip_strings();
	b.len = len;
	run_truncations("gzip", kexec_image_parse_gzip, &b, len, 2);
	if (expect(!kexec_image_parse_gzip(b.data, len, &info), "gzip",
		   "all-flags-fields", info.reason)) {
		expect_u64(info.gzip.name_offset, 16, "gzip", "fields", "name");
		expect_u64(info.gzip.data_offset, 28, "gzip", "fields", "data");
		expect_u64(info.gzip.mtime, 0x5f5e0ff0, "gzip", "fields",
			   "mtime");
		expect_u64(info.gzip.os, 3, "gzip", "fields", "os");
	}
	buf_free(&b);
}
