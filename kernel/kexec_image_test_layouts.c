// SPDX-License-Identifier: GPL-2.0
/*
 * The test layouts of the kexec_file_load() image parsers: a valid
 * synthetic image of each format kernel/kexec_image*.c parses, laid out
 * from the format's documents, and each format's table of cases, which
 * patch one or two fields of such an image to the edge of a rule (the
 * limit, then one past), or cut it, and say what the parser must return
 * and the reason it must give.
 *
 * They are defined once, here, for both places that test the parsers:
 * the KUnit suite (kexec_image_kunit.c, linked with this file into one
 * module, built with KEXEC_IMAGE_KUNIT_TEST and never into another
 * kernel), and the host harness in tools/testing/kexec_image, which
 * compiles this file unchanged, as it compiles the parsers, and runs the
 * same tables under ASan and UBSan. Hence the name: the layouts of the
 * tests, in kernel/ beside the parsers they test, "test" saying that only
 * tests build it.
 *
 * Each builder writes a valid image into a zeroed buffer of at least
 * KX_BUF_LEN bytes and returns its length; kx_case_image() builds a case's
 * file and kx_case_check() judges what the parser made of it, so that the
 * two runners report, but do not decide.
 */

#include <linux/align.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kexec_image.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "kexec_image_test_layouts.h"

/**
 * kx_build_arm64() - an arm64 Image header: 4K pages, placed anywhere
 * @buf: a zeroed buffer of %KX_BUF_LEN bytes
 *
 * Return: the image's length, %A64_LEN.
 */
size_t kx_build_arm64(u8 *buf)
{
	put_unaligned_le64(0, buf + 0x08);		/* text_offset */
	put_unaligned_le64(A64_IMAGE_SIZE, buf + 0x10);	/* image_size */
	put_unaligned_le64(0xa, buf + 0x18);		/* 4K, anywhere */
	memcpy(buf + 0x38, "ARM\x64", 4);
	return A64_LEN;
}

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

static void kx_put_word(u8 *p, bool big_endian, u32 val)
{
	if (big_endian)
		put_unaligned_be32(val, p);
	else
		put_unaligned_le32(val, p);
}

/* One ELF note in @big_endian byte order; returns its size, padding included. */
static size_t kx_put_note(u8 *p, bool big_endian, const char *name, u32 namesz,
			  u32 type, const void *desc, u32 descsz)
{
	size_t at = 12 + ALIGN(namesz, 4);

	kx_put_word(p, big_endian, namesz);
	kx_put_word(p + 4, big_endian, descsz);
	kx_put_word(p + 8, big_endian, type);
	memcpy(p + 12, name, namesz);
	memcpy(p + at, desc, descsz);
	return at + ALIGN(descsz, 4);
}

/**
 * kx_build_zimage() - an arm zImage with a KLSZ and a NOTE tag and two notes
 * @buf: a zeroed buffer of %KX_BUF_LEN bytes
 * @big_endian: a BE8 kernel's: the endianness flag and the notes in its
 *	byte order (the table words are little-endian in every zImage)
 *
 * Return: the image's length, %ZI_LEN.
 */
size_t kx_build_zimage(u8 *buf, bool big_endian)
{
	static const u32 table[] = {
		6, KEXEC_ZIMAGE_TAG_KRNL_SIZE, ZI_SIZE_WORD, ZI_BSS,
		0x8000,						/* TEXT_OFFSET */
		0x10000,					/* MALLOC_SIZE */
		4, KEXEC_ZIMAGE_TAG_NOTES, ZI_NOTES, ZI_NOTES_SIZE,
		0,						/* terminator */
	};
	unsigned int i;
	size_t at;

	put_unaligned_le32(0x016f2818, buf + 0x24);
	put_unaligned_le32(0, buf + 0x28);			/* start */
	put_unaligned_le32(ZI_LEN, buf + 0x2c);			/* end */
	kx_put_word(buf + 0x30, big_endian, 0x04030201);
	put_unaligned_le32(0x45454545, buf + 0x34);
	put_unaligned_le32(ZI_TABLE, buf + 0x38);
	for (i = 0; i < ARRAY_SIZE(table); i++)
		put_unaligned_le32(table[i], buf + ZI_TABLE + 4 * i);
	at = kx_put_note(buf + ZI_NOTES, big_endian, "Linux", 6, 1,
			 "\x12\x34\x56\x78", 4);
	kx_put_note(buf + ZI_NOTES + at, big_endian, "Xen", 4, 0x10, "abcde", 5);
	put_unaligned_le32(ZI_DECOMP, buf + ZI_SIZE_WORD);
	return ZI_LEN;
}

/**
 * kx_build_gzip() - a gzip member around an empty deflate stream
 * @buf: a zeroed buffer of %KX_BUF_LEN bytes
 * @flags: FLG: the optional fields (FEXTRA, FNAME, FCOMMENT, FHCRC) to
 *	write; other bits are written but add nothing
 * @isize: the trailer's ISIZE
 *
 * Return: the member's length, %GZ_LEN with %GZ_FNAME alone.
 */
size_t kx_build_gzip(u8 *buf, u8 flags, u32 isize)
{
	size_t at = 10;

	buf[0] = 0x1f;
	buf[1] = 0x8b;
	buf[2] = 8;						/* deflate */
	buf[3] = flags;
	put_unaligned_le32(0x5f5e0ff0, buf + 4);		/* mtime */
	buf[8] = 2;						/* xfl: best */
	buf[9] = 3;						/* os: Unix */
	if (flags & GZ_FEXTRA) {
		put_unaligned_le16(4, buf + at);
		memcpy(buf + at + 2, "KX\0\0", 4);
		at += 6;
	}
	if (flags & GZ_FNAME) {
		memcpy(buf + at, "vmlinux", 8);
		at += 8;
	}
	if (flags & GZ_FCOMMENT) {
		memcpy(buf + at, "c", 2);
		at += 2;
	}
	if (flags & GZ_FHCRC) {
		put_unaligned_le16(0xbeef, buf + at);
		at += 2;
	}
	buf[at++] = 0x03;					/* final fixed block */
	buf[at++] = 0x00;					/* end of block */
	put_unaligned_le32(0, buf + at);			/* CRC32 of nothing */
	put_unaligned_le32(isize, buf + at + 4);
	return at + 8;
}

/**
 * kx_build_zboot() - an EFI zboot image of arm64
 * @buf: a zeroed buffer of %KX_BUF_LEN bytes
 * @comp: the compression type: "gzip" puts kx_build_gzip()'s member with
 *	FNAME and ISIZE %ZB_ISIZE in the payload; any other, %ZB_RAW_PAYLOAD
 *	bytes of zeros and the size word %ZB_ISIZE after them
 *
 * Return: the image's length, %ZB_LEN.
 */
size_t kx_build_zboot(u8 *buf, const char *comp)
{
	u32 size = ZB_RAW_PAYLOAD;

	memcpy(buf, "MZ", 2);
	memcpy(buf + 4, "zimg", 4);
	memcpy(buf + 0x18, comp, strnlen(comp, 31));
	put_unaligned_le32(0x818223cd, buf + 0x38);		/* LINUX_PE_MAGIC */
	put_unaligned_le32(ZB_PE, buf + 0x3c);
	memcpy(buf + ZB_PE, "PE\0\0", 4);
	put_unaligned_le16(0xaa64, buf + ZB_PE + 4);
	if (!strcmp(comp, "gzip"))
		size = kx_build_gzip(buf + ZB_PAYLOAD, GZ_FNAME, ZB_ISIZE);
	else
		put_unaligned_le32(ZB_ISIZE, buf + ZB_PAYLOAD + size);
	put_unaligned_le32(ZB_PAYLOAD, buf + 8);
	put_unaligned_le32(size, buf + 12);
	return ZB_LEN;
}

/**
 * kx_build_uki_of() - a PE32+ file of x86-64 with sections @s
 * @buf: a zeroed buffer of %KX_BUF_LEN bytes
 * @s: the sections, in the table's order
 * @n: how many; up to 97 fit
 *
 * Each section's raw data is its virtual size rounded up to %UK_SLOT,
 * from the first %UK_SLOT boundary past the section table; a section of
 * virtual size 0 has none.
 *
 * Return: the file's length.
 */
size_t kx_build_uki_of(u8 *buf, const struct kx_uki_sec *s, unsigned int n)
{
	size_t at = ALIGN(UK_SEC(n), UK_SLOT), raw;
	unsigned int i;
	u8 *h;

	memcpy(buf, "MZ", 2);
	put_unaligned_le32(UK_PE, buf + 0x3c);
	memcpy(buf + UK_PE, "PE\0\0", 4);
	put_unaligned_le16(UK_MACHINE, buf + UK_PE + 4);
	put_unaligned_le16(n, buf + UK_COUNT);
	put_unaligned_le16(UK_OPT, buf + UK_OPT_SIZE);
	put_unaligned_le16(0x20b, buf + UK_PE + 24);		/* PE32+ */
	for (i = 0; i < n; i++) {
		h = buf + UK_SEC(i);
		raw = ALIGN(s[i].len, UK_SLOT);
		memcpy(h, s[i].name, strnlen(s[i].name, 8));
		put_unaligned_le32(s[i].len, h + UK_VSIZE);
		put_unaligned_le32(0x10000 * (i + 1), h + 12);	/* virtual_address */
		put_unaligned_le32(raw, h + UK_RAW_SIZE);
		put_unaligned_le32(raw ? at : 0, h + UK_RAW_OFF);
		if (s[i].data)
			memcpy(buf + at, s[i].data, s[i].len);
		else
			memset(buf + at, 0xcc, s[i].len);
		at += raw;
	}
	return at;
}

/**
 * kx_build_uki() - a UKI with every section but .profile
 * @buf: a zeroed buffer of %KX_BUF_LEN bytes
 *
 * Behind a stub's .text and .sbat, in the order of &enum uk_index.
 *
 * Return: the file's length, %UK_LEN.
 */
size_t kx_build_uki(u8 *buf)
{
	static const char sbat[] = "sbat,1,SBAT Version,sbat,1\n";
	static const char pcrsig[] = "{\"sha256\":[]}";
	static const char pcrpkey[] = "-----BEGIN PUBLIC KEY-----\n";
	static const char dtb[] = "\xd0\x0d\xfe\xed";
	static const struct kx_uki_sec s[UK_NR] = {
		[UK_I_TEXT] = { ".text", NULL, UK_SLOT },
		[UK_I_SBAT] = { ".sbat", sbat, sizeof(sbat) - 1 },
		[UK_I_OSREL] = { ".osrel", UK_OSREL, sizeof(UK_OSREL) - 1 },
		[UK_I_CMDLINE] = { ".cmdline", UK_CMDLINE,
				   sizeof(UK_CMDLINE) - 1 },
		[UK_I_UNAME] = { ".uname", UK_UNAME, sizeof(UK_UNAME) - 1 },
		[UK_I_LINUX] = { ".linux", NULL, UK_SLOT },
		[UK_I_INITRD] = { ".initrd", NULL, 0x80 },
		[UK_I_UCODE] = { ".ucode", NULL, 0x40 },
		[UK_I_DTB] = { ".dtb", dtb, sizeof(dtb) - 1 },
		[UK_I_SPLASH] = { ".splash", NULL, 0x20 },
		[UK_I_PCRSIG] = { ".pcrsig", pcrsig, sizeof(pcrsig) - 1 },
		[UK_I_PCRPKEY] = { ".pcrpkey", pcrpkey, sizeof(pcrpkey) - 1 },
	};

	return kx_build_uki_of(buf, s, UK_NR);
}

/**
 * kx_build_uki_profiles() - a UKI of two profiles
 * @buf: a zeroed buffer of %KX_BUF_LEN bytes
 *
 * Its %UK_P_NR sections are .text .linux .osrel .cmdline, shared; then
 * .profile .cmdline .dtb; then .profile .cmdline .uname .linux.
 *
 * Return: the file's length.
 */
size_t kx_build_uki_profiles(u8 *buf)
{
	static const char dtb[] = "\xd0\x0d\xfe\xed";
	static const struct kx_uki_sec s[UK_P_NR] = {
		{ ".text", NULL, UK_SLOT },
		{ ".linux", NULL, UK_SLOT },
		{ ".osrel", UK_OSREL, sizeof(UK_OSREL) - 1 },
		{ ".cmdline", "shared", 6 },
		{ ".profile", "ID=one\n", 7 },
		{ ".cmdline", "one", 3 },
		{ ".dtb", dtb, sizeof(dtb) - 1 },
		{ ".profile", "ID=two\n", 7 },
		{ ".cmdline", "two", 3 },
		{ ".uname", "two", 3 },
		{ ".linux", NULL, 0x80 },
	};

	return kx_build_uki_of(buf, s, UK_P_NR);
}

/* "kexec-elf-build-id01", the 20 bytes of a SHA-1 build ID */
const u8 kx_elf_build_id[EL_BUILD_ID_LEN] = {
	0x6b, 0x65, 0x78, 0x65, 0x63, 0x2d, 0x65, 0x6c, 0x66, 0x2d,
	0x62, 0x75, 0x69, 0x6c, 0x64, 0x2d, 0x69, 0x64, 0x30, 0x31,
};

/* As arch/x86/platform/pvh/head.S writes them: the entry is a quad. */
#define KX_N_ID		{ "GNU", 0, 3, kx_elf_build_id, EL_BUILD_ID_LEN }
#define KX_N_LINUX	{ "Linux", 0, 0x101, "\0\0\0\0", 4 }
#define KX_N_OS		{ "Xen", 0, 6, "linux", 6 }
#define KX_N_ENTRY	{ "Xen", 0, 18, "\x40\0\0\x01\0\0\0\0", 8 }
#define KX_N_ENTRY4	{ "Xen", 0, 18, "\x40\0\0\x01", 4 }
#define KX_N_RELOC	{ "Xen", 0, 19, "\0\0\x20\0\0\0\0\x01\xff\xff\xff\x3f", 12 }

const struct kx_elf_note kx_elf_std_notes[EL_NR_NOTES] = {
	KX_N_ID,		/* NT_GNU_BUILD_ID */
	KX_N_LINUX,		/* LTO info */
	KX_N_OS,		/* XEN_ELFNOTE_GUEST_OS */
	KX_N_ENTRY,		/* XEN_ELFNOTE_PHYS32_ENTRY */
	KX_N_RELOC,		/* XEN_ELFNOTE_PHYS32_RELOC */
};

/* Program headers of the PT_LOADs, lowest p_paddr first. */
static const struct {
	u32 flags;
	u64 offset, vaddr, paddr, filesz, memsz, align;
} kx_el_loads[EL_NR_LOADS] = {
	{ 5, 0x200, 0xffffffff81000000, EL_BASE, 0x600, 0x600, 0x200000 },
	{ 6, 0x800, 0xffffffff81200000, 0x1200000, 0x400, 0x400, 0x200000 },
	{ 6, 0xc00, 0, 0x1400000, 0x200, 0x200, 0x1000 },	/* percpu */
	{ 7, 0xe00, 0xffffffff81600000, 0x1600000, 0x200, 0x10000, 0x200000 },
};

static void kx_put_phdr(u8 *ph, u32 type, u32 flags, u64 offset, u64 vaddr,
			u64 paddr, u64 filesz, u64 memsz, u64 align)
{
	put_unaligned_le32(type, ph + EL_P_TYPE);
	put_unaligned_le32(flags, ph + EL_P_FLAGS);
	put_unaligned_le64(offset, ph + EL_P_OFFSET);
	put_unaligned_le64(vaddr, ph + 16);
	put_unaligned_le64(paddr, ph + EL_P_PADDR);
	put_unaligned_le64(filesz, ph + EL_P_FILESZ);
	put_unaligned_le64(memsz, ph + EL_P_MEMSZ);
	put_unaligned_le64(align, ph + EL_P_ALIGN);
}

/**
 * kx_build_elf_notes() - an x86-64 vmlinux in small, with notes @n
 * @buf: a zeroed buffer of %KX_BUF_LEN bytes
 * @n: the PT_NOTE's notes, from %EL_NOTES in the text's file bytes
 * @nr: how many
 *
 * Return: the file's length, %EL_LEN, or 0 if the notes take more than
 * the %EL_NOTES_ROOM bytes they have.
 */
size_t kx_build_elf_notes(u8 *buf, const struct kx_elf_note *n,
			  unsigned int nr)
{
	size_t at = EL_NOTES;
	unsigned int i;
	u32 namesz;

	memcpy(buf, "\177ELF", 4);
	buf[4] = 2;						/* ELFCLASS64 */
	buf[5] = 1;						/* ELFDATA2LSB */
	buf[6] = 1;						/* EV_CURRENT */
	put_unaligned_le16(2, buf + 16);			/* e_type: ET_EXEC */
	put_unaligned_le16(62, buf + 18);			/* e_machine: x86-64 */
	put_unaligned_le32(1, buf + 20);			/* e_version */
	put_unaligned_le64(EL_E_ENTRY, buf + 24);
	put_unaligned_le64(EL_PHOFF, buf + 32);
	put_unaligned_le16(64, buf + 52);			/* e_ehsize */
	put_unaligned_le16(EL_PHENT, buf + 54);
	put_unaligned_le16(EL_PHNUM, buf + 56);
	put_unaligned_le16(64, buf + 58);			/* e_shentsize */
	for (i = 0; i < EL_NR_LOADS; i++)
		kx_put_phdr(buf + EL_PH(i), 1, kx_el_loads[i].flags,	/* PT_LOAD */
			    kx_el_loads[i].offset, kx_el_loads[i].vaddr,
			    kx_el_loads[i].paddr, kx_el_loads[i].filesz,
			    kx_el_loads[i].memsz, kx_el_loads[i].align);
	for (i = 0; i < nr; i++) {
		namesz = n[i].namesz ? n[i].namesz : strlen(n[i].name) + 1;
		if (at + 12 + ALIGN(namesz, 4) + ALIGN(n[i].descsz, 4) >
		    EL_NOTES + EL_NOTES_ROOM)
			return 0;
		at += kx_put_note(buf + at, false, n[i].name, namesz, n[i].type,
				  n[i].desc, n[i].descsz);
	}
	kx_put_phdr(buf + EL_PH(EL_PH_NOTE), 4, 4, EL_NOTES,		/* PT_NOTE */
		    0xffffffff81000000 + EL_NOTES - 0x200,
		    EL_BASE + EL_NOTES - 0x200, at - EL_NOTES, at - EL_NOTES, 4);
	return EL_LEN;
}

/**
 * kx_build_elf() - kx_build_elf_notes() with kx_elf_std_notes[]
 * @buf: a zeroed buffer of %KX_BUF_LEN bytes
 *
 * Return: the file's length, %EL_LEN.
 */
size_t kx_build_elf(u8 *buf)
{
	return kx_build_elf_notes(buf, kx_elf_std_notes, EL_NR_NOTES);
}

/*
 * The tables: one per format, each case a field patch (or a cut) at the
 * edge of one rule.
 */
#define P1(o, v)	{ (o), 1, (v) }
#define P2(o, v)	{ (o), 2, (v) }
#define P4(o, v)	{ (o), 4, (v) }
#define P8(o, v)	{ (o), 8, (v) }
#define KX_MAX		KEXEC_IMAGE_MAX_SIZE

#ifdef CONFIG_KEXEC_IMAGE_ARM64
/* arm64 Image: Documentation/arch/arm64/booting.rst. */
#define A64_TEXT(v)	P8(0x08, v)
#define A64_SIZE(v)	P8(0x10, v)
#define A64_FLAGS(v)	P8(0x18, v)

static const struct kx_case kx_arm64_cases[] = {
	{ "valid", {}, 0, 0, NULL },
	{ "magic-off-by-one", { P4(0x38, 0x644d5242) }, 0, -ENOEXEC, "ARM" },
	{ "magic-at-0x3c", { P4(0x38, 0), P4(0x3c, 0x644d5241) }, 0, -ENOEXEC,
	  NULL },
	{ "image-size-0", { A64_SIZE(0) }, 0, -EINVAL, "image_size 0" },
	{ "image-size-header-less-1", { A64_SIZE(0x3f) }, 0, -EINVAL,
	  "smaller than the 0x40-byte header" },
	{ "image-size-header", { A64_SIZE(0x40) }, 0, 0, NULL },
	{ "image-size-cap", { A64_SIZE(KX_MAX) }, 0, 0, NULL },
	{ "image-size-cap-plus-1", { A64_SIZE(KX_MAX + 1) }, 0, -EINVAL, "cap" },
	{ "image-size-max", { A64_SIZE(~0ULL) }, 0, -EINVAL, "cap" },
	{ "text-offset-2m-less-1", { A64_TEXT(0x1fffff), A64_SIZE(0x400000) },
	  0, 0, NULL },
	{ "text-offset-2m", { A64_TEXT(0x200000), A64_SIZE(0x400000) }, 0,
	  -EINVAL, "text_offset 0x200000 is not below the 2 MiB" },
	{ "text-offset-equals-image-size", { A64_TEXT(0x10000) }, 0, 0, NULL },
	{ "text-offset-beyond-image-size", { A64_TEXT(0x10001) }, 0, -EINVAL,
	  "text_offset 0x10001 lies beyond image_size 0x10000" },
	{ "text-offset-max", { A64_TEXT(~0ULL), A64_SIZE(KX_MAX) }, 0, -EINVAL,
	  "+ image_size 0x40000000 overflows" },
	{ "text-offset-max-image-size-64k", { A64_TEXT(~0ULL) }, 0, -EINVAL,
	  "text_offset 0xffffffffffffffff + image_size 0x10000 overflows" },
	{ "text-offset-plus-size-overflows",
	  { A64_TEXT(0xfffffffffffff000ULL), A64_SIZE(0x2000) }, 0, -EINVAL,
	  "text_offset 0xfffffffffffff000 + image_size 0x2000 overflows" },
	{ "text-offset-0x80000", { A64_TEXT(0x80000) }, 0, -EINVAL,
	  "lies beyond image_size" },
	{ "reserved-flags-kept", { A64_FLAGS(0xf0) }, 0, 0, NULL },
	{ "truncated-header", {}, 0x3f, -EINVAL, "truncates the 0x40-byte" },
	{ "magic-not-visible", {}, 0x3b, -ENOEXEC, NULL },
};

static size_t kx_arm64_build(u8 *buf, unsigned int variant, unsigned int run)
{
	return run ? 0 : kx_build_arm64(buf);
}

const struct kx_table kx_arm64_table = {
	.name = "arm64",
	.format = KEXEC_IMAGE_FMT_ARM64,
	.parse = kexec_image_parse_arm64,
	.build = kx_arm64_build,
	.cases = kx_arm64_cases,
	.nr_cases = ARRAY_SIZE(kx_arm64_cases),
};

/* Every value of each flag field (booting.rst), and all of them at once. */
const struct kx_arm64_flags kx_arm64_flag_cases[] = {
	{ 0x0, KEXEC_IMAGE_LE, 0, KEXEC_IMAGE_PLACE_NEAR_BASE },
	{ 0x1, KEXEC_IMAGE_BE, 0, KEXEC_IMAGE_PLACE_NEAR_BASE },
	{ 0x2, KEXEC_IMAGE_LE, 0x1000, KEXEC_IMAGE_PLACE_NEAR_BASE },
	{ 0x4, KEXEC_IMAGE_LE, 0x4000, KEXEC_IMAGE_PLACE_NEAR_BASE },
	{ 0x6, KEXEC_IMAGE_LE, 0x10000, KEXEC_IMAGE_PLACE_NEAR_BASE },
	{ 0x8, KEXEC_IMAGE_LE, 0, KEXEC_IMAGE_PLACE_ANYWHERE },
	{ 0xf, KEXEC_IMAGE_BE, 0x10000, KEXEC_IMAGE_PLACE_ANYWHERE },
};

const unsigned int kx_nr_arm64_flag_cases = ARRAY_SIZE(kx_arm64_flag_cases);
#endif /* CONFIG_KEXEC_IMAGE_ARM64 */

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

/*
 * arm zImage: Documentation/arch/arm/booting.rst, the header words in
 * arch/arm/boot/compressed/head.S and the extension table that
 * arch/arm/boot/compressed/vmlinux.lds.S builds, plus our NOTE tag. A
 * case runs on both byte orders unless its variant names one.
 */
#define ZI_START(v)	P4(0x28, v)
#define ZI_END(v)	P4(0x2c, v)
#define ZI_TAB(v)	P4(0x38, v)
#define ZI_T(i, v)	P4(ZI_TABLE + 4 * (i), v)	/* table word i */
#define ZI_N(i, v)	P4(ZI_NOTES + 4 * (i), v)	/* notes word i */
#define ZI_KLSZ		KEXEC_ZIMAGE_TAG_KRNL_SIZE
#define ZI_NOTE		KEXEC_ZIMAGE_TAG_NOTES

static const struct kx_case kx_zimage_cases[] = {
	{ "valid", {}, 0, 0, NULL },
	{ "magic", { P4(0x24, 0x016f2819) }, 0, -ENOEXEC, "0x016f2818" },
	{ "magic-0", { P4(0x24, 0) }, 0, -ENOEXEC, NULL },
	{ "magic-byte-swapped", { P4(0x24, 0x18286f01) }, 0, -ENOEXEC, NULL },
	{ "end-equals-start", { ZI_START(0x1000), ZI_END(0x1000) }, 0, -EINVAL,
	  "end 0x00001000 is not above start 0x00001000" },
	{ "end-0", { ZI_END(0) }, 0, -EINVAL, "not above start" },
	{ "end-below-start", { ZI_START(0x1000), ZI_END(0x800) }, 0, -EINVAL,
	  "not above start" },
	{ "size-equals-file", { ZI_START(0x80008000), ZI_END(0x8000a000) }, 0,
	  0, NULL },
	{ "size-file-plus-1", { ZI_END(ZI_LEN + 1) }, 0, -EINVAL,
	  "end - start = 0x2001 exceeds the file's 0x2000 bytes" },
	{ "size-max", { ZI_START(0), ZI_END(0xffffffff) }, 0, -EINVAL,
	  "exceeds" },
	{ "size-below-header", { ZI_END(0x3b), ZI_TAB(0) }, 0, -EINVAL,
	  "smaller than the 0x3c-byte header" },
	{ "no-endian-flag", { P4(0x30, 0), ZI_T(9, 0) }, 0, 0, NULL },
	{ "no-table", { P4(0x34, 0) }, 0, 0, NULL },
	{ "table-in-header", { ZI_TAB(0x38) }, 0, -EINVAL,
	  "extension table offset 0x38" },
	{ "table-misaligned", { ZI_TAB(ZI_TABLE + 2) }, 0, -EINVAL,
	  "extension table offset" },
	{ "table-at-end", { ZI_TAB(ZI_LEN) }, 0, -EINVAL, "extension table" },
	{ "table-max", { ZI_TAB(0xfffffffc) }, 0, -EINVAL, "extension table" },
	{ "table-at-last-word", { ZI_TAB(ZI_LEN - 4) }, 0, 0, NULL },
	{ "table-runs-past", { ZI_TAB(ZI_LEN - 4), P4(ZI_LEN - 4, 1) }, 0,
	  -EINVAL, "size of 1 words is not a tag" },
	{ "entry-size-1", { ZI_T(0, 1) }, 0, -EINVAL,
	  "size of 1 words is not a tag" },
	{ "entry-size-huge", { ZI_T(0, 0x40000000) }, 0, -EINVAL, "not a tag" },
	{ "entry-size-max", { ZI_T(0, 0xffffffff) }, 0, -EINVAL, "not a tag" },
	{ "entry-past-end", { ZI_TAB(ZI_LEN - 8), P4(ZI_LEN - 8, 3) }, 0,
	  -EINVAL, "3 words run past" },
	{ "no-terminator-at-end", { ZI_TAB(ZI_LEN - 8), P4(ZI_LEN - 8, 2) }, 0,
	  -EINVAL, "runs past the zImage's 0x2000 bytes" },
	{ "unknown-tag-skipped", { ZI_T(1, 0x12345678) }, 0, 0, NULL },
	{ "klsz-3-words", { ZI_T(0, 3) }, 0, -EINVAL,
	  "KLSZ tag at 0x100 has 3 words" },
	{ "klsz-4-words", { ZI_T(0, 4), ZI_T(4, 2), ZI_T(5, 0) }, 0, 0, NULL },
	{ "klsz-size-word-last", { ZI_T(2, ZI_LEN - 4), P4(ZI_LEN - 4, 0x1000) },
	  0, 0, NULL },
	{ "klsz-size-word-past", { ZI_T(2, ZI_LEN - 3) }, 0, -EINVAL,
	  "size word offset 0x1ffd lies beyond" },
	{ "klsz-size-word-max", { ZI_T(2, 0xffffffff) }, 0, -EINVAL,
	  "lies beyond" },
	{ "decompressed-0", { P4(ZI_SIZE_WORD, 0) }, 0, -EINVAL,
	  "decompressed size 0x0" },
	{ "decompressed-cap", { P4(ZI_SIZE_WORD, KX_MAX) }, 0, 0, NULL },
	{ "decompressed-cap-plus-1", { P4(ZI_SIZE_WORD, KX_MAX + 1) }, 0,
	  -EINVAL,
	  "decompressed size 0x40000001 is not between 1 and the 1 GiB cap" },
	{ "bss-cap", { ZI_T(3, KX_MAX) }, 0, 0, NULL },
	{ "bss-cap-plus-1", { ZI_T(3, KX_MAX + 1) }, 0, -EINVAL, "bss size" },
	{ "text-offset-128m-less-1", { ZI_T(4, 0x7ffffff) }, 0, 0, NULL },
	{ "text-offset-128m", { ZI_T(4, 0x8000000) }, 0, -EINVAL,
	  "text_offset 0x8000000 is not below the 128 MiB" },
	{ "klsz-twice", { ZI_T(7, ZI_KLSZ), ZI_T(6, 4), ZI_T(8, ZI_SIZE_WORD) },
	  0, -EINVAL, "second KLSZ" },
	{ "note-3-words", { ZI_T(6, 3) }, 0, -EINVAL, "NOTE tag at 0x118 has 3" },
	/* A later NOTE entry may grow: words past the size are skipped. */
	{ "note-5-words", { ZI_T(6, 5), ZI_T(10, 1) }, 0, 0, NULL },
	{ "note-5-words-then-klsz-again",
	  { ZI_T(6, 5), ZI_T(10, 1), ZI_T(11, 4), ZI_T(12, ZI_KLSZ),
	    ZI_T(13, ZI_SIZE_WORD) }, 0, -EINVAL, "second KLSZ" },
	{ "note-misaligned", { ZI_T(8, ZI_NOTES + 2) }, 0, -EINVAL,
	  "NOTE offset 0x202 is not 4-byte aligned" },
	{ "note-size-cap", { ZI_T(9, KEXEC_IMAGE_MAX_NOTES_SIZE + 1) }, 0,
	  -EINVAL, "exceeds the 0x10000 cap" },
	{ "note-area-ends-at-end", { ZI_T(8, ZI_LEN - ZI_NOTES_SIZE) }, 0, 0,
	  NULL },
	{ "note-area-past", { ZI_T(8, ZI_LEN - ZI_NOTES_SIZE + 4) }, 0, -EINVAL,
	  "lies beyond" },
	{ "note-area-wraps", { ZI_T(8, 0xfffffffc), ZI_T(9, 8) }, 0, -EINVAL,
	  "lies beyond" },
	{ "note-area-empty", { ZI_T(9, 0) }, 0, 0, NULL },
	{ "note-area-first-only", { ZI_T(9, 24) }, 0, 0, NULL },
	{ "note-area-cut", { ZI_T(9, 40) }, 0, -EINVAL, "note 1 at 0x18" },
	{ "note-bad-namesz", { ZI_N(0, 0x100) }, 0, -EINVAL,
	  "note 0 at 0x0: namesz 0x100" },
	{ "note-bad-descsz", { ZI_N(7, 0x1000) }, 0, -EINVAL,
	  "note 1 at 0x18: descsz 0x1000" },
	{ "note-twice",
	  { ZI_T(10, 4), ZI_T(11, ZI_NOTE), ZI_T(12, ZI_NOTES), ZI_T(13, 0),
	    ZI_T(14, 0) }, 0, -EINVAL, "second NOTE" },
	{ "truncated-start-end", {}, 0x2f, -EINVAL, "truncates start and end" },
	{ "truncated-magic", {}, 0x27, -ENOEXEC, NULL },
	{ "truncated-file", {}, ZI_LEN - 1, -EINVAL, "exceeds the file's" },
	/* Without the flag a BE8 kernel's notes are read little-endian. */
	{ "no-endian-flag-notes", { P4(0x30, 0) }, 0, -EINVAL,
	  "namesz 0x6000000", KX_ZI_BE },
	{ "flag-read-le", { P4(0x30, 0x04030201) }, 0, -EINVAL,
	  "namesz 0x6000000", KX_ZI_BE },
};

static size_t kx_zimage_build(u8 *buf, unsigned int variant, unsigned int run)
{
	if (variant == KX_ZI_BOTH && run < 2)
		return kx_build_zimage(buf, run);
	return run ? 0 : kx_build_zimage(buf, variant == KX_ZI_BE);
}

const struct kx_table kx_zimage_table = {
	.name = "zimage",
	.format = KEXEC_IMAGE_FMT_ZIMAGE,
	.parse = kexec_image_parse_zimage,
	.build = kx_zimage_build,
	.cases = kx_zimage_cases,
	.nr_cases = ARRAY_SIZE(kx_zimage_cases),
};

/*
 * EFI zboot (drivers/firmware/efi/libstub/zboot-header.S), its payload a
 * gzip member (KX_ZB_GZIP) or a zstd frame and its size word (KX_ZB_ZSTD).
 */
#define ZB_POFF(v)	P4(8, v)
#define ZB_PSIZE(v)	P4(12, v)
#define ZB_GZ_END	(ZB_PAYLOAD + GZ_LEN)
#define ZB_A8		0x6161616161616161ULL

static const struct kx_case kx_zboot_cases[] = {
	{ "valid", {}, 0, 0, NULL },
	{ "no-zimg", { P4(4, 0x676d697a + 1) }, 0, -ENOEXEC, "zimg" },
	{ "zimg-upper-case", { P1(4, 'Z') }, 0, -ENOEXEC, NULL },
	{ "no-mz", { P1(0, 'N') }, 0, -ENOEXEC, NULL },
	{ "comp-empty", { P1(0x18, 0) }, 0, -EINVAL, "is empty" },
	{ "comp-upper-case", { P1(0x18, 'G') }, 0, -EINVAL,
	  "byte 0x47 at 0x18" },
	{ "comp-not-terminated",
	  { P8(0x1c, ZB_A8), P8(0x24, ZB_A8), P8(0x2c, ZB_A8),
	    P4(0x34, 0x61616161) }, 0, -EINVAL, "no NUL within 32 bytes" },
	{ "comp-31-chars",
	  { P8(0x1c, ZB_A8), P8(0x24, ZB_A8), P8(0x2c, ZB_A8),
	    P4(0x34, 0x00616161) }, 0, -EINVAL, "decompressed size 0x0" },
	{ "payload-size-0", { ZB_PSIZE(0) }, 0, -EINVAL, "payload size is 0" },
	{ "payload-in-header", { ZB_POFF(0x3f) }, 0, -EINVAL,
	  "lies inside the 0x40-byte header" },
	{ "payload-to-file-end", { ZB_POFF(ZB_LEN - GZ_LEN) }, 0, -EINVAL,
	  "lacks the gzip magic" },
	{ "payload-past-end", { ZB_POFF(ZB_LEN - GZ_LEN + 1) }, 0, -EINVAL,
	  "ends beyond the file's 0x300 bytes" },
	{ "payload-sum-overflows", { ZB_POFF(0xfffffff0) }, 0, -EINVAL,
	  "ends beyond" },
	{ "payload-not-gzip", { P1(ZB_PAYLOAD, 0x1e) }, 0, -EINVAL,
	  "lacks the gzip magic" },
	{ "payload-magic-0", { P1(ZB_PAYLOAD, 0) }, 0, -EINVAL, "gzip magic" },
	{ "payload-gzip-bad-method", { P1(ZB_PAYLOAD + 2, 9) }, 0, -EINVAL,
	  "method 9" },
	{ "isize-0", { P4(ZB_GZ_END - 4, 0) }, 0, -EINVAL,
	  "decompressed size 0x0" },
	{ "isize-cap", { P4(ZB_GZ_END - 4, 0x40000000) }, 0, 0, NULL },
	{ "isize-cap-plus-1", { P4(ZB_GZ_END - 4, 0x40000001) }, 0, -EINVAL,
	  "1 GiB cap" },
	{ "no-pe", { P4(0x3c, 0x90) }, 0, -EINVAL, "PE header offset 0x90" },
	{ "pe-offset-max", { P4(0x3c, 0xffffffff) }, 0, -EINVAL, "PE header" },
	{ "truncated-header", {}, 0x3f, -EINVAL, "truncates the 0x40-byte" },
	{ "truncated-payload", {}, ZB_GZ_END - 1, -EINVAL, "ends beyond" },
	{ "truncated-signature", {}, 7, -ENOEXEC, NULL },
	{ "zstd-valid", {}, 0, 0, NULL, KX_ZB_ZSTD },
	{ "zstd-size-0", { P4(ZB_PAYLOAD + ZB_RAW_PAYLOAD, 0) }, 0, -EINVAL,
	  "decompressed size 0x0", KX_ZB_ZSTD },
	{ "zstd-no-size-word", {}, ZB_PAYLOAD + ZB_RAW_PAYLOAD + 3, 0, NULL,
	  KX_ZB_ZSTD },
};

static size_t kx_zboot_build(u8 *buf, unsigned int variant, unsigned int run)
{
	if (run)
		return 0;
	return kx_build_zboot(buf, variant == KX_ZB_ZSTD ? "zstd" : "gzip");
}

const struct kx_table kx_zboot_table = {
	.name = "zboot",
	.format = KEXEC_IMAGE_FMT_EFI_ZBOOT,
	.parse = kexec_image_parse_zboot,
	.build = kx_zboot_build,
	.cases = kx_zboot_cases,
	.nr_cases = ARRAY_SIZE(kx_zboot_cases),
};

/*
 * gzip members (RFC 1952) of ISIZE GZ_ISIZE; the variant is the flags
 * kx_build_gzip() writes, and so the member's length: 20 bytes without
 * optional fields, +6 FEXTRA, +8 FNAME, +2 FCOMMENT, +2 FHCRC.
 */
static const struct kx_case kx_gzip_cases[] = {
	{ "plain", {}, 0, 0, NULL },
	{ "ftext", {}, 0, 0, NULL, GZ_FTEXT },
	{ "fhcrc", {}, 0, 0, NULL, GZ_FHCRC },
	{ "fextra", {}, 0, 0, NULL, GZ_FEXTRA },
	{ "fname", {}, 0, 0, NULL, GZ_FNAME },
	{ "fcomment", {}, 0, 0, NULL, GZ_FCOMMENT },
	{ "all-flags", {}, 0, 0, NULL, 0x1f },
	{ "reserved-0x20", {}, 0, -EINVAL, "reserved bits", 0x20 },
	{ "reserved-0x80", {}, 0, -EINVAL, "flags 0x80", 0x80 },
	{ "fname-reserved-0x20", { P1(3, GZ_FNAME | 0x20) }, 0, -EINVAL,
	  "reserved", GZ_FNAME },
	{ "method-7", { P1(2, 7) }, 0, -EINVAL, "method 7 is not deflate" },
	{ "fname-method-7", { P1(2, 7) }, 0, -EINVAL, "method 7", GZ_FNAME },
	{ "no-magic", { P1(1, 0x8c) }, 0, -ENOEXEC, NULL },
	{ "minimal-cut-1", {}, 19, -EINVAL, "no room for data" },
	{ "fname-cut-1", {}, GZ_LEN - 1, -EINVAL, "no room", GZ_FNAME },
	{ "fextra-xlen-past", { P2(10, 0xffff) }, 0, -EINVAL,
	  "FEXTRA of 0xffff bytes", GZ_FEXTRA },
	{ "fextra-xlen-to-end", { P2(10, 4 + 10) }, 0, -EINVAL,
	  "no room for data", GZ_FEXTRA },
	{ "fextra-xlen-one-past", { P2(10, 4 + 11) }, 0, -EINVAL, "FEXTRA",
	  GZ_FEXTRA },
	/* FNAME's bytes read as FEXTRA's length */
	{ "fextra-over-fname", { P1(3, GZ_FEXTRA), P2(10, 0xffff) }, 0, -EINVAL,
	  "FEXTRA", GZ_FNAME },
	{ "fname-eats-data", { P1(17, 'x') }, 0, -EINVAL, "no room for data",
	  GZ_FNAME },
	{ "fhcrc-over-fname", { P1(3, GZ_FNAME | GZ_FHCRC) }, 0, -EINVAL,
	  "no room", GZ_FNAME },
	{ "fhcrc-cut", {}, 11, -EINVAL, "FHCRC at 0xa", GZ_FHCRC },
};

static size_t kx_gzip_build(u8 *buf, unsigned int variant, unsigned int run)
{
	return run ? 0 : kx_build_gzip(buf, variant, GZ_ISIZE);
}

const struct kx_table kx_gzip_table = {
	.name = "gzip",
	.format = KEXEC_IMAGE_FMT_GZIP,
	.parse = kexec_image_parse_gzip,
	.build = kx_gzip_build,
	.cases = kx_gzip_cases,
	.nr_cases = ARRAY_SIZE(kx_gzip_cases),
};

/*
 * Unified Kernel Images: what makes a PE file a UKI, and every refusal
 * with its whole reason, on kx_build_uki() (KX_UK_EVERY) or on
 * kx_build_uki_profiles() (KX_UK_PROFILES).
 */
#define UK_SH(i, field)	(UK_SEC(i) + (field))
#define UK_RENAME(i, name) P8(UK_SEC(i), name)
#define UK_LINUX	UK_NAME('.', 'l', 'i', 'n', 'u', 'x', 0, 0)
#define UK_CMDLINE_N	UK_NAME('.', 'c', 'm', 'd', 'l', 'i', 'n', 'e')
#define UK_INITRD	UK_NAME('.', 'i', 'n', 'i', 't', 'r', 'd', 0)
#define UK_SBAT		UK_NAME('.', 's', 'b', 'a', 't', 0, 0, 0)
#define UK_DATA_N	UK_NAME('.', 'd', 'a', 't', 'a', 0, 0, 0)
#define UK_NO_UKI	"no PE section table naming a UKI section"
#define UK_NO_LINUX	"UKI has no .linux section: no kernel to load"
#define UK_EMPTY_LINUX	"UKI section .linux is empty"
#define UK_P		KX_UK_PROFILES

static const struct kx_case kx_uki_cases[] = {
	{ "valid", {}, 0, 0, NULL },
	/* .linux: there, and not empty */
	{ "no-linux", { UK_RENAME(UK_I_LINUX, UK_NAME('.', 'l', 'i', 'n', 'u',
						       'z', 0, 0)) },
	  0, -EINVAL, UK_NO_LINUX },
	{ "linux-upper-case", { UK_RENAME(UK_I_LINUX, UK_NAME('.', 'L', 'I', 'N',
							      'U', 'X', 0, 0)) },
	  0, -EINVAL, UK_NO_LINUX },
	{ "linux-garbage-after-nul",
	  { UK_RENAME(UK_I_LINUX, UK_NAME('.', 'l', 'i', 'n', 'u', 'x', 0, 'x')) },
	  0, -EINVAL, UK_NO_LINUX },
	{ "linux-one-letter-more",
	  { UK_RENAME(UK_I_LINUX, UK_NAME('.', 'l', 'i', 'n', 'u', 'x', 'X', 0)) },
	  0, -EINVAL, UK_NO_LINUX },
	{ "linux-renamed-data", { UK_RENAME(UK_I_LINUX, UK_DATA_N) }, 0, -EINVAL,
	  UK_NO_LINUX },
	{ "linux-empty", { P4(UK_SH(UK_I_LINUX, UK_VSIZE), 0) }, 0, -EINVAL,
	  UK_EMPTY_LINUX },
	{ "linux-empty-no-raw-size",
	  { P4(UK_SH(UK_I_LINUX, UK_VSIZE), 0),
	    P4(UK_SH(UK_I_LINUX, UK_RAW_SIZE), 0) }, 0, -EINVAL,
	  UK_EMPTY_LINUX },
	{ "linux-no-raw-data",
	  { P4(UK_SH(UK_I_LINUX, UK_VSIZE), 0),
	    P4(UK_SH(UK_I_LINUX, UK_RAW_SIZE), 0),
	    P4(UK_SH(UK_I_LINUX, UK_RAW_OFF), 0) }, 0, -EINVAL,
	  UK_EMPTY_LINUX },
	/* every section's raw data in the file, no sum wrapping */
	{ "raw-past-end", { P4(UK_SH(UK_I_INITRD, UK_RAW_OFF), UK_LEN - 0x80) },
	  0, -EINVAL,
	  "PE section .initrd: raw data 0xf80+0x100 ends beyond the file's 0x1000 bytes" },
	{ "raw-off-max", { P4(UK_SH(UK_I_INITRD, UK_RAW_OFF), 0xffffffff) },
	  0, -EINVAL,
	  "PE section .initrd: raw data 0xffffffff+0x100 ends beyond the file's 0x1000 bytes" },
	{ "raw-size-max", { P4(UK_SH(UK_I_INITRD, UK_RAW_SIZE), 0xffffffff) },
	  0, -EINVAL,
	  "PE section .initrd: raw data 0xa00+0xffffffff ends beyond the file's 0x1000 bytes" },
	{ "raw-sum-wraps", { P4(UK_SH(UK_I_INITRD, UK_RAW_OFF), 0xffffff00) },
	  0, -EINVAL,
	  "PE section .initrd: raw data 0xffffff00+0x100 ends beyond the file's 0x1000 bytes" },
	{ "raw-past-end-stub-section", { P4(UK_SH(UK_I_TEXT, UK_RAW_SIZE), UK_LEN) },
	  0, -EINVAL,
	  "PE section .text: raw data 0x400+0x1000 ends beyond the file's 0x1000 bytes" },
	{ "linux-cut", {}, UK_DATA_AT(UK_I_LINUX) + UK_SLOT - 1, -EINVAL,
	  "PE section .linux: raw data 0x900+0x100 ends beyond the file's 0x9ff bytes" },
	{ "linux-raw-one-past-end",
	  { P4(UK_SH(UK_I_LINUX, UK_RAW_OFF), UK_LEN),
	    P4(UK_SH(UK_I_LINUX, UK_RAW_SIZE), UK_SLOT + 1) }, UK_LEN + UK_SLOT,
	  -EINVAL,
	  "PE section .linux: raw data 0x1000+0x101 ends beyond the file's 0x1100 bytes" },
	{ "linux-raw-off-wraps",
	  { P4(UK_SH(UK_I_LINUX, UK_RAW_OFF), 0xffffff80) }, 0, -EINVAL,
	  "PE section .linux: raw data 0xffffff80+0x100 ends beyond the file's 0x1000 bytes" },
	/* no byte of the file in two sections */
	{ "overlap",
	  { P4(UK_SH(UK_I_INITRD, UK_RAW_OFF), UK_DATA_AT(UK_I_LINUX) + 0x80) },
	  0, -EINVAL,
	  "PE sections .linux (0x900+0x100) and .initrd (0x980+0x100) overlap" },
	{ "overlap-by-one", { P4(UK_SH(UK_I_LINUX, UK_RAW_SIZE), UK_SLOT + 1) },
	  0, -EINVAL,
	  "PE sections .linux (0x900+0x101) and .initrd (0xa00+0x100) overlap" },
	{ "overlap-contained",
	  { P4(UK_SH(UK_I_UCODE, UK_RAW_OFF), UK_DATA_AT(UK_I_LINUX)),
	    P4(UK_SH(UK_I_UCODE, UK_RAW_SIZE), 0x40) }, 0, -EINVAL,
	  "PE sections .linux (0x900+0x100) and .ucode (0x900+0x40) overlap" },
	{ "overlap-stub-sections",
	  { P4(UK_SH(UK_I_SBAT, UK_RAW_OFF), UK_DATA + 0x10) }, 0, -EINVAL,
	  "PE sections .text (0x400+0x100) and .sbat (0x410+0x100) overlap" },
	{ "overlap-stub-and-uki-section",
	  { P4(UK_SH(UK_I_TEXT, UK_RAW_OFF), UK_DATA_AT(UK_I_OSREL) + 0x80),
	    P4(UK_SH(UK_I_TEXT, UK_RAW_SIZE), 0x80) }, 0, -EINVAL,
	  "PE sections .text (0x680+0x80) and .osrel (0x600+0x100) overlap" },
	{ "empty-inside-another",
	  { P4(UK_SH(UK_I_SPLASH, UK_VSIZE), 0),
	    P4(UK_SH(UK_I_SPLASH, UK_RAW_SIZE), 0),
	    P4(UK_SH(UK_I_SPLASH, UK_RAW_OFF), UK_DATA_AT(UK_I_LINUX)) },
	  0, 0, NULL },
	/* a UKI section holds its virtual size in the file */
	{ "vsize-over-raw", { P4(UK_SH(UK_I_CMDLINE, UK_VSIZE), UK_SLOT + 1) },
	  0, -EINVAL,
	  "UKI section .cmdline: virtual size 0x101 exceeds its 0x100 bytes in the file" },
	{ "vsize-equals-raw", { P4(UK_SH(UK_I_CMDLINE, UK_VSIZE), UK_SLOT) },
	  0, 0, NULL },
	{ "initrd-vsize-over-raw",
	  { P4(UK_SH(UK_I_INITRD, UK_VSIZE), UK_SLOT + 1) }, 0, -EINVAL,
	  "UKI section .initrd: virtual size 0x101 exceeds its 0x100 bytes in the file" },
	{ "initrd-vsize-equals-raw",
	  { P4(UK_SH(UK_I_INITRD, UK_VSIZE), UK_SLOT) }, 0, 0, NULL },
	{ "vsize-over-raw-stub-section",
	  { P4(UK_SH(UK_I_TEXT, UK_VSIZE), 0x10000) }, 0, 0, NULL },
	/* text sections up to 64 KiB, others are not text */
	{ "cmdline-at-cap",
	  { P4(UK_SH(UK_I_CMDLINE, UK_RAW_OFF), UK_LEN),
	    P4(UK_SH(UK_I_CMDLINE, UK_RAW_SIZE), 0x10000),
	    P4(UK_SH(UK_I_CMDLINE, UK_VSIZE), 0x10000) }, UK_LEN + 0x10000,
	  0, NULL },
	{ "cmdline-past-cap",
	  { P4(UK_SH(UK_I_CMDLINE, UK_RAW_OFF), UK_LEN),
	    P4(UK_SH(UK_I_CMDLINE, UK_RAW_SIZE), 0x10001),
	    P4(UK_SH(UK_I_CMDLINE, UK_VSIZE), 0x10001) }, UK_LEN + 0x10001,
	  -EINVAL, "UKI section .cmdline: 0x10001 bytes, past the cap of 0x10000" },
	{ "osrel-past-cap",
	  { P4(UK_SH(UK_I_OSREL, UK_RAW_OFF), UK_LEN),
	    P4(UK_SH(UK_I_OSREL, UK_RAW_SIZE), 0x10001),
	    P4(UK_SH(UK_I_OSREL, UK_VSIZE), 0x10001) }, UK_LEN + 0x10001,
	  -EINVAL, "UKI section .osrel: 0x10001 bytes, past the cap of 0x10000" },
	{ "uname-past-cap",
	  { P4(UK_SH(UK_I_UNAME, UK_RAW_OFF), UK_LEN),
	    P4(UK_SH(UK_I_UNAME, UK_RAW_SIZE), 0x10001),
	    P4(UK_SH(UK_I_UNAME, UK_VSIZE), 0x10001) }, UK_LEN + 0x10001,
	  -EINVAL, "UKI section .uname: 0x10001 bytes, past the cap of 0x10000" },
	{ "initrd-past-text-cap",
	  { P4(UK_SH(UK_I_INITRD, UK_RAW_OFF), UK_LEN),
	    P4(UK_SH(UK_I_INITRD, UK_RAW_SIZE), 0x10001),
	    P4(UK_SH(UK_I_INITRD, UK_VSIZE), 0x10001) }, UK_LEN + 0x10001,
	  0, NULL },
	/* the section table: in the file, at most 96 entries */
	{ "table-past-file", { P2(UK_COUNT, 96) }, 0, -EINVAL,
	  "PE section table of 96 entries at 0x188 runs past the file's 0x1000 bytes" },
	{ "table-cut", {}, UK_SEC(UK_NR) - 1, -EINVAL,
	  "PE section table of 12 entries at 0x188 runs past the file's 0x367 bytes" },
	{ "sections-97", { P2(UK_COUNT, 97) }, 0, -EINVAL,
	  "PE header declares 97 sections, more than 96" },
	{ "sections-max", { P2(UK_COUNT, 0xffff) }, 0, -EINVAL,
	  "PE header declares 65535 sections, more than 96" },
	{ "sections-0", { P2(UK_COUNT, 0) }, 0, -ENOEXEC, UK_NO_UKI },
	/* .text and .sbat make no UKI: .osrel, entry 2, does */
	{ "sections-1-text", { P2(UK_COUNT, 1) }, 0, -ENOEXEC, UK_NO_UKI },
	{ "sections-2-text-sbat", { P2(UK_COUNT, 2) }, 0, -ENOEXEC, UK_NO_UKI },
	{ "opt-hdr-past-file", { P2(UK_OPT_SIZE, 0xffff) }, 0, -ENOEXEC,
	  UK_NO_UKI },
	{ "no-pe-magic", { P4(UK_PE, 0) }, 0, -ENOEXEC, UK_NO_UKI },
	{ "pe-offset-max", { P4(0x3c, 0xffffffff) }, 0, -ENOEXEC, UK_NO_UKI },
	{ "no-mz", { P2(0, 0) }, 0, -ENOEXEC, UK_NO_UKI },
	/* once each in the shared part */
	{ "twice-shared", { UK_RENAME(UK_I_PCRPKEY, UK_INITRD) }, 0, -EINVAL,
	  "UKI section .initrd appears twice" },
	{ "twice-shared-sbat", { UK_RENAME(UK_I_PCRPKEY, UK_SBAT) }, 0, -EINVAL,
	  "UKI section .sbat appears twice" },
	{ "twice-shared-linux", { UK_RENAME(UK_I_DTB, UK_LINUX) }, 0, -EINVAL,
	  "UKI section .linux appears twice" },
	{ "twice-shared-cmdline", { UK_RENAME(UK_I_UNAME, UK_CMDLINE_N) }, 0,
	  -EINVAL, "UKI section .cmdline appears twice" },

	/* profiles: the first one is taken, the others only checked */
	{ "profiles-valid", {}, 0, 0, NULL, UK_P },
	{ "twice-first-profile", { UK_RENAME(6, UK_CMDLINE_N) }, 0, -EINVAL,
	  "UKI section .cmdline appears twice in the first profile", UK_P },
	{ "twice-shared-before-profiles", { UK_RENAME(2, UK_CMDLINE_N) }, 0,
	  -EINVAL, "UKI section .cmdline appears twice", UK_P },
	{ "twice-second-profile", { UK_RENAME(9, UK_CMDLINE_N) }, 0, 0, NULL,
	  UK_P },
	{ "second-profile-raw-past-end",
	  { P4(UK_SH(10, UK_RAW_OFF), 0xffffffff) }, 0, -EINVAL,
	  "PE section .linux: raw data 0xffffffff+0x100 ends beyond the file's 0xf00 bytes",
	  UK_P },
	{ "second-profile-overlap",
	  { P4(UK_SH(10, UK_RAW_OFF), UK_DATA_AT(1)) }, 0, -EINVAL,
	  "PE sections .linux (0x500+0x100) and .linux (0x500+0x100) overlap",
	  UK_P },
	{ "second-profile-vsize-over-raw",
	  { P4(UK_SH(10, UK_VSIZE), UK_SLOT + 1) }, 0, 0, NULL, UK_P },
	{ "linux-only-in-second-profile", { UK_RENAME(1, UK_DATA_N) }, 0,
	  -EINVAL, UK_NO_LINUX, UK_P },
	{ "linux-in-first-profile",
	  { UK_RENAME(1, UK_DATA_N), UK_RENAME(6, UK_LINUX) }, 0, 0, NULL,
	  UK_P },
	{ "first-profile-vsize-over-raw", { P4(UK_SH(5, UK_VSIZE), UK_SLOT + 1) },
	  0, -EINVAL,
	  "UKI section .cmdline: virtual size 0x101 exceeds its 0x100 bytes in the file",
	  UK_P },
};

static size_t kx_uki_build(u8 *buf, unsigned int variant, unsigned int run)
{
	if (run)
		return 0;
	return variant == KX_UK_PROFILES ? kx_build_uki_profiles(buf) :
					   kx_build_uki(buf);
}

const struct kx_table kx_uki_table = {
	.name = "uki",
	.format = KEXEC_IMAGE_FMT_UKI,
	.parse = kexec_image_parse_uki,
	.build = kx_uki_build,
	.cases = kx_uki_cases,
	.nr_cases = ARRAY_SIZE(kx_uki_cases),
	.whole_reason = true,
};

#ifdef CONFIG_KEXEC_IMAGE_ELF
/*
 * ELF executables: every rule at its limit and one past it with the
 * errno and the whole reason. The variant is the notes, &enum kx_el_notes.
 */
#define EL_PH_AT(i, field) (EL_PH(i) + (field))
#define EL_ENTRY_DESC	(EL_NOTE_ENTRY + EL_NOTE_DESC)
#define EL_RELOC_DESC	(EL_NOTE_RELOC + EL_NOTE_DESC)
#define EL_RELOC_DESCSZ	(EL_NOTE_RELOC + 4)
#define EL_NOTES_FILESZ	EL_PH_AT(EL_PH_NOTE, EL_P_FILESZ)
#define EL_NO_MAGIC	"no \\177ELF magic in a 16-byte e_ident"
#define EL_TRUNCATED	"truncates the 0x40-byte ELF64 header"
#define EL_NO_LOAD	"no PT_LOAD among the 5 program headers: nothing to load"
#define EL_OUTSIDE	"is outside the loaded image: in no PT_LOAD's file bytes"
#define EL_ZEROS	"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0" \
			"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0" \
			"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"

static const struct kx_case kx_elf_cases[] = {
	{ "valid", {}, 0, 0, NULL },

	/* e_ident: the magic in 16 bytes, then what this reader reads */
	{ "magic-byte-0", { P1(0, 0x7e) }, 0, -ENOEXEC, EL_NO_MAGIC },
	{ "magic-byte-1", { P1(1, 'e') }, 0, -ENOEXEC, EL_NO_MAGIC },
	{ "magic-byte-3", { P1(3, 'f') }, 0, -ENOEXEC, EL_NO_MAGIC },
	{ "ident-cut-15", {}, 15, -ENOEXEC, EL_NO_MAGIC },
	{ "ident-only", {}, 16, -EINVAL, "file of 0x10 bytes " EL_TRUNCATED },
	{ "header-cut-63", {}, 63, -EINVAL, "file of 0x3f bytes " EL_TRUNCATED },
	{ "class-32", { P1(4, 1) }, 0, -EOPNOTSUPP,
	  "EI_CLASS 1 (ELFCLASS32): only 64-bit ELF executables are read" },
	{ "class-32-ident-only", { P1(4, 1) }, 16, -EOPNOTSUPP,
	  "EI_CLASS 1 (ELFCLASS32): only 64-bit ELF executables are read" },
	{ "class-0", { P1(4, 0) }, 0, -EINVAL,
	  "EI_CLASS 0 is neither ELFCLASS32 nor ELFCLASS64" },
	{ "class-3", { P1(4, 3) }, 0, -EINVAL,
	  "EI_CLASS 3 is neither ELFCLASS32 nor ELFCLASS64" },
	{ "data-msb", { P1(5, 2) }, 0, -EOPNOTSUPP,
	  "EI_DATA 2 (ELFDATA2MSB): only little-endian ELF executables are read" },
	{ "data-0", { P1(5, 0) }, 0, -EINVAL,
	  "EI_DATA 0 is neither ELFDATA2LSB nor ELFDATA2MSB" },
	{ "data-3", { P1(5, 3) }, 0, -EINVAL,
	  "EI_DATA 3 is neither ELFDATA2LSB nor ELFDATA2MSB" },
	{ "version-0", { P1(6, 0) }, 0, -EINVAL,
	  "EI_VERSION 0 is not EV_CURRENT (1)" },
	{ "version-2", { P1(6, 2) }, 0, -EINVAL,
	  "EI_VERSION 2 is not EV_CURRENT (1)" },
	{ "class-32-before-data", { P1(4, 1), P1(5, 2) }, 0, -EOPNOTSUPP,
	  "EI_CLASS 1 (ELFCLASS32): only 64-bit ELF executables are read" },

	/* the ELF header: an executable with its program headers in the file */
	{ "type-rel", { P2(16, 1) }, 0, -EOPNOTSUPP,
	  "e_type 1 is not ET_EXEC (2): only executables are read" },
	{ "type-dyn", { P2(16, 3) }, 0, -EOPNOTSUPP,
	  "e_type 3 is not ET_EXEC (2): only executables are read" },
	{ "type-core", { P2(16, 4) }, 0, -EOPNOTSUPP,
	  "e_type 4 is not ET_EXEC (2): only executables are read" },
	{ "type-none", { P2(16, 0) }, 0, -EOPNOTSUPP,
	  "e_type 0 is not ET_EXEC (2): only executables are read" },
	{ "machine-not-judged", { P2(18, 0xb7) }, 0, 0, NULL },
	{ "phentsize-55", { P2(54, 55) }, 0, -EINVAL,
	  "e_phentsize 55 is not the 56 bytes of an Elf64_Phdr" },
	{ "phentsize-57", { P2(54, 57) }, 0, -EINVAL,
	  "e_phentsize 57 is not the 56 bytes of an Elf64_Phdr" },
	{ "phentsize-0", { P2(54, 0) }, 0, -EINVAL,
	  "e_phentsize 0 is not the 56 bytes of an Elf64_Phdr" },
	{ "phnum-0", { P2(56, 0) }, 0, -EINVAL, "e_phnum 0: no program headers" },
	{ "phnum-6-pt-null", { P2(56, 6) }, 0, 0, NULL },
	{ "phnum-65", { P2(56, 65) }, 0, -EFBIG,
	  "e_phnum 65 exceeds the cap of 64 program headers" },
	{ "phnum-max", { P2(56, 0xffff) }, 0, -EFBIG,
	  "e_phnum 65535 exceeds the cap of 64 program headers" },
	{ "phoff-one-past", { P8(32, EL_LEN - 5 * EL_PHENT + 1) }, 0, -EINVAL,
	  "program headers 0xee9+0x118 run past the file's 0x1000 bytes" },
	/* the table fits at the end, where it reads zeros: PT_NULL only */
	{ "phoff-at-end", { P8(32, EL_LEN - 5 * EL_PHENT) }, 0, -EINVAL,
	  EL_NO_LOAD },
	{ "phoff-wraps", { P8(32, 0xffffffffffffff00ULL) }, 0, -EINVAL,
	  "program headers 0xffffffffffffff00+0x118 run past the file's 0x1000 bytes" },
	{ "phoff-max", { P8(32, ~0ULL) }, 0, -EINVAL,
	  "program headers 0xffffffffffffffff+0x118 run past the file's 0x1000 bytes" },
	{ "table-cut", {}, EL_PH(EL_PHNUM) - 1, -EINVAL,
	  "program headers 0x40+0x118 run past the file's 0x157 bytes" },

	/* PT_LOAD: its bytes in the file */
	{ "load-cut", {}, EL_LEN - 1, -EINVAL,
	  "phdr 3 (PT_LOAD): p_offset 0xe00 + p_filesz 0x200 runs past the file's 0xfff bytes" },
	{ "load-filesz-one-past", { P8(EL_PH_AT(3, EL_P_FILESZ), 0x201) }, 0,
	  -EINVAL,
	  "phdr 3 (PT_LOAD): p_offset 0xe00 + p_filesz 0x201 runs past the file's 0x1000 bytes" },
	{ "load-offset-one-past", { P8(EL_PH_AT(3, EL_P_OFFSET), 0xe01) }, 0,
	  -EINVAL,
	  "phdr 3 (PT_LOAD): p_offset 0xe01 + p_filesz 0x200 runs past the file's 0x1000 bytes" },
	{ "load-offset-wraps",
	  { P8(EL_PH_AT(0, EL_P_OFFSET), 0xffffffffffffff00ULL) }, 0, -EINVAL,
	  "phdr 0 (PT_LOAD): p_offset 0xffffffffffffff00 + p_filesz 0x600 runs past the file's 0x1000 bytes",
	},
	{ "load-filesz-max", { P8(EL_PH_AT(2, EL_P_FILESZ), ~0ULL) }, 0, -EINVAL,
	  "phdr 2 (PT_LOAD): p_offset 0xc00 + p_filesz 0xffffffffffffffff runs past the file's 0x1000 bytes",
	},
	{ "load-no-file-bytes",
	  { P8(EL_PH_AT(3, EL_P_OFFSET), EL_LEN),
	    P8(EL_PH_AT(3, EL_P_FILESZ), 0) }, 0, 0, NULL },
	{ "load-no-file-bytes-past",
	  { P8(EL_PH_AT(3, EL_P_OFFSET), EL_LEN + 1),
	    P8(EL_PH_AT(3, EL_P_FILESZ), 0) }, 0, -EINVAL,
	  "phdr 3 (PT_LOAD): p_offset 0x1001 + p_filesz 0x0 runs past the file's 0x1000 bytes" },
	/* p_filesz <= p_memsz, p_memsz not 0 */
	{ "load-memsz-below-filesz", { P8(EL_PH_AT(1, EL_P_MEMSZ), 0x3ff) }, 0,
	  -EINVAL, "phdr 1 (PT_LOAD): p_filesz 0x400 exceeds p_memsz 0x3ff" },
	{ "load-memsz-equals-filesz", { P8(EL_PH_AT(3, EL_P_MEMSZ), 0x200) }, 0,
	  0, NULL },
	{ "load-memsz-below-filesz-bss", { P8(EL_PH_AT(3, EL_P_MEMSZ), 0x1ff) },
	  0, -EINVAL, "phdr 3 (PT_LOAD): p_filesz 0x200 exceeds p_memsz 0x1ff" },
	{ "load-memsz-0",
	  { P8(EL_PH_AT(3, EL_P_FILESZ), 0), P8(EL_PH_AT(3, EL_P_MEMSZ), 0) },
	  0, -EINVAL, "phdr 3 (PT_LOAD): p_memsz is 0" },
	{ "load-memsz-1",
	  { P8(EL_PH_AT(3, EL_P_FILESZ), 0), P8(EL_PH_AT(3, EL_P_MEMSZ), 1) },
	  0, 0, NULL },
	/* p_paddr + p_memsz within 64 bits */
	{ "load-end-wraps",
	  { P8(EL_PH_AT(3, EL_P_PADDR), 0xfffffffffffff000ULL) }, 0, -EINVAL,
	  "phdr 3 (PT_LOAD): p_paddr 0xfffffffffffff000 + p_memsz 0x10000 overflows" },
	{ "load-end-2^64",
	  { P8(EL_PH_AT(3, EL_P_PADDR), 0xffffffffffff0000ULL) }, 0, -EINVAL,
	  "phdr 3 (PT_LOAD): p_paddr 0xffffffffffff0000 + p_memsz 0x10000 overflows" },
	{ "load-end-2^64-1",
	  { P8(EL_PH_AT(3, EL_P_PADDR), 0xffffffffffff0000ULL),
	    P8(EL_PH_AT(3, EL_P_MEMSZ), 0xffff) }, 0, -EFBIG,
	  "PT_LOADs span 0x1000000-0xffffffffffffffff, 0xfffffffffeffffff bytes, past the 0x40000000 cap",
	},
	/* p_align 0 or a power of two */
	{ "load-align-0", { P8(EL_PH_AT(2, EL_P_ALIGN), 0) }, 0, 0, NULL },
	{ "load-align-1", { P8(EL_PH_AT(2, EL_P_ALIGN), 1) }, 0, 0, NULL },
	{ "load-align-3", { P8(EL_PH_AT(2, EL_P_ALIGN), 3) }, 0, -EINVAL,
	  "phdr 2 (PT_LOAD): p_align 0x3 is neither 0 nor a power of two" },
	{ "load-align-0x3000", { P8(EL_PH_AT(2, EL_P_ALIGN), 0x3000) }, 0,
	  -EINVAL,
	  "phdr 2 (PT_LOAD): p_align 0x3000 is neither 0 nor a power of two" },
	{ "load-align-2^63",
	  { P8(EL_PH_AT(2, EL_P_ALIGN), 0x8000000000000000ULL) }, 0, 0, NULL },
	{ "load-align-max", { P8(EL_PH_AT(2, EL_P_ALIGN), ~0ULL) }, 0, -EINVAL,
	  "phdr 2 (PT_LOAD): p_align 0xffffffffffffffff is neither 0 nor a power of two" },
	/* ascending p_paddr, no two sharing a byte of memory */
	{ "load-adjacent", { P8(EL_PH_AT(1, EL_P_PADDR), 0x1000600) }, 0, 0,
	  NULL },
	{ "load-overlap-by-one", { P8(EL_PH_AT(1, EL_P_PADDR), 0x10005ff) }, 0,
	  -EINVAL,
	  "phdr 1 (PT_LOAD): p_paddr 0x10005ff overlaps the previous PT_LOAD, which ends at 0x1000600",
	},
	{ "load-same-paddr", { P8(EL_PH_AT(1, EL_P_PADDR), EL_BASE) }, 0,
	  -EINVAL,
	  "phdr 1 (PT_LOAD): p_paddr 0x1000000 overlaps the previous PT_LOAD, which ends at 0x1000600",
	},
	{ "load-descending", { P8(EL_PH_AT(1, EL_P_PADDR), EL_BASE - 1) }, 0,
	  -EINVAL,
	  "phdr 1 (PT_LOAD): p_paddr 0xffffff is below the previous PT_LOAD's 0x1000000" },
	{ "load-overlap-later", { P8(EL_PH_AT(2, EL_P_PADDR), 0x12003ff) }, 0,
	  -EINVAL,
	  "phdr 2 (PT_LOAD): p_paddr 0x12003ff overlaps the previous PT_LOAD, which ends at 0x1200400",
	},
	{ "no-pt-load",
	  { P4(EL_PH_AT(0, EL_P_TYPE), 0), P4(EL_PH_AT(1, EL_P_TYPE), 0),
	    P4(EL_PH_AT(2, EL_P_TYPE), 0),
	    P4(EL_PH_AT(3, EL_P_TYPE), 0x6474e551) }, 0, -EINVAL, EL_NO_LOAD },
	{ "no-pt-load-all-null",
	  { P4(EL_PH_AT(0, EL_P_TYPE), 0), P4(EL_PH_AT(1, EL_P_TYPE), 0),
	    P4(EL_PH_AT(2, EL_P_TYPE), 0), P4(EL_PH_AT(3, EL_P_TYPE), 0) }, 0,
	  -EINVAL, EL_NO_LOAD },
	{ "one-pt-load",
	  { P4(EL_PH_AT(1, EL_P_TYPE), 0), P4(EL_PH_AT(2, EL_P_TYPE), 0),
	    P4(EL_PH_AT(3, EL_P_TYPE), 0x6474e551) }, 0, 0, NULL },
	/* the span: 1 GiB at most (the window's max raised to hold it) */
	{ "span-at-cap",
	  { P8(EL_PH_AT(3, EL_P_MEMSZ), 0x3fa00000),
	    P4(EL_RELOC_DESC + 8, 0xffffffff) }, 0, 0, NULL },
	{ "span-past-cap",
	  { P8(EL_PH_AT(3, EL_P_MEMSZ), 0x3fa00001),
	    P4(EL_RELOC_DESC + 8, 0xffffffff) }, 0, -EFBIG,
	  "PT_LOADs span 0x1000000-0x41000001, 0x40000001 bytes, past the 0x40000000 cap" },

	/* PT_NOTE: in the file, every note well formed */
	{ "notes-at-file-end",
	  { P8(EL_PH_AT(EL_PH_NOTE, EL_P_OFFSET), EL_LEN - 0x84),
	    P8(EL_NOTES_FILESZ, 0x84) }, 0, 0, NULL },
	{ "notes-one-past",
	  { P8(EL_PH_AT(EL_PH_NOTE, EL_P_OFFSET), EL_LEN - EL_NOTES_SIZE + 1) },
	  0, -EINVAL,
	  "phdr 4 (PT_NOTE): p_offset 0xf79 + p_filesz 0x88 runs past the file's 0x1000 bytes" },
	{ "notes-offset-wraps",
	  { P8(EL_PH_AT(EL_PH_NOTE, EL_P_OFFSET), 0xffffffffffffff80ULL) }, 0,
	  -EINVAL,
	  "phdr 4 (PT_NOTE): p_offset 0xffffffffffffff80 + p_filesz 0x88 runs past the file's 0x1000 bytes",
	},
	{ "notes-filesz-max", { P8(EL_NOTES_FILESZ, ~0ULL) }, 0, -EINVAL,
	  "phdr 4 (PT_NOTE): p_offset 0x600 + p_filesz 0xffffffffffffffff runs past the file's 0x1000 bytes",
	},
	{ "notes-cut", { P8(EL_NOTES_FILESZ, EL_NOTES_SIZE - 1) }, 0, -EINVAL,
	  "phdr 4 (PT_NOTE): note 4 at 0x6c: descsz 0xc runs past the area's end" },
	{ "notes-trailing", { P8(EL_NOTES_FILESZ, EL_NOTES_SIZE + 4) }, 0,
	  -EINVAL,
	  "phdr 4 (PT_NOTE): note 5 at 0x88: 4 trailing bytes are too short for a note header" },
	{ "notes-namesz-max", { P4(EL_NOTES, 0xffffffff) }, 0, -EINVAL,
	  "phdr 4 (PT_NOTE): note 0 at 0x0: namesz 0xffffffff runs past the area's end" },
	{ "notes-empty", { P8(EL_NOTES_FILESZ, 0) }, 0, 0, NULL },

	/* XEN_ELFNOTE_PHYS32_ENTRY: 4 or 8 bytes, 32 bits, once */
	{ "entry-4-bytes", {}, 0, 0, NULL, KX_EL_ENTRY_4 },
	{ "entry-0-bytes", {}, 0, -EINVAL,
	  "phdr 4 (PT_NOTE) note 1: XEN_ELFNOTE_PHYS32_ENTRY of 0 bytes, not 4 or 8",
	  KX_EL_ENTRY_0 },
	{ "entry-5-bytes", {}, 0, -EINVAL,
	  "phdr 4 (PT_NOTE) note 1: XEN_ELFNOTE_PHYS32_ENTRY of 5 bytes, not 4 or 8",
	  KX_EL_ENTRY_5 },
	{ "entry-12-bytes", {}, 0, -EINVAL,
	  "phdr 4 (PT_NOTE) note 1: XEN_ELFNOTE_PHYS32_ENTRY of 12 bytes, not 4 or 8",
	  KX_EL_ENTRY_12 },
	{ "entry-2^32", { P8(EL_ENTRY_DESC, 0x100000000ULL) }, 0, -EINVAL,
	  "phdr 4 (PT_NOTE) note 3: XEN_ELFNOTE_PHYS32_ENTRY 0x100000000 is not a 32-bit address" },
	{ "entry-2^32-1", { P8(EL_ENTRY_DESC, 0xffffffff) }, 0, -EINVAL,
	  "XEN_ELFNOTE_PHYS32_ENTRY 0xffffffff " EL_OUTSIDE },
	{ "entry-twice", {}, 0, -EINVAL,
	  "phdr 4 (PT_NOTE) note 3: a second XEN_ELFNOTE_PHYS32_ENTRY",
	  KX_EL_ENTRY_TWICE },
	{ "no-entry", {}, 0, 0, NULL, KX_EL_NO_ENTRY },
	/* the entry in a PT_LOAD's file bytes */
	{ "entry-at-low", { P8(EL_ENTRY_DESC, EL_BASE) }, 0, 0, NULL },
	{ "entry-below-low", { P8(EL_ENTRY_DESC, EL_BASE - 1) }, 0, -EINVAL,
	  "XEN_ELFNOTE_PHYS32_ENTRY 0xffffff " EL_OUTSIDE },
	{ "entry-last-text-byte", { P8(EL_ENTRY_DESC, 0x10005ff) }, 0, 0, NULL },
	{ "entry-past-text", { P8(EL_ENTRY_DESC, 0x1000600) }, 0, -EINVAL,
	  "XEN_ELFNOTE_PHYS32_ENTRY 0x1000600 " EL_OUTSIDE },
	{ "entry-in-data", { P8(EL_ENTRY_DESC, 0x1200000) }, 0, 0, NULL },
	{ "entry-last-file-byte", { P8(EL_ENTRY_DESC, 0x16001ff) }, 0, 0, NULL },
	{ "entry-in-bss", { P8(EL_ENTRY_DESC, 0x1600200) }, 0, -EINVAL,
	  "XEN_ELFNOTE_PHYS32_ENTRY 0x1600200 " EL_OUTSIDE },
	{ "entry-past-image", { P8(EL_ENTRY_DESC, EL_HIGH) }, 0, -EINVAL,
	  "XEN_ELFNOTE_PHYS32_ENTRY 0x1610000 " EL_OUTSIDE },

	/* XEN_ELFNOTE_PHYS32_RELOC: 0 to 3 words, once, a window that fits */
	{ "reloc-16-bytes", {}, 0, -EINVAL,
	  "phdr 4 (PT_NOTE) note 2: XEN_ELFNOTE_PHYS32_RELOC of 16 bytes, not 0, 4, 8 or 12",
	  KX_EL_RELOC_16 },
	{ "reloc-2-bytes", {}, 0, -EINVAL,
	  "phdr 4 (PT_NOTE) note 2: XEN_ELFNOTE_PHYS32_RELOC of 2 bytes, not 0, 4, 8 or 12",
	  KX_EL_RELOC_2 },
	{ "reloc-6-bytes", {}, 0, -EINVAL,
	  "phdr 4 (PT_NOTE) note 2: XEN_ELFNOTE_PHYS32_RELOC of 6 bytes, not 0, 4, 8 or 12",
	  KX_EL_RELOC_6 },
	{ "reloc-twice", {}, 0, -EINVAL,
	  "phdr 4 (PT_NOTE) note 3: a second XEN_ELFNOTE_PHYS32_RELOC",
	  KX_EL_RELOC_TWICE },
	{ "reloc-align-0", { P4(EL_RELOC_DESC, 0) }, 0, -EINVAL,
	  "XEN_ELFNOTE_PHYS32_RELOC align 0x0 is not a power of two" },
	{ "reloc-align-1", { P4(EL_RELOC_DESC, 1) }, 0, 0, NULL },
	{ "reloc-align-3", { P4(EL_RELOC_DESC, 3) }, 0, -EINVAL,
	  "XEN_ELFNOTE_PHYS32_RELOC align 0x3 is not a power of two" },
	{ "reloc-align-2^31", { P4(EL_RELOC_DESC, 0x80000000) }, 0, 0, NULL },
	{ "reloc-align-max", { P4(EL_RELOC_DESC, 0xffffffff) }, 0, -EINVAL,
	  "XEN_ELFNOTE_PHYS32_RELOC align 0xffffffff is not a power of two" },
	{ "reloc-min-above-max", { P4(EL_RELOC_DESC + 4, 0x40000000) }, 0,
	  -EINVAL,
	  "XEN_ELFNOTE_PHYS32_RELOC min 0x40000000 is above max 0x3fffffff: empty window" },
	{ "reloc-min-equals-max", { P4(EL_RELOC_DESC + 4, 0x3fffffff) }, 0,
	  -EINVAL,
	  "XEN_ELFNOTE_PHYS32_RELOC window 0x3fffffff-0x3fffffff is smaller than the image's 0x610000 bytes: empty window",
	},
	{ "reloc-window-exact",
	  { P4(EL_RELOC_DESC + 8, EL_RELOC_MIN + EL_SPAN - 1) }, 0, 0, NULL },
	{ "reloc-window-one-short",
	  { P4(EL_RELOC_DESC + 8, EL_RELOC_MIN + EL_SPAN - 2) }, 0, -EINVAL,
	  "XEN_ELFNOTE_PHYS32_RELOC window 0x1000000-0x160fffe is smaller than the image's 0x610000 bytes: empty window",
	},
	{ "reloc-window-2-words-exact",
	  { P4(EL_RELOC_DESCSZ, 8), P8(EL_NOTES_FILESZ, EL_NOTES_SIZE - 4),
	    P4(EL_RELOC_DESC + 4, 0x100000000ULL - EL_SPAN) }, 0, 0, NULL },
	{ "reloc-window-2-words-short",
	  { P4(EL_RELOC_DESCSZ, 8), P8(EL_NOTES_FILESZ, EL_NOTES_SIZE - 4),
	    P4(EL_RELOC_DESC + 4, 0x100000000ULL - EL_SPAN + 1) }, 0, -EINVAL,
	  "XEN_ELFNOTE_PHYS32_RELOC window 0xff9f0001-0xffffffff is smaller than the image's 0x610000 bytes: empty window",
	},
	{ "reloc-window-whole",
	  { P4(EL_RELOC_DESC + 4, 0), P4(EL_RELOC_DESC + 8, 0xffffffff) }, 0, 0,
	  NULL },

	/* NT_GNU_BUILD_ID: up to 64 bytes */
	{ "build-id-64", {}, 0, 0, NULL, KX_EL_ID_64 },
	{ "build-id-65", {}, 0, -EINVAL,
	  "phdr 4 (PT_NOTE) note 0: NT_GNU_BUILD_ID of 65 bytes exceeds the 64-byte cap",
	  KX_EL_ID_65 },
	{ "build-id-0", {}, 0, 0, NULL, KX_EL_ID_0 },

	/* other notes are counted, not judged */
	{ "xen-name-without-nul", {}, 0, 0, NULL, KX_EL_XEN_NAMESZ_3 },
	{ "xen-name-upper-case", {}, 0, 0, NULL, KX_EL_XEN_UPPER },
	{ "gnu-type-18", {}, 0, 0, NULL, KX_EL_GNU_18 },
	{ "xen-type-3-65-bytes", {}, 0, 0, NULL, KX_EL_XEN_3_65 },
	{ "linux-type-19", {}, 0, 0, NULL, KX_EL_LINUX_19 },
	{ "xen-other-type-any-size", {}, 0, 0, NULL, KX_EL_XEN_17 },
	{ "other-notes-together", {}, 0, 0, NULL, KX_EL_OTHERS },
};

/* A set of notes and its length. */
#define KX_EL_NOTES(...)						\
	{ (const struct kx_elf_note[]){ __VA_ARGS__ },			\
	  sizeof((const struct kx_elf_note[]){ __VA_ARGS__ }) /		\
	  sizeof(struct kx_elf_note) }
#define KX_N_XEN(type, n)	{ "Xen", 0, type, EL_ZEROS, n }

static const struct {
	const struct kx_elf_note *n;
	unsigned int nr;
} kx_el_notes[KX_EL_NR_NOTES] = {
	[KX_EL_STD] = { kx_elf_std_notes, EL_NR_NOTES },
	[KX_EL_ENTRY_4] = KX_EL_NOTES(KX_N_ID, KX_N_ENTRY4, KX_N_RELOC),
	[KX_EL_ENTRY_0] = KX_EL_NOTES(KX_N_ID, { "Xen", 0, 18, "", 0 },
				      KX_N_RELOC),
	[KX_EL_ENTRY_5] = KX_EL_NOTES(KX_N_ID, KX_N_XEN(18, 5), KX_N_RELOC),
	[KX_EL_ENTRY_12] = KX_EL_NOTES(KX_N_ID, KX_N_XEN(18, 12), KX_N_RELOC),
	[KX_EL_ENTRY_TWICE] = KX_EL_NOTES(KX_N_ID, KX_N_ENTRY, KX_N_RELOC,
					  KX_N_ENTRY4),
	[KX_EL_NO_ENTRY] = KX_EL_NOTES(KX_N_ID, KX_N_LINUX, KX_N_OS,
				       KX_N_RELOC),
	[KX_EL_RELOC_16] = KX_EL_NOTES(KX_N_ID, KX_N_ENTRY, KX_N_XEN(19, 16)),
	[KX_EL_RELOC_2] = KX_EL_NOTES(KX_N_ID, KX_N_ENTRY, KX_N_XEN(19, 2)),
	[KX_EL_RELOC_6] = KX_EL_NOTES(KX_N_ID, KX_N_ENTRY, KX_N_XEN(19, 6)),
	[KX_EL_RELOC_TWICE] = KX_EL_NOTES(KX_N_ID, KX_N_RELOC, KX_N_ENTRY,
					  { "Xen", 0, 19, "", 0 }),
	[KX_EL_ID_64] = KX_EL_NOTES({ "GNU", 0, 3, EL_ZEROS, 64 }, KX_N_ENTRY,
				    KX_N_RELOC),
	[KX_EL_ID_65] = KX_EL_NOTES({ "GNU", 0, 3, EL_ZEROS, 65 }, KX_N_ENTRY,
				    KX_N_RELOC),
	[KX_EL_ID_0] = KX_EL_NOTES({ "GNU", 0, 3, "", 0 }, KX_N_ENTRY,
				   KX_N_RELOC),
	[KX_EL_XEN_NAMESZ_3] = KX_EL_NOTES(KX_N_ID,
					   { "Xen", 3, 18, EL_ZEROS, 5 },
					   KX_N_ENTRY, KX_N_RELOC),
	[KX_EL_XEN_UPPER] = KX_EL_NOTES(KX_N_ID, { "XEN", 0, 18, EL_ZEROS, 5 },
					KX_N_ENTRY, KX_N_RELOC),
	[KX_EL_GNU_18] = KX_EL_NOTES(KX_N_ID, { "GNU", 0, 18, EL_ZEROS, 5 },
				     KX_N_ENTRY, KX_N_RELOC),
	[KX_EL_XEN_3_65] = KX_EL_NOTES(KX_N_XEN(3, 65), KX_N_ENTRY,
				       KX_N_RELOC),
	[KX_EL_LINUX_19] = KX_EL_NOTES(KX_N_ID,
				       { "Linux", 0, 19, EL_ZEROS, 16 },
				       KX_N_ENTRY, KX_N_RELOC),
	[KX_EL_XEN_17] = KX_EL_NOTES(KX_N_ID, KX_N_XEN(17, 13), KX_N_ENTRY,
				     KX_N_RELOC),
	[KX_EL_OTHERS] = KX_EL_NOTES(KX_N_ID, { "XEN", 0, 18, EL_ZEROS, 5 },
				     { "GNU", 0, 18, EL_ZEROS, 5 },
				     KX_N_XEN(3, 65), KX_N_XEN(17, 13),
				     KX_N_ENTRY, KX_N_RELOC),
};

static size_t kx_elf_build(u8 *buf, unsigned int variant, unsigned int run)
{
	if (run || variant >= KX_EL_NR_NOTES)
		return 0;
	return kx_build_elf_notes(buf, kx_el_notes[variant].n,
				  kx_el_notes[variant].nr);
}

const struct kx_table kx_elf_table = {
	.name = "elf",
	.format = KEXEC_IMAGE_FMT_ELF,
	.parse = kexec_image_parse_elf,
	.build = kx_elf_build,
	.cases = kx_elf_cases,
	.nr_cases = ARRAY_SIZE(kx_elf_cases),
	.whole_reason = true,
};
#endif /* CONFIG_KEXEC_IMAGE_ELF */

const struct kx_table *const kx_tables[] = {
#ifdef CONFIG_KEXEC_IMAGE_ARM64
	&kx_arm64_table,
#endif
#ifdef CONFIG_KEXEC_IMAGE_BZIMAGE
	&kx_bzimage_table,
#endif
	&kx_zimage_table, &kx_zboot_table, &kx_gzip_table, &kx_uki_table,
#ifdef CONFIG_KEXEC_IMAGE_ELF
	&kx_elf_table,
#endif
};

const unsigned int kx_nr_tables = ARRAY_SIZE(kx_tables);

static void kx_put(u8 *p, unsigned int width, u64 val)
{
	switch (width) {
	case 1:
		*p = val;
		break;
	case 2:
		put_unaligned_le16(val, p);
		break;
	case 4:
		put_unaligned_le32(val, p);
		break;
	default:
		put_unaligned_le64(val, p);
		break;
	}
}

/**
 * kx_case_image() - the file of one run of a case
 * @t: the case's table
 * @c: the case
 * @run: 0, and 1 for a zImage case on both byte orders
 * @buf: a buffer of %KX_BUF_LEN bytes
 *
 * Builds the case's image in @buf, zeroed first, and applies its patches.
 *
 * Return: the file's length, up to %KX_BUF_LEN; 0 if the case has no
 * such run, or a patch lies outside @buf.
 */
size_t kx_case_image(const struct kx_table *t, const struct kx_case *c,
		     unsigned int run, u8 *buf)
{
	const struct kx_patch *p;
	size_t len;

	memset(buf, 0, KX_BUF_LEN);
	len = t->build(buf, c->variant, run);
	if (!len || c->len > KX_BUF_LEN)
		return 0;
	for (p = c->patch; p < c->patch + KX_MAX_PATCHES && p->width; p++) {
		if (p->off > KX_BUF_LEN - p->width)
			return 0;
		kx_put(buf + p->off, p->width, p->val);
	}
	return c->len ? c->len : len;
}

/**
 * kx_case_check() - whether a parser did what a case says
 * @t: the case's table
 * @c: the case
 * @ret: what @t's parser returned on the case's file
 * @info: what it described
 * @why: %KX_WHY_LEN bytes for the first difference, if any
 *
 * The errno, the same in @info->error; a reason exactly when refused,
 * whole, holding the case's (or being it, in a table of whole reasons);
 * the format recognised unless -ENOEXEC, and none then.
 *
 * Return: true when the parser did what the case says.
 */
bool kx_case_check(const struct kx_table *t, const struct kx_case *c,
		   int ret, const struct kexec_image_info *info, char *why)
{
	const char *r = info->reason;

	if (ret != c->err)
		snprintf(why, KX_WHY_LEN, "returned %d, want %d: %s", ret,
			 c->err, r);
	else if (info->error != ret)
		snprintf(why, KX_WHY_LEN, "info->error %d but returned %d",
			 info->error, ret);
	else if (ret && !r[0])
		snprintf(why, KX_WHY_LEN, "refused without a reason");
	else if (!ret && r[0])
		snprintf(why, KX_WHY_LEN, "accepted with reason \"%s\"", r);
	else if (strnlen(r, KEXEC_IMAGE_REASON_LEN) >= KEXEC_IMAGE_REASON_LEN - 1)
		snprintf(why, KX_WHY_LEN, "reason cut at %d bytes: %s",
			 KEXEC_IMAGE_REASON_LEN - 1, r);
	else if (c->reason && t->whole_reason && strcmp(r, c->reason))
		snprintf(why, KX_WHY_LEN, "reason \"%s\", want \"%s\"", r,
			 c->reason);
	else if (c->reason && !t->whole_reason && !strstr(r, c->reason))
		snprintf(why, KX_WHY_LEN, "reason \"%s\" lacks \"%s\"", r,
			 c->reason);
	else if (ret == -ENOEXEC && info->format != KEXEC_IMAGE_FMT_UNKNOWN)
		snprintf(why, KX_WHY_LEN, "not %s, yet format %s", t->name,
			 kexec_image_format_name(info->format));
	else if (ret != -ENOEXEC && info->format != t->format)
		snprintf(why, KX_WHY_LEN, "format %s, not %s",
			 kexec_image_format_name(info->format), t->name);
	else
		return true;
	return false;
}

/*
 * The ELF note walker: a 12-byte Nhdr, name and desc each padded to 4;
 * each case in both byte orders.
 */
const struct kx_note_case kx_note_cases[] = {
	{ "empty", {}, 0, 0, NULL },
	{ "one-empty-note", { 0, 0, 7 }, 12, 1, NULL },
	{ "two-empty-notes", { 0, 0, 7, 0, 0, 8 }, 24, 2, NULL },
	{ "name-4", { 4, 0, 1, 0x78756e4c }, 16, 1, NULL },
	{ "name-5-padded", { 5, 0, 1, 0x756e694c, 0x78 }, 20, 1, NULL },
	{ "name-5-unpadded", { 5, 0, 1, 0x756e694c, 0x78 }, 17, -EINVAL,
	  "namesz 0x5 runs past" },
	{ "name-5-zeros-padded", { 5, 0, 1, 0, 0 }, 20, 1, NULL },
	{ "name-5-zeros-unpadded", { 5, 0, 1, 0, 0 }, 17, -EINVAL, NULL },
	{ "desc-1-padded", { 0, 1, 1, 0xff }, 16, 1, NULL },
	{ "desc-1-unpadded", { 0, 1, 1, 0xff }, 13, -EINVAL,
	  "descsz 0x1 runs past" },
	{ "desc-exactly-fits", { 0, 8, 1, 1, 2 }, 20, 1, NULL },
	{ "desc-one-word-past", { 0, 12, 1, 1, 2 }, 20, -EINVAL,
	  "note 0 at 0x0: descsz 0xc" },
	{ "desc-zeros-exactly-fit", { 0, 8, 1, 0, 0 }, 20, 1, NULL },
	{ "desc-zeros-one-word-past", { 0, 12, 1, 0, 0 }, 20, -EINVAL, NULL },
	{ "namesz-max", { 0xffffffff, 0, 1 }, 12, -EINVAL, "namesz 0xffffffff" },
	{ "namesz-pad-wraps-32", { 0xfffffffd, 0, 1 }, 12, -EINVAL,
	  "namesz 0xfffffffd" },
	{ "descsz-max", { 0, 0xffffffff, 1 }, 12, -EINVAL, "descsz 0xffffffff" },
	{ "both-large", { 0x7ffffffc, 0x7ffffffc, 1 }, 12, -EINVAL, "namesz" },
	{ "name-fits-desc-not", { 4, 0xfffffff0, 1, 0 }, 16, -EINVAL,
	  "descsz 0xfffffff0" },
	{ "trailing-4", { 0, 0, 7, 0 }, 16, -EINVAL,
	  "note 1 at 0xc: 4 trailing bytes" },
	{ "trailing-11", { 0, 0, 7, 0, 0, 0 }, 23, -EINVAL, "11 trailing" },
	{ "trailing-1", { 0, 0, 7, 0 }, 13, -EINVAL, "1 trailing" },
	{ "header-only-8", { 0, 0 }, 8, -EINVAL, "note 0 at 0x0: 8 trailing" },
	{ "second-bad", { 0, 0, 7, 8, 0, 7 }, 24, -EINVAL,
	  "note 1 at 0xc: namesz 0x8" },
};

const unsigned int kx_nr_note_cases = ARRAY_SIZE(kx_note_cases);

/**
 * kx_note_area() - a note case's area in one byte order
 * @area: room for the case's words, 64 bytes
 * @c: the case
 * @big_endian: the byte order of its words
 */
void kx_note_area(u8 *area, const struct kx_note_case *c, bool big_endian)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(c->words); i++)
		kx_put_word(area + 4 * i, big_endian, c->words[i]);
}

/**
 * kx_note_check() - whether kexec_notes_check() did what a note case says
 * @c: the case
 * @ret: what kexec_notes_check() returned on its area
 * @info: the reason it gave
 * @why: %KX_WHY_LEN bytes for the difference, if any
 *
 * Return: true when it counted the notes, or refused them with -EINVAL
 * and a reason holding the case's.
 */
bool kx_note_check(const struct kx_note_case *c, int ret,
		   const struct kexec_image_info *info, char *why)
{
	if (ret != c->count)
		snprintf(why, KX_WHY_LEN, "returned %d, want %d: %s", ret,
			 c->count, info->reason);
	else if (ret < 0 && !info->reason[0])
		snprintf(why, KX_WHY_LEN, "refused without a reason");
	else if (c->reason && !strstr(info->reason, c->reason))
		snprintf(why, KX_WHY_LEN, "reason \"%s\" lacks \"%s\"",
			 info->reason, c->reason);
	else
		return true;
	return false;
}
