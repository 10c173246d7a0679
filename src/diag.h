/* diag.h: compile-time error reports in one format.
 *
 *   file:line:col: message
 *       the source line
 *       ^
 *
 * Several errors per run (up to GORO_MAX_ERRORS, then "too many errors").
 * The REPL sets [out] to capture nothing special: errors go to stderr. */
#ifndef GORO_DIAG_H
#define GORO_DIAG_H

#include <stdio.h>

#define GORO_MAX_ERRORS 10

typedef struct Diag {
    const char *file;
    const char *src;
    int srclen;
    int count;
    int last_line;      /* suppress a second error on the same line */
    FILE *out;
} Diag;

void goro_diag_init(Diag *d, const char *file, const char *src, int srclen);
/* Report an error at line:col; returns nonzero once the limit is hit. */
int goro_diag_error(Diag *d, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int goro_diag_full(Diag *d);
/* Print the source line [line] and a caret under byte column [col]. */
void goro_diag_show_line(FILE *out, const char *src, int srclen, int line, int col);

#endif
