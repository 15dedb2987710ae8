# SPDX-License-Identifier: GPL-2.0
# kunit.py exec --qemu_config: the riscv64 test kernel (build/riscv64),
# its Image on QEMU's virt machine under the OpenSBI firmware QEMU ships,
# as the riscv64 guest lane boots it.
from ..qemu_config import QemuArchParams

QEMU_ARCH = QemuArchParams(linux_arch='riscv',
			   kconfig='',
			   qemu_arch='riscv64',
			   kernel_path='arch/riscv/boot/Image',
			   kernel_command_line='console=ttyS0',
			   extra_qemu_params=['-M', 'virt', '-bios', 'default',
					      '-cpu', 'rv64'])
