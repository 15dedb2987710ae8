# SPDX-License-Identifier: GPL-2.0
"""Lanes: an architecture on a QEMU CPU model booting one of our kernel
builds, with the boot arguments that lane gives its cases, and the QEMU
command that boots it. The architectures' QEMU settings are in
qemu_configs/, one file each."""
import os
import shutil
import subprocess

from .firmware import snakeoil_signed
from .qemu_configs import ARCHES
from .util import BUILD

GUEST_PROGS = ('kexec_vm_init', 'kexec_file_load_test', 'kexec_boot_test', 'kexec_bench',
               'kexec_sig_test', 'kexec_tools_test', 'kexec_hotplug_test',
               'kexec_ima_test')

# What every kernel of a distro lane shows besides its case's tests: EFI
# runtime services that work, and where KASLR put it (the judge compares
# the kernels of a case); with Secure Boot, that it is locked down.
DISTRO_TESTS = 'kt.run=kexec_boot_test:efi_runtime_works,kernel_base'
SB_TESTS = DISTRO_TESTS + ',lockdown_in_force'

# A lane spec is ARCH[:CPU][+NAME]. NAME picks an entry here: the kernel
# build the lane boots, build/ARCH-BUILD (build/ARCH for ''), which
# make kernel guest ARCH=ARCH FLAVOR=BUILD makes, and the boot arguments
# the first kernel of each of its cases gets; and, when it is not NAME,
# case_flavor: the cases it runs are those whose Case.flavors name that.
# A lane on another lane's kernel with other arguments is one more entry;
# a NAME not listed boots build/ARCH-NAME with none (bench --flavor,
# fuzz-vm's fuzz kernel).
LANES = {
    # The plain kernels have KASLR (configs/distro*.config): their first
    # kernel runs where the cases' fixed crash regions expect it; what it
    # kexecs into is randomized.
    '': dict(build='', boot_args='nokaslr'),
    # arm64: the fuzz kernel carries configs/sig.config and va48.config
    # (the Makefile's FLAVOR_ALSO), so these lanes need no build of their
    # own. KEXEC_SIG enforced by lockdown, as distributions ship it:
    # kt.sigforce=1 and kt.lockdown=1 tell kexec_sig_test that unsigned
    # images are refused, with EPERM.
    # riscv64's plain kernel carries configs/sig.config (build_ARCH: the
    # build of that arch's lane where it differs).
    'sig': dict(build='fuzz', build_riscv64='',
                boot_args='lockdown=integrity kt.sigforce=1 kt.lockdown=1'),
    'va48': dict(build='fuzz', boot_args=''),
    'fuzz': dict(build='fuzz', boot_args=''),
    # The plain kernel by name, where a command defaults to another
    # (fuzz-vm: make check's smoke on x86_64 and arm).
    'plain': dict(build='', boot_args=''),
    # The distribution's options (every plain kernel has them, see the
    # Makefile's FLAVOR_ALSO) booted as distributions boot them: through
    # UEFI firmware (qemu_configs/), with KASLR. next_args: what the next
    # kernel's command line says too, so that its tests know it.
    'distro': dict(build='', boot_args='kt.efi=1 kt.secureboot=0 ' + DISTRO_TESTS,
                   firmware='uefi', next_args='kt.efi=1 kt.secureboot=0 ' + DISTRO_TESTS),
    # The same with Secure Boot on (Debian's snakeoil keys enrolled): the
    # firmware boots our kernel signed with that key, and the kernel locks
    # itself down (LOCK_DOWN_IN_EFI_SECURE_BOOT).
    'distro-sb': dict(build='', boot_args='kt.efi=1 kt.secureboot=1 kt.lockdown=1 ' + SB_TESTS,
                      firmware='uefi_sb',
                      next_args='kt.efi=1 kt.secureboot=1 kt.lockdown=1 ' + SB_TESTS),
}


def lane_kind(name):
    """The LANES entry of the lane NAME, with its defaults."""
    kind = dict(build=name, boot_args='', case_flavor=name, firmware=None, next_args='')
    kind.update(LANES.get(name, {}))
    return kind


class Lane:
    """One architecture: its kernel, guest programs and QEMU command."""

    def __init__(self, arch, cpu=None, timeout=None, flavor=None, build=None):
        self.arch, self.cfg, self.flavor = arch, ARCHES[arch], flavor or ''
        kind = lane_kind(self.flavor)
        if build is not None:
            # build/ARCH-BUILD booted as it is, whatever LANES makes of the
            # flavor's name (make bench FLAVOR=distro: the distro build,
            # not the distro lane's UEFI boot of the plain kernel).
            kind.update(build=build, boot_args='', firmware=None, next_args='')
            kind.pop('build_' + arch, None)
        self.build = kind.get('build_' + arch, kind['build'])
        self.boot_args = kind['boot_args']
        self.case_flavor, self.next_args = kind['case_flavor'], kind['next_args']
        self.firmware = self.cfg.get(kind['firmware']) if kind['firmware'] else None
        if kind['firmware'] and not self.firmware:
            raise SystemExit('kexec-vm: %s has no %s firmware' % (arch, kind['firmware']))
        if self.firmware and not os.path.exists(self.firmware['code']):
            raise SystemExit('kexec-vm: %s is missing: the %s+%s lane boots through it'
                             % (self.firmware['code'], arch, self.flavor))
        self.cpu = cpu or self.cfg['cpu']
        # Lanes of one arch on other CPU models or kernel flavors keep their
        # logs and results apart.
        suffix = ('' if self.cpu == self.cfg['cpu'] else '-' + self.cpu) + \
            ('-' + self.flavor if self.flavor else '')
        self.label = arch + ('' if self.cpu == self.cfg['cpu'] else ':' + self.cpu) + \
            ('+' + self.flavor if self.flavor else '')
        self.vmdir = os.path.join(BUILD, arch, 'vm' + suffix)
        self.out = os.path.join(BUILD, arch + ('-' + self.build if self.build else ''))
        self.kernel = os.path.join(self.out, self.cfg['image'])
        self.guest = os.path.join(self.out, 'guest')
        self.timeout = timeout or int(os.environ.get('KEXEC_VM_TIMEOUT', '300'))
        for p in [self.kernel] + [os.path.join(self.guest, g) for g in GUEST_PROGS]:
            if not os.path.exists(p):
                raise SystemExit('kexec-vm: %s is missing; run make kernel guest ARCH=%s%s'
                                 % (p, arch, ' FLAVOR=' + self.build if self.build else ''))
        # The image as built; self.kernel is what the lane boots.
        self.image = self.kernel
        if kind['firmware'] == 'uefi_sb':
            # What Secure Boot firmware starts, and what the kernel's own
            # check then takes from the platform keyring: signed by db.
            self.kernel = snakeoil_signed(self.kernel, os.path.join(self.out, 'vm-inputs'))

    @staticmethod
    def from_spec(spec):
        """ARCH[:CPU][+NAME], e.g. arm64:max or arm64+sig (NAME: see LANES)."""
        spec, _, flavor = spec.partition('+')
        arch, _, cpu = spec.partition(':')
        return Lane(arch, cpu=cpu or None, flavor=flavor or None)

    @staticmethod
    def probe_kvm_once(specs):
        """Probe KVM before lanes start in parallel, so that it is probed once."""
        for spec in specs:
            lane = Lane.from_spec(spec)
            lane.qemu_cmd('', '', '')

    def firmware_args(self, log):
        """The firmware's pflash drives: its code, and a copy of its
        variable store beside @log, so that each boot starts from the
        template and none writes to it."""
        if not self.firmware:
            return self.cfg['machine']
        store = os.path.join(os.path.dirname(log) or '.', 'efivars.fd')
        if log:
            shutil.copyfile(self.firmware['vars'], store)
        return self.firmware['machine'] + [
            '-drive', 'if=pflash,format=raw,unit=0,readonly=on,file=' + self.firmware['code'],
            '-drive', 'if=pflash,format=raw,unit=1,file=' + store]

    def qemu_cmd(self, initrd, cmdline, log, kernel=None, disk=None, hotplug=None,
                 extra=()):
        """@hotplug: a crash hotplug case's CPUs, memory and monitor
        (hotplug.qemu_args()); @extra: more devices (tpm.Swtpm)."""
        size = hotplug or ['-m', '768M', '-smp', '1']
        cmd = [self.cfg['qemu']] + self.firmware_args(log) + [
            '-cpu', self.cpu] + size + ['-nodefaults',
            '-display', 'none', '-no-reboot', '-monitor', 'none',
            '-serial', 'file:' + log, '-kernel', kernel or self.kernel,
            '-initrd', initrd, '-append', cmdline]
        if disk:
            cmd += ['-drive', 'file=%s,format=raw,if=virtio' % disk]
        cmd += list(extra)
        if self.arch == os.uname().machine and kvm_works(self.cfg['qemu'], self.kernel):
            cmd += ['-accel', 'kvm']
        return cmd


_kvm = {}


def kvm_works(qemu, kernel):
    """Whether KVM really runs a guest here: /dev/kvm can exist and still
    hang. Boot the kernel with no initramfs under KVM: a working KVM panics
    it ('no init') and reboots within a second or two. KEXEC_VM_KVM=0 or 1
    skips the probe."""
    forced = os.environ.get('KEXEC_VM_KVM')
    if forced in ('0', '1'):
        return forced == '1'
    if not os.access('/dev/kvm', os.R_OK | os.W_OK):
        return False
    if qemu not in _kvm:
        cmd = [qemu, '-accel', 'kvm', '-m', '256M', '-nodefaults', '-display', 'none',
               '-no-reboot', '-serial', 'stdio', '-kernel', kernel,
               '-append', 'console=ttyS0 console=ttyAMA0 panic=-1']
        try:
            out = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, timeout=8).stdout
            _kvm[qemu] = b'Kernel panic' in out
        except subprocess.TimeoutExpired:
            _kvm[qemu] = False
        print('# kexec-vm: KVM %s' % ('works: using it' if _kvm[qemu]
                                      else 'does not run a guest here: using TCG'))
    return _kvm[qemu]


def run_qemu(cmd, timeout, driver=None):
    """Run QEMU to its end or the timeout; 'ok', 'timeout' or 'exit N'.
    @driver: a thread that talks to QEMU's monitor meanwhile (hotplug.py)."""
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    if driver:
        driver.start()
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        return 'timeout after %d s' % timeout
    finally:
        if driver:
            driver.finish()
    if proc.returncode:
        return 'qemu exit %d: %s' % (proc.returncode, out.decode(errors='replace').strip())
    return 'ok'
