/* common.h: what every goro translation unit includes: the GC allocator
 * wrappers, goro_fatal for broken invariants, and small helpers.
 *
 * Two kinds of failure are never mixed (STYLE.md): goro_fatal() is for a
 * broken internal invariant and aborts; a user error is a goro panic
 * value delivered to the goroutine (src/panic.c). */
#ifndef GORO_COMMON_H
#define GORO_COMMON_H

#include <gc.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <string.h>

#define GORO_VERSION "0.1.0"

/* Objects that may hold pointers: scanned, zeroed. */
static inline void *goro_alloc(size_t n) { return GC_MALLOC(n); }
/* Pointer-free data (string bytes, bytecode): not scanned, NOT zeroed. */
static inline void *goro_alloc_atomic(size_t n) { return GC_MALLOC_ATOMIC(n); }
void *goro_realloc(void *p, size_t n);
char *goro_strndup(const char *s, size_t n);
char *goro_strdup(const char *s);
char *goro_sprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Broken invariant: print and abort (Go's throw). */
void goro_fatal(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* strerror as Go words it: lower-case ("no such file or directory"). */
const char *goro_errno_string(int err);

/* Interned identifier: equal names give the same pointer. */
const char *goro_intern(const char *s, size_t n);
static inline const char *goro_intern_cstr(const char *s) { return goro_intern(s, strlen(s)); }

/* A growable array in the GC heap: v, n, cap fields of any struct. */
#define GORO_VEC_PUSH(vec, item)                                              \
    do {                                                                      \
        if ((vec).n == (vec).cap) {                                           \
            (vec).cap = (vec).cap ? (vec).cap * 2 : 8;                        \
            (vec).v = goro_realloc((vec).v, (size_t)(vec).cap * sizeof *(vec).v); \
        }                                                                     \
        (vec).v[(vec).n++] = (item);                                          \
    } while (0)

#define GORO_UNUSED(x) ((void)(x))

/* The value of hexadecimal digit [c] (either case), or -1. */
static inline int goro_hex_digit(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
#define GORO_LIKELY(x) __builtin_expect(!!(x), 1)
#define GORO_UNLIKELY(x) __builtin_expect(!!(x), 0)

#endif
