# SPDX-License-Identifier: GPL-2.0
"""bench's handover: from reboot(LINUX_REBOOT_CMD_KEXEC) in the first
kernel to the next kernel's first console line and to its init, our
kernel against the base, timed on the host's clock from the serial
console (console.py)."""
import os
import re

from .bench import cmd_bench, median
from .console import run_qemu_stamped
from .initramfs import gen_cpio
from .lanes import Lane
from .util import TOP, human, log_tail, write

# The whole initrd of the next kernel: its init in a cpio with a file of
# random bytes, so that nothing of it compresses.
HANDOVER_INITRD = 64 << 20

# The next kernel's boot console, at the address of the serial console
# each arch's QEMU machine has. It comes before loglevel= on the command
# line: when it starts, it prints what the log holds at the kernel's
# default level ("Linux version" among it; 7 in Debian's kernels), and
# loglevel=4 then keeps the rest of the boot as quiet as the tests'. On
# x86 earlyprintk= opens the serial port to the bzImage's decompressor
# too, and nokaslr makes it say so before it decompresses: the one line
# between purgatory and the kernel.
EARLY = {'x86_64': 'earlyprintk=serial,ttyS0,115200 nokaslr',
         'arm64': 'earlycon=pl011,0x9000000',
         'arm': 'earlycon=pl011,0x9000000'}

# The console lines that mark the handover, in the order they come, and
# the phase each one ends. arm64's machine_kexec() says "Bye!" once the
# other CPUs are down, just before the relocation code runs.
EXEC = '# kexec-vm: executing the loaded kernel'
STARTING = 'kexec_core: Starting new kernel'
INIT = '# kexec-vm: release '
# kexec_bench's count of the pages the relocation code will copy at
# exec, from the kernel's KEXEC_FILE_DEBUG line (kexec_core.c).
PAGES = re.compile(r'# kexec-bench: handover pages .*?(\d+) of (\d+) pages will be copied at exec')
MARKS = {
    'x86_64': [('exec', EXEC, None), ('starting', STARTING, 'shutdown'),
               ('decompressor', "KASLR disabled: 'nokaslr' on cmdline.", 'purgatory'),
               ('linux', 'Linux version ', 'decompress'), ('init', INIT, 'boot')],
    'arm64': [('exec', EXEC, None), ('starting', STARTING, 'shutdown'),
              ('bye', 'Bye!', 'cpus'), ('linux', 'Linux version ', 'jump'),
              ('init', INIT, 'boot')],
    'arm': [('exec', EXEC, None), ('starting', STARTING, 'shutdown'),
            ('linux', 'Linux version ', 'jump'), ('init', INIT, 'boot')],
}
PHASE_HELP = [
    ('shutdown', 'the exec line of the first kernel\'s init to "Starting new kernel": '
                 'reboot notifiers, devices shut down'),
    ('cpus', '"Starting new kernel" to arm64\'s "Bye!": machine_shutdown(), the '
             'other CPUs stopped'),
    ('purgatory', '"Starting new kernel" to the decompressor\'s first line: '
                  'machine_shutdown(), the relocation code swapping every page into '
                  'place, purgatory\'s SHA-256 of the segments, the decompressor moving '
                  'itself'),
    ('decompress', 'the decompressor\'s line to "Linux version" on the boot console: '
                   'the kernel decompressed and relocated, early boot'),
    ('jump', 'the first kernel\'s last line to the next one\'s "Linux version" on its '
             'boot console: machine_kexec(), the relocation code copying every page '
             'into place, early boot (on arm the decompressor too)'),
    ('boot', '"Linux version" to the next kernel\'s init\'s first line: the rest of '
             'the boot, the initramfs unpacked'),
]

def handover_initramfs(lane, payload, work):
    """The first kernel's initramfs: kexec_bench, @payload and the next
    kernel's command line and initramfs, this one being the kexec-vm init
    and a file of random bytes, HANDOVER_INITRD bytes in all (the random
    file made once per arch). Returns it and the next one's size."""
    init = os.path.join(lane.guest, 'kexec_vm_init')
    fill = HANDOVER_INITRD - ((os.path.getsize(init) + 4095) & ~4095) - 4096
    rand = os.path.join(lane.out, 'bench', 'handover-random')
    if not os.path.exists(rand) or os.path.getsize(rand) != fill:
        write(rand + '.tmp', os.urandom(fill))
        os.replace(rand + '.tmp', rand)
    nxt = os.path.join(work, 'initrd-next.cpio')
    gen_cpio(nxt, [('/init', init, '0755'), ('/kexec-test/random', rand, '0644')])
    cmdline = '%s console=%s loglevel=4 panic=-1' % (EARLY[lane.arch], lane.cfg['console'])
    out = os.path.join(work, 'handover.cpio')
    gen_cpio(out, [
        ('/init', init, '0755'),
        ('/kexec-test/bin/kexec_bench', os.path.join(lane.guest, 'kexec_bench'), '0755'),
        ('/kexec-test/kernel', payload, '0644'),
        ('/kexec-test/initrd', nxt, '0644'),
        ('/kexec-test/cmdline', write(os.path.join(work, 'cmdline'), cmdline), '0644')])
    size = os.path.getsize(nxt)
    os.unlink(nxt)
    return out, size


def handover_marks(arch, lines):
    """{mark: seconds} of the marks found in order in @lines, each after
    the one before (the first kernel's init says 'release' too)."""
    got, i = {}, 0
    for name, text, _ in MARKS[arch]:
        while i < len(lines) and text not in lines[i][1]:
            i += 1
        if i == len(lines):
            break
        got[name] = lines[i][0]
    return got


def handover_pages(lines):
    """kexec_bench's count of the pages the kernel will copy at exec:
    'N of M copied', or '-' where the kernel does not count them."""
    for _, ln in lines:
        m = PAGES.search(ln)
        if m:
            return '%s of %s copied' % (m.group(1), m.group(2))
    return '-'


def handover_boot(lane, kernel, initramfs, work):
    """Boot @kernel on @initramfs (handover_initramfs()), which loads the
    next kernel and execs it; return the load's ms, {phase: seconds}
    with 'first' and 'init' the totals, and the pages copied at exec
    (handover_pages()), or the failure (a string)."""
    os.makedirs(work, exist_ok=True)
    con = 'console=%s loglevel=4 panic=-1' % lane.cfg['console']
    log = os.path.join(work, 'console.log')
    cmd = lane.qemu_cmd(initramfs, con + ' kt.run=kexec_bench kt.bench_mode=handover',
                        log, kernel=kernel)
    status, lines = run_qemu_stamped(cmd, log, lane.timeout)
    marks = handover_marks(lane.arch, lines)
    loads = [ln.split()[-1] for _, ln in lines if '# kexec-bench: handover load_ms' in ln]
    if status != 'ok' or not loads or len(marks) != len(MARKS[lane.arch]):
        missing = [t for n, t, _ in MARKS[lane.arch] if n not in marks]
        return '%s, no line "%s"; see %s\n%s' % (
            status, missing[0] if missing else '?', log,
            log_tail('\n'.join(t for _, t in lines), log))
    phases, before = {}, None
    for name, _, phase in MARKS[lane.arch]:
        if phase:
            phases[phase] = marks[name] - marks[before]
        before = name
    phases['first'] = marks['linux'] - marks['exec']
    phases['init'] = marks['init'] - marks['exec']
    return float(loads[0]), phases, handover_pages(lines)


def spread(values):
    return '%6.3f (%.3f..%.3f)' % (median(values), min(values), max(values))


def cmd_handover(args):
    """Ours and the base take turns, a pair at a time, so that drift of
    the host hits both alike. A base that cannot do it (arm64 CPU=max:
    the base tree's oops that patches/0003 fixes) leaves ours alone."""
    if args.arch not in MARKS:
        print('bench: handover: not measured on %s: no boot console set for the next '
              'kernel (handover.py)' % args.arch)
        return 0
    lane = Lane(args.arch, cpu=args.cpu, flavor=args.flavor, build=args.flavor or '')
    payload = os.path.abspath(args.payload or lane.kernel)
    kernels = [('ours', lane.kernel)]
    if args.base:
        kernels.append(('base', os.path.abspath(args.base)))
    work = os.path.join(lane.out, 'bench', 'handover-' + lane.cpu)
    os.makedirs(work, exist_ok=True)
    initramfs, initrd_size = handover_initramfs(lane, payload, work)
    marks = MARKS[lane.arch]
    phase_names = [p for _, _, p in marks if p]
    print('bench: handover: %s, cpu %s: reboot(LINUX_REBOOT_CMD_KEXEC) into %s (%s) with '
          'a %s initrd of random bytes, to the next kernel\'s first line and its init, on '
          'the host\'s clock from the serial console; %d pairs, taking turns'
          % (args.arch, lane.cpu, os.path.relpath(payload, TOP),
             human(os.path.getsize(payload)), human(initrd_size),
             args.handover_pairs))
    got = {name: [] for name, _ in kernels}
    for pair in range(args.handover_pairs):
        for name, kernel in list(kernels):
            res = handover_boot(lane, kernel, initramfs,
                                os.path.join(work, '%s-%d' % (name, pair + 1)))
            if isinstance(res, str):
                if name == 'ours':
                    raise SystemExit('kexec-vm: bench handover on %s: %s' % (kernel, res))
                print('  base: no handover (%s): ours alone' % res.split('\n')[0])
                kernels.remove((name, kernel))
                continue
            load, ph, pages = res
            got[name].append(ph)
            print('  pair %d %-4s load %7.1f ms  %s  first line %6.3f s  init %6.3f s'
                  '  pages %s'
                  % (pair + 1, name, load,
                     '  '.join('%s %.3f' % (p, ph[p]) for p in phase_names),
                     ph['first'], ph['init'], pages))
    print('  seconds, median (min..max) over each kernel\'s boots:')
    print('       %s' % ''.join('%-24s' % p for p in phase_names + ['first line', 'init']))
    for name, _ in kernels:
        print('  %-4s %s' % (name, ''.join('%-24s' % spread([r[p] for r in got[name]])
                                           for p in phase_names + ['first', 'init'])))
    for p, said in PHASE_HELP:
        if p in phase_names:
            print('    %-10s %s' % (p, said))
    if len(kernels) < 2:
        return 0
    first, init = ([median([r[p] for r in got[k]]) for k in ('ours', 'base')]
                   for p in ('first', 'init'))
    print('bench: handover ratio ours/base: to the first line %.3f, to init %.3f'
          % (first[0] / first[1], init[0] / init[1]))
    return 0


def cmd_bench_what(args):
    """make bench's BENCH=load|handover|all: the load figures, the
    handover's, or both, the load first."""
    rc = 0
    if args.what in ('load', 'all'):
        rc = cmd_bench(args)
    if args.what in ('handover', 'all') and not rc:
        rc = cmd_handover(args)
    return rc
