/* strings.c: the strings package. */
#include "pkg.h"

void goro_pkg_strings_init(void)
{
    goro_pkg_new("strings");
}
