#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boots build/debian-image/ARCH/disk.img (mk/debian-image.sh) in QEMU
# through UEFI firmware, without KVM, the serial console in a file, and
# waits for what the image prints (see mk/debian-image.sh):
#
#   mk/debian-image-boot.sh ARCH [SCRIPT]
#
#   SCRIPT     a shell script the machine runs once multi-user.target is
#              reached (kexec-vm-run.service, from a second raw disk); its
#              output lands in the console log. Without it the machine is
#              powered off once "KEXEC-VM-READY" is seen.
#   SECBOOT=1  OVMF with Secure Boot on and Debian's snakeoil keys enrolled
#              (mk/debian-image.sh signs systemd-boot and our kernel with
#              that key; Debian's kernel entry does not boot then)
#   TIMEOUT=s  give up after s seconds (900)
#   LOG=file   the console log (build/debian-image/ARCH/console.log)
#   OUT_DIR=dir   the image's directory, as given to mk/debian-image.sh
#   DISK=file  the disk to boot instead of OUT_DIR/disk.img, e.g. a qcow2
#              overlay on it, so that a run leaves the image as it was
#   WAIT_FOR=re   the line that ends the run (default: KEXEC-VM-RUN-END with
#              a SCRIPT, KEXEC-VM-READY without)
#   REBOOT=1   a reboot goes through the firmware again in the same QEMU
#              (and the same variable store), instead of ending the run
#   DUMP_DISK=file   a third virtio disk (/dev/vdc), raw, made empty here,
#              where the machine may leave a dump for the host
#
# Exit status 0 when the awaited line came, 1 otherwise (the log's tail is
# printed). The time from QEMU's start to each marker line is printed.

set -euo pipefail
ARCH=${1:-x86_64}
SCRIPT=${2:-}
top=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT_DIR:-$top/build/debian-image/$ARCH}
LOG=${LOG:-$out/console.log}
TIMEOUT=${TIMEOUT:-900}
DISK=${DISK:-$out/disk.img}
[ -f "$DISK" ] || { echo "debian-image-boot: no $DISK: run mk/debian-image.sh $ARCH" >&2; exit 2; }
case $DISK in *.qcow2) disk_format=qcow2 ;; *) disk_format=raw ;; esac

case "$ARCH" in
x86_64)
	if [ "${SECBOOT:-0}" = 1 ]; then
		code=/usr/share/OVMF/OVMF_CODE_4M.secboot.fd vars0=/usr/share/OVMF/OVMF_VARS_4M.snakeoil.fd
	else
		code=/usr/share/OVMF/OVMF_CODE_4M.fd vars0=/usr/share/OVMF/OVMF_VARS_4M.fd
	fi
	# shellcheck disable=SC2054 # QEMU's comma-separated options
	qemu=(qemu-system-x86_64 -M q35,smm=on,accel=tcg -cpu max -m 2G -smp 2
		-global driver=cfi.pflash01,property=secure,value=on
		-drive if=pflash,format=raw,unit=0,readonly=on,file="$code"
		-drive if=pflash,format=raw,unit=1,file="$out/vars.fd") ;;
arm64)
	# AAVMF's code has no separate Secure Boot build: the snakeoil
	# variable store turns it on. acpi=off: the firmware hands the kernel
	# QEMU's device tree (as on the kexec-vm arm64 distro lanes; with
	# the firmware's ACPI tables our kernel opens no console). The
	# virtio RNG seeds the EFI stub's KASLR.
	code=/usr/share/AAVMF/AAVMF_CODE.fd vars0=/usr/share/AAVMF/AAVMF_VARS.fd
	[ "${SECBOOT:-0}" != 1 ] || vars0=/usr/share/AAVMF/AAVMF_VARS.snakeoil.fd
	# shellcheck disable=SC2054 # QEMU's comma-separated options
	qemu=(qemu-system-aarch64 -M virt,acpi=off -cpu cortex-a57 -m 2G -smp 2
		-device virtio-rng-pci
		-drive if=pflash,format=raw,unit=0,readonly=on,file="$code"
		-drive if=pflash,format=raw,unit=1,file="$out/vars.fd") ;;
*)	echo "debian-image-boot: ARCH=$ARCH: x86_64 or arm64" >&2; exit 2 ;;
esac
cp "$vars0" "$out/vars.fd"

run=()
if [ -n "$SCRIPT" ]; then
	{ echo '#!kexec-vm-run'; cat "$SCRIPT"; } > "$out/run.img"
	truncate -s 1M "$out/run.img"
	# shellcheck disable=SC2054 # QEMU's comma-separated options
	run=(-drive if=virtio,format=raw,file="$out/run.img")
	WAIT_FOR=${WAIT_FOR:-KEXEC-VM-RUN-END}
else
	WAIT_FOR=${WAIT_FOR:-KEXEC-VM-READY}
fi

if [ -n "${DUMP_DISK:-}" ]; then
	rm -f "$DUMP_DISK"
	truncate -s 768M "$DUMP_DISK"
	[ ${#run[@]} -gt 0 ] || { echo "debian-image-boot: DUMP_DISK needs a SCRIPT" >&2; exit 2; }
	# shellcheck disable=SC2054 # QEMU's comma-separated options
	run+=(-drive if=virtio,format=raw,file="$DUMP_DISK")
fi
reboot=(-no-reboot)
[ "${REBOOT:-0}" != 1 ] || reboot=()

: > "$LOG"
t0=$(date +%s.%N)
nice -n 19 "${qemu[@]}" -display none "${reboot[@]}" -nic none \
	-drive if=virtio,format="$disk_format",file="$DISK" "${run[@]}" \
	-serial file:"$LOG" -monitor none &
qpid=$!
trap 'kill "$qpid" 2>/dev/null || true' EXIT

elapsed() { echo "$(date +%s.%N) - $t0" | bc | xargs printf '%.1f'; }
declare -A seen
ok=1
while kill -0 "$qpid" 2>/dev/null; do
	for m in 'Linux version' 'Reached target.*Multi-User' KEXEC-VM-READY KEXEC-VM-RUN-END \
		'CASE [a-z-]*\.done'; do
		# Each time a marker is seen again (one per boot).
		n=$(grep -ac "$m" "$LOG" || true)
		[ "$n" -gt "${seen[$m]:-0}" ] || continue
		seen[$m]=$n
		echo "debian-image-boot: $(elapsed) s: $(grep -a "$m" "$LOG" | tail -n1 | tr -d '\r' | cut -c1-150)"
	done
	if grep -aqE "$WAIT_FOR" "$LOG"; then ok=0; break; fi
	if [ "$(echo "$(elapsed) > $TIMEOUT" | bc)" = 1 ]; then
		echo "debian-image-boot: timeout after $TIMEOUT s"; break
	fi
	sleep 2
done
if kill -0 "$qpid" 2>/dev/null; then
	sleep 2
	kill "$qpid" 2>/dev/null || true
fi
wait "$qpid" 2>/dev/null || true
# The machine may print the awaited line and power off between two looks.
[ $ok = 0 ] || ! grep -aqE "$WAIT_FOR" "$LOG" || ok=0
if [ $ok != 0 ]; then
	echo "debian-image-boot: no '$WAIT_FOR' in $LOG; its tail:"
	tail -n 30 "$LOG" | tr -d '\r'
fi
exit $ok
