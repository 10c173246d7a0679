/* compile_type.c: what the compiler knows about types before run time:
 * type expressions evaluated to Types, and the static type of an
 * expression where it is evident (used to skip needless conversions at
 * typed stores).  Constants are compile_const.c. */
#include <stdio.h>

#include "arith.h"
#include "codegen.h"
#include "parser.h"
#include "pkg.h"

/* ------------------------------------------------------------------ types */

static Type *struct_type(FuncState *fs, Node *t)
{
    int n = 0;
    for (int i = 0; i < t->list.n; i++) {
        Node *f = t->list.v[i];
        n += f->list.n ? f->list.n : 1;
    }
    const char **names = goro_alloc(sizeof *names * (size_t)(n + 1));
    Type **types = goro_alloc(sizeof *types * (size_t)(n + 1));
    bool *emb = goro_alloc(sizeof *emb * (size_t)(n + 1));
    int k = 0;
    for (int i = 0; i < t->list.n; i++) {
        Node *f = t->list.v[i];
        Type *ft = cg_type(fs, f->a);
        if (!ft)
            ft = goro_t_any;
        if (f->list.n == 0) {
            /* embedded: the field is named after the type */
            Node *tn = f->a->kind == N_TPTR ? f->a->a : f->a;
            if (tn->kind == N_INSTANCE)   /* List[int] embeds a field List */
                tn = tn->a;
            names[k] = tn->name;
            types[k] = ft;
            emb[k] = true;
            for (int j = 0; j < k; j++)
                if (names[j] == names[k])
                    cg_error(fs, f, "duplicate field %s", names[k]);
            k++;
            continue;
        }
        for (int j = 0; j < f->list.n; j++) {
            names[k] = f->list.v[j]->name;
            types[k] = ft;
            for (int m = 0; m < k; m++)
                if (names[m] == names[k])
                    cg_error(fs, f->list.v[j], "duplicate field %s", names[k]);
            k++;
        }
    }
    return goro_type_struct(n, names, types, emb);
}

static Type *iface_type(FuncState *fs, Node *t)
{
    const char **names = NULL;
    int n = 0, cap = 0;
    for (int i = 0; i < t->list.n; i++) {
        Node *m = t->list.v[i];
        if (m->name) {
            if (n == cap) {
                cap = cap ? cap * 2 : 4;
                names = goro_realloc(names, sizeof *names * (size_t)cap);
            }
            names[n++] = m->name;
            continue;
        }
        Type *emb = cg_type(fs, m->a);
        if (!emb)
            continue;
        if (emb->kind != TY_IFACE)
            continue;   /* a type-set element: a constraint (compile_generic.c) */
        for (int j = 0; j < emb->niface; j++) {
            if (n == cap) {
                cap = cap ? cap * 2 : 4;
                names = goro_realloc(names, sizeof *names * (size_t)cap);
            }
            names[n++] = emb->iface[j];
        }
    }
    return goro_type_iface(n, names);
}

const char *cg_func_sig(FuncState *fs, Node *t)
{
    char *s = "func(";
    for (int i = 0; i < t->list.n; i++) {
        Node *p = t->list.v[i];
        Type *pt = p->a ? cg_type(fs, p->a) : NULL;
        s = goro_sprintf("%s%s%s%s", s, i ? ", " : "", (p->flags & NF_VARIADIC) ? "..." : "",
                         pt ? pt->name : "interface {}");
    }
    s = goro_sprintf("%s)", s);
    if (t->list2.n == 1 && !t->list2.v[0]->name) {
        Type *rt = t->list2.v[0]->a ? cg_type(fs, t->list2.v[0]->a) : NULL;
        s = goro_sprintf("%s %s", s, rt ? rt->name : "interface {}");
    } else if (t->list2.n > 0) {
        s = goro_sprintf("%s (", s);
        for (int i = 0; i < t->list2.n; i++) {
            Type *rt = t->list2.v[i]->a ? cg_type(fs, t->list2.v[i]->a) : NULL;
            s = goro_sprintf("%s%s%s", s, i ? ", " : "", rt ? rt->name : "interface {}");
        }
        s = goro_sprintf("%s)", s);
    }
    return s;
}

Type *cg_type_of_sym(Unit *u, Sym *s)
{
    if (s->type)
        return s->type;
    Node *td = s->decl;
    if (!td || td->kind != N_TYPEDECL || td->b)   /* td->b: generic, only instances are types */
        return goro_t_any;
    if (s->evaluating) {
        goro_diag_error(u->diag, td->line, td->col, "invalid recursive type %s", s->name);
        return goro_t_any;
    }
    FuncState tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.u = u;
    if (td->flags & NF_ALIAS) {
        s->evaluating = 1;
        Type *t = cg_type(&tmp, td->a);
        s->evaluating = 0;
        s->type = t ? t : goro_t_any;
        return s->type;
    }
    /* A named type exists before its underlying type is evaluated, so
     * `type Node struct { next *Node }` can refer to itself through a
     * pointer, slice or map. */
    Type *nt = goro_alloc(sizeof *nt);
    nt->named = true;
    nt->pkg = "main";
    nt->name = goro_sprintf("main.%s", s->name);
    nt->kind = TY_IFACE;   /* until known */
    s->type = nt;
    s->evaluating = 1;
    Type *under = cg_type(&tmp, td->a);
    s->evaluating = 0;
    if (!under)
        under = goro_t_any;
    Type *t = goro_type_named("main", s->name, under);
    /* keep the placeholder's identity: copy the finished type into it */
    int nm = nt->nmethods;
    Method *ms = nt->methods;
    *nt = *t;
    nt->nmethods = nm;
    nt->methods = ms;
    if (nt->id)
        goro_type_table[nt->id] = nt;
    return nt;
}

Type *cg_type(FuncState *fs, Node *t)
{
    if (!t)
        return NULL;
    switch (t->kind) {
    case N_IDENT: {
        Sym *s = t->sym;
        if (!s || s->kind != SYM_TYPE) {
            if (s)
                cg_error(fs, t, "%s is not a type", t->name);
            return NULL;
        }
        if (cg_generic_bare_type(fs, t, s))
            return NULL;
        Type *ty = cg_type_of_sym(fs->u, s);
        if (ty == goro_generic_comparable() || !cg_type_usable(fs, t)) {
            cg_error(fs, t, "cannot use type %s outside a type constraint: %s", t->name,
                     ty == goro_generic_comparable() ? "interface is (or embeds) comparable"
                                                     : "interface contains type constraints");
            return NULL;
        }
        return ty;
    }
    case N_SELECTOR: {
        Sym *s = t->sym;
        if (!s || s->kind != SYM_TYPE)
            return NULL;
        return s->type;
    }
    case N_PAREN:
        return cg_type(fs, t->a);
    case N_INSTANCE:
        return cg_generic_type(fs, t);
    case N_UNARY:
        if (t->op == TK_STAR) {
            Type *e = cg_type(fs, t->a);
            return e ? goro_type_ptr(e) : NULL;
        }
        return NULL;
    case N_TPTR: {
        Type *e = cg_type(fs, t->a);
        return goro_type_ptr(e ? e : goro_t_any);
    }
    case N_TSLICE: {
        if (!t->a)
            return goro_t_anyslice;
        Type *e = cg_type(fs, t->a);
        return goro_type_slice(e ? e : goro_t_any);
    }
    case N_TARRAY: {
        Type *e = cg_type(fs, t->a);
        if (!t->b) {
            cg_error(fs, t, "invalid use of [...] array (outside a composite literal)");
            return NULL;
        }
        Value n;
        if (!cg_consteval(fs, t->b, &n) || VKIND(n) != VK_INT) {
            cg_error(fs, t->b, "array length must be a non-negative integer constant");
            return NULL;
        }
        if (n.u.i < 0 || n.u.i > (1 << 28)) {
            cg_error(fs, t->b, "invalid array length %lld", (long long)n.u.i);
            return NULL;
        }
        return goro_type_array(e ? e : goro_t_any, n.u.i);
    }
    case N_TMAP: {
        if (!t->a)
            return goro_t_anymap;
        Type *k = cg_type(fs, t->a), *v = cg_type(fs, t->b);
        if (k && (k->kind == TY_SLICE || k->kind == TY_MAP || k->kind == TY_FUNC))
            cg_error(fs, t->a, "invalid map key type %s", k->name);
        return goro_type_map(k ? k : goro_t_any, v ? v : goro_t_any);
    }
    case N_TCHAN: {
        Type *e = t->a ? cg_type(fs, t->a) : goro_t_any;
        int dir = t->op == TK_ASSIGN ? 1 : t->op == TK_ARROW ? 2 : 0;
        return goro_type_chan(e ? e : goro_t_any, dir);
    }
    case N_TFUNC:
        return goro_type_func(cg_func_sig(fs, t));
    case N_TSTRUCT:
        return struct_type(fs, t);
    case N_TIFACE:
        return iface_type(fs, t);
    default:
        return NULL;
    }
}

bool cg_is_type_expr(FuncState *fs, Node *e)
{
    GORO_UNUSED(fs);
    switch (e->kind) {
    case N_IDENT: case N_SELECTOR:
        return e->sym && ((Sym *)e->sym)->kind == SYM_TYPE;
    case N_PAREN:
        return cg_is_type_expr(fs, e->a);
    case N_INSTANCE:
        return e->a->sym && ((Sym *)e->a->sym)->kind == SYM_TYPE;
    case N_UNARY:
        return e->op == TK_STAR && cg_is_type_expr(fs, e->a);
    case N_TSLICE: case N_TARRAY: case N_TMAP: case N_TCHAN: case N_TPTR: case N_TFUNC:
    case N_TSTRUCT: case N_TIFACE:
        return true;
    default:
        return false;
    }
}

/* ------------------------------------------------------------ static types */

/* Fields named [name] exactly [depth] embedding levels below [t]: their
 * count, and the type of the last one in *ft.  -1 when a method has that
 * name at that depth or a type on the way is a library type. */
static int fields_at(Type *t, const char *name, int depth, Type **ft)
{
    if (!t)
        return -1;
    if (t->kind == TY_PTR && t->elem)
        t = t->elem;
    Type *u = t->under;
    if (depth == 0 && goro_type_find_method(t, name))
        return -1;
    if (u->kind != TY_STRUCT)
        return u->kind == TY_OBJ || (u->kind == TY_IFACE && depth == 0) ? -1 : 0;
    int n = 0;
    for (int i = 0; i < u->nfields; i++) {
        if (depth == 0) {
            if (u->fnames[i] == name)
                *ft = u->ftypes[i], n++;
            continue;
        }
        if (!u->fembedded || !u->fembedded[i])
            continue;
        int k = fields_at(u->ftypes[i], name, depth - 1, ft);
        if (k < 0)
            return -1;
        n += k;
    }
    return n;
}

/* The type of field [name] of a value of type [t] (or *t), promoted
 * fields included; NULL when it is not a unique field. */
Type *cg_field_type(Type *t, const char *name)
{
    for (int d = 0; d <= 8; d++) {
        Type *ft = NULL;
        int n = fields_at(t, name, d, &ft);
        if (n != 0)
            return n == 1 ? ft : NULL;
    }
    return NULL;
}

Type *cg_index_type(Type *t)
{
    if (!t)
        return NULL;
    Type *u = t->under;
    if (u->kind == TY_PTR && u->elem && u->elem->under->kind == TY_ARRAY)
        u = u->elem->under;
    switch (u->kind) {
    case TY_SLICE: case TY_ARRAY: case TY_MAP:
        return u->elem;
    case TY_STRING:
        return goro_t_uint8;
    default:
        return NULL;
    }
}

Type *cg_static_type(FuncState *fs, Node *e)
{
    if (!e)
        return NULL;
    switch (e->kind) {
    case N_INTLIT:
        return goro_t_int;
    case N_CHARLIT:
        return goro_t_int32;
    case N_FLOATLIT:
        return goro_t_float64;
    case N_IMAGLIT:
        return goro_t_complex128;
    case N_STRLIT:
        return goro_t_string;
    case N_PAREN:
        return cg_static_type(fs, e->a);
    case N_IDENT: case N_SELECTOR: {
        Sym *s = e->sym;
        if (!s && e->kind == N_SELECTOR) {   /* a field */
            Type *bt = cg_static_type(fs, e->a);
            return bt ? cg_field_type(bt, e->name) : NULL;
        }
        if (!s)
            return NULL;
        if (s->kind == SYM_CONST) {
            Value v = s->decl ? cg_sym_const(fs->u, s) : s->value;
            return goro_type_of(v);
        }
        if (s->kind == SYM_VAR || s->kind == SYM_GLOBAL)
            return s->type;
        return NULL;
    }
    case N_UNARY:
        if (e->op == TK_MINUS || e->op == TK_PLUS || e->op == TK_CARET)
            return cg_static_type(fs, e->a);
        if (e->op == TK_NOT)
            return goro_t_bool;
        if (e->op == TK_AMP) {
            Type *t = cg_static_type(fs, e->a);
            return t ? goro_type_ptr(t) : NULL;
        }
        return NULL;
    case N_BINARY:
        switch (e->op) {
        case TK_EQ: case TK_NE: case TK_LT: case TK_LE: case TK_GT: case TK_GE:
        case TK_ANDAND: case TK_OROR:
            return goro_t_bool;
        case TK_SHL: case TK_SHR:
            return cg_static_type(fs, e->a);
        default: {
            Type *a = cg_static_type(fs, e->a), *b = cg_static_type(fs, e->b);
            if (a && b && a == b)
                return a;
            /* an untyped constant operand takes the other's type; two
             * make a constant of the later kind */
            bool ua = cg_const_is_untyped(fs, e->a), ub = cg_const_is_untyped(fs, e->b);
            if (ua && ub) {
                Value v;
                return cg_consteval(fs, e, &v) ? goro_type_of(v) : NULL;
            }
            if (ua)
                return b;
            if (ub)
                return a;
            if (a && b && goro_type_is_float(a) && b == goro_t_int)
                return a;
            if (a && b && goro_type_is_float(b) && a == goro_t_int)
                return b;
            /* a complex with an untyped number (c * 2.5, 1 + 2i) */
            if (a && b && goro_type_is_complex(a->under) && (b == goro_t_int || b == goro_t_float64))
                return a;
            if (a && b && goro_type_is_complex(b->under) && (a == goro_t_int || a == goro_t_float64))
                return b;
            return NULL;
        }
        }
    case N_CALL: {
        if (cg_is_type_expr(fs, e->a))
            return cg_type(fs, e->a);
        Type *ct = cg_complex_call_type(fs, e);
        return ct ? ct : cg_generic_result_type(fs, e);
    }
    case N_INDEX:
        return cg_index_type(cg_static_type(fs, e->a));
    case N_COMPOSITE:
        /* [...]T{...}: the length comes from the literal; no static type */
        if (!e->a || (e->a->kind == N_TARRAY && !e->a->b))
            return NULL;
        return cg_type(fs, e->a);
    default:
        return NULL;
    }
}

/* Is [a] == [b] a comparison of interface values (either operand's static
 * type is an interface, or an array or struct holding one), where the
 * dynamic types must be identical? */
static bool holds_iface(Type *t, int depth)
{
    if (!t || depth > 8)
        return false;
    t = t->under;
    switch (t->kind) {
    case TY_IFACE:
        return true;
    case TY_ARRAY:
        return holds_iface(t->elem, depth + 1);
    case TY_STRUCT:
        for (int i = 0; i < t->nfields; i++)
            if (holds_iface(t->ftypes[i], depth + 1))
                return true;
        return false;
    default:
        return false;
    }
}

bool cg_iface_compare(FuncState *fs, Node *a, Node *b)
{
    return holds_iface(cg_static_type_ext(fs, a), 0) || holds_iface(cg_static_type_ext(fs, b), 0);
}
