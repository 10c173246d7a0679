/* arith.c: operators on values, the general case.
 *
 * The VM handles int op int and float op float inline; everything else
 * (named and sized integer types, unsigned arithmetic, mixed int and
 * float, strings, comparisons of other kinds) comes here.  Constant
 * folding in the compiler uses the same functions, so a folded constant
 * and a computed value always agree.
 *
 * Typed integers: the result takes the left operand's type, or the
 * right's when the left is an untyped int (a constant), and wraps to its
 * width; unsigned types divide, shift and compare as unsigned.
 *
 * Complex numbers: an int or float operand (an untyped constant) is the
 * complex x+0i; the result takes the complex operand's type (the left
 * one's when both are).  complex64 is computed in float64 and rounded,
 * as Go's compiler does; division is Go's runtime complex128div. */
#include "arith.h"

#include <math.h>

#include "bytecode.h"
#include "type.h"

static const char *op_verb(int op)
{
    switch (op) {
    case OP_ADD: return "add";
    case OP_SUB: return "subtract";
    case OP_MUL: return "multiply";
    case OP_DIV: return "divide";
    case OP_MOD: return "take the remainder of";
    case OP_BAND: case OP_BOR: case OP_BXOR: case OP_BANDNOT: return "apply a bitwise operator to";
    case OP_SHL: case OP_SHR: return "shift";
    default: return "combine";
    }
}

static const char *tname(Value v) { return goro_type_of(v)->name; }

static char *mismatch(int op, Value a, Value b)
{
    return goro_sprintf("cannot %s %s and %s", op_verb(op), tname(a), tname(b));
}

static double to_double(Value v)
{
    if (VKIND(v) == VK_FLOAT)
        return v.u.f;
    if (VTYPEID(v) && goro_type_is_unsigned(goro_type_table[VTYPEID(v)]))
        return (double)v.u.u;
    return (double)v.u.i;
}

static bool int_arith(int op, Value a, Value b, Value *out, const char **err)
{
    unsigned ida = VTYPEID(a), idb = VTYPEID(b);
    unsigned id = ida ? ida : idb;
    Type *t = id ? goro_type_table[id] : goro_t_int;
    bool uns = goro_type_is_unsigned(t);
    uint64_t x = a.u.u, y = b.u.u;
    int64_t r;
    switch (op) {
    case OP_ADD: r = (int64_t)(x + y); break;
    case OP_SUB: r = (int64_t)(x - y); break;
    case OP_MUL: r = (int64_t)(x * y); break;
    case OP_DIV: case OP_MOD:
        if (y == 0) {
            *err = "integer divide by zero";
            return false;
        }
        if (uns && (t->kind == TY_UINT || t->kind == TY_UINT64 || t->kind == TY_UINTPTR))
            r = (int64_t)(op == OP_DIV ? x / y : x % y);
        else if (a.u.i == INT64_MIN && b.u.i == -1)
            r = op == OP_DIV ? INT64_MIN : 0;
        else
            r = op == OP_DIV ? a.u.i / b.u.i : a.u.i % b.u.i;
        break;
    case OP_BAND: r = (int64_t)(x & y); break;
    case OP_BOR: r = (int64_t)(x | y); break;
    case OP_BXOR: r = (int64_t)(x ^ y); break;
    case OP_BANDNOT: r = (int64_t)(x & ~y); break;
    case OP_SHL: case OP_SHR: {
        /* the shift count's own type does not matter; the result has
         * the left operand's type */
        t = ida ? goro_type_table[ida] : goro_t_int;
        id = ida;
        uns = goro_type_is_unsigned(t);
        bool count_uns = idb && goro_type_is_unsigned(goro_type_table[idb]);
        if (b.u.i < 0 && !count_uns) {
            *err = "negative shift amount";
            return false;
        }
        if (op == OP_SHL) {
            r = y >= 64 ? 0 : (int64_t)(x << y);
        } else if (uns) {
            /* logical shift on the value's own width */
            uint64_t v = x;
            if (t->kind == TY_UINT8) v &= 0xff;
            else if (t->kind == TY_UINT16) v &= 0xffff;
            else if (t->kind == TY_UINT32) v &= 0xffffffffu;
            r = y >= 64 ? 0 : (int64_t)(v >> y);
        } else {
            r = y >= 64 ? (a.u.i < 0 ? -1 : 0) : a.u.i >> y;
        }
        break;
    }
    default:
        *err = mismatch(op, a, b);
        return false;
    }
    *out = goro_int(id ? goro_type_wrap_int(t, r) : r);
    out->tt = TT(VK_INT, id);
    return true;
}

static double inf2one(double f)
{
    return copysign(isinf(f) ? 1.0 : 0.0, f);
}

/* n / m as Go's runtime computes it: Smith's algorithm, then the C99
 * G.5.1 corrections to infinities and zeros (no panic on zero). */
static void complex_div(double a, double b, double c, double d, double *re, double *im)
{
    double e, f;
    if (fabs(c) >= fabs(d)) {
        double ratio = d / c;
        double denom = c + ratio * d;
        e = (a + b * ratio) / denom;
        f = (b - a * ratio) / denom;
    } else {
        double ratio = c / d;
        double denom = d + ratio * c;
        e = (a * ratio + b) / denom;
        f = (b * ratio - a) / denom;
    }
    if (isnan(e) && isnan(f)) {
        if (c == 0 && d == 0 && (!isnan(a) || !isnan(b))) {
            e = copysign(INFINITY, c) * a;
            f = copysign(INFINITY, c) * b;
        } else if ((isinf(a) || isinf(b)) && isfinite(c) && isfinite(d)) {
            a = inf2one(a);
            b = inf2one(b);
            e = INFINITY * (a * c + b * d);
            f = INFINITY * (b * c - a * d);
        } else if ((isinf(c) || isinf(d)) && isfinite(a) && isfinite(b)) {
            c = inf2one(c);
            d = inf2one(d);
            e = 0 * (a * c + b * d);
            f = 0 * (b * c - a * d);
        }
    }
    *re = e;
    *im = f;
}

static bool num_parts(Value v, double *re, double *im)
{
    switch (VKIND(v)) {
    case VK_INT: case VK_FLOAT:
        *re = to_double(v);
        *im = 0;
        return true;
    case VK_COMPLEX:
        *re = goro_creal(v);
        *im = goro_cimag(v);
        return true;
    default:
        return false;
    }
}

static bool complex_arith(int op, Value a, Value b, Value *out, const char **err)
{
    double x, y, u, w, re, im;
    if (!num_parts(a, &x, &y) || !num_parts(b, &u, &w)) {
        *err = mismatch(op, a, b);
        return false;
    }
    Value cv = VKIND(a) == VK_COMPLEX && (VTYPEID(a) || VKIND(b) != VK_COMPLEX) ? a : b;
    switch (op) {
    case OP_ADD: re = x + u; im = y + w; break;
    case OP_SUB: re = x - u; im = y - w; break;
    case OP_MUL: re = x * u - y * w; im = x * w + y * u; break;
    case OP_DIV: complex_div(x, y, u, w, &re, &im); break;
    default:
        *err = goro_sprintf("operator %s not defined on %s",
                            op == OP_MOD ? "%" : op == OP_SHL ? "<<" : op == OP_SHR ? ">>"
                            : op == OP_BAND ? "&" : op == OP_BOR ? "|" : op == OP_BXOR ? "^" : "&^",
                            tname(cv));
        return false;
    }
    *out = goro_complex_of(goro_type_of(cv), re, im);
    return true;
}

static bool untyped_whole(Value v)
{
    return v.tt == VK_FLOAT && v.u.f == trunc(v.u.f) && fabs(v.u.f) < 9.2e18;
}

bool goro_arith(int op, Value a, Value b, Value *out, const char **err)
{
    unsigned ka = VKIND(a), kb = VKIND(b);
    if (ka == VK_INT && kb == VK_INT)
        return int_arith(op, a, b, out, err);
    /* a typed integer with an untyped whole float (time.Second * 2.0):
     * the float takes the integer's type, as Go's untyped constant does */
    if (ka == VK_INT && VTYPEID(a) && untyped_whole(b))
        return int_arith(op, a, goro_int((int64_t)b.u.f), out, err);
    if (kb == VK_INT && VTYPEID(b) && untyped_whole(a))
        return int_arith(op, goro_int((int64_t)a.u.f), b, out, err);
    if ((ka == VK_FLOAT || ka == VK_INT) && (kb == VK_FLOAT || kb == VK_INT)) {
        double x = to_double(a), y = to_double(b);
        double r;
        switch (op) {
        case OP_ADD: r = x + y; break;
        case OP_SUB: r = x - y; break;
        case OP_MUL: r = x * y; break;
        case OP_DIV: r = x / y; break;
        default:
            *err = goro_sprintf("operator %s not defined on %s",
                                op == OP_MOD ? "%" : op == OP_SHL ? "<<" : op == OP_SHR ? ">>" : "&|^",
                                ka == VK_FLOAT ? tname(a) : tname(b));
            return false;
        }
        /* a float operand's named type wins (time.Duration * 1.5 is float) */
        unsigned id = ka == VK_FLOAT ? VTYPEID(a) : VTYPEID(b);
        if (id && goro_type_table[id]->kind == TY_FLOAT32)
            r = (float)r;
        *out = goro_float(r);
        out->tt = TT(VK_FLOAT, id);
        return true;
    }
    if (ka == VK_STRING && kb == VK_STRING && op == OP_ADD) {
        *out = goro_str_concat(a, b);
        return true;
    }
    if (ka == VK_COMPLEX || kb == VK_COMPLEX)
        return complex_arith(op, a, b, out, err);
    *err = mismatch(op, a, b);
    return false;
}

bool goro_compare(int op, Value a, Value b, bool *out, const char **err)
{
    unsigned ka = VKIND(a), kb = VKIND(b);
    if (op == OP_EQ || op == OP_NE) {
        const char *e = NULL;
        bool eq = goro_value_equal(a, b, &e);
        if (e) {
            *err = e;
            return false;
        }
        *out = op == OP_EQ ? eq : !eq;
        return true;
    }
    int c;
    if (ka == VK_INT && kb == VK_INT) {
        unsigned id = VTYPEID(a) ? VTYPEID(a) : VTYPEID(b);
        if (id && goro_type_is_unsigned(goro_type_table[id]))
            c = a.u.u < b.u.u ? -1 : a.u.u > b.u.u;
        else
            c = a.u.i < b.u.i ? -1 : a.u.i > b.u.i;
    } else if ((ka == VK_FLOAT || ka == VK_INT) && (kb == VK_FLOAT || kb == VK_INT)) {
        double x = to_double(a), y = to_double(b);
        if (isnan(x) || isnan(y)) {
            *out = false;
            return true;
        }
        c = x < y ? -1 : x > y;
    } else if (ka == VK_STRING && kb == VK_STRING) {
        c = goro_str_compare(a, b);
    } else {
        if (ka == kb || ka == VK_COMPLEX)
            *err = goro_sprintf("operator < not defined on %s", tname(a));
        else if (kb == VK_COMPLEX)
            *err = goro_sprintf("operator < not defined on %s", tname(b));
        else
            *err = goro_sprintf("cannot compare %s and %s", tname(a), tname(b));
        return false;
    }
    switch (op) {
    case OP_LT: *out = c < 0; break;
    case OP_LE: *out = c <= 0; break;
    default: *out = false; break;
    }
    return true;
}

bool goro_unary(int op, Value a, Value *out, const char **err)
{
    unsigned k = VKIND(a);
    switch (op) {
    case OP_NEG:
        if (k == VK_INT) {
            *out = a;
            out->u.i = (int64_t)(0 - a.u.u);
            if (VTYPEID(a))
                out->u.i = goro_type_wrap_int(goro_type_table[VTYPEID(a)], out->u.i);
            return true;
        }
        if (k == VK_FLOAT) {
            *out = a;
            out->u.f = -a.u.f;
            return true;
        }
        if (k == VK_COMPLEX) {
            *out = goro_complex(-goro_creal(a), -goro_cimag(a));
            out->tt = a.tt;
            return true;
        }
        *err = goro_sprintf("cannot negate %s", tname(a));
        return false;
    case OP_NOT:
        if (k == VK_BOOL) {
            *out = a;
            out->u.i = !a.u.i;
            return true;
        }
        *err = goro_sprintf("operator ! not defined on %s", tname(a));
        return false;
    case OP_BNOT:
        if (k == VK_INT) {
            *out = a;
            out->u.i = ~a.u.i;
            if (VTYPEID(a))
                out->u.i = goro_type_wrap_int(goro_type_table[VTYPEID(a)], out->u.i);
            return true;
        }
        *err = goro_sprintf("operator ^ not defined on %s", tname(a));
        return false;
    default:
        *err = "bad unary operator";
        return false;
    }
}
