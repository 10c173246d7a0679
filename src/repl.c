/* repl.c: the interactive prompt.
 *
 * The session is a goroutine of the runtime's own (not counted, not
 * listed), the scheduler's main goroutine.  It reads a line with
 * readline (line editing, history in ~/.goro_history), keeps reading
 * while brackets are open, compiles the input against the session's
 * persistent package scope, starts the line as a new goroutine and
 * waits for it to finish before showing the next prompt.  Reading the
 * terminal and waiting for the line are system calls
 * (goro_syscall_enter/exit), so the session's P goes to the other
 * goroutines meanwhile: goroutines started at the prompt keep running
 * while the user types, at any GOMAXPROCS.
 *
 * While the session reads, its M is in a system call, so an idle
 * session with blocked goroutines is not a deadlock.  While it waits for
 * its line it does not count as running (goro_sched.repl_line_wait): a
 * line whose goroutine can never finish is reported as a deadlock and
 * abandoned, and the session goes on.
 *
 * Ctrl-C: the SIGINT handler only writes a byte to a pipe.  At the
 * prompt the input thread clears the line; while a line runs it
 * interrupts that goroutine: a running goroutine panics with
 * "interrupted" at its next preemption check, a parked one is claimed
 * from its wait queue (the same claim a waker makes) and resumed into
 * that panic.  Ctrl-D at an empty prompt ends the session.
 *
 * When standard input is not a terminal (a script piped in, the tests)
 * lines are read plainly, without prompts or editing. */
#include "repl.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "chan.h"
#include "compile.h"
#include "format.h"
#include "netpoll.h"
#include "parse.h"
#include "pkg.h"
#include "proc.h"
#include "vm.h"

static ReplState *session;
static int sigpipe_fds[2] = {-1, -1};
static int donepipe_fds[2] = {-1, -1};
static bool interactive;
static char *history_path;
static volatile int line_status;

/* ---------------------------------------------------------- signals */

static void on_sigint(int sig)
{
    GORO_UNUSED(sig);
    int saved = errno;
    char c = 'i';
    if (write(sigpipe_fds[1], &c, 1) < 0) {
        /* nothing to do in a signal handler */
    }
    errno = saved;
}

static void drain(int fd)
{
    char buf[64];
    while (read(fd, buf, sizeof buf) > 0)
        ;
}

/* ------------------------------------------------- natives for the REPL */

/* Print the values of an expression line: strings quoted, the rest as %v. */
static int repl_echo(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(res);
    Buf b = {0};
    for (int i = 0; i < nargs; i++) {
        if (i)
            goro_buf_putc(&b, ' ');
        if (VKIND(args[i]) == VK_STRING)
            goro_fmt_quote(&b, args[i].u.s, args[i].aux, false);
        else
            goro_fmt_value(g, &b, args[i]);
    }
    if (nargs > 0) {
        goro_buf_putc(&b, '\n');
        fwrite(b.s, 1, b.n, stdout);
    }
    fflush(stdout);
    return 0;
}

static int repl_goroutines(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g); GORO_UNUSED(args); GORO_UNUSED(nargs); GORO_UNUSED(res);
    fflush(stdout);
    printf("%d goroutine%s\n", goro_sched_numgoroutine() - 1,
           goro_sched_numgoroutine() - 1 == 1 ? "" : "s");
    goro_sched_dump_except(stdout, g);
    fflush(stdout);
    return 0;
}

static int repl_sched(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g); GORO_UNUSED(args); GORO_UNUSED(nargs); GORO_UNUSED(res);
    goro_sched_describe(stdout);
    fflush(stdout);
    return 0;
}

/* The scheduler tells us the line's goroutine ended. */
static void line_done(G *g, int status)
{
    GORO_UNUSED(g);
    if (goro_sched.repl_line == g || status >= 0)
        goro_sched.repl_line = NULL;
    line_status = status;
    fflush(stdout);
    char c = 'd';
    if (write(donepipe_fds[1], &c, 1) < 0) {
        /* the input thread will time out and notice */
    }
}

/* Run [fn] as the line's goroutine and wait for it, handling Ctrl-C. */
static void run_line_goroutine(Value fn)
{
    G *g = goro_g_new(fn, NULL, 0, false);
    g->is_repl = true;
    drain(donepipe_fds[0]);
    goro_sched.repl_line = g;
    goro_sched_inject(g);
    for (;;) {
        struct pollfd fds[2] = {{donepipe_fds[0], POLLIN, 0}, {sigpipe_fds[0], POLLIN, 0}};
        atomic_store(&goro_sched.repl_line_wait, 1);
        goro_syscall_enter();
        int n = poll(fds, 2, -1);
        goro_syscall_exit();
        atomic_store(&goro_sched.repl_line_wait, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (fds[1].revents & POLLIN) {
            drain(sigpipe_fds[0]);
            g->interrupted = true;
            if (atomic_load(&g->status) == G_WAITING && goro_chan_cancel_wait(g))
                goro_sched_ready(g);
            else
                goro_netpoll_break();
        }
        if (fds[0].revents & POLLIN) {
            drain(donepipe_fds[0]);
            return;
        }
    }
}

static void run_native_line(NativeFn fn)
{
    run_line_goroutine(goro_native_value("repl", fn));
}

/* ------------------------------------------------------------ input */

static void run_source(const char *name, const char *src, int len)
{
    Diag d;
    goro_diag_init(&d, name, src, len);
    bool echo;
    Closure *cl = goro_compile_repl(session, src, len, &d, &echo);
    if (!cl)
        return;
    run_line_goroutine(goro_ptrval(VK_FUNC, cl));
}

static void load_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "goro: open %s: %s\n", path, goro_errno_string(errno));
        return;
    }
    Buf b = {0};
    char tmp[8192];
    size_t k;
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0)
        goro_buf_put(&b, tmp, k);
    fclose(f);
    run_source(goro_strdup(path), b.s ? b.s : "", (int)b.n);
    printf("loaded %s\n", path);
}

static void help(void)
{
    puts("Type Go statements, declarations or expressions; an expression's value is printed.\n"
         "Goroutines you start keep running in the background.\n"
         "\n"
         "  :help           this help\n"
         "  :goroutines     list every goroutine with its state and where it waits\n"
         "  :sched          the scheduler: Ps, run queues, timers, goroutine counts\n"
         "  :load FILE      load declarations and run statements from a file\n"
         "  :quit           leave (also Ctrl-D)\n"
         "\n"
         "Ctrl-C interrupts the running line.  Standard packages need no import.");
}

/* A command line; returns false to quit. */
static bool command(const char *line)
{
    while (*line == ' ')
        line++;
    char cmd[32] = {0};
    int i = 0;
    while (line[i] && line[i] != ' ' && i < 31) {
        cmd[i] = line[i];
        i++;
    }
    const char *arg = line + i;
    while (*arg == ' ')
        arg++;
    if (!strcmp(cmd, ":quit") || !strcmp(cmd, ":q") || !strcmp(cmd, ":exit"))
        return false;
    if (!strcmp(cmd, ":help") || !strcmp(cmd, ":h") || !strcmp(cmd, ":?"))
        help();
    else if (!strcmp(cmd, ":goroutines") || !strcmp(cmd, ":g"))
        run_native_line(repl_goroutines);
    else if (!strcmp(cmd, ":sched"))
        run_native_line(repl_sched);
    else if (!strcmp(cmd, ":load")) {
        if (!*arg)
            fputs("usage: :load FILE\n", stderr);
        else
            load_file(arg);
    } else
        fprintf(stderr, "unknown command %s (:help lists them)\n", cmd);
    fflush(stdout);
    return true;
}

static Buf pending;         /* input so far of a multi-line entry */
static int pending_lines;
static bool quit;

/* One complete or partial line of input. */
static void handle_line(char *line)
{
    if (!line) {            /* end of input */
        quit = true;
        if (interactive)
            putchar('\n');
        return;
    }
    if (pending.n == 0) {
        const char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == 0)
            return;
        if (*p == ':') {
            if (interactive)
                add_history(line);
            if (!command(p))
                quit = true;
            return;
        }
    }
    goro_buf_puts(&pending, line);
    goro_buf_putc(&pending, '\n');
    pending_lines++;
    if (goro_parse_needs_more(pending.s, (int)pending.n) && pending_lines < 10000)
        return;
    if (interactive) {
        /* history keeps a multi-line entry as one */
        char *h = goro_strndup(pending.s, pending.n - 1);
        add_history(h);
    }
    char *src = goro_strndup(pending.s, pending.n);
    int len = (int)pending.n;
    pending.n = 0;
    pending_lines = 0;
    run_source("<stdin>", src, len);
}

static const char *prompt(void) { return pending.n ? "... " : "goro> "; }

static void rl_line(char *line)
{
    if (line) {
        char *copy = goro_strdup(line);
        free(line);
        rl_callback_handler_remove();
        handle_line(copy);
    } else {
        rl_callback_handler_remove();
        handle_line(NULL);
    }
    if (!quit)
        rl_callback_handler_install(prompt(), rl_line);
}

/* The session's goroutine. */
static int session_main(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g); GORO_UNUSED(args); GORO_UNUSED(nargs); GORO_UNUSED(res);
    if (interactive) {
        printf("goro %s  (Go with optional types; :help for help, Ctrl-D to quit)\n", GORO_VERSION);
        fflush(stdout);
        rl_catch_signals = 0;
        rl_callback_handler_install(prompt(), rl_line);
        while (!quit) {
            struct pollfd fds[2] = {{0, POLLIN, 0}, {sigpipe_fds[0], POLLIN, 0}};
            goro_syscall_enter();
            int n = poll(fds, 2, -1);
            goro_syscall_exit();
            if (n < 0 && errno == EINTR)
                continue;
            if (fds[1].revents & POLLIN) {
                /* Ctrl-C at the prompt: drop what was typed */
                drain(sigpipe_fds[0]);
                pending.n = 0;
                pending_lines = 0;
                rl_replace_line("", 0);
                fputs("^C\n", stdout);
                rl_callback_handler_remove();
                rl_callback_handler_install(prompt(), rl_line);
                continue;
            }
            if (fds[0].revents & (POLLIN | POLLHUP))
                rl_callback_read_char();
        }
        rl_callback_handler_remove();
        if (history_path)
            write_history(history_path);
    } else {
        char *line = NULL;
        size_t cap = 0;
        ssize_t n;
        for (;;) {
            goro_syscall_enter();
            n = quit ? -1 : getline(&line, &cap, stdin);
            goro_syscall_exit();
            if (n < 0)
                break;
            if (n > 0 && line[n - 1] == '\n')
                line[n - 1] = 0;
            handle_line(goro_strdup(line));
        }
        free(line);
        if (pending.n) {   /* unfinished input at the end: compile it to report */
            char *src = goro_strndup(pending.s, pending.n);
            run_source("<stdin>", src, (int)pending.n);
        }
    }
    fflush(stdout);
    goro_sched_exit(0);
    return 0;
}

int goro_repl_main(void)
{
    interactive = isatty(0) && isatty(1);
    setvbuf(stdout, NULL, _IOLBF, 1 << 16);
    if (pipe2(sigpipe_fds, O_CLOEXEC | O_NONBLOCK) < 0 || pipe2(donepipe_fds, O_CLOEXEC | O_NONBLOCK) < 0) {
        perror("goro: pipe");
        return 1;
    }
    session = goro_repl_state_new();
    session->echo_fn = goro_native_value("echo", repl_echo);
    goro_repl_line_done = line_done;
    goro_sched.repl = true;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, NULL);
    if (interactive) {
        const char *home = getenv("HOME");
        if (home) {
            history_path = goro_sprintf("%s/.goro_history", home);
            read_history(history_path);
            stifle_history(1000);
        }
    }
    G *g = goro_g_new(goro_native_value("repl", session_main), NULL, 0, false);
    goro_sched_make_system(g);
    int code = goro_sched_main(g);
    fflush(stdout);
    return code;
}
