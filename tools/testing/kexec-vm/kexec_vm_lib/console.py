# SPDX-License-Identifier: GPL-2.0
"""QEMU with its serial console on a pipe to the host, each line stamped
with the host's time.monotonic() when its first byte arrives: the clock
that runs on across a kexec, where the guest's clocks start again."""
import os
import select
import subprocess
import time


def serial_on_pipe(cmd, log):
    """@cmd (Lane.qemu_cmd()) with its '-serial file:@log' on QEMU's stdout."""
    cmd = list(cmd)
    cmd[cmd.index('file:' + log)] = 'stdio'
    return cmd


def run_qemu_stamped(cmd, log, timeout):
    """Run @cmd to its end or @timeout, its serial console on a pipe;
    return (status, lines), status 'ok', 'timeout after N s' or 'qemu exit
    N: ...', lines a list of (seconds since QEMU started, text). The
    console is written to @log as it comes, and @log.stamped has each line
    after its stamp."""
    qemu_err = log + '.qemu'
    lines, part, part_t = [], b'', None
    with open(log, 'wb') as out, open(qemu_err, 'wb') as err:
        t0 = time.monotonic()
        proc = subprocess.Popen(serial_on_pipe(cmd, log), stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=err)
        fd, status = proc.stdout.fileno(), None
        while status is None:
            left = t0 + timeout - time.monotonic()
            if left <= 0:
                proc.kill()
                status = 'timeout after %d s' % timeout
                break
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            now = time.monotonic() - t0
            chunk = os.read(fd, 65536)
            if not chunk:
                status = 'ok'
                break
            out.write(chunk)
            out.flush()
            while chunk:
                if not part:
                    part_t = now
                line, nl, chunk = chunk.partition(b'\n')
                part += line
                if nl:
                    lines.append((part_t, part.decode(errors='replace').replace('\r', '')))
                    part = b''
        if part:
            lines.append((part_t, part.decode(errors='replace').replace('\r', '')))
        proc.stdout.close()
        proc.wait()
    if status == 'ok' and proc.returncode:
        with open(qemu_err, 'rb') as f:
            said = f.read().decode(errors='replace').strip()
        status = 'qemu exit %d: %s' % (proc.returncode, said)
    with open(log + '.stamped', 'w') as f:
        f.write(''.join('%10.4f %s\n' % (t, text) for t, text in lines))
    return status, lines
