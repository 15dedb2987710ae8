# SPDX-License-Identifier: GPL-2.0
"""Initramfs images written with the base tree's usr/gen_init_cpio."""
import os
import subprocess

from .util import BUILD


def gen_cpio(out, entries, extra=()):
    """Write an initramfs with the base tree's usr/gen_init_cpio; @extra are
    more lines of its input (dir, slink, file...)."""
    lines = ['dir /dev 0755 0 0', 'nod /dev/console 0600 0 0 c 5 1',
             'dir /proc 0555 0 0', 'dir /sys 0555 0 0', 'dir /tmp 1777 0 0',
             'dir /kexec-test 0755 0 0', 'dir /kexec-test/bin 0755 0 0']
    lines += list(extra)
    for dest, src, mode in entries:
        lines.append('file %s %s %s 0 0' % (dest, src, mode))
    listing = out + '.list'
    with open(listing, 'w') as f:
        f.write('\n'.join(lines) + '\n')
    tool = os.path.join(BUILD, 'tools', 'gen_init_cpio')
    with open(out, 'wb') as f:
        subprocess.run([tool, listing], stdout=f, check=True)


def tree_lines(src, dest):
    """gen_init_cpio lines that copy the directory @src to @dest."""
    lines = ['dir %s 0755 0 0' % dest]
    for root, dirs, files in os.walk(src):
        rel = os.path.relpath(root, src)
        at = dest if rel == '.' else os.path.join(dest, rel)
        for d in sorted(dirs):
            lines.append('dir %s/%s 0755 0 0' % (at, d))
        for f in sorted(files):
            path = os.path.join(root, f)
            mode = '0755' if os.access(path, os.X_OK) else '0644'
            lines.append('file %s/%s %s %s 0 0' % (at, f, path, mode))
    return lines
