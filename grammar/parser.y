/* parser.y: goro's syntax (lemon, LALR(1)).
 *
 * Reads as the language: Go's grammar with the types optional.  Each
 * action is one call into src/ast.c.  Tokens come from grammar/lexer.re,
 * which also decides two things the grammar cannot (see its banner):
 * LBODY, the `{` that opens an if/for/switch/select body, and FUNCM, the
 * `func (` of a method declaration at the top level.
 *
 * Generated into build/gen/parser.c by `lemon -c` (uncompressed tables:
 * errors are detected before default reductions, so "expected" lists
 * are accurate).  Do not edit the generated file; edit this one. */

%name goro_parse
%token_prefix TK_
%token_type { Token }
%default_type { Node * }
%extra_context { ParseState *ps }
%stack_size 10000

%include {
#include <assert.h>
#include "ast.h"
#include "diag.h"
#include "parse.h"
}

%stack_overflow { goro_parse_overflow(ps); }
%parse_failure { ps->failed = 1; }
%syntax_error {
    int expected[YYNTOKEN];
    int n = 0;
    for (int t = 1; t < YYNTOKEN; t++) {
        if (yy_find_shift_action((YYCODETYPE)t, yypParser->yytos->stateno) != YY_ERROR_ACTION)
            expected[n++] = t;
    }
    goro_parse_syntax_error(ps, yymajor, &TOKEN, expected, n);
}

/* Precedence, lowest first (Go spec "Operator precedence").  BARE marks
 * the empty result list and the bare `chan` type: before `(` they lose,
 * so `func() (int, error)` reads the parenthesis as the result list. */
%nonassoc BARE.
%left OROR.
%left ANDAND.
%left EQ NE LT LE GT GE.
%left PLUS MINUS PIPE CARET.
%left STAR SLASH PERCENT SHL SHR AMP ANDNOT.
%nonassoc LPAREN.

%token IDENT INT FLOAT IMAG STRING CHAR.
%token BREAK CASE CHAN CONST CONTINUE DEFAULT DEFER ELSE FALLTHROUGH FOR FUNC
       FUNCM GO GOTO IF IMPORT INTERFACE MAP PACKAGE RANGE RETURN SELECT STRUCT
       SWITCH TYPE VAR.
%token OPASSIGN ARROW INC DEC ASSIGN NOT TILDE DEFINE ELLIPSIS
       LPAREN LBRACK LBRACE LBODY COMMA DOT RPAREN RBRACK RBRACE SEMI COLON.

/* ---------------------------------------------------------------- file */

program ::= top_list(L).                          { ps->root = L; }

top_list(A) ::= top_item(B).                      { A = ast_list(ps, B); }
top_list(A) ::= top_list(L) SEMI top_item(B).     { A = ast_append(L, B); }

top_item(A) ::= stmt(S).                          { A = S; }
top_item(A) ::= PACKAGE IDENT(N).                 { A = ast_package(ps, N); }
top_item(A) ::= IMPORT import_spec(S).            { A = S; }
top_item(A) ::= IMPORT(T) LPAREN import_specs(L) RPAREN. { A = ast_group(ps, T, L); }
top_item(A) ::= FUNC IDENT(N) signature(S) block(B).     { A = ast_funcdecl(ps, N, 0, S, B); }
top_item(A) ::= FUNC IDENT(N) LBRACK tparams(P) RBRACK signature(S) block(B).
                                                  { A = ast_generic(ast_funcdecl(ps, N, 0, S, B), P); }
top_item(A) ::= FUNCM LPAREN param(R) RPAREN IDENT(N) signature(S) block(B).
                                                  { A = ast_funcdecl(ps, N, R, S, B); }

import_specs(A) ::= import_spec_opt(S).           { A = ast_list(ps, S); }
import_specs(A) ::= import_specs(L) SEMI import_spec_opt(S). { A = ast_append(L, S); }
import_spec_opt(A) ::= .                          { A = 0; }
import_spec_opt(A) ::= import_spec(S).            { A = S; }
import_spec(A) ::= STRING(P).                     { A = ast_import(ps, 0, P); }
import_spec(A) ::= IDENT(N) STRING(P).            { A = ast_import(ps, &N, P); }
import_spec(A) ::= DOT(N) STRING(P).              { A = ast_import(ps, &N, P); }

/* ------------------------------------------------------------ functions */

signature(A) ::= LPAREN params(P) RPAREN result(R).  { A = ast_signature(ps, P, R); }

result(A) ::= . [BARE]                            { A = 0; }
result(A) ::= rtype(T).                           { A = ast_result_type(ps, T); }
result(A) ::= LPAREN params(P) RPAREN.            { A = P; }

params(A) ::= .                                   { A = ast_list(ps, 0); }
params(A) ::= param_list(L).                      { A = L; }
params(A) ::= param_list(L) COMMA.                { A = L; }
param_list(A) ::= param(P).                       { A = ast_list(ps, P); }
param_list(A) ::= param_list(L) COMMA param(P).   { A = ast_append(L, P); }

param(A) ::= IDENT(N).                            { A = ast_param(ps, &N, 0, 0); }
param(A) ::= IDENT(N) type(T).                    { A = ast_param(ps, &N, T, 0); }
param(A) ::= IDENT(N) ELLIPSIS type(T).           { A = ast_param(ps, &N, T, 1); }
param(A) ::= IDENT(N) ELLIPSIS.                   { A = ast_param(ps, &N, 0, 1); }
param(A) ::= ELLIPSIS type(T).                    { A = ast_param(ps, 0, T, 1); }
param(A) ::= IDENT(P) DOT IDENT(N).               { A = ast_param(ps, 0, ast_qualified(ps, P, N), 0); }
param(A) ::= type_nonname(T).                     { A = ast_param(ps, 0, T, 0); }

/* ------------------------------------------------------ type parameters */

/* [K comparable, V any], [T int | float64], [S ~[]E, E any].  A type
 * declaration's list starts like an array length (`type A [N]int`), so
 * there the first constraint term may not begin with `*`, `[` or `(`
 * (ctype_first); Go resolves the same ambiguity the same way. */
tparams(A) ::= tparam_list(L) comma_opt.          { A = L; }
tparam_list(A) ::= tparam(P).                     { A = ast_list(ps, P); }
tparam_list(A) ::= tparam_list(L) COMMA tparam(P).{ A = ast_append(L, P); }
tparam(A) ::= ident_list(N) constraint(C).        { A = ast_field(ps, N, C, 0); }
constraint(A) ::= cterm(T).                       { A = T; }
constraint(A) ::= constraint(L) PIPE cterm(T).    { A = ast_union(ps, L, T); }
cterm(A) ::= type(T).                             { A = T; }
cterm(A) ::= TILDE(K) type(T).                    { A = ast_tilde(ps, K, T); }

ttparams(A) ::= ttparam_list(L) comma_opt.        { A = L; }
ttparam_list(A) ::= ttparam(P).                   { A = ast_list(ps, P); }
ttparam_list(A) ::= ttparam_list(L) COMMA tparam(P). { A = ast_append(L, P); }
ttparam(A) ::= ident_list(N) tconstraint(C).      { A = ast_field(ps, N, C, 0); }
tconstraint(A) ::= ctype_first(T).                { A = T; }
tconstraint(A) ::= TILDE(K) type(T).              { A = ast_tilde(ps, K, T); }
tconstraint(A) ::= tconstraint(L) PIPE cterm(T).  { A = ast_union(ps, L, T); }
ctype_first(A) ::= IDENT(N).                      { A = ast_ident(ps, N); }
ctype_first(A) ::= IDENT(P) DOT IDENT(N).         { A = ast_qualified(ps, P, N); }
ctype_first(A) ::= IDENT(N) LBRACK type_list(L) RBRACK. { A = ast_instance(ps, ast_ident(ps, N), L); }
ctype_first(A) ::= MAP(M) LBRACK type(K) RBRACK type(V). { A = ast_type(ps, N_TMAP, M, K, V); }
ctype_first(A) ::= STRUCT(S) lbrace field_list(L) RBRACE.    { A = ast_type(ps, N_TSTRUCT, S, L, 0); }
ctype_first(A) ::= INTERFACE(I) lbrace iface_list(L) RBRACE. { A = ast_type(ps, N_TIFACE, I, L, 0); }
ctype_first(A) ::= chan_type(T).                  { A = T; }
ctype_first(A) ::= FUNC signature(S).             { A = S; }

type_list(A) ::= type(T).                         { A = ast_list(ps, T); }
type_list(A) ::= type_list(L) COMMA type(T).      { A = ast_append(L, T); }

/* ---------------------------------------------------------------- types */

type(A) ::= IDENT(N).                             { A = ast_ident(ps, N); }
type(A) ::= IDENT(P) DOT IDENT(N).                { A = ast_qualified(ps, P, N); }
type(A) ::= IDENT(N) LBRACK type_list(L) comma_opt RBRACK. { A = ast_instance(ps, ast_ident(ps, N), L); }
type(A) ::= IDENT(P) DOT IDENT(N) LBRACK type_list(L) comma_opt RBRACK.
                                                  { A = ast_instance(ps, ast_qualified(ps, P, N), L); }
type(A) ::= type_nonname(T).                      { A = T; }
type(A) ::= LPAREN type(T) RPAREN.                { A = T; }

/* A result type: any type but a parenthesised one, since `(` opens the
 * result list. */
rtype(A) ::= IDENT(N).                            { A = ast_ident(ps, N); }
rtype(A) ::= IDENT(P) DOT IDENT(N).               { A = ast_qualified(ps, P, N); }
rtype(A) ::= IDENT(N) LBRACK type_list(L) comma_opt RBRACK. { A = ast_instance(ps, ast_ident(ps, N), L); }
rtype(A) ::= IDENT(P) DOT IDENT(N) LBRACK type_list(L) comma_opt RBRACK.
                                                  { A = ast_instance(ps, ast_qualified(ps, P, N), L); }
rtype(A) ::= type_nonname(T).                     { A = T; }

type_nonname(A) ::= type_lit(T).                  { A = T; }
type_nonname(A) ::= chan_type(T).                 { A = T; }
type_nonname(A) ::= STAR(S) type(T).              { A = ast_type(ps, N_TPTR, S, T, 0); }
type_nonname(A) ::= FUNC signature(S).            { A = S; }

/* `chan<- chan int` is chan<- (chan int): a `<-` after `chan` belongs to
 * that chan, so the element of a plain `chan` may not start with `<-`. */
chan_type(A) ::= CHAN(C) chan_elem(T).            { A = ast_chantype(ps, C, 0, T); }
chan_type(A) ::= CHAN(C) ARROW type(T).           { A = ast_chantype(ps, C, TK_ASSIGN, T); }
chan_type(A) ::= ARROW(C) CHAN type(T).           { A = ast_chantype(ps, C, TK_ARROW, T); }
chan_type(A) ::= CHAN(C). [BARE]                  { A = ast_chantype(ps, C, 0, 0); }

chan_elem(A) ::= IDENT(N).                        { A = ast_ident(ps, N); }
chan_elem(A) ::= IDENT(P) DOT IDENT(N).           { A = ast_qualified(ps, P, N); }
chan_elem(A) ::= IDENT(N) LBRACK type_list(L) comma_opt RBRACK. { A = ast_instance(ps, ast_ident(ps, N), L); }
chan_elem(A) ::= type_lit(T).                     { A = T; }
chan_elem(A) ::= STAR(S) type(T).                 { A = ast_type(ps, N_TPTR, S, T, 0); }
chan_elem(A) ::= FUNC signature(S).               { A = S; }
chan_elem(A) ::= LPAREN type(T) RPAREN.           { A = T; }
chan_elem(A) ::= CHAN(C) chan_elem(T).            { A = ast_chantype(ps, C, 0, T); }
chan_elem(A) ::= CHAN(C) ARROW type(T).           { A = ast_chantype(ps, C, TK_ASSIGN, T); }
chan_elem(A) ::= CHAN(C). [BARE]                  { A = ast_chantype(ps, C, 0, 0); }

type_lit(A) ::= LBRACK(B) RBRACK type(T).         { A = ast_type(ps, N_TSLICE, B, T, 0); }
type_lit(A) ::= LBRACK(B) expr(N) RBRACK type(T). { A = ast_type(ps, N_TARRAY, B, T, N); }
type_lit(A) ::= LBRACK(B) ELLIPSIS RBRACK type(T).{ A = ast_type(ps, N_TARRAY, B, T, 0); }
type_lit(A) ::= MAP(M) LBRACK type(K) RBRACK type(V). { A = ast_type(ps, N_TMAP, M, K, V); }
type_lit(A) ::= STRUCT(S) lbrace field_list(L) RBRACE.    { A = ast_type(ps, N_TSTRUCT, S, L, 0); }
type_lit(A) ::= INTERFACE(I) lbrace iface_list(L) RBRACE. { A = ast_type(ps, N_TIFACE, I, L, 0); }

field_list(A) ::= field_opt(F).                   { A = ast_list(ps, F); }
field_list(A) ::= field_list(L) SEMI field_opt(F).{ A = ast_append(L, F); }
field_opt(A) ::= .                                { A = 0; }
/* One name and a type, or an embedded instance List[int]: decided at
 * the token after `]` (a type follows only an array length). */
field_opt(A) ::= IDENT(N) type(T).                { A = ast_field(ps, ast_list(ps, ast_ident(ps, N)), T, 0); }
field_opt(A) ::= IDENT(N) type(T) STRING(S).      { A = ast_field(ps, ast_list(ps, ast_ident(ps, N)), T, &S); }
field_opt(A) ::= field_names(N) type(T).          { A = ast_field(ps, N, T, 0); }
field_opt(A) ::= field_names(N) type(T) STRING(S).{ A = ast_field(ps, N, T, &S); }
field_opt(A) ::= IDENT(N) LBRACK expr(X) RBRACK.  { A = ast_embedded(ps, ast_instance(ps, ast_ident(ps, N), ast_list(ps, X)), 0); }
field_opt(A) ::= IDENT(N) LBRACK expr(X) COMMA arg_list(L) comma_opt RBRACK.
                                                  { A = ast_embedded(ps, ast_instance(ps, ast_ident(ps, N), ast_prepend(L, X)), 0); }
field_names(A) ::= IDENT(M) COMMA IDENT(N).       { A = ast_append(ast_list(ps, ast_ident(ps, M)), ast_ident(ps, N)); }
field_names(A) ::= field_names(L) COMMA IDENT(N). { A = ast_append(L, ast_ident(ps, N)); }
field_opt(A) ::= IDENT(N).                        { A = ast_embedded(ps, ast_ident(ps, N), 0); }
field_opt(A) ::= IDENT(N) STRING(S).              { A = ast_embedded(ps, ast_ident(ps, N), &S); }
field_opt(A) ::= IDENT(P) DOT IDENT(N).           { A = ast_embedded(ps, ast_qualified(ps, P, N), 0); }
field_opt(A) ::= STAR(S) IDENT(N).                { A = ast_embedded(ps, ast_type(ps, N_TPTR, S, ast_ident(ps, N), 0), 0); }
field_opt(A) ::= STAR(S) IDENT(N) LBRACK type_list(L) comma_opt RBRACK.
                                                  { A = ast_embedded(ps, ast_type(ps, N_TPTR, S, ast_instance(ps, ast_ident(ps, N), L), 0), 0); }
field_opt(A) ::= STAR(S) IDENT(P) DOT IDENT(N).   { A = ast_embedded(ps, ast_type(ps, N_TPTR, S, ast_qualified(ps, P, N), 0), 0); }

iface_list(A) ::= iface_opt(F).                   { A = ast_list(ps, F); }
iface_list(A) ::= iface_list(L) SEMI iface_opt(F).{ A = ast_append(L, F); }
iface_opt(A) ::= .                                { A = 0; }
iface_opt(A) ::= IDENT(N) signature(S).           { A = ast_method_spec(ps, N, S); }
iface_opt(A) ::= IDENT(N).                        { A = ast_embedded(ps, ast_ident(ps, N), 0); }
iface_opt(A) ::= IDENT(P) DOT IDENT(N).           { A = ast_embedded(ps, ast_qualified(ps, P, N), 0); }
/* type set elements of constraint interfaces: ~int | ~float64 */
iface_opt(A) ::= TILDE(K) type(T).                { A = ast_embedded(ps, ast_tilde(ps, K, T), 0); }
iface_opt(A) ::= iface_union(U).                  { A = ast_embedded(ps, U, 0); }
iface_opt(A) ::= type_nonname(T).                 { A = ast_embedded(ps, T, 0); }
iface_union(A) ::= cterm(L) PIPE cterm(R).        { A = ast_union(ps, L, R); }
iface_union(A) ::= iface_union(L) PIPE cterm(R).  { A = ast_union(ps, L, R); }

ident_list(A) ::= IDENT(N).                       { A = ast_list(ps, ast_ident(ps, N)); }
ident_list(A) ::= ident_list(L) COMMA IDENT(N).   { A = ast_append(L, ast_ident(ps, N)); }

/* ---------------------------------------------------------- expressions */

expr(A) ::= unary_expr(X).                        { A = X; }
expr(A) ::= expr(L) OROR(O) expr(R).              { A = ast_binary(ps, O, L, R); }
expr(A) ::= expr(L) ANDAND(O) expr(R).            { A = ast_binary(ps, O, L, R); }
expr(A) ::= expr(L) EQ(O) expr(R).                { A = ast_binary(ps, O, L, R); }
expr(A) ::= expr(L) NE(O) expr(R).                { A = ast_binary(ps, O, L, R); }
expr(A) ::= expr(L) LT(O) expr(R).                { A = ast_binary(ps, O, L, R); }
expr(A) ::= expr(L) LE(O) expr(R).                { A = ast_binary(ps, O, L, R); }
expr(A) ::= expr(L) GT(O) expr(R).                { A = ast_binary(ps, O, L, R); }
expr(A) ::= expr(L) GE(O) expr(R).                { A = ast_binary(ps, O, L, R); }
expr(A) ::= expr(L) PLUS(O) expr(R).              { A = ast_binary(ps, O, L, R); }
expr(A) ::= expr(L) MINUS(O) expr(R).             { A = ast_binary(ps, O, L, R); }
expr(A) ::= expr(L) PIPE(O) expr(R).              { A = ast_binary(ps, O, L, R); }
expr(A) ::= expr(L) CARET(O) expr(R).             { A = ast_binary(ps, O, L, R); }
expr(A) ::= expr(L) STAR(O) expr(R).              { A = ast_binary(ps, O, L, R); }
expr(A) ::= expr(L) SLASH(O) expr(R).             { A = ast_binary(ps, O, L, R); }
expr(A) ::= expr(L) PERCENT(O) expr(R).           { A = ast_binary(ps, O, L, R); }
expr(A) ::= expr(L) SHL(O) expr(R).               { A = ast_binary(ps, O, L, R); }
expr(A) ::= expr(L) SHR(O) expr(R).               { A = ast_binary(ps, O, L, R); }
expr(A) ::= expr(L) AMP(O) expr(R).               { A = ast_binary(ps, O, L, R); }
expr(A) ::= expr(L) ANDNOT(O) expr(R).            { A = ast_binary(ps, O, L, R); }

unary_expr(A) ::= primary(X).                     { A = X; }
unary_expr(A) ::= PLUS(O) unary_expr(X).          { A = ast_unary(ps, O, X); }
unary_expr(A) ::= MINUS(O) unary_expr(X).         { A = ast_unary(ps, O, X); }
unary_expr(A) ::= NOT(O) unary_expr(X).           { A = ast_unary(ps, O, X); }
unary_expr(A) ::= CARET(O) unary_expr(X).         { A = ast_unary(ps, O, X); }
unary_expr(A) ::= STAR(O) unary_expr(X).          { A = ast_unary(ps, O, X); }
unary_expr(A) ::= AMP(O) unary_expr(X).           { A = ast_unary(ps, O, X); }
unary_expr(A) ::= ARROW(O) unary_expr(X).         { A = ast_unary(ps, O, X); }

primary(A) ::= operand(X).                        { A = X; }
primary(A) ::= primary(X) DOT IDENT(N).           { A = ast_selector(ps, X, N); }
primary(A) ::= primary(X) DOT LPAREN type(T) RPAREN.  { A = ast_assert(ps, X, T); }
primary(A) ::= primary(X) DOT LPAREN TYPE RPAREN.     { A = ast_assert(ps, X, 0); }
primary(A) ::= primary(X) LBRACK expr(I) RBRACK.      { A = ast_index(ps, X, I); }
/* an instantiation with several type arguments, or a type literal one */
primary(A) ::= primary(X) LBRACK arg(I) COMMA arg_list(L) comma_opt RBRACK.
                                                  { A = ast_instance(ps, X, ast_prepend(L, I)); }
primary(A) ::= primary(X) LBRACK targ(I) RBRACK.  { A = ast_instance(ps, X, ast_list(ps, I)); }
primary(A) ::= primary(X) LBRACK oexpr(L) COLON oexpr(H) RBRACK.
                                                  { A = ast_slice(ps, X, L, H, 0, 0); }
primary(A) ::= primary(X) LBRACK oexpr(L) COLON expr(H) COLON expr(M) RBRACK.
                                                  { A = ast_slice(ps, X, L, H, M, 1); }
primary(A) ::= primary(F) LPAREN call_args(L) RPAREN. { A = ast_call(ps, F, L, 0); }
primary(A) ::= primary(F) LPAREN arg_list(L) ELLIPSIS comma_opt RPAREN.
                                                  { A = ast_call(ps, F, L, 1); }
primary(A) ::= primary(T) LBRACE(B) elems(E) RBRACE.  { A = ast_composite(ps, T, E, B); }
primary(A) ::= type_lit(T) lbrace(B) elems(E) RBRACE. { A = ast_composite(ps, T, E, B); }
primary(A) ::= LBRACK(K) RBRACK lbrace(B) elems(E) RBRACE.
                                                  { A = ast_composite(ps, ast_type(ps, N_TSLICE, K, 0, 0), E, B); }
primary(A) ::= MAP(M) lbrace(B) elems(E) RBRACE.  { A = ast_composite(ps, ast_type(ps, N_TMAP, M, 0, 0), E, B); }
primary(A) ::= type_lit(T) LPAREN expr(X) comma_opt RPAREN.
                                                  { A = ast_call(ps, T, ast_list(ps, X), 0); }
/* ([]byte)(s), (map[K]V)(nil), (func())(f), (<-chan int)(c) */
primary(A) ::= LPAREN paren_type(T) RPAREN LPAREN expr(X) comma_opt RPAREN.
                                                  { A = ast_call(ps, T, ast_list(ps, X), 0); }
paren_type(A) ::= type_lit(T).                    { A = T; }
paren_type(A) ::= FUNC signature(S).              { A = S; }
paren_type(A) ::= chan_type(T).                   { A = T; }

operand(A) ::= INT(T).                            { A = ast_literal(ps, T); }
operand(A) ::= FLOAT(T).                          { A = ast_literal(ps, T); }
operand(A) ::= IMAG(T).                           { A = ast_literal(ps, T); }
operand(A) ::= STRING(T).                         { A = ast_literal(ps, T); }
operand(A) ::= CHAR(T).                           { A = ast_literal(ps, T); }
operand(A) ::= IDENT(T).                          { A = ast_ident(ps, T); }
operand(A) ::= LPAREN(P) expr(X) RPAREN.          { A = ast_unary(ps, P, X); }
operand(A) ::= FUNC(F) signature(S) lbrace(B) stmt_list(L) RBRACE.
                                                  { A = ast_funclit(ps, F, S, ast_block(ps, B, L)); }

oexpr(A) ::= .                                    { A = 0; }
oexpr(A) ::= expr(X).                             { A = X; }

comma_opt ::= .
comma_opt ::= COMMA.

call_args(A) ::= .                                { A = ast_list(ps, 0); }
call_args(A) ::= arg_list(L) comma_opt.           { A = L; }
arg_list(A) ::= arg(X).                           { A = ast_list(ps, X); }
arg_list(A) ::= arg_list(L) COMMA arg(X).         { A = ast_append(L, X); }

/* Call arguments and case labels may also be types: make([]int, 3),
 * make(chan int), case []string:. */
arg(A) ::= expr(X).                               { A = X; }
arg(A) ::= type_lit(T).                           { A = T; }
arg(A) ::= chan_type(T).                          { A = T; }
arg(A) ::= FUNC signature(S).                     { A = S; }
targ(A) ::= type_lit(T).                          { A = T; }
targ(A) ::= chan_type(T).                         { A = T; }
targ(A) ::= FUNC signature(S).                    { A = S; }

elems(A) ::= .                                    { A = ast_list(ps, 0); }
elems(A) ::= elem_list(L) comma_opt.              { A = L; }
elem_list(A) ::= elem(E).                         { A = ast_list(ps, E); }
elem_list(A) ::= elem_list(L) COMMA elem(E).      { A = ast_append(L, E); }
elem(A) ::= elem_val(V).                          { A = V; }
elem(A) ::= elem_val(K) COLON elem_val(V).        { A = ast_keyvalue(ps, K, V); }
elem_val(A) ::= expr(X).                          { A = X; }
elem_val(A) ::= lbrace(B) elems(E) RBRACE.        { A = ast_composite(ps, 0, E, B); }

expr_list(A) ::= expr(X).                         { A = ast_list(ps, X); }
expr_list(A) ::= expr_list(L) COMMA expr(X).      { A = ast_append(L, X); }

lbrace(A) ::= LBRACE(B).                          { A = B; }
lbrace(A) ::= LBODY(B).                           { A = B; }
%type lbrace { Token }

/* ----------------------------------------------------------- statements */

stmt_list(A) ::= stmt(S).                         { A = ast_list(ps, S); }
stmt_list(A) ::= stmt_list(L) SEMI stmt(S).       { A = ast_append(L, S); }

stmt(A) ::= .                                     { A = 0; }
stmt(A) ::= error.                                { A = 0; }
stmt(A) ::= simple_stmt(S).                       { A = S; }
stmt(A) ::= decl_stmt(S).                         { A = S; }
stmt(A) ::= IDENT(L) COLON stmt(S).               { A = ast_labeled(ps, L, S); }
stmt(A) ::= GO(T) expr(X).                        { A = ast_stmt(ps, N_GO, T, X, 0); }
stmt(A) ::= DEFER(T) expr(X).                     { A = ast_stmt(ps, N_DEFER, T, X, 0); }
stmt(A) ::= RETURN(T).                            { A = ast_return(ps, T, 0); }
stmt(A) ::= RETURN(T) expr_list(L).               { A = ast_return(ps, T, L); }
stmt(A) ::= BREAK(T).                             { A = ast_branch(ps, N_BREAK, T, 0); }
stmt(A) ::= BREAK(T) IDENT(L).                    { A = ast_branch(ps, N_BREAK, T, &L); }
stmt(A) ::= CONTINUE(T).                          { A = ast_branch(ps, N_CONTINUE, T, 0); }
stmt(A) ::= CONTINUE(T) IDENT(L).                 { A = ast_branch(ps, N_CONTINUE, T, &L); }
stmt(A) ::= GOTO(T) IDENT(L).                     { A = ast_branch(ps, N_GOTO, T, &L); }
stmt(A) ::= FALLTHROUGH(T).                       { A = ast_branch(ps, N_FALLTHROUGH, T, 0); }
stmt(A) ::= block(B).                             { A = B; }
stmt(A) ::= if_stmt(S).                           { A = S; }
stmt(A) ::= FOR(T) for_hdr(H) LBODY(B) stmt_list(L) RBRACE.
                                                  { A = ast_for(ps, T, H, ast_block(ps, B, L)); }
stmt(A) ::= SWITCH(T) osimple(I) LBODY case_clauses(C) RBRACE.
                                                  { A = ast_switch(ps, T, 0, I, C); }
stmt(A) ::= SWITCH(T) osimple(I) SEMI osimple(X) LBODY case_clauses(C) RBRACE.
                                                  { A = ast_switch(ps, T, I, X, C); }
stmt(A) ::= SELECT(T) LBODY comm_clauses(C) RBRACE.
                                                  { A = ast_select(ps, T, C); }

block(A) ::= lbrace(B) stmt_list(L) RBRACE.       { A = ast_block(ps, B, L); }

simple_stmt(A) ::= expr(X).                       { A = ast_stmt(ps, N_EXPRSTMT, ps->last, X, 0); }
simple_stmt(A) ::= expr(C) ARROW(T) expr(V).      { A = ast_stmt(ps, N_SEND, T, C, V); }
simple_stmt(A) ::= expr(X) INC(T).                { A = ast_stmt(ps, N_INCDEC, T, X, 0); }
simple_stmt(A) ::= expr(X) DEC(T).                { A = ast_stmt(ps, N_INCDEC, T, X, 0); }
simple_stmt(A) ::= expr_list(L) ASSIGN(T) expr_list(R).   { A = ast_assign(ps, N_ASSIGN, T, L, R); }
simple_stmt(A) ::= expr_list(L) DEFINE(T) expr_list(R).   { A = ast_assign(ps, N_DEFINE, T, L, R); }
simple_stmt(A) ::= expr(L) OPASSIGN(T) expr(R).   { A = ast_opassign(ps, T, L, R); }

osimple(A) ::= .                                  { A = 0; }
osimple(A) ::= simple_stmt(S).                    { A = S; }

if_stmt(A) ::= IF(T) expr(C) LBODY(B) stmt_list(L) RBRACE else_opt(E).
                                                  { A = ast_if(ps, T, 0, C, ast_block(ps, B, L), E); }
if_stmt(A) ::= IF(T) simple_stmt(I) SEMI expr(C) LBODY(B) stmt_list(L) RBRACE else_opt(E).
                                                  { A = ast_if(ps, T, I, C, ast_block(ps, B, L), E); }
else_opt(A) ::= .                                 { A = 0; }
else_opt(A) ::= ELSE if_stmt(S).                  { A = S; }
else_opt(A) ::= ELSE block(B).                    { A = B; }

for_hdr(A) ::= .                                  { A = ast_for3(ps, 0, 0, 0); }
for_hdr(A) ::= expr(C).                           { A = ast_for3(ps, 0, C, 0); }
for_hdr(A) ::= osimple(I) SEMI oexpr(C) SEMI osimple(P).  { A = ast_for3(ps, I, C, P); }
for_hdr(A) ::= RANGE(T) expr(X).                  { A = ast_range(ps, T, 0, 0, X); }
for_hdr(A) ::= expr_list(L) ASSIGN RANGE(T) expr(X).  { A = ast_range(ps, T, L, 0, X); }
for_hdr(A) ::= expr_list(L) DEFINE RANGE(T) expr(X).  { A = ast_range(ps, T, L, 1, X); }

case_clauses(A) ::= .                             { A = ast_list(ps, 0); }
case_clauses(A) ::= case_clauses(L) case_clause(C). { A = ast_append(L, C); }
case_clause(A) ::= CASE(T) arg_list(E) COLON stmt_list(L).  { A = ast_case(ps, T, E, L); }
case_clause(A) ::= DEFAULT(T) COLON stmt_list(L). { A = ast_case(ps, T, 0, L); }

comm_clauses(A) ::= .                             { A = ast_list(ps, 0); }
comm_clauses(A) ::= comm_clauses(L) comm_clause(C). { A = ast_append(L, C); }
comm_clause(A) ::= CASE(T) simple_stmt(S) COLON stmt_list(L). { A = ast_comm(ps, T, S, L); }
comm_clause(A) ::= DEFAULT(T) COLON stmt_list(L). { A = ast_comm(ps, T, 0, L); }

/* --------------------------------------------------------- declarations */

decl_stmt(A) ::= VAR var_spec(S).                 { A = S; }
decl_stmt(A) ::= VAR(T) LPAREN var_specs(L) RPAREN.   { A = ast_group(ps, T, L); }
decl_stmt(A) ::= CONST const_spec(S).             { A = S; }
decl_stmt(A) ::= CONST(T) LPAREN const_specs(L) RPAREN. { A = ast_group(ps, T, L); }
decl_stmt(A) ::= TYPE type_spec(S).               { A = S; }
decl_stmt(A) ::= TYPE(T) LPAREN type_specs(L) RPAREN. { A = ast_group(ps, T, L); }

var_specs(A) ::= var_spec_opt(S).                 { A = ast_list(ps, S); }
var_specs(A) ::= var_specs(L) SEMI var_spec_opt(S). { A = ast_append(L, S); }
var_spec_opt(A) ::= .                             { A = 0; }
var_spec_opt(A) ::= var_spec(S).                  { A = S; }
var_spec(A) ::= ident_list(N) type(T).            { A = ast_spec(ps, N_VAR, N, T, 0); }
var_spec(A) ::= ident_list(N) type(T) ASSIGN expr_list(V). { A = ast_spec(ps, N_VAR, N, T, V); }
var_spec(A) ::= ident_list(N) ASSIGN expr_list(V).         { A = ast_spec(ps, N_VAR, N, 0, V); }

const_specs(A) ::= const_spec_opt(S).             { A = ast_list(ps, S); }
const_specs(A) ::= const_specs(L) SEMI const_spec_opt(S). { A = ast_append(L, S); }
const_spec_opt(A) ::= .                           { A = 0; }
const_spec_opt(A) ::= const_spec(S).              { A = S; }
const_spec(A) ::= ident_list(N).                  { A = ast_spec(ps, N_CONST, N, 0, 0); }
const_spec(A) ::= ident_list(N) type(T) ASSIGN expr_list(V). { A = ast_spec(ps, N_CONST, N, T, V); }
const_spec(A) ::= ident_list(N) ASSIGN expr_list(V).         { A = ast_spec(ps, N_CONST, N, 0, V); }

type_specs(A) ::= type_spec_opt(S).               { A = ast_list(ps, S); }
type_specs(A) ::= type_specs(L) SEMI type_spec_opt(S). { A = ast_append(L, S); }
type_spec_opt(A) ::= .                            { A = 0; }
type_spec_opt(A) ::= type_spec(S).                { A = S; }
type_spec(A) ::= IDENT(N) type(T).                { A = ast_typedecl(ps, N, T, 0); }
type_spec(A) ::= IDENT(N) ASSIGN type(T).         { A = ast_typedecl(ps, N, T, 1); }
type_spec(A) ::= IDENT(N) LBRACK ttparams(P) RBRACK type(T). { A = ast_generic(ast_typedecl(ps, N, T, 0), P); }

/* Lexer-only pseudo tokens, numbered after the real ones. */
%token ILLEGAL.
