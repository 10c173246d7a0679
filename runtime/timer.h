/* timer.h: timers on a per-P 4-ary heap (design comment in timer.c).
 * time.Sleep, time.After, NewTimer, NewTicker and AfterFunc all run on
 * them; the scheduler runs expired timers before it looks for work and
 * bounds its idle sleep by the earliest one. */
#ifndef GORO_TIMER_H
#define GORO_TIMER_H

#include <pthread.h>
#include <stdint.h>

#include "lock.h"
#include "value.h"

struct G;
struct Chan;
struct P;

typedef enum TimerKind {
    TIMER_WAKE,    /* ready [g] (time.Sleep) */
    TIMER_SEND,    /* send the time on [ch] without blocking (After, Timer, Ticker) */
    TIMER_FUNC,    /* start a goroutine running [fn] (AfterFunc) */
    TIMER_CALL,    /* call [cfn]([carg], [cseq]) in the scheduler (netpoll deadlines) */
} TimerKind;

typedef struct Timer {
    int64_t when;          /* monotonic nanoseconds */
    int64_t period;        /* > 0: a ticker */
    TimerKind kind;
    struct G *g;
    struct Chan *ch;
    Value fn;
    void (*cfn)(void *arg, uintptr_t seq);
    void *carg;
    uintptr_t cseq;
    int32_t idx;           /* position in its heap, -1 when not scheduled */
    struct P *p;           /* the heap it is on */
} Timer;

typedef struct TimerHeap {
    Lock lock;                 /* lock.h */
    Timer **v;
    int n, cap;
    _Atomic int64_t first;   /* when of the earliest, -1 if none: read without the lock */
} TimerHeap;

int64_t goro_nanotime(void);     /* monotonic */
int64_t goro_walltime(void);     /* Unix nanoseconds */

void goro_timerheap_init(TimerHeap *h);
/* Schedule [t] at t->when on the current P (restarts it if pending). */
void goro_timer_start(Timer *t);
/* Unschedule; true if it was pending. */
bool goro_timer_stop(Timer *t);
/* Run the P's expired timers; returns how many fired. */
int goro_timers_run(struct P *p, int64_t now);
/* Earliest pending deadline of the P, or -1. */
int64_t goro_timers_next(struct P *p);
/* Move every timer of [from] to [to] (a P removed by GOMAXPROCS). */
void goro_timers_move(struct P *from, struct P *to);

/* The value a TIMER_SEND timer sends (time.Time, set by the time package). */
extern Value (*goro_time_value_hook)(int64_t mono);

#endif
