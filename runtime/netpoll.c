/* netpoll.c: poll descriptors, the portable half of the netpoller (Go:
 * runtime/netpoll.go).
 *
 * The problem.  A goroutine reading a socket must wait for data without
 * holding a thread, wake exactly once when data comes, a deadline
 * passes or the socket is closed, and never miss a readiness event that
 * arrives while it is getting ready to wait.
 *
 * The design is Go's pollDesc.  Each registered fd has a descriptor with
 * two binary semaphores, rg (read) and wg (write), each holding one of
 *   0         nothing: no readiness seen, nobody waiting;
 *   PD_READY  the fd became ready and nobody has consumed it;
 *   PD_WAIT   a goroutine is about to park;
 *   a G       that goroutine is parked.
 * The waiter (goro_poll_wait, after its operation got EAGAIN) consumes
 * READY -> 0 and retries at once, or moves 0 -> WAIT and parks; its park
 * commit, run once its M has left it, moves WAIT -> G, and when that CAS
 * fails (readiness arrived meanwhile: the poller moved WAIT -> READY)
 * the goroutine runs on and retries.  The poller (goro_poll_ready, for
 * each epoll event) moves anything to READY and takes the G it replaced;
 * a deadline or a close moves it to 0 instead (ioready false), so the
 * woken goroutine's retry sees the error.  Every transition is a CAS, so
 * each wake-up happens once.
 *
 * Deadlines are timers (TIMER_CALL) carrying a sequence number: setting
 * a new deadline bumps it, so a stale timer that fires late does
 * nothing.  Closing bumps the descriptor's fd sequence too: the epoll
 * tag is (sequence << 32 | table index), and an event whose sequence
 * does not match the slot's descriptor is stale (the fd was closed and
 * reused) and ignored.
 *
 * Memory: the kernel's copy of the tag is not a pointer.  Descriptors
 * live in a table in static memory that Boehm scans, so a descriptor
 * stays alive while registered; goroutine pointers in rg/wg are ordinary
 * words Boehm sees conservatively (every G is in the all-G list anyway).
 *
 * Rejected: level-triggered epoll with EPOLL_CTL_MOD per wait (a system
 * call per operation); one thread per blocked socket. */
#include "netpoll.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>

#include "proc.h"
#include "vm.h"

#define PD_READY ((uintptr_t)1)
#define PD_WAIT ((uintptr_t)2)

struct PollDesc {
    pthread_mutex_t lock;      /* deadlines, closing */
    int fd;
    uint32_t index;            /* slot in the table */
    uint32_t seq;              /* fd sequence (stale events) */
    bool closing;
    _Atomic uintptr_t rg, wg;
    int64_t rd, wd;            /* deadlines: 0 none, -1 expired, else monotonic ns */
    uintptr_t rseq, wseq;      /* deadline sequence (stale timers) */
    Timer rt, wt;
};

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static PollDesc **table;       /* GC-visible through this static pointer */
static uint32_t table_cap, table_used;
static uint32_t *free_slots;
static uint32_t nfree;
static uint32_t seqgen;
static _Atomic int waiters;

int goro_netpoll_waiters(void) { return atomic_load(&waiters); }

static uint64_t tag_of(PollDesc *pd) { return (uint64_t)pd->seq << 32 | pd->index; }

PollDesc *goro_poll_open(int fd)
{
    PollDesc *pd = goro_alloc(sizeof *pd);
    pthread_mutex_init(&pd->lock, NULL);
    pd->fd = fd;
    pd->rt.idx = pd->wt.idx = -1;
    pthread_mutex_lock(&table_lock);
    uint32_t i;
    if (nfree) {
        i = free_slots[--nfree];
    } else {
        if (table_used == table_cap) {
            uint32_t ncap = table_cap ? table_cap * 2 : 64;
            PollDesc **nt = GC_MALLOC_UNCOLLECTABLE(sizeof(PollDesc *) * ncap);
            uint32_t *nf = GC_MALLOC_ATOMIC_UNCOLLECTABLE(sizeof(uint32_t) * ncap);
            if (!nt || !nf)
                goro_fatal("out of memory growing the poll table");
            if (table)
                memcpy(nt, table, sizeof(PollDesc *) * table_cap);
            if (free_slots)
                memcpy(nf, free_slots, sizeof(uint32_t) * nfree);
            PollDesc **old = table;
            uint32_t *oldf = free_slots;
            table = nt;
            free_slots = nf;
            table_cap = ncap;
            if (old)
                GC_FREE(old);
            if (oldf)
                GC_FREE(oldf);
        }
        i = table_used++;
    }
    pd->index = i;
    pd->seq = ++seqgen;
    if (pd->seq == 0)
        pd->seq = ++seqgen;
    table[i] = pd;
    pthread_mutex_unlock(&table_lock);
    if (goro_netpoll_backend_open(fd, tag_of(pd)) < 0) {
        int err = errno;
        pthread_mutex_lock(&table_lock);
        table[i] = NULL;
        free_slots[nfree++] = i;
        pthread_mutex_unlock(&table_lock);
        errno = err;
        return NULL;
    }
    return pd;
}

/* Take the goroutine parked on [mode], leaving READY (ioready) or 0. */
static G *unblock(PollDesc *pd, int mode, bool ioready)
{
    _Atomic uintptr_t *gpp = mode == 'r' ? &pd->rg : &pd->wg;
    for (;;) {
        uintptr_t old = atomic_load(gpp);
        if (old == PD_READY)
            return NULL;
        if (old == 0 && !ioready)
            return NULL;
        uintptr_t nv = ioready ? PD_READY : 0;
        if (atomic_compare_exchange_strong(gpp, &old, nv)) {
            if (old > PD_WAIT) {
                atomic_fetch_sub(&waiters, 1);
                return (G *)old;
            }
            return NULL;
        }
    }
}

static void ready_g(G *g)
{
    if (g)
        goro_sched_ready(g);
}

void goro_poll_ready(uint64_t tag, bool readable, bool writable, G **list)
{
    uint32_t i = (uint32_t)tag, seq = (uint32_t)(tag >> 32);
    pthread_mutex_lock(&table_lock);
    PollDesc *pd = i < table_used ? table[i] : NULL;
    if (pd && pd->seq != seq)
        pd = NULL;   /* stale: closed, maybe reused */
    pthread_mutex_unlock(&table_lock);
    if (!pd)
        return;
    G *gs[2] = {readable ? unblock(pd, 'r', true) : NULL, writable ? unblock(pd, 'w', true) : NULL};
    for (int k = 0; k < 2; k++)
        if (gs[k]) {
            gs[k]->schedlink = *list;
            *list = gs[k];
        }
}

void goro_poll_close(PollDesc *pd)
{
    if (!pd)
        return;
    pthread_mutex_lock(&pd->lock);
    if (pd->closing) {
        pthread_mutex_unlock(&pd->lock);
        return;
    }
    __atomic_store_n(&pd->closing, true, __ATOMIC_RELEASE);
    pd->rseq++;
    pd->wseq++;
    G *r = unblock(pd, 'r', false), *w = unblock(pd, 'w', false);
    pthread_mutex_unlock(&pd->lock);
    goro_timer_stop(&pd->rt);
    goro_timer_stop(&pd->wt);
    goro_netpoll_backend_close(pd->fd);
    pthread_mutex_lock(&table_lock);
    if (table[pd->index] == pd) {
        table[pd->index] = NULL;
        free_slots[nfree++] = pd->index;
    }
    pd->seq = 0;
    pthread_mutex_unlock(&table_lock);
    ready_g(r);
    ready_g(w);
}

/* Closing or past the deadline? (Go's netpollcheckerr)  Unlike
 * goro_poll_check it keeps a readiness seen: goro_poll_wait runs after
 * the operation failed, and a readiness that came since is the wake-up
 * it must not lose. */
static int check_err(PollDesc *pd, int mode)
{
    if (__atomic_load_n(&pd->closing, __ATOMIC_ACQUIRE))
        return POLL_ERR_CLOSING;
    int64_t d = mode == 'r' ? __atomic_load_n(&pd->rd, __ATOMIC_ACQUIRE)
                            : __atomic_load_n(&pd->wd, __ATOMIC_ACQUIRE);
    return d < 0 ? POLL_ERR_TIMEOUT : POLL_OK;
}

int goro_poll_check(PollDesc *pd, int mode)
{
    int err = check_err(pd, mode);
    if (err)
        return err;
    /* Go's pollReset: the operation about to run sees the fd as it is
     * now, so an old readiness (consumed by an earlier successful read)
     * must not send it round the EAGAIN loop once more */
    uintptr_t ready = PD_READY;
    atomic_compare_exchange_strong(mode == 'r' ? &pd->rg : &pd->wg, &ready, 0);
    return POLL_OK;
}

static bool commit(G *g, void *arg)
{
    _Atomic uintptr_t *gpp = arg;
    uintptr_t want = PD_WAIT;
    if (atomic_compare_exchange_strong(gpp, &want, (uintptr_t)g)) {
        atomic_fetch_add(&waiters, 1);
        return true;
    }
    /* readiness came while we were parking: consume it and run on */
    atomic_store(gpp, 0);
    return false;
}

/* The REPL interrupts a goroutine parked in IO wait. */
static bool cancel(G *g)
{
    _Atomic uintptr_t *gpp = g->parkarg;
    uintptr_t want = (uintptr_t)g;
    if (!atomic_compare_exchange_strong(gpp, &want, 0))
        return false;
    atomic_fetch_sub(&waiters, 1);
    return true;
}

/* A callback cannot park: wait for the fd in a blocking poll instead. */
static int wait_blocking(PollDesc *pd, int mode)
{
    for (;;) {
        int err = check_err(pd, mode);
        if (err)
            return err;
        int64_t d = mode == 'r' ? pd->rd : pd->wd;
        int ms = -1;
        if (d > 0) {
            int64_t left = d - goro_nanotime();
            if (left <= 0)
                return POLL_ERR_TIMEOUT;
            ms = (int)((left + 999999) / 1000000);
        }
        struct pollfd pfd = {pd->fd, (short)(mode == 'r' ? POLLIN : POLLOUT), 0};
        goro_syscall_enter();
        int n = poll(&pfd, 1, ms);
        goro_syscall_exit();
        if (n > 0)
            return POLL_OK;
        if (n == 0 && d > 0)
            return POLL_ERR_TIMEOUT;
    }
}

int goro_poll_wait(G *g, PollDesc *pd, int mode)
{
    int err = check_err(pd, mode);
    if (err)
        return err;
    if (!g || goro_vm_cannot_park(g))
        return wait_blocking(pd, mode);
    _Atomic uintptr_t *gpp = mode == 'r' ? &pd->rg : &pd->wg;
    for (;;) {
        uintptr_t old = PD_READY;
        if (atomic_compare_exchange_strong(gpp, &old, 0))
            return POLL_OK;   /* readiness already seen: retry now */
        if (old != 0)
            goro_fatal("netpoll: two goroutines wait on fd %d for %s at once", pd->fd,
                       mode == 'r' ? "reading" : "writing");
        if (atomic_compare_exchange_strong(gpp, &old, PD_WAIT))
            break;
    }
    /* a close or deadline may have come before WAIT was visible */
    err = check_err(pd, mode);
    if (err) {
        atomic_store(gpp, 0);
        return err;
    }
    atomic_store(&g->selectdone, 0);
    g->waiting = NULL;
    goro_sched_park_commit(g, "IO wait", commit, (void *)gpp);
    g->cancelfn = cancel;
    return POLL_PARKED;
}

/* A deadline timer fired. */
static void deadline_fired(void *arg, uintptr_t seq)
{
    PollDesc *pd = arg;
    int mode = (seq & 1) ? 'w' : 'r';
    G *g = NULL;
    pthread_mutex_lock(&pd->lock);
    uintptr_t cur = mode == 'r' ? pd->rseq : pd->wseq;
    if ((seq >> 1) == cur && !pd->closing) {
        __atomic_store_n(mode == 'r' ? &pd->rd : &pd->wd, -1, __ATOMIC_RELEASE);
        g = unblock(pd, mode, false);
    }
    pthread_mutex_unlock(&pd->lock);
    ready_g(g);
}

static void set_one(PollDesc *pd, int mode, int64_t when, int64_t now)
{
    Timer *t = mode == 'r' ? &pd->rt : &pd->wt;
    uintptr_t *seq = mode == 'r' ? &pd->rseq : &pd->wseq;
    int64_t *d = mode == 'r' ? &pd->rd : &pd->wd;
    (*seq)++;
    goro_timer_stop(t);
    if (when == 0) {
        __atomic_store_n(d, 0, __ATOMIC_RELEASE);
        return;
    }
    if (when <= now) {
        __atomic_store_n(d, -1, __ATOMIC_RELEASE);
        return;
    }
    __atomic_store_n(d, when, __ATOMIC_RELEASE);
    t->kind = TIMER_CALL;
    t->when = when;
    t->period = 0;
    t->cfn = deadline_fired;
    t->carg = pd;
    t->cseq = *seq << 1 | (mode == 'w');
    goro_timer_start(t);
}

void goro_poll_set_deadline(PollDesc *pd, int64_t when, int mode)
{
    int64_t now = goro_nanotime();
    G *r = NULL, *w = NULL;
    pthread_mutex_lock(&pd->lock);
    if (pd->closing) {
        pthread_mutex_unlock(&pd->lock);
        return;
    }
    if (mode == 'r' || mode == 'b')
        set_one(pd, 'r', when, now);
    if (mode == 'w' || mode == 'b')
        set_one(pd, 'w', when, now);
    if (pd->rd < 0)
        r = unblock(pd, 'r', false);
    if (pd->wd < 0)
        w = unblock(pd, 'w', false);
    pthread_mutex_unlock(&pd->lock);
    ready_g(r);
    ready_g(w);
}
