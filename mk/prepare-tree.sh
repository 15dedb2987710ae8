#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Make build/src the base tree plus patches/series plus the overlay, touching
# only files whose content changes, so that kbuild rebuilds only what depends
# on them.
#
#   build/base          pristine Debian linux-source-6.12, never modified
#   build/base-version  the Debian package version it was unpacked from
#   build/src           base + patches + overlay; kernels build from here
#   build/.overlay      the paths of build/src that differ from build/base
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=$top/build
base=$build/base
src=$build/src
manifest=$build/.overlay
pkg=linux-source-6.12
tarball=/usr/src/$pkg.tar.xz

# Top-level directories of a kernel tree: files of ours under these are
# copied over the base; everything else in the repository drives the build.
overlay_dirs="arch block certs crypto Documentation drivers fs include init
	io_uring ipc kernel lib mm net rust samples scripts security sound tools
	usr virt"

die() { echo "prepare-tree: $*" >&2; exit 1; }

installed_version() {
	dpkg-query -W -f='${Version}' "$pkg" 2>/dev/null || true
}

ensure_package() {
	[ -f "$tarball" ] && return
	if [ "$(id -u)" != 0 ]; then
		die "$tarball is missing; install it with: sudo apt-get install $pkg"
	fi
	echo "prepare-tree: installing $pkg"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >/dev/null
}

# Unpack the base once per Debian package version.
ensure_base() {
	local want have
	ensure_package
	want=$(installed_version)
	have=$(cat "$build/base-version" 2>/dev/null || true)
	[ -d "$base" ] && [ -n "$have" ] && [ "$have" = "$want" ] && return
	[ -z "$have" ] || echo "prepare-tree: base $have replaced by $want"
	echo "prepare-tree: unpacking $pkg $want into build/base"
	rm -rf "$base" "$src" "$manifest" "$build/base.tmp"
	mkdir -p "$build/base.tmp"
	tar -C "$build/base.tmp" -xf "$tarball"
	mv "$build/base.tmp/$pkg" "$base"
	rmdir "$build/base.tmp"
	echo "$want" > "$build/base-version"
}

ensure_src() {
	[ -d "$src" ] && return
	echo "prepare-tree: copying build/base to build/src"
	rm -f "$manifest"
	cp -a "$base" "$src.tmp"
	mv "$src.tmp" "$src"
}

overlay_files() {
	local d dirs=()
	for d in $overlay_dirs; do
		[ -d "$top/$d" ] && dirs+=("$d")
	done
	[ ${#dirs[@]} -gt 0 ] || return 0
	if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
		git -C "$top" ls-files --cached --others --exclude-standard \
			-- "${dirs[@]}" | while read -r f; do
			[ -f "$top/$f" ] && echo "$f"
		done
	else
		(cd "$top" && find "${dirs[@]}" -type f)
	fi
}

patch_list() {
	[ -f "$top/patches/series" ] || return 0
	sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$top/patches/series"
}

# Files a patch touches, from its ---/+++ lines.
patch_targets() {
	awk '/^--- / { old = $2 } /^\+\+\+ / {
		f = ($2 == "/dev/null") ? old : $2
		sub(/^[^\/]*\//, "", f); print f }' "$1"
}

# Apply the series to copies of just the files it touches, under $stage.
stage_patches() {
	local p f
	for p in $(patch_list); do
		[ -f "$top/patches/$p" ] || die "patches/series names $p, which does not exist"
		for f in $(patch_targets "$top/patches/$p"); do
			[ -e "$stage/$f" ] && continue
			mkdir -p "$stage/$(dirname "$f")"
			if [ -f "$base/$f" ]; then cp -p "$base/$f" "$stage/$f"; fi
			echo "$f" >> "$stage.patched"
		done
		if ! patch -d "$stage" -p1 -s -N --fuzz=0 --no-backup-if-mismatch \
			< "$top/patches/$p" > "$stage.log" 2>&1; then
			cat "$stage.log" >&2
			die "patch $p does not apply to base $(cat "$build/base-version")"
		fi
	done
}

# patches/superseded: files that a patch of the series fixes in the base
# (a fix sent first, on its own) and that the overlay then replaces
# whole. The patch must still apply to the base; build/src gets the
# overlay's file.
drop_superseded() {
	local list=$top/patches/superseded f
	[ -f "$list" ] || return 0
	sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$list" > "$stage.superseded"
	while read -r f; do
		grep -qxF "$f" "$stage.overlaid" ||
			die "patches/superseded names $f, which the overlay does not replace"
		rm -f "$stage/$f"
	done < "$stage.superseded"
	grep -vxF -f "$stage.superseded" "$stage.patched" > "$stage.patched.new" || true
	mv "$stage.patched.new" "$stage.patched"
	rm -f "$stage.superseded"
}

# Copy $1 to build/src/$2 when, and only when, the content differs.
install_file() {
	local from=$1 to=$src/$2
	cmp -s "$from" "$to" && return
	mkdir -p "$(dirname "$to")"
	rm -f "$to"
	cp --preserve=mode "$from" "$to"
	changed=$((changed + 1))
}

remove_file() {
	[ -e "$src/$1" ] || return 0
	rm -f "$src/$1"
	changed=$((changed + 1))
}

restore_file() {
	if [ -f "$base/$1" ]; then
		install_file "$base/$1" "$1"
	else
		remove_file "$1"
	fi
}

main() {
	local f changed=0 stage=$build/.stage
	mkdir -p "$build"
	# One preparation at a time: parallel makes share build/src.
	exec 9> "$build/.prepare.lock"
	flock 9
	ensure_base
	ensure_src

	rm -rf "$stage" "$stage.patched"
	mkdir -p "$stage"
	touch "$stage.patched"
	stage_patches

	overlay_files | sort -u > "$stage.overlaid"
	drop_superseded
	f=$(sort -u "$stage.patched" | comm -12 - "$stage.overlaid" | head -n1)
	[ -z "$f" ] || die "$f is both overlaid and patched; do one or the other"

	sort -u "$stage.patched" "$stage.overlaid" > "$manifest.new"
	if [ -f "$manifest" ]; then
		while read -r f; do
			restore_file "$f"
		done < <(comm -23 "$manifest" "$manifest.new")
	fi
	while read -r f; do
		if [ -f "$stage/$f" ]; then
			install_file "$stage/$f" "$f"
		elif grep -qxF "$f" "$stage.patched"; then
			remove_file "$f"	# deleted by a patch
		else
			install_file "$top/$f" "$f"
		fi
	done < "$manifest.new"
	mv "$manifest.new" "$manifest"
	rm -rf "$stage" "$stage.patched" "$stage.overlaid" "$stage.log"
	[ "$changed" = 0 ] || echo "prepare-tree: $changed file(s) updated in build/src"
}

main "$@"
