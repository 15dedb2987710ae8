// SPDX-License-Identifier: GPL-2.0
/*
 * Time kexec_file_load(2) load/unload pairs of the same image, for
 * "make bench" (tools/testing/kexec-vm/kexec_vm.py bench).
 *
 *   kexec_bench            PAIRS from kt.bench_pairs= on the command line
 *
 * Loads KEXEC_TEST_DIR/kernel with its initrd and command line, as the
 * tests do, twice untimed to warm the page cache, then PAIRS times (default
 * 15) timed. Each pair prints one line the runner reads:
 *
 *   # kexec-bench: pair 3 load_ms 289.512 unload_ms 1.204
 *
 * Then PHASE_RUNS loads with KEXEC_FILE_DEBUG, untimed by the pairs, tell
 * where the time goes from the kernel log's timestamps (the debug lines go
 * to the log buffer, not to the console at loglevel=4):
 *
 *   # kexec-bench: phases read_ms 2.1 place_ms 3.0 digest_ms 6.2 copy_ms 2.9
 *
 *   read    the rest of the call: reading the kernel file, syscall entry
 *           and exit (the call's time minus the three below)
 *   place   "kernel: ... kernel_size" to the last line before
 *           "nr_segments": initrd read, probe and parse, every segment
 *           placed
 *   digest  that line to "nr_segments": machine_kexec_prepare() and the
 *           SHA-256 of the segments for purgatory (none on arm64)
 *   copy    "nr_segments" to "kexec_file_load: type:": segments copied,
 *           machine_kexec_post_load()
 *
 * Then MEMORY_RUNS loads of the same kernel with KEXEC_TEST_DIR/initrd-mem
 * (if present: the runner gives it 64 MiB) tell what a load costs in
 * memory, from MemFree in /proc/meminfo:
 *
 *   # kexec-bench: memory peak_kb 161234 loaded_kb 81234 initrd_kb 65536
 *
 *   peak    MemFree before the call minus the lowest MemFree a child
 *           process saw while the call ran (it reads /proc/meminfo in a
 *           loop; on one CPU it runs whenever the loader reschedules,
 *           which the segment copy does after every page)
 *   loaded  MemFree before the call minus MemFree once it returned: what
 *           the loaded image keeps until it is unloaded
 *
 * Last, when the runner staged kexec-tools at /sbin/kexec, PEER_PAIRS pairs
 * of loads of the same kernel, initrd and command line by the loader users
 * would otherwise pick: "kexec -l" (kexec_load(2): kexec-tools parses the
 * kernel and hashes the segments for its purgatory) and "kexec -s -l"
 * (kexec_file_load(2): this kernel does it), each followed by an untimed
 * unload, taking turns at going first:
 *
 *   # kexec-bench: peer pair 3 load_ms 776.0 file_ms 301.2
 *
 * The times are of the whole command, process start included, alike for
 * both. Without /sbin/kexec: "# kexec-bench: peer none". When kexec-tools
 * fails, what it said is printed and "# kexec-bench: peer failed" ends the
 * peer pairs; the rest of the bench stands.
 *
 * A failed call prints "# kexec-bench: error ..." and exits 1.
 *
 *   kexec_bench            with kt.bench_mode=unwrap and kt.bench_unwrap=F,...
 *
 * For "make bench-unwrap": for each gzip or EFI zboot file F in
 * KEXEC_TEST_DIR/unwrap/, pairs of
 *
 *   kernel  kexec_file_load(2) of F as it is (the kernel unwraps it) + unload
 *   user    F decompressed here into a memfd, kexec_file_load(2) of the
 *           memfd + unload
 *
 * taking turns at going first, each pair printing
 *
 *   # kexec-bench: unwrap F pair 3 kernel_ms 412.000 user_ms 398.250
 *
 * The user side needs zlib and libzstd, which the guests have no copy of:
 * built with -DKEXEC_BENCH_UNWRAP it links them statically (Debian's
 * libz.a and libzstd.a for the guest's architecture); without, the mode
 * says so and fails.
 *
 *   kexec_bench            with kt.bench_mode=handover
 *
 * For the handover of "make bench": one load of the kernel with its initrd
 * and command line (the runner gives the next kernel's), timed:
 *
 *   # kexec-bench: handover load_ms 1204.512
 *
 * then the console loglevel raised to 7, so that the kernel's last lines
 * before the jump ("kexec_core: Starting new kernel", arm64's "Bye!")
 * reach the console, and the exec armed: the kexec-vm init calls
 * reboot(LINUX_REBOOT_CMD_KEXEC) once this program is over. The runner
 * times the rest from the console on the host's clock. The load asks for
 * KEXEC_FILE_DEBUG, whose lines go to the log buffer, and the kernel's
 * count of the pages the relocation code will copy at exec is passed on
 * as the kernel says it (before the loglevel is raised):
 *
 *   # kexec-bench: handover pages kexec_core: 1234 of 5678 pages will be
 *     copied at exec, 4444 are in place
 *
 * or "# kexec-bench: handover pages unknown" from a kernel that does not
 * count them.
 */
#define _GNU_SOURCE		/* memfd_create() */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define PHASE_RUNS	5
#define MEMORY_RUNS	3
#define PEER_PAIRS	6
#define KEXEC_TOOLS	"/sbin/kexec"

#ifdef KEXEC_BENCH_UNWRAP
#include <sys/mman.h>
#include <zlib.h>
#include <zstd.h>
#endif

#include "kexec_test_util.h"

#define WARMUP_PAIRS	2
#define DEFAULT_PAIRS	15
#define MAX_PAIRS	1000

struct bench_input {
	int kernel_fd;
	int initrd_fd;
	char cmdline[1024];
};

static int open_inputs(struct bench_input *in)
{
	char kpath[256], ipath[256], cpath[256];

	in->kernel_fd = open(test_input("KEXEC_TEST_KERNEL", "kernel", kpath,
					sizeof(kpath)), O_RDONLY | O_CLOEXEC);
	in->initrd_fd = open(test_input("KEXEC_TEST_INITRD", "initrd", ipath,
					sizeof(ipath)), O_RDONLY | O_CLOEXEC);
	if (in->kernel_fd < 0 || in->initrd_fd < 0) {
		printf("# kexec-bench: error: cannot open %s or %s\n", kpath,
		       ipath);
		return -1;
	}
	if (read_text(test_input("KEXEC_TEST_CMDLINE", "cmdline", cpath,
				 sizeof(cpath)), in->cmdline,
		      sizeof(in->cmdline)) < 0)
		snprintf(in->cmdline, sizeof(in->cmdline), "console=ttyS0");
	return 0;
}

/* One load/unload pair; the times of each call in ms. */
static int pair(const struct bench_input *in, double *load_ms,
		double *unload_ms)
{
	double t0 = now_ms(), t1;

	if (kexec_file_load(in->kernel_fd, in->initrd_fd, in->cmdline, 0)) {
		printf("# kexec-bench: error: load: %s\n", strerror(errno));
		return -1;
	}
	t1 = now_ms();
	if (kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD)) {
		printf("# kexec-bench: error: unload: %s\n", strerror(errno));
		return -1;
	}
	*load_ms = t1 - t0;
	*unload_ms = now_ms() - t1;
	return 0;
}

#ifdef KEXEC_BENCH_UNWRAP
static unsigned int le32(const unsigned char *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (unsigned int)p[3] << 24;
}

/* A gzip member ending at @len, inflated into @dst of @size bytes. */
static size_t gunzip(const unsigned char *src, size_t len, void *dst,
		     size_t size)
{
	z_stream z = { 0 };
	int ret;

	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		return 0;
	z.next_in = (unsigned char *)src;
	z.avail_in = len;
	z.next_out = dst;
	z.avail_out = size;
	ret = inflate(&z, Z_FINISH);
	inflateEnd(&z);
	return ret == Z_STREAM_END ? z.total_out : 0;
}

/*
 * Where the compressed stream of @buf lies, which method it uses and the
 * size it decompresses to, as a userspace loader would work them out:
 * the zboot header's payload words, gzip's ISIZE, the zstd frame's size
 * or else the word zboot appends after the payload.
 */
static int plan(const unsigned char *buf, size_t len, const unsigned char **src,
		size_t *src_len, bool *zstd, size_t *size)
{
	unsigned long long fcs;

	*src = buf;
	*src_len = len;
	*zstd = false;
	if (len > 0x40 && !memcmp(buf, "MZ", 2) && !memcmp(buf + 4, "zimg", 4)) {
		*src = buf + le32(buf + 8);
		*src_len = le32(buf + 12);
		if (le32(buf + 8) > len || *src_len > len - le32(buf + 8))
			return -1;
		*zstd = !strcmp((const char *)buf + 0x18, "zstd");
	}
	if (*zstd) {
		/* kbuild's frames leave it out: zboot appends the size word. */
		fcs = ZSTD_getFrameContentSize(*src, *src_len);
		if (fcs == ZSTD_CONTENTSIZE_ERROR)
			return -1;
		if (fcs == ZSTD_CONTENTSIZE_UNKNOWN) {
			if (*src + *src_len + 4 > buf + len)
				return -1;
			fcs = le32(*src + *src_len);
		}
		*size = fcs;
		return 0;
	}
	if (*src_len < 18 || (*src)[0] != 0x1f || (*src)[1] != 0x8b)
		return -1;
	*size = le32(*src + *src_len - 4);
	return 0;
}

/* @path decompressed into a new memfd; its fd, or -1 with the reason printed. */
static int unwrap_to_memfd(const char *path)
{
	const unsigned char *src;
	size_t src_len, size, n;
	unsigned char *buf;
	struct stat st;
	void *dst;
	int fd, mfd = -1;
	bool zstd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st)) {
		printf("# kexec-bench: error: %s: %s\n", path, strerror(errno));
		return -1;
	}
	buf = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (buf == MAP_FAILED) {
		printf("# kexec-bench: error: mmap %s: %s\n", path,
		       strerror(errno));
		return -1;
	}
	if (plan(buf, st.st_size, &src, &src_len, &zstd, &size)) {
		printf("# kexec-bench: error: %s is not a gzip or zboot file\n",
		       path);
		goto out;
	}
	mfd = memfd_create("kexec-bench-image", MFD_CLOEXEC);
	dst = MAP_FAILED;
	if (mfd >= 0 && !ftruncate(mfd, size))
		dst = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, mfd,
			   0);
	if (dst == MAP_FAILED) {
		printf("# kexec-bench: error: memfd of %zu bytes: %s\n", size,
		       strerror(errno));
		goto out_close;
	}
	n = zstd ? ZSTD_decompress(dst, size, src, src_len) :
		   gunzip(src, src_len, dst, size);
	munmap(dst, size);
	if (n == size)
		goto out;
	printf("# kexec-bench: error: %s gives %zu bytes, not %zu\n", path,
	       ZSTD_isError(n) ? 0 : n, size);
out_close:
	if (mfd >= 0)
		close(mfd);
	mfd = -1;
out:
	munmap(buf, st.st_size);
	return mfd;
}

/* Load @fd, unload; the time of both in ms, or a negative value. */
static double load_unload(int fd, const struct bench_input *in)
{
	double t0 = now_ms();

	if (kexec_file_load(fd, in->initrd_fd, in->cmdline, 0)) {
		printf("# kexec-bench: error: load: %s\n", strerror(errno));
		return -1;
	}
	if (kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD)) {
		printf("# kexec-bench: error: unload: %s\n", strerror(errno));
		return -1;
	}
	return now_ms() - t0;
}

static double kernel_side(const char *path, const struct bench_input *in)
{
	double t0 = now_ms(), ms;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		printf("# kexec-bench: error: %s: %s\n", path, strerror(errno));
		return -1;
	}
	ms = load_unload(fd, in);
	close(fd);
	return ms < 0 ? ms : now_ms() - t0;
}

static double user_side(const char *path, const struct bench_input *in)
{
	double t0 = now_ms(), ms;
	int fd = unwrap_to_memfd(path);

	if (fd < 0)
		return -1;
	ms = load_unload(fd, in);
	close(fd);
	return ms < 0 ? ms : now_ms() - t0;
}

/* One pair; @user_first takes turns so that neither side always goes first. */
static int unwrap_pair(const char *path, const struct bench_input *in,
		       bool user_first, double *kernel_ms, double *user_ms)
{
	if (user_first) {
		*user_ms = user_side(path, in);
		*kernel_ms = *user_ms < 0 ? -1 : kernel_side(path, in);
	} else {
		*kernel_ms = kernel_side(path, in);
		*user_ms = *kernel_ms < 0 ? -1 : user_side(path, in);
	}
	return *kernel_ms < 0 || *user_ms < 0 ? -1 : 0;
}

static int bench_wrapped_files(const struct bench_input *in, int pairs)
{
	char files[512], path[600], *name, *save;
	double kernel_ms, user_ms;
	int i;

	if (kernel_param("kt.bench_unwrap", files, sizeof(files))) {
		printf("# kexec-bench: error: no kt.bench_unwrap= files\n");
		return 1;
	}
	for (name = strtok_r(files, ",", &save); name;
	     name = strtok_r(NULL, ",", &save)) {
		snprintf(path, sizeof(path), "%s/unwrap/%s", KEXEC_TEST_DIR,
			 name);
		for (i = 0; i < WARMUP_PAIRS; i++)
			if (unwrap_pair(path, in, i & 1, &kernel_ms, &user_ms))
				return 1;
		for (i = 0; i < pairs; i++) {
			if (unwrap_pair(path, in, i & 1, &kernel_ms, &user_ms))
				return 1;
			printf("# kexec-bench: unwrap %s pair %d kernel_ms %.3f user_ms %.3f\n",
			       name, i + 1, kernel_ms, user_ms);
		}
	}
	return 0;
}
#else
static int bench_wrapped_files(const struct bench_input *in, int pairs)
{
	printf("# kexec-bench: error: built without zlib and libzstd (KEXEC_BENCH_UNWRAP)\n");
	return 1;
}
#endif

/* Kernel log timestamps (us) of the lines that bound the phases. */
struct phase_marks {
	unsigned long long kernel, before_nr, nr, type;
};

static void mark_line(const char *msg, unsigned long long at,
		      unsigned long long *prev, struct phase_marks *m)
{
	if (strstr(msg, "kernel: ") && strstr(msg, "kernel_size")) {
		m->kernel = at;
	} else if (strstr(msg, "nr_segments = ")) {
		m->before_nr = *prev;
		m->nr = at;
	} else if (strstr(msg, "kexec_file_load: type:")) {
		m->type = at;
	}
	*prev = at;
}

/* One debug load: print its phases from the kernel log; 0 or -1. */
static int phases(const struct bench_input *in)
{
	struct phase_marks m = { 0 };
	unsigned long long at, prev = 0;
	char msg[512];
	double t0, total, kernel_ms;
	int kmsg = kmsg_open_at_end();

	if (kmsg < 0)
		return -1;
	t0 = now_ms();
	if (kexec_file_load(in->kernel_fd, in->initrd_fd, in->cmdline,
			    KEXEC_FILE_DEBUG)) {
		printf("# kexec-bench: error: debug load: %s\n", strerror(errno));
		close(kmsg);
		return -1;
	}
	total = now_ms() - t0;
	kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD);
	while (kmsg_next_at(kmsg, msg, sizeof(msg), &at))
		mark_line(msg, at, &prev, &m);
	close(kmsg);
	if (!m.kernel || !m.nr || !m.type || m.before_nr < m.kernel) {
		printf("# kexec-bench: error: no kexec_file debug lines to time\n");
		return -1;
	}
	kernel_ms = (m.type - m.kernel) / 1e3;
	printf("# kexec-bench: %s read_ms %.3f place_ms %.3f digest_ms %.3f copy_ms %.3f\n",
	       "phases",
	       total > kernel_ms ? total - kernel_ms : 0,
	       (m.before_nr - m.kernel) / 1e3, (m.nr - m.before_nr) / 1e3,
	       (m.type - m.nr) / 1e3);
	return 0;
}

/* MemFree from /proc/meminfo in kB, or -1. */
static long mem_free_kb(void)
{
	char buf[4096], *at;
	ssize_t n;
	int fd = open("/proc/meminfo", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	at = strstr(buf, "MemFree:");
	return at ? strtol(at + strlen("MemFree:"), NULL, 10) : -1;
}

/*
 * A child that reads MemFree until the pipe @stop reaches its end (the
 * parent closes stop[1]), then writes the lowest value it saw to
 * result[1] and exits. Its pid, or -1.
 */
static pid_t start_sampler(const int stop[2], const int result[2])
{
	long low = -1, kb;
	pid_t pid = fork();
	char c;

	if (pid)
		return pid;
	close(stop[1]);
	close(result[0]);
	fcntl(stop[0], F_SETFL, O_NONBLOCK);
	while (read(stop[0], &c, 1) < 0) {
		kb = mem_free_kb();
		if (kb >= 0 && (low < 0 || kb < low))
			low = kb;
	}
	if (write(result[1], &low, sizeof(low)) != sizeof(low))
		_exit(1);
	_exit(0);
}

/* One load of @in's kernel with @initrd_fd: print what it costs in memory. */
static int memory_run(const struct bench_input *in, int initrd_fd,
		      long initrd_kb)
{
	long before, loaded, low = -1;
	int stop[2], result[2], status, ret;
	pid_t pid;

	if (pipe(stop))
		return -1;
	if (pipe(result)) {
		close(stop[0]);
		close(stop[1]);
		return -1;
	}
	fflush(stdout);
	pid = start_sampler(stop, result);
	close(stop[0]);
	close(result[1]);
	/* The sampler is running and has taken its first readings. */
	usleep(20000);
	before = mem_free_kb();
	ret = pid < 0 ? -1 : kexec_file_load(in->kernel_fd, initrd_fd,
					     in->cmdline, 0);
	loaded = mem_free_kb();
	close(stop[1]);
	if (pid > 0 && read(result[0], &low, sizeof(low)) != sizeof(low))
		low = -1;
	close(result[0]);
	if (pid > 0)
		waitpid(pid, &status, 0);
	if (ret) {
		printf("# kexec-bench: error: memory load: %s\n",
		       pid < 0 ? "fork failed" : strerror(errno));
		return -1;
	}
	kexec_file_load(-1, -1, NULL, KEXEC_FILE_UNLOAD);
	if (before < 0 || loaded < 0 || low < 0) {
		printf("# kexec-bench: error: no MemFree in /proc/meminfo\n");
		return -1;
	}
	printf("# kexec-bench: memory peak_kb %ld loaded_kb %ld initrd_kb %ld\n",
	       before - low, before - loaded, initrd_kb);
	return 0;
}

/* MEMORY_RUNS memory runs with initrd-mem, or with the usual initrd. */
static int memory_runs(const struct bench_input *in)
{
	char path[256];
	struct stat st;
	int fd, i, ret = 0;

	snprintf(path, sizeof(path), "%s/initrd-mem", KEXEC_TEST_DIR);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		fd = dup(in->initrd_fd);
	if (fd < 0 || fstat(fd, &st)) {
		printf("# kexec-bench: error: no initrd for the memory runs\n");
		return -1;
	}
	for (i = 0; i < MEMORY_RUNS && !ret; i++)
		ret = memory_run(in, fd, (long)(st.st_size / 1024));
	close(fd);
	return ret;
}

/*
 * Run kexec-tools with the NULL-terminated @argv, its output in a file;
 * 0 when it exits 0, else -1 with what happened and what it said printed.
 */
static int run_kexec_tools(char *const argv[])
{
	static char *const envp[] = { "PATH=/sbin:/bin", NULL };
	static const char out[] = "/tmp/kexec-bench-peer.out";
	char said[512];
	int status, fd;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd >= 0) {
			dup2(fd, STDOUT_FILENO);
			dup2(fd, STDERR_FILENO);
		}
		execve(KEXEC_TOOLS, argv, envp);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0) {
		printf("# kexec-bench: error: cannot run %s\n", KEXEC_TOOLS);
		return -1;
	}
	if (WIFEXITED(status) && !WEXITSTATUS(status))
		return 0;
	printf("# kexec-bench: peer: %s %s %s: status 0x%x\n", KEXEC_TOOLS,
	       argv[1], argv[2], status);
	fd = open(out, O_RDONLY);
	status = fd < 0 ? -1 : read(fd, said, sizeof(said) - 1);
	if (status > 0) {
		said[status] = '\0';
		printf("# kexec-bench: peer: it said: %s\n", said);
	}
	if (fd >= 0)
		close(fd);
	return -1;
}

/* kexec-tools' arguments for the bench's kernel, initrd and command line. */
struct peer_args {
	char kernel[256];
	char initrd[256];
	char initrd_arg[300];
	char append_arg[1100];
};

/* "kexec [-s] -l" of the bench's inputs, timed, then unloaded; ms or -1. */
static double peer_load(bool file, struct peer_args *a)
{
	char *load[8] = { "kexec" }, *unload[] = { "kexec", "-u", NULL };
	double t0, ms;
	int n = 1;

	if (file)
		load[n++] = "-s";
	load[n++] = "-l";
	load[n++] = a->kernel;
	load[n++] = a->initrd_arg;
	load[n++] = a->append_arg;
	load[n] = NULL;
	t0 = now_ms();
	if (run_kexec_tools(load))
		return -1;
	ms = now_ms() - t0;
	return run_kexec_tools(unload) ? -1 : ms;
}

/* PEER_PAIRS pairs of kexec -l and kexec -s -l; 0, or -1 on a failure. */
static int peer_pairs(const struct bench_input *in)
{
	double user_ms = 0, file_ms = 0;
	struct peer_args a;
	int i;

	if (access(KEXEC_TOOLS, X_OK)) {
		printf("# kexec-bench: peer none\n");
		return 0;
	}
	test_input("KEXEC_TEST_KERNEL", "kernel", a.kernel, sizeof(a.kernel));
	test_input("KEXEC_TEST_INITRD", "initrd", a.initrd, sizeof(a.initrd));
	snprintf(a.initrd_arg, sizeof(a.initrd_arg), "--initrd=%s", a.initrd);
	snprintf(a.append_arg, sizeof(a.append_arg), "--append=%s",
		 in->cmdline);
	for (i = 0; i < PEER_PAIRS; i++) {
		if (i & 1) {
			file_ms = peer_load(true, &a);
			user_ms = file_ms < 0 ? -1 : peer_load(false, &a);
		} else {
			user_ms = peer_load(false, &a);
			file_ms = user_ms < 0 ? -1 : peer_load(true, &a);
		}
		if (user_ms < 0 || file_ms < 0) {
			printf("# kexec-bench: peer failed\n");
			return 0;
		}
		printf("# kexec-bench: peer pair %d load_ms %.3f file_ms %.3f\n",
		       i + 1, user_ms, file_ms);
	}
	return 0;
}

/* The kernel's count of the pages to copy at exec, from its debug lines. */
static void handover_pages(int kmsg)
{
	char msg[512];

	while (kmsg_next(kmsg, msg, sizeof(msg)))
		if (strstr(msg, "pages will be copied at exec")) {
			printf("# kexec-bench: handover pages %s\n", msg);
			return;
		}
	printf("# kexec-bench: handover pages unknown\n");
}

/* One timed load, the console opened to the shutdown's lines, exec armed. */
static int arm_handover(const struct bench_input *in)
{
	int kmsg = kmsg_open_at_end();
	double t0 = now_ms();

	if (kexec_file_load(in->kernel_fd, in->initrd_fd, in->cmdline,
			    KEXEC_FILE_DEBUG)) {
		printf("# kexec-bench: error: load: %s\n", strerror(errno));
		if (kmsg >= 0)
			close(kmsg);
		return 1;
	}
	printf("# kexec-bench: handover load_ms %.3f\n", now_ms() - t0);
	if (kmsg >= 0) {
		handover_pages(kmsg);
		close(kmsg);
	} else {
		printf("# kexec-bench: handover pages unknown\n");
	}
	if (write_file_text("/proc/sys/kernel/printk", "7") ||
	    arm_action("exec")) {
		printf("# kexec-bench: error: arming the exec: %s\n",
		       strerror(errno));
		return 1;
	}
	return 0;
}

int main(void)
{
	int pairs = DEFAULT_PAIRS;
	struct bench_input in;
	double load, unload;
	char value[16], mode[16] = "";
	int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!kernel_param("kt.bench_pairs", value, sizeof(value)))
		pairs = atoi(value);
	if (pairs < 1 || pairs > MAX_PAIRS) {
		printf("# kexec-bench: error: PAIRS must be 1..%d\n", MAX_PAIRS);
		return 1;
	}
	if (open_inputs(&in))
		return 1;
	if (!kernel_param("kt.bench_mode", mode, sizeof(mode)) &&
	    !strcmp(mode, "unwrap"))
		return bench_wrapped_files(&in, pairs);
	if (!strcmp(mode, "handover"))
		return arm_handover(&in);
	for (i = 0; i < WARMUP_PAIRS; i++)
		if (pair(&in, &load, &unload))
			return 1;
	for (i = 0; i < pairs; i++) {
		if (pair(&in, &load, &unload))
			return 1;
		printf("# kexec-bench: pair %d load_ms %.3f unload_ms %.3f\n",
		       i + 1, load, unload);
	}
	for (i = 0; i < PHASE_RUNS; i++)
		if (phases(&in))
			return 1;
	if (memory_runs(&in))
		return 1;
	return peer_pairs(&in) ? 1 : 0;
}
