/* io_pipe.c: io.Pipe, a synchronous in-memory pipe between goroutines
 * (Go's io/pipe.go), whose waits park goroutines, never threads.
 *
 * The problem.  A Write must block until readers have consumed all of
 * it (in one or several Reads); a Read blocks until a Write offers
 * bytes; either side's Close wakes everybody with the right error.  Go
 * does this with two unbuffered channels and a done channel; a native
 * here cannot sit in a select, it parks and is called again
 * (GORO_NATIVE_RETRY), so the state of a Write in progress must live in
 * the pipe, not on the C stack.
 *
 * The protocol.  Under [lock]: writers take [wrmu] (a semaphore of one
 * token, Go's wrMu) and the holder offers its remaining bytes
 * (posted), wakes the parked readers and parks.  A reader finding an
 * offer not yet taken copies what fits, records it (took, taken), wakes
 * the writer and returns; otherwise it parks.  The woken writer counts
 * what was taken and offers the rest, or returns when none is left (at
 * least one hand-over even for an empty Write, as Go's loop).  Close
 * marks the pipe done (once) and wakes every parked goroutine; each
 * then returns its close error.  The holder's buffer is its caller's,
 * the same memory when it is called again (rw.h's contract).
 *
 * Invariants, under [lock]: posted implies holder != NULL; a parked
 * writer is the holder; readers and writer are woken (the lists
 * emptied) before the lock is released by whoever changes the offer. */
#include <sched.h>
#include <string.h>

#include "errors_obj.h"
#include "io_errors.h"
#include "io_pkg.h"
#include "proc.h"
#include "rw.h"
#include "sema.h"
#include "vm.h"

typedef struct PWaiter {
    G *g;
    struct PWaiter *next;
} PWaiter;

typedef struct Pipe {
    Lock lock;
    Sema wrmu;
    G *holder;               /* the Write in progress */
    const char *wdata;
    size_t wlen, wn;         /* its length and how much readers took */
    bool posted, took;       /* bytes wdata[wn:] on offer; a reader took [taken] */
    size_t taken;
    PWaiter *readers;        /* parked readers */
    G *writer;               /* the holder, parked */
    bool done;
    Value rerr, werr;        /* the first close error of each side */
} Pipe;

typedef struct PipeEnd {
    Obj obj;
    Pipe *p;
} PipeEnd;

static ObjClass reader_class = {.name = "*io.PipeReader"};
static ObjClass writer_class = {.name = "*io.PipeWriter"};

/* Wake what [list] and [w] hold (called with the lock released). */
static void wake(PWaiter *list, G *w)
{
    for (; list; list = list->next)
        goro_sched_ready(list->g);
    if (w)
        goro_sched_ready(w);
}

/* Wait (lock held): park and return GORO_NATIVE_RETRY, or inside a
 * callback, where parking is impossible, give the thread away a moment
 * and return 0 (the caller tries again). */
static int wait(G *g, Pipe *p, bool as_writer)
{
    if (goro_vm_cannot_park(g)) {
        goro_unlock(&p->lock);
        goro_sched_poll_pause();
        return 0;
    }
    if (as_writer) {
        p->writer = g;
    } else {
        PWaiter *w = goro_alloc(sizeof *w);
        w->g = g;
        w->next = p->readers;
        p->readers = w;
    }
    atomic_store(&g->selectdone, 0);
    g->waiting = NULL;
    goro_sched_park_unlock(g, "select", &p->lock);
    return GORO_NATIVE_RETRY;
}

static Value read_close_error(Pipe *p)
{
    if (VKIND(p->rerr) == VK_NIL && VKIND(p->werr) != VK_NIL)
        return p->werr;
    return goro_io_err(IO_CLOSED_PIPE);
}

static Value write_close_error(Pipe *p)
{
    if (VKIND(p->werr) == VK_NIL && VKIND(p->rerr) != VK_NIL)
        return p->rerr;
    return goro_io_err(IO_CLOSED_PIPE);
}

static int pipe_read(G *g, Obj *o, char *buf, size_t n, size_t *done, Value *err)
{
    Pipe *p = ((PipeEnd *)o)->p;
    *done = 0;
    *err = goro_nil();
    for (;;) {
        goro_lock(&p->lock);
        if (p->done) {
            *err = read_close_error(p);
            goro_unlock(&p->lock);
            return 0;
        }
        if (p->posted && !p->took) {
            size_t k = p->wlen - p->wn;
            if (k > n)
                k = n;
            memcpy(buf, p->wdata + p->wn, k);
            p->taken = k;
            p->took = true;
            G *w = p->writer;
            p->writer = NULL;
            goro_unlock(&p->lock);
            wake(NULL, w);
            *done = k;
            return 0;
        }
        int r = wait(g, p, false);
        if (r)
            return r;
    }
}

static int pipe_write(G *g, Obj *o, const char *buf, size_t n, size_t *done, Value *err)
{
    Pipe *p = ((PipeEnd *)o)->p;
    *done = 0;
    *err = goro_nil();
    goro_lock(&p->lock);
    if (p->holder != g) {
        bool closed = p->done;
        goro_unlock(&p->lock);
        if (closed) {
            *err = write_close_error(p);
            return 0;
        }
        if (goro_sema_acquire(g, &p->wrmu, "sync.Mutex.Lock") == SEMA_PARKED)
            return GORO_NATIVE_RETRY;
        goro_lock(&p->lock);
        p->holder = g;
        p->wdata = buf;
        p->wlen = n;
        p->wn = 0;
        p->posted = p->took = false;
    }
    for (;;) {
        if (p->took) {
            p->wn += p->taken;
            p->took = p->posted = false;
            if (p->wn >= p->wlen)
                break;
        }
        if (p->done) {
            p->posted = false;
            *err = write_close_error(p);
            break;
        }
        if (!p->posted) {
            p->posted = true;
            PWaiter *rs = p->readers;
            p->readers = NULL;
            goro_unlock(&p->lock);
            wake(rs, NULL);
            goro_lock(&p->lock);
            continue;
        }
        int r = wait(g, p, true);
        if (r)
            return r;
        goro_lock(&p->lock);
    }
    *done = p->wn;
    p->holder = NULL;
    goro_unlock(&p->lock);
    goro_sema_release(&p->wrmu);
    return 0;
}

/* Close one side with [e] (the first error a side stores stays). */
static void pipe_close(Pipe *p, bool reader, Value e)
{
    goro_lock(&p->lock);
    if (reader && VKIND(p->rerr) == VK_NIL)
        p->rerr = VKIND(e) == VK_NIL ? goro_io_err(IO_CLOSED_PIPE) : e;
    if (!reader && VKIND(p->werr) == VK_NIL)
        p->werr = VKIND(e) == VK_NIL ? goro_io_err(IO_EOF) : e;
    PWaiter *rs = NULL;
    G *w = NULL;
    if (!p->done) {
        p->done = true;
        rs = p->readers;
        w = p->writer;
        p->readers = NULL;
        p->writer = NULL;
    }
    goro_unlock(&p->lock);
    wake(rs, w);
}

static PipeEnd *as_end(Value v, ObjClass *cls)
{
    return (PipeEnd *)goro_rw_obj_of(v, cls);
}

static int close_side(G *g, Value *args, int nargs, Value *res, bool reader, bool with_err)
{
    PipeEnd *e = nargs ? as_end(args[0], reader ? &reader_class : &writer_class) : NULL;
    if (!e || !e->p)
        return goro_nil_deref(g);
    pipe_close(e->p, reader, with_err && nargs > 1 ? args[1] : goro_nil());
    res[0] = goro_nil();
    return 1;
}

static int pr_close(G *g, Value *a, int n, Value *r) { return close_side(g, a, n, r, true, false); }
static int pr_closeerr(G *g, Value *a, int n, Value *r) { return close_side(g, a, n, r, true, true); }
static int pw_close(G *g, Value *a, int n, Value *r) { return close_side(g, a, n, r, false, false); }
static int pw_closeerr(G *g, Value *a, int n, Value *r) { return close_side(g, a, n, r, false, true); }

static int io_pipe(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g); GORO_UNUSED(args); GORO_UNUSED(nargs);
    Pipe *p = goro_alloc(sizeof *p);
    goro_sema_init(&p->wrmu, 1);
    p->rerr = p->werr = goro_nil();
    PipeEnd *r = goro_alloc(sizeof *r), *w = goro_alloc(sizeof *w);
    r->obj.cls = &reader_class;
    w->obj.cls = &writer_class;
    r->p = w->p = p;
    res[0] = goro_obj_value(&r->obj);
    res[1] = goro_obj_value(&w->obj);
    return 2;
}

void goro_io_pipe_init(Package *p)
{
    reader_class.read = pipe_read;
    writer_class.write = pipe_write;
    Type *rt = goro_pkg_obj_type(p, "io", "PipeReader", &reader_class, NULL);
    goro_pkg_method(rt, "Read", goro_rw_method_read);
    goro_pkg_method(rt, "Close", pr_close);
    goro_pkg_method(rt, "CloseWithError", pr_closeerr);
    Type *wt = goro_pkg_obj_type(p, "io", "PipeWriter", &writer_class, NULL);
    goro_pkg_method(wt, "Write", goro_rw_method_write);
    goro_pkg_method(wt, "Close", pw_close);
    goro_pkg_method(wt, "CloseWithError", pw_closeerr);
    goro_pkg_func(p, "Pipe", io_pipe);
}
