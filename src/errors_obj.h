/* errors_obj.h: the error values the runtime and fmt make: runtime
 * errors (runtime.Error, "runtime error: ..."), errors.New's
 * *errors.errorString and fmt.Errorf's wrapping errors.  Each is a
 * native object whose Error method returns its message. */
#ifndef GORO_ERRORS_OBJ_H
#define GORO_ERRORS_OBJ_H

#include "object.h"

typedef struct ErrorObj {
    Obj obj;
    Value msg;        /* string */
    Value wrapped;    /* %w: the wrapped error(s): an error, a []error, or nil */
} ErrorObj;

void goro_errors_init(void);
Value goro_error_new(Value msg);                 /* *errors.errorString */
Value goro_error_wrap(Value msg, Value wrapped); /* *fmt.wrapError */
Value goro_runtime_error_new(const char *msg);   /* runtime.Error; msg excludes the prefix */
Value goro_runtime_plain_error_new(const char *msg); /* runtime.Error printed as msg alone */
bool goro_is_error_obj(Value v);
Value goro_error_message(Value v);               /* for the native error kinds */
Value goro_error_unwrap(Value v);                /* nil when nothing is wrapped */

#endif
