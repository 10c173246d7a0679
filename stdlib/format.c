/* format.c: fmt's formatting engine, after Go's fmt/print.go and
 * fmt/format.go: the same verbs, flags, width and precision rules, the
 * same %!verb(type=value) error forms, Error()/String() methods called
 * for %v %s %q %x %X, maps printed with sorted keys. */
#include "format.h"
#include "format_state.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "errors_obj.h"
#include "pkg.h"
#include "utf8.h"
#include "vm.h"

/* ------------------------------------------------------------------- Buf */

void goro_buf_put(Buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t c = b->cap ? b->cap * 2 : 64;
        while (c < b->n + n + 1)
            c *= 2;
        char *ns = goro_alloc_atomic(c);
        if (b->n)
            memcpy(ns, b->s, b->n);
        b->s = ns;
        b->cap = c;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}

void goro_buf_putc(Buf *b, char c) { goro_buf_put(b, &c, 1); }
void goro_buf_puts(Buf *b, const char *s) { goro_buf_put(b, s, strlen(s)); }

Value goro_buf_string(Buf *b)
{
    return goro_str_nocopy(b->n ? b->s : "", (int64_t)b->n);
}

/* ---------------------------------------------------------------- state */

typedef struct Fmt {
    G *g;
    Buf *b;
    bool minus, plus, sharp, space, zero;
    bool plusV, sharpV;    /* %+v, %#v */
    bool wid_set, prec_set;
    int wid, prec;
    int last_wid, last_prec;   /* as Go's fmt keeps them after a directive (State.Width) */
    int panicked;          /* a method panicked and the panic must propagate */
    int *wrapped;          /* Errorf: argument indexes of the %w operands */
    int nwrapped, maxwrapped;
} Fmt;

static void print_value(Fmt *f, Value v, int verb, int depth);

static void clear_flags(Fmt *f)
{
    f->minus = f->plus = f->sharp = f->space = f->zero = false;
    f->plusV = f->sharpV = false;
    if (f->wid_set)
        f->last_wid = f->wid;
    if (f->prec_set)
        f->last_prec = f->prec;
    f->wid_set = f->prec_set = false;
    f->wid = f->prec = 0;
}

static void write_padding(Fmt *f, int n)
{
    if (n <= 0)
        return;
    char c = (f->zero && !f->minus) ? '0' : ' ';
    for (int i = 0; i < n; i++)
        goro_buf_putc(f->b, c);
}

/* Write s padded to the width, counting runes. */
static void pad(Fmt *f, const char *s, size_t n)
{
    if (!f->wid_set || f->wid == 0) {
        goro_buf_put(f->b, s, n);
        return;
    }
    int width = (int)goro_utf8_count((const unsigned char *)s, (int64_t)n);
    int padn = f->wid - width;
    if (!f->minus) {
        write_padding(f, padn);
        goro_buf_put(f->b, s, n);
    } else {
        goro_buf_put(f->b, s, n);
        bool z = f->zero;
        f->zero = false;
        write_padding(f, padn);
        f->zero = z;
    }
}

static void padz(Fmt *f, const char *s) { pad(f, s, strlen(s)); }

static const char *type_name(Value v)
{
    if (VKIND(v) == VK_NIL)
        return "<nil>";
    return goro_type_of(v)->name;
}

static void bad_verb(Fmt *f, Value v, int verb)
{
    char vb[8];
    int n = goro_utf8_encode(verb, vb);
    goro_buf_puts(f->b, "%!");
    goro_buf_put(f->b, vb, (size_t)n);
    goro_buf_putc(f->b, '(');
    if (VKIND(v) == VK_NIL) {
        goro_buf_puts(f->b, "<nil>");
    } else {
        goro_buf_puts(f->b, type_name(v));
        goro_buf_putc(f->b, '=');
        /* with the directive's flags, and no String/Error methods (Go's erroring) */
        Fmt sub = *f;
        sub.g = NULL;
        print_value(&sub, v, 'v', 0);
        f->panicked |= sub.panicked;
    }
    goro_buf_putc(f->b, ')');
}

/* ------------------------------------------------------------- integers */

static bool is_unsigned(Value v)
{
    return VTYPEID(v) && goro_type_is_unsigned(goro_type_of(v));
}

static void fmt_integer(Fmt *f, uint64_t u, int base, bool is_signed, int verb, bool upper)
{
    char buf[200];
    bool negative = is_signed && (int64_t)u < 0;
    if (negative)
        u = 0 - u;
    int prec = 0;
    bool oldzero = f->zero;
    if (f->prec_set) {
        prec = f->prec;
        if (prec > 150)
            prec = 150;
        if (prec == 0 && u == 0) {
            f->zero = false;
            write_padding(f, f->wid);
            f->zero = oldzero;
            return;
        }
    } else if (f->zero && f->wid_set && !f->minus) {
        prec = f->wid > 150 ? 150 : f->wid;
        if (negative || f->plus || f->space)
            prec--;
    }
    int i = (int)sizeof buf;
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    do {
        buf[--i] = digits[u % (uint64_t)base];
        u /= (uint64_t)base;
    } while (u);
    while (i > 0 && (int)sizeof buf - i < prec)
        buf[--i] = '0';
    if (f->sharp) {
        switch (base) {
        case 2: buf[--i] = 'b'; buf[--i] = '0'; break;
        case 8: if (buf[i] != '0') buf[--i] = '0'; break;
        case 16: buf[--i] = upper ? 'X' : 'x'; buf[--i] = '0'; break;
        }
    }
    if (verb == 'O') {
        buf[--i] = 'o';
        buf[--i] = '0';
    }
    if (negative)
        buf[--i] = '-';
    else if (f->plus)
        buf[--i] = '+';
    else if (f->space)
        buf[--i] = ' ';
    f->zero = false;
    pad(f, buf + i, sizeof buf - (size_t)i);
    f->zero = oldzero;
}

static void fmt_char(Fmt *f, uint64_t r)
{
    char buf[4];
    if (r > 0x10FFFF)
        r = GORO_RUNE_ERROR;
    int n = goro_utf8_encode((int32_t)r, buf);
    pad(f, buf, (size_t)n);
}

static bool is_print(int32_t r) { return goro_unicode_is_print(r); }

static void quote_rune_into(Buf *b, int32_t r, char q, bool ascii)
{
    char tmp[16];
    if (r == q || r == '\\') {
        goro_buf_putc(b, '\\');
        goro_buf_putc(b, (char)r);
        return;
    }
    if (ascii ? (r < 0x7f && is_print(r)) : is_print(r)) {
        int n = goro_utf8_encode(r, tmp);
        goro_buf_put(b, tmp, (size_t)n);
        return;
    }
    switch (r) {
    case 7: goro_buf_puts(b, "\\a"); return;
    case 8: goro_buf_puts(b, "\\b"); return;
    case 12: goro_buf_puts(b, "\\f"); return;
    case 10: goro_buf_puts(b, "\\n"); return;
    case 13: goro_buf_puts(b, "\\r"); return;
    case 9: goro_buf_puts(b, "\\t"); return;
    case 11: goro_buf_puts(b, "\\v"); return;
    }
    if (r < ' ' || r == 0x7f)
        snprintf(tmp, sizeof tmp, "\\x%02x", r);
    else if (r < 0x10000)
        snprintf(tmp, sizeof tmp, "\\u%04x", r);
    else
        snprintf(tmp, sizeof tmp, "\\U%08x", r);
    goro_buf_puts(b, tmp);
}

void goro_fmt_quote(Buf *b, const char *s, size_t n, bool ascii)
{
    goro_buf_putc(b, '"');
    for (size_t i = 0; i < n;) {
        int32_t r;
        int w = goro_utf8_decode((const unsigned char *)s + i, (int64_t)(n - i), &r);
        if (r == GORO_RUNE_ERROR && w == 1) {
            char tmp[8];
            snprintf(tmp, sizeof tmp, "\\x%02x", (unsigned char)s[i]);
            goro_buf_puts(b, tmp);
            i++;
            continue;
        }
        quote_rune_into(b, r, '"', ascii);
        i += (size_t)w;
    }
    goro_buf_putc(b, '"');
}

static void fmt_qc(Fmt *f, uint64_t r)
{
    Buf tmp = {0};
    if (r > 0x10FFFF)
        r = GORO_RUNE_ERROR;
    goro_buf_putc(&tmp, '\'');
    quote_rune_into(&tmp, (int32_t)r, '\'', f->plus);
    goro_buf_putc(&tmp, '\'');
    pad(f, tmp.s, tmp.n);
}

static void fmt_unicode(Fmt *f, uint64_t u)
{
    char buf[64];
    int n = snprintf(buf, sizeof buf, "U+%04llX", (unsigned long long)u);
    if (f->sharp && u <= 0x10FFFF && is_print((int32_t)u)) {
        buf[n++] = ' ';
        buf[n++] = '\'';
        n += goro_utf8_encode((int32_t)u, buf + n);
        buf[n++] = '\'';
    }
    bool z = f->zero;
    f->zero = false;
    pad(f, buf, (size_t)n);
    f->zero = z;
}

static void print_int(Fmt *f, Value v, int verb)
{
    bool sgn = !is_unsigned(v);
    uint64_t u = v.u.u;
    switch (verb) {
    case 'v':
        if (f->sharpV && !sgn) {
            bool s = f->sharp;
            f->sharp = true;
            fmt_integer(f, u, 16, false, verb, false);
            f->sharp = s;
        } else {
            fmt_integer(f, u, 10, sgn, verb, false);
        }
        break;
    case 'd': fmt_integer(f, u, 10, sgn, verb, false); break;
    case 'b': fmt_integer(f, u, 2, sgn, verb, false); break;
    case 'o': case 'O': fmt_integer(f, u, 8, sgn, verb, false); break;
    case 'x': fmt_integer(f, u, 16, sgn, verb, false); break;
    case 'X': fmt_integer(f, u, 16, sgn, verb, true); break;
    case 'c': fmt_char(f, u); break;
    case 'q': fmt_qc(f, u); break;
    case 'U': fmt_unicode(f, u); break;
    default: bad_verb(f, v, verb); break;
    }
}

/* --------------------------------------------------------------- floats */

int goro_fmt_strconv(G *g, const char *name, Value *args, int nargs, Value *res)
{
    PkgMember *m = goro_pkg_member(goro_pkg_find("strconv"), goro_intern_cstr(name));
    if (!m)
        goro_fatal("fmt: strconv.%s is not registered", name);
    res[0] = res[1] = goro_nil();
    return ((Native *)m->value.u.p)->fn(g, args, nargs, res);
}

static Value strconv_call(G *g, const char *name, Value *args, int nargs)
{
    Value res[2];
    goro_fmt_strconv(g, name, args, nargs, res);
    return res[0];
}

/* strconv.FormatFloat(x, fmt, prec, bits) */
static Value format_float(G *g, double x, int bits, int fmt, int prec)
{
    Value args[4] = {goro_float(x), goro_int(fmt), goro_int(prec), goro_int(bits)};
    return strconv_call(g, "FormatFloat", args, 4);
}

void goro_fmt_float_shortest(Buf *b, double x, int bits, char fmt)
{
    Value s = format_float(NULL, x, bits, fmt, -1);
    goro_buf_put(b, s.u.s, s.aux);
}

static bool can_backquote(Fmt *f, const char *s, size_t n)
{
    Value arg = goro_str_nocopy(s, (int64_t)n);
    return strconv_call(f->g, "CanBackquote", &arg, 1).u.i != 0;
}

/* %#g and friends keep a decimal point and restore trailing zeros up to
 * the precision (Go's fmtFloat); [num] starts with its sign. */
static void sharp_float(Buf *num, int verb, int prec)
{
    int digits = 0;
    if (verb == 'v' || verb == 'g' || verb == 'G' || verb == 'x')
        digits = prec == -1 ? 6 : prec;
    Buf tail = {0};
    bool dot = false, nonzero = false;
    for (size_t i = 1; i < num->n; i++) {
        char c = num->s[i];
        bool exp = c == 'p' || c == 'P' || ((c == 'e' || c == 'E') && verb != 'x' && verb != 'X');
        if (exp) {
            goro_buf_put(&tail, num->s + i, num->n - i);
            num->n = i;
            break;
        }
        if (c == '.') {
            dot = true;
            continue;
        }
        nonzero |= c != '0';
        if (nonzero)
            digits--;
    }
    if (!dot) {
        if (num->n == 2 && num->s[1] == '0')
            digits--;   /* a lone leading 0 counts once */
        goro_buf_putc(num, '.');
    }
    for (; digits > 0; digits--)
        goro_buf_putc(num, '0');
    goro_buf_put(num, tail.s ? tail.s : "", tail.n);
}

/* Go's fmt.fmtFloat: strconv.AppendFloat(x, verb, prec, bits), then the
 * sign flags, %# digits and padding (zeros after the sign, never for
 * Inf and NaN). */
static void fmt_float(Fmt *f, double x, int bits, int verb, int prec)
{
    if (f->prec_set)
        prec = f->prec;
    Value s = format_float(f->g, x, bits, verb, prec);
    Buf num = {0};
    if (s.u.s[0] != '-' && s.u.s[0] != '+')
        goro_buf_putc(&num, '+');
    goro_buf_put(&num, s.u.s, s.aux);
    if (f->space && num.s[0] == '+' && !f->plus)
        num.s[0] = ' ';
    if (num.s[1] == 'I' || num.s[1] == 'N') {
        bool z = f->zero;
        f->zero = false;
        bool bare = num.s[1] == 'N' && !f->space && !f->plus;
        pad(f, num.s + bare, num.n - bare);
        f->zero = z;
        return;
    }
    if (f->sharp && verb != 'b')
        sharp_float(&num, verb, prec);
    if (!f->plus && num.s[0] == '+') {
        pad(f, num.s + 1, num.n - 1);
        return;
    }
    if (f->zero && f->wid_set && f->wid > (int)num.n) {
        /* the sign goes before the zeros */
        goro_buf_putc(f->b, num.s[0]);
        write_padding(f, f->wid - (int)num.n);
        goro_buf_put(f->b, num.s + 1, num.n - 1);
        return;
    }
    pad(f, num.s, num.n);
}

static void print_float(Fmt *f, Value v, int verb)
{
    unsigned id = VTYPEID(v);
    int bits = id && goro_type_table[id]->kind == TY_FLOAT32 ? 32 : 64;
    double x = v.u.f;
    switch (verb) {
    case 'v': fmt_float(f, x, bits, 'g', -1); break;
    case 'b': case 'g': case 'G': case 'x': case 'X': fmt_float(f, x, bits, verb, -1); break;
    case 'f': case 'e': case 'E': fmt_float(f, x, bits, verb, 6); break;
    case 'F': fmt_float(f, x, bits, 'f', 6); break;
    default: bad_verb(f, v, verb); break;
    }
}

/* Go's fmtComplex: (re+imi), each part formatted as a float with the
 * width and precision applied to it, the imaginary part always signed. */
static void print_complex(Fmt *f, Value v, int verb)
{
    switch (verb) {
    case 'v': case 'b': case 'g': case 'G': case 'x': case 'X': case 'f': case 'F': case 'e':
    case 'E': {
        int bits = goro_type_of(v)->under->kind == TY_COMPLEX64 ? 32 : 64;
        Value re = goro_float(goro_creal(v)), im = goro_float(goro_cimag(v));
        if (bits == 32) {
            re = goro_typed(re, goro_t_float32);
            im = goro_typed(im, goro_t_float32);
        }
        bool plus = f->plus;
        goro_buf_putc(f->b, '(');
        print_float(f, re, verb);
        f->plus = true;
        print_float(f, im, verb);
        goro_buf_puts(f->b, "i)");
        f->plus = plus;
        return;
    }
    default:
        bad_verb(f, v, verb);
        return;
    }
}

/* -------------------------------------------------------------- strings */

static void fmt_sbx(Fmt *f, const unsigned char *s, size_t n, bool upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    Buf t = {0};
    size_t len = n;
    if (f->prec_set && (size_t)f->prec < len)
        len = (size_t)f->prec;
    for (size_t i = 0; i < len; i++) {
        if (f->space && i > 0)
            goro_buf_putc(&t, ' ');
        if (f->sharp && (f->space || i == 0)) {
            goro_buf_putc(&t, '0');
            goro_buf_putc(&t, upper ? 'X' : 'x');
        }
        goro_buf_putc(&t, digits[s[i] >> 4]);
        goro_buf_putc(&t, digits[s[i] & 15]);
    }
    pad(f, t.s ? t.s : "", t.n);
}

/* The length of the first [f->prec] runes of s (all of s without a
 * precision): Go's truncateString. */
static size_t truncated(Fmt *f, const char *s, size_t n)
{
    if (!f->prec_set)
        return n;
    size_t i = 0;
    for (int r = 0; i < n && r < f->prec; r++) {
        int32_t c;
        i += (size_t)goro_utf8_decode((const unsigned char *)s + i, (int64_t)(n - i), &c);
    }
    return i;
}

/* %q: back-quoted with %# when strconv.CanBackquote allows, else
 * double-quoted (ASCII-only with %+). */
static void fmt_q(Fmt *f, const char *s, size_t n)
{
    Buf t = {0};
    n = truncated(f, s, n);
    if (f->sharp && can_backquote(f, s, n)) {
        goro_buf_putc(&t, '`');
        goro_buf_put(&t, s, n);
        goro_buf_putc(&t, '`');
    } else {
        goro_fmt_quote(&t, s, n, f->plus);
    }
    pad(f, t.s, t.n);
}

static void fmt_string(Fmt *f, const char *s, size_t n, int verb, Value orig)
{
    switch (verb) {
    case 'v':
        if (f->sharpV) {
            fmt_q(f, s, n);
            return;
        }
        /* fall through */
    case 's':
        pad(f, s, truncated(f, s, n));
        return;
    case 'q':
        fmt_q(f, s, n);
        return;
    case 'x': case 'X':
        fmt_sbx(f, (const unsigned char *)s, n, verb == 'X');
        return;
    default:
        bad_verb(f, orig, verb);
        return;
    }
}

/* -------------------------------------------------------------- methods */

/* Take a panic raised by a method called while formatting: returns its
 * message for the %!v(PANIC=...) form. */
static char *take_panic(G *g)
{
    if (g->has_pending_panic) {
        g->has_pending_panic = false;
        return goro_panic_message(g, g->pending_panic);
    }
    Panic *p = g->panic;
    if (!p)
        return "?";
    g->panic = p->link;
    return goro_panic_message(g, p->value);
}

Method *goro_fmt_lookup_method(Value v, const char *name)
{
    Type *t = goro_type_of(v);
    Method *m = goro_type_find_method(t, name);
    if (!m && VKIND(v) == VK_PTR && t->elem)
        m = goro_type_find_method(t->elem, name);
    return m;
}

static Method *lookup(Value v, const char *name) { return goro_fmt_lookup_method(v, name); }

bool goro_fmt_has_method(Value v, const char *name) { return lookup(v, goro_intern_cstr(name)); }

static int call_method(G *g, Value recv, const char *name, Value *args, int nargs, Value *res,
                       int nres, bool parkable)
{
    name = goro_intern_cstr(name);
    Method *m = lookup(recv, name);
    if (!m && !goro_value_is_nil(recv))
        m = goro_fmt_promoted(recv, name, &recv);   /* from an embedded field */
    if (!m)
        return -2;
    Value a[8];
    a[0] = recv;
    if (VKIND(recv) == VK_PTR && m->ptr_recv && VKIND(m->fn) == VK_FUNC)
        a[0].aux = 0;                /* a pointer method gets the pointer */
    else if (VKIND(recv) == VK_PTR && recv.u.p && !goro_type_find_method(goro_type_of(recv), m->name)) {
        a[0] = *(Value *)recv.u.p;   /* a method of the pointee: it gets the object */
        if (VKIND(m->fn) == VK_FUNC)
            a[0] = goro_value_copy(a[0]);
    }
    if (nargs)
        memcpy(a + 1, args, sizeof(Value) * (size_t)nargs);
    if (parkable) {
        int n = goro_native_call(g, m->fn, a, nargs + 1, res, nres);
        return n == GORO_NATIVE_PANIC ? -1 : n;
    }
    return goro_vm_call(g, m->fn, a, nargs + 1, res, nres);
}

int goro_fmt_call_method(G *g, Value recv, const char *name, Value *args, int nargs, Value *res,
                         int nres)
{
    return call_method(g, recv, name, args, nargs, res, nres, false);
}

int goro_fmt_call_method_parkable(G *g, Value recv, const char *name, Value *args, int nargs,
                                  Value *res, int nres)
{
    return call_method(g, recv, name, args, nargs, res, nres, true);
}

/* Method [name] promoted to struct [v] (or *v) from an embedded field,
 * with the receiver it takes in [*self]: a pointer method of an
 * embedded value only when the outer value is reached through a pointer
 * (Go's method sets). */
static Method *promoted(Value v, const char *name, Value *self, int depth);

Method *goro_fmt_promoted(Value v, const char *name, Value *self)
{
    return promoted(v, name, self, 0);
}

static Method *promoted(Value v, const char *name, Value *self, int depth)
{
    bool ptr = false;
    if (VKIND(v) == VK_PTR) {
        if (!v.u.p)
            return NULL;
        v = *(Value *)v.u.p;
        ptr = true;
    }
    if (VKIND(v) != VK_STRUCT || depth > 8)
        return NULL;
    Struct *st = v.u.p;
    Type *t = st->type->under;
    for (int j = 0; j < t->nfields && j < st->n; j++) {
        if (!t->fembedded || !t->fembedded[j])
            continue;
        Value f = st->f[j];
        Method *m = VKIND(f) == VK_NIL ? NULL : lookup(f, name);
        if (m) {
            bool wants_ptr = m->ptr_recv && VKIND(m->fn) == VK_FUNC;
            if (VKIND(f) == VK_PTR)
                *self = f;
            else if (wants_ptr && !ptr)
                continue;
            else if (wants_ptr)
                *self = goro_ptrval(TT(VK_PTR, goro_type_ptr(goro_type_of(f))->id), &st->f[j]);
            else
                *self = f;
            return m;
        }
        if (VKIND(f) == VK_STRUCT || VKIND(f) == VK_PTR) {
            Value inner = f;
            if (VKIND(f) == VK_STRUCT && ptr)
                inner = goro_ptrval(TT(VK_PTR, goro_type_ptr(goro_type_of(f))->id), &st->f[j]);
            m = promoted(inner, name, self, depth + 1);
            if (m)
                return m;
        }
    }
    return NULL;
}

/* The method [name] (interned) of [v] as fmt calls it, direct or
 * promoted from an embedded field, with the receiver it takes in *self.
 * NULL when it is not in v's method set (a pointer method of a plain
 * value).  *nilrecv: v is a nil pointer and the method wants the value,
 * which Go reports as <nil>. */
static Method *method_of(Value v, const char *name, Value *self, bool *nilrecv)
{
    *nilrecv = false;
    Method *m = lookup(v, name);
    if (!m && VKIND(v) != VK_OBJ) {
        Value inner;
        m = promoted(v, name, &inner, 0);
        if (m)
            v = inner;
    }
    if (!m)
        return NULL;
    bool goro_fn = VKIND(m->fn) == VK_FUNC;
    if (m->ptr_recv && goro_fn && VKIND(v) != VK_PTR)
        return NULL;
    bool wants_ptr = VKIND(v) == VK_PTR && m->ptr_recv && goro_fn;
    if (VKIND(v) == VK_PTR && !v.u.p && !wants_ptr) {
        *nilrecv = true;
        return m;
    }
    *self = v;
    if (wants_ptr) {
        self->aux = 0;
    } else if (VKIND(v) == VK_PTR && !goro_type_find_method(goro_type_of(v), name) && v.u.p) {
        Value target = *(Value *)v.u.p;
        *self = m->ptr_recv ? target : goro_value_copy(target);
    }
    return m;
}

/* A method called while formatting panicked: Go prints <nil> for a nil
 * pointer receiver, else %!verb(PANIC=Which method: message). */
static void method_panicked(Fmt *f, Value v, int verb, const char *which)
{
    char *msg = take_panic(f->g);
    if (VKIND(v) == VK_PTR && !v.u.p) {
        padz(f, "<nil>");
        return;
    }
    goro_buf_puts(f->b, goro_sprintf("%%!%c(PANIC=%s method: %s)", verb, which, msg));
}

/* A Format method of Formatter's signature, Format(State, rune): a goro
 * method taking two parameters and returning nothing (time.Time's
 * Format(layout) string is not one). */
static bool is_formatter(Method *m)
{
    if (VKIND(m->fn) != VK_FUNC || !m->fn.u.p)
        return false;
    Proto *p = ((Closure *)m->fn.u.p)->proto;
    return p->nparams == 3 && !p->variadic && p->nresults == 0;
}

/* x.Format(state, verb): the method writes the text itself. */
static void call_format(Fmt *f, Method *m, Value self, Value v, int verb)
{
    FmtState *st = goro_fmt_state_new(f->b);
    /* Go reports a width or precision left from an earlier directive of
     * the same call, with ok false */
    st->wid = f->wid_set ? f->wid : f->last_wid, st->wid_set = f->wid_set;
    st->prec = f->prec_set ? f->prec : f->last_prec, st->prec_set = f->prec_set;
    int k = 0;
    if (f->minus)
        st->flags[k++] = '-';
    if (f->plus || f->plusV)
        st->flags[k++] = '+';
    if (f->sharp || f->sharpV)
        st->flags[k++] = '#';
    if (f->space)
        st->flags[k++] = ' ';
    if (f->zero)
        st->flags[k++] = '0';
    Value a[3] = {self, goro_obj_value(&st->obj), goro_rune(verb)};
    Value res;
    int n = goro_vm_call(f->g, m->fn, a, 3, &res, 0);
    st->b = NULL;
    if (n < 0)
        method_panicked(f, v, verb, "Format");
}

/* Formatter for every verb; GoStringer for %#v; Error() or String() for
 * the verbs that use them (Go's handleMethods).  True when it printed. */
static bool handle_methods(Fmt *f, Value v, int verb)
{
    if (VKIND(v) == VK_NIL)
        return false;
    static const char *err_name, *str_name, *format_name, *gostring_name;
    if (!err_name) {
        err_name = goro_intern_cstr("Error");
        str_name = goro_intern_cstr("String");
        format_name = goro_intern_cstr("Format");
        gostring_name = goro_intern_cstr("GoString");
    }
    Value self;
    bool nilrecv;
    Method *m = method_of(v, format_name, &self, &nilrecv);
    if (m && is_formatter(m)) {
        if (nilrecv)
            padz(f, "<nil>");
        else
            call_format(f, m, self, v, verb);
        return true;
    }
    const char *which;
    if (f->sharpV) {
        which = gostring_name;
        m = method_of(v, which, &self, &nilrecv);
    } else {
        if (!(verb == 'v' || verb == 's' || verb == 'x' || verb == 'X' || verb == 'q'))
            return false;
        which = err_name;
        m = method_of(v, which, &self, &nilrecv);
        if (!m) {
            which = str_name;
            m = method_of(v, which, &self, &nilrecv);
        }
    }
    if (!m)
        return false;
    if (nilrecv) {
        padz(f, "<nil>");
        return true;
    }
    Value res;
    int n = goro_vm_call(f->g, m->fn, &self, 1, &res, 1);
    if (n < 0) {
        method_panicked(f, v, verb, which);
        return true;
    }
    if (n < 1 || VKIND(res) != VK_STRING) {
        padz(f, "?");
        return true;
    }
    fmt_string(f, res.u.s, res.aux, which == gostring_name ? 's' : verb, res);
    return true;
}

/* ------------------------------------------------------------ composites */

static bool is_byte_type(Type *t)
{
    return t && (t->kind == TY_UINT8);
}

static void fmt_pointer(Fmt *f, Value v, int verb)
{
    uintptr_t u = (uintptr_t)v.u.p;
    if (VKIND(v) == VK_SLICE && v.u.p)
        u = (uintptr_t)goro_slice_data(v);
    switch (verb) {
    case 'v':
        if (f->sharpV) {
            goro_buf_putc(f->b, '(');
            goro_buf_puts(f->b, type_name(v));
            goro_buf_puts(f->b, ")(");
            if (u == 0)
                goro_buf_puts(f->b, "nil");
            else
                fmt_integer(f, u, 16, false, 'v', false);
            goro_buf_putc(f->b, ')');
            return;
        }
        if (u == 0) {
            padz(f, "<nil>");
            return;
        }
        {
            bool s = f->sharp;
            f->sharp = true;
            fmt_integer(f, u, 16, false, 'v', false);
            f->sharp = s;
        }
        return;
    case 'p': {
        bool s = f->sharp;
        f->sharp = !s;
        fmt_integer(f, u, 16, false, 'v', false);
        f->sharp = s;
        return;
    }
    case 'b': case 'o': case 'd': case 'x': case 'X':
        fmt_integer(f, u, verb == 'b' ? 2 : verb == 'o' ? 8 : verb == 'd' ? 10 : 16, false, verb,
                    verb == 'X');
        return;
    default:
        bad_verb(f, v, verb);
    }
}

static int key_cmp(const void *a, const void *b)
{
    const Value *x = a, *y = b;
    unsigned kx = VKIND(*x), ky = VKIND(*y);
    if (kx != ky)
        return kx < ky ? -1 : 1;
    switch (kx) {
    case VK_INT:
        if (is_unsigned(*x))
            return x->u.u < y->u.u ? -1 : x->u.u > y->u.u;
        return x->u.i < y->u.i ? -1 : x->u.i > y->u.i;
    case VK_BOOL:
        return (int)x->u.i - (int)y->u.i;
    case VK_FLOAT:
        if (isnan(x->u.f))
            return isnan(y->u.f) ? 0 : -1;
        if (isnan(y->u.f))
            return 1;
        return x->u.f < y->u.f ? -1 : x->u.f > y->u.f;
    case VK_STRING:
        return goro_str_compare(*x, *y);
    case VK_COMPLEX: {
        /* Go's fmtsort: by real part, then imaginary, NaN first */
        Value p = goro_float(goro_creal(*x)), q = goro_float(goro_creal(*y));
        int c = key_cmp(&p, &q);
        if (c)
            return c;
        p = goro_float(goro_cimag(*x));
        q = goro_float(goro_cimag(*y));
        return key_cmp(&p, &q);
    }
    case VK_ARRAY: {
        Array *p = x->u.p, *q = y->u.p;
        for (int64_t i = 0; i < p->len && i < q->len; i++) {
            int c = key_cmp(&p->v[i], &q->v[i]);
            if (c)
                return c;
        }
        return 0;
    }
    case VK_STRUCT: {
        Struct *p = x->u.p, *q = y->u.p;
        for (int64_t i = 0; i < p->n && i < q->n; i++) {
            int c = key_cmp(&p->f[i], &q->f[i]);
            if (c)
                return c;
        }
        return 0;
    }
    default: {
        uintptr_t p = (uintptr_t)x->u.p, q = (uintptr_t)y->u.p;
        return p < q ? -1 : p > q;
    }
    }
}

typedef struct KV {
    Value k, v;
} KV;

static int kv_cmp(const void *a, const void *b) { return key_cmp(&((const KV *)a)->k, &((const KV *)b)->k); }

static void print_map(Fmt *f, Value m, int verb, int depth)
{
    Map *mp = m.u.p;
    if (f->sharpV) {
        goro_buf_puts(f->b, type_name(m));
        if (!mp) {
            goro_buf_puts(f->b, "(nil)");
            return;
        }
        goro_buf_putc(f->b, '{');
    } else {
        goro_buf_puts(f->b, "map[");
    }
    int64_t n = mp ? mp->count : 0;
    KV *kv = n ? goro_alloc(sizeof(KV) * (size_t)n) : NULL;
    MapIter it;
    goro_map_iter_init(&it, mp);
    int64_t k = 0;
    while (k < n && goro_map_iter_next(&it, &kv[k].k, &kv[k].v))
        k++;
    if (k > 1)
        qsort(kv, (size_t)k, sizeof(KV), kv_cmp);
    for (int64_t i = 0; i < k; i++) {
        if (i > 0)
            goro_buf_puts(f->b, f->sharpV ? ", " : " ");
        print_value(f, kv[i].k, verb, depth + 1);
        goro_buf_putc(f->b, ':');
        print_value(f, kv[i].v, verb, depth + 1);
    }
    goro_buf_putc(f->b, f->sharpV ? '}' : ']');
}

static bool exported(const char *name)
{
    unsigned char c = (unsigned char)name[0];
    if (c >= 'A' && c <= 'Z')
        return true;
    if (c >= 0x80) {
        int32_t r;
        goro_utf8_decode((const unsigned char *)name, (int64_t)strlen(name), &r);
        return r >= 0x391 && r <= 0x3A9;  /* rough: uppercase Greek; rare */
    }
    return false;
}

static void print_struct(Fmt *f, Value v, int verb, int depth)
{
    Struct *s = v.u.p;
    Type *t = s->type->under;
    if (f->sharpV)
        goro_buf_puts(f->b, type_name(v));
    goro_buf_putc(f->b, '{');
    for (int i = 0; i < t->nfields; i++) {
        if (i > 0)
            goro_buf_puts(f->b, f->sharpV ? ", " : " ");
        if (f->plusV || f->sharpV) {
            goro_buf_puts(f->b, t->fnames[i]);
            goro_buf_putc(f->b, ':');
        }
        Value fv = s->f[i];
        if (!exported(t->fnames[i]) && VKIND(fv) != VK_NIL) {
            /* fmt cannot call methods on unexported fields */
            Fmt sub = *f;
            sub.g = NULL;
            print_value(&sub, fv, verb, depth + 1);
            f->panicked |= sub.panicked;
        } else if (VKIND(fv) == VK_NIL && t->ftypes[i]->kind == TY_IFACE) {
            if (f->sharpV)   /* the field's interface type: error(nil) */
                goro_buf_puts(f->b, goro_sprintf("%s(nil)", t->ftypes[i]->name));
            else
                goro_buf_puts(f->b, "<nil>");
        } else {
            print_value(f, fv, verb, depth + 1);
        }
    }
    goro_buf_putc(f->b, '}');
}

static void print_list(Fmt *f, Value v, Value *items, int64_t n, int verb, int depth)
{
    Type *t = goro_type_of(v);
    Type *et = t->under->elem;
    if ((verb == 's' || verb == 'q' || verb == 'x' || verb == 'X') && is_byte_type(et)) {
        char *buf = goro_alloc_atomic((size_t)n + 1);
        for (int64_t i = 0; i < n; i++)
            buf[i] = (char)items[i].u.i;
        fmt_string(f, buf, (size_t)n, verb, v);
        return;
    }
    if (f->sharpV) {
        /* Go's printArg spells a top-level []byte so; nested ones are []uint8 */
        goro_buf_puts(f->b, depth == 0 && t == goro_t_bytes ? "[]byte" : t->name);
        if (VKIND(v) == VK_SLICE && !v.u.p) {
            goro_buf_puts(f->b, "(nil)");
            return;
        }
        goro_buf_putc(f->b, '{');
        for (int64_t i = 0; i < n; i++) {
            if (i > 0)
                goro_buf_puts(f->b, ", ");
            print_value(f, items[i], verb, depth + 1);
        }
        goro_buf_putc(f->b, '}');
        return;
    }
    goro_buf_putc(f->b, '[');
    for (int64_t i = 0; i < n; i++) {
        if (i > 0)
            goro_buf_putc(f->b, ' ');
        print_value(f, items[i], verb, depth + 1);
    }
    goro_buf_putc(f->b, ']');
}

static void print_value(Fmt *f, Value v, int verb, int depth)
{
    if (depth > 100) {
        goro_buf_puts(f->b, "...");
        return;
    }
    if (VKIND(v) == VK_NIL) {
        if (depth > 0 && verb != 'T') {
            /* a nil element prints unpadded whatever the verb (Go's printValue) */
            goro_buf_puts(f->b, f->sharpV ? "interface {}(nil)" : "<nil>");
            return;
        }
        switch (verb) {
        case 'T': case 'v':
            padz(f, "<nil>");
            return;
        default:
            bad_verb(f, v, verb);
            return;
        }
    }
    if (verb == 'T') {
        fmt_string(f, type_name(v), strlen(type_name(v)), 's', v);
        return;
    }
    if (verb == 'p') {
        switch (VKIND(v)) {
        case VK_PTR: case VK_CHAN: case VK_MAP: case VK_SLICE: case VK_FUNC: case VK_NATIVE:
        case VK_OBJ: case VK_BOUND:
            fmt_pointer(f, v, 'p');
            return;
        default:
            bad_verb(f, v, verb);
            return;
        }
    }
    if (f->g && handle_methods(f, v, verb))
        return;
    switch (VKIND(v)) {
    case VK_BOOL:
        if (verb == 't' || verb == 'v')
            padz(f, v.u.i ? "true" : "false");
        else
            bad_verb(f, v, verb);
        return;
    case VK_INT:
        print_int(f, v, verb);
        return;
    case VK_FLOAT:
        print_float(f, v, verb);
        return;
    case VK_COMPLEX:
        print_complex(f, v, verb);
        return;
    case VK_STRING:
        fmt_string(f, v.u.s, v.aux, verb, v);
        return;
    case VK_SLICE:
        if (f->sharpV || verb == 'v' || verb == 's' || verb == 'q' || verb == 'x' || verb == 'X' ||
            verb == 'd' || verb == 'c' || verb == 'b' || verb == 'o' || verb == 'O' || verb == 'f' ||
            verb == 'g' || verb == 'e' || verb == 't' || verb == 'U' || verb == 'E' || verb == 'G' ||
            verb == 'F') {
            print_list(f, v, goro_slice_data(v), v.aux, verb, depth);
            return;
        }
        bad_verb(f, v, verb);
        return;
    case VK_ARRAY: {
        Array *a = v.u.p;
        print_list(f, v, a->v, a->len, verb, depth);
        return;
    }
    case VK_MAP:
        print_map(f, v, verb, depth);
        return;
    case VK_STRUCT:
        print_struct(f, v, verb, depth);
        return;
    case VK_PTR:
        if (depth == 0 && v.u.p) {
            Value t = *(Value *)v.u.p;
            unsigned tk = VKIND(t);
            if (tk == VK_STRUCT || tk == VK_ARRAY || tk == VK_SLICE || tk == VK_MAP) {
                if (verb == 'v' || verb == 's' || verb == 'd' || verb == 'x' || verb == 'X' ||
                    verb == 'q' || verb == 'f' || verb == 'g' || verb == 't' || verb == 'o' ||
                    verb == 'b' || verb == 'c') {
                    goro_buf_putc(f->b, '&');
                    print_value(f, t, verb, depth + 1);
                    return;
                }
            }
        }
        fmt_pointer(f, v, verb);
        return;
    case VK_CHAN: case VK_FUNC: case VK_NATIVE: case VK_BOUND: case VK_OBJ:
        if (VKIND(v) == VK_OBJ && v.u.p && verb == 'v') {
            /* a native object without String: its address, as &{...} would show internals */
            fmt_pointer(f, v, verb);
            return;
        }
        fmt_pointer(f, v, verb);
        return;
    case VK_TYPE:
        padz(f, ((Type *)v.u.p)->name);
        return;
    default:
        padz(f, "?");
        return;
    }
}

static void print_arg(Fmt *f, Value v, int verb)
{
    print_value(f, v, verb, 0);
}

/* ---------------------------------------------------------------- Sprint */

static int finish(Fmt *f)
{
    return f->panicked ? GORO_NATIVE_PANIC : 0;
}

int goro_fmt_sprint(G *g, Buf *b, const Value *args, int n)
{
    Fmt f;
    memset(&f, 0, sizeof f);
    f.g = g;
    f.b = b;
    bool prev_string = false;
    for (int i = 0; i < n; i++) {
        bool is_string = VKIND(args[i]) == VK_STRING;
        if (i > 0 && !is_string && !prev_string)
            goro_buf_putc(b, ' ');
        clear_flags(&f);
        print_arg(&f, args[i], 'v');
        prev_string = is_string;
    }
    return finish(&f);
}

int goro_fmt_sprintln(G *g, Buf *b, const Value *args, int n)
{
    Fmt f;
    memset(&f, 0, sizeof f);
    f.g = g;
    f.b = b;
    for (int i = 0; i < n; i++) {
        if (i > 0)
            goro_buf_putc(b, ' ');
        clear_flags(&f);
        print_arg(&f, args[i], 'v');
    }
    goro_buf_putc(b, '\n');
    return finish(&f);
}

void goro_fmt_value(G *g, Buf *b, Value v)
{
    Fmt f;
    memset(&f, 0, sizeof f);
    f.g = g;
    f.b = b;
    print_arg(&f, v, 'v');
}

static bool int_arg(const Value *args, int n, int *argnum, int *out)
{
    if (*argnum >= n)
        return false;
    Value v = args[*argnum];
    (*argnum)++;
    if (VKIND(v) != VK_INT)
        return false;
    if (v.u.i > 1000000 || v.u.i < -1000000)
        return false;
    *out = (int)v.u.i;
    return true;
}

/* [n] argument index; returns the new position in the format. */
static size_t arg_index(const char *s, size_t i, size_t end, int nargs, int *argnum, bool *ok,
                        bool *reordered)
{
    if (i >= end || s[i] != '[')
        return i;
    *reordered = true;
    size_t j = i + 1;
    int v = 0;
    bool digits = false;
    while (j < end && s[j] >= '0' && s[j] <= '9') {
        v = v * 10 + (s[j] - '0');
        if (v > 1000000)
            v = 1000000;
        j++;
        digits = true;
    }
    if (j >= end || s[j] != ']' || !digits) {
        *ok = false;
        /* skip to the closing bracket, as Go does */
        while (j < end && s[j] != ']')
            j++;
        return j < end ? j + 1 : j;
    }
    if (v < 1 || v > nargs) {
        *ok = false;
        return j + 1;
    }
    *argnum = v - 1;
    return j + 1;
}

/* %w: in Errorf, an error operand prints as %v and its argument index
 * is recorded; anything else (or %w outside Errorf) is a bad verb. */
static void print_wrapped(Fmt *f, Value v, int argnum)
{
    bool is_error = VKIND(v) != VK_NIL && lookup(v, goro_intern_cstr("Error"));
    if (!f->wrapped || !is_error || f->nwrapped == f->maxwrapped) {
        bad_verb(f, v, 'w');
        return;
    }
    f->wrapped[f->nwrapped++] = argnum;
    print_arg(f, v, 'v');
}

static int do_printf(Fmt *f, Value format, const Value *args, int n)
{
    Buf *b = f->b;
    const char *s = format.u.s;
    size_t end = format.aux;
    int argnum = 0;
    bool reordered = false;
    bool after_index = false;
    for (size_t i = 0; i < end;) {
        size_t lasti = i;
        while (i < end && s[i] != '%')
            i++;
        if (i > lasti)
            goro_buf_put(b, s + lasti, i - lasti);
        if (i >= end)
            break;
        i++;   /* skip % */
        clear_flags(f);
        /* flags */
        for (; i < end; i++) {
            char c = s[i];
            if (c == '#') f->sharp = true;
            else if (c == '0') f->zero = !f->minus;
            else if (c == '+') f->plus = true;
            else if (c == '-') { f->minus = true; f->zero = false; }
            else if (c == ' ') f->space = true;
            else break;
        }
        bool good_index = true;
        i = arg_index(s, i, end, n, &argnum, &good_index, &reordered);
        after_index = i > 0 && s[i - 1] == ']';
        /* width */
        if (i < end && s[i] == '*') {
            i++;
            if (!int_arg(args, n, &argnum, &f->wid)) {
                goro_buf_puts(b, "%!(BADWIDTH)");
            } else {
                f->wid_set = true;
                if (f->wid < 0) {
                    f->minus = true;
                    f->zero = false;
                    f->wid = -f->wid;
                }
            }
            after_index = false;
        } else {
            int w = 0;
            bool any = false;
            while (i < end && s[i] >= '0' && s[i] <= '9') {
                w = w * 10 + (s[i] - '0');
                if (w > 1000000)
                    w = 1000000;
                i++;
                any = true;
            }
            if (any) {
                f->wid = w;
                f->wid_set = true;
                if (after_index)
                    good_index = false;
            }
        }
        /* precision */
        if (i + 1 <= end && i < end && s[i] == '.') {
            i++;
            if (after_index)
                good_index = false;
            i = arg_index(s, i, end, n, &argnum, &good_index, &reordered);
            after_index = i > 0 && s[i - 1] == ']';
            if (i < end && s[i] == '*') {
                i++;
                if (!int_arg(args, n, &argnum, &f->prec)) {
                    goro_buf_puts(b, "%!(BADPREC)");
                } else {
                    f->prec_set = true;
                    if (f->prec < 0) {
                        f->prec = 0;
                        f->prec_set = false;
                        goro_buf_puts(b, "%!(BADPREC)");
                    }
                }
                after_index = false;
            } else {
                int p = 0;
                while (i < end && s[i] >= '0' && s[i] <= '9') {
                    p = p * 10 + (s[i] - '0');
                    if (p > 1000000)
                        p = 1000000;
                    i++;
                }
                f->prec = p;
                f->prec_set = true;
            }
        }
        if (!after_index)
            i = arg_index(s, i, end, n, &argnum, &good_index, &reordered);
        if (i >= end) {
            goro_buf_puts(b, "%!(NOVERB)");
            break;
        }
        int32_t verb;
        int w = goro_utf8_decode((const unsigned char *)s + i, (int64_t)(end - i), &verb);
        i += (size_t)w;
        if (verb == '%') {
            goro_buf_putc(b, '%');
            continue;
        }
        if (!good_index) {
            char vb[8];
            int vn = goro_utf8_encode(verb, vb);
            goro_buf_puts(b, "%!");
            goro_buf_put(b, vb, (size_t)vn);
            goro_buf_puts(b, "(BADINDEX)");
            continue;
        }
        if (argnum >= n) {
            char vb[8];
            int vn = goro_utf8_encode(verb, vb);
            goro_buf_puts(b, "%!");
            goro_buf_put(b, vb, (size_t)vn);
            goro_buf_puts(b, "(MISSING)");
            continue;
        }
        if (verb == 'w') {
            print_wrapped(f, args[argnum], argnum);
            argnum++;
            continue;
        }
        if (verb == 'v') {
            if (f->sharp) {
                f->sharp = false;
                f->sharpV = true;
            }
            if (f->plus) {
                f->plus = false;
                f->plusV = true;
            }
        }
        print_arg(f, args[argnum], verb);
        argnum++;
    }
    if (!reordered && argnum < n) {
        goro_buf_puts(b, "%!(EXTRA ");
        for (int k = argnum; k < n; k++) {
            if (k > argnum)
                goro_buf_puts(b, ", ");
            if (VKIND(args[k]) == VK_NIL) {
                goro_buf_puts(b, "<nil>");
                continue;
            }
            goro_buf_puts(b, type_name(args[k]));
            goro_buf_putc(b, '=');
            clear_flags(f);
            print_arg(f, args[k], 'v');
        }
        goro_buf_putc(b, ')');
    }
    return finish(f);
}

int goro_fmt_sprintf(G *g, Buf *b, Value format, const Value *args, int n)
{
    Fmt f;
    memset(&f, 0, sizeof f);
    f.g = g;
    f.b = b;
    return do_printf(&f, format, args, n);
}

int goro_fmt_errorf(G *g, Buf *b, Value format, const Value *args, int n, int *wrapped, int max,
                    int *nwrapped)
{
    Fmt f;
    memset(&f, 0, sizeof f);
    f.g = g;
    f.b = b;
    f.wrapped = wrapped;
    f.maxwrapped = max;
    int r = do_printf(&f, format, args, n);
    *nwrapped = f.nwrapped;
    return r;
}
