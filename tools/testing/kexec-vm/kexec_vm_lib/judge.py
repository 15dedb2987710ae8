# SPDX-License-Identifier: GPL-2.0
"""The judge: one VM's console log turned into results, and an account of
what happened for people."""
import re

from .ktap import Result, crash_lines, ktap, marks, split_boots
from .util import log_tail


def stage_results(prefix, boot, results):
    """Append one Result per KTAP test; return True if a stream was cut short."""
    short = False
    streams = ktap(boot['lines'])
    for s in streams:
        for st, name, reason in s['results']:
            results.append(Result('%s/%s.%s' % (prefix, s['prog'], name), st, reason))
        if s['plan'] is None or s['seen'] != s['plan']:
            short = True
            results.append(Result('%s/%s' % (prefix, s['prog']), 'fail',
                                  'KTAP stream ended after %d of %s results'
                                  % (s['seen'], s['plan'])))
    if not streams:
        short = True
        results.append(Result(prefix, 'fail', 'no KTAP output'))
    return short


def kaslr_result(prefix, arch, first, nxt):
    """The next kernel at another base than the first, from their
    kernel_base marks ('text VIRT code PHYS-RANGE'). The virtual text base
    is what KASLR moves on every arch; on x86_64, which randomizes the
    physical base too, a kernel whose virtual slot (one of about 500)
    happened to repeat still counts when its physical one moved. On arm64
    the physical base is the loader's placement, not KASLR's."""
    if arch.split(':')[0].split('+')[0] == 'arm':
        return Result(prefix + '/stage2/kaslr', 'skip',
                      '32-bit ARM has no KASLR: both kernels run where the zImage '
                      'decompressor puts them (%s; %s)' % (first, nxt))
    virt = [b.split()[1] for b in (first, nxt)]
    moved = virt[0] != virt[1]
    if arch.startswith('x86_64'):
        moved = moved or first.split()[3] != nxt.split()[3]
    return Result(prefix + '/stage2/kaslr', 'pass' if moved else 'fail',
                  'first kernel: %s; next: %s' % (first, nxt))


def judge(arch, case, text, status, token, log):
    """Turn one VM's console log into results and an account for people."""
    prefix = '%s/%s' % (arch, case.name)
    results, account = [], {'status': status}
    boots = split_boots(text)
    if not boots:
        results.append(Result(prefix + '/boot', 'fail', 'init never ran (%s)' % status))
        account['tail'] = log_tail(text, log)
        return results, account
    account['release1'] = boots[0]['release']
    account['load_ms'] = marks(boots[0]['lines'], 'load_ms')
    stage_results(prefix + '/stage1', boots[0], results)
    if case.log_must:
        seen = any(re.search(case.log_must, line) for line in boots[0]['lines'])
        results.append(Result(prefix + '/stage1/log', 'pass' if seen else 'fail',
                              '%s /%s/ in the first kernel\'s log'
                              % ('found' if seen else 'no line', case.log_must)))
    # Stage 1 arms the next kernel when every test it names passes.
    wanted = case.stage1.split(':')[-1].split(',')
    stage1 = [r for r in results if any(r.name.endswith(w) for w in wanted)]
    armed = bool(stage1) and all(r.status == 'pass' for r in stage1) and case.next_runs
    if armed:
        if len(boots) < 2:
            bad = crash_lines(text.split('\n')[-400:])
            results.append(Result(prefix + '/stage2', 'fail',
                                  'the next kernel never ran its init (%s)%s'
                                  % (status, '; ' + bad[0].strip() if bad else '')))
            account['tail'] = log_tail(text, log)
            return results, account
        nxt = boots[1]
        account['release2'] = nxt['release']
        account['version2'] = marks(nxt['lines'], 'version')
        account['token2'] = marks(nxt['lines'], 'cmdline_token')
        account['initrd2'] = marks(nxt['lines'], 'initrd_blob')
        account['vmcore'] = marks(nxt['lines'], 'vmcore')
        stage_results(prefix + '/stage2', nxt, results)
        # Where the kernels ran, when they say (the distro lanes): KASLR
        # gave the next one another base than the first.
        bases = [marks(b['lines'], 'kernel_base') for b in (boots[0], nxt)]
        if all(bases):
            results.append(kaslr_result(prefix, arch, *bases))
        if case.payload and case.payload.startswith('debian'):
            # Another kernel was loaded: the one that came up must differ.
            same = account['release2'] == account['release1']
            results.append(Result(prefix + '/stage2/other-kernel', 'fail' if same else 'pass',
                                  'second kernel %s, first %s' % (account['release2'],
                                                                   account['release1'])))
        if account['token2'] not in (None, token):
            results.append(Result(prefix + '/stage2/token', 'fail',
                                  'token %s, expected %s' % (account['token2'], token)))
    if len(boots) > (2 if armed else 1):
        results.append(Result(prefix + '/boots', 'fail',
                              '%d kernels booted, expected %d' % (len(boots), 2 if armed else 1)))
    bad = crash_lines(boots[-1]['lines'])
    if status != 'ok':
        results.append(Result(prefix + '/vm', 'fail', 'VM did not end cleanly: ' + status))
    elif bad:
        results.append(Result(prefix + '/vm', 'fail', bad[0].strip()))
    else:
        results.append(Result(prefix + '/vm', 'pass', '%d kernel(s) booted, VM ended cleanly'
                              % len(boots)))
    if any(r.status == 'fail' for r in results):
        account['tail'] = log_tail(text, log)
    return results, account
