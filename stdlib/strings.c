/* strings.c: the strings package: searching, splitting, joining,
 * trimming, case mapping (with Go's Unicode tables, unicode.c) and
 * replacing in strings, plus the Builder, Reader and Replacer types.
 *
 * Each function follows Go 1.19's code path closely enough to give the
 * same answer on invalid UTF-8 (an invalid byte is RuneError of width
 * 1, and Map re-encodes it as U+FFFD).  Results that are substrings of
 * an argument share its bytes, as Go's do.  Functions taking a func
 * (Map, IndexFunc, TrimFunc, FieldsFunc, ...) call it back with
 * goro_vm_call and let its panic through.  Note for natives that call
 * back: [args] points into the goroutine's stack, which a callback may
 * move, so arguments are copied to locals first. */
#include "errors_obj.h"
#include "format.h"
#include "os_file.h"
#include "io_errors.h"
#include "rw.h"
#include "pkg.h"
#include "unicode_special.h"
#include "strings_seq.h"
#include "utf8.h"
#include "vm.h"

#define RUNE_SELF 0x80
#define MAX_STRING ((int64_t)UINT32_MAX)

static uint32_t strslice_tt;   /* []string */

/* ------------------------------------------------------------- helpers */

static int arg_error(G *g, const char *fn, int i, const char *what)
{
    return goro_runtime_error(g, "strings.%s: argument %d must be %s", fn, i + 1, what);
}

#define NEED_STR(idx, fn)                                        \
    do {                                                         \
        if (nargs <= (idx) || VKIND(args[idx]) != VK_STRING)     \
            return arg_error(g, fn, idx, "a string");            \
    } while (0)

#define NEED_INT(idx, fn, var)                                   \
    int64_t var;                                                 \
    do {                                                         \
        if (nargs <= (idx) || VKIND(args[idx]) != VK_INT)        \
            return arg_error(g, fn, idx, "an integer");          \
        var = args[idx].u.i;                                     \
    } while (0)

#define NEED_FUNC(idx, fn)                                                   \
    do {                                                                     \
        if (nargs <= (idx) ||                                                \
            (VKIND(args[idx]) != VK_FUNC && VKIND(args[idx]) != VK_NATIVE && \
             VKIND(args[idx]) != VK_BOUND && VKIND(args[idx]) != VK_NIL))    \
            return arg_error(g, fn, idx, "a func");                          \
    } while (0)

static const unsigned char *ub(Value s) { return (const unsigned char *)s.u.s; }

/* s[off:off+n], sharing the bytes; always of type string. */
static Value sub(Value s, int64_t off, int64_t n) { return goro_str_nocopy(s.u.s + off, n); }

static Value plain(Value s)
{
    s.tt = VK_STRING;
    return s;
}


static Value nil_strings(void) { return goro_ptrval(strslice_tt, NULL); }

/* The rune at s[i] (n bytes in all) and its width. */
static inline int decode_at(const unsigned char *s, int64_t n, int64_t i, int32_t *r)
{
    if (s[i] < RUNE_SELF) {
        *r = s[i];
        return 1;
    }
    return goro_utf8_decode(s + i, n - i, r);
}

static bool valid_rune(int64_t r)
{
    return (r >= 0 && r < 0xD800) || (r > 0xDFFF && r <= 0x10FFFF);
}

static int64_t index_of(const char *s, int64_t n, const char *sep, int64_t m)
{
    if (m == 0)
        return 0;
    if (m > n)
        return -1;
    const char *p = memmem(s, (size_t)n, sep, (size_t)m);
    return p ? p - s : -1;
}

static int64_t last_index_of(const char *s, int64_t n, const char *sep, int64_t m)
{
    if (m == 0)
        return n;
    for (int64_t i = n - m; i >= 0; i--)
        if (s[i] == sep[0] && memcmp(s + i, sep, (size_t)m) == 0)
            return i;
    return -1;
}

static int64_t count_of(Value s, Value sep)
{
    if (sep.aux == 0)
        return goro_utf8_count(ub(s), s.aux) + 1;
    int64_t c = 0;
    const char *p = s.u.s, *end = s.u.s + s.aux;
    for (;;) {
        int64_t i = index_of(p, end - p, sep.u.s, sep.aux);
        if (i < 0)
            return c;
        c++;
        p += i + sep.aux;
    }
}

/* strings.IndexRune on raw bytes. */
static int64_t index_rune(const unsigned char *s, int64_t n, int64_t r)
{
    if (r >= 0 && r < RUNE_SELF) {
        const void *p = memchr(s, (int)r, (size_t)n);
        return p ? (const unsigned char *)p - s : -1;
    }
    if (r == GORO_RUNE_ERROR) {
        for (int64_t i = 0; i < n;) {
            int32_t c;
            int w = decode_at(s, n, i, &c);
            if (c == GORO_RUNE_ERROR)
                return i;
            i += w;
        }
        return -1;
    }
    if (!valid_rune(r))
        return -1;
    char buf[4];
    int k = goro_utf8_encode((int32_t)r, buf);
    return index_of((const char *)s, n, buf, k);
}

static bool contains_rune(Value s, int32_t r) { return index_rune(ub(s), s.aux, r) >= 0; }

/* A func(rune) bool callback: 1 true, 0 false, -1 panicked. */
static int call_pred(G *g, Value fn, int32_t r)
{
    Value a = goro_rune(r), res = goro_nil();
    int n = goro_vm_call(g, fn, &a, 1, &res, 1);
    if (n < 0)
        return -1;
    if (n < 1 || VKIND(res) != VK_BOOL) {
        goro_runtime_error(g, "strings: func(rune) bool returned %s", goro_type_of(res)->name);
        return -1;
    }
    return res.u.i != 0;
}

/* Go's indexFunc / lastIndexFunc: the first (last) rune for which
 * f(r) == truth; -1 none, -2 f panicked. */
static int64_t index_func(G *g, Value s, Value fn, bool truth)
{
    for (int64_t i = 0; i < s.aux;) {
        int32_t r;
        int w = decode_at(ub(s), s.aux, i, &r);
        int t = call_pred(g, fn, r);
        if (t < 0)
            return -2;
        if (t == truth)
            return i;
        i += w;
    }
    return -1;
}

static int64_t last_index_func(G *g, Value s, Value fn, bool truth)
{
    for (int64_t i = s.aux; i > 0;) {
        int32_t r;
        i -= goro_utf8_decode_last(ub(s), i, &r);
        int t = call_pred(g, fn, r);
        if (t < 0)
            return -2;
        if (t == truth)
            return i;
    }
    return -1;
}

/* ------------------------------------------------------------ searching */

static int s_contains(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "Contains");
    NEED_STR(1, "Contains");
    res[0] = goro_bool(index_of(args[0].u.s, args[0].aux, args[1].u.s, args[1].aux) >= 0);
    return 1;
}

/* Go's IndexAny, special cases included. */
static int64_t index_any(Value s, Value chars)
{
    if (chars.aux == 0)
        return -1;
    if (chars.aux == 1) {
        int64_t r = (unsigned char)chars.u.s[0];
        return index_rune(ub(s), s.aux, r >= RUNE_SELF ? GORO_RUNE_ERROR : r);
    }
    for (int64_t i = 0; i < s.aux;) {
        int32_t r;
        int w = decode_at(ub(s), s.aux, i, &r);
        if (contains_rune(chars, r))
            return i;
        i += w;
    }
    return -1;
}

static int64_t last_index_any(Value s, Value chars)
{
    if (chars.aux == 0)
        return -1;
    if (s.aux == 1) {
        int64_t r = (unsigned char)s.u.s[0];
        return contains_rune(chars, r >= RUNE_SELF ? GORO_RUNE_ERROR : (int32_t)r) ? 0 : -1;
    }
    if (chars.aux == 1) {
        int32_t rc = (unsigned char)chars.u.s[0];
        if (rc >= RUNE_SELF)
            rc = GORO_RUNE_ERROR;
        for (int64_t i = s.aux; i > 0;) {
            int32_t r;
            i -= goro_utf8_decode_last(ub(s), i, &r);
            if (r == rc)
                return i;
        }
        return -1;
    }
    for (int64_t i = s.aux; i > 0;) {
        int32_t r;
        i -= goro_utf8_decode_last(ub(s), i, &r);
        if (contains_rune(chars, r))
            return i;
    }
    return -1;
}

static int s_containsany(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "ContainsAny");
    NEED_STR(1, "ContainsAny");
    res[0] = goro_bool(index_any(args[0], args[1]) >= 0);
    return 1;
}

static int s_containsrune(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "ContainsRune");
    NEED_INT(1, "ContainsRune", r);
    res[0] = goro_bool(index_rune(ub(args[0]), args[0].aux, r) >= 0);
    return 1;
}

static int s_containsfunc(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "ContainsFunc");
    NEED_FUNC(1, "ContainsFunc");
    int64_t i = index_func(g, args[0], args[1], true);
    if (i == -2)
        return GORO_NATIVE_PANIC;
    res[0] = goro_bool(i >= 0);
    return 1;
}

static int s_count(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "Count");
    NEED_STR(1, "Count");
    res[0] = goro_int(count_of(args[0], args[1]));
    return 1;
}

static int s_index(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "Index");
    NEED_STR(1, "Index");
    res[0] = goro_int(index_of(args[0].u.s, args[0].aux, args[1].u.s, args[1].aux));
    return 1;
}

static int s_lastindex(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "LastIndex");
    NEED_STR(1, "LastIndex");
    res[0] = goro_int(last_index_of(args[0].u.s, args[0].aux, args[1].u.s, args[1].aux));
    return 1;
}

static int s_indexany(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "IndexAny");
    NEED_STR(1, "IndexAny");
    res[0] = goro_int(index_any(args[0], args[1]));
    return 1;
}

static int s_lastindexany(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "LastIndexAny");
    NEED_STR(1, "LastIndexAny");
    res[0] = goro_int(last_index_any(args[0], args[1]));
    return 1;
}

static int s_indexbyte(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "IndexByte");
    NEED_INT(1, "IndexByte", c);
    const char *p = memchr(args[0].u.s, (int)(c & 0xFF), args[0].aux);
    res[0] = goro_int(p ? p - args[0].u.s : -1);
    return 1;
}

static int s_lastindexbyte(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "LastIndexByte");
    NEED_INT(1, "LastIndexByte", c);
    const char *p = memrchr(args[0].u.s, (int)(c & 0xFF), args[0].aux);
    res[0] = goro_int(p ? p - args[0].u.s : -1);
    return 1;
}

static int s_indexrune(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "IndexRune");
    NEED_INT(1, "IndexRune", r);
    res[0] = goro_int(index_rune(ub(args[0]), args[0].aux, r));
    return 1;
}

static int s_indexfunc(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "IndexFunc");
    NEED_FUNC(1, "IndexFunc");
    int64_t i = index_func(g, args[0], args[1], true);
    if (i == -2)
        return GORO_NATIVE_PANIC;
    res[0] = goro_int(i);
    return 1;
}

static int s_lastindexfunc(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "LastIndexFunc");
    NEED_FUNC(1, "LastIndexFunc");
    int64_t i = last_index_func(g, args[0], args[1], true);
    if (i == -2)
        return GORO_NATIVE_PANIC;
    res[0] = goro_int(i);
    return 1;
}

static int s_hasprefix(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "HasPrefix");
    NEED_STR(1, "HasPrefix");
    Value s = args[0], p = args[1];
    res[0] = goro_bool(s.aux >= p.aux && memcmp(s.u.s, p.u.s, p.aux) == 0);
    return 1;
}

static int s_hassuffix(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "HasSuffix");
    NEED_STR(1, "HasSuffix");
    Value s = args[0], p = args[1];
    res[0] = goro_bool(s.aux >= p.aux && memcmp(s.u.s + s.aux - p.aux, p.u.s, p.aux) == 0);
    return 1;
}

static int s_compare(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "Compare");
    NEED_STR(1, "Compare");
    int c = goro_str_compare(args[0], args[1]);
    res[0] = goro_int(c < 0 ? -1 : c > 0 ? 1 : 0);
    return 1;
}

/* Go's EqualFold: equal under Unicode simple case folding. */
static bool equal_fold(Value a, Value b)
{
    const unsigned char *s = ub(a), *t = ub(b);
    int64_t i = 0, j = 0, n = a.aux, m = b.aux;
    while (i < n && j < m) {
        int32_t sr, tr;
        i += decode_at(s, n, i, &sr);
        j += decode_at(t, m, j, &tr);
        if (sr == tr)
            continue;
        if (tr < sr) {
            int32_t x = tr;
            tr = sr;
            sr = x;
        }
        if (tr < RUNE_SELF) {
            if (sr >= 'A' && sr <= 'Z' && tr == sr + 'a' - 'A')
                continue;
            return false;
        }
        int32_t r = goro_unicode_simple_fold(sr);
        while (r != sr && r < tr)
            r = goro_unicode_simple_fold(r);
        if (r == tr)
            continue;
        return false;
    }
    return i == n && j == m;
}

static int s_equalfold(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "EqualFold");
    NEED_STR(1, "EqualFold");
    res[0] = goro_bool(equal_fold(args[0], args[1]));
    return 1;
}

/* ----------------------------------------------------- cutting, trimming */

static int s_cut(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "Cut");
    NEED_STR(1, "Cut");
    Value s = args[0], sep = args[1];
    int64_t i = index_of(s.u.s, s.aux, sep.u.s, sep.aux);
    if (i < 0) {
        res[0] = plain(s);
        res[1] = goro_str_nocopy("", 0);
        res[2] = goro_bool(false);
    } else {
        res[0] = sub(s, 0, i);
        res[1] = sub(s, i + sep.aux, s.aux - i - sep.aux);
        res[2] = goro_bool(true);
    }
    return 3;
}

/* CutPrefix / TrimPrefix (suffix: CutSuffix / TrimSuffix): s without
 * the affix when it is there. */
static int cut_affix(G *g, Value *args, int nargs, Value *res, const char *fn, bool suffix,
                     int nres)
{
    NEED_STR(0, fn);
    NEED_STR(1, fn);
    Value s = args[0], a = args[1];
    int64_t off = suffix ? (int64_t)s.aux - a.aux : 0;
    bool ok = s.aux >= a.aux && memcmp(s.u.s + off, a.u.s, a.aux) == 0;
    res[0] = !ok ? plain(s) : suffix ? sub(s, 0, s.aux - a.aux) : sub(s, a.aux, s.aux - a.aux);
    res[1] = goro_bool(ok);
    return nres;
}

static int s_cutprefix(G *g, Value *args, int nargs, Value *res)
{
    return cut_affix(g, args, nargs, res, "CutPrefix", false, 2);
}

static int s_cutsuffix(G *g, Value *args, int nargs, Value *res)
{
    return cut_affix(g, args, nargs, res, "CutSuffix", true, 2);
}

static int s_trimprefix(G *g, Value *args, int nargs, Value *res)
{
    return cut_affix(g, args, nargs, res, "TrimPrefix", false, 1);
}

static int s_trimsuffix(G *g, Value *args, int nargs, Value *res)
{
    return cut_affix(g, args, nargs, res, "TrimSuffix", true, 1);
}

/* The start of what remains of [s] after trimming runes in [cutset]
 * from the left (Go's trimLeftUnicode; an ASCII cutset behaves the same). */
static int64_t trim_left_set(Value s, Value cutset, int64_t end)
{
    int64_t i = 0;
    while (i < end) {
        int32_t r;
        int w = decode_at(ub(s), end, i, &r);
        if (!contains_rune(cutset, r))
            break;
        i += w;
    }
    return i;
}

static int64_t trim_right_set(Value s, Value cutset, int64_t start)
{
    int64_t end = s.aux;
    while (end > start) {
        int32_t r;
        int w;
        if (ub(s)[end - 1] < RUNE_SELF) {
            r = ub(s)[end - 1];
            w = 1;
        } else {
            w = goro_utf8_decode_last(ub(s) + start, end - start, &r);
        }
        if (!contains_rune(cutset, r))
            break;
        end -= w;
    }
    return end;
}

static int s_trim(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "Trim");
    NEED_STR(1, "Trim");
    Value s = args[0], c = args[1];
    if (s.aux == 0 || c.aux == 0) {
        res[0] = plain(s);
        return 1;
    }
    int64_t end = trim_right_set(s, c, 0);
    int64_t start = trim_left_set(s, c, end);
    res[0] = sub(s, start, end - start);
    return 1;
}

static int s_trimleft(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "TrimLeft");
    NEED_STR(1, "TrimLeft");
    Value s = args[0], c = args[1];
    int64_t start = c.aux ? trim_left_set(s, c, s.aux) : 0;
    res[0] = sub(s, start, s.aux - start);
    return 1;
}

static int s_trimright(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "TrimRight");
    NEED_STR(1, "TrimRight");
    Value s = args[0], c = args[1];
    int64_t end = c.aux ? trim_right_set(s, c, 0) : s.aux;
    res[0] = sub(s, 0, end);
    return 1;
}

static int s_trimspace(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "TrimSpace");
    Value s = args[0];
    int64_t start = 0, end = s.aux;
    while (start < end) {
        int32_t r;
        int w = decode_at(ub(s), end, start, &r);
        if (!goro_unicode_is_space(r))
            break;
        start += w;
    }
    while (end > start) {
        int32_t r;
        int w = goro_utf8_decode_last(ub(s) + start, end - start, &r);
        if (!goro_unicode_is_space(r))
            break;
        end -= w;
    }
    res[0] = sub(s, start, end - start);
    return 1;
}

/* TrimLeftFunc / TrimRightFunc / TrimFunc, as Go composes them. */
static int trim_func(G *g, Value s, Value fn, bool left, bool right, Value *res)
{
    if (right) {
        int64_t i = last_index_func(g, s, fn, false);
        if (i == -2)
            return GORO_NATIVE_PANIC;
        if (i >= 0 && ub(s)[i] >= RUNE_SELF) {
            int32_t r;
            i += goro_utf8_decode(ub(s) + i, s.aux - i, &r);
        } else {
            i++;
        }
        s = sub(s, 0, i);
    }
    if (left) {
        int64_t i = index_func(g, s, fn, false);
        if (i == -2)
            return GORO_NATIVE_PANIC;
        s = i < 0 ? goro_str_nocopy("", 0) : sub(s, i, s.aux - i);
    }
    res[0] = plain(s);
    return 1;
}

static int s_trimfunc(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "TrimFunc");
    NEED_FUNC(1, "TrimFunc");
    return trim_func(g, args[0], args[1], true, true, res);
}

static int s_trimleftfunc(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "TrimLeftFunc");
    NEED_FUNC(1, "TrimLeftFunc");
    return trim_func(g, args[0], args[1], true, false, res);
}

static int s_trimrightfunc(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "TrimRightFunc");
    NEED_FUNC(1, "TrimRightFunc");
    return trim_func(g, args[0], args[1], false, true, res);
}

/* ---------------------------------------------------------- splitting */

typedef struct StrVec {
    Value *v;
    int64_t n, cap;
} StrVec;

static Value strvec_slice(StrVec *a) { return goro_slice_from(strslice_tt, a->v, a->n); }

/* Go's explode: the first n-1 runes (an invalid byte becomes U+FFFD),
 * then the rest. */
static Value explode(Value s, int64_t n)
{
    int64_t l = goro_utf8_count(ub(s), s.aux);
    if (n < 0 || n > l)
        n = l;
    Value out = goro_slice_new(strslice_tt, n, n);
    Value *d = goro_slice_data(out);
    int64_t off = 0;
    for (int64_t i = 0; i < n - 1; i++) {
        int32_t r;
        int w = decode_at(ub(s), s.aux, off, &r);
        d[i] = r == 0xFFFD ? goro_str_nocopy("\xEF\xBF\xBD", 3) : sub(s, off, w);
        off += w;
    }
    if (n > 0)
        d[n - 1] = sub(s, off, s.aux - off);
    return out;
}

/* Go's genSplit: [save] bytes of each separator stay with the piece. */
static Value gen_split(Value s, Value sep, int64_t save, int64_t n)
{
    if (n == 0)
        return nil_strings();
    if (sep.aux == 0)
        return explode(s, n);
    if (n < 0)
        n = count_of(s, sep) + 1;
    if (n > (int64_t)s.aux + 1)
        n = (int64_t)s.aux + 1;
    Value *a = goro_alloc(sizeof(Value) * (size_t)n);
    n--;
    int64_t i = 0, off = 0;
    while (i < n) {
        int64_t m = index_of(s.u.s + off, s.aux - off, sep.u.s, sep.aux);
        if (m < 0)
            break;
        a[i++] = sub(s, off, m + save);
        off += m + sep.aux;
    }
    a[i] = sub(s, off, s.aux - off);
    return goro_slice_from(strslice_tt, a, i + 1);
}

static int s_split(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "Split");
    NEED_STR(1, "Split");
    res[0] = gen_split(args[0], args[1], 0, -1);
    return 1;
}

static int s_splitafter(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "SplitAfter");
    NEED_STR(1, "SplitAfter");
    res[0] = gen_split(args[0], args[1], args[1].aux, -1);
    return 1;
}

static int s_splitn(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "SplitN");
    NEED_STR(1, "SplitN");
    NEED_INT(2, "SplitN", n);
    res[0] = gen_split(args[0], args[1], 0, n);
    return 1;
}

static int s_splitaftern(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "SplitAfterN");
    NEED_STR(1, "SplitAfterN");
    NEED_INT(2, "SplitAfterN", n);
    res[0] = gen_split(args[0], args[1], args[1].aux, n);
    return 1;
}

static int s_fields(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "Fields");
    Value s = args[0];
    StrVec a = {0};
    int64_t start = -1;
    for (int64_t i = 0; i < s.aux;) {
        int32_t r;
        int w = decode_at(ub(s), s.aux, i, &r);
        if (goro_unicode_is_space(r)) {
            if (start >= 0)
                GORO_VEC_PUSH(a, sub(s, start, i - start));
            start = -1;
        } else if (start < 0) {
            start = i;
        }
        i += w;
    }
    if (start >= 0)
        GORO_VEC_PUSH(a, sub(s, start, s.aux - start));
    res[0] = strvec_slice(&a);
    return 1;
}

static int s_fieldsfunc(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "FieldsFunc");
    NEED_FUNC(1, "FieldsFunc");
    Value s = args[0], fn = args[1];
    StrVec a = {0};
    int64_t start = -1;
    for (int64_t i = 0; i < s.aux;) {
        int32_t r;
        int w = decode_at(ub(s), s.aux, i, &r);
        int t = call_pred(g, fn, r);
        if (t < 0)
            return GORO_NATIVE_PANIC;
        if (t) {
            if (start >= 0)
                GORO_VEC_PUSH(a, sub(s, start, i - start));
            start = -1;
        } else if (start < 0) {
            start = i;
        }
        i += w;
    }
    if (start >= 0)
        GORO_VEC_PUSH(a, sub(s, start, s.aux - start));
    res[0] = strvec_slice(&a);
    return 1;
}

/* ------------------------------------------------------ building strings */

static int too_long(G *g, const char *fn)
{
    return goro_panic_str(g, "strings: %s output length overflow", fn);
}

static int s_join(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1 || (VKIND(args[0]) != VK_SLICE && VKIND(args[0]) != VK_NIL))
        return arg_error(g, "Join", 0, "a []string");
    NEED_STR(1, "Join");
    Value elems = args[0], sep = args[1];
    Value *d = goro_slice_data(elems);
    int64_t n = VKIND(elems) == VK_SLICE ? elems.aux : 0;
    if (n == 0) {
        res[0] = goro_str_nocopy("", 0);
        return 1;
    }
    int64_t len = (int64_t)sep.aux * (n - 1);
    for (int64_t i = 0; i < n; i++) {
        if (VKIND(d[i]) != VK_STRING)
            return goro_runtime_error(g, "strings.Join: element %lld is %s, not a string",
                                      (long long)i, goro_type_of(d[i])->name);
        len += d[i].aux;
    }
    if (n == 1) {
        res[0] = plain(d[0]);
        return 1;
    }
    if (len > MAX_STRING)
        return too_long(g, "Join");
    char *buf = goro_alloc_atomic((size_t)len + 1);
    char *p = buf;
    for (int64_t i = 0; i < n; i++) {
        if (i) {
            memcpy(p, sep.u.s, sep.aux);
            p += sep.aux;
        }
        memcpy(p, d[i].u.s, d[i].aux);
        p += d[i].aux;
    }
    *p = 0;
    res[0] = goro_str_nocopy(buf, len);
    return 1;
}

int goro_strings_repeat_check(G *g, const char *pkg, int64_t len, int64_t count)
{
    if (count < 0)
        return goro_panic_str(g, "%s: negative Repeat count", pkg);
    if (len && count > MAX_STRING / len)
        return goro_panic_str(g, "%s: Repeat count causes overflow", pkg);
    return 0;
}

static int s_repeat(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "Repeat");
    NEED_INT(1, "Repeat", count);
    Value s = args[0];
    if (count == 0) {
        res[0] = goro_str_nocopy("", 0);
        return 1;
    }
    int e = goro_strings_repeat_check(g, "strings", (int64_t)s.aux, count);
    if (e)
        return e;
    int64_t len = (int64_t)s.aux * count;
    char *buf = goro_alloc_atomic((size_t)len + 1);
    /* by doubling, as Go's: log(count) copies, none for an empty s */
    if (len)
        memcpy(buf, s.u.s, s.aux);
    for (int64_t done = len ? (int64_t)s.aux : 0; done < len; done *= 2)
        memcpy(buf + done, buf, (size_t)(done < len - done ? done : len - done));
    buf[len] = 0;
    res[0] = goro_str_nocopy(buf, len);
    return 1;
}

static int s_replace_common(G *g, Value s, Value old, Value new, int64_t n, Value *res)
{
    if (goro_value_equal(plain(old), plain(new), NULL) || n == 0) {
        res[0] = plain(s);
        return 1;
    }
    int64_t m = count_of(s, old);
    if (m == 0) {
        res[0] = plain(s);
        return 1;
    }
    if (n < 0 || m < n)
        n = m;
    Buf b = {0};
    int64_t start = 0;
    for (int64_t i = 0; i < n; i++) {
        int64_t j = start;
        if (old.aux == 0) {
            if (i > 0) {
                int32_t r;
                j += goro_utf8_decode(ub(s) + start, s.aux - start, &r);
            }
        } else {
            j += index_of(s.u.s + start, s.aux - start, old.u.s, old.aux);
        }
        goro_buf_put(&b, s.u.s + start, (size_t)(j - start));
        goro_buf_put(&b, new.u.s, new.aux);
        start = j + old.aux;
        if (b.n > (size_t)MAX_STRING)
            return too_long(g, "Replace");
    }
    goro_buf_put(&b, s.u.s + start, (size_t)(s.aux - start));
    if (b.n > (size_t)MAX_STRING)
        return too_long(g, "Replace");
    res[0] = goro_buf_string(&b);
    return 1;
}

static int s_replace(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "Replace");
    NEED_STR(1, "Replace");
    NEED_STR(2, "Replace");
    NEED_INT(3, "Replace", n);
    return s_replace_common(g, args[0], args[1], args[2], n, res);
}

static int s_replaceall(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "ReplaceAll");
    NEED_STR(1, "ReplaceAll");
    NEED_STR(2, "ReplaceAll");
    return s_replace_common(g, args[0], args[1], args[2], -1, res);
}

/* ---------------------------------------------------------- mapping runes */

/* How a rune is mapped: a case (GORO_*_CASE), Title's word starts, or a
 * goro func(rune) rune. */
typedef struct Mapper {
    int kase;        /* >= 0: goro_unicode_to(kase, r), or by [special] */
    const UCase *special;  /* To*Special's unicode.SpecialCase ([nspecial] ranges) */
    int nspecial;
    bool title;      /* strings.Title: ToTitle after a separator */
    int32_t prev;    /* Title: the previous rune */
    Value fn;        /* kase < 0 && !title: the func */
} Mapper;

/* Go's isSeparator, for Title. */
static bool is_separator(int32_t r)
{
    if (r <= 0x7F) {
        if ((r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '_')
            return false;
        return true;
    }
    if (goro_unicode_is_letter(r) || goro_unicode_is_digit(r))
        return false;
    return goro_unicode_is_space(r);
}

/* The mapped rune in *out; -1 when the func panicked. */
static int map_one(G *g, Mapper *mp, int32_t r, int64_t *out)
{
    if (mp->title) {
        bool sep = is_separator(mp->prev);
        mp->prev = r;
        *out = sep ? goro_unicode_to(GORO_TITLE_CASE, r) : r;
        return 0;
    }
    if (mp->kase >= 0) {
        *out = mp->nspecial ? goro_unicode_special_to(mp->special, mp->nspecial, mp->kase, r)
                            : goro_unicode_to(mp->kase, r);
        return 0;
    }
    Value a = goro_rune(r), res = goro_nil();
    int n = goro_vm_call(g, mp->fn, &a, 1, &res, 1);
    if (n < 0)
        return -1;
    if (n < 1 || VKIND(res) != VK_INT) {
        goro_runtime_error(g, "strings.Map: mapping func returned %s, not a rune",
                           goro_type_of(res)->name);
        return -1;
    }
    *out = (int32_t)res.u.i;
    return 0;
}

/* Go's strings.Map: s itself when nothing changes; an invalid byte
 * counts as a change (it comes out as U+FFFD); negative runes drop. */
static int map_string(G *g, Value s, Mapper *mp, Value *res)
{
    Buf b = {0};
    bool changed = false;
    for (int64_t i = 0; i < s.aux;) {
        int32_t r;
        int w = decode_at(ub(s), s.aux, i, &r);
        int64_t m;
        if (map_one(g, mp, r, &m) < 0)
            return GORO_NATIVE_PANIC;
        if (!changed) {
            if (m == r && !(r == GORO_RUNE_ERROR && w == 1)) {
                i += w;
                continue;
            }
            changed = true;
            goro_buf_put(&b, s.u.s, (size_t)i);
        }
        if (m >= 0) {
            char buf[4];
            int k = goro_utf8_encode(valid_rune(m) ? (int32_t)m : GORO_RUNE_ERROR, buf);
            goro_buf_put(&b, buf, (size_t)k);
        }
        i += w;
    }
    res[0] = changed ? goro_buf_string(&b) : plain(s);
    return 1;
}

static int s_map(G *g, Value *args, int nargs, Value *res)
{
    NEED_FUNC(0, "Map");
    NEED_STR(1, "Map");
    Mapper mp = {.kase = -1, .fn = args[0]};
    return map_string(g, args[1], &mp, res);
}

static int case_map(G *g, Value *args, int nargs, Value *res, const char *fn, int kase)
{
    NEED_STR(0, fn);
    Mapper mp = {.kase = kase};
    return map_string(g, args[0], &mp, res);
}

/* strings.To{Upper,Lower,Title}Special(c, s): Map(c.ToUpper, s)... */
static int special_map(G *g, Value *args, int nargs, Value *res, const char *fn, int kase)
{
    Mapper mp = {.kase = kase};
    UCase *t;
    if (nargs < 1 || !goro_unicode_special_read(args[0], &t, &mp.nspecial))
        return arg_error(g, fn, 0, "a unicode.SpecialCase");
    mp.special = t;
    NEED_STR(1, fn);
    return map_string(g, args[1], &mp, res);
}

/* The six case natives: [impl](..., Go's name, the case). */
#define CASE_NATIVE(cname, impl, goname, kase) \
    static int cname(G *g, Value *args, int nargs, Value *res) { return impl(g, args, nargs, res, goname, kase); }
CASE_NATIVE(s_toupper, case_map, "ToUpper", GORO_UPPER_CASE)
CASE_NATIVE(s_tolower, case_map, "ToLower", GORO_LOWER_CASE)
CASE_NATIVE(s_totitle, case_map, "ToTitle", GORO_TITLE_CASE)
CASE_NATIVE(s_toupperspecial, special_map, "ToUpperSpecial", GORO_UPPER_CASE)
CASE_NATIVE(s_tolowerspecial, special_map, "ToLowerSpecial", GORO_LOWER_CASE)
CASE_NATIVE(s_totitlespecial, special_map, "ToTitleSpecial", GORO_TITLE_CASE)

static int s_title(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "Title");
    Mapper mp = {.kase = -1, .title = true, .prev = ' '};
    return map_string(g, args[0], &mp, res);
}

/* ToValidUTF8: each run of invalid bytes becomes [rep]. */
static int s_tovalidutf8(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "ToValidUTF8");
    NEED_STR(1, "ToValidUTF8");
    Value s = args[0], rep = args[1];
    if (goro_utf8_valid(ub(s), s.aux)) {
        res[0] = plain(s);
        return 1;
    }
    Buf b = {0};
    bool invalid = false;
    for (int64_t i = 0; i < s.aux;) {
        int32_t r;
        int w = decode_at(ub(s), s.aux, i, &r);
        if (r == GORO_RUNE_ERROR && w == 1) {
            if (!invalid)
                goro_buf_put(&b, rep.u.s, rep.aux);
            invalid = true;
        } else {
            goro_buf_put(&b, s.u.s + i, (size_t)w);
            invalid = false;
        }
        i += w;
    }
    res[0] = goro_buf_string(&b);
    return 1;
}

static int s_clone(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "Clone");
    res[0] = goro_str(args[0].u.s, args[0].aux);
    return 1;
}

/* ------------------------------------------------------- strings.Builder
 *
 * A native object with a byte buffer.  Its growth copies Go's append
 * rules for []byte (doubling below 256, then by 1.25x plus 192, rounded
 * up to malloc size classes) and Grow's make(2*cap+n), so Cap() prints
 * what Go prints.  String() shares the buffer: bytes below len are never
 * written again (Reset starts a new buffer). */

typedef struct BuilderObj {
    Obj obj;
    char *buf;
    int64_t len, cap;
} BuilderObj;

static ObjClass builder_class = {.name = "strings.Builder"};

static Obj *builder_zero(void)
{
    BuilderObj *b = goro_alloc(sizeof *b);
    b->obj.cls = &builder_class;
    return &b->obj;
}

/* The builder a receiver or writer denotes: the object, or a pointer to
 * a variable holding one; NULL for anything else. */
static BuilderObj *as_builder(Value v)
{
    if (VKIND(v) == VK_PTR && v.u.p)
        v = *(Value *)v.u.p;
    if (VKIND(v) != VK_OBJ || !v.u.p || ((Obj *)v.u.p)->cls != &builder_class)
        return NULL;
    return v.u.p;
}

static int64_t roundupsize(int64_t size) { return (int64_t)goro_roundupsize((uint64_t)size); }

static void builder_realloc(BuilderObj *b, int64_t cap)
{
    char *nb = goro_alloc_atomic((size_t)cap + 1);
    if (b->len)
        memcpy(nb, b->buf, (size_t)b->len);
    b->buf = nb;
    b->cap = cap;
}

/* Room for [n] more bytes, as append(b.buf, ...) would make it. */
static void builder_reserve(BuilderObj *b, int64_t n)
{
    int64_t need = b->len + n;
    if (need <= b->cap)
        return;
    int64_t c = b->cap;
    if (need > 2 * c) {
        c = need;
    } else if (c < 256) {
        c *= 2;
    } else {
        while (c < need)
            c += (c + 3 * 256) / 4;
    }
    builder_realloc(b, roundupsize(c));
}

static bool builder_put(BuilderObj *b, const char *s, int64_t n)
{
    if (b->len + n > MAX_STRING)
        return false;
    builder_reserve(b, n);
    memcpy(b->buf + b->len, s, (size_t)n);
    b->len += n;
    return true;
}

#define NEED_BUILDER(var)                                                                 \
    BuilderObj *var = nargs ? as_builder(args[0]) : NULL;                                 \
    do {                                                                                  \
        if (!var)                                                                         \
            return goro_nil_deref(g); \
    } while (0)

static int b_writestring(G *g, Value *args, int nargs, Value *res)
{
    NEED_BUILDER(b);
    if (nargs < 2 || VKIND(args[1]) != VK_STRING)
        return goro_runtime_error(g, "strings.Builder.WriteString: argument must be a string");
    if (!builder_put(b, args[1].u.s, args[1].aux))
        return too_long(g, "Builder");
    res[0] = goro_int(args[1].aux);
    res[1] = goro_nil();
    return 2;
}

static int b_writebyte(G *g, Value *args, int nargs, Value *res)
{
    NEED_BUILDER(b);
    if (nargs < 2 || VKIND(args[1]) != VK_INT)
        return goro_runtime_error(g, "strings.Builder.WriteByte: argument must be a byte");
    char c = (char)(args[1].u.i & 0xFF);
    if (!builder_put(b, &c, 1))
        return too_long(g, "Builder");
    res[0] = goro_nil();
    return 1;
}

static int b_writerune(G *g, Value *args, int nargs, Value *res)
{
    NEED_BUILDER(b);
    if (nargs < 2 || VKIND(args[1]) != VK_INT)
        return goro_runtime_error(g, "strings.Builder.WriteRune: argument must be a rune");
    int64_t r = (int32_t)args[1].u.i;
    char buf[4];
    int k;
    if ((uint32_t)r < RUNE_SELF) {
        buf[0] = (char)r;
        k = 1;
    } else {
        if (b->cap - b->len < 4)  /* Go's b.grow(utf8.UTFMax) */
            builder_realloc(b, 2 * b->cap + 4);
        k = goro_utf8_encode(valid_rune(r) ? (int32_t)r : GORO_RUNE_ERROR, buf);
    }
    if (!builder_put(b, buf, k))
        return too_long(g, "Builder");
    res[0] = goro_int(k);
    res[1] = goro_nil();
    return 2;
}

/* The bytes of a []byte (or string) value; NULL if it is neither. */
static const char *bytes_of(Value v, int64_t *n)
{
    size_t k = 0;
    const char *p = goro_rw_bytes(v, &k);
    *n = (int64_t)k;
    return p;
}

static int b_write(G *g, Value *args, int nargs, Value *res)
{
    NEED_BUILDER(b);
    int64_t n;
    const char *p = nargs >= 2 ? bytes_of(args[1], &n) : NULL;
    if (!p)
        return goro_runtime_error(g, "strings.Builder.Write: argument must be a []byte");
    if (!builder_put(b, p, n))
        return too_long(g, "Builder");
    res[0] = goro_int(n);
    res[1] = goro_nil();
    return 2;
}

/* ObjClass.write: fmt.Fprint and io.Copy write into it directly. */
static int builder_cls_write(G *g, Obj *o, const char *buf, size_t n, size_t *done, Value *err)
{
    if (!builder_put((BuilderObj *)o, buf, (int64_t)n))
        return too_long(g, "Builder");
    *done = n;
    *err = goro_nil();
    return 0;
}

static int b_string(G *g, Value *args, int nargs, Value *res)
{
    NEED_BUILDER(b);
    res[0] = goro_str_nocopy(b->buf, b->len);
    return 1;
}

static int b_len(G *g, Value *args, int nargs, Value *res)
{
    NEED_BUILDER(b);
    res[0] = goro_int(b->len);
    return 1;
}

static int b_cap(G *g, Value *args, int nargs, Value *res)
{
    NEED_BUILDER(b);
    res[0] = goro_int(b->cap);
    return 1;
}

static int b_reset(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    NEED_BUILDER(b);
    b->buf = NULL;
    b->len = b->cap = 0;
    return 0;
}

static int b_grow(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    NEED_BUILDER(b);
    if (nargs < 2 || VKIND(args[1]) != VK_INT)
        return goro_runtime_error(g, "strings.Builder.Grow: argument must be an integer");
    int64_t n = args[1].u.i;
    if (n < 0)
        return goro_panic_str(g, "strings.Builder.Grow: negative count");
    if (b->cap - b->len < n) {
        if (2 * b->cap + n > MAX_STRING)
            return too_long(g, "Builder");
        builder_realloc(b, 2 * b->cap + n);
    }
    return 0;
}

/* ---------------------------------------------------------- writing out */

static const char *s_write;

/* w.WriteString(s) for Replacer.WriteString and Reader.WriteTo: a
 * Builder or *os.File directly, anything else through its Write method.
 * Results: n and err in res[0..1]; GORO_NATIVE_PANIC on a panic. */
static int write_to(G *g, Value w, Value s, Value *res)
{
    BuilderObj *b = as_builder(w);
    if (b) {
        if (!builder_put(b, s.u.s, s.aux))
            return too_long(g, "Builder");
        res[0] = goro_int(s.aux);
        res[1] = goro_nil();
        return 2;
    }
    const char *err = NULL;
    if (goro_os_file_write(w, s.u.s, s.aux, &err)) {
        res[0] = goro_int(err ? 0 : s.aux);
        res[1] = err ? goro_error_new(goro_str_cstr(err)) : goro_nil();
        return 2;
    }
    if (goro_value_is_nil(w))
        return goro_nil_deref(g);
    Type *t = goro_type_of(w);
    Method *m = goro_type_find_method(t, s_write);
    Value self = w;
    if (!m && VKIND(w) == VK_PTR && t->elem && w.u.p) {
        m = goro_type_find_method(t->elem, s_write);
        if (m)
            self = m->ptr_recv ? *(Value *)w.u.p : goro_value_copy(*(Value *)w.u.p);
    }
    if (!m)
        return goro_runtime_error(g, "%s does not implement io.Writer (missing method Write)",
                                  t->name);
    Value a[2] = {self, goro_nil()};
    const char *cerr;
    goro_type_convert(goro_t_bytes, plain(s), &a[1], &cerr);
    Value r[2] = {goro_int(s.aux), goro_nil()};
    int k = goro_vm_call(g, m->fn, a, 2, r, 2);
    if (k < 0)
        return GORO_NATIVE_PANIC;
    res[0] = r[0];
    res[1] = k > 1 ? r[1] : goro_nil();
    return 2;
}

/* ------------------------------------------------------- strings.Reader */

typedef struct ReaderObj {
    Obj obj;
    Value s;
    int64_t i;
    int64_t prev_rune;   /* index of the last ReadRune, or -1 */
    RwCall wc;           /* WriteTo's Write while it is out (rw.h) */
} ReaderObj;

static ObjClass reader_class = {.name = "*strings.Reader"};

static Value io_eof(void) { return goro_io_err(IO_EOF); }

static Obj *reader_zero(void)
{
    ReaderObj *r = goro_alloc(sizeof *r);
    r->obj.cls = &reader_class;
    r->s = goro_str_nocopy("", 0);
    r->prev_rune = -1;
    return &r->obj;
}

static ReaderObj *as_reader(Value v)
{
    if (VKIND(v) == VK_PTR && v.u.p)
        v = *(Value *)v.u.p;
    if (VKIND(v) != VK_OBJ || !v.u.p || ((Obj *)v.u.p)->cls != &reader_class)
        return NULL;
    return v.u.p;
}

#define NEED_READER(var)                                                                  \
    ReaderObj *var = nargs ? as_reader(args[0]) : NULL;                                   \
    do {                                                                                  \
        if (!var)                                                                         \
            return goro_nil_deref(g); \
    } while (0)

static Value reader_error(const char *msg) { return goro_error_new(goro_str_cstr(msg)); }

static int s_newreader(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "NewReader");
    ReaderObj *r = (ReaderObj *)reader_zero();
    r->s = plain(args[0]);
    res[0] = goro_obj_value(&r->obj);
    return 1;
}

static int r_len(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(r);
    res[0] = goro_int(r->i >= r->s.aux ? 0 : r->s.aux - r->i);
    return 1;
}

static int r_size(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(r);
    res[0] = goro_int(r->s.aux);
    res[0].tt = TT(VK_INT, goro_t_int64->id);
    return 1;
}

static int r_read(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(r);
    if (nargs < 2 || (VKIND(args[1]) != VK_SLICE && VKIND(args[1]) != VK_NIL))
        return goro_runtime_error(g, "strings.Reader.Read: argument must be a []byte");
    Value b = args[1];
    if (r->i >= r->s.aux) {
        res[0] = goro_int(0);
        res[1] = io_eof();
        return 2;
    }
    r->prev_rune = -1;
    int64_t n = r->s.aux - r->i;
    if (n > (int64_t)b.aux)
        n = b.aux;
    Value *d = goro_slice_data(b);
    for (int64_t k = 0; k < n; k++)
        d[k] = goro_byte((unsigned char)r->s.u.s[r->i + k]);
    r->i += n;
    res[0] = goro_int(n);
    res[1] = goro_nil();
    return 2;
}

/* ObjClass.read: other natives (io.Copy, bufio) read it directly. */
static int reader_cls_read(G *g, Obj *o, char *buf, size_t n, size_t *done, Value *err)
{
    GORO_UNUSED(g);
    ReaderObj *r = (ReaderObj *)o;
    *done = 0;
    *err = goro_nil();
    if (r->i >= r->s.aux) {
        *err = io_eof();
        return 0;
    }
    r->prev_rune = -1;
    size_t k = (size_t)(r->s.aux - r->i);
    if (k > n)
        k = n;
    memcpy(buf, r->s.u.s + r->i, k);
    r->i += (int64_t)k;
    *done = k;
    return 0;
}

static int r_readat(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(r);
    if (nargs < 3 || (VKIND(args[1]) != VK_SLICE && VKIND(args[1]) != VK_NIL) ||
        VKIND(args[2]) != VK_INT)
        return goro_runtime_error(g, "strings.Reader.ReadAt: expects a []byte and an offset");
    int64_t off = args[2].u.i;
    res[0] = goro_int(0);
    res[1] = goro_nil();
    if (off < 0) {
        res[1] = reader_error("strings.Reader.ReadAt: negative offset");
        return 2;
    }
    if (off >= r->s.aux) {
        res[1] = io_eof();
        return 2;
    }
    int64_t n = r->s.aux - off;
    if (n > (int64_t)args[1].aux)
        n = args[1].aux;
    Value *d = goro_slice_data(args[1]);
    for (int64_t k = 0; k < n; k++)
        d[k] = goro_byte((unsigned char)r->s.u.s[off + k]);
    res[0] = goro_int(n);
    if (n < (int64_t)args[1].aux)
        res[1] = io_eof();
    return 2;
}

static int r_readbyte(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(r);
    r->prev_rune = -1;
    if (r->i >= r->s.aux) {
        res[0] = goro_byte(0);
        res[1] = io_eof();
        return 2;
    }
    res[0] = goro_byte((unsigned char)r->s.u.s[r->i++]);
    res[1] = goro_nil();
    return 2;
}

static int r_unreadbyte(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(r);
    if (r->i <= 0) {
        res[0] = reader_error("strings.Reader.UnreadByte: at beginning of string");
        return 1;
    }
    r->prev_rune = -1;
    r->i--;
    res[0] = goro_nil();
    return 1;
}

static int r_readrune(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(r);
    if (r->i >= r->s.aux) {
        r->prev_rune = -1;
        res[0] = goro_rune(0);
        res[1] = goro_int(0);
        res[2] = io_eof();
        return 3;
    }
    r->prev_rune = r->i;
    int32_t c;
    int w = decode_at(ub(r->s), r->s.aux, r->i, &c);
    r->i += w;
    res[0] = goro_rune(c);
    res[1] = goro_int(w);
    res[2] = goro_nil();
    return 3;
}

static int r_unreadrune(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(r);
    if (r->i <= 0) {
        res[0] = reader_error("strings.Reader.UnreadRune: at beginning of string");
        return 1;
    }
    if (r->prev_rune < 0) {
        res[0] = reader_error("strings.Reader.UnreadRune: previous operation was not ReadRune");
        return 1;
    }
    r->i = r->prev_rune;
    r->prev_rune = -1;
    res[0] = goro_nil();
    return 1;
}

static int r_seek(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(r);
    if (nargs < 3 || VKIND(args[1]) != VK_INT || VKIND(args[2]) != VK_INT)
        return goro_runtime_error(g, "strings.Reader.Seek: arguments must be an offset and "
                                     "a whence");
    int64_t off = args[1].u.i, abs;
    r->prev_rune = -1;
    switch (args[2].u.i) {
    case 0: abs = off; break;
    case 1: abs = r->i + off; break;
    case 2: abs = (int64_t)r->s.aux + off; break;
    default:
        res[0] = goro_int(0);
        res[1] = reader_error("strings.Reader.Seek: invalid whence");
        return 2;
    }
    if (abs < 0) {
        res[0] = goro_int(0);
        res[1] = reader_error("strings.Reader.Seek: negative position");
        return 2;
    }
    r->i = abs;
    res[0] = goro_int(abs);
    res[0].tt = TT(VK_INT, goro_t_int64->id);
    res[1] = goro_nil();
    return 2;
}

static int r_reset(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    NEED_READER(r);
    if (nargs < 2 || VKIND(args[1]) != VK_STRING)
        return goro_runtime_error(g, "strings.Reader.Reset: argument must be a string");
    r->s = plain(args[1]);
    r->i = 0;
    r->prev_rune = -1;
    return 0;
}

static int r_writeto(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(r);
    if (nargs < 2)
        return goro_runtime_error(g, "not enough arguments in call to strings.Reader.WriteTo");
    r->prev_rune = -1;
    int64_t want = r->i >= r->s.aux ? 0 : r->s.aux - r->i;
    size_t n = 0;
    Value err = goro_nil();
    if (want > 0) {
        /* through rw.c: the writer may park (a pipe, a goro Writer) */
        int k = goro_rw_write(g, args[1], &r->wc, r->s.u.s + r->i, (size_t)want, &n, &err);
        if (k < 0)
            return k;
        if ((int64_t)n > want)
            return goro_panic_str(g, "strings.Reader.WriteTo: invalid WriteString count");
        r->i += (int64_t)n;
        if ((int64_t)n != want && VKIND(err) == VK_NIL)
            err = goro_io_err(IO_SHORT_WRITE);
    }
    res[0] = goro_int((int64_t)n);
    res[0].tt = TT(VK_INT, goro_t_int64->id);
    res[1] = err;
    return 2;
}

/* ----------------------------------------------------- strings.Replacer
 *
 * Go's generic replacer, which every special case agrees with: scanning
 * left to right, at each position the earliest pair (in argument order)
 * whose old string matches there wins; an empty old string matches at
 * every position, but not twice in a row at the same one. */

typedef struct ReplacerObj {
    Obj obj;
    Value *old, *new;
    int n;
    bool has_empty;
    uint8_t first[32];   /* bitmap of the first bytes of the old strings */
} ReplacerObj;

static ObjClass replacer_class = {.name = "*strings.Replacer"};

static int s_newreplacer(G *g, Value *args, int nargs, Value *res)
{
    if (nargs % 2 == 1)
        return goro_panic_str(g, "strings.NewReplacer: odd argument count");
    for (int i = 0; i < nargs; i++)
        if (VKIND(args[i]) != VK_STRING)
            return arg_error(g, "NewReplacer", i, "a string");
    ReplacerObj *r = goro_alloc(sizeof *r);
    r->obj.cls = &replacer_class;
    r->n = nargs / 2;
    r->old = goro_alloc(sizeof(Value) * (size_t)(r->n + 1));
    r->new = goro_alloc(sizeof(Value) * (size_t)(r->n + 1));
    for (int i = 0; i < r->n; i++) {
        r->old[i] = plain(args[2 * i]);
        r->new[i] = plain(args[2 * i + 1]);
        if (r->old[i].aux == 0) {
            r->has_empty = true;
        } else {
            unsigned c = (unsigned char)r->old[i].u.s[0];
            r->first[c >> 3] |= (uint8_t)(1u << (c & 7));
        }
    }
    res[0] = goro_obj_value(&r->obj);
    return 1;
}

static ReplacerObj *as_replacer(Value v)
{
    if (VKIND(v) == VK_PTR && v.u.p)
        v = *(Value *)v.u.p;
    if (VKIND(v) != VK_OBJ || !v.u.p || ((Obj *)v.u.p)->cls != &replacer_class)
        return NULL;
    return v.u.p;
}

static Value replacer_apply(ReplacerObj *r, Value s)
{
    Buf b = {0};
    int64_t last = 0, n = s.aux;
    bool prev_empty = false, any = false;
    for (int64_t i = 0; i <= n;) {
        if (i != n && !r->has_empty) {
            unsigned c = (unsigned char)s.u.s[i];
            if (!(r->first[c >> 3] & (1u << (c & 7)))) {
                i++;
                continue;
            }
        }
        int k = -1;
        for (int j = 0; j < r->n; j++) {
            Value o = r->old[j];
            if (o.aux == 0 ? prev_empty : (o.aux > n - i || memcmp(s.u.s + i, o.u.s, o.aux)))
                continue;
            k = j;
            break;
        }
        prev_empty = k >= 0 && r->old[k].aux == 0;
        if (k >= 0) {
            any = true;
            goro_buf_put(&b, s.u.s + last, (size_t)(i - last));
            goro_buf_put(&b, r->new[k].u.s, r->new[k].aux);
            i += r->old[k].aux;
            last = i;
            continue;
        }
        i++;
    }
    if (!any)
        return plain(s);
    goro_buf_put(&b, s.u.s + last, (size_t)(n - last));
    return goro_buf_string(&b);
}

static int rp_replace(G *g, Value *args, int nargs, Value *res)
{
    GORO_RECV(ReplacerObj, r, as_replacer);
    if (nargs < 2 || VKIND(args[1]) != VK_STRING)
        return goro_runtime_error(g, "strings.Replacer.Replace: argument must be a string");
    res[0] = replacer_apply(r, args[1]);
    return 1;
}

static int rp_writestring(G *g, Value *args, int nargs, Value *res)
{
    GORO_RECV(ReplacerObj, r, as_replacer);
    if (nargs < 3 || VKIND(args[2]) != VK_STRING)
        return goro_runtime_error(g, "strings.Replacer.WriteString: expects a writer and a string");
    Value w = args[1];
    return write_to(g, w, replacer_apply(r, args[2]), res);
}

/* ------------------------------------------------------------------ init */

/* The Go 1.24 iterators (strings_seq.c). */
#define SEQ_NATIVE(cname, kind) \
    static int cname(G *g, Value *args, int nargs, Value *res) { return goro_strings_seq(g, "strings", kind, false, args, nargs, res); }
SEQ_NATIVE(s_lines, SEQ_LINES)
SEQ_NATIVE(s_splitseq, SEQ_SPLIT)
SEQ_NATIVE(s_splitafterseq, SEQ_SPLITAFTER)
SEQ_NATIVE(s_fieldsseq, SEQ_FIELDS)
SEQ_NATIVE(s_fieldsfuncseq, SEQ_FIELDSFUNC)

void goro_pkg_strings_init(void)
{
    Package *p = goro_pkg_new("strings");
    strslice_tt = TT(VK_SLICE, goro_type_slice(goro_t_string)->id);
    s_write = goro_intern_cstr("Write");

    static const struct { const char *name; NativeFn fn; } fns[] = {
        {"Clone", s_clone}, {"Compare", s_compare}, {"Contains", s_contains},
        {"ContainsAny", s_containsany}, {"ContainsFunc", s_containsfunc},
        {"ContainsRune", s_containsrune}, {"Count", s_count}, {"Cut", s_cut},
        {"CutPrefix", s_cutprefix}, {"CutSuffix", s_cutsuffix}, {"EqualFold", s_equalfold},
        {"Fields", s_fields}, {"FieldsFunc", s_fieldsfunc}, {"HasPrefix", s_hasprefix},
        {"HasSuffix", s_hassuffix}, {"Index", s_index}, {"IndexAny", s_indexany},
        {"IndexByte", s_indexbyte}, {"IndexFunc", s_indexfunc}, {"IndexRune", s_indexrune},
        {"Join", s_join}, {"LastIndex", s_lastindex}, {"LastIndexAny", s_lastindexany},
        {"LastIndexByte", s_lastindexbyte}, {"LastIndexFunc", s_lastindexfunc},
        {"Map", s_map}, {"Repeat", s_repeat}, {"Replace", s_replace},
        {"ReplaceAll", s_replaceall}, {"Split", s_split}, {"SplitAfter", s_splitafter},
        {"SplitAfterN", s_splitaftern}, {"SplitN", s_splitn}, {"Title", s_title},
        {"ToLower", s_tolower}, {"ToTitle", s_totitle}, {"ToUpper", s_toupper},
        {"ToLowerSpecial", s_tolowerspecial}, {"ToTitleSpecial", s_totitlespecial},
        {"ToUpperSpecial", s_toupperspecial},
        {"ToValidUTF8", s_tovalidutf8}, {"Trim", s_trim}, {"TrimFunc", s_trimfunc},
        {"TrimLeft", s_trimleft}, {"TrimLeftFunc", s_trimleftfunc},
        {"TrimPrefix", s_trimprefix}, {"TrimRight", s_trimright},
        {"TrimRightFunc", s_trimrightfunc}, {"TrimSpace", s_trimspace},
        {"TrimSuffix", s_trimsuffix}, {"NewReader", s_newreader},
        {"NewReplacer", s_newreplacer}, {"Lines", s_lines}, {"SplitSeq", s_splitseq},
        {"SplitAfterSeq", s_splitafterseq}, {"FieldsSeq", s_fieldsseq},
        {"FieldsFuncSeq", s_fieldsfuncseq},
    };
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
        goro_pkg_func(p, fns[i].name, fns[i].fn);

    builder_class.write = builder_cls_write;
    reader_class.read = reader_cls_read;
    Type *bt = goro_pkg_obj_type(p, "strings", "Builder", &builder_class, builder_zero);
    goro_pkg_method(bt, "WriteString", b_writestring);
    goro_pkg_method(bt, "WriteByte", b_writebyte);
    goro_pkg_method(bt, "WriteRune", b_writerune);
    goro_pkg_method(bt, "Write", b_write);
    goro_pkg_method(bt, "String", b_string);
    goro_pkg_method(bt, "Len", b_len);
    goro_pkg_method(bt, "Cap", b_cap);
    goro_pkg_method(bt, "Reset", b_reset);
    goro_pkg_method(bt, "Grow", b_grow);

    Type *rt = goro_pkg_obj_type(p, "strings", "Reader", &reader_class, reader_zero);
    goro_pkg_method(rt, "Len", r_len);
    goro_pkg_method(rt, "Size", r_size);
    goro_pkg_method(rt, "Read", r_read);
    goro_pkg_method(rt, "ReadByte", r_readbyte);
    goro_pkg_method(rt, "UnreadByte", r_unreadbyte);
    goro_pkg_method(rt, "ReadRune", r_readrune);
    goro_pkg_method(rt, "UnreadRune", r_unreadrune);
    goro_pkg_method(rt, "Seek", r_seek);
    goro_pkg_method(rt, "Reset", r_reset);
    goro_pkg_method(rt, "WriteTo", r_writeto);
    goro_pkg_method(rt, "ReadAt", r_readat);

    Type *pt = goro_pkg_obj_type(p, "strings", "Replacer", &replacer_class, NULL);
    goro_pkg_method(pt, "Replace", rp_replace);
    goro_pkg_method(pt, "WriteString", rp_writestring);
}
