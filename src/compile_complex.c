/* compile_complex.c: what the compiler knows about complex numbers.
 *
 * Complex constants (2i, 1 + 2i, complex(1, 2)) are folded exactly by
 * compile_const.c; run-time values are computed by arith.c.  This file
 * gives complex expressions their static types (complex128
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
        return goro_sprintf("%s (untyped %s constant)", cg_expr_text(e),
                            t == goro_t_complex128 ? "complex" : t == goro_t_float64 ? "float"
                            : t == goro_t_int32 ? "rune" : "int");
    GORO_UNUSED(fs);
    return goro_sprintf("%s (%s of type %s)", cg_expr_text(e), what, cg_type_text(t));
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
        cg_error(fs, leftmost(e), "invalid operation: %s (operator %s not defined on %s)", cg_expr_text(e),
                 cg_op_text(e->op), untyped ? "untyped complex" : cg_type_text(t));
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
                 cg_op_text(e->op), operand(fs, x, is_complex(a) ? a : b));
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
    cg_error(fs, leftmost(e->a), "invalid operation: operator %s not defined on %s", cg_op_text(e->op),
             operand(fs, e->a, t));
    return false;
}

bool cg_check_complex_builtin(FuncState *fs, Node *call, int b)
{
    int n = call->list.n;
    if (b == B_COMPLEX) {
        if (n != 2) {
            cg_error(fs, call, "invalid operation: %s arguments for %s (expected 2, found %d)",
                     n < 2 ? "not enough" : "too many", cg_expr_text(call), n);
            return false;
        }
        Type *x = typed(fs, call->list.v[0]), *y = typed(fs, call->list.v[1]);
        if (x && y && x != y) {
            cg_error(fs, leftmost(call->list.v[0]),
                     "invalid operation: %s (mismatched types %s and %s)", cg_expr_text(call),
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
        /* complex(f, 1e50): the constant must fit the other part's type */
        Value v;
        int errs = fs->u->diag->count;
        if (x && !y && cg_const_is_untyped(fs, call->list.v[1]))
            cg_const_operand(fs, call->list.v[1], x, &v);
        if (y && !x && cg_const_is_untyped(fs, call->list.v[0]))
            cg_const_operand(fs, call->list.v[0], y, &v);
        return fs->u->diag->count == errs;
    }
    const char *name = b == B_REAL ? "real" : "imag";
    if (n != 1) {
        cg_error(fs, call, "%s arguments for %s (expected 1, found %d)",
                 n < 1 ? "not enough" : "too many", cg_expr_text(call), n);
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
