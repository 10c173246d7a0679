/* time_value.h: time.Time values made and read by other packages (os's
 * ModTime, net's deadlines). */
#ifndef GORO_TIME_VALUE_H
#define GORO_TIME_VALUE_H

#include "value.h"

/* A time.Time at [ns] Unix nanoseconds, without a monotonic reading. */
Value goro_time_from_unix_nano(int64_t ns);
/* [v] as a deadline in monotonic nanoseconds: 0 for the zero time (no
 * deadline), at least 1 for a time long past; false when [v] is not a
 * time.Time. */
bool goro_time_deadline(Value v, int64_t *mono);

/* A time.Time of [wall] Unix nanoseconds in the Local zone and monotonic
 * reading [mono] (0: none; both 0: the zero Time), and the two read back
 * (false when [v] is not a time.Time; the zero Time reads 0, 0). */
Value goro_time_from_ns(int64_t wall, int64_t mono);
bool goro_time_ns(Value v, int64_t *wall, int64_t *mono);
/* Time.String and Duration.String, as Go writes them. */
Value goro_time_string(Value t);
Value goro_duration_string(int64_t d);

#endif
