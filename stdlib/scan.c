/* scan.c: fmt's scanning half, after Go's fmt/scan.go: Scan, Scanln,
 * Scanf and their Sscan (a string) and Fscan (any io.Reader) forms.  Each
 * operand is a pointer; what is parsed follows the type it points to
 * (integers, floats, strings, bools, []byte, and named types over them),
 * with Go's verbs, results and error messages.
 *
 * Standard input.  The problem: a scan may have to wait for the user,
 * and the scanner is recursive descent, as Go's, so it cannot stop
 * half-way and resume later.  So a scan of stdin runs to its end on the
 * goroutine's M, and each read() that may wait is a system call
 * (goro_syscall_enter/exit): sysmon hands the P to another M while the
 * user thinks, so other goroutines keep running, even at GOMAXPROCS=1.
 * fd 0 is read into one buffer shared by every stdin scan; scans take
 * turns through a semaphore that parks the goroutines waiting for their
 * turn (stdout is flushed before a read, so prompts show).
 *
 * Invariant: input is never dropped between calls except as Go drops
 * it.  Go wraps os.Stdin in a rune reader for each call and reads one
 * byte at a time, so the only input a call loses is a rune it read and
 * put back last (the delimiter after the final token); the buffer keeps
 * everything else for the next call. */
#include "scan.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdlib.h>
#include <unistd.h>

#include "errors_obj.h"
#include "format.h"
#include "io_errors.h"
#include "os_file.h"
#include "proc.h"
#include "rw.h"
#include "sema.h"
#include "utf8.h"
#include "vm.h"

enum { SCAN_EOF = -1, HUGE_WID = 1 << 30 };
/* longjmp codes: how a scan stopped early */
enum { SCAN_FAILED = 1, SCAN_PANICKED = 3 };
/* what a call does: Scan (newlines are spaces), Scanln, Scanf */
typedef enum { MODE_SCAN, MODE_LN, MODE_F } Mode;

typedef struct Scan {
    G *g;
    /* the input: data[pos, end), extended by more() for stdin */
    const char *data;
    size_t pos, end;
    bool from_stdin;
    Value reader;        /* Fscan of another io.Reader: read through its methods */
    bool rune_scanner;   /* ... which has ReadRune and UnreadRune */
    Buf rbuf;            /* what was read from it */
    /* Go's ss */
    bool nl_is_space, nl_is_end, at_eof;
    int count, arg_limit, max_wid;
    int last_w;          /* bytes of the last rune read */
    bool unread_last;    /* ... and it was put back */
    Buf tok;
    /* the outcome: operands are stored when the scan ends */
    jmp_buf fail;
    Value err;
    int ndone;
    Value **slots;
    Value *vals;
} Scan;

/* One call: its mode, format (MODE_F) and operands. */
typedef struct Call {
    Mode mode;
    Value format;
    Value *args;
    int nargs;
} Call;

/* ---------------------------------------------------------------- errors */

static Value io_eof(void) { return goro_io_err(IO_EOF); }

static _Noreturn void fail(Scan *s, Value err)
{
    s->err = err;
    longjmp(s->fail, SCAN_FAILED);
}

static _Noreturn void fail_str(Scan *s, const char *msg)
{
    fail(s, goro_error_new(goro_str_cstr(msg)));
}

/* ------------------------------------------------------------ standard in */

static struct {
    pthread_mutex_t lock;
    char *data;
    size_t start, end, cap;   /* unread input is data[start, end) */
} stdin_buf = {.lock = PTHREAD_MUTEX_INITIALIZER};

/* Read more of fd 0 into the buffer (a system call); false at end of
 * input. */
static bool stdin_more(Scan *s)
{
    goro_os_flush();
    if (stdin_buf.end == stdin_buf.cap) {
        stdin_buf.cap = stdin_buf.cap ? stdin_buf.cap * 2 : 65536;
        stdin_buf.data = realloc(stdin_buf.data, stdin_buf.cap);
        if (!stdin_buf.data)
            goro_fatal("out of memory reading standard input");
    }
    ssize_t k;
    /* a read that may wait for the user: a system call, so the P goes
     * to another M while it lasts */
    goro_syscall_enter();
    do
        k = read(0, stdin_buf.data + stdin_buf.end, stdin_buf.cap - stdin_buf.end);
    while (k < 0 && errno == EINTR);
    goro_syscall_exit();
    if (k <= 0)
        return false;
    stdin_buf.end += (size_t)k;
    s->data = stdin_buf.data;
    s->end = stdin_buf.end;
    return true;
}

size_t goro_scan_stdin_take(char *buf, size_t n)
{
    if (pthread_mutex_trylock(&stdin_buf.lock) != 0)
        return 0;
    size_t k = stdin_buf.end > stdin_buf.start ? stdin_buf.end - stdin_buf.start : 0;
    if (k > n)
        k = n;
    if (k)
        memcpy(buf, stdin_buf.data + stdin_buf.start, k);
    stdin_buf.start += k;
    pthread_mutex_unlock(&stdin_buf.lock);
    return k;
}

/* Start a scan of stdin (lock held): drop what earlier calls consumed. */
static void stdin_begin(Scan *s)
{
    size_t n = stdin_buf.end - stdin_buf.start;
    if (stdin_buf.start > 0 && n > 0)
        memmove(stdin_buf.data, stdin_buf.data + stdin_buf.start, n);
    stdin_buf.start = 0;
    stdin_buf.end = n;
    s->from_stdin = true;
    s->data = stdin_buf.data;
    s->pos = 0;
    s->end = n;
}

/* End it: the input read is consumed, with the put-back rune Go loses. */
static void stdin_end(Scan *s)
{
    stdin_buf.start = s->pos + (s->unread_last ? (size_t)s->last_w : 0);
}

/* ---------------------------------------------------------------- readers */

/* Is [err] io.EOF?  By identity, or by its text while goro has no io
 * package (each package then makes its own EOF value). */
static bool is_eof(Scan *s, Value err)
{
    if (err.u.p == io_eof().u.p)
        return true;
    Value msg;
    int k = goro_fmt_call_method(s->g, err, "Error", NULL, 0, &msg, 1);
    if (k < 0 && k != -2)
        longjmp(s->fail, SCAN_PANICKED);
    return k == 1 && VKIND(msg) == VK_STRING && msg.aux == 3 && !memcmp(msg.u.s, "EOF", 3);
}

/* Read one rune more from an io.Reader: ReadRune if it is an
 * io.RuneScanner (a bufio.Reader, a strings.Reader), else one byte at a
 * time through rw.c (as Go's readRune), so no input is read ahead. */
static bool reader_more(Scan *s)
{
    Value res[3], err;
    int k;
    if (s->rune_scanner) {
        k = goro_fmt_call_method(s->g, s->reader, "ReadRune", NULL, 0, res, 3);
        err = res[2];
        if (k >= 0 && VKIND(err) == VK_NIL) {
            char tmp[4];
            goro_buf_put(&s->rbuf, tmp, (size_t)goro_utf8_encode((int32_t)res[0].u.i, tmp));
        }
    } else {
        RwCall c = {0};
        char one;
        size_t done = 0;
        k = goro_rw_read(s->g, s->reader, &c, &one, 1, &done, &err);
        if (k >= 0 && done == 1)
            goro_buf_putc(&s->rbuf, one);
        if (k >= 0 && done == 1 && goro_rw_is_eof(err))
            err = goro_nil();   /* the byte counts; EOF comes with the next read */
    }
    if (k < 0)
        longjmp(s->fail, SCAN_PANICKED);
    if (VKIND(err) != VK_NIL && !is_eof(s, err))
        fail(s, err);
    s->data = s->rbuf.s;
    s->end = s->rbuf.n;
    return VKIND(err) == VK_NIL;
}

/* ----------------------------------------------------------------- runes */

static bool more(Scan *s)
{
    if (s->from_stdin)
        return stdin_more(s);
    return VKIND(s->reader) != VK_NIL && reader_more(s);
}

static int rune_len(unsigned char c) { return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

/* Go's ss.getRune: the next rune, or SCAN_EOF at the end of the input,
 * of a Scanln line or of the operand's width. */
static int32_t get_rune(Scan *s)
{
    if (s->at_eof || s->count >= s->arg_limit)
        return SCAN_EOF;
    if (s->pos >= s->end && !more(s)) {
        s->at_eof = true;
        return SCAN_EOF;
    }
    while (s->end - s->pos < (size_t)rune_len((unsigned char)s->data[s->pos]) && more(s))
        ;
    int32_t r;
    s->last_w = goro_utf8_decode((const unsigned char *)s->data + s->pos, (int64_t)(s->end - s->pos), &r);
    s->pos += (size_t)s->last_w;
    s->unread_last = false;
    s->count++;
    if (s->nl_is_end && r == '\n')
        s->at_eof = true;
    return r;
}

static void unread_rune(Scan *s)
{
    s->pos -= (size_t)s->last_w;
    s->unread_last = true;
    s->at_eof = false;
    s->count--;
}

static int32_t must_read_rune(Scan *s)
{
    int32_t r = get_rune(s);
    if (r == SCAN_EOF)
        fail(s, goro_io_err(IO_UNEXPECTED_EOF));
    return r;
}

/* Go's isSpace: unicode.White_Space. */
static bool is_space(int32_t r)
{
    static const uint16_t ranges[][2] = {
        {0x0009, 0x000d}, {0x0020, 0x0020}, {0x0085, 0x0085}, {0x00a0, 0x00a0},
        {0x1680, 0x1680}, {0x2000, 0x200a}, {0x2028, 0x2029}, {0x202f, 0x202f},
        {0x205f, 0x205f}, {0x3000, 0x3000},
    };
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
        if (r >= ranges[i][0] && r <= ranges[i][1])
            return true;
    return false;
}

static bool in_set(const char *set, int32_t r) { return r > 0 && r < 0x80 && strchr(set, (int)r); }

/* Is the next rune in [set]?  Consumes nothing. */
static bool peek(Scan *s, const char *set)
{
    int32_t r = get_rune(s);
    if (r != SCAN_EOF)
        unread_rune(s);
    return in_set(set, r);
}

/* Consume the next rune if it is in [set], adding it to the token when
 * [accept]; Go's ss.consume. */
static bool consume(Scan *s, const char *set, bool accept)
{
    int32_t r = get_rune(s);
    if (r == SCAN_EOF)
        return false;
    if (in_set(set, r)) {
        if (accept)
            goro_buf_putc(&s->tok, (char)r);
        return true;
    }
    if (accept)
        unread_rune(s);
    return false;
}

static bool accept(Scan *s, const char *set) { return consume(s, set, true); }

static void not_eof(Scan *s)
{
    if (get_rune(s) == SCAN_EOF)
        fail(s, io_eof());
    unread_rune(s);
}

static void skip_space(Scan *s)
{
    for (;;) {
        int32_t r = get_rune(s);
        if (r == SCAN_EOF)
            return;
        if (r == '\r' && peek(s, "\n"))
            continue;
        if (r == '\n') {
            if (s->nl_is_space)
                continue;
            fail_str(s, "unexpected newline");
        }
        if (!is_space(r)) {
            unread_rune(s);
            return;
        }
    }
}

/* The token so far, as a string of its own (the buffer is reused). */
static Value tok_string(Scan *s) { return goro_str(s->tok.s ? s->tok.s : "", (int64_t)s->tok.n); }

/* The next run of non-space runes. */
static Value token(Scan *s)
{
    skip_space(s);
    for (int32_t r; (r = get_rune(s)) != SCAN_EOF;) {
        if (is_space(r)) {
            unread_rune(s);
            break;
        }
        char tmp[4];
        goro_buf_put(&s->tok, tmp, (size_t)goro_utf8_encode(r, tmp));
    }
    return tok_string(s);
}

/* A rune as a C string, for messages. */
static const char *rune_str(int32_t r)
{
    char tmp[5] = {0};
    goro_utf8_encode(r, tmp);
    return goro_sprintf("%s", tmp);
}

static void ok_verb(Scan *s, int verb, const char *verbs, const char *type)
{
    if (!in_set(verbs, verb))
        fail_str(s, goro_sprintf("bad verb '%%%s' for %s", rune_str(verb), type));
}

/* -------------------------------------------------------------- numbers */

#define DECIMAL "0123456789"
#define HEX "0123456789aAbBcCdDeEfF"
#define FLOAT_VERBS "beEfFgGv"

/* strconv.[fn](args...): its value, or fail with its error. */
static Value parse(Scan *s, const char *fn, Value *args, int nargs)
{
    Value res[2];
    goro_fmt_strconv(s->g, fn, args, nargs, res);
    if (VKIND(res[1]) != VK_NIL)
        fail(s, res[1]);
    return res[0];
}

static int64_t scan_rune(Scan *s, int bits)
{
    not_eof(s);
    int32_t r = get_rune(s);
    int64_t x = (int64_t)((uint64_t)r << (64 - bits)) >> (64 - bits);
    if (x != r)
        fail_str(s, goro_sprintf("overflow on character value %s", rune_str(r)));
    return r;
}

/* After an optional sign with %v: a 0b 0o 0x or 0 prefix picks the
 * digits; *have_digits when the 0 itself is one.  Base 0 lets strconv
 * read the prefix. */
static const char *base_prefix(Scan *s, bool *have_digits)
{
    *have_digits = false;
    if (!peek(s, "0"))
        return DECIMAL "_";
    accept(s, "0");
    *have_digits = true;
    if (consume(s, "bB", true))
        return "01_";
    if (consume(s, "oO", true))
        return "01234567_";
    if (consume(s, "xX", true))
        return HEX "_";
    return "01234567_";
}

/* The digits of an integer operand, per [verb]; its base to *base. */
static Value int_token(Scan *s, int verb, bool is_signed, int *base)
{
    skip_space(s);
    not_eof(s);
    ok_verb(s, verb, "bdoUxXv", "integer");
    const char *digits = verb == 'b' ? "01" : verb == 'o' ? "01234567" : strchr("xXU", verb) ? HEX : DECIMAL;
    *base = verb == 'b' ? 2 : verb == 'o' ? 8 : strchr("xXU", verb) ? 16 : 10;
    bool have_digits = false;
    if (verb == 'U') {
        if (!consume(s, "U", false) || !consume(s, "+", false))
            fail_str(s, "bad unicode format ");
    } else {
        if (is_signed)
            accept(s, "+-");
        if (verb == 'v') {
            digits = base_prefix(s, &have_digits);
            *base = 0;
        }
    }
    if (!have_digits) {
        not_eof(s);
        if (!accept(s, digits))
            fail_str(s, "expected integer");
    }
    while (accept(s, digits))
        ;
    return tok_string(s);
}

static int64_t scan_int(Scan *s, int verb, int bits)
{
    if (verb == 'c')
        return scan_rune(s, bits);
    int base;
    Value tok = int_token(s, verb, true, &base);
    Value args[3] = {tok, goro_int(base), goro_int(64)};
    int64_t i = parse(s, "ParseInt", args, 3).u.i;
    if (bits < 64 && (int64_t)((uint64_t)i << (64 - bits)) >> (64 - bits) != i)
        fail_str(s, goro_sprintf("integer overflow on token %s", tok.u.s));
    return i;
}

static uint64_t scan_uint(Scan *s, int verb, int bits)
{
    if (verb == 'c')
        return (uint64_t)scan_rune(s, bits);
    int base;
    Value tok = int_token(s, verb, false, &base);
    Value args[3] = {tok, goro_int(base), goro_int(64)};
    uint64_t u = parse(s, "ParseUint", args, 3).u.u;
    if (bits < 64 && (u << (64 - bits)) >> (64 - bits) != u)
        fail_str(s, goro_sprintf("unsigned integer overflow on token %s", tok.u.s));
    return u;
}

/* Go's floatToken: the longest prefix that looks like a float. */
static Value float_token(Scan *s)
{
    s->tok.n = 0;
    if (accept(s, "nN") && accept(s, "aA") && accept(s, "nN"))
        return tok_string(s);
    accept(s, "+-");
    if (accept(s, "iI") && accept(s, "nN") && accept(s, "fF"))
        return tok_string(s);
    const char *digits = DECIMAL "_", *exp = "eEpP";
    if (accept(s, "0") && accept(s, "xX")) {
        digits = HEX "_";
        exp = "pP";
    }
    while (accept(s, digits))
        ;
    if (accept(s, "."))
        while (accept(s, digits))
            ;
    if (accept(s, exp)) {
        accept(s, "+-");
        while (accept(s, DECIMAL "_"))
            ;
    }
    return tok_string(s);
}

/* strconv.ParseFloat, plus Go's decimal-mantissa "p" exponent (1.5p3). */
static double convert_float(Scan *s, Value tok, int bits)
{
    const char *str = tok.u.s, *p = strchr(str, 'p');
    if (p && !strpbrk(str, "xX")) {
        Value fa[2] = {goro_str(str, p - str), goro_int(bits)};
        Value ea = goro_str_cstr(p + 1);
        double f = parse(s, "ParseFloat", fa, 2).u.f;
        return ldexp(f, (int)parse(s, "Atoi", &ea, 1).u.i);
    }
    Value args[2] = {tok, goro_int(bits)};
    return parse(s, "ParseFloat", args, 2).u.f;
}

static double scan_float(Scan *s, int bits)
{
    skip_space(s);
    not_eof(s);
    return convert_float(s, float_token(s), bits);
}

/* Go's complexTokens and scanComplex: (re+imi) or re+imi, both parts
 * float tokens of half the bits. */
static Value scan_complex(Scan *s, int verb, Type *t)
{
    ok_verb(s, verb, FLOAT_VERBS, "complex");
    skip_space(s);
    not_eof(s);
    bool parens = accept(s, "(");
    Value re = float_token(s);
    s->tok.n = 0;
    if (!accept(s, "+-"))
        fail_str(s, "syntax error scanning complex number");
    char sign = s->tok.s[0];
    Value im = float_token(s);
    if (!accept(s, "i") || (parens && !accept(s, ")")))
        fail_str(s, "syntax error scanning complex number");
    int bits = t->under->kind == TY_COMPLEX64 ? 32 : 64;
    double x = convert_float(s, re, bits);
    double y = convert_float(s, goro_str_concat(goro_str(&sign, 1), im), bits);
    return goro_complex_of(t, x, y);
}

static bool scan_bool(Scan *s, int verb)
{
    skip_space(s);
    not_eof(s);
    ok_verb(s, verb, "tv", "boolean");
    switch (get_rune(s)) {
    case '0':
        return false;
    case '1':
        return true;
    case 't': case 'T':
        if (accept(s, "rR") && (!accept(s, "uU") || !accept(s, "eE")))
            fail_str(s, "syntax error scanning boolean");
        return true;
    case 'f': case 'F':
        if (accept(s, "aA") && (!accept(s, "lL") || !accept(s, "sS") || !accept(s, "eE")))
            fail_str(s, "syntax error scanning boolean");
        return false;
    }
    return false;
}

/* -------------------------------------------------------------- strings */

static void put_rune(Buf *b, int32_t r)
{
    char tmp[4];
    goro_buf_put(b, tmp, (size_t)goro_utf8_encode(r, tmp));
}

static Value quoted_string(Scan *s)
{
    not_eof(s);
    int32_t q = get_rune(s);
    if (q == '`') {
        for (int32_t r; (r = must_read_rune(s)) != '`';)
            put_rune(&s->tok, r);
        return tok_string(s);
    }
    if (q != '"')
        fail_str(s, "expected quoted string");
    goro_buf_putc(&s->tok, '"');
    for (;;) {
        int32_t r = must_read_rune(s);
        put_rune(&s->tok, r);
        if (r == '\\')
            put_rune(&s->tok, must_read_rune(s));
        else if (r == '"')
            break;
    }
    Value arg = tok_string(s);
    return parse(s, "Unquote", &arg, 1);
}

static Value hex_string(Scan *s)
{
    not_eof(s);
    for (;;) {
        int32_t r = get_rune(s);
        if (r == SCAN_EOF)
            break;
        int hi = goro_hex_digit(r);
        if (hi < 0) {
            unread_rune(s);
            break;
        }
        int lo = goro_hex_digit(must_read_rune(s));
        if (lo < 0)
            fail_str(s, "illegal hex digit");
        goro_buf_putc(&s->tok, (char)(hi << 4 | lo));
    }
    if (s->tok.n == 0)
        fail_str(s, "no hex data for %x string");
    return tok_string(s);
}

static Value scan_string(Scan *s, int verb)
{
    ok_verb(s, verb, "svqxX", "string");
    skip_space(s);
    not_eof(s);
    switch (verb) {
    case 'q': return quoted_string(s);
    case 'x': case 'X': return hex_string(s);
    default: return token(s);
    }
}

/* ------------------------------------------------------------- operands */

static int int_bits(TypeKind k)
{
    switch (k) {
    case TY_INT8: case TY_UINT8: return 8;
    case TY_INT16: case TY_UINT16: return 16;
    case TY_INT32: case TY_UINT32: return 32;
    default: return 64;
    }
}

/* A value of [slot]'s type (kind, named type) holding [v]. */
static Value retype(Value *slot, Value v)
{
    v.tt = slot->tt;
    return v;
}

/* Scan one operand into the pointer [arg] (Go's scanOne). */
static void scan_one(Scan *s, int verb, Value arg)
{
    s->tok.n = 0;
    if (VKIND(arg) != VK_PTR || !arg.u.p)
        fail_str(s, goro_sprintf("type not a pointer: %s", VKIND(arg) == VK_NIL ? "<nil>" : goro_type_of(arg)->name));
    Value *slot = arg.u.p;
    Type *t = goro_type_of(*slot);
    TypeKind k = t->under->kind;
    Value v;
    if (k == TY_BOOL) {
        v = retype(slot, goro_bool(scan_bool(s, verb)));
    } else if (k >= TY_INT && k <= TY_INT64) {
        v = retype(slot, goro_int(scan_int(s, verb, int_bits(k))));
    } else if (k >= TY_UINT && k <= TY_UINTPTR) {
        Value u = goro_int(0);
        u.u.u = scan_uint(s, verb, int_bits(k));
        v = retype(slot, u);
    } else if (k == TY_FLOAT32 || k == TY_FLOAT64) {
        if (!t->named)
            ok_verb(s, verb, FLOAT_VERBS, t->name);
        double f = scan_float(s, k == TY_FLOAT32 ? 32 : 64);
        v = retype(slot, goro_float(k == TY_FLOAT32 ? (double)(float)f : f));
    } else if (k == TY_COMPLEX64 || k == TY_COMPLEX128) {
        v = scan_complex(s, verb, t);
    } else if (k == TY_STRING) {
        v = retype(slot, scan_string(s, verb));
    } else if (k == TY_SLICE && t->under->elem->kind == TY_UINT8) {
        const char *err;
        goro_type_convert(t, scan_string(s, verb), &v, &err);
    } else {
        fail_str(s, goro_sprintf("can't scan type: %s", goro_type_of(arg)->name));
    }
    s->slots[s->ndone] = slot;
    s->vals[s->ndone++] = v;
}

/* Go's doScan: every operand with %v, then for Scanln the end of line. */
static void do_scan(Scan *s, Call *c)
{
    for (int i = 0; i < c->nargs; i++)
        scan_one(s, 'v', c->args[i]);
    if (!s->nl_is_end)
        return;
    for (;;) {
        int32_t r = get_rune(s);
        if (r == '\n' || r == SCAN_EOF)
            return;
        if (!is_space(r))
            fail_str(s, "expected newline");
    }
}

/* ---------------------------------------------------------------- Scanf */

/* Match spaces in the format against the input (Go's advance, first
 * half): newlines must match newlines, other spaces any run of spaces. */
static void match_spaces(Scan *s, const char *f, size_t *i, size_t n)
{
    int newlines = 0;
    bool trailing = false;
    while (*i < n) {
        int32_t c;
        int w = goro_utf8_decode((const unsigned char *)f + *i, (int64_t)(n - *i), &c);
        if (!is_space(c))
            break;
        if (c == '\n') {
            newlines++;
            trailing = false;
        } else {
            trailing = true;
        }
        *i += (size_t)w;
    }
    for (int j = 0; j < newlines; j++) {
        int32_t in = get_rune(s);
        while (is_space(in) && in != '\n')
            in = get_rune(s);
        if (in != '\n' && in != SCAN_EOF)
            fail_str(s, "newline in format does not match input");
    }
    if (!trailing)
        return;
    int32_t in = get_rune(s);
    if (newlines == 0) {
        if (!is_space(in) && in != SCAN_EOF)
            fail_str(s, "expected space in input to match format");
        if (in == '\n')
            fail_str(s, "newline in input does not match format");
    }
    while (is_space(in) && in != '\n')
        in = get_rune(s);
    if (in != SCAN_EOF)
        unread_rune(s);
}

/* Go's advance: match the format's literal text up to the next verb.
 * Returns how much of the format it used, or -1 on a mismatch. */
static long advance(Scan *s, const char *f, size_t n)
{
    size_t i = 0;
    while (i < n) {
        int32_t c;
        int w = goro_utf8_decode((const unsigned char *)f + i, (int64_t)(n - i), &c);
        if (is_space(c)) {
            match_spaces(s, f, &i, n);
            continue;
        }
        if (c == '%') {
            if (i + 1 == n)
                fail_str(s, "missing verb: % at end of format string");
            if (f[i + 1] != '%')
                return (long)i;
            i++;
        }
        if (must_read_rune(s) != c) {
            unread_rune(s);
            return -1;
        }
        i += (size_t)w;
    }
    return (long)i;
}

static void do_scanf(Scan *s, Call *c)
{
    const char *f = c->format.u.s;
    size_t end = c->format.aux;
    for (size_t i = 0; i < end;) {
        long w = advance(s, f + i, end - i);
        if (w > 0) {
            i += (size_t)w;
            continue;
        }
        if (f[i] != '%') {
            if (w < 0)
                fail_str(s, "input does not match format");
            break;
        }
        i++;
        int wid = 0;
        bool wid_set = false;
        for (; i + 1 < end && f[i] >= '0' && f[i] <= '9' && wid < 1000000; i++, wid_set = true)
            wid = wid * 10 + (f[i] - '0');
        s->max_wid = wid_set ? wid : HUGE_WID;
        int32_t verb;
        size_t vstart = i;
        i += (size_t)goro_utf8_decode((const unsigned char *)f + i, (int64_t)(end - i), &verb);
        if (verb != 'c')
            skip_space(s);
        if (verb == '%') {
            not_eof(s);
            if (!accept(s, "%"))
                fail_str(s, "missing literal %");
            continue;
        }
        s->arg_limit = s->max_wid < HUGE_WID - s->count ? s->count + s->max_wid : HUGE_WID;
        if (s->ndone >= c->nargs)
            fail_str(s, goro_sprintf("too few operands for format '%%%.*s'", (int)(end - vstart), f + vstart));
        scan_one(s, verb, c->args[s->ndone]);
        s->arg_limit = HUGE_WID;
    }
    if (s->ndone < c->nargs)
        fail_str(s, "too many operands");
}

/* ------------------------------------------------------------------ runs */

static void scan_init(Scan *s, G *g, Call *c)
{
    memset(s, 0, sizeof *s);
    s->g = g;
    s->nl_is_space = c->mode == MODE_SCAN;
    s->nl_is_end = c->mode == MODE_LN;
    s->count = 0;
    s->arg_limit = s->max_wid = HUGE_WID;
    s->err = goro_nil();
    s->slots = goro_alloc(sizeof(Value *) * (size_t)(c->nargs + 1));
    s->vals = goro_alloc(sizeof(Value) * (size_t)(c->nargs + 1));
}

/* Run [c] on [s]'s input.  False when it needed input it may not wait
 * for; otherwise the operands scanned are stored and (n, err) set. */
static bool run(Scan *s, Call *c, Value *res)
{
    int code = setjmp(s->fail);
    if (code == SCAN_PANICKED)
        return false;
    if (code == 0) {
        if (c->mode == MODE_F)
            do_scanf(s, c);
        else
            do_scan(s, c);
    }
    for (int i = 0; i < s->ndone; i++)
        *s->slots[i] = s->vals[i];
    res[0] = goro_int(s->ndone);
    res[1] = s->err;
    return true;
}

static bool run_stdin(G *g, Call *c, Value *res)
{
    Scan s;
    scan_init(&s, g, c);
    stdin_begin(&s);
    bool done = run(&s, c, res);
    if (done)
        stdin_end(&s);
    return done;
}

/* ------------------------------------------------- scans of standard input */

/* One stdin scan at a time; the others park here (not on the buffer's
 * mutex, which the scanning goroutine holds across its blocking reads:
 * a goroutine waiting on a mutex would hold its P, and the reader,
 * back from its system call, could wait for that P for ever). */
static Sema stdin_turn = {.count = 1};

/* A scan of stdin: wait for our turn (parked), then scan with blocking
 * reads, each a system call. */
static int scan_stdin(G *g, Call *c, Value *res)
{
    bool nested = goro_vm_cannot_park(g);
    if (!nested && goro_sema_acquire(g, &stdin_turn, "IO wait") == SEMA_PARKED)
        return GORO_NATIVE_RETRY;
    pthread_mutex_lock(&stdin_buf.lock);
    run_stdin(g, c, res);
    pthread_mutex_unlock(&stdin_buf.lock);
    if (!nested)
        goro_sema_release(&stdin_turn);
    return 2;
}

static int run_string(G *g, Value str, Call *c, Value *res)
{
    Scan s;
    scan_init(&s, g, c);
    s.data = str.u.s;
    s.end = str.aux;
    run(&s, c, res);
    return 2;
}

/* ---------------------------------------------------------------- natives */

/* Split a native's arguments: [nfixed] leading ones (the string or
 * reader, the format), then the operands. */
static bool split(G *g, Value *args, int nargs, int nfixed, Mode mode, const char *fn, Call *c)
{
    if (nargs < nfixed) {
        goro_runtime_error(g, "not enough arguments in call to fmt.%s", fn);
        return false;
    }
    c->mode = mode;
    c->format = mode == MODE_F ? args[nfixed - 1] : goro_nil();
    if (mode == MODE_F && VKIND(c->format) != VK_STRING) {
        goro_runtime_error(g, "fmt.%s: format must be a string", fn);
        return false;
    }
    c->args = args + nfixed;
    c->nargs = nargs - nfixed;
    return true;
}

/* Fscan of a reader other than os.Stdin: through its methods, giving
 * back the rune read last if it can take it (UnreadRune). */
static int run_reader(G *g, Value r, Call *c, Value *res)
{
    Scan s;
    scan_init(&s, g, c);
    s.reader = r;
    s.rune_scanner = goro_fmt_has_method(r, "ReadRune") && goro_fmt_has_method(r, "UnreadRune");
    /* the scan cannot stop half-way: what it calls runs nested, unparked */
    g->nested++;
    bool ok = run(&s, c, res);
    Value ignored;
    if (ok && s.rune_scanner && s.unread_last &&
        goro_fmt_call_method(g, r, "UnreadRune", NULL, 0, &ignored, 1) == -1)
        ok = false;
    g->nested--;
    return ok ? 2 : GORO_NATIVE_PANIC;
}

static bool is_stdin(Value r)
{
    Package *os = goro_pkg_find("os");
    PkgMember *m = os ? goro_pkg_member(os, goro_intern_cstr("Stdin")) : NULL;
    if (VKIND(r) == VK_PTR && r.u.p)
        r = *(Value *)r.u.p;
    return m && m->box && VKIND(r) == VK_OBJ && r.u.p == m->box->v.u.p;
}

static int scan_from_stdin(G *g, Value *args, int nargs, Value *res, Mode mode, const char *fn)
{
    Call c;
    if (!split(g, args, nargs, mode == MODE_F ? 1 : 0, mode, fn, &c))
        return GORO_NATIVE_PANIC;
    return scan_stdin(g, &c, res);
}

static int scan_from_string(G *g, Value *args, int nargs, Value *res, Mode mode, const char *fn)
{
    Call c;
    if (!split(g, args, nargs, mode == MODE_F ? 2 : 1, mode, fn, &c))
        return GORO_NATIVE_PANIC;
    if (VKIND(args[0]) != VK_STRING)
        return goro_runtime_error(g, "fmt.%s: argument 1 must be a string", fn);
    return run_string(g, args[0], &c, res);
}

static int scan_from_reader(G *g, Value *args, int nargs, Value *res, Mode mode, const char *fn)
{
    Call c;
    if (!split(g, args, nargs, mode == MODE_F ? 2 : 1, mode, fn, &c))
        return GORO_NATIVE_PANIC;
    if (is_stdin(args[0]))
        return scan_stdin(g, &c, res);
    if (goro_value_is_nil(args[0]))
        return goro_nil_deref(g);
    return run_reader(g, args[0], &c, res);
}

static int f_scan(G *g, Value *a, int n, Value *r) { return scan_from_stdin(g, a, n, r, MODE_SCAN, "Scan"); }
static int f_scanln(G *g, Value *a, int n, Value *r) { return scan_from_stdin(g, a, n, r, MODE_LN, "Scanln"); }
static int f_scanf(G *g, Value *a, int n, Value *r) { return scan_from_stdin(g, a, n, r, MODE_F, "Scanf"); }
static int f_sscan(G *g, Value *a, int n, Value *r) { return scan_from_string(g, a, n, r, MODE_SCAN, "Sscan"); }
static int f_sscanln(G *g, Value *a, int n, Value *r) { return scan_from_string(g, a, n, r, MODE_LN, "Sscanln"); }
static int f_sscanf(G *g, Value *a, int n, Value *r) { return scan_from_string(g, a, n, r, MODE_F, "Sscanf"); }
static int f_fscan(G *g, Value *a, int n, Value *r) { return scan_from_reader(g, a, n, r, MODE_SCAN, "Fscan"); }
static int f_fscanln(G *g, Value *a, int n, Value *r) { return scan_from_reader(g, a, n, r, MODE_LN, "Fscanln"); }
static int f_fscanf(G *g, Value *a, int n, Value *r) { return scan_from_reader(g, a, n, r, MODE_F, "Fscanf"); }

void goro_fmt_scan_init(Package *p)
{
    goro_pkg_func(p, "Scan", f_scan);
    goro_pkg_func(p, "Scanln", f_scanln);
    goro_pkg_func(p, "Scanf", f_scanf);
    goro_pkg_func(p, "Sscan", f_sscan);
    goro_pkg_func(p, "Sscanln", f_sscanln);
    goro_pkg_func(p, "Sscanf", f_sscanf);
    goro_pkg_func(p, "Fscan", f_fscan);
    goro_pkg_func(p, "Fscanln", f_fscanln);
    goro_pkg_func(p, "Fscanf", f_fscanf);
}
