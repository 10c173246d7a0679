/* context_pkg.h: the context package's objects, shared by context.c (the
 * package, the Context methods, values and names) and context_cancel.c
 * (cancellation, deadlines, AfterFunc).
 *
 * Every context the package makes is one native object, a Ctx, whose
 * kind is Go's concrete type (emptyCtx, cancelCtx, timerCtx, valueCtx,
 * withoutCancelCtx, afterFuncCtx).  A parent may also be any goro value
 * with the Context methods (a struct of the program's, or one embedding
 * a context.Context): the helpers below take Values and call such a
 * parent's methods as goro code, and walk the native ones directly. */
#ifndef GORO_CONTEXT_PKG_H
#define GORO_CONTEXT_PKG_H

#include "chan.h"
#include "pkg.h"
#include "timer.h"

typedef enum CtxKind {
    CTX_BACKGROUND,   /* emptyCtx: never cancelled, no values, no deadline */
    CTX_TODO,
    CTX_CANCEL,       /* *cancelCtx (WithCancel, WithCancelCause) */
    CTX_TIMER,        /* *timerCtx: a cancelCtx with a deadline */
    CTX_AFTERFUNC,    /* *afterFuncCtx: AfterFunc's canceler, never handed out */
    CTX_VALUE,        /* *valueCtx */
    CTX_WITHOUT,      /* withoutCancelCtx */
    CTX_NKINDS
} CtxKind;

/* The cancelers (CANCEL, TIMER, AFTERFUNC) form Go's tree: each sits on
 * the children list of the nearest native canceler above it ([owner]),
 * or is watched by a goroutine (a parent of the program's own), or is
 * registered with a parent's AfterFunc method ([stop]).
 *
 * Ownership: [err], [cause], [children], [timer_set] and the lazy
 * creation of [done] are under [lock]; [done] is also read without it
 * (atomic).  [sib_prev], [sib_next] and [linked] are under the OWNER's
 * lock.  [owner], [parent], [key], [val], [deadline], [tcause], [f] are
 * set while the context is made, before anyone else can see it, and
 * never change; [stop] is set under [lock] then, and read by the
 * context's own cancel.  Lock order: an ancestor's lock before a
 * descendant's (cancel holds a parent's lock while it cancels the
 * children, as Go's does); a timer heap's lock after any context's. */
typedef struct Ctx {
    Obj obj;
    CtxKind kind;
    Value parent;            /* the parent Context (nil for the empty ones) */
    Value key, val;          /* CTX_VALUE */
    Lock lock;
    _Atomic(Chan *) done;    /* made by the first Done, or the shared closed channel */
    Value err, cause;        /* nil until cancelled */
    struct Ctx *children;    /* cancelers registered with this one */
    struct Ctx *owner;       /* the canceler whose children list holds this one */
    struct Ctx *sib_prev, *sib_next;
    bool linked;             /* still on owner's list */
    Value stop;              /* the parent's AfterFunc stop (Go's stopCtx), or nil */
    /* CTX_TIMER */
    Value deadline;          /* a time.Time */
    Value tcause;            /* WithDeadlineCause's cause */
    Timer timer;             /* fires a goroutine that cancels with DeadlineExceeded */
    bool timer_set;
    /* CTX_AFTERFUNC */
    Value f;
    _Atomic int once;        /* 1 once f was started or AfterFunc's stop won */
} Ctx;

/* context.c */
extern Value goro_ctx_canceled, goro_ctx_deadline_exceeded;
Ctx *goro_ctx_new(CtxKind kind, Value parent);
Value goro_ctx_value_of(Ctx *c);
/* [v] as a native context, or NULL (a program's own Context, nil...). */
Ctx *goro_ctx_as(Value v);
/* [v] as one of the cancelers, or NULL. */
Ctx *goro_ctx_canceler(Value v);
/* The key only cancelers answer (Go's &cancelCtxKey). */
Value goro_ctx_cancel_key(void);
/* The shared closed channel (Go's closedchan). */
Chan *goro_ctx_closed_chan(void);
/* [c]'s done channel, made on first use. */
Chan *goro_ctx_done_chan(Ctx *c);
/* A func value calling native [fn] with [c] as its first argument, of
 * type [t] (CancelFunc, func() bool, ...). */
Value goro_ctx_bind(Ctx *c, Value fn, Type *t);
Type *goro_ctx_type(const char *which);   /* "CancelFunc", "CancelCauseFunc", "stop" */

/* The Context interface on any value: 0, or GORO_NATIVE_PANIC with the
 * panic set on [g] (a program's method panicked, a nil Context). */
int goro_ctx_done(G *g, Value c, Value *out);
int goro_ctx_err(G *g, Value c, Value *out);
int goro_ctx_value(G *g, Value c, Value key, Value *out);
int goro_ctx_deadline(G *g, Value c, Value *when, bool *ok);
int goro_ctx_cause(G *g, Value c, Value *out);
/* Go's `parent == nil` panic, and a clear error for a value that is not
 * a Context; 0 when [v] may be a parent. */
int goro_ctx_check_parent(G *g, Value v, const char *fn);
/* Call method [name] of a program's value [recv]. */
int goro_ctx_call(G *g, Value recv, const char *name, const Value *args, int nargs, Value *res,
                  int nres);

/* context_cancel.c */
void goro_ctx_cancel_init(Package *p);

#endif
