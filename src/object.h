/* object.h: heap objects other than strings and slices: function
 * prototypes and closures, natives, bound methods, native objects and
 * maps.  Channels live in runtime/chan.h. */
#ifndef GORO_OBJECT_H
#define GORO_OBJECT_H

#include "type.h"

typedef uint32_t Instr;
struct G;

/* ------------------------------------------------------------ functions */

typedef struct UpvalDesc {
    uint8_t instack;   /* 1: the enclosing function's register [index] (a box) */
    uint8_t index;     /* 0: the enclosing closure's upvalue [index] */
} UpvalDesc;

typedef struct Proto {
    const char *name;       /* as tracebacks print it: "main.worker", "main.main.func1" */
    const char *file;
    int line;               /* where the function starts */
    uint8_t nparams;        /* fixed parameters (the variadic one excluded) */
    uint8_t variadic;       /* last parameter collects the rest as a slice */
    uint8_t maxregs;        /* registers this function uses */
    uint8_t nupvals;
    uint8_t synthetic;      /* not shown in tracebacks (package init) */
    uint8_t has_defer;
    int16_t result_base;    /* functions with defer: the result registers */
    int16_t nresults;
    int32_t epilogue;       /* functions with defer: pc of RUNDEFERS; RETURN */
    Instr *code;
    int32_t *lines;         /* source line of each instruction */
    int ncode;
    Value *k;               /* constants */
    int nk;
    struct Proto **protos;  /* nested function literals */
    int nprotos;
    UpvalDesc *upvals;
    Type *variadic_type;    /* slice type for the variadic parameter */
    Type *type;             /* the function's type, for %T (func(int) string) */
    /* GETFIELD/SETFIELD inline caches, one word per instruction, made by
     * the VM on first use: struct type id << 16 | field index + 1 */
    _Atomic(uint32_t *) fcache;
    /* SELF inline caches, one entry pointer per instruction (vm.c) */
    _Atomic(struct MethodCache *) *mcache;
} Proto;

typedef struct Closure {
    Proto *proto;
    Box *up[];
} Closure;

Closure *goro_closure_new(Proto *p);

/* A native (C) function.  It gets its arguments and writes up to
 * GORO_MAX_RESULTS results to [res]; it returns how many, or one of the
 * GORO_NATIVE_* codes below. */
#define GORO_MAX_RESULTS 8
typedef int (*NativeFn)(struct G *g, Value *args, int nargs, Value *res);

enum {
    GORO_NATIVE_PANIC = -1,  /* g->panic holds the panic value */
    GORO_NATIVE_PARK = -2,   /* g is parked; its results arrive on resume */
    GORO_NATIVE_RETRY = -3,  /* g is parked; when it resumes the native is called again
                                with the same arguments (an fd became ready) */
    GORO_NATIVE_YIELD = -4,  /* runtime.Gosched: let others run, then continue */
    GORO_NATIVE_CALL = -5,   /* goro_native_call: the VM calls goro code for the native, then
                                calls the native again with the same arguments */
};

typedef struct Native {
    const char *name;       /* "fmt.Println" */
    NativeFn fn;
    void *data;             /* per-native data (e.g. the builtin a wrapper calls) */
    bool quiet;             /* the REPL does not echo its results (fmt.Println) */
} Native;

Value goro_native_value(const char *name, NativeFn fn);

/* A method value x.M: the receiver bound to the method. */
typedef struct Bound {
    Value recv;
    Value fn;
    bool drop_first;   /* s.f() where field f holds a func: no receiver */
} Bound;

/* ------------------------------------------------------ native objects */

typedef struct Obj Obj;

typedef struct ObjClass {
    const char *name;       /* for %T: "*time.Timer" */
    Type *type;             /* set when the package registers the class */
    Obj *(*zero)(void);     /* the zero value (var wg sync.WaitGroup), or NULL */
    /* x.name for a field (t.C of a Timer); false if there is none */
    bool (*getfield)(Obj *o, const char *name, Value *out);
    /* x.name = v, and keyed composite literals (sync.Pool{New: f}) for
     * the exported fields listed in [fields] (NULL-terminated); false
     * if there is no such field */
    bool (*setfield)(Obj *o, const char *name, Value v);
    const char *const *fields;
    /* a generic native type (atomic.Pointer[T]): how many type
     * arguments it takes; every instance is this type */
    int ntparams;
    /* Native io.Readers and io.Writers (files, connections, buffers)
     * implement these so other natives (bufio, io.Copy, fmt.Fprint) move
     * bytes without going through Values.  read fills up to [n] bytes of
     * [buf]; write writes all [n] bytes of [buf] or fails.  Both return 0
     * with *done and *err set (err nil, io.EOF or another error value),
     * or a GORO_NATIVE_* code the caller returns as it is: PANIC, or
     * RETRY when the goroutine parked (the netpoller) and the calling
     * native will be called again, so it must keep its progress in its
     * own objects, not on the C stack.  NULL: not a reader / writer. */
    int (*read)(struct G *g, Obj *o, char *buf, size_t n, size_t *done, Value *err);
    int (*write)(struct G *g, Obj *o, const char *buf, size_t n, size_t *done, Value *err);
    /* Value semantics for == and map keys (time.Time): two objects of the
     * class are equal when equal says so, and hash agrees with it.  NULL:
     * objects compare by identity. */
    bool (*equal)(Obj *a, Obj *b);
    uint64_t (*hash)(Obj *o);
    /* Value semantics for assignment and passing (sync.Mutex, WaitGroup,
     * atomic.Int64, as Go's structs are): a new object with [o]'s state,
     * made wherever a struct would be copied.  Method calls get the
     * object itself.  NULL: copies share the object. */
    Obj *(*copy)(const Obj *o);
} ObjClass;

struct Obj {
    const ObjClass *cls;
};

static inline Value goro_obj_value(Obj *o)
{
    return goro_ptrval(TT(VK_OBJ, o->cls->type ? o->cls->type->id : 0), o);
}

/* ----------------------------------------------------------------- maps
 *
 * A hash map with Go's semantics and insertion-ordered iteration: an
 * entries array (append-only, deleted entries become tombstones) and an
 * open-addressing index of entry numbers.  Iteration walks the entries,
 * so deleting during range is safe and an entry added during range may
 * or may not be seen, as Go allows.  When a resize compacts the entries,
 * a running iterator keeps the old array and checks each key against the
 * live map, so no entry is produced twice or after its deletion. */

typedef struct MapEntry {
    Value key, val;
    uint64_t hash;          /* 0 marks a deleted entry */
} MapEntry;

typedef struct Map {
    MapEntry *entries;      /* [0, nentries) used, including tombstones */
    int64_t nentries, capentries;
    int32_t *index;         /* -1 empty, else entry number */
    int64_t nindex;         /* power of two */
    int64_t count;          /* live entries */
    Type *type;             /* map type (key/value coercion, zero value) */
} Map;

typedef struct MapIter {
    Map *m;
    MapEntry *entries;      /* the array iteration started on */
    int64_t n, i;
} MapIter;

Map *goro_map_new(Type *t, int64_t hint);
/* Lookup; returns NULL when absent. */
Value *goro_map_get(Map *m, Value key);
/* Insert or update; false with *err for an unhashable key. */
bool goro_map_set(Map *m, Value key, Value val, const char **err);
void goro_map_delete(Map *m, Value key);
void goro_map_clear(Map *m);
void goro_map_iter_init(MapIter *it, Map *m);
bool goro_map_iter_next(MapIter *it, Value *key, Value *val);
/* Can this value be a map key? NULL if yes, else the reason. */
const char *goro_map_key_error(Value key);

#endif
