# SPDX-License-Identifier: GPL-2.0
"""riscv64: QEMU's virt machine booting our Image in S-mode under the
OpenSBI firmware QEMU ships (-bios default), which hands the kernel
QEMU's device tree. One of make check's lanes; alone, --arch riscv64
or CHECK_ARCHES=riscv64."""

ARCH = 'riscv64'
# crashkernel= holds our test kernel and its initrd with room to spare.
CONFIG = dict(qemu='qemu-system-riscv64', machine=['-M', 'virt', '-bios', 'default'],
              cpu='rv64', image='Image', console='ttyS0',
              crashkernel='crashkernel=160M', crash_args='nr_cpus=1 reset_devices')
