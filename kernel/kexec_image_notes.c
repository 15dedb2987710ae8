// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_file_load(2) image formats: a bounds-checked ELF note walker.
 *
 * Elf32_Nhdr and Elf64_Nhdr share one layout, in either byte order, so one
 * walker serves every image that carries notes.
 *
 * Like every parser under kernel/kexec_image*.c it allocates nothing, keeps
 * no state and trusts no field, and it compiles unchanged in the host
 * harness under tools/testing/kexec_image.
 */

#include <kunit/visibility.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/kexec_image.h>
#include <linux/overflow.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "kexec_image_internal.h"

#define NOTE_HEADER_LEN		12

/**
 * kexec_note_iter_init() - start walking an area of ELF notes
 * @it: the iterator
 * @area: first byte of the area (4-byte aligned in its file)
 * @len: bytes in the area
 * @big_endian: whether the note headers are big-endian
 *
 * Elf32_Nhdr and Elf64_Nhdr share one 12-byte layout; name and descriptor
 * each start on a 4-byte boundary.
 */
void kexec_note_iter_init(struct kexec_note_iter *it, const void *area,
			  size_t len, bool big_endian)
{
	it->area = area;
	it->len = len;
	it->pos = 0;
	it->index = 0;
	it->big_endian = big_endian;
}
EXPORT_SYMBOL_IF_KUNIT(kexec_note_iter_init);

static u32 note_word(const struct kexec_note_iter *it, const u8 *p)
{
	return it->big_endian ? get_unaligned_be32(p) : get_unaligned_le32(p);
}

/* @n rounded up to 4 bytes, or false if that does not fit in a size_t. */
static bool note_padded(u32 n, size_t *padded)
{
	if (check_add_overflow((size_t)n, (size_t)3, padded))
		return false;
	*padded &= ~(size_t)3;
	return true;
}

/**
 * kexec_note_next() - return the next note of the area
 * @it: the iterator, from kexec_note_iter_init()
 * @note: filled with the note; its pointers stay inside the area
 * @info: receives the reason when the area is malformed
 *
 * Return: 1 with a note, 0 at the end of the area, -EINVAL if the next
 * note does not fit in what is left of the area. After -EINVAL the
 * iterator stays where it was.
 */
int kexec_note_next(struct kexec_note_iter *it, struct kexec_note *note,
		    struct kexec_image_info *info)
{
	size_t left, name_len, desc_len, body;
	const u8 *p;

	if (it->pos >= it->len)
		return 0;
	left = it->len - it->pos;
	p = it->area + it->pos;
	if (left < NOTE_HEADER_LEN)
		return kexec_image_reject(info, -EINVAL,
					  "note %u at 0x%zx: %zu trailing bytes are too short for a note header",
					  it->index, it->pos, left);
	note->namesz = note_word(it, p);
	note->descsz = note_word(it, p + 4);
	note->type = note_word(it, p + 8);
	left -= NOTE_HEADER_LEN;
	if (!note_padded(note->namesz, &name_len) || name_len > left)
		return kexec_image_reject(info, -EINVAL,
					  "note %u at 0x%zx: namesz 0x%x runs past the area's end",
					  it->index, it->pos, note->namesz);
	if (!note_padded(note->descsz, &desc_len) ||
	    check_add_overflow(name_len, desc_len, &body) || body > left)
		return kexec_image_reject(info, -EINVAL,
					  "note %u at 0x%zx: descsz 0x%x runs past the area's end",
					  it->index, it->pos, note->descsz);
	note->name = (const char *)p + NOTE_HEADER_LEN;
	note->desc = p + NOTE_HEADER_LEN + name_len;
	note->offset = it->pos;
	it->pos += NOTE_HEADER_LEN + body;
	it->index++;
	return 1;
}
EXPORT_SYMBOL_IF_KUNIT(kexec_note_next);

/**
 * kexec_notes_check() - validate a whole area of ELF notes
 * @area: first byte of the area
 * @len: bytes in the area
 * @big_endian: whether the note headers are big-endian
 * @info: receives the reason when the area is malformed
 *
 * Return: the number of notes, or -EINVAL.
 */
int kexec_notes_check(const void *area, size_t len, bool big_endian,
		      struct kexec_image_info *info)
{
	struct kexec_note_iter it;
	struct kexec_note note;
	int ret;

	kexec_note_iter_init(&it, area, len, big_endian);
	while ((ret = kexec_note_next(&it, &note, info)) > 0)
		;
	return ret < 0 ? ret : (int)it.index;
}
EXPORT_SYMBOL_IF_KUNIT(kexec_notes_check);

/**
 * kexec_image_notes() - start walking the notes an accepted image carries
 * @buf: the buffer @info was parsed from
 * @len: bytes in @buf
 * @info: a descriptor filled by a successful parse of @buf
 * @it: the iterator to initialise
 *
 * Return: true if the image has a notes area (only zImages, so far).
 */
bool kexec_image_notes(const void *buf, size_t len,
		       const struct kexec_image_info *info,
		       struct kexec_note_iter *it)
{
	const struct kexec_image_zimage *z = &info->zimage;

	if (info->error || info->format != KEXEC_IMAGE_FMT_ZIMAGE ||
	    !z->has_notes || !fits(len, z->notes_offset, z->notes_size))
		return false;
	kexec_note_iter_init(it, (const u8 *)buf + z->notes_offset,
			     z->notes_size, info->endian == KEXEC_IMAGE_BE);
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(kexec_image_notes);
