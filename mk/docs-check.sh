#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make docs-check: render our reStructuredText with Debian's docutils and
# fail on any warning, and check that each document is in its directory's
# index.rst toctree (an index.rst in its parent's index.rst, as DIR/index).
# Ends with "docs: N passed, N failed".
#
#   docs-check.sh [FILE.rst...]   paths relative to the current directory
#                                 (default: ours, in build/src)
#
# Plain docutils does not know Sphinx's toctree directive, which every
# index.rst uses: it is rendered by a stand-in that lists the entries and
# warns, as Sphinx does, about an entry with no document beside it.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -eq 0 ]; then
	cd "$top/build/src" 2>/dev/null || { echo "docs-check: no build/src; run make tree" >&2; exit 1; }
	set -- Documentation/admin-guide/kexec-file-images/*.rst
fi
if ! python3 -c 'import docutils' 2>/dev/null; then
	echo "docs-check: docutils is missing; apt-get install python3-docutils" >&2
	echo "docs: 0 passed, 1 failed"
	exit 1
fi

render='
import os, sys
from docutils import nodes
from docutils.core import publish_cmdline
from docutils.parsers.rst import Directive, directives

class TocTree(Directive):
    has_content = True
    option_spec = {opt: directives.unchanged for opt in (
        "maxdepth", "caption", "name", "numbered", "hidden", "glob",
        "titlesonly", "reversed", "includehidden")}

    def run(self):
        doc = self.state.document
        here = os.path.dirname(doc.current_source or "")
        items = nodes.bullet_list()
        for entry in (e.strip() for e in self.content):
            if not entry:
                continue
            if not os.path.isfile(os.path.join(here, entry + ".rst")):
                items += doc.reporter.warning(
                    "toctree contains reference to nonexisting document %r"
                    % entry, line=self.lineno)
            items += nodes.list_item("", nodes.paragraph(text=entry))
        return [items]

directives.register_directive("toctree", TocTree)
publish_cmdline(writer_name="html", argv=sys.argv[1:])
'

pass=0 fail=0
for f in "$@"; do
	problems=""
	if [ ! -f "$f" ]; then
		problems="no such file"
	else
		# --report=2: warnings and worse; --exit-status=2: a warning fails.
		out=$(python3 -c "$render" --report=2 --exit-status=2 --halt=5 "$f" 2>&1 >/dev/null) ||
			problems="docutils: ${out:-exit status $?}"
		[ -z "$out" ] || problems="docutils: $out"
		dir=$(dirname "$f") doc=$(basename "$f" .rst)
		if [ "$doc" = index ]; then
			index=$(dirname "$dir")/index.rst entry=$(basename "$dir")/index
		else
			index=$dir/index.rst entry=$doc
		fi
		if [ -f "$index" ] && ! grep -qE "^[[:space:]]+${entry}[[:space:]]*\$" "$index"; then
			problems="${problems:+$problems; }not listed in $index"
		fi
	fi
	if [ -z "$problems" ]; then
		echo "PASS $f"
		pass=$((pass + 1))
	else
		echo "FAIL $f # $problems"
		fail=$((fail + 1))
	fi
done
echo "docs: $pass passed, $fail failed"
[ "$fail" = 0 ]
