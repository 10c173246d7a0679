/* proc.c: the G/M/P scheduler (Go: runtime/proc.go).
 *
 * The problem.  Many goroutines, few threads.  A goroutine runs until it
 * blocks (channel, timer, REPL input), yields (runtime.Gosched) or spends
 * its budget; then the thread (M) picks the next one.  Blocked
 * goroutines must cost nothing while they wait, and the program must
 * notice when every goroutine is blocked and nothing outside can wake
 * one (deadlock).
 *
 * The design is Go's runtime/proc.go.  A P ("processor") is the right to
 * run goroutines: it owns a 256-slot run queue, a runnext slot (the
 * goroutine readied by the running one runs next and inherits its time
 * slice: a send/receive pair is scheduled as a unit), and a timer heap.
 * An M (a thread) runs goroutines only while it holds a P.  The global
 * run queue, under the scheduler lock, takes goroutines made runnable
 * from threads without a P (the REPL's input thread), the overflow of a
 * full local queue, and yielded goroutines; a P looks at it every 61st
 * schedule tick so no goroutine starves.
 *
 * This build runs exactly one P on the main thread (M0); runtime.GOMAXPROCS
 * reports the configured count.  What makes it ready for M:N: the run
 * queue is Go's lock-free single-producer ring (head moved by CAS, tail
 * published with a release store), there is no mutable global
 * interpreter state, every channel and timer heap has its own lock, and
 * every wake-up goes through goro_sched_ready with the claim protocol
 * below.
 *
 * Rejected: a ucontext or assembly coroutine per goroutine (needs a C
 * stack each, defeats the <1 KiB goal, and Boehm cannot scan switched
 * stacks without help); one OS thread per goroutine (the contrast this
 * language is meant to teach).
 *
 * Parking protocol.  A goroutine that blocks (1) saves its pc, (2) under
 * the lock of what it waits on, sets status WAITING and selectdone = 0
 * and publishes itself (a sudog on a channel queue, a timer), (3)
 * unlocks and returns VM_PARK; its M then never touches it again.  A
 * waker claims it with CAS(selectdone, 0, 1); only the winner writes
 * park_vals and calls goro_sched_ready.  The same claim lets select
 * cases race and lets the REPL cancel a wait (Ctrl-C).
 *
 * Deadlock.  When findrunnable finds nothing runnable, no timer pending,
 * and no external wait (the REPL reading a line), every goroutine is
 * blocked for good: print Go's message and every goroutine's wait
 * reason, where it waits and where it was created, and exit 2.
 *
 * Memory ordering.  runq: the owner stores a slot relaxed then releases
 * tail; consumers acquire tail, read the slot, and CAS head (release).
 * Cross-thread readying takes the scheduler lock, then breaks the
 * poller (eventfd), whose write/read pair orders the queue update before
 * the woken M looks again. */
#include "proc.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "chan.h"
#include "netpoll.h"
#include "vm.h"

Sched goro_sched = {.lock = PTHREAD_MUTEX_INITIALIZER};
__thread M *goro_curm;

static M m0;
static int configured_procs = 1;
/* GORO_STRESS_SCHED=1: preempt at every preemption point when anyone
 * else can run, to shake out bugs that need an unlucky interleaving. */
static int stress_sched;

/* Under stress a goroutine passes at least one preemption point per
 * turn: a yield at a CALL runs the CALL again when resumed, so a budget
 * of 1 would never get past it. */
static int32_t stress_budget(void) { return 2 + (int32_t)(goro_fastrand() % 4); }

/* -------------------------------------------------------------- random */

uint32_t goro_fastrand(void)
{
    M *m = goro_curm;
    uint64_t *s = m && m->p ? &m->p->rand : NULL;
    static _Atomic uint64_t shared = 0x9E3779B97F4A7C15ull;
    uint64_t x;
    if (s) {
        x = *s;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        *s = x;
    } else {
        x = atomic_fetch_add(&shared, 0x9E3779B97F4A7C15ull);
        x ^= x >> 31;
        x *= 0xBF58476D1CE4E5B9ull;
        x ^= x >> 29;
    }
    return (uint32_t)(x >> 32);
}

/* ----------------------------------------------------------- run queues */

static void globrunqput(G *g)
{
    pthread_mutex_lock(&goro_sched.lock);
    g->schedlink = NULL;
    if (goro_sched.runq_tail)
        goro_sched.runq_tail->schedlink = g;
    else
        goro_sched.runq_head = g;
    goro_sched.runq_tail = g;
    goro_sched.runq_size++;
    pthread_mutex_unlock(&goro_sched.lock);
}

static G *globrunqget(void)
{
    if (goro_sched.runq_size == 0)
        return NULL;
    pthread_mutex_lock(&goro_sched.lock);
    G *g = goro_sched.runq_head;
    if (g) {
        goro_sched.runq_head = g->schedlink;
        if (!goro_sched.runq_head)
            goro_sched.runq_tail = NULL;
        goro_sched.runq_size--;
        g->schedlink = NULL;
    }
    pthread_mutex_unlock(&goro_sched.lock);
    return g;
}

/* A full local queue: move half of it and [g] to the global queue. */
static void runqputslow(P *p, G *g, uint32_t h, uint32_t t)
{
    uint32_t n = (t - h) / 2;
    G *batch[GORO_RUNQ_SIZE / 2 + 1];
    for (uint32_t i = 0; i < n; i++)
        batch[i] = atomic_load_explicit(&p->runq[(h + i) % GORO_RUNQ_SIZE], memory_order_relaxed);
    if (!atomic_compare_exchange_strong_explicit(&p->runqhead, &h, h + n, memory_order_release,
                                                 memory_order_relaxed)) {
        /* a consumer moved head: the queue has room now */
        globrunqput(g);
        return;
    }
    batch[n] = g;
    for (uint32_t i = 0; i <= n; i++)
        globrunqput(batch[i]);
}

static void runqput(P *p, G *g, bool next)
{
    if (next) {
        G *old = p->runnext;
        p->runnext = g;
        if (!old)
            return;
        g = old;   /* the previous runnext goes to the tail */
    }
    uint32_t h = atomic_load_explicit(&p->runqhead, memory_order_acquire);
    uint32_t t = atomic_load_explicit(&p->runqtail, memory_order_relaxed);
    if (t - h < GORO_RUNQ_SIZE) {
        atomic_store_explicit(&p->runq[t % GORO_RUNQ_SIZE], g, memory_order_relaxed);
        atomic_store_explicit(&p->runqtail, t + 1, memory_order_release);
        return;
    }
    runqputslow(p, g, h, t);
}

static G *runqget(P *p)
{
    G *next = p->runnext;
    if (next) {
        p->runnext = NULL;
        return next;
    }
    for (;;) {
        uint32_t h = atomic_load_explicit(&p->runqhead, memory_order_acquire);
        uint32_t t = atomic_load_explicit(&p->runqtail, memory_order_acquire);
        if (t == h)
            return NULL;
        G *g = atomic_load_explicit(&p->runq[h % GORO_RUNQ_SIZE], memory_order_relaxed);
        if (atomic_compare_exchange_strong_explicit(&p->runqhead, &h, h + 1, memory_order_release,
                                                    memory_order_relaxed))
            return g;
    }
}

static bool runq_empty(P *p)
{
    return !p->runnext && atomic_load_explicit(&p->runqhead, memory_order_acquire) ==
                              atomic_load_explicit(&p->runqtail, memory_order_acquire);
}

/* ---------------------------------------------------------------- setup */

static int cpus_in_affinity(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
        int n = CPU_COUNT(&set);
        if (n > 0)
            return n;
    }
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

int goro_sched_ncpu(void) { return cpus_in_affinity(); }

int goro_sched_gomaxprocs(void) { return configured_procs; }

int goro_sched_set_gomaxprocs(int n)
{
    int old = configured_procs;
    if (n > 0)
        configured_procs = n > 256 ? 256 : n;
    return old;
}

void goro_sched_init(void)
{
    if (goro_sched.allp)
        return;
    const char *stress = getenv("GORO_STRESS_SCHED");
    stress_sched = stress && *stress && *stress != '0';
    const char *env = getenv("GOMAXPROCS");
    int n = env ? atoi(env) : 0;
    configured_procs = n > 0 ? (n > 256 ? 256 : n) : cpus_in_affinity();
    goro_sched.nprocs = 1;
    goro_sched.allp = GC_MALLOC(sizeof(P *));
    P *p = GC_MALLOC(sizeof(P));
    p->id = 0;
    p->rand = 0x853c49e6748fea9bull ^ (uint64_t)getpid();
    goro_timerheap_init(&p->timers);
    goro_sched.allp[0] = p;
    m0.id = 0;
    m0.p = p;
    goro_curm = &m0;
    goro_netpoll_init();
}

/* -------------------------------------------------------- the all-G list */

void goro_sched_add_g(G *g)
{
    pthread_mutex_lock(&goro_sched.lock);
    g->allnext = goro_sched.allg;
    g->allprev = NULL;
    if (goro_sched.allg)
        goro_sched.allg->allprev = g;
    goro_sched.allg = g;
    if (!g->system)
        goro_sched.ngoroutines++;
    pthread_mutex_unlock(&goro_sched.lock);
}

void goro_sched_remove_g(G *g)
{
    pthread_mutex_lock(&goro_sched.lock);
    if (g->allprev)
        g->allprev->allnext = g->allnext;
    else if (goro_sched.allg == g)
        goro_sched.allg = g->allnext;
    if (g->allnext)
        g->allnext->allprev = g->allprev;
    g->allnext = g->allprev = NULL;
    if (!g->system)
        goro_sched.ngoroutines--;
    pthread_mutex_unlock(&goro_sched.lock);
}

int goro_sched_numgoroutine(void) { return goro_sched.ngoroutines; }

/* ------------------------------------------------------- state changes */

void goro_sched_park(G *g, const char *reason)
{
    g->waitreason = reason;
    atomic_store_explicit(&g->status, G_WAITING, memory_order_relaxed);
}

void goro_sched_ready(G *g)
{
    g->resume_pending = true;
    atomic_store_explicit(&g->status, G_RUNNABLE, memory_order_release);
    M *m = goro_curm;
    if (m && m->p) {
        runqput(m->p, g, true);
    } else {
        globrunqput(g);
        goro_netpoll_break();
    }
}

void goro_sched_inject(G *g)
{
    atomic_store_explicit(&g->status, G_RUNNABLE, memory_order_release);
    globrunqput(g);
    goro_netpoll_break();
}

void goro_sched_spawn(G *newg, G *creator)
{
    if (creator) {
        const char *fn, *file;
        int line;
        bool args;
        newg->parent_id = creator->id;
        if (goro_g_frame_info(creator, 0, &fn, &file, &line, &args)) {
            newg->created_fn = fn;
            newg->created_file = file;
            newg->created_line = line;
        }
    }
    atomic_store_explicit(&newg->status, G_RUNNABLE, memory_order_release);
    M *m = goro_curm;
    if (m && m->p)
        runqput(m->p, newg, true);
    else
        goro_sched_inject(newg);
}

void goro_sched_exit(int code)
{
    goro_sched.exit_code = code;
    atomic_store(&goro_sched.exit_requested, 1);
    goro_netpoll_break();
}

bool goro_sched_should_yield(G *g)
{
    g->budget = stress_sched ? stress_budget() : GORO_BUDGET;
    if (g->nested)
        return false;
    if (g->interrupted) {
        g->interrupted = false;
        goro_panic_str(g, "%s", g->is_repl && goro_sched.repl_deadlock ? "deadlock" : "interrupted");
        return true;
    }
    M *m = goro_curm;
    P *p = m ? m->p : NULL;
    if (!p)
        return false;
    if (!runq_empty(p) || goro_sched.runq_size > 0)
        return true;
    int64_t next = goro_timers_next(p);
    return next >= 0 && next <= goro_nanotime();
}

/* --------------------------------------------------------------- dumps */

static void dump_g(FILE *out, G *g, const char *state)
{
    fprintf(out, "goroutine %lld [%s]:\n", (long long)g->id, state);
    fputs(goro_vm_traceback(g, 0), out);
    if (g->parent_id && g->created_fn)
        fprintf(out, "created by %s in goroutine %lld\n\t%s:%d\n", g->created_fn,
                (long long)g->parent_id, g->created_file, g->created_line);
}

void goro_sched_dump(FILE *out, bool include_running) { goro_sched_dump_except(out, include_running ? NULL : (G *)1); }

/* [skip] == (G *)1: leave out running goroutines; else leave out [skip]. */
void goro_sched_dump_except(FILE *out, G *skip)
{
    bool include_running = skip != (G *)1;
    pthread_mutex_lock(&goro_sched.lock);
    /* oldest first, as Go lists them */
    G *last = goro_sched.allg;
    while (last && last->allnext)
        last = last->allnext;
    bool first = true;
    for (G *g = last; g; g = g->allprev) {
        int st = atomic_load(&g->status);
        if (g->system || st == G_DEAD)
            continue;
        const char *state = st == G_WAITING ? g->waitreason
                          : st == G_RUNNING ? "running"
                          : "runnable";
        if ((st == G_RUNNING && !include_running) || g == skip)
            continue;
        if (!first)
            fputc('\n', out);
        first = false;
        dump_g(out, g, state ? state : "waiting");
    }
    pthread_mutex_unlock(&goro_sched.lock);
}

void goro_sched_describe(FILE *out)
{
    int counts[5] = {0};
    pthread_mutex_lock(&goro_sched.lock);
    for (G *g = goro_sched.allg; g; g = g->allnext)
        if (!g->system)
            counts[atomic_load(&g->status)]++;
    int glob = goro_sched.runq_size;
    pthread_mutex_unlock(&goro_sched.lock);
    fprintf(out, "GOMAXPROCS=%d (this build runs %d P on 1 M)  goroutines: %d running, "
                 "%d runnable, %d waiting\n",
            configured_procs, goro_sched.nprocs, counts[G_RUNNING], counts[G_RUNNABLE],
            counts[G_WAITING]);
    fprintf(out, "global run queue: %d\n", glob);
    for (int i = 0; i < goro_sched.nprocs; i++) {
        P *p = goro_sched.allp[i];
        uint32_t h = atomic_load(&p->runqhead), t = atomic_load(&p->runqtail);
        pthread_mutex_lock(&p->timers.lock);
        int nt = p->timers.n;
        pthread_mutex_unlock(&p->timers.lock);
        G *next = p->runnext;
        fprintf(out, "P%d: schedtick=%u runnext=%s local run queue=%u timers=%d\n", p->id,
                p->schedtick, next ? goro_sprintf("goroutine %lld", (long long)next->id) : "-",
                t - h, nt);
    }
}

/* -------------------------------------------------------------- the loop */

static void fatal_panic(G *g)
{
    fflush(stdout);
    /* oldest panic first; a newer one that aborted it is indented */
    Panic *chain[64];
    int n = 0;
    for (Panic *p = g->panic; p && n < 64; p = p->link)
        chain[n++] = p;
    for (int i = n - 1; i >= 0; i--) {
        Panic *p = chain[i];
        if (p->goexit)
            continue;
        char *msg = goro_panic_message(g, p->value);
        fprintf(stderr, "%spanic: %s%s\n", i == n - 1 ? "" : "\t", msg,
                p->recovered ? " [recovered]" : "");
    }
    Panic *top = g->panic;
    fprintf(stderr, "\ngoroutine %lld [running]:\n%s", (long long)g->id, top ? top->trace : "");
    if (g->parent_id && g->created_fn)
        fprintf(stderr, "created by %s in goroutine %lld\n\t%s:%d\n", g->created_fn,
                (long long)g->parent_id, g->created_file, g->created_line);
}

/* Everyone is blocked and nothing can wake them. */
static bool checkdead(void)
{
    fflush(stdout);
    fprintf(stderr, "fatal error: all goroutines are asleep - deadlock!\n\n");
    goro_sched_dump(stderr, false);
    return true;
}

void (*goro_repl_line_done)(G *g, int status);

static void finish_g(G *g, int st)
{
    atomic_store(&g->status, G_DEAD);
    goro_sched_remove_g(g);
    if (g->is_repl && goro_repl_line_done)
        goro_repl_line_done(g, st);
    if (g->is_main && !goro_sched.repl) {
        if (st == VM_GOEXIT)
            goro_sched.main_goexit = true;   /* the others run on (Go's rule) */
        else
            goro_sched_exit(st == VM_DONE ? 0 : 2);
    }
}

static G *findrunnable(P *p)
{
    for (;;) {
        if (atomic_load(&goro_sched.exit_requested))
            return NULL;
        int64_t now = goro_nanotime();
        goro_timers_run(p, now);
        G *g;
        if (p->schedtick % 61 == 0 && goro_sched.runq_size > 0 && (g = globrunqget()))
            return g;
        if ((g = runqget(p)) || (g = globrunqget()))
            return g;
        int64_t next = goro_timers_next(p);
        if (next < 0 && atomic_load(&goro_sched.external_waits) == 0) {
            if (goro_sched.repl && goro_sched.repl_line) {
                /* the REPL's line can never finish: report, then abort it */
                G *line = goro_sched.repl_line;
                checkdead();
                if (goro_chan_cancel_wait(line)) {
                    goro_sched.repl_deadlock = true;
                    line->interrupted = true;
                    goro_sched_ready(line);
                    continue;
                }
                goro_sched.repl_line = NULL;
                if (goro_repl_line_done)
                    goro_repl_line_done(line, VM_PANIC);
                continue;
            }
            if (!goro_sched.repl && goro_sched.main_goexit && goro_sched.ngoroutines == 0) {
                fflush(stdout);
                fputs("fatal error: no goroutines (main called runtime.Goexit) - deadlock!\n", stderr);
                goro_sched_exit(2);
                return NULL;
            }
            if (!goro_sched.repl) {
                checkdead();
                goro_sched_exit(2);
                return NULL;
            }
        }
        int64_t timeout = next < 0 ? -1 : (next > now ? next - now : 0);
        /* nothing runs until something wakes us: let the output out now */
        fflush(stdout);
        goro_netpoll_wait(timeout);
    }
}

static void execute(M *m, G *g)
{
    P *p = m->p;
    p->schedtick++;
    atomic_store_explicit(&g->status, G_RUNNING, memory_order_relaxed);
    m->curg = g;
    g->m = m;
    g->budget = stress_sched ? stress_budget() : GORO_BUDGET;
    int st = goro_vm_run(g);
    m->curg = NULL;
    switch (st) {
    case VM_PARK:
        break;
    case VM_YIELD:
        atomic_store_explicit(&g->status, G_RUNNABLE, memory_order_relaxed);
        globrunqput(g);
        break;
    case VM_DONE: case VM_GOEXIT:
        finish_g(g, st);
        break;
    case VM_PANIC:
        if (goro_sched.repl) {
            if (g->is_repl && goro_sched.repl_deadlock) {
                /* a deadlocked line, already reported */
                goro_sched.repl_deadlock = false;
            } else if (g->is_repl && g->panic && VKIND(g->panic->value) == VK_STRING &&
                       g->panic->value.aux == 11 && !memcmp(g->panic->value.u.s, "interrupted", 11)) {
                fflush(stdout);
                fputs("interrupted\n", stderr);
            } else {
                fatal_panic(g);
            }
            finish_g(g, VM_PANIC);
            break;
        }
        fatal_panic(g);
        finish_g(g, VM_PANIC);
        goro_sched_exit(2);
        break;
    case VM_EXIT:
    default:
        finish_g(g, st);
        break;
    }
}

int goro_sched_main(G *main)
{
    goro_sched_init();
    M *m = goro_curm;
    if (main) {
        main->is_main = true;
        runqput(m->p, main, false);
    }
    for (;;) {
        G *g = findrunnable(m->p);
        if (!g)
            break;
        execute(m, g);
    }
    fflush(stdout);
    return goro_sched.exit_code;
}

/* ------------------------------------------------------------ goroutines */

G *goro_g_new(Value fn, const Value *args, int nargs, bool spread)
{
    G *g = GC_MALLOC(sizeof(G));
    g->id = atomic_fetch_add(&goro_sched.goidgen, 1) + 1;
    g->resume_dst = -1;
    goro_vm_setup(g, fn, args, nargs, spread);
    goro_sched_add_g(g);
    return g;
}
