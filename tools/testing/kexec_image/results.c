// SPDX-License-Identifier: GPL-2.0
/*
 * The unit tests' results: one count per named case, a line per failing
 * or skipped one, and the checks every format shares.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#include "harness.h"

static unsigned int passed, failed, skipped;

void pass(void)
{
	passed++;
}

void fail(const char *suite, const char *name, const char *fmt, ...)
{
	va_list args;

	failed++;
	printf("FAIL %s/%s: ", suite, name);
	va_start(args, fmt);
	vprintf(fmt, args);
	va_end(args);
	printf("\n");
}

void skip(const char *suite, const char *name, const char *why)
{
	skipped++;
	printf("SKIP %s/%s: %s\n", suite, name, why);
}

bool expect(bool ok, const char *suite, const char *name, const char *what)
{
	if (ok)
		pass();
	else
		fail(suite, name, "%s", what);
	return ok;
}

bool expect_u64(uint64_t got, uint64_t want, const char *suite,
		const char *name, const char *field)
{
	if (got == want) {
		pass();
		return true;
	}
	fail(suite, name, "%s is 0x%llx, want 0x%llx", field,
	     (unsigned long long)got, (unsigned long long)want);
	return false;
}

unsigned int results_print(void)
{
	printf("hosttest: %u passed, %u failed, %u skipped\n", passed, failed,
	       skipped);
	return failed;
}

static const char *errname(int err)
{
	switch (err) {
	case 0:
		return "0";
	case -ENOEXEC:
		return "-ENOEXEC";
	case -EINVAL:
		return "-EINVAL";
	case -EOPNOTSUPP:
		return "-EOPNOTSUPP";
	default:
		return "other";
	}
}

void run_truncations(const char *suite, parse_fn parse,
		     const struct buf *base, size_t max_len,
		     size_t enoexec_below)
{
	struct kexec_image_info info;
	char name[64];
	size_t len;
	int ret;

	for (len = 0; len <= max_len && len <= base->len; len++) {
		struct buf cut = buf_copy(base, len);
		bool ok;

		ret = parse(cut.data, len, &info);
		buf_free(&cut);
		snprintf(name, sizeof(name), "truncated-to-0x%zx", len);
		if (len < enoexec_below)
			ok = ret == -ENOEXEC;
		else
			ok = ret == 0 || ret == -EINVAL;
		ok = ok && info.error == ret && (!ret || info.reason[0]);
		if (ok)
			pass();
		else
			fail(suite, name, "returned %s (reason: %s)",
			     errname(ret), info.reason);
	}
}
