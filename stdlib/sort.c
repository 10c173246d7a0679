/* sort.c: the sort package: Sort, Stable and IsSorted on any value with
 * Len, Less and Swap methods (calling goro methods back), Slice and
 * friends with a less(i, j) callback, the Ints/Strings/Float64s
 * shortcuts, Search, Find, Reverse, and the IntSlice, StringSlice and
 * Float64Slice types.  The algorithms are Go's (sort_algo.c).
 *
 * sort.Reverse gives a *sort.reverse, a struct embedding the Interface
 * as Go's does, so its Len and Swap are promoted and it prints as Go's.
 * Sort sees through it, and through IntSlice & co., and sorts their
 * elements directly; for every other value each Less and Swap is a
 * method call, which may not park (goro_vm_call). */
#include "sort_impl.h"

static Type *intslice_t, *f64slice_t, *strslice_t, *iface_t, *rev_t, *revptr_t;
static const char *s_len, *s_less, *s_swap;

static const char *tname(Value v) { return goro_type_of(v)->name; }

static bool is_slice(Value v) { return VKIND(v) == VK_SLICE; }

/* ------------------------------------------------ sort.Interface values */

static bool is_reverse(Value v)
{
    return VKIND(v) == VK_PTR && VTYPEID(v) == revptr_t->id && v.u.p &&
           VKIND(*(Value *)v.u.p) == VK_STRUCT;
}

static Value reverse_inner(Value v) { return ((Struct *)((Value *)v.u.p)->u.p)->f[0]; }

static bool less_iface(GoroSorter *s, int64_t i, int64_t j)
{
    Value fn, self;
    if (!goro_vm_find_method(s->fn, s_less, &fn, &self)) {
        goro_nil_deref(s->g);
        goro_sort_fail(s);
    }
    Value a[3] = {self, goro_int(i), goro_int(j)};
    return goro_sort_call_bool(s, fn, a, 3);
}

static void swap_iface(GoroSorter *s, int64_t i, int64_t j)
{
    Value fn, self;
    if (!goro_vm_find_method(s->fn, s_swap, &fn, &self)) {
        goro_nil_deref(s->g);
        goro_sort_fail(s);
    }
    Value a[3] = {self, goro_int(i), goro_int(j)};
    if (goro_vm_call(s->g, fn, a, 3, NULL, 0) < 0)
        goro_sort_fail(s);
}

/* A sorter for sort.Interface value [data] with its length in *n; 0, or
 * GORO_NATIVE_PANIC. */
static int iface_sorter(G *g, const char *what, Value data, GoroSorter *s, int64_t *n)
{
    bool flip = false;
    while (is_reverse(data)) {
        flip = !flip;
        data = reverse_inner(data);
    }
    Type *t = goro_type_of(data);
    if (is_slice(data) && (t == intslice_t || t == f64slice_t || t == strslice_t)) {
        int64_t bad = 0;
        GoroOrd o = goro_ord_of(goro_slice_data(data), data.aux, &bad);
        if (o == GORO_ORD_NONE)
            return goro_ord_error(g, what, goro_slice_data(data)[0], goro_slice_data(data)[bad]);
        goro_sorter_ordered(s, g, goro_slice_data(data), o);
        s->flip = flip;
        *n = data.aux;
        return 0;
    }
    if (goro_value_is_nil(data) && VKIND(data) != VK_SLICE && VKIND(data) != VK_MAP)
        return goro_nil_deref(g);
    const char *names[3] = {s_len, s_less, s_swap};
    Value fn, self;
    for (int i = 0; i < 3; i++)
        if (!goro_vm_find_method(data, names[i], &fn, &self))
            return goro_runtime_error(g, "interface conversion: %s is not sort.Interface: missing method %s",
                                      tname(data), names[i]);
    goro_vm_find_method(data, s_len, &fn, &self);
    Value r = goro_nil();
    if (goro_vm_call(g, fn, &self, 1, &r, 1) < 0)
        return GORO_NATIVE_PANIC;
    if (VKIND(r) != VK_INT)
        return goro_runtime_error(g, "%s: Len returned %s, not int", what, tname(r));
    memset(s, 0, sizeof *s);
    s->less = less_iface;
    s->swap = swap_iface;
    s->g = g;
    s->fn = data;
    s->flip = flip;
    s->what = what;
    *n = r.u.i;
    return 0;
}

static int sort_with(G *g, Value *args, int nargs, const char *what, bool stable)
{
    if (nargs < 1)
        return goro_runtime_error(g, "not enough arguments in call to %s", what);
    GoroSorter s;
    int64_t n;
    if (iface_sorter(g, what, args[0], &s, &n))
        return GORO_NATIVE_PANIC;
    bool ok = stable ? goro_sort_stable(&s, n) : goro_sort_pdq(&s, n);
    return ok ? 0 : GORO_NATIVE_PANIC;
}

static int f_sort(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    return sort_with(g, args, nargs, "sort.Sort", false);
}

static int f_stable(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    return sort_with(g, args, nargs, "sort.Stable", true);
}

static int f_issorted(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1)
        return goro_runtime_error(g, "not enough arguments in call to sort.IsSorted");
    GoroSorter s;
    int64_t n;
    if (iface_sorter(g, "sort.IsSorted", args[0], &s, &n))
        return GORO_NATIVE_PANIC;
    int r = goro_sort_is_sorted(&s, n);
    if (r < 0)
        return GORO_NATIVE_PANIC;
    res[0] = goro_bool(r);
    return 1;
}

/* sort.Reverse(data): &reverse{data}. */
static int f_reverse(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1)
        return goro_runtime_error(g, "not enough arguments in call to sort.Reverse");
    Value sv = goro_type_zero(rev_t);
    ((Struct *)sv.u.p)->f[0] = args[0];
    Box *b = goro_alloc(sizeof *b);
    b->v = sv;
    res[0] = goro_ptrval(TT(VK_PTR, revptr_t->id), &b->v);
    return 1;
}

/* reverse.Less(i, j): the wrapped Less(j, i). */
static int rev_less(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 3 || VKIND(args[0]) != VK_STRUCT)
        return goro_runtime_error(g, "sort.reverse.Less: want 2 arguments");
    Value inner = ((Struct *)args[0].u.p)->f[0], fn, self;
    if (!goro_vm_find_method(inner, s_less, &fn, &self))
        return goro_nil_deref(g);
    Value a[3] = {self, args[2], args[1]};
    Value r = goro_nil();
    if (goro_vm_call(g, fn, a, 3, &r, 1) < 0)
        return GORO_NATIVE_PANIC;
    res[0] = r;
    return 1;
}

/* ------------------------------------------------------- sort.Slice */

static bool less_slice(GoroSorter *s, int64_t i, int64_t j)
{
    Value a[2] = {goro_int(i), goro_int(j)};
    return goro_sort_call_bool(s, s->fn, a, 2);
}

static void swap_elems(GoroSorter *s, int64_t i, int64_t j)
{
    Value t = s->data[i];
    s->data[i] = s->data[j];
    s->data[j] = t;
}

static int slice_sorter(G *g, Value *args, int nargs, const char *what, const char *reflect_op,
                        GoroSorter *s)
{
    if (nargs < 2)
        return goro_runtime_error(g, "not enough arguments in call to %s", what);
    Value x = args[0];
    if (!is_slice(x)) {
        if (VKIND(x) == VK_NIL)
            return goro_panic_str(g, "reflect: call of %s on zero Value", reflect_op);
        return goro_panic_str(g, "reflect: call of %s on %s Value", reflect_op,
                              goro_type_of(x)->under->name);
    }
    memset(s, 0, sizeof *s);
    s->less = less_slice;
    s->swap = swap_elems;
    s->g = g;
    s->data = goro_slice_data(x);
    s->fn = args[1];
    s->what = what;
    return 0;
}

static int f_slice(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    GoroSorter s;
    if (slice_sorter(g, args, nargs, "sort.Slice", "Swapper", &s))
        return GORO_NATIVE_PANIC;
    return goro_sort_pdq(&s, args[0].aux) ? 0 : GORO_NATIVE_PANIC;
}

static int f_slicestable(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    GoroSorter s;
    if (slice_sorter(g, args, nargs, "sort.SliceStable", "Swapper", &s))
        return GORO_NATIVE_PANIC;
    return goro_sort_stable(&s, args[0].aux) ? 0 : GORO_NATIVE_PANIC;
}

static int f_sliceissorted(G *g, Value *args, int nargs, Value *res)
{
    GoroSorter s;
    if (slice_sorter(g, args, nargs, "sort.SliceIsSorted", "reflect.Value.Len", &s))
        return GORO_NATIVE_PANIC;
    int r = goro_sort_is_sorted(&s, args[0].aux);
    if (r < 0)
        return GORO_NATIVE_PANIC;
    res[0] = goro_bool(r);
    return 1;
}

/* ------------------------------------------- Ints, Strings, Float64s */

enum { WANT_INTS, WANT_FLOATS, WANT_STRINGS };
static const char *want_names[] = {"[]int", "[]float64", "[]string"};

/* The ordering of x's elements for sort.Ints & co.; GORO_ORD_NONE after
 * raising the error. */
static GoroOrd typed_ord(G *g, const char *what, Value x, int want)
{
    if (VKIND(x) == VK_NIL)
        return GORO_ORD_INT;
    if (!is_slice(x)) {
        goro_runtime_error(g, "%s: argument is %s, not %s", what, tname(x), want_names[want]);
        return GORO_ORD_NONE;
    }
    int64_t bad = 0;
    Value *d = goro_slice_data(x);
    GoroOrd o = goro_ord_of(d, x.aux, &bad);
    bool fits = x.aux == 0 || (want == WANT_STRINGS ? o == GORO_ORD_STRING
                               : want == WANT_INTS  ? o == GORO_ORD_INT || o == GORO_ORD_UINT
                                                    : o != GORO_ORD_STRING && o != GORO_ORD_NONE);
    if (!fits) {
        goro_runtime_error(g, "%s: argument is %s, not %s", what, tname(x), want_names[want]);
        return GORO_ORD_NONE;
    }
    return want == WANT_FLOATS && x.aux ? GORO_ORD_FLOAT : o;
}

static int sort_typed(G *g, Value *args, int nargs, const char *what, int want)
{
    if (nargs < 1)
        return goro_runtime_error(g, "not enough arguments in call to %s", what);
    GoroOrd o = typed_ord(g, what, args[0], want);
    if (o == GORO_ORD_NONE)
        return GORO_NATIVE_PANIC;
    GoroSorter s;
    goro_sorter_ordered(&s, g, goro_slice_data(args[0]), o);
    goro_sort_pdq(&s, args[0].aux);
    return 0;
}

static int typed_sorted(G *g, Value *args, int nargs, Value *res, const char *what, int want)
{
    if (nargs < 1)
        return goro_runtime_error(g, "not enough arguments in call to %s", what);
    GoroOrd o = typed_ord(g, what, args[0], want);
    if (o == GORO_ORD_NONE)
        return GORO_NATIVE_PANIC;
    Value *d = goro_slice_data(args[0]);
    bool sorted = true;
    for (int64_t i = (int64_t)args[0].aux - 1; i > 0 && sorted; i--)
        sorted = !goro_ord_less(o, d[i], d[i - 1]);
    res[0] = goro_bool(sorted);
    return 1;
}

static int f_ints(G *g, Value *a, int n, Value *r) { GORO_UNUSED(r); return sort_typed(g, a, n, "sort.Ints", WANT_INTS); }
static int f_float64s(G *g, Value *a, int n, Value *r) { GORO_UNUSED(r); return sort_typed(g, a, n, "sort.Float64s", WANT_FLOATS); }
static int f_strings(G *g, Value *a, int n, Value *r) { GORO_UNUSED(r); return sort_typed(g, a, n, "sort.Strings", WANT_STRINGS); }
static int f_intsaresorted(G *g, Value *a, int n, Value *r) { return typed_sorted(g, a, n, r, "sort.IntsAreSorted", WANT_INTS); }
static int f_float64saresorted(G *g, Value *a, int n, Value *r) { return typed_sorted(g, a, n, r, "sort.Float64sAreSorted", WANT_FLOATS); }
static int f_stringsaresorted(G *g, Value *a, int n, Value *r) { return typed_sorted(g, a, n, r, "sort.StringsAreSorted", WANT_STRINGS); }

/* --------------------------------------------------------- searching */

/* sort.Search(n, f): the smallest i in [0, n) with f(i) true, or n. */
static int f_search(G *g, Value *args, int nargs, Value *res)
{
    int64_t n;
    if (!goro_arg_int(args, nargs, 0, &n) || nargs < 2)
        return goro_runtime_error(g, "sort.Search: want (n int, f func(int) bool)");
    Value f = args[1];
    int64_t i = 0, j = n;
    while (i < j) {
        int64_t h = (int64_t)((uint64_t)(i + j) >> 1);
        Value a = goro_int(h), r = goro_nil();
        if (goro_sort_vm_call(g, f, &a, 1, &r, 1) < 0)
            return GORO_NATIVE_PANIC;
        if (VKIND(r) != VK_BOOL)
            return goro_runtime_error(g, "sort.Search: the function returned %s, not bool", tname(r));
        if (!r.u.i)
            i = h + 1;
        else
            j = h;
    }
    res[0] = goro_int(i);
    return 1;
}

static int find_call(G *g, Value f, int64_t i, int64_t *out)
{
    Value a = goro_int(i), r = goro_nil();
    if (goro_sort_vm_call(g, f, &a, 1, &r, 1) < 0)
        return GORO_NATIVE_PANIC;
    if (VKIND(r) != VK_INT)
        return goro_runtime_error(g, "sort.Find: the function returned %s, not int", tname(r));
    *out = r.u.i;
    return 0;
}

/* sort.Find(n, cmp): the smallest i with cmp(i) <= 0, and cmp(i) == 0. */
static int f_find(G *g, Value *args, int nargs, Value *res)
{
    int64_t n, c = 1;
    if (!goro_arg_int(args, nargs, 0, &n) || nargs < 2)
        return goro_runtime_error(g, "sort.Find: want (n int, cmp func(int) int)");
    Value f = args[1];
    int64_t i = 0, j = n;
    while (i < j) {
        int64_t h = (int64_t)((uint64_t)(i + j) >> 1);
        if (find_call(g, f, h, &c))
            return GORO_NATIVE_PANIC;
        if (c > 0)
            i = h + 1;
        else
            j = h;
    }
    if (i < n && find_call(g, f, i, &c))
        return GORO_NATIVE_PANIC;
    res[0] = goro_int(i);
    res[1] = goro_bool(i < n && c == 0);
    return 2;
}

/* a[i] >= x as Go's operator says it (false when either is a NaN). */
static bool ge(GoroOrd o, Value a, Value x)
{
    if (o == GORO_ORD_FLOAT && (goro_ord_isnan(a) || goro_ord_isnan(x)))
        return false;
    return !goro_ord_less(o, a, x);
}

static int search_typed(G *g, Value *args, int nargs, Value *res, const char *what, int want)
{
    if (nargs < 2)
        return goro_runtime_error(g, "not enough arguments in call to %s", what);
    GoroOrd o = typed_ord(g, what, args[0], want);
    if (o == GORO_ORD_NONE)
        return GORO_NATIVE_PANIC;
    Value x = args[1];
    Value *d = goro_slice_data(args[0]);
    int64_t n = VKIND(args[0]) == VK_NIL ? 0 : args[0].aux;
    if (n) {
        o = goro_ord_pair(d[0], x);
        if (o == GORO_ORD_NONE)
            return goro_ord_error(g, what, d[0], x);
    }
    int64_t i = 0, j = n;
    while (i < j) {
        int64_t h = (int64_t)((uint64_t)(i + j) >> 1);
        if (!ge(o, d[h], x))
            i = h + 1;
        else
            j = h;
    }
    res[0] = goro_int(i);
    return 1;
}

static int f_searchints(G *g, Value *a, int n, Value *r) { return search_typed(g, a, n, r, "sort.SearchInts", WANT_INTS); }
static int f_searchfloat64s(G *g, Value *a, int n, Value *r) { return search_typed(g, a, n, r, "sort.SearchFloat64s", WANT_FLOATS); }
static int f_searchstrings(G *g, Value *a, int n, Value *r) { return search_typed(g, a, n, r, "sort.SearchStrings", WANT_STRINGS); }

/* ------------------------------------ IntSlice, Float64Slice, StringSlice */

static int want_of(Value recv)
{
    Type *t = goro_type_of(recv);
    return t == intslice_t ? WANT_INTS : t == f64slice_t ? WANT_FLOATS : WANT_STRINGS;
}

static int m_len(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g);
    GORO_UNUSED(nargs);
    res[0] = goro_int(args[0].aux);
    return 1;
}

static int check_index(G *g, int64_t i, int64_t n)
{
    if (i < 0)
        return goro_runtime_error(g, "index out of range [%lld]", (long long)i);
    if (i >= n)
        return goro_runtime_error(g, "index out of range [%lld] with length %lld", (long long)i,
                                  (long long)n);
    return 0;
}

static int index_args(G *g, Value *args, int nargs, int64_t *i, int64_t *j)
{
    if (!goro_arg_int(args, nargs, 1, i) || !goro_arg_int(args, nargs, 2, j))
        return goro_runtime_error(g, "%s: want (i, j int)", tname(args[0]));
    if (check_index(g, *i, args[0].aux) || check_index(g, *j, args[0].aux))
        return GORO_NATIVE_PANIC;
    return 0;
}

static int m_less(G *g, Value *args, int nargs, Value *res)
{
    int64_t i, j;
    if (index_args(g, args, nargs, &i, &j))
        return GORO_NATIVE_PANIC;
    Value *d = goro_slice_data(args[0]);
    GoroOrd o = goro_ord_pair(d[i], d[j]);
    if (o == GORO_ORD_NONE)
        return goro_ord_error(g, "Less", d[i], d[j]);
    if (want_of(args[0]) == WANT_FLOATS)
        o = GORO_ORD_FLOAT;
    res[0] = goro_bool(goro_ord_less(o, d[i], d[j]));
    return 1;
}

static int m_swap(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    int64_t i, j;
    if (index_args(g, args, nargs, &i, &j))
        return GORO_NATIVE_PANIC;
    Value *d = goro_slice_data(args[0]);
    Value t = d[i];
    d[i] = d[j];
    d[j] = t;
    return 0;
}

static int m_sort(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    return sort_typed(g, args, nargs, goro_sprintf("%s.Sort", tname(args[0])), want_of(args[0]));
}

static int m_search(G *g, Value *args, int nargs, Value *res)
{
    return search_typed(g, args, nargs, res, goro_sprintf("%s.Search", tname(args[0])),
                        want_of(args[0]));
}

static Type *slice_type(Package *p, const char *name, Type *under)
{
    Type *t = goro_type_named("sort", name, under);
    goro_pkg_type(p, name, t);
    goro_pkg_method(t, "Len", m_len);
    goro_pkg_method(t, "Less", m_less);
    goro_pkg_method(t, "Swap", m_swap);
    goro_pkg_method(t, "Sort", m_sort);
    goro_pkg_method(t, "Search", m_search);
    return t;
}

void goro_pkg_sort_init(void)
{
    Package *p = goro_pkg_new("sort");
    s_len = goro_intern_cstr("Len");
    s_less = goro_intern_cstr("Less");
    s_swap = goro_intern_cstr("Swap");

    const char **ms = goro_alloc(3 * sizeof *ms);
    ms[0] = s_len;
    ms[1] = s_less;
    ms[2] = s_swap;
    iface_t = goro_type_named("sort", "Interface", goro_type_iface(3, ms));
    goro_pkg_type(p, "Interface", iface_t);

    const char **fnames = goro_alloc(sizeof *fnames);
    Type **ftypes = goro_alloc(sizeof *ftypes);
    bool *emb = goro_alloc(sizeof *emb);
    fnames[0] = goro_intern_cstr("Interface");
    ftypes[0] = iface_t;
    emb[0] = true;
    rev_t = goro_type_named("sort", "reverse", goro_type_struct(1, fnames, ftypes, emb));
    goro_pkg_method(rev_t, "Less", rev_less);
    revptr_t = goro_type_ptr(rev_t);

    intslice_t = slice_type(p, "IntSlice", goro_type_slice(goro_t_int));
    f64slice_t = slice_type(p, "Float64Slice", goro_type_slice(goro_t_float64));
    strslice_t = slice_type(p, "StringSlice", goro_type_slice(goro_t_string));

    goro_pkg_func(p, "Sort", f_sort);
    goro_pkg_func(p, "Stable", f_stable);
    goro_pkg_func(p, "IsSorted", f_issorted);
    goro_pkg_func(p, "Reverse", f_reverse);
    goro_pkg_func(p, "Slice", f_slice);
    goro_pkg_func(p, "SliceStable", f_slicestable);
    goro_pkg_func(p, "SliceIsSorted", f_sliceissorted);
    goro_pkg_func(p, "Ints", f_ints);
    goro_pkg_func(p, "Float64s", f_float64s);
    goro_pkg_func(p, "Strings", f_strings);
    goro_pkg_func(p, "IntsAreSorted", f_intsaresorted);
    goro_pkg_func(p, "Float64sAreSorted", f_float64saresorted);
    goro_pkg_func(p, "StringsAreSorted", f_stringsaresorted);
    goro_pkg_func(p, "Search", f_search);
    goro_pkg_func(p, "Find", f_find);
    goro_pkg_func(p, "SearchInts", f_searchints);
    goro_pkg_func(p, "SearchFloat64s", f_searchfloat64s);
    goro_pkg_func(p, "SearchStrings", f_searchstrings);
}
