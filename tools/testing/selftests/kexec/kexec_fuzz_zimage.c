// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_fuzz: the arm zImage format (arch/arm/boot/compressed/head.S), its
 * header's and extension table's fields for the generator to set.
 */
#include "kexec_test_util.h"
#include "kexec_fuzz.h"

static const struct field zimage_fields[] = {
	{ "magic", 0x24, 4, F_MAGIC }, { "start", 0x28, 4, F_ADDR },
	{ "end", 0x2c, 4, F_FOFF }, { "endian", 0x30, 4, F_MAGIC },
	{ "table_magic", 0x34, 4, F_MAGIC }, { "table_offset", 0x38, 4, F_FOFF },
};

static bool zimage_recognise(const unsigned char *b, size_t len)
{
	return len >= 0x28 && get_le(b + 0x24, 4) == 0x016f2818;
}

/* The zImage extension table: each entry's size and tag, KLSZ and NOTE words. */
static void add_zimage_table(struct seed *s)
{
	const unsigned char *b = s->data;
	size_t at, words;
	uint32_t tag;
	int n;

	if (s->len < 0x3c || get_le(b + 0x34, 4) != 0x45454545)
		return;
	at = get_le(b + 0x38, 4);
	for (n = 0; n < 8 && at % 4 == 0 && at + 8 <= s->len; n++) {
		words = get_le(b + at, 4);
		if (words < 2 || at + words * 4 > s->len)
			return;
		tag = get_le(b + at + 4, 4);
		add_field(s, "ext_words", at, 4, F_PLAIN);
		add_field(s, "ext_tag", at + 4, 4, F_MAGIC);
		if (tag == 0x5a534c4b && words >= 4) {		/* KLSZ */
			add_field(s, "klsz_size_ptr", at + 8, 4, F_FOFF);
			add_field(s, "klsz_bss", at + 12, 4, F_FOOTPRINT);
			if (get_le(b + at + 8, 4) + 4 <= s->len)
				add_field(s, "klsz_size", get_le(b + at + 8, 4),
					  4, F_FOOTPRINT);
			if (words >= 6) {
				add_field(s, "klsz_text_offset", at + 16, 4,
					  F_ALIGN);
				add_field(s, "klsz_malloc", at + 20, 4,
					  F_FOOTPRINT);
			}
		} else if (tag == 0x45544f4e && words >= 4) {	/* NOTE */
			add_field(s, "note_offset", at + 8, 4, F_FOFF);
			add_field(s, "note_size", at + 12, 4, F_FOFF);
		}
		at += words * 4;
	}
}

static void zimage_describe(struct seed *s)
{
	add_table(s, zimage_fields, ARRAY_SIZE(zimage_fields));
	add_zimage_table(s);
}

const struct fuzz_format fuzz_zimage = {
	.format = S_ZIMAGE,
	.recognise = zimage_recognise,
	.describe = zimage_describe,
};
