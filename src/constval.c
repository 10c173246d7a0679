/* constval.c: exact numeric constants on GMP rationals (constval.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "constval.h"

static void *q_alloc(size_t n) { return GC_MALLOC_ATOMIC(n); }
static void *q_realloc(void *p, size_t old, size_t n)
{
    (void)old;
    return GC_REALLOC(p, n);
}
static void q_free(void *p, size_t n)
{
    (void)p;   /* rationals are shared by copying their structs: the
                * collector frees the limbs once nothing points at them */
    (void)n;
}

void goro_q_setup(void)
{
    static bool done;
    if (!done) {
        mp_set_memory_functions(q_alloc, q_realloc, q_free);
        done = true;
    }
}

void goro_q_init(mpq_t q)
{
    goro_q_setup();
    mpq_init(q);
}

void goro_q_from_i64(mpq_t q, int64_t i)
{
    goro_q_init(q);
    mpq_set_si(q, i, 1);
}

void goro_q_from_u64(mpq_t q, uint64_t u)
{
    goro_q_init(q);
    mpq_set_ui(q, u, 1);
}

/* ------------------------------------------------------------ literals */

/* q = m * base^exp for an integer m and a small exponent */
static bool scale(mpq_t q, const mpz_t m, unsigned base, long exp)
{
    if (exp > 40000 || exp < -40000)
        return false;
    mpz_t p;
    mpz_init(p);
    mpz_ui_pow_ui(p, base, (unsigned long)labs(exp));
    mpq_set_z(q, m);
    if (exp >= 0) {
        mpz_mul(mpq_numref(q), mpq_numref(q), p);
    } else {
        mpz_set(mpq_denref(q), p);
        mpq_canonicalize(q);
    }
    return true;
}

/* the mantissa digits of [s] up to [stop] (one '.' skipped), as an
 * integer in [base]; [*frac] counts the digits after the point */
static bool mantissa(mpz_t m, const char *s, const char *stop, int base, long *frac)
{
    size_t n = (size_t)(stop - s);
    char *d = GC_MALLOC_ATOMIC(n + 2);
    size_t k = 0;
    long f = -1;
    for (const char *p = s; p < stop; p++) {
        if (*p == '.') {
            if (f >= 0)
                return false;
            f = 0;
        } else {
            d[k++] = *p;
            if (f >= 0)
                f++;
        }
    }
    if (!k) {
        d[k++] = '0';   /* ".5" and "1." */
        if (stop - s < 2)
            return false;
    }
    d[k] = 0;
    *frac = f < 0 ? 0 : f;
    return mpz_set_str(m, d, base) == 0;
}

bool goro_q_parse(mpq_t q, const char *text)
{
    goro_q_init(q);
    size_t len = strlen(text);
    char *s = GC_MALLOC_ATOMIC(len + 1);
    size_t k = 0;
    for (size_t i = 0; i < len; i++)
        if (text[i] != '_')
            s[k++] = text[i];
    s[k] = 0;
    mpz_t m;
    mpz_init(m);
    long frac = 0;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        char *p = strpbrk(s + 2, "pP");
        if (!p && !strchr(s, '.'))
            return mpz_set_str(m, s + 2, 16) == 0 && (mpq_set_z(q, m), true);
        if (!p || !mantissa(m, s + 2, p, 16, &frac))
            return false;
        char *end;
        long e = strtol(p + 1, &end, 10);
        return !*end && end != p + 1 && scale(q, m, 2, e - 4 * frac);
    }
    char *p = strpbrk(s, "eE");
    if (p || strchr(s, '.')) {
        char *stop = p ? p : s + k;
        if (!mantissa(m, s, stop, 10, &frac))
            return false;
        long e = 0;
        if (p) {
            char *end;
            e = strtol(p + 1, &end, 10);
            if (*end || end == p + 1)
                return false;
        }
        return scale(q, m, 10, e - frac);
    }
    int base = 10;
    const char *digits = s;
    if (s[0] == '0' && s[1]) {
        switch (s[1]) {
        case 'b': case 'B': base = 2; digits = s + 2; break;
        case 'o': case 'O': base = 8; digits = s + 2; break;
        default: base = 8; digits = s + 1; break;
        }
    }
    if (!*digits || mpz_set_str(m, digits, base) != 0)
        return false;
    mpq_set_z(q, m);
    return true;
}

/* ------------------------------------------------------------ integers */

bool goro_q_is_int(const mpq_t q)
{
    return mpz_cmp_ui(mpq_denref(q), 1) == 0;
}

static int int_bits(int k)
{
    switch (k) {
    case TY_INT8: case TY_UINT8: return 8;
    case TY_INT16: case TY_UINT16: return 16;
    case TY_INT32: case TY_UINT32: return 32;
    default: return 64;
    }
}

bool goro_q_fits_int(const mpq_t q, int k)
{
    if (!goro_q_is_int(q))
        return false;
    mpz_srcptr z = mpq_numref(q);
    int bits = int_bits(k);
    bool unsig = k >= TY_UINT && k <= TY_UINTPTR;
    int sgn = mpz_sgn(z);
    if (sgn == 0)
        return true;
    if (unsig)
        return sgn > 0 && mpz_sizeinbase(z, 2) <= (size_t)bits;
    if (sgn > 0)
        return mpz_sizeinbase(z, 2) <= (size_t)bits - 1;
    /* -2^(bits-1) <= z: |z| - 1 < 2^(bits-1) */
    mpz_t t;
    mpz_init(t);
    mpz_neg(t, z);
    mpz_sub_ui(t, t, 1);
    return mpz_sgn(t) == 0 || mpz_sizeinbase(t, 2) <= (size_t)bits - 1;
}

int64_t goro_q_to_i64(const mpq_t q)
{
    mpz_srcptr z = mpq_numref(q);
    if (mpz_fits_slong_p(z))
        return (int64_t)mpz_get_si(z);
    if (mpz_sgn(z) > 0 && mpz_sizeinbase(z, 2) <= 64)
        return (int64_t)(uint64_t)mpz_get_ui(z);
    return 0;
}

/* ------------------------------------------------------------ floats */

bool goro_q_to_float(const mpq_t q, int k, double *out)
{
    int mant = k == TY_FLOAT32 ? 24 : 53;
    long emin = k == TY_FLOAT32 ? -126 : -1022, emax = k == TY_FLOAT32 ? 127 : 1023;
    int sgn = mpq_sgn(q);
    if (!sgn) {
        *out = 0;
        return true;
    }
    mpz_t num, den, t, r;
    mpz_init(num);
    mpz_init(den);
    mpz_init(t);
    mpz_init(r);
    mpz_abs(num, mpq_numref(q));
    mpz_set(den, mpq_denref(q));
    /* E = floor(log2(num / den)) */
    long e = (long)mpz_sizeinbase(num, 2) - (long)mpz_sizeinbase(den, 2);
    if (e >= 0) {
        mpz_mul_2exp(t, den, (mp_bitcnt_t)e);
        if (mpz_cmp(num, t) < 0)
            e--;
    } else {
        mpz_mul_2exp(t, num, (mp_bitcnt_t)-e);
        if (mpz_cmp(t, den) < 0)
            e--;
    }
    if (e > emax)
        return false;
    /* the unit in the last place; subnormals keep the smallest one */
    long u = e - (mant - 1);
    if (u < emin - (mant - 1))
        u = emin - (mant - 1);
    if (u <= 0)
        mpz_mul_2exp(num, num, (mp_bitcnt_t)-u);
    else
        mpz_mul_2exp(den, den, (mp_bitcnt_t)u);
    mpz_tdiv_qr(t, r, num, den);
    mpz_mul_2exp(r, r, 1);
    int c = mpz_cmp(r, den);
    if (c > 0 || (c == 0 && mpz_odd_p(t)))
        mpz_add_ui(t, t, 1);
    if ((long)mpz_sizeinbase(t, 2) + u > emax + 1)
        return false;
    double x = ldexp(mpz_get_d(t), (int)u);
    *out = sgn < 0 ? -x : x;
    return true;
}

/* ------------------------------------------------------------ text */

const char *goro_q_text(const mpq_t q, bool isfloat)
{
    if (!isfloat && goro_q_is_int(q))
        return mpz_get_str(NULL, 10, mpq_numref(q));
    double d;
    char buf[64];
    if (goro_q_to_float(q, TY_FLOAT64, &d) && (d != 0 || mpq_sgn(q) == 0)) {
        snprintf(buf, sizeof buf, "%.6g", d);
        if (!goro_q_is_int(q) && !strchr(buf, '.') && !strchr(buf, 'e'))
            snprintf(buf, sizeof buf, "%.17g", d);
    } else {
        /* beyond float64: six digits and a decimal exponent */
        mpf_t f;
        mpf_init2(f, 64);
        mpf_set_q(f, q);
        mp_exp_t ex;
        char *dig = mpf_get_str(NULL, &ex, 10, 6, f);
        bool neg = dig[0] == '-';
        if (neg)
            dig++;
        size_t n = strlen(dig);
        while (n > 1 && dig[n - 1] == '0')
            dig[--n] = 0;
        snprintf(buf, sizeof buf, "%s%c%s%s%se%+ld", neg ? "-" : "", dig[0], n > 1 ? "." : "",
                 dig + 1, "", (long)ex - 1);
    }
    size_t n = strlen(buf);
    char *s = GC_MALLOC_ATOMIC(n + 1);
    memcpy(s, buf, n + 1);
    return s;
}
