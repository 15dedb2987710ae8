// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_fuzz: the helpers every other file of the fuzzer may call (growing
 * buffers, little-endian words, CRC32 and stored-deflate gzip members, the
 * field lists of a seed file, mapping and writing files). They call no
 * other file of the fuzzer (kexec_fuzz.h).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kexec_test_util.h"
#include "kexec_fuzz.h"

#define STORED_BLOCK		65535

static int buf_reserve(struct buf *b, size_t len)
{
	unsigned char *p;
	size_t size = b->size ? b->size : 4096;

	if (len <= b->size)
		return 0;
	while (size < len)
		size *= 2;
	p = realloc(b->p, size);
	if (!p)
		return -1;
	b->p = p;
	b->size = size;
	return 0;
}

int buf_put(struct buf *b, const void *p, size_t n)
{
	if (buf_reserve(b, b->len + n))
		return -1;
	memcpy(b->p + b->len, p, n);
	b->len += n;
	return 0;
}

int buf_le(struct buf *b, uint64_t v, unsigned int width)
{
	unsigned char w[8];
	unsigned int i;

	for (i = 0; i < width; i++)
		w[i] = v >> (8 * i);
	return buf_put(b, w, width);
}

void put_le(unsigned char *p, uint64_t v, unsigned int width)
{
	unsigned int i;

	for (i = 0; i < width; i++)
		p[i] = v >> (8 * i);
}

static uint32_t crc32_le(uint32_t crc, const unsigned char *p, size_t n)
{
	static uint32_t table[256];
	uint32_t c;
	int i, k;

	if (!table[1]) {
		for (i = 0; i < 256; i++) {
			c = i;
			for (k = 0; k < 8; k++)
				c = c & 1 ? 0xedb88320 ^ (c >> 1) : c >> 1;
			table[i] = c;
		}
	}
	crc = ~crc;
	while (n--)
		crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

/*
 * One gzip member of @in: stored deflate blocks, CRC32 and ISIZE. The gzip
 * wrapper and zboot's gzip method both make it.
 */
int gzip_stored(const unsigned char *in, size_t len, struct buf *out)
{
	static const unsigned char head[10] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3 };
	size_t at = 0, n;
	unsigned char block[5];

	if (buf_put(out, head, sizeof(head)))
		return -1;
	do {
		n = len - at < STORED_BLOCK ? len - at : STORED_BLOCK;
		block[0] = at + n == len;	/* BFINAL, BTYPE 00 */
		put_le(block + 1, n, 2);
		put_le(block + 3, ~n & 0xffff, 2);
		if (buf_put(out, block, 5) || buf_put(out, in + at, n))
			return -1;
		at += n;
	} while (at < len);
	if (buf_le(out, crc32_le(0, in, len), 4) || buf_le(out, len, 4))
		return -1;
	return 0;
}

/* The file offset @off means in @len bytes; false when @n bytes do not fit. */
bool op_at(long long off, unsigned int n, size_t len, size_t *at)
{
	if (off < 0) {
		if ((unsigned long long)-off > len)
			return false;
		off += len;
	}
	if ((unsigned long long)off > len || n > len - off)
		return false;
	*at = off;
	return true;
}

void add_field(struct seed *s, const char *name, long long off,
	       unsigned int width, enum field_kind kind)
{
	if (s->nfields < MAX_FIELDS)
		s->fields[s->nfields++] = (struct field){ name, off, width, kind };
}

void add_table(struct seed *s, const struct field *t, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		add_field(s, t[i].name, t[i].off, t[i].width, t[i].kind);
}

/* A gzip member's fields: a gzip seed file is one, a zboot payload may be. */
static const struct field gzip_fields[] = {
	{ "gzip_magic", 0, 2, F_MAGIC }, { "gzip_cm", 2, 1, F_PLAIN },
	{ "gzip_flg", 3, 1, F_FLAGS }, { "gzip_mtime", 4, 4, F_PLAIN },
	{ "gzip_xfl", 8, 1, F_PLAIN }, { "gzip_os", 9, 1, F_PLAIN },
	{ "gzip_block", 10, 1, F_FLAGS },
	{ "gzip_crc", -8, 4, F_PLAIN }, { "gzip_isize", -4, 4, F_DSIZE },
};

/* gzip fields of a member at @base; ISIZE and CRC stay relative to the end. */
void add_gzip_fields(struct seed *s, long long base, long long end)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(gzip_fields); i++)
		add_field(s, gzip_fields[i].name,
			  gzip_fields[i].off < 0 ? end + gzip_fields[i].off :
			  base + gzip_fields[i].off, gzip_fields[i].width,
			  gzip_fields[i].kind);
}

unsigned char *map_file(const char *path, size_t *len)
{
	struct stat st;
	void *p;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) || !st.st_size) {
		close(fd);
		return NULL;
	}
	p = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return NULL;
	*len = st.st_size;
	return p;
}

int write_text(const char *path, const char *text)
{
	ssize_t len = strlen(text);
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	if (write(fd, text, len) != len) {
		close(fd);
		return -1;
	}
	return close(fd);
}
