/* time_impl.h: the time package's private data shared by its files:
 * the Time and Location objects, calendar arithmetic (time_cal.c), zone
 * lookup (time_zone.c), layouts (time_format.c, time_parse.c) and the
 * Time methods (time_methods.c). */
#ifndef GORO_TIME_IMPL_H
#define GORO_TIME_IMPL_H

#include "format.h"
#include "pkg.h"
#include "vm.h"

enum { TIME_SEC = 1000000000 };

/* Unix seconds of Go's zero Time, January 1, year 1, 00:00:00 UTC. */
#define TIME_ZERO_UNIX (-62135596800LL)

typedef struct TimeZone {
    const char *name;       /* abbreviation: "EST" */
    int32_t offset;         /* seconds east of UTC */
    bool isdst;
} TimeZone;

typedef struct TimeTrans {
    int64_t when;           /* Unix seconds the zone starts */
    uint8_t idx;            /* into zones */
} TimeTrans;

/* A *time.Location: a zone table with its transitions, as Go's. */
typedef struct Location {
    Obj obj;
    const char *name;
    TimeZone *zones;
    int nzones;
    TimeTrans *tx;
    int ntx;
    const char *extend;     /* the TZif footer's POSIX TZ rule, or NULL */
} Location;

/* A time.Time: an instant (Unix seconds + nanoseconds, whatever the
 * zone), an optional monotonic reading and the Location it is shown in
 * (NULL for UTC, as Go stores UTC).  Immutable once made. */
typedef struct TimeObj {
    Obj obj;
    int64_t sec;
    int32_t nsec;           /* [0, 1e9) */
    int64_t mono;           /* monotonic nanoseconds, 0 when absent */
    Location *loc;
} TimeObj;

extern ObjClass goro_time_class, goro_location_class;
extern Type *goro_time_duration_t, *goro_time_month_t, *goro_time_weekday_t, *goro_time_t;
extern Location goro_time_utc, goro_time_local;

Value goro_time_make(int64_t sec, int64_t nsec, int64_t mono, Location *loc);
TimeObj *goro_time_arg(Value v);      /* NULL unless a time.Time */
Location *goro_time_loc_arg(Value v); /* NULL unless a *time.Location */
Value goro_time_duration(int64_t d);
Value goro_time_at_mono(int64_t mono);  /* a timer's fire time */
int64_t goro_process_start_mono(void);

/* ---- calendar (time_cal.c) */
int64_t goro_time_days_from_civil(int64_t y, int m, int d);
void goro_time_civil_from_days(int64_t days, int64_t *y, int *m, int *d);
bool goro_time_is_leap(int64_t y);
int goro_time_days_in(int month, int64_t year);
/* A time's fields in its own zone. */
typedef struct TimeFields {
    int64_t year;
    int month, day, hour, min, sec, nsec, wday, yday; /* yday 1-based */
    const char *zname;
    int32_t offset;
} TimeFields;
void goro_time_fields(const TimeObj *t, TimeFields *f);
/* time.Date with Go's normalisation; returns the Unix seconds and sets
 * [nsec_out]. */
int64_t goro_time_date(int64_t year, int64_t month, int64_t day, int64_t hour, int64_t min,
                       int64_t sec, int64_t nsec, Location *loc, int32_t *nsec_out);

/* ---- zones (time_zone.c) */
/* The zone in effect at Unix second [sec]: name, offset, and the span
 * [start, end) it holds for. */
void goro_time_lookup(Location *l, int64_t sec, const char **name, int32_t *offset,
                      int64_t *start, int64_t *end, bool *isdst);
bool goro_time_lookup_name(Location *l, const char *name, int64_t usec, int32_t *offset);
Location *goro_time_fixed_zone(const char *name, int32_t offset);
void goro_time_zone_init(Package *p);

/* ---- layouts (time_format.c, time_parse.c) */
void goro_time_format(Buf *b, const TimeObj *t, const char *layout, size_t n);
/* Parse [value] by [layout]: 0 and *out, or an error message in *err. */
bool goro_time_parse(const char *layout, size_t ln, const char *value, size_t vn, Location *defloc,
                     Location *local, Value *out, Value *err);
void goro_time_quote(Buf *b, const char *s, size_t n);

/* the layout language's elements, as Go's nextStdChunk reports them */
enum {
    STD_NONE, STD_LONG_MONTH, STD_MONTH, STD_NUM_MONTH, STD_ZERO_MONTH, STD_LONG_WEEKDAY,
    STD_WEEKDAY, STD_DAY, STD_UNDER_DAY, STD_ZERO_DAY, STD_UNDER_YEARDAY, STD_ZERO_YEARDAY,
    STD_HOUR, STD_HOUR12, STD_ZERO_HOUR12, STD_MINUTE, STD_ZERO_MINUTE, STD_SECOND,
    STD_ZERO_SECOND, STD_LONG_YEAR, STD_YEAR, STD_PM, STD_pm, STD_TZ, STD_ISO8601_TZ,
    STD_ISO8601_SECONDS_TZ, STD_ISO8601_SHORT_TZ, STD_ISO8601_COLON_TZ,
    STD_ISO8601_COLON_SECONDS_TZ, STD_NUM_TZ, STD_NUM_SECONDS_TZ, STD_NUM_SHORT_TZ,
    STD_NUM_COLON_TZ, STD_NUM_COLON_SECONDS_TZ, STD_FRAC0, STD_FRAC9,
};
/* The next element of [layout]: the literal prefix's length in *plen,
 * the element's code (STD_NONE at the end), its length in *slen; for the
 * fractions *digits and *sep ('.' or ','). */
int goro_time_next_std(const char *layout, size_t n, size_t *plen, size_t *slen, int *digits,
                       char *sep);

extern const char *const goro_time_month_names[12];
extern const char *const goro_time_day_names[7];

/* ---- methods (time_methods.c) */
void goro_time_methods_init(Package *p);

#endif
