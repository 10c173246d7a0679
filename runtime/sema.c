/* sema.c: semaphores that park goroutines (Go: runtime/sema.go).
 *
 * The problem.  A native that must wait for a resource held by another
 * goroutine (a connection's write lock) must park its goroutine, not
 * block its thread, and wake when the token comes back, without losing
 * or duplicating a token.
 *
 * The design.  A lock, a count and a FIFO of waiters.  acquire takes a
 * token if there is one, else links a waiter for the goroutine and parks
 * with the lock still held (the park commit unlocks it, as a channel
 * does).  release hands the token straight to the oldest waiter (marks
 * it granted, readies it) instead of incrementing the count, so a
 * newcomer cannot barge in between (Go's handoff mode, which it uses
 * when a waiter has starved; here always, for fairness).  The waiter
 * record is the G's: the woken native, called again (GORO_NATIVE_RETRY),
 * calls acquire again and finds its token already granted.
 *
 * Invariant, under s->lock: waiters exist only while count == 0. */
#include "sema.h"

#include <sched.h>

#include "proc.h"
#include "vm.h"

typedef struct SemaWaiter {
    struct G *g;
    Sema *s;
    bool granted;
    struct SemaWaiter *next;
} SemaWaiter;

void goro_sema_init(Sema *s, int64_t count)
{
    s->count = count;
    s->head = s->tail = NULL;
}

/* Ctrl-C at the REPL (goro_chan_cancel_wait): leave the queue unless a
 * release has granted the token already; true if it left. */
static bool sema_cancel(G *g)
{
    SemaWaiter *w = g->semawait;
    if (!w)
        return false;
    Sema *s = w->s;
    goro_lock(&s->lock);
    bool queued = !w->granted;
    if (queued) {
        SemaWaiter **pp = &s->head, *prev = NULL;
        while (*pp && *pp != w) {
            prev = *pp;
            pp = &(*pp)->next;
        }
        if (*pp) {
            *pp = w->next;
            if (s->tail == w)
                s->tail = prev;
        }
        g->semawait = NULL;
    }
    goro_unlock(&s->lock);
    return queued;
}

static int acquire(G *g, Sema *s, const char *reason, bool lifo)
{
    goro_lock(&s->lock);
    SemaWaiter *w = g ? g->semawait : NULL;
    if (w && w->s == s && w->granted) {
        g->semawait = NULL;
        goro_unlock(&s->lock);
        return SEMA_ACQUIRED;
    }
    if (s->count > 0) {
        s->count--;
        goro_unlock(&s->lock);
        return SEMA_ACQUIRED;
    }
    if (!g || goro_vm_cannot_park(g)) {
        /* no parking inside a callback: poll for the token */
        goro_unlock(&s->lock);
        for (;;) {
            goro_sched_poll_pause();
            if (goro_sema_tryacquire(s))
                return SEMA_ACQUIRED;
        }
    }
    w = goro_alloc(sizeof *w);
    w->g = g;
    w->s = s;
    if (lifo) {
        w->next = s->head;
        s->head = w;
        if (!s->tail)
            s->tail = w;
    } else if (s->tail) {
        s->tail->next = w;
        s->tail = w;
    } else {
        s->head = s->tail = w;
    }
    g->semawait = w;
    atomic_store(&g->selectdone, 0);
    g->waiting = NULL;
    goro_sched_park_unlock(g, reason, &s->lock);
    g->cancelfn = sema_cancel;
    return SEMA_PARKED;
}

int goro_sema_acquire(G *g, Sema *s, const char *reason) { return acquire(g, s, reason, false); }

int goro_sema_acquire_lifo(G *g, Sema *s, const char *reason) { return acquire(g, s, reason, true); }

bool goro_sema_tryacquire(Sema *s)
{
    goro_lock(&s->lock);
    bool ok = s->count > 0;
    if (ok)
        s->count--;
    goro_unlock(&s->lock);
    return ok;
}

void goro_sema_release(Sema *s)
{
    goro_lock(&s->lock);
    SemaWaiter *w = s->head;
    if (!w) {
        s->count++;
        goro_unlock(&s->lock);
        return;
    }
    s->head = w->next;
    if (!s->head)
        s->tail = NULL;
    w->granted = true;
    goro_unlock(&s->lock);
    goro_sched_ready(w->g);
}
