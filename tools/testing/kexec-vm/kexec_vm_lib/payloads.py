# SPDX-License-Identifier: GPL-2.0
"""The files a Case's payload names: Debian's kernel, gzipped, our kernel
gzipped, our EFI zboot images, the PVH vmlinux files."""
import os

from .debian import debian_kernel
from .pvh import PVH_FILES, pvh_payload
from .util import BUILD, gzip_cached


ZBOOT_FILES = {'zboot-gzip': 'vmlinuz-gzip.efi', 'zboot-zstd': 'vmlinuz-zstd.efi',
               'zboot-signed': 'vmlinuz-gzip.signed.efi'}


def payload_file(lane, kind):
    """The file a Case's payload names; RuntimeError saying why there is none."""
    if kind == 'debian':
        return debian_kernel(lane.arch)
    if kind == 'debian-gz':
        return gzip_cached(debian_kernel(lane.arch),
                           os.path.join(BUILD, 'debian', lane.arch, 'vmlinuz.gz'))
    if kind == 'gzip':
        # Our kernel gzipped, where the unwrap inputs keep it (unwrap.py).
        inputs = os.path.join(lane.vmdir, 'inputs')
        os.makedirs(inputs, exist_ok=True)
        return gzip_cached(lane.kernel, os.path.join(inputs, 'kernel.gz'))
    if kind in PVH_FILES:
        return pvh_payload(lane, kind)
    if kind in ZBOOT_FILES:
        path = os.path.join(lane.out, 'zboot', ZBOOT_FILES[kind])
        if not os.path.exists(path):
            raise RuntimeError('%s is missing; run make kernel ARCH=%s%s'
                               % (path, lane.arch,
                                  ' FLAVOR=' + lane.build if lane.build else ''))
        return path
    raise ValueError(kind)
