// SPDX-License-Identifier: GPL-2.0
/*
 * kexec-image-info --unwrap: a gzip or EFI zboot file decompressed as
 * kexec_file_load(2) does it (kernel/kexec_unwrap.c), with the system's
 * zlib and libzstd in place of the kernel's zlib_inflate and zstd
 * wrappers, which are kernel-internal. The wrapper formats are parsed by
 * the shared core, and the kernel's rules are applied to the output: it
 * stays under the cap (1 GiB, or N MiB as with CONFIG_KEXEC_UNWRAP_MAX_MB=N),
 * gzip's ISIZE and CRC32 must match it, a zstd payload's size is the word
 * zboot appends (and the frame's content size, where stated, must agree),
 * and one level of compression is undone (under a UKI too: UKI, zboot,
 * Image is as deep as it goes). A bzImage's payload, which the kernel
 * loads as it is, is bzimage.c's.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>
#define ZSTD_STATIC_LINKING_ONLY	/* ZSTD_getFrameHeader() */
#include <zstd.h>
#include <zstd_errors.h>

#include <linux/compiler.h>
#include <linux/kexec_image.h>

#include "kexec-image-info.h"

int refuse(struct unwrap_result *r, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->reason, sizeof(r->reason), fmt, ap);
	va_end(ap);
	r->err = err;
	return -err;
}

/* A refusal the core worded. */
int refuse_stream(struct unwrap_result *r,
		  const struct kexec_image_stream *s)
{
	return refuse(r, -s->error, "%s", s->reason);
}

/* A zstd payload's size, from the frame header and zboot's size word. */
static int zstd_size(const unsigned char *src, struct kexec_image_stream *s,
		     struct unwrap_result *r)
{
	ZSTD_frameHeader fh;
	size_t ret;

	ret = ZSTD_getFrameHeader(&fh, src, s->length);
	if (ZSTD_isError(ret) || ret)
		return refuse(r, EINVAL,
			      "%s (%s) payload does not start with a whole zstd frame header",
			      s->wrapper, s->method);
	if (kexec_image_unwrap_zstd_size(s,
					 fh.frameContentSize != ZSTD_CONTENTSIZE_UNKNOWN,
					 fh.frameContentSize, unwrap_cap))
		return refuse_stream(r, s);
	return 0;
}

/* Grows @out towards the cap; false when it is there already. */
static bool grow(struct file_buf *out, size_t *room, z_stream *z)
{
	unsigned char *bigger;
	size_t want;

	if (*room >= unwrap_cap)
		return false;
	want = *room * 2 < unwrap_cap ? *room * 2 : unwrap_cap;
	bigger = realloc(out->data, want);
	if (!bigger)
		return false;
	out->data = bigger;
	z->next_out = bigger + z->total_out;
	z->avail_out = want - z->total_out;
	*room = want;
	return true;
}

/*
 * Inflate up to the cap. ISIZE is only a first guess at the output's size:
 * a truncated file puts whatever bytes come last in its place, so it is
 * compared with the output afterwards. At the cap one more byte of room
 * tells the end of the stream from output past it.
 */
int inflate_stream(const unsigned char *src, const struct kexec_image_stream *s,
		   struct file_buf *out, struct unwrap_result *r)
{
	size_t room = s->declared;
	z_stream z = { 0 };
	unsigned char extra;
	int zret, err = 0;

	if (room < 4096 || room > unwrap_cap)
		room = room < 4096 ? 4096 : unwrap_cap;
	out->data = malloc(room);
	if (!out->data || inflateInit2(&z, -MAX_WBITS) != Z_OK) {
		free(out->data);
		out->data = NULL;
		return refuse(r, ENOMEM, "no memory to inflate");
	}
	z.next_in = (unsigned char *)src;
	z.avail_in = s->length;
	z.next_out = out->data;
	z.avail_out = room;
	for (;;) {
		zret = inflate(&z, Z_NO_FLUSH);
		if (zret == Z_STREAM_END)
			break;
		if (zret != Z_OK && zret != Z_BUF_ERROR) {
			err = EINVAL;
			break;
		}
		if (z.avail_out) {
			/* Output room left and no progress: the input ran out. */
			err = EINVAL;
			break;
		}
		if (!grow(out, &room, &z)) {
			err = room >= unwrap_cap ? EFBIG : ENOMEM;
			break;
		}
	}
	if (err == EFBIG) {
		z.next_out = &extra;
		z.avail_out = 1;
		if (inflate(&z, Z_NO_FLUSH) == Z_STREAM_END && z.avail_out)
			err = 0;
	}
	out->len = z.total_out;
	inflateEnd(&z);
	if (err == EFBIG)
		return refuse(r, EFBIG, "%s (gzip) expands past %zu bytes, the cap",
			      s->wrapper, unwrap_cap);
	if (err == EINVAL)
		return refuse(r, EINVAL,
			      "%s (gzip) stream is truncated or corrupt after %zu bytes of output",
			      s->wrapper, out->len);
	if (err)
		return refuse(r, err, "no memory to inflate %zu bytes", room);
	return 0;
}

static int zstd_stream(const unsigned char *src,
		       const struct kexec_image_stream *s,
		       struct file_buf *out, struct unwrap_result *r)
{
	size_t n;

	/* kexec_image_unwrap_zstd_size() refused a size of 0, as the kernel does. */
	out->data = malloc(s->declared);
	if (!out->data)
		return refuse(r, ENOMEM, "no memory for %llu bytes",
			      (unsigned long long)s->declared);
	n = ZSTD_decompress(out->data, s->declared, src, s->length);
	/* More output than declared: the size disagrees, not the cap. */
	if (ZSTD_getErrorCode(n) == ZSTD_error_dstSize_tooSmall)
		return refuse(r, EINVAL,
			      "%s (zstd) declares %llu bytes, its payload gives more",
			      s->wrapper, (unsigned long long)s->declared);
	if (ZSTD_isError(n))
		return refuse(r, EINVAL,
			      "%s (zstd) stream is truncated or corrupt: %s",
			      s->wrapper, ZSTD_getErrorName(n));
	out->len = n;
	return 0;
}

/* Decompresses the payload of an accepted wrapper and probes what is inside. */
/**
 * judge_output() - judge what a decompressor made of a stream, as the kernel does
 * @s: the stream as the plan or the wrapper states it; gets the reason
 * @r: holds the output in r->inner; gets its description or the refusal
 *
 * The size (and for gzip the CRC32) against what @s declares, then the
 * inner image, described, must not be a wrapper itself.
 */
void judge_output(struct kexec_image_stream *s, struct unwrap_result *r)
{
	uint32_t crc = 0;

	if (!strcmp(s->method, "gzip"))
		crc = crc32(0, r->inner.data, r->inner.len);
	if (kexec_image_unwrap_check(s, r->inner.len, crc)) {
		refuse_stream(r, s);
		return;
	}
	describe(&r->inner, &r->info);
	if (kexec_image_unwrap_inner(s, &r->info))
		refuse_stream(r, s);
}

static void unwrap(const struct file_buf *fb,
		   const struct kexec_image_info *info, struct unwrap_result *r)
{
	const unsigned char *src;
	struct kexec_image_stream s;
	int ret;

	r->tried = true;
	if (kexec_image_unwrap_plan(info, &s)) {
		r->method = s.method;
		refuse_stream(r, &s);
		return;
	}
	r->method = s.method;
	src = fb->data + s.offset;
	ret = strcmp(s.method, "gzip") ? zstd_size(src, &s, r) : 0;
	if (!ret)
		ret = strcmp(s.method, "gzip") ?
		      zstd_stream(src, &s, &r->inner, r) :
		      inflate_stream(src, &s, &r->inner, r);
	if (!ret)
		judge_output(&s, r);
}

/* uki.c replaces it. */
void __weak unwrap_uki(const struct file_buf *fb,
		       const struct kexec_image_info *info,
		       struct unwrap_result *r)
{
	r->tried = true;
	refuse(r, EOPNOTSUPP, "this build of kexec-image-info does not unwrap a UKI");
}

/* bzimage.c replaces it; without it a bzImage is described as it is. */
void __weak unwrap_bzimage(const struct file_buf *fb,
			   const struct kexec_image_info *info,
			   struct unwrap_result *r)
{
}

static bool is_compressed(const struct kexec_image_info *info)
{
	return !info->error && (info->format == KEXEC_IMAGE_FMT_GZIP ||
				info->format == KEXEC_IMAGE_FMT_EFI_ZBOOT);
}

/* A wrapper's payload, or a bzImage's; nothing else is unwrapped. */
static void unwrap_one(const struct file_buf *fb,
		       const struct kexec_image_info *info,
		       struct unwrap_result *r)
{
	if (is_compressed(info))
		unwrap(fb, info, r);
	else if (!info->error && info->format == KEXEC_IMAGE_FMT_BZIMAGE)
		unwrap_bzimage(fb, info, r);
}

/* --unwrap: a payload, or a UKI's .linux and then its payload. */
void unwrap_all(const struct file_buf *fb,
		const struct kexec_image_info *info,
		struct unwrap_result r[UNWRAP_LEVELS])
{
	if (info->error)
		return;
	if (info->format == KEXEC_IMAGE_FMT_UKI) {
		unwrap_uki(fb, info, &r[0]);
		if (!r[0].err)
			unwrap_one(&r[0].inner, &r[0].info, &r[1]);
	} else {
		unwrap_one(fb, info, &r[0]);
	}
}
