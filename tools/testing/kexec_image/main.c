// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests for kernel/kexec_image.c, built from the kernel's own
 * source under ASan and UBSan. Prints one line per failing or skipped case
 * and ends with "hosttest: N passed, N failed, N skipped".
 *
 * Usage: kexec_image_test [--samples DIR] [--tool PATH --workdir DIR]
 *			   [--debian DIR] [--vmlinux FILE]
 *        kexec_image_test --seeds DIR	(write the fuzzers' seed corpus)
 *
 * --debian names a directory of Debian's kernels (DIR/x86_64/vmlinuz
 * for Debian's amd64 bzImage): the tool's cases on whole files run on
 * those there. --vmlinux names an x86-64 vmlinux built from this tree,
 * which the ELF reader must read (a counted skip where none is given).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static unsigned int passed, failed, skipped;
const char *samples_dir = "samples";
const char *debian_dir;

void pass(void)
{
	passed++;
}

void fail(const char *suite, const char *name, const char *fmt, ...)
{
	va_list args;

	failed++;
	printf("FAIL %s/%s: ", suite, name);
	va_start(args, fmt);
	vprintf(fmt, args);
	va_end(args);
	printf("\n");
}

void skip(const char *suite, const char *name, const char *why)
{
	skipped++;
	printf("SKIP %s/%s: %s\n", suite, name, why);
}

bool expect(bool ok, const char *suite, const char *name, const char *what)
{
	if (ok)
		pass();
	else
		fail(suite, name, "%s", what);
	return ok;
}

bool expect_u64(uint64_t got, uint64_t want, const char *suite,
		const char *name, const char *field)
{
	if (got == want) {
		pass();
		return true;
	}
	fail(suite, name, "%s is 0x%llx, want 0x%llx", field,
	     (unsigned long long)got, (unsigned long long)want);
	return false;
}

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

static const char *errname(int err)
{
	switch (err) {
	case 0:
		return "0";
	case -ENOEXEC:
		return "-ENOEXEC";
	case -EINVAL:
		return "-EINVAL";
	case -EOPNOTSUPP:
		return "-EOPNOTSUPP";
	default:
		return "other";
	}
}

void run_truncations(const char *suite, parse_fn parse,
		     const struct buf *base, size_t max_len,
		     size_t enoexec_below)
{
	struct kexec_image_info info;
	char name[64];
	size_t len;
	int ret;

	for (len = 0; len <= max_len && len <= base->len; len++) {
		struct buf cut = buf_copy(base, len);
		bool ok;

		ret = parse(cut.data, len, &info);
		buf_free(&cut);
		snprintf(name, sizeof(name), "truncated-to-0x%zx", len);
		if (len < enoexec_below)
			ok = ret == -ENOEXEC;
		else
			ok = ret == 0 || ret == -EINVAL;
		ok = ok && info.error == ret && (!ret || info.reason[0]);
		if (ok)
			pass();
		else
			fail(suite, name, "returned %s (reason: %s)",
			     errname(ret), info.reason);
	}
}

int main(int argc, char **argv)
{
	const char *tool = NULL, *workdir = NULL, *vmlinux = NULL;
	int i;

	for (i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--samples"))
			samples_dir = argv[i + 1];
		else if (!strcmp(argv[i], "--tool"))
			tool = argv[i + 1];
		else if (!strcmp(argv[i], "--workdir"))
			workdir = argv[i + 1];
		else if (!strcmp(argv[i], "--debian"))
			debian_dir = argv[i + 1];
		else if (!strcmp(argv[i], "--vmlinux"))
			vmlinux = argv[i + 1];
		else if (!strcmp(argv[i], "--seeds"))
			return write_seeds(argv[i + 1]) ? 0 : 2;
	}
	test_cases();
	test_arm64();
	test_bzimage();
	test_zimage();
	test_notes();
	test_zboot();
	test_gzip();
	test_unwrap();
	test_uki();
	test_elf(vmlinux);
	test_probe();
	if (tool && workdir)
		test_tool(tool, workdir);
	printf("hosttest: %u passed, %u failed, %u skipped\n", passed, failed,
	       skipped);
	return failed ? 1 : 0;
}
