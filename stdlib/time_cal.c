/* time_cal.c: the proleptic Gregorian calendar of the time package:
 * civil dates <-> day numbers, a Time's fields in its zone, and
 * time.Date's normalisation (Go's: October 32 is November 1). */
#include "time_impl.h"

/* Go's calendar arithmetic wraps on overflow (it is done in uint64);
 * these do the same without signed overflow. */
static int64_t wadd(int64_t a, int64_t b) { return (int64_t)((uint64_t)a + (uint64_t)b); }
static int64_t wmul(int64_t a, int64_t b) { return (int64_t)((uint64_t)a * (uint64_t)b); }

/* floor division and its remainder */
static int64_t fdiv(int64_t a, int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }
static int64_t fmod64(int64_t a, int64_t b) { int64_t r = a % b; return r < 0 ? r + b : r; }

/* Days since 1970-01-01 of [y]-[m]-[d] (m 1..12, d 1..31), for any year
 * (the era method: 400-year cycles of 146097 days, years from March). */
int64_t goro_time_days_from_civil(int64_t y, int m, int d)
{
    y = wadd(y, -(m <= 2));
    int64_t era = fdiv(y, 400);
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return wadd(wmul(era, 146097), doe - 719468);
}

void goro_time_civil_from_days(int64_t days, int64_t *y, int *m, int *d)
{
    days = wadd(days, 719468);
    int64_t era = fdiv(days, 146097);
    int64_t doe = days - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = wadd(wmul(era, 400), yoe + (*m <= 2));
}

bool goro_time_is_leap(int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

int goro_time_days_in(int month, int64_t year)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && goro_time_is_leap(year))
        return 29;
    return days[(month - 1) % 12];
}

void goro_time_fields(const TimeObj *t, TimeFields *f)
{
    int64_t s, e;
    bool dst;
    goro_time_lookup(t->loc, t->sec, &f->zname, &f->offset, &s, &e, &dst);
    int64_t local = wadd(t->sec, f->offset);
    int64_t days = fdiv(local, 86400), rem = fmod64(local, 86400);
    goro_time_civil_from_days(days, &f->year, &f->month, &f->day);
    f->hour = (int)(rem / 3600);
    f->min = (int)(rem / 60 % 60);
    f->sec = (int)(rem % 60);
    f->nsec = t->nsec;
    f->wday = (int)fmod64(days + 4, 7);
    f->yday = (int)wadd(days, -goro_time_days_from_civil(f->year, 1, 1)) + 1;
}

/* hi, lo with lo brought into [0, base) (Go's norm) */
static void norm(int64_t *hi, int64_t *lo, int64_t base)
{
    if (*lo < 0 || *lo >= base) {
        int64_t n = fdiv(*lo, base);
        *hi = wadd(*hi, n);
        *lo = wadd(*lo, -wmul(n, base));
    }
}

int64_t goro_time_date(int64_t year, int64_t month, int64_t day, int64_t hour, int64_t min,
                       int64_t sec, int64_t nsec, Location *loc, int32_t *nsec_out)
{
    int64_t m = wadd(month, -1);
    norm(&year, &m, 12);
    norm(&sec, &nsec, TIME_SEC);
    norm(&min, &sec, 60);
    norm(&hour, &min, 60);
    norm(&day, &hour, 24);
    int64_t days = wadd(goro_time_days_from_civil(year, (int)m + 1, 1), wadd(day, -1));
    int64_t usec = wadd(wadd(wmul(days, 86400), wmul(hour, 3600)), wadd(wmul(min, 60), sec));
    const char *name;
    int32_t off;
    int64_t start, end;
    bool dst;
    goro_time_lookup(loc, usec, &name, &off, &start, &end, &dst);
    if (off != 0) {
        int64_t utc = wadd(usec, -off);
        if (utc < start || utc >= end)
            goro_time_lookup(loc, utc, &name, &off, &start, &end, &dst);
        usec = wadd(usec, -off);
    }
    *nsec_out = (int32_t)nsec;
    return usec;
}
