// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_fuzz: recipes (kexec_fuzz.c says their syntax), parsed and printed,
 * and the input each one names, built as a whole copy of its seed file (on
 * the host too: --materialize) or, in the guest, by editing the seed's
 * memfd in place. The wrappers are the formats' (struct fuzz_format).
 */
#define _GNU_SOURCE		/* memfd_create() */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kexec_test_util.h"
#include "kexec_fuzz.h"

static bool op_edits_in_place(const struct op *o)
{
	return o->kind == OP_SET || o->kind == OP_XOR || o->kind == OP_TRUNC;
}

/* Apply @o to @b, a whole copy of the input. */
static int op_apply(const struct op *o, struct buf *b)
{
	struct buf w = { 0 };
	size_t at;
	int ret;

	switch (o->kind) {
	case OP_SET:
		if (op_at(o->off, o->width, b->len, &at))
			put_le(b->p + at, o->val, o->width);
		return 0;
	case OP_XOR:
		if (op_at(o->off, 1, b->len, &at))
			b->p[at] ^= o->val;
		return 0;
	case OP_TRUNC:
		if (o->val < b->len)
			b->len = o->val;
		return 0;
	case OP_GZIP:
		ret = fuzz_gzip.wrap(b->p, b->len, 0, &w);
		break;
	default:
		ret = fuzz_zboot.wrap(b->p, b->len, o->val, &w);
		break;
	}
	if (ret) {
		free(w.p);
		return -1;
	}
	free(b->p);
	*b = w;
	return 0;
}

static int op_format(const struct op *o, char *s, size_t size)
{
	switch (o->kind) {
	case OP_SET:
		return snprintf(s, size, "s:%s0x%llx:%u:0x%llx",
				o->off < 0 ? "-" : "", o->off < 0 ? -o->off : o->off,
				o->width, (unsigned long long)o->val);
	case OP_XOR:
		return snprintf(s, size, "x:%s0x%llx:0x%llx",
				o->off < 0 ? "-" : "", o->off < 0 ? -o->off : o->off,
				(unsigned long long)o->val);
	case OP_TRUNC:
		return snprintf(s, size, "t:0x%llx", (unsigned long long)o->val);
	case OP_GZIP:
		return snprintf(s, size, "gz");
	default:
		return snprintf(s, size, "zb:%s", fuzz_zboot.methods[o->val]);
	}
}

void recipe_format(const struct recipe *r, char *s, size_t size)
{
	size_t n;
	int i;

	n = snprintf(s, size, "seed=%s ops=", r->seed);
	for (i = 0; i < r->nops && n < size; i++) {
		if (i)
			n += snprintf(s + n, size - n, ";");
		if (n < size)
			n += op_format(&r->ops[i], s + n, size - n);
	}
	if (!r->nops && n < size)
		n += snprintf(s + n, size - n, "-");
	if (n < size)
		snprintf(s + n, size - n, " load=%s%s%s", r->crash ? "c" : "",
			 r->initrd ? "i" : "", r->cmdline ? "l" : "");
}

/* "NUM" or "NUM:" at *@s, moving past it; false when there is none. */
static bool num(const char **s, long long *sv, uint64_t *uv)
{
	char *end;

	errno = 0;
	if (sv)
		*sv = strtoll(*s, &end, 0);
	else
		*uv = strtoull(*s, &end, 0);
	if (errno || end == *s || (*end && *end != ':'))
		return false;
	*s = *end ? end + 1 : end;
	return true;
}

static int op_parse(const char *s, struct op *o)
{
	uint64_t width;
	unsigned int i;

	memset(o, 0, sizeof(*o));
	if (!strncmp(s, "s:", 2)) {
		s += 2;
		o->kind = OP_SET;
		if (!num(&s, &o->off, NULL) || !num(&s, NULL, &width) ||
		    !num(&s, NULL, &o->val) || *s)
			return -1;
		o->width = width;
		return width == 1 || width == 2 || width == 4 || width == 8 ?
		       0 : -1;
	}
	if (!strncmp(s, "x:", 2)) {
		s += 2;
		o->kind = OP_XOR;
		return num(&s, &o->off, NULL) && num(&s, NULL, &o->val) && !*s ?
		       0 : -1;
	}
	if (!strncmp(s, "t:", 2)) {
		s += 2;
		o->kind = OP_TRUNC;
		return num(&s, NULL, &o->val) && !*s ? 0 : -1;
	}
	if (!strcmp(s, "gz")) {
		o->kind = OP_GZIP;
		return 0;
	}
	if (!strncmp(s, "zb:", 3)) {
		o->kind = OP_ZBOOT;
		for (i = 0; i < fuzz_zboot.nmethods; i++)
			if (!strcmp(s + 3, fuzz_zboot.methods[i])) {
				o->val = i;
				return 0;
			}
	}
	return -1;
}

int recipe_parse(const char *text, struct recipe *r)
{
	char copy[RECIPE_LEN], *word, *op, *p = copy, *q;
	bool seed = false;

	memset(r, 0, sizeof(*r));
	copy_text(copy, sizeof(copy), text);
	copy[strcspn(copy, "\n")] = '\0';
	while ((word = strsep(&p, " "))) {
		if (!strncmp(word, "seed=", 5)) {
			copy_text(r->seed, sizeof(r->seed), word + 5);
			seed = r->seed[0] && !strchr(r->seed, '/');
		} else if (!strncmp(word, "ops=", 4)) {
			q = word + 4;
			while ((op = strsep(&q, ";"))) {
				if (!strcmp(op, "-"))
					continue;
				if (r->nops == MAX_OPS ||
				    op_parse(op, &r->ops[r->nops++]))
					return -1;
			}
		} else if (!strncmp(word, "load=", 5)) {
			r->crash = !!strchr(word + 5, 'c');
			r->initrd = !!strchr(word + 5, 'i');
			r->cmdline = !!strchr(word + 5, 'l');
		} else if (*word) {
			return -1;
		}
	}
	return seed ? 0 : -1;
}

/* The whole input of @r from the seed's @len bytes at @seed, into @out. */
int recipe_build(const struct recipe *r, const unsigned char *seed,
		 size_t len, struct buf *out)
{
	int i;

	out->len = 0;
	if (buf_put(out, seed, len))
		return -1;
	for (i = 0; i < r->nops; i++)
		if (op_apply(&r->ops[i], out))
			return -1;
	return 0;
}

/* --materialize: the input @text names, from the seed files in @dir. */
int materialize(const char *text, const char *dir, const char *out)
{
	struct buf b = { 0 };
	struct recipe r;
	unsigned char *seed;
	char path[4096];
	size_t len;
	FILE *f;

	if (recipe_parse(text, &r)) {
		fprintf(stderr, "kexec_fuzz: cannot parse recipe: %s\n", text);
		return 2;
	}
	snprintf(path, sizeof(path), "%s/%s", dir, r.seed);
	seed = map_file(path, &len);
	if (!seed) {
		fprintf(stderr, "kexec_fuzz: %s: %s\n", path, strerror(errno));
		return 1;
	}
	f = fopen(out, "w");
	if (!f || recipe_build(&r, seed, len, &b) ||
	    fwrite(b.p, 1, b.len, f) != b.len || fclose(f)) {
		fprintf(stderr, "kexec_fuzz: %s: %s\n", out, strerror(errno));
		return 1;
	}
	printf("%s: %zu bytes\n", out, b.len);
	return 0;
}

/* Where input_fd() edited a seed's memfd in place. */
static struct {
	size_t at;
	unsigned int n;
} touched[MAX_OPS];
static int ntouched;

/*
 * Make the input of @r in @s's memfd when only in-place edits are asked
 * for (restored by restore_in_place()) and @own is false, else in a new
 * memfd. Returns the fd and sets *@scratch when it is a new one; -1 on
 * error.
 */
int input_fd(struct seed *s, const struct recipe *r, bool own,
	     bool *scratch, size_t *vlen)
{
	struct buf b = { 0 };
	unsigned char c;
	size_t at;
	int i, fd;

	*scratch = own;
	for (i = 0; i < r->nops; i++)
		if (!op_edits_in_place(&r->ops[i]))
			*scratch = true;
	if (*scratch) {
		fd = memfd_create("kexec-fuzz-input", MFD_CLOEXEC);
		if (fd < 0 || recipe_build(r, s->data, s->len, &b) ||
		    write(fd, b.p, b.len) != (ssize_t)b.len) {
			if (fd >= 0)
				close(fd);
			fd = -1;
		}
		free(b.p);
		return fd;
	}
	*vlen = s->len;
	ntouched = 0;
	for (i = 0; i < r->nops; i++) {
		const struct op *o = &r->ops[i];
		unsigned char w[8];

		if (o->kind == OP_TRUNC) {
			if (o->val < *vlen && !ftruncate(s->fd, o->val))
				*vlen = o->val;
		} else if (o->kind == OP_SET) {
			if (!op_at(o->off, o->width, *vlen, &at))
				continue;
			put_le(w, o->val, o->width);
			touched[ntouched].at = at;
			touched[ntouched++].n = o->width;
			if (pwrite(s->fd, w, o->width, at) != (ssize_t)o->width)
				return -1;
		} else if (op_at(o->off, 1, *vlen, &at)) {
			touched[ntouched].at = at;
			touched[ntouched++].n = 1;
			if (pread(s->fd, &c, 1, at) != 1)
				return -1;
			c ^= o->val;
			if (pwrite(s->fd, &c, 1, at) != 1)
				return -1;
		}
	}
	return s->fd;
}

/* Put the seed's bytes back where input_fd() edited its memfd. */
int restore_in_place(struct seed *s, size_t vlen)
{
	int i;

	if (vlen < s->len &&
	    (ftruncate(s->fd, s->len) ||
	     pwrite(s->fd, s->data + vlen, s->len - vlen, vlen) !=
	     (ssize_t)(s->len - vlen)))
		return -1;
	for (i = 0; i < ntouched; i++)
		if (pwrite(s->fd, s->data + touched[i].at, touched[i].n,
			   touched[i].at) != (ssize_t)touched[i].n)
			return -1;
	return 0;
}
