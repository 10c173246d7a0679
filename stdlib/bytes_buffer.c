/* bytes_buffer.c: bytes.Buffer and bytes.Reader (Go 1.19's
 * bytes/buffer.go and reader.go) over C bytes, with ObjClass.read and
 * .write.  The Buffer's growth follows Go's (a 64-byte first buffer,
 * then doubling rounded to size classes), so Cap() prints what Go's
 * does.  ReadFrom may park in the Read it calls: the position it reads
 * into is kept in the Buffer ([rf_i]), so called again it goes on. */
#include <string.h>

#include "errors_obj.h"
#include "io_errors.h"
#include "io_pkg.h"
#include "rw.h"
#include "utf8.h"
#include "vm.h"

void goro_bytes_buffer_init(Package *p);

enum { OP_READ = -1, OP_INVALID = 0 };   /* 1..4: ReadRune of that size */
enum { SMALL_BUFFER = 64, MIN_READ = 512 };

typedef struct BufferObj {
    Obj obj;
    char *buf;
    int64_t len, cap, off;
    int last_read;
    RwCall rc;
    bool rf_busy;        /* ReadFrom: a read into buf[rf_i:cap] is out */
    int64_t rf_i, rf_n;
} BufferObj;

static ObjClass buffer_class = {.name = "*bytes.Buffer"};
static Value err_too_large;

static Obj *buffer_zero(void)
{
    BufferObj *b = goro_alloc(sizeof *b);
    b->obj.cls = &buffer_class;
    return &b->obj;
}

static BufferObj *as_buffer(Value v)
{
    return (BufferObj *)goro_rw_obj_of(v, &buffer_class);
}

#define NEED_BUFFER(b)                                                                    \
    BufferObj *b = nargs ? as_buffer(args[0]) : NULL;                                     \
    do {                                                                                  \
        if (!b)                                                                           \
            return goro_nil_deref(g); \
    } while (0)

static void reset(BufferObj *b)
{
    b->len = 0;
    b->off = 0;
    b->last_read = OP_INVALID;
}

/* Room for [n] more bytes: the index they go to (len grows by n). */
static int64_t grow(BufferObj *b, int64_t n)
{
    int64_t m = b->len - b->off;
    if (m == 0 && b->off != 0)
        reset(b);
    if (n <= b->cap - b->len) {
        int64_t l = b->len;
        b->len += n;
        return l;
    }
    if (!b->buf && n <= SMALL_BUFFER) {
        b->buf = goro_alloc_atomic(SMALL_BUFFER);
        b->cap = SMALL_BUFFER;
        b->len = n;
        return 0;
    }
    if (n <= b->cap / 2 - m) {
        memmove(b->buf, b->buf + b->off, (size_t)m);
    } else {
        int64_t c = m + b->off + n;
        if (c < 2 * (b->cap - b->off))
            c = 2 * (b->cap - b->off);
        c = (int64_t)goro_roundupsize((uint64_t)c);
        char *nb = goro_alloc_atomic((size_t)c);
        if (m)
            memcpy(nb, b->buf + b->off, (size_t)m);
        b->buf = nb;
        b->cap = c;
    }
    b->off = 0;
    b->len = m + n;
    return m;
}

/* The writes' growth: Go's tryGrowByReslice, then grow (so an empty
 * buffer with room keeps its offset, as Go's Write does). */
static int64_t write_grow(BufferObj *b, int64_t n)
{
    if (n <= b->cap - b->len) {
        int64_t l = b->len;
        b->len += n;
        return l;
    }
    return grow(b, n);
}

static void put(BufferObj *b, const char *p, size_t n)
{
    b->last_read = OP_INVALID;
    int64_t i = write_grow(b, (int64_t)n);
    if (n)
        memcpy(b->buf + i, p, n);
}

static int cls_write(G *g, Obj *o, const char *buf, size_t n, size_t *done, Value *err)
{
    GORO_UNUSED(g);
    put((BufferObj *)o, buf, n);
    *done = n;
    *err = goro_nil();
    return 0;
}

static int cls_read(G *g, Obj *o, char *p, size_t n, size_t *done, Value *err)
{
    GORO_UNUSED(g);
    BufferObj *b = (BufferObj *)o;
    b->last_read = OP_INVALID;
    *done = 0;
    *err = goro_nil();
    if (b->len <= b->off) {
        reset(b);
        if (n > 0)
            *err = goro_io_err(IO_EOF);
        return 0;
    }
    size_t k = (size_t)(b->len - b->off);
    if (k > n)
        k = n;
    memcpy(p, b->buf + b->off, k);
    b->off += (int64_t)k;
    if (k > 0)
        b->last_read = OP_READ;
    *done = k;
    return 0;
}

static int bb_writebyte(G *g, Value *args, int nargs, Value *res)
{
    NEED_BUFFER(b);
    if (nargs < 2 || VKIND(args[1]) != VK_INT)
        return goro_runtime_error(g, "bytes.Buffer.WriteByte: argument must be a byte");
    char c = (char)args[1].u.i;
    put(b, &c, 1);
    res[0] = goro_nil();
    return 1;
}

static int bb_writerune(G *g, Value *args, int nargs, Value *res)
{
    NEED_BUFFER(b);
    if (nargs < 2 || VKIND(args[1]) != VK_INT)
        return goro_runtime_error(g, "bytes.Buffer.WriteRune: argument must be a rune");
    char enc[4];
    int n = goro_utf8_encode((int32_t)args[1].u.i, enc);
    if ((uint64_t)args[1].u.i >= 0x80) {
        b->last_read = OP_INVALID;
        int64_t i = write_grow(b, 4);
        memcpy(b->buf + i, enc, (size_t)n);
        b->len = i + n;
    } else {
        put(b, enc, 1);
    }
    res[0] = goro_int(n);
    res[1] = goro_nil();
    return 2;
}

static int bb_readbyte(G *g, Value *args, int nargs, Value *res)
{
    NEED_BUFFER(b);
    if (b->len <= b->off) {
        reset(b);
        res[0] = goro_byte(0);
        res[1] = goro_io_err(IO_EOF);
        return 2;
    }
    res[0] = goro_byte((unsigned char)b->buf[b->off++]);
    res[1] = goro_nil();
    b->last_read = OP_READ;
    return 2;
}

static int bb_readrune(G *g, Value *args, int nargs, Value *res)
{
    NEED_BUFFER(b);
    if (b->len <= b->off) {
        reset(b);
        res[0] = goro_rune(0);
        res[1] = goro_int(0);
        res[2] = goro_io_err(IO_EOF);
        return 3;
    }
    int32_t r;
    int n = goro_utf8_decode((unsigned char *)b->buf + b->off, b->len - b->off, &r);
    b->off += n;
    b->last_read = n;
    res[0] = goro_rune(r);
    res[1] = goro_int(n);
    res[2] = goro_nil();
    return 3;
}

static int bb_unreadrune(G *g, Value *args, int nargs, Value *res)
{
    NEED_BUFFER(b);
    if (b->last_read <= OP_INVALID) {
        res[0] = goro_error_new(goro_str_cstr(
            "bytes.Buffer: UnreadRune: previous operation was not a successful ReadRune"));
        return 1;
    }
    if (b->off >= b->last_read)
        b->off -= b->last_read;
    b->last_read = OP_INVALID;
    res[0] = goro_nil();
    return 1;
}

static Value err_unread_byte;

static int bb_unreadbyte(G *g, Value *args, int nargs, Value *res)
{
    NEED_BUFFER(b);
    if (b->last_read == OP_INVALID) {
        res[0] = err_unread_byte;
        return 1;
    }
    b->last_read = OP_INVALID;
    if (b->off > 0)
        b->off--;
    res[0] = goro_nil();
    return 1;
}

static int read_slice(G *g, Value *args, int nargs, int64_t *start, int64_t *end, Value *err)
{
    NEED_BUFFER(b);
    if (nargs < 2 || VKIND(args[1]) != VK_INT)
        return goro_runtime_error(g, "bytes.Buffer: delimiter must be a byte");
    const char *hit = b->len > b->off ? memchr(b->buf + b->off, (int)(args[1].u.i & 0xff),
                                                 (size_t)(b->len - b->off)) : NULL;
    *start = b->off;
    *end = hit ? hit - b->buf + 1 : b->len;
    *err = hit ? goro_nil() : goro_io_err(IO_EOF);
    b->off = *end;
    b->last_read = OP_READ;
    return 0;
}

static int bb_readbytes(G *g, Value *args, int nargs, Value *res)
{
    int64_t s, e;
    if (read_slice(g, args, nargs, &s, &e, &res[1]))
        return GORO_NATIVE_PANIC;
    BufferObj *b = as_buffer(args[0]);
    res[0] = e > s ? goro_rw_slice(b->buf + s, (size_t)(e - s)) : goro_rw_nil_slice();
    return 2;
}

static int bb_readstring(G *g, Value *args, int nargs, Value *res)
{
    int64_t s, e;
    if (read_slice(g, args, nargs, &s, &e, &res[1]))
        return GORO_NATIVE_PANIC;
    BufferObj *b = as_buffer(args[0]);
    res[0] = goro_str(b->buf ? b->buf + s : "", e - s);
    return 2;
}

/* Go's panic for b.buf[b.off : b.off+n] with a negative n. */
static int neg_slice(G *g, const BufferObj *b, int64_t n)
{
    if (b->off + n < 0)
        return goro_runtime_error(g, "slice bounds out of range [:%lld]", (long long)(b->off + n));
    return goro_runtime_error(g, "slice bounds out of range [%lld:%lld]", (long long)b->off,
                              (long long)(b->off + n));
}

static int bb_next(G *g, Value *args, int nargs, Value *res)
{
    NEED_BUFFER(b);
    int64_t n;
    if (!goro_arg_int(args, nargs, 1, &n))
        return goro_runtime_error(g, "bytes.Buffer.Next: argument must be an int");
    b->last_read = OP_INVALID;
    if (n < 0)
        return neg_slice(g, b, n);
    int64_t m = b->len - b->off;
    if (n > m)
        n = m;
    res[0] = goro_rw_slice(b->buf ? b->buf + b->off : "", (size_t)n);
    b->off += n;
    if (n > 0)
        b->last_read = OP_READ;
    return 1;
}

/* Peek(n) (Go 1.26): the next n bytes without advancing; fewer, with
 * io.EOF, when fewer are left.  A negative n is Go's slice panic. */
static int bb_peek(G *g, Value *args, int nargs, Value *res)
{
    NEED_BUFFER(b);
    int64_t n;
    if (!goro_arg_int(args, nargs, 1, &n))
        return goro_runtime_error(g, "bytes.Buffer.Peek: argument must be an int");
    if (n < 0)
        return neg_slice(g, b, n);
    int64_t m = b->len - b->off;
    res[1] = n > m ? goro_io_err(IO_EOF) : goro_nil();
    res[0] = goro_rw_slice(b->buf ? b->buf + b->off : "", (size_t)(n > m ? m : n));
    return 2;
}

static int bb_bytes(G *g, Value *args, int nargs, Value *res)
{
    NEED_BUFFER(b);
    res[0] = b->buf ? goro_rw_slice(b->buf + b->off, (size_t)(b->len - b->off)) : goro_rw_nil_slice();
    return 1;
}

static int bb_string(G *g, Value *args, int nargs, Value *res)
{
    BufferObj *b = nargs ? as_buffer(args[0]) : NULL;
    GORO_UNUSED(g);
    if (!b) {
        res[0] = goro_str_cstr("<nil>");
        return 1;
    }
    res[0] = goro_str(b->buf ? b->buf + b->off : "", b->len - b->off);
    return 1;
}

static int bb_len(G *g, Value *args, int nargs, Value *res)
{
    NEED_BUFFER(b);
    res[0] = goro_int(b->len - b->off);
    return 1;
}

static int bb_cap(G *g, Value *args, int nargs, Value *res)
{
    NEED_BUFFER(b);
    res[0] = goro_int(b->cap);
    return 1;
}

static int bb_available(G *g, Value *args, int nargs, Value *res)
{
    NEED_BUFFER(b);
    res[0] = goro_int(b->cap - b->len);
    return 1;
}

/* An empty []byte with room for Available() bytes: Go's b.buf[len:], to
 * append to and pass to Write (it is not the buffer's own memory). */
static int bb_availablebuffer(G *g, Value *args, int nargs, Value *res)
{
    NEED_BUFFER(b);
    res[0] = goro_slice_new(TT(VK_SLICE, goro_t_bytes->id), 0, b->cap - b->len);
    return 1;
}

static int bb_grow(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    NEED_BUFFER(b);
    int64_t n;
    if (!goro_arg_int(args, nargs, 1, &n))
        return goro_runtime_error(g, "bytes.Buffer.Grow: argument must be an int");
    if (n < 0)
        return goro_panic_str(g, "bytes.Buffer.Grow: negative count");
    int64_t m = grow(b, n);
    b->len = m;
    return 0;
}

static int bb_reset(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    NEED_BUFFER(b);
    reset(b);
    return 0;
}

static int bb_truncate(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    NEED_BUFFER(b);
    int64_t n;
    if (!goro_arg_int(args, nargs, 1, &n))
        return goro_runtime_error(g, "bytes.Buffer.Truncate: argument must be an int");
    if (n == 0) {
        reset(b);
        return 0;
    }
    b->last_read = OP_INVALID;
    if (n < 0 || n > b->len - b->off)
        return goro_panic_str(g, "bytes.Buffer: truncation out of range");
    b->len = b->off + n;
    return 0;
}

static int bb_readfrom(G *g, Value *args, int nargs, Value *res)
{
    NEED_BUFFER(b);
    if (nargs < 2)
        return goro_runtime_error(g, "not enough arguments in call to bytes.Buffer.ReadFrom");
    b->last_read = OP_INVALID;
    if (!b->rf_busy)
        b->rf_n = 0;
    for (;;) {
        if (!b->rf_busy) {
            int64_t i = grow(b, MIN_READ);
            b->len = i;
            b->rf_i = i;
            b->rf_busy = true;
        }
        size_t m;
        Value e;
        int k = goro_rw_read(g, args[1], &b->rc, b->buf + b->rf_i, (size_t)(b->cap - b->rf_i), &m, &e);
        if (k == GORO_NATIVE_CALL || k == GORO_NATIVE_RETRY)
            return k;
        b->rf_busy = false;
        if (k < 0)
            return k;
        b->len = b->rf_i + (int64_t)m;
        b->rf_n += (int64_t)m;
        if (VKIND(e) != VK_NIL) {
            res[0] = goro_rw_int64(b->rf_n);
            res[1] = goro_rw_is_eof(e) ? goro_nil() : e;
            return 2;
        }
    }
}

static int bb_writeto(G *g, Value *args, int nargs, Value *res)
{
    NEED_BUFFER(b);
    if (nargs < 2)
        return goro_runtime_error(g, "not enough arguments in call to bytes.Buffer.WriteTo");
    b->last_read = OP_INVALID;
    int64_t nbytes = b->len - b->off;
    int64_t n = 0;
    if (nbytes > 0) {
        size_t m;
        Value e;
        int k = goro_rw_write(g, args[1], &b->rc, b->buf + b->off, (size_t)nbytes, &m, &e);
        if (k < 0)
            return k;
        if ((int64_t)m > nbytes)
            return goro_panic_str(g, "bytes.Buffer.WriteTo: invalid Write count");
        b->off += (int64_t)m;
        n = (int64_t)m;
        res[0] = goro_rw_int64(n);
        if (VKIND(e) != VK_NIL) {
            res[1] = e;
            return 2;
        }
        if ((int64_t)m != nbytes) {
            res[1] = goro_io_err(IO_SHORT_WRITE);
            return 2;
        }
    }
    reset(b);
    res[0] = goro_rw_int64(n);
    res[1] = goro_nil();
    return 2;
}

static BufferObj *new_buffer(const char *p, size_t n, size_t cap)
{
    BufferObj *b = (BufferObj *)buffer_zero();
    if (cap > 0 || p) {
        b->buf = goro_alloc_atomic(cap + 1);
        if (n)
            memcpy(b->buf, p, n);
        b->len = (int64_t)n;
        b->cap = (int64_t)cap;
    }
    return b;
}

static int bytes_newbuffer(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1 || (VKIND(args[0]) != VK_SLICE && VKIND(args[0]) != VK_NIL))
        return goro_runtime_error(g, "bytes.NewBuffer: argument must be a []byte");
    size_t n;
    const char *p = goro_rw_bytes(args[0], &n);
    size_t cap = VKIND(args[0]) == VK_SLICE ? (size_t)goro_slice_cap(args[0]) : 0;
    BufferObj *b = new_buffer(args[0].u.p ? p : NULL, n, cap);
    res[0] = goro_obj_value(&b->obj);
    return 1;
}

static int bytes_newbufferstring(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1 || VKIND(args[0]) != VK_STRING)
        return goro_runtime_error(g, "bytes.NewBufferString: argument must be a string");
    /* []byte(s) has the capacity of its size class */
    size_t n = args[0].aux;
    BufferObj *b = new_buffer(args[0].u.s, n, n ? (size_t)goro_roundupsize(n) : 0);
    res[0] = goro_obj_value(&b->obj);
    return 1;
}

/* ---------------------------------------------------------- bytes.Reader */

typedef struct ReaderObj {
    Obj obj;
    const char *s;
    int64_t n, i, prev_rune;
    RwCall rc;
} ReaderObj;

static ObjClass reader_class = {.name = "*bytes.Reader"};

static Obj *reader_zero(void)
{
    ReaderObj *r = goro_alloc(sizeof *r);
    r->obj.cls = &reader_class;
    r->s = "";
    r->prev_rune = -1;
    return &r->obj;
}

#define NEED_READER(r)                                                                    \
    ReaderObj *r = NULL;                                                                  \
    do {                                                                                  \
        Obj *o_ = nargs ? goro_rw_obj(args[0]) : NULL;                                    \
        if (!o_ || o_->cls != &reader_class)                                              \
            return goro_nil_deref(g); \
        r = (ReaderObj *)o_;                                                              \
    } while (0)

static Value rerr(const char *msg) { return goro_error_new(goro_str_cstr(msg)); }

static int br_cls_read(G *g, Obj *o, char *p, size_t n, size_t *done, Value *err)
{
    GORO_UNUSED(g);
    ReaderObj *r = (ReaderObj *)o;
    *done = 0;
    *err = goro_nil();
    if (r->i >= r->n) {
        *err = goro_io_err(IO_EOF);
        return 0;
    }
    r->prev_rune = -1;
    size_t k = (size_t)(r->n - r->i);
    if (k > n)
        k = n;
    memcpy(p, r->s + r->i, k);
    r->i += (int64_t)k;
    *done = k;
    return 0;
}

static int rd_len(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(r);
    res[0] = goro_int(r->i >= r->n ? 0 : r->n - r->i);
    return 1;
}

static int rd_size(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(r);
    res[0] = goro_rw_int64(r->n);
    return 1;
}

static int rd_readat(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(r);
    int64_t off;
    if (nargs < 3 || VKIND(args[1]) != VK_SLICE || !goro_arg_int(args, nargs, 2, &off))
        return goro_runtime_error(g, "bytes.Reader.ReadAt: expects a []byte and an offset");
    res[0] = goro_int(0);
    res[1] = goro_nil();
    if (off < 0) {
        res[1] = rerr("bytes.Reader.ReadAt: negative offset");
        return 2;
    }
    if (off >= r->n) {
        res[1] = goro_io_err(IO_EOF);
        return 2;
    }
    size_t k = (size_t)(r->n - off);
    if (k > args[1].aux)
        k = args[1].aux;
    goro_rw_fill(args[1], r->s + off, k);
    res[0] = goro_int((int64_t)k);
    if (k < args[1].aux)
        res[1] = goro_io_err(IO_EOF);
    return 2;
}

static int rd_readbyte(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(r);
    r->prev_rune = -1;
    if (r->i >= r->n) {
        res[0] = goro_byte(0);
        res[1] = goro_io_err(IO_EOF);
        return 2;
    }
    res[0] = goro_byte((unsigned char)r->s[r->i++]);
    res[1] = goro_nil();
    return 2;
}

static int rd_unreadbyte(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(r);
    if (r->i <= 0) {
        res[0] = rerr("bytes.Reader.UnreadByte: at beginning of slice");
        return 1;
    }
    r->prev_rune = -1;
    r->i--;
    res[0] = goro_nil();
    return 1;
}

static int rd_readrune(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(r);
    if (r->i >= r->n) {
        r->prev_rune = -1;
        res[0] = goro_rune(0);
        res[1] = goro_int(0);
        res[2] = goro_io_err(IO_EOF);
        return 3;
    }
    r->prev_rune = r->i;
    int32_t c;
    int w = goro_utf8_decode((const unsigned char *)r->s + r->i, r->n - r->i, &c);
    r->i += w;
    res[0] = goro_rune(c);
    res[1] = goro_int(w);
    res[2] = goro_nil();
    return 3;
}

static int rd_unreadrune(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(r);
    if (r->i <= 0) {
        res[0] = rerr("bytes.Reader.UnreadRune: at beginning of slice");
        return 1;
    }
    if (r->prev_rune < 0) {
        res[0] = rerr("bytes.Reader.UnreadRune: previous operation was not ReadRune");
        return 1;
    }
    r->i = r->prev_rune;
    r->prev_rune = -1;
    res[0] = goro_nil();
    return 1;
}

static int rd_seek(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(r);
    int64_t off, whence, abs;
    if (!goro_arg_int(args, nargs, 1, &off) || !goro_arg_int(args, nargs, 2, &whence))
        return goro_runtime_error(g, "bytes.Reader.Seek: expects an offset and a whence");
    r->prev_rune = -1;
    res[0] = goro_rw_int64(0);
    switch (whence) {
    case 0: abs = off; break;
    case 1: abs = r->i + off; break;
    case 2: abs = r->n + off; break;
    default:
        res[1] = rerr("bytes.Reader.Seek: invalid whence");
        return 2;
    }
    if (abs < 0) {
        res[1] = rerr("bytes.Reader.Seek: negative position");
        return 2;
    }
    r->i = abs;
    res[0] = goro_rw_int64(abs);
    res[1] = goro_nil();
    return 2;
}

static int rd_reset(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    NEED_READER(r);
    size_t n = 0;
    const char *p = nargs > 1 ? goro_rw_bytes(args[1], &n) : NULL;
    if (!p)
        return goro_runtime_error(g, "bytes.Reader.Reset: argument must be a []byte");
    r->s = p;
    r->n = (int64_t)n;
    r->i = 0;
    r->prev_rune = -1;
    return 0;
}

static int rd_writeto(G *g, Value *args, int nargs, Value *res)
{
    NEED_READER(r);
    if (nargs < 2)
        return goro_runtime_error(g, "not enough arguments in call to bytes.Reader.WriteTo");
    r->prev_rune = -1;
    res[0] = goro_rw_int64(0);
    res[1] = goro_nil();
    if (r->i >= r->n)
        return 2;
    size_t m;
    Value e;
    size_t want = (size_t)(r->n - r->i);
    int k = goro_rw_write(g, args[1], &r->rc, r->s + r->i, want, &m, &e);
    if (k < 0)
        return k;
    if (m > want)
        return goro_panic_str(g, "bytes.Reader.WriteTo: invalid Write count");
    r->i += (int64_t)m;
    res[0] = goro_rw_int64((int64_t)m);
    res[1] = VKIND(e) == VK_NIL && m != want ? goro_io_err(IO_SHORT_WRITE) : e;
    return 2;
}

static int bytes_newreader(G *g, Value *args, int nargs, Value *res)
{
    size_t n = 0;
    const char *p = nargs > 0 ? goro_rw_bytes(args[0], &n) : NULL;
    if (!p)
        return goro_runtime_error(g, "bytes.NewReader: argument must be a []byte");
    ReaderObj *r = (ReaderObj *)reader_zero();
    r->s = p;
    r->n = (int64_t)n;
    res[0] = goro_obj_value(&r->obj);
    return 1;
}

void goro_bytes_buffer_init(Package *p)
{
    err_too_large = goro_error_new(goro_str_cstr("bytes.Buffer: too large"));
    err_unread_byte = goro_error_new(
        goro_str_cstr("bytes.Buffer: UnreadByte: previous operation was not a successful read"));
    goro_pkg_var(p, "ErrTooLarge", err_too_large);
    buffer_class.read = cls_read;
    buffer_class.write = cls_write;
    Type *t = goro_pkg_obj_type(p, "bytes", "Buffer", &buffer_class, buffer_zero);
    goro_pkg_method(t, "Write", goro_rw_method_write);
    goro_pkg_method(t, "WriteString", goro_rw_method_write_string);
    goro_pkg_method(t, "WriteByte", bb_writebyte);
    goro_pkg_method(t, "WriteRune", bb_writerune);
    goro_pkg_method(t, "Read", goro_rw_method_read);
    goro_pkg_method(t, "ReadByte", bb_readbyte);
    goro_pkg_method(t, "ReadRune", bb_readrune);
    goro_pkg_method(t, "UnreadByte", bb_unreadbyte);
    goro_pkg_method(t, "UnreadRune", bb_unreadrune);
    goro_pkg_method(t, "ReadBytes", bb_readbytes);
    goro_pkg_method(t, "ReadString", bb_readstring);
    goro_pkg_method(t, "Next", bb_next);
    goro_pkg_method(t, "Bytes", bb_bytes);
    goro_pkg_method(t, "Peek", bb_peek);
    goro_pkg_method(t, "String", bb_string);
    goro_pkg_method(t, "Len", bb_len);
    goro_pkg_method(t, "Cap", bb_cap);
    goro_pkg_method(t, "Available", bb_available);
    goro_pkg_method(t, "AvailableBuffer", bb_availablebuffer);
    goro_pkg_method(t, "Grow", bb_grow);
    goro_pkg_method(t, "Reset", bb_reset);
    goro_pkg_method(t, "Truncate", bb_truncate);
    goro_pkg_method(t, "ReadFrom", bb_readfrom);
    goro_pkg_method(t, "WriteTo", bb_writeto);
    goro_pkg_func(p, "NewBuffer", bytes_newbuffer);
    goro_pkg_func(p, "NewBufferString", bytes_newbufferstring);

    reader_class.read = br_cls_read;
    Type *rt = goro_pkg_obj_type(p, "bytes", "Reader", &reader_class, reader_zero);
    goro_pkg_method(rt, "Read", goro_rw_method_read);
    goro_pkg_method(rt, "ReadAt", rd_readat);
    goro_pkg_method(rt, "ReadByte", rd_readbyte);
    goro_pkg_method(rt, "UnreadByte", rd_unreadbyte);
    goro_pkg_method(rt, "ReadRune", rd_readrune);
    goro_pkg_method(rt, "UnreadRune", rd_unreadrune);
    goro_pkg_method(rt, "Seek", rd_seek);
    goro_pkg_method(rt, "Len", rd_len);
    goro_pkg_method(rt, "Size", rd_size);
    goro_pkg_method(rt, "Reset", rd_reset);
    goro_pkg_method(rt, "WriteTo", rd_writeto);
    goro_pkg_func(p, "NewReader", bytes_newreader);
}
