/* maps.c: the maps package: Clone, Copy, DeleteFunc, Equal, EqualFunc
 * (Keys, Values and All, which return Go 1.23 iterators, are in
 * iter.c).  Results keep the argument's map type; callbacks get struct
 * and array values as copies. */
#include "sort_impl.h"

static const char *tname(Value v) { return goro_type_of(v)->name; }

/* args[i] as a map (NULL for a nil map); false after raising. */
static bool map_arg(G *g, const char *fn, Value *args, int nargs, int i, Map **out)
{
    if (nargs <= i)
        return goro_runtime_error(g, "not enough arguments in call to %s", fn), false;
    Value v = args[i];
    if (VKIND(v) == VK_NIL) {
        *out = NULL;
        return true;
    }
    if (VKIND(v) != VK_MAP)
        return goro_runtime_error(g, "%s: argument %d is %s, not a map", fn, i + 1, tname(v)), false;
    *out = v.u.p;
    return true;
}

static int set(G *g, Map *m, Value k, Value v)
{
    if (!m)
        return goro_plain_error(g, "assignment to entry in nil map");
    const char *err = NULL;
    if (!goro_map_set(m, goro_sort_arg(k), goro_sort_arg(v), &err))
        return goro_runtime_error(g, "%s", err);
    return 0;
}

static int f_clone(G *g, Value *args, int nargs, Value *res)
{
    Map *m;
    if (!map_arg(g, "maps.Clone", args, nargs, 0, &m))
        return GORO_NATIVE_PANIC;
    if (!m) {
        res[0] = args[0];   /* nil stays nil */
        return 1;
    }
    Map *c = goro_map_new(m->type, m->count);
    MapIter it;
    Value k, v;
    goro_map_iter_init(&it, m);
    while (goro_map_iter_next(&it, &k, &v))
        if (set(g, c, k, v))
            return GORO_NATIVE_PANIC;
    res[0] = goro_ptrval(args[0].tt, c);
    return 1;
}

static int f_copy(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    Map *dst, *src;
    if (!map_arg(g, "maps.Copy", args, nargs, 0, &dst) || !map_arg(g, "maps.Copy", args, nargs, 1, &src))
        return GORO_NATIVE_PANIC;
    if (!src)
        return 0;
    MapIter it;
    Value k, v;
    goro_map_iter_init(&it, src);
    while (goro_map_iter_next(&it, &k, &v))
        if (set(g, dst, k, v))
            return GORO_NATIVE_PANIC;
    return 0;
}

static int f_deletefunc(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    Map *m;
    if (!map_arg(g, "maps.DeleteFunc", args, nargs, 0, &m))
        return GORO_NATIVE_PANIC;
    if (nargs < 2)
        return goro_runtime_error(g, "not enough arguments in call to maps.DeleteFunc");
    Value f = args[1];
    if (!m)
        return 0;
    MapIter it;
    Value k, v, r;
    goro_map_iter_init(&it, m);
    while (goro_map_iter_next(&it, &k, &v)) {
        Value a[2] = {k, v};
        if (goro_slices_call(g, "maps.DeleteFunc", f, a, 2, VK_BOOL, &r))
            return GORO_NATIVE_PANIC;
        if (r.u.i)
            goro_map_delete(m, k);
    }
    return 0;
}

static int equal(G *g, Value *args, int nargs, Value *res, bool func)
{
    const char *fn = func ? "maps.EqualFunc" : "maps.Equal";
    Map *a, *b;
    if (!map_arg(g, fn, args, nargs, 0, &a) || !map_arg(g, fn, args, nargs, 1, &b))
        return GORO_NATIVE_PANIC;
    if (func && nargs < 3)
        return goro_runtime_error(g, "not enough arguments in call to %s", fn);
    Value f = func ? args[2] : goro_nil();
    int64_t na = a ? a->count : 0, nb = b ? b->count : 0;
    bool eq = na == nb;
    if (eq && a) {
        MapIter it;
        Value k, v1;
        goro_map_iter_init(&it, a);
        while (eq && goro_map_iter_next(&it, &k, &v1)) {
            Value *v2 = b ? goro_map_get(b, k) : NULL;
            if (!v2) {
                eq = false;
            } else if (func) {
                Value ab[2] = {v1, *v2}, r;
                if (goro_slices_call(g, fn, f, ab, 2, VK_BOOL, &r))
                    return GORO_NATIVE_PANIC;
                eq = r.u.i;
            } else {
                const char *err = NULL;
                eq = goro_value_equal(v1, *v2, &err);
                if (err)
                    return goro_runtime_error(g, "%s", err);
            }
        }
    }
    res[0] = goro_bool(eq);
    return 1;
}

static int f_equal(G *g, Value *a, int n, Value *r) { return equal(g, a, n, r, false); }
static int f_equalfunc(G *g, Value *a, int n, Value *r) { return equal(g, a, n, r, true); }

void goro_pkg_maps_init(void)
{
    Package *p = goro_pkg_new("maps");
    goro_pkg_func(p, "Clone", f_clone);
    goro_pkg_func(p, "Copy", f_copy);
    goro_pkg_func(p, "DeleteFunc", f_deletefunc);
    goro_pkg_func(p, "Equal", f_equal);
    goro_pkg_func(p, "EqualFunc", f_equalfunc);
    goro_iter_maps_init(p);
}
