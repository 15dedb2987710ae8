/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Placement of the segments that go with a kernel loaded by
 * kexec_file_load() on device-tree machines: the crash kernel's ELF core
 * headers, the initrd and the next kernel's DTB.
 */
#ifndef _LINUX_OF_KEXEC_H
#define _LINUX_OF_KEXEC_H

#include <linux/types.h>

struct kimage;

/**
 * struct of_kexec_rules - where an architecture lets the other segments go
 * @kernel_mem: start of the kernel's footprint
 * @kernel_size: bytes of the footprint; nothing is placed below its end
 * @max_addr: last byte any segment may occupy (ULONG_MAX: no limit)
 * @initrd_window_align: the initrd must end below @kernel_mem rounded down
 *	to this, plus @initrd_window (0: no such window)
 * @initrd_window: size of that window
 * @dtb_align: alignment of the DTB; a DTB smaller than it then never
 *	crosses a boundary of that size
 * @dtb_top_down: place the DTB as high as the rules allow, not as low
 * @elfcorehdr_align: alignment of the crash kernel's ELF core headers
 * @elfcorehdr_elf32: the crash kernel reads ELF32 core headers only
 */
struct of_kexec_rules {
	unsigned long kernel_mem;
	unsigned long kernel_size;
	unsigned long max_addr;
	u64 initrd_window_align;
	u64 initrd_window;
	unsigned long dtb_align;
	bool dtb_top_down;
	unsigned long elfcorehdr_align;
	bool elfcorehdr_elf32;
};

/**
 * struct of_kexec_placed - what of_kexec_load_segments() placed
 * @dtb: the next kernel's DTB, kvfree() it after the load
 * @dtb_mem: physical address of the DTB segment
 */
struct of_kexec_placed {
	void *dtb;
	unsigned long dtb_mem;
};

int of_kexec_load_segments(struct kimage *image,
			   const struct of_kexec_rules *rules,
			   char *initrd, unsigned long initrd_len,
			   char *cmdline, struct of_kexec_placed *placed);
void of_kexec_free_segments(struct kimage *image, void **dtb);

#endif /* _LINUX_OF_KEXEC_H */
