/* rangefunc.h: range over a function, rewritten into a call of it with
 * the loop body as the yield function (see rangefunc.c). */
#ifndef GORO_RANGEFUNC_H
#define GORO_RANGEFUNC_H

#include "ast.h"

typedef struct Diag Diag;

/* The statement to resolve and compile instead of [range], a range
 * statement over a function; [label] is the loop's label or NULL, [sig]
 * the enclosing function's signature (N_TFUNC) or NULL. */
Node *goro_rangefunc_rewrite(Node *range, const char *label, Node *sig, Diag *diag);

#endif
