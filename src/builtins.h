/* builtins.h: Go's predeclared functions that are not opcodes (cap,
 * copy, delete, make, new, close, clear, min, max, print, println,
 * complex, real, imag), and
 * native wrappers for all of them so that `defer close(ch)` and
 * `go println(x)` work like calls of any function value. */
#ifndef GORO_BUILTINS_H
#define GORO_BUILTINS_H

#include "value.h"

/* The native for builtin [b] (a Builtin from compile.h). */
Value goro_builtin_value(int b);

/* len(v); false when v has no length. */
bool goro_len(Value v, int64_t *out);
char *goro_print_basic(Value v, char *buf, size_t size);

#endif
