/* builtins.c: Go's predeclared functions as natives (see builtins.h).
 * len, append, panic and recover are opcodes in ordinary calls; their
 * natives here serve `defer`/`go` and function values. */
#include "builtins.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "chan.h"
#include "compile.h"
#include "vm.h"

static const char *tname(Value v) { return goro_type_of(v)->name; }

static int need_args(G *g, const char *fn, int nargs, int min, int max)
{
    if (nargs < min)
        return goro_runtime_error(g, "not enough arguments in call to %s", fn);
    if (max >= 0 && nargs > max)
        return goro_runtime_error(g, "too many arguments in call to %s", fn);
    return 0;
}

static bool as_int(Value v, int64_t *out)
{
    if (VKIND(v) == VK_INT) {
        *out = v.u.i;
        return true;
    }
    if (VKIND(v) == VK_FLOAT && v.u.f == trunc(v.u.f)) {
        *out = (int64_t)v.u.f;
        return true;
    }
    return false;
}

static int b_len(G *g, Value *args, int nargs, Value *res)
{
    if (need_args(g, "len", nargs, 1, 1))
        return GORO_NATIVE_PANIC;
    int64_t n;
    if (!goro_len(args[0], &n))
        return goro_runtime_error(g, "invalid argument: %s has no length", tname(args[0]));
    res[0] = goro_int(n);
    return 1;
}

static int b_cap(G *g, Value *args, int nargs, Value *res)
{
    if (need_args(g, "cap", nargs, 1, 1))
        return GORO_NATIVE_PANIC;
    Value v = args[0];
    switch (VKIND(v)) {
    case VK_SLICE: res[0] = goro_int(goro_slice_cap(v)); return 1;
    case VK_ARRAY: res[0] = goro_int(((Array *)v.u.p)->len); return 1;
    case VK_CHAN: res[0] = goro_int(v.u.p ? ((Chan *)v.u.p)->cap : 0); return 1;
    case VK_NIL: res[0] = goro_int(0); return 1;
    case VK_PTR:
        if (v.u.p && VKIND(*(Value *)v.u.p) == VK_ARRAY) {
            res[0] = goro_int(((Array *)((Value *)v.u.p)->u.p)->len);
            return 1;
        }
        /* fall through */
    default:
        return goro_runtime_error(g, "invalid argument: %s has no capacity", tname(v));
    }
}

static int b_append(G *g, Value *args, int nargs, Value *res)
{
    if (need_args(g, "append", nargs, 1, -1))
        return GORO_NATIVE_PANIC;
    Value s = args[0];
    if (VKIND(s) != VK_SLICE && VKIND(s) != VK_NIL)
        return goro_runtime_error(g, "first argument to append must be a slice; have %s", tname(s));
    res[0] = goro_slice_append(s, args + 1, nargs - 1);
    return 1;
}

static int b_copy(G *g, Value *args, int nargs, Value *res)
{
    if (need_args(g, "copy", nargs, 2, 2))
        return GORO_NATIVE_PANIC;
    Value dst = args[0], src = args[1];
    if (VKIND(dst) != VK_SLICE && VKIND(dst) != VK_NIL)
        return goro_runtime_error(g, "copy expects slice arguments; found %s", tname(dst));
    int64_t n = dst.aux;
    Value *d = goro_slice_data(dst);
    if (VKIND(src) == VK_STRING) {
        if (n > src.aux)
            n = src.aux;
        goro_bytes_from(d, src.u.s, n);
    } else if (VKIND(src) == VK_SLICE || VKIND(src) == VK_NIL) {
        if (n > src.aux)
            n = src.aux;
        goro_values_copy(d, goro_slice_data(src), n);
    } else {
        return goro_runtime_error(g, "copy expects slice arguments; found %s", tname(src));
    }
    res[0] = goro_int(n);
    return 1;
}

static int b_delete(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    if (need_args(g, "delete", nargs, 2, 2))
        return GORO_NATIVE_PANIC;
    if (VKIND(args[0]) != VK_MAP)
        return goro_runtime_error(g, "first argument to delete must be a map; have %s", tname(args[0]));
    goro_map_delete(args[0].u.p, args[1]);
    return 0;
}

static int b_close(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    if (need_args(g, "close", nargs, 1, 1))
        return GORO_NATIVE_PANIC;
    if (VKIND(args[0]) != VK_CHAN && VKIND(args[0]) != VK_NIL)
        return goro_runtime_error(g, "invalid operation: close of non-channel %s", tname(args[0]));
    if (goro_chan_close(g, args[0].u.p) == CHAN_PANIC)
        return GORO_NATIVE_PANIC;
    return 0;
}

static int b_clear(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    if (need_args(g, "clear", nargs, 1, 1))
        return GORO_NATIVE_PANIC;
    Value v = args[0];
    if (VKIND(v) == VK_MAP) {
        goro_map_clear(v.u.p);
    } else if (VKIND(v) == VK_SLICE) {
        Type *t = goro_type_of(v);
        Value *d = goro_slice_data(v);
        for (uint32_t i = 0; i < v.aux; i++)
            d[i] = t->under->elem ? goro_type_zero(t->under->elem) : goro_nil();
    } else if (VKIND(v) != VK_NIL) {
        return goro_runtime_error(g, "invalid argument: clear of %s", tname(v));
    }
    return 0;
}

static int b_make(G *g, Value *args, int nargs, Value *res)
{
    if (need_args(g, "make", nargs, 1, 3))
        return GORO_NATIVE_PANIC;
    if (VKIND(args[0]) != VK_TYPE)
        return goro_runtime_error(g, "make: first argument must be a type");
    Type *t = args[0].u.p;
    int64_t a = 0, b = 0;
    if (nargs > 1 && !as_int(args[1], &a))
        return goro_runtime_error(g, "make: size of type %s, not an integer", tname(args[1]));
    if (nargs > 2 && !as_int(args[2], &b))
        return goro_runtime_error(g, "make: capacity of type %s, not an integer", tname(args[2]));
    switch (t->under->kind) {
    case TY_SLICE: {
        if (nargs < 2)
            return goro_runtime_error(g, "make(%s) expects 2 or 3 arguments", t->name);
        int64_t cap = nargs > 2 ? b : a;
        if (a < 0 || a > ((int64_t)1 << 31))
            return goro_runtime_error(g, "makeslice: len out of range");
        if (cap < a || cap > ((int64_t)1 << 31))
            return goro_runtime_error(g, "makeslice: cap out of range");
        res[0] = goro_slice_new(TT(VK_SLICE, t->id), a, cap);
        return 1;
    }
    case TY_MAP:
        if (a < 0)
            return goro_plain_error(g, "makemap: size out of range");
        res[0] = goro_ptrval(TT(VK_MAP, t->id), goro_map_new(t, a > (1 << 20) ? (1 << 20) : a));
        return 1;
    case TY_CHAN:
        if (a < 0 || a > ((int64_t)1 << 30))
            return goro_plain_error(g, "makechan: size out of range");
        res[0] = goro_ptrval(TT(VK_CHAN, t->id), goro_chan_new(t->under->elem, a));
        return 1;
    default:
        return goro_runtime_error(g, "invalid argument: cannot make %s", t->name);
    }
}

static int b_new(G *g, Value *args, int nargs, Value *res)
{
    if (need_args(g, "new", nargs, 1, 1))
        return GORO_NATIVE_PANIC;
    if (VKIND(args[0]) != VK_TYPE)
        return goro_runtime_error(g, "new: argument must be a type");
    Type *t = args[0].u.p;
    Box *b = goro_alloc(sizeof *b);
    b->v = goro_type_zero(t);
    res[0] = goro_ptrval(TT(VK_PTR, goro_type_ptr(t)->id), &b->v);
    return 1;
}

static bool is_unsigned(Value v) { return VTYPEID(v) && goro_type_is_unsigned(goro_type_of(v)); }

static double num(Value v)
{
    if (VKIND(v) == VK_FLOAT)
        return v.u.f;
    return is_unsigned(v) ? (double)v.u.u : (double)v.u.i;
}

/* Is [v] better than [best] for min (max)?  Go's rules: a NaN wins
 * (NaN in, NaN out), -0.0 is below 0.0, unsigned ints compare as
 * unsigned. */
static bool minmax_better(Value v, Value best, bool is_min)
{
    if (VKIND(v) == VK_INT && VKIND(best) == VK_INT) {
        if (is_unsigned(v) || is_unsigned(best))
            return is_min ? v.u.u < best.u.u : v.u.u > best.u.u;
        return is_min ? v.u.i < best.u.i : v.u.i > best.u.i;
    }
    double x = num(v), y = num(best);
    if (isnan(y))
        return false;
    if (isnan(x))
        return true;
    if (x == y && x == 0 && VKIND(v) == VK_FLOAT && VKIND(best) == VK_FLOAT)
        return is_min ? signbit(x) && !signbit(y) : !signbit(x) && signbit(y);
    return is_min ? x < y : x > y;
}

static bool ordered(Value v)
{
    unsigned k = VKIND(v);
    return k == VK_INT || k == VK_FLOAT || k == VK_STRING;
}

static int minmax(G *g, Value *args, int nargs, Value *res, bool is_min)
{
    const char *fn = is_min ? "min" : "max";
    if (need_args(g, fn, nargs, 1, -1))
        return GORO_NATIVE_PANIC;
    Value best = args[0];
    if (!ordered(best))
        return goro_runtime_error(g, "invalid argument: %s cannot be ordered in %s", tname(best), fn);
    for (int i = 1; i < nargs; i++) {
        Value v = args[i];
        unsigned kb = VKIND(best), kv = VKIND(v);
        if (!ordered(v) || (kb == VK_STRING) != (kv == VK_STRING))
            return goro_runtime_error(g, "invalid argument: mismatched types %s and %s in %s",
                                      tname(best), tname(v), fn);
        if (kb == VK_STRING) {
            int c = goro_str_compare(v, best);
            if (is_min ? c < 0 : c > 0)
                best = v;
            continue;
        }
        Value win = minmax_better(v, best, is_min) ? v : best;
        if (kb != kv && VKIND(win) == VK_INT) {
            /* mixing converts to float, as an untyped constant would */
            Value f = kb == VK_FLOAT ? best : v;
            win = goro_typed(goro_float(num(win)), goro_type_of(f));
        }
        best = win;
    }
    res[0] = best;
    return 1;
}

static int b_min(G *g, Value *args, int nargs, Value *res) { return minmax(g, args, nargs, res, true); }
static int b_max(G *g, Value *args, int nargs, Value *res) { return minmax(g, args, nargs, res, false); }

static void print_float(double x, char *buf, size_t size)
{
    if (isnan(x) || isinf(x)) {
        snprintf(buf, size, "%s", isnan(x) ? "NaN" : x > 0 ? "+Inf" : "-Inf");
        return;
    }
    snprintf(buf, size, "%+.6e", x);
    char *e = strchr(buf, 'e');   /* a three-digit exponent */
    if (e) {
        char sign = e[1];
        int exp = atoi(e + 2);
        snprintf(e, size - (size_t)(e - buf), "e%c%03d", sign, exp);
    }
}

/* A number or bool the way Go's runtime prints it (print, println and
 * panic values): floats as +1.500000e+000. */
char *goro_print_basic(Value v, char *buf, size_t size)
{
    switch (VKIND(v)) {
    case VK_BOOL:
        snprintf(buf, size, "%s", v.u.i ? "true" : "false");
        break;
    case VK_INT:
        if (VTYPEID(v) && goro_type_is_unsigned(goro_type_of(v)))
            snprintf(buf, size, "%llu", (unsigned long long)v.u.u);
        else
            snprintf(buf, size, "%lld", (long long)v.u.i);
        break;
    case VK_FLOAT:
        print_float(v.u.f, buf, size);
        break;
    case VK_COMPLEX: {
        /* (+1.000000e+000+2.000000e+000i) */
        char re[32], im[32];
        print_float(goro_creal(v), re, sizeof re);
        print_float(goro_cimag(v), im, sizeof im);
        snprintf(buf, size, "(%s%si)", re, im);
        break;
    }
    default:
        buf[0] = 0;
        break;
    }
    return buf;
}

/* print/println format values the way Go's runtime does (not fmt). */
static void print_value(FILE *f, Value v)
{
    char buf[64];
    switch (VKIND(v)) {
    case VK_NIL: fputs("nil", f); break;
    case VK_BOOL: case VK_INT: case VK_FLOAT: case VK_COMPLEX:
        fputs(goro_print_basic(v, buf, sizeof buf), f);
        break;
    case VK_STRING: fwrite(v.u.s, 1, v.aux, f); break;
    case VK_SLICE: fprintf(f, "[%u/%lld]%p", v.aux, (long long)goro_slice_cap(v), v.u.p); break;
    default: fprintf(f, "%p", v.u.p); break;
    }
}

static int b_print(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g);
    GORO_UNUSED(res);
    fflush(stdout);
    for (int i = 0; i < nargs; i++)
        print_value(stderr, args[i]);
    return 0;
}

static int b_println(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g);
    GORO_UNUSED(res);
    fflush(stdout);
    for (int i = 0; i < nargs; i++) {
        if (i)
            fputc(' ', stderr);
        print_value(stderr, args[i]);
    }
    fputc('\n', stderr);
    return 0;
}

static int b_panic(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    if (need_args(g, "panic", nargs, 1, 1))
        return GORO_NATIVE_PANIC;
    return goro_panic(g, args[0]);
}

static int b_recover(G *g, Value *args, int nargs, Value *res)
{
    /* recover called by the runtime as the deferred function itself, not
     * by a deferred function: Go says it returns nil */
    GORO_UNUSED(g);
    GORO_UNUSED(args);
    GORO_UNUSED(nargs);
    res[0] = goro_nil();
    return 1;
}

/* complex(r, i): complex64 from float32 parts, else complex128. */
static int b_complex(G *g, Value *args, int nargs, Value *res)
{
    if (need_args(g, "complex", nargs, 2, 2))
        return GORO_NATIVE_PANIC;
    for (int i = 0; i < 2; i++)
        if (VKIND(args[i]) != VK_INT && VKIND(args[i]) != VK_FLOAT)
            return goro_runtime_error(g, "invalid argument: arguments have type %s, expected floating-point",
                                      tname(args[i]));
    bool small = goro_type_of(args[0])->under->kind == TY_FLOAT32 ||
                 goro_type_of(args[1])->under->kind == TY_FLOAT32;
    res[0] = goro_complex_of(small ? goro_t_complex64 : goro_t_complex128, num(args[0]), num(args[1]));
    return 1;
}

/* real(c), imag(c): float32 parts of a complex64, else float64. */
static int complex_part(G *g, const char *fn, Value *args, int nargs, Value *res, bool imag)
{
    if (need_args(g, fn, nargs, 1, 1))
        return GORO_NATIVE_PANIC;
    Value v = args[0];
    if (VKIND(v) == VK_INT || VKIND(v) == VK_FLOAT) {   /* a constant: x+0i */
        res[0] = goro_float(imag ? 0 : num(v));
        return 1;
    }
    if (VKIND(v) != VK_COMPLEX)
        return goro_runtime_error(g, "invalid argument: %s (type %s) not of complex type", fn, tname(v));
    res[0] = goro_float(imag ? goro_cimag(v) : goro_creal(v));
    if (goro_type_of(v)->under->kind == TY_COMPLEX64)
        res[0] = goro_typed(res[0], goro_t_float32);
    return 1;
}

static int b_real(G *g, Value *args, int nargs, Value *res) { return complex_part(g, "real", args, nargs, res, false); }
static int b_imag(G *g, Value *args, int nargs, Value *res) { return complex_part(g, "imag", args, nargs, res, true); }

Value goro_builtin_value(int b)
{
    static Value cache[B_RECOVER + 1];
    static const struct { const char *name; NativeFn fn; } table[B_RECOVER + 1] = {
        [B_APPEND] = {"append", b_append}, [B_CAP] = {"cap", b_cap},
        [B_CLEAR] = {"clear", b_clear}, [B_CLOSE] = {"close", b_close},
        [B_COMPLEX] = {"complex", b_complex}, [B_COPY] = {"copy", b_copy},
        [B_DELETE] = {"delete", b_delete}, [B_IMAG] = {"imag", b_imag},
        [B_LEN] = {"len", b_len}, [B_MAKE] = {"make", b_make}, [B_MAX] = {"max", b_max},
        [B_MIN] = {"min", b_min}, [B_NEW] = {"new", b_new}, [B_PANIC] = {"panic", b_panic},
        [B_PRINT] = {"print", b_print}, [B_PRINTLN] = {"println", b_println},
        [B_REAL] = {"real", b_real}, [B_RECOVER] = {"recover", b_recover},
    };
    if (b < 1 || b > B_RECOVER)
        goro_fatal("bad builtin %d", b);
    if (VKIND(cache[b]) != VK_NATIVE)
        cache[b] = goro_native_value(table[b].name, table[b].fn);
    return cache[b];
}
