/* rangefunc.c: range over a function (Go 1.23's iterators), rewritten
 * before resolution into a call of the function with the loop body as
 * its yield, as Go's compiler does:
 *
 *   for k, v := range f { body }
 *
 * becomes
 *
 *   {
 *       var .b int            // 0 running, 1 broke, 2 returned, 3 done
 *       var .r0 T0 ...        // the results of a return in body
 *       f(func(k, v, .rest ...any) bool {
 *           if .b != 0 { panic(...) }   // yield called after false
 *           body'
 *           return true
 *       })
 *       if .b == 2 { return .r0, ... }
 *       .b = 3
 *   }
 *
 * In body', `continue` is `return true`, `break` is `.b = 1; return
 * false`, and `return x` is `.r0 = x; .b = 2; return false`; the
 * statements the loop's label names are treated alike.  Nested
 * range-over-func loops are rewritten when the resolver reaches them, so
 * a return several loops deep travels out one closure at a time.  The
 * closure captures the loop's variables, which the resolver then boxes
 * as for any closure.  Not supported (a clear error): defer in the body,
 * and break, continue or goto to a label outside the loop. */
#include <stdio.h>
#include <string.h>

#include "ast.h"
#include "common.h"
#include "diag.h"
#include "parser.h"
#include "rangefunc.h"

typedef struct RF {
    Node *at;               /* the range statement, for positions */
    const char *label;      /* the loop's label, or NULL */
    Node *sig;              /* the enclosing function's signature */
    const char *flag;       /* .b */
    const char **rnames;    /* where a return's values go */
    int nres;
    Diag *diag;
    const char *inner[64];  /* labels declared inside the body */
    int ninner;
} RF;

static Node *mk(int kind, Node *at) { return ast_new_at(kind, at); }

static Node *ident(const char *name, Node *at)
{
    Node *n = mk(N_IDENT, at);
    n->name = goro_intern_cstr(name);
    return n;
}

static Node *int_lit(int64_t v, Node *at)
{
    Node *n = mk(N_INTLIT, at);
    n->lit.i = v;
    return n;
}

static Node *list1(int kind, Node *x, Node *at)
{
    Node *n = mk(kind, at);
    goro_ast_list_push(&n->list, x);
    return n;
}

static Node *assign(Node *lhs, Node *rhs, Node *at)
{
    Node *n = list1(N_ASSIGN, lhs, at);
    goro_ast_list_push(&n->list2, rhs);
    return n;
}

static Node *binary(int op, Node *a, Node *b, Node *at)
{
    Node *n = mk(N_BINARY, at);
    n->op = (uint16_t)op;
    n->a = a;
    n->b = b;
    return n;
}

static Node *bool_return(bool v, Node *at) { return list1(N_RETURN, ident(v ? "true" : "false", at), at); }

/* if .b == k { then } */
static Node *if_flag(RF *rf, int op, int k, Node *then, Node *at)
{
    Node *n = mk(N_IF, at);
    n->b = binary(op, ident(rf->flag, at), int_lit(k, at), at);
    n->c = then;
    return n;
}

/* { panic("...") } */
static Node *panic_block(const char *msg, Node *at)
{
    Node *s = mk(N_STRLIT, at);
    s->lit.s.s = (char *)msg;
    s->lit.s.len = (int)strlen(msg);
    Node *call = mk(N_CALL, at);
    call->a = ident("panic", at);
    goro_ast_list_push(&call->list, s);
    Node *e = mk(N_EXPRSTMT, at);
    e->a = call;
    return list1(N_BLOCK, e, at);
}

/* { .b = k; return false } */
static Node *leave(RF *rf, int k, Node *at)
{
    Node *b = list1(N_BLOCK, assign(ident(rf->flag, at), int_lit(k, at), at), at);
    goro_ast_list_push(&b->list, bool_return(false, at));
    return b;
}

static bool inner_label(RF *rf, const char *name)
{
    for (int i = 0; i < rf->ninner; i++)
        if (rf->inner[i] == name)
            return true;
    return false;
}

static void unsupported(RF *rf, Node *n, const char *what)
{
    goro_diag_error(rf->diag, n->line, n->col,
                    "%s in the body of a range-over-func loop is not supported by goro", what);
}

static void collect_labels(RF *rf, Node *n);

static void collect_list(RF *rf, NodeList *l)
{
    for (int i = 0; i < l->n; i++)
        collect_labels(rf, l->v[i]);
}

/* The labels declared in the body, which its goto/break/continue may name. */
static void collect_labels(RF *rf, Node *n)
{
    if (!n)
        return;
    switch (n->kind) {
    case N_LABELED:
        if (rf->ninner < 64)
            rf->inner[rf->ninner++] = n->name;
        collect_labels(rf, n->a);
        break;
    case N_BLOCK:
        collect_list(rf, &n->list);
        break;
    case N_IF:
        collect_labels(rf, n->c);
        collect_labels(rf, n->d);
        break;
    case N_FOR: case N_RANGE:
        collect_labels(rf, n->d);
        break;
    case N_SWITCH: case N_SELECT:
        collect_list(rf, &n->list);
        break;
    case N_CASE: case N_COMM:
        collect_list(rf, &n->list2);
        break;
    default:
        break;
    }
}

static Node *walk(RF *rf, Node *n, int brk, int loop);

static void walk_list(RF *rf, NodeList *l, int brk, int loop)
{
    for (int i = 0; i < l->n; i++)
        l->v[i] = walk(rf, l->v[i], brk, loop);
}

/* return x, y inside the body */
static Node *rewrite_return(RF *rf, Node *n)
{
    Node *b = mk(N_BLOCK, n);
    if (n->list.n > 0) {
        Node *as = mk(N_ASSIGN, n);
        for (int i = 0; i < rf->nres; i++)
            goro_ast_list_push(&as->list, ident(rf->rnames[i], n));
        as->list2 = n->list;
        goro_ast_list_push(&b->list, as);
    }
    Node *l = leave(rf, 2, n);
    for (int i = 0; i < l->list.n; i++)
        goro_ast_list_push(&b->list, l->list.v[i]);
    return b;
}

static Node *walk(RF *rf, Node *n, int brk, int loop)
{
    if (!n)
        return n;
    switch (n->kind) {
    case N_BREAK:
        if (n->name ? n->name == rf->label : brk == 0)
            return leave(rf, 1, n);
        if (n->name && !inner_label(rf, n->name))
            unsupported(rf, n, "break to a label outside the loop");
        return n;
    case N_CONTINUE:
        if (n->name ? n->name == rf->label : loop == 0)
            return bool_return(true, n);
        if (n->name && !inner_label(rf, n->name))
            unsupported(rf, n, "continue to a label outside the loop");
        return n;
    case N_GOTO:
        if (!inner_label(rf, n->name))
            unsupported(rf, n, "goto out of the loop");
        return n;
    case N_RETURN:
        return rewrite_return(rf, n);
    case N_DEFER:
        unsupported(rf, n, "defer");
        return n;
    case N_BLOCK:
        walk_list(rf, &n->list, brk, loop);
        return n;
    case N_IF:
        n->c = walk(rf, n->c, brk, loop);
        n->d = walk(rf, n->d, brk, loop);
        return n;
    case N_FOR: case N_RANGE:
        n->d = walk(rf, n->d, brk + 1, loop + 1);
        return n;
    case N_SWITCH: case N_SELECT:
        walk_list(rf, &n->list, brk + 1, loop);
        return n;
    case N_CASE: case N_COMM:
        walk_list(rf, &n->list2, brk, loop);
        return n;
    case N_LABELED:
        n->a = walk(rf, n->a, brk, loop);
        return n;
    default:
        return n;
    }
}

Node *goro_rangefunc_rewrite(Node *range, const char *label, Node *sig, Diag *diag)
{
    static int serial;
    int id = ++serial;
    Node *at = range;
    RF rf = {.at = at, .label = label, .sig = sig, .diag = diag};
    rf.flag = goro_intern_cstr(goro_sprintf(".rf%d.b", id));
    Node *out = mk(N_BLOCK, at);

    /* var .b int */
    Node *vb = list1(N_VAR, ident(rf.flag, at), at);
    vb->a = ident("int", at);
    goro_ast_list_push(&out->list, vb);

    /* where a return's values go: the named results, or temporaries */
    NodeList *res = sig ? &sig->list2 : NULL;
    rf.nres = res ? res->n : 0;
    rf.rnames = goro_alloc(sizeof(const char *) * (size_t)(rf.nres + 1));
    bool named = rf.nres > 0 && res->v[0]->name;
    for (int i = 0; i < rf.nres; i++) {
        if (named) {
            rf.rnames[i] = res->v[i]->name;
            continue;
        }
        rf.rnames[i] = goro_intern_cstr(goro_sprintf(".rf%d.r%d", id, i));
        Node *v = list1(N_VAR, ident(rf.rnames[i], at), at);
        v->a = res->v[i]->a;
        goro_ast_list_push(&out->list, v);
    }

    /* the yield function: the loop variables as its parameters */
    Node *ft = mk(N_TFUNC, at);
    Node *body = mk(N_BLOCK, at);
    goro_ast_list_push(&body->list, if_flag(&rf, TK_EQ, 3,
        panic_block("runtime error: range function continued iteration after whole loop exit", at), at));
    goro_ast_list_push(&body->list, if_flag(&rf, TK_NE, 0,
        panic_block("runtime error: range function continued iteration after function for loop body returned false", at), at));
    bool define = range->flags & NF_DEFINE;
    for (int i = 0; i < range->list.n; i++) {
        Node *x = range->list.v[i];
        Node *p = mk(N_PARAM, x);
        if (define && x->kind == N_IDENT) {
            p->name = x->name;
        } else {
            p->name = goro_intern_cstr(goro_sprintf(".rf%d.p%d", id, i));
            if (!(x->kind == N_IDENT && x->name[0] == '_' && !x->name[1]))
                goro_ast_list_push(&body->list, assign(x, ident(p->name, x), x));
        }
        goro_ast_list_push(&ft->list, p);
    }
    Node *rest = mk(N_PARAM, at);   /* the values no variable takes */
    rest->name = goro_intern_cstr(goro_sprintf(".rf%d.rest", id));
    rest->a = ident("any", at);
    rest->flags |= NF_VARIADIC;
    goro_ast_list_push(&ft->list, rest);
    Node *rt = mk(N_PARAM, at);
    rt->a = ident("bool", at);
    goro_ast_list_push(&ft->list2, rt);

    Node *lb = range->d;
    collect_labels(&rf, lb);
    lb = walk(&rf, lb, 0, 0);
    goro_ast_list_push(&body->list, lb);
    goro_ast_list_push(&body->list, bool_return(true, at));

    Node *lit = mk(N_FUNCLIT, at);
    lit->a = ft;
    lit->b = body;
    Node *call = mk(N_CALL, range->a);
    call->a = range->a;
    goro_ast_list_push(&call->list, lit);
    Node *cs = mk(N_EXPRSTMT, at);
    cs->a = call;
    goro_ast_list_push(&out->list, cs);

    /* after the loop: finish a return from inside it */
    Node *ret = mk(N_RETURN, at);
    if (!named)
        for (int i = 0; i < rf.nres; i++)
            goro_ast_list_push(&ret->list, ident(rf.rnames[i], at));
    goro_ast_list_push(&out->list, if_flag(&rf, TK_EQ, 2, list1(N_BLOCK, ret, at), at));
    goro_ast_list_push(&out->list, assign(ident(rf.flag, at), int_lit(3, at), at));
    return out;
}
