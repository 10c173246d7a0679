/* math.c: the math package: Go's constants and functions, computed the
 * way Go 1.19 computes them on amd64, so results agree with Go to the
 * last bit rather than merely to within an ulp.
 *
 * Go's math functions are mostly not correctly rounded: they are Cephes
 * and FreeBSD msun polynomials written in Go (sin, pow, atan, cbrt,
 * gamma...), plus amd64 assembly for Exp, Log and Hypot.  The C library
 * computes different (often better) values, and programs print all 17
 * digits, so those algorithms are ported here from Go's sources (BSD
 * licence, The Go Authors): same constants, same operation order.  Go
 * folds constant expressions such as 4/Pi exactly; they are written here
 * as decimal literals the C compiler rounds once.  Functions whose result
 * is exact (Sqrt, Floor, Ceil, Trunc, Mod, FMA) use the C library.  The
 * special functions (Erf, Lgamma, Bessel) are in math_special.c, which
 * uses the Exp, Log, Sin, Cos and Mod defined here.
 *
 * The build must not contract a*b+c into fused multiply-adds (x86-64
 * without -march flags does not), or results drift from Go's. */
#include <float.h>
#include <math.h>
#include <stdio.h>

#include "math_special.h"
#include "pkg.h"
#include "vm.h"

/* ----------------------------------------------------------------- bits */

uint64_t f64bits(double f)
{
    uint64_t u;
    memcpy(&u, &f, 8);
    return u;
}

double f64from(uint64_t u)
{
    double f;
    memcpy(&f, &u, 8);
    return f;
}

#define MASK 0x7FF
#define SHIFT 52
#define BIAS 1023
#define SIGNMASK ((uint64_t)1 << 63)
#define FRACMASK (((uint64_t)1 << SHIFT) - 1)
#define UVONE 0x3FF0000000000000ULL
#define UVNAN 0x7FF8000000000001ULL

#define PI 3.14159265358979323846264338327950288419716939937510582097494459
#define LN2 0.693147180559945309417232121458176568075500134360255254120680009
#define LN10 2.30258509299404568401799145468436420760110148862877297603332790
#define LOG2E 1.44269504088896340735992468100189213742664595415298593413544940   /* 1/Ln2 */
#define LOG10E 0.434294481903251827651128918916605082294397005803666566114453783 /* 1/Ln10 */
#define PI_2 1.57079632679489661923132169163975144209858469968755291048747229    /* Pi/2 */
#define PI_4 0.785398163397448309615660845819875721049292349843776455243736148   /* Pi/4 */
#define PI3_4 2.35619449019234492884698253745962716314787704953132936573120844   /* 3*Pi/4 */
#define FOUR_PI 1.27323954473516268615107010698011489627567716592365404729872372 /* 4/Pi */
#define SQRT2_2 0.707106781186547524400844362104849039284835937688474036588339869 /* Sqrt2/2 */

static double go_nan(void) { return f64from(UVNAN); }
static bool is_inf(double f, int sign) { return (sign >= 0 && f > DBL_MAX) || (sign <= 0 && f < -DBL_MAX); }

static double go_normalize(double x, int *exp)
{
    if (fabs(x) < 2.2250738585072014e-308) {
        *exp = -52;
        return x * 4503599627370496.0; /* 1 << 52 */
    }
    *exp = 0;
    return x;
}

static double go_frexp(double f, int *exp)
{
    *exp = 0;
    if (f == 0 || isinf(f) || isnan(f))
        return f;
    int e;
    f = go_normalize(f, &e);
    uint64_t x = f64bits(f);
    *exp = e + (int)((x >> SHIFT) & MASK) - BIAS + 1;
    x &= ~((uint64_t)MASK << SHIFT);
    x |= (uint64_t)(-1 + BIAS) << SHIFT;
    return f64from(x);
}

static double go_ldexp(double frac, int64_t exp)
{
    if (frac == 0 || isinf(frac) || isnan(frac))
        return frac;
    int e;
    frac = go_normalize(frac, &e);
    /* clamp so the sums below cannot overflow; the result is the same */
    if (exp > 100000)
        exp = 100000;
    if (exp < -100000)
        exp = -100000;
    exp += e;
    uint64_t x = f64bits(frac);
    exp += (int64_t)((x >> SHIFT) & MASK) - BIAS;
    if (exp < -1075)
        return copysign(0, frac);
    if (exp > 1023)
        return frac < 0 ? -INFINITY : INFINITY;
    double m = 1;
    if (exp < -1022) {
        exp += 53;
        m = 1.0 / 9007199254740992.0; /* 2**-53 */
    }
    x &= ~((uint64_t)MASK << SHIFT);
    x |= (uint64_t)(exp + BIAS) << SHIFT;
    return m * f64from(x);
}

static double go_modf(double f, double *frac)
{
    if (f < 1) {
        if (f < 0) {
            double i = go_modf(-f, frac);
            *frac = -*frac;
            return -i;
        }
        if (f == 0) {
            *frac = f;
            return f;
        }
        *frac = f;
        return 0;
    }
    uint64_t x = f64bits(f);
    unsigned e = (unsigned)((x >> SHIFT) & MASK) - BIAS;
    if (e < 64 - 12)
        x &= ~(((uint64_t)1 << (64 - 12 - e)) - 1);
    double i = f64from(x);
    *frac = f - i;
    return i;
}

/* ---------------------------------------------------------- exp and log */

/* Go's amd64 Exp (exp_amd64.s, after Shibata's SLEEF): a Taylor series
 * on x/16 squared back up four times.  Go takes the FMA path when the
 * CPU has AVX and FMA, and so do we. */
static int use_fma = -1;

double go_exp(double x)
{
    const double LN2U = 0.69314718055966295651160180568695068359375;
    const double LN2L = 0.28235290563031577122588448175013436025525412068e-12;
    const double C[] = {0.5, 1.0, 2.0, 1.6666666666666666667e-1, 4.1666666666666666667e-2,
                        8.3333333333333333333e-3, 1.3888888888888888889e-3,
                        1.9841269841269841270e-4, 2.4801587301587301587e-5};
    uint64_t bx = f64bits(x);
    if ((bx & ~SIGNMASK) >= 0x7FF0000000000000ULL) {
        if (bx == 0xFFF0000000000000ULL)
            return 0;
        return x; /* NaN or +Inf */
    }
    if (x > 7.09782712893384e+02)
        return INFINITY;
    double t = LOG2E * x;
    /* CVTSD2SL: round to nearest even; out of range gives INT32_MIN */
    int32_t k = (t >= 2147483647.5 || t < -2147483648.5) ? INT32_MIN : (int32_t)nearbyint(t);
    double kf = (double)k;
    double y;
    if (use_fma) {
        x = fma(-kf, LN2U, x);
        x = fma(-kf, LN2L, x);
        x *= 0.0625;
        y = C[8];
        y = fma(y, x, C[7]);
        y = fma(y, x, C[6]);
        y = fma(y, x, C[5]);
        y = fma(y, x, C[4]);
        y = fma(y, x, C[3]);
        y = fma(y, x, C[0]);
        y = fma(y, x, C[1]);
        x *= y;
        x *= x + C[2];
        x *= x + C[2];
        x *= x + C[2];
        x = fma(x, x + C[2], C[1]);
    } else {
        x -= kf * LN2U;
        x -= kf * LN2L;
        x *= 0.0625;
        y = C[8] * x + C[7];
        y = y * x + C[6];
        y = y * x + C[5];
        y = y * x + C[4];
        y = y * x + C[3];
        y = y * x + C[0];
        y = y * x + C[1];
        x *= y;
        x *= x + C[2];
        x *= x + C[2];
        x *= x + C[2];
        x *= x + C[2];
        x += C[1];
    }
    int64_t e = (int64_t)k + 0x3FF;
    if (e <= 0) {
        if (e < -52)
            return 0;
        e += 0x3FE;
        x *= f64from((uint64_t)e << 52);
        e = 1;
    } else if (e >= 0x7FF) {
        return INFINITY;
    }
    return x * f64from((uint64_t)e << 52);
}

/* Go's amd64 Log (log_amd64.s): FreeBSD's __ieee754_log with the
 * exponent taken straight from the bits. */
double go_log(double x)
{
    const double Ln2Hi = 6.93147180369123816490e-01, Ln2Lo = 1.90821492927058770002e-10;
    const double L1 = 6.666666666666735130e-01, L2 = 3.999999999940941908e-01,
                 L3 = 2.857142874366239149e-01, L4 = 2.222219843214978396e-01,
                 L5 = 1.818357216161805012e-01, L6 = 1.531383769920937332e-01,
                 L7 = 1.479819860511658591e-01;
    uint64_t bx = f64bits(x);
    if ((bx & ~SIGNMASK) == 0)
        return -INFINITY;
    if ((int64_t)bx < 0)
        return go_nan();
    if (bx >= 0x7FF0000000000000ULL)
        return x;
    double f1 = f64from((bx & 0x000FFFFFFFFFFFFFULL) | 0x3FE0000000000000ULL);
    double k = (double)((int)((bx >> 52) & 0x7FF) - 0x3FE);
    double adj = f1 <= SQRT2_2 ? 1.0 : 0.0; /* CMPSD NLT: !(Sqrt2/2 < f1) */
    k -= adj;
    f1 *= adj + 1.0;
    double f = f1 - 1.0;
    double s = f / (2.0 + f);
    double s2 = s * s;
    double s4 = s2 * s2;
    double t1 = s2 * (L1 + s4 * (L3 + s4 * (L5 + s4 * L7)));
    double t2 = s4 * (L2 + s4 * (L4 + s4 * L6));
    double R = t1 + t2;
    double hfsq = 0.5 * f * f;
    return k * Ln2Hi - ((hfsq - (s * (hfsq + R) + k * Ln2Lo)) - f);
}

static double go_log10(double x) { return go_log(x) * LOG10E; }

static double go_log2(double x)
{
    int exp;
    double frac = go_frexp(x, &exp);
    if (frac == 0.5)
        return (double)(exp - 1);
    return go_log(frac) * LOG2E + (double)exp;
}

static double go_expmulti(double hi, double lo, int k)
{
    const double P1 = 1.66666666666666657415e-01, P2 = -2.77777777770155933842e-03,
                 P3 = 6.61375632143793436117e-05, P4 = -1.65339022054652515390e-06,
                 P5 = 4.13813679705723846039e-08;
    double r = hi - lo;
    double t = r * r;
    double c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
    double y = 1 - ((lo - (r * c) / (2 - c)) - hi);
    return go_ldexp(y, k);
}

static double go_exp2(double x)
{
    const double Ln2Hi = 6.93147180369123816490e-01, Ln2Lo = 1.90821492927058770002e-10;
    if (isnan(x) || is_inf(x, 1))
        return x;
    if (is_inf(x, -1))
        return 0;
    if (x > 1.0239999999999999e+03)
        return INFINITY;
    if (x < -1.0740e+03)
        return 0;
    int k = 0;
    if (x > 0)
        k = (int)(x + 0.5);
    else if (x < 0)
        k = (int)(x - 0.5);
    double t = x - (double)k;
    double hi = t * Ln2Hi;
    double lo = -t * Ln2Lo;
    return go_expmulti(hi, lo, k);
}

static double go_expm1(double x)
{
    const double Othreshold = 7.09782712893383973096e+02, Ln2X56 = 3.88162421113569373274e+01,
                 Ln2HalfX3 = 1.03972077083991796413e+00, Ln2Half = 3.46573590279972654709e-01,
                 Ln2Hi = 6.93147180369123816490e-01, Ln2Lo = 1.90821492927058770002e-10,
                 InvLn2 = 1.44269504088896338700e+00, Tiny = 1.0 / 18014398509481984.0; /* 2**-54 */
    const double Q1 = -3.33333333333331316428e-02, Q2 = 1.58730158725481460165e-03,
                 Q3 = -7.93650757867487942473e-05, Q4 = 4.00821782732936239552e-06,
                 Q5 = -2.01099218183624371326e-07;
    if (is_inf(x, 1) || isnan(x))
        return x;
    if (is_inf(x, -1))
        return -1;
    double absx = x;
    bool sign = false;
    if (x < 0) {
        absx = -absx;
        sign = true;
    }
    if (absx >= Ln2X56) {
        if (sign)
            return -1;
        if (absx >= Othreshold)
            return INFINITY;
    }
    double c = 0;
    int k;
    if (absx > Ln2Half) {
        double hi, lo;
        if (absx < Ln2HalfX3) {
            if (!sign) {
                hi = x - Ln2Hi;
                lo = Ln2Lo;
                k = 1;
            } else {
                hi = x + Ln2Hi;
                lo = -Ln2Lo;
                k = -1;
            }
        } else {
            if (!sign)
                k = (int)(InvLn2 * x + 0.5);
            else
                k = (int)(InvLn2 * x - 0.5);
            double t = (double)k;
            hi = x - t * Ln2Hi;
            lo = t * Ln2Lo;
        }
        x = hi - lo;
        c = (hi - x) - lo;
    } else if (absx < Tiny) {
        return x;
    } else {
        k = 0;
    }
    double hfx = 0.5 * x;
    double hxs = x * hfx;
    double r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
    double t = 3 - r1 * hfx;
    double e = hxs * ((r1 - t) / (6.0 - x * t));
    if (k == 0)
        return x - (x * e - hxs);
    e = (x * (e - c) - c);
    e -= hxs;
    if (k == -1)
        return 0.5 * (x - e) - 0.5;
    if (k == 1) {
        if (x < -0.25)
            return -2 * (e - (x + 0.5));
        return 1 + 2 * (x - e);
    }
    if (k <= -2 || k > 56) {
        double y = 1 - (e - x);
        y = f64from(f64bits(y) + ((uint64_t)(int64_t)k << 52));
        return y - 1;
    }
    if (k < 20) {
        t = f64from(0x3ff0000000000000ULL - (0x20000000000000ULL >> k));
        double y = t - (e - x);
        return f64from(f64bits(y) + ((uint64_t)k << 52));
    }
    t = f64from((uint64_t)(0x3ff - k) << 52);
    double y = x - (e + t);
    y++;
    return f64from(f64bits(y) + ((uint64_t)k << 52));
}

static double go_log1p(double x)
{
    const double Sqrt2M1 = 4.142135623730950488017e-01, Sqrt2HalfM1 = -2.928932188134524755992e-01,
                 Small = 1.0 / 536870912.0, Tiny = 1.0 / 18014398509481984.0,
                 Two53 = 9007199254740992.0, Ln2Hi = 6.93147180369123816490e-01,
                 Ln2Lo = 1.90821492927058770002e-10;
    const double Lp1 = 6.666666666666735130e-01, Lp2 = 3.999999999940941908e-01,
                 Lp3 = 2.857142874366239149e-01, Lp4 = 2.222219843214978396e-01,
                 Lp5 = 1.818357216161805012e-01, Lp6 = 1.531383769920937332e-01,
                 Lp7 = 1.479819860511658591e-01;
    if (x < -1 || isnan(x))
        return go_nan();
    if (x == -1)
        return -INFINITY;
    if (is_inf(x, 1))
        return INFINITY;
    double absx = fabs(x);
    double f = 0;
    uint64_t iu = 0;
    int k = 1;
    if (absx < Sqrt2M1) {
        if (absx < Small) {
            if (absx < Tiny)
                return x;
            return x - x * x * 0.5;
        }
        if (x > Sqrt2HalfM1) {
            k = 0;
            f = x;
            iu = 1;
        }
    }
    double c = 0;
    if (k != 0) {
        double u;
        if (absx < Two53) {
            u = 1.0 + x;
            iu = f64bits(u);
            k = (int)((iu >> 52) - 1023);
            if (k > 0)
                c = 1.0 - (u - x);
            else
                c = x - (u - 1.0);
            c /= u;
        } else {
            u = x;
            iu = f64bits(u);
            k = (int)((iu >> 52) - 1023);
            c = 0;
        }
        iu &= 0x000fffffffffffffULL;
        if (iu < 0x0006a09e667f3bcdULL) {
            u = f64from(iu | 0x3ff0000000000000ULL);
        } else {
            k++;
            u = f64from(iu | 0x3fe0000000000000ULL);
            iu = (0x0010000000000000ULL - iu) >> 2;
        }
        f = u - 1.0;
    }
    double hfsq = 0.5 * f * f;
    double s, R, z;
    if (iu == 0) {
        if (f == 0) {
            if (k == 0)
                return 0;
            c += (double)k * Ln2Lo;
            return (double)k * Ln2Hi + c;
        }
        R = hfsq * (1.0 - 0.66666666666666666 * f);
        if (k == 0)
            return f - R;
        return (double)k * Ln2Hi - ((R - ((double)k * Ln2Lo + c)) - f);
    }
    s = f / (2.0 + f);
    z = s * s;
    R = z * (Lp1 + z * (Lp2 + z * (Lp3 + z * (Lp4 + z * (Lp5 + z * (Lp6 + z * Lp7))))));
    if (k == 0)
        return f - (hfsq - s * (hfsq + R));
    return (double)k * Ln2Hi - ((hfsq - (s * (hfsq + R) + ((double)k * Ln2Lo + c))) - f);
}

/* ----------------------------------------------------------------- pow */

static bool is_odd_int(double x)
{
    double xf;
    double xi = go_modf(x, &xf);
    return xf == 0 && ((int64_t)xi & 1) == 1;
}

double go_pow(double x, double y)
{
    if (y == 0 || x == 1)
        return 1;
    if (y == 1)
        return x;
    if (isnan(x) || isnan(y))
        return go_nan();
    if (x == 0) {
        if (y < 0)
            return is_odd_int(y) ? copysign(INFINITY, x) : INFINITY;
        if (y > 0)
            return is_odd_int(y) ? x : 0;
    } else if (isinf(y)) {
        if (x == -1)
            return 1;
        if ((fabs(x) < 1) == is_inf(y, 1))
            return 0;
        return INFINITY;
    } else if (isinf(x)) {
        if (is_inf(x, -1))
            return go_pow(1 / x, -y);
        if (y < 0)
            return 0;
        if (y > 0)
            return INFINITY;
    } else if (y == 0.5) {
        return sqrt(x);
    } else if (y == -0.5) {
        return 1 / sqrt(x);
    }
    double yf;
    double yi = go_modf(fabs(y), &yf);
    if (yf != 0 && x < 0)
        return go_nan();
    if (yi >= 9223372036854775808.0) {
        if (x == -1)
            return 1;
        if ((fabs(x) < 1) == (y > 0))
            return 0;
        return INFINITY;
    }
    double a1 = 1.0;
    int64_t ae = 0;
    if (yf != 0) {
        if (yf > 0.5) {
            yf--;
            yi++;
        }
        a1 = go_exp(yf * go_log(x));
    }
    int xe;
    double x1 = go_frexp(x, &xe);
    int64_t xe64 = xe;
    for (int64_t i = (int64_t)yi; i != 0; i >>= 1) {
        if (xe64 < -(1 << 12) || (1 << 12) < xe64) {
            ae += xe64;
            break;
        }
        if ((i & 1) == 1) {
            a1 *= x1;
            ae += xe64;
        }
        x1 *= x1;
        xe64 *= 2; /* Go: xe <<= 1 (xe is bounded by the check above) */
        if (x1 < .5) {
            x1 += x1;
            xe64--;
        }
    }
    if (y < 0) {
        a1 = 1 / a1;
        ae = -ae;
    }
    return go_ldexp(a1, ae);
}

static double go_pow10(int64_t n)
{
    static const double tab[] = {1e00, 1e01, 1e02, 1e03, 1e04, 1e05, 1e06, 1e07, 1e08, 1e09, 1e10,
                                 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21,
                                 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28, 1e29, 1e30, 1e31};
    static const double pos32[] = {1e00, 1e32, 1e64, 1e96, 1e128, 1e160, 1e192, 1e224, 1e256, 1e288};
    static const double neg32[] = {1e-00, 1e-32, 1e-64, 1e-96, 1e-128, 1e-160, 1e-192, 1e-224, 1e-256, 1e-288, 1e-320};
    if (n >= 0 && n <= 308)
        return pos32[n / 32] * tab[n % 32];
    if (n >= -323 && n <= 0)
        return neg32[-n / 32] / tab[-n % 32];
    return n > 0 ? INFINITY : 0;
}

/* ---------------------------------------------------------- trigonometry */

static const double sin_c[] = {
    1.58962301576546568060e-10, -2.50507477628578072866e-8, 2.75573136213857245213e-6,
    -1.98412698295895385996e-4, 8.33333333332211858878e-3,  -1.66666666666666307295e-1,
};
static const double cos_c[] = {
    -1.13585365213876817300e-11, 2.08757008419747316778e-9, -2.75573141792967388112e-7,
    2.48015872888517045348e-5,   -1.38888888888730564116e-3, 4.16666666666665929218e-2,
};

#define PI4A 7.85398125648498535156e-1
#define PI4B 3.77489470793079817668e-8
#define PI4C 2.69515142907905952645e-15
#define REDUCE_THRESHOLD 536870912.0 /* 1 << 29 */

static const uint64_t mpi4[] = {
    0x0000000000000001ULL, 0x45f306dc9c882a53ULL, 0xf84eafa3ea69bb81ULL, 0xb6c52b3278872083ULL,
    0xfca2c757bd778ac3ULL, 0x6e48dc74849ba5c0ULL, 0x0c925dd413a32439ULL, 0xfc3bd63962534e7dULL,
    0xd1046bea5d768909ULL, 0xd338e04d68befc82ULL, 0x7323ac7306a673e9ULL, 0x3908bf177bf25076ULL,
    0x3ff12fffbc0b301fULL, 0xde5e2316b414da3eULL, 0xda6cfd9e4f96136eULL, 0x9e8c7ecd3cbfd45aULL,
    0xea4f758fd7cbe2f6ULL, 0x7a0e73ef14a525d4ULL, 0xd7f6bf623f1aba10ULL, 0xac06608df8f6d757ULL,
};

/* Payne-Hanek reduction of a huge x: the octant j and x - j*Pi/4. */
static double trig_reduce(double x, uint64_t *jout)
{
    if (x < PI_4) {
        *jout = 0;
        return x;
    }
    uint64_t ix = f64bits(x);
    int exp = (int)((ix >> SHIFT) & MASK) - BIAS - SHIFT;
    ix &= ~((uint64_t)MASK << SHIFT);
    ix |= (uint64_t)1 << SHIFT;
    unsigned digit = (unsigned)(exp + 61) / 64, bitshift = (unsigned)(exp + 61) % 64;
    /* Go's x >> 64 is 0; C's is undefined */
#define SHR(v, n) ((n) >= 64 ? 0 : (v) >> (n))
#define SHL(v, n) ((n) >= 64 ? 0 : (v) << (n))
    uint64_t z0 = SHL(mpi4[digit], bitshift) | SHR(mpi4[digit + 1], 64 - bitshift);
    uint64_t z1 = SHL(mpi4[digit + 1], bitshift) | SHR(mpi4[digit + 2], 64 - bitshift);
    uint64_t z2 = SHL(mpi4[digit + 2], bitshift) | SHR(mpi4[digit + 3], 64 - bitshift);
    unsigned __int128 p2 = (unsigned __int128)z2 * ix;
    unsigned __int128 p1 = (unsigned __int128)z1 * ix;
    uint64_t z2hi = (uint64_t)(p2 >> 64);
    uint64_t z1hi = (uint64_t)(p1 >> 64), z1lo = (uint64_t)p1;
    uint64_t z0lo = z0 * ix;
    uint64_t lo = z1lo + z2hi;
    uint64_t carry = lo < z1lo;
    uint64_t hi = z0lo + z1hi + carry;
    uint64_t j = hi >> 61;
    hi = hi << 3 | lo >> 61;
    unsigned lz = hi ? (unsigned)__builtin_clzll(hi) : 64;
    uint64_t e = (uint64_t)(BIAS - (lz + 1));
    hi = SHL(hi, lz + 1) | SHR(lo, 64 - (lz + 1));
    hi >>= 64 - SHIFT;
    hi |= e << SHIFT;
#undef SHR
#undef SHL
    double z = f64from(hi);
    if (j & 1) {
        j++;
        j &= 7;
        z--;
    }
    *jout = j;
    return z * PI_4;
}

/* The octant of x >= 0 and the reduced argument z. */
static double trig_octant(double x, uint64_t *jout)
{
    if (x >= REDUCE_THRESHOLD)
        return trig_reduce(x, jout);
    uint64_t j = (uint64_t)(x * FOUR_PI);
    double y = (double)j;
    if (j & 1) {
        j++;
        y++;
    }
    j &= 7;
    *jout = j;
    return ((x - y * PI4A) - y * PI4B) - y * PI4C;
}

static double sin_poly(double z, double zz)
{
    return z + z * zz * ((((((sin_c[0] * zz) + sin_c[1]) * zz + sin_c[2]) * zz + sin_c[3]) * zz + sin_c[4]) * zz + sin_c[5]);
}

static double cos_poly(double zz)
{
    return 1.0 - 0.5 * zz + zz * zz * ((((((cos_c[0] * zz) + cos_c[1]) * zz + cos_c[2]) * zz + cos_c[3]) * zz + cos_c[4]) * zz + cos_c[5]);
}

double go_cos(double x)
{
    if (isnan(x) || isinf(x))
        return go_nan();
    bool sign = false;
    x = fabs(x);
    uint64_t j;
    double z = trig_octant(x, &j);
    if (j > 3) {
        j -= 4;
        sign = !sign;
    }
    if (j > 1)
        sign = !sign;
    double zz = z * z;
    double y = (j == 1 || j == 2) ? sin_poly(z, zz) : cos_poly(zz);
    return sign ? -y : y;
}

double go_sin(double x)
{
    if (x == 0 || isnan(x))
        return x;
    if (isinf(x))
        return go_nan();
    bool sign = false;
    if (x < 0) {
        x = -x;
        sign = true;
    }
    uint64_t j;
    double z = trig_octant(x, &j);
    if (j > 3) {
        sign = !sign;
        j -= 4;
    }
    double zz = z * z;
    double y = (j == 1 || j == 2) ? cos_poly(zz) : sin_poly(z, zz);
    return sign ? -y : y;
}

void go_sincos(double x, double *s, double *c)
{
    if (x == 0) {
        *s = x;
        *c = 1;
        return;
    }
    if (isnan(x) || isinf(x)) {
        *s = *c = go_nan();
        return;
    }
    bool sinsign = false, cossign = false;
    if (x < 0) {
        x = -x;
        sinsign = true;
    }
    uint64_t j;
    double z = trig_octant(x, &j);
    if (j > 3) {
        j -= 4;
        sinsign = !sinsign;
        cossign = !cossign;
    }
    if (j > 1)
        cossign = !cossign;
    double zz = z * z;
    double cv = cos_poly(zz), sv = sin_poly(z, zz);
    if (j == 1 || j == 2) {
        double t = sv;
        sv = cv;
        cv = t;
    }
    *c = cossign ? -cv : cv;
    *s = sinsign ? -sv : sv;
}

static double go_tan(double x)
{
    static const double P[] = {-1.30936939181383777646e4, 1.15351664838587416140e6, -1.79565251976484877988e7};
    static const double Q[] = {1.0, 1.36812963470692954678e4, -1.32089234440210967447e6,
                               2.50083801823357915839e7, -5.38695755929454629881e7};
    if (x == 0 || isnan(x))
        return x;
    if (isinf(x))
        return go_nan();
    bool sign = false;
    if (x < 0) {
        x = -x;
        sign = true;
    }
    uint64_t j;
    double z;
    if (x >= REDUCE_THRESHOLD) {
        z = trig_reduce(x, &j);
    } else {
        j = (uint64_t)(x * FOUR_PI);
        double y = (double)j;
        if (j & 1) {
            j++;
            y++;
        }
        z = ((x - y * PI4A) - y * PI4B) - y * PI4C;
    }
    double zz = z * z, y;
    if (zz > 1e-14)
        y = z + z * (zz * (((P[0] * zz) + P[1]) * zz + P[2]) / ((((zz + Q[1]) * zz + Q[2]) * zz + Q[3]) * zz + Q[4]));
    else
        y = z;
    if (j & 2)
        y = -1 / y;
    return sign ? -y : y;
}

static double xatan(double x)
{
    const double P0 = -8.750608600031904122785e-01, P1 = -1.615753718733365076637e+01,
                 P2 = -7.500855792314704667340e+01, P3 = -1.228866684490136173410e+02,
                 P4 = -6.485021904942025371773e+01, Q0 = +2.485846490142306297962e+01,
                 Q1 = +1.650270098316988542046e+02, Q2 = +4.328810604912902668951e+02,
                 Q3 = +4.853903996359136964868e+02, Q4 = +1.945506571482613964425e+02;
    double z = x * x;
    z = z * ((((P0 * z + P1) * z + P2) * z + P3) * z + P4) / (((((z + Q0) * z + Q1) * z + Q2) * z + Q3) * z + Q4);
    return x * z + x;
}

static double satan(double x)
{
    const double Morebits = 6.123233995736765886130e-17, Tan3pio8 = 2.41421356237309504880;
    if (x <= 0.66)
        return xatan(x);
    if (x > Tan3pio8)
        return PI_2 - xatan(1 / x) + Morebits;
    return PI_4 + xatan((x - 1) / (x + 1)) + 0.5 * Morebits;
}

double go_atan(double x)
{
    if (x == 0)
        return x;
    if (x > 0)
        return satan(x);
    return -satan(-x);
}

double go_asin(double x)
{
    if (x == 0)
        return x;
    bool sign = false;
    if (x < 0) {
        x = -x;
        sign = true;
    }
    if (x > 1)
        return go_nan();
    double temp = sqrt(1 - x * x);
    if (x > 0.7)
        temp = PI_2 - satan(temp / x);
    else
        temp = satan(x / temp);
    return sign ? -temp : temp;
}

static double go_acos(double x) { return PI_2 - go_asin(x); }

double go_atan2(double y, double x)
{
    if (isnan(y) || isnan(x))
        return go_nan();
    if (y == 0) {
        if (x >= 0 && !signbit(x))
            return copysign(0, y);
        return copysign(PI, y);
    }
    if (x == 0)
        return copysign(PI_2, y);
    if (isinf(x)) {
        if (is_inf(x, 1))
            return isinf(y) ? copysign(PI_4, y) : copysign(0, y);
        return isinf(y) ? copysign(PI3_4, y) : copysign(PI, y);
    }
    if (isinf(y))
        return copysign(PI_2, y);
    double q = go_atan(y / x);
    if (x < 0) {
        if (q <= 0)
            return q + PI;
        return q - PI;
    }
    return q;
}

/* ------------------------------------------------------------ hyperbolic */

double go_sinh(double x)
{
    const double P0 = -0.6307673640497716991184787251e+6, P1 = -0.8991272022039509355398013511e+5,
                 P2 = -0.2894211355989563807284660366e+4, P3 = -0.2630563213397497062819489e+2,
                 Q0 = -0.6307673640497716991212077277e+6, Q1 = 0.1521517378790019070696485176e+5,
                 Q2 = -0.173678953558233699533450911e+3;
    bool sign = false;
    if (x < 0) {
        x = -x;
        sign = true;
    }
    double temp;
    if (x > 21) {
        temp = go_exp(x) * 0.5;
    } else if (x > 0.5) {
        double ex = go_exp(x);
        temp = (ex - 1 / ex) * 0.5;
    } else {
        double sq = x * x;
        temp = (((P3 * sq + P2) * sq + P1) * sq + P0) * x;
        temp = temp / (((sq + Q2) * sq + Q1) * sq + Q0);
    }
    return sign ? -temp : temp;
}

double go_cosh(double x)
{
    x = fabs(x);
    if (x > 21)
        return go_exp(x) * 0.5;
    double ex = go_exp(x);
    return (ex + 1 / ex) * 0.5;
}

static double go_tanh(double x)
{
    static const double P[] = {-9.64399179425052238628e-1, -9.92877231001918586564e1, -1.61468768441708447952e3};
    static const double Q[] = {1.12811678491632931402e2, 2.23548839060100448583e3, 4.84406305325125486048e3};
    const double MAXLOG = 8.8029691931113054295988e+01;
    double z = fabs(x);
    if (z > 0.5 * MAXLOG)
        return x < 0 ? -1 : 1;
    if (z >= 0.625) {
        double s = go_exp(2 * z);
        z = 1 - 2 / (s + 1);
        return x < 0 ? -z : z;
    }
    if (x == 0)
        return x;
    double s = x * x;
    return x + x * s * ((P[0] * s + P[1]) * s + P[2]) / (((s + Q[0]) * s + Q[1]) * s + Q[2]);
}

double go_asinh(double x)
{
    const double Ln2 = 6.93147180559945286227e-01, NearZero = 1.0 / 268435456.0, Large = 268435456.0;
    if (isnan(x) || isinf(x))
        return x;
    bool sign = false;
    if (x < 0) {
        x = -x;
        sign = true;
    }
    double temp;
    if (x > Large)
        temp = go_log(x) + Ln2;
    else if (x > 2)
        temp = go_log(2 * x + 1 / (sqrt(x * x + 1) + x));
    else if (x < NearZero)
        temp = x;
    else
        temp = go_log1p(x + x * x / (1 + sqrt(1 + x * x)));
    return sign ? -temp : temp;
}

static double go_acosh(double x)
{
    const double Large = 268435456.0;
    if (x < 1 || isnan(x))
        return go_nan();
    if (x == 1)
        return 0;
    if (x >= Large)
        return go_log(x) + LN2;
    if (x > 2)
        return go_log(2 * x - 1 / (x + sqrt(x * x - 1)));
    double t = x - 1;
    return go_log1p(t + sqrt(2 * t + t * t));
}

double go_atanh(double x)
{
    const double NearZero = 1.0 / 268435456.0;
    if (x < -1 || x > 1 || isnan(x))
        return go_nan();
    if (x == 1)
        return INFINITY;
    if (x == -1)
        return -INFINITY;
    bool sign = false;
    if (x < 0) {
        x = -x;
        sign = true;
    }
    double temp;
    if (x < NearZero) {
        temp = x;
    } else if (x < 0.5) {
        temp = x + x;
        temp = 0.5 * go_log1p(temp + temp * x / (1 - x));
    } else {
        temp = 0.5 * go_log1p((x + x) / (1 - x));
    }
    return sign ? -temp : temp;
}

/* --------------------------------------------------------------- others */

static double go_cbrt(double x)
{
    const uint64_t B1 = 715094163, B2 = 696219795;
    const double C = 5.42857142857142815906e-01, D = -7.05306122448979611050e-01,
                 E = 1.41428571428571436819e+00, F = 1.60714285714285720630e+00,
                 G5_14 = 3.57142857142857150787e-01, SmallestNormal = 2.22507385850720138309e-308;
    if (x == 0 || isnan(x) || isinf(x))
        return x;
    bool sign = false;
    if (x < 0) {
        x = -x;
        sign = true;
    }
    double t = f64from(f64bits(x) / 3 + (B1 << 32));
    if (x < SmallestNormal) {
        t = 18014398509481984.0; /* 1 << 54 */
        t *= x;
        t = f64from(f64bits(t) / 3 + (B2 << 32));
    }
    double r = t * t / x;
    double s = C + r * t;
    t *= G5_14 + F / (s + E + D / s);
    t = f64from((f64bits(t) & (0xFFFFFFFFCULL << 28)) + (1ULL << 30));
    s = t * t;
    r = x / s;
    double w = t + t;
    r = (r - t) / (w + r);
    t = t + t * r;
    return sign ? -t : t;
}

/* Go's amd64 Hypot (hypot_amd64.s). */
double go_hypot(double p, double q)
{
    uint64_t bp = f64bits(p) & ~SIGNMASK, bq = f64bits(q) & ~SIGNMASK;
    const uint64_t inf = 0x7FF0000000000000ULL;
    if (bp >= inf || bq >= inf) {
        if (bp == inf || bq == inf)
            return INFINITY;
        return go_nan();
    }
    if ((bp | bq) == 0)
        return 0;
    p = f64from(bp);
    q = f64from(bq);
    double big = p > q ? p : q, small = q < p ? q : p;
    small /= big;
    small *= small;
    small += 1.0;
    return big * sqrt(small);
}

static double go_stirling(double x, double *y2out)
{
    static const double S[] = {7.87311395793093628397e-04, -2.29549961613378126380e-04,
                               -2.68132617805781232825e-03, 3.47222221605458667310e-03,
                               8.33333333333482257126e-02};
    const double SqrtTwoPi = 2.506628274631000502417, MaxStirling = 143.01608;
    if (x > 200) {
        *y2out = 1;
        return INFINITY;
    }
    double w = 1 / x;
    w = 1 + w * ((((S[0] * w + S[1]) * w + S[2]) * w + S[3]) * w + S[4]);
    double y1 = go_exp(x);
    double y2 = 1.0;
    if (x > MaxStirling) {
        double v = go_pow(x, 0.5 * x - 0.25);
        y2 = v / y1;
        y1 = v;
    } else {
        y1 = go_pow(x, x - 0.5) / y1;
    }
    *y2out = SqrtTwoPi * w * y2;
    return y1;
}

static bool is_neg_int(double x)
{
    if (x < 0) {
        double xf;
        go_modf(x, &xf);
        return xf == 0;
    }
    return false;
}

static double go_gamma(double x)
{
    static const double P[] = {1.60119522476751861407e-04, 1.19135147006586384913e-03,
                               1.04213797561761569935e-02, 4.76367800457137231464e-02,
                               2.07448227648435975150e-01, 4.94214826801497100753e-01,
                               9.99999999999999996796e-01};
    static const double Q[] = {-2.31581873324120129819e-05, 5.39605580493303397842e-04,
                               -4.45641913851797240494e-03, 1.18139785222060435552e-02,
                               3.58236398605498653373e-02,  -2.34591795718243348568e-01,
                               7.14304917030273074085e-02,  1.00000000000000000320e+00};
    const double Euler = 0.57721566490153286060651209008240243104215933593992;
    if (is_neg_int(x) || is_inf(x, -1) || isnan(x))
        return go_nan();
    if (is_inf(x, 1))
        return INFINITY;
    if (x == 0)
        return signbit(x) ? -INFINITY : INFINITY;
    double q = fabs(x);
    double p = floor(q);
    if (q > 33) {
        if (x >= 0) {
            double y2, y1 = go_stirling(x, &y2);
            return y1 * y2;
        }
        int signgam = 1;
        int64_t ip = (int64_t)p;
        if ((ip & 1) == 0)
            signgam = -1;
        double z = q - p;
        if (z > 0.5) {
            p = p + 1;
            z = q - p;
        }
        z = q * go_sin(PI * z);
        if (z == 0)
            return signgam < 0 ? -INFINITY : INFINITY;
        double sq2, sq1 = go_stirling(q, &sq2);
        double absz = fabs(z);
        double d = absz * sq1 * sq2;
        if (isinf(d))
            z = PI / absz / sq1 / sq2;
        else
            z = PI / d;
        return (double)signgam * z;
    }
    double z = 1.0;
    while (x >= 3) {
        x = x - 1;
        z = z * x;
    }
    while (x < 0) {
        if (x > -1e-09)
            goto small;
        z = z / x;
        x = x + 1;
    }
    while (x < 2) {
        if (x < 1e-09)
            goto small;
        z = z / x;
        x = x + 1;
    }
    if (x == 2)
        return z;
    x = x - 2;
    p = (((((x * P[0] + P[1]) * x + P[2]) * x + P[3]) * x + P[4]) * x + P[5]) * x + P[6];
    q = ((((((x * Q[0] + Q[1]) * x + Q[2]) * x + Q[3]) * x + Q[4]) * x + Q[5]) * x + Q[6]) * x + Q[7];
    return z * p / q;
small:
    if (x == 0)
        return INFINITY;
    return z / ((1 + Euler * x) * x);
}

double go_mod(double x, double y)
{
    if (y == 0 || isinf(x) || isnan(x) || isnan(y))
        return go_nan();
    y = fabs(y);
    int yexp;
    double yfr = go_frexp(y, &yexp);
    double r = x < 0 ? -x : x;
    while (r >= y) {
        int rexp;
        double rfr = go_frexp(r, &rexp);
        if (rfr < yfr)
            rexp = rexp - 1;
        r = r - go_ldexp(y, rexp - yexp);
    }
    return x < 0 ? -r : r;
}

static double go_remainder(double x, double y)
{
    const double Tiny = 4.45014771701440276618e-308, HalfMax = DBL_MAX / 2;
    if (isnan(x) || isnan(y) || isinf(x) || y == 0)
        return go_nan();
    if (isinf(y))
        return x;
    bool sign = false;
    if (x < 0) {
        x = -x;
        sign = true;
    }
    if (y < 0)
        y = -y;
    if (x == y)
        return sign ? -0.0 : 0.0;
    if (y <= HalfMax)
        x = go_mod(x, y + y);
    if (y < Tiny) {
        if (x + x > y) {
            x -= y;
            if (x + x >= y)
                x -= y;
        }
    } else {
        double yhalf = 0.5 * y;
        if (x > yhalf) {
            x -= y;
            if (x >= yhalf)
                x -= y;
        }
    }
    return sign ? -x : x;
}

static double go_max(double x, double y)
{
    if (is_inf(x, 1) || is_inf(y, 1))
        return INFINITY;
    if (isnan(x) || isnan(y))
        return go_nan();
    if (x == 0 && x == y)
        return signbit(x) ? y : x;
    return x > y ? x : y;
}

static double go_min(double x, double y)
{
    if (is_inf(x, -1) || is_inf(y, -1))
        return -INFINITY;
    if (isnan(x) || isnan(y))
        return go_nan();
    if (x == 0 && x == y)
        return signbit(x) ? x : y;
    return x < y ? x : y;
}

static double go_dim(double x, double y)
{
    double v = x - y;
    return v <= 0 ? 0 : v;
}

static double go_round(double x)
{
    uint64_t bits = f64bits(x);
    unsigned e = (unsigned)(bits >> SHIFT) & MASK;
    if (e < BIAS) {
        bits &= SIGNMASK;
        if (e == BIAS - 1)
            bits |= UVONE;
    } else if (e < BIAS + SHIFT) {
        const uint64_t half = (uint64_t)1 << (SHIFT - 1);
        e -= BIAS;
        bits += half >> e;
        bits &= ~(FRACMASK >> e);
    }
    return f64from(bits);
}

static double go_round_to_even(double x)
{
    uint64_t bits = f64bits(x);
    unsigned e = (unsigned)(bits >> SHIFT) & MASK;
    if (e >= BIAS) {
        const uint64_t half_minus_ulp = ((uint64_t)1 << (SHIFT - 1)) - 1;
        e -= BIAS;
        /* Go's shifts by >= 64 give 0; e < 64 whenever they matter */
        if (e < SHIFT) {
            bits += (half_minus_ulp + ((bits >> (SHIFT - e)) & 1)) >> e;
            bits &= ~(FRACMASK >> e);
        }
    } else if (e == BIAS - 1 && (bits & FRACMASK) != 0) {
        bits = (bits & SIGNMASK) | UVONE;
    } else {
        bits &= SIGNMASK;
    }
    return f64from(bits);
}

static double go_nextafter(double x, double y)
{
    if (isnan(x) || isnan(y))
        return go_nan();
    if (x == y)
        return x;
    if (x == 0)
        return copysign(f64from(1), y);
    if ((y > x) == (x > 0))
        return f64from(f64bits(x) + 1);
    return f64from(f64bits(x) - 1);
}

static int64_t go_ilogb_raw(double x)
{
    int exp;
    x = go_normalize(x, &exp);
    return (int64_t)((f64bits(x) >> SHIFT) & MASK) - BIAS + exp;
}

static double go_logb(double x)
{
    if (x == 0)
        return -INFINITY;
    if (isinf(x))
        return INFINITY;
    if (isnan(x))
        return x;
    return (double)go_ilogb_raw(x);
}

static double go_abs(double x) { return f64from(f64bits(x) & ~SIGNMASK); }

/* -------------------------------------------------------------- natives */

static int bad_num(G *g, const char *fn, int i)
{
    return goro_runtime_error(g, "math.%s: argument %d must be a number", fn, i + 1);
}

static int bad_int(G *g, const char *fn, int i)
{
    return goro_runtime_error(g, "math.%s: argument %d must be an integer", fn, i + 1);
}


/* Inverse error function: the rational approximations of Wichura's
 * algorithm AS 241 (percentage points of the normal distribution), with
 * its coefficients rescaled for erf as Go's math.Erfinv has them. */
static double poly7(const double *k, double r)
{
    double z = k[7];
    for (int i = 6; i >= 0; i--)
        z = z * r + k[i];
    return z;
}

static double go_erfinv(double x)
{
    static const double a[] = {1.1975323115670912564578e0, 4.7072688112383978012285e1,
        6.9706266534389598238465e2, 4.8548868893843886794648e3, 1.6235862515167575384252e4,
        2.3782041382114385731252e4, 1.1819493347062294404278e4, 8.8709406962545514830200e2};
    static const double b[] = {1.0000000000000000000e0, 4.2313330701600911252e1,
        6.8718700749205790830e2, 5.3941960214247511077e3, 2.1213794301586595867e4,
        3.9307895800092710610e4, 2.8729085735721942674e4, 5.2264952788528545610e3};
    static const double c[] = {1.42343711074968357734e0, 4.63033784615654529590e0,
        5.76949722146069140550e0, 3.64784832476320460504e0, 1.27045825245236838258e0,
        2.41780725177450611770e-1, 2.27238449892691845833e-2, 7.74545014278341407640e-4};
    static const double d[] = {1.4142135623730950488016887e0, 2.9036514445419946173133295e0,
        2.3707661626024532365971225e0, 9.7547832001787427186894837e-1,
        2.0945065210512749128288442e-1, 2.1494160384252876777097297e-2,
        7.7441459065157709165577218e-4, 1.4859850019840355905497876e-9};
    static const double e[] = {6.65790464350110377720e0, 5.46378491116411436990e0,
        1.78482653991729133580e0, 2.96560571828504891230e-1, 2.65321895265761230930e-2,
        1.24266094738807843860e-3, 2.71155556874348757815e-5, 2.01033439929228813265e-7};
    static const double f[] = {1.414213562373095048801689e0, 8.482908416595164588112026e-1,
        1.936480946950659106176712e-1, 2.103693768272068968719679e-2,
        1.112800997078859844711555e-3, 2.611088405080593625138020e-5,
        2.010321207683943062279931e-7, 2.891024605872965461538222e-15};
    if (isnan(x) || x <= -1 || x >= 1)
        return x == 1 ? INFINITY : x == -1 ? -INFINITY : NAN;
    double ax = fabs(x), ans;
    if (ax <= 0.85) {
        double r = 0.180625 - 0.25 * ax * ax;
        ans = ax * poly7(a, r) / poly7(b, r);
    } else {
        double r = sqrt(M_LN2 - go_log(1.0 - ax));
        if (r <= 5.0)
            ans = poly7(c, r - 1.6) / poly7(d, r - 1.6);
        else
            ans = poly7(e, r - 5.0) / poly7(f, r - 5.0);
    }
    return x < 0 ? -ans : ans;
}

#define UNARY(name, expr)                                           \
    static int m_##name(G *g, Value *args, int nargs, Value *res)   \
    {                                                               \
        double x;                                                   \
        if (!goro_arg_float(args, nargs, 0, &x))                           \
            return bad_num(g, #name, 0);                            \
        res[0] = goro_float(expr);                                  \
        return 1;                                                   \
    }

#define BINARY(name, expr)                                          \
    static int m_##name(G *g, Value *args, int nargs, Value *res)   \
    {                                                               \
        double x, y;                                                \
        if (!goro_arg_float(args, nargs, 0, &x))                           \
            return bad_num(g, #name, 0);                            \
        if (!goro_arg_float(args, nargs, 1, &y))                           \
            return bad_num(g, #name, 1);                            \
        res[0] = goro_float(expr);                                  \
        return 1;                                                   \
    }

UNARY(Abs, go_abs(x))
UNARY(Ceil, ceil(x))
UNARY(Floor, floor(x))
UNARY(Trunc, trunc(x))
UNARY(Round, go_round(x))
UNARY(RoundToEven, go_round_to_even(x))
UNARY(Sqrt, sqrt(x))
UNARY(Cbrt, go_cbrt(x))
UNARY(Exp, go_exp(x))
UNARY(Exp2, go_exp2(x))
UNARY(Expm1, go_expm1(x))
UNARY(Log, go_log(x))
UNARY(Log2, go_log2(x))
UNARY(Log10, go_log10(x))
UNARY(Log1p, go_log1p(x))
UNARY(Logb, go_logb(x))
UNARY(Sin, go_sin(x))
UNARY(Cos, go_cos(x))
UNARY(Tan, go_tan(x))
UNARY(Asin, go_asin(x))
UNARY(Acos, go_acos(x))
UNARY(Atan, go_atan(x))
UNARY(Sinh, go_sinh(x))
UNARY(Cosh, go_cosh(x))
UNARY(Tanh, go_tanh(x))
UNARY(Asinh, go_asinh(x))
UNARY(Acosh, go_acosh(x))
UNARY(Atanh, go_atanh(x))
UNARY(Gamma, go_gamma(x))
BINARY(Pow, go_pow(x, y))
BINARY(Atan2, go_atan2(x, y))
BINARY(Hypot, go_hypot(x, y))
BINARY(Max, go_max(x, y))
BINARY(Min, go_min(x, y))
BINARY(Mod, go_mod(x, y))
BINARY(Remainder, go_remainder(x, y))
BINARY(Dim, go_dim(x, y))
BINARY(Copysign, copysign(x, y))
BINARY(Nextafter, go_nextafter(x, y))
/* the special functions are Go's fdlibm ports, in math_special.c */
UNARY(Erf, go_erf(x))
UNARY(Erfc, go_erfc(x))
UNARY(Erfinv, go_erfinv(x))
UNARY(Erfcinv, go_erfinv(1 - x))
UNARY(J0, go_j0(x))
UNARY(J1, go_j1(x))
UNARY(Y0, go_y0(x))
UNARY(Y1, go_y1(x))

static int bessel_n(G *g, Value *args, int nargs, Value *res, const char *name,
                    double (*fn)(int64_t, double))
{
    double x;
    if (nargs < 1 || VKIND(args[0]) != VK_INT)
        return bad_num(g, name, 0);
    if (!goro_arg_float(args, nargs, 1, &x))
        return bad_num(g, name, 1);
    res[0] = goro_float(fn(args[0].u.i, x));
    return 1;
}

static int m_Jn(G *g, Value *args, int nargs, Value *res) { return bessel_n(g, args, nargs, res, "Jn", go_jn); }
static int m_Yn(G *g, Value *args, int nargs, Value *res) { return bessel_n(g, args, nargs, res, "Yn", go_yn); }

static int m_Lgamma(G *g, Value *args, int nargs, Value *res)
{
    double x;
    if (!goro_arg_float(args, nargs, 0, &x))
        return bad_num(g, "Lgamma", 0);
    int sign = 1;
    res[0] = goro_float(go_lgamma(x, &sign));
    res[1] = goro_int(sign);
    return 2;
}

static int m_Nextafter32(G *g, Value *args, int nargs, Value *res)
{
    double x, y;
    if (!goro_arg_float(args, nargs, 0, &x))
        return bad_num(g, "Nextafter32", 0);
    if (!goro_arg_float(args, nargs, 1, &y))
        return bad_num(g, "Nextafter32", 1);
    res[0] = goro_float((double)nextafterf((float)x, (float)y));
    res[0].tt = TT(VK_FLOAT, goro_t_float32->id);
    return 1;
}

static int m_FMA(G *g, Value *args, int nargs, Value *res)
{
    double x, y, z;
    for (int i = 0; i < 3; i++)
        if (!goro_arg_float(args, nargs, i, i == 0 ? &x : i == 1 ? &y : &z))
            return bad_num(g, "FMA", i);
    res[0] = goro_float(fma(x, y, z));
    return 1;
}

static int m_Modf(G *g, Value *args, int nargs, Value *res)
{
    double x, frac;
    if (!goro_arg_float(args, nargs, 0, &x))
        return bad_num(g, "Modf", 0);
    res[0] = goro_float(go_modf(x, &frac));
    res[1] = goro_float(frac);
    return 2;
}

static int m_Sincos(G *g, Value *args, int nargs, Value *res)
{
    double x, s, c;
    if (!goro_arg_float(args, nargs, 0, &x))
        return bad_num(g, "Sincos", 0);
    go_sincos(x, &s, &c);
    res[0] = goro_float(s);
    res[1] = goro_float(c);
    return 2;
}

static int m_Frexp(G *g, Value *args, int nargs, Value *res)
{
    double x;
    int exp;
    if (!goro_arg_float(args, nargs, 0, &x))
        return bad_num(g, "Frexp", 0);
    res[0] = goro_float(go_frexp(x, &exp));
    res[1] = goro_int(exp);
    return 2;
}

static int m_Ldexp(G *g, Value *args, int nargs, Value *res)
{
    double x;
    int64_t e;
    if (!goro_arg_float(args, nargs, 0, &x))
        return bad_num(g, "Ldexp", 0);
    if (!goro_arg_int(args, nargs, 1, &e))
        return bad_int(g, "Ldexp", 1);
    res[0] = goro_float(go_ldexp(x, e));
    return 1;
}

static int m_Ilogb(G *g, Value *args, int nargs, Value *res)
{
    double x;
    if (!goro_arg_float(args, nargs, 0, &x))
        return bad_num(g, "Ilogb", 0);
    int64_t r;
    if (x == 0)
        r = INT32_MIN;
    else if (isnan(x) || isinf(x))
        r = INT32_MAX;
    else
        r = go_ilogb_raw(x);
    res[0] = goro_int(r);
    return 1;
}

static int m_Pow10(G *g, Value *args, int nargs, Value *res)
{
    int64_t n;
    if (!goro_arg_int(args, nargs, 0, &n))
        return bad_int(g, "Pow10", 0);
    res[0] = goro_float(go_pow10(n));
    return 1;
}

static int m_Inf(G *g, Value *args, int nargs, Value *res)
{
    int64_t sign;
    if (!goro_arg_int(args, nargs, 0, &sign))
        return bad_int(g, "Inf", 0);
    res[0] = goro_float(sign >= 0 ? INFINITY : -INFINITY);
    return 1;
}

static int m_NaN(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g), GORO_UNUSED(args), GORO_UNUSED(nargs);
    res[0] = goro_float(go_nan());
    return 1;
}

static int m_IsNaN(G *g, Value *args, int nargs, Value *res)
{
    double x;
    if (!goro_arg_float(args, nargs, 0, &x))
        return bad_num(g, "IsNaN", 0);
    res[0] = goro_bool(isnan(x));
    return 1;
}

static int m_IsInf(G *g, Value *args, int nargs, Value *res)
{
    double x;
    int64_t sign;
    if (!goro_arg_float(args, nargs, 0, &x))
        return bad_num(g, "IsInf", 0);
    if (!goro_arg_int(args, nargs, 1, &sign))
        return bad_int(g, "IsInf", 1);
    res[0] = goro_bool(is_inf(x, sign > 0 ? 1 : sign < 0 ? -1 : 0));
    return 1;
}

static int m_Signbit(G *g, Value *args, int nargs, Value *res)
{
    double x;
    if (!goro_arg_float(args, nargs, 0, &x))
        return bad_num(g, "Signbit", 0);
    res[0] = goro_bool(signbit(x) != 0);
    return 1;
}

static int m_Float64bits(G *g, Value *args, int nargs, Value *res)
{
    double x;
    if (!goro_arg_float(args, nargs, 0, &x))
        return bad_num(g, "Float64bits", 0);
    res[0] = goro_typed(goro_int((int64_t)f64bits(x)), goro_t_uint64);
    return 1;
}

static int m_Float64frombits(G *g, Value *args, int nargs, Value *res)
{
    int64_t b;
    if (!goro_arg_int(args, nargs, 0, &b))
        return bad_int(g, "Float64frombits", 0);
    res[0] = goro_float(f64from((uint64_t)b));
    return 1;
}

static int m_Float32bits(G *g, Value *args, int nargs, Value *res)
{
    double x;
    if (!goro_arg_float(args, nargs, 0, &x))
        return bad_num(g, "Float32bits", 0);
    float f = (float)x;
    uint32_t u;
    memcpy(&u, &f, 4);
    res[0] = goro_typed(goro_int(u), goro_t_uint32);
    return 1;
}

static int m_Float32frombits(G *g, Value *args, int nargs, Value *res)
{
    int64_t b;
    if (!goro_arg_int(args, nargs, 0, &b))
        return bad_int(g, "Float32frombits", 0);
    uint32_t u = (uint32_t)b;
    float f;
    memcpy(&f, &u, 4);
    res[0] = goro_typed(goro_float(f), goro_t_float32);
    return 1;
}

/* ----------------------------------------------------------------- init */

void goro_pkg_math_init(void)
{
    if (use_fma < 0) {
        __builtin_cpu_init();
        use_fma = __builtin_cpu_supports("avx") && __builtin_cpu_supports("fma");
    }
    Package *p = goro_pkg_new("math");
#define MATH_XSTR(x) MATH_STR(x)
#define MATH_STR(x) #x
    /* the digits as written, so the compiler folds constant expressions
     * such as math.Pi/6 in extended precision, as Go's exact constants */
    static const struct { const char *name; const char *v; } fconsts[] = {
        {"E", "2.71828182845904523536028747135266249775724709369995957496696763"},
        {"Pi", MATH_XSTR(PI)},
        {"Phi", "1.61803398874989484820458683436563811772030917980576286213544862"},
        {"Sqrt2", "1.41421356237309504880168872420969807856967187537694807317667974"},
        {"SqrtE", "1.64872127070012814684865078781416357165377610071014801157507931"},
        {"SqrtPi", "1.77245385090551602729816748334114518279754945612238712821380779"},
        {"SqrtPhi", "1.27201964951406896425242246173749149171560804184009624861664038"},
        {"Ln2", MATH_XSTR(LN2)},
        {"Log2E", MATH_XSTR(LOG2E)},
        {"Ln10", MATH_XSTR(LN10)},
        {"Log10E", MATH_XSTR(LOG10E)},
        {"MaxFloat32", "0x1.fffffep+127"},
        {"SmallestNonzeroFloat32", "0x1p-149"},
        {"MaxFloat64", "0x1.fffffffffffffp+1023"},
        {"SmallestNonzeroFloat64", "0x1p-1074"},
    };
    for (size_t i = 0; i < sizeof fconsts / sizeof fconsts[0]; i++)
        goro_pkg_const_float(p, fconsts[i].name, fconsts[i].v);
    static const struct { const char *name; int64_t v; } iconsts[] = {
        {"MaxInt", INT64_MAX},   {"MinInt", INT64_MIN},   {"MaxInt8", INT8_MAX},
        {"MinInt8", INT8_MIN},   {"MaxInt16", INT16_MAX}, {"MinInt16", INT16_MIN},
        {"MaxInt32", INT32_MAX}, {"MinInt32", INT32_MIN}, {"MaxInt64", INT64_MAX},
        {"MinInt64", INT64_MIN}, {"MaxUint8", UINT8_MAX}, {"MaxUint16", UINT16_MAX},
        {"MaxUint32", UINT32_MAX},
    };
    for (size_t i = 0; i < sizeof iconsts / sizeof iconsts[0]; i++)
        goro_pkg_const(p, iconsts[i].name, goro_int(iconsts[i].v));
    goro_pkg_const_uint(p, "MaxUint", UINT64_MAX);
    goro_pkg_const_uint(p, "MaxUint64", UINT64_MAX);

    static const struct { const char *name; NativeFn fn; } fns[] = {
        {"Abs", m_Abs}, {"Ceil", m_Ceil}, {"Floor", m_Floor}, {"Trunc", m_Trunc},
        {"Round", m_Round}, {"RoundToEven", m_RoundToEven}, {"Sqrt", m_Sqrt}, {"Cbrt", m_Cbrt},
        {"Pow", m_Pow}, {"Pow10", m_Pow10}, {"Exp", m_Exp}, {"Exp2", m_Exp2},
        {"Expm1", m_Expm1}, {"Log", m_Log}, {"Log2", m_Log2}, {"Log10", m_Log10},
        {"Log1p", m_Log1p}, {"Logb", m_Logb}, {"Ilogb", m_Ilogb}, {"Sin", m_Sin},
        {"Cos", m_Cos}, {"Tan", m_Tan}, {"Sincos", m_Sincos}, {"Asin", m_Asin},
        {"Acos", m_Acos}, {"Atan", m_Atan}, {"Atan2", m_Atan2}, {"Sinh", m_Sinh},
        {"Cosh", m_Cosh}, {"Tanh", m_Tanh}, {"Asinh", m_Asinh}, {"Acosh", m_Acosh},
        {"Atanh", m_Atanh}, {"Hypot", m_Hypot}, {"Max", m_Max}, {"Min", m_Min},
        {"Mod", m_Mod}, {"Modf", m_Modf}, {"Frexp", m_Frexp}, {"Ldexp", m_Ldexp},
        {"Inf", m_Inf}, {"IsInf", m_IsInf}, {"IsNaN", m_IsNaN}, {"NaN", m_NaN},
        {"Signbit", m_Signbit}, {"Copysign", m_Copysign}, {"Dim", m_Dim},
        {"Remainder", m_Remainder}, {"Gamma", m_Gamma}, {"Nextafter", m_Nextafter},
        {"FMA", m_FMA}, {"Float64bits", m_Float64bits}, {"Float64frombits", m_Float64frombits},
        {"Float32bits", m_Float32bits}, {"Float32frombits", m_Float32frombits},
        {"Erf", m_Erf}, {"Erfc", m_Erfc}, {"Erfinv", m_Erfinv}, {"Erfcinv", m_Erfcinv},
        {"Lgamma", m_Lgamma}, {"J0", m_J0}, {"J1", m_J1}, {"Jn", m_Jn}, {"Y0", m_Y0},
        {"Y1", m_Y1}, {"Yn", m_Yn}, {"Nextafter32", m_Nextafter32},
    };
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
        goro_pkg_func(p, fns[i].name, fns[i].fn);
}
