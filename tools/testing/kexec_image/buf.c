// SPDX-License-Identifier: GPL-2.0
/*
 * The test images' buffers, each allocated at exactly its length so that
 * ASan sees any read past it, and the fields written into them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

struct buf buf_new(size_t len)
{
	struct buf b = { .data = calloc(1, len ? len : 1), .len = len };

	if (!b.data) {
		perror("calloc");
		exit(2);
	}
	return b;
}

/* A copy in a buffer of exactly @len bytes, so ASan sees any overread. */
struct buf buf_copy(const struct buf *b, size_t len)
{
	struct buf c = buf_new(len);

	memcpy(c.data, b->data, len < b->len ? len : b->len);
	return c;
}

void buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
}

void put_le(uint8_t *p, unsigned int width, uint64_t val)
{
	unsigned int i;

	for (i = 0; i < width; i++)
		p[i] = val >> (8 * i);
}

void put_be(uint8_t *p, unsigned int width, uint64_t val)
{
	unsigned int i;

	for (i = 0; i < width; i++)
		p[width - 1 - i] = val >> (8 * i);
}

void apply_patches(struct buf *b, const struct kx_patch *p, size_t n)
{
	for (; n && p->width; p++, n--) {
		if (p->off + p->width > b->len) {
			fprintf(stderr, "patch at 0x%x outside the buffer\n",
				p->off);
			exit(2);
		}
		put_le(b->data + p->off, p->width, p->val);
	}
}
