/* runq.h: a P's local run queue (design comment in runq.c).
 *
 * Lock-free and independent of the garbage collector: the items are
 * opaque pointers (goroutines, in goro), so runq.c builds without Boehm
 * and its unit tests run under ThreadSanitizer (make tsan). */
#ifndef GORO_RUNQ_H
#define GORO_RUNQ_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#define GORO_RUNQ_SIZE 256

typedef struct RunQ {
    _Atomic uint32_t head;                /* consumers (owner and thieves) CAS it */
    _Atomic uint32_t tail;                /* only the owner stores it */
    void *_Atomic next;                   /* runnext: runs next, inheriting the time slice */
    void *_Atomic slot[GORO_RUNQ_SIZE];
} RunQ;

/* Owner only.  Queue [item]; with [next] it goes to runnext and the item
 * it displaces goes to the tail.  When the ring is full, half of it and
 * the item are moved to [overflow] (at least GORO_RUNQ_SIZE/2 + 1 slots),
 * oldest first, for the caller to put on the global queue; returns how
 * many (0 when the item fit). */
int goro_runq_put(RunQ *q, void *item, bool next, void **overflow);

/* Owner only.  The next item: runnext first (*inherit = true: it runs
 * in the current time slice), else the head of the ring; NULL if empty. */
void *goro_runq_get(RunQ *q, bool *inherit);

/* Thief: move half of [victim]'s items (rounded up) to [q], whose owner
 * is the caller and which must be empty; returns one of them to run now,
 * or NULL.  [take_next]: runnext may be taken too when the ring is empty
 * ([victim_running]: first back off 3 µs, as Go does, so a goroutine
 * readied by a running one is not snatched from it). */
void *goro_runq_steal(RunQ *q, RunQ *victim, bool take_next, bool victim_running);

/* Anyone: an approximate emptiness test (exact for the owner). */
bool goro_runq_empty(RunQ *q);
/* Anyone: approximate number of items in the ring (runnext excluded). */
uint32_t goro_runq_len(RunQ *q);

/* Owner, with the world stopped: take every item out, runnext first,
 * into [out] (GORO_RUNQ_SIZE + 1 slots); returns how many. */
int goro_runq_drain(RunQ *q, void **out);

#endif
