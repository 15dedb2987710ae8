#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A Debian 12 (bookworm) machine image that UEFI firmware boots through
# systemd-boot, with our kernel installed the Debian way: the .deb of
# the kernel's own `make bindeb-pkg`, installed with
# dpkg -i inside the image so that the kernel hooks of initramfs-tools
# (its initrd) and of kdump-tools (the crash kernel's initrd) run.
#
#   mk/debian-image.sh ARCH            ARCH: x86_64 or arm64 (see below)
#   KERNEL_DEB=build mk/debian-image.sh ARCH   package build/ARCH first
#
# Writes build/debian-image/ARCH/:
#   disk.img      raw GPT disk: partition 1 the EFI system partition (FAT,
#                 systemd-boot as the removable-media loader, a loader entry
#                 per kernel, each with its kernel and initramfs-tools initrd),
#                 partition 2 the ext4 root, LABEL=debian-root, with the fixed
#                 PARTUUID below
#   rootfs/       the tree mmdebstrap made (kept: the disk is rebuilt from it
#                 when only the loader entries change)
#   inputs, *.stamp   what each stage was built from; a stage runs again only
#                 when its inputs change
#
# Kernels in the image, each with a loader entry:
#   ours          KERNEL_DEB=file.deb, or the linux-image .deb of the kernel
#                 release in build/debian-image/kbuild-ARCH, made by stage 0
#                 below (KERNEL_DEB=build)
#   debian        Debian's own kernel, DEBIAN_KERNEL (linux-image-6.12-amd64):
#                 a second kernel to kexec into, and the one that proves the
#                 image boots when ours cannot mount the root
# The default entry is DEFAULT_ENTRY (ours when its .deb is there, else
# debian); changing it rebuilds only the disk, not the root tree.
#
# OUT_DIR=dir puts all of it elsewhere (another kernel, another image).
#
# Kernel command line (every entry): root=PARTUUID=$root_partuuid rw
# console=ttyS0,115200 crashkernel=$CRASHKERNEL (384M: kdump-tools' crash
# kernel with its initramfs-tools initrd) plus EXTRA_CMDLINE.
#
# How a test drives the machine:
#   - root has the password "root", and the serial console ttyS0 logs root
#     in by itself (serial-getty@ttyS0 with agetty --autologin root);
#   - kexec-vm-ready.service prints one line on ttyS0 once multi-user.target
#     is reached: "KEXEC-VM-READY <uname -r> uptime <seconds> s";
#   - kexec-vm-run.service, after that: when a second disk (/dev/vdb, raw,
#     no file system) begins with the line "#!kexec-vm-run", runs it with
#     /bin/sh, its output on ttyS0, between "KEXEC-VM-RUN-BEGIN" and
#     "KEXEC-VM-RUN-END rc=N". A script is put on such a disk with
#     `truncate -s 1M run.img; dd if=script of=run.img conv=notrunc`.
#
# Tools: mmdebstrap, e2fsprogs (mkfs.ext4 -d), dosfstools (mkfs.vfat),
# mtools (mmd/mcopy), fdisk (sfdisk); no loop device, no mount, no root
# needed for the disk. mmdebstrap runs in root mode (we are root here);
# it needs network access to the Debian mirror the host's apt uses.
#
# arm64: the same stages with Debian's arm64 packages (kernel
# linux-image-6.12-arm64), systemd-bootaa64.efi as EFI/BOOT/BOOTAA64.EFI,
# the console on ttyAMA0, and QEMU -M virt with AAVMF (qemu-efi-aarch64)
# in mk/debian-image-boot.sh. mmdebstrap and stage 1b run the arm64
# maintainer scripts and kernel hooks (mkinitramfs, kdump-tools) on this
# host through qemu-user-static in binfmt_misc (see the ARCH check below).

set -euo pipefail

ARCH=${1:-x86_64}
top=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT_DIR:-$top/build/debian-image/$ARCH}
CRASHKERNEL=${CRASHKERNEL:-384M}
EXTRA_CMDLINE=${EXTRA_CMDLINE:-}
SUITE=bookworm

case "$ARCH" in
x86_64)	debarch=amd64; efiarch=x64; efiboot=BOOTX64.EFI; tty=ttyS0; initrd_modules=most
	DEBIAN_KERNEL=${DEBIAN_KERNEL:-linux-image-6.12-amd64} ;;
arm64)	debarch=arm64; efiarch=aa64; efiboot=BOOTAA64.EFI; tty=ttyAMA0; initrd_modules=list
	DEBIAN_KERNEL=${DEBIAN_KERNEL:-linux-image-6.12-arm64}
	# Maintainer scripts and kernel hooks of an arm64 tree run on this
	# host through qemu-user-static, registered in binfmt_misc with the F
	# flag (the interpreter opened at registration, so chroots need no
	# copy of it). Nothing may have registered it (no systemd-binfmt in
	# a container): then it is registered here, which changes the host.
	binfmt=/proc/sys/fs/binfmt_misc
	if [ ! -e $binfmt/qemu-aarch64 ]; then
		[ -f /usr/lib/binfmt.d/qemu-aarch64.conf ] || {
			echo "debian-image: arm64 needs qemu-user-static (apt-get install qemu-user-static)" >&2
			exit 2; }
		[ -e $binfmt/register ] || mount -t binfmt_misc binfmt_misc $binfmt
		grep -v '^#' /usr/lib/binfmt.d/qemu-aarch64.conf > $binfmt/register
		echo "debian-image: registered qemu-aarch64 in the host's binfmt_misc"
	fi ;;
*)	echo "debian-image: ARCH=$ARCH: only x86_64 and arm64" >&2; exit 2 ;;
esac

# Fixed GUIDs, so that the command line and fstab do not depend on a run.
disk_guid=6b2b3a52-5f1e-4c55-9d3c-35e4d1a0e001
esp_partuuid=6b2b3a52-5f1e-4c55-9d3c-35e4d1a0e0e5
root_partuuid=6b2b3a52-5f1e-4c55-9d3c-35e4d1a0e0f2
esp_mib=256
ROOT_MIB=${ROOT_MIB:-3072}

# The mirror the host's apt uses (deb822 or one-line form).
mirror=$(sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*debian\)$/\1/p' \
	/etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1)
[ -n "$mirror" ] || mirror=$(awk '$1=="deb" && $2 !~ /security/ {print $2; exit}' \
	/etc/apt/sources.list 2>/dev/null)
mirror=${mirror:-http://deb.debian.org/debian}
security=${mirror%/debian}/debian-security

for t in mmdebstrap mkfs.ext4 mkfs.vfat mcopy sfdisk; do
	command -v "$t" >/dev/null || {
		echo "debian-image: $t missing: apt-get install --no-install-recommends" \
			"mmdebstrap e2fsprogs dosfstools mtools fdisk" >&2; exit 2; }
done

mkdir -p "$out"
say() { echo "debian-image: $*"; }

# ---- stage 0: our kernel as a Debian package ------------------------------
# KERNEL_DEB=build: `make bindeb-pkg` on a copy of build/ARCH, which is
# left untouched (`make check` may be using it; run this only once its
# kernel is built). The copy is build/debian-image/kbuild-ARCH. Kbuild's
# own files would let the copy be packaged where it is, but tools/objtool's
# .cmd files name the build directory by its absolute path: in the copy
# their commands differ, objtool is built again, and with it every object
# (13 minutes for x86_64 here). So bindeb-pkg runs in a private mount
# namespace where the copy is bound over build/ARCH: the paths match and
# only the package is made. dpkg-buildpackage puts the .debs in the
# parent of O=, build/; they are moved to build/debian-image/.
# A package newer than build/ARCH's vmlinux is reused.
# KERNEL_BUILD names another build directory than build/ARCH (make
# debian-image: build/ARCH-distro, the distribution flavour).
obj=${KERNEL_BUILD:-$top/build/$ARCH}
kbuild=$top/build/debian-image/kbuild-$(basename "$obj")
if [ "${KERNEL_DEB:-}" = build ]; then
	[ -f "$obj/vmlinux" ] || { echo "debian-image: no kernel in $obj: make kernel ARCH=$ARCH" >&2; exit 2; }
	deb=$(ls -t "$top"/build/debian-image/linux-image-"$(cat "$obj/include/config/kernel.release")"_*_"$debarch".deb \
		2>/dev/null | head -n1 || true)
	if [ -n "$deb" ] && [ "$deb" -nt "$obj/vmlinux" ]; then
		say "kernel package up to date ($(basename "$deb"))"
		KERNEL_DEB=
	fi
fi
if [ "${KERNEL_DEB:-}" = build ]; then
	command -v dh_listpackages >/dev/null && command -v depmod >/dev/null || {
		echo "debian-image: bindeb-pkg needs: apt-get install debhelper kmod" >&2; exit 2; }
	# arm64: /boot/vmlinuz is the Image, as Debian's arm64 kernel has it
	# (a PE file through the EFI stub, which systemd-boot starts and
	# Debian's kexec-tools knows), not the EFI zboot image the build's
	# KBUILD_IMAGE names.
	case $ARCH in
	x86_64) cross='' image_arg='' ;;
	arm64) cross=aarch64-linux-gnu- image_arg=KBUILD_IMAGE=arch/arm64/boot/Image ;;
	esac
	say "bindeb-pkg of a copy of ${obj#"$top"/}"
	mkdir -p "$kbuild"
	rsync -a --delete --exclude=/vm --exclude=/debian "$obj/" "$kbuild/"
	rel=$(cat "$kbuild/include/config/kernel.release")
	rm -f "$top/build/debian-image/linux-image-${rel}_"*
	nice -n 19 unshare -m sh -c 'mount --bind "$1" "$2" && shift 2 && exec "$@"' sh \
		"$kbuild" "$obj" make -C "$top/build/src" O="$obj" ARCH="$ARCH" \
		CROSS_COMPILE="$cross" -j"$(nproc)" \
		DPKG_FLAGS=-Ppkg.linux-upstream.nokernelheaders,pkg.linux-upstream.nokerneldbg \
		$image_arg bindeb-pkg > "$top/build/debian-image/bindeb-pkg-$ARCH.log" 2>&1 || {
		echo "debian-image: bindeb-pkg failed: build/debian-image/bindeb-pkg-$ARCH.log" >&2; exit 1; }
	for f in "$top"/build/linux-image-"$rel"_*_"$debarch".deb "$top"/build/linux-libc-dev_*_"$debarch".deb \
		"$top"/build/linux-upstream_*_"$debarch".buildinfo "$top"/build/linux-upstream_*_"$debarch".changes; do
		[ ! -e "$f" ] || mv "$f" "$top/build/debian-image/"
	done
	KERNEL_DEB=
fi

# Our kernel's package: KERNEL_DEB, else the newest bindeb-pkg output for
# the kernel release of build/debian-image/kbuild-ARCH.
if [ -z "${KERNEL_DEB:-}" ] && [ -f "$kbuild/include/config/kernel.release" ]; then
	KERNEL_DEB=$(ls -t "$top"/build/debian-image/linux-image-"$(cat "$kbuild/include/config/kernel.release")"_*_"$debarch".deb \
		2>/dev/null | head -n1 || true)
fi
DEFAULT_ENTRY=${DEFAULT_ENTRY:-$([ -n "$KERNEL_DEB" ] && echo ours-uki.efi || echo debian.conf)}

packages=systemd,systemd-sysv,udev,dbus,kexec-tools,kdump-tools,makedumpfile
packages+=,initramfs-tools,systemd-boot,systemd-boot-efi,sbsigntool,efibootmgr
packages+=,procps,less
[ "$DEBIAN_KERNEL" = none ] || packages+=,$DEBIAN_KERNEL

# ---- stage 1: the root tree --------------------------------------------
{
	# Stage 1 of this script less its comment lines: the other stages
	# and the comments can change without a new tree.
	echo "script $(sed -n '/^# ---- stage 1:/,/^# ---- stage 1b/p' "$0" | grep -v '^[[:space:]]*#' | sha256sum | cut -c1-16)"
	echo "suite $SUITE $debarch $mirror"
	echo "packages $packages"
	echo "crashkernel $CRASHKERNEL"
} > "$out/inputs.new"

if cmp -s "$out/inputs.new" "$out/rootfs.stamp" 2>/dev/null && [ -d "$out/rootfs/usr" ]; then
	say "root tree up to date ($out/rootfs)"
	rm "$out/inputs.new"
else
	say "mmdebstrap $SUITE $debarch from $mirror"
	rm -rf "$out/rootfs" "$out/rootfs.stamp"
	t0=$(date +%s)
	hooks=$out/hooks
	rm -rf "$hooks"; mkdir -p "$hooks"

	# Before the packages are installed: initramfs-tools must compress
	# with gzip, the one our kernel unpacks (CONFIG_RD_GZIP=y, no ZSTD),
	# and the kdump and kexec questions are answered.
	cat > "$hooks/setup.sh" <<-EOF
	#!/bin/sh
	set -e
	mkdir -p "\$1/etc/initramfs-tools/conf.d" "\$1/etc/default"
	echo COMPRESS=gzip > "\$1/etc/initramfs-tools/conf.d/compress"
	# MODULES=dep guesses from the machine the initrd is made on, which
	# is this build host, not the image, and fails in a chroot ("failed
	# to determine device for /"): take them all (MODULES=most), or on
	# arm64, whose mkinitramfs runs under qemu-user and takes over twenty
	# minutes per initrd with most of Debian's modules, the list the
	# virt machine's root needs (Debian's kernel has them as modules;
	# ours has them built in). kdump-tools' hook turns the setting into
	# dep for its crash initrd (conf.d/zzz-kdump of its copy of this
	# directory); a file sorted after that one turns it back.
	echo MODULES=$initrd_modules > "\$1/etc/initramfs-tools/conf.d/zzzz-modules"
	printf '%s\n' virtio_pci virtio_blk ext4 crc32c_generic >> "\$1/etc/initramfs-tools/modules"
	EOF

	cat > "$hooks/customize.sh" <<-'EOF'
	#!/bin/sh
	# mmdebstrap customize hook: $1 is the root tree.
	set -e
	root=$1; hooks=$(dirname "$0")
	echo debian-kexec > "$root/etc/hostname"
	printf '127.0.0.1\tlocalhost\n127.0.1.1\tdebian-kexec\n' > "$root/etc/hosts"
	cat > "$root/etc/fstab" <<-FSTAB
	PARTUUID=@ROOT@	/	ext4	rw,errors=remount-ro	0 1
	PARTUUID=@ESP@	/boot/efi	vfat	umask=0077,nofail,x-systemd.device-timeout=10s	0 2
	FSTAB
	mkdir -p "$root/boot/efi"
	chroot "$root" sh -c 'echo root:root | chpasswd'

	# The serial console logs root in by itself.
	d=$root/etc/systemd/system/serial-getty@ttyS0.service.d
	mkdir -p "$d"
	printf '%s\n' '[Service]' 'ExecStart=' \
		'ExecStart=-/sbin/agetty --autologin root --keep-baud 115200,57600,38400,9600 - $TERM' \
		> "$d/autologin.conf"

	# kdump-tools: on, with the crash kernel reserved by crashkernel=, and
	# loaded with kexec_file_load(2) (kexec -s -p): kexec_load's x86_64
	# path in kexec-tools reads /proc/kcore, which our test kernel has not
	# (CONFIG_PROC_KCORE), and kexec_file_load is what this project is about.
	sed -i 's/^USE_KDUMP=.*/USE_KDUMP=1/; s/^#*KDUMP_KEXEC_ARGS=.*/KDUMP_KEXEC_ARGS="-s"/' \
		"$root/etc/default/kdump-tools"

	cat > "$root/usr/local/sbin/kexec-vm-ready" <<-'SH'
	#!/bin/sh
	# Part of multi-user.target: systemd-analyze has no total yet.
	echo "KEXEC-VM-READY $(uname -r) uptime $(cut -d' ' -f1 /proc/uptime) s" > /dev/ttyS0
	SH
	cat > "$root/usr/local/sbin/kexec-vm-run" <<-'SH'
	#!/bin/sh
	# Runs the script on /dev/vdb (raw) when it begins with "#!kexec-vm-run".
	[ -b /dev/vdb ] || exit 0
	[ "$(head -c 14 /dev/vdb)" = '#!kexec-vm-run' ] || exit 0
	tr -d '\000' < /dev/vdb > /run/kexec-vm-run.sh
	# ttyS0 is opened again for each line: agetty and login on ttyS0
	# hang the line up (vhangup), which kills every descriptor opened on
	# it before. The whole output is kept in /run/kexec-vm-run.log too.
	out() { while IFS= read -r l; do printf '%s\n' "$l" > /dev/ttyS0; done; }
	echo KEXEC-VM-RUN-BEGIN | out
	{ /bin/sh /run/kexec-vm-run.sh 2>&1 || echo "kexec-vm-run-rc=$?"; } |
		tee /run/kexec-vm-run.log | out
	rc=$(sed -n 's/^kexec-vm-run-rc=\([0-9]*\)$/\1/p' /run/kexec-vm-run.log | tail -n1)
	echo "KEXEC-VM-RUN-END rc=${rc:-0}" | out
	SH
	chmod 755 "$root/usr/local/sbin/kexec-vm-ready" "$root/usr/local/sbin/kexec-vm-run"
	cat > "$root/etc/systemd/system/kexec-vm-ready.service" <<-UNIT
	[Unit]
	Description=Tell the serial console that multi-user.target is reached
	# Without the default dependencies: multi-user.target, which wants this
	# unit, would otherwise be ordered after it, a cycle with the After= here.
	DefaultDependencies=no
	After=multi-user.target
	Conflicts=shutdown.target
	Before=shutdown.target
	[Service]
	Type=oneshot
	ExecStart=/usr/local/sbin/kexec-vm-ready
	[Install]
	WantedBy=multi-user.target
	UNIT
	cat > "$root/etc/systemd/system/kexec-vm-run.service" <<-UNIT
	[Unit]
	Description=Run the test script of /dev/vdb
	DefaultDependencies=no
	After=kexec-vm-ready.service
	Conflicts=shutdown.target
	Before=shutdown.target
	[Service]
	Type=oneshot
	ExecStart=/usr/local/sbin/kexec-vm-run
	[Install]
	WantedBy=multi-user.target
	UNIT
	chroot "$root" systemctl enable kexec-vm-ready.service kexec-vm-run.service
	# Nothing to wait for: no network in the image.
	chroot "$root" systemctl mask systemd-networkd-wait-online.service >/dev/null 2>&1 || true

	EOF
	sed -i "s/@ROOT@/$root_partuuid/; s/@ESP@/$esp_partuuid/; s/ttyS0/$tty/g" "$hooks/customize.sh"
	chmod 755 "$hooks"/*.sh

	nice -n 19 mmdebstrap --mode=root --variant=minbase --architectures="$debarch" \
		--include="$packages" \
		--aptopt='Apt::Install-Recommends "false"' \
		--essential-hook='printf "%s\n" "kexec-tools kexec-tools/load_kexec boolean false" "kdump-tools kdump-tools/use_kdump boolean true" | chroot "$1" debconf-set-selections' \
		--setup-hook="$hooks/setup.sh \"\$1\"" \
		--customize-hook="$hooks/customize.sh \"\$1\"" \
		"$SUITE" "$out/rootfs" \
		"deb $mirror $SUITE main" "deb $mirror $SUITE-updates main" \
		"deb $security $SUITE-security main"
	mv "$out/inputs.new" "$out/rootfs.stamp"
	rm -f "$out/kernel.stamp"
	say "root tree in $(( $(date +%s) - t0 )) s"
fi

# ---- stage 1b: our kernel, the Debian way ------------------------------
# dpkg -i in the tree: the package's postinst runs /etc/kernel/postinst.d
# (initramfs-tools makes /boot/initrd.img-VER, kdump-tools its crash
# initrd under /var/lib/kdump). A new package of the same version is
# installed over the old one. In a private mount namespace, with /proc,
# /sys and /dev bound into the tree as mmdebstrap's hooks have them.
in_root() {	# in_root COMMAND...: COMMAND chrooted in the tree
	nice -n 19 unshare -m --propagation private sh -c 'r=$1; shift
		for d in proc sys dev; do mount --rbind "/$d" "$r/$d"; done
		exec chroot "$r" "$@"' sh "$out/rootfs" "$@"
}
if [ -n "$KERNEL_DEB" ]; then
	kstamp="$(sha256sum < "$KERNEL_DEB" | cut -c1-16) $(sha256sum < "$out/rootfs.stamp" | cut -c1-16)"
	if [ "$(cat "$out/kernel.stamp" 2>/dev/null)" = "$kstamp" ]; then
		say "kernel package installed ($(basename "$KERNEL_DEB"))"
	else
		t0=$(date +%s)
		rm -f "$out/kernel.stamp"
		cp "$KERNEL_DEB" "$out/rootfs/tmp/ours.deb"
		in_root dpkg -i /tmp/ours.deb > "$out/dpkg-i.log" 2>&1 || {
			tail -n 20 "$out/dpkg-i.log" >&2
			echo "debian-image: dpkg -i of our kernel failed: $out/dpkg-i.log" >&2; exit 1; }
		rm -f "$out/rootfs/tmp/ours.deb"
		echo "$kstamp" > "$out/kernel.stamp"
		say "$(basename "$KERNEL_DEB") installed in $(( $(date +%s) - t0 )) s"
	fi
fi
# kdump-config load (kdump-tools.service, at every boot) makes the crash
# initrd again when /etc/kdump/sysctl.conf differs from the copy it keeps
# per kernel, and there is none yet: under TCG that is many minutes of
# mkinitramfs before multi-user.target. The hook's initrd is made with
# the same file, so the copy is made here.
for v in $(cd "$out/rootfs/boot" && ls vmlinuz-* 2>/dev/null | sed 's/^vmlinuz-//'); do
	[ ! -f "$out/rootfs/etc/kdump/sysctl.conf" ] ||
		cp "$out/rootfs/etc/kdump/sysctl.conf" "$out/rootfs/var/lib/kdump/latest_sysctls-$v"
done

# ---- stage 2: the disk ---------------------------------------------------
# Kernels: /boot/vmlinuz-VER with /boot/initrd.img-VER; ours is the one
# from the .deb (its version has our LOCALVERSION, not "+deb12").
ours_ver=
if [ -n "$KERNEL_DEB" ]; then
	ours_ver=$(dpkg-deb -f "$KERNEL_DEB" Package | sed 's/^linux-image-//')
fi
deb_ver=$(cd "$out/rootfs/boot" && ls vmlinuz-*+deb12-* 2>/dev/null | sed 's/^vmlinuz-//' | sort -V | tail -n1 || true)
cmdline="root=PARTUUID=$root_partuuid rw console=$tty,115200 crashkernel=$CRASHKERNEL"

# Secure Boot: the firmware's snakeoil keys (Debian's ovmf package, whose
# Secure Boot variable store enrolls them) sign systemd-boot and our
# kernel, on the ESP and in /boot, where kexec -s under lockdown finds
# it signed by a key of the platform keyring. Debian's kernel keeps
# Debian's signature. Signed once: a kernel the certificate verifies is
# left as it is.
snakeoil_key=/usr/share/ovmf/PkKek-1-snakeoil.key
snakeoil_cert=/usr/share/ovmf/PkKek-1-snakeoil.pem
sign() {	# sign FILE: signed in place with the snakeoil key
	sbverify --cert "$snakeoil_cert" "$1" >/dev/null 2>&1 && return 0
	[ -f "$out/snakeoil.key" ] || openssl pkey -in "$snakeoil_key" \
		-passin pass:snakeoil -out "$out/snakeoil.key"
	sbsign --key "$out/snakeoil.key" --cert "$snakeoil_cert" --output "$1.signed" "$1" \
		>/dev/null 2>&1 && mv "$1.signed" "$1"
}
for t in sbsign sbverify openssl; do
	command -v "$t" >/dev/null || { echo "debian-image: $t missing (sbsigntool, openssl)" >&2; exit 2; }
done
[ -f "$snakeoil_key" ] || { echo "debian-image: no $snakeoil_key (Debian package ovmf)" >&2; exit 2; }
[ -z "$ours_ver" ] || sign "$out/rootfs/boot/vmlinuz-$ours_ver"
sign "$out/rootfs/usr/lib/systemd/boot/efi/systemd-boot$efiarch.efi"
[ -z "$EXTRA_CMDLINE" ] || cmdline+=" $EXTRA_CMDLINE"

# What the cases (tools/testing/kexec-vm/debian-machine/machine.sh) need
# in the machine, under /usr/local: kexec-tools from Debian's source with
# patches/kexec-tools/ (KEXEC_TOOLS, whose kexec -s takes a UKI), our
# kernel signed by a key the machine does not trust, the UKI's command
# line, and for case 5 Debian's signing certificate as a db update the
# snakeoil KEK signed.
# The dump as an ELF core (makedumpfile -E, flattened by kdump-tools' own
# -F), which gdb opens once makedumpfile -R has rearranged it; Debian's
# default, -c, writes makedumpfile's compressed format.
sed -i 's/^#*MAKEDUMP_ARGS=.*/MAKEDUMP_ARGS="-E -d 31"/' "$out/rootfs/etc/default/kdump-tools"
share=$out/rootfs/usr/local/share/kexec-vm
rm -rf "$share"
mkdir -p "$share"
[ -z "${KEXEC_TOOLS:-}" ] || install -m 755 "$KEXEC_TOOLS" "$out/rootfs/usr/local/sbin/kexec"
if [ -n "$ours_ver" ]; then
	[ -f "$out/untrusted.key" ] || openssl req -new -x509 -newkey rsa:2048 -nodes -days 3650 \
		-subj "/CN=kexec-vm key the machine does not trust/" -keyout "$out/untrusted.key" \
		-out "$out/untrusted.pem" >/dev/null 2>&1
	cp "$out/rootfs/boot/vmlinuz-$ours_ver" "$out/unsigned"
	sbattach --remove "$out/unsigned" >/dev/null
	sbsign --key "$out/untrusted.key" --cert "$out/untrusted.pem" \
		--output "$share/vmlinuz-untrusted" "$out/unsigned" >/dev/null 2>&1
	rm -f "$out/unsigned"
fi
if [ -n "$deb_ver" ] && command -v sign-efi-sig-list >/dev/null; then
	# The certificate that signed Debian's kernel, from its signature.
	sbattach --detach "$out/debian-sig.p7" "$out/rootfs/boot/vmlinuz-$deb_ver" >/dev/null
	openssl pkcs7 -inform der -in "$out/debian-sig.p7" -print_certs |
		awk '/BEGIN CERT/ {n++} n == 1' > "$out/debian-signer.pem"
	cert-to-efi-sig-list -g 6b2b3a52-5f1e-4c55-9d3c-35e4d1a0e0de "$out/debian-signer.pem" \
		"$out/debian-signer.esl" >/dev/null
	sign-efi-sig-list -a -k "$out/snakeoil.key" -c "$snakeoil_cert" db \
		"$out/debian-signer.esl" "$share/db-append.auth" >/dev/null
	openssl x509 -in "$out/debian-signer.pem" -noout -subject > "$share/case5"
fi

# Our kernel and its initrd as a UKI, systemd-stub's recipe: objcopy adds
# .osrel, .uname, .cmdline, .linux and .initrd to Debian's stub at
# addresses past its own, 64 KiB apart; signed with the snakeoil key and
# put on the ESP as EFI/Linux/ours-uki.efi, where systemd-boot finds it.
uki_cmdline="$cmdline kexec_vm.uki=1"
make_uki() {	# make_uki VERSION OUT
	local stub=$out/rootfs/usr/lib/systemd/boot/efi/linux$efiarch.efi.stub objcopy=objcopy end vma
	[ "$ARCH" = x86_64 ] || objcopy=aarch64-linux-gnu-objcopy
	printf '%s' "$uki_cmdline" > "$tmp/cmdline"
	printf '%s' "$1" > "$tmp/uname"
	end=0
	while read -r size addr; do
		[ $((0x$addr + 0x$size)) -le "$end" ] || end=$((0x$addr + 0x$size))
	done < <(${objcopy%objcopy}objdump -h "$stub" | awk '$1 ~ /^[0-9]+$/ { print $3, $4 }')
	vma=$(( (end + 0xffff) & ~0xffff ))
	local args=() name file
	for name in osrel:$out/rootfs/usr/lib/os-release uname:$tmp/uname cmdline:$tmp/cmdline \
		linux:$out/rootfs/boot/vmlinuz-$1 initrd:$out/rootfs/boot/initrd.img-$1; do
		file=${name#*:} name=.${name%%:*}
		args+=(--add-section "$name=$file" --change-section-vma "$name=$(printf 0x%x $vma)")
		vma=$(( (vma + $(stat -L -c %s "$file") + 0xffff) & ~0xffff ))
	done
	"$objcopy" "${args[@]}" "$stub" "$2"
	sign "$2"
}

{
	cat "$out/rootfs.stamp"
	echo "default $DEFAULT_ENTRY cmdline $cmdline esp $esp_mib root $ROOT_MIB"
	echo "machine $(sed -n '/^# What the cases/,$p' "$0" | sha256sum | cut -c1-16)"
	[ -z "${KEXEC_TOOLS:-}" ] || echo "kexec $(sha256sum < "$KEXEC_TOOLS" | cut -c1-16)"
	for v in $ours_ver $deb_ver; do
		echo "$v $(cat "$out/rootfs/boot/vmlinuz-$v" "$out/rootfs/boot/initrd.img-$v" | sha256sum | cut -c1-16)"
	done
} > "$out/disk.inputs"
if cmp -s "$out/disk.inputs" "$out/disk.stamp" 2>/dev/null && [ -f "$out/disk.img" ]; then
	say "disk up to date ($out/disk.img)"
	exit 0
fi
t0=$(date +%s)
rm -f "$out/disk.stamp"

# The EFI system partition, made as a file and filled with mtools.
esp=$out/esp.img
rm -f "$esp"
mkfs.vfat -F 32 -n ESP -i 6B2B0E50 -C "$esp" $((esp_mib * 1024)) >/dev/null
export MTOOLS_SKIP_CHECK=1
mmd -i "$esp" ::/EFI ::/EFI/BOOT ::/EFI/systemd ::/loader ::/loader/entries
sdboot=$out/rootfs/usr/lib/systemd/boot/efi/systemd-boot$efiarch.efi
mcopy -i "$esp" "$sdboot" ::/EFI/BOOT/$efiboot
mcopy -i "$esp" "$sdboot" ::/EFI/systemd/systemd-boot$efiarch.efi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf 'default %s\ntimeout 0\nconsole-mode keep\neditor no\n' "$DEFAULT_ENTRY" > "$tmp/loader.conf"
mcopy -i "$esp" "$tmp/loader.conf" ::/loader/loader.conf
entry() {	# name version title
	mmd -i "$esp" "::/$1"
	mcopy -i "$esp" "$out/rootfs/boot/vmlinuz-$2" "::/$1/vmlinuz"
	mcopy -i "$esp" "$out/rootfs/boot/initrd.img-$2" "::/$1/initrd.img"
	printf 'title %s\nversion %s\nlinux /%s/vmlinuz\ninitrd /%s/initrd.img\noptions %s\n' \
		"$3" "$2" "$1" "$1" "$cmdline" > "$tmp/$1.conf"
	mcopy -i "$esp" "$tmp/$1.conf" "::/loader/entries/$1.conf"
}
[ -z "$ours_ver" ] || entry ours "$ours_ver" "Linux $ours_ver (ours)"
if [ -n "$ours_ver" ]; then
	make_uki "$ours_ver" "$out/ours-uki.efi"
	mmd -i "$esp" ::/EFI/Linux
	mcopy -i "$esp" "$out/ours-uki.efi" ::/EFI/Linux/ours-uki.efi
	echo /boot/efi/EFI/Linux/ours-uki.efi > "$share/ours-uki.efi-path"
	printf '%s\n' "$uki_cmdline" > "$share/uki.cmdline"
fi
[ -z "$deb_ver" ] || entry debian "$deb_ver" "Debian Linux $deb_ver"

# The root file system, from the tree (owners, modes and xattrs kept).
rootimg=$out/root.img
rm -f "$rootimg"
nice -n 19 mkfs.ext4 -q -F -L debian-root -d "$out/rootfs" "$rootimg" "${ROOT_MIB}M" >/dev/null

# GPT: 1 MiB of table, the ESP, the root, 1 MiB for the backup table.
disk=$out/disk.img.new
rm -f "$disk"
truncate -s $((1 + esp_mib + ROOT_MIB + 1))M "$disk"
sfdisk -q "$disk" <<-EOF
label: gpt
label-id: $disk_guid
unit: sectors
start=2048, size=$((esp_mib * 2048)), type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, uuid=$esp_partuuid, name=esp
start=$(( (1 + esp_mib) * 2048 )), size=$((ROOT_MIB * 2048)), type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, uuid=$root_partuuid, name=root
EOF
dd if="$esp" of="$disk" bs=1M seek=1 conv=notrunc,sparse status=none
dd if="$rootimg" of="$disk" bs=1M seek=$((1 + esp_mib)) conv=notrunc,sparse status=none
rm -f "$esp" "$rootimg"
mv "$disk" "$out/disk.img"
mv "$out/disk.inputs" "$out/disk.stamp"
say "disk $out/disk.img (default entry $DEFAULT_ENTRY: ${ours_ver:-} ${deb_ver:-}) in $(( $(date +%s) - t0 )) s"
