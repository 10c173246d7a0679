/* slices_sort.c: the ordering half of the slices package: Sort,
 * SortFunc, SortStableFunc, IsSorted(Func), BinarySearch(Func),
 * Min/Max(Func) and Compare(Func).  Sorting is Go's pdqsort and stable
 * sort (sort_algo.c); elements compare by cmp.Less, so NaNs sort first
 * as in Go, or by the goro cmp(a, b) int the caller gives. */
#include <math.h>

#include "sort_impl.h"

/* The cmp.Ordered ordering of s's elements; GORO_ORD_NONE after raising
 * the error. */
static GoroOrd elems_ord(G *g, const char *fn, Value s)
{
    int64_t bad = 0;
    Value *d = goro_slice_data(s);
    GoroOrd o = goro_ord_of(d, s.aux, &bad);
    if (o == GORO_ORD_NONE)
        goro_ord_error(g, fn, d[0], d[bad]);
    return o;
}

static int need_func(G *g, const char *fn, int nargs, int i)
{
    if (nargs <= i)
        return goro_runtime_error(g, "not enough arguments in call to %s", fn);
    return 0;
}

static int f_sort(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    Value s;
    if (!goro_slices_arg(g, "slices.Sort", args, nargs, 0, &s))
        return GORO_NATIVE_PANIC;
    GoroOrd o = elems_ord(g, "slices.Sort", s);
    if (o == GORO_ORD_NONE)
        return GORO_NATIVE_PANIC;
    GoroSorter st;
    goro_sorter_ordered(&st, g, goro_slice_data(s), o);
    goro_sort_pdq(&st, s.aux);
    return 0;
}

static int sort_func(G *g, Value *args, int nargs, const char *fn, bool stable)
{
    Value s;
    if (!goro_slices_arg(g, fn, args, nargs, 0, &s) || need_func(g, fn, nargs, 1))
        return GORO_NATIVE_PANIC;
    GoroSorter st;
    goro_sorter_cmpfunc(&st, g, goro_slice_data(s), args[1], fn);
    bool ok = stable ? goro_sort_stable(&st, s.aux) : goro_sort_pdq(&st, s.aux);
    return ok ? 0 : GORO_NATIVE_PANIC;
}

static int f_sortfunc(G *g, Value *a, int n, Value *r) { GORO_UNUSED(r); return sort_func(g, a, n, "slices.SortFunc", false); }
static int f_sortstablefunc(G *g, Value *a, int n, Value *r) { GORO_UNUSED(r); return sort_func(g, a, n, "slices.SortStableFunc", true); }

static int f_issorted(G *g, Value *args, int nargs, Value *res)
{
    Value s;
    if (!goro_slices_arg(g, "slices.IsSorted", args, nargs, 0, &s))
        return GORO_NATIVE_PANIC;
    GoroOrd o = elems_ord(g, "slices.IsSorted", s);
    if (o == GORO_ORD_NONE)
        return GORO_NATIVE_PANIC;
    Value *d = goro_slice_data(s);
    bool sorted = true;
    for (int64_t i = (int64_t)s.aux - 1; i > 0 && sorted; i--)
        sorted = !goro_ord_less(o, d[i], d[i - 1]);
    res[0] = goro_bool(sorted);
    return 1;
}

static int f_issortedfunc(G *g, Value *args, int nargs, Value *res)
{
    Value s;
    if (!goro_slices_arg(g, "slices.IsSortedFunc", args, nargs, 0, &s) ||
        need_func(g, "slices.IsSortedFunc", nargs, 1))
        return GORO_NATIVE_PANIC;
    GoroSorter st;
    goro_sorter_cmpfunc(&st, g, goro_slice_data(s), args[1], "slices.IsSortedFunc");
    int r = goro_sort_is_sorted(&st, s.aux);
    if (r < 0)
        return GORO_NATIVE_PANIC;
    res[0] = goro_bool(r);
    return 1;
}

/* ----------------------------------------------------------- searching */

static int f_binarysearch(G *g, Value *args, int nargs, Value *res)
{
    Value s;
    if (!goro_slices_arg(g, "slices.BinarySearch", args, nargs, 0, &s) ||
        need_func(g, "slices.BinarySearch", nargs, 1))
        return GORO_NATIVE_PANIC;
    Value x = args[1];
    Value *d = goro_slice_data(s);
    int64_t n = s.aux;
    GoroOrd o = elems_ord(g, "slices.BinarySearch", s);
    if (o == GORO_ORD_NONE)
        return GORO_NATIVE_PANIC;
    o = n ? goro_ord_pair(d[0], x) : goro_ord_pair(x, x);
    if (o == GORO_ORD_NONE)
        return goro_ord_error(g, "slices.BinarySearch", n ? d[0] : x, x);
    int64_t i = 0, j = n;
    while (i < j) {
        int64_t h = (int64_t)((uint64_t)(i + j) >> 1);
        if (goro_ord_less(o, d[h], x))
            i = h + 1;
        else
            j = h;
    }
    res[0] = goro_int(i);
    res[1] = goro_bool(i < n && goro_ord_compare(o, d[i], x) == 0);
    return 2;
}

static int f_binarysearchfunc(G *g, Value *args, int nargs, Value *res)
{
    const char *fn = "slices.BinarySearchFunc";
    Value s;
    if (!goro_slices_arg(g, fn, args, nargs, 0, &s) || need_func(g, fn, nargs, 2))
        return GORO_NATIVE_PANIC;
    Value x = args[1], f = args[2], r;
    Value *d = goro_slice_data(s);
    int64_t n = s.aux, i = 0, j = n;
    while (i < j) {
        int64_t h = (int64_t)((uint64_t)(i + j) >> 1);
        Value a[2] = {d[h], x};
        if (goro_slices_call(g, fn, f, a, 2, VK_INT, &r))
            return GORO_NATIVE_PANIC;
        if (r.u.i < 0)
            i = h + 1;
        else
            j = h;
    }
    bool found = false;
    if (i < n) {
        Value a[2] = {d[i], x};
        if (goro_slices_call(g, fn, f, a, 2, VK_INT, &r))
            return GORO_NATIVE_PANIC;
        found = r.u.i == 0;
    }
    res[0] = goro_int(i);
    res[1] = goro_bool(found);
    return 2;
}

/* --------------------------------------------------------- min and max */

/* The builtin max(m, v) (or min): a NaN wins, and -0.0 is below 0.0. */
static Value pick(GoroOrd o, Value m, Value v, bool is_max)
{
    if (o == GORO_ORD_FLOAT) {
        if (goro_ord_isnan(m))
            return m;
        if (goro_ord_isnan(v))
            return v;
        int c = goro_ord_compare(o, m, v);
        if (c == 0 && VKIND(m) == VK_FLOAT && VKIND(v) == VK_FLOAT && m.u.f == 0) {
            bool mneg = signbit(m.u.f), vneg = signbit(v.u.f);
            return (is_max ? mneg && !vneg : !mneg && vneg) ? v : m;
        }
        return (is_max ? c < 0 : c > 0) ? v : m;
    }
    bool better = is_max ? goro_ord_less(o, m, v) : goro_ord_less(o, v, m);
    return better ? v : m;
}

static int minmax(G *g, Value *args, int nargs, Value *res, bool is_max)
{
    const char *fn = is_max ? "slices.Max" : "slices.Min";
    Value s;
    if (!goro_slices_arg(g, fn, args, nargs, 0, &s))
        return GORO_NATIVE_PANIC;
    if (s.aux == 0)
        return goro_panic_str(g, "%s: empty list", fn);
    GoroOrd o = elems_ord(g, fn, s);
    if (o == GORO_ORD_NONE)
        return GORO_NATIVE_PANIC;
    Value *d = goro_slice_data(s);
    Value m = d[0];
    for (uint32_t i = 1; i < s.aux; i++)
        m = pick(o, m, d[i], is_max);
    res[0] = m;
    return 1;
}

static int f_max(G *g, Value *a, int n, Value *r) { return minmax(g, a, n, r, true); }
static int f_min(G *g, Value *a, int n, Value *r) { return minmax(g, a, n, r, false); }

/* MaxFunc/MinFunc: the first maximal (minimal) element by cmp. */
static int minmax_func(G *g, Value *args, int nargs, Value *res, bool is_max)
{
    const char *fn = is_max ? "slices.MaxFunc" : "slices.MinFunc";
    Value s;
    if (!goro_slices_arg(g, fn, args, nargs, 0, &s) || need_func(g, fn, nargs, 1))
        return GORO_NATIVE_PANIC;
    if (s.aux == 0)
        return goro_panic_str(g, "%s: empty list", fn);
    Value f = args[1], r;
    Value *d = goro_slice_data(s);
    Value m = d[0];
    for (uint32_t i = 1; i < s.aux; i++) {
        Value a[2] = {d[i], m};
        if (goro_slices_call(g, fn, f, a, 2, VK_INT, &r))
            return GORO_NATIVE_PANIC;
        if (is_max ? r.u.i > 0 : r.u.i < 0)
            m = d[i];
    }
    res[0] = goro_sort_arg(m);
    return 1;
}

static int f_maxfunc(G *g, Value *a, int n, Value *r) { return minmax_func(g, a, n, r, true); }
static int f_minfunc(G *g, Value *a, int n, Value *r) { return minmax_func(g, a, n, r, false); }

/* --------------------------------------------------------- comparison */

static int compare(G *g, Value *args, int nargs, Value *res, bool func)
{
    const char *fn = func ? "slices.CompareFunc" : "slices.Compare";
    Value a, b, f = goro_nil();
    if (!goro_slices_arg(g, fn, args, nargs, 0, &a) || !goro_slices_arg(g, fn, args, nargs, 1, &b))
        return GORO_NATIVE_PANIC;
    if (func) {
        if (need_func(g, fn, nargs, 2))
            return GORO_NATIVE_PANIC;
        f = args[2];
    }
    Value *x = goro_slice_data(a), *y = goro_slice_data(b);
    for (uint32_t i = 0; i < a.aux; i++) {
        if (i >= b.aux) {
            res[0] = goro_int(1);
            return 1;
        }
        int64_t c;
        if (func) {
            Value ab[2] = {x[i], y[i]}, r;
            if (goro_slices_call(g, fn, f, ab, 2, VK_INT, &r))
                return GORO_NATIVE_PANIC;
            c = r.u.i;
        } else {
            GoroOrd o = goro_ord_pair(x[i], y[i]);
            if (o == GORO_ORD_NONE)
                return goro_ord_error(g, fn, x[i], y[i]);
            c = goro_ord_compare(o, x[i], y[i]);
        }
        if (c != 0) {
            res[0] = goro_int(c);
            return 1;
        }
    }
    res[0] = goro_int(a.aux < b.aux ? -1 : 0);
    return 1;
}

static int f_compare(G *g, Value *a, int n, Value *r) { return compare(g, a, n, r, false); }
static int f_comparefunc(G *g, Value *a, int n, Value *r) { return compare(g, a, n, r, true); }

void goro_slices_sort_init(Package *p)
{
    goro_pkg_func(p, "Sort", f_sort);
    goro_pkg_func(p, "SortFunc", f_sortfunc);
    goro_pkg_func(p, "SortStableFunc", f_sortstablefunc);
    goro_pkg_func(p, "IsSorted", f_issorted);
    goro_pkg_func(p, "IsSortedFunc", f_issortedfunc);
    goro_pkg_func(p, "BinarySearch", f_binarysearch);
    goro_pkg_func(p, "BinarySearchFunc", f_binarysearchfunc);
    goro_pkg_func(p, "Max", f_max);
    goro_pkg_func(p, "Min", f_min);
    goro_pkg_func(p, "MaxFunc", f_maxfunc);
    goro_pkg_func(p, "MinFunc", f_minfunc);
    goro_pkg_func(p, "Compare", f_compare);
    goro_pkg_func(p, "CompareFunc", f_comparefunc);
}
