#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-makedumpfile.sh ARCH: build Debian's makedumpfile source package
# for ARCH with the patches in patches/makedumpfile/, statically linked,
# and print the path of the makedumpfile binary.
#
# Only arm64 needs it: Debian 12's makedumpfile 1.7.2 refuses an arm64
# kernel with 4K pages and 52-bit VA, as ours is ("PAGE SIZE 0x1000 and VA
# Bits 52 not supported"), and patches/makedumpfile/ backports the walk of
# its five (or, on a CPU without LPA2, four) levels. The source comes
# through apt (deb-src for the archives the host uses, in a private state;
# see mk/debian-apt.sh), so apt checks it against the signed archive. The
# libraries of the static link come from Debian's arm64 -dev packages,
# unpacked by mk/fetch-debian-pkg.sh into a private sysroot: nothing is
# installed on the host and no architecture is added to dpkg. The result
# is reused until the source version or a patch changes.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=mk/debian-apt.sh
. "$top/mk/debian-apt.sh"

arch=${1:?usage: build-makedumpfile.sh arm64}
case "$arch" in
arm64)	host=aarch64-linux-gnu target=aarch64 ;;
*)	echo "build-makedumpfile: only arm64 is built from source;" \
		"$arch uses Debian's binary package" >&2
	exit 2 ;;
esac
patchdir=$top/patches/makedumpfile
out=$top/build/makedumpfile/$arch
mkdir -p "$out"
exec 9> "$out/.lock"
flock 9

debian_apt_src_init
DEBIAN_APT_MAX_AGE=${DEBIAN_APT_MAX_AGE:-1440} debian_apt_update
version=$(apt-cache "${apt_opts[@]}" showsrc makedumpfile |
	sed -n 's/^Version: //p' | sort -V | tail -n1)
if [ -z "$version" ]; then
	echo "build-makedumpfile: no makedumpfile source in the Debian archives" >&2
	exit 1
fi
stamp="$version $(cat "$patchdir"/*.patch | sha256sum | cut -d' ' -f1) $host"
if [ -x "$out/makedumpfile" ] && [ "$(cat "$out/.stamp" 2>/dev/null)" = "$stamp" ]; then
	echo "$out/makedumpfile"
	exit 0
fi

dl=$out/download
sysroot=$out/sysroot
rm -rf "$dl" "$out/src" "$sysroot" "$out/makedumpfile" "$out/.stamp"
mkdir -p "$dl"
echo "build-makedumpfile: makedumpfile $version source, for $arch" >&2
(cd "$dl" && apt-get "${apt_opts[@]}" source --download-only \
	"makedumpfile=$version" >"$out/download.log" 2>&1) || {
	tail -n 3 "$out/download.log" >&2
	echo "build-makedumpfile: cannot download the makedumpfile $version source" \
		"($(grep -m1 '^E: ' "$out/download.log" | cut -c4- || echo '?'))," \
		"log in $out/download.log" >&2
	exit 1
}
dpkg-source -q -x --no-copy "$dl"/makedumpfile_*.dsc "$out/src" >"$out/unpack.log" 2>&1 || {
	tail -n 3 "$out/unpack.log" >&2
	exit 1
}
for p in "$patchdir"/*.patch; do
	if ! patch -d "$out/src" -p1 --fuzz=0 -s < "$p"; then
		echo "build-makedumpfile: $(basename "$p") does not apply to $version" >&2
		exit 1
	fi
done

# The static link (the Makefile's -static -ldw -lbz2 -ldl -lelf -lz -llzma)
# takes libdw.a and libelf.a with the decompressors libdw reads debug
# files with; libdl and libpthread come with the cross toolchain's libc.
mkdir -p "$sysroot/usr"
for pkg in libdw-dev libelf-dev zlib1g-dev libbz2-dev liblzma-dev; do
	dir=$("$top/mk/fetch-debian-pkg.sh" "$arch" "$pkg") || exit 1
	cp -a "$dir/usr/." "$sysroot/usr/"
done

# Static (LINKTYPE's default): the crash kernel's initramfs gets one file,
# no loader or libraries from arm64. Only zlib compression (-c) is used:
# LZO, snappy and zstd are left out, and so is the eppic extension (a
# separate target). CFLAGS goes through the environment, as the Makefile
# adds its own to it and a command-line CFLAGS would replace them; TARGET
# must be on the command line, as the Makefile sets it to uname -m.
if ! (cd "$out/src" &&
	CFLAGS="-I$sysroot/usr/include" make -j"$(nproc)" \
		TARGET="$target" CC="$host-gcc" LDFLAGS="-L$sysroot/usr/lib/$host" \
		LINKTYPE=static USELZO=off USESNAPPY=off USEZSTD=off DEBUG=off \
		makedumpfile) >"$out/build.log" 2>&1; then
	tail -n 20 "$out/build.log" >&2
	echo "build-makedumpfile: build failed, log in $out/build.log" >&2
	exit 1
fi
"$host-strip" -o "$out/makedumpfile" "$out/src/makedumpfile"
echo "$stamp" > "$out/.stamp"
rm -rf "$dl"
echo "$out/makedumpfile"
