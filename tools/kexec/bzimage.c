// SPDX-License-Identifier: GPL-2.0
/*
 * kexec-image-info --unwrap on an x86 bzImage: its payload (boot protocol
 * 2.08+, payload_offset and payload_length from the protected-mode code)
 * is the kernel's vmlinux, an ELF executable followed by its relocations
 * when the kernel has them, compressed as kbuild does it
 * (arch/x86/boot/compressed/Makefile): the stream, then the decompressed
 * size as a 32-bit little-endian word, which is gzip's own ISIZE.
 *
 * The method is told by its magic. gzip, zstd, xz (with its x86 BCJ
 * filter) and lzma are decompressed with the system's zlib, libzstd and
 * liblzma, under the cap of --unwrap; the output must be the size the
 * word declares, and is described as the ELF it is. bzip2, lzo and lz4
 * are refused: the tool links no library for them.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lzma.h>
#include <zlib.h>
#define ZSTD_STATIC_LINKING_ONLY	/* ZSTD_getFrameHeader() */
#include <zstd.h>

#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/kexec_image.h>
#include <linux/unaligned.h>

#include "kexec-image-info.h"

#define SIZE_WORD	4
/* The most liblzma and libzstd may take, as the output's own cap. */
#define DECODER_MEMLIMIT	KEXEC_IMAGE_MAX_SIZE
#define ZSTD_WINDOW_LOG_CAP	30

/*
 * Decompresses @s, the stream before the size word, with s->declared the
 * word, into @out; 0 or the refusal's negative errno.
 */
typedef int (*decompress_fn)(const unsigned char *src,
			     struct kexec_image_stream *s,
			     struct file_buf *out, struct unwrap_result *r);

struct method {
	const char *name;
	const char *magic;
	size_t magic_len;
	decompress_fn decompress;	/* NULL: no library for it here */
};

static int gzip_payload(const unsigned char *src, struct kexec_image_stream *s,
			struct file_buf *out, struct unwrap_result *r);
static int zstd_payload(const unsigned char *src, struct kexec_image_stream *s,
			struct file_buf *out, struct unwrap_result *r);
static int lzma_payload(const unsigned char *src, struct kexec_image_stream *s,
			struct file_buf *out, struct unwrap_result *r);

/* kbuild's methods, with the magic lib/decompress.c tells them by. */
static const struct method methods[] = {
	{ "gzip", "\x1f\x8b", 2, gzip_payload },
	{ "zstd", "\x28\xb5\x2f\xfd", 4, zstd_payload },
	{ "xz", "\xfd\x37\x7a\x58\x5a\x00", 6, lzma_payload },
	{ "lzma", "\x5d\x00", 2, lzma_payload },
	{ "bzip2", "BZh", 3, NULL },
	{ "lzo", "\x89LZO", 4, NULL },
	{ "lz4", "\x02\x21\x4c\x18", 4, NULL },
};

static const struct method *method_of(const unsigned char *p, size_t len)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(methods); i++)
		if (len >= methods[i].magic_len &&
		    !memcmp(p, methods[i].magic, methods[i].magic_len))
			return &methods[i];
	return NULL;
}

/*
 * One byte more than the word declares, so that a stream giving more is
 * told from one giving exactly that.
 */
static int alloc_output(const struct kexec_image_stream *s,
			struct file_buf *out, struct unwrap_result *r)
{
	out->data = malloc(s->declared + 1);
	if (!out->data)
		return refuse(r, ENOMEM, "no memory for %llu bytes",
			      (unsigned long long)s->declared);
	return 0;
}

static int more_than_declared(const struct kexec_image_stream *s,
			      struct unwrap_result *r)
{
	return refuse(r, EINVAL, "%s (%s) declares %llu bytes, its payload gives more",
		      s->wrapper, s->method, (unsigned long long)s->declared);
}

/* The stream ended before the size word: bytes between them are not kbuild's. */
static int ends_early(const struct kexec_image_stream *s, size_t used,
		      struct unwrap_result *r)
{
	return refuse(r, EINVAL,
		      "%s (%s) stream ends after %zu of the %u bytes before the size word",
		      s->wrapper, s->method, used, s->length);
}

/* Frame by frame with ZSTD_decompressStream(): the frame may not state its size. */
static int zstd_payload(const unsigned char *src, struct kexec_image_stream *s,
			struct file_buf *out, struct unwrap_result *r)
{
	ZSTD_inBuffer in = { .src = src, .size = s->length };
	ZSTD_outBuffer o = { 0 };
	ZSTD_frameHeader fh;
	size_t ret, last_in, last_out;
	ZSTD_DStream *ds;
	int err = 0;

	ret = ZSTD_getFrameHeader(&fh, src, s->length);
	if (ZSTD_isError(ret) || ret)
		return refuse(r, EINVAL,
			      "%s (zstd) payload does not start with a whole zstd frame header",
			      s->wrapper);
	if (kexec_image_unwrap_zstd_size(s,
					 fh.frameContentSize != ZSTD_CONTENTSIZE_UNKNOWN,
					 fh.frameContentSize, unwrap_cap))
		return refuse_stream(r, s);
	if (alloc_output(s, out, r))
		return -r->err;
	ds = ZSTD_createDStream();
	if (!ds ||
	    ZSTD_isError(ZSTD_DCtx_setParameter(ds, ZSTD_d_windowLogMax,
						ZSTD_WINDOW_LOG_CAP))) {
		ZSTD_freeDStream(ds);
		return refuse(r, ENOMEM, "no memory to decompress zstd");
	}
	o.dst = out->data;
	o.size = s->declared + 1;
	do {
		last_in = in.pos;
		last_out = o.pos;
		ret = ZSTD_decompressStream(ds, &o, &in);
		if (ZSTD_isError(ret) || (ret && o.pos == o.size) ||
		    (in.pos == last_in && o.pos == last_out))
			break;
	} while (ret);
	ZSTD_freeDStream(ds);
	out->len = o.pos;
	if (o.pos > s->declared)
		return more_than_declared(s, r);
	if (ZSTD_isError(ret))
		err = refuse(r, EINVAL, "%s (zstd) stream is corrupt after %zu bytes of output: %s",
			     s->wrapper, out->len, ZSTD_getErrorName(ret));
	else if (ret)
		err = refuse(r, EINVAL, "%s (zstd) stream is truncated after %zu bytes of output",
			     s->wrapper, out->len);
	else if (in.pos != in.size)
		err = ends_early(s, in.pos, r);
	return err;
}

static const char *lzma_error(lzma_ret ret)
{
	switch (ret) {
	case LZMA_FORMAT_ERROR:
		return "not in its format";
	case LZMA_OPTIONS_ERROR:
		return "options liblzma does not support";
	case LZMA_DATA_ERROR:
		return "data error";
	case LZMA_MEMLIMIT_ERROR:
		return "its dictionary exceeds 1 GiB";
	case LZMA_MEM_ERROR:
		return "out of memory";
	default:
		return "liblzma error";
	}
}

/* An xz or lzma stream through liblzma, whichever decoder @z was set up as. */
static int lzma_run(lzma_stream *z, const unsigned char *src,
		    struct kexec_image_stream *s, struct file_buf *out,
		    struct unwrap_result *r)
{
	lzma_ret ret;
	int err = 0;

	z->next_in = src;
	z->avail_in = s->length;
	z->next_out = out->data;
	z->avail_out = s->declared + 1;
	do
		ret = lzma_code(z, LZMA_FINISH);
	while (ret == LZMA_OK && z->avail_out);
	out->len = z->total_out;
	if (out->len > s->declared)
		err = more_than_declared(s, r);
	else if (ret == LZMA_BUF_ERROR)
		err = refuse(r, EINVAL, "%s (%s) stream is truncated after %zu bytes of output",
			     s->wrapper, s->method, out->len);
	else if (ret != LZMA_STREAM_END)
		err = refuse(r, EINVAL, "%s (%s) stream is corrupt after %zu bytes of output: %s",
			     s->wrapper, s->method, out->len, lzma_error(ret));
	else if (z->avail_in)
		err = ends_early(s, s->length - z->avail_in, r);
	lzma_end(z);
	return err;
}

/*
 * liblzma reads both: one .xz stream as scripts/xz_wrap.sh writes it (BCJ
 * x86 and LZMA2, CRC32), and the legacy .lzma format of lzma -9.
 */
static int lzma_payload(const unsigned char *src, struct kexec_image_stream *s,
			struct file_buf *out, struct unwrap_result *r)
{
	lzma_stream z = LZMA_STREAM_INIT;
	bool xz = !strcmp(s->method, "xz");

	/* The size word alone against 0 and the cap, in the core's words. */
	if (kexec_image_unwrap_zstd_size(s, false, 0, unwrap_cap))
		return refuse_stream(r, s);
	if (alloc_output(s, out, r))
		return -r->err;
	if ((xz ? lzma_stream_decoder(&z, DECODER_MEMLIMIT, 0) :
	     lzma_alone_decoder(&z, DECODER_MEMLIMIT)) != LZMA_OK)
		return refuse(r, ENOMEM, "no memory to decompress %s", s->method);
	return lzma_run(&z, src, s, out, r);
}

/*
 * A gzip payload is one gzip member, whose ISIZE is the size word: the
 * core's gzip parser and unwrap plan find its deflate data, ISIZE and
 * CRC32, and zlib inflates it as for a gzip file.
 */
static int gzip_payload(const unsigned char *src, struct kexec_image_stream *s,
			struct file_buf *out, struct unwrap_result *r)
{
	size_t at = s->offset;
	struct kexec_image_info gz;
	int ret;

	if (kexec_image_parse_gzip(src, s->length + SIZE_WORD, &gz))
		return refuse(r, -gz.error, "x86-bzimage (gzip) payload: %s",
			      gz.reason);
	ret = kexec_image_unwrap_plan(&gz, s);
	s->wrapper = "x86-bzimage";
	if (ret)
		return refuse_stream(r, s);
	ret = inflate_stream(src + s->offset, s, out, r);
	s->offset += at;
	return ret;
}

void unwrap_bzimage(const struct file_buf *fb,
		    const struct kexec_image_info *info,
		    struct unwrap_result *r)
{
	const struct kexec_image_x86 *x = &info->x86;
	struct kexec_image_stream s = { .wrapper = "x86-bzimage" };
	const unsigned char *payload;
	const struct method *m;
	size_t at;

	r->tried = true;
	r->method = "payload";
	if (x->protocol < 0x0208) {
		refuse(r, EOPNOTSUPP,
		       "x86-bzimage boot protocol %u.%02u states no payload (2.08+)",
		       x->protocol >> 8, x->protocol & 0xff);
		return;
	}
	/* The parser checked that the payload lies inside the file. */
	at = (size_t)x->setup_size + x->payload_offset;
	if (at > fb->len || x->payload_length > fb->len - at) {
		refuse(r, EINVAL, "x86-bzimage payload lies beyond the file");
		return;
	}
	payload = fb->data + at;
	m = method_of(payload, x->payload_length);
	if (!m) {
		refuse(r, EINVAL,
		       "x86-bzimage payload starts with %02x %02x, no compression method's magic",
		       payload[0], x->payload_length > 1 ? payload[1] : 0);
		return;
	}
	r->method = m->name;
	s.method = m->name;
	if (!m->decompress) {
		refuse(r, EOPNOTSUPP,
		       "x86-bzimage (%s): kexec-image-info links no decompressor for it (gzip, zstd, xz, lzma)",
		       m->name);
		return;
	}
	if (x->payload_length < m->magic_len + SIZE_WORD) {
		refuse(r, EINVAL,
		       "x86-bzimage (%s) payload of %u bytes has no room for its size word",
		       m->name, x->payload_length);
		return;
	}
	s.offset = at;
	s.length = x->payload_length - SIZE_WORD;
	s.has_declared = true;
	s.declared = get_unaligned_le32(payload + s.length);
	if (!m->decompress(payload, &s, &r->inner, r))
		judge_output(&s, r);
}
