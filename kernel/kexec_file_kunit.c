// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of kexec_add_buffer()'s segment bookkeeping.
 *
 * A loader may drop the segments it added and try again elsewhere (the
 * arm64 Image loader moves its kernel one hole up when the initrd or the
 * device tree find no room; of_kexec_load_segments() drops what it added
 * when one of them fails). The segments added next take the dropped ones'
 * indexes, and must not inherit anything of them: a scratch tail left
 * behind would be neither cleared, copied nor covered by the digest.
 *
 * The segments get fixed addresses (kbuf->mem set), so no memory is
 * searched and nothing is copied: only what kexec_add_buffer() records.
 */

#include <kunit/test.h>
#include <linux/kexec.h>
#include <linux/sizes.h>

#include "kexec_internal.h"

#define TEST_BUF_PAGES	4

static struct kimage *test_image(struct kunit *test)
{
	struct kimage *image = kunit_kzalloc(test, sizeof(*image), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, image);
	image->file_mode = 1;
	INIT_LIST_HEAD(&image->control_pages);
	return image;
}

/* Add a one-page buffer at @mem, in a segment of TEST_BUF_PAGES pages. */
static void add_test_buf(struct kunit *test, struct kimage *image,
			 unsigned long mem, bool scratch_tail)
{
	void *data = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	struct kexec_buf kbuf = {
		.image = image,
		.buffer = data,
		.bufsz = PAGE_SIZE,
		.mem = mem,
		.memsz = TEST_BUF_PAGES * PAGE_SIZE,
		.buf_align = PAGE_SIZE,
		.buf_max = ULONG_MAX,
		.scratch_tail = scratch_tail,
	};

	KUNIT_ASSERT_NOT_NULL(test, data);
	KUNIT_ASSERT_EQ(test, kexec_add_buffer(&kbuf), 0);
}

/* A segment with a scratch tail is filled up to its buffer's last page. */
static void kexec_add_buffer_scratch_tail_test(struct kunit *test)
{
	struct kimage *image = test_image(test);

	add_test_buf(test, image, SZ_16M, false);
	add_test_buf(test, image, SZ_32M, true);

	KUNIT_EXPECT_EQ(test, image->nr_segments, 2UL);
	KUNIT_EXPECT_EQ(test, kimage_segment_filled(image, 0),
			(size_t)TEST_BUF_PAGES * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, kimage_segment_filled(image, 1),
			(size_t)PAGE_SIZE);
}

/*
 * Dropped and added again without a tail, as a loader's second attempt
 * does: the new segment at the old index is filled whole.
 */
static void kexec_add_buffer_rolled_back_tail_test(struct kunit *test)
{
	struct kimage *image = test_image(test);

	add_test_buf(test, image, SZ_16M, true);
	KUNIT_ASSERT_EQ(test, kimage_segment_filled(image, 0),
			(size_t)PAGE_SIZE);

	image->nr_segments = 0;
	add_test_buf(test, image, SZ_32M, false);

	KUNIT_EXPECT_EQ(test, image->nr_segments, 1UL);
	KUNIT_EXPECT_EQ(test, image->segment[0].mem, (unsigned long)SZ_32M);
	KUNIT_EXPECT_EQ(test, kimage_segment_filled(image, 0),
			(size_t)TEST_BUF_PAGES * PAGE_SIZE);
}

static struct kunit_case kexec_file_test_cases[] = {
	KUNIT_CASE(kexec_add_buffer_scratch_tail_test),
	KUNIT_CASE(kexec_add_buffer_rolled_back_tail_test),
	{}
};

static struct kunit_suite kexec_file_test_suite = {
	.name = "kexec_file",
	.test_cases = kexec_file_test_cases,
};

kunit_test_suite(kexec_file_test_suite);

MODULE_DESCRIPTION("KUnit tests for kexec_file_load()'s segment bookkeeping");
MODULE_LICENSE("GPL");
