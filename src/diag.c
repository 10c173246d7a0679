/* diag.c: compile-time error reporting (see diag.h). */
#include "diag.h"

#include <stdarg.h>
#include <string.h>

void goro_diag_init(Diag *d, const char *file, const char *src, int srclen)
{
    memset(d, 0, sizeof *d);
    d->file = file;
    d->src = src;
    d->srclen = srclen;
    d->out = stderr;
}

int goro_diag_full(Diag *d) { return d->count >= GORO_MAX_ERRORS; }

void goro_diag_show_line(FILE *out, const char *src, int srclen, int line, int col)
{
    if (!src || line < 1)
        return;
    const char *p = src, *end = src + srclen;
    for (int l = 1; l < line && p < end; p++)
        if (*p == '\n')
            l++;
    const char *eol = p;
    while (eol < end && *eol != '\n')
        eol++;
    int len = (int)(eol - p);
    /* A huge line (a 1 MB literal): show a window around the column. */
    if (col > 120) {
        int skip = col - 60;
        while (skip > 0 && ((unsigned char)p[skip] & 0xC0) == 0x80)
            skip--;
        p += skip;
        len -= skip;
        col -= skip;
    }
    if (len > 160)
        len = 160;
    fputs("    ", out);
    for (int i = 0; i < len; i++) {
        unsigned char c = (unsigned char)p[i];
        fputc(c < 0x20 && c != '\t' ? ' ' : c, out);
    }
    fputs("\n    ", out);
    /* The caret sits under byte column [col]: tabs stay tabs, a
     * multi-byte character takes one column. */
    for (int i = 0; i < col - 1 && i < len; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == '\t')
            fputc('\t', out);
        else if ((c & 0xC0) != 0x80)
            fputc(' ', out);
    }
    fputs("^\n", out);
}

int goro_diag_error(Diag *d, int line, int col, const char *fmt, ...)
{
    if (d->count >= GORO_MAX_ERRORS)
        return 1;
    /* one error per line, as Go's compiler: a second is nearly always a
     * consequence of the first */
    if (d->count > 0 && line == d->last_line)
        return 0;
    d->count++;
    va_list ap;
    fflush(stdout);
    fprintf(d->out, "%s:%d:%d: ", d->file, line, col);
    va_start(ap, fmt);
    vfprintf(d->out, fmt, ap);
    va_end(ap);
    fputc('\n', d->out);
    goro_diag_show_line(d->out, d->src, d->srclen, line, col);
    d->last_line = line;
    if (d->count == GORO_MAX_ERRORS) {
        fprintf(d->out, "%s: too many errors\n", d->file);
        return 1;
    }
    return 0;
}
