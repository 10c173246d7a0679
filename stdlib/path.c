/* path.c: the path package (slash-separated paths): Clean, Join, Base,
 * Dir, Ext, Split, IsAbs and Match, ported from Go's path/path.go and
 * path/match.go; path/filepath (filepath.c) shares them. */
#include "errors_obj.h"
#include "format.h"
#include "path_impl.h"
#include "vm.h"

static Value bad_pattern;

/* -------------------------------------------------------------- Clean */

Value goro_path_clean(Value v)
{
    const char *path = v.u.s;
    size_t n = v.aux;
    if (n == 0)
        return goro_str_cstr(".");
    bool rooted = path[0] == '/';
    char *out = goro_alloc_atomic(n + 4);
    size_t w = 0, r = 0, dotdot = 0;
    if (rooted) {
        out[w++] = '/';
        r = dotdot = 1;
    }
    while (r < n) {
        if (path[r] == '/') {
            r++;
        } else if (path[r] == '.' && (r + 1 == n || path[r + 1] == '/')) {
            r++;
        } else if (path[r] == '.' && path[r + 1] == '.' && (r + 2 == n || path[r + 2] == '/')) {
            r += 2;
            if (w > dotdot) {
                w--;
                while (w > dotdot && out[w] != '/')
                    w--;
            } else if (!rooted) {
                if (w > 0)
                    out[w++] = '/';
                out[w++] = '.';
                out[w++] = '.';
                dotdot = w;
            }
        } else {
            if ((rooted && w != 1) || (!rooted && w != 0))
                out[w++] = '/';
            for (; r < n && path[r] != '/'; r++)
                out[w++] = path[r];
        }
    }
    if (w == 0)
        return goro_str_cstr(".");
    return goro_str_nocopy(out, (int64_t)w);
}

Value goro_path_join(const Value *elems, int n)
{
    Buf b = {0};
    bool any = false;
    for (int i = 0; i < n; i++) {
        if (elems[i].aux == 0)
            continue;
        if (any)
            goro_buf_putc(&b, '/');
        goro_buf_put(&b, elems[i].u.s, elems[i].aux);
        any = true;
    }
    if (!any)
        return goro_str_cstr("");
    return goro_path_clean(goro_buf_string(&b));
}

/* -------------------------------------------------------------- Match */

/* utf8.DecodeRuneInString: the rune at s and its width; (0xFFFD, 1) for
 * an invalid encoding, (0xFFFD, 0) for an empty string. */
static int32_t decode_rune(const unsigned char *s, size_t n, size_t *w)
{
    if (n == 0) {
        *w = 0;
        return 0xFFFD;
    }
    unsigned c = s[0];
    *w = 1;
    if (c < 0x80)
        return (int32_t)c;
    int need;
    int32_t r, min;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1, r = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2, r = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3, r = c & 0x07, min = 0x10000;
    } else {
        return 0xFFFD;
    }
    if (n < (size_t)need + 1)
        return 0xFFFD;
    for (int i = 1; i <= need; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0xFFFD;
        r = (r << 6) | (s[i] & 0x3F);
    }
    if (r < min || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF))
        return 0xFFFD;
    *w = (size_t)need + 1;
    return r;
}

typedef struct Str {
    const char *s;
    size_t n;
} Str;

static Str adv(Str s, size_t k) { return (Str){s.s + k, s.n - k}; }

/* scanChunk: the next segment of the pattern, a non-star string
 * possibly preceded by stars. */
static Str scan_chunk(Str *pattern, bool *star)
{
    *star = false;
    while (pattern->n > 0 && pattern->s[0] == '*') {
        *pattern = adv(*pattern, 1);
        *star = true;
    }
    bool inrange = false;
    size_t i;
    for (i = 0; i < pattern->n; i++) {
        char c = pattern->s[i];
        if (c == '\\') {
            if (i + 1 < pattern->n)
                i++;
        } else if (c == '[') {
            inrange = true;
        } else if (c == ']') {
            inrange = false;
        } else if (c == '*' && !inrange) {
            break;
        }
    }
    Str chunk = {pattern->s, i};
    *pattern = adv(*pattern, i);
    return chunk;
}

/* getEsc: a possibly escaped character of a class; false: bad pattern. */
static bool get_esc(Str *chunk, int32_t *r)
{
    if (chunk->n == 0 || chunk->s[0] == '-' || chunk->s[0] == ']')
        return false;
    if (chunk->s[0] == '\\') {
        *chunk = adv(*chunk, 1);
        if (chunk->n == 0)
            return false;
    }
    size_t w;
    *r = decode_rune((const unsigned char *)chunk->s, chunk->n, &w);
    bool ok = !(*r == 0xFFFD && w == 1);
    *chunk = adv(*chunk, w);
    if (chunk->n == 0)
        ok = false;
    return ok;
}

/* matchChunk: does [chunk] match the start of [s]?  1 with *rest set,
 * 0 no, -1 bad pattern. */
static int match_chunk(Str chunk, Str s, Str *rest)
{
    bool failed = false;
    while (chunk.n > 0) {
        if (!failed && s.n == 0)
            failed = true;
        char c = chunk.s[0];
        if (c == '[') {
            int32_t r = 0;
            if (!failed) {
                size_t w;
                r = decode_rune((const unsigned char *)s.s, s.n, &w);
                s = adv(s, w);
            }
            chunk = adv(chunk, 1);
            bool negated = false;
            if (chunk.n > 0 && chunk.s[0] == '^') {
                negated = true;
                chunk = adv(chunk, 1);
            }
            bool match = false;
            int nrange = 0;
            for (;;) {
                if (chunk.n > 0 && chunk.s[0] == ']' && nrange > 0) {
                    chunk = adv(chunk, 1);
                    break;
                }
                int32_t lo, hi;
                if (!get_esc(&chunk, &lo))
                    return -1;
                hi = lo;
                if (chunk.s[0] == '-') {
                    chunk = adv(chunk, 1);
                    if (!get_esc(&chunk, &hi))
                        return -1;
                }
                if (lo <= r && r <= hi)
                    match = true;
                nrange++;
            }
            if (match == negated)
                failed = true;
        } else if (c == '?') {
            if (!failed) {
                if (s.s[0] == '/')
                    failed = true;
                size_t w;
                decode_rune((const unsigned char *)s.s, s.n, &w);
                s = adv(s, w);
            }
            chunk = adv(chunk, 1);
        } else {
            if (c == '\\') {
                chunk = adv(chunk, 1);
                if (chunk.n == 0)
                    return -1;
            }
            if (!failed) {
                if (chunk.s[0] != s.s[0])
                    failed = true;
                s = adv(s, 1);
            }
            chunk = adv(chunk, 1);
        }
    }
    if (failed)
        return 0;
    *rest = s;
    return 1;
}

int goro_path_match(Value patv, Value namev, bool check_rest)
{
    Str pattern = {patv.u.s, patv.aux}, name = {namev.u.s, namev.aux};
next:
    while (pattern.n > 0) {
        bool star;
        Str chunk = scan_chunk(&pattern, &star);
        if (star && chunk.n == 0)
            return memchr(name.s, '/', name.n) == NULL;
        Str t;
        int ok = match_chunk(chunk, name, &t);
        if (ok == 1 && (t.n == 0 || pattern.n > 0)) {
            name = t;
            continue;
        }
        if (ok < 0)
            return -1;
        if (star) {
            for (size_t i = 0; i < name.n && name.s[i] != '/'; i++) {
                ok = match_chunk(chunk, adv(name, i + 1), &t);
                if (ok == 1) {
                    if (pattern.n == 0 && t.n > 0)
                        continue;
                    name = t;
                    goto next;
                }
                if (ok < 0)
                    return -1;
            }
        }
        if (check_rest) {
            while (pattern.n > 0) {
                chunk = scan_chunk(&pattern, &star);
                if (match_chunk(chunk, (Str){"", 0}, &t) < 0)
                    return -1;
            }
        }
        return 0;
    }
    return name.n == 0;
}

/* ------------------------------------------------------------ natives */

#define NEED_STR(i, fn)                                                                      \
    do {                                                                                     \
        if (nargs <= (i) || VKIND(args[i]) != VK_STRING)                                     \
            return goro_runtime_error(g, "%s: argument must be a string", fn);               \
    } while (0)

static int p_clean(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "Clean");
    res[0] = goro_path_clean(args[0]);
    return 1;
}

static int p_join(G *g, Value *args, int nargs, Value *res)
{
    for (int i = 0; i < nargs; i++)
        NEED_STR(i, "Join");
    res[0] = goro_path_join(args, nargs);
    return 1;
}

static int p_split(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "Split");
    Value s = args[0];
    int64_t i = (int64_t)s.aux - 1;
    while (i >= 0 && s.u.s[i] != '/')
        i--;
    res[0] = goro_str(s.u.s, i + 1);
    res[1] = goro_str(s.u.s + i + 1, (int64_t)s.aux - i - 1);
    return 2;
}

static int p_base(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "Base");
    Value s = args[0];
    if (s.aux == 0) {
        res[0] = goro_str_cstr(".");
        return 1;
    }
    int64_t n = s.aux;
    while (n > 0 && s.u.s[n - 1] == '/')
        n--;
    int64_t i = n - 1;
    while (i >= 0 && s.u.s[i] != '/')
        i--;
    res[0] = n - i - 1 == 0 ? goro_str_cstr("/") : goro_str(s.u.s + i + 1, n - i - 1);
    return 1;
}

static int p_dir(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "Dir");
    Value s = args[0];
    int64_t i = (int64_t)s.aux - 1;
    while (i >= 0 && s.u.s[i] != '/')
        i--;
    res[0] = goro_path_clean(goro_str(s.u.s, i + 1));
    return 1;
}

static int p_ext(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "Ext");
    Value s = args[0];
    for (int64_t i = (int64_t)s.aux - 1; i >= 0 && s.u.s[i] != '/'; i--) {
        if (s.u.s[i] == '.') {
            res[0] = goro_str(s.u.s + i, (int64_t)s.aux - i);
            return 1;
        }
    }
    res[0] = goro_str_cstr("");
    return 1;
}

static int p_isabs(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "IsAbs");
    res[0] = goro_bool(args[0].aux > 0 && args[0].u.s[0] == '/');
    return 1;
}

static int p_match(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR(0, "Match");
    NEED_STR(1, "Match");
    int r = goro_path_match(args[0], args[1], true);
    res[0] = goro_bool(r == 1);
    res[1] = r < 0 ? bad_pattern : goro_nil();
    return 2;
}

void goro_path_register_common(Package *p)
{
    goro_pkg_func(p, "Clean", p_clean);
    goro_pkg_func(p, "Join", p_join);
    goro_pkg_func(p, "Split", p_split);
    goro_pkg_func(p, "Base", p_base);
    goro_pkg_func(p, "Dir", p_dir);
    goro_pkg_func(p, "Ext", p_ext);
    goro_pkg_func(p, "IsAbs", p_isabs);
}

void goro_pkg_path_init(void)
{
    Package *p = goro_pkg_new("path");
    goro_path_register_common(p);
    bad_pattern = goro_error_new(goro_str_cstr("syntax error in pattern"));
    goro_pkg_var(p, "ErrBadPattern", bad_pattern);
    goro_pkg_func(p, "Match", p_match);
}
