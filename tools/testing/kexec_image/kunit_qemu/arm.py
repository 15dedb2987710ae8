# SPDX-License-Identifier: GPL-2.0
# kunit.py exec --qemu_config: an arm test kernel (make check boots the
# plain one, build/arm), on the CPU model and machine of the arm guest lanes.
from ..qemu_config import QemuArchParams

QEMU_ARCH = QemuArchParams(linux_arch='arm',
			   kconfig='',
			   qemu_arch='arm',
			   kernel_path='arch/arm/boot/zImage',
			   kernel_command_line='console=ttyAMA0',
			   extra_qemu_params=['-M', 'virt,highmem=off', '-cpu', 'cortex-a15'])
