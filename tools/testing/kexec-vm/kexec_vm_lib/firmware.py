# SPDX-License-Identifier: GPL-2.0
"""UEFI firmware for the distro lanes: Debian's OVMF and AAVMF (their
files are named in qemu_configs/), and our kernel signed with the
snakeoil key that their Secure Boot variable stores enroll."""
import os
import subprocess

from .util import made_once

# Debian's ovmf package ships the key and its certificate for testing; the
# key's passphrase is in its README.Debian.
SNAKEOIL_KEY = '/usr/share/ovmf/PkKek-1-snakeoil.key'
SNAKEOIL_CERT = '/usr/share/ovmf/PkKek-1-snakeoil.pem'
SNAKEOIL_PASS = 'snakeoil'


def snakeoil_signed(kernel, outdir):
    """@kernel (a PE image: bzImage, arm64 Image) signed with the snakeoil
    key, made once in @outdir."""
    for p in (SNAKEOIL_KEY, SNAKEOIL_CERT):
        if not os.path.exists(p):
            raise SystemExit('kexec-vm: %s is missing (Debian package ovmf)' % p)
    os.makedirs(outdir, exist_ok=True)
    key = made_once(os.path.join(outdir, 'snakeoil.key'), [SNAKEOIL_KEY], lambda tmp: subprocess.run(
        ['openssl', 'pkey', '-in', SNAKEOIL_KEY, '-passin', 'pass:' + SNAKEOIL_PASS,
         '-out', tmp], check=True))
    dst = os.path.join(outdir, os.path.basename(kernel) + '.snakeoil.signed')
    return made_once(dst, [kernel, key], lambda tmp: subprocess.run(
        ['sbsign', '--key', key, '--cert', SNAKEOIL_CERT, '--output', tmp, kernel],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
