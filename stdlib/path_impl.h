/* path_impl.h: the lexical path algorithms path and path/filepath share
 * (on Unix they are the same but for Match's error checking). */
#ifndef GORO_PATH_IMPL_H
#define GORO_PATH_IMPL_H

#include "pkg.h"

/* path.Clean */
Value goro_path_clean(Value s);
/* path.Join of [n] strings */
Value goro_path_join(const Value *elems, int n);
/* Match [name] against [pat]: 1 match, 0 not, -1 ErrBadPattern.
 * [check_rest]: path.Match's check of the whole pattern before it
 * answers false (filepath.Match in Go 1.19 stops at the mismatch). */
int goro_path_match(Value pat, Value name, bool check_rest);
/* Register Clean, Join, Base, Dir, Ext, Split, IsAbs in [p]. */
void goro_path_register_common(Package *p);

#endif
