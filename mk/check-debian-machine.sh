#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check-debian-machine.sh [ARCH]: the cases of the Debian machine that
# make debian-image makes, each booted through UEFI firmware by
# mk/debian-image-boot.sh and driven by a script of
# tools/testing/kexec-vm/debian-machine/, which systemd runs once
# multi-user.target is reached. The scripts print "CASE key value" lines;
# the console logs are kept in build/debian-image/ARCH/CASE.log. One
# result line per check, then "debian-machine: N passed, N failed,
# N skipped".
#
#   kexec-reboot  kexec -s -l /boot/vmlinuz-$(uname -r) --initrd=...
#                 --reuse-cmdline, systemctl kexec: the machine comes back
#                 through systemd's shutdown with a new boot id, reaches
#                 multi-user.target, and kdump-tools has armed the crash
#                 kernel again
#   kdump-tools   kdump-tools armed the crash kernel at boot with kexec -s;
#                 a sysrq crash; the crash kernel boots the same root, the
#                 dump service writes /var/crash/STAMP/dump.STAMP and
#                 dmesg.STAMP and reboots; on the next boot the files are
#                 there, the dmesg file holds the panic line, and
#                 makedumpfile reads the dump
#   secure-boot   booted with Secure Boot on (OVMF's snakeoil variables;
#                 systemd-boot and our kernel signed with that key): the
#                 firmware's state, lockdown [integrity] from it,
#                 kdump-tools' crash kernel loaded with kexec -s,
#                 kexec_load(2) refused by lockdown, a kernel without its
#                 signature refused by kexec -s with the kernel's line,
#                 our signed kernel loaded
set -uo pipefail

arch=${1:-x86_64}
top=$(cd "$(dirname "$0")/.." && pwd)
scripts=$top/tools/testing/kexec-vm/debian-machine
out=${OUT_DIR:-$top/build/debian-image/$arch}
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

val() {		# val LOG KEY: the value of the last "CASE KEY" line
	grep -a "^CASE $2 " "$1" | tail -n1 | cut -d' ' -f3- | tr -d '\r'
}

# Each case boots a qcow2 overlay of the image, made afresh: what a case
# leaves on its disk is not the next case's start.
overlay() {	# overlay CASE: a fresh overlay for CASE
	rm -f "$out/$1.qcow2"
	qemu-img create -q -f qcow2 -b "$out/disk.img" -F raw "$out/$1.qcow2"
}

boot() {	# boot CASE NAME SCRIPT WAIT_FOR: one boot of CASE's disk, its console in NAME.log
	rm -f "$out/$2.log"
	SECBOOT=${SECBOOT:-0} DISK=$out/$1.qcow2 LOG=$out/$2.log WAIT_FOR=$4 TIMEOUT=${TIMEOUT:-600} \
		"$top/mk/debian-image-boot.sh" "$arch" "$3" > "$out/$2.boot" 2>&1
}

[ -f "$out/disk.img" ] || {
	echo "FAIL debian-machine/$arch # no $out/disk.img: make debian-image ARCH=$arch"
	echo "debian-machine: 0 passed, 1 failed"; exit 1; }

kexec_reboot() {
	local log=$out/kexec-reboot.log prev this
	overlay kexec-reboot
	if ! boot kexec-reboot kexec-reboot "$scripts/kexec-reboot.sh" CASE-DONE; then
		result FAIL kexec-reboot "no CASE-DONE, see $log"
		return
	fi
	prev=$(val "$log" previous_boot) this=$(val "$log" this_boot)
	check kexec-reboot/load "kexec -s -l exit status $(val "$log" load_rc)" \
		test "$(val "$log" load_rc)" = 0
	check kexec-reboot/new-boot "boot id $prev, then $this" \
		test -n "$prev" -a -n "$this" -a "$prev" != "$this"
	check kexec-reboot/multi-user "multi-user.target $(val "$log" multi_user)" \
		test "$(val "$log" multi_user)" = active
	check kexec-reboot/kdump-armed "kdump-config: $(val "$log" kdump)" \
		grep -aq "^CASE kdump .*ready to kdump" "$log"
}

kdump_tools() {
	local log=$out/kdump-tools.log after=$out/kdump-tools-after.log mdf
	overlay kdump-tools
	boot kdump-tools kdump-tools "$scripts/kdump-tools-crash.sh" 'reboot: Restarting system'
	check kdump-tools/armed "kdump-config: $(val "$log" kdump)" \
		grep -aq "^CASE kdump .*ready to kdump" "$log"
	check kdump-tools/kexec-s "kdump-tools ran: $(val "$log" kexec_cmd | cut -c1-60)" \
		grep -aqE "^CASE kexec_cmd .*kexec (.* )?-s( |$)" "$log"
	check kdump-tools/panic "the sysrq panic and the crash kernel's dump service" \
		grep -aq "kdump-tools: saved vmcore in /var/crash/" "$log"
	if ! boot kdump-tools kdump-tools-after "$scripts/kdump-tools-after.sh" CASE-DONE; then
		result FAIL kdump-tools/files "no CASE-DONE, see $after"
		return
	fi
	check kdump-tools/files "$(grep -a '^CASE file ' "$after" | cut -d' ' -f3- | tr -d '\r' | xargs)" \
		grep -aqE "^CASE file dump\.[0-9]+ [1-9]" "$after"
	check kdump-tools/dmesg-panic "panic lines in the dmesg file: $(val "$after" dmesg_panic)" \
		test "$(val "$after" dmesg_panic)" -ge 1
	mdf=$(val "$after" makedumpfile_rc)
	# makedumpfile 1.7.2 warns that it does not know Linux 6.12 on every
	# run, a good one too: only its status and the panic line decide.
	if [ "${mdf%% *}" = 0 ] && [ "$(val "$after" dump_panic)" -ge 1 ]; then
		result PASS kdump-tools/makedumpfile "makedumpfile --dump-dmesg finds the panic in the dump"
	else
		result FAIL kdump-tools/makedumpfile "makedumpfile --dump-dmesg: $mdf"
	fi
}

secure_boot() {
	local log=$out/secure-boot.log
	overlay secure-boot
	if ! SECBOOT=1 boot secure-boot secure-boot "$scripts/secure-boot.sh" CASE-DONE; then
		result FAIL secure-boot "no CASE-DONE, see $log"
		return
	fi
	check secure-boot/firmware "SecureBoot variable $(val "$log" secureboot)" \
		test "$(val "$log" secureboot)" = 1
	check secure-boot/lockdown "lockdown $(val "$log" lockdown)" \
		grep -aq '^CASE lockdown .*\[integrity\]' "$log"
	check secure-boot/kdump-kexec-s "kdump-config: $(val "$log" kdump | xargs); ran $(val "$log" kexec_cmd | cut -c1-24)" \
		grep -aqE '^CASE kexec_cmd .*kexec (.* )?-s( |$)' "$log"
	check secure-boot/kexec-load-refused "kexec -l: $(val "$log" kexec_load_rc | cut -c1-60)" \
		grep -aqE '^CASE kexec_load_rc [1-9][0-9]* .*Permission denied' "$log"
	check secure-boot/unsigned-refused "kexec -s of the kernel without its signature: $(val "$log" unsigned_rc | cut -c1-60); the kernel said: $(val "$log" unsigned_kernel_line | tr '|' '\n' | grep -a 'kexec_file:' | head -n1)" \
		grep -aqE '^CASE unsigned_kernel_line .*kexec_file: .*signature verification failed' "$log"
	check secure-boot/signed-loads "kexec -s of our signed kernel: exit status $(val "$log" signed_rc)" \
		test "$(val "$log" signed_rc | cut -d' ' -f1)" = 0
}

kexec_reboot
kdump_tools
secure_boot
echo "debian-machine: $pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
