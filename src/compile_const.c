/* compile_const.c: constant expressions, folded at compile time.
 *
 * Go's constants are exact: 1 << 100 is a fine untyped constant as long
 * as what is finally stored fits, 0.1 + 0.2 is exactly 0.3, and
 * math.Pi / 6 is rounded once.  goro keeps an untyped numeric constant
 * exact enough for real programs: integers in 128 bits, floats in the
 * C long double (64-bit mantissa on x86-64).  A constant becomes an
 * ordinary value (int64 or float64) when it is used; an integer that does
 * not fit is an error there, as in Go.  Typed constants (const x T = v,
 * T(v)) are ordinary values from the start. */
#include <math.h>
#include <stdio.h>

#include "arith.h"
#include "codegen.h"
#include "parser.h"

/* A constant while folding. */
typedef struct CV {
    Value v;        /* as an ordinary value (float rounded, int truncated) */
    bool exact;     /* an untyped number: lf or bi hold it exactly */
    bool isfloat;
    long double lf;
    __int128 bi;
} CV;

static bool ceval(FuncState *fs, Node *e, CV *out);

static const __int128 I64MIN = INT64_MIN, I64MAX = INT64_MAX;
static const __int128 U64MAX = (((__int128)1) << 64) - 1;

static bool fits_int(__int128 x) { return x >= I64MIN && x <= I64MAX; }

static CV from_int(__int128 x)
{
    CV c = {goro_int((int64_t)x), true, false, 0, x};
    return c;
}

static CV from_float(long double x)
{
    if (x == 0)
        x = 0;  /* no negative zero among constants */
    CV c = {goro_float((double)x), true, true, x, 0};
    return c;
}

static CV plain(Value v)
{
    CV c = {v, false, false, 0, 0};
    if (v.tt == VK_INT)     /* an untyped int value is exact as it is */
        c.exact = true, c.bi = v.u.i;
    return c;
}

static long double as_ld(const CV *c)
{
    if (c->exact)
        return c->isfloat ? c->lf : (long double)c->bi;
    return VKIND(c->v) == VK_FLOAT ? (long double)c->v.u.f : (long double)c->v.u.i;
}

static void int_to_text(__int128 x, char *buf)
{
    char tmp[64];
    int n = 0;
    bool neg = x < 0;
    unsigned __int128 u = neg ? (unsigned __int128)0 - (unsigned __int128)x : (unsigned __int128)x;
    do {
        tmp[n++] = (char)('0' + (int)(u % 10));
        u /= 10;
    } while (u);
    int k = 0;
    if (neg)
        buf[k++] = '-';
    while (n)
        buf[k++] = tmp[--n];
    buf[k] = 0;
}

/* ------------------------------------------------------------ symbols */

Value cg_sym_const(Unit *u, Sym *s)
{
    if (s->value.tt != 0xff)
        return s->value;
    Node *spec = s->decl;
    if (s->evaluating) {
        goro_diag_error(u->diag, s->line, s->col, "initialization cycle: %s refers to itself", s->name);
        s->value = goro_int(0);
        return s->value;
    }
    s->evaluating = 1;
    FuncState tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.u = u;
    int saved_iota = u->iota;
    u->iota = s->iota;
    CV c = plain(goro_int(0));
    if (s->index < spec->list2.n) {
        Node *e = spec->list2.v[s->index];
        if (!ceval(&tmp, e, &c)) {
            if (!u->diag->count)
                goro_diag_error(u->diag, e->line, e->col, "%s is not constant",
                                e->kind == N_IDENT ? e->name : "value");
            c = plain(goro_int(0));
        }
    }
    u->iota = saved_iota;
    Value v = c.v;
    if (spec->a) {
        Type *t = cg_type(&tmp, spec->a);
        if (t) {
            char num[64];
            if (c.exact && !c.isfloat && goro_type_is_int(t) &&
                !(fits_int(c.bi) || (goro_type_is_unsigned(t) && c.bi >= 0 && c.bi <= U64MAX))) {
                int_to_text(c.bi, num);
                goro_diag_error(u->diag, s->line, s->col, "cannot use %s (untyped int constant) as %s value in constant declaration (overflows)", num, t->name);
            } else if (c.exact && goro_type_is_float(t)) {
                v = goro_float((double)as_ld(&c));
            } else if (goro_type_is_int(t) && VKIND(v) == VK_FLOAT && v.u.f != trunc(v.u.f)) {
                goro_diag_error(u->diag, s->line, s->col, "constant %g truncated to integer", v.u.f);
            }
            v = goro_type_coerce(t, v);
            c.exact = false;
        }
    }
    s->evaluating = 0;
    s->value = v;
    s->type = goro_type_of(v);
    s->exact = c.exact;
    s->isfloat = c.isfloat;
    s->lf = c.lf;
    s->bi = c.bi;
    return v;
}

/* ------------------------------------------------------------ folding */

static bool overflow(FuncState *fs, Node *e)
{
    cg_error(fs, e, "constant overflow");
    return false;
}

/* Exact arithmetic on two untyped numbers. */
static bool exact_binary(FuncState *fs, Node *e, int op, CV *a, CV *b, CV *out)
{
    if (op >= OP_EQ && op <= OP_LE) {
        bool r;
        if (a->isfloat || b->isfloat) {
            long double x = as_ld(a), y = as_ld(b);
            r = op == OP_EQ ? x == y : op == OP_NE ? x != y : op == OP_LT ? x < y : x <= y;
        } else {
            r = op == OP_EQ ? a->bi == b->bi : op == OP_NE ? a->bi != b->bi
              : op == OP_LT ? a->bi < b->bi : a->bi <= b->bi;
        }
        *out = plain(goro_bool(r));
        return true;
    }
    if (op == OP_SHL || op == OP_SHR) {
        if (b->isfloat || a->isfloat) {
            if (a->isfloat && a->lf != truncl(a->lf))
                return cg_error(fs, e, "invalid operation: shift of non-integer constant"), false;
            if (b->isfloat && b->lf != truncl(b->lf))
                return cg_error(fs, e, "invalid operation: shift count is not an integer"), false;
        }
        __int128 x = a->isfloat ? (__int128)a->lf : a->bi;
        __int128 n = b->isfloat ? (__int128)b->lf : b->bi;
        if (n < 0)
            return cg_error(fs, e, "invalid operation: negative shift count"), false;
        if (op == OP_SHR) {
            *out = from_int(n >= 127 ? (x < 0 ? -1 : 0) : x >> n);
            return true;
        }
        if (x == 0) {
            *out = from_int(0);
            return true;
        }
        if (n >= 126)
            return overflow(fs, e);
        __int128 r = x * (((__int128)1) << n);
        if (r / (((__int128)1) << n) != x)
            return overflow(fs, e);
        *out = from_int(r);
        return true;
    }
    if (a->isfloat || b->isfloat) {
        long double x = as_ld(a), y = as_ld(b), r;
        switch (op) {
        case OP_ADD: r = x + y; break;
        case OP_SUB: r = x - y; break;
        case OP_MUL: r = x * y; break;
        case OP_DIV:
            if (y == 0)
                return cg_error(fs, e, "invalid operation: division by zero"), false;
            r = x / y;
            break;
        default:
            cg_error(fs, e, "invalid operation: operator not defined on untyped float");
            return false;
        }
        *out = from_float(r);
        return true;
    }
    __int128 x = a->bi, y = b->bi, r;
    switch (op) {
    case OP_ADD:
        if (__builtin_add_overflow(x, y, &r))
            return overflow(fs, e);
        break;
    case OP_SUB:
        if (__builtin_sub_overflow(x, y, &r))
            return overflow(fs, e);
        break;
    case OP_MUL:
        if (__builtin_mul_overflow(x, y, &r))
            return overflow(fs, e);
        break;
    case OP_DIV: case OP_MOD:
        if (y == 0)
            return cg_error(fs, e, "invalid operation: division by zero"), false;
        r = op == OP_DIV ? x / y : x % y;
        break;
    case OP_BAND: r = x & y; break;
    case OP_BOR: r = x | y; break;
    case OP_BXOR: r = x ^ y; break;
    case OP_BANDNOT: r = x & ~y; break;
    default:
        return false;
    }
    *out = from_int(r);
    return true;
}

static bool ceval_call(FuncState *fs, Node *e, CV *out)
{
    if (e->list.n != 1 || (e->flags & NF_SPREAD))
        return false;
    Sym *s = e->a->kind == N_IDENT ? e->a->sym : NULL;
    CV a;
    if (s && s->kind == SYM_BUILTIN && s->builtin == B_LEN) {
        if (ceval(fs, e->list.v[0], &a) && VKIND(a.v) == VK_STRING) {
            *out = plain(goro_int(a.v.aux));
            return true;
        }
        return false;
    }
    if (!cg_is_type_expr(fs, e->a))
        return false;
    Type *t = cg_type(fs, e->a);
    if (!t || !(goro_type_is_int(t) || goro_type_is_float(t) || t->kind == TY_STRING ||
                t->kind == TY_BOOL))
        return false;
    if (!ceval(fs, e->list.v[0], &a))
        return false;
    Value src = a.v;
    if (a.exact && goro_type_is_float(t)) {
        src = goro_float((double)as_ld(&a));
    } else if (a.exact && goro_type_is_int(t)) {
        if (a.isfloat && a.lf != truncl(a.lf)) {
            cg_error(fs, e, "cannot convert %Lg (untyped float constant) to type %s (truncated)", a.lf, t->name);
            return false;
        }
        __int128 x = a.isfloat ? (__int128)a.lf : a.bi;
        if (!(fits_int(x) || (goro_type_is_unsigned(t) && x >= 0 && x <= U64MAX))) {
            char num[64];
            int_to_text(x, num);
            cg_error(fs, e, "cannot convert %s (untyped int constant) to type %s (overflows)", num, t->name);
            return false;
        }
        Value w = goro_int((int64_t)x);
        if (goro_type_wrap_int(t, w.u.i) != w.u.i && !(goro_type_is_unsigned(t) && x >= 0)) {
            char num[64];
            int_to_text(x, num);
            cg_error(fs, e, "cannot convert %s (untyped int constant) to type %s (overflows)", num, t->name);
            return false;
        }
        if (goro_type_is_unsigned(t) && (x < 0 || goro_type_wrap_int(t, w.u.i) != w.u.i)) {
            char num[64];
            int_to_text(x, num);
            cg_error(fs, e, "cannot convert %s (untyped int constant) to type %s (overflows)", num, t->name);
            return false;
        }
        src = w;
    }
    const char *err;
    Value v;
    if (!goro_type_convert(t, src, &v, &err)) {
        cg_error(fs, e, "%s", err);
        return false;
    }
    *out = plain(v);
    out->exact = false;
    return true;
}

static bool ceval(FuncState *fs, Node *e, CV *out)
{
    if (!e)
        return false;
    switch (e->kind) {
    case N_INTLIT: case N_CHARLIT:
        *out = from_int((e->flags & NF_BIGUINT) ? (__int128)(uint64_t)e->lit.i : (__int128)e->lit.i);
        return true;
    case N_FLOATLIT:
        *out = from_float(e->lf);
        return true;
    case N_STRLIT:
        *out = plain(goro_str_nocopy(e->lit.s.s, e->lit.s.len));
        return true;
    case N_PAREN:
        return ceval(fs, e->a, out);
    case N_IDENT: case N_SELECTOR: {
        Sym *s = e->sym;
        if (!s)
            return false;
        if (s->kind == SYM_CONST) {
            Value v = s->decl ? cg_sym_const(fs->u, s) : s->value;
            *out = plain(v);
            if (s->exact) {
                out->exact = true;
                out->isfloat = s->isfloat;
                out->lf = s->lf;
                out->bi = s->bi;
            } else if (s->decl && s->typenode) {
                out->exact = false;   /* typed constant */
            }
            return true;
        }
        if (s->kind == SYM_IOTA) {
            *out = from_int(fs->u->iota);
            return true;
        }
        return false;
    }
    case N_UNARY: {
        CV a;
        if (!(e->op == TK_MINUS || e->op == TK_NOT || e->op == TK_CARET || e->op == TK_PLUS))
            return false;
        if (!ceval(fs, e->a, &a))
            return false;
        if (e->op == TK_PLUS) {
            *out = a;
            return VKIND(a.v) == VK_INT || VKIND(a.v) == VK_FLOAT;
        }
        if (a.exact && e->op == TK_MINUS) {
            *out = a.isfloat ? from_float(-a.lf) : from_int(-a.bi);
            return true;
        }
        if (a.exact && !a.isfloat && e->op == TK_CARET) {
            *out = from_int(~a.bi);
            return true;
        }
        const char *err;
        Value r;
        int op = e->op == TK_MINUS ? OP_NEG : e->op == TK_NOT ? OP_NOT : OP_BNOT;
        if (!goro_unary(op, a.v, &r, &err)) {
            cg_error(fs, e, "invalid operation: %s", err);
            return false;
        }
        if (VKIND(r) == VK_FLOAT && r.u.f == 0)
            r.u.f = 0;
        *out = plain(r);
        out->exact = false;
        return true;
    }
    case N_BINARY: {
        CV a, b;
        if (e->op == TK_ANDAND || e->op == TK_OROR) {
            if (!ceval(fs, e->a, &a) || !ceval(fs, e->b, &b))
                return false;
            if (VKIND(a.v) != VK_BOOL || VKIND(b.v) != VK_BOOL)
                return false;
            *out = plain(goro_bool(e->op == TK_ANDAND ? (a.v.u.i && b.v.u.i) : (a.v.u.i || b.v.u.i)));
            return true;
        }
        bool swap = e->op == TK_GT || e->op == TK_GE;
        int op = swap ? cg_binop(e->op == TK_GT ? TK_LT : TK_LE) : cg_binop(e->op);
        if (op < 0 || !ceval(fs, e->a, &a) || !ceval(fs, e->b, &b))
            return false;
        if (swap) {
            CV t = a;
            a = b;
            b = t;
        }
        if (a.exact && b.exact)
            return exact_binary(fs, e, op, &a, &b, out);
        /* a typed constant: ordinary arithmetic, the other operand as a value */
        if (a.exact && a.isfloat)
            a.v = goro_float((double)a.lf);
        if (b.exact && b.isfloat)
            b.v = goro_float((double)b.lf);
        const char *err;
        if (op >= OP_EQ && op <= OP_LE) {
            bool r;
            if (!goro_compare(op, a.v, b.v, &r, &err)) {
                cg_error(fs, e, "invalid operation: %s", err);
                return false;
            }
            *out = plain(goro_bool(r));
            return true;
        }
        if ((op == OP_DIV || op == OP_MOD) &&
            ((VKIND(b.v) == VK_INT && b.v.u.i == 0) || (VKIND(b.v) == VK_FLOAT && b.v.u.f == 0))) {
            cg_error(fs, e, "invalid operation: division by zero");
            return false;
        }
        Value r;
        if (!goro_arith(op, a.v, b.v, &r, &err)) {
            cg_error(fs, e, "invalid operation: %s", err);
            return false;
        }
        *out = plain(r);
        out->exact = false;
        return true;
    }
    case N_CALL:
        return ceval_call(fs, e, out);
    default:
        return false;
    }
}

bool cg_consteval(FuncState *fs, Node *e, Value *out)
{
    CV c;
    if (!ceval(fs, e, &c))
        return false;
    if (c.exact && !c.isfloat && !fits_int(c.bi)) {
        /* an untyped integer used as a value must fit; the bit pattern of
         * one up to 2^64-1 is kept for uint64 stores */
        if (c.bi < 0 || c.bi > U64MAX) {
            char num[64];
            int_to_text(c.bi, num);
            cg_error(fs, e, "cannot use %s (untyped int constant) as int value (overflows)", num);
            return false;
        }
    }
    *out = c.v;
    return true;
}
