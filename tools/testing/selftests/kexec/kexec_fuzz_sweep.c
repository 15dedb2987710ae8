// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_fuzz: the allocation failure sweep, KTAP result 2. After the
 * campaign, every allocation of one small load fails in turn through
 * fail-nth, normal and crash, then every allocation under a function one
 * failure cannot refuse fails at once (fault injection's stack filter);
 * the judge judges each load as it judges any refusal.
 */
#define _GNU_SOURCE		/* strerrorname_np() */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kexec_test_util.h"
#include "kexec_fuzz.h"

/*
 * The allocation failure sweep. Fault injection fails the Nth allocation
 * of this task from now on (/proc/thread-self/fail-nth), from slab or the
 * page allocator; the knobs below make every allocation count, sleeping
 * and order 0 ones included, and have it print the stack of the
 * allocation it fails, which the findings quote (judge_kmsg()). The load
 * of the seed file that makes the fewest allocations is repeated with
 * N = 1, 2, ... until a load makes fewer than N allocations: each load
 * whose allocation N failed must be refused as any refusal is (an errno
 * of the contract, exactly one kexec_file or kexec_core line, nothing
 * loaded), or succeed if the kernel had a way around that allocation.
 */
#define FAIL_NTH		"/proc/thread-self/fail-nth"
#define SWEEP_MAX		20000
#define SWEEP_FAR		1000000000UL	/* never reached: counts */
#define SWEEP_SEED_MAX		MIB	/* seed files the sweep tries */

static const char * const fault_knobs[][2] = {
	{ "/sys/kernel/debug/failslab/ignore-gfp-wait", "N" },
	{ "/sys/kernel/debug/failslab/verbose", "2" },
	{ "/sys/kernel/debug/fail_page_alloc/ignore-gfp-wait", "N" },
	{ "/sys/kernel/debug/fail_page_alloc/ignore-gfp-highmem", "N" },
	{ "/sys/kernel/debug/fail_page_alloc/min-order", "0" },
	{ "/sys/kernel/debug/fail_page_alloc/verbose", "2" },
};

static int set_fault_knobs(void)
{
	unsigned int i;
	ssize_t len;
	int fd;

	for (i = 0; i < ARRAY_SIZE(fault_knobs); i++) {
		fd = open(fault_knobs[i][0], O_WRONLY | O_CLOEXEC);
		if (fd < 0)
			return -1;
		len = strlen(fault_knobs[i][1]);
		if (write(fd, fault_knobs[i][1], len) != len) {
			close(fd);
			return -1;
		}
		close(fd);
	}
	return 0;
}

/*
 * fail-nth through one fd opened beforehand, by pread and pwrite, which
 * allocate nothing: an open() between the load and the read would count.
 */
static int fail_nth_set(int fd, unsigned long n)
{
	char text[24];
	int len = snprintf(text, sizeof(text), "%lu", n);

	return pwrite(fd, text, len, 0) == len ? 0 : -1;
}

static long fail_nth_left(int fd)
{
	char text[24];
	ssize_t len = pread(fd, text, sizeof(text) - 1, 0);

	if (len <= 0)
		return -1;
	text[len] = '\0';
	return strtol(text, NULL, 10);
}

/*
 * The allocations a load of @s with @flags makes, counted by fault
 * injection with a failure set too far away to be reached; 0 when the
 * load fails without it (or cannot be counted).
 */
static unsigned long count_allocations(int nth, struct seed *s, unsigned long flags)
{
	char line[1024];
	long ret, left;

	if (seed_fd(s) || fail_nth_set(nth, SWEEP_FAR))
		return 0;
	ret = kexec_file_load(s->fd, initrd_fd, cmdline, flags);
	left = fail_nth_left(nth);
	fail_nth_set(nth, 0);
	if (!ret)
		kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD |
				(flags & KEXEC_FILE_ON_CRASH));
	judge_kmsg(0, line, sizeof(line));
	return ret || left <= 0 ? 0 : SWEEP_FAR - left;
}

/*
 * The seed file whose load with @flags, initrd and command line makes the
 * fewest allocations (a small footprint: its segment pages count), among
 * those small enough to be read quickly; its count in @count.
 */
static struct seed *fewest_allocations(int nth, unsigned long flags,
				       enum seed_format only, unsigned long *count)
{
	struct seed *best = NULL;
	unsigned long n;
	int i;

	*count = 0;
	for (i = 0; i < nseeds; i++) {
		if (seeds[i].len > SWEEP_SEED_MAX ||
		    (only != S_RAW && seeds[i].format != only))
			continue;
		n = count_allocations(nth, &seeds[i], flags);
		if (n && (!best || n < *count)) {
			best = &seeds[i];
			*count = n;
		}
	}
	return best;
}

/* Judges the load whose allocation @n failed; whether the sweep goes on. */
static bool judge_failed_allocation(int nth, unsigned long n, const struct seed *s,
				    unsigned long flags, const char *how)
{
	const char *loaded = (flags & KEXEC_FILE_ON_CRASH) ?
			     "/sys/kernel/kexec_crash_loaded" : "/sys/kernel/kexec_loaded";
	char line[1024], after[1024], what[512];
	const char *name;
	long ret, left;
	int err, lines;

	fault_site[0] = '\0';
	if (fail_nth_set(nth, n)) {
		report_finding(0, "cannot write %s: %s", FAIL_NTH, strerror(errno));
		return false;
	}
	ret = kexec_file_load(s->fd, initrd_fd, cmdline, flags);
	err = errno;
	left = fail_nth_left(nth);
	fail_nth_set(nth, 0);
	lines = judge_kmsg(0, line, sizeof(line));
	snprintf(what, sizeof(what), "%s load of %s, allocation %lu failed (%s)", how,
		 s->name, n, fault_site[0] ? fault_site : "no stack");
	if (!ret && kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD |
				    (flags & KEXEC_FILE_ON_CRASH)))
		report_finding(0, "%s: loaded, but the unload failed: %s", what,
			       strerror(errno));
	judge_kmsg(0, after, sizeof(after));
	if (left != 0) {
		/* Fewer than n allocations: nothing failed, the sweep is over. */
		if (ret)
			report_finding(0, "%s load of %s failed with no allocation failed: %s",
				       how, s->name, strerror(err));
		return false;
	}
	if (!ret)
		return true;
	name = strerrorname_np(err) ? strerrorname_np(err) : "?";
	if (!errno_in_contract(err))
		report_finding(0, "%s: %s, an errno outside the contract", what, name);
	if (lines != 1)
		report_finding(0, "%s: refused %s with %d kexec_file/kexec_core lines%s%s",
			       what, name, lines, lines ? ", the first: " : "", line);
	if (read_long(loaded) != 0)
		report_finding(0, "%s: refused, but %s is not 0", what, loaded);
	return true;
}

/*
 * One sweep, of the seed file of format @only (S_RAW: any) that loads
 * with the fewest allocations; the seed file it loaded, or NULL. Without
 * one, a sweep of any format is a finding, one of a given format is not.
 */
static struct seed *sweep(int nth, unsigned long flags, enum seed_format only,
			  const char *how)
{
	unsigned long before = findings, n, count;
	struct seed *s = fewest_allocations(nth, flags, only, &count);

	if (!s && only != S_RAW) {
		printf("# fuzz-vm: alloc_failures: %s load: no seed file of this format loads\n",
		       how);
		return NULL;
	}
	if (!s) {
		report_finding(0, "%s load: no seed file loads as it is", how);
		return NULL;
	}
	printf("# fuzz-vm: alloc_failures: %s load of %s (%zu bytes, %lu allocations)\n",
	       how, s->name, s->len, count);
	drain();
	for (n = 1; n <= SWEEP_MAX; n++)
		if (!judge_failed_allocation(nth, n, s, flags, how))
			break;
	if (n > SWEEP_MAX)
		report_finding(0, "%s load of %s: more than %d allocations", how,
			       s->name, SWEEP_MAX);
	printf("# fuzz-vm: alloc_failures: %s load: %lu allocations failed in turn, %lu findings\n",
	       how, n - 1, findings - before);
	return s;
}

/*
 * Allocations the sweep cannot refuse: kvmalloc() answers its kmalloc()
 * failing with vmalloc(), which absorbs one failure. Fault injection's
 * stack filter fails every allocation made under one function instead, as
 * long as the load lasts; the load must then be refused with the errno
 * and the one line below. of_kexec_alloc_and_setup_fdt() copies this
 * kernel's DT for the next one (arm64 and arm): its failure ends the load
 * at once, whatever the placement loops around it would try next.
 */
struct targeted_failure {
	const char *function;
	int err;
	const char *line;	/* the refusal's line contains it */
};

static const struct targeted_failure targeted[] = {
	{ "of_kexec_alloc_and_setup_fdt", ENOMEM, "device tree" },
};

static const char * const fault_dirs[] = {
	"/sys/kernel/debug/failslab", "/sys/kernel/debug/fail_page_alloc",
};

#define MAKE_IT_FAIL		"/proc/thread-self/make-it-fail"

/* Where @name's text lies in /proc/kallsyms: [*start, *end); -1 if absent. */
static int function_range(const char *name, unsigned long *start,
			  unsigned long *end)
{
	FILE *f = fopen("/proc/kallsyms", "r");
	unsigned long addr;
	char type, sym[256];

	*start = 0;
	*end = ULONG_MAX;
	if (!f)
		return -1;
	while (fscanf(f, "%lx %c %255s%*[^\n]", &addr, &type, sym) == 3)
		if ((type == 't' || type == 'T') && !strcmp(sym, name)) {
			*start = addr;
			break;
		}
	rewind(f);
	while (*start && fscanf(f, "%lx %c %255s%*[^\n]", &addr, &type, sym) == 3)
		if (addr > *start && addr < *end)
			*end = addr;
	fclose(f);
	return *start && *end != ULONG_MAX ? 0 : -1;
}

static int set_probability(const char *value)
{
	char path[128];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(fault_dirs); i++) {
		snprintf(path, sizeof(path), "%s/probability", fault_dirs[i]);
		if (write_text(path, value))
			return -1;
	}
	return 0;
}

/*
 * Every allocation under [start, end) of this task fails, or with @start
 * 0 none does. The probability goes up last and down first: while it is
 * up, every allocation that passes the filters fails, the writes that set
 * them included. The range goes back to all of memory afterwards, since
 * fail-nth counts only the allocations the stack filter lets through.
 */
static int fail_under(unsigned long start, unsigned long end)
{
	static const char * const knobs[][2] = {
		{ "interval", "1" }, { "times", "-1" }, { "space", "0" },
		{ "task-filter", "Y" }, { "stacktrace-depth", "32" },
	};
	char path[128], text[32];
	unsigned int i, k;

	if (!start && (set_probability("0") || write_text(MAKE_IT_FAIL, "0")))
		return -1;
	if (!start)
		end = ULONG_MAX;
	for (i = 0; i < ARRAY_SIZE(fault_dirs); i++) {
		for (k = 0; start && k < ARRAY_SIZE(knobs); k++) {
			snprintf(path, sizeof(path), "%s/%s", fault_dirs[i], knobs[k][0]);
			if (write_text(path, knobs[k][1]))
				return -1;
		}
		snprintf(path, sizeof(path), "%s/require-start", fault_dirs[i]);
		snprintf(text, sizeof(text), "%#lx", start);
		if (write_text(path, text))
			return -1;
		snprintf(path, sizeof(path), "%s/require-end", fault_dirs[i]);
		snprintf(text, sizeof(text), "%#lx", end);
		if (write_text(path, text))
			return -1;
	}
	if (!start)
		return 0;
	if (write_text(MAKE_IT_FAIL, "1"))
		return -1;
	return set_probability("100");
}

/* Loads @s with every allocation under @t->function failing, and judges it. */
static void judge_targeted_failure(const struct targeted_failure *t,
				   struct seed *s, unsigned long flags,
				   const char *how)
{
	const char *loaded = (flags & KEXEC_FILE_ON_CRASH) ?
			     "/sys/kernel/kexec_crash_loaded" : "/sys/kernel/kexec_loaded";
	unsigned long start, end;
	char line[1024], what[256];
	const char *name;
	long ret;
	int err, lines;

	if (function_range(t->function, &start, &end)) {
		printf("# fuzz-vm: alloc_failures: no %s in this kernel's symbols\n",
		       t->function);
		return;
	}
	snprintf(what, sizeof(what), "%s load of %s, every allocation under %s failed",
		 how, s->name, t->function);
	judge_kmsg(0, line, sizeof(line));
	if (fail_under(start, end)) {
		report_finding(0, "%s: cannot set fault injection's stack filter: %s",
			       what, strerror(errno));
		fail_under(0, 0);
		return;
	}
	ret = kexec_file_load(s->fd, initrd_fd, cmdline, flags);
	err = errno;
	fail_under(0, 0);
	lines = judge_kmsg(0, line, sizeof(line));
	name = strerrorname_np(err) ? strerrorname_np(err) : "?";
	printf("# fuzz-vm: alloc_failures: %s: %s%s%s\n", what,
	       ret ? name : "loaded", lines ? ": " : "", line);
	if (!ret) {
		report_finding(0, "%s: loaded", what);
		kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD |
				(flags & KEXEC_FILE_ON_CRASH));
		judge_kmsg(0, line, sizeof(line));
		return;
	}
	if (err != t->err)
		report_finding(0, "%s: refused %s, not %s", what, name,
			       strerrorname_np(t->err));
	if (lines != 1 || !strstr(line, t->line))
		report_finding(0, "%s: refused with %d lines, not one naming \"%s\"%s%s",
			       what, lines, t->line, lines ? "; the first: " : "", line);
	if (read_long(loaded) != 0)
		report_finding(0, "%s: refused, but %s is not 0", what, loaded);
}

static void targeted_failures(struct seed *s, unsigned long flags, const char *how)
{
	unsigned int i;

	for (i = 0; s && i < ARRAY_SIZE(targeted); i++)
		judge_targeted_failure(&targeted[i], s, flags, how);
}

/* KTAP result 2: every allocation of a load failed in turn. */
void alloc_failures_result(bool crash_ok)
{
	unsigned long before = findings;
	int nth;

	if (access(FAIL_NTH, W_OK)) {
		printf("ok 2 alloc_failures # SKIP no %s: kernel without CONFIG_FAULT_INJECTION\n",
		       FAIL_NTH);
		return;
	}
	nth = open(FAIL_NTH, O_RDWR | O_CLOEXEC);
	if (nth < 0 || set_fault_knobs()) {
		printf("not ok 2 alloc_failures # fault injection's knobs: %s\n",
		       strerror(errno));
		report_finding(0, "cannot set up fault injection: %s", strerror(errno));
		return;
	}
	sweeping = true;
	targeted_failures(sweep(nth, 0, S_RAW, "normal"), 0, "normal");
	if (crash_ok)
		targeted_failures(sweep(nth, KEXEC_FILE_ON_CRASH, S_RAW, "crash"),
				  KEXEC_FILE_ON_CRASH, "crash");
	/*
	 * The ELF loader (x86_64) has allocations of its own: the start info,
	 * its memory map, the loader data. An ELF seed file never makes the
	 * fewest allocations of all, so the ELF files get sweeps of their own.
	 */
	sweep(nth, 0, S_ELF, "ELF normal");
	if (crash_ok)
		sweep(nth, KEXEC_FILE_ON_CRASH, S_ELF, "ELF crash");
	sweeping = false;
	close(nth);
	printf("%s 2 alloc_failures\n", findings > before ? "not ok" : "ok");
}
