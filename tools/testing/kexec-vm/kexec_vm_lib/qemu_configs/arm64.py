# SPDX-License-Identifier: GPL-2.0
"""arm64: QEMU's virt machine booting our Image; through AAVMF on the
distro lanes, with a virtio RNG for the EFI stub's KASLR seed. Those boot
with acpi=off, so that the firmware hands the kernel QEMU's device tree:
with the firmware's ACPI tables our kernel opens no console (its PL011 is
not bound under ACPI), which is not solved yet."""

ARCH = 'arm64'
# crashkernel= holds our KASAN test kernel and its initrd with room to spare.
# granules: the translation granules of QEMU's arm64 CPU models
# (ID_AA64MMFR0_EL1.TGRAN*), handed to the guest as kt.granules=: the
# page-size refusal test expects a 16K-page Image refused where the 16K
# granule is missing and loaded where it is present. A model not listed
# here makes that test skip.
CONFIG = dict(qemu='qemu-system-aarch64', machine=['-M', 'virt'],
              cpu='cortex-a57', image='Image', console='ttyAMA0',
              crashkernel='crashkernel=160M', crash_args='nr_cpus=1 reset_devices',
              granules={'cortex-a57': '4k,64k', 'max': '4k,16k,64k'})
UEFI = dict(code='/usr/share/AAVMF/AAVMF_CODE.fd', vars='/usr/share/AAVMF/AAVMF_VARS.fd',
            machine=['-M', 'virt,acpi=off', '-device', 'virtio-rng-pci'])
# Debian's snakeoil keys enrolled as PK, KEK and db, Secure Boot on.
UEFI_SB = dict(UEFI, vars='/usr/share/AAVMF/AAVMF_VARS.snakeoil.fd')
CONFIG.update(uefi=UEFI, uefi_sb=UEFI_SB)
