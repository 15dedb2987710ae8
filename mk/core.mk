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
#   make kunit [KUNIT_KERNELS=...] KUnit suites in each test kernel (QEMU) -> "kunit: N passed, N failed, N skipped"
#   make tools                    build/tools/kexec-image-info

CORE_DIR := $(SRC)/tools/testing/kexec_image
CORE_MAKE = $(MAKE) --no-print-directory -C $(CORE_DIR) KSRC=$(SRC) \
	OUT=$(B)/host FUZZ_OUT=$(B)/fuzz TOOL_OUT=$(B)/tools
FUZZ_SECONDS ?= 60
# The kernels that run the suites, by build directory (build/ARCH or
# build/ARCH-FLAVOR): bzImage and ELF on x86_64, the arm64 Image on arm64
# (its KASAN kernel), zImage and the segment bookkeeping everywhere.
KUNIT_KERNELS ?= x86_64 arm64-fuzz arm riscv64

.PHONY: hosttest fuzz fuzz-smoke kunit tools
# hosttest reads Debian's x86_64 bzImage (--unwrap): fetched here once, so
# that a cold make check runs that test rather than skipping it; where it
# cannot be downloaded the test is a skip with its reason.
hosttest: tree
	@$(TOP)/mk/fetch-debian-kernel.sh x86_64 > /dev/null || true
	@$(CORE_MAKE) run DEBIAN=$(B)/debian VMLINUX=$(B)/x86_64/vmlinux

fuzz: tree
	@$(CORE_MAKE) fuzz FUZZ_SECONDS=$(FUZZ_SECONDS)

fuzz-smoke: tree
	@$(CORE_MAKE) fuzz-smoke

tools: tree
	@$(CORE_MAKE) tool

# KUNIT_BUILD=0 (make check, after its build suite) skips the kernel step.
KUNIT_BUILD ?= 1
kunit: tree
	@[ "$(KUNIT_BUILD)" = 0 ] || for k in $(KUNIT_KERNELS); do \
		$(MAKE) --no-print-directory kernel ARCH=$${k%%-*} \
			$$(case $$k in *-*) echo FLAVOR=$${k#*-};; esac) || exit 1; \
	done
	@$(CORE_DIR)/run-kunit.sh $(SRC) $(B) "$(KUNIT_KERNELS)"
