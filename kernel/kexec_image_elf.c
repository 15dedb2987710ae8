// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_file_load(2) image formats: ELF64 executables, such as the x86-64
 * vmlinux, and the notes that describe their PVH entry.
 *
 * The headers are read through the kernel's own struct elf64_hdr and
 * struct elf64_phdr (Elf64_Ehdr, Elf64_Phdr; <linux/elf.h>). Of the
 * notes, Xen's XEN_ELFNOTE_PHYS32_ENTRY (the 32-bit PVH entry point) and
 * XEN_ELFNOTE_PHYS32_RELOC (where the image may be relocated to;
 * include/xen/interface/elfnote.h) and the GNU build ID are read; every
 * other note is counted, not judged. The x86 loader
 * (arch/x86/kernel/kexec-elf-pvh.c) judges what this describes against
 * the running machine and places it.
 *
 * Like every parser under kernel/kexec_image*.c it allocates nothing, keeps
 * no state and trusts no field, and it compiles unchanged in the host
 * harness under tools/testing/kexec_image.
 */

#include <kunit/visibility.h>
#include <linux/elf.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/kexec_image.h>
#include <linux/overflow.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include <xen/interface/elfnote.h>

#include "kexec_image_internal.h"

/* linux/elf.h does not name it; lib/buildid.c calls it BUILD_ID. */
#ifndef NT_GNU_BUILD_ID
#define NT_GNU_BUILD_ID		3
#endif

/* Note names, with their NUL, as namesz counts them. */
#define ELF_NOTE_NAME_XEN	"Xen"
#define ELF_NOTE_NAME_GNU	"GNU"
#define ELF_NOTE_NAME_LEN	4

/* elfnote.h: p_align from 4K up stands in for a missing align word. */
#define ELF_RELOC_MIN_P_ALIGN	0x1000
#define ELF_RELOC_MAX_WORDS	3

#define ELF_EHDR(b, field) ((b) + offsetof(struct elf64_hdr, field))
#define ELF_PHDR(p, field) ((p) + offsetof(struct elf64_phdr, field))

/* A 64-bit power of two, whatever the width of unsigned long. */
static bool elf_power_of_2(u64 n)
{
	return n && !(n & (n - 1));
}

/*
 * e_ident: -ENOEXEC without the magic, -EOPNOTSUPP for a 32-bit or
 * big-endian ELF file, which this reader does not read, -EINVAL for values
 * no ELF file has.
 */
static int elf_check_ident(const u8 *b, struct kexec_image_info *info)
{
	u8 class = b[EI_CLASS], data = b[EI_DATA], version = b[EI_VERSION];

	if (class == ELFCLASS32)
		return kexec_image_reject(info, -EOPNOTSUPP,
					  "EI_CLASS 1 (ELFCLASS32): only 64-bit ELF executables are read");
	if (class != ELFCLASS64)
		return kexec_image_reject(info, -EINVAL,
					  "EI_CLASS %u is neither ELFCLASS32 nor ELFCLASS64",
					  class);
	if (data == ELFDATA2MSB) {
		info->endian = KEXEC_IMAGE_BE;
		return kexec_image_reject(info, -EOPNOTSUPP,
					  "EI_DATA 2 (ELFDATA2MSB): only little-endian ELF executables are read");
	}
	if (data != ELFDATA2LSB)
		return kexec_image_reject(info, -EINVAL,
					  "EI_DATA %u is neither ELFDATA2LSB nor ELFDATA2MSB",
					  data);
	info->endian = KEXEC_IMAGE_LE;
	if (version != EV_CURRENT)
		return kexec_image_reject(info, -EINVAL,
					  "EI_VERSION %u is not EV_CURRENT (%u)",
					  version, EV_CURRENT);
	return 0;
}

/* The ELF header: an executable whose program header table is in the file. */
static int elf_check_header(const u8 *b, size_t len,
			    struct kexec_image_info *info)
{
	struct kexec_image_elf *elf = &info->elf;
	unsigned long long phoff, table, end;
	u16 type, phentsize;

	if (len < sizeof(struct elf64_hdr))
		return kexec_image_reject(info, -EINVAL,
					  "file of 0x%zx bytes truncates the 0x%zx-byte ELF64 header",
					  len, sizeof(struct elf64_hdr));
	type = get_unaligned_le16(ELF_EHDR(b, e_type));
	elf->machine = get_unaligned_le16(ELF_EHDR(b, e_machine));
	elf->entry = get_unaligned_le64(ELF_EHDR(b, e_entry));
	elf->phnum = get_unaligned_le16(ELF_EHDR(b, e_phnum));
	phoff = get_unaligned_le64(ELF_EHDR(b, e_phoff));
	phentsize = get_unaligned_le16(ELF_EHDR(b, e_phentsize));
	if (type != ET_EXEC)
		return kexec_image_reject(info, -EOPNOTSUPP,
					  "e_type %u is not ET_EXEC (%u): only executables are read",
					  type, ET_EXEC);
	if (phentsize != sizeof(struct elf64_phdr))
		return kexec_image_reject(info, -EINVAL,
					  "e_phentsize %u is not the %zu bytes of an Elf64_Phdr",
					  phentsize, sizeof(struct elf64_phdr));
	if (!elf->phnum)
		return kexec_image_reject(info, -EINVAL,
					  "e_phnum 0: no program headers");
	if (elf->phnum > KEXEC_IMAGE_ELF_MAX_PHDRS)
		return kexec_image_reject(info, -EFBIG,
					  "e_phnum %u exceeds the cap of %u program headers",
					  elf->phnum, KEXEC_IMAGE_ELF_MAX_PHDRS);
	table = elf->phnum * sizeof(struct elf64_phdr);
	if (check_add_overflow(phoff, table, &end) || end > len)
		return kexec_image_reject(info, -EINVAL,
					  "program headers 0x%llx+0x%llx run past the file's 0x%zx bytes",
					  phoff, table, len);
	return 0;
}

/* One PT_LOAD: in the file, non-empty, above the previous one. */
static int elf_add_load(const u8 *ph, unsigned int i, size_t len,
			struct kexec_image_info *info)
{
	struct kexec_image_elf *elf = &info->elf;
	unsigned long long off, paddr, filesz, memsz, align, end, mem_end;
	const struct kexec_image_elf_load *prev;

	off = get_unaligned_le64(ELF_PHDR(ph, p_offset));
	paddr = get_unaligned_le64(ELF_PHDR(ph, p_paddr));
	filesz = get_unaligned_le64(ELF_PHDR(ph, p_filesz));
	memsz = get_unaligned_le64(ELF_PHDR(ph, p_memsz));
	align = get_unaligned_le64(ELF_PHDR(ph, p_align));
	if (elf->nr_loads == KEXEC_IMAGE_ELF_MAX_LOADS)
		return kexec_image_reject(info, -EFBIG,
					  "phdr %u (PT_LOAD): more than %u PT_LOADs",
					  i, KEXEC_IMAGE_ELF_MAX_LOADS);
	if (check_add_overflow(off, filesz, &end) || end > len)
		return kexec_image_reject(info, -EINVAL,
					  "phdr %u (PT_LOAD): p_offset 0x%llx + p_filesz 0x%llx runs past the file's 0x%zx bytes",
					  i, off, filesz, len);
	if (filesz > memsz)
		return kexec_image_reject(info, -EINVAL,
					  "phdr %u (PT_LOAD): p_filesz 0x%llx exceeds p_memsz 0x%llx",
					  i, filesz, memsz);
	if (!memsz)
		return kexec_image_reject(info, -EINVAL,
					  "phdr %u (PT_LOAD): p_memsz is 0", i);
	if (check_add_overflow(paddr, memsz, &mem_end))
		return kexec_image_reject(info, -EINVAL,
					  "phdr %u (PT_LOAD): p_paddr 0x%llx + p_memsz 0x%llx overflows",
					  i, paddr, memsz);
	if (align && !elf_power_of_2(align))
		return kexec_image_reject(info, -EINVAL,
					  "phdr %u (PT_LOAD): p_align 0x%llx is neither 0 nor a power of two",
					  i, align);
	if (elf->nr_loads) {
		prev = &elf->load[elf->nr_loads - 1];
		if (paddr < prev->paddr)
			return kexec_image_reject(info, -EINVAL,
						  "phdr %u (PT_LOAD): p_paddr 0x%llx is below the previous PT_LOAD's 0x%llx",
						  i, paddr,
						  (unsigned long long)prev->paddr);
		if (paddr < elf->high)
			return kexec_image_reject(info, -EINVAL,
						  "phdr %u (PT_LOAD): p_paddr 0x%llx overlaps the previous PT_LOAD, which ends at 0x%llx",
						  i, paddr,
						  (unsigned long long)elf->high);
	} else {
		elf->low = paddr;
	}
	elf->high = mem_end;
	elf->load[elf->nr_loads++] = (struct kexec_image_elf_load){
		.offset = off, .paddr = paddr, .filesz = filesz,
		.memsz = memsz, .align = align,
		.flags = get_unaligned_le32(ELF_PHDR(ph, p_flags)),
	};
	return 0;
}

static bool elf_note_is(const struct kexec_note *n, const char *name)
{
	return n->namesz == ELF_NOTE_NAME_LEN &&
	       !memcmp(n->name, name, ELF_NOTE_NAME_LEN);
}

/* XEN_ELFNOTE_PHYS32_ENTRY: a 32-bit physical address, in 4 or 8 bytes. */
static int elf_pvh_entry(const struct kexec_note *n, unsigned int ph,
			 unsigned int k, struct kexec_image_info *info)
{
	struct kexec_image_elf *elf = &info->elf;
	unsigned long long entry;

	if (elf->has_pvh_entry)
		return kexec_image_reject(info, -EINVAL,
					  "phdr %u (PT_NOTE) note %u: a second XEN_ELFNOTE_PHYS32_ENTRY",
					  ph, k);
	if (n->descsz == 4)
		entry = get_unaligned_le32(n->desc);
	else if (n->descsz == 8)
		entry = get_unaligned_le64(n->desc);
	else
		return kexec_image_reject(info, -EINVAL,
					  "phdr %u (PT_NOTE) note %u: XEN_ELFNOTE_PHYS32_ENTRY of %u bytes, not 4 or 8",
					  ph, k, n->descsz);
	if (entry >> 32)
		return kexec_image_reject(info, -EINVAL,
					  "phdr %u (PT_NOTE) note %u: XEN_ELFNOTE_PHYS32_ENTRY 0x%llx is not a 32-bit address",
					  ph, k, entry);
	elf->has_pvh_entry = true;
	elf->pvh_entry = entry;
	return 0;
}

/*
 * XEN_ELFNOTE_PHYS32_RELOC: up to three 32-bit words, align, min and max,
 * kept in reloc_align, reloc_min and reloc_max until elf_reloc_window()
 * fills in the defaults of those missing.
 */
static int elf_pvh_reloc(const struct kexec_note *n, unsigned int ph,
			 unsigned int k, struct kexec_image_info *info)
{
	struct kexec_image_elf *elf = &info->elf;
	u64 *word[ELF_RELOC_MAX_WORDS] = {
		&elf->reloc_align, &elf->reloc_min, &elf->reloc_max,
	};
	unsigned int w;

	if (elf->has_reloc)
		return kexec_image_reject(info, -EINVAL,
					  "phdr %u (PT_NOTE) note %u: a second XEN_ELFNOTE_PHYS32_RELOC",
					  ph, k);
	if (n->descsz % 4 || n->descsz / 4 > ELF_RELOC_MAX_WORDS)
		return kexec_image_reject(info, -EINVAL,
					  "phdr %u (PT_NOTE) note %u: XEN_ELFNOTE_PHYS32_RELOC of %u bytes, not 0, 4, 8 or 12",
					  ph, k, n->descsz);
	elf->has_reloc = true;
	elf->reloc_words = n->descsz / 4;
	for (w = 0; w < elf->reloc_words; w++)
		*word[w] = get_unaligned_le32(n->desc + 4 * w);
	return 0;
}

static int elf_build_id(const struct kexec_note *n, unsigned int ph,
			unsigned int k, struct kexec_image_info *info)
{
	struct kexec_image_elf *elf = &info->elf;

	if (n->descsz > KEXEC_IMAGE_ELF_BUILD_ID_MAX)
		return kexec_image_reject(info, -EINVAL,
					  "phdr %u (PT_NOTE) note %u: NT_GNU_BUILD_ID of %u bytes exceeds the %u-byte cap",
					  ph, k, n->descsz,
					  KEXEC_IMAGE_ELF_BUILD_ID_MAX);
	if (elf->build_id_len)
		return 0;
	memcpy(elf->build_id, n->desc, n->descsz);
	elf->build_id_len = n->descsz;
	return 0;
}

static int elf_note(const struct kexec_note *n, unsigned int ph,
		    unsigned int k, struct kexec_image_info *info)
{
	if (elf_note_is(n, ELF_NOTE_NAME_XEN)) {
		if (n->type == XEN_ELFNOTE_PHYS32_ENTRY)
			return elf_pvh_entry(n, ph, k, info);
		if (n->type == XEN_ELFNOTE_PHYS32_RELOC)
			return elf_pvh_reloc(n, ph, k, info);
	} else if (elf_note_is(n, ELF_NOTE_NAME_GNU) &&
		   n->type == NT_GNU_BUILD_ID) {
		return elf_build_id(n, ph, k, info);
	}
	return 0;
}

/*
 * Copies the walker's reason behind the program header's index: the
 * walker counts notes and offsets within the area only.
 */
static int elf_notes_malformed(unsigned int ph, int err,
			       struct kexec_image_info *info)
{
	char why[KEXEC_IMAGE_REASON_LEN];

	memcpy(why, info->reason, sizeof(why));
	return kexec_image_reject(info, err, "phdr %u (PT_NOTE): %s", ph, why);
}

/* One PT_NOTE: in the file, and every note in it well formed. */
static int elf_add_notes(const u8 *b, const u8 *ph, unsigned int i,
			 size_t len, struct kexec_image_info *info)
{
	struct kexec_image_elf *elf = &info->elf;
	unsigned long long off, size, end;
	struct kexec_note_iter it;
	struct kexec_note note;
	int ret;

	off = get_unaligned_le64(ELF_PHDR(ph, p_offset));
	size = get_unaligned_le64(ELF_PHDR(ph, p_filesz));
	if (elf->nr_note_areas == KEXEC_IMAGE_ELF_MAX_NOTE_AREAS)
		return kexec_image_reject(info, -EFBIG,
					  "phdr %u (PT_NOTE): more than %u PT_NOTEs",
					  i, KEXEC_IMAGE_ELF_MAX_NOTE_AREAS);
	if (check_add_overflow(off, size, &end) || end > len)
		return kexec_image_reject(info, -EINVAL,
					  "phdr %u (PT_NOTE): p_offset 0x%llx + p_filesz 0x%llx runs past the file's 0x%zx bytes",
					  i, off, size, len);
	if (end >> 32)
		return kexec_image_reject(info, -EFBIG,
					  "phdr %u (PT_NOTE): notes end at file offset 0x%llx, which needs more than 32 bits",
					  i, end);
	elf->note_area[elf->nr_note_areas++] = (struct kexec_image_extent){
		.offset = off, .size = size,
	};
	kexec_note_iter_init(&it, b + off, size, false);
	while ((ret = kexec_note_next(&it, &note, info)) > 0) {
		ret = elf_note(&note, i, it.index - 1, info);
		if (ret)
			return ret;
		elf->nr_notes++;
	}
	return ret ? elf_notes_malformed(i, ret, info) : 0;
}

static int elf_walk_phdrs(const u8 *b, size_t len,
			  struct kexec_image_info *info)
{
	struct kexec_image_elf *elf = &info->elf;
	const u8 *ph = b + get_unaligned_le64(ELF_EHDR(b, e_phoff));
	unsigned int i;
	int ret = 0;

	for (i = 0; i < elf->phnum && !ret; i++, ph += sizeof(struct elf64_phdr)) {
		switch (get_unaligned_le32(ELF_PHDR(ph, p_type))) {
		case PT_LOAD:
			ret = elf_add_load(ph, i, len, info);
			break;
		case PT_NOTE:
			ret = elf_add_notes(b, ph, i, len, info);
			break;
		}
	}
	return ret;
}

/*
 * Where the image may go, with elfnote.h's defaults for the words the
 * PHYS32_RELOC note leaves out: align is the largest p_align of 4K or
 * more, else 2 MiB; min is 0 and max 4 GiB - 1. The window from min to max
 * must hold the image.
 */
static int elf_reloc_window(struct kexec_image_info *info)
{
	struct kexec_image_elf *elf = &info->elf;
	unsigned long long span = elf->high - elf->low, align, min, max;
	unsigned int i;

	if (elf->reloc_words < 1) {
		elf->reloc_align = 0;
		for (i = 0; i < elf->nr_loads; i++)
			elf->reloc_align = max(elf->reloc_align,
					       elf->load[i].align);
		if (elf->reloc_align < ELF_RELOC_MIN_P_ALIGN)
			elf->reloc_align = KEXEC_IMAGE_PVH_DEFAULT_ALIGN;
	}
	if (elf->reloc_words < 2)
		elf->reloc_min = 0;
	if (elf->reloc_words < 3)
		elf->reloc_max = KEXEC_IMAGE_PVH_DEFAULT_MAX;
	align = elf->reloc_align;
	min = elf->reloc_min;
	max = elf->reloc_max;
	if (!elf_power_of_2(align))
		return kexec_image_reject(info, -EINVAL,
					  "XEN_ELFNOTE_PHYS32_RELOC align 0x%llx is not a power of two",
					  align);
	if (min > max)
		return kexec_image_reject(info, -EINVAL,
					  "XEN_ELFNOTE_PHYS32_RELOC min 0x%llx is above max 0x%llx: empty window",
					  min, max);
	if (max - min < span - 1)
		return kexec_image_reject(info, -EINVAL,
					  "XEN_ELFNOTE_PHYS32_RELOC window 0x%llx-0x%llx is smaller than the image's 0x%llx bytes: empty window",
					  min, max, span);
	return 0;
}

/* The PVH entry must be code the loader copies from the file. */
static int elf_check_entry(struct kexec_image_info *info)
{
	const struct kexec_image_elf *elf = &info->elf;
	const struct kexec_image_elf_load *l;
	unsigned int i;

	if (!elf->has_pvh_entry)
		return 0;
	for (i = 0; i < elf->nr_loads; i++) {
		l = &elf->load[i];
		if (elf->pvh_entry >= l->paddr &&
		    elf->pvh_entry - l->paddr < l->filesz)
			return 0;
	}
	return kexec_image_reject(info, -EINVAL,
				  "XEN_ELFNOTE_PHYS32_ENTRY 0x%x is outside the loaded image: in no PT_LOAD's file bytes",
				  elf->pvh_entry);
}

/**
 * kexec_image_parse_elf() - describe an ELF64 executable and its PVH notes
 * @buf: the file's contents
 * @len: bytes in @buf
 * @info: filled with the program headers and notes, or the reason for
 *	rejection
 *
 * Reads a little-endian ELF64 ET_EXEC file: its PT_LOADs (each in the
 * file, not empty, in ascending p_paddr order without overlap, spanning at
 * most 1 GiB), its PT_NOTEs with every note checked, the PVH entry
 * (XEN_ELFNOTE_PHYS32_ENTRY, which must lie in a PT_LOAD's file bytes),
 * the relocation window (XEN_ELFNOTE_PHYS32_RELOC, with elfnote.h's
 * defaults for what it leaves out, filled in with or without the note)
 * and the GNU build ID. e_machine and e_entry are recorded, not judged;
 * a file without a PVH entry is described with has_pvh_entry false.
 * info->image_size is the span of the PT_LOADs, info->load_align the
 * window's alignment when the image is relocatable.
 *
 * Return: 0; -ENOEXEC without the ELF magic in a whole e_ident;
 * -EOPNOTSUPP for a 32-bit, big-endian or non-executable ELF file;
 * -EFBIG past the caps on program headers, PT_LOADs, PT_NOTEs or the
 * span; -EINVAL if malformed.
 */
int kexec_image_parse_elf(const void *buf, size_t len,
			  struct kexec_image_info *info)
{
	struct kexec_image_elf *elf = &info->elf;
	const u8 *b = buf;
	unsigned long long span;
	int ret;

	kexec_image_start(info);
	if (len < EI_NIDENT || memcmp(b, ELFMAG, SELFMAG))
		return kexec_image_reject(info, -ENOEXEC,
					  "no \\177ELF magic in a 16-byte e_ident");
	info->format = KEXEC_IMAGE_FMT_ELF;
	ret = elf_check_ident(b, info);
	if (!ret)
		ret = elf_check_header(b, len, info);
	if (!ret)
		ret = elf_walk_phdrs(b, len, info);
	if (ret)
		return ret;
	if (!elf->nr_loads)
		return kexec_image_reject(info, -EINVAL,
					  "no PT_LOAD among the %u program headers: nothing to load",
					  elf->phnum);
	span = elf->high - elf->low;
	if (span > KEXEC_IMAGE_MAX_SIZE)
		return kexec_image_reject(info, -EFBIG,
					  "PT_LOADs span 0x%llx-0x%llx, 0x%llx bytes, past the 0x%llx cap",
					  (unsigned long long)elf->low,
					  (unsigned long long)elf->high, span,
					  KEXEC_IMAGE_MAX_SIZE);
	ret = elf_reloc_window(info);
	if (!ret)
		ret = elf_check_entry(info);
	if (ret)
		return ret;
	info->image_size = span;
	if (elf->has_reloc)
		info->load_align = elf->reloc_align;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(kexec_image_parse_elf);
