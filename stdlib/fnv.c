/* fnv.c: hash/fnv (FNV-1 and FNV-1a, 32 and 64 bits: New32, New32a,
 * New64, New64a) and the hash package's interfaces.  A hash is a native
 * writer, so fmt.Fprint and io.WriteString write into it directly. */
#include "pkg.h"
#include "rw.h"
#include "vm.h"

typedef struct FnvObj {
    Obj obj;
    uint64_t h;
} FnvObj;

enum { F32, F32A, F64, F64A, FN };

static const uint64_t offset[FN] = {2166136261u, 2166136261u, 14695981039346656037ull, 14695981039346656037ull};
static ObjClass classes[FN] = {
    {.name = "*fnv.sum32"}, {.name = "*fnv.sum32a"}, {.name = "*fnv.sum64"}, {.name = "*fnv.sum64a"}};

static int kind_of(const Obj *o) { return (int)(o->cls - classes); }

static FnvObj *as_fnv(Value v)
{
    Obj *o = goro_rw_obj(v);
    return o && o->cls >= classes && o->cls < classes + FN ? (FnvObj *)o : NULL;
}

static void mix(FnvObj *f, const unsigned char *p, size_t n)
{
    int k = kind_of(&f->obj);
    uint64_t h = f->h;
    for (size_t i = 0; i < n; i++) {
        switch (k) {
        case F32: h = (uint32_t)(h * 16777619u) ^ p[i]; break;
        case F32A: h = (uint32_t)((h ^ p[i]) * 16777619u); break;
        case F64: h = (h * 1099511628211ull) ^ p[i]; break;
        default: h = (h ^ p[i]) * 1099511628211ull; break;
        }
    }
    f->h = h;
}

static int cls_write(G *g, Obj *o, const char *buf, size_t n, size_t *done, Value *err)
{
    GORO_UNUSED(g);
    mix((FnvObj *)o, (const unsigned char *)buf, n);
    *done = n;
    *err = goro_nil();
    return 0;
}

#define NEED_FNV(f)                                                                       \
    FnvObj *f = nargs ? as_fnv(args[0]) : NULL;                                           \
    if (!f)                                                                               \
        return goro_nil_deref(g);

static int size_of(FnvObj *f) { return kind_of(&f->obj) <= F32A ? 4 : 8; }

static int m_reset(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    NEED_FNV(f);
    f->h = offset[kind_of(&f->obj)];
    return 0;
}

static int m_size(G *g, Value *args, int nargs, Value *res)
{
    NEED_FNV(f);
    res[0] = goro_int(size_of(f));
    return 1;
}

static int m_blocksize(G *g, Value *args, int nargs, Value *res)
{
    NEED_FNV(f);
    res[0] = goro_int(1);
    return 1;
}

static int m_sum32(G *g, Value *args, int nargs, Value *res)
{
    NEED_FNV(f);
    res[0] = goro_typed(goro_int((int64_t)(uint32_t)f->h), goro_t_uint32);
    return 1;
}

static int m_sum64(G *g, Value *args, int nargs, Value *res)
{
    NEED_FNV(f);
    res[0] = goro_typed(goro_int((int64_t)f->h), goro_t_uint64);
    return 1;
}

/* Sum(b): b with the hash appended, big-endian. */
static int m_sum(G *g, Value *args, int nargs, Value *res)
{
    NEED_FNV(f);
    int n = size_of(f);
    unsigned char s[8];
    for (int i = 0; i < n; i++)
        s[i] = (unsigned char)(f->h >> (8 * (n - 1 - i)));
    Value b = nargs > 1 && VKIND(args[1]) == VK_SLICE ? args[1] : goro_rw_slice("", 0);
    res[0] = goro_rw_append(b, (const char *)s, (size_t)n);
    return 1;
}

static int make(int k, Value *res)
{
    FnvObj *f = goro_alloc(sizeof *f);
    f->obj.cls = &classes[k];
    f->h = offset[k];
    res[0] = goro_obj_value(&f->obj);
    return 1;
}

static int f_new32(G *g, Value *a, int n, Value *r) { GORO_UNUSED(g), GORO_UNUSED(a), GORO_UNUSED(n); return make(F32, r); }
static int f_new32a(G *g, Value *a, int n, Value *r) { GORO_UNUSED(g), GORO_UNUSED(a), GORO_UNUSED(n); return make(F32A, r); }
static int f_new64(G *g, Value *a, int n, Value *r) { GORO_UNUSED(g), GORO_UNUSED(a), GORO_UNUSED(n); return make(F64, r); }
static int f_new64a(G *g, Value *a, int n, Value *r) { GORO_UNUSED(g), GORO_UNUSED(a), GORO_UNUSED(n); return make(F64A, r); }

void goro_pkg_fnv_init(void)
{
    Package *h = goro_pkg_new("hash");
    goro_pkg_iface(h, "Hash", "BlockSize Reset Size Sum Write");
    goro_pkg_iface(h, "Hash32", "BlockSize Reset Size Sum Sum32 Write");
    goro_pkg_iface(h, "Hash64", "BlockSize Reset Size Sum Sum64 Write");
    Package *p = goro_pkg_new("hash/fnv");
    for (int k = 0; k < FN; k++) {
        classes[k].write = cls_write;
        Type *t = goro_pkg_obj_type(NULL, "fnv", classes[k].name + 5, &classes[k], NULL);
        goro_pkg_method(t, "Write", goro_rw_method_write);
        goro_pkg_method(t, "Reset", m_reset);
        goro_pkg_method(t, "Size", m_size);
        goro_pkg_method(t, "BlockSize", m_blocksize);
        goro_pkg_method(t, "Sum", m_sum);
        goro_pkg_method(t, k <= F32A ? "Sum32" : "Sum64", k <= F32A ? m_sum32 : m_sum64);
    }
    goro_pkg_func(p, "New32", f_new32);
    goro_pkg_func(p, "New32a", f_new32a);
    goro_pkg_func(p, "New64", f_new64);
    goro_pkg_func(p, "New64a", f_new64a);
}
