/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-ins for what kernel/kexec_image*.c get from the kernel's
 * headers but tools/include does not declare: vsnprintf() and the str/mem
 * functions. Force-included before anything else.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <linux/kconfig.h>
