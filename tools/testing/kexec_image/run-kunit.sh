#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-kunit.sh SRC BUILD [KERNELS]: run the kexec KUnit suites in each
# kernel of KERNELS, build directories under BUILD named ARCH or
# ARCH-FLAVOR (default "x86_64 arm64-fuzz arm riscv64"; configs/common.config
# builds the suites into every test kernel and leaves them off unless the
# kernel is booted with kunit.enable=1), by booting it in QEMU through
# SRC's tools/testing/kunit/kunit.py exec, which parses the KTAP it
# prints. The QEMU machine of each architecture is kunit_qemu/ARCH.py
# beside this script. No kernel is built for KUnit alone: make kunit
# builds the ones that are missing first.
#
# Prints "kunit (ARCH): N passed, N failed, N skipped" per kernel and
# ends with "kunit: N passed, N failed, N skipped" summed over them. A
# kernel that is missing or does not boot counts as one failure.
set -u

src=$1 build=$(realpath -m "$2") kernels=${3:-x86_64 arm64-fuzz arm riscv64}
here=$(cd "$(dirname "$0")" && pwd)
total_passed=0 total_failed=0 total_skipped=0

# The table each architecture's run is there for: a run without it, say
# because the parser's Kconfig symbol went missing, proves nothing.
required_case() {
	case "$1" in
	x86_64) echo kexec_image_bzimage_case_test kexec_image_elf_case_test \
		pvh_state_refused_test ;;
	arm64) echo kexec_image_arm64_case_test kexec_add_buffer_rolled_back_tail_test ;;
	arm) echo kexec_image_zimage_case_test kexec_add_buffer_rolled_back_tail_test ;;
	riscv64) echo kexec_image_riscv_case_test kexec_add_buffer_rolled_back_tail_test ;;
	esac
}

run_kernel() {
	local arch=${1%%-*} dir=$build/$1 log=$build/kunit/$1.log rc summary
	local passed failed skipped need

	mkdir -p "$build/kunit"
	if [ ! -e "$dir/.config" ]; then
		echo "kunit ($arch): $dir is missing; run make kunit KUNIT_KERNELS=$1"
		total_failed=$((total_failed + 1))
		return
	fi
	(cd "$src" && python3 tools/testing/kunit/kunit.py exec \
		--build_dir="$dir" --qemu_config="$here/kunit_qemu/$arch.py" \
		--kunitconfig=kernel/kexec_image.kunitconfig --timeout=900) \
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

for kernel in $kernels; do
	run_kernel "$kernel"
done
echo "kunit: $total_passed passed, $total_failed failed, $total_skipped skipped"
[ "$total_failed" = 0 ]
