# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Case kexec-reboot, run by kexec-vm-run.service on each boot: the kexec
# reboot a user does (kexec -s -l with --reuse-cmdline, then systemctl
# kexec); on the boot after it, what the judge reads. Lines start with
# "CASE ".
state=/var/lib/kexec-vm-case
if [ -e $state/boot_id ]; then
	echo "CASE previous_boot $(cat $state/boot_id)"
	echo "CASE this_boot $(cat /proc/sys/kernel/random/boot_id)"
	echo "CASE release $(uname -r)"
	echo "CASE multi_user $(systemctl is-active multi-user.target)"
	echo "CASE kdump $(kdump-config status 2>&1 | tr '\n' ' ')"
	rm -rf $state
	echo "CASE-DONE"
	exit 0
fi
mkdir -p $state
cat /proc/sys/kernel/random/boot_id > $state/boot_id
echo "CASE kdump_before $(kdump-config status 2>&1 | tr '\n' ' ')"
kexec -s -l "/boot/vmlinuz-$(uname -r)" --initrd="/boot/initrd.img-$(uname -r)" --reuse-cmdline
echo "CASE load_rc $?"
sync
systemctl kexec
