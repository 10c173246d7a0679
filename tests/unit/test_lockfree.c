/* test_lockfree.c: the cases of lockfree_cases.h as Criterion tests
 * (the same cases run under ThreadSanitizer: make tsan). */
#include <criterion/criterion.h>

#include "lockfree_cases.h"

static void run(const char *(*c)(void))
{
    const char *err = c();
    cr_assert_null(err, "%s", err ? err : "");
}

Test(lockfree, runq_four_threads_lose_and_double_nothing, .timeout = 120.0) { run(lf_case_runq_threads); }
Test(lockfree, runq_is_fifo_and_runnext_first) { run(lf_case_fifo_runnext); }
Test(lockfree, runq_full_ring_spills_half_plus_one) { run(lf_case_spill); }
Test(lockfree, steal_takes_half_rounded_up) { run(lf_case_steal_half); }
Test(lockfree, note_wakes_a_sleeper_once_armed) { run(lf_case_note); }
Test(lockfree, lock_excludes_four_threads, .timeout = 60.0) { run(lf_case_lock); }
