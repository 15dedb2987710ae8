#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The Debian machine's dump on the host: the stream kdump-tools wrote,
copied by machine.sh to the dump disk, rebuilt with makedumpfile -R and
opened with gdb and our vmlinux, as the kexec-vm lanes do with theirs.

  host_gdb.py DISK BUILD_DIR WORK_DIR PREFIX ARCH

BUILD_DIR holds the vmlinux of the kernel that crashed (and the kernel's
gdb scripts beside it). Prints one result line per check."""
import os
import sys
import types

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from kexec_vm_lib import dumps  # noqa: E402  (after the path is set)
from kexec_vm_lib.ktap import Result  # noqa: E402


def main():
    disk, build, work, prefix, arch = sys.argv[1:6]
    os.makedirs(work, exist_ok=True)
    stream, core = os.path.join(work, 'vmcore.flat'), os.path.join(work, 'vmcore.elf')
    for old in (stream, core):		# makedumpfile -R writes no file that exists
        if os.path.exists(old):
            os.unlink(old)
    size, _ = dumps.dump_from_disk(disk, stream)
    if size is None:
        print(Result(prefix + 'makedumpfile-R', 'fail', 'no dump on %s' % disk).line())
        return
    status, said = dumps.run_tool(['makedumpfile', '-R', core],
                                  os.path.join(work, 'rearrange.log'), stdin=stream)
    os.unlink(stream)
    if status != 0 or not os.path.isfile(core):
        print(Result(prefix + 'makedumpfile-R', 'fail', 'makedumpfile -R: %s'
                     % dumps.first_line(said, 'rror', 'not')).line())
        return
    print(Result(prefix + 'makedumpfile-R', 'pass', '%d-byte stream -> %d-byte ELF core'
                 % (size, os.path.getsize(core))).line())
    lane = types.SimpleNamespace(out=build, arch=arch)
    for r in dumps.gdb_on_dump(lane, prefix, work, os.path.join(build, 'vmlinux'), core):
        print(r.line())
    os.unlink(core)


if __name__ == '__main__':
    main()
