/* format_state.h: fmt.State, the printer state a Formatter's Format
 * method gets: it writes into the text being formatted and reports the
 * directive's width, precision and flags. */
#ifndef GORO_FORMAT_STATE_H
#define GORO_FORMAT_STATE_H

#include "format.h"
#include "object.h"

typedef struct FmtState {
    Obj obj;
    Buf *b;           /* NULL once the Format call has returned */
    int wid, prec;
    bool wid_set, prec_set;
    char flags[8];    /* the flag characters that are set: "-+# 0" */
} FmtState;

/* A state writing into [b]; the caller fills the directive's fields. */
FmtState *goro_fmt_state_new(Buf *b);
/* Register fmt.State, fmt.Formatter and fmt.GoStringer in package [p]. */
struct Package;
void goro_fmt_state_init(struct Package *p);

#endif
