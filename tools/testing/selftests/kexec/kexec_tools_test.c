// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_file_load(2) driven by the client people run: Debian's kexec-tools,
 * "kexec -s", which the kexec-vm runner (tools/testing/kexec-vm/) puts at
 * /sbin/kexec with its shared libraries and dynamic loader.
 *
 *   exec_with_kexec_tools    kexec -s -l, then kexec -e once the tests are
 *                            over; the next kernel runs kexec_boot_test's
 *                            next_kernel_* tests
 *   exec_with_kexec_load     kexec -l (kexec_load(2), kexec-tools' own
 *                            loader and purgatory), then kexec -e likewise
 *   crash_with_kexec_tools   kexec -s -p, then a panic through sysrq; the
 *                            crash kernel reads /proc/vmcore
 *   unload_with_kexec_tools, crash_unload_with_kexec_tools: kexec -s -u
 *   refusal_through_kexec_tools: a header field the client does not check
 *                            is refused by the kernel, which logs the reason
 *
 * Every test is a skip, saying why, when /sbin/kexec is missing or when the
 * client cannot use kexec_file_load(2) on this architecture.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../kselftest_harness.h"
#include "kexec_test_util.h"

#define KEXEC_TOOLS		"/sbin/kexec"
#define KEXEC_LOADED		"/sys/kernel/kexec_loaded"
#define KEXEC_CRASH_LOADED	"/sys/kernel/kexec_crash_loaded"
#define KEXEC_LOG_PREFIX	"kexec_file"
#define BROKEN_KERNEL		"/tmp/kexec-tools-broken-kernel"
/* Written by the exec test: run "kexec -e" once the harness is done. */
#define EXEC_REQUEST		"/tmp/kexec-tools-exec"
/* What kexec-tools says where it was built without kexec_file_load(2). */
#define NO_FILE_LOAD		"syscall kexec_file_load not available"

#define MAX_ARGS		16
#define OUTPUT_SIZE		4096

/*
 * Run /sbin/kexec with the NULL-terminated arguments after @out; its
 * stdout and stderr end up in @out. Returns its exit status, 128 + the
 * signal that killed it, or -1 when it could not be run.
 */
static int kexec_tools(char *out, size_t size, ...)
{
	char *argv[MAX_ARGS] = { "kexec" };
	static char *const envp[] = { "PATH=/sbin:/bin", NULL };
	int argc = 1, pipefd[2], status;
	size_t used = 0;
	ssize_t n;
	va_list ap;
	pid_t pid;

	va_start(ap, size);
	while (argc < MAX_ARGS - 1 && (argv[argc] = va_arg(ap, char *)))
		argc++;
	va_end(ap);
	argv[argc] = NULL;
	out[0] = '\0';
	if (pipe(pipefd))
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		dup2(pipefd[1], STDOUT_FILENO);
		dup2(pipefd[1], STDERR_FILENO);
		close(pipefd[0]);
		close(pipefd[1]);
		execve(KEXEC_TOOLS, argv, envp);
		fprintf(stderr, "execve %s: %s\n", KEXEC_TOOLS, strerror(errno));
		_exit(127);
	}
	close(pipefd[1]);
	if (pid < 0) {
		close(pipefd[0]);
		return -1;
	}
	while ((n = read(pipefd[0], out + used, size - 1 - used)) > 0 ||
	       (n < 0 && errno == EINTR))
		if (n > 0)
			used += n;
	out[used] = '\0';
	close(pipefd[0]);
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/* Print what kexec-tools said, one diagnostic line per line. */
static void show_output(const char *what, char *out)
{
	char *line, *p = out;

	while ((line = strsep(&p, "\n")))
		if (*line)
			printf("# %s: %s\n", what, line);
}

struct inputs {
	char kernel[256];
	char initrd[256];
	char initrd_arg[300];
	char cmdline[2048];
	char append_arg[2100];
};

/*
 * The files of KEXEC_TEST_DIR as kexec-tools options. Returns why the test
 * must be skipped (no kexec-tools, nothing to load, no kexec_file_load(2)
 * in the kernel or in the client), or NULL.
 */
static const char *prepare(struct inputs *in)
{
	char out[OUTPUT_SIZE];
	int ret;

	if (access(KEXEC_TOOLS, X_OK))
		return "no " KEXEC_TOOLS " in this VM";
	snprintf(in->kernel, sizeof(in->kernel), "%s/kernel", KEXEC_TEST_DIR);
	snprintf(in->initrd, sizeof(in->initrd), "%s/initrd", KEXEC_TEST_DIR);
	if (access(in->kernel, R_OK) || access(in->initrd, R_OK) ||
	    read_text(KEXEC_TEST_DIR "/cmdline", in->cmdline,
		      sizeof(in->cmdline)) <= 0)
		return "not under kexec-vm: no " KEXEC_TEST_DIR " inputs";
	snprintf(in->initrd_arg, sizeof(in->initrd_arg), "--initrd=%s",
		 in->initrd);
	snprintf(in->append_arg, sizeof(in->append_arg), "--append=%s",
		 in->cmdline);
	if (kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD) &&
	    syscall_missing(errno))
		return "kexec_file_load(2) is not implemented on this kernel";
	/* Unloading is harmless, and tells whether the client has the call. */
	ret = kexec_tools(out, sizeof(out), "-s", "-u", NULL);
	if (ret && strstr(out, NO_FILE_LOAD))
		return "this arch's kexec-tools has no kexec_file_load(2): " NO_FILE_LOAD;
	return NULL;
}

/* prepare(), plus the crashkernel= reservation that "kexec -s -p" needs. */
static const char *prepare_crash(struct inputs *in)
{
	const char *why = prepare(in);

	if (!why && read_long("/sys/kernel/kexec_crash_size") <= 0)
		why = "no crashkernel= reservation on this boot";
	return why;
}

/* Load @in with "kexec -s @mode"; its exit status. */
static int load(struct inputs *in, const char *mode)
{
	char out[OUTPUT_SIZE];
	int ret;

	ret = kexec_tools(out, sizeof(out), "-s", mode, in->kernel,
			  in->initrd_arg, in->append_arg, NULL);
	show_output("kexec", out);
	return ret;
}

static pid_t harness_pid;

/*
 * After the harness has printed its last result: "kexec -e" into what
 * exec_with_kexec_tools loaded. If it comes back, the init is told to
 * just end the VM, so that the missing next kernel is seen.
 */
static void exec_at_exit(void)
{
	char out[OUTPUT_SIZE];
	int ret;

	if (getpid() != harness_pid || access(EXEC_REQUEST, F_OK))
		return;
	unlink(EXEC_REQUEST);
	printf("# kexec-tools: kexec -e\n");
	ret = kexec_tools(out, sizeof(out), "-e", NULL);
	show_output("kexec", out);
	printf("# kexec-tools: kexec -e came back with status %d\n", ret);
	arm_action("none");
}

TEST(exec_with_kexec_tools)
{
	struct inputs in;
	const char *why = prepare(&in);
	int fd;

	if (why)
		SKIP(return, "%s", why);
	ASSERT_EQ(0, load(&in, "-l"));
	ASSERT_EQ(1, read_long(KEXEC_LOADED));
	fd = open(EXEC_REQUEST, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	ASSERT_LE(0, fd);
	close(fd);
}

/*
 * The same with "kexec -l", which is kexec_load(2): kexec-tools parses the
 * kernel and brings its own purgatory, and the kernel's part is the kexec
 * core alone (segment checks, page allocation, relocation at kexec -e).
 */
TEST(exec_with_kexec_load)
{
	char out[OUTPUT_SIZE];
	struct inputs in;
	const char *why = prepare(&in);
	int fd, ret;

	if (why)
		SKIP(return, "%s", why);
	ret = kexec_tools(out, sizeof(out), "-l", in.kernel, in.initrd_arg,
			  in.append_arg, NULL);
	show_output("kexec", out);
	ASSERT_EQ(0, ret);
	ASSERT_EQ(1, read_long(KEXEC_LOADED));
	fd = open(EXEC_REQUEST, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	ASSERT_LE(0, fd);
	close(fd);
}

TEST(crash_with_kexec_tools)
{
	struct inputs in;
	const char *why = prepare_crash(&in);

	if (why)
		SKIP(return, "%s", why);
	ASSERT_EQ(0, load(&in, "-p"));
	ASSERT_EQ(1, read_long(KEXEC_CRASH_LOADED));
	ASSERT_EQ(0, arm_action("panic"));
}

TEST(unload_with_kexec_tools)
{
	char out[OUTPUT_SIZE];
	struct inputs in;
	const char *why = prepare(&in);

	if (why)
		SKIP(return, "%s", why);
	ASSERT_EQ(0, load(&in, "-l"));
	ASSERT_EQ(1, read_long(KEXEC_LOADED));
	ASSERT_EQ(0, kexec_tools(out, sizeof(out), "-s", "-u", NULL)) {
		show_output("kexec", out);
	}
	ASSERT_EQ(0, read_long(KEXEC_LOADED));
}

TEST(crash_unload_with_kexec_tools)
{
	char out[OUTPUT_SIZE];
	struct inputs in;
	const char *why = prepare_crash(&in);

	if (why)
		SKIP(return, "%s", why);
	ASSERT_EQ(0, load(&in, "-p"));
	ASSERT_EQ(1, read_long(KEXEC_CRASH_LOADED));
	/* -p before -u: kexec-tools unloads the crash kernel. */
	ASSERT_EQ(0, kexec_tools(out, sizeof(out), "-s", "-p", "-u", NULL)) {
		show_output("kexec", out);
	}
	ASSERT_EQ(0, read_long(KEXEC_CRASH_LOADED));
}

/*
 * A header field that kexec-tools' own probe does not look at, so that the
 * file reaches the kernel: the refusal must come from our loader, with its
 * one log line.
 */
#if defined(__x86_64__)
#define BREAK_OFFSET	0x230		/* kernel_alignment */
#define BREAK_WIDTH	4
#define BREAK_VALUE	0x3000ULL
#define BREAK_REASON	"kernel_alignment 0x3000 is not a power of two"
#elif defined(__aarch64__)
#define BREAK_OFFSET	0x10		/* image_size */
#define BREAK_WIDTH	8
#define BREAK_VALUE	0ULL
#define BREAK_REASON	"image_size 0: a pre-3.17 Image"
#elif defined(__arm__)
#define BREAK_OFFSET	0x2c		/* zImage end */
#define BREAK_WIDTH	4
#define BREAK_VALUE	0ULL
#define BREAK_REASON	"end 0x00000000 is not above start"
#elif defined(__riscv)
#define BREAK_OFFSET	0x10		/* image_size */
#define BREAK_WIDTH	8
#define BREAK_VALUE	0ULL
#define BREAK_REASON	"image_size 0: the Image does not state its memory footprint"
#endif

/* Copy @src to @dst with BREAK_VALUE written at BREAK_OFFSET; 0 or -1. */
static int write_broken_copy(const char *src, const char *dst)
{
	unsigned char field[BREAK_WIDTH];
	int fd, i, ret;

	if (copy_file(src, dst) <= BREAK_OFFSET + BREAK_WIDTH)
		return -1;
	for (i = 0; i < BREAK_WIDTH; i++)
		field[i] = BREAK_VALUE >> (8 * i);
	fd = open(dst, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ret = pwrite(fd, field, BREAK_WIDTH, BREAK_OFFSET) == BREAK_WIDTH ? 0 : -1;
	close(fd);
	return ret;
}

TEST(refusal_through_kexec_tools)
{
	char line[512];
	struct inputs in;
	const char *why = prepare(&in);
	int kmsg, ret;

	if (why)
		SKIP(return, "%s", why);
	ASSERT_EQ(0, write_broken_copy(in.kernel, BROKEN_KERNEL));
	snprintf(in.kernel, sizeof(in.kernel), "%s", BROKEN_KERNEL);
	kmsg = kmsg_open_at_end();
	ASSERT_LE(0, kmsg);
	ret = load(&in, "-l");
	unlink(BROKEN_KERNEL);
	ASSERT_NE(0, ret);
	ASSERT_EQ(0, read_long(KEXEC_LOADED));
	ASSERT_EQ(1, kmsg_lines(kmsg, KEXEC_LOG_PREFIX, line, sizeof(line))) {
		TH_LOG("the refusal must log exactly one line");
	}
	close(kmsg);
	TH_LOG("kernel said: %s", line);
	ASSERT_TRUE(!!strstr(line, BREAK_REASON)) {
		TH_LOG("expected the line to contain \"%s\"", BREAK_REASON);
	}
}

int main(int argc, char **argv)
{
	/* test_harness_run() ends in exit(); each test runs in a child. */
	harness_pid = getpid();
	atexit(exec_at_exit);
	return test_harness_run(argc, argv);
}
