# SPDX-License-Identifier: GPL-2.0
"""The modules of kexec_vm.py, the QEMU runner of the guest tests, by
concern (the way tools/testing/kunit/ splits kunit.py):

  cases       the Case class and the table of cases
  lanes       Lane: arch, CPU, kernel build and boot arguments; QEMU, KVM
  qemu_configs/  one file per architecture: its QEMU settings
  boot        one case on one lane: initramfs, command lines, QEMU, judge
  ktap, judge the console log's KTAP streams, and the results
  dumps       a kdump case's dump on the host: makedumpfile -R, gdb, crash
  initramfs   gen_init_cpio
  images      headers read by kexec-image-info
  payloads    the files a case's payload names
  pvh, uki, signatures, unwrap, kselftest, debian
              the inputs of each format and source
  check       the run and check commands
  bench       bench and bench-unwrap
  handover    bench's handover: kexec to the next kernel's init, timed
  console     QEMU's serial console on a pipe, lines stamped on arrival
  fuzz        fuzz-vm and fuzz-vm-repro
  util        paths and small helpers
"""
