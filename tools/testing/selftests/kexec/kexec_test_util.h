/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the kexec_file_load(2) selftests and the kexec-vm init.
 *
 * The files a test needs sit under KEXEC_TEST_DIR in the initramfs that the
 * kexec-vm runner builds (tools/testing/kexec-vm/):
 *
 *   kernel   the image to load
 *   initrd   the initramfs handed to the next kernel
 *   cmdline  the command line handed to the next kernel
 *   token    (in the next kernel's initrd) the token its command line must hold
 *   blob     (likewise) random bytes whose FNV-1a hash is kt.blob= on the cmdline
 *
 * Outside the runner, KEXEC_TEST_KERNEL, KEXEC_TEST_INITRD and
 * KEXEC_TEST_CMDLINE name them instead.
 */
#ifndef KEXEC_TEST_UTIL_H
#define KEXEC_TEST_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <linux/kexec.h>

#define KEXEC_TEST_DIR		"/kexec-test"
#define KEXEC_TEST_ACTION	"/tmp/kexec-test-action"

#ifndef __NR_kexec_file_load
# if defined(__arm__)
#  define __NR_kexec_file_load 401
# else
#  error "__NR_kexec_file_load is not defined for this architecture"
# endif
#endif

static inline long kexec_file_load(int kernel_fd, int initrd_fd,
				   const char *cmdline, unsigned long flags)
{
	unsigned long len = cmdline ? strlen(cmdline) + 1 : 0;

	return syscall(__NR_kexec_file_load, kernel_fd, initrd_fd, len,
		       cmdline, flags);
}

/*
 * Whether @err says this kernel has no such system call, as it answers for
 * kexec_file_load(2) without CONFIG_KEXEC_FILE. (An impossible syscall
 * number is no portable probe: 32-bit ARM raises SIGILL for it.)
 */
static inline int syscall_missing(int err)
{
	return err == ENOSYS;
}

/* Read up to @size - 1 bytes of @path into @buf; -1 on error. */
static inline ssize_t read_text(const char *path, char *buf, size_t size)
{
	ssize_t n, done = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	while ((size_t)done < size - 1) {
		n = read(fd, buf + done, size - 1 - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += n;
	}
	close(fd);
	buf[done] = '\0';
	while (done > 0 && (buf[done - 1] == '\n' || buf[done - 1] == ' '))
		buf[--done] = '\0';
	return done;
}

/* The @width-byte little-endian word at @p, as header fields are stored. */
static inline uint64_t get_le(const unsigned char *p, unsigned int width)
{
	uint64_t v = 0;
	unsigned int i;

	for (i = 0; i < width; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

#define KMEMLEAK	"/sys/kernel/debug/kmemleak"

/* Write @cmd ("clear", "scan") to kmemleak's debugfs file; 0 or -1. */
static inline int kmemleak_command(const char *cmd)
{
	int fd = open(KMEMLEAK, O_WRONLY | O_CLOEXEC);
	int ret;

	if (fd < 0)
		return -1;
	ret = write(fd, cmd, strlen(cmd)) == (ssize_t)strlen(cmd) ? 0 : -1;
	close(fd);
	return ret;
}

/* The integer in a sysfs file such as /sys/kernel/kexec_loaded, or -1. */
static inline long read_long(const char *path)
{
	char buf[32];

	if (read_text(path, buf, sizeof(buf)) <= 0)
		return -1;
	return strtol(buf, NULL, 0);
}

#ifdef MFD_CLOEXEC	/* memfd_create(), for programs with _GNU_SOURCE */
/*
 * A file that no loader recognises: text, not a program. An executable
 * would not do on x86_64, where the ELF/PVH loader recognises any ELF
 * executable and refuses one without a PVH entry with EOPNOTSUPP.
 */
static inline int not_a_kernel_fd(void)
{
	static const char text[] = "This is not a kernel image.\n";
	int fd = memfd_create("not-a-kernel", MFD_CLOEXEC);
	int i;

	for (i = 0; fd >= 0 && i < 1024; i++) {
		if (write(fd, text, sizeof(text) - 1) != sizeof(text) - 1) {
			close(fd);
			return -1;
		}
	}
	return fd;
}

/*
 * Two KEXEC_FILE_ON_CRASH reloads that must fail without disarming the
 * crash kernel already loaded: a file that is no kernel (ENOEXEC), and the
 * kernel at @kernel_fd with an initrd larger than the whole crash kernel
 * region, which no placement fits (EADDRNOTAVAIL). Returns 0 when both
 * were refused so and the crash kernel is still loaded, else -1 with the
 * reason in @why.
 */
static inline int refused_crash_reloads(int kernel_fd, const char *cmdline,
					char *why, size_t size)
{
	long crash_size = read_long("/sys/kernel/kexec_crash_size");
	int not_kernel = not_a_kernel_fd();
	int big = memfd_create("crash-region-and-more", MFD_CLOEXEC);
	int ret = -1;

	snprintf(why, size, "cannot make the inputs");
	if (crash_size <= 0 || not_kernel < 0 || big < 0 ||
	    ftruncate(big, crash_size + (16 << 20)))
		goto out;
	if (kexec_file_load(not_kernel, -1, cmdline, KEXEC_FILE_ON_CRASH |
			    KEXEC_FILE_NO_INITRAMFS) != -1 || errno != ENOEXEC) {
		snprintf(why, size, "not a kernel: %s", strerror(errno));
		goto out;
	}
	if (read_long("/sys/kernel/kexec_crash_loaded") != 1) {
		snprintf(why, size, "a refused file disarmed the crash kernel");
		goto out;
	}
	if (kexec_file_load(kernel_fd, big, cmdline, KEXEC_FILE_ON_CRASH) != -1 ||
	    errno != EADDRNOTAVAIL) {
		snprintf(why, size, "initrd of %ld bytes: %s",
			 crash_size + (16L << 20), strerror(errno));
		goto out;
	}
	if (read_long("/sys/kernel/kexec_crash_loaded") != 1) {
		snprintf(why, size, "a kernel that found no room disarmed the crash kernel");
		goto out;
	}
	ret = 0;
out:
	if (not_kernel >= 0)
		close(not_kernel);
	if (big >= 0)
		close(big);
	return ret;
}
#endif

/* Copy @src to a new file @dst: the copy's size, or -1. */
static inline off_t copy_file(const char *src, const char *dst)
{
	char buf[65536];
	int in = open(src, O_RDONLY | O_CLOEXEC);
	int out = open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	ssize_t n = -1;
	off_t size = 0;

	while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof(buf))) > 0) {
		if (write(out, buf, n) != n) {
			n = -1;
			break;
		}
		size += n;
	}
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out))
		n = -1;
	return n ? -1 : size;
}

/*
 * Copy the value of the first "@key=" word of @cmdline into @val.
 * Returns 0, or -1 when the key is absent or the value does not fit.
 */
static inline int cmdline_value(const char *cmdline, const char *key,
				char *val, size_t size)
{
	size_t klen = strlen(key), vlen;
	const char *p = cmdline;

	while (*p) {
		while (*p == ' ')
			p++;
		if (!strncmp(p, key, klen) && p[klen] == '=') {
			p += klen + 1;
			vlen = strcspn(p, " ");
			if (vlen >= size)
				return -1;
			memcpy(val, p, vlen);
			val[vlen] = '\0';
			return 0;
		}
		p += strcspn(p, " ");
	}
	return -1;
}

/* Like cmdline_value(), on the running kernel's /proc/cmdline. */
static inline int kernel_param(const char *key, char *val, size_t size)
{
	char cmdline[4096];

	if (read_text("/proc/cmdline", cmdline, sizeof(cmdline)) < 0)
		return -1;
	return cmdline_value(cmdline, key, val, size);
}

/* FNV-1a, 64 bit: the runner computes the same over the blob it ships. */
static inline int fnv1a64_file(const char *path, uint64_t *hash,
			       uint64_t *size)
{
	unsigned char buf[65536];
	uint64_t h = 0xcbf29ce484222325ULL, total = 0;
	ssize_t n, i;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (i = 0; i < n; i++) {
			h ^= buf[i];
			h *= 0x100000001b3ULL;
		}
		total += n;
	}
	close(fd);
	if (n < 0)
		return -1;
	*hash = h;
	*size = total;
	return 0;
}

/* Path of a test input: $@env if set, else KEXEC_TEST_DIR/@name. */
static inline const char *test_input(const char *env, const char *name,
				     char *buf, size_t size)
{
	const char *p = getenv(env);

	if (p && *p)
		return p;
	snprintf(buf, size, "%s/%s", KEXEC_TEST_DIR, name);
	return buf;
}

static inline double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/*
 * A /dev/kmsg reader positioned at the end of the log, so that it sees only
 * what the kernel logs from now on; -1 on error.
 */
static inline int kmsg_open_at_end(void)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd >= 0 && lseek(fd, 0, SEEK_END) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Copy @src into @dst of @size bytes, cut short if need be. */
static inline void copy_text(char *dst, size_t size, const char *src)
{
	size_t n = strnlen(src, size - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

/*
 * The text of the next record logged since kmsg_open_at_end(), without
 * its prefix and newline; its timestamp in microseconds when @usec is not
 * NULL, and its log level (0, emergency, to 7, debug) when @level is not
 * NULL. 0 when there is none left, 1 otherwise.
 */
static inline int kmsg_next_record(int fd, char *msg, size_t size,
				   unsigned long long *usec, int *level)
{
	char rec[2048], *text;
	unsigned int prio;
	ssize_t n;

	for (;;) {
		n = read(fd, rec, sizeof(rec) - 1);
		if (n < 0 && (errno == EPIPE || errno == EINTR))
			continue;	/* EPIPE: older records were overwritten */
		if (n <= 0)
			return 0;
		rec[n] = '\0';
		text = strchr(rec, ';');
		if (!text)
			continue;
		/* "priority,sequence,usec,flags;text", priority = facility * 8 + level */
		if (usec && sscanf(rec, "%*u,%*u,%llu", usec) != 1)
			*usec = 0;
		if (level)
			*level = sscanf(rec, "%u", &prio) == 1 ? (int)(prio & 7) : 7;
		text++;
		text[strcspn(text, "\n")] = '\0';
		copy_text(msg, size, text);
		return 1;
	}
}

static inline int kmsg_next_at(int fd, char *msg, size_t size,
			       unsigned long long *usec)
{
	return kmsg_next_record(fd, msg, size, usec, NULL);
}

static inline int kmsg_next(int fd, char *msg, size_t size)
{
	return kmsg_next_at(fd, msg, size, NULL);
}

/*
 * Count the records logged since kmsg_open_at_end() (or the last call)
 * whose text starts with @prefix, and copy the first one's text into @line.
 */
static inline int kmsg_lines(int fd, const char *prefix, char *line,
			     size_t size)
{
	char msg[2048];
	int count = 0;

	line[0] = '\0';
	while (kmsg_next(fd, msg, sizeof(msg)))
		if (!strncmp(msg, prefix, strlen(prefix)) && !count++)
			copy_text(line, size, msg);
	return count;
}

/* Like kmsg_lines(), for the first record that contains @needle: 1 or 0. */
static inline int kmsg_find(int fd, const char *needle, char *line,
			    size_t size)
{
	char msg[2048];

	line[0] = '\0';
	while (kmsg_next(fd, msg, sizeof(msg)))
		if (strstr(msg, needle)) {
			copy_text(line, size, msg);
			return 1;
		}
	return 0;
}

/*
 * Append the text of every record logged since kmsg_open_at_end() (or the
 * last call) to @buf, one per line; returns how many were read.
 */
static inline int kmsg_text(int fd, char *buf, size_t size)
{
	char msg[2048];
	size_t used = 0;
	int count = 0;

	buf[0] = '\0';
	while (kmsg_next(fd, msg, sizeof(msg))) {
		if (used < size)
			used += snprintf(buf + used, size - used, "%s\n", msg);
		count++;
	}
	return count;
}

/*
 * Write @text to the sysfs, procfs or cgroup file @path in one write():
 * 0, or -1 with errno when it cannot be opened or takes less.
 */
static inline int write_file_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	return close(fd) || n != (ssize_t)strlen(text) ? -1 : 0;
}

/* Tell the kexec-vm init what to do once the tests are over. */
static inline int arm_action(const char *action)
{
	FILE *f = fopen(KEXEC_TEST_ACTION, "w");

	if (!f)
		return -1;
	fprintf(f, "%s\n", action);
	return fclose(f);
}

#endif /* KEXEC_TEST_UTIL_H */
