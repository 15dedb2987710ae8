// SPDX-License-Identifier: GPL-2.0
/*
 * PID 1 of the kexec-vm guests (tools/testing/kexec-vm/).
 *
 * Mounts what the tests need, runs the test programs the command line names
 * with "kt.run=PROG[:TEST[,TEST...]]" (repeatable, run in order), then does
 * what the tests armed in KEXEC_TEST_ACTION:
 *
 *   exec   reboot(LINUX_REBOOT_CMD_KEXEC) into the loaded kernel
 *   panic  crash through /proc/sysrq-trigger, so the crash kernel takes over
 *   (none) restart; QEMU runs with -no-reboot, so the VM ends
 *
 * With "kt.kmemleak=1" it first reports, as one more KTAP test, whether
 * kmemleak finds memory the tests leaked.
 *
 * Lines starting with "# kexec-vm:" are read by the runner on the host.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/reboot.h>

#include "kexec_test_util.h"

#define MAX_TEST_ARGS 32

static void say(const char *fmt, const char *arg)
{
	printf("# kexec-vm: ");
	printf(fmt, arg);
	printf("\n");
	fflush(stdout);
}

static void mount_filesystems(void)
{
	mkdir("/proc", 0555);
	mkdir("/sys", 0555);
	mkdir("/dev", 0755);
	mkdir("/tmp", 01777);
	if (mount("proc", "/proc", "proc", 0, NULL))
		perror("# kexec-vm: mount /proc");
	if (mount("sysfs", "/sys", "sysfs", 0, NULL))
		perror("# kexec-vm: mount /sys");
	/* Optional: the initramfs already carries /dev/console. */
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
}

/*
 * With kt.kmemleak=1, report as KTAP whether anything allocated since boot
 * is unreferenced once the tests are over. kmemleak reports only objects
 * older than five seconds, and a second scan drops transient references.
 */
static void kmemleak_report(void)
{
	char flag[4], report[4096], *line, *p;
	int n = 0;

	if (kernel_param("kt.kmemleak", flag, sizeof(flag)) || strcmp(flag, "1"))
		return;
	say("run %s", "kmemleak");
	printf("TAP version 13\n1..1\n");
	if (access(KMEMLEAK, R_OK)) {
		printf("ok 1 kmemleak # SKIP no %s: kernel without CONFIG_DEBUG_KMEMLEAK\n",
		       KMEMLEAK);
		return;
	}
	sleep(6);
	if (kmemleak_command("scan") || kmemleak_command("scan")) {
		printf("not ok 1 kmemleak # scan failed: %s\n", strerror(errno));
		return;
	}
	if (read_text(KMEMLEAK, report, sizeof(report)) > 0) {
		p = report;
		while ((line = strsep(&p, "\n")) && n++ < 24)
			printf("# %s\n", line);
		printf("not ok 1 kmemleak\n");
		return;
	}
	printf("ok 1 kmemleak\n");
}

/* Run one "PROG[:TEST,...]" spec; the harness reports KTAP itself. */
static void run_spec(char *spec)
{
	char *argv[MAX_TEST_ARGS], *tests, *t, path[256];
	int argc = 0, status;
	pid_t pid;

	tests = strchr(spec, ':');
	if (tests)
		*tests++ = '\0';
	snprintf(path, sizeof(path), "%s/bin/%s", KEXEC_TEST_DIR, spec);
	argv[argc++] = path;
	while (tests && (t = strsep(&tests, ",")) && argc < MAX_TEST_ARGS - 2) {
		argv[argc++] = "-t";
		argv[argc++] = t;
	}
	argv[argc] = NULL;

	say("run %s", spec);
	pid = fork();
	if (pid == 0) {
		execv(path, argv);
		perror("# kexec-vm: execv");
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0) {
		say("could not run %s", spec);
		return;
	}
	if (WIFSIGNALED(status))
		say("%s was killed by a signal", spec);
}

static void run_tests(void)
{
	char cmdline[4096], *p, *word;

	if (read_text("/proc/cmdline", cmdline, sizeof(cmdline)) < 0) {
		say("cannot read %s", "/proc/cmdline");
		return;
	}
	p = cmdline;
	while ((word = strsep(&p, " ")))
		if (!strncmp(word, "kt.run=", 7))
			run_spec(word + 7);
}

static void finish(void)
{
	char action[32] = "";

	read_text(KEXEC_TEST_ACTION, action, sizeof(action));
	sync();
	if (!strcmp(action, "exec")) {
		say("%s", "executing the loaded kernel");
		reboot(LINUX_REBOOT_CMD_KEXEC);
		say("reboot(LINUX_REBOOT_CMD_KEXEC) failed: %s",
		    strerror(errno));
	} else if (!strcmp(action, "panic")) {
		int fd = open("/proc/sysrq-trigger", O_WRONLY);

		say("%s", "crashing through sysrq");
		if (fd < 0 || write(fd, "c", 1) != 1)
			say("sysrq-trigger failed: %s", strerror(errno));
	}
	say("%s", "done");
	reboot(RB_AUTOBOOT);
	for (;;)
		pause();
}

int main(void)
{
	struct utsname uts;

	setvbuf(stdout, NULL, _IOLBF, 0);
	mount_filesystems();
	if (!uname(&uts)) {
		say("release %s", uts.release);
		say("version %s", uts.version);
	}
	/* Only what the tests allocate counts: forget what boot left. */
	kmemleak_command("clear");
	run_tests();
	kmemleak_report();
	finish();
	return 0;
}
