// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_fuzz: the x86 bzImage format (Documentation/arch/x86/boot.rst), its
 * setup header's fields for the generator to set.
 */
#include "kexec_test_util.h"
#include "kexec_fuzz.h"

static const struct field bzimage_fields[] = {
	{ "setup_sects", 0x1f1, 1, F_PLAIN }, { "syssize", 0x1f4, 4, F_FOFF },
	{ "boot_flag", 0x1fe, 2, F_MAGIC }, { "jump", 0x200, 2, F_PLAIN },
	{ "header", 0x202, 4, F_MAGIC }, { "version", 0x206, 2, F_VERSION },
	{ "loadflags", 0x211, 1, F_FLAGS },
	{ "initrd_addr_max", 0x22c, 4, F_ADDR },
	{ "kernel_alignment", 0x230, 4, F_ALIGN },
	{ "relocatable_kernel", 0x234, 1, F_PLAIN },
	{ "min_alignment", 0x235, 1, F_PLAIN },
	{ "xloadflags", 0x236, 2, F_FLAGS }, { "cmdline_size", 0x238, 4, F_PLAIN },
	{ "payload_offset", 0x248, 4, F_FOFF },
	{ "payload_length", 0x24c, 4, F_FOFF },
	{ "pref_address", 0x258, 8, F_ADDR },
	{ "init_size", 0x260, 4, F_FOOTPRINT },
	{ "handover_offset", 0x264, 4, F_FOFF },
	{ "kernel_info_offset", 0x268, 4, F_FOFF },
};

static bool bzimage_recognise(const unsigned char *b, size_t len)
{
	return len >= 0x206 && get_le(b + 0x1fe, 2) == 0xaa55 &&
	       get_le(b + 0x202, 4) == 0x53726448;
}

static void bzimage_describe(struct seed *s)
{
	add_table(s, bzimage_fields, ARRAY_SIZE(bzimage_fields));
}

const struct fuzz_format fuzz_bzimage = {
	.format = S_BZIMAGE,
	.recognise = bzimage_recognise,
	.describe = bzimage_describe,
};
