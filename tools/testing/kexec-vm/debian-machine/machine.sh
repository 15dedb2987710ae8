# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# The Debian machine's cases as one machine's life, run by
# kexec-vm-run.service at every boot that reaches multi-user.target; the
# step it is at is kept on the root file system. Secure Boot is on; the
# firmware boots the signed UKI through systemd-boot. Each step prints
# "CASE step.key value" lines for mk/check-debian-machine.sh to judge.
#
#   firmware     the state the firmware gave; the refusals users meet;
#                then kexec -s -l of our kernel with --reuse-cmdline and
#                systemctl kexec (case 2)
#   kexec-reboot the state after that kexec; then kexec -s -l of the UKI,
#                no initrd and no command line given, and systemctl kexec
#                (case 4)
#   uki          the UKI's .cmdline is this kernel's; kdump-tools armed
#                with kexec -s; a sysrq crash (case 1). The crash kernel's
#                dump service writes /var/crash and the firmware boots
#                the UKI again
#   dump         the dump's files, makedumpfile on them, the stream copied
#                to the third disk for gdb on the host; when the image has
#                Debian's kernel (and CASE5 is not 0): Debian's kernel
#                refused, its signer's certificate appended to db, and a
#                reboot; otherwise power off
#   enrolled     Debian's kernel now loads and is kexec'd (case 5)
#   debian       Debian's kernel reached multi-user.target; power off
#
# /usr/local/share/kexec-vm/ holds what the image put there for it:
# uki.cmdline, vmlinuz-untrusted (our kernel signed by a key the machine
# does not trust), ours-uki.efi-path, case5 (present when case 5 runs) and
# db-append.auth.
share=/usr/local/share/kexec-vm
state=/var/lib/kexec-vm-case
mkdir -p $state
# The crash kernel boots this root too, for the dump service alone.
[ -e /proc/vmcore ] && exit 0
step=$(cat $state/step 2>/dev/null || echo firmware)
# Debian's kexec-tools, as a user runs it, and the same source with
# patches/kexec-tools/ (its kexec -s hands a UKI to the kernel).
debian_kexec=/usr/sbin/kexec
patched_kexec=/usr/local/sbin/kexec
say() { echo "CASE $step.$1 $2"; }
next() { echo "$1" > $state/step; sync; }

kernel_lines() {	# the kernel's kexec lines since the mark, one line
	journalctl -k -o cat --no-pager | sed -n "/kexec-vm-mark $1/,\$p" |
		grep -a -E 'kexec|Lockdown|signature|PKCS#7|ima:' | grep -v kexec-vm-mark |
		tr '\n' '|'
}
mark=0
try() {		# try NAME COMMAND...: its status, output and kernel lines
	try_name=$1
	shift
	mark=$((mark + 1))
	echo "kexec-vm-mark $step.$try_name.$mark" > /dev/kmsg
	"$@" > /tmp/try.txt 2>&1
	say "$try_name.rc" "$? $(tr '\n' ' ' < /tmp/try.txt | cut -c1-200)"
	sleep 1
	say "$try_name.kernel" "$(kernel_lines "$step.$try_name.$mark")"
}

secureboot=/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c
machine_state() {
	say secureboot "$(od -An -t u1 -j 4 -N 1 $secureboot 2>/dev/null | tr -d ' ')"
	say lockdown "$(cat /sys/kernel/security/lockdown 2>/dev/null)"
	say release "$(uname -r)"
	say boot_id "$(cat /proc/sys/kernel/random/boot_id)"
	say cmdline "$(cat /proc/cmdline)"
	say multi_user "$(systemctl is-active multi-user.target)"
	say kdump "$(kdump-config status 2>&1 | tr '\n' ' ')"
	# kdump-tools' saved command (where its version keeps it).
	say kexec_cmd "$(cat /var/lib/kdump/kexec_cmd /var/crash/kexec_cmd 2>/dev/null | head -n1)"
}

# The ESP is mounted with nofail, so multi-user.target does not wait for
# it; the UKI is there.
systemctl start boot-efi.mount
ours=/boot/vmlinuz-$(uname -r)
initrd=/boot/initrd.img-$(uname -r)
uki=$(cat $share/ours-uki.efi-path 2>/dev/null)
debian_vmlinuz=$(ls /boot/vmlinuz-*+deb12-* 2>/dev/null | sort -V | tail -n1)

case $step in
firmware)
	machine_state
	say uki_cmdline "$(cat $share/uki.cmdline)"
	# Case 3: what lockdown and the signature check refuse.
	try kexec_load $debian_kexec -l "$ours" --initrd="$initrd" --reuse-cmdline
	cp "$ours" /tmp/unsigned
	sbattach --remove /tmp/unsigned > /dev/null 2>&1
	try unsigned $debian_kexec -s -l /tmp/unsigned --initrd="$initrd" --reuse-cmdline
	try untrusted $debian_kexec -s -l $share/vmlinuz-untrusted --initrd="$initrd" \
		--reuse-cmdline
	# Debian's kexec-tools 2.0.25 knows no UKI; the UKI's command line is
	# the signer's under lockdown.
	try uki_debian_client $debian_kexec -s -l "$uki"
	try uki_other_cmdline $patched_kexec -s -l "$uki" --command-line="quiet"
	$debian_kexec -s -u
	# Case 2: the kexec reboot a user does.
	try load $debian_kexec -s -l "$ours" --initrd="$initrd" --reuse-cmdline
	next kexec-reboot
	echo "CASE $step.done"
	systemctl kexec
	;;
kexec-reboot)
	machine_state
	# Case 4: the UKI the firmware booted, kexec'd by kexec -s.
	try load $patched_kexec -s -l "$uki"
	next uki
	echo "CASE $step.done"
	systemctl kexec
	;;
uki)
	machine_state
	# Case 1: kdump-tools armed the crash kernel; the crash.
	rm -rf /var/crash/2*
	next dump
	echo "CASE $step.done"
	sync
	echo c > /proc/sysrq-trigger
	;;
dump)
	machine_state
	d=
	for x in /var/crash/2*; do
		[ -d "$x" ] && d=$x && break
	done
	say dir "${d:-none}"
	if [ -n "$d" ]; then
		for f in "$d"/dump.* "$d"/dmesg.*; do
			say file "$(basename "$f") $(stat -c %s "$f")"
		done
		panic='Kernel panic - not syncing: sysrq triggered crash'
		say dmesg_panic "$(grep -a -c "$panic" "$d"/dmesg.*)"
		set -- "$d"/dump.*
		# The flattened stream kdump-tools wrote (makedumpfile -F):
		# rearranged first, as a user reading it here does, and
		# copied to the third disk for gdb on the host.
		makedumpfile -R /tmp/dump.elf < "$1" > /tmp/mdf-r.txt 2>&1
		say rearranged "$? $(tail -n1 /tmp/mdf-r.txt)"
		makedumpfile --dump-dmesg /tmp/dump.elf /tmp/dmesg.txt > /tmp/mdf.txt 2>&1
		say makedumpfile_rc "$? $(tr '\n' ' ' < /tmp/mdf.txt | cut -c1-300)"
		say dump_panic "$(grep -a -c 'sysrq triggered crash' /tmp/dmesg.txt 2>/dev/null)"
		rm -f /tmp/dump.elf
		if [ -b /dev/vdc ]; then
			{ printf 'kexec-vm dump %s\n' "$(stat -c %s "$1")"; } |
				dd of=/dev/vdc bs=4096 conv=sync status=none
			dd if="$1" of=/dev/vdc bs=1M seek=4096 oflag=seek_bytes status=none
			sync
			say to_host "$(stat -c %s "$1")"
		fi
	fi
	if [ ! -e $share/case5 ] || [ -z "$debian_vmlinuz" ] || [ "${CASE5:-1}" = 0 ]; then
		echo "CASE $step.done"
		systemctl poweroff
		exit 0
	fi
	# Case 5: Debian's kernel, refused until its signer is trusted.
	try debian_refused $debian_kexec -s -l "$debian_vmlinuz" \
		--initrd="/boot/initrd.img-${debian_vmlinuz#/boot/vmlinuz-}" --reuse-cmdline
	$debian_kexec -s -u
	# Debian's signing certificate appended to db, by an update that
	# the snakeoil KEK signed (EFI_VARIABLE_APPEND_WRITE and
	# time-based authentication, with the non-volatile, boot and
	# runtime access attributes).
	db=/sys/firmware/efi/efivars/db-d719b2cb-3d3a-4596-a3bc-dad00e67656f
	chattr -i "$db" 2>/dev/null
	{ printf '\147\000\000\000'; cat $share/db-append.auth; } > /tmp/db.write
	dd if=/tmp/db.write of="$db" bs=65536 status=none 2> /tmp/db.txt
	say db_append "$? $(tr '\n' ' ' < /tmp/db.txt)"
	next enrolled
	echo "CASE $step.done"
	systemctl reboot
	;;
enrolled)
	machine_state
	try debian_load $debian_kexec -s -l "$debian_vmlinuz" \
		--initrd="/boot/initrd.img-${debian_vmlinuz#/boot/vmlinuz-}" --reuse-cmdline
	next debian
	echo "CASE $step.done"
	systemctl kexec
	;;
debian)
	machine_state
	next finished
	echo "CASE $step.done"
	systemctl poweroff
	;;
*)
	echo "CASE $step.done"
	systemctl poweroff
	;;
esac
