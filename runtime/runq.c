/* runq.c: a P's local run queue (Go: runqput, runqget, runqgrab,
 * runqsteal in runtime/proc.go).
 *
 * The problem.  Every P schedules from its own queue without locks, and
 * idle P's take work from busy ones.  The owner is the only producer;
 * consumers are the owner and any number of thieves.
 *
 * The design is Go's: a fixed ring of 256 slots with a head that every
 * consumer advances by CAS and a tail that only the owner stores, plus a
 * one-slot `next` (runnext) for the goroutine the running one just
 * readied: a send/receive pair then runs as a unit and inherits the time
 * slice.  The owner takes from the head (FIFO; fair for goroutines,
 * unlike a Chase-Lev deque's LIFO owner end).  A thief grabs half the
 * ring (rounded up) into its own empty ring in one CAS on the victim's
 * head; runnext only when the ring is empty and the caller says so (Go:
 * the last of four stealing rounds), after a 3 µs back-off when the
 * victim is running: "a sync chan send/recv takes ~50ns ... so 3us gives
 * ~50x overshoot" (proc.go).  When the ring is full, the owner moves half
 * of it plus the new item out in one batch for the global queue.
 *
 * Rejected: a Chase-Lev deque (needs seq_cst fences, which TSan cannot
 * check, has a known resize bug, and is LIFO for the owner); a locked
 * queue per P (every steal and every put would contend).
 *
 * Memory ordering (all C11 atomics, no standalone fences, so TSan sees
 * every synchronisation):
 *   - the owner stores a slot (relaxed) and then tail (release);
 *     consumers load tail (acquire) before reading slots;
 *   - consumers read slots (relaxed) and then CAS head (acq_rel); the
 *     owner loads head (acquire) before reusing a slot, so a thief's
 *     read of a slot happens before the owner overwrites it;
 *   - a thief that reads an inconsistent head/tail pair (more than half
 *     the ring) retries; its CAS fails whenever anyone consumed first.
 * Slots are atomic because a thief may read a slot that the owner is
 * about to overwrite after wrap-around; the CAS then fails and the value
 * read is discarded. */
#include "runq.h"

#include <stddef.h>
#include <time.h>

#define N GORO_RUNQ_SIZE

static inline void *slot_load(RunQ *q, uint32_t i)
{
    return atomic_load_explicit(&q->slot[i % N], memory_order_relaxed);
}

static inline void slot_store(RunQ *q, uint32_t i, void *v)
{
    atomic_store_explicit(&q->slot[i % N], v, memory_order_relaxed);
}

static inline bool cas_head(RunQ *q, uint32_t h, uint32_t nh)
{
    return atomic_compare_exchange_strong_explicit(&q->head, &h, nh, memory_order_acq_rel,
                                                   memory_order_relaxed);
}

/* The ring is full: move half of it and [item] to [out]. */
static int put_slow(RunQ *q, void *item, uint32_t h, uint32_t t, void **out)
{
    uint32_t n = (t - h) / 2;
    for (uint32_t i = 0; i < n; i++)
        out[i] = slot_load(q, h + i);
    if (!cas_head(q, h, h + n))
        return -1;   /* consumers made room: try the ring again */
    out[n] = item;
    return (int)n + 1;
}

int goro_runq_put(RunQ *q, void *item, bool next, void **overflow)
{
    if (next) {
        void *old = atomic_exchange_explicit(&q->next, item, memory_order_acq_rel);
        if (!old)
            return 0;
        item = old;   /* the displaced runnext goes to the tail */
    }
    for (;;) {
        uint32_t h = atomic_load_explicit(&q->head, memory_order_acquire);
        uint32_t t = atomic_load_explicit(&q->tail, memory_order_relaxed);
        if (t - h < N) {
            slot_store(q, t, item);
            atomic_store_explicit(&q->tail, t + 1, memory_order_release);
            return 0;
        }
        int n = put_slow(q, item, h, t, overflow);
        if (n > 0)
            return n;
    }
}

void *goro_runq_get(RunQ *q, bool *inherit)
{
    void *next = atomic_load_explicit(&q->next, memory_order_acquire);
    if (next && atomic_compare_exchange_strong_explicit(&q->next, &next, NULL,
                                                        memory_order_acq_rel,
                                                        memory_order_relaxed)) {
        if (inherit)
            *inherit = true;
        return next;
    }
    if (inherit)
        *inherit = false;
    for (;;) {
        uint32_t h = atomic_load_explicit(&q->head, memory_order_acquire);
        uint32_t t = atomic_load_explicit(&q->tail, memory_order_acquire);
        if (t == h)
            return NULL;
        void *item = slot_load(q, h);
        if (cas_head(q, h, h + 1))
            return item;
    }
}

/* Copy half of [victim]'s items into [q]'s ring from index [at];
 * returns how many. */
static uint32_t grab(RunQ *victim, RunQ *q, uint32_t at, bool take_next, bool victim_running)
{
    for (;;) {
        uint32_t h = atomic_load_explicit(&victim->head, memory_order_acquire);
        uint32_t t = atomic_load_explicit(&victim->tail, memory_order_acquire);
        uint32_t n = t - h;
        n = n - n / 2;
        if (n == 0) {
            if (!take_next)
                return 0;
            void *next = atomic_load_explicit(&victim->next, memory_order_acquire);
            if (!next)
                return 0;
            if (victim_running) {
                struct timespec ts = {0, 3000};
                nanosleep(&ts, NULL);
            }
            if (!atomic_compare_exchange_strong_explicit(&victim->next, &next, NULL,
                                                         memory_order_acq_rel,
                                                         memory_order_relaxed))
                continue;
            slot_store(q, at, next);
            return 1;
        }
        if (n > N / 2)
            continue;   /* read an inconsistent head and tail */
        for (uint32_t i = 0; i < n; i++)
            slot_store(q, at + i, slot_load(victim, h + i));
        if (cas_head(victim, h, h + n))
            return n;
    }
}

void *goro_runq_steal(RunQ *q, RunQ *victim, bool take_next, bool victim_running)
{
    uint32_t t = atomic_load_explicit(&q->tail, memory_order_relaxed);
    uint32_t n = grab(victim, q, t, take_next, victim_running);
    if (n == 0)
        return NULL;
    n--;
    void *item = slot_load(q, t + n);
    if (n == 0)
        return item;
    atomic_store_explicit(&q->tail, t + n, memory_order_release);
    return item;
}

bool goro_runq_empty(RunQ *q)
{
    /* Go's runqempty: read head, tail, next, and tail again, so a
     * runnext moved to the ring in between is not missed */
    for (;;) {
        uint32_t h = atomic_load_explicit(&q->head, memory_order_acquire);
        uint32_t t = atomic_load_explicit(&q->tail, memory_order_acquire);
        void *next = atomic_load_explicit(&q->next, memory_order_acquire);
        if (atomic_load_explicit(&q->tail, memory_order_acquire) == t)
            return h == t && !next;
    }
}

uint32_t goro_runq_len(RunQ *q)
{
    uint32_t h = atomic_load_explicit(&q->head, memory_order_acquire);
    uint32_t t = atomic_load_explicit(&q->tail, memory_order_acquire);
    return t - h <= N ? t - h : 0;
}

int goro_runq_drain(RunQ *q, void **out)
{
    int n = 0;
    void *item;
    while ((item = goro_runq_get(q, NULL)))
        out[n++] = item;
    return n;
}
