/* parse.c: the parser driver (see parse.h).
 *
 * A push parser: the lexer's tokens are handed to lemon one at a time.
 * The parser object is allocated with GC_malloc because its stack holds
 * the only references to AST nodes under construction (techniques.md:
 * with malloc, Boehm collected live nodes mid-parse). */
#include "parse.h"

#include <stdio.h>
#include <stdlib.h>

#include "common.h"
#include "parser.h"

void *goro_parseAlloc(void *(*alloc)(size_t), ParseState *ps);
void goro_parse(void *parser, int major, Token minor);
void goro_parseFree(void *parser, void (*dealloc)(void *));

static void *parser_alloc(size_t n) { return GC_MALLOC(n); }
static void parser_free(void *p) { GC_FREE(p); }

/* How Go's compiler names a token in "unexpected X". */
static const char *describe(ParseState *ps, const Token *t)
{
    if (t->type == 0)
        return "EOF";
    if (t->type == TK_SEMI)
        return t->implicit ? "newline" : "semicolon";
    const char *lex = ps->src + t->off;
    int len = t->len > 32 ? 32 : t->len;
    switch (t->type) {
    case TK_IDENT:
        return goro_sprintf("name %.*s", len, lex);
    case TK_INT: case TK_FLOAT: case TK_IMAG: case TK_STRING: case TK_CHAR:
        return goro_sprintf("literal %.*s%s", len, lex, t->len > len ? "..." : "");
    case TK_COMMA:
        return "comma";
    }
    const char *name = goro_lex_token_name(t->type);
    if (t->type >= TK_BREAK && t->type <= TK_VAR)
        return goro_sprintf("keyword %s", name);
    return name;
}

void goro_parse_syntax_error(ParseState *ps, int major, Token *tok, const int *expected, int n)
{
    GORO_UNUSED(major);
    if (ps->overflow)
        return;
    const char *names[8];
    int k = 0, many = 0;
    /* With a long list, name only the closers: the likely slip is a
     * missing ) ] } or comma. */
    int closers[4], nc = 0;
    if (n > 4) {
        for (int i = 0; i < n; i++)
            if (expected[i] == TK_RPAREN || expected[i] == TK_RBRACK ||
                expected[i] == TK_RBRACE || expected[i] == TK_COMMA)
                closers[nc++] = expected[i];
        if (nc > 0) {
            expected = closers;
            n = nc;
        }
    }
    for (int i = 0; i < n && !many; i++) {
        if (expected[i] == TK_ILLEGAL || expected[i] == TK_FUNCM)
            continue;
        const char *nm = expected[i] == TK_SEMI ? "semicolon or newline"
                                                : goro_lex_token_name(expected[i]);
        if (!strcmp(nm, "token"))
            continue;
        int dup = 0;
        for (int j = 0; j < k; j++)
            dup |= !strcmp(names[j], nm);
        if (dup)
            continue;
        if (k == 4)
            many = 1;
        else
            names[k++] = nm;
    }
    char buf[256] = "";
    if (k > 0 && !many) {
        strcat(buf, ", expected ");
        for (int j = 0; j < k; j++) {
            if (j > 0)
                strcat(buf, j == k - 1 ? " or " : ", ");
            strcat(buf, names[j]);
        }
    }
    goro_diag_error(ps->diag, tok->line, tok->col, "syntax error: unexpected %s%s",
                    describe(ps, tok), buf);
}

void goro_parse_overflow(ParseState *ps)
{
    if (!ps->overflow)
        goro_diag_error(ps->diag, ps->last.line, ps->last.col,
                        "syntax error: program too deeply nested");
    ps->overflow = 1;
}

Node *goro_parse_source(const char *src, int len, Diag *d)
{
    ParseState ps;
    memset(&ps, 0, sizeof ps);
    ps.src = src;
    ps.file = d->file;
    ps.diag = d;
    Lexer *L = goro_alloc(sizeof *L);
    goro_lex_init(L, src, len);
    void *parser = goro_parseAlloc(parser_alloc, &ps);
    int start_errors = d->count;
    Token t;
    for (;;) {
        int type = goro_lex_next(L, &t);
        if (type == TK_ILLEGAL) {
            goro_diag_error(d, t.line, t.col, "%s", t.err);
            if (L->too_deep || goro_diag_full(d))
                break;
            /* A broken literal still stands for a literal, so the parser
             * does not report a second error for the hole it leaves. */
            char c = src[t.off];
            if (c == '"' || c == '`' || c == '\'' || (c >= '0' && c <= '9')) {
                t.type = type = (c >= '0' && c <= '9') ? TK_INT : TK_STRING;
                t.len = 2;
                L->insert_semi = 1;
                ps.last = t;
                goro_parse(parser, type, t);
            }
            continue;
        }
        ps.last = t;
        goro_parse(parser, type, t);
        if (type == 0 || ps.overflow || goro_diag_full(d) || ps.failed)
            break;
    }
    goro_parseFree(parser, parser_free);
    if (d->count > start_errors || ps.failed || !ps.root)
        return NULL;
    return ps.root;
}

int goro_parse_needs_more(const char *src, int len)
{
    Lexer *L = goro_alloc(sizeof *L);
    goro_lex_init(L, src, len);
    Token t;
    int last = 0;
    for (;;) {
        int type = goro_lex_next(L, &t);
        if (type == 0)
            break;
        if (type == TK_ILLEGAL) {
            /* an unterminated raw string or comment continues on the next line */
            if (t.err && (!strcmp(t.err, "raw string literal not terminated") ||
                          !strcmp(t.err, "comment not terminated")))
                return 1;
            if (L->too_deep)
                return 0;
            continue;
        }
        if (!(type == TK_SEMI && t.implicit))
            last = type;
    }
    if (L->depth > 0)
        return 1;
    switch (last) {
    case TK_PLUS: case TK_MINUS: case TK_STAR: case TK_SLASH: case TK_PERCENT:
    case TK_AMP: case TK_PIPE: case TK_CARET: case TK_SHL: case TK_SHR: case TK_ANDNOT:
    case TK_OPASSIGN: case TK_ANDAND: case TK_OROR: case TK_ARROW: case TK_EQ: case TK_LT:
    case TK_GT: case TK_ASSIGN: case TK_NOT: case TK_NE: case TK_LE: case TK_GE:
    case TK_DEFINE: case TK_COMMA: case TK_DOT: case TK_ELSE:
        return 1;
    }
    return 0;
}
