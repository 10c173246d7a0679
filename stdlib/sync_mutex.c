/* sync_mutex.c: sync.Mutex and sync.RWMutex, whose waits park
 * goroutines on runtime semaphores (runtime/sema.c), as Go's do.
 *
 * Mutex is Go's (sync/mutex.go), in two modes.  [state] holds LOCKED,
 * WOKEN (a waiter has been woken, or a spinner is about to take the
 * lock: Unlock need wake nobody), STARVING, and the number of waiters
 * above WAITER_SHIFT; [sema] is where the waiters park.
 *
 * Normal mode: Unlock clears LOCKED and, if nobody is awake, wakes one
 * waiter; the woken waiter competes with the goroutines that are
 * running for the lock and, having lost, waits again at the head of
 * the queue.  A running goroutine usually wins (it is already on a
 * CPU), so a goroutine that locks and unlocks in a loop keeps running
 * instead of switching to a waiter at every Unlock: the lock convoy the
 * first design here had (Unlock handed the lock straight to the oldest
 * waiter, always) cost a context switch per critical section once the
 * lock was contended, 3x slower at GOMAXPROCS=1.  On a multiprocessor a
 * Lock that finds the lock held spins a little first (can_spin), as
 * Go's does, since the holder is likely running elsewhere.
 *
 * Starvation mode: a waiter that has waited more than 1ms sets STARVING;
 * from then on Unlock hands the lock straight to the oldest waiter
 * (LOCKED stays clear in [state]; the woken waiter sets it), and
 * newcomers neither take the lock nor spin but queue at the tail.  The
 * mode ends when the waiter that takes the lock is the last one or has
 * waited less than 1ms.  So no waiter starves: normal mode lets it lose
 * only for 1ms.
 *
 * RWMutex is Go's algorithm (sync/rwmutex.go): a Mutex among writers,
 * [readers] counting active readers and made negative by rwmaxreaders
 * while a writer is pending, [departing] counting the readers a pending
 * writer still waits for, and one semaphore each for waiting writers and
 * waiting readers.
 *
 * A parked Lock is called again (GORO_NATIVE_RETRY) and knows it by
 * g->nstate: a MutexWait record (Mutex) or the semaphore it waited on
 * (RWMutex), whose token has been handed to it, so it must not count
 * itself twice.  Memory ordering: every [state] operation is a
 * sequentially consistent atomic; the semaphore's lock orders a
 * release before the wake-up it causes. */
#include "sync_pkg.h"

#include "pkg.h"
#include "proc.h"
#include "vm.h"

enum { RWMAXREADERS = 1 << 30 };

enum {
    M_LOCKED = 1,
    M_WOKEN = 2,
    M_STARVING = 4,
    M_WAITER_SHIFT = 3,
    STARVATION_NS = 1000000,   /* Go's starvationThresholdNs */
    SPIN_ITERS = 4,            /* Go's active_spin */
    SPIN_PAUSES = 30,          /* Go's active_spin_cnt */
};

typedef struct MutexObj {
    Obj obj;
    SyncMutex mu;
} MutexObj;

typedef struct RWMutexObj {
    Obj obj;
    SyncMutex w;              /* held by the writer, or the writer pending */
    Sema writer_sem, reader_sem;
    _Atomic int32_t readers;  /* active readers, - RWMAXREADERS while a writer is pending */
    _Atomic int32_t departing;/* readers the pending writer waits for */
} RWMutexObj;

typedef struct RLockerObj {
    Obj obj;
    RWMutexObj *rw;
} RLockerObj;

static ObjClass mutex_class = {.name = "sync.Mutex"};
static ObjClass rwmutex_class = {.name = "sync.RWMutex"};
static ObjClass rlocker_class = {.name = "*sync.rlocker"};

/* Take a token of [s] for [g]: 0, or GORO_NATIVE_RETRY after parking
 * with g->nstate = s (the retry then finds the token handed over). */
static int sema_wait(G *g, Sema *s, const char *reason)
{
    if (goro_sema_acquire(g, s, reason) == SEMA_PARKED) {
        g->nstate = s;
        return GORO_NATIVE_RETRY;
    }
    g->nstate = NULL;
    return 0;
}

/* ---------------------------------------------------------------- Mutex */

/* A Lock that has waited: g->nstate while it parks and retries. */
typedef struct MutexWait {
    const void *magic;        /* &mutex_class */
    SyncMutex *m;
    int64_t since;            /* when it first had to wait */
    bool starving;            /* it has waited more than STARVATION_NS */
} MutexWait;

bool goro_sync_mutex_waiting(G *g, SyncMutex *m)
{
    MutexWait *w = g->nstate;
    return w && w->magic == &mutex_class && w->m == m;
}

/* Spin rather than park?  Go's sync_runtime_canSpin: a few rounds, on a
 * multiprocessor, while another P runs (the holder may be on it) and
 * this P has no other goroutine to run. */
static bool can_spin(int iter)
{
    if (iter >= SPIN_ITERS || goro_sched_ncpu() <= 1)
        return false;
    int busy = atomic_load(&goro_sched.npidle) + atomic_load(&goro_sched.nmspinning) + 1;
    if (atomic_load(&goro_sched.nprocs) <= busy)
        return false;
    M *m = goro_curm;
    return m && m->p && goro_runq_empty(&m->p->q);
}

static void spin(void)
{
    for (int i = 0; i < SPIN_PAUSES; i++) {
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#else
        atomic_signal_fence(memory_order_seq_cst);
#endif
    }
}

/* [w] was woken with a token: true if the lock was handed to it
 * (starvation mode), else it competes again. */
static bool mutex_woken(SyncMutex *m, MutexWait *w)
{
    w->starving = w->starving || goro_nanotime() - w->since > STARVATION_NS;
    int64_t old = atomic_load(&m->state);
    if (!(old & M_STARVING))
        return false;
    /* handed over: LOCKED is clear, our waiter count still there */
    int64_t delta = M_LOCKED - ((int64_t)1 << M_WAITER_SHIFT);
    if (!w->starving || old >> M_WAITER_SHIFT == 1)
        delta -= M_STARVING;   /* the last waiter, or no longer starving: back to normal */
    atomic_fetch_add(&m->state, delta);
    return true;
}

int goro_sync_mutex_lock(G *g, SyncMutex *m, const char *reason)
{
    MutexWait *w = NULL;
    bool awoke = false;
    int iter = 0;
    if (goro_sync_mutex_waiting(g, m)) {   /* called again: a token is ours */
        w = g->nstate;
        if (goro_sema_acquire(g, &m->sema, reason) == SEMA_PARKED)
            return GORO_NATIVE_RETRY;
        if (mutex_woken(m, w)) {
            g->nstate = NULL;
            return 0;
        }
        awoke = true;
    } else {
        int64_t zero = 0;
        if (atomic_compare_exchange_strong(&m->state, &zero, M_LOCKED))
            return 0;
    }
    int64_t old = atomic_load(&m->state);
    for (;;) {
        /* held in normal mode: spin a little, telling Unlock not to
         * wake anybody while we do */
        if ((old & (M_LOCKED | M_STARVING)) == M_LOCKED && can_spin(iter)) {
            if (!awoke && !(old & M_WOKEN) && old >> M_WAITER_SHIFT != 0 &&
                atomic_compare_exchange_strong(&m->state, &old, old | M_WOKEN))
                awoke = true;
            spin();
            iter++;
            old = atomic_load(&m->state);
            continue;
        }
        bool starving = w && w->starving;
        int64_t nw = old;
        if (!(old & M_STARVING))
            nw |= M_LOCKED;   /* newcomers do not take a starving mutex */
        if (old & (M_LOCKED | M_STARVING))
            nw += (int64_t)1 << M_WAITER_SHIFT;
        if (starving && (old & M_LOCKED))
            nw |= M_STARVING;
        if (awoke) {
            if (!(nw & M_WOKEN))
                goro_fatal("sync: inconsistent mutex state");
            nw &= ~(int64_t)M_WOKEN;
        }
        if (!atomic_compare_exchange_strong(&m->state, &old, nw))
            continue;   /* old reloaded */
        if (!(old & (M_LOCKED | M_STARVING))) {
            g->nstate = NULL;   /* locked it */
            return 0;
        }
        /* wait: a waiter that lost after being woken queues first */
        bool lifo = w != NULL;
        if (!w) {
            w = goro_alloc(sizeof *w);
            w->magic = &mutex_class;
            w->m = m;
            w->since = goro_nanotime();
        }
        g->nstate = w;
        int r = lifo ? goro_sema_acquire_lifo(g, &m->sema, reason)
                     : goro_sema_acquire(g, &m->sema, reason);
        if (r == SEMA_PARKED)
            return GORO_NATIVE_RETRY;
        if (mutex_woken(m, w)) {
            g->nstate = NULL;
            return 0;
        }
        awoke = true;
        iter = 0;
        old = atomic_load(&m->state);
    }
}

/* Go's TryLock: never takes a starving mutex (its waiters come first). */
static bool mutex_trylock(SyncMutex *m)
{
    int64_t old = atomic_load(&m->state);
    if (old & (M_LOCKED | M_STARVING))
        return false;
    return atomic_compare_exchange_strong(&m->state, &old, old | M_LOCKED);
}

int goro_sync_mutex_unlock(G *g, SyncMutex *m)
{
    int64_t nw = atomic_fetch_sub(&m->state, M_LOCKED) - M_LOCKED;
    if (nw == 0)
        return 0;
    if (!((nw + M_LOCKED) & M_LOCKED)) {
        atomic_fetch_add(&m->state, M_LOCKED);   /* undo (the REPL lives on) */
        return goro_vm_throw(g, NULL, "sync: unlock of unlocked mutex");
    }
    if (nw & M_STARVING) {
        goro_sema_release(&m->sema);   /* hand the lock to the oldest waiter */
        return 0;
    }
    int64_t old = nw;
    for (;;) {
        /* nobody waits, or somebody is awake or has the lock already */
        if (old >> M_WAITER_SHIFT == 0 || (old & (M_LOCKED | M_WOKEN | M_STARVING)))
            return 0;
        nw = (old - ((int64_t)1 << M_WAITER_SHIFT)) | M_WOKEN;
        if (atomic_compare_exchange_strong(&m->state, &old, nw)) {
            goro_sema_release(&m->sema);
            return 0;
        }
    }
}

static Obj *mutex_zero(void)
{
    MutexObj *m = goro_alloc(sizeof *m);
    m->obj.cls = &mutex_class;
    return &m->obj;
}

/* Copies are Go's: a copy of a locked Mutex is locked (the state word
 * is copied); its queue of waiters is its own, empty. */
static Obj *mutex_copy(const Obj *o)
{
    MutexObj *c = (MutexObj *)mutex_zero();
    atomic_store(&c->mu.state, atomic_load(&((const MutexObj *)o)->mu.state));
    return &c->obj;
}

static int m_lock(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    SYNC_RECV(MutexObj, m, mutex_class);
    return goro_sync_mutex_lock(g, &m->mu, "sync.Mutex.Lock");
}

static int m_trylock(G *g, Value *args, int nargs, Value *res)
{
    SYNC_RECV(MutexObj, m, mutex_class);
    res[0] = goro_bool(mutex_trylock(&m->mu));
    return 1;
}

static int m_unlock(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    SYNC_RECV(MutexObj, m, mutex_class);
    int r = goro_sync_mutex_unlock(g, &m->mu);
    return r < 0 ? r : 0;
}

/* -------------------------------------------------------------- RWMutex */

static int rw_rlock(G *g, RWMutexObj *rw)
{
    if (g->nstate == &rw->reader_sem)
        return sema_wait(g, &rw->reader_sem, "sync.RWMutex.RLock");
    if (atomic_fetch_add(&rw->readers, 1) + 1 < 0)   /* a writer is pending */
        return sema_wait(g, &rw->reader_sem, "sync.RWMutex.RLock");
    return 0;
}

static int rw_runlock(G *g, RWMutexObj *rw)
{
    int32_t r = atomic_fetch_sub(&rw->readers, 1) - 1;
    if (r < 0) {
        if (r + 1 == 0 || r + 1 == -RWMAXREADERS) {
            atomic_fetch_add(&rw->readers, 1);
            return goro_vm_throw(g, NULL, "sync: RUnlock of unlocked RWMutex");
        }
        /* a writer is pending: the last departing reader lets it in */
        if (atomic_fetch_sub(&rw->departing, 1) - 1 == 0)
            goro_sema_release(&rw->writer_sem);
    }
    return 0;
}

static int rw_lock(G *g, RWMutexObj *rw)
{
    if (g->nstate == &rw->writer_sem)   /* the last reader let us in */
        return sema_wait(g, &rw->writer_sem, "sync.RWMutex.Lock");
    int r = goro_sync_mutex_lock(g, &rw->w, "sync.RWMutex.Lock");
    if (r)
        return r;
    /* announce the writer; wait for the readers that are in */
    int32_t active = atomic_fetch_sub(&rw->readers, RWMAXREADERS);
    if (active != 0 && atomic_fetch_add(&rw->departing, active) + active != 0)
        return sema_wait(g, &rw->writer_sem, "sync.RWMutex.Lock");
    return 0;
}

static int rw_unlock(G *g, RWMutexObj *rw)
{
    int32_t r = atomic_fetch_add(&rw->readers, RWMAXREADERS) + RWMAXREADERS;
    if (r >= RWMAXREADERS) {
        atomic_fetch_sub(&rw->readers, RWMAXREADERS);
        return goro_vm_throw(g, NULL, "sync: Unlock of unlocked RWMutex");
    }
    for (int32_t i = 0; i < r; i++)   /* the readers that queued behind the writer */
        goro_sema_release(&rw->reader_sem);
    return goro_sync_mutex_unlock(g, &rw->w);
}

static bool rw_trylock(G *g, RWMutexObj *rw)
{
    if (!mutex_trylock(&rw->w))
        return false;
    int32_t zero = 0;
    if (!atomic_compare_exchange_strong(&rw->readers, &zero, -RWMAXREADERS)) {
        goro_sync_mutex_unlock(g, &rw->w);   /* hands over to a writer queued meanwhile */
        return false;
    }
    return true;
}

static bool rw_tryrlock(RWMutexObj *rw)
{
    int32_t c = atomic_load(&rw->readers);
    while (c >= 0)
        if (atomic_compare_exchange_weak(&rw->readers, &c, c + 1))
            return true;
    return false;
}

static Obj *rwmutex_zero(void)
{
    RWMutexObj *rw = goro_alloc(sizeof *rw);
    rw->obj.cls = &rwmutex_class;
    return &rw->obj;
}

static Obj *rwmutex_copy(const Obj *o)
{
    const RWMutexObj *rw = (const RWMutexObj *)o;
    RWMutexObj *c = (RWMutexObj *)rwmutex_zero();
    atomic_store(&c->w.state, atomic_load(&rw->w.state));
    atomic_store(&c->readers, atomic_load(&rw->readers));
    atomic_store(&c->departing, atomic_load(&rw->departing));
    return &c->obj;
}

#define RW_METHOD(name, call)                                                             \
    static int name(G *g, Value *args, int nargs, Value *res)                             \
    {                                                                                     \
        GORO_UNUSED(res);                                                                 \
        SYNC_RECV(RWMutexObj, rw, rwmutex_class);                                         \
        int r = call(g, rw);                                                              \
        return r < 0 ? r : 0;                                                             \
    }
RW_METHOD(rw_m_lock, rw_lock)
RW_METHOD(rw_m_unlock, rw_unlock)
RW_METHOD(rw_m_rlock, rw_rlock)
RW_METHOD(rw_m_runlock, rw_runlock)

static int rw_m_trylock(G *g, Value *args, int nargs, Value *res)
{
    SYNC_RECV(RWMutexObj, rw, rwmutex_class);
    res[0] = goro_bool(rw_trylock(g, rw));
    return 1;
}

static int rw_m_tryrlock(G *g, Value *args, int nargs, Value *res)
{
    SYNC_RECV(RWMutexObj, rw, rwmutex_class);
    res[0] = goro_bool(rw_tryrlock(rw));
    return 1;
}

static int rw_m_rlocker(G *g, Value *args, int nargs, Value *res)
{
    SYNC_RECV(RWMutexObj, rw, rwmutex_class);
    RLockerObj *l = goro_alloc(sizeof *l);
    l->obj.cls = &rlocker_class;
    l->rw = rw;
    res[0] = goro_obj_value(&l->obj);
    return 1;
}

static int rl_m_lock(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    SYNC_RECV(RLockerObj, l, rlocker_class);
    int r = rw_rlock(g, l->rw);
    return r < 0 ? r : 0;
}

static int rl_m_unlock(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    SYNC_RECV(RLockerObj, l, rlocker_class);
    int r = rw_runlock(g, l->rw);
    return r < 0 ? r : 0;
}

/* ------------------------------------------------------------- Lockers */

static int lk_mutex_lock(G *g, Obj *o)
{
    return goro_sync_mutex_lock(g, &((MutexObj *)o)->mu, "sync.Mutex.Lock");
}
static int lk_mutex_unlock(G *g, Obj *o) { return goro_sync_mutex_unlock(g, &((MutexObj *)o)->mu); }
static int lk_rw_lock(G *g, Obj *o) { return rw_lock(g, (RWMutexObj *)o); }
static int lk_rw_unlock(G *g, Obj *o) { return rw_unlock(g, (RWMutexObj *)o); }
static int lk_rl_lock(G *g, Obj *o) { return rw_rlock(g, ((RLockerObj *)o)->rw); }
static int lk_rl_unlock(G *g, Obj *o) { return rw_runlock(g, ((RLockerObj *)o)->rw); }

bool goro_sync_locker(Value v, SyncLocker *out)
{
    Obj *o = goro_rw_obj(v);
    if (!o)
        return false;
    out->o = o;
    if (o->cls == &mutex_class) {
        out->lock = lk_mutex_lock;
        out->unlock = lk_mutex_unlock;
    } else if (o->cls == &rwmutex_class) {
        out->lock = lk_rw_lock;
        out->unlock = lk_rw_unlock;
    } else if (o->cls == &rlocker_class) {
        out->lock = lk_rl_lock;
        out->unlock = lk_rl_unlock;
    } else {
        return false;
    }
    return true;
}

void goro_sync_mutex_init(Package *p)
{
    mutex_class.copy = mutex_copy;
    rwmutex_class.copy = rwmutex_copy;
    Type *t = goro_pkg_obj_type(p, "sync", "Mutex", &mutex_class, mutex_zero);
    goro_pkg_method(t, "Lock", m_lock);
    goro_pkg_method(t, "TryLock", m_trylock);
    goro_pkg_method(t, "Unlock", m_unlock);
    t = goro_pkg_obj_type(p, "sync", "RWMutex", &rwmutex_class, rwmutex_zero);
    goro_pkg_method(t, "Lock", rw_m_lock);
    goro_pkg_method(t, "Unlock", rw_m_unlock);
    goro_pkg_method(t, "RLock", rw_m_rlock);
    goro_pkg_method(t, "RUnlock", rw_m_runlock);
    goro_pkg_method(t, "TryLock", rw_m_trylock);
    goro_pkg_method(t, "TryRLock", rw_m_tryrlock);
    goro_pkg_method(t, "RLocker", rw_m_rlocker);
    Type *rl = goro_pkg_obj_type(NULL, "sync", "rlocker", &rlocker_class, NULL);
    goro_pkg_method(rl, "Lock", rl_m_lock);
    goro_pkg_method(rl, "Unlock", rl_m_unlock);
}
