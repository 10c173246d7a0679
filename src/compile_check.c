/* compile_check.c: Go's compile-time errors about named types, fields
 * and methods, reported where the static types are known (declared
 * types, composite literals, &T{...}).  Where a type is unknown nothing
 * is checked: the VM reports the same mistakes at run time.
 *
 * Methods are attached to their types before any function body is
 * compiled (compile.c), so a check sees every method of the program. */
#include <string.h>

#include "codegen.h"
#include "parser.h"

#define short_name cg_type_text
#define expr_text cg_expr_text

/* A type as Go's compiler prints it in the package: Point, *Point, []T. */
const char *cg_type_text(Type *t)
{
    const char *n = t->name;
    size_t len = strlen(n);
    char *out = goro_alloc(len + 1), *o = out;
    for (size_t i = 0; i < len;) {
        if (!strncmp(n + i, "main.", 5) && (i == 0 || !(n[i - 1] == '_' || (n[i - 1] >= 'a' && n[i - 1] <= 'z') ||
                                                          (n[i - 1] >= 'A' && n[i - 1] <= 'Z') ||
                                                          (n[i - 1] >= '0' && n[i - 1] <= '9')))) {
            i += 5;
            continue;
        }
        *o++ = n[i++];
    }
    *o = 0;
    return out;
}

/* Is [t] one of the program's own types, whose members are all known? */
static bool checkable(Type *t)
{
    if (!t)
        return false;
    if (t->kind == TY_PTR && t->elem && t->elem->named)
        t = t->elem;
    if (t->kind == TY_OBJ || !t->named || !t->pkg || strcmp(t->pkg, "main"))
        return false;
    if (t->under->kind == TY_IFACE)
        return t->under->niface > 0;
    return true;
}

/* Members named [name] exactly [depth] embedding levels below [t]; -1
 * when a type on the way is unknown (then nothing can be said). */
static int members_at(Type *t, const char *name, int depth)
{
    if (!t)
        return -1;
    if (t->kind == TY_PTR && t->elem)
        t = t->elem;
    Type *u = t->under;
    if (depth == 0) {
        int n = goro_type_find_method(t, name) ? 1 : 0;
        if (u->kind == TY_IFACE)
            for (int i = 0; i < u->niface; i++)
                n += u->iface[i] == name;
        if (u->kind == TY_STRUCT)
            for (int i = 0; i < u->nfields; i++)
                n += u->fnames[i] == name;
        return n;
    }
    if (u->kind != TY_STRUCT || !u->fembedded)
        return 0;
    int n = 0;
    for (int i = 0; i < u->nfields; i++) {
        if (!u->fembedded[i])
            continue;
        Type *ft = u->ftypes[i];
        if (ft && ft->kind == TY_OBJ)
            return -1;   /* a library type: its fields are not listed */
        int k = members_at(ft, name, depth - 1);
        if (k < 0)
            return -1;
        n += k;
    }
    return n;
}

/* 1 found, 0 missing, 2 ambiguous, -1 unknown. */
static int find_member(Type *t, const char *name)
{
    for (int d = 0; d <= 8; d++) {
        int n = members_at(t, name, d);
        if (n < 0)
            return -1;
        if (n == 1)
            return 1;
        if (n > 1)
            return 2;
    }
    return 0;
}

/* The expression [e] as Go's messages quote it, for simple forms. */
const char *cg_expr_text(Node *e)
{
    switch (e->kind) {
    case N_IDENT:
        return e->name;
    case N_SELECTOR:
        return goro_sprintf("%s.%s", expr_text(e->a), e->name);
    case N_PAREN:
        return goro_sprintf("(%s)", expr_text(e->a));
    case N_INDEX:
        return goro_sprintf("%s[%s]", expr_text(e->a), expr_text(e->b));
    case N_STRLIT:
        return goro_sprintf("\"%.*s\"", e->lit.s.len, e->lit.s.s);
    case N_INTLIT: case N_FLOATLIT: case N_CHARLIT: case N_IMAGLIT:
        if (e->name)
            return e->name;
        if (e->kind == N_IMAGLIT)
            return goro_sprintf("%gi", e->lit.f);
        return e->kind == N_FLOATLIT ? goro_sprintf("%g", e->lit.f) : goro_sprintf("%lld", (long long)e->lit.i);
    case N_UNARY:
        switch (e->op) {
        case TK_AMP: return goro_sprintf("&%s", expr_text(e->a));
        case TK_STAR: return goro_sprintf("*%s", expr_text(e->a));
        case TK_MINUS: return goro_sprintf("-%s", expr_text(e->a));
        case TK_PLUS: return goro_sprintf("+%s", expr_text(e->a));
        case TK_NOT: return goro_sprintf("!%s", expr_text(e->a));
        case TK_CARET: return goro_sprintf("^%s", expr_text(e->a));
        case TK_ARROW: return goro_sprintf("<-%s", expr_text(e->a));
        default: return "expression";
        }
    case N_BINARY:
        return goro_sprintf("%s %s %s", expr_text(e->a), cg_op_text(e->op), expr_text(e->b));
    case N_CALL: {
        if (e->list.n > 4)
            return goro_sprintf("%s(...)", expr_text(e->a));
        const char *args = "";
        for (int i = 0; i < e->list.n; i++)
            args = goro_sprintf("%s%s%s", args, i ? ", " : "", expr_text(e->list.v[i]));
        return goro_sprintf("%s(%s%s)", expr_text(e->a), args, (e->flags & NF_SPREAD) ? "..." : "");
    }
    case N_COMPOSITE:
        return goro_sprintf("%s{%s}", e->a ? expr_text(e->a) : "", e->list.n ? "…" : "");
    case N_TPTR:
        return goro_sprintf("*%s", expr_text(e->a));
    default:
        return "expression";
    }
}

static Node *method_decl(Unit *u, Type *t, const char *name);

/* The single result type written in signature [sig], or NULL. */
static Type *single_result(FuncState *fs, Node *sig)
{
    if (!sig || sig->kind != N_TFUNC || sig->list2.n != 1 || !sig->list2.v[0]->a)
        return NULL;
    return cg_type(fs, sig->list2.v[0]->a);
}

static Node *strip_parens(Node *e)
{
    while (e->kind == N_PAREN)
        e = e->a;
    return e;
}

static Node *call_sig(FuncState *fs, Node *call);

Type *cg_static_type_ext(FuncState *fs, Node *e)
{
    Type *t = cg_static_type(fs, e);
    if (t || !e)
        return t;
    e = strip_parens(e);
    if (e->kind != N_CALL)
        return NULL;
    Node *f = strip_parens(e->a);
    Sym *s = f->sym;
    if (f->kind == N_IDENT && s && s->kind == SYM_BUILTIN && e->list.n >= 1 &&
        (s->builtin == B_MAKE || s->builtin == B_NEW) && cg_is_type_expr(fs, e->list.v[0])) {
        Type *mt = cg_type(fs, e->list.v[0]);   /* make(T, ...) is a T, new(T) a *T */
        return mt && s->builtin == B_NEW ? goro_type_ptr(mt) : mt;
    }
    if (f->kind == N_FUNCLIT)
        return NULL;
    /* a declared function's or method's single result */
    return single_result(fs, call_sig(fs, e));
}

/* The signature node declared for the function [call] calls (a function
 * or method of this package, or a func literal), or NULL. */
static Node *call_sig(FuncState *fs, Node *call)
{
    call = strip_parens(call);
    if (call->kind != N_CALL)
        return NULL;
    Node *f = strip_parens(call->a);
    Sym *s = f->sym;
    if (f->kind == N_IDENT && s && s->kind == SYM_FUNC && s->decl && s->decl->kind == N_FUNCDECL)
        return s->decl->b;
    if (f->kind == N_FUNCLIT)
        return f->a;
    if (f->kind == N_SELECTOR && !s && fs->u->root) {
        Type *rt = cg_static_type(fs, f->a);
        if (!checkable(rt))
            return NULL;
        Node *d = method_decl(fs->u, rt->kind == TY_PTR ? rt->elem : rt, f->name);
        return d ? d->b : NULL;
    }
    return NULL;
}

bool cg_check_single_value(FuncState *fs, Node *call)
{
    Node *sig = call_sig(fs, call);
    if (!sig || sig->kind != N_TFUNC || sig->list2.n < 2)
        return true;
    const char *types = "";
    for (int i = 0; i < sig->list2.n; i++) {
        Type *t = sig->list2.v[i]->a ? cg_type(fs, sig->list2.v[i]->a) : NULL;
        types = goro_sprintf("%s%s%s", types, i ? ", " : "", t ? short_name(t) : "?");
    }
    cg_error(fs, call, "multiple-value %s (value of type (%s)) in single-value context",
             expr_text(call), types);
    return false;
}

bool cg_check_selector(FuncState *fs, Node *sel)
{
    if (sel->sym)
        return true;
    Type *t = cg_static_type(fs, sel->a);
    if (!checkable(t))
        return true;
    switch (find_member(t, sel->name)) {
    case 0:
        cg_error(fs, sel, "%s undefined (type %s has no field or method %s)", expr_text(sel),
                 short_name(t), sel->name);
        return false;
    case 2:
        cg_error(fs, sel, "ambiguous selector %s", expr_text(sel));
        return false;
    default:
        return true;
    }
}

/* The declaration of method [name] of named type [t], or NULL. */
static Node *method_decl(Unit *u, Type *t, const char *name)
{
    NodeList *items = &u->root->list;
    const char *tn = short_name(t);
    for (int i = 0; i < items->n; i++) {
        Node *n = items->v[i];
        if (n->kind != N_FUNCDECL || !n->a || n->name != name)
            continue;
        Node *rt = n->a->a;
        if (rt && rt->kind == N_TPTR)
            rt = rt->a;
        if (rt && rt->kind == N_IDENT && !strcmp(rt->name, tn))
            return n;
    }
    return NULL;
}

/* x.M() where M has a pointer receiver and x is not addressable: a map
 * element or a composite literal. */
static bool check_addressable_recv(FuncState *fs, Node *sel, Type *t)
{
    Node *x = sel->a;
    while (x->kind == N_PAREN)
        x = x->a;
    bool addressable = true;
    if (x->kind == N_COMPOSITE)
        addressable = false;
    else if (x->kind == N_INDEX) {
        Type *ct = cg_static_type(fs, x->a);
        addressable = !(ct && ct->under->kind == TY_MAP);
    }
    if (addressable || t->kind == TY_PTR)
        return true;
    Method *m = goro_type_find_method(t, sel->name);
    if (!m || !m->ptr_recv)
        return true;
    cg_error(fs, sel, "cannot call pointer method %s on %s", sel->name, short_name(t));
    return false;
}

/* The number of results [sig] declares. */
static int result_count(Node *sig)
{
    return sig && sig->kind == N_TFUNC ? sig->list2.n : -1;
}

/* [call]'s arguments against the parameter types of [sig]. */
static bool check_arg_types(FuncState *fs, Node *call, Node *sig, const char *name)
{
    NodeList *params = &sig->list;
    if (call->list.n != params->n || (call->list.n == 1 && cg_is_multi(call->list.v[0])))
        return true;
    const char *ctx = goro_sprintf("argument to %s", name);
    Type **types = goro_alloc(sizeof(Type *) * (size_t)(params->n ? params->n : 1));
    for (int i = 0; i < params->n; i++) {
        Node *pt = params->v[i]->a;
        if (pt && !(params->v[i]->flags & NF_VARIADIC)) {
            types[i] = cg_type(fs, pt);
            if (!cg_check_assignable(fs, types[i], call->list.v[i], ctx))
                return false;
        }
    }
    fs->argcall = call;
    fs->argtypes = types;
    return true;
}

/* [call]'s arguments against the parameters of [sig]. */
static bool check_arg_count(FuncState *fs, Node *call, Node *sig, const char *name)
{
    NodeList *params = &sig->list;
    int want = params->n;
    if (want && (params->v[want - 1]->flags & NF_VARIADIC))
        return true;
    int have = call->list.n;
    Node *at = NULL;
    if (have == 1 && cg_is_multi(call->list.v[0])) {   /* f(g()) with g's results */
        have = result_count(call_sig(fs, call->list.v[0]));
        if (have < 0 || have == want)
            return true;
        at = call->list.v[0];
    }
    if (have == want)
        return true;
    /* Go points at the last argument when there are too few, at the
     * first extra one when there are too many */
    if (!at)
        at = have < want ? (have ? call->list.v[have - 1] : call) : call->list.v[want];
    cg_error(fs, at, "%s arguments in call to %s", have < want ? "not enough" : "too many", name);
    return false;
}

bool cg_check_method_args(FuncState *fs, Node *call, Node *sel)
{
    if (sel->sym || (call->flags & NF_SPREAD) || !fs->u->root)
        return true;
    Type *t = cg_static_type(fs, sel->a);
    Node *x = sel->a;
    while (x->kind == N_PAREN)
        x = x->a;
    if (!t && x->kind == N_INDEX) {   /* m[k].M(): the map's element type */
        Type *ct = cg_static_type(fs, x->a);
        if (ct && ct->under->kind == TY_MAP)
            t = ct->under->elem;
    }
    if (!checkable(t))
        return true;
    if (!check_addressable_recv(fs, sel, t))
        return false;
    if (t->kind == TY_PTR)
        t = t->elem;
    Node *d = method_decl(fs->u, t, sel->name);
    if (!d || !d->b)
        return true;
    if (!check_arg_count(fs, call, d->b, expr_text(sel)))
        return false;
    Node *rt = d->a ? strip_parens(d->a->a) : NULL;
    if (rt && rt->kind == N_TPTR)
        rt = strip_parens(rt->a);
    if (!rt || rt->kind != N_IDENT || d->d)
        return true;   /* a generic type's method: its parameter types are the instance's */
    return check_arg_types(fs, call, d->b, expr_text(sel));
}

bool cg_check_func_args(FuncState *fs, Node *call)
{
    if (call->flags & NF_SPREAD)
        return true;
    Node *sig = call_sig(fs, call);
    if (!sig || sig->kind != N_TFUNC || !check_arg_count(fs, call, sig, expr_text(call->a)))
        return !sig || sig->kind != N_TFUNC;
    Node *f = strip_parens(call->a);
    Sym *fs_sym = f->kind == N_IDENT ? f->sym : NULL;
    if (!fs_sym || !fs_sym->decl || fs_sym->decl->d)
        return true;   /* generic: its parameter types are the instance's */
    return check_arg_types(fs, call, sig, expr_text(call->a));
}

/* Why values of [t] cannot be compared, or NULL when they can. */
static const char *uncomparable(Type *t, int depth)
{
    if (!t || depth > 8)
        return NULL;
    Type *u = t->under;
    switch (u->kind) {
    case TY_SLICE: case TY_MAP: case TY_FUNC:
        return short_name(t);
    case TY_ARRAY:
        return uncomparable(u->elem, depth + 1);
    case TY_STRUCT:
        for (int i = 0; i < u->nfields; i++) {
            const char *why = uncomparable(u->ftypes[i], depth + 1);
            if (why)
                return why;
        }
        return NULL;
    default:
        return NULL;
    }
}

bool cg_check_compare(FuncState *fs, Node *e)
{
    Type *a = cg_static_type(fs, e->a), *b = cg_static_type(fs, e->b);
    if (!a || a != b || (a->under->kind != TY_STRUCT && a->under->kind != TY_ARRAY))
        return true;
    const char *why = uncomparable(a, 0);
    if (!why)
        return true;
    cg_error(fs, e->a, "invalid operation: %s %s %s (%s containing %s cannot be compared)",
             expr_text(e->a), e->op == TK_EQ ? "==" : "!=", expr_text(e->b),
             a->under->kind == TY_STRUCT ? "struct" : "array", why);
    return false;
}

bool cg_check_assign_field(FuncState *fs, Node *lhs)
{
    if (lhs->kind != N_SELECTOR || lhs->sym)
        return true;
    Node *x = lhs->a;
    while (x->kind == N_PAREN)
        x = x->a;
    if (x->kind != N_INDEX)
        return true;
    Type *t = cg_static_type(fs, x->a);
    if (!t || t->under->kind != TY_MAP)
        return true;
    Node *at = lhs;   /* Go points at the start of the expression */
    while (at->kind == N_SELECTOR || at->kind == N_INDEX || at->kind == N_PAREN)
        at = at->a;
    cg_error(fs, at, "cannot assign to struct field %s in map", expr_text(lhs));
    return false;
}

bool cg_check_implements(FuncState *fs, Type *iface, Node *e, const char *context)
{
    if (!iface || iface->under->kind != TY_IFACE || !e)
        return true;
    Type *t = cg_static_type(fs, e);
    if (!t || t->under->kind == TY_IFACE || !checkable(t))
        return true;
    Type *base = t->kind == TY_PTR ? t->elem : t;
    Type *iu = iface->under;
    for (int i = 0; i < iu->niface; i++) {
        const char *m = iu->iface[i];
        int found = find_member(base, m);
        if (found < 0)
            return true;
        Method *meth = goro_type_find_method(base, m);
        const char *why = NULL;
        if (found != 1 || (!meth && members_at(base, m, 0) == 1))
            why = goro_sprintf("missing %s method", m);
        else if (meth && meth->ptr_recv && t->kind != TY_PTR)
            why = goro_sprintf("%s method has pointer receiver", m);
        if (why) {
            const char *what = e->kind == N_IDENT ? "variable" : "value";
            cg_error(fs, e, "cannot use %s (%s of type %s) as type %s in %s:\n\t%s does not implement %s (%s)",
                     expr_text(e), what, short_name(t), short_name(iface), context, short_name(t),
                     short_name(iface), why);
            return false;
        }
    }
    return true;
}

/* ------------------------------------------------------------ channels */

bool cg_check_chan_op(FuncState *fs, Node *ch, ChanOp op)
{
    Type *t = cg_static_type_ext(fs, ch);
    if (!t || t->under->kind != TY_CHAN)
        return true;
    int dir = t->under->chandir;   /* 1 send-only, 2 receive-only */
    if (!(op == CHAN_OP_SEND || op == CHAN_OP_CLOSE ? dir == 2 : dir == 1))
        return true;
    const char *what = cg_operand_text(fs, ch, t);
    Node *at = strip_parens(ch);
    while (at->kind == N_INDEX || at->kind == N_SELECTOR || at->kind == N_CALL || at->kind == N_SLICEX)
        at = at->a;
    switch (op) {
    case CHAN_OP_SEND:
        cg_error(fs, at, "invalid operation: cannot send to receive-only channel %s", what);
        break;
    case CHAN_OP_RECV:
        cg_error(fs, at, "invalid operation: cannot receive from send-only channel %s", what);
        break;
    case CHAN_OP_CLOSE:
        cg_error(fs, at, "invalid operation: cannot close receive-only channel %s", what);
        break;
    case CHAN_OP_RANGE:
        cg_error(fs, at, "cannot range over %s (receive from send-only channel)", what);
        break;
    }
    return false;
}

const char *cg_operand_text(FuncState *fs, Node *e, Type *t)
{
    Node *x = strip_parens(e);
    Sym *s = x->sym;
    bool var = (x->kind == N_IDENT && s && (s->kind == SYM_VAR || s->kind == SYM_GLOBAL)) ||
               (x->kind == N_SELECTOR && !(s && s->kind == SYM_MEMBER)) || x->kind == N_INDEX;
    const char *mode = var ? "variable" : "value";
    if (x->kind == N_INDEX) {
        Type *ct = cg_static_type_ext(fs, x->a);
        if (ct && ct->under->kind == TY_MAP)
            mode = "map index expression";
    }
    return goro_sprintf("%s (%s of type %s)", expr_text(e), mode, short_name(t));
}
