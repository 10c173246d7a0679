/* strings_seq.h: the iterator functions strings and bytes share
 * (strings_seq.c). */
#ifndef GORO_STRINGS_SEQ_H
#define GORO_STRINGS_SEQ_H

#include "g.h"

enum { SEQ_LINES, SEQ_SPLIT, SEQ_SPLITAFTER, SEQ_FIELDS, SEQ_FIELDSFUNC };

/* [pkg].Lines / SplitSeq / ... (by [kind]) on [args]: the iter.Seq in
 * res[0]; [bytes]: the arguments and pieces are []byte. */
int goro_strings_seq(G *g, const char *pkg, int kind, bool bytes, Value *args, int nargs,
                     Value *res);

#endif
