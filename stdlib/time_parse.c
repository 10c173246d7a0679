/* time_parse.c: time.Parse and time.ParseInLocation: a value read by a
 * layout, element by element, with Go's rules (any one- or two-digit day,
 * fractional seconds after 05 even when the layout has none, zone names
 * looked up in the local zone) and Go's *time.ParseError texts. */
#include <string.h>

#include "errors_obj.h"
#include "time_impl.h"

typedef struct Str {
    const char *s;
    size_t n;
} Str;

static bool isdig(Str v, size_t i) { return i < v.n && v.s[i] >= '0' && v.s[i] <= '9'; }
static void adv(Str *v, size_t k) { v->s += k, v->n -= k; }

/* Go's getnum: one or two digits ([fixed]: exactly two). */
static bool getnum(Str *v, bool fixed, int *out)
{
    if (!isdig(*v, 0))
        return false;
    if (!isdig(*v, 1)) {
        if (fixed)
            return false;
        *out = v->s[0] - '0';
        adv(v, 1);
        return true;
    }
    *out = (v->s[0] - '0') * 10 + v->s[1] - '0';
    adv(v, 2);
    return true;
}

static bool getnum3(Str *v, bool fixed, int *out)
{
    int n = 0;
    size_t i = 0;
    for (; i < 3 && isdig(*v, i); i++)
        n = n * 10 + v->s[i] - '0';
    if (i == 0 || (fixed && i != 3))
        return false;
    adv(v, i);
    *out = n;
    return true;
}

/* Go's atoi on a short field: optional sign, then only digits. */
static bool atoi_str(Str v, int64_t *out)
{
    bool neg = false;
    if (v.n > 0 && (v.s[0] == '-' || v.s[0] == '+')) {
        neg = v.s[0] == '-';
        adv(&v, 1);
    }
    if (v.n == 0)
        return false;
    int64_t x = 0;
    for (size_t i = 0; i < v.n; i++) {
        if (!isdig(v, i) || x > (INT64_MAX - 9) / 10)
            return false;
        x = x * 10 + v.s[i] - '0';
    }
    *out = neg ? -x : x;
    return true;
}

static bool lookup(const char *const *tab, int count, size_t len, Str *v, int *out)
{
    for (int i = 0; i < count; i++) {
        size_t k = len ? len : strlen(tab[i]);
        if (v->n < k)
            continue;
        bool ok = true;
        for (size_t j = 0; j < k && ok; j++) {
            char a = v->s[j], b = tab[i][j];
            if (a >= 'A' && a <= 'Z') a += 32;
            if (b >= 'A' && b <= 'Z') b += 32;
            ok = a == b;
        }
        if (ok) {
            *out = i;
            adv(v, k);
            return true;
        }
    }
    return false;
}

static bool skip(Str *v, Str prefix)
{
    while (prefix.n > 0) {
        if (prefix.s[0] == ' ') {
            if (v->n > 0 && v->s[0] != ' ')
                return false;
            while (prefix.n && prefix.s[0] == ' ')
                adv(&prefix, 1);
            while (v->n && v->s[0] == ' ')
                adv(v, 1);
            continue;
        }
        if (v->n == 0 || v->s[0] != prefix.s[0])
            return false;
        adv(&prefix, 1);
        adv(v, 1);
    }
    return true;
}

static size_t signed_offset(Str v)
{
    if (v.n == 0 || (v.s[0] != '-' && v.s[0] != '+'))
        return 0;
    size_t i = 1;
    int64_t x = 0;
    while (isdig(v, i)) {
        x = x * 10 + v.s[i] - '0';
        if (x > 1000000)
            return 0;
        i++;
    }
    if (i == 1 || x > 12)
        return 0;
    return i;
}

/* Go's parseTimeZone: the length of a zone abbreviation at [v], or 0. */
static size_t zone_len(Str v)
{
    if (v.n < 3)
        return 0;
    if (v.n >= 4 && (!memcmp(v.s, "ChST", 4) || !memcmp(v.s, "MeST", 4)))
        return 4;
    if (!memcmp(v.s, "GMT", 3)) {
        Str r = {v.s + 3, v.n - 3};
        return 3 + signed_offset(r);
    }
    if (v.s[0] == '+' || v.s[0] == '-')
        return signed_offset(v);
    size_t up = 0;
    while (up < 6 && up < v.n && v.s[up] >= 'A' && v.s[up] <= 'Z')
        up++;
    switch (up) {
    case 3: return 3;
    case 4: return v.s[3] == 'T' || !memcmp(v.s, "WITA", 4) ? 4 : 0;
    case 5: return v.s[4] == 'T' ? 5 : 0;
    default: return 0;
    }
}

/* Go's parseNanoseconds over the first [nbytes] of [v] (the separator and
 * digits); false with *range set when out of range. */
static bool parse_nanos(Str v, size_t nbytes, int *ns, const char **range)
{
    if (v.s[0] != '.' && v.s[0] != ',')
        return false;
    if (nbytes > 10)
        nbytes = 10;
    Str d = {v.s + 1, nbytes - 1};
    int64_t x;
    if (!atoi_str(d, &x))
        return false;
    if (x < 0) {
        *range = "fractional second";
        return false;
    }
    for (size_t i = 0; i < 10 - nbytes; i++)
        x *= 10;
    *ns = (int)x;
    return true;
}

static Value parse_error(Str layout, Str value, Str lelem, Str velem, const char *msg)
{
    Buf b = {0};
    goro_buf_puts(&b, "parsing time ");
    goro_time_quote(&b, value.s, value.n);
    if (msg) {
        goro_buf_puts(&b, msg);
    } else {
        goro_buf_puts(&b, " as ");
        goro_time_quote(&b, layout.s, layout.n);
        goro_buf_puts(&b, ": cannot parse ");
        goro_time_quote(&b, velem.s, velem.n);
        goro_buf_puts(&b, " as ");
        goro_time_quote(&b, lelem.s, lelem.n);
    }
    return goro_error_new(goro_buf_string(&b));
}

static const char *const short_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char *const short_days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

bool goro_time_parse(const char *lp, size_t ln, const char *vp, size_t vn, Location *defloc,
                     Location *local, Value *out, Value *err)
{
    Str alayout = {lp, ln}, avalue = {vp, vn}, layout = alayout, value = avalue;
    const char *range = NULL;
    bool am = false, pm = false;
    int64_t year = 0;
    int month = -1, day = -1, yday = -1, hour = 0, min = 0, sec = 0, nsec = 0;
    Location *z = NULL;
    int zone_offset = -1;
    bool have_offset = false;
    Str zone_name = {"", 0};
    Str none = {"", 0};
    for (;;) {
        size_t plen, slen;
        int digits = 0;
        char sep;
        int std = goro_time_next_std(layout.s, layout.n, &plen, &slen, &digits, &sep);
        Str prefix = {layout.s, plen}, stdstr = {layout.s + plen, slen};
        if (!skip(&value, prefix)) {
            *err = parse_error(alayout, avalue, prefix, value, NULL);
            return false;
        }
        if (std == STD_NONE) {
            if (value.n != 0) {
                Buf b = {0};
                goro_buf_puts(&b, ": extra text: ");
                goro_time_quote(&b, value.s, value.n);
                goro_buf_putc(&b, 0);
                *err = parse_error(alayout, avalue, none, value, b.s);
                return false;
            }
            break;
        }
        adv(&layout, plen + slen);
        bool ok = true;
        Str hold = value;
        int x;
        switch (std) {
        case STD_YEAR: {
            if (value.n < 2) {
                ok = false;
                break;
            }
            Str p = {value.s, 2};
            adv(&value, 2);
            ok = atoi_str(p, &year);
            if (!ok)
                value = hold;
            else
                year += year >= 69 ? 1900 : 2000;
            break;
        }
        case STD_LONG_YEAR: {
            if (value.n < 4 || !isdig(value, 0)) {
                ok = false;
                break;
            }
            Str p = {value.s, 4};
            adv(&value, 4);
            ok = atoi_str(p, &year);
            break;
        }
        case STD_MONTH:
            ok = lookup(short_months, 12, 3, &value, &month);
            month++;
            break;
        case STD_LONG_MONTH:
            ok = lookup(goro_time_month_names, 12, 0, &value, &month);
            month++;
            break;
        case STD_NUM_MONTH: case STD_ZERO_MONTH:
            ok = getnum(&value, std == STD_ZERO_MONTH, &month);
            if (ok && (month <= 0 || month > 12))
                range = "month";
            break;
        case STD_WEEKDAY:
            ok = lookup(short_days, 7, 3, &value, &x);
            break;
        case STD_LONG_WEEKDAY:
            ok = lookup(goro_time_day_names, 7, 0, &value, &x);
            break;
        case STD_DAY: case STD_UNDER_DAY: case STD_ZERO_DAY:
            if (std == STD_UNDER_DAY && value.n > 0 && value.s[0] == ' ')
                adv(&value, 1);
            ok = getnum(&value, std == STD_ZERO_DAY, &day);
            break;
        case STD_UNDER_YEARDAY: case STD_ZERO_YEARDAY:
            for (int i = 0; i < 2; i++)
                if (std == STD_UNDER_YEARDAY && value.n > 0 && value.s[0] == ' ')
                    adv(&value, 1);
            ok = getnum3(&value, std == STD_ZERO_YEARDAY, &yday);
            break;
        case STD_HOUR:
            ok = getnum(&value, false, &hour);
            if (hour < 0 || hour >= 24)
                range = "hour";
            break;
        case STD_HOUR12: case STD_ZERO_HOUR12:
            ok = getnum(&value, std == STD_ZERO_HOUR12, &hour);
            if (hour < 0 || hour > 12)
                range = "hour";
            break;
        case STD_MINUTE: case STD_ZERO_MINUTE:
            ok = getnum(&value, std == STD_ZERO_MINUTE, &min);
            if (min < 0 || min >= 60)
                range = "minute";
            break;
        case STD_SECOND: case STD_ZERO_SECOND:
            ok = getnum(&value, std == STD_ZERO_SECOND, &sec);
            if (!ok)
                break;
            if (sec < 0 || sec >= 60) {
                range = "second";
                break;
            }
            /* a fractional second in the value but none in the layout */
            if (value.n >= 2 && (value.s[0] == '.' || value.s[0] == ',') && isdig(value, 1)) {
                size_t p2, s2;
                int d2;
                char c2;
                int next = goro_time_next_std(layout.s, layout.n, &p2, &s2, &d2, &c2);
                if (next == STD_FRAC0 || next == STD_FRAC9)
                    break;
                size_t k = 2;
                while (isdig(value, k))
                    k++;
                ok = parse_nanos(value, k, &nsec, &range);
                adv(&value, k);
            }
            break;
        case STD_PM: case STD_pm:
            if (value.n < 2) {
                ok = false;
                break;
            }
            if (!memcmp(value.s, std == STD_PM ? "PM" : "pm", 2))
                pm = true;
            else if (!memcmp(value.s, std == STD_PM ? "AM" : "am", 2))
                am = true;
            else
                ok = false;
            adv(&value, 2);
            break;
        case STD_ISO8601_TZ: case STD_ISO8601_COLON_TZ: case STD_ISO8601_SECONDS_TZ:
        case STD_ISO8601_SHORT_TZ: case STD_ISO8601_COLON_SECONDS_TZ: case STD_NUM_TZ:
        case STD_NUM_SHORT_TZ: case STD_NUM_COLON_TZ: case STD_NUM_SECONDS_TZ:
        case STD_NUM_COLON_SECONDS_TZ: {
            if ((std == STD_ISO8601_TZ || std == STD_ISO8601_SHORT_TZ ||
                 std == STD_ISO8601_COLON_TZ) && value.n >= 1 && value.s[0] == 'Z') {
                adv(&value, 1);
                z = &goro_time_utc;
                break;
            }
            Str sign, hh, mm = {"00", 2}, ss = {"00", 2};
            size_t used;
            if (std == STD_ISO8601_COLON_TZ || std == STD_NUM_COLON_TZ) {
                if (value.n < 6 || value.s[3] != ':') {
                    ok = false;
                    break;
                }
                mm = (Str){value.s + 4, 2};
                used = 6;
            } else if (std == STD_NUM_SHORT_TZ || std == STD_ISO8601_SHORT_TZ) {
                if (value.n < 3) {
                    ok = false;
                    break;
                }
                used = 3;
            } else if (std == STD_ISO8601_COLON_SECONDS_TZ || std == STD_NUM_COLON_SECONDS_TZ) {
                if (value.n < 9 || value.s[3] != ':' || value.s[6] != ':') {
                    ok = false;
                    break;
                }
                mm = (Str){value.s + 4, 2};
                ss = (Str){value.s + 7, 2};
                used = 9;
            } else if (std == STD_ISO8601_SECONDS_TZ || std == STD_NUM_SECONDS_TZ) {
                if (value.n < 7) {
                    ok = false;
                    break;
                }
                mm = (Str){value.s + 3, 2};
                ss = (Str){value.s + 5, 2};
                used = 7;
            } else {
                if (value.n < 5) {
                    ok = false;
                    break;
                }
                mm = (Str){value.s + 3, 2};
                used = 5;
            }
            sign = (Str){value.s, 1};
            hh = (Str){value.s + 1, 2};
            adv(&value, used);
            int h = 0, m = 0, s = 0;
            ok = getnum(&hh, true, &h) && getnum(&mm, true, &m) && getnum(&ss, true, &s);
            zone_offset = (h * 60 + m) * 60 + s;
            have_offset = true;
            if (sign.s[0] == '-')
                zone_offset = -zone_offset;
            else if (sign.s[0] != '+')
                ok = false;
            break;
        }
        case STD_TZ: {
            if (value.n >= 3 && !memcmp(value.s, "UTC", 3)) {
                z = &goro_time_utc;
                adv(&value, 3);
                break;
            }
            size_t k = zone_len(value);
            if (!k) {
                ok = false;
                break;
            }
            zone_name = (Str){value.s, k};
            adv(&value, k);
            break;
        }
        case STD_FRAC0: {
            size_t nd = 1 + (size_t)digits;
            if (value.n < nd) {
                ok = false;
                break;
            }
            ok = parse_nanos(value, nd, &nsec, &range);
            adv(&value, nd);
            break;
        }
        case STD_FRAC9: {
            if (value.n < 2 || (value.s[0] != '.' && value.s[0] != ',') || !isdig(value, 1))
                break;
            size_t i = 0;
            while (isdig(value, i + 1))
                i++;
            ok = parse_nanos(value, 1 + i, &nsec, &range);
            adv(&value, 1 + i);
            break;
        }
        }
        if (range) {
            *err = parse_error(alayout, avalue, stdstr, value,
                               goro_sprintf(": %s out of range", range));
            return false;
        }
        if (!ok) {
            *err = parse_error(alayout, avalue, stdstr, value, NULL);
            return false;
        }
    }
    if (pm && hour < 12)
        hour += 12;
    else if (am && hour == 12)
        hour = 0;

    if (yday >= 0) {
        int d = 0, m = 0;
        if (goro_time_is_leap(year)) {
            if (yday == 31 + 29) {
                m = 2;
                d = 29;
            } else if (yday > 31 + 29) {
                yday--;
            }
        }
        if (yday < 1 || yday > 365) {
            *err = parse_error(alayout, avalue, none, value, ": day-of-year out of range");
            return false;
        }
        if (m == 0) {
            static const int before[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
            m = (yday - 1) / 31 + 1;
            if (before[m] < yday)
                m++;
            d = yday - before[m - 1];
        }
        if (month >= 0 && month != m) {
            *err = parse_error(alayout, avalue, none, value, ": day-of-year does not match month");
            return false;
        }
        month = m;
        if (day >= 0 && day != d) {
            *err = parse_error(alayout, avalue, none, value, ": day-of-year does not match day");
            return false;
        }
        day = d;
    } else {
        if (month < 0)
            month = 1;
        if (day < 0)
            day = 1;
    }
    if (day < 1 || day > goro_time_days_in(month, year)) {
        *err = parse_error(alayout, avalue, none, value, ": day out of range");
        return false;
    }
    int32_t ns;
    if (z) {
        int64_t u = goro_time_date(year, month, day, hour, min, sec, nsec, z, &ns);
        *out = goro_time_make(u, ns, 0, z);
        return true;
    }
    const char *zn = goro_strndup(zone_name.s, zone_name.n);
    if (have_offset) {
        int64_t u = goro_time_date(year, month, day, hour, min, sec, nsec, &goro_time_utc, &ns);
        u -= zone_offset;
        const char *name;
        int32_t off;
        int64_t s, e;
        bool dst;
        goro_time_lookup(local, u, &name, &off, &s, &e, &dst);
        if (off == zone_offset && (!*zn || strcmp(name, zn) == 0)) {
            *out = goro_time_make(u, ns, 0, local);
            return true;
        }
        *out = goro_time_make(u, ns, 0, goro_time_fixed_zone(zn, zone_offset));
        return true;
    }
    if (*zn) {
        int64_t u = goro_time_date(year, month, day, hour, min, sec, nsec, &goro_time_utc, &ns);
        int32_t off = 0;
        if (goro_time_lookup_name(local, zn, u, &off)) {
            *out = goro_time_make(u - off, ns, 0, local);
            return true;
        }
        if (zone_name.n > 3 && !memcmp(zn, "GMT", 3)) {
            int64_t h = 0;
            atoi_str((Str){zn + 3, zone_name.n - 3}, &h);
            off = (int32_t)(h * 3600);
        }
        *out = goro_time_make(u, ns, 0, goro_time_fixed_zone(zn, off));
        return true;
    }
    int64_t u = goro_time_date(year, month, day, hour, min, sec, nsec, defloc, &ns);
    *out = goro_time_make(u, ns, 0, defloc);
    return true;
}
