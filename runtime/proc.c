/* proc.c: the G/M/P scheduler (Go: runtime/proc.go).
 *
 * The problem.  Many goroutines, few threads, several cores.  A
 * goroutine runs until it blocks (channel, timer, network), yields
 * (runtime.Gosched), spends its budget or is preempted; then its thread
 * picks the next one.  Blocked goroutines must cost nothing while they
 * wait; idle cores must find work quickly and idle threads must sleep;
 * a goroutine in a blocking system call must not hold a core; and the
 * program must notice when every goroutine is blocked and nothing
 * outside can wake one (deadlock).
 *
 * The design is Go's.  A P ("processor") is the right to run
 * goroutines; there are GOMAXPROCS of them.  Each owns a lock-free local
 * run queue with a runnext slot (runq.c) and a timer heap (timer.c).  An
 * M is a pthread registered with Boehm; it runs goroutines only while it
 * holds a P.  M's are created on demand, never one per goroutine, and
 * park on a futex note when there is nothing to do.  The global run
 * queue, under the scheduler lock, takes yielded and preempted
 * goroutines, the overflow of full local queues and goroutines readied
 * by threads without a P; a P looks at it every 61st schedule tick so
 * nothing starves.
 *
 * findrunnable, in Go's order: expired timers of this P, the local
 * queue, the global queue, a non-blocking poll of the network, then
 * stealing (if this M may spin: at most half the busy P's have spinning
 * M's): four rounds over the P's in a random coprime order, taking half
 * of a victim's queue, and in the last round its runnext and its expired
 * timers too.  Then the global queue once more under the lock, give the
 * P up, and (the "delicate dance") after dropping the spinning count
 * look at every queue again, since work submitted meanwhile may have
 * seen a spinning M and not woken anyone.  Finally one M blocks in the
 * netpoller until the earliest timer of any P; the others park.
 *
 * Waking.  Readying a goroutine puts it in the current P's runnext and
 * calls wakep: if a P is idle and no M is spinning, start (or wake) a
 * spinning M for it.  A spinning M that finds work stops spinning and
 * wakes another (resetspinning), so work spreads one M at a time.  The
 * spinning count and the queues form a Dekker pair (submit work, then
 * read nmspinning; stop spinning, then read the queues), all seq_cst
 * atomics, so no wake-up is lost.
 *
 * Parking protocol.  A goroutine that blocks (1) under the lock of what
 * it waits on, sets its wait reason and selectdone = 0 and links itself
 * there, (2) returns VM_PARK with the lock still held, and (3) its M,
 * back in the scheduler and done with the G, runs the park commit (Go's
 * gopark unlockf), which unlocks: only then can a waker find it, so no
 * two M's ever run one G.  A waker claims the G with CAS(selectdone, 0,
 * 1); only the winner writes park_vals and calls goro_sched_ready.  The
 * same claim lets select cases race and lets the REPL cancel a wait.
 *
 * System calls.  goro_syscall_enter leaves the P in P_SYSCALL; sysmon
 * (sysmon.c) takes it by CAS and hands it to another M when the call
 * lasts.  A native's C frames live on the M's stack, so unlike Go the M
 * cannot give its goroutine away: goro_syscall_exit takes back its P,
 * or an idle one, or waits on the pwait list, and every scheduling point
 * gives its P to a waiting M first.
 *
 * Stop the world (runtime.GOMAXPROCS).  gcwaiting makes every M stop at
 * its next scheduling point; idle and in-syscall P's are taken at once;
 * then procresize moves the goroutines and timers of removed P's.
 *
 * Deadlock.  checkdead runs whenever an M goes idle: if no M runs (idle
 * ones, sysmon and the main thread excluded; one in a system call or in
 * the netpoller counts as running), no P has a timer, nobody waits on
 * the network and nothing outside the runtime (the REPL's input) can
 * submit work, every goroutine is blocked for good.
 *
 * Rejected: a ucontext or assembly coroutine per goroutine (a C stack
 * each, defeats the <1 KiB goal, and Boehm cannot scan switched stacks
 * without help); one OS thread per goroutine (the contrast this language
 * is meant to teach); a single global queue (every schedule would take
 * one lock). */
#include "proc.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "chan.h"
#include "netpoll.h"
#include "vm.h"

Sched goro_sched = {.stw_lock = PTHREAD_MUTEX_INITIALIZER};
__thread M *goro_curm;

/* GORO_STRESS_SCHED=1: preempt at random safe points, to shake out bugs
 * that need an unlucky interleaving; GORO_STRESS_SEED fixes the seed. */
static int stress_sched;
static uint64_t stress_seed;

/* Under stress a goroutine passes at least one preemption point per
 * turn: a yield at a CALL runs the CALL again when resumed, so a budget
 * of 1 would never get past it. */
static int32_t stress_budget(void) { return 2 + (int32_t)(goro_fastrand() % 4); }

static void schedule(void) __attribute__((noreturn));

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

/* ------------------------------------------------------- the global queue */

/* Under sched.lock. */
static void globrunqput_locked(G *g)
{
    g->schedlink = NULL;
    if (goro_sched.runq_tail)
        goro_sched.runq_tail->schedlink = g;
    else
        goro_sched.runq_head = g;
    goro_sched.runq_tail = g;
    atomic_fetch_add(&goro_sched.runq_size, 1);
}

static void globrunqput(G *g)
{
    goro_lock(&goro_sched.lock);
    globrunqput_locked(g);
    goro_unlock(&goro_sched.lock);
}

static void globrunqput_batch(void **items, int n)
{
    goro_lock(&goro_sched.lock);
    for (int i = 0; i < n; i++)
        globrunqput_locked(items[i]);
    goro_unlock(&goro_sched.lock);
}

static G *globpop_locked(void)
{
    G *g = goro_sched.runq_head;
    if (g) {
        goro_sched.runq_head = g->schedlink;
        if (!goro_sched.runq_head)
            goro_sched.runq_tail = NULL;
        atomic_fetch_sub(&goro_sched.runq_size, 1);
        g->schedlink = NULL;
    }
    return g;
}

static void runqput(P *p, G *g, bool next);

/* Under sched.lock: one G to run, and (max == 0) a fair share of the
 * rest moved to [p]'s local queue (Go's globrunqget). */
static G *globrunqget_locked(P *p, int max)
{
    int size = atomic_load(&goro_sched.runq_size);
    if (size == 0)
        return NULL;
    int n = size / atomic_load(&goro_sched.nprocs) + 1;
    if (n > size)
        n = size;
    if (max > 0 && n > max)
        n = max;
    if (n > GORO_RUNQ_SIZE / 2)
        n = GORO_RUNQ_SIZE / 2;
    G *g = globpop_locked();
    for (int i = 1; i < n; i++)
        runqput(p, globpop_locked(), false);
    return g;
}

static G *globrunqget(P *p, int max)
{
    if (atomic_load(&goro_sched.runq_size) == 0)
        return NULL;
    goro_lock(&goro_sched.lock);
    G *g = globrunqget_locked(p, max);
    goro_unlock(&goro_sched.lock);
    return g;
}

/* --------------------------------------------------------- local queues */

static void runqput(P *p, G *g, bool next)
{
    void *over[GORO_RUNQ_SIZE / 2 + 1];
    if (stress_sched && next && (goro_fastrand() & 1))
        next = false;   /* Go randomises runnext under -race, too */
    int n = goro_runq_put(&p->q, g, next, over);
    if (n > 0)
        globrunqput_batch(over, n);
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

/* A cgroup v2 CPU quota ("max 100000" or "150000 100000"), rounded up. */
static int cgroup_cpu_limit(void)
{
    FILE *f = fopen("/proc/self/cgroup", "r");
    if (!f)
        return 0;
    char line[512], path[600] = "";
    while (fgets(line, sizeof line, f))
        if (line[0] == '0' && line[1] == ':' && line[2] == ':') {
            line[strcspn(line, "\n")] = 0;
            snprintf(path, sizeof path, "/sys/fs/cgroup%s/cpu.max", line + 3);
            break;
        }
    fclose(f);
    if (!path[0])
        return 0;
    f = fopen(path, "r");
    if (!f)
        return 0;
    char quota[64];
    long long period = 0;
    int limit = 0;
    if (fscanf(f, "%63s %lld", quota, &period) == 2 && strcmp(quota, "max") != 0 && period > 0) {
        long long q = atoll(quota);
        if (q > 0)
            limit = (int)((q + period - 1) / period);
    }
    fclose(f);
    return limit;
}

int goro_sched_ncpu(void) { return cpus_in_affinity(); }

int goro_sched_gomaxprocs(void) { return atomic_load(&goro_sched.nprocs); }

static P *new_p(int id)
{
    P *p = GC_MALLOC(sizeof(P));
    p->id = id;
    p->rand = (0x853c49e6748fea9bull ^ (uint64_t)getpid() ^ stress_seed) * (uint64_t)(2 * id + 1);
    if (!p->rand)
        p->rand = 1;
    goro_timerheap_init(&p->timers);
    atomic_store(&p->status, P_GCSTOP);
    return p;
}

static M *new_m(void)
{
    M *m = GC_MALLOC(sizeof(M));
    goro_lock(&goro_sched.lock);
    m->id = goro_sched.mcount++;
    m->alllink = goro_sched.allm;
    goro_sched.allm = m;
    goro_unlock(&goro_sched.lock);
    return m;
}

static int initial_procs(void)
{
    /* Go's rule: a positive integer, the whole string */
    const char *env = getenv("GOMAXPROCS");
    char *end = NULL;
    long v = env && *env ? strtol(env, &end, 10) : 0;
    int n = end && *end == 0 && v > 0 ? (v > GORO_MAXPROCS ? GORO_MAXPROCS : (int)v) : 0;
    if (n <= 0) {
        n = cpus_in_affinity();
        int lim = cgroup_cpu_limit();
        if (lim > 0 && lim < n)
            n = lim;
    }
    return n > GORO_MAXPROCS ? GORO_MAXPROCS : n;
}

void goro_sched_init(void)
{
    if (atomic_load(&goro_sched.nprocs))
        return;
    const char *stress = getenv("GORO_STRESS_SCHED");
    stress_sched = stress && *stress && *stress != '0';
    const char *seed = getenv("GORO_STRESS_SEED");
    stress_seed = seed && *seed ? strtoull(seed, NULL, 0) : (uint64_t)getpid() * 2654435761u;
    int n = initial_procs();
    for (int i = 0; i < n; i++) {
        P *p = new_p(i);
        atomic_store(&p->status, P_IDLE);
        goro_sched.allp[i] = p;
    }
    /* idle list in id order: P0 first */
    for (int i = n - 1; i >= 0; i--) {
        goro_sched.allp[i]->link = goro_sched.pidle;
        goro_sched.pidle = goro_sched.allp[i];
    }
    atomic_store(&goro_sched.npidle, n);
    atomic_store(&goro_sched.lastpoll, goro_nanotime());
    atomic_store(&goro_sched.nprocs, n);
    goro_netpoll_init();
}

/* -------------------------------------------------------- the all-G list */

void goro_sched_add_g(G *g)
{
    goro_lock(&goro_sched.allglock);
    g->allnext = goro_sched.allg;
    g->allprev = NULL;
    if (goro_sched.allg)
        goro_sched.allg->allprev = g;
    goro_sched.allg = g;
    goro_unlock(&goro_sched.allglock);
    if (!g->system)
        atomic_fetch_add(&goro_sched.ngoroutines, 1);
}

void goro_sched_remove_g(G *g)
{
    goro_lock(&goro_sched.allglock);
    if (g->allprev)
        g->allprev->allnext = g->allnext;
    else if (goro_sched.allg == g)
        goro_sched.allg = g->allnext;
    if (g->allnext)
        g->allnext->allprev = g->allprev;
    g->allnext = g->allprev = NULL;
    goro_unlock(&goro_sched.allglock);
    if (!g->system)
        atomic_fetch_sub(&goro_sched.ngoroutines, 1);
}

int goro_sched_numgoroutine(void) { return atomic_load(&goro_sched.ngoroutines); }

void goro_sched_make_system(G *g)
{
    if (!g->system) {
        g->system = true;
        atomic_fetch_sub(&goro_sched.ngoroutines, 1);
        /* the goroutines a user sees are numbered from 1 without it */
        int64_t id = g->id;
        if (atomic_compare_exchange_strong(&goro_sched.goidgen, &id, id - 1))
            g->id = 0;
    }
}

/* --------------------------------------------------- idle P's and M's */

/* Under sched.lock.  An M back from a system call gets the P first. */
static void pidleput(P *p)
{
    M *w = goro_sched.pwait;
    if (w) {
        goro_sched.pwait = w->schedlink;
        atomic_fetch_sub(&goro_sched.npwait, 1);
        w->schedlink = NULL;
        atomic_store(&p->status, P_RUNNING);
        w->nextp = p;
        goro_note_wakeup(&w->park);
        return;
    }
    atomic_store(&p->status, P_IDLE);
    p->m = NULL;
    p->link = goro_sched.pidle;
    goro_sched.pidle = p;
    atomic_fetch_add(&goro_sched.npidle, 1);
}

/* Under sched.lock. */
static P *pidleget(void)
{
    P *p = goro_sched.pidle;
    if (p) {
        goro_sched.pidle = p->link;
        p->link = NULL;
        atomic_fetch_sub(&goro_sched.npidle, 1);
    }
    return p;
}

static void acquirep(M *m, P *p)
{
    m->p = p;
    p->m = m;
    atomic_store(&p->status, P_RUNNING);
}

static P *releasep(M *m)
{
    P *p = m->p;
    m->p = NULL;
    if (p)
        p->m = NULL;
    return p;
}

/* Under sched.lock. */
static M *mget(void)
{
    M *m = goro_sched.midle;
    if (m) {
        goro_sched.midle = m->schedlink;
        m->schedlink = NULL;
        goro_sched.nmidle--;
    }
    return m;
}

/* Start running on the P handed over by startm (or newm). */
static void take_nextp(M *m)
{
    P *p = m->nextp;
    m->nextp = NULL;
    acquirep(m, p);
    atomic_store(&m->state, m->spinning ? M_SPINNING : M_RUNNING);
}

static int checkdead_locked(void);
static void deadlock(int verdict);

/* Park this M until startm hands it a P. */
static void stopm(void)
{
    M *m = goro_curm;
    goro_lock(&goro_sched.lock);
    m->schedlink = goro_sched.midle;
    goro_sched.midle = m;
    goro_sched.nmidle++;
    atomic_store(&m->state, M_IDLE);
    int verdict = checkdead_locked();
    goro_unlock(&goro_sched.lock);
    if (verdict)
        deadlock(verdict);
    goro_note_sleep(&m->park);
    goro_note_clear(&m->park);
    take_nextp(m);
}

static void *mstart(void *arg)
{
    M *m = arg;
    goro_curm = m;
    take_nextp(m);
    schedule();
}

static void newm(P *p, bool spinning)
{
    M *m = new_m();
    m->nextp = p;
    m->spinning = spinning;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    /* natives recurse a little (fmt of nested values, sort callbacks) */
    pthread_attr_setstacksize(&attr, 8u << 20);
    pthread_t t;
    int err = pthread_create(&t, &attr, mstart, m);
    pthread_attr_destroy(&attr);
    if (err)
        goro_fatal("cannot create a thread for the scheduler: %s", strerror(err));
}

void goro_sched_startm(P *p, bool spinning)
{
    goro_lock(&goro_sched.lock);
    if (!p) {
        p = pidleget();
        if (!p) {
            goro_unlock(&goro_sched.lock);
            if (spinning)
                atomic_fetch_sub(&goro_sched.nmspinning, 1);
            return;
        }
    }
    atomic_store(&p->status, P_RUNNING);
    M *m = mget();
    goro_unlock(&goro_sched.lock);
    if (!m) {
        newm(p, spinning);
        return;
    }
    m->spinning = spinning;
    m->nextp = p;
    goro_note_wakeup(&m->park);
}

/* Set when goro_sched_main starts: before it (unit tests readying fake
 * goroutines) nobody is woken (Go's mainStarted). */
static _Atomic bool started;

void goro_sched_wakep(void)
{
    if (!atomic_load(&started) || atomic_load(&goro_sched.npidle) == 0)
        return;
    int zero = 0;
    if (atomic_load(&goro_sched.nmspinning) != 0 ||
        !atomic_compare_exchange_strong(&goro_sched.nmspinning, &zero, 1))
        return;
    goro_sched_startm(NULL, true);
}

/* A spinning M found work: stop spinning, and get another M spinning if
 * there may be more work for idle P's. */
static void resetspinning(M *m)
{
    m->spinning = false;
    atomic_store(&m->state, M_RUNNING);
    if (atomic_fetch_sub(&goro_sched.nmspinning, 1) == 1)
        goro_sched_wakep();
}

/* [p] is being given up by an M that stops running goroutines (retaken
 * from a system call, or its M blocks): start an M for it if there is
 * work, else put it on the idle list (Go's handoffp). */
void goro_sched_handoffp(P *p)
{
    if (!goro_runq_empty(&p->q) || atomic_load(&goro_sched.runq_size) != 0) {
        goro_sched_startm(p, false);
        return;
    }
    int zero = 0;
    if (atomic_load(&goro_sched.nmspinning) + atomic_load(&goro_sched.npidle) == 0 &&
        atomic_compare_exchange_strong(&goro_sched.nmspinning, &zero, 1)) {
        goro_sched_startm(p, true);
        return;
    }
    goro_lock(&goro_sched.lock);
    if (atomic_load(&goro_sched.gcwaiting)) {
        atomic_store(&p->status, P_GCSTOP);
        p->m = NULL;
        if (--goro_sched.stopwait == 0)
            goro_note_wakeup(&goro_sched.stopnote);
        goro_unlock(&goro_sched.lock);
        return;
    }
    /* an M back from a system call takes it first (pidleput hands it over) */
    bool waiter = goro_sched.pwait != NULL;
    if (!waiter && (atomic_load(&goro_sched.runq_size) != 0 ||
                    /* the last running P: someone must watch the network and the timers */
                    (atomic_load(&goro_sched.npidle) == atomic_load(&goro_sched.nprocs) - 1 &&
                     atomic_load(&goro_sched.lastpoll) != 0))) {
        goro_unlock(&goro_sched.lock);
        goro_sched_startm(p, false);
        return;
    }
    int64_t when = goro_timers_next(p);
    pidleput(p);
    goro_unlock(&goro_sched.lock);
    if (when >= 0)
        goro_sched_wake_netpoller(when);
}

void goro_sched_wake_netpoller(int64_t when)
{
    if (atomic_load(&goro_sched.lastpoll) == 0) {
        int64_t until = atomic_load(&goro_sched.polluntil);
        if (until == 0 || until > when)
            goro_netpoll_break();
    } else {
        goro_sched_wakep();
    }
}

int64_t goro_sched_timers_next(void)
{
    int64_t best = -1;
    int n = atomic_load(&goro_sched.nprocs);
    for (int i = 0; i < n; i++) {
        P *p = goro_sched.allp[i];
        if (!p)
            continue;
        int64_t w = goro_timers_next(p);
        if (w >= 0 && (best < 0 || w < best))
            best = w;
    }
    return best;
}

/* ------------------------------------------------------- state changes */

void goro_sched_park(G *g, const char *reason)
{
    g->waitreason = reason;
    g->parkfn = NULL;
    g->cancelfn = NULL;
    atomic_store(&g->parking, true);
    atomic_store_explicit(&g->status, G_WAITING, memory_order_relaxed);
}

void goro_sched_park_commit(G *g, const char *reason, bool (*commit)(G *, void *), void *arg)
{
    goro_sched_park(g, reason);
    g->parkfn = commit;
    g->parkarg = arg;
}

static bool unlock_commit(G *g, void *arg)
{
    GORO_UNUSED(g);
    goro_unlock(arg);
    return true;
}

void goro_sched_park_unlock(G *g, const char *reason, Lock *l)
{
    goro_sched_park_commit(g, reason, unlock_commit, l);
}

/* Returns false when the commit declined to park. */
static bool run_commit(G *g)
{
    bool (*fn)(G *, void *) = g->parkfn;
    g->parkfn = NULL;
    bool parked = true;
    if (fn)
        parked = fn(g, g->parkarg);
    atomic_store(&g->parking, false);
    return parked;
}

void goro_sched_commit_now(G *g)
{
    if (!run_commit(g))
        goro_sched_ready(g);
}

void goro_sched_ready(G *g)
{
    g->resume_pending = true;
    M *m = goro_curm;
    if (!m || !m->p) {
        goro_sched_inject(g);
        return;
    }
    atomic_store_explicit(&g->status, G_RUNNABLE, memory_order_release);
    runqput(m->p, g, true);
    goro_sched_wakep();
}

void goro_sched_inject(G *g)
{
    atomic_store_explicit(&g->status, G_RUNNABLE, memory_order_release);
    globrunqput(g);
    goro_sched_wakep();
    goro_netpoll_break();
}

void goro_sched_injectglist(G *list)
{
    if (!list)
        return;
    int n = 0;
    goro_lock(&goro_sched.lock);
    while (list) {
        G *next = list->schedlink;
        list->resume_pending = true;
        atomic_store_explicit(&list->status, G_RUNNABLE, memory_order_release);
        globrunqput_locked(list);
        list = next;
        n++;
    }
    goro_unlock(&goro_sched.lock);
    int idle = atomic_load(&started) ? atomic_load(&goro_sched.npidle) : 0;
    for (int i = 0; i < n && i < idle; i++)
        goro_sched_startm(NULL, false);
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
    M *m = goro_curm;
    if (!m || !m->p) {
        goro_sched_inject(newg);
        return;
    }
    atomic_store_explicit(&newg->status, G_RUNNABLE, memory_order_release);
    runqput(m->p, newg, true);
    goro_sched_wakep();
}

static void preemptall(void);

/* Stop running goroutines: every M stops at its next scheduling point
 * (Go's freezetheworld before a fatal panic prints). */
void goro_sched_freeze(int code)
{
    goro_lock(&goro_sched.lock);
    if (!atomic_load(&goro_sched.exit_requested)) {
        goro_sched.exit_code = code;
        atomic_store(&goro_sched.exit_requested, 1);
    }
    goro_unlock(&goro_sched.lock);
    preemptall();
}

void goro_sched_exit(int code)
{
    goro_sched_freeze(code);
    goro_note_wakeup(&goro_sched.exitnote);
}

bool goro_sched_should_yield(G *g)
{
    g->budget = stress_sched ? stress_budget() : GORO_BUDGET;
    if (g->nested)
        return false;
    if (atomic_load(&g->interrupted)) {
        atomic_store(&g->interrupted, false);
        goro_panic_str(g, "%s", g->is_repl && goro_sched.repl_deadlock ? "deadlock" : "interrupted");
        return true;
    }
    if (atomic_exchange(&g->preempt, false) || stress_sched)
        return true;
    if (atomic_load(&goro_sched.gcwaiting) || atomic_load(&goro_sched.npwait) ||
        atomic_load(&goro_sched.exit_requested))
        return true;
    M *m = goro_curm;
    P *p = m ? m->p : NULL;
    if (!p)
        return false;
    if (!goro_runq_empty(&p->q) || atomic_load(&goro_sched.runq_size) > 0)
        return true;
    int64_t next = goro_timers_next(p);
    return next >= 0 && next <= goro_nanotime();
}

/* ------------------------------------------------------------ syscalls */

void goro_syscall_enter(void)
{
    M *m = goro_curm;
    if (!m || !m->p)
        return;
    P *p = m->p;
    atomic_fetch_add(&p->syscalltick, 1);
    releasep(m);
    m->oldp = p;
    atomic_store(&m->state, M_SYSCALL);
    atomic_store(&p->status, P_SYSCALL);
}

void goro_syscall_enter_block(void)
{
    M *m = goro_curm;
    goro_syscall_enter();
    P *p = m ? m->oldp : NULL;
    int want = P_SYSCALL;
    if (p && atomic_compare_exchange_strong(&p->status, &want, P_IDLE)) {
        atomic_fetch_add(&p->syscalltick, 1);
        goro_sched_handoffp(p);
    }
}

void goro_sched_poll_pause(void)
{
    goro_syscall_enter_block();
    sched_yield();
    goro_syscall_exit();
}

void goro_syscall_exit(void)
{
    M *m = goro_curm;
    if (!m || !m->oldp)
        return;
    P *p = m->oldp;
    m->oldp = NULL;
    int want = P_SYSCALL;
    if (atomic_compare_exchange_strong(&p->status, &want, P_RUNNING)) {
        acquirep(m, p);
        atomic_fetch_add(&p->syscalltick, 1);
        atomic_store(&m->state, M_RUNNING);
        return;
    }
    /* the P was taken: any idle P, else wait for one */
    goro_lock(&goro_sched.lock);
    P *np = atomic_load(&goro_sched.gcwaiting) ? NULL : pidleget();
    if (np) {
        goro_unlock(&goro_sched.lock);
        acquirep(m, np);
        atomic_store(&m->state, M_RUNNING);
        return;
    }
    m->schedlink = goro_sched.pwait;
    goro_sched.pwait = m;
    atomic_fetch_add(&goro_sched.npwait, 1);
    atomic_store(&m->state, M_WAITP);
    goro_unlock(&goro_sched.lock);
    goro_note_sleep(&m->park);
    goro_note_clear(&m->park);
    take_nextp(m);
}

/* A scheduling point with M's waiting for a P: give ours to one. */
static bool give_p_to_waiter(M *m)
{
    if (atomic_load(&goro_sched.npwait) == 0)
        return false;
    goro_lock(&goro_sched.lock);
    M *w = goro_sched.pwait;
    if (!w) {
        goro_unlock(&goro_sched.lock);
        return false;
    }
    P *p = releasep(m);
    pidleput(p);   /* hands it to the waiter */
    goro_unlock(&goro_sched.lock);
    /* an M woken to spin stops spinning here: left counted, it would
     * keep wakep from ever starting another M */
    if (m->spinning) {
        m->spinning = false;
        atomic_fetch_sub(&goro_sched.nmspinning, 1);
    }
    return true;
}

/* ----------------------------------------------------- stop the world */

static void preemptall(void)
{
    int n = atomic_load(&goro_sched.nprocs);
    for (int i = 0; i < n; i++) {
        P *p = goro_sched.allp[i];
        M *m = p ? __atomic_load_n(&p->m, __ATOMIC_ACQUIRE) : NULL;
        G *g = m ? __atomic_load_n(&m->curg, __ATOMIC_ACQUIRE) : NULL;
        if (g)
            atomic_store(&g->preempt, true);
    }
}

/* This M stops at a scheduling point for a stop-the-world. */
static void gcstopm(M *m)
{
    if (m->spinning) {
        m->spinning = false;
        atomic_fetch_sub(&goro_sched.nmspinning, 1);
    }
    P *p = releasep(m);
    goro_lock(&goro_sched.lock);
    atomic_store(&p->status, P_GCSTOP);
    if (--goro_sched.stopwait == 0)
        goro_note_wakeup(&goro_sched.stopnote);
    goro_unlock(&goro_sched.lock);
    stopm();
}

static void stop_the_world(M *me)
{
    pthread_mutex_lock(&goro_sched.stw_lock);
    goro_lock(&goro_sched.lock);
    int n = atomic_load(&goro_sched.nprocs);
    goro_sched.stopwait = n - 1;
    atomic_store(&goro_sched.gcwaiting, 1);
    goro_note_clear(&goro_sched.stopnote);
    atomic_store(&me->p->status, P_GCSTOP);
    for (int i = 0; i < n; i++) {
        P *p = goro_sched.allp[i];
        int want = P_SYSCALL;
        if (p != me->p && atomic_compare_exchange_strong(&p->status, &want, P_GCSTOP)) {
            atomic_fetch_add(&p->syscalltick, 1);
            goro_sched.stopwait--;
        }
    }
    P *p;
    while ((p = pidleget())) {
        atomic_store(&p->status, P_GCSTOP);
        goro_sched.stopwait--;
    }
    bool wait = goro_sched.stopwait > 0;
    goro_unlock(&goro_sched.lock);
    while (wait) {
        preemptall();
        goro_netpoll_break();
        if (goro_note_tsleep(&goro_sched.stopnote, 100000))
            break;
    }
}

/* With the world stopped: change the number of P's to [n]. */
static void procresize(M *me, int n)
{
    int old = atomic_load(&goro_sched.nprocs);
    for (int i = old; i < n; i++)
        if (!goro_sched.allp[i])
            goro_sched.allp[i] = new_p(i);
    P *keep = me->p->id < n ? me->p : goro_sched.allp[0];
    for (int i = n; i < old; i++) {
        P *p = goro_sched.allp[i];
        void *items[GORO_RUNQ_SIZE + 1];
        int k = goro_runq_drain(&p->q, items);
        goro_lock(&goro_sched.lock);
        /* they were runnable before the goroutines at the head of the queue */
        for (int j = 0; j < k; j++)
            globrunqput_locked(items[j]);
        goro_unlock(&goro_sched.lock);
        goro_timers_move(p, keep);
        goro_lock(&goro_sched.gfreelock);
        while (p->gfree) {
            G *x = p->gfree;
            p->gfree = x->schedlink;
            x->schedlink = goro_sched.gfree;
            goro_sched.gfree = x;
            goro_sched.ngfree++;
        }
        p->ngfree = 0;
        goro_unlock(&goro_sched.gfreelock);
        atomic_store(&p->status, P_DEAD);
        p->m = NULL;
    }
    if (keep != me->p) {
        /* our P goes away: its queue went to the global queue above */
        releasep(me);
        acquirep(me, keep);
    }
    atomic_store(&goro_sched.nprocs, n);
}

static void start_the_world(M *me)
{
    P *runnable[GORO_MAXPROCS];
    int nr = 0;
    goro_lock(&goro_sched.lock);
    atomic_store(&goro_sched.gcwaiting, 0);
    goro_sched.pidle = NULL;
    atomic_store(&goro_sched.npidle, 0);
    int n = atomic_load(&goro_sched.nprocs);
    for (int i = n - 1; i >= 0; i--) {
        P *p = goro_sched.allp[i];
        if (p == me->p)
            continue;
        if (!goro_runq_empty(&p->q))
            runnable[nr++] = p;
        else
            pidleput(p);
    }
    atomic_store(&me->p->status, P_RUNNING);
    goro_unlock(&goro_sched.lock);
    pthread_mutex_unlock(&goro_sched.stw_lock);
    for (int i = 0; i < nr; i++)
        goro_sched_startm(runnable[i], false);
    goro_sched_wakep();
    goro_sched_wakep();
}

int goro_sched_set_gomaxprocs(int n)
{
    int old = atomic_load(&goro_sched.nprocs);
    if (n <= 0 || n == old)
        return old;
    if (n > GORO_MAXPROCS)
        n = GORO_MAXPROCS;
    M *me = goro_curm;
    if (!me || !me->p) {
        atomic_store(&goro_sched.nprocs, n);   /* before the scheduler starts */
        return old;
    }
    stop_the_world(me);
    procresize(me, n);
    start_the_world(me);
    return old;
}

/* ------------------------------------------------------------ deadlock */

enum { DEAD_NO, DEAD_ALL, DEAD_GOEXIT, DEAD_REPL_LINE, DEAD_WORK };

/* Under sched.lock, when an M goes idle (Go's checkdead). */
static int checkdead_locked(void)
{
    if (atomic_load(&goro_sched.exit_requested))
        return DEAD_NO;
    int run = goro_sched.mcount - goro_sched.nmidle - atomic_load(&goro_sched.repl_line_wait);
    if (run > 0)
        return DEAD_NO;
    if (goro_netpoll_waiters() > 0 || atomic_load(&goro_sched.nsigwatch) > 0)
        return DEAD_NO;
    int n = atomic_load(&goro_sched.nprocs);
    bool timers = false;
    for (int i = 0; i < n; i++) {
        P *p = goro_sched.allp[i];
        if (!goro_runq_empty(&p->q))
            return DEAD_WORK;
        timers |= goro_timers_next(p) >= 0;
    }
    if (atomic_load(&goro_sched.runq_size) > 0)
        return DEAD_WORK;
    if (timers)
        return DEAD_NO;
    if (goro_sched.repl)
        return goro_sched.repl_line ? DEAD_REPL_LINE : DEAD_NO;
    if (goro_sched.main_goexit && atomic_load(&goro_sched.ngoroutines) == 0)
        return DEAD_GOEXIT;
    return DEAD_ALL;
}

static void report_deadlock(void)
{
    fflush(stdout);
    fprintf(stderr, "fatal error: all goroutines are asleep - deadlock!\n\n");
    goro_sched_dump(stderr, false);
    if (stress_sched)
        fprintf(stderr, "\nGORO_STRESS_SEED=%llu\n", (unsigned long long)stress_seed);
}

/* Called by the M that found the deadlock, outside the lock. */
static void deadlock(int verdict)
{
    switch (verdict) {
    case DEAD_WORK:
        /* every M went idle with work queued (a wake-up raced with the
         * last M stopping): start one; it may be this very M */
        goro_sched_startm(NULL, false);
        return;
    case DEAD_REPL_LINE: {
        /* the REPL's line can never finish: report, then abort it */
        G *line = goro_sched.repl_line;
        report_deadlock();
        if (goro_chan_cancel_wait(line)) {
            goro_sched.repl_deadlock = true;
            atomic_store(&line->interrupted, true);
            goro_sched_ready(line);
            return;
        }
        goro_sched.repl_line = NULL;
        if (goro_repl_line_done)
            goro_repl_line_done(line, VM_PANIC);
        return;
    }
    case DEAD_GOEXIT:
        fflush(stdout);
        fputs("fatal error: no goroutines (main called runtime.Goexit) - deadlock!\n", stderr);
        goro_sched_exit(2);
        return;
    default:
        report_deadlock();
        goro_sched_exit(2);
        return;
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
        /* Go's nil dereference is a fault: it names the signal too */
        if (i == 0 && !strcmp(msg, "runtime error: invalid memory address or nil pointer dereference"))
            fprintf(stderr, "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]\n");
    }
    Panic *top = g->panic;
    fprintf(stderr, "\ngoroutine %lld [running]:\n%s", (long long)g->id, top ? top->trace : "");
    if (g->parent_id && g->created_fn)
        fprintf(stderr, "created by %s in goroutine %lld\n\t%s:%d\n", g->created_fn,
                (long long)g->parent_id, g->created_file, g->created_line);
    if (stress_sched)
        fprintf(stderr, "\nGORO_STRESS_SEED=%llu\n", (unsigned long long)stress_seed);
}

void (*goro_repl_line_done)(G *g, int status);

/* ------------------------------------------------- dead G's, reused
 *
 * As Go's gFree lists: a finished G is cleared and kept on its P's free
 * list (half of a long one moves to a global list) and the next `go`
 * reuses it with its stack and frame array, so spawning a goroutine
 * allocates nothing and takes no lock in the common case.  A dead G
 * stays in the all-G list (dumps skip G_DEAD); only the overflow of the
 * global list leaves it and is collected. */

#define GFREE_LOCAL 64
#define GFREE_GLOBAL 1024
#define GFREE_MAXSTACK 512     /* Values; a bigger stack is not kept */

/* Clear everything but the buffers and the all-G links. */
static void gclear(G *g)
{
    Value *stack = g->stack;
    uint32_t stacksize = g->stacksize;
    Frame *frames = g->frames;
    uint32_t framescap = g->framescap;
    Timer *timer = g->timer;
    G *an = g->allnext, *ap = g->allprev;
    if (stacksize > GFREE_MAXSTACK) {
        stack = NULL;
        stacksize = 0;
    } else if (stack) {
        memset(stack, 0, sizeof(Value) * stacksize);
    }
    if (framescap > 64) {
        frames = NULL;
        framescap = 0;
    } else if (frames) {
        memset(frames, 0, sizeof(Frame) * framescap);
    }
    memset(g, 0, sizeof *g);
    g->stack = stack;
    g->stacksize = stacksize;
    g->frames = frames;
    g->framescap = framescap;
    g->timer = timer;
    g->allnext = an;
    g->allprev = ap;
    g->resume_dst = -1;
    atomic_store(&g->status, G_DEAD);
}

static void gfput(G *g)
{
    gclear(g);
    M *m = goro_curm;
    P *p = m ? m->p : NULL;
    if (p) {
        g->schedlink = p->gfree;
        p->gfree = g;
        if (++p->ngfree <= GFREE_LOCAL)
            return;
    }
    /* move half of the local list (or this G) to the global one */
    G *batch = p ? NULL : g;
    int nb = p ? 0 : 1;
    if (p) {
        while (p->ngfree > GFREE_LOCAL / 2) {
            G *x = p->gfree;
            p->gfree = x->schedlink;
            p->ngfree--;
            x->schedlink = batch;
            batch = x;
            nb++;
        }
    }
    G *drop = NULL;
    goro_lock(&goro_sched.gfreelock);
    while (batch) {
        G *x = batch;
        batch = x->schedlink;
        if (goro_sched.ngfree < GFREE_GLOBAL) {
            x->schedlink = goro_sched.gfree;
            goro_sched.gfree = x;
            goro_sched.ngfree++;
        } else {
            x->schedlink = drop;
            drop = x;
        }
    }
    goro_unlock(&goro_sched.gfreelock);
    while (drop) {
        G *x = drop;
        drop = x->schedlink;
        x->schedlink = NULL;
        goro_sched_remove_g(x);
    }
}

static G *gfget(void)
{
    M *m = goro_curm;
    P *p = m ? m->p : NULL;
    if (p && !p->gfree && goro_sched.ngfree > 0) {
        /* refill from the global list */
        goro_lock(&goro_sched.gfreelock);
        while (goro_sched.gfree && p->ngfree < GFREE_LOCAL / 2) {
            G *x = goro_sched.gfree;
            goro_sched.gfree = x->schedlink;
            goro_sched.ngfree--;
            x->schedlink = p->gfree;
            p->gfree = x;
            p->ngfree++;
        }
        goro_unlock(&goro_sched.gfreelock);
    }
    if (!p || !p->gfree)
        return NULL;
    G *g = p->gfree;
    p->gfree = g->schedlink;
    p->ngfree--;
    g->schedlink = NULL;
    return g;
}

static void finish_g(G *g, int st)
{
    atomic_store(&g->status, G_DEAD);
    if (!g->system)
        atomic_fetch_sub(&goro_sched.ngoroutines, 1);
    if (g->is_repl && goro_repl_line_done)
        goro_repl_line_done(g, st);
    if (g->is_main && !goro_sched.repl) {
        if (st == VM_GOEXIT) {
            goro_lock(&goro_sched.lock);
            goro_sched.main_goexit = true;   /* the others run on (Go's rule) */
            goro_unlock(&goro_sched.lock);
        } else {
            goro_sched_exit(st == VM_DONE ? 0 : 2);
            return;   /* its panic or frames may still be printed */
        }
    }
    if (st == VM_PANIC || g->is_repl)
        return;   /* a traceback was taken from it; the REPL keeps a pointer to its line */
    gfput(g);
}

/* Run the expired timers of other P's (the last stealing round). */
static bool steal_timers(P *me, int64_t now)
{
    bool ran = false;
    int n = atomic_load(&goro_sched.nprocs);
    for (int i = 0; i < n; i++) {
        P *p = goro_sched.allp[i];
        if (p != me && goro_timers_run(p, now) > 0)
            ran = true;
    }
    return ran;
}

static unsigned gcd(unsigned a, unsigned b)
{
    while (b) {
        unsigned t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* Go's stealWork: four rounds over the P's in a random order. */
static G *stealwork(P *me, int64_t now, bool *newwork)
{
    *newwork = false;
    unsigned n = (unsigned)atomic_load(&goro_sched.nprocs);
    if (n <= 1) {
        *newwork = steal_timers(me, now) || !goro_runq_empty(&me->q);
        return NULL;
    }
    for (int round = 0; round < 4; round++) {
        bool last = round == 3;
        unsigned start = goro_fastrand() % n;
        unsigned inc = 1 + goro_fastrand() % n;
        while (gcd(inc, n) != 1)
            inc = inc % n + 1;
        for (unsigned k = 0, i = start; k < n; k++, i = (i + inc) % n) {
            if (atomic_load(&goro_sched.gcwaiting)) {
                *newwork = true;
                return NULL;
            }
            P *p = goro_sched.allp[i];
            if (p == me)
                continue;
            if (last && goro_timers_run(p, now) > 0) {
                bool inherit;
                G *g = goro_runq_get(&me->q, &inherit);
                if (g)
                    return g;
                *newwork = true;
            }
            if (!goro_runq_empty(&p->q)) {
                G *g = goro_runq_steal(&me->q, &p->q, last,
                                       atomic_load(&p->status) == P_RUNNING);
                if (g) {
                    atomic_fetch_add(&goro_sched.nsteal, 1);
                    return g;
                }
            }
        }
    }
    return NULL;
}

static bool any_runq_work(void)
{
    if (atomic_load(&goro_sched.runq_size) > 0)
        return true;
    int n = atomic_load(&goro_sched.nprocs);
    for (int i = 0; i < n; i++)
        if (!goro_runq_empty(&goro_sched.allp[i]->q))
            return true;
    return false;
}

/* Take the first G of [list] to run on [p]; the rest go global. */
static G *take_from_list(G *list)
{
    G *g = list;
    G *rest = g->schedlink;
    g->schedlink = NULL;
    g->resume_pending = true;
    atomic_store(&g->status, G_RUNNABLE);
    goro_sched_injectglist(rest);
    return g;
}

static void hang(void) __attribute__((noreturn));
static void hang(void)
{
    /* the program is exiting: this M runs no more goroutines */
    Note never = {0};
    for (;;)
        goro_note_sleep(&never);
}

/* Find a goroutine to run; blocks until there is one. */
static G *findrunnable(M *m, bool *inherit)
{
top:;
    P *p = m->p;
    *inherit = false;
    if (atomic_load(&goro_sched.exit_requested))
        hang();
    if (atomic_load(&goro_sched.gcwaiting)) {
        gcstopm(m);
        goto top;
    }
    int64_t now = goro_nanotime();
    if (goro_timers_next(p) >= 0)
        goro_timers_run(p, now);
    G *g;
    if ((g = goro_runq_get(&p->q, inherit)))
        return g;
    if ((g = globrunqget(p, 0)))
        return g;
    /* a non-blocking poll, if nobody else is polling */
    if (goro_netpoll_waiters() > 0 && atomic_load(&goro_sched.lastpoll) != 0) {
        G *list = goro_netpoll(0);
        if (list)
            return take_from_list(list);
    }
    int busy = atomic_load(&goro_sched.nprocs) - atomic_load(&goro_sched.npidle);
    if (m->spinning || 2 * atomic_load(&goro_sched.nmspinning) < busy) {
        if (!m->spinning) {
            m->spinning = true;
            atomic_fetch_add(&goro_sched.nmspinning, 1);
            atomic_store(&m->state, M_SPINNING);
        }
        bool newwork;
        g = stealwork(p, now, &newwork);
        if (g)
            return g;
        if (newwork)
            goto top;
    }
    goro_lock(&goro_sched.lock);
    if (atomic_load(&goro_sched.gcwaiting) || atomic_load(&goro_sched.exit_requested)) {
        goro_unlock(&goro_sched.lock);
        goto top;
    }
    if ((g = globrunqget_locked(p, 0))) {
        goro_unlock(&goro_sched.lock);
        return g;
    }
    releasep(m);
    pidleput(p);
    goro_unlock(&goro_sched.lock);

    bool was_spinning = m->spinning;
    if (m->spinning) {
        m->spinning = false;
        atomic_fetch_sub(&goro_sched.nmspinning, 1);
        /* the delicate dance: work may have been queued by someone who
         * saw us spinning and woke nobody */
        if (any_runq_work()) {
            goro_lock(&goro_sched.lock);
            P *np = pidleget();
            goro_unlock(&goro_sched.lock);
            if (np) {
                acquirep(m, np);
                m->spinning = true;
                atomic_fetch_add(&goro_sched.nmspinning, 1);
                goto top;
            }
        }
    }
    int64_t until = goro_sched_timers_next();
    if ((goro_netpoll_waiters() > 0 || until >= 0) &&
        atomic_exchange(&goro_sched.lastpoll, 0) != 0) {
        atomic_store(&goro_sched.polluntil, until < 0 ? 0 : until);
        atomic_store(&m->state, M_POLLING);
        now = goro_nanotime();
        int64_t delay = until < 0 ? -1 : (until > now ? until - now : 0);
        /* nothing runs until something wakes us: let the output out now */
        if (delay != 0)
            fflush(stdout);
        G *list = goro_netpoll(delay);
        atomic_store(&goro_sched.polluntil, 0);
        atomic_store(&goro_sched.lastpoll, goro_nanotime());
        goro_lock(&goro_sched.lock);
        P *np = atomic_load(&goro_sched.gcwaiting) ? NULL : pidleget();
        goro_unlock(&goro_sched.lock);
        if (!np) {
            goro_sched_injectglist(list);
        } else {
            acquirep(m, np);
            atomic_store(&m->state, M_RUNNING);
            if (list)
                return take_from_list(list);
            if (was_spinning) {
                m->spinning = true;
                atomic_fetch_add(&goro_sched.nmspinning, 1);
            }
            goto top;
        }
    } else if (until >= 0) {
        int64_t pu = atomic_load(&goro_sched.polluntil);
        if (pu == 0 || pu > until)
            goro_netpoll_break();
    }
    if (atomic_load(&goro_sched.exit_requested))
        hang();
    stopm();
    goto top;
}

/* Run [g] on this M until it stops; then deal with how it stopped. */
static void execute(M *m, G *g, bool inherit)
{
    P *p = m->p;
    if (!inherit)
        atomic_fetch_add(&p->schedtick, 1);
    for (;;) {
        atomic_store_explicit(&g->status, G_RUNNING, memory_order_relaxed);
        __atomic_store_n(&m->curg, g, __ATOMIC_RELEASE);
        g->m = m;
        if (!inherit || g->budget <= 0)
            g->budget = stress_sched ? stress_budget() : GORO_BUDGET;
        int st = goro_vm_run(g);
        __atomic_store_n(&m->curg, NULL, __ATOMIC_RELEASE);
        switch (st) {
        case VM_PARK:
            if (!run_commit(g)) {
                /* the wait was over before it began: run on */
                g->resume_pending = true;
                inherit = true;
                continue;
            }
            if (atomic_load(&g->interrupted) && goro_chan_cancel_wait(g))
                goro_sched_ready(g);
            return;
        case VM_YIELD:
            atomic_store_explicit(&g->status, G_RUNNABLE, memory_order_relaxed);
            globrunqput(g);
            return;
        case VM_DONE: case VM_GOEXIT:
            finish_g(g, st);
            return;
        case VM_PANIC:
            if (goro_sched.repl) {
                if (g->is_repl && goro_sched.repl_deadlock) {
                    /* a deadlocked line, already reported */
                    goro_sched.repl_deadlock = false;
                } else if (g->is_repl && g->panic && VKIND(g->panic->value) == VK_STRING &&
                           g->panic->value.aux == 11 &&
                           !memcmp(g->panic->value.u.s, "interrupted", 11)) {
                    fflush(stdout);
                    fputs("interrupted\n", stderr);
                } else {
                    fatal_panic(g);
                }
                finish_g(g, VM_PANIC);
                return;
            }
            goro_sched_freeze(2);
            fatal_panic(g);
            finish_g(g, VM_PANIC);
            goro_sched_exit(2);
            hang();
        case VM_EXIT:
        default:
            finish_g(g, st);
            return;
        }
    }
}

static void schedule(void)
{
    M *m = goro_curm;
    for (;;) {
        if (atomic_load(&goro_sched.exit_requested))
            hang();
        if (atomic_load(&goro_sched.gcwaiting)) {
            gcstopm(m);
            continue;
        }
        if (give_p_to_waiter(m)) {
            stopm();
            continue;
        }
        P *p = m->p;
        G *g = NULL;
        bool inherit = false;
        if (atomic_load(&p->schedtick) % 61 == 0 && atomic_load(&goro_sched.runq_size) > 0)
            g = globrunqget(p, 1);
        if (!g) {
            if (goro_timers_next(p) >= 0)
                goro_timers_run(p, goro_nanotime());
            g = goro_runq_get(&p->q, &inherit);
        }
        if (!g)
            g = findrunnable(m, &inherit);
        if (m->spinning)
            resetspinning(m);
        execute(m, g, inherit);
    }
}

int goro_sched_main(G *main)
{
    goro_sched_init();
    atomic_store(&started, true);
    goro_sysmon_start();
    main->is_main = true;
    goro_sched_inject(main);
    goro_note_sleep(&goro_sched.exitnote);
    fflush(stdout);
    return goro_sched.exit_code;
}

/* ------------------------------------------------------------ goroutines */

G *goro_g_new(Value fn, const Value *args, int nargs, bool spread)
{
    G *g = gfget();
    bool fresh = !g;
    if (fresh) {
        g = GC_MALLOC(sizeof(G));
        g->resume_dst = -1;
    }
    g->id = atomic_fetch_add(&goro_sched.goidgen, 1) + 1;
    goro_vm_setup(g, fn, args, nargs, spread);
    if (fresh)
        goro_sched_add_g(g);
    else
        atomic_fetch_add(&goro_sched.ngoroutines, 1);
    return g;
}
