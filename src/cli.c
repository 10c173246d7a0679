/* cli.c: the goro command.
 *
 *   goro                     the REPL
 *   goro run FILE [args]     run a program (also: goro FILE [args])
 *   goro -e 'code' [args]    run code given on the command line
 *   goro disasm FILE         list the bytecode of every function
 *   goro version | help
 *
 * Exit status: 0 ok, 1 compile error or bad usage, 2 panic or deadlock.
 *
 * Stress switches (STYLE.md): GORO_STRESS_SCHED=1 preempts at every
 * preemption point; GORO_STRESS_GC=1 makes the collector run very often;
 * GORO_TRACE=1 prints every instruction as it runs. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compile.h"
#include "disasm.h"
#include "os_file.h"
#include "pkg.h"
#include "repl.h"
#include "proc.h"
#include "vm.h"

static void usage(FILE *out)
{
    fputs("goro " GORO_VERSION ": Go with the types made optional; goroutines, channels and select.\n"
          "\n"
          "usage:\n"
          "  goro                     start the REPL\n"
          "  goro run FILE [args]     run a program (FILE.goro or FILE.go)\n"
          "  goro FILE [args]         the same\n"
          "  goro -e 'code' [args]    run code given on the command line\n"
          "  goro disasm FILE         print the bytecode of every function\n"
          "  goro version             print the version\n"
          "  goro help                print this help\n"
          "\n"
          "environment:\n"
          "  GOMAXPROCS=n             number of Ps (runtime.GOMAXPROCS)\n"
          "\n"
          "exit status: 0 ok, 1 compile error or bad usage, 2 panic or deadlock\n",
          out);
}

/* The whole file, NUL-terminated; NULL with a message on failure. */
static char *read_file(const char *path, int *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "goro: open %s: %s\n", path, goro_errno_string(errno));
        return NULL;
    }
    size_t cap = 65536, n = 0;
    char *buf = GC_MALLOC_ATOMIC(cap);
    for (;;) {
        if (n + 1 >= cap) {
            if (cap >= ((size_t)1 << 30)) {
                fprintf(stderr, "goro: %s: file too large\n", path);
                fclose(f);
                return NULL;
            }
            cap *= 2;
            char *nb = GC_MALLOC_ATOMIC(cap);
            memcpy(nb, buf, n);
            buf = nb;
        }
        size_t k = fread(buf + n, 1, cap - n - 1, f);
        if (k == 0)
            break;
        n += k;
    }
    if (ferror(f)) {
        fprintf(stderr, "goro: read %s: %s\n", path, goro_errno_string(errno));
        fclose(f);
        return NULL;
    }
    fclose(f);
    buf[n] = 0;
    *len = (int)n;
    return buf;
}

/* A program killed by a signal still shows what it printed: write out
 * stdio's pending buffer (glibc's FILE fields: no locking, no
 * allocation, so safe enough in a handler), then die by the signal as
 * Go's programs do. */
static void on_fatal_signal(int sig)
{
#ifdef __GLIBC__
    char *b = stdout->_IO_write_base, *p = stdout->_IO_write_ptr;
    if (b && p > b && write(1, b, (size_t)(p - b)) > 0)
        stdout->_IO_write_ptr = b;
#endif
    signal(sig, SIG_DFL);
    raise(sig);
}

static int run_closure(Closure *cl)
{
    signal(SIGTERM, on_fatal_signal);
    signal(SIGINT, on_fatal_signal);
    signal(SIGHUP, on_fatal_signal);
    G *g = goro_g_new(goro_ptrval(VK_FUNC, cl), NULL, 0, false);
    int code = goro_sched_main(g);
    /* as Go's exit: other M's may still be running goroutines, so no
     * atexit handlers or stdio teardown race with them */
    fflush(stdout);
    fflush(stderr);
    _exit(code);
}

static int run_source(const char *name, const char *src, int len, bool is_expr, int argc,
                      char **argv)
{
    Diag d;
    goro_diag_init(&d, name, src, len);
    Closure *cl = goro_compile_program(name, src, len, is_expr, &d, NULL);
    if (!cl)
        return 1;
    goro_os_set_args(argc, argv);
    return run_closure(cl);
}

static int cmd_run(int argc, char **argv)
{
    if (argc < 1) {
        fputs("goro run: missing file name\n", stderr);
        return 1;
    }
    int len;
    char *src = read_file(argv[0], &len);
    if (!src)
        return 1;
    return run_source(argv[0], src, len, false, argc, argv);
}

static int cmd_disasm(int argc, char **argv)
{
    if (argc < 1) {
        fputs("goro disasm: missing file name\n", stderr);
        return 1;
    }
    int len;
    char *src = read_file(argv[0], &len);
    if (!src)
        return 1;
    Diag d;
    goro_diag_init(&d, argv[0], src, len);
    ProtoList all = {0};
    Closure *cl = goro_compile_program(argv[0], src, len, false, &d, &all);
    if (!cl)
        return 1;
    for (int i = 0; i < all.n; i++)
        goro_disasm_proto(stdout, all.v[i]);
    return 0;
}

int main(int argc, char **argv)
{
    GC_INIT();
    GC_allow_register_threads();
    /* GORO_STRESS_GC=1: collect far more often, to catch values the
     * collector cannot see */
    const char *stress = getenv("GORO_STRESS_GC");
    if (stress && *stress && *stress != '0')
        GC_set_free_space_divisor(200);
    const char *trace = getenv("GORO_TRACE");
    goro_vm_trace = trace && *trace && *trace != '0';
    if (!isatty(1))
        setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    goro_types_init();
    goro_stdlib_init();
    goro_sched_init();

    if (argc < 2)
    {
        int code = goro_repl_main();
        fflush(stdout);
        fflush(stderr);
        _exit(code);
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "run"))
        return cmd_run(argc - 2, argv + 2);
    if (!strcmp(cmd, "disasm"))
        return cmd_disasm(argc - 2, argv + 2);
    if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
        printf("goro version %s\n", GORO_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "help") || !strcmp(cmd, "-h") || !strcmp(cmd, "--help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(cmd, "-e")) {
        if (argc < 3) {
            fputs("goro -e: missing code\n", stderr);
            return 1;
        }
        const char *code = argv[2];
        return run_source("-e", code, (int)strlen(code), true, argc - 2, argv + 2);
    }
    if (cmd[0] == '-') {
        fprintf(stderr, "goro: unknown flag %s\n\n", cmd);
        usage(stderr);
        return 1;
    }
    return cmd_run(argc - 1, argv + 1);
}
