/* compile_expr.c: code generation for expressions, calls, composite
 * literals and assignments. */
#include <stdio.h>

#include "builtins.h"
#include "codegen.h"
#include "parser.h"
#include "pkg.h"

static Node *strip(Node *e)
{
    while (e && e->kind == N_PAREN)
        e = e->a;
    return e;
}

static bool is_blank_ident(Node *e)
{
    return e->kind == N_IDENT && e->name[0] == '_' && e->name[1] == 0;
}

static int type_const(FuncState *fs, Type *t)
{
    return cg_const(fs, goro_ptrval(VK_TYPE, t));
}

static bool enter(FuncState *fs, Node *e)
{
    if (++fs->u->depth > 3000) {
        if (fs->u->depth == 3001)
            cg_error(fs, e, "expression too deeply nested");
        fs->u->depth--;
        return false;
    }
    return true;
}

/* ------------------------------------------------------------- variables */

static int upval(FuncState *fs, Sym *s, Node *at)
{
    for (int i = 0; i < fs->nupvals; i++)
        if (fs->upsyms[i] == s)
            return i;
    if (!fs->parent) {
        cg_error(fs, at, "internal error: %s is not reachable from here", s->name);
        return 0;
    }
    if (fs->nupvals >= 250) {
        cg_error(fs, at, "function captures too many variables");
        return 0;
    }
    UpvalDesc d;
    if (s->fn == fs->parent->fi) {
        d.instack = 1;
        d.index = (uint8_t)s->reg;
    } else {
        d.instack = 0;
        d.index = (uint8_t)upval(fs->parent, s, at);
    }
    fs->upvals[fs->nupvals] = d;
    fs->upsyms[fs->nupvals] = s;
    return fs->nupvals++;
}

static void load_sym(FuncState *fs, Sym *s, int reg, Node *at, bool ref)
{
    switch (s->kind) {
    case SYM_VAR:
        if (s->fn == fs->fi) {
            if (s->reg < 0) {
                if (!fs->u->diag->count)
                    cg_error(fs, at, "internal error: %s used before its declaration", s->name);
            } else if (s->captured) {
                cg_emit_abc(fs, OP_GETBOX, reg, s->reg, ref);
            } else if (reg != s->reg) {
                cg_emit_abc(fs, OP_MOVE, reg, s->reg, 0);
            }
        } else {
            cg_emit_abc(fs, OP_GETUPVAL, reg, upval(fs, s, at), ref);
        }
        break;
    case SYM_GLOBAL:
        cg_emit_abx(fs, ref ? OP_GETGLOBALR : OP_GETGLOBAL, reg,
                    cg_const(fs, goro_ptrval(VK_BOX, s->box)));
        break;
    case SYM_FUNC:
        if (s->decl && s->decl->kind == N_FUNCDECL && s->decl->d) {
            cg_error(fs, at, "cannot use generic function %s without instantiation", s->name);
            break;
        }
        cg_load_const(fs, s->value, reg);
        break;
    case SYM_CONST: {
        /* through the folder, which reports a constant too big for its
         * default type (x := 1 << 100) */
        Value v;
        if (!at || !cg_consteval(fs, at, &v))
            v = s->decl ? cg_sym_const(fs->u, s) : s->value;
        cg_load_const(fs, v, reg);
        break;
    }
    case SYM_NIL:
        cg_emit_abc(fs, OP_LOADNIL, reg, 0, 0);
        break;
    case SYM_MEMBER:
        cg_load_const(fs, s->member->value, reg);
        break;
    case SYM_TYPE:
        cg_error(fs, at, "%s (type) is not an expression", s->name);
        break;
    case SYM_BUILTIN:
        cg_error(fs, at, "%s (built-in function) must be called", s->name);
        break;
    case SYM_PKG:
        cg_error(fs, at, "use of package %s without selector", s->name);
        break;
    case SYM_IOTA:
        cg_load_const(fs, goro_int(fs->u->iota), reg);
        break;
    }
}

void cg_load_sym(FuncState *fs, Sym *s, int reg, Node *at) { load_sym(fs, s, reg, at, false); }

void cg_store_sym(FuncState *fs, Sym *s, int valreg)
{
    switch (s->kind) {
    case SYM_VAR:
        if (s->fn == fs->fi) {
            if (s->captured)
                cg_emit_abc(fs, OP_SETBOX, s->reg, valreg, 0);
            else if (s->reg != valreg)
                cg_emit_abc(fs, OP_MOVE, s->reg, valreg, 0);
        } else {
            cg_emit_abc(fs, OP_SETUPVAL, valreg, upval(fs, s, NULL), 0);
        }
        break;
    case SYM_GLOBAL:
        cg_emit_abx(fs, OP_SETGLOBAL, valreg, cg_const(fs, goro_ptrval(VK_BOX, s->box)));
        break;
    default:
        cg_error(fs, s->decl, "cannot assign to %s (neither addressable nor a map index expression)",
                 s->name);
        break;
    }
}

void cg_coerce(FuncState *fs, Type *t, int reg, Node *e)
{
    if (!t || !t->coerce)
        return;
    if (e && cg_static_type(fs, e) == t)
        return;
    cg_emit_abx(fs, OP_COERCE, reg, type_const(fs, t));
}

/* A field or method name as a constant usable in a C operand. */
static int name_const(FuncState *fs, const char *name, Node *at)
{
    int k = cg_const(fs, goro_str_nocopy(name, (int64_t)strlen(name)));
    if (k > 255) {
        cg_error(fs, at, "function too large (too many field names)");
        return 0;
    }
    return k;
}

/* The receiver of selector [sel] in a register: x itself, or, when the
 * resolver marked it (NF_ADDRRECV), &x narrowed by DEREFRECV to x unless
 * the method named takes a pointer. */
int cg_recv_operand(FuncState *fs, Node *sel)
{
    if (!(sel->flags & NF_ADDRRECV))
        return cg_expr_ref(fs, sel->a);
    /* no address when the static type says none is wanted: an interface,
     * a pointer, a native object, or a value-receiver method */
    Type *st = cg_static_type_ext(fs, sel->a);
    if (st) {
        Method *m = goro_type_find_method(st, sel->name);
        if (st->under->kind == TY_IFACE || st->kind == TY_PTR || st->kind == TY_OBJ ||
            (m && !m->ptr_recv))
            return cg_expr_ref(fs, sel->a);
    }
    Node *x = strip(sel->a);
    if (x->kind == N_INDEX) {
        /* only an element of a slice or array has an address */
        Type *ct = cg_static_type_ext(fs, x->a);
        if (ct && ct->kind == TY_PTR && ct->elem)
            ct = ct->elem;
        if (!ct || (ct->under->kind != TY_SLICE && ct->under->kind != TY_ARRAY))
            return cg_expr_ref(fs, sel->a);
    }
    Node amp = *sel;
    amp.kind = N_UNARY;
    amp.op = TK_AMP;
    amp.flags = 0;
    int r = cg_alloc(fs, 1);
    cg_expr_to(fs, &amp, r);
    cg_emit_abc(fs, OP_DEREFRECV, r, r, name_const(fs, sel->name, sel));
    return r;
}

/* ------------------------------------------------------------ references */

int cg_expr_ref(FuncState *fs, Node *e)
{
    e = strip(e);
    switch (e->kind) {
    case N_IDENT: {
        Sym *s = e->sym;
        if (s && s->kind == SYM_VAR && s->fn == fs->fi && !s->captured && s->reg >= 0)
            return s->reg;
        if (s && (s->kind == SYM_VAR || s->kind == SYM_GLOBAL)) {
            int r = cg_alloc(fs, 1);
            load_sym(fs, s, r, e, true);
            return r;
        }
        return cg_expr(fs, e);
    }
    case N_INDEX: {
        Sym *s = e->a->sym;
        if (s && s->kind == SYM_TYPE)
            return cg_expr(fs, e);
        int c = cg_expr_ref(fs, e->a);
        int k = cg_expr(fs, e->b);
        int r = cg_alloc(fs, 1);
        cg_emit_abc(fs, OP_GETINDEXR, r, c, k);
        return r;
    }
    case N_SELECTOR: {
        Sym *s = e->sym;
        if (s && (s->kind == SYM_MEMBER || s->kind == SYM_GLOBAL || s->kind == SYM_CONST ||
                  s->kind == SYM_TYPE))
            return cg_expr(fs, e);
        int o = cg_expr_ref(fs, e->a);
        int r = cg_alloc(fs, 1);
        cg_emit_abc(fs, OP_GETFIELDR, r, o, name_const(fs, e->name, e));
        return r;
    }
    case N_UNARY:
        if (e->op == TK_STAR) {
            int p = cg_expr(fs, e->a);
            int r = cg_alloc(fs, 1);
            cg_emit_abc(fs, OP_LOAD, r, p, 1);
            return r;
        }
        return cg_expr(fs, e);
    default:
        return cg_expr(fs, e);
    }
}

/* --------------------------------------------------------------- literals */

static Type *composite_type(FuncState *fs, Node *e, Type *hint)
{
    if (!e->a)
        return hint;
    if (e->a->kind == N_TARRAY && !e->a->b) {
        /* [...]T{...}: the length is the literal's */
        Type *et = cg_type(fs, e->a->a);
        int64_t n = 0, idx = 0;
        for (int i = 0; i < e->list.n; i++) {
            Node *el = e->list.v[i];
            if (el->kind == N_KEYVALUE) {
                Value k;
                if (cg_consteval(fs, el->a, &k) && VKIND(k) == VK_INT)
                    idx = k.u.i;
            }
            idx++;
            if (idx > n)
                n = idx;
        }
        return goro_type_array(et ? et : goro_t_any, n);
    }
    return cg_type(fs, e->a);
}

static void cg_composite(FuncState *fs, Node *e, int reg, Type *hint);

static void element_to(FuncState *fs, Node *el, int reg, Type *et, const char *context)
{
    el = strip(el);
    if (et && !cg_const_assignable(fs, et, el, context))
        return;
    if (el->kind == N_COMPOSITE && !el->a && et && et->kind == TY_PTR) {
        /* []*T{{...}}: an elided &T{...} */
        int t = cg_alloc(fs, 1);
        Node tmp = *el;
        tmp.a = NULL;
        cg_composite(fs, &tmp, t, et->elem);
        int b = cg_alloc(fs, 1);
        cg_emit_abc(fs, OP_NEWBOX, b, t, 0);
        cg_emit_abc(fs, OP_ADDR, reg, b, 0);
        cg_free_to(fs, t);
        return;
    }
    cg_expr_typed(fs, el, reg, et);
}

static void cg_composite(FuncState *fs, Node *e, int reg, Type *hint)
{
    Type *t = composite_type(fs, e, hint);
    if (!t) {
        if (!e->a)
            cg_error(fs, e, "missing type in composite literal");
        return;
    }
    Type *u = t->under;
    int n = e->list.n;
    switch (u->kind) {
    case TY_SLICE: case TY_ARRAY: {
        bool keyed = false;
        for (int i = 0; i < n; i++)
            keyed |= e->list.v[i]->kind == N_KEYVALUE;
        int op = u->kind == TY_SLICE ? OP_NEWSLICE : OP_NEWARRAY;
        if (keyed) {
            /* [5]int{2: 1, 4: 9} or []string{3: "x"}: zero, then store */
            int64_t len = 0, idx = 0;
            for (int i = 0; i < n; i++) {
                Node *el = e->list.v[i];
                if (el->kind == N_KEYVALUE) {
                    Value k;
                    if (!cg_consteval(fs, el->a, &k) || VKIND(k) != VK_INT || k.u.i < 0) {
                        cg_error(fs, el->a, "index must be non-negative integer constant");
                        return;
                    }
                    idx = k.u.i;
                }
                idx++;
                if (idx > len)
                    len = idx;
            }
            if (u->kind == TY_ARRAY && len > u->len) {
                cg_error(fs, e, "array index %lld out of bounds [0:%lld]", (long long)len - 1,
                         (long long)u->len);
                return;
            }
            int base = cg_alloc(fs, 3);
            if (u->kind == TY_ARRAY) {
                cg_emit_abx(fs, OP_LOADK, base, type_const(fs, t));
                cg_emit_abc(fs, op, base, 0, 0);
            } else {
                /* make([]T, len) */
                cg_load_const(fs, goro_builtin_value(B_MAKE), base);
                cg_emit_abx(fs, OP_LOADK, base + 1, type_const(fs, t));
                cg_load_const(fs, goro_int(len), base + 2);
                cg_emit_abc(fs, OP_CALL, base, 3, 2);
            }
            cg_free_to(fs, base + 1);
            idx = 0;
            for (int i = 0; i < n; i++) {
                Node *el = e->list.v[i];
                Node *val = el;
                if (el->kind == N_KEYVALUE) {
                    Value k;
                    cg_consteval(fs, el->a, &k);
                    idx = k.u.i;
                    val = el->b;
                }
                int kr = cg_alloc(fs, 2);
                cg_load_const(fs, goro_int(idx), kr);
                element_to(fs, val, kr + 1, u->elem, "array or slice literal");
                cg_emit_abc(fs, OP_SETINDEX, base, kr, kr + 1);
                cg_free_to(fs, kr);
                idx++;
            }
            if (reg != base)
                cg_emit_abc(fs, OP_MOVE, reg, base, 0);
            cg_free_to(fs, base);
            return;
        }
        int base = cg_alloc(fs, 1);
        cg_emit_abx(fs, OP_LOADK, base, type_const(fs, t));
        int first = n < 200 ? n : 200;
        cg_alloc(fs, first);
        for (int i = 0; i < first; i++)
            element_to(fs, e->list.v[i], base + 1 + i, u->elem, "array or slice literal");
        cg_emit_abc(fs, op, base, first, 0);
        cg_free_to(fs, base + 1);
        if (u->kind == TY_ARRAY && n > u->len)
            cg_error(fs, e, "array index %lld out of bounds [0:%lld]", (long long)u->len,
                     (long long)u->len);
        for (int i = first; i < n; i += 200) {
            int chunk = n - i < 200 ? n - i : 200;
            if (u->kind == TY_ARRAY) {
                for (int j = 0; j < chunk; j++) {
                    int kr = cg_alloc(fs, 2);
                    cg_load_const(fs, goro_int(i + j), kr);
                    element_to(fs, e->list.v[i + j], kr + 1, u->elem, "array or slice literal");
                    cg_emit_abc(fs, OP_SETINDEX, base, kr, kr + 1);
                    cg_free_to(fs, kr);
                }
                continue;
            }
            cg_alloc(fs, chunk);
            for (int j = 0; j < chunk; j++)
                element_to(fs, e->list.v[i + j], base + 1 + j, u->elem, "array or slice literal");
            cg_emit_abc(fs, OP_APPEND, base, chunk, 0);
            cg_free_to(fs, base + 1);
        }
        if (reg != base)
            cg_emit_abc(fs, OP_MOVE, reg, base, 0);
        cg_free_to(fs, base);
        return;
    }
    case TY_MAP: {
        int base = cg_alloc(fs, 1);
        cg_emit_abx(fs, OP_LOADK, base, type_const(fs, t));
        int first = n < 100 ? n : 100;
        for (int i = 0; i < n; i++) {
            Node *el = e->list.v[i];
            if (el->kind != N_KEYVALUE) {
                cg_error(fs, el, "missing key in map literal");
                return;
            }
        }
        cg_alloc(fs, 2 * first);
        for (int i = 0; i < first; i++) {
            Node *el = e->list.v[i];
            element_to(fs, el->a, base + 1 + 2 * i, u->key, "map literal");
            element_to(fs, el->b, base + 2 + 2 * i, u->elem, "map literal");
        }
        cg_emit_abc(fs, OP_NEWMAP, base, first, 0);
        cg_free_to(fs, base + 1);
        for (int i = first; i < n; i++) {
            Node *el = e->list.v[i];
            int kr = cg_alloc(fs, 2);
            element_to(fs, el->a, kr, u->key, "map literal");
            element_to(fs, el->b, kr + 1, u->elem, "map literal");
            cg_emit_abc(fs, OP_SETINDEX, base, kr, kr + 1);
            cg_free_to(fs, kr);
        }
        if (reg != base)
            cg_emit_abc(fs, OP_MOVE, reg, base, 0);
        cg_free_to(fs, base);
        return;
    }
    case TY_STRUCT: {
        int base = cg_alloc(fs, 1);
        cg_emit_abx(fs, OP_LOADK, base, type_const(fs, t));
        bool keyed = n > 0 && e->list.v[0]->kind == N_KEYVALUE;
        if (!keyed) {
            if (n > 0 && n != u->nfields) {
                cg_error(fs, e, "too %s values in struct literal of type %s",
                         n < u->nfields ? "few" : "many", t->name);
                return;
            }
            if (n > 200) {
                cg_error(fs, e, "struct literal too large");
                return;
            }
            cg_alloc(fs, n);
            for (int i = 0; i < n; i++) {
                if (e->list.v[i]->kind == N_KEYVALUE) {
                    cg_error(fs, e->list.v[i], "mixture of field:value and value elements in struct literal");
                    return;
                }
                element_to(fs, e->list.v[i], base + 1 + i, u->ftypes[i], "struct literal");
            }
            cg_emit_abc(fs, OP_NEWSTRUCT, base, n, 0);
        } else {
            if (n > 100) {
                cg_error(fs, e, "struct literal too large");
                return;
            }
            cg_alloc(fs, 2 * n);
            for (int i = 0; i < n; i++) {
                Node *el = e->list.v[i];
                if (el->kind != N_KEYVALUE || el->a->kind != N_IDENT) {
                    cg_error(fs, el, "mixture of field:value and value elements in struct literal");
                    return;
                }
                int fi = -1;
                for (int j = 0; j < u->nfields; j++)
                    if (u->fnames[j] == el->a->name)
                        fi = j;
                if (fi < 0) {
                    cg_error(fs, el->a, "unknown field %s in struct literal of type %s",
                             el->a->name, t->name);
                    return;
                }
                for (int j = 0; j < i; j++)
                    if (e->list.v[j]->a->name == el->a->name)
                        cg_error(fs, el->a, "duplicate field name %s in struct literal", el->a->name);
                cg_load_const(fs, goro_int(fi), base + 1 + 2 * i);
                element_to(fs, el->b, base + 2 + 2 * i, u->ftypes[fi], "struct literal");
            }
            cg_emit_abc(fs, OP_NEWSTRUCT, base, n, 1);
        }
        if (reg != base)
            cg_emit_abc(fs, OP_MOVE, reg, base, 0);
        cg_free_to(fs, base);
        return;
    }
    case TY_OBJ:
        /* a native object type (bytes.Buffer{}, &strings.Builder{}): its
         * zero value, then the keyed fields its class lets literals set
         * (sync.Pool{New: f}) */
        if (!u->cls || !u->cls->zero) {
            cg_error(fs, e, "invalid composite literal type %s", t->name);
            return;
        }
        for (int i = 0; i < n; i++) {
            Node *el = e->list.v[i];
            bool known = false;
            if (el->kind == N_KEYVALUE && el->a->kind == N_IDENT && u->cls->fields)
                for (const char *const *f = u->cls->fields; *f; f++)
                    known |= !strcmp(*f, el->a->name);
            if (!known) {
                if (el->kind == N_KEYVALUE && el->a->kind == N_IDENT)
                    cg_error(fs, el->a, "unknown field %s in struct literal of type %s",
                             el->a->name, t->name);
                else
                    cg_error(fs, el, "cannot set fields of %s in a composite literal", t->name);
                return;
            }
        }
        cg_emit_abx(fs, OP_ZERO, reg, type_const(fs, t));
        for (int i = 0; i < n; i++) {
            Node *el = e->list.v[i];
            int vr = cg_alloc(fs, 1);
            cg_expr_to(fs, el->b, vr);
            cg_emit_abc(fs, OP_SETFIELD, reg, name_const(fs, el->a->name, el->a), vr);
            cg_free_to(fs, vr);
        }
        return;
    default:
        cg_error(fs, e, "invalid composite literal type %s", t->name);
        return;
    }
}

/* ------------------------------------------------------------------ calls */

bool cg_is_multi(Node *e)
{
    e = strip(e);
    if (e->kind != N_CALL)
        return false;
    Node *f = strip(e->a);
    if (f->sym && ((Sym *)f->sym)->kind == SYM_TYPE)
        return false;
    if (f->kind >= N_TSLICE && f->kind <= N_TIFACE)
        return false;
    if (f->kind == N_IDENT && f->sym && ((Sym *)f->sym)->kind == SYM_BUILTIN)
        return false;
    return true;
}

/* Stage a call's arguments in [base+1 ..]: returns B for CALL (nargs+1,
 * or 0 when the last argument is a multi-value call). */
static int stage_args(FuncState *fs, Node *call, int first, int *nargs_out)
{
    NodeList *args = &call->list;
    if (args->n == 1 && cg_is_multi(args->v[0]) && !(call->flags & NF_SPREAD)) {
        cg_expr_multi(fs, args->v[0], first, -1);
        *nargs_out = -1;
        return 0;
    }
    Type **types = fs->argcall == call ? fs->argtypes : NULL;
    for (int i = 0; i < args->n; i++) {
        int r = cg_alloc(fs, 1);
        if (r != first + i)
            cg_error(fs, args->v[i], "internal error: argument registers");
        Value v;
        if (types && types[i] && cg_const_operand_to(fs, args->v[i], types[i], &v))
            cg_load_const(fs, v, r);
        else
            cg_expr_to(fs, args->v[i], r);
    }
    *nargs_out = args->n;
    return args->n + 1;
}

static int builtin_call(FuncState *fs, Node *call, int base, int nresults, Sym *s)
{
    NodeList *args = &call->list;
    int n = args->n;
    bool spread = call->flags & NF_SPREAD;
    switch (s->builtin) {
    case B_LEN:
        if (n != 1) {
            cg_error(fs, call, "%s arguments for len", n < 1 ? "not enough" : "too many");
            return 0;
        }
        if (nresults != -2) {
            Value v;
            if (cg_consteval(fs, call, &v)) {
                cg_load_const(fs, v, base);
                return 0;
            }
            int x = cg_expr_ref(fs, args->v[0]);
            cg_emit_abc(fs, OP_LEN, base, x, 0);
            return 0;
        }
        break;
    case B_APPEND:
        if (n < 1) {
            cg_error(fs, call, "not enough arguments for append");
            return 0;
        }
        if (nresults != -2) {
            cg_expr_to(fs, args->v[0], base);
            for (int i = 1; i < n; i++)
                cg_expr_to(fs, args->v[i], cg_alloc(fs, 1));
            if (spread && n != 2) {
                cg_error(fs, call, "can only use ... with final argument in list");
                return 0;
            }
            cg_emit_abc(fs, OP_APPEND, base, n - 1, spread ? 1 : 0);
            cg_free_to(fs, base + 1);
            return 0;
        }
        break;
    case B_PANIC:
        if (n != 1) {
            cg_error(fs, call, "%s arguments for panic", n < 1 ? "not enough" : "too many");
            return 0;
        }
        if (nresults != -2) {
            int x = cg_expr(fs, args->v[0]);
            cg_emit_abc(fs, OP_PANIC, x, 0, 0);
            return 0;
        }
        break;
    case B_RECOVER:
        if (nresults != -2) {
            cg_emit_abc(fs, OP_RECOVER, base, 0, 0);
            fs->fi->has_recover = true;
            return 0;
        }
        break;
    case B_MAKE: case B_NEW: {
        if (n < 1) {
            cg_error(fs, call, "not enough arguments for %s", s->name);
            return 0;
        }
        Type *t = cg_type(fs, args->v[0]);
        if (!t) {
            if (!fs->u->diag->count)
                cg_error(fs, args->v[0], "%s is not a type",
                         args->v[0]->kind == N_IDENT ? args->v[0]->name : "argument");
            return 0;
        }
        if (s->builtin == B_MAKE && !(t->under->kind == TY_SLICE || t->under->kind == TY_MAP ||
                                      t->under->kind == TY_CHAN)) {
            cg_error(fs, args->v[0], "invalid argument: cannot make %s; type must be slice, map, or channel",
                     t->name);
            return 0;
        }
        if (s->builtin == B_NEW && n != 1) {
            cg_error(fs, call, "too many arguments for new");
            return 0;
        }
        if (s->builtin == B_MAKE && t->under->kind == TY_SLICE && n < 2) {
            cg_error(fs, call, "invalid operation: make(%s) expects 2 or 3 arguments; found 1", t->name);
            return 0;
        }
        if (n > 3) {
            cg_error(fs, call, "too many arguments for make");
            return 0;
        }
        cg_load_const(fs, goro_builtin_value(s->builtin), base);
        int a = cg_alloc(fs, 1);
        cg_emit_abx(fs, OP_LOADK, a, type_const(fs, t));
        for (int i = 1; i < n; i++)
            cg_expr_to(fs, args->v[i], cg_alloc(fs, 1));
        if (nresults == -2)
            return n + 1;
        cg_emit_abc(fs, OP_CALL, base, n + 1, 2);
        cg_free_to(fs, base + 1);
        return 0;
    }
    case B_CLOSE:
        if (n == 1 && !cg_check_chan_op(fs, args->v[0], CHAN_OP_CLOSE))
            return 0;
        break;
    case B_COMPLEX: case B_REAL: case B_IMAG:
        /* natives, called like the rest (builtins.c) */
        if (!cg_check_complex_builtin(fs, call, s->builtin))
            return 0;
        if (nresults != -2 && !(call->flags & NF_NOTCONST)) {
            Value v;
            int errs = fs->u->diag->count;
            if (cg_consteval(fs, call, &v)) {   /* complex(1, 2), real(k) */
                cg_load_const(fs, v, base);
                return 0;
            }
            if (fs->u->diag->count > errs)
                return 0;
            call->flags |= NF_NOTCONST;
        }
        break;
    default:
        break;
    }
    /* the rest are natives called like functions */
    cg_load_const(fs, goro_builtin_value(s->builtin), base);
    int nargs;
    int b = stage_args(fs, call, base + 1, &nargs);
    if (nresults == -2)
        return b;
    cg_emit_abc(fs, spread ? OP_CALLS : OP_CALL, base, b, nresults + 1);
    cg_free_to(fs, base + (nresults > 0 ? nresults : 1));
    return 0;
}

int cg_call(FuncState *fs, Node *call, int base, int nresults)
{
    Node *f = strip(call->a);
    fs->line = call->line;
    if (base == fs->freereg)
        cg_alloc(fs, 1);
    /* conversion T(x) */
    if (cg_is_type_expr(fs, f) || (f->kind >= N_TSLICE && f->kind <= N_TIFACE)) {
        if (call->list.n != 1) {
            cg_error(fs, call, "%s arguments in conversion", call->list.n ? "too many" : "missing");
            return -1;
        }
        Type *t = cg_type(fs, f);
        if (!t)
            return -1;
        if (nresults == -2) {
            cg_error(fs, call, "expression in go/defer must not be a conversion");
            return -1;
        }
        if (!cg_check_complex_conversion(fs, call, t))
            return -1;
        Value v;
        if ((goro_type_is_int(t) || goro_type_is_float(t) || goro_type_is_complex(t) ||
             t->kind == TY_STRING || t->kind == TY_BOOL) && !(call->flags & NF_NOTCONST)) {
            int errs = fs->u->diag->count;
            if (cg_consteval(fs, call, &v)) {
                cg_load_const(fs, v, base);
                return 0;
            }
            if (fs->u->diag->count > errs)
                return -1;
            call->flags |= NF_NOTCONST;
        }
        cg_expr_to(fs, call->list.v[0], base);
        cg_emit_abx(fs, OP_CONV, base, type_const(fs, t));
        return 0;
    }
    Sym *fsym = f->kind == N_IDENT ? f->sym : NULL;
    if (fsym && fsym->kind == SYM_BUILTIN)
        return builtin_call(fs, call, base, nresults, fsym);

    int first;
    int extra = 0;
    if (f->kind == N_SELECTOR && !(f->sym && (((Sym *)f->sym)->kind == SYM_MEMBER ||
                                              ((Sym *)f->sym)->kind == SYM_GLOBAL))) {
        /* a method call: SELF puts the method and the receiver in place */
        if (!cg_check_selector(fs, f) || !cg_check_method_args(fs, call, f))
            return -1;
        int recv = cg_recv_operand(fs, f);
        if (base + 1 == fs->freereg)
            cg_alloc(fs, 1);
        cg_emit_abc(fs, OP_SELF, base, recv, name_const(fs, f->name, f));
        cg_free_to(fs, base + 2);
        first = base + 2;
        extra = 1;
    } else {
        if (fsym && fsym->kind == SYM_FUNC && !cg_check_func_args(fs, call))
            return -1;
        Value gv;
        if (cg_generic_call(fs, call, &gv))
            cg_load_const(fs, gv, base);
        else
            cg_expr_to(fs, f, base);
        cg_free_to(fs, base + 1);
        first = base + 1;
    }
    int nargs;
    int b = stage_args(fs, call, first, &nargs);
    if (b > 0)
        b += extra;
    fs->line = call->line;
    if (nresults == -2)     /* go/defer: B of the instruction; 0 when the args end at top */
        return nargs < 0 ? 0 : nargs + extra + 1;
    cg_emit_abc(fs, (call->flags & NF_SPREAD) ? OP_CALLS : OP_CALL, base, b, nresults + 1);
    cg_free_to(fs, base + (nresults > 0 ? nresults : 1));
    return 0;
}

/* ------------------------------------------------------------- expressions */

int cg_binop(int tk)
{
    switch (tk) {
    case TK_PLUS: return OP_ADD;
    case TK_MINUS: return OP_SUB;
    case TK_STAR: return OP_MUL;
    case TK_SLASH: return OP_DIV;
    case TK_PERCENT: return OP_MOD;
    case TK_AMP: return OP_BAND;
    case TK_PIPE: return OP_BOR;
    case TK_CARET: return OP_BXOR;
    case TK_ANDNOT: return OP_BANDNOT;
    case TK_SHL: return OP_SHL;
    case TK_SHR: return OP_SHR;
    case TK_EQ: return OP_EQ;
    case TK_NE: return OP_NE;
    case TK_LT: return OP_LT;
    case TK_LE: return OP_LE;
    default: return -1;
    }
}

/* The arithmetic opcode of an operator token, or -1. */
static int arith_op(int tk)
{
    int op = cg_binop(tk);
    return op >= OP_ADD && op <= OP_SHR ? op : -1;
}

static bool small_int(FuncState *fs, Node *e, Node *other, int *out)
{
    Value v;
    if (e->kind != N_INTLIT && e->kind != N_IDENT && e->kind != N_UNARY && e->kind != N_CHARLIT)
        return false;
    if (!cg_const_operand(fs, e, cg_static_type(fs, other), &v) || v.tt != VK_INT || v.u.i < -127 ||
        v.u.i > 127)
        return false;
    *out = (int)v.u.i;
    return true;
}

_Static_assert(OP_SHR - OP_ADD == OP_SHRK - OP_ADDK && OP_BANDNOT - OP_ADD == OP_BANDNOTK - OP_ADDK,
               "the K forms of the arithmetic opcodes must parallel them (opcodes.h)");

/* A constant right operand usable as K[C]: its index, or -1. */
static int const_operand(FuncState *fs, Node *e, Node *other)
{
    Value v;
    if (!cg_const_operand(fs, e, cg_static_type(fs, other), &v))
        return -1;
    if (VKIND(v) != VK_INT && VKIND(v) != VK_FLOAT && VKIND(v) != VK_STRING)
        return -1;
    int k = cg_const(fs, v);
    return k <= 255 ? k : -1;
}

/* An operand of a binary operator: an untyped constant one meets the
 * other operand's type (rune constants too: i + 'a' is an int). */
static int operand(FuncState *fs, Node *x, Node *other, int op)
{
    Value v;
    if (!(x->kind == N_INTLIT || x->kind == N_FLOATLIT || x->kind == N_IMAGLIT || x->kind == N_CHARLIT || x->kind == N_IDENT ||
          x->kind == N_SELECTOR || x->kind == N_UNARY || x->kind == N_BINARY || x->kind == N_PAREN ||
          x->kind == N_CALL))
        return cg_expr(fs, x);
    bool shift = op == OP_SHL || op == OP_SHR;
    if (!cg_const_operand(fs, x, shift ? NULL : cg_static_type(fs, other), &v))
        return cg_expr(fs, x);
    int r = cg_alloc(fs, 1);
    cg_load_const(fs, v, r);
    return r;
}

static void binary_to(FuncState *fs, Node *e, int reg)
{
    if (e->op == TK_ANDAND || e->op == TK_OROR) {
        cg_expr_to(fs, e->a, reg);
        int j = cg_emit_cjump(fs, e->op == TK_ANDAND ? OP_JMPIFNOT : OP_JMPIF, reg);
        cg_expr_to(fs, e->b, reg);
        cg_patch_here(fs, j);
        return;
    }
    int mark = fs->freereg;
    if (!cg_check_operands(fs, e) || !cg_check_complex_binary(fs, e))
        return;
    int op = arith_op(e->op);
    if (op >= 0) {
        int k, kidx;
        if ((op == OP_ADD || op == OP_SUB) && small_int(fs, e->b, e->a, &k)) {
            int a = operand(fs, e->a, e->b, op);
            cg_emit_abc(fs, OP_ADDI, reg, a, (uint8_t)(int8_t)(op == OP_ADD ? k : -k));
        } else if ((kidx = const_operand(fs, e->b, op == OP_SHL || op == OP_SHR ? NULL : e->a)) >= 0) {
            int a = operand(fs, e->a, e->b, op);
            fs->line = e->line;
            cg_emit_abc(fs, op - OP_ADD + OP_ADDK, reg, a, kidx);
        } else {
            int a = operand(fs, e->a, e->b, op);
            int b = operand(fs, e->b, e->a, op);
            fs->line = e->line;
            cg_emit_abc(fs, op, reg, a, b);
        }
        cg_free_to(fs, mark);
        return;
    }
    bool swap = e->op == TK_GT || e->op == TK_GE;
    int cop = e->op == TK_EQ ? OP_EQ : e->op == TK_NE ? OP_NE
            : (e->op == TK_LT || e->op == TK_GT) ? OP_LT : OP_LE;
    if ((e->op == TK_EQ || e->op == TK_NE) && !cg_check_compare(fs, e))
        return;
    if ((e->op == TK_EQ || e->op == TK_NE) && cg_iface_compare(fs, e->a, e->b))
        cop = e->op == TK_EQ ? OP_EQI : OP_NEI;
    int a = operand(fs, e->a, e->b, cop);
    int b = operand(fs, e->b, e->a, cop);
    fs->line = e->line;
    cg_emit_abc(fs, cop, reg, swap ? b : a, swap ? a : b);
    cg_free_to(fs, mark);
}

static void unary_to(FuncState *fs, Node *e, int reg)
{
    int mark = fs->freereg;
    switch (e->op) {
    case TK_PLUS:
        cg_expr_to(fs, e->a, reg);
        return;
    case TK_MINUS: case TK_NOT: case TK_CARET: {
        if (!cg_check_complex_unary(fs, e))
            break;
        int a = cg_expr(fs, e->a);
        cg_emit_abc(fs, e->op == TK_MINUS ? OP_NEG : e->op == TK_NOT ? OP_NOT : OP_BNOT, reg, a, 0);
        break;
    }
    case TK_ARROW: {
        if (!cg_check_chan_op(fs, e->a, CHAN_OP_RECV))
            break;
        int c = cg_expr(fs, e->a);
        fs->line = e->line;
        cg_emit_abc(fs, OP_RECV, reg, c, 0);
        break;
    }
    case TK_STAR: {
        if (cg_is_type_expr(fs, e->a)) {
            cg_error(fs, e, "%s (type) is not an expression", "*T");
            break;
        }
        int p = cg_expr(fs, e->a);
        cg_emit_abc(fs, OP_LOAD, reg, p, 0);
        break;
    }
    case TK_AMP: {
        Node *x = strip(e->a);
        if (x->kind == N_COMPOSITE) {
            /* &T{...}: a new variable holding the literal */
            int t = cg_alloc(fs, 1);
            cg_expr_to(fs, x, t);
            cg_emit_abc(fs, OP_NEWBOX, t, t, 0);
            cg_emit_abc(fs, OP_ADDR, reg, t, 0);
            break;
        }
        if (x->kind == N_IDENT) {
            Sym *s = x->sym;
            bool done = true;
            if (s && s->kind == SYM_VAR && s->fn == fs->fi && s->captured) {
                cg_emit_abc(fs, OP_ADDR, reg, s->reg, 0);
            } else if (s && s->kind == SYM_VAR && s->fn != fs->fi) {
                cg_emit_abc(fs, OP_ADDR, reg, upval(fs, s, x), 1);
            } else if (s && s->kind == SYM_GLOBAL) {
                int t = cg_alloc(fs, 1);
                cg_load_const(fs, goro_ptrval(VK_BOX, s->box), t);
                cg_emit_abc(fs, OP_ADDR, reg, t, 0);
            } else {
                done = false;
            }
            if (done) {
                /* a declared type gives the pointer its type even while
                 * the variable holds nil (var e error; &e is *error) */
                Type *st = s->type;
                if (st && (st->kind == TY_IFACE || VKIND(goro_type_zero(st)) == VK_NIL || st->kind == TY_PTR ||
                           st->kind == TY_SLICE || st->kind == TY_MAP || st->kind == TY_CHAN || st->kind == TY_FUNC))
                    cg_emit_abx(fs, OP_CONV, reg, type_const(fs, goro_type_ptr(st)));
                break;
            }
            if (s && s->kind == SYM_VAR) {
                cg_error(fs, x, "internal error: address of unboxed variable %s", s->name);
                break;
            }
            cg_error(fs, e, "invalid operation: cannot take address of %s", x->name);
            break;
        }
        if (x->kind == N_INDEX) {
            int c = cg_expr_ref(fs, x->a);
            int k = cg_expr(fs, x->b);
            cg_emit_abc(fs, OP_ADDRINDEX, reg, c, k);
            break;
        }
        if (x->kind == N_SELECTOR && !(x->sym && ((Sym *)x->sym)->kind != SYM_VAR)) {
            int o = cg_expr_ref(fs, x->a);
            cg_emit_abc(fs, OP_ADDRFIELD, reg, o, name_const(fs, x->name, x));
            break;
        }
        if (x->kind == N_SELECTOR && x->sym && ((Sym *)x->sym)->kind == SYM_GLOBAL) {
            int t = cg_alloc(fs, 1);
            cg_load_const(fs, goro_ptrval(VK_BOX, ((Sym *)x->sym)->box), t);
            cg_emit_abc(fs, OP_ADDR, reg, t, 0);
            break;
        }
        if (x->kind == N_UNARY && x->op == TK_STAR) {
            cg_expr_to(fs, x->a, reg);
            break;
        }
        cg_error(fs, e, "invalid operation: cannot take address of expression");
        break;
    }
    default:
        cg_error(fs, e, "bad unary operator");
        break;
    }
    cg_free_to(fs, mark);
}

void cg_expr_to(FuncState *fs, Node *e, int reg)
{
    if (!enter(fs, e))
        return;
    int mark = fs->freereg;
    Value cv;
    if ((e->kind == N_BINARY || e->kind == N_UNARY || e->kind == N_PAREN) &&
        !(e->flags & NF_NOTCONST)) {
        if (cg_consteval(fs, e, &cv)) {
            cg_load_const(fs, cv, reg);
            fs->u->depth--;
            return;
        }
        e->flags |= NF_NOTCONST;
    }
    switch (e->kind) {
    case N_INTLIT: case N_FLOATLIT: case N_STRLIT: case N_CHARLIT: case N_IMAGLIT:
        cg_consteval(fs, e, &cv);
        cg_load_const(fs, cv, reg);
        break;
    case N_IDENT: {
        Sym *s = e->sym;
        if (!s) {
            cg_error(fs, e, "undefined: %s", e->name);
            break;
        }
        cg_load_sym(fs, s, reg, e);
        break;
    }
    case N_PAREN:
        cg_expr_to(fs, e->a, reg);
        break;
    case N_BINARY:
        binary_to(fs, e, reg);
        break;
    case N_UNARY:
        unary_to(fs, e, reg);
        break;
    case N_CALL:
        if (!cg_check_single_value(fs, e))
            break;
        if (reg == fs->freereg - 1 && reg >= mark - 1) {
            cg_free_to(fs, reg);
            cg_call(fs, e, reg, 1);
            fs->freereg = mark;
        } else {
            int base = cg_alloc(fs, 1);
            cg_call(fs, e, base, 1);
            cg_emit_abc(fs, OP_MOVE, reg, base, 0);
        }
        break;
    case N_INDEX: {
        Sym *s = e->a->sym;
        if (s && s->kind == SYM_TYPE) {
            cg_error(fs, e, "generic types are not supported");
            break;
        }
        int c = cg_expr_ref(fs, e->a);
        int k = cg_expr(fs, e->b);
        fs->line = e->line;
        cg_emit_abc(fs, OP_GETINDEX, reg, c, k);
        break;
    }
    case N_INSTANCE: {
        Value gv;
        if (cg_generic_value(fs, e, &gv))
            cg_load_const(fs, gv, reg);
        break;
    }
    case N_SLICEX: {
        int base = cg_alloc(fs, 4);
        /* slicing an array slices the array itself, not a copy */
        int src = cg_expr_ref(fs, e->a);
        if (src != base)
            cg_emit_abc(fs, OP_MOVE, base, src, 1);
        int flags = 0;
        if (e->b) { cg_expr_to(fs, e->b, base + 1); flags |= 1; }
        if (e->c) { cg_expr_to(fs, e->c, base + 2); flags |= 2; }
        if (e->d) { cg_expr_to(fs, e->d, base + 3); flags |= 4; }
        if ((e->flags & NF_SLICE3) && (!e->c || !e->d))
            cg_error(fs, e, "middle and final index required in 3-index slice");
        fs->line = e->line;
        cg_emit_abc(fs, OP_SLICE, reg, base, flags);
        break;
    }
    case N_SELECTOR: {
        Sym *s = e->sym;
        if (s && (s->kind == SYM_MEMBER || s->kind == SYM_CONST || s->kind == SYM_GLOBAL ||
                  s->kind == SYM_TYPE)) {
            cg_load_sym(fs, s, reg, e);
            break;
        }
        if (e->a->kind == N_IDENT && !e->a->sym) {
            cg_error(fs, e->a, "undefined: %s", e->a->name);
            break;
        }
        int o;
        if (!cg_is_type_expr(fs, e->a) && !cg_check_selector(fs, e))
            break;
        if (cg_is_type_expr(fs, e->a)) {   /* a method expression T.M, (*T).M */
            o = cg_alloc(fs, 1);
            cg_load_const(fs, goro_ptrval(VK_TYPE, cg_type(fs, e->a)), o);
        } else {
            o = cg_recv_operand(fs, e);
        }
        fs->line = e->line;
        cg_emit_abc(fs, OP_GETFIELD, reg, o, name_const(fs, e->name, e));
        break;
    }
    case N_TYPEASSERT: {
        if (!e->b) {
            cg_error(fs, e, "use of .(type) outside type switch");
            break;
        }
        int x = cg_expr(fs, e->a);
        int t = cg_alloc(fs, 1);
        Type *ty = cg_type(fs, e->b);
        cg_emit_abx(fs, OP_LOADK, t, type_const(fs, ty ? ty : goro_t_any));
        /* R[t+1]: x's interface type, for the panic's text */
        Type *st = cg_static_type_ext(fs, e->a);
        int si = cg_alloc(fs, 1);
        cg_emit_abx(fs, OP_LOADK, si, type_const(fs, st && st->kind == TY_IFACE ? st : goro_t_any));
        fs->line = e->line;
        cg_emit_abc(fs, OP_ASSERT, reg, x, t);
        break;
    }
    case N_COMPOSITE:
        cg_composite(fs, e, reg, NULL);
        break;
    case N_FUNCLIT: {
        FuncInfo *fi = e->sym;
        fi->proto = NULL;   /* a fresh prototype each time: generic instances compile it again */
        Proto *p = cg_function(fs, fs->u, fi);
        if (fs->nprotos >= MAXARG_Bx) {
            cg_error(fs, e, "too many function literals");
            break;
        }
        if (fs->nprotos == fs->capprotos) {
            fs->capprotos = fs->capprotos ? fs->capprotos * 2 : 4;
            fs->protos = goro_realloc(fs->protos, sizeof(Proto *) * (size_t)fs->capprotos);
        }
        fs->protos[fs->nprotos] = p;
        fs->line = e->line;
        cg_emit_abx(fs, OP_CLOSURE, reg, fs->nprotos++);
        break;
    }
    case N_KEYVALUE:
        cg_error(fs, e, "unexpected key:value outside a composite literal");
        break;
    default:
        if (e->kind >= N_TSLICE && e->kind <= N_TIFACE)
            cg_error(fs, e, "%s is not an expression", goro_ast_kind_name(e->kind));
        else
            cg_error(fs, e, "unexpected %s", goro_ast_kind_name(e->kind));
        break;
    }
    cg_free_to(fs, mark);
    fs->u->depth--;
}

int cg_expr(FuncState *fs, Node *e)
{
    Node *x = strip(e);
    if (x->kind == N_IDENT) {
        Sym *s = x->sym;
        if (s && s->kind == SYM_VAR && s->fn == fs->fi && !s->captured && s->reg >= 0)
            return s->reg;
    }
    int r = cg_alloc(fs, 1);
    cg_expr_to(fs, e, r);
    return r;
}

void cg_expr_to_type(FuncState *fs, Node *e, int reg, Type *t)
{
    Value v;
    if (t && cg_const_operand_to(fs, e, t, &v))
        cg_load_const(fs, v, reg);
    else
        cg_expr_to(fs, e, reg);
}

void cg_expr_typed(FuncState *fs, Node *e, int reg, Type *t)
{
    Value v;
    Node *x = strip(e);
    if (t && x->kind == N_COMPOSITE && !x->a) {
        cg_composite(fs, x, reg, t);
        return;
    }
    if (t && cg_const_operand_to(fs, e, t, &v)) {
        cg_load_const(fs, goro_type_coerce(t, v), reg);
        return;
    }
    if (t && t->coerce && cg_consteval_to(fs, e, t, &v)) {
        cg_load_const(fs, goro_type_coerce(t, v), reg);
        return;
    }
    if (t && x->kind == N_IDENT && x->sym && ((Sym *)x->sym)->kind == SYM_NIL && t->coerce) {
        cg_load_const(fs, goro_type_coerce(t, goro_nil()), reg);
        return;
    }
    cg_expr_to(fs, e, reg);
    cg_coerce(fs, t, reg, e);
}

void cg_expr_multi(FuncState *fs, Node *e, int reg, int want)
{
    Node *x = strip(e);
    int mark = fs->freereg;
    if (x->kind == N_CALL && cg_is_multi(x)) {
        if (reg + 1 > fs->freereg)
            cg_alloc(fs, reg + 1 - fs->freereg);
        int top = fs->freereg;
        if (top == reg + 1 || (want > 0 && top == reg + want)) {
            cg_free_to(fs, reg);
            cg_call(fs, x, reg, want);
        } else {
            int base = cg_alloc(fs, 1);
            cg_call(fs, x, base, want);
            for (int i = 0; i < want; i++)
                cg_emit_abc(fs, OP_MOVE, reg + i, base + i, 0);
        }
        fs->freereg = mark > reg + (want > 0 ? want : 0) ? mark : reg + (want > 0 ? want : 0);
        return;
    }
    if (want == 2) {
        if (x->kind == N_INDEX) {
            int c = cg_expr_ref(fs, x->a);
            int k = cg_expr(fs, x->b);
            cg_emit_abc(fs, OP_GETINDEXOK, reg, c, k);
            cg_free_to(fs, mark);
            return;
        }
        if (x->kind == N_UNARY && x->op == TK_ARROW) {
            cg_check_chan_op(fs, x->a, CHAN_OP_RECV);
            int c = cg_expr(fs, x->a);
            fs->line = x->line;
            cg_emit_abc(fs, OP_RECV, reg, c, 1);
            cg_free_to(fs, mark);
            return;
        }
        if (x->kind == N_TYPEASSERT && x->b) {
            int v = cg_expr(fs, x->a);
            int t = cg_alloc(fs, 1);
            Type *ty = cg_type(fs, x->b);
            cg_emit_abx(fs, OP_LOADK, t, type_const(fs, ty ? ty : goro_t_any));
            cg_emit_abc(fs, OP_ASSERTOK, reg, v, t);
            cg_free_to(fs, mark);
            return;
        }
    }
    if (want == 1 || want == -1) {
        cg_expr_to(fs, e, reg);
        return;
    }
    cg_error(fs, e, "assignment mismatch: %d variables but 1 value", want);
}

/* ------------------------------------------------------------ conditions */

void cg_patch_list(FuncState *fs, IntVec *jumps, int target)
{
    for (int i = 0; i < jumps->n; i++)
        cg_patch(fs, jumps->v[i], target);
    jumps->n = 0;
}

void cg_cond(FuncState *fs, Node *e, bool jump_when, IntVec *jumps)
{
    Node *x = strip(e);
    Value cv;
    if (!(x->flags & NF_NOTCONST) && cg_consteval(fs, x, &cv) && VKIND(cv) == VK_BOOL) {
        if ((bool)cv.u.i == jump_when)
            goro_intvec_push(jumps, cg_emit_jump(fs));
        return;
    }
    if (x->kind == N_UNARY && x->op == TK_NOT) {
        cg_cond(fs, x->a, !jump_when, jumps);
        return;
    }
    if (x->kind == N_BINARY && (x->op == TK_ANDAND || x->op == TK_OROR)) {
        bool is_and = x->op == TK_ANDAND;
        if (is_and != jump_when) {
            /* a && b, jump when false: either false jumps.
             * a || b, jump when true: either true jumps. */
            cg_cond(fs, x->a, jump_when, jumps);
            cg_cond(fs, x->b, jump_when, jumps);
        } else {
            /* a && b, jump when true: skip b when a is false */
            IntVec skip = {0};
            cg_cond(fs, x->a, !jump_when, &skip);
            cg_cond(fs, x->b, jump_when, jumps);
            cg_patch_list(fs, &skip, cg_here(fs));
        }
        return;
    }
    int mark = fs->freereg;
    if (x->kind == N_BINARY && (x->op == TK_EQ || x->op == TK_NE || x->op == TK_LT ||
                                x->op == TK_LE || x->op == TK_GT || x->op == TK_GE) &&
        !((x->op == TK_EQ || x->op == TK_NE) && cg_iface_compare(fs, x->a, x->b))) {
        /* a fused compare-and-jump: the test, then the JMP it takes */
        bool k = jump_when;
        if (x->op == TK_EQ || x->op == TK_NE)
            cg_check_compare(fs, x);
        cg_check_operands(fs, x);
        int a = operand(fs, x->a, x->b, OP_EQ);
        int kidx = const_operand(fs, x->b, x->a);
        fs->line = x->line;
        if (kidx >= 0) {
            int op;
            switch (x->op) {
            case TK_EQ: op = OP_EQJK; break;
            case TK_NE: op = OP_EQJK; k = !k; break;
            case TK_LT: op = OP_LTJK; break;
            case TK_LE: op = OP_LEJK; break;
            case TK_GT: op = OP_GTJK; break;
            default: op = OP_GEJK; break;
            }
            cg_emit_abc(fs, op, a, kidx, k);
        } else {
            int b = operand(fs, x->b, x->a, OP_EQ);
            fs->line = x->line;
            switch (x->op) {
            case TK_EQ: cg_emit_abc(fs, OP_EQJ, a, b, k); break;
            case TK_NE: cg_emit_abc(fs, OP_EQJ, a, b, !k); break;
            case TK_LT: cg_emit_abc(fs, OP_LTJ, a, b, k); break;
            case TK_LE: cg_emit_abc(fs, OP_LEJ, a, b, k); break;
            case TK_GT: cg_emit_abc(fs, OP_LTJ, b, a, k); break;
            default: cg_emit_abc(fs, OP_LEJ, b, a, k); break;
            }
        }
        goro_intvec_push(jumps, cg_emit_jump(fs));
        cg_free_to(fs, mark);
        return;
    }
    int r = cg_expr(fs, e);
    fs->line = x->line;
    goro_intvec_push(jumps, cg_emit_cjump(fs, jump_when ? OP_JMPIF : OP_JMPIFNOT, r));
    cg_free_to(fs, mark);
}

/* ------------------------------------------------------------ assignment */

void cg_assign(FuncState *fs, Node *target, int valreg)
{
    Node *t = strip(target);
    int mark = fs->freereg;
    fs->line = t->line;
    switch (t->kind) {
    case N_IDENT: {
        if (is_blank_ident(t))
            return;
        Sym *s = t->sym;
        if (!s) {
            cg_error(fs, t, "undefined: %s", t->name);
            return;
        }
        if (s->kind != SYM_VAR && s->kind != SYM_GLOBAL) {
            cg_error(fs, t, "cannot assign to %s (neither addressable nor a map index expression)",
                     t->name);
            return;
        }
        if (s->type && s->type->coerce) {
            int r = cg_alloc(fs, 1);
            cg_emit_abc(fs, OP_MOVE, r, valreg, 0);
            cg_emit_abx(fs, OP_COERCE, r, type_const(fs, s->type));
            valreg = r;
        }
        cg_store_sym(fs, s, valreg);
        break;
    }
    case N_INDEX: {
        int c = cg_expr_ref(fs, t->a);
        int k = cg_expr(fs, t->b);
        fs->line = t->line;
        cg_emit_abc(fs, OP_SETINDEX, c, k, valreg);
        break;
    }
    case N_SELECTOR: {
        Sym *s = t->sym;
        if (s && s->kind == SYM_GLOBAL) {
            cg_store_sym(fs, s, valreg);
            break;
        }
        if (s) {
            cg_error(fs, t, "cannot assign to %s.%s", t->a->name, t->name);
            break;
        }
        if (!cg_check_assign_field(fs, t) || !cg_check_selector(fs, t))
            break;
        int o = cg_expr_ref(fs, t->a);
        cg_emit_abc(fs, OP_SETFIELD, o, name_const(fs, t->name, t), valreg);
        break;
    }
    case N_UNARY:
        if (t->op == TK_STAR) {
            int p = cg_expr(fs, t->a);
            cg_emit_abc(fs, OP_STORE, p, valreg, 0);
            break;
        }
        /* fall through */
    default:
        cg_error(fs, t, "cannot assign to %s (neither addressable nor a map index expression)",
                 goro_ast_kind_name(t->kind));
        break;
    }
    cg_free_to(fs, mark);
}

/* x op= y, and x++ (given as x += 1) */
static void op_assign(FuncState *fs, Node *n)
{
    Node *t = strip(n->a);
    int op = arith_op(n->op);
    int mark = fs->freereg;
    if (t->kind == N_IDENT) {
        Sym *s = t->sym;
        if (s && s->kind == SYM_VAR && s->fn == fs->fi && !s->captured && s->reg >= 0) {
            int k;
            if ((op == OP_ADD || op == OP_SUB) && small_int(fs, n->b, t, &k)) {
                cg_emit_abc(fs, OP_ADDI, s->reg, s->reg, (uint8_t)(int8_t)(op == OP_ADD ? k : -k));
            } else {
                int b = operand(fs, n->b, t, op);
                fs->line = n->line;
                cg_emit_abc(fs, op, s->reg, s->reg, b);
            }
            if (s->type && s->type->coerce && !goro_type_is_float(s->type) &&
                !goro_type_is_int(s->type))
                cg_emit_abx(fs, OP_COERCE, s->reg, type_const(fs, s->type));
            return;
        }
        int r = cg_alloc(fs, 1);
        cg_expr_to(fs, t, r);
        int b = operand(fs, n->b, t, op);
        fs->line = n->line;
        cg_emit_abc(fs, op, r, r, b);
        cg_assign(fs, t, r);
        cg_free_to(fs, mark);
        return;
    }
    if (t->kind == N_INDEX) {
        int c = cg_expr_ref(fs, t->a);
        int k = cg_expr(fs, t->b);
        int r = cg_alloc(fs, 1);
        cg_emit_abc(fs, OP_GETINDEX, r, c, k);
        int b = operand(fs, n->b, t, op);
        fs->line = n->line;
        cg_emit_abc(fs, op, r, r, b);
        cg_emit_abc(fs, OP_SETINDEX, c, k, r);
        cg_free_to(fs, mark);
        return;
    }
    if (t->kind == N_SELECTOR && !t->sym) {
        int o = cg_expr_ref(fs, t->a);
        int r = cg_alloc(fs, 1);
        int kn = name_const(fs, t->name, t);
        cg_emit_abc(fs, OP_GETFIELD, r, o, kn);
        int b = operand(fs, n->b, t, op);
        fs->line = n->line;
        cg_emit_abc(fs, op, r, r, b);
        cg_emit_abc(fs, OP_SETFIELD, o, kn, r);
        cg_free_to(fs, mark);
        return;
    }
    if (t->kind == N_UNARY && t->op == TK_STAR) {
        int p = cg_expr(fs, t->a);
        int r = cg_alloc(fs, 1);
        cg_emit_abc(fs, OP_LOAD, r, p, 0);
        int b = operand(fs, n->b, t, op);
        cg_emit_abc(fs, op, r, r, b);
        cg_emit_abc(fs, OP_STORE, p, r, 0);
        cg_free_to(fs, mark);
        return;
    }
    int r = cg_alloc(fs, 1);
    cg_expr_to(fs, t, r);
    int b = operand(fs, n->b, t, op);
    cg_emit_abc(fs, op, r, r, b);
    cg_assign(fs, t, r);
    cg_free_to(fs, mark);
}

/* A target of a multiple assignment whose operands (container, index,
 * pointer) are already evaluated: Go evaluates them before any store. */
typedef struct Prepared {
    Node *t;
    int kind;     /* 0 plain (ident), 1 index, 2 field, 3 deref */
    int r1, r2;
} Prepared;

static Prepared prepare_target(FuncState *fs, Node *target, bool copy)
{
    Prepared p = {strip(target), 0, 0, 0};
    Node *t = p.t;
    int mark = fs->freereg;
    /* The container is referenced, never copied: a[0], a[1] = 1, 2
     * stores into the array variable a itself.  copy: an operand held in
     * a local's register is moved to a temporary, for a multiple
     * assignment may store into that local before this target (s, s[0]
     * = t, 1 stores into the old slice). */
    if (t->kind == N_INDEX) {
        p.kind = 1;
        p.r1 = cg_expr_ref(fs, t->a);
        p.r2 = cg_expr(fs, t->b);
        if (copy && p.r2 < mark) {
            int k = cg_alloc(fs, 1);
            cg_emit_abc(fs, OP_MOVE, k, p.r2, 0);
            p.r2 = k;
        }
    } else if (t->kind == N_SELECTOR && !t->sym) {
        p.kind = 2;
        if (!cg_check_assign_field(fs, t))
            return p;
        cg_check_selector(fs, t);
        p.r1 = cg_expr_ref(fs, t->a);
    } else if (t->kind == N_UNARY && t->op == TK_STAR) {
        p.kind = 3;
        p.r1 = cg_expr(fs, t->a);
    } else {
        return p;
    }
    if (copy && p.r1 < mark) {
        int r = cg_alloc(fs, 1);
        cg_emit_abc(fs, OP_MOVE, r, p.r1, 0);
        p.r1 = r;
    }
    return p;
}

static void store_prepared(FuncState *fs, Prepared *p, int valreg)
{
    fs->line = p->t->line;
    switch (p->kind) {
    case 1:
        cg_emit_abc(fs, OP_SETINDEX, p->r1, p->r2, valreg);
        break;
    case 2:
        cg_emit_abc(fs, OP_SETFIELD, p->r1, name_const(fs, p->t->name, p->t), valreg);
        break;
    case 3:
        cg_emit_abc(fs, OP_STORE, p->r1, valreg, 0);
        break;
    default:
        cg_assign(fs, p->t, valreg);
        break;
    }
}

void cg_assign_list(FuncState *fs, NodeList *lhs, NodeList *rhs, Node *at)
{
    if (at->kind == N_OPASSIGN) {
        op_assign(fs, at);
        return;
    }
    int nl = lhs->n, nr = rhs->n;
    int mark = fs->freereg;
    if (nr == 1 && !cg_check_result_count(fs, rhs->v[0], nl, at))
        return;
    if (nl == 1 && nr == 1) {
        Node *t = strip(lhs->v[0]);
        Sym *s = t->kind == N_IDENT ? t->sym : NULL;
        /* x = expr straight into a plain local's register when safe:
         * a single instruction writes it at the end */
        Node *r = strip(rhs->v[0]);
        if (s && s->kind == SYM_VAR && s->fn == fs->fi && !s->captured && s->reg >= 0 &&
            !(s->type && s->type->coerce) &&
            (r->kind == N_BINARY || r->kind == N_INTLIT || r->kind == N_STRLIT ||
             r->kind == N_FLOATLIT || (r->kind == N_UNARY && r->op != TK_ARROW))) {
            if (cg_check_assignable(fs, s->type, rhs->v[0], "assignment"))
                cg_expr_to_type(fs, rhs->v[0], s->reg, s->type);
            return;
        }
        if (!is_blank_ident(t) && !cg_check_assignable(fs, cg_static_type(fs, t), rhs->v[0], "assignment"))
            return;
        /* the target's operands first, then the value (s[k()] = v()) */
        Prepared p = prepare_target(fs, t, false);
        int v = cg_alloc(fs, 1);
        if (s)
            cg_expr_typed(fs, rhs->v[0], v, s->type);
        else   /* a field or element: a constant meets its static type */
            cg_expr_to_type(fs, rhs->v[0], v, is_blank_ident(t) ? NULL : cg_static_type(fs, t));
        store_prepared(fs, &p, v);
        cg_free_to(fs, mark);
        return;
    }
    /* Go's order: the operands of the targets, then every right-hand
     * side, then the stores from left to right (a, b = b, a swaps;
     * i, s[i] = 2, 99 stores into the old s[i]) */
    Prepared *pt = goro_alloc(sizeof(Prepared) * (size_t)nl);
    for (int i = 0; i < nl; i++)
        pt[i] = prepare_target(fs, lhs->v[i], true);
    int base = cg_alloc(fs, nl);
    if (nr == nl) {
        for (int i = 0; i < nl; i++) {
            Node *t = strip(lhs->v[i]);
            Type *tt = is_blank_ident(t) ? NULL : cg_static_type(fs, t);
            if (tt)
                cg_check_assignable(fs, tt, rhs->v[i], "assignment");
            cg_expr_to_type(fs, rhs->v[i], base + i, tt);
        }
    } else if (nr == 1) {
        cg_expr_multi(fs, rhs->v[0], base, nl);
    } else {
        cg_error(fs, at, "assignment mismatch: %d variables but %d values", nl, nr);
        return;
    }
    for (int i = 0; i < nl; i++)
        store_prepared(fs, &pt[i], base + i);
    cg_free_to(fs, mark);
}
