/* proc.h: the G/M/P scheduler's interface (design comment in proc.c).
 *
 * P: a processor, the right to run goroutines; owns a run queue, a
 *    runnext slot, a timer heap.  GOMAXPROCS of them.
 * M: an OS thread; runs goroutines only while it holds a P.
 * G: a goroutine (g.h).
 *
 * This build runs one P on the main thread (M0); the structures and the
 * locking are those of the M:N scheduler: no interpreter state is global,
 * the run queue belongs to the P, every channel and timer heap has its
 * own lock, and other threads (the REPL's input thread, timers firing)
 * hand goroutines over through the locked global run queue and wake the
 * P's M through the netpoller. */
#ifndef GORO_SCHED_H
#define GORO_SCHED_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#include "g.h"
#include "timer.h"

#define GORO_RUNQ_SIZE 256
/* Calls and backward jumps a goroutine may make before the scheduler
 * checks whether it should let another run (STYLE.md 11). */
#define GORO_BUDGET 20000

typedef struct P {
    int id;
    G *runnext;                          /* runs next, inheriting the time slice */
    _Atomic uint32_t runqhead, runqtail;
    G *_Atomic runq[GORO_RUNQ_SIZE];
    uint32_t schedtick;
    TimerHeap timers;
    uint64_t rand;                       /* select's and rand's per-P generator */
} P;

typedef struct M {
    int id;
    P *p;
    G *curg;
} M;

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
    pthread_mutex_t lock;
    G *runq_head, *runq_tail;            /* global run queue */
    int runq_size;
    P **allp;
    int nprocs;
    _Atomic int64_t goidgen;
    G *allg;                             /* every live G (dumps, deadlock) */
    int ngoroutines;                     /* user goroutines alive */
    _Atomic int external_waits;          /* waits the runtime cannot see end: REPL input */
    _Atomic int exit_requested;
    int exit_code;
    bool repl;                           /* the REPL drives the scheduler */
    G *repl_line;                        /* the REPL's running line, if any */
    bool repl_deadlock;                  /* that line was aborted as deadlocked */
    bool main_goexit;                    /* main called runtime.Goexit: run on without it */
} Sched;

extern Sched goro_sched;
extern __thread M *goro_curm;

void goro_sched_init(void);
int goro_sched_gomaxprocs(void);
int goro_sched_set_gomaxprocs(int n);
int goro_sched_ncpu(void);

/* A new goroutine made by `go` in [creator]: it runs next. */
void goro_sched_spawn(G *newg, G *creator);
/* Make a waiting G runnable (from any thread, any lock held). */
void goro_sched_ready(G *g);
/* Hand a runnable G over from a thread that is not an M. */
void goro_sched_inject(G *g);
/* Mark [g] waiting for [reason]; called before it is published on a
 * wait queue, under that queue's lock. */
void goro_sched_park(G *g, const char *reason);

/* Run the scheduler on this thread until [main] finishes or the
 * program exits; returns the exit status. */
int goro_sched_main(G *main);
/* Ask the running scheduler to stop with [code] (os.Exit). */
void goro_sched_exit(int code);

/* Should the running G give way? (its budget ran out) */
bool goro_sched_should_yield(G *g);
uint32_t goro_fastrand(void);
int goro_sched_numgoroutine(void);

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

#endif
