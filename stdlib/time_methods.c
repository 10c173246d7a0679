/* time_methods.c: time.Time's methods and the functions that make Times
 * (Now, Date, Unix, Parse...).  A Time is an immutable object compared by
 * value, as Go's struct is: the same instant, monotonic reading and
 * Location make equal Times and equal map keys. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errors_obj.h"
#include "proc.h"
#include "rw.h"
#include "time_impl.h"
#include "time_value.h"
#include "timer.h"

#define SEC TIME_SEC

/* wrapping int64 addition, as Go's time arithmetic wraps */
static int64_t wadd(int64_t a, int64_t b) { return (int64_t)((uint64_t)a + (uint64_t)b); }

ObjClass goro_time_class = {.name = "time.Time"};

static bool time_equal(Obj *a, Obj *b)
{
    TimeObj *x = (TimeObj *)a, *y = (TimeObj *)b;
    return x->sec == y->sec && x->nsec == y->nsec && x->mono == y->mono && x->loc == y->loc;
}

static uint64_t time_hash(Obj *o)
{
    TimeObj *t = (TimeObj *)o;
    uint64_t h = (uint64_t)t->sec * 0x9E3779B97F4A7C15ull ^ (uint64_t)t->nsec;
    h = h * 31 + (uint64_t)t->mono;
    return h * 31 + (uint64_t)(uintptr_t)t->loc;
}

Value goro_time_make(int64_t sec, int64_t nsec, int64_t mono, Location *loc)
{
    if (nsec < 0 || nsec >= SEC) {
        int64_t n = nsec / SEC;
        sec = wadd(sec, n);
        nsec -= n * SEC;
        if (nsec < 0) {
            nsec += SEC;
            sec = wadd(sec, -1);
        }
    }
    TimeObj *t = goro_alloc(sizeof *t);
    t->obj.cls = &goro_time_class;
    t->sec = sec;
    t->nsec = (int32_t)nsec;
    t->mono = mono;
    t->loc = loc == &goro_time_utc ? NULL : loc;
    return goro_obj_value(&t->obj);
}

TimeObj *goro_time_arg(Value v)
{
    if (VKIND(v) == VK_PTR && v.u.p)
        v = *(Value *)v.u.p;
    if (VKIND(v) != VK_OBJ || !v.u.p || ((Obj *)v.u.p)->cls != &goro_time_class)
        return NULL;
    return v.u.p;
}

static Obj *time_zero(void)
{
    TimeObj *t = goro_alloc(sizeof *t);
    t->obj.cls = &goro_time_class;
    t->sec = TIME_ZERO_UNIX;
    return &t->obj;
}

Value goro_time_from_unix_nano(int64_t ns) { return goro_time_make(0, ns, 0, &goro_time_local); }

static Value now_value(void)
{
    return goro_time_make(0, goro_walltime(), goro_nanotime(), &goro_time_local);
}

/* The time a timer fired at monotonic [mono]. */
Value goro_time_at_mono(int64_t mono)
{
    int64_t now = goro_nanotime();
    return goro_time_make(0, goro_walltime() - (now - mono), mono, &goro_time_local);
}

static bool is_zero(const TimeObj *t) { return t->sec == TIME_ZERO_UNIX && t->nsec == 0; }

bool goro_time_deadline(Value v, int64_t *mono)
{
    TimeObj *t = goro_time_arg(v);
    if (!t)
        return false;
    *mono = 0;
    if (is_zero(t) && !t->mono)
        return true;
    int64_t w;
    if (t->mono) {
        w = t->mono;
    } else {
        __int128 wall = (__int128)t->sec * SEC + t->nsec;
        __int128 x = goro_nanotime() + (wall - goro_walltime());
        w = x > INT64_MAX ? INT64_MAX : x < 1 ? 1 : (int64_t)x;
    }
    *mono = w > 0 ? w : 1;
    return true;
}

/* ------------------------------------------------------------ arithmetic */

static int64_t sat(__int128 x) { return x > INT64_MAX ? INT64_MAX : x < INT64_MIN ? INT64_MIN : (int64_t)x; }

/* t - u as a Duration, saturating, by the monotonic readings when both
 * have one. */
static int64_t sub(const TimeObj *a, const TimeObj *b)
{
    if (a->mono && b->mono)
        return a->mono - b->mono;
    return sat(((__int128)a->sec - b->sec) * SEC + (a->nsec - b->nsec));
}

static int cmp(const TimeObj *a, const TimeObj *b)
{
    if (a->mono && b->mono)
        return a->mono < b->mono ? -1 : a->mono > b->mono;
    if (a->sec != b->sec)
        return a->sec < b->sec ? -1 : 1;
    return a->nsec < b->nsec ? -1 : a->nsec > b->nsec;
}

static Value add(const TimeObj *t, int64_t d)
{
    int64_t mono = 0;
    if (t->mono) {
        int64_t te;
        if (!__builtin_add_overflow(t->mono, d, &te))
            mono = te;
    }
    return goro_time_make(wadd(t->sec, d / SEC), t->nsec + d % SEC, mono, t->loc);
}

static int64_t floor_mod(__int128 a, int64_t d)
{
    __int128 r = a % d;
    return (int64_t)(r < 0 ? r + d : r);
}

/* t rounded down (or to nearest) to a multiple of [d] since the zero
 * time; the monotonic reading goes. */
static Value round_trunc(const TimeObj *t, int64_t d, bool round)
{
    if (d <= 0)
        return goro_time_make(t->sec, t->nsec, 0, t->loc);
    __int128 abs = ((__int128)t->sec - TIME_ZERO_UNIX) * SEC + t->nsec;
    int64_t r = floor_mod(abs, d);
    TimeObj s = *t;
    s.mono = 0;
    if (!round || (uint64_t)r + (uint64_t)r < (uint64_t)d)
        return add(&s, -r);
    return add(&s, d - r);
}

/* ------------------------------------------------------------- methods */

#define RECV(fn)                                                                   \
    TimeObj *t = nargs > 0 ? goro_time_arg(args[0]) : NULL;                        \
    if (!t)                                                                        \
        return goro_runtime_error(g, "time.Time.%s: receiver must be a time.Time", fn);
#define ARG_TIME(u, i, fn)                                                         \
    TimeObj *u = nargs > i ? goro_time_arg(args[i]) : NULL;                        \
    if (!u)                                                                        \
        return goro_runtime_error(g, "time.Time.%s: argument must be a time.Time", fn);

static int need_int(G *g, Value *args, int nargs, int i, const char *fn, int64_t *out)
{
    if (!goro_arg_int(args, nargs, i, out))
        return goro_runtime_error(g, "time.%s: argument %d must be an integer", fn, i);
    return 0;
}

static Value month_value(int m) { return goro_typed(goro_int(m), goro_time_month_t); }

static Value time_string(const TimeObj *t)
{
    static const char layout[] = "2006-01-02 15:04:05.999999999 -0700 MST";
    Buf b = {0};
    goro_time_format(&b, t, layout, sizeof layout - 1);
    if (t->mono) {
        int64_t m = t->mono - goro_process_start_mono();
        uint64_t u = m < 0 ? 0 - (uint64_t)m : (uint64_t)m;
        char tmp[64];
        snprintf(tmp, sizeof tmp, " m=%c%llu.%09llu", m < 0 ? '-' : '+',
                 (unsigned long long)(u / SEC), (unsigned long long)(u % SEC));
        goro_buf_puts(&b, tmp);
    }
    return goro_buf_string(&b);
}

static int t_string(G *g, Value *args, int nargs, Value *res) { RECV("String"); res[0] = time_string(t); return 1; }

Value goro_time_string(Value v)
{
    TimeObj *t = goro_time_arg(v);
    return t ? time_string(t) : goro_str_cstr("?");
}

Value goro_time_from_ns(int64_t wall, int64_t mono)
{
    if (!wall && !mono)
        return goro_obj_value(time_zero());
    return goro_time_make(0, wall, mono, &goro_time_local);
}

bool goro_time_ns(Value v, int64_t *wall, int64_t *mono)
{
    TimeObj *t = goro_time_arg(v);
    if (!t)
        return false;
    *mono = t->mono;
    if (is_zero(t)) {
        *wall = 0;
        return true;
    }
    /* Unix nanoseconds, saturated where they do not fit */
    if (t->sec > INT64_MAX / SEC - 1)
        *wall = INT64_MAX;
    else if (t->sec < INT64_MIN / SEC + 1)
        *wall = INT64_MIN;
    else
        *wall = t->sec * SEC + t->nsec;
    return true;
}

static int t_format(G *g, Value *args, int nargs, Value *res)
{
    RECV("Format");
    if (nargs < 2 || VKIND(args[1]) != VK_STRING)
        return goro_runtime_error(g, "time.Time.Format: layout must be a string");
    Buf b = {0};
    goro_time_format(&b, t, args[1].u.s, args[1].aux);
    res[0] = goro_buf_string(&b);
    return 1;
}

static int t_appendformat(G *g, Value *args, int nargs, Value *res)
{
    RECV("AppendFormat");
    size_t n;
    const char *s = nargs > 1 ? goro_rw_bytes(args[1], &n) : NULL;
    if (!s || nargs < 3 || VKIND(args[2]) != VK_STRING)
        return goro_runtime_error(g, "time.Time.AppendFormat: arguments must be a []byte and a layout");
    Buf b = {0};
    goro_buf_put(&b, s, n);
    goro_time_format(&b, t, args[2].u.s, args[2].aux);
    res[0] = goro_rw_slice(b.s, b.n);
    return 1;
}

static int t_add(G *g, Value *args, int nargs, Value *res)
{
    RECV("Add");
    int64_t d;
    if (need_int(g, args, nargs, 1, "Time.Add", &d))
        return GORO_NATIVE_PANIC;
    res[0] = add(t, d);
    return 1;
}

static int t_sub(G *g, Value *args, int nargs, Value *res)
{
    RECV("Sub");
    ARG_TIME(u, 1, "Sub");
    res[0] = goro_time_duration(sub(t, u));
    return 1;
}

static int t_adddate(G *g, Value *args, int nargs, Value *res)
{
    RECV("AddDate");
    int64_t y, m, d;
    if (need_int(g, args, nargs, 1, "Time.AddDate", &y) ||
        need_int(g, args, nargs, 2, "Time.AddDate", &m) ||
        need_int(g, args, nargs, 3, "Time.AddDate", &d))
        return GORO_NATIVE_PANIC;
    TimeFields f;
    goro_time_fields(t, &f);
    Location *loc = t->loc ? t->loc : &goro_time_utc;
    int32_t ns;
    int64_t s = goro_time_date(wadd(f.year, y), wadd(f.month, m), wadd(f.day, d), f.hour, f.min, f.sec, f.nsec, loc, &ns);
    res[0] = goro_time_make(s, ns, 0, loc);
    return 1;
}

static int t_round_trunc(G *g, Value *args, int nargs, Value *res, bool round)
{
    RECV(round ? "Round" : "Truncate");
    int64_t d;
    if (need_int(g, args, nargs, 1, round ? "Time.Round" : "Time.Truncate", &d))
        return GORO_NATIVE_PANIC;
    res[0] = round_trunc(t, d, round);
    return 1;
}
static int t_round(G *g, Value *a, int n, Value *r) { return t_round_trunc(g, a, n, r, true); }
static int t_truncate(G *g, Value *a, int n, Value *r) { return t_round_trunc(g, a, n, r, false); }

static int t_compare_op(G *g, Value *args, int nargs, Value *res, int op)
{
    static const char *names[] = {"Equal", "Before", "After", "Compare"};
    RECV(names[op]);
    ARG_TIME(u, 1, names[op]);
    int c = cmp(t, u);
    switch (op) {
    case 0: res[0] = goro_bool(c == 0); break;
    case 1: res[0] = goro_bool(c < 0); break;
    case 2: res[0] = goro_bool(c > 0); break;
    default: res[0] = goro_int(c); break;
    }
    return 1;
}
static int t_equal(G *g, Value *a, int n, Value *r) { return t_compare_op(g, a, n, r, 0); }
static int t_before(G *g, Value *a, int n, Value *r) { return t_compare_op(g, a, n, r, 1); }
static int t_after(G *g, Value *a, int n, Value *r) { return t_compare_op(g, a, n, r, 2); }
static int t_compare(G *g, Value *a, int n, Value *r) { return t_compare_op(g, a, n, r, 3); }

static int t_iszero(G *g, Value *args, int nargs, Value *res) { RECV("IsZero"); res[0] = goro_bool(is_zero(t)); return 1; }

static Value i64(int64_t x) { return goro_typed(goro_int(x), goro_t_int64); }
static int t_unix(G *g, Value *args, int nargs, Value *res) { RECV("Unix"); res[0] = i64(t->sec); return 1; }
static int t_unixmilli(G *g, Value *args, int nargs, Value *res) { RECV("UnixMilli"); res[0] = i64((int64_t)((uint64_t)t->sec * 1000 + (uint64_t)(t->nsec / 1000000))); return 1; }
static int t_unixmicro(G *g, Value *args, int nargs, Value *res) { RECV("UnixMicro"); res[0] = i64((int64_t)((uint64_t)t->sec * 1000000 + (uint64_t)(t->nsec / 1000))); return 1; }
static int t_unixnano(G *g, Value *args, int nargs, Value *res) { RECV("UnixNano"); res[0] = i64((int64_t)((uint64_t)t->sec * SEC + (uint64_t)t->nsec)); return 1; }

static int t_field(G *g, Value *args, int nargs, Value *res, int which)
{
    RECV("field");
    TimeFields f;
    goro_time_fields(t, &f);
    switch (which) {
    case 0: res[0] = goro_int(f.year); break;
    case 1: res[0] = month_value(f.month); break;
    case 2: res[0] = goro_int(f.day); break;
    case 3: res[0] = goro_int(f.hour); break;
    case 4: res[0] = goro_int(f.min); break;
    case 5: res[0] = goro_int(f.sec); break;
    case 6: res[0] = goro_int(f.nsec); break;
    case 7: res[0] = goro_typed(goro_int(f.wday), goro_time_weekday_t); break;
    case 8: res[0] = goro_int(f.yday); break;
    case 9: /* Date */
        res[0] = goro_int(f.year), res[1] = month_value(f.month), res[2] = goro_int(f.day);
        return 3;
    case 10: /* Clock */
        res[0] = goro_int(f.hour), res[1] = goro_int(f.min), res[2] = goro_int(f.sec);
        return 3;
    case 11: /* Zone */
        res[0] = goro_str_cstr(f.zname), res[1] = goro_int(f.offset);
        return 2;
    case 12: { /* ISOWeek: the week of the Thursday of t's Monday-to-Sunday week */
        int d = 4 - f.wday;
        if (d == 4)
            d = -3;
        int64_t days = goro_time_days_from_civil(f.year, f.month, f.day) + d, y;
        int m, dd;
        goro_time_civil_from_days(days, &y, &m, &dd);
        int64_t yday = days - goro_time_days_from_civil(y, 1, 1);
        res[0] = goro_int(y), res[1] = goro_int(yday / 7 + 1);
        return 2;
    }
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
static int t_date(G *g, Value *a, int n, Value *r) { return t_field(g, a, n, r, 9); }
static int t_clock(G *g, Value *a, int n, Value *r) { return t_field(g, a, n, r, 10); }
static int t_zone(G *g, Value *a, int n, Value *r) { return t_field(g, a, n, r, 11); }
static int t_isoweek(G *g, Value *a, int n, Value *r) { return t_field(g, a, n, r, 12); }

/* a *time.Location argument: NULL with a panic raised (Go's for nil) */
static Location *need_loc(G *g, Value *args, int nargs, int i, const char *call, int *rc)
{
    Location *l = nargs > i ? goro_time_loc_arg(args[i]) : NULL;
    if (l)
        return l;
    if (nargs > i && goro_value_is_nil(args[i]))
        *rc = goro_panic(g, goro_str_cstr(goro_sprintf("time: missing Location in call to %s", call)));
    else
        *rc = goro_runtime_error(g, "time.%s: argument must be a *time.Location", call);
    return NULL;
}

static int t_in(G *g, Value *args, int nargs, Value *res)
{
    RECV("In");
    int rc;
    Location *l = need_loc(g, args, nargs, 1, "Time.In", &rc);
    if (!l)
        return rc;
    res[0] = goro_time_make(t->sec, t->nsec, 0, l);
    return 1;
}
static int t_utc(G *g, Value *args, int nargs, Value *res) { RECV("UTC"); res[0] = goro_time_make(t->sec, t->nsec, 0, NULL); return 1; }
static int t_local(G *g, Value *args, int nargs, Value *res) { RECV("Local"); res[0] = goro_time_make(t->sec, t->nsec, 0, &goro_time_local); return 1; }
static int t_location(G *g, Value *args, int nargs, Value *res)
{
    RECV("Location");
    res[0] = goro_obj_value(t->loc ? &t->loc->obj : &goro_time_utc.obj);
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
    ARG_TIME(u, 0, "Since");
    TimeObj *now = (TimeObj *)now_value().u.p;
    res[0] = goro_time_duration(sub(now, u));
    return 1;
}

static int time_until(G *g, Value *args, int nargs, Value *res)
{
    ARG_TIME(u, 0, "Until");
    TimeObj *now = (TimeObj *)now_value().u.p;
    res[0] = goro_time_duration(sub(u, now));
    return 1;
}

static int time_date(G *g, Value *args, int nargs, Value *res)
{
    int64_t v[7];
    for (int i = 0; i < 7; i++)
        if (need_int(g, args, nargs, i, "Date", &v[i]))
            return GORO_NATIVE_PANIC;
    int rc;
    Location *l = need_loc(g, args, nargs, 7, "Date", &rc);
    if (!l)
        return rc;
    int32_t ns;
    int64_t s = goro_time_date(v[0], v[1], v[2], v[3], v[4], v[5], v[6], l, &ns);
    res[0] = goro_time_make(s, ns, 0, l);
    return 1;
}

static int time_unix(G *g, Value *args, int nargs, Value *res)
{
    int64_t s, ns;
    if (need_int(g, args, nargs, 0, "Unix", &s) || need_int(g, args, nargs, 1, "Unix", &ns))
        return GORO_NATIVE_PANIC;
    res[0] = goro_time_make(s, ns, 0, &goro_time_local);
    return 1;
}

static int time_unixmilli(G *g, Value *args, int nargs, Value *res)
{
    int64_t ms;
    if (need_int(g, args, nargs, 0, "UnixMilli", &ms))
        return GORO_NATIVE_PANIC;
    res[0] = goro_time_make(ms / 1000, (ms % 1000) * 1000000, 0, &goro_time_local);
    return 1;
}

static int time_unixmicro(G *g, Value *args, int nargs, Value *res)
{
    int64_t us;
    if (need_int(g, args, nargs, 0, "UnixMicro", &us))
        return GORO_NATIVE_PANIC;
    res[0] = goro_time_make(us / 1000000, (us % 1000000) * 1000, 0, &goro_time_local);
    return 1;
}

static int parse_common(G *g, Value *args, int nargs, Value *res, Location *def, Location *local,
                        const char *fn)
{
    if (nargs < 2 || VKIND(args[0]) != VK_STRING || VKIND(args[1]) != VK_STRING)
        return goro_runtime_error(g, "time.%s: layout and value must be strings", fn);
    Value err = goro_nil();
    if (!goro_time_parse(args[0].u.s, args[0].aux, args[1].u.s, args[1].aux, def, local, &res[0], &err))
        res[0] = goro_obj_value(time_zero());
    res[1] = err;
    return 2;
}

static int time_parse(G *g, Value *args, int nargs, Value *res)
{
    return parse_common(g, args, nargs, res, &goro_time_utc, &goro_time_local, "Parse");
}

static int time_parseinlocation(G *g, Value *args, int nargs, Value *res)
{
    int rc;
    Location *l = need_loc(g, args, nargs, 2, "ParseInLocation", &rc);
    if (!l)
        return rc;
    return parse_common(g, args, nargs, res, l, l, "ParseInLocation");
}

void goro_time_methods_init(Package *p)
{
    goro_time_class.zero = time_zero;
    goro_time_class.equal = time_equal;
    goro_time_class.hash = time_hash;
    goro_time_t = goro_type_obj("time", "Time", &goro_time_class);
    goro_time_class.type = goro_time_t;
    goro_pkg_type(p, "Time", goro_time_t);
    static const struct { const char *name; NativeFn fn; } methods[] = {
        {"String", t_string}, {"Format", t_format}, {"AppendFormat", t_appendformat},
        {"Add", t_add}, {"Sub", t_sub}, {"AddDate", t_adddate}, {"Round", t_round},
        {"Truncate", t_truncate}, {"Equal", t_equal}, {"Before", t_before}, {"After", t_after},
        {"Compare", t_compare}, {"IsZero", t_iszero}, {"Unix", t_unix},
        {"UnixMilli", t_unixmilli}, {"UnixMicro", t_unixmicro}, {"UnixNano", t_unixnano},
        {"Year", t_year}, {"Month", t_month}, {"Day", t_day}, {"Hour", t_hour},
        {"Minute", t_minute}, {"Second", t_second}, {"Nanosecond", t_nanosecond},
        {"Weekday", t_weekday}, {"YearDay", t_yearday}, {"Date", t_date}, {"Clock", t_clock},
        {"Zone", t_zone}, {"ISOWeek", t_isoweek}, {"In", t_in}, {"UTC", t_utc},
        {"Local", t_local}, {"Location", t_location},
    };
    for (size_t i = 0; i < sizeof methods / sizeof *methods; i++)
        goro_pkg_method(goro_time_t, methods[i].name, methods[i].fn);
    static const struct { const char *name; NativeFn fn; } funcs[] = {
        {"Now", time_now}, {"Since", time_since}, {"Until", time_until}, {"Date", time_date},
        {"Unix", time_unix}, {"UnixMilli", time_unixmilli}, {"UnixMicro", time_unixmicro},
        {"Parse", time_parse}, {"ParseInLocation", time_parseinlocation},
    };
    for (size_t i = 0; i < sizeof funcs / sizeof *funcs; i++)
        goro_pkg_func(p, funcs[i].name, funcs[i].fn);
    static const char *const layouts[][2] = {
        {"Layout", "01/02 03:04:05PM '06 -0700"},
        {"ANSIC", "Mon Jan _2 15:04:05 2006"},
        {"UnixDate", "Mon Jan _2 15:04:05 MST 2006"},
        {"RubyDate", "Mon Jan 02 15:04:05 -0700 2006"},
        {"RFC822", "02 Jan 06 15:04 MST"},
        {"RFC822Z", "02 Jan 06 15:04 -0700"},
        {"RFC850", "Monday, 02-Jan-06 15:04:05 MST"},
        {"RFC1123", "Mon, 02 Jan 2006 15:04:05 MST"},
        {"RFC1123Z", "Mon, 02 Jan 2006 15:04:05 -0700"},
        {"RFC3339", "2006-01-02T15:04:05Z07:00"},
        {"RFC3339Nano", "2006-01-02T15:04:05.999999999Z07:00"},
        {"Kitchen", "3:04PM"},
        {"Stamp", "Jan _2 15:04:05"},
        {"StampMilli", "Jan _2 15:04:05.000"},
        {"StampMicro", "Jan _2 15:04:05.000000"},
        {"StampNano", "Jan _2 15:04:05.000000000"},
        {"DateTime", "2006-01-02 15:04:05"},
        {"DateOnly", "2006-01-02"},
        {"TimeOnly", "15:04:05"},
    };
    for (size_t i = 0; i < sizeof layouts / sizeof *layouts; i++)
        goro_pkg_const(p, layouts[i][0], goro_str_cstr(layouts[i][1]));
}
