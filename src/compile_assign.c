/* compile_assign.c: Go's compile-time errors about values of one basic
 * type used where another is wanted:
 *
 *   var n int = s          cannot use s (variable of type string) as int value
 *                          in variable declaration
 *   a + b                  invalid operation: a + b (mismatched types int32
 *                          and int64)
 *
 * goro knows an expression's type only sometimes (declared variables,
 * fields, conversions, declared functions' results), so it reports these
 * only where the type is certain and comes from no untyped constant: an
 * untyped constant takes its type from the context, which the constant
 * folder checks (compile_const.c).  Only basic types (booleans, numbers,
 * strings, and named types over them) are compared; everything else is
 * left to the run-time checks. */
#include "codegen.h"
#include "parser.h"

static Node *strip_parens(Node *e)
{
    while (e && e->kind == N_PAREN)
        e = e->a;
    return e;
}

/* A constant's value as Go's messages quote it. */
static const char *const_text(Value v)
{
    switch (VKIND(v)) {
    case VK_COMPLEX:
        return goro_sprintf("(%g + %gi)", goro_creal(v), goro_cimag(v));
    case VK_INT:
        if (VTYPEID(v) && goro_type_is_unsigned(goro_type_of(v)))
            return goro_sprintf("%llu", (unsigned long long)v.u.u);
        return goro_sprintf("%lld", (long long)v.u.i);
    case VK_FLOAT:
        return goro_sprintf("%g", v.u.f);
    case VK_BOOL:
        return v.u.i ? "true" : "false";
    case VK_STRING:
        return goro_sprintf("\"%.*s\"", (int)v.aux, v.u.s);
    default:
        return "?";
    }
}

const char *cg_op_text(int tk)
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
    case TK_ANDAND: return "&&";
    case TK_OROR: return "||";
    case TK_NOT: return "!";
    case TK_EQ: return "==";
    case TK_NE: return "!=";
    case TK_LT: return "<";
    case TK_LE: return "<=";
    case TK_GT: return ">";
    case TK_GE: return ">=";
    default: return "?";
    }
}

static bool is_basic(Type *t)
{
    if (!t)
        return false;
    switch (t->under->kind) {
    case TY_BOOL: case TY_STRING:
        return true;
    default:
        return goro_type_is_int(t->under) || goro_type_is_float(t->under) ||
               goro_type_is_complex(t->under);
    }
}

/* The static type of [e] when it is certain and owes nothing to an
 * untyped constant; else NULL. */
static Type *typed_static(FuncState *fs, Node *e)
{
    e = strip_parens(e);
    if (!e)
        return NULL;
    switch (e->kind) {
    case N_IDENT: case N_SELECTOR: {
        Sym *s = e->sym;
        if (s && s->kind == SYM_CONST) {
            /* a typed constant: declared with a type, or a package's
             * named-typed member (time.Second) */
            Value v = s->decl ? cg_sym_const(fs->u, s) : s->value;
            return (s->decl && s->typenode) || (!s->decl && VTYPEID(v)) ? goro_type_of(v) : NULL;
        }
        if (s && s->kind != SYM_VAR && s->kind != SYM_GLOBAL)
            return NULL;
        return cg_static_type(fs, e);
    }
    case N_INDEX:
        return cg_static_type(fs, e);
    case N_UNARY:
        if (e->op == TK_MINUS || e->op == TK_PLUS || e->op == TK_CARET || e->op == TK_NOT)
            return typed_static(fs, e->a);
        return NULL;
    case N_BINARY: {
        if (e->op == TK_SHL || e->op == TK_SHR)
            return typed_static(fs, e->a);
        switch (e->op) {
        case TK_EQ: case TK_NE: case TK_LT: case TK_LE: case TK_GT: case TK_GE:
        case TK_ANDAND: case TK_OROR:
            return NULL;   /* an untyped boolean */
        default:
            break;
        }
        Type *a = typed_static(fs, e->a), *b = typed_static(fs, e->b);
        if (a && b)
            return a == b ? a : NULL;
        return a ? a : b;
    }
    case N_CALL: {
        Node *f = strip_parens(e->a);
        if (cg_is_type_expr(fs, f))
            return cg_type(fs, f);
        Sym *s = f->kind == N_IDENT ? f->sym : NULL;
        if (s && s->kind == SYM_FUNC)
            return cg_static_type_ext(fs, e);
        return NULL;
    }
    default:
        return NULL;
    }
}

bool cg_check_assignable(FuncState *fs, Type *t, Node *e, const char *context)
{
    if (t && e && t->under->kind == TY_IFACE)
        return cg_check_implements(fs, t, e, context);
    if (!is_basic(t) || !e)
        return true;
    if (!cg_const_assignable(fs, t, e, context))
        return false;
    Type *v = typed_static(fs, e);
    if (!is_basic(v) || v == t)
        return true;
    Node *x = strip_parens(e);
    Sym *s = x->kind == N_IDENT ? x->sym : NULL;
    const char *what;
    if (s && s->kind == SYM_CONST) {
        Value cv = s->decl ? cg_sym_const(fs->u, s) : s->value;
        what = goro_sprintf("constant %s of type %s", const_text(cv), cg_type_text(v));
    } else {
        what = goro_sprintf("%s of type %s", s ? "variable" : "value", cg_type_text(v));
    }
    cg_error(fs, e, "cannot use %s (%s) as type %s in %s", cg_expr_text(e), what,
             cg_type_text(t), context);
    return false;
}

bool cg_check_operands(FuncState *fs, Node *e)
{
    if (e->op == TK_SHL || e->op == TK_SHR || e->op == TK_ANDAND || e->op == TK_OROR)
        return true;
    Type *a = typed_static(fs, e->a), *b = typed_static(fs, e->b);
    if (!is_basic(a) || !is_basic(b) || a == b)
        return true;
    /* goro's relaxation (docs/language.md): int and float64 mix */
    if ((a == goro_t_int && b == goro_t_float64) || (a == goro_t_float64 && b == goro_t_int))
        return true;
    /* Go points at the start of the expression, or of a comparison's
     * right operand */
    bool cmp = e->op == TK_EQ || e->op == TK_NE || e->op == TK_LT || e->op == TK_LE ||
               e->op == TK_GT || e->op == TK_GE;
    Node *at = cmp ? e->b : e;
    while (at->kind == N_BINARY || at->kind == N_INDEX || at->kind == N_SELECTOR ||
           at->kind == N_CALL || at->kind == N_SLICEX)
        at = at->a;
    cg_error(fs, at, "invalid operation: %s %s %s (mismatched types %s and %s)", cg_expr_text(e->a),
             cg_op_text(e->op), cg_expr_text(e->b), cg_type_text(a), cg_type_text(b));
    return false;
}
