# SPDX-License-Identifier: GPL-2.0
"""arm: QEMU's virt machine without high memory booting our zImage;
through Debian's 32-bit AAVMF on the distro lane."""

ARCH = 'arm'
# crashkernel= holds our KASAN test kernel and its initrd with room to spare.
CONFIG = dict(qemu='qemu-system-arm', machine=['-M', 'virt,highmem=off'],
              cpu='cortex-a15', image='zImage', console='ttyAMA0',
              crashkernel='crashkernel=96M', crash_args='nr_cpus=1 reset_devices')
CONFIG.update(uefi=dict(code='/usr/share/AAVMF/AAVMF32_CODE.fd',
                        vars='/usr/share/AAVMF/AAVMF32_VARS.fd',
                        machine=['-M', 'virt,highmem=off', '-device', 'virtio-rng-pci']))
