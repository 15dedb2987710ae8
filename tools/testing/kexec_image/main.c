// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests for kernel/kexec_image.c, built from the kernel's own
 * source under ASan and UBSan. Prints one line per failing or skipped case
 * and ends with "hosttest: N passed, N failed, N skipped".
 *
 * Usage: kexec_image_test [--samples DIR] [--tool PATH --workdir DIR]
 *			   [--debian DIR] [--vmlinux FILE]
 *        kexec_image_test --seeds DIR	(write the fuzzers' seed corpus)
 *
 * --debian names a directory of Debian's kernels (DIR/x86_64/vmlinuz
 * for Debian's amd64 bzImage): the tool's cases on whole files run on
 * those there. --vmlinux names an x86-64 vmlinux built from this tree,
 * which the ELF reader must read (a counted skip where none is given).
 */
#include <string.h>

#include "harness.h"

int main(int argc, char **argv)
{
	const char *tool = NULL, *workdir = NULL, *vmlinux = NULL;
	int i;

	for (i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--samples"))
			samples_dir = argv[i + 1];
		else if (!strcmp(argv[i], "--tool"))
			tool = argv[i + 1];
		else if (!strcmp(argv[i], "--workdir"))
			workdir = argv[i + 1];
		else if (!strcmp(argv[i], "--debian"))
			debian_dir = argv[i + 1];
		else if (!strcmp(argv[i], "--vmlinux"))
			vmlinux = argv[i + 1];
		else if (!strcmp(argv[i], "--seeds"))
			return write_seeds(argv[i + 1]) ? 0 : 2;
	}
	test_cases();
	test_arm64();
	test_riscv();
	test_bzimage();
	test_zimage();
	test_notes();
	test_zboot();
	test_gzip();
	test_unwrap();
	test_uki();
	test_elf(vmlinux);
	test_probe();
	if (tool && workdir)
		test_tool(tool, workdir);
	return results_print() ? 1 : 0;
}
