/* math.c: the math package. */
#include "pkg.h"

void goro_pkg_math_init(void)
{
    goro_pkg_new("math");
}
