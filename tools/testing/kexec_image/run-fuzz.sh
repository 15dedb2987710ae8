#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-fuzz.sh OUT CORPUS SECONDS TARGET...: run each libFuzzer target for
# SECONDS on a working copy of its committed seed corpus, one at a time.
# Prints one line per target and ends with "fuzz: N passed, N failed";
# a target passes when it ran its time without a crash or sanitizer report.
set -u

out=$1 seeds=$2 seconds=$3
shift 3
passed=0 failed=0
for t in "$@"; do
	work=$out/corpus/$t log=$out/$t.log
	mkdir -p "$work" "$out/artifacts"
	if "$out/fuzz_$t" -max_total_time="$seconds" -print_final_stats=1 \
		-artifact_prefix="$out/artifacts/$t-" \
		"$work" "$seeds/$t" > "$log" 2>&1; then
		passed=$((passed + 1)) verdict=ok
	else
		failed=$((failed + 1)) verdict="FAILED, see $log"
	fi
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
	echo "fuzz $t: ${runs:-0} execs in ${seconds} s (${rate:-0}/s), $verdict"
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" = 0 ]
