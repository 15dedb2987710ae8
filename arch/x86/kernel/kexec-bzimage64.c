// SPDX-License-Identifier: GPL-2.0-only
/*
 * kexec_file_load(2) loader for the x86 bzImage format, 64-bit entry.
 *
 * The setup header is read by the image-format parser
 * (kernel/kexec_image_bzimage.c); this file decides whether this machine
 * can run the kernel and where it goes: a relocatable kernel at
 * pref_address or the lowest kernel_alignment-aligned hole above it, a
 * non-relocatable one at pref_address or not at all. Every refusal of a
 * recognised bzImage logs one line naming the field, its value and the
 * rule (Documentation/admin-guide/kexec-file-images/x86.rst). Purgatory,
 * boot_params, EFI and setup_data are set up as they always were.
 *
 * Copyright (C) 2014 Red Hat Inc.
 * Authors:
 *      Vivek Goyal <vgoyal@redhat.com>
 */

#define pr_fmt(fmt)	"kexec_file(bzImage64): " fmt

#include <linux/string.h>
#include <linux/printk.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/kexec.h>
#include <linux/kernel.h>
#include <linux/kexec_image.h>
#include <linux/mm.h>
#include <linux/efi.h>
#include <linux/random.h>
#include <linux/overflow.h>
#include <linux/sizes.h>

#include <asm/bootparam.h>
#include <asm/setup.h>
#include <asm/crash.h>
#include <asm/efi.h>
#include <asm/e820/api.h>
#include <asm/kexec-bzimage64.h>

#define MAX_ELFCOREHDR_STR_LEN	30	/* elfcorehdr=0x<64bit-value> */

/*
 * Defines lowest physical address for various segments. Not sure where
 * exactly these limits came from. Current bzimage64 loader in kexec-tools
 * uses these so I am retaining it. It can be changed over time as we gain
 * more insight.
 */
#define MIN_PURGATORY_ADDR	0x3000
#define MIN_BOOTPARAM_ADDR	0x3000
#define MIN_INITRD_LOAD_ADDR	0x1000000
/* Nothing of a relocatable kernel goes below this outside a crash load. */
#define BZIMAGE_MIN_LOAD_ADDR	SZ_16M

/*
 * This is a place holder for all boot loader specific data structure which
 * gets allocated in one call but gets freed much later during cleanup
 * time. Right now there is only one field but it can grow as need be.
 */
struct bzimage64_data {
	/*
	 * Temporary buffer to hold bootparams buffer. This should be
	 * freed once the bootparam segment has been loaded.
	 */
	void *bootparams_buf;
};

static int setup_initrd(struct boot_params *params,
			unsigned long initrd_load_addr, unsigned long initrd_len)
{
	params->hdr.ramdisk_image = initrd_load_addr & 0xffffffffUL;
	params->hdr.ramdisk_size = initrd_len & 0xffffffffUL;

	params->ext_ramdisk_image = initrd_load_addr >> 32;
	params->ext_ramdisk_size = initrd_len >> 32;

	return 0;
}

static int setup_cmdline(struct kimage *image, struct boot_params *params,
			 unsigned long bootparams_load_addr,
			 unsigned long cmdline_offset, char *cmdline,
			 unsigned long cmdline_len)
{
	char *cmdline_ptr = ((char *)params) + cmdline_offset;
	unsigned long cmdline_ptr_phys, len = 0;
	u32 cmdline_low_32, cmdline_ext_32;

	if (image->type == KEXEC_TYPE_CRASH) {
		len = sprintf(cmdline_ptr,
			      "elfcorehdr=0x%lx ", image->elf_load_addr);
	}
	memcpy(cmdline_ptr + len, cmdline, cmdline_len);
	cmdline_len += len;

	/* No command line and no elfcorehdr=: params is zeroed, "" is there. */
	if (cmdline_len)
		cmdline_ptr[cmdline_len - 1] = '\0';

	kexec_dprintk("Final command line is: %s\n", cmdline_ptr);
	cmdline_ptr_phys = bootparams_load_addr + cmdline_offset;
	cmdline_low_32 = cmdline_ptr_phys & 0xffffffffUL;
	cmdline_ext_32 = cmdline_ptr_phys >> 32;

	params->hdr.cmd_line_ptr = cmdline_low_32;
	if (cmdline_ext_32)
		params->ext_cmd_line_ptr = cmdline_ext_32;

	return 0;
}

static int setup_e820_entries(struct boot_params *params)
{
	unsigned int nr_e820_entries;

	nr_e820_entries = e820_table_kexec->nr_entries;

	/* TODO: Pass entries more than E820_MAX_ENTRIES_ZEROPAGE in bootparams setup data */
	if (nr_e820_entries > E820_MAX_ENTRIES_ZEROPAGE)
		nr_e820_entries = E820_MAX_ENTRIES_ZEROPAGE;

	params->e820_entries = nr_e820_entries;
	memcpy(&params->e820_table, &e820_table_kexec->entries,
	       nr_e820_entries * sizeof(struct e820_entry));

	return 0;
}

enum { RNG_SEED_LENGTH = 32 };

static void
setup_rng_seed(struct boot_params *params, unsigned long params_load_addr,
	       unsigned int rng_seed_setup_data_offset)
{
	struct setup_data *sd = (void *)params + rng_seed_setup_data_offset;
	unsigned long setup_data_phys;

	if (!rng_is_initialized())
		return;

	sd->type = SETUP_RNG_SEED;
	sd->len = RNG_SEED_LENGTH;
	get_random_bytes(sd->data, RNG_SEED_LENGTH);
	setup_data_phys = params_load_addr + rng_seed_setup_data_offset;
	sd->next = params->hdr.setup_data;
	params->hdr.setup_data = setup_data_phys;
}

#ifdef CONFIG_EFI
static int setup_efi_info_memmap(struct boot_params *params,
				 unsigned long params_load_addr,
				 unsigned int efi_map_offset,
				 unsigned int efi_map_sz)
{
	void *efi_map = (void *)params + efi_map_offset;
	unsigned long efi_map_phys_addr = params_load_addr + efi_map_offset;
	struct efi_info *ei = &params->efi_info;

	if (!efi_map_sz)
		return 0;

	efi_runtime_map_copy(efi_map, efi_map_sz);

	ei->efi_memmap = efi_map_phys_addr & 0xffffffff;
	ei->efi_memmap_hi = efi_map_phys_addr >> 32;
	ei->efi_memmap_size = efi_map_sz;

	return 0;
}

static int
prepare_add_efi_setup_data(struct boot_params *params,
			   unsigned long params_load_addr,
			   unsigned int efi_setup_data_offset)
{
	unsigned long setup_data_phys;
	struct setup_data *sd = (void *)params + efi_setup_data_offset;
	struct efi_setup_data *esd = (void *)sd + sizeof(struct setup_data);

	esd->fw_vendor = efi_fw_vendor;
	esd->tables = efi_config_table;
	esd->smbios = efi.smbios;

	sd->type = SETUP_EFI;
	sd->len = sizeof(struct efi_setup_data);

	/* Add setup data */
	setup_data_phys = params_load_addr + efi_setup_data_offset;
	sd->next = params->hdr.setup_data;
	params->hdr.setup_data = setup_data_phys;

	return 0;
}

static int
setup_efi_state(struct boot_params *params, unsigned long params_load_addr,
		unsigned int efi_map_offset, unsigned int efi_map_sz,
		unsigned int efi_setup_data_offset)
{
	struct efi_info *current_ei = &boot_params.efi_info;
	struct efi_info *ei = &params->efi_info;

	if (!params->acpi_rsdp_addr) {
		if (efi.acpi20 != EFI_INVALID_TABLE_ADDR)
			params->acpi_rsdp_addr = efi.acpi20;
		else if (efi.acpi != EFI_INVALID_TABLE_ADDR)
			params->acpi_rsdp_addr = efi.acpi;
	}

	if (!efi_enabled(EFI_RUNTIME_SERVICES))
		return 0;

	if (!current_ei->efi_memmap_size)
		return 0;

	params->secure_boot = boot_params.secure_boot;
	ei->efi_loader_signature = current_ei->efi_loader_signature;
	ei->efi_systab = current_ei->efi_systab;
	ei->efi_systab_hi = current_ei->efi_systab_hi;

	ei->efi_memdesc_version = current_ei->efi_memdesc_version;
	ei->efi_memdesc_size = efi_get_runtime_map_desc_size();

	setup_efi_info_memmap(params, params_load_addr, efi_map_offset,
			      efi_map_sz);
	prepare_add_efi_setup_data(params, params_load_addr,
				   efi_setup_data_offset);
	return 0;
}
#endif /* CONFIG_EFI */

static void
setup_ima_state(const struct kimage *image, struct boot_params *params,
		unsigned long params_load_addr,
		unsigned int ima_setup_data_offset)
{
#ifdef CONFIG_IMA_KEXEC
	struct setup_data *sd = (void *)params + ima_setup_data_offset;
	unsigned long setup_data_phys;
	struct ima_setup_data *ima;

	if (!image->ima_buffer_size)
		return;

	sd->type = SETUP_IMA;
	sd->len = sizeof(*ima);

	ima = (void *)sd + sizeof(struct setup_data);
	ima->addr = image->ima_buffer_addr;
	ima->size = image->ima_buffer_size;

	/* Add setup data */
	setup_data_phys = params_load_addr + ima_setup_data_offset;
	sd->next = params->hdr.setup_data;
	params->hdr.setup_data = setup_data_phys;
#endif /* CONFIG_IMA_KEXEC */
}

static int
setup_boot_parameters(struct kimage *image, struct boot_params *params,
		      unsigned long params_load_addr,
		      unsigned int efi_map_offset, unsigned int efi_map_sz,
		      unsigned int setup_data_offset)
{
	unsigned int nr_e820_entries;
	unsigned long long mem_k, start, end;
	int i, ret = 0;

	/* Get subarch from existing bootparams */
	params->hdr.hardware_subarch = boot_params.hdr.hardware_subarch;

	/* Copying screen_info will do? */
	memcpy(&params->screen_info, &screen_info, sizeof(struct screen_info));

	/* Fill in memsize later */
	params->screen_info.ext_mem_k = 0;
	params->alt_mem_k = 0;

	/* Always fill in RSDP: it is either 0 or a valid value */
	params->acpi_rsdp_addr = boot_params.acpi_rsdp_addr;

	/* Default APM info */
	memset(&params->apm_bios_info, 0, sizeof(params->apm_bios_info));

	/* Default drive info */
	memset(&params->hd0_info, 0, sizeof(params->hd0_info));
	memset(&params->hd1_info, 0, sizeof(params->hd1_info));

	if (IS_ENABLED(CONFIG_CRASH_DUMP) && image->type == KEXEC_TYPE_CRASH) {
		ret = crash_setup_memmap_entries(image, params);
		if (ret)
			return ret;
	} else {
		setup_e820_entries(params);
	}

	nr_e820_entries = params->e820_entries;

	kexec_dprintk("E820 memmap:\n");
	for (i = 0; i < nr_e820_entries; i++) {
		kexec_dprintk("%016llx-%016llx (%d)\n",
			      params->e820_table[i].addr,
			      params->e820_table[i].addr + params->e820_table[i].size - 1,
			      params->e820_table[i].type);
		if (params->e820_table[i].type != E820_TYPE_RAM)
			continue;
		start = params->e820_table[i].addr;
		end = params->e820_table[i].addr + params->e820_table[i].size - 1;

		if (start <= 0x100000 && end > 0x100000) {
			mem_k = (end >> 10) - (0x100000 >> 10);
			params->screen_info.ext_mem_k = mem_k;
			params->alt_mem_k = mem_k;
			if (mem_k > 0xfc00)
				params->screen_info.ext_mem_k = 0xfc00; /* 64M*/
			if (mem_k > 0xffffffff)
				params->alt_mem_k = 0xffffffff;
		}
	}

#ifdef CONFIG_EFI
	/* Setup EFI state */
	setup_efi_state(params, params_load_addr, efi_map_offset, efi_map_sz,
			setup_data_offset);
	setup_data_offset += sizeof(struct setup_data) +
			sizeof(struct efi_setup_data);
#endif

	if (IS_ENABLED(CONFIG_IMA_KEXEC)) {
		/* Setup IMA log buffer state */
		setup_ima_state(image, params, params_load_addr,
				setup_data_offset);
		setup_data_offset += sizeof(struct setup_data) +
				     sizeof(struct ima_setup_data);
	}

	/* Setup RNG seed */
	setup_rng_seed(params, params_load_addr, setup_data_offset);

	/* Setup EDD info */
	memcpy(params->eddbuf, boot_params.eddbuf,
	       EDDMAXNR * sizeof(struct edd_info));
	params->eddbuf_entries = boot_params.eddbuf_entries;

	memcpy(params->edd_mbr_sig_buffer, boot_params.edd_mbr_sig_buffer,
	       EDD_MBR_SIG_MAX * sizeof(unsigned int));

	return ret;
}

/* Can this machine, under this kernel, run the bzImage @x86 describes? */
static int bzimage_check_machine(const struct kexec_image_x86 *x86)
{
	u16 xlf = x86->xloadflags;

	if (x86->protocol < 0x020c) {
		pr_err("boot protocol %u.%02u: this loader needs 2.12 or later, the first with xloadflags\n",
		       x86->protocol >> 8, x86->protocol & 0xff);
		return -EOPNOTSUPP;
	}
	if (!(x86->loadflags & LOADED_HIGH)) {
		pr_err("loadflags 0x%02x: LOADED_HIGH is clear, a zImage that runs at 0x10000, not a bzImage\n",
		       x86->loadflags);
		return -EOPNOTSUPP;
	}
	if (!(xlf & XLF_KERNEL_64)) {
		pr_err("xloadflags 0x%04x: XLF_KERNEL_64 is clear, the kernel has no 64-bit entry point\n",
		       xlf);
		return -EOPNOTSUPP;
	}
	if (!(xlf & XLF_CAN_BE_LOADED_ABOVE_4G)) {
		pr_err("xloadflags 0x%04x: XLF_CAN_BE_LOADED_ABOVE_4G is clear, but this loader may place the kernel, boot_params and initrd above 4 GiB\n",
		       xlf);
		return -EOPNOTSUPP;
	}
	/* 32-bit EFI runtime services cannot be called from above 4 GiB. */
	if (efi_enabled(EFI_RUNTIME_SERVICES) && !efi_enabled(EFI_64BIT)) {
		pr_err("xloadflags 0x%04x: the firmware's EFI runtime services are 32-bit, and this loader may place the kernel above 4 GiB\n",
		       xlf);
		return -EOPNOTSUPP;
	}
	if (!(xlf & XLF_5LEVEL) && pgtable_l5_enabled()) {
		pr_err("xloadflags 0x%04x: XLF_5LEVEL is clear, but this kernel runs with 5-level paging\n",
		       xlf);
		return -EOPNOTSUPP;
	}
	return 0;
}

/*
 * What the core cannot judge without the running kernel: kexec segments
 * are page-granular, and the kernel segment's buffer (the protected-mode
 * code) must fit in its memory (init_size).
 */
static int bzimage_check_header(const struct kexec_image_x86 *x86,
				unsigned long kernel_len)
{
	unsigned long code_len = kernel_len - x86->setup_size;

	if (x86->kernel_alignment < PAGE_SIZE) {
		pr_err("kernel_alignment 0x%x is below the 0x%lx-byte page size\n",
		       x86->kernel_alignment, PAGE_SIZE);
		return -EINVAL;
	}
	if (!x86->relocatable && !PAGE_ALIGNED(x86->pref_address)) {
		pr_err("pref_address 0x%llx of a non-relocatable kernel is not on a 0x%lx-byte page boundary\n",
		       x86->pref_address, PAGE_SIZE);
		return -EINVAL;
	}
	if (x86->init_size < code_len) {
		pr_err("init_size 0x%x is smaller than the 0x%lx bytes of protected-mode code it must hold\n",
		       x86->init_size, code_len);
		return -EINVAL;
	}
	return 0;
}

/*
 * Parse and judge @buf. A file that is not a bzImage is refused silently,
 * so that the generic probe can say that no loader recognises it; any
 * other refusal logs one line.
 */
static int bzimage_recognise(const char *buf, unsigned long len,
			     struct kexec_image_info *info)
{
	int ret = kexec_image_parse_bzimage(buf, len, info);

	if (ret == -ENOEXEC)
		return ret;
	if (ret) {
		pr_err("%s\n", info->reason);
		return ret;
	}
	ret = bzimage_check_machine(&info->x86);
	if (ret)
		return ret;
	return bzimage_check_header(&info->x86, len);
}

/*
 * The core's description is too large for the stack of every probe and
 * load: parse into an allocated one and keep only the setup header.
 */
static int bzimage_parse_header(const char *buf, unsigned long len,
				struct kexec_image_x86 *x86)
{
	struct kexec_image_info *info = kmalloc(sizeof(*info), GFP_KERNEL | __GFP_NOWARN);
	int ret;

	if (!info) {
		pr_err("allocating the %zu-byte image description failed\n",
		       sizeof(*info));
		return -ENOMEM;
	}
	ret = bzimage_recognise(buf, len, info);
	*x86 = info->x86;
	kfree(info);
	return ret;
}

static int bzimage64_probe(const char *buf, unsigned long len)
{
	struct kexec_image_x86 x86;

	return bzimage_parse_header(buf, len, &x86);
}

/*
 * cmdline_size is the longest command line the next kernel reads, without
 * the NUL. A crash kernel's line also carries "elfcorehdr=0x... " in front.
 */
static int bzimage_check_cmdline(const struct kimage *image,
				 const struct kexec_image_x86 *x86,
				 unsigned long cmdline_len)
{
	unsigned long len = cmdline_len ? cmdline_len - 1 : 0;

	if (image->type == KEXEC_TYPE_CRASH &&
	    len + MAX_ELFCOREHDR_STR_LEN > x86->cmdline_size) {
		pr_err("command line of %lu bytes plus %u for elfcorehdr= exceeds cmdline_size %u\n",
		       len, MAX_ELFCOREHDR_STR_LEN, x86->cmdline_size);
		return -EINVAL;
	}
	if (len > x86->cmdline_size) {
		pr_err("command line of %lu bytes exceeds cmdline_size %u\n",
		       len, x86->cmdline_size);
		return -EINVAL;
	}
	return 0;
}

/*
 * A non-relocatable kernel runs at pref_address and nowhere else: a window
 * exactly as large as the segment makes kexec_add_buffer() take that
 * address or fail. It succeeds only when the range lies inside one System
 * RAM range (the crashkernel region, for a crash kernel) and overlaps no
 * segment placed before it.
 */
static int bzimage_place_fixed(struct kexec_buf *kbuf, u64 pref_address)
{
	u64 last;

	kbuf->memsz = PAGE_ALIGN(kbuf->memsz);
	if (check_add_overflow(pref_address, (u64)kbuf->memsz - 1, &last) ||
	    last > ULONG_MAX)
		return -EADDRNOTAVAIL;
	kbuf->buf_align = PAGE_SIZE;
	kbuf->buf_min = pref_address;
	kbuf->buf_max = last;
	return kexec_add_buffer(kbuf);
}

static void bzimage_fixed_refused(const struct kimage *image,
				  const struct kexec_buf *kbuf, u64 pref_address)
{
	u64 last = pref_address + kbuf->memsz - 1;

#ifdef CONFIG_CRASH_DUMP
	if (image->type == KEXEC_TYPE_CRASH) {
		pr_err("relocatable_kernel 0: the kernel runs only at pref_address, but 0x%llx-0x%llx is not free in the crashkernel region 0x%llx-0x%llx\n",
		       pref_address, last, (u64)crashk_res.start,
		       (u64)crashk_res.end);
		return;
	}
#endif
	pr_err("relocatable_kernel 0: the kernel runs only at pref_address, but 0x%llx-0x%llx is not free System RAM\n",
	       pref_address, last);
}

/*
 * Lowest load address of a relocatable kernel. Its decompressor rounds the
 * load address up to kernel_alignment and, below LOAD_PHYSICAL_ADDR (which
 * is pref_address), moves to pref_address before it decompresses: placed
 * lower, it would run in memory outside its segment. Outside a crash load
 * nothing goes below 16 MiB either, where ISA DMA and firmware live.
 */
static unsigned long bzimage_floor(const struct kimage *image,
				   const struct kexec_image_x86 *x86)
{
	if (image->type == KEXEC_TYPE_CRASH)
		return x86->pref_address;
	return max_t(u64, x86->pref_address, BZIMAGE_MIN_LOAD_ADDR);
}

/*
 * The kernel segment: the protected-mode code, in init_size bytes of memory.
 * Only the kdump ELF headers are placed before it, so that a fixed
 * pref_address is not taken by a segment that could have gone anywhere.
 */
static int bzimage_place_kernel(struct kimage *image, char *kernel,
				unsigned long kernel_len,
				const struct kexec_image_x86 *x86,
				struct kexec_buf *kbuf)
{
	int ret;

	memset(kbuf, 0, sizeof(*kbuf));
	kbuf->image = image;
	kbuf->buffer = kernel + x86->setup_size;
	kbuf->bufsz = kernel_len - x86->setup_size;
	kbuf->memsz = PAGE_ALIGN(x86->init_size);
	/*
	 * Past the file, init_size is the decompressor's work area: the boot
	 * protocol (Documentation/arch/x86/boot.rst) asks only for the
	 * memory, and the decompressor and the kernel clear their own bss.
	 * Nothing is copied there, and purgatory does not hash tens of MiB
	 * of zeroes.
	 */
	kbuf->scratch_tail = true;
	kbuf->mem = KEXEC_BUF_MEM_UNKNOWN;
	kbuf->top_down = false;
	if (!x86->relocatable) {
		ret = bzimage_place_fixed(kbuf, x86->pref_address);
		if (ret)
			bzimage_fixed_refused(image, kbuf, x86->pref_address);
		return ret;
	}
	/* Bottom up from the floor: pref_address itself when it is free. */
	kbuf->buf_align = x86->kernel_alignment;
	kbuf->buf_min = bzimage_floor(image, x86);
	kbuf->buf_max = ULONG_MAX;
	ret = kexec_add_buffer(kbuf);
	if (ret == -EADDRNOTAVAIL)
		pr_err("init_size 0x%x: no free %s of 0x%lx bytes, 0x%x-aligned, at or above 0x%lx\n",
		       x86->init_size,
		       image->type == KEXEC_TYPE_CRASH ?
		       "crashkernel memory" : "System RAM",
		       kbuf->memsz, x86->kernel_alignment, kbuf->buf_min);
	return ret;
}

/*
 * boot_params, the command line and room for the EFI memory map and the
 * setup_data entries, in one segment. The setup header is copied from the
 * file, no further than struct setup_header reaches.
 */
static struct boot_params *bzimage_add_params(struct kimage *image,
					      const char *kernel,
					      const struct kexec_image_x86 *x86,
					      unsigned long cmdline_len,
					      unsigned long *params_load_addr,
					      unsigned int *efi_map_offset,
					      unsigned int *efi_map_sz,
					      unsigned int *efi_setup_data_offset)
{
	unsigned int setup_hdr_offset = offsetof(struct boot_params, hdr);
	struct kexec_buf kbuf = { .image = image, .buf_max = ULONG_MAX,
				  .top_down = true };
	unsigned long params_cmdline_sz;
	struct boot_params *params;
	size_t hdr_len;
	int ret;

	*efi_map_sz = efi_get_runtime_map_size();
	params_cmdline_sz = sizeof(struct boot_params) + cmdline_len +
				MAX_ELFCOREHDR_STR_LEN;
	params_cmdline_sz = ALIGN(params_cmdline_sz, 16);
	kbuf.bufsz = params_cmdline_sz + ALIGN(*efi_map_sz, 16) +
				sizeof(struct setup_data) +
				sizeof(struct efi_setup_data) +
				sizeof(struct setup_data) +
				RNG_SEED_LENGTH;

	if (IS_ENABLED(CONFIG_IMA_KEXEC))
		kbuf.bufsz += sizeof(struct setup_data) +
			      sizeof(struct ima_setup_data);

	params = kzalloc(kbuf.bufsz, GFP_KERNEL | __GFP_NOWARN);
	if (!params) {
		pr_err("allocating the %lu-byte boot_params and command line failed\n",
		       kbuf.bufsz);
		return ERR_PTR(-ENOMEM);
	}
	*efi_map_offset = params_cmdline_sz;
	*efi_setup_data_offset = *efi_map_offset + ALIGN(*efi_map_sz, 16);

	/* Documentation/arch/x86/boot.rst; header_end is inside the file. */
	hdr_len = min_t(size_t, x86->header_end - setup_hdr_offset,
			sizeof(params->hdr));
	memcpy(&params->hdr, kernel + setup_hdr_offset, hdr_len);

	kbuf.buffer = params;
	kbuf.memsz = kbuf.bufsz;
	kbuf.buf_align = 16;
	kbuf.buf_min = MIN_BOOTPARAM_ADDR;
	kbuf.mem = KEXEC_BUF_MEM_UNKNOWN;
	ret = kexec_add_buffer(&kbuf);
	if (ret) {
		if (ret == -EADDRNOTAVAIL)
			kexec_buf_report_no_hole(&kbuf,
						 "boot_params and the command line");
		kfree(params);
		return ERR_PTR(ret);
	}
	*params_load_addr = kbuf.mem;
	kexec_dprintk("Loaded boot_param, command line and misc at 0x%lx bufsz=0x%lx memsz=0x%lx\n",
		      kbuf.mem, kbuf.bufsz, kbuf.memsz);
	return params;
}

/* The initrd goes high, at or above 16 MiB. */
static int bzimage_add_initrd(struct kimage *image, struct boot_params *params,
			      char *initrd, unsigned long initrd_len)
{
	struct kexec_buf kbuf = { .image = image, .buffer = initrd,
				  .bufsz = initrd_len, .memsz = initrd_len,
				  .buf_align = PAGE_SIZE,
				  .buf_min = MIN_INITRD_LOAD_ADDR,
				  .buf_max = ULONG_MAX, .top_down = true,
				  .mem = KEXEC_BUF_MEM_UNKNOWN };
	int ret;

	ret = kexec_add_buffer(&kbuf);
	if (ret) {
		if (ret == -EADDRNOTAVAIL)
			kexec_buf_report_no_hole(&kbuf, "initrd");
		return ret;
	}
	kexec_dprintk("Loaded initrd at 0x%lx bufsz=0x%lx memsz=0x%lx\n",
		      kbuf.mem, initrd_len, initrd_len);
	return setup_initrd(params, kbuf.mem, initrd_len);
}

/* Purgatory enters the kernel's 64-bit entry, 0x200 into its code. */
static int bzimage_set_entry(struct kimage *image,
			     unsigned long params_load_addr,
			     unsigned long kernel_load_addr)
{
	struct kexec_entry64_regs regs64;
	void *stack;
	int ret;

	ret = kexec_purgatory_get_set_symbol(image, "entry64_regs", &regs64,
					     sizeof(regs64), 1);
	if (ret)
		return ret;

	regs64.rbx = 0; /* Bootstrap Processor */
	regs64.rsi = params_load_addr;
	regs64.rip = kernel_load_addr + 0x200;
	stack = kexec_purgatory_get_symbol_addr(image, "stack_end");
	if (IS_ERR(stack)) {
		pr_err("Could not find address of symbol stack_end\n");
		return -EINVAL;
	}

	regs64.rsp = (unsigned long)stack;
	return kexec_purgatory_get_set_symbol(image, "entry64_regs", &regs64,
					      sizeof(regs64), 0);
}

/*
 * Everything after the kernel, as the base loader did it: purgatory,
 * boot_params with the command line, the initrd.
 */
static void *bzimage_load_boot(struct kimage *image, char *kernel,
			       const struct kexec_image_x86 *x86,
			       unsigned long kernel_load_addr,
			       char *initrd, unsigned long initrd_len,
			       char *cmdline, unsigned long cmdline_len)
{
	unsigned int efi_map_offset, efi_map_sz, efi_setup_data_offset;
	struct kexec_buf pbuf = { .image = image, .buf_min = MIN_PURGATORY_ADDR,
				  .buf_max = ULONG_MAX, .top_down = true };
	unsigned long params_load_addr;
	struct bzimage64_data *ldata;
	struct boot_params *params;
	int ret;

	/*
	 * Load purgatory. For 64bit entry point, purgatory  code can be
	 * anywhere.
	 */
	ret = kexec_load_purgatory(image, &pbuf);
	if (ret) {
		pr_err("loading purgatory failed: %d\n", ret);
		return ERR_PTR(ret);
	}

	kexec_dprintk("Loaded purgatory at 0x%lx\n", pbuf.mem);

	params = bzimage_add_params(image, kernel, x86, cmdline_len,
				    &params_load_addr, &efi_map_offset,
				    &efi_map_sz, &efi_setup_data_offset);
	if (IS_ERR(params))
		return params;

	if (initrd) {
		ret = bzimage_add_initrd(image, params, initrd, initrd_len);
		if (ret)
			goto out_free_params;
	}

	setup_cmdline(image, params, params_load_addr,
		      sizeof(struct boot_params), cmdline, cmdline_len);

	/* bootloader info. Do we need a separate ID for kexec kernel loader? */
	params->hdr.type_of_loader = 0x0D << 4;
	params->hdr.loadflags = 0;

	ret = bzimage_set_entry(image, params_load_addr, kernel_load_addr);
	if (ret)
		goto out_free_params;

	ret = setup_boot_parameters(image, params, params_load_addr,
				    efi_map_offset, efi_map_sz,
				    efi_setup_data_offset);
	if (ret) {
		pr_err("setting up boot_params (memory map, EFI, setup_data) failed: %d\n",
		       ret);
		goto out_free_params;
	}

	/* Allocate loader specific data */
	ldata = kzalloc(sizeof(*ldata), GFP_KERNEL | __GFP_NOWARN);
	if (!ldata) {
		pr_err("allocating the %zu-byte loader data failed\n", sizeof(*ldata));
		ret = -ENOMEM;
		goto out_free_params;
	}

	/*
	 * Store pointer to params so that it could be freed after loading
	 * params segment has been loaded and contents have been copied
	 * somewhere else.
	 */
	ldata->bootparams_buf = params;
	return ldata;

out_free_params:
	kfree(params);
	return ERR_PTR(ret);
}

static void *bzimage64_load(struct kimage *image, char *kernel,
			    unsigned long kernel_len, char *initrd,
			    unsigned long initrd_len, char *cmdline,
			    unsigned long cmdline_len)
{
	struct kexec_image_x86 x86;
	struct kexec_buf kbuf;
	int ret;

	ret = bzimage_parse_header(kernel, kernel_len, &x86);
	if (!ret)
		ret = bzimage_check_cmdline(image, &x86, cmdline_len);
	/*
	 * The kdump ELF headers go first, bottom up, to the start of the
	 * crashkernel region: crash_setup_memmap_entries() can cut them out
	 * of the region's e820 entry only at one of its ends.
	 */
	if (!ret && IS_ENABLED(CONFIG_CRASH_DUMP) &&
	    image->type == KEXEC_TYPE_CRASH) {
		ret = crash_load_segments(image);
		if (ret)
			pr_err("preparing the ELF core headers or placing them in the crash kernel region failed: %d\n",
			       ret);
	}
	if (!ret)
		ret = bzimage_place_kernel(image, kernel, kernel_len, &x86,
					   &kbuf);
	if (ret)
		return ERR_PTR(ret);

	kexec_dprintk("Loaded 64bit kernel at 0x%lx bufsz=0x%lx memsz=0x%lx pref=0x%llx%s\n",
		      kbuf.mem, kbuf.bufsz, kbuf.memsz, x86.pref_address,
		      x86.relocatable ? "" : " (not relocatable)");

	return bzimage_load_boot(image, kernel, &x86, kbuf.mem, initrd,
				 initrd_len, cmdline, cmdline_len);
}

/* This cleanup function is called after various segments have been loaded */
static int bzimage64_cleanup(void *loader_data)
{
	struct bzimage64_data *ldata = loader_data;

	if (!ldata)
		return 0;

	kfree(ldata->bootparams_buf);
	ldata->bootparams_buf = NULL;

	return 0;
}

const struct kexec_file_ops kexec_bzImage64_ops = {
	.probe = bzimage64_probe,
	.load = bzimage64_load,
	.cleanup = bzimage64_cleanup,
#ifdef CONFIG_KEXEC_BZIMAGE_VERIFY_SIG
	.verify_sig = kexec_kernel_verify_pe_sig,
#endif
};
