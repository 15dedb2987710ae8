#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-kunit.sh SRC BUILD_DIR [ARCH [JOBS]]: run the kexec_image KUnit suite
# with SRC's tools/testing/kunit/kunit.py (UML unless ARCH says otherwise)
# and end with "kunit: N passed, N failed, N skipped". A kernel that fails
# to build or boot counts as one failure.
set -u

src=$1 build=$2 arch=${3:-um} jobs=${4:-$(nproc)}
log=$build.log
mkdir -p "$build"
args=(run --kunitconfig=kernel/kexec_image.kunitconfig --build_dir="$build"
	--jobs="$jobs")
[ "$arch" = um ] || args+=(--arch="$arch")

(cd "$src" && python3 tools/testing/kunit/kunit.py "${args[@]}") > "$log" 2>&1
rc=$?
summary=$(grep -E 'Testing complete\. Ran [0-9]+ tests' "$log" | tail -n1)
count() { echo "$summary" | sed -n "s/.*$1: \([0-9]*\).*/\1/p"; }
passed=$(count passed) failed=$(count failed) skipped=$(count skipped)
passed=${passed:-0} failed=${failed:-0} skipped=${skipped:-0}
# Show the failing cases, or why there were no results at all.
grep -E '\[FAILED\]|\[CRASHED\]' "$log"
if [ -z "$summary" ]; then
	tail -n 20 "$log"
	failed=$((failed + 1))
elif [ "$rc" != 0 ] && [ "$failed" = 0 ]; then
	failed=1
fi
echo "kunit: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
