// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_fuzz: the gzip format (RFC 1952), a seed file's member fields for
 * the generator to set, and the gzip wrapper of the "gz" op.
 */
#include "kexec_test_util.h"
#include "kexec_fuzz.h"

static bool gzip_recognise(const unsigned char *b, size_t len)
{
	return len >= 2 && b[0] == 0x1f && b[1] == 0x8b;
}

static void gzip_describe(struct seed *s)
{
	add_gzip_fields(s, 0, s->len);
}

/* One member of stored deflate blocks: gzip's one method, 0. */
static int gzip_wrap(const unsigned char *in, size_t len, unsigned int method,
		     struct buf *out)
{
	return method ? -1 : gzip_stored(in, len, out);
}

const struct fuzz_format fuzz_gzip = {
	.format = S_GZIP,
	.recognise = gzip_recognise,
	.describe = gzip_describe,
	.wrap = gzip_wrap,
};
