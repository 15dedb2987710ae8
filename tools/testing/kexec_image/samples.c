// SPDX-License-Identifier: GPL-2.0
/*
 * Samples of real kernels, kept small: samples/NAME.bin holds chosen byte
 * ranges of the original file, and samples/SAMPLES says where each range
 * goes and how long the original was:
 *
 *	NAME LENGTH OFFSET+SIZE [OFFSET+SIZE...]
 *
 * A sample is rebuilt as a buffer of LENGTH bytes, zero outside the ranges,
 * which is all the parsers need: headers at the start, a zImage's
 * extension table and size word, an x86 kernel_info near the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>

#include "harness.h"

#define MAX_RANGES 8

/* Where the samples are (--samples), and Debian's kernels (--debian). */
const char *samples_dir = "samples";
const char *debian_dir;

struct range {
	size_t off, size;
};

struct sample_index {
	size_t length;
	unsigned int n;
	struct range r[MAX_RANGES];
};

static bool read_index(const char *name, struct sample_index *idx)
{
	char path[4096], line[1024], *tok, *save;
	bool found = false;
	FILE *f;

	snprintf(path, sizeof(path), "%s/SAMPLES", samples_dir);
	f = fopen(path, "r");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		tok = strtok_r(line, " \t\n", &save);
		if (!tok || tok[0] == '#' || strcmp(tok, name))
			continue;
		tok = strtok_r(NULL, " \t\n", &save);
		if (!tok)
			break;
		idx->length = strtoull(tok, NULL, 0);
		idx->n = 0;
		while ((tok = strtok_r(NULL, " \t\n", &save)) &&
		       idx->n < MAX_RANGES) {
			char *plus;

			idx->r[idx->n].off = strtoull(tok, &plus, 0);
			idx->r[idx->n].size = *plus == '+' ?
				strtoull(plus + 1, NULL, 0) : 0;
			idx->n++;
		}
		found = true;
	}
	fclose(f);
	return found;
}

typedef bool (*put_fn)(void *ctx, size_t off, const void *p, size_t n);

/* Calls @put for each range, with its bytes from NAME.bin. */
static bool copy_ranges(const char *name, const struct sample_index *idx,
			put_fn put, void *ctx)
{
	char path[4096];
	unsigned int i;
	bool ok = true;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.bin", samples_dir, name);
	f = fopen(path, "rb");
	if (!f)
		return false;
	for (i = 0; ok && i < idx->n; i++) {
		const struct range *r = &idx->r[i];
		void *tmp = malloc(r->size ? r->size : 1);

		ok = tmp && r->off + r->size <= idx->length &&
		     fread(tmp, 1, r->size, f) == r->size &&
		     put(ctx, r->off, tmp, r->size);
		free(tmp);
	}
	fclose(f);
	return ok;
}

static bool put_in_buf(void *ctx, size_t off, const void *p, size_t n)
{
	memcpy(((struct buf *)ctx)->data + off, p, n);
	return true;
}

static bool put_in_file(void *ctx, size_t off, const void *p, size_t n)
{
	return pwrite(*(int *)ctx, p, n, off) == (ssize_t)n;
}

struct buf sample_load(const char *name)
{
	struct sample_index idx;
	struct buf b = { NULL, 0 };

	if (!read_index(name, &idx))
		return b;
	b = buf_new(idx.length);
	if (!copy_ranges(name, &idx, put_in_buf, &b))
		buf_free(&b);
	return b;
}

/* Writes the rebuilt sample as a sparse file, for the command-line tool. */
bool sample_write(const char *name, const char *path)
{
	struct sample_index idx;
	bool ok;
	int fd;

	if (!read_index(name, &idx))
		return false;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return false;
	ok = ftruncate(fd, idx.length) == 0 &&
	     copy_ranges(name, &idx, put_in_file, &fd);
	return close(fd) == 0 && ok;
}
