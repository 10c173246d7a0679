/* arith.h: operators on values, the general case (see arith.c).  Each
 * returns false with *err set to a message (without "runtime error: ")
 * when the operation is not defined for the operands. */
#ifndef GORO_ARITH_H
#define GORO_ARITH_H

#include "value.h"

/* op: OP_ADD .. OP_SHR */
bool goro_arith(int op, Value a, Value b, Value *out, const char **err);
/* op: OP_EQ, OP_NE, OP_LT, OP_LE */
bool goro_compare(int op, Value a, Value b, bool *out, const char **err);
/* op: OP_NEG, OP_NOT, OP_BNOT */
bool goro_unary(int op, Value a, Value *out, const char **err);

#endif
