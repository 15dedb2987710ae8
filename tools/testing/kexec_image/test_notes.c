// SPDX-License-Identifier: GPL-2.0
/*
 * The ELF note walker's iterator; its table of cases is in test_cases.c.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

#define S "notes"
/* Pointers stay in the area and the walk resumes where it stopped. */
static void test_iterator(void)
{
	uint8_t area[44] = {};
	struct kexec_image_info info = {};
	struct kexec_note_iter it;
	struct kexec_note note;

	put_le(area, 4, 6);
	put_le(area + 4, 4, 3);
	put_le(area + 8, 4, 0x101);
	memcpy(area + 12, "Linux", 6);
	memcpy(area + 20, "abc", 3);
	put_le(area + 24, 4, 0);
	put_le(area + 28, 4, 4);
	put_le(area + 32, 4, 2);
	put_le(area + 36, 4, 0xdeadbeef);
	put_le(area + 40, 4, 99);			/* a broken third note */
	kexec_note_iter_init(&it, area, sizeof(area), false);
	if (expect(kexec_note_next(&it, &note, &info) == 1, S, "iter", "1st")) {
		expect(note.name == (const char *)area + 12, S, "iter", "name");
		expect(note.desc == area + 20, S, "iter", "desc");
		expect_u64(note.type, 0x101, S, "iter", "type");
		expect_u64(note.offset, 0, S, "iter", "offset");
	}
	if (expect(kexec_note_next(&it, &note, &info) == 1, S, "iter", "2nd")) {
		expect_u64(note.namesz, 0, S, "iter", "namesz");
		expect(note.desc == area + 36, S, "iter", "2nd desc");
		expect_u64(note.offset, 24, S, "iter", "2nd offset");
	}
	expect(kexec_note_next(&it, &note, &info) == -EINVAL, S, "iter",
	       "broken third note accepted");
	expect(kexec_note_next(&it, &note, &info) == -EINVAL, S, "iter",
	       "walk did not stay on the broken note");
	expect_u64(it.index, 2, S, "iter", "index");
	kexec_note_iter_init(&it, area, 36, false);
	kexec_note_next(&it, &note, &info);
	kexec_note_next(&it, &note, &info);
	expect(kexec_note_next(&it, &note, &info) == -EINVAL, S, "iter-cut",
	       "cut second desc accepted");
}

void test_notes(void)
{
	test_iterator();
}
