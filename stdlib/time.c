/* time.c: the time package: Duration (with Go's printing: 1.5s, 250ms),
 * Time (wall clock plus a monotonic reading, as Go keeps both), Sleep,
 * After, Tick, Timer, Ticker, AfterFunc.  Everything that waits parks on
 * the scheduler's timers (runtime/timer.c); no thread ever sleeps. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "chan.h"
#include "errors_obj.h"
#include "format.h"
#include "pkg.h"
#include "proc.h"
#include "time_value.h"
#include "vm.h"

static Type *duration_t, *month_t, *weekday_t, *time_t_;
static ObjClass time_class = {.name = "time.Time"};
static ObjClass timer_class = {.name = "*time.Timer"};
static ObjClass ticker_class = {.name = "*time.Ticker"};

typedef struct TimeObj {
    Obj obj;
    int64_t wall;   /* Unix nanoseconds */
    int64_t mono;   /* monotonic nanoseconds, 0 when absent */
} TimeObj;

typedef struct TimerObj {
    Obj obj;
    Timer t;
    Value c;        /* the channel C (nil for AfterFunc) */
} TimerObj;

int64_t goro_process_start_mono(void);

static const int64_t NS = 1, US = 1000, MS = 1000000, SEC = 1000000000, MIN = 60 * SEC,
                     HOUR = 60 * MIN;

static Value duration(int64_t d)
{
    Value v = goro_int(d);
    v.tt = TT(VK_INT, duration_t->id);
    return v;
}

static Value make_time(int64_t wall, int64_t mono)
{
    TimeObj *t = goro_alloc(sizeof *t);
    t->obj.cls = &time_class;
    t->wall = wall;
    t->mono = mono;
    return goro_obj_value(&t->obj);
}

Value goro_time_from_unix_nano(int64_t ns) { return make_time(ns, 0); }

static Value now_value(void) { return make_time(goro_walltime(), goro_nanotime()); }

/* The time a timer fired at monotonic [mono]. */
static Value time_at_mono(int64_t mono)
{
    int64_t now = goro_nanotime();
    return make_time(goro_walltime() - (now - mono), mono);
}

static TimeObj *as_time(Value v)
{
    if (VKIND(v) == VK_PTR && v.u.p)
        v = *(Value *)v.u.p;
    if (VKIND(v) != VK_OBJ || !v.u.p || ((Obj *)v.u.p)->cls != &time_class)
        return NULL;
    return v.u.p;
}

bool goro_time_deadline(Value v, int64_t *mono)
{
    TimeObj *t = as_time(v);
    if (!t)
        return false;
    *mono = 0;
    if (t->wall == 0 && t->mono == 0)
        return true;
    int64_t w = t->mono ? t->mono : goro_nanotime() + (t->wall - goro_walltime());
    *mono = w > 0 ? w : 1;
    return true;
}

Value goro_time_make(int64_t wall, int64_t mono) { return make_time(wall, mono); }

bool goro_time_parts(Value v, int64_t *wall, int64_t *mono)
{
    TimeObj *t = as_time(v);
    if (!t)
        return false;
    *wall = t->wall;
    *mono = t->mono;
    return true;
}

static bool as_duration(Value v, int64_t *out)
{
    if (VKIND(v) == VK_INT) {
        *out = v.u.i;
        return true;
    }
    if (VKIND(v) == VK_FLOAT) {
        *out = (int64_t)v.u.f;
        return true;
    }
    return false;
}

static int need_duration(G *g, Value *args, int nargs, int i, const char *fn, int64_t *d)
{
    *d = 0;
    if (nargs <= i || !as_duration(args[i], d))
        return goro_runtime_error(g, "time.%s: argument must be a Duration", fn);
    return 0;
}

/* ------------------------------------------------------------- Duration */

static int fmt_frac(char *buf, int w, uint64_t *v, int prec)
{
    bool print = false;
    for (int i = 0; i < prec; i++) {
        int digit = (int)(*v % 10);
        print = print || digit != 0;
        if (print)
            buf[--w] = (char)('0' + digit);
        *v /= 10;
    }
    if (print)
        buf[--w] = '.';
    return w;
}

static int fmt_int(char *buf, int w, uint64_t v)
{
    if (v == 0) {
        buf[--w] = '0';
        return w;
    }
    while (v > 0) {
        buf[--w] = (char)('0' + v % 10);
        v /= 10;
    }
    return w;
}

/* time.Duration.String, exactly as Go writes it. */
static Value duration_string(int64_t d)
{
    char buf[40];
    int w = (int)sizeof buf;
    uint64_t u = (uint64_t)d;
    bool neg = d < 0;
    if (neg)
        u = 0 - u;
    if (u < (uint64_t)SEC) {
        int prec;
        buf[--w] = 's';
        w--;
        if (u == 0)
            return goro_str_cstr("0s");
        if (u < (uint64_t)US) {
            prec = 0;
            buf[w] = 'n';
        } else if (u < (uint64_t)MS) {
            prec = 3;
            w--;
            memcpy(buf + w, "\xc2\xb5", 2);
        } else {
            prec = 6;
            buf[w] = 'm';
        }
        w = fmt_frac(buf, w, &u, prec);
        w = fmt_int(buf, w, u);
    } else {
        buf[--w] = 's';
        w = fmt_frac(buf, w, &u, 9);
        w = fmt_int(buf, w, u % 60);
        u /= 60;
        if (u > 0) {
            buf[--w] = 'm';
            w = fmt_int(buf, w, u % 60);
            u /= 60;
            if (u > 0) {
                buf[--w] = 'h';
                w = fmt_int(buf, w, u);
            }
        }
    }
    if (neg)
        buf[--w] = '-';
    return goro_str(buf + w, (int64_t)sizeof buf - w);
}

Value goro_duration_string(int64_t d) { return duration_string(d); }

static int d_string(G *g, Value *a, int n, Value *r) { GORO_UNUSED(g); GORO_UNUSED(n); r[0] = duration_string(a[0].u.i); return 1; }
static int d_seconds(G *g, Value *a, int n, Value *r)
{
    GORO_UNUSED(g); GORO_UNUSED(n);
    int64_t d = a[0].u.i;
    r[0] = goro_float((double)(d / SEC) + (double)(d % SEC) / 1e9);
    return 1;
}
static int d_minutes(G *g, Value *a, int n, Value *r)
{
    GORO_UNUSED(g); GORO_UNUSED(n);
    int64_t d = a[0].u.i;
    r[0] = goro_float((double)(d / MIN) + (double)(d % MIN) / (60e9));
    return 1;
}
static int d_hours(G *g, Value *a, int n, Value *r)
{
    GORO_UNUSED(g); GORO_UNUSED(n);
    int64_t d = a[0].u.i;
    r[0] = goro_float((double)(d / HOUR) + (double)(d % HOUR) / (60 * 60e9));
    return 1;
}
static int d_ms(G *g, Value *a, int n, Value *r) { GORO_UNUSED(g); GORO_UNUSED(n); r[0] = goro_typed(goro_int(a[0].u.i / MS), goro_t_int64); return 1; }
static int d_us(G *g, Value *a, int n, Value *r) { GORO_UNUSED(g); GORO_UNUSED(n); r[0] = goro_typed(goro_int(a[0].u.i / US), goro_t_int64); return 1; }
static int d_ns(G *g, Value *a, int n, Value *r) { GORO_UNUSED(g); GORO_UNUSED(n); r[0] = goro_typed(goro_int(a[0].u.i), goro_t_int64); return 1; }
static int d_abs(G *g, Value *a, int n, Value *r)
{
    GORO_UNUSED(g); GORO_UNUSED(n);
    int64_t d = a[0].u.i;
    r[0] = duration(d >= 0 ? d : d == INT64_MIN ? INT64_MAX : -d);
    return 1;
}
static int d_round_trunc(G *g, Value *a, int n, Value *r, bool round)
{
    int64_t d = a[0].u.i, m;
    if (need_duration(g, a, n, 1, round ? "Duration.Round" : "Duration.Truncate", &m))
        return GORO_NATIVE_PANIC;
    if (m <= 0) {
        r[0] = duration(d);
        return 1;
    }
    int64_t rem = d % m;
    if (!round) {
        r[0] = duration(d - rem);
        return 1;
    }
    if (d < 0) {
        rem = -rem;
        r[0] = duration(rem + rem < m ? d + rem : d + rem - m);
    } else {
        r[0] = duration(rem + rem < m ? d - rem : d + m - rem);
    }
    return 1;
}
static int d_round(G *g, Value *a, int n, Value *r) { return d_round_trunc(g, a, n, r, true); }
static int d_truncate(G *g, Value *a, int n, Value *r) { return d_round_trunc(g, a, n, r, false); }

/* ----------------------------------------------------------------- Time */

static const char *month_names[] = {"January", "February", "March", "April", "May", "June",
                                    "July", "August", "September", "October", "November",
                                    "December"};
static const char *day_names[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday",
                                  "Friday", "Saturday"};

static void broken_down(TimeObj *t, struct tm *tm)
{
    time_t secs = (time_t)(t->wall / SEC - (t->wall % SEC < 0 ? 1 : 0));
    localtime_r(&secs, tm);
}

static int64_t nanos_of(TimeObj *t)
{
    int64_t ns = t->wall % SEC;
    return ns < 0 ? ns + SEC : ns;
}

/* Go's layout-based formatting, for the common layout elements. */
static Value format_time(TimeObj *t, const char *layout, size_t n)
{
    struct tm tm;
    broken_down(t, &tm);
    int64_t ns = nanos_of(t);
    Buf b = {0};
    char tmp[64];
    for (size_t i = 0; i < n;) {
        const char *s = layout + i;
        size_t left = n - i;
#define IS(lit) (left >= sizeof(lit) - 1 && !memcmp(s, lit, sizeof(lit) - 1))
        if (IS("2006")) { snprintf(tmp, sizeof tmp, "%04d", tm.tm_year + 1900); i += 4; }
        else if (IS("January")) { snprintf(tmp, sizeof tmp, "%s", month_names[tm.tm_mon]); i += 7; }
        else if (IS("Jan")) { snprintf(tmp, sizeof tmp, "%.3s", month_names[tm.tm_mon]); i += 3; }
        else if (IS("Monday")) { snprintf(tmp, sizeof tmp, "%s", day_names[tm.tm_wday]); i += 6; }
        else if (IS("Mon")) { snprintf(tmp, sizeof tmp, "%.3s", day_names[tm.tm_wday]); i += 3; }
        else if (IS("MST")) { snprintf(tmp, sizeof tmp, "%s", tm.tm_zone ? tm.tm_zone : "UTC"); i += 3; }
        else if (IS("01")) { snprintf(tmp, sizeof tmp, "%02d", tm.tm_mon + 1); i += 2; }
        else if (IS("02")) { snprintf(tmp, sizeof tmp, "%02d", tm.tm_mday); i += 2; }
        else if (IS("_2")) { snprintf(tmp, sizeof tmp, "%2d", tm.tm_mday); i += 2; }
        else if (IS("06")) { snprintf(tmp, sizeof tmp, "%02d", tm.tm_year % 100); i += 2; }
        else if (IS("15")) { snprintf(tmp, sizeof tmp, "%02d", tm.tm_hour); i += 2; }
        else if (IS("03")) { snprintf(tmp, sizeof tmp, "%02d", tm.tm_hour % 12 ? tm.tm_hour % 12 : 12); i += 2; }
        else if (IS("04")) { snprintf(tmp, sizeof tmp, "%02d", tm.tm_min); i += 2; }
        else if (IS("05")) { snprintf(tmp, sizeof tmp, "%02d", tm.tm_sec); i += 2; }
        else if (IS("PM")) { snprintf(tmp, sizeof tmp, "%s", tm.tm_hour >= 12 ? "PM" : "AM"); i += 2; }
        else if (IS("pm")) { snprintf(tmp, sizeof tmp, "%s", tm.tm_hour >= 12 ? "pm" : "am"); i += 2; }
        else if (IS("-07:00") || IS("-0700") || IS("Z07:00") || IS("Z0700")) {
            long off = tm.tm_gmtoff;
            bool colon = s[3] == ':';
            size_t len = colon ? 6 : 5;
            if (s[0] == 'Z' && off == 0) {
                snprintf(tmp, sizeof tmp, "Z");
            } else {
                char sign = off < 0 ? '-' : '+';
                if (off < 0)
                    off = -off;
                snprintf(tmp, sizeof tmp, colon ? "%c%02ld:%02ld" : "%c%02ld%02ld", sign, off / 3600,
                         (off / 60) % 60);
            }
            i += len;
        } else if ((IS(".000") || IS(".999") || IS(",000") || IS(",999"))) {
            size_t k = 1;
            char digit = s[1];
            while (k < left && s[k] == digit)
                k++;
            int width = (int)k - 1;
            char frac[16];
            snprintf(frac, sizeof frac, "%09lld", (long long)ns);
            frac[width > 9 ? 9 : width] = 0;
            if (digit == '9') {
                int e = (int)strlen(frac);
                while (e > 0 && frac[e - 1] == '0')
                    frac[--e] = 0;
                if (e == 0)
                    tmp[0] = 0;
                else
                    snprintf(tmp, sizeof tmp, "%c%s", s[0], frac);
            } else {
                snprintf(tmp, sizeof tmp, "%c%s", s[0], frac);
            }
            i += k;
        } else if (IS("1")) { snprintf(tmp, sizeof tmp, "%d", tm.tm_mon + 1); i += 1; }
        else if (IS("2")) { snprintf(tmp, sizeof tmp, "%d", tm.tm_mday); i += 1; }
        else if (IS("3")) { snprintf(tmp, sizeof tmp, "%d", tm.tm_hour % 12 ? tm.tm_hour % 12 : 12); i += 1; }
        else if (IS("4")) { snprintf(tmp, sizeof tmp, "%d", tm.tm_min); i += 1; }
        else if (IS("5")) { snprintf(tmp, sizeof tmp, "%d", tm.tm_sec); i += 1; }
        else { tmp[0] = *s; tmp[1] = 0; i += 1; }
#undef IS
        goro_buf_puts(&b, tmp);
    }
    return goro_buf_string(&b);
}

static Value time_string(TimeObj *t)
{
    const char *layout = "2006-01-02 15:04:05.999999999 -0700 MST";
    Value s = format_time(t, layout, strlen(layout));
    if (t->mono) {
        Buf b = {0};
        goro_buf_put(&b, s.u.s, s.aux);
        int64_t m = t->mono - goro_process_start_mono();
        char tmp[64];
        snprintf(tmp, sizeof tmp, " m=%c%lld.%09lld", m < 0 ? '-' : '+', (long long)llabs(m) / SEC,
                 (long long)llabs(m) % SEC);
        goro_buf_puts(&b, tmp);
        return goro_buf_string(&b);
    }
    return s;
}

#define TIME_ARG(i, fn)                                                          \
    TimeObj *t##i = nargs > i ? as_time(args[i]) : NULL;                         \
    if (!t##i)                                                                   \
        return goro_runtime_error(g, "time.%s: argument must be a time.Time", fn);

/* t.Sub(u), time.Since(u): the monotonic readings when both have one. */
static int64_t sub(TimeObj *a, TimeObj *b)
{
    if (a->mono && b->mono)
        return a->mono - b->mono;
    return a->wall - b->wall;
}

static int t_string(G *g, Value *args, int nargs, Value *res) { TIME_ARG(0, "Time.String"); res[0] = time_string(t0); return 1; }
Value goro_time_string(Value v)
{
    TimeObj *t = as_time(v);
    return t ? time_string(t) : goro_str_cstr("?");
}

static int t_sub(G *g, Value *args, int nargs, Value *res)
{
    TIME_ARG(0, "Time.Sub");
    TIME_ARG(1, "Time.Sub");
    res[0] = duration(sub(t0, t1));
    return 1;
}
static int t_add(G *g, Value *args, int nargs, Value *res)
{
    TIME_ARG(0, "Time.Add");
    int64_t d;
    if (need_duration(g, args, nargs, 1, "Time.Add", &d))
        return GORO_NATIVE_PANIC;
    res[0] = make_time(t0->wall + d, t0->mono ? t0->mono + d : 0);
    return 1;
}
static int t_before(G *g, Value *args, int nargs, Value *res) { TIME_ARG(0, "Time.Before"); TIME_ARG(1, "Time.Before"); res[0] = goro_bool(sub(t0, t1) < 0); return 1; }
static int t_after(G *g, Value *args, int nargs, Value *res) { TIME_ARG(0, "Time.After"); TIME_ARG(1, "Time.After"); res[0] = goro_bool(sub(t0, t1) > 0); return 1; }
static int t_equal(G *g, Value *args, int nargs, Value *res) { TIME_ARG(0, "Time.Equal"); TIME_ARG(1, "Time.Equal"); res[0] = goro_bool(sub(t0, t1) == 0); return 1; }
static int t_unix(G *g, Value *args, int nargs, Value *res) { TIME_ARG(0, "Time.Unix"); res[0] = goro_typed(goro_int(t0->wall / SEC - (t0->wall % SEC < 0)), goro_t_int64); return 1; }
static int t_unixnano(G *g, Value *args, int nargs, Value *res) { TIME_ARG(0, "Time.UnixNano"); res[0] = goro_typed(goro_int(t0->wall), goro_t_int64); return 1; }
static int t_unixmilli(G *g, Value *args, int nargs, Value *res) { TIME_ARG(0, "Time.UnixMilli"); res[0] = goro_typed(goro_int(t0->wall / MS), goro_t_int64); return 1; }
static int t_format(G *g, Value *args, int nargs, Value *res)
{
    TIME_ARG(0, "Time.Format");
    if (nargs < 2 || VKIND(args[1]) != VK_STRING)
        return goro_runtime_error(g, "time.Time.Format: layout must be a string");
    res[0] = format_time(t0, args[1].u.s, args[1].aux);
    return 1;
}
static int t_field(G *g, Value *args, int nargs, Value *res, int which)
{
    TIME_ARG(0, "Time");
    struct tm tm;
    broken_down(t0, &tm);
    switch (which) {
    case 0: res[0] = goro_int(tm.tm_year + 1900); break;
    case 1: res[0] = goro_int(tm.tm_mon + 1); res[0].tt = TT(VK_INT, month_t->id); break;
    case 2: res[0] = goro_int(tm.tm_mday); break;
    case 3: res[0] = goro_int(tm.tm_hour); break;
    case 4: res[0] = goro_int(tm.tm_min); break;
    case 5: res[0] = goro_int(tm.tm_sec); break;
    case 6: res[0] = goro_int(nanos_of(t0)); break;
    case 7: res[0] = goro_int(tm.tm_wday); res[0].tt = TT(VK_INT, weekday_t->id); break;
    case 8: res[0] = goro_int(tm.tm_yday + 1); break;
    }
    return 1;
}
static int t_year(G *g, Value *a, int n, Value *r) { return t_field(g, a, n, r, 0); }
static int t_month(G *g, Value *a, int n, Value *r) { return t_field(g, a, n, r, 1); }
static int t_day(G *g, Value *a, int n, Value *r) { return t_field(g, a, n, r, 2); }
static int t_hour(G *g, Value *a, int n, Value *r) { return t_field(g, a, n, r, 3); }
static int t_minute(G *g, Value *a, int n, Value *r) { return t_field(g, a, n, r, 4); }
static int t_second(G *g, Value *a, int n, Value *r) { return t_field(g, a, n, r, 5); }
static int t_nanosecond(G *g, Value *a, int n, Value *r) { return t_field(g, a, n, r, 6); }
static int t_weekday(G *g, Value *a, int n, Value *r) { return t_field(g, a, n, r, 7); }
static int t_yearday(G *g, Value *a, int n, Value *r) { return t_field(g, a, n, r, 8); }
static int t_iszero(G *g, Value *args, int nargs, Value *res) { TIME_ARG(0, "Time.IsZero"); res[0] = goro_bool(t0->wall == 0 && t0->mono == 0); return 1; }

static int month_string(G *g, Value *a, int n, Value *r)
{
    GORO_UNUSED(g); GORO_UNUSED(n);
    int64_t m = a[0].u.i;
    r[0] = m >= 1 && m <= 12 ? goro_str_cstr(month_names[m - 1])
                             : goro_str_cstr(goro_sprintf("%%!Month(%lld)", (long long)m));
    return 1;
}

static int weekday_string(G *g, Value *a, int n, Value *r)
{
    GORO_UNUSED(g); GORO_UNUSED(n);
    int64_t d = a[0].u.i;
    r[0] = d >= 0 && d <= 6 ? goro_str_cstr(day_names[d])
                            : goro_str_cstr(goro_sprintf("%%!Weekday(%lld)", (long long)d));
    return 1;
}

/* ------------------------------------------------------ package functions */

static int time_now(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g); GORO_UNUSED(args); GORO_UNUSED(nargs);
    res[0] = now_value();
    return 1;
}

static int time_since(G *g, Value *args, int nargs, Value *res)
{
    TIME_ARG(0, "Since");
    TimeObj now = {.wall = goro_walltime(), .mono = goro_nanotime()};
    res[0] = duration(sub(&now, t0));
    return 1;
}

static int time_until(G *g, Value *args, int nargs, Value *res)
{
    TIME_ARG(0, "Until");
    TimeObj now = {.wall = goro_walltime(), .mono = goro_nanotime()};
    res[0] = duration(sub(t0, &now));
    return 1;
}

static int time_unix(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 2 || VKIND(args[0]) != VK_INT || VKIND(args[1]) != VK_INT)
        return goro_runtime_error(g, "time.Unix: arguments must be integers");
    res[0] = make_time(args[0].u.i * SEC + args[1].u.i, 0);
    return 1;
}

static bool start_sleep_timer(G *g, void *arg)
{
    GORO_UNUSED(g);
    goro_timer_start(arg);
    return true;
}

static int time_sleep(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    int64_t d;
    if (need_duration(g, args, nargs, 0, "Sleep", &d))
        return GORO_NATIVE_PANIC;
    if (d <= 0)
        return 0;
    if (goro_vm_cannot_park(g))
        return goro_runtime_error(g, "time.Sleep inside a callback from a native function");
    Timer *t = g->timer;
    if (!t) {
        t = goro_alloc(sizeof *t);
        t->idx = -1;
        g->timer = t;
    }
    t->kind = TIMER_WAKE;
    t->g = g;
    t->period = 0;
    int64_t now = goro_nanotime();
    t->when = d > INT64_MAX - now ? INT64_MAX : now + d;
    atomic_store(&g->selectdone, 0);
    g->waiting = NULL;
    g->resume_n = 0;
    /* the timer starts once the G's M has left it */
    goro_sched_park_commit(g, "sleep", start_sleep_timer, t);
    return GORO_NATIVE_PARK;
}

static Value timer_chan(void)
{
    Type *ct = goro_type_chan(time_t_, 2);
    Chan *c = goro_chan_new(time_t_, 1);
    c->timer = true;
    return goro_ptrval(TT(VK_CHAN, ct->id), c);
}

static TimerObj *new_timer_obj(ObjClass *cls, TimerKind kind, int64_t d, int64_t period)
{
    TimerObj *o = goro_alloc(sizeof *o);
    o->obj.cls = cls;
    o->t.idx = -1;
    o->t.kind = kind;
    o->t.period = period;
    if (kind == TIMER_SEND) {
        o->c = timer_chan();
        o->t.ch = o->c.u.p;
    }
    int64_t now = goro_nanotime();
    o->t.when = d > INT64_MAX - now ? INT64_MAX : now + (d > 0 ? d : 0);
    return o;
}

static int time_after(G *g, Value *args, int nargs, Value *res)
{
    int64_t d;
    if (need_duration(g, args, nargs, 0, "After", &d))
        return GORO_NATIVE_PANIC;
    TimerObj *o = new_timer_obj(&timer_class, TIMER_SEND, d, 0);
    goro_timer_start(&o->t);
    res[0] = o->c;
    return 1;
}

static int time_newtimer(G *g, Value *args, int nargs, Value *res)
{
    int64_t d;
    if (need_duration(g, args, nargs, 0, "NewTimer", &d))
        return GORO_NATIVE_PANIC;
    TimerObj *o = new_timer_obj(&timer_class, TIMER_SEND, d, 0);
    goro_timer_start(&o->t);
    res[0] = goro_obj_value(&o->obj);
    return 1;
}

static int time_afterfunc(G *g, Value *args, int nargs, Value *res)
{
    int64_t d;
    if (need_duration(g, args, nargs, 0, "AfterFunc", &d))
        return GORO_NATIVE_PANIC;
    if (nargs < 2 || (VKIND(args[1]) != VK_FUNC && VKIND(args[1]) != VK_NATIVE &&
                      VKIND(args[1]) != VK_BOUND) || !args[1].u.p)
        return goro_runtime_error(g, "time.AfterFunc: second argument must be a function");
    TimerObj *o = new_timer_obj(&timer_class, TIMER_FUNC, d, 0);
    o->t.fn = args[1];
    goro_timer_start(&o->t);
    res[0] = goro_obj_value(&o->obj);
    return 1;
}

static int time_newticker(G *g, Value *args, int nargs, Value *res)
{
    int64_t d;
    if (need_duration(g, args, nargs, 0, "NewTicker", &d))
        return GORO_NATIVE_PANIC;
    if (d <= 0)
        return goro_panic(g, goro_error_new(goro_str_cstr("non-positive interval for NewTicker")));
    TimerObj *o = new_timer_obj(&ticker_class, TIMER_SEND, d, d);
    goro_timer_start(&o->t);
    res[0] = goro_obj_value(&o->obj);
    return 1;
}

static int time_tick(G *g, Value *args, int nargs, Value *res)
{
    int64_t d;
    if (need_duration(g, args, nargs, 0, "Tick", &d))
        return GORO_NATIVE_PANIC;
    if (d <= 0) {
        res[0] = goro_ptrval(TT(VK_CHAN, goro_type_chan(time_t_, 2)->id), NULL);
        return 1;
    }
    TimerObj *o = new_timer_obj(&ticker_class, TIMER_SEND, d, d);
    goro_timer_start(&o->t);
    res[0] = o->c;
    return 1;
}

static TimerObj *as_timer(Value v)
{
    if (VKIND(v) == VK_PTR && v.u.p)
        v = *(Value *)v.u.p;
    if (VKIND(v) != VK_OBJ || !v.u.p)
        return NULL;
    const ObjClass *c = ((Obj *)v.u.p)->cls;
    return c == &timer_class || c == &ticker_class ? v.u.p : NULL;
}

/* Go 1.23's timers: after Stop or Reset no value from the old schedule
 * is received, so a fired-but-unread time is dropped, and the timer
 * counts as stopped before it fired (Stop reports true, so the idiom
 * `if !t.Stop() { <-t.C }` never waits).  Reports whether one was. */
static bool drain_stale(TimerObj *o)
{
    Value v;
    bool ok = false;
    if (o->t.ch && goro_chan_recv(NULL, o->t.ch, &v, &ok, false) != CHAN_OK)
        ok = false;
    return ok;
}

static int timer_stop(G *g, Value *args, int nargs, Value *res)
{
    TimerObj *o = nargs ? as_timer(args[0]) : NULL;
    if (!o)
        return goro_runtime_error(g, "invalid memory address or nil pointer dereference");
    bool was = goro_timer_stop(&o->t);
    was |= drain_stale(o);
    if (o->obj.cls == &timer_class) {
        res[0] = goro_bool(was);
        return 1;
    }
    return 0;
}

static int timer_reset(G *g, Value *args, int nargs, Value *res)
{
    TimerObj *o = nargs ? as_timer(args[0]) : NULL;
    int64_t d;
    if (!o)
        return goro_runtime_error(g, "invalid memory address or nil pointer dereference");
    if (need_duration(g, args, nargs, 1, "Timer.Reset", &d))
        return GORO_NATIVE_PANIC;
    bool was = goro_timer_stop(&o->t);
    was |= drain_stale(o);
    if (o->obj.cls == &ticker_class) {
        if (d <= 0)
            return goro_panic(g, goro_error_new(goro_str_cstr("non-positive interval for Ticker.Reset")));
        o->t.period = d;
    }
    o->t.when = goro_nanotime() + (d > 0 ? d : 0);
    goro_timer_start(&o->t);
    if (o->obj.cls == &timer_class) {
        res[0] = goro_bool(was);
        return 1;
    }
    return 0;
}

static bool timer_getfield(Obj *o, const char *name, Value *out)
{
    if (strcmp(name, "C") != 0)
        return false;
    *out = ((TimerObj *)o)->c;
    return true;
}

static Obj *time_zero(void)
{
    TimeObj *t = goro_alloc(sizeof *t);
    t->obj.cls = &time_class;
    return &t->obj;
}

static int64_t start_mono;
int64_t goro_process_start_mono(void) { return start_mono; }

static int time_parseduration(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1 || VKIND(args[0]) != VK_STRING)
        return goro_runtime_error(g, "time.ParseDuration: argument must be a string");
    const char *s = args[0].u.s;
    size_t n = args[0].aux, i = 0;
    bool neg = false;
    double total = 0;
    const char *orig = goro_strndup(s, n);
    if (i < n && (s[i] == '-' || s[i] == '+'))
        neg = s[i++] == '-';
    if (n - i == 1 && s[i] == '0') {
        res[0] = duration(0);
        res[1] = goro_nil();
        return 2;
    }
    if (i == n)
        goto bad;
    while (i < n) {
        double v = 0, scale = 1;
        bool digits = false;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            v = v * 10 + (s[i++] - '0');
            digits = true;
        }
        if (i < n && s[i] == '.') {
            i++;
            while (i < n && s[i] >= '0' && s[i] <= '9') {
                scale /= 10;
                v += (s[i++] - '0') * scale;
                digits = true;
            }
        }
        if (!digits)
            goto bad;
        size_t u0 = i;
        while (i < n && !(s[i] >= '0' && s[i] <= '9') && s[i] != '.')
            i++;
        size_t ul = i - u0;
        const char *u = s + u0;
        double unit;
        if (ul == 2 && !memcmp(u, "ns", 2)) unit = 1;
        else if (ul == 2 && (!memcmp(u, "us", 2))) unit = 1e3;
        else if (ul == 3 && !memcmp(u, "\xc2\xb5s", 3)) unit = 1e3;
        else if (ul == 3 && !memcmp(u, "\xce\xbcs", 3)) unit = 1e3;
        else if (ul == 2 && !memcmp(u, "ms", 2)) unit = 1e6;
        else if (ul == 1 && u[0] == 's') unit = 1e9;
        else if (ul == 1 && u[0] == 'm') unit = 60e9;
        else if (ul == 1 && u[0] == 'h') unit = 3600e9;
        else {
            if (ul == 0)
                res[1] = goro_error_new(goro_str_cstr(goro_sprintf("time: missing unit in duration \"%s\"", orig)));
            else
                res[1] = goro_error_new(goro_str_cstr(goro_sprintf("time: unknown unit \"%.*s\" in duration \"%s\"", (int)ul, u, orig)));
            res[0] = duration(0);
            return 2;
        }
        total += v * unit;
    }
    if (total > 9.2233720368547758e18)
        goto bad;
    res[0] = duration((int64_t)llround(neg ? -total : total));
    res[1] = goro_nil();
    return 2;
bad:
    res[0] = duration(0);
    res[1] = goro_error_new(goro_str_cstr(goro_sprintf("time: invalid duration \"%s\"", orig)));
    return 2;
}

static Value time_from_mono(int64_t mono) { return time_at_mono(mono); }

void goro_pkg_time_init(void)
{
    start_mono = goro_nanotime();
    Package *p = goro_pkg_new("time");
    duration_t = goro_type_named("time", "Duration", goro_t_int64);
    goro_pkg_type(p, "Duration", duration_t);
    goro_pkg_method(duration_t, "String", d_string);
    goro_pkg_method(duration_t, "Seconds", d_seconds);
    goro_pkg_method(duration_t, "Minutes", d_minutes);
    goro_pkg_method(duration_t, "Hours", d_hours);
    goro_pkg_method(duration_t, "Milliseconds", d_ms);
    goro_pkg_method(duration_t, "Microseconds", d_us);
    goro_pkg_method(duration_t, "Nanoseconds", d_ns);
    goro_pkg_method(duration_t, "Round", d_round);
    goro_pkg_method(duration_t, "Truncate", d_truncate);
    goro_pkg_method(duration_t, "Abs", d_abs);
    goro_pkg_const(p, "Nanosecond", duration(NS));
    goro_pkg_const(p, "Microsecond", duration(US));
    goro_pkg_const(p, "Millisecond", duration(MS));
    goro_pkg_const(p, "Second", duration(SEC));
    goro_pkg_const(p, "Minute", duration(MIN));
    goro_pkg_const(p, "Hour", duration(HOUR));

    month_t = goro_type_named("time", "Month", goro_t_int);
    goro_pkg_type(p, "Month", month_t);
    goro_pkg_method(month_t, "String", month_string);
    for (int i = 0; i < 12; i++) {
        Value m = goro_int(i + 1);
        m.tt = TT(VK_INT, month_t->id);
        goro_pkg_const(p, month_names[i], m);
    }
    weekday_t = goro_type_named("time", "Weekday", goro_t_int);
    goro_pkg_type(p, "Weekday", weekday_t);
    goro_pkg_method(weekday_t, "String", weekday_string);
    for (int i = 0; i < 7; i++) {
        Value d = goro_int(i);
        d.tt = TT(VK_INT, weekday_t->id);
        goro_pkg_const(p, day_names[i], d);
    }

    time_class.zero = time_zero;
    time_t_ = goro_type_obj("time", "Time", &time_class);
    time_class.type = time_t_;
    goro_pkg_type(p, "Time", time_t_);
    goro_pkg_method(time_t_, "String", t_string);
    goro_pkg_method(time_t_, "Sub", t_sub);
    goro_pkg_method(time_t_, "Add", t_add);
    goro_pkg_method(time_t_, "Before", t_before);
    goro_pkg_method(time_t_, "After", t_after);
    goro_pkg_method(time_t_, "Equal", t_equal);
    goro_pkg_method(time_t_, "Unix", t_unix);
    goro_pkg_method(time_t_, "UnixNano", t_unixnano);
    goro_pkg_method(time_t_, "UnixMilli", t_unixmilli);
    goro_pkg_method(time_t_, "Format", t_format);
    goro_pkg_method(time_t_, "Year", t_year);
    goro_pkg_method(time_t_, "Month", t_month);
    goro_pkg_method(time_t_, "Day", t_day);
    goro_pkg_method(time_t_, "Hour", t_hour);
    goro_pkg_method(time_t_, "Minute", t_minute);
    goro_pkg_method(time_t_, "Second", t_second);
    goro_pkg_method(time_t_, "Nanosecond", t_nanosecond);
    goro_pkg_method(time_t_, "Weekday", t_weekday);
    goro_pkg_method(time_t_, "YearDay", t_yearday);
    goro_pkg_method(time_t_, "IsZero", t_iszero);

    Type *tt = goro_type_obj("time", "Timer", &timer_class);
    tt->name = "*time.Timer";
    timer_class.type = tt;
    timer_class.getfield = timer_getfield;
    goro_pkg_type(p, "Timer", tt);
    goro_pkg_method(tt, "Stop", timer_stop);
    goro_pkg_method(tt, "Reset", timer_reset);
    Type *kt = goro_type_obj("time", "Ticker", &ticker_class);
    kt->name = "*time.Ticker";
    ticker_class.type = kt;
    ticker_class.getfield = timer_getfield;
    goro_pkg_type(p, "Ticker", kt);
    goro_pkg_method(kt, "Stop", timer_stop);
    goro_pkg_method(kt, "Reset", timer_reset);

    goro_pkg_func(p, "Now", time_now);
    goro_pkg_func(p, "Since", time_since);
    goro_pkg_func(p, "Until", time_until);
    goro_pkg_func(p, "Unix", time_unix);
    goro_pkg_func(p, "Sleep", time_sleep);
    goro_pkg_func(p, "After", time_after);
    goro_pkg_func(p, "Tick", time_tick);
    goro_pkg_func(p, "NewTimer", time_newtimer);
    goro_pkg_func(p, "NewTicker", time_newticker);
    goro_pkg_func(p, "AfterFunc", time_afterfunc);
    goro_pkg_func(p, "ParseDuration", time_parseduration);
    goro_pkg_const(p, "RFC3339", goro_str_cstr("2006-01-02T15:04:05Z07:00"));
    goro_pkg_const(p, "Kitchen", goro_str_cstr("3:04PM"));
    goro_pkg_const(p, "DateTime", goro_str_cstr("2006-01-02 15:04:05"));
    goro_pkg_const(p, "DateOnly", goro_str_cstr("2006-01-02"));
    goro_pkg_const(p, "TimeOnly", goro_str_cstr("15:04:05"));
    goro_time_value_hook = time_from_mono;
}
