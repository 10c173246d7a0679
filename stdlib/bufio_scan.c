/* bufio_scan.c: bufio.Scanner and the split functions ScanLines,
 * ScanWords, ScanRunes, ScanBytes (Go 1.19's bufio/scan.go).
 *
 * The buffer is C bytes in the Scanner, and the four standard split
 * functions run in C on it, so scanning a big input costs no Values
 * per byte.  A split function written in goro gets data as a []byte
 * (a nested call: split functions do not block).  Scan may park in the
 * Read it calls; everything it needs then is in the Scanner (the
 * buffer, the read in flight: [reading]), so when called again it goes
 * straight back to that read. */
#include <string.h>

#include "bufio_pkg.h"
#include "errors_obj.h"
#include "io_errors.h"
#include "io_pkg.h"
#include "rw.h"
#include "utf8.h"
#include "vm.h"

enum { SPLIT_GORO, SPLIT_LINES, SPLIT_WORDS, SPLIT_RUNES, SPLIT_BYTES };
enum { START_BUF = 4096, MAX_EMPTY = 100 };

typedef struct ScannerObj {
    Obj obj;
    Value r;
    Value split;
    int kind;                 /* SPLIT_*: which split function */
    int64_t max_token;
    char *buf;
    size_t cap, start, end;
    const char *token;        /* the last token (NULL: nil) */
    size_t toklen;
    Value err;
    int empties, loop;
    bool scan_called, done;
    bool reading;             /* Scan parked in its Read */
    RwCall rc;
} ScannerObj;

static ObjClass scanner_class = {.name = "*bufio.Scanner"};

static ScannerObj *as_scanner(Value *args, int nargs)
{
    Obj *o = nargs ? goro_rw_obj(args[0]) : NULL;
    return o && o->cls == &scanner_class ? (ScannerObj *)o : NULL;
}

/* ------------------------------------------------------ split functions */

typedef struct Split {
    size_t advance;
    const char *tok;          /* NULL: no token */
    size_t toklen;
} Split;

static const char error_rune[] = "\xef\xbf\xbd";

/* isSpace of bufio/scan.go */
static bool is_space(int32_t r)
{
    if (r <= 0xFF)
        return r == ' ' || (r >= '\t' && r <= '\r') || r == 0x85 || r == 0xA0;
    if (r >= 0x2000 && r <= 0x200a)
        return true;
    return r == 0x1680 || r == 0x2028 || r == 0x2029 || r == 0x202f || r == 0x205f || r == 0x3000;
}

/* utf8.FullRune */
static bool full_rune(const unsigned char *p, size_t n)
{
    if (n == 0)
        return false;
    unsigned c = p[0];
    size_t need = c < 0xC2 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 1;
    if (n >= need)
        return true;
    unsigned lo = 0x80, hi = 0xBF;
    if (c == 0xE0) lo = 0xA0;
    else if (c == 0xED) hi = 0x9F;
    else if (c == 0xF0) lo = 0x90;
    else if (c == 0xF4) hi = 0x8F;
    if (n > 1 && (p[1] < lo || p[1] > hi))
        return true;
    if (n > 2 && (p[2] < 0x80 || p[2] > 0xBF))
        return true;
    return false;
}

bool goro_bufio_full_rune(const unsigned char *p, size_t n) { return full_rune(p, n); }

static void split_c(int kind, const char *data, size_t n, bool at_eof, Split *out)
{
    const unsigned char *u = (const unsigned char *)data;
    out->advance = 0;
    out->tok = NULL;
    out->toklen = 0;
    switch (kind) {
    case SPLIT_LINES: {
        if (at_eof && n == 0)
            return;
        const char *nl = memchr(data, '\n', n);
        size_t len;
        if (nl) {
            len = (size_t)(nl - data);
            out->advance = len + 1;
        } else if (at_eof) {
            len = n;
            out->advance = n;
        } else {
            return;
        }
        if (len > 0 && data[len - 1] == '\r')
            len--;
        out->tok = data;
        out->toklen = len;
        return;
    }
    case SPLIT_WORDS: {
        size_t start = 0;
        int32_t r;
        while (start < n) {
            int w = goro_utf8_decode(u + start, (int64_t)(n - start), &r);
            if (!is_space(r))
                break;
            start += (size_t)w;
        }
        for (size_t i = start; i < n;) {
            int w = goro_utf8_decode(u + i, (int64_t)(n - i), &r);
            if (is_space(r)) {
                out->advance = i + (size_t)w;
                out->tok = data + start;
                out->toklen = i - start;
                return;
            }
            i += (size_t)w;
        }
        if (at_eof && n > start) {
            out->advance = n;
            out->tok = data + start;
            out->toklen = n - start;
            return;
        }
        out->advance = start;
        return;
    }
    case SPLIT_RUNES: {
        if (at_eof && n == 0)
            return;
        if (u[0] < 0x80) {
            out->advance = 1;
            out->tok = data;
            out->toklen = 1;
            return;
        }
        int32_t r;
        int w = goro_utf8_decode(u, (int64_t)n, &r);
        if (w > 1) {
            out->advance = (size_t)w;
            out->tok = data;
            out->toklen = (size_t)w;
            return;
        }
        if (!at_eof && !full_rune(u, n))
            return;
        out->advance = 1;
        out->tok = error_rune;
        out->toklen = 3;
        return;
    }
    case SPLIT_BYTES:
        if (at_eof && n == 0)
            return;
        out->advance = 1;
        out->tok = data;
        out->toklen = 1;
        return;
    }
}

/* ScanLines & co. as goro functions: (data []byte, atEOF bool) (int, []byte, error) */
static int split_native(G *g, Value *args, int nargs, Value *res, int kind, const char *fn)
{
    if (nargs < 2 || (VKIND(args[0]) != VK_SLICE && VKIND(args[0]) != VK_NIL))
        return goro_runtime_error(g, "bufio.%s: expects a []byte and a bool", fn);
    size_t n;
    const char *data = goro_rw_bytes(args[0], &n);
    Split sp;
    split_c(kind, data, n, args[1].u.i != 0, &sp);
    res[0] = goro_int((int64_t)sp.advance);
    if (!sp.tok)
        res[1] = goro_rw_nil_slice();
    else if (sp.tok == error_rune)
        res[1] = goro_rw_slice(error_rune, 3);
    else
        res[1] = goro_rw_subslice(args[0], (size_t)(sp.tok - data), (size_t)(sp.tok - data) + sp.toklen);
    res[2] = goro_nil();
    return 3;
}

static int scan_lines(G *g, Value *a, int n, Value *r) { return split_native(g, a, n, r, SPLIT_LINES, "ScanLines"); }
static int scan_words(G *g, Value *a, int n, Value *r) { return split_native(g, a, n, r, SPLIT_WORDS, "ScanWords"); }
static int scan_runes(G *g, Value *a, int n, Value *r) { return split_native(g, a, n, r, SPLIT_RUNES, "ScanRunes"); }
static int scan_bytes(G *g, Value *a, int n, Value *r) { return split_native(g, a, n, r, SPLIT_BYTES, "ScanBytes"); }

static int split_kind(Value fn)
{
    if (VKIND(fn) != VK_NATIVE)
        return SPLIT_GORO;
    NativeFn f = ((Native *)fn.u.p)->fn;
    return f == scan_lines ? SPLIT_LINES : f == scan_words ? SPLIT_WORDS
         : f == scan_runes ? SPLIT_RUNES : f == scan_bytes ? SPLIT_BYTES : SPLIT_GORO;
}

/* ---------------------------------------------------------------- Scanner */

static void set_err(ScannerObj *s, Value err)
{
    if (VKIND(s->err) == VK_NIL || goro_rw_is_eof(s->err))
        s->err = err;
}

/* Run the split function on buf[start:end]: 0, or -1 with a panic;
 * *err gets its error. */
static int run_split(G *g, ScannerObj *s, Split *sp, Value *err, int64_t *adv)
{
    bool at_eof = VKIND(s->err) != VK_NIL;
    *err = goro_nil();
    if (s->kind != SPLIT_GORO) {
        split_c(s->kind, s->buf + s->start, s->end - s->start, at_eof, sp);
        *adv = (int64_t)sp->advance;
        return 0;
    }
    Value a[2] = {goro_rw_slice(s->buf + s->start, s->end - s->start), goro_bool(at_eof)};
    Value r[3];
    int k = goro_vm_call(g, s->split, a, 2, r, 3);
    if (k < 0)
        return -1;
    *adv = k > 0 && VKIND(r[0]) == VK_INT ? r[0].u.i : 0;
    sp->tok = NULL;
    sp->toklen = 0;
    if (k > 1 && VKIND(r[1]) == VK_SLICE && r[1].u.p) {
        size_t n;
        sp->tok = goro_rw_bytes(r[1], &n);
        sp->toklen = n;
    } else if (k > 1 && VKIND(r[1]) == VK_STRING) {
        sp->tok = r[1].u.s;
        sp->toklen = r[1].aux;
    }
    *err = k > 2 ? r[2] : goro_nil();
    return 0;
}

static void keep_token(ScannerObj *s, const Split *sp)
{
    if (!sp->tok) {
        s->token = NULL;
        s->toklen = 0;
        return;
    }
    char *t = goro_alloc_atomic(sp->toklen + 1);
    memcpy(t, sp->tok, sp->toklen);
    s->token = t;
    s->toklen = sp->toklen;
}

static int scan_result(Value *res, bool b)
{
    res[0] = goro_bool(b);
    return 1;
}

static int sc_scan(G *g, Value *args, int nargs, Value *res)
{
    ScannerObj *s = as_scanner(args, nargs);
    if (!s)
        return goro_nil_deref(g);
    if (s->reading)
        goto read;
    if (s->done)
        return scan_result(res, false);
    s->scan_called = true;
    for (;;) {
        if (s->end > s->start || VKIND(s->err) != VK_NIL) {
            Split sp;
            Value err;
            int64_t adv;
            if (run_split(g, s, &sp, &err, &adv) < 0)
                return GORO_NATIVE_PANIC;
            if (VKIND(err) != VK_NIL) {
                if (err.u.p == goro_bufio_err(BUFIO_FINAL_TOKEN).u.p) {
                    keep_token(s, &sp);
                    s->done = true;
                    return scan_result(res, true);
                }
                set_err(s, err);
                return scan_result(res, false);
            }
            if (adv < 0) {
                set_err(s, goro_bufio_err(BUFIO_NEGATIVE_ADVANCE));
                return scan_result(res, false);
            }
            if (adv > (int64_t)(s->end - s->start)) {
                set_err(s, goro_bufio_err(BUFIO_ADVANCE_TOO_FAR));
                return scan_result(res, false);
            }
            s->start += (size_t)adv;
            keep_token(s, &sp);
            if (sp.tok) {
                if (VKIND(s->err) == VK_NIL || adv > 0) {
                    s->empties = 0;
                } else if (++s->empties > MAX_EMPTY) {
                    return goro_panic_str(g, "bufio.Scan: too many empty tokens without progressing");
                }
                return scan_result(res, true);
            }
        }
        if (VKIND(s->err) != VK_NIL) {
            s->start = s->end = 0;
            return scan_result(res, false);
        }
        if (s->start > 0 && (s->end == s->cap || s->start > s->cap / 2)) {
            memmove(s->buf, s->buf + s->start, s->end - s->start);
            s->end -= s->start;
            s->start = 0;
        }
        if (s->end == s->cap) {
            if ((int64_t)s->cap >= s->max_token) {
                set_err(s, goro_bufio_err(BUFIO_TOO_LONG));
                return scan_result(res, false);
            }
            size_t nsize = s->cap * 2;
            if (nsize == 0)
                nsize = START_BUF;
            if ((int64_t)nsize > s->max_token)
                nsize = (size_t)s->max_token;
            char *nb = goro_alloc_atomic(nsize);
            if (s->end > s->start)
                memcpy(nb, s->buf + s->start, s->end - s->start);
            s->buf = nb;
            s->end -= s->start;
            s->start = 0;
            s->cap = nsize;
        }
        s->loop = 0;
    read:
        for (;;) {
            s->reading = true;
            size_t n;
            Value err;
            int k = goro_rw_read(g, s->r, &s->rc, s->buf + s->end, s->cap - s->end, &n, &err);
            if (k == GORO_NATIVE_CALL || k == GORO_NATIVE_RETRY)
                return k;
            s->reading = false;
            if (k < 0)
                return k;
            s->end += n;
            if (VKIND(err) != VK_NIL) {
                set_err(s, err);
                break;
            }
            if (n > 0) {
                s->empties = 0;
                break;
            }
            if (++s->loop > MAX_EMPTY) {
                set_err(s, goro_io_err(IO_NO_PROGRESS));
                break;
            }
        }
    }
}

static int sc_text(G *g, Value *args, int nargs, Value *res)
{
    ScannerObj *s = as_scanner(args, nargs);
    if (!s)
        return goro_nil_deref(g);
    res[0] = goro_str(s->token ? s->token : "", (int64_t)s->toklen);
    return 1;
}

static int sc_bytes(G *g, Value *args, int nargs, Value *res)
{
    ScannerObj *s = as_scanner(args, nargs);
    if (!s)
        return goro_nil_deref(g);
    res[0] = s->token ? goro_rw_slice(s->token, s->toklen) : goro_rw_nil_slice();
    return 1;
}

static int sc_err(G *g, Value *args, int nargs, Value *res)
{
    ScannerObj *s = as_scanner(args, nargs);
    if (!s)
        return goro_nil_deref(g);
    res[0] = goro_rw_is_eof(s->err) ? goro_nil() : s->err;
    return 1;
}

static int sc_buffer(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    ScannerObj *s = as_scanner(args, nargs);
    int64_t max;
    if (!s)
        return goro_nil_deref(g);
    if (nargs < 3 || !goro_arg_int(args, nargs, 2, &max))
        return goro_runtime_error(g, "bufio.Scanner.Buffer: expects a []byte and a size");
    if (s->scan_called)
        return goro_panic_str(g, "Buffer called after Scan");
    s->cap = (size_t)goro_slice_cap(args[1]);
    s->buf = goro_alloc_atomic(s->cap + 1);
    s->max_token = max;
    return 0;
}

static int sc_split(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    ScannerObj *s = as_scanner(args, nargs);
    if (!s)
        return goro_nil_deref(g);
    if (nargs < 2)
        return goro_runtime_error(g, "not enough arguments in call to bufio.Scanner.Split");
    if (s->scan_called)
        return goro_panic_str(g, "Split called after Scan");
    s->split = args[1];
    s->kind = split_kind(args[1]);
    return 0;
}

static Value lines_fn;

static Obj *scanner_zero(void)
{
    ScannerObj *s = goro_alloc(sizeof *s);
    s->obj.cls = &scanner_class;
    s->split = lines_fn;
    s->kind = SPLIT_LINES;
    s->max_token = 64 * 1024;
    s->err = goro_nil();
    return &s->obj;
}

static int bufio_newscanner(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1)
        return goro_runtime_error(g, "not enough arguments in call to bufio.NewScanner");
    ScannerObj *s = (ScannerObj *)scanner_zero();
    s->r = args[0];
    res[0] = goro_obj_value(&s->obj);
    return 1;
}

void goro_bufio_scan_init(Package *p)
{
    goro_pkg_func(p, "ScanLines", scan_lines);
    goro_pkg_func(p, "ScanWords", scan_words);
    goro_pkg_func(p, "ScanRunes", scan_runes);
    goro_pkg_func(p, "ScanBytes", scan_bytes);
    lines_fn = goro_pkg_member(p, goro_intern_cstr("ScanLines"))->value;
    goro_pkg_func(p, "NewScanner", bufio_newscanner);
    Type *t = goro_pkg_obj_type(p, "bufio", "Scanner", &scanner_class, scanner_zero);
    goro_pkg_method(t, "Scan", sc_scan);
    goro_pkg_method(t, "Text", sc_text);
    goro_pkg_method(t, "Bytes", sc_bytes);
    goro_pkg_method(t, "Err", sc_err);
    goro_pkg_method(t, "Buffer", sc_buffer);
    goro_pkg_method(t, "Split", sc_split);
    /* SplitFunc names the split functions' type in declarations */
    goro_pkg_type(p, "SplitFunc", goro_type_func("func([]uint8, bool) (int, []uint8, error)"));
}
