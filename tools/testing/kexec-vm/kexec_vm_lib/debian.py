# SPDX-License-Identifier: GPL-2.0
"""Debian's files in the guests: its kernel, and programs from its packages
(kexec-tools, makedumpfile) with the shared libraries they need, or built
from its source with our patches."""
import os
import re
import subprocess

from .util import TOP, kernel_config, write


def debian_kernel(arch):
    """Path of Debian's current kernel for @arch, downloaded once; or raise
    RuntimeError with the reason it could not be had."""
    proc = subprocess.run([os.path.join(TOP, 'mk', 'fetch-debian-kernel.sh'), arch],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    path = proc.stdout.decode().strip().split('\n')[-1]
    if proc.returncode or not os.path.isfile(path):
        err = proc.stderr.decode(errors='replace').strip().split('\n')
        raise RuntimeError('no Debian kernel for %s: %s' % (arch, err[-1] if err else '?'))
    return path


# The kexec-tools cases: Debian's /sbin/kexec with the shared libraries it
# needs, found by their sonames (ELF DT_NEEDED) in the packages it depends
# on, each downloaded and unpacked by mk/fetch-debian-pkg.sh.
# Where the crash kernel finds makedumpfile (kexec_boot_test.c knows it too).
MAKEDUMPFILE = '/usr/bin/makedumpfile'
MULTIARCH = {'x86_64': 'x86_64-linux-gnu', 'arm64': 'aarch64-linux-gnu',
             'arm': 'arm-linux-gnueabihf'}

# Where Debian's kexec-tools binary package has no kexec_file_load(2): its
# source is built with patches/kexec-tools/*.patch instead.
KEXEC_TOOLS_FROM_SOURCE = ('arm',)


def debian_pkg(arch, pkg):
    """The directory Debian's @pkg for @arch is unpacked in; RuntimeError
    saying why when it cannot be downloaded."""
    proc = subprocess.run([os.path.join(TOP, 'mk', 'fetch-debian-pkg.sh'), arch, pkg],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    root = proc.stdout.decode().strip().split('\n')[-1]
    if proc.returncode or not os.path.isfile(os.path.join(root, '.version')):
        err = proc.stderr.decode(errors='replace').strip().split('\n')
        raise RuntimeError('no Debian %s for %s: %s' % (pkg, arch, err[-1] if err else '?'))
    return root


def debian_depends(arch, pkg):
    """The packages Debian's @pkg for @arch depends on (the first of each
    alternative, virtual packages left out), from the runner's private apt
    state (mk/debian-apt.sh)."""
    script = ('set -euo pipefail; top=$0; . "$top/mk/debian-apt.sh"; '
              'debian_apt_init "$1"; apt-cache "${apt_opts[@]}" depends "$2:$debarch"')
    proc = subprocess.run(['bash', '-c', script, TOP, arch, pkg], stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL)
    deps = []
    for m in re.finditer(r'^ *\|?(?:Pre)?Depends: ([^<\s]\S*)', proc.stdout.decode(), re.M):
        name = m.group(1).split(':')[0]
        if name not in deps:
            deps.append(name)
    return deps


def elf_dynamic(path):
    """(DT_NEEDED sonames, PT_INTERP or None) of an ELF file of any arch."""
    dyn = subprocess.run(['readelf', '-dW', path], stdout=subprocess.PIPE,
                         check=True).stdout.decode()
    prog = subprocess.run(['readelf', '-lW', path], stdout=subprocess.PIPE,
                          check=True).stdout.decode()
    interp = re.search(r'Requesting program interpreter: (\S+)\]', prog)
    return (re.findall(r'\(NEEDED\)\s+Shared library: \[(\S+)\]', dyn),
            interp.group(1) if interp else None)


def built_from_source(script, package, arch):
    """The static program mk/@script builds from Debian's @package source
    with our patches for @arch; RuntimeError saying why not."""
    proc = subprocess.run([os.path.join(TOP, 'mk', script), arch],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    path = proc.stdout.decode().strip().split('\n')[-1]
    if proc.returncode or not os.path.isfile(path):
        err = proc.stderr.decode(errors='replace').strip().split('\n')
        raise RuntimeError('%s for %s could not be built: %s'
                           % (package, arch, err[-1] if err else '?'))
    return path


def kexec_tools_built(arch):
    """The static kexec built by mk/build-kexec-tools.sh from Debian's
    kexec-tools source with our patches; RuntimeError saying why not."""
    return built_from_source('build-kexec-tools.sh', 'kexec-tools', arch)


def kexec_tools_inputs(arch):
    """gen_init_cpio lines for Debian's kexec-tools: /sbin/kexec, the dynamic
    loader and every shared library they need (debian_program_inputs()). On
    arm, whose binary package cannot use kexec_file_load(2), the static build
    of the same source with our patches (KEXEC_TOOLS_FROM_SOURCE).
    RuntimeError (a skip) when something cannot be downloaded or built."""
    if arch in KEXEC_TOOLS_FROM_SOURCE:
        return ['dir /sbin 0755 0 0',
                'file /sbin/kexec %s 0755 0 0' % kexec_tools_built(arch)]
    return debian_program_inputs(arch, 'kexec-tools', '/sbin/kexec')


def makedumpfile_from_source(lane):
    """Whether the lane's kernel needs makedumpfile built from source:
    Debian 12's makedumpfile 1.7.2 refuses arm64 with 4K pages and 52-bit
    VA ("PAGE SIZE 0x1000 and VA Bits 52 not supported"); upstream added it
    after 1.7.9 (commit b7587f1), and patches/makedumpfile/ backports it."""
    build = os.path.basename(lane.out)
    return (lane.arch == 'arm64' and kernel_config(build, 'ARM64_VA_BITS_52') == 'y'
            and kernel_config(build, 'ARM64_4K_PAGES') == 'y')


def makedumpfile_inputs(lane, work):
    """gen_init_cpio lines for makedumpfile in the crash kernel: Debian's,
    or on a kernel it cannot read, Debian's source built with our patches
    (mk/build-makedumpfile.sh). When that build cannot be had, Debian's
    binary goes in with a note saying why, which the test's skip quotes."""
    if makedumpfile_from_source(lane):
        try:
            return ['dir /usr 0755 0 0', 'dir /usr/bin 0755 0 0',
                    'file %s %s 0755 0 0' % (MAKEDUMPFILE, built_from_source(
                        'build-makedumpfile.sh', 'makedumpfile', lane.arch))]
        except RuntimeError as err:
            note = write(os.path.join(work, 'makedumpfile.note'),
                         'Debian 12\'s makedumpfile 1.7.2 predates 52-bit VA with 4K '
                         'pages (upstream added it after 1.7.9, commit b7587f1); ' +
                         str(err) + '\n')
            return debian_program_inputs(lane.arch, 'makedumpfile', MAKEDUMPFILE) + [
                'file /kexec-test/makedumpfile.note %s 0644 0 0' % note]
    return debian_program_inputs(lane.arch, 'makedumpfile', MAKEDUMPFILE)


def debian_program_inputs(arch, package, program):
    """gen_init_cpio lines for @program of Debian's @package for @arch, the
    dynamic loader and every shared library they need, found by their
    sonames (ELF DT_NEEDED) in the packages it depends on, at their paths in
    the packages, symbolic links kept. RuntimeError (a skip) when something
    cannot be downloaded, or a library is found in no package."""
    roots = {package: debian_pkg(arch, package)}
    libdirs = ['/lib/' + MULTIARCH[arch], '/usr/lib/' + MULTIARCH[arch], '/lib', '/usr/lib']
    files, todo, seen = {}, [(package, program)], set()

    def locate(pkg, paths):
        """(package, path) for the first of @paths that a package holds,
        fetching the dependencies of @pkg in turn until one does."""
        deps = None
        while True:
            for path in paths:
                for have, root in roots.items():
                    if os.path.lexists(root + path):
                        return have, path
            if deps is None:
                deps = [d for d in debian_depends(arch, pkg) if d not in roots]
            if not deps:
                raise RuntimeError('%s for %s: no package it depends on has %s'
                                   % (package, arch, os.path.basename(paths[0])))
            dep = deps.pop(0)
            roots[dep] = debian_pkg(arch, dep)

    while todo:
        pkg, path = todo.pop(0)
        if path in seen:
            continue
        seen.add(path)
        root = roots[pkg]
        while os.path.islink(root + path):
            target = os.readlink(root + path)
            files[path] = ('slink', target)
            path = os.path.normpath(target if target.startswith('/')
                                    else os.path.join(os.path.dirname(path), target))
        if not os.path.isfile(root + path):
            raise RuntimeError('%s for %s: %s is missing from %s' % (package, arch, path, pkg))
        files[path] = ('file', root + path)
        needed, interp = elf_dynamic(root + path)
        wanted = [[interp]] if interp else []
        wanted += [[d + '/' + soname for d in libdirs] for soname in needed]
        for paths in wanted:
            todo.append(locate(pkg, paths))
    dirs = set()
    for path in files:
        d = os.path.dirname(path)
        while d != '/':
            dirs.add(d)
            d = os.path.dirname(d)
    lines = ['dir %s 0755 0 0' % d for d in sorted(dirs)]
    for path in sorted(files):
        kind, src = files[path]
        lines.append('slink %s %s 0777 0 0' % (path, src) if kind == 'slink'
                     else 'file %s %s 0755 0 0' % (path, src))
    return lines


def crash_kernel_inputs(lane, case):
    """gen_init_cpio lines for the next kernel of a case that reads the
    vmcore: Debian's makedumpfile, or a note saying why it is missing, which
    the vmcore_makedumpfile test gives as its skip reason."""
    if not case.crash or 'vmcore_' not in (case.next_runs or ''):
        return []
    try:
        os.makedirs(lane.vmdir, exist_ok=True)
        return makedumpfile_inputs(lane, lane.vmdir)
    except RuntimeError as err:
        why = os.path.join(lane.vmdir, 'makedumpfile.missing')
        os.makedirs(lane.vmdir, exist_ok=True)
        return ['file /kexec-test/makedumpfile.missing %s 0644 0 0'
                % write(why, str(err) + '\n')]
