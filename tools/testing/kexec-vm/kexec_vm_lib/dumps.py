# SPDX-License-Identifier: GPL-2.0
"""A kdump case's dump on the host: taken off the guest's disk, rebuilt
with makedumpfile -R, opened with gdb and crash(8)."""
import os
import re
import struct
import subprocess

from .ktap import Result
from .util import read_log, write

# Where a kdump case's dump leaves the guest for gdb and crash(8) on the
# host (Case.host_crash): the crash kernel writes it to a virtio disk.
HOST_CRASH_ARCHES = ('x86_64', 'riscv64')
# A dump on that disk: a header sector, DUMP_DISK_MAGIC and the length in
# decimal, then makedumpfile's flattened stream from DUMP_DISK_DATA
# (kexec_boot_test.c knows it too); where the crash kernel has no
# makedumpfile (riscv64), DUMP_DISK_ELF_MAGIC and /proc/vmcore as it is.
DUMP_DISK_MAGIC = b'kexec-vm dump '
DUMP_DISK_ELF_MAGIC = b'kexec-vm vmcore '
DUMP_DISK_DATA = 4096
DUMP_DISK_SIZE = 768 << 20


def dump_from_disk(disk, path):
    """Copy the dump the crash kernel left on @disk to @path; (its size,
    whether it is an ELF core already), or (None, False) when the disk
    holds none."""
    with open(disk, 'rb') as f:
        head = f.read(DUMP_DISK_DATA)
        m = re.match(b'(%s|%s)' % (re.escape(DUMP_DISK_MAGIC), re.escape(DUMP_DISK_ELF_MAGIC))
                     + rb'(\d+)\n', head)
        if not m or int(m.group(2)) > DUMP_DISK_SIZE - DUMP_DISK_DATA:
            return None, False
        size = int(m.group(2))
        with open(path, 'wb') as out:
            while size > out.tell():
                out.write(f.read(min(size - out.tell(), 64 << 20)))
    return size, m.group(1) == DUMP_DISK_ELF_MAGIC


def run_tool(cmd, log, stdin=None, timeout=300):
    """Run @cmd with its output in @log; (exit status or None, output)."""
    try:
        with open(stdin or os.devnull, 'rb') as inp:
            proc = subprocess.run(cmd, stdin=inp, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, timeout=timeout)
        status, said = proc.returncode, proc.stdout.decode(errors='replace')
    except subprocess.TimeoutExpired:
        status, said = None, '%s did not finish in %d s' % (cmd[0], timeout)
    except FileNotFoundError:
        status, said = None, '%s is not installed' % cmd[0]
    write(log, said)
    return status, said


def first_line(text, *needles):
    """The first line of @text holding the first of @needles found in it,
    else its last line."""
    lines = [l.strip() for l in text.strip().split('\n') if l.strip()] or ['(no output)']
    for needle in needles:
        for line in lines:
            if needle in line:
                return line
    return lines[-1]


# Debian 12's crash is 8.0.2 (2022): it predates the kernel layouts of Linux
# 6.2 and later that this kernel has, and its gdb 10.2 faults reading this
# vmlinux. crash follows the kernel release by release; 8.0.6 is the first
# release made after Linux 6.11. An older crash that fails on our dump is a
# skip quoting its own words; a newer one must read it.
CRASH_FOLLOWS_6_12 = (8, 0, 6)


OLD_CRASH_TIMEOUT = 20


def crash_version():
    """crash(8)'s version as a tuple, or None when it is not installed."""
    status, said = run_tool(['crash', '--version'], os.devnull, timeout=30)
    m = re.search(r'crash (\d+)\.(\d+)\.(\d+)', said) if status == 0 else None
    return tuple(int(x) for x in m.groups()) if m else None


def host_debuggers(lane, case, work, disk):
    """What people do with a dump on their own machine. makedumpfile -R
    rebuilds the ELF core from the stream the crash kernel wrote (or the
    crash kernel copied /proc/vmcore, an ELF core already); gdb opens it
    with our vmlinux: the crashed CPU's backtrace is the sysrq crash path,
    and the kernel's own gdb scripts (lx-dmesg) print the panic line; and
    crash(8) does the same with 'bt' and 'log'. Results named
    LANE/CASE/host:makedumpfile-R (or host:vmcore), host:gdb-bt,
    host:gdb-lx-dmesg, host:crash-bt and host:crash-log."""
    prefix = '%s/%s/host:' % (lane.label, case.name)
    stream, core = os.path.join(work, 'vmcore.flat'), os.path.join(work, 'vmcore.elf')
    vmlinux = os.path.join(lane.out, 'vmlinux')
    size, elf = dump_from_disk(disk, stream)
    os.unlink(disk)
    if size is None:
        return [Result(prefix + 'makedumpfile-R', 'fail',
                       'the crash kernel left no dump on its disk')]
    if elf:
        os.rename(stream, core)
        results = [Result(prefix + 'vmcore', 'pass', '%d-byte ELF core copied from '
                          '/proc/vmcore' % size)]
    else:
        status, said = run_tool(['makedumpfile', '-R', core],
                                os.path.join(work, 'rearrange.log'), stdin=stream)
        os.unlink(stream)
        if status != 0 or not os.path.isfile(core):
            return [Result(prefix + 'makedumpfile-R', 'fail', 'makedumpfile -R on the %d-byte '
                           'stream: %s' % (size, first_line(said, 'rror', 'not')))]
        results = [Result(prefix + 'makedumpfile-R', 'pass', '%d-byte stream -> %d-byte ELF '
                          'core' % (size, os.path.getsize(core)))]
    results += gdb_on_dump(lane, prefix, work, vmlinux, core)
    results += crash_on_dump(prefix, work, vmlinux, core, lane.arch)
    os.unlink(core)
    return results


def kernel_offset(core):
    """KERNELOFFSET of the VMCOREINFO note of the ELF core @core (where
    KASLR put the crashed kernel), or 0 when the note says none."""
    with open(core, 'rb') as f:
        eh = f.read(64)
        # makedumpfile -R writes the dump's own class: the offset is read
        # from a little-endian ELF64 core (x86_64, HOST_CRASH_ARCHES) only.
        if len(eh) < 64 or eh[:4] != b'\x7fELF' or eh[4:6] != b'\x02\x01':
            return 0
        phoff, = struct.unpack_from('<Q', eh, 32)
        phentsize, phnum = struct.unpack_from('<HH', eh, 54)
        for i in range(phnum):
            f.seek(phoff + i * phentsize)
            ptype, _, off, _, _, size = struct.unpack('<IIQQQQ', f.read(40))
            if ptype != 4:		# PT_NOTE
                continue
            f.seek(off)
            m = re.search(rb'KERNELOFFSET=([0-9a-f]+)', f.read(size))
            if m:
                return int(m.group(1), 16)
    return 0


def gdb_on_dump(lane, prefix, work, vmlinux, core):
    """gdb's backtraces of every CPU (with several CPUs the crashed one
    need not be the first thread), and lx-dmesg from the kernel's gdb
    scripts (CONFIG_GDB_SCRIPTS: vmlinux-gdb.py beside vmlinux); our
    vmlinux's symbols moved by the KASLR offset the dump's VMCOREINFO
    gives, as a user of a distribution kernel's dump does."""
    log = os.path.join(work, 'gdb.log')
    offset = kernel_offset(core)
    # Debian's gdb reads the host's arch only; gdb-multiarch the others.
    gdb = 'gdb' if lane.arch == os.uname().machine else 'gdb-multiarch'
    cmd = [gdb, '-nx', '-batch', '-iex', 'add-auto-load-safe-path ' + lane.out,
           '-ex', 'symbol-file -o 0x%x %s' % (offset, vmlinux), '-ex', 'core-file ' + core,
           '-ex', 'thread apply all bt', '-ex', 'echo ---- lx-dmesg\\n', '-ex', 'lx-dmesg']
    _, said = run_tool(cmd, log)
    bt, _, dmesg = said.partition('---- lx-dmesg')
    results = []
    for name, text, needles in (('gdb-bt', bt, ('sysrq_handle_crash', '__crash_kexec')),
                                ('gdb-lx-dmesg', dmesg, ('sysrq triggered crash',))):
        missing = [n for n in needles if n not in text]
        results.append(Result(prefix + name, 'fail' if missing else 'pass',
                              'no %s in its output (%s: %s)'
                              % (', '.join(missing), log, first_line(text, 'rror', 'ndefined'))
                              if missing else 'shows ' + ', '.join(needles)))
    return results


def crash_on_dump(prefix, work, vmlinux, core, arch):
    """crash(8): 'bt' of the panicking task, 'log' with the panic line."""
    version = crash_version()
    names = (prefix + 'crash-bt', prefix + 'crash-log')
    if arch != os.uname().machine:
        return [Result(n, 'skip', "Debian's crash(8) reads %s dumps only, not %s"
                       % (os.uname().machine, arch)) for n in names]
    if version is None:
        return [Result(n, 'skip', "crash(8) is not installed (Debian's crash package)")
                for n in names]
    bt, log = os.path.join(work, 'crash-bt.txt'), os.path.join(work, 'crash-log.txt')
    cmds = write(os.path.join(work, 'crash.cmds'),
                 'bt > %s\nlog > %s\nquit\n' % (bt, log))
    # One older than CRASH_FOLLOWS_6_12 may fault at once or spin on a
    # layout it misreads (8.0.2 in 'log'): it is asked only for its
    # words, which come within seconds.
    _, said = run_tool(['crash', '-s', '-i', cmds, vmlinux, core],
                       os.path.join(work, 'crash.out'),
                       timeout=300 if version >= CRASH_FOLLOWS_6_12 else OLD_CRASH_TIMEOUT)
    results = []
    for name, path, needle in ((names[0], bt, 'sysrq_handle_crash'),
                               (names[1], log, 'sysrq triggered crash')):
        if needle in read_log(path):
            results.append(Result(name, 'pass', 'shows ' + needle))
            continue
        # Its own words: from its output, else from what it wrote for 'bt'.
        why = first_line(said + '\n' + read_log(bt), 'violation', 'invalid', 'rror',
                         'cannot')
        if version < CRASH_FOLLOWS_6_12:
            results.append(Result(name, 'skip', 'crash %s predates this kernel\'s layouts '
                                  '(%s); %s or later follows them'
                                  % ('.'.join(map(str, version)), why,
                                     '.'.join(map(str, CRASH_FOLLOWS_6_12)))))
        else:
            results.append(Result(name, 'fail', 'no %s (crash: %s; %s)'
                                  % (needle, why, os.path.join(work, 'crash.out'))))
    return results
