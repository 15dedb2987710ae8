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
  kexec_vm.py bench --arch A [--base KERNEL] [--payload FILE]
                                               load/unload times, ours vs KERNEL
  kexec_vm.py bench-unwrap --arch A --helper P  in-kernel unwrap vs unwrap in the guest
  kexec_vm.py fuzz-vm --arch A [--seconds N | --inputs N] [--seed S]
                                               fuzz kexec_file_load(2) under KASAN
  kexec_vm.py fuzz-vm-repro --arch A --file F  replay one saved fuzz-vm input
"""
import argparse
import concurrent.futures
import os
import sys
import time

from kexec_vm_lib.bench import cmd_bench, cmd_bench_unwrap
from kexec_vm_lib.boot import boot_case
from kexec_vm_lib.cases import CASES
from kexec_vm_lib.debian import crash_kernel_inputs, kexec_tools_inputs
from kexec_vm_lib.fuzz import cmd_fuzz_vm, cmd_fuzz_vm_repro
from kexec_vm_lib.images import describe, image_info
from kexec_vm_lib.kselftest import kselftest_inputs
from kexec_vm_lib.ktap import Result
from kexec_vm_lib.lanes import Lane
from kexec_vm_lib.payloads import payload_file
from kexec_vm_lib.qemu_configs import ARCHES
from kexec_vm_lib.uki import uki_stub
from kexec_vm_lib.util import TOP, human


def cmd_run(args):
    lane = Lane(args.arch, cpu=args.cpu)
    case = CASES[0]
    payload = os.path.abspath(args.kernel) if args.kernel else lane.kernel
    if not os.path.exists(payload):
        raise SystemExit('kexec-vm: %s does not exist' % payload)
    print('kexec-vm: %s under %s, cpu %s' % (args.arch, 'KVM' if '-accel' in lane.qemu_cmd('', '', '')
                                                else 'TCG', lane.cpu))
    print('  boot     %s' % os.path.relpath(lane.kernel, TOP))
    print('  payload  %s: %s, %s' % (payload, describe(image_info(payload)),
                                      human(os.path.getsize(payload))))
    results, acc = boot_case(lane, case, payload)
    sys.stdout.write(acc.get('tail', ''))
    if acc.get('unwrap'):
        print('  note     %s' % acc['unwrap'])
    failed = [r for r in results if r.status == 'fail']
    skipped = [r for r in results if r.status == 'skip']
    if acc.get('release1'):
        print('  first    %s' % acc['release1'])
    if acc.get('load_ms'):
        print('  load     kexec_file_load(2) took %s ms' % acc['load_ms'])
    if acc.get('release2'):
        print('  second   %s  (%s)' % (acc['release2'], acc.get('version2') or '?'))
    if acc.get('token2') == acc['token']:
        print('  cmdline  arrived intact (token %s)' % acc['token'])
    if acc.get('initrd2'):
        print('  initrd   arrived intact (%s)' % acc['initrd2'])
    print('  log      %s (%.1f s)' % (os.path.relpath(acc['log'], TOP), acc['elapsed']))
    for r in failed + skipped:
        print('  ' + r.line())
    if failed or skipped or not acc.get('release2'):
        print('kexec-vm: FAILED: %s' % ((failed or skipped)[0].line() if failed or skipped
                                        else 'the second kernel did not report'))
        return 1
    print('kexec-vm: OK: kexec into %s' % acc['release2'])
    return 0


def check_lane(spec, args):
    """Run every case of one lane; return (results, printed lines)."""
    lane = Lane.from_spec(spec)
    results, out = [], []
    for case in CASES:
        if args.case and case.name not in args.case:
            continue
        if case.arches and lane.arch not in case.arches:
            continue
        if lane.flavor not in case.flavors:
            continue
        t0 = time.monotonic()
        if case.payload:
            try:
                payload = payload_file(lane, case.payload)
            except RuntimeError as err:
                results.append(Result('%s/%s' % (lane.label, case.name), 'skip', str(err)))
                out.append(results[-1].line() + '\n')
                continue
        else:
            payload = None
        if case.uki:
            try:
                uki_stub(lane.arch)
            except RuntimeError as err:
                results.append(Result('%s/%s' % (lane.label, case.name), 'skip', str(err)))
                out.append(results[-1].line() + '\n')
                continue
        extra = ()
        if case.kexec_tools:
            try:
                extra = kexec_tools_inputs(lane.arch)
            except RuntimeError as err:
                results.append(Result('%s/%s' % (lane.label, case.name), 'skip', str(err)))
                out.append(results[-1].line() + '\n')
                continue
        if case.kselftest:
            try:
                extra = kselftest_inputs(lane.arch)
            except RuntimeError as err:
                results.append(Result('%s/%s' % (lane.label, case.name), 'skip', str(err)))
                out.append(results[-1].line() + '\n')
                continue
        got, acc = boot_case(lane, case, payload, extra, crash_kernel_inputs(lane, case))
        out.append(acc.get('tail', ''))
        out += [r.line() + '\n' for r in got if r.status != 'pass' or args.verbose]
        out.append('# %s/%s: %d results in %.1f s\n' % (lane.label, case.name, len(got),
                                                        time.monotonic() - t0))
        results += got
    return results, ''.join(out)


def cmd_check(args):
    """Lanes run side by side, one QEMU (one TCG thread) per core."""
    totals = {'pass': 0, 'fail': 0, 'skip': 0}
    Lane.probe_kvm_once(args.arch)
    jobs = args.jobs or os.cpu_count() or 1
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(check_lane, spec, args) for spec in args.arch]
        for fut in futures:
            results, text = fut.result()
            sys.stdout.write(text)
            for r in results:
                totals[r.status] += 1
    print('guest: %d passed, %d failed, %d skipped' % (totals['pass'], totals['fail'],
                                                       totals['skip']))
    return 1 if totals['fail'] else 0


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
    b.add_argument('--pairs', type=int, default=12, help='timed pairs per boot (default 12)')
    b.add_argument('--rounds', type=int, default=2, help='boots per kernel (default 2)')
    b.add_argument('--target', type=float, default=1.00, help='ratio to report against')
    u = sub.add_parser('bench-unwrap', help='time in-kernel unwrap against unwrap in the guest')
    u.add_argument('--arch', default='arm64', choices=('arm64',))
    u.add_argument('--cpu', help='QEMU -cpu model')
    u.add_argument('--helper', required=True,
                   help='kexec_bench built with zlib and libzstd (make bench-unwrap)')
    u.add_argument('--pairs', type=int, default=11, help='timed pairs per file (default 11)')
    u.add_argument('--target', type=float, default=1.2, help='ratio to report against')
    z = sub.add_parser('fuzz-vm', help='fuzz kexec_file_load(2) in the fuzz kernel')
    z.add_argument('--arch', action='append', required=True, choices=sorted(ARCHES),
                   help='repeatable: one campaign per arch, side by side')
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
    return {'run': cmd_run, 'check': cmd_check, 'bench': cmd_bench,
            'bench-unwrap': cmd_bench_unwrap, 'fuzz-vm': cmd_fuzz_vm,
            'fuzz-vm-repro': cmd_fuzz_vm_repro}[args.cmd](args)


if __name__ == '__main__':
    sys.exit(main())
