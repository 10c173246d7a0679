/* ast.h: the syntax tree built by grammar/parser.y.
 *
 * One generic node shape keeps grammar actions to one-line calls: every
 * node has a kind, an operator, a position, up to four children (a..d),
 * two child lists and a literal payload.  The table below says which
 * fields each kind uses.  Nodes live in the GC heap and die with the
 * compilation that made them. */
#ifndef GORO_AST_H
#define GORO_AST_H

#include <stdint.h>
#include "lex.h"

typedef struct Node Node;
typedef struct Diag Diag;

typedef struct NodeList {
    Node **v;
    int n, cap;
} NodeList;

typedef enum NodeKind {
    /* expressions                          fields used */
    N_IDENT,      /* name                                               */
    N_INTLIT,     /* lit.i (bit pattern; flags & NF_BIGUINT when > int64); name = text */
    N_FLOATLIT,   /* lit.f; name = text (exact value: compile_const.c)  */
    N_IMAGLIT,    /* lit.f = the imaginary part; name = text without the i */
    N_STRLIT,     /* lit.s, lit.len                                     */
    N_CHARLIT,    /* lit.i (code point); name = text                    */
    N_BINARY,     /* op, a, b                                           */
    N_UNARY,      /* op (TK_MINUS, TK_NOT, TK_STAR, TK_AMP, TK_ARROW..), a */
    N_PAREN,      /* a                                                  */
    N_CALL,       /* a = callee, list = args, flags & NF_SPREAD         */
    N_INDEX,      /* a[b]                                               */
    N_SLICEX,     /* a[b:c] or a[b:c:d] (flags & NF_SLICE3); b,c may be NULL */
    N_SELECTOR,   /* a.name                                             */
    N_TYPEASSERT, /* a.(b); b NULL for a.(type)                         */
    N_COMPOSITE,  /* a = type (NULL: elided inner literal), list = elements */
    N_KEYVALUE,   /* a: b (inside composite literals)                   */
    N_FUNCLIT,    /* a = N_TFUNC, b = body N_BLOCK                       */
    /* types */
    N_TSLICE,     /* []a   (a NULL: goro's untyped []{...})              */
    N_TARRAY,     /* [b]a  (b NULL: [...]a)                             */
    N_TMAP,       /* map[a]b (both NULL: goro's untyped map{...})        */
    N_TCHAN,      /* chan a; op = 0 both ways, TK_ARROW recv-only, TK_ASSIGN send-only; a NULL: untyped */
    N_TPTR,       /* *a                                                 */
    N_TFUNC,      /* list = params, list2 = results (N_PARAM)           */
    N_TSTRUCT,    /* list = N_FIELD                                     */
    N_TIFACE,     /* list = N_FIELD (method: name + a = N_TFUNC; embedded: a = type) */
    N_PARAM,      /* name (may be NULL), a = type (may be NULL), flags & NF_VARIADIC */
    N_FIELD,      /* list = names (N_IDENT, empty if embedded), a = type, b = tag */
    /* statements */
    N_EMPTY,
    N_BLOCK,      /* list                                               */
    N_EXPRSTMT,   /* a                                                  */
    N_SEND,       /* a <- b                                             */
    N_INCDEC,     /* a++ (op TK_INC) or a-- (op TK_DEC)                 */
    N_ASSIGN,     /* list = lhs, list2 = rhs                            */
    N_OPASSIGN,   /* a op= b                                            */
    N_DEFINE,     /* list = lhs (N_IDENT), list2 = rhs                  */
    N_VAR,        /* list = names, a = type, list2 = values             */
    N_CONST,      /* list = names, a = type, list2 = values; lit.i = iota */
    N_TYPEDECL,   /* name, a = type, flags & NF_ALIAS, b = type params  */
    N_DECLGROUP,  /* list = N_VAR / N_CONST / N_TYPEDECL / N_IMPORT     */
    N_IF,         /* a = init, b = cond, c = then, d = else             */
    N_FOR,        /* a = init, b = cond, c = post, d = body             */
    N_RANGE,      /* list = lhs (0..2), flags & NF_DEFINE, a = expr, d = body */
    N_SWITCH,     /* a = init, b = tag (simple stmt or NULL), list = N_CASE */
    N_CASE,       /* list = exprs (empty + NF_DEFAULT for default), list2 = body */
    N_SELECT,     /* list = N_COMM                                      */
    N_COMM,       /* a = comm stmt (NULL for default), list2 = body      */
    N_RETURN,     /* list                                               */
    N_BREAK,      /* name = label or NULL                               */
    N_CONTINUE,   /* name = label or NULL                               */
    N_GOTO,       /* name                                               */
    N_FALLTHROUGH,
    N_GO,         /* a = call                                           */
    N_DEFER,      /* a = call                                           */
    N_LABELED,    /* name, a = stmt                                     */
    /* top level */
    N_FUNCDECL,   /* name, a = receiver N_PARAM or NULL, b = N_TFUNC, c = body, d = type params */
    N_IMPORT,     /* name = alias or NULL, lit.s = path                  */
    N_PACKAGE,    /* name                                               */
    N_LIST,       /* list: a temporary list built by the grammar        */
    /* generics (a type parameter list is an N_LIST of N_FIELD: names, a = constraint) */
    N_INSTANCE,   /* a[list]: a generic function or type instantiated   */
    N_TUNION,     /* list = terms (types or N_TTILDE): a constraint's type set */
    N_TTILDE,     /* ~a                                                 */
    N_KIND_COUNT
} NodeKind;

enum {
    NF_SPREAD = 1,    /* f(xs...) */
    NF_SLICE3 = 2,    /* a[i:j:k] */
    NF_VARIADIC = 4,  /* ...T parameter */
    NF_DEFINE = 8,    /* range with := */
    NF_DEFAULT = 16,  /* default case */
    NF_ALIAS = 32,    /* type A = B */
    NF_BIGUINT = 64,  /* integer literal above MaxInt64 (bit pattern) */
    NF_IMPLICIT = 128,/* const spec that repeats the previous one */
    NF_NOTCONST = 256,/* constant folding already failed here */
    NF_ADDRRECV = 512,/* x.M where M may have a pointer receiver: pass &x */
};

struct Node {
    uint8_t kind;
    uint16_t flags;
    uint16_t op;
    int line, col;
    Node *a, *b, *c, *d;
    NodeList list, list2;
    const char *name;         /* interned identifier */
    union {
        int64_t i;
        double f;
        struct { char *s; int len; } s;
    } lit;
    void *sym;                /* set by the resolver */
};

/* What the grammar actions see (lemon's %extra_context). */
typedef struct ParseState {
    const char *src;
    const char *file;
    Diag *diag;
    Node *root;          /* N_LIST of top-level items */
    int failed;          /* lemon gave up */
    int overflow;        /* parser stack overflow reported */
    Token last;          /* the most recent token, for error positions */
} ParseState;

void goro_ast_list_push(NodeList *l, Node *n);

/* Builders called by grammar actions. */
Node *ast_new(ParseState *ps, int kind, Token t);
Node *ast_new_at(int kind, Node *pos);
Node *ast_list(ParseState *ps, Node *item);
Node *ast_append(Node *list, Node *item);
Node *ast_ident(ParseState *ps, Token t);
Node *ast_literal(ParseState *ps, Token t);
Node *ast_binary(ParseState *ps, Token op, Node *l, Node *r);
Node *ast_unary(ParseState *ps, Token op, Node *x);
Node *ast_call(ParseState *ps, Node *fn, Node *args, int spread);
Node *ast_selector(ParseState *ps, Node *x, Token name);
Node *ast_qualified(ParseState *ps, Token pkg, Token name);
Node *ast_index(ParseState *ps, Node *x, Node *i);
Node *ast_slice(ParseState *ps, Node *x, Node *lo, Node *hi, Node *max, int three);
Node *ast_assert(ParseState *ps, Node *x, Node *type);
Node *ast_composite(ParseState *ps, Node *type, Node *elems, Token brace);
Node *ast_keyvalue(ParseState *ps, Node *k, Node *v);
Node *ast_funclit(ParseState *ps, Token f, Node *sig, Node *body);
Node *ast_type(ParseState *ps, int kind, Token t, Node *a, Node *b);
Node *ast_chantype(ParseState *ps, Token t, int dir, Node *elem);
Node *ast_signature(ParseState *ps, Node *params, Node *results);
Node *ast_param(ParseState *ps, Token *name, Node *type, int variadic);
Node *ast_result_type(ParseState *ps, Node *type);
Node *ast_field(ParseState *ps, Node *names, Node *type, Token *tag);
Node *ast_embedded(ParseState *ps, Node *type, Token *tag);
Node *ast_method_spec(ParseState *ps, Token name, Node *sig);
Node *ast_block(ParseState *ps, Token brace, Node *stmts);
Node *ast_stmt(ParseState *ps, int kind, Token t, Node *a, Node *b);
Node *ast_assign(ParseState *ps, int kind, Token t, Node *lhs, Node *rhs);
Node *ast_opassign(ParseState *ps, Token op, Node *l, Node *r);
Node *ast_branch(ParseState *ps, int kind, Token t, Token *label);
Node *ast_return(ParseState *ps, Token t, Node *results);
Node *ast_labeled(ParseState *ps, Token label, Node *stmt);
Node *ast_if(ParseState *ps, Token t, Node *init, Node *cond, Node *then, Node *els);
Node *ast_for(ParseState *ps, Token t, Node *hdr, Node *body);
Node *ast_for3(ParseState *ps, Node *init, Node *cond, Node *post);
Node *ast_range(ParseState *ps, Token t, Node *lhs, int define, Node *x);
Node *ast_switch(ParseState *ps, Token t, Node *init, Node *tag, Node *clauses);
Node *ast_case(ParseState *ps, Token t, Node *exprs, Node *body);
Node *ast_select(ParseState *ps, Token t, Node *clauses);
Node *ast_comm(ParseState *ps, Token t, Node *comm, Node *body);
Node *ast_spec(ParseState *ps, int kind, Node *names, Node *type, Node *values);
Node *ast_group(ParseState *ps, Token t, Node *specs);
Node *ast_typedecl(ParseState *ps, Token name, Node *type, int alias);
Node *ast_funcdecl(ParseState *ps, Token name, Node *recv, Node *sig, Node *body);
Node *ast_import(ParseState *ps, Token *alias, Token path);
Node *ast_package(ParseState *ps, Token name);
Node *ast_generic(Node *decl, Node *tparams);
Node *ast_instance(ParseState *ps, Node *x, Node *targs);
Node *ast_prepend(Node *list, Node *item);
Node *ast_union(ParseState *ps, Node *l, Node *r);
Node *ast_tilde(ParseState *ps, Token t, Node *type);

/* Literal decoding, shared with the compiler's constant folding. */
int goro_ast_decode_string(const char *s, int len, char **out, int *outlen, const char **err);

const char *goro_ast_kind_name(int kind);

#endif
