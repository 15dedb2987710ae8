// SPDX-License-Identifier: GPL-2.0
/*
 * The unwrap plan both decompressors follow (kernel/kexec_unwrap.c and
 * kexec-image-info --unwrap): where the stream lies, what size and CRC the
 * wrapper states, how a zstd size is settled, and the checks on the output.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

#define CRC	0xcafef00dU

/* The stream of @b as the core plans it; the parse must succeed. */
static int plan(struct buf *b, struct kexec_image_stream *s,
		const char *name)
{
	struct kexec_image_info info;

	if (!expect(!kexec_image_probe(b->data, b->len, &info), "unwrap", name,
		    info.reason))
		return -1;
	return kexec_image_unwrap_plan(&info, s);
}

static void expect_stream(const struct kexec_image_stream *s,
			  const char *name, const char *wrapper,
			  const char *method, uint64_t offset, uint64_t length,
			  uint64_t declared)
{
	expect(!strcmp(s->wrapper, wrapper), "unwrap", name, s->wrapper);
	expect(!strcmp(s->method, method), "unwrap", name, s->method);
	expect_u64(s->offset, offset, "unwrap", name, "offset");
	expect_u64(s->length, length, "unwrap", name, "length");
	expect_u64(s->declared, declared, "unwrap", name, "declared");
}

static void test_plans(void)
{
	struct buf gz = buf_new(64), zb = make_zboot("gzip");
	struct buf zs = make_zboot("zstd"), lz = make_zboot("lzma");
	struct buf arm64 = make_arm64();
	struct kexec_image_info info;
	struct kexec_image_stream s;
	size_t len;

	/* FNAME "vmlinux": 10 + 8 bytes of header, 2 of data, the trailer. */
	len = kx_build_gzip(gz.data, GZ_FNAME, 0x4000);
	put_le(gz.data + len - 8, 4, CRC);
	gz.len = len;
	if (!plan(&gz, &s, "gzip")) {
		expect_stream(&s, "gzip", "gzip", "gzip", 18, 2, 0x4000);
		expect_u64(s.crc, CRC, "unwrap", "gzip", "crc");
		expect(s.has_declared, "unwrap", "gzip", "has_declared");
	}
	if (!plan(&zb, &s, "zboot-gzip"))
		expect_stream(&s, "zboot-gzip", "efi-zboot", "gzip",
			      ZB_PAYLOAD + 18, 2, ZB_ISIZE);
	if (!plan(&zs, &s, "zboot-zstd")) {
		expect_stream(&s, "zboot-zstd", "efi-zboot", "zstd",
			      ZB_PAYLOAD, ZB_RAW_PAYLOAD, ZB_ISIZE);
		expect(s.has_declared, "unwrap", "zboot-zstd", "size word");
	}
	/* A zstd payload that ends the file has no size word after it. */
	zs.len = ZB_PAYLOAD + ZB_RAW_PAYLOAD;
	if (!plan(&zs, &s, "zboot-zstd-no-word"))
		expect(!s.has_declared, "unwrap", "zboot-zstd-no-word",
		       "has_declared");
	expect(plan(&lz, &s, "zboot-lzma") == -EOPNOTSUPP &&
	       s.error == -EOPNOTSUPP && !strcmp(s.method, "lzma") &&
	       strstr(s.reason, "compression \"lzma\": no decompressor"),
	       "unwrap", "zboot-lzma", s.reason);
	expect(plan(&arm64, &s, "not-a-wrapper") == -ENOEXEC &&
	       strstr(s.reason, "arm64-image is not a gzip or EFI zboot"),
	       "unwrap", "not-a-wrapper", s.reason);
	/* ISIZE 0: an empty kernel, refused before anything is inflated. */
	put_le(gz.data + len - 4, 4, 0);
	expect(plan(&gz, &s, "gzip-isize-zero") == -EINVAL &&
	       s.error == -EINVAL &&
	       strstr(s.reason, "gzip (gzip) ISIZE 0 declares an empty kernel"),
	       "unwrap", "gzip-isize-zero", s.reason);
	/* A wrapper the core refused is not planned either. */
	gz.data[2] = 7;
	kexec_image_probe(gz.data, gz.len, &info);
	expect(kexec_image_unwrap_plan(&info, &s) == -ENOEXEC, "unwrap",
	       "refused-wrapper", s.reason);
	buf_free(&gz);
	buf_free(&zb);
	buf_free(&zs);
	buf_free(&lz);
	buf_free(&arm64);
}

struct zstd_size_case {
	const char *name;
	bool has_word;
	uint64_t word;
	bool frame_states;
	uint64_t frame;
	uint64_t cap;
	int err;
	uint64_t size;		/* on success */
	const char *reason;
};

static const struct zstd_size_case zstd_size_cases[] = {
	{ "word-only", true, 0x1000, false, 0, 0x2000, 0, 0x1000, NULL },
	{ "frame-only", false, 0, true, 0x1800, 0x2000, 0, 0x1800, NULL },
	{ "both-agree", true, 0x1000, true, 0x1000, 0x2000, 0, 0x1000, NULL },
	{ "at-cap", true, 0x2000, false, 0, 0x2000, 0, 0x2000, NULL },
	{ "neither", false, 0, false, 0, 0x2000, -EINVAL, 0,
	  "states its decompressed size neither in the frame nor after the payload" },
	{ "disagree", true, 0x1001, true, 0x1000, 0x2000, -EINVAL, 0,
	  "declares 4097 bytes after its payload, the frame says 4096" },
	{ "word-past-cap", true, 0x2001, false, 0, 0x2000, -EFBIG, 0,
	  "declares 8193 bytes, past the cap of 8192" },
	{ "frame-past-cap", false, 0, true, 1ULL << 40, 0x2000, -EFBIG, 0,
	  "declares 1099511627776 bytes, past the cap" },
	/* Nothing is ever allocated for an empty output. */
	{ "frame-zero", false, 0, true, 0, 0x2000, -EINVAL, 0,
	  "declares 0 bytes: no kernel is empty" },
	{ "word-zero", true, 0, false, 0, 0x2000, -EINVAL, 0,
	  "declares 0 bytes: no kernel is empty" },
	{ "both-zero", true, 0, true, 0, 0x2000, -EINVAL, 0,
	  "declares 0 bytes: no kernel is empty" },
};

static void test_zstd_size(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(zstd_size_cases); i++) {
		const struct zstd_size_case *c = &zstd_size_cases[i];
		struct kexec_image_stream s = {
			.wrapper = "efi-zboot", .method = "zstd",
			.has_declared = c->has_word, .declared = c->word,
		};
		int ret;

		ret = kexec_image_unwrap_zstd_size(&s, c->frame_states,
						   c->frame, c->cap);
		if (!expect(ret == c->err && s.error == c->err, "unwrap-zstd",
			    c->name, s.reason))
			continue;
		if (c->err)
			expect(!!strstr(s.reason, c->reason),
			       "unwrap-zstd", c->name, s.reason);
		else
			expect_u64(s.declared, c->size, "unwrap-zstd", c->name,
				   "size");
	}
}

static void test_checks(void)
{
	struct kexec_image_stream gz = {
		.wrapper = "gzip", .method = "gzip", .has_declared = true,
		.declared = 0x1000, .crc = CRC,
	};
	struct kexec_image_stream zs = {
		.wrapper = "efi-zboot", .method = "zstd", .has_declared = true,
		.declared = 0x1000,
	};
	struct kexec_image_info inner = {};
	struct kexec_image_stream s;

	s = gz;
	expect(!kexec_image_unwrap_check(&s, 0x1000, CRC), "unwrap-check",
	       "gzip-ok", s.reason);
	s = gz;
	expect(kexec_image_unwrap_check(&s, 0xfff, CRC) == -EINVAL &&
	       strstr(s.reason, "gzip (gzip) declares 4096 bytes, its payload gives 4095"),
	       "unwrap-check", "gzip-short", s.reason);
	s = gz;
	expect(kexec_image_unwrap_check(&s, 0x1000, CRC ^ 1) == -EINVAL &&
	       strstr(s.reason, "CRC32 0xcafef00d does not match the data's 0xcafef00c"),
	       "unwrap-check", "gzip-crc", s.reason);
	/* zstd has no CRC in the plan: only the size counts. */
	s = zs;
	expect(!kexec_image_unwrap_check(&s, 0x1000, 1), "unwrap-check",
	       "zstd-ok", s.reason);
	s = zs;
	expect(kexec_image_unwrap_check(&s, 0x1001, 0) == -EINVAL,
	       "unwrap-check", "zstd-long", s.reason);

	inner.format = KEXEC_IMAGE_FMT_ARM64;
	s = zs;
	expect(!kexec_image_unwrap_inner(&s, &inner), "unwrap-inner",
	       "arm64", s.reason);
	inner.format = KEXEC_IMAGE_FMT_UNKNOWN;
	expect(!kexec_image_unwrap_inner(&s, &inner), "unwrap-inner",
	       "unknown", s.reason);
	inner.format = KEXEC_IMAGE_FMT_GZIP;
	expect(kexec_image_unwrap_inner(&s, &inner) == -EINVAL &&
	       strstr(s.reason, "efi-zboot (zstd) holds another gzip: one level"),
	       "unwrap-inner", "gzip-in-zboot", s.reason);
	s = gz;
	inner.format = KEXEC_IMAGE_FMT_EFI_ZBOOT;
	expect(kexec_image_unwrap_inner(&s, &inner) == -EINVAL &&
	       strstr(s.reason, "gzip (gzip) holds another efi-zboot"),
	       "unwrap-inner", "zboot-in-gzip", s.reason);
}

void test_unwrap(void)
{
	test_plans();
	test_zstd_size();
	test_checks();
}
