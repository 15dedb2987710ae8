// SPDX-License-Identifier: GPL-2.0
/*
 * The ELF executable's test layout: an x86-64 vmlinux in small, its
 * notes, and the table of its cases; see kexec_image_layouts.c.
 */
#include <linux/align.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kexec_image.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "kexec_image_layouts.h"

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
