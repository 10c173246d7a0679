/* context_cancel.c: cancellation: WithCancel, WithCancelCause,
 * WithDeadline, WithDeadlineCause, WithTimeout, WithTimeoutCause and
 * AfterFunc (Go's context.go, as of Go 1.21+).
 *
 * The problem.  Cancelling a context closes its Done channel once, sets
 * Err (and the cause) first, cancels every descendant, and may come from
 * several goroutines at once: cancel funcs called concurrently, a
 * deadline timer, the parent's own cancellation.  A child made from an
 * already cancelled parent is cancelled at once; a child cancelled on
 * its own leaves its parent's list so long-lived parents do not keep
 * dead children.
 *
 * The protocol is Go's.  Each canceler (Ctx kinds CANCEL, TIMER,
 * AFTERFUNC) has a runtime Lock (context_pkg.h lists what it guards).
 * cancel(c, remove, err, cause): under c's lock, a second cancel finds
 * err set and returns; the first sets err and cause, closes the done
 * channel (or, when nobody asked for it yet, installs the shared closed
 * one), and cancels each child while still holding c's lock (ancestor
 * before descendant is the lock order, so this cannot deadlock), then
 * empties the list.  After the lock: a timer context stops its timer; an
 * AfterFunc context starts f in a new goroutine (once); with [remove] the
 * context leaves its parent's list, or calls the stop func of a parent's
 * AfterFunc method (Go's stopCtx).
 *
 * propagate (Go's propagateCancel) links a new canceler to its parent:
 *   - a parent whose Done is nil is never cancelled: nothing to do;
 *   - a parent already done: cancel the child now;
 *   - a parent that is, or wraps, a native canceler whose Done channel
 *     is the parent's (Value(&cancelCtxKey), as Go's parentCancelCtx):
 *     join that canceler's children under its lock, or be cancelled
 *     under it if it was cancelled meanwhile;
 *   - a parent of the program's with an AfterFunc method: register with
 *     it;
 *   - any other parent of the program's: a goroutine selects on the
 *     parent's and the child's Done channels (Go's `go func() { select
 *     ... }`); it is a native that parks in goro_select and is called
 *     again when woken (GORO_NATIVE_RETRY), so it holds no thread.
 *
 * Deadlines use the runtime's timers (timer.h) as Go uses
 * time.AfterFunc: a TIMER_FUNC timer whose goroutine cancels with
 * DeadlineExceeded.  It is started under the context's lock only if the
 * context is not cancelled yet, and cancel stops it under that lock, so
 * a cancel racing the timer leaves neither a pending timer nor a second
 * cancellation (the goroutine of a timer that had already fired finds
 * err set).
 *
 * Rejected: one global lock for all contexts (serialises unrelated
 * trees under M:N); a watcher goroutine for every child (Go keeps that
 * for foreign parents only: native parents cost a list link); cancelling
 * from the timer callback inside the scheduler (removing from a foreign
 * parent calls the program's stop func, which needs a goroutine).
 *
 * Goro code of the program's own contexts (Done, Err, Value, AfterFunc,
 * stop) is only called from goroutines, never under a context's lock,
 * through goro_vm_call (nested: it may not park). */
#include <stdatomic.h>

#include "context_pkg.h"
#include "proc.h"
#include "time_value.h"
#include "vm.h"

static Value n_cancel, n_cancel_keep, n_cancel_cause, n_timer_fire, n_parent_fired,
    n_watch, n_stop;
static const char *s_afterfunc;
static int watch_tag;

/* Start [f] in its own goroutine (AfterFunc). */
static void start_f(G *g, Value f)
{
    G *ng = goro_g_new(f, NULL, 0, false);
    goro_sched_spawn(ng, g);
}

static void unlink_child(Ctx *p, Ctx *c)
{
    if (c->sib_prev)
        c->sib_prev->sib_next = c->sib_next;
    else
        p->children = c->sib_next;
    if (c->sib_next)
        c->sib_next->sib_prev = c->sib_prev;
    c->sib_prev = c->sib_next = NULL;
    c->linked = false;
}

/* Go's removeChild(c.Context, c). */
static int remove_child(G *g, Ctx *c)
{
    goro_lock(&c->lock);
    Value stop = c->stop;
    goro_unlock(&c->lock);
    if (VKIND(stop) != VK_NIL) {
        Value r;
        return goro_vm_call(g, stop, NULL, 0, &r, 1) < 0 ? GORO_NATIVE_PANIC : 0;
    }
    Ctx *p = c->owner;
    if (!p)
        return 0;
    goro_lock(&p->lock);
    if (c->linked)
        unlink_child(p, c);
    goro_unlock(&p->lock);
    return 0;
}

/* The part of cancel done under [c]'s lock, and the children's. */
static void cancel_locked(G *g, Ctx *c, Value err, Value cause);

static void cancel_tail(G *g, Ctx *c)
{
    if (c->kind == CTX_TIMER) {
        goro_lock(&c->lock);
        if (c->timer_set) {
            goro_timer_stop(&c->timer);
            c->timer_set = false;
        }
        goro_unlock(&c->lock);
    } else if (c->kind == CTX_AFTERFUNC) {
        int zero = 0;
        if (atomic_compare_exchange_strong(&c->once, &zero, 1))
            start_f(g, c->f);
    }
}

/* Cancel [c] and its descendants, without leaving its parent (a parent
 * being cancelled empties its own list).  Called with the parent's lock
 * held, or none. */
static void cancel_nested(G *g, Ctx *c, Value err, Value cause)
{
    goro_lock(&c->lock);
    if (VKIND(c->err) != VK_NIL) {
        goro_unlock(&c->lock);
    } else {
        cancel_locked(g, c, err, cause);   /* unlocks */
    }
    cancel_tail(g, c);
}

static void cancel_locked(G *g, Ctx *c, Value err, Value cause)
{
    c->err = err;
    c->cause = cause;
    Chan *d = atomic_load_explicit(&c->done, memory_order_relaxed);
    if (!d)
        atomic_store_explicit(&c->done, goro_ctx_closed_chan(), memory_order_release);
    else
        goro_chan_close(g, d);
    Ctx *next;
    for (Ctx *ch = c->children; ch; ch = next) {
        next = ch->sib_next;
        ch->sib_prev = ch->sib_next = NULL;
        ch->linked = false;
        cancel_nested(g, ch, err, cause);
    }
    c->children = NULL;
    goro_unlock(&c->lock);
}

/* Go's canceler.cancel(removeFromParent, err, cause). */
static int cancel(G *g, Ctx *c, bool remove, Value err, Value cause)
{
    if (VKIND(err) == VK_NIL)
        return goro_panic_str(g, "context: internal error: missing cancel error");
    if (VKIND(cause) == VK_NIL)
        cause = err;
    cancel_nested(g, c, err, cause);
    return remove ? remove_child(g, c) : 0;
}

/* The parent [pv] is done: cancel [c] with the parent's Err and Cause. */
static int cancel_from_parent(G *g, Ctx *c, Value pv)
{
    Value err, cause;
    if (goro_ctx_err(g, pv, &err) || goro_ctx_cause(g, pv, &cause))
        return GORO_NATIVE_PANIC;
    return cancel(g, c, false, err, cause);
}

/* Go's parentCancelCtx: the native canceler whose Done channel [pd] the
 * parent [pv] reports, or NULL. */
static int parent_canceler(G *g, Value pv, Chan *pd, Ctx **out)
{
    *out = NULL;
    if (pd == goro_ctx_closed_chan())
        return 0;
    Value v;
    if (goro_ctx_value(g, pv, goro_ctx_cancel_key(), &v))
        return GORO_NATIVE_PANIC;
    Ctx *p = goro_ctx_canceler(v);
    if (p && atomic_load_explicit(&p->done, memory_order_acquire) == pd)
        *out = p;
    return 0;
}

/* Go's propagateCancel: arrange for [c] to be cancelled when [pv] is. */
static int propagate(G *g, Ctx *c, Value pv)
{
    c->parent = pv;
    Value done;
    if (goro_ctx_done(g, pv, &done))
        return GORO_NATIVE_PANIC;
    if (VKIND(done) != VK_CHAN && VKIND(done) != VK_NIL)
        return goro_runtime_error(g, "context: %s.Done returned %s, not a channel",
                                  goro_type_of(pv)->name, goro_type_of(done)->name);
    Chan *pd = done.u.p;
    if (!pd)
        return 0;   /* the parent is never cancelled */
    Value v;
    bool ok;
    if (goro_chan_recv(NULL, pd, &v, &ok, false) == CHAN_OK)
        return cancel_from_parent(g, c, pv);   /* already done */

    Ctx *p;
    if (parent_canceler(g, pv, pd, &p))
        return GORO_NATIVE_PANIC;
    if (p) {
        goro_lock(&p->lock);
        c->owner = p;
        if (VKIND(p->err) != VK_NIL) {
            cancel_nested(g, c, p->err, p->cause);
        } else {
            c->sib_prev = NULL;
            c->sib_next = p->children;
            if (p->children)
                p->children->sib_prev = c;
            p->children = c;
            c->linked = true;
        }
        goro_unlock(&p->lock);
        return 0;
    }

    Value fn, self;
    if (goro_vm_find_method(pv, s_afterfunc, &fn, &self)) {
        Value cb = goro_ctx_bind(c, n_parent_fired, goro_type_func("func()")), stop;
        if (goro_ctx_call(g, pv, s_afterfunc, &cb, 1, &stop, 1))
            return GORO_NATIVE_PANIC;
        goro_lock(&c->lock);
        c->stop = stop;
        goro_unlock(&c->lock);
        return 0;
    }

    Value args[2] = {goro_ctx_value_of(c), done};
    G *ng = goro_g_new(n_watch, args, 2, false);
    goro_sched_spawn(ng, g);
    return 0;
}

/* ------------------------------------------------ natives bound to a ctx */

static Ctx *recv_ctx(Value *args, int nargs) { return nargs ? goro_ctx_canceler(args[0]) : NULL; }

/* CancelFunc: cancel(true, Canceled, nil). */
static int cancel_fn(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    Ctx *c = recv_ctx(args, nargs);
    if (!c)
        return goro_runtime_error(g, "context: bad cancel func");
    return cancel(g, c, true, goro_ctx_canceled, goro_nil()) ? GORO_NATIVE_PANIC : 0;
}

/* The CancelFunc of a context made past its deadline: it was never added
 * to its parent after being removed (Go's cancel(false, Canceled, nil)). */
static int cancel_keep_fn(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    Ctx *c = recv_ctx(args, nargs);
    if (!c)
        return goro_runtime_error(g, "context: bad cancel func");
    return cancel(g, c, false, goro_ctx_canceled, goro_nil()) ? GORO_NATIVE_PANIC : 0;
}

/* CancelCauseFunc: cancel(true, Canceled, cause). */
static int cancel_cause_fn(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    Ctx *c = recv_ctx(args, nargs);
    if (!c)
        return goro_runtime_error(g, "context: bad cancel func");
    Value cause = nargs > 1 ? args[1] : goro_nil();
    return cancel(g, c, true, goro_ctx_canceled, cause) ? GORO_NATIVE_PANIC : 0;
}

/* The deadline timer's goroutine. */
static int timer_fire(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    Ctx *c = recv_ctx(args, nargs);
    if (!c)
        return 0;
    return cancel(g, c, true, goro_ctx_deadline_exceeded, c->tcause) ? GORO_NATIVE_PANIC : 0;
}

/* The func given to a parent's AfterFunc method. */
static int parent_fired(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    Ctx *c = recv_ctx(args, nargs);
    if (!c)
        return 0;
    return cancel_from_parent(g, c, c->parent) ? GORO_NATIVE_PANIC : 0;
}

/* The goroutine watching a parent of the program's: select on the
 * parent's Done [args[1]] and the child's; parks and is called again. */
static int watch(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    Ctx *c = recv_ctx(args, nargs);
    if (!c || nargs < 2)
        return 0;
    int chosen;
    if (g->nstate == &watch_tag) {
        g->nstate = NULL;
        chosen = (int)g->park_vals[0].u.i;
    } else {
        SelectCase cases[2] = {{.c = args[1].u.p}, {.c = goro_ctx_done_chan(c)}};
        Value v;
        bool ok;
        int st = goro_select(g, cases, 2, false, &chosen, &v, &ok);
        if (st == CHAN_PARKED) {
            g->nstate = &watch_tag;
            return GORO_NATIVE_RETRY;
        }
        if (st != CHAN_OK)
            return GORO_NATIVE_PANIC;
    }
    if (chosen == 0)
        return cancel_from_parent(g, c, c->parent) ? GORO_NATIVE_PANIC : 0;
    return 0;
}

/* AfterFunc's stop: true if it kept f from running. */
static int stop_fn(G *g, Value *args, int nargs, Value *res)
{
    Ctx *c = recv_ctx(args, nargs);
    if (!c)
        return goro_runtime_error(g, "context: bad stop func");
    int zero = 0;
    bool stopped = atomic_compare_exchange_strong(&c->once, &zero, 1);
    if (stopped && cancel(g, c, true, goro_ctx_canceled, goro_nil()))
        return GORO_NATIVE_PANIC;
    res[0] = goro_bool(stopped);
    return 1;
}

/* ------------------------------------------------------------ functions */

static int with_cancel(G *g, Value parent, Value fn, Type *ft, Value *res)
{
    Ctx *c = goro_ctx_new(CTX_CANCEL, parent);
    if (propagate(g, c, parent))
        return GORO_NATIVE_PANIC;
    res[0] = goro_ctx_value_of(c);
    res[1] = goro_ctx_bind(c, fn, ft);
    return 2;
}

static int ctx_withcancel(G *g, Value *args, int nargs, Value *res)
{
    Value parent = nargs ? args[0] : goro_nil();
    if (goro_ctx_check_parent(g, parent, "WithCancel"))
        return GORO_NATIVE_PANIC;
    return with_cancel(g, parent, n_cancel, goro_ctx_type("CancelFunc"), res);
}

static int ctx_withcancelcause(G *g, Value *args, int nargs, Value *res)
{
    Value parent = nargs ? args[0] : goro_nil();
    if (goro_ctx_check_parent(g, parent, "WithCancelCause"))
        return GORO_NATIVE_PANIC;
    return with_cancel(g, parent, n_cancel_cause, goro_ctx_type("CancelCauseFunc"), res);
}

/* a.Before(b) for two time.Time values, as Go compares them. */
static bool time_before(Value a, Value b)
{
    int64_t aw, am, bw, bm;
    if (!goro_time_ns(a, &aw, &am) || !goro_time_ns(b, &bw, &bm))
        return false;
    return am && bm ? am < bm : aw < bw;
}

/* Go's WithDeadlineCause. */
static int with_deadline(G *g, const char *fn, Value parent, Value d, Value cause, Value *res)
{
    if (goro_ctx_check_parent(g, parent, fn))
        return GORO_NATIVE_PANIC;
    int64_t wall, mono;
    if (!goro_time_ns(d, &wall, &mono))
        return goro_runtime_error(g, "context.%s: deadline must be a time.Time", fn);
    Value cur;
    bool ok;
    if (goro_ctx_deadline(g, parent, &cur, &ok))
        return GORO_NATIVE_PANIC;
    if (ok && time_before(cur, d))
        return with_cancel(g, parent, n_cancel, goro_ctx_type("CancelFunc"), res);
    Ctx *c = goro_ctx_new(CTX_TIMER, parent);
    c->deadline = d;
    c->tcause = cause;
    if (propagate(g, c, parent))
        return GORO_NATIVE_PANIC;
    int64_t now = goro_nanotime();
    int64_t dur = mono ? mono - now : wall - goro_walltime();
    res[0] = goro_ctx_value_of(c);
    if (dur <= 0) {
        if (cancel(g, c, true, goro_ctx_deadline_exceeded, cause))
            return GORO_NATIVE_PANIC;
        res[1] = goro_ctx_bind(c, n_cancel_keep, goro_ctx_type("CancelFunc"));
        return 2;
    }
    goro_lock(&c->lock);
    if (VKIND(c->err) == VK_NIL) {
        c->timer.kind = TIMER_FUNC;
        c->timer.period = 0;
        c->timer.fn = goro_ctx_bind(c, n_timer_fire, goro_type_func("func()"));
        c->timer.when = dur > INT64_MAX - now ? INT64_MAX : now + dur;
        c->timer_set = true;
        goro_timer_start(&c->timer);
    }
    goro_unlock(&c->lock);
    res[1] = goro_ctx_bind(c, n_cancel, goro_ctx_type("CancelFunc"));
    return 2;
}

static int ctx_withdeadline(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 2)
        return goro_runtime_error(g, "context.WithDeadline: want a parent and a time.Time");
    return with_deadline(g, "WithDeadline", args[0], args[1], goro_nil(), res);
}

static int ctx_withdeadlinecause(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 3)
        return goro_runtime_error(g, "context.WithDeadlineCause: want a parent, a time.Time "
                                  "and a cause");
    return with_deadline(g, "WithDeadlineCause", args[0], args[1], args[2], res);
}

/* time.Now().Add(d), as WithTimeout computes its deadline. */
static int deadline_after(G *g, const char *fn, Value *args, int nargs, Value *out)
{
    int64_t d;
    if (!goro_arg_int(args, nargs, 1, &d))
        return goro_runtime_error(g, "context.%s: timeout must be a time.Duration", fn);
    int64_t wall = goro_walltime(), mono = goro_nanotime();
    bool over = d > 0 ? mono > INT64_MAX - d : false;
    *out = goro_time_from_ns(over ? INT64_MAX : wall + d, over ? INT64_MAX : mono + d);
    return 0;
}

static int ctx_withtimeout(G *g, Value *args, int nargs, Value *res)
{
    Value d;
    if (deadline_after(g, "WithTimeout", args, nargs, &d))
        return GORO_NATIVE_PANIC;
    return with_deadline(g, "WithTimeout", args[0], d, goro_nil(), res);
}

static int ctx_withtimeoutcause(G *g, Value *args, int nargs, Value *res)
{
    Value d;
    if (deadline_after(g, "WithTimeoutCause", args, nargs, &d))
        return GORO_NATIVE_PANIC;
    return with_deadline(g, "WithTimeoutCause", args[0], d, nargs > 2 ? args[2] : goro_nil(),
                         res);
}

static int ctx_afterfunc(G *g, Value *args, int nargs, Value *res)
{
    Value parent = nargs ? args[0] : goro_nil();
    if (goro_ctx_check_parent(g, parent, "AfterFunc"))
        return GORO_NATIVE_PANIC;
    Value f = nargs > 1 ? args[1] : goro_nil();
    unsigned k = VKIND(f);
    if ((k != VK_FUNC && k != VK_NATIVE && k != VK_BOUND) || !f.u.p)
        return goro_runtime_error(g, "context.AfterFunc: second argument must be a non-nil func");
    Ctx *a = goro_ctx_new(CTX_AFTERFUNC, parent);
    a->f = f;
    if (propagate(g, a, parent))
        return GORO_NATIVE_PANIC;
    res[0] = goro_ctx_bind(a, n_stop, goro_ctx_type("stop"));
    return 1;
}

void goro_ctx_cancel_init(Package *p)
{
    s_afterfunc = goro_intern_cstr("AfterFunc");
    n_cancel = goro_native_value("context.WithCancel.func1", cancel_fn);
    n_cancel_keep = goro_native_value("context.WithDeadlineCause.func1", cancel_keep_fn);
    n_cancel_cause = goro_native_value("context.WithCancelCause.func1", cancel_cause_fn);
    n_timer_fire = goro_native_value("context.WithDeadlineCause.func2", timer_fire);
    n_parent_fired = goro_native_value("context.(*cancelCtx).propagateCancel.func1",
                                       parent_fired);
    n_watch = goro_native_value("context.(*cancelCtx).propagateCancel.func2", watch);
    n_stop = goro_native_value("context.AfterFunc.func1", stop_fn);
    goro_pkg_func(p, "WithCancel", ctx_withcancel);
    goro_pkg_func(p, "WithCancelCause", ctx_withcancelcause);
    goro_pkg_func(p, "WithDeadline", ctx_withdeadline);
    goro_pkg_func(p, "WithDeadlineCause", ctx_withdeadlinecause);
    goro_pkg_func(p, "WithTimeout", ctx_withtimeout);
    goro_pkg_func(p, "WithTimeoutCause", ctx_withtimeoutcause);
    goro_pkg_func(p, "AfterFunc", ctx_afterfunc);
}
