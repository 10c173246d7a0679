/* scan.h: fmt's scanning functions (scan.c), registered by fmt.c. */
#ifndef GORO_SCAN_H
#define GORO_SCAN_H

#include "pkg.h"

/* Add Scan, Scanln, Scanf, Sscan*, Fscan* to the fmt package [p]. */
void goro_fmt_scan_init(Package *p);

#endif
