# SPDX-License-Identifier: GPL-2.0
"""arm64: QEMU's virt machine booting our Image."""

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
