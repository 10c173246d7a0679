/* compile.c: the code generator's driver: functions, statements, and the
 * entry points for programs and REPL lines.  Expressions are in
 * compile_expr.c, types and constants in compile_type.c. */
#include <stdarg.h>
#include <stdio.h>

#include "codegen.h"
#include "parse.h"
#include "parser.h"
#include "pkg.h"

/* ------------------------------------------------------------- emitting */

void cg_error(FuncState *fs, Node *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char buf[512];
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    goro_diag_error(fs->u->diag, n ? n->line : fs->line, n ? n->col : 0, "%s", buf);
}

void goro_intvec_push(IntVec *v, int x) { GORO_VEC_PUSH(*v, x); }

int cg_emit(FuncState *fs, Instr i)
{
    if (fs->ncode == fs->capcode) {
        fs->capcode = fs->capcode ? fs->capcode * 2 : 64;
        fs->code = goro_realloc(fs->code, sizeof(Instr) * (size_t)fs->capcode);
        fs->lines = goro_realloc(fs->lines, sizeof(int32_t) * (size_t)fs->capcode);
    }
    fs->code[fs->ncode] = i;
    fs->lines[fs->ncode] = fs->line;
    return fs->ncode++;
}

int cg_emit_abc(FuncState *fs, int op, int a, int b, int c)
{
    return cg_emit(fs, MK_ABC(op, a, b, c));
}

int cg_emit_abx(FuncState *fs, int op, int a, int bx)
{
    return cg_emit(fs, MK_ABx(op, a, bx));
}

int cg_emit_asbx(FuncState *fs, int op, int a, int sbx)
{
    return cg_emit(fs, MK_AsBx(op, a, sbx));
}

int cg_here(FuncState *fs) { return fs->ncode; }

int cg_emit_jump(FuncState *fs) { return cg_emit(fs, MK_sJ(OP_JMP, 0)); }

int cg_emit_cjump(FuncState *fs, int op, int reg) { return cg_emit_asbx(fs, op, reg, 0); }

void cg_patch(FuncState *fs, int at, int target)
{
    Instr i = fs->code[at];
    int off = target - (at + 1);
    if (GET_OP(i) == OP_JMP) {
        if (off >= OFFSET_sJ || off < -OFFSET_sJ)
            cg_error(fs, NULL, "function too large (jump out of range)");
        fs->code[at] = MK_sJ(OP_JMP, off);
    } else {
        if (off > 32768 || off < -OFFSET_sBx)
            cg_error(fs, NULL, "function too large (jump out of range)");
        fs->code[at] = MK_AsBx(GET_OP(i), GETARG_A(i), off);
    }
}

void cg_patch_here(FuncState *fs, int at) { cg_patch(fs, at, fs->ncode); }

static bool const_same(Value a, Value b)
{
    if (a.tt != b.tt || a.aux != b.aux)
        return false;
    if (VKIND(a) == VK_STRING)
        return memcmp(a.u.s, b.u.s, a.aux) == 0;
    return a.u.i == b.u.i;
}

int cg_const(FuncState *fs, Value v)
{
    /* share equal constants (a linear scan stays cheap: most functions
     * have a handful) */
    int lim = fs->nk < 256 ? 0 : fs->nk - 256;
    for (int i = fs->nk - 1; i >= lim; i--)
        if (const_same(fs->k[i], v))
            return i;
    if (fs->nk >= MAXARG_Bx) {
        cg_error(fs, NULL, "function has too many constants");
        return 0;
    }
    if (fs->nk == fs->capk) {
        fs->capk = fs->capk ? fs->capk * 2 : 16;
        fs->k = goro_realloc(fs->k, sizeof(Value) * (size_t)fs->capk);
    }
    fs->k[fs->nk] = v;
    return fs->nk++;
}

int cg_alloc(FuncState *fs, int n)
{
    int r = fs->freereg;
    fs->freereg += n;
    if (fs->freereg > GORO_MAX_REGS) {
        cg_error(fs, NULL, "function or expression too complex (more than %d registers)",
                 GORO_MAX_REGS);
        fs->freereg = r;   /* keep going to report other errors */
        return r;
    }
    if (fs->freereg > fs->maxregs)
        fs->maxregs = fs->freereg;
    return r;
}

void cg_free_to(FuncState *fs, int reg)
{
    if (reg < fs->freereg)
        fs->freereg = reg;
}

void cg_load_const(FuncState *fs, Value v, int reg)
{
    switch (VKIND(v)) {
    case VK_NIL:
        cg_emit_abc(fs, OP_LOADNIL, reg, 0, 0);
        return;
    case VK_BOOL:
        if (v.tt != VK_BOOL)    /* a named bool type's constant: keep its type */
            break;
        cg_emit_abc(fs, OP_LOADBOOL, reg, (int)v.u.i, 0);
        return;
    case VK_INT:
        if (v.tt == VK_INT && v.u.i >= -OFFSET_sBx && v.u.i <= 32768) {
            cg_emit_asbx(fs, OP_LOADI, reg, (int)v.u.i);
            return;
        }
        break;
    default:
        break;
    }
    cg_emit_abx(fs, OP_LOADK, reg, cg_const(fs, v));
}

void cg_bind_local(FuncState *fs, Sym *s, int reg)
{
    s->reg = reg;
    if (s->captured)
        cg_emit_abc(fs, OP_NEWBOX, reg, reg, 0);
}

/* ------------------------------------------------------------ statements */

static Target *push_target(FuncState *fs, bool is_loop, const char *label)
{
    Target *t = goro_alloc(sizeof *t);
    t->prev = fs->targets;
    t->is_loop = is_loop;
    t->label = label;
    t->freereg = fs->freereg;
    fs->label = NULL;
    fs->targets = t;
    return t;
}

static void pop_target(FuncState *fs, Target *t, int continue_at)
{
    for (int i = 0; i < t->breaks.n; i++)
        cg_patch_here(fs, t->breaks.v[i]);
    for (int i = 0; i < t->continues.n; i++)
        cg_patch(fs, t->continues.v[i], continue_at);
    fs->targets = t->prev;
}

void cg_block(FuncState *fs, NodeList *stmts)
{
    int saved = fs->freereg;
    for (int i = 0; i < stmts->n; i++)
        cg_stmt(fs, stmts->v[i]);
    fs->freereg = saved;
}

static void zero_value_to(FuncState *fs, Type *t, int reg)
{
    if (!t || t->kind == TY_IFACE || t->kind == TY_NIL) {
        cg_emit_abc(fs, OP_LOADNIL, reg, 0, 0);
        return;
    }
    if (t->kind == TY_ARRAY || t->kind == TY_STRUCT || t->kind == TY_OBJ) {
        cg_emit_abx(fs, OP_ZERO, reg, cg_const(fs, goro_ptrval(VK_TYPE, t)));
        return;
    }
    cg_load_const(fs, goro_type_zero(t), reg);
}

/* var x T = v / var x = v / var x T */
static void var_spec(FuncState *fs, Node *spec)
{
    Type *t = spec->a ? cg_type(fs, spec->a) : NULL;
    int n = spec->list.n;
    int base = fs->freereg;
    if (spec->list2.n == 1 && !cg_check_result_count(fs, spec->list2.v[0], n, spec))
        return;
    if (spec->list2.n == 0) {
        for (int i = 0; i < n; i++)
            zero_value_to(fs, t, cg_alloc(fs, 1));
    } else if (spec->list2.n == n) {
        for (int i = 0; i < n; i++) {
            int r = cg_alloc(fs, 1);
            if (t || cg_const_default_fits(fs, spec->list2.v[i], "variable declaration"))
                cg_expr_to_type(fs, spec->list2.v[i], r, t);
            if (t && cg_check_implements(fs, t, spec->list2.v[i], "variable declaration") &&
                cg_check_assignable(fs, t, spec->list2.v[i], "variable declaration"))
                cg_coerce(fs, t, r, spec->list2.v[i]);
        }
    } else {
        cg_alloc(fs, n);
        cg_expr_multi(fs, spec->list2.v[0], base, n);
        if (t)
            for (int i = 0; i < n; i++)
                cg_coerce(fs, t, base + i, NULL);
    }
    /* bind: locals take the registers; package-level names (REPL) store */
    int top = base + n;
    for (int i = 0; i < n; i++) {
        Node *id = spec->list.v[i];
        Sym *s = id->sym;
        if (!s)
            continue;
        s->type = t ? t : (spec->list2.n == n ? cg_static_type(fs, spec->list2.v[i]) : NULL);
        if (s->kind == SYM_GLOBAL)
            cg_store_sym(fs, s, base + i);
        else
            cg_bind_local(fs, s, base + i);
    }
    bool any_global = false;
    for (int i = 0; i < n; i++) {
        Sym *s = spec->list.v[i]->sym;
        any_global |= s && s->kind == SYM_GLOBAL;
    }
    if (any_global)
        cg_free_to(fs, base);
    else
        fs->freereg = top;
}

static void decl_stmt(FuncState *fs, Node *n)
{
    switch (n->kind) {
    case N_VAR:
        var_spec(fs, n);
        break;
    case N_CONST:
        for (int i = 0; i < n->list.n; i++)
            if (n->list.v[i]->sym)
                cg_sym_const(fs->u, n->list.v[i]->sym);
        break;
    case N_TYPEDECL:
        if (n->sym)
            cg_type_of_sym(fs->u, n->sym);
        break;
    case N_DECLGROUP:
        for (int i = 0; i < n->list.n; i++)
            decl_stmt(fs, n->list.v[i]);
        break;
    }
}

/* x, y := f() where f is a function of this package with declared
 * results: the counts must agree, as Go checks at compile time. */
bool cg_check_result_count(FuncState *fs, Node *rhs, int want, Node *at)
{
    while (rhs->kind == N_PAREN)
        rhs = rhs->a;
    if (rhs->kind != N_CALL)
        return true;
    Node *f = rhs->a;
    while (f->kind == N_PAREN)
        f = f->a;
    Sym *s = f->kind == N_IDENT ? f->sym : NULL;
    Node *sig = NULL;
    const char *name = NULL;
    if (s && s->kind == SYM_FUNC && s->decl)
        sig = s->decl->b, name = s->name;
    else if (f->kind == N_FUNCLIT)
        sig = f->a, name = "func literal";
    if (!sig || sig->list2.n == 0)
        return true;
    int have = sig->list2.n;
    if (have == want)
        return true;
    cg_error(fs, at, "assignment mismatch: %d variable%s but %s returns %d value%s", want,
             want == 1 ? "" : "s", name, have, have == 1 ? "" : "s");
    return false;
}

static void define_stmt(FuncState *fs, Node *n)
{
    int nl = n->list.n, nr = n->list2.n;
    if (nr == 1 && !cg_check_result_count(fs, n->list2.v[0], nl, n))
        return;
    int base = fs->freereg;
    cg_alloc(fs, nl);
    if (nr == nl) {
        for (int i = 0; i < nl; i++)
            if (cg_const_default_fits(fs, n->list2.v[i], "assignment"))
                cg_expr_to(fs, n->list2.v[i], base + i);
    } else if (nr == 1) {
        cg_expr_multi(fs, n->list2.v[0], base, nl);
    } else {
        cg_error(fs, n, "assignment mismatch: %d variables but %d values", nl, nr);
        return;
    }
    bool keep = false;
    for (int i = 0; i < nl; i++) {
        Node *id = n->list.v[i];
        Sym *s = id->sym;
        if (!s)
            continue;   /* _ */
        if (s->reg >= 0 && s->kind == SYM_VAR && s->fn == fs->fi && s->decl != id) {
            /* an existing variable of this scope: assign */
            cg_store_sym(fs, s, base + i);
            continue;
        }
        if (s->kind == SYM_GLOBAL) {
            if (nr == nl)
                s->type = cg_static_type(fs, n->list2.v[i]);
            cg_store_sym(fs, s, base + i);
            continue;
        }
        if (s->decl != id) {
            cg_store_sym(fs, s, base + i);
            continue;
        }
        if (nr == nl)
            s->type = cg_static_type_ext(fs, n->list2.v[i]);
        cg_bind_local(fs, s, base + i);
        keep = true;
    }
    if (!keep)
        cg_free_to(fs, base);
    else
        fs->freereg = base + nl;
}

static void if_stmt(FuncState *fs, Node *n)
{
    int saved = fs->freereg;
    if (n->a)
        cg_stmt(fs, n->a);
    IntVec jf = {0};
    cg_cond(fs, n->b, false, &jf);
    cg_block(fs, &n->c->list);
    if (n->d) {
        int jend = cg_emit_jump(fs);
        cg_patch_list(fs, &jf, cg_here(fs));
        if (n->d->kind == N_IF)
            if_stmt(fs, n->d);
        else
            cg_block(fs, &n->d->list);
        cg_patch_here(fs, jend);
    } else {
        cg_patch_list(fs, &jf, cg_here(fs));
    }
    fs->freereg = saved;
}

/* Go 1.22: each iteration has its own copy of the loop variables.  A
 * captured variable lives in a box, so before the post statement the
 * next iteration gets a new box holding the current value. */
static void fresh_loop_vars(FuncState *fs, Node *init)
{
    if (!init || init->kind != N_DEFINE)
        return;
    for (int i = 0; i < init->list.n; i++) {
        Sym *s = init->list.v[i]->sym;
        if (s && s->kind == SYM_VAR && s->captured && s->reg >= 0) {
            int t = cg_alloc(fs, 1);
            cg_emit_abc(fs, OP_GETBOX, t, s->reg, 0);
            cg_emit_abc(fs, OP_NEWBOX, s->reg, t, 0);
            cg_free_to(fs, t);
        }
    }
}

/* The condition goes after the body (loop rotation): one test and one
 * jump per iteration instead of a test, a jump out and a jump back. */
static void for_stmt(FuncState *fs, Node *n)
{
    const char *label = fs->label;
    fs->label = NULL;
    int saved = fs->freereg;
    if (n->a)
        cg_stmt(fs, n->a);
    int jcond = n->b ? cg_emit_jump(fs) : -1;
    int body = cg_here(fs);
    Target *t = push_target(fs, true, label);
    cg_block(fs, &n->d->list);
    int cont = cg_here(fs);
    fresh_loop_vars(fs, n->a);
    if (n->c)
        cg_stmt(fs, n->c);
    if (n->b) {
        cg_patch_here(fs, jcond);
        fs->line = n->b->line;
        IntVec jt = {0};
        cg_cond(fs, n->b, true, &jt);
        cg_patch_list(fs, &jt, body);
    } else {
        int j = cg_emit_jump(fs);
        cg_patch(fs, j, body);
    }
    pop_target(fs, t, cont);
    fs->freereg = saved;
}

/* The static types of the key and value a range over [x] yields. */
static void range_types(FuncState *fs, Node *x, Type **kt, Type **vt)
{
    Type *t = cg_static_type_ext(fs, x);
    if (!t)
        return;
    Type *u = t->under;
    if (u->kind == TY_PTR && u->elem && u->elem->under->kind == TY_ARRAY)
        u = u->elem->under;
    switch (u->kind) {
    case TY_SLICE: case TY_ARRAY:
        *kt = goro_t_int, *vt = u->elem;
        break;
    case TY_STRING:
        *kt = goro_t_int, *vt = goro_t_int32;
        break;
    case TY_MAP:
        *kt = u->key, *vt = u->elem;
        break;
    case TY_CHAN:
        *kt = u->elem;
        break;
    default:
        if (goro_type_is_int(u))
            *kt = t;
        break;
    }
}

static void range_stmt(FuncState *fs, Node *n)
{
    const char *label = fs->label;
    fs->label = NULL;
    int saved = fs->freereg;
    int base = cg_alloc(fs, 4);
    Type *ct = n->list.n > 1 ? cg_static_type_ext(fs, n->a) : NULL;
    if (ct && ct->under->kind == TY_CHAN)
        cg_error(fs, n->list.v[1], "range over %s permits only one iteration variable",
                 cg_operand_text(fs, n->a, ct));
    cg_check_chan_op(fs, n->a, CHAN_OP_RANGE);
    cg_expr_to(fs, n->a, base);
    cg_emit_abc(fs, OP_RANGEPREP, base, 0, 0);
    int top = cg_here(fs);
    int jexit = cg_emit_asbx(fs, OP_RANGENEXT, base, 0);
    Target *t = push_target(fs, true, label);
    int body_saved = fs->freereg;
    if (n->flags & NF_DEFINE) {
        Type *kt = NULL, *vt = NULL;
        range_types(fs, n->a, &kt, &vt);
        for (int i = 0; i < n->list.n; i++) {
            Sym *s = n->list.v[i]->sym;
            if (!s)
                continue;
            s->type = i == 0 ? kt : vt;
            if (s->captured) {
                int r = cg_alloc(fs, 1);
                s->reg = r;
                cg_emit_abc(fs, OP_NEWBOX, r, base + 2 + i, 0);
            } else {
                s->reg = base + 2 + i;
            }
        }
    } else {
        for (int i = 0; i < n->list.n; i++) {
            Node *x = n->list.v[i];
            if (x->kind == N_IDENT && x->name[0] == '_' && x->name[1] == 0)
                continue;
            cg_assign(fs, x, base + 2 + i);
        }
    }
    cg_block(fs, &n->d->list);
    fs->freereg = body_saved;
    int j = cg_emit_jump(fs);
    cg_patch(fs, j, top);
    cg_patch_here(fs, jexit);
    pop_target(fs, t, top);
    fs->freereg = saved;
}

static bool ends_with_fallthrough(Node *c)
{
    for (int i = c->list2.n - 1; i >= 0; i--) {
        Node *s = c->list2.v[i];
        if (!s || s->kind == N_EMPTY)
            continue;
        return s->kind == N_FALLTHROUGH;
    }
    return false;
}

static bool is_nil_ident(Node *e)
{
    return e->kind == N_IDENT && e->sym && ((Sym *)e->sym)->kind == SYM_NIL;
}

static void switch_stmt(FuncState *fs, Node *n)
{
    const char *label = fs->label;
    fs->label = NULL;
    int saved = fs->freereg;
    if (n->a)
        cg_stmt(fs, n->a);
    Node *tag = n->b;
    bool typeswitch = false;
    Node *guard = NULL;
    if (tag && tag->kind == N_DEFINE) {
        typeswitch = true;
        guard = tag->list2.v[0]->a;
    } else if (tag && tag->kind == N_EXPRSTMT && tag->a->kind == N_TYPEASSERT && !tag->a->b) {
        typeswitch = true;
        guard = tag->a->a;
    }
    int tagreg = -1;
    if (typeswitch) {
        tagreg = cg_alloc(fs, 1);
        cg_expr_to(fs, guard, tagreg);
    } else if (tag) {
        tagreg = cg_alloc(fs, 1);
        cg_expr_to(fs, tag->a, tagreg);
    }
    int nc = n->list.n;
    IntVec *jumps = goro_alloc(sizeof(IntVec) * (size_t)(nc + 1));
    int defidx = -1;
    for (int i = 0; i < nc; i++) {
        Node *c = n->list.v[i];
        if (c->flags & NF_DEFAULT) {
            defidx = i;
            continue;
        }
        for (int j = 0; j < c->list.n; j++) {
            Node *e = c->list.v[j];
            fs->line = e->line;
            int mark = fs->freereg;
            if (typeswitch) {
                int t = cg_alloc(fs, 1);
                if (is_nil_ident(e)) {
                    int nr = cg_alloc(fs, 1);
                    cg_emit_abc(fs, OP_LOADNIL, nr, 0, 0);
                    cg_emit_abc(fs, OP_EQ, t, tagreg, nr);
                } else {
                    Type *ty = cg_type(fs, e);
                    int tr = cg_alloc(fs, 1);
                    cg_emit_abx(fs, OP_LOADK, tr, cg_const(fs, goro_ptrval(VK_TYPE, ty ? ty : goro_t_any)));
                    cg_emit_abc(fs, OP_TYPEIS, t, tagreg, tr);
                }
                goro_intvec_push(&jumps[i], cg_emit_cjump(fs, OP_JMPIF, t));
            } else if (tagreg >= 0) {
                int t = cg_alloc(fs, 1);
                int er = cg_expr(fs, e);
                cg_emit_abc(fs, cg_iface_compare(fs, tag->a, e) ? OP_EQI : OP_EQ, t, tagreg, er);
                goro_intvec_push(&jumps[i], cg_emit_cjump(fs, OP_JMPIF, t));
            } else {
                cg_cond(fs, e, true, &jumps[i]);
            }
            cg_free_to(fs, mark);
        }
    }
    int jdefault = cg_emit_jump(fs);
    Target *t = push_target(fs, false, label);
    int *bodies = goro_alloc(sizeof(int) * (size_t)(nc + 1));
    for (int i = 0; i < nc; i++) {
        Node *c = n->list.v[i];
        bodies[i] = cg_here(fs);
        for (int j = 0; j < jumps[i].n; j++)
            cg_patch_here(fs, jumps[i].v[j]);
        int bsaved = fs->freereg;
        Sym *bind = c->sym;
        if (bind) {
            int r = cg_alloc(fs, 1);
            cg_emit_abc(fs, OP_MOVE, r, tagreg, 0);
            bind->type = c->list.n == 1 && !is_nil_ident(c->list.v[0]) ? cg_type(fs, c->list.v[0]) : NULL;
            cg_coerce(fs, bind->type, r, NULL);
            cg_bind_local(fs, bind, r);
        }
        cg_block(fs, &c->list2);
        fs->freereg = bsaved;
        if (!ends_with_fallthrough(c))
            goro_intvec_push(&t->breaks, cg_emit_jump(fs));
    }
    if (defidx >= 0)
        cg_patch(fs, jdefault, bodies[defidx]);
    else
        goro_intvec_push(&t->breaks, jdefault);
    pop_target(fs, t, 0);
    fs->freereg = saved;
}

static Node *strip_parens(Node *e)
{
    while (e && e->kind == N_PAREN)
        e = e->a;
    return e;
}

static void select_stmt(FuncState *fs, Node *n)
{
    const char *label = fs->label;
    fs->label = NULL;
    int saved = fs->freereg;
    int ncases = 0;
    bool has_default = false;
    for (int i = 0; i < n->list.n; i++) {
        if (n->list.v[i]->a)
            ncases++;
        else
            has_default = true;
    }
    if (ncases > 80) {
        cg_error(fs, n, "select with more than 80 cases");
        return;
    }
    int base = cg_alloc(fs, ncases * 3 > 3 ? ncases * 3 : 3);
    int k = 0;
    for (int i = 0; i < n->list.n; i++) {
        Node *c = n->list.v[i];
        if (!c->a)
            continue;
        Node *comm = c->a;
        fs->line = comm->line;
        int r = base + 3 * k;
        if (comm->kind == N_SEND) {
            cg_check_chan_op(fs, comm->a, CHAN_OP_SEND);
            cg_emit_asbx(fs, OP_LOADI, r, 1);
            cg_expr_to(fs, comm->a, r + 1);
            cg_expr_to(fs, comm->b, r + 2);
        } else {
            Node *recv = comm->kind == N_EXPRSTMT ? comm->a : comm->list2.v[0];
            recv = strip_parens(recv);
            cg_check_chan_op(fs, recv->a, CHAN_OP_RECV);
            cg_emit_asbx(fs, OP_LOADI, r, 0);
            cg_expr_to(fs, recv->a, r + 1);
            cg_emit_abc(fs, OP_LOADNIL, r + 2, 0, 0);
        }
        k++;
    }
    fs->line = n->line;
    cg_emit_abc(fs, OP_SELECT, base, ncases, has_default ? 1 : 0);
    /* dispatch on the chosen case */
    IntVec jumps = {0};
    int jdefault = -1;
    int t = cg_alloc(fs, 2);
    k = 0;
    for (int i = 0; i < n->list.n; i++) {
        Node *c = n->list.v[i];
        if (!c->a) {
            goro_intvec_push(&jumps, -1);
            continue;
        }
        cg_emit_asbx(fs, OP_LOADI, t + 1, k);
        cg_emit_abc(fs, OP_EQ, t, base, t + 1);
        goro_intvec_push(&jumps, cg_emit_cjump(fs, OP_JMPIF, t));
        k++;
    }
    if (has_default)
        jdefault = cg_emit_jump(fs);
    cg_free_to(fs, t);
    Target *tg = push_target(fs, false, label);
    for (int i = 0; i < n->list.n; i++) {
        Node *c = n->list.v[i];
        if (jumps.v[i] >= 0)
            cg_patch_here(fs, jumps.v[i]);
        else
            cg_patch_here(fs, jdefault);
        int bsaved = fs->freereg;
        Node *comm = c->a;
        if (comm && (comm->kind == N_DEFINE || comm->kind == N_ASSIGN)) {
            for (int j = 0; j < comm->list.n; j++) {
                Node *x = comm->list.v[j];
                int src = base + 1 + j;
                if (comm->kind == N_DEFINE) {
                    Sym *s = x->sym;
                    if (!s)
                        continue;
                    if (s->kind == SYM_VAR && s->decl == x) {
                        int r = cg_alloc(fs, 1);
                        cg_emit_abc(fs, OP_MOVE, r, src, 0);
                        cg_bind_local(fs, s, r);
                    } else {
                        cg_store_sym(fs, s, src);
                    }
                } else if (!(x->kind == N_IDENT && x->name[0] == '_' && !x->name[1])) {
                    cg_assign(fs, x, src);
                }
            }
        }
        cg_block(fs, &c->list2);
        fs->freereg = bsaved;
        goro_intvec_push(&tg->breaks, cg_emit_jump(fs));
    }
    pop_target(fs, tg, 0);
    fs->freereg = saved;
}

static void return_stmt(FuncState *fs, Node *n)
{
    FuncInfo *fi = fs->fi;
    int nv = n->list.n;
    if (fi->results) {
        /* named results: assign them, then leave through the epilogue */
        if (nv > 0) {
            int base = cg_alloc(fs, fi->nresults);
            if (nv == fi->nresults) {
                for (int i = 0; i < nv; i++)
                    cg_expr_to_type(fs, n->list.v[i], base + i,
                                    fi->result_types ? fi->result_types[i] : NULL);
            } else if (nv == 1) {
                cg_expr_multi(fs, n->list.v[0], base, fi->nresults);
            } else {
                cg_error(fs, n, "too many return values");
            }
            for (int i = 0; i < fi->nresults; i++) {
                if (fi->result_types && fi->result_types[i])
                    cg_coerce(fs, fi->result_types[i], base + i, nv == fi->nresults ? n->list.v[i] : NULL);
                cg_store_sym(fs, fi->results[i], base + i);
            }
            cg_free_to(fs, base);
        }
        if (fs->has_defer)
            cg_emit_abc(fs, OP_RUNDEFERS, 0, 0, 0);
        int base = cg_alloc(fs, fi->nresults);
        for (int i = 0; i < fi->nresults; i++)
            cg_load_sym(fs, fi->results[i], base + i, n);
        cg_emit_abc(fs, OP_RETURN, base, fi->nresults + 1, 0);
        cg_free_to(fs, base);
        return;
    }
    if (fi->nresults > 0 && nv != fi->nresults && !(nv == 1 && cg_is_multi(n->list.v[0]))) {
        if (nv == 0)
            cg_error(fs, n, "not enough return values\n\thave ()");
        else
            cg_error(fs, n, "%s return values", nv < fi->nresults ? "not enough" : "too many");
        return;
    }
    if (fi->nresults == 0 && nv > 0 && fi->sig && fi->sig->list2.n == 0 && fi->node &&
        fi->node->kind == N_FUNCDECL && fi->node->name == goro_intern_cstr("main"))
        cg_error(fs, n, "too many return values");
    int base = fs->freereg;
    int b;
    if (nv == 1 && !fs->has_defer && n->list.v[0]->kind == N_IDENT && n->list.v[0]->sym &&
        !(fi->result_types && fi->result_types[0] && fi->result_types[0]->coerce)) {
        if (fi->result_types && fi->result_types[0] &&
            !cg_check_assignable(fs, fi->result_types[0], n->list.v[0], "return statement"))
            return;
        /* return x: straight from a plain local's register */
        Sym *s = n->list.v[0]->sym;
        if (s->kind == SYM_VAR && s->fn == fs->fi && !s->captured && s->reg >= 0) {
            cg_emit_abc(fs, OP_RETURN, s->reg, 2, 0);
            return;
        }
    }
    if (nv == 1 && cg_is_multi(n->list.v[0]) && fi->nresults != 1) {
        cg_expr_multi(fs, n->list.v[0], base, -1);
        b = 0;
    } else {
        cg_alloc(fs, nv);
        for (int i = 0; i < nv; i++) {
            cg_expr_to_type(fs, n->list.v[i], base + i,
                            fi->result_types && i < fi->nresults ? fi->result_types[i] : NULL);
            if (fi->result_types && i < fi->nresults && fi->result_types[i] &&
                cg_check_implements(fs, fi->result_types[i], n->list.v[i], "return statement") &&
                cg_check_assignable(fs, fi->result_types[i], n->list.v[i], "return statement"))
                cg_coerce(fs, fi->result_types[i], base + i, n->list.v[i]);
        }
        b = nv + 1;
    }
    if (fs->has_defer)
        cg_emit_abc(fs, OP_RUNDEFERS, 0, 0, 0);
    cg_emit_abc(fs, OP_RETURN, base, b, 0);
    cg_free_to(fs, base);
}

static void branch_stmt(FuncState *fs, Node *n)
{
    bool is_break = n->kind == N_BREAK;
    Target *t = fs->targets;
    for (; t; t = t->prev) {
        if (n->name) {
            if (t->label == n->name)
                break;
        } else if (is_break || t->is_loop) {
            break;
        }
    }
    if (!t || (!is_break && !t->is_loop)) {
        cg_error(fs, n, "invalid %s", is_break ? "break" : "continue");
        return;
    }
    int j = cg_emit_jump(fs);
    goro_intvec_push(is_break ? &t->breaks : &t->continues, j);
}

/* go f(x) / defer f(x): the callee and arguments in consecutive
 * registers, as for a call. */
static void go_defer(FuncState *fs, Node *n)
{
    Node *call = strip_parens(n->a);
    int op = n->kind == N_GO ? OP_GO : OP_DEFER;
    int base = fs->freereg;
    int b = cg_call(fs, call, base, -2);  /* -2: stage only, no CALL; B or -1 */
    if (b < 0)
        return;
    cg_emit_abc(fs, op, base, b, (call->flags & NF_SPREAD) ? 1 : 0);
    cg_free_to(fs, base);
}

void cg_stmt(FuncState *fs, Node *n)
{
    if (!n)
        return;
    if (++fs->u->depth > 3000) {
        if (fs->u->depth == 3001)
            cg_error(fs, n, "statement too deeply nested");
        fs->u->depth--;
        return;
    }
    fs->line = n->line;
    int saved = fs->freereg;
    const char *label = fs->label;
    if (n->kind != N_FOR && n->kind != N_RANGE && n->kind != N_SWITCH && n->kind != N_SELECT &&
        n->kind != N_LABELED)
        fs->label = NULL;
    switch (n->kind) {
    case N_EMPTY: case N_FALLTHROUGH:
        break;
    case N_EXPRSTMT: {
        Node *e = strip_parens(n->a);
        if (e->kind == N_CALL) {
            cg_call(fs, e, fs->freereg, 0);
        } else if (e->kind == N_UNARY && e->op == TK_ARROW) {
            cg_expr(fs, e);
        } else {
            cg_error(fs, n, "%s is not used", e->kind == N_IDENT ? e->name : "expression");
        }
        cg_free_to(fs, saved);
        break;
    }
    case N_SEND: {
        if (!cg_check_chan_op(fs, n->a, CHAN_OP_SEND))
            break;
        Type *ct = cg_static_type(fs, n->a);
        if (ct && ct->under->kind == TY_CHAN && !cg_check_assignable(fs, ct->under->elem, n->b, "send"))
            break;
        int c = cg_expr(fs, n->a);
        Type *et = ct && ct->under->kind == TY_CHAN ? ct->under->elem : NULL;
        int v;
        Value k;
        if (et && cg_const_operand_to(fs, n->b, et, &k)) {
            v = cg_alloc(fs, 1);
            cg_load_const(fs, k, v);
        } else {
            v = cg_expr(fs, n->b);
        }
        fs->line = n->line;
        cg_emit_abc(fs, OP_SEND, c, v, 0);
        cg_free_to(fs, saved);
        break;
    }
    case N_INCDEC: {
        Node one;
        memset(&one, 0, sizeof one);
        one.kind = N_INTLIT;
        one.lit.i = 1;
        one.line = n->line;
        one.col = n->col;
        Node op = one;
        op.kind = N_OPASSIGN;
        op.op = n->op == TK_INC ? TK_PLUS : TK_MINUS;
        op.a = n->a;
        op.b = &one;
        cg_assign_list(fs, NULL, NULL, &op);
        cg_free_to(fs, saved);
        break;
    }
    case N_ASSIGN:
        cg_assign_list(fs, &n->list, &n->list2, n);
        cg_free_to(fs, saved);
        break;
    case N_OPASSIGN:
        cg_assign_list(fs, NULL, NULL, n);
        cg_free_to(fs, saved);
        break;
    case N_DEFINE:
        define_stmt(fs, n);
        break;
    case N_VAR: case N_CONST: case N_TYPEDECL: case N_DECLGROUP:
        decl_stmt(fs, n);
        break;
    case N_BLOCK:
        cg_block(fs, &n->list);
        break;
    case N_IF:
        if_stmt(fs, n);
        break;
    case N_FOR:
        fs->label = label;
        for_stmt(fs, n);
        break;
    case N_RANGE:
        fs->label = label;
        range_stmt(fs, n);
        break;
    case N_SWITCH:
        fs->label = label;
        switch_stmt(fs, n);
        break;
    case N_SELECT:
        fs->label = label;
        select_stmt(fs, n);
        break;
    case N_RETURN:
        return_stmt(fs, n);
        break;
    case N_BREAK: case N_CONTINUE:
        branch_stmt(fs, n);
        break;
    case N_GO: case N_DEFER:
        go_defer(fs, n);
        break;
    case N_GOTO:
        cg_goto(fs, n);
        break;
    case N_LABELED:
        cg_label_here(fs, n->name);
        fs->label = n->name;
        cg_stmt(fs, n->a);
        fs->label = NULL;
        break;
    default:
        break;
    }
    fs->u->depth--;
}

/* ------------------------------------------------------------- functions */

static Proto *finish_proto(FuncState *fs)
{
    Proto *p = fs->p;
    p->code = goro_alloc_atomic(sizeof(Instr) * (size_t)(fs->ncode ? fs->ncode : 1));
    memcpy(p->code, fs->code, sizeof(Instr) * (size_t)fs->ncode);
    p->lines = goro_alloc_atomic(sizeof(int32_t) * (size_t)(fs->ncode ? fs->ncode : 1));
    memcpy(p->lines, fs->lines, sizeof(int32_t) * (size_t)fs->ncode);
    p->ncode = fs->ncode;
    p->k = fs->k;
    p->nk = fs->nk;
    p->protos = fs->protos;
    p->nprotos = fs->nprotos;
    p->nupvals = (uint8_t)fs->nupvals;
    p->upvals = goro_alloc_atomic(sizeof(UpvalDesc) * (size_t)(fs->nupvals + 1));
    memcpy(p->upvals, fs->upvals, sizeof(UpvalDesc) * (size_t)fs->nupvals);
    p->maxregs = (uint8_t)(fs->maxregs + 1);
    return p;
}

Proto *cg_function(FuncState *parent, Unit *u, FuncInfo *fi)
{
    FuncState fs;
    memset(&fs, 0, sizeof fs);
    fs.parent = parent;
    fs.fi = fi;
    fs.u = u;
    Proto *p = fi->proto ? fi->proto : goro_alloc(sizeof(Proto));
    fi->proto = p;
    fs.p = p;
    p->name = fi->name;
    p->file = u->file;
    p->line = fi->node ? fi->node->line : 1;
    fs.line = p->line;
    fs.has_defer = fi->has_defer;
    p->has_defer = fi->has_defer;

    Node *sig = fi->sig;
    if (sig)
        p->type = goro_type_func(cg_func_sig(&fs, sig));
    /* parameters: R[0 .. nparams-1] */
    for (int i = 0; i < fi->nparams; i++)
        fi->params[i]->reg = cg_alloc(&fs, 1);
    int nfixed = fi->nparams;
    if (sig && sig->list.n > 0 && (sig->list.v[sig->list.n - 1]->flags & NF_VARIADIC)) {
        p->variadic = 1;
        nfixed--;
        Node *vp = sig->list.v[sig->list.n - 1];
        Type *et = vp->a ? cg_type(&fs, vp->a) : NULL;
        p->variadic_type = et ? goro_type_slice(et) : goro_t_anyslice;
        fi->params[fi->nparams - 1]->type = p->variadic_type;
    }
    p->nparams = (uint8_t)nfixed;
    if (fi->nparams > 200)
        cg_error(&fs, fi->node, "too many parameters");
    for (int i = 0; i < fi->nparams; i++) {
        Sym *s = fi->params[i];
        if (s->typenode && !(p->variadic && i == fi->nparams - 1)) {
            Type *t = cg_type(&fs, s->typenode);
            s->type = t;
            if (t && t->coerce)
                cg_emit_abx(&fs, OP_COERCE, s->reg, cg_const(&fs, goro_ptrval(VK_TYPE, t)));
        }
        if (s->captured)
            cg_emit_abc(&fs, OP_NEWBOX, s->reg, s->reg, 0);
    }
    /* results */
    if (sig && sig->list2.n > 0) {
        fi->result_types = goro_alloc(sizeof(Type *) * (size_t)sig->list2.n);
        for (int i = 0; i < sig->list2.n; i++) {
            Node *rn = sig->list2.v[i];
            fi->result_types[i] = rn->a ? cg_type(&fs, rn->a) : NULL;
        }
    }
    p->nresults = (int16_t)fi->nresults;
    if (fi->results) {
        for (int i = 0; i < fi->nresults; i++) {
            int r = cg_alloc(&fs, 1);
            zero_value_to(&fs, fi->result_types[i], r);
            fi->results[i]->type = fi->result_types[i];
            cg_bind_local(&fs, fi->results[i], r);
        }
    }
    /* functions with defer keep zero results ready for a recovered return */
    int zero_results = -1;
    if (fs.has_defer && !fi->results && fi->nresults > 0) {
        zero_results = cg_alloc(&fs, fi->nresults);
        for (int i = 0; i < fi->nresults; i++)
            zero_value_to(&fs, fi->result_types[i], zero_results + i);
    }

    if (fi->body) {
        cg_block(&fs, &fi->body->list);
        fs.line = fi->body->list.n ? fs.line : p->line;
    }
    /* falling off the end: the epilogue */
    p->epilogue = cg_here(&fs);
    if (fs.has_defer)
        cg_emit_abc(&fs, OP_RUNDEFERS, 0, 0, 0);
    if (fi->results) {
        int base = cg_alloc(&fs, fi->nresults);
        for (int i = 0; i < fi->nresults; i++)
            cg_load_sym(&fs, fi->results[i], base + i, NULL);
        cg_emit_abc(&fs, OP_RETURN, base, fi->nresults + 1, 0);
    } else if (zero_results >= 0) {
        cg_emit_abc(&fs, OP_RETURN, zero_results, fi->nresults + 1, 0);
    } else {
        cg_emit_abc(&fs, OP_RETURN, 0, 1, 0);
    }
    return finish_proto(&fs);
}

/* ------------------------------------------------------------ programs */

static void make_func_closures(Unit *u)
{
    NodeList *items = &u->root->list;
    for (int i = 0; i < items->n; i++) {
        Node *n = items->v[i];
        if (n->kind != N_FUNCDECL || !n->sym || cg_generic_register(n))
            continue;
        FuncInfo *fi = n->sym;
        fi->proto = goro_alloc(sizeof(Proto));
        fi->proto->name = fi->name;
        fi->proto->file = u->file;
        fi->proto->line = n->line;
        Closure *cl = goro_closure_new(fi->proto);
        Value cv = goro_ptrval(VK_FUNC, cl);
        if (!n->a) {
            Sym *s = goro_scope_lookup_local(u->package, n->name);
            if (s && s->kind == SYM_FUNC && s->decl == n)
                s->value = cv;
            continue;
        }
        /* a method: attach it to its receiver's named type */
        Node *rt = n->a->a;
        bool ptr = rt && rt->kind == N_TPTR;
        Node *tn = ptr ? rt->a : rt;
        Sym *ts = tn && tn->kind == N_IDENT ? tn->sym : NULL;
        if (!ts || ts->kind != SYM_TYPE || !ts->decl) {
            goro_diag_error(u->diag, n->a->line, n->a->col,
                            "cannot define new methods on non-local type %s",
                            tn && tn->kind == N_IDENT ? tn->name : "?");
            continue;
        }
        Type *t = cg_type_of_sym(u, ts);
        if (t->kind == TY_PTR || t->kind == TY_IFACE) {
            goro_diag_error(u->diag, n->a->line, n->a->col,
                            "invalid receiver type %s (pointer or interface type)", t->name);
            continue;
        }
        for (int m = 0; m < t->nfields; m++)
            if (t->fnames[m] == n->name)
                goro_diag_error(u->diag, n->line, n->col, "field and method with the same name %s",
                                n->name);
        goro_type_add_method(t, n->name, cv, ptr);
    }
}

static void compile_funcs(Unit *u, ProtoList *all)
{
    NodeList *items = &u->root->list;
    for (int i = 0; i < items->n; i++) {
        Node *n = items->v[i];
        if (n->kind == N_FUNCDECL && n->sym && !cg_generic_decl(n)) {
            Proto *p = cg_function(NULL, u, n->sym);
            if (all)
                GORO_VEC_PUSH(*all, p);
        }
    }
}

/* Package-level variables, in source order, then init functions. */
/* Constants and types of the package; its variables into [vars]. */
static void collect_globals(FuncState *fs, NodeList *items, NodeList *vars)
{
    for (int i = 0; i < items->n; i++) {
        Node *n = items->v[i];
        fs->line = n->line;
        if (n->kind == N_DECLGROUP)
            collect_globals(fs, &n->list, vars);
        else if (n->kind == N_VAR)
            goro_ast_list_push(vars, n);
        else if (n->kind == N_CONST || n->kind == N_TYPEDECL)
            decl_stmt(fs, n);
    }
}

/* Package variables, in Go's initialisation order (initorder.c). */
static void global_inits(FuncState *fs, NodeList *items)
{
    NodeList vars = {0}, order = {0};
    collect_globals(fs, items, &vars);
    goro_init_order(fs->u, &vars, &order);
    for (int i = 0; i < order.n; i++) {
        fs->line = order.v[i]->line;
        var_spec(fs, order.v[i]);
        cg_free_to(fs, 0);
    }
}

static Unit *new_unit(const char *file, Diag *d, Scope *universe, Scope *package, bool repl)
{
    Unit *u = goro_alloc(sizeof *u);
    u->file = file;
    u->diag = d;
    u->universe = universe;
    u->package = package;
    u->repl = repl;
    return u;
}

Closure *goro_compile_program(const char *file, const char *src, int len, bool allow_stmts,
                              Diag *d, ProtoList *all)
{
    Node *root = goro_parse_source(src, len, d);
    if (!root)
        return NULL;
    Scope *universe = goro_universe(allow_stmts);
    Unit *u = new_unit(file, d, universe, goro_scope_new(universe), allow_stmts);
    u->allow_stmts = allow_stmts;
    u->root = root;
    if (!goro_resolve(u))
        return NULL;
    if (!allow_stmts && !u->main_sym) {
        goro_diag_error(d, 1, 1, "function main is undeclared in the main package");
        return NULL;
    }
    make_func_closures(u);
    compile_funcs(u, all);

    /* the entry: package initialisation, init functions, main */
    FuncState fs;
    memset(&fs, 0, sizeof fs);
    fs.u = u;
    fs.fi = u->top;
    fs.p = goro_alloc(sizeof(Proto));
    fs.p->name = "main.init";
    fs.p->file = file;
    fs.p->line = 1;
    fs.p->synthetic = 1;
    fs.line = 1;
    u->top->proto = fs.p;
    if (allow_stmts) {
        for (int i = 0; i < root->list.n; i++) {
            Node *n = root->list.v[i];
            if (n->kind == N_FUNCDECL || n->kind == N_IMPORT || n->kind == N_PACKAGE)
                continue;
            if (n->kind == N_DECLGROUP && n->list.n && n->list.v[0]->kind == N_IMPORT)
                continue;
            cg_stmt(&fs, n);
        }
    } else {
        global_inits(&fs, &root->list);
    }
    for (int i = 0; i < u->inits.n; i++) {
        FuncInfo *fi = u->inits.v[i]->sym;
        if (!fi)
            continue;
        fi->proto = goro_alloc(sizeof(Proto));
        Proto *ip = cg_function(NULL, u, fi);
        if (all)
            GORO_VEC_PUSH(*all, ip);
        int r = cg_alloc(&fs, 1);
        cg_emit_abx(&fs, OP_LOADK, r, cg_const(&fs, goro_ptrval(VK_FUNC, goro_closure_new(fi->proto))));
        cg_emit_abc(&fs, OP_CALL, r, 1, 1);
        cg_free_to(&fs, r);
    }
    if (u->main_sym) {
        int r = cg_alloc(&fs, 1);
        cg_emit_abx(&fs, OP_LOADK, r, cg_const(&fs, u->main_sym->value));
        cg_emit_abc(&fs, OP_CALL, r, 1, 1);
        cg_free_to(&fs, r);
    }
    cg_emit_abc(&fs, OP_RETURN, 0, 1, 0);
    cg_generic_finish(u, all);
    Proto *p = finish_proto(&fs);
    if (d->count > 0)
        return NULL;
    if (all)
        GORO_VEC_PUSH(*all, p);
    return goro_closure_new(p);
}

ReplState *goro_repl_state_new(void)
{
    ReplState *rs = goro_alloc(sizeof *rs);
    rs->universe = goro_universe(true);
    rs->package = goro_scope_new(rs->universe);
    return rs;
}

Closure *goro_compile_repl(ReplState *rs, const char *src, int len, Diag *d, bool *echo)
{
    *echo = false;
    Node *root = goro_parse_source(src, len, d);
    if (!root)
        return NULL;
    Unit *u = new_unit(d->file, d, rs->universe, rs->package, true);
    u->root = root;
    if (!goro_resolve(u))
        return NULL;
    make_func_closures(u);
    compile_funcs(u, NULL);

    FuncState fs;
    memset(&fs, 0, sizeof fs);
    fs.u = u;
    fs.fi = u->top;
    fs.p = goro_alloc(sizeof(Proto));
    fs.p->name = "main.main";
    fs.p->file = d->file;
    fs.p->line = 1;
    fs.line = 1;
    u->top->proto = fs.p;

    /* The last statement, if an expression, echoes its value(s). */
    Node *last = NULL;
    for (int i = root->list.n - 1; i >= 0 && !last; i--) {
        Node *n = root->list.v[i];
        if (n && n->kind != N_EMPTY)
            last = n;
    }
    Node *echo_expr = NULL;
    if (last && last->kind == N_EXPRSTMT && VKIND(rs->echo_fn) == VK_NATIVE) {
        Node *e = strip_parens(last->a);
        bool quiet = false;
        if (e->kind == N_CALL) {
            Node *f = strip_parens(e->a);
            Sym *s = f->sym;
            if (s && s->kind == SYM_MEMBER && s->member->kind == MEM_FUNC)
                quiet = ((Native *)s->member->value.u.p)->quiet;
            if (s && s->kind == SYM_BUILTIN)
                quiet = s->builtin != B_LEN && s->builtin != B_CAP && s->builtin != B_APPEND &&
                        s->builtin != B_MAKE && s->builtin != B_NEW && s->builtin != B_MIN &&
                        s->builtin != B_MAX && s->builtin != B_RECOVER;
        }
        if (!quiet)
            echo_expr = e;
    }
    for (int i = 0; i < root->list.n; i++) {
        Node *n = root->list.v[i];
        if (!n || n->kind == N_FUNCDECL || n->kind == N_IMPORT || n->kind == N_PACKAGE)
            continue;
        if (n->kind == N_DECLGROUP && n->list.n && n->list.v[0]->kind == N_IMPORT)
            continue;
        if (n == last && echo_expr) {
            fs.line = n->line;
            int base = cg_alloc(&fs, 1);
            cg_load_const(&fs, rs->echo_fn, base);
            if (cg_is_multi(echo_expr)) {
                cg_expr_multi(&fs, echo_expr, base + 1, -1);
                cg_emit_abc(&fs, OP_CALL, base, 0, 1);
            } else {
                cg_expr_to(&fs, echo_expr, cg_alloc(&fs, 1));
                cg_emit_abc(&fs, OP_CALL, base, 2, 1);
            }
            cg_free_to(&fs, base);
            *echo = true;
            continue;
        }
        cg_stmt(&fs, n);
    }
    cg_emit_abc(&fs, OP_RETURN, 0, 1, 0);
    cg_generic_finish(u, NULL);
    Proto *p = finish_proto(&fs);
    rs->nlines++;
    return d->count ? NULL : goro_closure_new(p);
}
