/* strconv.c: the strconv package. */
#include "pkg.h"

void goro_pkg_strconv_init(void)
{
    goro_pkg_new("strconv");
}
