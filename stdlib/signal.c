/* signal.c: os/signal: Notify, Stop, Ignore, Ignored, Reset and
 * NotifyContext.
 *
 * A signal some channel wants gets goro's handler, which only writes the
 * signal's number to a pipe (async-signal-safe).  One thread, started by
 * the first Notify, reads the pipe and delivers each signal to every
 * channel registered for it with a non-blocking send, as Go's does ("the
 * caller must ensure that c has sufficient buffer space"), and cancels
 * the contexts of NotifyContext (a new goroutine calls the cancel
 * function).  The handler a signal had before (goro's "die by the
 * signal, showing what was printed", or the default) comes back when no
 * channel wants it any more (Stop, Reset).
 *
 * While any channel or context waits for a signal, the scheduler does
 * not call the program deadlocked (goro_sched.nsigwatch), as in Go,
 * where the signal-watching goroutine keeps it alive. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include "chan.h"
#include "context_pkg.h"
#include "rw.h"
#include "pkg.h"
#include "proc.h"
#include "syscall_pkg.h"
#include "vm.h"

enum { NSIG_GO = 65 };  /* signals 1..64 */

/* Signal s's bit in a 64-bit mask: bit s-1, so that signal 64 fits. */
static inline uint64_t sigbit(int s) { return 1ULL << (s - 1); }

typedef struct Watch {
    struct Watch *next;
    Value ch;          /* a channel, or nil for a NotifyContext */
    Value cancel;      /* NotifyContext's cancel function, or nil */
    uint64_t mask;     /* sigbit(n): signal n */
} Watch;

/* A NotifyContext's stop function is bound to one of these. */
typedef struct StopObj {
    Obj obj;
    Watch *w;
} StopObj;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static Watch *watches;
static int pipefd[2] = {-1, -1};
static bool started;
static bool installed[NSIG_GO];
static struct sigaction saved[NSIG_GO];
static bool ignored_flag[NSIG_GO];            /* what Ignored reports, as Go's sig.ignored:
                                                 set by Ignore (or SIG_IGN at start), cleared
                                                 by Notify only */
static bool ignoring[NSIG_GO];                /* Ignore set SIG_IGN over ... */
static struct sigaction before_ignore[NSIG_GO]; /* ... this, which Reset restores */
static ObjClass stop_class = {.name = "signal.stop"};
static Value stop_native;

/* The signals "all signals" means: those a program can catch that the
 * runtime does not need (Boehm's thread suspension uses SIGPWR and
 * SIGXCPU; the faults stay fatal). */
static const int catchable[] = {SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGALRM, SIGWINCH,
                                SIGCHLD, SIGCONT, SIGTSTP, SIGTTIN, SIGTTOU, SIGURG, SIGIO, SIGVTALRM,
                                SIGPROF, SIGSYS, SIGTRAP, SIGABRT};

static void on_signal(int sig)
{
    int saved_errno = errno;
    unsigned char b = (unsigned char)sig;
    if (write(pipefd[1], &b, 1) < 0) {
        /* the pipe is full: the signal is dropped, as Go's queue drops */
    }
    errno = saved_errno;
}

static void deliver(int sig)
{
    pthread_mutex_lock(&lock);
    for (Watch *w = watches; w; w = w->next) {
        if (!(w->mask & sigbit(sig)))
            continue;
        if (VKIND(w->ch) == VK_CHAN && w->ch.u.p)
            goro_chan_send(NULL, w->ch.u.p, goro_syscall_signal(sig), false);
        if (VKIND(w->cancel) != VK_NIL)
            goro_sched_spawn(goro_g_new(w->cancel, NULL, 0, false), NULL);
    }
    pthread_mutex_unlock(&lock);
}

static void *loop(void *arg)
{
    GORO_UNUSED(arg);
    for (;;) {
        unsigned char b;
        ssize_t n = read(pipefd[0], &b, 1);
        if (n == 1)
            deliver(b);
        else if (n < 0 && errno != EINTR)
            return NULL;
    }
}

static bool start(void)
{
    if (started)
        return true;
    if (pipe2(pipefd, O_CLOEXEC) != 0)
        return false;
    fcntl(pipefd[1], F_SETFL, O_NONBLOCK);
    pthread_t t;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    int err = pthread_create(&t, &attr, loop, NULL);
    pthread_attr_destroy(&attr);
    if (err)
        return false;
    started = true;
    return true;
}

/* Under [lock]: each signal wanted by some watch has the handler; any
 * other one goroutine installed gets back what it had. */
static void sync_handlers(void)
{
    uint64_t want = 0;
    int n = 0;
    for (Watch *w = watches; w; w = w->next) {
        want |= w->mask;
        n += w->mask != 0;
    }
    atomic_store(&goro_sched.nsigwatch, n);
    for (int s = 1; s < NSIG_GO; s++) {
        bool on = want & sigbit(s);
        if (on && !installed[s]) {
            struct sigaction sa;
            memset(&sa, 0, sizeof sa);
            sa.sa_handler = on_signal;
            sa.sa_flags = SA_RESTART;
            sigemptyset(&sa.sa_mask);
            if (sigaction(s, &sa, &saved[s]) == 0)
                installed[s] = true;
        } else if (!on && installed[s]) {
            sigaction(s, &saved[s], NULL);
            installed[s] = false;
        }
    }
}

/* The signals args[0..n) name (all catchable ones when n is 0). */
static int signal_mask(G *g, const Value *args, int n, const char *fn, uint64_t *mask)
{
    *mask = 0;
    if (n == 0) {
        for (size_t i = 0; i < sizeof catchable / sizeof catchable[0]; i++)
            *mask |= sigbit(catchable[i]);
        return 0;
    }
    for (int i = 0; i < n; i++) {
        int s;
        if (!goro_syscall_signal_num(args[i], &s))
            return goro_runtime_error(g, "signal.%s: %s is not a signal", fn, goro_type_of(args[i])->name);
        if (s > 0 && s < NSIG_GO)
            *mask |= sigbit(s);
    }
    return 0;
}

static Watch *find(Value ch)
{
    for (Watch *w = watches; w; w = w->next)
        if (VKIND(w->ch) == VK_CHAN && w->ch.u.p == ch.u.p)
            return w;
    return NULL;
}

static void unlink_watch(Watch *w)
{
    for (Watch **p = &watches; *p; p = &(*p)->next)
        if (*p == w) {
            *p = w->next;
            return;
        }
}

static Watch *add_watch(Value ch, Value cancel, uint64_t mask)
{
    Watch *w = goro_alloc(sizeof *w);
    w->ch = ch;
    w->cancel = cancel;
    w->mask = mask;
    w->next = watches;
    watches = w;
    return w;
}

/* Signal.Notify(c, sig...) */
static int f_notify(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    if (nargs < 1 || VKIND(args[0]) != VK_CHAN || !args[0].u.p)
        return goro_panic_str(g, "os/signal: Notify using nil channel");
    uint64_t mask;
    if (signal_mask(g, args + 1, nargs - 1, "Notify", &mask))
        return GORO_NATIVE_PANIC;
    if (!start())
        return goro_runtime_error(g, "signal.Notify: cannot start the signal thread");
    pthread_mutex_lock(&lock);
    for (int s = 1; s < NSIG_GO; s++)
        if (mask & sigbit(s))
            ignored_flag[s] = false;
    Watch *w = find(args[0]);
    if (w)
        w->mask |= mask;
    else
        add_watch(args[0], goro_nil(), mask);
    sync_handlers();
    pthread_mutex_unlock(&lock);
    return 0;
}

static int f_stop(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g), GORO_UNUSED(res);
    if (nargs < 1 || VKIND(args[0]) != VK_CHAN)
        return 0;
    pthread_mutex_lock(&lock);
    Watch *w = find(args[0]);
    if (w)
        unlink_watch(w);
    sync_handlers();
    pthread_mutex_unlock(&lock);
    return 0;
}

/* Ignore and Reset: no channel gets these signals any more; then they
 * are ignored, or get their original handling back. */
static int drop(G *g, Value *args, int nargs, bool ignore)
{
    uint64_t mask;
    if (signal_mask(g, args, nargs, ignore ? "Ignore" : "Reset", &mask))
        return GORO_NATIVE_PANIC;
    pthread_mutex_lock(&lock);
    for (Watch *w = watches; w; w = w->next)
        w->mask &= ~mask;
    sync_handlers();
    for (int s = 1; s < NSIG_GO; s++) {
        if (!(mask & sigbit(s)))
            continue;
        if (ignore)
            ignored_flag[s] = true;
        if (ignore && !ignoring[s]) {
            struct sigaction ign;
            memset(&ign, 0, sizeof ign);
            ign.sa_handler = SIG_IGN;
            sigemptyset(&ign.sa_mask);
            ignoring[s] = sigaction(s, &ign, &before_ignore[s]) == 0;
        } else if (!ignore && ignoring[s]) {
            sigaction(s, &before_ignore[s], NULL);
            ignoring[s] = false;
        }
    }
    pthread_mutex_unlock(&lock);
    return 0;
}

static int f_ignore(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    return drop(g, args, nargs, true);
}

static int f_reset(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    return drop(g, args, nargs, false);
}

static int f_ignored(G *g, Value *args, int nargs, Value *res)
{
    int s;
    if (nargs < 1 || !goro_syscall_signal_num(args[0], &s))
        return goro_runtime_error(g, "signal.Ignored: argument must be a signal");
    pthread_mutex_lock(&lock);
    res[0] = goro_bool(s > 0 && s < NSIG_GO && ignored_flag[s]);
    pthread_mutex_unlock(&lock);
    return 1;
}

/* NotifyContext's stop: unregister, then cancel the context. */
static int stop_fn(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    Obj *o = nargs ? goro_rw_obj(args[0]) : NULL;
    if (!o || o->cls != &stop_class)
        return 0;
    StopObj *so = (StopObj *)o;
    Value cancel = goro_nil();
    pthread_mutex_lock(&lock);
    if (so->w) {
        cancel = so->w->cancel;
        unlink_watch(so->w);
        so->w = NULL;
        sync_handlers();
    }
    pthread_mutex_unlock(&lock);
    if (VKIND(cancel) != VK_NIL && goro_vm_call(g, cancel, NULL, 0, NULL, 0) < 0)
        return GORO_NATIVE_PANIC;
    return 0;
}

/* signal.NotifyContext(parent, sig...): a context.WithCancel of parent,
 * cancelled by the first of the signals. */
static int f_notifycontext(G *g, Value *args, int nargs, Value *res)
{
    if (nargs < 1)
        return goro_runtime_error(g, "not enough arguments in call to signal.NotifyContext");
    uint64_t mask;
    if (signal_mask(g, args + 1, nargs - 1, "NotifyContext", &mask))
        return GORO_NATIVE_PANIC;
    Package *ctx = goro_pkg_find("context");
    PkgMember *wc = ctx ? goro_pkg_member(ctx, goro_intern_cstr("WithCancel")) : NULL;
    if (!wc)
        return goro_runtime_error(g, "signal.NotifyContext: no context package");
    Value r[2];
    if (goro_vm_call(g, wc->value, args, 1, r, 2) < 0)
        return GORO_NATIVE_PANIC;
    if (!start())
        return goro_runtime_error(g, "signal.NotifyContext: cannot start the signal thread");
    StopObj *so = goro_alloc(sizeof *so);
    so->obj.cls = &stop_class;
    pthread_mutex_lock(&lock);
    so->w = add_watch(goro_nil(), r[1], mask);
    sync_handlers();
    pthread_mutex_unlock(&lock);
    Bound *b = goro_alloc(sizeof *b);
    b->recv = goro_obj_value(&so->obj);
    b->fn = stop_native;
    res[0] = r[0];
    res[1] = goro_ptrval(TT(VK_BOUND, goro_ctx_type("CancelFunc")->id), b);
    return 2;
}

void goro_pkg_signal_init(void)
{
    Package *p = goro_pkg_new("os/signal");
    for (int s = 1; s < NSIG_GO; s++) {
        struct sigaction cur;
        ignored_flag[s] = sigaction(s, NULL, &cur) == 0 && cur.sa_handler == SIG_IGN;
    }
    stop_native = goro_native_value("signal.NotifyContext.func1", stop_fn);
    goro_pkg_func(p, "Notify", f_notify);
    goro_pkg_func(p, "Stop", f_stop);
    goro_pkg_func(p, "Ignore", f_ignore);
    goro_pkg_func(p, "Ignored", f_ignored);
    goro_pkg_func(p, "Reset", f_reset);
    goro_pkg_func(p, "NotifyContext", f_notifycontext);
}
