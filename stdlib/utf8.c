/* utf8.c: the unicode/utf8 package: counting, validating, decoding and
 * encoding runes in strings and []byte with Go's rules (src/utf8.h does
 * the decoding: an invalid byte is RuneError of width 1). */
#include "pkg.h"
#include "utf8.h"
#include "vm.h"

#define RUNE_SELF 0x80
#define MAX_RUNE 0x10FFFF


static bool valid_rune(int64_t r)
{
    return (r >= 0 && r < 0xD800) || (r > 0xDFFF && r <= MAX_RUNE);
}

/* utf8.DecodeLastRuneInString: back up to a rune start at most UTFMax
 * bytes from the end; if the rune found there does not end exactly at
 * the end, the last byte is invalid on its own. */
int goro_utf8_decode_last(const unsigned char *s, int64_t n, int32_t *r)
{
    if (n <= 0) {
        *r = GORO_RUNE_ERROR;
        return 0;
    }
    int64_t start = n - 1;
    if (s[start] < RUNE_SELF) {
        *r = s[start];
        return 1;
    }
    int64_t lim = n - 4 < 0 ? 0 : n - 4;
    for (start--; start >= lim; start--)
        if ((s[start] & 0xC0) != 0x80)
            break;
    if (start < 0)
        start = 0;
    int size = goro_utf8_decode(s + start, n - start, r);
    if (start + size != n) {
        *r = GORO_RUNE_ERROR;
        return 1;
    }
    return size;
}

/* ------------------------------------------------------------ arguments */

/* The bytes of a []byte argument (a string is accepted too); NULL when
 * the argument is neither. */
static const unsigned char *bytes_arg(Value v, int64_t *n)
{
    if (VKIND(v) == VK_STRING) {
        *n = v.aux;
        return (const unsigned char *)v.u.s;
    }
    if (VKIND(v) == VK_NIL) {
        *n = 0;
        return (const unsigned char *)"";
    }
    if (VKIND(v) != VK_SLICE)
        return NULL;
    *n = v.aux;
    unsigned char *b = goro_alloc_atomic((size_t)v.aux + 1);
    Value *d = goro_slice_data(v);
    for (int64_t i = 0; i < *n; i++)
        b[i] = (unsigned char)d[i].u.i;
    return b;
}

#define NEED_STR(fn)                                                                   \
    do {                                                                               \
        if (nargs < 1 || VKIND(args[0]) != VK_STRING)                                  \
            return goro_runtime_error(g, "utf8.%s: argument must be a string", fn);    \
    } while (0)

#define NEED_BYTES(fn, var, n)                                                         \
    int64_t n;                                                                         \
    const unsigned char *var = nargs >= 1 ? bytes_arg(args[0], &n) : NULL;             \
    do {                                                                               \
        if (!var)                                                                      \
            return goro_runtime_error(g, "utf8.%s: argument must be a []byte", fn);    \
    } while (0)

#define NEED_RUNE(idx, fn, var)                                                     \
    int64_t var;                                                                  \
    do {                                                                          \
        if (nargs <= (idx) || VKIND(args[idx]) != VK_INT)                         \
            return goro_runtime_error(g, "utf8.%s: argument %d must be a rune", fn, \
                                      (idx) + 1);                                 \
        var = args[idx].u.i;                                                      \
    } while (0)

/* ------------------------------------------------------------- natives */

static int u_runecountinstring(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR("RuneCountInString");
    res[0] = goro_int(goro_utf8_count((const unsigned char *)args[0].u.s, args[0].aux));
    return 1;
}

static int u_runecount(G *g, Value *args, int nargs, Value *res)
{
    NEED_BYTES("RuneCount", p, n);
    res[0] = goro_int(goro_utf8_count(p, n));
    return 1;
}

static int u_runelen(G *g, Value *args, int nargs, Value *res)
{
    NEED_RUNE(0, "RuneLen", r);
    res[0] = goro_int(valid_rune(r) ? goro_utf8_len((int32_t)r) : -1);
    return 1;
}

static int u_validstring(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR("ValidString");
    res[0] = goro_bool(goro_utf8_valid((const unsigned char *)args[0].u.s, args[0].aux));
    return 1;
}

static int u_valid(G *g, Value *args, int nargs, Value *res)
{
    NEED_BYTES("Valid", p, n);
    res[0] = goro_bool(goro_utf8_valid(p, n));
    return 1;
}

static int u_validrune(G *g, Value *args, int nargs, Value *res)
{
    NEED_RUNE(0, "ValidRune", r);
    res[0] = goro_bool(valid_rune(r));
    return 1;
}

static int decode_result(const unsigned char *s, int64_t n, bool last, Value *res)
{
    int32_t r;
    int size = last ? goro_utf8_decode_last(s, n, &r) : goro_utf8_decode(s, n, &r);
    res[0] = goro_rune(r);
    res[1] = goro_int(size);
    return 2;
}

static int u_decoderuneinstring(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR("DecodeRuneInString");
    return decode_result((const unsigned char *)args[0].u.s, args[0].aux, false, res);
}

static int u_decoderune(G *g, Value *args, int nargs, Value *res)
{
    NEED_BYTES("DecodeRune", p, n);
    return decode_result(p, n, false, res);
}

static int u_decodelastruneinstring(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR("DecodeLastRuneInString");
    return decode_result((const unsigned char *)args[0].u.s, args[0].aux, true, res);
}

static int u_decodelastrune(G *g, Value *args, int nargs, Value *res)
{
    NEED_BYTES("DecodeLastRune", p, n);
    return decode_result(p, n, true, res);
}

static int encode(int64_t r, char *out)
{
    return goro_utf8_encode(valid_rune(r) ? (int32_t)r : GORO_RUNE_ERROR, out);
}

/* EncodeRune(p, r): writes into p's elements, panicking as Go's index
 * expression does when p is too short. */
static int u_encoderune(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1 || (VKIND(args[0]) != VK_SLICE && VKIND(args[0]) != VK_NIL))
        return goro_runtime_error(g, "utf8.EncodeRune: argument 1 must be a []byte");
    NEED_RUNE(1, "EncodeRune", r);
    char buf[4];
    int k = encode(r, buf);
    Value p = args[0];
    Value *d = goro_slice_data(p);
    for (int i = k - 1; i >= 0; i--)  /* Go checks the last index first */
        if ((uint32_t)i >= p.aux)
            return goro_runtime_error(g, "index out of range [%d] with length %u", i, p.aux);
    for (int i = 0; i < k; i++)
        d[i] = goro_byte((unsigned char)buf[i]);
    res[0] = goro_int(k);
    return 1;
}

static int u_appendrune(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1 || (VKIND(args[0]) != VK_SLICE && VKIND(args[0]) != VK_NIL))
        return goro_runtime_error(g, "utf8.AppendRune: argument 1 must be a []byte");
    NEED_RUNE(1, "AppendRune", r);
    Value p = args[0];
    if (VKIND(p) == VK_NIL)
        p = goro_ptrval(TT(VK_SLICE, goro_t_bytes->id), NULL);
    char buf[4];
    int k = encode(r, buf);
    Value items[4];
    for (int i = 0; i < k; i++)
        items[i] = goro_byte((unsigned char)buf[i]);
    res[0] = goro_slice_append(p, items, k);
    return 1;
}

/* Go's FullRune: does [s] begin with a complete rune (an invalid
 * encoding counts as a complete one-byte rune)? */
static bool full_rune(const unsigned char *s, int64_t n)
{
    if (n == 0)
        return false;
    unsigned c = s[0];
    int need = c < 0xC2 || c > 0xF4 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (n >= need)
        return true;
    unsigned lo = 0x80, hi = 0xBF;  /* the second byte's accepted range */
    if (c == 0xE0) lo = 0xA0;
    else if (c == 0xED) hi = 0x9F;
    else if (c == 0xF0) lo = 0x90;
    else if (c == 0xF4) hi = 0x8F;
    if (n > 1 && (s[1] < lo || s[1] > hi))
        return true;
    if (n > 2 && (s[2] < 0x80 || s[2] > 0xBF))
        return true;
    return false;
}

static int u_fullrune(G *g, Value *args, int nargs, Value *res)
{
    NEED_BYTES("FullRune", p, n);
    res[0] = goro_bool(full_rune(p, n));
    return 1;
}

static int u_fullruneinstring(G *g, Value *args, int nargs, Value *res)
{
    NEED_STR("FullRuneInString");
    res[0] = goro_bool(full_rune((const unsigned char *)args[0].u.s, args[0].aux));
    return 1;
}

static int u_runestart(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1 || VKIND(args[0]) != VK_INT)
        return goro_runtime_error(g, "utf8.RuneStart: argument must be a byte");
    res[0] = goro_bool((args[0].u.i & 0xC0) != 0x80);
    return 1;
}

void goro_pkg_utf8_init(void)
{
    Package *p = goro_pkg_new("unicode/utf8");
    goro_pkg_const(p, "RuneError", goro_int(GORO_RUNE_ERROR));
    goro_pkg_const(p, "RuneSelf", goro_int(RUNE_SELF));
    goro_pkg_const(p, "MaxRune", goro_int(MAX_RUNE));
    goro_pkg_const(p, "UTFMax", goro_int(4));
    static const struct { const char *name; NativeFn fn; } fns[] = {
        {"RuneCountInString", u_runecountinstring},
        {"RuneCount", u_runecount},
        {"RuneLen", u_runelen},
        {"ValidString", u_validstring},
        {"Valid", u_valid},
        {"ValidRune", u_validrune},
        {"DecodeRuneInString", u_decoderuneinstring},
        {"DecodeRune", u_decoderune},
        {"DecodeLastRuneInString", u_decodelastruneinstring},
        {"DecodeLastRune", u_decodelastrune},
        {"EncodeRune", u_encoderune},
        {"AppendRune", u_appendrune},
        {"FullRune", u_fullrune},
        {"FullRuneInString", u_fullruneinstring},
        {"RuneStart", u_runestart},
    };
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
        goro_pkg_func(p, fns[i].name, fns[i].fn);
}
