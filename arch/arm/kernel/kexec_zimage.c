// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_file_load(2) loader for the 32-bit ARM zImage.
 *
 * The header, its extension table and the notes are read by the
 * image-format parser (kernel/kexec_image_zimage.c); this file decides
 * whether this kernel can run the zImage and where it goes. The
 * decompressor finds the start of RAM by masking its own address to
 * 128 MiB (and, in recent zImages, checking it against the DTB's memory),
 * decompresses the kernel to that base + TEXT_OFFSET and moves itself past
 * the decompressed kernel first if it sits in the way
 * (arch/arm/boot/compressed/head.S). So the zImage goes at the base of
 * RAM + TEXT_OFFSET, and its segment covers everything the decompressor and
 * the kernel write there; the initrd and the DTB go above it, in lowmem
 * (Documentation/admin-guide/kexec-file-images/arm.rst).
 *
 * A crash kernel's DT limits its memory to the crash kernel's reservation
 * (linux,usable-memory-range), and the decompressor then takes the start
 * of that range rounded up to 2 MiB as its base (fdt_check_mem_start()):
 * a crashkernel=size@offset region need not be 2 MiB aligned, so the
 * zImage goes at that rounded base, where the decompressor will put the
 * kernel, and its whole footprint must lie inside the region.
 */

#define pr_fmt(fmt)	"kexec_file(zImage): " fmt

#include <linux/err.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kexec.h>
#include <linux/kexec_image.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/of_kexec.h>
#include <linux/ioport.h>
#include <linux/sizes.h>
#include <linux/slab.h>

/* Decompressed kernel + bss per zImage byte, when no KLSZ tag says. */
#define ZIMAGE_RATIO_GUESS	4
/*
 * Room above the decompressor's relocated copy for its bss, its 4 KiB
 * stack, the relocation code's rounding and its heap (MALLOC_SIZE, also
 * added on its own).
 */
#define ZIMAGE_DECOMP_SLACK	SZ_64K
#define ZIMAGE_DEFAULT_MALLOC	SZ_64K

/* Can this kernel run the zImage @info describes? */
static int zimage_check_machine(const struct kexec_image_info *info)
{
	bool be_image = info->endian == KEXEC_IMAGE_BE;

	if (be_image != IS_ENABLED(CONFIG_CPU_BIG_ENDIAN)) {
		pr_err("endianness flag: a %s-endian zImage cannot follow a %s-endian kernel\n",
		       be_image ? "big" : "little", be_image ? "little" : "big");
		return -EOPNOTSUPP;
	}
	/* A zImage linked to a fixed address (ZBOOT_ROM) runs only there. */
	if (info->zimage.start) {
		pr_err("start 0x%08x: the zImage runs only at its link address (ZBOOT_ROM), not where kexec places it\n",
		       info->zimage.start);
		return -EOPNOTSUPP;
	}
	/* The decompressor's page directory sits 16 KiB below the kernel. */
	if (info->has_text_offset && info->text_offset < SZ_16K) {
		pr_err("KLSZ text_offset 0x%llx leaves no room for the decompressor's 16 KiB page directory below the kernel\n",
		       info->text_offset);
		return -EINVAL;
	}
	if (info->has_text_offset && !PAGE_ALIGNED(info->text_offset)) {
		pr_err("KLSZ text_offset 0x%llx is not a multiple of this kernel's 0x%lx-byte page\n",
		       info->text_offset, PAGE_SIZE);
		return -EINVAL;
	}
	return 0;
}

/*
 * Parse and judge @buf. A file that is not a zImage is refused silently,
 * so that the generic probe can say so; any other refusal logs one line.
 */
static int zimage_recognise(const char *buf, unsigned long len,
			    struct kexec_image_info *info)
{
	int ret = kexec_image_parse_zimage(buf, len, info);

	if (ret == -ENOEXEC)
		return ret;
	if (ret) {
		pr_err("%s\n", info->reason);
		return ret;
	}
	return zimage_check_machine(info);
}

/* The core's description is too large for a 32-bit kernel's stack frame. */
static int zimage_probe(const char *kernel_buf, unsigned long kernel_len)
{
	struct kexec_image_info *info = kmalloc(sizeof(*info), GFP_KERNEL | __GFP_NOWARN);
	int ret;

	if (!info) {
		pr_err("allocating the %zu-byte image description failed\n",
		       sizeof(*info));
		return -ENOMEM;
	}
	ret = zimage_recognise(kernel_buf, kernel_len, info);
	kfree(info);
	return ret;
}

/* Under kexec debug, say which notes the zImage carries. */
static void zimage_log_notes(const char *buf, unsigned long len,
			     struct kexec_image_info *info)
{
	struct kexec_note_iter it;
	struct kexec_note note;

	if (!kexec_image_notes(buf, len, info, &it))
		return;
	while (kexec_note_next(&it, &note, info) > 0)
		kexec_dprintk("note %u: name \"%.*s\" type 0x%x, %u bytes of desc%s%*phN\n",
			      it.index - 1, (int)strnlen(note.name, note.namesz),
			      note.name, note.type, note.descsz,
			      note.descsz ? ": " : "",
			      (int)min_t(u32, note.descsz, 16), note.desc);
}

/*
 * Bytes from the zImage's load address that the decompressor and the
 * kernel write: the decompressed kernel and its bss, or a guess of four
 * times the zImage; then the decompressor's copy of itself past that,
 * with its bss, stack and heap. Counting the copy on top of the bss
 * is conservative: the copy may lie inside the bss, which the kernel
 * clears only once the decompressor is done.
 */
static int zimage_footprint(const struct kexec_image_info *info,
			    unsigned long len, unsigned long *footprint)
{
	const struct kexec_image_zimage *z = &info->zimage;
	u64 size = info->image_size;
	u64 malloc_size = z->malloc_size ?: ZIMAGE_DEFAULT_MALLOC;

	if (!z->has_size_tag)
		size = (u64)len * ZIMAGE_RATIO_GUESS;
	size += (u64)len + malloc_size + ZIMAGE_DECOMP_SLACK;
	size = round_up(size, PAGE_SIZE);
	if (size > KEXEC_IMAGE_MAX_SIZE) {
		pr_err("footprint 0x%llx (kernel, bss and the decompressor's copy of itself) exceeds the 1 GiB cap\n",
		       size);
		return -EINVAL;
	}
	*footprint = size;
	return 0;
}

/*
 * The base the decompressor will derive from its address and the DT: the
 * start of the memory it may use, rounded up to 2 MiB unless its address
 * masked to 128 MiB already lies in that memory (the same base then).
 */
static phys_addr_t zimage_base(const struct kimage *image)
{
	if (image->type == KEXEC_TYPE_CRASH)
		return round_up(crashk_res.start, SZ_2M);
	return round_up(memblock_start_of_DRAM(), SZ_2M);
}

/* The next kernel reaches its DTB and initrd through lowmem only. */
static unsigned long zimage_lowmem_end(void)
{
	return __pa(high_memory - 1);
}

static int zimage_place(struct kimage *image, char *kernel,
			unsigned long kernel_len, unsigned long load,
			unsigned long footprint)
{
	struct kexec_buf kbuf = {
		.image = image,
		.buffer = kernel,
		.bufsz = kernel_len,
		.mem = load,
		.memsz = footprint,
		.buf_align = PAGE_SIZE,
		.buf_max = ULONG_MAX,
		/*
		 * Past the file, the footprint is where the decompressor
		 * writes the kernel and keeps its bss, stack and heap; it
		 * and the kernel clear their own bss, and the boot protocol
		 * (Documentation/arch/arm/booting.rst) asks for nothing to
		 * be there, so nothing is copied there.
		 */
		.scratch_tail = true,
	};
	u64 end = load + (u64)footprint;
	int ret;

	/* kdump: all of it inside the reservation, or it would be cut short. */
	if (image->type == KEXEC_TYPE_CRASH &&
	    (load < crashk_res.start || end - 1 > crashk_res.end)) {
		pr_err("the zImage at 0x%lx with its footprint of 0x%lx bytes runs past the crash kernel region %pa-%pa: reserve more with crashkernel=\n",
		       load, footprint, &crashk_res.start, &crashk_res.end);
		return -EADDRNOTAVAIL;
	}
	/* System RAM as the resource tree has it: no-map carve-outs excluded. */
	if (end > (u64)ULONG_MAX + 1 ||
	    region_intersects(load, footprint, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_INTERSECTS) {
		pr_err("the zImage at 0x%lx and its footprint of 0x%lx bytes run past the System RAM at its base\n",
		       load, footprint);
		return -EADDRNOTAVAIL;
	}
	ret = kexec_add_buffer(&kbuf);
	if (ret == -EADDRNOTAVAIL)
		kexec_buf_report_no_hole(&kbuf, "zImage at its fixed address");
	return ret;
}

static void *zimage_load(struct kimage *image,
			 char *kernel, unsigned long kernel_len,
			 char *initrd, unsigned long initrd_len,
			 char *cmdline, unsigned long cmdline_len)
{
	struct of_kexec_rules rules = {
		.max_addr = zimage_lowmem_end(),
		.dtb_align = PAGE_SIZE,
		.elfcorehdr_align = PAGE_SIZE,
		/* /proc/vmcore of 32-bit ARM refuses ELF64 core headers. */
		.elfcorehdr_elf32 = true,
	};
	struct of_kexec_placed placed;
	struct kexec_image_info *info;
	unsigned long footprint, load;
	u64 text_offset;
	int ret;

	info = kmalloc(sizeof(*info), GFP_KERNEL | __GFP_NOWARN);
	if (!info) {
		pr_err("allocating the %zu-byte image description failed\n",
		       sizeof(*info));
		return ERR_PTR(-ENOMEM);
	}
	ret = zimage_recognise(kernel, kernel_len, info);
	if (!ret) {
		zimage_log_notes(kernel, kernel_len, info);
		ret = zimage_footprint(info, kernel_len, &footprint);
	}
	text_offset = info->has_text_offset ? info->text_offset :
					      KEXEC_ARM_ZIMAGE_OFFSET;
	kfree(info);
	if (ret)
		return ERR_PTR(ret);

	load = zimage_base(image) + text_offset;
	ret = zimage_place(image, kernel, kernel_len, load, footprint);
	if (ret)
		return ERR_PTR(ret);
	image->start = load;
	kexec_dprintk("Loaded zImage at 0x%lx bufsz=0x%lx memsz=0x%lx\n",
		      load, kernel_len, footprint);

	rules.kernel_mem = load;
	rules.kernel_size = footprint;
	ret = of_kexec_load_segments(image, &rules, initrd, initrd_len,
				     cmdline, &placed);
	if (ret == -EADDRNOTAVAIL)
		pr_err("no room in %s above the zImage's footprint (0x%lx-0x%lx) and below 0x%lx for the initrd (0x%lx bytes), DTB and headers\n",
		       image->type == KEXEC_TYPE_CRASH ?
		       "the crash kernel region" : "lowmem",
		       load, load + footprint - 1, rules.max_addr, initrd_len);
	if (ret)
		return ERR_PTR(ret);
	image->arch.dtb = placed.dtb;
	image->arch.dtb_mem = placed.dtb_mem;
	return NULL;
}

const struct kexec_file_ops kexec_zimage_ops = {
	.probe = zimage_probe,
	.load = zimage_load,
};
