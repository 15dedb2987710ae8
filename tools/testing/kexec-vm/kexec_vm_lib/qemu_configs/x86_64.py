# SPDX-License-Identifier: GPL-2.0
"""x86_64: QEMU's pc machine booting our bzImage."""

ARCH = 'x86_64'
# crashkernel= holds our KASAN test kernel and its initrd with room to spare.
CONFIG = dict(qemu='qemu-system-x86_64', machine=['-M', 'pc'],
              cpu='qemu64', image='bzImage', console='ttyS0',
              crashkernel='crashkernel=160M', crash_args='nr_cpus=1 reset_devices')
