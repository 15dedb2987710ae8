// SPDX-License-Identifier: GPL-2.0
/*
 * Crash hotplug (CONFIG_CRASH_HOTPLUG): CPUs and memory that come and go
 * while a crash kernel is armed. The kernel rewrites the armed crash
 * kernel's ELF core headers on each event, so the dump covers the memory
 * and the CPUs of the moment of the panic. They run only under the
 * kexec-vm runner, which adds two DIMMs and removes one through QEMU's
 * monitor when stage 1 asks for it (and gives the machine two CPUs: the
 * second goes offline and online, see kexec_vm_lib/hotplug.py):
 *
 *   stage 1  arm_crash_kernel_across_hotplug: arm, ask for the hotplug,
 *            take CPU 1 offline and online, while crash reloads that fail
 *            hold kexec_lock; then panic
 *            arm_crash_kernel_across_cpu_offline: without CRASH_HOTPLUG,
 *            arm, CPU 1 offline, online, offline; then panic
 *   kdump    vmcore_loads_and_cpus: in the crash kernel, the dump's
 *            memory ranges and CPU notes, which the runner compares with
 *            what stage 1 saw
 */
#define _GNU_SOURCE		/* memfd_create() */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../kselftest_harness.h"
#include "kexec_test_util.h"

#define MEMORY_CRASH_HOTPLUG	"/sys/devices/system/memory/crash_hotplug"
#define CPU_CRASH_HOTPLUG	"/sys/devices/system/cpu/crash_hotplug"
#define CRASH_LOADED		"/sys/kernel/kexec_crash_loaded"
#define HOTPLUG_CPU_ONLINE	"/sys/devices/system/cpu/cpu1/online"
/* What crash_handle_hotplug_event() says when a load holds kexec_lock. */
#define MISSED_LINE		"kexec_lock is taken: the crash kernel is updated"
#define MAX_RANGES		64
#define HOTPLUG_WAIT_S		120

struct ram_range {
	uint64_t start, end;
};

/* The top-level "System RAM" ranges of /proc/iomem: their count, or -1. */
static int system_ram(struct ram_range *r, int max)
{
	FILE *f = fopen("/proc/iomem", "r");
	char line[256];
	int n = 0;

	if (!f)
		return -1;
	while (n < max && fgets(line, sizeof(line), f)) {
		if (line[0] == ' ' || !strstr(line, ": System RAM"))
			continue;
		if (sscanf(line, "%" SCNx64 "-%" SCNx64, &r[n].start,
			   &r[n].end) == 2)
			n++;
	}
	fclose(f);
	return n;
}

/* The ranges of @now that @then has not: their count, copied to @out. */
static int ranges_added(const struct ram_range *then, int n_then,
			const struct ram_range *now, int n_now,
			struct ram_range *out)
{
	int i, j, n = 0;

	for (i = 0; i < n_now; i++) {
		for (j = 0; j < n_then; j++)
			if (now[i].start == then[j].start &&
			    now[i].end == then[j].end)
				break;
		if (j == n_then)
			out[n++] = now[i];
	}
	return n;
}

/* Whether /proc/iomem lists @r as System RAM now. */
static int ram_listed(const struct ram_range *r)
{
	struct ram_range now[MAX_RANGES];
	int i, n = system_ram(now, MAX_RANGES);

	for (i = 0; i < n; i++)
		if (now[i].start == r->start && now[i].end == r->end)
			return 1;
	return 0;
}

/* Ask the runner for a hotplug step; it watches the console for this. */
static void ask_runner(const char *step)
{
	printf("# kexec-vm: hotplug %s\n", step);
	fflush(stdout);
}

/* Shared between the test and its reloading child. */
struct reloads {
	unsigned long count;	/* reloads refused so far */
	int stop;		/* set: the child ends after its current one */
};

/*
 * Crash reloads that fail, one after another until @r->stop: the kernel
 * with an initrd larger than the crash region. Each reads that initrd
 * under kexec_lock before placement refuses it, so hotplug events
 * arriving meanwhile find the lock taken; the armed crash kernel stays.
 * A reload that comes while a hotplug event's update holds the lock is
 * refused with EBUSY instead, which the contract allows too.
 */
static pid_t start_failing_reloads(int kernel_fd, const char *cmdline,
				   struct reloads *r)
{
	long crash_size = read_long("/sys/kernel/kexec_crash_size");
	int big = memfd_create("initrd-past-the-crash-region", MFD_CLOEXEC);
	pid_t pid;

	if (big < 0 || crash_size <= 0 ||
	    ftruncate(big, crash_size + (16 << 20)))
		return -1;
	pid = fork();
	if (pid) {
		close(big);
		return pid;
	}
	while (!__atomic_load_n(&r->stop, __ATOMIC_RELAXED)) {
		if (kexec_file_load(kernel_fd, big, cmdline,
				    KEXEC_FILE_ON_CRASH) != -1 ||
		    (errno != EADDRNOTAVAIL && errno != EBUSY))
			_exit(1);
		__atomic_fetch_add(&r->count, 1, __ATOMIC_RELAXED);
	}
	_exit(0);
}

/* Poll @done(@arg) every 100 ms for HOTPLUG_WAIT_S: 0 when it came true. */
static int wait_until(int (*done)(const void *), const void *arg)
{
	int i;

	for (i = 0; i < HOTPLUG_WAIT_S * 10; i++) {
		if (done(arg))
			return 0;
		usleep(100000);
	}
	return -1;
}

struct hotplug_state {
	struct ram_range before[MAX_RANGES], added[MAX_RANGES];
	int n_before, n_added;
};

/* Two DIMMs' memory is online. */
static int dimms_added(const void *arg)
{
	struct hotplug_state *s = (struct hotplug_state *)arg;
	struct ram_range now[MAX_RANGES];
	int n = system_ram(now, MAX_RANGES);

	if (n < 0)
		return 0;
	s->n_added = ranges_added(s->before, s->n_before, now, n, s->added);
	return s->n_added >= 2;
}

static int range_gone(const void *arg)
{
	return !ram_listed(arg);
}

/* How many records since @kmsg was opened hold MISSED_LINE. */
static int missed_events(int kmsg)
{
	char line[512];
	int n = 0;

	while (kmsg_find(kmsg, MISSED_LINE, line, sizeof(line)))
		n++;
	return n;
}

/* Load the runner's kernel, initrd and command line as the crash kernel. */
static int arm_crash_kernel(int *kernel_fd, char *cmdline, size_t size)
{
	int initrd_fd, ret;

	*kernel_fd = open(KEXEC_TEST_DIR "/kernel", O_RDONLY | O_CLOEXEC);
	initrd_fd = open(KEXEC_TEST_DIR "/initrd", O_RDONLY | O_CLOEXEC);
	if (*kernel_fd < 0 || initrd_fd < 0 ||
	    read_text(KEXEC_TEST_DIR "/cmdline", cmdline, size) < 0)
		return -1;
	ret = kexec_file_load(*kernel_fd, initrd_fd, cmdline,
			      KEXEC_FILE_ON_CRASH);
	close(initrd_fd);
	return ret;
}

/* The CPUs online now, for the runner to count the dump's notes by. */
static int print_online_cpus(void)
{
	char cpus[64];

	if (read_text("/sys/devices/system/cpu/online", cpus, sizeof(cpus)) <= 0)
		return -1;
	printf("# kexec-vm: hotplug_cpus %s\n", cpus);
	return 0;
}

/*
 * Arm the crash kernel, then have the runner add two DIMMs and remove the
 * second, and take CPU 1 offline and online, while crash reloads that fail
 * keep kexec_lock
 * taken most of the time. The events that find the lock taken are applied
 * when the reload ends (patches/0040's crash_hotplug_redo()); the kernel
 * kept armed must then describe the memory and CPUs of the moment.
 * Prints what the crash kernel's dump must show, then panics.
 */
FIXTURE(hotplug) {
};

FIXTURE_SETUP(hotplug)
{
}

FIXTURE_TEARDOWN(hotplug)
{
}

/* The hotplug steps take QEMU and the guest's ACPI a while under TCG. */
TEST_F_TIMEOUT(hotplug, arm_crash_kernel_across_hotplug, 3 * HOTPLUG_WAIT_S)
{
	static struct hotplug_state s;
	struct reloads *r;
	char cmdline[2048];
	int kernel_fd, kmsg, status;
	pid_t pid;

	if (access(MEMORY_CRASH_HOTPLUG, F_OK))
		SKIP(return, "no %s: a kernel without CRASH_HOTPLUG",
		     MEMORY_CRASH_HOTPLUG);
	if (access(HOTPLUG_CPU_ONLINE, F_OK))
		SKIP(return, "no %s: one CPU, or none can go offline",
		     HOTPLUG_CPU_ONLINE);
	if (read_long("/sys/kernel/kexec_crash_size") <= 0)
		SKIP(return, "no crashkernel= reservation on this boot");
	ASSERT_EQ(0, arm_crash_kernel(&kernel_fd, cmdline, sizeof(cmdline)))
		TH_LOG("loading the crash kernel: %s", strerror(errno));
	/* The loader let the kernel rewrite the headers on hotplug. */
	ASSERT_EQ(1, read_long(MEMORY_CRASH_HOTPLUG));
	ASSERT_EQ(1, read_long(CPU_CRASH_HOTPLUG));
	s.n_before = system_ram(s.before, MAX_RANGES);
	ASSERT_LT(0, s.n_before);

	r = mmap(NULL, sizeof(*r), PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(r != MAP_FAILED);
	kmsg = kmsg_open_at_end();
	ASSERT_LE(0, kmsg);
	pid = start_failing_reloads(kernel_fd, "console=none", r);
	ASSERT_LT(0, pid);
	while (!__atomic_load_n(&r->count, __ATOMIC_RELAXED))
		usleep(10000);

	ask_runner("add");
	ASSERT_EQ(0, wait_until(dimms_added, &s))
		TH_LOG("no two new System RAM ranges after %d s", HOTPLUG_WAIT_S);
	ASSERT_EQ(0, write_file_text(HOTPLUG_CPU_ONLINE, "0"))
		TH_LOG("taking CPU 1 offline: %s", strerror(errno));
	ASSERT_EQ(0, write_file_text(HOTPLUG_CPU_ONLINE, "1"))
		TH_LOG("bringing CPU 1 online: %s", strerror(errno));
	ask_runner("remove");
	ASSERT_EQ(0, wait_until(range_gone, &s.added[1]))
		TH_LOG("0x%" PRIx64 "-0x%" PRIx64 " still System RAM after %d s",
		       s.added[1].start, s.added[1].end, HOTPLUG_WAIT_S);

	__atomic_store_n(&r->stop, 1, __ATOMIC_RELAXED);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status) && !WEXITSTATUS(status))
		TH_LOG("a crash reload was not refused with EADDRNOTAVAIL or EBUSY");
	printf("# kexec-vm: hotplug_missed %d events during %lu failed reloads\n",
	       missed_events(kmsg), r->count);
	close(kmsg);
	ASSERT_EQ(1, read_long(CRASH_LOADED))
		TH_LOG("the failed reloads disarmed the crash kernel");
	ASSERT_EQ(0, print_online_cpus());
	printf("# kexec-vm: hotplug_ram added 0x%" PRIx64 "-0x%" PRIx64
	       " removed 0x%" PRIx64 "-0x%" PRIx64 "\n",
	       s.added[0].start, s.added[0].end, s.added[1].start,
	       s.added[1].end);
	close(kernel_fd);
	ASSERT_EQ(0, arm_action("panic"));
}

/*
 * Without CRASH_HOTPLUG (arm64 and arm in 6.12): arm the crash kernel
 * with two CPUs online, take CPU 1 offline, online and offline again.
 * The armed kernel's headers were built for every possible CPU and stay
 * as they are; the dump keeps the note of each CPU that saved its
 * registers at the panic, the one online then.
 */
TEST_F_TIMEOUT(hotplug, arm_crash_kernel_across_cpu_offline, HOTPLUG_WAIT_S)
{
	char cmdline[2048];
	int kernel_fd;

	if (access(HOTPLUG_CPU_ONLINE, F_OK))
		SKIP(return, "no %s: one CPU, or none can go offline",
		     HOTPLUG_CPU_ONLINE);
	if (read_long("/sys/kernel/kexec_crash_size") <= 0)
		SKIP(return, "no crashkernel= reservation on this boot");
	ASSERT_EQ(0, arm_crash_kernel(&kernel_fd, cmdline, sizeof(cmdline)))
		TH_LOG("loading the crash kernel: %s", strerror(errno));
	ASSERT_EQ(0, write_file_text(HOTPLUG_CPU_ONLINE, "0"))
		TH_LOG("taking CPU 1 offline: %s", strerror(errno));
	ASSERT_EQ(0, write_file_text(HOTPLUG_CPU_ONLINE, "1"))
		TH_LOG("bringing CPU 1 online: %s", strerror(errno));
	ASSERT_EQ(0, write_file_text(HOTPLUG_CPU_ONLINE, "0"))
		TH_LOG("taking CPU 1 offline again: %s", strerror(errno));
	ASSERT_EQ(1, read_long(CRASH_LOADED));
	ASSERT_EQ(0, print_online_cpus());
	close(kernel_fd);
	ASSERT_EQ(0, arm_action("panic"));
}

/* The NT_PRSTATUS notes in the PT_NOTE at @off, @len bytes long. */
static int prstatus_notes(int fd, uint64_t off, uint64_t len)
{
	uint64_t pos = 0;
	uint32_t nh[3];
	int n = 0;

	/* Elf32_Nhdr and Elf64_Nhdr alike: three 4-byte words, name, descriptor. */
	while (pos + sizeof(nh) <= len &&
	       pread(fd, nh, sizeof(nh), off + pos) == sizeof(nh)) {
		if (nh[2] == NT_PRSTATUS)
			n++;
		pos += sizeof(nh) + ((nh[0] + 3ULL) & ~3ULL) +
		       ((nh[1] + 3ULL) & ~3ULL);
	}
	return n;
}

/* One program header of either class, as 64-bit values. */
struct phdr {
	uint32_t type;
	uint64_t offset, paddr, filesz, memsz;
};

static int read_phdr(int fd, const unsigned char *ident, uint64_t phoff,
		     unsigned int i, struct phdr *p)
{
	if (ident[EI_CLASS] == ELFCLASS64) {
		Elf64_Phdr ph;

		if (pread(fd, &ph, sizeof(ph), phoff + (uint64_t)i * sizeof(ph)) !=
		    (ssize_t)sizeof(ph))
			return -1;
		*p = (struct phdr){ ph.p_type, ph.p_offset, ph.p_paddr,
				    ph.p_filesz, ph.p_memsz };
	} else {
		Elf32_Phdr ph;

		if (pread(fd, &ph, sizeof(ph), phoff + (uint64_t)i * sizeof(ph)) !=
		    (ssize_t)sizeof(ph))
			return -1;
		*p = (struct phdr){ ph.p_type, ph.p_offset, ph.p_paddr,
				    ph.p_filesz, ph.p_memsz };
	}
	return 0;
}

/*
 * In the crash kernel: each PT_LOAD's physical range and the CPU notes
 * of the dump, for the runner to hold against what stage 1 printed.
 * The crash kernel's /proc/vmcore keeps a CPU's note only if that CPU
 * saved its registers at the panic, so the notes count the CPUs online.
 */
TEST(vmcore_loads_and_cpus)
{
	char loads[2048] = "";
	union {
		unsigned char ident[EI_NIDENT];
		Elf32_Ehdr e32;
		Elf64_Ehdr e64;
	} eh;
	uint64_t phoff;
	unsigned int i, phnum;
	struct phdr ph;
	size_t used = 0;
	int cpus = 0;
	int fd = open("/proc/vmcore", O_RDONLY | O_CLOEXEC);

	ASSERT_LE(0, fd) TH_LOG("/proc/vmcore: %s", strerror(errno));
	ASSERT_EQ((ssize_t)sizeof(eh), pread(fd, &eh, sizeof(eh), 0));
	phoff = eh.ident[EI_CLASS] == ELFCLASS64 ? eh.e64.e_phoff : eh.e32.e_phoff;
	phnum = eh.ident[EI_CLASS] == ELFCLASS64 ? eh.e64.e_phnum : eh.e32.e_phnum;
	for (i = 0; i < phnum; i++) {
		ASSERT_EQ(0, read_phdr(fd, eh.ident, phoff, i, &ph));
		if (ph.type == PT_NOTE)
			cpus += prstatus_notes(fd, ph.offset, ph.filesz);
		if (ph.type != PT_LOAD || used >= sizeof(loads))
			continue;
		used += snprintf(loads + used, sizeof(loads) - used,
				 "%s0x%" PRIx64 "-0x%" PRIx64, used ? "," : "",
				 ph.paddr, ph.paddr + ph.memsz - 1);
	}
	close(fd);
	ASSERT_LT(0, cpus);
	printf("# kexec-vm: vmcore_loads %s\n", loads);
	printf("# kexec-vm: vmcore_cpus %d\n", cpus);
}

TEST_HARNESS_MAIN
