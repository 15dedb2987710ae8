# SPDX-License-Identifier: GPL-2.0
"""The guest test cases: the Case class and the table of every case, each one
VM boot."""
from .uki import UKI_ARCHES

NEXT_TESTS = 'next_kernel_cmdline,next_kernel_initrd'
# In a kernel started through its PVH entry (the kexec-pvh cases): that too.
PVH_NEXT_TESTS = NEXT_TESTS + ',next_kernel_entered_through_pvh'
# In a crash kernel: the vmcore's ELF header, its CRASHTIME, makedumpfile on it.
KDUMP_TESTS = ('kexec_boot_test:vmcore_elf_header,vmcore_crashtime,vmcore_makedumpfile,'
               + NEXT_TESTS)

# The crash hotplug cases: hot-added memory onlined movable, so that a DIMM
# can go again; in the crash kernel, the dump's loads and CPU notes too.
HOTPLUG_CMDLINE = 'memhp_default_state=online_movable'
HOTPLUG_KDUMP_TESTS = KDUMP_TESTS + ' kt.run=kexec_hotplug_test:vmcore_loads_and_cpus'

# A load while a memory-limited hog holds most of the memory, then the exec;
# with PRESSURE_PAST_READ, the hog leaves room for the file to be read, so
# that the pressure meets what the load allocates after it.
PRESSURE_TESTS = 'kexec_boot_test:load_under_memory_pressure,exec_loaded_kernel'
PRESSURE_PAST_READ = 'kt.pressure_headroom=150'

# Where the kexec-tools cases run: the arches with kexec_file_load(2).
KEXEC_TOOLS_ARCHES = ('x86_64', 'arm64', 'arm')


class Case:
    """One VM boot: what stage 1 runs and what the next kernel must show."""

    def __init__(self, name, stage1, next_runs=None, crash=False, kmemleak=False,
                 payload=None, arches=None, kselftest=False, unwrap_inputs=False,
                 flavors=('',), kexec_tools=False, crashkernel=None, host_crash=False,
                 uki=None, lockdown=False, first=None, cmdline='', log_must=None, hotplug=None,
                 paging=False, tpm=False, doc=''):
        self.name, self.stage1, self.next_runs = name, stage1, next_runs
        self.crash, self.kmemleak, self.doc = crash, kmemleak, doc
        self.payload, self.arches, self.kselftest = payload, arches, kselftest
        # Kernel flavors the case runs on: '' is the plain test kernel.
        self.unwrap_inputs, self.flavors = unwrap_inputs, flavors
        # Debian's kexec-tools at /sbin/kexec in stage 1 (kexec_tools_inputs()).
        self.kexec_tools = kexec_tools
        # crashkernel= for this case instead of the arch's (with crash).
        self.crashkernel = crashkernel
        # On HOST_CRASH_ARCHES: gdb and crash(8) on the host open the dump.
        self.host_crash = host_crash
        # The payload as a UKI made around it (see uki_payload()): a dict
        # with 'cmdline' and 'initrd' saying what the UKI and the caller give.
        self.uki = uki
        # Boot stage 1 with lockdown=integrity: signatures enforced at run
        # time by a kernel with KEXEC_SIG and no KEXEC_SIG_FORCE.
        self.lockdown = lockdown
        # The payload kind QEMU boots as the first kernel instead of our
        # image ('vmlinux': QEMU's own PVH boot of our ELF vmlinux).
        self.first = first
        # More of stage 1's command line, and a line its console must show.
        self.cmdline, self.log_must = cmdline, log_must
        # 'memory': QEMU's monitor adds two DIMMs and removes one when
        # stage 1 asks, on a machine with two CPUs; 'cpu': two CPUs only
        # (hotplug.py). The judge reads the dump for them.
        self.hotplug = hotplug
        # Runs on the CPU-model lanes too (x86_64:max with five-level
        # paging, arm64:max with LPA2): what builds, switches or leaves
        # page tables at load and at kexec. The other cases do the same
        # there as on the default CPU.
        self.paging = paging
        # A TPM 2.0 (swtpm behind QEMU's tpm-tis, tpm.py), and our vmlinux
        # beside the kernel stage 1 loads; the judge replays the next
        # kernel's IMA list into its PCR 10.
        self.tpm = tpm


def many_reservations(count=123, end=0x2ffe0000):
    """memmap= for @count one-page ranges below @end (where QEMU's pc
    machine with 768 MiB ends its RAM), reserved and ACPI in turn so that
    none merges with the next: a crash kernel's E820 map of more entries
    than the zero page holds (128), while the first kernel's own map
    stays within the 131 entries of a kernel without NUMA."""
    start = (end >> 10) - 4 * count
    return 'memmap=' + ','.join('4K%s%dK' % ('$#'[i % 2], start + 4 * i)
                                for i in range(count))


MANY_RESERVED_LINE = (r"the crash kernel's memory map holds 128 entries: \d+ more "
                      r"\(first MiB, ACPI, reserved\) did not fit")


CASES = [
    Case('kexec-self', 'kexec_boot_test:exec_loaded_kernel',
         'kexec_boot_test:' + NEXT_TESTS,
         flavors=('', 'va48', 'distro', 'distro-sb'),
         paging=True,
         doc='load our own kernel with initrd and command line, exec it'),
    Case('kdump', 'kexec_boot_test:arm_crash_kernel',
         KDUMP_TESTS, crash=True, flavors=('', 'va48', 'distro', 'distro-sb'), host_crash=True,
         paging=True,
         doc='load a crash kernel, panic through sysrq, read /proc/vmcore; on x86_64 '
             'the dump leaves the guest and gdb and crash(8) open it with our vmlinux'),
    Case('load-under-memory-pressure', PRESSURE_TESTS,
         'kexec_boot_test:' + NEXT_TESTS, arches=('x86_64', 'arm64', 'arm'), payload='debian',
         doc='a process in a memory-limited control group holds all but half the size '
             'of Debian\'s kernel file of the available memory: the load gives way, '
             'refused with ENOMEM and one line or loaded, never by the OOM killer '
             'taking the hog; once it is gone, the load and the exec (bzImage, Image, '
             'zImage)'),
    Case('load-under-memory-pressure-pvh', PRESSURE_TESTS,
         'kexec_boot_test:' + PVH_NEXT_TESTS, arches=('x86_64',), payload='debian-vmlinux',
         cmdline=PRESSURE_PAST_READ,
         doc="the same with Debian's vmlinux through the ELF/PVH loader, the file "
             "read, the pressure on its segments"),
    Case('load-under-memory-pressure-gzip', PRESSURE_TESTS,
         'kexec_boot_test:' + NEXT_TESTS, arches=('arm64',), payload='debian-gz',
         cmdline=PRESSURE_PAST_READ,
         doc="the same with Debian's Image gzipped, the file read, the pressure on "
             "the kernel unwrapping it"),
    Case('load-under-memory-pressure-zboot', PRESSURE_TESTS,
         'kexec_boot_test:' + NEXT_TESTS, arches=('arm64',), payload='zboot-zstd',
         cmdline=PRESSURE_PAST_READ,
         doc='the same with our EFI zboot image (zstd), the file read, the pressure '
             'on the kernel unwrapping it'),
    Case('load-under-memory-pressure-uki', PRESSURE_TESTS,
         'kexec_boot_test:' + NEXT_TESTS, arches=('x86_64',), payload='debian',
         uki=dict(cmdline='uki', initrd='uki'),
         cmdline=PRESSURE_PAST_READ,
         doc="the same with a UKI of Debian's bzImage, the file read, the pressure "
             "on the copies of its sections"),
    Case('kdump-after-failed-reloads', 'kexec_boot_test:arm_crash_kernel_then_fail_reloads',
         KDUMP_TESTS, crash=True,
         doc='crash reloads that fail keep the armed crash kernel: panic, it boots'),
    Case('kdump-during-unwrap', 'kexec_boot_test:arm_crash_kernel_then_panic_while_unwrapping',
         KDUMP_TESTS, crash=True,
         unwrap_inputs=True,
         arches=('arm64',),
         doc='a panic while another process unwraps a large gzip kernel reaches the '
             'crash kernel'),
    # 1 MiB off a 2 MiB boundary: the zImage decompressor rounds its base up
    # to 2 MiB; the initrd verified in the crash kernel shows that nothing
    # the decompressor wrote landed on it. Debian's zImage, whose small bss
    # leaves no margin that would hide a kernel placed 1 MiB too low.
    Case('kdump-unaligned-region', 'kexec_boot_test:arm_crash_kernel',
         'kexec_boot_test:' + NEXT_TESTS, crash=True, arches=('arm',), payload='debian',
         crashkernel='crashkernel=96M@0x49100000',
         doc="kdump into Debian's zImage with the crash region 1 MiB off a 2 MiB boundary"),
    Case('kexec-debian', 'kexec_boot_test:exec_loaded_kernel',
         'kexec_boot_test:' + NEXT_TESTS, payload='debian',
         arches=('x86_64', 'arm64', 'arm'),
         paging=True,
         doc="kexec into Debian's current kernel, command line and initrd verified"),
    Case('kexec-debian-gz', 'kexec_boot_test:exec_loaded_kernel',
         'kexec_boot_test:' + NEXT_TESTS, payload='debian-gz',
         arches=('x86_64', 'arm64', 'arm'),
         flavors=('', 'distro'),
         doc="Debian's kernel gzip-compressed, unwrapped in the kernel, exec'd"),
    Case('kexec-gzip', 'kexec_boot_test:exec_loaded_kernel',
         'kexec_boot_test:' + NEXT_TESTS, payload='gzip', arches=('riscv64',),
         doc='our kernel gzip-compressed (Image.gz), unwrapped in the kernel, exec\'d'),
    Case('kexec-zboot-gzip', 'kexec_boot_test:exec_loaded_kernel',
         'kexec_boot_test:' + NEXT_TESTS, payload='zboot-gzip', arches=('arm64', 'riscv64'),
         flavors=('', 'distro'),
         doc='our kernel as an EFI zboot image (gzip), unwrapped in the kernel, exec\'d'),
    Case('kexec-zboot-zstd', 'kexec_boot_test:exec_loaded_kernel',
         'kexec_boot_test:' + NEXT_TESTS, payload='zboot-zstd', arches=('arm64', 'riscv64'),
         doc='our kernel as an EFI zboot image (zstd), unwrapped in the kernel, exec\'d'),
    Case('kexec-zboot-signed', 'kexec_boot_test:exec_loaded_kernel',
         'kexec_boot_test:' + NEXT_TESTS, payload='zboot-signed', arches=('arm64', 'riscv64'),
         flavors=('sig',),
         doc='signatures forced: the signed EFI zboot image loads, unwrapped, exec\'d'),
    Case('signature', 'kexec_sig_test', arches=('arm64', 'riscv64'), flavors=('sig',),
         doc='signatures forced: unsigned and tampered zboot images refused before '
             'anything is unwrapped; on riscv64 our Image signed loads, unsigned and '
             'tampered refused by the Image loader\'s own check'),
    # Unified Kernel Images, made with objcopy around Debian's systemd-stub.
    Case('kexec-uki', 'kexec_boot_test:exec_loaded_kernel',
         'kexec_boot_test:' + NEXT_TESTS, arches=UKI_ARCHES, uki=dict(cmdline='uki', initrd='uki'),
         flavors=('', 'distro'),
         doc="a UKI of our kernel with .cmdline and .initrd; the caller gives neither, "
             "as systemctl kexec does on its first call"),
    Case('kexec-uki-appended', 'kexec_boot_test:exec_loaded_kernel',
         'kexec_boot_test:' + NEXT_TESTS, arches=UKI_ARCHES,
         uki=dict(cmdline='uki', initrd='split'),
         doc="a UKI whose .initrd is half of the next kernel's initramfs; the caller's "
             "initrd, the other half, is appended"),
    Case('kexec-uki-caller-cmdline', 'kexec_boot_test:exec_loaded_kernel',
         'kexec_boot_test:' + NEXT_TESTS, arches=UKI_ARCHES,
         uki=dict(cmdline='override', initrd='uki'),
         doc="signatures not enforced: the caller's command line replaces the UKI's .cmdline"),
    Case('kexec-uki-no-cmdline', 'kexec_boot_test:exec_loaded_kernel',
         'kexec_boot_test:' + NEXT_TESTS, arches=UKI_ARCHES,
         uki=dict(cmdline='caller', initrd='uki'),
         doc="a UKI without .cmdline: the caller's command line is used"),
    Case('kexec-uki-debian', 'kexec_boot_test:exec_loaded_kernel',
         'kexec_boot_test:' + NEXT_TESTS, arches=UKI_ARCHES, payload='debian',
         uki=dict(cmdline='uki', initrd='uki'),
         doc="a UKI of Debian's kernel, .cmdline and .initrd verified in it"),
    Case('kexec-uki-zboot', 'kexec_boot_test:exec_loaded_kernel',
         'kexec_boot_test:' + NEXT_TESTS, arches=('arm64',), payload='zboot-zstd',
         uki=dict(cmdline='uki', initrd='uki'),
         doc="a UKI whose .linux is our EFI zboot image: UKI, zboot, Image"),
    Case('kdump-uki', 'kexec_boot_test:arm_crash_kernel',
         KDUMP_TESTS, crash=True, arches=UKI_ARCHES, uki=dict(cmdline='uki', initrd='uki'),
         doc='a UKI crash kernel: panic through sysrq, the dump read in it'),
    Case('kexec-uki-signed', 'kexec_boot_test:exec_loaded_kernel',
         'kexec_boot_test:' + NEXT_TESTS, arches=('arm64',), payload='zboot-gzip',
         flavors=('sig',), uki=dict(cmdline='uki', initrd='uki', sign=True),
         doc="signatures forced: a signed UKI around our zboot image loads and execs"),
    Case('signature-lockdown', 'kexec_sig_test', arches=('x86_64',), lockdown=True,
         flavors=('', 'distro-sb'),
         doc='lockdown=integrity: a signed bzImage and a signed UKI load, unsigned and '
             'tampered ones are refused with EPERM before any section is used, and a '
             "command line other than the UKI's .cmdline is refused"),
    Case('lockdown-unverifiable',
         'kexec_boot_test:lockdown_in_force,unverifiable_load_refused_under_lockdown',
         arches=('arm',), lockdown=True,
         doc='lockdown=integrity on a kernel without KEXEC_SIG: a load and a crash '
             'load refused with EPERM and one line before the file is read'),
    Case('kexec-uki-lockdown', 'kexec_boot_test:lockdown_in_force,exec_loaded_kernel',
         'kexec_boot_test:' + NEXT_TESTS, arches=('x86_64',), lockdown=True,
         uki=dict(cmdline='uki', initrd='uki', sign=True),
         doc='lockdown=integrity: a signed UKI of our kernel loads and execs'),
    Case('kdump-uki-lockdown', 'kexec_boot_test:lockdown_in_force,arm_crash_kernel',
         KDUMP_TESTS, crash=True, arches=('x86_64',), lockdown=True,
         uki=dict(cmdline='uki', initrd='uki', sign=True),
         doc='lockdown=integrity: a signed UKI crash kernel, its .cmdline with '
             'elfcorehdr= appended; panic through sysrq, the dump read in it'),
    # An ELF vmlinux started through its PVH entry (x86_64).
    Case('kexec-pvh', 'kexec_boot_test:exec_loaded_kernel',
         'kexec_boot_test:' + PVH_NEXT_TESTS, payload='vmlinux', arches=('x86_64',),
         paging=True,
         doc='our vmlinux (ELF) loaded through its PVH entry, placed in its '
             'PHYS32_RELOC window, exec\'d'),
    Case('kexec-pvh-fixed', 'kexec_boot_test:exec_loaded_kernel',
         'kexec_boot_test:' + PVH_NEXT_TESTS, payload='vmlinux-fixed', arches=('x86_64',),
         doc='our vmlinux without its PHYS32_RELOC note: placed at its p_paddr, exec\'d'),
    Case('kexec-pvh-shared-page', 'kexec_boot_test:exec_loaded_kernel',
         'kexec_boot_test:' + PVH_NEXT_TESTS, payload='vmlinux-shared-page',
         arches=('x86_64',),
         doc='our vmlinux with two PT_LOADs whose file bytes share a page: the '
             'load copies the second, the kernel boots'),
    Case('kexec-pvh-debian', 'kexec_boot_test:exec_loaded_kernel',
         'kexec_boot_test:' + PVH_NEXT_TESTS, payload='debian-vmlinux', arches=('x86_64',),
         doc="Debian's vmlinux, taken out of its bzImage, started through its PVH entry"),
    # Our kernel's PHYS32_RELOC window ends at KERNEL_IMAGE_SIZE (1 GiB with
    # RANDOMIZE_BASE, 512 MiB without): the crash region goes below both.
    # The reference: QEMU's own PVH boot (-kernel vmlinux) starts the same
    # file, which then kexecs into it through our loader.
    Case('kexec-pvh-after-qemu-pvh',
         'kexec_boot_test:next_kernel_entered_through_pvh,exec_loaded_kernel',
         'kexec_boot_test:' + PVH_NEXT_TESTS, payload='vmlinux', arches=('x86_64',),
         first='vmlinux',
         doc="QEMU boots our vmlinux through its PVH entry (the reference), which "
             "kexecs into the same file through ours"),
    Case('pvh-refused-under-efi', 'kexec_boot_test:pvh_refused_while_efi_runs', crash=True,
         payload='vmlinux', arches=('x86_64',), flavors=('distro', 'distro-sb'),
         doc='booted by UEFI firmware: our vmlinux is refused (EOPNOTSUPP, one line) for '
             'a load and a crash load, since a kernel started through PVH gets no EFI '
             'state; under Secure Boot the signature check refuses it first'),
    Case('kdump-many-reserved', 'kexec_boot_test:arm_crash_kernel',
         KDUMP_TESTS, crash=True, arches=('x86_64',),
         cmdline=many_reservations() + ' loglevel=5', log_must=MANY_RESERVED_LINE,
         doc='a machine with more reserved ranges than the crash kernel\'s E820 map '
             'holds: the map keeps the crash region\'s RAM, the crash kernel boots '
             'and reads the dump'),
    Case('kdump-pvh-many-reserved', 'kexec_boot_test:arm_crash_kernel',
         KDUMP_TESTS + ',next_kernel_entered_through_pvh', crash=True, payload='vmlinux',
         arches=('x86_64',), crashkernel='crashkernel=160M@256M',
         cmdline=many_reservations() + ' loglevel=5', log_must=MANY_RESERVED_LINE,
         doc='the same with our vmlinux as the crash kernel, through its PVH entry'),
    Case('kdump-pvh', 'kexec_boot_test:arm_crash_kernel',
         KDUMP_TESTS + ',next_kernel_entered_through_pvh', crash=True, payload='vmlinux',
         arches=('x86_64',),
         crashkernel='crashkernel=160M@256M',
         paging=True,
         doc='our vmlinux as the crash kernel, placed in the crash region inside its '
             'PHYS32_RELOC window: panic through sysrq, the dump read in it'),
    # Crash hotplug: with a crash kernel armed, QEMU's monitor adds two
    # DIMMs and removes one and CPU 1 goes offline and online, while crash
    # reloads that fail hold kexec_lock; the dump covers the memory and
    # CPUs of the panic.
    Case('kdump-hotplug', 'kexec_hotplug_test:arm_crash_kernel_across_hotplug',
         HOTPLUG_KDUMP_TESTS, crash=True, arches=('x86_64',), flavors=('distro',),
         hotplug='memory', cmdline=HOTPLUG_CMDLINE,
         doc='two DIMMs added, one removed, CPU 1 offline and online, while a crash '
             'kernel is armed and failing reloads hold kexec_lock: the dump has a load '
             'for the added memory, none for the removed, a note per CPU online'),
    Case('kdump-pvh-hotplug', 'kexec_hotplug_test:arm_crash_kernel_across_hotplug',
         HOTPLUG_KDUMP_TESTS, crash=True, arches=('x86_64',), payload='vmlinux',
         crashkernel='crashkernel=160M@256M', hotplug='memory', cmdline=HOTPLUG_CMDLINE,
         doc='the same with our vmlinux as the crash kernel, through its PVH entry'),
    # arm64 and arm have no CRASH_HOTPLUG in 6.12, and QEMU's virt machine
    # hotplugs memory only through ACPI: what a CPU going offline does to
    # an armed crash kernel. Its headers describe every possible CPU, and
    # the crash kernel keeps the notes of the CPUs that saved their
    # registers at the panic: those online then.
    Case('kdump-cpu-offline', 'kexec_hotplug_test:arm_crash_kernel_across_cpu_offline',
         HOTPLUG_KDUMP_TESTS, crash=True, arches=('arm64', 'arm'), hotplug='cpu',
         doc='a crash kernel armed with two CPUs online, CPU 1 taken offline, online and '
             'offline again: the dump has one CPU note, the crash kernel reads it'),
    # IMA_KEXEC (arm64's and x86_64's test kernels have it; Debian's do
    # not): the measurement list carried across kexec.
    Case('kexec-ima', 'kexec_ima_test:exec_with_ima_measuring_kexec',
         'kexec_boot_test:' + NEXT_TESTS + ' kt.run=kexec_ima_test:next_kernel_continues_ima_list',
         arches=('arm64', 'x86_64'), flavors=('', 'distro'),
         doc='a policy that measures kexec images, a load, the exec: the next kernel\'s '
             'IMA list holds the previous kernel\'s entries, the kexec kernel\'s '
             'measurement at the same place, then its own'),
    Case('kexec-ima-tpm', 'kexec_ima_test:pvh_refused_while_tpm_attests_ima,'
         'exec_with_ima_measuring_kexec',
         'kexec_boot_test:' + NEXT_TESTS + ' kt.run=kexec_ima_test:'
         'next_kernel_continues_ima_list,next_kernel_list_replays',
         arches=('x86_64',), tpm=True,
         doc='with a TPM that IMA extends: our vmlinux refused by the ELF/PVH loader '
             '(EOPNOTSUPP, one line), which cannot hand the list over; the bzImage '
             'carries it, and the next kernel\'s list replays to its PCR 10'),
    Case('kexec-ima-zboot', 'kexec_ima_test:exec_with_ima_measuring_kexec',
         'kexec_boot_test:' + NEXT_TESTS + ' kt.run=kexec_ima_test:next_kernel_continues_ima_list',
         arches=('arm64',), payload='zboot-gzip',
         doc='the same with our kernel as an EFI zboot image, unwrapped in the kernel: '
             'the list carried, the zboot file\'s measurement in it'),
    Case('kexec-ima-gzip', 'kexec_ima_test:exec_with_ima_measuring_kexec',
         'kexec_boot_test:' + NEXT_TESTS + ' kt.run=kexec_ima_test:next_kernel_continues_ima_list',
         arches=('arm64',), payload='gzip',
         doc='the same with our kernel gzipped, unwrapped in the kernel: the list '
             'carried, the gzip file\'s measurement in it'),
    Case('kexec-ima-uki', 'kexec_ima_test:exec_with_ima_measuring_kexec',
         'kexec_boot_test:' + NEXT_TESTS + ' kt.run=kexec_ima_test:next_kernel_continues_ima_list',
         arches=('arm64',), uki=dict(cmdline='caller', initrd='uki'),
         doc='the same with a UKI of our kernel and its .initrd (the caller gives the '
             'command line): the list carried, the UKI\'s measurement in it'),
    # IMA appraisal of kexec images, the hashes set in stage 1 (tmpfs keeps
    # security.ima): bzImage, Image, the ELF/PVH loader and a gzip file.
    Case('kexec-ima-appraise', 'kexec_ima_test:exec_with_ima_appraising_kexec',
         'kexec_boot_test:' + NEXT_TESTS, arches=('arm64', 'x86_64'),
         doc='a policy that appraises kexec images: a kernel without its IMA hash, '
             'one whose bytes differ from its hash and an initrd without its hash '
             'refused with EACCES and one line each; with the hashes set, the load '
             'and the exec'),
    Case('kexec-ima-appraise-pvh', 'kexec_ima_test:exec_with_ima_appraising_kexec',
         'kexec_boot_test:' + PVH_NEXT_TESTS, arches=('x86_64',), payload='vmlinux',
         doc='the same with our vmlinux through the ELF/PVH loader'),
    Case('kexec-ima-appraise-gzip', 'kexec_ima_test:exec_with_ima_appraising_kexec',
         'kexec_boot_test:' + NEXT_TESTS, arches=('arm64',), payload='gzip',
         doc='the same with our kernel gzipped: the gzip file is appraised, then '
             'unwrapped in the kernel'),
    Case('syscall', 'kexec_file_load_test', crash=True, kmemleak=True, unwrap_inputs=True,
         paging=True,
         doc='load, unload, crash load, no-initrd load, errors and header refusals, '
             'no reboot; no leak'),
    Case('kselftest', 'kselftest', crash=True, kselftest=True, arches=('x86_64', 'arm64'),
         unwrap_inputs=True,
         doc="the kselftest install of selftests/kexec run by run_kselftest.sh under "
             "Debian's busybox"),
    Case('kexec-tools', 'kexec_tools_test:exec_with_kexec_tools',
         'kexec_boot_test:' + NEXT_TESTS, kexec_tools=True, arches=KEXEC_TOOLS_ARCHES,
         flavors=('', 'distro', 'distro-sb'),
         doc="Debian's kexec -s -l with --initrd and --append, then kexec -e"),
    Case('kexec-load-tools', 'kexec_tools_test:exec_with_kexec_load',
         'kexec_boot_test:' + NEXT_TESTS, kexec_tools=True, arches=('x86_64', 'arm'),
         paging=True,
         doc="Debian's kexec -l (kexec_load(2), kexec-tools' own loader and purgatory) "
             "with --initrd and --append, then kexec -e: the kexec core's page "
             "allocation and relocation for kexec_load(2) callers"),
    Case('kexec-tools-kdump', 'kexec_tools_test:crash_with_kexec_tools',
         KDUMP_TESTS, crash=True, kexec_tools=True,
         arches=KEXEC_TOOLS_ARCHES,
         flavors=('', 'distro', 'distro-sb'),
         doc="Debian's kexec -s -p, panic through sysrq, read /proc/vmcore"),
    Case('kexec-tools-load', 'kexec_tools_test:unload_with_kexec_tools,'
         'crash_unload_with_kexec_tools,refusal_through_kexec_tools', crash=True,
         kexec_tools=True, arches=KEXEC_TOOLS_ARCHES,
         flavors=('', 'distro'),
         doc="Debian's kexec -s -u, and a header refusal seen through it with the "
             "kernel's reason line"),
]
