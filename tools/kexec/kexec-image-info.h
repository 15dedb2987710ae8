/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kexec-image-info's parts: the tool (kexec-image-info.c) describes a
 * file in words; json.c, unwrap.c and uki.c add --json, --unwrap and a
 * UKI's sections, elf.c an ELF executable's loads and notes, bzimage.c
 * --unwrap of a bzImage's payload. Each part is linked in when its file
 * is there, and the weak definitions the others keep stand in for a part
 * left out.
 */
#ifndef KEXEC_IMAGE_INFO_H
#define KEXEC_IMAGE_INFO_H

#include <stdbool.h>
#include <stddef.h>

#include <linux/compiler.h>
#include <linux/kexec_image.h>

/* --unwrap goes two levels deep at most: a UKI's .linux, then its wrapper. */
#define UNWRAP_LEVELS		2

struct file_buf {
	unsigned char *data;
	size_t len;
};

/* The outcome of one level of --unwrap: the inner image, or why there is none. */
struct unwrap_result {
	bool tried;
	const char *method;	/* of the payload, as the wrapper names it */
	int err;		/* 0 or a positive errno */
	char reason[KEXEC_IMAGE_REASON_LEN];
	struct file_buf inner;
	struct kexec_image_info info;
};

/* The output cap of --unwrap (--unwrap-max-mb=N). */
extern size_t unwrap_cap;

/* kexec-image-info.c */
const char *errno_name(int err);
int describe(const struct file_buf *fb, struct kexec_image_info *info);
void print_human(const char *path, const struct file_buf *fb,
		 const struct kexec_image_info *info, int io_err);
void human_note(unsigned int index, const struct kexec_note *note,
		const char *type_name);

/* json.c: --json */
void print_json(const char *path, const struct file_buf *fb,
		const struct kexec_image_info *info, int io_err,
		const struct unwrap_result *r);
void json_string(const char *s, size_t n);
void json_key(const char *key);
void json_u64(const char *key, unsigned long long v);
void json_str(const char *key, const char *v);

/* unwrap.c: --unwrap, with the system's zlib and libzstd */
void unwrap_all(const struct file_buf *fb, const struct kexec_image_info *info,
		struct unwrap_result r[UNWRAP_LEVELS]);
__printf(3, 4)
int refuse(struct unwrap_result *r, int err, const char *fmt, ...);
int refuse_stream(struct unwrap_result *r, const struct kexec_image_stream *s);
void judge_output(struct kexec_image_stream *s, struct unwrap_result *r);
int inflate_stream(const unsigned char *src, const struct kexec_image_stream *s,
		   struct file_buf *out, struct unwrap_result *r);

/* uki.c: a Unified Kernel Image's sections, text and kernel */
void human_uki(const struct file_buf *fb, const struct kexec_image_info *info);
void json_uki(const struct file_buf *fb, const struct kexec_image_info *info);
void unwrap_uki(const struct file_buf *fb, const struct kexec_image_info *info,
		struct unwrap_result *r);

/* elf.c: an ELF executable's entry, loads, PVH notes and build ID */
void human_elf(const struct file_buf *fb, const struct kexec_image_info *info);
void json_elf(const struct file_buf *fb, const struct kexec_image_info *info);

/* bzimage.c: --unwrap of a bzImage's payload, with zlib, libzstd and liblzma */
void unwrap_bzimage(const struct file_buf *fb,
		    const struct kexec_image_info *info,
		    struct unwrap_result *r);

#endif /* KEXEC_IMAGE_INFO_H */
