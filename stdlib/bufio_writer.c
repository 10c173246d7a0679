/* bufio_writer.c: bufio.Writer and bufio.ReadWriter (Go 1.19's
 * bufio/bufio.go writing half): a C byte buffer in front of any
 * io.Writer, with ObjClass.write so fmt.Fprintf and io.Copy write into
 * it directly.
 *
 * Flush may park in the wrapped Write (a connection, a goro Writer on a
 * channel).  Flush writes buf[0:n] in one Write; called again it makes
 * the same Write (same bytes, same RwCall) and gets its result.  A
 * Write that flushes part-way records how much of its argument it has
 * taken ([wnn]) and what it was doing ([wphase]), so called again with
 * the same argument it continues where it stopped. */
#include <string.h>

#include "bufio_pkg.h"
#include "errors_obj.h"
#include "io_errors.h"
#include "io_pkg.h"
#include "rw.h"
#include "utf8.h"
#include "vm.h"

enum { DEFAULT_SIZE = 4096, MAX_EMPTY = 100 };
enum { W_IDLE, W_LOOP, W_DIRECT, W_FLUSH };

typedef struct BWriter {
    Obj obj;
    char *buf;
    size_t size, n;
    Value wr;
    Value err;
    RwCall rc, rrc;
    int wphase;         /* W_*: the Write in progress */
    size_t wnn;         /* how much of its argument it has taken */
    bool rbusy;         /* WriteRune/WriteByte flushing first */
    /* ReadFrom */
    bool rf_busy, rf_reading, rf_final;
    int64_t rf_n;
    int rf_empty;
} BWriter;

static ObjClass writer_class = {.name = "*bufio.Writer"};

Type *goro_bufio_writer_type(void) { return writer_class.type; }

static BWriter *as_writer(Value v)
{
    return (BWriter *)goro_rw_obj_of(v, &writer_class);
}

static void reset(BWriter *b, size_t size, Value w)
{
    if (!b->buf || b->size != size) {
        b->buf = goro_alloc_atomic(size);
        b->size = size;
    }
    b->n = 0;
    b->wr = w;
    b->err = goro_nil();
    b->rc.out = b->rrc.out = false;
    b->wphase = W_IDLE;
    b->rbusy = b->rf_busy = false;
}

#define NEED_WRITER(b)                                                                    \
    BWriter *b = nargs ? as_writer(args[0]) : NULL;                                       \
    do {                                                                                  \
        if (!b)                                                                           \
            return goro_nil_deref(g); \
        if (!b->buf)                                                                      \
            reset(b, DEFAULT_SIZE, goro_nil());                                           \
    } while (0)

static bool has_err(BWriter *b) { return VKIND(b->err) != VK_NIL; }

static int flush(G *g, BWriter *b)
{
    if (has_err(b) || b->n == 0)
        return 0;
    if (VKIND(b->wr) == VK_NIL)
        return goro_nil_deref(g);
    size_t n;
    Value err;
    int k = goro_rw_write(g, b->wr, &b->rc, b->buf, b->n, &n, &err);
    if (k < 0)
        return k;
    if (n < b->n && VKIND(err) == VK_NIL)
        err = goro_io_err(IO_SHORT_WRITE);
    if (VKIND(err) != VK_NIL) {
        if (n > 0 && n < b->n)
            memmove(b->buf, b->buf + n, b->n - n);
        b->n -= n;
        b->err = err;
        return 0;
    }
    b->n = 0;
    return 0;
}

/* Write [p] (the same bytes when called again after parking). */
static int bw_write(G *g, BWriter *b, const char *p, size_t len, size_t *nn, Value *err)
{
    if (b->wphase == W_IDLE) {
        b->wphase = W_LOOP;
        b->wnn = 0;
    }
    for (;;) {
        const char *q = p + b->wnn;
        size_t rest = len - b->wnn;
        if (b->wphase == W_DIRECT) {
            size_t n;
            Value e;
            int k = goro_rw_write(g, b->wr, &b->rc, q, rest, &n, &e);
            if (k == GORO_NATIVE_CALL || k == GORO_NATIVE_RETRY)
                return k;
            if (k < 0) {
                b->wphase = W_IDLE;
                return k;
            }
            b->err = e;
            b->wnn += n;
            b->wphase = W_LOOP;
            continue;
        }
        if (b->wphase == W_FLUSH) {
            int k = flush(g, b);
            if (k == GORO_NATIVE_CALL || k == GORO_NATIVE_RETRY)
                return k;
            if (k < 0) {
                b->wphase = W_IDLE;
                return k;
            }
            b->wphase = W_LOOP;
            continue;
        }
        if (rest > b->size - b->n && !has_err(b)) {
            if (b->n == 0) {
                if (VKIND(b->wr) == VK_NIL) {
                    b->wphase = W_IDLE;
                    return goro_nil_deref(g);
                }
                b->wphase = W_DIRECT;
            } else {
                size_t k = b->size - b->n;
                memcpy(b->buf + b->n, q, k);
                b->n += k;
                b->wnn += k;
                b->wphase = W_FLUSH;
            }
            continue;
        }
        b->wphase = W_IDLE;
        if (has_err(b)) {
            *nn = b->wnn;
            *err = b->err;
            return 0;
        }
        memcpy(b->buf + b->n, q, rest);
        b->n += rest;
        *nn = len;
        *err = goro_nil();
        return 0;
    }
}

static int cls_write(G *g, Obj *o, const char *buf, size_t n, size_t *done, Value *err)
{
    BWriter *b = (BWriter *)o;
    if (!b->buf)
        reset(b, DEFAULT_SIZE, goro_nil());
    return bw_write(g, b, buf, n, done, err);
}

static int bw_flush(G *g, Value *args, int nargs, Value *res)
{
    NEED_WRITER(b);
    int k = flush(g, b);
    if (k < 0)
        return k;
    res[0] = b->err;
    return 1;
}

static int bw_writebyte(G *g, Value *args, int nargs, Value *res)
{
    NEED_WRITER(b);
    if (nargs < 2 || VKIND(args[1]) != VK_INT)
        return goro_runtime_error(g, "bufio.Writer.WriteByte: argument must be a byte");
    if (has_err(b)) {
        res[0] = b->err;
        return 1;
    }
    if (b->n >= b->size) {
        int k = flush(g, b);
        if (k < 0)
            return k;
        if (has_err(b)) {
            res[0] = b->err;
            return 1;
        }
    }
    b->buf[b->n++] = (char)args[1].u.i;
    res[0] = goro_nil();
    return 1;
}

static int bw_writerune(G *g, Value *args, int nargs, Value *res)
{
    NEED_WRITER(b);
    if (nargs < 2 || VKIND(args[1]) != VK_INT)
        return goro_runtime_error(g, "bufio.Writer.WriteRune: argument must be a rune");
    int32_t r = (int32_t)args[1].u.i;
    char enc[4];
    int size = goro_utf8_encode(r, enc);
    if ((uint32_t)r < 0x80) {
        Value e;
        int k = bw_writebyte(g, args, nargs, &e);
        if (k < 0)
            return k;
        res[0] = goro_int(VKIND(e) == VK_NIL ? 1 : 0);
        res[1] = e;
        return 2;
    }
    if (b->wphase != W_IDLE)
        goto write_string;   /* called again inside the WriteString below */
    if (has_err(b)) {
        res[0] = goro_int(0);
        res[1] = b->err;
        return 2;
    }
    if (b->size - b->n < 4) {
        int k = flush(g, b);
        if (k < 0)
            return k;
        if (has_err(b)) {
            res[0] = goro_int(0);
            res[1] = b->err;
            return 2;
        }
        if (b->size - b->n < 4)
            goto write_string;
    }
    memcpy(b->buf + b->n, enc, (size_t)size);
    b->n += (size_t)size;
    res[0] = goro_int(size);
    res[1] = goro_nil();
    return 2;
write_string:;
    size_t nn;
    int k = bw_write(g, b, enc, (size_t)size, &nn, &res[1]);
    if (k < 0)
        return k;
    res[0] = goro_int((int64_t)nn);
    return 2;
}

static int bw_buffered(G *g, Value *args, int nargs, Value *res)
{
    NEED_WRITER(b);
    res[0] = goro_int((int64_t)b->n);
    return 1;
}

static int bw_available(G *g, Value *args, int nargs, Value *res)
{
    NEED_WRITER(b);
    res[0] = goro_int((int64_t)(b->size - b->n));
    return 1;
}

static int bw_size(G *g, Value *args, int nargs, Value *res)
{
    NEED_WRITER(b);
    res[0] = goro_int((int64_t)b->size);
    return 1;
}

static int bw_reset(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    NEED_WRITER(b);
    if (nargs < 2)
        return goro_runtime_error(g, "not enough arguments in call to bufio.Writer.Reset");
    reset(b, b->size, args[1]);
    return 0;
}

/* ReadFrom: read [r] into the buffer, flushing it when full. */
static int bw_readfrom(G *g, Value *args, int nargs, Value *res)
{
    NEED_WRITER(b);
    if (nargs < 2)
        return goro_runtime_error(g, "not enough arguments in call to bufio.Writer.ReadFrom");
    if (!b->rf_busy) {
        if (has_err(b)) {
            res[0] = goro_rw_int64(0);
            res[1] = b->err;
            return 2;
        }
        b->rf_busy = true;
        b->rf_reading = b->rf_final = false;
        b->rf_n = 0;
    }
    Value err = goro_nil();
    if (b->rf_final)
        goto final;
    for (;;) {
        if (!b->rf_reading) {
            if (b->n == b->size) {
                int k = flush(g, b);
                if (k == GORO_NATIVE_CALL || k == GORO_NATIVE_RETRY)
                    return k;
                if (k < 0 || has_err(b)) {
                    b->rf_busy = false;
                    if (k < 0)
                        return k;
                    res[0] = goro_rw_int64(b->rf_n);
                    res[1] = b->err;
                    return 2;
                }
            }
            if (b->n == 0 && goro_rw_has_method(b->wr, "ReadFrom")) {
                /* an empty buffer: the writer's own ReadFrom, as Go */
                Value r[2];
                int k = goro_rw_call_method(g, b->wr, "ReadFrom", &args[1], 1, r, 2);
                if (k == GORO_NATIVE_CALL || k == GORO_NATIVE_RETRY)
                    return k;
                b->rf_busy = false;
                if (k < 0)
                    return k;
                int64_t m = k > 0 && VKIND(r[0]) == VK_INT ? r[0].u.i : 0;
                b->err = k > 1 ? r[1] : goro_nil();
                res[0] = goro_rw_int64(b->rf_n + m);
                res[1] = b->err;
                return 2;
            }
            b->rf_reading = true;
            b->rf_empty = 0;
        }
        size_t m;
        int k = goro_rw_read(g, args[1], &b->rrc, b->buf + b->n, b->size - b->n, &m, &err);
        if (k == GORO_NATIVE_CALL || k == GORO_NATIVE_RETRY)
            return k;
        if (k < 0) {
            b->rf_busy = false;
            return k;
        }
        if (m == 0 && VKIND(err) == VK_NIL) {
            if (++b->rf_empty < MAX_EMPTY)
                continue;
            b->rf_busy = false;
            res[0] = goro_rw_int64(b->rf_n);
            res[1] = goro_io_err(IO_NO_PROGRESS);
            return 2;
        }
        b->rf_reading = false;
        b->n += m;
        b->rf_n += (int64_t)m;
        if (VKIND(err) != VK_NIL)
            break;
    }
    if (goro_rw_is_eof(err)) {
        if (b->n == b->size) {
            b->rf_final = true;   /* the buffer is exactly full: flush it now */
        final:;
            int k = flush(g, b);
            if (k == GORO_NATIVE_CALL || k == GORO_NATIVE_RETRY)
                return k;
            b->rf_busy = false;
            if (k < 0)
                return k;
            err = b->err;
        } else {
            err = goro_nil();
        }
    }
    b->rf_busy = false;
    res[0] = goro_rw_int64(b->rf_n);
    res[1] = err;
    return 2;
}

static Obj *writer_zero(void)
{
    BWriter *b = goro_alloc(sizeof *b);
    b->obj.cls = &writer_class;
    b->wr = b->err = goro_nil();
    return &b->obj;
}

static int new_writer(Value w, int64_t size, Value *res)
{
    BWriter *old = as_writer(w);
    if (old && (int64_t)old->size >= size) {
        res[0] = goro_obj_value(&old->obj);
        return 1;
    }
    if (size <= 0)
        size = DEFAULT_SIZE;
    BWriter *b = (BWriter *)writer_zero();
    reset(b, (size_t)size, w);
    res[0] = goro_obj_value(&b->obj);
    return 1;
}

static int bufio_newwriter(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1)
        return goro_runtime_error(g, "not enough arguments in call to bufio.NewWriter");
    return new_writer(args[0], DEFAULT_SIZE, res);
}

static int bufio_newwritersize(G *g, Value *args, int nargs, Value *res)
{
    int64_t size;
    if (nargs < 2 || !goro_arg_int(args, nargs, 1, &size))
        return goro_runtime_error(g, "bufio.NewWriterSize: expects a writer and a size");
    return new_writer(args[0], size, res);
}

/* ------------------------------------------------------------ ReadWriter */

static Type *rw_type;

static int bufio_newreadwriter(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 2)
        return goro_runtime_error(g, "not enough arguments in call to bufio.NewReadWriter");
    Value sv = goro_type_zero(rw_type);
    ((Struct *)sv.u.p)->f[0] = args[0];
    ((Struct *)sv.u.p)->f[1] = args[1];
    Value *cell = goro_alloc(sizeof *cell);
    *cell = sv;
    res[0] = goro_ptrval(TT(VK_PTR, goro_type_ptr(rw_type)->id), cell);
    return 1;
}

void goro_bufio_writer_init(Package *p)
{
    writer_class.write = cls_write;
    Type *t = goro_pkg_obj_type(p, "bufio", "Writer", &writer_class, writer_zero);
    goro_pkg_method(t, "Write", goro_rw_method_write);
    goro_pkg_method(t, "WriteString", goro_rw_method_write_string);
    goro_pkg_method(t, "WriteByte", bw_writebyte);
    goro_pkg_method(t, "WriteRune", bw_writerune);
    goro_pkg_method(t, "Flush", bw_flush);
    goro_pkg_method(t, "Buffered", bw_buffered);
    goro_pkg_method(t, "Available", bw_available);
    goro_pkg_method(t, "Size", bw_size);
    goro_pkg_method(t, "Reset", bw_reset);
    goro_pkg_method(t, "ReadFrom", bw_readfrom);
    goro_pkg_func(p, "NewWriter", bufio_newwriter);
    goro_pkg_func(p, "NewWriterSize", bufio_newwritersize);

    const char **names = goro_alloc(2 * sizeof *names);
    Type **types = goro_alloc(2 * sizeof *types);
    bool *emb = goro_alloc(2 * sizeof *emb);
    names[0] = goro_intern_cstr("Reader");
    names[1] = goro_intern_cstr("Writer");
    types[0] = goro_bufio_reader_type();
    types[1] = t;
    emb[0] = emb[1] = true;
    rw_type = goro_type_named("bufio", "ReadWriter", goro_type_struct(2, names, types, emb));
    goro_pkg_type(p, "ReadWriter", rw_type);
    goro_pkg_func(p, "NewReadWriter", bufio_newreadwriter);
}
