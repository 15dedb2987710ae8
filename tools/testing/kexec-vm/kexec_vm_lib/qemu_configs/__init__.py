# SPDX-License-Identifier: GPL-2.0
"""Each architecture's QEMU settings, one file each: the QEMU binary and
machine, the default CPU model, the kernel image QEMU boots, the serial
console, the crash kernel's reservation and command line."""
from . import arm, arm64, riscv64, x86_64

ARCHES = {m.ARCH: m.CONFIG for m in (x86_64, arm64, arm, riscv64)}
