// SPDX-License-Identifier: GPL-2.0
/*
 * The segments that go with a kernel loaded by kexec_file_load() on a
 * device-tree machine: the crash kernel's ELF core headers, the initrd and
 * the DTB that of_kexec_alloc_and_setup_fdt() builds from this kernel's.
 *
 * The architectures differ only in where these may go (how far the initrd
 * may be from the kernel, what the DTB must not cross, which memory the
 * next kernel can reach early), so they hand those rules in and share the
 * rest.
 *
 * Copyright (C) 2018 Linaro Limited
 * Author: AKASHI Takahiro <takahiro.akashi@linaro.org>
 */

#define pr_fmt(fmt) "kexec_file: " fmt

#include <linux/elf.h>
#include <linux/kexec.h>
#include <linux/libfdt.h>
#include <linux/memblock.h>
#include <linux/minmax.h>
#include <linux/of.h>
#include <linux/of_kexec.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#ifdef CONFIG_CRASH_DUMP
/* ELF core headers of all of memory except the crash kernel's own. */
static int prepare_elf_headers(void **addr, unsigned long *sz)
{
	struct crash_mem *cmem;
	unsigned int nr_ranges;
	phys_addr_t start, end;
	int ret;
	u64 i;

	nr_ranges = 2; /* for exclusion of crashkernel region */
	for_each_mem_range(i, &start, &end)
		nr_ranges++;

	cmem = kmalloc(struct_size(cmem, ranges, nr_ranges), GFP_KERNEL);
	if (!cmem)
		return -ENOMEM;

	cmem->max_nr_ranges = nr_ranges;
	cmem->nr_ranges = 0;
	for_each_mem_range(i, &start, &end) {
		cmem->ranges[cmem->nr_ranges].start = start;
		cmem->ranges[cmem->nr_ranges].end = end - 1;
		cmem->nr_ranges++;
	}

	ret = crash_exclude_mem_range(cmem, crashk_res.start, crashk_res.end);
	if (ret)
		goto out;

	if (crashk_low_res.end) {
		ret = crash_exclude_mem_range(cmem, crashk_low_res.start,
					      crashk_low_res.end);
		if (ret)
			goto out;
	}

	ret = crash_prepare_elf64_headers(cmem, true, addr, sz);
out:
	kfree(cmem);
	return ret;
}

/* Copies @v into @dst, or fails when it does not fit 32 bits. */
static int put32(u32 *dst, u64 v)
{
	if (v > U32_MAX)
		return -EOVERFLOW;
	*dst = v;
	return 0;
}

static int phdr_to_elf32(struct elf32_phdr *p32, const struct elf64_phdr *p64)
{
	const struct elf64_phdr p = *p64;	/* @p32 overlaps it */

	p32->p_type = p.p_type;
	p32->p_flags = p.p_flags;
	return put32(&p32->p_offset, p.p_offset) ?:
	       put32(&p32->p_vaddr, p.p_vaddr) ?:
	       put32(&p32->p_paddr, p.p_paddr) ?:
	       put32(&p32->p_filesz, p.p_filesz) ?:
	       put32(&p32->p_memsz, p.p_memsz) ?:
	       put32(&p32->p_align, p.p_align);
}

/*
 * A 32-bit kernel's /proc/vmcore may take ELF32 core headers only (arm:
 * vmcore_elf64_check_arch() is 0). Rewrite crash_prepare_elf64_headers()'s
 * output in place: each ELF32 header is smaller than the ELF64 one it
 * replaces and never reaches the next one still to be read.
 */
static int elf_headers_to_elf32(void *buf, unsigned long *sz)
{
	const struct elf64_hdr e64 = *(struct elf64_hdr *)buf;
	struct elf64_phdr *p64 = buf + sizeof(struct elf64_hdr);
	struct elf32_phdr *p32 = buf + sizeof(struct elf32_hdr);
	struct elf32_hdr *e32 = buf;
	unsigned int i;
	int ret;

	for (i = 0; i < e64.e_phnum; i++) {
		ret = phdr_to_elf32(&p32[i], &p64[i]);
		if (ret) {
			pr_err("memory range 0x%llx+0x%llx does not fit ELF32 core headers\n",
			       p64[i].p_paddr, p64[i].p_memsz);
			return ret;
		}
	}
	memcpy(e32->e_ident, e64.e_ident, EI_NIDENT);
	e32->e_ident[EI_CLASS] = ELFCLASS32;
	e32->e_type = e64.e_type;
	e32->e_machine = e64.e_machine;
	e32->e_version = e64.e_version;
	e32->e_entry = 0;
	e32->e_phoff = sizeof(struct elf32_hdr);
	e32->e_shoff = 0;
	e32->e_flags = e64.e_flags;
	e32->e_ehsize = sizeof(struct elf32_hdr);
	e32->e_phentsize = sizeof(struct elf32_phdr);
	e32->e_phnum = e64.e_phnum;
	e32->e_shentsize = 0;
	e32->e_shnum = 0;
	e32->e_shstrndx = 0;
	*sz = sizeof(struct elf32_hdr) + (unsigned long)e64.e_phnum * sizeof(struct elf32_phdr);
	return 0;
}

/* The crash kernel's ELF core headers, top down above @kbuf->buf_min. */
static int load_elfcorehdr(struct kimage *image, struct kexec_buf *kbuf,
			   const struct of_kexec_rules *rules)
{
	unsigned long headers_sz;
	void *headers;
	int ret;

	ret = prepare_elf_headers(&headers, &headers_sz);
	if (ret) {
		pr_err("preparing the ELF core headers failed: %d\n", ret);
		return ret;
	}
	if (rules->elfcorehdr_elf32) {
		ret = elf_headers_to_elf32(headers, &headers_sz);
		if (ret) {
			vfree(headers);
			return ret;
		}
	}

	kbuf->buffer = headers;
	kbuf->bufsz = headers_sz;
	kbuf->mem = KEXEC_BUF_MEM_UNKNOWN;
	kbuf->memsz = headers_sz;
	kbuf->buf_align = rules->elfcorehdr_align;
	kbuf->buf_max = rules->max_addr;
	kbuf->top_down = true;

	ret = kexec_add_buffer(kbuf);
	if (ret) {
		vfree(headers);
		return ret;
	}
	image->elf_headers = headers;
	image->elf_load_addr = kbuf->mem;
	image->elf_headers_sz = headers_sz;

	kexec_dprintk("Loaded elf core header at 0x%lx bufsz=0x%lx memsz=0x%lx\n",
		      image->elf_load_addr, kbuf->bufsz, kbuf->memsz);
	return 0;
}
#else
static int load_elfcorehdr(struct kimage *image, struct kexec_buf *kbuf,
			   const struct of_kexec_rules *rules)
{
	return -EINVAL;	/* no crash kernel can be loaded without CRASH_DUMP */
}
#endif

/* Highest address the initrd may reach under @rules. */
static unsigned long initrd_max(const struct of_kexec_rules *rules)
{
	u64 window_end;

	if (!rules->initrd_window_align)
		return rules->max_addr;
	window_end = round_down((u64)rules->kernel_mem,
				rules->initrd_window_align) +
		     rules->initrd_window;
	return min_t(u64, window_end, rules->max_addr);
}

static int load_initrd(struct kexec_buf *kbuf,
		       const struct of_kexec_rules *rules,
		       char *initrd, unsigned long initrd_len)
{
	int ret;

	kbuf->buffer = initrd;
	kbuf->bufsz = initrd_len;
	kbuf->mem = KEXEC_BUF_MEM_UNKNOWN;
	kbuf->memsz = initrd_len;
	kbuf->buf_align = 0;
	kbuf->buf_max = initrd_max(rules);
	kbuf->top_down = false;

	ret = kexec_add_buffer(kbuf);
	if (ret)
		return ret;
	kexec_dprintk("Loaded initrd at 0x%lx bufsz=0x%lx memsz=0x%lx\n",
		      kbuf->mem, kbuf->bufsz, kbuf->memsz);
	return 0;
}

static int load_dtb(struct kexec_buf *kbuf, const struct of_kexec_rules *rules,
		    void *dtb)
{
	int ret;

	fdt_pack(dtb);
	kbuf->buffer = dtb;
	kbuf->bufsz = fdt_totalsize(dtb);
	kbuf->mem = KEXEC_BUF_MEM_UNKNOWN;
	kbuf->memsz = kbuf->bufsz;
	kbuf->buf_align = rules->dtb_align;
	kbuf->buf_max = rules->max_addr;
	kbuf->top_down = rules->dtb_top_down;

	ret = kexec_add_buffer(kbuf);
	if (ret)
		return ret;
	kexec_dprintk("Loaded dtb at 0x%lx bufsz=0x%lx memsz=0x%lx\n",
		      kbuf->mem, kbuf->bufsz, kbuf->memsz);
	return 0;
}

/* The crash kernel's ELF core headers of this load, if any. */
static void free_elf_headers(struct kimage *image)
{
	vfree(image->elf_headers);
	image->elf_headers = NULL;
	image->elf_headers_sz = 0;
}

/**
 * of_kexec_load_segments() - add the elfcorehdr, initrd and DTB clear of the kernel
 * @image: the image being loaded
 * @rules: where the architecture lets these segments go
 * @initrd: the initrd, or NULL
 * @initrd_len: bytes in @initrd
 * @cmdline: the next kernel's command line, or NULL
 * @placed: receives the DTB and where it was placed
 *
 * Nothing is placed below the end of the kernel's footprint nor above
 * @rules->max_addr. The crash kernel's ELF core headers go first, top down
 * (a crash image's segments all lie in the crash kernel's reservation),
 * then the initrd bottom up, then the DTB that
 * of_kexec_alloc_and_setup_fdt() builds from this kernel's, which names
 * the initrd, the command line and for a crash kernel the headers.
 *
 * Return: 0, or a negative errno with the image's segments as they were:
 * -EADDRNOTAVAIL, unlogged, when a segment found no room, so that the
 * caller may try again with the kernel elsewhere (and say so if it gives
 * up); any other errno after one line saying why.
 */
int of_kexec_load_segments(struct kimage *image,
			   const struct of_kexec_rules *rules,
			   char *initrd, unsigned long initrd_len,
			   char *cmdline, struct of_kexec_placed *placed)
{
	unsigned long initrd_load_addr = 0,
		      orig_segments = image->nr_segments;
	struct kexec_buf kbuf = { .image = image };
	void *dtb = NULL;
	int ret;

	if (check_add_overflow(rules->kernel_mem, rules->kernel_size,
			       &kbuf.buf_min)) {
		pr_err("kernel at 0x%lx + footprint 0x%lx overflows\n",
		       rules->kernel_mem, rules->kernel_size);
		return -EINVAL;
	}

	if (image->type == KEXEC_TYPE_CRASH) {
		ret = load_elfcorehdr(image, &kbuf, rules);
		if (ret)
			goto out_err;
	}

	if (initrd) {
		ret = load_initrd(&kbuf, rules, initrd, initrd_len);
		if (ret)
			goto out_err;
		initrd_load_addr = kbuf.mem;
	}

	/*
	 * NULL says only that the copy of this kernel's DT could not be
	 * made or edited: out of memory, or this kernel's own DT at fault.
	 * Another place for the kernel would not help.
	 */
	dtb = of_kexec_alloc_and_setup_fdt(image, initrd_load_addr,
					   initrd_len, cmdline, 0);
	if (!dtb) {
		pr_err("building the next kernel's device tree from this kernel's failed\n");
		ret = -ENOMEM;
		goto out_err;
	}
	ret = load_dtb(&kbuf, rules, dtb);
	if (ret)
		goto out_err;
	placed->dtb = dtb;
	placed->dtb_mem = kbuf.mem;
	return 0;

out_err:
	image->nr_segments = orig_segments;
	/*
	 * The loaders call again with the kernel one hole up: free the core
	 * headers of this attempt, or the next one would leak them.
	 */
	free_elf_headers(image);
	kvfree(dtb);
	return ret;
}

/**
 * of_kexec_free_segments() - free what a load through of_kexec_load_segments() kept
 * @image: the image, from arch_kimage_file_post_load_cleanup()
 * @dtb: where the architecture keeps &struct of_kexec_placed.dtb; set to NULL
 */
void of_kexec_free_segments(struct kimage *image, void **dtb)
{
	kvfree(*dtb);
	*dtb = NULL;
	free_elf_headers(image);
}
