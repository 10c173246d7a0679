/* dump.c: what the runtime shows of itself: every goroutine with its
 * wait reason, where it is and who created it (deadlock reports, the
 * REPL's :goroutines), and the scheduler's P's, M's and queues (:sched). */
#include <stdio.h>

#include "proc.h"
#include "vm.h"

static void dump_g(FILE *out, G *g, const char *state)
{
    fprintf(out, "goroutine %lld [%s]:\n", (long long)g->id, state);
    fputs(goro_vm_traceback(g, 0), out);
    if (g->parent_id && g->created_fn)
        fprintf(out, "created by %s in goroutine %lld\n\t%s:%d\n", g->created_fn,
                (long long)g->parent_id, g->created_file, g->created_line);
}

void goro_sched_dump(FILE *out, bool include_running)
{
    goro_sched_dump_except(out, include_running ? NULL : (G *)1);
}

/* [skip] == (G *)1: leave out running goroutines; else leave out [skip]. */
void goro_sched_dump_except(FILE *out, G *skip)
{
    bool include_running = skip != (G *)1;
    goro_lock(&goro_sched.allglock);
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
        if (st == G_RUNNING) {
            /* its frames belong to the M running it, on another thread */
            fprintf(out, "goroutine %lld [running]:\n\t(running on M%d)\n", (long long)g->id,
                    g->m ? g->m->id : -1);
            continue;
        }
        dump_g(out, g, state ? state : "waiting");
    }
    goro_unlock(&goro_sched.allglock);
}

static const char *p_status(int s)
{
    static const char *const names[] = {"idle", "running", "syscall", "stopped", "dead"};
    return s >= 0 && s <= P_DEAD ? names[s] : "?";
}

static const char *m_state(int s)
{
    static const char *const names[] = {"running", "spinning", "idle", "in syscall",
                                        "in netpoll", "waiting for a P"};
    return s >= 0 && s <= M_WAITP ? names[s] : "?";
}

void goro_sched_describe(FILE *out)
{
    int counts[5] = {0};
    goro_lock(&goro_sched.allglock);
    for (G *g = goro_sched.allg; g; g = g->allnext)
        if (!g->system)
            counts[atomic_load(&g->status)]++;
    goro_unlock(&goro_sched.allglock);
    goro_lock(&goro_sched.lock);
    int glob = atomic_load(&goro_sched.runq_size);
    int nprocs = atomic_load(&goro_sched.nprocs);
    fprintf(out, "GOMAXPROCS=%d  M's=%d (idle %d, spinning %d)  idle P's=%d  goroutines: "
                 "%d running, %d runnable, %d waiting\n",
            nprocs, goro_sched.mcount, goro_sched.nmidle, atomic_load(&goro_sched.nmspinning),
            atomic_load(&goro_sched.npidle), counts[G_RUNNING], counts[G_RUNNABLE],
            counts[G_WAITING]);
    fprintf(out, "global run queue: %d  sysmon: %llu wake-ups, %llu preemptions, %llu P's "
                 "retaken from syscalls, %llu network polls  steals: %llu\n",
            glob, (unsigned long long)atomic_load(&goro_sched.nsysmon),
            (unsigned long long)atomic_load(&goro_sched.npreempt),
            (unsigned long long)atomic_load(&goro_sched.nretake),
            (unsigned long long)atomic_load(&goro_sched.nnetpoll),
            (unsigned long long)atomic_load(&goro_sched.nsteal));
    for (int i = 0; i < nprocs; i++) {
        P *p = goro_sched.allp[i];
        M *m = __atomic_load_n(&p->m, __ATOMIC_ACQUIRE);
        G *next = atomic_load(&p->q.next);
        goro_lock(&p->timers.lock);
        int nt = p->timers.n;
        goro_unlock(&p->timers.lock);
        fprintf(out, "  P%d: %-8s M=%-3s schedtick=%u syscalltick=%u runnext=%s local run "
                     "queue=%u timers=%d\n",
                p->id, p_status(atomic_load(&p->status)),
                m ? goro_sprintf("%d", m->id) : "-", atomic_load(&p->schedtick),
                atomic_load(&p->syscalltick),
                next ? goro_sprintf("goroutine %lld", (long long)next->id) : "-",
                goro_runq_len(&p->q), nt);
    }
    for (M *m = goro_sched.allm; m; m = m->alllink) {
        P *p = __atomic_load_n(&m->p, __ATOMIC_ACQUIRE);
        G *g = __atomic_load_n(&m->curg, __ATOMIC_ACQUIRE);
        fprintf(out, "  M%d: %-15s P=%-3s curg=%s\n", m->id, m_state(atomic_load(&m->state)),
                p ? goro_sprintf("%d", p->id) : "-",
                g ? goro_sprintf("goroutine %lld", (long long)g->id) : "-");
    }
    goro_unlock(&goro_sched.lock);
}
