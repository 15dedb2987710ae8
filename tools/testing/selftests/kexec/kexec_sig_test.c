// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_file_load(2) on a kernel that enforces kexec signatures: a signed
 * Image loads, and so does a signed EFI zboot image or UKI, unwrapped in
 * the kernel; an unsigned or tampered one is refused, and the kernel log
 * shows the refusal came before anything was decompressed or any section
 * used.
 *
 * The runner enforces them as distributions do, on kernels with
 * CONFIG_KEXEC_SIG booted with lockdown=integrity, kt.sigforce=1 and
 * kt.lockdown=1, where an unsigned image is refused with EPERM: arm64's
 * fuzz kernel (the arm64+sig lane), riscv64's test kernel (riscv64+sig)
 * and x86_64's test kernel. A kernel
 * built with CONFIG_KEXEC_SIG_FORCE, booted with kt.sigforce=1 alone,
 * gets the verification's own errno instead. The
 * runner puts these files under KEXEC_TEST_DIR (a test whose file is
 * absent is a skip):
 *   zboot-signed.efi    the zboot image signed with that kernel's key
 *   zboot-unsigned.efi  the same image unsigned
 *   zboot-tampered.efi  the signed image with one payload byte changed
 *   uki-signed.efi      a UKI around the unsigned zboot image, signed, whose
 *                       .cmdline is UKI_CMDLINE
 *   uki-unsigned.efi    the same UKI unsigned
 *   uki-tampered.efi    the signed UKI with one byte of .linux changed
 *   bzimage-unsigned    (x86_64) our bzImage, unsigned
 *   image-signed        (arm64, riscv64) our Image signed with that key
 *   image-unsigned      the same Image unsigned
 *   image-tampered      the signed Image with one byte of its text changed
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "../kselftest_harness.h"
#include "kexec_test_util.h"

#define KEXEC_LOADED	"/sys/kernel/kexec_loaded"
#define UNWRAP_LINE	"unwrapped efi-zboot"
#define SIG_FAIL_LINE	"signature verification failed"
#define UKI_CMDLINE	"kt.uki=signed loglevel=4"
#define UKI_LINE	"uki:"
#define UKI_CMDLINE_LINE "signatures are enforced: the UKI's"

#define KMSG_LOG_SIZE	16384

static char kmsg_log[KMSG_LOG_SIZE];

struct sig_ctx {
	bool lockdown;		/* kt.lockdown=1: lockdown=integrity enforces */
	int initrd_fd;
	int kmsg_fd;
	char cmdline[1024];
	char *log;		/* what the kernel logged during the last load */
};

FIXTURE(sig) {
	struct sig_ctx c;
};

FIXTURE_SETUP(sig)
{
	char value[8], ipath[256], cpath[256];
	struct sig_ctx *c = &self->c;

	c->kmsg_fd = -1;
	c->log = kmsg_log;
	c->initrd_fd = open(test_input("KEXEC_TEST_INITRD", "initrd", ipath,
				       sizeof(ipath)), O_RDONLY | O_CLOEXEC);
	if (read_text(test_input("KEXEC_TEST_CMDLINE", "cmdline", cpath,
				 sizeof(cpath)), c->cmdline,
		      sizeof(c->cmdline)) < 0)
		snprintf(c->cmdline, sizeof(c->cmdline), "console=ttyS0");
	if (kernel_param("kt.sigforce", value, sizeof(value)) ||
	    strcmp(value, "1"))
		SKIP(return, "kt.sigforce=1 not set: signatures are not enforced on this boot");
	if (c->initrd_fd < 0)
		SKIP(return, "no initrd to load at %s", ipath);
	c->lockdown = !kernel_param("kt.lockdown", value, sizeof(value)) &&
		      !strcmp(value, "1");
#ifdef __x86_64__
	/*
	 * Booted with Secure Boot on (kt.secureboot=1), x86's IMA arch
	 * policy enforces kexec signatures as KEXEC_SIG_FORCE does
	 * (set_kexec_sig_enforced()): the verification's own errno, not
	 * lockdown's EPERM.
	 */
	if (!kernel_param("kt.secureboot", value, sizeof(value)) &&
	    !strcmp(value, "1"))
		c->lockdown = false;
#endif
	c->kmsg_fd = kmsg_open_at_end();
	ASSERT_LE(0, c->kmsg_fd);
}

FIXTURE_TEARDOWN(sig)
{
	kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD);
	if (self->c.kmsg_fd >= 0)
		close(self->c.kmsg_fd);
	if (self->c.initrd_fd >= 0)
		close(self->c.initrd_fd);
}

/*
 * kexec_file_load(2) of KEXEC_TEST_DIR/@name with @cmdline (NULL: none),
 * debug lines on: 0 or -errno.
 */
static int load_file_with(struct sig_ctx *c, const char *name,
			  const char *cmdline)
{
	char path[256];
	int fd, ret;

	snprintf(path, sizeof(path), "%s/%s", KEXEC_TEST_DIR, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -ENOENT;
	ret = kexec_file_load(fd, c->initrd_fd, cmdline,
			      KEXEC_FILE_DEBUG) ? -errno : 0;
	close(fd);
	kmsg_text(c->kmsg_fd, c->log, KMSG_LOG_SIZE);
	return ret;
}

static int load_file(struct sig_ctx *c, const char *name)
{
	return load_file_with(c, name, c->cmdline);
}

/*
 * The errno of an image whose signature does not verify: the
 * verification's own under KEXEC_SIG_FORCE, EPERM under a lockdown.
 */
static int sig_errno(const struct sig_ctx *c, int verify_errno)
{
	return c->lockdown ? EPERM : verify_errno;
}

#if defined(__aarch64__) || defined(__riscv)
TEST_F(sig, signed_zboot_loads)
{
	int err = load_file(&self->c, "zboot-signed.efi");

	if (err == -ENOENT)
		SKIP(return, "no zboot-signed.efi in this VM");
	ASSERT_EQ(0, err) {
		TH_LOG("kexec_file_load: %s", strerror(-err));
		TH_LOG("kernel log:\n%s", self->c.log);
	}
	ASSERT_EQ(1, read_long(KEXEC_LOADED));
	ASSERT_TRUE(!!strstr(self->c.log, UNWRAP_LINE)) {
		TH_LOG("no \"%s\" line:\n%s", UNWRAP_LINE, self->c.log);
	}
}

#endif

/*
 * NULL when @name was refused with -@err by the signature check and
 * nothing was unwrapped before it; otherwise what went wrong.
 */
static const char *refused_before_unwrap(struct sig_ctx *c, const char *name,
					 int err)
{
	static char why[128];
	int got = load_file(c, name);

	err = sig_errno(c, err);
	if (got != -err) {
		snprintf(why, sizeof(why), "expected %s, got %s", strerror(err),
			 got ? strerror(-got) : "success");
		return why;
	}
	if (read_long(KEXEC_LOADED) != 0)
		return "an image is loaded after the refusal";
	if (!strstr(c->log, SIG_FAIL_LINE))
		return "no \"" SIG_FAIL_LINE "\" line";
	if (strstr(c->log, UNWRAP_LINE))
		return "the payload was unwrapped before the refusal";
	if (strstr(c->log, UKI_LINE))
		return "a section of the UKI was used before the refusal";
	return NULL;
}

#if defined(__aarch64__) || defined(__riscv)
TEST_F(sig, unsigned_zboot_is_refused_before_unwrap)
{
	const char *why;

	if (access(KEXEC_TEST_DIR "/zboot-unsigned.efi", R_OK))
		SKIP(return, "no zboot-unsigned.efi in this VM");
	why = refused_before_unwrap(&self->c, "zboot-unsigned.efi", ENODATA);

	ASSERT_TRUE(!why) {
		TH_LOG("%s; kernel log:\n%s", why, self->c.log);
	}
}

TEST_F(sig, tampered_zboot_is_refused_before_unwrap)
{
	const char *why;

	if (access(KEXEC_TEST_DIR "/zboot-tampered.efi", R_OK))
		SKIP(return, "no zboot-tampered.efi in this VM");
	why = refused_before_unwrap(&self->c, "zboot-tampered.efi", EKEYREJECTED);

	ASSERT_TRUE(!why) {
		TH_LOG("%s; kernel log:\n%s", why, self->c.log);
	}
}

#endif

#if defined(__aarch64__) || defined(__riscv)
/*
 * Our Image, a PE file through its EFI stub: the Image loader's own
 * signature check (verify_sig) takes it signed and refuses it unsigned or
 * with a byte of its text changed, with kexec_file's line, nothing loaded.
 */
TEST_F(sig, signed_image_loads)
{
	int err = load_file(&self->c, "image-signed");

	if (err == -ENOENT)
		SKIP(return, "no image-signed in this VM");
	ASSERT_EQ(0, err) {
		TH_LOG("kexec_file_load: %s", strerror(-err));
		TH_LOG("kernel log:\n%s", self->c.log);
	}
	ASSERT_EQ(1, read_long(KEXEC_LOADED));
}

TEST_F(sig, unsigned_image_is_refused)
{
	const char *why;

	if (access(KEXEC_TEST_DIR "/image-unsigned", R_OK))
		SKIP(return, "no image-unsigned in this VM");
	why = refused_before_unwrap(&self->c, "image-unsigned", ENODATA);
	ASSERT_TRUE(!why) {
		TH_LOG("%s; kernel log:\n%s", why, self->c.log);
	}
}

TEST_F(sig, tampered_image_is_refused)
{
	const char *why;

	if (access(KEXEC_TEST_DIR "/image-tampered", R_OK))
		SKIP(return, "no image-tampered in this VM");
	why = refused_before_unwrap(&self->c, "image-tampered", EKEYREJECTED);
	ASSERT_TRUE(!why) {
		TH_LOG("%s; kernel log:\n%s", why, self->c.log);
	}
}

#endif

/* The signed UKI's .cmdline is used when no command line is given. */
TEST_F(sig, signed_uki_loads_with_its_cmdline)
{
	int err = load_file_with(&self->c, "uki-signed.efi", NULL);

	if (err == -ENOENT)
		SKIP(return, "no uki-signed.efi in this VM");
	ASSERT_EQ(0, err) {
		TH_LOG("kexec_file_load: %s", strerror(-err));
		TH_LOG("kernel log:\n%s", self->c.log);
	}
	ASSERT_EQ(1, read_long(KEXEC_LOADED));
	ASSERT_TRUE(!!strstr(self->c.log, UKI_LINE)) {
		TH_LOG("no \"%s\" line for the UKI taken apart:\n%s",
		       UKI_LINE, self->c.log);
	}
}

/* The same command line as .cmdline is no replacement: it loads. */
TEST_F(sig, signed_uki_loads_with_the_same_cmdline)
{
	int err = load_file_with(&self->c, "uki-signed.efi", UKI_CMDLINE);

	if (err == -ENOENT)
		SKIP(return, "no uki-signed.efi in this VM");
	ASSERT_EQ(0, err) {
		TH_LOG("kexec_file_load: %s", strerror(-err));
		TH_LOG("kernel log:\n%s", self->c.log);
	}
	ASSERT_EQ(1, read_long(KEXEC_LOADED));
}

/* What the signer put in .cmdline cannot be replaced: EPERM, one line. */
TEST_F(sig, signed_uki_refuses_another_cmdline)
{
	int err = load_file_with(&self->c, "uki-signed.efi",
				 UKI_CMDLINE " init=/bin/sh");

	if (err == -ENOENT)
		SKIP(return, "no uki-signed.efi in this VM");
	ASSERT_EQ(-EPERM, err) {
		TH_LOG("expected EPERM, got %s", err ? strerror(-err) : "success");
	}
	ASSERT_EQ(0, read_long(KEXEC_LOADED));
	ASSERT_TRUE(!!strstr(self->c.log, UKI_CMDLINE_LINE)) {
		TH_LOG("no \"%s\" line:\n%s", UKI_CMDLINE_LINE, self->c.log);
	}
}

TEST_F(sig, unsigned_uki_is_refused_before_any_section_is_used)
{
	const char *why;

	if (access(KEXEC_TEST_DIR "/uki-unsigned.efi", R_OK))
		SKIP(return, "no uki-unsigned.efi in this VM");
	why = refused_before_unwrap(&self->c, "uki-unsigned.efi", ENODATA);

	ASSERT_TRUE(!why) {
		TH_LOG("%s; kernel log:\n%s", why, self->c.log);
	}
}

TEST_F(sig, tampered_uki_is_refused_before_any_section_is_used)
{
	const char *why;

	if (access(KEXEC_TEST_DIR "/uki-tampered.efi", R_OK))
		SKIP(return, "no uki-tampered.efi in this VM");
	why = refused_before_unwrap(&self->c, "uki-tampered.efi", EKEYREJECTED);

	ASSERT_TRUE(!why) {
		TH_LOG("%s; kernel log:\n%s", why, self->c.log);
	}
}

#if defined(__x86_64__)
/*
 * An unsigned bzImage under lockdown: EPERM, and kexec_file's one line
 * says why (the lockdown LSM adds its own notice, which is not ours).
 */
TEST_F(sig, unsigned_bzimage_is_refused)
{
	int err = load_file(&self->c, "bzimage-unsigned");

	if (err == -ENOENT)
		SKIP(return, "no bzimage-unsigned in this VM");
	ASSERT_EQ(-sig_errno(&self->c, ENODATA), err) {
		TH_LOG("got %s", err ? strerror(-err) : "success");
	}
	ASSERT_EQ(0, read_long(KEXEC_LOADED));
	ASSERT_TRUE(!!strstr(self->c.log, SIG_FAIL_LINE)) {
		TH_LOG("no \"%s\" line:\n%s", SIG_FAIL_LINE, self->c.log);
	}
}

/*
 * An ELF vmlinux has no signature the ELF/PVH loader checks: under
 * lockdown it is refused like an unsigned bzImage, before it is placed
 * (EKEYREJECTED, "loader does not support signature verification", is
 * what kexec's generic check makes of it).
 */
TEST_F(sig, elf_vmlinux_is_refused)
{
	int err = load_file(&self->c, "vmlinux");

	if (err == -ENOENT)
		SKIP(return, "no vmlinux in this VM");
	ASSERT_EQ(-sig_errno(&self->c, EKEYREJECTED), err) {
		TH_LOG("got %s", err ? strerror(-err) : "success");
	}
	ASSERT_EQ(0, read_long(KEXEC_LOADED));
	ASSERT_TRUE(!!strstr(self->c.log, SIG_FAIL_LINE)) {
		TH_LOG("no \"%s\" line:\n%s", SIG_FAIL_LINE, self->c.log);
	}
}

#endif

TEST_HARNESS_MAIN
