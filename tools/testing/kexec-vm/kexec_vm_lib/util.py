# SPDX-License-Identifier: GPL-2.0
"""Small helpers shared by the runner's modules: where things are, files
written and cached, the console log read back."""
import gzip
import os
import threading

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOP = os.path.abspath(os.environ.get('KEXEC_VM_TOP', os.path.join(HERE, '../../..')))
BUILD = os.path.join(TOP, 'build')


def write(path, data):
    with open(path, 'wb' if isinstance(data, bytes) else 'w') as f:
        f.write(data)
    return path


def human(n):
    for unit in ('bytes', 'KiB', 'MiB', 'GiB'):
        if n < 1024 or unit == 'GiB':
            return ('%d %s' if unit == 'bytes' else '%.1f %s') % (n, unit)
        n /= 1024.0


def fnv1a64(data):
    h = 0xcbf29ce484222325
    for b in data:
        h = ((h ^ b) * 0x100000001b3) & 0xffffffffffffffff
    return '%016x' % h


def made_once(dst, srcs, make):
    """@dst, made by make(tmp) when it is missing or older than a file of
    @srcs. Lanes of one arch run at once: each makes its own temporary
    file, and the rename makes one of them whole."""
    if os.path.exists(dst) and all(os.path.getmtime(dst) >= os.path.getmtime(s)
                                   for s in srcs):
        return dst
    tmp = '%s.%d.%d.tmp' % (dst, os.getpid(), threading.get_ident())
    try:
        make(tmp)
        os.replace(tmp, dst)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return dst


def gzip_cached(src, dst):
    """@dst = gzip of @src, made once (again when @src changes)."""
    if not os.path.exists(dst) or os.path.getmtime(dst) < os.path.getmtime(src):
        with open(src, 'rb') as f:
            data = gzip.compress(f.read(), 6, mtime=0)
        write(dst + '.tmp', data)
        os.replace(dst + '.tmp', dst)
    return dst


def kernel_config(arch, option):
    """The value of CONFIG_@option in build/@arch/.config, or None; @arch
    is a build directory name (build/arm64-fuzz: arm64-fuzz)."""
    try:
        with open(os.path.join(BUILD, arch, '.config')) as f:
            for line in f:
                if line.startswith('CONFIG_%s=' % option):
                    return line.split('=', 1)[1].strip()
    except FileNotFoundError:
        pass
    return None


def read_log(path):
    try:
        with open(path, 'rb') as f:
            return f.read().decode(errors='replace').replace('\r', '')
    except FileNotFoundError:
        return ''


def log_tail(text, log, n=40):
    """The last lines of a console log, for a failure report."""
    lines = ['---- %s (last %d lines) ----' % (os.path.relpath(log, TOP), n)]
    lines += ['  | ' + line for line in text.rstrip('\n').split('\n')[-n:]]
    return '\n'.join(lines + ['----']) + '\n'
