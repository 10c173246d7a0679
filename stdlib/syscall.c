/* syscall.c: the part of the syscall package programs reach for with
 * os/signal: the Signal type (an int whose String is Go's description,
 * "interrupt", "terminated"), the SIG* constants of Linux, Kill, Getpid
 * and Getppid.  os.Interrupt and os.Kill are Signals (os.c). */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "os_impl.h"
#include "pkg.h"
#include "syscall_pkg.h"
#include "vm.h"

static Type *signal_t;

/* Go's descriptions of Linux's signals (syscall's signals table). */
static const char *const names[] = {
    NULL, "hangup", "interrupt", "quit", "illegal instruction", "trace/breakpoint trap", "aborted",
    "bus error", "floating point exception", "killed", "user defined signal 1", "segmentation fault",
    "user defined signal 2", "broken pipe", "alarm clock", "terminated", "stack fault", "child exited",
    "continued", "stopped (signal)", "stopped", "stopped (tty input)", "stopped (tty output)",
    "urgent I/O condition", "CPU time limit exceeded", "file size limit exceeded",
    "virtual timer expired", "profiling timer expired", "window changed", "I/O possible",
    "power failure", "bad system call",
};

Type *goro_syscall_signal_type(void) { return signal_t; }

Value goro_syscall_signal(int sig) { return goro_typed(goro_int(sig), signal_t); }

bool goro_syscall_signal_num(Value v, int *sig)
{
    if (VKIND(v) != VK_INT || VTYPEID(v) != signal_t->id)
        return false;
    *sig = (int)v.u.i;
    return true;
}

static int s_string(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g);
    int64_t n = nargs ? args[0].u.i : 0;
    if (n > 0 && n < (int64_t)(sizeof names / sizeof names[0]))
        res[0] = goro_str_cstr(names[n]);
    else
        res[0] = goro_str_cstr(goro_sprintf("signal %lld", (long long)n));
    return 1;
}

static int s_signal(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g), GORO_UNUSED(args), GORO_UNUSED(nargs), GORO_UNUSED(res);
    return 0;
}

static int f_kill(G *g, Value *args, int nargs, Value *res)
{
    int64_t pid, sig;
    if (!goro_arg_int(args, nargs, 0, &pid) || !goro_arg_int(args, nargs, 1, &sig))
        return goro_runtime_error(g, "syscall.Kill: expects a pid and a signal");
    res[0] = kill((pid_t)pid, (int)sig) == 0 ? goro_nil() : goro_os_errno(errno);
    return 1;
}

static int f_getpid(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g), GORO_UNUSED(args), GORO_UNUSED(nargs);
    res[0] = goro_int(getpid());
    return 1;
}

static int f_getppid(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g), GORO_UNUSED(args), GORO_UNUSED(nargs);
    res[0] = goro_int(getppid());
    return 1;
}

void goro_pkg_syscall_init(void)
{
    Package *p = goro_pkg_new("syscall");
    signal_t = goro_type_named("syscall", "Signal", goro_t_int);
    goro_pkg_type(p, "Signal", signal_t);
    goro_pkg_method(signal_t, "String", s_string);
    goro_pkg_method(signal_t, "Signal", s_signal);
    static const struct { const char *name; int sig; } sigs[] = {
        {"SIGABRT", SIGABRT}, {"SIGALRM", SIGALRM}, {"SIGBUS", SIGBUS}, {"SIGCHLD", SIGCHLD},
        {"SIGCONT", SIGCONT}, {"SIGFPE", SIGFPE}, {"SIGHUP", SIGHUP}, {"SIGILL", SIGILL},
        {"SIGINT", SIGINT}, {"SIGIO", SIGIO}, {"SIGKILL", SIGKILL}, {"SIGPIPE", SIGPIPE},
        {"SIGPROF", SIGPROF}, {"SIGPWR", SIGPWR}, {"SIGQUIT", SIGQUIT}, {"SIGSEGV", SIGSEGV},
        {"SIGSTOP", SIGSTOP}, {"SIGSYS", SIGSYS}, {"SIGTERM", SIGTERM}, {"SIGTRAP", SIGTRAP},
        {"SIGTSTP", SIGTSTP}, {"SIGTTIN", SIGTTIN}, {"SIGTTOU", SIGTTOU}, {"SIGURG", SIGURG},
        {"SIGUSR1", SIGUSR1}, {"SIGUSR2", SIGUSR2}, {"SIGVTALRM", SIGVTALRM}, {"SIGWINCH", SIGWINCH},
        {"SIGXCPU", SIGXCPU}, {"SIGXFSZ", SIGXFSZ},
    };
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        goro_pkg_const(p, sigs[i].name, goro_syscall_signal(sigs[i].sig));
    goro_pkg_func(p, "Kill", f_kill);
    goro_pkg_func(p, "Getpid", f_getpid);
    goro_pkg_func(p, "Getppid", f_getppid);
}
