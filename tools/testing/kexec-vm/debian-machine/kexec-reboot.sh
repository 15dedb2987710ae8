# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# make run MACHINE=debian: the kexec reboot a user does (kexec -s -l with
# --reuse-cmdline, then systemctl kexec), run by kexec-vm-run.service on
# each boot; on the boot after it, what mk/run-debian-machine.sh tells.
# Lines start with "CASE ".
state=/var/lib/kexec-vm-case
var=/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c
tell() {
	echo "CASE $1release $(uname -r)"
	echo "CASE $1boot_id $(cat /proc/sys/kernel/random/boot_id)"
	echo "CASE $1secureboot $(od -An -t u1 -j 4 -N 1 "$var" 2>/dev/null | tr -d ' ')"
	echo "CASE $1lockdown $(cat /sys/kernel/security/lockdown 2>/dev/null)"
	echo "CASE $1multi_user $(systemctl is-active multi-user.target)"
	echo "CASE $1kdump $(kdump-config status 2>&1 | tr '\n' ' ')"
	echo "CASE $1cmdline $(cat /proc/cmdline)"
}
if [ -e $state/boot_id ]; then
	tell second.
	rm -rf $state
	echo "CASE-DONE"
	exit 0
fi
mkdir -p $state
cat /proc/sys/kernel/random/boot_id > $state/boot_id
tell first.
cmd="kexec -s -l /boot/vmlinuz-$(uname -r) --initrd=/boot/initrd.img-$(uname -r) --reuse-cmdline"
echo "CASE load_cmd $cmd"
/usr/sbin/$cmd > /tmp/load.txt 2>&1
echo "CASE load_rc $? $(tr '\n' ' ' < /tmp/load.txt)"
sync
systemctl kexec
