// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_file_load(2): take a Unified Kernel Image apart in the kernel.
 *
 * A UKI is one PE file, signed as a whole, holding the kernel (.linux),
 * its initrd (.ucode and .initrd) and its command line (.cmdline), among
 * other sections (the UAPI group's UKI specification). kexec_file.c asks
 * kexec_unwrap_describe_uki() whether the file is one, which reads the
 * section table only; judges the signature of the file as handed in; and
 * only then calls kexec_unwrap_uki() for the parts. A .linux that is a
 * gzip or EFI zboot image is unpacked once more by kexec_unwrap(); nothing
 * deeper is. Every refusal logs one line
 * (Documentation/admin-guide/kexec-file-images/unwrap.rst).
 */

#define pr_fmt(fmt)	"kexec_file: " fmt

#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/kexec.h>
#include <linux/kexec_image.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/pe.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#if defined(CONFIG_X86_64)
#define UKI_MACHINE	IMAGE_FILE_MACHINE_AMD64
#elif defined(CONFIG_ARM64)
#define UKI_MACHINE	IMAGE_FILE_MACHINE_ARM64
#else
#define UKI_MACHINE	IMAGE_FILE_MACHINE_UNKNOWN
#endif

/* A UKI's stub and kernel are for the machine its PE header names. */
static int uki_check_machine(const struct kexec_image_info *info)
{
	if (info->pe_machine == UKI_MACHINE)
		return 0;
	pr_err("uki: PE machine 0x%04x is not this kernel's (0x%04x)\n",
	       info->pe_machine, UKI_MACHINE);
	return -EOPNOTSUPP;
}

/**
 * kexec_unwrap_describe_uki() - tell whether a kernel file is a UKI to undo
 * @buf: the file as handed to kexec_file_load()
 * @len: bytes in @buf
 * @info: filled with the UKI's description
 *
 * Only the headers and the section table are read, so that the caller can
 * judge the signature before anything inside is used.
 *
 * Return: 0 for a UKI for this machine, -ENOEXEC (silently) for any other
 * file, or the errno of a refusal, logged in one line: -EINVAL for a
 * malformed UKI, -EOPNOTSUPP for one whose PE header names another machine.
 */
int kexec_unwrap_describe_uki(const void *buf, size_t len,
			      struct kexec_image_info *info)
{
	int ret = kexec_image_parse_uki(buf, len, info);

	if (ret == -ENOEXEC)
		return ret;
	if (ret) {
		pr_err("uki: %s\n", info->reason);
		return ret;
	}
	return uki_check_machine(info);
}

static bool uki_has(const struct kexec_image_info *info,
		    enum kexec_uki_section sec)
{
	return info->uki.present & BIT(sec);
}

/* .linux as it is: an Image, a bzImage or an ELF vmlinux. */
static int uki_copy_linux(const u8 *src, u32 size,
			  struct kexec_uki_parts *parts)
{
	int ret;

	parts->kernel = __vmalloc(size, GFP_KERNEL | __GFP_RETRY_MAYFAIL |
				  __GFP_NOWARN);
	if (!parts->kernel) {
		pr_err("uki: no memory for the %u-byte .linux\n", size);
		return -ENOMEM;
	}
	ret = kexec_unwrap_copy(parts->kernel, src, size);
	if (ret) {
		pr_err("uki: interrupted by a fatal signal while copying the %u-byte .linux\n",
		       size);
		return ret;
	}
	parts->kernel_len = size;
	return 0;
}

/*
 * .linux as the loaders will see it: copied, or unpacked once more when
 * it is a gzip or EFI zboot image (UKI, then zboot, then Image; nothing
 * deeper).
 */
static int uki_kernel(const u8 *buf, const struct kexec_image_info *info,
		      struct kexec_uki_parts *parts)
{
	const struct kexec_image_extent *lx = &info->uki.section[KEXEC_UKI_LINUX];
	const u8 *src = buf + lx->offset;
	struct kexec_image_info *inner;
	int ret;

	inner = kmalloc(sizeof(*inner), GFP_KERNEL | __GFP_NOWARN);
	if (!inner) {
		pr_err("allocating the %zu-byte .linux description failed\n",
		       sizeof(*inner));
		return -ENOMEM;
	}
	ret = kexec_image_probe(src, lx->size, inner);
	if (ret == -ENOEXEC) {
		pr_err("uki: .linux (%u bytes) is not a kernel this kernel loads: %s\n",
		       lx->size, inner->reason);
		ret = -EINVAL;
	} else if (ret) {
		pr_err("uki: .linux: %s: %s\n",
		       kexec_image_format_name(inner->format), inner->reason);
	} else if (inner->format == KEXEC_IMAGE_FMT_UKI) {
		pr_err("uki: .linux holds another UKI: one UKI is unpacked, not more\n");
		ret = -EINVAL;
	} else if (inner->format == KEXEC_IMAGE_FMT_GZIP ||
		   inner->format == KEXEC_IMAGE_FMT_EFI_ZBOOT) {
		ret = kexec_unwrap(src, lx->size, inner, &parts->kernel,
				   &parts->kernel_len);
	} else {
		ret = uki_copy_linux(src, lx->size, parts);
	}
	kfree(inner);
	return ret;
}

/* .ucode, then .initrd, each padded with zeros to 4 bytes for cpio. */
static int uki_initrd(const u8 *buf, const struct kexec_image_info *info,
		      struct kexec_uki_parts *parts)
{
	const struct kexec_image_extent *uc = &info->uki.section[KEXEC_UKI_UCODE];
	const struct kexec_image_extent *rd = &info->uki.section[KEXEC_UKI_INITRD];
	size_t a = uki_has(info, KEXEC_UKI_UCODE) ? ALIGN(uc->size, 4) : 0;
	size_t b = uki_has(info, KEXEC_UKI_INITRD) ? ALIGN(rd->size, 4) : 0;
	size_t n;
	int ret;
	u8 *p;

	if (check_add_overflow(a, b, &n)) {
		pr_err("uki: .ucode and .initrd together overflow\n");
		return -EINVAL;
	}
	if (!n)
		return 0;
	p = __vmalloc(n, GFP_KERNEL | __GFP_RETRY_MAYFAIL | __GFP_NOWARN |
		      __GFP_ZERO);
	if (!p) {
		pr_err("uki: no memory for the %zu-byte .ucode and .initrd\n", n);
		return -ENOMEM;
	}
	parts->initrd = p;
	ret = a ? kexec_unwrap_copy(p, buf + uc->offset, uc->size) : 0;
	if (!ret && b)
		ret = kexec_unwrap_copy(p + a, buf + rd->offset, rd->size);
	if (ret) {
		pr_err("uki: interrupted by a fatal signal while copying the %zu-byte .ucode and .initrd\n",
		       n);
		return ret;
	}
	parts->initrd_len = n;
	return 0;
}

static int uki_cmdline(const u8 *buf, const struct kexec_image_info *info,
		       struct kexec_uki_parts *parts)
{
	size_t n = kexec_image_uki_text(buf, info, KEXEC_UKI_CMDLINE);

	if (!uki_has(info, KEXEC_UKI_CMDLINE))
		return 0;
	parts->cmdline = kmemdup_nul(buf + info->uki.section[KEXEC_UKI_CMDLINE].offset,
				     n, GFP_KERNEL | __GFP_NOWARN);
	if (!parts->cmdline) {
		pr_err("uki: no memory for the %zu-byte .cmdline\n", n);
		return -ENOMEM;
	}
	return 0;
}

/**
 * kexec_uki_parts_free() - free what kexec_unwrap_uki() took out
 * @parts: the parts; each pointer is freed and cleared
 */
void kexec_uki_parts_free(struct kexec_uki_parts *parts)
{
	vfree(parts->kernel);
	vfree(parts->initrd);
	kfree(parts->cmdline);
	memset(parts, 0, sizeof(*parts));
}

/**
 * kexec_unwrap_uki() - take the kernel, initrd and command line out of a UKI
 * @buf: the file, as kexec_unwrap_describe() described it; its signature
 *	has been judged
 * @len: bytes in @buf
 * @info: kexec_unwrap_describe()'s description of @buf
 * @parts: filled with the kernel (.linux, unpacked once more if it is a
 *	gzip or EFI zboot image), the initrd (.ucode then .initrd) and the
 *	command line (.cmdline); the last two are NULL where the UKI has
 *	neither section. Free with kexec_uki_parts_free().
 *
 * The sections of the UKI's first profile are used. .dtb, .splash,
 * .pcrsig, .pcrpkey and .sbat are not: the running device tree describes
 * this machine, nothing is drawn and nothing is measured into a TPM.
 *
 * Return: 0, or the errno of a refusal, logged in one line, with nothing
 * left allocated: -EINVAL for a .linux that is no kernel this kernel
 * loads or is itself a UKI, -ENOMEM, or kexec_unwrap()'s errno for a
 * compressed .linux.
 */
int kexec_unwrap_uki(const void *buf, size_t len,
		     const struct kexec_image_info *info,
		     struct kexec_uki_parts *parts)
{
	int ret;

	memset(parts, 0, sizeof(*parts));
	ret = uki_kernel(buf, info, parts);
	if (!ret)
		ret = uki_initrd(buf, info, parts);
	if (!ret)
		ret = uki_cmdline(buf, info, parts);
	if (ret) {
		kexec_uki_parts_free(parts);
		return ret;
	}
	kexec_dprintk("uki: %zu bytes: %lu-byte kernel, %lu-byte initrd, %s command line\n",
		      len, parts->kernel_len, parts->initrd_len,
		      parts->cmdline ? "a" : "no");
	return 0;
}
