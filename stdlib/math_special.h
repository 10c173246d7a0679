/* math_special.h: Go's error, log-gamma and Bessel functions
 * (math_special.c), and the elementary functions of math.c they and
 * math/cmplx (cmplx.c) are built on.  Every one returns what Go 1.19's
 * math package returns on amd64, bit for bit. */
#ifndef GORO_MATH_SPECIAL_H
#define GORO_MATH_SPECIAL_H

#include <stdint.h>

/* math_special.c: Go's math.Erf, Erfc, Lgamma, J0, J1, Jn, Y0, Y1, Yn. */
double go_erf(double x);
double go_erfc(double x);
double go_lgamma(double x, int *sign);
double go_j0(double x);
double go_j1(double x);
double go_jn(int64_t n, double x);
double go_y0(double x);
double go_y1(double x);
double go_yn(int64_t n, double x);

/* math.c: Go's own Exp, Log, Sin, Cos and Mod, which the algorithms
 * above call where Go's do (not the C library's, which round
 * differently). */
double go_exp(double x);
double go_log(double x);
double go_sin(double x);
double go_cos(double x);
double go_mod(double x, double y);
uint64_t f64bits(double f);     /* a float64's IEEE bits, and back */
double f64from(uint64_t u);

/* math.c: the rest of Go's math that math/cmplx (cmplx.c) is built on. */
void go_sincos(double x, double *s, double *c);
double go_sinh(double x);
double go_cosh(double x);
double go_hypot(double p, double q);
double go_atan2(double y, double x);
double go_atan(double x);
double go_asin(double x);
double go_asinh(double x);
double go_atanh(double x);
double go_pow(double x, double y);

#endif
