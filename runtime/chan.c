/* chan.c: channels and select.
 *
 * The problem.  Goroutines hand values to each other with Go's exact
 * rules: an unbuffered send completes only when a receiver takes the
 * value; a buffered channel is a FIFO of cap values; receiving from a
 * closed, drained channel yields the zero value and ok = false; sending
 * on a closed channel, closing a nil or closed channel panic; a nil
 * channel blocks forever; select picks uniformly at random among ready
 * cases.
 *
 * The design is Go's chan.go and select.go.  A channel (hchan) has its
 * own lock, a ring buffer, and two wait queues of sudogs (a goroutine
 * waiting to send, with its value, or to receive).  A send first looks
 * for a waiting receiver and hands the value over directly (no buffer
 * copy, and the receiver runs next via runnext); then for buffer room;
 * then parks.  A receive mirrors it; when the buffer is full and a
 * sender waits, the receiver takes the head and moves the sender's value
 * to the tail, so FIFO order holds.  close wakes every waiter: receivers
 * get the zero value, senders panic.
 *
 * select: shuffle the cases (poll order), lock every channel in address
 * order (lock order; no two selects can deadlock on each other's locks),
 * take the first ready case in poll order; else, without default,
 * enqueue a sudog on every channel and park.  The first waker to
 * CAS(g->selectdone, 0, 1) wins; the others find the claim taken and
 * skip that sudog.  When the goroutine resumes it dequeues its remaining
 * sudogs (goro_select_cleanup).
 *
 * Rejected: one global channel lock (serialises all communication under
 * M:N); copying through the buffer on unbuffered channels (a needless
 * copy and wrong wake-up order).
 *
 * Invariants, under c->lock: recvq non-empty implies the buffer is empty;
 * sendq non-empty implies the buffer is full (or cap is 0).  A sudog is
 * on at most one queue; `queued` says whether it still is.
 *
 * Wakers never touch a parked goroutine's registers: they write its
 * park_vals (value, ok; select: case, value, ok) after winning the claim,
 * then goro_sched_ready publishes the G (release). */
#include "chan.h"

#include <sched.h>
#include <stdlib.h>

#include "errors_obj.h"
#include "proc.h"
#include "vm.h"

/* ----------------------------------------------------------- wait queues */

static void enqueue(WaitQ *q, Sudog *s)
{
    s->next = NULL;
    s->prev = q->last;
    if (q->last)
        q->last->next = s;
    else
        q->first = s;
    q->last = s;
}

static void unlink_sudog(WaitQ *q, Sudog *s)
{
    if (s->prev)
        s->prev->next = s->next;
    else
        q->first = s->next;
    if (s->next)
        s->next->prev = s->prev;
    else
        q->last = s->prev;
    s->next = s->prev = NULL;
}

/* The first waiter whose goroutine we can claim; claimed sudogs of
 * other select cases or cancelled waits are dropped on the way. */
static Sudog *dequeue(WaitQ *q)
{
    for (;;) {
        Sudog *s = q->first;
        if (!s)
            return NULL;
        unlink_sudog(q, s);
        /* a plain wait's sudog is ours once unlinked under the lock (its
         * cancel takes the same lock); a select's must be claimed, since
         * its other cases race for it (Go's dequeue) */
        uint32_t zero = 0;
        bool won = !s->is_select || atomic_compare_exchange_strong(&s->g->selectdone, &zero, 1);
        /* no longer queued; published after the claim, so a goroutine
         * that sees it gone in leave_queues knows no claim is in flight
         * (it may finish, and its G be reused, at once) */
        __atomic_store_n(&s->c, NULL, __ATOMIC_RELEASE);
        if (won)
            return s;
    }
}

static Value elem_zero(Chan *c)
{
    return c->elem ? goro_type_zero(c->elem) : goro_nil();
}

static Value store_elem(Chan *c, Value v)
{
    if (c->elem && c->elem->coerce)
        v = goro_type_coerce(c->elem, v);
    return goro_value_needs_copy(v) ? goro_value_copy(v) : v;
}

/* Hand [v] (or a close) to the claimed receiver [s]. */
static void deliver_recv(Sudog *s, Value v, bool ok)
{
    G *g = s->g;
    if (s->is_select) {
        g->park_vals[0] = goro_int(s->case_index);
        g->park_vals[1] = v;
        g->park_vals[2] = goro_bool(ok);
    } else {
        g->park_vals[0] = v;
        g->park_vals[1] = goro_bool(ok);
    }
}

/* Tell the claimed sender [s] its value was taken. */
static void deliver_send(Sudog *s)
{
    G *g = s->g;
    if (s->is_select) {
        g->park_vals[0] = goro_int(s->case_index);
        g->park_vals[1] = goro_nil();
        g->park_vals[2] = goro_bool(false);
    }
}

/* A sudog for [g]: one of its finished waits' if it kept any (no
 * allocation per blocking operation, as Go's per-P sudog cache). */
static Sudog *new_sudog(G *g, Chan *c)
{
    Sudog *s = g ? g->sudogcache : NULL;
    if (s) {
        g->sudogcache = s->waitlink;
        g->nsudogcache--;
        memset(s, 0, sizeof *s);
    } else {
        s = goro_alloc(sizeof *s);
    }
    s->g = g;
    s->c = c;
    return s;
}

Chan *goro_chan_new(Type *elem, int64_t cap)
{
    Chan *c = goro_alloc(sizeof *c);   /* zeroed: the lock is unlocked */
    c->cap = cap;
    c->elem = elem;
    if (cap > 0) {
        c->buf = goro_alloc(sizeof(Value) * (size_t)cap);
        if (!c->buf)
            goro_fatal("out of memory allocating a channel buffer of %lld", (long long)cap);
    }
    return c;
}

int64_t goro_chan_len(Chan *c)
{
    goro_lock(&c->lock);
    int64_t n = c->count;
    goro_unlock(&c->lock);
    return n;
}

/* Park [g] forever (a nil channel). */
static int block_forever(G *g, const char *reason)
{
    if (goro_vm_cannot_park(g)) {
        goro_runtime_error(g, "cannot block on a nil channel inside a callback from a native function");
        return CHAN_PANIC;
    }
    atomic_store(&g->selectdone, 0);
    g->waiting = NULL;
    goro_sched_park(g, reason);
    return CHAN_PARKED;
}

static int cannot_park(G *g)
{
    goro_runtime_error(g, "cannot block on a channel inside a callback from a native function "
                          "(sort.Slice, strings.Map, a String method called by fmt, ...)");
    return CHAN_PANIC;
}

int goro_chan_send(G *g, Chan *c, Value v, bool block)
{
    if (!c) {
        if (!block)
            return CHAN_WOULDBLOCK;
        return block_forever(g, "chan send (nil chan)");
    }
    /* the value as the channel holds it, made before taking the lock:
     * the critical section is what every other sender waits for */
    v = store_elem(c, v);
    goro_lock(&c->lock);
    if (c->closed) {
        goro_unlock(&c->lock);
        if (g)
            goro_plain_error(g, "send on closed channel");
        return CHAN_PANIC;
    }
    Sudog *s = dequeue(&c->recvq);
    if (s) {
        deliver_recv(s, v, true);
        goro_unlock(&c->lock);
        goro_sched_ready(s->g);
        return CHAN_OK;
    }
    if (c->count < c->cap) {
        c->buf[c->sendx] = v;
        if (++c->sendx == c->cap)
            c->sendx = 0;
        c->count++;
        goro_unlock(&c->lock);
        return CHAN_OK;
    }
    if (!block) {
        goro_unlock(&c->lock);
        return CHAN_WOULDBLOCK;
    }
    if (goro_vm_cannot_park(g)) {
        goro_unlock(&c->lock);
        return cannot_park(g);
    }
    s = new_sudog(g, c);
    s->elem = v;
    atomic_store(&g->selectdone, 0);
    g->waiting = s;
    enqueue(&c->sendq, s);
    /* c->lock stays held until the G's M has left it */
    goro_sched_park_unlock(g, "chan send", &c->lock);
    return CHAN_PARKED;
}

/* Take a value for a receiver, [c] locked and ready.  Returns false when
 * nothing is there. */
static bool take(Chan *c, Value *out, bool *ok, Sudog **wake)
{
    *wake = NULL;
    Sudog *s = dequeue(&c->sendq);
    if (s) {
        if (c->cap == 0) {
            *out = s->elem;
        } else {
            /* full buffer: take the head, the sender's value goes to the tail */
            *out = c->buf[c->recvx];
            c->buf[c->recvx] = s->elem;
            if (++c->recvx == c->cap)
                c->recvx = 0;
            c->sendx = c->recvx;
        }
        deliver_send(s);
        *wake = s;
        *ok = true;
        return true;
    }
    if (c->count > 0) {
        *out = c->buf[c->recvx];
        c->buf[c->recvx] = goro_nil();
        if (++c->recvx == c->cap)
            c->recvx = 0;
        c->count--;
        *ok = true;
        return true;
    }
    if (c->closed) {
        *out = elem_zero(c);
        *ok = false;
        return true;
    }
    return false;
}

int goro_chan_recv(G *g, Chan *c, Value *out, bool *ok, bool block)
{
    if (!c) {
        if (!block)
            return CHAN_WOULDBLOCK;
        return block_forever(g, "chan receive (nil chan)");
    }
    goro_lock(&c->lock);
    Sudog *wake;
    if (take(c, out, ok, &wake)) {
        goro_unlock(&c->lock);
        if (wake)
            goro_sched_ready(wake->g);
        return CHAN_OK;
    }
    if (!block) {
        goro_unlock(&c->lock);
        return CHAN_WOULDBLOCK;
    }
    if (goro_vm_cannot_park(g)) {
        goro_unlock(&c->lock);
        return cannot_park(g);
    }
    Sudog *s = new_sudog(g, c);
    s->is_recv = true;
    atomic_store(&g->selectdone, 0);
    g->waiting = s;
    enqueue(&c->recvq, s);
    goro_sched_park_unlock(g, "chan receive", &c->lock);
    return CHAN_PARKED;
}

int goro_chan_close(G *g, Chan *c)
{
    if (!c) {
        goro_plain_error(g, "close of nil channel");
        return CHAN_PANIC;
    }
    goro_lock(&c->lock);
    if (c->closed) {
        goro_unlock(&c->lock);
        goro_plain_error(g, "close of closed channel");
        return CHAN_PANIC;
    }
    c->closed = true;
    /* the woken goroutines are listed through schedlink, as Go's gList:
     * a sudog's waitlink belongs to its goroutine's own wait list, which
     * leave_queues still needs for a select's other cases */
    G *first = NULL, **tail = &first;
    Sudog *s;
    while ((s = dequeue(&c->recvq))) {
        deliver_recv(s, elem_zero(c), false);
        *tail = s->g;
        tail = &s->g->schedlink;
    }
    while ((s = dequeue(&c->sendq))) {
        /* a blocked sender panics when it resumes */
        s->g->pending_panic = goro_runtime_plain_error_new("send on closed channel");
        s->g->has_pending_panic = true;
        *tail = s->g;
        tail = &s->g->schedlink;
    }
    *tail = NULL;
    goro_unlock(&c->lock);
    /* ready them in the order they waited */
    while (first) {
        G *next = first->schedlink;
        first->schedlink = NULL;
        goro_sched_ready(first);
        first = next;
    }
    return CHAN_OK;
}

/* --------------------------------------------------------------- select */

static int chan_cmp(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)*(Chan *const *)a, y = (uintptr_t)*(Chan *const *)b;
    return x < y ? -1 : x > y;
}

static void lock_all(Chan **order, int n)
{
    for (int i = 0; i < n; i++)
        if (i == 0 || order[i] != order[i - 1])
            goro_lock(&order[i]->lock);
}

static void unlock_all(Chan **order, int n)
{
    for (int i = n - 1; i >= 0; i--)
        if (i == 0 || order[i] != order[i - 1])
            goro_unlock(&order[i]->lock);
}

typedef struct SelectLocks {
    int n;
    Chan *order[];
} SelectLocks;

static bool select_commit(G *g, void *arg)
{
    GORO_UNUSED(g);
    SelectLocks *sl = arg;
    unlock_all(sl->order, sl->n);
    return true;
}

int goro_select(G *g, SelectCase *cases, int n, bool has_default, int *chosen, Value *recv,
                bool *ok)
{
    int poll[128];
    Chan *order[128];
    int np = 0, nl = 0;
    if (n > 128)
        n = 128;
    /* poll order: a random permutation of the non-nil cases */
    for (int i = 0; i < n; i++) {
        if (!cases[i].c)
            continue;
        int j = (int)(goro_fastrand() % (uint32_t)(np + 1));
        poll[np] = poll[j];
        poll[j] = i;
        np++;
        order[nl++] = cases[i].c;
    }
    qsort(order, (size_t)nl, sizeof order[0], chan_cmp);
    lock_all(order, nl);

    for (int k = 0; k < np; k++) {
        int i = poll[k];
        Chan *c = cases[i].c;
        if (cases[i].is_send) {
            if (c->closed) {
                unlock_all(order, nl);
                goro_plain_error(g, "send on closed channel");
                return CHAN_PANIC;
            }
            Sudog *s = dequeue(&c->recvq);
            if (s) {
                deliver_recv(s, store_elem(c, cases[i].val), true);
                unlock_all(order, nl);
                goro_sched_ready(s->g);
                *chosen = i;
                *recv = goro_nil();
                *ok = false;
                return CHAN_OK;
            }
            if (c->count < c->cap) {
                c->buf[c->sendx] = store_elem(c, cases[i].val);
                if (++c->sendx == c->cap)
                    c->sendx = 0;
                c->count++;
                unlock_all(order, nl);
                *chosen = i;
                *recv = goro_nil();
                *ok = false;
                return CHAN_OK;
            }
        } else {
            Sudog *wake;
            if (take(c, recv, ok, &wake)) {
                unlock_all(order, nl);
                if (wake)
                    goro_sched_ready(wake->g);
                *chosen = i;
                return CHAN_OK;
            }
        }
    }
    if (has_default) {
        unlock_all(order, nl);
        *chosen = -1;
        *recv = goro_nil();
        *ok = false;
        return CHAN_OK;
    }
    if (goro_vm_cannot_park(g)) {
        unlock_all(order, nl);
        return cannot_park(g);
    }
    /* park on every channel */
    atomic_store(&g->selectdone, 0);
    Sudog *list = NULL;
    for (int k = 0; k < np; k++) {
        int i = poll[k];
        Sudog *s = new_sudog(g, cases[i].c);
        s->is_select = true;
        s->case_index = i;
        s->is_recv = !cases[i].is_send;
        if (cases[i].is_send) {
            s->elem = store_elem(cases[i].c, cases[i].val);
            enqueue(&cases[i].c->sendq, s);
        } else {
            enqueue(&cases[i].c->recvq, s);
        }
        s->waitlink = list;
        list = s;
    }
    g->waiting = list;
    /* the channels stay locked until the G's M has left it */
    SelectLocks *sl = goro_alloc(sizeof *sl + sizeof(Chan *) * (size_t)nl);
    sl->n = nl;
    memcpy(sl->order, order, sizeof(Chan *) * (size_t)nl);
    goro_sched_park_commit(g, n == 0 ? "select (no cases)" : "select", select_commit, sl);
    return CHAN_PARKED;
}

/* Leave every queue this goroutine's sudogs still sit on.  Then no
 * channel and no waker refers to them (a waker that dequeued one
 * finished with it under that channel's lock, which we took), so they
 * are kept for the goroutine's next waits. */
static void leave_queues(G *g)
{
    Sudog *next;
    for (Sudog *s = g->waiting; s; s = next) {
        next = s->waitlink;
        Chan *c = __atomic_load_n(&s->c, __ATOMIC_ACQUIRE);
        if (c) {
            goro_lock(&c->lock);
            if (s->c) {
                unlink_sudog(s->is_recv ? &c->recvq : &c->sendq, s);
                s->c = NULL;
            }
            goro_unlock(&c->lock);
        }
        if (g->nsudogcache < 8) {
            s->elem = goro_nil();
            s->waitlink = g->sudogcache;
            g->sudogcache = s;
            g->nsudogcache++;
        }
    }
    g->waiting = NULL;
}

void goro_select_cleanup(G *g) { leave_queues(g); }

bool goro_chan_cancel_wait(G *g)
{
    /* a goroutine still on its way to parking is not yet anyone's */
    while (atomic_load(&g->parking))
        sched_yield();
    if (g->cancelfn) {
        bool (*fn)(G *) = g->cancelfn;
        g->cancelfn = NULL;
        return fn(g);
    }
    Sudog *s = g->waiting;
    if (s && !s->is_select) {
        /* a plain channel wait: the channel's lock decides who has it */
        Chan *c = __atomic_load_n(&s->c, __ATOMIC_ACQUIRE);
        if (!c)
            return false;
        goro_lock(&c->lock);
        bool queued = s->c != NULL;
        if (queued) {
            unlink_sudog(s->is_recv ? &c->recvq : &c->sendq, s);
            s->c = NULL;
        }
        goro_unlock(&c->lock);
        if (queued)
            atomic_store(&g->selectdone, 1);   /* claimed: a second cancel fails */
        return queued;
    }
    uint32_t zero = 0;
    if (!atomic_compare_exchange_strong(&g->selectdone, &zero, 1))
        return false;
    leave_queues(g);
    if (g->timer)
        goro_timer_stop(g->timer);
    return true;
}
