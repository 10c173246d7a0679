/* sync_wait.c: sync.WaitGroup, sync.Once and OnceFunc, OnceValue and
 * OnceValues.
 *
 * WaitGroup is Go's: one 64-bit word holding the counter (high half) and
 * the number of waiters (low half), and a semaphore.  Wait adds itself
 * as a waiter by CAS unless the counter is 0, then takes a token; the
 * Add that brings the counter to 0 clears the word and releases one
 * token per waiter.  Add and Wait detect the misuses Go detects, with
 * its texts.
 *
 * Once is a done flag and a SyncMutex: the first Do locks, calls f as a
 * goro call (goro_native_call: f may park, and Do's other callers park
 * on the mutex until it returns), then marks done and unlocks, also when
 * f panics (goro_native_call_cleanup), as Go's deferred calls do.  While
 * f runs, g->nstate holds the Once, so Do, called again after f
 * returned, takes the results instead of locking again.  OnceFunc and
 * OnceValue(s) wrap such a once with Go 1.21's semantics: a panic of f
 * is remembered and raised again by every call. */
#include "sync_pkg.h"

#include "pkg.h"
#include "proc.h"
#include "vm.h"

/* ------------------------------------------------------------ WaitGroup */

typedef struct WaitGroupObj {
    Obj obj;
    _Atomic uint64_t state;   /* counter << 32 | waiters */
    Sema sema;
} WaitGroupObj;

static ObjClass waitgroup_class = {.name = "sync.WaitGroup"};

static Obj *waitgroup_zero(void)
{
    WaitGroupObj *w = goro_alloc(sizeof *w);
    w->obj.cls = &waitgroup_class;
    return &w->obj;
}

/* A copy has the counter and waiter count (passing a WaitGroup by value
 * and calling Done on the copy leaves the original's Wait waiting, as in
 * Go); no goroutine waits on its semaphore. */
static Obj *waitgroup_copy(const Obj *o)
{
    WaitGroupObj *c = (WaitGroupObj *)waitgroup_zero();
    atomic_store(&c->state, atomic_load(&((const WaitGroupObj *)o)->state));
    return &c->obj;
}

static int wg_add(G *g, WaitGroupObj *wg, int64_t delta)
{
    uint64_t state = atomic_fetch_add(&wg->state, (uint64_t)delta << 32) + ((uint64_t)delta << 32);
    int32_t v = (int32_t)(state >> 32);
    uint32_t w = (uint32_t)state;
    if (v < 0)
        return goro_panic_str(g, "sync: negative WaitGroup counter");
    if (w != 0 && delta > 0 && v == (int32_t)delta)
        return goro_panic_str(g, "sync: WaitGroup misuse: Add called concurrently with Wait");
    if (v > 0 || w == 0)
        return 0;
    /* the counter is 0 and there are waiters: nobody may change the word now */
    if (atomic_load(&wg->state) != state)
        return goro_panic_str(g, "sync: WaitGroup misuse: Add called concurrently with Wait");
    atomic_store(&wg->state, 0);
    for (; w > 0; w--)
        goro_sema_release(&wg->sema);
    return 0;
}

static int wg_m_add(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    SYNC_RECV(WaitGroupObj, wg, waitgroup_class);
    int64_t delta;
    if (!goro_arg_int(args, nargs, 1, &delta))
        return goro_panic_str(g, "sync: WaitGroup.Add needs an int delta");
    int r = wg_add(g, wg, delta);
    return r < 0 ? r : 0;
}

static int wg_m_done(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    SYNC_RECV(WaitGroupObj, wg, waitgroup_class);
    int r = wg_add(g, wg, -1);
    return r < 0 ? r : 0;
}

static int wg_woken(G *g, WaitGroupObj *wg)
{
    g->nstate = NULL;
    if (atomic_load(&wg->state) != 0)
        return goro_panic_str(g, "sync: WaitGroup is reused before previous Wait has returned");
    return 0;
}

static int wg_m_wait(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    SYNC_RECV(WaitGroupObj, wg, waitgroup_class);
    if (g->nstate != &wg->sema) {
        uint64_t s = atomic_load(&wg->state);
        for (;;) {
            if ((int32_t)(s >> 32) == 0)
                return 0;
            if (atomic_compare_exchange_weak(&wg->state, &s, s + 1))
                break;
        }
    }
    if (goro_sema_acquire(g, &wg->sema, "sync.WaitGroup.Wait") == SEMA_PARKED) {
        g->nstate = &wg->sema;
        return GORO_NATIVE_RETRY;
    }
    return wg_woken(g, wg);
}

/* wg.Go(f): the new goroutine runs this, calling f and then Done.  As
 * in Go 1.25, a panic of f does not call Done (Wait must not return and
 * let main exit while the panic is being reported); runtime.Goexit
 * does. */
static void wg_go_done(G *g, void *arg)
{
    if (g->panic && g->panic->goexit)
        wg_add(g, arg, -1);
}

static int wg_go_run(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    WaitGroupObj *wg = (WaitGroupObj *)goro_sync_recv(args, nargs, &waitgroup_class);
    int n = goro_native_call(g, args[1], NULL, 0, NULL, 0);
    if (n == GORO_NATIVE_CALL) {
        goro_native_call_cleanup(g, wg_go_done, wg);
        return n;
    }
    if (n == GORO_NATIVE_PANIC) {
        wg_go_done(g, wg);
        return n;
    }
    int r = wg_add(g, wg, -1);
    return r < 0 ? r : 0;
}

static Value wg_go_fn;

static int wg_m_go(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    SYNC_RECV(WaitGroupObj, wg, waitgroup_class);
    if (nargs < 2 || goro_rw_is_nil(args[1]) ||
        (VKIND(args[1]) != VK_FUNC && VKIND(args[1]) != VK_NATIVE && VKIND(args[1]) != VK_BOUND))
        return goro_nil_deref(g);
    int r = wg_add(g, wg, 1);
    if (r < 0)
        return r;
    Value a[2] = {goro_obj_value(&wg->obj), args[1]};
    goro_sched_spawn(goro_g_new(wg_go_fn, a, 2, false), g);
    return 0;
}

/* ----------------------------------------------------------------- Once */

typedef struct OnceObj {
    Obj obj;
    _Atomic int done;
    SyncMutex mu;
    /* OnceFunc, OnceValue, OnceValues */
    Value f;
    int nres;
    bool valid;               /* f returned (it did not panic) */
    Value panicv;
    Value res[2];
} OnceObj;

static ObjClass once_class = {.name = "sync.Once"};
static ObjClass oncefunc_class = {.name = "*sync.onceFunc"};

static Obj *once_zero(void)
{
    OnceObj *o = goro_alloc(sizeof *o);
    o->obj.cls = &once_class;
    return &o->obj;
}

/* A copy of a Once that has run is done; one copied while f runs has
 * its mutex locked. */
static Obj *once_copy(const Obj *o)
{
    const OnceObj *src = (const OnceObj *)o;
    OnceObj *c = (OnceObj *)once_zero();
    atomic_store(&c->done, atomic_load(&src->done));
    atomic_store(&c->mu.state, atomic_load(&src->mu.state));
    return &c->obj;
}

static void once_finish(G *g, void *arg)
{
    OnceObj *o = arg;
    if (!o->valid && g->panic)
        o->panicv = g->panic->value;
    atomic_store(&o->done, 1);
    goro_sync_mutex_unlock(g, &o->mu);
}

/* Run f once: 0 when done (by this call or an earlier one), or a
 * GORO_NATIVE_* code to return.  [out]: f's results, kept in the Once. */
static int once_do(G *g, OnceObj *o, Value f, int nres)
{
    if (g->nstate != o) {
        if (!goro_sync_mutex_waiting(g, &o->mu) && atomic_load(&o->done))
            return 0;
        int r = goro_sync_mutex_lock(g, &o->mu, "sync.Mutex.Lock");
        if (r)
            return r;
        if (atomic_load(&o->done)) {
            r = goro_sync_mutex_unlock(g, &o->mu);
            return r < 0 ? r : 0;
        }
        if (goro_rw_is_nil(f)) {
            goro_sync_mutex_unlock(g, &o->mu);
            return goro_nil_deref(g);
        }
        g->nstate = o;
    }
    int n = goro_native_call(g, f, NULL, 0, o->res, nres);
    if (n == GORO_NATIVE_CALL) {
        goro_native_call_cleanup(g, once_finish, o);
        return n;
    }
    g->nstate = NULL;
    o->valid = n != GORO_NATIVE_PANIC;
    if (o->valid && o->obj.cls == &oncefunc_class)
        o->f = goro_nil();   /* let f go, as Go's OnceFunc does (under the lock, before done) */
    if (!o->valid)
        o->panicv = g->pending_panic;
    once_finish(g, o);
    return o->valid ? 0 : GORO_NATIVE_PANIC;
}

static int once_m_do(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    SYNC_RECV(OnceObj, o, once_class);
    int r = once_do(g, o, nargs > 1 ? args[1] : goro_nil(), 0);
    return r < 0 ? r : 0;
}

/* The function OnceFunc and OnceValue(s) return: a bound method of a
 * onceFunc object. */
static int oncefunc_call(G *g, Value *args, int nargs, Value *res)
{
    SYNC_RECV(OnceObj, o, oncefunc_class);
    int r = once_do(g, o, o->f, o->nres);
    if (r < 0 && r != GORO_NATIVE_PANIC)
        return r;
    if (r == 0 && !o->valid)   /* an earlier call panicked: so does this one */
        return goro_panic(g, o->panicv);
    if (r == GORO_NATIVE_PANIC)
        return r;
    /* every caller gets its own copy of a struct or array result */
    for (int i = 0; i < o->nres; i++)
        res[i] = goro_value_needs_copy(o->res[i]) ? goro_value_copy(o->res[i]) : o->res[i];
    return o->nres;
}

static Value oncefunc_method;

static int once_wrap(G *g, Value *args, int nargs, Value *res, int nres)
{
    if (nargs < 1 || goro_rw_is_nil(args[0]))
        return goro_nil_deref(g);
    OnceObj *o = goro_alloc(sizeof *o);
    o->obj.cls = &oncefunc_class;
    o->f = args[0];
    o->nres = nres;
    Bound *b = goro_alloc(sizeof *b);
    b->recv = goro_obj_value(&o->obj);
    b->fn = oncefunc_method;
    res[0] = goro_ptrval(VK_BOUND, b);
    return 1;
}

static int sync_oncefunc(G *g, Value *args, int nargs, Value *res) { return once_wrap(g, args, nargs, res, 0); }
static int sync_oncevalue(G *g, Value *args, int nargs, Value *res) { return once_wrap(g, args, nargs, res, 1); }
static int sync_oncevalues(G *g, Value *args, int nargs, Value *res) { return once_wrap(g, args, nargs, res, 2); }

void goro_sync_wait_init(Package *p)
{
    waitgroup_class.copy = waitgroup_copy;
    once_class.copy = once_copy;
    Type *t = goro_pkg_obj_type(p, "sync", "WaitGroup", &waitgroup_class, waitgroup_zero);
    goro_pkg_method(t, "Add", wg_m_add);
    goro_pkg_method(t, "Done", wg_m_done);
    goro_pkg_method(t, "Wait", wg_m_wait);
    goro_pkg_method(t, "Go", wg_m_go);
    wg_go_fn = goro_native_value("sync.(*WaitGroup).Go.func1", wg_go_run);
    t = goro_pkg_obj_type(p, "sync", "Once", &once_class, once_zero);
    goro_pkg_method(t, "Do", once_m_do);
    goro_pkg_obj_type(NULL, "sync", "onceFunc", &oncefunc_class, NULL);
    oncefunc_method = goro_native_value("sync.OnceFunc.func1", oncefunc_call);
    goro_pkg_func(p, "OnceFunc", sync_oncefunc);
    goro_pkg_func(p, "OnceValue", sync_oncevalue);
    goro_pkg_func(p, "OnceValues", sync_oncevalues);
}
