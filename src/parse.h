/* parse.h: the parser driver: feeds lexer tokens to the lemon parser,
 * reports lexical and syntax errors, and answers the REPL's question
 * "is this input complete?". */
#ifndef GORO_PARSE_H
#define GORO_PARSE_H

#include "ast.h"
#include "diag.h"

/* Parse a whole source; returns the N_LIST of top-level items, or NULL
 * after reporting errors to [d]. */
Node *goro_parse_source(const char *src, int len, Diag *d);

/* For the REPL: nonzero when [src] ends inside brackets, a raw string, a
 * block comment, or after a token that cannot end a statement. */
int goro_parse_needs_more(const char *src, int len);

/* Called from grammar actions. */
void goro_parse_syntax_error(ParseState *ps, int major, Token *tok, const int *expected, int n);
void goro_parse_overflow(ParseState *ps);

#endif
