/* compile_goto.c: goto statements, with Go's rules.
 *
 * A goto jumps to a label of the same function.  Go forbids jumping
 * into a block ("goto L jumps into block starting at POS") and, for a
 * forward jump, over a variable declaration of the label's block
 * ("goto L jumps over declaration of x at POS").  Both are decided on
 * the AST: the path of statement lists from the function body down to
 * the goto and to the label.  Code generation is a JMP, patched when
 * the label is compiled (forward) or at once (backward).  Registers need
 * no care: both ends are statement boundaries of blocks where the
 * label's block is the goto's or encloses it, so the label's live locals
 * are a prefix of the goto's. */
#include <string.h>

#include "codegen.h"

typedef struct GotoLabel {
    struct GotoLabel *next;
    const char *name;
    int pc;                 /* -1 until the label is compiled */
    IntVec pending;         /* forward jumps to it */
} GotoLabel;

/* One level of a path: the statement list, the owner of that list and
 * the index of the statement on the way down. */
typedef struct Step {
    NodeList *list;
    Node *owner;
    int index;
} Step;

#define MAXDEPTH 64

typedef struct Path {
    Step s[MAXDEPTH];
    int n;
} Path;

static bool find_in_list(NodeList *l, Node *owner, Node *target, const char *label, Path *p);

/* Searches the statement lists below statement [n]. */
static bool find_in_stmt(Node *n, Node *target, const char *label, Path *p)
{
    if (!n)
        return false;
    switch (n->kind) {
    case N_BLOCK:
        return find_in_list(&n->list, n, target, label, p);
    case N_IF:
        return find_in_stmt(n->c, target, label, p) || find_in_stmt(n->d, target, label, p);
    case N_FOR: case N_RANGE:
        return find_in_stmt(n->d, target, label, p);
    case N_SWITCH: case N_SELECT:
        for (int i = 0; i < n->list.n; i++)
            if (find_in_list(&n->list.v[i]->list2, n->list.v[i], target, label, p))
                return true;
        return false;
    case N_LABELED:
        return find_in_stmt(n->a, target, label, p);
    default:
        return false;
    }
}

/* The path to [target] (a node) or to the statement labelled [label]. */
static bool find_in_list(NodeList *l, Node *owner, Node *target, const char *label, Path *p)
{
    if (p->n >= MAXDEPTH)
        return false;
    int at = p->n++;
    p->s[at].list = l;
    p->s[at].owner = owner;
    for (int i = 0; i < l->n; i++) {
        Node *n = l->v[i];
        p->s[at].index = i;
        if (n == target || (label && n->kind == N_LABELED && n->name == label))
            return true;
        if (find_in_stmt(n, target, label, p))
            return true;
    }
    p->n--;
    return false;
}

static bool is_var_decl(Node *n, Node **name)
{
    if (n->kind == N_DEFINE && n->list.n) {
        *name = n->list.v[0];
        return true;
    }
    if (n->kind == N_VAR && n->list.n) {
        *name = n->list.v[0];
        return true;
    }
    if (n->kind == N_DECLGROUP)
        for (int i = 0; i < n->list.n; i++)
            if (is_var_decl(n->list.v[i], name))
                return true;
    return false;
}

/* Go's rules for goto [g]; false after reporting a violation. */
static bool check_goto(FuncState *fs, Node *g)
{
    Node *at = g->a ? g->a : g;   /* Go points at the label */
    Node *body = fs->fi->body;
    if (!body)
        return true;
    Path gp = {.n = 0}, lp = {.n = 0};
    if (!find_in_list(&body->list, body, NULL, g->name, &lp)) {
        cg_error(fs, at, "label %s not defined", g->name);
        return false;
    }
    if (!find_in_list(&body->list, body, g, NULL, &gp))
        return true;   /* not reachable by the walk (cannot happen) */
    int k = lp.n - 1;  /* the label's list */
    for (int t = 0; t <= k; t++) {
        bool same_list = t < gp.n && gp.s[t].list == lp.s[t].list;
        bool same_stmt = same_list && gp.s[t].index == lp.s[t].index;
        if (!same_list || (t < k && !same_stmt)) {
            /* the label is inside a block the goto is not in */
            Node *b = lp.s[same_list ? t + 1 : t].owner;
            cg_error(fs, at, "goto %s jumps into block starting at %s:%d:%d", g->name, fs->u->file,
                     b->line, b->col);
            return false;
        }
    }
    NodeList *l = lp.s[k].list;
    for (int i = gp.s[k].index + 1; i < lp.s[k].index; i++) {
        Node *name;
        if (is_var_decl(l->v[i], &name)) {
            Node *d = l->v[i]->kind == N_DEFINE ? l->v[i] : name;
            cg_error(fs, at, "goto %s jumps over declaration of %s at %s:%d:%d", g->name, name->name,
                     fs->u->file, d->line, d->col);
            return false;
        }
    }
    return true;
}

static GotoLabel *label_of(FuncState *fs, const char *name)
{
    for (GotoLabel *l = fs->gotos; l; l = l->next)
        if (l->name == name)
            return l;
    GotoLabel *l = goro_alloc(sizeof *l);
    l->name = name;
    l->pc = -1;
    l->next = fs->gotos;
    fs->gotos = l;
    return l;
}

void cg_goto(FuncState *fs, Node *g)
{
    if (!check_goto(fs, g))
        return;
    GotoLabel *l = label_of(fs, g->name);
    int j = cg_emit_jump(fs);
    if (l->pc >= 0)
        cg_patch(fs, j, l->pc);
    else
        goro_intvec_push(&l->pending, j);
}

void cg_label_here(FuncState *fs, const char *name)
{
    GotoLabel *l = label_of(fs, name);
    l->pc = cg_here(fs);
    cg_patch_list(fs, &l->pending, l->pc);
    l->pending.n = 0;
}
