/* main.c: runs the lock-free cases (tests/unit/lockfree_cases.h) under
 * ThreadSanitizer without Criterion (make tsan); TSan itself reports
 * any data race and makes the run fail (halt_on_error). */
#include "../unit/lockfree_cases.h"

int main(void)
{
    static const struct {
        const char *name;
        const char *(*fn)(void);
    } cases[] = {
        {"runq_four_threads_lose_and_double_nothing", lf_case_runq_threads},
        {"runq_is_fifo_and_runnext_first", lf_case_fifo_runnext},
        {"runq_full_ring_spills_half_plus_one", lf_case_spill},
        {"steal_takes_half_rounded_up", lf_case_steal_half},
        {"note_wakes_a_sleeper_once_armed", lf_case_note},
        {"lock_excludes_four_threads", lf_case_lock},
    };
    int failed = 0, n = (int)(sizeof cases / sizeof cases[0]);
    for (int i = 0; i < n; i++) {
        const char *err = cases[i].fn();
        printf("%s %s%s%s\n", err ? "FAIL" : "ok  ", cases[i].name, err ? ": " : "", err ? err : "");
        failed += err != NULL;
    }
    printf("tsan: %d passed, %d failed\n", n - failed, failed);
    return failed != 0;
}
