/* io_pkg.h: the parts of the io package (io.c registers them all). */
#ifndef GORO_IO_PKG_H
#define GORO_IO_PKG_H

#include "pkg.h"

void goro_io_copy_init(Package *p);   /* io_copy.c: Copy, ReadAll, ReadFull, ... */
void goro_io_pipe_init(Package *p);   /* io_pipe.c: Pipe */
void goro_io_wrap_init(Package *p);   /* io_wrap.c: MultiReader, LimitReader, ... */

/* If [v] is an *io.LimitedReader: true with its N (io.Copy's buffer size). */
bool goro_io_limited_n(Value v, int64_t *n);

#endif
