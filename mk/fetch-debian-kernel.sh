#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# fetch-debian-kernel.sh ARCH [6.12]: download Debian's current kernel
# package for ARCH (x86_64, arm64 or arm) once, and print the path of its
# vmlinuz: build/debian/ARCH/vmlinuz; its /boot/config-* is beside it under
# root/boot/. Nothing is installed (see mk/debian-apt.sh): the package is
# only unpacked with dpkg-deb. With 6.12, Debian's 6.12 kernel for ARCH,
# the series our base tree is (build/debian/ARCH-6.12; on x86_64 that is
# the default kernel already): the reference of the distribution options
# (mk/check-distro-config.sh).
#
# DEBIAN_KERNEL_PKG overrides the metapackage (default: linux-image-6.12-amd64,
# linux-image-arm64, linux-image-armmp).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=mk/debian-apt.sh
. "$top/mk/debian-apt.sh"

arch=${1:?usage: fetch-debian-kernel.sh x86_64|arm64|arm [6.12]}
series=${2:-}
dir=$top/build/debian/$arch
case "$arch,$series" in
x86_64,|x86_64,6.12)	meta=linux-image-6.12-amd64 ;;
arm64,)			meta=linux-image-arm64 ;;
arm,)			meta=linux-image-armmp ;;
arm64,6.12)		meta=linux-image-6.12-arm64 dir=$dir-6.12 ;;
arm,6.12)		meta=linux-image-6.12-armmp dir=$dir-6.12 ;;
riscv64,*)	echo "fetch-debian-kernel: Debian 12 has no riscv64 kernel" \
			"(riscv64 is a release architecture from Debian 13 on)" >&2
		exit 2 ;;
*)	echo "fetch-debian-kernel: unknown ARCH or series: $arch $series" >&2; exit 2 ;;
esac
meta=${DEBIAN_KERNEL_PKG:-$meta}

if [ -L "$dir/vmlinuz" ] && [ -f "$dir/vmlinuz" ]; then
	echo "$dir/vmlinuz"
	exit 0
fi
debian_apt_init "$arch"
mkdir -p "$dir"
debian_apt_update

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
