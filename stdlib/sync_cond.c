/* sync_cond.c: sync.Cond and sync.NewCond.
 *
 * Go's notify list (runtime/sema.go's notifyList): Wait takes a ticket
 * before it unlocks L, then parks until that ticket is notified; Signal
 * notifies the oldest ticket not yet notified, Broadcast all of them.
 * A Signal that comes between the unlock and the park is not lost: the
 * waiter sees its ticket already notified and does not park.
 *
 * Wait is a native in steps (unlock L, wait, lock L), each of which may
 * park or call goro code (a Locker written in goro), so its progress is
 * a record in g->nstate.  A sync.Mutex or RWMutex as L is locked
 * directly (sync_pkg.h's SyncLocker); its own retry marker is kept in
 * the record while Wait parks in it. */
#include "sync_pkg.h"

#include <sched.h>

#include "pkg.h"
#include "proc.h"
#include "vm.h"

typedef struct CondWaiter {
    G *g;
    uint32_t ticket;
    struct CondWaiter *next;
} CondWaiter;

typedef struct CondObj {
    Obj obj;
    Value l;                  /* the field L */
    Lock lock;
    uint32_t wait, notify;    /* next ticket to give out; next to notify */
    CondWaiter *head, *tail;  /* parked waiters, by ticket */
} CondObj;

enum { STEP_UNLOCK, STEP_WAIT, STEP_LOCK };

typedef struct CondWait {
    const void *magic;        /* &cond_class: g->nstate is such a record */
    uint32_t ticket;
    int step;
    void *inner;              /* a SyncLocker's own g->nstate while it parks */
    struct CondObj *c;        /* while parked: where (for cond_cancel) */
    CondWaiter *w;
} CondWait;

static ObjClass cond_class = {.name = "sync.Cond"};
static const char *const cond_fields[] = {"L", NULL};

static bool cond_getfield(Obj *o, const char *name, Value *out)
{
    if (strcmp(name, "L"))
        return false;
    *out = ((CondObj *)o)->l;
    return true;
}

static bool cond_setfield(Obj *o, const char *name, Value v)
{
    if (strcmp(name, "L"))
        return false;
    ((CondObj *)o)->l = v;
    return true;
}

static Obj *cond_zero(void)
{
    CondObj *c = goro_alloc(sizeof *c);
    c->obj.cls = &cond_class;
    return &c->obj;
}

static int sync_newcond(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g);
    CondObj *c = (CondObj *)cond_zero();
    c->l = nargs ? args[0] : goro_nil();
    Value *cell = goro_alloc(sizeof *cell);   /* NewCond returns a *sync.Cond */
    *cell = goro_obj_value(&c->obj);
    res[0] = goro_ptrval(TT(VK_PTR, goro_type_ptr(cond_class.type)->id), cell);
    return 1;
}

/* Has [ticket] been notified? (lock held) */
static bool notified(CondObj *c, uint32_t ticket) { return (int32_t)(ticket - c->notify) < 0; }

/* Ctrl-C at the REPL (goro_chan_cancel_wait): leave the list unless
 * notified already; true if it left. */
static bool cond_cancel(G *g)
{
    CondWait *cw = g->nstate;
    if (!cw || cw->magic != &cond_class || !cw->c)
        return false;
    CondObj *c = cw->c;
    goro_lock(&c->lock);
    CondWaiter **pp = &c->head, *prev = NULL;
    while (*pp && *pp != cw->w) {
        prev = *pp;
        pp = &(*pp)->next;
    }
    bool queued = *pp != NULL;
    if (queued) {
        *pp = cw->w->next;
        if (c->tail == cw->w)
            c->tail = prev;
    }
    goro_unlock(&c->lock);
    return queued;
}

/* Park until [ticket] is notified: true when it is, false after parking
 * (the record [cw] says where, for cond_cancel). */
static bool notify_wait(G *g, CondObj *c, uint32_t ticket, CondWait *cw)
{
    goro_lock(&c->lock);
    if (notified(c, ticket)) {
        goro_unlock(&c->lock);
        return true;
    }
    if (goro_vm_cannot_park(g)) {
        /* inside a callback (a String method): poll, as sema.c does;
         * Signal finds no waiter to ready and just advances [notify] */
        while (!notified(c, ticket)) {
            goro_unlock(&c->lock);
            goro_sched_poll_pause();
            goro_lock(&c->lock);
        }
        goro_unlock(&c->lock);
        return true;
    }
    CondWaiter *w = goro_alloc(sizeof *w);
    w->g = g;
    w->ticket = ticket;
    if (c->tail)
        c->tail->next = w;
    else
        c->head = w;
    c->tail = w;
    atomic_store(&g->selectdone, 0);
    g->waiting = NULL;
    cw->c = c;
    cw->w = w;
    g->nstate = cw;
    goro_sched_park_unlock(g, "sync.Cond.Wait", &c->lock);
    g->cancelfn = cond_cancel;
    return false;
}

/* L.Lock() or L.Unlock() as step [w]: 0 when done, else the code to
 * return (with g->nstate = w when Wait is to be called again). */
static int locker_op(G *g, CondObj *c, CondWait *w, bool lock)
{
    SyncLocker lk;
    if (goro_sync_locker(c->l, &lk)) {
        g->nstate = w->inner;
        int r = lock ? lk.lock(g, lk.o) : lk.unlock(g, lk.o);
        w->inner = g->nstate;
        g->nstate = w;
        return r;
    }
    if (goro_rw_is_nil(c->l))
        return goro_nil_deref(g);
    g->nstate = w;
    int n = goro_rw_call_method(g, c->l, lock ? "Lock" : "Unlock", NULL, 0, NULL, 0);
    if (n == GORO_RW_NO_METHOD)
        return goro_runtime_error(g, "%s has no method %s", goro_type_of(c->l)->name,
                                  lock ? "Lock" : "Unlock");
    return n < 0 ? n : 0;
}

static int c_wait(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    SYNC_RECV(CondObj, c, cond_class);
    CondWait *w = g->nstate;
    if (!w || w->magic != &cond_class) {
        w = goro_alloc(sizeof *w);
        w->magic = &cond_class;
        goro_lock(&c->lock);
        w->ticket = c->wait++;
        goro_unlock(&c->lock);
    }
    int r;
    switch (w->step) {
    case STEP_UNLOCK:
        if ((r = locker_op(g, c, w, false)) != 0)
            goto out;
        w->step = STEP_WAIT;
        /* fall through */
    case STEP_WAIT:
        if (!notify_wait(g, c, w->ticket, w)) {
            g->nstate = w;
            return GORO_NATIVE_RETRY;
        }
        w->step = STEP_LOCK;
        w->inner = NULL;
        /* fall through */
    default:
        r = locker_op(g, c, w, true);
    }
out:
    if (r == GORO_NATIVE_RETRY || r == GORO_NATIVE_CALL)
        return r;   /* g->nstate is w */
    g->nstate = NULL;
    return r < 0 ? r : 0;
}

static int c_signal(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    SYNC_RECV(CondObj, c, cond_class);
    goro_lock(&c->lock);
    if (c->wait == c->notify) {
        goro_unlock(&c->lock);
        return 0;
    }
    uint32_t t = c->notify++;
    CondWaiter *prev = NULL, *w = c->head;
    while (w && w->ticket != t) {
        prev = w;
        w = w->next;
    }
    if (w) {   /* else its Wait has not parked yet and will see the ticket notified */
        if (prev)
            prev->next = w->next;
        else
            c->head = w->next;
        if (c->tail == w)
            c->tail = prev;
    }
    goro_unlock(&c->lock);
    if (w)
        goro_sched_ready(w->g);
    return 0;
}

static int c_broadcast(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    SYNC_RECV(CondObj, c, cond_class);
    goro_lock(&c->lock);
    c->notify = c->wait;
    CondWaiter *w = c->head;
    c->head = c->tail = NULL;
    goro_unlock(&c->lock);
    for (; w; w = w->next)
        goro_sched_ready(w->g);
    return 0;
}

void goro_sync_cond_init(Package *p)
{
    cond_class.getfield = cond_getfield;
    cond_class.setfield = cond_setfield;
    cond_class.fields = cond_fields;
    Type *t = goro_pkg_obj_type(p, "sync", "Cond", &cond_class, cond_zero);
    goro_pkg_method(t, "Wait", c_wait);
    goro_pkg_method(t, "Signal", c_signal);
    goro_pkg_method(t, "Broadcast", c_broadcast);
    goro_pkg_func(p, "NewCond", sync_newcond);
}
