// SPDX-License-Identifier: GPL-2.0
/*
 * kexec-image-info on a Unified Kernel Image: its PE sections and
 * profiles, its os-release, .uname and .cmdline text, and with --unwrap
 * its .linux section as the kernel it holds.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/compiler.h>
#include <linux/kexec_image.h>

#include "kexec-image-info.h"

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
void json_uki(const struct file_buf *fb,
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

void human_uki(const struct file_buf *fb,
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

/*
 * A UKI's kernel is its .linux section as it stands. A UKI in there is
 * refused in the words the core has for a wrapper inside a wrapper.
 */
void unwrap_uki(const struct file_buf *fb,
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
