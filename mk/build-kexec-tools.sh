#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-kexec-tools.sh ARCH: build Debian's kexec-tools source package for
# ARCH with the patches in patches/kexec-tools/, statically linked, and
# print the path of the kexec binary.
#
# 32-bit ARM needs it: Debian's armhf binary package cannot issue
# kexec_file_load(2) (the client undefines its syscall number there, and its
# zImage loader has no file mode). On x86_64 and arm64 the guest lanes use
# Debian's binary packages as they are; the Debian machine (make
# debian-image) also gets this build, whose "kexec -s" hands a UKI or an
# EFI zboot image to the kernel where Debian's client stops at "Cannot
# determine the file type". The source comes through apt (deb-src for the archives
# the host uses, in a private state; see mk/debian-apt.sh), so apt checks it
# against the signed archive. The result is reused until the source version
# or a patch changes.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=mk/debian-apt.sh
. "$top/mk/debian-apt.sh"

arch=${1:?usage: build-kexec-tools.sh arm|arm64|x86_64}
case "$arch" in
arm)	host=arm-linux-gnueabihf ;;
arm64)	host=aarch64-linux-gnu ;;
x86_64)	host=x86_64-linux-gnu ;;
*)	echo "build-kexec-tools: $arch: only arm, arm64 and x86_64" >&2
	exit 2 ;;
esac
patchdir=$top/patches/kexec-tools
out=$top/build/kexec-tools/$arch
mkdir -p "$out"
exec 9> "$out/.lock"
flock 9

debian_apt_src_init
DEBIAN_APT_MAX_AGE=${DEBIAN_APT_MAX_AGE:-1440} debian_apt_update
version=$(apt-cache "${apt_opts[@]}" showsrc kexec-tools |
	sed -n 's/^Version: //p' | sort -V | tail -n1)
if [ -z "$version" ]; then
	echo "build-kexec-tools: no kexec-tools source in the Debian archives" >&2
	exit 1
fi
stamp="$version $(cat "$patchdir"/*.patch | sha256sum | cut -d' ' -f1) $host"
if [ -x "$out/kexec" ] && [ "$(cat "$out/.stamp" 2>/dev/null)" = "$stamp" ]; then
	echo "$out/kexec"
	exit 0
fi

dl=$out/download
rm -rf "$dl" "$out/src" "$out/kexec" "$out/.stamp"
mkdir -p "$dl"
echo "build-kexec-tools: kexec-tools $version source, for $arch" >&2
(cd "$dl" && apt-get "${apt_opts[@]}" source --download-only \
	"kexec-tools=$version" >"$out/download.log" 2>&1) || {
	tail -n 3 "$out/download.log" >&2
	exit 1
}
dpkg-source -q -x "$dl"/kexec-tools_*.dsc "$out/src" >"$out/unpack.log" 2>&1 || {
	tail -n 3 "$out/unpack.log" >&2
	exit 1
}
for p in "$patchdir"/*.patch; do
	if ! patch -d "$out/src" -p1 --fuzz=0 -s < "$p"; then
		echo "build-kexec-tools: $(basename "$p") does not apply to $version" >&2
		exit 1
	fi
done
# Static: the guest gets one file, no loader or libraries of its arch.
# zlib, lzma and Xen are left out: the kernel reads the file itself.
if ! (cd "$out/src" &&
	./configure --host="$host" --without-xen --without-zlib --without-lzma \
		LDFLAGS=-static &&
	make -j"$(nproc)" build/sbin/kexec) >"$out/build.log" 2>&1; then
	tail -n 20 "$out/build.log" >&2
	echo "build-kexec-tools: build failed, log in $out/build.log" >&2
	exit 1
fi
"$host-strip" -o "$out/kexec" "$out/src/build/sbin/kexec"
echo "$stamp" > "$out/.stamp"
rm -rf "$dl"
echo "$out/kexec"
