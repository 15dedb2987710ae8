// SPDX-License-Identifier: GPL-2.0
/*
 * The IMA measurement list across kexec (CONFIG_IMA_KEXEC): the kernel
 * that kexec_file_load(2) starts must begin its list with the running
 * kernel's entries, the measurement of the kernel it was loaded from
 * among them, so that the TPM's PCR 10, which keeps every extend since
 * the machine's boot, still matches the list. They run only under the
 * kexec-vm runner:
 *
 *   stage 1  pvh_refused_while_tpm_attests_ima (x86_64 with a TPM): the
 *            ELF/PVH loader, which cannot hand the list over, refuses
 *            exec_with_ima_measuring_kexec: a policy that measures kexec
 *            images, a load whose command line tells the next kernel the
 *            list it must start with, then the exec
 *            exec_with_ima_appraising_kexec: a policy that appraises them:
 *            files without their hash, or not matching it, refused; with
 *            it, the load and the exec
 *   stage 2  next_kernel_continues_ima_list: that list, then its own
 *            next_kernel_list_replays: with a TPM, the SHA-256 list and
 *            PCR 10 printed for the runner, which replays the one into
 *            the other (attestation still works after the kexec)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "../kselftest_harness.h"
#include "kexec_test_util.h"

#define SECURITYFS	"/sys/kernel/security"
#define IMA_DIR		SECURITYFS "/ima"
#define IMA_POLICY	IMA_DIR "/policy"
#define IMA_LIST	IMA_DIR "/ascii_runtime_measurements"
#define IMA_LIST_SHA256	IMA_DIR "/ascii_runtime_measurements_sha256"
#define TPM_PCR10	"/sys/class/tpm/tpm0/pcr-sha256/10"
#define IMA_RULES	"measure func=KEXEC_KERNEL_CHECK\n" \
			"measure func=KEXEC_INITRAMFS_CHECK\n"
#define IMA_APPRAISE_RULES \
			"measure func=KEXEC_KERNEL_CHECK\n" \
			"measure func=KEXEC_INITRAMFS_CHECK\n" \
			"appraise func=KEXEC_KERNEL_CHECK\n" \
			"appraise func=KEXEC_INITRAMFS_CHECK\n"
/* The file name IMA records for the kernel stage 1 loads. */
#define KERNEL_NAME	KEXEC_TEST_DIR "/kernel"
#define INITRD_NAME	KEXEC_TEST_DIR "/initrd"
#define TAMPERED_NAME	KEXEC_TEST_DIR "/kernel.tampered"
/* security.ima as a digest: IMA_XATTR_DIGEST_NG, HASH_ALGO_SHA256, digest. */
#define IMA_XATTR	"security.ima"
#define IMA_XATTR_DIGEST_NG	4
#define IMA_HASH_SHA256		4
#define SHA256_LEN		32

struct ima_list {
	int entries;
	char first[160];	/* the first entry's template hash */
	int kernel_entry;	/* 1-based index of KERNEL_NAME's entry, or 0 */
};

/*
 * Read the list: "PCR template-hash template file-hash name" per line.
 * 0, or -1 when IMA has no list here.
 */
static int ima_list_read(struct ima_list *l)
{
	char line[1024], hash[160], name[512];
	FILE *f;

	if (access(IMA_DIR, F_OK))
		mount("securityfs", SECURITYFS, "securityfs", 0, NULL);
	f = fopen(IMA_LIST, "r");
	if (!f)
		return -1;
	memset(l, 0, sizeof(*l));
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%*s %159s %*s %*s %511s", hash, name) != 2)
			continue;
		if (!l->entries++)
			copy_text(l->first, sizeof(l->first), hash);
		if (!strcmp(name, KERNEL_NAME) && !l->kernel_entry)
			l->kernel_entry = l->entries;
	}
	fclose(f);
	return 0;
}

/*
 * IMA takes one rule per write() and says how much of the buffer it
 * took: write until every rule is in. The policy applies when the file
 * is closed, and without IMA_WRITE_POLICY it can be written once.
 */
static int write_policy(const char *rules)
{
	int fd = open(IMA_POLICY, O_WRONLY | O_CLOEXEC);
	size_t left = strlen(rules);
	ssize_t n = 0;

	if (fd < 0)
		return -1;
	while (left && (n = write(fd, rules, left)) > 0) {
		rules += n;
		left -= n;
	}
	if (!n)
		errno = EIO;
	return close(fd) || left ? -1 : 0;
}

/*
 * With a TPM holding the list's extends, a kernel started through its PVH
 * entry, which has no setup_data to find the list in, would start with an
 * empty list while PCR 10 keeps every old extend: the ELF/PVH loader
 * refuses (x86.rst), EOPNOTSUPP with one line, and nothing is loaded. The
 * runner puts our vmlinux beside the kernel stage 1 loads. The policy is
 * still the boot's: the list IMA hands over does not depend on it.
 */
TEST(pvh_refused_while_tpm_attests_ima)
{
	const char *needle = "the IMA measurement list";
	int fd, kmsg, lines, err;
	char line[512];

	ASSERT_EQ(0, access(TPM_PCR10, R_OK))
		TH_LOG("no %s: the case boots a machine with a TPM", TPM_PCR10);
	fd = open(KEXEC_TEST_DIR "/vmlinux", O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd) TH_LOG("no %s/vmlinux", KEXEC_TEST_DIR);
	kmsg = kmsg_open_at_end();
	ASSERT_LE(0, kmsg);
	err = kexec_file_load(fd, -1, "", KEXEC_FILE_NO_INITRAMFS) ? errno : 0;
	lines = kmsg_lines(kmsg, "kexec", line, sizeof(line));
	close(kmsg);
	close(fd);
	ASSERT_EQ(EOPNOTSUPP, err)
		TH_LOG("the PVH load: %s", err ? strerror(err) : "success");
	ASSERT_EQ(1, lines) TH_LOG("%d kexec lines, the first \"%s\"", lines, line);
	ASSERT_NE(NULL, strstr(line, needle))
		TH_LOG("the line \"%s\" does not say \"%s\"", line, needle);
	ASSERT_EQ(0, read_long("/sys/kernel/kexec_loaded"));
}

TEST(exec_with_ima_measuring_kexec)
{
	char cmdline[2048], *extra;
	unsigned long flags = 0;
	int kernel_fd, initrd_fd;
	struct ima_list l;
	size_t len;

	if (ima_list_read(&l))
		SKIP(return, "no %s: a kernel without IMA", IMA_LIST);
	if (access("/sys/kernel/kexec_loaded", F_OK))
		SKIP(return, "a kernel without kexec");
	ASSERT_EQ(0, write_policy(IMA_RULES))
		TH_LOG("writing the IMA policy: %s", strerror(errno));
	kernel_fd = open(KERNEL_NAME, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, kernel_fd);
	/* A UKI brings its own initrd: then the runner gives none. */
	initrd_fd = open(KEXEC_TEST_DIR "/initrd", O_RDONLY | O_CLOEXEC);
	if (initrd_fd < 0)
		flags = KEXEC_FILE_NO_INITRAMFS;
	ASSERT_LE(0, read_text(KEXEC_TEST_DIR "/cmdline", cmdline,
			       sizeof(cmdline)));
	/*
	 * The kernel file is measured when the load reads it, before IMA
	 * copies the list for the next kernel; so is the initrd. What the
	 * next kernel must start with is known only after the load: load
	 * once to have them measured, then again with the list's size and
	 * first entry on the command line (a file measured once is not
	 * measured again).
	 */
	ASSERT_EQ(0, kexec_file_load(kernel_fd, initrd_fd, cmdline, flags))
		TH_LOG("kexec_file_load: %s", strerror(errno));
	ASSERT_EQ(0, ima_list_read(&l));
	ASSERT_LT(0, l.kernel_entry)
		TH_LOG("no entry for %s in %s: the policy did not measure the kexec kernel",
		       KERNEL_NAME, IMA_LIST);
	len = strlen(cmdline);
	extra = cmdline + len;
	ASSERT_GT((int)(sizeof(cmdline) - len),
		  snprintf(extra, sizeof(cmdline) - len,
			   " kt.ima_first=%s kt.ima_entries=%d kt.ima_kernel=%d",
			   l.first, l.entries, l.kernel_entry));
	ASSERT_EQ(0, kexec_file_load(kernel_fd, initrd_fd, cmdline, flags))
		TH_LOG("kexec_file_load: %s", strerror(errno));
	ASSERT_EQ(0, ima_list_read(&l));
	printf("# kexec-vm: ima_list %d entries, %s at %d, first %s\n",
	       l.entries, KERNEL_NAME, l.kernel_entry, l.first);
	close(kernel_fd);
	if (initrd_fd >= 0)
		close(initrd_fd);
	ASSERT_EQ(0, arm_action("exec"));
}

/*
 * The SHA-256 IMA measured for @name (its last entry), as bytes.
 * 0, or -1 when the list has none.
 */
static int ima_measured_sha256(const char *name, unsigned char *digest)
{
	char line[1024], hash[160], file[512];
	unsigned int i, byte;
	int found = -1;
	FILE *f = fopen(IMA_LIST, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%*s %*s %*s %159s %511s", hash, file) != 2 ||
		    strcmp(file, name) || strncmp(hash, "sha256:", 7) ||
		    strlen(hash) != 7 + 2 * SHA256_LEN)
			continue;
		for (i = 0; i < SHA256_LEN; i++) {
			if (sscanf(hash + 7 + 2 * i, "%2x", &byte) != 1)
				break;
			digest[i] = byte;
		}
		if (i == SHA256_LEN)
			found = 0;
	}
	fclose(f);
	return found;
}

/* Give @path the digest IMA appraises it against. */
static int set_ima_digest(const char *path, const unsigned char *digest)
{
	unsigned char value[2 + SHA256_LEN] = {
		IMA_XATTR_DIGEST_NG, IMA_HASH_SHA256
	};

	memcpy(value + 2, digest, SHA256_LEN);
	return setxattr(path, IMA_XATTR, value, sizeof(value), 0);
}

/* A copy of @from at @to with its last byte changed. */
static int copy_tampered(const char *from, const char *to)
{
	off_t size = copy_file(from, to);
	unsigned char last;
	int fd, ret = -1;

	if (size <= 0)
		return -1;
	fd = open(to, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (pread(fd, &last, 1, size - 1) == 1) {
		last = ~last;
		if (pwrite(fd, &last, 1, size - 1) == 1)
			ret = 0;
	}
	close(fd);
	return ret;
}

/*
 * A load that must be refused by IMA's appraisal: EACCES, one kexec
 * line, which says a security module refused @what, nothing loaded.
 */
static int appraisal_refused(const char *kernel, const char *what,
			     const char *cmdline, char *why, size_t size)
{
	char line[512], needle[64];
	int kfd, ifd, kmsg, err = 0, lines = 0;

	kfd = open(kernel, O_RDONLY | O_CLOEXEC);
	ifd = open(INITRD_NAME, O_RDONLY | O_CLOEXEC);
	kmsg = kmsg_open_at_end();
	if (kfd >= 0 && ifd >= 0 && kmsg >= 0) {
		err = kexec_file_load(kfd, ifd, cmdline, 0) ? errno : 0;
		lines = kmsg_lines(kmsg, "kexec", line, sizeof(line));
	}
	if (kmsg >= 0)
		close(kmsg);
	if (ifd >= 0)
		close(ifd);
	if (kfd >= 0)
		close(kfd);
	if (kfd < 0 || ifd < 0 || kmsg < 0) {
		snprintf(why, size, "opening %s, %s or /dev/kmsg failed", kernel,
			 INITRD_NAME);
		return -1;
	}
	snprintf(needle, sizeof(needle), "reading the %s file failed: %d",
		 what, -EACCES);
	if (err != EACCES)
		snprintf(why, size, "%s: %s where EACCES", kernel,
			 err ? strerror(err) : "loaded");
	else if (lines != 1 || !strstr(line, needle) ||
		 !strstr(line, "security module"))
		snprintf(why, size, "%s: %d kexec lines, the first \"%s\"",
			 kernel, lines, line);
	else if (read_long("/sys/kernel/kexec_loaded"))
		snprintf(why, size, "%s: refused, yet a kernel is loaded", kernel);
	else
		return 0;
	return -1;
}

/*
 * IMA appraisal of kexec images: a policy that appraises
 * KEXEC_KERNEL_CHECK and KEXEC_INITRAMFS_CHECK, as ima_policy=secure_boot
 * does (with signatures) on a kernel without KEXEC_SIG. A kernel without
 * security.ima, a kernel whose bytes are not those its digest names, and
 * then an initrd without security.ima are each refused with EACCES and
 * one line; with both digests set, the load goes on and the exec. The
 * digests are IMA's own measurements of the files (the policy measures
 * too): what this shows is that IMA sees every file kexec_file_load()
 * reads, into the buffers kexec_file allocates itself, and that its
 * refusals reach the caller with their errno and line.
 */
TEST(exec_with_ima_appraising_kexec)
{
	unsigned char kernel_sha[SHA256_LEN], initrd_sha[SHA256_LEN];
	char cmdline[2048], why[640];
	int kernel_fd, initrd_fd;
	struct ima_list l;

	if (ima_list_read(&l))
		SKIP(return, "no %s: a kernel without IMA", IMA_LIST);
	if (access(INITRD_NAME, R_OK))
		SKIP(return, "no %s: the payload brings its own initrd", INITRD_NAME);
	ASSERT_LE(0, read_text(KEXEC_TEST_DIR "/cmdline", cmdline,
			       sizeof(cmdline)));
	ASSERT_EQ(0, write_policy(IMA_APPRAISE_RULES))
		TH_LOG("writing the IMA policy: %s", strerror(errno));

	ASSERT_EQ(0, appraisal_refused(KERNEL_NAME, "kernel", cmdline, why,
				       sizeof(why))) TH_LOG("%s", why);
	ASSERT_EQ(0, ima_measured_sha256(KERNEL_NAME, kernel_sha))
		TH_LOG("no sha256 entry for %s in %s", KERNEL_NAME, IMA_LIST);
	ASSERT_EQ(0, set_ima_digest(KERNEL_NAME, kernel_sha))
		TH_LOG("setting %s on %s: %s", IMA_XATTR, KERNEL_NAME,
		       strerror(errno));

	ASSERT_EQ(0, copy_tampered(KERNEL_NAME, TAMPERED_NAME));
	ASSERT_EQ(0, set_ima_digest(TAMPERED_NAME, kernel_sha));
	ASSERT_EQ(0, appraisal_refused(TAMPERED_NAME, "kernel", cmdline, why,
				       sizeof(why))) TH_LOG("%s", why);
	unlink(TAMPERED_NAME);

	ASSERT_EQ(0, appraisal_refused(KERNEL_NAME, "initrd", cmdline, why,
				       sizeof(why))) TH_LOG("%s", why);
	ASSERT_EQ(0, ima_measured_sha256(INITRD_NAME, initrd_sha))
		TH_LOG("no sha256 entry for %s in %s", INITRD_NAME, IMA_LIST);
	ASSERT_EQ(0, set_ima_digest(INITRD_NAME, initrd_sha));

	kernel_fd = open(KERNEL_NAME, O_RDONLY | O_CLOEXEC);
	initrd_fd = open(INITRD_NAME, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, kernel_fd);
	ASSERT_LE(0, initrd_fd);
	ASSERT_EQ(0, kexec_file_load(kernel_fd, initrd_fd, cmdline, 0))
		TH_LOG("kexec_file_load with both digests set: %s",
		       strerror(errno));
	close(kernel_fd);
	close(initrd_fd);
	ASSERT_EQ(0, arm_action("exec"));
}

/*
 * In the kernel stage 1 started: its list begins with stage 1's (the same
 * first entry, the kexec kernel's entry at the same place, at least as
 * many entries) and goes on with its own.
 */
TEST(next_kernel_continues_ima_list)
{
	char first[160], value[16];
	struct ima_list l;
	int entries, kernel;

	ASSERT_EQ(0, kernel_param("kt.ima_first", first, sizeof(first)))
		TH_LOG("no kt.ima_first=: not started by exec_with_ima_measuring_kexec");
	ASSERT_EQ(0, kernel_param("kt.ima_entries", value, sizeof(value)));
	entries = atoi(value);
	ASSERT_EQ(0, kernel_param("kt.ima_kernel", value, sizeof(value)));
	kernel = atoi(value);
	ASSERT_EQ(0, ima_list_read(&l)) TH_LOG("no %s", IMA_LIST);
	printf("# kexec-vm: ima_list %d entries (%d carried), first %s\n",
	       l.entries, entries, l.first);
	ASSERT_STREQ(first, l.first)
		TH_LOG("the list starts with this boot's own: none was carried");
	ASSERT_EQ(kernel, l.kernel_entry);
	ASSERT_LT(entries, l.entries);
}

/*
 * With a TPM: PCR 10 must be the SHA-256 bank's list replayed, the
 * carried entries included. The runner replays it (a violation's zero
 * digest is extended as all ones), from these lines:
 *   # kexec-vm: ima_sha256 HASH   one per entry, in order
 *   # kexec-vm: pcr10_sha256 HASH
 */
TEST(next_kernel_list_replays)
{
	char line[1024], hash[80], pcr[80];
	int entries = 0;
	FILE *f;

	ASSERT_LT(0, read_text(TPM_PCR10, pcr, sizeof(pcr)))
		TH_LOG("no %s: the case boots a machine with a TPM", TPM_PCR10);
	f = fopen(IMA_LIST_SHA256, "r");
	ASSERT_NE(NULL, f) TH_LOG("no %s", IMA_LIST_SHA256);
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%*s %79s", hash) != 1)
			continue;
		printf("# kexec-vm: ima_sha256 %s\n", hash);
		entries++;
	}
	fclose(f);
	printf("# kexec-vm: pcr10_sha256 %s\n", pcr);
	ASSERT_LT(0, entries);
}

TEST_HARNESS_MAIN
