// SPDX-License-Identifier: GPL-2.0
/*
 * kexec-image-info: will this file kexec, and if not, why not?
 *
 * Runs the kernel's own image parsers (kernel/kexec_image.c) on each file
 * and prints what they found, or the reason they refused it.
 *
 *	kexec-image-info [--json] FILE...
 *
 * Exit status: 0 every file accepted, 1 some file rejected, 2 usage or
 * I/O error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

static void print_json(const char *path, const struct file_buf *fb,
		       const struct kexec_image_info *info, int io_err)
{
	printf("{\"file\":");
	json_string(path, strlen(path));
	if (io_err) {
		json_key("error");
		printf("{\"errno\":\"%s\",\"reason\":", errno_name(io_err));
		json_string(strerror(io_err), 200);
		printf("}}\n");
		return;
	}
	json_str("format", kexec_image_format_name(info->format));
	if (info->error) {
		json_key("error");
		printf("{\"errno\":\"%s\",\"reason\":",
		       errno_name(-info->error));
		json_string(info->reason, sizeof(info->reason));
		printf("}");
	} else {
		json_format(fb, info);
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

static void human_zimage(const struct file_buf *fb,
			 const struct kexec_image_info *info)
{
	const struct kexec_image_zimage *z = &info->zimage;
	struct kexec_image_info scratch;
	struct kexec_note_iter it;
	struct kexec_note note;

	printf("  start, end     0x%08x, 0x%08x\n", z->start, z->end);
	if (z->has_size_tag)
		printf("  decompressed   0x%x + bss 0x%x\n",
		       z->decompressed_size, z->bss_size);
	if (!kexec_image_notes(fb->data, fb->len, info, &it))
		return;
	while (kexec_note_next(&it, &note, &scratch) > 0)
		printf("  note           %.*s type 0x%x, %u bytes\n",
		       (int)strnlen(note.name, note.namesz), note.name,
		       note.type, note.descsz);
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

static int bad_usage(void)
{
	fprintf(stderr, "usage: kexec-image-info [--json] FILE...\n");
	return 2;
}

int main(int argc, char **argv)
{
	struct kexec_image_info info;
	struct file_buf fb;
	bool json = false;
	int i, first = 1, status = 0, err;

	if (argc > 1 && !strcmp(argv[1], "--json")) {
		json = true;
		first = 2;
	}
	if (first >= argc)
		return bad_usage();
	for (i = first; i < argc; i++) {
		err = -read_file(argv[i], &fb);
		if (!err && kexec_image_probe(fb.data, fb.len, &info) &&
		    status == 0)
			status = 1;
		if (err)
			status = 2;
		if (json)
			print_json(argv[i], &fb, &info, err);
		else
			print_human(argv[i], &fb, &info, err);
		free(fb.data);
	}
	return status;
}
