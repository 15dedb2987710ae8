// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_fuzz: the ELF64 vmlinux that x86_64 starts through its PVH entry,
 * its header's, program headers' and Xen notes' fields for the generator
 * to set.
 */
#include "kexec_test_util.h"
#include "kexec_fuzz.h"

#define ELF_PHDR_LEN		0x38
#define ELF_PT_LOAD		1
#define ELF_PT_NOTE		4
#define ELF_MAX_PHDRS		16

/* ELF64 little-endian (the x86-64 vmlinux): the header's fields. */
static const struct field elf_fields[] = {
	{ "e_class", 0x04, 1, F_PLAIN }, { "e_type", 0x10, 2, F_PLAIN },
	{ "e_machine", 0x12, 2, F_PLAIN }, { "e_phoff", 0x20, 8, F_FOFF },
	{ "e_phentsize", 0x36, 2, F_PLAIN }, { "e_phnum", 0x38, 2, F_PLAIN },
};

static bool elf_recognise(const unsigned char *b, size_t len)
{
	return len >= 0x40 && !memcmp(b, "\177ELF\2\1", 6);
}

/* The Xen notes of one PT_NOTE: the PVH entry and the RELOC window. */
static void add_elf_notes(struct seed *s, uint64_t at, uint64_t end)
{
	const unsigned char *b = s->data;
	uint64_t namesz, descsz, desc;
	int n;

	for (n = 0; n < 32 && at + 16 <= end && end <= s->len; n++) {
		namesz = get_le(b + at, 4);
		descsz = get_le(b + at + 4, 4);
		desc = at + 12 + ((namesz + 3) & ~3ULL);
		if (namesz == 4 && !memcmp(b + at + 12, "Xen", 4)) {
			add_field(s, "note_descsz", at + 4, 4, F_FOFF);
			if (get_le(b + at + 8, 4) == 18) {	/* PHYS32_ENTRY */
				add_field(s, "pvh_entry", desc, 4, F_ADDR);
			} else if (get_le(b + at + 8, 4) == 19) {	/* PHYS32_RELOC */
				add_field(s, "reloc_align", desc, 4, F_ALIGN);
				add_field(s, "reloc_min", desc + 4, 4, F_ADDR);
				add_field(s, "reloc_max", desc + 8, 4, F_ADDR);
			}
		}
		at = desc + ((descsz + 3) & ~3ULL);
	}
}

/* Each program header's offsets, sizes, address and alignment. */
static void add_elf_phdrs(struct seed *s)
{
	const unsigned char *b = s->data;
	uint64_t phoff = get_le(b + 0x20, 8), at, type;
	unsigned int i, phnum = get_le(b + 0x38, 2);

	for (i = 0; i < phnum && i < ELF_MAX_PHDRS; i++) {
		at = phoff + (uint64_t)i * ELF_PHDR_LEN;
		if (at > s->len || s->len - at < ELF_PHDR_LEN)
			return;
		type = get_le(b + at, 4);
		if (type != ELF_PT_LOAD && type != ELF_PT_NOTE)
			continue;
		add_field(s, "p_type", at, 4, F_PLAIN);
		add_field(s, "p_offset", at + 0x08, 8, F_FOFF);
		add_field(s, "p_filesz", at + 0x20, 8, F_FOFF);
		if (type == ELF_PT_NOTE) {
			add_elf_notes(s, get_le(b + at + 0x08, 8),
				      get_le(b + at + 0x08, 8) +
				      get_le(b + at + 0x20, 8));
			continue;
		}
		add_field(s, "p_paddr", at + 0x18, 8, F_ADDR);
		add_field(s, "p_memsz", at + 0x28, 8, F_FOOTPRINT);
		add_field(s, "p_align", at + 0x30, 8, F_ALIGN);
	}
}

static void elf_describe(struct seed *s)
{
	add_table(s, elf_fields, ARRAY_SIZE(elf_fields));
	add_elf_phdrs(s);
}

const struct fuzz_format fuzz_elf = {
	.format = S_ELF,
	.recognise = elf_recognise,
	.describe = elf_describe,
};
