// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the ELF/PVH loader's handover refusals.
 *
 * A kernel started through its PVH entry gets no EFI state, no Secure
 * Boot state and no IMA measurement list, and the entry runs with paging
 * off, which memory encryption does not allow. pvh_check_state() refuses
 * a load while any of these is in force. The tests give it each state in
 * turn, including those a test machine cannot be put in (an SEV or TDX
 * guest), and expect the refusal, or the load to go on when none holds.
 *
 * Included by kexec-elf-pvh.c, whose functions they call.
 */

#include <kunit/test.h>

/* Every state, one at a time and all at once: the load is refused. */
static const struct pvh_handover_state pvh_refused_states[] = {
	{ .mem_encrypt = true },
	{ .efi_runtime = true },
	{ .efi_runtime = true, .secure_boot = true },
	{ .secure_boot = true },
	{ .ima_list_size = PAGE_SIZE },
	{ .mem_encrypt = true, .efi_runtime = true, .secure_boot = true,
	  .ima_list_size = PAGE_SIZE },
};

static void pvh_state_refused_test(struct kunit *test)
{
	const struct pvh_handover_state *s = test->param_value;

	KUNIT_EXPECT_EQ(test, pvh_check_state(s), -EOPNOTSUPP);
}

static void pvh_state_desc(const struct pvh_handover_state *s, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE,
		 "mem_encrypt=%d efi_runtime=%d secure_boot=%d ima_list=%zu",
		 s->mem_encrypt, s->efi_runtime, s->secure_boot,
		 s->ima_list_size);
}

KUNIT_ARRAY_PARAM(pvh_refused, pvh_refused_states, pvh_state_desc);

/* Nothing the next kernel would lose: the load goes on. */
static void pvh_state_nothing_lost_test(struct kunit *test)
{
	const struct pvh_handover_state none = { };

	KUNIT_EXPECT_EQ(test, pvh_check_state(&none), 0);
}

static struct kunit_case kexec_elf_pvh_test_cases[] = {
	KUNIT_CASE_PARAM(pvh_state_refused_test, pvh_refused_gen_params),
	KUNIT_CASE(pvh_state_nothing_lost_test),
	{}
};

static struct kunit_suite kexec_elf_pvh_test_suite = {
	.name = "kexec_elf_pvh",
	.test_cases = kexec_elf_pvh_test_cases,
};

kunit_test_suite(kexec_elf_pvh_test_suite);
