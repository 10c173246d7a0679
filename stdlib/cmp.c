/* cmp.c: the cmp package (Compare, Less, Or) and the ordering of
 * cmp.Ordered values that sort and slices share (see sort_impl.h).
 *
 * Go's order: integers and strings as <, floats as < except that a NaN
 * is below every other number and equal to every NaN (so sorting a
 * slice with NaNs gives them first, as Go does).  -0.0 and 0.0 are
 * equal. */
#include <math.h>

#include "sort_impl.h"

static GoroOrd ord_kind(Value v)
{
    switch (VKIND(v)) {
    case VK_INT:
        return VTYPEID(v) && goro_type_is_unsigned(goro_type_of(v)) ? GORO_ORD_UINT : GORO_ORD_INT;
    case VK_FLOAT: return GORO_ORD_FLOAT;
    case VK_STRING: return GORO_ORD_STRING;
    default: return GORO_ORD_NONE;
    }
}

/* The ordering of two kinds together: ints mix with floats (as goro's
 * arithmetic does), strings with nothing else. */
static GoroOrd ord_join(GoroOrd a, GoroOrd b)
{
    if (a == b)
        return a;
    if (a == GORO_ORD_NONE || b == GORO_ORD_NONE || a == GORO_ORD_STRING || b == GORO_ORD_STRING)
        return GORO_ORD_NONE;
    if (a == GORO_ORD_FLOAT || b == GORO_ORD_FLOAT)
        return GORO_ORD_FLOAT;
    return GORO_ORD_UINT;
}

GoroOrd goro_ord_pair(Value a, Value b) { return ord_join(ord_kind(a), ord_kind(b)); }

GoroOrd goro_ord_of(const Value *v, int64_t n, int64_t *bad)
{
    GoroOrd o = n ? ord_kind(v[0]) : GORO_ORD_INT;
    for (int64_t i = 0; i < n && o != GORO_ORD_NONE; i++) {
        o = ord_join(o, ord_kind(v[i]));
        if (o == GORO_ORD_NONE)
            *bad = i;
    }
    if (n && o == GORO_ORD_NONE && ord_kind(v[0]) == GORO_ORD_NONE)
        *bad = 0;
    return o;
}

static double to_double(Value v)
{
    if (VKIND(v) == VK_FLOAT)
        return v.u.f;
    return ord_kind(v) == GORO_ORD_UINT ? (double)v.u.u : (double)v.u.i;
}

bool goro_ord_isnan(Value v) { return VKIND(v) == VK_FLOAT && isnan(v.u.f); }

int goro_ord_compare(GoroOrd o, Value a, Value b)
{
    switch (o) {
    case GORO_ORD_INT: return a.u.i < b.u.i ? -1 : a.u.i > b.u.i;
    case GORO_ORD_UINT: return a.u.u < b.u.u ? -1 : a.u.u > b.u.u;
    case GORO_ORD_STRING: return goro_str_compare(a, b);
    case GORO_ORD_FLOAT: {
        double x = to_double(a), y = to_double(b);
        bool xn = isnan(x), yn = isnan(y);
        if (xn)
            return yn ? 0 : -1;
        if (yn)
            return 1;
        return x < y ? -1 : x > y;
    }
    default: return 0;
    }
}

bool goro_ord_less(GoroOrd o, Value a, Value b)
{
    switch (o) {
    case GORO_ORD_INT: return a.u.i < b.u.i;
    case GORO_ORD_UINT: return a.u.u < b.u.u;
    case GORO_ORD_STRING: return goro_str_compare(a, b) < 0;
    case GORO_ORD_FLOAT: {
        double x = to_double(a), y = to_double(b);
        return (isnan(x) && !isnan(y)) || x < y;
    }
    default: return false;
    }
}

int goro_ord_error(G *g, const char *fn, Value a, Value b)
{
    Value bad = ord_kind(a) == GORO_ORD_NONE ? a : b;
    if (ord_kind(bad) == GORO_ORD_NONE)
        return goro_runtime_error(g, "%s: %s does not satisfy cmp.Ordered", fn,
                                  goro_type_of(bad)->name);
    return goro_runtime_error(g, "%s: mismatched types %s and %s", fn, goro_type_of(a)->name,
                              goro_type_of(b)->name);
}

/* ------------------------------------------------------------ package */

static int need2(G *g, const char *fn, Value *args, int nargs, GoroOrd *o)
{
    if (nargs != 2)
        return goro_runtime_error(g, "%s: want 2 arguments, have %d", fn, nargs);
    *o = goro_ord_pair(args[0], args[1]);
    if (*o == GORO_ORD_NONE)
        return goro_ord_error(g, fn, args[0], args[1]);
    return 0;
}

static int cmp_compare(G *g, Value *args, int nargs, Value *res)
{
    GoroOrd o;
    if (need2(g, "cmp.Compare", args, nargs, &o))
        return GORO_NATIVE_PANIC;
    res[0] = goro_int(goro_ord_compare(o, args[0], args[1]));
    return 1;
}

static int cmp_less(G *g, Value *args, int nargs, Value *res)
{
    GoroOrd o;
    if (need2(g, "cmp.Less", args, nargs, &o))
        return GORO_NATIVE_PANIC;
    res[0] = goro_bool(goro_ord_less(o, args[0], args[1]));
    return 1;
}

/* cmp.Or(vals...): the first value that is not its type's zero value. */
static int cmp_or(G *g, Value *args, int nargs, Value *res)
{
    Value zero = goro_nil();
    for (int i = 0; i < nargs; i++) {
        zero = goro_type_zero(goro_type_of(args[i]));
        const char *err = NULL;
        bool eq = goro_value_equal(args[i], zero, &err);
        if (err)
            return goro_runtime_error(g, "%s", err);
        if (!eq) {
            res[0] = args[i];
            return 1;
        }
    }
    res[0] = zero;
    return 1;
}

void goro_pkg_cmp_init(void)
{
    Package *p = goro_pkg_new("cmp");
    goro_pkg_func(p, "Compare", cmp_compare);
    goro_pkg_func(p, "Less", cmp_less);
    goro_pkg_func(p, "Or", cmp_or);
    Type *ordered = goro_type_named("cmp", "Ordered", goro_type_iface(0, NULL));
    ordered->ordered_set = true;
    goro_pkg_type(p, "Ordered", ordered);
}
