/* bufio_reader.c: bufio.Reader (Go 1.19's bufio/bufio.go reading half):
 * a C byte buffer over any io.Reader, with ObjClass.read so other
 * natives read it directly.
 *
 * Every method that fills the buffer may park in the wrapped Read.
 * fill() keeps the read in flight in the Reader ([filling], the RwCall),
 * and each method is written so that, called again from the top, it
 * arrives at the same fill: what a method accumulates across fills
 * (ReadBytes' full buffers, Discard's remainder, WriteTo's count) is in
 * the Reader too. */
#include <string.h>

#include "bufio_pkg.h"
#include "errors_obj.h"
#include "format.h"
#include "io_errors.h"
#include "io_pkg.h"
#include "rw.h"
#include "utf8.h"
#include "vm.h"

enum { DEFAULT_SIZE = 4096, MIN_SIZE = 16, MAX_EMPTY = 100 };

typedef struct BReader {
    Obj obj;
    char *buf;
    size_t size, r, w;
    Value rd;
    Value err;
    int last_byte, last_rune_size;
    RwCall rc, wc;
    bool filling;
    int fill_left;
    /* ReadBytes/ReadString: the full buffers collected so far */
    bool collecting;
    Buf frags;
    /* Discard */
    bool discarding;
    int64_t remain;
    /* WriteTo */
    int wt_phase;       /* 0 idle, 1 writing the buffer, 2 filling */
    int64_t wt_n;
} BReader;

static ObjClass reader_class = {.name = "*bufio.Reader"};

Type *goro_bufio_reader_type(void) { return reader_class.type; }

static BReader *as_reader(Value v)
{
    return (BReader *)goro_rw_obj_of(v, &reader_class);
}

#define NEED_READER(b)                                                                    \
    BReader *b = nargs ? as_reader(args[0]) : NULL;                                       \
    do {                                                                                  \
        if (!b)                                                                           \
            return goro_nil_deref(g); \
        if (!b->buf)                                                                      \
            reset(b, DEFAULT_SIZE, goro_nil());                                           \
    } while (0)

static void reset(BReader *b, size_t size, Value rd)
{
    if (!b->buf || b->size != size) {
        b->buf = goro_alloc_atomic(size);
        b->size = size;
    }
    b->r = b->w = 0;
    b->rd = rd;
    b->err = goro_nil();
    b->last_byte = b->last_rune_size = -1;
    b->rc.out = b->wc.out = false;
    b->filling = b->collecting = b->discarding = false;
    b->wt_phase = 0;
}

static Value read_err(BReader *b)
{
    Value e = b->err;
    b->err = goro_nil();
    return e;
}

static bool has_err(BReader *b) { return VKIND(b->err) != VK_NIL; }

/* Read a new chunk into the buffer: 0, or a code to return. */
static int fill(G *g, BReader *b)
{
    if (!b->filling) {
        if (b->r > 0) {
            memmove(b->buf, b->buf + b->r, b->w - b->r);
            b->w -= b->r;
            b->r = 0;
        }
        if (b->w >= b->size)
            return goro_panic_str(g, "bufio: tried to fill full buffer");
        b->filling = true;
        b->fill_left = MAX_EMPTY;
    }
    if (VKIND(b->rd) == VK_NIL) {
        b->filling = false;
        return goro_nil_deref(g);
    }
    while (b->fill_left > 0) {
        size_t n;
        Value err;
        int k = goro_rw_read(g, b->rd, &b->rc, b->buf + b->w, b->size - b->w, &n, &err);
        if (k == GORO_NATIVE_CALL || k == GORO_NATIVE_RETRY)
            return k;
        if (k < 0) {
            b->filling = false;
            return k;
        }
        b->w += n;
        if (VKIND(err) != VK_NIL) {
            b->err = err;
            b->filling = false;
            return 0;
        }
        if (n > 0) {
            b->filling = false;
            return 0;
        }
        b->fill_left--;
    }
    b->filling = false;
    b->err = goro_io_err(IO_NO_PROGRESS);
    return 0;
}

/* ---------------------------------------------------------------- Read */

static int br_read_c(G *g, BReader *b, char *p, size_t n, size_t *done, Value *err)
{
    *done = 0;
    *err = goro_nil();
    if (n == 0) {
        if (b->w > b->r)
            return 0;
        *err = read_err(b);
        return 0;
    }
    if (b->r == b->w) {
        if (has_err(b)) {
            *err = read_err(b);
            return 0;
        }
        if (n >= b->size) {
            /* large read, empty buffer: straight into p */
            Value e;
            int k = goro_rw_read(g, b->rd, &b->rc, p, n, done, &e);
            if (k < 0)
                return k;
            b->err = e;
            if (*done > 0) {
                b->last_byte = (unsigned char)p[*done - 1];
                b->last_rune_size = -1;
            }
            *err = read_err(b);
            return 0;
        }
        b->r = b->w = 0;
        Value e;
        size_t got;
        int k = goro_rw_read(g, b->rd, &b->rc, b->buf, b->size, &got, &e);
        if (k < 0)
            return k;
        b->err = e;
        if (got == 0) {
            *err = read_err(b);
            return 0;
        }
        b->w += got;
    }
    size_t k = b->w - b->r;
    if (k > n)
        k = n;
    memcpy(p, b->buf + b->r, k);
    b->r += k;
    b->last_byte = (unsigned char)b->buf[b->r - 1];
    b->last_rune_size = -1;
    *done = k;
    return 0;
}

static int cls_read(G *g, Obj *o, char *buf, size_t n, size_t *done, Value *err)
{
    BReader *b = (BReader *)o;
    if (!b->buf)
        reset(b, DEFAULT_SIZE, goro_nil());
    return br_read_c(g, b, buf, n, done, err);
}

static int br_readbyte(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(b);
    b->last_rune_size = -1;
    while (b->r == b->w) {
        if (has_err(b)) {
            res[0] = goro_byte(0);
            res[1] = read_err(b);
            return 2;
        }
        int k = fill(g, b);
        if (k < 0)
            return k;
    }
    unsigned char c = (unsigned char)b->buf[b->r++];
    b->last_byte = c;
    res[0] = goro_byte(c);
    res[1] = goro_nil();
    return 2;
}

static int br_unreadbyte(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(b);
    if (b->last_byte < 0 || (b->r == 0 && b->w > 0)) {
        res[0] = goro_bufio_err(BUFIO_INVALID_UNREAD_BYTE);
        return 1;
    }
    if (b->r > 0)
        b->r--;
    else
        b->w = 1;
    b->buf[b->r] = (char)b->last_byte;
    b->last_byte = b->last_rune_size = -1;
    res[0] = goro_nil();
    return 1;
}

static int br_readrune(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(b);
    while (b->r + 4 > b->w && !goro_bufio_full_rune((unsigned char *)b->buf + b->r, b->w - b->r) &&
           !has_err(b) && b->w - b->r < b->size) {
        int k = fill(g, b);
        if (k < 0)
            return k;
    }
    b->last_rune_size = -1;
    if (b->r == b->w) {
        res[0] = goro_rune(0);
        res[1] = goro_int(0);
        res[2] = read_err(b);
        return 3;
    }
    int32_t r = (unsigned char)b->buf[b->r];
    int size = 1;
    if (r >= 0x80)
        size = goro_utf8_decode((unsigned char *)b->buf + b->r, (int64_t)(b->w - b->r), &r);
    b->r += (size_t)size;
    b->last_byte = (unsigned char)b->buf[b->r - 1];
    b->last_rune_size = size;
    res[0] = goro_rune(r);
    res[1] = goro_int(size);
    res[2] = goro_nil();
    return 3;
}

static int br_unreadrune(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(b);
    if (b->last_rune_size < 0 || b->r < (size_t)b->last_rune_size) {
        res[0] = goro_bufio_err(BUFIO_INVALID_UNREAD_RUNE);
        return 1;
    }
    b->r -= (size_t)b->last_rune_size;
    b->last_byte = b->last_rune_size = -1;
    res[0] = goro_nil();
    return 1;
}

/* ------------------------------------------------------ delimited reads */

/* ReadSlice: the line is buf[*off, *off+*len) of the buffer. */
static int read_slice(G *g, BReader *b, int delim, size_t *off, size_t *len, Value *err)
{
    *err = goro_nil();
    for (;;) {
        const char *hit = memchr(b->buf + b->r, delim, b->w - b->r);
        if (hit) {
            size_t i = (size_t)(hit - (b->buf + b->r));
            *off = b->r;
            *len = i + 1;
            b->r += i + 1;
            break;
        }
        if (has_err(b)) {
            *off = b->r;
            *len = b->w - b->r;
            b->r = b->w;
            *err = read_err(b);
            break;
        }
        if (b->w - b->r >= b->size) {
            *off = b->r;
            *len = b->w - b->r;
            b->r = b->w;
            *err = goro_bufio_err(BUFIO_BUFFER_FULL);
            break;
        }
        int k = fill(g, b);
        if (k < 0)
            return k;
    }
    if (*len > 0) {
        b->last_byte = (unsigned char)b->buf[*off + *len - 1];
        b->last_rune_size = -1;
    }
    return 0;
}

static bool delim_arg(Value *args, int nargs, int *delim)
{
    if (nargs < 2 || VKIND(args[1]) != VK_INT)
        return false;
    *delim = (int)(args[1].u.i & 0xff);
    return true;
}

static int br_readslice(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(b);
    int delim;
    if (!delim_arg(args, nargs, &delim))
        return goro_runtime_error(g, "bufio.Reader.ReadSlice: argument must be a byte");
    size_t off, len;
    int k = read_slice(g, b, delim, &off, &len, &res[1]);
    if (k < 0)
        return k;
    res[0] = goro_rw_slice(b->buf + off, len);
    return 2;
}

/* ReadBytes and ReadString: the whole line, collecting full buffers. */
static int collect(G *g, BReader *b, int delim, Buf *out, Value *err)
{
    if (!b->collecting) {
        b->collecting = true;
        b->frags = (Buf){0};
    }
    for (;;) {
        size_t off, len;
        int k = read_slice(g, b, delim, &off, &len, err);
        if (k == GORO_NATIVE_CALL || k == GORO_NATIVE_RETRY)
            return k;
        if (k < 0) {
            b->collecting = false;
            return k;
        }
        goro_buf_put(&b->frags, b->buf + off, len);
        if (VKIND(*err) == VK_NIL || err->u.p != goro_bufio_err(BUFIO_BUFFER_FULL).u.p)
            break;
    }
    b->collecting = false;
    *out = b->frags;
    b->frags = (Buf){0};
    return 0;
}

static int br_readbytes(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(b);
    int delim;
    if (!delim_arg(args, nargs, &delim))
        return goro_runtime_error(g, "bufio.Reader.ReadBytes: argument must be a byte");
    Buf out;
    int k = collect(g, b, delim, &out, &res[1]);
    if (k < 0)
        return k;
    res[0] = goro_rw_slice(out.s ? out.s : "", out.n);
    return 2;
}

static int br_readstring(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(b);
    int delim;
    if (!delim_arg(args, nargs, &delim))
        return goro_runtime_error(g, "bufio.Reader.ReadString: argument must be a byte");
    Buf out;
    int k = collect(g, b, delim, &out, &res[1]);
    if (k < 0)
        return k;
    res[0] = goro_str(out.s ? out.s : "", (int64_t)out.n);
    return 2;
}

static int br_readline(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(b);
    size_t off, len;
    Value err;
    int k = read_slice(g, b, '\n', &off, &len, &err);
    if (k < 0)
        return k;
    res[1] = goro_bool(false);
    res[2] = goro_nil();
    if (VKIND(err) != VK_NIL && err.u.p == goro_bufio_err(BUFIO_BUFFER_FULL).u.p) {
        if (len > 0 && b->buf[off + len - 1] == '\r') {
            if (b->r == 0)
                return goro_panic_str(g, "bufio: tried to rewind past start of buffer");
            b->r--;
            len--;
        }
        res[0] = goro_rw_slice(b->buf + off, len);
        res[1] = goro_bool(true);
        return 3;
    }
    if (len == 0) {
        res[0] = VKIND(err) != VK_NIL ? goro_rw_nil_slice() : goro_rw_slice("", 0);
        res[2] = err;
        return 3;
    }
    if (b->buf[off + len - 1] == '\n') {
        size_t drop = len > 1 && b->buf[off + len - 2] == '\r' ? 2 : 1;
        len -= drop;
    }
    res[0] = goro_rw_slice(b->buf + off, len);
    return 3;
}

/* ------------------------------------------------------- Peek, Discard */

static int br_peek(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(b);
    int64_t n;
    if (!goro_arg_int(args, nargs, 1, &n))
        return goro_runtime_error(g, "bufio.Reader.Peek: argument must be an int");
    if (n < 0) {
        res[0] = goro_rw_nil_slice();
        res[1] = goro_bufio_err(BUFIO_NEGATIVE_COUNT);
        return 2;
    }
    b->last_byte = b->last_rune_size = -1;
    while ((int64_t)(b->w - b->r) < n && b->w - b->r < b->size && !has_err(b)) {
        int k = fill(g, b);
        if (k < 0)
            return k;
    }
    if (n > (int64_t)b->size) {
        res[0] = goro_rw_slice(b->buf + b->r, b->w - b->r);
        res[1] = goro_bufio_err(BUFIO_BUFFER_FULL);
        return 2;
    }
    Value err = goro_nil();
    if ((int64_t)(b->w - b->r) < n) {
        n = (int64_t)(b->w - b->r);
        err = read_err(b);
        if (VKIND(err) == VK_NIL)
            err = goro_bufio_err(BUFIO_BUFFER_FULL);
    }
    res[0] = goro_rw_slice(b->buf + b->r, (size_t)n);
    res[1] = err;
    return 2;
}

static int br_discard(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(b);
    int64_t n;
    if (!goro_arg_int(args, nargs, 1, &n))
        return goro_runtime_error(g, "bufio.Reader.Discard: argument must be an int");
    res[1] = goro_nil();
    if (n < 0) {
        res[0] = goro_int(0);
        res[1] = goro_bufio_err(BUFIO_NEGATIVE_COUNT);
        return 2;
    }
    res[0] = goro_int(0);
    if (n == 0)
        return 2;
    b->last_byte = b->last_rune_size = -1;
    if (!b->discarding) {
        b->discarding = true;
        b->remain = n;
    }
    for (;;) {
        size_t skip = b->w - b->r;
        if (skip == 0) {
            int k = fill(g, b);
            if (k == GORO_NATIVE_CALL || k == GORO_NATIVE_RETRY)
                return k;
            if (k < 0) {
                b->discarding = false;
                return k;
            }
            skip = b->w - b->r;
        }
        if ((int64_t)skip > b->remain)
            skip = (size_t)b->remain;
        b->r += skip;
        b->remain -= (int64_t)skip;
        if (b->remain == 0) {
            b->discarding = false;
            res[0] = goro_int(n);
            return 2;
        }
        if (has_err(b)) {
            b->discarding = false;
            res[0] = goro_int(n - b->remain);
            res[1] = read_err(b);
            return 2;
        }
    }
}

/* ------------------------------------------------------------- WriteTo */

static int br_writeto(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(b);
    if (nargs < 2)
        return goro_runtime_error(g, "not enough arguments in call to bufio.Reader.WriteTo");
    Value w = args[1];
    b->last_byte = b->last_rune_size = -1;
    if (b->wt_phase == 0) {
        b->wt_phase = 1;
        b->wt_n = 0;
    }
    for (;;) {
        if (b->wt_phase == 1 && b->r < b->w) {
            size_t n;
            Value err;
            int k = goro_rw_write(g, w, &b->wc, b->buf + b->r, b->w - b->r, &n, &err);
            if (k == GORO_NATIVE_CALL || k == GORO_NATIVE_RETRY)
                return k;
            if (k < 0) {
                b->wt_phase = 0;
                return k;
            }
            b->r += n;
            b->wt_n += (int64_t)n;
            if (VKIND(err) != VK_NIL) {
                b->wt_phase = 0;
                res[0] = goro_rw_int64(b->wt_n);
                res[1] = err;
                return 2;
            }
        }
        if (b->r < b->w) {
            /* a short write without an error */
            b->wt_phase = 0;
            res[0] = goro_rw_int64(b->wt_n);
            res[1] = goro_io_err(IO_SHORT_WRITE);
            return 2;
        }
        if (has_err(b))
            break;
        b->wt_phase = 2;
        int k = fill(g, b);
        if (k == GORO_NATIVE_CALL || k == GORO_NATIVE_RETRY)
            return k;
        if (k < 0) {
            b->wt_phase = 0;
            return k;
        }
        b->wt_phase = 1;
        if (b->r == b->w && has_err(b))
            break;
    }
    b->wt_phase = 0;
    if (goro_rw_is_eof(b->err))
        b->err = goro_nil();
    res[0] = goro_rw_int64(b->wt_n);
    res[1] = read_err(b);
    return 2;
}

/* --------------------------------------------------------------- misc */

static int br_buffered(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(b);
    res[0] = goro_int((int64_t)(b->w - b->r));
    return 1;
}

static int br_size(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(b);
    res[0] = goro_int((int64_t)b->size);
    return 1;
}

static int br_reset(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    NEED_READER(b);
    if (nargs < 2)
        return goro_runtime_error(g, "not enough arguments in call to bufio.Reader.Reset");
    reset(b, b->size, args[1]);
    return 0;
}

static Obj *reader_zero(void)
{
    BReader *b = goro_alloc(sizeof *b);
    b->obj.cls = &reader_class;
    b->rd = b->err = goro_nil();
    b->last_byte = b->last_rune_size = -1;
    return &b->obj;
}

static int new_reader(G *g, Value rd, int64_t size, Value *res)
{
    GORO_UNUSED(g);
    BReader *old = as_reader(rd);
    if (old && (int64_t)old->size >= size) {
        res[0] = goro_obj_value(&old->obj);
        return 1;
    }
    if (size < MIN_SIZE)
        size = MIN_SIZE;
    BReader *b = (BReader *)reader_zero();
    reset(b, (size_t)size, rd);
    res[0] = goro_obj_value(&b->obj);
    return 1;
}

static int bufio_newreader(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1)
        return goro_runtime_error(g, "not enough arguments in call to bufio.NewReader");
    return new_reader(g, args[0], DEFAULT_SIZE, res);
}

static int bufio_newreadersize(G *g, Value *args, int nargs, Value *res)
{
    int64_t size;
    if (nargs < 2 || !goro_arg_int(args, nargs, 1, &size))
        return goro_runtime_error(g, "bufio.NewReaderSize: expects a reader and a size");
    return new_reader(g, args[0], size, res);
}

void goro_bufio_reader_init(Package *p)
{
    reader_class.read = cls_read;
    Type *t = goro_pkg_obj_type(p, "bufio", "Reader", &reader_class, reader_zero);
    goro_pkg_method(t, "Read", goro_rw_method_read);
    goro_pkg_method(t, "ReadByte", br_readbyte);
    goro_pkg_method(t, "UnreadByte", br_unreadbyte);
    goro_pkg_method(t, "ReadRune", br_readrune);
    goro_pkg_method(t, "UnreadRune", br_unreadrune);
    goro_pkg_method(t, "ReadSlice", br_readslice);
    goro_pkg_method(t, "ReadBytes", br_readbytes);
    goro_pkg_method(t, "ReadString", br_readstring);
    goro_pkg_method(t, "ReadLine", br_readline);
    goro_pkg_method(t, "Peek", br_peek);
    goro_pkg_method(t, "Discard", br_discard);
    goro_pkg_method(t, "WriteTo", br_writeto);
    goro_pkg_method(t, "Buffered", br_buffered);
    goro_pkg_method(t, "Size", br_size);
    goro_pkg_method(t, "Reset", br_reset);
    goro_pkg_func(p, "NewReader", bufio_newreader);
    goro_pkg_func(p, "NewReaderSize", bufio_newreadersize);
}
