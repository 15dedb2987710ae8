// SPDX-License-Identifier: GPL-2.0
/*
 * The ELF note walker: 12-byte Nhdr, name and desc each padded to 4.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

#define S "notes"
#define MAX_WORDS 16

struct note_case {
	const char *name;
	uint32_t words[MAX_WORDS];	/* the area, as 32-bit words */
	size_t len;			/* bytes of the area */
	int count;			/* notes, or -EINVAL */
	const char *reason;
};

static const struct note_case cases[] = {
	{ "empty", {}, 0, 0, NULL },
	{ "one-empty-note", { 0, 0, 7 }, 12, 1, NULL },
	{ "two-empty-notes", { 0, 0, 7, 0, 0, 8 }, 24, 2, NULL },
	{ "name-4", { 4, 0, 1, 0x78756e4c }, 16, 1, NULL },
	{ "name-5-padded", { 5, 0, 1, 0x756e694c, 0x78 }, 20, 1, NULL },
	{ "name-5-unpadded", { 5, 0, 1, 0x756e694c, 0x78 }, 17, -EINVAL,
	  "namesz 0x5 runs past" },
	{ "desc-1-padded", { 0, 1, 1, 0xff }, 16, 1, NULL },
	{ "desc-1-unpadded", { 0, 1, 1, 0xff }, 13, -EINVAL,
	  "descsz 0x1 runs past" },
	{ "desc-exactly-fits", { 0, 8, 1, 1, 2 }, 20, 1, NULL },
	{ "desc-one-word-past", { 0, 12, 1, 1, 2 }, 20, -EINVAL,
	  "note 0 at 0x0: descsz 0xc" },
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

/* Each case once little- and once big-endian. */
static void run_note_case(const struct note_case *c, bool be)
{
	struct kexec_image_info info = {};
	uint8_t area[MAX_WORDS * 4];
	char name[80];
	struct buf b;
	int ret;
	size_t i;

	for (i = 0; i < MAX_WORDS; i++)
		(be ? put_be : put_le)(area + 4 * i, 4, c->words[i]);
	snprintf(name, sizeof(name), "%s-%s", c->name, be ? "be" : "le");
	/* an exact-size copy, so that ASan catches any read past the area */
	b = buf_new(c->len);
	memcpy(b.data, area, c->len);
	ret = kexec_notes_check(b.data, b.len, be, &info);
	buf_free(&b);
	if (ret != c->count) {
		fail(S, name, "returned %d, want %d (reason: %s)", ret,
		     c->count, info.reason);
		return;
	}
	if (c->reason && !strstr(info.reason, c->reason)) {
		fail(S, name, "reason \"%s\" lacks \"%s\"", info.reason,
		     c->reason);
		return;
	}
	pass();
}

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
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		run_note_case(&cases[i], false);
		run_note_case(&cases[i], true);
	}
	test_iterator();
}
