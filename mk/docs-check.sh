#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make docs-check: render our reStructuredText with Debian's docutils and
# fail on any warning, and check that each document is in its directory's
# index.rst toctree. Ends with "docs: N passed, N failed".
#
#   docs-check.sh [FILE.rst...]   paths relative to the current directory
#                                 (default: ours, in build/src)
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -eq 0 ]; then
	cd "$top/build/src" 2>/dev/null || { echo "docs-check: no build/src; run make tree" >&2; exit 1; }
	set -- Documentation/admin-guide/kexec-file-images.rst
fi
if [ -x /usr/bin/rst2html ]; then
	rst2html=(/usr/bin/rst2html)
elif python3 -c 'import docutils' 2>/dev/null; then
	rst2html=(python3 -m docutils)
else
	echo "docs-check: docutils is missing; apt-get install python3-docutils" >&2
	echo "docs: 0 passed, 1 failed"
	exit 1
fi

pass=0 fail=0
for f in "$@"; do
	problems=""
	if [ ! -f "$f" ]; then
		problems="no such file"
	else
		# --report=2: warnings and worse; --exit-status=2: a warning fails.
		out=$("${rst2html[@]}" --report=2 --exit-status=2 --halt=5 "$f" 2>&1 >/dev/null) ||
			problems="docutils: ${out:-exit status $?}"
		[ -z "$out" ] || problems="docutils: $out"
		doc=$(basename "$f" .rst)
		index=$(dirname "$f")/index.rst
		if [ -f "$index" ] && ! grep -qE "^[[:space:]]+${doc}[[:space:]]*\$" "$index"; then
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
