/* sync_mutex.c: sync.Mutex and sync.RWMutex, whose waits park
 * goroutines on runtime semaphores (runtime/sema.c), as Go's do.
 *
 * Mutex.  A count of holders and waiters ([state]) and a semaphore:
 * Lock adds one and owns the mutex if the count was 0, else it takes a
 * token from the semaphore (parking until Unlock hands one over);
 * Unlock subtracts one and hands a token over when somebody waits.  The
 * semaphore gives tokens in FIFO order straight to the waiter, so no
 * waiter starves (Go's starvation mode, always), and a token released
 * before its waiter parked is kept, so no wake-up is lost.
 *
 * RWMutex is Go's algorithm (sync/rwmutex.go): a Mutex among writers,
 * [readers] counting active readers and made negative by rwmaxreaders
 * while a writer is pending, [departing] counting the readers a pending
 * writer still waits for, and one semaphore each for waiting writers and
 * waiting readers.
 *
 * A parked Lock is called again (GORO_NATIVE_RETRY) and knows it by
 * g->nstate, which names the semaphore it waited on: its token has been
 * handed to it, so it must not count itself twice. */
#include "sync_pkg.h"

#include "io_pkg.h"
#include "vm.h"

enum { RWMAXREADERS = 1 << 30 };

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

int goro_sync_mutex_lock(G *g, SyncMutex *m, const char *reason)
{
    if (g->nstate == &m->sema)   /* called again: the token is ours */
        return sema_wait(g, &m->sema, reason);
    if (atomic_fetch_add(&m->state, 1) == 0)
        return 0;
    return sema_wait(g, &m->sema, reason);
}

static bool mutex_trylock(SyncMutex *m)
{
    int64_t zero = 0;
    return atomic_compare_exchange_strong(&m->state, &zero, 1);
}

int goro_sync_mutex_unlock(G *g, SyncMutex *m)
{
    int64_t old = atomic_fetch_sub(&m->state, 1);
    if (old <= 0) {
        atomic_fetch_add(&m->state, 1);
        return goro_vm_throw(g, NULL, "sync: unlock of unlocked mutex");
    }
    if (old > 1)
        goro_sema_release(&m->sema);
    return 0;
}

static Obj *mutex_zero(void)
{
    MutexObj *m = goro_alloc(sizeof *m);
    m->obj.cls = &mutex_class;
    return &m->obj;
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
    Type *t = goro_io_obj_type(p, "sync", "Mutex", &mutex_class, mutex_zero);
    goro_pkg_method(t, "Lock", m_lock);
    goro_pkg_method(t, "TryLock", m_trylock);
    goro_pkg_method(t, "Unlock", m_unlock);
    t = goro_io_obj_type(p, "sync", "RWMutex", &rwmutex_class, rwmutex_zero);
    goro_pkg_method(t, "Lock", rw_m_lock);
    goro_pkg_method(t, "Unlock", rw_m_unlock);
    goro_pkg_method(t, "RLock", rw_m_rlock);
    goro_pkg_method(t, "RUnlock", rw_m_runlock);
    goro_pkg_method(t, "TryLock", rw_m_trylock);
    goro_pkg_method(t, "TryRLock", rw_m_tryrlock);
    goro_pkg_method(t, "RLocker", rw_m_rlocker);
    Type *rl = goro_type_obj("sync", "rlocker", &rlocker_class);
    rl->name = rlocker_class.name;
    rlocker_class.type = rl;
    goro_pkg_method(rl, "Lock", rl_m_lock);
    goro_pkg_method(rl, "Unlock", rl_m_unlock);
}
