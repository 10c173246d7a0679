/* log.c: the log package: Print*, Printf*, Fatal* (exit status 1) and
 * Panic* (a panic with the message) on the standard logger or on a
 * *log.Logger from New, with Go's header flags (date, time,
 * microseconds, UTC, short or long file name, prefix before the message
 * with Lmsgprefix).
 *
 * A line is formatted once, header and message together, and written
 * with one Write call, as Go's Logger.Output does: to an *os.File or a
 * native writer directly, to a goro io.Writer through its Write method
 * (which may park: the line is kept in g->nstate until it returns).  A
 * Logger's lock is held around a write that cannot park, so lines from
 * concurrent goroutines never interleave in a shared buffer. */
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "../runtime/lock.h"
#include "format.h"
#include "os_file.h"
#include "pkg.h"
#include "rw.h"
#include "vm.h"

enum {
    L_DATE = 1, L_TIME = 2, L_MICRO = 4, L_LONGFILE = 8, L_SHORTFILE = 16, L_UTC = 32,
    L_MSGPREFIX = 64, L_STD = L_DATE | L_TIME,
};

typedef struct LoggerObj {
    Obj obj;
    Lock lock;
    Value out;
    Value prefix;   /* a string */
    int64_t flags;
} LoggerObj;

static ObjClass logger_class = {.name = "*log.Logger"};
static LoggerObj *std_logger;

static Obj *logger_zero(void)
{
    LoggerObj *l = goro_alloc(sizeof *l);
    l->obj.cls = &logger_class;
    l->prefix = goro_str_cstr("");
    l->out = goro_nil();
    return &l->obj;
}

static LoggerObj *as_logger(Value v)
{
    return (LoggerObj *)goro_rw_obj_of(v, &logger_class);
}

/* A line being written: kept in g->nstate while its Write is out. */
typedef struct Pending {
    Buf line;
    RwCall rc;
    int after;   /* 0 return, 1 exit(1), 2 panic with msg */
    Value msg;
} Pending;

static void put2(Buf *b, int n, int width)
{
    char s[16];
    snprintf(s, sizeof s, "%0*d", width, n);
    goro_buf_puts(b, s);
}

/* Go's formatHeader: prefix, date, time, file:line. */
static void header(G *g, LoggerObj *l, Buf *b, int depth)
{
    int64_t f = l->flags;
    if (!(f & L_MSGPREFIX))
        goro_buf_put(b, l->prefix.u.s, (size_t)l->prefix.aux);
    if (f & (L_DATE | L_TIME | L_MICRO)) {
        struct timeval tv;
        gettimeofday(&tv, NULL);
        struct tm tm;
        time_t sec = tv.tv_sec;
        if (f & L_UTC)
            gmtime_r(&sec, &tm);
        else
            localtime_r(&sec, &tm);
        if (f & L_DATE) {
            put2(b, tm.tm_year + 1900, 4);
            goro_buf_putc(b, '/');
            put2(b, tm.tm_mon + 1, 2);
            goro_buf_putc(b, '/');
            put2(b, tm.tm_mday, 2);
            goro_buf_putc(b, ' ');
        }
        if (f & (L_TIME | L_MICRO)) {
            put2(b, tm.tm_hour, 2);
            goro_buf_putc(b, ':');
            put2(b, tm.tm_min, 2);
            goro_buf_putc(b, ':');
            put2(b, tm.tm_sec, 2);
            if (f & L_MICRO) {
                goro_buf_putc(b, '.');
                put2(b, (int)tv.tv_usec, 6);
            }
            goro_buf_putc(b, ' ');
        }
    }
    if (f & (L_SHORTFILE | L_LONGFILE)) {
        const char *fn, *file = "???";
        int line = 0;
        bool args;
        if (!goro_g_frame_info(g, depth, &fn, &file, &line, &args))
            file = "???", line = 0;
        if (f & L_SHORTFILE) {
            const char *slash = strrchr(file, '/');
            if (slash)
                file = slash + 1;
        }
        goro_buf_puts(b, file);
        goro_buf_putc(b, ':');
        put2(b, line, 1);
        goro_buf_puts(b, ": ");
    }
    if (f & L_MSGPREFIX)
        goro_buf_put(b, l->prefix.u.s, (size_t)l->prefix.aux);
}

/* Write the pending line of [l]; then return, exit or panic. */
static int flush_line(G *g, LoggerObj *l, Pending *p)
{
    size_t done = 0;
    Value err = goro_nil();
    bool locked = goro_rw_obj(l->out) != NULL;   /* a native writer */
    if (locked)
        goro_lock(&l->lock);
    int r = goro_rw_write(g, l->out, &p->rc, p->line.s ? p->line.s : "", p->line.n, &done, &err);
    if (locked)
        goro_unlock(&l->lock);
    if (r == GORO_NATIVE_CALL || r == GORO_NATIVE_RETRY)
        return r;
    g->nstate = NULL;
    if (r < 0)
        return r;
    if (p->after == 1) {
        goro_os_flush();
        fflush(stderr);
        _exit(1);
    }
    if (p->after == 2)
        return goro_panic(g, p->msg);
    return 0;
}

typedef enum { M_PRINT, M_PRINTLN, M_PRINTF } Mode;

/* One logging call on [l]: args are the operands (the format first for
 * M_PRINTF); [after] as in Pending. */
static int log_call(G *g, LoggerObj *l, Value *args, int nargs, Mode m, int after, const char *fn)
{
    Pending *p = g->nstate;
    if (!p) {
        Buf msg = {0};
        int bad = 0;
        if (m == M_PRINTF) {
            if (nargs < 1 || VKIND(args[0]) != VK_STRING)
                return goro_runtime_error(g, "log.%s: format must be a string", fn);
            bad = goro_fmt_sprintf(g, &msg, args[0], args + 1, nargs - 1);
        } else if (m == M_PRINTLN) {
            bad = goro_fmt_sprintln(g, &msg, args, nargs);
        } else {
            bad = goro_fmt_sprint(g, &msg, args, nargs);
        }
        if (bad)
            return GORO_NATIVE_PANIC;
        p = goro_alloc(sizeof *p);
        p->after = after;
        p->msg = goro_buf_string(&msg);
        header(g, l, &p->line, 0);
        goro_buf_put(&p->line, msg.s ? msg.s : "", msg.n);
        if (!msg.n || msg.s[msg.n - 1] != '\n')
            goro_buf_putc(&p->line, '\n');
        g->nstate = p;
    }
    return flush_line(g, l, p);
}

/* The standard logger's functions and the Logger methods, generated in
 * pairs: log.Print(v...) and l.Print(v...). */
#define LOG_FUNCS(Name, mode, after)                                                      \
    static int f_##Name(G *g, Value *args, int nargs, Value *res)                         \
    {                                                                                     \
        GORO_UNUSED(res);                                                                 \
        return log_call(g, std_logger, args, nargs, mode, after, #Name);                  \
    }                                                                                     \
    static int m_##Name(G *g, Value *args, int nargs, Value *res)                         \
    {                                                                                     \
        GORO_UNUSED(res);                                                                 \
        GORO_RECV(LoggerObj, l, as_logger);                                               \
        return log_call(g, l, args + 1, nargs - 1, mode, after, #Name);                   \
    }

LOG_FUNCS(Print, M_PRINT, 0)
LOG_FUNCS(Println, M_PRINTLN, 0)
LOG_FUNCS(Printf, M_PRINTF, 0)
LOG_FUNCS(Fatal, M_PRINT, 1)
LOG_FUNCS(Fatalln, M_PRINTLN, 1)
LOG_FUNCS(Fatalf, M_PRINTF, 1)
LOG_FUNCS(Panic, M_PRINT, 2)
LOG_FUNCS(Panicln, M_PRINTLN, 2)
LOG_FUNCS(Panicf, M_PRINTF, 2)

/* Output(calldepth, s): s with the header, the file and line being
 * calldepth frames up (1: Output's caller). */
static int output(G *g, LoggerObj *l, Value *args, int nargs, Value *res)
{
    int64_t depth;
    if (nargs < 2 || !goro_arg_int(args, nargs, 0, &depth) || VKIND(args[1]) != VK_STRING)
        return goro_runtime_error(g, "log.Output: expects a call depth and a string");
    Pending *p = g->nstate;
    if (!p) {
        p = goro_alloc(sizeof *p);
        header(g, l, &p->line, depth > 0 ? (int)depth - 1 : 0);
        goro_buf_put(&p->line, args[1].u.s, (size_t)args[1].aux);
        if (!args[1].aux || args[1].u.s[args[1].aux - 1] != '\n')
            goro_buf_putc(&p->line, '\n');
        g->nstate = p;
    }
    int r = flush_line(g, l, p);
    if (r < 0)
        return r;
    res[0] = goro_nil();
    return 1;
}

static int f_output(G *g, Value *args, int nargs, Value *res) { return output(g, std_logger, args, nargs, res); }

static LoggerObj *need_logger(G *g, Value *args, int nargs)
{
    LoggerObj *l = nargs ? as_logger(args[0]) : NULL;
    if (!l)
        goro_nil_deref(g);
    return l;
}

static int m_output(G *g, Value *args, int nargs, Value *res)
{
    LoggerObj *l = need_logger(g, args, nargs);
    return l ? output(g, l, args + 1, nargs - 1, res) : GORO_NATIVE_PANIC;
}

/* Settings: set_*(l, arg) and get_*(l) shared by the functions on the
 * standard logger and the methods. */
static int set_flags(G *g, LoggerObj *l, Value *args, int nargs)
{
    if (!goro_arg_int(args, nargs, 0, &l->flags))
        return goro_runtime_error(g, "log.SetFlags: flag must be an int");
    return 0;
}

static int set_prefix(G *g, LoggerObj *l, Value *args, int nargs)
{
    if (nargs < 1 || VKIND(args[0]) != VK_STRING)
        return goro_runtime_error(g, "log.SetPrefix: prefix must be a string");
    l->prefix = args[0];
    return 0;
}

static int set_output(G *g, LoggerObj *l, Value *args, int nargs)
{
    if (nargs < 1)
        return goro_runtime_error(g, "not enough arguments in call to log.SetOutput");
    l->out = args[0];
    return 0;
}

static void get_flags(LoggerObj *l, Value *res) { res[0] = goro_int(l->flags); }
static void get_prefix(LoggerObj *l, Value *res) { res[0] = l->prefix; }
static void get_writer(LoggerObj *l, Value *res) { res[0] = l->out; }

#define LOG_SETTER(Name, impl)                                                            \
    static int f_##Name(G *g, Value *args, int nargs, Value *res)                         \
    {                                                                                     \
        GORO_UNUSED(res);                                                                 \
        return impl(g, std_logger, args, nargs);                                          \
    }                                                                                     \
    static int m_##Name(G *g, Value *args, int nargs, Value *res)                         \
    {                                                                                     \
        GORO_UNUSED(res);                                                                 \
        LoggerObj *l = need_logger(g, args, nargs);                                       \
        return l ? impl(g, l, args + 1, nargs - 1) : GORO_NATIVE_PANIC;                   \
    }
#define LOG_GETTER(Name, impl)                                                            \
    static int f_##Name(G *g, Value *args, int nargs, Value *res)                         \
    {                                                                                     \
        GORO_UNUSED(g), GORO_UNUSED(args), GORO_UNUSED(nargs);                            \
        impl(std_logger, res);                                                            \
        return 1;                                                                         \
    }                                                                                     \
    static int m_##Name(G *g, Value *args, int nargs, Value *res)                         \
    {                                                                                     \
        LoggerObj *l = need_logger(g, args, nargs);                                       \
        if (!l)                                                                           \
            return GORO_NATIVE_PANIC;                                                     \
        impl(l, res);                                                                     \
        return 1;                                                                         \
    }

LOG_SETTER(SetFlags, set_flags)
LOG_SETTER(SetPrefix, set_prefix)
LOG_SETTER(SetOutput, set_output)
LOG_GETTER(Flags, get_flags)
LOG_GETTER(Prefix, get_prefix)
LOG_GETTER(Writer, get_writer)

/* log.New(out, prefix, flag) */
static int f_new(G *g, Value *args, int nargs, Value *res)
{
    int64_t flags;
    if (nargs < 3 || VKIND(args[1]) != VK_STRING || !goro_arg_int(args, nargs, 2, &flags))
        return goro_runtime_error(g, "log.New: expects a writer, a prefix string and flags");
    LoggerObj *l = (LoggerObj *)logger_zero();
    l->out = args[0];
    l->prefix = args[1];
    l->flags = flags;
    res[0] = goro_obj_value(&l->obj);
    return 1;
}

static int f_default(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g), GORO_UNUSED(args), GORO_UNUSED(nargs);
    res[0] = goro_obj_value(&std_logger->obj);
    return 1;
}

void goro_pkg_log_init(void)
{
    Package *p = goro_pkg_new("log");
    Type *t = goro_pkg_obj_type(p, "log", "Logger", &logger_class, logger_zero);

    std_logger = (LoggerObj *)logger_zero();
    std_logger->flags = L_STD;
    Package *os = goro_pkg_find("os");
    PkgMember *se = os ? goro_pkg_member(os, goro_intern_cstr("Stderr")) : NULL;
    std_logger->out = se && se->box ? se->box->v : goro_nil();

    static const struct { const char *name; NativeFn fn, method; } fns[] = {
        {"Print", f_Print, m_Print}, {"Println", f_Println, m_Println}, {"Printf", f_Printf, m_Printf},
        {"Fatal", f_Fatal, m_Fatal}, {"Fatalln", f_Fatalln, m_Fatalln}, {"Fatalf", f_Fatalf, m_Fatalf},
        {"Panic", f_Panic, m_Panic}, {"Panicln", f_Panicln, m_Panicln}, {"Panicf", f_Panicf, m_Panicf},
        {"SetFlags", f_SetFlags, m_SetFlags}, {"SetPrefix", f_SetPrefix, m_SetPrefix},
        {"SetOutput", f_SetOutput, m_SetOutput}, {"Flags", f_Flags, m_Flags},
        {"Prefix", f_Prefix, m_Prefix}, {"Writer", f_Writer, m_Writer}, {"Output", f_output, m_output},
    };
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
        goro_pkg_func(p, fns[i].name, fns[i].fn);
        goro_pkg_method(t, fns[i].name, fns[i].method);
    }
    goro_pkg_func(p, "New", f_new);
    goro_pkg_func(p, "Default", f_default);
    static const struct { const char *name; int64_t v; } consts[] = {
        {"Ldate", L_DATE}, {"Ltime", L_TIME}, {"Lmicroseconds", L_MICRO}, {"Llongfile", L_LONGFILE},
        {"Lshortfile", L_SHORTFILE}, {"LUTC", L_UTC}, {"Lmsgprefix", L_MSGPREFIX}, {"LstdFlags", L_STD},
    };
    for (size_t i = 0; i < sizeof consts / sizeof consts[0]; i++)
        goro_pkg_const(p, consts[i].name, goro_int(consts[i].v));
}
