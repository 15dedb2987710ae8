# SPDX-License-Identifier: GPL-2.0
# kunit.py exec --qemu_config: an x86_64 test kernel (make check boots the
# plain one, build/x86_64), on the CPU model and machine of the x86_64
# guest lanes.
from ..qemu_config import QemuArchParams

QEMU_ARCH = QemuArchParams(linux_arch='x86_64',
			   kconfig='',
			   qemu_arch='x86_64',
			   kernel_path='arch/x86/boot/bzImage',
			   kernel_command_line='console=ttyS0',
			   extra_qemu_params=['-M', 'pc', '-cpu', 'qemu64'])
