# SPDX-License-Identifier: GPL-2.0
"""Crash hotplug: QEMU's monitor (QMP) adds two DIMMs and removes the
second when the guest asks (kexec_hotplug_test.c says 'hotplug add' and
'hotplug remove' on its console), and the judge holds the crash kernel's
dump against what the guest saw.

CPUs are not hot-added: under TCG, x86 Linux takes QEMU's disabled MADT
entries for hotpluggable CPUs only when it runs under a hypervisor it
recognises (acpi_is_processor_usable()), and TCG announces none. The
guest takes its second CPU offline and online instead, which raises the
same crash hotplug events: a CPU's events come when it goes online or
offline, not when it is added."""
import json
import os
import socket
import threading
import time

from .ktap import MARK, Result, marks, split_boots

DIMM_SIZE = 128 << 20           # x86_64's memory block: a DIMM onlines whole
DIMMS = ('hp-dimm0', 'hp-dimm1')


def qemu_args(kind, sock):
    """What a hotplug case's QEMU gets instead of '-smp 1' and '-m 768M':
    a second CPU; for @kind 'memory' also room for two DIMMs and the
    monitor at @sock."""
    if kind == 'cpu':
        return ['-smp', '2', '-m', '768M']
    return ['-smp', '2', '-m', '768M,slots=2,maxmem=%dM' % (768 + 2 * DIMM_SIZE // 2**20),
            '-qmp', 'unix:%s,server=on,wait=off' % sock]


class Qmp:
    """A QMP client: one command at a time, events read past."""

    def __init__(self, path, record):
        self.record, self.sock = record, socket.socket(socket.AF_UNIX)
        for _ in range(100):
            try:
                self.sock.connect(path)
                break
            except OSError:
                time.sleep(0.1)
        self.file = self.sock.makefile('rw')
        self.file.readline()                    # the greeting
        self.cmd('qmp_capabilities')

    def cmd(self, execute, **arguments):
        msg = {'execute': execute}
        if arguments:
            msg['arguments'] = arguments
        self.file.write(json.dumps(msg) + '\n')
        self.file.flush()
        self.record.append('-> ' + json.dumps(msg))
        while True:
            line = self.file.readline()
            if not line:
                raise OSError('QMP closed')
            reply = json.loads(line)
            if 'event' in reply:
                continue
            self.record.append('<- ' + line.strip())
            if 'error' in reply:
                raise OSError('%s: %s' % (execute, reply['error'].get('desc')))
            return reply['return']

    def close(self):
        self.sock.close()


def add_dimms(qmp):
    for i, dimm in enumerate(DIMMS):
        qmp.cmd('object-add', **{'qom-type': 'memory-backend-ram', 'id': 'hp-mem%d' % i,
                                 'size': DIMM_SIZE})
        qmp.cmd('device_add', driver='pc-dimm', id=dimm, memdev='hp-mem%d' % i)


STEPS = {'add': add_dimms,
         'remove': lambda qmp: qmp.cmd('device_del', id=DIMMS[1])}


class Driver(threading.Thread):
    """Watches the console log at @log and carries out each step the guest
    asks for through the monitor at @sock. What it said and heard is in
    self.record; self.error is the first failure."""

    def __init__(self, sock, log):
        super().__init__(daemon=True)
        self.sock, self.log = sock, log
        self.record, self.error, self.done = [], None, threading.Event()

    def run(self):
        qmp, seen = None, 0
        try:
            while not self.done.wait(0.2):
                try:
                    with open(self.log, errors='replace') as f:
                        lines = f.read().split('\n')[:-1]
                except OSError:
                    continue
                for line in lines[seen:]:
                    step = line[len(MARK + 'hotplug '):].strip() \
                        if line.startswith(MARK + 'hotplug ') else None
                    if step in STEPS:
                        qmp = qmp or Qmp(self.sock, self.record)
                        STEPS[step](qmp)
                seen = len(lines)
        except (OSError, ValueError) as e:
            self.error = str(e)
        finally:
            if qmp:
                qmp.close()

    def finish(self):
        self.done.set()
        self.join(10)


def cpu_count(text):
    """How many CPUs a list such as '0-1,3' names."""
    count = 0
    for part in text.split(','):
        first, _, last = part.partition('-')
        count += int(last or first) - int(first) + 1
    return count


def _range(text):
    start, end = text.split('-')
    return int(start, 16), int(end, 16)


def memory_results(prefix, ram, loads):
    """The added DIMM inside a PT_LOAD of the dump, the removed one in none."""
    words = ram.split()         # added A-B removed C-D
    added, removed = _range(words[1]), _range(words[3])
    ranges = [_range(r) for r in loads.split(',') if r]
    inside = any(s <= added[0] and added[1] <= e for s, e in ranges)
    overlap = any(s <= removed[1] and removed[0] <= e for s, e in ranges)
    return [Result(prefix + '/added-memory-dumped', 'pass' if inside else 'fail',
                   'added 0x%x-0x%x; dump loads %s' % (added + (loads,))),
            Result(prefix + '/removed-memory-not-dumped', 'fail' if overlap else 'pass',
                   'removed 0x%x-0x%x; dump loads %s' % (removed + (loads,)))]


def hotplug_results(prefix, text, driver):
    """The dump against what stage 1 saw: a CPU note for each CPU online at
    the panic; with memory hotplug (@driver), the added DIMM inside a
    PT_LOAD, the removed one in none, and whether events arrived while a
    reload held kexec_lock."""
    prefix += '/hotplug'
    if driver and driver.error:
        return [Result(prefix + '/qmp', 'fail', driver.error)]
    boots = split_boots(text)
    online = marks(boots[0]['lines'], 'hotplug_cpus') if boots else None
    ram = marks(boots[0]['lines'], 'hotplug_ram') if boots else None
    loads = marks(boots[1]['lines'], 'vmcore_loads') if len(boots) > 1 else None
    cpus = marks(boots[1]['lines'], 'vmcore_cpus') if len(boots) > 1 else None
    if not (online and loads is not None and cpus) or (driver and not ram):
        return [Result(prefix, 'fail', 'no hotplug_cpus, hotplug_ram, vmcore_loads or '
                       'vmcore_cpus mark')]
    results = [Result(prefix + '/cpu-notes',
                      'pass' if int(cpus) == cpu_count(online) else 'fail',
                      '%s CPU notes in the dump, %d CPUs online (%s) at the panic'
                      % (cpus, cpu_count(online), online))]
    if not driver:
        return results
    results += memory_results(prefix, ram, loads)
    missed = marks(boots[0]['lines'], 'hotplug_missed') or '0'
    results.append(Result(prefix + '/events-during-reloads',
                          'pass' if int(missed.split()[0]) else 'skip',
                          missed if int(missed.split()[0]) else
                          'no event found kexec_lock taken by a failing reload (%s), '
                          'so the update after the reload was not exercised' % missed))
    return results


def sock_path(work):
    """The monitor's socket for the case in @work (short: sun_path is 108 bytes)."""
    lane, case = work.rstrip('/').split('/')[-2:]
    return os.path.join('/tmp', 'kexec-vm-qmp-%d-%s-%s.sock' % (os.getpid(), lane, case))
