// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_fuzz: the arm64 Image format (Documentation/arch/arm64/booting.rst),
 * its header's fields for the generator to set.
 */
#include "kexec_test_util.h"
#include "kexec_fuzz.h"

static const struct field arm64_fields[] = {
	{ "code0", 0x00, 4, F_PLAIN }, { "text_offset", 0x08, 8, F_FOOTPRINT },
	{ "image_size", 0x10, 8, F_FOOTPRINT }, { "flags", 0x18, 8, F_FLAGS },
	{ "res2", 0x20, 8, F_PLAIN }, { "magic", 0x38, 4, F_MAGIC },
	{ "pe_offset", 0x3c, 4, F_FOFF },
};

static bool arm64_recognise(const unsigned char *b, size_t len)
{
	return len >= 0x40 && get_le(b + 0x38, 4) == 0x644d5241;
}

static void arm64_describe(struct seed *s)
{
	add_table(s, arm64_fields, ARRAY_SIZE(arm64_fields));
}

const struct fuzz_format fuzz_arm64 = {
	.format = S_ARM64,
	.recognise = arm64_recognise,
	.describe = arm64_describe,
};
