# SPDX-License-Identifier: GPL-2.0
"""The run and check commands: boot cases on lanes, print the results."""
import concurrent.futures
import os
import sys
import time

from .boot import boot_case
from .cases import CASES
from .debian import crash_kernel_inputs, kexec_tools_inputs
from .images import describe, image_info
from .kselftest import kselftest_inputs
from .ktap import Result
from .lanes import Lane
from .payloads import payload_file
from .uki import uki_stub
from .util import TOP, human


def cmd_run(args):
    lane = Lane(args.arch, cpu=args.cpu)
    case = CASES[0]
    payload = os.path.abspath(args.kernel) if args.kernel else lane.kernel
    if not os.path.exists(payload):
        raise SystemExit('kexec-vm: %s does not exist' % payload)
    print('kexec-vm: %s under %s, cpu %s' % (args.arch, 'KVM' if '-accel' in lane.qemu_cmd('', '', '')
                                                else 'TCG', lane.cpu))
    print('  boot     %s' % os.path.relpath(lane.kernel, TOP))
    print('  payload  %s: %s, %s' % (os.path.relpath(payload, TOP),
                                      describe(image_info(payload)),
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
        if lane.case_flavor not in case.flavors:
            continue
        if lane.cpu != lane.cfg['cpu'] and not case.paging:
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
