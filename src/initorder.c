/* initorder.c: the order in which package-level variables are
 * initialised (Go spec, "Package initialization").
 *
 * A variable is initialised after every package variable its initialiser
 * refers to, directly or through the functions it calls: repeatedly take
 * the earliest declaration, in source order, whose dependencies are all
 * initialised.  A dependency on itself, or a cycle, is an error
 * ("initialization cycle").  Method calls cannot be followed without
 * types and are not counted. */
#include "codegen.h"

typedef struct SymSet {
    Sym **v;
    int n, cap;
} SymSet;

static void add(SymSet *s, Sym *x)
{
    for (int i = 0; i < s->n; i++)
        if (s->v[i] == x)
            return;
    GORO_VEC_PUSH(*s, x);
}

typedef struct Walk {
    SymSet *deps;
    SymSet seen_funcs;
    int depth;
} Walk;

static void walk(Walk *w, Node *n);

static void walk_list(Walk *w, NodeList *l)
{
    for (int i = 0; i < l->n; i++)
        walk(w, l->v[i]);
}

/* Every package variable [n] refers to, following calls of package functions. */
static void walk(Walk *w, Node *n)
{
    if (!n || w->depth > 2000)
        return;
    w->depth++;
    if ((n->kind == N_IDENT || n->kind == N_SELECTOR) && n->sym) {
        Sym *s = n->sym;
        if (s->kind == SYM_GLOBAL && s->decl && s->decl->kind == N_IDENT)
            add(w->deps, s);
        if (s->kind == SYM_FUNC && s->decl) {
            bool seen = false;
            for (int i = 0; i < w->seen_funcs.n; i++)
                seen |= w->seen_funcs.v[i] == s;
            if (!seen) {
                GORO_VEC_PUSH(w->seen_funcs, s);
                walk(w, s->decl->c);   /* the function's body */
            }
        }
    }
    if (n->kind != N_FUNCDECL) {
        walk(w, n->a);
        walk(w, n->b);
        walk(w, n->c);
        walk(w, n->d);
        walk_list(w, &n->list);
        walk_list(w, &n->list2);
    }
    w->depth--;
}

void goro_init_order(Unit *u, NodeList *specs, NodeList *out)
{
    int n = specs->n;
    SymSet *deps = goro_alloc(sizeof(SymSet) * (size_t)(n + 1));
    for (int i = 0; i < n; i++) {
        Walk w = {&deps[i], {0}, 0};
        walk_list(&w, &specs->v[i]->list2);
    }
    bool *done = goro_alloc(sizeof(bool) * (size_t)(n + 1));
    /* the spec that declares a given global */
    for (int emitted = 0; emitted < n;) {
        int pick = -1;
        for (int i = 0; i < n && pick < 0; i++) {
            if (done[i])
                continue;
            bool ready = true;
            for (int d = 0; d < deps[i].n && ready; d++) {
                Sym *s = deps[i].v[d];
                for (int j = 0; j < n; j++) {
                    if (done[j])
                        continue;
                    for (int k = 0; k < specs->v[j]->list.n; k++)
                        if (specs->v[j]->list.v[k]->sym == s)
                            ready = false;
                }
            }
            if (ready)
                pick = i;
        }
        if (pick < 0) {
            /* a cycle: report it at the first one left, then keep source order */
            for (int i = 0; i < n; i++) {
                if (!done[i]) {
                    Node *sp = specs->v[i];
                    goro_diag_error(u->diag, sp->line, sp->col, "initialization cycle: %s refers to itself",
                                    sp->list.v[0]->name);
                    break;
                }
            }
            for (int i = 0; i < n; i++)
                if (!done[i])
                    goro_ast_list_push(out, specs->v[i]);
            return;
        }
        done[pick] = true;
        goro_ast_list_push(out, specs->v[pick]);
        emitted++;
    }
}
