// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_file_load(2) image formats: Unified Kernel Images.
 *
 * A UKI (the UAPI group's UKI specification) is one PE file: an EFI stub
 * such as systemd-stub plus sections holding the kernel (.linux), its
 * initrd (.initrd, and .ucode before it), command line (.cmdline), the
 * os-release of the system it belongs to (.osrel), the kernel's release
 * (.uname) and more. It is recognised by its sections, not by the stub's
 * code: a PE file whose section table names any UKI section is described
 * here, and one without .linux is refused.
 *
 * Only the DOS and PE headers and the section table are read here, so
 * that a caller can judge the signature of the whole file before any
 * section's contents are used; kexec_image_uki_osrel() and
 * kexec_image_uki_text() read sections afterwards.
 *
 * Multi-profile UKIs: sections before the first .profile are shared by
 * every profile, and each .profile starts one. The first profile is
 * taken: the shared sections, overridden by those between the first and
 * the second .profile. What follows is checked, never taken.
 *
 * Like every parser under kernel/kexec_image*.c it allocates nothing, keeps
 * no state and trusts no field, and it compiles unchanged in the host
 * harness under tools/testing/kexec_image.
 */

#include <kunit/visibility.h>
#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/kexec_image.h>
#include <linux/overflow.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "kexec_image_internal.h"

#define SECTION_LEN		sizeof(struct section_header)
#define SECTION_NAME_LEN	8

static const char * const uki_names[KEXEC_UKI_NR_SECTIONS] = {
	[KEXEC_UKI_LINUX] = ".linux",
	[KEXEC_UKI_INITRD] = ".initrd",
	[KEXEC_UKI_UCODE] = ".ucode",
	[KEXEC_UKI_CMDLINE] = ".cmdline",
	[KEXEC_UKI_OSREL] = ".osrel",
	[KEXEC_UKI_UNAME] = ".uname",
	[KEXEC_UKI_DTB] = ".dtb",
	[KEXEC_UKI_SPLASH] = ".splash",
	[KEXEC_UKI_PCRSIG] = ".pcrsig",
	[KEXEC_UKI_PCRPKEY] = ".pcrpkey",
	[KEXEC_UKI_SBAT] = ".sbat",
	[KEXEC_UKI_PROFILE] = ".profile",
};

/**
 * kexec_uki_section_name() - the PE name of a UKI section
 * @sec: the section
 *
 * Return: ".linux", ".initrd", ... or "?" for a value out of range.
 */
const char *kexec_uki_section_name(enum kexec_uki_section sec)
{
	return (unsigned int)sec < KEXEC_UKI_NR_SECTIONS ? uki_names[sec] : "?";
}
EXPORT_SYMBOL_IF_KUNIT(kexec_uki_section_name);

/* The UKI section an 8-byte, NUL-padded PE name stands for, or -1. */
static int uki_section_of(const u8 *name)
{
	unsigned int i, n, k;

	for (i = 0; i < KEXEC_UKI_NR_SECTIONS; i++) {
		n = strlen(uki_names[i]);
		if (memcmp(name, uki_names[i], n))
			continue;
		for (k = n; k < SECTION_NAME_LEN && !name[k]; k++)
			;
		if (k == SECTION_NAME_LEN)
			return i;
	}
	return -1;
}

/* .sbat alone is no sign of a UKI: shim, GRUB and EFI stubs carry one too. */
static bool names_uki(const u8 *name)
{
	int sec = uki_section_of(name);

	return sec >= 0 && sec != KEXEC_UKI_SBAT;
}

/* A section's name for a reason: printable, at most 8 characters. */
static void printable_name(const u8 *name, char out[SECTION_NAME_LEN + 1])
{
	unsigned int i;

	for (i = 0; i < SECTION_NAME_LEN && name[i]; i++)
		out[i] = name[i] >= 0x20 && name[i] < 0x7f ? name[i] : '?';
	out[i] = '\0';
}

struct pe_section {
	const u8 *name;
	u32 vsize;
	u32 raw_size;
	u32 raw_off;
};

static void read_section(const u8 *b, size_t at, struct pe_section *s)
{
	s->name = b + at + offsetof(struct section_header, name);
	s->vsize = get_unaligned_le32(b + at +
				      offsetof(struct section_header, virtual_size));
	s->raw_size = get_unaligned_le32(b + at +
					 offsetof(struct section_header, raw_data_size));
	s->raw_off = get_unaligned_le32(b + at +
					offsetof(struct section_header, data_addr));
}

/*
 * Where the section table starts, and whether one of its first entries
 * that lie in the file names a UKI section.
 */
static bool find_uki_table(const u8 *b, size_t len,
			   const struct kexec_image_info *info, size_t *table,
			   u16 *count)
{
	size_t at, opt;
	unsigned int i;

	opt = get_unaligned_le16(b + info->pe_offset +
				 offsetof(struct pe_hdr, opt_hdr_size));
	*count = get_unaligned_le16(b + info->pe_offset +
				    offsetof(struct pe_hdr, sections));
	*table = (size_t)info->pe_offset + sizeof(struct pe_hdr) + opt;
	for (i = 0; i < *count && i < KEXEC_IMAGE_PE_MAX_SECTIONS; i++) {
		at = *table + i * SECTION_LEN;
		if (!fits(len, at, SECTION_LEN))
			return false;
		if (names_uki(b + at))
			return true;
	}
	return false;
}

static int check_raw_data(const struct pe_section *s, size_t len,
			  struct kexec_image_info *info)
{
	char name[SECTION_NAME_LEN + 1];

	if (!s->raw_size || fits(len, s->raw_off, s->raw_size))
		return 0;
	printable_name(s->name, name);
	return kexec_image_reject(info, -EINVAL,
				  "PE section %s: raw data 0x%x+0x%x ends beyond the file's 0x%zx bytes",
				  name, s->raw_off, s->raw_size, len);
}

static bool raw_overlap(const struct pe_section *a, const struct pe_section *b)
{
	if (!a->raw_size || !b->raw_size)
		return false;
	return a->raw_off < b->raw_off + (u64)b->raw_size &&
	       b->raw_off < a->raw_off + (u64)a->raw_size;
}

/* No two sections' raw data may share a byte of the file. */
static int check_overlaps(const u8 *b, size_t table, u16 count,
			  struct kexec_image_info *info)
{
	char na[SECTION_NAME_LEN + 1], nb[SECTION_NAME_LEN + 1];
	struct pe_section x, y;
	unsigned int i, j;

	for (i = 0; i < count; i++) {
		read_section(b, table + i * SECTION_LEN, &x);
		for (j = i + 1; j < count; j++) {
			read_section(b, table + j * SECTION_LEN, &y);
			if (!raw_overlap(&x, &y))
				continue;
			printable_name(x.name, na);
			printable_name(y.name, nb);
			return kexec_image_reject(info, -EINVAL,
						  "PE sections %s (0x%x+0x%x) and %s (0x%x+0x%x) overlap",
						  na, x.raw_off, x.raw_size,
						  nb, y.raw_off, y.raw_size);
		}
	}
	return 0;
}

/* The bytes a UKI section holds: its virtual size, all of it in the file. */
static int take_section(const struct pe_section *s, int sec, unsigned int scope,
			u8 *scopes, struct kexec_image_info *info)
{
	struct kexec_image_uki *uki = &info->uki;
	u64 cap = sec == KEXEC_UKI_CMDLINE || sec == KEXEC_UKI_OSREL ||
		  sec == KEXEC_UKI_UNAME ? KEXEC_IMAGE_UKI_MAX_TEXT :
		  KEXEC_IMAGE_MAX_SIZE;

	if ((uki->present & BIT(sec)) && scopes[sec] == scope)
		return kexec_image_reject(info, -EINVAL,
					  "UKI section %s appears twice%s",
					  uki_names[sec],
					  scope ? " in the first profile" : "");
	if (s->vsize > s->raw_size)
		return kexec_image_reject(info, -EINVAL,
					  "UKI section %s: virtual size 0x%x exceeds its 0x%x bytes in the file",
					  uki_names[sec], s->vsize, s->raw_size);
	if (s->vsize > cap)
		return kexec_image_reject(info, -EINVAL,
					  "UKI section %s: 0x%x bytes, past the cap of 0x%llx",
					  uki_names[sec], s->vsize,
					  (unsigned long long)cap);
	uki->present |= BIT(sec);
	/*
	 * An empty section has no place in the file: the raw data pointer of
	 * one without raw data is never checked, so it is not kept either.
	 */
	uki->section[sec].offset = s->vsize ? s->raw_off : 0;
	uki->section[sec].size = s->vsize;
	scopes[sec] = scope;
	return 0;
}

/*
 * Every section is checked against the file; the UKI sections of the
 * shared part (scope 0) and of the first profile (scope 1) are taken.
 */
static int walk_sections(const u8 *b, size_t len, size_t table, u16 count,
			 struct kexec_image_info *info)
{
	u8 scopes[KEXEC_UKI_NR_SECTIONS] = {};
	struct pe_section s;
	unsigned int i, scope = 0;
	int sec, ret;

	for (i = 0; i < count; i++) {
		read_section(b, table + i * SECTION_LEN, &s);
		ret = check_raw_data(&s, len, info);
		if (ret)
			return ret;
		sec = uki_section_of(s.name);
		if (sec == KEXEC_UKI_PROFILE) {
			info->uki.nr_profiles++;
			scope++;
		}
		if (sec < 0 || scope > 1)
			continue;
		ret = take_section(&s, sec, scope, scopes, info);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * kexec_image_parse_uki() - describe a Unified Kernel Image
 * @buf: the file's contents
 * @len: bytes in @buf
 * @info: filled with the extents of the UKI sections of the first profile
 *
 * Reads the DOS and PE headers and the section table only. Every
 * section's raw data must lie in the file, no two may overlap, a UKI
 * section must hold all of its virtual size in the file, appear once per
 * profile and stay under its cap (64 KiB for text, 1 GiB otherwise), and
 * .linux must be there and not be empty.
 *
 * Return: 0, -ENOEXEC for a file that is not PE or names no UKI section,
 * -EINVAL if malformed.
 */
int kexec_image_parse_uki(const void *buf, size_t len,
			  struct kexec_image_info *info)
{
	struct kexec_image_uki *uki = &info->uki;
	const u8 *b = buf;
	size_t table;
	u16 count;
	int ret;

	kexec_image_start(info);
	kexec_image_find_pe(b, len, info);
	if (!info->has_pe || !fits(len, info->pe_offset, sizeof(struct pe_hdr)) ||
	    !find_uki_table(b, len, info, &table, &count)) {
		kexec_image_start(info);
		return kexec_image_reject(info, -ENOEXEC,
					  "no PE section table naming a UKI section");
	}
	info->format = KEXEC_IMAGE_FMT_UKI;
	info->endian = KEXEC_IMAGE_LE;
	uki->nr_sections = count;
	if (count > KEXEC_IMAGE_PE_MAX_SECTIONS)
		return kexec_image_reject(info, -EINVAL,
					  "PE header declares %u sections, more than %u",
					  count, KEXEC_IMAGE_PE_MAX_SECTIONS);
	if (!fits(len, table, count * SECTION_LEN))
		return kexec_image_reject(info, -EINVAL,
					  "PE section table of %u entries at 0x%zx runs past the file's 0x%zx bytes",
					  count, table, len);
	ret = walk_sections(b, len, table, count, info);
	if (!ret)
		ret = check_overlaps(b, table, count, info);
	if (ret)
		return ret;
	if (!(uki->present & BIT(KEXEC_UKI_LINUX)))
		return kexec_image_reject(info, -EINVAL,
					  "UKI has no .linux section: no kernel to load");
	if (!uki->section[KEXEC_UKI_LINUX].size)
		return kexec_image_reject(info, -EINVAL, "UKI section .linux is empty");
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(kexec_image_parse_uki);

/**
 * kexec_image_uki_text() - the length of a UKI text section's text
 * @buf: the file kexec_image_parse_uki() described without error
 * @info: its description
 * @sec: %KEXEC_UKI_CMDLINE, %KEXEC_UKI_UNAME or another text section
 *
 * The text ends at the section's first NUL, and trailing white space
 * (the newline an editor leaves) is not part of it.
 *
 * Return: the number of bytes from the section's start, 0 if absent or
 * @sec is out of range.
 */
size_t kexec_image_uki_text(const void *buf, const struct kexec_image_info *info,
			    enum kexec_uki_section sec)
{
	const struct kexec_image_extent *e;
	const u8 *t;
	size_t n;

	/* @sec indexes the extents and shifts a bit: out of range is absent. */
	if ((unsigned int)sec >= KEXEC_UKI_NR_SECTIONS ||
	    !(info->uki.present & BIT(sec)))
		return 0;
	e = &info->uki.section[sec];
	t = (const u8 *)buf + e->offset;
	n = strnlen((const char *)t, e->size);
	while (n && (t[n - 1] == ' ' || t[n - 1] == '\n' || t[n - 1] == '\t' ||
		     t[n - 1] == '\r'))
		n--;
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(kexec_image_uki_text);

/* One os-release value: quotes dropped, printable ASCII, bounded. */
static void osrel_value(const u8 *v, size_t n, char *out)
{
	size_t i, k = 0;

	if (n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n - 1] == v[0]) {
		v++;
		n -= 2;
	}
	for (i = 0; i < n && k < KEXEC_IMAGE_UKI_ID_LEN - 1; i++)
		if (v[i] >= 0x20 && v[i] < 0x7f)
			out[k++] = v[i];
	out[k] = '\0';
}

/**
 * kexec_image_uki_osrel() - read ID and VERSION_ID from a UKI's .osrel
 * @buf: the file kexec_image_parse_uki() described without error
 * @len: bytes in @buf
 * @info: its description; os_id and version_id are set, "" if absent
 *
 * .osrel is an os-release(5) file: KEY=VALUE lines, values optionally
 * quoted. Values longer than the fields are cut.
 */
void kexec_image_uki_osrel(const void *buf, size_t len,
			   struct kexec_image_info *info)
{
	const struct kexec_image_extent *e = &info->uki.section[KEXEC_UKI_OSREL];
	const u8 *p, *end, *nl;

	info->uki.os_id[0] = '\0';
	info->uki.version_id[0] = '\0';
	if (!(info->uki.present & BIT(KEXEC_UKI_OSREL)) ||
	    !fits(len, e->offset, e->size))
		return;
	p = (const u8 *)buf + e->offset;
	end = p + e->size;
	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', end - p);
		if (!nl)
			nl = end;
		if (nl - p > 3 && !memcmp(p, "ID=", 3))
			osrel_value(p + 3, nl - p - 3, info->uki.os_id);
		else if (nl - p > 11 && !memcmp(p, "VERSION_ID=", 11))
			osrel_value(p + 11, nl - p - 11, info->uki.version_id);
	}
}
EXPORT_SYMBOL_IF_KUNIT(kexec_image_uki_osrel);
