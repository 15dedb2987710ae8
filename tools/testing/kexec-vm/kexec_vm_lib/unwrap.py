# SPDX-License-Identifier: GPL-2.0
"""Inputs of the in-kernel unwrap's refusal tests: gzip and zboot files,
one past the unwrap cap, an empty zstd zboot."""
import gzip
import os

from .payloads import payload_file
from .pvh import pvh_refusal_inputs
from .uki import uki_refusal_inputs
from .util import gzip_cached, kernel_config, write


def empty_zstd_zboot():
    """A 137-byte EFI zboot file whose zstd frame holds nothing and says so
    (content size 0), with no size word after it: the core must refuse it
    before anything is allocated for the output."""
    frame = bytes.fromhex('28b52ffd') + bytes([0x20, 0x00]) + bytes([0x01, 0x00, 0x00])
    pe, payload = 0x40, 0x80
    head = bytearray(payload)
    head[0:2], head[4:8] = b'MZ', b'zimg'
    head[8:12] = payload.to_bytes(4, 'little')
    head[12:16] = len(frame).to_bytes(4, 'little')
    head[0x18:0x1c] = b'zstd'
    head[0x38:0x3c] = (0x818223cd).to_bytes(4, 'little')     # LINUX_PE_MAGIC
    head[0x3c:0x40] = pe.to_bytes(4, 'little')
    head[pe:pe + 4] = b'PE\0\0'
    head[pe + 4:pe + 6] = (0xaa64).to_bytes(2, 'little')
    return bytes(head) + frame


def unwrap_inputs(lane):
    """Wrapped images for the refusal tests of the in-kernel unwrap: our
    kernel gzipped, the zboot images, and a gzip stream that expands one
    MiB past the kernel's CONFIG_KEXEC_UNWRAP_MAX_MB."""
    cap = kernel_config(os.path.basename(lane.out), 'KEXEC_UNWRAP_MAX_MB')
    if not cap:
        return []
    # Per lane: lanes of one arch run at once and would rewrite each
    # other's files while gen_cpio reads them.
    inputs = os.path.join(lane.vmdir, 'inputs')
    os.makedirs(inputs, exist_ok=True)
    bomb = os.path.join(inputs, 'past-cap-%s.gz' % cap)
    if not os.path.exists(bomb):
        write(bomb + '.tmp', gzip.compress(bytes((int(cap) + 1) << 20), 9, mtime=0))
        os.replace(bomb + '.tmp', bomb)
    entries = [('/kexec-test/kernel.gz',
                gzip_cached(lane.kernel, os.path.join(inputs, 'kernel.gz')), '0644'),
               ('/kexec-test/past-cap.gz', bomb, '0644')]
    entries.append(('/kexec-test/empty-zstd.efi',
                    write(os.path.join(inputs, 'empty-zstd.efi'), empty_zstd_zboot()), '0644'))
    for kind in ('zboot-gzip', 'zboot-zstd'):
        try:
            entries.append(('/kexec-test/%s.efi' % kind, payload_file(lane, kind), '0644'))
        except RuntimeError:
            pass
    return entries + uki_refusal_inputs(lane, inputs) + pvh_refusal_inputs(lane)
