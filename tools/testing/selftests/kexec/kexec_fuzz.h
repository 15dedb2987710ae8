/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kexec_fuzz: what its files share (kexec_fuzz.c says what the fuzzer does).
 *
 * The files, and who calls whom: a file calls only the files listed below
 * it, never one above, so that no two files call each other.
 *
 *   kexec_fuzz.c          main, the campaign loop, kt.fuzz.repro=, --list,
 *                         --selftest, the kmemleak and final-load results
 *   kexec_fuzz_workers.c  the concurrent mode (run_workers())
 *   kexec_fuzz_sweep.c    the allocation failure sweep (fail-nth) and the
 *                         targeted failures (alloc_failures_result())
 *   kexec_fuzz_judge.c    reads /dev/kmsg and judges each call's answer
 *   kexec_fuzz_gen.c      the seed files and the generator of recipes
 *   kexec_fuzz_recipe.c   recipes: parsed, printed and built into inputs
 *   kexec_fuzz_arm64.c, _bzimage.c, _elf.c, _gzip.c, _zboot.c, _zimage.c
 *                         one format each: its fields, and for a wrapper
 *                         (gzip, zboot) how to wrap a file in it
 *   kexec_fuzz_util.c     helpers: buffers, little-endian words, CRC32,
 *                         stored-deflate gzip members, field lists, files
 *
 * The engine (gen, recipe) reaches the formats only through the tables of
 * function pointers below (struct fuzz_format); a format calls nothing but
 * kexec_fuzz_util.c, which calls no other file of the fuzzer. Beside
 * calls, the files share the globals declared here, each under the
 * heading of the file that defines it.
 */
#ifndef KEXEC_FUZZ_H
#define KEXEC_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../kselftest.h"	/* __printf() */

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
#define MAX_WORKERS		8

/* ------------------------------------------------------------ recipes --- */

struct buf {
	unsigned char *p;
	size_t len, size;
};

enum op_kind { OP_SET, OP_XOR, OP_TRUNC, OP_GZIP, OP_ZBOOT };

enum zboot_method {
	ZB_GZIP, ZB_ZSTD, ZB_ZSTD_FCS, ZB_ZSTD_NOSIZE, ZB_ZSTD_FCS_NOSIZE,
	ZB_METHODS
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

/* ---------------------------------------------------------- seed files --- */

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

/* ------------------------------------------------------------- formats --- */

/*
 * What the engine knows of one format: whether a seed file is of it, the
 * fields of such a file that the generator sets (describe() adds them to
 * the seed, in an order the generator's choices depend on), and for the
 * wrappers, how to wrap a file in the format with one of its methods.
 */
struct fuzz_format {
	enum seed_format format;
	bool (*recognise)(const unsigned char *b, size_t len);
	void (*describe)(struct seed *s);
	int (*wrap)(const unsigned char *in, size_t len, unsigned int method,
		    struct buf *out);
	const char * const *methods;	/* the methods' names in recipes */
	unsigned int nmethods;
};

extern const struct fuzz_format fuzz_arm64, fuzz_bzimage, fuzz_elf,
	fuzz_gzip, fuzz_zboot, fuzz_zimage;

/* ---------------------------------------------------- kexec_fuzz_util.c --- */

int buf_put(struct buf *b, const void *p, size_t n);
int buf_le(struct buf *b, uint64_t v, unsigned int width);
void put_le(unsigned char *p, uint64_t v, unsigned int width);
int gzip_stored(const unsigned char *in, size_t len, struct buf *out);
bool op_at(long long off, unsigned int n, size_t len, size_t *at);
void add_field(struct seed *s, const char *name, long long off,
	       unsigned int width, enum field_kind kind);
void add_table(struct seed *s, const struct field *t, unsigned int n);
void add_gzip_fields(struct seed *s, long long base, long long end);
unsigned char *map_file(const char *path, size_t *len);
int write_text(const char *path, const char *text);

/* -------------------------------------------------- kexec_fuzz_recipe.c --- */

void recipe_format(const struct recipe *r, char *s, size_t size);
int recipe_parse(const char *text, struct recipe *r);
int recipe_build(const struct recipe *r, const unsigned char *seed,
		 size_t len, struct buf *out);
int materialize(const char *text, const char *dir, const char *out);
int input_fd(struct seed *s, const struct recipe *r, bool own,
	     bool *scratch, size_t *vlen);
int restore_in_place(struct seed *s, size_t vlen);

/* ----------------------------------------------------- kexec_fuzz_gen.c --- */

extern struct seed seeds[MAX_SEEDS];
extern int nseeds;
/* What the machine gives the generator. */
extern uint64_t ram_bytes, crash_bytes, cap_bytes;

uint64_t rng_below(uint64_t *s, uint64_t n);
void generate(uint64_t seed, unsigned long i, struct recipe *r,
	      bool crash_ok, bool initrd_ok);
struct seed *find_seed(const char *name);
int seed_fd(struct seed *s);
int load_seeds(const char *dir);

/* --------------------------------------------------- kexec_fuzz_judge.c --- */

extern int kmsg_fd, initrd_fd;
extern unsigned long findings;
extern const char * const cmdline;
/* Set by the sweep: fault injection's reports are asked for. */
extern bool sweeping;
extern char fault_site[256];
/* Set by run_workers(): the OOM killer's reports are left out, and counted. */
extern bool concurrent;
extern unsigned long oom_kills;

bool errno_in_contract(int err);
__printf(2, 3)
void report_finding(unsigned long input, const char *fmt, ...);
void drain(void);
int judge_kmsg(unsigned long input, char *first, size_t size);
void load_and_judge(unsigned long input, int fd, const struct recipe *r);

/* --------------------------------------------------- kexec_fuzz_sweep.c --- */

void alloc_failures_result(bool crash_ok);

/* ------------------------------------------------- kexec_fuzz_workers.c --- */

unsigned long run_workers(unsigned int workers, unsigned long seed,
			  unsigned long inputs, double end, bool crash_ok);

#endif /* KEXEC_FUZZ_H */
