// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_fuzz: the seed files, each described by the format it is of
 * (struct fuzz_format), and the generator: each input's recipe, drawn from
 * (seed, input number) alone, with values that know what each field means.
 */
#define _GNU_SOURCE		/* memfd_create() */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kexec_test_util.h"
#include "kexec_fuzz.h"

struct seed seeds[MAX_SEEDS];
int nseeds;
static int nbig;

uint64_t ram_bytes, crash_bytes, cap_bytes;

/* The formats a seed file may be of, in the order they are tried. */
static const struct fuzz_format * const formats[] = {
	&fuzz_zboot, &fuzz_arm64, &fuzz_bzimage, &fuzz_zimage, &fuzz_gzip,
	&fuzz_elf,
};

/* Is this seed one of the real kernels (big: slower to copy and wrap)? */
static bool big(const struct seed *s)
{
	return s->len > (1 << 20);
}

/* splitmix64: each input's choices come from (seed, input number) alone. */
static uint64_t rng_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint64_t rng_below(uint64_t *s, uint64_t n)
{
	return n ? rng_next(s) % n : 0;
}

/* The fields of @s, by the first format that recognises it; none: S_RAW. */
static void describe_seed(struct seed *s)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(formats); i++)
		if (formats[i]->recognise(s->data, s->len)) {
			s->format = formats[i]->format;
			formats[i]->describe(s);
			return;
		}
}

static uint64_t width_mask(unsigned int width)
{
	return width >= 8 ? ~0ULL : (1ULL << (8 * width)) - 1;
}

static uint64_t field_value(const struct seed *s, const struct field *f,
			    uint64_t *rng)
{
	uint64_t cur = 0, page = 4096, pick[16];
	size_t at;
	int n = 0;

	if (op_at(f->off, f->width, s->len, &at))
		cur = get_le(s->data + at, f->width);
	switch (rng_below(rng, 3)) {
	case 0:		/* the generic limits */
		pick[n++] = 0;
		pick[n++] = 1;
		pick[n++] = ~0ULL;
		pick[n++] = width_mask(f->width) >> 1;
		pick[n++] = 1ULL << (8 * f->width - 1);
		pick[n++] = cur + 1;
		pick[n++] = cur - 1;
		pick[n++] = rng_next(rng);
		break;
	default:	/* what the field means */
		switch (f->kind) {
		case F_MAGIC:
		case F_FLAGS:
			pick[n++] = cur ^ (1ULL << rng_below(rng, 8 * f->width));
			break;
		case F_FOOTPRINT:
			pick[n++] = ram_bytes;
			pick[n++] = ram_bytes + 1;
			pick[n++] = ram_bytes / 2;
			pick[n++] = ram_bytes / 2 + page;
			pick[n++] = CORE_MAX_SIZE;
			pick[n++] = CORE_MAX_SIZE + 1;
			if (crash_bytes) {
				pick[n++] = crash_bytes;
				pick[n++] = crash_bytes + 1;
				pick[n++] = crash_bytes - page;
			}
			pick[n++] = cur * 2;
			break;
		case F_DSIZE:
			pick[n++] = cap_bytes;
			pick[n++] = cap_bytes + 1;
			pick[n++] = cap_bytes - 1;
			pick[n++] = 0;
			pick[n++] = CORE_MAX_SIZE;
			pick[n++] = CORE_MAX_SIZE + 1;
			pick[n++] = cur + 1;
			pick[n++] = cur - 1;
			break;
		case F_FOFF:
			pick[n++] = s->len;
			pick[n++] = s->len + 1;
			pick[n++] = s->len - 1;
			pick[n++] = s->len / 2;
			pick[n++] = cur + s->len;
			pick[n++] = 0x40;
			pick[n++] = cur + 4;
			pick[n++] = cur - 4;
			break;
		case F_ALIGN:
			pick[n++] = 0x800;
			pick[n++] = 0x1000;
			pick[n++] = 0x3000;
			pick[n++] = 0x8000;
			pick[n++] = 0x200000;
			pick[n++] = 0x8000000;
			pick[n++] = CORE_MAX_SIZE;
			pick[n++] = 1ULL << 31;
			break;
		case F_ADDR:
			pick[n++] = 0x1000000;
			pick[n++] = ram_bytes;
			pick[n++] = 0xfec00000;
			pick[n++] = 1ULL << 32;
			pick[n++] = 1ULL << 47;
			pick[n++] = 1ULL << 48;
			pick[n++] = cur + page;
			pick[n++] = cur + 1;
			break;
		case F_VERSION:
			pick[n++] = 0x0200;
			pick[n++] = 0x0205;
			pick[n++] = 0x0208;
			pick[n++] = 0x020a;
			pick[n++] = 0x020b;
			pick[n++] = 0x020c;
			pick[n++] = 0x020f;
			pick[n++] = 0x0210;
			pick[n++] = 0x02ff;
			break;
		case F_COMP:
			pick[n++] = 0x70697a67;		/* "gzip" */
			pick[n++] = 0x6474737a;		/* "zstd" */
			pick[n++] = 0x616d7a6c;		/* "lzma" */
			pick[n++] = 0x50495a47;		/* "GZIP" */
			pick[n++] = 0x6474737a20202020ULL;
			pick[n++] = 0x6161616161616161ULL;
			break;
		default:
			pick[n++] = cur ^ (1ULL << rng_below(rng, 8 * f->width));
			pick[n++] = cur + 1;
			pick[n++] = cur - 1;
			pick[n++] = cur * 2;
			break;
		}
	}
	return pick[rng_below(rng, n)] & width_mask(f->width);
}

static void push(struct recipe *r, enum op_kind kind, long long off,
		 unsigned int width, uint64_t val)
{
	if (r->nops < MAX_OPS)
		r->ops[r->nops++] = (struct op){ kind, off, width, val };
}

static void push_field(struct recipe *r, const struct seed *s, uint64_t *rng)
{
	const struct field *f;

	if (!s->nfields)
		return;
	f = &s->fields[rng_below(rng, s->nfields)];
	push(r, OP_SET, f->off, f->width, field_value(s, f, rng));
}

/* A truncation at a field boundary, a header's end or near the end. */
static void push_trunc(struct recipe *r, const struct seed *s, uint64_t *rng)
{
	static const size_t ends[] = { 0, 1, 2, 10, 0x3c, 0x40, 0x80, 0x200,
				       0x224, 0x270, 0x800, 0x1000 };
	const struct field *f;
	size_t at;
	uint64_t len;

	switch (rng_below(rng, 4)) {
	case 0:
		len = ends[rng_below(rng, ARRAY_SIZE(ends))];
		break;
	case 1:
		len = s->len - 1 - rng_below(rng, 16);
		break;
	case 2:
		len = rng_below(rng, s->len);
		break;
	default:
		len = s->len / 2;
		if (!s->nfields)
			break;
		f = &s->fields[rng_below(rng, s->nfields)];
		if (op_at(f->off, f->width, s->len, &at))
			len = at + (rng_below(rng, 2) ? f->width : 0) +
			      rng_below(rng, 3) - 1;
		break;
	}
	push(r, OP_TRUNC, 0, 0, len);
}

static void push_flips(struct recipe *r, const struct seed *s, uint64_t *rng)
{
	int i, n = 1 + rng_below(rng, 3);
	uint64_t at;

	for (i = 0; i < n; i++) {
		/* Mostly the headers, where the parsers look; else anywhere. */
		at = rng_below(rng, 4) ? rng_below(rng, s->len < 0x1000 ?
						   s->len : 0x1000) :
		     rng_below(rng, s->len);
		push(r, OP_XOR, at, 1, 1 + rng_below(rng, 255));
	}
}

/* A wrapper (or two) and, often, a declared size or header field of it. */
static void push_wrap(struct recipe *r, uint64_t *rng)
{
	const uint64_t sizes[] = { 0, 1, cap_bytes, cap_bytes + 1,
				   cap_bytes - 1, ~0ULL };
	int i, n = rng_below(rng, 4) ? 1 : 2;
	enum zboot_method m = ZB_GZIP;
	bool gz = false;

	for (i = 0; i < n; i++) {
		gz = rng_below(rng, 3) == 0;
		m = rng_below(rng, ZB_METHODS);
		if (gz)
			push(r, OP_GZIP, 0, 0, 0);
		else
			push(r, OP_ZBOOT, 0, 0, m);
	}
	switch (rng_below(rng, 6)) {
	case 0:		/* ISIZE, or zstd's size word */
	case 1:
		if (gz || m == ZB_GZIP || m == ZB_ZSTD)
			push(r, OP_SET, -4, 4, sizes[rng_below(rng, 6)] & 0xffffffff);
		break;
	case 2:		/* the zstd frame's content size */
		if (!gz && (m == ZB_ZSTD_FCS || m == ZB_ZSTD_FCS_NOSIZE))
			push(r, OP_SET, ZBOOT_PAYLOAD + 5, 8,
			     rng_below(rng, 2) ? sizes[rng_below(rng, 6)] :
			     CORE_MAX_SIZE + 1);
		break;
	case 3:		/* the zboot payload size */
		if (!gz)
			push(r, OP_SET, 0x0c, 4, sizes[rng_below(rng, 4)] & 0xffffffff);
		break;
	case 4:		/* the gzip CRC, or a bit in the wrapper */
		push(r, OP_XOR, gz ? -8LL : (long long)(0x10 + rng_below(rng, 0x30)),
		     1, 1 << rng_below(rng, 8));
		break;
	default:
		break;
	}
}

void generate(uint64_t seed, unsigned long i, struct recipe *r,
	      bool crash_ok, bool initrd_ok)
{
	uint64_t rng = seed ^ (i * 0xd1342543de82ef95ULL);
	const struct seed *s;
	int k, n;

	rng_next(&rng);
	memset(r, 0, sizeof(*r));
	/* Half the inputs from the real kernels, half from the corpus. */
	n = rng_below(&rng, 2) ? nbig : 0;
	k = n ? rng_below(&rng, n) : rng_below(&rng, nseeds - nbig);
	for (s = seeds; ; s++)
		if (big(s) == !!n && !k--)
			break;
	copy_text(r->seed, sizeof(r->seed), s->name);
	r->crash = crash_ok && rng_below(&rng, 3) == 0;
	r->initrd = initrd_ok && rng_below(&rng, 2);
	r->cmdline = rng_below(&rng, 4) != 0;

	switch (rng_below(&rng, 16)) {
	case 0 ... 6:	/* one or two header fields */
		n = 1 + (rng_below(&rng, 4) == 0);
		for (k = 0; k < n; k++)
			push_field(r, s, &rng);
		break;
	case 7 ... 9:
		push_trunc(r, s, &rng);
		if (rng_below(&rng, 3) == 0)
			push_field(r, s, &rng);
		break;
	case 10 ... 11:
		push_flips(r, s, &rng);
		break;
	case 12 ... 14:	/* wrappers: around a cut of a big kernel */
		if (big(s) && rng_below(&rng, 4))
			push_trunc(r, s, &rng);
		else if (rng_below(&rng, 3) == 0)
			push_field(r, s, &rng);
		push_wrap(r, &rng);
		break;
	default:	/* the seed as it is */
		break;
	}
}

struct seed *find_seed(const char *name)
{
	int i;

	for (i = 0; i < nseeds; i++)
		if (!strcmp(seeds[i].name, name))
			return &seeds[i];
	return NULL;
}

int seed_fd(struct seed *s)
{
	if (s->fd >= 0)
		return 0;
	s->fd = memfd_create(s->name, MFD_CLOEXEC);
	if (s->fd < 0 || write(s->fd, s->data, s->len) != (ssize_t)s->len)
		return -1;
	return 0;
}

static int name_order(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

int load_seeds(const char *dir)
{
	struct dirent **names;
	char path[512];
	int i, n;

	n = scandir(dir, &names, NULL, name_order);
	for (i = 0; i < n; i++) {
		struct seed *s = &seeds[nseeds];

		if (names[i]->d_name[0] != '.' && nseeds < MAX_SEEDS) {
			snprintf(path, sizeof(path), "%s/%s", dir,
				 names[i]->d_name);
			copy_text(s->name, sizeof(s->name), names[i]->d_name);
			s->data = map_file(path, &s->len);
			s->fd = -1;
			if (s->data) {
				describe_seed(s);
				nbig += big(s);
				nseeds++;
			}
		}
		free(names[i]);
	}
	if (n >= 0)
		free(names);
	return nseeds;
}
