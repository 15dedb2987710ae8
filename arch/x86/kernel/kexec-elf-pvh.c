// SPDX-License-Identifier: GPL-2.0-only
/*
 * kexec_file_load(2) loader for an x86-64 ELF vmlinux, entered through the
 * PVH entry point of the x86/HVM direct boot ABI.
 *
 * The ELF reader (kernel/kexec_image_elf.c) checks the program headers and
 * decodes the Xen notes: XEN_ELFNOTE_PHYS32_ENTRY, the 32-bit entry, and
 * XEN_ELFNOTE_PHYS32_RELOC, the alignment and the window a relocatable
 * kernel may be placed in (include/xen/interface/elfnote.h). This file
 * places the PT_LOADs, all moved by one offset inside that window when the
 * kernel says it can be relocated, at their p_paddr otherwise, and builds
 * the start of day: struct hvm_start_info (version 1) with the command
 * line, the initrd as module 0, the ACPI RSDP and the memory map. After
 * purgatory has checked the digest of every segment, it leaves long mode
 * and enters the kernel in 32-bit protected mode with paging off and %ebx
 * pointing at the start info. Every refusal of a recognised ELF file logs
 * one line naming the field, its value and the rule
 * (Documentation/admin-guide/kexec-file-images/x86.rst).
 */

#define pr_fmt(fmt)	"kexec_file(elf-pvh): " fmt

#include <linux/cc_platform.h>
#include <linux/efi.h>
#include <linux/elf.h>
#include <linux/errno.h>
#include <linux/ioport.h>
#include <linux/kernel.h>
#include <linux/kexec.h>
#include <linux/kexec_image.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/printk.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/tpm.h>

#include <asm/bootparam.h>
#include <asm/crash.h>
#include <asm/e820/api.h>
#include <asm/kexec-elf-pvh.h>
#include <asm/setup.h>
#include <xen/interface/elfnote.h>
#include <xen/interface/hvm/start_info.h>

#define MAX_ELFCOREHDR_STR_LEN	30	/* "elfcorehdr=0x<64-bit value> " */
/* As for a bzImage: nothing below 0x3000, the real-mode IVT and BIOS data. */
#define PVH_MIN_ADDR		0x3000
#define PVH_MIN_INITRD_ADDR	SZ_16M
/* Outside a crash load, no kernel goes below this: ISA DMA and firmware. */
#define PVH_MIN_KERNEL_ADDR	SZ_16M
/*
 * Until it has its own page tables, the PVH entry code reaches the start
 * info, the module list and the memory map through an identity map of the
 * first GiB (arch/x86/platform/pvh/head.S); it takes the initrd's address
 * into the 32-bit ramdisk_image. Purgatory turns paging off while it runs,
 * so it, too, must lie below 4 GiB.
 */
#define PVH_START_INFO_MAX	(SZ_1G - 1)
#define PVH_BELOW_4G_MAX	(SZ_4G - 1)
/* init_pvh_bootparams() adds an ISA entry to what fits in the zero page. */
#define PVH_MAX_MEMMAP		(E820_MAX_ENTRIES_ZEROPAGE - 1)

/* What the loader keeps of the ELF reader's description. */
struct pvh_kernel {
	struct kexec_image_elf elf;
	u64 offset;		/* added to every p_paddr and to the entry */
};

/* The start of day, in one segment below 1 GiB. */
struct pvh_start_block {
	struct hvm_start_info info;
	struct hvm_modlist_entry module;
	struct hvm_memmap_table_entry memmap[PVH_MAX_MEMMAP];
	char cmdline[];
};

struct pvh_loader_data {
	struct pvh_start_block *start;
};

/* The page-granular extent of PT_LOAD @i: from its page to the next's. */
static u64 pvh_load_start(const struct kexec_image_elf *elf, unsigned int i)
{
	return round_down(elf->load[i].paddr, PAGE_SIZE);
}

static u64 pvh_load_end(const struct kexec_image_elf *elf, unsigned int i)
{
	const struct kexec_image_elf_load *l = &elf->load[i];

	return PAGE_ALIGN(l->paddr + l->memsz);
}

/*
 * What the reader cannot judge without this machine: that the kernel is
 * x86-64 with a PVH entry, and that its PT_LOADs map onto whole pages, as
 * kexec segments are page-granular.
 */
static int pvh_check_kernel(const struct kexec_image_elf *elf)
{
	unsigned int i;

	if (elf->machine != EM_X86_64) {
		pr_err("e_machine %u: this loader starts x86-64 kernels (EM_X86_64, %u)\n",
		       elf->machine, EM_X86_64);
		return -EOPNOTSUPP;
	}
	if (!elf->has_pvh_entry) {
		pr_err("no Xen note XEN_ELFNOTE_PHYS32_ENTRY (%u): the kernel has no PVH entry point (CONFIG_PVH)\n",
		       XEN_ELFNOTE_PHYS32_ENTRY);
		return -EOPNOTSUPP;
	}
	if (elf->has_reloc && elf->reloc_align < PAGE_SIZE) {
		pr_err("PHYS32_RELOC align 0x%llx is below the 0x%lx-byte page size that kexec segments move by\n",
		       elf->reloc_align, PAGE_SIZE);
		return -EINVAL;
	}
	for (i = 0; i < elf->nr_loads; i++) {
		const struct kexec_image_elf_load *l = &elf->load[i];

		if ((l->offset ^ l->paddr) & ~PAGE_MASK) {
			pr_err("PT_LOAD %u: p_offset 0x%llx and p_paddr 0x%llx lie at different offsets in their pages\n",
			       i, l->offset, l->paddr);
			return -EINVAL;
		}
		if (i && pvh_load_start(elf, i) < pvh_load_end(elf, i - 1)) {
			pr_err("PT_LOAD %u at p_paddr 0x%llx shares a page with PT_LOAD %u, which ends at 0x%llx\n",
			       i, l->paddr, i - 1,
			       elf->load[i - 1].paddr + elf->load[i - 1].memsz);
			return -EINVAL;
		}
	}
	return 0;
}

/*
 * Parse and judge @buf. A file that is not ELF is refused silently, so
 * that the generic probe can say that no loader recognises it; any other
 * refusal logs one line.
 */
static int pvh_recognise(const char *buf, unsigned long len,
			 struct kexec_image_info *info)
{
	int ret = kexec_image_parse_elf(buf, len, info);

	if (ret == -ENOEXEC)
		return ret;
	if (ret) {
		pr_err("%s\n", info->reason);
		return ret;
	}
	return pvh_check_kernel(&info->elf);
}

/*
 * The reader's description is too large for the stack of every probe and
 * load: parse into an allocated one and keep the ELF part, if @elf.
 */
static int pvh_parse(const char *buf, unsigned long len,
		     struct kexec_image_elf *elf)
{
	struct kexec_image_info *info = kmalloc(sizeof(*info), GFP_KERNEL | __GFP_NOWARN);
	int ret;

	if (!info) {
		pr_err("allocating the %zu-byte image description failed\n",
		       sizeof(*info));
		return -ENOMEM;
	}
	ret = pvh_recognise(buf, len, info);
	if (elf)
		*elf = info->elf;
	kfree(info);
	return ret;
}

static int elf_pvh_probe(const char *buf, unsigned long len)
{
	return pvh_parse(buf, len, NULL);
}

/* One line saying why the range [@start, @end] cannot take the kernel. */
static void pvh_report_range(const struct kimage *image, const char *what,
			     u64 start, u64 end)
{
	const char *there;

#ifdef CONFIG_CRASH_DUMP
	if (image->type == KEXEC_TYPE_CRASH) {
		pr_err("%s 0x%llx-0x%llx is not free memory of the crashkernel region 0x%llx-0x%llx\n",
		       what, start, end, (u64)crashk_res.start,
		       (u64)crashk_res.end);
		return;
	}
#endif
	switch (region_intersects(start, end - start + 1,
				  IORESOURCE_SYSTEM_RAM, IORES_DESC_NONE)) {
	case REGION_INTERSECTS:
		there = "System RAM that another segment of this load takes";
		break;
	case REGION_MIXED:
		there = "only partly System RAM";
		break;
	default:
		there = "not System RAM";
		break;
	}
	pr_err("%s 0x%llx-0x%llx: the range is %s\n", what, start, end, there);
}

/*
 * The lowest start of a relocatable kernel: its PHYS32_RELOC min, raised
 * to 16 MiB outside a crash load unless that leaves no window.
 */
static u64 pvh_floor(const struct kimage *image,
		     const struct kexec_image_elf *elf)
{
	if (image->type == KEXEC_TYPE_CRASH ||
	    elf->reloc_min >= PVH_MIN_KERNEL_ADDR ||
	    elf->reloc_max < PVH_MIN_KERNEL_ADDR)
		return elf->reloc_min;
	return PVH_MIN_KERNEL_ADDR;
}

/* One line saying that the PHYS32_RELOC window has no room for @size bytes. */
static void pvh_report_window(const struct kimage *image,
			      const struct kexec_image_elf *elf, u64 size)
{
#ifdef CONFIG_CRASH_DUMP
	if (image->type == KEXEC_TYPE_CRASH) {
		pr_err("PHYS32_RELOC window 0x%llx-0x%llx: no free crashkernel memory of 0x%llx bytes aligned 0x%llx in it; the crashkernel region is 0x%llx-0x%llx\n",
		       elf->reloc_min, elf->reloc_max, size, elf->reloc_align,
		       (u64)crashk_res.start, (u64)crashk_res.end);
		return;
	}
#endif
	pr_err("PHYS32_RELOC window 0x%llx-0x%llx: no free System RAM of 0x%llx bytes aligned 0x%llx at or above 0x%llx in it\n",
	       elf->reloc_min, elf->reloc_max, size, elf->reloc_align,
	       pvh_floor(image, elf));
}

/*
 * Where the image goes. A kernel without PHYS32_RELOC runs at its p_paddr
 * and nowhere else; a relocatable one goes to the lowest free range of its
 * window that keeps its alignment, so that p_paddr itself is taken when it
 * is free and in the window.
 */
static int pvh_find_offset(struct kimage *image, struct pvh_kernel *k)
{
	const struct kexec_image_elf *elf = &k->elf;
	u64 base = pvh_load_start(elf, 0);
	u64 size = pvh_load_end(elf, elf->nr_loads - 1) - base;
	struct kexec_buf kbuf = { .image = image, .memsz = size,
				  .mem = KEXEC_BUF_MEM_UNKNOWN };
	int ret;

	if (!elf->has_reloc) {
		kbuf.buf_align = PAGE_SIZE;
		kbuf.buf_min = base;
		kbuf.buf_max = base + size - 1;
	} else {
		base = round_down(elf->low, elf->reloc_align);
		size = pvh_load_end(elf, elf->nr_loads - 1) - base;
		kbuf.memsz = size;
		kbuf.buf_align = elf->reloc_align;
		kbuf.buf_min = round_up(pvh_floor(image, elf), elf->reloc_align);
		kbuf.buf_max = elf->reloc_max;
	}
	if (kbuf.buf_min > kbuf.buf_max)
		ret = -EADDRNOTAVAIL;
	else
		ret = kexec_locate_mem_hole(&kbuf);
	if (ret == -EADDRNOTAVAIL && !elf->has_reloc)
		pvh_report_range(image,
				 "no PHYS32_RELOC note, so the kernel runs only at its p_paddr, but",
				 base, base + size - 1);
	else if (ret == -EADDRNOTAVAIL)
		pvh_report_window(image, elf, size);
	if (ret)
		return ret;
	k->offset = kbuf.mem - base;
	return 0;
}

/*
 * One segment per PT_LOAD, each reaching to the next one's page, so that
 * nothing else of this load lands between them (the kernel reserves and
 * later frees the whole of _text.._end). Past p_filesz it is zeroed.
 */
static int pvh_add_loads(struct kimage *image, const char *file,
			 const struct pvh_kernel *k)
{
	const struct kexec_image_elf *elf = &k->elf;
	unsigned int i;
	int ret;

	for (i = 0; i < elf->nr_loads; i++) {
		const struct kexec_image_elf_load *l = &elf->load[i];
		u64 start = pvh_load_start(elf, i);
		u64 lead = l->paddr - start;
		u64 end = i + 1 < elf->nr_loads ? pvh_load_start(elf, i + 1) :
						  pvh_load_end(elf, i);
		struct kexec_buf kbuf = {
			.image = image,
			.buffer = (char *)file + l->offset - lead,
			.bufsz = l->filesz + lead,
			.memsz = end - start,
			.buf_align = PAGE_SIZE,
			.buf_min = start + k->offset,
			.buf_max = end + k->offset - 1,
			.mem = KEXEC_BUF_MEM_UNKNOWN,
		};

		if (!l->filesz)
			kbuf.bufsz = 0;
		ret = kexec_add_buffer(&kbuf);
		if (ret) {
			if (ret == -EADDRNOTAVAIL)
				pvh_report_range(image, "PT_LOAD", kbuf.buf_min,
						 kbuf.buf_max);
			return ret;
		}
		kexec_dprintk("PT_LOAD %u at 0x%lx bufsz=0x%lx memsz=0x%lx\n",
			      i, kbuf.mem, kbuf.bufsz, kbuf.memsz);
	}
	return 0;
}

/* The memory map the next kernel gets: all of it, or the crash ranges. */
static int pvh_fill_memmap(struct kimage *image, struct pvh_start_block *sb)
{
	struct boot_params *params;
	unsigned int i, n, total;
	int ret = 0;

	params = kzalloc(sizeof(*params), GFP_KERNEL | __GFP_NOWARN);
	if (!params) {
		pr_err("allocating the %zu-byte memory map scratch space failed\n",
		       sizeof(*params));
		return -ENOMEM;
	}
	if (IS_ENABLED(CONFIG_CRASH_DUMP) && image->type == KEXEC_TYPE_CRASH) {
		ret = crash_setup_memmap_entries(image, params);
		if (ret) {
			pr_err("building the crash kernel's memory map failed: %d\n",
			       ret);
			goto out;
		}
		total = params->e820_entries;
	} else {
		total = e820_table_kexec->nr_entries;
		params->e820_entries = min_t(u32, total,
					     E820_MAX_ENTRIES_ZEROPAGE);
		memcpy(params->e820_table, e820_table_kexec->entries,
		       params->e820_entries * sizeof(struct e820_entry));
	}
	/*
	 * The next kernel's PVH entry takes what the zero page holds, less
	 * the one entry it adds itself. A crash kernel's own RAM comes first
	 * (crash_setup_memmap_entries()), so what is left out is not that.
	 */
	n = min_t(u32, params->e820_entries, PVH_MAX_MEMMAP);
	if (n < total)
		pr_warn("the memory map has %u entries and a PVH kernel takes %u: the last %u are left out\n",
			total, n, total - n);
	for (i = 0; i < n; i++) {
		sb->memmap[i].addr = params->e820_table[i].addr;
		sb->memmap[i].size = params->e820_table[i].size;
		/* XEN_HVM_MEMMAP_TYPE_* are the E820 types. */
		sb->memmap[i].type = params->e820_table[i].type;
		kexec_dprintk("memmap %016llx-%016llx (%u)\n",
			      sb->memmap[i].addr,
			      sb->memmap[i].addr + sb->memmap[i].size - 1,
			      sb->memmap[i].type);
	}
	sb->info.memmap_entries = n;
out:
	kfree(params);
	return ret;
}

/*
 * The RSDP the next kernel is told of: the one this kernel was given or
 * found at boot (boot_params), else the one in the EFI configuration
 * tables. acpi_os_get_root_pointer(), which looks in the same places, is
 * __init. Without either, the next kernel scans the BIOS area itself.
 */
static u64 pvh_rsdp(void)
{
	u64 rsdp = boot_params.acpi_rsdp_addr;

	if (rsdp || !efi_enabled(EFI_CONFIG_TABLES))
		return rsdp;
	if (efi.acpi20 != EFI_INVALID_TABLE_ADDR)
		return efi.acpi20;
	if (efi.acpi != EFI_INVALID_TABLE_ADDR)
		return efi.acpi;
	return 0;
}

/* The start info, the module list, the memory map and the command line. */
static struct pvh_start_block *pvh_add_start(struct kimage *image,
					     char *cmdline,
					     unsigned long cmdline_len,
					     unsigned long *addr)
{
	size_t sz = sizeof(struct pvh_start_block) + MAX_ELFCOREHDR_STR_LEN +
		    cmdline_len + 1;
	struct kexec_buf kbuf = { .image = image, .buf_align = PAGE_SIZE,
				  .buf_min = PVH_MIN_ADDR,
				  .buf_max = PVH_START_INFO_MAX,
				  .top_down = true,
				  .mem = KEXEC_BUF_MEM_UNKNOWN };
	struct pvh_start_block *sb;
	int ret;

	sb = kzalloc(sz, GFP_KERNEL | __GFP_NOWARN);
	if (!sb) {
		pr_err("allocating the %zu-byte start info and command line failed\n",
		       sz);
		return ERR_PTR(-ENOMEM);
	}
	kbuf.buffer = sb;
	kbuf.bufsz = sz;
	kbuf.memsz = sz;
	ret = kexec_add_buffer(&kbuf);
	if (ret) {
		if (ret == -EADDRNOTAVAIL)
			kexec_buf_report_no_hole(&kbuf,
						 "PVH start info and command line");
		kfree(sb);
		return ERR_PTR(ret);
	}
	*addr = kbuf.mem;
	return sb;
}

/* The initrd, module 0, below 4 GiB: Linux keeps 32 bits of its address. */
static int pvh_add_initrd(struct kimage *image, struct pvh_start_block *sb,
			  unsigned long sb_addr, char *initrd,
			  unsigned long initrd_len)
{
	struct kexec_buf kbuf = { .image = image, .buffer = initrd,
				  .bufsz = initrd_len, .memsz = initrd_len,
				  .buf_align = PAGE_SIZE,
				  .buf_min = PVH_MIN_INITRD_ADDR,
				  .buf_max = PVH_BELOW_4G_MAX, .top_down = true,
				  .mem = KEXEC_BUF_MEM_UNKNOWN };
	int ret;

	ret = kexec_add_buffer(&kbuf);
	if (ret) {
		if (ret == -EADDRNOTAVAIL)
			kexec_buf_report_no_hole(&kbuf, "initrd");
		return ret;
	}
	sb->module.paddr = kbuf.mem;
	sb->module.size = initrd_len;
	sb->info.nr_modules = 1;
	sb->info.modlist_paddr = sb_addr + offsetof(struct pvh_start_block, module);
	kexec_dprintk("Loaded initrd at 0x%lx bufsz=0x%lx\n", kbuf.mem,
		      initrd_len);
	return 0;
}

static void pvh_set_cmdline(struct kimage *image, struct pvh_start_block *sb,
			    unsigned long sb_addr, const char *cmdline,
			    unsigned long cmdline_len)
{
	int len = 0;

	if (image->type == KEXEC_TYPE_CRASH)
		len = sprintf(sb->cmdline, "elfcorehdr=0x%lx ",
			      image->elf_load_addr);
	if (cmdline_len)
		memcpy(sb->cmdline + len, cmdline, cmdline_len);
	/* The buffer is zeroed: what was copied ends in a NUL either way. */
	sb->info.cmdline_paddr = sb_addr + offsetof(struct pvh_start_block,
						    cmdline);
	kexec_dprintk("Final command line is: %s\n", sb->cmdline);
}

/*
 * Purgatory leaves long mode and jumps to pvh_entry32 with %ebx from
 * entry64_regs: both must be 32-bit addresses, and so must purgatory.
 */
static int pvh_set_entry(struct kimage *image, u32 entry, u32 start_info)
{
	struct kexec_entry64_regs regs;
	void *stack;
	int ret;

	ret = kexec_purgatory_get_set_symbol(image, "entry64_regs", &regs,
					     sizeof(regs), 1);
	if (ret)
		return ret;
	stack = kexec_purgatory_get_symbol_addr(image, "stack_end");
	if (IS_ERR(stack)) {
		pr_err("purgatory has no symbol stack_end\n");
		return -EINVAL;
	}
	regs.rbx = start_info;
	regs.rip = entry;
	regs.rsp = (unsigned long)stack;
	ret = kexec_purgatory_get_set_symbol(image, "entry64_regs", &regs,
					     sizeof(regs), 0);
	if (ret)
		return ret;
	return kexec_purgatory_get_set_symbol(image, "pvh_entry32", &entry,
					      sizeof(entry), 0);
}

/* Purgatory, the start info with the command line, the initrd, the entry. */
static void *pvh_load_boot(struct kimage *image, const struct pvh_kernel *k,
			   char *initrd, unsigned long initrd_len,
			   char *cmdline, unsigned long cmdline_len)
{
	struct kexec_buf pbuf = { .image = image,
				  .buf_min = PVH_MIN_ADDR,
				  .buf_max = PVH_BELOW_4G_MAX, .top_down = true };
	struct pvh_loader_data *ldata;
	struct pvh_start_block *sb;
	unsigned long sb_addr;
	u64 entry = k->elf.pvh_entry + k->offset;
	int ret;

	if (entry > U32_MAX) {
		pr_err("PHYS32_ENTRY 0x%x moved by 0x%llx is past 4 GiB\n",
		       k->elf.pvh_entry, k->offset);
		return ERR_PTR(-EADDRNOTAVAIL);
	}
	ret = kexec_load_purgatory(image, &pbuf);
	if (ret) {
		if (ret == -EADDRNOTAVAIL)
			kexec_buf_report_no_hole(&pbuf, "purgatory");
		else
			pr_err("loading purgatory failed: %d\n", ret);
		return ERR_PTR(ret);
	}
	sb = pvh_add_start(image, cmdline, cmdline_len, &sb_addr);
	if (IS_ERR(sb))
		return sb;
	sb->info.magic = XEN_HVM_START_MAGIC_VALUE;
	sb->info.version = 1;
	sb->info.rsdp_paddr = pvh_rsdp();
	sb->info.memmap_paddr = sb_addr + offsetof(struct pvh_start_block,
						   memmap);
	if (initrd) {
		ret = pvh_add_initrd(image, sb, sb_addr, initrd, initrd_len);
		if (ret)
			goto out_free;
	}
	pvh_set_cmdline(image, sb, sb_addr, cmdline, cmdline_len);
	ret = pvh_fill_memmap(image, sb);
	if (ret)
		goto out_free;
	ret = pvh_set_entry(image, entry, sb_addr);
	if (ret) {
		pr_err("setting purgatory's entry registers failed: %d\n", ret);
		goto out_free;
	}
	ldata = kzalloc(sizeof(*ldata), GFP_KERNEL | __GFP_NOWARN);
	if (!ldata) {
		pr_err("allocating the %zu-byte loader data failed\n",
		       sizeof(*ldata));
		ret = -ENOMEM;
		goto out_free;
	}
	ldata->start = sb;
	kexec_dprintk("PVH entry 0x%llx, start info at 0x%lx, RSDP 0x%llx\n",
		      entry, sb_addr, sb->info.rsdp_paddr);
	return ldata;

out_free:
	kfree(sb);
	return ERR_PTR(ret);
}

/*
 * A kernel started through its PVH entry copies its command line into a
 * COMMAND_LINE_SIZE buffer, NUL included, and cuts a longer one without a
 * word; unlike a bzImage's cmdline_size, an ELF vmlinux states no limit of
 * its own. A crash kernel's line also carries "elfcorehdr=0x... " in front.
 */
static int pvh_check_cmdline(const struct kimage *image,
			     unsigned long cmdline_len)
{
	unsigned long len = cmdline_len ? cmdline_len - 1 : 0;

	if (image->type == KEXEC_TYPE_CRASH &&
	    len + MAX_ELFCOREHDR_STR_LEN > COMMAND_LINE_SIZE - 1) {
		pr_err("command line of %lu bytes plus %d for elfcorehdr= exceeds the %d a PVH kernel reads (COMMAND_LINE_SIZE less the NUL)\n",
		       len, MAX_ELFCOREHDR_STR_LEN, COMMAND_LINE_SIZE - 1);
		return -EINVAL;
	}
	if (len > COMMAND_LINE_SIZE - 1) {
		pr_err("command line of %lu bytes exceeds the %d a PVH kernel reads (COMMAND_LINE_SIZE less the NUL)\n",
		       len, COMMAND_LINE_SIZE - 1);
		return -EINVAL;
	}
	return 0;
}

#ifdef CONFIG_IMA_KEXEC
/*
 * Whether a TPM holds the extends of IMA's measurement list (PCR 10).
 * Without one, IMA runs in TPM-bypass mode: its list is attested by
 * nothing, and a kernel that starts without it loses no integrity state.
 * A TPM whose driver came after IMA's init counts too, which refuses
 * more, never less. IMA selects TCG_TPM, so the driver core is built in.
 */
static bool pvh_tpm_present(void)
{
	struct tpm_chip *chip = tpm_default_chip();

	if (!chip)
		return false;
	put_device(&chip->dev);
	return true;
}
#endif

/*
 * What a kernel started through its PVH entry cannot be given. Its struct
 * hvm_start_info carries the command line, the initrd, the memory map and
 * the RSDP; the PVH entry builds the rest of boot_params itself. So it
 * gets none of what the bzImage loader hands over in boot_params and
 * setup_data: the IMA measurement list, the EFI system table and memory
 * map, and with them the Secure Boot state, which decides whether it
 * locks itself down. The RNG seed is not carried either; the next kernel
 * seeds itself from the CPU and its own timing (see x86.rst).
 */
struct pvh_handover_state {
	bool mem_encrypt;	/* SME, SEV or TDX in force */
	bool efi_runtime;	/* EFI runtime services in use */
	bool secure_boot;	/* booted with Secure Boot on */
	size_t ima_list_size;	/* the IMA segment, while a TPM attests it */
};

static void pvh_read_state(const struct kimage *image,
			   struct pvh_handover_state *s)
{
	s->mem_encrypt = cc_platform_has(CC_ATTR_MEM_ENCRYPT);
	s->efi_runtime = efi_enabled(EFI_RUNTIME_SERVICES);
	s->secure_boot = boot_params.secure_boot == efi_secureboot_mode_enabled;
	s->ima_list_size = 0;
#ifdef CONFIG_IMA_KEXEC
	if (image->ima_buffer_size && pvh_tpm_present())
		s->ima_list_size = image->ima_buffer_size;
#endif
}

/*
 * No load may give the next kernel less integrity state than this one
 * has: while any of it is in force (EFI runtime services in use, Secure
 * Boot on, even with efi=noruntime, an IMA list a TPM attests), the load
 * is refused and a bzImage serves.
 *
 * The PVH entry also runs with paging off, where memory encryption (SME,
 * SEV, TDX) cannot work: purgatory would read ciphertext, and in a TDX
 * guest clearing CR4.MCE is fatal. That is refused first, since nothing
 * else would make such a load work.
 */
static int pvh_check_state(const struct pvh_handover_state *s)
{
	if (s->mem_encrypt) {
		pr_err("memory encryption is active, and the PVH entry runs with paging off, which it does not allow: load a bzImage instead\n");
		return -EOPNOTSUPP;
	}
	if (s->efi_runtime) {
		pr_err("EFI runtime services are in use (Secure Boot %s), and a kernel started through PVH gets no EFI system table nor Secure Boot state: load a bzImage instead\n",
		       s->secure_boot ? "on" : "off");
		return -EOPNOTSUPP;
	}
	if (s->secure_boot) {
		pr_err("this kernel was booted with Secure Boot on, and a kernel started through PVH would not know it, nor lock itself down: load a bzImage instead\n");
		return -EOPNOTSUPP;
	}
	if (s->ima_list_size) {
		pr_err("the IMA measurement list (a %zu-byte segment) would be lost while a TPM holds its extends: a kernel started through PVH has no setup_data to find it; load a bzImage instead\n",
		       s->ima_list_size);
		return -EOPNOTSUPP;
	}
	return 0;
}

static void *elf_pvh_load(struct kimage *image, char *kernel,
			  unsigned long kernel_len, char *initrd,
			  unsigned long initrd_len, char *cmdline,
			  unsigned long cmdline_len)
{
	struct pvh_kernel *k = kzalloc(sizeof(*k), GFP_KERNEL | __GFP_NOWARN);
	struct pvh_handover_state state;
	void *ret;
	int err;

	if (!k) {
		pr_err("allocating the %zu-byte ELF description failed\n",
		       sizeof(*k));
		return ERR_PTR(-ENOMEM);
	}
	err = pvh_parse(kernel, kernel_len, &k->elf);
	if (!err) {
		pvh_read_state(image, &state);
		err = pvh_check_state(&state);
	}
	if (!err)
		err = pvh_check_cmdline(image, cmdline_len);
	/*
	 * The kdump ELF headers go first, to the start of the crashkernel
	 * region: crash_setup_memmap_entries() can cut them out of the
	 * region's memory map entry only at one of its ends.
	 */
	if (!err && IS_ENABLED(CONFIG_CRASH_DUMP) &&
	    image->type == KEXEC_TYPE_CRASH) {
		err = crash_load_segments(image);
		if (err)
			pr_err("preparing the ELF core headers or placing them in the crash kernel region failed: %d\n",
			       err);
	}
	if (!err)
		err = pvh_find_offset(image, k);
	if (!err)
		err = pvh_add_loads(image, kernel, k);
	if (err) {
		kfree(k);
		return ERR_PTR(err);
	}
	kexec_dprintk("ELF vmlinux at 0x%llx-0x%llx (p_paddr + 0x%llx)%s\n",
		      k->elf.low + k->offset, k->elf.high + k->offset - 1,
		      k->offset, k->elf.has_reloc ? "" : " (not relocatable)");
	ret = pvh_load_boot(image, k, initrd, initrd_len, cmdline, cmdline_len);
	kfree(k);
	return ret;
}

/* Called once the segments are copied: the start block is in one of them. */
static int elf_pvh_cleanup(void *loader_data)
{
	struct pvh_loader_data *ldata = loader_data;

	if (!ldata)
		return 0;
	kfree(ldata->start);
	ldata->start = NULL;
	return 0;
}

const struct kexec_file_ops kexec_elf_pvh_ops = {
	.probe = elf_pvh_probe,
	.load = elf_pvh_load,
	.cleanup = elf_pvh_cleanup,
};

#ifdef CONFIG_KEXEC_ELF_PVH_KUNIT_TEST
#include "kexec-elf-pvh_kunit.c"
#endif
