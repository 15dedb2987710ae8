# SPDX-License-Identifier: GPL-2.0
#
# kexec_file_load(2) image loaders: the project driver. See README.md.
#
#   make run   [ARCH=...] [KERNEL=file|debian] [MACHINE=debian]  boot, kexec, tell
#   make check [DEBUG=kasan]                                  every test, one total
#   make bench ARCH=... [KERNEL=debian|ours|FILE] [BENCH=load|handover|all]
#                                                             load/unload; the handover
#                                                             (kexec to the next init): ours vs base
#   make bench-unwrap                                         arm64: in-kernel unwrap vs userspace
#   make kernel ARCH=...  guest ARCH=...  tree  debian-kernel ARCH=...
#   make kselftest ARCH=...                                   kselftest install of selftests/kexec
#   make patches  patches-check  docs-check                   the series for upstream; its checks
#   make hosttest  fuzz-smoke  fuzz  kunit  tools             the image-format core
#   make fuzz-vm ARCH=... [FUZZ_SECONDS=N] [SEED=S] [FUZZ_WORKERS=N]  fuzz the syscall under KASAN
#   make fuzz-vm-repro ARCH=... FILE=...                      replay one saved input
#   make debian-image  check-debian-machine  ARCH=x86_64|arm64  a Debian 12 UEFI machine, its cases

# bench-unwrap needs the arm64 zboot images: ARCH defaults to arm64 there.
ifeq ($(MAKECMDGOALS),bench-unwrap)
ARCH ?= arm64
endif
ARCH ?= x86_64
ARCHES := x86_64 arm64 arm
# make check builds and boots riscv64 too; it has no UEFI or distribution
# lanes yet.
OPT_ARCHES := riscv64
ifeq ($(filter $(ARCH),$(ARCHES) $(OPT_ARCHES)),)
$(error ARCH=$(ARCH) is not one of: $(ARCHES) $(OPT_ARCHES))
endif

# FLAVOR=fuzz: generic KASAN, lockdep and the lockup detectors
# (configs/kasan.config and configs/fuzz.config), in build/ARCH-fuzz, for
# make fuzz-vm; the arm64 one is also the kernel of the arm64+va48 and
# arm64+sig lanes (FLAVOR_ALSO below) and of make check's arm64 KUnit run
# and fuzz-vm smoke. FLAVOR=sig or va48:
# configs/sig.config or configs/va48.config alone, in build/ARCH-FLAVOR.
# FLAVOR=prod: without the debug options (configs/prod.config), for make
# bench.
FLAVOR ?=
TOP   := $(CURDIR)
B     := $(TOP)/build
SRC   := $(B)/src
OUT   := $(B)/$(ARCH)$(if $(FLAVOR),-$(FLAVOR))
JOBS  ?= $(shell nproc 2>/dev/null || echo 2)
PY    ?= python3

CROSS_x86_64 :=
CROSS_arm64  := aarch64-linux-gnu-
CROSS_arm    := arm-linux-gnueabihf-
CROSS_riscv64 := riscv64-linux-gnu-
IMAGE_x86_64 := arch/x86/boot/bzImage
IMAGE_arm64  := arch/arm64/boot/Image
IMAGE_arm    := arch/arm/boot/zImage
IMAGE_riscv64 := arch/riscv/boot/Image
# kbuild's ARCH where it differs from ours: it knows x86_64, not riscv64.
KARCH_riscv64 := riscv
CROSS := $(CROSS_$(ARCH))
IMAGE := $(IMAGE_$(ARCH))
KARCH := $(or $(KARCH_$(ARCH)),$(ARCH))

# CCACHE=1 compiles through ccache: it pays off when the same build/src path
# is rebuilt after config switches, and only costs on a cold build.
KMAKE = $(MAKE) -C $(SRC) O=$(OUT) ARCH=$(KARCH) CROSS_COMPILE=$(CROSS) \
	$(if $(filter 1,$(CCACHE)),CC="ccache $(CROSS)gcc") -j$(JOBS)

GUEST_DIR  := $(SRC)/tools/testing/selftests/kexec
GUEST_BINS := kexec_vm_init kexec_file_load_test kexec_boot_test kexec_bench \
	kexec_sig_test kexec_tools_test kexec_hotplug_test kexec_ima_test kexec_fuzz
GUEST_CFLAGS := -static -O2 -Wall -Wextra -Wno-unused-parameter \
	-I$(OUT)/usr/include -I$(SRC)/tools/testing/selftests
# kexec_fuzz.c links with these sources (kexec_fuzz.h says what each holds).
KEXEC_FUZZ_SRCS := $(GUEST_DIR)/kexec_fuzz.h $(addprefix $(GUEST_DIR)/kexec_fuzz_, \
	arm64.c bzimage.c elf.c gen.c gzip.c judge.c recipe.c sweep.c util.c \
	workers.c zboot.c zimage.c)

VM := $(PY) $(TOP)/tools/testing/kexec-vm/kexec_vm.py

.PHONY: all run check bench base-kernel kernel guest tree deps debian-kernel debian-image \
	check-debian-machine clean \
	distclean help kselftest patches patches-check docs-check bench-unwrap FORCE \
	fuzz-vm fuzz-vm-repro fuzz-vm-tool
all: kernel guest
FORCE:

help:
	@sed -n '3,15p' Makefile | sed 's/^# \{0,1\}//'

# Debian packages everything below needs; installed when root, named otherwise.
deps:
	@$(TOP)/mk/deps.sh

# build/src = Debian's linux-source-6.12 + patches/series + our overlay.
tree: deps
	@$(TOP)/mk/prepare-tree.sh

# The kernel config: allnoconfig + configs/common.config + configs/$(ARCH).config
# (+ configs/$(DEBUG).config with DEBUG=kasan). The fragment is rewritten
# only when its content changes, so switching DEBUG reconfigures.
# A flavor that also serves other lanes carries their fragments, so that
# lanes differing only in boot arguments or firmware share one build: the
# arm64 fuzz kernel has 48-bit VA (the arm64+va48 lane) and kexec
# signatures (the arm64+sig lane boots it with lockdown=integrity); each
# plain kernel has the distribution's options (configs/distro.config and
# configs/distro-ARCH.config), which the ARCH+distro lane boots through
# UEFI firmware; arm64's and x86_64's also carry the IMA list across
# kexec (configs/ima-kexec.config). FLAVOR=distro is the distribution's options
# without our debug ones (configs/prod.config), for make bench.
FLAVOR_ALSO_arm64_fuzz := va48 sig
FLAVOR_ALSO_$(ARCH)_ := distro distro-$(ARCH) $(if $(filter arm64 x86_64,$(ARCH)),ima-kexec)
FLAVOR_ALSO_$(ARCH)_distro := distro-$(ARCH) prod
# x86_64's and arm64's are also the kernels of the Debian machine (make
# debian-image); arm64's has 48-bit VA as Debian's has, whose dumps the
# machine's makedumpfile 1.7.2 reads (configs/va48.config).
FLAVOR_ALSO_x86_64_distro += debian-machine debian-machine-x86_64
FLAVOR_ALSO_arm64_distro += debian-machine debian-machine-arm64 va48
# riscv64 has no distribution options yet: no configs/distro-riscv64.config.
# Its plain kernel carries configs/sig.config, so that the riscv64+sig
# lane (lockdown=integrity) boots it.
FLAVOR_ALSO_riscv64_ := sig
FLAVOR_ALSO := $(FLAVOR_ALSO_$(ARCH)_$(FLAVOR))
FRAGMENTS := $(TOP)/configs/common.config $(TOP)/configs/$(ARCH).config \
	$(if $(filter fuzz,$(FLAVOR)),$(TOP)/configs/kasan.config) \
	$(foreach f,$(FLAVOR_ALSO),$(TOP)/configs/$(f).config) \
	$(if $(FLAVOR),$(TOP)/configs/$(FLAVOR).config) \
	$(if $(DEBUG),$(TOP)/configs/$(DEBUG).config)
$(OUT)/config.fragment: $(FRAGMENTS) FORCE
	@mkdir -p $(OUT)
	@cat $(FRAGMENTS) > $@.new
	@if cmp -s $@.new $@; then rm $@.new; else mv $@.new $@; fi

# A patch may add or change Kconfig symbols: regenerate and check then too.
$(OUT)/.config: $(OUT)/config.fragment $(wildcard $(TOP)/patches/*.patch) | tree
	@echo "  CONFIG  $(ARCH) from $(notdir $(FRAGMENTS))"
	@$(KMAKE) -s KCONFIG_ALLCONFIG=$< allnoconfig
	@$(TOP)/mk/check-config.sh $< $@

kernel: tree $(OUT)/.config
	@echo "  KERNEL  $(ARCH) -> $(patsubst $(B)/%,build/%,$(OUT))/$(notdir $(IMAGE))"
	@$(KMAKE) -s $(notdir $(IMAGE))
	@ln -sf $(IMAGE) $(OUT)/$(notdir $(IMAGE))
	@if grep -q '^CONFIG_GDB_SCRIPTS=y' $(OUT)/.config; then $(KMAKE) -s scripts_gdb; fi
	$(if $(filter arm64 riscv64,$(ARCH)),@$(MAKE) -s --no-print-directory zboot)

# arm64 and riscv64: our kernel as EFI zboot images (vmlinuz.efi from the base tree's
# Makefile.zboot), gzip and zstd, for the in-kernel unwrap tests. The zstd
# one overrides the compression Makefile.zboot picks from CONFIG_KERNEL_*.
# A kernel with configs/sig.config also has the gzip one signed with the
# key kbuild generated for it (certs/signing_key.pem, trusted by its
# builtin keyring).
ZBOOT_DIR  := $(OUT)/zboot
ZBOOT_EFI  := $(OUT)/arch/$(KARCH)/boot/vmlinuz.efi
ZBOOT_ZSTD := comp-type-y=zstd zboot-method-y=zstd22_with_size zboot-size-len-y=4
ZBOOT_KEY  := $(OUT)/certs/signing_key.pem
.PHONY: zboot
zboot: $(ZBOOT_DIR)/vmlinuz-gzip.efi $(ZBOOT_DIR)/vmlinuz-zstd.efi \
	$(if $(filter sig,$(FLAVOR) $(FLAVOR_ALSO)),$(ZBOOT_DIR)/vmlinuz-gzip.signed.efi)
$(ZBOOT_DIR)/vmlinuz-gzip.signed.efi: $(ZBOOT_DIR)/vmlinuz-gzip.efi $(ZBOOT_KEY)
	@echo "  SBSIGN  $(ARCH) -> $(patsubst $(B)/%,build/%,$@)"
	@sbsign --key $(ZBOOT_KEY) --cert $(ZBOOT_KEY) --output $@ $< 2>&1 | \
		grep -v '^Signing Unsigned original image' || true
	@test -s $@
$(ZBOOT_DIR)/vmlinuz-gzip.efi: $(OUT)/arch/$(KARCH)/boot/Image
	@mkdir -p $(dir $@)
	@echo "  ZBOOT   $(ARCH) gzip -> $(patsubst $(B)/%,build/%,$@)"
	@$(KMAKE) -s vmlinuz.efi
	@cp $(ZBOOT_EFI) $@
$(ZBOOT_DIR)/vmlinuz-zstd.efi: $(ZBOOT_DIR)/vmlinuz-gzip.efi
	@echo "  ZBOOT   $(ARCH) zstd -> $(patsubst $(B)/%,build/%,$@)"
	@$(KMAKE) -s vmlinuz.efi $(ZBOOT_ZSTD)
	@cp $(ZBOOT_EFI) $@

# Static test programs for the guest, built against this kernel's uapi.
$(OUT)/usr/include/linux/kexec.h: $(OUT)/.config
	@$(KMAKE) -s headers

$(B)/tools/gen_init_cpio: $(SRC)/usr/gen_init_cpio.c | tree
	@mkdir -p $(dir $@)
	@$(HOSTCC) -O2 -o $@ $<

HOSTCC ?= cc
$(OUT)/guest/%: $(GUEST_DIR)/%.c $(GUEST_DIR)/kexec_test_util.h \
		$(OUT)/usr/include/linux/kexec.h | tree
	@mkdir -p $(dir $@)
	@echo "  GUEST   $(ARCH) $*"
	@$(CROSS)gcc $(GUEST_CFLAGS) -o $@ $(filter %.c,$^)
$(OUT)/guest/kexec_fuzz: $(KEXEC_FUZZ_SRCS)

guest: tree
	@$(MAKE) -s --no-print-directory $(B)/tools/gen_init_cpio \
		$(addprefix $(OUT)/guest/,$(GUEST_BINS))

# The kexec selftests through the base tree's kselftest machinery: built
# static for ARCH (the guests have no libc) and installed with
# run_kselftest.sh into build/kselftest/ARCH/install, which the kselftest
# case of kexec_vm.py boots. Uses this kernel's uapi headers once they exist.
KSFT_OUT := $(B)/kselftest/$(ARCH)
kselftest: tree
	@mkdir -p $(KSFT_OUT)
	@echo "  KSFT    $(ARCH) -> build/kselftest/$(ARCH)/install"
	@$(MAKE) --no-print-directory -C $(SRC)/tools/testing/selftests TARGETS=kexec \
		ARCH=$(ARCH) CROSS_COMPILE=$(CROSS) O=$(KSFT_OUT) LDFLAGS=-static \
		$(if $(wildcard $(OUT)/usr/include/linux/kexec.h),KHDR_INCLUDES="-isystem $(OUT)/usr/include") \
		KSFT_INSTALL_PATH=$(KSFT_OUT)/install install > $(KSFT_OUT)/build.log 2>&1 || \
		{ cat $(KSFT_OUT)/build.log; exit 1; }

# A Debian kernel for ARCH, downloaded once into build/debian/.
debian-kernel: deps
	@$(TOP)/mk/fetch-debian-kernel.sh $(ARCH)

# A Debian 12 machine on a UEFI disk image (mk/debian-image.sh): systemd,
# kexec-tools and kdump-tools, with the distribution flavour of our kernel
# (FLAVOR=distro, configs/debian-machine.config) installed from the .deb
# of its bindeb-pkg, for x86_64 or arm64. Boot it with
# mk/debian-image-boot.sh ARCH.
DEBIAN_IMAGE_DEPS := mmdebstrap e2fsprogs dosfstools mtools fdisk debhelper kmod qemu-utils \
	$(if $(filter arm64,$(ARCH)),qemu-user-static arch-test qemu-efi-aarch64 binutils-aarch64-linux-gnu) \
	efitools
debian-image:
	@EXTRA_DEPS="$(DEBIAN_IMAGE_DEPS)" $(TOP)/mk/deps.sh
	@$(MAKE) --no-print-directory kernel ARCH=$(ARCH) FLAVOR=distro
	@KEXEC_TOOLS=$$($(TOP)/mk/build-kexec-tools.sh $(ARCH)) && export KEXEC_TOOLS && \
	KERNEL_DEB=build KERNEL_BUILD=$(B)/$(ARCH)-distro $(TOP)/mk/debian-image.sh $(ARCH)

# Its cases (mk/check-debian-machine.sh): one machine's life under Secure
# Boot, from the firmware's boot of the signed UKI through a kexec reboot,
# a kexec of the UKI, kdump-tools' dump and Debian's own kernel.
check-debian-machine: debian-image
	@$(TOP)/mk/check-debian-machine.sh $(ARCH)

# KERNEL=debian: Debian's current kernel for ARCH (see debian-kernel).
# MACHINE=debian: the Debian machine of make debian-image instead, booted
# through UEFI firmware with Secure Boot on (SECBOOT=0: off), and the kexec
# reboot a user does there (mk/run-debian-machine.sh).
ifeq ($(MACHINE),debian)
run: debian-image
	@$(TOP)/mk/run-debian-machine.sh $(ARCH)
else
run: kernel guest tools
	@$(if $(filter debian,$(KERNEL)),k=$$($(TOP)/mk/fetch-debian-kernel.sh $(ARCH)) || exit 1;) \
	$(VM) run --arch $(ARCH) $(if $(CPU),--cpu $(CPU)) \
		$(if $(filter debian,$(KERNEL)),--kernel "$$k", \
		$(if $(KERNEL),--kernel $(KERNEL)))
endif

check:
	@$(TOP)/mk/check.sh

# An unmodified kernel from Debian's tree (build/base) with our .config, for
# make bench; options only our tree has drop out in olddefconfig.
BASE_OUT := $(OUT)-base
BASE_KMAKE = $(MAKE) -C $(B)/base O=$(BASE_OUT) ARCH=$(KARCH) CROSS_COMPILE=$(CROSS) \
	$(if $(filter 1,$(CCACHE)),CC="ccache $(CROSS)gcc") -j$(JOBS)
base-kernel: kernel
	@mkdir -p $(BASE_OUT)
	@if ! cmp -s $(OUT)/.config $(BASE_OUT)/config.ours; then \
		cp $(OUT)/.config $(BASE_OUT)/.config && \
		$(BASE_KMAKE) -s olddefconfig && \
		cp $(OUT)/.config $(BASE_OUT)/config.ours; fi
	@echo "  KERNEL  $(ARCH) base tree -> $(patsubst $(TOP)/%,%,$(BASE_OUT))/$(notdir $(IMAGE))"
	@$(BASE_KMAKE) -s $(notdir $(IMAGE))

# kexec_file_load(2) load/unload pairs: our kernel vs the base, loading
# KERNEL=debian (the default: Debian's kernel for ARCH), KERNEL=ours (our own
# image) or KERNEL=FILE. On arm the base tree has no kexec_file: ours alone.
# Debian 12 has no riscv64 kernel: there KERNEL=ours is the default, and the
# base, whose riscv kexec_file takes only an ELF vmlinux, loads our vmlinux.
BENCH_KERNEL = $(or $(KERNEL),$(if $(filter riscv64,$(ARCH)),ours,debian))
BENCH_BASE = $(if $(filter arm,$(ARCH)),,base-kernel)
BENCH_BASE_PAYLOAD = $(strip $(if $(filter riscv64,$(ARCH)), \
	$(if $(filter ours,$(BENCH_KERNEL)),$(OUT)/vmlinux)))
# BENCH=load: the load figures; BENCH=handover: reboot(LINUX_REBOOT_CMD_KEXEC)
# to the next kernel's first line and to its init, with a 64 MiB initrd,
# HANDOVER_PAIRS boots per kernel taking turns (default 3); BENCH=all (the
# default): both, the load first.
BENCH ?= all
bench: kernel guest $(BENCH_BASE)
	@$(VM) bench --arch $(ARCH) $(if $(CPU),--cpu $(CPU)) $(if $(FLAVOR),--flavor $(FLAVOR)) \
		--what $(BENCH) $(if $(HANDOVER_PAIRS),--handover-pairs $(HANDOVER_PAIRS)) \
		$(if $(BENCH_BASE),--base $(BASE_OUT)/$(IMAGE)) \
		$(if $(BENCH_BASE_PAYLOAD),--base-payload $(BENCH_BASE_PAYLOAD)) \
		$(if $(filter debian,$(BENCH_KERNEL)),--payload $$($(TOP)/mk/fetch-debian-kernel.sh $(ARCH)), \
		$(if $(filter-out ours,$(BENCH_KERNEL)),--payload $(BENCH_KERNEL)))

# Loading a gzip or zboot file (the kernel unwraps it) against decompressing
# it in the guest and loading the raw Image from a memfd. The guest side is
# kexec_bench built with zlib and libzstd, linked statically from Debian's
# arm64 -dev packages (downloaded once, nothing installed on the host).
BENCH_UNWRAP := $(OUT)/bench/kexec_bench_unwrap
bench-unwrap: kernel guest tools
	@test "$(ARCH)" = arm64 || { echo "bench-unwrap: arm64 only (ARCH=arm64)"; exit 1; }
	@zlib=$$($(TOP)/mk/fetch-debian-pkg.sh $(ARCH) zlib1g-dev) && \
	zstd=$$($(TOP)/mk/fetch-debian-pkg.sh $(ARCH) libzstd-dev) && \
	mkdir -p $(dir $(BENCH_UNWRAP)) && echo "  GUEST   $(ARCH) kexec_bench_unwrap" && \
	$(CROSS)gcc $(GUEST_CFLAGS) -DKEXEC_BENCH_UNWRAP -I$$zlib/usr/include \
		-I$$zstd/usr/include -o $(BENCH_UNWRAP) $(GUEST_DIR)/kexec_bench.c \
		$$zlib/usr/lib/*/libz.a $$zstd/usr/lib/*/libzstd.a
	@$(VM) bench-unwrap --arch $(ARCH) $(if $(CPU),--cpu $(CPU)) --helper $(BENCH_UNWRAP)

# kexec_file_load(2) fuzzed in the guest (kexec_fuzz*.c) on the fuzz flavor:
# generic KASAN, lockdep, the lockup and hung-task detectors, booted with
# panic_on_warn=1. Findings go to build/ARCH/fuzz-vm/findings/N/ (input,
# recipe, what); fuzz-vm-repro loads one of them in a fresh boot. The
# fuzzer's engine, built for the host, rebuilds a finding's input from its
# recipe.
FUZZ_SECONDS ?= 600
SEED ?= 1
$(B)/tools/kexec_fuzz: $(GUEST_DIR)/kexec_fuzz.c $(KEXEC_FUZZ_SRCS) \
		$(GUEST_DIR)/kexec_test_util.h | tree
	@mkdir -p $(dir $@)
	@$(HOSTCC) -O2 -Wall -Wextra -Wno-unused-parameter -I$(SRC)/tools/testing/selftests \
		-o $@ $(filter %.c,$^)
fuzz-vm-tool: tree
	@$(MAKE) -s --no-print-directory $(B)/tools/kexec_fuzz

fuzz-vm: fuzz-vm-tool
	@$(MAKE) --no-print-directory kernel guest ARCH=$(ARCH) FLAVOR=fuzz
	@$(VM) fuzz-vm --arch $(ARCH) --seed $(SEED) \
		$(if $(FUZZ_WORKERS),--workers $(FUZZ_WORKERS)) \
		$(if $(FUZZ_INPUTS),--inputs $(FUZZ_INPUTS),--seconds $(FUZZ_SECONDS))

fuzz-vm-repro: fuzz-vm-tool
	@test -n "$(FILE)" || { echo "fuzz-vm-repro: FILE= names a saved input" \
		"(build/ARCH/fuzz-vm/findings/N/input)"; exit 1; }
	@$(MAKE) --no-print-directory kernel guest ARCH=$(ARCH) FLAVOR=fuzz
	@$(VM) fuzz-vm-repro --arch $(ARCH) --file $(FILE)

# The overlay and patches/series as a format-patch series against the base
# (patches/groups says what goes where) into build/patches/; patches-check
# applies it patch by patch to a pristine base, runs checkpatch and builds
# what each patch touches (PATCHES_CHECK_ARCHES limits the kernels).
patches: tree
	@$(TOP)/mk/patches.sh

patches-check: patches
	@$(TOP)/mk/patches-check.sh

# Our reStructuredText rendered with docutils, failing on any warning.
docs-check: tree
	@$(TOP)/mk/docs-check.sh

# The image-format core: host tests, fuzzing, KUnit and kexec-image-info.
-include $(TOP)/mk/core.mk

clean:
	rm -rf $(addprefix $(B)/,$(ARCHES) $(OPT_ARCHES) $(addsuffix -base,$(ARCHES)) $(addsuffix -sig,$(ARCHES)) \
		$(addsuffix -fuzz,$(ARCHES)) $(addsuffix -distro,$(ARCHES))) \
		$(B)/tools

distclean:
	rm -rf $(B)
