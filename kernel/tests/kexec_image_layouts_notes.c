// SPDX-License-Identifier: GPL-2.0
/*
 * ELF notes in the test layouts: how the zImage and ELF builders write
 * them, and the table of the note walker's cases; see
 * kexec_image_layouts.c.
 */
#include <linux/align.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kexec_image.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "kexec_image_layouts.h"

void kx_put_word(u8 *p, bool big_endian, u32 val)
{
	if (big_endian)
		put_unaligned_be32(val, p);
	else
		put_unaligned_le32(val, p);
}

/* One ELF note in @big_endian byte order; returns its size, padding included. */
size_t kx_put_note(u8 *p, bool big_endian, const char *name, u32 namesz,
		   u32 type, const void *desc, u32 descsz)
{
	size_t at = 12 + ALIGN(namesz, 4);

	kx_put_word(p, big_endian, namesz);
	kx_put_word(p + 4, big_endian, descsz);
	kx_put_word(p + 8, big_endian, type);
	memcpy(p + 12, name, namesz);
	memcpy(p + at, desc, descsz);
	return at + ALIGN(descsz, 4);
}

/*
 * The ELF note walker: a 12-byte Nhdr, name and desc each padded to 4;
 * each case in both byte orders.
 */
const struct kx_note_case kx_note_cases[] = {
	{ "empty", {}, 0, 0, NULL },
	{ "one-empty-note", { 0, 0, 7 }, 12, 1, NULL },
	{ "two-empty-notes", { 0, 0, 7, 0, 0, 8 }, 24, 2, NULL },
	{ "name-4", { 4, 0, 1, 0x78756e4c }, 16, 1, NULL },
	{ "name-5-padded", { 5, 0, 1, 0x756e694c, 0x78 }, 20, 1, NULL },
	{ "name-5-unpadded", { 5, 0, 1, 0x756e694c, 0x78 }, 17, -EINVAL,
	  "namesz 0x5 runs past" },
	{ "name-5-zeros-padded", { 5, 0, 1, 0, 0 }, 20, 1, NULL },
	{ "name-5-zeros-unpadded", { 5, 0, 1, 0, 0 }, 17, -EINVAL, NULL },
	{ "desc-1-padded", { 0, 1, 1, 0xff }, 16, 1, NULL },
	{ "desc-1-unpadded", { 0, 1, 1, 0xff }, 13, -EINVAL,
	  "descsz 0x1 runs past" },
	{ "desc-exactly-fits", { 0, 8, 1, 1, 2 }, 20, 1, NULL },
	{ "desc-one-word-past", { 0, 12, 1, 1, 2 }, 20, -EINVAL,
	  "note 0 at 0x0: descsz 0xc" },
	{ "desc-zeros-exactly-fit", { 0, 8, 1, 0, 0 }, 20, 1, NULL },
	{ "desc-zeros-one-word-past", { 0, 12, 1, 0, 0 }, 20, -EINVAL, NULL },
	{ "namesz-max", { 0xffffffff, 0, 1 }, 12, -EINVAL, "namesz 0xffffffff" },
	{ "namesz-pad-wraps-32", { 0xfffffffd, 0, 1 }, 12, -EINVAL,
	  "namesz 0xfffffffd" },
	{ "descsz-max", { 0, 0xffffffff, 1 }, 12, -EINVAL, "descsz 0xffffffff" },
	{ "both-large", { 0x7ffffffc, 0x7ffffffc, 1 }, 12, -EINVAL, "namesz" },
	{ "name-fits-desc-not", { 4, 0xfffffff0, 1, 0 }, 16, -EINVAL,
	  "descsz 0xfffffff0" },
	{ "trailing-4", { 0, 0, 7, 0 }, 16, -EINVAL,
	  "note 1 at 0xc: 4 trailing bytes" },
	{ "trailing-11", { 0, 0, 7, 0, 0, 0 }, 23, -EINVAL, "11 trailing" },
	{ "trailing-1", { 0, 0, 7, 0 }, 13, -EINVAL, "1 trailing" },
	{ "header-only-8", { 0, 0 }, 8, -EINVAL, "note 0 at 0x0: 8 trailing" },
	{ "second-bad", { 0, 0, 7, 8, 0, 7 }, 24, -EINVAL,
	  "note 1 at 0xc: namesz 0x8" },
};

const unsigned int kx_nr_note_cases = ARRAY_SIZE(kx_note_cases);

/**
 * kx_note_area() - a note case's area in one byte order
 * @area: room for the case's words, 64 bytes
 * @c: the case
 * @big_endian: the byte order of its words
 */
void kx_note_area(u8 *area, const struct kx_note_case *c, bool big_endian)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(c->words); i++)
		kx_put_word(area + 4 * i, big_endian, c->words[i]);
}

/**
 * kx_note_check() - whether kexec_notes_check() did what a note case says
 * @c: the case
 * @ret: what kexec_notes_check() returned on its area
 * @info: the reason it gave
 * @why: %KX_WHY_LEN bytes for the difference, if any
 *
 * Return: true when it counted the notes, or refused them with -EINVAL
 * and a reason holding the case's.
 */
bool kx_note_check(const struct kx_note_case *c, int ret,
		   const struct kexec_image_info *info, char *why)
{
	if (ret != c->count)
		snprintf(why, KX_WHY_LEN, "returned %d, want %d: %s", ret,
			 c->count, info->reason);
	else if (ret < 0 && !info->reason[0])
		snprintf(why, KX_WHY_LEN, "refused without a reason");
	else if (c->reason && !strstr(info->reason, c->reason))
		snprintf(why, KX_WHY_LEN, "reason \"%s\" lacks \"%s\"",
			 info->reason, c->reason);
	else
		return true;
	return false;
}
