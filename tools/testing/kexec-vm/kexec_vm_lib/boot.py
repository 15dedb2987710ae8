# SPDX-License-Identifier: GPL-2.0
"""One case booted on one lane: the two initramfs images, the command
lines, QEMU, and the judge's results (with the host debuggers' on a dump)."""
import binascii
import os
import shutil
import time

from .dumps import DUMP_DISK_SIZE, HOST_CRASH_ARCHES, host_debuggers
from .hotplug import Driver, hotplug_results, qemu_args as hotplug_args, sock_path
from .images import wrapped_note
from .initramfs import gen_cpio
from .judge import judge
from .ktap import Result
from .kselftest import KSELFTEST_SCRIPT
from .lanes import run_qemu
from .payloads import payload_file
from .signatures import sig_inputs
from .tpm import Swtpm, tpm_results
from .uki import uki_payload
from .unwrap import unwrap_inputs
from .util import fnv1a64, read_log, write


def boot_case(lane, case, payload=None, extra=(), stage2_extra=()):
    """Run one case; return (results, account dict). @extra: more
    gen_init_cpio lines for stage 1, @stage2_extra for the next kernel."""
    work = os.path.join(lane.vmdir, case.name)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    payload = payload or lane.kernel
    unwrap_note = wrapped_note(payload)
    files = []
    if case.unwrap_inputs:
        files += unwrap_inputs(lane)
    if case.stage1 == 'kexec_sig_test':
        files += sig_inputs(lane, work)
    if case.tpm:
        # Beside the kernel stage 1 loads: the file the ELF/PVH loader
        # must refuse while the TPM attests the IMA list.
        files.append(('/kexec-test/vmlinux', payload_file(lane, 'vmlinux'), '0644'))
    extra = list(extra) + ['file %s %s %s 0 0' % f for f in files]
    token = binascii.hexlify(os.urandom(12)).decode()
    blob = os.urandom(256 * 1024)
    con = 'console=%s loglevel=4 panic=-1' % lane.cfg['console']
    prog = lambda p: os.path.join(lane.guest, p)

    next_cmdline = '%s kt.stage=2 kt.token=%s kt.blob=%s' % (con, token, fnv1a64(blob))
    if lane.next_args:
        next_cmdline += ' ' + lane.next_args
    if case.next_runs:
        next_cmdline += ' kt.run=' + case.next_runs
    if case.crash:
        next_cmdline += ' ' + lane.cfg['crash_args']
    disk = None
    if case.host_crash and lane.arch in HOST_CRASH_ARCHES:
        disk = os.path.join(work, 'dump.img')
        with open(disk, 'wb') as f:
            f.truncate(DUMP_DISK_SIZE)
        next_cmdline += ' kt.run=kexec_boot_test:vmcore_to_disk'
    stage2 = os.path.join(work, 'stage2.cpio')
    blob_file = write(os.path.join(work, 'blob'), blob)
    split = case.uki and case.uki['initrd'] == 'split'
    gen_cpio(stage2, [
        ('/init', prog('kexec_vm_init'), '0755'),
        ('/kexec-test/bin/kexec_boot_test', prog('kexec_boot_test'), '0755'),
        ('/kexec-test/bin/kexec_hotplug_test', prog('kexec_hotplug_test'), '0755'),
        ('/kexec-test/bin/kexec_ima_test', prog('kexec_ima_test'), '0755'),
        ('/kexec-test/token', write(os.path.join(work, 'token'), token + '\n'), '0644')]
        + ([] if split else [('/kexec-test/blob', blob_file, '0644')]),
        stage2_extra)
    given_initrd, given_cmdline = stage2, next_cmdline
    if case.uki:
        payload, given_initrd, given_cmdline = uki_payload(
            lane, case, work, payload, stage2, next_cmdline, blob_file)
    stage1 = os.path.join(work, 'stage1.cpio')
    gen_cpio(stage1, [
        ('/init', prog('kexec_vm_init'), '0755'),
        ('/kexec-test/bin/kexec_boot_test', prog('kexec_boot_test'), '0755'),
        ('/kexec-test/bin/kexec_file_load_test', prog('kexec_file_load_test'), '0755'),
        ('/kexec-test/bin/kexec_sig_test', prog('kexec_sig_test'), '0755'),
        ('/kexec-test/bin/kexec_tools_test', prog('kexec_tools_test'), '0755'),
        ('/kexec-test/bin/kexec_hotplug_test', prog('kexec_hotplug_test'), '0755'),
        ('/kexec-test/bin/kexec_ima_test', prog('kexec_ima_test'), '0755'),
        ('/kexec-test/kernel', payload, '0644'),
        ('/kexec-test/cmdline', write(os.path.join(work, 'cmdline'), given_cmdline), '0644')]
        + ([('/kexec-test/initrd', given_initrd, '0644')] if given_initrd else [])
        + ([('/kexec-test/bin/kselftest', write(os.path.join(work, 'kselftest.sh'),
                                                KSELFTEST_SCRIPT), '0755')]
           if case.kselftest else []), extra)
    cmdline = '%s kt.stage=1 kt.run=%s' % (con, case.stage1)
    if case.crash:
        cmdline += ' ' + (case.crashkernel or lane.cfg['crashkernel'])
    if case.kmemleak:
        cmdline += ' kt.kmemleak=1'
    if lane.boot_args:
        cmdline += ' ' + lane.boot_args
    if case.lockdown:
        cmdline += ' lockdown=integrity kt.sigforce=1 kt.lockdown=1'
    if case.cmdline:
        cmdline += ' ' + case.cmdline
    if lane.cpu in lane.cfg.get('granules', {}):
        cmdline += ' kt.granules=' + lane.cfg['granules'][lane.cpu]

    log = os.path.join(work, 'console.log')
    t0 = time.monotonic()
    first = payload_file(lane, case.first) if case.first else None
    sock = sock_path(work) if case.hotplug == 'memory' else None
    driver = Driver(sock, log) if sock else None
    tpm = Swtpm(work) if case.tpm else None
    no_tpm = tpm.start() if tpm else None
    if no_tpm:
        return [Result('%s/%s' % (lane.label, case.name), 'fail', no_tpm)], \
            {'status': no_tpm, 'log': log, 'elapsed': 0.0, 'token': token}
    status = run_qemu(lane.qemu_cmd(stage1, cmdline, log, kernel=first, disk=disk,
                                    hotplug=hotplug_args(case.hotplug, sock)
                                    if case.hotplug else None,
                                    extra=tpm.qemu_args() if tpm else ()),
                      lane.timeout, driver)
    if tpm:
        tpm.stop()
    if sock and os.path.exists(sock):
        os.unlink(sock)
    elapsed = time.monotonic() - t0
    text = read_log(log)
    results, account = judge(lane.label, case, text, status, token, log)
    if disk:
        results += host_debuggers(lane, case, work, disk)
    if driver:
        write(os.path.join(work, 'qmp.log'), '\n'.join(driver.record) + '\n')
    if case.hotplug:
        results += hotplug_results(lane.label + '/' + case.name, text, driver)
    if tpm:
        results += tpm_results(lane.label + '/' + case.name, text)
    account.update(elapsed=elapsed, log=log, payload=payload, unwrap=unwrap_note,
                   token=token, blob_hash=fnv1a64(blob), blob_len=len(blob))
    return results, account
