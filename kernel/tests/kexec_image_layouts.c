// SPDX-License-Identifier: GPL-2.0
/*
 * The test layouts of the kexec_file_load() image parsers: a valid
 * synthetic image of each format kernel/kexec_image*.c parses, laid out
 * from the format's documents, and each format's table of cases, which
 * patch one or two fields of such an image to the edge of a rule (the
 * limit, then one past), or cut it, and say what the parser must return
 * and the reason it must give. Each format has a file of its own,
 * kexec_image_layouts_FORMAT.c, and the ELF note walker's cases are in
 * kexec_image_layouts_notes.c; this one lists the tables and builds and
 * judges a case.
 *
 * They are defined once, here, for both places that test the parsers:
 * the KUnit suite (kernel/kexec_image_kunit.c, linked with these files
 * into one module, built with KEXEC_IMAGE_KUNIT_TEST and never into
 * another kernel), and the host harness in tools/testing/kexec_image,
 * which compiles these files unchanged, as it compiles the parsers, and
 * runs the same tables under ASan and UBSan. They are in kernel/tests/,
 * as the tests of fs/exec.c and fs/binfmt_elf.c are in fs/tests/: beside
 * the code they test, apart from what every kernel builds.
 *
 * Each builder writes a valid image into a zeroed buffer of at least
 * KX_BUF_LEN bytes and returns its length; kx_case_image() builds a case's
 * file and kx_case_check() judges what the parser made of it, so that the
 * two runners report, but do not decide.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kexec_image.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "kexec_image_layouts.h"

const struct kx_table *const kx_tables[] = {
#ifdef CONFIG_KEXEC_IMAGE_ARM64
	&kx_arm64_table,
#endif
#ifdef CONFIG_KEXEC_IMAGE_RISCV
	&kx_riscv_table,
#endif
#ifdef CONFIG_KEXEC_IMAGE_BZIMAGE
	&kx_bzimage_table,
#endif
	&kx_zimage_table, &kx_zboot_table, &kx_gzip_table, &kx_uki_table,
#ifdef CONFIG_KEXEC_IMAGE_ELF
	&kx_elf_table,
#endif
};

const unsigned int kx_nr_tables = ARRAY_SIZE(kx_tables);

static void kx_put(u8 *p, unsigned int width, u64 val)
{
	switch (width) {
	case 1:
		*p = val;
		break;
	case 2:
		put_unaligned_le16(val, p);
		break;
	case 4:
		put_unaligned_le32(val, p);
		break;
	default:
		put_unaligned_le64(val, p);
		break;
	}
}

/**
 * kx_case_image() - the file of one run of a case
 * @t: the case's table
 * @c: the case
 * @run: 0, and 1 for a zImage case on both byte orders
 * @buf: a buffer of %KX_BUF_LEN bytes
 *
 * Builds the case's image in @buf, zeroed first, and applies its patches.
 *
 * Return: the file's length, up to %KX_BUF_LEN; 0 if the case has no
 * such run, or a patch lies outside @buf.
 */
size_t kx_case_image(const struct kx_table *t, const struct kx_case *c,
		     unsigned int run, u8 *buf)
{
	const struct kx_patch *p;
	size_t len;

	memset(buf, 0, KX_BUF_LEN);
	len = t->build(buf, c->variant, run);
	if (!len || c->len > KX_BUF_LEN)
		return 0;
	for (p = c->patch; p < c->patch + KX_MAX_PATCHES && p->width; p++) {
		if (p->off > KX_BUF_LEN - p->width)
			return 0;
		kx_put(buf + p->off, p->width, p->val);
	}
	return c->len ? c->len : len;
}

/**
 * kx_case_check() - whether a parser did what a case says
 * @t: the case's table
 * @c: the case
 * @ret: what @t's parser returned on the case's file
 * @info: what it described
 * @why: %KX_WHY_LEN bytes for the first difference, if any
 *
 * The errno, the same in @info->error; a reason exactly when refused,
 * whole, holding the case's (or being it, in a table of whole reasons);
 * the format recognised unless -ENOEXEC, and none then.
 *
 * Return: true when the parser did what the case says.
 */
bool kx_case_check(const struct kx_table *t, const struct kx_case *c,
		   int ret, const struct kexec_image_info *info, char *why)
{
	const char *r = info->reason;

	if (ret != c->err)
		snprintf(why, KX_WHY_LEN, "returned %d, want %d: %s", ret,
			 c->err, r);
	else if (info->error != ret)
		snprintf(why, KX_WHY_LEN, "info->error %d but returned %d",
			 info->error, ret);
	else if (ret && !r[0])
		snprintf(why, KX_WHY_LEN, "refused without a reason");
	else if (!ret && r[0])
		snprintf(why, KX_WHY_LEN, "accepted with reason \"%s\"", r);
	else if (strnlen(r, KEXEC_IMAGE_REASON_LEN) >= KEXEC_IMAGE_REASON_LEN - 1)
		snprintf(why, KX_WHY_LEN, "reason cut at %d bytes: %s",
			 KEXEC_IMAGE_REASON_LEN - 1, r);
	else if (c->reason && t->whole_reason && strcmp(r, c->reason))
		snprintf(why, KX_WHY_LEN, "reason \"%s\", want \"%s\"", r,
			 c->reason);
	else if (c->reason && !t->whole_reason && !strstr(r, c->reason))
		snprintf(why, KX_WHY_LEN, "reason \"%s\" lacks \"%s\"", r,
			 c->reason);
	else if (ret == -ENOEXEC && info->format != KEXEC_IMAGE_FMT_UNKNOWN)
		snprintf(why, KX_WHY_LEN, "not %s, yet format %s", t->name,
			 kexec_image_format_name(info->format));
	else if (ret != -ENOEXEC && info->format != t->format)
		snprintf(why, KX_WHY_LEN, "format %s, not %s",
			 kexec_image_format_name(info->format), t->name);
	else
		return true;
	return false;
}
