// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_image_probe(): the fixed order and what each input becomes.
 */
#include <errno.h>
#include <string.h>

#include "harness.h"

#define S "probe"
#define NO_SIGNATURE \
	"no UKI, EFI zboot, arm64 Image, riscv Image, x86 bzImage, ELF, " \
	"arm zImage or gzip signature"

static void expect_probe(const char *name, const struct buf *b, int err,
			 enum kexec_image_format format)
{
	struct kexec_image_info info;
	int ret = kexec_image_probe(b->data, b->len, &info);

	if (ret != err || info.format != format || info.error != ret)
		fail(S, name, "returned %d format %s, want %d format %s (%s)",
		     ret, kexec_image_format_name(info.format), err,
		     kexec_image_format_name(format), info.reason);
	else
		pass();
}

/* The names kexec-image-info prints and the project's scripts match. */
static void test_names(void)
{
	static const struct {
		enum kexec_image_format format;
		const char *name;
	} names[] = {
		{ KEXEC_IMAGE_FMT_UNKNOWN, "unknown" },
		{ KEXEC_IMAGE_FMT_ARM64, "arm64-image" },
		{ KEXEC_IMAGE_FMT_RISCV, "riscv-image" },
		{ KEXEC_IMAGE_FMT_BZIMAGE, "x86-bzimage" },
		{ KEXEC_IMAGE_FMT_ZIMAGE, "arm-zimage" },
		{ KEXEC_IMAGE_FMT_EFI_ZBOOT, "efi-zboot" },
		{ KEXEC_IMAGE_FMT_GZIP, "gzip" },
		{ KEXEC_IMAGE_FMT_UKI, "uki" },
		{ KEXEC_IMAGE_FMT_ELF, "elf" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		expect(!strcmp(kexec_image_format_name(names[i].format),
			       names[i].name), S, names[i].name,
		       "format name differs");
}

void test_probe(void)
{
	struct buf a = make_arm64(), bz = make_bzimage(0x020f);
	struct buf rv = make_riscv();
	struct buf zi = make_zimage(false), zb = make_zboot("gzip");
	struct buf gz = buf_new(64), zero = buf_new(0x1000);
	struct buf none = buf_new(0), uk = make_uki(), el = make_elf();
	struct kexec_image_info info;

	gz.len = kx_build_gzip(gz.data, 0, 1);
	expect_probe("arm64", &a, 0, KEXEC_IMAGE_FMT_ARM64);
	expect_probe("riscv", &rv, 0, KEXEC_IMAGE_FMT_RISCV);
	expect_probe("bzimage", &bz, 0, KEXEC_IMAGE_FMT_BZIMAGE);
	expect_probe("zimage", &zi, 0, KEXEC_IMAGE_FMT_ZIMAGE);
	expect_probe("zboot", &zb, 0, KEXEC_IMAGE_FMT_EFI_ZBOOT);
	expect_probe("gzip", &gz, 0, KEXEC_IMAGE_FMT_GZIP);
	expect_probe("zeros", &zero, -ENOEXEC, KEXEC_IMAGE_FMT_UNKNOWN);
	expect_probe("empty", &none, -ENOEXEC, KEXEC_IMAGE_FMT_UNKNOWN);
	expect_probe("uki", &uk, 0, KEXEC_IMAGE_FMT_UKI);
	expect_probe("elf", &el, 0, KEXEC_IMAGE_FMT_ELF);
	/* Nothing matched: the reason names every format, in the probe's order. */
	kexec_image_probe(zero.data, zero.len, &info);
	expect(!strcmp(info.reason, NO_SIGNATURE), S, "reason", info.reason);

	/* An EFI-stub Image starts with "MZ" too, and stays an Image. */
	memcpy(a.data, "MZ", 2);
	expect_probe("arm64-efi-stub", &a, 0, KEXEC_IMAGE_FMT_ARM64);
	/* A riscv EFI-stub Image is a PE file too, and stays an Image. */
	memcpy(rv.data, "MZ", 2);
	put_le(rv.data + RV_PE_OFFSET, 4, 0x40);
	memcpy(rv.data + 0x40, "PE\0\0", 4);
	expect_probe("riscv-efi-stub", &rv, 0, KEXEC_IMAGE_FMT_RISCV);
	/* A recognised but broken image is reported, not skipped. */
	put_le(a.data + 0x10, 8, 0);
	expect_probe("arm64-broken", &a, -EINVAL, KEXEC_IMAGE_FMT_ARM64);
	put_le(rv.data + RV_TEXT, 8, 0x1000);
	expect_probe("riscv-broken", &rv, -EINVAL, KEXEC_IMAGE_FMT_RISCV);
	put_le(rv.data + RV_TEXT, 8, RV_TEXT_OFFSET);
	put_le(rv.data + RV_FLAGS, 8, 1);
	expect_probe("riscv-big-endian", &rv, -EOPNOTSUPP,
		     KEXEC_IMAGE_FMT_RISCV);
	put_le(bz.data + 0x230, 4, 3);
	expect_probe("bzimage-broken", &bz, -EINVAL, KEXEC_IMAGE_FMT_BZIMAGE);
	put_le(zb.data + 12, 4, 0);
	expect_probe("zboot-broken", &zb, -EINVAL, KEXEC_IMAGE_FMT_EFI_ZBOOT);
	/* A UKI without .linux is a broken UKI, not some other format. */
	uk.data[UK_SEC(UK_I_LINUX) + 1] = 'L';
	expect_probe("uki-broken", &uk, -EINVAL, KEXEC_IMAGE_FMT_UKI);
	gz.data[3] = 0xff;
	expect_probe("gzip-broken", &gz, -EINVAL, KEXEC_IMAGE_FMT_GZIP);
	/* An ELF file this reader does not read is refused, not passed on. */
	el.data[4] = 1;
	expect_probe("elf32", &el, -EOPNOTSUPP, KEXEC_IMAGE_FMT_ELF);
	el.data[4] = 2;
	put_le(el.data + EL_PH(1) + EL_P_PADDR, 8, EL_BASE);
	expect_probe("elf-broken", &el, -EINVAL, KEXEC_IMAGE_FMT_ELF);
	expect(!strcmp(kexec_image_format_name(99), "unknown"), S, "name-99",
	       "format 99 has a name");
	test_names();

	buf_free(&a);
	buf_free(&rv);
	buf_free(&bz);
	buf_free(&zi);
	buf_free(&zb);
	buf_free(&gz);
	buf_free(&zero);
	buf_free(&none);
	buf_free(&uk);
	buf_free(&el);
}
