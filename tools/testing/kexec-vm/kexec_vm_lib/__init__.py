# SPDX-License-Identifier: GPL-2.0
"""The modules of kexec_vm.py, the QEMU runner of the guest tests, by
concern."""
