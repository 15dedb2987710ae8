/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel image formats accepted by kexec_file_load(2): one descriptor and
 * pure, bounds-checked parsers shared by the kernel and host tools.
 *
 * The parsers only read the buffer they are given. They never allocate,
 * keep no state and trust no field: every offset and length is checked
 * against the buffer, sums are overflow-checked and sizes are capped.
 *
 * Error contract (see Documentation/admin-guide/kexec-file-images/contract.rst):
 *   -ENOEXEC     the buffer is not in this format (callers probing several
 *                formats stay silent about it)
 *   -EINVAL      the format was recognised but a header field is malformed
 *                or inconsistent
 *   -EOPNOTSUPP  well-formed, but this machine or kernel cannot run it
 *                (decided by the arch loaders; of the parsers, only the
 *                ELF and riscv Image ones, for files no loader could run)
 * On any error, info->error holds the errno and info->reason a short
 * sentence naming the field, its value and the rule it broke.
 */
#ifndef _LINUX_KEXEC_IMAGE_H
#define _LINUX_KEXEC_IMAGE_H

#include <linux/compiler.h>
#include <linux/types.h>

/* Largest memory footprint, decompressed size or bss we believe: 1 GiB. */
#define KEXEC_IMAGE_MAX_SIZE		0x40000000ULL
/* arm64 Images sit text_offset bytes above a 2 MiB aligned base. */
#define KEXEC_IMAGE_ARM64_ALIGN		0x200000ULL
/* An rv64 kernel starts on a PMD (2 MiB) boundary, text_offset a multiple. */
#define KEXEC_IMAGE_RISCV_ALIGN		0x200000ULL
/* The arm decompressor finds its kernel at a 128 MiB boundary + TEXT_OFFSET. */
#define KEXEC_IMAGE_ZIMAGE_MAX_TEXT_OFFSET 0x8000000U
/* Bound on the zImage extension table walk. */
#define KEXEC_IMAGE_ZIMAGE_MAX_TAGS	32
/* Largest ELF-note area a zImage may point at. */
#define KEXEC_IMAGE_MAX_NOTES_SIZE	0x10000U
/* PE section tables longer than the Windows loader's 96 are refused. */
#define KEXEC_IMAGE_PE_MAX_SECTIONS	96
/* Largest UKI .cmdline, .osrel or .uname we read. */
#define KEXEC_IMAGE_UKI_MAX_TEXT	0x10000U
#define KEXEC_IMAGE_UKI_ID_LEN		32
/* ELF executables: program headers and PT_LOADs the reader walks at most. */
#define KEXEC_IMAGE_ELF_MAX_PHDRS	64
#define KEXEC_IMAGE_ELF_MAX_LOADS	8
#define KEXEC_IMAGE_ELF_MAX_NOTE_AREAS	4
#define KEXEC_IMAGE_ELF_BUILD_ID_MAX	64
/* XEN_ELFNOTE_PHYS32_RELOC's defaults (include/xen/interface/elfnote.h). */
#define KEXEC_IMAGE_PVH_DEFAULT_ALIGN	0x200000ULL
#define KEXEC_IMAGE_PVH_DEFAULT_MAX	0xffffffffULL

/* zImage extension table tags, as read little-endian from the file. */
#define KEXEC_ZIMAGE_TAG_KRNL_SIZE	0x5a534c4bU	/* "KLSZ" */
#define KEXEC_ZIMAGE_TAG_NOTES		0x45544f4eU	/* "NOTE" */

#define KEXEC_IMAGE_REASON_LEN		128
#define KEXEC_IMAGE_COMP_NAME_LEN	32

enum kexec_image_format {
	KEXEC_IMAGE_FMT_UNKNOWN = 0,
	KEXEC_IMAGE_FMT_ARM64,		/* arm64 Image */
	KEXEC_IMAGE_FMT_BZIMAGE,	/* x86 bzImage (boot protocol 2.xx) */
	KEXEC_IMAGE_FMT_ZIMAGE,		/* arm zImage */
	KEXEC_IMAGE_FMT_EFI_ZBOOT,	/* EFI zboot wrapper around any Image */
	KEXEC_IMAGE_FMT_GZIP,		/* one gzip member, e.g. Image.gz */
	KEXEC_IMAGE_FMT_UKI,		/* Unified Kernel Image: PE with .linux */
	KEXEC_IMAGE_FMT_ELF,		/* ELF64 executable, e.g. x86-64 vmlinux */
	KEXEC_IMAGE_FMT_RISCV,		/* riscv Image */
};

enum kexec_image_endian {
	KEXEC_IMAGE_LE = 0,
	KEXEC_IMAGE_BE,
};

enum kexec_image_placement {
	KEXEC_IMAGE_PLACE_UNSPECIFIED = 0,
	KEXEC_IMAGE_PLACE_NEAR_BASE,	/* as close to the base of DRAM as possible */
	KEXEC_IMAGE_PLACE_ANYWHERE,	/* any 2 MiB aligned base in DRAM */
};

/* x86 boot protocol setup header; fields absent at @protocol stay 0. */
struct kexec_image_x86 {
	u16 protocol;		/* 0x0215 for 2.15 */
	u8 setup_sects;		/* as read; 0 means 4 */
	u8 loadflags;
	u16 xloadflags;		/* 2.12+ */
	u8 relocatable;		/* 2.05+ */
	u8 min_alignment;	/* 2.10+, log2 */
	u32 kernel_alignment;	/* 2.05+ */
	u32 syssize;		/* 2.04+, 16-byte paragraphs */
	u32 initrd_addr_max;	/* 2.03+ */
	u32 cmdline_size;	/* 2.06+ */
	u32 payload_offset;	/* 2.08+, from the protected-mode code */
	u32 payload_length;	/* 2.08+ */
	u64 pref_address;	/* 2.10+ */
	u32 init_size;		/* 2.10+ */
	u32 handover_offset;	/* 2.11+ */
	u32 kernel_info_offset;	/* 2.15+ */
	u32 header_end;		/* file offset just past the setup header */
	u32 setup_size;		/* (setup_sects + 1) * 512 */
};

/* What a riscv Image header says of itself, beyond the shared fields. */
struct kexec_image_riscv {
	u16 version_major;	/* header version, bits 16-31 */
	u16 version_minor;	/* bits 0-15: 0.2 brought magic2 */
	bool has_magic;		/* "RISCV\0\0\0" at 0x30, deprecated in 0.2 */
	bool has_magic2;	/* "RSC\x05" at 0x38, from 0.2 on */
};

/* arm zImage header, extension table and the tags we understand. */
struct kexec_image_zimage {
	u32 start;		/* link address of the zImage */
	u32 end;		/* end address; end - start is its size */
	bool has_endian_flag;	/* 0x04030201 word present at 0x30 */
	bool has_table;		/* 0x45454545 at 0x34, table offset at 0x38 */
	u32 table_offset;
	bool has_size_tag;	/* "KLSZ" tag found */
	u32 size_ptr;		/* file offset of the decompressed size word */
	u32 decompressed_size;
	u32 bss_size;
	bool has_text_offset;	/* "KLSZ" tag of 6 or more words */
	u32 malloc_size;
	bool has_notes;		/* "NOTE" tag found and its notes are valid */
	u32 notes_offset;	/* file offset of the ELF-note area */
	u32 notes_size;
	u32 notes_count;
};

/* EFI zboot header (drivers/firmware/efi/libstub/zboot-header.S). */
struct kexec_image_zboot {
	u32 payload_offset;
	u32 payload_size;
	char comp_type[KEXEC_IMAGE_COMP_NAME_LEN];	/* NUL-terminated */
	bool has_decompressed_size;
	u32 decompressed_size;	/* gzip ISIZE, or the size word zstd appends */
};

/* One gzip member (RFC 1952), described but never decompressed. */
struct kexec_image_gzip {
	bool present;
	u32 offset;		/* of the member in the buffer */
	u32 length;		/* of the member, header to ISIZE */
	u8 flags;		/* FLG */
	u8 xfl;
	u8 os;
	u32 mtime;
	u32 name_offset;	/* of FNAME within the member, 0 if none */
	u32 data_offset;	/* of the deflate data within the member */
	u32 crc;		/* CRC32 of the uncompressed data */
	u32 isize;		/* uncompressed size modulo 2^32 */
};

/*
 * The PE sections a Unified Kernel Image is made of (the UAPI group's UKI
 * specification), in the order kexec_uki_section_name() names them.
 */
enum kexec_uki_section {
	KEXEC_UKI_LINUX,
	KEXEC_UKI_INITRD,
	KEXEC_UKI_UCODE,
	KEXEC_UKI_CMDLINE,
	KEXEC_UKI_OSREL,
	KEXEC_UKI_UNAME,
	KEXEC_UKI_DTB,
	KEXEC_UKI_SPLASH,
	KEXEC_UKI_PCRSIG,
	KEXEC_UKI_PCRPKEY,
	KEXEC_UKI_SBAT,
	KEXEC_UKI_PROFILE,
	KEXEC_UKI_NR_SECTIONS
};

/* Where a section's bytes lie in the file. */
struct kexec_image_extent {
	u32 offset;
	u32 size;
};

/* A UKI: the sections of its first profile, as the section table gives them. */
struct kexec_image_uki {
	u16 nr_sections;	/* entries in the PE section table */
	u16 nr_profiles;	/* .profile sections; only the first profile counts */
	u32 present;		/* BIT(enum kexec_uki_section) per section found */
	struct kexec_image_extent section[KEXEC_UKI_NR_SECTIONS];
	/* From .osrel by kexec_image_uki_osrel(); "" where absent. */
	char os_id[KEXEC_IMAGE_UKI_ID_LEN];
	char version_id[KEXEC_IMAGE_UKI_ID_LEN];
};

/* One PT_LOAD program header, as read. */
struct kexec_image_elf_load {
	u64 offset;		/* p_offset */
	u64 paddr;		/* p_paddr */
	u64 filesz;		/* p_filesz, at most memsz */
	u64 memsz;		/* p_memsz, not 0 */
	u64 align;		/* p_align */
	u32 flags;		/* p_flags */
};

/*
 * An ELF64 little-endian executable (ET_EXEC): its PT_LOADs in ascending
 * p_paddr order without overlap, its note areas, and what the notes say of
 * a PVH entry (include/xen/interface/elfnote.h). e_machine is recorded,
 * not judged: the loader decides what it can run.
 */
struct kexec_image_elf {
	u16 machine;		/* e_machine */
	u16 phnum;		/* e_phnum */
	u64 entry;		/* e_entry, as read */
	u16 nr_loads;
	struct kexec_image_elf_load load[KEXEC_IMAGE_ELF_MAX_LOADS];
	u64 low;		/* lowest PT_LOAD p_paddr */
	u64 high;		/* one past the highest p_paddr + p_memsz */
	u16 nr_note_areas;	/* PT_NOTE segments */
	struct kexec_image_extent note_area[KEXEC_IMAGE_ELF_MAX_NOTE_AREAS];
	u32 nr_notes;		/* notes in all of them */
	bool has_pvh_entry;	/* XEN_ELFNOTE_PHYS32_ENTRY */
	u32 pvh_entry;		/* physical, inside a PT_LOAD's file bytes */
	bool has_reloc;		/* XEN_ELFNOTE_PHYS32_RELOC: relocatable */
	u8 reloc_words;		/* how many of align, min, max the note gives */
	/* The window, with elfnote.h's defaults where the note is silent. */
	u64 reloc_align;	/* a power of two */
	u64 reloc_min;		/* lowest start of the image */
	u64 reloc_max;		/* highest last byte of the image */
	u8 build_id_len;	/* NT_GNU_BUILD_ID descriptor, 0 if none */
	u8 build_id[KEXEC_IMAGE_ELF_BUILD_ID_MAX];
};

struct kexec_image_info {
	enum kexec_image_format format;
	enum kexec_image_endian endian;
	/* Memory layout the kernel asks for, in bytes; 0 where not stated. */
	u64 text_offset;	/* from the aligned base to the load address */
	bool has_text_offset;
	u64 image_size;		/* footprint from the load address, incl. bss */
	u32 page_size;		/* arm64: 4K, 16K, 64K, or 0 unspecified */
	enum kexec_image_placement placement;
	u64 load_align;		/* alignment of the load base, 0 if not stated */
	u64 flags;		/* arm64 or riscv header flags, as read */
	/* A PE/COFF header reachable through 0x3c (EFI stub or zboot). */
	bool has_pe;
	u32 pe_offset;
	u16 pe_machine;

	struct kexec_image_x86 x86;
	struct kexec_image_riscv riscv;
	struct kexec_image_zimage zimage;
	struct kexec_image_zboot zboot;
	struct kexec_image_gzip gzip;
	struct kexec_image_uki uki;
	struct kexec_image_elf elf;

	int error;		/* 0, or the negative errno returned */
	char reason[KEXEC_IMAGE_REASON_LEN];
};

/*
 * The compressed stream of a gzip or EFI zboot file and what its wrapper
 * states about the output: what kexec_unwrap() and kexec-image-info
 * --unwrap decompress and check, with their own decompressors.
 */
struct kexec_image_stream {
	const char *wrapper;	/* "gzip" or "efi-zboot" */
	const char *method;	/* "gzip", "zstd", or zboot's type as read */
	u32 offset;		/* of the raw deflate data or zstd frame */
	u32 length;
	bool has_declared;	/* zstd: zboot's size word is there */
	u64 declared;		/* decompressed size the wrapper states */
	u32 crc;		/* gzip: CRC32 of the decompressed data */
	int error;		/* 0, or the negative errno returned */
	char reason[KEXEC_IMAGE_REASON_LEN];
};

/* One ELF note: Elf32_Nhdr and Elf64_Nhdr share this 12-byte header. */
struct kexec_note {
	u32 namesz;
	u32 descsz;
	u32 type;
	const char *name;	/* namesz bytes, not necessarily NUL-terminated */
	const u8 *desc;		/* descsz bytes */
	size_t offset;		/* of the note header within the area */
};

struct kexec_note_iter {
	const u8 *area;
	size_t len;
	size_t pos;
	unsigned int index;
	bool big_endian;
};

int kexec_image_probe(const void *buf, size_t len,
		      struct kexec_image_info *info);

/*
 * For the format parsers, in kernel/kexec_image*.c and beside the arch
 * loaders: begin a description, refuse with a reason, note a PE header.
 */
void kexec_image_start(struct kexec_image_info *info);
__printf(3, 4)
int kexec_image_reject(struct kexec_image_info *info, int err,
		       const char *fmt, ...);
void kexec_image_find_pe(const u8 *b, size_t len,
			 struct kexec_image_info *info);

int kexec_image_parse_arm64(const void *buf, size_t len,
			    struct kexec_image_info *info);
int kexec_image_parse_riscv(const void *buf, size_t len,
			    struct kexec_image_info *info);
int kexec_image_parse_bzimage(const void *buf, size_t len,
			      struct kexec_image_info *info);
int kexec_image_parse_zimage(const void *buf, size_t len,
			     struct kexec_image_info *info);
int kexec_image_parse_zboot(const void *buf, size_t len,
			    struct kexec_image_info *info);
int kexec_image_parse_gzip(const void *buf, size_t len,
			   struct kexec_image_info *info);
int kexec_image_parse_uki(const void *buf, size_t len,
			  struct kexec_image_info *info);
int kexec_image_parse_elf(const void *buf, size_t len,
			  struct kexec_image_info *info);
void kexec_image_uki_osrel(const void *buf, size_t len,
			   struct kexec_image_info *info);
size_t kexec_image_uki_text(const void *buf, const struct kexec_image_info *info,
			    enum kexec_uki_section sec);
const char *kexec_uki_section_name(enum kexec_uki_section sec);
const char *kexec_image_format_name(enum kexec_image_format format);

int kexec_image_unwrap_plan(const struct kexec_image_info *info,
			    struct kexec_image_stream *s);
int kexec_image_unwrap_zstd_size(struct kexec_image_stream *s,
				 bool frame_states_size, u64 frame_size,
				 u64 cap);
int kexec_image_unwrap_check(struct kexec_image_stream *s, u64 out_len,
			     u32 out_crc);
int kexec_image_unwrap_inner(struct kexec_image_stream *s,
			     const struct kexec_image_info *inner);

void kexec_note_iter_init(struct kexec_note_iter *it, const void *area,
			  size_t len, bool big_endian);
int kexec_note_next(struct kexec_note_iter *it, struct kexec_note *note,
		    struct kexec_image_info *info);
int kexec_notes_check(const void *area, size_t len, bool big_endian,
		      struct kexec_image_info *info);
bool kexec_image_notes(const void *buf, size_t len,
		       const struct kexec_image_info *info,
		       struct kexec_note_iter *it);

/* What kexec_unwrap_uki() takes out of a UKI, each vmalloc()ed or NULL. */
struct kexec_uki_parts {
	void *kernel;		/* .linux, itself unwrapped if compressed */
	unsigned long kernel_len;
	void *initrd;		/* .ucode then .initrd, each padded to 4 bytes */
	unsigned long initrd_len;
	char *cmdline;		/* .cmdline up to its first NUL, NUL-terminated */
};

/* kernel/kexec_unwrap.c: gzip, EFI zboot and UKI kernels unpacked in the kernel. */
int kexec_unwrap_describe(const void *buf, size_t len,
			  struct kexec_image_info *info);
int kexec_unwrap(const void *buf, size_t len,
		 const struct kexec_image_info *info, void **out,
		 unsigned long *out_len);
int kexec_unwrap_copy(void *dst, const void *src, size_t len);
int kexec_unwrap_describe_uki(const void *buf, size_t len,
			      struct kexec_image_info *info);
int kexec_unwrap_uki(const void *buf, size_t len,
		     const struct kexec_image_info *info,
		     struct kexec_uki_parts *parts);
void kexec_uki_parts_free(struct kexec_uki_parts *parts);

#endif /* _LINUX_KEXEC_IMAGE_H */
