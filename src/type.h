/* type.h: run-time types.
 *
 * goro is dynamically typed, but where a program writes a type it means
 * something at run time: zero values (`var n int`), conversions
 * (`float64(n)`), typed stores (`var f float64 = 1` holds 1.0, a
 * `uint8` wraps), composite literals, %T, and named types with methods
 * (time.Duration prints as 1.5s).  A Type describes one such type.
 *
 * Every type that can be a value's exact type has a 16-bit id in the
 * global type table, and its values carry the id in Value.tt.  Id 0 is
 * each value kind's default (int, float64, string, bool,
 * []interface {}, ...), so plain values need no table lookup.  Unnamed
 * composite types are interned by their printed name: []int is one
 * type wherever it is written.  The table only grows. */
#ifndef GORO_TYPE_H
#define GORO_TYPE_H

#include "value.h"

typedef enum TypeKind {
    TY_NIL,       /* the type of untyped nil */
    TY_BOOL,
    TY_INT, TY_INT8, TY_INT16, TY_INT32, TY_INT64,
    TY_UINT, TY_UINT8, TY_UINT16, TY_UINT32, TY_UINT64, TY_UINTPTR,
    TY_FLOAT32, TY_FLOAT64,
    TY_COMPLEX64, TY_COMPLEX128,
    TY_STRING,
    TY_SLICE, TY_ARRAY, TY_MAP, TY_CHAN, TY_FUNC, TY_PTR, TY_STRUCT,
    TY_IFACE,     /* interface types, including interface{} and any */
    TY_OBJ,       /* a native object type (time.Timer, strings.Builder) */
    TY_COUNT
} TypeKind;

struct ObjClass;
struct Native;

typedef struct Method {
    const char *name;      /* interned */
    Value fn;              /* VK_FUNC closure or VK_NATIVE; receiver first */
    bool ptr_recv;         /* declared with a pointer receiver */
} Method;

typedef struct Type {
    uint8_t kind;          /* TY_* */
    uint8_t vkind;         /* the ValueKind of its values */
    uint8_t coerce;        /* stores need goro_type_coerce (see below) */
    uint8_t chandir;       /* 0 both, 1 send-only, 2 receive-only */
    uint16_t id;
    bool named;
    const char *name;      /* as %T prints it: "int", "[]int", "main.Point" */
    const char *pkg;       /* "main", "time", ... for named types */
    struct Type *elem;     /* slice, array, chan, ptr element; map value */
    struct Type *key;      /* map key */
    struct Type *under;    /* underlying type (itself when unnamed) */
    int64_t len;           /* array length */
    /* struct fields */
    int nfields;
    const char **fnames;
    struct Type **ftypes;
    bool *fembedded;
    /* methods declared on the named type (and on its pointer) */
    int nmethods;
    Method *methods;
    /* interface method names */
    int niface;
    const char **iface;
    /* TY_OBJ: the native class; its zero value is a fresh object */
    const struct ObjClass *cls;
    /* TY_FUNC: parameter/result counts for printing */
    const char *sig;
    struct Type *ptrto;    /* *T, once made (goro_type_ptr memo) */
    /* The pointer spelling *T of a native type whose values are already
     * pointers (*bytes.Buffer): the same type (id, class, methods in
     * [under]), but its zero value is nil rather than a fresh object. */
    bool nilzero;
    /* A constraint of a package whose type set is every ordered type
     * (cmp.Ordered): ~int | ... | ~float64 | ~string. */
    bool ordered_set;
} Type;

/* Builtin types. */
extern Type *goro_t_bool, *goro_t_int, *goro_t_int8, *goro_t_int16, *goro_t_int32,
    *goro_t_int64, *goro_t_uint, *goro_t_uint8, *goro_t_uint16, *goro_t_uint32,
    *goro_t_uint64, *goro_t_uintptr, *goro_t_float32, *goro_t_float64, *goro_t_complex64,
    *goro_t_complex128, *goro_t_string,
    *goro_t_any, *goro_t_error, *goro_t_nil, *goro_t_bytes, *goro_t_runes,
    *goro_t_anyslice, *goro_t_anymap, *goro_t_anychan, *goro_t_func;

void goro_types_init(void);
/* A builtin type by its Go name ("int", "byte", "any", ...), or NULL. */
Type *goro_type_builtin(const char *name);

/* The exact type of a value. */
Type *goro_type_of(Value v);
extern Type *goro_type_table[65536];
static inline Type *goro_type_by_id(uint16_t id) { return goro_type_table[id]; }

/* Constructors of unnamed types (interned). */
Type *goro_type_slice(Type *elem);
Type *goro_type_array(Type *elem, int64_t len);
Type *goro_type_map(Type *key, Type *val);
Type *goro_type_chan(Type *elem, int dir);
Type *goro_type_ptr(Type *elem);
Type *goro_type_func(const char *sig);
Type *goro_type_struct(int n, const char **names, Type **types, bool *embedded);
Type *goro_type_iface(int n, const char **methods);
/* A new named type with the given underlying type. */
Type *goro_type_named(const char *pkg, const char *name, Type *under);
/* A named native object type: values are VK_OBJ of class [cls]. */
Type *goro_type_obj(const char *pkg, const char *name, const struct ObjClass *cls);
void goro_type_add_method(Type *t, const char *name, Value fn, bool ptr_recv);
Method *goro_type_find_method(Type *t, const char *name);

/* [v] as a value of type [t] of the same kind (int64(x), a float32). */
static inline Value goro_typed(Value v, const Type *t)
{
    v.tt = TT(VKIND(v), t->id);
    return v;
}

/* A rune (int32) and a byte (uint8) value, as s[i] and range give them. */
static inline Value goro_rune(int32_t r)
{
    Value v = goro_int(r);
    v.tt = TT(VK_INT, goro_t_int32->id);
    return v;
}
static inline Value goro_byte(unsigned char c)
{
    Value v = goro_int(c);
    v.tt = TT(VK_INT, goro_t_uint8->id);
    return v;
}

/* Fill dst[0..n) with the bytes of s as byte values ([]byte(s), append, copy). */
static inline void goro_bytes_from(Value *dst, const char *s, int64_t n)
{
    for (int64_t i = 0; i < n; i++)
        dst[i] = goro_byte((unsigned char)s[i]);
}

static inline bool goro_type_is_int(const Type *t) { return t->kind >= TY_INT && t->kind <= TY_UINTPTR; }
static inline bool goro_type_is_unsigned(const Type *t) { return t->kind >= TY_UINT && t->kind <= TY_UINTPTR; }
static inline bool goro_type_is_float(const Type *t) { return t->kind == TY_FLOAT32 || t->kind == TY_FLOAT64; }
static inline bool goro_type_is_complex(const Type *t) { return t->kind == TY_COMPLEX64 || t->kind == TY_COMPLEX128; }

/* A complex value of type [t] (complex64, complex128 or a named type
 * over one): a complex64 rounds both parts to float32. */
static inline Value goro_complex_of(const Type *t, double re, double im)
{
    if (t->under->kind == TY_COMPLEX64) {
        re = (float)re;
        im = (float)im;
    }
    Value v = goro_complex(re, im);
    v.tt = TT(VK_COMPLEX, t->id);
    return v;
}

/* The zero value of [t]: arrays and structs are fresh each call. */
Value goro_type_zero(Type *t);
/* A store into a location of type [t]: the value as Go would hold it
 * (int to float64, wrap to uint8, nil to a typed nil, retag a named
 * type).  Values of other kinds pass unchanged. */
Value goro_type_coerce_slow(Type *t, Value v);
static inline Value goro_type_coerce(Type *t, Value v)
{
    if (t->kind == TY_IFACE) {
        /* the common case inline: only a nil pointer, map, chan or func
         * changes, marked as a non-nil interface */
        unsigned k = VKIND(v);
        if (!v.u.p && (k == VK_PTR || k == VK_MAP || k == VK_CHAN || k == VK_FUNC || k == VK_OBJ))
            v.aux = 1;
        return v;
    }
    return goro_type_coerce_slow(t, v);
}
/* An explicit conversion T(v); false with *err set when impossible. */
bool goro_type_convert(Type *t, Value v, Value *out, const char **err);
/* Wrap an integer to the width of an integer type. */
int64_t goro_type_wrap_int(const Type *t, int64_t i);

/* Does [v] (of exact type [vt]) have every method of interface [iface]? */
bool goro_type_implements(Value v, Type *iface, const char **missing);
/* When [v], of one of the program's own types, lacks a method of
 * [iface]: Go's "T does not implement I (...)" text; else NULL. */
const char *goro_type_not_implemented(Value v, Type *iface);

#endif
