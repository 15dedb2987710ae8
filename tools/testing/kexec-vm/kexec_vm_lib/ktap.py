# SPDX-License-Identifier: GPL-2.0
"""The console log read back: cut at each kernel's init, its KTAP streams
parsed (nested ones included), the crash signs found, and the Result
every judgement is made of."""
import re

KTAP_VERSION = re.compile(r'^K?TAP version \d+$')
KTAP_RESULT = re.compile(r'^(not ok|ok) (\d+)(?: -)? ?([^#]*?)\s*(?:#\s*(\S+)\s*(.*))?$')
KTAP_PLAN = re.compile(r'^1\.\.(\d+)$')
MARK = '# kexec-vm: '
CRASH_SIGNS = ('Kernel panic - not syncing', 'BUG: KASAN', 'Oops', 'Internal error:',
               'Unable to handle kernel', 'UBSAN:', 'kernel BUG at', 'WARNING: CPU:')


class Result:
    def __init__(self, name, status, reason=''):
        self.name, self.status, self.reason = name, status, reason

    def line(self):
        tail = ' # ' + self.reason if self.reason else ''
        return '%-4s %s%s' % ({'pass': 'PASS', 'fail': 'FAIL', 'skip': 'SKIP'}[self.status],
                              self.name, tail)


def split_boots(text):
    """Console text per kernel boot, cut at each init's 'release' line."""
    boots, cur = [], None
    for line in text.split('\n'):
        if line.startswith(MARK + 'release '):
            cur = {'release': line[len(MARK + 'release '):].strip(), 'lines': []}
            boots.append(cur)
        elif cur is not None:
            cur['lines'].append(line)
    return boots


def ktap_name(desc):
    """A test's description as one word: 'selftests: kexec: x' -> 'kexec:x'."""
    name = re.sub(r'\s*:\s*', ':', desc.strip())
    if name.startswith('selftests:'):
        name = name[len('selftests:'):]
    return re.sub(r'\s+', '_', name) or '?'


def ktap(lines):
    """Every KTAP stream in a boot, nested ones included, as
    [{'prog', 'plan', 'seen', 'results': [(status, name, reason)]}].

    A nested stream is a test's own KTAP, each line prefixed with '# ', as
    run_kselftest.sh prints it before that test's result line. Its results
    are counted, and stand for the parent result line, which counts itself
    only when it fails where none of its own results did (a crash, say)."""
    streams, stack, prog = [], [], '?'
    for line in lines:
        line = line.strip()
        if line.startswith(MARK + 'run '):
            prog = line[len(MARK + 'run '):].split(':')[0]
            stack = []
            continue
        depth, body = 0, line
        while depth < len(stack) and (body.startswith('# ') or body == '#'):
            body, depth = body[2:], depth + 1
        if KTAP_VERSION.match(body):
            cur = {'prog': prog, 'plan': None, 'seen': 0, 'results': [], 'child': None,
                   'diag': '', 'depth': depth}
            if depth:
                stack[depth - 1]['child'] = cur
            del stack[depth:]
            stack.append(cur)
            streams.append(cur)
            continue
        if depth == len(stack):
            if depth:
                stack[-1]['diag'] = body
            continue
        cur = stack[depth]
        m = KTAP_PLAN.match(body)
        if m and cur['plan'] is None:
            cur['plan'] = int(m.group(1))
            continue
        m = KTAP_RESULT.match(body)
        if not m:
            continue
        ok, _, desc, directive, reason = m.groups()
        directive = directive or ''
        st = 'skip' if directive.upper() == 'SKIP' else ('pass' if ok == 'ok' else 'fail')
        if st == 'fail' and directive and directive.upper() != 'TODO':
            reason = ('%s %s' % (directive, reason or '')).strip()
        cur['seen'] += 1
        name, child = ktap_name(desc), cur['child']
        cur['child'] = None
        del stack[depth + 1:]
        if not reason and st != 'pass' and cur['diag']:
            reason = cur['diag']
        cur['diag'] = ''
        if child is not None:
            child['prog'] = '%s/%s' % (cur['prog'], name)
            if child['results'] and (st != 'fail' or
                                     any(r[0] == 'fail' for r in child['results'])):
                continue
        cur['results'].append((st, name, (reason or '').strip()))
    return streams


def marks(lines, key):
    for line in lines:
        if line.startswith(MARK + key + ' '):
            return line[len(MARK + key + ' '):].strip()
    return None


def crash_lines(lines):
    return [ln for ln in lines if any(s in ln for s in CRASH_SIGNS)]
