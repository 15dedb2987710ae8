// SPDX-License-Identifier: GPL-2.0
/*
 * Synthetic images laid out from the format documents, valid as built;
 * the tests patch one field at a time to reach each rule's edge.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "harness.h"

struct buf make_arm64(void)
{
	struct buf b = buf_new(A64_LEN);

	put_le(b.data + 0x08, 8, 0);			/* text_offset */
	put_le(b.data + 0x10, 8, A64_IMAGE_SIZE);	/* image_size */
	put_le(b.data + 0x18, 8, 0xa);			/* 4K, anywhere */
	memcpy(b.data + 0x38, "ARM\x64", 4);
	return b;
}

/* From Documentation/arch/x86/boot.rst: the last field of each version. */
size_t bzimage_fields_end(uint16_t protocol)
{
	if (protocol >= 0x020f)
		return 0x26c;	/* kernel_info_offset */
	if (protocol >= 0x020b)
		return 0x268;	/* handover_offset */
	if (protocol >= 0x020a)
		return 0x264;	/* pref_address, init_size */
	if (protocol >= 0x0209)
		return 0x258;	/* setup_data */
	if (protocol >= 0x0208)
		return 0x250;	/* payload_offset, payload_length */
	if (protocol >= 0x0207)
		return 0x248;	/* hardware_subarch(_data) */
	if (protocol >= 0x0206)
		return 0x23c;	/* cmdline_size */
	if (protocol >= 0x0205)
		return 0x235;	/* kernel_alignment, relocatable_kernel */
	if (protocol >= 0x0203)
		return 0x230;	/* initrd_addr_max */
	if (protocol >= 0x0202)
		return 0x22c;	/* cmd_line_ptr */
	if (protocol >= 0x0201)
		return 0x226;	/* heap_end_ptr */
	return 0x224;		/* bootsect_kludge */
}

struct buf make_bzimage(uint16_t protocol)
{
	struct buf b = buf_new(BZ_LEN);
	uint8_t *h = b.data, *code = b.data + BZ_SETUP;

	h[0x1f1] = BZ_SETUP / 512 - 1;			/* setup_sects */
	put_le(h + 0x1f4, 4, BZ_CODE / 16);		/* syssize */
	put_le(h + 0x1fe, 2, 0xaa55);
	h[0x200] = 0xeb;
	h[0x201] = bzimage_fields_end(protocol) - 0x202;
	memcpy(h + 0x202, "HdrS", 4);
	put_le(h + 0x206, 2, protocol);
	h[0x211] = 0x01;				/* LOADED_HIGH */
	put_le(h + 0x22c, 4, 0x7fffffff);		/* initrd_addr_max */
	put_le(h + 0x230, 4, 0x200000);			/* kernel_alignment */
	h[0x234] = 1;					/* relocatable */
	h[0x235] = 21;					/* min_alignment */
	put_le(h + 0x236, 2, 0x0b);	/* 64-bit entry, above 4G, handover 64 */
	put_le(h + 0x238, 4, 0x7ff);			/* cmdline_size */
	put_le(h + 0x248, 4, 0x100);			/* payload_offset */
	put_le(h + 0x24c, 4, 0x1000);			/* payload_length */
	put_le(h + 0x258, 8, 0x1000000);		/* pref_address */
	put_le(h + 0x260, 4, 0x100000);			/* init_size */
	put_le(h + 0x264, 4, 0x190);			/* handover_offset */
	put_le(h + 0x268, 4, BZ_KINFO);			/* kernel_info_offset */
	memcpy(code + BZ_KINFO, "LToP", 4);
	put_le(code + BZ_KINFO + 4, 4, 0x10);		/* header size */
	put_le(code + BZ_KINFO + 8, 4, 0x20);		/* size_total */
	return b;
}

static size_t put_note(uint8_t *p, bool be, const char *name, uint32_t type,
		       const char *desc, uint32_t descsz)
{
	void (*put)(uint8_t *, unsigned int, uint64_t) = be ? put_be : put_le;
	uint32_t namesz = strlen(name) + 1;
	size_t at = 12;

	put(p, 4, namesz);
	put(p + 4, 4, descsz);
	put(p + 8, 4, type);
	memcpy(p + at, name, namesz);
	at += (namesz + 3) & ~3u;
	memcpy(p + at, desc, descsz);
	return at + ((descsz + 3) & ~3u);
}

/* Table words are little-endian in every zImage; notes follow the kernel. */
struct buf make_zimage(bool be)
{
	struct buf b = buf_new(ZI_LEN);
	uint8_t *t = b.data + ZI_TABLE, *n = b.data + ZI_NOTES;
	size_t at;

	put_le(b.data + 0x24, 4, 0x016f2818);
	put_le(b.data + 0x28, 4, 0);			/* start */
	put_le(b.data + 0x2c, 4, ZI_LEN);		/* end */
	(be ? put_be : put_le)(b.data + 0x30, 4, 0x04030201);
	put_le(b.data + 0x34, 4, 0x45454545);
	put_le(b.data + 0x38, 4, ZI_TABLE);
	put_le(t, 4, 6);
	put_le(t + 4, 4, KEXEC_ZIMAGE_TAG_KRNL_SIZE);
	put_le(t + 8, 4, ZI_SIZE_WORD);
	put_le(t + 12, 4, ZI_BSS);
	put_le(t + 16, 4, 0x8000);			/* TEXT_OFFSET */
	put_le(t + 20, 4, 0x10000);			/* MALLOC_SIZE */
	put_le(t + 24, 4, 4);
	put_le(t + 28, 4, KEXEC_ZIMAGE_TAG_NOTES);
	put_le(t + 32, 4, ZI_NOTES);
	put_le(t + 36, 4, ZI_NOTES_SIZE);
	put_le(t + 40, 4, 0);				/* terminator */
	at = put_note(n, be, "Linux", 1, "\x12\x34\x56\x78", 4);
	put_note(n + at, be, "Xen", 0x10, "abcde", 5);
	put_le(b.data + ZI_SIZE_WORD, 4, ZI_DECOMP);
	return b;
}

/* An empty deflate stream behind the header @flags asks for. */
size_t make_gzip(uint8_t *p, uint8_t flags, uint32_t isize)
{
	size_t at = 10;

	p[0] = 0x1f;
	p[1] = 0x8b;
	p[2] = 8;
	p[3] = flags;
	put_le(p + 4, 4, 0x5f5e0ff0);			/* mtime */
	p[8] = 2;					/* xfl: best */
	p[9] = 3;					/* os: Unix */
	if (flags & 0x04) {
		put_le(p + at, 2, 4);
		memcpy(p + at + 2, "KX\0\0", 4);
		at += 6;
	}
	if (flags & 0x08) {
		memcpy(p + at, "vmlinux", 8);
		at += 8;
	}
	if (flags & 0x10) {
		memcpy(p + at, "c", 2);
		at += 2;
	}
	if (flags & 0x02) {
		put_le(p + at, 2, 0xbeef);
		at += 2;
	}
	p[at++] = 0x03;					/* final fixed block */
	p[at++] = 0x00;					/* end of block */
	put_le(p + at, 4, 0);				/* CRC32 of nothing */
	put_le(p + at + 4, 4, isize);
	return at + 8;
}

struct buf make_zboot(const char *comp)
{
	struct buf b = buf_new(ZB_LEN);
	uint32_t size = ZB_RAW_PAYLOAD;

	memcpy(b.data, "MZ", 2);
	memcpy(b.data + 4, "zimg", 4);
	memcpy(b.data + 0x18, comp, strlen(comp));
	put_le(b.data + 0x38, 4, 0x818223cd);		/* LINUX_PE_MAGIC */
	put_le(b.data + 0x3c, 4, ZB_PE);
	memcpy(b.data + ZB_PE, "PE\0\0", 4);
	put_le(b.data + ZB_PE + 4, 2, 0xaa64);
	if (!strcmp(comp, "gzip"))
		size = make_gzip(b.data + ZB_PAYLOAD, 0x08, ZB_ISIZE);
	else
		put_le(b.data + ZB_PAYLOAD + size, 4, ZB_ISIZE);
	put_le(b.data + 8, 4, ZB_PAYLOAD);
	put_le(b.data + 12, 4, size);
	return b;
}

/* Rounds @n up to a whole number of UK_SLOTs. */
static size_t uk_slots(size_t n)
{
	return (n + UK_SLOT - 1) & ~(size_t)(UK_SLOT - 1);
}

struct buf make_uki_of(const struct uki_sec *s, unsigned int n)
{
	size_t at = uk_slots(UK_SEC(n)), len = at, raw;
	unsigned int i;
	struct buf b;
	uint8_t *h;

	for (i = 0; i < n; i++)
		len += uk_slots(s[i].len);
	b = buf_new(len);
	memcpy(b.data, "MZ", 2);
	put_le(b.data + 0x3c, 4, UK_PE);
	memcpy(b.data + UK_PE, "PE\0\0", 4);
	put_le(b.data + UK_PE + 4, 2, UK_MACHINE);
	put_le(b.data + UK_PE + 6, 2, n);		/* sections */
	put_le(b.data + UK_PE + 20, 2, UK_OPT);		/* opt_hdr_size */
	put_le(b.data + UK_PE + 24, 2, 0x20b);		/* PE32+ */
	for (i = 0; i < n; i++) {
		h = b.data + UK_SEC(i);
		raw = uk_slots(s[i].len);
		memcpy(h, s[i].name, strnlen(s[i].name, 8));
		put_le(h + UK_VSIZE, 4, s[i].len);
		put_le(h + 12, 4, 0x10000 * (i + 1));	/* virtual_address */
		put_le(h + UK_RAW_SIZE, 4, raw);
		put_le(h + UK_RAW_OFF, 4, raw ? at : 0);
		if (s[i].data)
			memcpy(b.data + at, s[i].data, s[i].len);
		else
			memset(b.data + at, 0xcc, s[i].len);
		at += raw;
	}
	return b;
}

/* Every UKI section but .profile, behind a stub's .text and .sbat. */
struct buf make_uki(void)
{
	static const char sbat[] = "sbat,1,SBAT Version,sbat,1\n";
	static const char pcrsig[] = "{\"sha256\":[]}";
	static const char pcrpkey[] = "-----BEGIN PUBLIC KEY-----\n";
	static const char dtb[] = "\xd0\x0d\xfe\xed";
	const struct uki_sec s[UK_NR] = {
		[UK_I_TEXT] = { ".text", NULL, UK_SLOT },
		[UK_I_SBAT] = { ".sbat", sbat, sizeof(sbat) - 1 },
		[UK_I_OSREL] = { ".osrel", UK_OSREL, sizeof(UK_OSREL) - 1 },
		[UK_I_CMDLINE] = { ".cmdline", UK_CMDLINE,
				   sizeof(UK_CMDLINE) - 1 },
		[UK_I_UNAME] = { ".uname", UK_UNAME, sizeof(UK_UNAME) - 1 },
		[UK_I_LINUX] = { ".linux", NULL, UK_SLOT },
		[UK_I_INITRD] = { ".initrd", NULL, 0x80 },
		[UK_I_UCODE] = { ".ucode", NULL, 0x40 },
		[UK_I_DTB] = { ".dtb", dtb, sizeof(dtb) - 1 },
		[UK_I_SPLASH] = { ".splash", NULL, 0x20 },
		[UK_I_PCRSIG] = { ".pcrsig", pcrsig, sizeof(pcrsig) - 1 },
		[UK_I_PCRPKEY] = { ".pcrpkey", pcrpkey, sizeof(pcrpkey) - 1 },
	};

	return make_uki_of(s, UK_NR);
}

struct buf make_uki_profiles(void)
{
	static const char dtb[] = "\xd0\x0d\xfe\xed";
	const struct uki_sec s[UK_P_NR] = {
		{ ".text", NULL, UK_SLOT },
		{ ".linux", NULL, UK_SLOT },
		{ ".osrel", UK_OSREL, sizeof(UK_OSREL) - 1 },
		{ ".cmdline", "shared", 6 },
		{ ".profile", "ID=one\n", 7 },
		{ ".cmdline", "one", 3 },
		{ ".dtb", dtb, sizeof(dtb) - 1 },
		{ ".profile", "ID=two\n", 7 },
		{ ".cmdline", "two", 3 },
		{ ".uname", "two", 3 },
		{ ".linux", NULL, 0x80 },
	};

	return make_uki_of(s, UK_P_NR);
}

const uint8_t elf_build_id[EL_BUILD_ID_LEN] = {
	0x6b, 0x65, 0x78, 0x65, 0x63, 0x2d, 0x65, 0x6c, 0x66, 0x2d,
	0x62, 0x75, 0x69, 0x6c, 0x64, 0x2d, 0x69, 0x64, 0x30, 0x31,
};

/* As arch/x86/platform/pvh/head.S writes them: the entry is a quad. */
const struct elf_note_spec elf_std_notes[EL_NR_NOTES] = {
	{ "GNU", 0, 3, elf_build_id, EL_BUILD_ID_LEN },	/* NT_GNU_BUILD_ID */
	{ "Linux", 0, 0x101, "\0\0\0\0", 4 },		/* LTO info */
	{ "Xen", 0, 6, "linux", 6 },			/* GUEST_OS */
	{ "Xen", 0, 18, "\x40\0\0\x01\0\0\0\0", 8 },	/* PHYS32_ENTRY */
	{ "Xen", 0, 19, "\0\0\x20\0\0\0\0\x01\xff\xff\xff\x3f", 12 },
};

/* One note at @p; returns its size, padding included. */
static size_t put_elf_note(uint8_t *p, const struct elf_note_spec *n)
{
	uint32_t namesz = n->namesz ? n->namesz : strlen(n->name) + 1;
	size_t at = 12 + ((namesz + 3) & ~3u);

	put_le(p, 4, namesz);
	put_le(p + 4, 4, n->descsz);
	put_le(p + 8, 4, n->type);
	memcpy(p + 12, n->name, namesz);
	memcpy(p + at, n->desc, n->descsz);
	return at + ((n->descsz + 3) & ~3u);
}

/* Program headers of the PT_LOADs, lowest p_paddr first. */
static const struct {
	uint32_t flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
} el_loads[EL_NR_LOADS] = {
	{ 5, 0x200, 0xffffffff81000000, EL_BASE, 0x600, 0x600, 0x200000 },
	{ 6, 0x800, 0xffffffff81200000, 0x1200000, 0x400, 0x400, 0x200000 },
	{ 6, 0xc00, 0, 0x1400000, 0x200, 0x200, 0x1000 },	/* percpu */
	{ 7, 0xe00, 0xffffffff81600000, 0x1600000, 0x200, 0x10000, 0x200000 },
};

struct buf make_elf_notes(const struct elf_note_spec *n, unsigned int nr)
{
	struct buf b = buf_new(EL_LEN);
	uint8_t *h = b.data, *ph;
	size_t at = EL_NOTES;
	unsigned int i;

	memcpy(h, "\177ELF", 4);
	h[4] = 2;					/* ELFCLASS64 */
	h[5] = 1;					/* ELFDATA2LSB */
	h[6] = 1;					/* EV_CURRENT */
	put_le(h + 16, 2, 2);				/* e_type: ET_EXEC */
	put_le(h + 18, 2, 62);				/* e_machine: x86-64 */
	put_le(h + 20, 4, 1);				/* e_version */
	put_le(h + 24, 8, EL_E_ENTRY);
	put_le(h + 32, 8, EL_PHOFF);
	put_le(h + 52, 2, 64);				/* e_ehsize */
	put_le(h + 54, 2, EL_PHENT);
	put_le(h + 56, 2, EL_PHNUM);
	put_le(h + 58, 2, 64);				/* e_shentsize */
	for (i = 0; i < EL_NR_LOADS; i++) {
		ph = h + EL_PH(i);
		put_le(ph + EL_P_TYPE, 4, 1);		/* PT_LOAD */
		put_le(ph + EL_P_FLAGS, 4, el_loads[i].flags);
		put_le(ph + EL_P_OFFSET, 8, el_loads[i].offset);
		put_le(ph + 16, 8, el_loads[i].vaddr);
		put_le(ph + EL_P_PADDR, 8, el_loads[i].paddr);
		put_le(ph + EL_P_FILESZ, 8, el_loads[i].filesz);
		put_le(ph + EL_P_MEMSZ, 8, el_loads[i].memsz);
		put_le(ph + EL_P_ALIGN, 8, el_loads[i].align);
	}
	for (i = 0; i < nr; i++) {
		at += put_elf_note(h + at, &n[i]);
		if (at > EL_NOTES + EL_NOTES_ROOM) {
			fprintf(stderr, "ELF notes past 0x%x\n",
				EL_NOTES + EL_NOTES_ROOM);
			exit(2);
		}
	}
	ph = h + EL_PH(EL_PH_NOTE);
	put_le(ph + EL_P_TYPE, 4, 4);			/* PT_NOTE */
	put_le(ph + EL_P_FLAGS, 4, 4);
	put_le(ph + EL_P_OFFSET, 8, EL_NOTES);
	put_le(ph + 16, 8, 0xffffffff81000000 + EL_NOTES - 0x200);
	put_le(ph + EL_P_PADDR, 8, EL_BASE + EL_NOTES - 0x200);
	put_le(ph + EL_P_FILESZ, 8, at - EL_NOTES);
	put_le(ph + EL_P_MEMSZ, 8, at - EL_NOTES);
	put_le(ph + EL_P_ALIGN, 8, 4);
	return b;
}

struct buf make_elf(void)
{
	return make_elf_notes(elf_std_notes, EL_NR_NOTES);
}

static bool write_seed(const char *dir, const char *target, const char *name,
		       const void *data, size_t len)
{
	char path[4096];
	FILE *f;
	bool ok;

	snprintf(path, sizeof(path), "%s/%s", dir, target);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/%s/%s", dir, target, name);
	f = fopen(path, "wb");
	if (!f)
		return false;
	ok = fwrite(data, 1, len, f) == len;
	return fclose(f) == 0 && ok;
}

/* The seed corpus of each fuzz target: the valid synthetic images. */
bool write_seeds(const char *dir)
{
	static const struct uki_sec linux_only = { ".linux", NULL, 0x40 };
	static const uint8_t gzip_flags[] = { 0, 0x02, 0x04, 0x08, 0x10, 0x1f };
	struct buf a = make_arm64(), bz = make_bzimage(0x020f);
	struct buf bz4 = make_bzimage(0x0204), zi = make_zimage(false);
	struct buf zib = make_zimage(true), zb = make_zboot("gzip");
	struct buf zs = make_zboot("zstd"), uk = make_uki();
	struct buf ukp = make_uki_profiles(), uk1 = make_uki_of(&linux_only, 1);
	struct buf el = make_elf(), el3 = make_elf_notes(elf_std_notes, 3);
	uint8_t gz[64], notes[1 + ZI_NOTES_SIZE];
	char name[32];
	bool ok = true;
	size_t i;

	mkdir(dir, 0755);
	ok &= write_seed(dir, "arm64", "image", a.data, a.len);
	ok &= write_seed(dir, "bzimage", "protocol-2.15", bz.data, bz.len);
	ok &= write_seed(dir, "bzimage", "protocol-2.04", bz4.data, bz4.len);
	ok &= write_seed(dir, "zimage", "le", zi.data, zi.len);
	ok &= write_seed(dir, "zimage", "be", zib.data, zib.len);
	ok &= write_seed(dir, "zboot", "gzip", zb.data, zb.len);
	ok &= write_seed(dir, "zboot", "zstd", zs.data, zs.len);
	ok &= write_seed(dir, "uki", "every-section", uk.data, uk.len);
	ok &= write_seed(dir, "uki", "profiles", ukp.data, ukp.len);
	ok &= write_seed(dir, "uki", "linux-only", uk1.data, uk1.len);
	ok &= write_seed(dir, "elf", "vmlinux", el.data, el.len);
	ok &= write_seed(dir, "elf", "no-pvh-notes", el3.data, el3.len);
	for (i = 0; i < sizeof(gzip_flags); i++) {
		size_t len = make_gzip(gz, gzip_flags[i], 0x1000);

		snprintf(name, sizeof(name), "flags-0x%02x", gzip_flags[i]);
		ok &= write_seed(dir, "gzip", name, gz, len);
	}
	notes[0] = 0;
	memcpy(notes + 1, zi.data + ZI_NOTES, ZI_NOTES_SIZE);
	ok &= write_seed(dir, "notes", "le", notes, sizeof(notes));
	notes[0] = 1;
	memcpy(notes + 1, zib.data + ZI_NOTES, ZI_NOTES_SIZE);
	ok &= write_seed(dir, "notes", "be", notes, sizeof(notes));
	buf_free(&a);
	buf_free(&bz);
	buf_free(&bz4);
	buf_free(&zi);
	buf_free(&zib);
	buf_free(&zb);
	buf_free(&zs);
	buf_free(&uk);
	buf_free(&ukp);
	buf_free(&uk1);
	buf_free(&el);
	buf_free(&el3);
	return ok;
}
