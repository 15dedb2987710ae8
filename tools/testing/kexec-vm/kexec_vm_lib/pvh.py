# SPDX-License-Identifier: GPL-2.0
"""x86_64 ELF vmlinux inputs for the PVH loader: ours stripped, Debian's,
and variants edited in their ELF notes and program headers."""
import os
import struct
import subprocess

from .debian import debian_kernel
from .util import BUILD, made_once, write

# x86_64 ELF vmlinux files, started through their PVH entry by
# arch/x86/kernel/kexec-elf-pvh.c: ours (debug info stripped, as a boot
# file is), Debian's taken out of its bzImage by the base tree's
# scripts/extract-vmlinux, and ours without its PHYS32_RELOC note, which
# must then run at its p_paddr, and ours with one more PT_LOAD whose file
# bytes are those of another's first page.
PVH_FILES = ('vmlinux', 'debian-vmlinux', 'vmlinux-fixed', 'vmlinux-shared-page')
XEN_ELFNOTE_PHYS32_ENTRY, XEN_ELFNOTE_PHYS32_RELOC = 18, 19
PT_NOTE = 4


def elf_phdrs(data):
    """(p_type, p_offset, p_filesz) of each program header of an ELF64
    little-endian file."""
    phoff = int.from_bytes(data[0x20:0x28], 'little')
    phentsize = int.from_bytes(data[0x36:0x38], 'little')
    phnum = int.from_bytes(data[0x38:0x3a], 'little')
    out = []
    for i in range(phnum):
        at = phoff + i * phentsize
        field = lambda off, n=8: int.from_bytes(data[at + off:at + off + n], 'little')
        out.append((field(0, 4), field(8), field(0x20)))
    return out


def elf_xen_notes(data):
    """{note type: (offset of its type word, offset of its descriptor,
    descsz)} for the notes named "Xen" in the PT_NOTE segments."""
    notes = {}
    for ptype, off, filesz in elf_phdrs(data):
        if ptype != PT_NOTE:
            continue
        pos, end = off, off + filesz
        while pos + 12 <= end:
            namesz, descsz, ntype = (int.from_bytes(data[pos + 4 * i:pos + 4 * i + 4],
                                                    'little') for i in range(3))
            name = data[pos + 12:pos + 12 + namesz]
            desc = pos + 12 + ((namesz + 3) & ~3)
            if name == b'Xen\0':
                notes[ntype] = (pos + 8, desc, descsz)
            pos = desc + ((descsz + 3) & ~3)
    return notes


def put_le(data, off, value, width=4):
    data[off:off + width] = value.to_bytes(width, 'little')


def pvh_vmlinux(lane):
    """Our vmlinux without its debug info, made once per build."""
    src = os.path.join(lane.out, 'vmlinux')
    dst = os.path.join(lane.out, 'vmlinux.boot')
    if not os.path.exists(src):
        raise RuntimeError('%s is missing; run make kernel ARCH=%s' % (src, lane.arch))
    return made_once(dst, [src], lambda tmp: subprocess.run(
        ['objcopy', '--strip-debug', src, tmp], check=True))


def pvh_payload(lane, kind):
    """The file a PVH payload kind names; RuntimeError saying why there is none."""
    if lane.arch != 'x86_64':
        raise RuntimeError('an ELF vmlinux is started through PVH on x86_64 only')
    if kind == 'debian-vmlinux':
        bz = debian_kernel(lane.arch)
        def extract(tmp):
            with open(tmp, 'wb') as f:
                proc = subprocess.run([os.path.join(BUILD, 'src', 'scripts', 'extract-vmlinux'),
                                       bz], stdout=f, stderr=subprocess.PIPE)
            if proc.returncode:
                raise RuntimeError('extract-vmlinux found no vmlinux in %s: %s'
                                   % (bz, proc.stderr.decode(errors='replace').strip()))
        return made_once(os.path.join(os.path.dirname(bz), 'vmlinux'), [bz], extract)
    path = pvh_vmlinux(lane)
    if kind == 'vmlinux':
        return path
    if kind == 'vmlinux-shared-page':
        return pvh_shared_page(lane, path)
    return pvh_variant(lane, path, 'vmlinux-fixed')


def small_pvh_elf():
    """A vmlinux in miniature that the ELF/PVH loader places (it is never
    started): an ELF64 x86-64 executable with three PT_LOADs in adjacent
    pages from 16 MiB, their file offsets on page boundaries, and a
    PT_NOTE with the Xen PHYS32_ENTRY and PHYS32_RELOC notes. Small enough for the
    allocation failure sweep, which loads it once per allocation."""
    page, base, phnum = 0x1000, 0x1000000, 4
    def note(ntype, desc):
        return (struct.pack('<III', 4, len(desc), ntype) + b'Xen\0' + desc)
    notes = note(18, struct.pack('<I', base)) + \
        note(19, struct.pack('<III', 0x200000, base, 0x3fffffff))
    # Pages side by side: a gap would be zeroed memory the load allocates.
    loads = [(page, base, page, page, 5), (2 * page, base + page, page, page, 6),
             (3 * page, base + 2 * page, 0x100, 0x4000, 6)]
    phdrs = b''.join(struct.pack('<IIQQQQQQ', 1, flags, off, 0xffffffff80000000 + paddr,
                                 paddr, filesz, memsz, 0x1000)
                     for off, paddr, filesz, memsz, flags in loads)
    note_off = 0x40 + phnum * 0x38
    phdrs += struct.pack('<IIQQQQQQ', 4, 4, note_off, 0, 0, len(notes), len(notes), 4)
    ehdr = b'\x7fELF\x02\x01\x01' + bytes(9) + struct.pack(
        '<HHIQQQIHHHHHH', 2, 62, 1, 0xffffffff81000000, 0x40, 0, 0, 0x40, 0x38,
        phnum, 0x40, 0, 0)
    data = bytearray(4 * page)
    head = ehdr + phdrs + notes
    data[:len(head)] = head
    for off, _, filesz, _, _ in loads:
        data[off:off + filesz] = bytes([0xf4]) * filesz		# hlt
    return bytes(data)


def pvh_variant(lane, src, name):
    """@src with its PHYS32_RELOC note renamed to an unknown type, so that
    the kernel must run at its p_paddr; written once per lane."""
    def rename_reloc(tmp):
        with open(src, 'rb') as f:
            data = bytearray(f.read())
        notes = elf_xen_notes(data)
        if XEN_ELFNOTE_PHYS32_ENTRY not in notes or XEN_ELFNOTE_PHYS32_RELOC not in notes:
            raise RuntimeError('%s has no PVH notes; is CONFIG_PVH on?' % src)
        put_le(data, notes[XEN_ELFNOTE_PHYS32_RELOC][0], 0x7f00 + XEN_ELFNOTE_PHYS32_RELOC)
        write(tmp, bytes(data))
    inputs = os.path.join(lane.vmdir, 'inputs')
    os.makedirs(inputs, exist_ok=True)
    return made_once(os.path.join(inputs, name), [src], rename_reloc)


PT_LOAD = 1


def pvh_shared_page(lane, src):
    """@src with one more PT_LOAD: the file page of its last PT_LOAD's
    first page again, for the page past the kernel's end. The kernel
    buffer's page then holds the bytes of two destinations; the load
    must copy one of them, or the relocation code, which swaps each
    source page with its destination, leaves the second destination
    what the first held before, and purgatory's digest never ends. The
    last PT_LOAD starts with init code, which the running kernel (the
    same file, where it runs at its p_paddr) has freed and reused: what
    its destination held differs from the file. The program headers,
    one more, go to the end of the file; the page past the kernel is
    free memory to the next one."""
    def add_load(tmp):
        with open(src, 'rb') as f:
            data = bytearray(f.read())
        phoff = int.from_bytes(data[0x20:0x28], 'little')
        phentsize = int.from_bytes(data[0x36:0x38], 'little')
        phnum = int.from_bytes(data[0x38:0x3a], 'little')
        table = data[phoff:phoff + phnum * phentsize]
        loads = [table[i:i + phentsize] for i in range(0, len(table), phentsize)
                 if int.from_bytes(table[i:i + 4], 'little') == PT_LOAD]
        field = lambda ph, off: int.from_bytes(ph[off:off + 8], 'little')
        first = max(loads, key=lambda ph: field(ph, 0x18))	# highest p_paddr
        if field(first, 0x08) % 4096 or field(first, 0x20) < 4096:
            raise RuntimeError('%s: the last PT_LOAD does not start a whole page' % src)
        end = max(field(ph, 0x18) + field(ph, 0x28) for ph in loads)
        paddr = (end + 0xfff) & ~0xfff
        extra = bytearray(first)
        put_le(extra, 0x10, field(first, 0x10) + paddr - field(first, 0x18), 8)
        put_le(extra, 0x18, paddr, 8)
        put_le(extra, 0x20, 4096, 8)
        put_le(extra, 0x28, 4096, 8)
        put_le(extra, 0x30, 4096, 8)
        data += bytes(-len(data) % 8)
        put_le(data, 0x20, len(data), 8)
        put_le(data, 0x38, phnum + 1, 2)
        data += table + extra
        write(tmp, bytes(data))
    inputs = os.path.join(lane.vmdir, 'inputs')
    os.makedirs(inputs, exist_ok=True)
    return made_once(os.path.join(inputs, 'vmlinux-shared-page'), [src], add_load)


def pvh_refusal_inputs(lane):
    """Our vmlinux for the PVH loader's refusal tests (kexec_file_load_test.c
    edits one field of it per test)."""
    if lane.arch != 'x86_64':
        return []
    try:
        return [('/kexec-test/vmlinux', pvh_vmlinux(lane), '0644')]
    except (RuntimeError, subprocess.CalledProcessError) as err:
        print('# kexec-vm: no ELF refusal input: %s' % err)
        return []
