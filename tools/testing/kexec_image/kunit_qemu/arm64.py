# SPDX-License-Identifier: GPL-2.0
# kunit.py exec --qemu_config: an arm64 test kernel (make check boots the
# KASAN one, build/arm64-fuzz), uncompressed, on the CPU model and machine
# of the arm64 guest lanes.
from ..qemu_config import QemuArchParams

QEMU_ARCH = QemuArchParams(linux_arch='arm64',
			   kconfig='',
			   qemu_arch='aarch64',
			   kernel_path='arch/arm64/boot/Image',
			   kernel_command_line='console=ttyAMA0',
			   extra_qemu_params=['-M', 'virt', '-cpu', 'cortex-a57'])
