/* time_value.h: time.Time values made by other packages (os's ModTime). */
#ifndef GORO_TIME_VALUE_H
#define GORO_TIME_VALUE_H

#include "value.h"

/* A time.Time at [ns] Unix nanoseconds, without a monotonic reading. */
Value goro_time_from_unix_nano(int64_t ns);

#endif
