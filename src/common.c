/* common.c: allocation helpers, the identifier intern table, goro_fatal. */
#include "common.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void *goro_realloc(void *p, size_t n)
{
    void *q = GC_REALLOC(p, n);
    if (!q)
        goro_fatal("out of memory (%zu bytes)", n);
    return q;
}

char *goro_strndup(const char *s, size_t n)
{
    char *d = goro_alloc_atomic(n + 1);
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

char *goro_strdup(const char *s) { return goro_strndup(s, strlen(s)); }

char *goro_sprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *buf = goro_alloc_atomic((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(buf, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return buf;
}

void goro_fatal(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fputs("goro: fatal internal error: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}

/* The intern table: open addressing over GC-allocated strings.  The table
 * itself is a GC object referenced from a static, so the names stay
 * alive.  Compilation may happen on the REPL's input thread while Ms run
 * goroutines that look names up, hence the lock. */
static struct {
    const char **slots;
    size_t cap, n;
    pthread_mutex_t lock;
} itab = { .lock = PTHREAD_MUTEX_INITIALIZER };

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

const char *goro_intern(const char *s, size_t n)
{
    pthread_mutex_lock(&itab.lock);
    if (itab.n * 2 >= itab.cap) {
        size_t ncap = itab.cap ? itab.cap * 2 : 1024;
        const char **ns = goro_alloc(ncap * sizeof *ns);
        for (size_t i = 0; i < itab.cap; i++) {
            const char *k = itab.slots[i];
            if (!k)
                continue;
            size_t j = hash_bytes(k, strlen(k)) & (ncap - 1);
            while (ns[j])
                j = (j + 1) & (ncap - 1);
            ns[j] = k;
        }
        itab.slots = ns;
        itab.cap = ncap;
    }
    size_t j = hash_bytes(s, n) & (itab.cap - 1);
    const char *k;
    while ((k = itab.slots[j])) {
        if (strncmp(k, s, n) == 0 && k[n] == 0) {
            pthread_mutex_unlock(&itab.lock);
            return k;
        }
        j = (j + 1) & (itab.cap - 1);
    }
    k = goro_strndup(s, n);
    itab.slots[j] = k;
    itab.n++;
    pthread_mutex_unlock(&itab.lock);
    return k;
}

const char *goro_errno_string(int err)
{
    /* Go's syscall messages are glibc's, lower-cased: "no such file or directory" */
    const char *s = strerror(err);
    char *d = goro_strdup(s);
    if (d[0] >= 'A' && d[0] <= 'Z' && !(d[1] >= 'A' && d[1] <= 'Z'))
        d[0] = (char)(d[0] - 'A' + 'a');
    return d;
}
