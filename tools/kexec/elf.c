// SPDX-License-Identifier: GPL-2.0
/*
 * kexec-image-info on an ELF executable such as an x86-64 vmlinux: its
 * machine and entry point, each PT_LOAD and their span, the PVH entry and
 * relocation window its Xen notes give, every note of its PT_NOTE
 * segments by owner and type, and its GNU build ID, from the description
 * kexec_image_parse_elf() gives.
 */
#include <elf.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/kexec_image.h>
#include <xen/interface/elfnote.h>

#include "kexec-image-info.h"

/* include/linux/build-salt.h and include/linux/elfnote-lto.h */
#define LINUX_ELFNOTE_BUILD_SALT	0x100
#define LINUX_ELFNOTE_LTO_INFO		0x101

struct note_type {
	const char *owner;
	unsigned int type;
	const char *name;
};

#define NOTE(owner, type)	{ owner, type, #type }

/* The notes a kernel carries, as the headers that define them name them. */
static const struct note_type note_types[] = {
	NOTE("Xen", XEN_ELFNOTE_INFO),
	NOTE("Xen", XEN_ELFNOTE_ENTRY),
	NOTE("Xen", XEN_ELFNOTE_HYPERCALL_PAGE),
	NOTE("Xen", XEN_ELFNOTE_VIRT_BASE),
	NOTE("Xen", XEN_ELFNOTE_PADDR_OFFSET),
	NOTE("Xen", XEN_ELFNOTE_XEN_VERSION),
	NOTE("Xen", XEN_ELFNOTE_GUEST_OS),
	NOTE("Xen", XEN_ELFNOTE_GUEST_VERSION),
	NOTE("Xen", XEN_ELFNOTE_LOADER),
	NOTE("Xen", XEN_ELFNOTE_PAE_MODE),
	NOTE("Xen", XEN_ELFNOTE_FEATURES),
	NOTE("Xen", XEN_ELFNOTE_BSD_SYMTAB),
	NOTE("Xen", XEN_ELFNOTE_HV_START_LOW),
	NOTE("Xen", XEN_ELFNOTE_L1_MFN_VALID),
	NOTE("Xen", XEN_ELFNOTE_SUSPEND_CANCEL),
	NOTE("Xen", XEN_ELFNOTE_INIT_P2M),
	NOTE("Xen", XEN_ELFNOTE_MOD_START_PFN),
	NOTE("Xen", XEN_ELFNOTE_SUPPORTED_FEATURES),
	NOTE("Xen", XEN_ELFNOTE_PHYS32_ENTRY),
	NOTE("Xen", XEN_ELFNOTE_PHYS32_RELOC),
	NOTE("Xen", XEN_ELFNOTE_CRASH_INFO),
	NOTE("Xen", XEN_ELFNOTE_CRASH_REGS),
	NOTE("GNU", NT_GNU_ABI_TAG),
	NOTE("GNU", NT_GNU_HWCAP),
	NOTE("GNU", NT_GNU_BUILD_ID),
	NOTE("GNU", NT_GNU_GOLD_VERSION),
	NOTE("GNU", NT_GNU_PROPERTY_TYPE_0),
	NOTE("Linux", LINUX_ELFNOTE_BUILD_SALT),
	NOTE("Linux", LINUX_ELFNOTE_LTO_INFO),
};

/* The type's name, for an owner named exactly (NUL included); or NULL. */
static const char *note_type_name(const struct kexec_note *note)
{
	size_t i, n;

	for (i = 0; i < ARRAY_SIZE(note_types); i++) {
		n = strlen(note_types[i].owner) + 1;
		if (note->type == note_types[i].type && note->namesz == n &&
		    !memcmp(note->name, note_types[i].owner, n))
			return note_types[i].name;
	}
	return NULL;
}

static const char *machine_name(unsigned int machine)
{
	switch (machine) {
	case EM_X86_64:
		return "x86-64";
	case EM_386:
		return "i386";
	case EM_AARCH64:
		return "aarch64";
	case EM_ARM:
		return "arm";
	case EM_RISCV:
		return "riscv";
	default:
		return NULL;
	}
}

/* The values of the relocation window the note leaves to elfnote.h. */
static const char *const reloc_names[] = { "align", "min", "max" };

static bool reloc_default(const struct kexec_image_elf *e, unsigned int i)
{
	return e->reloc_words <= i;
}

typedef void (*note_fn)(unsigned int i, const struct kexec_note *note);

/*
 * Calls @fn for each note of each PT_NOTE segment, numbered across them;
 * the parser checked every one.
 */
static void walk_notes(const struct file_buf *fb,
		       const struct kexec_image_elf *e, note_fn fn)
{
	struct kexec_image_info scratch;
	struct kexec_note_iter it;
	struct kexec_note note;
	unsigned int a, i = 0;

	for (a = 0; a < e->nr_note_areas; a++) {
		const struct kexec_image_extent *x = &e->note_area[a];

		if (x->offset > fb->len || x->size > fb->len - x->offset)
			continue;
		kexec_note_iter_init(&it, fb->data + x->offset, x->size, false);
		while (kexec_note_next(&it, &note, &scratch) > 0)
			fn(i++, &note);
	}
}

static void human_elf_note(unsigned int i, const struct kexec_note *note)
{
	human_note(i, note, note_type_name(note));
}

void human_elf(const struct file_buf *fb, const struct kexec_image_info *info)
{
	const struct kexec_image_elf *e = &info->elf;
	const char *machine = machine_name(e->machine);
	unsigned int i;

	if (machine)
		printf("  machine        %s\n", machine);
	else
		printf("  machine        %u\n", e->machine);
	printf("  entry          0x%llx\n", (unsigned long long)e->entry);
	for (i = 0; i < e->nr_loads; i++) {
		const struct kexec_image_elf_load *l = &e->load[i];

		printf("  load %-9u offset 0x%llx paddr 0x%llx filesz 0x%llx memsz 0x%llx",
		       i, (unsigned long long)l->offset,
		       (unsigned long long)l->paddr,
		       (unsigned long long)l->filesz,
		       (unsigned long long)l->memsz);
		printf(" align 0x%llx %c%c%c\n", (unsigned long long)l->align,
		       l->flags & PF_R ? 'r' : '-', l->flags & PF_W ? 'w' : '-',
		       l->flags & PF_X ? 'x' : '-');
	}
	printf("  span           0x%llx-0x%llx, 0x%llx bytes\n",
	       (unsigned long long)e->low, (unsigned long long)e->high - 1,
	       (unsigned long long)(e->high - e->low));
	if (e->has_pvh_entry)
		printf("  PVH entry      0x%x\n", e->pvh_entry);
	else
		printf("  PVH entry      none\n");
	if (e->has_reloc)
		printf("  relocatable    align 0x%llx%s, min 0x%llx%s, max 0x%llx%s\n",
		       (unsigned long long)e->reloc_align,
		       reloc_default(e, 0) ? " (default)" : "",
		       (unsigned long long)e->reloc_min,
		       reloc_default(e, 1) ? " (default)" : "",
		       (unsigned long long)e->reloc_max,
		       reloc_default(e, 2) ? " (default)" : "");
	else
		printf("  relocatable    no\n");
	walk_notes(fb, e, human_elf_note);
	if (e->build_id_len) {
		printf("  build ID       ");
		for (i = 0; i < e->build_id_len; i++)
			printf("%02x", e->build_id[i]);
		printf("\n");
	}
}

static void json_elf_note(unsigned int i, const struct kexec_note *note)
{
	const char *type_name = note_type_name(note);
	unsigned int j;

	printf("%s{\"name\":", i ? "," : "");
	json_string(note->name, note->namesz);
	printf(",\"type\":%u", note->type);
	if (type_name)
		json_str("type_name", type_name);
	printf(",\"desc\":\"");
	for (j = 0; j < note->descsz; j++)
		printf("%02x", note->desc[j]);
	printf("\"}");
}

void json_elf(const struct file_buf *fb, const struct kexec_image_info *info)
{
	const struct kexec_image_elf *e = &info->elf;
	const char *machine = machine_name(e->machine);
	unsigned int i;

	json_u64("elf_machine", e->machine);
	if (machine)
		json_str("elf_machine_name", machine);
	json_u64("entry", e->entry);
	json_key("loads");
	putchar('[');
	for (i = 0; i < e->nr_loads; i++) {
		const struct kexec_image_elf_load *l = &e->load[i];

		printf("%s{\"offset\":%llu,\"paddr\":%llu", i ? "," : "",
		       (unsigned long long)l->offset,
		       (unsigned long long)l->paddr);
		printf(",\"filesz\":%llu,\"memsz\":%llu,\"align\":%llu,\"flags\":%u}",
		       (unsigned long long)l->filesz,
		       (unsigned long long)l->memsz,
		       (unsigned long long)l->align, l->flags);
	}
	putchar(']');
	json_u64("low", e->low);
	json_u64("high", e->high);
	if (e->has_pvh_entry)
		json_u64("pvh_entry", e->pvh_entry);
	json_key("relocatable");
	printf(e->has_reloc ? "true" : "false");
	if (e->has_reloc) {
		json_u64("reloc_align", e->reloc_align);
		json_u64("reloc_min", e->reloc_min);
		json_u64("reloc_max", e->reloc_max);
		json_key("reloc_defaults");
		putchar('[');
		for (i = e->reloc_words; i < ARRAY_SIZE(reloc_names); i++)
			printf("%s\"%s\"", i > e->reloc_words ? "," : "",
			       reloc_names[i]);
		putchar(']');
	}
	json_key("notes");
	putchar('[');
	walk_notes(fb, e, json_elf_note);
	putchar(']');
	if (e->build_id_len) {
		json_key("build_id");
		putchar('"');
		for (i = 0; i < e->build_id_len; i++)
			printf("%02x", e->build_id[i]);
		putchar('"');
	}
}
