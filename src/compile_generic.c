/* compile_generic.c: Go generics by instantiation at compile time.
 *
 * A generic function or type is compiled once per distinct list of type
 * arguments, as if the programmer had written that copy by hand: while
 * an instance is compiled, each type parameter's Sym has [type] bound to
 * its argument, so every type expression in the body (zero values,
 * conversions, composite literals, make, new, assertions, %T) evaluates
 * to the concrete type through the ordinary cg_type.  Nothing changes at
 * run time: an instance is a plain closure, an instantiated type a plain
 * named Type, interned here by its Go name ("main.Pair[string,int]"), so
 * Stack[int] written twice is one type.
 *
 * Why not run-time type arguments (dictionaries)?  The code generator
 * decides layouts, literal kinds and coercions from Types it knows at
 * compile time; passing types at run time would need a second, dynamic
 * path at every one of those sites.  Instantiating keeps one path and
 * gives generic code exactly the semantics of the same code written
 * with concrete types.  The cost is that type arguments must be known
 * at compile time: explicit, or inferred from the static types of the
 * arguments (untyped constants default as Go 1.19 does).  When goro
 * cannot tell an argument's type (an untyped goro variable), the type
 * parameter it would fix becomes `any`, which behaves as goro's dynamic
 * values do.
 *
 * Instances of functions and of methods of generic types are compiled
 * from a queue (cg_generic_finish) rather than on the spot, because the
 * same generic may be mid-compilation with other arguments bound. */
#include <stdio.h>

#include "codegen.h"
#include "parser.h"

typedef struct Inst {
    Sym *gen;               /* the generic function or type */
    int n;
    Type **args;
    Type *type;             /* a type instance */
    Value fn;               /* a function instance */
    struct Inst *next;
} Inst;

/* An instance body waiting to be compiled. */
typedef struct Job {
    Unit *u;
    FuncInfo *fi;
    Sym **tps;
    Type **args;
    int n;
    Proto *proto;
    const char *name;
    bool lenient;           /* an argument is a guessed `any` */
    struct Job *next;
} Job;

static Inst *insts;
static Job *jobs, *jobs_tail;
static int ninsts;
static Type *t_comparable;
/* Compiling an instance whose arguments include an `any` goro could not
 * tell (see infer): constraints are not held against that `any`. */
static bool lenient;

Type *goro_generic_comparable(void)
{
    if (!t_comparable) {
        t_comparable = goro_type_named(NULL, "comparable", goro_t_any);
        t_comparable->niface = 0;
    }
    return t_comparable;
}

static Node *strip(Node *e)
{
    while (e && e->kind == N_PAREN)
        e = e->a;
    return e;
}

/* ------------------------------------------------------ type parameters */

/* The type parameter list of a generic declaration (N_LIST), or NULL. */
static Node *tparam_list(Sym *s)
{
    if (!s || !s->decl)
        return NULL;
    if (s->kind == SYM_FUNC && s->decl->kind == N_FUNCDECL)
        return s->decl->d;
    if (s->kind == SYM_TYPE && s->decl->kind == N_TYPEDECL)
        return s->decl->b;
    return NULL;
}

static int count_tparams(Node *list)
{
    int n = 0;
    for (int i = 0; i < list->list.n; i++)
        n += list->list.v[i]->list.n;
    return n;
}

/* The parameters' Syms (NULL for `_`) and their constraints, in order. */
static void tparams_of(Node *list, Sym **syms, Node **cons)
{
    int k = 0;
    for (int i = 0; i < list->list.n; i++) {
        Node *f = list->list.v[i];
        for (int j = 0; j < f->list.n; j++) {
            syms[k] = f->list.v[j]->sym;
            cons[k++] = f->a;
        }
    }
}

static void bind(Sym **tps, Type **args, Type **saved, int n)
{
    for (int i = 0; i < n; i++) {
        if (!tps[i])
            continue;
        if (saved)
            saved[i] = tps[i]->type;
        tps[i]->type = args[i];
    }
}

static void unbind(Sym **tps, Type **saved, int n)
{
    for (int i = 0; i < n; i++)
        if (tps[i])
            tps[i]->type = saved[i];
}

static const char *const_text(Node *a);

/* A constraint as Go prints it in messages: any, ~int | ~float64. */
static const char *node_text(Node *n)
{
    n = strip(n);
    if (!n)
        return "?";
    switch (n->kind) {
    case N_IDENT:
        return n->name;
    case N_SELECTOR:
        return goro_sprintf("%s.%s", node_text(n->a), n->name);
    case N_TTILDE:
        return goro_sprintf("~%s", node_text(n->a));
    case N_TUNION: {
        const char *s = "";
        for (int i = 0; i < n->list.n; i++)
            s = goro_sprintf("%s%s%s", s, i ? " | " : "", node_text(n->list.v[i]));
        return s;
    }
    case N_INSTANCE: {
        const char *s = goro_sprintf("%s[", node_text(n->a));
        for (int i = 0; i < n->list.n; i++)
            s = goro_sprintf("%s%s%s", s, i ? ", " : "", node_text(n->list.v[i]));
        return goro_sprintf("%s]", s);
    }
    case N_TSLICE:
        return goro_sprintf("[]%s", node_text(n->a));
    case N_TPTR:
        return goro_sprintf("*%s", node_text(n->a));
    case N_TMAP:
        return goro_sprintf("map[%s]%s", node_text(n->a), node_text(n->b));
    case N_TIFACE:
        return n->list.n ? "interface{...}" : "interface{}";
    case N_INTLIT: case N_FLOATLIT: case N_STRLIT:
        return const_text(n);
    default:
        return "...";
    }
}

/* A type set as Go spells it in "missing in": constraint interfaces
 * named in a union are replaced by their own terms. */
static const char *union_text(Node *e, int depth)
{
    e = strip(e);
    Sym *s = e && (e->kind == N_IDENT || e->kind == N_SELECTOR) ? e->sym : NULL;
    if (s && s->kind == SYM_TYPE && s->decl && s->decl->kind == N_TYPEDECL && depth < 10) {
        Node *d = strip(s->decl->a);
        if (d->kind == N_TIFACE && d->list.n == 1 && !d->list.v[0]->name)
            return union_text(d->list.v[0]->a, depth + 1);
    }
    if (e && e->kind == N_TUNION) {
        const char *t = "";
        for (int i = 0; i < e->list.n; i++)
            t = goro_sprintf("%s%s%s", t, i ? " | " : "", union_text(e->list.v[i], depth + 1));
        return t;
    }
    return node_text(e);
}

/* "Stack[T any]" */
static const char *generic_text(Sym *s)
{
    Node *list = tparam_list(s);
    const char *t = goro_sprintf("%s[", s->name);
    for (int i = 0; i < list->list.n; i++) {
        Node *f = list->list.v[i];
        for (int j = 0; j < f->list.n; j++)
            t = goro_sprintf("%s%s%s", t, j ? ", " : "", f->list.v[j]->name);
        t = goro_sprintf("%s %s%s", t, node_text(f->a), i + 1 < list->list.n ? ", " : "");
    }
    return goro_sprintf("%s]", t);
}

/* ---------------------------------------------------------- constraints */

static FuncState *top_fs(Unit *u)
{
    FuncState *fs = goro_alloc(sizeof *fs);
    fs->u = u;
    return fs;
}

/* A type's name as Go's compiler prints it in errors: this package's
 * names unqualified (Square, not main.Square). */
static const char *err_name(Type *t)
{
    const char *n = t->name;
    char *out = goro_sprintf("%s", n), *w = out;
    for (const char *r = n; *r;) {
        if (!strncmp(r, "main.", 5) && (r == n || !(r[-1] == '_' || (r[-1] >= 'a' && r[-1] <= 'z') ||
                                                    (r[-1] >= 'A' && r[-1] <= 'Z') ||
                                                    (r[-1] >= '0' && r[-1] <= '9')))) {
            r += 5;
            continue;
        }
        *w++ = *r++;
    }
    *w = 0;
    return out;
}

static bool comparable(Type *t)
{
    switch (t->under->kind) {
    case TY_SLICE: case TY_MAP: case TY_FUNC: case TY_IFACE:
        return false;
    case TY_ARRAY:
        return comparable(t->under->elem);
    case TY_STRUCT:
        for (int i = 0; i < t->under->nfields; i++)
            if (!comparable(t->under->ftypes[i]))
                return false;
        return true;
    default:
        return true;
    }
}

static bool has_method(Type *t, const char *name)
{
    if (t->kind == TY_IFACE) {
        for (int i = 0; i < t->niface; i++)
            if (t->iface[i] == name)
                return true;
        return false;
    }
    if (t->kind == TY_PTR && t->elem && !t->named)
        return goro_type_find_method(t->elem, name) != NULL;
    Method *m = goro_type_find_method(t, name);
    return m && !m->ptr_recv;
}

static bool satisfies(FuncState *fs, Node *c, Type *t, const char **why, int depth);

/* One type-set term: ~int, int, or a constraint interface (Integer | Float). */
static bool term_holds(FuncState *fs, Node *term, Type *t, int depth)
{
    term = strip(term);
    Sym *s = term->kind == N_IDENT || term->kind == N_SELECTOR ? term->sym : NULL;
    if (s && s->kind == SYM_TYPE && s->decl && s->decl->kind == N_TYPEDECL &&
        strip(s->decl->a)->kind == N_TIFACE) {
        const char *why = "";
        return satisfies(fs, s->decl->a, t, &why, depth + 1);
    }
    bool tilde = term->kind == N_TTILDE;
    Type *tt = cg_type(fs, tilde ? term->a : term);
    if (!tt)
        return false;
    return tilde ? t->under == tt->under : t == tt;
}

/* Does [t] satisfy constraint [c]?  *why gets Go's reason when not. */
static bool satisfies(FuncState *fs, Node *c, Type *t, const char **why, int depth)
{
    c = strip(c);
    if (!c || depth > 20)
        return true;
    switch (c->kind) {
    case N_IDENT: case N_SELECTOR: {
        Sym *s = c->sym;
        if (!s || s->kind != SYM_TYPE)
            return true;
        Type *ct = cg_type_of_sym(fs->u, s);
        if (ct == t_comparable) {
            if (!comparable(t)) {
                *why = "";
                return false;
            }
            return true;
        }
        if (s->decl && s->decl->kind == N_TYPEDECL && strip(s->decl->a)->kind == N_TIFACE)
            return satisfies(fs, s->decl->a, t, why, depth + 1);
        if (ct->ordered_set) {
            Type *u = t->under;
            if (goro_type_is_int(u) || goro_type_is_float(u) || u->kind == TY_STRING)
                return true;
            *why = goro_sprintf(" (%s missing in ~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | "
                                "~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr | ~float32 | "
                                "~float64 | ~string)", err_name(t));
            return false;
        }
        if (ct->kind == TY_IFACE) {   /* any, error, a package's interface */
            for (int i = 0; i < ct->niface; i++)
                if (!has_method(t, ct->iface[i])) {
                    *why = goro_sprintf(" (missing %s method)", ct->iface[i]);
                    return false;
                }
            return true;
        }
        if (t != ct) {
            *why = "";
            return false;
        }
        return true;
    }
    case N_TIFACE:
        for (int i = 0; i < c->list.n; i++) {
            Node *m = c->list.v[i];
            if (m->name) {
                if (!has_method(t, m->name)) {
                    *why = goro_sprintf(" (missing %s method)", m->name);
                    return false;
                }
                continue;
            }
            Node *e = strip(m->a);
            if (e->kind == N_TUNION || e->kind == N_TTILDE || !(e->kind == N_IDENT || e->kind == N_SELECTOR)) {
                if (!satisfies(fs, e, t, why, depth + 1)) {
                    if (!**why)
                        *why = goro_sprintf(" (%s missing in %s)", err_name(t), union_text(e, 0));
                    return false;
                }
                continue;
            }
            if (!satisfies(fs, e, t, why, depth + 1))
                return false;
        }
        return true;
    case N_TUNION:
        for (int i = 0; i < c->list.n; i++)
            if (term_holds(fs, c->list.v[i], t, depth))
                return true;
        *why = goro_sprintf(" (%s missing in %s)", err_name(t), union_text(c, 0));
        return false;
    default:
        if (!term_holds(fs, c, t, depth)) {
            *why = c->kind == N_TTILDE ? goro_sprintf(" (%s missing in %s)", err_name(t), union_text(c, 0)) : "";
            return false;
        }
        return true;
    }
}

/* Check every argument against its constraint, with all of them bound
 * (a constraint may mention other parameters: [S ~[]E, E any]). */
static bool check_constraints(FuncState *fs, Node *at, Sym **tps, Node **cons, Type **args, int n)
{
    Type **saved = goro_alloc(sizeof *saved * (size_t)(n + 1));
    bind(tps, args, saved, n);
    bool ok = true;
    for (int i = 0; i < n && ok; i++) {
        const char *why = "";
        if (lenient && args[i] == goro_t_any)
            continue;
        if (!satisfies(fs, cons[i], args[i], &why, 0)) {
            /* an inline union is named as Go prints the type: int|float64 */
            const char *cname = node_text(cons[i]);
            if (strip(cons[i])->kind == N_TUNION) {
                char *c = goro_sprintf("%s", cname), *w = c;
                for (const char *r = cname; *r; r++)
                    if (*r != ' ')
                        *w++ = *r;
                *w = 0;
                cname = c;
            }
            cg_error(fs, at, "%s does not implement %s%s", err_name(args[i]), cname, why);
            ok = false;
        }
    }
    unbind(tps, saved, n);
    return ok;
}

/* ------------------------------------------------------------ instances */

static Inst *find_inst(Sym *gen, Type **args, int n)
{
    for (Inst *in = insts; in; in = in->next) {
        if (in->gen != gen || in->n != n)
            continue;
        int i = 0;
        while (i < n && in->args[i] == args[i])
            i++;
        if (i == n)
            return in;
    }
    return NULL;
}

static Inst *new_inst(Sym *gen, Type **args, int n)
{
    Inst *in = goro_alloc(sizeof *in);
    in->gen = gen;
    in->n = n;
    in->args = goro_alloc(sizeof *in->args * (size_t)(n + 1));
    memcpy(in->args, args, sizeof *args * (size_t)n);
    in->next = insts;
    insts = in;
    ninsts++;
    return in;
}

static const char *args_text(Type **args, int n)
{
    const char *s = "[";
    for (int i = 0; i < n; i++)
        s = goro_sprintf("%s%s%s", s, i ? "," : "", args[i]->name);
    return goro_sprintf("%s]", s);
}

static void queue(Unit *u, FuncInfo *fi, Sym **tps, Type **args, int n, Proto *p, const char *name)
{
    Job *j = goro_alloc(sizeof *j);
    j->u = u;
    j->fi = fi;
    j->tps = tps;
    j->args = args;
    j->n = n;
    j->proto = p;
    j->name = name;
    j->lenient = lenient;
    for (int i = 0; i < n; i++)
        j->lenient |= args[i] == goro_t_any;
    if (jobs_tail)
        jobs_tail->next = j;
    else
        jobs = j;
    jobs_tail = j;
}

static Value new_closure(Unit *u, FuncInfo *fi, const char *name, Proto **pp)
{
    Proto *p = goro_alloc(sizeof(Proto));
    p->name = name;
    p->file = u->file;
    p->line = fi->node->line;
    *pp = p;
    return goro_ptrval(VK_FUNC, goro_closure_new(p));
}

/* The base type Sym of a method receiver (*List[T] -> List), and its
 * type-argument list node. */
static Sym *recv_generic(Node *fn, Node **inst)
{
    if (!fn->a)
        return NULL;
    Node *t = fn->a->a;
    if (t && t->kind == N_TPTR)
        t = t->a;
    if (!t || t->kind != N_INSTANCE || t->a->kind != N_IDENT)
        return NULL;
    *inst = t;
    return t->a->sym;
}

/* Methods of generic types, from every unit compiled (REPL lines too). */
static NodeList generic_methods;

bool cg_generic_decl(Node *fn)
{
    Node *inst;
    return fn->kind == N_FUNCDECL && (fn->d || recv_generic(fn, &inst));
}

bool cg_generic_register(Node *fn)
{
    Node *inst;
    if (fn->kind != N_FUNCDECL)
        return false;
    if (recv_generic(fn, &inst)) {
        goro_ast_list_push(&generic_methods, fn);
        return true;
    }
    return fn->d != NULL;
}

/* Give the instance type [t] of [gen] the methods declared on [gen]. */
static void add_methods(Unit *u, Sym *gen, Type *t, Type **args, int n)
{
    NodeList *items = &generic_methods;
    for (int i = 0; i < items->n; i++) {
        Node *fn = items->v[i], *inst = NULL;
        if (!fn->sym || recv_generic(fn, &inst) != gen)
            continue;
        if (inst->list.n != n) {
            goro_diag_error(u->diag, inst->line, inst->col,
                            "got %d arguments but %d type parameters",
                            inst->list.n, n);
            continue;
        }
        Sym **tps = goro_alloc(sizeof *tps * (size_t)(n + 1));
        for (int k = 0; k < n; k++)
            tps[k] = inst->list.v[k]->sym;
        bool ptr = fn->a->a->kind == N_TPTR;
        const char *tn = goro_sprintf("%s[...]", gen->name);
        const char *name = ptr ? goro_sprintf("main.(*%s).%s", tn, fn->name)
                               : goro_sprintf("main.%s.%s", tn, fn->name);
        Proto *p;
        Value cv = new_closure(u, fn->sym, name, &p);
        for (int m = 0; m < t->nfields; m++)
            if (t->fnames[m] == fn->name)
                goro_diag_error(u->diag, fn->line, fn->col, "field and method with the same name %s",
                                fn->name);
        goro_type_add_method(t, fn->name, cv, ptr);
        queue(u, fn->sym, tps, args, n, p, name);
    }
}

static bool too_many(FuncState *fs, Node *at)
{
    if (ninsts < 2000)
        return false;
    if (ninsts == 2000) {
        ninsts++;
        cg_error(fs, at, "instantiation cycle (more than 2000 instances)");
    }
    return true;
}

/* The instance [gen][args] of a generic type. */
static Type *type_instance(FuncState *fs, Sym *gen, Type **args, int n, Node *at)
{
    Inst *in = find_inst(gen, args, n);
    if (in)
        return in->type;
    if (too_many(fs, at))
        return goro_t_any;
    Unit *u = fs->u;
    Node *td = gen->decl;
    const char *name = goro_sprintf("%s%s", gen->name, args_text(args, n));
    in = new_inst(gen, args, n);
    /* as cg_type_of_sym: the named type exists before its underlying
     * type, so List[T] may point at List[T] */
    Type *nt = goro_alloc(sizeof *nt);
    nt->named = true;
    nt->pkg = "main";
    nt->name = goro_sprintf("main.%s", name);
    nt->kind = TY_IFACE;
    in->type = nt;
    Sym **tps = goro_alloc(sizeof *tps * (size_t)(n + 1));
    Node **cons = goro_alloc(sizeof *cons * (size_t)(n + 1));
    tparams_of(td->b, tps, cons);
    Type **saved = goro_alloc(sizeof *saved * (size_t)(n + 1));
    FuncState *tmp = top_fs(u);
    bind(tps, args, saved, n);
    Type *under = cg_type(tmp, td->a);
    unbind(tps, saved, n);
    if (!under)
        under = goro_t_any;
    Type *t = goro_type_named("main", name, under);
    int nm = nt->nmethods;
    Method *ms = nt->methods;
    *nt = *t;
    nt->nmethods = nm;
    nt->methods = ms;
    if (nt->id)
        goro_type_table[nt->id] = nt;
    add_methods(u, gen, nt, in->args, n);
    return nt;
}

/* The instance [gen][args] of a generic function: its closure. */
static Value func_instance(FuncState *fs, Sym *gen, Type **args, int n, Node *at)
{
    Inst *in = find_inst(gen, args, n);
    if (in)
        return in->fn;
    if (too_many(fs, at))
        return goro_nil();
    in = new_inst(gen, args, n);
    Node *fn = gen->decl;
    Sym **tps = goro_alloc(sizeof *tps * (size_t)(n + 1));
    Node **cons = goro_alloc(sizeof *cons * (size_t)(n + 1));
    tparams_of(fn->d, tps, cons);
    const char *name = goro_sprintf("main.%s[...]", gen->name);
    Proto *p;
    in->fn = new_closure(fs->u, fn->sym, name, &p);
    /* the function's type, for %T: its signature with the arguments bound */
    Type **saved = goro_alloc(sizeof *saved * (size_t)(n + 1));
    bind(tps, args, saved, n);
    p->type = goro_type_func(cg_func_sig(top_fs(fs->u), fn->b));
    unbind(tps, saved, n);
    queue(fs->u, fn->sym, tps, in->args, n, p, name);
    return in->fn;
}

/* Evaluate explicit type arguments [list] (in the caller's scope);
 * cg_type rejects constraint-only interfaces. */
static bool eval_targs(FuncState *fs, NodeList *list, Type **out)
{
    for (int i = 0; i < list->n; i++) {
        Type *t = cg_type(fs, list->v[i]);
        if (!t) {
            if (!fs->u->diag->count)
                cg_error(fs, list->v[i], "%s is not a type", node_text(list->v[i]));
            return false;
        }
        out[i] = t;
    }
    return true;
}

Type *cg_generic_type(FuncState *fs, Node *e)
{
    Node *g = strip(e->a);
    Sym *gen = g->sym;
    if (gen && gen->kind == SYM_TYPE && gen->type &&
        (gen->type->kind == TY_OBJ || gen->type->kind == TY_FUNC) && gen->type->cls &&
        gen->type->cls->ntparams > 0) {
        /* a generic native type: one type for every instance */
        if (e->list.n != gen->type->cls->ntparams) {
            cg_error(fs, e, "got %d arguments but %d type parameters", e->list.n,
                     gen->type->cls->ntparams);
            return NULL;
        }
        Type **args = goro_alloc(sizeof *args * (size_t)(e->list.n + 1));
        return eval_targs(fs, &e->list, args) ? gen->type : NULL;
    }
    Node *list = tparam_list(gen);
    if (!list || gen->kind != SYM_TYPE) {
        cg_error(fs, e, "%s is not a generic type", node_text(g));
        return NULL;
    }
    int n = count_tparams(list);
    if (e->list.n != n) {
        cg_error(fs, e, "got %d arguments but %d type parameters", e->list.n, n);
        return NULL;
    }
    Type **args = goro_alloc(sizeof *args * (size_t)(n + 1));
    if (!eval_targs(fs, &e->list, args))
        return NULL;
    Sym **tps = goro_alloc(sizeof *tps * (size_t)(n + 1));
    Node **cons = goro_alloc(sizeof *cons * (size_t)(n + 1));
    tparams_of(list, tps, cons);
    if (!find_inst(gen, args, n) && !check_constraints(top_fs(fs->u), e, tps, cons, args, n))
        return NULL;
    return type_instance(fs, gen, args, n, e);
}

bool cg_generic_bare_type(FuncState *fs, Node *e, Sym *s)
{
    if (!tparam_list(s) || s->kind != SYM_TYPE)
        return false;
    cg_error(fs, e, "cannot use generic type %s without instantiation", generic_text(s));
    return true;
}

static bool usable(Node *e, int depth)
{
    /* an interface with type elements is a constraint, not a type */
    Sym *s = e->sym;
    Node *d = s && s->decl && s->decl->kind == N_TYPEDECL ? strip(s->decl->a) : NULL;
    if (!d || d->kind != N_TIFACE || depth > 20)
        return true;
    for (int i = 0; i < d->list.n; i++) {
        Node *m = d->list.v[i];
        if (m->name)
            continue;
        Node *x = strip(m->a);
        if (x->kind == N_TUNION || x->kind == N_TTILDE)
            return false;
        if (x->kind == N_IDENT && x->sym && ((Sym *)x->sym)->type == t_comparable)
            return false;
        if (x->kind == N_IDENT && !usable(x, depth + 1))
            return false;
    }
    return true;
}

bool cg_type_usable(FuncState *fs, Node *e)
{
    GORO_UNUSED(fs);
    return usable(e, 0);
}

/* ------------------------------------------------------------ inference */

typedef struct Infer {
    FuncState *fs;
    int n;
    Sym **tps;
    Type **bound;
    bool *unknown;          /* an argument that would fix it has no known type */
    Node *at;
    bool failed;
} Infer;

static int tparam_index(Infer *in, Node *pat)
{
    pat = strip(pat);
    if (!pat || pat->kind != N_IDENT || !pat->sym)
        return -1;
    for (int i = 0; i < in->n; i++)
        if (in->tps[i] == pat->sym)
            return i;
    return -1;
}

/* Mark every parameter mentioned in [pat] as lacking information. */
static void mark_unknown(Infer *in, Node *pat)
{
    if (!pat)
        return;
    int i = tparam_index(in, pat);
    if (i >= 0) {
        in->unknown[i] = true;
        return;
    }
    mark_unknown(in, pat->a);
    mark_unknown(in, pat->b);
    for (int k = 0; k < pat->list.n; k++)
        mark_unknown(in, pat->list.v[k]);
    for (int k = 0; k < pat->list2.n; k++)
        mark_unknown(in, pat->list2.v[k]);
}

static void bind_one(Infer *in, int i, Type *t, Node *arg)
{
    /* `interface {}` may stand for a type goro could not tell (see the
     * banner): a more precise binding replaces it rather than conflict */
    if (!in->bound[i] || (in->bound[i] == goro_t_any && t != goro_t_any)) {
        in->bound[i] = t;
        return;
    }
    if (in->bound[i] != t && t != goro_t_any && !in->failed) {
        Node *a = strip(arg);
        cg_error(in->fs, arg, "type %s of %s does not match inferred type %s for %s", err_name(t),
                 a && a->kind == N_IDENT ? a->name : "argument", err_name(in->bound[i]),
                 in->tps[i]->name);
        in->failed = true;
    }
}

static Inst *inst_of_type(Type *t)
{
    for (Inst *in = insts; in; in = in->next)
        if (in->type == t)
            return in;
    return NULL;
}

/* Unify the parameter type [pat] with the argument type [t]. */
static void unify(Infer *in, Node *pat, Type *t, Node *arg)
{
    pat = strip(pat);
    if (!pat || !t)
        return;
    int i = tparam_index(in, pat);
    if (i >= 0) {
        bind_one(in, i, t, arg);
        return;
    }
    Type *u = t->under;
    switch (pat->kind) {
    case N_TSLICE:
        if (u->kind == TY_SLICE)
            unify(in, pat->a, u->elem, arg);
        break;
    case N_TARRAY:
        if (u->kind == TY_ARRAY)
            unify(in, pat->a, u->elem, arg);
        break;
    case N_TMAP:
        if (u->kind == TY_MAP) {
            unify(in, pat->a, u->key, arg);
            unify(in, pat->b, u->elem, arg);
        }
        break;
    case N_TPTR:
        if (u->kind == TY_PTR)
            unify(in, pat->a, u->elem, arg);
        break;
    case N_UNARY:
        if (pat->op == TK_STAR && u->kind == TY_PTR)
            unify(in, pat->a, u->elem, arg);
        break;
    case N_TCHAN:
        if (u->kind == TY_CHAN)
            unify(in, pat->a, u->elem, arg);
        break;
    case N_INSTANCE: {
        Inst *ti = inst_of_type(t);
        if (ti && ti->gen == strip(pat->a)->sym)
            for (int k = 0; k < pat->list.n && k < ti->n; k++)
                unify(in, pat->list.v[k], ti->args[k], arg);
        break;
    }
    default:
        break;
    }
}

/* The signature node of a function-valued argument, when evident. */
static Node *arg_signature(Node *arg)
{
    arg = strip(arg);
    if (arg->kind == N_FUNCLIT)
        return arg->a;
    Sym *s = arg->kind == N_IDENT ? arg->sym : NULL;
    if (s && s->kind == SYM_FUNC && s->decl && s->decl->kind == N_FUNCDECL && !s->decl->d)
        return s->decl->b;
    if (s && (s->kind == SYM_VAR || s->kind == SYM_GLOBAL) && s->typenode &&
        strip(s->typenode)->kind == N_TFUNC)
        return strip(s->typenode);
    return NULL;
}

static Type *arg_type(FuncState *fs, Node *e);
static Type *call_type(FuncState *fs, Node *e);

static bool is_untyped_const(FuncState *fs, Node *e)
{
    e = strip(e);
    switch (e->kind) {
    case N_INTLIT: case N_FLOATLIT: case N_IMAGLIT: case N_CHARLIT: case N_STRLIT:
        return true;
    case N_IDENT: {
        Sym *s = e->sym;
        if (!s || s->kind != SYM_CONST)
            return false;
        if (!s->decl)
            return s->name == goro_intern_cstr("true") || s->name == goro_intern_cstr("false");
        return !s->typenode && s->decl->kind == N_CONST && !s->decl->a && cg_sym_untyped(fs->u, s);
    }
    case N_UNARY:
        return e->op != TK_AMP && e->op != TK_STAR && e->op != TK_ARROW && is_untyped_const(fs, e->a);
    case N_BINARY:
        return is_untyped_const(fs, e->a) && is_untyped_const(fs, e->b);
    default:
        return false;
    }
}

/* The default type of an untyped constant expression (Go's "kind" order). */
static Type *default_type(FuncState *fs, Node *e)
{
    e = strip(e);
    switch (e->kind) {
    case N_CHARLIT:
        return goro_t_int32;
    case N_UNARY:
        return e->op == TK_NOT ? goro_t_bool : default_type(fs, e->a);
    case N_BINARY: {
        switch (e->op) {
        case TK_EQ: case TK_NE: case TK_LT: case TK_LE: case TK_GT: case TK_GE:
        case TK_ANDAND: case TK_OROR:
            return goro_t_bool;
        case TK_SHL: case TK_SHR:
            return default_type(fs, e->a);
        default:
            break;
        }
        Type *a = default_type(fs, e->a), *b = default_type(fs, e->b);
        if (goro_type_is_complex(a) || goro_type_is_complex(b))
            return goro_t_complex128;
        if (goro_type_is_float(a) || goro_type_is_float(b))
            return goro_t_float64;
        if (a == goro_t_int32 || b == goro_t_int32)
            return goro_t_int32;
        return a;
    }
    default: {
        Value v;
        if (cg_consteval(fs, e, &v))
            return goro_type_of(v);
        Type *t = cg_static_type(fs, e);
        return t ? t : goro_t_any;
    }
    }
}

/* The parameter type argument [i] of a call is matched against; *elem
 * is set when the argument is a slice passed to a variadic ...T (f(xs...)). */
static Node *param_pattern(NodeList *params, int i, bool spread, bool *elem)
{
    *elem = false;
    if (params->n == 0)
        return NULL;
    Node *last = params->v[params->n - 1];
    if ((last->flags & NF_VARIADIC) && i >= params->n - 1) {
        *elem = spread;
        return last->a;
    }
    return i < params->n ? params->v[i]->a : NULL;
}

/* Unify a func-typed parameter with a function argument's signature. */
static void unify_func(Infer *in, Node *pat, Node *arg)
{
    Node *as = arg_signature(arg);
    if (!as) {
        mark_unknown(in, pat);
        return;
    }
    for (int pass = 0; pass < 2; pass++) {
        NodeList *pl = pass ? &pat->list2 : &pat->list, *al = pass ? &as->list2 : &as->list;
        for (int k = 0; k < pl->n && k < al->n; k++) {
            Type *t = al->v[k]->a ? cg_type(in->fs, al->v[k]->a) : NULL;
            if (t)
                unify(in, pl->v[k]->a, t, arg);
            else
                mark_unknown(in, pl->v[k]->a);
        }
    }
}

static const char *const_text(Node *a)
{
    a = strip(a);
    if (a->kind == N_IDENT)
        return a->name;
    if (a->kind == N_INTLIT)
        return goro_sprintf("%lld", (long long)a->lit.i);
    if (a->kind == N_FLOATLIT)
        return goro_sprintf("%g", a->lit.f);
    if (a->kind == N_IMAGLIT)
        return goro_sprintf("%gi", a->lit.f);
    if (a->kind == N_STRLIT)
        return goro_sprintf("\"%.*s\"", a->lit.s.len, a->lit.s.s);
    return "constant";
}

/* An untyped constant argument for a bare type parameter: its default
 * type, unless typed arguments fixed the parameter (Go 1.19: the first
 * untyped argument's default type wins; a different one is an error). */
static void infer_untyped(Infer *in, int k, Node *arg, bool *from_untyped)
{
    Type *dt = default_type(in->fs, arg);
    if (!in->bound[k]) {
        in->bound[k] = dt;
        from_untyped[k] = true;
        return;
    }
    if (from_untyped[k] && in->bound[k] != dt) {
        cg_error(in->fs, arg, "default type %s of %s does not match inferred type %s for %s",
                 dt->name, const_text(arg), err_name(in->bound[k]), in->tps[k]->name);
        in->failed = true;
    }
}

/* Infer the type arguments of a call of [gen] not given explicitly. */
static bool infer(FuncState *fs, Sym *gen, Node *call, Sym **tps, Type **args, int n, bool *guessed)
{
    Node *sig = gen->decl->b;
    Infer in = {fs, n, tps, args, goro_alloc(sizeof(bool) * (size_t)(n + 1)), call, false};
    bool *from_untyped = goro_alloc(sizeof(bool) * (size_t)(n + 1));
    NodeList *params = &sig->list;
    NodeList *cargs = &call->list;
    bool spread = call->flags & NF_SPREAD;
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < cargs->n && !in.failed; i++) {
            bool elem;
            Node *pat = param_pattern(params, i, spread, &elem);
            Node *arg = cargs->v[i];
            if (!pat)
                continue;
            bool untyped = is_untyped_const(fs, arg);
            if (pass == 1) {
                int k = tparam_index(&in, pat);
                if (untyped && k >= 0)
                    infer_untyped(&in, k, arg, from_untyped);
                continue;
            }
            if (untyped)
                continue;
            if (strip(pat)->kind == N_TFUNC && !elem) {
                unify_func(&in, strip(pat), arg);
                continue;
            }
            Type *t = arg_type(fs, arg);
            if (t && elem)
                t = t->under->kind == TY_SLICE ? t->under->elem : NULL;
            if (t && t->kind != TY_NIL)
                unify(&in, pat, t, arg);
            else
                mark_unknown(&in, pat);
        }
    }
    /* constraint type inference: S bound to IDs with S ~[]E gives E */
    Node **cons = goro_alloc(sizeof *cons * (size_t)(n + 1));
    Sym **dummy = goro_alloc(sizeof *dummy * (size_t)(n + 1));
    tparams_of(tparam_list(gen), dummy, cons);
    for (int round = 0; round < n && !in.failed; round++)
        for (int i = 0; i < n; i++) {
            Node *c = strip(cons[i]);
            if (c && c->kind == N_TUNION && c->list.n == 1)
                c = strip(c->list.v[0]);
            bool core = c && (c->kind == N_TTILDE || (c->kind >= N_TSLICE && c->kind <= N_TPTR));
            if (!args[i] || !core)
                continue;
            unify(&in, c->kind == N_TTILDE ? c->a : c, args[i]->under, NULL);
        }
    if (in.failed)
        return false;
    for (int i = 0; i < n; i++) {
        if (args[i])
            continue;
        if (in.unknown[i]) {
            args[i] = goro_t_any;   /* goro could not tell: dynamic */
            *guessed = true;
            continue;
        }
        Node *d = tps[i] ? tps[i]->decl : NULL;
        cg_error(fs, call, "cannot infer %s (%s:%d:%d)", tps[i] ? tps[i]->name : "_",
                 fs->u->file, d ? d->line : 0, d ? d->col : 0);
        return false;
    }
    return true;
}

/* Type arguments for the generic function [gen] used by [e] (an
 * N_INSTANCE or a bare name), called by [call] (NULL: a value). */
static bool func_targs(FuncState *fs, Sym *gen, Node *e, Node *call, Type ***argsp, int *np)
{
    Node *list = tparam_list(gen);
    int n = count_tparams(list);
    Type **args = goro_alloc(sizeof *args * (size_t)(n + 1));
    Sym **tps = goro_alloc(sizeof *tps * (size_t)(n + 1));
    Node **cons = goro_alloc(sizeof *cons * (size_t)(n + 1));
    tparams_of(list, tps, cons);
    int given = 0;
    bool guessed = false;
    if (e->kind == N_INSTANCE) {
        given = e->list.n;
        if (given > n) {
            cg_error(fs, e->list.v[n], "got %d type arguments but want %d", given, n);
            return false;
        }
        if (!eval_targs(fs, &e->list, args))
            return false;
    }
    if (given < n) {
        if (!call) {
            if (given == 0)
                cg_error(fs, e, "cannot use generic function %s without instantiation", gen->name);
            else
                cg_error(fs, e, "cannot infer %s (%s:%d:%d)", tps[given]->name, fs->u->file,
                         tps[given]->decl->line, tps[given]->decl->col);
            return false;
        }
        if (!infer(fs, gen, call, tps, args, n, &guessed))
            return false;
    }
    bool saved = lenient;
    lenient |= guessed;
    bool ok = find_inst(gen, args, n) || check_constraints(fs, e, tps, cons, args, n);
    lenient = saved;
    if (!ok)
        return false;
    *argsp = args;
    *np = n;
    return true;
}

static Sym *generic_func_sym(Node *f)
{
    f = strip(f);
    if (f->kind == N_INSTANCE)
        f = strip(f->a);
    Sym *s = f->kind == N_IDENT ? f->sym : NULL;
    return s && s->kind == SYM_FUNC && tparam_list(s) ? s : NULL;
}

bool cg_generic_call(FuncState *fs, Node *call, Value *fn)
{
    Node *f = strip(call->a);
    Sym *gen = generic_func_sym(f);
    if (!gen)
        return false;
    Type **args;
    int n;
    *fn = goro_nil();
    if (func_targs(fs, gen, f, call, &args, &n))
        *fn = func_instance(fs, gen, args, n, call);
    return true;
}

bool cg_generic_value(FuncState *fs, Node *e, Value *fn)
{
    e = strip(e);
    Sym *gen = generic_func_sym(e);
    if (!gen) {
        if (e->kind == N_INSTANCE) {
            Node *g = strip(e->a);
            Sym *s = g->sym;
            if (s && s->kind == SYM_TYPE)
                cg_error(fs, e, "%s (type) is not an expression", node_text(e));
            else
                cg_error(fs, e, "invalid operation: cannot index %s", node_text(g));
            *fn = goro_nil();
            return true;
        }
        return false;
    }
    Type **args;
    int n;
    *fn = goro_nil();
    if (func_targs(fs, gen, e, NULL, &args, &n))
        *fn = func_instance(fs, gen, args, n, e);
    return true;
}

/* The result type of x.M() where x's static type is an instance of a
 * generic type (or a pointer to one) and M returns one value. */
static Type *method_result_type(FuncState *fs, Node *f)
{
    Type *rt = arg_type(fs, f->a);
    if (rt && rt->kind == TY_PTR && rt->elem)
        rt = rt->elem;
    Inst *ti = rt ? inst_of_type(rt) : NULL;
    if (!ti)
        return NULL;
    NodeList *items = &generic_methods;
    for (int i = 0; i < items->n; i++) {
        Node *fn = items->v[i], *inst = NULL;
        if (fn->name != f->name || recv_generic(fn, &inst) != ti->gen)
            continue;
        Node *sig = fn->b;
        if (sig->list2.n != 1 || !sig->list2.v[0]->a || inst->list.n != ti->n)
            return NULL;
        Sym **tps = goro_alloc(sizeof *tps * (size_t)(ti->n + 1));
        for (int k = 0; k < ti->n; k++)
            tps[k] = inst->list.v[k]->sym;
        Type **saved = goro_alloc(sizeof *saved * (size_t)(ti->n + 1));
        bind(tps, ti->args, saved, ti->n);
        Type *t = cg_type(top_fs(fs->u), sig->list2.v[0]->a);
        unbind(tps, saved, ti->n);
        return t;
    }
    return NULL;
}

/* The result type of a call of a generic function, or of a method of an
 * instantiated type, when it has one. */
Type *cg_generic_result_type(FuncState *fs, Node *call)
{
    Node *f = strip(call->a);
    if (f->kind == N_SELECTOR && !(f->sym && ((Sym *)f->sym)->kind == SYM_MEMBER))
        return method_result_type(fs, f);
    /* make(chan T), new(T) and functions with one declared result: so
     * `ch := make(chan int); go Worker(ch)` infers T = int */
    Sym *fsym = f->kind == N_IDENT ? f->sym : NULL;
    if (fsym && fsym->kind == SYM_BUILTIN && (fsym->builtin == B_MAKE || fsym->builtin == B_NEW))
        return call_type(fs, call);
    if (fsym && fsym->kind == SYM_FUNC && fsym->decl && fsym->decl->kind == N_FUNCDECL && !fsym->decl->d)
        return call_type(fs, call);
    Sym *gen = generic_func_sym(f);
    Node *sig = gen ? gen->decl->b : NULL;
    if (!sig || sig->list2.n != 1 || !sig->list2.v[0]->a)
        return NULL;
    Type **args;
    int n;
    /* quietly: the call itself reports what is wrong with it */
    static FILE *devnull;
    if (!devnull)
        devnull = fopen("/dev/null", "w");
    if (!devnull)
        return NULL;
    Diag quiet = *fs->u->diag, *real = fs->u->diag;
    quiet.out = devnull;
    quiet.count = 0;
    quiet.last_line = 0;
    fs->u->diag = &quiet;
    bool ok = func_targs(fs, gen, f, call, &args, &n);
    fs->u->diag = real;
    if (!ok)
        return NULL;
    Sym **tps = goro_alloc(sizeof *tps * (size_t)(n + 1));
    Node **cons = goro_alloc(sizeof *cons * (size_t)(n + 1));
    tparams_of(tparam_list(gen), tps, cons);
    Type **saved = goro_alloc(sizeof *saved * (size_t)(n + 1));
    bind(tps, args, saved, n);
    Type *t = cg_type(top_fs(fs->u), sig->list2.v[0]->a);
    unbind(tps, saved, n);
    return t;
}

/* The type of a call of a builtin make/new/len/append or of a
 * non-generic function with one declared result (its returns are
 * coerced to that type, so the type is exact). */
static Type *call_type(FuncState *fs, Node *e)
{
    Node *f = strip(e->a);
    Sym *s = f->kind == N_IDENT ? f->sym : NULL;
    if (s && s->kind == SYM_BUILTIN) {
        if ((s->builtin == B_LEN || s->builtin == B_CAP))
            return goro_t_int;
        if (s->builtin == B_APPEND && e->list.n > 0)
            return arg_type(fs, e->list.v[0]);
        if (s->builtin == B_MAKE && e->list.n > 0)
            return cg_type(fs, e->list.v[0]);
        if (s->builtin == B_NEW && e->list.n > 0) {
            Type *et = cg_type(fs, e->list.v[0]);
            return et ? goro_type_ptr(et) : NULL;
        }
        return NULL;
    }
    if (s && s->kind == SYM_FUNC && s->decl && s->decl->kind == N_FUNCDECL && !s->decl->d) {
        Node *sig = s->decl->b;
        if (sig->list2.n == 1 && sig->list2.v[0]->a)
            return cg_type(top_fs(fs->u), sig->list2.v[0]->a);
    }
    return NULL;
}

/* What inference may know of an argument's type beyond cg_static_type. */
static Type *arg_type(FuncState *fs, Node *e)
{
    Type *t = cg_static_type(fs, e);
    if (t)
        return t;
    e = strip(e);
    switch (e->kind) {
    case N_CALL:
        return call_type(fs, e);
    case N_INDEX:
        return cg_index_type(arg_type(fs, e->a));
    case N_SLICEX: {
        Type *x = arg_type(fs, e->a);
        if (x && x->under->kind == TY_ARRAY)
            return goro_type_slice(x->under->elem);
        return x;
    }
    case N_SELECTOR: {
        Type *x = arg_type(fs, e->a);
        if (x && x->under->kind == TY_PTR && x->under->elem)
            x = x->under->elem;
        if (!x || x->under->kind != TY_STRUCT)
            return NULL;
        for (int i = 0; i < x->under->nfields; i++)
            if (x->under->fnames[i] == e->name)
                return x->under->ftypes[i];
        return NULL;
    }
    case N_UNARY: {
        Type *x = arg_type(fs, e->a);
        if (!x)
            return NULL;
        if (e->op == TK_STAR && x->under->kind == TY_PTR)
            return x->under->elem;
        if (e->op == TK_ARROW && x->under->kind == TY_CHAN)
            return x->under->elem;
        return NULL;
    }
    case N_FUNCLIT:
        return goro_type_func(cg_func_sig(fs, e->a));
    default:
        return NULL;
    }
}

/* ---------------------------------------------------------------- queue */

void cg_generic_finish(Unit *u, ProtoList *all)
{
    while (jobs) {
        Job *j = jobs;
        jobs = j->next;
        if (!jobs)
            jobs_tail = NULL;
        Type **saved = goro_alloc(sizeof *saved * (size_t)(j->n + 1));
        bind(j->tps, j->args, saved, j->n);
        const char *oname = j->fi->name;
        j->fi->proto = j->proto;
        j->fi->name = j->name;
        lenient = j->lenient;
        Proto *p = cg_function(NULL, j->u ? j->u : u, j->fi);
        lenient = false;
        j->fi->name = oname;
        unbind(j->tps, saved, j->n);
        if (all)
            GORO_VEC_PUSH(*all, p);
    }
}
