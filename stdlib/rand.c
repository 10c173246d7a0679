/* rand.c: the math/rand package with Go 1.20's API and semantics: the
 * top-level functions draw from a global source seeded randomly at
 * start (rand.Seed makes it deterministic), rand.NewSource and rand.New
 * give *rand.Rand values with the same methods, and every derived
 * distribution (Intn, Int31n, Float64, Perm, Shuffle...) is built from
 * Int63 exactly as Go builds it.
 *
 * The generator is xoshiro256** (Blackman and Vigna), seeded through
 * splitmix64, not Go's additive lagged Fibonacci generator: sequences
 * differ from Go's, their properties do not.  NormFloat64 uses the polar
 * method and ExpFloat64 inversion instead of Go's ziggurat tables.
 *
 * Locking: the global source is shared by every goroutine (and so by
 * every thread running them) and is guarded by a mutex held only for
 * one draw, never across a call back into goro code (Shuffle's swap).
 * A *rand.Rand, as in Go, is not safe for concurrent use. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "pkg.h"
#include "rw.h"
#include "vm.h"

/* ------------------------------------------------------------ generator */

typedef struct Xoshiro {
    uint64_t s[4];
} Xoshiro;

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t xoshiro_next(Xoshiro *x)
{
    uint64_t *s = x->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static void xoshiro_seed(Xoshiro *x, int64_t seed)
{
    uint64_t st = (uint64_t)seed;
    for (int i = 0; i < 4; i++)
        x->s[i] = splitmix64(&st);
}

/* -------------------------------------------------------------- objects */

/* *rand.rngSource: what rand.NewSource returns. */
typedef struct SourceObj {
    Obj obj;
    Xoshiro x;
} SourceObj;

/* *rand.Rand: a native source, or any goro value with an Int63 method. */
typedef struct RandObj {
    Obj obj;
    SourceObj *native;   /* NULL when the source is a goro value */
    Value src;           /* the Source as passed to rand.New */
} RandObj;

static ObjClass source_class = {.name = "*rand.rngSource"};
static ObjClass rand_class = {.name = "*rand.Rand"};

static Xoshiro global_rng;
static pthread_mutex_t global_mu = PTHREAD_MUTEX_INITIALIZER;

/* Where a draw comes from: the global source (locked), a native source,
 * or a goro Source value whose methods are called. */
typedef struct Src {
    Xoshiro *x;
    bool global;
    Value user;
} Src;

static const char *name_int63, *name_uint64, *name_seed;

static Method *find_method(Value v, const char *name, Value *self)
{
    Type *t = goro_type_of(v);
    Method *m = goro_type_find_method(t, name);
    *self = v;
    if (!m && VKIND(v) == VK_PTR && t->elem && v.u.p) {
        m = goro_type_find_method(t->elem, name);
        if (m) {
            Value target = *(Value *)v.u.p;
            *self = m->ptr_recv ? target : goro_value_copy(target);
        }
    }
    return m;
}

/* Call the goro Source's method [name] (no arguments besides the
 * receiver, one int result); false if it panicked. */
static bool call_src(G *g, Value src, const char *name, uint64_t *out)
{
    Value self, res;
    Method *m = find_method(src, name, &self);
    if (!m) {
        goro_runtime_error(g, "rand: source of type %s has no method %s", goro_type_of(src)->name, name);
        return false;
    }
    int n = goro_vm_call(g, m->fn, &self, 1, &res, 1);
    if (n < 0)
        return false;
    *out = n >= 1 && VKIND(res) == VK_INT ? res.u.u : 0;
    return true;
}

static uint64_t draw_native(Src *s)
{
    if (!s->global)
        return xoshiro_next(s->x);
    pthread_mutex_lock(&global_mu);
    uint64_t v = xoshiro_next(s->x);
    pthread_mutex_unlock(&global_mu);
    return v;
}

/* Source.Int63: a non-negative int64. */
static bool int63(G *g, Src *s, int64_t *out)
{
    if (s->x) {
        *out = (int64_t)(draw_native(s) >> 1);
        return true;
    }
    uint64_t v;
    if (!call_src(g, s->user, name_int63, &v))
        return false;
    *out = (int64_t)v;
    return true;
}

/* Rand.Uint64: the source's Uint64 when it has one, else two Int63s. */
static bool uint64_draw(G *g, Src *s, uint64_t *out)
{
    if (s->x) {
        *out = draw_native(s);
        return true;
    }
    Value self;
    if (find_method(s->user, name_uint64, &self))
        return call_src(g, s->user, name_uint64, out);
    int64_t a, b;
    if (!int63(g, s, &a) || !int63(g, s, &b))
        return false;
    *out = (uint64_t)a >> 31 | (uint64_t)b << 32;
    return true;
}

static bool int31(G *g, Src *s, int32_t *out)
{
    int64_t v;
    if (!int63(g, s, &v))
        return false;
    *out = (int32_t)(v >> 32);
    return true;
}

/* Rand.Int63n (n > 0) */
static bool int63n(G *g, Src *s, int64_t n, int64_t *out)
{
    int64_t v;
    if ((n & (n - 1)) == 0) {
        if (!int63(g, s, &v))
            return false;
        *out = v & (n - 1);
        return true;
    }
    int64_t max = (int64_t)(((uint64_t)1 << 63) - 1 - (((uint64_t)1 << 63) % (uint64_t)n));
    do {
        if (!int63(g, s, &v))
            return false;
    } while (v > max);
    *out = v % n;
    return true;
}

/* Rand.Int31n (n > 0) */
static bool int31n(G *g, Src *s, int32_t n, int32_t *out)
{
    int32_t v;
    if ((n & (n - 1)) == 0) {
        if (!int31(g, s, &v))
            return false;
        *out = v & (n - 1);
        return true;
    }
    int32_t max = (int32_t)(((uint32_t)1 << 31) - 1 - (((uint32_t)1 << 31) % (uint32_t)n));
    do {
        if (!int31(g, s, &v))
            return false;
    } while (v > max);
    *out = v % n;
    return true;
}

/* Rand.Intn (n > 0) */
static bool intn(G *g, Src *s, int64_t n, int64_t *out)
{
    if (n <= INT32_MAX) {
        int32_t v;
        if (!int31n(g, s, (int32_t)n, &v))
            return false;
        *out = v;
        return true;
    }
    return int63n(g, s, n, out);
}

static bool float64_draw(G *g, Src *s, double *out)
{
    for (;;) {
        int64_t v;
        if (!int63(g, s, &v))
            return false;
        double f = (double)v / 9223372036854775808.0;
        if (f != 1) {
            *out = f;
            return true;
        }
    }
}

/* ------------------------------------------------------------ arguments */


static RandObj *as_rand(Value v)
{
    if (VKIND(v) != VK_OBJ || !v.u.p || ((Obj *)v.u.p)->cls != &rand_class)
        return NULL;
    return v.u.p;
}

static SourceObj *as_source(Value v)
{
    if (VKIND(v) != VK_OBJ || !v.u.p || ((Obj *)v.u.p)->cls != &source_class)
        return NULL;
    return v.u.p;
}

/* Every function exists twice: rand.F (global source) and (*Rand).F
 * (receiver in args[0]).  [o] is where the real arguments start. */
static int get_src(G *g, Value *args, int nargs, bool method, Src *s, int *o)
{
    if (!method) {
        s->x = &global_rng;
        s->global = true;
        *o = 0;
        return 0;
    }
    GORO_RECV(RandObj, r, as_rand);
    s->x = r->native ? &r->native->x : NULL;
    s->global = false;
    s->user = r->src;
    *o = 1;
    return 0;
}

#define SRC()                                               \
    Src s = {0};                                            \
    int o;                                                  \
    if (get_src(g, args, nargs, method, &s, &o) < 0)        \
        return GORO_NATIVE_PANIC;                           \
    GORO_UNUSED(o)

#define NEED_INT(i, fn, var)                                                              \
    int64_t var;                                                                          \
    if (!goro_arg_int(args, nargs, (i), &var))                                                 \
        return goro_runtime_error(g, "rand.%s: argument %d must be an integer", fn, (i) - o + 1)

/* ----------------------------------------------------------- functions */

static int do_int63(G *g, Value *args, int nargs, Value *res, bool method)
{
    SRC();
    int64_t v;
    if (!int63(g, &s, &v))
        return GORO_NATIVE_PANIC;
    res[0] = goro_typed(goro_int(v), goro_t_int64);
    return 1;
}

static int do_int(G *g, Value *args, int nargs, Value *res, bool method)
{
    SRC();
    int64_t v;
    if (!int63(g, &s, &v))
        return GORO_NATIVE_PANIC;
    res[0] = goro_int(v);
    return 1;
}

static int do_int31(G *g, Value *args, int nargs, Value *res, bool method)
{
    SRC();
    int32_t v;
    if (!int31(g, &s, &v))
        return GORO_NATIVE_PANIC;
    res[0] = goro_typed(goro_int(v), goro_t_int32);
    return 1;
}

static int do_uint32(G *g, Value *args, int nargs, Value *res, bool method)
{
    SRC();
    int64_t v;
    if (!int63(g, &s, &v))
        return GORO_NATIVE_PANIC;
    res[0] = goro_typed(goro_int((uint32_t)(v >> 31)), goro_t_uint32);
    return 1;
}

static int do_uint64(G *g, Value *args, int nargs, Value *res, bool method)
{
    SRC();
    uint64_t v;
    if (!uint64_draw(g, &s, &v))
        return GORO_NATIVE_PANIC;
    res[0] = goro_typed(goro_int((int64_t)v), goro_t_uint64);
    return 1;
}

static int do_intn(G *g, Value *args, int nargs, Value *res, bool method)
{
    SRC();
    NEED_INT(o, "Intn", n);
    if (n <= 0)
        return goro_panic_str(g, "invalid argument to Intn");
    int64_t v;
    if (!intn(g, &s, n, &v))
        return GORO_NATIVE_PANIC;
    res[0] = goro_int(v);
    return 1;
}

static int do_int63n(G *g, Value *args, int nargs, Value *res, bool method)
{
    SRC();
    NEED_INT(o, "Int63n", n);
    if (n <= 0)
        return goro_panic_str(g, "invalid argument to Int63n");
    int64_t v;
    if (!int63n(g, &s, n, &v))
        return GORO_NATIVE_PANIC;
    res[0] = goro_typed(goro_int(v), goro_t_int64);
    return 1;
}

static int do_int31n(G *g, Value *args, int nargs, Value *res, bool method)
{
    SRC();
    NEED_INT(o, "Int31n", n);
    int32_t n32 = (int32_t)n;   /* an int32 parameter: wider ints wrap as Go's conversion */
    if (n32 <= 0)
        return goro_panic_str(g, "invalid argument to Int31n");
    int32_t v;
    if (!int31n(g, &s, n32, &v))
        return GORO_NATIVE_PANIC;
    res[0] = goro_typed(goro_int(v), goro_t_int32);
    return 1;
}

static int do_float64(G *g, Value *args, int nargs, Value *res, bool method)
{
    SRC();
    double f;
    if (!float64_draw(g, &s, &f))
        return GORO_NATIVE_PANIC;
    res[0] = goro_float(f);
    return 1;
}

static int do_float32(G *g, Value *args, int nargs, Value *res, bool method)
{
    SRC();
    float f;
    do {
        double d;
        if (!float64_draw(g, &s, &d))
            return GORO_NATIVE_PANIC;
        f = (float)d;
    } while (f == 1);
    res[0] = goro_typed(goro_float(f), goro_t_float32);
    return 1;
}

static int do_normfloat64(G *g, Value *args, int nargs, Value *res, bool method)
{
    SRC();
    double u, v, q;
    do {
        if (!float64_draw(g, &s, &u) || !float64_draw(g, &s, &v))
            return GORO_NATIVE_PANIC;
        u = 2 * u - 1;
        v = 2 * v - 1;
        q = u * u + v * v;
    } while (q >= 1 || q == 0);
    res[0] = goro_float(u * sqrt(-2 * log(q) / q));
    return 1;
}

static int do_expfloat64(G *g, Value *args, int nargs, Value *res, bool method)
{
    SRC();
    double u;
    if (!float64_draw(g, &s, &u))
        return GORO_NATIVE_PANIC;
    res[0] = goro_float(-log1p(-u));   /* -log(1-u), u in [0, 1): finite, >= 0 */
    return 1;
}

static int do_perm(G *g, Value *args, int nargs, Value *res, bool method)
{
    SRC();
    NEED_INT(o, "Perm", n);
    if (n < 0)
        return goro_runtime_error(g, "makeslice: len out of range");
    uint32_t tt = TT(VK_SLICE, goro_type_slice(goro_t_int)->id);
    Value out = goro_slice_new(tt, n, n);
    Value *m = goro_slice_data(out);
    for (int64_t i = 0; i < n; i++) {
        int64_t j;
        if (!intn(g, &s, i + 1, &j))
            return GORO_NATIVE_PANIC;
        m[i] = m[j];
        m[j] = goro_int(i);
    }
    res[0] = out;
    return 1;
}

static int do_shuffle(G *g, Value *args, int nargs, Value *res, bool method)
{
    GORO_UNUSED(res);
    SRC();
    NEED_INT(o, "Shuffle", n);
    if (n < 0)
        return goro_panic_str(g, "invalid argument to Shuffle");
    if (nargs <= o + 1 || (VKIND(args[o + 1]) != VK_FUNC && VKIND(args[o + 1]) != VK_NATIVE &&
                           VKIND(args[o + 1]) != VK_BOUND) || !args[o + 1].u.p)
        return goro_runtime_error(g, "rand.Shuffle: argument 2 must be a function");
    Value swap = args[o + 1];
    for (int64_t i = n - 1; i > 0; i--) {
        int64_t j;
        if (i > INT32_MAX - 1) {
            if (!int63n(g, &s, i + 1, &j))
                return GORO_NATIVE_PANIC;
        } else {
            int32_t j32;
            if (!int31n(g, &s, (int32_t)(i + 1), &j32))
                return GORO_NATIVE_PANIC;
            j = j32;
        }
        Value ij[2] = {goro_int(i), goro_int(j)};
        if (goro_vm_call(g, swap, ij, 2, NULL, 0) < 0)
            return GORO_NATIVE_PANIC;
    }
    return 0;
}

/* Rand.Read / rand.Read: fill a []byte; always len(p), nil. */
static int do_read(G *g, Value *args, int nargs, Value *res, bool method)
{
    SRC();
    if (nargs <= o || (VKIND(args[o]) != VK_SLICE && VKIND(args[o]) != VK_NIL))
        return goro_runtime_error(g, "rand.Read: argument must be a []byte");
    Value p = args[o];
    Value *d = goro_slice_data(p);
    int64_t n = VKIND(p) == VK_NIL ? 0 : p.aux;
    uint64_t v = 0;
    int left = 0;
    for (int64_t i = 0; i < n; i++) {
        if (left == 0) {
            int64_t r;
            if (!int63(g, &s, &r))
                return GORO_NATIVE_PANIC;
            v = (uint64_t)r;
            left = 7;
        }
        d[i] = goro_typed(goro_int((uint8_t)v), goro_t_uint8);
        v >>= 8;
        left--;
    }
    res[0] = goro_int(n);
    res[1] = goro_nil();
    return 2;
}

static int do_seed(G *g, Value *args, int nargs, Value *res, bool method)
{
    GORO_UNUSED(res);
    SRC();
    NEED_INT(o, "Seed", seed);
    if (s.global) {
        pthread_mutex_lock(&global_mu);
        xoshiro_seed(&global_rng, seed);
        pthread_mutex_unlock(&global_mu);
    } else if (s.x) {
        xoshiro_seed(s.x, seed);
    } else {
        Value self;
        Method *m = find_method(s.user, name_seed, &self);
        if (!m)
            return goro_runtime_error(g, "rand: source of type %s has no method Seed",
                                      goro_type_of(s.user)->name);
        Value a[2] = {self, goro_int(seed)};
        if (goro_vm_call(g, m->fn, a, 2, NULL, 0) < 0)
            return GORO_NATIVE_PANIC;
    }
    return 0;
}

/* Each do_X becomes a package function f_X and a method r_X. */
#define BOTH(name)                                                                              \
    static int f_##name(G *g, Value *a, int n, Value *r) { return do_##name(g, a, n, r, false); } \
    static int r_##name(G *g, Value *a, int n, Value *r) { return do_##name(g, a, n, r, true); }

BOTH(int63)
BOTH(int)
BOTH(int31)
BOTH(uint32)
BOTH(uint64)
BOTH(intn)
BOTH(int63n)
BOTH(int31n)
BOTH(float64)
BOTH(float32)
BOTH(normfloat64)
BOTH(expfloat64)
BOTH(perm)
BOTH(shuffle)
BOTH(read)
BOTH(seed)

/* ------------------------------------------------------------- sources */

static int rand_newsource(G *g, Value *args, int nargs, Value *res)
{
    int64_t seed;
    if (!goro_arg_int(args, nargs, 0, &seed))
        return goro_runtime_error(g, "rand.NewSource: argument must be an integer");
    SourceObj *s = goro_alloc(sizeof *s);
    s->obj.cls = &source_class;
    xoshiro_seed(&s->x, seed);
    res[0] = goro_obj_value(&s->obj);
    return 1;
}

static int rand_new(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1 || VKIND(args[0]) == VK_NIL)
        return goro_nil_deref(g);
    RandObj *r = goro_alloc(sizeof *r);
    r->obj.cls = &rand_class;
    r->src = args[0];
    r->native = as_source(args[0]);
    if (!r->native) {
        Value self;
        if (!find_method(args[0], name_int63, &self))
            return goro_runtime_error(g, "rand.New: %s does not implement rand.Source (missing method Int63)",
                                      goro_type_of(args[0])->name);
    }
    res[0] = goro_obj_value(&r->obj);
    return 1;
}

static int src_int63(G *g, Value *args, int nargs, Value *res)
{
    GORO_RECV(SourceObj, s, as_source);
    res[0] = goro_typed(goro_int((int64_t)(xoshiro_next(&s->x) >> 1)), goro_t_int64);
    return 1;
}

static int src_uint64(G *g, Value *args, int nargs, Value *res)
{
    GORO_RECV(SourceObj, s, as_source);
    res[0] = goro_typed(goro_int((int64_t)xoshiro_next(&s->x)), goro_t_uint64);
    return 1;
}

static int src_seed(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    GORO_RECV(SourceObj, s, as_source);
    int64_t seed;
    if (!goro_arg_int(args, nargs, 1, &seed))
        return goro_runtime_error(g, "rand.Source.Seed: argument must be an integer");
    xoshiro_seed(&s->x, seed);
    return 0;
}

static int64_t random_seed(void)
{
    uint64_t seed;
    if (getrandom(&seed, sizeof seed, GRND_NONBLOCK) == (ssize_t)sizeof seed)
        return (int64_t)seed;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)((uint64_t)ts.tv_nsec * 0x9E3779B97F4A7C15ULL ^ (uint64_t)ts.tv_sec ^
                     ((uint64_t)getpid() << 32));
}

/* ----------------------------------------------------------------- init */

void goro_pkg_rand_init(void)
{
    Package *p = goro_pkg_new("math/rand");
    name_int63 = goro_intern_cstr("Int63");
    name_uint64 = goro_intern_cstr("Uint64");
    name_seed = goro_intern_cstr("Seed");
    xoshiro_seed(&global_rng, random_seed());

    Type *st = goro_pkg_obj_type(NULL, "rand", "rngSource", &source_class, NULL);
    goro_pkg_method(st, "Int63", src_int63);
    goro_pkg_method(st, "Uint64", src_uint64);
    goro_pkg_method(st, "Seed", src_seed);
    /* rand.Source names the interface in annotations (var s rand.Source) */
    const char **src_methods = goro_alloc(2 * sizeof *src_methods);
    src_methods[0] = name_int63;
    src_methods[1] = name_seed;
    goro_pkg_type(p, "Source", goro_type_named("rand", "Source", goro_type_iface(2, src_methods)));

    Type *rt = goro_pkg_obj_type(p, "rand", "Rand", &rand_class, NULL);

    static const struct { const char *name; NativeFn f, m; } fns[] = {
        {"Int63", f_int63, r_int63},       {"Int", f_int, r_int},
        {"Int31", f_int31, r_int31},       {"Uint32", f_uint32, r_uint32},
        {"Uint64", f_uint64, r_uint64},    {"Intn", f_intn, r_intn},
        {"Int63n", f_int63n, r_int63n},    {"Int31n", f_int31n, r_int31n},
        {"Float64", f_float64, r_float64}, {"Float32", f_float32, r_float32},
        {"NormFloat64", f_normfloat64, r_normfloat64},
        {"ExpFloat64", f_expfloat64, r_expfloat64},
        {"Perm", f_perm, r_perm},          {"Shuffle", f_shuffle, r_shuffle},
        {"Read", f_read, r_read},          {"Seed", f_seed, r_seed},
    };
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
        goro_pkg_func(p, fns[i].name, fns[i].f);
        goro_pkg_method(rt, fns[i].name, fns[i].m);
    }
    goro_pkg_func(p, "NewSource", rand_newsource);
    goro_pkg_func(p, "New", rand_new);
}
