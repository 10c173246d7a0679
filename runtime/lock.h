/* lock.h: the runtime's mutex for short critical sections (channels),
 * Go's lock_futex.go: a CAS when free, a brief spin, then a futex sleep.
 * Boehm-free.  Zeroed memory is an unlocked lock. */
#ifndef GORO_LOCK_H
#define GORO_LOCK_H

#include <stdatomic.h>
#include <stdint.h>

typedef struct Lock {
    _Atomic uint32_t key;   /* 0 unlocked, 1 locked, 2 locked with sleepers */
} Lock;

void goro_lock_slow(Lock *l);
void goro_unlock_wake(Lock *l);

static inline void goro_lock(Lock *l)
{
    uint32_t zero = 0;
    if (!atomic_compare_exchange_strong_explicit(&l->key, &zero, 1, memory_order_acquire,
                                                 memory_order_relaxed))
        goro_lock_slow(l);
}

static inline void goro_unlock(Lock *l)
{
    if (atomic_exchange_explicit(&l->key, 0, memory_order_release) == 2)
        goro_unlock_wake(l);
}

#endif
