// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_fuzz: a fuzzer of the real kexec_file_load(2), run in the guest by
 * "make fuzz-vm" (tools/testing/kexec-vm/kexec_vm.py fuzz-vm) on a kernel
 * with KASAN, lockdep and the lockup detectors, booted with panic_on_warn=1.
 *
 * Every input is a recipe: a seed file of KEXEC_FUZZ_SEEDS and a list of
 * mutations that know the formats (include/linux/kexec_image.h), then how
 * it is loaded. One line per recipe, with tokens separated by spaces:
 *
 *   seed=NAME ops=OP[;OP...] load=[c][i][l]
 *
 *   s:OFF:W:VAL   set the W-byte (1, 2, 4, 8) little-endian word at OFF
 *   x:OFF:MASK    xor the byte at OFF with MASK
 *   t:LEN         cut the file to LEN bytes
 *   gz            wrap the file in a gzip member of stored deflate blocks
 *   zb:METHOD     wrap it in an EFI zboot header (payload at 0x80):
 *                 gzip (stored blocks), zstd (raw blocks, 4-byte size word
 *                 after the payload), zstd+fcs (the frame states its size
 *                 too), zstd-size (neither states it), zstd+fcs-size (only
 *                 the frame states it)
 *   -             no mutation
 *
 * OFF is a number, or -N for N bytes back from the end of the file as it
 * is when the op runs; an op outside the file does nothing. load= says
 * KEXEC_FILE_ON_CRASH (c), an initrd (i) and a command line (l).
 *
 *   kexec_fuzz                      the campaign, from /proc/cmdline:
 *                                   kt.fuzz.seed=S kt.fuzz.inputs=N
 *                                   kt.fuzz.seconds=T kt.fuzz.cap_mb=M
 *                                   [kt.fuzz.workers=W
 *                                   [kt.fuzz.concurrent=C]]: the first C
 *                                   inputs (all without C) loaded by W
 *                                   processes at once (run_workers())
 *   kexec_fuzz --materialize RECIPE SEEDDIR OUT
 *                                   on the host: write the input RECIPE
 *                                   names, from the same seed files
 *   kexec_fuzz --list SEEDDIR SEED N
 *                                   the first N recipes of a campaign
 *   kexec_fuzz --selftest SEEDDIR SEED N
 *                                   the guest's in-place edits of a seed
 *                                   give what --materialize writes
 *
 * With kt.fuzz.repro=LOAD the guest loads KEXEC_FUZZ_REPRO as it is, with
 * those load flags, and judges that one call (make fuzz-vm-repro).
 *
 * Before each call the campaign prints "# fuzz-vm: input I: RECIPE" and
 * waits for the console to send it, so that a crash in the call leaves the
 * recipe in the log. The kernel's answer is then judged: a success is
 * unloaded with the same flag; a refusal must carry an errno of the error
 * contract (Documentation/admin-guide/kexec-file-images/contract.rst) and exactly
 * one kernel log line, starting with "kexec_file" (or "kexec_core", for the
 * checks kexec_load(2) shares), and no error of any other subsystem beside
 * it; no log record may be a
 * WARN, BUG, KASAN, UBSAN, lockdep, lockup or hung-task report. Anything
 * else prints "# fuzz-vm: finding N: input I: WHAT". At the end every
 * allocation of one small load fails in turn, normal and crash, then every
 * allocation under a function one failure cannot refuse, each judged the
 * same way (alloc_failures_result(), on a kernel with
 * CONFIG_FAULT_INJECTION), kmemleak is scanned, our own kernel must still
 * load, and the program prints "# fuzz-vm: N inputs, N findings" and its
 * KTAP results.
 *
 * This file holds main(), the campaign, the repro and the host's --list
 * and --selftest; kexec_fuzz.h lists the other files and who calls whom.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#include "kexec_test_util.h"
#include "kexec_fuzz.h"

/* Size of the "Crash kernel" range of /proc/iomem, 0 when there is none. */
static uint64_t crash_region(void)
{
	unsigned long long start, end;
	char line[256];
	uint64_t size = 0;
	FILE *f = fopen("/proc/iomem", "re");

	while (f && fgets(line, sizeof(line), f))
		if (strstr(line, ": Crash kernel") &&
		    sscanf(line, " %llx-%llx", &start, &end) == 2)
			size = end - start + 1;
	if (f)
		fclose(f);
	return size;
}

static unsigned long param(const char *key, unsigned long def)
{
	char val[32];

	if (kernel_param(key, val, sizeof(val)))
		return def;
	return strtoul(val, NULL, 0);
}

/* KTAP result 3: what kmemleak finds once the campaign is over. */
static void kmemleak_result(void)
{
	char report[4096], *line, *p;
	int n = 0;

	if (access(KMEMLEAK, R_OK)) {
		printf("ok 3 kmemleak # SKIP no %s: kernel without CONFIG_DEBUG_KMEMLEAK\n",
		       KMEMLEAK);
		return;
	}
	sleep(6);	/* kmemleak reports objects older than 5 s */
	if (kmemleak_command("scan") || kmemleak_command("scan")) {
		printf("not ok 3 kmemleak # scan failed: %s\n", strerror(errno));
		return;
	}
	if (read_text(KMEMLEAK, report, sizeof(report)) > 0) {
		report_finding(0, "kmemleak reports unreferenced objects");
		p = report;
		while ((line = strsep(&p, "\n")) && n++ < 24)
			printf("# %s\n", line);
		printf("not ok 3 kmemleak\n");
		return;
	}
	printf("ok 3 kmemleak\n");
}

/* KTAP result 4: our own kernel loads after the campaign, then unloads. */
static void valid_load_result(void)
{
	int fd = open(KEXEC_TEST_DIR "/kernel", O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		report_finding(0, "no %s/kernel for the load after the campaign",
			       KEXEC_TEST_DIR);
		printf("not ok 4 valid_load_after # no %s/kernel\n", KEXEC_TEST_DIR);
		return;
	}
	if (kexec_file_load(fd, initrd_fd, cmdline, 0)) {
		report_finding(0, "our kernel does not load after the campaign: %s",
			       strerror(errno));
		printf("not ok 4 valid_load_after # kexec_file_load: %s\n",
		       strerror(errno));
	} else if (kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD)) {
		report_finding(0, "our kernel's unload after the campaign failed: %s",
			       strerror(errno));
		printf("not ok 4 valid_load_after # unload: %s\n", strerror(errno));
	} else {
		printf("ok 4 valid_load_after\n");
	}
	close(fd);
}

/* make fuzz-vm-repro: one file, loaded as kt.fuzz.repro= says. */
static int run_repro(const char *load)
{
	char text[64];
	struct recipe r;
	int fd;

	snprintf(text, sizeof(text), "seed=repro load=%s", load);
	recipe_parse(text, &r);
	printf("TAP version 13\n1..1\n");
	fd = open(KEXEC_FUZZ_REPRO, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		printf("not ok 1 repro # no %s\n", KEXEC_FUZZ_REPRO);
		return 1;
	}
	printf("# fuzz-vm: input 1: %s\n", text);
	drain();
	load_and_judge(1, fd, &r);
	close(fd);
	printf("# fuzz-vm: 1 inputs, %lu findings\n", findings);
	printf("%s 1 repro\n", findings ? "not ok" : "ok");
	return findings ? 1 : 0;
}

static int run_campaign(void)
{
	unsigned long seed = param("kt.fuzz.seed", 1);
	unsigned long inputs = param("kt.fuzz.inputs", 0);
	unsigned long seconds = param("kt.fuzz.seconds", 0);
	unsigned long workers = param("kt.fuzz.workers", 1);
	unsigned long concurrent = param("kt.fuzz.concurrent", 0);
	unsigned long i, start = 0, loads = 0;
	char text[RECIPE_LEN];
	double t0 = now_ms(), end;
	struct recipe r;
	struct seed *s;
	size_t vlen;
	bool scratch, crash_ok;
	int fd;

	cap_bytes = param("kt.fuzz.cap_mb", 64) * MIB;
	crash_bytes = crash_region();
	crash_ok = read_long("/sys/kernel/kexec_crash_size") > 0;
	if (!inputs && !seconds)
		inputs = 300;
	end = seconds ? t0 + seconds * 1e3 : 0;

	printf("TAP version 13\n1..4\n");
	if (load_seeds(KEXEC_FUZZ_SEEDS) <= 0) {
		printf("not ok 1 campaign # no seed files in %s\n", KEXEC_FUZZ_SEEDS);
		printf("ok 2 alloc_failures # SKIP no campaign\n");
		printf("ok 3 kmemleak # SKIP no campaign\n");
		printf("ok 4 valid_load_after # SKIP no campaign\n");
		return 1;
	}
	printf("# fuzz-vm: seed %lu, %d seed files, RAM 0x%llx, crash 0x%llx, cap %llu MiB\n",
	       seed, nseeds, (unsigned long long)ram_bytes,
	       (unsigned long long)crash_bytes,
	       (unsigned long long)(cap_bytes / MIB));
	if (workers > MAX_WORKERS)
		workers = MAX_WORKERS;
	/*
	 * The first kt.fuzz.concurrent inputs (all of them without it) go
	 * to the workers; the rest are loaded one at a time.
	 */
	if (workers > 1) {
		start = concurrent && (!inputs || concurrent < inputs) ?
			concurrent : inputs;
		loads = run_workers(workers, seed, start, end, crash_ok);
		if (!start) {
			start = loads;
			inputs = loads;
		}
	}
	for (i = start; !inputs || i < inputs; i++) {
		if (end && now_ms() >= end)
			break;
		generate(seed, i, &r, crash_ok, initrd_fd >= 0);
		recipe_format(&r, text, sizeof(text));
		s = find_seed(r.seed);
		if (seed_fd(s)) {
			report_finding(i + 1, "cannot make the seed's memfd: %s",
				       strerror(errno));
			break;
		}
		fd = input_fd(s, &r, false, &scratch, &vlen);
		if (fd < 0) {
			report_finding(i + 1, "cannot make the input: %s",
				       strerror(errno));
			break;
		}
		printf("# fuzz-vm: input %lu: %s\n", i + 1, text);
		drain();
		load_and_judge(i + 1, fd, &r);
		loads++;
		if (scratch)
			close(fd);
		else if (restore_in_place(s, vlen))
			report_finding(i + 1, "cannot restore the seed's memfd: %s",
				       strerror(errno));
	}
	printf("# fuzz-vm: %lu inputs in %.1f s, %.2f inputs/s\n", loads,
	       (now_ms() - t0) / 1e3, loads / ((now_ms() - t0) / 1e3));
	printf("%s 1 campaign\n", findings ? "not ok" : "ok");
	alloc_failures_result(crash_ok);
	kmemleak_result();
	valid_load_result();
	printf("# fuzz-vm: %lu inputs, %lu findings\n", loads, findings);
	return findings ? 1 : 0;
}

/*
 * --list SEEDDIR SEED N: the first N recipes of a campaign on the host,
 * with a machine of 768 MiB, a 160 MiB crash region and a 64 MiB cap.
 */
static int run_list(const char *dir, const char *seed, const char *count)
{
	unsigned long i, n = strtoul(count, NULL, 0);
	char text[RECIPE_LEN];
	struct recipe r;

	ram_bytes = 768 * MIB;
	crash_bytes = 160 * MIB;
	cap_bytes = 64 * MIB;
	if (load_seeds(dir) <= 0) {
		fprintf(stderr, "kexec_fuzz: no seed files in %s\n", dir);
		return 1;
	}
	for (i = 0; i < n; i++) {
		generate(strtoul(seed, NULL, 0), i, &r, true, true);
		recipe_format(&r, text, sizeof(text));
		printf("%s\n", text);
	}
	return 0;
}

/* Whether @fd holds exactly @b. */
static bool fd_holds(int fd, const struct buf *b)
{
	unsigned char chunk[65536];
	size_t at = 0;
	ssize_t n;

	while ((n = pread(fd, chunk, sizeof(chunk), at)) > 0) {
		if (at + n > b->len || memcmp(chunk, b->p + at, n))
			return false;
		at += n;
	}
	return !n && at == b->len;
}

/*
 * --selftest SEEDDIR SEED N: the in-place edits of the guest's fast path
 * give the bytes of the whole-copy path, and restoring gives the seed back.
 */
static int run_selftest(const char *dir, const char *seed, const char *count)
{
	unsigned long i, n = strtoul(count, NULL, 0), bad = 0, fast = 0;
	struct buf b = { 0 }, orig = { 0 };
	struct recipe r;
	struct seed *s;
	bool scratch;
	size_t vlen;
	int fd;

	ram_bytes = 768 * MIB;
	crash_bytes = 160 * MIB;
	cap_bytes = 64 * MIB;
	if (load_seeds(dir) <= 0)
		return 1;
	for (i = 0; i < n; i++) {
		generate(strtoul(seed, NULL, 0), i, &r, true, true);
		s = find_seed(r.seed);
		if (seed_fd(s) || recipe_build(&r, s->data, s->len, &b))
			return 1;
		fd = input_fd(s, &r, false, &scratch, &vlen);
		if (fd < 0)
			return 1;
		fast += !scratch;
		orig.p = s->data;
		orig.len = s->len;
		if (!fd_holds(fd, &b) ||
		    (scratch ? close(fd) : restore_in_place(s, vlen)) ||
		    !fd_holds(s->fd, &orig)) {
			char text[RECIPE_LEN];

			recipe_format(&r, text, sizeof(text));
			printf("mismatch: input %lu: %s\n", i + 1, text);
			bad++;
		}
	}
	printf("kexec_fuzz: %lu recipes, %lu edited in place, %lu mismatches\n",
	       n, fast, bad);
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct sysinfo si;
	char load[8];

	if (argc == 5 && !strcmp(argv[1], "--materialize"))
		return materialize(argv[2], argv[3], argv[4]);
	if (argc == 5 && !strcmp(argv[1], "--list"))
		return run_list(argv[2], argv[3], argv[4]);
	if (argc == 5 && !strcmp(argv[1], "--selftest"))
		return run_selftest(argv[2], argv[3], argv[4]);
	if (argc != 1) {
		fprintf(stderr, "usage: %s [--materialize RECIPE SEEDDIR OUT]\n"
			"       %s --list|--selftest SEEDDIR SEED N\n",
			argv[0], argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!sysinfo(&si))
		ram_bytes = (uint64_t)si.totalram * si.mem_unit;
	kmsg_fd = kmsg_open_at_end();
	initrd_fd = open(KEXEC_TEST_DIR "/initrd", O_RDONLY | O_CLOEXEC);
	if (kmsg_fd < 0) {
		printf("TAP version 13\n1..1\nnot ok 1 campaign # /dev/kmsg: %s\n",
		       strerror(errno));
		return 1;
	}
	if (!kernel_param("kt.fuzz.repro", load, sizeof(load)))
		return run_repro(load);
	return run_campaign();
}
