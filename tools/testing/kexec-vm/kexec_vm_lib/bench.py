# SPDX-License-Identifier: GPL-2.0
"""bench and bench-unwrap: load/unload times of our kernel against another,
and in-kernel unwrap against unwrap in the guest."""
import os
import re
import subprocess
import time

from .debian import kexec_tools_inputs
from .images import describe, image_info
from .initramfs import gen_cpio
from .lanes import Lane, run_qemu
from .payloads import payload_file
from .util import BUILD, TOP, gzip_cached, human, log_tail, made_once, read_log, write

BENCH_PAIR = re.compile(r'^# kexec-bench: pair \d+ load_ms ([\d.]+) unload_ms ([\d.]+)$')


BENCH_PHASE_NAMES = ('read', 'place', 'digest', 'copy')
BENCH_PHASES = re.compile(r'^# kexec-bench: phases read_ms ([\d.]+) place_ms ([\d.]+) '
                          r'digest_ms ([\d.]+) copy_ms ([\d.]+)$')


BENCH_MEMORY = re.compile(r'^# kexec-bench: memory peak_kb (\d+) loaded_kb (-?\d+) '
                          r'initrd_kb (\d+)$')
BENCH_MEMORY_INITRD = 64 << 20
BENCH_PEER = re.compile(r'^# kexec-bench: peer pair \d+ load_ms ([\d.]+) file_ms ([\d.]+)$')


def bench_memory_initrd(arch):
    """A 64 MiB initrd of random bytes for the memory runs, made once."""
    path = os.path.join(BUILD, arch, 'bench', 'initrd-64m')
    if os.path.exists(path) and os.path.getsize(path) == BENCH_MEMORY_INITRD:
        return path
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + '.tmp', 'wb') as f:
        f.write(os.urandom(BENCH_MEMORY_INITRD))
    os.rename(path + '.tmp', path)
    return path


def bench_boot(lane, kernel, payload, workdir, pairs, peer):
    """Boot @kernel, time @pairs load/unload pairs of @payload; return the
    pair times in ms, the debug loads' phases, the memory runs and, with
    @peer (kexec-tools' gen_init_cpio lines), the kexec -l / kexec -s -l
    pairs."""
    os.makedirs(workdir, exist_ok=True)
    prog = lambda p: os.path.join(lane.guest, p)
    small = os.path.join(workdir, 'small.cpio')
    gen_cpio(small, [('/token', write(os.path.join(workdir, 'token'), 'bench\n'), '0644')])
    con = 'console=%s loglevel=4 panic=-1' % lane.cfg['console']
    initramfs = os.path.join(workdir, 'bench.cpio')
    gen_cpio(initramfs, [
        ('/init', prog('kexec_vm_init'), '0755'),
        ('/kexec-test/bin/kexec_bench', prog('kexec_bench'), '0755'),
        ('/kexec-test/kernel', payload, '0644'),
        ('/kexec-test/initrd', small, '0644'),
        ('/kexec-test/initrd-mem', bench_memory_initrd(lane.arch), '0644'),
        ('/kexec-test/cmdline', write(os.path.join(workdir, 'cmdline'), con), '0644')],
        extra=peer or ())
    log = os.path.join(workdir, 'console.log')
    cmd = lane.qemu_cmd(initramfs, '%s kt.run=kexec_bench kt.bench_pairs=%d' % (con, pairs),
                        log, kernel=kernel)
    if lane.arch == 'arm64':
        # QEMU puts a kaslr-seed in /chosen, which only a kernel with
        # RANDOMIZE_BASE wipes; ours has none, and kexec-tools' kexec -l
        # refuses a DT whose seed was not wiped (setup_2nd_dtb failed).
        cmd[cmd.index('virt')] = 'virt,dtb-randomness=off'
    status = run_qemu(cmd, lane.timeout + pairs * 10)
    lines = read_log(log).split('\n')
    times = [float(m.group(1)) + float(m.group(2))
             for m in map(BENCH_PAIR.match, lines) if m]
    phases = [dict(zip(BENCH_PHASE_NAMES, map(float, m.groups())))
              for m in map(BENCH_PHASES.match, lines) if m]
    memory = [tuple(int(v) for v in m.groups()) for m in map(BENCH_MEMORY.match, lines) if m]
    peers = [tuple(map(float, m.groups())) for m in map(BENCH_PEER.match, lines) if m]
    if '# kexec-bench: peer failed' in lines:
        said = [ln[len('# kexec-bench: peer: '):] for ln in lines
                if ln.startswith('# kexec-bench: peer: ')]
        peers = 'kexec-tools failed: ' + ' / '.join(said)
    if (status != 'ok' or len(times) != pairs or not phases or not memory or
            (peer and not peers)):
        raise SystemExit('kexec-vm: bench on %s: %s, %d of %d pairs, %d phase runs, '
                         '%d memory runs, %d peer pairs; see %s\n%s'
                         % (kernel, status, len(times), pairs, len(phases), len(memory),
                            len(peers), log, log_tail('\n'.join(lines), log)))
    return times, phases, memory, peers


def boot_vmlinux(arch, path):
    """@path, an ELF vmlinux, without its debug info, as a boot file is
    (the riscv64 base loads our vmlinux): made once beside it."""
    objcopy = 'riscv64-linux-gnu-objcopy' if arch == 'riscv64' else 'objcopy'
    return made_once(path + '.boot', [path], lambda tmp: subprocess.run(
        [objcopy, '--strip-debug', path, tmp], check=True))


def two_load_means(times):
    """The mean of each two consecutive loads of a boot: single loads can
    alternate between a fast and a slow mode, and a median over single
    loads could then put one kernel on the one mode and the other kernel
    on the other."""
    return [(times[i] + times[i + 1]) / 2 for i in range(0, len(times) - 1, 2)]


def median(values):
    v = sorted(values)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def cmd_bench(args):
    """Ours and the base kernel take turns, so that drift of the host hits
    both alike; each kernel's figure is the median over all its two-load
    means. Without --base (arm: the base tree has no kexec_file there),
    our figures alone."""
    lane = Lane(args.arch, cpu=args.cpu, flavor=args.flavor, build=args.flavor or '')
    payload = os.path.abspath(args.payload or lane.kernel)
    kernels = [('ours', lane.kernel)]
    if args.base:
        kernels.append(('base', os.path.abspath(args.base)))
    # riscv64: the base tree's kexec_file takes only an ELF vmlinux.
    loads = {'ours': payload, 'base': os.path.abspath(args.base_payload or payload)}
    for name, path in kernels[1:] + [('payload', payload), ('base payload', loads['base'])]:
        if not os.path.exists(path):
            raise SystemExit('kexec-vm: %s does not exist' % path)
    if args.base_payload:
        loads['base'] = boot_vmlinux(args.arch, loads['base'])
    times = {name: [] for name, _ in kernels}
    singles = {name: [] for name, _ in kernels}
    phases = {name: [] for name, _ in kernels}
    memory = {name: [] for name, _ in kernels}
    peers = {name: [] for name, _ in kernels}
    failed_peer = None
    try:
        peer = kexec_tools_inputs(lane.arch)
    except RuntimeError as err:
        peer = None
        print('bench: no kexec -l / kexec -s -l figures: %s' % err)
    print('bench: %s, cpu %s: kexec_file_load(2) + unload of %s (%s), initrd and '
          'command line; %d rounds of %d pairs per kernel after 2 warm-up pairs'
          % (args.arch, lane.cpu, os.path.relpath(payload, TOP),
             human(os.path.getsize(payload)), args.rounds, args.pairs))
    if args.base and loads['base'] != payload:
        print('  the base loads %s (%s) instead' % (os.path.relpath(loads['base'], TOP),
                                                    human(os.path.getsize(loads['base']))))
    for rnd in range(args.rounds):
        for name, kernel in kernels:
            work = os.path.join(lane.out, 'bench', '%s-%d' % (name, rnd + 1))
            got, runs, mem, peer_got = bench_boot(lane, kernel, loads[name], work, args.pairs,
                                                   peer)
            means = two_load_means(got)
            print('  round %d %-4s median %8.1f ms  (loads: %s)'
                  % (rnd + 1, name, median(means), ' '.join('%.0f' % t for t in got)))
            times[name] += means
            singles[name] += got
            phases[name] += runs
            memory[name] += mem
            if isinstance(peer_got, str):
                failed_peer = peer_got
            else:
                peers[name] += peer_got
    print('  figures: medians of the means of two consecutive loads (+ unload); '
          'spread over single loads')
    for name, kernel in kernels:
        t, one = times[name], singles[name]
        print('  %-4s %-40s median %8.1f ms over %d two-load means '
              '(means %.1f..%.1f; single loads %.1f..%.1f)'
              % (name, os.path.relpath(kernel, TOP), median(t), len(t), min(t), max(t),
                 min(one), max(one)))
    print('  where the time goes (medians of %d debug loads per kernel, from the kernel '
          'log\'s timestamps; see kexec_bench.c):' % len(phases['ours']))
    print('       %s%10s' % (''.join('%10s' % p for p in BENCH_PHASE_NAMES + ('total',)),
                             'copy/read'))
    for name, _ in kernels:
        med = [median([r[p] for r in phases[name]]) for p in BENCH_PHASE_NAMES]
        print('  %-4s %s%10.2f' % (name, ''.join('%10.2f' % v for v in med + [sum(med)]),
                                   med[3] / med[0] if med[0] else float('inf')))
    print('  memory, with a %s initrd (MemFree; medians of %d loads; see kexec_bench.c):'
          % (human(memory['ours'][0][2] * 1024), len(memory['ours'])))
    for name, _ in kernels:
        peak = median([m[0] for m in memory[name]]) / 1024
        kept = median([m[1] for m in memory[name]]) / 1024
        print('  %-4s peak %7.1f MiB   while loaded %7.1f MiB' % (name, peak, kept))
    if peer and failed_peer:
        print('  the peer: not measured: %s' % failed_peer)
    elif peer:
        print('  the peer: kexec-tools, same payload, initrd and command line, the whole '
              'command timed (medians of %d pairs; see kexec_bench.c):' % len(peers['ours']))
        for name, _ in kernels:
            user = median([p[0] for p in peers[name]])
            file = median([p[1] for p in peers[name]])
            print('  %-4s kexec -l %8.1f ms   kexec -s -l %8.1f ms   ratio %.3f'
                  % (name, user, file, file / user))
    if not args.base:
        return 0
    ratio = median(times['ours']) / median(times['base'])
    print('bench: ratio ours/base %.3f (target <= %.2f: %s)'
          % (ratio, args.target, 'met' if ratio <= args.target else 'MISSED'))
    return 0


BENCH_UNWRAP = re.compile(r'^# kexec-bench: unwrap (\S+) pair \d+ kernel_ms ([\d.]+) '
                          r'user_ms ([\d.]+)$')


def cmd_bench_unwrap(args):
    """The same kernel, wrapped: kexec_file_load(2) of the gzip or zboot file
    (the kernel unwraps it) against decompressing it in the guest with
    zlib/libzstd into a memfd and loading that, both with initrd, command
    line and unload, taking turns within one boot."""
    lane = Lane(args.arch, cpu=args.cpu)
    helper = os.path.abspath(args.helper)
    if not os.path.exists(helper):
        raise SystemExit('kexec-vm: %s does not exist' % helper)
    work = os.path.join(BUILD, args.arch, 'bench', 'unwrap')
    os.makedirs(work, exist_ok=True)
    files = [('Image.gz', gzip_cached(lane.kernel, os.path.join(work, 'Image.gz')))]
    for kind in ('zboot-gzip', 'zboot-zstd'):
        try:
            path = payload_file(lane, kind)
        except RuntimeError as err:
            raise SystemExit('kexec-vm: %s' % err)
        files.append((os.path.basename(path), path))
    small = os.path.join(work, 'small.cpio')
    gen_cpio(small, [('/token', write(os.path.join(work, 'token'), 'bench\n'), '0644')])
    con = 'console=%s loglevel=4 panic=-1' % lane.cfg['console']
    initramfs = os.path.join(work, 'bench.cpio')
    gen_cpio(initramfs, [
        ('/init', os.path.join(lane.guest, 'kexec_vm_init'), '0755'),
        ('/kexec-test/bin/kexec_bench', helper, '0755'),
        ('/kexec-test/kernel', lane.kernel, '0644'),
        ('/kexec-test/initrd', small, '0644'),
        ('/kexec-test/cmdline', write(os.path.join(work, 'cmdline'), con), '0644')] +
        [('/kexec-test/unwrap/' + name, path, '0644') for name, path in files],
        extra=['dir /kexec-test/unwrap 0755 0 0'])
    print('bench-unwrap: %s, cpu %s: kexec_file_load(2) + unload of %s (%s) wrapped, '
          'initrd and command line; (a) the kernel unwraps the file, (b) the guest '
          'decompresses it into a memfd and loads that; %d pairs per file after 2 '
          'warm-up pairs' % (args.arch, lane.cpu, os.path.relpath(lane.kernel, TOP),
                             human(os.path.getsize(lane.kernel)), args.pairs))
    log = os.path.join(work, 'console.log')
    t0 = time.monotonic()
    status = run_qemu(lane.qemu_cmd(initramfs, '%s kt.run=kexec_bench kt.bench_mode=unwrap '
                                    'kt.bench_unwrap=%s kt.bench_pairs=%d'
                                    % (con, ','.join(n for n, _ in files), args.pairs),
                                    log), lane.timeout)
    text = read_log(log)
    times = {name: ([], []) for name, _ in files}
    for m in map(BENCH_UNWRAP.match, text.split('\n')):
        if m and m.group(1) in times:
            times[m.group(1)][0].append(float(m.group(2)))
            times[m.group(1)][1].append(float(m.group(3)))
    got = sum(len(k) for k, _ in times.values())
    if status != 'ok' or got != args.pairs * len(files):
        raise SystemExit('kexec-vm: bench-unwrap: %s, %d of %d pairs; see %s\n%s'
                         % (status, got, args.pairs * len(files), log, log_tail(text, log)))
    worst = 0
    for name, path in files:
        kern, user = times[name]
        ratio = median(kern) / median(user)
        worst = max(worst, ratio)
        print('  %-24s %-16s %-9s (a) kernel %7.1f ms  (b) user %7.1f ms  ratio %.3f'
              % (name, describe(image_info(path)), human(os.path.getsize(path)),
                 median(kern), median(user), ratio))
    print('bench-unwrap: %d pairs per file in %.0f s; worst ratio kernel/user %.3f '
          '(target <= %.2f: %s)' % (args.pairs, time.monotonic() - t0, worst, args.target,
                                    'met' if worst <= args.target else 'MISSED'))
    return 0
