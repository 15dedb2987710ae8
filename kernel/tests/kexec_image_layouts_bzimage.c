// SPDX-License-Identifier: GPL-2.0
/*
 * The x86 bzImage's test layout: kx_build_bzimage() and the table of its
 * cases; see kexec_image_layouts.c.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kexec_image.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "kexec_image_layouts.h"

/**
 * kx_bzimage_fields_end() - where a boot protocol's setup header ends
 * @protocol: the version, 0x0200 and up
 *
 * From Documentation/arch/x86/boot.rst: the end of the last field of
 * each version.
 *
 * Return: the offset one past that field.
 */
size_t kx_bzimage_fields_end(u16 protocol)
{
	if (protocol >= 0x020f)
		return 0x26c;	/* kernel_info_offset */
	if (protocol >= 0x020b)
		return 0x268;	/* handover_offset */
	if (protocol >= 0x020a)
		return 0x264;	/* pref_address, init_size */
	if (protocol >= 0x0209)
		return 0x258;	/* setup_data */
	if (protocol >= 0x0208)
		return 0x250;	/* payload_offset, payload_length */
	if (protocol >= 0x0207)
		return 0x248;	/* hardware_subarch(_data) */
	if (protocol >= 0x0206)
		return 0x23c;	/* cmdline_size */
	if (protocol >= 0x0205)
		return 0x235;	/* kernel_alignment, relocatable_kernel */
	if (protocol >= 0x0203)
		return 0x230;	/* initrd_addr_max */
	if (protocol >= 0x0202)
		return 0x22c;	/* cmd_line_ptr */
	if (protocol >= 0x0201)
		return 0x226;	/* heap_end_ptr */
	return 0x224;		/* bootsect_kludge */
}

/**
 * kx_build_bzimage() - a relocatable 64-bit bzImage of boot protocol @protocol
 * @buf: a zeroed buffer of %KX_BUF_LEN bytes
 * @protocol: the version; the header ends at its last field, and the
 *	fields of later versions hold values an older parser must ignore
 *
 * Return: the image's length, %BZ_LEN.
 */
size_t kx_build_bzimage(u8 *buf, u16 protocol)
{
	u8 *code = buf + BZ_SETUP;

	buf[0x1f1] = BZ_SETUP / 512 - 1;			/* setup_sects */
	put_unaligned_le32(BZ_CODE / 16, buf + 0x1f4);		/* syssize */
	put_unaligned_le16(0xaa55, buf + 0x1fe);
	buf[0x200] = 0xeb;
	buf[0x201] = kx_bzimage_fields_end(protocol) - 0x202;
	memcpy(buf + 0x202, "HdrS", 4);
	put_unaligned_le16(protocol, buf + 0x206);
	buf[0x211] = 0x01;					/* LOADED_HIGH */
	put_unaligned_le32(0x7fffffff, buf + 0x22c);		/* initrd_addr_max */
	put_unaligned_le32(0x200000, buf + 0x230);		/* kernel_alignment */
	buf[0x234] = 1;						/* relocatable */
	buf[0x235] = 21;					/* min_alignment */
	put_unaligned_le16(0x0b, buf + 0x236);	/* 64-bit entry, above 4G, handover 64 */
	put_unaligned_le32(0x7ff, buf + 0x238);			/* cmdline_size */
	put_unaligned_le32(0x100, buf + 0x248);			/* payload_offset */
	put_unaligned_le32(0x1000, buf + 0x24c);		/* payload_length */
	put_unaligned_le64(0x1000000, buf + 0x258);		/* pref_address */
	put_unaligned_le32(0x100000, buf + 0x260);		/* init_size */
	put_unaligned_le32(0x190, buf + 0x264);			/* handover_offset */
	put_unaligned_le32(BZ_KINFO, buf + 0x268);		/* kernel_info_offset */
	memcpy(code + BZ_KINFO, "LToP", 4);
	put_unaligned_le32(0x10, code + BZ_KINFO + 4);		/* header size */
	put_unaligned_le32(0x20, code + BZ_KINFO + 8);		/* size_total */
	return BZ_LEN;
}

/*
 * x86 bzImage setup header: Documentation/arch/x86/boot.rst. The variant
 * is the boot protocol, 0 for 2.15.
 */
#define BZ_KALIGN(v)	P4(0x230, v)
#define BZ_MINALIGN(v)	P1(0x235, v)
#define BZ_XLF(v)	P2(0x236, v)
#define BZ_POFF(v)	P4(0x248, v)
#define BZ_PLEN(v)	P4(0x24c, v)
#define BZ_PREF(v)	P8(0x258, v)
#define BZ_INIT(v)	P4(0x260, v)
#define BZ_HANDOVER(v)	P4(0x264, v)
#define BZ_KINFO_OFF(v)	P4(0x268, v)
#define BZ_KINFO_TOTAL(v) P4(BZ_SETUP + BZ_KINFO + 8, v)

/* The parser reads <asm/bootparam.h>, which only x86 has. */
#ifdef CONFIG_KEXEC_IMAGE_BZIMAGE
static const struct kx_case kx_bzimage_cases[] = {
	{ "valid", {}, 0, 0, NULL },
	{ "boot-flag", { P2(0x1fe, 0xaa56) }, 0, -ENOEXEC, "0xaa55" },
	{ "hdrs", { P4(0x202, 0x53726449) }, 0, -ENOEXEC, "HdrS" },
	{ "hdrs-lower-case", { P1(0x202, 'h') }, 0, -ENOEXEC, NULL },
	{ "protocol-1.xx", { P2(0x206, 0x0115) }, 0, -EINVAL,
	  "protocol 0x0115 is not a 2.xx" },
	{ "protocol-3.00", { P2(0x206, 0x0300) }, 0, -EINVAL, "not a 2.xx" },
	{ "protocol-future-2.ff", { P2(0x206, 0x02ff) }, 0, 0, NULL },
	{ "jump-not-short", { P1(0x200, 0xe9) }, 0, -EINVAL, "short jump" },
	{ "header-end-short", { P1(0x201, 0x69) }, 0, -EINVAL,
	  "ends at 0x26b but protocol 2.15 needs it to reach 0x26c" },
	{ "header-end-max", { P1(0x201, 0xff) }, 0, 0, NULL },
	{ "setup-sects-0-means-4",
	  { P1(0x1f1, 0), P4(0x1f4, 0x100),
	    BZ_KINFO_OFF(BZ_SETUP + BZ_KINFO - 0xa00) }, 0, 0, NULL },
	{ "setup-sects-fill-file", { P1(0x1f1, BZ_LEN / 512 - 1) }, 0, -EINVAL,
	  "not inside the file" },
	{ "setup-sects-max", { P1(0x1f1, 255) }, 0, -EINVAL, "setup_sects 255" },
	{ "syssize-exact", { P4(0x1f4, BZ_CODE / 16) }, 0, 0, NULL },
	{ "syssize-plus-1", { P4(0x1f4, BZ_CODE / 16 + 1) }, 0, -EINVAL,
	  "syssize 0x201" },
	{ "syssize-max", { P4(0x1f4, 0xffffffff) }, 0, -EINVAL, "syssize" },
	{ "kernel-alignment-0", { BZ_KALIGN(0) }, 0, -EINVAL,
	  "kernel_alignment 0x0 is not a power of two" },
	{ "kernel-alignment-3", { BZ_KALIGN(3), BZ_MINALIGN(0) }, 0, -EINVAL,
	  "kernel_alignment 0x3 is not a power of two" },
	{ "kernel-alignment-1", { BZ_KALIGN(1), BZ_MINALIGN(0) }, 0, 0, NULL },
	{ "kernel-alignment-1g", { BZ_KALIGN(0x40000000) }, 0, 0, NULL },
	{ "kernel-alignment-2g", { BZ_KALIGN(0x80000000) }, 0, -EINVAL,
	  "up to 1 GiB" },
	{ "kernel-alignment-2m-plus-1", { BZ_KALIGN(0x200001) }, 0, -EINVAL,
	  "not a power of two" },
	{ "min-alignment-0", { BZ_MINALIGN(0) }, 0, 0, NULL },
	{ "min-alignment-equal", { BZ_MINALIGN(21) }, 0, 0, NULL },
	{ "min-alignment-above", { BZ_MINALIGN(22) }, 0, -EINVAL,
	  "min_alignment 2^22 exceeds kernel_alignment 0x200000" },
	{ "min-alignment-31", { BZ_MINALIGN(31), BZ_KALIGN(0x40000000) }, 0,
	  -EINVAL, "min_alignment 2^31" },
	{ "min-alignment-32", { BZ_MINALIGN(32) }, 0, -EINVAL, "min_alignment" },
	{ "min-alignment-255", { BZ_MINALIGN(255) }, 0, -EINVAL,
	  "min_alignment" },
	{ "pref-address-misaligned", { BZ_PREF(0x1100000) }, 0, -EINVAL,
	  "pref_address 0x1100000 is not aligned" },
	{ "pref-address-0", { BZ_PREF(0) }, 0, 0, NULL },
	{ "payload-length-0", { BZ_PLEN(0) }, 0, -EINVAL,
	  "payload_length is 0" },
	{ "payload-fills-code", { BZ_POFF(0), BZ_PLEN(BZ_CODE) }, 0, 0, NULL },
	{ "payload-ends-at-code-end", { BZ_POFF(1), BZ_PLEN(BZ_CODE - 1) }, 0, 0,
	  NULL },
	{ "payload-one-past", { BZ_POFF(1), BZ_PLEN(BZ_CODE) }, 0, -EINVAL,
	  "ends beyond the 0x2000 bytes" },
	{ "payload-offset-beyond", { BZ_POFF(BZ_CODE), BZ_PLEN(1) }, 0, -EINVAL,
	  "ends beyond" },
	{ "payload-sum-overflows", { BZ_POFF(0xffffffff), BZ_PLEN(2) }, 0,
	  -EINVAL, "overflows" },
	{ "init-size-0", { BZ_INIT(0) }, 0, -EINVAL, "init_size 0x0" },
	{ "init-size-cap", { BZ_INIT(KX_MAX) }, 0, 0, NULL },
	{ "init-size-cap-plus-1", { BZ_INIT(KX_MAX + 1) }, 0, -EINVAL,
	  "init_size 0x40000001" },
	{ "pref-plus-init-overflows",
	  { BZ_PREF(0xffffffffffe00000ULL), BZ_INIT(0x200000) }, 0, -EINVAL,
	  "overflows" },
	{ "pref-plus-init-top",
	  { BZ_PREF(0xffffffffffe00000ULL), BZ_INIT(0x1fffff) }, 0, 0, NULL },
	{ "handover64-last", { BZ_HANDOVER(BZ_CODE - 0x201) }, 0, 0, NULL },
	{ "handover64-past", { BZ_HANDOVER(BZ_CODE - 0x200) }, 0, -EINVAL,
	  "handover_offset" },
	{ "handover32-last", { BZ_XLF(0x04), BZ_HANDOVER(BZ_CODE - 1) }, 0, 0,
	  NULL },
	{ "handover32-past", { BZ_XLF(0x04), BZ_HANDOVER(BZ_CODE) }, 0, -EINVAL,
	  "handover_offset" },
	{ "handover-unused", { BZ_XLF(0x03), BZ_HANDOVER(0xffffffff) }, 0, 0,
	  NULL },
	{ "handover64-max", { BZ_HANDOVER(0xffffffff) }, 0, -EINVAL,
	  "handover_offset 0xffffffff" },
	{ "kernel-info-beyond", { BZ_KINFO_OFF(BZ_CODE - 11) }, 0, -EINVAL,
	  "kernel_info_offset 0x1ff5 lies beyond" },
	{ "kernel-info-max", { BZ_KINFO_OFF(0xffffffff) }, 0, -EINVAL,
	  "lies beyond" },
	{ "kernel-info-bad-magic", { BZ_KINFO_OFF(BZ_KINFO + 4) }, 0, -EINVAL,
	  "LToP" },
	{ "kernel-info-total-11", { BZ_KINFO_TOTAL(11) }, 0, -EINVAL,
	  "size_total 0xb" },
	{ "kernel-info-total-fills", { BZ_KINFO_TOTAL(BZ_CODE - BZ_KINFO) }, 0,
	  0, NULL },
	{ "kernel-info-total-past", { BZ_KINFO_TOTAL(BZ_CODE - BZ_KINFO + 1) },
	  0, -EINVAL, "size_total" },
	{ "truncated-version", {}, 0x207, -EINVAL, "protocol version" },
	{ "truncated-header", {}, 0x26b, -EINVAL, "beyond the file's 0x26b" },
	{ "truncated-code", {}, BZ_SETUP, -EINVAL, "not inside the file" },
	{ "truncated-last-byte", {}, BZ_LEN - 1, -EINVAL, "syssize" },
	/* Protocol 2.04 has no kernel_alignment: garbage there is ignored. */
	{ "v2.04-ignores-2.05-fields",
	  { BZ_KALIGN(3), BZ_MINALIGN(99), BZ_PLEN(0), BZ_INIT(0),
	    BZ_HANDOVER(0xffffffff), BZ_KINFO_OFF(0xffffffff) }, 0, 0, NULL,
	  0x0204 },
	{ "v2.04-syssize-checked", { P4(0x1f4, 0xffff) }, 0, -EINVAL, "syssize",
	  0x0204 },
};

static size_t kx_bzimage_build(u8 *buf, unsigned int variant, unsigned int run)
{
	return run ? 0 : kx_build_bzimage(buf, variant ? variant : 0x020f);
}

const struct kx_table kx_bzimage_table = {
	.name = "bzimage",
	.format = KEXEC_IMAGE_FMT_BZIMAGE,
	.parse = kexec_image_parse_bzimage,
	.build = kx_bzimage_build,
	.cases = kx_bzimage_cases,
	.nr_cases = ARRAY_SIZE(kx_bzimage_cases),
};
#endif /* CONFIG_KEXEC_IMAGE_BZIMAGE */
