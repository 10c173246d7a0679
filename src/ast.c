/* ast.c: syntax tree builders called by the grammar actions, and the
 * decoding of literals (numbers, strings, runes). */
#include "ast.h"

#include <errno.h>
#include <stdlib.h>

#include "common.h"
#include "diag.h"
#include "parser.h"
#include "utf8.h"

void goro_ast_list_push(NodeList *l, Node *n) { GORO_VEC_PUSH(*l, n); }

static const char *lexeme(ParseState *ps, Token t) { return ps->src + t.off; }

static void error_at(ParseState *ps, Token t, const char *msg)
{
    goro_diag_error(ps->diag, t.line, t.col, "%s", msg);
}

Node *ast_new(ParseState *ps, int kind, Token t)
{
    GORO_UNUSED(ps);
    Node *n = goro_alloc(sizeof *n);
    n->kind = (uint8_t)kind;
    n->line = t.line;
    n->col = t.col;
    return n;
}

Node *ast_new_at(int kind, Node *pos)
{
    Node *n = goro_alloc(sizeof *n);
    n->kind = (uint8_t)kind;
    if (pos) {
        n->line = pos->line;
        n->col = pos->col;
    }
    return n;
}

Node *ast_list(ParseState *ps, Node *item)
{
    Node *l = ast_new(ps, N_LIST, ps->last);
    if (item)
        goro_ast_list_push(&l->list, item);
    return l;
}

Node *ast_append(Node *list, Node *item)
{
    if (item)
        goro_ast_list_push(&list->list, item);
    return list;
}

Node *ast_ident(ParseState *ps, Token t)
{
    Node *n = ast_new(ps, N_IDENT, t);
    n->name = goro_intern(lexeme(ps, t), (size_t)t.len);
    return n;
}

/* ---------------------------------------------------------------- literals */

static Node *int_literal(ParseState *ps, Token t)
{
    Node *n = ast_new(ps, N_INTLIT, t);
    char *buf = goro_alloc_atomic((size_t)t.len + 1);
    int k = 0;
    const char *s = lexeme(ps, t);
    /* the exact value is folded from the text (compile_const.c) */
    n->name = goro_intern(s, (size_t)t.len);
    for (int i = 0; i < t.len; i++)
        if (s[i] != '_')
            buf[k++] = s[i];
    buf[k] = 0;
    int base = 10;
    const char *digits = buf;
    if (k > 1 && buf[0] == '0') {
        switch (buf[1]) {
        case 'x': case 'X': base = 16; digits = buf + 2; break;
        case 'b': case 'B': base = 2; digits = buf + 2; break;
        case 'o': case 'O': base = 8; digits = buf + 2; break;
        default: base = 8; digits = buf + 1; break;
        }
    }
    errno = 0;
    char *end;
    unsigned long long v = strtoull(digits, &end, base);
    if (errno == ERANGE) {
        v = 0;   /* beyond uint64: only the text holds it */
    } else if (*end) {
        error_at(ps, t, goro_sprintf("invalid digit '%c' in %s literal", *end,
                                     base == 8 ? "octal" : base == 2 ? "binary" : "number"));
    }
    n->lit.i = (int64_t)v;
    if (v > (unsigned long long)INT64_MAX)
        n->flags |= NF_BIGUINT;
    return n;
}

static Node *float_literal(ParseState *ps, Token t)
{
    Node *n = ast_new(ps, N_FLOATLIT, t);
    char *buf = goro_alloc_atomic((size_t)t.len + 1);
    int k = 0;
    const char *s = lexeme(ps, t);
    for (int i = 0; i < t.len; i++)
        if (s[i] != '_')
            buf[k++] = s[i];
    buf[k] = 0;
    n->name = goro_intern(s, (size_t)t.len);
    n->lit.f = strtod(buf, NULL);
    return n;
}

/* 2i, 1.5i, 0x1p2i, 0b101i: lit.f is the imaginary part as a float64;
 * name is the literal's text, for the exact constant folder.  A decimal
 * literal with leading zeros (0123i) is decimal, as in Go. */
static Node *imag_literal(ParseState *ps, Token t)
{
    Node *n = ast_new(ps, N_IMAGLIT, t);
    char *buf = goro_alloc_atomic((size_t)t.len + 1);
    int k = 0;
    const char *s = lexeme(ps, t);
    for (int i = 0; i < t.len - 1; i++)   /* without the final 'i' */
        if (s[i] != '_')
            buf[k++] = s[i];
    buf[k] = 0;
    if (k > 2 && buf[0] == '0' && strchr("bBoO", buf[1])) {
        int base = buf[1] == 'b' || buf[1] == 'B' ? 2 : 8;
        errno = 0;
        char *end;
        unsigned long long v = strtoull(buf + 2, &end, base);
        if (*end)
            error_at(ps, t, goro_sprintf("invalid digit '%c' in %s literal", *end,
                                         base == 2 ? "binary" : "octal"));
        n->lit.f = (double)v;
        n->name = goro_intern(s, (size_t)t.len);
        return n;
    }
    n->lit.f = strtod(buf, NULL);
    n->name = goro_intern(s, (size_t)t.len);
    return n;
}

/* Decode one escape at s (just after the backslash).  Returns the number
 * of bytes consumed; *cp is the value, *isbyte says \x or octal (a raw
 * byte rather than a code point). */
static int decode_escape(const char *s, int len, int32_t *cp, int *isbyte, const char **err)
{
    *isbyte = 0;
    if (len < 1) { *err = "escape sequence not terminated"; return 0; }
    switch (s[0]) {
    case 'a': *cp = 7; return 1;
    case 'b': *cp = 8; return 1;
    case 'f': *cp = 12; return 1;
    case 'n': *cp = 10; return 1;
    case 'r': *cp = 13; return 1;
    case 't': *cp = 9; return 1;
    case 'v': *cp = 11; return 1;
    case '\\': *cp = '\\'; return 1;
    case '\'': *cp = '\''; return 1;
    case '"': *cp = '"'; return 1;
    case 'x':
        if (len < 3) { *err = "escape sequence not terminated"; return 0; }
        *cp = goro_hex_digit(s[1]) * 16 + goro_hex_digit(s[2]);
        *isbyte = 1;
        return 3;
    case 'u': case 'U': {
        int nd = s[0] == 'u' ? 4 : 8;
        if (len < nd + 1) { *err = "escape sequence not terminated"; return 0; }
        uint32_t v = 0;
        for (int i = 1; i <= nd; i++)
            v = v * 16 + (uint32_t)goro_hex_digit(s[i]);
        if (v > 0x10FFFF || (v >= 0xD800 && v < 0xE000)) {
            *err = "escape sequence is invalid Unicode code point";
            return 0;
        }
        *cp = (int32_t)v;
        return nd + 1;
    }
    default:
        if (s[0] >= '0' && s[0] <= '7' && len >= 3) {
            int v = (s[0] - '0') * 64 + (s[1] - '0') * 8 + (s[2] - '0');
            if (v > 255) { *err = "octal escape value > 255"; return 0; }
            *cp = v;
            *isbyte = 1;
            return 3;
        }
        *err = "unknown escape sequence";
        return 0;
    }
}

int goro_ast_decode_string(const char *s, int len, char **out, int *outlen, const char **err)
{
    *err = NULL;
    if (len >= 2 && s[0] == '`') {
        char *d = goro_alloc_atomic((size_t)len);
        int k = 0;
        for (int i = 1; i < len - 1; i++)
            if (s[i] != '\r')
                d[k++] = s[i];
        d[k] = 0;
        *out = d;
        *outlen = k;
        return 1;
    }
    char *d = goro_alloc_atomic((size_t)len + 1);
    int k = 0;
    for (int i = 1; i < len - 1;) {
        if (s[i] != '\\') {
            d[k++] = s[i++];
            continue;
        }
        int32_t cp;
        int isbyte;
        int used = decode_escape(s + i + 1, len - 2 - i, &cp, &isbyte, err);
        if (!used)
            return 0;
        i += 1 + used;
        if (isbyte)
            d[k++] = (char)cp;
        else
            k += goro_utf8_encode(cp, d + k);
    }
    d[k] = 0;
    *out = d;
    *outlen = k;
    return 1;
}

static Node *char_literal(ParseState *ps, Token t)
{
    Node *n = ast_new(ps, N_CHARLIT, t);
    n->name = goro_intern(lexeme(ps, t), (size_t)t.len);   /* for messages */
    const char *s = lexeme(ps, t) + 1;
    int len = t.len - 2;
    if (s[0] == '\\') {
        int32_t cp;
        int isbyte;
        const char *err;
        if (!decode_escape(s + 1, len - 1, &cp, &isbyte, &err))
            error_at(ps, t, err);
        else
            n->lit.i = cp;
    } else {
        int32_t cp;
        goro_utf8_decode((const unsigned char *)s, len, &cp);
        n->lit.i = cp;
    }
    return n;
}

Node *ast_literal(ParseState *ps, Token t)
{
    switch (t.type) {
    case TK_INT:
        return int_literal(ps, t);
    case TK_FLOAT:
        return float_literal(ps, t);
    case TK_CHAR:
        return char_literal(ps, t);
    case TK_IMAG:
        return imag_literal(ps, t);
    default: {
        Node *n = ast_new(ps, N_STRLIT, t);
        const char *err;
        if (!goro_ast_decode_string(lexeme(ps, t), t.len, &n->lit.s.s, &n->lit.s.len, &err)) {
            error_at(ps, t, err);
            n->lit.s.s = "";
            n->lit.s.len = 0;
        }
        return n;
    }
    }
}

/* ------------------------------------------------------------- expressions */

Node *ast_binary(ParseState *ps, Token op, Node *l, Node *r)
{
    Node *n = ast_new(ps, N_BINARY, op);
    n->op = (uint16_t)op.type;
    n->a = l;
    n->b = r;
    return n;
}

Node *ast_unary(ParseState *ps, Token op, Node *x)
{
    if (op.type == TK_LPAREN) {
        Node *n = ast_new(ps, N_PAREN, op);
        n->a = x;
        return n;
    }
    Node *n = ast_new(ps, N_UNARY, op);
    n->op = (uint16_t)op.type;
    n->a = x;
    return n;
}

Node *ast_call(ParseState *ps, Node *fn, Node *args, int spread)
{
    Node *n = ast_new_at(N_CALL, fn);
    GORO_UNUSED(ps);
    n->a = fn;
    n->list = args->list;
    if (spread)
        n->flags |= NF_SPREAD;
    return n;
}

Node *ast_selector(ParseState *ps, Node *x, Token name)
{
    Node *n = ast_new(ps, N_SELECTOR, name);
    n->a = x;
    n->name = goro_intern(lexeme(ps, name), (size_t)name.len);
    return n;
}

Node *ast_qualified(ParseState *ps, Token pkg, Token name)
{
    return ast_selector(ps, ast_ident(ps, pkg), name);
}

Node *ast_index(ParseState *ps, Node *x, Node *i)
{
    GORO_UNUSED(ps);
    Node *n = ast_new_at(N_INDEX, i ? i : x);
    n->a = x;
    n->b = i;
    return n;
}

Node *ast_slice(ParseState *ps, Node *x, Node *lo, Node *hi, Node *max, int three)
{
    GORO_UNUSED(ps);
    Node *n = ast_new_at(N_SLICEX, x);
    n->a = x;
    n->b = lo;
    n->c = hi;
    n->d = max;
    if (three)
        n->flags |= NF_SLICE3;
    return n;
}

Node *ast_assert(ParseState *ps, Node *x, Node *type)
{
    GORO_UNUSED(ps);
    Node *n = ast_new_at(N_TYPEASSERT, x);
    n->a = x;
    n->b = type;
    return n;
}

Node *ast_composite(ParseState *ps, Node *type, Node *elems, Token brace)
{
    Node *n = ast_new(ps, N_COMPOSITE, brace);
    if (type) {
        n->line = type->line;
        n->col = type->col;
    }
    n->a = type;
    n->list = elems->list;
    return n;
}

Node *ast_keyvalue(ParseState *ps, Node *k, Node *v)
{
    GORO_UNUSED(ps);
    Node *n = ast_new_at(N_KEYVALUE, k);
    n->a = k;
    n->b = v;
    return n;
}

Node *ast_funclit(ParseState *ps, Token f, Node *sig, Node *body)
{
    Node *n = ast_new(ps, N_FUNCLIT, f);
    n->a = sig;
    n->b = body;
    return n;
}

/* ------------------------------------------------------------------- types */

Node *ast_type(ParseState *ps, int kind, Token t, Node *a, Node *b)
{
    Node *n = ast_new(ps, kind, t);
    if (kind == N_TSTRUCT || kind == N_TIFACE) {
        n->list = a->list;
        return n;
    }
    n->a = a;
    n->b = b;
    return n;
}

Node *ast_chantype(ParseState *ps, Token t, int dir, Node *elem)
{
    Node *n = ast_new(ps, N_TCHAN, t);
    n->op = (uint16_t)dir;
    n->a = elem;
    return n;
}

Node *ast_signature(ParseState *ps, Node *params, Node *results)
{
    Node *n = ast_new(ps, N_TFUNC, ps->last);
    n->list = params->list;
    if (results)
        n->list2 = results->list;
    /* Go's rule: in `(a, b int, c string)` every name takes the type of
     * the next typed parameter.  If no parameter pairs a name with a type,
     * a lone identifier is a name in goro (types are optional), and in a
     * bare function type it is a type, which only matters for printing. */
    /* results written as lone names are types: (int, error) */
    bool typed = false;
    for (int i = 0; i < n->list2.n; i++)
        typed |= n->list2.v[i]->name && n->list2.v[i]->a;
    if (!typed) {
        for (int i = 0; i < n->list2.n; i++) {
            Node *p = n->list2.v[i];
            if (p->name && !p->a) {
                Node *t = ast_new_at(N_IDENT, p);
                t->name = p->name;
                p->a = t;
                p->name = NULL;
            }
        }
    }
    for (int pass = 0; pass < 2; pass++) {
        NodeList *l = pass ? &n->list2 : &n->list;
        Node *pending_type = NULL;
        for (int i = l->n - 1; i >= 0; i--) {
            Node *p = l->v[i];
            if (p->name && p->a)
                pending_type = p->a;
            else if (p->name && !p->a && !(p->flags & NF_VARIADIC))
                p->a = pending_type;
        }
    }
    return n;
}

Node *ast_param(ParseState *ps, Token *name, Node *type, int variadic)
{
    Node *n = ast_new(ps, N_PARAM, name ? *name : ps->last);
    if (type && !name) {
        n->line = type->line;
        n->col = type->col;
    }
    if (name)
        n->name = goro_intern(lexeme(ps, *name), (size_t)name->len);
    n->a = type;
    if (variadic)
        n->flags |= NF_VARIADIC;
    return n;
}

Node *ast_result_type(ParseState *ps, Node *type)
{
    Node *p = ast_new_at(N_PARAM, type);
    p->a = type;
    return ast_list(ps, p);
}

Node *ast_field(ParseState *ps, Node *names, Node *type, Token *tag)
{
    Node *n = ast_new_at(N_FIELD, names->list.n ? names->list.v[0] : type);
    n->list = names->list;
    n->a = type;
    if (tag)
        n->b = ast_literal(ps, *tag);
    return n;
}

Node *ast_embedded(ParseState *ps, Node *type, Token *tag)
{
    Node *n = ast_new_at(N_FIELD, type);
    n->a = type;
    if (tag)
        n->b = ast_literal(ps, *tag);
    return n;
}

Node *ast_method_spec(ParseState *ps, Token name, Node *sig)
{
    Node *n = ast_new(ps, N_FIELD, name);
    n->name = goro_intern(lexeme(ps, name), (size_t)name.len);
    n->a = sig;
    return n;
}

/* -------------------------------------------------------------- statements */

Node *ast_block(ParseState *ps, Token brace, Node *stmts)
{
    Node *n = ast_new(ps, N_BLOCK, brace);
    if (stmts)
        n->list = stmts->list;
    return n;
}

Node *ast_stmt(ParseState *ps, int kind, Token t, Node *a, Node *b)
{
    Node *n = ast_new(ps, kind, t);
    if (kind == N_EXPRSTMT || kind == N_INCDEC || kind == N_SEND) {
        n->line = a->line;
        n->col = a->col;
    }
    if (kind == N_INCDEC)
        n->op = (uint16_t)t.type;
    n->a = a;
    n->b = b;
    return n;
}

Node *ast_assign(ParseState *ps, int kind, Token t, Node *lhs, Node *rhs)
{
    Node *n = ast_new(ps, kind, t);
    n->list = lhs->list;
    n->list2 = rhs->list;
    if (kind == N_DEFINE) {
        for (int i = 0; i < n->list.n; i++) {
            Node *x = n->list.v[i];
            if (x->kind != N_IDENT) {
                goro_diag_error(ps->diag, x->line, x->col,
                                "non-name on left side of :=");
                break;
            }
        }
    }
    return n;
}

Node *ast_opassign(ParseState *ps, Token op, Node *l, Node *r)
{
    Node *n = ast_new(ps, N_OPASSIGN, op);
    n->op = (uint16_t)op.op;
    n->a = l;
    n->b = r;
    return n;
}

Node *ast_branch(ParseState *ps, int kind, Token t, Token *label)
{
    Node *n = ast_new(ps, kind, t);
    if (label)
        n->name = goro_intern(lexeme(ps, *label), (size_t)label->len);
    if (label && kind == N_GOTO) {   /* the label's position, for errors */
        n->a = ast_new(ps, N_IDENT, *label);
        n->a->name = n->name;
    }
    return n;
}

Node *ast_return(ParseState *ps, Token t, Node *results)
{
    Node *n = ast_new(ps, N_RETURN, t);
    if (results)
        n->list = results->list;
    return n;
}

Node *ast_labeled(ParseState *ps, Token label, Node *stmt)
{
    Node *n = ast_new(ps, N_LABELED, label);
    n->name = goro_intern(lexeme(ps, label), (size_t)label.len);
    n->a = stmt;
    return n;
}

Node *ast_if(ParseState *ps, Token t, Node *init, Node *cond, Node *then, Node *els)
{
    Node *n = ast_new(ps, N_IF, t);
    n->a = init;
    n->b = cond;
    n->c = then;
    n->d = els;
    return n;
}

/* for_hdr builds an N_FOR or N_RANGE without a body; ast_for adds it. */
Node *ast_for3(ParseState *ps, Node *init, Node *cond, Node *post)
{
    Node *n = ast_new(ps, N_FOR, ps->last);
    n->a = init;
    n->b = cond;
    n->c = post;
    if (post && post->kind == N_DEFINE)
        goro_diag_error(ps->diag, post->line, post->col,
                        "cannot declare in post statement of for loop");
    return n;
}

Node *ast_range(ParseState *ps, Token t, Node *lhs, int define, Node *x)
{
    Node *n = ast_new(ps, N_RANGE, t);
    if (lhs) {
        n->list = lhs->list;
        if (n->list.n > 2)
            goro_diag_error(ps->diag, t.line, t.col,
                            "range clause permits at most two iteration variables");
    }
    if (define) {
        n->flags |= NF_DEFINE;
        for (int i = 0; i < n->list.n; i++)
            if (n->list.v[i]->kind != N_IDENT)
                goro_diag_error(ps->diag, n->list.v[i]->line, n->list.v[i]->col,
                                "non-name on left side of :=");
    }
    n->a = x;
    return n;
}

Node *ast_for(ParseState *ps, Token t, Node *hdr, Node *body)
{
    GORO_UNUSED(ps);
    hdr->line = t.line;
    hdr->col = t.col;
    hdr->d = body;
    return hdr;
}

Node *ast_switch(ParseState *ps, Token t, Node *init, Node *tag, Node *clauses)
{
    Node *n = ast_new(ps, N_SWITCH, t);
    n->a = init;
    n->b = tag;
    n->list = clauses->list;
    if (tag && tag->kind != N_EXPRSTMT && !(tag->kind == N_DEFINE && tag->list.n == 1 &&
                                             tag->list2.n == 1 &&
                                             tag->list2.v[0]->kind == N_TYPEASSERT &&
                                             !tag->list2.v[0]->b))
        goro_diag_error(ps->diag, tag->line, tag->col,
                        "switch expression must be an expression or a type switch guard");
    int ndefault = 0;
    for (int i = 0; i < n->list.n; i++)
        if (n->list.v[i]->flags & NF_DEFAULT && ++ndefault == 2)
            goro_diag_error(ps->diag, n->list.v[i]->line, n->list.v[i]->col,
                            "multiple defaults in switch");
    return n;
}

Node *ast_case(ParseState *ps, Token t, Node *exprs, Node *body)
{
    Node *n = ast_new(ps, N_CASE, t);
    if (exprs)
        n->list = exprs->list;
    else
        n->flags |= NF_DEFAULT;
    n->list2 = body->list;
    return n;
}

Node *ast_select(ParseState *ps, Token t, Node *clauses)
{
    Node *n = ast_new(ps, N_SELECT, t);
    n->list = clauses->list;
    int ndefault = 0;
    for (int i = 0; i < n->list.n; i++)
        if (!n->list.v[i]->a && ++ndefault == 2)
            goro_diag_error(ps->diag, n->list.v[i]->line, n->list.v[i]->col,
                            "multiple defaults in select");
    return n;
}

Node *ast_comm(ParseState *ps, Token t, Node *comm, Node *body)
{
    Node *n = ast_new(ps, N_COMM, t);
    n->a = comm;
    n->list2 = body->list;
    if (!comm)
        return n;
    /* A select case is a send, a receive, or an assignment of one. */
    Node *recv = NULL;
    if (comm->kind == N_EXPRSTMT)
        recv = comm->a;
    else if ((comm->kind == N_ASSIGN || comm->kind == N_DEFINE) && comm->list2.n == 1 &&
             comm->list.n <= 2)
        recv = comm->list2.v[0];
    while (recv && recv->kind == N_PAREN)
        recv = recv->a;
    if (comm->kind != N_SEND && !(recv && recv->kind == N_UNARY && recv->op == TK_ARROW))
        goro_diag_error(ps->diag, comm->line, comm->col,
                        "select case must be receive, send or assign recv");
    return n;
}

/* ------------------------------------------------------------ declarations */

Node *ast_spec(ParseState *ps, int kind, Node *names, Node *type, Node *values)
{
    Node *n = ast_new_at(kind, names->list.v[0]);
    GORO_UNUSED(ps);
    n->list = names->list;
    n->a = type;
    if (values) {
        n->list2 = values->list;
        if (kind == N_VAR && values->list.n != names->list.n &&
            !(values->list.n == 1 && names->list.n > 1))
            goro_diag_error(ps->diag, n->line, n->col,
                            "assignment mismatch: %d variables but %d values",
                            names->list.n, values->list.n);
        if (kind == N_CONST && values->list.n != names->list.n)
            goro_diag_error(ps->diag, n->line, n->col,
                            "missing init expr for const declaration");
    } else if (kind == N_CONST) {
        n->flags |= NF_IMPLICIT;
    }
    return n;
}

Node *ast_group(ParseState *ps, Token t, Node *specs)
{
    Node *n = ast_new(ps, N_DECLGROUP, t);
    n->list = specs->list;
    /* const groups: iota counts specs; an empty spec repeats the last */
    Node *prev = NULL;
    for (int i = 0; i < n->list.n; i++) {
        Node *s = n->list.v[i];
        if (s->kind != N_CONST)
            continue;
        s->lit.i = i;
        if (s->flags & NF_IMPLICIT) {
            if (!prev) {
                goro_diag_error(ps->diag, s->line, s->col,
                                "missing init expr for const declaration");
                continue;
            }
            s->a = prev->a;
            s->list2 = prev->list2;
            if (s->list.n != prev->list2.n)
                goro_diag_error(ps->diag, s->line, s->col,
                                "missing init expr for const declaration");
        } else {
            prev = s;
        }
    }
    return n;
}

Node *ast_typedecl(ParseState *ps, Token name, Node *type, int alias)
{
    Node *n = ast_new(ps, N_TYPEDECL, name);
    n->name = goro_intern(lexeme(ps, name), (size_t)name.len);
    n->a = type;
    if (alias)
        n->flags |= NF_ALIAS;
    return n;
}

Node *ast_funcdecl(ParseState *ps, Token name, Node *recv, Node *sig, Node *body)
{
    /* func (T) M(): a lone name in the receiver is its type */
    if (recv && recv->name && !recv->a && !(recv->flags & NF_VARIADIC)) {
        Node *t = ast_new_at(N_IDENT, recv);
        t->name = recv->name;
        recv->a = t;
        recv->name = NULL;
    }
    Node *n = ast_new(ps, N_FUNCDECL, name);
    n->name = goro_intern(lexeme(ps, name), (size_t)name.len);
    n->a = recv;
    n->b = sig;
    n->c = body;
    return n;
}

Node *ast_import(ParseState *ps, Token *alias, Token path)
{
    Node *n = ast_new(ps, N_IMPORT, path);
    if (alias)
        n->name = goro_intern(lexeme(ps, *alias), (size_t)alias->len);
    const char *err;
    if (!goro_ast_decode_string(lexeme(ps, path), path.len, &n->lit.s.s, &n->lit.s.len, &err))
        error_at(ps, path, err);
    return n;
}

Node *ast_package(ParseState *ps, Token name)
{
    Node *n = ast_new(ps, N_PACKAGE, name);
    n->name = goro_intern(lexeme(ps, name), (size_t)name.len);
    return n;
}

/* --------------------------------------------------------------- generics */

/* Attach a type parameter list to a function or type declaration. */
Node *ast_generic(Node *decl, Node *tparams)
{
    if (decl->kind == N_FUNCDECL)
        decl->d = tparams;
    else
        decl->b = tparams;
    return decl;
}

Node *ast_instance(ParseState *ps, Node *x, Node *targs)
{
    GORO_UNUSED(ps);
    Node *n = ast_new_at(N_INSTANCE, x);
    n->a = x;
    n->list = targs->list;
    return n;
}

Node *ast_prepend(Node *list, Node *item)
{
    goro_ast_list_push(&list->list, item);
    for (int i = list->list.n - 1; i > 0; i--)
        list->list.v[i] = list->list.v[i - 1];
    list->list.v[0] = item;
    return list;
}

Node *ast_union(ParseState *ps, Node *l, Node *r)
{
    GORO_UNUSED(ps);
    if (l->kind != N_TUNION) {
        Node *u = ast_new_at(N_TUNION, l);
        goro_ast_list_push(&u->list, l);
        l = u;
    }
    goro_ast_list_push(&l->list, r);
    return l;
}

Node *ast_tilde(ParseState *ps, Token t, Node *type)
{
    Node *n = ast_new(ps, N_TTILDE, t);
    n->a = type;
    return n;
}

const char *goro_ast_kind_name(int kind)
{
    static const char *names[N_KIND_COUNT] = {
        "ident", "int", "float", "imaginary", "string", "rune", "binary", "unary", "paren",
        "call", "index", "slice", "selector", "type assertion", "composite literal",
        "key:value", "func literal", "slice type", "array type", "map type",
        "chan type", "pointer type", "func type", "struct type", "interface type",
        "param", "field", "empty", "block", "expression statement", "send", "inc/dec",
        "assignment", "op-assignment", ":=", "var", "const", "type", "declaration group",
        "if", "for", "range", "switch", "case", "select", "select case", "return",
        "break", "continue", "goto", "fallthrough", "go", "defer", "label",
        "func declaration", "import", "package", "list", "instantiation", "union", "~type",
    };
    return kind >= 0 && kind < N_KIND_COUNT ? names[kind] : "?";
}
