# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Case kdump-tools, the boot after the dump: the files and what they hold.
d=
for x in /var/crash/2*; do
	[ -d "$x" ] && d=$x && break
done
echo "CASE dir ${d:-none}"
[ -n "$d" ] || { echo CASE-DONE; exit 0; }
for f in "$d"/dump.* "$d"/dmesg.*; do
	echo "CASE file $(basename "$f") $(stat -c %s "$f")"
done
panic='Kernel panic - not syncing: sysrq triggered crash'
echo "CASE dmesg_panic $(grep -a -c "$panic" "$d"/dmesg.*)"
# kdump-tools writes the flattened format (makedumpfile -F) through its
# compressor: rearrange it first, as a user reading it would.
set -- "$d"/dump.*
dump=$1
if head -c 12 "$dump" | grep -aq makedumpfile; then
	makedumpfile -R /tmp/dump.rearranged < "$dump" > /tmp/mdf-r.txt 2>&1
	echo "CASE rearranged $? $(tail -n1 /tmp/mdf-r.txt)"
	dump=/tmp/dump.rearranged
fi
makedumpfile --dump-dmesg "$dump" /tmp/dmesg.txt > /tmp/mdf.txt 2>&1
echo "CASE makedumpfile_rc $? $(tr '\n' ' ' < /tmp/mdf.txt | cut -c1-300)"
echo "CASE dump_panic $(grep -a -c 'sysrq triggered crash' /tmp/dmesg.txt 2>/dev/null)"
echo CASE-DONE
