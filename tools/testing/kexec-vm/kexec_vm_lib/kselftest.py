# SPDX-License-Identifier: GPL-2.0
"""The kselftest case: the kselftest install of selftests/kexec and
Debian's busybox as its shell."""
import os
import subprocess

from .initramfs import tree_lines
from .util import BUILD, TOP

# The kselftest case: run_kselftest.sh needs a shell and the usual tools,
# which Debian's busybox-static provides; its applets are linked into /bin
# first. runner.sh writes each test's output to /dev/stdout, a link that
# devtmpfs lacks (udev makes it). /usr/bin/timeout must stay absent:
# runner.sh would call it with GNU options.
KSELFTEST_SCRIPT = """#!/bin/sh
/bin/busybox --install -s /bin
export PATH=/bin
ln -sf /proc/self/fd /dev/fd
ln -sf /proc/self/fd/0 /dev/stdin
ln -sf /proc/self/fd/1 /dev/stdout
ln -sf /proc/self/fd/2 /dev/stderr
cd /kselftest && exec ./run_kselftest.sh
"""


def kselftest_inputs(arch):
    """gen_init_cpio lines for the kselftest install of selftests/kexec and
    busybox; RuntimeError (a skip) when busybox cannot be downloaded, and
    SystemExit when the selftests do not build."""
    proc = subprocess.run(['make', '-s', '--no-print-directory', '-C', TOP, 'kselftest',
                           'ARCH=' + arch], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if proc.returncode:
        raise SystemExit('kexec-vm: make kselftest ARCH=%s failed:\n%s'
                         % (arch, proc.stdout.decode(errors='replace')))
    install = os.path.join(BUILD, 'kselftest', arch, 'install')
    proc = subprocess.run([os.path.join(TOP, 'mk', 'fetch-debian-pkg.sh'), arch,
                           'busybox-static'], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    root = proc.stdout.decode().strip().split('\n')[-1]
    busybox = os.path.join(root, 'bin', 'busybox')
    if proc.returncode or not os.path.isfile(busybox):
        err = proc.stderr.decode(errors='replace').strip().split('\n')
        raise RuntimeError('no busybox-static for %s, run_kselftest.sh needs a shell: %s'
                           % (arch, err[-1] if err else '?'))
    return ['dir /bin 0755 0 0', 'file /bin/busybox %s 0755 0 0' % busybox,
            'slink /bin/sh busybox 0777 0 0'] + tree_lines(install, '/kselftest')
