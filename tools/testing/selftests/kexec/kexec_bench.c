// SPDX-License-Identifier: GPL-2.0
/*
 * Time kexec_file_load(2) load/unload pairs of the same image, for
 * "make bench" (tools/testing/kexec-vm/kexec_vm.py bench).
 *
 *   kexec_bench            PAIRS from kt.bench_pairs= on the command line
 *
 * Loads KEXEC_TEST_DIR/kernel with its initrd and command line, as the
 * tests do, twice untimed to warm the page cache, then PAIRS times (default
 * 15) timed. Each pair prints one line the runner reads:
 *
 *   # kexec-bench: pair 3 load_ms 289.512 unload_ms 1.204
 *
 * A failed call prints "# kexec-bench: error ..." and exits 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kexec_test_util.h"

#define WARMUP_PAIRS	2
#define DEFAULT_PAIRS	15
#define MAX_PAIRS	1000

struct bench_input {
	int kernel_fd;
	int initrd_fd;
	char cmdline[1024];
};

static int open_inputs(struct bench_input *in)
{
	char kpath[256], ipath[256], cpath[256];

	in->kernel_fd = open(test_input("KEXEC_TEST_KERNEL", "kernel", kpath,
					sizeof(kpath)), O_RDONLY | O_CLOEXEC);
	in->initrd_fd = open(test_input("KEXEC_TEST_INITRD", "initrd", ipath,
					sizeof(ipath)), O_RDONLY | O_CLOEXEC);
	if (in->kernel_fd < 0 || in->initrd_fd < 0) {
		printf("# kexec-bench: error: cannot open %s or %s\n", kpath,
		       ipath);
		return -1;
	}
	if (read_text(test_input("KEXEC_TEST_CMDLINE", "cmdline", cpath,
				 sizeof(cpath)), in->cmdline,
		      sizeof(in->cmdline)) < 0)
		snprintf(in->cmdline, sizeof(in->cmdline), "console=ttyS0");
	return 0;
}

/* One load/unload pair; the times of each call in ms. */
static int pair(const struct bench_input *in, double *load_ms,
		double *unload_ms)
{
	double t0 = now_ms(), t1;

	if (kexec_file_load(in->kernel_fd, in->initrd_fd, in->cmdline, 0)) {
		printf("# kexec-bench: error: load: %s\n", strerror(errno));
		return -1;
	}
	t1 = now_ms();
	if (kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD)) {
		printf("# kexec-bench: error: unload: %s\n", strerror(errno));
		return -1;
	}
	*load_ms = t1 - t0;
	*unload_ms = now_ms() - t1;
	return 0;
}

int main(void)
{
	int pairs = DEFAULT_PAIRS;
	struct bench_input in;
	double load, unload;
	char value[16];
	int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!kernel_param("kt.bench_pairs", value, sizeof(value)))
		pairs = atoi(value);
	if (pairs < 1 || pairs > MAX_PAIRS) {
		printf("# kexec-bench: error: PAIRS must be 1..%d\n", MAX_PAIRS);
		return 1;
	}
	if (open_inputs(&in))
		return 1;
	for (i = 0; i < WARMUP_PAIRS; i++)
		if (pair(&in, &load, &unload))
			return 1;
	for (i = 0; i < pairs; i++) {
		if (pair(&in, &load, &unload))
			return 1;
		printf("# kexec-bench: pair %d load_ms %.3f unload_ms %.3f\n",
		       i + 1, load, unload);
	}
	return 0;
}
