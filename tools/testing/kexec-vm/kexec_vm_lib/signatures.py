# SPDX-License-Identifier: GPL-2.0
"""Inputs of kexec_sig_test: signed, unsigned and tampered images and UKIs."""
import os

from .images import image_info
from .payloads import payload_file
from .pvh import pvh_refusal_inputs
from .uki import make_uki, pe_sections, sign_pe, uki_osrel, uki_stub
from .util import write


def sig_inputs(lane, work):
    """For kexec_sig_test: on arm64 and riscv64 the signed zboot image, the
    same unsigned, and the signed one with one byte of its payload changed,
    and our Image (a PE file through its EFI stub) signed, unsigned and
    tampered, which the Image loader's own check judges; on
    x86_64 our bzImage, unsigned (it has no EFI stub to sign), and our
    vmlinux; on each the UKIs of uki_sig_inputs()."""
    if lane.arch == 'x86_64':
        return [('/kexec-test/bzimage-unsigned', lane.image, '0644')] + \
            pvh_refusal_inputs(lane) + uki_sig_inputs(lane, work)
    signed = payload_file(lane, 'zboot-signed')
    with open(signed, 'rb') as f:
        data = bytearray(f.read())
    info = image_info(signed)
    data[info['payload_offset'] + info['payload_length'] // 2] ^= 0x01
    tampered = write(os.path.join(work, 'zboot-tampered.efi'), bytes(data))
    inputs = [('/kexec-test/zboot-signed.efi', signed, '0644'),
              ('/kexec-test/zboot-unsigned.efi', payload_file(lane, 'zboot-gzip'), '0644'),
              ('/kexec-test/zboot-tampered.efi', tampered, '0644')]
    inputs += image_sig_inputs(lane, work)
    return inputs + uki_sig_inputs(lane, work)


def image_sig_inputs(lane, work):
    """Our Image signed with the key the kernel trusts, the same unsigned,
    and the signed one with a byte of its text changed."""
    signed = sign_pe(lane, lane.image, os.path.join(work, 'image-signed'))
    with open(signed, 'rb') as f:
        data = bytearray(f.read())
    data[len(data) // 2] ^= 0x01
    tampered = write(os.path.join(work, 'image-tampered'), bytes(data))
    return [('/kexec-test/image-signed', signed, '0644'),
            ('/kexec-test/image-unsigned', lane.image, '0644'),
            ('/kexec-test/image-tampered', tampered, '0644')]


# The signed UKI's .cmdline (kexec_sig_test.c knows it too).
UKI_SIG_CMDLINE = 'kt.uki=signed loglevel=4'


def uki_sig_inputs(lane, work):
    """For kexec_sig_test: a UKI around the unsigned zboot image (arm64) or
    bzImage (x86_64), signed,
    unsigned, and signed with one byte of .linux changed; none when there
    is no systemd-stub (the tests say so and skip)."""
    try:
        stub = uki_stub(lane.arch)
    except RuntimeError as err:
        print('# kexec-vm: no UKI inputs: %s' % err)
        return []
    linux = lane.image if lane.arch == 'x86_64' else payload_file(lane, 'zboot-gzip')
    unsigned = make_uki(lane.arch, os.path.join(work, 'uki-unsigned.efi'), [
        ('.osrel', uki_osrel(work, lane.arch)),
        ('.cmdline', write(os.path.join(work, 'uki-sig-cmdline'), UKI_SIG_CMDLINE + '\n')),
        ('.linux', linux)], stub)
    signed = sign_pe(lane, unsigned, os.path.join(work, 'uki-signed.efi'))
    with open(signed, 'rb') as f:
        data = bytearray(f.read())
    off, _, size = pe_sections(data)['.linux']
    data[off + size // 2] ^= 0x01
    tampered = write(os.path.join(work, 'uki-tampered.efi'), bytes(data))
    return [('/kexec-test/uki-signed.efi', signed, '0644'),
            ('/kexec-test/uki-unsigned.efi', unsigned, '0644'),
            ('/kexec-test/uki-tampered.efi', tampered, '0644')]
