/* sync_pkg.h: the parts of the sync package (sync.c registers them) and
 * what they share: the receiver check and the lock operations Cond
 * applies to its Locker. */
#ifndef GORO_SYNC_PKG_H
#define GORO_SYNC_PKG_H

#include "pkg.h"
#include "rw.h"
#include "sema.h"

void goro_sync_mutex_init(Package *p);   /* sync_mutex.c: Mutex, RWMutex */
void goro_sync_wait_init(Package *p);    /* sync_wait.c: WaitGroup, Once, OnceFunc, ... */
void goro_sync_cond_init(Package *p);    /* sync_cond.c: Cond, NewCond */
void goro_sync_map_init(Package *p);     /* sync_map.c: Map, Pool */

/* The object of class [cls] a method was called on (args[0]: the object,
 * or a pointer to a variable holding it), or NULL. */
static inline Obj *goro_sync_recv(const Value *args, int nargs, const ObjClass *cls)
{
    return nargs ? goro_rw_obj_of(args[0], cls) : NULL;
}

#define SYNC_RECV(T, x, cls)                                                              \
    T *x = (T *)goro_sync_recv(args, nargs, &(cls));                                      \
    do {                                                                                  \
        if (!x)                                                                           \
            return goro_nil_deref(g); \
    } while (0)

/* The lock inside a sync.Mutex (sync_mutex.c says how it works), also
 * used by Once and RWMutex.  lock returns 0, or GORO_NATIVE_RETRY after
 * parking with g->nstate = a wait record of [m]
 * (goro_sync_mutex_waiting): called again with that nstate it goes on
 * waiting for the lock.  unlock returns 0 or GORO_NATIVE_PANIC. */
typedef struct SyncMutex {
    _Atomic int64_t state;    /* LOCKED | WOKEN | STARVING | waiters << 3 */
    Sema sema;
} SyncMutex;
int goro_sync_mutex_lock(G *g, SyncMutex *m, const char *reason);
int goro_sync_mutex_unlock(G *g, SyncMutex *m);
bool goro_sync_mutex_waiting(G *g, SyncMutex *m);   /* is g->nstate [m]'s wait record? */

/* A sync.Mutex, RWMutex (its write side) or RLocker as Cond's Locker:
 * lock and unlock it directly, without a method call.  lock returns 0
 * or GORO_NATIVE_RETRY (parked: call again, with the same g->nstate the
 * first call left), unlock 0 or GORO_NATIVE_PANIC (a fatal error at the
 * REPL).  false from goro_sync_locker: [v] is another Locker, whose
 * methods are called. */
typedef struct SyncLocker {
    int (*lock)(G *g, Obj *o);
    int (*unlock)(G *g, Obj *o);
    Obj *o;
} SyncLocker;
bool goro_sync_locker(Value v, SyncLocker *out);

#endif
