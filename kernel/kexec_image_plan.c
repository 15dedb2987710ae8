// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_file_load(2) image formats: the plan for unwrapping a kernel.
 *
 * What a decompressor may read and write for a gzip or EFI zboot image,
 * and the checks on what it produced, shared by kernel/kexec_unwrap.c and
 * the host tool so that both refuse the same files with the same reasons.
 *
 * Like every parser under kernel/kexec_image*.c it allocates nothing, keeps
 * no state and trusts no field, and it compiles unchanged in the host
 * harness under tools/testing/kexec_image.
 */

#include <kunit/visibility.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/kexec_image.h>
#include <linux/overflow.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "kexec_image_internal.h"

static __printf(3, 4)
int reject_stream(struct kexec_image_stream *s, int err, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	vsnprintf(s->reason, sizeof(s->reason), fmt, args);
	va_end(args);
	s->error = err;
	return err;
}

/* The raw deflate data between a member's header and its trailer. */
static void stream_from_gzip(const struct kexec_image_gzip *gz,
			     struct kexec_image_stream *s)
{
	s->method = "gzip";
	s->offset = gz->offset + gz->data_offset;
	s->length = gz->length - GZIP_TRAILER_LEN - gz->data_offset;
	s->has_declared = true;
	s->declared = gz->isize;
	s->crc = gz->crc;
}

/**
 * kexec_image_unwrap_plan() - where the compressed stream of a wrapper lies
 * @info: a gzip or EFI zboot file as the core described it, without error
 * @s: filled with the stream's place in the file, its method and what the
 *	wrapper states about the output, or the reason for rejection
 *
 * The core has checked that the gzip member's header and trailer, or the
 * zboot payload, lie inside the file; what remains is the decompressor.
 * A zstd stream's size is settled by kexec_image_unwrap_zstd_size() once
 * the caller has read the frame header.
 *
 * Return: 0, -ENOEXEC if @info is not a wrapper, -EINVAL for a gzip
 * stream whose ISIZE is 0, -EOPNOTSUPP for a zboot compression other than
 * gzip and zstd.
 */
int kexec_image_unwrap_plan(const struct kexec_image_info *info,
			    struct kexec_image_stream *s)
{
	const struct kexec_image_zboot *zb = &info->zboot;

	memset(s, 0, sizeof(*s));
	if (info->error || (info->format != KEXEC_IMAGE_FMT_GZIP &&
			    info->format != KEXEC_IMAGE_FMT_EFI_ZBOOT))
		return reject_stream(s, -ENOEXEC,
				     "%s is not a gzip or EFI zboot wrapper",
				     kexec_image_format_name(info->format));
	s->wrapper = kexec_image_format_name(info->format);
	if (info->format == KEXEC_IMAGE_FMT_GZIP ||
	    !strcmp(zb->comp_type, "gzip")) {
		stream_from_gzip(&info->gzip, s);
		/* ISIZE is the size modulo 2^32, and no kernel is 4 GiB. */
		if (!s->declared)
			return reject_stream(s, -EINVAL,
					     "%s (%s) ISIZE 0 declares an empty kernel",
					     s->wrapper, s->method);
		return 0;
	}
	s->method = zb->comp_type;
	if (strcmp(zb->comp_type, "zstd"))
		return reject_stream(s, -EOPNOTSUPP,
				     "efi-zboot compression \"%s\": no decompressor for it (gzip, zstd)",
				     zb->comp_type);
	s->offset = zb->payload_offset;
	s->length = zb->payload_size;
	s->has_declared = zb->has_decompressed_size;
	s->declared = zb->decompressed_size;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(kexec_image_unwrap_plan);

/**
 * kexec_image_unwrap_zstd_size() - settle the output size of a zstd stream
 * @s: a zstd stream planned by kexec_image_unwrap_plan()
 * @frame_states_size: whether the frame header states its content size
 *	(zstd reading a pipe, as Makefile.zboot runs it, leaves it out)
 * @frame_size: that content size
 * @cap: the most the caller will decompress
 *
 * The word zboot appends after the payload and the frame's content size
 * must agree where both are there, and stay under @cap, before a buffer
 * of that size is allocated. On success @s->declared is the size.
 *
 * Return: 0, -EINVAL when neither states a size, they disagree or the
 * size is 0, -EFBIG past @cap.
 */
int kexec_image_unwrap_zstd_size(struct kexec_image_stream *s,
				 bool frame_states_size, u64 frame_size,
				 u64 cap)
{
	if (!frame_states_size) {
		if (!s->has_declared)
			return reject_stream(s, -EINVAL,
					     "%s (%s) states its decompressed size neither in the frame nor after the payload",
					     s->wrapper, s->method);
		frame_size = s->declared;
	} else if (s->has_declared && frame_size != s->declared) {
		return reject_stream(s, -EINVAL,
				     "%s (%s) declares %llu bytes after its payload, the frame says %llu",
				     s->wrapper, s->method,
				     (unsigned long long)s->declared,
				     (unsigned long long)frame_size);
	}
	if (!frame_size)
		return reject_stream(s, -EINVAL,
				     "%s (%s) declares 0 bytes: no kernel is empty",
				     s->wrapper, s->method);
	if (frame_size > cap)
		return reject_stream(s, -EFBIG,
				     "%s (%s) declares %llu bytes, past the cap of %llu",
				     s->wrapper, s->method,
				     (unsigned long long)frame_size,
				     (unsigned long long)cap);
	s->has_declared = true;
	s->declared = frame_size;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(kexec_image_unwrap_zstd_size);

/**
 * kexec_image_unwrap_check() - whether the output is what the wrapper said
 * @s: the stream as planned (and, for zstd, sized)
 * @out_len: bytes the decompressor produced
 * @out_crc: their CRC32 (IEEE 802.3, as gzip's trailer holds it); only
 *	looked at for gzip
 *
 * Return: 0, or -EINVAL when the size or the CRC32 disagrees.
 */
int kexec_image_unwrap_check(struct kexec_image_stream *s, u64 out_len,
			     u32 out_crc)
{
	if (out_len != s->declared)
		return reject_stream(s, -EINVAL,
				     "%s (%s) declares %llu bytes, its payload gives %llu",
				     s->wrapper, s->method,
				     (unsigned long long)s->declared,
				     (unsigned long long)out_len);
	if (!strcmp(s->method, "gzip") && out_crc != s->crc)
		return reject_stream(s, -EINVAL,
				     "%s (%s) CRC32 0x%08x does not match the data's 0x%08x",
				     s->wrapper, s->method, s->crc, out_crc);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(kexec_image_unwrap_check);

/**
 * kexec_image_unwrap_inner() - whether the unwrapped image may be loaded
 * @s: the stream it came from
 * @inner: the core's description of the output
 *
 * One level of compression is undone: an output that is itself a gzip,
 * EFI zboot or UKI file is refused.
 *
 * Return: 0, or -EINVAL for a wrapper inside a wrapper.
 */
int kexec_image_unwrap_inner(struct kexec_image_stream *s,
			     const struct kexec_image_info *inner)
{
	if (inner->format == KEXEC_IMAGE_FMT_GZIP ||
	    inner->format == KEXEC_IMAGE_FMT_EFI_ZBOOT ||
	    inner->format == KEXEC_IMAGE_FMT_UKI)
		return reject_stream(s, -EINVAL,
				     "%s (%s) holds another %s: one level of wrapping is undone, not more",
				     s->wrapper, s->method,
				     kexec_image_format_name(inner->format));
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(kexec_image_unwrap_inner);
