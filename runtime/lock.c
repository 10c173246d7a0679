/* lock.c: the slow paths of the runtime mutex (lock.h), as Go's
 * lock_futex.go: spin a little on the CPU (the holder is usually
 * running and about to unlock: a channel operation is a few dozen
 * instructions), then yield the CPU once, then mark the lock as having
 * sleepers (2) and sleep on the futex; an unlock that finds 2 wakes one
 * sleeper.  Compared with a pthread mutex under contention, the spin
 * avoids most sleeps, and a woken sleeper re-marks the lock 2 so no
 * later sleeper is forgotten.  Futex waits retry after EINTR (Boehm's
 * stop-the-world signals). */
#include "lock.h"

#include <linux/futex.h>
#include <stdbool.h>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { ACTIVE_SPIN = 4, ACTIVE_SPIN_CNT = 30, PASSIVE_SPIN = 1 };

static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

/* Take the lock while it is seen free, marking it [wait]. */
static bool try_take(Lock *l, uint32_t wait)
{
    while (atomic_load_explicit(&l->key, memory_order_relaxed) == 0) {
        uint32_t zero = 0;
        if (atomic_compare_exchange_weak_explicit(&l->key, &zero, wait, memory_order_acquire,
                                                  memory_order_relaxed))
            return true;
    }
    return false;
}

void goro_lock_slow(Lock *l)
{
    /* after a sleep, hold it as 2: there may be other sleepers */
    uint32_t wait = atomic_exchange_explicit(&l->key, 1, memory_order_acquire);
    if (wait == 0)
        return;
    for (;;) {
        for (int i = 0; i < ACTIVE_SPIN; i++) {
            if (try_take(l, wait))
                return;
            for (int k = 0; k < ACTIVE_SPIN_CNT; k++)
                cpu_relax();
        }
        for (int i = 0; i < PASSIVE_SPIN; i++) {
            if (try_take(l, wait))
                return;
            sched_yield();
        }
        /* sleep: mark the lock as having sleepers */
        if (atomic_exchange_explicit(&l->key, 2, memory_order_acquire) == 0)
            return;
        wait = 2;
        syscall(SYS_futex, (uint32_t *)&l->key, FUTEX_WAIT_PRIVATE, 2, NULL, NULL, 0);
    }
}

void goro_unlock_wake(Lock *l)
{
    syscall(SYS_futex, (uint32_t *)&l->key, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}
