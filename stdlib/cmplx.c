/* cmplx.c: the math/cmplx package, computed the way Go 1.19 computes it.
 *
 * Go's math/cmplx is written in Go on top of package math, with its own
 * special cases for infinities, NaNs and signed zeros (C99 Annex G in
 * spirit, not always in letter) and its own formulas: Sqrt rescales
 * before math.Hypot, Tan switches to a Taylor series near the poles,
 * Asin goes through Log(i*x + Sqrt(1-x*x)).  The C library's <complex.h>
 * functions differ from it in the last bits and in some special cases,
 * so the algorithms are ported here from Go's sources (BSD licence,
 * The Go Authors), over the bit-exact ports of Go's math functions in
 * math.c (go_exp, go_log, go_sincos, go_hypot, ...).  Only the exact
 * operations (sqrt, copysign, fabs) come from the C library. */
#include <math.h>

#include "math_special.h"
#include "pkg.h"
#include "type.h"
#include "vm.h"

#define PI 3.14159265358979323846264338327950288419716939937510582097494459
#define LOG10E 0.434294481903251827651128918916605082294397005803666566114453783

typedef struct Cx {
    double re, im;
} Cx;

static Cx cx(double re, double im)
{
    Cx c = {re, im};
    return c;
}

/* Go's math.NaN(), bit for bit */
static double gonan(void) { return f64from(0x7FF8000000000001ULL); }

static Cx cnan(void) { return cx(gonan(), gonan()); }
static Cx cinf(void) { return cx(INFINITY, INFINITY); }

static Cx cmul(Cx a, Cx b) { return cx(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re); }

static double cabs_(Cx x) { return go_hypot(x.re, x.im); }
static double phase(Cx x) { return go_atan2(x.im, x.re); }

static bool is_inf_part(Cx x) { return isinf(x.re) || isinf(x.im); }

static bool is_nan_part(Cx x)
{
    if (is_inf_part(x))
        return false;
    return isnan(x.re) || isnan(x.im);
}

/* --------------------------------------------------------- exp, log, sqrt */

static Cx cexp_(Cx x)
{
    double re = x.re, im = x.im;
    if (isinf(re)) {
        if (re > 0 && im == 0)
            return x;
        if (isinf(im) || isnan(im))
            return re < 0 ? cx(0, copysign(0, im)) : cx(INFINITY, gonan());
    } else if (isnan(re) && im == 0) {
        return cx(gonan(), im);
    }
    double r = go_exp(re), s, c;
    go_sincos(im, &s, &c);
    return cx(r * c, r * s);
}

static Cx clog_(Cx x) { return cx(go_log(cabs_(x)), phase(x)); }

static Cx csqrt_(Cx x)
{
    if (x.im == 0) {
        /* the result's imaginary part keeps the sign of a zero one */
        if (x.re == 0)
            return cx(0, x.im);
        if (x.re < 0)
            return cx(0, copysign(sqrt(-x.re), x.im));
        return cx(sqrt(x.re), x.im);
    }
    if (isinf(x.im))
        return cx(INFINITY, x.im);
    if (x.re == 0) {
        double r = sqrt(0.5 * fabs(x.im));
        return x.im < 0 ? cx(r, -r) : cx(r, r);
    }
    double a = x.re, b = x.im, scale;
    /* rescale so that Hypot neither overflows nor underflows */
    if (fabs(a) > 4 || fabs(b) > 4) {
        a *= 0.25;
        b *= 0.25;
        scale = 2;
    } else {
        a *= 1.8014398509481984e16;   /* 2**54 */
        b *= 1.8014398509481984e16;
        scale = 7.450580596923828125e-9;   /* 2**-27 */
    }
    double r = go_hypot(a, b), t;
    if (a > 0) {
        t = sqrt(0.5 * r + 0.5 * a);
        r = scale * fabs((0.5 * b) / t);
        t *= scale;
    } else {
        r = sqrt(0.5 * r - 0.5 * a);
        t = scale * fabs((0.5 * b) / r);
        r *= scale;
    }
    return b < 0 ? cx(t, -r) : cx(t, r);
}

static Cx cpow_(Cx x, Cx y)
{
    if (x.re == 0 && x.im == 0) {
        if (is_nan_part(y))
            return cnan();
        if (y.re == 0)
            return cx(1, 0);
        if (y.re < 0)
            return y.im == 0 ? cx(INFINITY, 0) : cinf();
        if (y.re > 0)
            return cx(0, 0);
        /* y.re is NaN with an infinite imaginary part: Go panics */
        return cnan();
    }
    double modulus = cabs_(x);
    if (modulus == 0)
        return cx(0, 0);
    double r = go_pow(modulus, y.re);
    double arg = phase(x);
    double theta = y.re * arg;
    if (y.im != 0) {
        r *= go_exp(-y.im * arg);
        theta += y.im * go_log(modulus);
    }
    double s, c;
    go_sincos(theta, &s, &c);
    return cx(r * c, r * s);
}

/* ----------------------------------------------------- trigonometric */

/* sinh and cosh together: one Exp for |x| > 0.5 */
static void sinhcosh(double x, double *sh, double *ch)
{
    if (fabs(x) <= 0.5) {
        *sh = go_sinh(x);
        *ch = go_cosh(x);
        return;
    }
    double e = go_exp(x);
    double ei = 0.5 / e;
    e *= 0.5;
    *sh = e - ei;
    *ch = e + ei;
}

static Cx csin_(Cx x)
{
    double re = x.re, im = x.im;
    if (im == 0 && (isinf(re) || isnan(re)))
        return cx(gonan(), im);
    if (isinf(im)) {
        if (re == 0)
            return x;
        if (isinf(re) || isnan(re))
            return cx(gonan(), im);
    } else if (re == 0 && isnan(im)) {
        return x;
    }
    double s, c, sh, ch;
    go_sincos(re, &s, &c);
    sinhcosh(im, &sh, &ch);
    return cx(s * ch, c * sh);
}

static Cx csinh_(Cx x)
{
    double re = x.re, im = x.im;
    if (re == 0 && (isinf(im) || isnan(im)))
        return cx(re, gonan());
    if (isinf(re)) {
        if (im == 0)
            return x;
        if (isinf(im) || isnan(im))
            return cx(re, gonan());
    } else if (im == 0 && isnan(re)) {
        return cx(gonan(), im);
    }
    double s, c, sh, ch;
    go_sincos(im, &s, &c);
    sinhcosh(re, &sh, &ch);
    return cx(c * sh, s * ch);
}

static Cx ccos_(Cx x)
{
    double re = x.re, im = x.im;
    if (im == 0 && (isinf(re) || isnan(re)))
        return cx(gonan(), -im * copysign(0, re));
    if (isinf(im)) {
        if (re == 0)
            return cx(INFINITY, -re * copysign(0, im));
        if (isinf(re) || isnan(re))
            return cx(INFINITY, gonan());
    } else if (re == 0 && isnan(im)) {
        return cx(gonan(), 0);
    }
    double s, c, sh, ch;
    go_sincos(re, &s, &c);
    sinhcosh(im, &sh, &ch);
    return cx(c * ch, -s * sh);
}

static Cx ccosh_(Cx x)
{
    double re = x.re, im = x.im;
    if (re == 0 && (isinf(im) || isnan(im)))
        return cx(gonan(), re * copysign(0, im));
    if (isinf(re)) {
        if (im == 0)
            return cx(INFINITY, im * copysign(0, re));
        if (isinf(im) || isnan(im))
            return cx(INFINITY, gonan());
    } else if (im == 0 && isnan(re)) {
        return cx(gonan(), im);
    }
    double s, c, sh, ch;
    go_sincos(im, &s, &c);
    sinhcosh(re, &sh, &ch);
    return cx(c * ch, s * sh);
}

/* x reduced to (-Pi/2, Pi/2] for x >= 0: Cody-Waite in three parts below
 * 2^30, Payne-Hanek with the bits of 1/Pi above. */
static double reduce_pi(double x)
{
    if (fabs(x) < 1073741824.0) {
        const double PI1 = 3.141592502593994;       /* 0x400921fb40000000 */
        const double PI2 = 1.5099578831723193e-07;  /* 0x3e84442d00000000 */
        const double PI3 = 1.0780605716316238e-14;  /* 0x3d08469898cc5170 */
        double t = x / PI;
        t += 0.5;
        t = (double)(int64_t)t;
        return ((x - t * PI1) - t * PI2) - t * PI3;
    }
    /* 1/Pi = sum of mpi[i] * 2^(-64 i) */
    static const uint64_t mpi[] = {
        0x0000000000000000, 0x517cc1b727220a94, 0xfe13abe8fa9a6ee0, 0x6db14acc9e21c820,
        0xff28b1d5ef5de2b0, 0xdb92371d2126e970, 0x0324977504e8c90e, 0x7f0ef58e5894d39f,
        0x74411afa975da242, 0x74ce38135a2fbf20, 0x9cc8eb1cc1a99cfa, 0x4e422fc5defc941d,
        0x8ffc4bffef02cc07, 0xf79788c5ad05368f, 0xb69b3f6793e584db, 0xa7a31fb34f2ff516,
        0xba93dd63f5f2f8bd, 0x9e839cfbc5294975, 0x35fdafd88fc6ae84, 0x2b0198237e3db5d5,
    };
    const int shift = 52, bias = 1023;
    uint64_t ix = f64bits(x);
    int exp = (int)((ix >> shift) & 0x7FF) - bias - shift;
    ix &= ((uint64_t)1 << shift) - 1;
    ix |= (uint64_t)1 << shift;
    unsigned digit = (unsigned)(exp + 64) / 64, bitshift = (unsigned)(exp + 64) % 64;
    /* a shift by 64 is 0 in Go, undefined in C */
#define SHR(v, n) ((n) >= 64 ? 0 : (v) >> (n))
    uint64_t z0 = (mpi[digit] << bitshift) | SHR(mpi[digit + 1], 64 - bitshift);
    uint64_t z1 = (mpi[digit + 1] << bitshift) | SHR(mpi[digit + 2], 64 - bitshift);
    uint64_t z2 = (mpi[digit + 2] << bitshift) | SHR(mpi[digit + 3], 64 - bitshift);
    unsigned __int128 p2 = (unsigned __int128)z2 * ix, p1 = (unsigned __int128)z1 * ix;
    uint64_t z2hi = (uint64_t)(p2 >> 64);
    uint64_t z1hi = (uint64_t)(p1 >> 64), z1lo = (uint64_t)p1;
    uint64_t z0lo = z0 * ix;
    uint64_t lo = z1lo + z2hi;
    uint64_t carry = lo < z1lo;
    uint64_t hi = z0lo + z1hi + carry;
    unsigned lz = hi ? (unsigned)__builtin_clzll(hi) : 64;
    uint64_t e = (uint64_t)(bias - (int)(lz + 1));
    hi = (lz + 1 >= 64 ? 0 : hi << (lz + 1)) | SHR(lo, 64 - (lz + 1));
    hi >>= 64 - shift;
#undef SHR
    hi |= e << shift;
    x = f64from(hi);
    if (x > 0.5)
        x--;
    return PI * x;
}

/* The Taylor series of cosh(2y) - cos(2x), for Tan and Cot near their
 * poles where the formula cancels. */
static double tan_series(Cx z)
{
    const double MACHEP = 1.0 / 9007199254740992.0;   /* 2^-53 */
    double x = fabs(2 * z.re), y = fabs(2 * z.im);
    x = reduce_pi(x);
    x = x * x;
    y = y * y;
    double x2 = 1, y2 = 1, f = 1, rn = 0, d = 0;
    for (;;) {
        rn++;
        f *= rn;
        rn++;
        f *= rn;
        x2 *= x;
        y2 *= y;
        double t = y2 + x2;
        t /= f;
        d += t;

        rn++;
        f *= rn;
        rn++;
        f *= rn;
        x2 *= x;
        y2 *= y;
        t = y2 - x2;
        t /= f;
        d += t;
        if (!(fabs(t / d) > MACHEP))   /* NaN stops it too */
            break;
    }
    return d;
}

static Cx ctan_(Cx x)
{
    double re = x.re, im = x.im;
    if (isinf(im)) {
        if (isinf(re) || isnan(re))
            return cx(copysign(0, re), copysign(1, im));
        return cx(copysign(0, go_sin(2 * re)), copysign(1, im));
    }
    if (re == 0 && isnan(im))
        return x;
    double d = go_cos(2 * re) + go_cosh(2 * im);
    if (fabs(d) < 0.25)
        d = tan_series(x);
    if (d == 0)
        return cinf();
    return cx(go_sin(2 * re) / d, go_sinh(2 * im) / d);
}

static Cx ctanh_(Cx x)
{
    double re = x.re, im = x.im;
    if (isinf(re)) {
        if (isinf(im) || isnan(im))
            return cx(copysign(1, re), copysign(0, im));
        return cx(copysign(1, re), copysign(0, go_sin(2 * im)));
    }
    if (im == 0 && isnan(re))
        return x;
    double d = go_cosh(2 * re) + go_cos(2 * im);
    if (d == 0)
        return cinf();
    return cx(go_sinh(2 * re) / d, go_sin(2 * im) / d);
}

static Cx ccot_(Cx x)
{
    double d = go_cosh(2 * x.im) - go_cos(2 * x.re);
    if (fabs(d) < 0.25)
        d = tan_series(x);
    if (d == 0)
        return cinf();
    return cx(go_sin(2 * x.re) / d, -go_sinh(2 * x.im) / d);
}

/* ------------------------------------------------------------- inverse */

static Cx casin_(Cx x)
{
    double re = x.re, im = x.im;
    if (im == 0 && fabs(re) <= 1)
        return cx(go_asin(re), im);
    if (re == 0 && fabs(im) <= 1)
        return cx(re, go_asinh(im));
    if (isnan(im)) {
        if (re == 0)
            return cx(re, gonan());
        if (isinf(re))
            return cx(gonan(), re);
        return cnan();
    }
    if (isinf(im)) {
        if (isnan(re))
            return x;
        if (isinf(re))
            return cx(copysign(PI / 4, re), im);
        return cx(copysign(0, re), im);
    }
    if (isinf(re))
        return cx(copysign(PI / 2, re), copysign(re, im));
    Cx ct = cx(-im, re);                        /* i * x */
    Cx xx = cmul(x, x);
    Cx x2 = csqrt_(cx(1 - xx.re, -xx.im));      /* sqrt(1 - x*x) */
    Cx w = clog_(cx(ct.re + x2.re, ct.im + x2.im));
    return cx(w.im, -w.re);                     /* -i * w */
}

static Cx casinh_(Cx x)
{
    double re = x.re, im = x.im;
    if (im == 0 && fabs(re) <= 1)
        return cx(go_asinh(re), im);
    if (re == 0 && fabs(im) <= 1)
        return cx(re, go_asin(im));
    if (isinf(re)) {
        if (isinf(im))
            return cx(re, copysign(PI / 4, im));
        if (isnan(im))
            return x;
        return cx(re, copysign(0.0, im));
    }
    if (isnan(re)) {
        if (im == 0)
            return x;
        if (isinf(im))
            return cx(im, re);
        return cnan();
    }
    if (isinf(im))
        return cx(copysign(im, re), copysign(PI / 2, im));
    Cx xx = cmul(x, x);
    Cx s = csqrt_(cx(1 + xx.re, xx.im));        /* sqrt(1 + x*x) */
    return clog_(cx(x.re + s.re, x.im + s.im));
}

static Cx cacos_(Cx x)
{
    Cx w = casin_(x);
    return cx(PI / 2 - w.re, -w.im);
}

static Cx cacosh_(Cx x)
{
    if (x.re == 0 && x.im == 0)
        return cx(0, copysign(PI / 2, x.im));
    Cx w = cacos_(x);
    if (w.im <= 0)
        return cx(-w.im, w.re);   /* i * w */
    return cx(w.im, -w.re);       /* -i * w */
}

static Cx catan_(Cx x)
{
    double re = x.re, im = x.im;
    if (im == 0)
        return cx(go_atan(re), im);
    if (re == 0 && fabs(im) <= 1)
        return cx(re, go_atanh(im));
    if (isinf(im) || isinf(re)) {
        if (isnan(re))
            return cx(gonan(), copysign(0, im));
        return cx(copysign(PI / 2, re), copysign(0, im));
    }
    if (isnan(re) || isnan(im))
        return cnan();
    double x2 = re * re;
    double a = 1 - x2 - im * im;
    if (a == 0)
        return cnan();
    double t = 0.5 * go_atan2(2 * re, a);
    double w = reduce_pi(t);
    t = im - 1;
    double b = x2 + t * t;
    if (b == 0)
        return cnan();
    t = im + 1;
    double c = (x2 + t * t) / b;
    return cx(w, 0.25 * go_log(c));
}

static Cx catanh_(Cx x)
{
    Cx z = catan_(cx(-x.im, x.re));   /* atan(i * x) */
    return cx(z.im, -z.re);           /* -i * z */
}

/* ------------------------------------------------------------- natives */

/* args[i] as a complex128 (an int or float constant is x+0i). */
static bool arg_cx(const Value *args, int nargs, int i, Cx *out)
{
    if (nargs <= i)
        return false;
    Value v = args[i];
    if (VKIND(v) == VK_COMPLEX) {
        *out = cx(goro_creal(v), goro_cimag(v));
        return true;
    }
    double f;
    if (!goro_arg_float(args, nargs, i, &f))
        return false;
    *out = cx(f, 0);
    return true;
}

static int bad_cx(G *g, const char *fn, int i)
{
    return goro_runtime_error(g, "cmplx.%s: argument %d must be a complex number", fn, i + 1);
}

static Value cxval(Cx c) { return goro_complex(c.re, c.im); }

/* A function of one complex argument with one result: [wrap](impl(x)). */
#define CX_FUNC(name, wrap, impl)                                              \
    static int c_##name(G *g, Value *args, int nargs, Value *res)              \
    {                                                                          \
        Cx x;                                                                  \
        if (!arg_cx(args, nargs, 0, &x))                                       \
            return bad_cx(g, #name, 0);                                        \
        res[0] = wrap(impl(x));                                                \
        return 1;                                                              \
    }
#define CX_FUNC1(name, impl) CX_FUNC(name, cxval, impl)

static Cx cconj_(Cx x) { return cx(x.re, -x.im); }
static Cx clog10_(Cx x)
{
    Cx z = clog_(x);
    return cx(LOG10E * z.re, LOG10E * z.im);
}

CX_FUNC1(Sqrt, csqrt_)
CX_FUNC1(Exp, cexp_)
CX_FUNC1(Log, clog_)
CX_FUNC1(Log10, clog10_)
CX_FUNC1(Sin, csin_)
CX_FUNC1(Cos, ccos_)
CX_FUNC1(Tan, ctan_)
CX_FUNC1(Cot, ccot_)
CX_FUNC1(Sinh, csinh_)
CX_FUNC1(Cosh, ccosh_)
CX_FUNC1(Tanh, ctanh_)
CX_FUNC1(Asin, casin_)
CX_FUNC1(Acos, cacos_)
CX_FUNC1(Atan, catan_)
CX_FUNC1(Asinh, casinh_)
CX_FUNC1(Acosh, cacosh_)
CX_FUNC1(Atanh, catanh_)
CX_FUNC1(Conj, cconj_)

CX_FUNC(Abs, goro_float, cabs_)

CX_FUNC(Phase, goro_float, phase)

static int c_Polar(G *g, Value *args, int nargs, Value *res)
{
    Cx x;
    if (!arg_cx(args, nargs, 0, &x))
        return bad_cx(g, "Polar", 0);
    res[0] = goro_float(cabs_(x));
    res[1] = goro_float(phase(x));
    return 2;
}

static int c_Rect(G *g, Value *args, int nargs, Value *res)
{
    double r, theta, s, c;
    if (!goro_arg_float(args, nargs, 0, &r))
        return goro_runtime_error(g, "cmplx.Rect: argument 1 must be a number");
    if (!goro_arg_float(args, nargs, 1, &theta))
        return goro_runtime_error(g, "cmplx.Rect: argument 2 must be a number");
    go_sincos(theta, &s, &c);
    res[0] = goro_complex(r * c, r * s);
    return 1;
}

static int c_Pow(G *g, Value *args, int nargs, Value *res)
{
    Cx x, y;
    if (!arg_cx(args, nargs, 0, &x))
        return bad_cx(g, "Pow", 0);
    if (!arg_cx(args, nargs, 1, &y))
        return bad_cx(g, "Pow", 1);
    res[0] = cxval(cpow_(x, y));
    return 1;
}

static int c_Inf(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g), GORO_UNUSED(args), GORO_UNUSED(nargs);
    res[0] = cxval(cinf());
    return 1;
}

static int c_NaN(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g), GORO_UNUSED(args), GORO_UNUSED(nargs);
    res[0] = cxval(cnan());
    return 1;
}

CX_FUNC(IsInf, goro_bool, is_inf_part)

CX_FUNC(IsNaN, goro_bool, is_nan_part)

void goro_pkg_cmplx_init(void)
{
    Package *p = goro_pkg_new("math/cmplx");
    static const struct { const char *name; NativeFn fn; } fns[] = {
        {"Abs", c_Abs},     {"Phase", c_Phase}, {"Polar", c_Polar}, {"Rect", c_Rect},
        {"Sqrt", c_Sqrt},   {"Exp", c_Exp},     {"Log", c_Log},     {"Log10", c_Log10},
        {"Pow", c_Pow},     {"Sin", c_Sin},     {"Cos", c_Cos},     {"Tan", c_Tan},
        {"Cot", c_Cot},     {"Sinh", c_Sinh},   {"Cosh", c_Cosh},   {"Tanh", c_Tanh},
        {"Asin", c_Asin},   {"Acos", c_Acos},   {"Atan", c_Atan},   {"Asinh", c_Asinh},
        {"Acosh", c_Acosh}, {"Atanh", c_Atanh}, {"Conj", c_Conj},   {"Inf", c_Inf},
        {"NaN", c_NaN},     {"IsInf", c_IsInf}, {"IsNaN", c_IsNaN},
    };
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
        goro_pkg_func(p, fns[i].name, fns[i].fn);
}
