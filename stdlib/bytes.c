/* bytes.c: the bytes package's functions on []byte.  They are strings'
 * functions on the same bytes: each converts its []byte arguments to
 * strings, calls the strings native of the same name, and converts the
 * string results back (a [][]byte for a []string).  Buffer and Reader
 * are bytes_buffer.c. */
#include <string.h>

#include "pkg.h"
#include "rw.h"
#include "strings_seq.h"
#include "utf8.h"
#include "vm.h"

void goro_bytes_buffer_init(Package *p);

static Value to_string(Value v)
{
    if (VKIND(v) == VK_SLICE && goro_type_of(v)->elem && goro_type_of(v)->elem->kind == TY_UINT8) {
        size_t n;
        const char *s = goro_rw_bytes(v, &n);
        return goro_str_nocopy(s, (int64_t)n);
    }
    if (VKIND(v) == VK_SLICE && goro_type_of(v)->elem && goro_type_of(v)->elem->kind == TY_SLICE) {
        /* [][]byte -> []string */
        Value *d = goro_slice_data(v);
        Value out = goro_slice_new(TT(VK_SLICE, goro_type_slice(goro_t_string)->id), v.aux, v.aux);
        Value *o = goro_slice_data(out);
        for (uint32_t i = 0; i < v.aux; i++)
            o[i] = to_string(d[i]);
        return out;
    }
    if (VKIND(v) == VK_NIL)
        return goro_str_nocopy("", 0);
    return v;
}

static bool is_nil(Value v) { return VKIND(v) == VK_NIL || (VKIND(v) == VK_SLICE && !v.u.p); }

/* A string result as a new []byte (nil when empty and [nil_empty]); a
 * []string as a [][]byte (a nil one stays nil). */
static Value to_bytes(Value v, bool nil_empty)
{
    if (VKIND(v) == VK_STRING)
        return nil_empty && v.aux == 0 ? goro_rw_nil_slice() : goro_rw_slice(v.u.s, v.aux);
    if (VKIND(v) == VK_SLICE) {
        Type *bb = goro_type_slice(goro_t_bytes);
        if (!v.u.p)
            return goro_ptrval(TT(VK_SLICE, bb->id), NULL);
        Value *d = goro_slice_data(v);
        Value out = goro_slice_new(TT(VK_SLICE, bb->id), v.aux, v.aux);
        Value *o = goro_slice_data(out);
        for (uint32_t i = 0; i < v.aux; i++)
            o[i] = to_bytes(d[i], nil_empty);
        return out;
    }
    return v;
}

/* When a bytes function's empty result is nil, as Go's code makes it:
 * R_COPY never (a new slice); R_EMPTY always (TrimSpace, Trim, ...);
 * R_SUB when it is a subslice of a nil s (TrimPrefix(nil, p), the pieces
 * of Split(nil, sep)); Cut's after also when sep is not found; Replace
 * when no replacement is made in an empty s (its append(nil, s...)). */
enum { R_COPY, R_EMPTY, R_SUB, R_CUT, R_REPLACE };

static bool nil_result(int rule, const Value *args, int nargs, const Value *res, int i)
{
    bool nil0 = nargs > 0 && is_nil(args[0]);
    switch (rule) {
    case R_EMPTY:
        return true;
    case R_SUB:
        return nil0;
    case R_CUT:
        return nil0 || (i == 1 && VKIND(res[2]) == VK_BOOL && !res[2].u.i);
    case R_REPLACE: {
        int64_t n = -1;
        bool old_empty = nargs > 1 && (is_nil(args[1]) || (VKIND(args[1]) == VK_SLICE && !args[1].aux));
        if (nargs > 3)
            goro_arg_int(args, nargs, 3, &n);
        return nargs > 0 && (is_nil(args[0]) || !args[0].aux) && (!old_empty || n == 0);
    }
    default:
        return false;
    }
}

/* strings.[name](args as strings), results back as bytes. */
static int delegate_rule(G *g, const char *name, int rule, Value *args, int nargs, Value *res)
{
    static Package *strings;
    if (!strings)
        strings = goro_pkg_find("strings");
    PkgMember *m = goro_pkg_member(strings, goro_intern_cstr(name));
    Value a[8], orig[8];
    if (nargs > 8)
        nargs = 8;
    for (int i = 0; i < nargs; i++) {
        orig[i] = args[i];
        a[i] = to_string(args[i]);
    }
    int k = ((Native *)m->value.u.p)->fn(g, a, nargs, res);
    for (int i = 0; i < k; i++)
        res[i] = to_bytes(res[i], nil_result(rule, orig, nargs, res, i));
    return k;
}

static int delegate(G *g, const char *name, Value *args, int nargs, Value *res)
{
    return delegate_rule(g, name, R_COPY, args, nargs, res);
}

#define BYTES_FN(name, rule) \
    static int b_##name(G *g, Value *a, int n, Value *r) { return delegate_rule(g, #name, rule, a, n, r); }
#define FNS(X)                                                                                  \
    X(Compare, R_COPY) X(Contains, R_COPY) X(ContainsAny, R_COPY) X(ContainsRune, R_COPY)        \
    X(ContainsFunc, R_COPY) X(Count, R_COPY) X(Index, R_COPY) X(IndexByte, R_COPY)               \
    X(IndexRune, R_COPY) X(IndexAny, R_COPY) X(IndexFunc, R_COPY) X(LastIndex, R_COPY)           \
    X(LastIndexByte, R_COPY) X(LastIndexAny, R_COPY) X(LastIndexFunc, R_COPY)                    \
    X(HasPrefix, R_COPY) X(HasSuffix, R_COPY) X(EqualFold, R_COPY) X(Split, R_SUB)               \
    X(SplitN, R_SUB) X(SplitAfter, R_SUB) X(SplitAfterN, R_SUB) X(Fields, R_SUB)                 \
    X(FieldsFunc, R_SUB) X(ToUpper, R_COPY) X(ToLower, R_COPY) X(ToTitle, R_COPY)                \
    X(Title, R_COPY) X(TrimSpace, R_EMPTY) X(Trim, R_EMPTY) X(TrimLeft, R_EMPTY)                 \
    X(TrimRight, R_SUB) X(TrimPrefix, R_SUB) X(TrimSuffix, R_SUB) X(TrimFunc, R_EMPTY)           \
    X(TrimLeftFunc, R_EMPTY) X(TrimRightFunc, R_SUB) X(Replace, R_REPLACE)                       \
    X(ReplaceAll, R_REPLACE) X(Cut, R_CUT) X(CutPrefix, R_SUB) X(CutSuffix, R_SUB)               \
    X(Map, R_COPY) X(ToValidUTF8, R_COPY) X(ToUpperSpecial, R_COPY) X(ToLowerSpecial, R_COPY)    \
    X(ToTitleSpecial, R_COPY)
FNS(BYTES_FN)

static int b_Equal(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 2)
        return goro_runtime_error(g, "not enough arguments in call to bytes.Equal");
    Value a = to_string(args[0]), b = to_string(args[1]);
    res[0] = goro_bool(a.aux == b.aux && !memcmp(a.u.s, b.u.s, a.aux));
    return 1;
}

static int b_Join(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 2)
        return goro_runtime_error(g, "not enough arguments in call to bytes.Join");
    Value a[2] = {args[0], args[1]};
    if (VKIND(a[0]) == VK_NIL || (VKIND(a[0]) == VK_SLICE && !a[0].u.p))
        a[0] = goro_slice_new(TT(VK_SLICE, goro_type_slice(goro_t_string)->id), 0, 0);
    int k = delegate(g, "Join", a, 2, res);
    /* one element: Go's append([]byte(nil), s[0]...) */
    if (k == 1 && VKIND(a[0]) == VK_SLICE && a[0].aux == 1 && VKIND(res[0]) == VK_SLICE &&
        res[0].aux == 0)
        res[0] = goro_rw_nil_slice();
    return k;
}

static int b_Clone(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g);
    if (nargs < 1 || VKIND(args[0]) != VK_SLICE || !args[0].u.p) {
        res[0] = goro_rw_nil_slice();
        return 1;
    }
    res[0] = to_bytes(to_string(args[0]), false);
    return 1;
}

/* The Go 1.24 iterators (strings_seq.c). */
#define SEQ_NATIVE(cname, kind) \
    static int cname(G *g, Value *args, int nargs, Value *res) { return goro_strings_seq(g, "bytes", kind, true, args, nargs, res); }
SEQ_NATIVE(b_lines, SEQ_LINES)
SEQ_NATIVE(b_splitseq, SEQ_SPLIT)
SEQ_NATIVE(b_splitafterseq, SEQ_SPLITAFTER)
SEQ_NATIVE(b_fieldsseq, SEQ_FIELDS)
SEQ_NATIVE(b_fieldsfuncseq, SEQ_FIELDSFUNC)

/* bytes.Repeat: its panics name bytes. */
static int b_Repeat(G *g, Value *args, int nargs, Value *res)
{
    int64_t count;
    if (nargs >= 2 && goro_arg_int(args, nargs, 1, &count) && VKIND(args[0]) == VK_SLICE) {
        int e = goro_strings_repeat_check(g, "bytes", args[0].aux, count);
        if (e)
            return e;
    }
    return delegate(g, "Repeat", args, nargs, res);
}

/* bytes.Runes(s): the runes of s, an invalid byte as U+FFFD. */
static int b_Runes(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1)
        return goro_runtime_error(g, "not enough arguments in call to bytes.Runes");
    Value s = to_string(args[0]);
    if (VKIND(s) != VK_STRING)
        return goro_runtime_error(g, "bytes.Runes: argument must be a []byte");
    const unsigned char *p = (const unsigned char *)s.u.s;
    int64_t n = s.aux, count = goro_utf8_count(p, n);
    Value out = goro_slice_new(TT(VK_SLICE, goro_t_runes->id), count, count);
    Value *d = goro_slice_data(out);
    for (int64_t i = 0, k = 0; i < n; k++) {
        int32_t r;
        i += goro_utf8_decode(p + i, n - i, &r);
        d[k] = goro_rune(r);
    }
    res[0] = out;
    return 1;
}

void goro_pkg_bytes_init(void)
{
    Package *p = goro_pkg_new("bytes");
    struct {
        const char *name;
        NativeFn fn;
    } fns[] = {
#define ENTRY(name, rule) {#name, b_##name},
        FNS(ENTRY)
#undef ENTRY
        {"Equal", b_Equal}, {"Clone", b_Clone}, {"Join", b_Join}, {"Runes", b_Runes},
        {"Repeat", b_Repeat},
    };
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
        if (goro_pkg_find("strings") &&
            (fns[i].fn == b_Equal || fns[i].fn == b_Clone || fns[i].fn == b_Join ||
             fns[i].fn == b_Runes || fns[i].fn == b_Repeat ||
             goro_pkg_member(goro_pkg_find("strings"), goro_intern_cstr(fns[i].name))))
            goro_pkg_func(p, fns[i].name, fns[i].fn);
    goro_pkg_func(p, "Lines", b_lines);
    goro_pkg_func(p, "SplitSeq", b_splitseq);
    goro_pkg_func(p, "SplitAfterSeq", b_splitafterseq);
    goro_pkg_func(p, "FieldsSeq", b_fieldsseq);
    goro_pkg_func(p, "FieldsFuncSeq", b_fieldsfuncseq);
    goro_pkg_const(p, "MinRead", goro_int(512));
    goro_bytes_buffer_init(p);
}
