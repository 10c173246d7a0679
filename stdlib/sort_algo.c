/* sort_algo.c: Go's sorting algorithms over a GoroSorter (see
 * sort_impl.h): pattern-defeating quicksort for the unstable sorts and
 * insertion sort + symMerge for the stable ones, step for step as Go's
 * sort/zsortinterface.go, so equal elements end up in the order Go puts
 * them and a Less that counts its calls sees the same calls. */
#include "sort_impl.h"

#define LESS(i, j) (s->flip ? s->less(s, (j), (i)) : s->less(s, (i), (j)))
#define SWAP(i, j) s->swap(s, (i), (j))

enum { UNKNOWN_HINT, INCREASING_HINT, DECREASING_HINT };

_Noreturn void goro_sort_fail(GoroSorter *s) { longjmp(s->fail, 1); }

static int bits_len(uint64_t x) { return x ? 64 - __builtin_clzll(x) : 0; }

static void insertion_sort(GoroSorter *s, int64_t a, int64_t b)
{
    for (int64_t i = a + 1; i < b; i++)
        for (int64_t j = i; j > a && LESS(j, j - 1); j--)
            SWAP(j, j - 1);
}

/* The heap property on data[lo:hi], offset by [first]. */
static void sift_down(GoroSorter *s, int64_t lo, int64_t hi, int64_t first)
{
    int64_t root = lo;
    for (;;) {
        int64_t child = 2 * root + 1;
        if (child >= hi)
            return;
        if (child + 1 < hi && LESS(first + child, first + child + 1))
            child++;
        if (!LESS(first + root, first + child))
            return;
        SWAP(first + root, first + child);
        root = child;
    }
}

static void heap_sort(GoroSorter *s, int64_t a, int64_t b)
{
    int64_t first = a, lo = 0, hi = b - a;
    for (int64_t i = (hi - 1) / 2; i >= 0; i--)
        sift_down(s, i, hi, first);
    for (int64_t i = hi - 1; i >= 0; i--) {
        SWAP(first, first + i);
        sift_down(s, lo, i, first);
    }
}

/* One quicksort partition around data[pivot]: smaller elements before
 * the returned index, the rest after it. */
static int64_t partition(GoroSorter *s, int64_t a, int64_t b, int64_t pivot, bool *already)
{
    SWAP(a, pivot);
    int64_t i = a + 1, j = b - 1;
    while (i <= j && LESS(i, a))
        i++;
    while (i <= j && !LESS(j, a))
        j--;
    if (i > j) {
        SWAP(j, a);
        *already = true;
        return j;
    }
    SWAP(i, j);
    i++;
    j--;
    for (;;) {
        while (i <= j && LESS(i, a))
            i++;
        while (i <= j && !LESS(j, a))
            j--;
        if (i > j)
            break;
        SWAP(i, j);
        i++;
        j--;
    }
    SWAP(j, a);
    *already = false;
    return j;
}

/* data[a:b] holds nothing smaller than data[pivot]: put the elements
 * equal to it first. */
static int64_t partition_equal(GoroSorter *s, int64_t a, int64_t b, int64_t pivot)
{
    SWAP(a, pivot);
    int64_t i = a + 1, j = b - 1;
    for (;;) {
        while (i <= j && !LESS(a, i))
            i++;
        while (i <= j && LESS(a, j))
            j--;
        if (i > j)
            break;
        SWAP(i, j);
        i++;
        j--;
    }
    return i;
}

/* Sort a nearly sorted data[a:b] by shifting a few elements; true if it
 * is sorted afterwards. */
static bool partial_insertion_sort(GoroSorter *s, int64_t a, int64_t b)
{
    enum { MAX_STEPS = 5, SHORTEST_SHIFTING = 50 };
    int64_t i = a + 1;
    for (int step = 0; step < MAX_STEPS; step++) {
        while (i < b && !LESS(i, i - 1))
            i++;
        if (i == b)
            return true;
        if (b - a < SHORTEST_SHIFTING)
            return false;
        SWAP(i, i - 1);
        if (i - a >= 2) {
            for (int64_t j = i - 1; j >= 1; j--) {
                if (!LESS(j, j - 1))
                    break;
                SWAP(j, j - 1);
            }
        }
        if (b - i >= 2) {
            for (int64_t j = i + 1; j < b; j++) {
                if (!LESS(j, j - 1))
                    break;
                SWAP(j, j - 1);
            }
        }
    }
    return false;
}

/* Scatter three elements (Go's xorshift seeded with the length). */
static void break_patterns(GoroSorter *s, int64_t a, int64_t b)
{
    int64_t length = b - a;
    if (length < 8)
        return;
    uint64_t random = (uint64_t)length;
    uint64_t modulus = (uint64_t)1 << bits_len((uint64_t)length);
    for (int64_t idx = a + (length / 4) * 2 - 1; idx <= a + (length / 4) * 2 + 1; idx++) {
        random ^= random << 13;
        random ^= random >> 17;
        random ^= random << 5;
        int64_t other = (int64_t)(random & (modulus - 1));
        if (other >= length)
            other -= length;
        SWAP(idx, a + other);
    }
}

static void order2(GoroSorter *s, int64_t *a, int64_t *b, int *swaps)
{
    if (LESS(*b, *a)) {
        ++*swaps;
        int64_t t = *a;
        *a = *b;
        *b = t;
    }
}

static int64_t median(GoroSorter *s, int64_t a, int64_t b, int64_t c, int *swaps)
{
    order2(s, &a, &b, swaps);
    order2(s, &b, &c, swaps);
    order2(s, &a, &b, swaps);
    return b;
}

static int64_t choose_pivot(GoroSorter *s, int64_t a, int64_t b, int *hint)
{
    enum { SHORTEST_NINTHER = 50, MAX_SWAPS = 4 * 3 };
    int64_t l = b - a;
    int swaps = 0;
    int64_t i = a + l / 4 * 1, j = a + l / 4 * 2, k = a + l / 4 * 3;
    if (l >= 8) {
        if (l >= SHORTEST_NINTHER) {   /* Tukey's ninther */
            i = median(s, i - 1, i, i + 1, &swaps);
            j = median(s, j - 1, j, j + 1, &swaps);
            k = median(s, k - 1, k, k + 1, &swaps);
        }
        j = median(s, i, j, k, &swaps);
    }
    *hint = swaps == 0 ? INCREASING_HINT : swaps == MAX_SWAPS ? DECREASING_HINT : UNKNOWN_HINT;
    return j;
}

static void reverse_range(GoroSorter *s, int64_t a, int64_t b)
{
    for (int64_t i = a, j = b - 1; i < j; i++, j--)
        SWAP(i, j);
}

static void pdqsort(GoroSorter *s, int64_t a, int64_t b, int limit)
{
    enum { MAX_INSERTION = 12 };
    bool was_balanced = true, was_partitioned = true;
    for (;;) {
        int64_t length = b - a;
        if (length <= MAX_INSERTION) {
            insertion_sort(s, a, b);
            return;
        }
        if (limit == 0) {   /* too many bad pivots */
            heap_sort(s, a, b);
            return;
        }
        if (!was_balanced) {
            break_patterns(s, a, b);
            limit--;
        }
        int hint;
        int64_t pivot = choose_pivot(s, a, b, &hint);
        if (hint == DECREASING_HINT) {
            reverse_range(s, a, b);
            pivot = (b - 1) - (pivot - a);
            hint = INCREASING_HINT;
        }
        if (was_balanced && was_partitioned && hint == INCREASING_HINT &&
            partial_insertion_sort(s, a, b))
            return;
        /* many duplicates: split off the elements equal to the pivot */
        if (a > 0 && !LESS(a - 1, pivot)) {
            a = partition_equal(s, a, b, pivot);
            continue;
        }
        bool already;
        int64_t mid = partition(s, a, b, pivot, &already);
        was_partitioned = already;
        int64_t left = mid - a, right = b - mid, threshold = length / 8;
        if (left < right) {
            was_balanced = left >= threshold;
            pdqsort(s, a, mid, limit);
            a = mid + 1;
        } else {
            was_balanced = right >= threshold;
            pdqsort(s, mid + 1, b, limit);
            b = mid;
        }
    }
}

bool goro_sort_pdq(GoroSorter *s, int64_t n)
{
    if (setjmp(s->fail))
        return false;
    if (n > 1)
        pdqsort(s, 0, n, bits_len((uint64_t)n));
    return true;
}

int goro_sort_is_sorted(GoroSorter *s, int64_t n)
{
    if (setjmp(s->fail))
        return -1;
    for (int64_t i = n - 1; i > 0; i--)
        if (LESS(i, i - 1))
            return 0;
    return 1;
}

/* ------------------------------------------------------------- stable */

static void swap_range(GoroSorter *s, int64_t a, int64_t b, int64_t n)
{
    for (int64_t i = 0; i < n; i++)
        SWAP(a + i, b + i);
}

/* Rotate data[a:b] so that data[m:b] comes before data[a:m]. */
static void rotate(GoroSorter *s, int64_t a, int64_t m, int64_t b)
{
    int64_t i = m - a, j = b - m;
    while (i != j) {
        if (i > j) {
            swap_range(s, m - i, m, j);
            i -= j;
        } else {
            swap_range(s, m - i, m + j - i, i);
            j -= i;
        }
    }
    swap_range(s, m - i, m, i);
}

/* Merge the sorted data[a:m] and data[m:b] in place (Kim and Kutzner's
 * SymMerge). */
static void sym_merge(GoroSorter *s, int64_t a, int64_t m, int64_t b)
{
    if (m - a == 1) {
        /* insert data[a] into data[m:b] at the first element >= it */
        int64_t i = m, j = b;
        while (i < j) {
            int64_t h = (int64_t)((uint64_t)(i + j) >> 1);
            if (LESS(h, a))
                i = h + 1;
            else
                j = h;
        }
        for (int64_t k = a; k < i - 1; k++)
            SWAP(k, k + 1);
        return;
    }
    if (b - m == 1) {
        /* insert data[m] into data[a:m] after the last element <= it */
        int64_t i = a, j = m;
        while (i < j) {
            int64_t h = (int64_t)((uint64_t)(i + j) >> 1);
            if (!LESS(m, h))
                i = h + 1;
            else
                j = h;
        }
        for (int64_t k = m; k > i; k--)
            SWAP(k, k - 1);
        return;
    }
    int64_t mid = (int64_t)((uint64_t)(a + b) >> 1);
    int64_t n = mid + m, start, r;
    if (m > mid) {
        start = n - b;
        r = mid;
    } else {
        start = a;
        r = m;
    }
    int64_t p = n - 1;
    while (start < r) {
        int64_t c = (int64_t)((uint64_t)(start + r) >> 1);
        if (!LESS(p - c, c))
            start = c + 1;
        else
            r = c;
    }
    int64_t end = n - start;
    if (start < m && m < end)
        rotate(s, start, m, end);
    if (a < start && start < mid)
        sym_merge(s, a, start, mid);
    if (mid < end && end < b)
        sym_merge(s, mid, end, b);
}

bool goro_sort_stable(GoroSorter *s, int64_t n)
{
    if (setjmp(s->fail))
        return false;
    int64_t block = 20, a = 0, b = block;
    while (b <= n) {
        insertion_sort(s, a, b);
        a = b;
        b += block;
    }
    insertion_sort(s, a, n);
    while (block < n) {
        a = 0;
        b = 2 * block;
        while (b <= n) {
            sym_merge(s, a, a + block, b);
            a = b;
            b += 2 * block;
        }
        if (a + block < n)
            sym_merge(s, a, a + block, n);
        block *= 2;
    }
    return true;
}

/* ------------------------------------------------- element sorters */

static void swap_elems(GoroSorter *s, int64_t i, int64_t j)
{
    Value t = s->data[i];
    s->data[i] = s->data[j];
    s->data[j] = t;
}

static bool less_ordered(GoroSorter *s, int64_t i, int64_t j)
{
    return goro_ord_less(s->ord, s->data[i], s->data[j]);
}

void goro_sorter_ordered(GoroSorter *s, G *g, Value *data, GoroOrd ord)
{
    memset(s, 0, sizeof *s);
    s->less = less_ordered;
    s->swap = swap_elems;
    s->g = g;
    s->data = data;
    s->ord = ord;
}

static bool less_cmpfunc(GoroSorter *s, int64_t i, int64_t j)
{
    Value a[2] = {goro_sort_arg(s->data[i]), goro_sort_arg(s->data[j])};
    return goro_sort_call_int(s, s->fn, a, 2) < 0;
}

void goro_sorter_cmpfunc(GoroSorter *s, G *g, Value *data, Value cmp, const char *what)
{
    memset(s, 0, sizeof *s);
    s->less = less_cmpfunc;
    s->swap = swap_elems;
    s->g = g;
    s->data = data;
    s->fn = cmp;
    s->what = what;
}

/* ---------------------------------------------------------- callbacks */

int goro_sort_vm_call(G *g, Value fn, Value *args, int nargs, Value *res, int nres)
{
    if (VKIND(fn) == VK_NIL)   /* a nil func value, typed or not */
        return goro_nil_deref(g), -1;
    return goro_vm_call(g, fn, args, nargs, res, nres);
}

static Value call1(GoroSorter *s, Value fn, Value *args, int nargs)
{
    Value r = goro_nil();
    int n = goro_sort_vm_call(s->g, fn, args, nargs, &r, 1);
    if (n < 0)
        goro_sort_fail(s);
    return r;
}

bool goro_sort_call_bool(GoroSorter *s, Value fn, Value *args, int nargs)
{
    Value r = call1(s, fn, args, nargs);
    if (VKIND(r) != VK_BOOL) {
        goro_runtime_error(s->g, "%s: the function returned %s, not bool", s->what,
                           goro_type_of(r)->name);
        goro_sort_fail(s);
    }
    return r.u.i != 0;
}

int64_t goro_sort_call_int(GoroSorter *s, Value fn, Value *args, int nargs)
{
    Value r = call1(s, fn, args, nargs);
    if (VKIND(r) != VK_INT) {
        goro_runtime_error(s->g, "%s: the function returned %s, not int", s->what,
                           goro_type_of(r)->name);
        goro_sort_fail(s);
    }
    return r.u.i;
}
