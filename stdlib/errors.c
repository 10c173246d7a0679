/* errors.c: the errors package. */
#include "pkg.h"

void goro_pkg_errors_init(void)
{
    goro_pkg_new("errors");
}
