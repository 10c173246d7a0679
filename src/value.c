/* value.c: equality, hashing and copying of values; strings and slices. */
#include "value.h"

#include <math.h>

#include "object.h"
#include "type.h"

/* ---------------------------------------------------------------- strings */

Value goro_str_nocopy(const char *s, int64_t n)
{
    Value v = {VK_STRING, (uint32_t)n, {.s = n ? s : ""}};
    return v;
}

Value goro_str(const char *s, int64_t n)
{
    if (n == 0)
        return goro_str_nocopy("", 0);
    char *d = goro_alloc_atomic((size_t)n + 1);
    memcpy(d, s, (size_t)n);
    d[n] = 0;
    return goro_str_nocopy(d, n);
}

Value goro_str_cstr(const char *s) { return goro_str(s, (int64_t)strlen(s)); }

Value goro_str_concat(Value a, Value b)
{
    if (b.aux == 0)
        return a;
    if (a.aux == 0) {
        b.tt = a.tt;
        return b;
    }
    int64_t n = (int64_t)a.aux + b.aux;
    if (n > UINT32_MAX)
        goro_fatal("string too long");
    char *d = goro_alloc_atomic((size_t)n + 1);
    memcpy(d, a.u.s, a.aux);
    memcpy(d + a.aux, b.u.s, b.aux);
    d[n] = 0;
    Value v = goro_str_nocopy(d, n);
    v.tt = a.tt;
    return v;
}

int goro_str_compare(Value a, Value b)
{
    uint32_t n = a.aux < b.aux ? a.aux : b.aux;
    int c = memcmp(a.u.s, b.u.s, n);
    if (c)
        return c < 0 ? -1 : 1;
    return a.aux < b.aux ? -1 : a.aux > b.aux;
}

/* ---------------------------------------------------------------- complex */

Value goro_complex(double re, double im)
{
    Complex *c = goro_alloc_atomic(sizeof *c);
    c->re = re;
    c->im = im;
    Value v = {VK_COMPLEX, 0, {.p = c}};
    return v;
}

/* ----------------------------------------------------------------- slices */

static Type *slice_elem(uint32_t tt)
{
    unsigned id = tt >> 16;
    Type *t = id ? goro_type_table[id] : NULL;
    return t && t->under->elem ? t->under->elem : NULL;
}

/* Fill [n] slots with the element type's zero value (plain scalars
 * only: arrays and structs are filled by the caller that needs them). */
static void fill_zero(Value *d, int64_t n, Type *elem)
{
    if (!elem || elem->kind == TY_IFACE || elem->kind == TY_ARRAY || elem->kind == TY_STRUCT ||
        elem->kind == TY_OBJ)
        return;
    Value z = goro_type_zero(elem);
    for (int64_t i = 0; i < n; i++)
        d[i] = z;
}

static Value *alloc_values(int64_t n)
{
    if (n <= 0)
        return NULL;
    if ((uint64_t)n > ((uint64_t)1 << 40) / sizeof(Value))
        return NULL;
    /* Large arrays referenced only through their base: tell Boehm. */
    size_t bytes = (size_t)n * sizeof(Value);
    return bytes > 100000 ? GC_MALLOC_IGNORE_OFF_PAGE(bytes) : GC_MALLOC(bytes);
}

/* A header and, for small slices, its array in the same object: one
 * allocation, and the elements sit next to the header in memory. */
static SliceHdr *new_header(int64_t cap)
{
    SliceHdr *h;
    if (cap > 0 && cap <= 64) {
        h = goro_alloc(sizeof *h + sizeof(Value) * (size_t)cap);
        h->data = (Value *)(h + 1);
    } else {
        h = goro_alloc(sizeof *h);
        h->data = alloc_values(cap);
        if (cap > 0 && !h->data)
            goro_fatal("out of memory allocating a slice of %lld elements", (long long)cap);
    }
    h->cap = cap;
    return h;
}

Value goro_slice_new(uint32_t tt, int64_t len, int64_t cap)
{
    SliceHdr *h = new_header(cap);
    h->cap = cap;
    Type *elem = slice_elem(tt);
    if (elem) {
        fill_zero(h->data, cap, elem);
        if (elem->kind == TY_ARRAY || elem->kind == TY_STRUCT || elem->kind == TY_OBJ)
            for (int64_t i = 0; i < len; i++)
                h->data[i] = goro_type_zero(elem);
    }
    Value v = {tt, (uint32_t)len, {.p = h}};
    return v;
}

Value goro_slice_from(uint32_t tt, const Value *items, int64_t n)
{
    Value s = goro_slice_new(tt, n, n);
    if (n)
        memcpy(goro_slice_data(s), items, sizeof(Value) * (size_t)n);
    return s;
}

void goro_values_copy(Value *dst, const Value *src, int64_t n)
{
    if (n <= 0)
        return;
    memmove(dst, src, sizeof(Value) * (size_t)n);
    for (int64_t i = 0; i < n; i++)
        if (goro_value_needs_copy(dst[i]))
            dst[i] = goro_value_copy(dst[i]);
}

/* Go's allocation size classes (runtime/sizeclasses.go), so that cap()
 * after append grows exactly as in Go. */
static const uint16_t size_classes[] = {
    8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256,
    288, 320, 352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280,
    1408, 1536, 1792, 2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528,
    6784, 6912, 8192, 9472, 9728, 10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072,
    20480, 21760, 24576, 27264, 28672, 32768,
};

uint64_t goro_roundupsize(uint64_t size)
{
    if (size <= 32768) {
        for (size_t i = 0; i < sizeof size_classes / sizeof size_classes[0]; i++)
            if (size <= size_classes[i])
                return size_classes[i];
    }
    return (size + 8191) & ~(uint64_t)8191;
}

/* The size Go gives an element of type [t] (for growth rounding only). */
static uint64_t elem_size(Type *t)
{
    if (!t)
        return 16;
    switch (t->kind) {
    case TY_BOOL: case TY_INT8: case TY_UINT8: return 1;
    case TY_INT16: case TY_UINT16: return 2;
    case TY_INT32: case TY_UINT32: case TY_FLOAT32: return 4;
    case TY_STRING: case TY_IFACE: case TY_NIL: case TY_COMPLEX128: return 16;
    case TY_SLICE: return 24;
    case TY_ARRAY: return elem_size(t->elem) * (uint64_t)t->len;
    case TY_STRUCT: {
        uint64_t s = 0, align = 1;
        for (int i = 0; i < t->nfields; i++) {
            uint64_t fs = elem_size(t->ftypes[i]);
            uint64_t fa = fs >= 8 ? 8 : fs ? fs : 1;
            if (fa > align) align = fa;
            s = (s + fa - 1) / fa * fa + fs;
        }
        return (s + align - 1) / align * align;
    }
    default: return 8;
    }
}

static int64_t grow_cap(int64_t oldcap, int64_t newlen, Type *elem)
{
    int64_t newcap = oldcap;
    int64_t doublecap = newcap + newcap;
    if (newlen > doublecap) {
        newcap = newlen;
    } else if (oldcap < 256) {
        newcap = doublecap;
    } else {
        while (newcap < newlen)
            newcap += (newcap + 3 * 256) >> 2;
    }
    uint64_t es = elem_size(elem);
    if (es == 0)
        return newcap;
    return (int64_t)(goro_roundupsize((uint64_t)newcap * es) / es);
}

Value goro_slice_append(Value s, const Value *items, int64_t n)
{
    int64_t len = s.aux;
    int64_t cap = goro_slice_cap(s);
    if (n == 0) {
        if (VKIND(s) == VK_NIL)
            s.tt = VK_SLICE;
        return s;
    }
    if (len + n > UINT32_MAX)
        goro_fatal("slice too long");
    if (len + n <= cap) {
        goro_values_copy(((SliceHdr *)s.u.p)->data + len, items, n);
        s.aux = (uint32_t)(len + n);
        return s;
    }
    Type *elem = slice_elem(s.tt);
    int64_t ncap = grow_cap(cap, len + n, elem);
    SliceHdr *h = new_header(ncap);
    /* the old array may still be in use: its structs and arrays are
     * values, so the new one gets copies */
    goro_values_copy(h->data, goro_slice_data(s), len);
    goro_values_copy(h->data + len, items, n);
    fill_zero(h->data + len + n, ncap - len - n, elem);
    Value v = {VKIND(s) == VK_NIL ? (uint32_t)VK_SLICE : s.tt, (uint32_t)(len + n), {.p = h}};
    return v;
}

Value goro_array_new(uint32_t tt, int64_t len)
{
    Array *a = goro_alloc(sizeof *a + sizeof(Value) * (size_t)len);
    a->len = len;
    Value v = {tt, 0, {.p = a}};
    return v;
}

/* --------------------------------------------------------------- equality */

/* int == float, exactly: no rounding of the int. */
static bool int_float_equal(Value i, double f)
{
    if (f != trunc(f) || !(f >= -9223372036854775808.0 && f < 9223372036854775808.0))
        return false;
    if (VTYPEID(i) && goro_type_is_unsigned(goro_type_table[VTYPEID(i)]) && i.u.i < 0)
        return false;
    return (int64_t)f == i.u.i;
}

/* Go's == on two values.  [strict] is the comparison of two interface
 * values (and of map keys): the dynamic types must be identical, so
 * any(1) != any(int8(1)) and any(1) != any(1.0).  Without it, goro's
 * relaxation for code whose types are unknown: numbers compare by value
 * across int and float, and a default-typed number (a constant) matches a
 * sized or named one. */
static bool equal(Value a, Value b, const char **err, bool strict)
{
    unsigned ka = VKIND(a), kb = VKIND(b);
    if (ka != kb) {
        if (strict) {
            /* a nil interface equals only itself, or an untyped nil
             * pointer/map/chan/func a native handed out */
            if (ka == VK_NIL)
                return kb != VK_SLICE && goro_value_is_nil(b) && kb != VK_STRUCT && kb != VK_ARRAY;
            if (kb == VK_NIL)
                return ka != VK_SLICE && goro_value_is_nil(a) && ka != VK_STRUCT && ka != VK_ARRAY;
            return false;
        }
        if (ka == VK_INT && kb == VK_FLOAT)
            return int_float_equal(a, b.u.f);
        if (ka == VK_FLOAT && kb == VK_INT)
            return int_float_equal(b, a.u.f);
        /* an untyped number against a complex: 1 == 1+0i */
        if (ka == VK_COMPLEX && (kb == VK_INT || kb == VK_FLOAT))
            return goro_cimag(a) == 0 && (kb == VK_FLOAT ? b.u.f == goro_creal(a)
                                                         : int_float_equal(b, goro_creal(a)));
        if (kb == VK_COMPLEX && (ka == VK_INT || ka == VK_FLOAT))
            return goro_cimag(b) == 0 && (ka == VK_FLOAT ? a.u.f == goro_creal(b)
                                                         : int_float_equal(a, goro_creal(b)));
        if (ka == VK_NIL)
            return goro_value_is_nil(b) && kb != VK_STRUCT && kb != VK_ARRAY;
        if (kb == VK_NIL)
            return goro_value_is_nil(a) && ka != VK_STRUCT && ka != VK_ARRAY;
        return false;
    }
    switch (ka) {
    case VK_NIL:
        return true;
    case VK_INT:
        /* two explicitly typed integers of different types differ, as
         * interface values in Go; a plain int (a constant) matches any */
        if (VTYPEID(a) != VTYPEID(b) && (strict || (VTYPEID(a) && VTYPEID(b))))
            return false;
        return a.u.i == b.u.i;
    case VK_BOOL:
        return a.u.i == b.u.i && (!strict || VTYPEID(a) == VTYPEID(b));
    case VK_FLOAT:
        if (VTYPEID(a) != VTYPEID(b) && (strict || (VTYPEID(a) && VTYPEID(b))))
            return false;
        return a.u.f == b.u.f;
    case VK_COMPLEX:
        if (VTYPEID(a) != VTYPEID(b) && (strict || (VTYPEID(a) && VTYPEID(b))))
            return false;
        return goro_creal(a) == goro_creal(b) && goro_cimag(a) == goro_cimag(b);
    case VK_STRING:
        if (strict && VTYPEID(a) != VTYPEID(b))
            return false;
        return a.aux == b.aux && (a.u.s == b.u.s || memcmp(a.u.s, b.u.s, a.aux) == 0);
    case VK_SLICE: case VK_MAP: case VK_FUNC:
        if (a.u.p == NULL || b.u.p == NULL)
            return a.u.p == b.u.p;
        if (err)
            *err = goro_sprintf("comparing uncomparable type %s", goro_type_of(a)->name);
        return false;
    case VK_NATIVE: case VK_BOUND:
        if (err)
            *err = goro_sprintf("comparing uncomparable type %s", goro_type_of(a)->name);
        return false;
    case VK_ARRAY: {
        Array *x = a.u.p, *y = b.u.p;
        if (x->len != y->len)
            return false;
        for (int64_t i = 0; i < x->len; i++)
            if (!equal(x->v[i], y->v[i], err, strict))
                return false;
        return true;
    }
    case VK_STRUCT: {
        Struct *x = a.u.p, *y = b.u.p;
        if (x->type != y->type)
            return false;
        for (int64_t i = 0; i < x->n; i++) {
            unsigned k = VKIND(x->f[i]);
            if (k == VK_SLICE || k == VK_MAP || k == VK_FUNC || k == VK_NATIVE || k == VK_BOUND) {
                if (err)
                    *err = goro_sprintf("comparing uncomparable type %s", x->type->name);
                return false;
            }
        }
        for (int64_t i = 0; i < x->n; i++)
            if (!equal(x->f[i], y->f[i], err, strict))
                return false;
        return true;
    }
    case VK_TYPE:
        return a.u.p == b.u.p;
    case VK_PTR:
        return goro_ptr_target(a) == goro_ptr_target(b);
    case VK_OBJ: {
        Obj *x = a.u.p, *y = b.u.p;
        if (x && y && x->cls == y->cls && x->cls->equal)
            return x->cls->equal(x, y);
        return a.u.p == b.u.p;
    }
    default:
        return a.u.p == b.u.p;
    }
}

bool goro_value_equal(Value a, Value b, const char **err)
{
    return equal(a, b, err, false);
}

bool goro_value_same(Value a, Value b, const char **err)
{
    return equal(a, b, err, true);
}

static uint64_t mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h;
}

static uint64_t hash_bytes(const char *s, uint32_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
    uint32_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ mix(w)) * 0x100000001b3ull;
    }
    uint64_t w = 0;
    memcpy(&w, s + i, n - i);
    return mix(h ^ w);
}

/* A float's hash: equal to an int key's when integral, as == says. */
static uint64_t hash_float(double f)
{
    if (f == trunc(f) && f >= -9223372036854775808.0 && f < 9223372036854775808.0)
        return mix((uint64_t)(int64_t)f + 1);
    if (f == 0)
        return mix(1);
    uint64_t u;
    memcpy(&u, &f, sizeof u);
    return mix(u);
}

uint64_t goro_value_hash(Value v)
{
    uint64_t h;
    switch (VKIND(v)) {
    case VK_BOOL: case VK_INT:
        h = mix((uint64_t)v.u.i + 1);
        break;
    case VK_FLOAT:
        h = hash_float(v.u.f);
        break;
    case VK_COMPLEX:
        /* x+0i hashes as the float x, which it equals */
        h = hash_float(goro_creal(v));
        if (goro_cimag(v) != 0)
            h = mix(h * 31 + hash_float(goro_cimag(v)));
        break;
    case VK_STRING:
        h = hash_bytes(v.u.s, v.aux);
        break;
    case VK_ARRAY: {
        Array *a = v.u.p;
        h = 7;
        for (int64_t i = 0; i < a->len; i++)
            h = h * 31 + goro_value_hash(a->v[i]);
        h = mix(h);
        break;
    }
    case VK_STRUCT: {
        Struct *s = v.u.p;
        h = 11;
        for (int64_t i = 0; i < s->n; i++)
            h = h * 31 + goro_value_hash(s->f[i]);
        h = mix(h);
        break;
    }
    case VK_PTR:
        h = mix((uint64_t)(uintptr_t)goro_ptr_target(v) ^ VK_PTR);
        break;
    case VK_OBJ:
        if (v.u.p && ((Obj *)v.u.p)->cls->hash) {
            h = mix(((Obj *)v.u.p)->cls->hash(v.u.p));
            break;
        }
        h = mix((uint64_t)(uintptr_t)v.u.p ^ VKIND(v));
        break;
    default:
        h = mix((uint64_t)(uintptr_t)v.u.p ^ VKIND(v));
        break;
    }
    return h ? h : 1;   /* 0 marks a deleted map entry */
}

Value goro_value_copy(Value v)
{
    switch (VKIND(v)) {
    case VK_ARRAY: {
        Array *a = v.u.p;
        Value c = goro_array_new(v.tt, a->len);
        Array *d = c.u.p;
        for (int64_t i = 0; i < a->len; i++)
            d->v[i] = goro_value_needs_copy(a->v[i]) ? goro_value_copy(a->v[i]) : a->v[i];
        return c;
    }
    case VK_STRUCT: {
        Struct *s = v.u.p;
        Struct *d = goro_alloc(sizeof *d + sizeof(Value) * (size_t)s->n);
        d->type = s->type;
        d->n = s->n;
        for (int64_t i = 0; i < s->n; i++)
            d->f[i] = goro_value_needs_copy(s->f[i]) ? goro_value_copy(s->f[i]) : s->f[i];
        v.u.p = d;
        return v;
    }
    case VK_OBJ: {
        const Obj *o = v.u.p;
        if (o && o->cls->copy)
            v.u.p = o->cls->copy(o);
        return v;
    }
    default:
        return v;
    }
}

bool goro_obj_copies(Value v)
{
    const Obj *o = v.u.p;
    return o && o->cls->copy;
}
