/* heap.c: container/heap: Init, Push, Pop, Remove and Fix over any value
 * with the methods of heap.Interface (Len, Less, Swap, Push, Pop), called
 * back as goro methods; the sifting is Go's (a min-heap by Less).  The
 * methods run nested and may not park (goro_vm_call), as sort's do. */
#include "pkg.h"
#include "vm.h"

static const char *s_len, *s_less, *s_swap, *s_push, *s_pop;

typedef struct Heap {
    G *g;
    Value h;
} Heap;

/* Bind h's methods; false (an error raised) when one is missing. */
static bool bind(G *g, Value h, Heap *hp, const char *what)
{
    hp->g = g;
    hp->h = h;
    const char *names[] = {s_len, s_less, s_pop, s_push, s_swap};
    Value fn, self;
    if (goro_value_is_nil(h) && VKIND(h) != VK_SLICE) {
        goro_nil_deref(g);
        return false;
    }
    for (int i = 0; i < 5; i++)
        if (!goro_vm_find_method(h, names[i], &fn, &self)) {
            goro_runtime_error(g, "%s: %s does not implement heap.Interface (missing method %s)", what,
                               goro_type_of(h)->name, names[i]);
            return false;
        }
    return true;
}

/* h.name(args) with at most one result.  The method is looked up at
 * each call: a value method's receiver is a copy of *h as it is now
 * (Push and Pop change its length). */
static bool call(Heap *hp, const char *name, Value *arg, int nargs, Value *out)
{
    Value fn, self;
    goro_vm_find_method(hp->h, name, &fn, &self);
    Value a[3] = {self, nargs ? arg[0] : goro_nil(), nargs > 1 ? arg[1] : goro_nil()};
    Value r = goro_nil();
    if (goro_vm_call(hp->g, fn, a, 1 + nargs, &r, 1) < 0)
        return false;
    if (out)
        *out = r;
    return true;
}

static bool len_of(Heap *hp, int64_t *n)
{
    Value r;
    if (!call(hp, s_len, NULL, 0, &r))
        return false;
    if (VKIND(r) != VK_INT) {
        goro_runtime_error(hp->g, "heap: Len returned %s, not int", goro_type_of(r)->name);
        return false;
    }
    *n = r.u.i;
    return true;
}

/* -1 panicked, else whether h[i] < h[j]. */
static int less(Heap *hp, int64_t i, int64_t j)
{
    Value ij[2] = {goro_int(i), goro_int(j)}, r = goro_nil();
    if (!call(hp, s_less, ij, 2, &r))
        return -1;
    return VKIND(r) == VK_BOOL && r.u.i;
}

static bool swap(Heap *hp, int64_t i, int64_t j)
{
    Value ij[2] = {goro_int(i), goro_int(j)};
    return call(hp, s_swap, ij, 2, NULL);
}

static bool up(Heap *hp, int64_t j)
{
    for (;;) {
        int64_t i = (j - 1) / 2;   /* parent */
        if (i == j)
            return true;
        int lt = less(hp, j, i);
        if (lt < 0)
            return false;
        if (!lt)
            return true;
        if (!swap(hp, i, j))
            return false;
        j = i;
    }
}

/* Sift i0 down within [0, n): -1 panicked, else whether it moved. */
static int down(Heap *hp, int64_t i0, int64_t n)
{
    int64_t i = i0;
    for (;;) {
        int64_t j1 = 2 * i + 1;
        if (j1 >= n || j1 < 0)   /* j1 < 0 after int overflow */
            break;
        int64_t j = j1;
        if (j1 + 1 < n) {
            int lt = less(hp, j1 + 1, j1);
            if (lt < 0)
                return -1;
            if (lt)
                j = j1 + 1;
        }
        int lt = less(hp, j, i);
        if (lt < 0)
            return -1;
        if (!lt)
            break;
        if (!swap(hp, i, j))
            return -1;
        i = j;
    }
    return i > i0;
}

static int f_init(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    Heap hp;
    int64_t n;
    if (nargs < 1)
        return goro_runtime_error(g, "not enough arguments in call to heap.Init");
    if (!bind(g, args[0], &hp, "heap.Init") || !len_of(&hp, &n))
        return GORO_NATIVE_PANIC;
    for (int64_t i = n / 2 - 1; i >= 0; i--)
        if (down(&hp, i, n) < 0)
            return GORO_NATIVE_PANIC;
    return 0;
}

static int f_push(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    Heap hp;
    int64_t n;
    if (nargs < 2)
        return goro_runtime_error(g, "not enough arguments in call to heap.Push");
    if (!bind(g, args[0], &hp, "heap.Push") || !call(&hp, s_push, &args[1], 1, NULL) || !len_of(&hp, &n) ||
        !up(&hp, n - 1))
        return GORO_NATIVE_PANIC;
    return 0;
}

static int f_pop(G *g, Value *args, int nargs, Value *res)
{
    Heap hp;
    int64_t n;
    if (nargs < 1)
        return goro_runtime_error(g, "not enough arguments in call to heap.Pop");
    if (!bind(g, args[0], &hp, "heap.Pop") || !len_of(&hp, &n))
        return GORO_NATIVE_PANIC;
    n--;
    if (!swap(&hp, 0, n) || down(&hp, 0, n) < 0 || !call(&hp, s_pop, NULL, 0, &res[0]))
        return GORO_NATIVE_PANIC;
    return 1;
}

static int f_remove(G *g, Value *args, int nargs, Value *res)
{
    Heap hp;
    int64_t n, i;
    if (nargs < 2 || !goro_arg_int(args, nargs, 1, &i))
        return goro_runtime_error(g, "heap.Remove: expects a heap and an index");
    if (!bind(g, args[0], &hp, "heap.Remove") || !len_of(&hp, &n))
        return GORO_NATIVE_PANIC;
    n--;
    if (n != i) {
        if (!swap(&hp, i, n))
            return GORO_NATIVE_PANIC;
        int moved = down(&hp, i, n);
        if (moved < 0 || (!moved && !up(&hp, i)))
            return GORO_NATIVE_PANIC;
    }
    if (!call(&hp, s_pop, NULL, 0, &res[0]))
        return GORO_NATIVE_PANIC;
    return 1;
}

static int f_fix(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    Heap hp;
    int64_t n, i;
    if (nargs < 2 || !goro_arg_int(args, nargs, 1, &i))
        return goro_runtime_error(g, "heap.Fix: expects a heap and an index");
    if (!bind(g, args[0], &hp, "heap.Fix") || !len_of(&hp, &n))
        return GORO_NATIVE_PANIC;
    int moved = down(&hp, i, n);
    if (moved < 0 || (!moved && !up(&hp, i)))
        return GORO_NATIVE_PANIC;
    return 0;
}

void goro_pkg_heap_init(void)
{
    Package *p = goro_pkg_new("container/heap");
    s_len = goro_intern_cstr("Len");
    s_less = goro_intern_cstr("Less");
    s_swap = goro_intern_cstr("Swap");
    s_push = goro_intern_cstr("Push");
    s_pop = goro_intern_cstr("Pop");
    goro_pkg_iface(p, "Interface", "Len Less Pop Push Swap");
    goro_pkg_func(p, "Init", f_init);
    goro_pkg_func(p, "Push", f_push);
    goro_pkg_func(p, "Pop", f_pop);
    goro_pkg_func(p, "Remove", f_remove);
    goro_pkg_func(p, "Fix", f_fix);
}
