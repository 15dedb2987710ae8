// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_file_load(2) tests that need no reboot: load, unload, crash-kernel
 * load and the errors of the syscall itself. They run in any VM booted with
 * a kernel that has CONFIG_KEXEC_FILE, given a kernel image to load.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../kselftest_harness.h"
#include "kexec_test_util.h"

#define KEXEC_LOADED		"/sys/kernel/kexec_loaded"
#define KEXEC_CRASH_LOADED	"/sys/kernel/kexec_crash_loaded"
#define KEXEC_CRASH_SIZE	"/sys/kernel/kexec_crash_size"

FIXTURE(kexec) {
	int kernel_fd;
	int initrd_fd;
	char cmdline[1024];
};

FIXTURE_SETUP(kexec)
{
	char kpath[256], ipath[256], cpath[256];
	const char *kernel, *initrd, *cmdline;

	kernel = test_input("KEXEC_TEST_KERNEL", "kernel", kpath, sizeof(kpath));
	initrd = test_input("KEXEC_TEST_INITRD", "initrd", ipath, sizeof(ipath));
	cmdline = test_input("KEXEC_TEST_CMDLINE", "cmdline", cpath,
			     sizeof(cpath));
	self->kernel_fd = open(kernel, O_RDONLY | O_CLOEXEC);
	self->initrd_fd = open(initrd, O_RDONLY | O_CLOEXEC);
	if (self->kernel_fd < 0)
		SKIP(return, "no kernel image to load at %s", kernel);
	if (self->initrd_fd < 0)
		SKIP(return, "no initrd to load at %s", initrd);
	if (read_text(cmdline, self->cmdline, sizeof(self->cmdline)) < 0)
		snprintf(self->cmdline, sizeof(self->cmdline), "console=ttyS0");
	if (kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD) &&
	    syscall_missing(errno))
		SKIP(return, "kexec_file_load(2) is not implemented on this kernel");
}

FIXTURE_TEARDOWN(kexec)
{
	kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD);
	kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD | KEXEC_FILE_ON_CRASH);
	if (self->kernel_fd >= 0)
		close(self->kernel_fd);
	if (self->initrd_fd >= 0)
		close(self->initrd_fd);
}

TEST_F(kexec, load_then_unload)
{
	double t0 = now_ms();

	ASSERT_EQ(0, kexec_file_load(self->kernel_fd, self->initrd_fd,
				     self->cmdline, 0)) {
		TH_LOG("kexec_file_load: %s", strerror(errno));
	}
	TH_LOG("load took %.1f ms", now_ms() - t0);
	ASSERT_EQ(1, read_long(KEXEC_LOADED));
	ASSERT_EQ(0, kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD));
	ASSERT_EQ(0, read_long(KEXEC_LOADED));
}

TEST_F(kexec, load_without_initrd)
{
	ASSERT_EQ(0, kexec_file_load(self->kernel_fd, -1, self->cmdline,
				     KEXEC_FILE_NO_INITRAMFS)) {
		TH_LOG("kexec_file_load: %s", strerror(errno));
	}
	ASSERT_EQ(1, read_long(KEXEC_LOADED));
	ASSERT_EQ(0, kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD));
	ASSERT_EQ(0, read_long(KEXEC_LOADED));
}

TEST_F(kexec, load_replaces_loaded_image)
{
	int i;

	for (i = 0; i < 3; i++) {
		ASSERT_EQ(0, kexec_file_load(self->kernel_fd, self->initrd_fd,
					     self->cmdline, 0)) {
			TH_LOG("load %d: %s", i, strerror(errno));
		}
		ASSERT_EQ(1, read_long(KEXEC_LOADED));
	}
	ASSERT_EQ(0, kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD));
	ASSERT_EQ(0, read_long(KEXEC_LOADED));
}

TEST_F(kexec, crash_load_then_unload)
{
	if (read_long(KEXEC_CRASH_SIZE) <= 0)
		SKIP(return, "no crashkernel= reservation on this boot");
	ASSERT_EQ(0, kexec_file_load(self->kernel_fd, self->initrd_fd,
				     self->cmdline, KEXEC_FILE_ON_CRASH)) {
		TH_LOG("kexec_file_load: %s", strerror(errno));
	}
	ASSERT_EQ(1, read_long(KEXEC_CRASH_LOADED));
	ASSERT_EQ(0, read_long(KEXEC_LOADED));
	ASSERT_EQ(0, kexec_file_load(-1, -1, NULL,
				     KEXEC_FILE_UNLOAD | KEXEC_FILE_ON_CRASH));
	ASSERT_EQ(0, read_long(KEXEC_CRASH_LOADED));
}

#ifndef KEXEC_FILE_DEBUG
#define KEXEC_FILE_DEBUG	0x00000008
#endif

/*
 * A load with KEXEC_FILE_DEBUG says how many of its pages the relocation
 * code will copy at exec and how many are in place; a crash load, whose
 * segments are copied into the crash region at load time, that none will
 * be copied.
 */
TEST_F(kexec, debug_load_counts_pages_copied_at_exec)
{
	static const char count[] =
		"kexec_core: %lu of %lu pages will be copied at exec, %lu are in place";
	static const char crash[] =
		"kexec_core: crash load: nothing will be copied at exec";
	unsigned long copied, total, in_place;
	char line[512];
	const char *at;
	int kmsg = kmsg_open_at_end(), n;

	ASSERT_LE(0, kmsg);
	ASSERT_EQ(0, kexec_file_load(self->kernel_fd, self->initrd_fd,
				     self->cmdline, KEXEC_FILE_DEBUG)) {
		TH_LOG("kexec_file_load: %s", strerror(errno));
	}
	ASSERT_EQ(0, kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD));
	ASSERT_EQ(1, kmsg_find(kmsg, "pages will be copied at exec", line,
			       sizeof(line)));
	TH_LOG("%s", line);
	at = strstr(line, "kexec_core: ");
	ASSERT_TRUE(at);
	n = sscanf(at, count, &copied, &total, &in_place);
	ASSERT_EQ(3, n);
	ASSERT_LT(0UL, total);
	ASSERT_EQ(total, copied + in_place);

	if (read_long(KEXEC_CRASH_SIZE) > 0) {
		ASSERT_EQ(0, kexec_file_load(self->kernel_fd, self->initrd_fd,
					     self->cmdline,
					     KEXEC_FILE_ON_CRASH | KEXEC_FILE_DEBUG)) {
			TH_LOG("crash load: %s", strerror(errno));
		}
		ASSERT_EQ(0, kexec_file_load(-1, -1, NULL,
					     KEXEC_FILE_UNLOAD | KEXEC_FILE_ON_CRASH));
		ASSERT_EQ(1, kmsg_find(kmsg, crash, line, sizeof(line)));
		TH_LOG("%s", line);
	}
	close(kmsg);
}

/* A failed crash reload keeps the crash kernel; an unload still removes it. */
TEST_F(kexec, failed_crash_reload_keeps_crash_kernel)
{
	char why[256];

	if (read_long(KEXEC_CRASH_SIZE) <= 0)
		SKIP(return, "no crashkernel= reservation on this boot");
	ASSERT_EQ(0, kexec_file_load(self->kernel_fd, self->initrd_fd,
				     self->cmdline, KEXEC_FILE_ON_CRASH)) {
		TH_LOG("kexec_file_load: %s", strerror(errno));
	}
	ASSERT_EQ(0, refused_crash_reloads(self->kernel_fd, self->cmdline, why,
					   sizeof(why))) {
		TH_LOG("%s", why);
	}
	ASSERT_EQ(0, kexec_file_load(-1, -1, NULL,
				     KEXEC_FILE_UNLOAD | KEXEC_FILE_ON_CRASH));
	ASSERT_EQ(0, read_long(KEXEC_CRASH_LOADED));
}

TEST_F(kexec, unload_with_nothing_loaded)
{
	ASSERT_EQ(0, kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD));
	ASSERT_EQ(0, read_long(KEXEC_LOADED));
}

/*
 * Everything kexec_file_load(2), its loaders and kexec's generic checks
 * log starts with this: "kexec_file", "kexec_file(Image)", "kexec_core",
 * and on arm "kexec:" from machine_kexec_prepare().
 */
#define KEXEC_LOG_PREFIX	"kexec"

/* The one line a refusal logs: exactly one record since @kmsg was opened. */
static int one_kexec_line(int kmsg, const char *needle)
{
	char line[512];
	int n = kmsg_lines(kmsg, KEXEC_LOG_PREFIX, line, sizeof(line));

	if (n != 1 || !strstr(line, needle)) {
		fprintf(stderr, "# %d kexec line(s), the first \"%s\"; expected one with \"%s\"\n",
			n, line, needle);
		return 0;
	}
	return 1;
}

/*
 * A file no loader recognises is ENOEXEC, and the kernel says so in one
 * line (Documentation/admin-guide/kexec-file-images/contract.rst).
 */
TEST_F(kexec, not_a_kernel_is_refused)
{
	int fd = not_a_kernel_fd();
	int kmsg = kmsg_open_at_end();

	ASSERT_LE(0, fd);
	ASSERT_LE(0, kmsg);
	ASSERT_EQ(-1, kexec_file_load(fd, self->initrd_fd, self->cmdline, 0));
	ASSERT_EQ(ENOEXEC, errno);
	close(fd);
	ASSERT_TRUE(one_kexec_line(kmsg, "no loader of this kernel recognises"));
	close(kmsg);
	ASSERT_EQ(0, read_long(KEXEC_LOADED));
	/* A refusal leaves nothing behind: a valid load still works. */
	ASSERT_EQ(0, kexec_file_load(self->kernel_fd, self->initrd_fd,
				     self->cmdline, 0));
	ASSERT_EQ(1, read_long(KEXEC_LOADED));
}

/* Count @needle's records since @kmsg was opened, and those of kexec. */
static int kexec_lines_with(int kmsg, const char *needle, int *all)
{
	char msg[2048];
	int n = 0;

	*all = 0;
	while (kmsg_next(kmsg, msg, sizeof(msg))) {
		if (strncmp(msg, KEXEC_LOG_PREFIX, strlen(KEXEC_LOG_PREFIX)))
			continue;
		(*all)++;
		n += !!strstr(msg, needle);
	}
	return n;
}

/*
 * Fork a child that loads @bomb, a gzip that expands past the cap, and
 * return once it is about to make the call; -1 if it could not start.
 */
static pid_t start_unwrapping_load(int bomb)
{
	int go[2];
	pid_t pid;
	char c;

	if (pipe(go))
		return -1;
	pid = fork();
	if (!pid) {
		close(go[0]);
		if (write(go[1], "s", 1) != 1)
			_exit(1);
		kexec_file_load(bomb, -1, "", KEXEC_FILE_NO_INITRAMFS);
		_exit(errno & 0xff);
	}
	close(go[1]);
	if (pid > 0 && read(go[0], &c, 1) != 1) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		pid = -1;
	}
	close(go[0]);
	return pid;
}

#define BUSY_READING	"another kexec_file_load() is reading or loading a kernel"

/*
 * Start a child unwrapping @bomb, then @delay_us later load @other (no
 * kernel) once, and end the child. 1: the load was refused with EBUSY
 * and its one line while the child held the kernel's read mutex; 0: it
 * came before the child took the mutex or after it let go, read its file
 * and got ENOEXEC (the child may then have been the one refused, with its
 * line); -1: anything else, said on stderr.
 */
static int second_load_try(int bomb, int other, useconds_t delay_us)
{
	int kmsg = kmsg_open_at_end(), all, busy, ret, err, status = 0;
	bool child_busy;
	pid_t pid;

	if (kmsg < 0)
		return -1;
	pid = start_unwrapping_load(bomb);
	if (pid < 0) {
		close(kmsg);
		return -1;
	}
	usleep(delay_us);
	ret = kexec_file_load(other, -1, "", KEXEC_FILE_NO_INITRAMFS);
	err = errno;
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	busy = kexec_lines_with(kmsg, BUSY_READING, &all);
	close(kmsg);
	child_busy = WIFEXITED(status) && WEXITSTATUS(status) == EBUSY;
	if (ret == -1 && err == EBUSY && busy == 1 && !child_busy)
		return 1;
	if (ret == -1 && err == ENOEXEC && busy == child_busy)
		return 0;
	fprintf(stderr, "# %u us in: load %d (%s), %d \"%s\" line(s), child status 0x%x\n",
		delay_us, ret, strerror(err), busy, BUSY_READING, status);
	return -1;
}

/*
 * One kexec_file_load() reads and unwraps a kernel at a time, so that
 * parallel callers cannot each hold a file and its unwrapped kernel:
 * while a child unwraps a gzip that expands past the cap, another load
 * is refused with EBUSY and one line, before it reads its file. Without
 * that bound the other load reads its file, no kernel, and gets ENOEXEC.
 * When the child takes the mutex depends on this machine's speed, so
 * each try starts a fresh child and comes twice as late as the one
 * before (25 ms up to 3.2 s) until one finds the mutex held. One try per
 * child: a refusal's line goes to the console, and many of them would
 * starve the child on one CPU.
 */
TEST_F(kexec, second_load_while_one_unwraps_is_ebusy)
{
	int bomb = open(KEXEC_TEST_DIR "/past-cap.gz", O_RDONLY | O_CLOEXEC);
	int other = not_a_kernel_fd(), landed = 0;
	useconds_t delay_us;

	if (bomb < 0)
		SKIP(return, "no %s/past-cap.gz: this kernel unwraps nothing",
		     KEXEC_TEST_DIR);
	ASSERT_LE(0, other);
	for (delay_us = 25000; !landed && delay_us <= 3200000; delay_us *= 2) {
		landed = second_load_try(bomb, other, delay_us);
		ASSERT_LE(0, landed);
		ASSERT_EQ(0, read_long(KEXEC_LOADED));
	}
	close(bomb);
	close(other);
	ASSERT_EQ(1, landed)
		TH_LOG("no load up to %u us found the mutex held", delay_us / 2);
}

#define KILLED_LINE	"interrupted by a fatal signal"

/*
 * Kill @pid, a load of @bomb started @delay_us ago, and judge what the
 * kernel said: 1 if the kill landed in the unwrap (its one line, nothing
 * else), 0 if it landed before the unwrap began (no line: the caller is
 * gone, nobody is told), -1 if the load ended first or anything else was
 * logged.
 */
static int kill_unwrapping_load(pid_t pid, int kmsg, useconds_t delay_us)
{
	int status, all, n;

	usleep(delay_us);
	kill(pid, SIGKILL);
	if (waitpid(pid, &status, 0) != pid ||
	    !WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL) {
		fprintf(stderr, "# the load ended %u us in, before the signal (status 0x%x)\n",
			delay_us, status);
		return -1;
	}
	n = kexec_lines_with(kmsg, KILLED_LINE, &all);
	if (n != all || n > 1) {
		fprintf(stderr, "# killed %u us in: %d kexec line(s), %d of them \"%s\"\n",
			delay_us, all, n, KILLED_LINE);
		return -1;
	}
	return n;
}

/*
 * A load killed while it unwraps ends there: the unwrap stops between
 * pages (-EINTR, one line), nothing stays loaded or allocated (kmemleak
 * runs after this case), and the next load works. Where the unwrap begins
 * depends on how fast this machine reads and allocates, so the kill comes
 * later and later until one lands inside it; each earlier one must leave
 * nothing behind either.
 */
TEST_F(kexec, load_killed_while_unwrapping_ends_cleanly)
{
	int bomb = open(KEXEC_TEST_DIR "/past-cap.gz", O_RDONLY | O_CLOEXEC);
	useconds_t delay_us;
	int kmsg, landed = 0;
	pid_t pid;

	if (bomb < 0)
		SKIP(return, "no %s/past-cap.gz: this kernel unwraps nothing",
		     KEXEC_TEST_DIR);
	for (delay_us = 25000; !landed && delay_us <= 3200000; delay_us *= 2) {
		kmsg = kmsg_open_at_end();
		ASSERT_LE(0, kmsg);
		pid = start_unwrapping_load(bomb);
		ASSERT_LT(0, pid);
		landed = kill_unwrapping_load(pid, kmsg, delay_us);
		close(kmsg);
		ASSERT_LE(0, landed);
		ASSERT_EQ(0, read_long(KEXEC_LOADED));
	}
	close(bomb);
	ASSERT_EQ(1, landed)
		TH_LOG("no kill up to %u us landed while the load unwrapped", delay_us / 2);
	ASSERT_EQ(0, kexec_file_load(self->kernel_fd, self->initrd_fd,
				     self->cmdline, 0));
	ASSERT_EQ(1, read_long(KEXEC_LOADED));
}

#if defined(__x86_64__)
/*
 * An ELF program is no kernel either, but on x86_64 the ELF/PVH loader
 * recognises it and says why it cannot start it: it has no PVH entry, or
 * is no executable at all (a static-pie program). EOPNOTSUPP, one line.
 */
TEST_F(kexec, elf_program_is_not_started)
{
	int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	int kmsg = kmsg_open_at_end();

	ASSERT_LE(0, fd);
	ASSERT_LE(0, kmsg);
	ASSERT_EQ(-1, kexec_file_load(fd, self->initrd_fd, self->cmdline, 0));
	ASSERT_EQ(EOPNOTSUPP, errno);
	close(fd);
	ASSERT_TRUE(one_kexec_line(kmsg, "kexec_file(elf-pvh): "));
	close(kmsg);
	ASSERT_EQ(0, read_long(KEXEC_LOADED));
}
#endif

/* The syscall's own refusals are said too, each in one line. */
TEST_F(kexec, bad_kernel_fd_is_ebadf)
{
	int kmsg = kmsg_open_at_end();

	ASSERT_LE(0, kmsg);
	ASSERT_EQ(-1, kexec_file_load(-1, self->initrd_fd, self->cmdline, 0));
	ASSERT_EQ(EBADF, errno);
	ASSERT_TRUE(one_kexec_line(kmsg, "reading the kernel file failed: -9"));
	close(kmsg);
	ASSERT_EQ(0, read_long(KEXEC_LOADED));
}

TEST_F(kexec, unknown_flag_is_einval)
{
	int kmsg = kmsg_open_at_end();

	ASSERT_LE(0, kmsg);
	ASSERT_EQ(-1, kexec_file_load(self->kernel_fd, self->initrd_fd,
				      self->cmdline, 1UL << 30));
	ASSERT_EQ(EINVAL, errno);
	ASSERT_TRUE(one_kexec_line(kmsg,
				   "flags 0x40000000: 0x40000000 are not kexec_file_load() flags"));
	close(kmsg);
	ASSERT_EQ(0, read_long(KEXEC_LOADED));
}

/* A command line must end with its NUL: the length counts it. */
TEST_F(kexec, unterminated_cmdline_is_einval)
{
	static const char cmdline[] = "console=ttyS0 no-nul";
	int kmsg = kmsg_open_at_end();

	ASSERT_LE(0, kmsg);
	ASSERT_EQ(-1, syscall(__NR_kexec_file_load, self->kernel_fd,
			      self->initrd_fd, strlen(cmdline), cmdline, 0));
	ASSERT_EQ(EINVAL, errno);
	ASSERT_TRUE(one_kexec_line(kmsg, "command line does not end with a NUL"));
	close(kmsg);
	ASSERT_EQ(0, read_long(KEXEC_LOADED));
}

#if defined(__arm__)
/*
 * Our zImage carries a "Linux" ELF note through the NOTE tag of its
 * extension table; the loader names it under KEXEC_FILE_DEBUG.
 */
TEST_F(kexec, zimage_note_is_reported)
{
	char line[512];
	int kmsg = kmsg_open_at_end();

	ASSERT_LE(0, kmsg);
	ASSERT_EQ(0, kexec_file_load(self->kernel_fd, self->initrd_fd,
				     self->cmdline, KEXEC_FILE_DEBUG));
	ASSERT_EQ(1, kmsg_find(kmsg, "note 0: name \"Linux\" type 0x0, 4 bytes",
			       line, sizeof(line)));
	TH_LOG("%s", line);
	close(kmsg);
	ASSERT_EQ(0, kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD));
}

/*
 * kexec_load(2) with its one segment where the virt machine has flash, not
 * RAM (RAM starts at 0x40000000): the generic checks pass it, and
 * machine_kexec_prepare() refuses it with one line.
 */
TEST_F(kexec, kexec_load_segment_outside_memory)
{
	void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct kexec_segment seg = {
		.buf = page, .bufsz = 4096,
		.mem = (void *)0x100000, .memsz = 4096,
	};
	int kmsg = kmsg_open_at_end();

	ASSERT_TRUE(page != MAP_FAILED);
	ASSERT_LE(0, kmsg);
	ASSERT_EQ(-1, syscall(__NR_kexec_load, 0x100000UL, 1UL, &seg,
			      (unsigned long)KEXEC_ARCH_DEFAULT));
	ASSERT_EQ(EINVAL, errno);
	ASSERT_TRUE(one_kexec_line(kmsg, "kexec: segment 0 at 0x100000+0x1000 is not in memory"));
	close(kmsg);
	munmap(page, 4096);
	ASSERT_EQ(0, read_long(KEXEC_LOADED));
}
#endif

/*
 * Header refusals: the kernel image with one or two header fields changed
 * (or cut short) must be refused with the errno of the contract and exactly
 * one log line naming the field; after it the unchanged image still loads.
 */

/* Where an edit's offset counts from. */
enum edit_base {
	FROM_START,
	FROM_END,		/* back from the end of the file */
	FROM_ZBOOT_PAYLOAD_END,	/* EFI zboot: past payload offset + size */
	FROM_ZIMAGE_SIZE_WORD,	/* arm zImage: the word its KLSZ tag points at */
	FROM_ELF_PVH_ENTRY,	/* ELF: the Xen PHYS32_ENTRY note's header */
	FROM_ELF_PVH_RELOC,	/* ELF: the Xen PHYS32_RELOC note's header */
};

/* Replace the bits of @mask in the @width-byte little-endian word at @offset. */
struct header_edit {
	unsigned int offset;
	unsigned int width;
	uint64_t mask;
	uint64_t value;
	enum edit_base base;
};

#define SET(off, w, v)		{ .offset = (off), .width = (w), .mask = ~0ULL, .value = (v) }
#define SET_BITS(off, w, m, v)	{ .offset = (off), .width = (w), .mask = (m), .value = (v) }
#define SET_FROM(b, off, w, v)	{ .offset = (off), .width = (w), .mask = ~0ULL, .value = (v), \
				  .base = (b) }
#define MAX_EDITS		2

FIXTURE(refusal) {
	unsigned char *image;
	size_t len;
	int kernel_fd;
	int initrd_fd;
	int kmsg_fd;
	char cmdline[1024];
};

FIXTURE_VARIANT(refusal) {
	const char *file;	/* under KEXEC_TEST_DIR; NULL: the kernel */
	struct header_edit edit[MAX_EDITS];
	size_t truncate_to;	/* 0: keep the whole file */
	size_t cut;		/* bytes cut off the end */
	bool cut_zboot_payload;	/* EFI zboot: end the file mid-payload */
	bool crash;		/* loaded with KEXEC_FILE_ON_CRASH */
	bool above_half_ram;	/* edit[0] sets a size 32 MiB above half of RAM */
	uint64_t elf_shift;	/* ELF: added to each PT_LOAD's p_paddr and the entry */
	bool loads;		/* the edited image must load, not be refused */
	size_t cmdline_chars;	/* >0: load with a command line this long */
	int err;		/* errno of the refusal */
	const char *log;	/* what the one log line must contain */
	/*
	 * Refused only on some machines: where refused_here() says 1 (the
	 * machine has @machine); where it says 0 the edited image must
	 * load; where it says -1 (it cannot tell) the test is a skip.
	 */
	int (*refused_here)(void);
	const char *machine;
};

#if defined(__aarch64__)
/* arm64 Image header: Documentation/arch/arm64/booting.rst. */
#define A64_TEXT_OFFSET	0x08
#define A64_IMAGE_SIZE	0x10
#define A64_FLAGS	0x18
#define A64_MAGIC	0x38
#define A64_PAGE_BITS	0x6
#define A64_PAGE_16K	0x4

FIXTURE_VARIANT_ADD(refusal, arm64_wrong_magic) {
	.edit = { SET(A64_MAGIC, 4, 0x654d5241) },	/* "ARMe" */
	.err = ENOEXEC,
	.log = "no loader of this kernel recognises",
};

FIXTURE_VARIANT_ADD(refusal, arm64_image_size_zero) {
	.edit = { SET(A64_IMAGE_SIZE, 8, 0) },
	.err = EINVAL,
	.log = "image_size 0: a pre-3.17 Image",
};

FIXTURE_VARIANT_ADD(refusal, arm64_text_offset_beyond_image) {
	.edit = { SET(A64_TEXT_OFFSET, 8, 0x40000000) },
	.err = EINVAL,
	.log = "text_offset 0x40000000 lies beyond image_size",
};

FIXTURE_VARIANT_ADD(refusal, arm64_text_offset_unaligned) {
	.edit = { SET(A64_TEXT_OFFSET, 8, 0x800) },
	.err = EINVAL,
	.log = "text_offset 0x800 is not a multiple of this kernel's",
};

FIXTURE_VARIANT_ADD(refusal, arm64_text_offset_plus_size_overflows) {
	.edit = { SET(A64_TEXT_OFFSET, 8, 0xfffffffffffff000ULL),
		  SET(A64_IMAGE_SIZE, 8, 0x2000) },
	.err = EINVAL,
	.log = "text_offset 0xfffffffffffff000 + image_size 0x2000 overflows",
};

/* Placed, then refused by kexec's generic check of the segments. */
FIXTURE_VARIANT_ADD(refusal, arm64_image_size_above_half_of_ram) {
	.edit = { SET(A64_IMAGE_SIZE, 8, 0) },
	.above_half_ram = true,
	.err = EINVAL,
	.log = "is more than half of the",
};

/* The runner's crashkernel= region is 160 MiB. */
FIXTURE_VARIANT_ADD(refusal, arm64_crash_image_size_past_region) {
	.edit = { SET(A64_IMAGE_SIZE, 8, 0x10000000) },
	.crash = true,
	.err = EADDRNOTAVAIL,
	.log = "no free crash kernel memory for the kernel: 0x10000000 bytes, aligned 0x200000",
};

FIXTURE_VARIANT_ADD(refusal, arm64_file_shorter_than_header) {
	.truncate_to = 0x3c,
	.err = EINVAL,
	.log = "file of 0x3c bytes truncates the 0x40-byte header",
};

/* Whether kt.granules= (set by the runner from the QEMU CPU model) has @g. */
static int cpu_has_granule(const char *g, int *known)
{
	char list[64], *tok, *save;

	*known = !kernel_param("kt.granules", list, sizeof(list));
	if (!*known)
		return 0;
	for (tok = strtok_r(list, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save))
		if (!strcmp(tok, g))
			return 1;
	return 0;
}

static int lacks_16k_granule(void)
{
	int known, has = cpu_has_granule("16k", &known);

	return known ? !has : -1;
}

FIXTURE_VARIANT_ADD(refusal, arm64_16k_pages) {
	.edit = { SET_BITS(A64_FLAGS, 8, A64_PAGE_BITS, A64_PAGE_16K) },
	.err = EOPNOTSUPP,
	.log = "uses 16K pages, but this CPU has no 16K translation granule",
	.refused_here = lacks_16k_granule,
	.machine = "a CPU without the 16K granule (kt.granules=)",
};

/* In-kernel unwrap (kernel/kexec_unwrap.c) of gzip and EFI zboot files. */
#define ZBOOT_COMP_TYPE	0x18

FIXTURE_VARIANT_ADD(refusal, gzip_truncated) {
	.file = "kernel.gz",
	.cut = 4096,
	.err = EINVAL,
	.log = "gzip (gzip) stream is truncated or corrupt",
};

FIXTURE_VARIANT_ADD(refusal, gzip_size_disagrees) {
	.file = "kernel.gz",
	.edit = { SET_FROM(FROM_END, 4, 4, 0x1000) },	/* ISIZE */
	.err = EINVAL,
	.log = "gzip (gzip) declares 4096 bytes, its payload gives",
};

FIXTURE_VARIANT_ADD(refusal, gzip_crc_mismatch) {
	.file = "kernel.gz",
	.edit = { SET_FROM(FROM_END, 8, 4, 0x12345678) },	/* CRC32 */
	.err = EINVAL,
	.log = "CRC32 0x12345678 does not match",
};

FIXTURE_VARIANT_ADD(refusal, gzip_expands_past_cap) {
	.file = "past-cap.gz",
	.err = EFBIG,
	.log = "gzip (gzip) expands past",
};

FIXTURE_VARIANT_ADD(refusal, zboot_truncated_payload) {
	.file = "zboot-gzip.efi",
	.cut_zboot_payload = true,
	.err = EINVAL,
	.log = "ends beyond the file",
};

FIXTURE_VARIANT_ADD(refusal, zboot_size_disagrees) {
	.file = "zboot-zstd.efi",
	.edit = { SET_FROM(FROM_ZBOOT_PAYLOAD_END, 0, 4, 0x100000) },
	.err = EINVAL,
	.log = "efi-zboot (zstd) declares 1048576 bytes, its payload gives more",
};

/* A zstd frame that states 0 bytes: refused, nothing is allocated for it. */
FIXTURE_VARIANT_ADD(refusal, zboot_zstd_declares_zero) {
	.file = "empty-zstd.efi",
	.err = EINVAL,
	.log = "efi-zboot (zstd) declares 0 bytes: no kernel is empty",
};

FIXTURE_VARIANT_ADD(refusal, gzip_isize_zero) {
	.file = "kernel.gz",
	.edit = { SET_FROM(FROM_END, 4, 4, 0) },	/* ISIZE */
	.err = EINVAL,
	.log = "gzip (gzip) ISIZE 0 declares an empty kernel",
};

/* zstd, not gzip: other methods have a size word after the payload. */
FIXTURE_VARIANT_ADD(refusal, zboot_unknown_compression) {
	.file = "zboot-zstd.efi",
	.edit = { SET(ZBOOT_COMP_TYPE, 8, 0x616d7a6c) },	/* "lzma" */
	.err = EOPNOTSUPP,
	.log = "efi-zboot compression \"lzma\": no decompressor for it",
};
#elif defined(__arm__)
/* arm zImage header: arch/arm/boot/compressed/head.S and vmlinux.lds.S. */
#define ZI_MAGIC	0x24
#define ZI_END		0x2c
#define ZI_ENDIAN	0x30
#define ZI_MAGIC2	0x34
#define ZI_TABLE	0x38
#define ZI_FLAG_BE	0x01020304	/* the BE8 flag, read little-endian */

/*
 * The runner's crashkernel= region is 96 MiB: a kernel that decompresses
 * to 128 MiB cannot fit, and the refusal says so before anything else.
 */
FIXTURE_VARIANT_ADD(refusal, zimage_crash_footprint_past_region) {
	.edit = { SET_FROM(FROM_ZIMAGE_SIZE_WORD, 0, 4, 0x8000000) },
	.crash = true,
	.err = EADDRNOTAVAIL,
	.log = "runs past the crash kernel region",
};

FIXTURE_VARIANT_ADD(refusal, zimage_wrong_magic) {
	.edit = { SET(ZI_MAGIC, 4, 0x016f2819) },
	.err = ENOEXEC,
	.log = "no loader of this kernel recognises",
};

/* Our zImage is position independent: start is 0. */
FIXTURE_VARIANT_ADD(refusal, zimage_end_not_above_start) {
	.edit = { SET(ZI_END, 4, 0) },
	.err = EINVAL,
	.log = "end 0x00000000 is not above start 0x00000000",
};

FIXTURE_VARIANT_ADD(refusal, zimage_end_beyond_file) {
	.edit = { SET(ZI_END, 4, 0x40000000) },
	.err = EINVAL,
	.log = "end - start = 0x40000000 exceeds the file's",
};

FIXTURE_VARIANT_ADD(refusal, zimage_table_offset_unaligned) {
	.edit = { SET(ZI_TABLE, 4, 0x3d) },
	.err = EINVAL,
	.log = "extension table offset 0x3d is not an aligned offset",
};

/*
 * Without the extension table: its NOTE area holds our little-endian
 * notes, which read big-endian are malformed (EINVAL) first.
 */
FIXTURE_VARIANT_ADD(refusal, zimage_big_endian) {
	.edit = { SET(ZI_ENDIAN, 4, ZI_FLAG_BE), SET(ZI_MAGIC2, 4, 0) },
	.err = EOPNOTSUPP,
	.log = "a big-endian zImage cannot follow a little-endian kernel",
};
#elif defined(__x86_64__)
/* x86 setup header: Documentation/arch/x86/boot.rst. */
#define X86_HEADER		0x202
#define X86_VERSION		0x206
#define X86_KERNEL_ALIGNMENT	0x230
#define X86_RELOCATABLE		0x234
#define X86_MIN_ALIGNMENT	0x235
#define X86_XLOADFLAGS		0x236
#define X86_CMDLINE_SIZE	0x238
#define X86_PAYLOAD_LENGTH	0x24c
#define X86_PREF_ADDRESS	0x258
#define X86_INIT_SIZE		0x260
#define X86_XLF_KERNEL_64	0x1
#define X86_XLF_ABOVE_4G	0x2
#define X86_XLF_5LEVEL		0x20
/* The IOAPIC's page on QEMU's pc machine: never System RAM. */
#define X86_NOT_RAM		0xfec00000

FIXTURE_VARIANT_ADD(refusal, x86_not_a_bzimage) {
	.edit = { SET(X86_HEADER, 4, 0x58726448) },	/* "HdrX" */
	.err = ENOEXEC,
	.log = "no loader of this kernel recognises",
};

FIXTURE_VARIANT_ADD(refusal, x86_protocol_2_11) {
	.edit = { SET(X86_VERSION, 2, 0x020b) },
	.err = EOPNOTSUPP,
	.log = "boot protocol 2.11: this loader needs 2.12 or later",
};

FIXTURE_VARIANT_ADD(refusal, x86_no_64bit_entry) {
	.edit = { SET_BITS(X86_XLOADFLAGS, 2, X86_XLF_KERNEL_64, 0) },
	.err = EOPNOTSUPP,
	.log = "XLF_KERNEL_64 is clear",
};

FIXTURE_VARIANT_ADD(refusal, x86_not_above_4g) {
	.edit = { SET_BITS(X86_XLOADFLAGS, 2, X86_XLF_ABOVE_4G, 0) },
	.err = EOPNOTSUPP,
	.log = "XLF_CAN_BE_LOADED_ABOVE_4G is clear",
};

/*
 * Whether this kernel runs with 5-level paging: it clears the la57 flag
 * when it does not (early_identify_cpu()).
 */
static int runs_5level(void)
{
	char line[8192], *tok, *save;
	int found = -1;
	FILE *f;

	f = fopen("/proc/cpuinfo", "r");
	if (!f)
		return -1;
	while (found < 0 && fgets(line, sizeof(line), f)) {
		if (strncmp(line, "flags", 5))
			continue;
		found = 0;
		for (tok = strtok_r(line, " \t\n", &save); tok;
		     tok = strtok_r(NULL, " \t\n", &save))
			if (!strcmp(tok, "la57"))
				found = 1;
	}
	fclose(f);
	return found;
}

FIXTURE_VARIANT_ADD(refusal, x86_no_5level_entry) {
	.edit = { SET_BITS(X86_XLOADFLAGS, 2, X86_XLF_5LEVEL, 0) },
	.err = EOPNOTSUPP,
	.log = "XLF_5LEVEL is clear, but this kernel runs with 5-level paging",
	.refused_here = runs_5level,
	.machine = "5-level paging (la57 in /proc/cpuinfo)",
};

FIXTURE_VARIANT_ADD(refusal, x86_kernel_alignment_not_power_of_two) {
	.edit = { SET(X86_KERNEL_ALIGNMENT, 4, 0x3000) },
	.err = EINVAL,
	.log = "kernel_alignment 0x3000 is not a power of two",
};

FIXTURE_VARIANT_ADD(refusal, x86_kernel_alignment_below_page) {
	.edit = { SET(X86_KERNEL_ALIGNMENT, 4, 0x800),
		  SET(X86_MIN_ALIGNMENT, 1, 11) },
	.err = EINVAL,
	.log = "kernel_alignment 0x800 is below the 0x1000-byte page",
};

FIXTURE_VARIANT_ADD(refusal, x86_truncated_in_setup_code) {
	.truncate_to = 0x800,
	.err = EINVAL,
	.log = "not inside the file's 0x800 bytes",
};

FIXTURE_VARIANT_ADD(refusal, x86_payload_beyond_file) {
	.edit = { SET(X86_PAYLOAD_LENGTH, 4, 0x40000000) },
	.err = EINVAL,
	.log = "+0x40000000 ends beyond the",
};

/* Placed, then refused by kexec's generic check of the segments. */
FIXTURE_VARIANT_ADD(refusal, x86_init_size_above_half_of_ram) {
	.edit = { SET(X86_INIT_SIZE, 4, 0) },
	.above_half_ram = true,
	.err = EINVAL,
	.log = "is more than half of the",
};

/* The runner's crashkernel= region is 160 MiB. */
FIXTURE_VARIANT_ADD(refusal, x86_crash_init_size_past_region) {
	.edit = { SET(X86_INIT_SIZE, 4, 0x10000000) },
	.crash = true,
	.err = EADDRNOTAVAIL,
	.log = "init_size 0x10000000: no free crashkernel memory of 0x10000000 bytes",
};

FIXTURE_VARIANT_ADD(refusal, x86_init_size_below_code) {
	.edit = { SET(X86_INIT_SIZE, 4, 0x1000) },
	.err = EINVAL,
	.log = "init_size 0x1000 is smaller than the",
};

/* The test command line is longer than 8 bytes. */
FIXTURE_VARIANT_ADD(refusal, x86_cmdline_longer_than_cmdline_size) {
	.edit = { SET(X86_CMDLINE_SIZE, 4, 8) },
	.err = EINVAL,
	.log = "exceeds cmdline_size 8",
};

FIXTURE_VARIANT_ADD(refusal, x86_not_relocatable_pref_address_not_ram) {
	.edit = { SET(X86_RELOCATABLE, 1, 0),
		  SET(X86_PREF_ADDRESS, 8, X86_NOT_RAM) },
	.err = EADDRNOTAVAIL,
	.log = "runs only at pref_address, but 0xfec00000-0x",
};

/*
 * An ELF vmlinux started through its PVH entry (kexec-elf-pvh.c): the
 * runner stages our vmlinux; each variant changes one field of it. A Xen
 * note is namesz, descsz, type, "Xen\0", then its descriptor: the type is
 * 8 bytes into it, the descriptor's words 16, 20 and 24. PHYS32_RELOC's
 * words are align, min and max.
 */
#define ELF_MACHINE		0x12
#define ELF_PHOFF		0x20
#define ELF_NOTE_TYPE		8
#define ELF_NOTE_WORD(n)	(16 + 4 * (n))
#define ELF_UNKNOWN_NOTE	0x7f00
/* In the 768 MiB guest, 3 GiB is in the PCI hole; the crash region is above 128 MiB. */
#define ELF_HOLE		0xc0000000ULL

FIXTURE_VARIANT_ADD(refusal, elf_without_reloc_note_loads_at_p_paddr) {
	.file = "vmlinux",
	.edit = { SET_FROM(FROM_ELF_PVH_RELOC, ELF_NOTE_TYPE, 4, ELF_UNKNOWN_NOTE) },
	.loads = true,
};

FIXTURE_VARIANT_ADD(refusal, elf_other_machine) {
	.file = "vmlinux",
	.edit = { SET(ELF_MACHINE, 2, 183) },	/* EM_AARCH64 */
	.err = EOPNOTSUPP,
	.log = "e_machine 183: this loader starts x86-64 kernels",
};

FIXTURE_VARIANT_ADD(refusal, elf_without_pvh_entry) {
	.file = "vmlinux",
	.edit = { SET_FROM(FROM_ELF_PVH_ENTRY, ELF_NOTE_TYPE, 4, ELF_UNKNOWN_NOTE) },
	.err = EOPNOTSUPP,
	.log = "no Xen note XEN_ELFNOTE_PHYS32_ENTRY",
};

FIXTURE_VARIANT_ADD(refusal, elf_phdrs_past_the_file) {
	.file = "vmlinux",
	.edit = { SET(ELF_PHOFF, 8, 0x7fffffff0ULL) },
	.err = EINVAL,
	.log = "program headers 0x7fffffff0+0x",
};

FIXTURE_VARIANT_ADD(refusal, elf_entry_outside_the_image) {
	.file = "vmlinux",
	.edit = { SET_FROM(FROM_ELF_PVH_ENTRY, ELF_NOTE_WORD(0), 4, 0x1000) },
	.err = EINVAL,
	.log = "XEN_ELFNOTE_PHYS32_ENTRY 0x1000 is outside the loaded image",
};

FIXTURE_VARIANT_ADD(refusal, elf_align_not_power_of_two) {
	.file = "vmlinux",
	.edit = { SET_FROM(FROM_ELF_PVH_RELOC, ELF_NOTE_WORD(0), 4, 0x3000) },
	.err = EINVAL,
	.log = "XEN_ELFNOTE_PHYS32_RELOC align 0x3000 is not a power of two",
};

FIXTURE_VARIANT_ADD(refusal, elf_window_smaller_than_image) {
	.file = "vmlinux",
	.edit = { SET_FROM(FROM_ELF_PVH_RELOC, ELF_NOTE_WORD(1), 4, 0x1000000),
		  SET_FROM(FROM_ELF_PVH_RELOC, ELF_NOTE_WORD(2), 4, 0x10fffff) },
	.err = EINVAL,
	.log = "XEN_ELFNOTE_PHYS32_RELOC window 0x1000000-0x10fffff is smaller than the image",
};

FIXTURE_VARIANT_ADD(refusal, elf_window_without_ram) {
	.file = "vmlinux",
	.edit = { SET_FROM(FROM_ELF_PVH_RELOC, ELF_NOTE_WORD(1), 4, ELF_HOLE),
		  SET_FROM(FROM_ELF_PVH_RELOC, ELF_NOTE_WORD(2), 4, ELF_HOLE + 0xfffffff) },
	.err = EADDRNOTAVAIL,
	.log = "PHYS32_RELOC window 0xc0000000-0xcfffffff: no free System RAM",
};

FIXTURE_VARIANT_ADD(refusal, elf_crash_window_misses_crash_region) {
	.file = "vmlinux",
	.edit = { SET_FROM(FROM_ELF_PVH_RELOC, ELF_NOTE_WORD(2), 4, 0x7ffffff) },
	.crash = true,
	.err = EADDRNOTAVAIL,
	.log = "PHYS32_RELOC window 0x1000000-0x7ffffff: no free crashkernel memory",
};

FIXTURE_VARIANT_ADD(refusal, elf_without_reloc_note_p_paddr_in_hole) {
	.file = "vmlinux",
	.edit = { SET_FROM(FROM_ELF_PVH_RELOC, ELF_NOTE_TYPE, 4, ELF_UNKNOWN_NOTE) },
	.elf_shift = ELF_HOLE - 0x1000000,
	.err = EADDRNOTAVAIL,
	.log = "runs only at its p_paddr, but 0xc0000000-0x",
};

FIXTURE_VARIANT_ADD(refusal, elf_crash_without_reloc_note_outside_region) {
	.file = "vmlinux",
	.edit = { SET_FROM(FROM_ELF_PVH_RELOC, ELF_NOTE_TYPE, 4, ELF_UNKNOWN_NOTE) },
	.crash = true,
	.err = EADDRNOTAVAIL,
	.log = "is not free memory of the crashkernel region",
};

/*
 * x86's COMMAND_LINE_SIZE is 2048, NUL included: the longest line a
 * kernel started through its PVH entry reads in full has 2047 characters,
 * and a crash kernel's has 30 fewer, for "elfcorehdr=0x... ".
 */
FIXTURE_VARIANT_ADD(refusal, elf_cmdline_of_command_line_size_less_one_loads) {
	.file = "vmlinux",
	.cmdline_chars = 2047,
	.loads = true,
};

FIXTURE_VARIANT_ADD(refusal, elf_cmdline_of_command_line_size) {
	.file = "vmlinux",
	.cmdline_chars = 2048,
	.err = EINVAL,
	.log = "command line of 2048 bytes exceeds the 2047 a PVH kernel reads",
};

FIXTURE_VARIANT_ADD(refusal, elf_crash_cmdline_without_room_for_elfcorehdr) {
	.file = "vmlinux",
	.cmdline_chars = 2018,
	.crash = true,
	.err = EINVAL,
	.log = "command line of 2018 bytes plus 30 for elfcorehdr= exceeds the 2047",
};
#elif defined(__riscv)
/* riscv Image header: Documentation/arch/riscv/boot-image-header.rst. */
#define RV_TEXT_OFFSET	0x08
#define RV_IMAGE_SIZE	0x10
#define RV_FLAGS	0x18
#define RV_VERSION	0x20
#define RV_MAGIC	0x30
#define RV_MAGIC2	0x38
#define RV_PE_OFFSET	0x3c
/* Where the edits below put a PE header: right after the Image header. */
#define RV_PE_AT	0x40
/* "PE\0\0", then the machine: IMAGE_FILE_MACHINE_RISCV32. */
#define RV_PE_RISCV32	0x0000503200004550ULL

FIXTURE_VARIANT_ADD(refusal, riscv_without_magics) {
	.edit = { SET(RV_MAGIC, 8, 0), SET(RV_MAGIC2, 4, 0) },
	.err = ENOEXEC,
	.log = "no loader of this kernel recognises",
};

FIXTURE_VARIANT_ADD(refusal, riscv_image_size_zero) {
	.edit = { SET(RV_IMAGE_SIZE, 8, 0) },
	.err = EINVAL,
	.log = "image_size 0: the Image does not state its memory footprint",
};

FIXTURE_VARIANT_ADD(refusal, riscv_image_size_past_cap) {
	.edit = { SET(RV_IMAGE_SIZE, 8, 0x40000001) },
	.err = EINVAL,
	.log = "image_size 0x40000001 exceeds the 0x40000000 cap",
};

FIXTURE_VARIANT_ADD(refusal, riscv_text_offset_unaligned) {
	.edit = { SET(RV_TEXT_OFFSET, 8, 0x1000) },
	.err = EINVAL,
	.log = "text_offset 0x1000 is not a multiple of the 2 MiB kernel alignment",
};

FIXTURE_VARIANT_ADD(refusal, riscv_text_offset_plus_size_overflows) {
	.edit = { SET(RV_TEXT_OFFSET, 8, 0xffffffffffe00000ULL),
		  SET(RV_IMAGE_SIZE, 8, 0x400000) },
	.err = EINVAL,
	.log = "text_offset 0xffffffffffe00000 + image_size 0x400000 overflows",
};

/* text_offset places the Image above DRAM's start; a kexec'd one is not. */
FIXTURE_VARIANT_ADD(refusal, riscv_other_text_offset_loads) {
	.edit = { SET(RV_TEXT_OFFSET, 8, 0x400000) },
	.loads = true,
};

/* Reserved flag bits may mean something to a later kernel. */
FIXTURE_VARIANT_ADD(refusal, riscv_reserved_flag_loads) {
	.edit = { SET_BITS(RV_FLAGS, 8, 0x2, 0x2) },
	.loads = true,
};

/* /dev/kmsg shows the reason's backslash as \x5c: match past it. */
FIXTURE_VARIANT_ADD(refusal, riscv_version_0_2_without_magic2) {
	.edit = { SET(RV_MAGIC2, 4, 0) },
	.err = EINVAL,
	.log = "magic2 at 0x38 that 0.2 requires",
};

FIXTURE_VARIANT_ADD(refusal, riscv_major_version_1) {
	.edit = { SET(RV_VERSION, 4, 0x10000) },
	.err = EOPNOTSUPP,
	.log = "header version 1.0: this kernel reads major version 0 only",
};

FIXTURE_VARIANT_ADD(refusal, riscv_big_endian) {
	.edit = { SET_BITS(RV_FLAGS, 8, 0x1, 0x1) },
	.err = EOPNOTSUPP,
	.log = "flags 0x1: a big-endian Image, and riscv kernels are little-endian only",
};

/* Our Image has the EFI stub: MZ at 0, so the PE header is looked at. */
FIXTURE_VARIANT_ADD(refusal, riscv_pe_machine_riscv32) {
	.edit = { SET(RV_PE_OFFSET, 4, RV_PE_AT),
		  SET(RV_PE_AT, 8, RV_PE_RISCV32) },
	.err = EOPNOTSUPP,
	.log = "PE machine 0x5032 at 0x40: this kernel starts RISCV64 (0x5064) Images only",
};

FIXTURE_VARIANT_ADD(refusal, riscv_file_shorter_than_header) {
	.truncate_to = 0x3c,
	.err = EINVAL,
	.log = "file of 0x3c bytes truncates the 0x40-byte header",
};

/* Placed, then refused by kexec's generic check of the segments. */
FIXTURE_VARIANT_ADD(refusal, riscv_image_size_above_half_of_ram) {
	.edit = { SET(RV_IMAGE_SIZE, 8, 0) },
	.above_half_ram = true,
	.err = EINVAL,
	.log = "is more than half of the",
};

/* The runner's crashkernel= region is 160 MiB. */
FIXTURE_VARIANT_ADD(refusal, riscv_crash_image_size_past_region) {
	.edit = { SET(RV_IMAGE_SIZE, 8, 0x10000000) },
	.crash = true,
	.err = EADDRNOTAVAIL,
	.log = "no free crash kernel memory for the kernel: 0x10000000 bytes, aligned 0x200000",
};
#endif

#if defined(__x86_64__) || defined(__aarch64__)
/*
 * Unified Kernel Images (kernel/kexec_unwrap_uki.c), made by the runner
 * with objcopy around Debian's systemd-stub.
 */
FIXTURE_VARIANT_ADD(refusal, uki_section_past_the_end) {
	.file = "uki-truncated.efi",
	.err = EINVAL,
	.log = "ends beyond the file",
};

FIXTURE_VARIANT_ADD(refusal, uki_without_linux) {
	.file = "uki-no-linux.efi",
	.err = EINVAL,
	.log = "UKI has no .linux section",
};

FIXTURE_VARIANT_ADD(refusal, uki_linux_is_no_kernel) {
	.file = "uki-not-a-kernel.efi",
	.err = EINVAL,
	.log = "uki: .linux (65536 bytes) is not a kernel this kernel loads",
};

FIXTURE_VARIANT_ADD(refusal, uki_inside_a_uki) {
	.file = "uki-in-uki.efi",
	.err = EINVAL,
	.log = "uki: .linux holds another UKI",
};

FIXTURE_VARIANT_ADD(refusal, uki_for_another_machine) {
	.file = "uki-foreign.efi",
	.err = EOPNOTSUPP,
	.log = "is not this kernel's",
};

FIXTURE_VARIANT_ADD(refusal, uki_sections_overlap) {
	.file = "uki-overlap.efi",
	.err = EINVAL,
	.log = "overlap",
};

FIXTURE_VARIANT_ADD(refusal, uki_linux_twice) {
	.file = "uki-linux-twice.efi",
	.err = EINVAL,
	.log = "UKI section .linux appears twice",
};

FIXTURE_VARIANT_ADD(refusal, uki_cmdline_past_its_cap) {
	.file = "uki-cmdline-cap.efi",
	.err = EINVAL,
	.log = "UKI section .cmdline: 0x10001 bytes, past the cap of 0x10000",
};
#else
/*
 * arm has no KEXEC_UNWRAP_UKI, so its probe does not look for a UKI:
 * ENOEXEC, on which user space takes the UKI apart itself.
 */
FIXTURE_VARIANT_ADD(refusal, uki_not_taken_here) {
	.file = "uki-unsupported.efi",
	.err = ENOEXEC,
	.log = "no loader of this kernel recognises",
};
#endif

/*
 * Where a zImage's KLSZ tag says its decompressed size is: the tag is an
 * entry of the extension table (words, tag, then the word's offset), whose
 * offset is at 0x38 (arch/arm/boot/compressed/vmlinux.lds.S). -1: none.
 */
static long zimage_size_word(const unsigned char *image, size_t len)
{
	uint64_t at, words;
	int n;

	if (len < 0x3c)
		return -1;
	at = get_le(image + 0x38, 4);
	for (n = 0; n < 32 && at + 12 <= len; n++, at += 4 * words) {
		words = get_le(image + at, 4);
		if (words < 2)
			return -1;
		if (get_le(image + at + 4, 4) == 0x5a534c4b)	/* "KLSZ" */
			return get_le(image + at + 8, 4);
	}
	return -1;
}

/*
 * The file offset of the header of the note named "Xen" of @type in an
 * ELF64 little-endian file's PT_NOTE segments, or -1.
 */
static long elf_xen_note(const unsigned char *image, size_t len,
			 unsigned int type)
{
	uint64_t phoff, off, end, namesz, descsz, i;

	if (len < 0x40)
		return -1;
	phoff = get_le(image + 0x20, 8);
	for (i = 0; i < get_le(image + 0x38, 2); i++, phoff += 0x38) {
		if (phoff > len || len - phoff < 0x38 ||
		    get_le(image + phoff, 4) != 4)	/* PT_NOTE */
			continue;
		off = get_le(image + phoff + 0x08, 8);
		end = off + get_le(image + phoff + 0x20, 8);
		for (; end <= len && off + 16 <= end;
		     off += 12 + ((namesz + 3) & ~3ULL) + ((descsz + 3) & ~3ULL)) {
			namesz = get_le(image + off, 4);
			descsz = get_le(image + off + 4, 4);
			if (namesz == 4 && !memcmp(image + off + 12, "Xen", 4) &&
			    get_le(image + off + 8, 4) == type)
				return off;
		}
	}
	return -1;
}

/* Move every PT_LOAD and the PHYS32_ENTRY by @shift; -1 if there is none. */
static int elf_shift_paddr(unsigned char *image, size_t len, uint64_t shift)
{
	long entry = elf_xen_note(image, len, 18);
	uint64_t phoff, word, i;
	unsigned int b;

	if (entry < 0 || (size_t)entry + 20 > len)
		return -1;
	phoff = get_le(image + 0x20, 8);
	for (i = 0; i < get_le(image + 0x38, 2); i++, phoff += 0x38) {
		if (phoff > len || len - phoff < 0x38)
			return -1;
		if (get_le(image + phoff, 4) != 1)	/* PT_LOAD */
			continue;
		word = get_le(image + phoff + 0x18, 8) + shift;
		for (b = 0; b < 8; b++)
			image[phoff + 0x18 + b] = word >> (8 * b);
	}
	word = get_le(image + entry + 16, 4) + shift;
	for (b = 0; b < 4; b++)
		image[entry + 16 + b] = word >> (8 * b);
	return 0;
}

/* The file offset @e means in @image of @len bytes, or -1 outside it. */
static long edit_offset(const unsigned char *image, size_t len,
			const struct header_edit *e)
{
	uint64_t at = e->offset;
	long word;

	if (e->base == FROM_END) {
		at = len - e->offset;
	} else if (e->base == FROM_ZBOOT_PAYLOAD_END && len >= 0x10) {
		at += get_le(image + 0x08, 4) + get_le(image + 0x0c, 4);
	} else if (e->base == FROM_ZIMAGE_SIZE_WORD) {
		word = zimage_size_word(image, len);
		if (word < 0)
			return -1;
		at += word;
	} else if (e->base == FROM_ELF_PVH_ENTRY ||
		   e->base == FROM_ELF_PVH_RELOC) {
		word = elf_xen_note(image, len,
				    e->base == FROM_ELF_PVH_ENTRY ? 18 : 19);
		if (word < 0)
			return -1;
		at += word;
	}
	if (at > len || e->width > len - at)
		return -1;
	return at;
}

static int apply_edit(unsigned char *image, size_t len,
		      const struct header_edit *e)
{
	long at = edit_offset(image, len, e);
	uint64_t word;
	unsigned int i;

	if (at < 0)
		return -1;
	word = get_le(image + at, e->width);
	word = (word & ~e->mask) | (e->value & e->mask);
	for (i = 0; i < e->width; i++)
		image[at + i] = word >> (8 * i);
	return 0;
}

/* The kernel image, whole, in a malloc'd buffer; NULL on error. */
static unsigned char *read_image(int fd, size_t *len)
{
	unsigned char *image;
	struct stat st;

	if (fstat(fd, &st))
		return NULL;
	image = malloc(st.st_size);
	if (image && pread(fd, image, st.st_size, 0) != st.st_size) {
		free(image);
		return NULL;
	}
	*len = st.st_size;
	return image;
}

FIXTURE_SETUP(refusal)
{
	char kpath[256], ipath[256], cpath[256], fpath[256];
	int fd;

	self->image = NULL;
	self->kmsg_fd = -1;
	self->initrd_fd = -1;
	self->kernel_fd = open(test_input("KEXEC_TEST_KERNEL", "kernel", kpath,
					  sizeof(kpath)), O_RDONLY | O_CLOEXEC);
	if (self->kernel_fd < 0)
		SKIP(return, "no kernel image to load at %s", kpath);
	fd = self->kernel_fd;
	self->initrd_fd = open(test_input("KEXEC_TEST_INITRD", "initrd", ipath,
					  sizeof(ipath)), O_RDONLY | O_CLOEXEC);
	if (read_text(test_input("KEXEC_TEST_CMDLINE", "cmdline", cpath,
				 sizeof(cpath)), self->cmdline,
		      sizeof(self->cmdline)) < 0)
		snprintf(self->cmdline, sizeof(self->cmdline), "console=ttyS0");
	if (kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD) &&
	    syscall_missing(errno))
		SKIP(return, "kexec_file_load(2) is not implemented on this kernel");
	if (!variant)
		SKIP(return, "no header refusals are defined for this architecture");
	if (variant->file) {
		snprintf(fpath, sizeof(fpath), "%s/%s", KEXEC_TEST_DIR,
			 variant->file);
		fd = open(fpath, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			SKIP(return, "no %s in this VM", fpath);
	}
	self->image = read_image(fd, &self->len);
	ASSERT_TRUE(!!self->image);
	if (fd != self->kernel_fd)
		close(fd);
	self->kmsg_fd = kmsg_open_at_end();
	ASSERT_LE(0, self->kmsg_fd);
}

FIXTURE_TEARDOWN(refusal)
{
	kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD);
	kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD | KEXEC_FILE_ON_CRASH);
	free(self->image);
	if (self->kmsg_fd >= 0)
		close(self->kmsg_fd);
	if (self->initrd_fd >= 0)
		close(self->initrd_fd);
	if (self->kernel_fd >= 0)
		close(self->kernel_fd);
}

/*
 * @len after truncating to @truncate_to (when set) or cutting @cut bytes;
 * 0 when the file is too short for that.
 */
static size_t edited_len(size_t len, size_t truncate_to, size_t cut)
{
	if (truncate_to)
		return truncate_to <= len ? truncate_to : 0;
	return cut < len ? len - cut : 0;
}

/* An EFI zboot file's length up to the middle of its payload, or 0. */
static size_t zboot_mid_payload(const unsigned char *image, size_t len)
{
	uint64_t mid;

	if (len < 0x10)
		return 0;
	mid = get_le(image + 0x08, 4) + get_le(image + 0x0c, 4) / 2;
	return mid < len ? mid : 0;
}

/*
 * 32 MiB above half of this kernel's RAM (MemTotal, its totalram_pages),
 * on a 2 MiB boundary: a footprint kexec's generic check refuses, small
 * enough to find a hole first. 0 if MemTotal cannot be read.
 */
static uint64_t above_half_of_ram(void)
{
	char line[256];
	uint64_t kib = 0;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return 0;
	while (!kib && fgets(line, sizeof(line), f))
		if (sscanf(line, "MemTotal: %" SCNu64 " kB", &kib) != 1)
			kib = 0;
	fclose(f);
	return ((kib << 10) / 2 + (32 << 20)) & ~((uint64_t)(2 << 20) - 1);
}

/* A memfd holding the first @len bytes of @image after @edit[]. */
static int edited_image(unsigned char *image, size_t len,
			const struct header_edit *edit)
{
	int i, fd;

	for (i = 0; i < MAX_EDITS && edit[i].width; i++)
		if (apply_edit(image, len, &edit[i]))
			return -1;
	fd = memfd_create("edited-kernel", MFD_CLOEXEC);
	if (fd >= 0 && write(fd, image, len) != (ssize_t)len) {
		close(fd);
		return -1;
	}
	return fd;
}

/* A command line of @chars characters: the test's console, then 'x's. */
static char *long_cmdline(size_t chars)
{
	char *line = malloc(chars + 1);

	if (!line)
		return NULL;
	memset(line, 'x', chars);
	memcpy(line, "console=ttyS0 ", chars < 14 ? chars : 14);
	line[chars] = '\0';
	return line;
}

TEST_F(refusal, is_refused_with_reason)
{
	const char *loaded = variant->crash ? KEXEC_CRASH_LOADED : KEXEC_LOADED;
	struct header_edit edit[MAX_EDITS];
	const char *cmdline = self->cmdline;
	char line[512];
	size_t len;
	int fd, flags = self->initrd_fd < 0 ? KEXEC_FILE_NO_INITRAMFS : 0;
	int refused = 1;

	if (variant->cmdline_chars) {
		cmdline = long_cmdline(variant->cmdline_chars);
		ASSERT_NE(NULL, cmdline);
	}

	if (variant->crash) {
		if (read_long(KEXEC_CRASH_SIZE) <= 0)
			SKIP(return, "no crashkernel= reservation on this boot");
		flags |= KEXEC_FILE_ON_CRASH;
	}
	if (variant->refused_here) {
		refused = variant->refused_here();
		if (refused < 0)
			SKIP(return, "cannot tell whether this machine has %s",
			     variant->machine);
	}
	len = edited_len(self->len, variant->truncate_to, variant->cut);
	if (variant->cut_zboot_payload)
		len = zboot_mid_payload(self->image, self->len);
	ASSERT_TRUE(len != 0) {
		TH_LOG("the %zu-byte file cannot be cut as the variant asks",
		       self->len);
	}
	memcpy(edit, variant->edit, sizeof(edit));
	if (variant->above_half_ram) {
		edit[0].value = above_half_of_ram();
		ASSERT_NE(0ULL, (unsigned long long)edit[0].value);
		TH_LOG("footprint 0x%" PRIx64 " bytes", edit[0].value);
	}
	if (variant->elf_shift)
		ASSERT_EQ(0, elf_shift_paddr(self->image, len, variant->elf_shift));
	fd = edited_image(self->image, len, edit);
	ASSERT_LE(0, fd);
	if (variant->loads) {
		ASSERT_EQ(0, kexec_file_load(fd, self->initrd_fd, cmdline,
					     flags)) {
			TH_LOG("kexec_file_load: %s", strerror(errno));
		}
		ASSERT_EQ(1, read_long(loaded));
		close(fd);
		return;
	}
	if (!refused) {
		TH_LOG("this machine does not have %s: the image must load",
		       variant->machine);
		ASSERT_EQ(0, kexec_file_load(fd, self->initrd_fd, cmdline,
					     flags)) {
			TH_LOG("kexec_file_load: %s", strerror(errno));
		}
		ASSERT_EQ(1, read_long(loaded));
		ASSERT_EQ(0, kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD |
					     (flags & KEXEC_FILE_ON_CRASH)));
		close(fd);
		return;
	}
	ASSERT_EQ(-1, kexec_file_load(fd, self->initrd_fd, cmdline, flags));
	ASSERT_EQ(variant->err, errno) {
		TH_LOG("expected %s, got %s", strerror(variant->err),
		       strerror(errno));
	}
	close(fd);
	ASSERT_EQ(1, kmsg_lines(self->kmsg_fd, KEXEC_LOG_PREFIX, line,
				sizeof(line))) {
		TH_LOG("the refusal must log exactly one line");
	}
	TH_LOG("kernel said: %s", line);
	ASSERT_TRUE(!!strstr(line, variant->log)) {
		TH_LOG("expected the line to contain \"%s\"", variant->log);
	}
	ASSERT_EQ(0, read_long(loaded));
	/* Nothing is left half loaded: the unchanged image still loads. */
	ASSERT_EQ(0, kexec_file_load(self->kernel_fd, self->initrd_fd,
				     self->cmdline, flags)) {
		TH_LOG("valid load after the refusal: %s", strerror(errno));
	}
	ASSERT_EQ(1, read_long(loaded));
}

#if defined(__x86_64__)
/*
 * Placement (Documentation/admin-guide/kexec-file-images/x86.rst): with
 * KEXEC_FILE_DEBUG the loader logs where the kernel went.
 */

/*
 * Load the image with @edit applied and KEXEC_FILE_DEBUG, and check the
 * loader's "Loaded 64bit kernel at" line: at pref_address, or (for a
 * crash kernel) inside the crashkernel region.
 */
static void load_and_locate(struct __test_metadata *_metadata, int kernel_fd,
			    int initrd_fd, const char *cmdline,
			    const struct header_edit *edit, unsigned long flags,
			    char *line, size_t size)
{
	unsigned char *image;
	size_t len;
	int fd, kmsg;

	image = read_image(kernel_fd, &len);
	ASSERT_TRUE(!!image);
	fd = edited_image(image, len, edit);
	free(image);
	ASSERT_LE(0, fd);
	kmsg = kmsg_open_at_end();
	ASSERT_LE(0, kmsg);
	ASSERT_EQ(0, kexec_file_load(fd, initrd_fd, cmdline,
				     flags | KEXEC_FILE_DEBUG)) {
		TH_LOG("kexec_file_load: %s", strerror(errno));
	}
	close(fd);
	ASSERT_EQ(1, kmsg_find(kmsg, "64bit kernel at 0x", line, size)) {
		TH_LOG("no \"Loaded 64bit kernel at\" line with KEXEC_FILE_DEBUG");
	}
	close(kmsg);
	TH_LOG("kernel said: %s", line);
}

static uint64_t pref_address_of(int kernel_fd)
{
	unsigned char hdr[X86_INIT_SIZE];

	if (pread(kernel_fd, hdr, sizeof(hdr), 0) != sizeof(hdr))
		return 0;
	return get_le(hdr + X86_PREF_ADDRESS, 8);
}

/* The address in a "Loaded 64bit kernel at 0x..." line. */
static uint64_t loaded_at(const char *line)
{
	const char *p = strstr(line, "kernel at 0x");

	return p ? strtoull(p + strlen("kernel at "), NULL, 16) : 0;
}

/* The "Crash kernel" range of /proc/iomem; -1 when there is none. */
static int crash_region(unsigned long long *start, unsigned long long *end)
{
	char buf[256];
	FILE *f = fopen("/proc/iomem", "re");
	int ret = -1;

	if (!f)
		return -1;
	while (fgets(buf, sizeof(buf), f))
		if (strstr(buf, ": Crash kernel") &&
		    sscanf(buf, " %llx-%llx", start, end) == 2) {
			ret = 0;
			break;
		}
	fclose(f);
	return ret;
}

/* A relocatable kernel goes to its pref_address when that RAM is free. */
TEST_F(kexec, x86_relocatable_loads_at_pref_address)
{
	const struct header_edit none[MAX_EDITS] = { };
	uint64_t pref = pref_address_of(self->kernel_fd);
	char line[512], want[64];

	ASSERT_TRUE(pref != 0);
	load_and_locate(_metadata, self->kernel_fd, self->initrd_fd,
			self->cmdline, none, 0, line, sizeof(line));
	snprintf(want, sizeof(want), "kernel at 0x%llx ",
		 (unsigned long long)pref);
	ASSERT_TRUE(!!strstr(line, want)) {
		TH_LOG("expected \"%s\"", want);
	}
	ASSERT_EQ(1, read_long(KEXEC_LOADED));
}

/* relocatable_kernel = 0: at pref_address exactly, here free RAM. */
TEST_F(kexec, x86_non_relocatable_loads_at_pref_address)
{
	const struct header_edit fixed[MAX_EDITS] = {
		SET(X86_RELOCATABLE, 1, 0),
	};
	uint64_t pref = pref_address_of(self->kernel_fd);
	char line[512], want[64];

	ASSERT_TRUE(pref != 0);
	load_and_locate(_metadata, self->kernel_fd, self->initrd_fd,
			self->cmdline, fixed, 0, line, sizeof(line));
	snprintf(want, sizeof(want), "kernel at 0x%llx ",
		 (unsigned long long)pref);
	ASSERT_TRUE(!!strstr(line, want)) {
		TH_LOG("expected \"%s\"", want);
	}
	ASSERT_TRUE(!!strstr(line, "(not relocatable)"));
	ASSERT_EQ(1, read_long(KEXEC_LOADED));
}

/*
 * A crash kernel lives in the crashkernel region: a relocatable kernel
 * moves into it, a non-relocatable one whose pref_address lies outside it
 * is refused.
 */
TEST_F(kexec, x86_crash_kernel_placement)
{
	const struct header_edit none[MAX_EDITS] = { };
	unsigned long long pref = pref_address_of(self->kernel_fd), start, end, at;
	unsigned char *image;
	char line[512];
	size_t len;
	int fd, kmsg;

	if (read_long(KEXEC_CRASH_SIZE) <= 0)
		SKIP(return, "no crashkernel= reservation on this boot");
	ASSERT_EQ(0, crash_region(&start, &end));
	load_and_locate(_metadata, self->kernel_fd, self->initrd_fd,
			self->cmdline, none, KEXEC_FILE_ON_CRASH, line,
			sizeof(line));
	at = loaded_at(line);
	ASSERT_TRUE(at >= start && at <= end && at >= pref) {
		TH_LOG("0x%llx is not in the region 0x%llx-0x%llx at or above pref_address",
		       at, start, end);
	}
	ASSERT_EQ(1, read_long(KEXEC_CRASH_LOADED));
	if (pref >= start)
		SKIP(return, "pref_address 0x%llx is not below the crashkernel region",
		     pref);
	ASSERT_EQ(0, kexec_file_load(-1, -1, NULL,
				     KEXEC_FILE_UNLOAD | KEXEC_FILE_ON_CRASH));

	image = read_image(self->kernel_fd, &len);
	ASSERT_TRUE(!!image);
	image[X86_RELOCATABLE] = 0;
	fd = edited_image(image, len, none);
	free(image);
	ASSERT_LE(0, fd);
	kmsg = kmsg_open_at_end();
	ASSERT_LE(0, kmsg);
	ASSERT_EQ(-1, kexec_file_load(fd, self->initrd_fd, self->cmdline,
				      KEXEC_FILE_ON_CRASH));
	ASSERT_EQ(EADDRNOTAVAIL, errno);
	close(fd);
	ASSERT_EQ(1, kmsg_lines(kmsg, KEXEC_LOG_PREFIX, line, sizeof(line)));
	close(kmsg);
	TH_LOG("kernel said: %s", line);
	ASSERT_TRUE(!!strstr(line, "is not free in the crashkernel region"));
	ASSERT_EQ(0, read_long(KEXEC_CRASH_LOADED));
}
#endif

TEST_HARNESS_MAIN
