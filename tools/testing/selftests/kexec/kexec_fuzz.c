// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_fuzz: a fuzzer of the real kexec_file_load(2), run in the guest by
 * "make fuzz-vm" (tools/testing/kexec-vm/kexec_vm.py fuzz-vm) on a kernel
 * with KASAN, lockdep and the lockup detectors, booted with panic_on_warn=1.
 *
 * Every input is a recipe: a seed file of KEXEC_FUZZ_SEEDS and a list of
 * mutations that know the formats (include/linux/kexec_image.h), then how
 * it is loaded. One line per recipe, with tokens separated by spaces:
 *
 *   seed=NAME ops=OP[;OP...] load=[c][i][l]
 *
 *   s:OFF:W:VAL   set the W-byte (1, 2, 4, 8) little-endian word at OFF
 *   x:OFF:MASK    xor the byte at OFF with MASK
 *   t:LEN         cut the file to LEN bytes
 *   gz            wrap the file in a gzip member of stored deflate blocks
 *   zb:METHOD     wrap it in an EFI zboot header (payload at 0x80):
 *                 gzip (stored blocks), zstd (raw blocks, 4-byte size word
 *                 after the payload), zstd+fcs (the frame states its size
 *                 too), zstd-size (neither states it), zstd+fcs-size (only
 *                 the frame states it)
 *   -             no mutation
 *
 * OFF is a number, or -N for N bytes back from the end of the file as it
 * is when the op runs; an op outside the file does nothing. load= says
 * KEXEC_FILE_ON_CRASH (c), an initrd (i) and a command line (l).
 *
 *   kexec_fuzz                      the campaign, from /proc/cmdline:
 *                                   kt.fuzz.seed=S kt.fuzz.inputs=N
 *                                   kt.fuzz.seconds=T kt.fuzz.cap_mb=M
 *                                   [kt.fuzz.workers=W
 *                                   [kt.fuzz.concurrent=C]]: the first C
 *                                   inputs (all without C) loaded by W
 *                                   processes at once (run_workers())
 *   kexec_fuzz --materialize RECIPE SEEDDIR OUT
 *                                   on the host: write the input RECIPE
 *                                   names, from the same seed files
 *   kexec_fuzz --list SEEDDIR SEED N
 *                                   the first N recipes of a campaign
 *   kexec_fuzz --selftest SEEDDIR SEED N
 *                                   the guest's in-place edits of a seed
 *                                   give what --materialize writes
 *
 * With kt.fuzz.repro=LOAD the guest loads KEXEC_FUZZ_REPRO as it is, with
 * those load flags, and judges that one call (make fuzz-vm-repro).
 *
 * Before each call the campaign prints "# fuzz-vm: input I: RECIPE" and
 * waits for the console to send it, so that a crash in the call leaves the
 * recipe in the log. The kernel's answer is then judged: a success is
 * unloaded with the same flag; a refusal must carry an errno of the error
 * contract (Documentation/admin-guide/kexec-file-images/contract.rst) and exactly
 * one kernel log line, starting with "kexec_file" (or "kexec_core", for the
 * checks kexec_load(2) shares), and no error of any other subsystem beside
 * it; no log record may be a
 * WARN, BUG, KASAN, UBSAN, lockdep, lockup or hung-task report. Anything
 * else prints "# fuzz-vm: finding N: input I: WHAT". At the end every
 * allocation of one small load fails in turn, normal and crash, then every
 * allocation under a function one failure cannot refuse, each judged the
 * same way (alloc_failures_result(), on a kernel with
 * CONFIG_FAULT_INJECTION), kmemleak is scanned, our own kernel must still
 * load, and the program prints "# fuzz-vm: N inputs, N findings" and its
 * KTAP results.
 */
#define _GNU_SOURCE		/* memfd_create() */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <syslog.h>		/* LOG_ERR */
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "../kselftest.h"	/* __printf(), ARRAY_SIZE() */
#include "kexec_test_util.h"

#define KEXEC_FUZZ_SEEDS	KEXEC_TEST_DIR "/fuzz-seeds"
#define KEXEC_FUZZ_REPRO	KEXEC_TEST_DIR "/fuzz-repro"
#define MAX_SEEDS		512
#define MAX_OPS			8
#define MAX_FIELDS		64
#define RECIPE_LEN		512
#define MIB			(1024ULL * 1024)
/* KEXEC_IMAGE_MAX_SIZE of include/linux/kexec_image.h: the core's cap. */
#define CORE_MAX_SIZE		0x40000000ULL
#define ZBOOT_PAYLOAD		0x80
#define STORED_BLOCK		65535
#define ZSTD_BLOCK		(128 * 1024)

/* ------------------------------------------------------------ engine --- */
/* What follows builds the inputs; it is the same on the host. */

struct buf {
	unsigned char *p;
	size_t len, size;
};

enum op_kind { OP_SET, OP_XOR, OP_TRUNC, OP_GZIP, OP_ZBOOT };

enum zboot_method {
	ZB_GZIP, ZB_ZSTD, ZB_ZSTD_FCS, ZB_ZSTD_NOSIZE, ZB_ZSTD_FCS_NOSIZE,
	ZB_METHODS
};

static const char * const zboot_names[] = {
	[ZB_GZIP] = "gzip", [ZB_ZSTD] = "zstd", [ZB_ZSTD_FCS] = "zstd+fcs",
	[ZB_ZSTD_NOSIZE] = "zstd-size", [ZB_ZSTD_FCS_NOSIZE] = "zstd+fcs-size",
};

struct op {
	enum op_kind kind;
	long long off;		/* < 0: back from the end */
	unsigned int width;
	uint64_t val;		/* value, xor mask, length or zboot method */
};

struct recipe {
	char seed[128];
	struct op ops[MAX_OPS];
	int nops;
	bool crash, initrd, cmdline;
};

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

static int buf_put(struct buf *b, const void *p, size_t n)
{
	if (buf_reserve(b, b->len + n))
		return -1;
	memcpy(b->p + b->len, p, n);
	b->len += n;
	return 0;
}

static int buf_le(struct buf *b, uint64_t v, unsigned int width)
{
	unsigned char w[8];
	unsigned int i;

	for (i = 0; i < width; i++)
		w[i] = v >> (8 * i);
	return buf_put(b, w, width);
}

static void put_le(unsigned char *p, uint64_t v, unsigned int width)
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

/* One gzip member of @in: stored deflate blocks, CRC32 and ISIZE. */
static int gzip_stored(const unsigned char *in, size_t len, struct buf *out)
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

/* A zstd frame of raw blocks; with @fcs it states its content size. */
static int zstd_raw(const unsigned char *in, size_t len, bool fcs,
		    struct buf *out)
{
	size_t at = 0, n;
	int ret;

	ret = buf_le(out, 0xfd2fb528, 4);
	/* FHD: 8-byte content size and a single segment, or a 128 KiB window. */
	if (!ret && fcs)
		ret = buf_le(out, 0xe0, 1) || buf_le(out, len, 8);
	else if (!ret)
		ret = buf_le(out, 0x00, 1) || buf_le(out, 7 << 3, 1);
	do {
		n = len - at < ZSTD_BLOCK ? len - at : ZSTD_BLOCK;
		ret = ret || buf_le(out, (n << 3) | (at + n == len), 3) ||
		      buf_put(out, in + at, n);
		at += n;
	} while (!ret && at < len);
	return ret ? -1 : 0;
}

/* An EFI zboot image (drivers/firmware/efi/libstub/zboot-header.S) of @in. */
static int zboot_wrap(const unsigned char *in, size_t len,
		      enum zboot_method m, struct buf *out)
{
	unsigned char head[ZBOOT_PAYLOAD] = { 'M', 'Z' };
	struct buf payload = { 0 };
	int ret;

	ret = m == ZB_GZIP ? gzip_stored(in, len, &payload) :
	      zstd_raw(in, len, m == ZB_ZSTD_FCS || m == ZB_ZSTD_FCS_NOSIZE,
		       &payload);
	if (ret)
		goto out;
	memcpy(head + 0x04, "zimg", 4);
	put_le(head + 0x08, ZBOOT_PAYLOAD, 4);
	put_le(head + 0x0c, payload.len, 4);
	memcpy(head + 0x18, m == ZB_GZIP ? "gzip" : "zstd", 4);
	put_le(head + 0x38, 0x818223cd, 4);	/* LINUX_PE_MAGIC */
	put_le(head + 0x3c, 0x40, 4);
	memcpy(head + 0x40, "PE\0\0", 4);
	put_le(head + 0x44, 0xaa64, 2);
	ret = buf_put(out, head, sizeof(head)) ||
	      buf_put(out, payload.p, payload.len);
	if (!ret && (m == ZB_ZSTD || m == ZB_ZSTD_FCS))
		ret = buf_le(out, len, 4);	/* zboot-size-len-y = 4 */
out:
	free(payload.p);
	return ret ? -1 : 0;
}

/* The file offset @off means in @len bytes; false when @n bytes do not fit. */
static bool op_at(long long off, unsigned int n, size_t len, size_t *at)
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
		ret = gzip_stored(b->p, b->len, &w);
		break;
	default:
		ret = zboot_wrap(b->p, b->len, o->val, &w);
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
		return snprintf(s, size, "zb:%s", zboot_names[o->val]);
	}
}

static void recipe_format(const struct recipe *r, char *s, size_t size)
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
		for (i = 0; i < ARRAY_SIZE(zboot_names); i++)
			if (!strcmp(s + 3, zboot_names[i])) {
				o->val = i;
				return 0;
			}
	}
	return -1;
}

static int recipe_parse(const char *text, struct recipe *r)
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
static int recipe_build(const struct recipe *r, const unsigned char *seed,
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

static unsigned char *map_file(const char *path, size_t *len)
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

static int materialize(const char *text, const char *dir, const char *out)
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

/* -------------------------------------------------------- generation --- */

/* splitmix64: each input's choices come from (seed, input number) alone. */
static uint64_t rng_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t rng_below(uint64_t *s, uint64_t n)
{
	return n ? rng_next(s) % n : 0;
}

/* How a field's values are chosen, beside 0, 1, all-ones and neighbours. */
enum field_kind {
	F_PLAIN,
	F_MAGIC,	/* a signature: one bit off */
	F_FOOTPRINT,	/* memory the kernel needs: RAM, half, crash region */
	F_DSIZE,	/* a declared decompressed size: the unwrap cap */
	F_FOFF,		/* an offset or length in the file */
	F_ALIGN,	/* an alignment */
	F_ADDR,		/* a physical address */
	F_FLAGS,	/* bits: one flipped */
	F_VERSION,	/* x86 boot protocol */
	F_COMP,		/* zboot compression name */
};

struct field {
	const char *name;
	long long off;		/* < 0: back from the end */
	unsigned int width;
	enum field_kind kind;
};

enum seed_format { S_RAW, S_ARM64, S_BZIMAGE, S_ZIMAGE, S_ZBOOT, S_GZIP, S_ELF };

struct seed {
	char name[128];
	unsigned char *data;	/* the seed file, mapped */
	size_t len;
	enum seed_format format;
	struct field fields[MAX_FIELDS];
	int nfields;
	int fd;			/* memfd with the seed, edited in place; -1 */
};

static struct seed seeds[MAX_SEEDS];
static int nseeds, nbig;

/* What the machine gives the generator. */
static uint64_t ram_bytes, crash_bytes, cap_bytes;

/* Is this seed one of the real kernels (big: slower to copy and wrap)? */
static bool big(const struct seed *s)
{
	return s->len > (1 << 20);
}

static void add_field(struct seed *s, const char *name, long long off,
		      unsigned int width, enum field_kind kind)
{
	if (s->nfields < MAX_FIELDS)
		s->fields[s->nfields++] = (struct field){ name, off, width, kind };
}

static const struct field arm64_fields[] = {
	{ "code0", 0x00, 4, F_PLAIN }, { "text_offset", 0x08, 8, F_FOOTPRINT },
	{ "image_size", 0x10, 8, F_FOOTPRINT }, { "flags", 0x18, 8, F_FLAGS },
	{ "res2", 0x20, 8, F_PLAIN }, { "magic", 0x38, 4, F_MAGIC },
	{ "pe_offset", 0x3c, 4, F_FOFF },
};

static const struct field bzimage_fields[] = {
	{ "setup_sects", 0x1f1, 1, F_PLAIN }, { "syssize", 0x1f4, 4, F_FOFF },
	{ "boot_flag", 0x1fe, 2, F_MAGIC }, { "jump", 0x200, 2, F_PLAIN },
	{ "header", 0x202, 4, F_MAGIC }, { "version", 0x206, 2, F_VERSION },
	{ "loadflags", 0x211, 1, F_FLAGS },
	{ "initrd_addr_max", 0x22c, 4, F_ADDR },
	{ "kernel_alignment", 0x230, 4, F_ALIGN },
	{ "relocatable_kernel", 0x234, 1, F_PLAIN },
	{ "min_alignment", 0x235, 1, F_PLAIN },
	{ "xloadflags", 0x236, 2, F_FLAGS }, { "cmdline_size", 0x238, 4, F_PLAIN },
	{ "payload_offset", 0x248, 4, F_FOFF },
	{ "payload_length", 0x24c, 4, F_FOFF },
	{ "pref_address", 0x258, 8, F_ADDR },
	{ "init_size", 0x260, 4, F_FOOTPRINT },
	{ "handover_offset", 0x264, 4, F_FOFF },
	{ "kernel_info_offset", 0x268, 4, F_FOFF },
};

static const struct field zimage_fields[] = {
	{ "magic", 0x24, 4, F_MAGIC }, { "start", 0x28, 4, F_ADDR },
	{ "end", 0x2c, 4, F_FOFF }, { "endian", 0x30, 4, F_MAGIC },
	{ "table_magic", 0x34, 4, F_MAGIC }, { "table_offset", 0x38, 4, F_FOFF },
};

static const struct field zboot_fields[] = {
	{ "mz", 0x00, 2, F_MAGIC }, { "zimg", 0x04, 4, F_MAGIC },
	{ "payload_offset", 0x08, 4, F_FOFF }, { "payload_size", 0x0c, 4, F_FOFF },
	{ "comp_type", 0x18, 8, F_COMP }, { "pe_offset", 0x3c, 4, F_FOFF },
};

static const struct field gzip_fields[] = {
	{ "gzip_magic", 0, 2, F_MAGIC }, { "gzip_cm", 2, 1, F_PLAIN },
	{ "gzip_flg", 3, 1, F_FLAGS }, { "gzip_mtime", 4, 4, F_PLAIN },
	{ "gzip_xfl", 8, 1, F_PLAIN }, { "gzip_os", 9, 1, F_PLAIN },
	{ "gzip_block", 10, 1, F_FLAGS },
	{ "gzip_crc", -8, 4, F_PLAIN }, { "gzip_isize", -4, 4, F_DSIZE },
};

/* ELF64 little-endian (the x86-64 vmlinux): the header's fields. */
static const struct field elf_fields[] = {
	{ "e_class", 0x04, 1, F_PLAIN }, { "e_type", 0x10, 2, F_PLAIN },
	{ "e_machine", 0x12, 2, F_PLAIN }, { "e_phoff", 0x20, 8, F_FOFF },
	{ "e_phentsize", 0x36, 2, F_PLAIN }, { "e_phnum", 0x38, 2, F_PLAIN },
};

#define ELF_PHDR_LEN		0x38
#define ELF_PT_LOAD		1
#define ELF_PT_NOTE		4
#define ELF_MAX_PHDRS		16

static void add_table(struct seed *s, const struct field *t, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		add_field(s, t[i].name, t[i].off, t[i].width, t[i].kind);
}

/* gzip fields of a member at @base; ISIZE and CRC stay relative to the end. */
static void add_gzip_fields(struct seed *s, long long base, long long end)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(gzip_fields); i++)
		add_field(s, gzip_fields[i].name,
			  gzip_fields[i].off < 0 ? end + gzip_fields[i].off :
			  base + gzip_fields[i].off, gzip_fields[i].width,
			  gzip_fields[i].kind);
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

/* The Xen notes of one PT_NOTE: the PVH entry and the RELOC window. */
static void add_elf_notes(struct seed *s, uint64_t at, uint64_t end)
{
	const unsigned char *b = s->data;
	uint64_t namesz, descsz, desc;
	int n;

	for (n = 0; n < 32 && at + 16 <= end && end <= s->len; n++) {
		namesz = get_le(b + at, 4);
		descsz = get_le(b + at + 4, 4);
		desc = at + 12 + ((namesz + 3) & ~3ULL);
		if (namesz == 4 && !memcmp(b + at + 12, "Xen", 4)) {
			add_field(s, "note_descsz", at + 4, 4, F_FOFF);
			if (get_le(b + at + 8, 4) == 18) {	/* PHYS32_ENTRY */
				add_field(s, "pvh_entry", desc, 4, F_ADDR);
			} else if (get_le(b + at + 8, 4) == 19) {	/* PHYS32_RELOC */
				add_field(s, "reloc_align", desc, 4, F_ALIGN);
				add_field(s, "reloc_min", desc + 4, 4, F_ADDR);
				add_field(s, "reloc_max", desc + 8, 4, F_ADDR);
			}
		}
		at = desc + ((descsz + 3) & ~3ULL);
	}
}

/* Each program header's offsets, sizes, address and alignment. */
static void add_elf_phdrs(struct seed *s)
{
	const unsigned char *b = s->data;
	uint64_t phoff = get_le(b + 0x20, 8), at, type;
	unsigned int i, phnum = get_le(b + 0x38, 2);

	for (i = 0; i < phnum && i < ELF_MAX_PHDRS; i++) {
		at = phoff + (uint64_t)i * ELF_PHDR_LEN;
		if (at > s->len || s->len - at < ELF_PHDR_LEN)
			return;
		type = get_le(b + at, 4);
		if (type != ELF_PT_LOAD && type != ELF_PT_NOTE)
			continue;
		add_field(s, "p_type", at, 4, F_PLAIN);
		add_field(s, "p_offset", at + 0x08, 8, F_FOFF);
		add_field(s, "p_filesz", at + 0x20, 8, F_FOFF);
		if (type == ELF_PT_NOTE) {
			add_elf_notes(s, get_le(b + at + 0x08, 8),
				      get_le(b + at + 0x08, 8) +
				      get_le(b + at + 0x20, 8));
			continue;
		}
		add_field(s, "p_paddr", at + 0x18, 8, F_ADDR);
		add_field(s, "p_memsz", at + 0x28, 8, F_FOOTPRINT);
		add_field(s, "p_align", at + 0x30, 8, F_ALIGN);
	}
}

static void describe_seed(struct seed *s)
{
	const unsigned char *b = s->data;
	size_t len = s->len;
	uint64_t end;

	if (len >= 8 && b[0] == 'M' && b[1] == 'Z' && !memcmp(b + 4, "zimg", 4)) {
		s->format = S_ZBOOT;
		add_table(s, zboot_fields, ARRAY_SIZE(zboot_fields));
		if (len < 0x40)
			return;
		end = get_le(b + 8, 4) + get_le(b + 12, 4);
		add_field(s, "zboot_size_word", end, 4, F_DSIZE);
		if (end <= len && !memcmp(b + 0x18, "gzip", 5))
			add_gzip_fields(s, get_le(b + 8, 4), end);
		else if (end <= len && !memcmp(b + 0x18, "zstd", 5))
			add_field(s, "zstd_fhd", get_le(b + 8, 4) + 4, 1, F_FLAGS);
	} else if (len >= 0x40 && get_le(b + 0x38, 4) == 0x644d5241) {
		s->format = S_ARM64;
		add_table(s, arm64_fields, ARRAY_SIZE(arm64_fields));
	} else if (len >= 0x206 && get_le(b + 0x1fe, 2) == 0xaa55 &&
		   get_le(b + 0x202, 4) == 0x53726448) {
		s->format = S_BZIMAGE;
		add_table(s, bzimage_fields, ARRAY_SIZE(bzimage_fields));
	} else if (len >= 0x28 && get_le(b + 0x24, 4) == 0x016f2818) {
		s->format = S_ZIMAGE;
		add_table(s, zimage_fields, ARRAY_SIZE(zimage_fields));
		add_zimage_table(s);
	} else if (len >= 2 && b[0] == 0x1f && b[1] == 0x8b) {
		s->format = S_GZIP;
		add_gzip_fields(s, 0, len);
	} else if (len >= 0x40 && !memcmp(b, "\177ELF\2\1", 6)) {
		s->format = S_ELF;
		add_table(s, elf_fields, ARRAY_SIZE(elf_fields));
		add_elf_phdrs(s);
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

static void generate(uint64_t seed, unsigned long i, struct recipe *r,
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

/* ------------------------------------------------------------ guest ---- */

static int kmsg_fd = -1, initrd_fd = -1;
static unsigned long findings;
static const char cmdline[] = "console=null kexec-fuzz";

/*
 * Errnos of the error contract (Documentation/admin-guide/kexec-file-images/contract.rst,
 * "The error contract", "Refusals outside the parsers" and each loader's
 * refusals) that these calls can meet:
 *   ENOEXEC       no loader recognises the file
 *   EINVAL        recognised but malformed, or a segment rule broken
 *   EOPNOTSUPP    well formed, not runnable here
 *   EADDRNOTAVAIL no place for a segment
 *   EFBIG         past a cap (the unwrap cap)
 *   ENOMEM        memory ran out
 *   EOVERFLOW     arm: a memory range that ELF32 core headers cannot hold
 * The contract's others cannot be the answer here, so they are findings:
 * EPERM (root, no lockdown), EBUSY (nothing else holds kexec_lock in this
 * guest), EBADF and EFAULT (the fds and command line are valid), and the
 * signature errnos ENODATA, EKEYREJECTED, EBADMSG, ENOKEY (the fuzz kernel
 * has no KEXEC_SIG).
 */
static bool errno_in_contract(int err)
{
	switch (err) {
	case ENOEXEC:
	case EINVAL:
	case EOPNOTSUPP:
	case EADDRNOTAVAIL:
	case EFBIG:
	case ENOMEM:
	case EOVERFLOW:
		return true;
	default:
		return false;
	}
}

/* A refusal's line: the loaders' and kexec_file's, or kexec_core's. */
static bool refusal_line(const char *msg)
{
	return !strncmp(msg, "kexec_file", 10) || !strncmp(msg, "kexec_core", 10);
}

/* Reports the kernel must never print. */
static const char * const bad_signs[] = {
	"WARNING:", "BUG:", "KASAN", "UBSAN", "Oops", "Internal error:",
	"Unable to handle kernel", "general protection fault",
	"kernel BUG at", "possible circular locking", "possible recursive locking",
	"inconsistent lock state", "suspicious RCU usage", "lockdep",
	"INFO: task", "blocked for more than", "soft lockup", "hard LOCKUP",
	"kmemleak", "Kernel panic",
};

static __printf(2, 3)
void report_finding(unsigned long input, const char *fmt, ...)
{
	va_list ap;

	printf("# fuzz-vm: finding %lu: input %lu: ", ++findings, input);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

/* Send what is written before the call: a crash in it keeps the recipe. */
static void drain(void)
{
	fflush(stdout);
	if (isatty(STDOUT_FILENO))
		tcdrain(STDOUT_FILENO);
}

/*
 * During the allocation failure sweep, fault injection reports the failure
 * it forces with a stack trace, and the allocators may add their own
 * (warn_alloc()): those are what was asked for, not findings. The frames of
 * the first trace say where the allocation was made.
 */
static bool sweeping;
static char fault_site[256];

static bool trace_line(const char *msg)
{
	static const char * const starts[] = {
		"FAULT_INJECTION", "name fail", "CPU: ", "Hardware name:",
		"Call Trace:", "Call trace:", "<TASK>", "</TASK>", "Backtrace:",
		"kmemleak: Cannot allocate",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(starts); i++)
		if (!strncmp(msg, starts[i], strlen(starts[i])))
			return true;
	return strstr(msg, "+0x");
}

/* Adds the function of a frame line to fault_site, past the injector's own. */
static void note_frame(const char *msg)
{
	static const char * const skip[] = {
		"dump_stack", "__dump_stack", "show_stack", "fail_dump",
		"should_fail", "__should_fail",
	};
	char name[64];
	unsigned int i;
	size_t len;

	msg += strspn(msg, " ");
	if (*msg == '?')
		return;		/* a stale address the unwinder met on the stack */
	len = strcspn(msg, "+ ");
	if (!len || !strstr(msg, "+0x") || len >= sizeof(name) ||
	    strlen(fault_site) + len + 4 >= sizeof(fault_site))
		return;
	memcpy(name, msg, len);
	name[len] = '\0';
	for (i = 0; i < ARRAY_SIZE(skip); i++)
		if (!strncmp(name, skip[i], strlen(skip[i])))
			return;
	if (fault_site[0])
		strcat(fault_site, " < ");
	strcat(fault_site, name);
}

/*
 * Whether a record counts as a line of the refusal: kexec_file's and
 * kexec_core's, and any other error the load made the kernel log (another
 * subsystem's message would be a second line). Fault injection's own
 * reports and the stacks it prints are notices and warnings, not errors.
 */
static bool counted_line(const char *msg, int level)
{
	return refusal_line(msg) || level <= LOG_ERR;
}

/*
 * The concurrent mode's workers hold inputs and loaded kernels at once,
 * and may run the guest out of memory. The OOM killer's report, from
 * "... invoked oom-killer" to "Out of memory: Killed process ...", is no
 * refusal's and its stack is no checker's (run_workers() counts the
 * kills, and wants each killed worker to be the OOM killer's).
 */
static bool concurrent, in_oom_report;
static unsigned long oom_kills;

static bool oom_report_line(const char *msg)
{
	if (!concurrent)
		return false;
	if (strstr(msg, " invoked oom-killer: "))
		in_oom_report = true;
	if (!strncmp(msg, "Out of memory: Killed process", 29)) {
		in_oom_report = false;
		oom_kills++;
		return true;
	}
	return in_oom_report;
}

/* Records since the last call: the refusal's lines counted, first one kept. */
static int judge_kmsg(unsigned long input, char *first, size_t size)
{
	char msg[2048];
	bool in_fault = false;
	unsigned int i;
	int lines = 0, level;

	first[0] = '\0';
	while (kmsg_next_record(kmsg_fd, msg, sizeof(msg), NULL, &level)) {
		if (oom_report_line(msg))
			continue;
		if (counted_line(msg, level) && !lines++)
			copy_text(first, size, msg);
		if (sweeping && trace_line(msg)) {
			if (!strncmp(msg, "FAULT_INJECTION", 15))
				in_fault = !fault_site[0];
			else if (in_fault)
				note_frame(msg);
			continue;
		}
		for (i = 0; i < ARRAY_SIZE(bad_signs); i++)
			if (strstr(msg, bad_signs[i])) {
				report_finding(input, "the kernel reported: %s", msg);
				break;
			}
	}
	return lines;
}

/* Load @fd as @r says and judge the answer. */
static void load_and_judge(unsigned long input, int fd, const struct recipe *r)
{
	unsigned long flags = (r->crash ? KEXEC_FILE_ON_CRASH : 0) |
			      (r->initrd ? 0 : KEXEC_FILE_NO_INITRAMFS);
	const char *loaded = r->crash ? "/sys/kernel/kexec_crash_loaded" :
			     "/sys/kernel/kexec_loaded";
	char line[1024], what[64];
	const char *name;
	long ret;
	int err, lines;

	ret = kexec_file_load(fd, r->initrd ? initrd_fd : -1,
			      r->cmdline ? cmdline : NULL, flags);
	err = errno;
	lines = judge_kmsg(input, line, sizeof(line));
	if (!ret) {
		printf("# fuzz-vm: input %lu: loaded\n", input);
		if (kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD |
				    (r->crash ? KEXEC_FILE_ON_CRASH : 0))) {
			snprintf(what, sizeof(what), "%s", strerror(errno));
			report_finding(input, "loaded, but the unload failed: %s",
				       what);
		}
		judge_kmsg(input, line, sizeof(line));
		return;
	}
	name = strerrorname_np(err) ? strerrorname_np(err) : "?";
	printf("# fuzz-vm: input %lu: %s: %s\n", input, name, line);
	if (!errno_in_contract(err))
		report_finding(input, "refused with %s, an errno outside the contract",
			       name);
	if (lines != 1)
		report_finding(input, "refused %s with %d kexec_file/kexec_core lines%s",
			       name, lines, lines ? " (the first shown above)" : "");
	if (read_long(loaded) != 0)
		report_finding(input, "refused, but %s is not 0", loaded);
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
static int input_fd(struct seed *s, const struct recipe *r, bool own,
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
static int restore_in_place(struct seed *s, size_t vlen)
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

static struct seed *find_seed(const char *name)
{
	int i;

	for (i = 0; i < nseeds; i++)
		if (!strcmp(seeds[i].name, name))
			return &seeds[i];
	return NULL;
}

static int seed_fd(struct seed *s)
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

static int load_seeds(const char *dir)
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

/* Size of the "Crash kernel" range of /proc/iomem, 0 when there is none. */
static uint64_t crash_region(void)
{
	unsigned long long start, end;
	char line[256];
	uint64_t size = 0;
	FILE *f = fopen("/proc/iomem", "re");

	while (f && fgets(line, sizeof(line), f))
		if (strstr(line, ": Crash kernel") &&
		    sscanf(line, " %llx-%llx", &start, &end) == 2)
			size = end - start + 1;
	if (f)
		fclose(f);
	return size;
}

static unsigned long param(const char *key, unsigned long def)
{
	char val[32];

	if (kernel_param(key, val, sizeof(val)))
		return def;
	return strtoul(val, NULL, 0);
}

/*
 * The allocation failure sweep. Fault injection fails the Nth allocation
 * of this task from now on (/proc/thread-self/fail-nth), from slab or the
 * page allocator; the knobs below make every allocation count, sleeping
 * and order 0 ones included, and have it print the stack of the
 * allocation it fails, which the findings quote (judge_kmsg()). The load
 * of the seed file that makes the fewest allocations is repeated with
 * N = 1, 2, ... until a load makes fewer than N allocations: each load
 * whose allocation N failed must be refused as any refusal is (an errno
 * of the contract, exactly one kexec_file or kexec_core line, nothing
 * loaded), or succeed if the kernel had a way around that allocation.
 */
#define FAIL_NTH		"/proc/thread-self/fail-nth"
#define SWEEP_MAX		20000
#define SWEEP_FAR		1000000000UL	/* never reached: counts */
#define SWEEP_SEED_MAX		MIB	/* seed files the sweep tries */

static const char * const fault_knobs[][2] = {
	{ "/sys/kernel/debug/failslab/ignore-gfp-wait", "N" },
	{ "/sys/kernel/debug/failslab/verbose", "2" },
	{ "/sys/kernel/debug/fail_page_alloc/ignore-gfp-wait", "N" },
	{ "/sys/kernel/debug/fail_page_alloc/ignore-gfp-highmem", "N" },
	{ "/sys/kernel/debug/fail_page_alloc/min-order", "0" },
	{ "/sys/kernel/debug/fail_page_alloc/verbose", "2" },
};

static int set_fault_knobs(void)
{
	unsigned int i;
	ssize_t len;
	int fd;

	for (i = 0; i < ARRAY_SIZE(fault_knobs); i++) {
		fd = open(fault_knobs[i][0], O_WRONLY | O_CLOEXEC);
		if (fd < 0)
			return -1;
		len = strlen(fault_knobs[i][1]);
		if (write(fd, fault_knobs[i][1], len) != len) {
			close(fd);
			return -1;
		}
		close(fd);
	}
	return 0;
}

/*
 * fail-nth through one fd opened beforehand, by pread and pwrite, which
 * allocate nothing: an open() between the load and the read would count.
 */
static int fail_nth_set(int fd, unsigned long n)
{
	char text[24];
	int len = snprintf(text, sizeof(text), "%lu", n);

	return pwrite(fd, text, len, 0) == len ? 0 : -1;
}

static long fail_nth_left(int fd)
{
	char text[24];
	ssize_t len = pread(fd, text, sizeof(text) - 1, 0);

	if (len <= 0)
		return -1;
	text[len] = '\0';
	return strtol(text, NULL, 10);
}

/*
 * The allocations a load of @s with @flags makes, counted by fault
 * injection with a failure set too far away to be reached; 0 when the
 * load fails without it (or cannot be counted).
 */
static unsigned long count_allocations(int nth, struct seed *s, unsigned long flags)
{
	char line[1024];
	long ret, left;

	if (seed_fd(s) || fail_nth_set(nth, SWEEP_FAR))
		return 0;
	ret = kexec_file_load(s->fd, initrd_fd, cmdline, flags);
	left = fail_nth_left(nth);
	fail_nth_set(nth, 0);
	if (!ret)
		kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD |
				(flags & KEXEC_FILE_ON_CRASH));
	judge_kmsg(0, line, sizeof(line));
	return ret || left <= 0 ? 0 : SWEEP_FAR - left;
}

/*
 * The seed file whose load with @flags, initrd and command line makes the
 * fewest allocations (a small footprint: its segment pages count), among
 * those small enough to be read quickly; its count in @count.
 */
static struct seed *fewest_allocations(int nth, unsigned long flags,
				       enum seed_format only, unsigned long *count)
{
	struct seed *best = NULL;
	unsigned long n;
	int i;

	*count = 0;
	for (i = 0; i < nseeds; i++) {
		if (seeds[i].len > SWEEP_SEED_MAX ||
		    (only != S_RAW && seeds[i].format != only))
			continue;
		n = count_allocations(nth, &seeds[i], flags);
		if (n && (!best || n < *count)) {
			best = &seeds[i];
			*count = n;
		}
	}
	return best;
}

/* Judges the load whose allocation @n failed; whether the sweep goes on. */
static bool judge_failed_allocation(int nth, unsigned long n, const struct seed *s,
				    unsigned long flags, const char *how)
{
	const char *loaded = (flags & KEXEC_FILE_ON_CRASH) ?
			     "/sys/kernel/kexec_crash_loaded" : "/sys/kernel/kexec_loaded";
	char line[1024], after[1024], what[512];
	const char *name;
	long ret, left;
	int err, lines;

	fault_site[0] = '\0';
	if (fail_nth_set(nth, n)) {
		report_finding(0, "cannot write %s: %s", FAIL_NTH, strerror(errno));
		return false;
	}
	ret = kexec_file_load(s->fd, initrd_fd, cmdline, flags);
	err = errno;
	left = fail_nth_left(nth);
	fail_nth_set(nth, 0);
	lines = judge_kmsg(0, line, sizeof(line));
	snprintf(what, sizeof(what), "%s load of %s, allocation %lu failed (%s)", how,
		 s->name, n, fault_site[0] ? fault_site : "no stack");
	if (!ret && kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD |
				    (flags & KEXEC_FILE_ON_CRASH)))
		report_finding(0, "%s: loaded, but the unload failed: %s", what,
			       strerror(errno));
	judge_kmsg(0, after, sizeof(after));
	if (left != 0) {
		/* Fewer than n allocations: nothing failed, the sweep is over. */
		if (ret)
			report_finding(0, "%s load of %s failed with no allocation failed: %s",
				       how, s->name, strerror(err));
		return false;
	}
	if (!ret)
		return true;
	name = strerrorname_np(err) ? strerrorname_np(err) : "?";
	if (!errno_in_contract(err))
		report_finding(0, "%s: %s, an errno outside the contract", what, name);
	if (lines != 1)
		report_finding(0, "%s: refused %s with %d kexec_file/kexec_core lines%s%s",
			       what, name, lines, lines ? ", the first: " : "", line);
	if (read_long(loaded) != 0)
		report_finding(0, "%s: refused, but %s is not 0", what, loaded);
	return true;
}

/*
 * One sweep, of the seed file of format @only (S_RAW: any) that loads
 * with the fewest allocations; the seed file it loaded, or NULL. Without
 * one, a sweep of any format is a finding, one of a given format is not.
 */
static struct seed *sweep(int nth, unsigned long flags, enum seed_format only,
			  const char *how)
{
	unsigned long before = findings, n, count;
	struct seed *s = fewest_allocations(nth, flags, only, &count);

	if (!s && only != S_RAW) {
		printf("# fuzz-vm: alloc_failures: %s load: no seed file of this format loads\n",
		       how);
		return NULL;
	}
	if (!s) {
		report_finding(0, "%s load: no seed file loads as it is", how);
		return NULL;
	}
	printf("# fuzz-vm: alloc_failures: %s load of %s (%zu bytes, %lu allocations)\n",
	       how, s->name, s->len, count);
	drain();
	for (n = 1; n <= SWEEP_MAX; n++)
		if (!judge_failed_allocation(nth, n, s, flags, how))
			break;
	if (n > SWEEP_MAX)
		report_finding(0, "%s load of %s: more than %d allocations", how,
			       s->name, SWEEP_MAX);
	printf("# fuzz-vm: alloc_failures: %s load: %lu allocations failed in turn, %lu findings\n",
	       how, n - 1, findings - before);
	return s;
}

/*
 * Allocations the sweep cannot refuse: kvmalloc() answers its kmalloc()
 * failing with vmalloc(), which absorbs one failure. Fault injection's
 * stack filter fails every allocation made under one function instead, as
 * long as the load lasts; the load must then be refused with the errno
 * and the one line below. of_kexec_alloc_and_setup_fdt() copies this
 * kernel's DT for the next one (arm64 and arm): its failure ends the load
 * at once, whatever the placement loops around it would try next.
 */
struct targeted_failure {
	const char *function;
	int err;
	const char *line;	/* the refusal's line contains it */
};

static const struct targeted_failure targeted[] = {
	{ "of_kexec_alloc_and_setup_fdt", ENOMEM, "device tree" },
};

static const char * const fault_dirs[] = {
	"/sys/kernel/debug/failslab", "/sys/kernel/debug/fail_page_alloc",
};

#define MAKE_IT_FAIL		"/proc/thread-self/make-it-fail"

static int write_text(const char *path, const char *text)
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

/* Where @name's text lies in /proc/kallsyms: [*start, *end); -1 if absent. */
static int function_range(const char *name, unsigned long *start,
			  unsigned long *end)
{
	FILE *f = fopen("/proc/kallsyms", "r");
	unsigned long addr;
	char type, sym[256];

	*start = 0;
	*end = ULONG_MAX;
	if (!f)
		return -1;
	while (fscanf(f, "%lx %c %255s%*[^\n]", &addr, &type, sym) == 3)
		if ((type == 't' || type == 'T') && !strcmp(sym, name)) {
			*start = addr;
			break;
		}
	rewind(f);
	while (*start && fscanf(f, "%lx %c %255s%*[^\n]", &addr, &type, sym) == 3)
		if (addr > *start && addr < *end)
			*end = addr;
	fclose(f);
	return *start && *end != ULONG_MAX ? 0 : -1;
}

static int set_probability(const char *value)
{
	char path[128];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(fault_dirs); i++) {
		snprintf(path, sizeof(path), "%s/probability", fault_dirs[i]);
		if (write_text(path, value))
			return -1;
	}
	return 0;
}

/*
 * Every allocation under [start, end) of this task fails, or with @start
 * 0 none does. The probability goes up last and down first: while it is
 * up, every allocation that passes the filters fails, the writes that set
 * them included. The range goes back to all of memory afterwards, since
 * fail-nth counts only the allocations the stack filter lets through.
 */
static int fail_under(unsigned long start, unsigned long end)
{
	static const char * const knobs[][2] = {
		{ "interval", "1" }, { "times", "-1" }, { "space", "0" },
		{ "task-filter", "Y" }, { "stacktrace-depth", "32" },
	};
	char path[128], text[32];
	unsigned int i, k;

	if (!start && (set_probability("0") || write_text(MAKE_IT_FAIL, "0")))
		return -1;
	if (!start)
		end = ULONG_MAX;
	for (i = 0; i < ARRAY_SIZE(fault_dirs); i++) {
		for (k = 0; start && k < ARRAY_SIZE(knobs); k++) {
			snprintf(path, sizeof(path), "%s/%s", fault_dirs[i], knobs[k][0]);
			if (write_text(path, knobs[k][1]))
				return -1;
		}
		snprintf(path, sizeof(path), "%s/require-start", fault_dirs[i]);
		snprintf(text, sizeof(text), "%#lx", start);
		if (write_text(path, text))
			return -1;
		snprintf(path, sizeof(path), "%s/require-end", fault_dirs[i]);
		snprintf(text, sizeof(text), "%#lx", end);
		if (write_text(path, text))
			return -1;
	}
	if (!start)
		return 0;
	if (write_text(MAKE_IT_FAIL, "1"))
		return -1;
	return set_probability("100");
}

/* Loads @s with every allocation under @t->function failing, and judges it. */
static void judge_targeted_failure(const struct targeted_failure *t,
				   struct seed *s, unsigned long flags,
				   const char *how)
{
	const char *loaded = (flags & KEXEC_FILE_ON_CRASH) ?
			     "/sys/kernel/kexec_crash_loaded" : "/sys/kernel/kexec_loaded";
	unsigned long start, end;
	char line[1024], what[256];
	const char *name;
	long ret;
	int err, lines;

	if (function_range(t->function, &start, &end)) {
		printf("# fuzz-vm: alloc_failures: no %s in this kernel's symbols\n",
		       t->function);
		return;
	}
	snprintf(what, sizeof(what), "%s load of %s, every allocation under %s failed",
		 how, s->name, t->function);
	judge_kmsg(0, line, sizeof(line));
	if (fail_under(start, end)) {
		report_finding(0, "%s: cannot set fault injection's stack filter: %s",
			       what, strerror(errno));
		fail_under(0, 0);
		return;
	}
	ret = kexec_file_load(s->fd, initrd_fd, cmdline, flags);
	err = errno;
	fail_under(0, 0);
	lines = judge_kmsg(0, line, sizeof(line));
	name = strerrorname_np(err) ? strerrorname_np(err) : "?";
	printf("# fuzz-vm: alloc_failures: %s: %s%s%s\n", what,
	       ret ? name : "loaded", lines ? ": " : "", line);
	if (!ret) {
		report_finding(0, "%s: loaded", what);
		kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD |
				(flags & KEXEC_FILE_ON_CRASH));
		judge_kmsg(0, line, sizeof(line));
		return;
	}
	if (err != t->err)
		report_finding(0, "%s: refused %s, not %s", what, name,
			       strerrorname_np(t->err));
	if (lines != 1 || !strstr(line, t->line))
		report_finding(0, "%s: refused with %d lines, not one naming \"%s\"%s%s",
			       what, lines, t->line, lines ? "; the first: " : "", line);
	if (read_long(loaded) != 0)
		report_finding(0, "%s: refused, but %s is not 0", what, loaded);
}

static void targeted_failures(struct seed *s, unsigned long flags, const char *how)
{
	unsigned int i;

	for (i = 0; s && i < ARRAY_SIZE(targeted); i++)
		judge_targeted_failure(&targeted[i], s, flags, how);
}

/* KTAP result 2: every allocation of a load failed in turn. */
static void alloc_failures_result(bool crash_ok)
{
	unsigned long before = findings;
	int nth;

	if (access(FAIL_NTH, W_OK)) {
		printf("ok 2 alloc_failures # SKIP no %s: kernel without CONFIG_FAULT_INJECTION\n",
		       FAIL_NTH);
		return;
	}
	nth = open(FAIL_NTH, O_RDWR | O_CLOEXEC);
	if (nth < 0 || set_fault_knobs()) {
		printf("not ok 2 alloc_failures # fault injection's knobs: %s\n",
		       strerror(errno));
		report_finding(0, "cannot set up fault injection: %s", strerror(errno));
		return;
	}
	sweeping = true;
	targeted_failures(sweep(nth, 0, S_RAW, "normal"), 0, "normal");
	if (crash_ok)
		targeted_failures(sweep(nth, KEXEC_FILE_ON_CRASH, S_RAW, "crash"),
				  KEXEC_FILE_ON_CRASH, "crash");
	/*
	 * The ELF loader (x86_64) has allocations of its own: the start info,
	 * its memory map, the loader data. An ELF seed file never makes the
	 * fewest allocations of all, so the ELF files get sweeps of their own.
	 */
	sweep(nth, 0, S_ELF, "ELF normal");
	if (crash_ok)
		sweep(nth, KEXEC_FILE_ON_CRASH, S_ELF, "ELF crash");
	sweeping = false;
	close(nth);
	printf("%s 2 alloc_failures\n", findings > before ? "not ok" : "ok");
}

/* KTAP result 3: what kmemleak finds once the campaign is over. */
static void kmemleak_result(void)
{
	char report[4096], *line, *p;
	int n = 0;

	if (access(KMEMLEAK, R_OK)) {
		printf("ok 3 kmemleak # SKIP no %s: kernel without CONFIG_DEBUG_KMEMLEAK\n",
		       KMEMLEAK);
		return;
	}
	sleep(6);	/* kmemleak reports objects older than 5 s */
	if (kmemleak_command("scan") || kmemleak_command("scan")) {
		printf("not ok 3 kmemleak # scan failed: %s\n", strerror(errno));
		return;
	}
	if (read_text(KMEMLEAK, report, sizeof(report)) > 0) {
		report_finding(0, "kmemleak reports unreferenced objects");
		p = report;
		while ((line = strsep(&p, "\n")) && n++ < 24)
			printf("# %s\n", line);
		printf("not ok 3 kmemleak\n");
		return;
	}
	printf("ok 3 kmemleak\n");
}

/* KTAP result 4: our own kernel loads after the campaign, then unloads. */
static void valid_load_result(void)
{
	int fd = open(KEXEC_TEST_DIR "/kernel", O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		report_finding(0, "no %s/kernel for the load after the campaign",
			       KEXEC_TEST_DIR);
		printf("not ok 4 valid_load_after # no %s/kernel\n", KEXEC_TEST_DIR);
		return;
	}
	if (kexec_file_load(fd, initrd_fd, cmdline, 0)) {
		report_finding(0, "our kernel does not load after the campaign: %s",
			       strerror(errno));
		printf("not ok 4 valid_load_after # kexec_file_load: %s\n",
		       strerror(errno));
	} else if (kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD)) {
		report_finding(0, "our kernel's unload after the campaign failed: %s",
			       strerror(errno));
		printf("not ok 4 valid_load_after # unload: %s\n", strerror(errno));
	} else {
		printf("ok 4 valid_load_after\n");
	}
	close(fd);
}

/* make fuzz-vm-repro: one file, loaded as kt.fuzz.repro= says. */
static int run_repro(const char *load)
{
	char text[64];
	struct recipe r;
	int fd;

	snprintf(text, sizeof(text), "seed=repro load=%s", load);
	recipe_parse(text, &r);
	printf("TAP version 13\n1..1\n");
	fd = open(KEXEC_FUZZ_REPRO, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		printf("not ok 1 repro # no %s\n", KEXEC_FUZZ_REPRO);
		return 1;
	}
	printf("# fuzz-vm: input 1: %s\n", text);
	drain();
	load_and_judge(1, fd, &r);
	close(fd);
	printf("# fuzz-vm: 1 inputs, %lu findings\n", findings);
	printf("%s 1 repro\n", findings ? "not ok" : "ok");
	return findings ? 1 : 0;
}

/*
 * The concurrent mode, kt.fuzz.workers=N with N > 1: N processes share
 * the campaign's inputs (input I goes to worker I mod N) and load them at
 * once, each unloading a normal or a crash kernel now and then, so that
 * loads, reloads, crash loads and unloads meet each other's locks. Whose
 * kernel line is whose cannot be told then, so the judge counts: every
 * refusal must carry an errno of the contract, EBUSY included (another
 * call holds the lock), and the log must hold exactly one refusal line per
 * refusal, and no report of any checker. Each input is built in a memfd
 * of its own, as the seeds' memfds are shared by the workers.
 */
#define MAX_WORKERS		8

struct worker_counts {
	unsigned long inputs, calls, refusals, busy, findings;
};

static bool conc_call(struct worker_counts *c, unsigned long input, int fd,
		      const struct recipe *r, unsigned long flags)
{
	bool unload = flags & KEXEC_FILE_UNLOAD;
	const char *name;
	long ret;

	ret = kexec_file_load(unload ? -1 : fd,
			      unload || !r->initrd ? -1 : initrd_fd,
			      !unload && r->cmdline ? cmdline : NULL, flags);
	c->calls++;
	if (!ret)
		return true;
	c->refusals++;
	c->busy += errno == EBUSY;
	if (errno != EBUSY && !errno_in_contract(errno)) {
		name = strerrorname_np(errno) ? strerrorname_np(errno) : "?";
		report_finding(input, "%s refused with %s, an errno outside the contract",
			       unload ? "an unload" : "a load", name);
	}
	return false;
}

static void conc_worker(unsigned int w, unsigned int workers,
			unsigned long seed, unsigned long inputs, double end,
			bool crash_ok, struct worker_counts *c)
{
	uint64_t rng = seed * 0x9e3779b97f4a7c15ULL + w + 1;
	char text[RECIPE_LEN];
	unsigned long i, flags;
	struct recipe r;
	struct seed *s;
	bool scratch;
	size_t vlen;
	int fd;

	for (i = w; !inputs || i < inputs; i += workers) {
		if (end && now_ms() >= end)
			break;
		generate(seed, i, &r, crash_ok, initrd_fd >= 0);
		recipe_format(&r, text, sizeof(text));
		s = find_seed(r.seed);
		fd = input_fd(s, &r, true, &scratch, &vlen);
		if (fd < 0) {
			report_finding(i + 1, "cannot make the input: %s",
				       strerror(errno));
			break;
		}
		printf("# fuzz-vm: input %lu: %s\n", i + 1, text);
		flags = (r.crash ? KEXEC_FILE_ON_CRASH : 0) |
			(r.initrd ? 0 : KEXEC_FILE_NO_INITRAMFS);
		conc_call(c, i + 1, fd, &r, flags);
		close(fd);
		c->inputs++;
		switch (rng_below(&rng, 4)) {
		case 0:
			conc_call(c, i + 1, -1, &r, KEXEC_FILE_UNLOAD);
			break;
		case 1:
			conc_call(c, i + 1, -1, &r,
				  KEXEC_FILE_UNLOAD | KEXEC_FILE_ON_CRASH);
			break;
		default:	/* left loaded: the next load replaces it */
			break;
		}
	}
	c->findings = findings;
}

/* Whether a worker runs yet; those killed are counted in @killed. */
static bool workers_running(pid_t *pids, unsigned int n, unsigned long *killed)
{
	unsigned int i, left = 0;
	int status;

	for (i = 0; i < n; i++) {
		if (pids[i] > 0 && waitpid(pids[i], &status, WNOHANG) == pids[i]) {
			pids[i] = 0;
			*killed += WIFSIGNALED(status);
		}
		left += pids[i] > 0;
	}
	return left;
}

/* The concurrent part of a campaign; its input count. */
static unsigned long run_workers(unsigned int workers, unsigned long seed,
				 unsigned long inputs, double end, bool crash_ok)
{
	struct worker_counts *c, sum = { 0 };
	pid_t pids[MAX_WORKERS];
	unsigned long lines = 0, killed = 0;
	unsigned int w;
	char first[1024];

	c = mmap(NULL, workers * sizeof(*c), PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (c == MAP_FAILED) {
		report_finding(0, "cannot share the workers' counts: %s",
			       strerror(errno));
		return 0;
	}
	memset(c, 0, workers * sizeof(*c));
	concurrent = true;
	/* Should memory run out, the OOM killer takes a worker, not the judge. */
	write_text("/proc/self/oom_score_adj", "-1000");
	for (w = 0; w < workers; w++) {
		pids[w] = fork();
		if (!pids[w]) {
			write_text("/proc/self/oom_score_adj", "0");
			conc_worker(w, workers, seed, inputs, end, crash_ok, &c[w]);
			fflush(stdout);
			_exit(0);
		}
		if (pids[w] < 0)
			report_finding(0, "cannot start worker %u: %s", w,
				       strerror(errno));
	}
	/* Drain the log while they run, so that it cannot overflow. */
	do {
		usleep(50000);
		lines += judge_kmsg(0, first, sizeof(first));
	} while (workers_running(pids, workers, &killed));
	lines += judge_kmsg(0, first, sizeof(first));
	concurrent = false;
	write_text("/proc/self/oom_score_adj", "0");
	for (w = 0; w < workers; w++) {
		sum.inputs += c[w].inputs;
		sum.calls += c[w].calls;
		sum.refusals += c[w].refusals;
		sum.busy += c[w].busy;
		findings += c[w].findings;
	}
	printf("# fuzz-vm: %u workers: %lu calls, %lu refused (%lu EBUSY), ",
	       workers, sum.calls, sum.refusals, sum.busy);
	printf("%lu refusal lines, %lu workers killed (%lu by the OOM killer)\n",
	       lines, killed, oom_kills);
	/*
	 * A killed worker's call in flight may have logged its line without
	 * the worker counting its refusal; a kill that was not the OOM
	 * killer's is a finding.
	 */
	if (lines < sum.refusals || lines > sum.refusals + killed)
		report_finding(0, "%lu refusals logged %lu kexec_file/kexec_core lines",
			       sum.refusals, lines);
	if (killed > oom_kills)
		report_finding(0, "%lu workers were killed, %lu by the OOM killer",
			       killed, oom_kills);
	kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD);
	kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD | KEXEC_FILE_ON_CRASH);
	judge_kmsg(0, first, sizeof(first));
	munmap(c, workers * sizeof(*c));
	return sum.inputs;
}

static int run_campaign(void)
{
	unsigned long seed = param("kt.fuzz.seed", 1);
	unsigned long inputs = param("kt.fuzz.inputs", 0);
	unsigned long seconds = param("kt.fuzz.seconds", 0);
	unsigned long workers = param("kt.fuzz.workers", 1);
	unsigned long concurrent = param("kt.fuzz.concurrent", 0);
	unsigned long i, start = 0, loads = 0;
	char text[RECIPE_LEN];
	double t0 = now_ms(), end;
	struct recipe r;
	struct seed *s;
	size_t vlen;
	bool scratch, crash_ok;
	int fd;

	cap_bytes = param("kt.fuzz.cap_mb", 64) * MIB;
	crash_bytes = crash_region();
	crash_ok = read_long("/sys/kernel/kexec_crash_size") > 0;
	if (!inputs && !seconds)
		inputs = 300;
	end = seconds ? t0 + seconds * 1e3 : 0;

	printf("TAP version 13\n1..4\n");
	if (load_seeds(KEXEC_FUZZ_SEEDS) <= 0) {
		printf("not ok 1 campaign # no seed files in %s\n", KEXEC_FUZZ_SEEDS);
		printf("ok 2 alloc_failures # SKIP no campaign\n");
		printf("ok 3 kmemleak # SKIP no campaign\n");
		printf("ok 4 valid_load_after # SKIP no campaign\n");
		return 1;
	}
	printf("# fuzz-vm: seed %lu, %d seed files, RAM 0x%llx, crash 0x%llx, cap %llu MiB\n",
	       seed, nseeds, (unsigned long long)ram_bytes,
	       (unsigned long long)crash_bytes,
	       (unsigned long long)(cap_bytes / MIB));
	if (workers > MAX_WORKERS)
		workers = MAX_WORKERS;
	/*
	 * The first kt.fuzz.concurrent inputs (all of them without it) go
	 * to the workers; the rest are loaded one at a time.
	 */
	if (workers > 1) {
		start = concurrent && (!inputs || concurrent < inputs) ?
			concurrent : inputs;
		loads = run_workers(workers, seed, start, end, crash_ok);
		if (!start) {
			start = loads;
			inputs = loads;
		}
	}
	for (i = start; !inputs || i < inputs; i++) {
		if (end && now_ms() >= end)
			break;
		generate(seed, i, &r, crash_ok, initrd_fd >= 0);
		recipe_format(&r, text, sizeof(text));
		s = find_seed(r.seed);
		if (seed_fd(s)) {
			report_finding(i + 1, "cannot make the seed's memfd: %s",
				       strerror(errno));
			break;
		}
		fd = input_fd(s, &r, false, &scratch, &vlen);
		if (fd < 0) {
			report_finding(i + 1, "cannot make the input: %s",
				       strerror(errno));
			break;
		}
		printf("# fuzz-vm: input %lu: %s\n", i + 1, text);
		drain();
		load_and_judge(i + 1, fd, &r);
		loads++;
		if (scratch)
			close(fd);
		else if (restore_in_place(s, vlen))
			report_finding(i + 1, "cannot restore the seed's memfd: %s",
				       strerror(errno));
	}
	printf("# fuzz-vm: %lu inputs in %.1f s, %.2f inputs/s\n", loads,
	       (now_ms() - t0) / 1e3, loads / ((now_ms() - t0) / 1e3));
	printf("%s 1 campaign\n", findings ? "not ok" : "ok");
	alloc_failures_result(crash_ok);
	kmemleak_result();
	valid_load_result();
	printf("# fuzz-vm: %lu inputs, %lu findings\n", loads, findings);
	return findings ? 1 : 0;
}

/*
 * --list SEEDDIR SEED N: the first N recipes of a campaign on the host,
 * with a machine of 768 MiB, a 160 MiB crash region and a 64 MiB cap.
 */
static int run_list(const char *dir, const char *seed, const char *count)
{
	unsigned long i, n = strtoul(count, NULL, 0);
	char text[RECIPE_LEN];
	struct recipe r;

	ram_bytes = 768 * MIB;
	crash_bytes = 160 * MIB;
	cap_bytes = 64 * MIB;
	if (load_seeds(dir) <= 0) {
		fprintf(stderr, "kexec_fuzz: no seed files in %s\n", dir);
		return 1;
	}
	for (i = 0; i < n; i++) {
		generate(strtoul(seed, NULL, 0), i, &r, true, true);
		recipe_format(&r, text, sizeof(text));
		printf("%s\n", text);
	}
	return 0;
}

/* Whether @fd holds exactly @b. */
static bool fd_holds(int fd, const struct buf *b)
{
	unsigned char chunk[65536];
	size_t at = 0;
	ssize_t n;

	while ((n = pread(fd, chunk, sizeof(chunk), at)) > 0) {
		if (at + n > b->len || memcmp(chunk, b->p + at, n))
			return false;
		at += n;
	}
	return !n && at == b->len;
}

/*
 * --selftest SEEDDIR SEED N: the in-place edits of the guest's fast path
 * give the bytes of the whole-copy path, and restoring gives the seed back.
 */
static int run_selftest(const char *dir, const char *seed, const char *count)
{
	unsigned long i, n = strtoul(count, NULL, 0), bad = 0, fast = 0;
	struct buf b = { 0 }, orig = { 0 };
	struct recipe r;
	struct seed *s;
	bool scratch;
	size_t vlen;
	int fd;

	ram_bytes = 768 * MIB;
	crash_bytes = 160 * MIB;
	cap_bytes = 64 * MIB;
	if (load_seeds(dir) <= 0)
		return 1;
	for (i = 0; i < n; i++) {
		generate(strtoul(seed, NULL, 0), i, &r, true, true);
		s = find_seed(r.seed);
		if (seed_fd(s) || recipe_build(&r, s->data, s->len, &b))
			return 1;
		fd = input_fd(s, &r, false, &scratch, &vlen);
		if (fd < 0)
			return 1;
		fast += !scratch;
		orig.p = s->data;
		orig.len = s->len;
		if (!fd_holds(fd, &b) ||
		    (scratch ? close(fd) : restore_in_place(s, vlen)) ||
		    !fd_holds(s->fd, &orig)) {
			char text[RECIPE_LEN];

			recipe_format(&r, text, sizeof(text));
			printf("mismatch: input %lu: %s\n", i + 1, text);
			bad++;
		}
	}
	printf("kexec_fuzz: %lu recipes, %lu edited in place, %lu mismatches\n",
	       n, fast, bad);
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct sysinfo si;
	char load[8];

	if (argc == 5 && !strcmp(argv[1], "--materialize"))
		return materialize(argv[2], argv[3], argv[4]);
	if (argc == 5 && !strcmp(argv[1], "--list"))
		return run_list(argv[2], argv[3], argv[4]);
	if (argc == 5 && !strcmp(argv[1], "--selftest"))
		return run_selftest(argv[2], argv[3], argv[4]);
	if (argc != 1) {
		fprintf(stderr, "usage: %s [--materialize RECIPE SEEDDIR OUT]\n"
			"       %s --list|--selftest SEEDDIR SEED N\n",
			argv[0], argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!sysinfo(&si))
		ram_bytes = (uint64_t)si.totalram * si.mem_unit;
	kmsg_fd = kmsg_open_at_end();
	initrd_fd = open(KEXEC_TEST_DIR "/initrd", O_RDONLY | O_CLOEXEC);
	if (kmsg_fd < 0) {
		printf("TAP version 13\n1..1\nnot ok 1 campaign # /dev/kmsg: %s\n",
		       strerror(errno));
		return 1;
	}
	if (!kernel_param("kt.fuzz.repro", load, sizeof(load)))
		return run_repro(load);
	return run_campaign();
}
