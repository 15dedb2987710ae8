# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Case secure-boot, booted with Secure Boot on: the state the firmware
# gave, kdump-tools' own choice of kexec -s, and the refusals users meet,
# each with the kernel's line from the journal.
var=/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c
sb=$(od -An -t u1 -j 4 -N 1 "$var" 2>/dev/null | tr -d ' ')
echo "CASE secureboot ${sb:-none}"
echo "CASE lockdown $(cat /sys/kernel/security/lockdown 2>/dev/null)"
echo "CASE kdump $(kdump-config status 2>&1 | tr '\n' ' ')"
echo "CASE kexec_cmd $(head -n1 /var/crash/kexec_cmd 2>/dev/null)"
k=/boot/vmlinuz-$(uname -r)
i=/boot/initrd.img-$(uname -r)
# kexec_load(2): lockdown refuses it.
kexec -l "$k" --initrd="$i" --reuse-cmdline > /tmp/l.txt 2>&1
echo "CASE kexec_load_rc $? $(tr '\n' ' ' < /tmp/l.txt | cut -c1-200)"
# An unsigned kernel: the signature check refuses it, with its line.
cp "$k" /tmp/unsigned
sbattach --remove /tmp/unsigned > /dev/null 2>&1 || true
kexec -s -l /tmp/unsigned --initrd="$i" --reuse-cmdline > /tmp/u.txt 2>&1
echo "CASE unsigned_rc $? $(tr '\n' ' ' < /tmp/u.txt | cut -c1-200)"
said=$(journalctl -k -o cat --no-pager | grep -a 'kexec' | tail -n 2 | tr '\n' '|')
echo "CASE unsigned_kernel_line $said"
# Ours, signed with the key of the firmware's db: it loads.
kexec -s -l "$k" --initrd="$i" --reuse-cmdline > /tmp/s.txt 2>&1
echo "CASE signed_rc $? $(tr '\n' ' ' < /tmp/s.txt | cut -c1-200)"
kexec -s -u
echo "CASE-DONE"
