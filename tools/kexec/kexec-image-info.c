// SPDX-License-Identifier: GPL-2.0
/*
 * kexec-image-info: will this file kexec, and if not, why not?
 *
 * Runs the kernel's own image parsers (kernel/kexec_image*.c) on each file
 * and prints what they found, or the reason they refused it.
 *
 *	kexec-image-info [--json] [--unwrap] [--unwrap-max-mb=N] FILE...
 *
 * With --unwrap a gzip or EFI zboot file is decompressed as
 * kexec_file_load(2) does it (kernel/kexec_unwrap.c) and the inner image
 * is described too. The kernel's zlib_inflate and zstd wrappers are
 * kernel-internal, so the same algorithms come from the system's zlib and
 * libzstd here; the wrapper formats are parsed by the shared core, and the
 * kernel's rules are applied to the output: it stays under the cap (1 GiB,
 * or N MiB as with CONFIG_KEXEC_UNWRAP_MAX_MB=N), gzip's ISIZE and CRC32
 * must match it, a zstd payload's size is the word zboot appends (and the
 * frame's content size, where stated, must agree), and one level of
 * wrapping is undone.
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

/* Kernels are small; anything longer is judged by its first 128 MiB. */
#define MAX_READ	(128UL << 20)

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

/* The outcome of --unwrap: the inner image, or why there is none. */
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
	kexec_image_probe(r->inner.data, r->inner.len, &r->info);
	if (kexec_image_unwrap_inner(&s, &r->info))
		refuse_stream(r, &s);
}

static bool is_wrapper(const struct kexec_image_info *info)
{
	return !info->error && (info->format == KEXEC_IMAGE_FMT_GZIP ||
				info->format == KEXEC_IMAGE_FMT_EFI_ZBOOT);
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
	if (r->tried && r->err) {
		json_error(r->err, r->reason, sizeof(r->reason));
	} else if (r->tried) {
		json_key("inner");
		putchar('{');
		json_body(&r->inner, &r->info);
		json_u64("length", r->inner.len);
		putchar('}');
	}
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

/* After the wrapper's own lines: how it unwrapped, then the inner image. */
static void print_unwrap(const char *path, const struct unwrap_result *r)
{
	char name[4096];

	if (r->err) {
		printf("  unwrap         rejected (%s): %s\n", errno_name(r->err),
		       r->reason);
		return;
	}
	printf("  unwrap         %s, 0x%zx bytes\n", r->method, r->inner.len);
	snprintf(name, sizeof(name), "%s (unwrapped)", path);
	print_human(name, &r->inner, &r->info, 0);
}

static int bad_usage(void)
{
	fprintf(stderr,
		"usage: kexec-image-info [--json] [--unwrap] [--unwrap-max-mb=N] FILE...\n");
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

int main(int argc, char **argv)
{
	struct kexec_image_info info;
	struct unwrap_result *r;
	struct file_buf fb;
	bool json = false, unwrap_files = false;
	int i, first = 1, status = 0, err;

	for (; first < argc && !strncmp(argv[first], "--", 2); first++) {
		if (!strcmp(argv[first], "--")) {
			first++;
			break;
		}
		if (!strcmp(argv[first], "--json"))
			json = true;
		else if (!strcmp(argv[first], "--unwrap"))
			unwrap_files = true;
		else if (!strncmp(argv[first], "--unwrap-max-mb=", 16) &&
			 parse_cap(argv[first] + 16))
			unwrap_files = true;
		else
			return bad_usage();
	}
	if (first >= argc)
		return bad_usage();
	/* Two image descriptions: too big for some stacks. */
	r = malloc(sizeof(*r));
	if (!r)
		return 2;
	for (i = first; i < argc; i++) {
		memset(r, 0, sizeof(*r));
		err = -read_file(argv[i], &fb);
		if (!err && kexec_image_probe(fb.data, fb.len, &info) &&
		    status == 0)
			status = 1;
		if (!err && unwrap_files && is_wrapper(&info)) {
			unwrap(&fb, &info, r);
			if ((r->err || r->info.error) && status == 0)
				status = 1;
		}
		if (err)
			status = 2;
		if (json) {
			print_json(argv[i], &fb, &info, err, r);
		} else {
			print_human(argv[i], &fb, &info, err);
			if (r->tried)
				print_unwrap(argv[i], r);
		}
		free(r->inner.data);
		free(fb.data);
	}
	free(r);
	return status;
}
