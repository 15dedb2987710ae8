#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make patches-check: prove that the series in build/patches/ (make
# patches) applies patch by patch to a pristine base, passes
# scripts/checkpatch.pl --strict but for patches/checkpatch-exceptions,
# and builds after every patch (bisectable). Ends with
# "patches-check: N passed, N failed", one result per patch.
#
# What is built after a patch is what it touches:
#   arch/x86/ -> x86_64, arch/arm64/ -> arm64, arch/arm/ -> arm;
#   every other kernel path (kernel/, include/, Kconfig, Makefiles...) ->
#   every arch of PATCHES_CHECK_ARCHES;
#   tools/testing/selftests/kexec/ -> the kselftest build (host, against
#   the tree's uapi headers, build/patches-check/headers);
#   tools/kexec/, tools/testing/kexec_image/ -> kexec-image-info (host);
#   Documentation/*.rst -> mk/docs-check.sh (docutils, no warnings; an
#   index.rst only has to list the document).
# Kernels build out of tree in build/patches-check/ARCH, one objdir per
# arch kept between patches and between runs, so each step is incremental,
# with the .config of build/ARCH/.config (olddefconfig at every step).
#
# PATCHES_CHECK_ARCHES="x86_64 arm64 arm" (default) limits the kernels;
# "" builds none. JOBS sets make -j.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=$top/build
base=$build/base
pc=$build/patches-check
tree=$pc/src
series=$build/patches
exceptions=$top/patches/checkpatch-exceptions
arches=${PATCHES_CHECK_ARCHES-x86_64 arm64 arm}
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}

die() { echo "patches-check: $*" >&2; exit 1; }

[ -d "$base" ] || die "no build/base; run make tree"
mapfile -t patches < <(ls "$series"/[0-9][0-9][0-9][0-9]-*.patch 2>/dev/null |
	grep -v /0000-cover-letter.patch)
[ ${#patches[@]} -gt 0 ] || die "no patches in build/patches; run make patches"
mkdir -p "$pc"

# git apply must not find the project's repository above build/.
export GIT_CEILING_DIRECTORIES=$pc
gitapply() { git -C "$tree" apply "$@"; }

# The pristine tree: a copy of the base once, then only the files the
# series touches are put back (with a new mtime, so kbuild rebuilds them).
if [ ! -f "$tree/.base-version" ] || ! cmp -s "$tree/.base-version" "$build/base-version"; then
	echo "patches-check: copying build/base to build/patches-check/src"
	rm -rf "$tree" "$tree.tmp"
	cp -a "$base" "$tree.tmp"
	cp "$build/base-version" "$tree.tmp/.base-version"
	mv "$tree.tmp" "$tree"
fi
touched() { sed -n 's|^diff --git a/\(.*\) b/.*|\1|p' "$@" | sort -u; }
touched "${patches[@]}" > "$pc/touched"
while read -r f; do
	if [ -f "$base/$f" ]; then
		cmp -s "$base/$f" "$tree/$f" && continue
		rm -f "$tree/$f"
		cp "$base/$f" "$tree/$f"
	else
		rm -f "$tree/$f"
	fi
done < "$pc/touched"

# checkpatch findings of one patch that no exception covers.
checkpatch() {	# checkpatch PATCH -> unexcused findings on stdout
	local p=$1 name
	name=$(basename "$p")
	(cd "$tree" && perl scripts/checkpatch.pl --strict --terse --show-types \
		--no-summary "$p" 2>&1) | while IFS= read -r line; do
		[ -n "$line" ] || continue
		local ln type file ok=""
		ln=$(sed -n 's/^[^:]*:\([0-9]*\): .*/\1/p' <<< "$line")
		type=$(sed -n 's/^[^:]*:[0-9]*: [A-Z]*:\([A-Z0-9_]*\):.*/\1/p' <<< "$line")
		file=-
		[ -n "$ln" ] && file=$(awk -v n="$ln" 'NR > n { exit }
			/^diff --git / { f = $3; sub(/^a\//, "", f) } END { print f ? f : "-" }' "$p")
		while IFS=$'\t' read -r etype epatch efile _; do
			[[ -z "$etype" || "$etype" == \#* ]] && continue
			# shellcheck disable=SC2053
			if [ "$etype" = "$type" ] && [[ "$name" == $epatch ]] &&
				[[ "$file" == $efile ]]; then
				ok=1
				break
			fi
		done < "$exceptions"
		[ -n "$ok" ] || echo "$line"
	done
	rm -f "$tree"/.checkpatch-camelcase.*
}

build_kernel() {	# build_kernel ARCH -> status; log in $pc/ARCH.log
	local a=$1 cross="" image
	case "$a" in
	x86_64)	image=bzImage ;;
	arm64)	cross=aarch64-linux-gnu- image=Image ;;
	arm)	cross=arm-linux-gnueabihf- image=zImage ;;
	esac
	if [ ! -f "$pc/$a/.config" ]; then
		[ -f "$build/$a/.config" ] ||
			{ echo "no build/$a/.config: run make kernel ARCH=$a" > "$pc/$a.log"; return 1; }
		mkdir -p "$pc/$a"
		cp "$build/$a/.config" "$pc/$a/.config"
	fi
	make -C "$tree" O="$pc/$a" ARCH="$a" CROSS_COMPILE="$cross" -s olddefconfig \
		> "$pc/$a.log" 2>&1 &&
	make -C "$tree" O="$pc/$a" ARCH="$a" CROSS_COMPILE="$cross" -j"$jobs" -s \
		"$image" >> "$pc/$a.log" 2>&1
}

in_set() { [[ " $arches " == *" $1 "* ]]; }

pass=0 fail=0
t_all=$(date +%s)
for p in "${patches[@]}"; do
	name=$(basename "$p")
	t0=$(date +%s)
	problems=()
	if ! gitapply --check "$p" 2> "$pc/apply.log"; then
		echo "FAIL $name # does not apply:"
		sed 's/^/  | /' "$pc/apply.log" | head -n 10
		fail=$((fail + 1))
		echo "patches-check: the patches after $name are not checked"
		break
	fi
	gitapply "$p"

	bad=$(checkpatch "$p")
	[ -z "$bad" ] || problems+=("checkpatch: $(wc -l <<< "$bad") finding(s) without exception")

	files=$(touched "$p")
	want=()
	for a in x86_64 arm64 arm; do
		in_set "$a" || continue
		case "$a" in
		x86_64) d=arch/x86/ ;;
		*) d=arch/$a/ ;;
		esac
		if grep -q "^$d" <<< "$files" ||
			grep -qvE '^(arch|Documentation|tools)/' <<< "$files"; then
			want+=("$a")
		fi
	done
	built=()
	for a in "${want[@]}"; do
		if build_kernel "$a"; then
			built+=("$a")
		else
			problems+=("$a kernel does not build, see ${pc#"$top"/}/$a.log")
		fi
	done
	if grep -qE '^tools/(kexec/|testing/kexec_image/[^/]*$)' <<< "$files"; then
		if make -C "$tree/tools/testing/kexec_image" KSRC="$tree" OUT="$pc/host" \
			TOOL_OUT="$pc/tools" tool > "$pc/tools.log" 2>&1; then
			built+=(kexec-image-info)
		else
			problems+=("kexec-image-info does not build, see ${pc#"$top"/}/tools.log")
		fi
	fi
	if grep -q '^tools/testing/selftests/kexec/' <<< "$files"; then
		# Against this tree's uapi headers (no .config needed for them).
		if make -C "$tree" O="$pc/headers" ARCH=x86_64 -s headers \
			> "$pc/kselftest.log" 2>&1 &&
			make -C "$tree/tools/testing/selftests" TARGETS=kexec O="$pc/kselftest" \
			KHDR_INCLUDES="-isystem $pc/headers/usr/include" \
			KSFT_INSTALL_PATH="$pc/kselftest/install" install >> "$pc/kselftest.log" 2>&1; then
			built+=(kselftest)
		else
			problems+=("selftests/kexec do not build, see ${pc#"$top"/}/kselftest.log")
		fi
	fi
	# An index.rst is Sphinx (toctree), which docutils cannot render;
	# docs-check checks instead that each document is listed in it.
	mapfile -t docs < <(grep -E '^Documentation/.*\.rst$' <<< "$files" |
		grep -v '/index\.rst$' || true)
	if [ ${#docs[@]} -gt 0 ]; then
		if (cd "$tree" && "$top/mk/docs-check.sh" "${docs[@]}") > "$pc/docs.log" 2>&1; then
			built+=(docs)
		else
			problems+=("documentation has warnings, see ${pc#"$top"/}/docs.log")
		fi
	fi

	what="checkpatch clean${built[*]:+; built: ${built[*]}}"
	if [ ${#problems[@]} -eq 0 ]; then
		echo "PASS $name # $what, $(( $(date +%s) - t0 )) s"
		pass=$((pass + 1))
	else
		echo "FAIL $name # $(( $(date +%s) - t0 )) s"
		printf '  %s\n' "${problems[@]}"
		[ -z "$bad" ] || sed 's/^/  | /' <<< "$bad"
		for a in "${want[@]}"; do
			[[ " ${built[*]} " == *" $a "* ]] || tail -n 15 "$pc/$a.log" | sed 's/^/  | /'
		done
		fail=$((fail + 1))
	fi
done
echo "patches-check: arches ${arches:-none}, $(( $(date +%s) - t_all )) s"
echo "patches-check: $pass passed, $fail failed"
[ "$fail" = 0 ]
