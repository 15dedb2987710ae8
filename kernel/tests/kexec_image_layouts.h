/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The synthetic images the tests of kernel/kexec_image*.c are built from,
 * and each format's table of cases; see kexec_image_layouts.c.
 */
#ifndef _KERNEL_TESTS_KEXEC_IMAGE_LAYOUTS_H
#define _KERNEL_TESTS_KEXEC_IMAGE_LAYOUTS_H

#include <linux/kexec_image.h>
#include <linux/types.h>

/* arm64 Image: the 64-byte header, the rest zeros. */
#define A64_LEN		0x1000
#define A64_IMAGE_SIZE	0x10000

/* riscv Image: the 64-byte header of an rv64 kernel, the rest zeros. */
#define RV_LEN		0x1000
#define RV_TEXT_OFFSET	0x200000
#define RV_IMAGE_SIZE	0x10000
#define RV_VERSION_0_2	0x2
/* Its fields (struct riscv_image_header). */
#define RV_CODE0	0x00
#define RV_TEXT		0x08
#define RV_SIZE		0x10
#define RV_FLAGS	0x18
#define RV_VERSION	0x20
#define RV_MAGIC	0x30
#define RV_MAGIC2	0x38
#define RV_PE_OFFSET	0x3c

/* x86 bzImage: one setup sector after the boot sector, then the code. */
#define BZ_SETUP	0x400		/* setup_sects 1 */
#define BZ_CODE		0x2000		/* protected-mode code */
#define BZ_LEN		(BZ_SETUP + BZ_CODE)
#define BZ_KINFO	0x1800		/* kernel_info, from the code */

/* arm zImage: the header, a KLSZ and a NOTE tag, two notes, the size word. */
#define ZI_LEN		0x2000
#define ZI_TABLE	0x100
#define ZI_NOTE_TAG	(ZI_TABLE + 24)	/* after a 6-word KLSZ */
#define ZI_TABLE_END	(ZI_NOTE_TAG + 16)
#define ZI_NOTES	0x200
#define ZI_NOTES_SIZE	48
#define ZI_SIZE_WORD	0x1ff0
#define ZI_DECOMP	0x400000
#define ZI_BSS		0x10000

/* gzip: kx_build_gzip()'s member is GZ_LEN bytes with FNAME alone. */
#define GZ_FTEXT	0x01
#define GZ_FHCRC	0x02
#define GZ_FEXTRA	0x04
#define GZ_FNAME	0x08
#define GZ_FCOMMENT	0x10
#define GZ_LEN		28
#define GZ_ISIZE	0x1000		/* the tables' members */

/* EFI zboot: the header, a PE header, the payload. */
#define ZB_LEN		0x300
#define ZB_PAYLOAD	0x100
#define ZB_PE		0x80
#define ZB_ISIZE	0x123456
#define ZB_RAW_PAYLOAD	0x80		/* non-gzip payload size */

/*
 * A UKI: MZ, PE header and a PE32+ optional header, then the section
 * table; each section's raw data is its virtual size rounded up to
 * UK_SLOT, from the first UK_SLOT boundary past the table.
 */
#define UK_PE		0x80
#define UK_OPT		0xf0
#define UK_COUNT	(UK_PE + 6)	/* pe_hdr.sections */
#define UK_OPT_SIZE	(UK_PE + 20)	/* pe_hdr.opt_hdr_size */
#define UK_TABLE	(UK_PE + 24 + UK_OPT)
#define UK_SEC_LEN	40
#define UK_SEC(i)	(UK_TABLE + UK_SEC_LEN * (i))
#define UK_SLOT		0x100
#define UK_MACHINE	0x8664
/* kx_build_uki(): twelve sections of one slot each from UK_DATA. */
#define UK_NR		12
#define UK_DATA		0x400
#define UK_LEN		(UK_DATA + UK_NR * UK_SLOT)
#define UK_DATA_AT(i)	(UK_DATA + UK_SLOT * (i))
/* Offsets within one section header. */
#define UK_VSIZE	8
#define UK_RAW_SIZE	16
#define UK_RAW_OFF	20
/* A section name as the little-endian u64 of its 8 bytes. */
#define UK_NAME(a, b, c, d, e, f, g, h)					\
	((u64)(a) | (u64)(b) << 8 | (u64)(c) << 16 | (u64)(d) << 24 |	\
	 (u64)(e) << 32 | (u64)(f) << 40 | (u64)(g) << 48 | (u64)(h) << 56)

#define UK_CMDLINE	"console=ttyS0 quiet\r\n"
#define UK_UNAME	"6.12.0-test\n"
#define UK_OSREL	"ID=debian\nVERSION_ID=\"12\"\n"

/* kx_build_uki()'s sections, in its table's order. */
enum uk_index {
	UK_I_TEXT, UK_I_SBAT, UK_I_OSREL, UK_I_CMDLINE, UK_I_UNAME, UK_I_LINUX,
	UK_I_INITRD, UK_I_UCODE, UK_I_DTB, UK_I_SPLASH, UK_I_PCRSIG,
	UK_I_PCRPKEY,
};

/*
 * kx_build_uki_profiles(): .text .linux .osrel .cmdline shared, then
 * .profile .cmdline .dtb, then .profile .cmdline .uname .linux; one slot
 * each from UK_DATA.
 */
#define UK_P_NR		11

/**
 * struct kx_uki_sec - one section of a synthetic UKI
 * @name: up to 8 bytes
 * @data: @len bytes; NULL fills them with 0xcc
 * @len: the virtual size
 */
struct kx_uki_sec {
	const char *name;
	const void *data;
	u32 len;
};

/*
 * An x86-64 vmlinux in small: the ELF header, four PT_LOADs (text, data,
 * percpu, init with bss) and a PT_NOTE whose notes lie in the text's file
 * bytes, as vmlinux's do. The file ends with the last PT_LOAD's bytes.
 */
#define EL_LEN		0x1000
#define EL_PHOFF	0x40
#define EL_PHENT	56
#define EL_PH(i)	(EL_PHOFF + EL_PHENT * (i))
#define EL_NR_LOADS	4
#define EL_PH_NOTE	4		/* the PT_NOTE's index */
#define EL_PHNUM	5
/* Fields of a program header (struct elf64_phdr). */
#define EL_P_TYPE	0
#define EL_P_FLAGS	4
#define EL_P_OFFSET	8
#define EL_P_PADDR	24
#define EL_P_FILESZ	32
#define EL_P_MEMSZ	40
#define EL_P_ALIGN	48
#define EL_BASE		0x1000000	/* the text's p_paddr */
#define EL_HIGH		0x1610000	/* end of the bss */
#define EL_SPAN		(EL_HIGH - EL_BASE)
#define EL_E_ENTRY	0xffffffff81000000ULL
#define EL_ENTRY	(EL_BASE + 0x40)	/* PHYS32_ENTRY */
#define EL_RELOC_ALIGN	0x200000	/* PHYS32_RELOC's words */
#define EL_RELOC_MIN	0x1000000
#define EL_RELOC_MAX	0x3fffffff
#define EL_NOTES	0x600		/* in the text's file bytes */
#define EL_NOTES_ROOM	0x200		/* up to the data's file bytes */
/*
 * kx_build_elf()'s notes, kx_elf_std_notes[]: GNU build ID, a "Linux"
 * note, Xen GUEST_OS, PHYS32_ENTRY (8 bytes) and PHYS32_RELOC (3 words)
 * last.
 */
#define EL_NR_NOTES	5
#define EL_NOTE_ENTRY	0x654		/* the PHYS32_ENTRY note's header */
#define EL_NOTE_RELOC	0x66c		/* the PHYS32_RELOC note's header */
#define EL_NOTE_DESC	16		/* a "Xen" note's descriptor */
#define EL_NOTES_SIZE	0x88
#define EL_BUILD_ID_LEN	20

/**
 * struct kx_elf_note - one note of a synthetic ELF file
 * @name: the owner
 * @namesz: 0: strlen(@name) + 1
 * @type: the note's type
 * @desc: @descsz bytes
 * @descsz: the descriptor's size
 */
struct kx_elf_note {
	const char *name;
	u32 namesz;
	u32 type;
	const void *desc;
	u32 descsz;
};

extern const struct kx_elf_note kx_elf_std_notes[EL_NR_NOTES];
extern const u8 kx_elf_build_id[EL_BUILD_ID_LEN];

/* Room for every image and case below: a UKI with a text section past its cap. */
#define KX_BUF_LEN	(UK_LEN + KEXEC_IMAGE_UKI_MAX_TEXT + 1)

size_t kx_build_arm64(u8 *buf);
size_t kx_build_riscv(u8 *buf);
size_t kx_bzimage_fields_end(u16 protocol);
size_t kx_build_bzimage(u8 *buf, u16 protocol);
size_t kx_build_zimage(u8 *buf, bool big_endian);
size_t kx_build_gzip(u8 *buf, u8 flags, u32 isize);
size_t kx_build_zboot(u8 *buf, const char *comp);
size_t kx_build_uki_of(u8 *buf, const struct kx_uki_sec *s, unsigned int n);
size_t kx_build_uki(u8 *buf);
size_t kx_build_uki_profiles(u8 *buf);
size_t kx_build_elf_notes(u8 *buf, const struct kx_elf_note *n,
			  unsigned int nr);
size_t kx_build_elf(u8 *buf);

/**
 * struct kx_patch - one little-endian field of a test image, rewritten
 * @off: the field's offset
 * @width: 1, 2, 4 or 8 bytes; 0 ends a list
 * @val: what it holds then
 */
struct kx_patch {
	u32 off;
	u8 width;
	u64 val;
};

#define KX_MAX_PATCHES	6

/*
 * The tables (kexec_image_layouts_FORMAT.c): one per format, each case a
 * field patch (or a cut) at the edge of one rule, each patch one of these.
 */
#define P1(o, v)	{ (o), 1, (v) }
#define P2(o, v)	{ (o), 2, (v) }
#define P4(o, v)	{ (o), 4, (v) }
#define P8(o, v)	{ (o), 8, (v) }
#define KX_MAX		KEXEC_IMAGE_MAX_SIZE

/**
 * struct kx_case - a valid image patched to the edge of one rule
 * @name: what the case tests
 * @patch: the fields to rewrite, up to a zero @width
 * @len: the file's length: 0 is the image's; more adds zeros
 * @err: what the parser must return
 * @reason: what its reason must hold, or NULL; the whole reason in the
 *	tables whose @whole_reason is set, a part of it in the others
 * @variant: which image of the format (see each table); 0: the usual one
 */
struct kx_case {
	const char *name;
	struct kx_patch patch[KX_MAX_PATCHES];
	u32 len;
	int err;
	const char *reason;
	unsigned int variant;
};

/* The variants of the tables' images, where there is more than one. */
#define KX_ZI_BOTH	0		/* the case runs on both: */
#define KX_ZI_LE	1		/* run 0 */
#define KX_ZI_BE	2		/* run 1 */
#define KX_ZB_GZIP	0
#define KX_ZB_ZSTD	1
#define KX_UK_EVERY	0		/* kx_build_uki() */
#define KX_UK_PROFILES	1		/* kx_build_uki_profiles() */
/* bzImage: the boot protocol, 0 for 2.15; gzip: the member's flags. */

/* ELF: kx_build_elf_notes() with these notes instead of the usual ones. */
enum kx_el_notes {
	KX_EL_STD,
	KX_EL_ENTRY_4,
	KX_EL_ENTRY_0,
	KX_EL_ENTRY_5,
	KX_EL_ENTRY_12,
	KX_EL_ENTRY_TWICE,
	KX_EL_NO_ENTRY,
	KX_EL_RELOC_16,
	KX_EL_RELOC_2,
	KX_EL_RELOC_6,
	KX_EL_RELOC_TWICE,
	KX_EL_ID_64,
	KX_EL_ID_65,
	KX_EL_ID_0,
	KX_EL_XEN_NAMESZ_3,
	KX_EL_XEN_UPPER,
	KX_EL_GNU_18,
	KX_EL_XEN_3_65,
	KX_EL_LINUX_19,
	KX_EL_XEN_17,
	KX_EL_OTHERS,
	KX_EL_NR_NOTES,
};

typedef int (*kx_parse_fn)(const void *buf, size_t len,
			   struct kexec_image_info *info);

/**
 * struct kx_table - one format's cases
 * @name: the format's, for messages
 * @format: what the parser sets in info->format, unless -ENOEXEC
 * @parse: the parser
 * @build: writes @variant's image for the case's run @run into a zeroed
 *	buffer of %KX_BUF_LEN bytes and returns its length; 0 when there is
 *	no such run (every case has run 0, a zImage case on both byte
 *	orders has run 1 too)
 * @cases: the table
 * @nr_cases: its length
 * @whole_reason: the cases' reasons are whole reasons
 */
struct kx_table {
	const char *name;
	enum kexec_image_format format;
	kx_parse_fn parse;
	size_t (*build)(u8 *buf, unsigned int variant, unsigned int run);
	const struct kx_case *cases;
	unsigned int nr_cases;
	bool whole_reason;
};

#ifdef CONFIG_KEXEC_IMAGE_ARM64
extern const struct kx_table kx_arm64_table;

/**
 * struct kx_arm64_flags - what the arm64 parser makes of a flags word
 * @flags: the header's flags, in an otherwise valid Image
 * @endian: the byte order it gives
 * @page_size: the page size it gives, 0 when unspecified
 * @placement: the placement it gives
 */
struct kx_arm64_flags {
	u64 flags;
	enum kexec_image_endian endian;
	u32 page_size;
	enum kexec_image_placement placement;
};

extern const struct kx_arm64_flags kx_arm64_flag_cases[];
extern const unsigned int kx_nr_arm64_flag_cases;
#endif
#ifdef CONFIG_KEXEC_IMAGE_RISCV
extern const struct kx_table kx_riscv_table;
#endif
#ifdef CONFIG_KEXEC_IMAGE_BZIMAGE
extern const struct kx_table kx_bzimage_table;
#endif
extern const struct kx_table kx_zimage_table;
extern const struct kx_table kx_zboot_table;
extern const struct kx_table kx_gzip_table;
extern const struct kx_table kx_uki_table;
#ifdef CONFIG_KEXEC_IMAGE_ELF
extern const struct kx_table kx_elf_table;
#endif
extern const struct kx_table *const kx_tables[];
extern const unsigned int kx_nr_tables;

/* Messages of kx_case_check(), with room for a whole reason. */
#define KX_WHY_LEN	(2 * KEXEC_IMAGE_REASON_LEN + 64)

size_t kx_case_image(const struct kx_table *t, const struct kx_case *c,
		     unsigned int run, u8 *buf);
bool kx_case_check(const struct kx_table *t, const struct kx_case *c,
		   int ret, const struct kexec_image_info *info, char *why);

/**
 * struct kx_note_case - an ELF note area and what the walker makes of it
 * @name: what the case tests
 * @words: the area, as 32-bit words in the byte order of the run
 * @len: bytes of the area
 * @count: the notes kexec_notes_check() counts, or -EINVAL
 * @reason: what its reason must hold, or NULL
 */
struct kx_note_case {
	const char *name;
	u32 words[16];
	u32 len;
	int count;
	const char *reason;
};

extern const struct kx_note_case kx_note_cases[];
extern const unsigned int kx_nr_note_cases;

/* @val in @big_endian byte order; one ELF note so, returning its size. */
void kx_put_word(u8 *p, bool big_endian, u32 val);
size_t kx_put_note(u8 *p, bool big_endian, const char *name, u32 namesz,
		   u32 type, const void *desc, u32 descsz);
void kx_note_area(u8 *area, const struct kx_note_case *c, bool big_endian);
bool kx_note_check(const struct kx_note_case *c, int ret,
		   const struct kexec_image_info *info, char *why);

#endif /* _KERNEL_TESTS_KEXEC_IMAGE_LAYOUTS_H */
