# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Case kdump-tools, first boot: kdump-tools armed the crash kernel at
# boot; what it ran, then a sysrq crash. The crash kernel's dump service
# writes /var/crash/STAMP and reboots.
echo "CASE kdump $(kdump-config status 2>&1 | tr '\n' ' ')"
echo "CASE kexec_cmd $(cat /var/lib/kdump/kexec_cmd /var/crash/kexec_cmd 2>/dev/null | head -n1)"
rm -rf /var/crash/2*
sync
echo "CASE crashing"
echo c > /proc/sysrq-trigger
