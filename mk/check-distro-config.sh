#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check-distro-config.sh [ARCH...]: the distribution options of each arch's
# plain test kernel (build/ARCH/.config), compared with Debian's 6.12
# kernel of that arch (its /boot/config, downloaded once by
# mk/fetch-debian-kernel.sh ARCH 6.12) on every option that
# configs/distro.config and configs/distro-ARCH.config name. A module in
# Debian's config counts as built in (our test kernels load no modules);
# an option that is not set counts as n. An option where ours differs on
# purpose is in DIFFERS below with the reason: a skip that says so.
#
# One line per option and arch, then
# "distro-config: N passed, N failed, N skipped"; an arch whose kernel or
# Debian config is missing is one skip with the reason.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
arches=${*:-x86_64 arm64 arm}
passed=0 failed=0 skipped=0

# ARCH:OPTION -> why ours differs from Debian's.
declare -A DIFFERS=(
	[arm64:KEXEC_SIG]="Debian's arm64 kernel has no kexec_file_load(2) (KEXEC_FILE is not set), so none of its signature options; ours checks signatures as its x86_64 kernel does"
	[arm64:KEXEC_IMAGE_VERIFY_SIG]="as KEXEC_SIG"
	[arm64:SIGNED_PE_FILE_VERIFICATION]="as KEXEC_SIG"
)

# The value of CONFIG_$1 in config file $2: y for y or m, n when not set.
value() {
	local v
	v=$(sed -n "s/^CONFIG_$1=//p" "$2")
	case "$v" in
	'') echo n ;;
	m) echo y ;;
	*) echo "$v" ;;
	esac
}

# The options the fragments of ARCH name, each once (the last word wins).
options() {
	grep -h '^CONFIG_' "$top/configs/distro.config" "$top/configs/distro-$1.config" |
		sed 's/^CONFIG_//; s/=.*//' | awk '!seen[$0]++'
}

check_arch() {
	local arch=$1 ours=$top/build/$1/.config debian opt want got why
	if [ ! -f "$ours" ]; then
		echo "SKIP distro-config/$arch # $ours is missing: make kernel ARCH=$arch"
		skipped=$((skipped + 1))
		return
	fi
	if ! debian=$("$top/mk/fetch-debian-kernel.sh" "$arch" 6.12 2> "$top/build/debian-$arch-6.12.err"); then
		echo "SKIP distro-config/$arch # no Debian 6.12 kernel for $arch:" \
			"$(tail -n1 "$top/build/debian-$arch-6.12.err")"
		skipped=$((skipped + 1))
		return
	fi
	set -- "$(dirname "$debian")"/root/boot/config-*
	debian=$1
	if [ ! -f "$debian" ]; then
		echo "SKIP distro-config/$arch # Debian's 6.12 package for $arch has no /boot/config"
		skipped=$((skipped + 1))
		return
	fi
	for opt in $(options "$arch"); do
		want=$(value "$opt" "$debian") got=$(value "$opt" "$ours")
		why=${DIFFERS[$arch:$opt]:-}
		if [ -n "$why" ]; then
			echo "SKIP distro-config/$arch/$opt # not compared: ours $got, Debian $want, on purpose: $why"
			skipped=$((skipped + 1))
		elif [ "$want" = "$got" ]; then
			echo "PASS distro-config/$arch/$opt # $got"
			passed=$((passed + 1))
		else
			echo "FAIL distro-config/$arch/$opt # ours $got, Debian's $(basename "$debian") $want"
			failed=$((failed + 1))
		fi
	done
}

for a in $arches; do
	check_arch "$a"
done
echo "distro-config: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
