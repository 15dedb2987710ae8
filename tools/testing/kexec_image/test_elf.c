// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_image_parse_elf() beyond its table of cases (test_cases.c): an
 * x86-64 vmlinux laid out small (kernel/tests/kexec_image_layouts_elf.c)
 * field by field, the relocation window's defaults, every truncation, the
 * caps, and an x86-64 vmlinux built from this tree where one is given.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "harness.h"

#define S "elf"

#define PH(i, field)	(EL_PH(i) + (field))
#define ENTRY_DESC	(EL_NOTE_ENTRY + EL_NOTE_DESC)
#define RELOC_DESC	(EL_NOTE_RELOC + EL_NOTE_DESC)
#define RELOC_DESCSZ	(EL_NOTE_RELOC + 4)
#define NOTES_FILESZ	PH(EL_PH_NOTE, EL_P_FILESZ)

/* kx_elf_std_notes[]'s PHYS32_ENTRY note */
#define N_ENTRY		{ "Xen", 0, 18, "\x40\0\0\x01\0\0\0\0", 8 }

/* The errno, the whole reason, and the format it was refused as. */
static bool check(const char *name, int ret, const struct kexec_image_info *info,
		  int err, const char *reason)
{
	if (ret != err || info->error != ret)
		fail(S, name, "returned %d (info->error %d), want %d: %s", ret,
		     info->error, err, info->reason);
	else if (!ret && info->reason[0])
		fail(S, name, "accepted with reason \"%s\"", info->reason);
	else if (ret && !info->reason[0])
		fail(S, name, "refused without a reason");
	else if (strlen(info->reason) >= KEXEC_IMAGE_REASON_LEN - 1)
		fail(S, name, "reason cut at %d bytes: %s",
		     KEXEC_IMAGE_REASON_LEN - 1, info->reason);
	else if (reason && strcmp(info->reason, reason))
		fail(S, name, "reason \"%s\", want \"%s\"", info->reason, reason);
	else if (ret != -ENOEXEC && info->format != KEXEC_IMAGE_FMT_ELF)
		fail(S, name, "format %s, not elf",
		     kexec_image_format_name(info->format));
	else if (ret == -ENOEXEC && info->format != KEXEC_IMAGE_FMT_UNKNOWN)
		fail(S, name, "not ELF, yet format %s",
		     kexec_image_format_name(info->format));
	else
		return true;
	return false;
}

/* make_elf(), field by field. */
static void test_fields(void)
{
	static const struct kexec_image_elf_load want[EL_NR_LOADS] = {
		{ 0x200, EL_BASE, 0x600, 0x600, 0x200000, 5 },
		{ 0x800, 0x1200000, 0x400, 0x400, 0x200000, 6 },
		{ 0xc00, 0x1400000, 0x200, 0x200, 0x1000, 6 },
		{ 0xe00, 0x1600000, 0x200, 0x10000, 0x200000, 7 },
	};
	const struct kexec_image_elf *e;
	struct kexec_image_info info;
	struct buf b = make_elf();
	unsigned int i;
	char what[32];

	expect_u64(b.len, EL_LEN, S, "fields", "file length");
	if (!check("fields", kexec_image_parse_elf(b.data, b.len, &info), &info,
		   0, NULL))
		goto out;
	e = &info.elf;
	expect(!strcmp(kexec_image_format_name(info.format), "elf"), S,
	       "fields", "format name is not elf");
	expect_u64(info.endian, KEXEC_IMAGE_LE, S, "fields", "endian");
	expect_u64(info.image_size, EL_SPAN, S, "fields", "image_size");
	expect_u64(info.load_align, EL_RELOC_ALIGN, S, "fields", "load_align");
	expect_u64(e->machine, 62, S, "fields", "machine");
	expect_u64(e->phnum, EL_PHNUM, S, "fields", "phnum");
	expect_u64(e->entry, EL_E_ENTRY, S, "fields", "entry");
	expect_u64(e->nr_loads, EL_NR_LOADS, S, "fields", "nr_loads");
	for (i = 0; i < EL_NR_LOADS; i++) {
		snprintf(what, sizeof(what), "load[%u]", i);
		expect(!memcmp(&e->load[i], &want[i], sizeof(want[i])), S,
		       "fields", what);
	}
	expect_u64(e->low, EL_BASE, S, "fields", "low");
	expect_u64(e->high, EL_HIGH, S, "fields", "high");
	expect_u64(e->nr_note_areas, 1, S, "fields", "nr_note_areas");
	expect_u64(e->note_area[0].offset, EL_NOTES, S, "fields",
		   "note_area[0].offset");
	expect_u64(e->note_area[0].size, EL_NOTES_SIZE, S, "fields",
		   "note_area[0].size");
	expect_u64(e->nr_notes, EL_NR_NOTES, S, "fields", "nr_notes");
	expect_u64(e->has_pvh_entry, true, S, "fields", "has_pvh_entry");
	expect_u64(e->pvh_entry, EL_ENTRY, S, "fields", "pvh_entry");
	expect_u64(e->has_reloc, true, S, "fields", "has_reloc");
	expect_u64(e->reloc_words, 3, S, "fields", "reloc_words");
	expect_u64(e->reloc_align, EL_RELOC_ALIGN, S, "fields", "reloc_align");
	expect_u64(e->reloc_min, EL_RELOC_MIN, S, "fields", "reloc_min");
	expect_u64(e->reloc_max, EL_RELOC_MAX, S, "fields", "reloc_max");
	expect_u64(e->build_id_len, EL_BUILD_ID_LEN, S, "fields",
		   "build_id_len");
	expect(!memcmp(e->build_id, kx_elf_build_id, EL_BUILD_ID_LEN), S,
	       "fields", "build_id differs");
	/* the probe finds it after the bzImage parser */
	expect(kexec_image_probe(b.data, b.len, &info) == 0 &&
	       info.format == KEXEC_IMAGE_FMT_ELF, S, "probe", info.reason);
out:
	buf_free(&b);
}

/* The notes that leave a field unset leave it so, and the first build ID counts. */
static void test_absent(void)
{
	static const struct kx_elf_note ids[] = {
		{ "GNU", 0, 3, "\x11\x22\x33", 3 }, N_ENTRY,
		{ "GNU", 0, 3, "\x44\x55\x66\x77", 4 },
	};
	struct kexec_image_info info;
	struct buf b = make_elf_notes(kx_elf_std_notes, 3);

	if (check("no-pvh-notes", kexec_image_parse_elf(b.data, b.len, &info),
		  &info, 0, NULL)) {
		expect_u64(info.elf.has_pvh_entry, false, S, "no-pvh-notes",
			   "has_pvh_entry");
		expect_u64(info.elf.pvh_entry, 0, S, "no-pvh-notes",
			   "pvh_entry");
		expect_u64(info.elf.has_reloc, false, S, "no-pvh-notes",
			   "has_reloc");
		expect_u64(info.load_align, 0, S, "no-pvh-notes", "load_align");
		expect_u64(info.elf.nr_notes, 3, S, "no-pvh-notes", "nr_notes");
	}
	buf_free(&b);
	b = make_elf_notes(ids, ARRAY_SIZE(ids));
	if (check("build-id-twice", kexec_image_parse_elf(b.data, b.len, &info),
		  &info, 0, NULL)) {
		expect_u64(info.elf.build_id_len, 3, S, "build-id-twice",
			   "build_id_len");
		expect(!memcmp(info.elf.build_id, "\x11\x22\x33", 3), S,
		       "build-id-twice", "not the first build ID");
	}
	buf_free(&b);
	b = make_elf_notes(NULL, 0);
	if (check("no-notes", kexec_image_parse_elf(b.data, b.len, &info),
		  &info, 0, NULL)) {
		expect_u64(info.elf.nr_note_areas, 1, S, "no-notes",
			   "nr_note_areas");
		expect_u64(info.elf.nr_notes, 0, S, "no-notes", "nr_notes");
		expect_u64(info.elf.build_id_len, 0, S, "no-notes",
			   "build_id_len");
	}
	buf_free(&b);
}

/*
 * The window with elfnote.h's defaults: align from the note, else the
 * largest p_align of 4K or more, else 2 MiB; min 0; max 4 GiB - 1.
 */
struct window_case {
	const char *name;
	unsigned int words;	/* the note's; 4: no PHYS32_RELOC note */
	struct kx_patch patches[KX_MAX_PATCHES];
	uint64_t align, min, max;
};

#define P_ALIGN(i, a)	{ PH(i, EL_P_ALIGN), 8, a }

static const struct window_case windows[] = {
	{ "3-words", 3, {}, EL_RELOC_ALIGN, EL_RELOC_MIN, EL_RELOC_MAX },
	{ "2-words", 2, {}, EL_RELOC_ALIGN, EL_RELOC_MIN, 0xffffffff },
	{ "1-word", 1, {}, EL_RELOC_ALIGN, 0, 0xffffffff },
	{ "1-word-4k", 1, { { RELOC_DESC, 4, 0x1000 } }, 0x1000, 0, 0xffffffff },
	{ "0-words", 0, {}, 0x200000, 0, 0xffffffff },
	{ "0-words-largest-p_align", 0,
	  { P_ALIGN(0, 0x1000), P_ALIGN(1, 0x400000), P_ALIGN(2, 0x200000),
	    P_ALIGN(3, 0x10) },
	  0x400000, 0, 0xffffffff },
	{ "0-words-p_align-4k", 0,
	  { P_ALIGN(0, 0x1000), P_ALIGN(1, 0x1000), P_ALIGN(2, 0x10),
	    P_ALIGN(3, 0) },
	  0x1000, 0, 0xffffffff },
	{ "0-words-p_align-below-4k", 0,
	  { P_ALIGN(0, 0x800), P_ALIGN(1, 0x800), P_ALIGN(2, 0x10),
	    P_ALIGN(3, 0) },
	  0x200000, 0, 0xffffffff },
	{ "0-words-p_align-0", 0,
	  { P_ALIGN(0, 0), P_ALIGN(1, 0), P_ALIGN(2, 0), P_ALIGN(3, 0) },
	  0x200000, 0, 0xffffffff },
	{ "0-words-p_align-2^63", 0,
	  { P_ALIGN(0, 0x1000), P_ALIGN(1, 0x8000000000000000ULL),
	    P_ALIGN(2, 0), P_ALIGN(3, 0) },
	  0x8000000000000000ULL, 0, 0xffffffff },
	{ "no-note", 4, {}, 0x200000, 0, 0xffffffff },
	{ "no-note-largest-p_align", 4,
	  { P_ALIGN(0, 0x1000), P_ALIGN(1, 0x400000), P_ALIGN(2, 0x200000),
	    P_ALIGN(3, 0x10) },
	  0x400000, 0, 0xffffffff },
	{ "no-note-p_align-below-4k", 4,
	  { P_ALIGN(0, 0x800), P_ALIGN(1, 0x800), P_ALIGN(2, 0x10),
	    P_ALIGN(3, 0) },
	  0x200000, 0, 0xffffffff },
};

static void run_window(const struct window_case *c)
{
	struct kexec_image_info info;
	unsigned int words = c->words;
	char name[64];
	struct buf b;

	snprintf(name, sizeof(name), "window-%s", c->name);
	b = make_elf_notes(kx_elf_std_notes, EL_NR_NOTES - (words > 3));
	if (words <= 3) {
		put_le(b.data + RELOC_DESCSZ, 4, 4 * words);
		put_le(b.data + NOTES_FILESZ, 8, EL_NOTES_SIZE - 12 + 4 * words);
	}
	apply_patches(&b, c->patches, KX_MAX_PATCHES);
	if (check(name, kexec_image_parse_elf(b.data, b.len, &info), &info, 0,
		  NULL)) {
		expect_u64(info.elf.has_reloc, words <= 3, S, name, "has_reloc");
		expect_u64(info.elf.reloc_words, words <= 3 ? words : 0, S,
			   name, "reloc_words");
		expect_u64(info.elf.reloc_align, c->align, S, name,
			   "reloc_align");
		expect_u64(info.elf.reloc_min, c->min, S, name, "reloc_min");
		expect_u64(info.elf.reloc_max, c->max, S, name, "reloc_max");
		expect_u64(info.load_align, words <= 3 ? c->align : 0, S, name,
			   "load_align");
	}
	buf_free(&b);
}

/* Extra program headers appended to make_elf()'s, in a table at its end. */
enum extra { X_NULL, X_LOAD, X_NOTE, X_NOTE_AGAIN, X_STACK };

static struct buf elf_with(enum extra kind, unsigned int n)
{
	struct buf std = make_elf();
	size_t len = EL_LEN + (EL_PHNUM + n) * EL_PHENT;
	struct buf b = buf_copy(&std, len);
	uint8_t *ph = b.data + EL_LEN + EL_PHNUM * EL_PHENT;
	unsigned int i;

	memcpy(b.data + EL_LEN, b.data + EL_PHOFF, EL_PHNUM * EL_PHENT);
	put_le(b.data + 32, 8, EL_LEN);
	put_le(b.data + 56, 2, EL_PHNUM + n);
	for (i = 0; i < n; i++, ph += EL_PHENT) {
		switch (kind) {
		case X_LOAD:
			put_le(ph + EL_P_TYPE, 4, 1);
			put_le(ph + EL_P_PADDR, 8, 0x1700000 + 0x10000 * i);
			put_le(ph + EL_P_MEMSZ, 8, 0x1000);
			break;
		case X_NOTE:
			put_le(ph + EL_P_TYPE, 4, 4);
			break;
		case X_NOTE_AGAIN:
			memcpy(ph, b.data + EL_PH(EL_PH_NOTE), EL_PHENT);
			break;
		case X_STACK:
			memset(ph, 0xa5, EL_PHENT);
			put_le(ph + EL_P_TYPE, 4, 0x6474e551);
			break;
		default:
			break;
		}
	}
	buf_free(&std);
	return b;
}

static void expect_with(const char *name, enum extra kind, unsigned int n,
			int err, const char *reason)
{
	struct kexec_image_info info;
	struct buf b = elf_with(kind, n);

	if (check(name, kexec_image_parse_elf(b.data, b.len, &info), &info,
		  err, reason))
		pass();
	if (!err) {
		expect_u64(info.elf.phnum, EL_PHNUM + n, S, name, "phnum");
		expect_u64(info.elf.nr_loads, EL_NR_LOADS +
			   (kind == X_LOAD ? n : 0), S, name, "nr_loads");
		expect_u64(info.elf.nr_note_areas, 1 + (kind == X_NOTE ? n : 0),
			   S, name, "nr_note_areas");
	}
	buf_free(&b);
}

/* The caps: program headers, PT_LOADs and PT_NOTEs. */
static void test_caps(void)
{
	expect_with("phnum-64", X_NULL, KEXEC_IMAGE_ELF_MAX_PHDRS - EL_PHNUM,
		    0, NULL);
	expect_with("phnum-65", X_NULL, KEXEC_IMAGE_ELF_MAX_PHDRS - EL_PHNUM + 1,
		    -EFBIG, "e_phnum 65 exceeds the cap of 64 program headers");
	expect_with("loads-8", X_LOAD, KEXEC_IMAGE_ELF_MAX_LOADS - EL_NR_LOADS,
		    0, NULL);
	expect_with("loads-9", X_LOAD,
		    KEXEC_IMAGE_ELF_MAX_LOADS - EL_NR_LOADS + 1, -EFBIG,
		    "phdr 9 (PT_LOAD): more than 8 PT_LOADs");
	expect_with("note-areas-4", X_NOTE, KEXEC_IMAGE_ELF_MAX_NOTE_AREAS - 1,
		    0, NULL);
	expect_with("note-areas-5", X_NOTE, KEXEC_IMAGE_ELF_MAX_NOTE_AREAS,
		    -EFBIG, "phdr 8 (PT_NOTE): more than 4 PT_NOTEs");
	/* the notes of all areas count together */
	expect_with("entry-in-two-areas", X_NOTE_AGAIN, 1, -EINVAL,
		    "phdr 5 (PT_NOTE) note 3: a second XEN_ELFNOTE_PHYS32_ENTRY");
	expect_with("other-types-ignored", X_STACK, 3, 0, NULL);
}

#define PAST_32_BITS \
	"phdr 4 (PT_NOTE): notes end at file offset 0x100000000, which needs more than 32 bits"

/*
 * A note area is described in 32 bits: it must end at a file offset of
 * at most 0xffffffff. The file is a sparse mapping, read only where the
 * headers and the area lie.
 */
static void test_note_area_4g(void)
{
	const size_t len = 0x100001000ULL;
	struct kexec_image_info info;
	struct buf std = make_elf();
	uint8_t *map;
	int ret;

	if (sizeof(size_t) < 8) {
		skip(S, "notes-4g", "a 32-bit host has no 4 GiB file");
		goto out;
	}
	map = mmap(NULL, len, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (map == MAP_FAILED) {
		skip(S, "notes-4g", "no 4 GiB mapping");
		goto out;
	}
	memcpy(map, std.data, EL_LEN);
	/* two empty notes, the last ending at 0xffffffff */
	put_le(map + PH(EL_PH_NOTE, EL_P_OFFSET), 8, 0xffffffffULL - 24);
	put_le(map + NOTES_FILESZ, 8, 24);
	ret = kexec_image_parse_elf(map, len, &info);
	if (check("notes-end-at-32-bits", ret, &info, 0, NULL)) {
		expect_u64(info.elf.note_area[0].offset, 0xffffffe7, S,
			   "notes-end-at-32-bits", "offset");
		expect_u64(info.elf.nr_notes, 2, S, "notes-end-at-32-bits",
			   "nr_notes");
	}
	put_le(map + PH(EL_PH_NOTE, EL_P_OFFSET), 8, 0xffffffffULL - 24 + 1);
	ret = kexec_image_parse_elf(map, len, &info);
	if (check("notes-end-past-32-bits", ret, &info, -EFBIG, PAST_32_BITS))
		pass();
	munmap(map, len);
out:
	buf_free(&std);
}

/*
 * Every cut of the file is refused: -ENOEXEC without a whole e_ident,
 * -EINVAL from there to the last byte of the last PT_LOAD. The probe
 * agrees, and tells a cut ELF file from other formats.
 */
static void test_truncations(const char *what, const struct buf *b)
{
	struct kexec_image_info info, pinfo;
	char name[64];
	size_t len;
	int ret, pret;
	bool ok;

	for (len = 0; len <= b->len; len++) {
		struct buf cut = buf_copy(b, len);

		ret = kexec_image_parse_elf(cut.data, len, &info);
		pret = kexec_image_probe(cut.data, len, &pinfo);
		buf_free(&cut);
		if (len == b->len)
			ok = !ret && !pret && pinfo.format == KEXEC_IMAGE_FMT_ELF;
		else if (len < 16)
			ok = ret == -ENOEXEC && pret == -ENOEXEC;
		else
			ok = ret == -EINVAL && pret == -EINVAL &&
			     pinfo.format == KEXEC_IMAGE_FMT_ELF;
		ok = ok && info.error == ret && (!ret || info.reason[0]);
		snprintf(name, sizeof(name), "%s-cut-to-0x%zx", what, len);
		if (ok)
			pass();
		else
			fail(S, name, "returned %d, the probe %d (%s)", ret, pret,
			     info.reason);
	}
}

/* Values of the .config beside the vmlinux (its build tree), or @def. */
static unsigned long long config_value(const char *vmlinux, const char *sym,
				       unsigned long long def)
{
	char path[4096], line[256];
	size_t n = strlen(sym);
	unsigned long long v = def;
	const char *slash = strrchr(vmlinux, '/');
	FILE *f;

	snprintf(path, sizeof(path), "%.*s.config",
		 slash ? (int)(slash - vmlinux + 1) : 0, vmlinux);
	f = fopen(path, "r");
	if (!f)
		return def;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, sym, n) && line[n] == '=') {
			v = line[n + 1] == 'y' ? 1 : strtoull(line + n + 1, NULL, 0);
			break;
		}
	}
	fclose(f);
	return v;
}

static struct buf read_file(const char *path)
{
	struct buf b = { NULL, 0 };
	FILE *f = fopen(path, "rb");
	long size;

	if (!f)
		return b;
	size = fseek(f, 0, SEEK_END) ? -1 : ftell(f);
	if (size > 0 && !fseek(f, 0, SEEK_SET)) {
		b = buf_new(size);
		if (fread(b.data, 1, size, f) != (size_t)size)
			buf_free(&b);
	}
	fclose(f);
	return b;
}

/*
 * Our own x86-64 kernel, where it has been built: an ELF executable of
 * x86-64 with its build ID; with CONFIG_PVH, its PHYS32 notes give the
 * entry and the window arch/x86/platform/pvh/head.S writes.
 */
static void test_vmlinux(const char *path)
{
	unsigned long long align, start, image, end = 0;
	const struct kexec_image_elf *e;
	struct kexec_image_info info;
	struct buf b;
	unsigned int i;

	if (!path) {
		skip(S, "vmlinux", "no --vmlinux given");
		return;
	}
	b = read_file(path);
	if (!b.data) {
		skip(S, "vmlinux", "no such file (not built)");
		return;
	}
	e = &info.elf;
	if (!check("vmlinux", kexec_image_parse_elf(b.data, b.len, &info), &info,
		   0, NULL))
		goto out;
	expect_u64(e->machine, 62, S, "vmlinux", "machine (EM_X86_64)");
	expect(e->nr_loads >= 3, S, "vmlinux", "fewer than 3 PT_LOADs");
	expect(e->nr_note_areas >= 1, S, "vmlinux", "no PT_NOTE");
	expect_u64(e->build_id_len, 20, S, "vmlinux", "build_id_len (sha1)");
	for (i = 0; i < e->nr_loads; i++)
		end = e->load[i].offset + e->load[i].filesz > end ?
		      e->load[i].offset + e->load[i].filesz : end;
	/* the last byte a PT_LOAD needs, and one less */
	expect(kexec_image_parse_elf(b.data, end, &info) == 0, S,
	       "vmlinux-cut-to-loads", info.reason);
	expect(kexec_image_parse_elf(b.data, end - 1, &info) == -EINVAL, S,
	       "vmlinux-cut-inside-loads", "a cut PT_LOAD accepted");
	kexec_image_parse_elf(b.data, b.len, &info);
	if (!e->has_pvh_entry) {
		skip(S, "vmlinux-pvh", "no XEN_ELFNOTE_PHYS32_ENTRY (CONFIG_PVH off)");
		goto out;
	}
	align = config_value(path, "CONFIG_PHYSICAL_ALIGN", 0x200000);
	start = config_value(path, "CONFIG_PHYSICAL_START", 0x1000000);
	start = (start + align - 1) & ~(align - 1);	/* LOAD_PHYSICAL_ADDR */
	image = config_value(path, "CONFIG_RANDOMIZE_BASE", 0) ?
		0x40000000 : 0x20000000;		/* KERNEL_IMAGE_SIZE */
	expect_u64(e->has_reloc, true, S, "vmlinux-pvh", "has_reloc");
	expect_u64(e->reloc_words, 3, S, "vmlinux-pvh", "reloc_words");
	expect_u64(e->reloc_align, align, S, "vmlinux-pvh", "reloc_align");
	expect_u64(e->reloc_min, start, S, "vmlinux-pvh", "reloc_min");
	expect_u64(e->reloc_max, image - 1, S, "vmlinux-pvh", "reloc_max");
	expect_u64(e->low, start, S, "vmlinux-pvh", "low");
	expect(e->pvh_entry >= e->low && e->pvh_entry < e->high, S,
	       "vmlinux-pvh", "entry outside the image");
out:
	buf_free(&b);
}

void test_elf(const char *vmlinux)
{
	struct buf b;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(windows); i++)
		run_window(&windows[i]);
	test_fields();
	test_absent();
	test_caps();
	test_note_area_4g();
	b = make_elf();
	test_truncations("vmlinux-like", &b);
	buf_free(&b);
	b = make_elf_notes(NULL, 0);
	test_truncations("no-notes", &b);
	buf_free(&b);
	test_vmlinux(vmlinux);
}
