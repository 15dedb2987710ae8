// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_fuzz: the concurrent mode (kt.fuzz.workers=N), which run_workers()
 * runs before the campaign's sequential part.
 */
#define _GNU_SOURCE		/* strerrorname_np() */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kexec_test_util.h"
#include "kexec_fuzz.h"

/*
 * The concurrent mode, kt.fuzz.workers=N with N > 1: N processes share
 * the campaign's inputs (input I goes to worker I mod N) and load them at
 * once, each unloading a normal or a crash kernel now and then, so that
 * loads, reloads, crash loads and unloads meet each other's locks. Whose
 * kernel line is whose cannot be told then, so the judge counts: every
 * refusal must carry an errno of the contract, EBUSY included (another
 * call holds the lock), and the log must hold exactly one refusal line per
 * refusal, and no report of any checker. Each input is built in a memfd
 * of its own, as the seeds' memfds are shared by the workers.
 */
struct worker_counts {
	unsigned long inputs, calls, refusals, busy, findings;
};

static bool conc_call(struct worker_counts *c, unsigned long input, int fd,
		      const struct recipe *r, unsigned long flags)
{
	bool unload = flags & KEXEC_FILE_UNLOAD;
	const char *name;
	long ret;

	ret = kexec_file_load(unload ? -1 : fd,
			      unload || !r->initrd ? -1 : initrd_fd,
			      !unload && r->cmdline ? cmdline : NULL, flags);
	c->calls++;
	if (!ret)
		return true;
	c->refusals++;
	c->busy += errno == EBUSY;
	if (errno != EBUSY && !errno_in_contract(errno)) {
		name = strerrorname_np(errno) ? strerrorname_np(errno) : "?";
		report_finding(input, "%s refused with %s, an errno outside the contract",
			       unload ? "an unload" : "a load", name);
	}
	return false;
}

static void conc_worker(unsigned int w, unsigned int workers,
			unsigned long seed, unsigned long inputs, double end,
			bool crash_ok, struct worker_counts *c)
{
	uint64_t rng = seed * 0x9e3779b97f4a7c15ULL + w + 1;
	char text[RECIPE_LEN];
	unsigned long i, flags;
	struct recipe r;
	struct seed *s;
	bool scratch;
	size_t vlen;
	int fd;

	for (i = w; !inputs || i < inputs; i += workers) {
		if (end && now_ms() >= end)
			break;
		generate(seed, i, &r, crash_ok, initrd_fd >= 0);
		recipe_format(&r, text, sizeof(text));
		s = find_seed(r.seed);
		fd = input_fd(s, &r, true, &scratch, &vlen);
		if (fd < 0) {
			report_finding(i + 1, "cannot make the input: %s",
				       strerror(errno));
			break;
		}
		printf("# fuzz-vm: input %lu: %s\n", i + 1, text);
		flags = (r.crash ? KEXEC_FILE_ON_CRASH : 0) |
			(r.initrd ? 0 : KEXEC_FILE_NO_INITRAMFS);
		conc_call(c, i + 1, fd, &r, flags);
		close(fd);
		c->inputs++;
		switch (rng_below(&rng, 4)) {
		case 0:
			conc_call(c, i + 1, -1, &r, KEXEC_FILE_UNLOAD);
			break;
		case 1:
			conc_call(c, i + 1, -1, &r,
				  KEXEC_FILE_UNLOAD | KEXEC_FILE_ON_CRASH);
			break;
		default:	/* left loaded: the next load replaces it */
			break;
		}
	}
	c->findings = findings;
}

/* Whether a worker runs yet; those killed are counted in @killed. */
static bool workers_running(pid_t *pids, unsigned int n, unsigned long *killed)
{
	unsigned int i, left = 0;
	int status;

	for (i = 0; i < n; i++) {
		if (pids[i] > 0 && waitpid(pids[i], &status, WNOHANG) == pids[i]) {
			pids[i] = 0;
			*killed += WIFSIGNALED(status);
		}
		left += pids[i] > 0;
	}
	return left;
}

/* The concurrent part of a campaign; its input count. */
unsigned long run_workers(unsigned int workers, unsigned long seed,
			  unsigned long inputs, double end, bool crash_ok)
{
	struct worker_counts *c, sum = { 0 };
	pid_t pids[MAX_WORKERS];
	unsigned long lines = 0, killed = 0;
	unsigned int w;
	char first[1024];

	c = mmap(NULL, workers * sizeof(*c), PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (c == MAP_FAILED) {
		report_finding(0, "cannot share the workers' counts: %s",
			       strerror(errno));
		return 0;
	}
	memset(c, 0, workers * sizeof(*c));
	concurrent = true;
	/* Should memory run out, the OOM killer takes a worker, not the judge. */
	write_text("/proc/self/oom_score_adj", "-1000");
	for (w = 0; w < workers; w++) {
		pids[w] = fork();
		if (!pids[w]) {
			write_text("/proc/self/oom_score_adj", "0");
			conc_worker(w, workers, seed, inputs, end, crash_ok, &c[w]);
			fflush(stdout);
			_exit(0);
		}
		if (pids[w] < 0)
			report_finding(0, "cannot start worker %u: %s", w,
				       strerror(errno));
	}
	/* Drain the log while they run, so that it cannot overflow. */
	do {
		usleep(50000);
		lines += judge_kmsg(0, first, sizeof(first));
	} while (workers_running(pids, workers, &killed));
	lines += judge_kmsg(0, first, sizeof(first));
	concurrent = false;
	write_text("/proc/self/oom_score_adj", "0");
	for (w = 0; w < workers; w++) {
		sum.inputs += c[w].inputs;
		sum.calls += c[w].calls;
		sum.refusals += c[w].refusals;
		sum.busy += c[w].busy;
		findings += c[w].findings;
	}
	printf("# fuzz-vm: %u workers: %lu calls, %lu refused (%lu EBUSY), ",
	       workers, sum.calls, sum.refusals, sum.busy);
	printf("%lu refusal lines, %lu workers killed (%lu by the OOM killer)\n",
	       lines, killed, oom_kills);
	/*
	 * A killed worker's call in flight may have logged its line without
	 * the worker counting its refusal; a kill that was not the OOM
	 * killer's is a finding.
	 */
	if (lines < sum.refusals || lines > sum.refusals + killed)
		report_finding(0, "%lu refusals logged %lu kexec_file/kexec_core lines",
			       sum.refusals, lines);
	if (killed > oom_kills)
		report_finding(0, "%lu workers were killed, %lu by the OOM killer",
			       killed, oom_kills);
	kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD);
	kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD | KEXEC_FILE_ON_CRASH);
	judge_kmsg(0, first, sizeof(first));
	munmap(c, workers * sizeof(*c));
	return sum.inputs;
}
