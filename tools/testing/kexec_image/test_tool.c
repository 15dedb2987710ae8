// SPDX-License-Identifier: GPL-2.0
/*
 * kexec-image-info, run as a user would: its JSON on rebuilt samples and
 * synthetic files, its exit status on bad input and bad usage, --unwrap
 * on gzip and EFI zboot files made here with zlib and libzstd and on UKIs
 * holding them, and the files --output writes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <zlib.h>
#include <zstd.h>

#include "harness.h"

#define S "tool"
#define OUT_MAX 8192

struct tool_case {
	const char *name;
	const char *args;	/* after the tool's path; %s is the workdir */
	int status;
	const char *want[8];	/* substrings of the output */
};

static const struct tool_case cases[] = {
	{ "debian-x86_64", "--json %s/debian-x86_64", 0,
	  { "\"format\":\"x86-bzimage\"", "\"protocol\":\"2.15\"",
	    "\"relocatable\":true", "\"kernel_alignment\":2097152",
	    "\"pref_address\":16777216", "\"init_size\":58646528",
	    "\"payload_offset\":716", "\"payload_length\":11838000" } },
	{ "debian-arm64", "--json %s/debian-arm64", 0,
	  { "\"format\":\"arm64-image\"", "\"endian\":\"le\"",
	    "\"text_offset\":0,", "\"image_size\":33619968",
	    "\"page_size\":4096", "\"phys_placement\":\"anywhere\"",
	    "\"load_align\":2097152" } },
	{ "debian-arm", "--json %s/debian-arm", 0,
	  { "\"format\":\"arm-zimage\"", "\"endian\":\"le\"",
	    "\"zimage_start\":0,", "\"zimage_end\":5448192",
	    "\"decompressed_size\":20582580", "\"image_size\":20968840",
	    "\"text_offset\":2129920" } },
	{ "zimage-notes", "--json %s/zimage-notes", 0,
	  { "\"notes\":[{\"name\":\"Linux\",\"type\":1,\"desc\":\"12345678\"}",
	    "{\"name\":\"Xen\",\"type\":16,\"desc\":\"6162636465\"}]",
	    "\"decompressed_size\":4194304", "\"image_size\":4259840" } },
	{ "zimage-notes-human", "%s/zimage-notes", 0,
	  { "  note 0         \"Linux\" type 0x1, 4 bytes of desc: 12345678\n",
	    "  note 1         \"Xen\" type 0x10, 5 bytes of desc: 6162636465\n" } },
	{ "zboot", "--json %s/zboot", 0,
	  { "\"format\":\"efi-zboot\"", "\"payload_offset\":256",
	    "\"payload_length\":28", "\"compression\":\"gzip\"",
	    "\"decompressed_size\":1193046" } },
	{ "gzip", "--json %s/member.gz", 0,
	  { "\"format\":\"gzip\",\"payload_offset\":28,\"payload_length\":2,",
	    "\"compression\":\"gzip\",\"decompressed_size\":4096}" } },
	{ "gzip-human", "%s/member.gz", 0, { "member.gz: gzip\n" } },
	{ "broken-arm64", "--json %s/broken-arm64", 1,
	  { "\"format\":\"arm64-image\"", "\"errno\":\"EINVAL\"",
	    "\"reason\":\"image_size 0: a pre-3.17 Image" } },
	{ "unknown", "--json %s/zeros", 1,
	  { "\"format\":\"unknown\"", "\"errno\":\"ENOEXEC\"" } },
	{ "empty-file", "--json %s/empty", 1, { "\"format\":\"unknown\"" } },
	{ "missing-file", "--json %s/does-not-exist", 2,
	  { "\"errno\":\"ENOENT\"" } },
	{ "directory", "%s", 2, { "Is a directory" } },
	{ "no-args", "", 2, {} },
	{ "only-json", "--json", 2, {} },
	{ "two-files", "--json %s/zboot %s/zeros", 1,
	  { "efi-zboot\"", "}\n{\"file\":", "\"format\":\"unknown\"" } },
	{ "human", "%s/debian-x86_64", 0,
	  { "x86-bzimage, little-endian", "protocol       2.15" } },
	{ "human-rejected", "%s/broken-arm64", 1,
	  { "rejected, arm64-image (EINVAL): image_size 0" } },
	{ "file-name-escaped", "--json %s/quote\\\"name", 1,
	  { "\"file\":\"", "quote\\\"name\"" } },
	/* --unwrap: the inner image of each wrapper, with the same keys */
	{ "unwrap-gzip", "--json --unwrap %s/img.gz", 0,
	  { "\"format\":\"gzip\"", "\"decompressed_size\":4096",
	    "\"inner\":{\"format\":\"arm64-image\",\"endian\":\"le\"",
	    "\"image_size\":65536", "\"length\":4096}}\n" } },
	{ "unwrap-gzip-human", "--unwrap %s/img.gz", 0,
	  { "img.gz: gzip\n", "  unwrap         gzip, 0x1000 bytes\n",
	    "img.gz (unwrapped): arm64-image, little-endian\n",
	    "  image_size     0x10000\n" } },
	{ "unwrap-zboot-gzip", "--unwrap --json %s/zboot-gzip.efi", 0,
	  { "\"format\":\"efi-zboot\"", "\"compression\":\"gzip\"",
	    "\"inner\":{\"format\":\"arm64-image\"",
	    "\"length\":4096}}" } },
	{ "unwrap-zboot-zstd", "--json --unwrap %s/zboot-zstd.efi", 0,
	  { "\"compression\":\"zstd\"", "\"decompressed_size\":4096",
	    "\"inner\":{\"format\":\"arm64-image\"",
	    "\"page_size\":4096", "\"length\":4096}}" } },
	{ "unwrap-zboot-zstd-human", "--unwrap %s/zboot-zstd.efi", 0,
	  { "  unwrap         zstd, 0x1000 bytes\n",
	    "zboot-zstd.efi (unwrapped): arm64-image" } },
	{ "unwrap-not-wrapped", "--json --unwrap %s/debian-arm64", 0,
	  { "\"format\":\"arm64-image\"", "\"phys_placement\":\"anywhere\"}\n" } },
	{ "no-unwrap", "--json %s/img.gz", 0,
	  { "\"decompressed_size\":4096}\n" } },
	{ "unwrap-two-files", "--unwrap --json %s/img.gz %s/cut.gz", 1,
	  { "\"length\":4096}}\n{\"file\":", "\"errno\":\"EINVAL\"" } },
	/* refusals: the reason, exit status 1 */
	{ "unwrap-truncated-gzip", "--json --unwrap %s/cut.gz", 1,
	  { "\"format\":\"gzip\"", "\"errno\":\"EINVAL\"",
	    "gzip (gzip) stream is truncated or corrupt after " } },
	{ "unwrap-truncated-gzip-human", "--unwrap %s/cut.gz", 1,
	  { "  unwrap         rejected (EINVAL): gzip (gzip) stream is truncated" } },
	{ "unwrap-truncated-zstd", "--json --unwrap %s/cut-zstd.efi", 1,
	  { "\"errno\":\"EINVAL\"",
	    "efi-zboot (zstd) stream is truncated or corrupt" } },
	{ "unwrap-isize", "--json --unwrap %s/isize.gz", 1,
	  { "\"errno\":\"EINVAL\"",
	    "gzip (gzip) declares 4097 bytes, its payload gives 4096" } },
	{ "unwrap-zboot-isize", "--json --unwrap %s/isize-zboot.efi", 1,
	  { "efi-zboot (gzip) declares 4095 bytes, its payload gives 4096" } },
	{ "unwrap-crc", "--json --unwrap %s/crc.gz", 1,
	  { "\"errno\":\"EINVAL\"", "gzip (gzip) CRC32 0x",
	    " does not match the data's 0x" } },
	{ "unwrap-zstd-size-word", "--json --unwrap %s/size-word.efi", 1,
	  { "\"errno\":\"EINVAL\"",
	    "efi-zboot (zstd) declares 4097 bytes after its payload, the frame says 4096" } },
	{ "unwrap-zstd-no-size", "--json --unwrap %s/no-size.efi", 1,
	  { "efi-zboot (zstd) states its decompressed size neither in the frame",
	    "nor after the payload" } },
	{ "unwrap-zstd-empty-frame", "--json --unwrap %s/empty-zstd.efi", 1,
	  { "\"errno\":\"EINVAL\"",
	    "efi-zboot (zstd) declares 0 bytes: no kernel is empty" } },
	{ "unwrap-zstd-empty-word", "--json --unwrap %s/empty-word.efi", 1,
	  { "\"errno\":\"EINVAL\"",
	    "zboot decompressed size 0x0 is not between 1 and the 1 GiB cap" } },
	{ "unwrap-gzip-empty", "--json --unwrap %s/empty.gz", 1,
	  { "\"errno\":\"EINVAL\"",
	    "gzip (gzip) ISIZE 0 declares an empty kernel" } },
	{ "unwrap-zboot-zstd-pipe", "--json --unwrap %s/pipe-zstd.efi", 0,
	  { "\"inner\":{\"format\":\"arm64-image\"",
	    "\"length\":4096}}" } },
	{ "unwrap-zstd-pipe-word-low", "--json --unwrap %s/pipe-low.efi", 1,
	  { "\"errno\":\"EINVAL\"",
	    "efi-zboot (zstd) declares 4095 bytes, its payload gives more" } },
	{ "unwrap-zstd-pipe-word-high", "--json --unwrap %s/pipe-high.efi", 1,
	  { "\"errno\":\"EINVAL\"",
	    "efi-zboot (zstd) declares 4097 bytes, its payload gives 4096" } },
	{ "unwrap-zstd-past-cap", "--json --unwrap %s/huge.efi", 1,
	  { "\"errno\":\"EFBIG\"",
	    "efi-zboot (zstd) declares 2147483648 bytes, past the cap of 1073741824" } },
	{ "unwrap-gzip-past-cap", "--json --unwrap-max-mb=16 %s/big.gz", 1,
	  { "\"errno\":\"EFBIG\"",
	    "gzip (gzip) expands past 16777216 bytes, the cap" } },
	{ "unwrap-gzip-at-cap", "--json --unwrap-max-mb=16 %s/cap.gz", 0,
	  { "\"inner\":{\"format\":\"arm64-image\"",
	    "\"length\":16777216}}" } },
	{ "unwrap-zstd-below-cap", "--json --unwrap-max-mb=16 %s/big-zstd.efi", 1,
	  { "\"errno\":\"EFBIG\"",
	    "(zstd) declares 16777217 bytes, past the cap of 16777216" } },
	{ "unwrap-nested", "--json --unwrap %s/nested.gz", 1,
	  { "\"errno\":\"EINVAL\"",
	    "gzip (gzip) holds another gzip: one level of wrapping is undone, not more" } },
	{ "unwrap-lzma", "--json --unwrap %s/lzma.efi", 1,
	  { "\"errno\":\"EOPNOTSUPP\"",
	    "efi-zboot compression \\\"lzma\\\": no decompressor for it (gzip, zstd)" } },
	{ "unwrap-inner-rejected", "--json --unwrap %s/zeros.gz", 1,
	  { "\"inner\":{\"format\":\"unknown\",\"error\":{\"errno\":\"ENOEXEC\"" } },
	{ "unwrap-max-mb-low", "--unwrap-max-mb=15 %s/img.gz", 2, {} },
	{ "unwrap-max-mb-high", "--unwrap-max-mb=1025 %s/img.gz", 2, {} },
	{ "unknown-option", "--bogus %s/img.gz", 2, {} },
	/* UKIs: sections, os-release, text; --unwrap takes .linux */
	{ "uki", "--json %s/uki.efi", 0,
	  { "\"format\":\"uki\",\"endian\":\"le\",\"pe_machine\":34404,",
	    "\"pe_sections\":12,\"profiles\":0,\"payload_offset\":2304,",
	    "\"payload_offset\":2304,\"payload_length\":256,\"sections\":{",
	    "\"sections\":{\".linux\":{\"offset\":2304,\"size\":256},",
	    "\".initrd\":{\"offset\":2560,\"size\":128},",
	    "\".pcrpkey\":{\"offset\":3840,\"size\":27},\".sbat\":",
	    "\".sbat\":{\"offset\":1280,\"size\":27}},\"os_id\":\"debian\",",
	    "\"version_id\":\"12\",\"uname\":\"6.12.0-test\",\"cmdline\":\"console=ttyS0 quiet\"}\n",
	  } },
	{ "uki-human", "%s/uki.efi", 0,
	  { "uki.efi: uki, little-endian\n", "  PE sections    12, 0 profiles\n",
	    "  .linux         0x900 + 0x100\n", "  .pcrpkey       0xf00 + 0x1b\n",
	    "  os-release     ID \"debian\", VERSION_ID \"12\"\n",
	    "  uname          \"6.12.0-test\"\n",
	    "  cmdline        \"console=ttyS0 quiet\"\n",
	    "  PE header      0x80, machine 0x8664\n" } },
	{ "uki-profiles", "--json %s/uki-profiles.efi", 0,
	  { "\"pe_sections\":11,\"profiles\":2,",
	    "\".profile\":{\"offset\":2048,\"size\":7}",
	    "\"cmdline\":\"one\"}\n" } },
	{ "uki-rejected", "--json %s/uki-no-linux.efi", 1,
	  { "\"format\":\"uki\",\"error\":{\"errno\":\"EINVAL\",",
	    "\"reason\":\"UKI has no .linux section: no kernel to load\"}}\n",
	  } },
	{ "uki-rejected-human", "%s/uki-no-linux.efi", 1,
	  { "rejected, uki (EINVAL): UKI has no .linux section" } },
	{ "uki-text-escaped", "--json %s/uki-text.efi", 0,
	  { "\"uname\":\"\",\"cmdline\":\"a\\\"b\\\\c\\u0001d\\u00c3\\u00a9xxxx",
	    "xxABCDxx", "xxx\"}\n" } },
	{ "uki-text-escaped-human", "%s/uki-text.efi", 0,
	  { "  cmdline        \"a\\x22b\\x5cc\\x01d\\xc3\\xa9xxxx",
	    "xxAB\"...\n", "  uname          \"\"\n" } },
	{ "uki-no-unwrap", "--json %s/uki-gz.efi", 0,
	  { "\"format\":\"uki\"", "\"cmdline\":\"quiet\"}\n" } },
	{ "unwrap-uki-gzip", "--json --unwrap %s/uki-gz.efi", 0,
	  { "\"format\":\"uki\"", "\"inner\":{\"format\":\"gzip\",",
	    "\"decompressed_size\":4096,\"inner\":{\"format\":\"arm64-image\",",
	    "\"image_size\":65536", "\"length\":4096},\"length\":",
	    "}}\n" } },
	{ "unwrap-uki-gzip-human", "--unwrap %s/uki-gz.efi", 0,
	  { "  unwrap         .linux, 0x", "uki-gz.efi (.linux): gzip\n",
	    "  unwrap         gzip, 0x1000 bytes\n",
	    "uki-gz.efi (.linux, unwrapped): arm64-image, little-endian\n",
	    "  image_size     0x10000\n" } },
	{ "unwrap-uki-image", "--json --unwrap %s/uki-image.efi", 0,
	  { "\"inner\":{\"format\":\"arm64-image\"", "\"length\":4096}}\n" } },
	{ "unwrap-uki-image-human", "--unwrap %s/uki-image.efi", 0,
	  { "  unwrap         .linux, 0x1000 bytes\n",
	    "uki-image.efi (.linux): arm64-image, little-endian\n" } },
	{ "unwrap-uki-zboot-zstd", "--json --unwrap %s/uki-zstd.efi", 0,
	  { "\"inner\":{\"format\":\"efi-zboot\"", "\"compression\":\"zstd\"",
	    "\"inner\":{\"format\":\"arm64-image\"", "\"length\":4096},",
	    "}}\n" } },
	{ "unwrap-uki-inner-unknown", "--json --unwrap %s/uki.efi", 1,
	  { "\"inner\":{\"format\":\"unknown\",\"error\":{\"errno\":\"ENOEXEC\"",
	    "\"length\":256}}\n" } },
	{ "unwrap-uki-cut-gzip", "--json --unwrap %s/uki-cut-gz.efi", 1,
	  { "\"inner\":{\"format\":\"gzip\",",
	    ",\"error\":{\"errno\":\"EINVAL\",\"reason\":\"gzip (gzip) stream is truncated or corrupt",
	  } },
	/* nothing deeper than UKI, then zboot or gzip, then the kernel */
	{ "unwrap-uki-uki", "--json --unwrap %s/uki-uki.efi", 1,
	  { "\"format\":\"uki\"", "\"errno\":\"EINVAL\"",
	    "uki (.linux) holds another uki: one level of wrapping is undone, not more" } },
	{ "unwrap-uki-uki-human", "--unwrap %s/uki-uki.efi", 1,
	  { "  unwrap         rejected (EINVAL): uki (.linux) holds another uki" } },
	{ "unwrap-uki-zboot-gzip", "--json --unwrap %s/uki-nested.efi", 1,
	  { "\"inner\":{\"format\":\"efi-zboot\"", "\"errno\":\"EINVAL\"",
	    "efi-zboot (gzip) holds another gzip: one level of wrapping is undone, not more" } },
	{ "unwrap-uki-gzip-uki", "--json --unwrap %s/uki-gz-uki.efi", 1,
	  { "\"inner\":{\"format\":\"gzip\"",
	    "gzip (gzip) holds another uki: one level of wrapping is undone, not more" } },
	{ "unwrap-gzip-uki", "--json --unwrap %s/uki.efi.gz", 1,
	  { "\"format\":\"gzip\"",
	    "gzip (gzip) holds another uki: one level of wrapping is undone, not more" } },
	/* --output: the innermost image, only when all of it was accepted */
	{ "output-uki-gzip", "--unwrap --output=%s/out-gz.img %s/uki-gz.efi", 0,
	  { "uki-gz.efi (.linux, unwrapped): arm64-image" } },
	{ "output-uki-image", "--output %s/out-image.img %s/uki-image.efi", 0,
	  { "  unwrap         .linux, 0x1000 bytes\n" } },
	{ "output-gzip", "--json --output=%s/out-img.img %s/img.gz", 0,
	  { "\"length\":4096}}\n" } },
	{ "output-plain", "--output=%s/out-plain.img %s/image.a64", 0,
	  { "image.a64: arm64-image" } },
	{ "output-refused", "--output=%s/out-refused.img %s/uki-uki.efi", 1,
	  { "out-refused.img not written: ", "uki-uki.efi was not accepted" } },
	{ "output-two-files", "--output=%s/out-two.img %s/uki.efi %s/uki.efi", 2,
	  {} },
	{ "output-no-name", "--unwrap --output", 2, {} },
	{ "output-empty-name", "--output= %s/uki-gz.efi", 2, {} },
	{ "output-bad-dir", "--output=%s/no/such/dir %s/uki-gz.efi", 2,
	  { "no/such/dir: No such file or directory" } },
};

static bool write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	bool ok;

	if (!f)
		return false;
	ok = fwrite(data, 1, len, f) == len;
	return fclose(f) == 0 && ok;
}

static bool put_file(const char *dir, const char *name, const void *data,
		     size_t len)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return write_file(path, data, len);
}

/*
 * An arm64 Image of @len bytes, with noise after the header's first 4 KiB
 * so that it compresses to a stream long enough to cut in the middle.
 */
static struct buf inner_image(size_t len)
{
	struct buf a = make_arm64(), b = buf_new(len);
	uint32_t x = 1;
	size_t i;

	memcpy(b.data, a.data, A64_LEN);
	for (i = 0x40; i < A64_LEN && i < len; i++) {
		x = x * 1103515245 + 12345;
		b.data[i] = x >> 24;
	}
	buf_free(&a);
	return b;
}

/* A gzip file of @in, as gzip(1) would write it (zlib's gzip wrapper). */
static struct buf gzip_of(const struct buf *in)
{
	struct buf out = buf_new(compressBound(in->len) + 64);
	z_stream z = { 0 };

	if (deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 8,
			 Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	z.next_in = in->data;
	z.avail_in = in->len;
	z.next_out = out.data;
	z.avail_out = out.len;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		abort();
	out.len = z.total_out;
	deflateEnd(&z);
	return out;
}

/*
 * A zstd frame of @in; @sized false leaves the content size out of the
 * frame header, as zstd reading a pipe does for kbuild's zboot images.
 */
static struct buf zstd_of(const struct buf *in, bool sized)
{
	struct buf out = buf_new(ZSTD_compressBound(in->len));
	ZSTD_CCtx *cctx = ZSTD_createCCtx();

	if (!cctx ||
	    ZSTD_isError(ZSTD_CCtx_setParameter(cctx, ZSTD_c_contentSizeFlag,
						sized)))
		abort();
	out.len = ZSTD_compress2(cctx, out.data, out.len, in->data, in->len);
	ZSTD_freeCCtx(cctx);
	if (ZSTD_isError(out.len))
		abort();
	return out;
}

/*
 * An EFI zboot file around @payload, laid out as make_zboot()'s; a size
 * word follows the payload unless @size_word is negative.
 */
static struct buf zboot_of(const char *comp, const struct buf *payload,
			   long long size_word)
{
	struct buf b = buf_new(ZB_PAYLOAD + payload->len +
			       (size_word < 0 ? 0 : 4));

	memcpy(b.data, "MZ", 2);
	memcpy(b.data + 4, "zimg", 4);
	memcpy(b.data + 0x18, comp, strlen(comp));
	put_le(b.data + 0x38, 4, 0x818223cd);		/* LINUX_PE_MAGIC */
	put_le(b.data + 0x3c, 4, ZB_PE);
	memcpy(b.data + ZB_PE, "PE\0\0", 4);
	put_le(b.data + ZB_PE + 4, 2, 0xaa64);
	put_le(b.data + 8, 4, ZB_PAYLOAD);
	put_le(b.data + 12, 4, payload->len);
	memcpy(b.data + ZB_PAYLOAD, payload->data, payload->len);
	if (size_word >= 0)
		put_le(b.data + ZB_PAYLOAD + payload->len, 4, size_word);
	return b;
}

/*
 * A zstd frame header alone: single segment, no checksum, the content
 * size in 8 bytes (@size) or left out (@size 0), then one empty raw block.
 */
static struct buf zstd_frame_header(uint64_t size)
{
	struct buf b = buf_new(16);
	size_t at = 5;

	put_le(b.data, 4, 0xfd2fb528);
	if (size) {
		b.data[4] = 0xe0;	/* FCS 8 bytes, single segment */
		put_le(b.data + at, 8, size);
		at += 8;
	} else {
		b.data[4] = 0x00;	/* no FCS: a window descriptor */
		b.data[at++] = 0x58;
	}
	put_le(b.data + at, 3, 1);	/* last block, raw, 0 bytes */
	b.len = at + 3;
	return b;
}

static bool make_unwrap_inputs(const char *dir)
{
	struct buf img = inner_image(A64_LEN), gz = gzip_of(&img);
	struct buf zs = zstd_of(&img, true), cap = inner_image(16 << 20);
	struct buf big = buf_new((16 << 20) + 1), zero = buf_new(4096);
	struct buf f, g, h;
	bool ok = true;

	ok &= put_file(dir, "img.gz", gz.data, gz.len);
	ok &= put_file(dir, "cut.gz", gz.data, gz.len / 2);
	put_le(gz.data + gz.len - 4, 4, A64_LEN + 1);
	ok &= put_file(dir, "isize.gz", gz.data, gz.len);
	put_le(gz.data + gz.len - 4, 4, A64_LEN);
	gz.data[gz.len - 8] ^= 1;
	ok &= put_file(dir, "crc.gz", gz.data, gz.len);
	gz.data[gz.len - 8] ^= 1;

	f = zboot_of("gzip", &gz, -1);
	ok &= put_file(dir, "zboot-gzip.efi", f.data, f.len);
	put_le(f.data + f.len - 4, 4, A64_LEN - 1);
	ok &= put_file(dir, "isize-zboot.efi", f.data, f.len);
	buf_free(&f);

	f = zboot_of("zstd", &zs, A64_LEN);
	ok &= put_file(dir, "zboot-zstd.efi", f.data, f.len);
	put_le(f.data + f.len - 4, 4, A64_LEN + 1);
	ok &= put_file(dir, "size-word.efi", f.data, f.len);
	buf_free(&f);
	/* as kbuild makes them: the size only in the word after the frame */
	h = zstd_of(&img, false);
	f = zboot_of("zstd", &h, A64_LEN);
	ok &= put_file(dir, "pipe-zstd.efi", f.data, f.len);
	put_le(f.data + f.len - 4, 4, A64_LEN - 1);
	ok &= put_file(dir, "pipe-low.efi", f.data, f.len);
	put_le(f.data + f.len - 4, 4, A64_LEN + 1);
	ok &= put_file(dir, "pipe-high.efi", f.data, f.len);
	buf_free(&f);
	buf_free(&h);
	/* half the frame, and the file ends there: no size word to read */
	zs.len /= 2;
	f = zboot_of("zstd", &zs, -1);
	ok &= put_file(dir, "cut-zstd.efi", f.data, f.len);
	buf_free(&f);

	h = zstd_frame_header(0);
	f = zboot_of("zstd", &h, -1);
	ok &= put_file(dir, "no-size.efi", f.data, f.len);
	buf_free(&f);
	buf_free(&h);
	h = zstd_frame_header(1ULL << 31);
	f = zboot_of("zstd", &h, -1);
	ok &= put_file(dir, "huge.efi", f.data, f.len);
	buf_free(&f);
	buf_free(&h);
	h = zstd_of(&big, true);
	f = zboot_of("zstd", &h, big.len);
	ok &= put_file(dir, "big-zstd.efi", f.data, f.len);
	buf_free(&f);
	buf_free(&h);

	h = gzip_of(&big);
	ok &= put_file(dir, "big.gz", h.data, h.len);
	buf_free(&h);
	h = gzip_of(&cap);
	ok &= put_file(dir, "cap.gz", h.data, h.len);
	buf_free(&h);
	h = gzip_of(&zero);
	ok &= put_file(dir, "zeros.gz", h.data, h.len);
	buf_free(&h);
	/* empty outputs: zstd's frame states 0, gzip's ISIZE is 0 */
	zero.len = 0;
	h = zstd_of(&zero, true);
	f = zboot_of("zstd", &h, -1);
	ok &= put_file(dir, "empty-zstd.efi", f.data, f.len);
	buf_free(&f);
	buf_free(&h);
	h = zstd_of(&zero, false);
	f = zboot_of("zstd", &h, 0);
	ok &= put_file(dir, "empty-word.efi", f.data, f.len);
	buf_free(&f);
	buf_free(&h);
	h = gzip_of(&zero);
	ok &= put_file(dir, "empty.gz", h.data, h.len);
	buf_free(&h);
	g = gzip_of(&gz);
	ok &= put_file(dir, "nested.gz", g.data, g.len);
	buf_free(&g);
	f = make_zboot("lzma");
	ok &= put_file(dir, "lzma.efi", f.data, f.len);
	buf_free(&f);

	buf_free(&img);
	buf_free(&gz);
	buf_free(&zs);
	buf_free(&cap);
	buf_free(&big);
	buf_free(&zero);
	return ok;
}

/* A UKI with os-release, text sections and @kernel as .linux. */
static struct buf uki_around(const struct buf *kernel)
{
	const struct uki_sec s[] = {
		{ ".osrel", UK_OSREL, sizeof(UK_OSREL) - 1 },
		{ ".cmdline", "quiet\n", 6 },
		{ ".linux", kernel->data, kernel->len },
	};

	return make_uki_of(s, ARRAY_SIZE(s));
}

/* The UKIs of the cases above; @img is what their kernels unwrap to. */
static bool make_uki_inputs(const char *dir, const struct buf *img)
{
	static const char head[] = "a\"b\\c\001d\xc3\xa9";
	struct buf uk = make_uki(), gz = gzip_of(img), zs = zstd_of(img, true);
	struct buf f, g, text = buf_new(sizeof(head) - 1 + 250);
	struct uki_sec t[] = {
		{ ".linux", NULL, UK_SLOT },
		{ ".cmdline", text.data, text.len }, { ".uname", "\n", 1 },
	};
	bool ok = true;

	ok &= put_file(dir, "uki.efi", uk.data, uk.len);
	ok &= put_file(dir, "image.a64", img->data, img->len);
	f = make_uki_profiles();
	ok &= put_file(dir, "uki-profiles.efi", f.data, f.len);
	buf_free(&f);
	f = make_uki();
	f.data[UK_SEC(UK_I_LINUX) + 1] = 'L';
	ok &= put_file(dir, "uki-no-linux.efi", f.data, f.len);
	buf_free(&f);
	memcpy(text.data, head, sizeof(head) - 1);
	/* the human output cuts at 200 bytes: between "AB" and "CD" */
	memset(text.data + sizeof(head) - 1, 'x', 250);
	memcpy(text.data + 198, "ABCD", 4);
	f = make_uki_of(t, ARRAY_SIZE(t));
	ok &= put_file(dir, "uki-text.efi", f.data, f.len);
	buf_free(&f);

	f = uki_around(&gz);
	ok &= put_file(dir, "uki-gz.efi", f.data, f.len);
	buf_free(&f);
	f = uki_around(img);
	ok &= put_file(dir, "uki-image.efi", f.data, f.len);
	buf_free(&f);
	g = zboot_of("zstd", &zs, img->len);
	f = uki_around(&g);
	ok &= put_file(dir, "uki-zstd.efi", f.data, f.len);
	buf_free(&f);
	buf_free(&g);
	f = uki_around(&uk);
	ok &= put_file(dir, "uki-uki.efi", f.data, f.len);
	buf_free(&f);
	/* zboot's gzip payload inflates to a gzip file */
	g = gzip_of(&gz);
	f = zboot_of("gzip", &g, -1);
	buf_free(&g);
	g = uki_around(&f);
	ok &= put_file(dir, "uki-nested.efi", g.data, g.len);
	buf_free(&f);
	buf_free(&g);
	g = gzip_of(&uk);
	ok &= put_file(dir, "uki.efi.gz", g.data, g.len);
	f = uki_around(&g);
	ok &= put_file(dir, "uki-gz-uki.efi", f.data, f.len);
	buf_free(&f);
	buf_free(&g);
	gz.len /= 2;
	f = uki_around(&gz);
	ok &= put_file(dir, "uki-cut-gz.efi", f.data, f.len);
	buf_free(&f);

	buf_free(&uk);
	buf_free(&gz);
	buf_free(&zs);
	buf_free(&text);
	return ok;
}

static bool make_inputs(const char *dir)
{
	static const char *const samples[] = {
		"debian-x86_64", "debian-arm64", "debian-arm",
	};
	struct buf zi = make_zimage(false), zb = make_zboot("gzip");
	struct buf a = make_arm64(), zero = buf_new(4096), img;
	char path[4096];
	uint8_t gz[64];
	bool ok = true;
	size_t i;

	/* a missing sample fails its own case below, not all of them */
	for (i = 0; i < ARRAY_SIZE(samples); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, samples[i]);
		sample_write(samples[i], path);
	}
	put_le(a.data + 0x10, 8, 0);
	snprintf(path, sizeof(path), "%s/zimage-notes", dir);
	ok &= write_file(path, zi.data, zi.len);
	snprintf(path, sizeof(path), "%s/zboot", dir);
	ok &= write_file(path, zb.data, zb.len);
	snprintf(path, sizeof(path), "%s/broken-arm64", dir);
	ok &= write_file(path, a.data, a.len);
	snprintf(path, sizeof(path), "%s/member.gz", dir);
	ok &= write_file(path, gz, make_gzip(gz, 0x1f, 4096));
	snprintf(path, sizeof(path), "%s/zeros", dir);
	ok &= write_file(path, zero.data, zero.len);
	snprintf(path, sizeof(path), "%s/quote\"name", dir);
	ok &= write_file(path, zero.data, zero.len);
	snprintf(path, sizeof(path), "%s/empty", dir);
	ok &= write_file(path, zero.data, 0);
	buf_free(&zi);
	buf_free(&zb);
	buf_free(&a);
	buf_free(&zero);
	ok &= make_unwrap_inputs(dir);
	img = inner_image(A64_LEN);
	ok &= make_uki_inputs(dir, &img);
	buf_free(&img);
	return ok;
}

static void run_tool_case(const char *tool, const char *dir,
			  const struct tool_case *c)
{
	char cmd[8192], args[4096], out[OUT_MAX + 1];
	size_t n = 0, i;
	int status;
	FILE *p;

	snprintf(args, sizeof(args), c->args, dir, dir, dir);
	snprintf(cmd, sizeof(cmd), "'%s' %s 2>&1", tool, args);
	p = popen(cmd, "r");
	if (!p) {
		fail(S, c->name, "cannot run %s", tool);
		return;
	}
	n = fread(out, 1, OUT_MAX, p);
	out[n] = 0;
	status = pclose(p);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != c->status) {
		fail(S, c->name, "exit status 0x%x, want %d; output: %s",
		     status, c->status, out);
		return;
	}
	for (i = 0; i < 8 && c->want[i]; i++) {
		if (!strstr(out, c->want[i])) {
			fail(S, c->name, "output lacks %s: %s", c->want[i],
			     out);
			return;
		}
	}
	pass();
}

/* A file --output wrote holds exactly @want; @want NULL: none was written. */
static void expect_output(const char *dir, const char *name,
			  const struct buf *want)
{
	char path[4096];
	struct buf got;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (!f || !want) {
		expect(!f == !want, S, name,
		       want ? "not written" : "written, though refused");
		if (f)
			fclose(f);
		return;
	}
	got = buf_new(want->len + 1);
	got.len = fread(got.data, 1, want->len + 1, f);
	fclose(f);
	expect(got.len == want->len && !memcmp(got.data, want->data, want->len),
	       S, name, "differs from the innermost image");
	buf_free(&got);
}

static void remove_outputs(const char *dir)
{
	static const char *const names[] = {
		"out-gz.img", "out-image.img", "out-img.img", "out-plain.img",
		"out-refused.img", "out-two.img",
	};
	char path[4096];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		remove(path);
	}
}

void test_tool(const char *tool, const char *dir)
{
	struct buf img = inner_image(A64_LEN);
	size_t i;

	remove_outputs(dir);
	if (!expect(make_inputs(dir), S, "inputs", "cannot write inputs"))
		goto out;
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		run_tool_case(tool, dir, &cases[i]);
	expect_output(dir, "out-gz.img", &img);
	expect_output(dir, "out-image.img", &img);
	expect_output(dir, "out-img.img", &img);
	expect_output(dir, "out-plain.img", &img);
	expect_output(dir, "out-refused.img", NULL);
	expect_output(dir, "out-two.img", NULL);
out:
	buf_free(&img);
}
