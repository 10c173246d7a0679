/* constval.h: exact numeric constants (GMP rationals).
 *
 * Go's untyped constants are exact: 1 << 200 >> 198 is 4 and
 * 1e20 + 1 - 1e20 is 1.  goro folds them as GMP rationals (an integer is
 * a rational with denominator 1) and rounds only when a constant becomes
 * a value: to float64 or float32 by round-half-even, as Go does, or to an
 * integer type that must hold it exactly.
 *
 * GMP allocates through Boehm (atomic blocks, never freed by hand), so a
 * rational can be copied with its struct and kept in any GC object; the
 * rule that keeps that safe is that no operation writes into an existing
 * rational: every result is a fresh one (goro_q_new). */
#ifndef GORO_CONSTVAL_H
#define GORO_CONSTVAL_H

#include <gmp.h>

#include "type.h"

/* The kinds of untyped constants, in Go's order: an operation on two
 * untyped constants takes the later kind of the two. */
typedef enum ConstKind {
    CK_NONE = 0,   /* not a number: bool or string (the Value holds it) */
    CK_INT,
    CK_RUNE,
    CK_FLOAT,
    CK_COMPLEX,
} ConstKind;

/* A folded constant: a number (kind != CK_NONE: re, and im for complex)
 * or a bool or string (v); typed when [t] is set (const x T = ...,
 * T(c), and every operation with a typed operand). */
typedef struct ConstVal {
    Value v;
    Type *t;
    uint8_t kind;
    mpq_t re, im;
} ConstVal;

void goro_q_setup(void);             /* GMP's allocator = Boehm; idempotent */
void goro_q_init(mpq_t q);           /* a fresh zero */
void goro_q_from_i64(mpq_t q, int64_t i);
void goro_q_from_u64(mpq_t q, uint64_t u);

/* Go literal text ("0x_1F", "1_000", "0o17", "1.5e-3", "0x1p-2"), with
 * or without underscores.  False on a malformed literal or an exponent
 * too large to hold exactly. */
bool goro_q_parse(mpq_t q, const char *text);

bool goro_q_is_int(const mpq_t q);
/* Does the integer [q] fit integer type kind [k] (TY_INT .. TY_UINTPTR)? */
bool goro_q_fits_int(const mpq_t q, int k);
/* [q] rounded to the nearest float32 or float64 (k = TY_FLOAT32 or
 * TY_FLOAT64), half to even; false when it rounds past the largest
 * finite value. */
bool goro_q_to_float(const mpq_t q, int k, double *out);
int64_t goro_q_to_i64(const mpq_t q);   /* an integer in int64 or uint64 range: its bits */

/* As Go's messages print a constant: an integer in full, a float as %.6g
 * (also beyond float64's range: 1e+400). */
const char *goro_q_text(const mpq_t q, bool isfloat);

#endif
