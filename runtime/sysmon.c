/* sysmon.c: the system monitor (Go: sysmon and retake in proc.go).
 *
 * The problem.  Three things need a thread that is not busy running
 * goroutines: a goroutine that computes for a long time must be told to
 * let others run (a `for {}` loop must never starve the rest, at any
 * GOMAXPROCS); a P whose M is blocked in a system call must be given to
 * another M; and the network must be polled even when every M is busy.
 *
 * The design is Go's.  sysmon runs on its own thread without a P.  It
 * sleeps 20 µs, and after 50 wake-ups with nothing to do doubles the
 * sleep up to 10 ms.  Each time it looks at every P:
 *   - running, and its schedtick unchanged for 10 ms: the goroutine has
 *     held the P that long; set its preempt flag, which the VM sees at
 *     its next preemption point (the budget is the cheap check that
 *     leads there);
 *   - in a system call for at least one sysmon tick (its syscalltick
 *     unchanged), and there is other work, or no idle or spinning M to
 *     pick work up, or the call has lasted 10 ms: take the P (CAS
 *     P_SYSCALL -> P_IDLE) and hand it off.
 * It polls the network when nobody has for 10 ms, starts an M when a
 * timer is overdue and every P is busy, and every 10 ms flushes standard
 * output (stdio buffers it; Go writes at once), so a program whose P's
 * are all busy still shows what it printed.
 *
 * Reading other threads' P's and M's: status, ticks and the M's current
 * goroutine are atomics; a stale goroutine pointer only costs that
 * goroutine one early yield. */
#include <stdio.h>
#include <time.h>

#include "netpoll.h"
#include "proc.h"

#define FORCE_PREEMPT_NS 10000000
#define POLL_FALLBACK_NS 10000000

static void preemptone(P *p)
{
    M *m = __atomic_load_n(&p->m, __ATOMIC_ACQUIRE);
    G *g = m ? __atomic_load_n(&m->curg, __ATOMIC_ACQUIRE) : NULL;
    if (g) {
        atomic_store(&g->preempt, true);
        atomic_fetch_add(&goro_sched.npreempt, 1);
    }
}

static int retake(int64_t now)
{
    int n = 0;
    int nprocs = atomic_load(&goro_sched.nprocs);
    for (int i = 0; i < nprocs; i++) {
        P *p = goro_sched.allp[i];
        if (!p)
            continue;
        int s = atomic_load(&p->status);
        bool sysretake = false;
        if (s == P_RUNNING || s == P_SYSCALL) {
            uint32_t t = atomic_load(&p->schedtick);
            if (p->mon_schedtick != t) {
                p->mon_schedtick = t;
                p->mon_schedwhen = now;
            } else if (p->mon_schedwhen + FORCE_PREEMPT_NS <= now) {
                if (s == P_RUNNING)
                    preemptone(p);
                p->mon_schedwhen = now;
                sysretake = true;
            }
        }
        if (s != P_SYSCALL)
            continue;
        uint32_t t = atomic_load(&p->syscalltick);
        if (!sysretake && p->mon_syscalltick != t) {
            p->mon_syscalltick = t;
            p->mon_syscallwhen = now;
            continue;
        }
        if (goro_runq_empty(&p->q) &&
            atomic_load(&goro_sched.nmspinning) + atomic_load(&goro_sched.npidle) > 0 &&
            p->mon_syscallwhen + FORCE_PREEMPT_NS > now)
            continue;
        int want = P_SYSCALL;
        if (atomic_compare_exchange_strong(&p->status, &want, P_IDLE)) {
            atomic_fetch_add(&p->syscalltick, 1);
            atomic_fetch_add(&goro_sched.nretake, 1);
            n++;
            goro_sched_handoffp(p);
        }
    }
    return n;
}

static void *sysmon(void *arg)
{
    GORO_UNUSED(arg);
    int64_t delay = 0, lastflush = 0;
    int idle = 0;
    for (;;) {
        if (idle == 0)
            delay = 20000;
        else if (idle > 50)
            delay *= 2;
        if (delay > 10000000)
            delay = 10000000;
        struct timespec ts = {0, (long)delay};
        nanosleep(&ts, NULL);   /* an EINTR only shortens one tick */
        if (atomic_load(&goro_sched.exit_requested))
            return NULL;
        atomic_fetch_add(&goro_sched.nsysmon, 1);
        int64_t now = goro_nanotime();
        if (now - lastflush >= 10000000) {
            lastflush = now;
            fflush(stdout);
        }
        int64_t last = atomic_load(&goro_sched.lastpoll);
        if (goro_netpoll_waiters() > 0 && last != 0 && last + POLL_FALLBACK_NS < now &&
            atomic_compare_exchange_strong(&goro_sched.lastpoll, &last, now)) {
            G *list = goro_netpoll(0);
            if (list) {
                atomic_fetch_add(&goro_sched.nnetpoll, 1);
                goro_sched_injectglist(list);
                idle = 0;
                continue;
            }
        }
        int64_t next = goro_sched_timers_next();
        if (next >= 0 && next < now && atomic_load(&goro_sched.npidle) > 0)
            goro_sched_startm(NULL, false);
        if (retake(now))
            idle = 0;
        else
            idle++;
    }
}

void goro_sysmon_start(void)
{
    static bool started;
    if (started)
        return;
    started = true;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t t;
    int err = pthread_create(&t, &attr, sysmon, NULL);
    pthread_attr_destroy(&attr);
    if (err)
        goro_fatal("cannot start sysmon: %s", strerror(err));
}
