#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-kunit.sh SRC BUILD_DIR [ARCHES [JOBS]]: run the kexec_image KUnit
# suite with SRC's tools/testing/kunit/kunit.py on each architecture of
# ARCHES (default "um arm64": UML runs every parser but arm64's, whose
# header struct only arm64 can include; arm64 runs under QEMU), each in
# BUILD_DIR/ARCH. Prints "kunit (ARCH): N passed, N failed, N skipped" per
# architecture and ends with "kunit: N passed, N failed, N skipped" summed
# over them. A kernel that fails to build or boot counts as one failure.
set -u

# BUILD_DIR as given from here, though kunit.py runs from SRC.
src=$1 build=$(realpath -m "$2") arches=${3:-um arm64} jobs=${4:-$(nproc)}
host=$(uname -m)
total_passed=0 total_failed=0 total_skipped=0

# The cross compiler kunit.py needs for ARCH on this host, if any.
cross_compile() {
	case "$1/$host" in
	um/* | arm64/aarch64 | x86_64/x86_64) ;;
	arm64/*) echo aarch64-linux-gnu- ;;
	x86_64/*) echo x86_64-linux-gnu- ;;
	arm/*) echo arm-linux-gnueabihf- ;;
	esac
}

# The table each architecture's run is there for: a run without it, say
# because the parser's Kconfig symbol went missing, proves nothing.
required_case() {
	case "$1" in
	um) echo kexec_image_bzimage_case_test ;;
	arm64) echo kexec_image_arm64_case_test kexec_add_buffer_rolled_back_tail_test ;;
	esac
}

run_arch() {
	local arch=$1 dir=$build/$1 log=$build/$1.log rc summary cross
	local passed failed skipped need
	local args=(run --kunitconfig=kernel/kexec_image.kunitconfig
		    --build_dir="$dir" --jobs="$jobs")

	mkdir -p "$dir"
	# kexec_file_load() itself is there on arm64, not on UML: its
	# segment bookkeeping is tested there.
	[ "$arch" != arm64 ] || args+=(--kconfig_add=CONFIG_KEXEC_FILE=y
		--kconfig_add=CONFIG_KEXEC_FILE_KUNIT_TEST=y)
	if [ "$arch" != um ]; then
		args+=(--arch="$arch")
		cross=$(cross_compile "$arch")
		[ -z "$cross" ] || args+=(--cross_compile="$cross")
	fi
	(cd "$src" && python3 tools/testing/kunit/kunit.py "${args[@]}") \
		> "$log" 2>&1
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
	for need in $(required_case "$arch"); do
		[ -n "$summary" ] || break
		grep -qE "\[(PASSED|FAILED|CRASHED)\] $need( |\$)" "$log" && continue
		echo "kunit ($arch): $need did not run"
		failed=$((failed + 1))
	done
	echo "kunit ($arch): $passed passed, $failed failed, $skipped skipped"
	total_passed=$((total_passed + passed))
	total_failed=$((total_failed + failed))
	total_skipped=$((total_skipped + skipped))
}

for arch in $arches; do
	run_arch "$arch"
done
echo "kunit: $total_passed passed, $total_failed failed, $total_skipped skipped"
[ "$total_failed" = 0 ]
