# SPDX-License-Identifier: GPL-2.0
"""Kernel image headers read with the image-format core's own parser
(build/tools/kexec-image-info), described for people."""
import json
import os
import subprocess

from .util import BUILD


def image_info(path):
    """The image-format core's description of a file (build/tools/kexec-image-info
    --json), so that the runner reads headers with the same parser as the kernel."""
    tool = os.path.join(BUILD, 'tools', 'kexec-image-info')
    if not os.access(tool, os.X_OK):
        raise SystemExit('kexec-vm: %s is missing; run make tools' % tool)
    out = subprocess.run([tool, '--json', path], stdout=subprocess.PIPE).stdout
    return json.loads(out.decode().strip().split('\n')[-1])


def describe(info):
    """One line for people: format, protocol or compression, or the refusal."""
    text = info.get('format', 'unknown')
    if 'protocol' in info:
        text += ' (boot protocol %s)' % info['protocol']
    if 'header_version' in info:
        text += ' (header version %s)' % info['header_version']
    if info.get('compression') not in (None, text):
        text += ' (%s)' % info['compression']
    if 'error' in info:
        text += ' [%s: %s]' % (info['error']['errno'], info['error']['reason'])
    return text


def wrapped_note(path):
    """A line for make run when the payload is compressed: the kernel
    unwraps it (kernel/kexec_unwrap.c), after judging its signature."""
    info = image_info(path)
    if info.get('format') not in ('efi-zboot', 'gzip') or 'error' in info:
        return None
    return '%s: the kernel unwraps it before its loaders probe it' % describe(info)
