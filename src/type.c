/* type.c: the type table, builtin types, zero values, typed stores and
 * conversions (see type.h). */
#include "type.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>

#include "object.h"
#include "utf8.h"

Type *goro_type_table[65536];
static unsigned next_id = 1;
static pthread_mutex_t type_lock = PTHREAD_MUTEX_INITIALIZER;

Type *goro_t_bool, *goro_t_int, *goro_t_int8, *goro_t_int16, *goro_t_int32, *goro_t_int64,
    *goro_t_uint, *goro_t_uint8, *goro_t_uint16, *goro_t_uint32, *goro_t_uint64,
    *goro_t_uintptr, *goro_t_float32, *goro_t_float64, *goro_t_complex64, *goro_t_complex128,
    *goro_t_string, *goro_t_any,
    *goro_t_error, *goro_t_nil, *goro_t_bytes, *goro_t_runes, *goro_t_anyslice,
    *goro_t_anymap, *goro_t_anychan, *goro_t_func;

/* The type of a value whose tt carries id 0, by kind. */
static Type *default_of[VK_COUNT];

/* Interned unnamed types, by printed name. */
typedef struct InternEntry {
    const char *name;
    Type *t;
    struct InternEntry *next;
} InternEntry;
static InternEntry *intern_tab[1024];

static uint64_t name_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211ull;
    return h;
}

static void assign_id(Type *t)
{
    if (next_id >= 65536)
        goro_fatal("too many types (65535)");
    t->id = (uint16_t)next_id++;
    goro_type_table[t->id] = t;
}

static Type *new_type(int kind, int vkind, const char *name, bool with_id)
{
    Type *t = goro_alloc(sizeof *t);
    t->kind = (uint8_t)kind;
    t->vkind = (uint8_t)vkind;
    t->name = name;
    t->under = t;
    /* Stores of these need work: widths, float conversion, typed nils
     * (an interface marks a nil pointer it holds: goro_value_is_nil). */
    t->coerce = !(kind == TY_INT || kind == TY_STRING || kind == TY_BOOL);
    if (with_id)
        assign_id(t);
    return t;
}

/* Look up or create an unnamed type by name; [make] fills a new one.
 * The lock is held across [make], so two threads agree on one type. */
static Type *intern_type(const char *name, Type *(*make)(void *), void *arg)
{
    pthread_mutex_lock(&type_lock);
    uint64_t h = name_hash(name) & 1023;
    for (InternEntry *e = intern_tab[h]; e; e = e->next) {
        if (!strcmp(e->name, name)) {
            pthread_mutex_unlock(&type_lock);
            return e->t;
        }
    }
    Type *t = make(arg);
    t->name = name;
    InternEntry *e = goro_alloc(sizeof *e);
    e->name = name;
    e->t = t;
    e->next = intern_tab[h];
    intern_tab[h] = e;
    pthread_mutex_unlock(&type_lock);
    return t;
}

static Type *make_slice(void *elem)
{
    Type *t = new_type(TY_SLICE, VK_SLICE, NULL, true);
    t->elem = elem;
    return t;
}

Type *goro_type_slice(Type *elem)
{
    return intern_type(goro_sprintf("[]%s", elem->name), make_slice, elem);
}

typedef struct { Type *elem; int64_t len; Type *key; int dir; } TypeArgs;

static Type *make_array(void *p)
{
    TypeArgs *a = p;
    Type *t = new_type(TY_ARRAY, VK_ARRAY, NULL, true);
    t->elem = a->elem;
    t->len = a->len;
    return t;
}

Type *goro_type_array(Type *elem, int64_t len)
{
    TypeArgs a = {elem, len, NULL, 0};
    return intern_type(goro_sprintf("[%lld]%s", (long long)len, elem->name), make_array, &a);
}

static Type *make_map(void *p)
{
    TypeArgs *a = p;
    Type *t = new_type(TY_MAP, VK_MAP, NULL, true);
    t->key = a->key;
    t->elem = a->elem;
    return t;
}

Type *goro_type_map(Type *key, Type *val)
{
    TypeArgs a = {val, 0, key, 0};
    return intern_type(goro_sprintf("map[%s]%s", key->name, val->name), make_map, &a);
}

static Type *make_chan(void *p)
{
    TypeArgs *a = p;
    Type *t = new_type(TY_CHAN, VK_CHAN, NULL, true);
    t->elem = a->elem;
    t->chandir = (uint8_t)a->dir;
    return t;
}

Type *goro_type_chan(Type *elem, int dir)
{
    TypeArgs a = {elem, 0, NULL, dir};
    const char *pre = dir == 1 ? "chan<- " : dir == 2 ? "<-chan " : "chan ";
    /* chan (<-chan int) needs the parentheses to read back */
    const char *fmt = (dir != 1 && elem->kind == TY_CHAN && elem->chandir == 2) ? "%s(%s)" : "%s%s";
    return intern_type(goro_sprintf(fmt, pre, elem->name), make_chan, &a);
}

static Type *make_ptr(void *elem)
{
    Type *t = new_type(TY_PTR, VK_PTR, NULL, true);
    t->elem = elem;
    return t;
}

Type *goro_type_ptr(Type *elem)
{
    /* A native object type's "pointer" is the object type itself:
     * *time.Timer values are VK_OBJ. */
    if (elem->kind == TY_OBJ && elem->name[0] == '*' && !elem->nilzero) {
        if (!elem->ptrto) {
            Type *n = goro_alloc(sizeof *n);
            *n = *elem;
            n->nilzero = true;
            n->coerce = 1;
            n->under = elem;
            n->ptrto = NULL;
            elem->ptrto = n;
        }
        return elem->ptrto;
    }
    Type *p = elem->ptrto;
    if (!p) {
        p = intern_type(goro_sprintf("*%s", elem->name), make_ptr, elem);
        elem->ptrto = p;
    }
    return p;
}

static Type *make_func(void *p)
{
    GORO_UNUSED(p);
    return new_type(TY_FUNC, VK_FUNC, NULL, true);
}

Type *goro_type_func(const char *sig)
{
    return intern_type(sig, make_func, NULL);
}

Type *goro_type_struct(int n, const char **names, Type **types, bool *embedded)
{
    /* Unnamed struct types are rare (struct{}{} as a set value, anonymous
     * composite literals): intern them by their printed form. */
    char *buf = goro_sprintf("struct {");
    for (int i = 0; i < n; i++)
        buf = embedded && embedded[i]
                  ? goro_sprintf("%s%s %s", buf, i ? ";" : "", types[i]->name)
                  : goro_sprintf("%s%s %s %s", buf, i ? ";" : "", names[i], types[i]->name);
    buf = goro_sprintf("%s%s}", buf, n ? " " : "");
    pthread_mutex_lock(&type_lock);
    uint64_t h = name_hash(buf) & 1023;
    for (InternEntry *e = intern_tab[h]; e; e = e->next) {
        if (!strcmp(e->name, buf)) {
            pthread_mutex_unlock(&type_lock);
            return e->t;
        }
    }
    pthread_mutex_unlock(&type_lock);
    Type *t = new_type(TY_STRUCT, VK_STRUCT, buf, true);
    t->nfields = n;
    t->fnames = names;
    t->ftypes = types;
    t->fembedded = embedded;
    pthread_mutex_lock(&type_lock);
    InternEntry *e = goro_alloc(sizeof *e);
    e->name = buf;
    e->t = t;
    e->next = intern_tab[h];
    intern_tab[h] = e;
    pthread_mutex_unlock(&type_lock);
    return t;
}

Type *goro_type_iface(int n, const char **methods)
{
    if (n == 0)
        return goro_t_any;
    char *buf = "interface {";
    for (int i = 0; i < n; i++)
        buf = goro_sprintf("%s%s %s()", buf, i ? ";" : "", methods[i]);
    buf = goro_sprintf("%s }", buf);
    Type *t = new_type(TY_IFACE, VK_NIL, buf, false);
    t->niface = n;
    t->iface = methods;
    return t;
}

Type *goro_type_named(const char *pkg, const char *name, Type *under)
{
    Type *t = goro_alloc(sizeof *t);
    *t = *under;
    t->under = under->under;
    t->named = true;
    t->pkg = pkg;
    t->name = pkg ? goro_sprintf("%s.%s", pkg, name) : name;
    t->nmethods = 0;
    t->methods = NULL;
    t->coerce = 1;
    if (under->kind != TY_IFACE)
        assign_id(t);
    return t;
}

Type *goro_type_obj(const char *pkg, const char *name, const ObjClass *cls)
{
    Type *t = new_type(TY_OBJ, VK_OBJ, goro_sprintf("%s.%s", pkg, name), true);
    t->named = true;
    t->pkg = pkg;
    t->cls = cls;
    t->coerce = 0;
    return t;
}

void goro_type_add_method(Type *t, const char *name, Value fn, bool ptr_recv)
{
    name = goro_intern_cstr(name);
    for (int i = 0; i < t->nmethods; i++) {
        if (t->methods[i].name == name) {  /* a REPL redefinition */
            t->methods[i].fn = fn;
            t->methods[i].ptr_recv = ptr_recv;
            return;
        }
    }
    Method *m = goro_alloc(sizeof *m * (size_t)(t->nmethods + 1));
    if (t->nmethods)
        memcpy(m, t->methods, sizeof *m * (size_t)t->nmethods);
    m[t->nmethods].name = name;
    m[t->nmethods].fn = fn;
    m[t->nmethods].ptr_recv = ptr_recv;
    t->methods = m;
    t->nmethods++;
}

Method *goro_type_find_method(Type *t, const char *name)
{
    if (t->nilzero)
        t = t->under;
    for (int i = 0; i < t->nmethods; i++)
        if (t->methods[i].name == name)
            return &t->methods[i];
    return NULL;
}

/* ------------------------------------------------------------ builtins */

static struct { const char *name; Type **t; } builtin_names[] = {
    {"bool", &goro_t_bool}, {"int", &goro_t_int}, {"int8", &goro_t_int8},
    {"int16", &goro_t_int16}, {"int32", &goro_t_int32}, {"rune", &goro_t_int32},
    {"int64", &goro_t_int64}, {"uint", &goro_t_uint}, {"uint8", &goro_t_uint8},
    {"byte", &goro_t_uint8}, {"uint16", &goro_t_uint16}, {"uint32", &goro_t_uint32},
    {"uint64", &goro_t_uint64}, {"uintptr", &goro_t_uintptr}, {"float32", &goro_t_float32},
    {"float64", &goro_t_float64}, {"complex64", &goro_t_complex64},
    {"complex128", &goro_t_complex128}, {"string", &goro_t_string}, {"any", &goro_t_any},
    {"error", &goro_t_error},
};

Type *goro_type_builtin(const char *name)
{
    for (size_t i = 0; i < sizeof builtin_names / sizeof builtin_names[0]; i++)
        if (!strcmp(builtin_names[i].name, name))
            return *builtin_names[i].t;
    return NULL;
}

void goro_types_init(void)
{
    if (goro_t_int)
        return;
    goro_t_nil = new_type(TY_NIL, VK_NIL, "nil", false);
    goro_t_bool = new_type(TY_BOOL, VK_BOOL, "bool", false);
    goro_t_int = new_type(TY_INT, VK_INT, "int", false);
    goro_t_float64 = new_type(TY_FLOAT64, VK_FLOAT, "float64", false);
    goro_t_string = new_type(TY_STRING, VK_STRING, "string", false);
    goro_t_int8 = new_type(TY_INT8, VK_INT, "int8", true);
    goro_t_int16 = new_type(TY_INT16, VK_INT, "int16", true);
    goro_t_int32 = new_type(TY_INT32, VK_INT, "int32", true);
    goro_t_int64 = new_type(TY_INT64, VK_INT, "int64", true);
    goro_t_uint = new_type(TY_UINT, VK_INT, "uint", true);
    goro_t_uint8 = new_type(TY_UINT8, VK_INT, "uint8", true);
    goro_t_uint16 = new_type(TY_UINT16, VK_INT, "uint16", true);
    goro_t_uint32 = new_type(TY_UINT32, VK_INT, "uint32", true);
    goro_t_uint64 = new_type(TY_UINT64, VK_INT, "uint64", true);
    goro_t_uintptr = new_type(TY_UINTPTR, VK_INT, "uintptr", true);
    goro_t_float32 = new_type(TY_FLOAT32, VK_FLOAT, "float32", true);
    goro_t_complex128 = new_type(TY_COMPLEX128, VK_COMPLEX, "complex128", false);
    goro_t_complex64 = new_type(TY_COMPLEX64, VK_COMPLEX, "complex64", true);
    goro_t_any = new_type(TY_IFACE, VK_NIL, "interface {}", false);
    const char **em = goro_alloc(sizeof *em);
    em[0] = goro_intern_cstr("Error");
    goro_t_error = new_type(TY_IFACE, VK_NIL, "error", false);
    goro_t_error->named = true;
    goro_t_error->niface = 1;
    goro_t_error->iface = em;
    goro_t_func = new_type(TY_FUNC, VK_FUNC, "func()", false);

    goro_t_anyslice = goro_type_slice(goro_t_any);
    goro_t_anymap = goro_type_map(goro_t_any, goro_t_any);
    goro_t_anychan = goro_type_chan(goro_t_any, 0);
    goro_t_bytes = goro_type_slice(goro_t_uint8);
    goro_t_runes = goro_type_slice(goro_t_int32);

    default_of[VK_NIL] = goro_t_nil;
    default_of[VK_BOOL] = goro_t_bool;
    default_of[VK_INT] = goro_t_int;
    default_of[VK_FLOAT] = goro_t_float64;
    default_of[VK_COMPLEX] = goro_t_complex128;
    default_of[VK_STRING] = goro_t_string;
    default_of[VK_SLICE] = goro_t_anyslice;
    default_of[VK_MAP] = goro_t_anymap;
    default_of[VK_CHAN] = goro_t_anychan;
    default_of[VK_FUNC] = goro_t_func;
    default_of[VK_NATIVE] = goro_t_func;
    default_of[VK_BOUND] = goro_t_func;
    default_of[VK_PTR] = goro_type_ptr(goro_t_any);
    default_of[VK_ARRAY] = goro_type_array(goro_t_any, 0);
    default_of[VK_TYPE] = goro_t_nil;
    default_of[VK_BOX] = goro_t_nil;
}

Type *goro_type_of(Value v)
{
    unsigned id = VTYPEID(v);
    if (id)
        return goro_type_table[id];
    switch (VKIND(v)) {
    case VK_STRUCT:
        return ((Struct *)v.u.p)->type;
    case VK_OBJ:
        return ((Obj *)v.u.p)->cls->type;
    case VK_FUNC:
        if (v.u.p && ((Closure *)v.u.p)->proto->type)
            return ((Closure *)v.u.p)->proto->type;
        return default_of[VK_FUNC];
    case VK_BOUND: {   /* a method value: the method's type without its receiver */
        Bound *b = v.u.p;
        if (b && !b->drop_first && VKIND(b->fn) == VK_FUNC)
            return goro_type_of(b->fn);
        return default_of[VK_BOUND];
    }
    default:
        return default_of[VKIND(v)];
    }
}

/* ---------------------------------------------------- zero, store, convert */

Value goro_type_zero(Type *t)
{
    Value v = goro_nil();
    switch (t->kind) {
    case TY_NIL: case TY_IFACE:
        return v;
    case TY_ARRAY: {
        v = goro_array_new(TT(VK_ARRAY, t->id), t->len);
        Array *a = v.u.p;
        for (int64_t i = 0; i < t->len; i++)
            a->v[i] = goro_type_zero(t->elem);
        return v;
    }
    case TY_STRUCT: {
        Struct *s = goro_alloc(sizeof *s + sizeof(Value) * (size_t)t->nfields);
        s->type = t;
        s->n = t->nfields;
        for (int i = 0; i < t->nfields; i++)
            s->f[i] = goro_type_zero(t->ftypes[i]);
        v.tt = TT(VK_STRUCT, t->id);
        v.u.p = s;
        return v;
    }
    case TY_OBJ:
        v.tt = TT(VK_OBJ, t->id);
        v.u.p = t->cls->zero && !t->nilzero ? t->cls->zero() : NULL;
        return v;
    case TY_STRING:
        v = goro_str_nocopy("", 0);
        break;
    case TY_COMPLEX64: case TY_COMPLEX128: {
        /* complex parts are never written, so every zero shares one */
        static const Complex zero = {0, 0};
        v.u.p = (void *)&zero;
        break;
    }
    default:
        break;
    }
    v.tt = TT(t->vkind, t->id);
    return v;
}

/* A number as the real part of a complex (int, float or complex). */
static bool complex_parts(Value v, double *re, double *im)
{
    switch (VKIND(v)) {
    case VK_INT:
        *re = VTYPEID(v) && goro_type_is_unsigned(goro_type_table[VTYPEID(v)]) ? (double)v.u.u
                                                                                : (double)v.u.i;
        *im = 0;
        return true;
    case VK_FLOAT:
        *re = v.u.f;
        *im = 0;
        return true;
    case VK_COMPLEX:
        *re = goro_creal(v);
        *im = goro_cimag(v);
        return true;
    default:
        return false;
    }
}

int64_t goro_type_wrap_int(const Type *t, int64_t i)
{
    switch (t->kind) {
    case TY_INT8: return (int8_t)i;
    case TY_INT16: return (int16_t)i;
    case TY_INT32: return (int32_t)i;
    case TY_UINT8: return (uint8_t)i;
    case TY_UINT16: return (uint16_t)i;
    case TY_UINT32: return (uint32_t)i;
    default: return i;
    }
}

Value goro_type_coerce_slow(Type *t, Value v)
{
    unsigned k = VKIND(v);
    if (k == VK_COMPLEX && goro_cimag(v) == 0 && (goro_type_is_int(t) || goro_type_is_float(t))) {
        /* an untyped complex constant with no imaginary part
         * (var f float64 = 2 + 0i); a typed complex is a compile error */
        v = goro_float(goro_creal(v));
        k = VK_FLOAT;
    }
    switch (t->kind) {
    case TY_INT: case TY_INT8: case TY_INT16: case TY_INT32: case TY_INT64:
    case TY_UINT: case TY_UINT8: case TY_UINT16: case TY_UINT32: case TY_UINT64:
    case TY_UINTPTR:
        if (k == VK_INT) {
            v.u.i = goro_type_wrap_int(t, v.u.i);
            v.tt = TT(VK_INT, t->id);
        } else if (k == VK_FLOAT && v.u.f == trunc(v.u.f) && fabs(v.u.f) < 9.2e18) {
            v = goro_int(goro_type_wrap_int(t, (int64_t)v.u.f));
            v.tt = TT(VK_INT, t->id);
        }
        return v;
    case TY_FLOAT32: case TY_FLOAT64:
        if (k == VK_INT)
            v = goro_float(VTYPEID(v) && goro_type_is_unsigned(goro_type_table[VTYPEID(v)])
                               ? (double)v.u.u : (double)v.u.i);
        if (VKIND(v) == VK_FLOAT) {
            if (t->kind == TY_FLOAT32)
                v.u.f = (float)v.u.f;
            v.tt = TT(VK_FLOAT, t->id);
        }
        return v;
    case TY_STRING: case TY_BOOL:
        if (k == t->vkind)
            v.tt = TT(k, t->id);
        return v;
    case TY_COMPLEX64: case TY_COMPLEX128: {
        double re, im;
        if (VTYPEID(v) == t->id && k == VK_COMPLEX)
            return v;
        if (complex_parts(v, &re, &im))
            v = goro_complex_of(t, re, im);
        return v;
    }
    case TY_IFACE:
        /* a nil pointer, map, chan or func stored in an interface makes
         * a non-nil interface */
        if ((k == VK_PTR || k == VK_MAP || k == VK_CHAN || k == VK_FUNC || k == VK_OBJ) && !v.u.p)
            v.aux = 1;
        return v;
    case TY_OBJ:
        /* a nil *bytes.Buffer (the pointer spelling) stays typed */
        if (k == VK_NIL && t->nilzero)
            v = goro_ptrval(TT(VK_OBJ, t->id), NULL);
        else if (k == VK_OBJ)
            v.aux = 0;
        return v;
    case TY_SLICE: case TY_MAP: case TY_CHAN: case TY_FUNC: case TY_PTR:
        if (k == VK_PTR || k == VK_MAP || k == VK_CHAN || k == VK_FUNC)
            v.aux = 0;
        if (k == VK_NIL)
            v = goro_ptrval(TT(t->vkind, t->id), NULL);
        else if (k == t->vkind && (t->named || VTYPEID(v) == 0 || (k == VK_CHAN && t->chandir)))
            v.tt = TT(k, t->id);
        return v;
    case TY_ARRAY: case TY_STRUCT:
        if (k == t->vkind && t->named && VTYPEID(v) != t->id) {
            v = goro_value_copy(v);
            v.tt = TT(k, t->id);
            if (k == VK_STRUCT)
                ((Struct *)v.u.p)->type = t;
        }
        return v;
    default:
        return v;
    }
}

static Value string_from_rune(int64_t r)
{
    char buf[4];
    if (r < 0 || r > 0x10FFFF)
        r = GORO_RUNE_ERROR;
    int n = goro_utf8_encode((int32_t)r, buf);
    return goro_str(buf, n);
}

bool goro_type_convert(Type *t, Value v, Value *out, const char **err)
{
    unsigned k = VKIND(v);
    Type *from = goro_type_of(v);
    *err = NULL;
    switch (t->kind) {
    case TY_INT: case TY_INT8: case TY_INT16: case TY_INT32: case TY_INT64:
    case TY_UINT: case TY_UINT8: case TY_UINT16: case TY_UINT32: case TY_UINT64:
    case TY_UINTPTR:
        if (k == VK_INT) {
            *out = goro_int(goro_type_wrap_int(t, v.u.i));
        } else if (k == VK_FLOAT) {
            double f = v.u.f;
            int64_t i;
            if (isnan(f))
                i = INT64_MIN;
            else if (goro_type_is_unsigned(t) && f >= 9223372036854775808.0 && f < 18446744073709551616.0)
                i = (int64_t)(uint64_t)f;
            else if (f >= 9223372036854775808.0 || f < -9223372036854775808.0)
                i = INT64_MIN;
            else
                i = (int64_t)f;
            *out = goro_int(goro_type_wrap_int(t, i));
        } else {
            break;
        }
        out->tt = TT(VK_INT, t->id);
        return true;
    case TY_FLOAT32: case TY_FLOAT64:
        if (k == VK_INT)
            *out = goro_float(goro_type_is_unsigned(from) ? (double)v.u.u : (double)v.u.i);
        else if (k == VK_FLOAT)
            *out = v;
        else
            break;
        if (t->kind == TY_FLOAT32)
            out->u.f = (float)out->u.f;
        out->tt = TT(VK_FLOAT, t->id);
        return true;
    case TY_STRING:
        if (k == VK_STRING) {
            *out = v;
        } else if (k == VK_INT) {
            *out = string_from_rune(v.u.i);
        } else if (k == VK_SLICE && goro_type_is_int(from->under->elem ? from->under->elem : goro_t_any)) {
            Value *d = goro_slice_data(v);
            int64_t n = v.aux;
            if (from->under->elem->kind == TY_UINT8) {
                char *buf = goro_alloc_atomic((size_t)n + 1);
                for (int64_t i = 0; i < n; i++)
                    buf[i] = (char)d[i].u.i;
                *out = goro_str_nocopy(buf, n);
            } else {
                char *buf = goro_alloc_atomic((size_t)n * 4 + 1);
                int64_t len = 0;
                for (int64_t i = 0; i < n; i++)
                    len += goro_utf8_encode((int32_t)d[i].u.i, buf + len);
                *out = goro_str_nocopy(buf, len);
            }
        } else if (k == VK_SLICE && v.u.p == NULL) {
            *out = goro_str_nocopy("", 0);
        } else {
            break;
        }
        out->tt = TT(VK_STRING, t->id);
        return true;
    case TY_SLICE:
        if (k == VK_STRING && t->under->elem && goro_type_is_int(t->under->elem)) {
            const unsigned char *s = (const unsigned char *)v.u.s;
            int64_t n = v.aux;
            if (t->under->elem->kind == TY_UINT8) {
                *out = goro_slice_new(TT(VK_SLICE, t->id), n, n);
                Value *d = goro_slice_data(*out);
                goro_bytes_from(d, (const char *)s, n);
            } else {
                int64_t cnt = goro_utf8_count(s, n);
                *out = goro_slice_new(TT(VK_SLICE, t->id), cnt, cnt);
                Value *d = goro_slice_data(*out);
                for (int64_t i = 0, j = 0; i < n; j++) {
                    int32_t r;
                    i += goro_utf8_decode(s + i, n - i, &r);
                    d[j] = goro_rune(r);
                }
            }
            return true;
        }
        /* fall through */
    case TY_MAP: case TY_CHAN: case TY_FUNC: case TY_PTR: case TY_ARRAY: case TY_STRUCT:
        if (k == VK_NIL && t->kind != TY_ARRAY && t->kind != TY_STRUCT) {
            *out = goro_ptrval(TT(t->vkind, t->id), NULL);
            return true;
        }
        if (k == t->vkind || (t->kind == TY_FUNC && (k == VK_NATIVE || k == VK_BOUND))) {
            *out = goro_type_coerce(t, v);
            if (k == t->vkind && (k == VK_SLICE || k == VK_MAP || k == VK_CHAN || k == VK_PTR))
                out->tt = TT(k, t->id);
            if (t->named && (k == VK_NATIVE || k == VK_BOUND))   /* Handler(strings.ToUpper) */
                out->tt = TT(k, t->id);
            return true;
        }
        break;
    case TY_BOOL:
        if (k == VK_BOOL) {
            *out = v;
            out->tt = TT(VK_BOOL, t->id);
            return true;
        }
        break;
    case TY_COMPLEX64: case TY_COMPLEX128: {
        /* from a complex, or a number (a constant: the compiler rejects
         * a typed float or int operand) */
        double re, im;
        if (!complex_parts(v, &re, &im))
            break;
        *out = goro_complex_of(t, re, im);
        return true;
    }
    case TY_IFACE: {
        const char *missing;
        if (k == VK_NIL || goro_type_implements(v, t, &missing)) {
            *out = goro_type_coerce_slow(t, v);   /* marks a typed nil */
            return true;
        }
        *err = goro_sprintf("cannot convert %s to %s: missing method %s", from->name, t->name,
                            missing);
        return false;
    }
    case TY_OBJ:
        if (k == VK_OBJ && (from == t || (t->nilzero && from == t->under))) {
            *out = v;
            out->aux = 0;
            return true;
        }
        if (k == VK_NIL && t->nilzero) {
            *out = goro_ptrval(TT(VK_OBJ, t->id), NULL);
            return true;
        }
        break;
    default:
        break;
    }
    *err = goro_sprintf("cannot convert value of type %s to type %s", from->name, t->name);
    return false;
}

/* Is [name] in the method set of [t] (of *t when [ptr]), promoted
 * methods of embedded fields included?  A goro method with a pointer
 * receiver is in *T's set only ([*needs_ptr] tells that case). */
static bool method_in_set(Type *t, const char *name, bool ptr, bool *needs_ptr, int depth)
{
    Method *m = goro_type_find_method(t, name);
    if (m) {
        if (!ptr && m->ptr_recv && VKIND(m->fn) == VK_FUNC) {
            *needs_ptr = true;
            return false;
        }
        return true;
    }
    Type *u = t->under;
    if (u->kind == TY_IFACE) {
        for (int i = 0; i < u->niface; i++)
            if (u->iface[i] == name)
                return true;
        return false;
    }
    if (u->kind != TY_STRUCT || !u->fembedded || depth > 8)
        return false;
    for (int j = 0; j < u->nfields; j++) {
        Type *ft = u->ftypes[j];
        if (!u->fembedded[j] || !ft)
            continue;
        bool fptr = ptr;
        if (ft->kind == TY_PTR && ft->elem) {
            ft = ft->elem;
            fptr = true;
        }
        if (method_in_set(ft, name, fptr, needs_ptr, depth + 1))
            return true;
    }
    return false;
}

bool goro_type_implements(Value v, Type *iface, const char **missing)
{
    Type *t = goro_type_of(v);
    bool ptr = t->kind == TY_PTR && t->elem;
    if (ptr)
        t = t->elem;
    for (int i = 0; i < iface->niface; i++) {
        const char *m = iface->iface[i];
        bool needs_ptr = false;
        if (!method_in_set(t, m, ptr, &needs_ptr, 0)) {
            *missing = m;
            return false;
        }
    }
    return true;
}

const char *goro_type_not_implemented(Value v, Type *iface)
{
    if (VKIND(v) == VK_NIL || !iface->niface)
        return NULL;
    Type *t = goro_type_of(v);
    bool ptr = t->kind == TY_PTR && t->elem;
    Type *base = ptr ? t->elem : t;
    /* only the program's own types: their methods are all in the table */
    if (!base->named || !base->pkg || strcmp(base->pkg, "main") || base->kind == TY_OBJ)
        return NULL;
    for (int i = 0; i < iface->niface; i++) {
        bool needs_ptr = false;
        if (!method_in_set(base, iface->iface[i], ptr, &needs_ptr, 0))
            return goro_sprintf("%s does not implement %s (%s%s%s)", t->name, iface->name,
                                needs_ptr ? "" : "missing ", iface->iface[i],
                                needs_ptr ? " method has pointer receiver" : " method");
    }
    return NULL;
}
