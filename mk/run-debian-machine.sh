#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-debian-machine.sh [ARCH]: make run MACHINE=debian. Boots the Debian
# machine of make debian-image through UEFI firmware, with Secure Boot on
# (SECBOOT=0: off), on a fresh qcow2 overlay of the image, and does the
# kexec reboot a user does (tools/testing/kexec-vm/debian-machine/
# kexec-reboot.sh): kexec -s -l of the running kernel with its initrd and
# --reuse-cmdline, then systemctl kexec. Tells what happened, as make run
# does, from the machine's own words; exits non-zero with the reason and
# the console's tail when anything fails.
set -uo pipefail

arch=${1:-x86_64}
top=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT_DIR:-$top/build/debian-image/$arch}
log=$out/run.log
secboot=${SECBOOT:-1}

val() {		# val KEY: the value of the last "CASE KEY" line
	grep -a -o "CASE $1 .*" "$log" | tail -n1 | cut -d' ' -f3- | tr -d '\r'
}
fail() {
	echo "debian-machine: FAIL: $*"
	echo "  console tail ($log):"
	tail -n 15 "$log" | tr -d '\r' | sed 's/^/  | /'
	exit 1
}
firmware=$([ "$arch" = x86_64 ] && echo OVMF || echo AAVMF)
echo "debian-machine: $arch under TCG through $firmware, Secure Boot $([ "$secboot" = 1 ] && echo on || echo off)"
echo "  image    ${out#"$top"/}/disk.img (Debian 12, systemd, kexec-tools, kdump-tools)"

rm -f "$out/run.qcow2"
qemu-img create -q -f qcow2 -b "$out/disk.img" -F raw "$out/run.qcow2" || exit 1
t0=$(date +%s)
SECBOOT=$secboot DISK=$out/run.qcow2 LOG=$log WAIT_FOR=CASE-DONE TIMEOUT=${TIMEOUT:-900} \
	"$top/mk/debian-image-boot.sh" "$arch" \
	"$top/tools/testing/kexec-vm/debian-machine/kexec-reboot.sh" > "$out/run.boot" 2>&1
booted=$?
rm -f "$out/run.qcow2"
took=$(( $(date +%s) - t0 ))

first="$(val first.release), multi-user.target $(val first.multi_user), lockdown: $(val first.lockdown)"
[ -n "$(val first.release)" ] || fail "the machine did not reach multi-user.target"
echo "  first    $first"
echo "  kdump    $(val first.kdump | sed 's/  */ /g')"
echo "  load     $(val load_cmd)"
echo "           exit status $(val load_rc)"
[ "$(val load_rc | cut -d' ' -f1)" = 0 ] || fail "kexec -s -l failed: $(val load_rc)"
echo "  exec     systemctl kexec: $(grep -a -m1 -o 'Rebooting with kexec.*' "$log" | tr -d '\r')"
[ $booted = 0 ] || fail "no second boot to multi-user.target after the kexec"
echo "  second   $(val second.release), multi-user.target $(val second.multi_user), lockdown: $(val second.lockdown)"
echo "  boot id  $(val first.boot_id) -> $(val second.boot_id)"
echo "  kdump    $(val second.kdump | sed 's/  */ /g')"
echo "  log      ${log#"$top"/} ($took s)"
[ "$(val first.boot_id)" != "$(val second.boot_id)" ] || fail "the boot id did not change"
[ "$(val second.multi_user)" = active ] || fail "multi-user.target is $(val second.multi_user)"
if [ "$secboot" = 1 ]; then
	grep -q '\[integrity\]' <<< "$(val second.lockdown)" || fail "not locked down after the kexec"
fi
echo "debian-machine: OK: kexec reboot into $(val second.release) through systemd"
