/* io_copy.c: io's functions that move bytes between readers and
 * writers: Copy, CopyBuffer, CopyN, ReadAll, ReadFull, ReadAtLeast,
 * WriteString.  Each may park in the Read or Write it calls (rw.h), so
 * its progress (bytes so far, the chunk not yet written) lives in a
 * small state object in g->nstate and a retried call continues. */
#include <string.h>

#include "errors_obj.h"
#include "io_errors.h"
#include "io_pkg.h"
#include "rw.h"
#include "vm.h"

/* The native is over (results or a panic) unless it parked. */
static int finish(G *g, int r)
{
    if (r != GORO_NATIVE_CALL && r != GORO_NATIVE_RETRY)
        g->nstate = NULL;
    return r;
}

static Value eof(void) { return goro_io_err(IO_EOF); }

/* ---------------------------------------------------------------- Copy */

typedef struct CopyState {
    RwCall rc, wc;
    char *buf;
    size_t size;
    size_t nr;          /* the chunk read and not yet written */
    Value rerr;         /* the error that came with it */
    bool writing;
    int64_t written;
    int64_t limit;      /* CopyN: bytes it may still read; -1: no limit */
    int64_t n;          /* CopyN: the count asked for */
} CopyState;

static int copy_loop(G *g, CopyState *st, Value dst, Value src, Value *err)
{
    for (;;) {
        if (!st->writing) {
            size_t want = st->size;
            if (st->limit >= 0 && (int64_t)want > st->limit)
                want = (size_t)st->limit;
            if (st->limit == 0) {
                *err = eof();
                return 0;
            }
            int r = goro_rw_read(g, src, &st->rc, st->buf, want, &st->nr, &st->rerr);
            if (r < 0)
                return r;
            if (st->limit >= 0)
                st->limit -= (int64_t)st->nr;
            if (st->nr == 0) {
                if (VKIND(st->rerr) != VK_NIL) {
                    *err = st->rerr;
                    return 0;
                }
                continue;
            }
            st->writing = true;
        }
        size_t nw;
        Value ew;
        int r = goro_rw_write(g, dst, &st->wc, st->buf, st->nr, &nw, &ew);
        if (r < 0)
            return r;
        st->writing = false;
        st->written += (int64_t)nw;
        if (VKIND(ew) != VK_NIL) {
            *err = ew;
            return 0;
        }
        if (nw != st->nr) {
            *err = goro_io_err(IO_SHORT_WRITE);
            return 0;
        }
        if (VKIND(st->rerr) != VK_NIL) {
            *err = st->rerr;
            return 0;
        }
    }
}

/* Copy's fast paths: src.WriteTo(dst), else dst.ReadFrom(src).  -200:
 * neither applies. */
static int copy_fast(G *g, Value dst, Value src, Value *res)
{
    Value r[2];
    int k = GORO_RW_NO_METHOD;
    if (goro_rw_has_method(src, "WriteTo"))
        k = goro_rw_call_method(g, src, "WriteTo", &dst, 1, r, 2);
    else if (goro_rw_has_method(dst, "ReadFrom"))
        k = goro_rw_call_method(g, dst, "ReadFrom", &src, 1, r, 2);
    if (k == GORO_RW_NO_METHOD)
        return -200;
    if (k < 0)
        return k;
    res[0] = goro_rw_int64(k > 0 && VKIND(r[0]) == VK_INT ? r[0].u.i : 0);
    res[1] = k > 1 ? r[1] : goro_nil();
    return 2;
}

static int do_copy(G *g, Value dst, Value src, int64_t size, int64_t limit, Value *res)
{
    if (limit < 0) {
        /* decided the same way when called again: the delegate owns g->nstate */
        int k = copy_fast(g, dst, src, res);
        if (k != -200)
            return k;
    }
    CopyState *st = g->nstate;
    if (!st) {
        int64_t n;
        if (limit < 0 && goro_io_limited_n(src, &n) && n < size)
            size = n < 1 ? 1 : n;
        st = goro_alloc(sizeof *st);
        st->n = limit;
        st->size = (size_t)size;
        st->buf = goro_alloc_atomic(st->size);
        st->limit = limit;
        st->rerr = goro_nil();
        g->nstate = st;
    }
    Value err = goro_nil();
    int r = copy_loop(g, st, dst, src, &err);
    if (r < 0)
        return finish(g, r);
    if (goro_rw_is_eof(err))
        err = goro_nil();
    res[0] = goro_rw_int64(st->written);
    res[1] = err;
    if (limit >= 0) {
        if (st->written == st->n)
            res[1] = goro_nil();
        else if (VKIND(res[1]) == VK_NIL)
            res[1] = eof();
    }
    return finish(g, 2);
}

static int io_copy(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 2)
        return goro_runtime_error(g, "not enough arguments in call to io.Copy");
    return do_copy(g, args[0], args[1], 32 * 1024, -1, res);
}

static int io_copybuffer(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 3)
        return goro_runtime_error(g, "not enough arguments in call to io.CopyBuffer");
    int64_t size = 32 * 1024;
    if (VKIND(args[2]) == VK_SLICE && args[2].u.p) {
        if (args[2].aux == 0)
            return goro_panic_str(g, "empty buffer in CopyBuffer");
        size = args[2].aux;
    }
    return do_copy(g, args[0], args[1], size, -1, res);
}

static int io_copyn(G *g, Value *args, int nargs, Value *res)
{
    int64_t n;
    if (nargs < 3 || !goro_arg_int(args, nargs, 2, &n))
        return goro_runtime_error(g, "io.CopyN: expects a writer, a reader and a count");
    if (n < 0)
        n = 0;
    return do_copy(g, args[0], args[1], 32 * 1024, n, res);
}

/* ------------------------------------------------------------- ReadAll */

typedef struct FillState {
    RwCall rc;
    char *buf;
    size_t len, cap;
    Value err;
} FillState;

static int io_readall(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1)
        return goro_runtime_error(g, "not enough arguments in call to io.ReadAll");
    FillState *st = g->nstate;
    if (!st) {
        st = goro_alloc(sizeof *st);
        st->cap = 512;
        st->buf = goro_alloc_atomic(st->cap);
        g->nstate = st;
    }
    for (;;) {
        if (st->len == st->cap && !st->rc.out) {
            size_t nc = st->cap < 256 ? st->cap * 2 : st->cap + st->cap / 4 + 192;
            char *nb = goro_alloc_atomic(nc);
            memcpy(nb, st->buf, st->len);
            st->buf = nb;
            st->cap = nc;
        }
        size_t n;
        Value err;
        int r = goro_rw_read(g, args[0], &st->rc, st->buf + st->len, st->cap - st->len, &n, &err);
        if (r < 0)
            return finish(g, r);
        st->len += n;
        if (VKIND(err) != VK_NIL) {
            res[0] = goro_rw_slice(st->buf, st->len);
            res[1] = goro_rw_is_eof(err) ? goro_nil() : err;
            return finish(g, 2);
        }
    }
}

/* ------------------------------------------------- ReadFull, ReadAtLeast */

static int read_at_least(G *g, Value r, Value buf, int64_t min, Value *res)
{
    if (VKIND(buf) != VK_SLICE && VKIND(buf) != VK_NIL)
        return goro_runtime_error(g, "io.ReadAtLeast: argument must be a []byte");
    size_t len = buf.aux;
    if ((int64_t)len < min) {
        res[0] = goro_int(0);
        res[1] = goro_io_err(IO_SHORT_BUFFER);
        return 2;
    }
    FillState *st = g->nstate;
    if (!st) {
        st = goro_alloc(sizeof *st);
        st->cap = len;
        st->buf = goro_alloc_atomic(len + 1);
        st->err = goro_nil();
        g->nstate = st;
    }
    while ((int64_t)st->len < min && VKIND(st->err) == VK_NIL) {
        size_t n;
        int k = goro_rw_read(g, r, &st->rc, st->buf + st->len, st->cap - st->len, &n, &st->err);
        if (k < 0)
            return finish(g, k);
        st->len += n;
    }
    goro_rw_fill(buf, st->buf, st->len);
    Value err = st->err;
    if ((int64_t)st->len >= min)
        err = goro_nil();
    else if (st->len > 0 && goro_rw_is_eof(err))
        err = goro_io_err(IO_UNEXPECTED_EOF);
    res[0] = goro_int((int64_t)st->len);
    res[1] = err;
    return finish(g, 2);
}

static int io_readfull(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 2)
        return goro_runtime_error(g, "not enough arguments in call to io.ReadFull");
    return read_at_least(g, args[0], args[1], args[1].aux, res);
}

static int io_readatleast(G *g, Value *args, int nargs, Value *res)
{
    int64_t min;
    if (nargs < 3 || !goro_arg_int(args, nargs, 2, &min))
        return goro_runtime_error(g, "io.ReadAtLeast: expects a reader, a buffer and a count");
    return read_at_least(g, args[0], args[1], min, res);
}

/* --------------------------------------------------------- WriteString */

static int io_writestring(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 2 || VKIND(args[1]) != VK_STRING)
        return goro_runtime_error(g, "io.WriteString: expects a writer and a string");
    Value w = args[0], s = args[1];
    Obj *o = goro_rw_obj(w);
    if ((!o || !o->cls->write) && goro_rw_has_method(w, "WriteString")) {
        Value r[2];
        int k = goro_rw_call_method(g, w, "WriteString", &s, 1, r, 2);
        if (k < 0)
            return k;
        res[0] = k > 0 ? r[0] : goro_int(0);
        res[1] = k > 1 ? r[1] : goro_nil();
        return 2;
    }
    RwCall *c = g->nstate;
    if (!c) {
        c = goro_alloc(sizeof *c);
        g->nstate = c;
    }
    size_t done;
    Value err;
    int r = goro_rw_write(g, w, c, s.u.s, s.aux, &done, &err);
    if (r < 0)
        return finish(g, r);
    res[0] = goro_int((int64_t)done);
    res[1] = err;
    return finish(g, 2);
}

void goro_io_copy_init(Package *p)
{
    goro_pkg_func(p, "Copy", io_copy);
    goro_pkg_func(p, "CopyBuffer", io_copybuffer);
    goro_pkg_func(p, "CopyN", io_copyn);
    goro_pkg_func(p, "ReadAll", io_readall);
    goro_pkg_func(p, "ReadFull", io_readfull);
    goro_pkg_func(p, "ReadAtLeast", io_readatleast);
    goro_pkg_func(p, "WriteString", io_writestring);
}
