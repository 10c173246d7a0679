/* format.h: fmt's formatting engine (Go's fmt/print.go and format.go):
 * Sprint, Sprintln and Sprintf semantics over goro values, shared by the
 * fmt package, the REPL's echo, panic messages and errors. */
#ifndef GORO_FORMAT_H
#define GORO_FORMAT_H

#include "g.h"

typedef struct Buf {
    char *s;
    size_t n, cap;
} Buf;

void goro_buf_put(Buf *b, const char *s, size_t n);
void goro_buf_putc(Buf *b, char c);
void goro_buf_puts(Buf *b, const char *s);
Value goro_buf_string(Buf *b);

/* Each returns 0, or GORO_NATIVE_PANIC when a String/Error method
 * called along the way panicked and the panic must propagate. */
int goro_fmt_sprint(G *g, Buf *b, const Value *args, int n);
int goro_fmt_sprintln(G *g, Buf *b, const Value *args, int n);
int goro_fmt_sprintf(G *g, Buf *b, Value format, const Value *args, int n);
/* Sprintf for fmt.Errorf: each %w operand must be an error; their
 * argument indexes go to [wrapped] (at most [max]), the count to
 * *[nwrapped]. */
int goro_fmt_errorf(G *g, Buf *b, Value format, const Value *args, int n, int *wrapped, int max,
                    int *nwrapped);
/* %v of one value. */
void goro_fmt_value(G *g, Buf *b, Value v);
/* The shortest decimal form of a float64 (strconv.FormatFloat(f, 'g', -1, 64)). */
void goro_fmt_float_shortest(Buf *b, double f, int bits, char fmt);
/* The shortest digits of |x| that read back as x (strconv.c): digits to
 * [out] (room for 24), the exponent of the first digit to *exp; returns
 * how many. */
int goro_float_shortest_digits(double x, int bits, char *out, int *exp);
/* Call the strconv package's native [name] (fmt shares strconv's code
 * rather than keeping copies): its results (at most 2) to [res]. */
int goro_fmt_strconv(G *g, const char *name, Value *args, int nargs, Value *res);
bool goro_fmt_has_method(Value v, const char *name);
/* The method [name] (interned) of [v]'s type, or of the type a pointer
 * points to; NULL if there is none. */
struct Method *goro_fmt_lookup_method(Value v, const char *name);
/* Method [name] promoted to struct [v] (or *v) from an embedded field,
 * and in *self the receiver it takes; NULL when there is none. */
struct Method *goro_fmt_promoted(Value v, const char *name, Value *self);
/* recv.[name](args...) with at most 7 arguments: its result count, -1
 * if it panicked, -2 if [recv] has no such method. */
int goro_fmt_call_method(G *g, Value recv, const char *name, Value *args, int nargs, Value *res,
                         int nres);
/* The same, letting the method park (GORO_NATIVE_CALL, returned as it
 * is: see goro_native_call); for Fprint's io.Writer. */
int goro_fmt_call_method_parkable(G *g, Value recv, const char *name, Value *args, int nargs,
                                  Value *res, int nres);
/* strconv.IsPrint (Go's tables, in strconv.c). */
bool goro_unicode_is_print(int32_t r);
/* strconv.Quote */
void goro_fmt_quote(Buf *b, const char *s, size_t n, bool ascii);

#endif
