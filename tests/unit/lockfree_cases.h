/* lockfree_cases.h: tests of the scheduler's lock-free pieces
 * (runtime/runq.c, runtime/note.c, runtime/lock.c) under real threads, free of Boehm and
 * of Criterion: tests/unit/test_lockfree.c runs them as Criterion tests,
 * and `make tsan` runs them under ThreadSanitizer from tests/tsan/main.c
 * (Criterion's forked workers cannot start under TSan: its arena cannot
 * be mapped).  Each case returns NULL, or what went wrong.
 *
 * The run-queue test is Go's runq protocol under load: 4 threads, each
 * the owner of one queue, put 1M items in total (some through runnext),
 * take from their own queue and steal from the others'; overflow goes
 * to a locked global list.  Every item must come out exactly once. */
#ifndef GORO_LOCKFREE_CASES_H
#define GORO_LOCKFREE_CASES_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "lock.h"
#include "note.h"
#include "runq.h"

#define LF_THREADS 4
#define LF_ITEMS 1000000

static char lf_err[256];
#define LF_CHECK(cond, ...)                                        \
    do {                                                           \
        if (!(cond)) {                                             \
            snprintf(lf_err, sizeof lf_err, __VA_ARGS__);          \
            return lf_err;                                         \
        }                                                          \
    } while (0)

static RunQ lf_queues[LF_THREADS];
static _Atomic unsigned char lf_seen[LF_ITEMS + 1];
static _Atomic long lf_consumed, lf_bad;
static pthread_mutex_t lf_glock = PTHREAD_MUTEX_INITIALIZER;
static void **lf_global;
static long lf_gcount, lf_gcap;

static void lf_global_put(void **items, int n)
{
    pthread_mutex_lock(&lf_glock);
    for (int i = 0; i < n; i++) {
        if (lf_gcount == lf_gcap) {
            lf_gcap = lf_gcap ? lf_gcap * 2 : 1024;
            lf_global = realloc(lf_global, sizeof(void *) * (size_t)lf_gcap);
        }
        lf_global[lf_gcount++] = items[i];
    }
    pthread_mutex_unlock(&lf_glock);
}

static void *lf_global_get(void)
{
    void *item = NULL;
    pthread_mutex_lock(&lf_glock);
    if (lf_gcount)
        item = lf_global[--lf_gcount];
    pthread_mutex_unlock(&lf_glock);
    return item;
}

static void lf_consume(void *item)
{
    uintptr_t i = (uintptr_t)item;
    if (i < 1 || i > LF_ITEMS || atomic_fetch_add(&lf_seen[i], 1) != 0)
        atomic_fetch_add(&lf_bad, 1);
    atomic_fetch_add(&lf_consumed, 1);
}

static void *lf_worker(void *arg)
{
    int me = (int)(intptr_t)arg;
    RunQ *q = &lf_queues[me];
    unsigned seed = (unsigned)me * 2654435761u + 1;
    uintptr_t next = (uintptr_t)me + 1;
    void *over[GORO_RUNQ_SIZE / 2 + 1];
    while (atomic_load(&lf_consumed) < LF_ITEMS && atomic_load(&lf_bad) == 0) {
        seed = seed * 1103515245 + 12345;
        /* produce a few of this thread's items (me+1, me+1+N, ...) */
        for (int k = 0; k < (int)(seed >> 28) && next <= LF_ITEMS; k++, next += LF_THREADS) {
            int n = goro_runq_put(q, (void *)next, (seed >> 8) % 7 == 0, over);
            if (n)
                lf_global_put(over, n);
        }
        /* consume: own queue, the global list, then steal */
        void *item = goro_runq_get(q, NULL);
        if (!item)
            item = lf_global_get();
        if (!item) {
            int victim = (int)((seed >> 4) % LF_THREADS);
            if (victim != me)
                item = goro_runq_steal(q, &lf_queues[victim], (seed >> 12) & 1, false);
        }
        if (item)
            lf_consume(item);
    }
    return NULL;
}

static const char *lf_case_runq_threads(void)
{
    pthread_t t[LF_THREADS];
    for (int i = 0; i < LF_THREADS; i++)
        pthread_create(&t[i], NULL, lf_worker, (void *)(intptr_t)i);
    for (int i = 0; i < LF_THREADS; i++)
        pthread_join(t[i], NULL);
    LF_CHECK(atomic_load(&lf_bad) == 0, "an item came out twice or was invented");
    LF_CHECK(atomic_load(&lf_consumed) == LF_ITEMS, "consumed %ld of %d",
             atomic_load(&lf_consumed), LF_ITEMS);
    for (long i = 1; i <= LF_ITEMS; i++)
        LF_CHECK(atomic_load(&lf_seen[i]) == 1, "item %ld seen %d times", i,
                 atomic_load(&lf_seen[i]));
    for (int i = 0; i < LF_THREADS; i++)
        LF_CHECK(goro_runq_empty(&lf_queues[i]), "queue %d not empty", i);
    return NULL;
}

static const char *lf_case_fifo_runnext(void)
{
    static RunQ q;
    void *over[GORO_RUNQ_SIZE / 2 + 1];
    for (uintptr_t i = 1; i <= 5; i++)
        LF_CHECK(goro_runq_put(&q, (void *)i, false, over) == 0, "put %lu spilled", (unsigned long)i);
    goro_runq_put(&q, (void *)9, true, over);
    goro_runq_put(&q, (void *)10, true, over);   /* 9 moves to the tail */
    bool inherit = false;
    LF_CHECK((uintptr_t)goro_runq_get(&q, &inherit) == 10 && inherit, "runnext first");
    uintptr_t want[] = {1, 2, 3, 4, 5, 9};
    for (int i = 0; i < 6; i++) {
        uintptr_t got = (uintptr_t)goro_runq_get(&q, &inherit);
        LF_CHECK(got == want[i] && !inherit, "item %d: got %lu, want %lu", i, (unsigned long)got,
                 (unsigned long)want[i]);
    }
    LF_CHECK(goro_runq_get(&q, NULL) == NULL, "queue not empty at the end");
    return NULL;
}

static const char *lf_case_spill(void)
{
    static RunQ q;
    void *over[GORO_RUNQ_SIZE / 2 + 1];
    for (uintptr_t i = 1; i <= GORO_RUNQ_SIZE; i++)
        LF_CHECK(goro_runq_put(&q, (void *)i, false, over) == 0, "spilled early");
    int n = goro_runq_put(&q, (void *)1000, false, over);
    LF_CHECK(n == GORO_RUNQ_SIZE / 2 + 1, "spilled %d", n);
    for (int i = 0; i < GORO_RUNQ_SIZE / 2; i++)
        LF_CHECK((uintptr_t)over[i] == (uintptr_t)i + 1, "spill not oldest first at %d", i);
    LF_CHECK((uintptr_t)over[n - 1] == 1000, "the new item is last");
    LF_CHECK(goro_runq_len(&q) == GORO_RUNQ_SIZE / 2, "half stays");
    return NULL;
}

static const char *lf_case_steal_half(void)
{
    static RunQ victim, thief, v2, t2;
    void *over[GORO_RUNQ_SIZE / 2 + 1];
    for (uintptr_t i = 1; i <= 7; i++)
        goro_runq_put(&victim, (void *)i, false, over);
    void *got = goro_runq_steal(&thief, &victim, false, false);
    LF_CHECK((uintptr_t)got == 4, "the last of the four stolen runs now (got %lu)",
             (unsigned long)(uintptr_t)got);
    LF_CHECK(goro_runq_len(&thief) == 3 && goro_runq_len(&victim) == 3, "half each");
    /* runnext is only taken when asked and the ring is empty */
    goro_runq_put(&v2, (void *)42, true, over);
    LF_CHECK(goro_runq_steal(&t2, &v2, false, false) == NULL, "runnext stolen unasked");
    LF_CHECK((uintptr_t)goro_runq_steal(&t2, &v2, true, false) == 42, "runnext not stolen");
    return NULL;
}

static Note lf_note;
static _Atomic int lf_woke;

static void *lf_sleeper(void *arg)
{
    (void)arg;
    goro_note_sleep(&lf_note);
    atomic_store(&lf_woke, 1);
    return NULL;
}

static const char *lf_case_note(void)
{
    goro_note_clear(&lf_note);
    pthread_t t;
    pthread_create(&t, NULL, lf_sleeper, NULL);
    Note other = {0};
    LF_CHECK(!goro_note_tsleep(&other, 1000000), "an unwoken note did not time out");
    goro_note_wakeup(&lf_note);
    pthread_join(t, NULL);
    LF_CHECK(atomic_load(&lf_woke) == 1, "sleeper not woken");
    LF_CHECK(goro_note_tsleep(&lf_note, 0), "a woken note stays woken until cleared");
    return NULL;
}

static Lock lf_lock;
static long lf_counter;   /* plain: only the lock protects it */

static void *lf_locker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 250000; i++) {
        goro_lock(&lf_lock);
        lf_counter++;
        goro_unlock(&lf_lock);
    }
    return NULL;
}

static const char *lf_case_lock(void)
{
    pthread_t t[LF_THREADS];
    for (int i = 0; i < LF_THREADS; i++)
        pthread_create(&t[i], NULL, lf_locker, NULL);
    for (int i = 0; i < LF_THREADS; i++)
        pthread_join(t[i], NULL);
    LF_CHECK(lf_counter == 250000L * LF_THREADS, "counter %ld, want %ld: an update was lost",
             lf_counter, 250000L * LF_THREADS);
    LF_CHECK(atomic_load(&lf_lock.key) == 0, "lock left held");
    return NULL;
}

#endif
