// SPDX-License-Identifier: GPL-2.0
/*
 * The tables of kernel/tests/kexec_image_layouts*.c, which the KUnit
 * suite runs too: each format's cases, each file in a buffer of exactly
 * its length so that ASan sees any read past it, and the ELF note
 * walker's cases in both byte orders.
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"

/* What a gzip member that is accepted says of itself. */
static void check_gzip(const struct kx_case *c, const char *name,
		       const struct kexec_image_info *info, size_t len)
{
	expect_u64(info->gzip.flags, c->variant, "gzip", name, "flags");
	expect_u64(info->gzip.isize, GZ_ISIZE, "gzip", name, "isize");
	expect_u64(info->gzip.length, len, "gzip", name, "length");
}

static void run_table(const struct kx_table *t, struct buf *tmp)
{
	struct kexec_image_info info;
	char name[96], why[KX_WHY_LEN];
	unsigned int i, run;
	struct buf file;
	size_t len;
	int ret;

	for (i = 0; i < t->nr_cases; i++) {
		const struct kx_case *c = &t->cases[i];

		for (run = 0; ; run++) {
			len = kx_case_image(t, c, run, tmp->data);
			if (!len) {
				if (!run)
					fail(t->name, c->name, "no file");
				break;
			}
			snprintf(name, sizeof(name), "%s%s", c->name,
				 run ? "-run-1" : "");
			file = buf_copy(tmp, len);
			ret = t->parse(file.data, file.len, &info);
			buf_free(&file);
			if (!kx_case_check(t, c, ret, &info, why)) {
				fail(t->name, name, "%s", why);
				continue;
			}
			pass();
			if (t == &kx_gzip_table && !ret)
				check_gzip(c, name, &info, len);
		}
	}
}

static void run_note_case(const struct kx_note_case *c, bool be)
{
	struct kexec_image_info info = {};
	uint8_t area[sizeof(c->words)];
	char name[80], why[KX_WHY_LEN];
	struct buf b;
	int ret;

	kx_note_area(area, c, be);
	snprintf(name, sizeof(name), "%s-%s", c->name, be ? "be" : "le");
	b = buf_new(c->len);
	memcpy(b.data, area, c->len);
	ret = kexec_notes_check(b.data, b.len, be, &info);
	buf_free(&b);
	if (kx_note_check(c, ret, &info, why))
		pass();
	else
		fail("notes", name, "%s", why);
}

void test_cases(void)
{
	struct buf tmp = buf_new(KX_BUF_LEN);
	unsigned int i;

	for (i = 0; i < kx_nr_tables; i++)
		run_table(kx_tables[i], &tmp);
	buf_free(&tmp);
	for (i = 0; i < kx_nr_note_cases; i++) {
		run_note_case(&kx_note_cases[i], false);
		run_note_case(&kx_note_cases[i], true);
	}
}
