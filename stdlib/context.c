/* context.c: the context package: the Context interface, Background and
 * TODO, WithValue, WithoutCancel, Cause, the errors Canceled and
 * DeadlineExceeded, and the Deadline/Done/Err/Value/String methods of
 * every context it makes (Go's context.go; the names print as Go 1.19's
 * do, with Go's newer WithoutCancel and Cause).  Cancellation, deadlines
 * and AfterFunc are in context_cancel.c. */
#include <stdatomic.h>

#include "context_pkg.h"
#include "errors_obj.h"
#include "proc.h"
#include "time_value.h"
#include "vm.h"

Value goro_ctx_canceled, goro_ctx_deadline_exceeded;

static ObjClass classes[CTX_NKINDS] = {
    [CTX_BACKGROUND] = {.name = "*context.emptyCtx"},
    [CTX_TODO] = {.name = "*context.emptyCtx"},
    [CTX_CANCEL] = {.name = "*context.cancelCtx"},
    [CTX_TIMER] = {.name = "*context.timerCtx"},
    [CTX_AFTERFUNC] = {.name = "*context.afterFuncCtx"},
    [CTX_VALUE] = {.name = "*context.valueCtx"},
    [CTX_WITHOUT] = {.name = "context.withoutCancelCtx"},
};
static ObjClass deadline_class = {.name = "context.deadlineExceededError"};
static ObjClass key_class = {.name = "*int"};

static Type *done_t, *iface_t, *cancelfunc_t, *causefunc_t, *stopfunc_t;
static Value background, todo, cancel_key;
static Chan *closedchan;
static const char *s_deadline, *s_done, *s_err, *s_value, *s_string;

Ctx *goro_ctx_as(Value v)
{
    if (VKIND(v) != VK_OBJ || !v.u.p)
        return NULL;
    const ObjClass *c = ((Obj *)v.u.p)->cls;
    return c >= classes && c < classes + CTX_NKINDS ? v.u.p : NULL;
}

Ctx *goro_ctx_canceler(Value v)
{
    Ctx *c = goro_ctx_as(v);
    return c && (c->kind == CTX_CANCEL || c->kind == CTX_TIMER || c->kind == CTX_AFTERFUNC)
               ? c : NULL;
}

Ctx *goro_ctx_new(CtxKind kind, Value parent)
{
    Ctx *c = goro_alloc(sizeof *c);
    c->obj.cls = &classes[kind];
    c->kind = kind;
    c->parent = parent;
    c->timer.idx = -1;
    return c;
}

Value goro_ctx_value_of(Ctx *c) { return goro_obj_value(&c->obj); }
Value goro_ctx_cancel_key(void) { return cancel_key; }
Chan *goro_ctx_closed_chan(void) { return closedchan; }

Type *goro_ctx_type(const char *which)
{
    if (!strcmp(which, "CancelFunc"))
        return cancelfunc_t;
    if (!strcmp(which, "CancelCauseFunc"))
        return causefunc_t;
    return stopfunc_t;
}

Value goro_ctx_bind(Ctx *c, Value fn, Type *t)
{
    Bound *b = goro_alloc(sizeof *b);
    b->recv = goro_ctx_value_of(c);
    b->fn = fn;
    return goro_ptrval(TT(VK_BOUND, t->id), b);
}

Chan *goro_ctx_done_chan(Ctx *c)
{
    Chan *d = atomic_load_explicit(&c->done, memory_order_acquire);
    if (d)
        return d;
    goro_lock(&c->lock);
    d = atomic_load_explicit(&c->done, memory_order_relaxed);
    if (!d) {
        d = goro_chan_new(done_t->elem, 0);
        atomic_store_explicit(&c->done, d, memory_order_release);
    }
    goro_unlock(&c->lock);
    return d;
}

static Value done_value(Chan *c) { return goro_ptrval(TT(VK_CHAN, done_t->id), c); }

/* ------------------------------------------------ calling a program's ctx */

int goro_ctx_call(G *g, Value recv, const char *name, const Value *args, int nargs, Value *res,
                  int nres)
{
    Value fn, self;
    if (VKIND(recv) == VK_NIL)
        return goro_nil_deref(g);
    if (!goro_vm_find_method(recv, name, &fn, &self))
        return goro_runtime_error(g, "%s does not implement context.Context (missing method %s)",
                                  goro_type_of(recv)->name, name);
    Value a[4];
    a[0] = self;
    for (int i = 0; i < nargs && i < 3; i++)
        a[i + 1] = args[i];
    Value out[4];
    int n = goro_vm_call(g, fn, a, nargs + 1, out, nres);
    if (n < 0)
        return GORO_NATIVE_PANIC;
    for (int i = 0; i < nres; i++)
        res[i] = i < n ? out[i] : goro_nil();
    return 0;
}

int goro_ctx_check_parent(G *g, Value v, const char *fn)
{
    if (VKIND(v) == VK_NIL)
        return goro_panic_str(g, "cannot create context from nil parent");
    const char *missing;
    if (!goro_ctx_as(v) && !goro_type_implements(v, iface_t, &missing))
        return goro_runtime_error(g, "context.%s: %s does not implement context.Context "
                                  "(missing method %s)", fn, goro_type_of(v)->name, missing);
    return 0;
}

/* ------------------------------------------------- the Context interface */

/* The context that answers Done and Err for [*v]: value contexts pass
 * the question to their parents.  NULL when it is the program's own
 * Context implementation ([*v] is then that value). */
static Ctx *skip_values(Value *v)
{
    Ctx *c;
    while ((c = goro_ctx_as(*v)) && c->kind == CTX_VALUE)
        *v = c->parent;
    return c;
}

static bool cancellable(const Ctx *c)
{
    return c->kind == CTX_CANCEL || c->kind == CTX_TIMER || c->kind == CTX_AFTERFUNC;
}

int goro_ctx_done(G *g, Value v, Value *out)
{
    Ctx *c = skip_values(&v);
    if (!c)
        return goro_ctx_call(g, v, s_done, NULL, 0, out, 1);
    *out = done_value(cancellable(c) ? goro_ctx_done_chan(c) : NULL);
    return 0;
}

int goro_ctx_err(G *g, Value v, Value *out)
{
    Ctx *c = skip_values(&v);
    if (!c)
        return goro_ctx_call(g, v, s_err, NULL, 0, out, 1);
    *out = goro_nil();
    if (cancellable(c)) {
        goro_lock(&c->lock);
        *out = c->err;
        goro_unlock(&c->lock);
    }
    return 0;
}

int goro_ctx_deadline(G *g, Value v, Value *when, bool *ok)
{
    for (;;) {
        Ctx *c = goro_ctx_as(v);
        if (!c) {
            Value r[2];
            if (goro_ctx_call(g, v, s_deadline, NULL, 0, r, 2))
                return GORO_NATIVE_PANIC;
            *when = r[0];
            *ok = VKIND(r[1]) == VK_BOOL && r[1].u.i;
            return 0;
        }
        switch (c->kind) {
        case CTX_VALUE: case CTX_CANCEL: case CTX_AFTERFUNC:
            v = c->parent;
            continue;
        case CTX_TIMER:
            *when = c->deadline;
            *ok = true;
            return 0;
        default:
            *when = goro_time_from_ns(0, 0);
            *ok = false;
            return 0;
        }
    }
}

/* Key equality as Go's == on two interface values: the dynamic types
 * must be the same, then the values equal. */
static int key_equal(G *g, Value a, Value b, bool *eq)
{
    *eq = false;
    if (VKIND(a) != VKIND(b) || VTYPEID(a) != VTYPEID(b))
        return 0;
    const char *err = NULL;
    *eq = goro_value_equal(a, b, &err);
    if (err)
        return goro_runtime_error(g, "%s", err);
    return 0;
}

static bool is_cancel_key(Value k)
{
    return VKIND(k) == VK_OBJ && k.u.p == cancel_key.u.p;
}

/* Go's value(): walk the chain of native contexts, asking a program's
 * context its Value. */
int goro_ctx_value(G *g, Value v, Value key, Value *out)
{
    for (;;) {
        Ctx *c = goro_ctx_as(v);
        if (!c)
            return goro_ctx_call(g, v, s_value, &key, 1, out, 1);
        switch (c->kind) {
        case CTX_VALUE: {
            bool eq;
            if (key_equal(g, key, c->key, &eq))
                return GORO_NATIVE_PANIC;
            if (eq) {
                *out = c->val;
                return 0;
            }
            v = c->parent;
            continue;
        }
        case CTX_CANCEL: case CTX_TIMER: case CTX_AFTERFUNC:
            if (is_cancel_key(key)) {
                *out = v;
                return 0;
            }
            v = c->parent;
            continue;
        case CTX_WITHOUT:
            /* Cause(WithoutCancel(ctx)) is nil */
            if (is_cancel_key(key)) {
                *out = goro_nil();
                return 0;
            }
            v = c->parent;
            continue;
        default:
            *out = goro_nil();
            return 0;
        }
    }
}

/* Go's Cause: the cause of the nearest canceler, else c.Err(). */
int goro_ctx_cause(G *g, Value v, Value *out)
{
    Value cc;
    if (goro_ctx_value(g, v, cancel_key, &cc))
        return GORO_NATIVE_PANIC;
    Ctx *c = goro_ctx_canceler(cc);
    if (c) {
        goro_lock(&c->lock);
        Value cause = c->cause;
        goro_unlock(&c->lock);
        if (VKIND(cause) != VK_NIL) {
            *out = cause;
            return 0;
        }
    }
    return goro_ctx_err(g, v, out);
}

/* --------------------------------------------------------------- names */

static int ctx_string(G *g, Ctx *c, Value *out);

/* Go's contextName: String() if it has one, else the type's name. */
static int context_name(G *g, Value v, Value *out)
{
    Ctx *c = goro_ctx_as(v);
    if (c)
        return ctx_string(g, c, out);
    Value fn, self;
    if (VKIND(v) != VK_NIL && goro_vm_find_method(v, s_string, &fn, &self)) {
        if (goro_ctx_call(g, v, s_string, NULL, 0, out, 1))
            return GORO_NATIVE_PANIC;
        if (VKIND(*out) != VK_STRING)
            *out = goro_str_cstr("?");
        return 0;
    }
    *out = goro_str_cstr(VKIND(v) == VK_NIL ? "<nil>" : goro_type_of(v)->name);
    return 0;
}

/* Go 1.19's stringify of a WithValue value. */
static int stringify(G *g, Value v, Value *out)
{
    Value fn, self;
    if (VKIND(v) != VK_NIL && goro_vm_find_method(v, s_string, &fn, &self)) {
        if (goro_ctx_call(g, v, s_string, NULL, 0, out, 1))
            return GORO_NATIVE_PANIC;
        if (VKIND(*out) != VK_STRING)
            *out = goro_str_cstr("?");
        return 0;
    }
    *out = VKIND(v) == VK_STRING ? v : goro_str_cstr("<not Stringer>");
    return 0;
}

static Value cat(Value a, const char *b) { return goro_str_concat(a, goro_str_cstr(b)); }

static int ctx_string(G *g, Ctx *c, Value *out)
{
    Value name, s;
    switch (c->kind) {
    case CTX_BACKGROUND:
        *out = goro_str_cstr("context.Background");
        return 0;
    case CTX_TODO:
        *out = goro_str_cstr("context.TODO");
        return 0;
    case CTX_CANCEL: case CTX_TIMER: case CTX_AFTERFUNC:
        goro_lock(&c->lock);
        bool stop = VKIND(c->stop) != VK_NIL;
        goro_unlock(&c->lock);
        /* a stopCtx shows its own type: the embedded Context gives it no String */
        if (stop)
            name = goro_str_cstr("context.stopCtx");
        else if (context_name(g, c->parent, &name))
            return GORO_NATIVE_PANIC;
        if (c->kind != CTX_TIMER) {
            *out = cat(name, ".WithCancel");
            return 0;
        }
        int64_t wall, mono;
        goro_time_ns(c->deadline, &wall, &mono);
        int64_t left = mono ? mono - goro_nanotime() : wall - goro_walltime();
        s = cat(name, ".WithDeadline(");
        s = goro_str_concat(s, goro_time_string(c->deadline));
        s = cat(s, " [");
        s = goro_str_concat(s, goro_duration_string(left));
        *out = cat(s, "])");
        return 0;
    case CTX_VALUE: {
        Value val;
        if (context_name(g, c->parent, &name) || stringify(g, c->val, &val))
            return GORO_NATIVE_PANIC;
        s = cat(name, ".WithValue(type ");
        s = cat(s, goro_type_of(c->key)->name);
        s = cat(s, ", val ");
        s = goro_str_concat(s, val);
        *out = cat(s, ")");
        return 0;
    }
    case CTX_WITHOUT:
        if (context_name(g, c->parent, &name))
            return GORO_NATIVE_PANIC;
        *out = cat(name, ".WithoutCancel");
        return 0;
    default:
        *out = goro_str_cstr("?");
        return 0;
    }
}

/* ------------------------------------------------------------- methods */

#define RECV(c)                                                                 \
    Ctx *c = nargs ? goro_ctx_as(args[0]) : NULL;                               \
    if (!c)                                                                     \
        return goro_nil_deref(g)

static int m_deadline(G *g, Value *args, int nargs, Value *res)
{
    RECV(c);
    bool ok;
    if (goro_ctx_deadline(g, args[0], &res[0], &ok))
        return GORO_NATIVE_PANIC;
    res[1] = goro_bool(ok);
    GORO_UNUSED(c);
    return 2;
}

static int m_done(G *g, Value *args, int nargs, Value *res)
{
    RECV(c);
    GORO_UNUSED(c);
    return goro_ctx_done(g, args[0], &res[0]) ? GORO_NATIVE_PANIC : 1;
}

static int m_err(G *g, Value *args, int nargs, Value *res)
{
    RECV(c);
    GORO_UNUSED(c);
    return goro_ctx_err(g, args[0], &res[0]) ? GORO_NATIVE_PANIC : 1;
}

static int m_value(G *g, Value *args, int nargs, Value *res)
{
    RECV(c);
    GORO_UNUSED(c);
    Value key = nargs > 1 ? args[1] : goro_nil();
    return goro_ctx_value(g, args[0], key, &res[0]) ? GORO_NATIVE_PANIC : 1;
}

static int m_string(G *g, Value *args, int nargs, Value *res)
{
    RECV(c);
    return ctx_string(g, c, &res[0]) ? GORO_NATIVE_PANIC : 1;
}

static int de_error(G *g, Value *a, int n, Value *r)
{
    GORO_UNUSED(g); GORO_UNUSED(a); GORO_UNUSED(n);
    r[0] = goro_str_cstr("context deadline exceeded");
    return 1;
}

static int de_true(G *g, Value *a, int n, Value *r)
{
    GORO_UNUSED(g); GORO_UNUSED(a); GORO_UNUSED(n);
    r[0] = goro_bool(true);
    return 1;
}

/* ------------------------------------------------------------ functions */

static int ctx_background(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g); GORO_UNUSED(args); GORO_UNUSED(nargs);
    res[0] = background;
    return 1;
}

static int ctx_todo(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g); GORO_UNUSED(args); GORO_UNUSED(nargs);
    res[0] = todo;
    return 1;
}

static int ctx_withvalue(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 3)
        return goro_runtime_error(g, "context.WithValue: want a parent, a key and a value");
    if (goro_ctx_check_parent(g, args[0], "WithValue"))
        return GORO_NATIVE_PANIC;
    if (VKIND(args[1]) == VK_NIL)
        return goro_panic_str(g, "nil key");
    if (goro_map_key_error(args[1]))
        return goro_panic_str(g, "key is not comparable");
    Ctx *c = goro_ctx_new(CTX_VALUE, args[0]);
    c->key = args[1];
    c->val = args[2];
    res[0] = goro_ctx_value_of(c);
    return 1;
}

static int ctx_withoutcancel(G *g, Value *args, int nargs, Value *res)
{
    if (goro_ctx_check_parent(g, nargs ? args[0] : goro_nil(), "WithoutCancel"))
        return GORO_NATIVE_PANIC;
    res[0] = goro_ctx_value_of(goro_ctx_new(CTX_WITHOUT, args[0]));
    return 1;
}

static int ctx_cause(G *g, Value *args, int nargs, Value *res)
{
    Value c = nargs ? args[0] : goro_nil();
    if (VKIND(c) == VK_NIL)
        return goro_nil_deref(g);
    return goro_ctx_cause(g, c, &res[0]) ? GORO_NATIVE_PANIC : 1;
}

/* ---------------------------------------------------------- registration */

static Type *class_type(Package *p, CtxKind k, const char *name)
{
    Type *t = goro_pkg_obj_type(NULL, "context", name, &classes[k], NULL);
    goro_pkg_method(t, "Deadline", m_deadline);
    goro_pkg_method(t, "Done", m_done);
    goro_pkg_method(t, "Err", m_err);
    goro_pkg_method(t, "Value", m_value);
    goro_pkg_method(t, "String", m_string);
    GORO_UNUSED(p);
    return t;
}

void goro_pkg_context_init(void)
{
    Package *p = goro_pkg_new("context");
    s_deadline = goro_intern_cstr("Deadline");
    s_done = goro_intern_cstr("Done");
    s_err = goro_intern_cstr("Err");
    s_value = goro_intern_cstr("Value");
    s_string = goro_intern_cstr("String");

    const char **m = goro_alloc(4 * sizeof *m);
    m[0] = s_deadline;
    m[1] = s_done;
    m[2] = s_err;
    m[3] = s_value;
    iface_t = goro_type_named("context", "Context", goro_type_iface(4, m));
    goro_pkg_type(p, "Context", iface_t);
    cancelfunc_t = goro_type_named("context", "CancelFunc", goro_type_func("func()"));
    goro_pkg_type(p, "CancelFunc", cancelfunc_t);
    causefunc_t = goro_type_named("context", "CancelCauseFunc", goro_type_func("func(error)"));
    goro_pkg_type(p, "CancelCauseFunc", causefunc_t);
    stopfunc_t = goro_type_func("func() bool");
    done_t = goro_type_chan(goro_type_struct(0, NULL, NULL, NULL), 2);

    Type *empty = class_type(p, CTX_BACKGROUND, "emptyCtx");
    classes[CTX_TODO].type = empty;
    class_type(p, CTX_CANCEL, "cancelCtx");
    class_type(p, CTX_TIMER, "timerCtx");
    class_type(p, CTX_AFTERFUNC, "afterFuncCtx");
    class_type(p, CTX_VALUE, "valueCtx");
    class_type(p, CTX_WITHOUT, "withoutCancelCtx");
    background = goro_ctx_value_of(goro_ctx_new(CTX_BACKGROUND, goro_nil()));
    todo = goro_ctx_value_of(goro_ctx_new(CTX_TODO, goro_nil()));

    goro_pkg_obj_type(NULL, "context", "cancelCtxKey", &key_class, NULL);
    Obj *k = goro_alloc(sizeof *k);
    k->cls = &key_class;
    cancel_key = goro_obj_value(k);

    closedchan = goro_chan_new(done_t->elem, 0);
    goro_chan_close(NULL, closedchan);

    goro_ctx_canceled = goro_error_new(goro_str_cstr("context canceled"));
    goro_pkg_var(p, "Canceled", goro_ctx_canceled);
    Type *dt = goro_pkg_obj_type(NULL, "context", "deadlineExceededError", &deadline_class, NULL);
    goro_pkg_method(dt, "Error", de_error);
    goro_pkg_method(dt, "Timeout", de_true);
    goro_pkg_method(dt, "Temporary", de_true);
    Obj *de = goro_alloc(sizeof *de);
    de->cls = &deadline_class;
    goro_ctx_deadline_exceeded = goro_obj_value(de);
    goro_pkg_var(p, "DeadlineExceeded", goro_ctx_deadline_exceeded);

    goro_pkg_func(p, "Background", ctx_background);
    goro_pkg_func(p, "TODO", ctx_todo);
    goro_pkg_func(p, "WithValue", ctx_withvalue);
    goro_pkg_func(p, "WithoutCancel", ctx_withoutcancel);
    goro_pkg_func(p, "Cause", ctx_cause);
    goro_ctx_cancel_init(p);
}
