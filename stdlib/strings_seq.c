/* strings_seq.c: Go 1.24's iterator functions of strings and bytes:
 * Lines, SplitSeq, SplitAfterSeq, FieldsSeq and FieldsFuncSeq.
 *
 * Each returns an iter.Seq: a func(yield func(T) bool) that yields the
 * pieces in order and stops when yield returns false.  goro has no
 * range-over-func, so a program calls the sequence with its yield
 * itself.  The sequence is a method value: a SeqObj (the text, the
 * separator or func, which function, and whether pieces are []byte)
 * bound to seq_run, so calling it again yields again from the start, as
 * Go's closure does.  yield is called with goro_vm_call and may not
 * park. */
#include <string.h>

#include "pkg.h"
#include "rw.h"
#include "strings_seq.h"
#include "utf8.h"
#include "vm.h"

typedef struct SeqObj {
    Obj obj;
    int kind;        /* SEQ_* */
    bool bytes;      /* yield []byte pieces (bytes' functions) */
    Value s;         /* the text, as a string */
    Value sep;       /* Split*Seq: the separator string; FieldsFuncSeq: the func */
} SeqObj;

static ObjClass seq_class = {.name = "iter.Seq"};

/* yield(s[off:off+n]): 1 to go on, 0 when yield said stop, -1 when it
 * panicked. */
static int yield_piece(G *g, const SeqObj *q, Value yield, int64_t off, int64_t n)
{
    Value piece = q->bytes ? goro_rw_slice(q->s.u.s + off, (size_t)n)
                           : goro_str_nocopy(q->s.u.s + off, n);
    Value res = goro_nil();
    int k = goro_vm_call(g, yield, &piece, 1, &res, 1);
    if (k < 0)
        return -1;
    if (k < 1 || VKIND(res) != VK_BOOL) {
        goro_runtime_error(g, "iter.Seq: yield must return a bool, not %s",
                           goro_type_of(res)->name);
        return -1;
    }
    return res.u.i ? 1 : 0;
}

static bool is_space(int32_t r)
{
    return r < 0x80 ? (r == ' ' || (r >= '\t' && r <= '\r')) : goro_unicode_is_space(r);
}

/* Does the field separator [q] hold for [r]?  1 or 0, -1 on a panic. */
static int separates(G *g, const SeqObj *q, int32_t r)
{
    if (q->kind == SEQ_FIELDS)
        return is_space(r);
    Value a = goro_rune(r), res = goro_nil();
    int k = goro_vm_call(g, q->sep, &a, 1, &res, 1);
    if (k < 0)
        return -1;
    if (k < 1 || VKIND(res) != VK_BOOL) {
        goro_runtime_error(g, "FieldsFuncSeq: func must return a bool, not %s",
                           goro_type_of(res)->name);
        return -1;
    }
    return res.u.i != 0;
}

/* Go's FieldsSeq / FieldsFuncSeq loop. */
static int run_fields(G *g, const SeqObj *q, Value yield)
{
    const unsigned char *s = (const unsigned char *)q->s.u.s;
    int64_t n = q->s.aux, start = -1;
    for (int64_t i = 0; i < n;) {
        int32_t r = s[i];
        int size = r < 0x80 ? 1 : goro_utf8_decode(s + i, n - i, &r);
        int sp = separates(g, q, r);
        if (sp < 0)
            return -1;
        if (sp && start >= 0) {
            int k = yield_piece(g, q, yield, start, i - start);
            if (k <= 0)
                return k;
            start = -1;
        } else if (!sp && start < 0) {
            start = i;
        }
        i += size;
    }
    return start >= 0 ? yield_piece(g, q, yield, start, n - start) : 1;
}

/* Go's splitSeq (sepSave: the separator's length for SplitAfterSeq) and
 * Lines, which is SplitAfterSeq on "\n" without an empty last piece. */
static int run_split(G *g, const SeqObj *q, Value yield)
{
    const char *s = q->s.u.s;
    int64_t n = q->s.aux, off = 0;
    const char *sep = q->kind == SEQ_LINES ? "\n" : q->sep.u.s;
    int64_t seplen = q->kind == SEQ_LINES ? 1 : q->sep.aux;
    int64_t save = q->kind == SEQ_SPLIT ? 0 : seplen;
    if (seplen == 0) {   /* each UTF-8 sequence */
        while (off < n) {
            int32_t r;
            int size = goro_utf8_decode((const unsigned char *)s + off, n - off, &r);
            int k = yield_piece(g, q, yield, off, size);
            if (k <= 0)
                return k;
            off += size;
        }
        return 1;
    }
    for (;;) {
        const char *hit = memmem(s + off, (size_t)(n - off), sep, (size_t)seplen);
        if (!hit)
            break;
        int64_t i = hit - s;
        int k = yield_piece(g, q, yield, off, i - off + save);
        if (k <= 0)
            return k;
        off = i + seplen;
    }
    if (q->kind == SEQ_LINES && off == n)
        return 1;
    return yield_piece(g, q, yield, off, n - off);
}

/* seq(yield): the sequence called (args[0] is the bound SeqObj). */
static int seq_run(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    const SeqObj *q = nargs ? args[0].u.p : NULL;
    if (nargs < 2 || (VKIND(args[1]) != VK_FUNC && VKIND(args[1]) != VK_NATIVE &&
                      VKIND(args[1]) != VK_BOUND))
        return goro_runtime_error(g, "iter.Seq: argument must be a yield func");
    Value yield = args[1];
    int k = q->kind == SEQ_FIELDS || q->kind == SEQ_FIELDSFUNC ? run_fields(g, q, yield)
                                                                : run_split(g, q, yield);
    return k < 0 ? GORO_NATIVE_PANIC : 0;
}

int goro_strings_seq(G *g, const char *pkg, int kind, bool bytes, Value *args, int nargs,
                     Value *res)
{
    static const char *names[] = {"Lines", "SplitSeq", "SplitAfterSeq", "FieldsSeq",
                                  "FieldsFuncSeq"};
    int want = kind == SEQ_LINES || kind == SEQ_FIELDS ? 1 : 2;
    Value text = goro_nil(), sep = goro_nil();
    for (int i = 0; i < want; i++) {
        Value v = nargs > i ? args[i] : goro_nil();
        bool func_arg = kind == SEQ_FIELDSFUNC && i == 1;
        if (func_arg) {
            if (VKIND(v) != VK_FUNC && VKIND(v) != VK_NATIVE && VKIND(v) != VK_BOUND)
                return goro_runtime_error(g, "%s.%s: argument 2 must be a func", pkg, names[kind]);
        } else if (bytes && (VKIND(v) == VK_SLICE || VKIND(v) == VK_NIL)) {
            size_t n;
            const char *b = goro_rw_bytes(v, &n);
            v = goro_str_nocopy(b ? b : "", (int64_t)n);
        } else if (VKIND(v) != VK_STRING || bytes) {
            return goro_runtime_error(g, "%s.%s: argument %d must be a %s", pkg, names[kind],
                                      i + 1, bytes ? "[]byte" : "string");
        }
        if (i == 0)
            text = v;
        else
            sep = v;
    }
    SeqObj *q = goro_alloc(sizeof *q);
    q->obj.cls = &seq_class;
    q->kind = kind;
    q->bytes = bytes;
    q->s = text;
    q->sep = sep;
    Bound *b = goro_alloc(sizeof *b);
    b->recv = goro_obj_value(&q->obj);
    b->fn = goro_native_value(goro_sprintf("%s.%s.func1", pkg, names[kind]), seq_run);
    res[0] = goro_ptrval(VK_BOUND, b);
    return 1;
}
