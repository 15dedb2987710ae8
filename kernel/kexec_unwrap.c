// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_file_load(2): unpack a gzip or EFI zboot kernel in the kernel.
 *
 * Distributions ship arm64 kernels as Image.gz or as EFI zboot PE files
 * whose payload is a gzip or zstd compressed Image. kimage_file_prepare_
 * segments() asks kexec_unwrap_describe() whether the file is such a
 * wrapper, judges the signature of the file as handed in, and only then
 * calls kexec_unwrap() for the inner image, which the arch loaders probe
 * as if it had been handed in directly. One level of wrapping is undone.
 *
 * A gzip stream is inflated page by page up to CONFIG_KEXEC_UNWRAP_MAX_MB:
 * its size (ISIZE) sits in the trailer, which a truncated file replaces by
 * whatever bytes end up last, so it is compared with the output instead
 * of being trusted to size a buffer. A zstd frame states its size in its
 * header; that and the size word zboot appends must agree and stay under
 * the cap before a buffer of that size is allocated.
 * Every refusal logs one line (Documentation/admin-guide/kexec-file-images/unwrap.rst).
 */

#define pr_fmt(fmt)	"kexec_file: " fmt

#include <linux/crc32.h>
#include <linux/errno.h>
#include <linux/kexec.h>
#include <linux/kexec_image.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <linux/zlib.h>
#include <linux/zstd.h>

static size_t unwrap_cap(void)
{
	return (size_t)CONFIG_KEXEC_UNWRAP_MAX_MB * SZ_1M;
}

/*
 * Let the scheduler in, and a killed caller go, between the pieces of a
 * long unwrap: a kernel at the cap is hundreds of MiB of output.
 */
static int unwrap_yield(void)
{
	if (fatal_signal_pending(current))
		return -EINTR;
	cond_resched();
	return 0;
}

/* One line for a refusal the core worded; the cap is a config option. */
static int refuse(const struct kexec_image_stream *s, int ret)
{
	pr_err("%s%s\n", s->reason,
	       ret == -EFBIG ? " (CONFIG_KEXEC_UNWRAP_MAX_MB)" : "");
	return ret;
}

/* A zstd payload's size, from the frame header and zboot's size word. */
static int zstd_size(const u8 *buf, struct kexec_image_stream *s)
{
	zstd_frame_header fh;
	size_t left;
	int ret;

	left = zstd_get_frame_header(&fh, buf + s->offset, s->length);
	if (zstd_is_error(left) || left) {
		pr_err("%s (%s) payload does not start with a whole zstd frame header\n",
		       s->wrapper, s->method);
		return -EINVAL;
	}
	ret = kexec_image_unwrap_zstd_size(s,
					   fh.frameContentSize != ZSTD_CONTENTSIZE_UNKNOWN,
					   fh.frameContentSize, unwrap_cap());
	return ret ? refuse(s, ret) : 0;
}

/* The core's plan, and what this kernel can decompress. */
static int plan_stream(const u8 *buf, const struct kexec_image_info *info,
		       struct kexec_image_stream *s)
{
	int ret;

	ret = kexec_image_unwrap_plan(info, s);
	if (ret)
		return refuse(s, ret);
	if (strcmp(s->method, "zstd"))
		return 0;
	if (!IS_ENABLED(CONFIG_KEXEC_UNWRAP_ZSTD)) {
		pr_err("efi-zboot compression \"zstd\" is not enabled in this kernel (CONFIG_KEXEC_UNWRAP_ZSTD)\n");
		return -EOPNOTSUPP;
	}
	return zstd_size(buf, s);
}

/**
 * kexec_unwrap_describe() - tell whether a kernel file is a wrapper to undo
 * @buf: the file as handed to kexec_file_load()
 * @len: bytes in @buf
 * @info: filled with the wrapper's description
 *
 * Return: 0 for a gzip or EFI zboot file this kernel can unpack,
 * -ENOEXEC (silently) for any other file, or the errno of a refusal,
 * logged in one line: -EINVAL for a malformed wrapper, -EOPNOTSUPP for a
 * compression method this kernel cannot undo, -EFBIG for a zstd frame
 * declaring more than the cap.
 */
int kexec_unwrap_describe(const void *buf, size_t len,
			  struct kexec_image_info *info)
{
	struct kexec_image_stream s;
	int ret;

	ret = kexec_image_parse_zboot(buf, len, info);
	if (ret == -ENOEXEC)
		ret = kexec_image_parse_gzip(buf, len, info);
	if (ret == -ENOEXEC)
		return ret;
	if (ret) {
		pr_err("%s: %s\n", kexec_image_format_name(info->format),
		       info->reason);
		return ret;
	}
	return plan_stream(buf, info, &s);
}

/* Output pages of an inflate, mapped in one piece at the end. */
struct page_sink {
	struct page **pages;
	unsigned int nr;
	unsigned int max;
};

static void sink_free(struct page_sink *sink)
{
	while (sink->nr)
		__free_page(sink->pages[--sink->nr]);
	kvfree(sink->pages);
	sink->pages = NULL;
}

/*
 * Give the stream the next output page; -EFBIG past the cap. A large
 * kernel takes long to inflate: let the scheduler in, and a killed
 * caller go, between pages.
 */
static int sink_next(struct page_sink *sink, struct z_stream_s *z)
{
	struct page *page;
	int ret = unwrap_yield();

	if (ret)
		return ret;
	if (sink->nr == sink->max)
		return -EFBIG;
	/* A load gives way under memory pressure: no OOM kill for it. */
	page = alloc_page(GFP_KERNEL | __GFP_RETRY_MAYFAIL | __GFP_NOWARN);
	if (!page)
		return -ENOMEM;
	sink->pages[sink->nr++] = page;
	z->next_out = page_address(page);
	z->avail_out = PAGE_SIZE;
	return 0;
}

/* Inflate until the stream ends, it fails, or the sink is full. */
static int inflate_into(struct z_stream_s *z, struct page_sink *sink)
{
	int zret, ret;

	for (;;) {
		if (!z->avail_out) {
			ret = sink_next(sink, z);
			if (ret)
				return ret;
		}
		zret = zlib_inflate(z, Z_SYNC_FLUSH);
		if (zret == Z_STREAM_END)
			return 0;
		/* Output room left and no progress: the input ran out. */
		if (zret != Z_OK || (z->avail_out && !z->avail_in))
			return -EINVAL;
	}
}

/*
 * A full sink may still hold the whole stream: one more byte of room
 * tells the end of the stream from output past the cap.
 */
static int inflate_stream(const u8 *src, const struct kexec_image_stream *s,
			  void **out, size_t *out_len)
{
	struct page_sink sink = { .max = unwrap_cap() >> PAGE_SHIFT };
	struct z_stream_s z = {};
	u8 extra;
	int ret;

	sink.pages = kvmalloc_array(sink.max, sizeof(*sink.pages),
				    GFP_KERNEL | __GFP_NOWARN);
	z.workspace = vmalloc(zlib_inflate_workspacesize());
	if (!sink.pages || !z.workspace) {
		pr_err("allocating the gzip page table (%u entries) and workspace failed\n",
		       sink.max);
		ret = -ENOMEM;
		goto out;
	}
	z.next_in = src;
	z.avail_in = s->length;
	ret = zlib_inflateInit2(&z, -MAX_WBITS) == Z_OK ? 0 : -EINVAL;
	if (!ret)
		ret = inflate_into(&z, &sink);
	if (ret == -EFBIG) {
		z.next_out = &extra;
		z.avail_out = 1;
		if (zlib_inflate(&z, Z_SYNC_FLUSH) == Z_STREAM_END && z.avail_out)
			ret = 0;
	}
	*out_len = z.total_out;
	zlib_inflateEnd(&z);
	if (!ret) {
		*out = vmap(sink.pages, sink.nr, VM_MAP | VM_MAP_PUT_PAGES,
			    PAGE_KERNEL);
		if (*out)
			goto out_mapped;
		ret = -ENOMEM;
	}
out:
	if (sink.pages)
		sink_free(&sink);
out_mapped:
	vfree(z.workspace);
	return ret;
}

/*
 * Decode the frames of @src into @dst one block (at most 128 KiB) at a
 * time, with zstd's buffer-less calls: each block is written in place
 * after the ones before it, which serve as its window. The streaming
 * decoder (zstd_decompress_stream()) would need a window buffer of its
 * own besides @dst, for a zboot frame as large as the kernel, and the
 * one-shot zstd_decompress_dctx() would run to the cap without a break.
 */
static int zstd_blocks(zstd_dctx *dctx, u8 *dst, size_t cap, const u8 *src,
		       size_t len, size_t *out_len)
{
	size_t in = 0, need, n;
	int ret;

	*out_len = 0;
	while (in < len) {
		if (zstd_is_error(ZSTD_decompressBegin(dctx)))
			return -EINVAL;
		while ((need = ZSTD_nextSrcSizeToDecompress(dctx))) {
			ret = unwrap_yield();
			if (ret)
				return ret;
			if (need > len - in)
				return -EINVAL;
			n = ZSTD_decompressContinue(dctx, dst + *out_len,
						    cap - *out_len, src + in,
						    need);
			if (zstd_is_error(n))
				/* More output than declared: -E2BIG. */
				return zstd_get_error_code(n) ==
				       ZSTD_error_dstSize_tooSmall ? -E2BIG : -EINVAL;
			in += need;
			*out_len += n;
		}
	}
	return 0;
}

static int zstd_stream(const u8 *src, const struct kexec_image_stream *s,
		       void **out, size_t *out_len)
{
	size_t wsize = zstd_dctx_workspace_bound();
	zstd_dctx *dctx;
	void *ws, *dst;
	int ret = -ENOMEM;

	*out_len = 0;
	ws = __vmalloc(wsize, GFP_KERNEL | __GFP_RETRY_MAYFAIL | __GFP_NOWARN);
	dst = __vmalloc(s->declared, GFP_KERNEL | __GFP_RETRY_MAYFAIL |
			__GFP_NOWARN);
	/* decompress() says it: one line for the refusal. */
	if (!ws || !dst)
		goto out;
	dctx = zstd_init_dctx(ws, wsize);
	if (!dctx)
		goto out;
	ret = zstd_blocks(dctx, dst, s->declared, src, s->length, out_len);
	if (!ret) {
		*out = dst;
		dst = NULL;
	}
out:
	vfree(dst);
	vfree(ws);
	return ret;
}

/* CRC32 of the output, a piece at a time (see unwrap_yield()). */
static int unwrap_crc32(const u8 *p, size_t n, u32 *crc)
{
	u32 c = ~0;
	int ret;

	while (n) {
		size_t chunk = min_t(size_t, n, SZ_1M);

		ret = unwrap_yield();
		if (ret)
			return ret;
		c = crc32_le(c, p, chunk);
		p += chunk;
		n -= chunk;
	}
	*crc = ~c;
	return 0;
}

/**
 * kexec_unwrap_copy() - copy a part of a kernel file, a piece at a time
 * @dst: where to
 * @src: where from
 * @len: bytes to copy, up to the unwrap cap or the file's size
 *
 * A UKI's .linux or .initrd may be hundreds of MiB: the copy lets the
 * scheduler in between pieces and stops for a fatal signal.
 *
 * Return: 0, or -EINTR when a fatal signal stopped the copy.
 */
int kexec_unwrap_copy(void *dst, const void *src, size_t len)
{
	int ret;

	while (len) {
		size_t chunk = min_t(size_t, len, SZ_1M);

		ret = unwrap_yield();
		if (ret)
			return ret;
		memcpy(dst, src, chunk);
		dst += chunk;
		src += chunk;
		len -= chunk;
	}
	return 0;
}

static int decompress(const u8 *buf, const struct kexec_image_stream *s,
		      void **out, size_t *out_len)
{
	const u8 *src = buf + s->offset;
	int ret;

	/* plan_stream() lets zstd through only with KEXEC_UNWRAP_ZSTD. */
	if (!strcmp(s->method, "gzip")) {
		ret = inflate_stream(src, s, out, out_len);
	} else if (IS_ENABLED(CONFIG_KEXEC_UNWRAP_ZSTD)) {
		ret = zstd_stream(src, s, out, out_len);
	} else {
		pr_err("%s (%s) is not enabled in this kernel (CONFIG_KEXEC_UNWRAP_ZSTD)\n",
		       s->wrapper, s->method);
		return -EOPNOTSUPP;
	}
	if (ret == -EFBIG) {
		pr_err("%s (%s) expands past %zu bytes, the cap (CONFIG_KEXEC_UNWRAP_MAX_MB)\n",
		       s->wrapper, s->method, unwrap_cap());
	} else if (ret == -E2BIG) {
		pr_err("%s (%s) declares %llu bytes, its payload gives more\n",
		       s->wrapper, s->method, s->declared);
		ret = -EINVAL;
	} else if (ret == -EINVAL) {
		pr_err("%s (%s) stream is truncated or corrupt after %zu bytes of output\n",
		       s->wrapper, s->method, *out_len);
	} else if (ret == -EINTR) {
		pr_err("%s (%s): interrupted by a fatal signal after %zu bytes of output\n",
		       s->wrapper, s->method, *out_len);
	} else if (ret == -ENOMEM) {
		pr_err("%s (%s): no memory to unpack %llu bytes\n",
		       s->wrapper, s->method, s->declared);
	}
	return ret;
}

/**
 * kexec_unwrap() - unpack the kernel a gzip or EFI zboot file carries
 * @buf: the file, as described by kexec_unwrap_describe()
 * @len: bytes in @buf
 * @info: kexec_unwrap_describe()'s description of @buf
 * @out: set to a vmalloc()ed (vfree()able) buffer holding the inner image
 * @out_len: set to its length
 *
 * Return: 0, or the errno of a refusal, logged in one line, with nothing
 * left allocated: -EFBIG when the output would pass the cap, -EINVAL for
 * a truncated or corrupt stream, a size or CRC that disagrees with the
 * output, or an inner image that is itself wrapped.
 */
int kexec_unwrap(const void *buf, size_t len,
		 const struct kexec_image_info *info, void **out,
		 unsigned long *out_len)
{
	struct kexec_image_info *inner;
	struct kexec_image_stream s;
	void *dst = NULL;
	size_t n = 0;
	int ret, probed;
	u32 crc = 0;

	ret = plan_stream(buf, info, &s);
	if (ret)
		return ret;
	inner = kmalloc(sizeof(*inner), GFP_KERNEL | __GFP_NOWARN);
	if (!inner) {
		pr_err("allocating the %zu-byte inner image description failed\n",
		       sizeof(*inner));
		return -ENOMEM;
	}
	ret = decompress(buf, &s, &dst, &n);
	if (ret)
		goto out_free;
	if (!strcmp(s.method, "gzip")) {
		ret = unwrap_crc32(dst, n, &crc);
		if (ret) {
			pr_err("%s (%s): interrupted by a fatal signal while checking the CRC of %zu bytes\n",
			       s.wrapper, s.method, n);
			goto out_free;
		}
	}
	ret = kexec_image_unwrap_check(&s, n, crc);
	if (!ret) {
		probed = kexec_image_probe(dst, n, inner);
		ret = kexec_image_unwrap_inner(&s, inner);
	}
	if (ret) {
		refuse(&s, ret);
		goto out_free;
	}
	kexec_dprintk("unwrapped %s (%s): %zu bytes in, %zu bytes of %s out\n",
		      s.wrapper, s.method, len, n,
		      probed ? "unknown format" :
		      kexec_image_format_name(inner->format));
	kfree(inner);
	*out = dst;
	*out_len = n;
	return 0;

out_free:
	kfree(inner);
	vfree(dst);
	return ret;
}
