# SPDX-License-Identifier: GPL-2.0
#
# The image-format core (kernel/kexec_image*.c): host unit tests, fuzzing,
# KUnit and kexec-image-info. Included by the top-level Makefile, which
# defines TOP, B and SRC; every target builds from build/src, so that the
# host sees exactly the kernel/kexec_image*.c the kernel compiles.
#
#   make hosttest                 unit tests under ASan+UBSan -> "hosttest: N passed, N failed, N skipped"
#   make fuzz [FUZZ_SECONDS=N]    each libFuzzer target N seconds (default 60)
#   make fuzz-smoke               every target, under a minute -> "fuzz: N passed, N failed"
#   make kunit [KUNIT_ARCHES=...] KUnit suite on UML and arm64 (QEMU) -> "kunit: N passed, N failed, N skipped"
#   make tools                    build/tools/kexec-image-info

CORE_DIR := $(SRC)/tools/testing/kexec_image
CORE_MAKE = $(MAKE) --no-print-directory -C $(CORE_DIR) KSRC=$(SRC) \
	OUT=$(B)/host FUZZ_OUT=$(B)/fuzz TOOL_OUT=$(B)/tools
FUZZ_SECONDS ?= 60
# UML runs every parser but arm64's, which reads arm64's own header struct.
KUNIT_ARCHES ?= um arm64

.PHONY: hosttest fuzz fuzz-smoke kunit tools
hosttest: tree
	@$(CORE_MAKE) run DEBIAN=$(B)/debian VMLINUX=$(B)/x86_64/vmlinux

fuzz: tree
	@$(CORE_MAKE) fuzz FUZZ_SECONDS=$(FUZZ_SECONDS)

fuzz-smoke: tree
	@$(CORE_MAKE) fuzz-smoke

tools: tree
	@$(CORE_MAKE) tool

kunit: tree
	@$(CORE_DIR)/run-kunit.sh $(SRC) $(B)/kunit "$(KUNIT_ARCHES)" $(JOBS)
