/* sort_impl.h: what the sort, slices and cmp packages share: Go's
 * sorting algorithms over an abstract Less/Swap (sort_algo.c) and Go's
 * ordering of cmp.Ordered values (cmp.c).
 *
 * A GoroSorter is sort.Interface seen from C: [less] and [swap] on
 * indices.  Sorts that call goro code back (sort.Sort's methods,
 * sort.Slice's less, slices.SortFunc's cmp) may see the callback panic;
 * then less/swap longjmp to [fail], which goro_sort_pdq/goro_sort_stable
 * set up, and the sort returns false with the panic on the goroutine.
 * Only C frames of the sort itself lie between the setjmp and the
 * longjmp: the callback's goro_vm_call has returned by then. */
#ifndef GORO_SORT_IMPL_H
#define GORO_SORT_IMPL_H

#include <setjmp.h>

#include "pkg.h"
#include "vm.h"

/* How two cmp.Ordered values compare (cmp.c). */
typedef enum GoroOrd {
    GORO_ORD_NONE,    /* not ordered (bool, struct, ...) or of mismatched kinds */
    GORO_ORD_INT,     /* signed integers */
    GORO_ORD_UINT,    /* unsigned integers */
    GORO_ORD_FLOAT,   /* floats, or ints mixed with floats (as goro's arithmetic mixes them) */
    GORO_ORD_STRING,
} GoroOrd;

typedef struct GoroSorter GoroSorter;
struct GoroSorter {
    bool (*less)(GoroSorter *s, int64_t i, int64_t j);
    void (*swap)(GoroSorter *s, int64_t i, int64_t j);
    bool flip;          /* sort.Reverse: Less(i, j) is the wrapped Less(j, i) */
    jmp_buf fail;       /* a callback panicked (g->panic is set) */
    G *g;
    Value *data;        /* the slice's elements, for sorters that swap them */
    GoroOrd ord;        /* element ordering of direct sorts */
    Value fn;           /* the less or cmp callback; the sort.Interface value */
    const char *what;   /* the function, for error messages ("slices.SortFunc") */
};

/* Sort s's elements [0, n) as Go's pdqsort (sort.Sort, sort.Slice,
 * slices.Sort, slices.SortFunc) or its insertion sort + symMerge
 * (sort.Stable, sort.SliceStable, slices.SortStableFunc).  False when a
 * callback panicked. */
bool goro_sort_pdq(GoroSorter *s, int64_t n);
bool goro_sort_stable(GoroSorter *s, int64_t n);
/* sort.IsSorted: 1 sorted, 0 not, -1 a callback panicked. */
int goro_sort_is_sorted(GoroSorter *s, int64_t n);
/* Report a panic from inside less/swap: does not return. */
_Noreturn void goro_sort_fail(GoroSorter *s);

/* Sorters over a slice's elements: ordered by cmp.Less ([ord] set), or
 * by a goro cmp(a, b) int ([fn] set). */
void goro_sorter_ordered(GoroSorter *s, G *g, Value *data, GoroOrd ord);
void goro_sorter_cmpfunc(GoroSorter *s, G *g, Value *data, Value cmp, const char *what);

/* The ordering shared by values [v][0..n); GORO_ORD_NONE and *bad (the
 * offending value's index) when they are not all cmp.Ordered of one
 * kind.  n == 0 gives GORO_ORD_INT. */
GoroOrd goro_ord_of(const Value *v, int64_t n, int64_t *bad);
GoroOrd goro_ord_pair(Value a, Value b);
/* cmp.Compare and cmp.Less under [o] (NaN below every number, NaNs equal). */
int goro_ord_compare(GoroOrd o, Value a, Value b);
bool goro_ord_less(GoroOrd o, Value a, Value b);
bool goro_ord_isnan(Value v);
/* A run-time error for values that are not cmp.Ordered of one kind:
 * "[fn]: bool does not satisfy cmp.Ordered". */
int goro_ord_error(G *g, const char *fn, Value a, Value b);

/* goro_vm_call, where an untyped nil [fn] is a nil func as in Go. */
int goro_sort_vm_call(G *g, Value fn, Value *args, int nargs, Value *res, int nres);
/* Call the goro function [fn](args) wanting one result of kind bool or
 * int; a panic in it longjmps out of the sort. */
bool goro_sort_call_bool(GoroSorter *s, Value fn, Value *args, int nargs);
int64_t goro_sort_call_int(GoroSorter *s, Value fn, Value *args, int nargs);

/* slices.c: args[i] as a slice (untyped nil as a nil []interface {});
 * false after raising the error. */
bool goro_slices_arg(G *g, const char *fn, Value *args, int nargs, int i, Value *out);
/* Call f(a[0..n)) (elements copied as arguments) wanting a result of
 * value kind [kind] (VK_BOOL or VK_INT): 0, or GORO_NATIVE_PANIC. */
int goro_slices_call(G *g, const char *fn, Value f, Value *a, int n, int kind, Value *out);
/* The element type of slice [s] (NULL when unknown). */
Type *goro_slices_elem(Value s);

/* The sorting half of the slices package (slices_sort.c). */
void goro_slices_sort_init(Package *p);

/* The iterator functions of maps and slices (iter.c). */
void goro_iter_maps_init(Package *p);
void goro_iter_slices_init(Package *p);

/* An element as a callback's argument: structs and arrays are copied,
 * as Go passes them by value. */
static inline Value goro_sort_arg(Value v)
{
    return goro_value_needs_copy(v) ? goro_value_copy(v) : v;
}

#endif
