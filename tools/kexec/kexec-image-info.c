// SPDX-License-Identifier: GPL-2.0
/*
 * kexec-image-info: will this file kexec, and if not, why not?
 *
 * Runs the kernel's own image parsers (kernel/kexec_image*.c and
 * arch/{arm64,riscv}/kernel/kexec_image_header.c) on each file and prints
 * what they found, or the reason they refused it.
 *
 *	kexec-image-info [--json] [--unwrap] [--unwrap-max-mb=N]
 *			 [--output=FILE] FILE...
 *
 * In words here; --json in json.c. --unwrap (unwrap.c) decompresses a gzip
 * or EFI zboot file as kexec_file_load(2) does and describes the inner
 * image too, and a UKI (uki.c) is described by its PE sections, its
 * os-release and its .uname and .cmdline text, with its .linux section as
 * the inner image. --output=FILE writes the innermost image when
 * everything on the way to it was accepted.
 *
 * Exit status: 0 every file accepted, 1 some file rejected, 2 usage or
 * I/O error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/compiler.h>
#include <linux/kexec_image.h>

#include "kexec-image-info.h"

/*
 * A UKI carries its initrd, so files are read up to the core's 1 GiB cap
 * on any one section; anything longer is judged by its first 1 GiB.
 */
#define MAX_READ	((size_t)KEXEC_IMAGE_MAX_SIZE)

#define UNWRAP_MIN_MB		16	/* the range of CONFIG_KEXEC_UNWRAP_MAX_MB */
#define UNWRAP_MAX_MB		1024

size_t unwrap_cap = KEXEC_IMAGE_MAX_SIZE;

const char *errno_name(int err)
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

/* The core's description of @fb, a UKI's os-release included. */
int describe(const struct file_buf *fb, struct kexec_image_info *info)
{
	int ret = kexec_image_probe(fb->data, fb->len, info);

	if (!ret && info->format == KEXEC_IMAGE_FMT_UKI)
		kexec_image_uki_osrel(fb->data, fb->len, info);
	return ret;
}

/*
 * Stand-ins for the parts this build left out; json.c, unwrap.c, uki.c and
 * elf.c replace them.
 */
void __weak print_json(const char *path, const struct file_buf *fb,
		       const struct kexec_image_info *info, int io_err,
		       const struct unwrap_result *r)
{
	fprintf(stderr, "kexec-image-info: %s: this build has no --json\n", path);
}

void __weak unwrap_all(const struct file_buf *fb,
		       const struct kexec_image_info *info,
		       struct unwrap_result r[UNWRAP_LEVELS])
{
	if (info->error || (info->format != KEXEC_IMAGE_FMT_GZIP &&
			    info->format != KEXEC_IMAGE_FMT_EFI_ZBOOT &&
			    info->format != KEXEC_IMAGE_FMT_UKI))
		return;
	r[0].tried = true;
	r[0].err = EOPNOTSUPP;
	snprintf(r[0].reason, sizeof(r[0].reason),
		 "this build of kexec-image-info does not unwrap");
}

void __weak human_uki(const struct file_buf *fb,
		      const struct kexec_image_info *info)
{
}

void __weak human_elf(const struct file_buf *fb,
		      const struct kexec_image_info *info)
{
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

/* The header version, and which of its two magics the Image carries. */
static void human_riscv(const struct kexec_image_info *info)
{
	const struct kexec_image_riscv *rv = &info->riscv;

	printf("  version        %u.%u\n", rv->version_major,
	       rv->version_minor);
	printf("  magic          %s%s%s\n", rv->has_magic ? "RISCV" : "",
	       rv->has_magic && rv->has_magic2 ? ", " : "",
	       rv->has_magic2 ? "RSC\\x05" : "");
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
 * its NUL with anything unprintable escaped, the type (and its name, where
 * known), the desc in hex.
 */
void human_note(unsigned int index, const struct kexec_note *note,
		const char *type_name)
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
	printf("\" type 0x%x", note->type);
	if (type_name)
		printf(" (%s)", type_name);
	printf(", %u bytes of desc", note->descsz);
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
		human_note(i++, &note, NULL);
}

void print_human(const char *path, const struct file_buf *fb,
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
	else if (info->format == KEXEC_IMAGE_FMT_RISCV)
		human_riscv(info);
	else if (info->format == KEXEC_IMAGE_FMT_BZIMAGE)
		human_x86(&info->x86);
	else if (info->format == KEXEC_IMAGE_FMT_ZIMAGE)
		human_zimage(fb, info);
	else if (info->format == KEXEC_IMAGE_FMT_UKI)
		human_uki(fb, info);
	else if (info->format == KEXEC_IMAGE_FMT_ELF)
		human_elf(fb, info);
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
