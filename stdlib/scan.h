/* scan.h: fmt's scanning functions (scan.c), registered by fmt.c. */
#ifndef GORO_SCAN_H
#define GORO_SCAN_H

#include "pkg.h"

/* Add Scan, Scanln, Scanf, Sscan*, Fscan* to the fmt package [p]. */
void goro_fmt_scan_init(Package *p);
/* Take up to [n] bytes of standard input that fmt's scanning read ahead
 * but no scan consumed (rw.c hands them out before reading fd 0). */
size_t goro_scan_stdin_take(char *buf, size_t n);

#endif
