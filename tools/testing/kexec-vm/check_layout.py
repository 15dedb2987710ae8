#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check the layout of the kexec-vm runner: every .py file under this
directory is at most MAX_LINES lines long, and no module of the runner's
own imports itself again through others (an import cycle).

The import graph is read from the source with the ast module, nothing is
imported: an edge goes from a module to each module of ours that one of
its import statements names (at the top or inside a function, relative
or absolute), e.g. 'from .uki import make_uki' in kexec_vm_lib/boot.py to
kexec_vm_lib.uki, and 'from . import arm' in a package to its module arm.

  check_layout.py [-v] [DIR]    DIR: the runner's directory (default: this one)

One result per file and per module; the last line is
'layout: N passed, N failed', and the exit status is 1 on a failure.
"""
import ast
import os
import sys

MAX_LINES = 600


def python_files(top):
    """Every .py file under @top, relative to it, sorted."""
    out = []
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d != '__pycache__' and not d.startswith('.'))
        out += [os.path.relpath(os.path.join(root, f), top)
                for f in sorted(files) if f.endswith('.py')]
    return out


def module_name(path):
    """kexec_vm_lib/uki.py -> kexec_vm_lib.uki; a package's __init__.py
    is the package."""
    parts = path[:-len('.py')].split(os.sep)
    if parts[-1] == '__init__':
        parts.pop()
    return '.'.join(parts)


def imports(tree, name, is_package, modules):
    """The modules of @modules that the module @name imports."""
    package = name if is_package else name.rpartition('.')[0]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name in modules)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split('.') if package else []
                base = base[:len(base) - (node.level - 1)]
                if node.module:
                    base += node.module.split('.')
                base = '.'.join(base)
            else:
                base = node.module
            for a in node.names:
                sub = '%s.%s' % (base, a.name) if base else a.name
                if sub in modules:
                    out.add(sub)
                elif base in modules:
                    out.add(base)
    return out


def cycles(graph):
    """The strongly connected components of @graph that are cycles
    (Tarjan's algorithm): lists of modules."""
    index, low, stack, on, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1 or v in graph[v]:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def main(argv):
    verbose = '-v' in argv
    args = [a for a in argv if a != '-v']
    top = os.path.abspath(args[0] if args else os.path.dirname(os.path.abspath(__file__)))
    results = []
    files = python_files(top)
    trees = {}
    for path in files:
        with open(os.path.join(top, path)) as f:
            text = f.read()
        n = len(text.splitlines())
        results.append((n <= MAX_LINES, 'lines %s: %d (at most %d)' % (path, n, MAX_LINES)))
        try:
            trees[path] = ast.parse(text, path)
        except SyntaxError as err:
            results.append((False, 'parse %s: %s' % (path, err)))
    modules = {module_name(p): p for p in trees}
    graph = {m: imports(trees[p], m, p.endswith('__init__.py'), modules)
             for m, p in modules.items()}
    in_cycle = {}
    for comp in cycles(graph):
        for m in comp:
            in_cycle[m] = comp
    for m in sorted(graph):
        if m in in_cycle:
            results.append((False, 'imports %s: in the import cycle of %s'
                            % (m, ', '.join(in_cycle[m]))))
        else:
            results.append((True, 'imports %s: in no cycle (imports %s)'
                            % (m, ', '.join(sorted(graph[m])) or 'none of ours')))
    for ok, text in results:
        if verbose or not ok:
            print('%s %s' % ('PASS' if ok else 'FAIL', text))
    passed = sum(1 for ok, _ in results if ok)
    print('layout: %d passed, %d failed' % (passed, len(results) - passed))
    return 0 if passed == len(results) else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
