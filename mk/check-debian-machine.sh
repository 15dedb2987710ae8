#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check-debian-machine.sh [ARCH]: the cases of the Debian machine that
# make debian-image makes, as one machine's life: a qcow2 overlay of the
# image booted once by mk/debian-image-boot.sh through UEFI firmware with
# Secure Boot on (the snakeoil keys of Debian's firmware package), firmware
# reboots staying in the same QEMU, and
# tools/testing/kexec-vm/debian-machine/machine.sh run by systemd at every
# boot that reaches multi-user.target. The console log is kept in
# build/debian-image/ARCH/machine.log. One result line per check, then
# "debian-machine: N passed, N failed, N skipped".
#
#   secure-boot   the firmware booted the signed UKI through systemd-boot;
#                 Secure Boot on and the kernel locked down [integrity] by it
#   refusals      (case 3) kexec -l refused (under Secure Boot the IMA
#                 arch policy refuses it before lockdown); kexec -s of our
#                 kernel unsigned, or signed by a key the machine does not
#                 trust, refused with the kernel's line; the UKI with a
#                 command line of the user's refused (the signer's is used)
#   kexec-reboot  (case 2) kexec -s -l /boot/vmlinuz-$(uname -r) --initrd=...
#                 --reuse-cmdline, systemctl kexec: back through systemd's
#                 shutdown with a new boot id, multi-user.target, Secure
#                 Boot and lockdown, kdump armed again
#   uki           (case 4) the UKI kexec'd by kexec -s with no command
#                 line: the next kernel has the UKI's .cmdline
#   kdump-tools   (case 1) armed at boot with kexec -s; a sysrq crash; the
#                 crash kernel boots the same root, the dump service writes
#                 /var/crash/STAMP and reboots; the files, the panic line in
#                 dmesg.STAMP, makedumpfile reads the dump; on x86_64 gdb on
#                 the host opens it with our vmlinux
#   debian-kernel (case 5, when the image has Debian's kernel and CASE5 is
#                 not 0) refused
#                 until its signer's certificate is appended to db, then
#                 kexec'd to multi-user.target on its own initrd
#
# KERNEL_BUILD: the build directory of the kernel in the image (its
# vmlinux for gdb; default build/ARCH-distro).
set -uo pipefail

arch=${1:-x86_64}
top=$(cd "$(dirname "$0")/.." && pwd)
scripts=$top/tools/testing/kexec-vm/debian-machine
out=${OUT_DIR:-$top/build/debian-image/$arch}
build=${KERNEL_BUILD:-$top/build/$arch-distro}
log=$out/machine.log
pass=0 fail=0 skip=0

result() {	# result PASS|FAIL|SKIP NAME REASON
	echo "$1 debian-machine/$arch/$2 # $3"
	case $1 in
	PASS) pass=$((pass + 1)) ;;
	FAIL) fail=$((fail + 1)) ;;
	*) skip=$((skip + 1)) ;;
	esac
}

check() {	# check NAME REASON COMMAND...: PASS when COMMAND succeeds
	local name=$1 why=$2
	shift 2
	if "$@"; then result PASS "$name" "$why"; else result FAIL "$name" "$why"; fi
}

val() {		# val KEY: the value of the last "CASE KEY" line
	# (the root shell the serial console logs in may print its prompt
	# on the same line first)
	grep -a -o "CASE $1 .*" "$log" | tail -n1 | cut -d' ' -f3- | tr -d '\r'
}
has() {		# has KEY ERE: KEY's value matches ERE
	val "$1" | grep -aqE -- "$2"
}
rc() {		# rc KEY: the exit status of a try
	val "$1.rc" | cut -d' ' -f1
}
line() {	# line KEY: the kernel's first kexec_file, Lockdown or IMA line of a try
	val "$1.kernel" | tr '|' '\n' | grep -a -m1 -E 'kexec_file|Lockdown|ima:' || true
}
refused() {	# refused KEY ERE: the try failed, and the kernel's line matches ERE
	[ "$(rc "$1")" != 0 ] && line "$1" | grep -qE -- "$2"
}
locked() {	# locked STEP: Secure Boot on and lockdown [integrity] at STEP
	[ "$(val "$1.secureboot")" = 1 ] && has "$1.lockdown" '\[integrity\]'
}
differ() {	# differ A B: two non-empty values that differ
	[ -n "$(val "$1")" ] && [ -n "$(val "$2")" ] && [ "$(val "$1")" != "$(val "$2")" ]
}

uki_cmdline() {	# the UKI kexec'd with no command line has its .cmdline
	differ kexec-reboot.boot_id uki.boot_id && [ "$(val uki.cmdline)" = "$(val firmware.uki_cmdline)" ]
}
dump_files() {	# kdump-tools' dump and dmesg files, not empty
	grep -aqE 'CASE dump.file dump\.[0-9]+ [1-9]' "$log" &&
		grep -aqE 'CASE dump.file dmesg\.[0-9]+ [1-9]' "$log"
}
makedumpfile_read() {	# makedumpfile read the dump and found the panic
	[ "$(val dump.makedumpfile_rc | cut -d' ' -f1)" = 0 ] && [ "$(val dump.dump_panic)" -ge 1 ]
}
debian_booted() {	# Debian's kernel, to multi-user.target, locked down
	has debian.release '\+deb12' && [ "$(val debian.multi_user)" = active ] && locked debian
}

[ -f "$out/disk.img" ] || {
	echo "FAIL debian-machine/$arch # no $out/disk.img: make debian-image ARCH=$arch"
	echo "debian-machine: 0 passed, 1 failed"; exit 1; }
case5=${CASE5:-$([ -f "$out/rootfs/usr/local/share/kexec-vm/case5" ] && echo 1 || echo 0)}
last=$([ "$case5" = 1 ] && echo debian || echo dump)

rm -f "$out/machine.qcow2"
qemu-img create -q -f qcow2 -b "$out/disk.img" -F raw "$out/machine.qcow2"
t0=$(date +%s)
{ echo "CASE5=$case5"; cat "$scripts/machine.sh"; } > "$out/machine.sh"
SECBOOT=1 REBOOT=1 DISK=$out/machine.qcow2 LOG=$log DUMP_DISK=$out/dump.img \
	WAIT_FOR="CASE $last\\.done" TIMEOUT=${TIMEOUT:-1800} \
	"$top/mk/debian-image-boot.sh" "$arch" "$out/machine.sh" > "$out/machine.boot" 2>&1
booted=$?
sed 's/^/  | /' "$out/machine.boot"
echo "  machine: $(( $(date +%s) - t0 )) s, console in ${log#"$top"/}"
[ $booted = 0 ] || result FAIL run "the machine did not reach 'CASE $last.done'; see $log"

# The firmware's boot.
check secure-boot/firmware "SecureBoot variable $(val firmware.secureboot)" \
	test "$(val firmware.secureboot)" = 1
check secure-boot/lockdown "lockdown $(val firmware.lockdown)" has firmware.lockdown '\[integrity\]'
check secure-boot/uki "systemd-boot started the UKI: /proc/cmdline has its kexec_vm.uki=1" \
	has firmware.cmdline 'kexec_vm\.uki=1'

# Case 3: the refusals users meet.
check refusals/kexec-load "kexec -l: $(val firmware.kexec_load.rc | cut -c1-60); $(line firmware.kexec_load)" \
	refused firmware.kexec_load 'Lockdown|ima: .*kexec_file_load'
for t in unsigned untrusted; do
	check "refusals/$t" "kexec -s: $(val "firmware.$t.rc" | cut -c1-50); the kernel: $(line "firmware.$t")" \
		refused "firmware.$t" 'signature verification failed'
done
check refusals/uki-debian-client "Debian's kexec -s of the UKI: $(val firmware.uki_debian_client.rc | cut -c1-70)" \
	has firmware.uki_debian_client.rc '^[1-9][0-9]* .*Cannot determine the file type'
check refusals/uki-other-cmdline "kexec -s of the UKI with a command line: $(line firmware.uki_other_cmdline)" \
	refused firmware.uki_other_cmdline 'signatures are enforced'

# Case 2: the kexec reboot.
check kexec-reboot/load "kexec -s -l exit status $(rc firmware.load)" test "$(rc firmware.load)" = 0
check kexec-reboot/systemd-shutdown "systemd's shutdown said: $(grep -a -m1 -o 'Rebooting with kexec.*' "$log" | tr -d '\r')" \
	grep -aq 'Rebooting with kexec' "$log"
check kexec-reboot/new-boot "boot id $(val firmware.boot_id), then $(val kexec-reboot.boot_id)" \
	differ firmware.boot_id kexec-reboot.boot_id
check kexec-reboot/multi-user "multi-user.target $(val kexec-reboot.multi_user)" \
	test "$(val kexec-reboot.multi_user)" = active
check kexec-reboot/secure-boot "SecureBoot $(val kexec-reboot.secureboot), lockdown $(val kexec-reboot.lockdown)" \
	locked kexec-reboot
check kexec-reboot/kdump-armed "kdump-config: $(val kexec-reboot.kdump | cut -c1-60)" \
	has kexec-reboot.kdump 'ready to kdump'

# Case 4: the UKI kexec'd.
check uki/load "kexec -s -l of the UKI (kexec-tools with patches/kexec-tools): exit status $(rc kexec-reboot.load)" \
	test "$(rc kexec-reboot.load)" = 0
check uki/cmdline "the next kernel's command line is the UKI's .cmdline: $(val uki.cmdline | cut -c1-60)..." \
	uki_cmdline
check uki/secure-boot "SecureBoot $(val uki.secureboot), lockdown $(val uki.lockdown)" \
	locked uki

# Case 1: kdump-tools.
check kdump-tools/armed "kdump-config: $(val uki.kdump | cut -c1-60)" has uki.kdump 'ready to kdump'
check kdump-tools/kexec-s "kdump-tools ran: $(val uki.kexec_cmd | cut -c1-60)" \
	has uki.kexec_cmd 'kexec (.* )?-s( |$)'
check kdump-tools/dump-service "the crash kernel's dump service: $(grep -a -m1 -o 'kdump-tools: saved vmcore in [^ ]*' "$log")" \
	grep -aq 'kdump-tools: saved vmcore in /var/crash/' "$log"
check kdump-tools/files "$(grep -a -o 'CASE dump.file .*' "$log" | cut -d' ' -f3- | tr -d '\r' | xargs)" \
	dump_files
check kdump-tools/dmesg-panic "panic lines in the dmesg file: $(val dump.dmesg_panic)" \
	test "$(val dump.dmesg_panic)" -ge 1
check kdump-tools/makedumpfile "makedumpfile -R, then --dump-dmesg: $(val dump.makedumpfile_rc | cut -c1-60); panic lines $(val dump.dump_panic)" \
	makedumpfile_read
if [ "$arch" = x86_64 ]; then
	if [ -f "$build/vmlinux" ] && [ -n "$(val dump.to_host)" ]; then
		n=0
		while read -r st name why; do
			result "$st" "kdump-tools/${name#*host:}" "${why#\# }"
			n=$((n + 1))
		done < <(python3 "$scripts/host_gdb.py" "$out/dump.img" "$build" "$out/host-dump" \
			"debian-machine/$arch/kdump-tools/host:" "$arch" 2> "$out/host-gdb.err")
		[ $n -gt 0 ] || result FAIL kdump-tools/host-gdb "no result: $(tail -n1 "$out/host-gdb.err")"
	else
		result FAIL kdump-tools/host-gdb "no dump reached the host, or no $build/vmlinux"
	fi
fi
# The dump disk is kept when something failed, for a look at it.
[ "$fail" != 0 ] || rm -f "$out/dump.img"

# Case 5: Debian's own kernel.
if [ "$case5" = 1 ]; then
	check debian-kernel/refused "before: $(line dump.debian_refused)" \
		refused dump.debian_refused 'signature verification failed'
	check debian-kernel/db-append "$(cat "$out/rootfs/usr/local/share/kexec-vm/case5") appended to db: $(val dump.db_append)" \
		test "$(val dump.db_append | cut -d' ' -f1)" = 0
	check debian-kernel/load "kexec -s -l after a reboot: $(val enrolled.debian_load.rc | cut -c1-60)" \
		test "$(rc enrolled.debian_load)" = 0
	check debian-kernel/boots "$(val debian.release), multi-user.target $(val debian.multi_user), lockdown $(val debian.lockdown)" \
		debian_booted
else
	result SKIP debian-kernel "case 5 needs Debian's kernel in the image, and CASE5 not 0"
fi

echo "debian-machine: $pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
