#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: build what is missing, run every suite, and close with one line
# "N passed, N failed, N skipped" summed over the suites. Each suite ends its
# own output with "<suite>: N passed, N failed[, N skipped]"; a suite that
# fails without such a line counts as one failure.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
ARCHES=${CHECK_ARCHES:-x86_64 arm64 arm riscv64}
log=build/check
mkdir -p "$log"
pass=0 fail=0 skip=0
t_start=$(date +%s)

count() {	# count SUITE LOGFILE STATUS
	local line p f s
	line=$(grep -E '^[a-z0-9_-]+: [0-9]+ passed, [0-9]+ failed' "$2" | tail -n1)
	if [ -z "$line" ]; then
		echo "FAIL $1 # ended (status $3) without a result line; see $2"
		fail=$((fail + 1))
		return
	fi
	p=$(sed -E 's/.* ([0-9]+) passed.*/\1/' <<< "$line")
	f=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<< "$line")
	s=$(sed -nE 's/.* ([0-9]+) skipped.*/\1/p' <<< "$line")
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + ${s:-0}))
	if [ "$3" != 0 ] && [ "$f" = 0 ]; then
		echo "FAIL $1 # exited $3 with no failed test; see $2"
		fail=$((fail + 1))
	fi
}

times=()
suite() {	# suite NAME COMMAND...: run, show, count, time
	local name=$1 st t0=$(date +%s)
	shift
	echo "== $name"
	"$@" 2>&1 | tee "$log/$name.log"
	st=${PIPESTATUS[0]}
	count "$name" "$log/$name.log" "$st"
	times+=("$name $(( $(date +%s) - t0 ))")
	echo "== $name: $(( $(date +%s) - t0 )) s"
}

# Where the time went: each suite, and each kernel of the build suite
# (wall time; the builds run two at a time, so theirs overlap).
time_table() {
	local t
	echo "== where the time went"
	printf '%-24s %6s\n' "suite or build" seconds
	for t in "${times[@]}"; do
		printf '%-24s %6s\n' "${t% *}" "${t##* }"
		[ "${t% *}" = build ] || continue
		sed -nE 's|^(PASS\|FAIL) build/([^ ]+) # ([0-9]+) s.*|  \2 \3|p' \
			"$log/build.log" | while read -r b n; do
			printf '  %-22s %6s\n' "$b" "$n"
		done
	done
	printf '%-24s %6s\n' "make check" "$(( $(date +%s) - t_start ))"
}

# One build: make kernel guest for ARCH[+FLAVOR], its log in build/check.
build_one() {
	local a=$1 t0=$(date +%s)
	if make --no-print-directory kernel guest ARCH="${a%+*}" \
		$([ "${a#*+}" != "$a" ] && echo "FLAVOR=${a#*+}") \
		> "$log/build-$a.log" 2>&1; then
		echo "PASS build/$a # $(( $(date +%s) - t0 )) s"
	else
		echo "FAIL build/$a # $(( $(date +%s) - t0 )) s, see $log/build-$a.log:"
		tail -n 20 "$log/build-$a.log" | sed 's/^/  | /'
	fi
}

# Building is a suite too: one result per kernel, so a broken build is a
# failure with its log, not a silent absence of tests. Each arch has its
# plain kernel; arm64 also ARCH+fuzz, the KASAN kernel (configs/fuzz.config)
# that also carries configs/va48.config and configs/sig.config, so that one
# build is the kernel of four things: the arm64+va48 lane (48-bit VA as
# distributions build it, whose dumps Debian's makedumpfile reads), the
# arm64+sig lane (booted with lockdown=integrity), and arm64's fuzz-vm
# smoke and KUnit run. On x86_64 and arm those two run on the plain
# kernel, which has what they need (configs/common.config); make fuzz-vm
# builds their KASAN kernels for the long campaigns. Two builds run side
# by side, each with make -j$(nproc), so that one can use the cores the
# other leaves idle while it configures, links and compresses; the next
# build in the list starts as soon as one ends.
BUILD_STREAMS=${BUILD_STREAMS:-2}
build_suite() {
	local all=() a p f
	make --no-print-directory tree || { echo "build: 0 passed, 1 failed"; return 1; }
	make --no-print-directory -s "$top/build/tools/gen_init_cpio" ||
		{ echo "build: 0 passed, 1 failed"; return 1; }
	# Longest first: the arm64 KASAN kernel, then x86_64 (DWARF).
	for a in arm64+fuzz x86_64 arm64 riscv64 arm; do
		case " $ARCHES " in *" ${a%+*} "*) all+=("$a") ;; esac
	done
	rm -f "$log"/build-result-*.out
	for a in "${all[@]}"; do
		while [ "$(jobs -rp | wc -l)" -ge "$BUILD_STREAMS" ]; do
			wait -n
		done
		build_one "$a" > "$log/build-result-$a.out" &
	done
	wait
	for a in "${all[@]}"; do
		cat "$log/build-result-$a.out"
	done
	p=$(cat "$log"/build-result-*.out | grep -c '^PASS build/')
	f=$(cat "$log"/build-result-*.out | grep -c '^FAIL build/')
	echo "build: $p passed, $f failed"
	[ "$f" = 0 ]
}

guest_suite() {
	local a args=()
	# The runner reads kernel headers with kexec-image-info.
	make --no-print-directory tools > "$log/tools.log" 2>&1 ||
		{ cat "$log/tools.log"; echo "guest: 0 passed, 1 failed"; return 1; }
	for a in $ARCHES; do
		[ -e "build/$a/guest/kexec_vm_init" ] && args+=(--arch "$a")
	done
	# arm64 again on an LPA2 CPU: 52-bit VA with five translation levels;
	# x86_64 again on a CPU with LA57: five-level paging.
	[ -e build/arm64/guest/kexec_vm_init ] && case " $ARCHES " in
		*" arm64 "*) args+=(--arch arm64:max) ;;
	esac
	[ -e build/x86_64/guest/kexec_vm_init ] && case " $ARCHES " in
		*" x86_64 "*) args+=(--arch x86_64:max) ;;
	esac
	# The plain kernels again as distributions boot theirs: through UEFI
	# firmware with KASLR, and on x86_64 and arm64 with Secure Boot on
	# (Debian's snakeoil keys enrolled; Debian ships no such variables
	# for the 32-bit AAVMF). They boot the same build.
	for a in x86_64 arm64 arm; do
		case " $ARCHES " in *" $a "*) ;; *) continue ;; esac
		[ -e "build/$a/guest/kexec_vm_init" ] || continue
		args+=(--arch "$a+distro")
		[ "$a" = arm ] || args+=(--arch "$a+distro-sb")
	done
	# arm64 again with 48-bit VA, and locked down with kexec signatures:
	# both boot the arm64 fuzz kernel (see build_suite).
	[ -e build/arm64-fuzz/guest/kexec_vm_init ] && case " $ARCHES " in
		*" arm64 "*) args+=(--arch arm64+va48 --arch arm64+sig) ;;
	esac
	# riscv64 locked down with kexec signatures: its plain kernel has them.
	[ -e build/riscv64/guest/kexec_vm_init ] && case " $ARCHES " in
		*" riscv64 "*) args+=(--arch riscv64+sig) ;;
	esac
	[ ${#args[@]} -gt 0 ] || { echo "guest: 0 passed, 1 failed"; return 1; }
	python3 tools/testing/kexec-vm/kexec_vm.py check "${args[@]}"
}

# The fuzz-vm smoke: a fixed seed and a few hundred inputs per arch, one
# result per arch (make fuzz-vm runs the long campaigns on each arch's
# KASAN kernel): the first 100 loaded by two processes at once, the rest
# one at a time. On arm64 it boots the KASAN kernel, elsewhere the plain
# one (see build_suite).
FUZZ_SMOKE_INPUTS=${FUZZ_SMOKE_INPUTS:-300}
fuzz_vm_suite() {
	local a b args=()
	make --no-print-directory fuzz-vm-tool > "$log/fuzz-vm-tool.log" 2>&1 ||
		{ cat "$log/fuzz-vm-tool.log"; echo "fuzz-vm: 0 passed, 1 failed"; return 1; }
	for a in $ARCHES; do
		b=$(check_kernel "$a")
		[ -e "build/$b/guest/kexec_fuzz" ] && args+=(--arch "$(lane_of "$b")")
	done
	[ ${#args[@]} -gt 0 ] || { echo "fuzz-vm: 0 passed, 1 failed"; return 1; }
	python3 tools/testing/kexec-vm/kexec_vm.py fuzz-vm "${args[@]}" --seed 1 \
		--inputs "$FUZZ_SMOKE_INPUTS" --workers 2 --concurrent 100
}

# The kernel make check's KUnit run and fuzz-vm smoke boot on ARCH: its
# build directory under build/ (see build_suite), and that build as a lane.
check_kernel() {
	case "$1" in
	arm64) echo arm64-fuzz ;;
	*) echo "$1" ;;
	esac
}
lane_of() {
	case "$1" in
	*-*) echo "${1%%-*}+${1#*-}" ;;
	*) echo "$1+plain" ;;
	esac
}
kunit_kernels() {
	local a
	for a in $ARCHES; do
		check_kernel "$a"
	done
}

make --no-print-directory deps || exit 1
suite build build_suite
suite hosttest make --no-print-directory hosttest
suite fuzz make --no-print-directory fuzz-smoke
suite kunit make --no-print-directory kunit KUNIT_BUILD=0 KUNIT_KERNELS="$(kunit_kernels | xargs)"
suite docs make --no-print-directory docs-check
# The plain kernels' distribution options against Debian's 6.12 configs
# (riscv64 has none: Debian 12 ships no riscv64 kernel to compare with).
distro_arches=$(tr ' ' '\n' <<< "$ARCHES" | grep -vx riscv64 | xargs)
[ -z "$distro_arches" ] || suite distro-config mk/check-distro-config.sh $distro_arches
# The runner stays in small modules with no import cycle.
suite layout python3 tools/testing/kexec-vm/check_layout.py
suite guest guest_suite
suite fuzz-vm fuzz_vm_suite

time_table
echo "== make check: $(( $(date +%s) - t_start )) s"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
