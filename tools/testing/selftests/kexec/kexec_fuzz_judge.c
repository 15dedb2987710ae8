// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_fuzz: the judge. It reads the kernel log since the last call
 * (judge_kmsg()): a refusal's lines counted, and any report of a checker a
 * finding; and it judges a call's answer (load_and_judge()): an errno of
 * the error contract, exactly one kexec_file or kexec_core line, nothing
 * left loaded. During the allocation failure sweep it notes where fault
 * injection failed an allocation; in the concurrent mode it leaves the OOM
 * killer's report out.
 */
#define _GNU_SOURCE		/* strerrorname_np() */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>		/* LOG_ERR */
#include <termios.h>
#include <unistd.h>

#include "kexec_test_util.h"
#include "kexec_fuzz.h"

int kmsg_fd = -1, initrd_fd = -1;
unsigned long findings;
const char * const cmdline = "console=null kexec-fuzz";

/*
 * Errnos of the error contract (Documentation/admin-guide/kexec-file-images/contract.rst,
 * "The error contract", "Refusals outside the parsers" and each loader's
 * refusals) that these calls can meet:
 *   ENOEXEC       no loader recognises the file
 *   EINVAL        recognised but malformed, or a segment rule broken
 *   EOPNOTSUPP    well formed, not runnable here
 *   EADDRNOTAVAIL no place for a segment
 *   EFBIG         past a cap (the unwrap cap)
 *   ENOMEM        memory ran out
 *   EOVERFLOW     arm: a memory range that ELF32 core headers cannot hold
 * The contract's others cannot be the answer here, so they are findings:
 * EPERM (root, no lockdown), EBUSY (nothing else holds kexec_lock in this
 * guest), EBADF and EFAULT (the fds and command line are valid), and the
 * signature errnos ENODATA, EKEYREJECTED, EBADMSG, ENOKEY (the fuzz kernel
 * has no KEXEC_SIG).
 */
bool errno_in_contract(int err)
{
	switch (err) {
	case ENOEXEC:
	case EINVAL:
	case EOPNOTSUPP:
	case EADDRNOTAVAIL:
	case EFBIG:
	case ENOMEM:
	case EOVERFLOW:
		return true;
	default:
		return false;
	}
}

/* A refusal's line: the loaders' and kexec_file's, or kexec_core's. */
static bool refusal_line(const char *msg)
{
	return !strncmp(msg, "kexec_file", 10) || !strncmp(msg, "kexec_core", 10);
}

/* Reports the kernel must never print. */
static const char * const bad_signs[] = {
	"WARNING:", "BUG:", "KASAN", "UBSAN", "Oops", "Internal error:",
	"Unable to handle kernel", "general protection fault",
	"kernel BUG at", "possible circular locking", "possible recursive locking",
	"inconsistent lock state", "suspicious RCU usage", "lockdep",
	"INFO: task", "blocked for more than", "soft lockup", "hard LOCKUP",
	"kmemleak", "Kernel panic",
};

void report_finding(unsigned long input, const char *fmt, ...)
{
	va_list ap;

	printf("# fuzz-vm: finding %lu: input %lu: ", ++findings, input);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

/* Send what is written before the call: a crash in it keeps the recipe. */
void drain(void)
{
	fflush(stdout);
	if (isatty(STDOUT_FILENO))
		tcdrain(STDOUT_FILENO);
}

/*
 * During the allocation failure sweep, fault injection reports the failure
 * it forces with a stack trace, and the allocators may add their own
 * (warn_alloc()): those are what was asked for, not findings. The frames of
 * the first trace say where the allocation was made.
 */
bool sweeping;
char fault_site[256];

static bool trace_line(const char *msg)
{
	static const char * const starts[] = {
		"FAULT_INJECTION", "name fail", "CPU: ", "Hardware name:",
		"Call Trace:", "Call trace:", "<TASK>", "</TASK>", "Backtrace:",
		"kmemleak: Cannot allocate",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(starts); i++)
		if (!strncmp(msg, starts[i], strlen(starts[i])))
			return true;
	return strstr(msg, "+0x");
}

/* Adds the function of a frame line to fault_site, past the injector's own. */
static void note_frame(const char *msg)
{
	static const char * const skip[] = {
		"dump_stack", "__dump_stack", "show_stack", "fail_dump",
		"should_fail", "__should_fail",
	};
	char name[64];
	unsigned int i;
	size_t len;

	msg += strspn(msg, " ");
	if (*msg == '?')
		return;		/* a stale address the unwinder met on the stack */
	len = strcspn(msg, "+ ");
	if (!len || !strstr(msg, "+0x") || len >= sizeof(name) ||
	    strlen(fault_site) + len + 4 >= sizeof(fault_site))
		return;
	memcpy(name, msg, len);
	name[len] = '\0';
	for (i = 0; i < ARRAY_SIZE(skip); i++)
		if (!strncmp(name, skip[i], strlen(skip[i])))
			return;
	if (fault_site[0])
		strcat(fault_site, " < ");
	strcat(fault_site, name);
}

/*
 * Whether a record counts as a line of the refusal: kexec_file's and
 * kexec_core's, and any other error the load made the kernel log (another
 * subsystem's message would be a second line). Fault injection's own
 * reports and the stacks it prints are notices and warnings, not errors.
 */
static bool counted_line(const char *msg, int level)
{
	return refusal_line(msg) || level <= LOG_ERR;
}

/*
 * The concurrent mode's workers hold inputs and loaded kernels at once,
 * and may run the guest out of memory. The OOM killer's report, from
 * "... invoked oom-killer" to "Out of memory: Killed process ...", is no
 * refusal's and its stack is no checker's (run_workers() counts the
 * kills, and wants each killed worker to be the OOM killer's).
 */
bool concurrent;
unsigned long oom_kills;
static bool in_oom_report;

static bool oom_report_line(const char *msg)
{
	if (!concurrent)
		return false;
	if (strstr(msg, " invoked oom-killer: "))
		in_oom_report = true;
	if (!strncmp(msg, "Out of memory: Killed process", 29)) {
		in_oom_report = false;
		oom_kills++;
		return true;
	}
	return in_oom_report;
}

/* Records since the last call: the refusal's lines counted, first one kept. */
int judge_kmsg(unsigned long input, char *first, size_t size)
{
	char msg[2048];
	bool in_fault = false;
	unsigned int i;
	int lines = 0, level;

	first[0] = '\0';
	while (kmsg_next_record(kmsg_fd, msg, sizeof(msg), NULL, &level)) {
		if (oom_report_line(msg))
			continue;
		if (counted_line(msg, level) && !lines++)
			copy_text(first, size, msg);
		if (sweeping && trace_line(msg)) {
			if (!strncmp(msg, "FAULT_INJECTION", 15))
				in_fault = !fault_site[0];
			else if (in_fault)
				note_frame(msg);
			continue;
		}
		for (i = 0; i < ARRAY_SIZE(bad_signs); i++)
			if (strstr(msg, bad_signs[i])) {
				report_finding(input, "the kernel reported: %s", msg);
				break;
			}
	}
	return lines;
}

/* Load @fd as @r says and judge the answer. */
void load_and_judge(unsigned long input, int fd, const struct recipe *r)
{
	unsigned long flags = (r->crash ? KEXEC_FILE_ON_CRASH : 0) |
			      (r->initrd ? 0 : KEXEC_FILE_NO_INITRAMFS);
	const char *loaded = r->crash ? "/sys/kernel/kexec_crash_loaded" :
			     "/sys/kernel/kexec_loaded";
	char line[1024], what[64];
	const char *name;
	long ret;
	int err, lines;

	ret = kexec_file_load(fd, r->initrd ? initrd_fd : -1,
			      r->cmdline ? cmdline : NULL, flags);
	err = errno;
	lines = judge_kmsg(input, line, sizeof(line));
	if (!ret) {
		printf("# fuzz-vm: input %lu: loaded\n", input);
		if (kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD |
				    (r->crash ? KEXEC_FILE_ON_CRASH : 0))) {
			snprintf(what, sizeof(what), "%s", strerror(errno));
			report_finding(input, "loaded, but the unload failed: %s",
				       what);
		}
		judge_kmsg(input, line, sizeof(line));
		return;
	}
	name = strerrorname_np(err) ? strerrorname_np(err) : "?";
	printf("# fuzz-vm: input %lu: %s: %s\n", input, name, line);
	if (!errno_in_contract(err))
		report_finding(input, "refused with %s, an errno outside the contract",
			       name);
	if (lines != 1)
		report_finding(input, "refused %s with %d kexec_file/kexec_core lines%s",
			       name, lines, lines ? " (the first shown above)" : "");
	if (read_long(loaded) != 0)
		report_finding(input, "refused, but %s is not 0", loaded);
}
