/* slices.c: the slices package (Go 1.21+ API), less the sorting and
 * searching functions (slices_sort.c): Equal, Index, Contains, Insert,
 * Delete, Replace, Clone, Compact, Grow, Clip, Reverse, Concat, Repeat
 * and their Func forms.  (Sorting and searching: slices_sort.c; the
 * iterator functions Values, All, Collect, Sorted: iter.c.)
 *
 * Each follows the newest Go's code for what it writes where: results
 * alias the argument's backing array exactly when Go's do, growth goes
 * through append (so capacities match Go's size classes), vacated
 * elements are zeroed (Go 1.22), and results keep the argument's type
 * ([]int, a named slice type).  Index errors use Go's run-time texts
 * for the slice expression Go's code evaluates. */
#include "sort_impl.h"

static const char *tname(Value v) { return goro_type_of(v)->name; }

/* ------------------------------------------------------------ helpers */

bool goro_slices_arg(G *g, const char *fn, Value *args, int nargs, int i, Value *out)
{
    if (nargs <= i) {
        goro_runtime_error(g, "not enough arguments in call to %s", fn);
        return false;
    }
    Value v = args[i];
    if (VKIND(v) == VK_NIL) {   /* untyped nil: a nil []interface {} */
        v.tt = VK_SLICE;
        v.aux = 0;
        v.u.p = NULL;
    } else if (VKIND(v) != VK_SLICE) {
        goro_runtime_error(g, "%s: argument %d is %s, not a slice", fn, i + 1, tname(v));
        return false;
    }
    *out = v;
    return true;
}

int goro_slices_call(G *g, const char *fn, Value f, Value *a, int n, int kind, Value *out)
{
    for (int i = 0; i < n; i++)
        a[i] = goro_sort_arg(a[i]);
    Value r = goro_nil();
    if (goro_sort_vm_call(g, f, a, n, &r, 1) < 0)
        return GORO_NATIVE_PANIC;
    if ((int)VKIND(r) != kind)
        return goro_runtime_error(g, "%s: the function returned %s, not %s", fn, tname(r),
                                  kind == VK_BOOL ? "bool" : "int");
    *out = r;
    return 0;
}

Type *goro_slices_elem(Value s)
{
    Type *t = goro_type_of(s)->under;
    return t->kind == TY_SLICE ? t->elem : NULL;
}

static Value zero_of(Type *elem) { return elem ? goro_type_zero(elem) : goro_nil(); }

/* v as stored into a slice of [elem]s (1 to 1.0 in a []float64). */
static Value store(Type *elem, Value v)
{
    if (elem && elem->coerce)
        v = goro_type_coerce(elem, v);
    return goro_sort_arg(v);
}

/* s[lo:hi] (within cap), sharing the backing array. */
static Value reslice(Value s, int64_t lo, int64_t hi)
{
    if (lo == 0 || !s.u.p) {
        s.aux = (uint32_t)hi;
        return s;
    }
    SliceHdr *h = goro_alloc(sizeof *h);
    h->data = goro_slice_data(s) + lo;
    h->cap = goro_slice_cap(s) - lo;
    s.u.p = h;
    s.aux = (uint32_t)(hi - lo);
    return s;
}

static void clear_range(Value *d, int64_t lo, int64_t hi, Type *elem)
{
    for (int64_t i = lo; i < hi; i++)
        d[i] = zero_of(elem);
}

/* args[from..nargs) as [elem]s in a fresh array (args may move). */
static Value *take_values(Value *args, int nargs, int from, Type *elem, int64_t *m)
{
    *m = nargs > from ? nargs - from : 0;
    Value *v = goro_alloc(sizeof(Value) * (size_t)(*m ? *m : 1));
    for (int64_t i = 0; i < *m; i++)
        v[i] = store(elem, args[from + i]);
    return v;
}

static int arg_index(G *g, const char *fn, Value *args, int nargs, int i, int64_t *out)
{
    if (!goro_arg_int(args, nargs, i, out))
        return goro_runtime_error(g, "%s: argument %d must be an int", fn, i + 1);
    return 0;
}

static int equal_values(G *g, Value a, Value b, bool *eq)
{
    const char *err = NULL;
    *eq = goro_value_equal(a, b, &err);
    if (err)
        return goro_runtime_error(g, "%s", err);
    return 0;
}

/* --------------------------------------------------- equality, search */

static int f_equal(G *g, Value *args, int nargs, Value *res)
{
    Value a, b;
    if (!goro_slices_arg(g, "slices.Equal", args, nargs, 0, &a) ||
        !goro_slices_arg(g, "slices.Equal", args, nargs, 1, &b))
        return GORO_NATIVE_PANIC;
    bool eq = a.aux == b.aux;
    for (uint32_t i = 0; eq && i < a.aux; i++)
        if (equal_values(g, goro_slice_data(a)[i], goro_slice_data(b)[i], &eq))
            return GORO_NATIVE_PANIC;
    res[0] = goro_bool(eq);
    return 1;
}

static int f_equalfunc(G *g, Value *args, int nargs, Value *res)
{
    Value a, b;
    if (!goro_slices_arg(g, "slices.EqualFunc", args, nargs, 0, &a) ||
        !goro_slices_arg(g, "slices.EqualFunc", args, nargs, 1, &b) || nargs < 3)
        return nargs < 3 ? goro_runtime_error(g, "not enough arguments in call to slices.EqualFunc")
                         : GORO_NATIVE_PANIC;
    Value f = args[2];
    bool eq = a.aux == b.aux;
    for (uint32_t i = 0; eq && i < a.aux; i++) {
        Value ab[2] = {goro_slice_data(a)[i], goro_slice_data(b)[i]}, r;
        if (goro_slices_call(g, "slices.EqualFunc", f, ab, 2, VK_BOOL, &r))
            return GORO_NATIVE_PANIC;
        eq = r.u.i;
    }
    res[0] = goro_bool(eq);
    return 1;
}

static int index_of(G *g, Value *args, int nargs, int64_t *at, const char *fn)
{
    Value s;
    if (!goro_slices_arg(g, fn, args, nargs, 0, &s))
        return GORO_NATIVE_PANIC;
    if (nargs < 2)
        return goro_runtime_error(g, "not enough arguments in call to %s", fn);
    Value v = store(goro_slices_elem(s), args[1]);
    *at = -1;
    for (uint32_t i = 0; i < s.aux; i++) {
        bool eq;
        if (equal_values(g, v, goro_slice_data(s)[i], &eq))
            return GORO_NATIVE_PANIC;
        if (eq) {
            *at = i;
            break;
        }
    }
    return 0;
}

static int index_func(G *g, Value *args, int nargs, int64_t *at, const char *fn)
{
    Value s;
    if (!goro_slices_arg(g, fn, args, nargs, 0, &s))
        return GORO_NATIVE_PANIC;
    if (nargs < 2)
        return goro_runtime_error(g, "not enough arguments in call to %s", fn);
    Value f = args[1];
    *at = -1;
    for (uint32_t i = 0; i < s.aux; i++) {
        Value a = goro_slice_data(s)[i], r;
        if (goro_slices_call(g, fn, f, &a, 1, VK_BOOL, &r))
            return GORO_NATIVE_PANIC;
        if (r.u.i) {
            *at = i;
            break;
        }
    }
    return 0;
}

static int f_index(G *g, Value *args, int nargs, Value *res)
{
    int64_t at;
    if (index_of(g, args, nargs, &at, "slices.Index"))
        return GORO_NATIVE_PANIC;
    res[0] = goro_int(at);
    return 1;
}

static int f_contains(G *g, Value *args, int nargs, Value *res)
{
    int64_t at;
    if (index_of(g, args, nargs, &at, "slices.Contains"))
        return GORO_NATIVE_PANIC;
    res[0] = goro_bool(at >= 0);
    return 1;
}

static int f_indexfunc(G *g, Value *args, int nargs, Value *res)
{
    int64_t at;
    if (index_func(g, args, nargs, &at, "slices.IndexFunc"))
        return GORO_NATIVE_PANIC;
    res[0] = goro_int(at);
    return 1;
}

static int f_containsfunc(G *g, Value *args, int nargs, Value *res)
{
    int64_t at;
    if (index_func(g, args, nargs, &at, "slices.ContainsFunc"))
        return GORO_NATIVE_PANIC;
    res[0] = goro_bool(at >= 0);
    return 1;
}

/* --------------------------------------------------- insert, delete */

/* append(s[:i], a..., b...) where it must reallocate (len > cap(s)). */
static Value append2(Value s, int64_t i, const Value *a, int64_t na, const Value *b, int64_t nb)
{
    Value *all = goro_alloc(sizeof(Value) * (size_t)(na + nb + 1));
    if (na)
        memcpy(all, a, sizeof(Value) * (size_t)na);
    if (nb)
        memcpy(all + na, b, sizeof(Value) * (size_t)nb);
    return goro_slice_append(reslice(s, 0, i), all, na + nb);
}

/* Insert's work once s[i:] is known valid: v[0..m) go in at i. */
static Value insert_at(Value s, int64_t i, Value *v, int64_t m)
{
    int64_t n = s.aux, cap = goro_slice_cap(s);
    if (m == 0)
        return s;
    Value *d = goro_slice_data(s);
    if (i == n)
        return goro_slice_append(s, v, m);
    if (n + m > cap)
        return append2(s, i, v, m, d + i, n - i);
    memmove(d + i + m, d + i, sizeof(Value) * (size_t)(n - i));
    goro_values_copy(d + i, v, m);   /* structs and arrays are values */
    return reslice(s, 0, n + m);
}

/* slices.Insert(s, i, v...): Go checks s[i:] first. */
static int f_insert(G *g, Value *args, int nargs, Value *res)
{
    Value s;
    int64_t i, m;
    if (!goro_slices_arg(g, "slices.Insert", args, nargs, 0, &s) ||
        arg_index(g, "slices.Insert", args, nargs, 1, &i))
        return GORO_NATIVE_PANIC;
    if (i < 0)
        return goro_runtime_error(g, "slice bounds out of range [%lld:]", (long long)i);
    if (i > s.aux)
        return goro_runtime_error(g, "slice bounds out of range [%lld:%u]", (long long)i, s.aux);
    Value *v = take_values(args, nargs, 2, goro_slices_elem(s), &m);
    res[0] = insert_at(s, i, v, m);
    return 1;
}

/* slices.Delete(s, i, j): Go checks s[i:j:len(s)]. */
static int f_delete(G *g, Value *args, int nargs, Value *res)
{
    Value s;
    int64_t i, j;
    if (!goro_slices_arg(g, "slices.Delete", args, nargs, 0, &s) ||
        arg_index(g, "slices.Delete", args, nargs, 1, &i) ||
        arg_index(g, "slices.Delete", args, nargs, 2, &j))
        return GORO_NATIVE_PANIC;
    int64_t n = s.aux;
    if (j < 0)
        return goro_runtime_error(g, "slice bounds out of range [:%lld:]", (long long)j);
    if (j > n)
        return goro_runtime_error(g, "slice bounds out of range [:%lld:%lld]", (long long)j, (long long)n);
    if (i < 0)
        return goro_runtime_error(g, "slice bounds out of range [%lld::]", (long long)i);
    if (i > j)
        return goro_runtime_error(g, "slice bounds out of range [%lld:%lld:]", (long long)i, (long long)j);
    if (i < j) {
        Value *d = goro_slice_data(s);
        memmove(d + i, d + j, sizeof(Value) * (size_t)(n - j));
        clear_range(d, n - (j - i), n, goro_slices_elem(s));
        s = reslice(s, 0, n - (j - i));
    }
    res[0] = s;
    return 1;
}

static int f_deletefunc(G *g, Value *args, int nargs, Value *res)
{
    Value s;
    if (!goro_slices_arg(g, "slices.DeleteFunc", args, nargs, 0, &s))
        return GORO_NATIVE_PANIC;
    if (nargs < 2)
        return goro_runtime_error(g, "not enough arguments in call to slices.DeleteFunc");
    Value f = args[1];
    Value *d = goro_slice_data(s);
    int64_t n = s.aux, i = 0;
    bool found = false;
    for (int64_t j = 0; j < n; j++) {
        Value a = d[j], r;
        if (goro_slices_call(g, "slices.DeleteFunc", f, &a, 1, VK_BOOL, &r))
            return GORO_NATIVE_PANIC;
        if (!r.u.i) {
            if (found)
                d[i] = d[j];
            i++;
        } else {
            found = true;
        }
    }
    if (found) {
        clear_range(d, i, n, goro_slices_elem(s));
        s = reslice(s, 0, i);
    }
    res[0] = s;
    return 1;
}

/* slices.Replace(s, i, j, v...): Go checks s[i:j], then s[j:]. */
static int f_replace(G *g, Value *args, int nargs, Value *res)
{
    Value s;
    int64_t i, j, m;
    if (!goro_slices_arg(g, "slices.Replace", args, nargs, 0, &s) ||
        arg_index(g, "slices.Replace", args, nargs, 1, &i) ||
        arg_index(g, "slices.Replace", args, nargs, 2, &j))
        return GORO_NATIVE_PANIC;
    int64_t n = s.aux, cap = goro_slice_cap(s);
    if (j < 0)
        return goro_runtime_error(g, "slice bounds out of range [:%lld]", (long long)j);
    if (j > cap)
        return goro_runtime_error(g, "slice bounds out of range [:%lld] with capacity %lld",
                                  (long long)j, (long long)cap);
    if (i < 0)
        return goro_runtime_error(g, "slice bounds out of range [%lld:]", (long long)i);
    if (i > j)
        return goro_runtime_error(g, "slice bounds out of range [%lld:%lld]", (long long)i, (long long)j);
    if (j > n)
        return goro_runtime_error(g, "slice bounds out of range [%lld:%lld]", (long long)j, (long long)n);
    Type *elem = goro_slices_elem(s);
    Value *v = take_values(args, nargs, 3, elem, &m);
    if (i == j) {
        res[0] = insert_at(s, i, v, m);
        return 1;
    }
    Value *d = goro_slice_data(s);
    int64_t tot = i + m + (n - j);
    if (tot > cap) {
        res[0] = append2(s, i, v, m, d + j, n - j);
        return 1;
    }
    memmove(d + i + m, d + j, sizeof(Value) * (size_t)(n - j));
    goro_values_copy(d + i, v, m);   /* structs and arrays are values */
    if (tot < n)
        clear_range(d, tot, n, elem);
    res[0] = reslice(s, 0, tot);
    return 1;
}

/* ----------------------------------------------------- copies, shape */

static int f_clone(G *g, Value *args, int nargs, Value *res)
{
    Value s;
    if (!goro_slices_arg(g, "slices.Clone", args, nargs, 0, &s))
        return GORO_NATIVE_PANIC;
    if (!s.u.p) {
        res[0] = s;   /* nil stays nil */
        return 1;
    }
    /* append(S{}, s...) */
    Value *items = goro_alloc(sizeof(Value) * (size_t)(s.aux ? s.aux : 1));
    for (uint32_t i = 0; i < s.aux; i++)
        items[i] = goro_sort_arg(goro_slice_data(s)[i]);
    res[0] = goro_slice_append(goro_slice_new(s.tt, 0, 0), items, s.aux);
    return 1;
}

static int compact(G *g, Value *args, int nargs, Value *res, bool func)
{
    const char *fn = func ? "slices.CompactFunc" : "slices.Compact";
    Value s, f = goro_nil();
    if (!goro_slices_arg(g, fn, args, nargs, 0, &s))
        return GORO_NATIVE_PANIC;
    if (func) {
        if (nargs < 2)
            return goro_runtime_error(g, "not enough arguments in call to %s", fn);
        f = args[1];
    }
    int64_t n = s.aux;
    if (n < 2) {
        res[0] = s;
        return 1;
    }
    Value *d = goro_slice_data(s);
    int64_t i = 1;
    for (int64_t k = 1; k < n; k++) {
        bool eq;
        if (func) {
            Value ab[2] = {d[k], d[k - 1]}, r;
            if (goro_slices_call(g, fn, f, ab, 2, VK_BOOL, &r))
                return GORO_NATIVE_PANIC;
            eq = r.u.i;
        } else if (equal_values(g, d[k], d[k - 1], &eq)) {
            return GORO_NATIVE_PANIC;
        }
        if (!eq) {
            if (i != k)
                d[i] = d[k];
            i++;
        }
    }
    clear_range(d, i, n, goro_slices_elem(s));
    res[0] = reslice(s, 0, i);
    return 1;
}

static int f_compact(G *g, Value *a, int n, Value *r) { return compact(g, a, n, r, false); }
static int f_compactfunc(G *g, Value *a, int n, Value *r) { return compact(g, a, n, r, true); }

/* n fresh zero values of [elem]. */
static Value *zeros(Type *elem, int64_t n)
{
    Value *z = goro_alloc(sizeof(Value) * (size_t)(n ? n : 1));
    for (int64_t i = 0; i < n; i++)
        z[i] = zero_of(elem);
    return z;
}

static int f_grow(G *g, Value *args, int nargs, Value *res)
{
    Value s;
    int64_t n;
    if (!goro_slices_arg(g, "slices.Grow", args, nargs, 0, &s) ||
        arg_index(g, "slices.Grow", args, nargs, 1, &n))
        return GORO_NATIVE_PANIC;
    if (n < 0)
        return goro_panic_str(g, "cannot be negative");
    int64_t len = s.aux, cap = goro_slice_cap(s);
    n -= cap - len;
    if (n > 0) {
        if (cap + n > ((int64_t)1 << 31))
            return goro_runtime_error(g, "growslice: len out of range");
        s = goro_slice_append(reslice(s, 0, cap), zeros(goro_slices_elem(s), n), n);
        s.aux = (uint32_t)len;
    }
    res[0] = s;
    return 1;
}

static int f_clip(G *g, Value *args, int nargs, Value *res)
{
    Value s;
    if (!goro_slices_arg(g, "slices.Clip", args, nargs, 0, &s))
        return GORO_NATIVE_PANIC;
    if (s.u.p && goro_slice_cap(s) != s.aux) {
        SliceHdr *h = goro_alloc(sizeof *h);
        h->data = goro_slice_data(s);
        h->cap = s.aux;
        s.u.p = h;
    }
    res[0] = s;
    return 1;
}

static int f_reverse(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    Value s;
    if (!goro_slices_arg(g, "slices.Reverse", args, nargs, 0, &s))
        return GORO_NATIVE_PANIC;
    Value *d = goro_slice_data(s);
    for (int64_t i = 0, j = (int64_t)s.aux - 1; i < j; i++, j--) {
        Value t = d[i];
        d[i] = d[j];
        d[j] = t;
    }
    return 0;
}

static int f_concat(G *g, Value *args, int nargs, Value *res)
{
    int64_t size = 0;
    Value first = goro_ptrval(VK_SLICE, NULL);
    for (int k = 0; k < nargs; k++) {
        Value s;
        if (!goro_slices_arg(g, "slices.Concat", args, nargs, k, &s))
            return GORO_NATIVE_PANIC;
        if (k == 0)
            first = s;
        size += s.aux;
    }
    if (size > ((int64_t)1 << 31))
        return goro_panic_str(g, "len out of range");
    Value *all = goro_alloc(sizeof(Value) * (size_t)(size ? size : 1));
    int64_t at = 0;
    for (int k = 0; k < nargs; k++)
        for (uint32_t i = 0; i < args[k].aux && VKIND(args[k]) == VK_SLICE; i++)
            all[at++] = goro_sort_arg(goro_slice_data(args[k])[i]);
    Value nil = first;
    nil.u.p = NULL;
    nil.aux = 0;
    res[0] = goro_slice_append(nil, all, size);   /* Grow(nil, size), then the appends */
    if (size == 0)
        res[0] = nil;
    return 1;
}

static int f_repeat(G *g, Value *args, int nargs, Value *res)
{
    Value s;
    int64_t count;
    if (!goro_slices_arg(g, "slices.Repeat", args, nargs, 0, &s) ||
        arg_index(g, "slices.Repeat", args, nargs, 1, &count))
        return GORO_NATIVE_PANIC;
    if (count < 0)
        return goro_panic_str(g, "cannot be negative");
    __int128 total = (__int128)s.aux * count;
    if (total > INT64_MAX)
        return goro_panic_str(g, "the result of (len(x) * count) overflows");
    if (total > ((int64_t)1 << 31))
        return goro_runtime_error(g, "makeslice: len out of range");
    Value out = goro_slice_new(s.tt, (int64_t)total, (int64_t)total);
    Value *d = goro_slice_data(out), *src = goro_slice_data(s);
    for (int64_t i = 0; i < (int64_t)total; i++)
        d[i] = goro_sort_arg(src[i % s.aux]);
    res[0] = out;
    return 1;
}

void goro_pkg_slices_init(void)
{
    Package *p = goro_pkg_new("slices");
    goro_pkg_func(p, "Equal", f_equal);
    goro_pkg_func(p, "EqualFunc", f_equalfunc);
    goro_pkg_func(p, "Index", f_index);
    goro_pkg_func(p, "IndexFunc", f_indexfunc);
    goro_pkg_func(p, "Contains", f_contains);
    goro_pkg_func(p, "ContainsFunc", f_containsfunc);
    goro_pkg_func(p, "Insert", f_insert);
    goro_pkg_func(p, "Delete", f_delete);
    goro_pkg_func(p, "DeleteFunc", f_deletefunc);
    goro_pkg_func(p, "Replace", f_replace);
    goro_pkg_func(p, "Clone", f_clone);
    goro_pkg_func(p, "Compact", f_compact);
    goro_pkg_func(p, "CompactFunc", f_compactfunc);
    goro_pkg_func(p, "Grow", f_grow);
    goro_pkg_func(p, "Clip", f_clip);
    goro_pkg_func(p, "Reverse", f_reverse);
    goro_pkg_func(p, "Concat", f_concat);
    goro_pkg_func(p, "Repeat", f_repeat);
    goro_slices_sort_init(p);
    goro_iter_slices_init(p);
}
