/* os_error.c: os's errors: the sentinels (ErrNotExist, ErrClosed, ...),
 * syscall.Errno, *PathError, *LinkError, *SyscallError, and IsNotExist,
 * IsExist, IsPermission, IsTimeout.
 *
 * As in Go, a failed system call gives a *PathError whose Err is a
 * syscall.Errno; errors.Is(err, os.ErrNotExist) unwraps the PathError to
 * the Errno and asks its Is method, which says ENOENT is ErrNotExist.
 * os.IsNotExist unwraps only one PathError/LinkError/SyscallError (not a
 * fmt.Errorf chain), as Go's does. */
#include <errno.h>

#include "errors_obj.h"
#include "format.h"
#include "io_errors.h"
#include "os_impl.h"
#include "vm.h"

static Value sentinels[OS_NERR];
static Type *errno_t;

Value goro_os_err(OsErr which) { return sentinels[which]; }

static Value skip_dir, skip_all;
Value goro_os_skip_dir(void) { return skip_dir; }
Value goro_os_skip_all(void) { return skip_all; }

Value goro_os_errno(int e) { return goro_typed(goro_int(e), errno_t); }

static bool is_errno(Value v) { return VKIND(v) == VK_INT && VTYPEID(v) == errno_t->id; }

bool goro_os_same_error(Value a, Value b)
{
    if (VKIND(a) != VKIND(b) || a.tt != b.tt)
        return false;
    if (VKIND(a) == VK_INT)
        return a.u.i == b.u.i;
    if (VKIND(a) == VK_NIL)
        return true;
    if (VKIND(a) == VK_OBJ)
        return a.u.p == b.u.p;
    const char *err = NULL;
    return goro_value_equal(a, b, &err) && !err;
}

/* err.Error() for any error value; -1 when an Error method panicked. */
static int error_text(G *g, Value err, Value *out)
{
    if (is_errno(err)) {
        *out = goro_str_cstr(goro_errno_string((int)err.u.i));
        return 0;
    }
    if (goro_is_error_obj(err)) {
        *out = goro_error_message(err);
        return 0;
    }
    if (VKIND(err) == VK_NIL) {
        *out = goro_str_cstr("<nil>");
        return 0;
    }
    Value r = goro_nil();
    int n = goro_fmt_call_method(g, err, "Error", NULL, 0, &r, 1);
    if (n == -1)
        return -1;
    if (n < 1 || VKIND(r) != VK_STRING)
        return goro_runtime_error(g, "%s does not implement error (missing method Error)",
                                  goro_type_of(err)->name);
    *out = r;
    return 0;
}

/* Does err.Timeout() say true?  -1 when the method panicked. */
static int timeout_of(G *g, Value err)
{
    if (is_errno(err)) {
        int e = (int)err.u.i;
        return e == EAGAIN || e == EWOULDBLOCK || e == ETIMEDOUT;
    }
    if (VKIND(err) == VK_NIL || goro_is_error_obj(err))
        return 0;
    Value r = goro_nil();
    int n = goro_fmt_call_method(g, err, "Timeout", NULL, 0, &r, 1);
    if (n == -1)
        return -1;
    return n >= 1 && VKIND(r) == VK_BOOL && r.u.i;
}

/* ---------------------------------------------------------------- Errno */

static int errno_error(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g);
    res[0] = goro_str_cstr(goro_errno_string(nargs ? (int)args[0].u.i : 0));
    return 1;
}

static bool errno_is(int e, Value target)
{
    if (goro_os_same_error(target, sentinels[OS_ERR_PERMISSION]))
        return e == EACCES || e == EPERM;
    if (goro_os_same_error(target, sentinels[OS_ERR_EXIST]))
        return e == EEXIST || e == ENOTEMPTY;
    if (goro_os_same_error(target, sentinels[OS_ERR_NOT_EXIST]))
        return e == ENOENT;
    return false;
}

static int errno_is_m(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g);
    res[0] = goro_bool(nargs >= 2 && errno_is((int)args[0].u.i, args[1]));
    return 1;
}

static int errno_timeout(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g);
    int e = nargs ? (int)args[0].u.i : 0;
    res[0] = goro_bool(e == EAGAIN || e == EWOULDBLOCK || e == ETIMEDOUT);
    return 1;
}

static int errno_temporary(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g);
    int e = nargs ? (int)args[0].u.i : 0;
    res[0] = goro_bool(e == EINTR || e == EMFILE || e == ENFILE || e == EAGAIN ||
                       e == EWOULDBLOCK || e == ETIMEDOUT);
    return 1;
}

/* ------------------------------------------- PathError, LinkError, SyscallError */

/* One layout for the three: Op (Syscall), Path (Old), New, Err. */
typedef struct OsError {
    Obj obj;
    Value op, path, newp, err;
} OsError;

static ObjClass path_class = {.name = "*fs.PathError"};
static ObjClass link_class = {.name = "*os.LinkError"};
static ObjClass syscall_class = {.name = "*os.SyscallError"};

static OsError *as_oserr(Value v)
{
    if (VKIND(v) == VK_PTR && v.u.p)
        v = *(Value *)v.u.p;
    if (VKIND(v) != VK_OBJ || !v.u.p)
        return NULL;
    const ObjClass *c = ((Obj *)v.u.p)->cls;
    return c == &path_class || c == &link_class || c == &syscall_class ? v.u.p : NULL;
}

static Value new_oserr(ObjClass *cls, Value op, Value path, Value newp, Value err)
{
    OsError *e = goro_alloc(sizeof *e);
    e->obj.cls = cls;
    e->op = op;
    e->path = path;
    e->newp = newp;
    e->err = err;
    return goro_obj_value(&e->obj);
}

Value goro_os_path_error(const char *op, const char *path, Value err)
{
    return new_oserr(&path_class, goro_str_cstr(op), goro_str_cstr(path), goro_nil(), err);
}

Value goro_os_nul_path_error(const char *op, Value path)
{
    path.tt = VK_STRING;
    return new_oserr(&path_class, goro_str_cstr(op), path, goro_nil(), goro_os_errno(EINVAL));
}

Value goro_os_path_errno(const char *op, const char *path, int e)
{
    return goro_os_path_error(op, path, goro_os_errno(e));
}

Value goro_os_link_error(const char *op, const char *oldp, const char *newp, Value err)
{
    return new_oserr(&link_class, goro_str_cstr(op), goro_str_cstr(oldp), goro_str_cstr(newp), err);
}

Value goro_os_syscall_error(const char *name, int e)
{
    return new_oserr(&syscall_class, goro_str_cstr(name), goro_nil(), goro_nil(), goro_os_errno(e));
}

Value goro_os_underlying(Value err)
{
    OsError *e = as_oserr(err);
    return e ? e->err : err;
}

static bool oserr_getfield(Obj *o, const char *name, Value *out)
{
    OsError *e = (OsError *)o;
    if (o->cls == &syscall_class) {
        if (!strcmp(name, "Syscall"))
            return *out = e->op, true;
    } else if (!strcmp(name, "Op")) {
        return *out = e->op, true;
    } else if (o->cls == &path_class && !strcmp(name, "Path")) {
        return *out = e->path, true;
    } else if (o->cls == &link_class && !strcmp(name, "Old")) {
        return *out = e->path, true;
    } else if (o->cls == &link_class && !strcmp(name, "New")) {
        return *out = e->newp, true;
    }
    if (!strcmp(name, "Err"))
        return *out = e->err, true;
    return false;
}

#define NEED_OSERR(var)                                                                      \
    OsError *var = nargs ? as_oserr(args[0]) : NULL;                                         \
    if (!var)                                                                                \
        return goro_nil_deref(g)

static int oserr_error(G *g, Value *args, int nargs, Value *res)
{
    NEED_OSERR(e);
    Value text = goro_nil();
    if (error_text(g, e->err, &text) < 0)
        return GORO_NATIVE_PANIC;
    Buf b = {0};
    goro_buf_put(&b, e->op.u.s, e->op.aux);
    if (e->obj.cls == &path_class) {
        goro_buf_putc(&b, ' ');
        goro_buf_put(&b, e->path.u.s, e->path.aux);
    } else if (e->obj.cls == &link_class) {
        goro_buf_putc(&b, ' ');
        goro_buf_put(&b, e->path.u.s, e->path.aux);
        goro_buf_putc(&b, ' ');
        goro_buf_put(&b, e->newp.u.s, e->newp.aux);
    }
    goro_buf_puts(&b, ": ");
    goro_buf_put(&b, text.u.s, text.aux);
    res[0] = goro_buf_string(&b);
    return 1;
}

static int oserr_unwrap(G *g, Value *args, int nargs, Value *res)
{
    NEED_OSERR(e);
    res[0] = e->err;
    return 1;
}

static int oserr_timeout(G *g, Value *args, int nargs, Value *res)
{
    NEED_OSERR(e);
    int t = timeout_of(g, e->err);
    if (t < 0)
        return GORO_NATIVE_PANIC;
    res[0] = goro_bool(t);
    return 1;
}

/* ------------------------------------------------------- IsNotExist ... */

/* Go's underlyingErrorIs: the error under one *PathError layer equals
 * [target], or is an Errno whose Is says so. */
static bool underlying_is(Value err, OsErr target)
{
    err = goro_os_underlying(err);
    if (goro_os_same_error(err, sentinels[target]))
        return true;
    return is_errno(err) && errno_is((int)err.u.i, sentinels[target]);
}

static int os_isnotexist(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g);
    res[0] = goro_bool(nargs && underlying_is(args[0], OS_ERR_NOT_EXIST));
    return 1;
}

static int os_isexist(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g);
    res[0] = goro_bool(nargs && underlying_is(args[0], OS_ERR_EXIST));
    return 1;
}

static int os_ispermission(G *g, Value *args, int nargs, Value *res)
{
    GORO_UNUSED(g);
    res[0] = goro_bool(nargs && underlying_is(args[0], OS_ERR_PERMISSION));
    return 1;
}

static int os_istimeout(G *g, Value *args, int nargs, Value *res)
{
    if (!nargs) {
        res[0] = goro_bool(false);
        return 1;
    }
    int t = timeout_of(g, goro_os_underlying(args[0]));
    if (t < 0)
        return GORO_NATIVE_PANIC;
    res[0] = goro_bool(t);
    return 1;
}

static Type *oserr_type(Package *p, const char *pkg, const char *name, ObjClass *cls)
{
    Type *t = goro_pkg_obj_type(NULL, pkg, name, cls, NULL);
    cls->getfield = oserr_getfield;
    goro_pkg_type(p, name, t);
    goro_pkg_method(t, "Error", oserr_error);
    goro_pkg_method(t, "Unwrap", oserr_unwrap);
    if (cls != &link_class)
        goro_pkg_method(t, "Timeout", oserr_timeout);
    return t;
}

void goro_os_errors_init(Package *p)
{
    static const struct {
        const char *name, *msg;
    } names[OS_NERR] = {
        [OS_ERR_INVALID] = {"ErrInvalid", "invalid argument"},
        [OS_ERR_PERMISSION] = {"ErrPermission", "permission denied"},
        [OS_ERR_EXIST] = {"ErrExist", "file already exists"},
        [OS_ERR_NOT_EXIST] = {"ErrNotExist", "file does not exist"},
        [OS_ERR_CLOSED] = {"ErrClosed", "file already closed"},
        [OS_ERR_NO_DEADLINE] = {"ErrNoDeadline", "file type does not support deadline"},
    };
    for (int i = 0; i < OS_NERR; i++) {
        sentinels[i] = goro_error_new(goro_str_cstr(names[i].msg));
        goro_pkg_var(p, names[i].name, sentinels[i]);
    }
    skip_dir = goro_error_new(goro_str_cstr("skip this directory"));
    skip_all = goro_error_new(goro_str_cstr("skip everything and stop the walk"));
    goro_pkg_var(p, "ErrDeadlineExceeded", goro_poll_err_deadline());
    goro_pkg_var(p, "ErrProcessDone", goro_error_new(goro_str_cstr("os: process already finished")));

    errno_t = goro_type_named("syscall", "Errno", goro_t_uintptr);
    goro_pkg_method(errno_t, "Error", errno_error);
    goro_pkg_method(errno_t, "Is", errno_is_m);
    goro_pkg_method(errno_t, "Timeout", errno_timeout);
    goro_pkg_method(errno_t, "Temporary", errno_temporary);

    oserr_type(p, "fs", "PathError", &path_class);
    oserr_type(p, "os", "LinkError", &link_class);
    oserr_type(p, "os", "SyscallError", &syscall_class);
    goro_pkg_func(p, "IsNotExist", os_isnotexist);
    goro_pkg_func(p, "IsExist", os_isexist);
    goro_pkg_func(p, "IsPermission", os_ispermission);
    goro_pkg_func(p, "IsTimeout", os_istimeout);
}
