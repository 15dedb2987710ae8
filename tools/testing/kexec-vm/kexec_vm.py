#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Boot our kernels in QEMU, kexec through kexec_file_load(2), read the KTAP.

Each case is one VM: stage 1 runs tests that load a kernel and arm an action
(exec it, or crash into it); the runner then expects the next kernel to come
up and run the stage-2 tests that prove it received the command line and the
initrd stage 1 gave it. Results are counted per KTAP test; a VM that hangs,
crashes or stops early is a failure with the tail of its console log.

  kexec_vm.py run   --arch A [--kernel FILE]   the main job: one kexec, told
  kexec_vm.py check --arch A [--arch B ...]    the guest test suite
  kexec_vm.py bench --arch A [--base KERNEL] [--payload FILE] [--base-payload FILE]
                                               load/unload times, ours vs KERNEL
  kexec_vm.py bench-unwrap --arch A --helper P  in-kernel unwrap vs unwrap in the guest
  kexec_vm.py fuzz-vm --arch A [--seconds N | --inputs N] [--seed S]
                                               fuzz kexec_file_load(2) under KASAN
  kexec_vm.py fuzz-vm-repro --arch A --file F  replay one saved fuzz-vm input
"""
import argparse
import sys

from kexec_vm_lib.bench import cmd_bench_unwrap
from kexec_vm_lib.check import cmd_check, cmd_run
from kexec_vm_lib.fuzz import cmd_fuzz_vm, cmd_fuzz_vm_repro
from kexec_vm_lib.handover import cmd_bench_what
from kexec_vm_lib.qemu_configs import ARCHES

# The runner's modules, by concern, are in kexec_vm_lib/ beside this file
# (see its __init__.py); this file only reads the command line.


def fuzz_spec(spec):
    """fuzz-vm's --arch: ARCH or ARCH+fuzz for the fuzz kernel, ARCH+plain
    for the plain one."""
    arch, _, name = spec.partition('+')
    if arch not in ARCHES or name not in ('', 'fuzz', 'plain'):
        raise argparse.ArgumentTypeError('%s: ARCH, ARCH+fuzz or ARCH+plain, ARCH one of %s'
                                         % (spec, ', '.join(sorted(ARCHES))))
    return spec


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest='cmd', required=True)
    r = sub.add_parser('run', help='boot, kexec once, tell what happened')
    r.add_argument('--arch', default='x86_64', choices=sorted(ARCHES))
    r.add_argument('--cpu', help='QEMU -cpu model')
    r.add_argument('--kernel', help='kernel file to kexec into (default: our own)')
    c = sub.add_parser('check', help='run the guest test cases')
    c.add_argument('--arch', action='append', required=True,
                   help='ARCH or ARCH:CPU; repeatable')
    c.add_argument('--case', action='append', help='only these cases')
    c.add_argument('-v', '--verbose', action='store_true', help='print passes too')
    c.add_argument('-j', '--jobs', type=int, help='lanes at once (default: cores)')
    b = sub.add_parser('bench', help='time load/unload pairs: our kernel vs another')
    b.add_argument('--arch', default='arm64', choices=sorted(ARCHES))
    b.add_argument('--cpu', help='QEMU -cpu model')
    b.add_argument('--flavor', help='our kernel of this FLAVOR (build/ARCH-FLAVOR)')
    b.add_argument('--base', help='kernel to compare with (none: ours alone)')
    b.add_argument('--payload', help='file to load (default: our own image)')
    b.add_argument('--base-payload', help='ELF vmlinux the base kernel loads, without its '
                   'debug info (default: the payload)')
    b.add_argument('--pairs', type=int, default=12, help='timed pairs per boot (default 12)')
    b.add_argument('--rounds', type=int, default=2, help='boots per kernel (default 2)')
    b.add_argument('--target', type=float, default=1.00, help='ratio to report against')
    b.add_argument('--what', default='all', choices=('load', 'handover', 'all'),
                   help='the load figures, the handover\'s (reboot to the next kernel), '
                        'or both (default)')
    b.add_argument('--handover-pairs', type=int, default=3,
                   help='handover boots per kernel, taking turns (default 3)')
    u = sub.add_parser('bench-unwrap', help='time in-kernel unwrap against unwrap in the guest')
    u.add_argument('--arch', default='arm64', choices=('arm64',))
    u.add_argument('--cpu', help='QEMU -cpu model')
    u.add_argument('--helper', required=True,
                   help='kexec_bench built with zlib and libzstd (make bench-unwrap)')
    u.add_argument('--pairs', type=int, default=11, help='timed pairs per file (default 11)')
    u.add_argument('--target', type=float, default=1.2, help='ratio to report against')
    z = sub.add_parser('fuzz-vm', help='fuzz kexec_file_load(2) in the fuzz kernel')
    z.add_argument('--arch', action='append', required=True, type=fuzz_spec,
                   help='ARCH[+fuzz|+plain]: repeatable, one campaign per arch, side by '
                        'side (+plain: the plain kernel instead of the fuzz one)')
    z.add_argument('--seed', type=int, default=1, help='campaign seed (default 1)')
    z.add_argument('--seconds', type=int, default=600, help='time budget (default 600)')
    z.add_argument('--inputs', type=int, help='a fixed number of inputs instead')
    z.add_argument('--workers', type=int, default=1,
                   help='processes loading, unloading and reloading at once, 2 to 8 '
                        '(default 1: one call at a time, each judged alone)')
    z.add_argument('--concurrent', type=int,
                   help='with --workers: only the first N inputs at once, the rest '
                        'one at a time')
    z.add_argument('--timeout', type=int, help='QEMU timeout (default: from the budget)')
    z.add_argument('-j', '--jobs', type=int, help='campaigns at once (default: cores)')
    z.add_argument('--flavor', default='fuzz', help=argparse.SUPPRESS)
    y = sub.add_parser('fuzz-vm-repro', help='replay one saved fuzz-vm input')
    y.add_argument('--arch', default='x86_64', choices=sorted(ARCHES))
    y.add_argument('--file', required=True, help='the input (its recipe beside it)')
    y.add_argument('--load', help='load flags c, i, l (default: from the recipe)')
    y.add_argument('--timeout', type=int, help='QEMU timeout (default 900)')
    y.add_argument('--flavor', default='fuzz', help=argparse.SUPPRESS)
    args = ap.parse_args()
    return {'run': cmd_run, 'check': cmd_check, 'bench': cmd_bench_what,
            'bench-unwrap': cmd_bench_unwrap, 'fuzz-vm': cmd_fuzz_vm,
            'fuzz-vm-repro': cmd_fuzz_vm_repro}[args.cmd](args)


if __name__ == '__main__':
    sys.exit(main())
