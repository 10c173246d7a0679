/* utf8.c: the unicode/utf8 package. */
#include "pkg.h"

void goro_pkg_utf8_init(void)
{
    goro_pkg_new("unicode/utf8");
}
