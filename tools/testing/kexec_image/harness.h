/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host harness for kernel/kexec_image.c: shared helpers of the unit tests.
 */
#ifndef KEXEC_IMAGE_HARNESS_H
#define KEXEC_IMAGE_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/kexec_image.h>

#include "kexec_image_layouts.h"

typedef int (*parse_fn)(const void *buf, size_t len,
			struct kexec_image_info *info);

struct buf {
	uint8_t *data;
	size_t len;
};

/* Results, one per named case (results.c). */
void pass(void);
__printf(3, 4)
void fail(const char *suite, const char *name, const char *fmt, ...);
/* A case that cannot run here, with the reason. */
void skip(const char *suite, const char *name, const char *why);
bool expect(bool ok, const char *suite, const char *name,
	    const char *what);
bool expect_u64(uint64_t got, uint64_t want, const char *suite,
		const char *name, const char *field);
/* Prints "hosttest: N passed, N failed, N skipped"; returns the failures. */
unsigned int results_print(void);
/* Parses every prefix of @base; cut < @enoexec_below must be -ENOEXEC,
 * and no prefix may crash or return anything but 0, -ENOEXEC, -EINVAL.
 */
void run_truncations(const char *suite, parse_fn parse,
		     const struct buf *base, size_t max_len,
		     size_t enoexec_below);

/* Buffers and the fields written into them (buf.c). */
struct buf buf_new(size_t len);
struct buf buf_copy(const struct buf *b, size_t len);
void buf_free(struct buf *b);
void put_le(uint8_t *p, unsigned int width, uint64_t val);
void put_be(uint8_t *p, unsigned int width, uint64_t val);
/* Up to @n patches, or to one of width 0; exits if one is outside @b. */
void apply_patches(struct buf *b, const struct kx_patch *p, size_t n);

/* samples.c: real kernels, their header and tail bytes, zeros between. */
struct buf sample_load(const char *name);
bool sample_write(const char *name, const char *path);
extern const char *samples_dir;
/* The directory of Debian's kernels (--debian), or NULL. */
extern const char *debian_dir;

/*
 * The synthetic images (kernel/tests/kexec_image_layouts*.c), each in a
 * buffer of exactly its length, so that ASan sees any read past it.
 */
struct buf make_uki_of(const struct kx_uki_sec *s, unsigned int n);
struct buf make_uki(void);
struct buf make_uki_profiles(void);
struct buf make_elf_notes(const struct kx_elf_note *n, unsigned int nr);
struct buf make_elf(void);
struct buf make_arm64(void);
struct buf make_riscv(void);
struct buf make_bzimage(uint16_t protocol);
struct buf make_zimage(bool big_endian);
struct buf make_zboot(const char *comp);
bool write_seeds(const char *dir);

/* The tables of kernel/tests/kexec_image_layouts*.c, every format's. */
void test_cases(void);
void test_arm64(void);
void test_riscv(void);
void test_bzimage(void);
void test_zimage(void);
void test_notes(void);
void test_zboot(void);
void test_gzip(void);
void test_unwrap(void);
void test_probe(void);
void test_uki(void);
void test_tool(const char *tool, const char *workdir);
/* @vmlinux: an x86-64 vmlinux to read, or NULL */
void test_elf(const char *vmlinux);

#endif
