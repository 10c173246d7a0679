/* resolve.c: scopes and names (see compile.h).
 *
 * Walks a unit once, in source order, with Go's scoping: a local is
 * visible after the statement that declares it, package-level names
 * everywhere.  Every identifier gets its Sym in node->sym; every
 * function (declaration or literal) gets a FuncInfo in node->sym; a
 * local referenced from a nested function is marked captured. */
#include <stdio.h>

#include "compile.h"
#include "rangefunc.h"
#include "parser.h"
#include "pkg.h"

/* ----------------------------------------------------------------- scopes */

Scope *goro_scope_new(Scope *parent)
{
    Scope *s = goro_alloc(sizeof *s);
    s->parent = parent;
    return s;
}

Sym *goro_scope_lookup_local(Scope *s, const char *name)
{
    for (int i = s->n - 1; i >= 0; i--)
        if (s->names[i] == name)
            return s->syms[i];
    return NULL;
}

Sym *goro_scope_lookup(Scope *s, const char *name)
{
    for (; s; s = s->parent) {
        Sym *sym = goro_scope_lookup_local(s, name);
        if (sym)
            return sym;
    }
    return NULL;
}

void goro_scope_add(Scope *s, const char *name, Sym *sym)
{
    for (int i = 0; i < s->n; i++) {
        if (s->names[i] == name) {   /* REPL redefinition replaces */
            s->syms[i] = sym;
            return;
        }
    }
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 8;
        s->names = goro_realloc(s->names, sizeof *s->names * (size_t)s->cap);
        s->syms = goro_realloc(s->syms, sizeof *s->syms * (size_t)s->cap);
    }
    s->names[s->n] = name;
    s->syms[s->n] = sym;
    s->n++;
}

Sym *goro_sym_new(int kind, const char *name, Node *decl)
{
    Sym *s = goro_alloc(sizeof *s);
    s->kind = (uint8_t)kind;
    s->name = name;
    s->decl = decl;
    s->reg = -1;
    if (decl) {
        s->line = decl->line;
        s->col = decl->col;
    }
    return s;
}

static const struct { const char *name; Builtin b; } builtins[] = {
    {"append", B_APPEND}, {"cap", B_CAP}, {"clear", B_CLEAR}, {"close", B_CLOSE},
    {"complex", B_COMPLEX}, {"copy", B_COPY}, {"delete", B_DELETE}, {"imag", B_IMAG},
    {"len", B_LEN}, {"make", B_MAKE}, {"max", B_MAX}, {"min", B_MIN}, {"new", B_NEW},
    {"panic", B_PANIC}, {"print", B_PRINT}, {"println", B_PRINTLN}, {"real", B_REAL},
    {"recover", B_RECOVER},
};

static const char *const builtin_type_names[] = {
    "bool", "int", "int8", "int16", "int32", "rune", "int64", "uint", "uint8", "byte",
    "uint16", "uint32", "uint64", "uintptr", "float32", "float64", "complex64", "complex128",
    "string", "any", "error",
};

Scope *goro_universe(bool all_packages)
{
    goro_types_init();
    goro_stdlib_init();
    Scope *u = goro_scope_new(NULL);
    for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++) {
        const char *n = goro_intern_cstr(builtins[i].name);
        Sym *s = goro_sym_new(SYM_BUILTIN, n, NULL);
        s->builtin = (uint8_t)builtins[i].b;
        goro_scope_add(u, n, s);
    }
    for (size_t i = 0; i < sizeof builtin_type_names / sizeof builtin_type_names[0]; i++) {
        const char *n = goro_intern_cstr(builtin_type_names[i]);
        Sym *s = goro_sym_new(SYM_TYPE, n, NULL);
        s->type = goro_type_builtin(n);
        goro_scope_add(u, n, s);
    }
    Sym *cmp = goro_sym_new(SYM_TYPE, goro_intern_cstr("comparable"), NULL);
    cmp->type = goro_generic_comparable();
    goro_scope_add(u, cmp->name, cmp);
    Sym *t = goro_sym_new(SYM_CONST, goro_intern_cstr("true"), NULL);
    t->value = goro_bool(true);
    goro_scope_add(u, t->name, t);
    Sym *f = goro_sym_new(SYM_CONST, goro_intern_cstr("false"), NULL);
    f->value = goro_bool(false);
    goro_scope_add(u, f->name, f);
    goro_scope_add(u, goro_intern_cstr("nil"), goro_sym_new(SYM_NIL, goro_intern_cstr("nil"), NULL));
    goro_scope_add(u, goro_intern_cstr("iota"), goro_sym_new(SYM_IOTA, goro_intern_cstr("iota"), NULL));
    if (all_packages) {
        for (int i = 0; i < goro_pkg_count(); i++) {
            Package *p = goro_pkg_at(i);
            Sym *s = goro_sym_new(SYM_PKG, goro_intern_cstr(p->name), NULL);
            s->pkg = p;
            goro_scope_add(u, s->name, s);
        }
    }
    return u;
}

/* --------------------------------------------------------------- resolver */

typedef struct Label {
    const char *name;
    bool is_loop;
    struct Label *next;
} Label;

typedef struct Resolver {
    Unit *u;
    Scope *scope;
    FuncInfo *fn;
    int loops;          /* enclosing for statements (continue) */
    int breakables;     /* enclosing for/switch/select (break) */
    Label *labels;
    Label *pending;     /* a label waiting for the statement it names */
    bool in_const;      /* iota is allowed */
    const char **ptrmethods;  /* names of methods with pointer receivers */
    int nptrmethods;
} Resolver;

static void error(Resolver *r, Node *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#include <stdarg.h>
static void error(Resolver *r, Node *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char buf[512];
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    goro_diag_error(r->u->diag, n ? n->line : 0, n ? n->col : 0, "%s", buf);
}

/* Bound the recursion over a tree nested absurdly deep (a generated
 * 20,000-term sum): false, with one error, past the limit. */
static bool enter(Resolver *r, Node *n, const char *what)
{
    if (++r->u->depth <= 3000)
        return true;
    if (r->u->depth == 3001)
        error(r, n, "%s too deeply nested", what);
    r->u->depth--;
    return false;
}

static void resolve_expr(Resolver *r, Node *n);
static bool is_iter_expr(Resolver *r, Node *e, int depth);
/* func(int) string: a lone name that names a type is a type, when no
 * parameter pairs a name with a type (goro's untyped parameters are
 * names otherwise) */
static void lone_names_are_types(Resolver *r, NodeList *params)
{
    for (int i = 0; i < params->n; i++)
        if (params->v[i]->name && params->v[i]->a)
            return;
    for (int i = 0; i < params->n; i++) {
        Node *p = params->v[i];
        Sym *ts = p->name && !p->a ? goro_scope_lookup(r->scope, p->name) : NULL;
        if (ts && ts->kind == SYM_TYPE) {
            Node *t = ast_new_at(N_IDENT, p);
            t->name = p->name;
            p->a = t;
            p->name = NULL;
        }
    }
}

static void resolve_type(Resolver *r, Node *n);
static void resolve_stmt(Resolver *r, Node *n);
static void resolve_stmts(Resolver *r, NodeList *l);
static void resolve_func(Resolver *r, Node *fn, Node *recv, Node *sig, Node *body, const char *name);

static void push_scope(Resolver *r) { r->scope = goro_scope_new(r->scope); }
static void pop_scope(Resolver *r) { r->scope = r->scope->parent; }

static bool is_blank(const char *name) { return name[0] == '_' && name[1] == 0; }

/* Is [s] the outermost scope of the REPL/-e top-level code, where
 * declarations become package-level? */
static bool at_package_level(Resolver *r)
{
    return r->scope == r->u->package;
}

static Sym *declare_var(Resolver *r, Node *ident, Node *typenode)
{
    if (is_blank(ident->name))
        return NULL;
    Sym *s;
    if (at_package_level(r)) {
        s = goro_sym_new(SYM_GLOBAL, ident->name, ident);
        s->box = goro_alloc(sizeof(Box));
    } else {
        s = goro_sym_new(SYM_VAR, ident->name, ident);
        s->fn = r->fn;
    }
    s->typenode = typenode;
    goro_scope_add(r->scope, ident->name, s);
    ident->sym = s;
    return s;
}

static Sym *use(Resolver *r, Node *n)
{
    Sym *s = goro_scope_lookup(r->scope, n->name);
    if (!s)
        return NULL;
    if (s->kind == SYM_VAR && s->fn != r->fn)
        s->captured = 1;
    s->used = 1;
    n->sym = s;
    return s;
}

static Sym *member_sym(Package *p, PkgMember *m)
{
    if (!m->sym) {
        Sym *s = goro_sym_new(SYM_MEMBER, m->name, NULL);
        s->member = m;
        s->pkg = p;
        if (m->kind == MEM_TYPE) {
            s->kind = SYM_TYPE;
            s->type = m->type;
        } else if (m->kind == MEM_CONST) {
            s->kind = SYM_CONST;
            s->value = m->value;
            s->type = goro_type_of(m->value);
        } else if (m->kind == MEM_VAR) {
            s->kind = SYM_GLOBAL;
            s->box = m->box;
        }
        m->sym = s;
    }
    return m->sym;
}

/* pkg.Name: the member's Sym, or NULL when [n] is not a package selector. */
static Sym *resolve_qualified(Resolver *r, Node *n)
{
    if (n->kind != N_SELECTOR || n->a->kind != N_IDENT)
        return NULL;
    Sym *ps = goro_scope_lookup(r->scope, n->a->name);
    if (!ps || ps->kind != SYM_PKG)
        return NULL;
    ps->used = 1;
    n->a->sym = ps;
    PkgMember *m = goro_pkg_member(ps->pkg, n->name);
    if (!m) {
        error(r, n, "undefined: %s.%s", n->a->name, n->name);
        return NULL;
    }
    n->sym = member_sym(ps->pkg, m);
    return n->sym;
}

static void resolve_list(Resolver *r, NodeList *l)
{
    for (int i = 0; i < l->n; i++)
        resolve_expr(r, l->v[i]);
}

/* ------------------------------------------------------------- generics */

/* Is [s] a generic function or type (declared with type parameters)? */
static bool sym_is_generic(Sym *s)
{
    if (!s || !s->decl)
        return false;
    if (s->kind == SYM_FUNC)
        return s->decl->kind == N_FUNCDECL && s->decl->d;
    if (s->kind == SYM_TYPE)
        return s->decl->kind == N_TYPEDECL && s->decl->b;
    return false;
}

/* Declare one type parameter [id] in the current scope. */
static void declare_tparam(Resolver *r, Node *id)
{
    if (is_blank(id->name))
        return;
    if (goro_scope_lookup_local(r->scope, id->name))
        error(r, id, "%s redeclared in this block", id->name);
    Sym *s = goro_sym_new(SYM_TYPE, id->name, id);
    s->tparam = 1;
    goro_scope_add(r->scope, id->name, s);
    id->sym = s;
}

/* [K comparable, V any]: the names first (constraints may mention any
 * of them), then the constraints. */
static void declare_tparams(Resolver *r, Node *list)
{
    for (int i = 0; i < list->list.n; i++) {
        Node *f = list->list.v[i];
        for (int j = 0; j < f->list.n; j++)
            declare_tparam(r, f->list.v[j]);
    }
    for (int i = 0; i < list->list.n; i++)
        resolve_type(r, list->list.v[i]->a);
}

/* The receiver of a method of a generic type, *List[T] or List[T]:
 * its type arguments are fresh names for the type's parameters. */
static void declare_recv_tparams(Resolver *r, Node *recv)
{
    Node *t = recv ? recv->a : NULL;
    if (t && t->kind == N_TPTR)
        t = t->a;
    if (!t || t->kind != N_INSTANCE)
        return;
    for (int i = 0; i < t->list.n; i++) {
        Node *id = t->list.v[i];
        if (id->kind != N_IDENT) {
            error(r, id, "receiver type parameter must be an identifier");
            continue;
        }
        declare_tparam(r, id);
    }
}

/* a[b] where a names a generic function or type is an instantiation. */
static void index_to_instance(Node *n)
{
    Node *arg = n->b;
    n->kind = N_INSTANCE;
    n->b = NULL;
    memset(&n->list, 0, sizeof n->list);
    goro_ast_list_push(&n->list, arg);
}

static void resolve_instance(Resolver *r, Node *n, bool as_type)
{
    if (n->list.n == 0)
        return;
    bool recv_param = n->list.v[0]->sym && ((Sym *)n->list.v[0]->sym)->tparam;
    if (as_type)
        resolve_type(r, n->a);
    else
        resolve_expr(r, n->a);
    if (recv_param)
        return;   /* declared by declare_recv_tparams */
    for (int i = 0; i < n->list.n; i++) {
        int k = n->list.v[i]->kind;
        if (k == N_INTLIT || k == N_FLOATLIT || k == N_IMAGLIT || k == N_STRLIT || k == N_CHARLIT)
            continue;   /* the compiler reports "5 is not a type" */
        resolve_type(r, n->list.v[i]);
    }
}

static void resolve_type(Resolver *r, Node *n)
{
    if (!n)
        return;
    if (!enter(r, n, "type"))
        return;
    switch (n->kind) {
    case N_IDENT: {
        Sym *s = use(r, n);
        if (!s)
            error(r, n, "undefined: %s", n->name);
        else if (s->kind != SYM_TYPE)
            error(r, n, "%s is not a type", n->name);
        break;
    }
    case N_SELECTOR: {
        Sym *s = resolve_qualified(r, n);
        if (s && s->kind != SYM_TYPE)
            error(r, n, "%s.%s is not a type", n->a->name, n->name);
        else if (!s && !n->sym && n->a->kind == N_IDENT && !n->a->sym)
            error(r, n->a, "undefined: %s", n->a->name);
        break;
    }
    case N_PAREN:
        resolve_type(r, n->a);
        break;
    case N_INDEX:   /* Stack[int]{} */
        resolve_type(r, n->a);
        index_to_instance(n);
        resolve_instance(r, n, true);
        break;
    case N_INSTANCE:
        resolve_instance(r, n, true);
        break;
    case N_TUNION:
        for (int i = 0; i < n->list.n; i++)
            resolve_type(r, n->list.v[i]);
        break;
    case N_TTILDE:
        resolve_type(r, n->a);
        break;
    case N_UNARY:   /* *T written where an expression may be */
        resolve_type(r, n->a);
        break;
    case N_TSLICE: case N_TPTR: case N_TCHAN:
        resolve_type(r, n->a);
        break;
    case N_TARRAY:
        resolve_type(r, n->a);
        if (n->b)
            resolve_expr(r, n->b);
        break;
    case N_TMAP:
        resolve_type(r, n->a);
        resolve_type(r, n->b);
        break;
    case N_TFUNC:
        lone_names_are_types(r, &n->list);
        lone_names_are_types(r, &n->list2);
        for (int i = 0; i < n->list.n; i++)
            resolve_type(r, n->list.v[i]->a);
        for (int i = 0; i < n->list2.n; i++)
            resolve_type(r, n->list2.v[i]->a);
        break;
    case N_TSTRUCT:
        for (int i = 0; i < n->list.n; i++)
            resolve_type(r, n->list.v[i]->a);
        break;
    case N_TIFACE:
        for (int i = 0; i < n->list.n; i++) {
            Node *m = n->list.v[i];
            if (m->name)
                resolve_type(r, m->a);
            else
                resolve_type(r, m->a);
        }
        break;
    default:
        error(r, n, "%s is not a type", goro_ast_kind_name(n->kind));
        break;
    }
    r->u->depth--;
}

static bool is_type_node(int kind)
{
    return kind >= N_TSLICE && kind <= N_TIFACE;
}

static bool is_ptr_method(Resolver *r, const char *name)
{
    for (int i = 0; i < r->nptrmethods; i++)
        if (r->ptrmethods[i] == name)
            return true;
    return false;
}

/* x.M on an addressable x, where some method M has a pointer receiver:
 * Go calls (&x).M, so x lives in a box and the compiler passes its
 * address (the VM's DEREFRECV keeps it only if M wants a pointer). */
/* Is a variable of [s]'s declared type never a method's addressable
 * receiver?  A pointer already is the address; an interface's methods
 * are its dynamic value's; a package's (native) types are objects. */
static bool recv_is_address(Sym *s)
{
    Node *t = s->typenode;
    while (t && t->kind == N_PAREN)
        t = t->a;
    if (!t)
        return false;
    if (t->kind == N_TPTR || t->kind == N_TIFACE || t->kind == N_SELECTOR)
        return true;
    Sym *ts = t->sym;
    if (t->kind != N_IDENT || !ts || ts->kind != SYM_TYPE)
        return false;
    if (ts->builtin)
        return t->name == goro_intern_cstr("error") || t->name == goro_intern_cstr("any");
    Node *u = ts->typenode;
    while (u && u->kind == N_PAREN)
        u = u->a;
    return u && (u->kind == N_TIFACE || u->kind == N_TPTR);
}

static void mark_addr_recv(Resolver *r, Node *sel)
{
    if (!is_ptr_method(r, sel->name))
        return;
    Node *x = sel->a;
    while (x->kind == N_PAREN)
        x = x->a;
    Sym *s = x->sym;
    if (x->kind == N_IDENT && s && (s->kind == SYM_VAR || s->kind == SYM_GLOBAL)) {
        if (recv_is_address(s))
            return;
        if (s->kind == SYM_VAR)
            s->captured = 1;
        sel->flags |= NF_ADDRRECV;
    } else if ((x->kind == N_SELECTOR && !s) || x->kind == N_INDEX) {
        sel->flags |= NF_ADDRRECV;   /* a field &x.f, an element &a[i] (not of a map) */
    }
}

static void resolve_expr(Resolver *r, Node *n)
{
    if (!n)
        return;
    if (!enter(r, n, "expression"))
        return;
    if (is_type_node(n->kind)) {
        resolve_type(r, n);
        r->u->depth--;
        return;
    }
    switch (n->kind) {
    case N_IDENT: {
        if (is_blank(n->name)) {
            error(r, n, "cannot use _ as value");
            break;
        }
        Sym *s = use(r, n);
        if (!s)
            error(r, n, "undefined: %s", n->name);
        else if (s->kind == SYM_IOTA && !r->in_const)
            error(r, n, "cannot use iota outside constant declaration");
        break;
    }
    case N_INTLIT: case N_FLOATLIT: case N_IMAGLIT: case N_STRLIT: case N_CHARLIT:
        break;
    case N_BINARY:
        resolve_expr(r, n->a);
        resolve_expr(r, n->b);
        break;
    case N_UNARY: case N_PAREN:
        resolve_expr(r, n->a);
        /* a variable whose address is taken lives in a box */
        if (n->kind == N_UNARY && n->op == TK_AMP) {
            Node *x = n->a;
            while (x->kind == N_PAREN)
                x = x->a;
            if (x->kind == N_IDENT && x->sym && ((Sym *)x->sym)->kind == SYM_VAR)
                ((Sym *)x->sym)->captured = 1;
        }
        break;
    case N_CALL:
        resolve_expr(r, n->a);
        resolve_list(r, &n->list);
        break;
    case N_INDEX:
        resolve_expr(r, n->a);
        if (sym_is_generic(n->a->sym)) {
            index_to_instance(n);
            resolve_instance(r, n, false);
            break;
        }
        resolve_expr(r, n->b);
        break;
    case N_INSTANCE:
        resolve_instance(r, n, false);
        break;
    case N_SLICEX:
        resolve_expr(r, n->a);
        resolve_expr(r, n->b);
        resolve_expr(r, n->c);
        resolve_expr(r, n->d);
        break;
    case N_SELECTOR:
        if (!resolve_qualified(r, n) && !n->sym) {
            resolve_expr(r, n->a);
            mark_addr_recv(r, n);
        }
        break;
    case N_TYPEASSERT:
        resolve_expr(r, n->a);
        if (n->b)
            resolve_type(r, n->b);
        break;
    case N_COMPOSITE:
        if (n->a)
            resolve_type(r, n->a);
        for (int i = 0; i < n->list.n; i++) {
            Node *e = n->list.v[i];
            if (e->kind == N_KEYVALUE) {
                /* A bare name key is a struct field or a map key
                 * variable: the compiler decides once it knows the
                 * literal's type; resolve it here only if it names
                 * something. */
                if (e->a->kind == N_IDENT)
                    use(r, e->a);
                else
                    resolve_expr(r, e->a);
                resolve_expr(r, e->b);
            } else {
                resolve_expr(r, e);
            }
        }
        break;
    case N_KEYVALUE:
        resolve_expr(r, n->a);
        resolve_expr(r, n->b);
        break;
    case N_FUNCLIT: {
        FuncInfo *outer = r->fn;
        const char *name = goro_sprintf("%s.func%d", outer->name, ++outer->nlits);
        if (outer->parent && outer->node && outer->node->kind == N_FUNCLIT)
            name = goro_sprintf("%s.%d", outer->name, outer->nlits);
        resolve_func(r, n, NULL, n->a, n->b, name);
        break;
    }
    default:
        error(r, n, "unexpected %s in expression", goro_ast_kind_name(n->kind));
        break;
    }
    r->u->depth--;
}

/* The parameters of a function, in order, as Syms in the current scope. */
static void declare_params(Resolver *r, FuncInfo *fi, Node *recv, Node *sig)
{
    int n = (recv ? 1 : 0) + sig->list.n;
    fi->params = goro_alloc(sizeof(Sym *) * (size_t)(n + 1));
    int k = 0;
    if (recv) {
        resolve_type(r, recv->a);
        Sym *s = goro_sym_new(SYM_VAR, recv->name ? recv->name : goro_intern_cstr("_"), recv);
        s->fn = fi;
        s->typenode = recv->a;
        if (recv->name && !is_blank(recv->name))
            goro_scope_add(r->scope, recv->name, s);
        recv->sym = s;
        fi->params[k++] = s;
    }
    lone_names_are_types(r, &sig->list);
    for (int i = 0; i < sig->list.n; i++) {
        Node *p = sig->list.v[i];
        resolve_type(r, p->a);
        Sym *s = goro_sym_new(SYM_VAR, p->name ? p->name : goro_intern_cstr("_"), p);
        s->fn = fi;
        s->typenode = p->a;
        if (p->name && !is_blank(p->name)) {
            if (goro_scope_lookup_local(r->scope, p->name))
                error(r, p, "duplicate argument %s", p->name);
            goro_scope_add(r->scope, p->name, s);
        }
        p->sym = s;
        fi->params[k++] = s;
        if ((p->flags & NF_VARIADIC) && i != sig->list.n - 1)
            error(r, p, "can only use ... with final parameter in list");
    }
    fi->nparams = k;
    fi->nresults = sig->list2.n;
    bool named = sig->list2.n > 0 && sig->list2.v[0]->name;
    if (named)
        fi->results = goro_alloc(sizeof(Sym *) * (size_t)sig->list2.n);
    for (int i = 0; i < sig->list2.n; i++) {
        Node *p = sig->list2.v[i];
        resolve_type(r, p->a);
        if (named) {
            Sym *s = goro_sym_new(SYM_VAR, p->name ? p->name : goro_intern_cstr("_"), p);
            s->fn = fi;
            s->typenode = p->a;
            if (p->name && !is_blank(p->name))
                goro_scope_add(r->scope, p->name, s);
            p->sym = s;
            fi->results[i] = s;
        }
    }
}

static void resolve_func(Resolver *r, Node *fn, Node *recv, Node *sig, Node *body, const char *name)
{
    FuncInfo *fi = goro_alloc(sizeof *fi);
    fi->parent = r->fn;
    fi->node = fn;
    fi->sig = sig;
    fi->body = body;
    fi->name = name;
    fn->sym = fi;
    goro_ast_list_push(&r->u->funcs, fn);

    Resolver saved = *r;
    r->fn = fi;
    r->loops = r->breakables = 0;
    r->labels = NULL;
    r->pending = NULL;
    r->in_const = false;
    push_scope(r);
    r->scope->is_func = true;
    if (fn->kind == N_FUNCDECL && fn->d)
        declare_tparams(r, fn->d);
    declare_recv_tparams(r, recv);
    declare_params(r, fi, recv, sig);
    push_scope(r);   /* the body's block is a scope inside the parameters' */
    resolve_stmts(r, &body->list);
    pop_scope(r);
    pop_scope(r);
    saved.u = r->u;
    *r = saved;
}

/* --------------------------------------------------------------- statements */

static void resolve_var_spec(Resolver *r, Node *spec)
{
    resolve_type(r, spec->a);
    resolve_list(r, &spec->list2);
    for (int i = 0; i < spec->list.n; i++) {
        Node *id = spec->list.v[i];
        if (!is_blank(id->name) && goro_scope_lookup_local(r->scope, id->name) &&
            !r->u->repl)
            error(r, id, "%s redeclared in this block", id->name);
        declare_var(r, id, spec->a);
    }
}

static void declare_const_spec(Resolver *r, Node *spec)
{
    for (int i = 0; i < spec->list.n; i++) {
        Node *id = spec->list.v[i];
        if (is_blank(id->name))
            continue;
        if (goro_scope_lookup_local(r->scope, id->name) && !r->u->repl)
            error(r, id, "%s redeclared in this block", id->name);
        Sym *s = goro_sym_new(SYM_CONST, id->name, spec);
        s->iota = (int)spec->lit.i;
        s->index = i;
        s->typenode = spec->a;
        s->value.tt = 0xff;   /* not yet evaluated */
        id->sym = s;
        goro_scope_add(r->scope, id->name, s);
    }
}

static void resolve_const_values(Resolver *r, Node *spec)
{
    bool saved = r->in_const;
    r->in_const = true;
    resolve_type(r, spec->a);
    resolve_list(r, &spec->list2);
    r->in_const = saved;
}

static void declare_type(Resolver *r, Node *td)
{
    if (goro_scope_lookup_local(r->scope, td->name) && !r->u->repl)
        error(r, td, "%s redeclared in this block", td->name);
    Sym *s = goro_sym_new(SYM_TYPE, td->name, td);
    s->typenode = td->a;
    td->sym = s;
    goro_scope_add(r->scope, td->name, s);
}

/* type T[P C] X: the parameters are in scope in X only */
static void resolve_typedecl(Resolver *r, Node *n)
{
    if (!n->b) {
        resolve_type(r, n->a);
        return;
    }
    if (n->flags & NF_ALIAS)
        error(r, n, "generic type cannot be alias");
    push_scope(r);
    declare_tparams(r, n->b);
    resolve_type(r, n->a);
    pop_scope(r);
}

static void resolve_decl(Resolver *r, Node *n)
{
    switch (n->kind) {
    case N_VAR:
        resolve_var_spec(r, n);
        break;
    case N_CONST:
        declare_const_spec(r, n);
        resolve_const_values(r, n);
        break;
    case N_TYPEDECL:
        for (FuncInfo *f = r->fn; f; f = f->parent) {
            Node *fn = f->node;
            Node *rt = fn && fn->kind == N_FUNCDECL && fn->a ? fn->a->a : NULL;
            if (rt && rt->kind == N_TPTR)
                rt = rt->a;
            if (fn && fn->kind == N_FUNCDECL && (fn->d || (rt && rt->kind == N_INSTANCE))) {
                error(r, n, "type declarations inside generic functions are not currently supported");
                break;
            }
        }
        declare_type(r, n);
        resolve_typedecl(r, n);
        break;
    case N_DECLGROUP:
        for (int i = 0; i < n->list.n; i++)
            resolve_decl(r, n->list.v[i]);
        break;
    default:
        break;
    }
}

static void resolve_define(Resolver *r, Node *n)
{
    resolve_list(r, &n->list2);
    bool fresh = false;
    for (int i = 0; i < n->list.n; i++) {
        Node *id = n->list.v[i];
        if (id->kind != N_IDENT)
            continue;
        if (is_blank(id->name))
            continue;
        Sym *old = goro_scope_lookup_local(r->scope, id->name);
        if (old && (old->kind == SYM_VAR || old->kind == SYM_GLOBAL) && !(r->u->repl && at_package_level(r))) {
            use(r, id);   /* redeclaration in the same scope assigns */
            continue;
        }
        for (int j = 0; j < i; j++)
            if (n->list.v[j]->kind == N_IDENT && n->list.v[j]->name == id->name)
                error(r, id, "%s repeated on left side of :=", id->name);
        Sym *ns = declare_var(r, id, NULL);
        if (ns && n->list.n == n->list2.n)
            ns->iterfunc = is_iter_expr(r, n->list2.v[i], 0);
        fresh = true;
    }
    if (!fresh && n->list.n > 0)
        error(r, n, "no new variables on left side of :=");
}

static void resolve_simple(Resolver *r, Node *n)
{
    if (!n)
        return;
    resolve_stmt(r, n);
}

static void resolve_branch(Resolver *r, Node *n)
{
    bool is_break = n->kind == N_BREAK;
    if (n->name) {
        Label *l = r->labels;
        while (l && l->name != n->name)
            l = l->next;
        if (!l)
            error(r, n, "invalid %s label %s", is_break ? "break" : "continue", n->name);
        else if (!is_break && !l->is_loop)
            error(r, n, "invalid continue label %s", n->name);
        return;
    }
    if (is_break && r->breakables == 0)
        error(r, n, "break is not in a loop, switch, or select");
    if (!is_break && r->loops == 0)
        error(r, n, "continue is not in a loop");
}

/* ------------------------------------------------ range over a function */

/* Iterator-returning functions of goro's packages (their natives declare
 * no result types). */
static const char *const iter_natives[] = {
    "maps.Keys", "maps.Values", "maps.All", "slices.All", "slices.Values", "slices.Backward",
    "strings.Lines", "strings.SplitSeq", "strings.SplitAfterSeq", "strings.FieldsSeq",
    "strings.FieldsFuncSeq", "bytes.Lines", "bytes.SplitSeq", "bytes.SplitAfterSeq",
    "bytes.FieldsSeq", "bytes.FieldsFuncSeq", NULL,
};

static bool is_iter_expr(Resolver *r, Node *e, int depth);

static Node *unparen(Node *e)
{
    while (e && e->kind == N_PAREN)
        e = e->a;
    return e;
}

/* Is type [t] a function a range statement can range over: an
 * iter.Seq/Seq2, or func(yield func(...) bool)? */
static bool is_iter_type(Resolver *r, Node *t, int depth)
{
    t = unparen(t);
    if (!t || depth > 8)
        return false;
    switch (t->kind) {
    case N_TFUNC:
        return t->list.n == 1 && t->list2.n == 0 && t->list.v[0]->a &&
               unparen(t->list.v[0]->a)->kind == N_TFUNC;
    case N_INDEX: case N_INSTANCE:
        return is_iter_type(r, t->a, depth + 1);
    case N_SELECTOR:
        return t->a->kind == N_IDENT && !strcmp(t->a->name, "iter") &&
               (!strcmp(t->name, "Seq") || !strcmp(t->name, "Seq2"));
    case N_IDENT: {
        Sym *s = goro_scope_lookup(r->scope, t->name);
        return s && s->kind == SYM_TYPE && s->decl && s->decl->kind == N_TYPEDECL &&
               is_iter_type(r, s->decl->a, depth + 1);
    }
    default:
        return false;
    }
}

/* The single result type a signature declares, or NULL. */
static Node *one_result(Node *sig)
{
    return sig && sig->kind == N_TFUNC && sig->list2.n == 1 ? sig->list2.v[0]->a : NULL;
}

/* Does call [e] return an iterator function? */
static bool is_iter_call(Resolver *r, Node *e, int depth)
{
    Node *f = unparen(e->a);
    if (f->kind == N_INDEX || f->kind == N_INSTANCE)
        f = unparen(f->a);   /* a generic function instantiated */
    if (f->kind == N_FUNCLIT)
        return is_iter_type(r, one_result(f->a), depth + 1);
    if (f->kind == N_IDENT) {
        Sym *s = goro_scope_lookup(r->scope, f->name);
        return s && s->kind == SYM_FUNC && s->decl && s->decl->kind == N_FUNCDECL &&
               is_iter_type(r, one_result(s->decl->b), depth + 1);
    }
    if (f->kind != N_SELECTOR)
        return false;
    Node *x = unparen(f->a);
    Sym *ps = x->kind == N_IDENT ? goro_scope_lookup(r->scope, x->name) : NULL;
    if (ps && ps->kind == SYM_PKG) {
        const char *full = goro_sprintf("%s.%s", ps->pkg->path, f->name);
        for (int i = 0; iter_natives[i]; i++)
            if (!strcmp(iter_natives[i], full))
                return true;
        return false;
    }
    /* a method: one of this package's declared with that name */
    NodeList *items = r->u->root ? &r->u->root->list : NULL;
    for (int i = 0; items && i < items->n; i++) {
        Node *d = items->v[i];
        if (d->kind == N_FUNCDECL && d->a && d->name == f->name &&
            is_iter_type(r, one_result(d->b), depth + 1))
            return true;
    }
    return false;
}

/* Is [e], ranged over, a function (an iterator)?  Decided from the
 * declarations, as far as they are written. */
static bool is_iter_expr(Resolver *r, Node *e, int depth)
{
    e = unparen(e);
    if (!e || depth > 8)
        return false;
    switch (e->kind) {
    case N_FUNCLIT:
        return true;
    case N_CALL:
        return is_iter_call(r, e, depth);
    case N_IDENT: {
        Sym *s = goro_scope_lookup(r->scope, e->name);
        if (!s)
            return false;
        if (s->kind == SYM_FUNC)
            return s->decl && s->decl->kind == N_FUNCDECL && !s->decl->a &&
                   is_iter_type(r, s->decl->b, depth + 1);
        if (s->kind != SYM_VAR && s->kind != SYM_GLOBAL)
            return false;
        return s->typenode ? is_iter_type(r, s->typenode, depth + 1) : s->iterfunc;
    }
    default:
        return false;
    }
}

/* A label names the statement that follows it; break/continue see it
 * only inside that statement. */
static Label *take_label(Resolver *r, bool is_loop)
{
    Label *l = r->pending;
    r->pending = NULL;
    if (l) {
        l->is_loop = is_loop;
        l->next = r->labels;
        r->labels = l;
    }
    return l;
}

static void drop_label(Resolver *r, Label *l)
{
    if (l)
        r->labels = l->next;
}

static void resolve_block(Resolver *r, Node *b)
{
    push_scope(r);
    resolve_stmts(r, &b->list);
    pop_scope(r);
}

static void resolve_stmt(Resolver *r, Node *n)
{
    if (!n)
        return;
    if (!enter(r, n, "statement"))
        return;
    Label *label = NULL;
    if (r->pending && n->kind != N_FOR && n->kind != N_RANGE && n->kind != N_SWITCH &&
        n->kind != N_SELECT)
        r->pending = NULL;
    switch (n->kind) {
    case N_EMPTY:
        break;
    case N_EXPRSTMT:
        resolve_expr(r, n->a);
        break;
    case N_SEND:
        resolve_expr(r, n->a);
        resolve_expr(r, n->b);
        break;
    case N_INCDEC: case N_OPASSIGN:
        resolve_expr(r, n->a);
        resolve_expr(r, n->b);
        break;
    case N_ASSIGN:
        resolve_list(r, &n->list2);
        for (int i = 0; i < n->list.n; i++) {
            Node *x = n->list.v[i];
            if (x->kind == N_IDENT && is_blank(x->name))
                continue;
            resolve_expr(r, x);
        }
        break;
    case N_DEFINE:
        resolve_define(r, n);
        break;
    case N_VAR: case N_CONST: case N_TYPEDECL: case N_DECLGROUP:
        resolve_decl(r, n);
        break;
    case N_BLOCK:
        resolve_block(r, n);
        break;
    case N_IF:
        push_scope(r);
        resolve_simple(r, n->a);
        resolve_expr(r, n->b);
        resolve_block(r, n->c);
        if (n->d)
            resolve_stmt(r, n->d);
        pop_scope(r);
        break;
    case N_FOR:
        label = take_label(r, true);
        push_scope(r);
        resolve_simple(r, n->a);
        resolve_expr(r, n->b);
        resolve_simple(r, n->c);
        r->loops++;
        r->breakables++;
        resolve_block(r, n->d);
        r->loops--;
        r->breakables--;
        pop_scope(r);
        drop_label(r, label);
        break;
    case N_RANGE:
        if (is_iter_expr(r, n->a, 0)) {   /* over a function: a call of it */
            const char *lname = r->pending ? r->pending->name : NULL;
            r->pending = NULL;
            *n = *goro_rangefunc_rewrite(n, lname, r->fn ? r->fn->sig : NULL, r->u->diag);
            resolve_stmt(r, n);
            break;
        }
        label = take_label(r, true);
        resolve_expr(r, n->a);
        push_scope(r);
        if (n->flags & NF_DEFINE) {
            for (int i = 0; i < n->list.n; i++)
                if (n->list.v[i]->kind == N_IDENT)
                    declare_var(r, n->list.v[i], NULL);
        } else {
            for (int i = 0; i < n->list.n; i++) {
                Node *x = n->list.v[i];
                if (!(x->kind == N_IDENT && is_blank(x->name)))
                    resolve_expr(r, x);
            }
        }
        r->loops++;
        r->breakables++;
        resolve_block(r, n->d);
        r->loops--;
        r->breakables--;
        pop_scope(r);
        drop_label(r, label);
        break;
    case N_SWITCH: {
        label = take_label(r, false);
        push_scope(r);
        resolve_simple(r, n->a);
        Node *guard = NULL;     /* type switch: v := x.(type) */
        if (n->b && n->b->kind == N_DEFINE) {
            guard = n->b;
            resolve_expr(r, guard->list2.v[0]->a);
        } else if (n->b && n->b->kind == N_EXPRSTMT && n->b->a->kind == N_TYPEASSERT &&
                   !n->b->a->b) {
            resolve_expr(r, n->b->a->a);
        } else if (n->b) {
            resolve_simple(r, n->b);
        }
        bool typeswitch = guard || (n->b && n->b->kind == N_EXPRSTMT &&
                                    n->b->a->kind == N_TYPEASSERT && !n->b->a->b);
        r->breakables++;
        for (int i = 0; i < n->list.n; i++) {
            Node *c = n->list.v[i];
            for (int j = 0; j < c->list.n; j++) {
                Node *e = c->list.v[j];
                if (typeswitch && !(e->kind == N_IDENT && e->name == goro_intern_cstr("nil")))
                    resolve_type(r, e);
                else
                    resolve_expr(r, e);
            }
            push_scope(r);
            if (guard && !is_blank(guard->list.v[0]->name)) {
                Sym *s = goro_sym_new(SYM_VAR, guard->list.v[0]->name, guard->list.v[0]);
                s->fn = r->fn;
                goro_scope_add(r->scope, s->name, s);
                c->sym = s;
                if (c->list.n == 1 && !(c->list.v[0]->kind == N_IDENT &&
                                        c->list.v[0]->name == goro_intern_cstr("nil")))
                    s->typenode = c->list.v[0];
            }
            resolve_stmts(r, &c->list2);
            pop_scope(r);
            for (int j = 0; j < c->list2.n; j++) {
                Node *s = c->list2.v[j];
                if (s && s->kind == N_FALLTHROUGH) {
                    if (typeswitch)
                        error(r, s, "cannot fallthrough in type switch");
                    else if (j != c->list2.n - 1)
                        error(r, s, "fallthrough statement out of place");
                    else if (i == n->list.n - 1)
                        error(r, s, "cannot fallthrough final case in switch");
                }
            }
        }
        r->breakables--;
        pop_scope(r);
        drop_label(r, label);
        break;
    }
    case N_SELECT:
        label = take_label(r, false);
        r->breakables++;
        for (int i = 0; i < n->list.n; i++) {
            Node *c = n->list.v[i];
            push_scope(r);
            if (c->a)
                resolve_stmt(r, c->a);
            resolve_stmts(r, &c->list2);
            pop_scope(r);
        }
        r->breakables--;
        drop_label(r, label);
        break;
    case N_RETURN:
        resolve_list(r, &n->list);
        break;
    case N_BREAK: case N_CONTINUE:
        resolve_branch(r, n);
        break;
    case N_GOTO:   /* its label is checked by compile_goto.c */
        break;
    case N_FALLTHROUGH:
        break;
    case N_GO: case N_DEFER: {
        Node *call = n->a;
        while (call->kind == N_PAREN)
            call = call->a;
        if (call->kind != N_CALL)
            error(r, n->a, "expression in %s must be function call",
                  n->kind == N_GO ? "go" : "defer");
        if (n->kind == N_DEFER)
            r->fn->has_defer = true;
        resolve_expr(r, n->a);
        break;
    }
    case N_LABELED: {
        for (Label *l = r->labels; l; l = l->next)
            if (l->name == n->name)
                error(r, n, "label %s already defined", n->name);
        Label *l = goro_alloc(sizeof *l);
        l->name = n->name;
        r->pending = l;
        resolve_stmt(r, n->a);
        r->pending = NULL;
        break;
    }
    case N_FUNCDECL:
        error(r, n, "function declaration inside a function (use a func literal)");
        break;
    case N_IMPORT: case N_PACKAGE:
        error(r, n, "%s must be at the top of the file", n->kind == N_IMPORT ? "import" : "package");
        break;
    default:
        error(r, n, "unexpected %s", goro_ast_kind_name(n->kind));
        break;
    }
    r->u->depth--;
}

static void resolve_stmts(Resolver *r, NodeList *l)
{
    for (int i = 0; i < l->n; i++)
        resolve_stmt(r, l->v[i]);
}

/* ------------------------------------------------------------ package level */

static void import_package(Resolver *r, Node *imp)
{
    char path[256];
    snprintf(path, sizeof path, "%.*s", imp->lit.s.len, imp->lit.s.s);
    Package *p = goro_pkg_find(path);
    if (!p) {
        error(r, imp, "package %s is not in std", path);
        return;
    }
    const char *name = imp->name ? imp->name : goro_intern_cstr(p->name);
    if (is_blank(name))
        return;
    if (name[0] == '.' && !name[1]) {
        error(r, imp, "dot imports are not supported");
        return;
    }
    Sym *s = goro_sym_new(SYM_PKG, name, imp);
    s->pkg = p;
    goro_scope_add(r->u->package, name, s);
}

static void declare_top(Resolver *r, Node *n)
{
    Unit *u = r->u;
    switch (n->kind) {
    case N_IMPORT:
        import_package(r, n);
        break;
    case N_DECLGROUP:
        for (int i = 0; i < n->list.n; i++)
            declare_top(r, n->list.v[i]);
        break;
    case N_FUNCDECL:
        if (n->a) {  /* methods are found through their receiver type */
            if (n->a->a && n->a->a->kind == N_TPTR) {
                r->ptrmethods = goro_realloc(r->ptrmethods, sizeof(char *) * (size_t)(r->nptrmethods + 1));
                r->ptrmethods[r->nptrmethods++] = n->name;
            }
            break;
        }
        if (n->name == goro_intern_cstr("init")) {
            goro_ast_list_push(&u->inits, n);
            break;
        }
        if (goro_scope_lookup_local(u->package, n->name) && !u->repl) {
            error(r, n, "%s redeclared in this block", n->name);
            break;
        }
        {
            Sym *s = goro_sym_new(SYM_FUNC, n->name, n);
            goro_scope_add(u->package, n->name, s);
            if (n->name == goro_intern_cstr("main"))
                u->main_sym = s;
        }
        break;
    case N_VAR:
        for (int i = 0; i < n->list.n; i++) {
            Node *id = n->list.v[i];
            if (!is_blank(id->name) && goro_scope_lookup_local(u->package, id->name) && !u->repl)
                error(r, id, "%s redeclared in this block", id->name);
            declare_var(r, id, n->a);
        }
        break;
    case N_CONST:
        declare_const_spec(r, n);
        break;
    case N_TYPEDECL:
        declare_type(r, n);
        break;
    default:
        break;
    }
}

static void resolve_top(Resolver *r, Node *n)
{
    Unit *u = r->u;
    switch (n->kind) {
    case N_IMPORT: case N_PACKAGE:
        break;
    case N_DECLGROUP:
        for (int i = 0; i < n->list.n; i++)
            resolve_top(r, n->list.v[i]);
        break;
    case N_FUNCDECL: {
        const char *name;
        if (n->a) {
            Node *rt = n->a->a;
            bool ptr = rt && rt->kind == N_TPTR;
            Node *tn = ptr ? rt->a : rt;
            const char *tname = tn && tn->kind == N_IDENT ? tn->name : "?";
            name = ptr ? goro_sprintf("main.(*%s).%s", tname, n->name)
                       : goro_sprintf("main.%s.%s", tname, n->name);
        } else {
            name = goro_sprintf("main.%s", n->name);
        }
        if (n->name == goro_intern_cstr("init") && !n->a &&
            (n->b->list.n || n->b->list2.n))
            error(r, n, "func init must have no arguments and no return values");
        if (n->name == goro_intern_cstr("main") && !n->a && !u->repl &&
            (n->b->list.n || n->b->list2.n))
            error(r, n, "func main must have no arguments and no return values");
        resolve_func(r, n, n->a, n->b, n->c, name);
        break;
    }
    case N_VAR:
        resolve_type(r, n->a);
        resolve_list(r, &n->list2);
        break;
    case N_CONST:
        resolve_const_values(r, n);
        break;
    case N_TYPEDECL:
        resolve_typedecl(r, n);
        break;
    default:
        /* a top-level statement (REPL, -e) */
        if (!u->repl && !u->allow_stmts) {
            error(r, n, "syntax error: non-declaration statement outside function body");
            break;
        }
        resolve_stmt(r, n);
        break;
    }
}

bool goro_resolve(Unit *u)
{
    Resolver r;
    memset(&r, 0, sizeof r);
    r.u = u;
    r.scope = u->package;
    int errors = u->diag->count;

    FuncInfo *top = goro_alloc(sizeof *top);
    top->name = "main";
    u->top = top;
    r.fn = top;

    NodeList *items = &u->root->list;
    if (!u->repl) {
        /* A file's package-level names are visible everywhere. */
        for (int i = 0; i < items->n; i++)
            declare_top(&r, items->v[i]);
        for (int i = 0; i < items->n; i++)
            resolve_top(&r, items->v[i]);
    } else {
        /* In the REPL (and -e) declarations take effect where they are
         * written, as statements do; functions are visible to the
         * whole input so they may call each other. */
        for (int i = 0; i < items->n; i++) {
            Node *n = items->v[i];
            if (n->kind == N_FUNCDECL || n->kind == N_IMPORT ||
                (n->kind == N_DECLGROUP && n->list.n && n->list.v[0]->kind == N_IMPORT))
                declare_top(&r, n);
        }
        for (int i = 0; i < items->n; i++) {
            Node *n = items->v[i];
            if (n->kind == N_FUNCDECL || n->kind == N_PACKAGE || n->kind == N_IMPORT ||
                (n->kind == N_DECLGROUP && n->list.n && n->list.v[0]->kind == N_IMPORT))
                resolve_top(&r, n);
            else
                resolve_stmt(&r, n);
        }
    }
    return u->diag->count == errors;
}
