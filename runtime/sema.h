/* sema.h: counting semaphores that park goroutines (Go's sema.go), for
 * natives that must wait their turn: a connection's read and write
 * locks (one reader and one writer at a time, as Go's fdMutex), and
 * later sync.Mutex and WaitGroup.  Design comment in sema.c. */
#ifndef GORO_SEMA_H
#define GORO_SEMA_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "lock.h"

struct G;
struct SemaWaiter;

typedef struct Sema {
    Lock lock;                           /* lock.h */
    int64_t count;                       /* tokens available */
    struct SemaWaiter *head, *tail;      /* FIFO of parked goroutines */
} Sema;

/* A semaphore holding [count] tokens (zeroed memory is a Sema of 0
 * tokens). */
void goro_sema_init(Sema *s, int64_t count);

enum { SEMA_ACQUIRED, SEMA_PARKED };

/* Take a token for [g].  SEMA_PARKED: [g] parked with wait reason
 * [reason]; the native returns GORO_NATIVE_RETRY and, called again,
 * calls goro_sema_acquire again, which then reports the token that was
 * handed to it while it slept (SEMA_ACQUIRED).  Inside a native
 * callback, where parking is impossible, it blocks the thread. */
int goro_sema_acquire(struct G *g, Sema *s, const char *reason);
/* The same, but a goroutine that parks goes to the head of the queue
 * (Go's semacquire with lifo: a sync.Mutex waiter that was woken and
 * lost the lock to a running goroutine waits again first in line). */
int goro_sema_acquire_lifo(struct G *g, Sema *s, const char *reason);
/* Take a token without waiting; false if none. */
bool goro_sema_tryacquire(Sema *s);
/* Return a token: the longest waiter gets it directly. */
void goro_sema_release(Sema *s);

#endif
