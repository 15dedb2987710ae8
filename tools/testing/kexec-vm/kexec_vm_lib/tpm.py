# SPDX-License-Identifier: GPL-2.0
"""A TPM for a case's machine: Debian's swtpm, a TPM 2.0 emulator, behind
QEMU's tpm-tis device. IMA extends PCR 10 in it, and the judge replays
the next kernel's SHA-256 measurement list into that PCR: the list the
kexec'd kernel carries must be the one the TPM attests."""
import hashlib
import os
import shutil
import subprocess
import time

from .ktap import MARK, Result, split_boots

# What IMA extends for a violation, whose list entry shows a zero digest.
VIOLATION = bytes(32)


class Swtpm:
    """swtpm in socket mode for one VM, its state in @work/tpm; it ends
    when QEMU closes the connection (--terminate) or at stop()."""

    def __init__(self, work):
        self.dir = os.path.join(work, 'tpm')
        lane, case = work.rstrip('/').split('/')[-2:]
        # sun_path is 108 bytes: the socket goes to /tmp.
        self.sock = os.path.join('/tmp', 'kexec-vm-tpm-%d-%s-%s.sock'
                                 % (os.getpid(), lane, case))
        self.proc = None

    def start(self):
        """None, or why there is no TPM."""
        if not shutil.which('swtpm'):
            return 'no swtpm (Debian package swtpm; make deps installs it)'
        os.makedirs(self.dir, exist_ok=True)
        if os.path.exists(self.sock):
            os.unlink(self.sock)
        self.proc = subprocess.Popen(
            ['swtpm', 'socket', '--tpm2', '--tpmstate', 'dir=' + self.dir,
             '--ctrl', 'type=unixio,path=' + self.sock, '--terminate',
             '--log', 'file=' + os.path.join(self.dir, 'swtpm.log')],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT)
        for _ in range(100):
            if os.path.exists(self.sock):
                return None
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        self.stop()
        return 'swtpm did not open %s (see %s)' % (self.sock, self.dir)

    def qemu_args(self):
        return ['-chardev', 'socket,id=chrtpm,path=' + self.sock,
                '-tpmdev', 'emulator,id=tpm0,chardev=chrtpm',
                '-device', 'tpm-tis,tpmdev=tpm0']

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if os.path.exists(self.sock):
            os.unlink(self.sock)


def replay(digests):
    """PCR 10 from zero, extended with each entry's template digest."""
    pcr = bytes(32)
    for d in digests:
        d = bytes.fromhex(d)
        pcr = hashlib.sha256(pcr + (b'\xff' * 32 if d == VIOLATION else d)).digest()
    return pcr.hex()


def tpm_results(prefix, text):
    """The next kernel's list (ima_sha256 marks, next_kernel_list_replays)
    replayed against the PCR 10 it read."""
    name = prefix + '/stage2/pcr10-replays-list'
    boots = split_boots(text)
    if len(boots) < 2:
        return []               # the judge has said why there is no stage 2
    digests, pcr = [], None
    for line in boots[1]['lines']:
        if line.startswith(MARK + 'ima_sha256 '):
            digests.append(line.split()[-1])
        elif line.startswith(MARK + 'pcr10_sha256 '):
            pcr = line.split()[-1].lower()
    if not digests or not pcr:
        return [Result(name, 'fail', 'no ima_sha256 or pcr10_sha256 mark in the next kernel')]
    got = replay(digests)
    return [Result(name, 'pass' if got == pcr else 'fail',
                   '%d entries replay to %s..., PCR 10 is %s...'
                   % (len(digests), got[:16], pcr[:16]))]
