/* errors.c: the errors package: New, Unwrap, Is, As and Join (Go 1.20's
 * errors, which also follow an Unwrap() []error).
 *
 * An error's chain is walked as Go walks it: a native error (errors.New,
 * fmt.Errorf, a runtime error) unwraps to what %w wrapped, an error or a
 * []error; a joined error to its list; any other value through its own
 * Unwrap method, called back into goro code.  Is also asks a value's
 * Is(error) bool method, and As its As(any) bool method.
 *
 * As's target is a pointer to a variable: the type of the value the
 * variable holds names the type to look for (a typed nil pointer or a
 * zero struct carries its type), unless the pointer's own type says
 * more (*I for an interface type I). */
#include "errors_obj.h"
#include "pkg.h"
#include "rw.h"
#include "vm.h"

/* ----------------------------------------------------------- joinError */

typedef struct JoinError {
    Obj obj;
    Value msg;     /* the messages joined with "\n" */
    Value errs;    /* []error */
} JoinError;

static ObjClass join_class = {.name = "*errors.joinError"};

static JoinError *as_join(Value v)
{
    if (VKIND(v) != VK_OBJ || !v.u.p || ((Obj *)v.u.p)->cls != &join_class)
        return NULL;
    return v.u.p;
}

static int join_error(G *g, Value *args, int nargs, Value *res)
{
    GORO_RECV(JoinError, j, as_join);
    res[0] = j->msg;
    return 1;
}

static int join_unwrap(G *g, Value *args, int nargs, Value *res)
{
    GORO_RECV(JoinError, j, as_join);
    res[0] = j->errs;
    return 1;
}

/* ------------------------------------------------------------- helpers */

static const char *s_error, *s_unwrap, *s_is, *s_as;

/* The method [name] of [v] and the receiver to call it with, as the VM
 * finds it for v.name(): on v's type, or on the type a pointer points
 * to (a pointer method gets the object itself, a value method a copy). */
static bool method_of(Value v, const char *name, Value *fn, Value *self)
{
    Type *t = goro_type_of(v);
    Method *m = goro_type_find_method(t, name);
    *self = v;
    if (m) {
        if (!m->ptr_recv && goro_value_needs_copy(v))
            *self = goro_value_copy(v);
        *fn = m->fn;
        return true;
    }
    if (VKIND(v) == VK_PTR && t->elem && v.u.p) {
        m = goro_type_find_method(t->elem, name);
        if (m) {
            Value target = *(Value *)v.u.p;
            *self = m->ptr_recv ? target : goro_value_copy(target);
            *fn = m->fn;
            return true;
        }
    }
    return false;
}

/* err.Error() into [out]; -1 when the method panicked. */
static int error_text(G *g, Value err, Value *out)
{
    if (goro_is_error_obj(err)) {
        *out = goro_error_message(err);
        return 0;
    }
    JoinError *j = as_join(err);
    if (j) {
        *out = j->msg;
        return 0;
    }
    Value fn, self;
    if (!method_of(err, s_error, &fn, &self))
        return goro_runtime_error(g, "%s does not implement error (missing method Error)",
                                  goro_type_of(err)->name);
    int n = goro_vm_call(g, fn, &self, 1, out, 1);
    if (n < 0)
        return -1;
    if (n < 1 || VKIND(*out) != VK_STRING)
        return goro_runtime_error(g, "%s.Error did not return a string", goro_type_of(err)->name);
    return 0;
}

/* What [err] unwraps to: nil, one error, or a []error (its VK_SLICE).
 * Returns 0, or -1 when an Unwrap method panicked. */
static int unwrap(G *g, Value err, Value *out)
{
    *out = goro_nil();
    if (VKIND(err) == VK_NIL)
        return 0;
    if (goro_is_error_obj(err)) {
        *out = goro_error_unwrap(err);
        return 0;
    }
    JoinError *j = as_join(err);
    if (j) {
        *out = j->errs;
        return 0;
    }
    Value fn, self;
    if (!method_of(err, s_unwrap, &fn, &self))
        return 0;
    Value r = goro_nil();
    int n = goro_vm_call(g, fn, &self, 1, &r, 1);
    if (n < 0)
        return -1;
    *out = n > 0 ? r : goro_nil();
    return 0;
}

/* Does err == target hold, Go's interface comparison: same dynamic type
 * and equal values; values of an uncomparable type are never equal. */
static bool same_error(Value a, Value b)
{
    if (VKIND(a) == VK_NIL || VKIND(b) == VK_NIL)
        return goro_value_equal(a, b, NULL);
    if (goro_type_of(a) != goro_type_of(b))
        return false;
    const char *err = NULL;
    bool eq = goro_value_equal(a, b, &err);
    return eq && !err;
}

/* A bool result of an Is or As method, called with [arg]: 1 true,
 * 0 false or no such method, -1 panicked. */
static int call_bool_method(G *g, Value v, const char *name, Value arg)
{
    Value fn, self;
    if (!method_of(v, name, &fn, &self))
        return 0;
    Value a[2] = {self, arg}, r = goro_nil();
    int n = goro_vm_call(g, fn, a, 2, &r, 1);
    if (n < 0)
        return -1;
    return n > 0 && VKIND(r) == VK_BOOL && r.u.i;
}

#define MAX_DEPTH 10000

/* What errors.Is and errors.As look for at each error of the tree:
 * 1 found, 0 not, -1 panicked. */
typedef struct ChainQuery {
    Value target;
    Type *want;         /* errors.As: the type [target] points at; NULL for Is */
} ChainQuery;

static int query_one(G *g, Value err, const ChainQuery *q)
{
    if (!q->want) {
        if (same_error(err, q->target))
            return 1;
        return call_bool_method(g, err, s_is, q->target);
    }
    const char *missing;
    bool match = q->want->kind == TY_IFACE ? goro_type_implements(err, q->want, &missing)
                                           : goro_type_of(err) == q->want;
    if (match) {
        *(Value *)q->target.u.p = err;
        return 1;
    }
    return call_bool_method(g, err, s_as, q->target);
}

/* Go's walk of an error tree: the error, then what Unwrap returns (one
 * error, or each of a []error depth first). */
static int walk_chain(G *g, Value err, const ChainQuery *q, int depth)
{
    for (; depth < MAX_DEPTH; depth++) {
        int r = query_one(g, err, q);
        if (r)
            return r;
        Value next;
        if (unwrap(g, err, &next) < 0)
            return -1;
        if (VKIND(next) == VK_SLICE) {
            Value *d = goro_slice_data(next);
            for (uint32_t i = 0; i < next.aux; i++) {
                if (VKIND(d[i]) == VK_NIL)
                    continue;
                r = walk_chain(g, d[i], q, depth + 1);
                if (r)
                    return r;
            }
            return 0;
        }
        if (goro_value_is_nil(next) && VKIND(next) != VK_STRUCT)
            return 0;
        err = next;
    }
    return 0;
}

/* ------------------------------------------------------------- natives */

static int e_new(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1 || VKIND(args[0]) != VK_STRING)
        return goro_runtime_error(g, "errors.New: argument must be a string");
    Value msg = args[0];
    msg.tt = VK_STRING;  /* a named string type's text is still the message */
    res[0] = goro_error_new(msg);
    return 1;
}

static int e_unwrap(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1)
        return goro_runtime_error(g, "not enough arguments in call to errors.Unwrap");
    Value next;
    if (unwrap(g, args[0], &next) < 0)
        return GORO_NATIVE_PANIC;
    /* errors.Unwrap follows only Unwrap() error, not Unwrap() []error */
    res[0] = VKIND(next) == VK_SLICE ? goro_nil() : next;
    return 1;
}

static int e_is(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 2)
        return goro_runtime_error(g, "not enough arguments in call to errors.Is");
    Value err = args[0], target = args[1];
    if (VKIND(err) == VK_NIL || VKIND(target) == VK_NIL) {
        res[0] = goro_bool(same_error(err, target));
        return 1;
    }
    ChainQuery q = {target, NULL};
    int r = walk_chain(g, err, &q, 0);
    if (r < 0)
        return GORO_NATIVE_PANIC;
    res[0] = goro_bool(r);
    return 1;
}

static int e_as(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 2)
        return goro_runtime_error(g, "not enough arguments in call to errors.As");
    Value err = args[0], target = args[1];
    if (VKIND(target) == VK_NIL)
        return goro_panic_str(g, "errors: target cannot be nil");
    if (VKIND(target) != VK_PTR || !target.u.p)
        return goro_panic_str(g, "errors: target must be a non-nil pointer");
    /* the type to look for: the pointer's element type when it knows
     * one, else the type of what the variable holds now */
    Type *pt = goro_type_of(target);
    Type *want = pt->kind == TY_PTR ? pt->elem : NULL;
    if (!want || want == goro_t_any || want->kind == TY_NIL)
        want = goro_type_of(*(Value *)target.u.p);
    if (want->kind == TY_NIL) {
        /* an interface variable holding nil whose interface type is not
         * known at run time: nothing can be said to match it */
        res[0] = goro_bool(false);
        return 1;
    }
    if (want->kind != TY_IFACE && !goro_type_find_method(want, s_error) &&
        !(want->kind == TY_PTR && want->elem && goro_type_find_method(want->elem, s_error)))
        return goro_panic_str(g, "errors: *target must be interface or implement error");
    if (VKIND(err) == VK_NIL) {
        res[0] = goro_bool(false);
        return 1;
    }
    ChainQuery q = {target, want};
    int r = walk_chain(g, err, &q, 0);
    if (r < 0)
        return GORO_NATIVE_PANIC;
    res[0] = goro_bool(r);
    return 1;
}

/* errors.Join: the non-nil errors, or nil when there are none. */
static int e_join(G *g, Value *args, int nargs, Value *res)
{
    Value *keep = goro_alloc(sizeof(Value) * (size_t)(nargs ? nargs : 1));
    int n = 0;
    for (int i = 0; i < nargs; i++)
        if (VKIND(args[i]) != VK_NIL)
            keep[n++] = args[i];
    if (n == 0) {
        res[0] = goro_nil();
        return 1;
    }
    /* the message now, as Error() would give it */
    size_t len = 0;
    Value *texts = goro_alloc(sizeof(Value) * (size_t)n);
    for (int i = 0; i < n; i++) {
        if (error_text(g, keep[i], &texts[i]) < 0)
            return GORO_NATIVE_PANIC;
        len += texts[i].aux + (i ? 1 : 0);
    }
    char *buf = goro_alloc_atomic(len + 1);
    size_t off = 0;
    for (int i = 0; i < n; i++) {
        if (i)
            buf[off++] = '\n';
        memcpy(buf + off, texts[i].u.s, texts[i].aux);
        off += texts[i].aux;
    }
    JoinError *j = goro_alloc(sizeof *j);
    j->obj.cls = &join_class;
    j->msg = goro_str_nocopy(buf, (int64_t)len);
    j->errs = goro_slice_from(TT(VK_SLICE, goro_type_slice(goro_t_error)->id), keep, n);
    res[0] = goro_obj_value(&j->obj);
    return 1;
}

void goro_pkg_errors_init(void)
{
    s_error = goro_intern_cstr("Error");
    s_unwrap = goro_intern_cstr("Unwrap");
    s_is = goro_intern_cstr("Is");
    s_as = goro_intern_cstr("As");
    Package *p = goro_pkg_new("errors");
    Type *t = goro_pkg_obj_type(NULL, "errors", "joinError", &join_class, NULL);
    goro_pkg_method(t, "Error", join_error);
    goro_pkg_method(t, "Unwrap", join_unwrap);
    goro_pkg_func(p, "New", e_new);
    goro_pkg_func(p, "Unwrap", e_unwrap);
    goro_pkg_func(p, "Is", e_is);
    goro_pkg_func(p, "As", e_as);
    goro_pkg_func(p, "Join", e_join);
    goro_pkg_var(p, "ErrUnsupported", goro_error_new(goro_str_cstr("unsupported operation")));
}
