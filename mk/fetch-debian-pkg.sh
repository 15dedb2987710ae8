#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# fetch-debian-pkg.sh ARCH PKG: download Debian's package PKG for ARCH
# (x86_64, arm64 or arm) once, unpack it with dpkg-deb into
# build/debian/ARCH/pkg/PKG/, and print that directory. Nothing is
# installed on the host (see mk/debian-apt.sh). The kexec-vm runner uses
# it for the guests' userspace, such as busybox-static for run_kselftest.sh.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=mk/debian-apt.sh
. "$top/mk/debian-apt.sh"

arch=${1:?usage: fetch-debian-pkg.sh x86_64|arm64|arm PKG}
pkg=${2:?usage: fetch-debian-pkg.sh x86_64|arm64|arm PKG}
debian_apt_init "$arch"
dir=$top/build/debian/$arch/pkg/$pkg

# Lanes of one arch run side by side and fetch the same packages: one
# download per package, the others wait for it and reuse it.
mkdir -p "$top/build/debian/$arch/pkg"
exec 9> "$top/build/debian/$arch/pkg/.lock-$pkg"
flock 9
if [ -f "$dir/.version" ]; then
	echo "$dir"
	exit 0
fi
# Indexes fetched in the last day (for a kernel, say) are good enough.
DEBIAN_APT_MAX_AGE=${DEBIAN_APT_MAX_AGE:-1440} debian_apt_update
dl=$top/build/debian/$arch/pkg/.download-$pkg
rm -rf "$dl" "$dir"
mkdir -p "$dl"
echo "fetch-debian-pkg: downloading $pkg ($debarch)" >&2
if ! (cd "$dl" && apt-get "${apt_opts[@]}" download "$pkg:$debarch" >&2); then
	rm -rf "$dl"
	echo "fetch-debian-pkg: $pkg is not available for $debarch" >&2
	exit 1
fi
mkdir -p "$dir.tmp"
dpkg-deb -x "$dl"/*.deb "$dir.tmp"
dpkg-deb -f "$dl"/*.deb Version > "$dir.tmp/.version"
rm -rf "$dl"
mv "$dir.tmp" "$dir"
echo "$dir"
