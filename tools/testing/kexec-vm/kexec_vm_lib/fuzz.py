# SPDX-License-Identifier: GPL-2.0
"""fuzz-vm and fuzz-vm-repro: kexec_fuzz in the fuzz kernel, its findings
rebuilt on the host."""
import concurrent.futures
import gzip
import os
import re
import shutil
import subprocess
import sys
import time

from .debian import debian_kernel
from .initramfs import gen_cpio
from .ktap import CRASH_SIGNS
from .lanes import Lane, run_qemu
from .payloads import payload_file
from .pvh import pvh_vmlinux, small_pvh_elf
from .util import BUILD, TOP, gzip_cached, human, kernel_config, log_tail, read_log, write

# make fuzz-vm: the fuzz flavor (configs/fuzz.config: KASAN, lockdep, the
# lockup detectors) booted with panic_on_warn=1 and kexec_fuzz as its test.
# The guest prints each input's recipe before the call; a finding's input is
# rebuilt here from the same seed files by the same engine, built for the
# host (build/tools/kexec_fuzz --materialize).

FUZZ_TOOL = os.path.join(BUILD, 'tools', 'kexec_fuzz')
FUZZ_INPUT = re.compile(r'^# fuzz-vm: input (\d+): (seed=.*)$')
FUZZ_FINDING = re.compile(r'^# fuzz-vm: finding (\d+): input (\d+): (.*)$')
FUZZ_TOTAL = re.compile(r'^# fuzz-vm: (\d+) inputs, (\d+) findings$')
FUZZ_RATE = re.compile(r'^# fuzz-vm: (\d+) inputs in ([\d.]+) s')
# Beside CRASH_SIGNS, what the console shows of the detectors' reports.
FUZZ_SIGNS = CRASH_SIGNS + ('BUG:', 'WARNING:', 'possible circular locking',
                            'soft lockup', 'blocked for more than')
CORPUS = os.path.join(TOP, 'tools', 'testing', 'kexec_image', 'corpus')


def fuzz_lane(arch, flavor='fuzz'):
    lane = Lane(arch, flavor=flavor)
    for p in (os.path.join(lane.guest, 'kexec_fuzz'), FUZZ_TOOL):
        if not os.path.exists(p):
            raise SystemExit('kexec-vm: %s is missing; run make %s ARCH=%s'
                             % (p, 'fuzz-vm' if lane.build else 'guest fuzz-vm-tool', arch))
    return lane


def fuzz_seeds(lane, seeddir):
    """Fill @seeddir with links to the seed files: our kernel, Debian's,
    our kernel gzipped, a gzip past the unwrap cap, the zboot images (arm64, riscv64),
    on x86_64 our vmlinux, and the host harness's corpus. Returns notes on
    what is missing."""
    shutil.rmtree(seeddir, ignore_errors=True)
    os.makedirs(seeddir)
    notes, seeds = [], {'kernel': lane.kernel}
    try:
        seeds['debian'] = debian_kernel(lane.arch)
    except RuntimeError as err:
        notes.append(str(err))
    inputs = os.path.join(lane.out, 'vm-inputs')
    os.makedirs(inputs, exist_ok=True)
    seeds['kernel.gz'] = gzip_cached(lane.kernel, os.path.join(inputs, 'kernel.gz'))
    cap = kernel_config(os.path.basename(lane.out), 'KEXEC_UNWRAP_MAX_MB')
    if cap:
        bomb = os.path.join(inputs, 'past-cap-%s.gz' % cap)
        if not os.path.exists(bomb):
            write(bomb + '.tmp', gzip.compress(bytes((int(cap) + 1) << 20), 9, mtime=0))
            os.replace(bomb + '.tmp', bomb)
        seeds['past-cap.gz'] = bomb
    for kind in ('zboot-gzip', 'zboot-zstd') if lane.arch in ('arm64', 'riscv64') else ():
        try:
            seeds[kind + '.efi'] = payload_file(lane, kind)
        except RuntimeError as err:
            notes.append(str(err))
    if lane.arch == 'x86_64':
        # The ELF/PVH loader's real input, this kernel's own vmlinux, and
        # one small enough for the allocation failure sweep.
        try:
            seeds['vmlinux'] = pvh_vmlinux(lane)
        except (RuntimeError, subprocess.CalledProcessError) as err:
            notes.append(str(err))
        seeds['vmlinux-small'] = write(os.path.join(inputs, 'vmlinux-small'),
                                       small_pvh_elf())
    for fmt in sorted(os.listdir(CORPUS)):
        for name in sorted(os.listdir(os.path.join(CORPUS, fmt))):
            seeds['corpus-%s-%s' % (fmt, name[:16])] = os.path.join(CORPUS, fmt, name)
    for name, path in seeds.items():
        os.symlink(os.path.abspath(path), os.path.join(seeddir, name))
    return notes


def fuzz_boot(lane, work, cmdline_extra, files, timeout):
    """Boot the fuzz kernel with kexec_fuzz as its test; the console text."""
    con = 'console=%s loglevel=4 panic=-1' % lane.cfg['console']
    initrd = os.path.join(work, 'small.cpio')
    gen_cpio(initrd, [('/token', write(os.path.join(work, 'token'), 'fuzz\n'), '0644')])
    initramfs = os.path.join(work, 'fuzz.cpio')
    gen_cpio(initramfs, [
        ('/init', os.path.join(lane.guest, 'kexec_vm_init'), '0755'),
        ('/kexec-test/bin/kexec_fuzz', os.path.join(lane.guest, 'kexec_fuzz'), '0755'),
        ('/kexec-test/kernel', lane.kernel, '0644'),
        ('/kexec-test/initrd', initrd, '0644')] + files,
        extra=['dir /kexec-test/fuzz-seeds 0755 0 0'])
    cap = kernel_config(os.path.basename(lane.out), 'KEXEC_UNWRAP_MAX_MB') or '64'
    cmdline = '%s panic_on_warn=1 %s kt.run=kexec_fuzz kt.fuzz.cap_mb=%s %s' % (
        con, lane.cfg['crashkernel'], cap, cmdline_extra)
    log = os.path.join(work, 'console.log')
    t0 = time.monotonic()
    status = run_qemu(lane.qemu_cmd(initramfs, cmdline, log), timeout)
    return read_log(log), status, log, time.monotonic() - t0


def fuzz_judge(text, status):
    """(recipes by input, findings [(input, what)], total line or None, rate)."""
    recipes, findings, total, rate, pending = {}, [], None, None, None
    crash = None
    for line in text.split('\n'):
        line = line.strip()
        m = FUZZ_INPUT.match(line)
        if m:
            recipes[int(m.group(1))] = m.group(2)
            pending = int(m.group(1))
            continue
        if line.startswith('# fuzz-vm: input '):
            pending = None		# the call returned: its outcome
            continue
        m = FUZZ_FINDING.match(line)
        if m:
            findings.append((int(m.group(2)), m.group(3)))
            continue
        m = FUZZ_TOTAL.match(line)
        if m:
            total = (int(m.group(1)), int(m.group(2)))
            continue
        m = FUZZ_RATE.match(line)
        if m:
            rate = (int(m.group(1)), float(m.group(2)))
            continue
        if crash is None and not line.startswith('#') and \
                any(s in line for s in FUZZ_SIGNS):
            crash = (pending or 0, line)
    # A guest that finished has judged its log itself; one that did not
    # died on the input in flight, or between inputs.
    if crash and total is None:
        findings.append((crash[0], 'the console shows: %s' % crash[1]))
    elif total is None:
        findings.append((pending or 0, 'the guest did not finish (%s)' % status))
    return recipes, findings, total, rate


def fuzz_save(lane, seeddir, recipes, findings):
    """Each finding's input (rebuilt on the host) and recipe under
    build/ARCH/fuzz-vm/findings/N/; returns the directories."""
    top = os.path.join(BUILD, lane.arch, 'fuzz-vm', 'findings')
    shutil.rmtree(top, ignore_errors=True)
    dirs = []
    for n, (inp, what) in enumerate(findings, 1):
        d = os.path.join(top, '%03d' % n)
        os.makedirs(d)
        write(os.path.join(d, 'what'), what + '\n')
        recipe = recipes.get(inp)
        if recipe:
            write(os.path.join(d, 'recipe'), recipe + '\n')
            subprocess.run([FUZZ_TOOL, '--materialize', recipe, seeddir,
                            os.path.join(d, 'input')], stdout=subprocess.DEVNULL, check=True)
        dirs.append(d)
    return dirs


def fuzz_arch(spec, args):
    """One campaign on ARCH[+NAME] (NAME: a LANES entry, --flavor without
    one); (passed, printed text)."""
    arch, _, flavor = spec.partition('+')
    lane = fuzz_lane(arch, flavor or args.flavor)
    work = os.path.join(BUILD, arch, 'fuzz-vm')
    os.makedirs(work, exist_ok=True)
    seeddir = os.path.join(work, 'seeds')
    notes = fuzz_seeds(lane, seeddir)
    # The guest edits big seeds in place; on the host, the same engine
    # checks that this gives the bytes --materialize writes.
    engine = subprocess.run([FUZZ_TOOL, '--selftest', seeddir, str(args.seed), '500'],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if engine.returncode:
        return False, ('%sFAIL fuzz-vm/%s # the engine\'s self-test failed\n'
                       % (engine.stdout.decode(errors='replace'), arch))
    files = [('/kexec-test/fuzz-seeds/' + name, os.path.join(seeddir, name), '0644')
             for name in sorted(os.listdir(seeddir))]
    budget = ('kt.fuzz.inputs=%d' % args.inputs if args.inputs
              else 'kt.fuzz.seconds=%d' % args.seconds)
    if args.workers > 1:
        budget += ' kt.fuzz.workers=%d' % args.workers
        if args.concurrent:
            budget += ' kt.fuzz.concurrent=%d' % args.concurrent
    # Boot, kmemleak and the final load take minutes under TCG with KASAN.
    timeout = args.timeout or 900 + (args.inputs * 6 if args.inputs else args.seconds)
    text, status, log, elapsed = fuzz_boot(lane, work, 'kt.fuzz.seed=%d %s' % (args.seed, budget),
                                           files, timeout)
    recipes, findings, total, rate = fuzz_judge(text, status)
    out = ['# fuzz-vm %s: seed %d, %s, %d seed files, VM %.0f s, log %s\n'
           % (arch, args.seed, budget, len(files), elapsed, os.path.relpath(log, TOP))]
    out += ['# fuzz-vm %s: note: %s\n' % (arch, n) for n in notes]
    if rate:
        out.append('# fuzz-vm %s: %d inputs in %.0f s, %.2f inputs/s\n'
                   % (arch, rate[0], rate[1], rate[0] / rate[1] if rate[1] else 0))
    dirs = fuzz_save(lane, seeddir, recipes, findings)
    for (inp, what), d in zip(findings, dirs):
        out.append('# fuzz-vm %s: finding: input %d: %s\n' % (arch, inp, what))
        if inp in recipes:
            out.append('#   recipe %s\n#   saved  %s/input\n'
                       % (recipes[inp], os.path.relpath(d, TOP)))
    if findings and not total:
        out.append(log_tail(text, log))
    inputs = total[0] if total else len(recipes)
    out.append('fuzz-vm %s: %d inputs, %d findings\n' % (arch, inputs, len(findings)))
    ok = not findings and total is not None
    out.append('%s fuzz-vm/%s # %d inputs, %d findings\n'
               % ('PASS' if ok else 'FAIL', arch, inputs, len(findings)))
    return ok, ''.join(out)


def cmd_fuzz_vm(args):
    Lane.probe_kvm_once(args.arch)
    passed = failed = 0
    jobs = args.jobs or os.cpu_count() or 1
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for fut in [pool.submit(fuzz_arch, a, args) for a in args.arch]:
            ok, text = fut.result()
            sys.stdout.write(text)
            passed, failed = passed + ok, failed + (not ok)
    print('fuzz-vm: %d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


def cmd_fuzz_vm_repro(args):
    """Load one saved input, as its recipe's load= says, in a fresh boot."""
    lane = fuzz_lane(args.arch, args.flavor)
    path = os.path.abspath(args.file)
    if not os.path.isfile(path):
        raise SystemExit('kexec-vm: %s does not exist' % path)
    load = args.load
    recipe = os.path.join(os.path.dirname(path), 'recipe')
    if load is None and os.path.exists(recipe):
        with open(recipe) as f:
            m = re.search(r'\bload=(\S*)', f.read())
            load = m.group(1) if m else ''
    load = load if load is not None else 'il'
    work = os.path.join(BUILD, args.arch, 'fuzz-vm', 'repro')
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    text, status, log, elapsed = fuzz_boot(lane, work, 'kt.fuzz.repro=%s' % (load or '-'),
                                           [('/kexec-test/fuzz-repro', path, '0644')],
                                           args.timeout or 900)
    print('fuzz-vm-repro: %s (%s) on %s, load=%s, VM %.0f s, log %s'
          % (os.path.relpath(path, TOP), human(os.path.getsize(path)), args.arch, load,
             elapsed, os.path.relpath(log, TOP)))
    for line in text.split('\n'):
        if line.startswith('# fuzz-vm: input 1: ') and 'seed=' not in line:
            print('  outcome  ' + line[len('# fuzz-vm: input 1: '):])
    _, findings, total, _ = fuzz_judge(text, status)
    for inp, what in findings:
        print('  finding  ' + what)
    if findings and not total:
        sys.stdout.write(log_tail(text, log))
    print('fuzz-vm-repro: %d findings' % len(findings))
    return 1 if findings else 0
