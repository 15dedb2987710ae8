// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_file_load(2) tests that span a reboot. They run only under the
 * kexec-vm runner (tools/testing/kexec-vm/), whose init executes the kernel
 * these tests load, or crashes into it:
 *
 *   stage 1  exec_loaded_kernel, arm_crash_kernel: load, then arm the action;
 *            arm_crash_kernel_then_fail_reloads: and two reloads fail first;
 *            ..._then_panic_while_unwrapping: a panic during another load;
 *            pvh_refused_while_efi_runs: a refusal, nothing armed;
 *            load_under_memory_pressure: a load while a hog holds most of
 *            RAM, before exec_loaded_kernel
 *   stage 2  next_kernel_*: in the kernel loaded by stage 1, prove it came up
 *            with the command line and initrd that stage 1 gave it
 *   kdump    vmcore_*: in the crash kernel, read the dump of the old one;
 *            vmcore_to_disk: write it to a disk for crash(8) on the host
 */
#define _GNU_SOURCE		/* memfd_create() */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../kselftest_harness.h"
#include "kexec_test_util.h"

struct stage1_inputs {
	int kernel_fd;
	int initrd_fd;
	char cmdline[2048];
};

/*
 * A UKI brings its own initrd and command line: then the runner may give
 * no initrd file (the load says KEXEC_FILE_NO_INITRAMFS) and an empty
 * command line file (the load passes none), as systemctl kexec does.
 */
static int open_stage1_inputs(struct stage1_inputs *in)
{
	in->kernel_fd = open(KEXEC_TEST_DIR "/kernel", O_RDONLY | O_CLOEXEC);
	in->initrd_fd = open(KEXEC_TEST_DIR "/initrd", O_RDONLY | O_CLOEXEC);
	if (in->kernel_fd < 0 || (in->initrd_fd < 0 && errno != ENOENT))
		return -1;
	return read_text(KEXEC_TEST_DIR "/cmdline", in->cmdline,
			 sizeof(in->cmdline)) >= 0 ? 0 : -1;
}

static void close_stage1_inputs(struct stage1_inputs *in)
{
	close(in->kernel_fd);
	if (in->initrd_fd >= 0)
		close(in->initrd_fd);
}

static int load(struct stage1_inputs *in, unsigned long flags)
{
	double t0 = now_ms();
	long ret;

	if (in->initrd_fd < 0)
		flags |= KEXEC_FILE_NO_INITRAMFS;
	ret = kexec_file_load(in->kernel_fd, in->initrd_fd,
			      in->cmdline[0] ? in->cmdline : NULL, flags);
	if (!ret)
		printf("# kexec-vm: load_ms %.1f\n", now_ms() - t0);
	return ret;
}

/*
 * Booted with kt.lockdown=1 (and lockdown=integrity): the lockdown LSM
 * says integrity is in force, so what this boot loads next had to pass
 * the signature check.
 */
TEST(lockdown_in_force)
{
	static const char path[] = "/sys/kernel/security/lockdown";
	char value[8], line[128] = "";
	ssize_t n;
	int fd;

	if (kernel_param("kt.lockdown", value, sizeof(value)) || strcmp(value, "1"))
		SKIP(return, "kt.lockdown=1 not set: this boot is not locked down");
	if (access(path, F_OK))
		mount("securityfs", "/sys/kernel/security", "securityfs", 0, NULL);
	fd = open(path, O_RDONLY);
	ASSERT_LE(0, fd) TH_LOG("%s: %s", path, strerror(errno));
	n = read(fd, line, sizeof(line) - 1);
	close(fd);
	ASSERT_LT(0, n) TH_LOG("%s: %s", path, strerror(errno));
	line[n] = '\0';
	ASSERT_NE(NULL, strstr(line, "[integrity]")) TH_LOG("%s: %s", path, line);
}

/*
 * Locked down, on a kernel without CONFIG_KEXEC_SIG (32-bit ARM has none):
 * nothing can verify the kernel, so a load and a crash load are refused
 * with EPERM and kexec_file's one line, before anything is read, and
 * nothing is loaded. kexec_load(2) is refused the same by lockdown.
 */
TEST(unverifiable_load_refused_under_lockdown)
{
	static const unsigned long flags[] = { 0, KEXEC_FILE_ON_CRASH };
	static const char needle[] = "cannot verify a kernel's signature";
	struct stage1_inputs in;
	int kmsg, lines, err;
	char line[512];
	unsigned int i;

	if (open_stage1_inputs(&in))
		SKIP(return, "not under kexec-vm: no %s inputs", KEXEC_TEST_DIR);
	for (i = 0; i < ARRAY_SIZE(flags); i++) {
		kmsg = kmsg_open_at_end();
		ASSERT_LE(0, kmsg);
		err = load(&in, flags[i]) ? errno : 0;
		lines = kmsg_lines(kmsg, "kexec", line, sizeof(line));
		close(kmsg);
		EXPECT_EQ(EPERM, err)
			TH_LOG("load with flags 0x%lx: %s", flags[i],
			       err ? strerror(err) : "loaded");
		EXPECT_EQ(1, lines) TH_LOG("%d kexec lines, the first \"%s\"", lines, line);
		EXPECT_NE(NULL, strstr(line, needle))
			TH_LOG("the line \"%s\" does not say \"%s\"", line, needle);
	}
	EXPECT_EQ(0, read_long("/sys/kernel/kexec_loaded"));
	EXPECT_NE(1, read_long("/sys/kernel/kexec_crash_loaded"));
	close_stage1_inputs(&in);
}

/*
 * Memory pressure: a process in a memory-limited control group (as
 * systemd runs a service with MemoryMax=) holds all the available
 * memory but half the kernel file's size, and the load comes then; with
 * kt.pressure_headroom=PCT, PCT per cent of its size, which lets the
 * file be read and the pressure meet what comes after (the unwrapped
 * kernel, a UKI's copies, the segment pages). The
 * load gives way (contract.rst): it may succeed in what reclaim finds,
 * or be refused with ENOMEM, exactly one kexec line and nothing loaded,
 * but it must not have the OOM killer take the hog, and neither an
 * allocation failure report nor a warning comes with it.
 * exec_loaded_kernel, after this, loads and boots the same kernel once
 * the hog is gone.
 */
#define CGROUP_ROOT	"/sys/fs/cgroup"
#define HOG_GROUP	CGROUP_ROOT "/kexec-hog"
/* What the hog leaves of MemAvailable: half the kernel file, at least 4 MiB. */
#define HOG_HEADROOM_PCT	50
#define HOG_HEADROOM_MIN_KB	(4 * 1024)

/* A field of /proc/meminfo in kB, or -1. */
static long meminfo_kb(const char *field)
{
	char line[128];
	long kb = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (kb < 0 && fgets(line, sizeof(line), f))
		if (!strncmp(line, field, strlen(field)) && line[strlen(field)] == ':')
			kb = atol(line + strlen(field) + 1);
	fclose(f);
	return kb;
}

/* cgroup2 with the memory controller for its children: 0, or -1 and errno. */
static int memory_cgroup(void)
{
	if (access(CGROUP_ROOT "/cgroup.subtree_control", F_OK) &&
	    mount("cgroup2", CGROUP_ROOT, "cgroup2", 0, NULL))
		return -1;
	if (write_file_text(CGROUP_ROOT "/cgroup.subtree_control", "+memory"))
		return -1;
	return mkdir(HOG_GROUP, 0755) && errno != EEXIST ? -1 : 0;
}

/*
 * The hog: joins HOG_GROUP, then touches memory a MiB at a time until
 * MemAvailable is down to @headroom_kb, says how many MiB it holds on
 * @ready, and waits.
 */
static void hog(long headroom_kb, int ready)
{
	const size_t step = 1 << 20;
	char pid[24];
	unsigned int mib = 0;
	size_t i;
	char *p;

	snprintf(pid, sizeof(pid), "%d", getpid());
	if (write_file_text(HOG_GROUP "/cgroup.procs", pid))
		_exit(2);
	while (meminfo_kb("MemAvailable") > headroom_kb) {
		p = mmap(NULL, step, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			_exit(3);
		for (i = 0; i < step; i += 4096)
			p[i] = 1;
		mib++;
	}
	if (write(ready, &mib, sizeof(mib)) != sizeof(mib))
		_exit(4);
	for (;;)
		pause();
}

struct pressure_log {
	int kexec_lines;
	char kexec_line[512];
	char bad[512];		/* an allocation failure report or a warning */
};

static void read_pressure_log(int kmsg, struct pressure_log *l)
{
	char msg[2048];

	memset(l, 0, sizeof(*l));
	while (kmsg_next(kmsg, msg, sizeof(msg))) {
		if (!strncmp(msg, "kexec", 5) && !l->kexec_lines++)
			copy_text(l->kexec_line, sizeof(l->kexec_line), msg);
		if (!l->bad[0] && (strstr(msg, "page allocation failure") ||
				   strstr(msg, "WARNING:") || strstr(msg, "BUG:")))
			copy_text(l->bad, sizeof(l->bad), msg);
	}
}

TEST(load_under_memory_pressure)
{
	long headroom, avail = meminfo_kb("MemAvailable");
	int ready[2], kmsg, err, status, alive;
	struct stage1_inputs in;
	struct pressure_log l;
	unsigned int mib;
	char limit[32];
	struct stat st;
	pid_t pid;

	if (open_stage1_inputs(&in))
		SKIP(return, "not under kexec-vm: no %s inputs", KEXEC_TEST_DIR);
	if (memory_cgroup())
		SKIP(return, "no cgroup2 memory controller: %s", strerror(errno));
	ASSERT_EQ(0, fstat(in.kernel_fd, &st));
	if (kernel_param("kt.pressure_headroom", limit, sizeof(limit)))
		snprintf(limit, sizeof(limit), "%d", HOG_HEADROOM_PCT);
	headroom = st.st_size / 1024 * atol(limit) / 100;
	if (headroom < HOG_HEADROOM_MIN_KB)
		headroom = HOG_HEADROOM_MIN_KB;
	ASSERT_LT(4 * headroom, avail);
	/* The group's limit: none while the hog grows, then its size. */
	ASSERT_EQ(0, write_file_text(HOG_GROUP "/memory.max", "max"));
	ASSERT_EQ(0, pipe(ready));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		hog(headroom, ready[1]);
		_exit(5);
	}
	close(ready[1]);
	ASSERT_EQ(sizeof(mib), read(ready[0], &mib, sizeof(mib)))
		TH_LOG("the hog ended before it held its memory");
	close(ready[0]);
	snprintf(limit, sizeof(limit), "%u", (mib + 4) << 20);
	ASSERT_EQ(0, write_file_text(HOG_GROUP "/memory.max", limit));
	printf("# kexec-vm: pressure hog %u MiB in a group limited to %s bytes,",
	       mib, limit);
	printf(" %ld MiB available before, %ld after; the kernel file %lld MiB, headroom %ld MiB\n",
	       avail >> 10, meminfo_kb("MemAvailable") >> 10,
	       (long long)st.st_size >> 20, headroom >> 10);
	kmsg = kmsg_open_at_end();
	ASSERT_LE(0, kmsg);
	err = load(&in, 0) ? errno : 0;
	read_pressure_log(kmsg, &l);
	close(kmsg);
	alive = waitpid(pid, &status, WNOHANG) == 0;
	printf("# kexec-vm: pressure load %s, hog %s\n",
	       err ? strerror(err) : "loaded", alive ? "alive" : "killed");
	if (alive)
		kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	rmdir(HOG_GROUP);
	EXPECT_EQ(0, l.bad[0]) TH_LOG("the load under pressure logged \"%s\"", l.bad);
	EXPECT_TRUE(alive)
		TH_LOG("the OOM killer took the hog during the load: a load must give way");
	if (err) {
		EXPECT_EQ(ENOMEM, err) TH_LOG("the load: %s", strerror(err));
		EXPECT_EQ(1, l.kexec_lines)
			TH_LOG("%d kexec lines, the first \"%s\"", l.kexec_lines, l.kexec_line);
		EXPECT_EQ(0, read_long("/sys/kernel/kexec_loaded"));
	} else {
		EXPECT_EQ(1, read_long("/sys/kernel/kexec_loaded"));
		ASSERT_EQ(0, kexec_file_load(in.kernel_fd, -1, NULL, KEXEC_FILE_UNLOAD));
	}
	close_stage1_inputs(&in);
}

TEST(exec_loaded_kernel)
{
	struct stage1_inputs in;

	if (open_stage1_inputs(&in))
		SKIP(return, "not under kexec-vm: no %s inputs", KEXEC_TEST_DIR);
	if (load(&in, 0)) {
		if (syscall_missing(errno))
			SKIP(return, "kexec_file_load(2) is not implemented on this kernel");
		ASSERT_EQ(0, errno) TH_LOG("kexec_file_load: %s", strerror(errno));
	}
	ASSERT_EQ(1, read_long("/sys/kernel/kexec_loaded"));
	ASSERT_EQ(0, arm_action("exec"));
	close_stage1_inputs(&in);
}

TEST(arm_crash_kernel)
{
	struct stage1_inputs in;

	if (open_stage1_inputs(&in))
		SKIP(return, "not under kexec-vm: no %s inputs", KEXEC_TEST_DIR);
	if (read_long("/sys/kernel/kexec_crash_size") <= 0)
		SKIP(return, "no crashkernel= reservation on this boot");
	if (load(&in, KEXEC_FILE_ON_CRASH)) {
		if (syscall_missing(errno))
			SKIP(return, "kexec_file_load(2) is not implemented on this kernel");
		ASSERT_EQ(0, errno) TH_LOG("kexec_file_load: %s", strerror(errno));
	}
	ASSERT_EQ(1, read_long("/sys/kernel/kexec_crash_loaded"));
	ASSERT_EQ(0, arm_action("panic"));
	close_stage1_inputs(&in);
}

/*
 * Reloads of the crash kernel that fail leave the one armed before them
 * armed and whole: the crash kernel that comes up is that first one, with
 * its command line and initrd.
 */
TEST(arm_crash_kernel_then_fail_reloads)
{
	struct stage1_inputs in;
	char why[256];

	if (open_stage1_inputs(&in))
		SKIP(return, "not under kexec-vm: no %s inputs", KEXEC_TEST_DIR);
	if (read_long("/sys/kernel/kexec_crash_size") <= 0)
		SKIP(return, "no crashkernel= reservation on this boot");
	ASSERT_EQ(0, load(&in, KEXEC_FILE_ON_CRASH))
		TH_LOG("kexec_file_load: %s", strerror(errno));
	ASSERT_EQ(0, refused_crash_reloads(in.kernel_fd, "console=none", why,
					   sizeof(why)))
		TH_LOG("%s", why);
	ASSERT_EQ(1, read_long("/sys/kernel/kexec_crash_loaded"));
	ASSERT_EQ(0, arm_action("panic"));
	close_stage1_inputs(&in);
}

/*
 * A panic while another process is loading a compressed kernel reaches the
 * armed crash kernel: the kernel is read and unwrapped before kexec_lock is
 * taken, which a panic only tries. The loader loops over a gzip file that
 * expands past the unwrap cap, so every load spends its time inflating and
 * fails (EFBIG) before it would take the lock.
 */
TEST(arm_crash_kernel_then_panic_while_unwrapping)
{
	unsigned long *loads;
	struct stage1_inputs in;
	pid_t pid;
	int fd;

	if (open_stage1_inputs(&in))
		SKIP(return, "not under kexec-vm: no %s inputs", KEXEC_TEST_DIR);
	if (read_long("/sys/kernel/kexec_crash_size") <= 0)
		SKIP(return, "no crashkernel= reservation on this boot");
	fd = open(KEXEC_TEST_DIR "/past-cap.gz", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		SKIP(return, "no %s/past-cap.gz: this kernel unwraps nothing",
		     KEXEC_TEST_DIR);
	ASSERT_EQ(0, load(&in, KEXEC_FILE_ON_CRASH))
		TH_LOG("kexec_file_load: %s", strerror(errno));
	loads = mmap(NULL, sizeof(*loads), PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(loads != MAP_FAILED);
	__atomic_store_n(loads, 0, __ATOMIC_RELAXED);
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		/* Until the panic: it outlives this test. */
		for (;;) {
			if (kexec_file_load(fd, -1, "", KEXEC_FILE_NO_INITRAMFS) == 0 ||
			    errno != EFBIG)
				_exit(1);
			__atomic_fetch_add(loads, 1, __ATOMIC_RELAXED);
		}
	}
	/* Panic during a load, not before the first one. */
	while (__atomic_load_n(loads, __ATOMIC_RELAXED) < 1)
		usleep(10000);
	printf("# kexec-vm: loader pid %d past its first load\n", pid);
	ASSERT_EQ(1, read_long("/sys/kernel/kexec_crash_loaded"));
	ASSERT_EQ(0, arm_action("panic"));
	close(fd);
	close_stage1_inputs(&in);
}

/*
 * A kernel started through its PVH entry gets no EFI system table, memory
 * map or Secure Boot state, so the ELF/PVH loader refuses while EFI
 * runtime services are in use (x86.rst): EOPNOTSUPP and one line, for a
 * normal and a crash load, and nothing is loaded. Under Secure Boot the
 * signature check comes first and refuses the unsigned vmlinux: a loader
 * that cannot verify a signature has no kernel to start there.
 */
static const char *pvh_refused(int kernel_fd, int initrd_fd,
			       const char *cmdline, unsigned long flags,
			       int secure_boot)
{
	static char why[768];
	const char *loaded = flags & KEXEC_FILE_ON_CRASH ?
			     "/sys/kernel/kexec_crash_loaded" :
			     "/sys/kernel/kexec_loaded";
	int want = secure_boot ? EKEYREJECTED : EOPNOTSUPP;
	const char *needle = secure_boot ? "signature" :
			     "EFI runtime services are in use (Secure Boot off)";
	int kmsg = kmsg_open_at_end();
	char line[512];
	int lines, err;

	if (kmsg < 0)
		return "cannot read /dev/kmsg";
	err = kexec_file_load(kernel_fd, initrd_fd, cmdline, flags) ? errno : 0;
	lines = kmsg_lines(kmsg, "kexec", line, sizeof(line));
	close(kmsg);
	if (err != want)
		snprintf(why, sizeof(why), "expected %s, got %s", strerror(want),
			 err ? strerror(err) : "success");
	else if (lines != 1 || !strstr(line, needle))
		snprintf(why, sizeof(why),
			 "%d kexec line(s), the first \"%s\"; expected one with \"%s\"",
			 lines, line, needle);
	else if (read_long(loaded) != 0)
		snprintf(why, sizeof(why), "%s is not 0 after the refusal", loaded);
	else
		return NULL;
	return why;
}

TEST(pvh_refused_while_efi_runs)
{
	struct stage1_inputs in;
	char value[8];
	const char *why;
	int sb;

	if (access("/sys/firmware/efi/efivars", F_OK))
		SKIP(return, "no EFI runtime services on this boot");
	if (open_stage1_inputs(&in))
		SKIP(return, "not under kexec-vm: no %s inputs", KEXEC_TEST_DIR);
	sb = !kernel_param("kt.secureboot", value, sizeof(value)) &&
	     !strcmp(value, "1");
	why = pvh_refused(in.kernel_fd, in.initrd_fd, in.cmdline, 0, sb);
	ASSERT_EQ(NULL, why) TH_LOG("load: %s", why);
	if (read_long("/sys/kernel/kexec_crash_size") > 0) {
		why = pvh_refused(in.kernel_fd, in.initrd_fd, in.cmdline,
				  KEXEC_FILE_ON_CRASH, sb);
		ASSERT_EQ(NULL, why) TH_LOG("crash load: %s", why);
	}
	close_stage1_inputs(&in);
}

TEST(next_kernel_cmdline)
{
	char stage[8], token[128], expected[128];

	ASSERT_EQ(0, kernel_param("kt.stage", stage, sizeof(stage)))
		TH_LOG("kt.stage= missing: not the command line stage 1 gave");
	ASSERT_STREQ("2", stage);
	ASSERT_EQ(0, kernel_param("kt.token", token, sizeof(token)));
	ASSERT_LT(0, read_text(KEXEC_TEST_DIR "/token", expected,
			       sizeof(expected)));
	ASSERT_STREQ(expected, token);
	printf("# kexec-vm: cmdline_token %s\n", token);
}

TEST(next_kernel_initrd)
{
	char want[32], got[32];
	uint64_t hash, size;

	ASSERT_EQ(0, kernel_param("kt.blob", want, sizeof(want)));
	ASSERT_EQ(0, fnv1a64_file(KEXEC_TEST_DIR "/blob", &hash, &size))
		TH_LOG("cannot read %s/blob: %s", KEXEC_TEST_DIR,
		       strerror(errno));
	snprintf(got, sizeof(got), "%016llx", (unsigned long long)hash);
	ASSERT_STREQ(want, got);
	printf("# kexec-vm: initrd_blob %llu bytes fnv1a64 %s\n",
	       (unsigned long long)size, got);
}

/*
 * The next kernel came in through its PVH entry: init_pvh_bootparams()
 * writes type_of_loader 0xb0 (PVH outside Xen) into the boot_params that
 * /sys/kernel/boot_params/data shows; a bzImage loaded by kexec_file_load()
 * has 0xd0 there (arch/x86/kernel/kexec-bzimage64.c).
 */
#define BOOT_PARAMS_DATA	"/sys/kernel/boot_params/data"
#define TYPE_OF_LOADER_OFF	0x210
#define LOADER_PVH		0xb0

TEST(next_kernel_entered_through_pvh)
{
	unsigned char loader;
	int fd = open(BOOT_PARAMS_DATA, O_RDONLY | O_CLOEXEC);

	if (fd < 0 && errno == ENOENT)
		SKIP(return, "no %s: not an x86 kernel", BOOT_PARAMS_DATA);
	ASSERT_LE(0, fd);
	ASSERT_EQ(1, pread(fd, &loader, 1, TYPE_OF_LOADER_OFF));
	close(fd);
	printf("# kexec-vm: type_of_loader 0x%02x\n", loader);
	ASSERT_EQ(LOADER_PVH, loader)
		TH_LOG("type_of_loader 0x%02x: this kernel was not started through its PVH entry",
		       loader);
}

/*
 * Booted through UEFI firmware (the distro lanes, which say kt.efi=1): the
 * kernel has EFI and its runtime services work, which reading a variable
 * through efivarfs (GetVariable()) shows. In a kernel that kexec started,
 * that is the firmware state the loader handed over (x86: efi_info and the
 * EFI setup_data; arm64 and arm: /chosen's uefi-* properties). With
 * kt.secureboot=N, the firmware's SecureBoot variable must read N.
 */
#define EFI_DIR			"/sys/firmware/efi"
#define EFIVARS			EFI_DIR "/efivars"
#define EFI_GLOBAL_GUID		"8be4df61-93ca-11d2-aa0d-00e098032b8c"
#define SECURE_BOOT_VAR		EFIVARS "/SecureBoot-" EFI_GLOBAL_GUID

TEST(efi_runtime_works)
{
	unsigned char var[5];	/* the attributes, then the one-byte value */
	char want[8];
	ssize_t n;
	int fd;

	if (kernel_param("kt.efi", want, sizeof(want)) || strcmp(want, "1"))
		SKIP(return, "kt.efi=1 not set: not booted through UEFI firmware");
	ASSERT_EQ(0, access(EFI_DIR, F_OK))
		TH_LOG("%s: %s: this kernel has no EFI", EFI_DIR, strerror(errno));
	if (access(SECURE_BOOT_VAR, F_OK) &&
	    mount("efivarfs", EFIVARS, "efivarfs", 0, NULL) && errno == ENODEV)
		SKIP(return, "efivarfs is not built in: runtime services not tried");
	fd = open(SECURE_BOOT_VAR, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd) TH_LOG("%s: %s", SECURE_BOOT_VAR, strerror(errno));
	n = read(fd, var, sizeof(var));
	close(fd);
	ASSERT_EQ((ssize_t)sizeof(var), n)
		TH_LOG("GetVariable(SecureBoot) through efivarfs: %s",
		       n < 0 ? strerror(errno) : "short read");
	printf("# kexec-vm: efi runtime GetVariable SecureBoot=%u\n", var[4]);
	if (!kernel_param("kt.secureboot", want, sizeof(want)))
		ASSERT_EQ(atoi(want), var[4]);
}

/* The first line of @path that holds @needle, or "" (at most @size bytes). */
static const char *line_with(const char *path, const char *needle,
			     char *buf, size_t size)
{
	FILE *f = fopen(path, "r");

	buf[0] = '\0';
	if (!f)
		return buf;
	while (fgets(buf, size, f))
		if (strstr(buf, needle))
			break;
	if (!strstr(buf, needle))
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return buf;
}

/*
 * Where this kernel runs: the virtual address of its text (/proc/kallsyms'
 * _stext, which every arch lists) and the physical one (/proc/iomem's
 * "Kernel code"), printed for the runner, which compares them from boot
 * to boot (KASLR).
 */
TEST(kernel_base)
{
	char sym[256], mem[256];
	const char *range;

	ASSERT_NE('\0', line_with("/proc/kallsyms", " _stext\n", sym, sizeof(sym))[0])
		TH_LOG("no _stext in /proc/kallsyms");
	ASSERT_NE('\0', line_with("/proc/iomem", ": Kernel code", mem, sizeof(mem))[0])
		TH_LOG("no \"Kernel code\" in /proc/iomem");
	range = mem + strspn(mem, " ");
	printf("# kexec-vm: kernel_base text %.*s code %.*s\n",
	       (int)strcspn(sym, " "), sym, (int)strcspn(range, " "), range);
}

/* e_type and e_phnum of an ELF header, read in this machine's byte order. */
#define EH_TYPE_OFF	16
#define EH32_PHNUM_OFF	44
#define EH64_PHNUM_OFF	56

TEST(vmcore_elf_header)
{
	unsigned char eh[64];
	uint16_t type, phnum;
	int fd = open("/proc/vmcore", O_RDONLY);
	int is64;

	ASSERT_LE(0, fd) TH_LOG("/proc/vmcore: %s", strerror(errno));
	ASSERT_EQ((ssize_t)sizeof(eh), read(fd, eh, sizeof(eh)));
	close(fd);
	ASSERT_EQ(0, memcmp(eh, ELFMAG, SELFMAG));
	is64 = eh[EI_CLASS] == ELFCLASS64;
	memcpy(&type, eh + EH_TYPE_OFF, sizeof(type));
	memcpy(&phnum, eh + (is64 ? EH64_PHNUM_OFF : EH32_PHNUM_OFF),
	       sizeof(phnum));
	ASSERT_EQ(ET_CORE, type);
	ASSERT_LT(0, phnum);
	printf("# kexec-vm: vmcore ELFCLASS%d ET_CORE phnum %u\n",
	       is64 ? 64 : 32, phnum);
}

/*
 * The VMCOREINFO note of a vmcore: the crash kernel's /proc/vmcore merges
 * every note of the old kernel into one PT_NOTE segment. Reads it into
 * @buf (NUL-terminated); 0, or -1 when there is none.
 */
static int vmcoreinfo_read(int fd, char *buf, size_t size)
{
	unsigned char eh[sizeof(Elf64_Ehdr)];
	uint64_t phoff, off, len, pos;
	unsigned int i, phnum, phentsize;
	int is64;

	if (pread(fd, eh, sizeof(eh), 0) != (ssize_t)sizeof(eh))
		return -1;
	is64 = eh[EI_CLASS] == ELFCLASS64;
	phoff = is64 ? ((Elf64_Ehdr *)eh)->e_phoff : ((Elf32_Ehdr *)eh)->e_phoff;
	phnum = is64 ? ((Elf64_Ehdr *)eh)->e_phnum : ((Elf32_Ehdr *)eh)->e_phnum;
	phentsize = is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
	for (i = 0; i < phnum; i++) {
		unsigned char ph[sizeof(Elf64_Phdr)];

		if (pread(fd, ph, phentsize, phoff + (uint64_t)i * phentsize) !=
		    (ssize_t)phentsize)
			return -1;
		if ((is64 ? ((Elf64_Phdr *)ph)->p_type :
			    ((Elf32_Phdr *)ph)->p_type) != PT_NOTE)
			continue;
		off = is64 ? ((Elf64_Phdr *)ph)->p_offset : ((Elf32_Phdr *)ph)->p_offset;
		len = is64 ? ((Elf64_Phdr *)ph)->p_filesz : ((Elf32_Phdr *)ph)->p_filesz;
		/* Elf32_Nhdr and Elf64_Nhdr: three 4-byte words. */
		for (pos = 0; pos + 12 <= len;) {
			uint32_t nh[3];
			uint64_t name_sz, desc_sz;
			char name[16];

			if (pread(fd, nh, sizeof(nh), off + pos) != sizeof(nh))
				return -1;
			name_sz = (nh[0] + 3ULL) & ~3ULL;
			desc_sz = (nh[1] + 3ULL) & ~3ULL;
			if (nh[0] == sizeof("VMCOREINFO") && nh[1] < size &&
			    pread(fd, name, nh[0], off + pos + 12) == (ssize_t)nh[0] &&
			    !memcmp(name, "VMCOREINFO", nh[0])) {
				if (pread(fd, buf, nh[1], off + pos + 12 + name_sz) !=
				    (ssize_t)nh[1])
					return -1;
				buf[nh[1]] = '\0';
				return 0;
			}
			pos += 12 + name_sz + desc_sz;
		}
	}
	return -1;
}

/*
 * CRASHTIME is the old kernel's wall clock at the panic: makedumpfile
 * refuses a dump whose CRASHTIME is 0, which is what a machine without a
 * clock at boot (no RTC driver) records. It must be a real time, and the
 * crash kernel's own clock must agree with it.
 */
TEST(vmcore_crashtime)
{
	static char info[16384];
	long long crashtime;
	char *at;
	int fd = open("/proc/vmcore", O_RDONLY);

	ASSERT_LE(0, fd) TH_LOG("/proc/vmcore: %s", strerror(errno));
	ASSERT_EQ(0, vmcoreinfo_read(fd, info, sizeof(info)))
		TH_LOG("/proc/vmcore has no VMCOREINFO note");
	close(fd);
	at = strstr(info, "CRASHTIME=");
	ASSERT_NE(NULL, at) TH_LOG("VMCOREINFO has no CRASHTIME");
	crashtime = strtoll(at + strlen("CRASHTIME="), NULL, 10);
	/* 2020-01-01: older is the epoch plus uptime, no clock at all. */
	ASSERT_LT(1577836800LL, crashtime);
	ASSERT_LE(crashtime, (long long)time(NULL) + 60);
	printf("# kexec-vm: vmcore CRASHTIME %lld, %lld s before this kernel's clock\n",
	       crashtime, (long long)time(NULL) - crashtime);
}

#define MAKEDUMPFILE		"/usr/bin/makedumpfile"
#define MAKEDUMPFILE_MISSING	KEXEC_TEST_DIR "/makedumpfile.missing"
/* Why the runner staged Debian's makedumpfile where it knows it falls short. */
#define MAKEDUMPFILE_NOTE	KEXEC_TEST_DIR "/makedumpfile.note"
#define MAKEDUMPFILE_LOG	"/tmp/makedumpfile.log"

/* Runs makedumpfile with @args, its output in MAKEDUMPFILE_LOG; its status. */
static int makedumpfile(char *const args[])
{
	pid_t pid = fork();
	int status, fd;

	if (pid < 0)
		return -1;
	if (!pid) {
		fd = open(MAKEDUMPFILE_LOG, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
			_exit(126);
		execv(MAKEDUMPFILE, args);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/*
 * What a distribution's kdump service does with the dump: Debian's
 * makedumpfile extracts the old kernel's log, which must hold the sysrq
 * panic, and writes a compressed dump of the pages that matter
 * (dump level 31), which must start with the kdump-compressed signature.
 */
TEST(vmcore_makedumpfile)
{
	char *const dmesg[] = { "makedumpfile", "--dump-dmesg", "/proc/vmcore",
				"/tmp/dmesg.txt", NULL };
	char *const dump[] = { "makedumpfile", "-c", "-d", "31", "/proc/vmcore",
			       "/tmp/dump", NULL };
	char line[512], note[512], sig[8];
	int ret, fd;

	if (access(MAKEDUMPFILE, X_OK)) {
		line_with(MAKEDUMPFILE_MISSING, "", line, sizeof(line));
		SKIP(return, "no makedumpfile in the crash kernel's initramfs: %s",
		     line[0] ? line : strerror(errno));
	}
	ret = makedumpfile(dmesg);
	/*
	 * Debian 12's makedumpfile 1.7.2 predates 52-bit VA with 4K pages;
	 * the runner stages a patched build instead, or says why it could
	 * not. Only that refusal is a skip, any other failure fails.
	 */
	if (ret && line_with(MAKEDUMPFILE_LOG, "VA Bits 52 not supported", line,
			     sizeof(line))[0])
		SKIP(return, "makedumpfile: \"%s\": %s", line,
		     line_with(MAKEDUMPFILE_NOTE, "", note, sizeof(note))[0] ? note :
		     "this makedumpfile cannot read a kernel built like this one");
	ASSERT_EQ(0, ret) TH_LOG("makedumpfile --dump-dmesg: %s",
				 line_with(MAKEDUMPFILE_LOG, "", line, sizeof(line)));
	ASSERT_NE('\0', line_with("/tmp/dmesg.txt", "sysrq triggered crash",
				  line, sizeof(line))[0])
		TH_LOG("the dumped log has no \"sysrq triggered crash\"");
	/* Not the line itself: the runner takes a console panic for a crash. */
	printf("# kexec-vm: makedumpfile --dump-dmesg: the log holds the sysrq panic\n");

	ret = makedumpfile(dump);
	ASSERT_EQ(0, ret) TH_LOG("makedumpfile -c -d 31: %s",
				 line_with(MAKEDUMPFILE_LOG, "", line, sizeof(line)));
	fd = open("/tmp/dump", O_RDONLY);
	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)sizeof(sig), read(fd, sig, sizeof(sig)));
	ASSERT_EQ(0, memcmp(sig, "KDUMP   ", sizeof(sig)));
	printf("# kexec-vm: makedumpfile -c -d 31: %lld bytes\n",
	       (long long)lseek(fd, 0, SEEK_END));
	close(fd);
	unlink("/tmp/dump");
}

/*
 * The dump leaves the guest for the debuggers on the host: the runner
 * attaches a raw disk and asks for this test. makedumpfile streams the
 * pages that matter (dump level 31) as an ELF core in its flattened format
 * (-F: to its standard output, as kdump services send a dump over ssh), so
 * that no copy has to fit in the crash kernel's memory; the host rebuilds
 * the ELF core with makedumpfile -R, and both crash(8) and gdb read it. The
 * disk gets a header sector naming the stream's length (DUMP_DISK_MAGIC,
 * then the length in decimal), then the stream from DUMP_DISK_DATA on.
 * Where no makedumpfile runs in the crash kernel (riscv64: Debian 12 has
 * none), /proc/vmcore itself is copied, an ELF core the host reads as it
 * is, under DUMP_DISK_ELF_MAGIC.
 */
#define DUMP_DISK		"/dev/vda"
#define DUMP_DISK_MAGIC		"kexec-vm dump "
#define DUMP_DISK_ELF_MAGIC	"kexec-vm vmcore "
#define DUMP_DISK_DATA		4096

/*
 * Runs makedumpfile with @args, its standard output copied to @disk from
 * DUMP_DISK_DATA on; the bytes copied, or -1 (its log in MAKEDUMPFILE_LOG).
 */
static long long makedumpfile_to_disk(char *const args[], int disk)
{
	static char buf[1 << 16];
	long long total = 0;
	int pipefd[2], status, log;
	ssize_t n = 0;
	pid_t pid;

	if (lseek(disk, DUMP_DISK_DATA, SEEK_SET) != DUMP_DISK_DATA || pipe(pipefd))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		log = open(MAKEDUMPFILE_LOG, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (log < 0 || dup2(pipefd[1], 1) < 0 || dup2(log, 2) < 0)
			_exit(126);
		close(pipefd[0]);
		execv(MAKEDUMPFILE, args);
		_exit(127);
	}
	close(pipefd[1]);
	while ((n = read(pipefd[0], buf, sizeof(buf))) > 0) {
		if (write(disk, buf, n) != n)
			break;
		total += n;
	}
	close(pipefd[0]);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) || n)
		return -1;
	return total;
}

/*
 * The physical address that offset @at of the ELF64 core @fd holds, from
 * its PT_LOAD headers; -1 when no PT_LOAD holds it.
 */
static long long vmcore_phys_at(int fd, long long at)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	unsigned int i;

	if (pread(fd, &eh, sizeof(eh), 0) != (ssize_t)sizeof(eh) ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64)
		return -1;
	for (i = 0; i < eh.e_phnum; i++) {
		if (pread(fd, &ph, sizeof(ph), eh.e_phoff + i * sizeof(ph)) !=
		    (ssize_t)sizeof(ph))
			return -1;
		if (ph.p_type == PT_LOAD && at >= (long long)ph.p_offset &&
		    at < (long long)(ph.p_offset + ph.p_filesz))
			return ph.p_paddr + (at - ph.p_offset);
	}
	return -1;
}

/*
 * Writes @buf (@n bytes, whole pages but maybe the last) at @disk's
 * position, seeking over its runs of zero pages: the disk starts out
 * zeroed, and most of a small machine's memory is zeros. 0, or -1.
 */
static int write_sparse(int disk, const char *buf, ssize_t n)
{
	static const char zeros[4096];
	ssize_t at = 0, run, len;
	bool zero;

	while (at < n) {
		zero = n - at >= 4096 && !memcmp(buf + at, zeros, 4096);
		for (run = at; run < n; run += len) {
			len = n - run < 4096 ? n - run : 4096;
			if (zero != (len == 4096 && !memcmp(buf + run, zeros, 4096)))
				break;
		}
		if (zero ? lseek(disk, run - at, SEEK_CUR) < 0 :
			   write(disk, buf + at, run - at) != run - at)
			return -1;
		at = run;
	}
	return 0;
}

/*
 * Copies /proc/vmcore to @disk from DUMP_DISK_DATA on; the bytes, or -1.
 * A page the crash kernel cannot read (on riscv64 the ELF core headers
 * take in the firmware's memory, which PMP keeps from S-mode) is written
 * as zeros: *@bad counts them, *@bad_phys is the physical address of the
 * first.
 */
static long long vmcore_copy_to_disk(int disk, long long *bad, long long *bad_phys)
{
	static char buf[1 << 20];
	long long total = 0, end;
	struct stat st;
	ssize_t n;
	int fd, i;

	*bad = 0;
	*bad_phys = -1;
	if (lseek(disk, DUMP_DISK_DATA, SEEK_SET) != DUMP_DISK_DATA)
		return -1;
	fd = open("/proc/vmcore", O_RDONLY);
	if (fd < 0 || fstat(fd, &st))
		return -1;
	end = st.st_size;
	while (total < end) {
		n = pread(fd, buf, sizeof(buf), total);
		if (n < 0 && errno == EFAULT) {
			/* One page at a time: the ones that fail become zeros. */
			n = end - total < (long long)sizeof(buf) ?
			    end - total : (long long)sizeof(buf);
			for (i = 0; i < n; i += 4096) {
				if (pread(fd, buf + i, 4096, total + i) == 4096)
					continue;
				memset(buf + i, 0, 4096);
				if (!(*bad)++)
					*bad_phys = vmcore_phys_at(fd, total + i);
			}
		}
		if (n <= 0 || write_sparse(disk, buf, n))
			break;
		total += n;
	}
	close(fd);
	return total == end ? total : -1;
}

/*
 * Copying a whole /proc/vmcore (riscv64) takes longer under TCG than the
 * harness's default 30 s: the old kernel's pages are mapped one at a time.
 */
#define DUMP_TIMEOUT_S		300

FIXTURE(vmcore) {};
FIXTURE_SETUP(vmcore) {}
FIXTURE_TEARDOWN(vmcore) {}

TEST_F_TIMEOUT(vmcore, vmcore_to_disk, DUMP_TIMEOUT_S)
{
	char *const dump[] = { "makedumpfile", "-F", "-E", "-d", "31", "/proc/vmcore",
			       NULL };
	char head[DUMP_DISK_DATA] = { 0 }, line[512];
	bool elf = access(MAKEDUMPFILE, X_OK);
	long long size, bad, bad_phys;
	struct timespec t0, t1;
	int disk;

	disk = open(DUMP_DISK, O_WRONLY);
	ASSERT_LE(0, disk) TH_LOG("%s: %s", DUMP_DISK, strerror(errno));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (elf) {
		size = vmcore_copy_to_disk(disk, &bad, &bad_phys);
		ASSERT_LT(0, size)
			TH_LOG("/proc/vmcore to %s: %s", DUMP_DISK, strerror(errno));
		if (bad)
			printf("# kexec-vm: /proc/vmcore: %lld pages unreadable, %s %#llx; %s\n",
			       bad, "the first at physical", bad_phys, "written as zeros");
		snprintf(head, sizeof(head), DUMP_DISK_ELF_MAGIC "%lld\n", size);
	} else {
		size = makedumpfile_to_disk(dump, disk);
		ASSERT_LT(0, size)
			TH_LOG("makedumpfile -F -E -d 31 to %s: %s", DUMP_DISK,
			       line_with(MAKEDUMPFILE_LOG, "", line, sizeof(line)));
		snprintf(head, sizeof(head), DUMP_DISK_MAGIC "%lld\n", size);
	}
	ASSERT_EQ(0, lseek(disk, 0, SEEK_SET));
	ASSERT_EQ((ssize_t)sizeof(head), write(disk, head, sizeof(head)));
	ASSERT_EQ(0, fsync(disk)) TH_LOG("fsync %s: %s", DUMP_DISK, strerror(errno));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("# kexec-vm: %s of %lld bytes written to %s in %.1f s\n",
	       elf ? "/proc/vmcore" : "flattened ELF dump", size, DUMP_DISK,
	       t1.tv_sec - t0.tv_sec + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	close(disk);
}

TEST_HARNESS_MAIN
