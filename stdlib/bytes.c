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

static Value to_bytes(Value v)
{
    if (VKIND(v) == VK_STRING)
        return goro_rw_slice(v.u.s, v.aux);
    if (VKIND(v) == VK_SLICE) {
        Value *d = goro_slice_data(v);
        Type *bb = goro_type_slice(goro_t_bytes);
        Value out = goro_slice_new(TT(VK_SLICE, bb->id), v.aux, v.aux);
        Value *o = goro_slice_data(out);
        for (uint32_t i = 0; i < v.aux; i++)
            o[i] = to_bytes(d[i]);
        return out;
    }
    return v;
}

/* strings.[name](args as strings), results back as bytes. */
static int delegate(G *g, const char *name, Value *args, int nargs, Value *res)
{
    static Package *strings;
    if (!strings)
        strings = goro_pkg_find("strings");
    PkgMember *m = goro_pkg_member(strings, goro_intern_cstr(name));
    Value a[8];
    if (nargs > 8)
        nargs = 8;
    for (int i = 0; i < nargs; i++)
        a[i] = to_string(args[i]);
    int k = ((Native *)m->value.u.p)->fn(g, a, nargs, res);
    for (int i = 0; i < k; i++)
        res[i] = to_bytes(res[i]);
    return k;
}

#define BYTES_FN(name) \
    static int b_##name(G *g, Value *a, int n, Value *r) { return delegate(g, #name, a, n, r); }
#define FNS(X)                                                                              \
    X(Compare) X(Contains) X(ContainsAny) X(ContainsRune) X(ContainsFunc) X(Count) X(Index)  \
    X(IndexByte) X(IndexRune) X(IndexAny) X(IndexFunc) X(LastIndex) X(LastIndexByte)         \
    X(LastIndexAny) X(LastIndexFunc) X(HasPrefix) X(HasSuffix) X(EqualFold) X(Split)         \
    X(SplitN) X(SplitAfter) X(SplitAfterN) X(Fields) X(FieldsFunc)                  \
    X(ToUpper) X(ToLower) X(ToTitle) X(Title) X(TrimSpace) X(Trim) X(TrimLeft) X(TrimRight)  \
    X(TrimPrefix) X(TrimSuffix) X(TrimFunc) X(TrimLeftFunc) X(TrimRightFunc) X(Replace)      \
    X(ReplaceAll) X(Cut) X(CutPrefix) X(CutSuffix) X(Map) X(ToValidUTF8) X(ToUpperSpecial)  \
    X(ToLowerSpecial) X(ToTitleSpecial)
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
    return delegate(g, "Join", a, 2, res);
}

static int b_Clone(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g);
    if (nargs < 1 || VKIND(args[0]) != VK_SLICE || !args[0].u.p) {
        res[0] = goro_rw_nil_slice();
        return 1;
    }
    res[0] = to_bytes(to_string(args[0]));
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
#define ENTRY(name) {#name, b_##name},
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
