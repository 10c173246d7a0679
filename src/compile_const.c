/* compile_const.c: constant expressions, folded at compile time.
 *
 * Go's constants are exact.  An untyped numeric constant is a GMP
 * rational (constval.h) of kind int, rune or float; arithmetic on two of
 * them is exact (integer kinds divide truncating), and the result takes
 * the later kind.  A complex constant (kind complex: 2i, complex(1, 2))
 * is a pair of rationals, re and im; every other number has im = 0.  A typed constant (const x T = v, T(v), an operation
 * with a typed operand) also keeps its exact value, but every result must
 * be representable in its type: an integer in range, a float rounded to
 * float32 or float64 as Go rounds it.  A constant becomes an ordinary
 * value only where it is used: an untyped one takes its default type
 * (int, int32 for a rune, float64), or the type of the variable,
 * parameter or other operand it meets, and must fit there, with Go's
 * messages when it does not. */
#include <math.h>
#include <stdio.h>

#include "arith.h"
#include "codegen.h"
#include "constval.h"
#include "parser.h"
#include "pkg.h"

typedef ConstVal CV;

static bool ceval(FuncState *fs, Node *e, CV *out);

/* Go limits an untyped integer constant to 512 bits. */
enum { INT_BITS = 512, SHIFT_BOUND = 1023 - 1 + 52 };

static CV cv_plain(Value v, Type *t)
{
    CV c;
    memset(&c, 0, sizeof c);
    c.v = v;
    c.t = t;
    return c;
}

static CV cv_num(int kind, Type *t)
{
    CV c = cv_plain(goro_nil(), t);
    c.kind = (uint8_t)kind;
    goro_q_init(c.re);
    goro_q_init(c.im);
    return c;
}

static CV cv_int(int64_t i)
{
    CV c = cv_num(CK_INT, NULL);
    mpq_set_si(c.re, i, 1);
    return c;
}

/* The constant kind a typed number of type [t] has. */
static int type_kind(Type *t)
{
    if (goro_type_is_int(t))
        return CK_INT;
    if (goro_type_is_float(t))
        return CK_FLOAT;
    if (goro_type_is_complex(t))
        return CK_COMPLEX;
    return CK_NONE;
}

static const char *kind_name(const CV *c)
{
    switch (c->kind) {
    case CK_INT: return "int";
    case CK_RUNE: return "rune";
    case CK_FLOAT: return "float";
    case CK_COMPLEX: return "complex";
    default:
        return VKIND(c->v) == VK_STRING ? "string" : VKIND(c->v) == VK_BOOL ? "bool" : "nil";
    }
}

static const char *value_text(const CV *c)
{
    if (c->kind == CK_COMPLEX)   /* Go's form: (1 + -2i) */
        return goro_sprintf("(%s + %si)", goro_q_text(c->re, true), goro_q_text(c->im, true));
    if (c->kind)
        return goro_q_text(c->re, c->kind == CK_FLOAT && !c->t);
    if (VKIND(c->v) == VK_STRING)
        return goro_sprintf("\"%.*s\"", (int)c->v.aux, c->v.u.s);
    return VKIND(c->v) == VK_BOOL ? (c->v.u.i ? "true" : "false") : "nil";
}

/* "1 << 100 (untyped int constant 1267650600228229401496703205376)":
 * the value is shown when the expression does not already spell it. */
static const char *describe(Node *e, const CV *c)
{
    const char *text = cg_expr_text(e), *val = value_text(c);
    bool same = strcmp(text, val) == 0;
    if (c->t)
        return goro_sprintf("%s (constant %s of type %s)", text, val, cg_type_text(c->t));
    return goro_sprintf("%s (untyped %s constant%s%s)", text, kind_name(c), same ? "" : " ", same ? "" : val);
}

/* Where Go reports an error about a whole expression: its first token. */
static Node *leftmost(Node *e)
{
    while (e->kind == N_BINARY || e->kind == N_INDEX || e->kind == N_SELECTOR || e->kind == N_CALL ||
           e->kind == N_SLICEX)
        e = e->a;
    return e;
}

/* ------------------------------------------------------------ representing */

typedef enum { REP_OK, REP_TRUNCATED, REP_OVERFLOWS } Rep;

/* Round or check [c] (a number) as a value of numeric type [t]; on
 * success c->re holds the representable value. */
static Rep represent(CV *c, Type *t)
{
    if (goro_type_is_complex(t)) {
        int k = t->kind == TY_COMPLEX64 ? TY_FLOAT32 : TY_FLOAT64;
        double re, im;
        if (!goro_q_to_float(c->re, k, &re) || !goro_q_to_float(c->im, k, &im))
            return REP_OVERFLOWS;
        mpq_t r, i;
        goro_q_init(r);
        goro_q_init(i);
        mpq_set_d(r, re);
        mpq_set_d(i, im);
        c->re[0] = r[0];
        c->im[0] = i[0];
        return REP_OK;
    }
    if (mpq_sgn(c->im) != 0)   /* a complex number with an imaginary part */
        return goro_type_is_int(t) ? REP_TRUNCATED : REP_OVERFLOWS;
    if (goro_type_is_int(t)) {
        if (!goro_q_is_int(c->re))
            return REP_TRUNCATED;
        if (!goro_q_fits_int(c->re, t->kind))
            return c->kind == CK_FLOAT ? REP_TRUNCATED : REP_OVERFLOWS;
        return REP_OK;
    }
    if (goro_type_is_float(t)) {
        double d;
        if (!goro_q_to_float(c->re, t->kind, &d))
            return REP_OVERFLOWS;
        mpq_t r;
        goro_q_init(r);
        mpq_set_d(r, d);
        c->re[0] = r[0];
        return REP_OK;
    }
    return REP_OK;
}

/* The ordinary value of a number in its type [t] (representable). */
static Value num_value(const CV *c, Type *t)
{
    if (goro_type_is_complex(t)) {
        int k = t->kind == TY_COMPLEX64 ? TY_FLOAT32 : TY_FLOAT64;
        double re = 0, im = 0;
        goro_q_to_float(c->re, k, &re);
        goro_q_to_float(c->im, k, &im);
        return goro_complex_of(t, re, im);
    }
    if (goro_type_is_float(t)) {
        double d = 0;
        goro_q_to_float(c->re, t->kind, &d);
        return goro_type_coerce(t, goro_float(d));
    }
    return goro_type_coerce(t, goro_int(goro_q_to_i64(c->re)));
}

/* An untyped operand meeting typed [t]: it becomes a [t] constant. */
static bool convert_operand(FuncState *fs, Node *e, CV *c, Type *t)
{
    if (!c->kind || c->t || !type_kind(t))
        return true;
    CV orig = *c;
    Rep r = represent(c, t);
    if (r != REP_OK) {
        cg_error(fs, e, "%s %s %s", describe(e, &orig), r == REP_TRUNCATED ? "truncated to" : "overflows",
                 cg_type_text(t->under));
        return false;
    }
    c->t = t;
    c->kind = (uint8_t)type_kind(t);
    return true;
}

/* A typed result [c] of [e] must be representable in its type. */
static bool check_typed(FuncState *fs, Node *e, CV *c)
{
    if (!c->t || !c->kind)
        return true;
    CV orig = *c;
    if (represent(c, c->t) != REP_OK) {
        cg_error(fs, leftmost(e), "%s overflows %s", describe(e, &orig), cg_type_text(c->t));
        return false;
    }
    return true;
}

/* ------------------------------------------------------------ symbols */

static CV member_const(Sym *s)
{
    PkgMember *m = s->member;
    if (m && m->exact) {
        CV c = cv_num(m->isfloat ? CK_FLOAT : CK_INT, NULL);
        goro_q_parse(c.re, m->exact);
        c.v = m->value;
        return c;
    }
    Value v = s->value;
    Type *t = VTYPEID(v) ? goro_type_of(v) : NULL;
    switch (VKIND(v)) {
    case VK_INT: {
        CV c = cv_num(t ? type_kind(t) : CK_INT, t);
        if (t && goro_type_is_unsigned(t))
            mpq_set_ui(c.re, v.u.u, 1);
        else
            mpq_set_si(c.re, v.u.i, 1);
        return c;
    }
    case VK_FLOAT: {
        CV c = cv_num(CK_FLOAT, t);
        mpq_set_d(c.re, v.u.f);
        return c;
    }
    default:
        return cv_plain(v, t);
    }
}

/* Evaluate a declared constant once: [s->cval]. */
static ConstVal *sym_cval(Unit *u, Sym *s)
{
    if (s->cval)
        return s->cval;
    ConstVal *out = goro_alloc(sizeof *out);
    if (!s->decl) {
        *out = member_const(s);
        s->cval = out;
        return out;
    }
    Node *spec = s->decl;
    if (s->evaluating) {
        goro_diag_error(u->diag, s->line, s->col, "initialization cycle: %s refers to itself", s->name);
        *out = cv_int(0);
        s->cval = out;
        return out;
    }
    s->evaluating = 1;
    FuncState tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.u = u;
    int saved_iota = u->iota;
    u->iota = s->iota;
    CV c = cv_int(0);
    Node *e = s->index < spec->list2.n ? spec->list2.v[s->index] : NULL;
    if (e && !ceval(&tmp, e, &c)) {
        if (!u->diag->count)
            goro_diag_error(u->diag, leftmost(e)->line, leftmost(e)->col, "%s is not constant",
                            e->kind == N_IDENT ? e->name : cg_expr_text(e));
        c = cv_int(0);
    }
    u->iota = saved_iota;
    Type *t = spec->a ? cg_type(&tmp, spec->a) : NULL;
    if (t && e) {
        if (c.kind && type_kind(t)) {
            if (c.t && c.t != t) {
                goro_diag_error(u->diag, leftmost(e)->line, leftmost(e)->col, "cannot use %s as %s value in constant declaration",
                                describe(e, &c), cg_type_text(t));
            } else {
                CV orig = c;
                Rep r = represent(&c, t);
                if (r != REP_OK)
                    goro_diag_error(u->diag, leftmost(e)->line, leftmost(e)->col,
                                    "cannot use %s as %s value in constant declaration (%s)",
                                    describe(e, &orig), cg_type_text(t),
                                    r == REP_TRUNCATED ? "truncated" : "overflows");
            }
            c.t = t;
            c.kind = (uint8_t)type_kind(t);
        } else if (!c.kind && !type_kind(t)) {
            const char *err;
            Value v;
            if (goro_type_convert(t, c.v, &v, &err))
                c.v = v;
            else
                goro_diag_error(u->diag, leftmost(e)->line, leftmost(e)->col, "%s", err);
            c.t = t;
        } else {
            goro_diag_error(u->diag, leftmost(e)->line, leftmost(e)->col, "cannot use %s as %s value in constant declaration",
                            describe(e, &c), cg_type_text(t));
        }
    }
    *out = c;
    s->evaluating = 0;
    s->cval = out;
    return out;
}

/* An untyped number's default type: int, rune (int32), float64 or
 * complex128. */
static Type *default_type(const CV *c)
{
    switch (c->kind) {
    case CK_RUNE: return goro_t_int32;
    case CK_FLOAT: return goro_t_float64;
    case CK_COMPLEX: return goro_t_complex128;
    default: return goro_t_int;
    }
}

/* The value a constant has where it stands alone: an untyped one in its
 * default type (int, rune = int32, float64). */
static bool default_value(FuncState *fs, Node *e, const CV *c, Value *out)
{
    if (!c->kind) {
        *out = c->v;
        return true;
    }
    if (c->t) {
        *out = num_value(c, c->t);
        return true;
    }
    Type *t = default_type(c);
    if (c->kind == CK_INT && goro_q_fits_int(c->re, TY_UINT64)) {
        /* beyond int64 but a uint64: its bits, for the uint64 parameters
         * of package functions, whose types goro does not declare
         * (strconv.FormatUint(1<<63, 2)); variables check first
         * (cg_const_assignable) */
        *out = goro_int(goro_q_to_i64(c->re));
        return true;
    }
    CV r = *c;
    if (represent(&r, t) != REP_OK) {
        if (e)
            cg_error(fs, leftmost(e), "cannot use %s as %s value (overflows)", describe(e, c),
                     c->kind == CK_RUNE ? "rune" : cg_type_text(t));
        *out = goro_int(0);
        return false;
    }
    *out = num_value(&r, t);
    return true;
}

Value cg_sym_const(Unit *u, Sym *s)
{
    if (s->value.tt != 0xff && (!s->decl || s->cval))
        return s->value;
    ConstVal *c = sym_cval(u, s);
    FuncState tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.u = u;
    Value v;
    default_value(&tmp, NULL, c, &v);
    s->value = v;
    s->type = goro_type_of(v);
    return v;
}

bool cg_sym_untyped(Unit *u, Sym *s)
{
    if (s->kind != SYM_CONST)
        return false;
    if (!s->decl && !s->member)
        return s->name == goro_intern_cstr("true") || s->name == goro_intern_cstr("false");
    ConstVal *c = sym_cval(u, s);
    return !c->t;
}

/* ------------------------------------------------------------ folding */

static bool op_overflow(FuncState *fs, Node *e, const char *what)
{
    cg_error(fs, e, "constant %s overflow", what);
    return false;
}

static bool not_defined(FuncState *fs, Node *e, Node *x, const CV *c)
{
    cg_error(fs, leftmost(x), "invalid operation: operator %s not defined on %s", cg_op_text(e->op),
             describe(x, c));
    return false;
}

static bool shift(FuncState *fs, Node *e, CV *a, CV *b, CV *out)
{
    if (!a->kind || !b->kind)
        return false;
    if (!goro_q_is_int(a->re) || mpq_sgn(a->im) != 0) {
        cg_error(fs, leftmost(e->a), "invalid operation: shifted operand %s must be integer", describe(e->a, a));
        return false;
    }
    if (a->t && !goro_type_is_int(a->t)) {
        cg_error(fs, leftmost(e->a), "invalid operation: shifted operand %s must be integer", describe(e->a, a));
        return false;
    }
    if (!goro_q_is_int(b->re) || mpq_sgn(b->im) != 0) {
        cg_error(fs, e->b, "%s truncated to uint", describe(e->b, b));
        return false;
    }
    if (mpq_sgn(b->re) < 0) {
        cg_error(fs, e->b, "invalid operation: negative shift count %s", describe(e->b, b));
        return false;
    }
    mpz_srcptr n = mpq_numref(b->re);
    if (mpz_cmp_ui(n, SHIFT_BOUND) > 0) {
        cg_error(fs, e->b, "invalid operation: invalid shift count %s", describe(e->b, b));
        return false;
    }
    unsigned long k = mpz_get_ui(n);
    *out = cv_num(a->kind == CK_RUNE ? CK_RUNE : CK_INT, a->t);
    mpz_t r;
    mpz_init(r);
    if (e->op == TK_SHL)
        mpz_mul_2exp(r, mpq_numref(a->re), k);
    else
        mpz_fdiv_q_2exp(r, mpq_numref(a->re), k);
    mpq_set_z(out->re, r);
    if (!out->t && mpz_sizeinbase(r, 2) > INT_BITS)
        return op_overflow(fs, e, "shift");
    return check_typed(fs, e, out);
}

static bool compare(FuncState *fs, Node *e, CV *a, CV *b, CV *out)
{
    int c;
    if (a->kind == CK_COMPLEX || b->kind == CK_COMPLEX) {
        if (e->op != TK_EQ && e->op != TK_NE) {
            cg_error(fs, leftmost(e), "invalid operation: %s %s %s (operator %s not defined on %s)",
                     cg_expr_text(e->a), cg_op_text(e->op), cg_expr_text(e->b), cg_op_text(e->op),
                     a->t ? cg_type_text(a->t) : b->t ? cg_type_text(b->t) : "untyped complex");
            return false;
        }
        c = !mpq_equal(a->re, b->re) || !mpq_equal(a->im, b->im);
    } else if (a->kind && b->kind) {
        c = mpq_cmp(a->re, b->re);
    } else if (VKIND(a->v) == VK_STRING && VKIND(b->v) == VK_STRING) {
        size_t n = a->v.aux < b->v.aux ? a->v.aux : b->v.aux;
        c = memcmp(a->v.u.s, b->v.u.s, n);
        if (!c)
            c = a->v.aux < b->v.aux ? -1 : a->v.aux > b->v.aux;
    } else if (VKIND(a->v) == VK_BOOL && VKIND(b->v) == VK_BOOL &&
               (e->op == TK_EQ || e->op == TK_NE)) {
        c = (int)a->v.u.i - (int)b->v.u.i;
    } else {
        return false;
    }
    bool r;
    switch (e->op) {
    case TK_EQ: r = c == 0; break;
    case TK_NE: r = c != 0; break;
    case TK_LT: r = c < 0; break;
    case TK_LE: r = c <= 0; break;
    case TK_GT: r = c > 0; break;
    default: r = c >= 0; break;
    }
    *out = cv_plain(goro_bool(r), NULL);
    return true;
}

/* (a.re + a.im i) * or / (b.re + b.im i), exactly. */
static bool complex_mul_div(FuncState *fs, Node *e, CV *a, CV *b, CV *out)
{
    mpq_t x, y, z;
    goro_q_init(x);
    goro_q_init(y);
    goro_q_init(z);
    if (e->op == TK_STAR) {
        mpq_mul(x, a->re, b->re);
        mpq_mul(y, a->im, b->im);
        mpq_sub(out->re, x, y);
        mpq_mul(x, a->re, b->im);
        mpq_mul(y, a->im, b->re);
        mpq_add(out->im, x, y);
        return check_typed(fs, e, out);
    }
    /* (ac + bd) / (c^2 + d^2) + (bc - ad) / (c^2 + d^2) i */
    mpq_mul(x, b->re, b->re);
    mpq_mul(y, b->im, b->im);
    mpq_add(z, x, y);
    if (mpq_sgn(z) == 0) {
        cg_error(fs, e->b, "invalid operation: division by zero");
        return false;
    }
    mpq_t p, q;
    goro_q_init(p);
    goro_q_init(q);
    mpq_mul(p, a->re, b->re);
    mpq_mul(q, a->im, b->im);
    mpq_add(x, p, q);
    mpq_div(out->re, x, z);
    mpq_mul(p, a->im, b->re);
    mpq_mul(q, a->re, b->im);
    mpq_sub(y, p, q);
    mpq_div(out->im, y, z);
    return check_typed(fs, e, out);
}

static bool arith(FuncState *fs, Node *e, CV *a, CV *b, CV *out)
{
    int kind = a->kind > b->kind ? a->kind : b->kind;
    Type *t = a->t ? a->t : b->t;
    bool intdiv = t ? goro_type_is_int(t) : kind <= CK_RUNE;
    *out = cv_num(kind, t);
    mpq_t *r = &out->re;
    const char *what = NULL;
    if (kind == CK_COMPLEX && (e->op == TK_STAR || e->op == TK_SLASH))
        return complex_mul_div(fs, e, a, b, out);
    switch (e->op) {
    case TK_PLUS:
        mpq_add(*r, a->re, b->re);
        mpq_add(out->im, a->im, b->im);
        what = "addition";
        break;
    case TK_MINUS:
        mpq_sub(*r, a->re, b->re);
        mpq_sub(out->im, a->im, b->im);
        what = "subtraction";
        break;
    case TK_STAR: mpq_mul(*r, a->re, b->re); what = "multiplication"; break;
    case TK_SLASH:
        if (mpq_sgn(b->re) == 0) {
            cg_error(fs, e->b, "invalid operation: division by zero");
            return false;
        }
        if (intdiv) {
            mpz_t q;
            mpz_init(q);
            mpz_tdiv_q(q, mpq_numref(a->re), mpq_numref(b->re));
            mpq_set_z(*r, q);
        } else {
            mpq_div(*r, a->re, b->re);
        }
        break;
    default: {
        if (!intdiv) {
            /* Go names the left operand, converted to the common kind */
            CV l = *a;
            l.kind = (uint8_t)kind;
            return not_defined(fs, e, e->a, &l);
        }
        mpz_srcptr x = mpq_numref(a->re), y = mpq_numref(b->re);
        mpz_t z;
        mpz_init(z);
        switch (e->op) {
        case TK_PERCENT:
            if (mpz_sgn(y) == 0) {
                cg_error(fs, e->b, "invalid operation: division by zero");
                return false;
            }
            mpz_tdiv_r(z, x, y);
            break;
        case TK_AMP: mpz_and(z, x, y); break;
        case TK_PIPE: mpz_ior(z, x, y); break;
        case TK_CARET: mpz_xor(z, x, y); break;
        case TK_ANDNOT: {
            mpz_t ny;
            mpz_init(ny);
            mpz_com(ny, y);
            mpz_and(z, x, ny);
            break;
        }
        default:
            return false;
        }
        mpq_set_z(*r, z);
        break;
    }
    }
    if (!t && kind <= CK_RUNE && what && mpz_sizeinbase(mpq_numref(*r), 2) > INT_BITS)
        return op_overflow(fs, e, what);
    return check_typed(fs, e, out);
}

static bool binary(FuncState *fs, Node *e, CV *out)
{
    CV a, b;
    if (!ceval(fs, e->a, &a) || !ceval(fs, e->b, &b))
        return false;
    if (e->op == TK_ANDAND || e->op == TK_OROR) {
        if (VKIND(a.v) != VK_BOOL || VKIND(b.v) != VK_BOOL || a.kind || b.kind)
            return false;
        bool r = e->op == TK_ANDAND ? (a.v.u.i && b.v.u.i) : (a.v.u.i || b.v.u.i);
        *out = cv_plain(goro_bool(r), a.t ? a.t : b.t);
        return true;
    }
    if (e->op == TK_SHL || e->op == TK_SHR)
        return shift(fs, e, &a, &b, out);
    if (a.t && b.t && a.t != b.t) {
        /* goro lets int and float64 operands mix (docs/language.md):
         * such an expression is left to run time */
        if ((a.t == goro_t_int && b.t == goro_t_float64) || (a.t == goro_t_float64 && b.t == goro_t_int))
            return false;
        cg_error(fs, leftmost(e), "invalid operation: %s %s %s (mismatched types %s and %s)", cg_expr_text(e->a),
                 cg_op_text(e->op), cg_expr_text(e->b), cg_type_text(a.t), cg_type_text(b.t));
        return false;
    }
    if ((a.kind != 0) != (b.kind != 0) || (!a.kind && VKIND(a.v) != VKIND(b.v))) {
        if (a.t || b.t)
            return false;   /* a typed non-number: checked by the operand rules */
        cg_error(fs, leftmost(e), "invalid operation: %s %s %s (mismatched types untyped %s and untyped %s)",
                 cg_expr_text(e->a), cg_op_text(e->op), cg_expr_text(e->b), kind_name(&a), kind_name(&b));
        return false;
    }
    if (a.t && !b.t && !convert_operand(fs, e->b, &b, a.t))
        return false;
    if (b.t && !a.t && !convert_operand(fs, e->a, &a, b.t))
        return false;
    switch (e->op) {
    case TK_EQ: case TK_NE: case TK_LT: case TK_LE: case TK_GT: case TK_GE:
        return compare(fs, e, &a, &b, out);
    default:
        break;
    }
    if (!a.kind) {
        if (e->op != TK_PLUS || VKIND(a.v) != VK_STRING)
            return false;
        size_t n = a.v.aux + b.v.aux;
        char *s = goro_alloc_atomic(n + 1);
        memcpy(s, a.v.u.s, a.v.aux);
        memcpy(s + a.v.aux, b.v.u.s, b.v.aux);
        s[n] = 0;
        Value v = goro_str_nocopy(s, (int64_t)n);
        if (a.t)
            v = goro_type_coerce(a.t, v);
        *out = cv_plain(v, a.t);
        return true;
    }
    return arith(fs, e, &a, &b, out);
}

static bool unary(FuncState *fs, Node *e, CV *out)
{
    CV a;
    if (!(e->op == TK_MINUS || e->op == TK_NOT || e->op == TK_CARET || e->op == TK_PLUS))
        return false;
    if (!ceval(fs, e->a, &a))
        return false;
    if (e->op == TK_NOT) {
        if (a.kind && !a.t)
            return not_defined(fs, e, e->a, &a);
        if (a.kind || VKIND(a.v) != VK_BOOL)
            return false;
        *out = cv_plain(goro_bool(!a.v.u.i), a.t);
        return true;
    }
    if (!a.kind) {
        if (!a.t && (VKIND(a.v) == VK_STRING || VKIND(a.v) == VK_BOOL))
            return not_defined(fs, e, e->a, &a);
        return false;
    }
    if (e->op == TK_PLUS) {
        *out = a;
        return true;
    }
    *out = cv_num(a.kind, a.t);
    if (e->op == TK_MINUS) {
        mpq_neg(out->re, a.re);
        mpq_neg(out->im, a.im);
        return check_typed(fs, e, out);
    }
    /* ^x */
    if (!goro_q_is_int(a.re) || a.kind > CK_RUNE)
        return not_defined(fs, e, e->a, &a);
    mpz_t z;
    mpz_init(z);
    if (a.t && goro_type_is_unsigned(a.t)) {
        /* x ^ (2^bits - 1) */
        int bits = a.t->kind == TY_UINT8 ? 8 : a.t->kind == TY_UINT16 ? 16 : a.t->kind == TY_UINT32 ? 32 : 64;
        mpz_t m;
        mpz_init(m);
        mpz_setbit(m, (mp_bitcnt_t)bits);
        mpz_sub_ui(m, m, 1);
        mpz_xor(z, mpq_numref(a.re), m);
    } else {
        mpz_com(z, mpq_numref(a.re));
    }
    mpq_set_z(out->re, z);
    return check_typed(fs, e, out);
}

static bool conversion(FuncState *fs, Node *e, Type *t, CV *out)
{
    CV a;
    if (!ceval(fs, e->list.v[0], &a))
        return false;
    Node *x = e->list.v[0];
    if (a.kind && type_kind(t)) {
        CV orig = a;
        if (represent(&a, t) != REP_OK) {
            /* Go shows a whole float's value as the integer it is */
            if (orig.kind == CK_FLOAT && !orig.t && goro_q_is_int(orig.re))
                orig.kind = CK_INT, orig.t = NULL;
            const char *d = describe(x, &orig);
            if (orig.kind == CK_INT && a.kind == CK_FLOAT)
                d = goro_sprintf("%s (untyped float constant %s)", cg_expr_text(x), value_text(&orig));
            cg_error(fs, leftmost(x), "cannot convert %s to type %s%s", d, cg_type_text(t),
                     orig.t && goro_type_is_int(t) && !goro_q_is_int(orig.re) ? " (truncated)" : "");
            return false;
        }
        a.t = t;
        a.kind = (uint8_t)type_kind(t);
        *out = a;
        return true;
    }
    /* strings, bools, string(rune): through the run-time conversion */
    Value src;
    if (!default_value(fs, x, &a, &src))
        return false;
    if (!(t->kind == TY_STRING || t->kind == TY_BOOL))
        return false;
    const char *err;
    Value v;
    if (!goro_type_convert(t, src, &v, &err)) {
        cg_error(fs, e, "%s", err);
        return false;
    }
    *out = cv_plain(v, t);
    return true;
}

/* An argument of complex(r, i): an untyped number that is a float (a
 * complex one only with no imaginary part), or a typed float. */
static bool complex_part(const CV *c)
{
    if (!c->kind)
        return false;
    if (c->t)
        return goro_type_is_float(c->t);
    return mpq_sgn(c->im) == 0;
}

/* complex(r, i), real(c), imag(c) of constants. */
static bool complex_builtin(FuncState *fs, Node *e, int b, CV *out)
{
    int want = b == B_COMPLEX ? 2 : 1;
    if (e->list.n != want || (e->flags & NF_SPREAD))
        return false;
    CV x, y;
    if (!ceval(fs, e->list.v[0], &x) || !x.kind)
        return false;
    if (b != B_COMPLEX) {
        if (x.t && !goro_type_is_complex(x.t))
            return false;   /* real(f): reported by the operand checks */
        Type *t = !x.t ? NULL : x.t->under->kind == TY_COMPLEX64 ? goro_t_float32 : goro_t_float64;
        *out = cv_num(CK_FLOAT, t);
        mpq_set(out->re, b == B_REAL ? x.re : x.im);
        return true;
    }
    if (!ceval(fs, e->list.v[1], &y) || !y.kind)
        return false;
    if (!complex_part(&x) || !complex_part(&y)) {
        if (x.t || y.t)
            return false;
        cg_error(fs, leftmost(e->list.v[0]), "invalid operation: %s (mismatched types untyped %s and untyped %s)",
                 cg_expr_text(e), complex_part(&x) ? "float" : "complex", complex_part(&y) ? "float" : "complex");
        return false;
    }
    if (x.t && y.t && x.t != y.t) {
        cg_error(fs, leftmost(e->list.v[0]), "invalid operation: %s (mismatched types %s and %s)", cg_expr_text(e),
                 cg_type_text(x.t), cg_type_text(y.t));
        return false;
    }
    if (x.t && !convert_operand(fs, e->list.v[1], &y, x.t))
        return false;
    if (y.t && !convert_operand(fs, e->list.v[0], &x, y.t))
        return false;
    Type *t = !x.t ? NULL : x.t->under->kind == TY_FLOAT32 ? goro_t_complex64 : goro_t_complex128;
    *out = cv_num(CK_COMPLEX, t);
    mpq_set(out->re, x.re);
    mpq_set(out->im, y.re);
    return true;
}

static bool call(FuncState *fs, Node *e, CV *out)
{
    Sym *s = e->a->kind == N_IDENT ? e->a->sym : NULL;
    if (s && s->kind == SYM_BUILTIN && (s->builtin == B_COMPLEX || s->builtin == B_REAL || s->builtin == B_IMAG))
        return complex_builtin(fs, e, s->builtin, out);
    if (e->list.n != 1 || (e->flags & NF_SPREAD))
        return false;
    if (s && s->kind == SYM_BUILTIN && s->builtin == B_LEN) {
        CV a;
        if (!ceval(fs, e->list.v[0], &a) || a.kind || VKIND(a.v) != VK_STRING)
            return false;
        *out = cv_num(CK_INT, goro_t_int);
        mpq_set_si(out->re, (long)a.v.aux, 1);
        return true;
    }
    if (!cg_is_type_expr(fs, e->a))
        return false;
    Type *t = cg_type(fs, e->a);
    if (!t || !(type_kind(t) || t->kind == TY_STRING || t->kind == TY_BOOL))
        return false;
    return conversion(fs, e, t, out);
}

static bool literal(Node *e, CV *out)
{
    if (e->kind == N_CHARLIT) {
        *out = cv_num(CK_RUNE, NULL);
        mpq_set_si(out->re, (long)e->lit.i, 1);
        return true;
    }
    if (e->kind == N_IMAGLIT) {
        *out = cv_num(CK_COMPLEX, NULL);
        if (!e->name) {
            mpq_set_d(out->im, e->lit.f);
            return true;
        }
        /* the text without its i; 0123i is decimal, not octal */
        const char *d = e->name;
        size_t n = strlen(d) - 1;
        bool prefixed = d[0] == '0' && strchr("xXbBoO", d[1]);
        while (!prefixed && n > 1 && (d[0] == '0' || d[0] == '_') && d[1] != '.' && d[1] != 'e' && d[1] != 'E')
            d++, n--;
        return goro_q_parse(out->im, goro_intern(d, n));
    }
    *out = cv_num(e->kind == N_FLOATLIT ? CK_FLOAT : CK_INT, NULL);
    if (e->name)
        return goro_q_parse(out->re, e->name);
    if (e->kind == N_FLOATLIT)
        mpq_set_d(out->re, e->lit.f);
    else if (e->flags & NF_BIGUINT)
        mpq_set_ui(out->re, (unsigned long)e->lit.i, 1);
    else
        mpq_set_si(out->re, (long)e->lit.i, 1);
    return true;
}

static bool ceval(FuncState *fs, Node *e, CV *out)
{
    if (!e)
        return false;
    switch (e->kind) {
    case N_INTLIT: case N_CHARLIT: case N_FLOATLIT: case N_IMAGLIT:
        return literal(e, out);
    case N_STRLIT:
        *out = cv_plain(goro_str_nocopy(e->lit.s.s, e->lit.s.len), NULL);
        return true;
    case N_PAREN:
        return ceval(fs, e->a, out);
    case N_IDENT: case N_SELECTOR: {
        Sym *s = e->sym;
        if (!s)
            return false;
        if (s->kind == SYM_CONST) {
            if (s->decl || s->member) {
                *out = *sym_cval(fs->u, s);
            } else {   /* true, false */
                *out = cv_plain(s->value, NULL);
            }
            return true;
        }
        if (s->kind == SYM_IOTA) {
            *out = cv_int(fs->u->iota);
            return true;
        }
        return false;
    }
    case N_UNARY:
        return unary(fs, e, out);
    case N_BINARY:
        return binary(fs, e, out);
    case N_CALL:
        return call(fs, e, out);
    default:
        return false;
    }
}

/* ------------------------------------------------------------ uses */

bool cg_consteval(FuncState *fs, Node *e, Value *out)
{
    CV c;
    if (!ceval(fs, e, &c))
        return false;
    return default_value(fs, e, &c, out);
}

bool cg_const_is_untyped(FuncState *fs, Node *e)
{
    CV c;
    if (!e || (e->flags & NF_NOTCONST))
        return false;
    int errs = fs->u->diag->count;
    bool ok = ceval(fs, e, &c) && !c.t;
    (void)errs;
    return ok;
}

bool cg_const_operand(FuncState *fs, Node *e, Type *other, Value *out)
{
    CV c;
    if (!e || (e->flags & NF_NOTCONST))
        return false;
    if (!ceval(fs, e, &c)) {
        e->flags |= NF_NOTCONST;
        return false;
    }
    if (c.t || !c.kind)
        return default_value(fs, e, &c, out);
    /* i + 1e3 is an int; i + 2.5 with i an int is goro's int and float
     * mix (docs/language.md), left to run time */
    if (other && other->under && type_kind(other->under) &&
        (goro_q_is_int(c.re) || !goro_type_is_int(other->under) || c.kind == CK_COMPLEX)) {
        if (!convert_operand(fs, e, &c, other))
            return true;   /* reported; any value will do */
        *out = num_value(&c, other);
        return true;
    }
    /* no type to meet: a plain int or float64, which takes the other
     * operand's type at run time */
    if (c.kind <= CK_RUNE && goro_q_is_int(c.re) &&
        (goro_q_fits_int(c.re, TY_INT64) || goro_q_fits_int(c.re, TY_UINT64))) {
        *out = goro_int(goro_q_to_i64(c.re));
        return true;
    }
    if (c.kind == CK_RUNE)
        c.kind = CK_INT;
    return default_value(fs, e, &c, out);
}

/* Can an untyped constant of [c]'s kind become a value of basic type
 * [t] at all (a number a number, a string a string, a bool a bool)?
 * True for the types that are not basic. */
static bool kind_fits(const CV *c, Type *t)
{
    int k = t->under->kind;
    bool str = k == TY_STRING, boolean = k == TY_BOOL, num = type_kind(t) != CK_NONE;
    if (!str && !boolean && !num)
        return true;
    if (c->kind)
        return num;
    return VKIND(c->v) == VK_STRING ? str : VKIND(c->v) == VK_BOOL ? boolean : true;
}

bool cg_const_assignable(FuncState *fs, Type *t, Node *e, const char *context)
{
    CV c;
    if (!t || !e || (e->flags & NF_NOTCONST) || (!type_kind(t) && t->under->kind != TY_STRING &&
                                                 t->under->kind != TY_BOOL))
        return true;
    int before = fs->u->diag->count;
    if (!ceval(fs, e, &c))
        return fs->u->diag->count == before;
    if (c.t)
        return true;
    if (!kind_fits(&c, t)) {
        cg_error(fs, leftmost(e), "cannot use %s as %s value in %s", describe(e, &c), cg_type_text(t), context);
        return false;
    }
    if (!c.kind || !type_kind(t))
        return true;
    CV orig = c;
    Rep r = represent(&c, t);
    if (r == REP_OK)
        return true;
    cg_error(fs, leftmost(e), "cannot use %s as %s value in %s (%s)", describe(e, &orig), cg_type_text(t), context,
             r == REP_TRUNCATED ? "truncated" : "overflows");
    return false;
}

bool cg_consteval_to(FuncState *fs, Node *e, Type *t, Value *out)
{
    CV c;
    if (!ceval(fs, e, &c))
        return false;
    if (c.kind && !c.t && t && type_kind(t)) {
        if (represent(&c, t) != REP_OK)
            return default_value(fs, e, &c, out);
        *out = num_value(&c, t);
        return true;
    }
    return default_value(fs, e, &c, out);
}

bool cg_const_default_fits(FuncState *fs, Node *e, const char *context)
{
    CV c;
    if (!e || (e->flags & NF_NOTCONST))
        return true;
    int before = fs->u->diag->count;
    if (!ceval(fs, e, &c))
        return fs->u->diag->count == before;
    if (!c.kind || c.t)
        return true;
    Type *t = default_type(&c);
    CV r = c;
    if (represent(&r, t) == REP_OK)
        return true;
    cg_error(fs, leftmost(e), "cannot use %s as %s value in %s (overflows)", describe(e, &c),
             c.kind == CK_RUNE ? "rune" : cg_type_text(t), context);
    return false;
}

bool cg_const_operand_to(FuncState *fs, Node *e, Type *t, Value *out)
{
    CV c;
    if (!e || !t || !type_kind(t) || (e->flags & NF_NOTCONST))
        return false;
    int before = fs->u->diag->count;
    if (!ceval(fs, e, &c)) {
        if (fs->u->diag->count == before)
            e->flags |= NF_NOTCONST;
        return false;
    }
    if (!c.kind || c.t || represent(&c, t) != REP_OK)
        return false;
    *out = num_value(&c, t);
    return true;
}
