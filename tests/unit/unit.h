/* unit.h: helpers shared by the Criterion unit tests in tests/unit/:
 * runtime set-up for a test's worker process, running a whole goro
 * program with its stdout captured, and compiling with the compiler's
 * error report captured.
 *
 * Criterion runs every test in its own forked worker, so each test's
 * .init fixture calls goro_ut_init() (GC_INIT and the runtime tables).
 * Everything here is static inline: each test file is its own unit. */
#ifndef GORO_UNIT_H
#define GORO_UNIT_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"
#include "compile.h"
#include "diag.h"
#include "format.h"
#include "pkg.h"
#include "proc.h"
#include "type.h"
#include "value.h"
#include "vm.h"

static inline void goro_ut_init(void)
{
    GC_INIT();
    GC_allow_register_threads();
    goro_types_init();
    goro_stdlib_init();
    goro_sched_init();
}

/* A C string view of a goro string value (copied, NUL-terminated). */
static inline char *goro_ut_cstr(Value s)
{
    return goro_strndup(s.u.s, (size_t)s.aux);
}

/* The whole contents of [f] from its start, NUL-terminated. */
static inline char *goro_ut_slurp(FILE *f)
{
    fflush(f);
    long n = ftell(f);
    char *s = goro_alloc_atomic((size_t)n + 1);
    rewind(f);
    size_t k = fread(s, 1, (size_t)n, f);
    s[k] = 0;
    return s;
}

/* Compile [src] as a file named "t.goro"; returns the number of errors
 * and, in *report (may be NULL), what the compiler printed. */
static inline int goro_ut_compile(const char *src, bool allow_stmts, char **report, Closure **out)
{
    FILE *f = tmpfile();
    cr_assert_not_null(f);
    Diag d;
    int len = (int)strlen(src);
    goro_diag_init(&d, "t.goro", src, len);
    d.out = f;
    Closure *cl = goro_compile_program("t.goro", src, len, allow_stmts, &d, NULL);
    if (report)
        *report = goro_ut_slurp(f);
    fclose(f);
    if (out)
        *out = cl;
    if (!cl && d.count == 0)
        return -1;   /* failed without a report: itself a bug */
    return d.count;
}

/* Compile and run a whole program; returns its exit status (-1 when it
 * does not compile), its stdout in *out and, if [err] is not NULL, its
 * stderr in *err.  One run per test: the scheduler runs once per process. */
static inline int goro_ut_run2(const char *src, char **out, char **err)
{
    Closure *cl;
    char *report;
    int errs = goro_ut_compile(src, false, &report, &cl);
    if (errs != 0 || !cl) {
        cr_log_error("compile errors:\n%s", report);
        *out = report;
        if (err)
            *err = report;
        return -1;
    }
    fflush(stdout);
    fflush(stderr);
    FILE *fo = tmpfile(), *fe = tmpfile();
    cr_assert(fo && fe);
    int saved_out = dup(1), saved_err = dup(2);
    dup2(fileno(fo), 1);
    dup2(fileno(fe), 2);
    G *g = goro_g_new(goro_ptrval(VK_FUNC, cl), NULL, 0, false);
    int code = goro_sched_main(g);
    fflush(stdout);
    fflush(stderr);
    dup2(saved_out, 1);
    dup2(saved_err, 2);
    close(saved_out);
    close(saved_err);
    fseek(fo, 0, SEEK_END);
    fseek(fe, 0, SEEK_END);
    *out = goro_ut_slurp(fo);
    if (err)
        *err = goro_ut_slurp(fe);
    fclose(fo);
    fclose(fe);
    return code;
}

static inline int goro_ut_run(const char *src, char **out)
{
    return goro_ut_run2(src, out, NULL);
}

/* A zeroed goroutine that never runs: the G a channel operation is made
 * on behalf of, in tests that call the channel layer directly. */
static inline G *goro_ut_fake_g(void)
{
    G *g = goro_alloc(sizeof(G));
    g->id = 1000;
    g->resume_dst = -1;
    return g;
}

#endif
