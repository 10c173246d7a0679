/* timer.c: timers.
 *
 * The problem.  time.Sleep, time.After, Timer, Ticker and AfterFunc need
 * "do X at time T" for any number of goroutines, cheaply, and the
 * scheduler needs the earliest deadline to know how long it may sleep
 * when nothing is runnable (and to know that a sleeping goroutine is not
 * deadlocked).
 *
 * The design follows Go's runtime/time.go: each P has a 4-ary min-heap
 * of timers ordered by `when` (shallower than a binary heap: fewer cache
 * misses on sift-down), under the P's timer lock.  The scheduler runs
 * expired timers before looking for work (goro_timers_run) and bounds
 * its idle wait in the netpoller by the earliest deadline
 * (goro_timers_next).  Stop and Reset remove the timer from the heap by
 * its index under that heap's lock (Go marks and removes lazily; direct
 * removal is simpler and, with a lock per P, as fast).  A P with nothing
 * to do runs the expired timers of busy P's when it steals, and the M
 * that blocks in the netpoller sleeps until the earliest timer of any P
 * (proc.c); adding a timer earlier than that wakes it
 * (goro_sched_wake_netpoller).
 *
 * A timer's action runs outside the heap lock: TIMER_WAKE readies a
 * sleeping goroutine if it can claim it (the parking protocol in
 * proc.c: CAS selectdone, so a cancelled sleep is not woken twice);
 * TIMER_SEND makes a non-blocking send of the current time on the
 * timer's channel (buffered, so a slow reader gets the time the timer
 * fired, and a ticker drops ticks rather than blocking); TIMER_FUNC
 * starts a goroutine (AfterFunc).
 *
 * Clock: CLOCK_MONOTONIC nanoseconds. */
#include "timer.h"

#include <time.h>

#include "chan.h"
#include "netpoll.h"
#include "proc.h"

int64_t goro_nanotime(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t goro_walltime(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void goro_timerheap_init(TimerHeap *h)
{
    atomic_store(&h->first, -1);
}

/* Under the lock, after any change. */
static void heap_changed(TimerHeap *h)
{
    atomic_store_explicit(&h->first, h->n ? h->v[0]->when : -1, memory_order_release);
}

static void heap_set(TimerHeap *h, int i, Timer *t)
{
    h->v[i] = t;
    t->idx = i;
}

static void sift_up(TimerHeap *h, int i)
{
    Timer *t = h->v[i];
    while (i > 0) {
        int parent = (i - 1) / 4;
        if (h->v[parent]->when <= t->when)
            break;
        heap_set(h, i, h->v[parent]);
        i = parent;
    }
    heap_set(h, i, t);
}

static void sift_down(TimerHeap *h, int i)
{
    Timer *t = h->v[i];
    for (;;) {
        int c = 4 * i + 1;
        if (c >= h->n)
            break;
        int best = c;
        for (int j = c + 1; j < c + 4 && j < h->n; j++)
            if (h->v[j]->when < h->v[best]->when)
                best = j;
        if (h->v[best]->when >= t->when)
            break;
        heap_set(h, i, h->v[best]);
        i = best;
    }
    heap_set(h, i, t);
}

static void heap_remove(TimerHeap *h, int i)
{
    Timer *t = h->v[i];
    h->n--;
    if (i != h->n) {
        heap_set(h, i, h->v[h->n]);
        sift_down(h, i);
        sift_up(h, h->v[i]->idx);
    }
    h->v[h->n] = NULL;
    t->idx = -1;
    heap_changed(h);
}

static void heap_add(TimerHeap *h, Timer *t)
{
    if (h->n == h->cap) {
        h->cap = h->cap ? h->cap * 2 : 16;
        h->v = goro_realloc(h->v, sizeof(Timer *) * (size_t)h->cap);
    }
    h->v[h->n] = t;
    t->idx = h->n++;
    sift_up(h, t->idx);
    heap_changed(h);
}

static P *current_p(void)
{
    M *m = goro_curm;
    return m && m->p ? m->p : goro_sched.allp[0];
}

void goro_timer_start(Timer *t)
{
    goro_timer_stop(t);
    P *p = current_p();
    goro_lock(&p->timers.lock);
    __atomic_store_n(&t->p, p, __ATOMIC_RELEASE);
    heap_add(&p->timers, t);
    bool earliest = t->idx == 0;
    int64_t when = t->when;
    goro_unlock(&p->timers.lock);
    /* a new earliest deadline must cut a sleeping poller's wait short */
    if (earliest)
        goro_sched_wake_netpoller(when);
}

void goro_timers_move(P *from, P *to)
{
    for (;;) {
        goro_lock(&from->timers.lock);
        if (from->timers.n == 0) {
            goro_unlock(&from->timers.lock);
            return;
        }
        Timer *t = from->timers.v[from->timers.n - 1];
        heap_remove(&from->timers, from->timers.n - 1);
        goro_unlock(&from->timers.lock);
        goro_lock(&to->timers.lock);
        __atomic_store_n(&t->p, to, __ATOMIC_RELEASE);
        heap_add(&to->timers, t);
        goro_unlock(&to->timers.lock);
    }
}

bool goro_timer_stop(Timer *t)
{
    for (;;) {
        /* the timer may move between heaps (GOMAXPROCS shrinking): lock
         * the heap it is on, then check it is still there */
        P *p = __atomic_load_n(&t->p, __ATOMIC_ACQUIRE);
        if (!p)
            return false;
        goro_lock(&p->timers.lock);
        if (__atomic_load_n(&t->p, __ATOMIC_ACQUIRE) != p) {
            goro_unlock(&p->timers.lock);
            continue;
        }
        bool was = false;
        if (t->idx >= 0 && t->idx < p->timers.n && p->timers.v[t->idx] == t) {
            heap_remove(&p->timers, t->idx);
            was = true;
        }
        __atomic_store_n(&t->p, NULL, __ATOMIC_RELEASE);
        goro_unlock(&p->timers.lock);
        return was;
    }
}

int64_t goro_timers_next(P *p)
{
    return atomic_load_explicit(&p->timers.first, memory_order_acquire);
}

static void fire(Timer *t, int64_t now)
{
    switch (t->kind) {
    case TIMER_WAKE: {
        G *g = t->g;
        uint32_t zero = 0;
        if (g && atomic_compare_exchange_strong(&g->selectdone, &zero, 1))
            goro_sched_ready(g);
        break;
    }
    case TIMER_SEND:
        if (t->ch)
            goro_chan_send(NULL, t->ch, goro_time_value_hook ? goro_time_value_hook(now) : goro_int(now),
                           false);
        break;
    case TIMER_FUNC: {
        G *ng = goro_g_new(t->fn, NULL, 0, false);
        goro_sched_spawn(ng, NULL);
        break;
    }
    case TIMER_CALL:
        t->cfn(t->carg, t->cseq);
        break;
    }
}

Value (*goro_time_value_hook)(int64_t mono);

int goro_timers_run(P *p, int64_t now)
{
    int fired = 0;
    int64_t first = atomic_load_explicit(&p->timers.first, memory_order_acquire);
    if (first < 0 || first > now)
        return 0;
    for (;;) {
        goro_lock(&p->timers.lock);
        if (p->timers.n == 0 || p->timers.v[0]->when > now) {
            goro_unlock(&p->timers.lock);
            return fired;
        }
        Timer *t = p->timers.v[0];
        heap_remove(&p->timers, 0);
        /* fire what the timer said when it expired: once the lock is
         * released it may be reset for another purpose */
        Timer snap = *t;
        if (t->period > 0) {
            /* a ticker: next tick on its schedule, skipping missed ones */
            t->when += t->period;
            if (t->when <= now)
                t->when = now + t->period - (now - t->when) % t->period;
            heap_add(&p->timers, t);
        } else {
            __atomic_store_n(&t->p, NULL, __ATOMIC_RELEASE);
        }
        goro_unlock(&p->timers.lock);
        fire(&snap, now);
        fired++;
    }
}
