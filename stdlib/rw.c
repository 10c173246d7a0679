/* rw.c: reading from and writing to any goro value (see rw.h): native
 * objects through ObjClass.read/.write, everything else through its
 * Read/Write method called so that it may park.
 * Files are read and written by their ObjClass hooks (os_file.c); a read
 * of standard input first takes what fmt's scanning read ahead, so a
 * bufio.Scanner after fmt.Scan loses only what Go's would. */
#include "rw.h"

#include <string.h>

#include "errors_obj.h"
#include "format.h"
#include "io_errors.h"
#include "proc.h"
#include "scan.h"
#include "vm.h"

/* ------------------------------------------------------------- helpers */

Obj *goro_rw_obj(Value v)
{
    if (VKIND(v) == VK_PTR && v.u.p)
        v = *(Value *)v.u.p;
    if (VKIND(v) != VK_OBJ || !v.u.p)
        return NULL;
    return v.u.p;
}

Obj *goro_rw_obj_of(Value v, const ObjClass *cls)
{
    Obj *o = goro_rw_obj(v);
    return o && o->cls == cls ? o : NULL;
}

bool goro_rw_is_nil(Value v)
{
    return VKIND(v) == VK_NIL || ((VKIND(v) == VK_PTR || VKIND(v) == VK_OBJ) && !v.u.p);
}

static Method *lookup(Value v, const char *name) { return goro_fmt_lookup_method(v, name); }

/* [v]'s method [name], its own or promoted from an embedded field (then
 * *self is the field it is called on). */
static Method *find(Value v, const char *name, Value *self)
{
    *self = v;
    if (goro_rw_is_nil(v))
        return NULL;
    name = goro_intern_cstr(name);
    Method *m = lookup(v, name);
    return m ? m : goro_fmt_promoted(v, name, self);
}

bool goro_rw_has_method(Value v, const char *name)
{
    Value self;
    return find(v, name, &self) != NULL;
}

int goro_rw_call_method(G *g, Value recv, const char *name, Value *args, int nargs, Value *res,
                        int nres)
{
    Method *m = find(recv, name, &recv);
    if (!m)
        return GORO_RW_NO_METHOD;
    Value a[8];
    a[0] = recv;
    if (VKIND(recv) == VK_PTR && recv.u.p && !goro_type_find_method(goro_type_of(recv), m->name))
        a[0] = *(Value *)recv.u.p;   /* a method of the pointee: it gets the object */
    if (nargs)
        memcpy(a + 1, args, sizeof(Value) * (size_t)nargs);
    if (VKIND(m->fn) == VK_NATIVE) {
        Value r[GORO_MAX_RESULTS];
        int n = ((Native *)m->fn.u.p)->fn(g, a, nargs + 1, r);
        for (int i = 0; i < nres; i++)
            res[i] = i < n ? r[i] : goro_nil();
        return n;
    }
    return goro_native_call(g, m->fn, a, nargs + 1, res, nres);
}

const char *goro_rw_bytes(Value v, size_t *n)
{
    if (VKIND(v) == VK_STRING) {
        *n = v.aux;
        return v.u.s;
    }
    if (VKIND(v) == VK_NIL) {
        *n = 0;
        return "";
    }
    if (VKIND(v) != VK_SLICE)
        return NULL;
    *n = v.aux;
    char *p = goro_alloc_atomic((size_t)v.aux + 1);
    Value *d = goro_slice_data(v);
    for (uint32_t i = 0; i < v.aux; i++)
        p[i] = (char)d[i].u.i;
    return p;
}

const unsigned char *goro_rw_arg_bytes(const Value *args, int nargs, int i, size_t *n)
{
    const char *s = nargs > i ? goro_rw_bytes(args[i], n) : NULL;
    if (!s)
        *n = 0;
    return (const unsigned char *)(s ? s : "");
}

Value goro_rw_append(Value dst, const char *s, size_t n)
{
    if (n == 0)
        return dst;
    Value *items = goro_alloc_atomic(sizeof(Value) * n);
    for (size_t i = 0; i < n; i++)
        items[i] = goro_byte((unsigned char)s[i]);
    return goro_slice_append(dst, items, (int64_t)n);
}

Value goro_rw_slice(const char *s, size_t n)
{
    Value v = goro_slice_new(TT(VK_SLICE, goro_t_bytes->id), (int64_t)n, (int64_t)n);
    goro_bytes_from(goro_slice_data(v), s, (int64_t)n);
    return v;
}

Value goro_rw_nil_slice(void) { return goro_ptrval(TT(VK_SLICE, goro_t_bytes->id), NULL); }

void goro_rw_fill(Value slice, const char *s, size_t n)
{
    Value *d = goro_slice_data(slice);
    for (size_t i = 0; i < n; i++)
        d[i] = goro_byte((unsigned char)s[i]);
}

Value goro_rw_int64(int64_t n) { return goro_typed(goro_int(n), goro_t_int64); }

bool goro_rw_is_eof(Value err)
{
    return VKIND(err) != VK_NIL && err.u.p == goro_io_err(IO_EOF).u.p;
}

static int64_t int_of(Value v) { return VKIND(v) == VK_INT ? v.u.i : (int64_t)v.u.f; }

/* ------------------------------------------------------------- reading */

int goro_rw_read(G *g, Value r, RwCall *c, char *buf, size_t n, size_t *done, Value *err)
{
    *done = 0;
    *err = goro_nil();
    Obj *o = goro_rw_obj(r);
    if (o && o->cls->read)
        return o->cls->read(g, o, buf, n, done, err);
    if (goro_rw_is_nil(r))
        return goro_nil_deref(g);
    if (!c->out) {
        c->buf = goro_slice_new(TT(VK_SLICE, goro_t_bytes->id), (int64_t)n, (int64_t)n);
        Value *d = goro_slice_data(c->buf);
        for (size_t i = 0; i < n; i++)
            d[i] = goro_byte(0);
    }
    c->out = true;
    Value res[2];
    int k = goro_rw_call_method(g, r, "Read", &c->buf, 1, res, 2);
    if (k == GORO_NATIVE_CALL || k == GORO_NATIVE_RETRY)
        return k;
    c->out = false;
    Value b = c->buf;
    c->buf = goro_nil();
    if (k == GORO_RW_NO_METHOD)
        return goro_runtime_error(g, "%s does not implement io.Reader (missing method Read)",
                                  goro_type_of(r)->name);
    if (k < 0)
        return k;
    int64_t got = k > 0 ? int_of(res[0]) : 0;
    if (got < 0 || (size_t)got > n)
        return goro_panic(g, goro_error_new(goro_str_cstr("invalid Read result")));
    Value *d = goro_slice_data(b);
    for (int64_t i = 0; i < got; i++)
        buf[i] = (char)d[i].u.i;
    *done = (size_t)got;
    *err = k > 1 ? res[1] : goro_nil();
    return 0;
}

/* ------------------------------------------------------------- writing */

int goro_rw_write(G *g, Value w, RwCall *c, const char *buf, size_t n, size_t *done, Value *err)
{
    *done = 0;
    *err = goro_nil();
    Obj *o = goro_rw_obj(w);
    if (o && o->cls->write)
        return o->cls->write(g, o, buf, n, done, err);
    if (goro_rw_is_nil(w))
        return goro_nil_deref(g);
    if (!c->out)
        c->buf = goro_rw_slice(buf, n);
    c->out = true;
    Value res[2];
    int k = goro_rw_call_method(g, w, "Write", &c->buf, 1, res, 2);
    if (k == GORO_NATIVE_CALL || k == GORO_NATIVE_RETRY)
        return k;
    c->out = false;
    c->buf = goro_nil();
    if (k == GORO_RW_NO_METHOD)
        return goro_runtime_error(g, "%s does not implement io.Writer (missing method Write)",
                                  goro_type_of(w)->name);
    if (k < 0)
        return k;
    int64_t put = k > 0 ? int_of(res[0]) : 0;
    *err = k > 1 ? res[1] : goro_nil();
    if (put < 0 || (size_t)put > n) {
        put = 0;
        if (VKIND(*err) == VK_NIL)
            *err = goro_error_new(goro_str_cstr("invalid write result"));
    }
    *done = (size_t)put;
    return 0;
}

/* ------------------------------------------- Read/Write through a class */

typedef struct MethodBuf {
    char *buf;
    size_t n;
} MethodBuf;

static MethodBuf *method_buf(G *g, size_t n, const char *fill, bool copy)
{
    MethodBuf *mb = g->nstate;
    if (!mb) {
        mb = goro_alloc(sizeof *mb);
        mb->buf = goro_alloc_atomic(n + 1);
        mb->n = n;
        if (copy)
            memcpy(mb->buf, fill, n);
        g->nstate = mb;
    }
    return mb;
}

static int method_done(G *g, int r)
{
    if (r != GORO_NATIVE_CALL && r != GORO_NATIVE_RETRY)
        g->nstate = NULL;
    return r;
}

int goro_rw_method_read(G *g, Value *args, int nargs, Value *res)
{
    Obj *o = nargs ? goro_rw_obj(args[0]) : NULL;
    if (!o || !o->cls->read)
        return goro_nil_deref(g);
    if (nargs < 2 || (VKIND(args[1]) != VK_SLICE && VKIND(args[1]) != VK_NIL))
        return goro_runtime_error(g, "%s.Read: argument must be a []byte", o->cls->name);
    MethodBuf *mb = method_buf(g, args[1].aux, NULL, false);
    size_t done = 0;
    Value err = goro_nil();
    int r = o->cls->read(g, o, mb->buf, mb->n, &done, &err);
    if (r < 0)
        return method_done(g, r);
    goro_rw_fill(args[1], mb->buf, done);
    res[0] = goro_int((int64_t)done);
    res[1] = err;
    return method_done(g, 2);
}

static int method_write(G *g, Value *args, int nargs, Value *res, const char *what)
{
    Obj *o = nargs ? goro_rw_obj(args[0]) : NULL;
    if (!o || !o->cls->write)
        return goro_nil_deref(g);
    size_t n = 0;
    const char *p = NULL;
    MethodBuf *mb = g->nstate;
    if (!mb) {
        p = nargs >= 2 ? goro_rw_bytes(args[1], &n) : NULL;
        if (!p)
            return goro_runtime_error(g, "%s.%s: argument must be a %s", o->cls->name, what,
                                      what[5] ? "string" : "[]byte");
        mb = method_buf(g, n, p, true);
    }
    size_t done = 0;
    Value err = goro_nil();
    int r = o->cls->write(g, o, mb->buf, mb->n, &done, &err);
    if (r < 0)
        return method_done(g, r);
    res[0] = goro_int((int64_t)done);
    res[1] = err;
    return method_done(g, 2);
}

int goro_rw_method_write(G *g, Value *args, int nargs, Value *res)
{
    return method_write(g, args, nargs, res, "Write");
}

int goro_rw_method_write_string(G *g, Value *args, int nargs, Value *res)
{
    return method_write(g, args, nargs, res, "WriteString");
}

/* ------------------------------------------------- []byte pass-through */

Value goro_rw_subslice(Value p, size_t i, size_t j)
{
    if (!p.u.p)
        return p;
    SliceHdr *h = p.u.p, *nh = goro_alloc(sizeof *nh);
    nh->data = h->data + i;
    nh->cap = h->cap - (int64_t)i;
    Value v = goro_ptrval(p.tt, nh);
    v.aux = (uint32_t)(j - i);
    return v;
}

static bool is_native_rw(Obj *o, bool write)
{
    return o && (write ? o->cls->write != NULL : o->cls->read != NULL);
}


/* v.Read(p) or v.Write(p) for a goro value, as it returns (n, err). */
static int call_io_method(G *g, Value v, const char *method, const char *iface, Value p,
                          size_t *done, Value *err)
{
    if (goro_rw_is_nil(v))
        return goro_nil_deref(g);
    Value res[2];
    int k = goro_rw_call_method(g, v, method, &p, 1, res, 2);
    if (k == GORO_RW_NO_METHOD)
        return goro_runtime_error(g, "%s does not implement %s (missing method %s)",
                                  goro_type_of(v)->name, iface, method);
    if (k < 0)
        return k;
    int64_t n = k > 0 ? int_of(res[0]) : 0;
    *done = n < 0 ? 0 : (size_t)n;
    *err = k > 1 ? res[1] : goro_nil();
    return 0;
}

int goro_rw_read_into(G *g, Value r, Value p, size_t *done, Value *err)
{
    *done = 0;
    *err = goro_nil();
    if (is_native_rw(goro_rw_obj(r), false)) {
        char *tmp = goro_alloc_atomic((size_t)p.aux + 1);
        RwCall c = {0};
        int k = goro_rw_read(g, r, &c, tmp, p.aux, done, err);
        if (k < 0)
            return k;
        goro_rw_fill(p, tmp, *done);
        return 0;
    }
    return call_io_method(g, r, "Read", "io.Reader", p, done, err);
}

int goro_rw_write_from(G *g, Value w, Value p, size_t *done, Value *err)
{
    *done = 0;
    *err = goro_nil();
    if (is_native_rw(goro_rw_obj(w), true)) {
        size_t n;
        const char *b = goro_rw_bytes(p, &n);
        RwCall c = {0};
        return goro_rw_write(g, w, &c, b ? b : "", b ? n : 0, done, err);
    }
    return call_io_method(g, w, "Write", "io.Writer", p, done, err);
}
