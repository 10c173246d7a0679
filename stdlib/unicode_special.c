/* unicode_special.c: unicode's case-range types: CaseRange, SpecialCase
 * with its ToUpper/ToLower/ToTitle methods, TurkishCase and AzeriCase,
 * and CaseRanges (Go's own table, unicode.c's).  strings and bytes'
 * To*Special read a SpecialCase through goro_unicode_special_read.
 *
 * A CaseRange is a goro struct {Lo, Hi uint32; Delta [3]rune} (Go's
 * Delta has the unexported type d, [MaxCase]rune), so a program can
 * build its own SpecialCase from literals as in Go. */
#include "pkg.h"
#include "unicode_special.h"
#include "unicode_tables.h"
#include "vm.h"

static Type *caserange_t, *special_t;

/* Go's _TurkishCase: dotted and dotless i. */
static const UCase turkish[] = {
    {0x49, 0x49, {0, 0x131 - 0x49, 0}},
    {0x69, 0x69, {0x130 - 0x69, 0, 0x130 - 0x69}},
    {0x130, 0x130, {0, 0x69 - 0x130, 0}},
    {0x131, 0x131, {0x49 - 0x131, 0, 0x49 - 0x131}},
};

static Value caserange_value(const UCase *c)
{
    Value v = goro_type_zero(caserange_t);
    Struct *s = v.u.p;
    s->f[0] = goro_typed(goro_int(c->lo), goro_t_uint32);
    s->f[1] = goro_typed(goro_int(c->hi), goro_t_uint32);
    Array *d = s->f[2].u.p;
    for (int k = 0; k < 3; k++)
        d->v[k] = goro_rune(c->delta[k]);
    return v;
}

static Value special_value(const UCase *t, int n)
{
    Value v = goro_slice_new(TT(VK_SLICE, special_t->id), n, n);
    Value *d = goro_slice_data(v);
    for (int i = 0; i < n; i++)
        d[i] = caserange_value(&t[i]);
    return v;
}

static bool int_field(Value v, int64_t *out)
{
    if (VKIND(v) != VK_INT)
        return false;
    *out = v.u.i;
    return true;
}

bool goro_unicode_special_read(Value v, UCase **out, int *n)
{
    *out = NULL;
    *n = 0;
    if (VKIND(v) == VK_NIL || (VKIND(v) == VK_SLICE && !v.u.p))
        return true;
    if (VKIND(v) != VK_SLICE)
        return false;
    const Value *d = goro_slice_data(v);
    UCase *t = goro_alloc_atomic(sizeof *t * (v.aux ? v.aux : 1));
    for (uint32_t i = 0; i < v.aux; i++) {
        if (VKIND(d[i]) != VK_STRUCT)
            return false;
        const Struct *s = d[i].u.p;
        int64_t lo, hi;
        if (s->n != 3 || !int_field(s->f[0], &lo) || !int_field(s->f[1], &hi) ||
            VKIND(s->f[2]) != VK_ARRAY)
            return false;
        const Array *a = s->f[2].u.p;
        if (a->len != 3)
            return false;
        t[i].lo = (uint32_t)lo;
        t[i].hi = (uint32_t)hi;
        for (int k = 0; k < 3; k++) {
            int64_t dk;
            if (!int_field(a->v[k], &dk))
                return false;
            t[i].delta[k] = (int32_t)dk;
        }
    }
    *out = t;
    *n = (int)v.aux;
    return true;
}

int32_t goro_unicode_special_to(const UCase *t, int n, int kase, int32_t r)
{
    bool found;
    int32_t m = goro_unicode_case_lookup(t, n, kase, r, &found);
    return m == r && !found ? goro_unicode_to(kase, r) : m;
}

/* SpecialCase.ToUpper/ToLower/ToTitle(r) */
static int special_method(G *g, Value *args, int nargs, Value *res, const char *fn, int kase)
{
    UCase *t;
    int n;
    if (nargs < 2 || !goro_unicode_special_read(args[0], &t, &n) || VKIND(args[1]) != VK_INT)
        return goro_runtime_error(g, "unicode.SpecialCase.%s: argument must be a rune", fn);
    res[0] = goro_rune(goro_unicode_special_to(t, n, kase, (int32_t)args[1].u.i));
    return 1;
}

#define SC_METHOD(cname, goname, kase) \
    static int cname(G *g, Value *args, int nargs, Value *res) { return special_method(g, args, nargs, res, goname, kase); }
SC_METHOD(sc_toupper, "ToUpper", GORO_UPPER_CASE)
SC_METHOD(sc_tolower, "ToLower", GORO_LOWER_CASE)
SC_METHOD(sc_totitle, "ToTitle", GORO_TITLE_CASE)

void goro_unicode_special_init(Package *p)
{
    const char **names = goro_alloc(3 * sizeof *names);
    Type **types = goro_alloc(3 * sizeof *types);
    names[0] = goro_intern_cstr("Lo");
    names[1] = goro_intern_cstr("Hi");
    names[2] = goro_intern_cstr("Delta");
    types[0] = goro_t_uint32;
    types[1] = goro_t_uint32;
    types[2] = goro_type_array(goro_t_int32, 3);
    caserange_t = goro_type_named("unicode", "CaseRange", goro_type_struct(3, names, types, NULL));
    goro_pkg_type(p, "CaseRange", caserange_t);
    special_t = goro_type_named("unicode", "SpecialCase", goro_type_slice(caserange_t));
    goro_pkg_type(p, "SpecialCase", special_t);
    goro_type_add_method(special_t, goro_intern_cstr("ToUpper"),
                         goro_native_value("unicode.SpecialCase.ToUpper", sc_toupper), false);
    goro_type_add_method(special_t, goro_intern_cstr("ToLower"),
                         goro_native_value("unicode.SpecialCase.ToLower", sc_tolower), false);
    goro_type_add_method(special_t, goro_intern_cstr("ToTitle"),
                         goro_native_value("unicode.SpecialCase.ToTitle", sc_totitle), false);
    int nt = (int)(sizeof turkish / sizeof turkish[0]);
    Value tr = special_value(turkish, nt);   /* one table, as Go's _TurkishCase */
    goro_pkg_var(p, "TurkishCase", tr);
    goro_pkg_var(p, "AzeriCase", tr);
    Value all = special_value(goro_unicode_case_ranges, goro_unicode_ncase_ranges);
    all.tt = TT(VK_SLICE, goro_type_slice(caserange_t)->id);
    goro_pkg_var(p, "CaseRanges", all);
}
