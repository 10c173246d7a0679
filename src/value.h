/* value.h: goro's value, a 16-byte tagged union.
 *
 *   word 0:  tt  = kind (bits 0-7) | type id (bits 16-31)
 *            aux = length of a string or slice; 1 on a nil pointer,
 *                  map, chan or func held in an interface (a non-nil
 *                  interface, as Go's)
 *   word 1:  int64, double, or a pointer to a GC object
 *
 * The type id names the value's exact type in the type table
 * (src/type.h); id 0 is the kind's default type (int, float64, string,
 * bool, []interface{}, ...).  So the hot paths test one word: an `int`
 * is exactly tt == VK_INT, and named or sized ints (time.Duration,
 * uint8) take the slow path.  Pointers are never NaN-boxed: Boehm must
 * see them (techniques.md).
 *
 * A complex number does not fit in word 1: it points at an immutable
 * pair of doubles in the GC heap (complex64 values hold both parts
 * rounded to float32), so copying a complex Value shares the pair.
 *
 * Strings point at their bytes, possibly into the middle of another
 * string's buffer (s[i:j] shares bytes; Boehm keeps interior pointers
 * alive).  Slices keep len in aux and point at a SliceHdr holding the
 * data pointer and cap, so append within capacity changes only aux.
 * Nil slices, maps, channels, funcs and pointers keep their kind with a
 * NULL pointer, so they print and compare as Go's typed nils. */
#ifndef GORO_VALUE_H
#define GORO_VALUE_H

#include "common.h"

typedef enum ValueKind {
    VK_NIL = 0,   /* untyped nil (an empty interface) */
    VK_BOOL,      /* u.i: 0 or 1 */
    VK_INT,       /* u.i */
    VK_FLOAT,     /* u.f */
    VK_COMPLEX,   /* u.p: const Complex * (immutable, shared; never NULL) */
    VK_STRING,    /* u.s, aux = len */
    VK_SLICE,     /* u.p: SliceHdr * or NULL, aux = len */
    VK_ARRAY,     /* u.p: Array * (a value: copied on assignment) */
    VK_MAP,       /* u.p: Map * or NULL */
    VK_FUNC,      /* u.p: Closure * or NULL */
    VK_NATIVE,    /* u.p: Native * */
    VK_CHAN,      /* u.p: Chan * or NULL */
    VK_PTR,       /* u.p: Value * (a variable, element or field) or NULL */
    VK_STRUCT,    /* u.p: Struct * (a value: copied on assignment) */
    VK_OBJ,       /* u.p: Obj * (native object: timer, builder, error...) */
    VK_BOUND,     /* u.p: Bound * (a method value x.M) */
    VK_TYPE,      /* u.p: Type * (an operand of make/new/conversions) */
    VK_BOX,       /* u.p: Box * (a captured variable's cell; never user-visible) */
    VK_COUNT
} ValueKind;

typedef struct Value {
    uint32_t tt;
    uint32_t aux;
    union {
        int64_t i;
        uint64_t u;
        double f;
        void *p;
        const char *s;
    } u;
} Value;

#define VKIND(v) ((v).tt & 0xff)
#define VTYPEID(v) ((v).tt >> 16)
#define TT(kind, id) ((uint32_t)(kind) | ((uint32_t)(id) << 16))

static inline Value goro_nil(void) { Value v = {0, 0, {0}}; return v; }
static inline Value goro_int(int64_t i) { Value v = {VK_INT, 0, {.i = i}}; return v; }
static inline Value goro_float(double f) { Value v = {VK_FLOAT, 0, {.f = f}}; return v; }
static inline Value goro_bool(bool b) { Value v = {VK_BOOL, 0, {.i = b}}; return v; }
static inline Value goro_ptrval(uint32_t tt, void *p) { Value v = {tt, 0, {.p = p}}; return v; }

/* The two parts of a complex value (VK_COMPLEX); never mutated once
 * made, so Values may share one. */
typedef struct Complex {
    double re, im;
} Complex;

/* A complex128 (id 0) value; goro_typed() retypes it to complex64. */
Value goro_complex(double re, double im);
static inline double goro_creal(Value v) { return ((const Complex *)v.u.p)->re; }
static inline double goro_cimag(Value v) { return ((const Complex *)v.u.p)->im; }

/* A boxed (captured or address-taken) variable. */
typedef struct Box {
    Value v;
} Box;

/* A slice header: len lives in the Value, so appending in place only
 * changes the Value's aux. */
typedef struct SliceHdr {
    Value *data;
    int64_t cap;
} SliceHdr;

/* An array value [N]T: copied on assignment. */
typedef struct Array {
    int64_t len;
    Value v[];
} Array;

struct Type;

/* A struct value: copied on assignment. */
typedef struct Struct {
    struct Type *type;
    int64_t n;
    Value f[];
} Struct;

/* Equality as Go's ==; [err] (may be NULL) gets a message when the
 * values are not comparable (slices, maps, funcs). */
bool goro_value_equal(Value a, Value b, const char **err);
/* Equality of two interface values and of map keys: the dynamic types
 * must be identical too (any(1) != any(int8(1)), != any(1.0)). */
bool goro_value_same(Value a, Value b, const char **err);
/* Hash for map keys; consistent with both equalities. */
uint64_t goro_value_hash(Value v);
static inline bool goro_value_is_nil(Value v)
{
    switch (VKIND(v)) {
    case VK_NIL:
        return true;
    case VK_PTR: case VK_MAP: case VK_FUNC: case VK_CHAN: case VK_OBJ:
        /* aux = 1: an interface holding a typed nil, which is not nil */
        return v.u.p == NULL && !v.aux;
    case VK_SLICE:
        return v.u.p == NULL;
    default:
        return false;
    }
}
/* What a pointer's identity is: the struct or array object its slot
 * holds (a pointer method called on a field or element gets a fresh slot
 * holding the same object), else the slot itself. */
static inline void *goro_ptr_target(Value p)
{
    Value *slot = p.u.p;
    if (slot && (VKIND(*slot) == VK_STRUCT || VKIND(*slot) == VK_ARRAY))
        return slot->u.p;
    return slot;
}
/* Deep copy of array and struct values and of native objects with
 * value semantics (ObjClass.copy); others as is. */
Value goro_value_copy(Value v);
bool goro_obj_copies(Value v);   /* a VK_OBJ whose class has a copy */
static inline bool goro_value_needs_copy(Value v)
{
    uint32_t k = VKIND(v);
    return k == VK_ARRAY || k == VK_STRUCT || (k == VK_OBJ && goro_obj_copies(v));
}

/* Strings. */
Value goro_str(const char *s, int64_t n);      /* copies */
Value goro_str_cstr(const char *s);            /* copies */
Value goro_str_nocopy(const char *s, int64_t n);
static inline int64_t goro_str_len(Value v) { return v.aux; }
Value goro_str_concat(Value a, Value b);
int goro_str_compare(Value a, Value b);

/* Slices. */
Value goro_slice_new(uint32_t tt, int64_t len, int64_t cap);
Value goro_slice_from(uint32_t tt, const Value *items, int64_t n);
static inline Value *goro_slice_data(Value s) { return s.u.p ? ((SliceHdr *)s.u.p)->data : NULL; }
static inline int64_t goro_slice_cap(Value s) { return s.u.p ? ((SliceHdr *)s.u.p)->cap : 0; }
/* dst[i] = src[i] for n values that may overlap, as Go's copy():
 * structs and arrays are copied, so the two sides share no objects. */
void goro_values_copy(Value *dst, const Value *src, int64_t n);
/* append(s, items...): may reallocate; returns the new slice value.
 * Structs and arrays among [items] are copied. */
Value goro_slice_append(Value s, const Value *items, int64_t n);
Value goro_array_new(uint32_t tt, int64_t len);
/* The allocation size Go would use for [size] bytes (its size classes). */
uint64_t goro_roundupsize(uint64_t size);

#endif
