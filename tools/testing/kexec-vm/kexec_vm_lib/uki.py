# SPDX-License-Identifier: GPL-2.0
"""Unified Kernel Images made with objcopy around Debian's systemd-stub:
the UKI payloads of the cases, their refusal inputs, and PE signing."""
import os
import subprocess

from .debian import debian_pkg
from .initramfs import gen_cpio
from .util import kernel_config, write

# Where kexec_file_load(2) takes Unified Kernel Images (KEXEC_UNWRAP_UKI),
# the stub of Debian's systemd-boot-efi for each, and the objcopy that
# adds sections to it.
UKI_ARCHES = ('x86_64', 'arm64')
UKI_STUBS = {'x86_64': 'linuxx64.efi.stub', 'arm64': 'linuxaa64.efi.stub'}
UKI_OBJCOPY = {'x86_64': 'objcopy', 'arm64': 'aarch64-linux-gnu-objcopy'}


def pe_sections(data):
    """{name: (raw offset, raw size, virtual size)} of a PE file's sections."""
    pe = int.from_bytes(data[0x3c:0x40], 'little')
    count = int.from_bytes(data[pe + 6:pe + 8], 'little')
    table = pe + 24 + int.from_bytes(data[pe + 20:pe + 22], 'little')
    out = {}
    for i in range(count):
        e = data[table + 40 * i:table + 40 * (i + 1)]
        name = e[0:8].rstrip(b'\0').decode(errors='replace')
        out[name] = (int.from_bytes(e[20:24], 'little'), int.from_bytes(e[16:20], 'little'),
                     int.from_bytes(e[8:12], 'little'))
    return out


def pe_section_entry(data, name):
    """Offset of @name's entry in a PE file's section table."""
    pe = int.from_bytes(data[0x3c:0x40], 'little')
    count = int.from_bytes(data[pe + 6:pe + 8], 'little')
    table = pe + 24 + int.from_bytes(data[pe + 20:pe + 22], 'little')
    for at in range(table, table + 40 * count, 40):
        if data[at:at + 8].rstrip(b'\0') == name.encode():
            return at
    raise RuntimeError('no %s section' % name)


def uki_table_edit(data, name, field_at, value):
    """@data with 4 bytes of @name's section entry (at @field_at, or the
    8-byte name when @value is bytes) replaced."""
    at = pe_section_entry(data, name)
    out = bytearray(data)
    if isinstance(value, bytes):
        out[at:at + 8] = value.ljust(8, b'\0')
    else:
        out[at + field_at:at + field_at + 4] = value.to_bytes(4, 'little')
    return bytes(out)


def uki_refusal_inputs(lane, inputs):
    """UKIs for the refusal tests (kexec_file_load_test.c): one cut in the
    middle of .linux, one without .linux, one whose .linux is no kernel, a
    UKI inside a UKI, one made with the other UKI arch's stub, one whose
    .osrel's raw data is moved into .linux's, one with .osrel renamed
    .linux (.linux twice), and one with a .cmdline one byte past the 64 KiB
    cap. Where the kernel takes no UKI (arm; KEXEC_UNWRAP_UKI off), one
    UKI around its own kernel, made with the x86_64 stub, which it must
    not recognise. None without a stub (the tests skip)."""
    if lane.arch not in UKI_ARCHES or kernel_config(os.path.basename(lane.out), 'KEXEC_UNWRAP_UKI') != 'y':
        try:
            stub = uki_stub('x86_64')
        except RuntimeError as err:
            print('# kexec-vm: no UKI input: %s' % err)
            return []
        path = make_uki('x86_64', os.path.join(inputs, 'uki-unsupported.efi'),
                        [('.osrel', uki_osrel(inputs, lane.arch)), ('.linux', lane.kernel)],
                        stub)
        return [('/kexec-test/uki-unsupported.efi', path, '0644')]
    other = [a for a in UKI_ARCHES if a != lane.arch][0]
    try:
        stub, foreign_stub = uki_stub(lane.arch), uki_stub(other)
    except RuntimeError as err:
        print('# kexec-vm: no UKI refusal inputs: %s' % err)
        return []
    osrel = uki_osrel(inputs, lane.arch)
    junk = write(os.path.join(inputs, 'not-a-kernel'), bytes(range(256)) * 256)
    uki = make_uki(lane.arch, os.path.join(inputs, 'uki.efi'),
                   [('.osrel', osrel), ('.linux', lane.kernel)], stub)
    with open(uki, 'rb') as f:
        data = f.read()
    off, _, size = pe_sections(data)['.linux']
    made = {
        'uki-truncated.efi': write(os.path.join(inputs, 'uki-truncated.efi'),
                                   data[:off + size // 2]),
        'uki-no-linux.efi': make_uki(lane.arch, os.path.join(inputs, 'uki-no-linux.efi'),
                                     [('.osrel', osrel)], stub),
        'uki-not-a-kernel.efi': make_uki(lane.arch,
                                         os.path.join(inputs, 'uki-not-a-kernel.efi'),
                                         [('.osrel', osrel), ('.linux', junk)], stub),
        'uki-in-uki.efi': make_uki(lane.arch, os.path.join(inputs, 'uki-in-uki.efi'),
                                   [('.osrel', osrel), ('.linux', uki)], stub),
        'uki-foreign.efi': make_uki(other, os.path.join(inputs, 'uki-foreign.efi'),
                                    [('.osrel', osrel), ('.linux', lane.kernel)],
                                    foreign_stub),
        # PointerToRawData is at 20 in a section entry.
        'uki-overlap.efi': write(os.path.join(inputs, 'uki-overlap.efi'),
                                 uki_table_edit(data, '.osrel', 20, off)),
        'uki-linux-twice.efi': write(os.path.join(inputs, 'uki-linux-twice.efi'),
                                     uki_table_edit(data, '.osrel', 0, b'.linux')),
        'uki-cmdline-cap.efi': make_uki(
            lane.arch, os.path.join(inputs, 'uki-cmdline-cap.efi'),
            [('.cmdline', write(os.path.join(inputs, 'cmdline-64k'), 'q' * 0x10001)),
             ('.linux', lane.kernel)], stub),
    }
    return [('/kexec-test/' + name, path, '0644') for name, path in sorted(made.items())]


def uki_stub(arch):
    """Debian's systemd-stub for @arch; RuntimeError saying why there is none."""
    try:
        pkg = debian_pkg(arch, 'systemd-boot-efi')
    except RuntimeError as err:
        raise RuntimeError("no systemd-stub for %s: %s" % (arch, err))
    stub = os.path.join(pkg, 'usr', 'lib', 'systemd', 'boot', 'efi', UKI_STUBS[arch])
    if not os.path.exists(stub):
        raise RuntimeError('systemd-boot-efi for %s has no %s' % (arch, UKI_STUBS[arch]))
    return stub


def make_uki(arch, out, sections, stub=None):
    """A UKI by systemd-stub's documented recipe: objcopy adds each (name,
    path) section to the stub, at virtual addresses past the stub's own,
    64 KiB apart. Returns @out."""
    stub = stub or uki_stub(arch)
    objcopy = UKI_OBJCOPY[arch]
    heads = subprocess.run([objcopy.replace('objcopy', 'objdump'), '-h', stub],
                           capture_output=True, text=True, check=True).stdout
    end = 0
    for line in heads.splitlines():
        f = line.split()
        if len(f) >= 6 and f[0].isdigit():
            end = max(end, int(f[3], 16) + int(f[2], 16))
    vma = (end + 0xffff) & ~0xffff
    cmd = [objcopy]
    for name, path in sections:
        cmd += ['--add-section', '%s=%s' % (name, path),
                '--change-section-vma', '%s=0x%x' % (name, vma)]
        vma = (vma + os.path.getsize(path) + 0xffff) & ~0xffff
    subprocess.run(cmd + [stub, out + '.tmp'], check=True)
    os.replace(out + '.tmp', out)
    return out


def uki_osrel(work, arch):
    """A .osrel of the system the UKI belongs to."""
    return write(os.path.join(work, 'osrel'),
                 'ID=kexec-test\nVERSION_ID="%s"\nPRETTY_NAME="kexec-vm UKI for %s"\n'
                 % (arch, arch))


def sign_pe(lane, path, out):
    """@path signed by sbsign with the key the sig kernel's keyring trusts."""
    key = os.path.join(lane.out, 'certs', 'signing_key.pem')
    subprocess.run(['sbsign', '--key', key, '--cert', key, '--output', out, path],
                   check=True, capture_output=True)
    return out


def uki_payload(lane, case, work, linux, stage2, next_cmdline, blob_file):
    # @stage2: the next kernel's initramfs, without the blob for 'split'.
    """The UKI a Case asks for, around @linux, and what stage 1 gives with
    it: (uki, initrd or None, command line or '').

    cmdline: 'uki' (.cmdline is the next kernel's, the caller gives none),
    'caller' (no .cmdline, the caller gives it), 'override' (.cmdline
    names a stage that does not exist, the caller gives the right one).
    initrd: 'uki' (.initrd is the next kernel's initramfs, the caller gives
    none) or 'split' (.initrd lacks the blob; the caller's initrd holds it).
    sign: sign the UKI for the sig lane."""
    spec = case.uki
    sections = [('.osrel', uki_osrel(work, lane.arch)),
                ('.uname', write(os.path.join(work, 'uname'), 'kexec-vm-%s\n' % lane.arch))]
    caller_cmdline = ''
    if spec['cmdline'] == 'uki':
        sections.append(('.cmdline', write(os.path.join(work, 'uki-cmdline'), next_cmdline)))
    elif spec['cmdline'] == 'override':
        wrong = next_cmdline.replace('kt.stage=2', 'kt.stage=uki-cmdline-was-used')
        sections.append(('.cmdline', write(os.path.join(work, 'uki-cmdline'), wrong + '\n')))
        caller_cmdline = next_cmdline
    else:
        caller_cmdline = next_cmdline
    sections.append(('.linux', linux))
    caller_initrd = None
    if spec['initrd'] == 'split':
        caller_initrd = os.path.join(work, 'blob.cpio')
        gen_cpio(caller_initrd, [('/kexec-test/blob', blob_file, '0644')])
    sections.append(('.initrd', stage2))
    uki = make_uki(lane.arch, os.path.join(work, 'kernel.efi'), sections)
    if spec.get('sign'):
        uki = sign_pe(lane, uki, os.path.join(work, 'kernel.signed.efi'))
    return uki, caller_initrd, caller_cmdline
