/* compile_complex.c: what the compiler knows about complex numbers.
 *
 * Imaginary literals (2i) are loaded as run-time constant values and
 * `1 + 2i` is computed by the ordinary arithmetic (arith.c), so the
 * constant folder (compile_const.c) needs to know nothing about them.
 * This file gives complex expressions their static types (complex128
 * from literals and complex(), float32 from real() of a complex64) and
 * reports Go's compile errors where those types are known:
 *
 *   c < d            invalid operation: c < d (operator < not defined on complex128)
 *   c % 2            invalid operation: operator % not defined on c (variable of type complex128)
 *   real(f)          invalid argument: argument has type float64, expected complex type
 *   complex(f, g)    invalid operation: complex(f, g) (mismatched types float64 and float32)
 *   float64(c)       cannot convert c (variable of type complex128) to type float64
 *
 * Each check returns false after reporting one error. */
#include <stdio.h>

#include "arith.h"
#include "codegen.h"
#include "parser.h"
#include "pkg.h"

static Node *strip(Node *e)
{
    while (e && e->kind == N_PAREN)
        e = e->a;
    return e;
}

static bool is_complex(Type *t) { return t && goro_type_is_complex(t->under); }

static bool is_builtin(Node *f, int b)
{
    f = strip(f);
    Sym *s = f && f->kind == N_IDENT ? f->sym : NULL;
    return s && s->kind == SYM_BUILTIN && s->builtin == b;
}

static const char *op_text(int tk)
{
    switch (tk) {
    case TK_PLUS: return "+";
    case TK_MINUS: return "-";
    case TK_STAR: return "*";
    case TK_SLASH: return "/";
    case TK_PERCENT: return "%";
    case TK_AMP: return "&";
    case TK_PIPE: return "|";
    case TK_CARET: return "^";
    case TK_ANDNOT: return "&^";
    case TK_SHL: return "<<";
    case TK_SHR: return ">>";
    case TK_EQ: return "==";
    case TK_NE: return "!=";
    case TK_LT: return "<";
    case TK_LE: return "<=";
    case TK_GT: return ">";
    case TK_GE: return ">=";
    case TK_NOT: return "!";
    default: return "?";
    }
}

/* An expression as Go's messages quote it, operators and literals
 * included (c <= 2i, complex(f, g)). */
static const char *text(Node *e)
{
    switch (e->kind) {
    case N_FLOATLIT:
        return goro_sprintf("%g", e->lit.f);
    case N_IMAGLIT:
        return goro_sprintf("%gi", e->lit.f);
    case N_BINARY:
        return goro_sprintf("%s %s %s", text(e->a), op_text(e->op), text(e->b));
    case N_UNARY:
        if (e->op == TK_MINUS || e->op == TK_PLUS || e->op == TK_CARET || e->op == TK_NOT)
            return goro_sprintf("%s%s", op_text(e->op), text(e->a));
        return cg_expr_text(e);
    case N_PAREN:
        return goro_sprintf("(%s)", text(e->a));
    case N_CALL: {
        const char *s = goro_sprintf("%s(", text(e->a));
        for (int i = 0; i < e->list.n; i++)
            s = goro_sprintf("%s%s%s", s, i ? ", " : "", text(e->list.v[i]));
        return goro_sprintf("%s)", s);
    }
    default:
        return cg_expr_text(e);
    }
}

/* The leftmost operand of [e]: where Go's messages point. */
static Node *leftmost(Node *e)
{
    while (e->kind == N_BINARY || e->kind == N_INDEX || e->kind == N_SELECTOR ||
           e->kind == N_CALL || e->kind == N_SLICEX || e->kind == N_PAREN)
        e = e->a;
    return e;
}

static bool is_untyped_lit(Node *e)
{
    e = strip(e);
    if (e->kind == N_UNARY && (e->op == TK_MINUS || e->op == TK_PLUS))
        return is_untyped_lit(e->a);
    if (e->kind == N_BINARY && e->op != TK_SHL && e->op != TK_SHR)
        return is_untyped_lit(e->a) && is_untyped_lit(e->b);
    return e->kind == N_INTLIT || e->kind == N_FLOATLIT || e->kind == N_IMAGLIT ||
           e->kind == N_CHARLIT;
}

/* "c (variable of type complex128)" */
static const char *operand(FuncState *fs, Node *e, Type *t)
{
    Node *x = strip(e);
    Sym *s = x->kind == N_IDENT ? x->sym : NULL;
    const char *what = s && (s->kind == SYM_VAR || s->kind == SYM_GLOBAL) ? "variable"
                     : s && s->kind == SYM_CONST ? "constant" : "value";
    if (is_untyped_lit(e))
        return goro_sprintf("%s (untyped %s constant)", text(e),
                            t == goro_t_complex128 ? "complex" : t == goro_t_float64 ? "float"
                            : t == goro_t_int32 ? "rune" : "int");
    GORO_UNUSED(fs);
    return goro_sprintf("%s (%s of type %s)", text(e), what, cg_type_text(t));
}

/* complex(r, i): complex64 of float32 parts, else complex128 (NULL when
 * not a call of complex, real or imag, or the types are unknown). */
Type *cg_complex_call_type(FuncState *fs, Node *call)
{
    if (call->list.n == 2 && is_builtin(call->a, B_COMPLEX)) {
        Type *a = cg_static_type_ext(fs, call->list.v[0]);
        Type *b = cg_static_type_ext(fs, call->list.v[1]);
        if ((a && a->under->kind == TY_FLOAT32) || (b && b->under->kind == TY_FLOAT32))
            return goro_t_complex64;
        if ((a || is_untyped_lit(call->list.v[0])) && (b || is_untyped_lit(call->list.v[1])))
            return goro_t_complex128;
        return NULL;
    }
    Node *f = strip(call->a);
    if (f->kind == N_SELECTOR && f->a->kind == N_IDENT && f->a->sym &&
        ((Sym *)f->a->sym)->kind == SYM_PKG && ((Sym *)f->a->sym)->pkg &&
        !strcmp(((Sym *)f->a->sym)->pkg->path, "math/cmplx")) {
        /* math/cmplx's results: complex128 but for these */
        const char *n = f->name;
        if (!strcmp(n, "Abs") || !strcmp(n, "Phase"))
            return goro_t_float64;
        if (!strcmp(n, "IsInf") || !strcmp(n, "IsNaN"))
            return goro_t_bool;
        if (!strcmp(n, "Polar"))
            return NULL;
        return goro_t_complex128;
    }
    if (call->list.n == 1 && (is_builtin(call->a, B_REAL) || is_builtin(call->a, B_IMAG))) {
        Type *c = cg_static_type_ext(fs, call->list.v[0]);
        if (!is_complex(c))
            return NULL;
        return c->under->kind == TY_COMPLEX64 ? goro_t_float32 : goro_t_float64;
    }
    return NULL;
}

/* The static type of an operand only when it is certain: a typed
 * variable, field or call, not an untyped constant. */
static Type *typed(FuncState *fs, Node *e)
{
    if (is_untyped_lit(e))
        return NULL;
    Node *x = strip(e);
    Sym *s = x->kind == N_IDENT ? x->sym : NULL;
    if (s && s->kind == SYM_CONST && !s->typenode)
        return NULL;
    return cg_static_type_ext(fs, e);
}

bool cg_check_complex_binary(FuncState *fs, Node *e)
{
    Type *a = cg_static_type_ext(fs, e->a), *b = cg_static_type_ext(fs, e->b);
    if (!is_complex(a) && !is_complex(b))
        return true;
    switch (e->op) {
    case TK_LT: case TK_LE: case TK_GT: case TK_GE: {
        Type *t = is_complex(a) ? a : b;
        bool untyped = is_untyped_lit(is_complex(a) ? e->a : e->b);
        cg_error(fs, leftmost(e), "invalid operation: %s (operator %s not defined on %s)", text(e),
                 op_text(e->op), untyped ? "untyped complex" : cg_type_text(t));
        return false;
    }
    case TK_SHL: case TK_SHR:
        if (is_complex(a)) {
            cg_error(fs, leftmost(e), "invalid operation: shifted operand %s must be integer",
                     operand(fs, e->a, a));
            return false;
        }
        cg_error(fs, leftmost(e->b), "invalid operation: shift count %s must be integer",
                 operand(fs, e->b, b));
        return false;
    case TK_PERCENT: case TK_AMP: case TK_PIPE: case TK_CARET: case TK_ANDNOT: {
        Node *x = is_complex(a) ? e->a : e->b;
        cg_error(fs, leftmost(e), "invalid operation: operator %s not defined on %s",
                 op_text(e->op), operand(fs, x, is_complex(a) ? a : b));
        return false;
    }
    default:
        return true;
    }
}

bool cg_check_complex_unary(FuncState *fs, Node *e)
{
    if (e->op != TK_CARET && e->op != TK_NOT)
        return true;
    Type *t = cg_static_type_ext(fs, e->a);
    if (!is_complex(t))
        return true;
    cg_error(fs, leftmost(e->a), "invalid operation: operator %s not defined on %s", op_text(e->op),
             operand(fs, e->a, t));
    return false;
}

bool cg_check_complex_builtin(FuncState *fs, Node *call, int b)
{
    int n = call->list.n;
    if (b == B_COMPLEX) {
        if (n != 2) {
            cg_error(fs, call, "invalid operation: %s arguments for %s (expected 2, found %d)",
                     n < 2 ? "not enough" : "too many", text(call), n);
            return false;
        }
        Type *x = typed(fs, call->list.v[0]), *y = typed(fs, call->list.v[1]);
        if (x && y && x != y) {
            cg_error(fs, leftmost(call->list.v[0]),
                     "invalid operation: %s (mismatched types %s and %s)", text(call),
                     cg_type_text(x), cg_type_text(y));
            return false;
        }
        Type *bad = x && !goro_type_is_float(x->under) ? x : y && !goro_type_is_float(y->under) ? y : NULL;
        if (bad) {
            Node *at = bad == x ? call->list.v[0] : call->list.v[1];
            cg_error(fs, leftmost(at), "invalid argument: arguments have type %s, expected floating-point",
                     cg_type_text(bad));
            return false;
        }
        return true;
    }
    const char *name = b == B_REAL ? "real" : "imag";
    if (n != 1) {
        cg_error(fs, call, "%s arguments for %s (expected 1, found %d)",
                 n < 1 ? "not enough" : "too many", text(call), n);
        return false;
    }
    GORO_UNUSED(name);
    Node *arg = call->list.v[0];
    Node *x = strip(arg);
    Type *t = x->kind == N_STRLIT ? NULL : typed(fs, arg);
    if (x->kind == N_STRLIT || (t && !is_complex(t))) {
        cg_error(fs, leftmost(arg), "invalid argument: argument has type %s, expected complex type",
                 t ? cg_type_text(t) : "untyped string");
        return false;
    }
    return true;
}

bool cg_check_complex_conversion(FuncState *fs, Node *call, Type *to)
{
    if (call->list.n != 1)
        return true;
    Node *arg = call->list.v[0];
    Type *from = typed(fs, arg);
    if (!from)
        return true;
    bool num_to = goro_type_is_int(to->under) || goro_type_is_float(to->under);
    bool num_from = goro_type_is_int(from->under) || goro_type_is_float(from->under);
    if ((is_complex(to) && num_from) || (num_to && is_complex(from)) ||
        (is_complex(from) && to->under->kind == TY_STRING)) {
        cg_error(fs, leftmost(arg), "cannot convert %s to type %s", operand(fs, arg, from),
                 cg_type_text(to));
        return false;
    }
    return true;
}

/* ---------------------------------------------------------- constants
 *
 * The constant folder cannot evaluate an imaginary literal, so
 * `const c = 1 + 2i` would be "not constant".  Until it can, the
 * constants whose values need complex arithmetic are evaluated here,
 * after resolution and before any code is generated, with the run-time
 * arithmetic (so in float64 rather than exactly, as Go would).  A
 * constant evaluated here is cached in its Sym the way cg_sym_const
 * caches one; constants built on it (k * 2) then fold through the
 * ordinary path, which calls goro_arith on the complex value. */

static bool needs_complex(Node *e)
{
    if (!e)
        return false;
    if (e->kind == N_IMAGLIT)
        return true;
    if (e->kind == N_CALL && (is_builtin(e->a, B_COMPLEX) || is_builtin(e->a, B_REAL) ||
                              is_builtin(e->a, B_IMAG)))
        return true;
    if (e->kind == N_FUNCLIT || e->kind == N_COMPOSITE)
        return false;
    if (needs_complex(e->a) || needs_complex(e->b))
        return true;
    for (int i = 0; i < e->list.n; i++)
        if (needs_complex(e->list.v[i]))
            return true;
    return false;
}

static bool const_sym(FuncState *fs, Sym *s, Value *out);

static bool cexpr(FuncState *fs, Node *e, Value *out)
{
    const char *err;
    switch (e->kind) {
    case N_IMAGLIT:
        *out = goro_complex(0, e->lit.f);
        return true;
    case N_PAREN:
        return cexpr(fs, e->a, out);
    case N_IDENT: case N_SELECTOR: {
        Sym *s = e->sym;
        if (s && s->kind == SYM_CONST && s->decl && s->value.tt == 0xff)
            return const_sym(fs, s, out);
        break;
    }
    case N_UNARY: {
        Value a;
        if (e->op != TK_MINUS && e->op != TK_PLUS)
            break;
        if (!cexpr(fs, e->a, &a))
            return false;
        if (e->op == TK_PLUS) {
            *out = a;
            return true;
        }
        if (!goro_unary(OP_NEG, a, out, &err)) {
            cg_error(fs, e, "invalid operation: %s", err);
            return false;
        }
        return true;
    }
    case N_BINARY: {
        Value a, b;
        int op = cg_binop(e->op);
        if (op != OP_ADD && op != OP_SUB && op != OP_MUL && op != OP_DIV && op != OP_EQ && op != OP_NE)
            break;
        if (!cexpr(fs, e->a, &a) || !cexpr(fs, e->b, &b))
            return false;
        if (op == OP_EQ || op == OP_NE) {
            bool r;
            if (!goro_compare(op, a, b, &r, &err)) {
                cg_error(fs, e, "invalid operation: %s", err);
                return false;
            }
            *out = goro_bool(r);
            return true;
        }
        double re = 1, im = 0;
        if (VKIND(b) == VK_COMPLEX)
            re = goro_creal(b), im = goro_cimag(b);
        else if (VKIND(b) == VK_INT || VKIND(b) == VK_FLOAT)
            re = VKIND(b) == VK_INT ? (double)b.u.i : b.u.f;
        if (op == OP_DIV && re == 0 && im == 0) {
            cg_error(fs, e, "invalid operation: division by zero");
            return false;
        }
        if (!goro_arith(op, a, b, out, &err)) {
            cg_error(fs, e, "invalid operation: %s", err);
            return false;
        }
        return true;
    }
    case N_CALL: {
        Node *f = strip(e->a);
        int n = e->list.n;
        Value a, b;
        if (is_builtin(f, B_COMPLEX) && n == 2) {
            if (!cexpr(fs, e->list.v[0], &a) || !cexpr(fs, e->list.v[1], &b))
                return false;
            if ((VKIND(a) != VK_INT && VKIND(a) != VK_FLOAT) || (VKIND(b) != VK_INT && VKIND(b) != VK_FLOAT))
                break;
            Type *ta = goro_type_of(a), *tb = goro_type_of(b);
            Type *t = ta->under->kind == TY_FLOAT32 || tb->under->kind == TY_FLOAT32 ? goro_t_complex64
                                                                                       : goro_t_complex128;
            *out = goro_complex_of(t, VKIND(a) == VK_INT ? (double)a.u.i : a.u.f,
                                   VKIND(b) == VK_INT ? (double)b.u.i : b.u.f);
            return true;
        }
        if ((is_builtin(f, B_REAL) || is_builtin(f, B_IMAG)) && n == 1) {
            if (!cexpr(fs, e->list.v[0], &a))
                return false;
            bool want_im = is_builtin(f, B_IMAG);
            if (VKIND(a) == VK_COMPLEX) {
                *out = goro_float(want_im ? goro_cimag(a) : goro_creal(a));
                if (goro_type_of(a)->under->kind == TY_COMPLEX64)
                    *out = goro_typed(*out, goro_t_float32);
                return true;
            }
            if (VKIND(a) == VK_INT || VKIND(a) == VK_FLOAT) {
                *out = goro_float(want_im ? 0 : VKIND(a) == VK_INT ? (double)a.u.i : a.u.f);
                return true;
            }
            break;
        }
        if (cg_is_type_expr(fs, f) && n == 1 && needs_complex(e->list.v[0])) {
            Type *t = cg_type(fs, f);
            if (!t || !cexpr(fs, e->list.v[0], &a))
                return false;
            if (!goro_type_convert(t, a, out, &err)) {
                cg_error(fs, e, "%s", err);
                return false;
            }
            return true;
        }
        break;
    }
    default:
        break;
    }
    if (needs_complex(e)) {
        cg_error(fs, e, "%s is not constant", text(e));
        return false;
    }
    if (!cg_consteval(fs, e, out)) {
        if (!fs->u->diag->count)
            cg_error(fs, e, "%s is not constant", text(e));
        return false;
    }
    return true;
}

/* Evaluate constant [s] (one whose value needs complex arithmetic) and
 * cache its value in the Sym. */
static bool const_sym(FuncState *fs, Sym *s, Value *out)
{
    Unit *u = fs->u;
    Node *spec = s->decl;
    if (s->evaluating) {
        goro_diag_error(u->diag, s->line, s->col, "initialization cycle: %s refers to itself", s->name);
        return false;
    }
    if (s->index >= spec->list2.n) {
        *out = cg_sym_const(u, s);
        return true;
    }
    s->evaluating = 1;
    int saved_iota = u->iota;
    u->iota = s->iota;
    Value v;
    bool ok = cexpr(fs, spec->list2.v[s->index], &v);
    u->iota = saved_iota;
    s->evaluating = 0;
    if (!ok)
        v = goro_int(0);
    if (ok && spec->a) {
        Type *t = cg_type(fs, spec->a);
        if (t && VKIND(v) == VK_COMPLEX && !goro_type_is_complex(t->under) && goro_cimag(v) != 0) {
            cg_error(fs, spec->list2.v[s->index],
                     "cannot use %s (untyped complex constant (%g + %gi)) as %s value in constant declaration (truncated)",
                     text(spec->list2.v[s->index]), goro_creal(v), goro_cimag(v), cg_type_text(t));
            ok = false;
        } else if (t) {
            v = goro_type_coerce(t, v);
        }
    }
    s->value = v;
    s->type = goro_type_of(v);
    s->exact = false;
    *out = v;
    return ok;
}

/* Is [e] a constant expression cexpr can evaluate (literals, constants,
 * + - * / == !=, complex/real/imag and numeric conversions of them)? */
static bool is_const(FuncState *fs, Node *e, int depth)
{
    if (!e || depth > 200)
        return false;
    switch (e->kind) {
    case N_IMAGLIT: case N_INTLIT: case N_FLOATLIT: case N_CHARLIT:
        return true;
    case N_PAREN:
        return is_const(fs, e->a, depth + 1);
    case N_IDENT: case N_SELECTOR: {
        Sym *s = e->sym;
        return s && (s->kind == SYM_CONST || s->kind == SYM_IOTA);
    }
    case N_UNARY:
        return (e->op == TK_MINUS || e->op == TK_PLUS) && is_const(fs, e->a, depth + 1);
    case N_BINARY: {
        int op = cg_binop(e->op);
        return (op == OP_ADD || op == OP_SUB || op == OP_MUL || op == OP_DIV || op == OP_EQ ||
                op == OP_NE) && is_const(fs, e->a, depth + 1) && is_const(fs, e->b, depth + 1);
    }
    case N_CALL: {
        Node *f = strip(e->a);
        bool numconv = false;
        if (cg_is_type_expr(fs, f)) {
            Type *t = e->list.n == 1 ? cg_type(fs, f) : NULL;
            numconv = t && (goro_type_is_int(t->under) || goro_type_is_float(t->under) ||
                            goro_type_is_complex(t->under));
        }
        if (!numconv && !is_builtin(f, B_COMPLEX) && !is_builtin(f, B_REAL) && !is_builtin(f, B_IMAG))
            return false;
        if (e->flags & NF_SPREAD)
            return false;
        for (int i = 0; i < e->list.n; i++)
            if (!is_const(fs, e->list.v[i], depth + 1))
                return false;
        return true;
    }
    default:
        return false;
    }
}

bool cg_complex_fold(FuncState *fs, Node *e, Value *out)
{
    if (!needs_complex(e) || !is_const(fs, e, 0))
        return false;
    int errs = fs->u->diag->count;
    if (!cexpr(fs, e, out)) {
        *out = goro_int(0);
        return fs->u->diag->count > errs;   /* reported: nothing more to emit */
    }
    /* constants are exact values: there is no negative zero */
    if (VKIND(*out) == VK_COMPLEX && (goro_creal(*out) == 0 || goro_cimag(*out) == 0)) {
        Type *t = goro_type_of(*out);
        *out = goro_complex_of(t, goro_creal(*out) + 0.0, goro_cimag(*out) + 0.0);
    } else if (VKIND(*out) == VK_FLOAT && out->u.f == 0) {
        out->u.f = 0;
    }
    return true;
}

static void walk_consts(FuncState *fs, Node *n, int depth)
{
    if (!n || depth > 10000)
        return;
    if (n->kind == N_CONST) {
        for (int i = 0; i < n->list.n; i++) {
            Sym *s = n->list.v[i]->sym;
            Value v;
            if (s && s->kind == SYM_CONST && s->value.tt == 0xff && s->index < n->list2.n &&
                needs_complex(n->list2.v[s->index]))
                const_sym(fs, s, &v);
        }
        return;
    }
    walk_consts(fs, n->a, depth + 1);
    walk_consts(fs, n->b, depth + 1);
    walk_consts(fs, n->c, depth + 1);
    walk_consts(fs, n->d, depth + 1);
    for (int i = 0; i < n->list.n; i++)
        walk_consts(fs, n->list.v[i], depth + 1);
    for (int i = 0; i < n->list2.n; i++)
        walk_consts(fs, n->list2.v[i], depth + 1);
}

void cg_complex_consts(Unit *u)
{
    FuncState tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.u = u;
    walk_consts(&tmp, u->root, 0);
}
