# SPDX-License-Identifier: GPL-2.0
"""x86_64: QEMU's pc machine booting our bzImage; through OVMF on the
distro lanes (q35 with SMM where Secure Boot is on, as OVMF's secure
build needs)."""

ARCH = 'x86_64'
# crashkernel= holds our KASAN test kernel and its initrd with room to spare.
CONFIG = dict(qemu='qemu-system-x86_64', machine=['-M', 'pc'],
              cpu='qemu64', image='bzImage', console='ttyS0',
              crashkernel='crashkernel=160M', crash_args='nr_cpus=1 reset_devices')
UEFI = dict(code='/usr/share/OVMF/OVMF_CODE_4M.fd', vars='/usr/share/OVMF/OVMF_VARS_4M.fd',
            machine=['-M', 'pc'])
# Debian's snakeoil keys enrolled as PK, KEK and db, Secure Boot on.
UEFI_SB = dict(code='/usr/share/OVMF/OVMF_CODE_4M.secboot.fd',
               vars='/usr/share/OVMF/OVMF_VARS_4M.snakeoil.fd',
               machine=['-M', 'q35,smm=on', '-global', 'driver=cfi.pflash01,property=secure,value=on'])
CONFIG.update(uefi=UEFI, uefi_sb=UEFI_SB)
