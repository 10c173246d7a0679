/* vm.c: the bytecode interpreter.
 *
 * One loop, computed-goto dispatch (gcc and clang), over the register
 * file of a goroutine (runtime/g.h).  Calls between goro functions push
 * a Frame and continue in the same loop: the C stack never grows with
 * goro recursion, so a goroutine can stop at any instruction and resume
 * on any thread from its G alone.
 *
 * Saved state: `pc` and `base` are cached in locals.  SAVEPC() writes
 * the pc back into the frame before anything that can fail, switch
 * goroutines or grow the stack; RELOAD() refetches frame, constants,
 * pc and base afterwards (the register stack and the frame array may
 * have moved).  Frame bases are stack indexes, never pointers.
 *
 * Preemption points: backward jumps, calls and range steps spend
 * g->budget; when it runs out the scheduler decides whether another
 * goroutine should run (goro_sched_should_yield).
 *
 * Panics: an instruction that fails sets g->pending_panic and jumps to
 * `raise`; unwind() runs the deferred calls of each frame from the top
 * (each as a new frame marked FRAME_DEFER, so they run in this same
 * loop), stops when one of them recovers, and reports a goroutine killed
 * by a panic to the scheduler. */
#include "vm.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "arith.h"
#include "builtins.h"
#include "bytecode.h"
#include "chan.h"
#include "disasm.h"
#include "errors_obj.h"
#include "proc.h"
#include "utf8.h"

enum { VM_CONTINUE = 100 };

/* Frames marked by unwind for a panic's deferred calls. */
#define FRAME_PANICDEFER 16
/* A goro call made for a native (goro_native_call): when it returns,
 * the native is called again. */
#define FRAME_NCALL 32

#define MAX_FRAMES 1000000
#define MAX_STACK (1u << 26)

char *(*goro_format_value_hook)(G *g, Value v);
bool goro_vm_trace;

/* ------------------------------------------------------------ the stack */

static void grow_stack(G *g, uint32_t need)
{
    uint32_t n = g->stacksize ? g->stacksize : 8;
    while (n < need)
        n *= 2;
    Value *s = GC_MALLOC(sizeof(Value) * n);
    if (!s)
        goro_fatal("out of memory growing a goroutine stack");
    if (g->stacksize)
        memcpy(s, g->stack, sizeof(Value) * g->stacksize);
    g->stack = s;
    g->stacksize = n;
}

static inline bool ensure_stack(G *g, uint32_t need)
{
    if (GORO_LIKELY(need <= g->stacksize))
        return true;
    if (need > MAX_STACK)
        return false;
    grow_stack(g, need);
    return true;
}

static Frame *push_frame(G *g)
{
    if (g->nframes == g->framescap) {
        uint32_t n = g->framescap ? g->framescap * 2 : 2;
        Frame *f = GC_MALLOC(sizeof(Frame) * n);
        if (g->nframes)
            memcpy(f, g->frames, sizeof(Frame) * g->nframes);
        g->frames = f;
        g->framescap = n;
    }
    Frame *f = &g->frames[g->nframes++];
    memset(f, 0, sizeof *f);
    return f;
}

/* ------------------------------------------------------------- panics */

int goro_panic(G *g, Value v)
{
    g->pending_panic = v;
    g->has_pending_panic = true;
    return GORO_NATIVE_PANIC;
}

/* char buf[512] holding the message of a printf-style (fmt, ...) */
#define FORMAT_MESSAGE(buf, fmt)             \
    char buf[512];                           \
    do {                                     \
        va_list ap_;                         \
        va_start(ap_, fmt);                  \
        vsnprintf(buf, sizeof buf, fmt, ap_); \
        va_end(ap_);                         \
    } while (0)

int goro_nil_deref(G *g)
{
    return goro_runtime_error(g, "invalid memory address or nil pointer dereference");
}

int goro_runtime_error(G *g, const char *fmt, ...)
{
    FORMAT_MESSAGE(buf, fmt);
    return goro_panic(g, goro_runtime_error_new(buf));
}

int goro_plain_error(G *g, const char *fmt, ...)
{
    FORMAT_MESSAGE(buf, fmt);
    return goro_panic(g, goro_runtime_plain_error_new(buf));
}

int goro_panic_str(G *g, const char *fmt, ...)
{
    FORMAT_MESSAGE(buf, fmt);
    return goro_panic(g, goro_str_cstr(buf));
}

/* Frame k's function, file and line, or false for a frame not shown in
 * tracebacks (a synthetic one, or a native's). */
static bool frame_info(G *g, int k, const char **fn, const char **file, int *line,
                       bool *has_args)
{
    Frame *f = &g->frames[k];
    Proto *p = f->cl ? f->cl->proto : NULL;
    if (!p || p->synthetic)
        return false;
    *fn = p->name;
    *file = p->file;
    long pc = f->pc ? (long)(f->pc - p->code) - 1 : 0;
    if (pc < 0)
        pc = 0;
    if (pc >= p->ncode)
        pc = p->ncode - 1;
    *line = p->ncode > 0 ? p->lines[pc] : p->line;
    *has_args = p->nparams > 0 || p->variadic;
    return true;
}

bool goro_g_frame_info(G *g, int i, const char **fn, const char **file, int *line,
                       bool *has_args)
{
    for (int k = (int)g->nframes - 1; k >= 0; k--)
        if (frame_info(g, k, fn, file, line, has_args) && i-- == 0)
            return true;
    return false;
}

/* The frames from the top, skipping [skip]; of a deep stack only the top
 * and bottom 50, as Go elides the middle.  Linear in the depth: a panic
 * in deep recursion builds it too. */
char *goro_vm_traceback(G *g, int skip)
{
    const char *fn, *file;
    int line;
    bool args;
    int total = 0;
    for (int k = (int)g->nframes - 1; k >= 0; k--)
        total += frame_info(g, k, &fn, &file, &line, &args);
    total -= skip;
    size_t cap = 256, len = 0;
    char *buf = goro_alloc_atomic(cap);
    buf[0] = 0;
    int i = -skip;  /* index of the shown frame, counted from the top */
    for (int k = (int)g->nframes - 1; k >= 0; k--) {
        if (!frame_info(g, k, &fn, &file, &line, &args) || i++ < 0)
            continue;
        int at = i - 1;
        if (total > 100 && at >= 50 && at < total - 50) {
            if (at != 50)
                continue;
            fn = NULL;
        }
        char *entry = fn ? goro_sprintf("%s(%s)\n\t%s:%d\n", fn, args ? "..." : "", file, line)
                         : "...additional frames elided...\n";
        size_t el = strlen(entry);
        if (len + el + 1 > cap) {
            cap = (len + el + 1) * 2;
            buf = goro_realloc(buf, cap);
        }
        memcpy(buf + len, entry, el + 1);
        len += el;
    }
    return buf;
}

/* A value's Error() or String() by calling its method (may run goro code). */
static bool call_stringer(G *g, Value v, const char *name, char **out)
{
    Type *t = goro_type_of(v);
    const char *iname = goro_intern_cstr(name);
    Method *m = goro_type_find_method(t, iname);
    if (!m && t->kind == TY_PTR && t->elem)
        m = goro_type_find_method(t->elem, iname);
    if (!m || (m->ptr_recv && VKIND(m->fn) == VK_FUNC && VKIND(v) != VK_PTR))
        return false;
    Value res;
    if (VKIND(v) == VK_PTR && !(m->ptr_recv && VKIND(m->fn) == VK_FUNC) &&
        !goro_type_find_method(t, iname)) {
        if (!v.u.p)
            return false;
        v = goro_value_copy(*(Value *)v.u.p);
    }
    v.aux = VKIND(v) == VK_PTR ? 0 : v.aux;
    /* the panic being printed is not one the method's call returns into */
    Panic *saved = g->panic;
    bool pending = g->has_pending_panic;
    g->panic = NULL;
    g->has_pending_panic = false;
    int n = goro_vm_call(g, m->fn, &v, 1, &res, 1);
    g->panic = saved;
    g->has_pending_panic = pending;
    if (n < 1 || VKIND(res) != VK_STRING)
        return false;
    *out = goro_strndup(res.u.s, res.aux);
    return true;
}

char *goro_panic_message(G *g, Value v)
{
    char *s;
    if (goro_is_error_obj(v)) {
        Value m = goro_error_message(v);
        return goro_strndup(m.u.s, m.aux);
    }
    if (VKIND(v) == VK_NIL)
        return "panic called with nil argument (use runtime.PanicNilError)";
    Type *t = goro_type_of(v);
    if (g && call_stringer(g, v, "Error", &s))
        return s;
    if (g && call_stringer(g, v, "String", &s))
        return s;
    char num[64];
    switch (VKIND(v)) {
    case VK_STRING:
        if (t->named)
            return goro_sprintf("%s(\"%.*s\")", t->name, (int)v.aux, v.u.s);
        return goro_strndup(v.u.s, v.aux);
    case VK_INT: case VK_FLOAT: case VK_BOOL: case VK_COMPLEX:
        /* Go's runtime print; a named type's name around it: main.E(3),
         * main.C(+1.000000e+000+0.000000e+000i) */
        goro_print_basic(v, num, sizeof num);
        if (t->named)
            return goro_sprintf(VKIND(v) == VK_COMPLEX ? "%s%s" : "%s(%s)", t->name, num);
        return goro_strndup(num, strlen(num));
    default:
        if (goro_format_value_hook)
            return goro_sprintf("(%s) %s", t->name, goro_format_value_hook(g, v));
        return goro_sprintf("(%s) %p", t->name, v.u.p);
    }
}

static bool enter_closure(G *g, Frame *caller, Closure *cl, int a, int nargs, int nres, bool spread);

/* Mark the panics of the chain from [p] superseded: the deferred call
 * that ran for them is gone.  One it had recovered stays so marked (the
 * report prints it "[recovered]"). */
static void abort_panics(Panic *p)
{
    for (; p; p = p->link)
        p->aborted = true;
}

/* Start or continue unwinding.  Returns VM_CONTINUE when a deferred call
 * frame was pushed (run it), or a VM_* code. */
static int unwind(G *g)
{
    if (g->has_pending_panic) {
        Panic *p = goro_alloc(sizeof *p);
        p->value = g->pending_panic;
        p->goexit = g->goexit_pending;
        g->goexit_pending = false;
        g->has_pending_panic = false;
        p->trace = goro_vm_traceback(g, 0);
        p->link = g->panic;
        g->panic = p;
    }
    for (;;) {
        Frame *f = &g->frames[g->nframes - 1];
        if (f->defers) {
            Defer *d = f->defers;
            f->defers = d->next;
            Proto *fp = f->cl->proto;
            uint32_t nb = f->base + fp->maxregs + 1;
            if (!ensure_stack(g, nb + (uint32_t)d->nargs + 2))
                goro_fatal("stack overflow running deferred call");
            g->stack[nb - 1] = d->fn;
            memcpy(&g->stack[nb], d->args, sizeof(Value) * (size_t)d->nargs);
            unsigned k = VKIND(d->fn);
            Value dfn = d->fn;
            int dnargs = d->nargs;
            if (k == VK_BOUND && VKIND(((Bound *)d->fn.u.p)->fn) == VK_FUNC &&
                !((Bound *)d->fn.u.p)->drop_first) {
                Bound *bd = d->fn.u.p;
                memmove(&g->stack[nb + 1], &g->stack[nb], sizeof(Value) * (size_t)dnargs);
                g->stack[nb] = bd->recv;
                dfn = bd->fn;
                dnargs++;
                k = VK_FUNC;
            }
            if (k == VK_FUNC && dfn.u.p) {
                if (!enter_closure(g, f, dfn.u.p, fp->maxregs, dnargs, 0, d->spread))
                    return unwind(g);
                g->frames[g->nframes - 1].flags = FRAME_DEFER | FRAME_PANICDEFER | FRAME_DISCARD;
                return VM_CONTINUE;
            }
            /* a native deferred call runs right here */
            Value res[GORO_MAX_RESULTS];
            int r;
            if (k == VK_NATIVE) {
                /* it runs as a callback does: a wait (defer wg.Wait())
                 * blocks the thread instead of parking mid-unwind */
                Native *nat = d->fn.u.p;
                g->nested++;
                r = nat->fn(g, &g->stack[nb], d->nargs, res);
                g->nested--;
            } else if (k == VK_BOUND) {
                r = goro_vm_call(g, d->fn, d->args, d->nargs, res, 0) < 0 ? GORO_NATIVE_PANIC : 0;
            } else {
                r = goro_nil_deref(g);
            }
            if (r == GORO_NATIVE_PANIC) {
                abort_panics(g->panic);   /* it was running for them */
                return unwind(g);
            }
            if (r == GORO_NATIVE_PARK || r == GORO_NATIVE_RETRY)
                goro_fatal("a deferred native parked during a panic");
            continue;
        }
        if (f->flags & FRAME_ENTRY) {
            if (g->panic && g->panic->goexit)
                return VM_GOEXIT;   /* runtime.Goexit: the goroutine just ends */
            return VM_PANIC;
        }
        if (f->flags & FRAME_BOUNDARY) {
            g->nframes--;
            return VM_RETURN;
        }
        if (f->flags & FRAME_NCALL) {
            /* the native waiting for this call is abandoned; its cleanup
             * (goro_native_call_cleanup) runs as a deferred call would */
            NativeCont *c = g->nat ? g->nat->ncall_stack : NULL;
            if (c) {
                g->nat->ncall_stack = c->next;
                if (c->cleanup)
                    c->cleanup(g, c->cleanup_arg);
            }
            if (g->nat)
                g->nat->ncall_done = false;
        }
        /* a newer panic leaves a deferred call that was running for older
         * panics: they are superseded (a panic recovered inside that
         * deferred call leaves them going on, as in Go) */
        if ((f->flags & FRAME_PANICDEFER) && g->panic)
            abort_panics(g->panic->link);
        g->nframes--;
    }
}

/* ------------------------------------------------------------- helpers */

static const char *tname(Value v) { return goro_type_of(v)->name; }

/* A pointer to [v] where [v] is not addressable here: a fresh slot
 * holding the same struct or array object, so a pointer method changes
 * the value in place (goro_ptr_target gives both pointers one identity). */
static Value pointer_to_value(Value v)
{
    Value *slot = goro_alloc(sizeof *slot);
    *slot = v;
    Type *pt = goro_type_ptr(goro_type_of(v));
    return goro_ptrval(TT(VK_PTR, pt->id), slot);
}

/* The method [name] of [recv], or false.  A method declared with a
 * pointer receiver gets a pointer (nil included: the method runs with a
 * nil receiver); one declared with a value receiver gets a copy.  A
 * native method gets the object itself (sync.Mutex's Lock locks the
 * mutex, not a copy: Go declares it on *Mutex). */
static bool find_method(Value recv, const char *name, Value *fn, Value *self)
{
    Type *t = goro_type_of(recv);
    Method *m = goro_type_find_method(t, name);
    *self = recv;
    if (m) {
        /* a value receiver gets its own copy */
        if (!m->ptr_recv && VKIND(m->fn) == VK_FUNC && goro_value_needs_copy(recv))
            *self = goro_value_copy(recv);
        else if (m->ptr_recv && VKIND(m->fn) == VK_FUNC && VKIND(recv) != VK_PTR)
            *self = pointer_to_value(recv);
        *fn = m->fn;
        return true;
    }
    if (VKIND(recv) == VK_PTR && t->elem) {
        m = goro_type_find_method(t->elem, name);
        if (m) {
            Value *target = recv.u.p;
            if (m->ptr_recv && VKIND(m->fn) == VK_FUNC) {
                self->aux = 0;   /* out of an interface: a plain pointer */
                *fn = m->fn;
                return true;
            }
            if (!target)
                return false;
            /* a value method gets a copy; a native method the object */
            *self = m->ptr_recv || VKIND(m->fn) != VK_FUNC ? *target : goro_value_copy(*target);
            *fn = m->fn;
            return true;
        }
    }
    return false;
}

static int struct_field_index(Type *t, const char *name)
{
    for (int i = 0; i < t->nfields; i++)
        if (t->fnames[i] == name)
            return i;
    return -1;
}

/* The location of field [name] in struct value [s], following embedded
 * structs (promotion); NULL if there is none. */
static Value *field_ref(Value s, const char *name, int depth)
{
    if (VKIND(s) == VK_PTR) {
        if (!s.u.p)
            return NULL;
        s = *(Value *)s.u.p;
    }
    if (VKIND(s) != VK_STRUCT || depth > 8)
        return NULL;
    Struct *st = s.u.p;
    Type *t = st->type->under;
    int i = struct_field_index(t, name);
    if (i >= 0)
        return &st->f[i];
    for (int j = 0; j < t->nfields; j++) {
        if (t->fembedded && t->fembedded[j]) {
            Value *r = field_ref(st->f[j], name, depth + 1);
            if (r)
                return r;
        }
    }
    return NULL;
}

/* Method promoted from an embedded field: the embedded value and method. */
static bool find_promoted(Value s, const char *name, Value *fn, Value *self, int depth)
{
    if (VKIND(s) == VK_PTR && s.u.p)
        s = *(Value *)s.u.p;
    if (VKIND(s) != VK_STRUCT || depth > 8)
        return false;
    Struct *st = s.u.p;
    Type *t = st->type->under;
    for (int j = 0; j < t->nfields; j++) {
        if (!t->fembedded || !t->fembedded[j])
            continue;
        Value inner = st->f[j];
        if (find_method(inner, name, fn, self))
            return true;
        if (find_promoted(inner, name, fn, self, depth + 1))
            return true;
    }
    return false;
}

/* Field inline caches (Proto.fcache).  A struct's own field (not a
 * promoted one) found by name is remembered for the instruction as its
 * struct type's id and index, in one word, so threads running the same
 * code read and write it without tearing; the next execution with a
 * struct of that type goes straight to the field.  [pc] is the
 * instruction after the GETFIELD or SETFIELD. */
static inline Value *cached_field(Proto *p, const Instr *pc, Value o)
{
    uint32_t *fc = atomic_load_explicit(&p->fcache, memory_order_acquire);
    if (!fc)
        return NULL;
    if (VKIND(o) == VK_PTR) {
        if (!o.u.p)
            return NULL;
        o = *(Value *)o.u.p;
    }
    if (VKIND(o) != VK_STRUCT)
        return NULL;
    Struct *st = o.u.p;
    uint32_t c = __atomic_load_n(&fc[pc - 1 - p->code], __ATOMIC_RELAXED);
    if ((c >> 16) != st->type->id || !(c & 0xffff))
        return NULL;
    return &st->f[(c & 0xffff) - 1];
}

/* A COERCE to a non-empty interface remembers, in the same per-instruction
 * words, the exact type (a tt with a type id) that last passed its
 * method-set check. */
static inline bool iface_checked(Proto *p, const Instr *pc, Value v)
{
    uint32_t *fc = atomic_load_explicit(&p->fcache, memory_order_acquire);
    return fc && VTYPEID(v) && __atomic_load_n(&fc[pc - 1 - p->code], __ATOMIC_RELAXED) == v.tt;
}

/* A proto's per-instruction cache array in [*slot], made zeroed on first
 * use ([size] bytes an instruction; [pointers]: the GC must see them);
 * threads racing to make it agree on one. */
static void *cache_array(void **slot, size_t ncode, size_t size, bool pointers)
{
    void *a = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
    if (!a) {
        void *mine = pointers ? goro_alloc(ncode * size) : goro_alloc_atomic(ncode * size);
        if (!pointers)
            memset(mine, 0, ncode * size);
        if (__atomic_compare_exchange_n(slot, &a, mine, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
            a = mine;
    }
    return a;
}

static uint32_t *field_cache_words(Proto *p)
{
    return cache_array((void **)&p->fcache, (size_t)p->ncode, sizeof(uint32_t), false);
}

static void iface_check_passed(Proto *p, const Instr *pc, Value v)
{
    if (VTYPEID(v) && !goro_sched.repl)
        __atomic_store_n(&field_cache_words(p)[pc - 1 - p->code], v.tt, __ATOMIC_RELAXED);
}

static void fill_field_cache(Proto *p, const Instr *pc, Value o, const char *name)
{
    if (VKIND(o) == VK_PTR && o.u.p)
        o = *(Value *)o.u.p;
    if (VKIND(o) != VK_STRUCT)
        return;
    Struct *st = o.u.p;
    int i = struct_field_index(st->type->under, name);
    if (i < 0 || i >= 0xffff || !st->type->id)
        return;
    __atomic_store_n(&field_cache_words(p)[pc - 1 - p->code], (uint32_t)st->type->id << 16 | (uint32_t)(i + 1),
                     __ATOMIC_RELAXED);
}

bool goro_vm_find_method(Value recv, const char *name, Value *fn, Value *self)
{
    return find_method(recv, name, fn, self) || find_promoted(recv, name, fn, self, 0);
}

/* Does struct type [t] have field or method [name], embedded ones too? */
static bool type_has_member(Type *t, const char *name, int depth)
{
    if (!t || depth > 8)
        return false;
    if (t->kind == TY_PTR && t->elem)
        t = t->elem;
    if (goro_type_find_method(t, name))
        return true;
    Type *u = t->under;
    if (u->kind != TY_STRUCT)
        return false;
    for (int i = 0; i < u->nfields; i++)
        if (u->fnames[i] == name ||
            (u->fembedded && u->fembedded[i] && type_has_member(u->ftypes[i], name, depth + 1)))
            return true;
    return false;
}

/* Is [name] promoted through an embedded pointer of [s] that is nil? */
static bool via_nil_embedded(Value s, const char *name, int depth)
{
    if (VKIND(s) == VK_PTR && s.u.p)
        s = *(Value *)s.u.p;
    if (VKIND(s) != VK_STRUCT || depth > 8)
        return false;
    Struct *st = s.u.p;
    Type *t = st->type->under;
    for (int j = 0; j < t->nfields && j < st->n; j++) {
        if (!t->fembedded || !t->fembedded[j])
            continue;
        Value f = st->f[j];
        if (VKIND(f) == VK_PTR && !f.u.p && type_has_member(t->ftypes[j], name, 0))
            return true;
        if (via_nil_embedded(f, name, depth + 1))
            return true;
    }
    return false;
}

/* Method inline caches (Proto.mcache).  A SELF whose receiver is passed
 * as it is (a pointer to a pointer method, a value needing no copy)
 * remembers the receiver's tt and the method for the instruction, in an
 * immutable entry swapped in whole; the next call with a receiver of
 * that exact type skips the lookup.  Not at the REPL, where a method may
 * be redefined. */
typedef struct MethodCache {
    uint32_t tt;
    Value fn;
} MethodCache;

static inline MethodCache *cached_method(Proto *p, const Instr *pc, Value recv)
{
    _Atomic(MethodCache *) *mc = __atomic_load_n(&p->mcache, __ATOMIC_ACQUIRE);
    if (!mc)
        return NULL;
    MethodCache *e = atomic_load_explicit(&mc[pc - 1 - p->code], memory_order_acquire);
    return e && e->tt == recv.tt ? e : NULL;   /* a cached tt has a type id */
}

static void fill_method_cache(Proto *p, const Instr *pc, Value recv, Value fn, Value self)
{
    /* only receivers passed unchanged (but for an interface's mark) */
    if (goro_sched.repl || self.tt != recv.tt || self.u.p != recv.u.p || !VTYPEID(recv) ||
        (VKIND(fn) == VK_FUNC && goro_value_needs_copy(recv)))
        return;
    _Atomic(MethodCache *) *mc =
        cache_array((void **)&p->mcache, (size_t)p->ncode, sizeof(MethodCache *), true);
    MethodCache *e = goro_alloc(sizeof *e);
    e->tt = recv.tt;
    e->fn = fn;
    atomic_store_explicit(&mc[pc - 1 - p->code], e, memory_order_release);
}

static int get_field(G *g, Value o, const char *name, Value *out, bool copy)
{
    unsigned k = VKIND(o);
    if (k == VK_TYPE) {   /* a method expression: the method, receiver first */
        Type *t = o.u.p;
        Method *m = goro_type_find_method(t, name);
        if (!m && t->kind == TY_PTR && t->elem)
            m = goro_type_find_method(t->elem, name);
        if (m) {
            *out = m->fn;
            /* typed as Go's method expression: the receiver comes first */
            Type *ft = goro_type_of(m->fn);
            if (VKIND(m->fn) == VK_FUNC && !strncmp(ft->name, "func(", 5)) {
                const char *rest = ft->name + 5;
                out->tt = TT(VK_FUNC, goro_type_func(goro_sprintf("func(%s%s%s", t->name,
                                                                   *rest == ')' ? "" : ", ", rest))->id);
            }
            return 0;
        }
        return goro_runtime_error(g, "%s has no method %s", t->name, name);
    }
    if (k == VK_STRUCT || (k == VK_PTR && o.u.p && VKIND(*(Value *)o.u.p) == VK_STRUCT)) {
        Value *f = field_ref(o, name, 0);
        if (f) {
            *out = copy && goro_value_needs_copy(*f) ? goro_value_copy(*f) : *f;
            return 0;
        }
    }
    if (k == VK_PTR && !o.u.p)
        return goro_nil_deref(g);
    Value ov = k == VK_PTR && o.u.p ? *(Value *)o.u.p : o;   /* &sync.Cond{...}.L */
    if (VKIND(ov) == VK_OBJ && ov.u.p) {
        Obj *ob = ov.u.p;
        if (ob->cls->getfield && ob->cls->getfield(ob, name, out))
            return 0;
    }
    Value fn, self;
    if (find_method(o, name, &fn, &self) || find_promoted(o, name, &fn, &self, 0)) {
        Bound *b = goro_alloc(sizeof *b);
        b->recv = self;
        b->fn = fn;
        *out = goro_ptrval(VK_BOUND, b);
        return 0;
    }
    if ((k == VK_OBJ && !o.u.p) || via_nil_embedded(o, name, 0))
        return goro_nil_deref(g);
    return goro_runtime_error(g, "%s has no field or method %s", tname(o), name);
}

static int set_field(G *g, Value o, const char *name, Value v)
{
    Value *f = field_ref(o, name, 0);
    if (!f) {
        if ((VKIND(o) == VK_PTR && !o.u.p) || via_nil_embedded(o, name, 0))
            return goro_nil_deref(g);
        Value ov = VKIND(o) == VK_PTR ? *(Value *)o.u.p : o;
        if (VKIND(ov) == VK_OBJ && ov.u.p) {
            Obj *ob = ov.u.p;
            if (ob->cls->setfield && ob->cls->setfield(ob, name, v))
                return 0;
        }
        return goro_runtime_error(g, "%s has no field %s", tname(o), name);
    }
    Type *st = NULL;
    Value s = VKIND(o) == VK_PTR ? *(Value *)o.u.p : o;
    if (VKIND(s) == VK_STRUCT) {
        Type *t = ((Struct *)s.u.p)->type->under;
        int i = struct_field_index(t, name);
        if (i >= 0)
            st = t->ftypes[i];
    }
    if (st && st->coerce)
        v = goro_type_coerce(st, v);
    *f = goro_value_needs_copy(v) ? goro_value_copy(v) : v;
    return 0;
}

static inline Value elem_coerce(Value container, Value v)
{
    unsigned id = VTYPEID(container);
    if (id) {
        Type *t = goro_type_table[id]->under;
        if (t->elem && t->elem->coerce)
            v = goro_type_coerce(t->elem, v);
    }
    return goro_value_needs_copy(v) ? goro_value_copy(v) : v;
}

static Value map_zero(Map *m, Value mv)
{
    Type *t = m ? m->type : NULL;
    if (!t && VTYPEID(mv))
        t = goro_type_table[VTYPEID(mv)];
    if (t && t->under->elem)
        return goro_type_zero(t->under->elem);
    return goro_nil();
}

/* An index operand as an integer (an integral float is accepted). */
static int index_value(G *g, Value k, int64_t *i)
{
    if (VKIND(k) == VK_INT) {
        *i = k.u.i;
        return 0;
    }
    if (VKIND(k) == VK_FLOAT && k.u.f == trunc(k.u.f) && fabs(k.u.f) < 9.2e18) {
        *i = (int64_t)k.u.f;
        return 0;
    }
    return goro_runtime_error(g, "invalid index of type %s (must be an integer)", tname(k));
}

static int index_error(G *g, int64_t i, int64_t len)
{
    if (i < 0)  /* Go leaves the length out for a negative index */
        return goro_runtime_error(g, "index out of range [%lld]", (long long)i);
    return goro_runtime_error(g, "index out of range [%lld] with length %lld", (long long)i,
                              (long long)len);
}

/* Go's slice-bounds messages: the failing index in its place among the
 * colons ("[:5]", "[2:1]", "[::9]"), and the limit it broke ("with length"
 * for strings and arrays, "with capacity" for slices); a negative index
 * alone. */
static int slice_error(G *g, const char *fmt_neg, const char *fmt, int64_t x, int64_t y)
{
    if (x < 0)
        return goro_runtime_error(g, fmt_neg, (long long)x);
    return goro_runtime_error(g, fmt, (long long)x, (long long)y);
}

/* R[A] = c[k] */
static int get_index(G *g, Value c, Value k, Value *out, bool *found, bool copy)
{
    unsigned kc = VKIND(c);
    if (kc == VK_MAP) {
        Map *m = c.u.p;
        Value *v = goro_map_get(m, k);
        if (found)
            *found = v != NULL;
        if (v)
            *out = copy && goro_value_needs_copy(*v) ? goro_value_copy(*v) : *v;
        else {
            const char *err = goro_map_key_error(k);
            if (err)
                return goro_runtime_error(g, "hash of unhashable type %s", tname(k));
            *out = map_zero(m, c);
        }
        return 0;
    }
    int64_t i;
    if (index_value(g, k, &i))
        return GORO_NATIVE_PANIC;
    switch (kc) {
    case VK_SLICE:
        if ((uint64_t)i >= c.aux)
            return index_error(g, i, c.aux);
        *out = ((SliceHdr *)c.u.p)->data[i];
        break;
    case VK_STRING:
        if ((uint64_t)i >= c.aux)
            return index_error(g, i, c.aux);
        *out = goro_byte((unsigned char)c.u.s[i]);
        return 0;
    case VK_ARRAY: {
        Array *a = c.u.p;
        if ((uint64_t)i >= (uint64_t)a->len)
            return index_error(g, i, a->len);
        *out = a->v[i];
        break;
    }
    case VK_PTR: {
        Value *p = c.u.p;
        if (!p)
            return goro_nil_deref(g);
        if (VKIND(*p) == VK_ARRAY)
            return get_index(g, *p, k, out, found, copy);
        return goro_runtime_error(g, "invalid operation: cannot index %s", tname(c));
    }
    case VK_NIL:
        return goro_runtime_error(g, "index of nil value");
    default:
        return goro_runtime_error(g, "invalid operation: cannot index %s", tname(c));
    }
    if (copy && goro_value_needs_copy(*out))
        *out = goro_value_copy(*out);
    return 0;
}

static int set_index(G *g, Value c, Value k, Value v)
{
    unsigned kc = VKIND(c);
    if (kc == VK_MAP) {
        Map *m = c.u.p;
        if (!m)
            return goro_plain_error(g, "assignment to entry in nil map");
        const char *err;
        if (goro_value_needs_copy(v))
            v = goro_value_copy(v);
        if (!goro_map_set(m, k, v, &err))
            return goro_runtime_error(g, "%s", err);
        return 0;
    }
    int64_t i;
    if (index_value(g, k, &i))
        return GORO_NATIVE_PANIC;
    switch (kc) {
    case VK_SLICE:
        if ((uint64_t)i >= c.aux)
            return index_error(g, i, c.aux);
        ((SliceHdr *)c.u.p)->data[i] = elem_coerce(c, v);
        return 0;
    case VK_ARRAY: {
        Array *a = c.u.p;
        if ((uint64_t)i >= (uint64_t)a->len)
            return index_error(g, i, a->len);
        a->v[i] = elem_coerce(c, v);
        return 0;
    }
    case VK_PTR: {
        Value *p = c.u.p;
        if (!p)
            return goro_nil_deref(g);
        if (VKIND(*p) == VK_ARRAY)
            return set_index(g, *p, k, v);
        break;
    }
    case VK_STRING:
        return goro_runtime_error(g, "cannot assign to string element (strings are immutable)");
    default:
        break;
    }
    return goro_runtime_error(g, "invalid operation: cannot index %s", tname(c));
}

static int do_slice(G *g, Value *b, int flags, Value *out)
{
    Value x = b[0];
    if (VKIND(x) == VK_PTR && x.u.p && VKIND(*(Value *)x.u.p) == VK_ARRAY)
        x = *(Value *)x.u.p;
    int64_t len, cap;
    switch (VKIND(x)) {
    case VK_SLICE: len = x.aux; cap = goro_slice_cap(x); break;
    case VK_STRING: len = cap = x.aux; break;
    case VK_ARRAY: len = cap = ((Array *)x.u.p)->len; break;
    case VK_NIL: len = cap = 0; break;
    default:
        return goro_runtime_error(g, "cannot slice %s", tname(x));
    }
    int64_t lo = 0, hi = len, max = cap;
    for (int i = 1; i <= 3; i++) {
        if (!(flags & (1 << (i - 1))))
            continue;
        if (VKIND(b[i]) != VK_INT)
            return goro_runtime_error(g, "invalid slice index of type %s", tname(b[i]));
    }
    if (flags & 1) lo = b[1].u.i;
    if (flags & 2) hi = b[2].u.i;
    if (flags & 4) max = b[3].u.i;
    const char *limit = VKIND(x) == VK_SLICE || VKIND(x) == VK_NIL ? "capacity" : "length";
    if (VKIND(x) == VK_STRING && (flags & 4))
        return goro_runtime_error(g, "3-index slice of string");
    if (flags & 4) {
        if (max < 0 || max > cap)
            return goro_runtime_error(g, max < 0 ? "slice bounds out of range [::%lld]"
                                             : "slice bounds out of range [::%lld] with %s %lld",
                                      (long long)max, limit, (long long)cap);
        if (hi < 0 || hi > max)
            return slice_error(g, "slice bounds out of range [:%lld:]",
                               "slice bounds out of range [:%lld:%lld]", hi, max);
        if (lo < 0 || lo > hi)
            return slice_error(g, "slice bounds out of range [%lld::]",
                               "slice bounds out of range [%lld:%lld:]", lo, hi);
    } else {
        if (hi < 0 || hi > cap)
            return goro_runtime_error(g, hi < 0 ? "slice bounds out of range [:%lld]"
                                            : "slice bounds out of range [:%lld] with %s %lld",
                                      (long long)hi, limit, (long long)cap);
        if (lo < 0 || lo > hi)
            return slice_error(g, "slice bounds out of range [%lld:]",
                               "slice bounds out of range [%lld:%lld]", lo, hi);
    }
    if (VKIND(x) == VK_STRING) {
        *out = goro_str_nocopy(x.u.s + lo, hi - lo);
        out->tt = x.tt;
        return 0;
    }
    Value *data;
    uint32_t tt;
    if (VKIND(x) == VK_ARRAY) {
        data = ((Array *)x.u.p)->v;
        Type *at = goro_type_of(x);
        tt = TT(VK_SLICE, goro_type_slice(at->under->elem ? at->under->elem : goro_t_any)->id);
    } else if (VKIND(x) == VK_NIL || !x.u.p) {
        *out = x;
        out->tt = VKIND(x) == VK_NIL ? (uint32_t)VK_SLICE : x.tt;
        return 0;
    } else {
        data = ((SliceHdr *)x.u.p)->data;
        tt = x.tt;
    }
    if (lo == 0 && max == cap && VKIND(x) == VK_SLICE) {
        *out = x;
        out->aux = (uint32_t)hi;
        return 0;
    }
    SliceHdr *h = goro_alloc(sizeof *h);
    h->data = data + lo;
    h->cap = max - lo;
    Value v = {tt, (uint32_t)(hi - lo), {.p = h}};
    *out = v;
    return 0;
}

bool goro_len(Value v, int64_t *out)
{
    switch (VKIND(v)) {
    case VK_STRING: case VK_SLICE: *out = v.aux; return true;
    case VK_MAP: *out = v.u.p ? ((Map *)v.u.p)->count : 0; return true;
    case VK_ARRAY: *out = ((Array *)v.u.p)->len; return true;
    case VK_CHAN: *out = v.u.p ? goro_chan_len(v.u.p) : 0; return true;
    case VK_NIL: *out = 0; return true;
    case VK_PTR:
        if (v.u.p && VKIND(*(Value *)v.u.p) == VK_ARRAY) {
            *out = ((Array *)((Value *)v.u.p)->u.p)->len;
            return true;
        }
        return false;
    default: return false;
    }
}

static bool type_matches(Value v, Type *t)
{
    if (t->kind == TY_IFACE) {
        const char *missing;
        return VKIND(v) != VK_NIL && goro_type_implements(v, t, &missing);
    }
    Type *vt = goro_type_of(v);
    if (vt == t || (t->nilzero && vt == t->under))
        return true;
    /* func values have no precise type in goro: any func matches */
    if (t->kind == TY_FUNC && (VKIND(v) == VK_FUNC || VKIND(v) == VK_NATIVE || VKIND(v) == VK_BOUND))
        return v.u.p != NULL;
    return false;
}

/* A pointer to [slot], typed after the value it holds now. */
static Value pointer_to(Value *slot)
{
    Type *et = goro_type_of(*slot);
    Type *pt = goro_type_ptr(et);
    return goro_ptrval(TT(VK_PTR, pt->id), slot);
}

/* *p = v: a struct or array overwrites the object in place, so every
 * pointer to it (goro_ptr_target) sees the new value. */
static void store_through(Value *slot, Value v)
{
    Value cur = *slot;
    if (cur.tt == v.tt && (VKIND(cur) == VK_STRUCT || VKIND(cur) == VK_ARRAY) && cur.u.p == v.u.p)
        return;
    if (VKIND(cur) == VK_STRUCT && cur.tt == v.tt && cur.u.p != v.u.p) {
        Struct *d = cur.u.p, *src = v.u.p;
        if (d->type == src->type && d->n == src->n) {
            for (int64_t i = 0; i < d->n; i++)
                d->f[i] = goro_value_needs_copy(src->f[i]) ? goro_value_copy(src->f[i]) : src->f[i];
            return;
        }
    }
    if (VKIND(cur) == VK_ARRAY && cur.tt == v.tt && cur.u.p != v.u.p) {
        Array *d = cur.u.p, *src = v.u.p;
        if (d->len == src->len) {
            for (int64_t i = 0; i < d->len; i++)
                d->v[i] = goro_value_needs_copy(src->v[i]) ? goro_value_copy(src->v[i]) : src->v[i];
            return;
        }
    }
    *slot = goro_value_needs_copy(v) ? goro_value_copy(v) : v;
}

/* ------------------------------------------------------------ natives */

static inline int call_native(G *g, Value fnv, Value *args, int nargs, Value *res)
{
    Native *nat = fnv.u.p;
    return nat->fn(g, args, nargs, res);
}

/* ------------------------------------------------------------ the loop */

#define R(x) base[x]
#define KST(x) k[x]
#define SAVEPC() (fr->pc = pc)
#define RELOAD()                                       \
    do {                                               \
        fr = &g->frames[g->nframes - 1];               \
        k = fr->cl->proto->k;                          \
        pc = fr->pc;                                   \
        base = g->stack + fr->base;                    \
    } while (0)
#define THROW() goto raise
/* a native's or helper's failure */
#define CHECK(call)                                    \
    do {                                               \
        if (GORO_UNLIKELY((call) == GORO_NATIVE_PANIC)) \
            THROW();                                   \
    } while (0)
/* A preemption point after a jump: resume at the jump's target. */
#define BUDGET()                                                   \
    do {                                                           \
        if (GORO_UNLIKELY(--g->budget <= 0)) {                     \
            SAVEPC();                                              \
            if (goro_sched_should_yield(g))                        \
                return VM_YIELD;                                   \
        }                                                          \
    } while (0)
/* A preemption point before an instruction's work (CALL, RANGENEXT):
 * resume by running that instruction again. */
#define BUDGET_HERE()                                              \
    do {                                                           \
        if (GORO_UNLIKELY(--g->budget <= 0)) {                     \
            fr->pc = pc - 1;                                       \
            if (goro_sched_should_yield(g))                        \
                return VM_YIELD;                                   \
        }                                                          \
    } while (0)

/* Set up a call of closure [cl] whose function slot is R[a] with
 * [nargs] arguments after it; pushes the frame.  Returns false after
 * setting a panic. */
/* Runaway recursion.  As in Go it is fatal, not a panic: no deferred
 * call runs, the goroutine's stack is printed, exit status 2.  At the
 * REPL it is a panic, which ends only the line. */
static void stack_overflow(G *g)
{
    goro_vm_throw(g, "runtime: goroutine stack exceeds 1000000000-byte limit\n", "stack overflow");
}

int goro_vm_throw(G *g, const char *preface, const char *msg)
{
    if (goro_sched.repl) {
        g->pending_panic = goro_str_cstr(msg);
        g->has_pending_panic = true;
        return GORO_NATIVE_PANIC;
    }
    goro_sched_freeze(2);
    fflush(stdout);
    fprintf(stderr, "%sfatal error: %s\n\ngoroutine %lld [running]:\n%s", preface ? preface : "", msg,
            (long long)g->id, goro_vm_traceback(g, 0));
    exit(2);
}

static bool enter_closure(G *g, Frame *caller, Closure *cl, int a, int nargs, int nres, bool spread)
{
    Proto *p = cl->proto;
    uint32_t nb = caller->base + (uint32_t)a + 1;
    if (!ensure_stack(g, nb + p->maxregs + (uint32_t)(nargs > 0 ? nargs : 0) + 1) ||
        g->nframes >= MAX_FRAMES) {
        stack_overflow(g);
        return false;
    }
    Value *args = g->stack + nb;
    int nfixed = p->nparams;
    if (spread) {
        /* f(xs...): the last argument is the variadic slice itself */
        if (!p->variadic) {
            goro_runtime_error(g, "cannot use ... in call to non-variadic %s", p->name);
            return false;
        }
        if (nargs - 1 != nfixed) {
            goro_runtime_error(g, "wrong number of arguments in call to %s", p->name);
            return false;
        }
        Value s = args[nfixed];
        if (VKIND(s) == VK_NIL)
            args[nfixed] = goro_ptrval(TT(VK_SLICE, p->variadic_type->id), NULL);
    } else if (p->variadic) {
        int extra = nargs - nfixed;
        if (extra < 0) {
            for (int i = nargs; i < nfixed; i++)
                args[i] = goro_nil();
            extra = 0;
        }
        uint32_t tt = TT(VK_SLICE, p->variadic_type->id);
        if (extra == 0) {
            args[nfixed] = goro_ptrval(tt, NULL);
        } else {
            Value s = goro_slice_from(tt, &args[nfixed], extra);
            if (p->variadic_type->elem->coerce) {
                Value *d = goro_slice_data(s);
                for (int i = 0; i < extra; i++)
                    d[i] = goro_type_coerce(p->variadic_type->elem, d[i]);
            }
            args[nfixed] = s;
        }
    } else if (nargs != nfixed) {
        if (nargs > nfixed) {
            goro_runtime_error(g, "too many arguments in call to %s: have %d, want %d", p->name,
                               nargs, nfixed);
            return false;
        }
        for (int i = nargs; i < nfixed; i++)
            args[i] = goro_nil();
    }
    Frame *nf = push_frame(g);
    nf->cl = cl;
    nf->pc = p->code;
    nf->base = nb;
    nf->ret = (int16_t)a;
    nf->nres = (int16_t)nres;
    return true;
}

/* Copy a native's results into R[a ..]: [want] = -1 for all (top set). */
static inline void place_results(G *g, Frame *fr, Value *base, int a, Value *res, int n, int want)
{
    if (want < 0) {
        if (!ensure_stack(g, fr->base + (uint32_t)a + (uint32_t)n + 1))
            goro_fatal("stack overflow");
        base = g->stack + fr->base;
        memcpy(&base[a], res, sizeof(Value) * (size_t)n);
        g->top = fr->base + (uint32_t)a + (uint32_t)n;
        return;
    }
    for (int i = 0; i < want; i++)
        base[a + i] = i < n ? res[i] : goro_nil();
}

static int execute(G *g);

static GNative *gnative(G *g)
{
    if (!g->nat)
        g->nat = goro_alloc(sizeof(GNative));
    return g->nat;
}

/* A native returned GORO_NATIVE_RETRY or GORO_NATIVE_CALL: keep the
 * call, to make it again when the G resumes ([on_resume]) or when the
 * goro call it asked for returns.  [ncall_ok]: it was called by CALL. */
static void save_retry(G *g, Value fn, const Value *args, int nargs, bool on_resume, bool ncall_ok)
{
    Value *copy = goro_alloc(sizeof(Value) * (size_t)(nargs + 1));
    memcpy(copy, args, sizeof(Value) * (size_t)nargs);
    gnative(g);
    g->nat->retry_fn = fn;
    g->nat->retry_args = copy;
    g->nat->retry_nargs = nargs;
    g->nat->retry_dst = g->resume_dst;
    g->nat->retry_want = g->resume_want;
    g->retry_on_resume = on_resume;
    g->nat->retry_ncall_ok = ncall_ok;
}

/* The native that asked for a goro call waits on the G's ncall stack
 * while the call runs (it may run natives that park and retry). */
static void push_ncall(G *g)
{
    NativeCont *c = goro_alloc(sizeof *c);
    c->fn = g->nat->retry_fn;
    c->args = g->nat->retry_args;
    c->nargs = g->nat->retry_nargs;
    c->dst = g->nat->retry_dst;
    c->want = g->nat->retry_want;
    c->nstate = g->nstate;
    c->cleanup = g->nat->ncall_cleanup;
    c->cleanup_arg = g->nat->ncall_cleanup_arg;
    g->nat->ncall_cleanup = NULL;
    g->nat->ncall_cleanup_arg = NULL;
    c->next = g->nat->ncall_stack;
    g->nat->ncall_stack = c;
    g->nat->retry_fn = goro_nil();
    g->nat->retry_args = NULL;
    g->retry_on_resume = false;
    g->nstate = NULL;
}

static void pop_ncall(G *g)
{
    NativeCont *c = g->nat->ncall_stack;
    g->nat->ncall_stack = c->next;
    g->nat->retry_fn = c->fn;
    g->nat->retry_args = c->args;
    g->nat->retry_nargs = c->nargs;
    g->nat->retry_dst = c->dst;
    g->nat->retry_want = c->want;
    g->nat->retry_ncall_ok = true;
    g->retry_on_resume = false;
    g->nstate = c->nstate;
}

/* Push the frame of the goro call a native asked for (goro_native_call)
 * above the top frame; false after setting a panic. */
static bool start_ncall(G *g)
{
    Frame *top = &g->frames[g->nframes - 1];
    uint32_t nb = top->base + top->cl->proto->maxregs + 1;
    Value fn = g->nat->ncall_fn;
    int nargs = g->nat->ncall_nargs;
    bool bound = VKIND(fn) == VK_BOUND;
    if (!ensure_stack(g, nb + (uint32_t)nargs + 3)) {
        stack_overflow(g);
        return false;
    }
    if (bound) {
        Bound *bd = fn.u.p;
        g->stack[nb] = bd->recv;
        fn = bd->fn;
    }
    g->stack[nb - 1] = fn;
    memcpy(&g->stack[nb + bound], g->nat->ncall_args, sizeof(Value) * (size_t)nargs);
    nargs += bound;
    g->nat->ncall_args = NULL;
    top = &g->frames[g->nframes - 1];
    if (!enter_closure(g, top, fn.u.p, (int)(nb - 1 - top->base), nargs, -1, false)) {
        g->nat->retry_fn = goro_nil();
        g->nstate = NULL;
        return false;
    }
    g->frames[g->nframes - 1].flags |= FRAME_NCALL;
    push_ncall(g);
    return true;
}

int goro_native_call(G *g, Value fn, const Value *args, int nargs, Value *res, int nres)
{
    gnative(g);
    if (g->nat->ncall_done) {
        g->nat->ncall_done = false;
        int n = g->nat->ncall_nres;
        for (int i = 0; i < nres; i++)
            res[i] = i < n ? g->nat->ncall_res[i] : goro_nil();
        g->nat->ncall_res = NULL;
        return n;
    }
    Value target = fn;
    if (VKIND(fn) == VK_BOUND && !((Bound *)fn.u.p)->drop_first)
        target = ((Bound *)fn.u.p)->fn;
    if (!g->ncall_ok || g->nested || VKIND(target) != VK_FUNC || !target.u.p) {
        int n = goro_vm_call(g, fn, args, nargs, res, nres);
        return n < 0 ? GORO_NATIVE_PANIC : n;
    }
    Value *copy = goro_alloc(sizeof(Value) * (size_t)(nargs + 1));
    if (nargs)   /* args may be NULL then (Once.Do's f()) */
        memcpy(copy, args, sizeof(Value) * (size_t)nargs);
    g->nat->ncall_fn = fn;
    g->nat->ncall_args = copy;
    g->nat->ncall_nargs = nargs;
    g->nat->ncall_cleanup = NULL;
    g->ncall_ok = false;   /* one call per invocation of the native */
    return GORO_NATIVE_CALL;
}

void goro_native_call_cleanup(G *g, void (*fn)(G *, void *), void *arg)
{
    gnative(g);
    g->nat->ncall_cleanup = fn;
    g->nat->ncall_cleanup_arg = arg;
}

/* Call the kept native again; VM_CONTINUE when it finished (results in
 * place, or a pending panic) or asked for another goro call (its frame
 * is pushed), else how to stop. */
static int retry_native(G *g)
{
    GNative *nat = g->nat;
    g->resume_dst = nat->retry_dst;
    g->resume_want = nat->retry_want;
    g->resume_n = 0;
    Value res[GORO_MAX_RESULTS];
    g->ncall_ok = nat->retry_ncall_ok;
    int n = call_native(g, nat->retry_fn, nat->retry_args, nat->retry_nargs, res);
    g->ncall_ok = false;
    /* still in progress: the record stays as it is */
    g->retry_on_resume = n == GORO_NATIVE_RETRY;
    if (n == GORO_NATIVE_RETRY)
        return VM_PARK;
    if (n == GORO_NATIVE_CALL) {
        start_ncall(g);   /* on failure the panic is pending */
        return VM_CONTINUE;
    }
    nat->retry_fn = goro_nil();
    nat->retry_args = NULL;
    if (n == GORO_NATIVE_PARK)
        return VM_PARK;
    if (n == GORO_NATIVE_PANIC)
        return VM_CONTINUE;   /* execute raises the pending panic */
    int dst = g->resume_dst;
    if (n == GORO_NATIVE_YIELD)
        n = 0;
    if (dst >= 0 && g->nframes > 0) {
        Frame *f = &g->frames[g->nframes - 1];
        place_results(g, f, g->stack + f->base, dst, res, n, g->resume_want);
    }
    return VM_CONTINUE;
}

/* A parked goroutine resumes: the waker's results go into the
 * registers the parking instruction named. */
static void resume(G *g)
{
    g->resume_pending = false;
    if (g->waiting)
        goro_select_cleanup(g);
    if (atomic_load(&g->interrupted)) {
        atomic_store(&g->interrupted, false);
        if (g->nat)
            g->nat->retry_fn = goro_nil();
        g->retry_on_resume = false;
        g->nstate = NULL;   /* the abandoned native's progress */
        goro_panic_str(g, "interrupted");
        return;
    }
    if (g->retry_on_resume)
        return;   /* goro_vm_run calls the native again */
    int dst = g->resume_dst;
    if (dst < 0 || g->nframes == 0)
        return;
    Frame *f = &g->frames[g->nframes - 1];
    Value *base = g->stack + f->base;
    int n = g->resume_n;
    if (n == -2) {
        base[dst] = g->park_vals[0];
        base[dst - 1] = goro_bool(g->park_vals[1].u.i != 0);
        return;
    }
    int want = g->resume_want;
    if (want < 0) {
        if (!ensure_stack(g, f->base + (uint32_t)dst + (uint32_t)n + 1))
            goro_fatal("stack overflow");
        base = g->stack + f->base;
        for (int j = 0; j < n; j++)
            base[dst + j] = g->park_vals[j];
        g->top = f->base + (uint32_t)dst + (uint32_t)n;
        return;
    }
    for (int j = 0; j < want; j++)
        base[dst + j] = j < n ? g->park_vals[j] : goro_nil();
}

int goro_vm_run(G *g)
{
    if (g->resume_pending) {
        resume(g);
        if (g->retry_on_resume && !g->has_pending_panic) {
            int st = retry_native(g);
            if (st != VM_CONTINUE)
                return st;
        }
    }
    return execute(g);
}

/* The first frame of a goroutine: a two-instruction trampoline that calls
 * the function in R[0] with the arguments above it, then ends the
 * goroutine.  Natives and method values start the same way. */
static Closure *trampoline(bool spread)
{
    static Closure *tc[2];
    if (!tc[spread]) {
        Proto *p = goro_alloc(sizeof *p);
        p->name = "goroutine";
        p->file = "?";
        p->synthetic = 1;
        p->maxregs = 1;
        p->code = goro_alloc_atomic(sizeof(Instr) * 2);
        p->code[0] = MK_ABC(spread ? OP_CALLS : OP_CALL, 0, 0, 1);
        p->code[1] = MK_ABC(OP_RETURN, 0, 1, 0);
        p->lines = goro_alloc_atomic(sizeof(int32_t) * 2);
        p->lines[0] = p->lines[1] = 0;
        p->ncode = 2;
        tc[spread] = goro_closure_new(p);
    }
    return tc[spread];
}

void goro_vm_setup(G *g, Value fn, const Value *args, int nargs, bool spread)
{
    /* room for the call the trampoline makes, so a small goroutine's
     * stack is allocated once, at its final size */
    uint32_t need = 1 + (uint32_t)nargs + 2;
    if (VKIND(fn) == VK_FUNC && fn.u.p)
        need += ((Closure *)fn.u.p)->proto->maxregs;
    /* a reused G (proc.c's free lists) keeps its cleared stack if big enough */
    if (g->stacksize < need)
        grow_stack(g, need);
    g->nframes = 0;
    g->stack[0] = fn;
    if (nargs)
        memcpy(&g->stack[1], args, sizeof(Value) * (size_t)nargs);
    g->top = 1 + (uint32_t)nargs;
    Frame *f = push_frame(g);
    f->cl = trampoline(spread);
    f->pc = f->cl->proto->code;
    f->base = 0;
    f->flags = FRAME_ENTRY;
}

static int execute(G *g)
{
    static const void *const dispatch[NUM_OPCODES] = {
#define OP(name, fmt, effect) &&L_##name,
#include "opcodes.h"
#undef OP
    };
    /* GORO_TRACE=1: every entry leads through L_TRACE, which prints the
     * instruction and then dispatches it for real */
    static const void *const tracing[NUM_OPCODES] = {
#define OP(name, fmt, effect) &&L_TRACE,
#include "opcodes.h"
#undef OP
    };
    const void *const *disp = goro_vm_trace ? tracing : dispatch;
    Frame *fr;
    Value *k;
    const Instr *pc;
    Value *base;
    Instr i;
    int st;
    Value res[GORO_MAX_RESULTS];
    const char *err;

    if (GORO_UNLIKELY(g->has_pending_panic))
        goto raise_nopc;
    RELOAD();

#define NEXT() do { i = *pc++; goto *disp[GET_OP(i)]; } while (0)
#define A GETARG_A(i)
#define B GETARG_B(i)
#define C GETARG_C(i)
    NEXT();

L_MOVE: {
        Value v = R(B);
        R(A) = GORO_UNLIKELY(goro_value_needs_copy(v) && !C) ? goro_value_copy(v) : v;
        NEXT();
    }
L_LOADK:
    R(A) = KST(GETARG_Bx(i));
    NEXT();
L_LOADI:
    R(A) = goro_int(GETARG_sBx(i));
    NEXT();
L_LOADNIL:
    for (int j = 0; j <= B; j++)
        R(A + j) = goro_nil();
    NEXT();
L_LOADBOOL:
    R(A) = goro_bool(B);
    NEXT();
L_ZERO:
    R(A) = goro_type_zero(KST(GETARG_Bx(i)).u.p);
    NEXT();
L_GETUPVAL: {
        Value v = fr->cl->up[B]->v;
        R(A) = (!C && goro_value_needs_copy(v)) ? goro_value_copy(v) : v;
        NEXT();
    }
L_SETUPVAL: {
        Value v = R(A);
        fr->cl->up[B]->v = goro_value_needs_copy(v) ? goro_value_copy(v) : v;
        NEXT();
    }
L_NEWBOX: {
        Box *bx = goro_alloc(sizeof *bx);
        bx->v = R(B);
        R(A) = goro_ptrval(VK_BOX, bx);
        NEXT();
    }
L_GETBOX: {
        Value v = ((Box *)R(B).u.p)->v;
        R(A) = (!C && goro_value_needs_copy(v)) ? goro_value_copy(v) : v;
        NEXT();
    }
L_SETBOX: {
        Value v = R(B);
        ((Box *)R(A).u.p)->v = goro_value_needs_copy(v) ? goro_value_copy(v) : v;
        NEXT();
    }
L_GETGLOBAL: {
        Value v = ((Box *)KST(GETARG_Bx(i)).u.p)->v;
        R(A) = goro_value_needs_copy(v) ? goro_value_copy(v) : v;
        NEXT();
    }
L_GETGLOBALR:
    R(A) = ((Box *)KST(GETARG_Bx(i)).u.p)->v;
    NEXT();
L_SETGLOBAL: {
        Value v = R(A);
        ((Box *)KST(GETARG_Bx(i)).u.p)->v = goro_value_needs_copy(v) ? goro_value_copy(v) : v;
        NEXT();
    }

/* The general case of an arithmetic instruction: goro_arith on any
 * operands (mixed int/float, typed ints, strings), a run-time error if it
 * refuses them. */
#define ARITH_ANY(opc, xv, yv)                                                 \
    {                                                                          \
        Value out;                                                             \
        SAVEPC();                                                              \
        if (!goro_arith(opc, xv, yv, &out, &err)) {                            \
            goro_runtime_error(g, "%s", err);                                  \
            THROW();                                                           \
        }                                                                      \
        R(A) = out;                                                            \
        NEXT();                                                                \
    }
#define ARITH_SLOW(opc) ARITH_ANY(opc, R(B), R(C))

#define ARITH(opc, intexpr, fltexpr)                                            \
    {                                                                          \
        Value *x = &R(B), *y = &R(C);                                          \
        if (GORO_LIKELY(x->tt == VK_INT && y->tt == VK_INT)) {                 \
            int64_t a_ = x->u.i, b_ = y->u.i;                                  \
            R(A) = goro_int(intexpr);                                          \
        } else if (x->tt == VK_FLOAT && y->tt == VK_FLOAT) {                   \
            double a_ = x->u.f, b_ = y->u.f;                                   \
            R(A) = goro_float(fltexpr);                                        \
        } else                                                                 \
            ARITH_ANY(opc, *x, *y)                                             \
        NEXT();                                                                \
    }

L_ADD: {
        Value *x = &R(B), *y = &R(C);
        if (GORO_LIKELY(x->tt == VK_INT && y->tt == VK_INT)) {
            R(A) = goro_int((int64_t)((uint64_t)x->u.i + (uint64_t)y->u.i));
        } else if (x->tt == VK_FLOAT && y->tt == VK_FLOAT) {
            R(A) = goro_float(x->u.f + y->u.f);
        } else if (VKIND(*x) == VK_STRING && VKIND(*y) == VK_STRING) {
            R(A) = goro_str_concat(*x, *y);
        } else {
            ARITH_SLOW(OP_ADD)
        }
        NEXT();
    }
L_SUB:
    ARITH(OP_SUB, (int64_t)((uint64_t)a_ - (uint64_t)b_), a_ - b_)
L_MUL:
    ARITH(OP_MUL, (int64_t)((uint64_t)a_ * (uint64_t)b_), a_ * b_)
L_DIV: {
        Value *x = &R(B), *y = &R(C);
        if (GORO_LIKELY(x->tt == VK_INT && y->tt == VK_INT && y->u.i > 0)) {
            R(A) = goro_int(x->u.i / y->u.i);
            NEXT();
        }
        if (x->tt == VK_FLOAT && y->tt == VK_FLOAT) {
            R(A) = goro_float(x->u.f / y->u.f);
            NEXT();
        }
        ARITH_SLOW(OP_DIV)
    }
L_MOD: {
        Value *x = &R(B), *y = &R(C);
        if (GORO_LIKELY(x->tt == VK_INT && y->tt == VK_INT && y->u.i > 0)) {
            R(A) = goro_int(x->u.i % y->u.i);
            NEXT();
        }
        ARITH_SLOW(OP_MOD)
    }
#define IARITH(opc, expr)                                                      \
    {                                                                          \
        Value *x = &R(B), *y = &R(C);                                          \
        if (GORO_LIKELY(x->tt == VK_INT && y->tt == VK_INT)) {                 \
            int64_t a_ = x->u.i, b_ = y->u.i;                                  \
            R(A) = goro_int(expr);                                             \
            NEXT();                                                            \
        }                                                                      \
        ARITH_SLOW(opc)                                                        \
    }
L_BAND:
    IARITH(OP_BAND, a_ & b_)
L_BOR:
    IARITH(OP_BOR, a_ | b_)
L_BXOR:
    IARITH(OP_BXOR, a_ ^ b_)
L_BANDNOT:
    IARITH(OP_BANDNOT, a_ & ~b_)
L_SHL: {
        Value *x = &R(B), *y = &R(C);
        if (GORO_LIKELY(x->tt == VK_INT && y->tt == VK_INT && (uint64_t)y->u.i < 64)) {
            R(A) = goro_int((int64_t)((uint64_t)x->u.i << y->u.i));
            NEXT();
        }
        ARITH_SLOW(OP_SHL)
    }
L_SHR: {
        Value *x = &R(B), *y = &R(C);
        if (GORO_LIKELY(x->tt == VK_INT && y->tt == VK_INT && (uint64_t)y->u.i < 64)) {
            R(A) = goro_int(x->u.i >> y->u.i);
            NEXT();
        }
        ARITH_SLOW(OP_SHR)
    }
#define ARITHK(opc, intexpr, fltexpr, intok)                                    \
    {                                                                          \
        Value *x = &R(B), *y = &KST(C);                                        \
        if (GORO_LIKELY(x->tt == VK_INT && y->tt == VK_INT && (intok))) {      \
            int64_t a_ = x->u.i, b_ = y->u.i;                                  \
            R(A) = goro_int(intexpr);                                          \
            NEXT();                                                            \
        }                                                                      \
        if (x->tt == VK_FLOAT && y->tt == VK_FLOAT) {                          \
            double a_ = x->u.f, b_ = y->u.f;                                   \
            R(A) = goro_float(fltexpr);                                        \
            NEXT();                                                            \
        }                                                                      \
        ARITH_ANY(opc, *x, *y)                                                 \
    }
#define IARITHK(opc, expr, intok)                                              \
    {                                                                          \
        Value *x = &R(B), *y = &KST(C);                                        \
        if (GORO_LIKELY(x->tt == VK_INT && y->tt == VK_INT && (intok))) {      \
            int64_t a_ = x->u.i, b_ = y->u.i;                                  \
            R(A) = goro_int(expr);                                             \
            NEXT();                                                            \
        }                                                                      \
        ARITH_ANY(opc, *x, *y)                                                 \
    }
L_ADDK:
    ARITHK(OP_ADD, (int64_t)((uint64_t)a_ + (uint64_t)b_), a_ + b_, 1)
L_SUBK:
    ARITHK(OP_SUB, (int64_t)((uint64_t)a_ - (uint64_t)b_), a_ - b_, 1)
L_MULK:
    ARITHK(OP_MUL, (int64_t)((uint64_t)a_ * (uint64_t)b_), a_ * b_, 1)
L_DIVK:
    ARITHK(OP_DIV, a_ / b_, a_ / b_, y->u.i > 0)
L_MODK:
    /* x % 2^k needs no division; the branch is the same every time */
    IARITHK(OP_MOD, (b_ & (b_ - 1)) == 0 ? ((a_ & (b_ - 1)) - (a_ < 0 && (a_ & (b_ - 1)) ? b_ : 0)) : a_ % b_,
            y->u.i > 0)
L_BANDK:
    IARITHK(OP_BAND, a_ & b_, 1)
L_BORK:
    IARITHK(OP_BOR, a_ | b_, 1)
L_BXORK:
    IARITHK(OP_BXOR, a_ ^ b_, 1)
L_BANDNOTK:
    IARITHK(OP_BANDNOT, a_ & ~b_, 1)
L_SHLK:
    IARITHK(OP_SHL, (int64_t)((uint64_t)a_ << b_), (uint64_t)y->u.i < 64)
L_SHRK:
    IARITHK(OP_SHR, a_ >> b_, (uint64_t)y->u.i < 64)
L_ADDI: {
        Value *x = &R(B);
        int sc = GETARG_sC(i);
        if (GORO_LIKELY(x->tt == VK_INT)) {
            R(A) = goro_int((int64_t)((uint64_t)x->u.i + (uint64_t)(int64_t)sc));
            NEXT();
        }
        if (x->tt == VK_FLOAT) {
            R(A) = goro_float(x->u.f + sc);
            NEXT();
        }
        Value out;
        SAVEPC();
        if (!goro_arith(OP_ADD, *x, goro_int(sc), &out, &err)) {
            goro_runtime_error(g, "%s", err);
            THROW();
        }
        R(A) = out;
        NEXT();
    }
L_NEG:
L_NOT:
L_BNOT: {
        Value x = R(B);
        if (GET_OP(i) == OP_NOT && x.tt == VK_BOOL) {
            R(A) = goro_bool(!x.u.i);
            NEXT();
        }
        if (GET_OP(i) == OP_NEG && x.tt == VK_INT) {
            R(A) = goro_int((int64_t)(0 - (uint64_t)x.u.i));
            NEXT();
        }
        Value out;
        SAVEPC();
        if (!goro_unary(GET_OP(i), x, &out, &err)) {
            goro_runtime_error(g, "%s", err);
            THROW();
        }
        R(A) = out;
        NEXT();
    }
L_EQ:
L_NE: {
        Value *x = &R(B), *y = &R(C);
        bool r;
        if (GORO_LIKELY(x->tt == VK_INT && y->tt == VK_INT)) {
            r = x->u.i == y->u.i;
        } else {
            const char *e2 = NULL;
            r = goro_value_equal(*x, *y, &e2);
            if (GORO_UNLIKELY(e2 != NULL)) {
                SAVEPC();
                goro_runtime_error(g, "%s", e2);
                THROW();
            }
        }
        R(A) = goro_bool(GET_OP(i) == OP_EQ ? r : !r);
        NEXT();
    }
L_EQI:
L_NEI: {
        const char *e2 = NULL;
        bool r = goro_value_same(R(B), R(C), &e2);
        if (GORO_UNLIKELY(e2 != NULL)) {
            SAVEPC();
            goro_runtime_error(g, "%s", e2);
            THROW();
        }
        R(A) = goro_bool(GET_OP(i) == OP_EQI ? r : !r);
        NEXT();
    }
L_LT: {
        Value *x = &R(B), *y = &R(C);
        if (GORO_LIKELY(x->tt == VK_INT && y->tt == VK_INT)) {
            R(A) = goro_bool(x->u.i < y->u.i);
            NEXT();
        }
        if (x->tt == VK_FLOAT && y->tt == VK_FLOAT) {
            R(A) = goro_bool(x->u.f < y->u.f);
            NEXT();
        }
        goto compare_slow;
    }
L_LE: {
        Value *x = &R(B), *y = &R(C);
        if (GORO_LIKELY(x->tt == VK_INT && y->tt == VK_INT)) {
            R(A) = goro_bool(x->u.i <= y->u.i);
            NEXT();
        }
        if (x->tt == VK_FLOAT && y->tt == VK_FLOAT) {
            R(A) = goro_bool(x->u.f <= y->u.f);
            NEXT();
        }
        goto compare_slow;
    }
compare_slow: {
        bool r;
        SAVEPC();
        if (!goro_compare(GET_OP(i), R(B), R(C), &r, &err)) {
            goro_runtime_error(g, "%s", err);
            THROW();
        }
        R(A) = goro_bool(r);
        NEXT();
    }
L_JMP: {
        int off = GETARG_sJ(i);
        pc += off;
        if (off < 0)
            BUDGET();
        NEXT();
    }
L_JMPIF:
L_JMPIFNOT: {
        Value c = R(A);
        if (GORO_UNLIKELY(VKIND(c) != VK_BOOL)) {
            SAVEPC();
            goro_runtime_error(g, "non-boolean condition (type %s)", tname(c));
            THROW();
        }
        if ((c.u.i != 0) == (GET_OP(i) == OP_JMPIF)) {
            int off = GETARG_sBx(i);
            pc += off;
            if (off < 0)
                BUDGET();
        }
        NEXT();
    }

#define CONDJUMP(r)                                                             \
    do {                                                                        \
        if ((r) == (bool)C) {                                                   \
            int off_ = GETARG_sJ(*pc);                                          \
            pc += off_ + 1;                                                     \
            if (off_ < 0)                                                       \
                BUDGET();                                                       \
        } else {                                                                \
            pc++;                                                               \
        }                                                                       \
        NEXT();                                                                 \
    } while (0)
/* the general case of a comparison: may panic (uncomparable values) */
#define CMP_SLOW(op, x, y, r)                                                   \
    do {                                                                        \
        SAVEPC();                                                               \
        if (!goro_compare(op, x, y, &r, &err)) {                                \
            goro_runtime_error(g, "%s", err);                                   \
            THROW();                                                            \
        }                                                                       \
    } while (0)
L_EQJ: {
        Value *x = &R(A), *y = &R(B);
        bool r;
        if (GORO_LIKELY(x->tt == VK_INT && y->tt == VK_INT))
            r = x->u.i == y->u.i;
        else if (y->tt == VK_NIL)   /* x == nil */
            r = goro_value_is_nil(*x) && VKIND(*x) != VK_STRUCT && VKIND(*x) != VK_ARRAY;
        else
            CMP_SLOW(OP_EQ, *x, *y, r);
        CONDJUMP(r);
    }
L_LTJ: {
        Value *x = &R(A), *y = &R(B);
        bool r;
        if (GORO_LIKELY(x->tt == VK_INT && y->tt == VK_INT))
            r = x->u.i < y->u.i;
        else if (x->tt == VK_FLOAT && y->tt == VK_FLOAT)
            r = x->u.f < y->u.f;
        else
            CMP_SLOW(OP_LT, *x, *y, r);
        CONDJUMP(r);
    }
L_LEJ: {
        Value *x = &R(A), *y = &R(B);
        bool r;
        if (GORO_LIKELY(x->tt == VK_INT && y->tt == VK_INT))
            r = x->u.i <= y->u.i;
        else if (x->tt == VK_FLOAT && y->tt == VK_FLOAT)
            r = x->u.f <= y->u.f;
        else
            CMP_SLOW(OP_LE, *x, *y, r);
        CONDJUMP(r);
    }
L_EQJK: {
        Value *x = &R(A), *y = &KST(B);
        bool r;
        if (GORO_LIKELY(x->tt == VK_INT && y->tt == VK_INT))
            r = x->u.i == y->u.i;
        else
            CMP_SLOW(OP_EQ, *x, *y, r);
        CONDJUMP(r);
    }
L_LTJK: {
        Value *x = &R(A), *y = &KST(B);
        bool r;
        if (GORO_LIKELY(x->tt == VK_INT && y->tt == VK_INT))
            r = x->u.i < y->u.i;
        else
            CMP_SLOW(OP_LT, *x, *y, r);
        CONDJUMP(r);
    }
L_LEJK: {
        Value *x = &R(A), *y = &KST(B);
        bool r;
        if (GORO_LIKELY(x->tt == VK_INT && y->tt == VK_INT))
            r = x->u.i <= y->u.i;
        else
            CMP_SLOW(OP_LE, *x, *y, r);
        CONDJUMP(r);
    }
L_GTJK: {
        Value *x = &R(A), *y = &KST(B);
        bool r;
        if (GORO_LIKELY(x->tt == VK_INT && y->tt == VK_INT))
            r = x->u.i > y->u.i;
        else
            CMP_SLOW(OP_LT, *y, *x, r);
        CONDJUMP(r);
    }
L_GEJK: {
        Value *x = &R(A), *y = &KST(B);
        bool r;
        if (GORO_LIKELY(x->tt == VK_INT && y->tt == VK_INT))
            r = x->u.i >= y->u.i;
        else
            CMP_SLOW(OP_LE, *y, *x, r);
        CONDJUMP(r);
    }

L_CALL:
L_CALLS: {
        int a = A;
        int nargs = B ? B - 1 : (int)(g->top - (fr->base + (uint32_t)a + 1));
        int want = C - 1;
        bool spread = GET_OP(i) == OP_CALLS;
        Value fnv = R(a);
        BUDGET_HERE();
        SAVEPC();
    call_again:
        switch (VKIND(fnv)) {
        case VK_FUNC: {
            Closure *cl = fnv.u.p;
            if (GORO_UNLIKELY(!cl)) {
                goro_nil_deref(g);
                THROW();
            }
            /* the common call, inline: exact arguments, room to spare */
            Proto *p = cl->proto;
            uint32_t nb = fr->base + (uint32_t)a + 1;
            if (GORO_LIKELY(!spread && !p->variadic && nargs == p->nparams &&
                            nb + p->maxregs + 1 <= g->stacksize && g->nframes < g->framescap)) {
                Frame *nf = &g->frames[g->nframes++];
                nf->cl = cl;
                nf->pc = p->code;
                nf->base = nb;
                nf->ret = (int16_t)a;
                nf->nres = (int16_t)want;
                nf->flags = 0;
                nf->defers = NULL;
                fr = nf;
                k = p->k;
                pc = p->code;
                base = g->stack + nb;
                NEXT();
            }
            if (!enter_closure(g, fr, cl, a, nargs, want, spread))
                THROW();
            RELOAD();
            NEXT();
        }
        case VK_NATIVE: {
            if (spread) {
                /* natives take the spread slice's elements as arguments */
                Value s = R(a + nargs);
                int64_t n = VKIND(s) == VK_SLICE ? s.aux : 0;
                if (VKIND(s) != VK_SLICE && VKIND(s) != VK_NIL) {
                    goro_runtime_error(g, "cannot use %s as variadic argument", tname(s));
                    THROW();
                }
                if (!ensure_stack(g, fr->base + (uint32_t)a + (uint32_t)nargs + (uint32_t)n + 2)) {
                    goro_runtime_error(g, "too many arguments");
                    THROW();
                }
                base = g->stack + fr->base;
                if (n)
                    memmove(&R(a + nargs), goro_slice_data(s), sizeof(Value) * (size_t)n);
                nargs = nargs - 1 + (int)n;
                spread = false;
            }
            g->resume_dst = (int16_t)a;
            g->resume_want = (int8_t)want;
            g->resume_n = 0;
            g->ncall_ok = true;
            int n = call_native(g, fnv, &R(a + 1), nargs, res);
            g->ncall_ok = false;
            fr = &g->frames[g->nframes - 1];
            base = g->stack + fr->base;
            if (n >= 0) {
                place_results(g, fr, base, a, res, n, want);
                base = g->stack + fr->base;
                NEXT();
            }
            if (n == GORO_NATIVE_PANIC)
                THROW();
            if (n == GORO_NATIVE_PARK)
                return VM_PARK;
            if (n == GORO_NATIVE_RETRY) {
                save_retry(g, fnv, &R(a + 1), nargs, true, true);
                return VM_PARK;
            }
            if (n == GORO_NATIVE_CALL) {
                save_retry(g, fnv, &R(a + 1), nargs, false, true);
                if (!start_ncall(g))
                    THROW();
                RELOAD();
                NEXT();
            }
            if (n == GORO_NATIVE_YIELD) {
                place_results(g, fr, base, a, res, 0, want < 0 ? 0 : want);
                return VM_YIELD;
            }
            goro_fatal("native returned %d", n);
        }
        case VK_BOUND: {
            Bound *bd = fnv.u.p;
            if (bd->drop_first) {
                /* s.f(x) where f is a func field: SELF passed a dummy receiver */
                if (nargs > 0)
                    memmove(&R(a + 1), &R(a + 2), sizeof(Value) * (size_t)(nargs - 1));
                nargs--;
                fnv = bd->recv;
                R(a) = fnv;
                goto call_again;
            }
            /* insert the receiver before the arguments */
            if (!ensure_stack(g, fr->base + (uint32_t)a + (uint32_t)nargs + 3)) {
                goro_runtime_error(g, "stack overflow");
                THROW();
            }
            base = g->stack + fr->base;
            memmove(&R(a + 2), &R(a + 1), sizeof(Value) * (size_t)nargs);
            R(a + 1) = bd->recv;
            nargs++;
            fnv = bd->fn;
            R(a) = fnv;
            goto call_again;
        }
        default:
            goro_runtime_error(g, "cannot call non-function (type %s)", tname(fnv));
            THROW();
        }
    }

L_RETURN: {
        int a = A;
        int n = B ? B - 1 : (int)(g->top - (fr->base + (uint32_t)a));
        uint16_t flags = fr->flags;
        if (GORO_UNLIKELY(flags & (FRAME_ENTRY | FRAME_BOUNDARY | FRAME_DEFER | FRAME_NCALL))) {
            if (flags & FRAME_ENTRY) {
                SAVEPC();
                return VM_DONE;
            }
            if (flags & FRAME_NCALL) {
                /* the call a native asked for returned: give it the results */
                Value *rv = goro_alloc(sizeof(Value) * (size_t)(n + 1));
                memcpy(rv, &R(a), sizeof(Value) * (size_t)n);
                g->nat->ncall_res = rv;
                g->nat->ncall_nres = n;
                g->nat->ncall_done = true;
                g->nframes--;
                pop_ncall(g);
                st = retry_native(g);
                if (st != VM_CONTINUE)
                    return st;
                RELOAD();
                if (g->has_pending_panic)
                    THROW();
                NEXT();
            }
            if (flags & FRAME_BOUNDARY) {
                /* back to the native that called goro_vm_call */
                g->ncallres = n;
                for (int j = 0; j < n && j < g->wantres; j++)
                    g->callres[j] = R(a + j);
                g->nframes--;
                return VM_RETURN;
            }
            /* a deferred call returned */
            g->nframes--;
            if (flags & FRAME_PANICDEFER) {
                Panic *p = g->panic;
                if (p && p->recovered) {
                    /* this panic ends, and those it superseded; an older
                     * one recovered by a deferred call still running
                     * (this panic was raised and recovered inside that
                     * call) ends when that call returns */
                    g->panic = p->link;
                    while (g->panic && g->panic->aborted)
                        g->panic = g->panic->link;
                    /* the frame whose deferred call recovered returns
                     * normally, through its epilogue */
                    fr = &g->frames[g->nframes - 1];
                    fr->pc = fr->cl->proto->code + fr->cl->proto->epilogue;
                    RELOAD();
                    NEXT();
                }
                st = unwind(g);
                if (st != VM_CONTINUE)
                    return st;
            }
            RELOAD();
            NEXT();
        }
        Frame *caller = &g->frames[g->nframes - 2];
        Value *dst = g->stack + caller->base + fr->ret;
        int want = fr->nres;
        if (want < 0) {
            memmove(dst, &R(a), sizeof(Value) * (size_t)n);
            g->top = caller->base + (uint32_t)fr->ret + (uint32_t)n;
        } else if (GORO_LIKELY(want == 1 && n >= 1)) {
            *dst = R(a);
        } else {
            int m = n < want ? n : want;
            memmove(dst, &R(a), sizeof(Value) * (size_t)m);
            for (int j = m; j < want; j++)
                dst[j] = goro_nil();
        }
        g->nframes--;
        RELOAD();
        NEXT();
    }

L_CLOSURE: {
        Proto *p = fr->cl->proto->protos[GETARG_Bx(i)];
        Closure *cl = goro_closure_new(p);
        for (int j = 0; j < p->nupvals; j++) {
            UpvalDesc d = p->upvals[j];
            cl->up[j] = d.instack ? (Box *)R(d.index).u.p : fr->cl->up[d.index];
        }
        R(A) = goro_ptrval(VK_FUNC, cl);
        NEXT();
    }
L_SELF: {
        Value recv = R(B);
        int a = A;
        MethodCache *mc = cached_method(fr->cl->proto, pc, recv);
        if (GORO_LIKELY(mc != NULL)) {
            R(a) = mc->fn;
            R(a + 1) = recv;
            if (VKIND(recv) == VK_PTR)
                R(a + 1).aux = 0;   /* out of an interface: a plain pointer */
            NEXT();
        }
        const char *name = KST(C).u.s;
        Value fn, self;
        if (find_method(recv, name, &fn, &self) || find_promoted(recv, name, &fn, &self, 0)) {
            fill_method_cache(fr->cl->proto, pc, recv, fn, self);
            R(a) = fn;
            R(a + 1) = self;
            NEXT();
        }
        /* a field holding a function: call it without a receiver */
        SAVEPC();
        if (VKIND(recv) == VK_NIL) {   /* a method of a nil interface */
            goro_nil_deref(g);
            THROW();
        }
        Value fv;
        if (get_field(g, recv, name, &fv, false) == GORO_NATIVE_PANIC) {
            if (VKIND(recv) != VK_PTR || recv.u.p) {
                g->has_pending_panic = false;
                goro_runtime_error(g, "%s has no method %s", tname(recv), name);
            }
            THROW();
        }
        Bound *bd = goro_alloc(sizeof *bd);
        bd->recv = fv;
        bd->drop_first = true;
        R(a) = goro_ptrval(VK_BOUND, bd);
        R(a + 1) = goro_nil();
        NEXT();
    }
L_DEREFRECV: {
        Value ref = R(B);
        Value v = ref.u.p ? *(Value *)ref.u.p : goro_nil();
        Method *m = goro_type_find_method(goro_type_of(v), KST(C).u.s);
        if (!(m && m->ptr_recv && VKIND(m->fn) == VK_FUNC && VKIND(v) != VK_PTR))
            R(A) = v;
        else
            R(A) = ref;
        NEXT();
    }
L_GETFIELD:
L_GETFIELDR: {
        Value *f = cached_field(fr->cl->proto, pc, R(B));
        if (GORO_LIKELY(f != NULL)) {
            R(A) = (GET_OP(i) == OP_GETFIELD && goro_value_needs_copy(*f)) ? goro_value_copy(*f) : *f;
            NEXT();
        }
        Value out;
        SAVEPC();
        CHECK(get_field(g, R(B), KST(C).u.s, &out, GET_OP(i) == OP_GETFIELD));
        R(A) = out;
        fill_field_cache(fr->cl->proto, pc, R(B), KST(C).u.s);
        NEXT();
    }
L_SETFIELD: {
        Value *f = cached_field(fr->cl->proto, pc, R(A));
        Value v = R(C);
        if (GORO_LIKELY(f != NULL) && !goro_value_needs_copy(v) && !VTYPEID(v) &&
            VKIND(v) == VKIND(*f) && !VTYPEID(*f)) {
            *f = v;   /* same default-typed kind: no coercion to do */
            NEXT();
        }
        SAVEPC();
        CHECK(set_field(g, R(A), KST(B).u.s, v));
        fill_field_cache(fr->cl->proto, pc, R(A), KST(B).u.s);
        NEXT();
    }
L_GETINDEX:
L_GETINDEXR: {
        Value c = R(B), key = R(C);
        if (GORO_LIKELY(VKIND(c) == VK_SLICE && key.tt == VK_INT && (uint64_t)key.u.i < c.aux)) {
            Value v = ((SliceHdr *)c.u.p)->data[key.u.i];
            R(A) = (GET_OP(i) == OP_GETINDEX && goro_value_needs_copy(v)) ? goro_value_copy(v) : v;
            NEXT();
        }
        Value out;
        SAVEPC();
        CHECK(get_index(g, c, key, &out, NULL, GET_OP(i) == OP_GETINDEX));
        R(A) = out;
        NEXT();
    }
L_GETINDEXOK: {
        Value out;
        bool found = false;
        SAVEPC();
        if (VKIND(R(B)) != VK_MAP) {
            goro_runtime_error(g, "comma-ok index of non-map %s", tname(R(B)));
            THROW();
        }
        CHECK(get_index(g, R(B), R(C), &out, &found, true));
        int a = A;
        R(a) = out;
        R(a + 1) = goro_bool(found);
        NEXT();
    }
L_SETINDEX: {
        Value c = R(A), key = R(B);
        if (GORO_LIKELY(c.tt == VK_SLICE && key.tt == VK_INT && (uint64_t)key.u.i < c.aux)) {
            Value v = R(C);
            ((SliceHdr *)c.u.p)->data[key.u.i] = goro_value_needs_copy(v) ? goro_value_copy(v) : v;
            NEXT();
        }
        SAVEPC();
        CHECK(set_index(g, c, key, R(C)));
        NEXT();
    }
L_SLICE: {
        Value out;
        SAVEPC();
        CHECK(do_slice(g, &R(B), C, &out));
        R(A) = out;
        NEXT();
    }
L_LEN: {
        Value v = R(B);
        int64_t n;
        if (GORO_LIKELY(VKIND(v) == VK_STRING || VKIND(v) == VK_SLICE)) {
            R(A) = goro_int(v.aux);
            NEXT();
        }
        if (!goro_len(v, &n)) {
            SAVEPC();
            goro_runtime_error(g, "invalid argument: %s has no length", tname(v));
            THROW();
        }
        R(A) = goro_int(n);
        NEXT();
    }
L_APPEND: {
        int a = A;
        Value s = R(a);
        if (GORO_UNLIKELY(VKIND(s) != VK_SLICE && VKIND(s) != VK_NIL)) {
            SAVEPC();
            goro_runtime_error(g, "first argument to append must be a slice; have %s", tname(s));
            THROW();
        }
        if (C) {
            /* append(s, t...): t may be a string when s is []byte */
            Value t = R(a + 1);
            if (VKIND(t) == VK_STRING) {
                int64_t n = t.aux;
                Value *tmp = goro_alloc(sizeof(Value) * (size_t)(n ? n : 1));
                goro_bytes_from(tmp, t.u.s, n);
                R(a) = goro_slice_append(s, tmp, n);
            } else if (VKIND(t) == VK_SLICE || VKIND(t) == VK_NIL) {
                R(a) = goro_slice_append(s, goro_slice_data(t), t.aux);
            } else {
                SAVEPC();
                goro_runtime_error(g, "cannot use %s as variadic argument to append", tname(t));
                THROW();
            }
            NEXT();
        }
        int n = B;
        unsigned id = VTYPEID(s);
        if (id || n > 0) {
            Type *et = id ? goro_type_table[id]->under->elem : NULL;
            for (int j = 1; j <= n; j++) {
                Value v = R(a + j);
                if (et && et->coerce)
                    R(a + j) = goro_type_coerce(et, v);
            }
        }
        R(a) = goro_slice_append(s, &R(a + 1), n);   /* copies structs */
        NEXT();
    }
L_NEWSLICE:
L_NEWARRAY: {
        int a = A, n = B;
        Type *t = R(a).u.p;
        Type *et = t->under->elem;
        for (int j = 1; j <= n; j++) {
            Value v = R(a + j);
            if (et && et->coerce)
                v = goro_type_coerce(et, v);
            R(a + j) = goro_value_needs_copy(v) ? goro_value_copy(v) : v;
        }
        if (GET_OP(i) == OP_NEWSLICE) {
            R(a) = goro_slice_from(TT(VK_SLICE, t->id), &R(a + 1), n);
        } else {
            Value arr = goro_type_zero(t);
            Array *ar = arr.u.p;
            for (int j = 0; j < n && j < ar->len; j++)
                ar->v[j] = R(a + 1 + j);
            R(a) = arr;
        }
        NEXT();
    }
L_NEWMAP: {
        int a = A, n = B;
        Type *t = R(a).u.p;
        Map *m = goro_map_new(t, n);
        SAVEPC();
        for (int j = 0; j < n; j++) {
            Value key = R(a + 1 + 2 * j), v = R(a + 2 + 2 * j);
            if (goro_value_needs_copy(v))
                v = goro_value_copy(v);
            if (!goro_map_set(m, key, v, &err)) {
                goro_runtime_error(g, "%s", err);
                THROW();
            }
        }
        R(a) = goro_ptrval(TT(VK_MAP, t->id), m);
        NEXT();
    }
L_NEWSTRUCT: {
        int a = A, n = B;
        Type *t = R(a).u.p;
        Value sv = goro_type_zero(t);
        Struct *s = sv.u.p;
        Type *u = t->under;
        for (int j = 0; j < n; j++) {
            int fi = C ? (int)R(a + 1 + 2 * j).u.i : j;
            Value v = C ? R(a + 2 + 2 * j) : R(a + 1 + j);
            if (u->ftypes[fi]->coerce)
                v = goro_type_coerce(u->ftypes[fi], v);
            s->f[fi] = goro_value_needs_copy(v) ? goro_value_copy(v) : v;
        }
        R(a) = sv;
        NEXT();
    }
L_CONV: {
        Value out;
        Type *t = KST(GETARG_Bx(i)).u.p;
        if (!goro_type_convert(t, R(A), &out, &err)) {
            SAVEPC();
            goro_runtime_error(g, "%s", err);
            THROW();
        }
        R(A) = out;
        NEXT();
    }
L_COERCE: {
        Type *t = KST(GETARG_Bx(i)).u.p;
        if (t->kind == TY_IFACE) {
            /* only a nil pointer, map, chan or func changes: it is marked
             * as a non-nil interface */
            if (GORO_UNLIKELY(!R(A).u.p) && VKIND(R(A)) != VK_NIL)
                R(A) = goro_type_coerce(t, R(A));
            if (t->niface && !iface_checked(fr->cl->proto, pc, R(A))) {
                /* the method-set check Go makes at compile time */
                const char *why = goro_type_not_implemented(R(A), t);
                if (why) {
                    SAVEPC();
                    goro_runtime_error(g, "%s", why);
                    THROW();
                }
                iface_check_passed(fr->cl->proto, pc, R(A));
            }
            NEXT();
        }
        /* already of the type: nothing to do (but a pointer taken out of
         * an interface sheds its non-nil mark, see goro_value_is_nil) */
        if (R(A).tt != TT(t->vkind, t->id) || (R(A).aux && !R(A).u.p &&
             (VKIND(R(A)) == VK_PTR || VKIND(R(A)) == VK_MAP || VKIND(R(A)) == VK_CHAN || VKIND(R(A)) == VK_FUNC)))
            R(A) = goro_type_coerce(t, R(A));
        NEXT();
    }
L_ADDR: {
        Box *bx = C ? fr->cl->up[B] : (Box *)R(B).u.p;
        R(A) = pointer_to(&bx->v);
        NEXT();
    }
L_ADDRINDEX: {
        Value c = R(B), key = R(C);
        SAVEPC();
        if (VKIND(c) == VK_PTR && c.u.p)
            c = *(Value *)c.u.p;
        if (VKIND(key) != VK_INT) {
            goro_runtime_error(g, "invalid index of type %s", tname(key));
            THROW();
        }
        Value *slot = NULL;
        if (VKIND(c) == VK_SLICE) {
            if ((uint64_t)key.u.i >= c.aux) {
                index_error(g, key.u.i, c.aux);
                THROW();
            }
            slot = &((SliceHdr *)c.u.p)->data[key.u.i];
        } else if (VKIND(c) == VK_ARRAY) {
            Array *ar = c.u.p;
            if ((uint64_t)key.u.i >= (uint64_t)ar->len) {
                index_error(g, key.u.i, ar->len);
                THROW();
            }
            slot = &ar->v[key.u.i];
        } else {
            goro_runtime_error(g, "cannot take the address of an element of %s", tname(c));
            THROW();
        }
        R(A) = pointer_to(slot);
        NEXT();
    }
L_ADDRFIELD: {
        SAVEPC();
        Value *f = field_ref(R(B), KST(C).u.s, 0);
        if (!f) {
            /* a native object's field (c.L of a sync.Cond) is no variable:
             * a method called on it gets a pointer to a copy */
            Value ov = VKIND(R(B)) == VK_PTR && R(B).u.p ? *(Value *)R(B).u.p : R(B), fv;
            if (VKIND(ov) == VK_OBJ && ov.u.p && ((Obj *)ov.u.p)->cls->getfield &&
                ((Obj *)ov.u.p)->cls->getfield(ov.u.p, KST(C).u.s, &fv)) {
                Box *bx = goro_alloc(sizeof *bx);
                bx->v = fv;
                R(A) = pointer_to(&bx->v);
                NEXT();
            }
            if (VKIND(R(B)) == VK_PTR && !R(B).u.p)
                goro_nil_deref(g);
            else
                goro_runtime_error(g, "%s has no field %s", tname(R(B)), KST(C).u.s);
            THROW();
        }
        R(A) = pointer_to(f);
        NEXT();
    }
L_LOAD: {
        Value p = R(B);
        if (GORO_UNLIKELY(VKIND(p) != VK_PTR || !p.u.p)) {
            SAVEPC();
            if (VKIND(p) == VK_PTR || VKIND(p) == VK_NIL)
                goro_nil_deref(g);
            else
                goro_runtime_error(g, "invalid indirect of %s", tname(p));
            THROW();
        }
        Value v = *(Value *)p.u.p;
        R(A) = (!C && goro_value_needs_copy(v)) ? goro_value_copy(v) : v;
        NEXT();
    }
L_STORE: {
        Value p = R(A);
        if (GORO_UNLIKELY(VKIND(p) != VK_PTR || !p.u.p)) {
            SAVEPC();
            if (VKIND(p) == VK_PTR || VKIND(p) == VK_NIL)
                goro_nil_deref(g);
            else
                goro_runtime_error(g, "invalid indirect of %s", tname(p));
            THROW();
        }
        Value v = R(B);
        unsigned id = VTYPEID(p);
        if (id && goro_type_table[id]->elem && goro_type_table[id]->elem->coerce)
            v = goro_type_coerce(goro_type_table[id]->elem, v);
        store_through(p.u.p, v);
        NEXT();
    }
L_ASSERT:
L_ASSERTOK: {
        Value v = R(B);
        Type *t = R(C).u.p;
        bool ok = type_matches(v, t);
        int a = A;
        if (t->kind != TY_IFACE && (VKIND(v) == VK_PTR || VKIND(v) == VK_MAP ||
                                    VKIND(v) == VK_CHAN || VKIND(v) == VK_FUNC ||
                                    VKIND(v) == VK_OBJ))
            v.aux = 0;   /* out of the interface: a plain (maybe nil) value */
        if (GET_OP(i) == OP_ASSERTOK) {
            R(a) = ok ? v : goro_type_zero(t);
            R(a + 1) = goro_bool(ok);
            NEXT();
        }
        if (!ok) {
            SAVEPC();
            const char *sname = ((Type *)R(C + 1).u.p)->name;
            if (VKIND(v) == VK_NIL)
                goro_plain_error(g, "interface conversion: %s is nil, not %s",
                                 t->kind == TY_IFACE ? "interface" : sname, t->name);
            else if (t->kind == TY_IFACE) {
                const char *missing = "?";
                goro_type_implements(v, t, &missing);
                goro_plain_error(g, "interface conversion: %s is not %s: missing method %s",
                                   tname(v), t->name, missing);
            } else
                goro_plain_error(g, "interface conversion: %s is %s, not %s", sname,
                                   tname(v), t->name);
            THROW();
        }
        R(a) = v;
        NEXT();
    }
L_TYPEIS:
    R(A) = goro_bool(type_matches(R(B), R(C).u.p));
    NEXT();

L_SEND: {
        Value c = R(A);
        SAVEPC();
        if (GORO_UNLIKELY(VKIND(c) != VK_CHAN)) {
            goro_runtime_error(g, "send to non-channel %s", tname(c));
            THROW();
        }
        g->resume_dst = -1;
        g->resume_n = 0;
        g->resume_want = 0;
        st = goro_chan_send(g, c.u.p, R(B), true);
        if (st == CHAN_OK)
            NEXT();
        if (st == CHAN_PARKED)
            return VM_PARK;
        THROW();
    }
L_RECV: {
        Value c = R(B);
        int a = A;
        bool withok = C;
        SAVEPC();
        if (GORO_UNLIKELY(VKIND(c) != VK_CHAN && VKIND(c) != VK_NIL)) {
            goro_runtime_error(g, "receive from non-channel %s", tname(c));
            THROW();
        }
        Value out;
        bool ok;
        g->resume_dst = (int16_t)a;
        g->resume_n = withok ? 2 : 1;
        g->resume_want = g->resume_n;
        st = goro_chan_recv(g, c.u.p, &out, &ok, true);
        if (st == CHAN_OK) {
            R(a) = out;
            if (withok)
                R(a + 1) = goro_bool(ok);
            NEXT();
        }
        if (st == CHAN_PARKED)
            return VM_PARK;
        THROW();
    }
L_SELECT: {
        int a = A, n = B;
        SelectCase cases[96];
        SAVEPC();
        for (int j = 0; j < n; j++) {
            Value dir = R(a + 3 * j), c = R(a + 3 * j + 1);
            if (VKIND(c) != VK_CHAN && VKIND(c) != VK_NIL) {
                goro_runtime_error(g, "select case on non-channel %s", tname(c));
                THROW();
            }
            cases[j].c = c.u.p;
            cases[j].is_send = dir.u.i == 1;
            cases[j].val = R(a + 3 * j + 2);
        }
        int chosen;
        Value out;
        bool ok;
        g->resume_dst = (int16_t)a;
        g->resume_n = 3;
        g->resume_want = 3;
        st = goro_select(g, cases, n, C, &chosen, &out, &ok);
        if (st == CHAN_OK) {
            R(a) = goro_int(chosen);
            R(a + 1) = out;
            R(a + 2) = goro_bool(ok);
            NEXT();
        }
        if (st == CHAN_PARKED)
            return VM_PARK;
        THROW();
    }
L_GO: {
        int a = A, nargs = B ? B - 1 : (int)(g->top - (fr->base + (uint32_t)a + 1));
        Value fnv = R(a);
        SAVEPC();
        if (VKIND(fnv) == VK_FUNC && !fnv.u.p) {
            goro_runtime_error(g, "go of nil func value");
            THROW();
        }
        if (VKIND(fnv) != VK_FUNC && VKIND(fnv) != VK_NATIVE && VKIND(fnv) != VK_BOUND) {
            goro_runtime_error(g, "go of non-function %s", tname(fnv));
            THROW();
        }
        G *ng = goro_g_new(fnv, &R(a + 1), nargs, C);
        goro_sched_spawn(ng, g);
        NEXT();
    }
L_DEFER: {
        int a = A, nargs = B ? B - 1 : (int)(g->top - (fr->base + (uint32_t)a + 1));
        Defer *d = goro_alloc(sizeof *d);
        d->fn = R(a);
        Value *args = &R(a + 1);
        if (C && VKIND(d->fn) != VK_FUNC) {
            Value s = args[nargs - 1];
            int64_t n = VKIND(s) == VK_SLICE ? s.aux : 0;
            d->args = goro_alloc(sizeof(Value) * (size_t)(nargs + n + 1));
            memcpy(d->args, args, sizeof(Value) * (size_t)(nargs - 1));
            if (n)
                memcpy(d->args + nargs - 1, goro_slice_data(s), sizeof(Value) * (size_t)n);
            d->nargs = nargs - 1 + (int)n;
        } else {
            d->args = goro_alloc(sizeof(Value) * (size_t)(nargs + 1));
            memcpy(d->args, args, sizeof(Value) * (size_t)nargs);
            d->nargs = nargs;
            d->spread = C;
        }
        d->line = fr->cl->proto->lines[pc - fr->cl->proto->code - 1];
        d->next = fr->defers;
        fr->defers = d;
        NEXT();
    }
L_RUNDEFERS: {
        Defer *d = fr->defers;
        if (!d)
            NEXT();
        fr->defers = d->next;
        /* come back here when the deferred call returns */
        fr->pc = pc - 1;
        Proto *fp = fr->cl->proto;
        uint32_t nb = fr->base + fp->maxregs + 1;
        if (!ensure_stack(g, nb + (uint32_t)d->nargs + 2)) {
            goro_runtime_error(g, "stack overflow");
            THROW();
        }
        base = g->stack + fr->base;
        Value *slot = g->stack + nb - 1;
        slot[0] = d->fn;
        memcpy(slot + 1, d->args, sizeof(Value) * (size_t)d->nargs);
        unsigned kd = VKIND(d->fn);
        if (kd == VK_FUNC && d->fn.u.p) {
            if (!enter_closure(g, fr, d->fn.u.p, (int)(nb - 1 - fr->base), d->nargs, 0, d->spread))
                THROW();
            g->frames[g->nframes - 1].flags = FRAME_DEFER | FRAME_DISCARD;
            RELOAD();
            NEXT();
        }
        if (kd == VK_NATIVE) {
            g->resume_dst = -1;
            g->resume_n = 0;
            g->resume_want = 0;
            int n = call_native(g, d->fn, slot + 1, d->nargs, res);
            RELOAD();
            if (n == GORO_NATIVE_PANIC)
                THROW();
            if (n == GORO_NATIVE_PARK)
                return VM_PARK;
            if (n == GORO_NATIVE_RETRY) {
                save_retry(g, d->fn, d->args, d->nargs, true, false);
                return VM_PARK;
            }
            NEXT();
        }
        if (kd == VK_BOUND && ((Bound *)d->fn.u.p)->drop_first) {
            int n = goro_vm_call(g, d->fn, d->args, d->nargs, res, 0);
            RELOAD();
            if (n < 0)
                THROW();
            NEXT();
        }
        if (kd == VK_BOUND) {
            Bound *bd = d->fn.u.p;
            memmove(slot + 2, slot + 1, sizeof(Value) * (size_t)d->nargs);
            slot[1] = bd->recv;
            slot[0] = bd->fn;
            if (VKIND(bd->fn) == VK_FUNC) {
                if (!enter_closure(g, fr, bd->fn.u.p, (int)(nb - 1 - fr->base), d->nargs + 1, 0, false))
                    THROW();
                g->frames[g->nframes - 1].flags = FRAME_DEFER | FRAME_DISCARD;
                RELOAD();
                NEXT();
            }
            g->resume_dst = -1;
            g->resume_n = 0;
            g->resume_want = 0;
            int n = call_native(g, bd->fn, slot + 1, d->nargs + 1, res);
            RELOAD();
            if (n == GORO_NATIVE_PANIC)
                THROW();
            if (n == GORO_NATIVE_PARK)
                return VM_PARK;
            if (n == GORO_NATIVE_RETRY) {   /* deferred mu.Lock through a method value */
                save_retry(g, bd->fn, slot + 1, d->nargs + 1, true, false);
                return VM_PARK;
            }
            NEXT();
        }
        goro_nil_deref(g);
        THROW();
    }
L_PANIC:
    SAVEPC();
    goro_panic(g, R(A));
    THROW();
L_RECOVER: {
        Panic *p = g->panic;
        if (p && !p->recovered && !p->goexit && !p->aborted && (fr->flags & FRAME_PANICDEFER)) {
            p->recovered = true;
            R(A) = p->value;
        } else {
            R(A) = goro_nil();
        }
        NEXT();
    }
L_RANGEPREP: {
        int a = A;
        Value x = R(a);
        switch (VKIND(x)) {
        case VK_MAP: {
            MapIter *it = goro_alloc(sizeof *it);
            goro_map_iter_init(it, x.u.p);
            R(a + 1) = goro_ptrval(VK_TYPE, it);   /* opaque iterator */
            break;
        }
        case VK_ARRAY:
            R(a) = goro_value_copy(x);
            R(a + 1) = goro_int(0);
            break;
        case VK_PTR:
            if (x.u.p && VKIND(*(Value *)x.u.p) == VK_ARRAY) {
                R(a) = *(Value *)x.u.p;
                R(a + 1) = goro_int(0);
                break;
            }
            SAVEPC();
            goro_runtime_error(g, "cannot range over %s", tname(x));
            THROW();
        case VK_SLICE: case VK_STRING: case VK_INT: case VK_CHAN: case VK_NIL:
            R(a + 1) = goro_int(0);
            break;
        case VK_FUNC: case VK_NATIVE: case VK_BOUND:
            SAVEPC();
            goro_runtime_error(g, "cannot range over %s: goro could not tell at compile time that it is an iterator (give it a declared type such as iter.Seq[T])", tname(x));
            THROW();
        default:
            SAVEPC();
            goro_runtime_error(g, "cannot range over %s", tname(x));
            THROW();
        }
        NEXT();
    }
L_RANGENEXT: {
        int a = A;
        Value x = R(a);
        BUDGET_HERE();
        switch (VKIND(x)) {
        case VK_SLICE: {
            int64_t j = R(a + 1).u.i;
            if ((uint64_t)j >= x.aux)
                goto range_done;
            Value v = ((SliceHdr *)x.u.p)->data[j];
            R(a + 2) = goro_int(j);
            R(a + 3) = goro_value_needs_copy(v) ? goro_value_copy(v) : v;
            R(a + 1).u.i = j + 1;
            NEXT();
        }
        case VK_INT: {
            int64_t j = R(a + 1).u.i;
            if (j >= x.u.i)
                goto range_done;
            R(a + 2) = goro_int(j);
            R(a + 2).tt = x.tt;
            R(a + 1).u.i = j + 1;
            NEXT();
        }
        case VK_STRING: {
            int64_t j = R(a + 1).u.i;
            if ((uint64_t)j >= x.aux)
                goto range_done;
            int32_t r;
            int w = goro_utf8_decode((const unsigned char *)x.u.s + j, (int64_t)x.aux - j, &r);
            R(a + 2) = goro_int(j);
            R(a + 3) = goro_rune(r);
            R(a + 1).u.i = j + w;
            NEXT();
        }
        case VK_ARRAY: {
            int64_t j = R(a + 1).u.i;
            Array *ar = x.u.p;
            if (j >= ar->len)
                goto range_done;
            R(a + 2) = goro_int(j);
            R(a + 3) = goro_value_needs_copy(ar->v[j]) ? goro_value_copy(ar->v[j]) : ar->v[j];
            R(a + 1).u.i = j + 1;
            NEXT();
        }
        case VK_MAP: {
            Value kk, vv;
            if (!goro_map_iter_next(R(a + 1).u.p, &kk, &vv))
                goto range_done;
            R(a + 2) = kk;
            R(a + 3) = goro_value_needs_copy(vv) ? goro_value_copy(vv) : vv;
            NEXT();
        }
        case VK_CHAN: case VK_NIL: {
            Value state = R(a + 1);
            if (VKIND(state) == VK_BOOL) {
                /* resumed after parking: the value and ok were delivered */
                R(a + 1) = goro_int(0);
                if (!state.u.i)
                    goto range_done;
                NEXT();
            }
            Value out;
            bool ok;
            SAVEPC();
            g->resume_dst = (int16_t)(a + 2);
            g->resume_n = -2;   /* value into R[a+2], ok into R[a+1] */
            g->resume_want = 2;
            st = goro_chan_recv(g, x.u.p, &out, &ok, true);
            if (st == CHAN_OK) {
                if (!ok)
                    goto range_done;
                R(a + 2) = out;
                NEXT();
            }
            if (st == CHAN_PARKED) {
                fr->pc = pc - 1;   /* run RANGENEXT again on resume */
                return VM_PARK;
            }
            THROW();
        }
        default:
            goto range_done;
        }
    range_done:
        pc += GETARG_sBx(i);
        NEXT();
    }
L_NOP:
    NEXT();
L_TRACE:
    fprintf(stderr, "[g%lld %s]", (long long)g->id, fr->cl->proto->name);
    goro_disasm_instr(stderr, fr->cl->proto, (int)(pc - 1 - fr->cl->proto->code));
    goto *dispatch[GET_OP(i)];

raise:
    SAVEPC();
raise_nopc:
    st = unwind(g);
    if (st != VM_CONTINUE)
        return st;
    RELOAD();
    NEXT();
#undef A
#undef B
#undef C
}

/* ----------------------------------------------------- calls from C */

int goro_vm_call(G *g, Value fn, const Value *args, int nargs, Value *res, int nres)
{
    unsigned k = VKIND(fn);
    if (k == VK_NATIVE) {
        Value r[GORO_MAX_RESULTS];
        Value a[16];
        if (nargs > 16)
            nargs = 16;
        if (nargs)
            memcpy(a, args, sizeof(Value) * (size_t)nargs);
        /* nested, as a goro function called from here would be: it must
         * not park or ask for a goro call it cannot get */
        g->nested++;
        int n = ((Native *)fn.u.p)->fn(g, a, nargs, r);
        g->nested--;
        if (n == GORO_NATIVE_PANIC) {
            /* raise it here so the caller sees g->panic */
            return -1;
        }
        if (n < 0) {
            goro_runtime_error(g, "cannot block inside a function called from a native function");
            return -1;
        }
        for (int i = 0; i < n && i < nres; i++)
            res[i] = r[i];
        return n;
    }
    if (k == VK_BOUND) {
        Bound *b = fn.u.p;
        Value a[17];
        if (nargs > 16)
            nargs = 16;
        a[0] = b->recv;
        if (nargs)
            memcpy(a + 1, args, sizeof(Value) * (size_t)nargs);
        return goro_vm_call(g, b->fn, a, nargs + 1, res, nres);
    }
    if (k != VK_FUNC || !fn.u.p) {
        bool nil = k == VK_FUNC || k == VK_NIL;   /* a nil func, typed or not */
        goro_runtime_error(g, nil ? "invalid memory address or nil pointer dereference"
                                  : "call of non-function");
        return -1;
    }
    /* Lay out [fn, args...] above the current frame and enter it as a
     * boundary frame. */
    uint32_t nb;
    if (g->nframes > 0) {
        Frame *top = &g->frames[g->nframes - 1];
        nb = top->base + top->cl->proto->maxregs + 1;
    } else {
        nb = 1;
    }
    if (!ensure_stack(g, nb + (uint32_t)nargs + 2)) {
        goro_runtime_error(g, "stack overflow");
        return -1;
    }
    g->stack[nb - 1] = fn;
    if (nargs)
        memcpy(&g->stack[nb], args, sizeof(Value) * (size_t)nargs);
    Frame dummy;
    memset(&dummy, 0, sizeof dummy);
    dummy.base = nb - 1;
    if (!enter_closure(g, &dummy, fn.u.p, 0, nargs, nres, false))
        return -1;
    Frame *nf = &g->frames[g->nframes - 1];
    nf->flags |= FRAME_BOUNDARY;
    uint32_t depth = g->nframes;
    Value *saved_res = g->callres;
    int saved_want = g->wantres;
    g->callres = res;
    g->wantres = nres;
    g->ncallres = 0;
    if (g->nested > 200) {
        g->nframes--;
        goro_runtime_error(g, "stack overflow: callbacks from natives nested too deeply");
        return -1;
    }
    /* a panic already in flight (the call is made by a deferred function
     * while it unwinds) is not this call's */
    Panic *before = g->panic;
    g->nested++;
    int st = execute(g);
    g->nested--;
    g->callres = saved_res;
    g->wantres = saved_want;
    if (st == VM_RETURN && g->nframes == depth - 1) {
        if (g->panic && g->panic != before && !g->panic->recovered && g->nframes > 0 &&
            !(g->has_pending_panic)) {
            /* unwound to the boundary: the panic continues in the caller */
            Panic *p = g->panic;
            bool live = false;
            for (; p && p != before; p = p->link)
                live |= !p->recovered && !p->aborted;
            if (live)
                return -1;
        }
        return g->ncallres;
    }
    if (st == VM_RETURN)
        return -1;
    if (st == VM_PARK || st == VM_YIELD) {
        /* a nested interpreter must not park: undo and report */
        goro_fatal("goroutine parked inside a native callback");
    }
    if (st == VM_PANIC) {
        /* the panic reached the goroutine's entry frame through us */
        return -1;
    }
    return -1;
}
