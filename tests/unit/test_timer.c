/* test_timer.c: the per-P timer heaps (runtime/timer.c) driven directly:
 * timers fire in deadline order, only when due, never after Stop, a
 * reset moves the deadline, tickers re-arm on their period, and
 * GOMAXPROCS shrinking moves a P's timers to another P.  The timers are
 * TIMER_CALL timers whose callback records what fired; no scheduler
 * runs (no M), so goro_timer_start puts them on P0. */
#include "unit.h"

#include "timer.h"

static void setup(void) { goro_ut_init(); }

TestSuite(timer, .init = setup, .timeout = 10.0);

static uintptr_t fired[4096];
static int nfired;

static void record(void *arg, uintptr_t seq)
{
    (void)arg;
    fired[nfired++] = seq;
}

static Timer *mk(int64_t when, uintptr_t id)
{
    Timer *t = goro_alloc(sizeof *t);
    t->idx = -1;
    t->kind = TIMER_CALL;
    t->cfn = record;
    t->cseq = id;
    t->when = when;
    return t;
}

Test(timer, fire_in_deadline_order_only_when_due)
{
    P *p = goro_sched.allp[0];
    nfired = 0;
    /* 1000 deadlines in a scrambled order */
    for (uintptr_t i = 0; i < 1000; i++)
        goro_timer_start(mk((int64_t)((i * 7919) % 1000) + 1, (i * 7919) % 1000 + 1));
    cr_assert_eq(goro_timers_next(p), 1);
    cr_expect_eq(goro_timers_run(p, 0), 0, "nothing is due at 0");
    cr_expect_eq(goro_timers_run(p, 500), 500);
    cr_expect_eq(goro_timers_next(p), 501);
    cr_expect_eq(goro_timers_run(p, 2000), 500);
    cr_assert_eq(nfired, 1000);
    for (int i = 0; i < 1000; i++)
        cr_expect_eq(fired[i], (uintptr_t)i + 1, "fired[%d] = %lu", i, (unsigned long)fired[i]);
    cr_expect_eq(goro_timers_next(p), -1);
}

Test(timer, stopped_timers_never_fire_and_reset_moves_them)
{
    P *p = goro_sched.allp[0];
    nfired = 0;
    Timer *a = mk(10, 1), *b = mk(20, 2), *c = mk(30, 3);
    goro_timer_start(a);
    goro_timer_start(b);
    goro_timer_start(c);
    cr_expect(goro_timer_stop(b), "b was pending");
    cr_expect(!goro_timer_stop(b), "a second stop finds nothing");
    a->when = 40;
    goro_timer_start(a);   /* a reset: restarts a pending timer */
    goro_timers_run(p, 100);
    cr_assert_eq(nfired, 2);
    cr_expect_eq(fired[0], 3);
    cr_expect_eq(fired[1], 1);
    cr_expect(!goro_timer_stop(a), "a fired timer is no longer pending");
}

Test(timer, ticker_rearms_on_its_period_skipping_missed_ticks)
{
    P *p = goro_sched.allp[0];
    nfired = 0;
    Timer *t = mk(100, 7);
    t->period = 100;
    goro_timer_start(t);
    goro_timers_run(p, 100);
    cr_expect_eq(goro_timers_next(p), 200);
    goro_timers_run(p, 450);   /* 200, 300, 400 missed: one tick, next at 500 */
    cr_expect_eq(nfired, 2);
    cr_expect_eq(goro_timers_next(p), 500);
    cr_expect(goro_timer_stop(t));
}

Test(timer, moving_timers_to_another_p_keeps_them)
{
    P *from = goro_sched.allp[0];
    P to;
    memset(&to, 0, sizeof to);
    goro_timerheap_init(&to.timers);
    nfired = 0;
    Timer *ts[50];
    for (int i = 0; i < 50; i++)
        goro_timer_start(ts[i] = mk(1000 - i, (uintptr_t)i));
    goro_timers_move(from, &to);
    cr_expect_eq(goro_timers_next(from), -1);
    cr_expect_eq(goro_timers_next(&to), 951);
    cr_expect(goro_timer_stop(ts[10]), "stop finds a moved timer");
    goro_timers_run(&to, 2000);
    cr_expect_eq(nfired, 49);
    for (int i = 1; i < nfired; i++)
        cr_expect_lt(fired[i], fired[i - 1], "deadline order after the move");
}
