// SPDX-License-Identifier: GPL-2.0
/*
 * kexec-image-info --json: one object per file, the keys
 * Documentation/admin-guide/kexec-file-images/kexec-image-info.rst lists.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <linux/compiler.h>
#include <linux/kexec_image.h>

#include "kexec-image-info.h"

/* JSON strings: escape quotes, backslashes and every byte outside ASCII. */
void json_string(const char *s, size_t n)
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

void json_key(const char *key)
{
	printf(",\"%s\":", key);
}

void json_u64(const char *key, unsigned long long v)
{
	json_key(key);
	printf("%llu", v);
}

void json_str(const char *key, const char *v)
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

static void json_riscv(const struct kexec_image_info *info)
{
	const struct kexec_image_riscv *rv = &info->riscv;
	char version[16];

	snprintf(version, sizeof(version), "%u.%u", rv->version_major,
		 rv->version_minor);
	json_str("header_version", version);
	json_key("magic");
	printf(rv->has_magic ? "true" : "false");
	json_key("magic2");
	printf(rv->has_magic2 ? "true" : "false");
	json_u64("flags", info->flags);
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

/* uki.c replaces it. */
void __weak json_uki(const struct file_buf *fb,
		     const struct kexec_image_info *info)
{
}

/* elf.c replaces it. */
void __weak json_elf(const struct file_buf *fb,
		     const struct kexec_image_info *info)
{
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
	case KEXEC_IMAGE_FMT_RISCV:
		json_riscv(info);
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
	case KEXEC_IMAGE_FMT_ELF:
		json_elf(fb, info);
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

void print_json(const char *path, const struct file_buf *fb,
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
