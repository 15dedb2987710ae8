// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_fuzz: the EFI zboot format (drivers/firmware/efi/libstub/
 * zboot-header.S), its header's and payload's fields for the generator to
 * set, and the zboot wrapper of the "zb:METHOD" op with its methods: a
 * gzip member or a zstd frame of raw blocks, with or without the sizes.
 */
#include <string.h>

#include "kexec_test_util.h"
#include "kexec_fuzz.h"

#define ZSTD_BLOCK		(128 * 1024)

static const char * const zboot_names[] = {
	[ZB_GZIP] = "gzip", [ZB_ZSTD] = "zstd", [ZB_ZSTD_FCS] = "zstd+fcs",
	[ZB_ZSTD_NOSIZE] = "zstd-size", [ZB_ZSTD_FCS_NOSIZE] = "zstd+fcs-size",
};

static const struct field zboot_fields[] = {
	{ "mz", 0x00, 2, F_MAGIC }, { "zimg", 0x04, 4, F_MAGIC },
	{ "payload_offset", 0x08, 4, F_FOFF }, { "payload_size", 0x0c, 4, F_FOFF },
	{ "comp_type", 0x18, 8, F_COMP }, { "pe_offset", 0x3c, 4, F_FOFF },
};

static bool zboot_recognise(const unsigned char *b, size_t len)
{
	return len >= 8 && b[0] == 'M' && b[1] == 'Z' && !memcmp(b + 4, "zimg", 4);
}

static void zboot_describe(struct seed *s)
{
	const unsigned char *b = s->data;
	size_t len = s->len;
	uint64_t end;

	add_table(s, zboot_fields, ARRAY_SIZE(zboot_fields));
	if (len < 0x40)
		return;
	end = get_le(b + 8, 4) + get_le(b + 12, 4);
	add_field(s, "zboot_size_word", end, 4, F_DSIZE);
	if (end <= len && !memcmp(b + 0x18, "gzip", 5))
		add_gzip_fields(s, get_le(b + 8, 4), end);
	else if (end <= len && !memcmp(b + 0x18, "zstd", 5))
		add_field(s, "zstd_fhd", get_le(b + 8, 4) + 4, 1, F_FLAGS);
}

/* A zstd frame of raw blocks; with @fcs it states its content size. */
static int zstd_raw(const unsigned char *in, size_t len, bool fcs,
		    struct buf *out)
{
	size_t at = 0, n;
	int ret;

	ret = buf_le(out, 0xfd2fb528, 4);
	/* FHD: 8-byte content size and a single segment, or a 128 KiB window. */
	if (!ret && fcs)
		ret = buf_le(out, 0xe0, 1) || buf_le(out, len, 8);
	else if (!ret)
		ret = buf_le(out, 0x00, 1) || buf_le(out, 7 << 3, 1);
	do {
		n = len - at < ZSTD_BLOCK ? len - at : ZSTD_BLOCK;
		ret = ret || buf_le(out, (n << 3) | (at + n == len), 3) ||
		      buf_put(out, in + at, n);
		at += n;
	} while (!ret && at < len);
	return ret ? -1 : 0;
}

/* An EFI zboot image of @in, compressed with @m (enum zboot_method). */
static int zboot_wrap(const unsigned char *in, size_t len, unsigned int m,
		      struct buf *out)
{
	unsigned char head[ZBOOT_PAYLOAD] = { 'M', 'Z' };
	struct buf payload = { 0 };
	int ret;

	ret = m == ZB_GZIP ? gzip_stored(in, len, &payload) :
	      zstd_raw(in, len, m == ZB_ZSTD_FCS || m == ZB_ZSTD_FCS_NOSIZE,
		       &payload);
	if (ret)
		goto out;
	memcpy(head + 0x04, "zimg", 4);
	put_le(head + 0x08, ZBOOT_PAYLOAD, 4);
	put_le(head + 0x0c, payload.len, 4);
	memcpy(head + 0x18, m == ZB_GZIP ? "gzip" : "zstd", 4);
	put_le(head + 0x38, 0x818223cd, 4);	/* LINUX_PE_MAGIC */
	put_le(head + 0x3c, 0x40, 4);
	memcpy(head + 0x40, "PE\0\0", 4);
	put_le(head + 0x44, 0xaa64, 2);
	ret = buf_put(out, head, sizeof(head)) ||
	      buf_put(out, payload.p, payload.len);
	if (!ret && (m == ZB_ZSTD || m == ZB_ZSTD_FCS))
		ret = buf_le(out, len, 4);	/* zboot-size-len-y = 4 */
out:
	free(payload.p);
	return ret ? -1 : 0;
}

const struct fuzz_format fuzz_zboot = {
	.format = S_ZBOOT,
	.recognise = zboot_recognise,
	.describe = zboot_describe,
	.wrap = zboot_wrap,
	.methods = zboot_names,
	.nmethods = ARRAY_SIZE(zboot_names),
};
