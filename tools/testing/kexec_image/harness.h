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

typedef int (*parse_fn)(const void *buf, size_t len,
			struct kexec_image_info *info);

/* A patch of one little- or big-endian field of a test buffer. */
struct patch {
	size_t off;
	unsigned int width;	/* 1, 2, 4 or 8 bytes; 0 ends the list */
	uint64_t val;
	bool big_endian;
};

#define MAX_PATCHES 6

/* One table-driven case: patch a valid base, parse, compare. */
struct image_case {
	const char *name;
	struct patch patches[MAX_PATCHES];
	size_t len;		/* 0: the base's length */
	int err;		/* expected return */
	const char *reason;	/* substring of info->reason, or NULL */
};

struct buf {
	uint8_t *data;
	size_t len;
};

/* Results, one per named case. */
void pass(void);
__printf(3, 4)
void fail(const char *suite, const char *name, const char *fmt, ...);
/* A case that cannot run here, with the reason. */
void skip(const char *suite, const char *name, const char *why);
bool expect(bool ok, const char *suite, const char *name,
	    const char *what);
bool expect_u64(uint64_t got, uint64_t want, const char *suite,
		const char *name, const char *field);

struct buf buf_new(size_t len);
struct buf buf_copy(const struct buf *b, size_t len);
void buf_free(struct buf *b);
void put_le(uint8_t *p, unsigned int width, uint64_t val);
void put_be(uint8_t *p, unsigned int width, uint64_t val);
void apply_patches(struct buf *b, const struct patch *p);

/* Returns true when the case behaved as the table says. */
bool run_case(const char *suite, parse_fn parse, const struct buf *base,
	      const struct image_case *c, struct kexec_image_info *info);
void run_cases(const char *suite, parse_fn parse, const struct buf *base,
	       const struct image_case *cases, size_t n);
/* Parses every prefix of @base; cut < @enoexec_below must be -ENOEXEC,
 * and no prefix may crash or return anything but 0, -ENOEXEC, -EINVAL.
 */
void run_truncations(const char *suite, parse_fn parse,
		     const struct buf *base, size_t max_len,
		     size_t enoexec_below);

/* Samples of real kernels: header and tail bytes, zeros between. */
struct buf sample_load(const char *name);
bool sample_write(const char *name, const char *path);
extern const char *samples_dir;
/* build/debian (mk/fetch-debian-kernel.sh), or NULL when not given. */
extern const char *debian_dir;

/* Synthetic images, valid unless patched; their layout: */
#define A64_LEN		0x1000
#define A64_IMAGE_SIZE	0x10000
#define BZ_SETUP	0x400		/* setup_sects 1 */
#define BZ_CODE		0x2000		/* protected-mode code */
#define BZ_LEN		(BZ_SETUP + BZ_CODE)
#define BZ_KINFO	0x1800		/* kernel_info, from the code */
#define ZI_LEN		0x2000
#define ZI_TABLE	0x100
#define ZI_NOTE_TAG	(ZI_TABLE + 24)	/* after a 6-word KLSZ */
#define ZI_TABLE_END	(ZI_NOTE_TAG + 16)
#define ZI_NOTES	0x200
#define ZI_NOTES_SIZE	48
#define ZI_SIZE_WORD	0x1ff0
#define ZI_DECOMP	0x400000
#define ZI_BSS		0x10000
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
#define UK_TABLE	(UK_PE + 24 + UK_OPT)
#define UK_SEC_LEN	40
#define UK_SEC(i)	(UK_TABLE + UK_SEC_LEN * (i))
#define UK_SLOT		0x100
#define UK_MACHINE	0x8664
/* make_uki(): twelve sections of one slot each from UK_DATA. */
#define UK_NR		12
#define UK_DATA		0x400
#define UK_LEN		(UK_DATA + UK_NR * UK_SLOT)
#define UK_DATA_AT(i)	(UK_DATA + UK_SLOT * (i))
/* Offsets within one section header. */
#define UK_VSIZE	8
#define UK_RAW_SIZE	16
#define UK_RAW_OFF	20

struct uki_sec {
	const char *name;	/* up to 8 bytes */
	const void *data;	/* @len bytes; NULL fills them with 0xcc */
	size_t len;		/* the virtual size */
};

/* make_uki()'s sections, in its table's order. */
enum uk_index {
	UK_I_TEXT, UK_I_SBAT, UK_I_OSREL, UK_I_CMDLINE, UK_I_UNAME, UK_I_LINUX,
	UK_I_INITRD, UK_I_UCODE, UK_I_DTB, UK_I_SPLASH, UK_I_PCRSIG,
	UK_I_PCRPKEY,
};

#define UK_CMDLINE	"console=ttyS0 quiet\n"
#define UK_UNAME	"6.12.0-test\n"
#define UK_OSREL	"ID=debian\nVERSION_ID=\"12\"\n"

struct buf make_uki_of(const struct uki_sec *s, unsigned int n);
struct buf make_uki(void);
/*
 * Two profiles: .text .linux .osrel .cmdline shared, then .profile
 * .cmdline .dtb, then .profile .cmdline .uname .linux; one slot each from
 * UK_DATA.
 */
#define UK_P_NR		11
struct buf make_uki_profiles(void);

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
 * make_elf()'s notes, elf_std_notes[]: GNU build ID, a "Linux" note, Xen
 * GUEST_OS, PHYS32_ENTRY (8 bytes) and PHYS32_RELOC (3 words) last.
 */
#define EL_NR_NOTES	5
#define EL_NOTE_ENTRY	0x654		/* the PHYS32_ENTRY note's header */
#define EL_NOTE_RELOC	0x66c		/* the PHYS32_RELOC note's header */
#define EL_NOTE_DESC	16		/* a "Xen" note's descriptor */
#define EL_NOTES_SIZE	0x88
#define EL_BUILD_ID_LEN	20

struct elf_note_spec {
	const char *name;
	uint32_t namesz;	/* 0: strlen(name) + 1 */
	uint32_t type;
	const void *desc;	/* @descsz bytes */
	uint32_t descsz;
};

extern const struct elf_note_spec elf_std_notes[EL_NR_NOTES];
extern const uint8_t elf_build_id[EL_BUILD_ID_LEN];
struct buf make_elf_notes(const struct elf_note_spec *n, unsigned int nr);
struct buf make_elf(void);
struct buf make_arm64(void);
struct buf make_bzimage(uint16_t protocol);
struct buf make_zimage(bool big_endian);
struct buf make_zboot(const char *comp);
size_t make_gzip(uint8_t *p, uint8_t flags, uint32_t isize);
size_t bzimage_fields_end(uint16_t protocol);
bool write_seeds(const char *dir);

void test_arm64(void);
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
