/* os_proc.c: processes and signals in package os: the Signal interface,
 * Interrupt and Kill (syscall.Signals), FindProcess and *Process with
 * its Pid field, Signal, Kill and Release. */
#include <errno.h>
#include <signal.h>
#include <sys/types.h>

#include "errors_obj.h"
#include "os_impl.h"
#include "rw.h"
#include "syscall_pkg.h"
#include "vm.h"

typedef struct ProcObj {
    Obj obj;
    int64_t pid;
    bool released;
} ProcObj;

static bool proc_getfield(Obj *o, const char *name, Value *out);
static ObjClass proc_class = {.name = "*os.Process", .getfield = proc_getfield};
static const char *s_pid;
static Value process_done;   /* os.ErrProcessDone */

static bool proc_getfield(Obj *o, const char *name, Value *out)
{
    if (name != s_pid)
        return false;
    *out = goro_int(((ProcObj *)o)->pid);
    return true;
}

static ProcObj *as_proc(Value v)
{
    return (ProcObj *)goro_rw_obj_of(v, &proc_class);
}

/* os.FindProcess(pid): on Unix it always succeeds, as Go's. */
static int f_findprocess(G *g, Value *args, int nargs, Value *res)
{
    int64_t pid;
    if (!goro_arg_int(args, nargs, 0, &pid))
        return goro_runtime_error(g, "os.FindProcess: pid must be an int");
    ProcObj *p = goro_alloc(sizeof *p);
    p->obj.cls = &proc_class;
    p->pid = pid;
    res[0] = goro_obj_value(&p->obj);
    res[1] = goro_nil();
    return 2;
}

static int send(G *g, ProcObj *p, int sig, Value *res)
{
    if (p->released || p->pid <= 0) {
        res[0] = goro_error_new(goro_str_cstr(p->released ? "os: process already released"
                                                          : "os: process not initialized"));
        return 1;
    }
    GORO_UNUSED(g);
    if (kill((pid_t)p->pid, sig) == 0)
        res[0] = goro_nil();
    else if (errno == ESRCH)
        res[0] = process_done;
    else
        res[0] = goro_os_errno(errno);
    return 1;
}

static int p_signal(G *g, Value *args, int nargs, Value *res)
{
    GORO_RECV(ProcObj, p, as_proc);
    int sig;
    if (nargs < 2 || !goro_syscall_signal_num(args[1], &sig)) {
        res[0] = goro_error_new(goro_str_cstr("os: unsupported signal type"));
        return 1;
    }
    return send(g, p, sig, res);
}

static int p_kill(G *g, Value *args, int nargs, Value *res)
{
    GORO_RECV(ProcObj, p, as_proc);
    return send(g, p, SIGKILL, res);
}

static int p_release(G *g, Value *args, int nargs, Value *res)
{
    GORO_RECV(ProcObj, p, as_proc);
    p->released = true;
    p->pid = -1;
    res[0] = goro_nil();
    return 1;
}

void goro_os_proc_init(Package *p)
{
    s_pid = goro_intern_cstr("Pid");
    PkgMember *done = goro_pkg_member(p, goro_intern_cstr("ErrProcessDone"));
    process_done = done && done->box ? done->box->v : goro_error_new(goro_str_cstr("os: process already finished"));
    goro_pkg_iface(p, "Signal", "Signal String");
    goro_pkg_var(p, "Interrupt", goro_syscall_signal(SIGINT));
    goro_pkg_var(p, "Kill", goro_syscall_signal(SIGKILL));
    Type *t = goro_pkg_obj_type(p, "os", "Process", &proc_class, NULL);
    goro_pkg_method(t, "Signal", p_signal);
    goro_pkg_method(t, "Kill", p_kill);
    goro_pkg_method(t, "Release", p_release);
    goro_pkg_func(p, "FindProcess", f_findprocess);
}
