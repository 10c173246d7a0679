/* iter.c: the Go 1.23 iterator functions of maps and slices: maps.Keys,
 * maps.Values, maps.All, slices.Values, slices.All (each returns an
 * iter.Seq or iter.Seq2: a func(yield) that calls yield for each item
 * until it returns false) and slices.Collect, slices.AppendSeq and
 * slices.Sorted, which drain one.
 *
 * An iterator is a method value (VK_BOUND): the map or slice bound to
 * the native that walks it, so it is an ordinary func value a program
 * may call with its own yield.  Collect's yield is likewise a native
 * bound to the slice it appends to.  `for k := range maps.Keys(m)`
 * works through the compiler's rewrite (src/rangefunc.c): the loop body
 * becomes the yield function.  Yield functions are called back with
 * goro_vm_call, so they cannot park (a channel operation in the body of a
 * loop over these polls instead).
 *
 * The iter package itself holds the types Seq and Seq2: named func
 * types, generic in name only (one type for every instance). */
#include "sort_impl.h"

static Value seq_keys, seq_values, seq_all, seq_svalues, seq_sall, yield_append;

static Value bound(Value recv, Value fn)
{
    Bound *b = goro_alloc(sizeof *b);
    b->recv = recv;
    b->fn = fn;
    return goro_ptrval(VK_BOUND, b);
}

/* yield(a...) as the iterators call it: false when it returned false. */
static int yield(G *g, Value y, Value *a, int n, bool *more)
{
    Value r;
    if (goro_slices_call(g, "yield", y, a, n, VK_BOOL, &r))
        return GORO_NATIVE_PANIC;
    *more = r.u.i;
    return 0;
}

/* ---------------------------------------------------------- iterators */

/* The walks: args[0] is the bound map or slice, args[1] the yield. */
static int walk_map(G *g, Value *args, int nargs, int what)
{
    if (nargs < 2)
        return goro_runtime_error(g, "not enough arguments in call to iterator");
    Value y = args[1];
    Map *m = args[0].u.p;
    if (!m)
        return 0;
    MapIter it;
    Value k, v;
    bool more = true;
    goro_map_iter_init(&it, m);
    while (more && goro_map_iter_next(&it, &k, &v)) {
        Value a[2] = {what == 1 ? v : k, v};
        if (yield(g, y, a, what == 2 ? 2 : 1, &more))
            return GORO_NATIVE_PANIC;
    }
    return 0;
}

static int w_keys(G *g, Value *a, int n, Value *r) { GORO_UNUSED(r); return walk_map(g, a, n, 0); }
static int w_values(G *g, Value *a, int n, Value *r) { GORO_UNUSED(r); return walk_map(g, a, n, 1); }
static int w_all(G *g, Value *a, int n, Value *r) { GORO_UNUSED(r); return walk_map(g, a, n, 2); }

static int walk_slice(G *g, Value *args, int nargs, bool with_index)
{
    if (nargs < 2)
        return goro_runtime_error(g, "not enough arguments in call to iterator");
    Value s = args[0], y = args[1];
    bool more = true;
    for (uint32_t i = 0; more && i < s.aux; i++) {
        Value a[2] = {goro_int(i), goro_slice_data(s)[i]};
        if (yield(g, y, with_index ? a : a + 1, with_index ? 2 : 1, &more))
            return GORO_NATIVE_PANIC;
    }
    return 0;
}

static int w_svalues(G *g, Value *a, int n, Value *r) { GORO_UNUSED(r); return walk_slice(g, a, n, false); }
static int w_sall(G *g, Value *a, int n, Value *r) { GORO_UNUSED(r); return walk_slice(g, a, n, true); }

static int map_seq(G *g, Value *args, int nargs, Value *res, const char *fn, Value walker)
{
    if (nargs < 1 || (VKIND(args[0]) != VK_MAP && VKIND(args[0]) != VK_NIL))
        return goro_runtime_error(g, "%s: argument 1 must be a map", fn);
    res[0] = bound(args[0], walker);
    return 1;
}

static int f_keys(G *g, Value *a, int n, Value *r) { return map_seq(g, a, n, r, "maps.Keys", seq_keys); }
static int f_values(G *g, Value *a, int n, Value *r) { return map_seq(g, a, n, r, "maps.Values", seq_values); }
static int f_mall(G *g, Value *a, int n, Value *r) { return map_seq(g, a, n, r, "maps.All", seq_all); }

static int slice_seq(G *g, Value *args, int nargs, Value *res, const char *fn, Value walker)
{
    Value s;
    if (!goro_slices_arg(g, fn, args, nargs, 0, &s))
        return GORO_NATIVE_PANIC;
    res[0] = bound(s, walker);
    return 1;
}

static int f_svalues(G *g, Value *a, int n, Value *r) { return slice_seq(g, a, n, r, "slices.Values", seq_svalues); }
static int f_sall(G *g, Value *a, int n, Value *r) { return slice_seq(g, a, n, r, "slices.All", seq_sall); }

/* ------------------------------------------------------------ draining */

/* The element type of an iterator made here (NULL for others). */
static Type *seq_elem(Value seq)
{
    if (VKIND(seq) != VK_BOUND)
        return NULL;
    Bound *b = seq.u.p;
    if (VKIND(b->fn) != VK_NATIVE || !VTYPEID(b->recv))
        return NULL;
    Type *t = goro_type_of(b->recv)->under;
    Native *w = b->fn.u.p;
    if (w == seq_keys.u.p)
        return t->key;
    if (w == seq_values.u.p || w == seq_svalues.u.p)
        return t->elem;
    return NULL;
}

/* Collect's yield: append the item to the bound slice. */
static int y_append(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g);
    Value *acc = args[0].u.p;
    Type *elem = goro_slices_elem(*acc);
    Value v = nargs > 1 ? args[1] : goro_nil();
    if (elem && elem->coerce)
        v = goro_type_coerce(elem, v);
    v = goro_sort_arg(v);
    *acc = goro_slice_append(*acc, &v, 1);
    res[0] = goro_bool(true);
    return 1;
}

/* Append everything [seq] yields to [s]; with [retype], a []interface {}
 * whose items all have one type becomes a slice of that type. */
static int drain(G *g, Value s, Value seq, bool retype, Value *out)
{
    Box *acc = goro_alloc(sizeof *acc);
    acc->v = s;
    Value y = bound(goro_ptrval(VK_PTR, &acc->v), yield_append);
    if (goro_sort_vm_call(g, seq, &y, 1, NULL, 0) < 0)
        return GORO_NATIVE_PANIC;
    Value r = acc->v;
    if (retype && r.aux) {
        Value *d = goro_slice_data(r);
        bool same = VKIND(d[0]) != VK_NIL;
        for (uint32_t i = 1; same && i < r.aux; i++)
            same = d[i].tt == d[0].tt;
        if (same)
            r.tt = TT(VK_SLICE, goro_type_slice(goro_type_of(d[0]))->id);
    }
    *out = r;
    return 0;
}

static int collect(G *g, Value *args, int nargs, Value *out, const char *fn)
{
    if (nargs < 1)
        return goro_runtime_error(g, "not enough arguments in call to %s", fn);
    Type *elem = seq_elem(args[0]);
    Value nil = goro_ptrval(elem ? TT(VK_SLICE, goro_type_slice(elem)->id) : VK_SLICE, NULL);
    return drain(g, nil, args[0], !elem, out);
}

static int f_collect(G *g, Value *args, int nargs, Value *res)
{
    return collect(g, args, nargs, res, "slices.Collect") ? GORO_NATIVE_PANIC : 1;
}

static int f_sorted(G *g, Value *args, int nargs, Value *res)
{
    Value s;
    if (collect(g, args, nargs, &s, "slices.Sorted"))
        return GORO_NATIVE_PANIC;
    int64_t bad = 0;
    Value *d = goro_slice_data(s);
    GoroOrd o = goro_ord_of(d, s.aux, &bad);
    if (o == GORO_ORD_NONE)
        return goro_ord_error(g, "slices.Sorted", d[0], d[bad]);
    GoroSorter st;
    goro_sorter_ordered(&st, g, d, o);
    goro_sort_pdq(&st, s.aux);
    res[0] = s;
    return 1;
}

static int f_appendseq(G *g, Value *args, int nargs, Value *res)
{
    Value s;
    if (!goro_slices_arg(g, "slices.AppendSeq", args, nargs, 0, &s))
        return GORO_NATIVE_PANIC;
    if (nargs < 2)
        return goro_runtime_error(g, "not enough arguments in call to slices.AppendSeq");
    return drain(g, s, args[1], false, res) ? GORO_NATIVE_PANIC : 1;
}

static void natives(void)
{
    if (VKIND(yield_append) == VK_NATIVE)
        return;
    seq_keys = goro_native_value("maps.Keys.func1", w_keys);
    seq_values = goro_native_value("maps.Values.func1", w_values);
    seq_all = goro_native_value("maps.All.func1", w_all);
    seq_svalues = goro_native_value("slices.Values.func1", w_svalues);
    seq_sall = goro_native_value("slices.All.func1", w_sall);
    yield_append = goro_native_value("slices.AppendSeq.func1", y_append);
}

void goro_iter_maps_init(Package *p)
{
    natives();
    goro_pkg_func(p, "Keys", f_keys);
    goro_pkg_func(p, "Values", f_values);
    goro_pkg_func(p, "All", f_mall);
}

void goro_iter_slices_init(Package *p)
{
    natives();
    goro_pkg_func(p, "Values", f_svalues);
    goro_pkg_func(p, "All", f_sall);
    goro_pkg_func(p, "Collect", f_collect);
    goro_pkg_func(p, "Sorted", f_sorted);
    goro_pkg_func(p, "AppendSeq", f_appendseq);
}

static const ObjClass seq_generic = {.name = "iter.Seq", .ntparams = 1};
static const ObjClass seq2_generic = {.name = "iter.Seq2", .ntparams = 2};

void goro_pkg_iter_init(void)
{
    Package *p = goro_pkg_new("iter");
    Type *seq = goro_type_named("iter", "Seq", goro_t_func);
    seq->cls = &seq_generic;
    goro_pkg_type(p, "Seq", seq);
    Type *seq2 = goro_type_named("iter", "Seq2", goro_t_func);
    seq2->cls = &seq2_generic;
    goro_pkg_type(p, "Seq2", seq2);
}
