#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install the Debian packages the build and the tests need, when missing.
# As root this runs apt-get; otherwise it prints the line to run and fails.
set -euo pipefail

pkgs="linux-source-6.12 build-essential bc bison flex libelf-dev libssl-dev
	cpio dpkg-dev xz-utils zstd rsync python3 python3-docutils perl ccache bsdextrautils openssl sbsigntool
	crash makedumpfile gdb gdb-multiarch
	zlib1g-dev libzstd-dev liblzma-dev
	gcc-aarch64-linux-gnu gcc-arm-linux-gnueabihf gcc-riscv64-linux-gnu
	libc6-dev-arm64-cross libc6-dev-armhf-cross libc6-dev-riscv64-cross
	qemu-system-x86 qemu-system-arm qemu-system-misc
	clang libclang-rt-14-dev llvm
	ovmf qemu-efi-aarch64 qemu-efi-arm swtpm
	${EXTRA_DEPS:-}"

missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "deps: missing Debian packages; install them with:" >&2
	echo "  sudo apt-get install$missing" >&2
	exit 1
fi
echo "deps: installing$missing"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	$missing >/dev/null
