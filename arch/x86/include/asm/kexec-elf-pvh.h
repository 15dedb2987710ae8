/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_KEXEC_ELF_PVH_H
#define _ASM_KEXEC_ELF_PVH_H

extern const struct kexec_file_ops kexec_elf_pvh_ops;

#endif /* _ASM_KEXEC_ELF_PVH_H */
