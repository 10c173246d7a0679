/* sync_map.c: sync.Map and sync.Pool.
 *
 * Map is a goro map (map.c, Go's == on interface keys) under a runtime
 * lock; every method holds it only for the map operation.  Range
 * iterates over a snapshot taken under the lock and calls f as goro code
 * (goro_native_call: f may park, and may use the Map), keeping its
 * position in g->nstate; Go's Range promises no more than this (each key
 * once, values as of some moment).
 *
 * Pool keeps Put values in a LIFO list under a lock; Get takes the
 * newest, or calls New (a goro call) when the list is empty.  Go's pool
 * may drop its items at any time (at each GC); this one drops what is
 * Put beyond POOL_MAX items. */
#include "sync_pkg.h"

#include "pkg.h"
#include "vm.h"

/* ------------------------------------------------------------------ Map */

typedef struct SyncMapObj {
    Obj obj;
    Lock lock;
    Map *m;                   /* made on first store */
} SyncMapObj;

static ObjClass syncmap_class = {.name = "sync.Map"};

static Obj *syncmap_zero(void)
{
    SyncMapObj *m = goro_alloc(sizeof *m);
    m->obj.cls = &syncmap_class;
    return &m->obj;
}

static int bad_key(G *g, Value key, const char *why)
{
    return goro_runtime_error(g, "hash of unhashable type %s", why ? goro_type_of(key)->name : "?");
}

/* The map's entry for args[1] (lock held), or NULL; a run-time error
 * for an unhashable key (returns false). */
#define MAP_METHOD_BEGIN(min)                                                             \
    SYNC_RECV(SyncMapObj, sm, syncmap_class);                                             \
    if (nargs < (min))                                                                    \
        return goro_runtime_error(g, "sync.Map: missing argument");                       \
    const char *why_ = goro_map_key_error(args[1]);                                       \
    if (why_)                                                                             \
        return bad_key(g, args[1], why_);                                                 \
    goro_lock(&sm->lock);                                                                 \
    if (!sm->m)                                                                           \
        sm->m = goro_map_new(goro_t_anymap, 0);                                           \
    Value *cur = goro_map_get(sm->m, args[1])

#define MAP_METHOD_END() goro_unlock(&sm->lock)

static void put(SyncMapObj *sm, Value k, Value v) { goro_map_set(sm->m, k, v, NULL); }

/* A stored value handed out: a struct or array value is copied, as Go
 * copies it out of the interface, so the caller's changes stay its own
 * (the VM does not copy a native's results). */
static Value out(Value v) { return goro_value_needs_copy(v) ? goro_value_copy(v) : v; }

static int sm_load(G *g, Value *args, int nargs, Value *res)
{
    MAP_METHOD_BEGIN(2);
    res[0] = cur ? out(*cur) : goro_nil();
    res[1] = goro_bool(cur != NULL);
    MAP_METHOD_END();
    return 2;
}

static int sm_store(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    MAP_METHOD_BEGIN(3);
    GORO_UNUSED(cur);
    put(sm, args[1], args[2]);
    MAP_METHOD_END();
    return 0;
}

static int sm_loadorstore(G *g, Value *args, int nargs, Value *res)
{
    MAP_METHOD_BEGIN(3);
    res[0] = out(cur ? *cur : args[2]);
    res[1] = goro_bool(cur != NULL);
    if (!cur)
        put(sm, args[1], args[2]);
    MAP_METHOD_END();
    return 2;
}

static int sm_loadanddelete(G *g, Value *args, int nargs, Value *res)
{
    MAP_METHOD_BEGIN(2);
    res[0] = cur ? out(*cur) : goro_nil();
    res[1] = goro_bool(cur != NULL);
    if (cur)
        goro_map_delete(sm->m, args[1]);
    MAP_METHOD_END();
    return 2;
}

static int sm_delete(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    MAP_METHOD_BEGIN(2);
    if (cur)
        goro_map_delete(sm->m, args[1]);
    MAP_METHOD_END();
    return 0;
}

static int sm_swap(G *g, Value *args, int nargs, Value *res)
{
    MAP_METHOD_BEGIN(3);
    res[0] = cur ? out(*cur) : goro_nil();
    res[1] = goro_bool(cur != NULL);
    put(sm, args[1], args[2]);
    MAP_METHOD_END();
    return 2;
}

/* Go's CompareAndSwap and CompareAndDelete compare with ==, which
 * panics for values that are not comparable. */
static int compare_old(G *g, SyncMapObj *sm, Value *cur, Value old, bool *same)
{
    const char *err = NULL;
    *same = cur && goro_value_equal(*cur, old, &err);
    if (err) {
        goro_unlock(&sm->lock);
        return goro_runtime_error(g, "%s", err);
    }
    return 0;
}

static int sm_compareandswap(G *g, Value *args, int nargs, Value *res)
{
    MAP_METHOD_BEGIN(4);
    bool same;
    if (compare_old(g, sm, cur, args[2], &same) < 0)
        return GORO_NATIVE_PANIC;
    if (same)
        put(sm, args[1], args[3]);
    MAP_METHOD_END();
    res[0] = goro_bool(same);
    return 1;
}

static int sm_compareanddelete(G *g, Value *args, int nargs, Value *res)
{
    MAP_METHOD_BEGIN(3);
    bool same;
    if (compare_old(g, sm, cur, args[2], &same) < 0)
        return GORO_NATIVE_PANIC;
    if (same)
        goro_map_delete(sm->m, args[1]);
    MAP_METHOD_END();
    res[0] = goro_bool(same);
    return 1;
}

static int sm_clear(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    SYNC_RECV(SyncMapObj, sm, syncmap_class);
    goro_lock(&sm->lock);
    if (sm->m)
        goro_map_clear(sm->m);
    goro_unlock(&sm->lock);
    return 0;
}

typedef struct RangeState {
    const void *magic;        /* &syncmap_class */
    Value *kv;                /* key, value pairs */
    int64_t n, i;
} RangeState;

static int sm_range(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    SYNC_RECV(SyncMapObj, sm, syncmap_class);
    RangeState *st = g->nstate;
    if (!st || st->magic != &syncmap_class) {
        if (nargs < 2 || goro_rw_is_nil(args[1]))
            return goro_nil_deref(g);
        st = goro_alloc(sizeof *st);
        st->magic = &syncmap_class;
        goro_lock(&sm->lock);
        int64_t cnt = sm->m ? sm->m->count : 0;
        st->kv = goro_alloc(sizeof(Value) * (size_t)(2 * cnt + 2));
        if (sm->m) {
            MapIter it;
            goro_map_iter_init(&it, sm->m);
            while (st->n < cnt && goro_map_iter_next(&it, &st->kv[2 * st->n], &st->kv[2 * st->n + 1])) {
                st->kv[2 * st->n] = out(st->kv[2 * st->n]);
                st->kv[2 * st->n + 1] = out(st->kv[2 * st->n + 1]);
                st->n++;
            }
        }
        goro_unlock(&sm->lock);
    }
    while (st->i < st->n) {
        Value more;
        int n = goro_native_call(g, args[1], &st->kv[2 * st->i], 2, &more, 1);
        if (n == GORO_NATIVE_CALL) {
            g->nstate = st;
            return n;
        }
        if (n < 0) {
            g->nstate = NULL;
            return n;
        }
        st->i++;
        if (VKIND(more) != VK_BOOL || !more.u.i)
            break;
    }
    g->nstate = NULL;
    return 0;
}

/* ----------------------------------------------------------------- Pool */

enum { POOL_MAX = 4096 };

typedef struct PoolObj {
    Obj obj;
    Value new_fn;             /* the field New */
    Lock lock;
    Value *items;
    int n, cap;
} PoolObj;

static ObjClass pool_class = {.name = "sync.Pool"};
static const char *const pool_fields[] = {"New", NULL};

static Obj *pool_zero(void)
{
    PoolObj *p = goro_alloc(sizeof *p);
    p->obj.cls = &pool_class;
    return &p->obj;
}

static bool pool_getfield(Obj *o, const char *name, Value *out)
{
    if (strcmp(name, "New"))
        return false;
    *out = ((PoolObj *)o)->new_fn;
    return true;
}

static bool pool_setfield(Obj *o, const char *name, Value v)
{
    if (strcmp(name, "New"))
        return false;
    ((PoolObj *)o)->new_fn = v;
    return true;
}

static int pool_get(G *g, Value *args, int nargs, Value *res)
{
    SYNC_RECV(PoolObj, p, pool_class);
    if (g->nstate != p) {
        goro_lock(&p->lock);
        if (p->n > 0) {
            res[0] = p->items[--p->n];
            p->items[p->n] = goro_nil();
            goro_unlock(&p->lock);
            return 1;
        }
        goro_unlock(&p->lock);
        if (goro_rw_is_nil(p->new_fn)) {
            res[0] = goro_nil();
            return 1;
        }
    }
    g->nstate = p;
    int n = goro_native_call(g, p->new_fn, NULL, 0, res, 1);
    if (n == GORO_NATIVE_CALL)
        return n;
    g->nstate = NULL;
    return n < 0 ? n : 1;
}

static int pool_put(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    SYNC_RECV(PoolObj, p, pool_class);
    if (nargs < 2 || VKIND(args[1]) == VK_NIL)
        return 0;
    goro_lock(&p->lock);
    if (p->n < POOL_MAX) {
        if (p->n == p->cap) {
            int cap = p->cap ? 2 * p->cap : 8;
            Value *items = goro_alloc(sizeof(Value) * (size_t)cap);
            if (p->n)
                memcpy(items, p->items, sizeof(Value) * (size_t)p->n);
            p->items = items;
            p->cap = cap;
        }
        p->items[p->n++] = args[1];
    }
    goro_unlock(&p->lock);
    return 0;
}

void goro_sync_map_init(Package *p)
{
    Type *t = goro_pkg_obj_type(p, "sync", "Map", &syncmap_class, syncmap_zero);
    goro_pkg_method(t, "Load", sm_load);
    goro_pkg_method(t, "Store", sm_store);
    goro_pkg_method(t, "LoadOrStore", sm_loadorstore);
    goro_pkg_method(t, "LoadAndDelete", sm_loadanddelete);
    goro_pkg_method(t, "Delete", sm_delete);
    goro_pkg_method(t, "Swap", sm_swap);
    goro_pkg_method(t, "CompareAndSwap", sm_compareandswap);
    goro_pkg_method(t, "CompareAndDelete", sm_compareanddelete);
    goro_pkg_method(t, "Range", sm_range);
    goro_pkg_method(t, "Clear", sm_clear);
    pool_class.getfield = pool_getfield;
    pool_class.setfield = pool_setfield;
    pool_class.fields = pool_fields;
    t = goro_pkg_obj_type(p, "sync", "Pool", &pool_class, pool_zero);
    goro_pkg_method(t, "Get", pool_get);
    goro_pkg_method(t, "Put", pool_put);
}

