/* time_format.c: Go's layout language (the reference time
 * "Mon Jan 2 15:04:05 MST 2006" written the way the output should look):
 * finding its elements (Go's nextStdChunk) and Time.Format. */
#include <stdio.h>
#include <string.h>

#include "time_impl.h"

const char *const goro_time_month_names[12] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"};
const char *const goro_time_day_names[7] = {"Sunday", "Monday", "Tuesday", "Wednesday",
                                            "Thursday", "Friday", "Saturday"};

static bool starts(const char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return n >= k && memcmp(s, lit, k) == 0;
}

static bool digit_at(const char *s, size_t n, size_t i) { return i < n && s[i] >= '0' && s[i] <= '9'; }

int goro_time_next_std(const char *l, size_t n, size_t *plen, size_t *slen, int *digits, char *sep)
{
    static const int zero_x[] = {STD_ZERO_MONTH, STD_ZERO_DAY, STD_ZERO_HOUR12, STD_ZERO_MINUTE,
                                 STD_ZERO_SECOND, STD_YEAR};
    static const struct { const char *lit; int code; } tzs[] = {
        {"-07:00:00", STD_NUM_COLON_SECONDS_TZ}, {"-070000", STD_NUM_SECONDS_TZ},
        {"-07:00", STD_NUM_COLON_TZ}, {"-0700", STD_NUM_TZ}, {"-07", STD_NUM_SHORT_TZ},
        {"Z07:00:00", STD_ISO8601_COLON_SECONDS_TZ}, {"Z070000", STD_ISO8601_SECONDS_TZ},
        {"Z07:00", STD_ISO8601_COLON_TZ}, {"Z0700", STD_ISO8601_TZ}, {"Z07", STD_ISO8601_SHORT_TZ},
    };
    for (size_t i = 0; i < n; i++) {
        const char *s = l + i;
        size_t left = n - i;
        int code = STD_NONE;
        size_t len = 0;
        switch (s[0]) {
        case 'J':
            if (starts(s, left, "Jan")) {
                if (starts(s, left, "January"))
                    code = STD_LONG_MONTH, len = 7;
                else
                    code = STD_MONTH, len = 3;
            }
            break;
        case 'M':
            if (starts(s, left, "Mon")) {
                if (starts(s, left, "Monday"))
                    code = STD_LONG_WEEKDAY, len = 6;
                else
                    code = STD_WEEKDAY, len = 3;
            } else if (starts(s, left, "MST")) {
                code = STD_TZ, len = 3;
            }
            break;
        case '0':
            if (left >= 2 && s[1] >= '1' && s[1] <= '6')
                code = zero_x[s[1] - '1'], len = 2;
            else if (starts(s, left, "002"))
                code = STD_ZERO_YEARDAY, len = 3;
            break;
        case '1':
            if (starts(s, left, "15"))
                code = STD_HOUR, len = 2;
            else
                code = STD_NUM_MONTH, len = 1;
            break;
        case '2':
            if (starts(s, left, "2006"))
                code = STD_LONG_YEAR, len = 4;
            else
                code = STD_DAY, len = 1;
            break;
        case '_':
            if (starts(s, left, "_2")) {
                /* _2006 is really a literal _, followed by stdLongYear */
                if (starts(s, left, "_2006")) {
                    *plen = i + 1;
                    *slen = 4;
                    return STD_LONG_YEAR;
                }
                code = STD_UNDER_DAY, len = 2;
            } else if (starts(s, left, "__2")) {
                code = STD_UNDER_YEARDAY, len = 3;
            }
            break;
        case '3': code = STD_HOUR12, len = 1; break;
        case '4': code = STD_MINUTE, len = 1; break;
        case '5': code = STD_SECOND, len = 1; break;
        case 'P':
            if (starts(s, left, "PM"))
                code = STD_PM, len = 2;
            break;
        case 'p':
            if (starts(s, left, "pm"))
                code = STD_pm, len = 2;
            break;
        case '-': case 'Z':
            for (size_t k = 0; k < sizeof tzs / sizeof *tzs; k++)
                if (starts(s, left, tzs[k].lit)) {
                    code = tzs[k].code, len = strlen(tzs[k].lit);
                    break;
                }
            break;
        case '.': case ',':
            if (left >= 2 && (s[1] == '0' || s[1] == '9')) {
                char ch = s[1];
                size_t j = 1;
                while (j < left && s[j] == ch)
                    j++;
                if (!digit_at(s, left, j)) {
                    code = ch == '0' ? STD_FRAC0 : STD_FRAC9;
                    len = j;
                    *digits = (int)j - 1;
                    *sep = s[0];
                }
            }
            break;
        }
        if (code != STD_NONE) {
            *plen = i;
            *slen = len;
            return code;
        }
    }
    *plen = n;
    *slen = 0;
    return STD_NONE;
}

/* Go's appendInt: [x] in at least [width] digits, zero-padded, after a '-'. */
static void put_int(Buf *b, int64_t x, int width)
{
    char tmp[32];
    uint64_t u = (uint64_t)x;
    if (x < 0) {
        goro_buf_putc(b, '-');
        u = 0 - u;
    }
    int k = snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)u);
    for (; k < width; width--)
        goro_buf_putc(b, '0');
    goro_buf_puts(b, tmp);
}

static void put_frac(Buf *b, int nsec, int digits, bool trim, char sep)
{
    char tmp[16];
    snprintf(tmp, sizeof tmp, "%09d", nsec);
    if (digits > 9)
        digits = 9;
    if (trim) {
        while (digits > 0 && tmp[digits - 1] == '0')
            digits--;
        if (digits == 0)
            return;
    }
    goro_buf_putc(b, sep);
    goro_buf_put(b, tmp, (size_t)digits);
}

void goro_time_format(Buf *b, const TimeObj *t, const char *l, size_t n)
{
    TimeFields f;
    goro_time_fields(t, &f);
    while (n > 0) {
        size_t plen, slen;
        int digits = 0;
        char sep = '.';
        int std = goro_time_next_std(l, n, &plen, &slen, &digits, &sep);
        goro_buf_put(b, l, plen);
        if (std == STD_NONE)
            break;
        l += plen + slen;
        n -= plen + slen;
        int h12 = f.hour % 12 ? f.hour % 12 : 12;
        switch (std) {
        case STD_YEAR: {
            int64_t y = f.year % 100;
            put_int(b, y < 0 ? -y : y, 2);
            break;
        }
        case STD_LONG_YEAR: put_int(b, f.year, 4); break;
        case STD_MONTH: goro_buf_put(b, goro_time_month_names[f.month - 1], 3); break;
        case STD_LONG_MONTH: goro_buf_puts(b, goro_time_month_names[f.month - 1]); break;
        case STD_NUM_MONTH: put_int(b, f.month, 0); break;
        case STD_ZERO_MONTH: put_int(b, f.month, 2); break;
        case STD_WEEKDAY: goro_buf_put(b, goro_time_day_names[f.wday], 3); break;
        case STD_LONG_WEEKDAY: goro_buf_puts(b, goro_time_day_names[f.wday]); break;
        case STD_DAY: put_int(b, f.day, 0); break;
        case STD_UNDER_DAY:
            if (f.day < 10)
                goro_buf_putc(b, ' ');
            put_int(b, f.day, 0);
            break;
        case STD_ZERO_DAY: put_int(b, f.day, 2); break;
        case STD_UNDER_YEARDAY:
            if (f.yday < 100) {
                goro_buf_putc(b, ' ');
                if (f.yday < 10)
                    goro_buf_putc(b, ' ');
            }
            put_int(b, f.yday, 0);
            break;
        case STD_ZERO_YEARDAY: put_int(b, f.yday, 3); break;
        case STD_HOUR: put_int(b, f.hour, 2); break;
        case STD_HOUR12: put_int(b, h12, 0); break;
        case STD_ZERO_HOUR12: put_int(b, h12, 2); break;
        case STD_MINUTE: put_int(b, f.min, 0); break;
        case STD_ZERO_MINUTE: put_int(b, f.min, 2); break;
        case STD_SECOND: put_int(b, f.sec, 0); break;
        case STD_ZERO_SECOND: put_int(b, f.sec, 2); break;
        case STD_PM: goro_buf_puts(b, f.hour >= 12 ? "PM" : "AM"); break;
        case STD_pm: goro_buf_puts(b, f.hour >= 12 ? "pm" : "am"); break;
        case STD_ISO8601_TZ: case STD_ISO8601_COLON_TZ: case STD_ISO8601_SECONDS_TZ:
        case STD_ISO8601_SHORT_TZ: case STD_ISO8601_COLON_SECONDS_TZ: case STD_NUM_TZ:
        case STD_NUM_COLON_TZ: case STD_NUM_SECONDS_TZ: case STD_NUM_SHORT_TZ:
        case STD_NUM_COLON_SECONDS_TZ: {
            bool iso = std >= STD_ISO8601_TZ && std <= STD_ISO8601_COLON_SECONDS_TZ;
            if (iso && f.offset == 0) {
                goro_buf_putc(b, 'Z');
                break;
            }
            int zone = f.offset / 60, abs = f.offset;
            if (zone < 0) {
                goro_buf_putc(b, '-');
                zone = -zone;
                abs = -abs;
            } else {
                goro_buf_putc(b, '+');
            }
            put_int(b, zone / 60, 2);
            if (std == STD_ISO8601_COLON_TZ || std == STD_NUM_COLON_TZ ||
                std == STD_ISO8601_COLON_SECONDS_TZ || std == STD_NUM_COLON_SECONDS_TZ)
                goro_buf_putc(b, ':');
            if (std != STD_NUM_SHORT_TZ && std != STD_ISO8601_SHORT_TZ)
                put_int(b, zone % 60, 2);
            if (std == STD_ISO8601_SECONDS_TZ || std == STD_NUM_SECONDS_TZ ||
                std == STD_NUM_COLON_SECONDS_TZ || std == STD_ISO8601_COLON_SECONDS_TZ) {
                if (std == STD_NUM_COLON_SECONDS_TZ || std == STD_ISO8601_COLON_SECONDS_TZ)
                    goro_buf_putc(b, ':');
                put_int(b, abs % 60, 2);
            }
            break;
        }
        case STD_TZ:
            if (f.zname && *f.zname) {
                goro_buf_puts(b, f.zname);
                break;
            } else {
                int zone = f.offset / 60;
                if (zone < 0) {
                    goro_buf_putc(b, '-');
                    zone = -zone;
                } else {
                    goro_buf_putc(b, '+');
                }
                put_int(b, zone / 60, 2);
                put_int(b, zone % 60, 2);
            }
            break;
        case STD_FRAC0: put_frac(b, f.nsec, digits, false, sep); break;
        case STD_FRAC9: put_frac(b, f.nsec, digits, true, sep); break;
        }
    }
}

void goro_time_quote(Buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    goro_buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < ' ' || c >= 0x80) {
            goro_buf_puts(b, "\\x");
            goro_buf_putc(b, hex[c >> 4]);
            goro_buf_putc(b, hex[c & 15]);
        } else {
            if (c == '"' || c == '\\')
                goro_buf_putc(b, '\\');
            goro_buf_putc(b, (char)c);
        }
    }
    goro_buf_putc(b, '"');
}
