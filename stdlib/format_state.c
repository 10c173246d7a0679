/* format_state.c: fmt.State (Go's *fmt.pp as a Formatter sees it):
 * Write and WriteString append to the text being formatted; Width,
 * Precision and Flag report the directive.  A state used after its
 * Format call returned is an error, not a write into freed text. */
#include "format_state.h"

#include <string.h>

#include "pkg.h"
#include "vm.h"

static ObjClass state_class = {.name = "*fmt.pp"};

FmtState *goro_fmt_state_new(Buf *b)
{
    FmtState *s = goro_alloc(sizeof *s);
    s->obj.cls = &state_class;
    s->b = b;
    return s;
}

static FmtState *as_state(G *g, Value *args, int nargs)
{
    if (nargs < 1 || VKIND(args[0]) != VK_OBJ || !args[0].u.p ||
        ((Obj *)args[0].u.p)->cls != &state_class) {
        goro_runtime_error(g, "fmt.State: method called on a value that is not a fmt.State");
        return NULL;
    }
    FmtState *s = args[0].u.p;
    if (!s->b) {
        goro_runtime_error(g, "fmt.State used after its Format method returned");
        return NULL;
    }
    return s;
}

static int state_put(G *g, FmtState *s, Value v, Value *res)
{
    const char *p;
    int64_t n;
    if (VKIND(v) == VK_STRING) {
        p = v.u.s, n = v.aux;
    } else if (VKIND(v) == VK_SLICE && v.u.p) {
        Value *d = goro_slice_data(v);
        char *tmp = goro_alloc_atomic((size_t)v.aux + 1);
        for (int64_t i = 0; i < v.aux; i++)
            tmp[i] = (char)d[i].u.i;
        p = tmp, n = v.aux;
    } else if (VKIND(v) == VK_SLICE || VKIND(v) == VK_NIL) {
        p = "", n = 0;
    } else {
        return goro_runtime_error(g, "fmt.State.Write: argument must be a []byte, not %s",
                                  goro_type_of(v)->name);
    }
    goro_buf_put(s->b, p, (size_t)n);
    res[0] = goro_int(n);
    res[1] = goro_nil();
    return 2;
}

static int st_write(G *g, Value *args, int nargs, Value *res)
{
    FmtState *s = as_state(g, args, nargs);
    if (!s)
        return GORO_NATIVE_PANIC;
    return state_put(g, s, nargs > 1 ? args[1] : goro_nil(), res);
}

static int st_writestring(G *g, Value *args, int nargs, Value *res)
{
    FmtState *s = as_state(g, args, nargs);
    if (!s)
        return GORO_NATIVE_PANIC;
    if (nargs < 2 || VKIND(args[1]) != VK_STRING)
        return goro_runtime_error(g, "fmt.State.WriteString: argument must be a string");
    return state_put(g, s, args[1], res);
}

static int st_width(G *g, Value *args, int nargs, Value *res)
{
    FmtState *s = as_state(g, args, nargs);
    if (!s)
        return GORO_NATIVE_PANIC;
    res[0] = goro_int(s->wid);
    res[1] = goro_bool(s->wid_set);
    return 2;
}

static int st_precision(G *g, Value *args, int nargs, Value *res)
{
    FmtState *s = as_state(g, args, nargs);
    if (!s)
        return GORO_NATIVE_PANIC;
    res[0] = goro_int(s->prec);
    res[1] = goro_bool(s->prec_set);
    return 2;
}

static int st_flag(G *g, Value *args, int nargs, Value *res)
{
    FmtState *s = as_state(g, args, nargs);
    if (!s)
        return GORO_NATIVE_PANIC;
    int64_t c;
    if (!goro_arg_int(args, nargs, 1, &c))
        return goro_runtime_error(g, "fmt.State.Flag: argument must be an integer");
    res[0] = goro_bool(c > 0 && c < 128 && strchr(s->flags, (int)c) != NULL);
    return 1;
}

static int st_write_cls(G *g, Obj *o, const char *buf, size_t n, size_t *done, Value *err)
{
    FmtState *s = (FmtState *)o;
    if (!s->b)
        return goro_runtime_error(g, "fmt.State used after its Format method returned");
    goro_buf_put(s->b, buf, n);
    *done = n;
    *err = goro_nil();
    return 0;
}

void goro_fmt_state_init(Package *p)
{
    state_class.write = st_write_cls;
    Type *t = goro_pkg_obj_type(NULL, "fmt", "pp", &state_class, NULL);
    goro_pkg_method(t, "Write", st_write);
    goro_pkg_method(t, "WriteString", st_writestring);
    goro_pkg_method(t, "Width", st_width);
    goro_pkg_method(t, "Precision", st_precision);
    goro_pkg_method(t, "Flag", st_flag);
    goro_pkg_iface(p, "State", "Flag Precision Width Write");
    goro_pkg_iface(p, "Formatter", "Format");
    goro_pkg_iface(p, "GoStringer", "GoString");
}
