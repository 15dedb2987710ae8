#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# fetch-debian-kernel.sh ARCH: download Debian's current kernel package for
# ARCH (x86_64, arm64 or arm) once, and print the path of its vmlinuz:
# build/debian/ARCH/vmlinuz. Nothing is installed: apt runs with a private
# state directory for the foreign architecture, the host's sources, and
# the package is only unpacked with dpkg-deb.
#
# DEBIAN_KERNEL_PKG overrides the metapackage (default: linux-image-6.12-amd64,
# linux-image-arm64, linux-image-armmp).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
arch=${1:?usage: fetch-debian-kernel.sh x86_64|arm64|arm}
case "$arch" in
x86_64)	debarch=amd64 meta=linux-image-6.12-amd64 ;;
arm64)	debarch=arm64 meta=linux-image-arm64 ;;
arm)	debarch=armhf meta=linux-image-armmp ;;
*)	echo "fetch-debian-kernel: unknown ARCH $arch" >&2; exit 2 ;;
esac
meta=${DEBIAN_KERNEL_PKG:-$meta}
dir=$top/build/debian/$arch
state=$top/build/debian/apt-$debarch

apt_opts=(-q -o "APT::Architecture=$debarch" -o "APT::Architectures::=$debarch"
	-o "Dir::State::Lists=$state/lists" -o "Dir::Cache=$state/cache"
	-o "Dir::State::status=/dev/null" -o Debug::NoLocking=1)

if [ -L "$dir/vmlinuz" ] && [ -f "$dir/vmlinuz" ]; then
	echo "$dir/vmlinuz"
	exit 0
fi
mkdir -p "$state/lists/partial" "$state/cache/archives/partial" "$dir"
echo "fetch-debian-kernel: apt-get update for $debarch" >&2
# A mirror in mid-sync fails an index now and then: try again, and in the
# end make do with the indexes that did arrive (apt keeps them), saying so.
for try in 1 2 3; do
	apt-get "${apt_opts[@]}" update >"$state/update.log" 2>&1 && break
	if [ "$try" = 3 ]; then
		if ! ls "$state"/lists/*_Packages* >/dev/null 2>&1; then
			cat "$state/update.log" >&2
			exit 1
		fi
		echo "fetch-debian-kernel: some $debarch indexes did not arrive;" \
			"using those that did:" >&2
		grep '^E:' "$state/update.log" | head -n 3 >&2
	fi
	sleep $((try * 5))
done

# The metapackage depends on the versioned image package with the vmlinuz.
pkg=$(apt-cache "${apt_opts[@]}" depends "$meta" 2>/dev/null |
	awk '/Depends: linux-image-/ { print $2; exit }')
[ -n "$pkg" ] || { echo "fetch-debian-kernel: no kernel behind $meta" >&2; exit 1; }
echo "fetch-debian-kernel: downloading $pkg ($debarch)" >&2
rm -f "$dir"/*.deb
(cd "$dir" && apt-get "${apt_opts[@]}" download "$pkg:$debarch" >&2)
rm -rf "$dir/root"
mkdir -p "$dir/root"
dpkg-deb --fsys-tarfile "$dir"/*.deb | tar -x -C "$dir/root" --wildcards './boot/*'
rm -f "$dir"/*.deb
vmlinuz=$(cd "$dir" && ls root/boot/vmlinuz-* | head -n1)
[ -n "$vmlinuz" ] || { echo "fetch-debian-kernel: $pkg has no vmlinuz" >&2; exit 1; }
ln -sfn "$vmlinuz" "$dir/vmlinuz"
echo "$pkg" > "$dir/package"
echo "$dir/vmlinuz"
