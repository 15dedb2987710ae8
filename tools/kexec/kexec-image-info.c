// SPDX-License-Identifier: GPL-2.0
/*
 * kexec-image-info: will this file kexec, and if not, why not?
 *
 * Runs the kernel's own image parsers (kernel/kexec_image*.c) on each file
 * and prints what they found, or the reason they refused it.
 *
 *	kexec-image-info [--json] [--unwrap] [--unwrap-max-mb=N]
 *			 [--output=FILE] FILE...
 *
 * A Unified Kernel Image is described by its PE sections, its os-release
 * and its .uname and .cmdline text.
 *
 * With --unwrap a gzip or EFI zboot file is decompressed as
 * kexec_file_load(2) does it (kernel/kexec_unwrap.c) and the inner image
 * is described too; a UKI's .linux section is described as the image it
 * holds, and unwrapped once more if that is gzip or EFI zboot. The
 * kernel's zlib_inflate and zstd wrappers are kernel-internal, so the same
 * algorithms come from the system's zlib and libzstd here; the wrapper
 * formats are parsed by the shared core, and the kernel's rules are
 * applied to the output: it stays under the cap (1 GiB, or N MiB as with
 * CONFIG_KEXEC_UNWRAP_MAX_MB=N), gzip's ISIZE and CRC32 must match it, a
 * zstd payload's size is the word zboot appends (and the frame's content
 * size, where stated, must agree), and one level of compression is undone
 * (under a UKI too: UKI, zboot, Image is as deep as it goes).
 * --output=FILE writes the innermost image when everything on the way to
 * it was accepted.
 *
 * Exit status: 0 every file accepted, 1 some file rejected, 2 usage or
 * I/O error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>
#define ZSTD_STATIC_LINKING_ONLY	/* ZSTD_getFrameHeader() */
#include <zstd.h>
#include <zstd_errors.h>

#include <linux/compiler.h>
#include <linux/kexec_image.h>

/*
 * A UKI carries its initrd, so files are read up to the core's 1 GiB cap
 * on any one section; anything longer is judged by its first 1 GiB.
 */
#define MAX_READ	((size_t)KEXEC_IMAGE_MAX_SIZE)

struct file_buf {
	unsigned char *data;
	size_t len;
};

static const char *errno_name(int err)
{
	switch (err) {
	case ENOEXEC:
		return "ENOEXEC";
	case EINVAL:
		return "EINVAL";
	case EOPNOTSUPP:
		return "EOPNOTSUPP";
	case ENOENT:
		return "ENOENT";
	case EACCES:
		return "EACCES";
	case EISDIR:
		return "EISDIR";
	case ENOMEM:
		return "ENOMEM";
	case EFBIG:
		return "EFBIG";
	default:
		return "EIO";
	}
}

/* Reads up to MAX_READ bytes; returns 0 or a negative errno. */
static int read_file(const char *path, struct file_buf *fb)
{
	size_t cap = 1 << 20;
	struct stat st;
	ssize_t n;
	int fd, err = 0;

	fb->data = NULL;
	fb->len = 0;
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return -EISDIR;
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
		cap = (size_t)st.st_size < MAX_READ ? (size_t)st.st_size + 1 :
						      MAX_READ;
	fb->data = malloc(cap);
	while (fb->data && fb->len < MAX_READ) {
		if (fb->len == cap) {
			unsigned char *bigger;

			cap = cap * 2 < MAX_READ ? cap * 2 : MAX_READ;
			bigger = realloc(fb->data, cap);
			if (!bigger)
				break;
			fb->data = bigger;
		}
		n = read(fd, fb->data + fb->len, cap - fb->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			err = -errno;
		if (n <= 0)
			break;
		fb->len += n;
	}
	if (!fb->data)
		err = -ENOMEM;
	close(fd);
	return err;
}

#define UNWRAP_MIN_MB		16	/* the range of CONFIG_KEXEC_UNWRAP_MAX_MB */
#define UNWRAP_MAX_MB		1024
/* --unwrap goes two levels deep at most: a UKI's .linux, then its wrapper. */
#define UNWRAP_LEVELS		2

/* The outcome of one level of --unwrap: the inner image, or why there is none. */
struct unwrap_result {
	bool tried;
	const char *method;	/* of the payload, as the wrapper names it */
	int err;		/* 0 or a positive errno */
	char reason[KEXEC_IMAGE_REASON_LEN];
	struct file_buf inner;
	struct kexec_image_info info;
};

static size_t unwrap_cap = KEXEC_IMAGE_MAX_SIZE;

__printf(3, 4)
static int refuse(struct unwrap_result *r, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->reason, sizeof(r->reason), fmt, ap);
	va_end(ap);
	r->err = err;
	return -err;
}

/* A refusal the core worded. */
static int refuse_stream(struct unwrap_result *r,
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
static int inflate_stream(const unsigned char *src,
			  const struct kexec_image_stream *s,
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

/* The core's description of @fb, a UKI's os-release included. */
static int describe(const struct file_buf *fb, struct kexec_image_info *info)
{
	int ret = kexec_image_probe(fb->data, fb->len, info);

	if (!ret && info->format == KEXEC_IMAGE_FMT_UKI)
		kexec_image_uki_osrel(fb->data, fb->len, info);
	return ret;
}

/* Decompresses the payload of an accepted wrapper and probes what is inside. */
static void unwrap(const struct file_buf *fb,
		   const struct kexec_image_info *info, struct unwrap_result *r)
{
	const unsigned char *src;
	struct kexec_image_stream s;
	uint32_t crc = 0;
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
	if (ret)
		return;
	if (!strcmp(s.method, "gzip"))
		crc = crc32(0, r->inner.data, r->inner.len);
	if (kexec_image_unwrap_check(&s, r->inner.len, crc)) {
		refuse_stream(r, &s);
		return;
	}
	describe(&r->inner, &r->info);
	if (kexec_image_unwrap_inner(&s, &r->info))
		refuse_stream(r, &s);
}

/*
 * A UKI's kernel is its .linux section as it stands. A UKI in there is
 * refused in the words the core has for a wrapper inside a wrapper.
 */
static void unwrap_uki(const struct file_buf *fb,
		       const struct kexec_image_info *info,
		       struct unwrap_result *r)
{
	const struct kexec_image_extent *e = &info->uki.section[KEXEC_UKI_LINUX];
	struct kexec_image_stream s = { .wrapper = "uki", .method = ".linux" };

	r->tried = true;
	r->method = ".linux";
	/* The parser checked the extent; a copy keeps each level's buffer its own. */
	if (e->offset > fb->len || e->size > fb->len - e->offset) {
		refuse(r, EINVAL, "UKI section .linux lies beyond the file");
		return;
	}
	r->inner.data = malloc(e->size);
	if (!r->inner.data) {
		refuse(r, ENOMEM, "no memory for .linux's %u bytes", e->size);
		return;
	}
	memcpy(r->inner.data, fb->data + e->offset, e->size);
	r->inner.len = e->size;
	describe(&r->inner, &r->info);
	if (r->info.format == KEXEC_IMAGE_FMT_UKI &&
	    kexec_image_unwrap_inner(&s, &r->info))
		refuse_stream(r, &s);
}

static bool is_compressed(const struct kexec_image_info *info)
{
	return !info->error && (info->format == KEXEC_IMAGE_FMT_GZIP ||
				info->format == KEXEC_IMAGE_FMT_EFI_ZBOOT);
}

/* --unwrap: a wrapper's payload, or a UKI's .linux and then its payload. */
static void unwrap_all(const struct file_buf *fb,
		       const struct kexec_image_info *info,
		       struct unwrap_result r[UNWRAP_LEVELS])
{
	if (info->error)
		return;
	if (info->format == KEXEC_IMAGE_FMT_UKI) {
		unwrap_uki(fb, info, &r[0]);
		if (!r[0].err && is_compressed(&r[0].info))
			unwrap(&r[0].inner, &r[0].info, &r[1]);
	} else if (is_compressed(info)) {
		unwrap(fb, info, &r[0]);
	}
}

/* 0 when the file and everything unwrapped from it were accepted. */
static int file_status(int io_err, const struct kexec_image_info *info,
		       const struct unwrap_result r[UNWRAP_LEVELS])
{
	unsigned int i;

	if (io_err)
		return 2;
	if (info->error)
		return 1;
	for (i = 0; i < UNWRAP_LEVELS; i++)
		if (r[i].tried && (r[i].err || r[i].info.error))
			return 1;
	return 0;
}

/* JSON strings: escape quotes, backslashes and every byte outside ASCII. */
static void json_string(const char *s, size_t n)
{
	size_t i;

	putchar('"');
	for (i = 0; i < n && s[i]; i++) {
		unsigned char c = s[i];

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void json_key(const char *key)
{
	printf(",\"%s\":", key);
}

static void json_u64(const char *key, unsigned long long v)
{
	json_key(key);
	printf("%llu", v);
}

static void json_str(const char *key, const char *v)
{
	json_key(key);
	json_string(v, strlen(v));
}

static void json_notes(const struct file_buf *fb,
		       const struct kexec_image_info *info)
{
	struct kexec_image_info scratch;
	struct kexec_note_iter it;
	struct kexec_note note;
	const char *sep = "";
	unsigned int i;

	if (!kexec_image_notes(fb->data, fb->len, info, &it))
		return;
	json_key("notes");
	putchar('[');
	while (kexec_note_next(&it, &note, &scratch) > 0) {
		printf("%s{\"name\":", sep);
		json_string(note.name, note.namesz);
		printf(",\"type\":%u,\"desc\":\"", note.type);
		for (i = 0; i < note.descsz; i++)
			printf("%02x", note.desc[i]);
		printf("\"}");
		sep = ",";
	}
	putchar(']');
}

static void json_layout(const struct kexec_image_info *info)
{
	if (info->has_text_offset)
		json_u64("text_offset", info->text_offset);
	if (info->image_size)
		json_u64("image_size", info->image_size);
	if (info->load_align)
		json_u64("load_align", info->load_align);
}

static void json_x86(const struct kexec_image_x86 *x)
{
	char protocol[8];

	snprintf(protocol, sizeof(protocol), "%u.%02u", x->protocol >> 8,
		 x->protocol & 0xff);
	json_str("protocol", protocol);
	if (x->protocol < 0x0205)
		return;
	json_key("relocatable");
	printf(x->relocatable ? "true" : "false");
	json_u64("kernel_alignment", x->kernel_alignment);
	if (x->protocol >= 0x0208) {
		json_u64("payload_offset", x->payload_offset);
		json_u64("payload_length", x->payload_length);
	}
	if (x->protocol >= 0x020a) {
		json_u64("pref_address", x->pref_address);
		json_u64("init_size", x->init_size);
	}
}

static bool uki_has(const struct kexec_image_info *info,
		    enum kexec_uki_section sec)
{
	return info->uki.present & (1U << sec);
}

/* A text section, bounded by the core: up to its first NUL, trimmed. */
static void json_uki_text(const struct file_buf *fb,
			  const struct kexec_image_info *info,
			  enum kexec_uki_section sec, const char *key)
{
	if (!uki_has(info, sec))
		return;
	json_key(key);
	json_string((const char *)fb->data + info->uki.section[sec].offset,
		    kexec_image_uki_text(fb->data, info, sec));
}

/* "payload_*" is the kernel, .linux, as zboot's is its compressed one. */
static void json_uki(const struct file_buf *fb,
		     const struct kexec_image_info *info)
{
	const struct kexec_image_uki *u = &info->uki;
	const char *sep = "";
	unsigned int i;

	json_u64("pe_machine", info->pe_machine);
	json_u64("pe_sections", u->nr_sections);
	json_u64("profiles", u->nr_profiles);
	json_u64("payload_offset", u->section[KEXEC_UKI_LINUX].offset);
	json_u64("payload_length", u->section[KEXEC_UKI_LINUX].size);
	json_key("sections");
	putchar('{');
	for (i = 0; i < KEXEC_UKI_NR_SECTIONS; i++) {
		if (!uki_has(info, i))
			continue;
		printf("%s\"%s\":{\"offset\":%u,\"size\":%u}", sep,
		       kexec_uki_section_name(i), u->section[i].offset,
		       u->section[i].size);
		sep = ",";
	}
	putchar('}');
	if (uki_has(info, KEXEC_UKI_OSREL)) {
		json_str("os_id", u->os_id);
		json_str("version_id", u->version_id);
	}
	json_uki_text(fb, info, KEXEC_UKI_UNAME, "uname");
	json_uki_text(fb, info, KEXEC_UKI_CMDLINE, "cmdline");
}

static void json_format(const struct file_buf *fb,
			const struct kexec_image_info *info)
{
	const struct kexec_image_zimage *z = &info->zimage;

	if (info->format != KEXEC_IMAGE_FMT_GZIP)
		json_str("endian", info->endian == KEXEC_IMAGE_BE ? "be" : "le");
	json_layout(info);
	switch (info->format) {
	case KEXEC_IMAGE_FMT_ARM64:
		json_u64("page_size", info->page_size);
		json_str("phys_placement",
			 info->placement == KEXEC_IMAGE_PLACE_ANYWHERE ?
			 "anywhere" : "near-base");
		break;
	case KEXEC_IMAGE_FMT_BZIMAGE:
		json_x86(&info->x86);
		break;
	case KEXEC_IMAGE_FMT_ZIMAGE:
		json_u64("zimage_start", z->start);
		json_u64("zimage_end", z->end);
		if (z->has_size_tag)
			json_u64("decompressed_size", z->decompressed_size);
		json_notes(fb, info);
		break;
	case KEXEC_IMAGE_FMT_EFI_ZBOOT:
		json_u64("payload_offset", info->zboot.payload_offset);
		json_u64("payload_length", info->zboot.payload_size);
		json_str("compression", info->zboot.comp_type);
		if (info->zboot.has_decompressed_size)
			json_u64("decompressed_size",
				 info->zboot.decompressed_size);
		break;
	case KEXEC_IMAGE_FMT_GZIP:
		json_u64("payload_offset", info->gzip.data_offset);
		json_u64("payload_length", info->gzip.length -
			 info->gzip.data_offset - 8);
		json_str("compression", "gzip");
		json_u64("decompressed_size", info->gzip.isize);
		break;
	case KEXEC_IMAGE_FMT_UKI:
		json_uki(fb, info);
		break;
	default:
		break;
	}
}

static void json_error(int err, const char *reason, size_t len)
{
	json_key("error");
	printf("{\"errno\":\"%s\",\"reason\":", errno_name(err));
	json_string(reason, len);
	printf("}");
}

/* The keys after "file": the inner image of --unwrap has the same ones. */
static void json_body(const struct file_buf *fb,
		      const struct kexec_image_info *info)
{
	printf("\"format\":");
	json_string(kexec_image_format_name(info->format), 100);
	if (info->error)
		json_error(-info->error, info->reason, sizeof(info->reason));
	else
		json_format(fb, info);
}

/* What --unwrap found, each level nested in the one it came out of. */
static void json_unwrap(const struct unwrap_result *r, unsigned int levels)
{
	if (!levels || !r->tried)
		return;
	if (r->err) {
		json_error(r->err, r->reason, sizeof(r->reason));
		return;
	}
	json_key("inner");
	putchar('{');
	json_body(&r->inner, &r->info);
	json_unwrap(r + 1, levels - 1);
	json_u64("length", r->inner.len);
	putchar('}');
}

static void print_json(const char *path, const struct file_buf *fb,
		       const struct kexec_image_info *info, int io_err,
		       const struct unwrap_result *r)
{
	printf("{\"file\":");
	json_string(path, strlen(path));
	if (io_err) {
		json_error(io_err, strerror(io_err), 200);
		printf("}\n");
		return;
	}
	putchar(',');
	json_body(fb, info);
	json_unwrap(r, UNWRAP_LEVELS);
	printf("}\n");
}

static const char *const page_names[] = { "unspecified", "4K", "16K", "64K" };

static void human_arm64(const struct kexec_image_info *info)
{
	unsigned int page = info->page_size == 0x1000 ? 1 :
			    info->page_size == 0x4000 ? 2 :
			    info->page_size == 0x10000 ? 3 : 0;

	printf("  page size      %s\n", page_names[page]);
	printf("  placement      %s\n",
	       info->placement == KEXEC_IMAGE_PLACE_ANYWHERE ?
	       "anywhere (48-bit)" : "near the base of DRAM");
	printf("  flags          0x%llx\n", (unsigned long long)info->flags);
}

static void human_x86(const struct kexec_image_x86 *x)
{
	printf("  protocol       %u.%02u\n", x->protocol >> 8,
	       x->protocol & 0xff);
	printf("  setup          %u sectors, 0x%x bytes\n", x->setup_sects,
	       x->setup_size);
	printf("  loadflags      0x%02x  xloadflags 0x%04x\n", x->loadflags,
	       x->xloadflags);
	printf("  relocatable    %s, alignment 0x%x, min 2^%u\n",
	       x->relocatable ? "yes" : "no", x->kernel_alignment,
	       x->min_alignment);
	printf("  pref_address   0x%llx\n", (unsigned long long)x->pref_address);
	printf("  init_size      0x%x\n", x->init_size);
	printf("  payload        0x%x + 0x%x\n", x->payload_offset,
	       x->payload_length);
	printf("  cmdline_size   0x%x\n", x->cmdline_size);
	printf("  handover       0x%x\n", x->handover_offset);
}

/* Bytes of a note's desc the human output shows; JSON has them all. */
#define HUMAN_DESC_MAX	32

/*
 * One note, as the kernel's KEXEC_FILE_DEBUG line shows it: the name up to
 * its NUL with anything unprintable escaped, the type, the desc in hex.
 */
static void human_note(unsigned int index, const struct kexec_note *note)
{
	size_t i, n = strnlen(note->name, note->namesz);

	printf("  note %-9u \"", index);
	for (i = 0; i < n; i++) {
		unsigned char c = note->name[i];

		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
			putchar(c);
		else
			printf("\\x%02x", c);
	}
	printf("\" type 0x%x, %u bytes of desc", note->type, note->descsz);
	if (note->descsz)
		printf(": ");
	for (i = 0; i < note->descsz && i < HUMAN_DESC_MAX; i++)
		printf("%02x", note->desc[i]);
	printf("%s\n", note->descsz > HUMAN_DESC_MAX ? "..." : "");
}

static void human_zimage(const struct file_buf *fb,
			 const struct kexec_image_info *info)
{
	const struct kexec_image_zimage *z = &info->zimage;
	struct kexec_image_info scratch;
	struct kexec_note_iter it;
	struct kexec_note note;
	unsigned int i = 0;

	printf("  start, end     0x%08x, 0x%08x\n", z->start, z->end);
	if (z->has_size_tag)
		printf("  decompressed   0x%x + bss 0x%x\n",
		       z->decompressed_size, z->bss_size);
	if (!kexec_image_notes(fb->data, fb->len, info, &it))
		return;
	while (kexec_note_next(&it, &note, &scratch) > 0)
		human_note(i++, &note);
}

/* Bytes of a UKI text section the human output shows; JSON has them all. */
#define HUMAN_TEXT_MAX	200

/* A UKI text section, quoted, anything unprintable escaped, bounded. */
static void human_text(const struct file_buf *fb,
		       const struct kexec_image_info *info,
		       enum kexec_uki_section sec, const char *label)
{
	const unsigned char *t = fb->data + info->uki.section[sec].offset;
	size_t i, n = kexec_image_uki_text(fb->data, info, sec);

	if (!uki_has(info, sec))
		return;
	printf("  %-14s \"", label);
	for (i = 0; i < n && i < HUMAN_TEXT_MAX; i++) {
		if (t[i] >= 0x20 && t[i] < 0x7f && t[i] != '"' && t[i] != '\\')
			putchar(t[i]);
		else
			printf("\\x%02x", t[i]);
	}
	printf("\"%s\n", n > HUMAN_TEXT_MAX ? "..." : "");
}

static void human_uki(const struct file_buf *fb,
		      const struct kexec_image_info *info)
{
	const struct kexec_image_uki *u = &info->uki;
	unsigned int i;

	printf("  PE sections    %u, %u profile%s\n", u->nr_sections,
	       u->nr_profiles, u->nr_profiles == 1 ? "" : "s");
	for (i = 0; i < KEXEC_UKI_NR_SECTIONS; i++)
		if (uki_has(info, i))
			printf("  %-14s 0x%x + 0x%x\n", kexec_uki_section_name(i),
			       u->section[i].offset, u->section[i].size);
	if (uki_has(info, KEXEC_UKI_OSREL))
		printf("  os-release     ID \"%s\", VERSION_ID \"%s\"\n",
		       u->os_id, u->version_id);
	human_text(fb, info, KEXEC_UKI_UNAME, "uname");
	human_text(fb, info, KEXEC_UKI_CMDLINE, "cmdline");
}

static void print_human(const char *path, const struct file_buf *fb,
			const struct kexec_image_info *info, int io_err)
{
	if (io_err) {
		printf("%s: %s\n", path, strerror(io_err));
		return;
	}
	if (info->error) {
		printf("%s: rejected, %s (%s): %s\n", path,
		       kexec_image_format_name(info->format),
		       errno_name(-info->error), info->reason);
		return;
	}
	if (info->format == KEXEC_IMAGE_FMT_GZIP)
		printf("%s: gzip\n", path);
	else
		printf("%s: %s, %s-endian\n", path,
		       kexec_image_format_name(info->format),
		       info->endian == KEXEC_IMAGE_BE ? "big" : "little");
	if (info->has_text_offset)
		printf("  text_offset    0x%llx\n",
		       (unsigned long long)info->text_offset);
	if (info->image_size)
		printf("  image_size     0x%llx\n",
		       (unsigned long long)info->image_size);
	if (info->load_align)
		printf("  load_align     0x%llx\n",
		       (unsigned long long)info->load_align);
	if (info->format == KEXEC_IMAGE_FMT_ARM64)
		human_arm64(info);
	else if (info->format == KEXEC_IMAGE_FMT_BZIMAGE)
		human_x86(&info->x86);
	else if (info->format == KEXEC_IMAGE_FMT_ZIMAGE)
		human_zimage(fb, info);
	else if (info->format == KEXEC_IMAGE_FMT_UKI)
		human_uki(fb, info);
	else if (info->format == KEXEC_IMAGE_FMT_EFI_ZBOOT)
		printf("  payload        0x%x + 0x%x, %s\n",
		       info->zboot.payload_offset, info->zboot.payload_size,
		       info->zboot.comp_type);
	if (info->gzip.present)
		printf("  gzip           data at 0x%x, isize 0x%x\n",
		       info->gzip.offset + info->gzip.data_offset,
		       info->gzip.isize);
	if (info->has_pe)
		printf("  PE header      0x%x, machine 0x%04x\n", info->pe_offset,
		       info->pe_machine);
}

/*
 * After the wrapper's own lines: how it unwrapped, then the inner image,
 * named "FILE (unwrapped)", or "FILE (.linux)" and "FILE (.linux,
 * unwrapped)" under a UKI.
 */
static void print_unwrap(const char *path, const struct unwrap_result *r)
{
	char name[4096], step[64] = "";
	unsigned int i;

	for (i = 0; i < UNWRAP_LEVELS && r[i].tried; i++) {
		if (r[i].err) {
			printf("  unwrap         rejected (%s): %s\n",
			       errno_name(r[i].err), r[i].reason);
			return;
		}
		printf("  unwrap         %s, 0x%zx bytes\n", r[i].method,
		       r[i].inner.len);
		snprintf(step + strlen(step), sizeof(step) - strlen(step),
			 "%s%s", i ? ", " : "",
			 strcmp(r[i].method, ".linux") ? "unwrapped" : ".linux");
		snprintf(name, sizeof(name), "%s (%s)", path, step);
		print_human(name, &r[i].inner, &r[i].info, 0);
	}
}

/* --output=FILE: the innermost image, the file itself if nothing is inside. */
static int write_output(const char *out, const struct file_buf *fb,
			const struct unwrap_result r[UNWRAP_LEVELS])
{
	unsigned int i;
	FILE *f;
	bool ok;

	for (i = UNWRAP_LEVELS; i-- > 0;) {
		if (r[i].tried) {
			fb = &r[i].inner;
			break;
		}
	}
	f = fopen(out, "wb");
	if (!f) {
		fprintf(stderr, "kexec-image-info: %s: %s\n", out,
			strerror(errno));
		return 2;
	}
	ok = fwrite(fb->data, 1, fb->len, f) == fb->len;
	if (fclose(f) || !ok) {
		fprintf(stderr, "kexec-image-info: %s: write failed\n", out);
		return 2;
	}
	return 0;
}

static int bad_usage(void)
{
	fprintf(stderr,
		"usage: kexec-image-info [--json] [--unwrap] [--unwrap-max-mb=N] [--output=FILE] FILE...\n");
	return 2;
}

/* --unwrap-max-mb=N: the cap of a kernel built with CONFIG_KEXEC_UNWRAP_MAX_MB=N. */
static bool parse_cap(const char *arg)
{
	unsigned long mb;
	char *end;

	errno = 0;
	mb = strtoul(arg, &end, 10);
	if (errno || end == arg || *end || mb < UNWRAP_MIN_MB ||
	    mb > UNWRAP_MAX_MB)
		return false;
	unwrap_cap = (size_t)mb << 20;
	return true;
}

struct options {
	bool json;
	bool unwrap;
	const char *output;	/* --output=FILE, or NULL */
};

/* Returns the index of the first FILE, or 0 for a usage error. */
static int parse_args(int argc, char **argv, struct options *o)
{
	int first;

	for (first = 1; first < argc && !strncmp(argv[first], "--", 2); first++) {
		if (!strcmp(argv[first], "--")) {
			first++;
			break;
		}
		if (!strcmp(argv[first], "--json"))
			o->json = true;
		else if (!strcmp(argv[first], "--unwrap"))
			o->unwrap = true;
		else if (!strncmp(argv[first], "--unwrap-max-mb=", 16) &&
			 parse_cap(argv[first] + 16))
			o->unwrap = true;
		else if (!strncmp(argv[first], "--output=", 9) && argv[first][9])
			o->output = argv[first] + 9;
		else if (!strcmp(argv[first], "--output") && first + 1 < argc)
			o->output = argv[++first];
		else
			return 0;
	}
	/* One innermost image to write: --output takes one FILE and unwraps it. */
	if (o->output)
		o->unwrap = true;
	if (first >= argc || (o->output && argc - first != 1))
		return 0;
	return first;
}

/* Describes one file; returns its exit status. */
static int one_file(const char *path, const struct options *o,
		    struct unwrap_result r[UNWRAP_LEVELS])
{
	struct kexec_image_info info;
	struct file_buf fb;
	unsigned int i;
	int err, status;

	memset(r, 0, UNWRAP_LEVELS * sizeof(*r));
	err = -read_file(path, &fb);
	if (!err)
		describe(&fb, &info);
	if (!err && o->unwrap)
		unwrap_all(&fb, &info, r);
	status = file_status(err, &info, r);
	if (o->json) {
		print_json(path, &fb, &info, err, r);
	} else {
		print_human(path, &fb, &info, err);
		print_unwrap(path, r);
	}
	fflush(stdout);
	if (o->output && !status)
		status = write_output(o->output, &fb, r);
	else if (o->output)
		fprintf(stderr, "kexec-image-info: %s not written: %s was not accepted\n",
			o->output, path);
	for (i = 0; i < UNWRAP_LEVELS; i++)
		free(r[i].inner.data);
	free(fb.data);
	return status;
}

int main(int argc, char **argv)
{
	struct options o = { 0 };
	struct unwrap_result *r;
	int i, first, status = 0, ret;

	first = parse_args(argc, argv, &o);
	if (!first)
		return bad_usage();
	/* Three image descriptions: too big for some stacks. */
	r = calloc(UNWRAP_LEVELS, sizeof(*r));
	if (!r)
		return 2;
	for (i = first; i < argc; i++) {
		ret = one_file(argv[i], &o, r);
		if (ret > status)
			status = ret;
	}
	free(r);
	return status;
}
