// SPDX-License-Identifier: GPL-2.0
/*
 * The synthetic images of kernel/tests/kexec_image_layouts*.c, each in a
 * buffer of its own length, and the fuzzers' seed corpus made of them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "harness.h"

/* @build's image, moved into a buffer of exactly its length. */
static struct buf exact(struct buf b, size_t len)
{
	struct buf c;

	if (!len) {
		fprintf(stderr, "synthetic image does not fit its layout\n");
		exit(2);
	}
	c = buf_copy(&b, len);
	buf_free(&b);
	return c;
}

struct buf make_arm64(void)
{
	struct buf b = buf_new(KX_BUF_LEN);

	return exact(b, kx_build_arm64(b.data));
}

struct buf make_riscv(void)
{
	struct buf b = buf_new(KX_BUF_LEN);

	return exact(b, kx_build_riscv(b.data));
}

struct buf make_bzimage(uint16_t protocol)
{
	struct buf b = buf_new(KX_BUF_LEN);

	return exact(b, kx_build_bzimage(b.data, protocol));
}

struct buf make_zimage(bool big_endian)
{
	struct buf b = buf_new(KX_BUF_LEN);

	return exact(b, kx_build_zimage(b.data, big_endian));
}

struct buf make_zboot(const char *comp)
{
	struct buf b = buf_new(KX_BUF_LEN);

	return exact(b, kx_build_zboot(b.data, comp));
}

struct buf make_uki_of(const struct kx_uki_sec *s, unsigned int n)
{
	struct buf b = buf_new(KX_BUF_LEN);

	return exact(b, kx_build_uki_of(b.data, s, n));
}

struct buf make_uki(void)
{
	struct buf b = buf_new(KX_BUF_LEN);

	return exact(b, kx_build_uki(b.data));
}

struct buf make_uki_profiles(void)
{
	struct buf b = buf_new(KX_BUF_LEN);

	return exact(b, kx_build_uki_profiles(b.data));
}

struct buf make_elf_notes(const struct kx_elf_note *n, unsigned int nr)
{
	struct buf b = buf_new(KX_BUF_LEN);

	return exact(b, kx_build_elf_notes(b.data, n, nr));
}

struct buf make_elf(void)
{
	return make_elf_notes(kx_elf_std_notes, EL_NR_NOTES);
}

static bool write_seed(const char *dir, const char *target, const char *name,
		       const void *data, size_t len)
{
	char path[4096];
	FILE *f;
	bool ok;

	snprintf(path, sizeof(path), "%s/%s", dir, target);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/%s/%s", dir, target, name);
	f = fopen(path, "wb");
	if (!f)
		return false;
	ok = fwrite(data, 1, len, f) == len;
	return fclose(f) == 0 && ok;
}

/* The seed corpus of each fuzz target: the valid synthetic images. */
bool write_seeds(const char *dir)
{
	static const struct kx_uki_sec linux_only = { ".linux", NULL, 0x40 };
	static const uint8_t gzip_flags[] = { 0, 0x02, 0x04, 0x08, 0x10, 0x1f };
	struct buf a = make_arm64(), bz = make_bzimage(0x020f);
	struct buf bz4 = make_bzimage(0x0204), zi = make_zimage(false);
	struct buf rv = make_riscv();
	struct buf zib = make_zimage(true), zb = make_zboot("gzip");
	struct buf zs = make_zboot("zstd"), uk = make_uki();
	struct buf ukp = make_uki_profiles(), uk1 = make_uki_of(&linux_only, 1);
	struct buf el = make_elf(), el3 = make_elf_notes(kx_elf_std_notes, 3);
	uint8_t gz[64] = {}, notes[1 + ZI_NOTES_SIZE];
	char name[32];
	bool ok = true;
	size_t i;

	mkdir(dir, 0755);
	ok &= write_seed(dir, "arm64", "image", a.data, a.len);
	ok &= write_seed(dir, "riscv", "image", rv.data, rv.len);
	ok &= write_seed(dir, "bzimage", "protocol-2.15", bz.data, bz.len);
	ok &= write_seed(dir, "bzimage", "protocol-2.04", bz4.data, bz4.len);
	ok &= write_seed(dir, "zimage", "le", zi.data, zi.len);
	ok &= write_seed(dir, "zimage", "be", zib.data, zib.len);
	ok &= write_seed(dir, "zboot", "gzip", zb.data, zb.len);
	ok &= write_seed(dir, "zboot", "zstd", zs.data, zs.len);
	ok &= write_seed(dir, "uki", "every-section", uk.data, uk.len);
	ok &= write_seed(dir, "uki", "profiles", ukp.data, ukp.len);
	ok &= write_seed(dir, "uki", "linux-only", uk1.data, uk1.len);
	ok &= write_seed(dir, "elf", "vmlinux", el.data, el.len);
	ok &= write_seed(dir, "elf", "no-pvh-notes", el3.data, el3.len);
	for (i = 0; i < sizeof(gzip_flags); i++) {
		size_t len = kx_build_gzip(gz, gzip_flags[i], 0x1000);

		snprintf(name, sizeof(name), "flags-0x%02x", gzip_flags[i]);
		ok &= write_seed(dir, "gzip", name, gz, len);
	}
	notes[0] = 0;
	memcpy(notes + 1, zi.data + ZI_NOTES, ZI_NOTES_SIZE);
	ok &= write_seed(dir, "notes", "le", notes, sizeof(notes));
	notes[0] = 1;
	memcpy(notes + 1, zib.data + ZI_NOTES, ZI_NOTES_SIZE);
	ok &= write_seed(dir, "notes", "be", notes, sizeof(notes));
	buf_free(&a);
	buf_free(&rv);
	buf_free(&bz);
	buf_free(&bz4);
	buf_free(&zi);
	buf_free(&zib);
	buf_free(&zb);
	buf_free(&zs);
	buf_free(&uk);
	buf_free(&ukp);
	buf_free(&uk1);
	buf_free(&el);
	buf_free(&el3);
	return ok;
}
