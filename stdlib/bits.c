/* bits.c: math/bits: counting, rotating and reversing bits of unsigned
 * integers of each width (the unsuffixed forms are uint's, 64 bits), and
 * the full-width Add, Sub, Mul, Div and Rem with carries, as Go's. */
#include "pkg.h"
#include "vm.h"

typedef unsigned __int128 u128;

/* Width w's type and mask: w = 0 is uint. */
static Type *width_type(int w)
{
    switch (w) {
    case 8: return goro_t_uint8;
    case 16: return goro_t_uint16;
    case 32: return goro_t_uint32;
    case 64: return goro_t_uint64;
    default: return goro_t_uint;
    }
}

static uint64_t mask(int w) { return w == 0 || w == 64 ? ~0ULL : (1ULL << w) - 1; }
static int bitsof(int w) { return w ? w : 64; }
static Value uval(int w, uint64_t x) { return goro_typed(goro_int((int64_t)(x & mask(w))), width_type(w)); }

static int bad(G *g, const char *fn) { return goro_runtime_error(g, "bits.%s: arguments must be unsigned integers", fn); }

static bool arg(const Value *args, int nargs, int i, int w, uint64_t *out)
{
    int64_t v;
    if (!goro_arg_int(args, nargs, i, &v))
        return false;
    *out = (uint64_t)v & mask(w);
    return true;
}

static int leading(uint64_t x, int w) { return x ? __builtin_clzll(x) - (64 - bitsof(w)) : bitsof(w); }
static int trailing(uint64_t x, int w) { return x ? __builtin_ctzll(x) : bitsof(w); }

static uint64_t reverse(uint64_t x, int w)
{
    uint64_t r = 0;
    for (int i = 0; i < bitsof(w); i++, x >>= 1)
        r = r << 1 | (x & 1);
    return r;
}

static uint64_t reverse_bytes(uint64_t x, int w)
{
    uint64_t r = 0;
    for (int i = 0; i < bitsof(w) / 8; i++, x >>= 8)
        r = r << 8 | (x & 0xff);
    return r;
}

static uint64_t rotate(uint64_t x, int64_t k, int w)
{
    int n = bitsof(w);
    int s = (int)(((k % n) + n) % n);
    return s ? ((x << s) | (x >> (n - s))) & mask(w) : x;
}

/* One-argument functions: an int result (counts) or a same-width one. */
#define BITS1(Name, w, expr, wrap)                                                        \
    static int f_##Name(G *g, Value *args, int nargs, Value *res)                         \
    {                                                                                     \
        uint64_t x;                                                                       \
        if (!arg(args, nargs, 0, w, &x))                                                  \
            return bad(g, #Name);                                                         \
        res[0] = wrap(w, expr);                                                           \
        return 1;                                                                         \
    }
#define INTRES(w, v) goro_int((int64_t)(v))

#define COUNTS(sfx, w)                                                                    \
    BITS1(LeadingZeros##sfx, w, leading(x, w), INTRES)                                    \
    BITS1(TrailingZeros##sfx, w, trailing(x, w), INTRES)                                  \
    BITS1(OnesCount##sfx, w, __builtin_popcountll(x), INTRES)                             \
    BITS1(Len##sfx, w, bitsof(w) - leading(x, w), INTRES)                                 \
    BITS1(Reverse##sfx, w, reverse(x, w), uval)                                           \
    static int f_RotateLeft##sfx(G *g, Value *args, int nargs, Value *res)                \
    {                                                                                     \
        uint64_t x;                                                                       \
        int64_t k;                                                                        \
        if (!arg(args, nargs, 0, w, &x) || !goro_arg_int(args, nargs, 1, &k))             \
            return bad(g, "RotateLeft" #sfx);                                             \
        res[0] = uval(w, rotate(x, k, w));                                                \
        return 1;                                                                         \
    }

COUNTS(, 0)
COUNTS(8, 8)
COUNTS(16, 16)
COUNTS(32, 32)
COUNTS(64, 64)
BITS1(ReverseBytes, 0, reverse_bytes(x, 0), uval)
BITS1(ReverseBytes16, 16, reverse_bytes(x, 16), uval)
BITS1(ReverseBytes32, 32, reverse_bytes(x, 32), uval)
BITS1(ReverseBytes64, 64, reverse_bytes(x, 64), uval)

/* Add, Sub, Mul, Div and Rem of width w (32 or 64; 0 = uint). */
static int arith(G *g, Value *args, int nargs, Value *res, int w, char op, const char *fn)
{
    uint64_t a, b, c = 0;
    int n = op == 'm' ? 2 : 3;
    if (!arg(args, nargs, 0, w, &a) || !arg(args, nargs, 1, w, &b) || (n == 3 && !arg(args, nargs, 2, w, &c)))
        return bad(g, fn);
    int bits = bitsof(w);
    u128 m = (u128)mask(w);
    switch (op) {
    case '+': {
        u128 s = (u128)a + b + c;
        res[0] = uval(w, (uint64_t)(s & m));
        res[1] = uval(w, (uint64_t)(s >> bits) & 1);
        return 2;
    }
    case '-': {
        uint64_t d = (a - b - c) & mask(w);
        uint64_t borrow = ((~a & b) | (~(a ^ b) & d)) >> (bits - 1);
        res[0] = uval(w, d);
        res[1] = uval(w, borrow & 1);
        return 2;
    }
    case 'm': {
        u128 p = (u128)a * b;
        res[0] = uval(w, (uint64_t)(p >> bits));
        res[1] = uval(w, (uint64_t)(p & m));
        return 2;
    }
    default: {   /* '/' Div(hi, lo, y), '%' Rem(hi, lo, y) */
        if (c == 0)
            return goro_runtime_error(g, "integer divide by zero");
        if (op == '/' && a >= c)
            return goro_runtime_error(g, "integer overflow");
        u128 x = ((u128)a << bits) | b;
        if (op == '%') {
            res[0] = uval(w, (uint64_t)(x % c));
            return 1;
        }
        res[0] = uval(w, (uint64_t)(x / c));
        res[1] = uval(w, (uint64_t)(x % c));
        return 2;
    }
    }
}

#define ARITH(Name, w, op)                                                                \
    static int f_##Name(G *g, Value *args, int nargs, Value *res)                         \
    {                                                                                     \
        return arith(g, args, nargs, res, w, op, #Name);                                  \
    }
#define ARITHS(sfx, w)                                                                    \
    ARITH(Add##sfx, w, '+') ARITH(Sub##sfx, w, '-') ARITH(Mul##sfx, w, 'm')                \
    ARITH(Div##sfx, w, '/') ARITH(Rem##sfx, w, '%')

ARITHS(, 0)
ARITHS(32, 32)
ARITHS(64, 64)

#define REG(Name) {#Name, f_##Name}
#define REG_COUNTS(sfx)                                                                   \
    REG(LeadingZeros##sfx), REG(TrailingZeros##sfx), REG(OnesCount##sfx), REG(Len##sfx),  \
    REG(Reverse##sfx), REG(RotateLeft##sfx)
#define REG_ARITHS(sfx) REG(Add##sfx), REG(Sub##sfx), REG(Mul##sfx), REG(Div##sfx), REG(Rem##sfx)

void goro_pkg_bits_init(void)
{
    Package *p = goro_pkg_new("math/bits");
    static const struct { const char *name; NativeFn fn; } fns[] = {
        REG_COUNTS(), REG_COUNTS(8), REG_COUNTS(16), REG_COUNTS(32), REG_COUNTS(64),
        REG(ReverseBytes), REG(ReverseBytes16), REG(ReverseBytes32), REG(ReverseBytes64),
        REG_ARITHS(), REG_ARITHS(32), REG_ARITHS(64),
    };
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
        goro_pkg_func(p, fns[i].name, fns[i].fn);
    goro_pkg_const(p, "UintSize", goro_int(64));
}
