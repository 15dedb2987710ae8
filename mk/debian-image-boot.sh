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
*)	echo "debian-image-boot: ARCH=$ARCH not done yet" >&2; exit 2 ;;
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

: > "$LOG"
t0=$(date +%s.%N)
nice -n 19 "${qemu[@]}" -display none -no-reboot -nic none \
	-drive if=virtio,format="$disk_format",file="$DISK" "${run[@]}" \
	-serial file:"$LOG" -monitor none &
qpid=$!
trap 'kill "$qpid" 2>/dev/null || true' EXIT

elapsed() { echo "$(date +%s.%N) - $t0" | bc | xargs printf '%.1f'; }
seen=
ok=1
while kill -0 "$qpid" 2>/dev/null; do
	for m in 'Linux version' 'Reached target.*Multi-User' KEXEC-VM-READY KEXEC-VM-RUN-END; do
		case " $seen " in *" $m "*) continue ;; esac
		if grep -aq "$m" "$LOG"; then
			seen+=" $m"
			echo "debian-image-boot: $(elapsed) s: $(grep -a -m1 "$m" "$LOG" | tr -d '\r' | cut -c1-150)"
		fi
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
if [ $ok != 0 ]; then
	echo "debian-image-boot: no '$WAIT_FOR' in $LOG; its tail:"
	tail -n 30 "$LOG" | tr -d '\r'
fi
exit $ok
