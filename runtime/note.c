/* note.c: notes on a futex (note.h).
 *
 * Wake-up stores 1 and then FUTEX_WAKEs; sleep FUTEX_WAITs while the key
 * is 0.  The kernel compares the key with 0 atomically with going to
 * sleep, so a wake-up between the check and the wait is never lost.
 * Every wait is retried after EINTR: Boehm's stop-the-world signals
 * interrupt futex waits at every collection (techniques.md). */
#include "note.h"

#include <errno.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static long futex(_Atomic uint32_t *addr, int op, uint32_t val, const struct timespec *ts)
{
    return syscall(SYS_futex, (uint32_t *)addr, op, val, ts, NULL, 0);
}

void goro_note_clear(Note *n) { atomic_store_explicit(&n->key, 0, memory_order_relaxed); }

void goro_note_wakeup(Note *n)
{
    atomic_store_explicit(&n->key, 1, memory_order_release);
    futex(&n->key, FUTEX_WAKE_PRIVATE, 1, NULL);
}

void goro_note_sleep(Note *n)
{
    while (atomic_load_explicit(&n->key, memory_order_acquire) == 0)
        futex(&n->key, FUTEX_WAIT_PRIVATE, 0, NULL);
}

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

bool goro_note_tsleep(Note *n, int64_t ns)
{
    if (ns < 0) {
        goro_note_sleep(n);
        return true;
    }
    int64_t deadline = now_ns() + ns;
    while (atomic_load_explicit(&n->key, memory_order_acquire) == 0) {
        int64_t left = deadline - now_ns();
        if (left <= 0)
            return false;
        struct timespec ts = {left / 1000000000, left % 1000000000};
        futex(&n->key, FUTEX_WAIT_PRIVATE, 0, &ts);
    }
    return true;
}
