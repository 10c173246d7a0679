/* atomic.c: the sync/atomic package.  The functions (AddInt32(&x, 1),
 * LoadUint64, CompareAndSwapInt64, ...) act on the 64-bit payload of the
 * Value the pointer names, with the processor's atomic instructions
 * (GCC's __atomic builtins, sequentially consistent as Go's); 32-bit
 * types wrap by compare-and-swap.  The types (Int32, Int64, Uint32,
 * Uint64, Uintptr, Bool, Value, Pointer) are native objects holding one
 * such word; Value and Pointer hold a pointer to an immutable Box,
 * swapped atomically, since a goro value is two words. */
#include "pkg.h"
#include "rw.h"
#include "vm.h"


/* ------------------------------------------------------------ kernels */

typedef enum { A_ADD, A_LOAD, A_STORE, A_SWAP, A_CAS, A_AND, A_OR } AtomicOp;

static bool wide(const Type *t) { return t->kind == TY_INT64 || t->kind == TY_UINT64 || t->kind == TY_UINTPTR; }

/* Apply [op] to *w as a value of integer type [t]: the result Go returns
 * (the new value for Add, the old for Swap, And and Or, a bool for CAS). */
static Value apply(int64_t *w, const Type *t, AtomicOp op, int64_t a, int64_t b)
{
    int64_t old, nv;
    switch (op) {
    case A_LOAD:
        return goro_typed(goro_int(__atomic_load_n(w, __ATOMIC_SEQ_CST)), t);
    case A_STORE:
        __atomic_store_n(w, goro_type_wrap_int(t, a), __ATOMIC_SEQ_CST);
        return goro_nil();
    case A_SWAP:
        return goro_typed(goro_int(__atomic_exchange_n(w, goro_type_wrap_int(t, a), __ATOMIC_SEQ_CST)), t);
    case A_CAS:
        old = goro_type_wrap_int(t, a);
        return goro_bool(__atomic_compare_exchange_n(w, &old, goro_type_wrap_int(t, b), false,
                                                     __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
    case A_ADD:
        if (wide(t))
            return goro_typed(goro_int(__atomic_add_fetch(w, a, __ATOMIC_SEQ_CST)), t);
        break;
    case A_AND:
        return goro_typed(goro_int(__atomic_fetch_and(w, goro_type_wrap_int(t, a), __ATOMIC_SEQ_CST)), t);
    case A_OR:
        return goro_typed(goro_int(__atomic_fetch_or(w, goro_type_wrap_int(t, a), __ATOMIC_SEQ_CST)), t);
    }
    /* a 32-bit Add wraps */
    old = __atomic_load_n(w, __ATOMIC_SEQ_CST);
    do
        nv = goro_type_wrap_int(t, (int64_t)((uint64_t)old + (uint64_t)a));
    while (!__atomic_compare_exchange_n(w, &old, nv, true, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
    return goro_typed(goro_int(nv), t);
}

static int int_arg(G *g, const char *fn, Value *args, int nargs, int i, int64_t *out)
{
    if (!goro_arg_int(args, nargs, i, out))
        return goro_panic_str(g, "%s: argument %d must be an integer", fn, i + 1);
    return 0;
}

/* ---------------------------------------------------------- functions */

typedef struct FuncSpec {
    const char *name;
    Type **t;
    AtomicOp op;
} FuncSpec;

static int func_apply(G *g, const FuncSpec *f, Value *args, int nargs, Value *res)
{
    if (nargs < 1 || VKIND(args[0]) != VK_PTR || !args[0].u.p)
        return goro_nil_deref(g);
    Value *slot = args[0].u.p;
    if (VKIND(*slot) != VK_INT && VKIND(*slot) != VK_NIL)
        return goro_panic_str(g, "sync/atomic.%s: %s is not an integer", f->name,
                              goro_type_of(*slot)->name);
    const Type *t = *f->t;
    int64_t a = 0, b = 0;
    int need = f->op == A_LOAD ? 0 : f->op == A_CAS ? 2 : 1;
    if ((need >= 1 && int_arg(g, f->name, args, nargs, 1, &a) < 0) ||
        (need >= 2 && int_arg(g, f->name, args, nargs, 2, &b) < 0))
        return GORO_NATIVE_PANIC;
    if (slot->tt != TT(VK_INT, t->id))   /* a variable of this type holds it already */
        slot->tt = TT(VK_INT, t->id);
    Value r = apply(&slot->u.i, t, f->op, a, b);
    if (f->op == A_STORE)
        return 0;
    res[0] = r;
    return 1;
}

#define KINDS(X) X(Int32, int32) X(Int64, int64) X(Uint32, uint32) X(Uint64, uint64) X(Uintptr, uintptr)
#define OPS(X, K, k)                                                                      \
    X(Add##K, k, A_ADD) X(Load##K, k, A_LOAD) X(Store##K, k, A_STORE) X(Swap##K, k, A_SWAP) \
    X(CompareAndSwap##K, k, A_CAS) X(And##K, k, A_AND) X(Or##K, k, A_OR)
#define DEFINE(name, k, op)                                                               \
    static const FuncSpec spec_##name = {#name, &goro_t_##k, op};                         \
    static int fn_##name(G *g, Value *args, int nargs, Value *res)                        \
    {                                                                                     \
        return func_apply(g, &spec_##name, args, nargs, res);                             \
    }
#define DEFINE_KIND(K, k) OPS(DEFINE, K, k)
KINDS(DEFINE_KIND)
#define REGISTER(name, k, op) goro_pkg_func(p, #name, fn_##name);
#define REGISTER_KIND(K, k) OPS(REGISTER, K, k)

/* -------------------------------------------------------------- types */

typedef struct AtomicClass {
    ObjClass cls;
    Type **t;                 /* the integer type; NULL for Bool, Value, Pointer */
} AtomicClass;

typedef struct AtomicObj {
    Obj obj;
    int64_t w;                /* the integer, or the bool */
    Box *box;                 /* Value, Pointer: the stored value */
} AtomicObj;

enum { C_INT32, C_INT64, C_UINT32, C_UINT64, C_UINTPTR, C_BOOL, C_VALUE, C_POINTER, C_COUNT };

static AtomicClass classes[C_COUNT] = {
    [C_INT32] = {{.name = "atomic.Int32"}, &goro_t_int32},
    [C_INT64] = {{.name = "atomic.Int64"}, &goro_t_int64},
    [C_UINT32] = {{.name = "atomic.Uint32"}, &goro_t_uint32},
    [C_UINT64] = {{.name = "atomic.Uint64"}, &goro_t_uint64},
    [C_UINTPTR] = {{.name = "atomic.Uintptr"}, &goro_t_uintptr},
    [C_BOOL] = {{.name = "atomic.Bool"}, NULL},
    [C_VALUE] = {{.name = "atomic.Value"}, NULL},
    [C_POINTER] = {{.name = "atomic.Pointer", .ntparams = 1}, NULL},
};

#define ZERO(idx)                                                                         \
    static Obj *zero_##idx(void)                                                          \
    {                                                                                     \
        AtomicObj *o = goro_alloc(sizeof *o);                                             \
        o->obj.cls = &classes[idx].cls;                                                   \
        return &o->obj;                                                                   \
    }
ZERO(C_INT32) ZERO(C_INT64) ZERO(C_UINT32) ZERO(C_UINT64) ZERO(C_UINTPTR) ZERO(C_BOOL)
ZERO(C_VALUE) ZERO(C_POINTER)
static Obj *(*const zeros[C_COUNT])(void) = {zero_C_INT32, zero_C_INT64, zero_C_UINT32,
                                            zero_C_UINT64, zero_C_UINTPTR, zero_C_BOOL,
                                            zero_C_VALUE, zero_C_POINTER};

/* atomic.Int64 and the others are values in Go: a copy holds the same
 * number (or stored value: a Store replaces the box, never changes it). */
static Obj *atomic_copy(const Obj *o)
{
    const AtomicObj *src = (const AtomicObj *)o;
    AtomicObj *c = goro_alloc(sizeof *c);
    c->obj.cls = src->obj.cls;
    c->w = __atomic_load_n(&src->w, __ATOMIC_SEQ_CST);
    c->box = __atomic_load_n(&src->box, __ATOMIC_SEQ_CST);
    return &c->obj;
}

static AtomicObj *recv(Value *args, int nargs, int lo, int hi)
{
    Obj *o = nargs ? goro_rw_obj(args[0]) : NULL;
    if (!o || o->cls < &classes[lo].cls || o->cls > &classes[hi].cls)
        return NULL;
    return (AtomicObj *)o;
}

static int int_method(G *g, Value *args, int nargs, Value *res, AtomicOp op, const char *name)
{
    AtomicObj *o = recv(args, nargs, C_INT32, C_UINTPTR);
    if (!o)
        return goro_nil_deref(g);
    const Type *t = *((const AtomicClass *)o->obj.cls)->t;
    int64_t a = 0, b = 0;
    if ((op != A_LOAD && int_arg(g, name, args, nargs, 1, &a) < 0) ||
        (op == A_CAS && int_arg(g, name, args, nargs, 2, &b) < 0))
        return GORO_NATIVE_PANIC;
    Value r = apply(&o->w, t, op, a, b);
    if (op == A_STORE)
        return 0;
    res[0] = r;
    return 1;
}

#define INT_METHOD(name, op)                                                              \
    static int im_##name(G *g, Value *args, int nargs, Value *res)                        \
    {                                                                                     \
        return int_method(g, args, nargs, res, op, #name);                                \
    }
INT_METHOD(Add, A_ADD) INT_METHOD(Load, A_LOAD) INT_METHOD(Store, A_STORE)
INT_METHOD(Swap, A_SWAP) INT_METHOD(CompareAndSwap, A_CAS) INT_METHOD(And, A_AND) INT_METHOD(Or, A_OR)

/* Bool */
static int bool_method(G *g, Value *args, int nargs, Value *res, AtomicOp op)
{
    AtomicObj *o = recv(args, nargs, C_BOOL, C_BOOL);
    if (!o)
        return goro_nil_deref(g);
    int64_t a = nargs > 1 && VKIND(args[1]) == VK_BOOL && args[1].u.i;
    int64_t b = nargs > 2 && VKIND(args[2]) == VK_BOOL && args[2].u.i;
    if (op == A_STORE) {
        __atomic_store_n(&o->w, a, __ATOMIC_SEQ_CST);
        return 0;
    }
    if (op == A_LOAD)
        res[0] = goro_bool(__atomic_load_n(&o->w, __ATOMIC_SEQ_CST));
    else if (op == A_SWAP)
        res[0] = goro_bool(__atomic_exchange_n(&o->w, a, __ATOMIC_SEQ_CST));
    else
        res[0] = goro_bool(__atomic_compare_exchange_n(&o->w, &a, b, false, __ATOMIC_SEQ_CST,
                                                       __ATOMIC_SEQ_CST));
    return 1;
}
static int bm_load(G *g, Value *a, int n, Value *r) { return bool_method(g, a, n, r, A_LOAD); }
static int bm_store(G *g, Value *a, int n, Value *r) { return bool_method(g, a, n, r, A_STORE); }
static int bm_swap(G *g, Value *a, int n, Value *r) { return bool_method(g, a, n, r, A_SWAP); }
static int bm_cas(G *g, Value *a, int n, Value *r) { return bool_method(g, a, n, r, A_CAS); }

/* Value and Pointer.  Value's values must all have one type, and nil
 * cannot be stored (Go's panics); Pointer holds pointers, nil included. */
/* The value in [b], a struct or array copied (the caller may change
 * its copy; the VM does not copy a native's results). */
static Value boxed(Box *b)
{
    if (!b)
        return goro_nil();
    return goro_value_needs_copy(b->v) ? goro_value_copy(b->v) : b->v;
}

static Box *box_of(Value v)
{
    Box *b = goro_alloc(sizeof *b);
    b->v = v;
    return b;
}

static int check_store(G *g, AtomicObj *o, Value v, const char *what)
{
    if (o->obj.cls != &classes[C_VALUE].cls)
        return 0;
    if (VKIND(v) == VK_NIL)
        return goro_panic_str(g, "sync/atomic: %s of nil value into Value", what);
    Box *cur = __atomic_load_n(&o->box, __ATOMIC_SEQ_CST);
    if (cur && goro_type_of(cur->v) != goro_type_of(v))
        return goro_panic_str(g, "sync/atomic: %s of inconsistently typed value into Value", what);
    return 0;
}

static int value_method(G *g, Value *args, int nargs, Value *res, AtomicOp op)
{
    AtomicObj *o = recv(args, nargs, C_VALUE, C_POINTER);
    if (!o)
        return goro_nil_deref(g);
    Value a = nargs > 1 ? args[1] : goro_nil(), b = nargs > 2 ? args[2] : goro_nil();
    switch (op) {
    case A_LOAD:
        res[0] = boxed(__atomic_load_n(&o->box, __ATOMIC_SEQ_CST));
        return 1;
    case A_STORE:
        if (check_store(g, o, a, "store") < 0)
            return GORO_NATIVE_PANIC;
        __atomic_store_n(&o->box, box_of(a), __ATOMIC_SEQ_CST);
        return 0;
    case A_SWAP:
        if (check_store(g, o, a, "swap") < 0)
            return GORO_NATIVE_PANIC;
        res[0] = boxed(__atomic_exchange_n(&o->box, box_of(a), __ATOMIC_SEQ_CST));
        return 1;
    default:
        break;
    }
    /* CompareAndSwap(old, new), with Go's checks in Go's order: new is
     * not nil, old (unless nil) has new's type, new has the stored type */
    bool is_value = o->obj.cls == &classes[C_VALUE].cls;
    if (is_value && VKIND(b) == VK_NIL)
        return goro_panic_str(g, "sync/atomic: compare and swap of nil value into Value");
    if (is_value && VKIND(a) != VK_NIL && goro_type_of(a) != goro_type_of(b))
        return goro_panic_str(g, "sync/atomic: compare and swap of inconsistently typed values");
    if (check_store(g, o, b, "compare and swap") < 0)
        return GORO_NATIVE_PANIC;
    Box *nb = box_of(b);
    for (;;) {
        Box *cur = __atomic_load_n(&o->box, __ATOMIC_SEQ_CST);
        const char *err = NULL;
        bool same = cur ? goro_value_equal(cur->v, a, &err)
                         : VKIND(a) == VK_NIL || (!is_value && goro_value_is_nil(a));
        if (err)
            return goro_runtime_error(g, "%s", err);
        if (!same) {
            res[0] = goro_bool(false);
            return 1;
        }
        if (__atomic_compare_exchange_n(&o->box, &cur, nb, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
            res[0] = goro_bool(true);
            return 1;
        }
    }
}
static int vm_load(G *g, Value *a, int n, Value *r) { return value_method(g, a, n, r, A_LOAD); }
static int vm_store(G *g, Value *a, int n, Value *r) { return value_method(g, a, n, r, A_STORE); }
static int vm_swap(G *g, Value *a, int n, Value *r) { return value_method(g, a, n, r, A_SWAP); }
static int vm_cas(G *g, Value *a, int n, Value *r) { return value_method(g, a, n, r, A_CAS); }

void goro_pkg_atomic_init(void)
{
    Package *p = goro_pkg_new("sync/atomic");
    KINDS(REGISTER_KIND)
    static const char *const names[C_COUNT] = {"Int32", "Int64", "Uint32", "Uint64", "Uintptr",
                                               "Bool", "Value", "Pointer"};
    for (int i = 0; i < C_COUNT; i++) {
        classes[i].cls.copy = atomic_copy;
        Type *t = goro_pkg_obj_type(p, "atomic", names[i], &classes[i].cls, zeros[i]);
        if (i <= C_UINTPTR) {
            goro_pkg_method(t, "Add", im_Add);
            goro_pkg_method(t, "Load", im_Load);
            goro_pkg_method(t, "Store", im_Store);
            goro_pkg_method(t, "Swap", im_Swap);
            goro_pkg_method(t, "CompareAndSwap", im_CompareAndSwap);
            goro_pkg_method(t, "And", im_And);
            goro_pkg_method(t, "Or", im_Or);
        } else if (i == C_BOOL) {
            goro_pkg_method(t, "Load", bm_load);
            goro_pkg_method(t, "Store", bm_store);
            goro_pkg_method(t, "Swap", bm_swap);
            goro_pkg_method(t, "CompareAndSwap", bm_cas);
        } else {
            goro_pkg_method(t, "Load", vm_load);
            goro_pkg_method(t, "Store", vm_store);
            goro_pkg_method(t, "Swap", vm_swap);
            goro_pkg_method(t, "CompareAndSwap", vm_cas);
        }
    }
}
