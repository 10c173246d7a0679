/* rand.c: the math/rand package. */
#include "pkg.h"

void goro_pkg_rand_init(void)
{
    goro_pkg_new("math/rand");
}
