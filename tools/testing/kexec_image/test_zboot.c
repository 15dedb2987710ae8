// SPDX-License-Identifier: GPL-2.0
/*
 * EFI zboot (drivers/firmware/efi/libstub/zboot-header.S) and gzip
 * members (RFC 1952).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

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
		expect_u64(z->payload_size, GZ_LEN, "zboot", n, "size");
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

/* An FNAME without its NUL runs to the member's end: the walk must stop. */
static void test_gzip_strings(void)
{
	uint8_t m[64] = {};
	struct kexec_image_info info;
	size_t len = kx_build_gzip(m, GZ_FNAME, 1);
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

void test_zboot(void)
{
	struct buf gz = make_zboot("gzip");

	run_truncations("zboot", kexec_image_parse_zboot, &gz, 0x48, 8);
	check_zboot_fields();
	buf_free(&gz);
}

void test_gzip(void)
{
	struct buf b = buf_new(64);
	struct kexec_image_info info;
	size_t len = kx_build_gzip(b.data, 0x1f, 7);

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
