/* math_special.h: Go's error, log-gamma and Bessel functions
 * (math_special.c), and the few elementary functions of math.c they are
 * built on.  Every one returns what Go 1.19's math package returns on
 * amd64, bit for bit. */
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

#endif
