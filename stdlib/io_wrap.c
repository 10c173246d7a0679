/* io_wrap.c: io's readers and writers that wrap others: LimitReader
 * (*io.LimitedReader, a struct with R and N as Go's), NewSectionReader,
 * MultiReader, MultiWriter, TeeReader, NopCloser and Discard.
 *
 * Each Read/Write hands the caller's []byte on to the wrapped value
 * (goro_rw_read_into), so when that call parks and the method is called
 * again it simply makes the same call and gets its results; what must
 * survive between two calls (TeeReader's write after its read,
 * MultiWriter's position) is kept in the wrapper. */
#include <string.h>

#include "errors_obj.h"
#include "io_errors.h"
#include "io_pkg.h"
#include "rw.h"
#include "vm.h"

static Value eof(void) { return goro_io_err(IO_EOF); }
static bool need_slice(Value *args, int nargs)
{
    return nargs >= 2 && (VKIND(args[1]) == VK_SLICE || VKIND(args[1]) == VK_NIL);
}

static int rw_results(Value *res, size_t n, Value err)
{
    res[0] = goro_int((int64_t)n);
    res[1] = err;
    return 2;
}

/* ------------------------------------------------------- LimitedReader */

static Type *limited_t;

bool goro_io_limited_n(Value v, int64_t *n)
{
    if (VKIND(v) != VK_PTR || !v.u.p || !limited_t)
        return false;
    Value s = *(Value *)v.u.p;
    if (VKIND(s) != VK_STRUCT || ((Struct *)s.u.p)->type != limited_t)
        return false;
    *n = ((Struct *)s.u.p)->f[1].u.i;
    return true;
}

static int lr_read(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1 || VKIND(args[0]) != VK_STRUCT)
        return goro_nil_deref(g);
    if (!need_slice(args, nargs))
        return goro_runtime_error(g, "io.LimitedReader.Read: argument must be a []byte");
    Struct *s = args[0].u.p;
    int64_t lim = s->f[1].u.i;
    if (lim <= 0)
        return rw_results(res, 0, eof());
    Value p = args[1];
    if ((int64_t)p.aux > lim)
        p = goro_rw_subslice(p, 0, (size_t)lim);
    size_t n;
    Value err;
    int k = goro_rw_read_into(g, s->f[0], p, &n, &err);
    if (k < 0)
        return k;
    s->f[1] = goro_rw_int64(lim - (int64_t)n);
    return rw_results(res, n, err);
}

static int io_limitreader(G *g, Value *args, int nargs, Value *res)
{
    int64_t n;
    if (nargs < 2 || !goro_arg_int(args, nargs, 1, &n))
        return goro_runtime_error(g, "io.LimitReader: expects a reader and a count");
    Value sv = goro_type_zero(limited_t);
    Struct *s = sv.u.p;
    s->f[0] = args[0];
    s->f[1] = goro_rw_int64(n);
    Value *cell = goro_alloc(sizeof *cell);
    *cell = sv;
    res[0] = goro_ptrval(TT(VK_PTR, goro_type_ptr(limited_t)->id), cell);
    return 1;
}

/* ------------------------------------------------------- SectionReader */

typedef struct SectionObj {
    Obj obj;
    Value r;
    int64_t base, off, limit;
} SectionObj;

static ObjClass section_class = {.name = "*io.SectionReader"};

static SectionObj *as_section(Value *args, int nargs)
{
    Obj *o = nargs ? goro_rw_obj(args[0]) : NULL;
    return o && o->cls == &section_class ? (SectionObj *)o : NULL;
}

/* r.ReadAt(p, off) */
static int read_at(G *g, Value r, Value p, int64_t off, size_t *n, Value *err)
{
    Value a[2] = {p, goro_rw_int64(off)}, r2[2];
    int k = goro_rw_call_method(g, r, "ReadAt", a, 2, r2, 2);
    if (k == GORO_RW_NO_METHOD)
        return goro_runtime_error(g, "%s does not implement io.ReaderAt (missing method ReadAt)",
                                  goro_type_of(r)->name);
    if (k < 0)
        return k;
    *n = k > 0 && VKIND(r2[0]) == VK_INT && r2[0].u.i > 0 ? (size_t)r2[0].u.i : 0;
    *err = k > 1 ? r2[1] : goro_nil();
    return 0;
}

static int sr_read(G *g, Value *args, int nargs, Value *res)
{
    SectionObj *s = as_section(args, nargs);
    if (!s)
        return goro_nil_deref(g);
    if (!need_slice(args, nargs))
        return goro_runtime_error(g, "io.SectionReader.Read: argument must be a []byte");
    if (s->off >= s->limit)
        return rw_results(res, 0, eof());
    Value p = args[1];
    if ((int64_t)p.aux > s->limit - s->off)
        p = goro_rw_subslice(p, 0, (size_t)(s->limit - s->off));
    size_t n;
    Value err;
    int k = read_at(g, s->r, p, s->off, &n, &err);
    if (k < 0)
        return k;
    s->off += (int64_t)n;
    return rw_results(res, n, err);
}

static int sr_readat(G *g, Value *args, int nargs, Value *res)
{
    SectionObj *s = as_section(args, nargs);
    int64_t off;
    if (!s)
        return goro_nil_deref(g);
    if (!need_slice(args, nargs) || !goro_arg_int(args, nargs, 2, &off))
        return goro_runtime_error(g, "io.SectionReader.ReadAt: expects a []byte and an offset");
    if (off < 0 || off >= s->limit - s->base)
        return rw_results(res, 0, eof());
    off += s->base;
    Value p = args[1];
    bool cut = (int64_t)p.aux > s->limit - off;
    if (cut)
        p = goro_rw_subslice(p, 0, (size_t)(s->limit - off));
    size_t n;
    Value err;
    int k = read_at(g, s->r, p, off, &n, &err);
    if (k < 0)
        return k;
    if (cut && VKIND(err) == VK_NIL)
        err = eof();
    return rw_results(res, n, err);
}

static int sr_seek(G *g, Value *args, int nargs, Value *res)
{
    SectionObj *s = as_section(args, nargs);
    int64_t off, whence;
    if (!s)
        return goro_nil_deref(g);
    if (!goro_arg_int(args, nargs, 1, &off) || !goro_arg_int(args, nargs, 2, &whence))
        return goro_runtime_error(g, "io.SectionReader.Seek: expects an offset and a whence");
    switch (whence) {
    case 0: off += s->base; break;
    case 1: off += s->off; break;
    case 2: off += s->limit; break;
    default:
        res[0] = goro_rw_int64(0);
        res[1] = goro_error_new(goro_str_cstr("Seek: invalid whence"));
        return 2;
    }
    if (off < s->base) {
        res[0] = goro_rw_int64(0);
        res[1] = goro_error_new(goro_str_cstr("Seek: invalid offset"));
        return 2;
    }
    s->off = off;
    res[0] = goro_rw_int64(off - s->base);
    res[1] = goro_nil();
    return 2;
}

static int sr_size(G *g, Value *args, int nargs, Value *res)
{
    SectionObj *s = as_section(args, nargs);
    if (!s)
        return goro_nil_deref(g);
    res[0] = goro_rw_int64(s->limit - s->base);
    return 1;
}

static int io_newsectionreader(G *g, Value *args, int nargs, Value *res)
{
    int64_t off, n;
    if (nargs < 3 || !goro_arg_int(args, nargs, 1, &off) || !goro_arg_int(args, nargs, 2, &n))
        return goro_runtime_error(g, "io.NewSectionReader: expects a reader, an offset and a size");
    SectionObj *s = goro_alloc(sizeof *s);
    s->obj.cls = &section_class;
    s->r = args[0];
    s->base = s->off = off;
    s->limit = off <= INT64_MAX - n ? off + n : INT64_MAX;
    res[0] = goro_obj_value(&s->obj);
    return 1;
}

/* --------------------------------------------------------- MultiReader */

typedef struct MultiObj {
    Obj obj;
    Value *v;
    int n, i;        /* readers/writers v[i:n] remain (MultiWriter: at v[i]) */
} MultiObj;

static ObjClass multir_class = {.name = "*io.multiReader"};
static ObjClass multiw_class = {.name = "*io.multiWriter"};

static MultiObj *as_multi(Value v, ObjClass *cls)
{
    return (MultiObj *)goro_rw_obj_of(v, cls);
}

static int mr_read(G *g, Value *args, int nargs, Value *res)
{
    MultiObj *m = nargs ? as_multi(args[0], &multir_class) : NULL;
    if (!m)
        return goro_nil_deref(g);
    if (!need_slice(args, nargs))
        return goro_runtime_error(g, "io.multiReader.Read: argument must be a []byte");
    while (m->i < m->n) {
        MultiObj *inner = m->n - m->i == 1 ? as_multi(m->v[m->i], &multir_class) : NULL;
        if (inner) {   /* flatten nested multiReaders, as Go */
            m->v = inner->v + inner->i;
            m->n = inner->n - inner->i;
            m->i = 0;
            continue;
        }
        size_t n;
        Value err;
        int k = goro_rw_read_into(g, m->v[m->i], args[1], &n, &err);
        if (k < 0)
            return k;
        bool at_eof = goro_rw_is_eof(err);
        if (at_eof)
            m->i++;
        if (n > 0 || !at_eof) {
            if (at_eof && m->i < m->n)
                err = goro_nil();
            return rw_results(res, n, err);
        }
    }
    return rw_results(res, 0, eof());
}

static Value *copy_args(Value *args, int nargs, int *n)
{
    /* MultiReader(rs...) arrives spread or as one slice */
    if (nargs == 1 && VKIND(args[0]) == VK_SLICE && goro_type_of(args[0])->elem &&
        goro_type_of(args[0])->elem->kind == TY_IFACE) {
        *n = args[0].aux;
        Value *v = goro_alloc(sizeof(Value) * (size_t)(*n + 1));
        memcpy(v, goro_slice_data(args[0]), sizeof(Value) * (size_t)*n);
        return v;
    }
    *n = nargs;
    Value *v = goro_alloc(sizeof(Value) * (size_t)(nargs + 1));
    memcpy(v, args, sizeof(Value) * (size_t)nargs);
    return v;
}

static int io_multi(G *g, Value *args, int nargs, Value *res, ObjClass *cls)
{
    GORO_UNUSED(g);
    MultiObj *m = goro_alloc(sizeof *m);
    m->obj.cls = cls;
    m->v = copy_args(args, nargs, &m->n);
    res[0] = goro_obj_value(&m->obj);
    return 1;
}

static int io_multireader(G *g, Value *a, int n, Value *r) { return io_multi(g, a, n, r, &multir_class); }
static int io_multiwriter(G *g, Value *a, int n, Value *r) { return io_multi(g, a, n, r, &multiw_class); }

static int mw_write(G *g, Value *args, int nargs, Value *res)
{
    MultiObj *m = nargs ? as_multi(args[0], &multiw_class) : NULL;
    if (!m)
        return goro_nil_deref(g);
    if (!need_slice(args, nargs))
        return goro_runtime_error(g, "io.multiWriter.Write: argument must be a []byte");
    Value p = args[1];
    for (; m->i < m->n; m->i++) {
        size_t n;
        Value err;
        int k = goro_rw_write_from(g, m->v[m->i], p, &n, &err);
        if (k == GORO_NATIVE_CALL || k == GORO_NATIVE_RETRY)
            return k;
        if (k < 0 || VKIND(err) != VK_NIL || n != p.aux) {
            m->i = 0;
            if (k < 0)
                return k;
            return rw_results(res, n, VKIND(err) != VK_NIL ? err : goro_io_err(IO_SHORT_WRITE));
        }
    }
    m->i = 0;
    return rw_results(res, p.aux, goro_nil());
}

/* ---------------------------------------------------------- TeeReader */

typedef struct TeeObj {
    Obj obj;
    Value r, w;
    bool writing;     /* the read is done; its bytes are being written */
    size_t n;
    Value err;
} TeeObj;

static ObjClass tee_class = {.name = "*io.teeReader"};

static int tee_read(G *g, Value *args, int nargs, Value *res)
{
    Obj *o = nargs ? goro_rw_obj(args[0]) : NULL;
    if (!o || o->cls != &tee_class)
        return goro_nil_deref(g);
    if (!need_slice(args, nargs))
        return goro_runtime_error(g, "io.teeReader.Read: argument must be a []byte");
    TeeObj *t = (TeeObj *)o;
    if (!t->writing) {
        int k = goro_rw_read_into(g, t->r, args[1], &t->n, &t->err);
        if (k < 0)
            return k;
        if (t->n == 0)
            return rw_results(res, 0, t->err);
        t->writing = true;
    }
    size_t n;
    Value err;
    int k = goro_rw_write_from(g, t->w, goro_rw_subslice(args[1], 0, t->n), &n, &err);
    if (k == GORO_NATIVE_CALL || k == GORO_NATIVE_RETRY)
        return k;
    t->writing = false;
    if (k < 0)
        return k;
    if (VKIND(err) != VK_NIL)
        return rw_results(res, n, err);
    return rw_results(res, t->n, t->err);
}

static int io_teereader(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 2)
        return goro_runtime_error(g, "not enough arguments in call to io.TeeReader");
    TeeObj *t = goro_alloc(sizeof *t);
    t->obj.cls = &tee_class;
    t->r = args[0];
    t->w = args[1];
    res[0] = goro_obj_value(&t->obj);
    return 1;
}

/* ---------------------------------------------------- NopCloser, Discard */

typedef struct NopObj {
    Obj obj;
    Value r;
} NopObj;

static ObjClass nop_class = {.name = "io.nopCloser"};
static ObjClass nopwt_class = {.name = "io.nopCloserWriterTo"};
static ObjClass discard_class = {.name = "io.discard"};

static int nop_read(G *g, Value *args, int nargs, Value *res)
{
    Obj *o = nargs ? goro_rw_obj(args[0]) : NULL;
    if (!o || (o->cls != &nop_class && o->cls != &nopwt_class))
        return goro_nil_deref(g);
    if (!need_slice(args, nargs))
        return goro_runtime_error(g, "io.nopCloser.Read: argument must be a []byte");
    size_t n;
    Value err;
    int k = goro_rw_read_into(g, ((NopObj *)o)->r, args[1], &n, &err);
    if (k < 0)
        return k;
    return rw_results(res, n, err);
}

static int nop_writeto(G *g, Value *args, int nargs, Value *res)
{
    Obj *o = nargs ? goro_rw_obj(args[0]) : NULL;
    if (!o || o->cls != &nopwt_class || nargs < 2)
        return goro_nil_deref(g);
    return goro_rw_call_method(g, ((NopObj *)o)->r, "WriteTo", args + 1, 1, res, 2);
}

static int nop_close(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g); GORO_UNUSED(args); GORO_UNUSED(nargs);
    res[0] = goro_nil();
    return 1;
}

static int io_nopcloser(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1)
        return goro_runtime_error(g, "not enough arguments in call to io.NopCloser");
    NopObj *n = goro_alloc(sizeof *n);
    n->obj.cls = goro_rw_has_method(args[0], "WriteTo") ? &nopwt_class : &nop_class;
    n->r = args[0];
    res[0] = goro_obj_value(&n->obj);
    return 1;
}

static int discard_write(G *g, Obj *o, const char *buf, size_t n, size_t *done, Value *err)
{
    GORO_UNUSED(g); GORO_UNUSED(o); GORO_UNUSED(buf);
    *done = n;
    *err = goro_nil();
    return 0;
}

/* Discard.ReadFrom: read [r] to its end (Go's 8 KiB reads); the count
 * so far in g->nstate while a Read parks. */
typedef struct DiscardState {
    Value p;
    int64_t total;
} DiscardState;

static int discard_readfrom(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 2)
        return goro_runtime_error(g, "not enough arguments in call to io.discard.ReadFrom");
    DiscardState *st = g->nstate;
    if (!st) {
        st = goro_alloc(sizeof *st);
        st->p = goro_slice_new(TT(VK_SLICE, goro_t_bytes->id), 8192, 8192);
        g->nstate = st;
    }
    for (;;) {
        size_t n;
        Value err;
        int k = goro_rw_read_into(g, args[1], st->p, &n, &err);
        if (k == GORO_NATIVE_CALL || k == GORO_NATIVE_RETRY)
            return k;
        if (k < 0) {
            g->nstate = NULL;
            return k;
        }
        st->total += (int64_t)n;
        if (VKIND(err) != VK_NIL) {
            res[0] = goro_rw_int64(st->total);
            res[1] = goro_rw_is_eof(err) ? goro_nil() : err;
            g->nstate = NULL;
            return 2;
        }
    }
}

void goro_io_wrap_init(Package *p)
{
    /* the struct type keeps these arrays */
    const char **names = goro_alloc(2 * sizeof *names);
    Type **types = goro_alloc(2 * sizeof *types);
    bool *emb = goro_alloc(2 * sizeof *emb);
    names[0] = goro_intern_cstr("R");
    names[1] = goro_intern_cstr("N");
    types[0] = goro_pkg_member(p, goro_intern_cstr("Reader"))->type;
    types[1] = goro_t_int64;
    limited_t = goro_type_named("io", "LimitedReader", goro_type_struct(2, names, types, emb));
    goro_pkg_type(p, "LimitedReader", limited_t);
    goro_type_add_method(limited_t, goro_intern_cstr("Read"),
                         goro_native_value("io.(*LimitedReader).Read", lr_read), true);
    goro_pkg_func(p, "LimitReader", io_limitreader);

    Type *st = goro_pkg_obj_type(p, "io", "SectionReader", &section_class, NULL);
    goro_pkg_method(st, "Read", sr_read);
    goro_pkg_method(st, "ReadAt", sr_readat);
    goro_pkg_method(st, "Seek", sr_seek);
    goro_pkg_method(st, "Size", sr_size);
    goro_pkg_func(p, "NewSectionReader", io_newsectionreader);

    Type *t = goro_pkg_obj_type(p, "io", "multiReader", &multir_class, NULL);
    goro_pkg_method(t, "Read", mr_read);
    goro_pkg_func(p, "MultiReader", io_multireader);
    t = goro_pkg_obj_type(p, "io", "multiWriter", &multiw_class, NULL);
    goro_pkg_method(t, "Write", mw_write);
    goro_pkg_func(p, "MultiWriter", io_multiwriter);
    t = goro_pkg_obj_type(p, "io", "teeReader", &tee_class, NULL);
    goro_pkg_method(t, "Read", tee_read);
    goro_pkg_func(p, "TeeReader", io_teereader);
    t = goro_pkg_obj_type(p, "io", "nopCloser", &nop_class, NULL);
    goro_pkg_method(t, "Read", nop_read);
    goro_pkg_method(t, "Close", nop_close);
    t = goro_pkg_obj_type(p, "io", "nopCloserWriterTo", &nopwt_class, NULL);
    goro_pkg_method(t, "Read", nop_read);
    goro_pkg_method(t, "Close", nop_close);
    goro_pkg_method(t, "WriteTo", nop_writeto);
    goro_pkg_func(p, "NopCloser", io_nopcloser);

    discard_class.write = discard_write;
    t = goro_pkg_obj_type(p, "io", "discard", &discard_class, NULL);
    goro_pkg_method(t, "Write", goro_rw_method_write);
    goro_pkg_method(t, "WriteString", goro_rw_method_write_string);
    goro_pkg_method(t, "ReadFrom", discard_readfrom);
    Obj *d = goro_alloc(sizeof *d);
    d->cls = &discard_class;
    goro_pkg_var(p, "Discard", goro_obj_value(d));
}
