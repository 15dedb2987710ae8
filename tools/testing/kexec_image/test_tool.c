// SPDX-License-Identifier: GPL-2.0
/*
 * kexec-image-info, run as a user would: its JSON on rebuilt samples and
 * synthetic files, its exit status on bad input and bad usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "harness.h"

#define S "tool"
#define OUT_MAX 8192

struct tool_case {
	const char *name;
	const char *args;	/* after the tool's path; %s is the workdir */
	int status;
	const char *want[8];	/* substrings of the output */
};

static const struct tool_case cases[] = {
	{ "debian-x86_64", "--json %s/debian-x86_64", 0,
	  { "\"format\":\"x86-bzimage\"", "\"protocol\":\"2.15\"",
	    "\"relocatable\":true", "\"kernel_alignment\":2097152",
	    "\"pref_address\":16777216", "\"init_size\":58646528",
	    "\"payload_offset\":716", "\"payload_length\":11838000" } },
	{ "debian-arm64", "--json %s/debian-arm64", 0,
	  { "\"format\":\"arm64-image\"", "\"endian\":\"le\"",
	    "\"text_offset\":0,", "\"image_size\":33619968",
	    "\"page_size\":4096", "\"phys_placement\":\"anywhere\"",
	    "\"load_align\":2097152" } },
	{ "debian-arm", "--json %s/debian-arm", 0,
	  { "\"format\":\"arm-zimage\"", "\"endian\":\"le\"",
	    "\"zimage_start\":0,", "\"zimage_end\":5448192",
	    "\"decompressed_size\":20582580", "\"image_size\":20968840",
	    "\"text_offset\":2129920" } },
	{ "zimage-notes", "--json %s/zimage-notes", 0,
	  { "\"notes\":[{\"name\":\"Linux\",\"type\":1,\"desc\":\"12345678\"}",
	    "{\"name\":\"Xen\",\"type\":16,\"desc\":\"6162636465\"}]",
	    "\"decompressed_size\":4194304", "\"image_size\":4259840" } },
	{ "zboot", "--json %s/zboot", 0,
	  { "\"format\":\"efi-zboot\"", "\"payload_offset\":256",
	    "\"payload_length\":28", "\"compression\":\"gzip\"",
	    "\"decompressed_size\":1193046" } },
	{ "gzip", "--json %s/member.gz", 0,
	  { "\"format\":\"gzip\",\"payload_offset\":28,\"payload_length\":2,",
	    "\"compression\":\"gzip\",\"decompressed_size\":4096}" } },
	{ "gzip-human", "%s/member.gz", 0, { "member.gz: gzip\n" } },
	{ "broken-arm64", "--json %s/broken-arm64", 1,
	  { "\"format\":\"arm64-image\"", "\"errno\":\"EINVAL\"",
	    "\"reason\":\"image_size 0: a pre-3.17 Image" } },
	{ "unknown", "--json %s/zeros", 1,
	  { "\"format\":\"unknown\"", "\"errno\":\"ENOEXEC\"" } },
	{ "empty-file", "--json %s/empty", 1, { "\"format\":\"unknown\"" } },
	{ "missing-file", "--json %s/does-not-exist", 2,
	  { "\"errno\":\"ENOENT\"" } },
	{ "directory", "%s", 2, { "Is a directory" } },
	{ "no-args", "", 2, {} },
	{ "only-json", "--json", 2, {} },
	{ "two-files", "--json %s/zboot %s/zeros", 1,
	  { "efi-zboot\"", "}\n{\"file\":", "\"format\":\"unknown\"" } },
	{ "human", "%s/debian-x86_64", 0,
	  { "x86-bzimage, little-endian", "protocol       2.15" } },
	{ "human-rejected", "%s/broken-arm64", 1,
	  { "rejected, arm64-image (EINVAL): image_size 0" } },
	{ "file-name-escaped", "--json %s/quote\\\"name", 1,
	  { "\"file\":\"", "quote\\\"name\"" } },
};

static bool write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	bool ok;

	if (!f)
		return false;
	ok = fwrite(data, 1, len, f) == len;
	return fclose(f) == 0 && ok;
}

static bool make_inputs(const char *dir)
{
	static const char *const samples[] = {
		"debian-x86_64", "debian-arm64", "debian-arm",
	};
	struct buf zi = make_zimage(false), zb = make_zboot("gzip");
	struct buf a = make_arm64(), zero = buf_new(4096);
	char path[4096];
	uint8_t gz[64];
	bool ok = true;
	size_t i;

	/* a missing sample fails its own case below, not all of them */
	for (i = 0; i < ARRAY_SIZE(samples); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, samples[i]);
		sample_write(samples[i], path);
	}
	put_le(a.data + 0x10, 8, 0);
	snprintf(path, sizeof(path), "%s/zimage-notes", dir);
	ok &= write_file(path, zi.data, zi.len);
	snprintf(path, sizeof(path), "%s/zboot", dir);
	ok &= write_file(path, zb.data, zb.len);
	snprintf(path, sizeof(path), "%s/broken-arm64", dir);
	ok &= write_file(path, a.data, a.len);
	snprintf(path, sizeof(path), "%s/member.gz", dir);
	ok &= write_file(path, gz, make_gzip(gz, 0x1f, 4096));
	snprintf(path, sizeof(path), "%s/zeros", dir);
	ok &= write_file(path, zero.data, zero.len);
	snprintf(path, sizeof(path), "%s/quote\"name", dir);
	ok &= write_file(path, zero.data, zero.len);
	snprintf(path, sizeof(path), "%s/empty", dir);
	ok &= write_file(path, zero.data, 0);
	buf_free(&zi);
	buf_free(&zb);
	buf_free(&a);
	buf_free(&zero);
	return ok;
}

static void run_tool_case(const char *tool, const char *dir,
			  const struct tool_case *c)
{
	char cmd[8192], args[4096], out[OUT_MAX + 1];
	size_t n = 0, i;
	int status;
	FILE *p;

	snprintf(args, sizeof(args), c->args, dir, dir);
	snprintf(cmd, sizeof(cmd), "'%s' %s 2>&1", tool, args);
	p = popen(cmd, "r");
	if (!p) {
		fail(S, c->name, "cannot run %s", tool);
		return;
	}
	n = fread(out, 1, OUT_MAX, p);
	out[n] = 0;
	status = pclose(p);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != c->status) {
		fail(S, c->name, "exit status 0x%x, want %d; output: %s",
		     status, c->status, out);
		return;
	}
	for (i = 0; i < 8 && c->want[i]; i++) {
		if (!strstr(out, c->want[i])) {
			fail(S, c->name, "output lacks %s: %s", c->want[i],
			     out);
			return;
		}
	}
	pass();
}

void test_tool(const char *tool, const char *dir)
{
	size_t i;

	if (!expect(make_inputs(dir), S, "inputs", "cannot write inputs"))
		return;
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		run_tool_case(tool, dir, &cases[i]);
}
