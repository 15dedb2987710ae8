// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer targets for kernel/kexec_image.c, one per parser, chosen at
 * build time with -DFUZZ_ARM64, -DFUZZ_RISCV, -DFUZZ_BZIMAGE,
 * -DFUZZ_ZIMAGE, -DFUZZ_ZBOOT, -DFUZZ_GZIP, -DFUZZ_NOTES, -DFUZZ_UKI or
 * -DFUZZ_ELF.
 *
 * Beyond "no crash, no sanitizer report", each target checks what the
 * parser promises on success: every range it reports lies inside the
 * input, and on failure a non-empty reason matching the errno.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <linux/compiler.h>
#include <linux/kexec_image.h>

#define require(cond) do { if (!(cond)) abort(); } while (0)

__maybe_unused static bool inside(size_t len, uint64_t off, uint64_t n)
{
	return off <= len && n <= len - off;
}

__maybe_unused static void check_result(int ret,
					 const struct kexec_image_info *info)
{
	require(ret == 0 || ret == -ENOEXEC || ret == -EINVAL);
	require(info->error == ret);
	require(memchr(info->reason, 0, sizeof(info->reason)));
	require(!ret == !info->reason[0]);
}

__maybe_unused static void walk_notes(const struct kexec_note_iter *start,
			      const uint8_t *lo, const uint8_t *hi)
{
	struct kexec_note_iter it = *start;
	struct kexec_image_info info;
	struct kexec_note note;
	int ret;

	while ((ret = kexec_note_next(&it, &note, &info)) > 0) {
		require((const uint8_t *)note.name >= lo);
		require((const uint8_t *)note.name + note.namesz <= hi);
		require(note.desc >= lo && note.desc + note.descsz <= hi);
	}
	require(ret == 0 || (ret == -EINVAL && info.reason[0]));
}

/*
 * The unwrap plan of an accepted wrapper: its stream lies inside the
 * input, or the method is one no decompressor takes, or the gzip stream
 * declares an empty output.
 */
__maybe_unused static void check_stream(const struct kexec_image_info *info,
					size_t size)
{
	struct kexec_image_stream s;

	if (kexec_image_unwrap_plan(info, &s)) {
		require((s.error == -EOPNOTSUPP ||
			 (s.error == -EINVAL && !s.declared)) && s.reason[0]);
		return;
	}
	require(inside(size, s.offset, s.length));
	require(s.has_declared || !strcmp(s.method, "zstd"));
}

#if defined(FUZZ_ARM64)
static void fuzz_one(const uint8_t *data, size_t size)
{
	struct kexec_image_info info;
	int ret = kexec_image_parse_arm64(data, size, &info);

	check_result(ret, &info);
	if (ret)
		return;
	require(info.image_size >= 64 && info.image_size <= KEXEC_IMAGE_MAX_SIZE);
	require(info.text_offset < KEXEC_IMAGE_ARM64_ALIGN);
	require(!info.has_pe || inside(size, info.pe_offset, 6));
}
#elif defined(FUZZ_RISCV)
/*
 * The riscv parser also answers -EOPNOTSUPP: a big-endian Image, or a
 * header major version above 0. What it accepts: a version 0 header
 * carrying the magic its version requires, a footprint from 0x40 bytes to
 * the cap with text_offset, a multiple of 2 MiB, under it too.
 */
static void fuzz_one(const uint8_t *data, size_t size)
{
	struct kexec_image_info info;
	const struct kexec_image_riscv *rv = &info.riscv;
	int ret = kexec_image_parse_riscv(data, size, &info);

	require(ret == 0 || ret == -ENOEXEC || ret == -EINVAL ||
		ret == -EOPNOTSUPP);
	require(info.error == ret);
	require(memchr(info.reason, 0, sizeof(info.reason)));
	require(!ret == !info.reason[0]);
	require(ret == -ENOEXEC ? info.format == KEXEC_IMAGE_FMT_UNKNOWN :
		info.format == KEXEC_IMAGE_FMT_RISCV);
	if (ret)
		return;
	require(size >= 64 && (rv->has_magic || rv->has_magic2));
	require(!rv->version_major);
	require(rv->version_minor >= 2 ? rv->has_magic2 : rv->has_magic);
	require(info.endian == KEXEC_IMAGE_LE && !(info.flags & 1));
	require(info.image_size >= 64 && !(info.text_offset % 0x200000));
	require(info.text_offset + info.image_size <= KEXEC_IMAGE_MAX_SIZE);
	require(info.load_align == KEXEC_IMAGE_RISCV_ALIGN);
	require(!info.has_pe || inside(size, info.pe_offset, 6));
}
#elif defined(FUZZ_BZIMAGE)
static void fuzz_one(const uint8_t *data, size_t size)
{
	struct kexec_image_info info;
	const struct kexec_image_x86 *x = &info.x86;
	int ret = kexec_image_parse_bzimage(data, size, &info);

	check_result(ret, &info);
	if (ret)
		return;
	require(x->header_end <= size && x->setup_size < size);
	require(inside(size - x->setup_size, x->payload_offset,
		       x->payload_length));
	require(!x->kernel_alignment || !(x->kernel_alignment &
					  (x->kernel_alignment - 1)));
}
#elif defined(FUZZ_ZIMAGE)
static void fuzz_one(const uint8_t *data, size_t size)
{
	struct kexec_image_info info;
	const struct kexec_image_zimage *z = &info.zimage;
	struct kexec_note_iter it;
	int ret = kexec_image_parse_zimage(data, size, &info);

	check_result(ret, &info);
	if (ret)
		return;
	require(z->end > z->start && z->end - z->start <= size);
	require(!z->has_size_tag || inside(size, z->size_ptr, 4));
	if (kexec_image_notes(data, size, &info, &it)) {
		require(inside(size, z->notes_offset, z->notes_size));
		walk_notes(&it, data, data + size);
	}
}
#elif defined(FUZZ_ZBOOT)
static void fuzz_one(const uint8_t *data, size_t size)
{
	struct kexec_image_info info;
	const struct kexec_image_zboot *zb = &info.zboot;
	int ret = kexec_image_parse_zboot(data, size, &info);

	check_result(ret, &info);
	if (ret)
		return;
	require(inside(size, zb->payload_offset, zb->payload_size));
	require(memchr(zb->comp_type, 0, sizeof(zb->comp_type)));
	require(info.has_pe && inside(size, info.pe_offset, 6));
	check_stream(&info, size);
}
#elif defined(FUZZ_GZIP)
static void fuzz_one(const uint8_t *data, size_t size)
{
	struct kexec_image_info info;
	int ret = kexec_image_parse_gzip(data, size, &info);

	check_result(ret, &info);
	if (ret)
		return;
	require(info.gzip.length == size);
	require(inside(size, info.gzip.data_offset, 10));
	check_stream(&info, size);
}
#elif defined(FUZZ_NOTES)
/* First byte: endianness; the rest is the notes area. */
static void fuzz_one(const uint8_t *data, size_t size)
{
	struct kexec_image_info info;
	struct kexec_note_iter it;
	bool be;
	int ret;

	if (!size)
		return;
	be = data[0] & 1;
	ret = kexec_notes_check(data + 1, size - 1, be, &info);
	require(ret >= 0 || (ret == -EINVAL && info.reason[0]));
	kexec_note_iter_init(&it, data + 1, size - 1, be);
	walk_notes(&it, data + 1, data + size);
}
#elif defined(FUZZ_UKI)
static bool is_text(unsigned int sec)
{
	return sec == KEXEC_UKI_CMDLINE || sec == KEXEC_UKI_OSREL ||
	       sec == KEXEC_UKI_UNAME;
}

/* A field kexec_image_uki_osrel() filled: terminated, printable. */
static void check_osrel_field(const char *f)
{
	size_t i, n = strnlen(f, KEXEC_IMAGE_UKI_ID_LEN);

	require(n < KEXEC_IMAGE_UKI_ID_LEN);
	for (i = 0; i < n; i++)
		require(f[i] >= 0x20 && f[i] < 0x7f);
}

/*
 * Each taken section lies inside the input, under its cap, apart from
 * every other; its text, if it is text, is free of NULs.
 */
static void check_sections(const uint8_t *data, size_t size,
			   const struct kexec_image_info *info)
{
	const struct kexec_image_uki *u = &info->uki;
	const struct kexec_image_extent *e, *o;
	unsigned int i, j;
	size_t n;

	for (i = 0; i < KEXEC_UKI_NR_SECTIONS; i++) {
		e = &u->section[i];
		if (!(u->present & (1U << i))) {
			require(!e->offset && !e->size);
			continue;
		}
		require(inside(size, e->offset, e->size));
		require(e->size <= (is_text(i) ? KEXEC_IMAGE_UKI_MAX_TEXT :
				    KEXEC_IMAGE_MAX_SIZE));
		for (j = 0; j < i; j++) {
			o = &u->section[j];
			require(!e->size || !o->size ||
				e->offset >= o->offset + (uint64_t)o->size ||
				o->offset >= e->offset + (uint64_t)e->size);
		}
		if (!is_text(i))
			continue;
		n = kexec_image_uki_text(data, info, i);
		require(n <= e->size && !memchr(data + e->offset, 0, n));
	}
}

static void fuzz_one(const uint8_t *data, size_t size)
{
	struct kexec_image_info info;
	const struct kexec_image_uki *u = &info.uki;
	int ret = kexec_image_parse_uki(data, size, &info);

	check_result(ret, &info);
	if (ret)
		return;
	require(info.format == KEXEC_IMAGE_FMT_UKI && info.has_pe);
	require(u->nr_sections && u->nr_sections <= KEXEC_IMAGE_PE_MAX_SECTIONS);
	require(u->nr_profiles <= u->nr_sections);
	require(!(u->present >> KEXEC_UKI_NR_SECTIONS));
	require(!(u->present & (1U << KEXEC_UKI_PROFILE)) == !u->nr_profiles);
	require((u->present & (1U << KEXEC_UKI_LINUX)) &&
		u->section[KEXEC_UKI_LINUX].size);
	check_sections(data, size, &info);
	kexec_image_uki_osrel(data, size, &info);
	check_osrel_field(u->os_id);
	check_osrel_field(u->version_id);
	require(kexec_image_uki_text(data, &info, KEXEC_UKI_NR_SECTIONS) == 0);
}
#elif defined(FUZZ_ELF)
/*
 * The ELF reader also answers -EOPNOTSUPP and -EFBIG. What it accepts:
 * PT_LOADs in the input, ascending without overlap, within the cap; note
 * areas in the input and walkable; an entry in a PT_LOAD's file bytes;
 * a window with room for the image.
 */
static void check_elf(const uint8_t *data, size_t size,
		      const struct kexec_image_info *info)
{
	const struct kexec_image_elf *e = &info->elf;
	const struct kexec_image_elf_load *l;
	struct kexec_note_iter it;
	bool entry_found = false;
	unsigned int i;

	require(info->format == KEXEC_IMAGE_FMT_ELF);
	require(e->nr_loads >= 1 && e->nr_loads <= KEXEC_IMAGE_ELF_MAX_LOADS);
	require(e->nr_loads <= e->phnum && e->phnum <= KEXEC_IMAGE_ELF_MAX_PHDRS);
	require(e->low == e->load[0].paddr && e->high > e->low);
	require(e->high - e->low <= KEXEC_IMAGE_MAX_SIZE);
	require(info->image_size == e->high - e->low);
	for (i = 0; i < e->nr_loads; i++) {
		l = &e->load[i];
		require(inside(size, l->offset, l->filesz));
		require(l->memsz && l->filesz <= l->memsz);
		require(!(l->align & (l->align - 1)));
		require(l->paddr + l->memsz <= e->high);
		require(!i || l->paddr >= e->load[i - 1].paddr +
				e->load[i - 1].memsz);
		if (e->pvh_entry >= l->paddr &&
		    e->pvh_entry - l->paddr < l->filesz)
			entry_found = true;
	}
	require(!e->has_pvh_entry || entry_found);
	require(e->nr_note_areas <= KEXEC_IMAGE_ELF_MAX_NOTE_AREAS);
	for (i = 0; i < e->nr_note_areas; i++) {
		require(inside(size, e->note_area[i].offset,
			       e->note_area[i].size));
		kexec_note_iter_init(&it, data + e->note_area[i].offset,
				     e->note_area[i].size, false);
		walk_notes(&it, data, data + size);
	}
	require(e->build_id_len <= KEXEC_IMAGE_ELF_BUILD_ID_MAX);
	require(e->has_reloc || !e->reloc_words);
	require(e->reloc_words <= 3);
	require(e->reloc_align && !(e->reloc_align & (e->reloc_align - 1)));
	require(e->reloc_min <= e->reloc_max);
	require(e->reloc_max - e->reloc_min >= e->high - e->low - 1);
}

static void fuzz_one(const uint8_t *data, size_t size)
{
	struct kexec_image_info info;
	int ret = kexec_image_parse_elf(data, size, &info);

	require(ret == 0 || ret == -ENOEXEC || ret == -EINVAL ||
		ret == -EOPNOTSUPP || ret == -EFBIG);
	require(info.error == ret);
	require(memchr(info.reason, 0, sizeof(info.reason)));
	require(!ret == !info.reason[0]);
	require(ret == -ENOEXEC ? info.format == KEXEC_IMAGE_FMT_UNKNOWN :
		info.format == KEXEC_IMAGE_FMT_ELF);
	if (!ret)
		check_elf(data, size, &info);
}
#else
#error "define one FUZZ_<target>: ARM64, RISCV, BZIMAGE, ZIMAGE, ZBOOT, GZIP, NOTES, UKI or ELF"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_one(data, size);
	return 0;
}
