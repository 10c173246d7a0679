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
#include "rw.h"
#include "proc.h"
#include "time_impl.h"
#include "time_value.h"
#include "vm.h"

static ObjClass timer_class = {.name = "*time.Timer"};
static ObjClass ticker_class = {.name = "*time.Ticker"};
Type *goro_time_duration_t, *goro_time_month_t, *goro_time_weekday_t, *goro_time_t;
#define duration_t goro_time_duration_t
#define month_t goro_time_month_t
#define weekday_t goro_time_weekday_t
#define time_t_ goro_time_t

typedef struct TimerObj {
    Obj obj;
    Timer t;
    Value c;        /* the channel C (nil for AfterFunc) */
} TimerObj;

static const int64_t NS = 1, US = 1000, MS = 1000000, SEC = 1000000000, MIN = 60 * SEC,
                     HOUR = 60 * MIN;

Value goro_time_duration(int64_t d)
{
    Value v = goro_int(d);
    v.tt = TT(VK_INT, duration_t->id);
    return v;
}
#define duration goro_time_duration

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
Value goro_duration_string(int64_t d)
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

static int d_string(G *g, Value *a, int n, Value *r) { GORO_UNUSED(g); GORO_UNUSED(n); r[0] = goro_duration_string(a[0].u.i); return 1; }
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

/* ------------------------------------------------------- Month, Weekday */

static int month_string(G *g, Value *a, int n, Value *r)
{
    GORO_UNUSED(g); GORO_UNUSED(n);
    int64_t m = a[0].u.i;
    r[0] = m >= 1 && m <= 12 ? goro_str_cstr(goro_time_month_names[m - 1])
                             : goro_str_cstr(goro_sprintf("%%!Month(%lld)", (long long)m));
    return 1;
}

static int weekday_string(G *g, Value *a, int n, Value *r)
{
    GORO_UNUSED(g); GORO_UNUSED(n);
    int64_t d = a[0].u.i;
    r[0] = d >= 0 && d <= 6 ? goro_str_cstr(goro_time_day_names[d])
                            : goro_str_cstr(goro_sprintf("%%!Weekday(%lld)", (long long)d));
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
    return goro_ptrval(TT(VK_CHAN, ct->id), goro_chan_new(time_t_, 1));
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

/* Go 1.19's timers: C is a channel of capacity 1 that the timer sends
 * on when it fires.  Stop and Reset leave a time already sent there (a
 * fired timer's Stop reports false, and the idiom `if !t.Stop() { <-t.C }`
 * receives it); len(t.C) is 1 until it is received. */
static int timer_stop(G *g, Value *args, int nargs, Value *res)
{
    GORO_RECV(TimerObj, o, as_timer);
    bool was = goro_timer_stop(&o->t);
    if (o->obj.cls == &timer_class) {
        res[0] = goro_bool(was);
        return 1;
    }
    return 0;
}

static int timer_reset(G *g, Value *args, int nargs, Value *res)
{
    GORO_RECV(TimerObj, o, as_timer);
    int64_t d;
    if (need_duration(g, args, nargs, 1, "Timer.Reset", &d))
        return GORO_NATIVE_PANIC;
    bool was = goro_timer_stop(&o->t);
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
        goro_pkg_const(p, goro_time_month_names[i], m);
    }
    weekday_t = goro_type_named("time", "Weekday", goro_t_int);
    goro_pkg_type(p, "Weekday", weekday_t);
    goro_pkg_method(weekday_t, "String", weekday_string);
    for (int i = 0; i < 7; i++) {
        Value d = goro_int(i);
        d.tt = TT(VK_INT, weekday_t->id);
        goro_pkg_const(p, goro_time_day_names[i], d);
    }

    goro_time_methods_init(p);
    goro_time_zone_init(p);

    Type *tt = goro_pkg_obj_type(p, "time", "Timer", &timer_class, NULL);
    timer_class.getfield = timer_getfield;
    goro_pkg_method(tt, "Stop", timer_stop);
    goro_pkg_method(tt, "Reset", timer_reset);
    Type *kt = goro_pkg_obj_type(p, "time", "Ticker", &ticker_class, NULL);
    ticker_class.getfield = timer_getfield;
    goro_pkg_method(kt, "Stop", timer_stop);
    goro_pkg_method(kt, "Reset", timer_reset);

    goro_pkg_func(p, "Sleep", time_sleep);
    goro_pkg_func(p, "After", time_after);
    goro_pkg_func(p, "Tick", time_tick);
    goro_pkg_func(p, "NewTimer", time_newtimer);
    goro_pkg_func(p, "NewTicker", time_newticker);
    goro_pkg_func(p, "AfterFunc", time_afterfunc);
    goro_pkg_func(p, "ParseDuration", time_parseduration);
    goro_time_value_hook = goro_time_at_mono;
}
