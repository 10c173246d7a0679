/* proc.h: the G/M/P scheduler's interface (design comment in proc.c).
 *
 * P: a processor, the right to run goroutines; owns a run queue with a
 *    runnext slot and a timer heap.  GOMAXPROCS of them.
 * M: an OS thread (a pthread registered with Boehm); runs goroutines
 *    only while it holds a P.  Started on demand, parked when idle.
 * G: a goroutine (g.h). */
#ifndef GORO_SCHED_H
#define GORO_SCHED_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#include "g.h"
#include "lock.h"
#include "note.h"
#include "runq.h"
#include "timer.h"

/* Calls and backward jumps a goroutine may make before it checks
 * whether it should let another run (STYLE.md 11). */
#define GORO_BUDGET 20000
#define GORO_MAXPROCS 256

/* P status.  Ownership (Go's runtime2.go):
 *   P_IDLE     on the idle list, owned by the scheduler lock;
 *   P_RUNNING  owned by its M, which runs goroutines on it;
 *   P_SYSCALL  its M is in a system call; the P may be taken by CAS to
 *              P_IDLE (sysmon's retake) or P_GCSTOP (stop the world),
 *              or back to P_RUNNING by the M itself (exitsyscall);
 *   P_GCSTOP   halted by a stop-the-world (GOMAXPROCS change);
 *   P_DEAD     beyond GOMAXPROCS; unused until it grows again. */
enum { P_IDLE, P_RUNNING, P_SYSCALL, P_GCSTOP, P_DEAD };

typedef struct P {
    int id;
    _Atomic int status;
    struct M *m;                 /* the M holding it, NULL when idle */
    struct P *link;              /* idle list */
    RunQ q;
    _Atomic uint32_t schedtick;  /* incremented when a new time slice starts */
    _Atomic uint32_t syscalltick;/* incremented at every system call */
    TimerHeap timers;
    uint64_t rand;               /* select's and fastrand's generator */
    G *gfree;                    /* dead G's to reuse (Go's gFree), linked by schedlink */
    int ngfree;
    /* sysmon's view of it */
    uint32_t mon_schedtick, mon_syscalltick;
    int64_t mon_schedwhen, mon_syscallwhen;
} P;

typedef struct M {
    int id;
    P *p;                        /* the P it holds */
    P *nextp;                    /* the P handed to it when woken */
    P *oldp;                     /* in a system call: the P it had */
    G *curg;                     /* the goroutine it runs */
    bool spinning;               /* looking for work (counted in nmspinning) */
    _Atomic int state;           /* M_* below, for :sched */
    Note park;
    struct M *schedlink;         /* idle list, or the list of M's waiting for a P */
    struct M *alllink;
} M;

/* What an M is doing (for :sched and checkdead). */
enum { M_RUNNING, M_SPINNING, M_IDLE, M_SYSCALL, M_POLLING, M_WAITP };

/* How a run of the interpreter ended (goro_vm_run). */
enum {
    VM_PARK,      /* the G waits; its owner is what it waits on */
    VM_YIELD,     /* budget spent or Gosched: runnable again */
    VM_DONE,      /* the goroutine returned */
    VM_PANIC,     /* an unrecovered panic killed it: fatal */
    VM_RETURN,    /* a nested call (goro_vm_call) returned to C */
    VM_EXIT,      /* os.Exit or a fatal runtime error: the process ends */
    VM_GOEXIT,    /* runtime.Goexit ended the goroutine */
};

typedef struct Sched {
    Lock lock;                           /* lock.h */
    /* M's */
    M *midle;                            /* idle M's */
    int nmidle;
    int mcount;                          /* M's created */
    M *allm;
    M *pwait;                            /* M's back from a system call, waiting for a P */
    _Atomic int npwait;
    _Atomic int nmspinning;
    /* P's */
    P *pidle;
    _Atomic int npidle;
    P *allp[GORO_MAXPROCS];
    _Atomic int nprocs;                  /* GOMAXPROCS */
    /* the global run queue */
    G *runq_head, *runq_tail;
    _Atomic int runq_size;
    /* the netpoller */
    _Atomic int64_t lastpoll;            /* 0 while an M is blocked in it */
    _Atomic int64_t polluntil;           /* when that M wakes up */
    /* stop the world */
    _Atomic int gcwaiting;
    int stopwait;
    Note stopnote;
    pthread_mutex_t stw_lock;            /* one stop-the-world at a time */
    /* goroutines */
    _Atomic int64_t goidgen;
    Lock allglock;                       /* the all-G list (apart from sched.lock: spawns) */
    G *allg;                             /* every live G (dumps, deadlock) */
    _Atomic int ngoroutines;             /* user goroutines alive */
    Lock gfreelock;                      /* the global free list of dead G's */
    G *gfree;
    int ngfree;
    _Atomic int repl_line_wait;          /* the REPL's goroutine waits in a system call for its
                                            line to end: its M does not count as running */
    _Atomic int exit_requested;
    int exit_code;
    Note exitnote;                       /* the main thread waits on it */
    bool repl;                           /* the REPL drives the scheduler */
    G *repl_line;                        /* the REPL's running line, if any */
    bool repl_deadlock;                  /* that line was aborted as deadlocked */
    bool main_goexit;                    /* main called runtime.Goexit: run on without it */
    _Atomic int nsigwatch;               /* os/signal channels and contexts waiting for a
                                            signal: something outside may still wake a G */
    /* counters, for :sched */
    _Atomic uint64_t npreempt, nretake, nsteal, nnetpoll, nsysmon;
} Sched;

extern Sched goro_sched;
extern __thread M *goro_curm;

void goro_sched_init(void);
int goro_sched_gomaxprocs(void);
/* runtime.GOMAXPROCS(n): stops the world, resizes, returns the old count. */
int goro_sched_set_gomaxprocs(int n);
int goro_sched_ncpu(void);

/* A new goroutine made by `go` in [creator]: it runs next. */
void goro_sched_spawn(G *newg, G *creator);
/* Make a waiting G runnable (from any thread, any lock held but a
 * P's timer lock). */
void goro_sched_ready(G *g);
/* Hand a runnable G over from a thread that is not an M. */
void goro_sched_inject(G *g);
/* Mark [g] waiting for [reason]; called before it is published on a
 * wait queue, under that queue's lock. */
void goro_sched_park(G *g, const char *reason);
/* Park [g] and have [commit]([g], [arg]) run once its M has left it
 * (Go's gopark unlockf): the commit publishes the G to its wakers (it
 * unlocks a channel, starts a timer).  A commit returning false means
 * "do not park after all": the G runs again at once. */
void goro_sched_park_commit(G *g, const char *reason, bool (*commit)(G *, void *), void *arg);
/* The commonest commit: park [g] with [l] still held; it is unlocked
 * once [g]'s M has left it (a channel's or a semaphore's lock). */
void goro_sched_park_unlock(G *g, const char *reason, Lock *l);
/* Run [g]'s pending commit now (unit tests that park fake G's). */
void goro_sched_commit_now(G *g);

/* System calls (Go's entersyscall/exitsyscall).  A native about to
 * block in the kernel (a file read, stdin, getaddrinfo) calls
 * goro_syscall_enter(); when the call returns, goro_syscall_exit().
 * Between them the M holds no P: it must not touch run queues, timers
 * or other goroutines; sysmon hands the P to another M when the call
 * lasts.  exit takes the P back, or another, waiting for one if all are
 * busy.  Both are no-ops on a thread that is not an M. */
void goro_syscall_enter(void);
void goro_syscall_exit(void);
/* A system call known to block (Go's entersyscallblock): the P is handed
 * off at once instead of when sysmon notices. */
void goro_syscall_enter_block(void);
/* A goroutine that cannot park (inside a native's callback) polling for
 * a resource another goroutine holds: give the thread and the P away
 * for a moment, so the holder can run even at GOMAXPROCS=1. */
void goro_sched_poll_pause(void);

/* Run the scheduler until [main] finishes or the program exits; returns
 * the exit status. */
int goro_sched_main(G *main);
/* Ask the running scheduler to stop with [code] (os.Exit). */
void goro_sched_exit(int code);
/* Stop every running goroutine at its next scheduling point, before a
 * fatal error prints (Go's freezetheworld); the exit status is [code]. */
void goro_sched_freeze(int code);

/* Should the running G give way? (its budget ran out) */
bool goro_sched_should_yield(G *g);
uint32_t goro_fastrand(void);
int goro_sched_numgoroutine(void);
/* [g] is the runtime's own (the REPL's input): not counted by
 * NumGoroutine, not listed in dumps. */
void goro_sched_make_system(G *g);

/* Print every goroutine (deadlock report, :goroutines). */
void goro_sched_dump(FILE *out, bool include_running);
void goro_sched_dump_except(FILE *out, G *skip);
/* The scheduler's state for the REPL's :sched. */
void goro_sched_describe(FILE *out);

/* The REPL hears when its line's goroutine ends (status VM_DONE or VM_PANIC). */
extern void (*goro_repl_line_done)(G *g, int status);

/* Bookkeeping of the all-G list. */
void goro_sched_add_g(G *g);
void goro_sched_remove_g(G *g);

/* For sysmon.c and the netpoller (proc.c). */
void goro_sched_handoffp(P *p);
void goro_sched_startm(P *p, bool spinning);
void goro_sched_wakep(void);
/* Make a list of G's (linked through schedlink) runnable from a thread
 * that may hold no P. */
void goro_sched_injectglist(G *list);
/* A timer at [when] was added: make sure some M will notice it. */
void goro_sched_wake_netpoller(int64_t when);
/* The earliest timer of any P, or -1. */
int64_t goro_sched_timers_next(void);
void goro_sysmon_start(void);

#endif
